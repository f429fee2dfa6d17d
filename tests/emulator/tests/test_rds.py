"""Emulator RDS v3 and v1: validation, idempotency, lists, life cycle, replicas, HA standby."""
from __future__ import annotations

import copy
import json
import time
from typing import Any, Callable

import pytest

from tests.emulator import create_app, rules

PID = "0483b6b16e954cb88930a360d2c4e663"
V3 = f"/rds/v3/{PID}"
V1 = f"/rds/v1/{PID}"


class Api:
    """Flask test client with a token."""

    def __init__(self, ready_delay: float = 0.05) -> None:
        app = create_app(config={"ready_delay": ready_delay})
        app.testing = True
        self.client = app.test_client()
        auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "emulator-user", "password": "Emulator-Passw0rd!", "domain": {"name": "emulator-domain"}}}},
            "scope": {"project": {"name": "eu-de"}}}}
        self.headers = {"X-Auth-Token": self.client.post("/iam/v3/auth/tokens", json=auth).headers["X-Subject-Token"]}

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """A request with the token."""
        headers = dict(self.headers, **kwargs.pop("headers", {}))
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        """An admin request (JSON answer)."""
        return self.client.open(f"/_admin/{path}", method=method, **kwargs).json

    def create(self, body: dict[str, Any], **kwargs: Any) -> Any:
        """POST a v3 instance."""
        return self.call("POST", f"{V3}/instances", json=body, **kwargs)

    def listing(self, **query: Any) -> Any:
        """GET the v3 list."""
        return self.call("GET", f"{V3}/instances", query_string=query).json


@pytest.fixture(name="api")
def fixture_api() -> Api:
    """Fresh emulator."""
    return Api()


def single(**changes: Any) -> dict[str, Any]:
    """A valid single-instance body (seed 002)."""
    body = {
        "name": "rds-instance-rep2", "datastore": {"type": "MySQL", "version": "8.0"}, "flavor_ref": "rds.mysql.s1.large",
        "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "availability_zone": "eu-de-01",
        "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce", "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
        "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5", "port": 8635,
        "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 12}, "charge_info": {"charge_mode": "postPaid"},
        "password": "Test@12345678",
    }
    body.update(changes)
    return body


def ha(**changes: Any) -> dict[str, Any]:
    """A valid primary/standby body."""
    fields: dict[str, Any] = {"ha": {"mode": "ha", "replication_mode": "semisync"}, "availability_zone": "eu-de-01,eu-de-02"}
    fields.update(changes)
    return single(**fields)


def wait_ready(api: Api, instance_id: str) -> None:
    """Poll the list until ACTIVE."""
    for _attempt in range(100):
        if api.listing(id=instance_id)["instances"][0]["status"] == "ACTIVE":
            return
        time.sleep(0.02)
    raise AssertionError("instance did not become ACTIVE")


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(body: dict[str, Any]) -> None:
        node = body
        keys = path.split(".")
        for key in keys[:-1]:
            node = node[key]
        if value is KeyError:
            del node[keys[-1]]
        else:
            node[keys[-1]] = value
    return apply


