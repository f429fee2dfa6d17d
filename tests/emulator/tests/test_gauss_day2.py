"""Emulator GaussDB day-2 operations: flavor, storage and cluster expansion, backup policy, port, security group,
password, tags (values as arrays), manual backups and the backup list; statuses on the emulator clock."""
from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.tests.day2_helpers import GAUSS, GAUSS_SDK, PID, READY_DELAY, Api, model_problems


@pytest.fixture(name="api")
def fixture_api() -> Api:
    """Fresh emulator."""
    return Api()


def instance(api: Api, **spec: Any) -> str:
    """A ready distributed instance: 1 shard, 3 CNs, 160 GB, flavor gaussdb.opengauss.ee.dn.m6.2xlarge.8.in, port 8000."""
    return api.seed("gaussdb", instances=[dict({"name": "day2-gauss"}, **spec)])[0]


# -- flavor ---------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["instances", "instance"])
def test_resize_flavor_upwards(api: Api, path: str) -> None:
    instance_id = instance(api)
    body = {"flavor_ref": "gaussdb.opengauss.ee.dn.m6.4xlarge.8.in", "is_auto_pay": False}
    assert model_problems(body, GAUSS_SDK, "OpenGaussResizeRequestBody") == []
    answer = api.ok("PUT", f"{GAUSS}/{path}/{instance_id}/flavor", 202, json=body)
    assert model_problems(answer, GAUSS_SDK, "ResizeInstancesFlavorResponse") == []
    listed = api.listed(GAUSS, instance_id)
    assert (listed["status"], listed["flavor_ref"]) == ("MODIFYING", "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in")
    assert api.job(GAUSS, answer["job_id"])["name"] == "ResizeGaussDBV5Flavor"
    api.advance(READY_DELAY + 1)
    listed = api.listed(GAUSS, instance_id)
    assert (listed["status"], listed["flavor_ref"]) == ("ACTIVE", "gaussdb.opengauss.ee.dn.m6.4xlarge.8.in")


