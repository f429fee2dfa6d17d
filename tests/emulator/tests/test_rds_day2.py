"""Emulator RDS v3 day-2 operations: each at its path with the documented body and answer, the status on the clock,
one refused input per rule, and faults on the new paths."""
from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.common import ConnectionDropped
from tests.emulator.tests.day2_helpers import PID, RDS, RDS_SDK, READY_DELAY, Api, model_problems


@pytest.fixture(name="api")
def fixture_api() -> Api:
    """Fresh emulator (operations take READY_DELAY seconds of emulator time)."""
    return Api()


def mysql(api: Api, **spec: Any) -> str:
    """A ready MySQL single instance (40 GB, flavor rds.mysql.n1.large.2, port 3306)."""
    return api.seed("rds", instances=[dict({"name": "day2-mysql"}, **spec)])[0]


def action(api: Api, instance_id: str, body: dict[str, Any]) -> Any:
    """POST .../action."""
    return api.call("POST", f"{RDS}/instances/{instance_id}/action", json=body)


# -- resize flavor ----------------------------------------------------------------------------------------------------
def test_resize_flavor_runs_on_the_clock(api: Api) -> None:
    instance_id = mysql(api)
    body = {"resize_flavor": {"spec_code": "rds.mysql.n1.xlarge.2", "is_auto_pay": False}}
    assert model_problems(body, RDS_SDK, "ResizeFlavorRequest") == []
    answer = api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json=body)
    assert list(answer) == ["job_id"] and model_problems(answer, RDS_SDK, "StartResizeFlavorActionResponse") == []
    listed = api.listed(RDS, instance_id)
    assert listed["status"] == "MODIFYING" and listed["flavor_ref"] == "rds.mysql.n1.large.2"
    assert {node["status"] for node in listed["nodes"]} == {"MODIFYING"}
    job = api.job(RDS, answer["job_id"])
    assert job["status"] == "Running" and job["process"].endswith("%") and job["instance"]["id"] == instance_id
    api.advance(READY_DELAY / 2)
    assert api.listed(RDS, instance_id)["status"] == "MODIFYING"
    api.advance(READY_DELAY / 2 + 1)
    listed = api.listed(RDS, instance_id)
    assert (listed["status"], listed["flavor_ref"]) == ("ACTIVE", "rds.mysql.n1.xlarge.2")
    assert api.job(RDS, answer["job_id"])["status"] == "Completed"


@pytest.mark.parametrize("spec, code", [
    ({"spec_code": "rds.mysql.n1.large.2"}, "DBS.200054"),  # the current flavor
    ({"spec_code": "rds.mysql.n1.xlarge.2.ha"}, "DBS.200054"),  # an HA flavor for a single instance
    ({}, "DBS.200054"),
    ({"spec_code": "rds.mysql.n1.xlarge.2", "is_delay": "no"}, "DBS.200001"),
])
def test_resize_flavor_rules(api: Api, spec: dict[str, Any], code: str) -> None:
    instance_id = mysql(api)
    api.refused("POST", f"{RDS}/instances/{instance_id}/action", 400, code, json={"resize_flavor": spec})
    assert api.listed(RDS, instance_id)["status"] == "ACTIVE"


def test_operations_wait_for_an_available_status(api: Api) -> None:
    instance_id = mysql(api)
    api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json={"resize_flavor": {"spec_code": "rds.mysql.n1.xlarge.2"}})
    message = api.refused("POST", f"{RDS}/instances/{instance_id}/action", 409, "DBS.200019",
                          json={"enlarge_volume": {"size": 50}})
    assert "MODIFYING" in message
    api.refused("PUT", f"{RDS}/instances/{instance_id}/port", 409, "DBS.200019", json={"port": 3307})
    api.admin("POST", f"instances/{instance_id}/status", json={"status": "FROZEN"})
    api.refused("POST", f"{RDS}/instances/{instance_id}/action", 400, "DBS.200086", json={"enlarge_volume": {"size": 50}})


def test_prepaid_instances_answer_an_order_id(api: Api) -> None:
    instance_id = mysql(api, charge_info={"charge_mode": "prePaid"})
    answer = api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json={"enlarge_volume": {"size": 50}})
    assert list(answer) == ["order_id"]


