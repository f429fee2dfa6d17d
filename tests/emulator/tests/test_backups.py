"""Emulator backups across services: manual backups outlive their instance (and restore it), automated ones go,
seeding, the RDS v1 delete body, deletions with a delay, state kept across restarts, service ports."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from werkzeug.test import Client

from tests.emulator.ports import ServicePort
from tests.emulator.tests.day2_helpers import DDS, GAUSS, PID, RDS, READY_DELAY, Api

V1 = f"/rds/v1/{PID}"


@pytest.fixture(name="api")
def fixture_api() -> Api:
    """Fresh emulator."""
    return Api()


def backups_of(api: Api, service: str) -> list[tuple[str, str]]:
    """(name, type) of every stored backup of a service, as the admin state shows them."""
    return sorted((item["name"], item["origin"]) for item in api.admin("GET", "state", query_string={"service": service})["backups"])


def test_rds_manual_backups_outlive_their_instance_and_restore_it(api: Api) -> None:
    source = api.seed("rds", instances=[{"name": "doomed-rds"}])[0]
    backup = api.ok("POST", f"{RDS}/backups", json={"instance_id": source, "name": "final-rds"})["backup"]
    api.advance(READY_DELAY + 1)
    assert api.ok("GET", f"{RDS}/backups", query_string={"instance_id": source})["total_count"] == 2
    api.ok("DELETE", f"{RDS}/instances/{source}", 202)
    kept = api.ok("GET", f"{RDS}/backups", query_string={"instance_id": source})
    assert [(item["name"], item["type"], item["status"]) for item in kept["backups"]] == [("final-rds", "manual", "COMPLETED")]
    body = {"name": "reborn", "flavor_ref": "rds.mysql.n1.large.2", "volume": {"type": "ULTRAHIGH", "size": 40},
            "availability_zone": "eu-de-01", "password": "Test@12345678",
            "restore_point": {"instance_id": source, "type": "backup", "backup_id": backup["id"]}}
    answer = api.ok("POST", f"{RDS}/instances", 202, json=body)  # MySQL: network and region from the backup's instance
    assert answer["instance"]["vpc_id"] == "a1b2c3d4-0000-4000-8000-00000000aaaa"
    point = {"instance_id": source, "type": "timestamp", "restore_time": 1}
    api.refused("POST", f"{RDS}/instances", 404, "DBS.200013", json=dict(body, name="reborn-2", restore_point=point))


def test_dds_manual_backups_outlive_their_instance(api: Api) -> None:
    source = api.seed("dds", instances=[{"name": "doomed-dds"}])[0]
    backup_id = api.ok("POST", f"{DDS}/backups", json={"backup": {"instance_id": source, "name": "final-dds"}})["backup_id"]
    api.advance(READY_DELAY + 1)
    names = backups_of(api, "dds")
    assert [origin for _name, origin in names] == ["auto", "manual"] and names[0][0].startswith("doomed-dds-")
    api.ok("DELETE", f"{DDS}/instances/{source}", 202)
    kept = api.ok("GET", f"{DDS}/backups")["backups"]
    assert [(item["name"], item["instance_name"], item["type"]) for item in kept] == [("final-dds", "doomed-dds", "Manual")]
    assert "instance_status" not in kept[0]
    body = {"name": "reborn-dds", "availability_zone": "eu-de-01", "vpc_id": "v", "subnet_id": "s", "security_group_id": "g",
            "password": "Test@12345678", "restore_point": {"type": "backup", "backup_id": backup_id},
            "flavor": [{"type": "replica", "num": 1, "size": 10, "spec_code": "dds.mongodb.s6.large.2.repset"}]}
    answer = api.ok("POST", f"{DDS}/instances", 202, json=body)
    assert answer["datastore"] == {"type": "DDS-Community", "version": "4.0", "storage_engine": "wiredTiger"}


def test_gauss_manual_backups_outlive_their_instance_and_restore_it(api: Api) -> None:
    source = api.seed("gaussdb", instances=[{"name": "doomed-gauss"}])[0]
    backup = api.ok("POST", f"{GAUSS}/backups", 202, json={"instance_id": source, "name": "final-gauss"})["backup"]
    api.advance(READY_DELAY + 1)
    api.ok("DELETE", f"{GAUSS}/instances/{source}", 202)
    kept = api.ok("GET", f"{GAUSS}/backups")["backups"]
    assert [(item["name"], item["type"]) for item in kept] == [("final-gauss", "manual")]
    body = {"name": "reborn-gauss", "availability_zone": "eu-de-01,eu-de-02,eu-de-03", "flavor_ref": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
            "volume": {"type": "ULTRAHIGH", "size": 160}, "vpc_id": "v", "subnet_id": "s", "security_group_id": "g",
            "password": "Test@12345678", "restore_point": {"instance_id": source, "type": "backup", "backup_id": backup["id"]}}
    answer = api.ok("POST", f"{GAUSS}/instances", 202, json=body)
    assert answer["instance"]["datastore"] == {"type": "GaussDB", "version": "2.7"}


def test_seeded_backups_for_every_service(api: Api) -> None:
    for service, base in (("rds", RDS), ("dds", DDS), ("gaussdb", GAUSS)):
        instance_id = api.seed(service, instances=[{"name": f"seeded-{service}", "auto_backups": False}])[0]
        seeded = api.admin("POST", "seed", json={"service": service, "backups": [
            {"instance_id": instance_id, "name": "old-manual", "begin_time": "2024-01-01T00:00:00+0000", "end_time": 1704070800000},
            {"instance_name": f"seeded-{service}", "name": "old-auto", "type": "auto", "status": "FAILED"},
            {"instance_id": instance_id, "name": "running", "status": "BUILDING", "id": f"fixed-{service}"}]})["backups"]
        assert [(item["name"], item["type"], item["status"]) for item in seeded] == [
            ("old-manual", "manual", "COMPLETED"), ("old-auto", "auto", "FAILED"), ("running", "manual", "BUILDING")]
        query = {"instance_id": instance_id}
        listed = {item["name"]: item for item in api.ok("GET", f"{base}/backups", query_string=query)["backups"]}
        assert listed["running"]["id"] == f"fixed-{service}" and listed["running"]["status"] == "BUILDING"
        assert listed["old-manual"]["begin_time"].startswith("2024-01-01")
        api.advance(10 * READY_DELAY)
        assert {item["name"]: item["status"] for item in api.ok("GET", f"{base}/backups", query_string=query)["backups"]}["running"] == "BUILDING"
    bad = api.client.post("/_admin/seed", json={"service": "rds", "backups": [{"instance_name": "nobody", "name": "x"}]})
    assert bad.status_code == 400


def test_rds_v1_delete_keeps_manual_backups_whatever_keep_last_manual_backup_says(api: Api) -> None:
    for value in ("0", "1", 1, "", None):
        instance_id = api.seed("rds_v1", instances=[{"name": "v1-target"}])[0]
        api.admin("POST", "seed", json={"service": "rds_v1", "backups": [
            {"instance_id": instance_id, "name": f"manual-{value}"}, {"instance_id": instance_id, "name": f"auto-{value}", "type": "auto"}]})
        body = {} if value is None else {"keepLastManualBackup": value}
        assert api.call("DELETE", f"{V1}/instances/{instance_id}", json=body).status_code == 202
        assert (f"manual-{value}", "manual") in backups_of(api, "rds_v1") and (f"auto-{value}", "auto") not in backups_of(api, "rds_v1")
    instance_id = api.seed("rds_v1", instances=[{"name": "v1-kept"}])[0]
    for value in ("yes", -1, True, 1.5):
        resp = api.call("DELETE", f"{V1}/instances/{instance_id}", json={"keepLastManualBackup": value})
        assert resp.status_code == 400 and resp.json["error"]["code"] == "RDS.0041"
    assert api.call("DELETE", f"{V1}/instances/{instance_id}", data="not json").status_code == 400


def test_deletions_with_a_delay_show_the_deleting_word(api: Api) -> None:
    api.admin("POST", "config", json={"delete_delay": 20})
    for service, base, word in (("rds", RDS, "DELETING"), ("dds", DDS, "DISABLED"), ("gaussdb", GAUSS, "DELETING")):
        instance_id = api.seed(service, instances=[{"name": f"slow-{service}", "auto_backups": False}])[0]
        backup_id = api.admin("POST", "seed", json={"service": service, "backups": [{"instance_id": instance_id, "name": "slow"}]})["backups"][0]["id"]
        assert api.call("DELETE", f"{base}/backups/{backup_id}").status_code in (200, 202)
        listed = api.ok("GET", f"{base}/backups", query_string={"instance_id": instance_id})["backups"]
        assert [item["status"] for item in listed] == [word]
    api.advance(21)
    for service, base in (("rds", RDS), ("dds", DDS), ("gaussdb", GAUSS)):
        instance_id = api.admin("GET", "state", query_string={"service": service})["instances"][0]["id"]
        assert api.ok("GET", f"{base}/backups", query_string={"instance_id": instance_id})["total_count"] == 0


def test_operations_and_backups_survive_a_restart(tmp_path: Path) -> None:
    state = str(tmp_path / "state.db")
    first = Api(state=state)
    instance_id, other = first.seed("rds", instances=[{"name": "durable"}, {"name": "durable-2"}])
    first.ok("POST", f"{RDS}/instances/{instance_id}/action", 202, json={"enlarge_volume": {"size": 60}})
    first.ok("POST", f"{RDS}/backups", json={"instance_id": other, "name": "durable-backup"})
    second = Api(state=state)
    assert second.listed(RDS, instance_id)["status"] == "MODIFYING"
    second.advance(READY_DELAY + 1)
    listed = second.listed(RDS, instance_id)
    assert (listed["status"], listed["volume"]["size"]) == ("ACTIVE", 60)
    found = second.ok("GET", f"{RDS}/backups", query_string={"instance_id": other, "backup_type": "manual"})["backups"]
    assert [(item["name"], item["status"]) for item in found] == [("durable-backup", "COMPLETED")]
    assert second.admin("POST", "reset") == {"reset": True}
    assert second.admin("GET", "state", query_string={"service": "rds"}) == {"service": "rds", "instances": [], "backups": []}


def test_day2_paths_on_a_service_port(api: Api) -> None:
    port = Client(ServicePort(api.client.application, "dds"))
    instance_id = api.seed("dds", instances=[{"name": "on-port"}])[0]
    api.fault(kind="busy", service="dds", path=r"^/dds/v3/[^/]+/instances/[^/]+/modify-port$")
    busy = port.post(f"/v3/{PID}/instances/{instance_id}/modify-port", json={"port": 8700}, headers=api.headers)
    assert busy.status_code == 409 and busy.json["error_code"] == "DBS.200019"
    answer = port.post(f"/v3/{PID}/instances/{instance_id}/modify-port", json={"port": 8700}, headers=api.headers)
    assert answer.status_code == 200 and answer.json["port"] == 8700
    entries = [(entry["path"], entry["status"], entry["fault"]) for entry in api.log()[-2:]]
    assert entries == [(f"/v3/{PID}/instances/{instance_id}/modify-port", 409, "busy"), (f"/v3/{PID}/instances/{instance_id}/modify-port", 200, None)]


def test_the_admin_state_lists_operations(api: Api) -> None:
    instance_id = api.seed("gaussdb", instances=[{"name": "watched"}])[0]
    api.ok("PUT", f"{GAUSS}/instances/{instance_id}/port", 202, json={"port": 8001})
    record: dict[str, Any] = api.admin("GET", "state", query_string={"service": "gaussdb"})["instances"][0]
    assert [(op["kind"], op["changes"]) for op in record["ops"]] == [("port", {"port": 8001})]
    api.advance(READY_DELAY + 1)
    assert api.admin("GET", "state", query_string={"service": "gaussdb"})["instances"][0]["ops"] == []
