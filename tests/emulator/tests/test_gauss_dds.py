"""Emulator GaussDB (restore to a new instance, backups, restore-time) and DDS (mode and flavor rules)."""
from __future__ import annotations

import time
from typing import Any

import pytest

from tests.emulator import create_app

PID = "0483b6b16e954cb88930a360d2c4e663"
GAUSS = f"/gaussdb/v3/{PID}"
DDS = f"/dds/v3/{PID}"


class Api:
    """Flask test client with a token."""

    def __init__(self) -> None:
        app = create_app(config={"ready_delay": 0.05})
        app.testing = True
        self.client = app.test_client()
        auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "emulator-user", "password": "Emulator-Passw0rd!", "domain": {"name": "emulator-domain"}}}},
            "scope": {"project": {"name": "eu-de"}}}}
        self.headers = {"X-Auth-Token": self.client.post("/iam/v3/auth/tokens", json=auth).headers["X-Subject-Token"]}

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """A request with the token."""
        return self.client.open(path, method=method, headers=self.headers, **kwargs)

    def seed(self, **body: Any) -> Any:
        """Admin seeding."""
        return self.client.post("/_admin/seed", json=body).json


@pytest.fixture(name="api")
def fixture_api() -> Api:
    """Fresh emulator."""
    return Api()