def test_unknown_or_several_actions_are_refused(api: Api) -> None:
    instance_id = mysql(api)
    for body in ({"shutdown": {}}, {"resize_flavor": {"spec_code": "x"}, "enlarge_volume": {"size": 50}}, {"enlarge_volume": 50}):
        api.refused("POST", f"{RDS}/instances/{instance_id}/action", 400, "DBS.200001", json=body)
    api.refused("POST", f"{RDS}/instances/{'0' * 32}in01/action", 404, "DBS.200002", json={"enlarge_volume": {"size": 50}})


# -- enlarge volume -------------------------------------------------------------------------------------------------
def test_enlarge_volume_upwards_in_steps_of_ten(api: Api) -> None:
    instance_id = mysql(api)
    body = {"enlarge_volume": {"size": 100, "is_auto_pay": False}}
    assert model_problems(body, RDS_SDK, "EnlargeVolumeRequestBody") == []
    answer = api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json=body)
    assert model_problems(answer, RDS_SDK, "StartInstanceEnlargeVolumeActionResponse") == []
    assert api.listed(RDS, instance_id)["status"] == "MODIFYING"
    api.advance(READY_DELAY + 1)
    listed = api.listed(RDS, instance_id)
    assert (listed["status"], listed["volume"]["size"]) == ("ACTIVE", 100)


@pytest.mark.parametrize("size, code", [(40, "DBS.200306"), (30, "DBS.200306"), (45, "DBS.200027"), (4010, "DBS.200023"),
                                        ("60", "DBS.200001"), (True, "DBS.200001")])
def test_enlarge_volume_rules(api: Api, size: Any, code: str) -> None:
    instance_id = mysql(api)
    api.refused("POST", f"{RDS}/instances/{instance_id}/action", 400, code, json={"enlarge_volume": {"size": size}})


def test_enlarge_volume_when_storage_is_full(api: Api) -> None:
    instance_id = mysql(api, status="STORAGE FULL")
    api.refused("POST", f"{RDS}/instances/{instance_id}/action", 409, "DBS.200316",
                json={"resize_flavor": {"spec_code": "rds.mysql.n1.xlarge.2"}})
    api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json={"enlarge_volume": {"size": 60}})
    assert api.listed(RDS, instance_id)["status"] == "MODIFYING"
    api.advance(READY_DELAY + 1)
    assert api.listed(RDS, instance_id)["status"] == "ACTIVE"


def test_a_replica_grows_to_at_least_its_primarys_size(api: Api) -> None:
    primary = mysql(api, volume={"type": "ULTRAHIGH", "size": 100})
    replica = api.seed("rds", instances=[{"name": "day2-replica", "type": "Replica", "replica_of": primary,
                                          "flavor_ref": "rds.mysql.n1.large.2.rr", "volume": {"type": "ULTRAHIGH", "size": 40}}])[0]
    api.refused("POST", f"{RDS}/instances/{replica}/action", 400, "DBS.200308", json={"enlarge_volume": {"size": 90}})
    api.ok("POST", f"{RDS}/instances/{replica}/action", 202, json={"enlarge_volume": {"size": 110}})


# -- single to HA, reboot --------------------------------------------------------------------------------------------------
def test_single_to_ha(api: Api) -> None:
    instance_id = mysql(api)
    body = {"single_to_ha": {"az_code_new_node": "eu-de-02", "is_auto_pay": False}}
    assert model_problems(body, RDS_SDK, "Single2Ha") == []
    answer = api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json=body)
    assert model_problems(answer, RDS_SDK, "StartInstanceSingleToHaActionResponse") == []
    listed = api.listed(RDS, instance_id)
    assert (listed["status"], listed["type"]) == ("MODIFYING INSTANCE TYPE", "Single")
    api.advance(READY_DELAY + 1)
    listed = api.listed(RDS, instance_id)
    assert (listed["status"], listed["type"], listed["ha"]["replication_mode"]) == ("ACTIVE", "Ha", "async")
    assert [(node["role"], node["availability_zone"]) for node in listed["nodes"]] == [("master", "eu-de-01"), ("slave", "eu-de-02")]
    api.refused("POST", f"{RDS}/instances/{instance_id}/action", 400, "DBS.200051",
                json={"single_to_ha": {"az_code_new_node": "eu-de-03"}})