BAD_BODIES = [
    ("name", "1starts-with-digit", "DBS.200021", "name"),
    ("name", "abc", "DBS.200021", "name"),
    ("name", "has space", "DBS.200021", "name"),
    ("datastore.type", "Oracle", "DBS.200040", "datastore.type"),
    ("datastore.version", "5.5", "DBS.200041", "datastore.version"),
    ("port", 12017, "DBS.201204", "port"),
    ("port", "33071", "DBS.201204", "port"),
    ("port", "abc", "DBS.200001", "port"),
    ("password", "Sh0rt!", "DBS.200052", "password"),
    ("password", "alllowercase123", "DBS.200052", "password"),
    ("password", "Test<12345678", "DBS.200052", "password"),
    ("volume.type", "SSD", "DBS.200026", "volume.type"),
    ("volume.size", 30, "DBS.200023", "volume.size"),
    ("volume.size", 4010, "DBS.200023", "volume.size"),
    ("volume.size", 45, "DBS.200027", "volume.size"),
    ("region", "cn-north-4", "DBS.200024", "region"),
    ("availability_zone", "eu-de-01,eu-de-02", "DBS.200025", "availability_zone"),
    ("availability_zone", "", "DBS.200025", "availability_zone"),
    ("backup_strategy.start_time", "08:15-10:15", "DBS.201204", "backup_strategy.start_time"),
    ("backup_strategy.start_time", "08:10-09:10", "DBS.201204", "backup_strategy.start_time"),
    ("backup_strategy.start_time", "08:15-09:30", "DBS.201204", "backup_strategy.start_time"),
    ("backup_strategy.keep_days", 733, "DBS.201204", "keep_days"),
    ("charge_info.charge_mode", "monthly", "DBS.201204", "charge_mode"),
    ("vpc_id", KeyError, "DBS.200048", "vpc_id"),
    ("subnet_id", "", "DBS.200049", "subnet_id"),
    ("flavor_ref", "", "DBS.200054", "flavor_ref"),
    ("security_group_id", "  ", "DBS.200001", "security_group_id"),
]


@pytest.mark.parametrize("field, value, code, named", BAD_BODIES)
def test_v3_validation_errors(api: Api, field: str, value: Any, code: str, named: str) -> None:
    body = single()
    _set(field, value)(body)
    resp = api.create(body)
    assert resp.status_code == 400, resp.json
    assert resp.json["error_code"] == code
    assert named in resp.json["error_msg"]
    assert api.listing()["total_count"] == 0


@pytest.mark.parametrize("body, code", [
    (single(datastore={"type": "PostgreSQL", "version": "13"}, port=2000), "DBS.201204"),
    (single(datastore={"type": "PostgreSQL", "version": "13"}, port=5432, password="Test&12345678"), "DBS.200052"),
    (single(datastore={"type": "SQLServer", "version": "2019_SE"}, port=5355), "DBS.201204"),
    (single(datastore={"type": "SQLServer", "version": "2019_EE"}, port=1433), "DBS.200040"),
    (ha(availability_zone="eu-de-01"), "DBS.200025"),
    (ha(ha={"mode": "cluster", "replication_mode": "async"}), "DBS.200051"),
    (ha(datastore={"type": "PostgreSQL", "version": "14"}, port=5432), "DBS.200043"),
    (ha(datastore={"type": "SQLServer", "version": "2019_EE"}, port=1433,
        ha={"mode": "Ha", "replication_mode": "sync"}, backup_strategy={"start_time": "23:00-00:00", "keep_days": 0}), "DBS.201204"),
])
def test_v3_engine_specific_rules(api: Api, body: dict[str, Any], code: str) -> None:
    resp = api.create(body)
    assert resp.status_code == 400 and resp.json["error_code"] == code, resp.json


def test_v3_valid_variants_are_accepted(api: Api) -> None:
    assert api.create(single(password="Test&12345678")).status_code == 202  # & is allowed for MySQL
    assert api.create(single(backup_strategy={"start_time": "23:45-00:45", "keep_days": 0})).status_code == 202
    sqlserver = ha(datastore={"type": "SQLServer", "version": "2019_EE"}, port="1433", ha={"mode": "HA", "replication_mode": "sync"})
    assert api.create(sqlserver).status_code == 202
    assert api.create(single(name="no-backup", backup_strategy=None)).status_code == 202
    default = api.listing(name="no-backup")["instances"][0]["backup_strategy"]
    assert default == {"start_time": "02:00-03:00", "keep_days": 7}


def test_v3_create_answer_and_ha_record(api: Api) -> None:
    resp = api.create(ha())
    assert resp.status_code == 202
    inst = resp.json["instance"]
    assert inst["status"] == "BUILD" and inst["port"] == "8635" and inst["id"].endswith("in01") and len(inst["id"]) == 36
    assert inst["ha"] == {"mode": "ha", "replication_mode": "semisync"} and resp.json["job_id"]
    record = api.listing(id=inst["id"])["instances"][0]
    assert record["type"] == "Ha" and record["port"] == 8635 and record["ha"] == {"replication_mode": "semisync"}
    assert [(n["role"], n["availability_zone"]) for n in record["nodes"]] == [("master", "eu-de-01"), ("slave", "eu-de-02")]
    assert "availability_zone" not in record  # the RDS v3 list (InstanceResponse) reports the zones per node only


