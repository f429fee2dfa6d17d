"""Emulator DDS day-2 operations: resize per node group, enlarge, add nodes, backup policy, port, security group, SSL,
password, tags, manual backups, restorable times and restore to a new instance; actions[] on the emulator clock."""
from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.tests.day2_helpers import DDS, DDS_SDK, READY_DELAY, Api, model_problems

CLUSTER = {"mode": "Sharding", "datastore": {"type": "DDS-Community", "version": "4.0", "storage_engine": "wiredTiger"},
           "flavor": [{"type": "mongos", "num": 2, "spec_code": "dds.mongodb.s6.large.4.mongos"},
                      {"type": "shard", "num": 2, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.mongodb.s6.large.4.shard"},
                      {"type": "config", "num": 1, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.mongodb.s6.large.2.config"}]}


@pytest.fixture(name="api")
def fixture_api() -> Api:
    """Fresh emulator."""
    return Api()


def replica_set(api: Api, **spec: Any) -> str:
    """A ready 3-node replica set (10 GB, dds.mongodb.s6.large.2.repset, port 8635)."""
    return api.seed("dds", instances=[dict({"name": "day2-repset"}, **spec)])[0]


def cluster(api: Api, name: str = "day2-cluster", **spec: Any) -> str:
    """A ready cluster: 2 mongos, 2 shards of 20 GB, 1 config group."""
    return api.seed("dds", instances=[dict(CLUSTER, name=name, **spec)])[0]


def groups(api: Api, instance_id: str, kind: str) -> list[dict[str, Any]]:
    """The listed groups of one type."""
    return [group for group in api.listed(DDS, instance_id)["groups"] if group["type"] == kind]


# -- resize ------------------------------------------------------------------------------------------------------------
def test_resize_one_shard_shows_an_action(api: Api) -> None:
    instance_id = cluster(api)
    shard = groups(api, instance_id, "shard")[0]
    body = {"resize": {"target_type": "shard", "target_id": shard["id"], "target_spec_code": "dds.mongodb.s6.xlarge.4.shard"}}
    assert model_problems(body, DDS_SDK, "ResizeInstanceRequestBody") == []
    answer = api.ok("POST", f"{DDS}/instances/{instance_id}/resize", 202, json=body)
    assert model_problems(answer, DDS_SDK, "ResizeInstanceResponse") == []
    listed = api.listed(DDS, instance_id)
    assert (listed["status"], listed["actions"]) == ("normal", ["RESIZE_FLAVOR"])
    nodes = {node["status"] for group in listed["groups"] if group.get("id") == shard["id"] for node in group["nodes"]}
    others = {node["status"] for group in listed["groups"] if group.get("id") != shard["id"] for node in group["nodes"]}
    assert (nodes, others) == ({"resize_flavor"}, {"normal"})
    assert api.job(DDS, answer["job_id"])["name"] == "ResizeMongoDBInstance"
    api.refused("POST", f"{DDS}/instances/{instance_id}/modify-port", 403, "DBS.200019", json={"port": 8636})
    api.advance(READY_DELAY + 1)
    listed = api.listed(DDS, instance_id)
    assert listed["actions"] == []
    specs = [node["spec_code"] for group in listed["groups"] if group["type"] == "shard" for node in group["nodes"]]
    assert specs == ["dds.mongodb.s6.xlarge.4.shard"] * 3 + ["dds.mongodb.s6.large.4.shard"] * 3
    assert api.job(DDS, answer["job_id"])["status"] == "Completed"


def test_resize_mongos_and_replica_set(api: Api) -> None:
    instance_id = cluster(api)
    mongos = groups(api, instance_id, "mongos")[0]["nodes"][1]
    api.ok("POST", f"{DDS}/instances/{instance_id}/resize", 202,
           json={"resize": {"target_type": "mongos", "target_id": mongos["id"], "target_spec_code": "dds.mongodb.s6.xlarge.4.mongos"}})
    api.advance(READY_DELAY + 1)
    assert [node["spec_code"] for node in groups(api, instance_id, "mongos")[0]["nodes"]] == [
        "dds.mongodb.s6.large.4.mongos", "dds.mongodb.s6.xlarge.4.mongos"]
    repset = replica_set(api)
    api.ok("POST", f"{DDS}/instances/{repset}/resize", 202, json={"resize": {"target_id": repset, "target_spec_code": "dds.mongodb.s6.xlarge.2.repset"}})
    api.advance(READY_DELAY + 1)
    assert {node["spec_code"] for node in groups(api, repset, "replica")[0]["nodes"]} == {"dds.mongodb.s6.xlarge.2.repset"}


@pytest.mark.parametrize("resize, code, status", [
    ({"target_type": "shard", "target_id": "nope", "target_spec_code": "x.shard"}, "DBS.200013", 404),
    ({"target_type": "replica", "target_id": "x", "target_spec_code": "x"}, "DBS.200001", 400),
    ({"target_type": "readonly", "target_id": "x", "target_spec_code": "x"}, "DBS.200013", 404),
    ({"target_type": "shard", "target_ids": [], "target_spec_code": "x.shard"}, "DBS.200001", 400),
    ({"target_type": "shard", "target_id": "SHARD", "target_spec_code": "dds.mongodb.s6.large.4.shard"}, "DBS.200054", 400),
    ({"target_type": "shard", "target_id": "SHARD"}, "DBS.200054", 400),
])
def test_resize_rules(api: Api, resize: dict[str, Any], code: str, status: int) -> None:
    instance_id = cluster(api)
    shard_id = groups(api, instance_id, "shard")[0]["id"]
    option = {key: (shard_id if value == "SHARD" else value) for key, value in resize.items()}
    api.refused("POST", f"{DDS}/instances/{instance_id}/resize", status, code, json={"resize": option})


def test_force_resize_is_not_for_mongos(api: Api) -> None:
    instance_id = cluster(api)
    mongos = groups(api, instance_id, "mongos")[0]["nodes"][0]
    api.refused("POST", f"{DDS}/instances/{instance_id}/resize", 400, "DBS.200001", json={
        "resize": {"target_type": "mongos", "target_id": mongos["id"], "target_spec_code": "x.mongos"}, "is_force_resize": True})
    repset = replica_set(api)
    api.refused("POST", f"{DDS}/instances/{repset}/resize", 400, "DBS.200001", json={"resize": {"target_spec_code": "x.repset"}})


# -- enlarge volume, add nodes ---------------------------------------------------------------------------------------------
def test_enlarge_a_shard_with_the_size_as_string_or_number(api: Api) -> None:
    instance_id = cluster(api)
    first, second = (group["id"] for group in groups(api, instance_id, "shard"))
    body = {"volume": {"size": "30", "group_id": first}, "is_auto_pay": False}
    assert model_problems(body, DDS_SDK, "ResizeInstanceVolumeRequestBody") == []
    answer = api.ok("POST", f"{DDS}/instances/{instance_id}/enlarge-volume", 202, json=body)
    assert model_problems(answer, DDS_SDK, "ResizeInstanceVolumeResponse") == []
    assert api.listed(DDS, instance_id)["actions"] == ["RESIZE_VOLUME"]
    api.advance(READY_DELAY + 1)
    api.ok("POST", f"{DDS}/instances/{instance_id}/enlarge-volume", 202, json={"volume": {"size": 40, "group_id": second}})
    api.advance(READY_DELAY + 1)
    assert [group["volume"]["size"] for group in groups(api, instance_id, "shard")] == ["30", "40"]


@pytest.mark.parametrize("volume, status, code", [
    ({"size": 20, "group_id": "SHARD"}, 400, "DBS.200306"), ({"size": 25, "group_id": "SHARD"}, 400, "DBS.200302"),
    ({"size": 2010, "group_id": "SHARD"}, 400, "DBS.200306"), ({"size": "ten", "group_id": "SHARD"}, 400, "DBS.200001"),
    ({"size": 30, "group_id": "CONFIG"}, 400, "DBS.200001"), ({"size": 30}, 400, "DBS.200001"),
    ({"size": 30, "group_id": "unknown"}, 404, "DBS.200013"),
])
def test_enlarge_volume_rules(api: Api, volume: dict[str, Any], status: int, code: str) -> None:
    instance_id = cluster(api)
    ids = {"SHARD": groups(api, instance_id, "shard")[0]["id"], "CONFIG": groups(api, instance_id, "config")[0]["id"]}
    api.refused("POST", f"{DDS}/instances/{instance_id}/enlarge-volume", status, code,
                json={"volume": {key: ids.get(value, value) if key == "group_id" else value for key, value in volume.items()}})


def test_enlarge_a_replica_set_up_to_its_limit(api: Api) -> None:
    instance_id = replica_set(api, status="data_disk_full")
    api.refused("POST", f"{DDS}/instances/{instance_id}/enlarge-volume", 400, "DBS.200001", json={"volume": {"size": 20, "group_id": "g"}})
    api.refused("POST", f"{DDS}/instances/{instance_id}/enlarge-volume", 400, "DBS.200306", json={"volume": {"size": 2010}})
    api.ok("POST", f"{DDS}/instances/{instance_id}/enlarge-volume", 202, json={"volume": {"size": 2000}})
    assert api.listed(DDS, instance_id)["status"] == "normal"
    api.advance(READY_DELAY + 1)
    assert groups(api, instance_id, "replica")[0]["volume"]["size"] == "2000"


def test_add_shards_and_mongos(api: Api) -> None:
    instance_id = cluster(api)
    body = {"type": "shard", "spec_code": "dds.mongodb.s6.large.4.shard", "num": "2", "volume": {"size": "30"}}
    assert model_problems(body, DDS_SDK, "EnlargeInstanceRequestBody") == []
    answer = api.ok("POST", f"{DDS}/instances/{instance_id}/enlarge", 202, json=body)
    assert model_problems(answer, DDS_SDK, "AddShardingNodeResponse") == []
    assert api.listed(DDS, instance_id)["actions"] == ["SHARD_GROWING"]
    api.advance(READY_DELAY + 1)
    assert [group["volume"]["size"] for group in groups(api, instance_id, "shard")] == ["20", "20", "30", "30"]
    api.ok("POST", f"{DDS}/instances/{instance_id}/enlarge", 202, json={"type": "mongos", "spec_code": "dds.mongodb.s6.large.4.mongos", "num": 1})
    api.advance(READY_DELAY + 1)
    assert len(groups(api, instance_id, "mongos")[0]["nodes"]) == 3


@pytest.mark.parametrize("body, code", [
    ({"type": "config", "spec_code": "x", "num": 1}, "DBS.200001"),
    ({"type": "shard", "spec_code": "dds.mongodb.s6.xlarge.4.shard", "num": 1, "volume": {"size": 20}}, "DBS.200054"),
    ({"type": "shard", "spec_code": "dds.mongodb.s6.large.4.shard", "num": 1}, "DBS.200001"),
    ({"type": "mongos", "spec_code": "dds.mongodb.s6.large.4.mongos", "num": 1, "volume": {"size": 10}}, "DBS.200001"),
    ({"type": "mongos", "spec_code": "dds.mongodb.s6.large.4.mongos", "num": 31}, "DBS.201204"),
    ({"type": "shard", "spec_code": "dds.mongodb.s6.large.4.shard", "num": 1, "volume": {"size": 15}}, "DBS.200302"),
])
def test_add_node_rules(api: Api, body: dict[str, Any], code: str) -> None:
    api.refused("POST", f"{DDS}/instances/{cluster(api)}/enlarge", 400, code, json=body)


def test_add_replica_set_nodes(api: Api) -> None:
    instance_id = replica_set(api)
    api.refused("POST", f"{DDS}/instances/{instance_id}/replicaset-node", 400, "DBS.201204", json={"num": 3})
    answer = api.ok("POST", f"{DDS}/instances/{instance_id}/replicaset-node", 202, json={"num": 2})
    assert model_problems(answer, DDS_SDK, "ExpandReplicasetNodeResponse") == []
    api.advance(READY_DELAY + 1)
    nodes = groups(api, instance_id, "replica")[0]["nodes"]
    assert [node["role"] for node in nodes] == ["Primary", "Secondary", "Secondary", "Secondary", "Hidden"]
    api.refused("POST", f"{DDS}/instances/{instance_id}/replicaset-node", 400, "DBS.201204", json={"num": 4})
    api.refused("POST", f"{DDS}/instances/{cluster(api)}/replicaset-node", 400, "DBS.200001", json={"num": 2})


# -- backup policy, port, security group, SSL, password -------------------------------------------------------------------------
def test_backup_policy(api: Api) -> None:
    instance_id = replica_set(api)
    body = {"backup_policy": {"keep_days": "9", "start_time": "23:00-00:00", "period": "1,4,5,6,7", "enable_incremental_backup": False}}
    assert model_problems(body, DDS_SDK, "SetBackupPolicyRequestBody") == []
    assert api.ok("PUT", f"{DDS}/instances/{instance_id}/backups/policy", json=body) == {}
    shown = api.ok("GET", f"{DDS}/instances/{instance_id}/backups/policy")
    assert shown == {"backup_policy": {"keep_days": 9, "start_time": "23:00-00:00", "period": "1,4,5,6,7", "enable_incremental_backup": False}}
    assert model_problems(shown, DDS_SDK, "ShowBackupPolicyResponse") == []
    assert api.listed(DDS, instance_id)["backup_strategy"] == {"start_time": "23:00-00:00", "keep_days": 9}
    assert api.ok("PUT", f"{DDS}/instances/{instance_id}/backups/policy", json={"backup_policy": {"keep_days": 0}}) == {}
    assert api.ok("GET", f"{DDS}/instances/{instance_id}/backups/policy") == {"backup_policy": {"keep_days": 0}}


@pytest.mark.parametrize("policy, code", [
    ({"keep_days": 733, "start_time": "23:00-00:00", "period": "1"}, "DBS.201106"),
    ({"keep_days": 3, "start_time": "23:00-00:00", "period": "1,2"}, "DBS.201101"),  # 1-6 days: every day
    ({"keep_days": 8, "start_time": "23:00-00:00", "period": ""}, "DBS.201101"),
    ({"keep_days": 8, "start_time": "23:10-00:10", "period": "1"}, "DBS.201103"),
    ({"keep_days": 8, "period": "1"}, "DBS.201103"),
    ({"keep_days": "x"}, "DBS.201106"),
])
def test_backup_policy_rules(api: Api, policy: dict[str, Any], code: str) -> None:
    api.refused("PUT", f"{DDS}/instances/{replica_set(api)}/backups/policy", 400, code, json={"backup_policy": policy})


def test_port_security_group_and_ssl(api: Api) -> None:
    instance_id = replica_set(api)
    port = api.ok("POST", f"{DDS}/instances/{instance_id}/modify-port", json={"port": 8636})
    assert port["port"] == 8636 and model_problems(port, DDS_SDK, "UpdateInstancePortResponse") == []
    assert api.listed(DDS, instance_id)["actions"] == ["MODIFY_PORT"]
    api.advance(READY_DELAY + 1)
    group = api.ok("POST", f"{DDS}/instances/{instance_id}/modify-security-group", json={"security_group_id": "sg-new"})
    assert model_problems(group, DDS_SDK, "UpdateSecurityGroupResponse") == []
    api.advance(READY_DELAY + 1)
    ssl = api.ok("POST", f"{DDS}/instances/{instance_id}/switch-ssl", json={"ssl_option": "0"})
    assert ssl["ssl_option"] == "0" and model_problems(ssl, DDS_SDK, "SwitchSslResponse") == []
    assert api.listed(DDS, instance_id)["ssl"] == 1
    api.advance(READY_DELAY + 1)
    listed = api.listed(DDS, instance_id)
    assert (listed["port"], listed["security_group_id"], listed["ssl"], listed["actions"]) == ("8636", "sg-new", 0, [])
    assert [api.job(DDS, answer["job_id"])["name"] for answer in (port, group, ssl)] == ["ModifyPort", "ModifySecurityGroup", "SwitchInstanceSSL"]


@pytest.mark.parametrize("path, body, code", [
    ("modify-port", {"port": 9600}, "DBS.201204"), ("modify-port", {"port": "abc"}, "DBS.200001"),
    ("modify-security-group", {"security_group_id": ""}, "DBS.200001"),
    ("switch-ssl", {"ssl_option": 1}, "DBS.201204"), ("switch-ssl", {"ssl_option": "on"}, "DBS.201204"),
])
def test_port_security_group_and_ssl_rules(api: Api, path: str, body: dict[str, Any], code: str) -> None:
    api.refused("POST", f"{DDS}/instances/{replica_set(api)}/{path}", 400, code, json=body)


def test_reset_password(api: Api) -> None:
    instance_id = replica_set(api)
    body = {"user_pwd": "N3w-Passw0rd!", "user_name": "rwuser", "db_name": "admin"}
    assert model_problems(body, DDS_SDK, "ResetPasswordRequestBody") == []
    assert api.ok("PUT", f"{DDS}/instances/{instance_id}/reset-password", json=body) == {}
    api.refused("PUT", f"{DDS}/instances/{instance_id}/reset-password", 400, "DBS.200052", json={"user_pwd": "NoSpecial123"})
    api.refused("PUT", f"{DDS}/instances/{instance_id}/reset-password", 400, "DBS.200001", json={"user_pwd": "N3w-Passw0rd!", "user_name": "bad name"})
    api.admin("POST", f"instances/{instance_id}/status", json={"status": "frozen"})
    api.refused("PUT", f"{DDS}/instances/{instance_id}/reset-password", 403, "DBS.201014", json={"user_pwd": "N3w-Passw0rd!"})


# -- tags -------------------------------------------------------------------------------------------------------------
def test_tags(api: Api) -> None:
    instance_id = replica_set(api)
    body = {"action": "create", "tags": [{"key": "team", "value": "db.ops"}, {"key": " padded ", "value": " x "}]}
    assert model_problems(body, DDS_SDK, "BatchOperateInstanceTagRequestBody") == []
    assert api.ok("POST", f"{DDS}/instances/{instance_id}/tags/action", json=body) == {}
    listed = api.ok("GET", f"{DDS}/instances/{instance_id}/tags")
    assert listed == {"tags": [{"key": "team", "value": "db.ops"}, {"key": "padded", "value": "x"}]}
    assert model_problems(listed, DDS_SDK, "ListInstanceTagsResponse") == []
    api.ok("POST", f"{DDS}/instances/{instance_id}/tags/action", json={"action": "delete", "tags": [{"key": "padded"}, {"key": "gone"}]})
    assert api.listed(DDS, instance_id)["tags"] == [{"key": "team", "value": "db.ops"}]
    for tag in ({"key": "k" * 37, "value": "v"}, {"key": "k", "value": "v" * 44}, {"key": "a:b", "value": "v"}, {"key": "k", "value": "a/b"}):
        api.refused("POST", f"{DDS}/instances/{instance_id}/tags/action", 400, "DBS.200001", json={"action": "create", "tags": [tag]})
    api.refused("POST", f"{DDS}/instances/{instance_id}/tags/action", 400, "DBS.280272",
                json={"action": "create", "tags": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]})
    many = [{"key": f"k{index}", "value": "v"} for index in range(20)]
    api.refused("POST", f"{DDS}/instances/{instance_id}/tags/action", 400, "DBS.200087", json={"action": "create", "tags": many})


def test_tags_given_at_create(api: Api) -> None:
    body = {"name": "tagged", "datastore": {"type": "DDS-Community", "version": "4.0", "storage_engine": "wiredTiger"},
            "region": "eu-de", "availability_zone": "eu-de-01", "vpc_id": "v", "subnet_id": "s", "security_group_id": "g",
            "password": "Test@12345678", "mode": "ReplicaSet", "ssl_option": "1", "tags": [{"key": "env", "value": "prod"}],
            "flavor": [{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 10, "spec_code": "dds.mongodb.s6.large.2.repset"}]}
    instance_id = api.ok("POST", f"{DDS}/instances", 202, json=body)["id"]
    assert api.ok("GET", f"{DDS}/instances/{instance_id}/tags") == {"tags": [{"key": "env", "value": "prod"}]}


# -- manual backups -----------------------------------------------------------------------------------------------------
def test_manual_backup_life_cycle(api: Api) -> None:
    instance_id = replica_set(api)
    body = {"backup": {"instance_id": instance_id, "name": "mybackup1", "description": "before the upgrade"}}
    assert model_problems(body, DDS_SDK, "CreateManualBackupRequestBody") == []
    answer = api.ok("POST", f"{DDS}/backups", json=body)
    assert sorted(answer) == ["backup_id", "job_id"] and answer["backup_id"].endswith("br02")
    assert model_problems(answer, DDS_SDK, "CreateManualBackupResponse") == []
    listed = api.listed(DDS, instance_id)
    assert (listed["status"], listed["actions"]) == ("normal", ["BACKUP"])
    assert {node["status"] for node in listed["groups"][0]["nodes"]} == {"backup"}
    api.refused("POST", f"{DDS}/backups", 403, "DBS.200019", json={"backup": {"instance_id": instance_id, "name": "second"}})
    shown = api.ok("GET", f"{DDS}/backups", query_string={"backup_id": answer["backup_id"]})["backups"][0]
    assert (shown["status"], shown["type"], shown["instance_name"]) == ("BUILDING", "Manual", "day2-repset")
    api.advance(READY_DELAY + 1)
    every = api.ok("GET", f"{DDS}/backups", query_string={"instance_id": instance_id})
    assert model_problems(every, DDS_SDK, "ListBackupsResponse") == []
    assert sorted((item["type"], item["status"]) for item in every["backups"]) == [("Auto", "COMPLETED"), ("Manual", "COMPLETED")]
    assert api.job(DDS, answer["job_id"])["status"] == "Completed" and api.listed(DDS, instance_id)["actions"] == []
    manual = api.ok("GET", f"{DDS}/backups", query_string={"backup_type": "Manual"})["backups"]
    assert [item["name"] for item in manual] == ["mybackup1"] and manual[0]["deletable"] is True
    deleted = api.ok("DELETE", f"{DDS}/backups/{answer['backup_id']}")
    assert model_problems(deleted, DDS_SDK, "DeleteManualBackupResponse") == []
    api.refused("DELETE", f"{DDS}/backups/{answer['backup_id']}", 400, "DBS.201214")
    auto = api.ok("GET", f"{DDS}/backups", query_string={"backup_type": "Auto"})["backups"][0]
    api.refused("DELETE", f"{DDS}/backups/{auto['id']}", 400, "DBS.201202")


@pytest.mark.parametrize("backup, status, code", [
    ({"name": "1bad"}, 400, "DBS.200001"), ({"description": "no=equals"}, 400, "DBS.200001"),
    ({"instance_id": "missing"}, 404, "DBS.200002"), ({"name": "taken"}, 400, "DBS.201201"),
])
def test_manual_backup_rules(api: Api, backup: dict[str, Any], status: int, code: str) -> None:
    instance_id = replica_set(api)
    api.seed("dds", instances=[], backups=[{"instance_id": instance_id, "name": "taken"}])
    api.refused("POST", f"{DDS}/backups", status, code, json={"backup": dict({"instance_id": instance_id, "name": "fresh"}, **backup)})


def test_backup_list_queries(api: Api) -> None:
    replica_set(api)
    api.refused("GET", f"{DDS}/backups", 400, "DBS.280001", query_string={"backup_type": "manual"})
    api.refused("GET", f"{DDS}/backups", 400, "DBS.280001", query_string={"backup_type": "Incremental"})
    api.refused("GET", f"{DDS}/backups", 400, "DBS.280001", query_string={"begin_time": "2024-01-01 00:00:00"})
    window = {"begin_time": "2000-01-01 00:00:00", "end_time": "2000-01-02 00:00:00"}
    assert api.ok("GET", f"{DDS}/backups", query_string=window)["total_count"] == 0
    assert api.ok("GET", f"{DDS}/backups", query_string={"mode": "Sharding"})["total_count"] == 0
    assert api.ok("GET", f"{DDS}/backups", query_string={"mode": "ReplicaSet"})["total_count"] == 1


# -- restore-time, restore to a new instance ------------------------------------------------------------------------------
def restore_body(point: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A restore of a replica set to a new instance (RestoreNewInstance)."""
    body = {"name": "restored-repset", "availability_zone": "eu-de-01", "vpc_id": "v", "subnet_id": "s", "security_group_id": "g",
            "password": "Test@12345678", "flavor": [{"type": "replica", "num": "1", "size": "10", "spec_code": "dds.mongodb.s6.large.2.repset"}],
            "restore_point": point}
    body.update(changes)
    return body


def test_restore_time_needs_a_date(api: Api) -> None:
    instance_id = replica_set(api)
    api.refused("GET", f"{DDS}/instances/{instance_id}/restore-time", 400, "DBS.280001")
    today = api.ok("GET", f"{DDS}/instances/{instance_id}/restore-time", query_string={"date": "2000-01-01"})
    assert today == {"restore_time": []} and model_problems(today, DDS_SDK, "ListRestoreTimesResponse") == []
    single = api.seed("dds", instances=[{"name": "day2-single", "mode": "Single",
                                         "flavor": [{"type": "single", "num": 1, "storage": "ULTRAHIGH", "size": 10, "spec_code": "x.single"}]}])[0]
    api.refused("GET", f"{DDS}/instances/{single}/restore-time", 400, "DBS.200001", query_string={"date": "2000-01-01"})


def test_restore_to_a_new_instance_from_a_backup(api: Api) -> None:
    source = replica_set(api)
    backup_id = api.ok("POST", f"{DDS}/backups", json={"backup": {"instance_id": source, "name": "nightly"}})["backup_id"]
    point = {"instance_id": source, "type": "backup", "backup_id": backup_id}
    api.refused("POST", f"{DDS}/instances", 403, "DBS.200019", json=restore_body(point))
    api.advance(READY_DELAY + 1)
    body = restore_body(point, backup_strategy={"start_time": "08:00-09:00", "keep_days": "8"})
    assert model_problems(body, DDS_SDK, "RestoreNewInstanceRequestBody") == []
    answer = api.ok("POST", f"{DDS}/instances", 202, json=body)
    assert model_problems(answer, DDS_SDK, "RestoreNewInstanceResponse") == []
    assert (answer["status"], answer["mode"], answer["flavor"][0]["num"]) == ("creating", "ReplicaSet", "1")
    assert api.job(DDS, answer["job_id"])["name"] == "MongodbRestoreData2NewInstance"
    api.advance(READY_DELAY + 1)
    assert api.listed(DDS, answer["id"])["status"] == "normal"


@pytest.mark.parametrize("changes, status, code", [
    ({"mode": "ReplicaSet"}, 400, "DBS.200001"), ({"datastore": {"type": "DDS-Community"}}, 400, "DBS.200001"),
    ({"port": 8635}, 400, "DBS.200001"),
    ({"flavor": [{"type": "replica", "num": "1", "size": "5", "spec_code": "x"}]}, 400, "DBS.200023"),
    ({"flavor": [{"type": "shard", "num": "2", "size": "10", "spec_code": "x"}]}, 400, "DBS.201204"),
    ({"name": "day2-repset"}, 409, "DBS.200022"),
])
def test_restore_rules(api: Api, changes: dict[str, Any], status: int, code: str) -> None:
    source = replica_set(api)
    backup = api.admin("POST", "seed", json={"service": "dds", "backups": [{"instance_id": source, "name": "seeded"}]})["backups"][0]
    api.refused("POST", f"{DDS}/instances", status, code, json=restore_body({"type": "backup", "backup_id": backup["id"]}, **changes))


def test_point_in_time_restore(api: Api) -> None:
    source = replica_set(api, created_ago=3600)
    day = api.admin("GET", "state", query_string={"service": "dds"})["instances"][0]["created_ts"]
    stamp = int(day * 1000) + 5000
    point = {"instance_id": source, "type": "timestamp", "restore_time": str(stamp)}
    answer = api.ok("POST", f"{DDS}/instances", 202, json=restore_body(point))
    assert api.job(DDS, answer["job_id"])["name"] == "MongodbPitr2NewInstance"
    late = dict(point, restore_time=stamp + 10 * 86400 * 1000)
    api.refused("POST", f"{DDS}/instances", 400, "DBS.201204", json=restore_body(late, name="restored-late"))
    api.refused("POST", f"{DDS}/instances", 404, "DBS.200002", json=restore_body(dict(point, instance_id="gone"), name="restored-gone"))