def test_single_to_ha_accepts_both_documented_sql_server_fields(api: Api) -> None:
    first = mysql(api, datastore={"type": "SQLServer", "version": "2019_SE"})
    second = api.seed("rds", instances=[{"name": "day2-sqlserver", "datastore": {"type": "SQLServer", "version": "2019_SE"}}])[0]
    domain = {"domain_admin_account_name": "admin", "domain_admin_pwd": "Secret-123"}
    api.ok("POST", f"{RDS}/instances/{first}/action", 202, json={"single_to_ha": {"az_code_new_node": "eu-de-02", "ad_domain_info": domain}})
    api.ok("POST", f"{RDS}/instances/{second}/action", 202, json={"single_to_ha": {"az_code_new_node": "eu-de-02", "password": "Secret-123"}})
    api.refused("POST", f"{RDS}/instances/{mysql(api)}/action", 400, "DBS.200025", json={"single_to_ha": {"az_code_new_node": ""}})


def test_reboot(api: Api) -> None:
    instance_id = mysql(api)
    answer = api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json={"restart": {}})
    assert model_problems(answer, RDS_SDK, "StartInstanceRestartActionResponse") == []
    assert api.listed(RDS, instance_id)["status"] == "REBOOTING"
    api.advance(READY_DELAY + 1)
    assert api.listed(RDS, instance_id)["status"] == "ACTIVE"


# -- backup policy ------------------------------------------------------------------------------------------------------
def test_backup_policy_set_and_shown(api: Api) -> None:
    instance_id = mysql(api)
    body = {"backup_policy": {"keep_days": 12, "start_time": "19:15-20:15", "period": "1,3,5"}, "reserve_backups": True}
    assert model_problems(body, RDS_SDK, "SetBackupPolicyRequestBody") == []
    resp = api.call("PUT", f"{RDS}/instances/{instance_id}/backups/policy", json=body)
    assert resp.status_code == 200 and resp.get_data() == b""
    shown = api.ok("GET", f"{RDS}/instances/{instance_id}/backups/policy")
    assert shown == {"backup_policy": {"keep_days": 12, "start_time": "19:15-20:15", "period": "1,3,5"}}
    assert model_problems(shown, RDS_SDK, "ShowBackupPolicyResponse") == []
    listed = api.listed(RDS, instance_id)
    assert listed["backup_strategy"] == {"start_time": "19:15-20:15", "keep_days": 12} and listed["status"] == "ACTIVE"


@pytest.mark.parametrize("policy, code", [
    ({"keep_days": 0}, "DBS.201106"),  # MySQL cannot disable automated backups
    ({"keep_days": 733, "start_time": "19:00-20:00", "period": "1"}, "DBS.201106"),
    ({"keep_days": "7", "start_time": "19:00-20:00", "period": "1"}, "DBS.201106"),
    ({"keep_days": 7, "start_time": "19:00-21:00", "period": "1"}, "DBS.201103"),
    ({"keep_days": 7, "start_time": "19:10-20:10", "period": "1"}, "DBS.201103"),
    ({"keep_days": 7, "period": "1"}, "DBS.201103"),
    ({"keep_days": 7, "start_time": "19:00-20:00", "period": "1,8"}, "DBS.201101"),
    ({"keep_days": 7, "start_time": "19:00-20:00", "period": "1,1"}, "DBS.201101"),
    ({"keep_days": 7, "start_time": "19:00-20:00"}, "DBS.201101"),
])
def test_backup_policy_rules(api: Api, policy: dict[str, Any], code: str) -> None:
    instance_id = mysql(api)
    api.refused("PUT", f"{RDS}/instances/{instance_id}/backups/policy", 400, code, json={"backup_policy": policy})


def test_postgresql_may_disable_automated_backups(api: Api) -> None:
    instance_id = mysql(api, datastore={"type": "PostgreSQL", "version": "14"}, port=5432)
    api.ok("GET", f"{RDS}/backups", query_string={"instance_id": instance_id})  # the automated backup appears
    api.ok("PUT", f"{RDS}/instances/{instance_id}/backups/policy", json={"backup_policy": {"keep_days": 0}, "reserve_backups": False})
    assert api.ok("GET", f"{RDS}/instances/{instance_id}/backups/policy") == {"backup_policy": {"keep_days": 0}}
    assert api.listed(RDS, instance_id)["backup_strategy"]["keep_days"] == 0
    assert api.ok("GET", f"{RDS}/backups", query_string={"instance_id": instance_id})["total_count"] == 0
    assert api.ok("GET", f"{RDS}/instances/{instance_id}/restore-time") == {"restore_time": []}