def test_v3_prepaid_answers_order_id(api: Api) -> None:
    resp = api.create(single(charge_info={"charge_mode": "prePaid"}))
    assert resp.status_code == 202 and "order_id" in resp.json and "job_id" not in resp.json


TOKEN_1 = "46436810-d999-454c-bd85-e515fd258600"
TOKEN_2 = "0f8fad5b-d9cb-469f-a165-70867728950e"


def test_v3_client_token_dedupes_creates(api: Api) -> None:
    first = api.create(single(), headers={"X-Client-Token": TOKEN_1})
    again = api.create(single(), headers={"X-Client-Token": TOKEN_1})
    assert again.status_code == 202
    assert (again.json["instance"]["id"], again.json["job_id"]) == (first.json["instance"]["id"], first.json["job_id"])
    assert api.listing()["total_count"] == 1
    other = api.create(single(), headers={"X-Client-Token": TOKEN_2})
    assert other.json["instance"]["id"] != first.json["instance"]["id"]
    assert api.listing(name="rds-instance-rep2")["total_count"] == 2  # same names are allowed


@pytest.mark.parametrize("token", [
    "", "token-1", "x" * 65, "46436810d999454cbd85e515fd258600", "46436810-D999-454C-BD85-E515FD258600",
    "{46436810-d999-454c-bd85-e515fd258600}", "46436810-d999-454c-bd85-e515fd25860", "46436810-d999-454c-bd85-e515fd2586000",
    "46436810-d999-454c-bd85e-515fd258600", "g6436810-d999-454c-bd85-e515fd258600", " 46436810-d999-454c-bd85-e515fd258600",
])
def test_v3_client_token_must_be_a_lower_case_uuid(api: Api, token: str) -> None:
    resp = api.create(single(), headers={"X-Client-Token": token})
    assert resp.status_code == 400 and resp.json["error_code"] == "DBS.280497", (token, resp.json)
    assert "X-Client-Token" in resp.json["error_msg"]
    assert api.listing()["total_count"] == 0


def test_v3_client_token_with_other_parameters_is_refused(api: Api) -> None:
    first = api.create(single(), headers={"X-Client-Token": TOKEN_1})
    assert first.status_code == 202
    changed = api.create(single(volume={"type": "ULTRAHIGH", "size": 200}), headers={"X-Client-Token": TOKEN_1})
    assert changed.status_code == 400 and changed.json["error_code"] == "DBS.280495"
    # the same parameters in another key order are the same request
    reordered = dict(reversed(list(single().items())))
    again = api.call("POST", f"{V3}/instances", data=json.dumps(reordered, indent=2), headers={"X-Client-Token": TOKEN_1},
                     content_type="application/json")
    assert again.status_code == 202 and again.json == first.json
    assert api.listing()["total_count"] == 1
    # a refused create does not use up a token
    bad = api.create(single(name="1bad"), headers={"X-Client-Token": TOKEN_2})
    assert bad.json["error_code"] == "DBS.200021"
    assert api.create(single(name="second-one"), headers={"X-Client-Token": TOKEN_2}).status_code == 202


def test_v3_expired_client_token_is_new(api: Api) -> None:
    api.admin("POST", "config", json={"client_token_ttl": 60})
    first = api.create(single(), headers={"X-Client-Token": TOKEN_1})
    api.admin("POST", "config", json={"clock_offset": 61})
    again = api.create(single(volume={"type": "ULTRAHIGH", "size": 200}), headers={"X-Client-Token": TOKEN_1})
    assert again.status_code == 202 and again.json["instance"]["id"] != first.json["instance"]["id"]
    assert api.listing()["total_count"] == 2


