# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dds_instance end to end: ansible-playbook against the emulator."""

from __future__ import annotations

import json

import pytest

from tests.integration.harness import check_bad_inputs

NETWORK = {
    "availability_zone": ["eu-de-01"],
    "vpc_id": "674e9b42-cd8d-4d25-a2e6-5abcc565b961",
    "subnet_id": "f1df08c5-71d1-406a-aff0-de435a51007b",
    "security_group_id": "7aa51dbf-5b63-40db-9724-dad3c4828b58",
    "password": "Test@12345678",
}
SHARDING = dict(NETWORK, name="catalog-cluster", mode="Sharding", datastore={"version": "3.4", "storage_engine": "wiredTiger"},
                flavor=[{"type": "mongos", "num": 2, "spec_code": "dds.c3.medium.4.mongos"},
                        {"type": "shard", "num": 2, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.c3.medium.4.shard"},
                        {"type": "config", "num": 1, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.c3.large.2.config"}],
                backup_strategy={"start_time": "08:15-09:15", "keep_days": 8}, ssl_option=True)
REPLICA = dict(NETWORK, name="sessions-rs", mode="ReplicaSet", datastore={"version": "4.4"}, port=8636,
               availability_zone=["eu-de-01", "eu-de-02", "eu-de-03"],
               flavor=[{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 100, "spec_code": "dds.mongodb.s6.large.4.repset"}])
SINGLE = dict(NETWORK, name="scratch-single", mode="Single", datastore={"version": "4.0"}, ssl_option=False,
              flavor=[{"type": "single", "num": 1, "size": 30, "spec_code": "dds.mongodb.s6.medium.4.single"}])
MODES = {"Sharding": SHARDING, "ReplicaSet": REPLICA, "Single": SINGLE}


def task(args: dict, name: str = "dds") -> dict:
    return {"name": name, "hwcloud.dbaas.dds_instance": args}


def writes(cloud) -> list:
    return [entry for entry in cloud.requests() if entry["method"] != "GET"]


def stored(cloud, name: str) -> list:
    return [record for record in cloud.state("dds") if record["name"] == name]


@pytest.mark.parametrize("mode", sorted(MODES))
def test_each_mode_is_created_then_converged_with_one_request(ansible, cloud, mode):
    args = MODES[mode]
    first = ansible.run([task(args)])
    assert first.rc == 0, first.stdout
    created = first.task("dds")["result"]
    assert created["changed"] is True
    assert created["job_id"]
    instance = created["instance"]
    assert instance["status"] == "normal"
    assert instance["name"] == args["name"] and instance["mode"] == mode
    assert isinstance(instance["port"], int)
    assert [entry["type"] for entry in instance["flavor"]] == [entry["type"] for entry in args["flavor"]]
    assert len(stored(cloud, args["name"])) == 1
    assert args["password"] not in first.stdout
    assert args["password"] not in json.dumps(created)

    cloud.clear_requests()
    second = ansible.run([task(args)])
    assert second.rc == 0, second.stdout
    assert second.task("dds")["result"]["changed"] is False
    log = cloud.requests()
    assert [(entry["method"], entry["service"]) for entry in log] == [("GET", "dds")], log


def test_create_body_as_sent(ansible, cloud):
    assert ansible.run([task(SINGLE)]).rc == 0
    posts = [entry for entry in cloud.requests("dds") if entry["method"] == "POST"]
    assert len(posts) == 1
    record = stored(cloud, SINGLE["name"])[0]
    attrs = record["attrs"]
    assert attrs["ssl_option"] == "0"  # ssl off is sent as "0", not left out
    assert attrs["flavor"][0]["storage"] == "ULTRAHIGH"
    assert attrs["datastore"]["storage_engine"] == "wiredTiger"
    assert attrs["port"] == 8635


def test_replica_set_port_and_zones(ansible, cloud):
    run = ansible.run([task(REPLICA)])
    assert run.rc == 0, run.stdout
    instance = run.task("dds")["result"]["instance"]
    assert instance["port"] == 8636
    assert instance["datastore"]["storage_engine"] == "rocksDB"
    assert stored(cloud, REPLICA["name"])[0]["attrs"]["availability_zone"] == "eu-de-01,eu-de-02,eu-de-03"


def test_check_mode_sends_no_write(ansible, cloud):
    run = ansible.run([task(SHARDING)], check=True, diff=True)
    assert run.rc == 0, run.stdout
    result = run.task("dds")["result"]
    assert result["changed"] is True
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["mode"] == "Sharding"
    assert result["diff"]["after"]["flavor"][0] == {"type": "mongos", "num": 2, "spec_code": "dds.c3.medium.4.mongos"}
    assert writes(cloud) == []
    assert cloud.state("dds") == []


def test_check_mode_on_an_existing_instance_is_ok(ansible, cloud):
    assert ansible.run([task(SINGLE)]).rc == 0
    cloud.clear_requests()
    run = ansible.run([task(SINGLE)], check=True, diff=True)
    assert run.rc == 0, run.stdout
    assert run.task("dds")["result"]["changed"] is False
    assert writes(cloud) == []


def test_absent_deletes_and_is_idempotent(ansible, cloud):
    assert ansible.run([task(SHARDING)]).rc == 0
    checked = ansible.run([task({"name": SHARDING["name"], "state": "absent"})], check=True)
    assert checked.rc == 0 and checked.task("dds")["result"]["changed"] is True
    assert len(stored(cloud, SHARDING["name"])) == 1
    gone = ansible.run([task({"name": SHARDING["name"], "state": "absent"})])
    assert gone.rc == 0, gone.stdout
    result = gone.task("dds")["result"]
    assert result["changed"] is True and result["job_id"]
    assert cloud.state("dds") == []
    cloud.clear_requests()
    again = ansible.run([task({"name": SHARDING["name"], "state": "absent"})])
    assert again.rc == 0
    assert again.task("dds")["result"]["changed"] is False
    assert writes(cloud) == []


def test_failed_creation_reports_the_jobs_reason(ansible, cloud):
    reason = "Insufficient resources in eu-de-01 for dds.c3.medium.4.shard."
    cloud.faults({"kind": "job_fail", "service": "dds", "reason": reason})
    run = ansible.run([task(SHARDING)])
    assert run.rc != 0
    result = run.task("dds")["result"]
    assert reason in result["msg"]
    assert result["error"]["fail_reason"] == reason
    assert result["error"]["job_id"]
    assert [record["status"] for record in stored(cloud, SHARDING["name"])] == ["createfail"]
    again = ansible.run([task(SHARDING)])
    assert again.rc != 0
    assert "createfail" in again.task("dds")["result"]["msg"]


def test_drift_fails_and_names_the_option(ansible, cloud):
    assert ansible.run([task(SHARDING)]).rc == 0
    other_subnet = dict(SHARDING, subnet_id="0b5e6b8f-1c3d-4e5f-8a9b-0c1d2e3f4a5b")
    cloud.clear_requests()
    run = ansible.run([task(other_subnet)])
    assert run.rc != 0
    assert "subnet_id: wanted" in run.task("dds")["result"]["msg"]
    assert writes(cloud) == []
    other_vpc = dict(SHARDING, vpc_id="11111111-2222-3333-4444-555555555555", drift="warn")
    warned = ansible.run([task(other_vpc)])
    assert warned.rc == 0, warned.stdout
    assert warned.task("dds")["result"]["changed"] is False
    assert any("vpc_id" in warning for warning in warned.task("dds")["result"].get("warnings", []))
    assert writes(cloud) == []


def test_wait_false_returns_the_create_answer(ansible, cloud):
    run = ansible.run([task(dict(REPLICA, wait=False))])
    assert run.rc == 0, run.stdout
    result = run.task("dds")["result"]
    assert result["changed"] is True and result["job_id"]
    assert result["instance"]["status"] == "creating"
    assert result["instance"]["port"] == 8636


BAD_INPUTS = [
    ("name", {"name": "abc"}),
    ("name", {"name": "9catalog"}),
    ("name", {"name": "catalog.cluster"}),
    ("port", {"port": 2000}),
    ("port", {"port": 27020}),
    ("password", {"password": "Test12345678"}),
    ("password", {"password": "Test$12345678"}),
    ("availability_zone", {"availability_zone": ["eu-de-01", "eu-de-02"]}),
    ("datastore.storage_engine", {"datastore": {"version": "4.0", "storage_engine": "rocksDB"}}),
    ("backup_strategy.start_time", {"backup_strategy": {"start_time": "08:15-09:45"}}),
    ("backup_strategy.keep_days", {"backup_strategy": {"start_time": "08:15-09:15", "keep_days": 800}}),
    ("flavor", {"flavor": SHARDING["flavor"][:2]}),
    ("flavor[0].num", {"flavor": [dict(SHARDING["flavor"][0], num=1)] + SHARDING["flavor"][1:]}),
    ("flavor[0].num", {"flavor": [dict(SHARDING["flavor"][0], num=17)] + SHARDING["flavor"][1:]}),
    ("flavor[0].size", {"flavor": [dict(SHARDING["flavor"][0], size=10)] + SHARDING["flavor"][1:]}),
    ("flavor[1].num", {"flavor": [SHARDING["flavor"][0], dict(SHARDING["flavor"][1], num=1), SHARDING["flavor"][2]]}),
    ("flavor[1].size", {"flavor": [SHARDING["flavor"][0], dict(SHARDING["flavor"][1], size=2010), SHARDING["flavor"][2]]}),
    ("flavor[1].size", {"flavor": [SHARDING["flavor"][0], dict(SHARDING["flavor"][1], size=15), SHARDING["flavor"][2]]}),
    ("flavor[2].num", {"flavor": SHARDING["flavor"][:2] + [dict(SHARDING["flavor"][2], num=2)]}),
    ("flavor[2].size", {"flavor": SHARDING["flavor"][:2] + [dict(SHARDING["flavor"][2], size=40)]}),
    ("flavor[3].type", {"flavor": SHARDING["flavor"] + [REPLICA["flavor"][0]]}),
    ("flavor[0].type", {"mode": "ReplicaSet"}),
    ("flavor[0].num", {"mode": "ReplicaSet", "flavor": [dict(REPLICA["flavor"][0], num=3)]}),
    ("flavor[1].type", {"mode": "ReplicaSet", "flavor": REPLICA["flavor"] * 2}),
    ("flavor[0].size", {"mode": "Single", "flavor": [dict(SINGLE["flavor"][0], size=1010)]}),
    ("flavor[0].size", {"mode": "Single", "flavor": [dict(SINGLE["flavor"][0], size=None)]}),
    ("vpc_id", {"vpc_id": "vpc-01"}),
    ("mode", {"mode": None}),
]


def test_bad_inputs_fail_before_any_request(ansible, cloud):
    def drop_unset_flavor_keys(args: dict) -> dict:
        args["flavor"] = [{key: value for key, value in entry.items() if value is not None} for entry in args.get("flavor", [])]
        return args

    run = check_bad_inputs(ansible, cloud, "hwcloud.dbaas.dds_instance", SHARDING, BAD_INPUTS, drop_unset_flavor_keys)
    assert len(BAD_INPUTS) >= 15
    assert SHARDING["password"] not in run.stdout