# -- port, security group, password ------------------------------------------------------------------------------------------
def test_port_change_answers_a_workflow_id(api: Api) -> None:
    instance_id = mysql(api)
    assert model_problems({"port": 3307}, RDS_SDK, "UpdateDbPortRequest") == []
    answer = api.ok("PUT", f"{RDS}/instances/{instance_id}/port", json={"port": 3307})
    assert list(answer) == ["workflowId"] and model_problems(answer, RDS_SDK, "UpdatePortResponse") == []
    listed = api.listed(RDS, instance_id)
    assert (listed["status"], listed["port"]) == ("MODIFYING DATABASE PORT", 3306)
    assert api.job(RDS, answer["workflowId"])["status"] == "Running"
    api.advance(READY_DELAY + 1)
    listed = api.listed(RDS, instance_id)
    assert (listed["status"], listed["port"]) == ("ACTIVE", 3307)
    assert api.job(RDS, answer["workflowId"])["status"] == "Completed"


@pytest.mark.parametrize("engine, port, code", [
    ({"type": "MySQL", "version": "8.0"}, 12017, "DBS.201204"), ({"type": "MySQL", "version": "8.0"}, 1000, "DBS.201204"),
    ({"type": "PostgreSQL", "version": "14"}, 9600, "DBS.201204"), ({"type": "SQLServer", "version": "2019_SE"}, 5355, "DBS.201204"),
    ({"type": "MySQL", "version": "8.0"}, "3307", "DBS.200001"),
])
def test_port_rules(api: Api, engine: dict[str, str], port: Any, code: str) -> None:
    instance_id = mysql(api, datastore=engine)
    api.refused("PUT", f"{RDS}/instances/{instance_id}/port", 400, code, json={"port": port})


def test_security_group_change(api: Api) -> None:
    instance_id = mysql(api)
    answer = api.ok("PUT", f"{RDS}/instances/{instance_id}/security-group", json={"security_group_id": "sg-1,sg-2"})
    assert model_problems(answer, RDS_SDK, "SetSecurityGroupResponse") == []
    listed = api.listed(RDS, instance_id)
    assert listed["status"] == "ACTIVE" and listed["security_group_id"] == "a1b2c3d4-0000-4000-8000-00000000cccc"
    assert api.job(RDS, answer["workflowId"])["status"] == "Running"
    api.advance(READY_DELAY + 1)
    assert api.listed(RDS, instance_id)["security_group_id"] == "sg-1,sg-2"
    for value in ("", "sg-1,,sg-2", "sg-1,sg-1", None):
        api.refused("PUT", f"{RDS}/instances/{instance_id}/security-group", 400, "DBS.200001", json={"security_group_id": value})


def test_password_reset(api: Api) -> None:
    instance_id = mysql(api)
    assert api.ok("POST", f"{RDS}/instances/{instance_id}/password", json={"db_user_pwd": "N3w-Passw0rd!"}) == {}
    assert api.log()[-1]["body"] == {"db_user_pwd": "******"}
    for weak in ("Sh0rt!a", "alllowercase1", "Bad<Char1234"):
        api.refused("POST", f"{RDS}/instances/{instance_id}/password", 400, "DBS.200052", json={"db_user_pwd": weak})
    assert api.listed(RDS, instance_id)["status"] == "ACTIVE"


# -- parameter templates ---------------------------------------------------------------------------------------------------------
def test_apply_parameter_template(api: Api) -> None:
    instance_id = mysql(api)
    # The older template form {"name", "restart_required"} (test_emulator_parameter_templates.py has the full one).
    api.admin("POST", "config", json={"configurations": {"cfg-static": {"name": "static-params", "restart_required": True},
                                                         "cfg-dynamic": {"name": "dynamic-params"}}})
    answer = api.ok("PUT", f"/rds/v3/{PID}/configurations/cfg-static/apply", json={"instance_ids": [instance_id]})
    assert model_problems(answer, RDS_SDK, "EnableConfigurationResponse") == []
    assert answer["configuration_name"] == "static-params" and answer["success"] is True
    assert answer["apply_results"] == [{"instance_id": instance_id, "instance_name": "day2-mysql", "restart_required": True, "success": True}]
    assert api.listed(RDS, instance_id)["configuration_id"] == "cfg-static"
    plain = api.ok("PUT", f"/rds/v3/{PID}/configurations/cfg-dynamic/apply", json={"instance_ids": [instance_id]})
    assert plain["apply_results"][0]["restart_required"] is False
    api.refused("PUT", f"/rds/v3/{PID}/configurations/cfg-dynamic/apply", 400, "DBS.200001", json={"instance_ids": []})
    api.refused("PUT", f"/rds/v3/{PID}/configurations/cfg-dynamic/apply", 404, "DBS.200002", json={"instance_ids": ["missing"]})
    api.refused("PUT", f"/rds/v3/{PID}/configurations/cfg-unknown/apply", 404, "DBS.212001", json={"instance_ids": [instance_id]})