def test_v3_list_filters_and_paging(api: Api) -> None:
    api.admin("POST", "seed", json={"service": "rds", "count": 5, "prefix": "alpha-"})
    api.admin("POST", "seed", json={"service": "rds", "instances": [
        {"name": "beta-pg", "datastore": {"type": "PostgreSQL", "version": "14"}}, {"name": "alpha-ha", "type": "Ha"}]})
    assert api.listing(name="alpha-0001")["total_count"] == 1
    assert api.listing(name="alpha")["total_count"] == 0
    assert api.listing(name="*alpha")["total_count"] == 6
    assert api.listing(type="Ha")["instances"][0]["name"] == "alpha-ha"
    assert [i["name"] for i in api.listing(datastore_type="PostgreSQL")["instances"]] == ["beta-pg"]
    page = api.listing(offset=2, limit=2)
    assert page["total_count"] == 7 and [i["name"] for i in page["instances"]] == ["alpha-0002", "alpha-0003"]
    target = page["instances"][0]["id"]
    assert [i["id"] for i in api.listing(id=target)["instances"]] == [target]
    for bad in ({"limit": 101}, {"limit": 0}, {"offset": -1}, {"limit": "x"}, {"type": "Cluster"}):
        resp = api.call("GET", f"{V3}/instances", query_string=bad)
        assert resp.status_code == 400 and resp.json["error_code"] == "DBS.280001"


def test_v3_build_to_active_and_job(api: Api) -> None:
    resp = api.create(single())
    instance_id, job_id = resp.json["instance"]["id"], resp.json["job_id"]
    assert api.listing(id=instance_id)["instances"][0]["status"] == "BUILD"
    job = api.call("GET", f"{V3}/jobs", query_string={"id": job_id}).json["job"]
    assert job["status"] == "Running" and job["instance"]["id"] == instance_id and "process" in job
    wait_ready(api, instance_id)
    job = api.call("GET", f"{V3}/jobs", query_string={"id": job_id}).json["job"]
    assert job["status"] == "Completed" and job["process"] == "100%" and job["name"] == "CreateMysqlSingleHAInstance"
    missing = api.call("GET", f"{V3}/jobs", query_string={"id": "nope"})
    assert missing.status_code == 404 and missing.json["error_code"] == "DBS.280011"


def replica(source_id: str, **changes: Any) -> dict[str, Any]:
    """A read replica body."""
    body = {"name": "rds-replica", "replica_of_id": source_id, "flavor_ref": "rds.mysql.s1.large.rr",
            "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "availability_zone": "eu-de-02"}
    body.update(changes)
    return body


def test_v3_replica_rules(api: Api) -> None:
    source_id = api.create(single()).json["instance"]["id"]
    busy = api.create(replica(source_id))
    assert busy.status_code == 409 and busy.json["error_code"] == "DBS.200019"
    wait_ready(api, source_id)
    resp = api.create(replica(source_id))
    assert resp.status_code == 202 and resp.json["instance"]["id"].endswith("in03")
    replica_id = resp.json["instance"]["id"]
    assert resp.json["instance"]["datastore"] == {"type": "MySQL", "version": "8.0"}
    nested = api.create(replica(replica_id))
    assert nested.status_code == 400 and nested.json["error_code"] == "DBS.200055"
    missing = api.create(replica("0" * 32 + "in01"))
    assert missing.status_code == 404 and missing.json["error_code"] == "DBS.200013"
    assert api.create(replica(source_id, availability_zone="a,b")).json["error_code"] == "DBS.200025"
    primary = api.listing(id=source_id)["instances"][0]
    assert primary["related_instance"] == [{"id": replica_id, "type": "replica"}]
    rep = api.listing(id=replica_id)["instances"][0]
    assert rep["type"] == "Replica" and rep["related_instance"] == [{"id": source_id, "type": "replica_of"}]
    assert rep["nodes"][0]["role"] == "readreplica" and rep["vpc_id"] == primary["vpc_id"]
    api.admin("POST", f"instances/{source_id}/status", json={"status": "FROZEN"})
    frozen = api.create(replica(source_id, name="second-replica"))
    assert frozen.status_code == 400 and frozen.json["error_code"] == "DBS.200086"


def test_v3_delete_rules(api: Api) -> None:
    source_id = api.create(single()).json["instance"]["id"]
    wait_ready(api, source_id)
    replica_id = api.create(replica(source_id)).json["instance"]["id"]
    refused = api.call("DELETE", f"{V3}/instances/{source_id}")
    assert refused.status_code == 409 and "read replicas" in refused.json["error_msg"]
    assert api.call("DELETE", f"{V3}/instances/{replica_id}").status_code == 202
    resp = api.call("DELETE", f"{V3}/instances/{source_id}")
    assert resp.status_code == 202 and resp.json["job_id"]
    assert api.listing()["total_count"] == 0
    job = api.call("GET", f"{V3}/jobs", query_string={"id": resp.json["job_id"]}).json["job"]
    assert job["status"] == "Completed"
    gone = api.call("DELETE", f"{V3}/instances/{source_id}")
    assert gone.status_code == 404 and gone.json["error_code"] == "DBS.200002"


def test_v3_delayed_delete(api: Api) -> None:
    api.admin("POST", "config", json={"delete_delay": 0.1})
    instance_id = api.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "to-delete"}]})["instances"][0]["id"]
    job_id = api.call("DELETE", f"{V3}/instances/{instance_id}").json["job_id"]
    assert api.listing()["instances"][0]["status"] == "DELETING"
    assert api.call("DELETE", f"{V3}/instances/{instance_id}").status_code == 409
    assert api.call("GET", f"{V3}/jobs", query_string={"id": job_id}).json["job"]["status"] == "Running"
    time.sleep(0.15)
    assert api.listing()["total_count"] == 0


