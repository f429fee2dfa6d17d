"""Emulator RDS v3 parameter templates as resources: ShowConfiguration, ShowInstanceConfiguration and EnableConfiguration
in the SDK models' shapes, templates from the `configurations` configuration key, instance parameters (engine defaults,
the create's template, applied values), restart_required only for changed parameters that need a restart, and the
gateway's rules (faults, request log, authentication) on the new paths."""
from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.tests.day2_helpers import RDS, RDS_SDK, READY_DELAY, Api, model_problems
from tests.emulator.tests.test_core import signed_headers

MYSQL_TEMPLATE = {
    "name": "orders-tuned", "description": "orders service", "datastore_name": "mysql", "datastore_version_name": "8.0",
    "parameters": {
        "max_connections": {"value": "1200", "restart_required": False},
        "time_zone": {"value": "+01:00"},  # restart_required from the engine's default set: false
        "performance_schema": {"value": "ON", "restart_required": True},
    },
}
DYNAMIC_TEMPLATE = {"name": "dynamic-only", "datastore_name": "mysql", "datastore_version_name": "8.0",
                    "parameters": {"max_connections": {"value": "1500", "restart_required": False}}}
PG_TEMPLATE = {"name": "pg-tuned", "datastore_name": "postgresql", "datastore_version_name": "14",
               "parameters": {"work_mem": {"value": "8192", "restart_required": False}}}
MYSQL57_TEMPLATE = {"name": "old-mysql", "datastore_name": "mysql", "datastore_version_name": "5.7",
                    "parameters": {"max_connections": {"value": "900", "restart_required": False}}}
CONFIGURATIONS = {"cfg-orders": MYSQL_TEMPLATE, "cfg-dynamic": DYNAMIC_TEMPLATE, "cfg-pg": PG_TEMPLATE, "cfg-57": MYSQL57_TEMPLATE}


@pytest.fixture(name="api")
def fixture_api() -> Api:
    """Fresh emulator with the templates above configured."""
    api = Api()
    answer = api.admin("POST", "config", json={"configurations": CONFIGURATIONS})
    assert answer["configurations"] == CONFIGURATIONS
    return api


def mysql(api: Api, **spec: Any) -> str:
    """A ready MySQL 8.0 single instance."""
    return api.seed("rds", instances=[dict({"name": "params-mysql"}, **spec)])[0]


def template(api: Api, config_id: str) -> dict[str, Any]:
    """GET .../configurations/{config_id}."""
    return dict(api.ok("GET", f"{RDS}/configurations/{config_id}"))


def instance_values(api: Api, instance_id: str) -> dict[str, str]:
    """GET .../instances/{id}/configurations as {name: value}."""
    answer = api.ok("GET", f"{RDS}/instances/{instance_id}/configurations")
    return {item["name"]: item["value"] for item in answer["configuration_parameters"]}


def apply(api: Api, config_id: str, *instance_ids: str) -> dict[str, Any]:
    """PUT .../configurations/{config_id}/apply; the answer must fit EnableConfigurationResponse."""
    answer = api.ok("PUT", f"{RDS}/configurations/{config_id}/apply", json={"instance_ids": list(instance_ids)})
    assert model_problems(answer, RDS_SDK, "EnableConfigurationResponse") == []
    return dict(answer)


def stored(api: Api, instance_id: str) -> dict[str, Any]:
    """The stored attributes of an RDS instance (admin state)."""
    records = api.admin("GET", "state", query_string={"service": "rds"})["instances"]
    return dict(next(rec["attrs"] for rec in records if rec["id"] == instance_id))


def differing(api: Api, config_id: str, instance_id: str) -> dict[str, str]:
    """What the collection compares: the template's values that the instance does not have."""
    have = instance_values(api, instance_id)
    wanted = {item["name"]: item["value"] for item in template(api, config_id)["configuration_parameters"]}
    return {name: value for name, value in wanted.items() if have.get(name) != value}


# -- the two reads in the SDK models' shapes ----------------------------------------------------------------------------
def test_show_configuration_in_the_sdk_shape(api: Api) -> None:
    answer = template(api, "cfg-orders")
    assert model_problems(answer, RDS_SDK, "ShowConfigurationResponse") == []
    assert (answer["id"], answer["name"], answer["description"]) == ("cfg-orders", "orders-tuned", "orders service")
    assert (answer["datastore_name"], answer["datastore_version_name"]) == ("mysql", "8.0")
    assert answer["created"] and answer["updated"]
    params = {item["name"]: item for item in answer["configuration_parameters"]}
    assert sorted(params) == ["max_connections", "performance_schema", "time_zone"]
    assert {name: (item["value"], item["restart_required"]) for name, item in params.items()} == {
        "max_connections": ("1200", False), "performance_schema": ("ON", True), "time_zone": ("+01:00", False)}
    assert params["max_connections"]["type"] == "integer" and params["performance_schema"]["value_range"] == "ON|OFF"
    assert all(isinstance(item["readonly"], bool) and isinstance(item["description"], str) for item in params.values())