# -- tags --------------------------------------------------------------------------------------------------------------------
def tags(api: Api, instance_id: str, action_word: str, items: list[dict[str, Any]]) -> Any:
    """POST .../tags/action."""
    return api.call("POST", f"{RDS}/instances/{instance_id}/tags/action", json={"action": action_word, "tags": items})


def test_tags_added_listed_and_removed(api: Api) -> None:
    instance_id = mysql(api)
    body = {"action": "create", "tags": [{"key": "env", "value": "prod"}, {"key": "cost center", "value": ""}]}
    assert model_problems(body, RDS_SDK, "BatchTagActionAddRequestBody") == []
    resp = tags(api, instance_id, "create", body["tags"])
    assert resp.status_code == 200 and resp.get_data() == b""
    listed = api.ok("GET", f"{RDS}/instances/{instance_id}/tags")
    assert listed == {"tags": [{"key": "env", "value": "prod", "tag_type": "user"}, {"key": "cost center", "value": "", "tag_type": "user"}]}
    assert model_problems(listed, RDS_SDK, "ListInstanceTagsResponse") == []
    assert api.listed(RDS, instance_id)["tags"] == [{"key": "env", "value": "prod"}, {"key": "cost center", "value": ""}]
    assert tags(api, instance_id, "create", [{"key": "env", "value": "test"}]).status_code == 200  # an existing key: new value
    assert tags(api, instance_id, "delete", [{"key": "cost center", "value": "other"}]).status_code == 200  # value differs: kept
    assert tags(api, instance_id, "delete", [{"key": "missing"}]).status_code == 200
    assert api.listed(RDS, instance_id)["tags"] == [{"key": "env", "value": "test"}, {"key": "cost center", "value": ""}]
    assert tags(api, instance_id, "delete", [{"key": "cost center"}]).status_code == 200
    assert api.listed(RDS, instance_id)["tags"] == [{"key": "env", "value": "test"}]


@pytest.mark.parametrize("action_word, items, code", [
    ("Create", [{"key": "k", "value": "v"}], "DBS.200001"),
    ("create", [], "DBS.200001"),
    ("create", [{"key": "k"}], "DBS.200001"),
    ("create", [{"key": "", "value": "v"}], "DBS.200001"),
    ("create", [{"key": "k" * 129, "value": "v"}], "DBS.200001"),
    ("create", [{"key": "a/b", "value": "v"}], "DBS.200001"),
    ("create", [{"key": " lead", "value": "v"}], "DBS.200001"),
    ("create", [{"key": "_sys_project", "value": "v"}], "DBS.200001"),
    ("create", [{"key": "k", "value": "v" * 256}], "DBS.200001"),
    ("create", [{"key": "k", "value": "a"}, {"key": "k", "value": "b"}], "DBS.280272"),
    ("delete", [{"key": ""}], "DBS.200001"),
])
def test_tag_rules(api: Api, action_word: str, items: list[dict[str, Any]], code: str) -> None:
    instance_id = mysql(api)
    resp = tags(api, instance_id, action_word, items)
    assert resp.status_code == 400 and resp.json["error_code"] == code, resp.json


def test_at_most_twenty_tags(api: Api) -> None:
    instance_id = mysql(api, tags=[{"key": f"k{index}", "value": "v"} for index in range(19)])
    assert tags(api, instance_id, "create", [{"key": "k19", "value": "v"}]).status_code == 200
    resp = tags(api, instance_id, "create", [{"key": "k20", "value": "v"}])
    assert resp.status_code == 400 and resp.json["error_code"] == "DBS.200087"