# -- RDS v1 ---------------------------------------------------------------------------------
def v1_ha(**changes: Any) -> dict[str, Any]:
    """Seed 000's HA body."""
    inst = {"name": "tenant-instance-123", "datastore": {"type": "MySQL", "version": "5.7"}, "flavorRef": "rds.mysql.s1.medium.ha",
            "volume": {"type": "COMMON", "size": 100}, "region": "eu-de", "availabilityZone": "eu-de-01",
            "vpc": "f7513b5d-5c48-4332-8f47-a3c29c2613e7", "nics": {"subnetId": "4a7d3555-6410-4338-8859-2be61d51662a"},
            "securityGroup": {"id": "bb62ffb9-a37a-4821-92b9-f9e0712e389f"}, "backupStrategy": {"startTime": "01:00:00", "keepDay": 3},
            "dbRtPd": "Test@123", "ha": {"enable": True, "replicationMode": "async"}}
    inst.update(changes)
    return {"instance": inst}


def test_v1_ha_create_slave_and_jobs(api: Api) -> None:
    resp = api.call("POST", f"{V1}/instances", json=v1_ha())
    assert resp.status_code == 200
    inst = resp.json["instance"]
    assert inst["type"] == "master" and inst["status"] == "BUILD" and inst["slaveId"]
    assert inst["backupStrategy"] == {"startTime": "01:00:00", "keepDays": 3} and inst["ha"] == {"replicationMode": "async"}
    assert len(inst["extendparam"]["jobs"]) == 2
    listing = api.call("GET", f"{V1}/instances").json["instances"]
    assert [i["id"] for i in listing] == [inst["id"]]
    slave = api.call("GET", f"{V1}/instances/{inst['slaveId']}").json["instance"]
    assert slave["type"] == "slave"
    job_id = inst["extendparam"]["jobs"][0]["id"]
    assert api.call("GET", f"{V1}/jobs", query_string={"id": job_id}).json["job"]["status"] in ("Running", "Completed")


def test_v1_primary_failed_fault_uses_slave(api: Api) -> None:
    api.admin("POST", "faults", json={"faults": [{"kind": "v1_primary_failed", "service": "rds"}]})
    inst = api.call("POST", f"{V1}/instances", json=v1_ha()).json["instance"]
    time.sleep(0.08)
    assert api.call("GET", f"{V1}/instances/{inst['id']}").json["instance"]["status"] == "FAILED"
    assert api.call("GET", f"{V1}/instances/{inst['slaveId']}").json["instance"]["status"] == "ACTIVE"
    assert api.call("DELETE", f"{V1}/instances/{inst['slaveId']}").status_code == 202
    assert api.call("GET", f"{V1}/instances/{inst['id']}").json["errCode"] == "RDS.1102"
    assert api.call("GET", f"{V1}/instances").json["instances"] == []