@pytest.mark.parametrize("datastore, name, default", [
    ({"type": "MySQL", "version": "8.0"}, "mysql", {"max_connections": "800", "time_zone": "SYSTEM"}),
    ({"type": "PostgreSQL", "version": "14"}, "postgresql", {"max_connections": "100", "work_mem": "4096"}),
    ({"type": "SQLServer", "version": "2019_SE"}, "sqlserver", {"max degree of parallelism": "0", "user connections": "0"}),
])
def test_show_instance_configuration_gives_the_engine_defaults(api: Api, datastore: dict[str, str], name: str,
                                                               default: dict[str, str]) -> None:
    instance_id = mysql(api, datastore=datastore)
    answer = api.ok("GET", f"{RDS}/instances/{instance_id}/configurations")
    assert model_problems(answer, RDS_SDK, "ShowInstanceConfigurationResponse") == []
    assert (answer["datastore_name"], answer["datastore_version_name"]) == (name, datastore["version"])
    assert answer["created"] and answer["updated"]
    values = {item["name"]: item["value"] for item in answer["configuration_parameters"]}
    assert default.items() <= values.items()
    assert all(isinstance(value, str) for value in values.values())


def test_unknown_template_and_instance_are_not_found(api: Api) -> None:
    instance_id = mysql(api)
    message = api.refused("GET", f"{RDS}/configurations/cfg-missing", 404, "DBS.212001")
    assert "cfg-missing" in message
    api.refused("PUT", f"{RDS}/configurations/cfg-missing/apply", 404, "DBS.212001", json={"instance_ids": [instance_id]})
    api.refused("GET", f"{RDS}/instances/{'0' * 32}in01/configurations", 404, "DBS.200002")
    api.refused("PUT", f"{RDS}/configurations/cfg-orders/apply", 404, "DBS.200002", json={"instance_ids": [f"{'0' * 32}in01"]})
    api.refused("PUT", f"{RDS}/configurations/cfg-orders/apply", 400, "DBS.200001", json={"instance_ids": []})
    assert instance_values(api, instance_id)["max_connections"] == "800"


# -- apply ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("config_id, datastore", [
    ("cfg-pg", {"type": "MySQL", "version": "8.0"}),  # another engine
    ("cfg-57", {"type": "MySQL", "version": "8.0"}),  # another version of the engine
    ("cfg-orders", {"type": "PostgreSQL", "version": "14"}),
])
def test_a_template_of_another_engine_or_version_is_refused(api: Api, config_id: str, datastore: dict[str, str]) -> None:
    instance_id = mysql(api, datastore=datastore)
    before = instance_values(api, instance_id)
    message = api.refused("PUT", f"{RDS}/configurations/{config_id}/apply", 400, "DBS.212008", json={"instance_ids": [instance_id]})
    assert instance_id in message
    assert instance_values(api, instance_id) == before and "configuration_id" not in api.listed(RDS, instance_id)


def test_one_misfit_instance_refuses_the_whole_apply(api: Api) -> None:
    fits = mysql(api, name="params-fits")
    misfit = mysql(api, name="params-pg", datastore={"type": "PostgreSQL", "version": "14"})
    api.refused("PUT", f"{RDS}/configurations/cfg-dynamic/apply", 400, "DBS.212008", json={"instance_ids": [fits, misfit]})
    assert instance_values(api, fits)["max_connections"] == "800"


def test_apply_writes_the_values_at_once_and_converges(api: Api) -> None:
    instance_id = mysql(api)
    assert differing(api, "cfg-dynamic", instance_id) == {"max_connections": "1500"}
    answer = apply(api, "cfg-dynamic", instance_id)
    assert answer == {"configuration_id": "cfg-dynamic", "configuration_name": "dynamic-only", "success": True, "apply_results": [
        {"instance_id": instance_id, "instance_name": "params-mysql", "restart_required": False, "success": True}]}
    assert instance_values(api, instance_id)["max_connections"] == "1500"
    assert differing(api, "cfg-dynamic", instance_id) == {}
    listed = api.listed(RDS, instance_id)
    assert listed["configuration_id"] == "cfg-dynamic" and listed["status"] == "ACTIVE"
    assert not stored(api, instance_id).get("pending_restart")