# -- manual backups ----------------------------------------------------------------------------------------------------------
def test_manual_backup_life_cycle(api: Api) -> None:
    instance_id = mysql(api)
    body = {"instance_id": instance_id, "name": "before-upgrade", "description": "manual backup"}
    assert model_problems(body, RDS_SDK, "CreateManualBackupRequestBody") == []
    answer = api.ok("POST", f"{RDS}/backups", json=body)
    assert list(answer) == ["backup"] and model_problems(answer, RDS_SDK, "CreateManualBackupResponse") == []
    backup = answer["backup"]
    assert (backup["status"], backup["type"], backup["instance_id"]) == ("BUILDING", "manual", instance_id)
    assert api.listed(RDS, instance_id)["status"] == "BACKING UP"
    shown = api.ok("GET", f"{RDS}/backups", query_string={"instance_id": instance_id, "backup_id": backup["id"]})
    assert shown["total_count"] == 1 and shown["backups"][0]["status"] == "BUILDING"
    api.advance(READY_DELAY + 1)
    listed = api.ok("GET", f"{RDS}/backups", query_string={"instance_id": instance_id})
    assert model_problems(listed, RDS_SDK, "ListBackupsResponse") == []
    by_type = {item["type"]: item for item in listed["backups"]}
    assert sorted(by_type) == ["auto", "manual"] and by_type["manual"]["status"] == "COMPLETED"
    assert by_type["manual"]["min_data_volume_capacity_for_restore"] == 40
    assert api.listed(RDS, instance_id)["status"] == "ACTIVE"
    only_manual = api.ok("GET", f"{RDS}/backups", query_string={"instance_id": instance_id, "backup_type": "manual"})
    assert [item["name"] for item in only_manual["backups"]] == ["before-upgrade"]
    resp = api.call("DELETE", f"{RDS}/backups/{backup['id']}")
    assert resp.status_code == 200 and resp.get_data() == b""
    assert api.ok("GET", f"{RDS}/backups", query_string={"instance_id": instance_id, "backup_type": "manual"})["total_count"] == 0
    api.refused("DELETE", f"{RDS}/backups/{backup['id']}", 404, "DBS.201010")
    api.refused("DELETE", f"{RDS}/backups/{by_type['auto']['id']}", 400, "DBS.201204")


@pytest.mark.parametrize("change, status, code", [
    ({"name": "1backup"}, 400, "DBS.280277"), ({"name": "bk"}, 400, "DBS.280277"), ({"name": None}, 400, "DBS.280277"),
    ({"description": "a<b"}, 400, "DBS.280127"), ({"description": "x" * 257}, 400, "DBS.280127"),
    ({"databases": [{"name": "db1"}]}, 400, "DBS.200001"),  # MySQL backs up whole instances
    ({"instance_id": "missing"}, 404, "DBS.200002"),
])
def test_manual_backup_rules(api: Api, change: dict[str, Any], status: int, code: str) -> None:
    instance_id = mysql(api)
    api.refused("POST", f"{RDS}/backups", status, code, json=dict({"instance_id": instance_id, "name": "good-name"}, **change))


def test_one_backup_at_a_time_and_unique_names(api: Api) -> None:
    instance_id = mysql(api)
    api.ok("POST", f"{RDS}/backups", json={"instance_id": instance_id, "name": "first"})
    api.refused("POST", f"{RDS}/backups", 409, "DBS.201205", json={"instance_id": instance_id, "name": "second"})
    api.refused("POST", f"{RDS}/backups", 409, "DBS.201201", json={"instance_id": mysql(api), "name": "first"})
    first = api.ok("GET", f"{RDS}/backups", query_string={"instance_id": instance_id, "backup_type": "manual"})["backups"][0]
    api.refused("DELETE", f"{RDS}/backups/{first['id']}", 409, "DBS.201205")
    # the security group and the password may change while a backup runs; the port may not
    api.ok("PUT", f"{RDS}/instances/{instance_id}/security-group", json={"security_group_id": "sg-9"})
    api.ok("POST", f"{RDS}/instances/{instance_id}/password", json={"db_user_pwd": "N3w-Passw0rd!"})
    api.refused("PUT", f"{RDS}/instances/{instance_id}/port", 409, "DBS.200019", json={"port": 3307})


def test_read_replicas_have_no_backups(api: Api) -> None:
    primary = mysql(api)
    replica = api.seed("rds", instances=[{"name": "day2-replica", "type": "Replica", "replica_of": primary, "backup_strategy": None}])[0]
    api.refused("POST", f"{RDS}/backups", 400, "DBS.201204", json={"instance_id": replica, "name": "nope"})
    api.refused("PUT", f"{RDS}/instances/{replica}/backups/policy", 400, "DBS.201204",
                json={"backup_policy": {"keep_days": 7, "start_time": "19:00-20:00", "period": "1"}})
    assert api.ok("GET", f"{RDS}/instances/{replica}/restore-time") == {"restore_time": []}