def test_v1_replica_and_list_shapes(api: Api) -> None:
    master = api.call("POST", f"/rds/rds/v1/{PID}/instances", json=v1_ha(ha=None)).json["instance"]
    assert "slaveId" not in master
    early = api.call("POST", f"{V1}/instances", json={"instance": {"name": "rep-1", "flavorRef": "f", "replicaOf": master["id"]}})
    assert early.status_code == 409
    time.sleep(0.08)
    api.admin("POST", "config", json={"v1_list_as_object": True})
    assert api.call("GET", f"{V1}/instances").json["instances"]["id"] == master["id"]
    rep = api.call("POST", f"{V1}/instances", json={"instance": {"name": "rep-1", "flavorRef": "f", "replicaOf": master["id"]}})
    assert rep.status_code == 200
    assert rep.json["instance"]["type"] == "readreplica" and rep.json["instance"]["replica_of"] == master["id"]
    assert len(api.call("GET", f"{V1}/instances").json["instances"]) == 2
    refused = api.call("DELETE", f"{V1}/instances/{master['id']}")
    assert refused.status_code == 409 and "error" in refused.json


@pytest.mark.parametrize("changes, word", [
    ({"name": "x"}, "name"), ({"dbRtPd": "weakpassword"}, "dbRtPd"), ({"dbPort": 12017}, "dbPort"),
    ({"volume": {"type": "COMMON", "size": 45}}, "volume.size"), ({"region": "cn-north-4"}, "region"),
    ({"backupStrategy": {"startTime": "01:10:00", "keepDays": 3}}, "startTime"),
    ({"ha": {"enable": True, "replicationMode": "sync"}}, "replicationMode"),
])
def test_v1_validation_shape(api: Api, changes: dict[str, Any], word: str) -> None:
    resp = api.call("POST", f"{V1}/instances", json=v1_ha(**changes))
    assert resp.status_code == 400
    assert resp.json["error"]["code"] == "RDS.0041" and word in resp.json["error"]["message"]


def test_v1_not_found_shape(api: Api) -> None:
    resp = api.call("GET", f"{V1}/instances/unknown")
    assert resp.status_code == 404 and resp.json == {"errCode": "RDS.1102", "externalMessage": "The DB instance unknown does not exist."}
    assert copy.deepcopy(resp.json) == resp.json


# -- datastore versions -----------------------------------------------------------------------
def test_full_version_table_covers_every_family() -> None:
    for engine, spec in rules.RDS_ENGINES.items():
        for family in spec["versions"]:
            full = rules.full_version(engine, family)
            assert rules.version_family(engine, full) == family, (engine, family, full)
            if engine != "SQLServer":
                assert full.startswith(family + ".") and full.count(".") >= 2, (engine, family, full)
    assert rules.full_version("MySQL", "5.7") == "5.7.17" and rules.full_version("MySQL", "8.0") == "8.0.21"
    assert rules.full_version("PostgreSQL", "10") == "10.0.3"
    assert rules.full_version("MySQL", "8.0.25") == "8.0.25" and rules.full_version("MySQL", "anything") == "anything"
    assert rules.version_family("PostgreSQL", "9.6.24") == "9.6" and rules.version_family("PostgreSQL", "9.7") is None