def test_restart_required_only_when_a_changed_parameter_needs_it(api: Api) -> None:
    # performance_schema (restart required) already ON: only dynamic parameters change.
    ready = mysql(api, name="params-ready", parameters={"performance_schema": "ON"})
    answer = apply(api, "cfg-orders", ready)
    assert answer["apply_results"][0]["restart_required"] is False
    assert not stored(api, ready).get("pending_restart")
    # performance_schema OFF (the default): the change needs a restart.
    plain = mysql(api, name="params-plain")
    answer = apply(api, "cfg-orders", plain)
    assert answer["apply_results"][0]["restart_required"] is True
    assert stored(api, plain)["pending_restart"] is True
    assert {key: instance_values(api, plain)[key] for key in ("max_connections", "time_zone", "performance_schema")} == {
        "max_connections": "1200", "time_zone": "+01:00", "performance_schema": "ON"}
    # The same template again: nothing changes, so no restart is asked for (the earlier one is still pending).
    again = apply(api, "cfg-orders", plain)
    assert again["apply_results"][0]["restart_required"] is False
    assert stored(api, plain)["pending_restart"] is True
    # Both instances in one call: one answer each.
    both = apply(api, "cfg-orders", ready, plain)
    assert [(item["instance_id"], item["restart_required"]) for item in both["apply_results"]] == [(ready, False), (plain, False)]


def test_a_restart_clears_the_pending_restart(api: Api) -> None:
    instance_id = mysql(api)
    assert apply(api, "cfg-orders", instance_id)["apply_results"][0]["restart_required"] is True
    job = api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json={"restart": {}})
    assert api.listed(RDS, instance_id)["status"] == "REBOOTING"
    assert stored(api, instance_id)["pending_restart"] is True
    api.advance(READY_DELAY + 1)
    assert api.job(RDS, job["job_id"])["status"] == "Completed"
    assert api.listed(RDS, instance_id)["status"] == "ACTIVE"
    assert stored(api, instance_id)["pending_restart"] is False
    assert instance_values(api, instance_id)["performance_schema"] == "ON"


def test_the_older_template_form_still_works(api: Api) -> None:
    api.admin("POST", "config", json={"configurations": {"cfg-static": {"name": "static-params", "restart_required": True}}})
    instance_id = mysql(api, datastore={"type": "PostgreSQL", "version": "14"})
    answer = template(api, "cfg-static")
    assert model_problems(answer, RDS_SDK, "ShowConfigurationResponse") == []
    assert answer["configuration_parameters"] == [] and "datastore_name" not in answer
    assert apply(api, "cfg-static", instance_id)["apply_results"][0]["restart_required"] is True
    assert stored(api, instance_id)["pending_restart"] is True


def test_apply_waits_for_an_available_status(api: Api) -> None:
    instance_id = mysql(api)
    api.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json={"enlarge_volume": {"size": 50}})
    api.refused("PUT", f"{RDS}/configurations/cfg-dynamic/apply", 409, "DBS.200019", json={"instance_ids": [instance_id]})
    assert instance_values(api, instance_id)["max_connections"] == "800"


# -- creating with configuration_id -------------------------------------------------------------------------------------
def create_body(**changes: Any) -> dict[str, Any]:
    """A valid MySQL 8.0 single-instance create body."""
    body = {
        "name": "params-created", "datastore": {"type": "MySQL", "version": "8.0"}, "flavor_ref": "rds.mysql.n1.large.2",
        "volume": {"type": "ULTRAHIGH", "size": 40}, "region": "eu-de", "availability_zone": "eu-de-01",
        "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce", "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
        "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5", "password": "Test@12345678",
    }
    body.update(changes)
    return body


def test_an_instance_created_with_a_template_starts_with_its_values(api: Api) -> None:
    created = api.ok("POST", f"{RDS}/instances", 202, json=create_body(configuration_id="cfg-orders"))
    instance_id = created["instance"]["id"]
    assert created["instance"]["configuration_id"] == "cfg-orders"
    values = instance_values(api, instance_id)
    assert (values["max_connections"], values["time_zone"], values["performance_schema"]) == ("1200", "+01:00", "ON")
    assert values["innodb_buffer_pool_size"] == "1073741824"  # the defaults the template leaves alone
    assert differing(api, "cfg-orders", instance_id) == {}
    api.advance(READY_DELAY + 1)
    assert apply(api, "cfg-orders", instance_id)["apply_results"][0]["restart_required"] is False
    assert not stored(api, instance_id).get("pending_restart")