def test_backup_list_queries(api: Api) -> None:
    instance_id = mysql(api)
    api.refused("GET", f"{RDS}/backups", 400, "DBS.280001")
    api.refused("GET", f"{RDS}/backups", 400, "DBS.280001", query_string={"instance_id": instance_id, "backup_type": "Manual"})
    api.refused("GET", f"{RDS}/backups", 400, "DBS.280001", query_string={"instance_id": instance_id, "begin_time": "2020-01-01T00:00:00+0000"})
    api.refused("GET", f"{RDS}/backups", 400, "DBS.280001", query_string={"instance_id": instance_id, "limit": 101})
    window = {"instance_id": instance_id, "begin_time": "2000-01-01T00:00:00+0000", "end_time": "2000-01-02T00:00:00+0000"}
    assert api.ok("GET", f"{RDS}/backups", query_string=window)["total_count"] == 0


def test_backup_fail_fault(api: Api) -> None:
    instance_id = mysql(api)
    api.fault(kind="backup_fail", service="rds", reason="Disk I/O error.")
    backup = api.ok("POST", f"{RDS}/backups", json={"instance_id": instance_id, "name": "doomed"})["backup"]
    assert backup["status"] == "BUILDING"
    api.advance(READY_DELAY + 1)
    shown = api.ok("GET", f"{RDS}/backups", query_string={"instance_id": instance_id, "backup_id": backup["id"]})["backups"][0]
    assert shown["status"] == "FAILED" and shown["size"] == 0
    assert api.listed(RDS, instance_id)["status"] == "ACTIVE"


# -- restorable times and restore to a new instance -------------------------------------------------------------------------
def restore_body(**changes: Any) -> dict[str, Any]:
    """A restore to a new MySQL instance (CreateRestoreInstance)."""
    body = {"name": "restored", "flavor_ref": "rds.mysql.n1.large.2", "volume": {"type": "ULTRAHIGH", "size": 40},
            "availability_zone": "eu-de-01", "password": "Test@12345678", "region": "eu-de",
            "vpc_id": "v", "subnet_id": "s", "security_group_id": "g"}
    body.update(changes)
    return body


def test_restore_time_date_is_optional(api: Api) -> None:
    instance_id = mysql(api, created_ago=3 * 86400)
    everything = api.ok("GET", f"{RDS}/instances/{instance_id}/restore-time")["restore_time"]
    assert len(everything) == 1 and model_problems({"restore_time": everything}, RDS_SDK, "ListRestoreTimesResponse") == []
    day = api.ok("GET", f"{RDS}/instances/{instance_id}/restore-time", query_string={"date": "2000-01-01"})
    assert day == {"restore_time": []}
    api.refused("GET", f"{RDS}/instances/{instance_id}/restore-time", 400, "DBS.280001", query_string={"date": "2024-02-30"})


def test_restore_to_a_new_instance_from_a_backup(api: Api) -> None:
    source = mysql(api, volume={"type": "ULTRAHIGH", "size": 100})
    backup = api.ok("POST", f"{RDS}/backups", json={"instance_id": source, "name": "nightly"})["backup"]
    point = {"instance_id": source, "type": "backup", "backup_id": backup["id"]}
    api.refused("POST", f"{RDS}/instances", 409, "DBS.201205", json=restore_body(restore_point=point, volume={"type": "ULTRAHIGH", "size": 100}))
    api.advance(READY_DELAY + 1)
    api.refused("POST", f"{RDS}/instances", 400, "DBS.200306", json=restore_body(restore_point=point))
    api.refused("POST", f"{RDS}/instances", 400, "DBS.200041",
                json=restore_body(restore_point=point, volume={"type": "ULTRAHIGH", "size": 100}, datastore={"type": "MySQL", "version": "5.7"}))
    body = restore_body(restore_point=point, volume={"type": "ULTRAHIGH", "size": 100}, tags=[{"key": "from", "value": "nightly"}])
    assert model_problems(body, RDS_SDK, "CreateRestoreInstanceRequestBody") == []
    answer = api.ok("POST", f"{RDS}/instances", 202, json=body)
    assert model_problems(answer, RDS_SDK, "CreateRestoreInstanceResponse") == []
    assert answer["instance"]["restore_point"] == point and answer["instance"]["status"] == "BUILD"
    assert answer["instance"]["datastore"] == {"type": "MySQL", "version": "8.0"}
    assert api.job(RDS, answer["job_id"])["name"] == "RestoreMysqlInstanceToNew"
    api.advance(READY_DELAY + 1)
    restored = api.listed(RDS, answer["instance"]["id"])
    assert restored["status"] == "ACTIVE" and restored["tags"] == [{"key": "from", "value": "nightly"}]