@pytest.mark.parametrize("body, code", [
    ({"flavor_ref": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in"}, "DBS.200054"),  # the current one
    ({"flavor_ref": "gaussdb.opengauss.ee.dn.m6.xlarge.8.in"}, "DBS.200054"),  # smaller
    ({"flavor_ref": "gaussdb.opengauss.ee.dn.m6.2xlarge.4.in"}, "DBS.200054"),  # less memory
    ({"flavor_ref": "gaussdb.opengauss.ee.dn.km1.4xlarge.8.in"}, "DBS.200054"),  # another CPU architecture
    ({}, "DBS.200054"),
    ({"flavor_ref": "gaussdb.opengauss.ee.dn.m6.4xlarge.8.in", "dn_concurrent_resize_num": 2}, "DBS.201204"),
    ({"flavor_ref": "gaussdb.opengauss.ee.dn.m6.4xlarge.8.in", "cn_concurrent_resize_num": 2}, "DBS.201204"),
])
def test_resize_flavor_rules(api: Api, body: dict[str, Any], code: str) -> None:
    api.refused("PUT", f"{GAUSS}/instances/{instance(api)}/flavor", 400, code, json=body)


# -- storage, cluster expansion ---------------------------------------------------------------------------------------------
def test_enlarge_volume_in_steps_of_shards_times_40(api: Api) -> None:
    instance_id = instance(api, sharding_num=2, volume={"type": "ULTRAHIGH", "size": 160})
    body = {"enlarge_volume": {"size": 240}, "is_auto_pay": "false"}
    assert model_problems(body, GAUSS_SDK, "OpenGaussInstanceActionRequest") == []
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/action", 400, "DBS.200027", json={"enlarge_volume": {"size": 200}})
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/action", 400, "DBS.200306", json={"enlarge_volume": {"size": 80}})
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/action", 400, "DBS.200023", json={"enlarge_volume": {"size": 2 * 16384 + 80}})
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/action", 400, "DBS.200001", json={"enlarge_volume": {"size": 240}, "is_auto_pay": "no"})
    answer = api.ok("POST", f"{GAUSS}/instances/{instance_id}/action", 202, json=body)
    assert model_problems(answer, GAUSS_SDK, "RunInstanceActionResponse") == []
    assert api.listed(GAUSS, instance_id)["status"] == "MODIFYING"
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/action", 409, "DBS.200019", json={"enlarge_volume": {"size": 320}})
    api.advance(READY_DELAY + 1)
    listed = api.listed(GAUSS, instance_id)
    assert (listed["status"], listed["volume"]["size"]) == ("ACTIVE", 240)


def test_expand_cluster(api: Api) -> None:
    instance_id = instance(api)
    body = {"expand_cluster": {"shard": {"count": 1}}}
    assert model_problems(body, GAUSS_SDK, "OpenGaussInstanceActionRequest") == []
    api.ok("POST", f"{GAUSS}/instances/{instance_id}/action", 202, json=body)
    assert api.listed(GAUSS, instance_id)["status"] == "EXPANDING"
    api.advance(READY_DELAY + 1)
    listed = api.listed(GAUSS, instance_id)
    assert (listed["status"], listed["sharding_num"], listed["volume"]["size"]) == ("ACTIVE", 2, 320)
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/action", 400, "DBS.201204",
                json={"expand_cluster": {"coordinators": [{"az_code": "eu-de-01"}] * 2}})  # 5 CNs for 2 shards
    central = instance(api, name="day2-central", type="Centralization")
    api.refused("POST", f"{GAUSS}/instances/{central}/action", 400, "DBS.200001", json={"expand_cluster": {"shard": {"count": 1}}})
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/action", 400, "DBS.200001", json={"expand_cluster": {}})


# -- backup policy ------------------------------------------------------------------------------------------------------------
def test_backup_policy(api: Api) -> None:
    instance_id = instance(api)
    policy = {"keep_days": 10, "start_time": "19:00-20:00", "period": "1,2,3,4,5", "differential_period": "30", "rate_limit": 75,
              "prefetch_block": 64, "file_split_size": 4, "enable_standby_backup": False}
    assert model_problems({"backup_policy": policy}, GAUSS_SDK, "SetBackupPolicyRequestBody") == []
    assert api.ok("PUT", f"{GAUSS}/instances/{instance_id}/backups/policy", json={"backup_policy": policy}) == {}
    shown = api.ok("GET", f"{GAUSS}/instances/{instance_id}/backups/policy")
    assert model_problems(shown, GAUSS_SDK, "ShowBackupPolicyResponse") == []
    assert shown["backup_policy"]["differential_period"] == 30 and shown["backup_policy"]["differential_priod"] == "30"
    assert api.listed(GAUSS, instance_id)["backup_strategy"] == {"start_time": "19:00-20:00", "keep_days": 10}
    newer = dict(policy, keep_days=20)
    assert api.ok("PUT", f"/gaussdb/v3.1/{PID}/instances/{instance_id}/backups/policy", json={"backup_policy": newer}) == {}
    assert api.log()[-1]["service"] == "gaussdb"
    assert api.listed(GAUSS, instance_id)["backup_strategy"]["keep_days"] == 20


@pytest.mark.parametrize("change, code, newer", [
    ({"keep_days": 0}, "DBS.201106", False), ({"keep_days": 733}, "DBS.201106", True), ({"keep_days": 36501}, "DBS.201106", False),
    ({"start_time": "19:15-20:15"}, "DBS.201103", False), ({"period": "0"}, "DBS.201101", False),
    ({"differential_period": "45"}, "DBS.201101", False), ({"differential_period": None}, "DBS.201101", False),
    ({"rate_limit": 2000}, "DBS.201204", False), ({"file_split_size": 6}, "DBS.201204", False),
    ({"filesplit_size": 4}, "DBS.200001", True),
])
def test_backup_policy_rules(api: Api, change: dict[str, Any], code: str, newer: bool) -> None:
    policy = dict({"keep_days": 10, "start_time": "19:00-20:00", "period": "1,2", "differential_period": "30"}, **change)
    path = f"/gaussdb/v3.1/{PID}" if newer else GAUSS
    api.refused("PUT", f"{path}/instances/{instance(api)}/backups/policy", 400, code, json={"backup_policy": policy})


# -- port, security group, password ---------------------------------------------------------------------------------------------
def test_port_and_security_group(api: Api) -> None:
    instance_id = instance(api)
    port = api.ok("PUT", f"{GAUSS}/instances/{instance_id}/port", 202, json={"port": 8001})
    assert model_problems(port, GAUSS_SDK, "ModifyInstancePortResponse") == []
    group = api.ok("PUT", f"{GAUSS}/instances/{instance_id}/security-group", 202, json={"security_group_id": "sg-new"})
    assert model_problems(group, GAUSS_SDK, "ModifySecurityGroupResponse") == []
    listed = api.listed(GAUSS, instance_id)
    assert (listed["status"], listed["port"], listed["security_group_id"]) == ("ACTIVE", "8000", "c1b2c3d4-0000-4000-8000-00000000cccc")
    api.advance(READY_DELAY + 1)
    listed = api.listed(GAUSS, instance_id)
    assert (listed["port"], listed["security_group_id"]) == ("8001", "sg-new")
    assert api.job(GAUSS, port["job_id"])["status"] == "Completed"
    for bad in (2379, 39999, 1023):
        api.refused("PUT", f"{GAUSS}/instances/{instance_id}/port", 400, "DBS.201204", json={"port": bad})
    api.refused("PUT", f"{GAUSS}/instances/{instance_id}/port", 400, "DBS.200001", json={"port": "8002"})
    api.refused("PUT", f"{GAUSS}/instances/{instance_id}/security-group", 400, "DBS.200001", json={"security_group_id": ""})


def test_password_reset(api: Api) -> None:
    instance_id = instance(api)
    assert api.ok("POST", f"{GAUSS}/instances/{instance_id}/password", json={"password": "N3w-Passw0rd!"}) == {}
    assert api.log()[-1]["body"] == {"password": "******"}
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/password", 400, "DBS.200052", json={"password": "Bad$Dollar1"})


# -- tags -------------------------------------------------------------------------------------------------------------------
def test_tags_with_values_as_arrays(api: Api) -> None:
    instance_id = instance(api)
    body = {"tags": [{"key": "env", "value": "prod"}, {"key": "path", "value": "a/b"}]}
    assert model_problems(body, GAUSS_SDK, "AddTagsRequestBody") == []
    added = api.ok("POST", f"{GAUSS}/instances/{instance_id}/tags", json=body)
    assert added == {"instance_id": instance_id, "instance_name": "day2-gauss"}
    listed = api.ok("GET", f"{GAUSS}/instances/{instance_id}/tags")
    assert listed == {"tags": [{"key": "env", "value": ["prod"]}, {"key": "path", "value": ["a/b"]}], "total_count": 2}
    assert model_problems(listed, GAUSS_SDK, "ListInstanceTagsResponse") == []
    assert api.listed(GAUSS, instance_id)["tags"] == [{"key": "env", "value": "prod"}, {"key": "path", "value": "a/b"}]
    assert model_problems({"keys": ["path", "missing"]}, GAUSS_SDK, "BatchDeleteInstanceTagRequestBody") == []
    assert api.ok("DELETE", f"{GAUSS}/instances/{instance_id}/tags", json={"keys": ["path", "missing"]}) == {}
    one = api.ok("DELETE", f"{GAUSS}/instances/{instance_id}/tag", query_string={"key": "env"})
    assert model_problems(one, GAUSS_SDK, "DeleteInstanceTagResponse") == []
    assert api.ok("GET", f"{GAUSS}/instances/{instance_id}/tags") == {"tags": [], "total_count": 0}
    api.refused("DELETE", f"{GAUSS}/instances/{instance_id}/tags", 400, "DBS.200001", json={"keys": []})
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/tags", 400, "DBS.200001", json={"tags": [{"key": "_sys_x", "value": "v"}]})
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/tags", 400, "DBS.200001", json={"tags": [{"key": "k" * 129, "value": "v"}]})
    api.refused("POST", f"{GAUSS}/instances/{instance_id}/tags", 400, "DBS.200087",
                json={"tags": [{"key": f"k{index}", "value": "v"} for index in range(21)]})


# -- manual backups ---------------------------------------------------------------------------------------------------------
def test_manual_backup_life_cycle(api: Api) -> None:
    instance_id = instance(api)
    body = {"instance_id": instance_id, "name": "backupwqwq3", "description": "manual backup"}
    assert model_problems(body, GAUSS_SDK, "CreateManualBackupRequestBody") == []
    answer = api.ok("POST", f"{GAUSS}/backups", 202, json=body)
    assert model_problems(answer, GAUSS_SDK, "CreateManualBackupResponse") == []
    assert (answer["backup"]["status"], answer["backup"]["type"]) == ("BUILDING", "manual")
    assert api.listed(GAUSS, instance_id)["status"] == "BACKING UP"
    assert api.job(GAUSS, answer["job_id"])["name"] == "BackupSnapshotGaussDBV5InInstance"
    api.refused("POST", f"{GAUSS}/backups", 409, "DBS.200019", json={"instance_id": instance_id, "name": "second"})
    api.advance(READY_DELAY + 1)
    listed = api.ok("GET", f"{GAUSS}/backups", query_string={"instance_id": instance_id})
    assert model_problems(listed, GAUSS_SDK, "ListBackupsResponse") == []
    assert sorted((item["type"], item["status"]) for item in listed["backups"]) == [
        ("auto", "COMPLETED"), ("auto", "COMPLETED"), ("auto", "FAILED"), ("manual", "COMPLETED")]
    assert api.ok("GET", f"{GAUSS}/backups", query_string={"backup_type": "manual"})["total_count"] == 1
    api.refused("GET", f"{GAUSS}/backups", 400, "DBS.280001", query_string={"backup_type": "full"})
    deleted = api.ok("DELETE", f"{GAUSS}/backups/{answer['backup']['id']}", 202)
    assert deleted == {"backup_id": answer["backup"]["id"], "backup_name": "backupwqwq3"}
    assert model_problems(deleted, GAUSS_SDK, "DeleteManualBackupResponse") == []
    api.refused("DELETE", f"{GAUSS}/backups/{answer['backup']['id']}", 404, "DBS.201010")
    auto = api.ok("GET", f"{GAUSS}/backups", query_string={"backup_type": "auto"})["backups"][0]
    api.refused("DELETE", f"{GAUSS}/backups/{auto['id']}", 400, "DBS.201204")


@pytest.mark.parametrize("change, status, code", [
    ({"name": "bad name"}, 400, "DBS.280277"), ({"description": "it's"}, 400, "DBS.280127"),
    ({"instance_id": "missing"}, 404, "DBS.200002"), ({"name": "day2-gauss-full-1"}, 409, "DBS.201201"),
])
def test_manual_backup_rules(api: Api, change: dict[str, Any], status: int, code: str) -> None:
    instance_id = instance(api)
    api.refused("POST", f"{GAUSS}/backups", status, code, json=dict({"instance_id": instance_id, "name": "fresh"}, **change))


def test_backup_fail_fault(api: Api) -> None:
    source = instance(api)
    api.fault(kind="backup_fail", service="gaussdb", reason="No space for the backup.")
    answer = api.ok("POST", f"{GAUSS}/backups", 202, json={"instance_id": source, "name": "doomed"})
    api.advance(READY_DELAY + 1)
    job = api.job(GAUSS, answer["job_id"])
    assert (job["status"], job["fail_reason"]) == ("Failed", "No space for the backup.")
    shown = api.ok("GET", f"{GAUSS}/backups", query_string={"backup_id": answer["backup"]["id"]})["backups"][0]
    assert (shown["status"], shown["size"]) == ("FAILED", 0.0)
    assert api.listed(GAUSS, source)["status"] == "ACTIVE"