def test_creating_with_a_template_of_another_engine_is_refused(api: Api) -> None:
    api.refused("POST", f"{RDS}/instances", 400, "DBS.212008", json=create_body(configuration_id="cfg-pg"))
    assert api.ok("GET", f"{RDS}/instances")["total_count"] == 0
    # An id the emulator was not given is accepted (it cannot know every template): the engine's defaults.
    created = api.ok("POST", f"{RDS}/instances", 202, json=create_body(configuration_id="cfg-elsewhere"))
    assert instance_values(api, created["instance"]["id"])["max_connections"] == "800"


def test_seeded_instances_take_their_template_and_explicit_values(api: Api) -> None:
    instance_id = mysql(api, configuration_id="cfg-dynamic", parameters={"time_zone": "+02:00"})
    values = instance_values(api, instance_id)
    assert (values["max_connections"], values["time_zone"]) == ("1500", "+02:00")


def test_template_parameters_outside_the_defaults(api: Api) -> None:
    api.admin("POST", "config", json={"configurations": {"cfg-extra": {
        "name": "extra", "datastore_name": "mysql", "datastore_version_name": "8.0",
        "parameters": {"slow_query_log": {"value": "ON"}, "innodb_log_file_size": {"value": "1073741824", "restart_required": True}}}}})
    instance_id = mysql(api)
    assert apply(api, "cfg-extra", instance_id)["apply_results"][0]["restart_required"] is True
    answer = api.ok("GET", f"{RDS}/instances/{instance_id}/configurations")
    assert model_problems(answer, RDS_SDK, "ShowInstanceConfigurationResponse") == []
    params = {item["name"]: item for item in answer["configuration_parameters"]}
    assert (params["slow_query_log"]["value"], params["slow_query_log"]["restart_required"]) == ("ON", False)
    assert params["innodb_log_file_size"]["restart_required"] is True


# -- configuration ----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("configurations", [
    [],
    {"cfg": "name"},
    {"cfg": {"datastore_name": "mysql"}},
    {"cfg": {"datastore_name": "MariaDB", "datastore_version_name": "10.5"}},
    {"cfg": {"datastore_name": "mysql", "datastore_version_name": "9.9"}},
    {"cfg": {"parameters": {"max_connections": 1200}}},
    {"cfg": {"parameters": {"max_connections": {"value": "1200", "restart_required": "no"}}}},
    {"cfg": {"restart_required": "yes"}},
])
def test_malformed_templates_are_refused_by_the_admin_api(api: Api, configurations: Any) -> None:
    resp = api.client.post("/_admin/config", json={"configurations": configurations})
    assert resp.status_code == 400 and resp.json["error_code"] == "EMU.0001", resp.json
    assert api.admin("GET", "config")["configurations"] == CONFIGURATIONS


# -- gateway rules on the new paths -----------------------------------------------------------------------------------
def test_faults_log_and_authentication_apply_to_the_reads(api: Api) -> None:
    instance_id = mysql(api)
    api.fault(kind="status", status=503, method="GET", path=r"/configurations/cfg-orders$")
    api.refused("GET", f"{RDS}/configurations/cfg-orders", 503, "APIGW.0201")
    assert template(api, "cfg-orders")["id"] == "cfg-orders"  # count 1: the next one is answered
    api.fault(kind="busy", path=r"/instances/[^/]+/configurations$")
    api.refused("GET", f"{RDS}/instances/{instance_id}/configurations", 409, "DBS.200019")
    api.admin("DELETE", "requests")
    instance_values(api, instance_id)
    template(api, "cfg-orders")
    entries = [(entry["method"], entry["path"], entry["status"], entry["auth"]) for entry in api.log()]
    assert entries == [("GET", f"{RDS}/instances/{instance_id}/configurations", 200, "token"),
                       ("GET", f"{RDS}/configurations/cfg-orders", 200, "token")]
    assert api.client.get(f"{RDS}/configurations/cfg-orders").status_code == 401
    path = f"{RDS}/instances/{instance_id}/configurations"
    signed = api.client.get(path, headers=signed_headers("GET", path, {}, b""))
    assert signed.status_code == 200 and signed.json["datastore_name"] == "mysql"
    forged = api.client.get(path, headers=signed_headers("GET", path, {}, b"", secret="wrong-secret"))
    assert forged.status_code == 401 and forged.json["error_code"] == "APIGW.0301"