def test_restore_to_a_point_in_time(api: Api) -> None:
    source = mysql(api, created_ago=3600)
    ranges = api.ok("GET", f"{RDS}/instances/{source}/restore-time")["restore_time"]
    inside = ranges[0]["start_time"] + 1000
    answer = api.ok("POST", f"{RDS}/instances", 202, json=restore_body(restore_point={"instance_id": source, "type": "timestamp", "restore_time": inside}))
    assert answer["instance"]["restore_point"]["restore_time"] == inside
    for stamp, code in ((ranges[0]["start_time"] - 1000, "DBS.201204"), (str(inside), "DBS.200001")):
        point = {"instance_id": source, "type": "timestamp", "restore_time": stamp}
        api.refused("POST", f"{RDS}/instances", 400, code, json=restore_body(name="restored-2", restore_point=point))
    api.refused("POST", f"{RDS}/instances", 404, "DBS.200013",
                json=restore_body(restore_point={"instance_id": "gone", "type": "timestamp", "restore_time": inside}))
    api.refused("POST", f"{RDS}/instances", 400, "DBS.200001", json=restore_body(restore_point={"instance_id": source, "type": "later"}))


def test_a_failed_backup_cannot_be_restored(api: Api) -> None:
    source = mysql(api)
    api.fault(kind="backup_fail", service="rds")
    backup = api.ok("POST", f"{RDS}/backups", json={"instance_id": source, "name": "broken"})["backup"]
    api.advance(READY_DELAY + 1)
    point = {"instance_id": source, "type": "backup", "backup_id": backup["id"]}
    api.refused("POST", f"{RDS}/instances", 400, "DBS.201203", json=restore_body(restore_point=point))
    api.refused("POST", f"{RDS}/instances", 400, "DBS.280214", json=restore_body(restore_point=dict(point, backup_id="missing")))


# -- faults on the new paths ----------------------------------------------------------------------------------------------------
def test_busy_and_status_faults_on_day2_paths(api: Api) -> None:
    instance_id = mysql(api)
    api.fault(kind="busy", service="rds", method="POST", path=r"/instances/[^/]+/action$")
    api.refused("POST", f"{RDS}/instances/{instance_id}/action", 409, "DBS.200019", json={"enlarge_volume": {"size": 50}})
    assert api.listed(RDS, instance_id)["volume"]["size"] == 40
    api.fault(kind="status", status=429, path=r"/tags/action$")
    api.refused("POST", f"{RDS}/instances/{instance_id}/tags/action", 429, "APIGW.0308", json={"action": "create", "tags": [{"key": "k", "value": "v"}]})
    assert api.ok("GET", f"{RDS}/instances/{instance_id}/tags") == {"tags": []}


def test_job_fail_fault_on_an_operation(api: Api) -> None:
    instance_id = mysql(api)
    api.fault(kind="job_fail", service="rds", path="/action$", reason="No capacity for the flavor.")
    job_id = api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json={"resize_flavor": {"spec_code": "rds.mysql.n1.xlarge.2"}})["job_id"]
    api.advance(READY_DELAY + 1)
    job = api.job(RDS, job_id)
    assert (job["status"], job["fail_reason"]) == ("Failed", "No capacity for the flavor.")
    listed = api.listed(RDS, instance_id)
    assert (listed["status"], listed["flavor_ref"]) == ("ACTIVE", "rds.mysql.n1.large.2")


def test_lost_answer_of_a_backup_create(api: Api) -> None:
    instance_id = mysql(api)
    api.fault(kind="lost_create", service="rds", method="POST", path="/backups$")
    with pytest.raises(ConnectionDropped):
        api.call("POST", f"{RDS}/backups", json={"instance_id": instance_id, "name": "lost-answer"})
    found = api.ok("GET", f"{RDS}/backups", query_string={"instance_id": instance_id, "backup_type": "manual"})
    assert [item["name"] for item in found["backups"]] == ["lost-answer"]
    assert api.log()[-2]["dropped"] is True


def test_stuck_fault_keeps_an_operation_running(api: Api) -> None:
    instance_id = mysql(api)
    api.fault(kind="stuck", service="rds", path="/port$")
    workflow = api.ok("PUT", f"{RDS}/instances/{instance_id}/port", json={"port": 3307})["workflowId"]
    api.advance(10 * READY_DELAY)
    assert api.listed(RDS, instance_id)["status"] == "MODIFYING DATABASE PORT"
    assert api.job(RDS, workflow)["status"] == "Running"