@pytest.mark.parametrize("asked, listed", [
    ({"type": "MySQL", "version": "5.7"}, {"type": "MySQL", "version": "5.7", "complete_version": "5.7.17"}),
    ({"type": "MySQL", "version": "8.0"}, {"type": "MySQL", "version": "8.0", "complete_version": "8.0.21"}),
    ({"type": "MySQL", "version": "8.0.25"}, {"type": "MySQL", "version": "8.0", "complete_version": "8.0.25"}),
    ({"type": "PostgreSQL", "version": "10"}, {"type": "PostgreSQL", "version": "10", "complete_version": "10.0.3"}),
    ({"type": "PostgreSQL", "version": "14.9.1"}, {"type": "PostgreSQL", "version": "14", "complete_version": "14.9.1"}),
])
def test_v3_list_reports_family_and_complete_version(api: Api, asked: dict[str, str], listed: dict[str, str]) -> None:
    port = 3306 if asked["type"] == "MySQL" else 5432
    resp = api.create(single(datastore=asked, port=port))
    assert resp.status_code == 202, resp.json
    assert resp.json["instance"]["datastore"] == {"type": asked["type"], "version": listed["version"]}
    instance_id = resp.json["instance"]["id"]
    assert api.listing(id=instance_id)["instances"][0]["datastore"] == listed
    wait_ready(api, instance_id)
    replica_id = api.create(replica(instance_id)).json["instance"]["id"] if asked["type"] == "MySQL" else instance_id
    assert api.listing(id=replica_id)["instances"][0]["datastore"] == listed


@pytest.mark.parametrize("version", ["5.5", "8", "8.1", "8.0.x", "8.0.", "80.21", "5.7-17", "16"])
def test_v3_unknown_versions_are_refused(api: Api, version: str) -> None:
    resp = api.create(single(datastore={"type": "MySQL", "version": version}))
    assert resp.status_code == 400 and resp.json["error_code"] == "DBS.200041", version


def test_v3_seeded_versions_are_listed_in_full(api: Api) -> None:
    api.admin("POST", "seed", json={"service": "rds", "instances": [
        {"name": "seeded-default"}, {"name": "seeded-pg", "datastore": {"type": "PostgreSQL", "version": "12"}},
        {"name": "seeded-full", "datastore": {"type": "MySQL", "version": "5.7.33"}},
        {"name": "seeded-sqlserver", "datastore": {"type": "SQLServer", "version": "2019_EE"}}]})
    assert [i["datastore"] for i in api.listing()["instances"]] == [
        {"type": "MySQL", "version": "8.0", "complete_version": "8.0.21"},
        {"type": "PostgreSQL", "version": "12", "complete_version": "12.6.1"},
        {"type": "MySQL", "version": "5.7", "complete_version": "5.7.33"},
        {"type": "SQLServer", "version": "2019_EE", "complete_version": "2019_EE"}]


def test_v1_list_and_detail_report_the_full_version(api: Api) -> None:
    created = api.call("POST", f"{V1}/instances", json=v1_ha()).json["instance"]
    assert created["datastore"] == {"type": "MySQL", "version": "5.7"}  # the create answer echoes the request
    listed = api.call("GET", f"{V1}/instances").json["instances"]
    assert [i["datastore"] for i in listed] == [{"type": "MySQL", "version": "5.7.17"}]
    for instance_id in (created["id"], created["slaveId"]):
        shown = api.call("GET", f"{V1}/instances/{instance_id}").json["instance"]
        assert shown["datastore"] == {"type": "MySQL", "version": "5.7.17"}
    full = api.call("POST", f"{V1}/instances", json=v1_ha(name="full-version", datastore={"type": "MySQL", "version": "5.7.29"}))
    assert api.call("GET", f"{V1}/instances/{full.json['instance']['id']}").json["instance"]["datastore"]["version"] == "5.7.29"
    pg_body = v1_ha(name="pg-version", datastore={"type": "PostgreSQL", "version": "10"}, dbPort=5432,
                    ha={"enable": True, "replicationMode": "sync"})
    pg_id = api.call("POST", f"{V1}/instances", json=pg_body).json["instance"]["id"]
    assert api.call("GET", f"{V1}/instances/{pg_id}").json["instance"]["datastore"] == {"type": "PostgreSQL", "version": "10.0.3"}
    api.admin("POST", "seed", json={"service": "rds_v1", "instances": [{"name": "seeded-v1"}]})
    seeded = [i for i in api.call("GET", f"{V1}/instances").json["instances"] if i["name"] == "seeded-v1"]
    assert seeded[0]["datastore"] == {"type": "MySQL", "version": "5.7.17"}