# -- GaussDB ----------------------------------------------------------------------------------
def restore_body(source_id: str, point: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Seed 003's restore body."""
    body = {
        "name": "targetInst", "availability_zone": "eu-de-01,eu-de-02,eu-de-03", "flavor_ref": "gaussdb.opengauss.ee.dn.m4.2xlarge.8.in",
        "volume": {"type": "ULTRAHIGH", "size": 160}, "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
        "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f", "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
        "password": "Test@12345678", "restore_point": dict(point, instance_id=source_id), "port": 8635,
        "enable_force_switch": True, "time_zone": "UTC+04:00",
    }
    body.update(changes)
    return body


@pytest.fixture(name="source")
def fixture_source(api: Api) -> dict[str, Any]:
    """A seeded ACTIVE source instance and its automatic backups."""
    source_id = api.seed(service="gaussdb", instances=[{"name": "gauss-source", "created_ago": 3600}])["instances"][0]["id"]
    backups = api.call("GET", f"{GAUSS}/backups", query_string={"instance_id": source_id}).json
    return {"id": source_id, "backups": {b["name"]: b for b in backups["backups"]}, "total": backups["total_count"]}


def test_gauss_automatic_backups(api: Api, source: dict[str, Any]) -> None:
    assert source["total"] == 3
    assert {name: b["status"] for name, b in source["backups"].items()} == {
        "gauss-source-full-1": "COMPLETED", "gauss-source-full-2": "COMPLETED", "gauss-source-failed": "FAILED"}
    again = api.call("GET", f"{GAUSS}/backups", query_string={"instance_id": source["id"]}).json
    assert [b["id"] for b in again["backups"]] == [b["id"] for b in source["backups"].values()]
    page = api.call("GET", f"{GAUSS}/backups", query_string={"limit": 1, "offset": 1}).json
    assert page["total_count"] == 3 and len(page["backups"]) == 1


def test_gauss_restore_from_backup(api: Api, source: dict[str, Any]) -> None:
    backup_id = source["backups"]["gauss-source-full-2"]["id"]
    resp = api.call("POST", f"{GAUSS}/instances", json=restore_body(source["id"], {"backup_id": backup_id}))
    assert resp.status_code == 202, resp.json
    inst = resp.json["instance"]
    assert inst["status"] == "BUILD" and inst["id"].endswith("in14") and inst["port"] == "8635" and resp.json["job_id"]
    job = api.call("GET", f"{GAUSS}/jobs", query_string={"id": resp.json["job_id"]}).json["job"]
    assert "progress" in job and "process" not in job
    time.sleep(0.08)
    listed = api.call("GET", f"{GAUSS}/instances", query_string={"name": "targetInst"}).json
    assert listed["total_count"] == 1 and listed["instances"][0]["status"] == "ACTIVE"
    assert listed["instances"][0]["time_zone"] == "UTC+04:00" and listed["instances"][0]["port"] == "8635"


@pytest.mark.parametrize("zones, per_node", [
    ("eu-de-01,eu-de-02,eu-de-03", ["eu-de-01", "eu-de-02", "eu-de-03"]),
    ("eu-de-02,eu-de-02,eu-de-02", ["eu-de-02"] * 3),
])
def test_gauss_list_reports_the_zones_per_node(api: Api, source: dict[str, Any], zones: str, per_node: list[str]) -> None:
    # GaussDB ListInstances (ListInstanceResponse) has no availability_zone of the instance, each node has its own;
    # the create answer has the zones of the request.
    backup_id = source["backups"]["gauss-source-full-2"]["id"]
    resp = api.call("POST", f"{GAUSS}/instances", json=restore_body(source["id"], {"backup_id": backup_id}, availability_zone=zones))
    assert resp.status_code == 202, resp.json
    assert resp.json["instance"]["availability_zone"] == zones
    record = api.call("GET", f"{GAUSS}/instances", query_string={"id": resp.json["instance"]["id"]}).json["instances"][0]
    assert "availability_zone" not in record
    assert [(node["role"], node["availability_zone"]) for node in record["nodes"]] == list(zip(["master", "slave", "slave"], per_node))


@pytest.mark.parametrize("backup, fragment", [("gauss-source-failed", "FAILED"), ("missing", "does not exist")])
def test_gauss_restore_needs_completed_backup(api: Api, source: dict[str, Any], backup: str, fragment: str) -> None:
    backup_id = source["backups"][backup]["id"] if backup in source["backups"] else "nope"
    resp = api.call("POST", f"{GAUSS}/instances", json=restore_body(source["id"], {"type": "backup", "backup_id": backup_id}))
    assert resp.status_code == 400 and resp.json["error_code"] == "DBS.201204" and fragment in resp.json["error_msg"]


def test_gauss_backup_must_belong_to_source(api: Api, source: dict[str, Any]) -> None:
    other = api.seed(service="gaussdb", instances=[{"name": "other-source"}])["instances"][0]["id"]
    backup_id = source["backups"]["gauss-source-full-1"]["id"]
    resp = api.call("POST", f"{GAUSS}/instances", json=restore_body(other, {"backup_id": backup_id}))
    assert resp.status_code == 400 and "backup_id" in resp.json["error_msg"]
    unknown = api.call("POST", f"{GAUSS}/instances", json=restore_body("x" * 32 + "in14", {"backup_id": backup_id}))
    assert unknown.status_code == 404 and unknown.json["error_code"] == "DBS.200013"


def utc_day(stamp_ms: int) -> str:
    """yyyy-mm-dd of an epoch-ms time in UTC."""
    return time.strftime("%Y-%m-%d", time.gmtime(stamp_ms / 1000))


def test_gauss_point_in_time(api: Api, source: dict[str, Any]) -> None:
    now_ms = int(time.time() * 1000)
    ranges = []
    for day in sorted({utc_day(now_ms - 3600 * 1000), utc_day(now_ms)}):  # two days when the last hour crossed midnight
        ranges += api.call("GET", f"{GAUSS}/instances/{source['id']}/restore-time", query_string={"date": day}).json["restore_time"]
    assert ranges and ranges[-1]["end_time"] - ranges[0]["start_time"] >= 3600 * 1000
    inside = restore_body(source["id"], {"type": "timestamp", "restore_time": ranges[0]["start_time"] + 1000})
    assert api.call("POST", f"{GAUSS}/instances", json=inside).status_code == 202
    outside = restore_body(source["id"], {"type": "timestamp", "restore_time": ranges[0]["start_time"] - 1}, name="tooEarly")
    resp = api.call("POST", f"{GAUSS}/instances", json=outside)
    assert resp.status_code == 400 and "restore_time" in resp.json["error_msg"]
    no_type = api.call("POST", f"{GAUSS}/instances", json=restore_body(source["id"], {"restore_time": ranges[0]["start_time"]}))
    assert no_type.status_code == 400 and "restore_point.type" in no_type.json["error_msg"]


def test_gauss_seeded_backups_and_ranges(api: Api) -> None:
    answer = api.seed(service="gaussdb", instances=[{"name": "seeded-src", "auto_backups": False}],
                      backups=[{"instance_name": "seeded-src", "name": "manual-1", "status": "BUILDING", "begin_time": 1700000000000}],
                      restore_time=[{"instance_name": "seeded-src", "start_time": 1000, "end_time": 2000}])
    source_id = answer["instances"][0]["id"]
    backups = api.call("GET", f"{GAUSS}/backups", query_string={"instance_id": source_id}).json["backups"]
    assert [(b["name"], b["status"]) for b in backups] == [("manual-1", "BUILDING")]
    assert backups[0]["begin_time"].startswith("2023-11-14T22:13:20")
    resp = api.call("POST", f"{GAUSS}/instances", json=restore_body(source_id, {"backup_id": backups[0]["id"]}))
    assert resp.status_code == 400 and "BUILDING" in resp.json["error_msg"]
    answer = api.call("GET", f"{GAUSS}/instances/{source_id}/restore-time", query_string={"date": "1970-01-01"}).json
    assert answer == {"restore_time": [{"start_time": 1000, "end_time": 2000}]}
    ok = api.call("POST", f"{GAUSS}/instances", json=restore_body(source_id, {"type": "timestamp", "restore_time": 1500}))
    assert ok.status_code == 202


DAY_MS = 86400 * 1000
MARCH_10 = 1710028800000  # 2024-03-10T00:00:00Z


@pytest.mark.parametrize("date, expected", [
    ("2024-03-08", [{"start_time": MARCH_10 - 2 * DAY_MS, "end_time": MARCH_10 - 30 * 3600 * 1000}]),
    ("2024-03-09", [{"start_time": MARCH_10 - 3600 * 1000, "end_time": MARCH_10 - 1}]),
    ("2024-03-10", [{"start_time": MARCH_10, "end_time": MARCH_10 + 2 * 3600 * 1000},
                    {"start_time": MARCH_10 + 10 * 3600 * 1000, "end_time": MARCH_10 + DAY_MS - 1}]),
    ("2024-03-11", [{"start_time": MARCH_10 + DAY_MS, "end_time": MARCH_10 + 30 * 3600 * 1000},
                    {"start_time": MARCH_10 + 40 * 3600 * 1000, "end_time": MARCH_10 + 2 * DAY_MS - 1}]),
    ("2024-03-12", [{"start_time": MARCH_10 + 2 * DAY_MS, "end_time": MARCH_10 + 2 * DAY_MS}]),
    ("2024-03-13", []),
])
def test_gauss_restore_time_is_clipped_to_the_utc_day(api: Api, date: str, expected: list[dict[str, int]]) -> None:
    ranges = [(MARCH_10 - 2 * DAY_MS, MARCH_10 - 30 * 3600 * 1000), (MARCH_10 - 3600 * 1000, MARCH_10 + 2 * 3600 * 1000),
              (MARCH_10 + 10 * 3600 * 1000, MARCH_10 + 30 * 3600 * 1000), (MARCH_10 + 40 * 3600 * 1000, MARCH_10 + 2 * DAY_MS)]
    answer = api.seed(service="gaussdb", instances=[{"name": "ranged-src"}],
                      restore_time=[{"instance_name": "ranged-src", "start_time": start, "end_time": end} for start, end in ranges])
    source_id = answer["instances"][0]["id"]
    resp = api.call("GET", f"{GAUSS}/instances/{source_id}/restore-time", query_string={"date": date})
    assert resp.status_code == 200 and resp.json == {"restore_time": expected}


@pytest.mark.parametrize("query", [{}, {"date": ""}, {"date": "2024-3-10"}, {"date": "20240310"}, {"date": "2024-02-30"},
                                   {"date": "2024-03-10T00:00:00Z"}, {"date": "1710028800000"}, {"date": "today"}])
def test_gauss_restore_time_needs_a_date(api: Api, source: dict[str, Any], query: dict[str, str]) -> None:
    resp = api.call("GET", f"{GAUSS}/instances/{source['id']}/restore-time", query_string=query)
    assert resp.status_code == 400 and resp.json["error_code"] == "DBS.280001", (query, resp.json)
    assert "date" in resp.json["error_msg"]


def test_gauss_restore_time_of_missing_or_building_instance(api: Api) -> None:
    today = utc_day(int(time.time() * 1000))
    missing = api.call("GET", f"{GAUSS}/instances/{'0' * 32}in14/restore-time", query_string={"date": today})
    assert missing.status_code == 404 and missing.json["error_code"] == "DBS.200002"
    api.client.post("/_admin/config", json={"ready_delay": 60})
    building = api.seed(service="gaussdb", instances=[{"name": "still-building", "status": "BUILD"}])["instances"][0]["id"]
    assert api.call("GET", f"{GAUSS}/instances/{building}/restore-time", query_string={"date": today}).json == {"restore_time": []}


@pytest.mark.parametrize("changes, code, word", [
    ({"port": 8000}, "DBS.201204", "port"), ({"port": "2379"}, "DBS.201204", "port"), ({"port": 39999}, "DBS.201204", "port"),
    ({"availability_zone": "eu-de-01,eu-de-02"}, "DBS.200025", "availability_zone"),
    ({"availability_zone": "eu-de-01,eu-de-01,eu-de-02"}, "DBS.200025", "availability_zone"),
    ({"time_zone": "UTC+08:30"}, "DBS.201204", "time_zone"), ({"time_zone": "UTC+13:00"}, "DBS.201204", "time_zone"),
    ({"volume": {"type": "COMMON", "size": 160}}, "DBS.200026", "volume.type"),
    ({"volume": {"type": "ULTRAHIGH", "size": 120}}, "DBS.200023", "volume.size"),
    ({"volume": {"type": "ULTRAHIGH", "size": 170}}, "DBS.200027", "volume.size"),
    ({"password": "Test$12345678"}, "DBS.200052", "password"), ({"name": "9lives"}, "DBS.200021", "name"),
    ({"flavor_ref": ""}, "DBS.200054", "flavor_ref"), ({"enable_force_switch": "yes"}, "DBS.200001", "enable_force_switch"),
    ({"region": "cn-north-4"}, "DBS.200024", "region"),
])
def test_gauss_create_rules(api: Api, source: dict[str, Any], changes: dict[str, Any], code: str, word: str) -> None:
    body = restore_body(source["id"], {"backup_id": source["backups"]["gauss-source-full-1"]["id"]}, **changes)
    resp = api.call("POST", f"{GAUSS}/instances", json=body)
    assert resp.status_code == 400 and resp.json["error_code"] == code and word in resp.json["error_msg"], resp.json


def test_gauss_list_and_delete(api: Api, source: dict[str, Any]) -> None:
    api.seed(service="gaussdb", count=3, prefix="gauss-bulk-")
    assert api.call("GET", f"{GAUSS}/instances", query_string={"name": "gauss-bulk-0001"}).json["total_count"] == 1
    assert api.call("GET", f"{GAUSS}/instances", query_string={"name": "*bulk"}).json["total_count"] == 3
    resp = api.call("DELETE", f"{GAUSS}/instances/{source['id']}")
    assert resp.status_code == 202
    assert api.call("GET", f"{GAUSS}/instances", query_string={"id": source["id"]}).json["total_count"] == 0
    assert api.call("DELETE", f"{GAUSS}/instances/{source['id']}").json["error_code"] == "DBS.200002"


# -- DDS --------------------------------------------------------------------------------------
def sharding(**changes: Any) -> dict[str, Any]:
    """Seed 004's cluster body."""
    body = {
        "name": "test-cluster", "datastore": {"type": "DDS-Community", "version": "3.4", "storage_engine": "wiredTiger"},
        "region": "eu-de", "availability_zone": "eu-de-01", "vpc_id": "674e9b42-cd8d-4d25-a2e6-5abcc565b961",
        "subnet_id": "f1df08c5-71d1-406a-aff0-de435a51007b", "security_group_id": "7aa51dbf-5b63-40db-9724-dad3c4828b58",
        "password": "Test@123", "disk_encryption_id": "d4825f1b-5e47-4ff7-8ca9-0960da1770b1", "mode": "Sharding",
        "flavor": [
            {"type": "mongos", "num": 2, "spec_code": "dds.c3.medium.4.mongos"},
            {"type": "shard", "num": 2, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.c3.medium.4.shard"},
            {"type": "config", "num": 1, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.c3.large.2.config"},
        ],
        "backup_strategy": {"start_time": "08:15-09:15", "keep_days": "8"}, "ssl_option": "1",
    }
    body.update(changes)
    return body


def replica_set(**changes: Any) -> dict[str, Any]:
    """A ReplicaSet body."""
    flavor = [{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 10, "spec_code": "dds.mongodb.s6.large.2.repset"}]
    fields: dict[str, Any] = {"mode": "ReplicaSet", "flavor": flavor, "name": "test-replset"}
    fields.update(changes)
    return sharding(**fields)


def test_dds_create_answer_and_list(api: Api) -> None:
    resp = api.call("POST", f"{DDS}/instances", json=sharding(port="8636"))
    assert resp.status_code == 202, resp.json
    body = resp.json
    assert body["status"] == "creating" and body["port"] == 8636 and body["id"].endswith("in02") and body["job_id"]
    assert body["backup_strategy"] == {"start_time": "08:15-09:15", "keep_days": "8"} and body["ssl_option"] == "1"
    assert "storage" not in body["flavor"][1] and body["flavor"][1]["size"] == 20
    listed = api.call("GET", f"{DDS}/instances", query_string={"name": "test-cluster"}).json
    record = listed["instances"][0]
    assert record["status"] == "creating" and record["port"] == "8636" and record["mode"] == "Sharding"
    assert [g["type"] for g in record["groups"]] == ["mongos", "shard", "shard", "config"]
    assert len(record["groups"][0]["nodes"]) == 2 and record["disk_encryption_flag"] == "1"
    time.sleep(0.08)
    assert api.call("GET", f"{DDS}/instances", query_string={"id": body["id"]}).json["instances"][0]["status"] == "normal"
    job = api.call("GET", f"{DDS}/jobs", query_string={"id": body["job_id"]}).json["job"]
    assert job["status"] == "Completed" and job["progress"] == "100%"


def _without(kind: str) -> list[dict[str, Any]]:
    return [entry for entry in sharding()["flavor"] if entry["type"] != kind]


def _changed(kind: str, **fields: Any) -> list[dict[str, Any]]:
    return [dict(entry, **fields) if entry["type"] == kind else entry for entry in sharding()["flavor"]]


@pytest.mark.parametrize("body, word", [
    ({k: v for k, v in sharding().items() if k != "ssl_option"}, "ssl_option"),
    (sharding(ssl_option="yes"), "ssl_option"),
    (sharding(flavor=_without("config")), "flavor"),
    (sharding(flavor=_changed("mongos", size=10, storage="ULTRAHIGH")), "storage and size are not allowed"),
    (sharding(flavor=_changed("mongos", num=1)), "flavor[mongos].num"),
    (sharding(flavor=_changed("shard", num=17)), "flavor[shard].num"),
    (sharding(flavor=_changed("config", size=30)), "flavor[config].size"),
    (sharding(flavor=_changed("shard", size=25)), "flavor[shard].size"),
    (replica_set(flavor=sharding()["flavor"][1:2]), "not allowed for mode ReplicaSet"),
    (replica_set(flavor=[{"type": "replica", "num": 1, "spec_code": "x"}]), "flavor[replica].storage"),
    (sharding(mode="Cluster"), "mode"),
    (sharding(datastore={"type": "DDS-Community", "version": "3.4", "storage_engine": "rocksDB"}), "storage_engine"),
    (sharding(datastore={"type": "DDS-Community", "version": "6.0", "storage_engine": "wiredTiger"}), "datastore.version"),
    (sharding(datastore={"type": "DDS-Community", "version": "3.2", "storage_engine": "wiredTiger"}), "datastore.version"),
    (sharding(datastore={"type": "DDS-Community", "version": "4.2", "storage_engine": "wiredTiger"}), "storage_engine"),
    (replica_set(datastore={"type": "DDS-Community", "version": "5.0", "storage_engine": "wiredTiger"}), "storage_engine"),
    (replica_set(mode="Single", datastore={"type": "DDS-Community", "version": "5.0", "storage_engine": "rocksDB"},
                 flavor=[{"type": "single", "num": 1, "storage": "ULTRAHIGH", "size": 30, "spec_code": "s"}]), "single node"),
    (replica_set(flavor=[{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 2010, "spec_code": "x"}]), "flavor[replica].size"),
    (replica_set(flavor=[{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 3000, "spec_code": "x"}]), "flavor[replica].size"),
    (replica_set(mode="Single", availability_zone="eu-de-01,eu-de-02,eu-de-03",
                 flavor=[{"type": "single", "num": 1, "storage": "ULTRAHIGH", "size": 30, "spec_code": "s"}]), "availability_zone"),
    (sharding(port=9600), "port"), (sharding(password="Test$1234"), "password"), (sharding(password="test1234"), "password"),
    (sharding(password="Test1234"), "password"), (sharding(password="test@1234"), "password"),
    (sharding(password="TEST@1234"), "password"), (sharding(password="Test@abcd"), "password"),
    (sharding(backup_strategy={"start_time": "08:15-09:15", "keep_days": "733"}), "keep_days"),
    (sharding(backup_strategy={"start_time": "08:00-10:00"}), "start_time"),
    (sharding(name="abc"), "name"), (sharding(region="cn-north-4"), "region"),
])
def test_dds_rules(api: Api, body: dict[str, Any], word: str) -> None:
    resp = api.call("POST", f"{DDS}/instances", json=body)
    assert resp.status_code == 400, resp.json
    assert resp.json["error_code"].startswith("DBS.") and word in resp.json["error_msg"]


def test_dds_valid_variants_and_mode_filter(api: Api) -> None:
    rocks = sharding(name="rocks-cluster", datastore={"type": "DDS-Community", "version": "4.2", "storage_engine": "rocksDB"}, port=27017)
    assert api.call("POST", f"{DDS}/instances", json=rocks).status_code == 202
    assert api.call("POST", f"{DDS}/instances", json=replica_set(backup_strategy={"start_time": "23:00-00:00", "keep_days": 0})).status_code == 202
    single = replica_set(name="one-node", mode="Single", flavor=[{"type": "single", "num": "1", "storage": "ULTRAHIGH", "size": "30", "spec_code": "s"}])
    assert api.call("POST", f"{DDS}/instances", json=single).status_code == 202
    wide = replica_set(name="wide-replset", availability_zone="eu-de-01,eu-de-02,eu-de-03", password="Wide@2000",
                       datastore={"type": "DDS-Community", "version": "5.0", "storage_engine": "rocksDB"},
                       flavor=[{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 2000, "spec_code": "r"}])
    assert api.call("POST", f"{DDS}/instances", json=wide).status_code == 202, "5.0 replica set, 2000 GB, three AZs"
    names = [i["name"] for i in api.call("GET", f"{DDS}/instances", query_string={"mode": "ReplicaSet"}).json["instances"]]
    assert names == ["test-replset", "wide-replset"]
    assert api.call("GET", f"{DDS}/instances", query_string={"limit": 2}).json["total_count"] == 4


@pytest.mark.parametrize("version, engine, whole", [("4.0", "wiredTiger", "4.0.3"), ("5.0", "rocksDB", "5.0.20")])
def test_dds_list_reports_zones_per_node_and_the_engine_apart(api: Api, version: str, engine: str, whole: str) -> None:
    # DDS ListInstances (QueryInstanceResponse): no availability_zone of the instance (groups[].nodes[] have theirs), the
    # datastore is {type, version, patch_available, whole_version} and the storage engine the top-level engine. The
    # create answer has the request's availability_zone and datastore.storage_engine.
    body = replica_set(availability_zone="eu-de-01,eu-de-02,eu-de-03", datastore={"type": "DDS-Community", "version": version, "storage_engine": engine})
    created = api.call("POST", f"{DDS}/instances", json=body).json
    assert created["availability_zone"] == "eu-de-01,eu-de-02,eu-de-03" and created["datastore"]["storage_engine"] == engine
    record = api.call("GET", f"{DDS}/instances", query_string={"id": created["id"]}).json["instances"][0]
    assert "availability_zone" not in record
    assert record["datastore"] == {"type": "DDS-Community", "version": version, "patch_available": False, "whole_version": whole}
    assert record["engine"] == engine
    assert [(node["role"], node["availability_zone"]) for node in record["groups"][0]["nodes"]] == [
        ("Primary", "eu-de-01"), ("Secondary", "eu-de-02"), ("Hidden", "eu-de-03")]


def test_dds_duplicate_name_and_delete(api: Api) -> None:
    created = api.call("POST", f"{DDS}/instances", json=replica_set()).json
    dup = api.call("POST", f"{DDS}/instances", json=replica_set())
    assert dup.status_code == 409 and dup.json["error_code"] == "DBS.200022"
    resp = api.call("DELETE", f"{DDS}/instances/{created['id']}")
    assert resp.status_code == 202 and resp.json["job_id"]
    assert api.call("GET", f"{DDS}/instances").json == {"instances": [], "total_count": 0}
    assert api.call("DELETE", f"{DDS}/instances/{created['id']}").status_code == 404
