# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_replica end to end on RDS v3 and v1: ansible-playbook against the emulator."""

from __future__ import annotations

import pytest

from tests.integration.harness import PROJECT_ID, check_bad_inputs

REPLICA = {
    "name": "orders-db-ro1",
    "source_name": "orders-db",
    "flavor": "rds.mysql.s1.large.rr",
    "volume_type": "ULTRAHIGH",
    "availability_zone": ["eu-de-02"],
}
V1_REPLICA = {
    "name": "legacy-db-ro1",
    "source_name": "legacy-db",
    "api_version": "v1",
    "flavor": "bf07a6d4-844a-4023-a776-fc5c5fb71fb4",
}


def task(args: dict, name: str = "replica") -> dict:
    return {"name": name, "hwcloud.dbaas.rds_replica": args}


def writes(cloud) -> list:
    return [entry for entry in cloud.requests() if entry["method"] != "GET"]


def seed(cloud, service: str = "rds", **spec) -> str:
    spec.setdefault("name", "orders-db" if service == "rds" else "legacy-db")
    answer = cloud.admin("POST", "seed", json={"service": service, "instances": [spec]})
    return answer["instances"][0]["id"]


def named(cloud, name: str, service: str = "rds") -> list:
    return [entry for entry in cloud.state(service) if entry["name"] == name]


# v3 --------------------------------------------------------------------------------------------
def test_v3_create_then_idempotent_with_two_requests(ansible, cloud):
    source_id = seed(cloud)
    first = ansible.run([task(REPLICA)])
    assert first.rc == 0, first.stdout
    created = first.task("replica")["result"]
    assert created["changed"] is True
    assert created["job_id"]
    instance = created["instance"]
    assert instance["status"] == "ACTIVE" and instance["type"] == "Replica"
    assert instance["related_instance"] == [{"id": source_id, "type": "replica_of"}]
    assert instance["availability_zone"] == "eu-de-02"
    stored = named(cloud, "orders-db-ro1")
    assert len(stored) == 1 and stored[0]["attrs"]["replica_of"] == source_id
    post = [entry for entry in writes(cloud) if entry["method"] == "POST"]
    assert len(post) == 1

    cloud.clear_requests()
    second = ansible.run([task(REPLICA)])
    assert second.rc == 0, second.stdout
    result = second.task("replica")["result"]
    assert result["changed"] is False
    assert result["instance"]["related_instance"] == [{"id": source_id, "type": "replica_of"}]
    log = cloud.requests()
    assert [(entry["method"], entry["service"]) for entry in log] == [("GET", "rds"), ("GET", "rds")], log
    assert len(log) <= 2


def test_v3_source_by_id_and_check_mode_sends_no_write(ansible, cloud):
    source_id = seed(cloud)
    args = dict(REPLICA, source_id=source_id)
    del args["source_name"]
    run = ansible.run([task(args)], check=True, diff=True)
    assert run.rc == 0, run.stdout
    result = run.task("replica")["result"]
    assert result["changed"] is True
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["flavor_ref"] == "rds.mysql.s1.large.rr"
    assert result["instance"]["related_instance"] == [{"id": source_id, "type": "replica_of"}]
    assert writes(cloud) == []
    assert named(cloud, "orders-db-ro1") == []
    assert ansible.run([task(args)]).rc == 0
    cloud.clear_requests()
    again = ansible.run([task(args)], check=True)
    assert again.rc == 0 and again.task("replica")["result"]["changed"] is False
    assert len(cloud.requests()) == 2


def test_v3_absent_deletes_and_is_idempotent(ansible, cloud):
    seed(cloud)
    assert ansible.run([task(REPLICA)]).rc == 0
    gone = ansible.run([task({"name": "orders-db-ro1", "state": "absent"})])
    assert gone.rc == 0, gone.stdout
    assert gone.task("replica")["result"]["changed"] is True
    assert named(cloud, "orders-db-ro1") == []
    assert len(named(cloud, "orders-db")) == 1
    cloud.clear_requests()
    again = ansible.run([task({"name": "orders-db-ro1", "state": "absent"})])
    assert again.rc == 0
    assert again.task("replica")["result"]["changed"] is False
    assert writes(cloud) == []


def test_v3_missing_source_fails_before_any_write(ansible, cloud):
    run = ansible.run([task(REPLICA)])
    assert run.rc != 0
    message = run.task("replica")["result"]["msg"]
    assert message.startswith("source_name:") and "no RDS instance named 'orders-db'" in message
    assert writes(cloud) == []


def test_v3_ambiguous_source_fails_listing_ids(ansible, cloud):
    ids = [seed(cloud), seed(cloud)]
    run = ansible.run([task(REPLICA)])
    assert run.rc != 0
    message = run.task("replica")["result"]["msg"]
    assert message.startswith("source_name:") and all(instance_id in message for instance_id in ids)
    assert writes(cloud) == []


@pytest.mark.parametrize("status", ["FROZEN", "BUILD"])
def test_v3_source_not_active_fails_before_any_write(ansible, cloud, status):
    source_id = seed(cloud)
    cloud.admin("POST", "instances/%s/status" % source_id, json={"status": status})
    run = ansible.run([task(REPLICA)])
    assert run.rc != 0
    message = run.task("replica")["result"]["msg"]
    assert "is %s" % status in message and "ACTIVE" in message
    assert writes(cloud) == []


def test_v3_source_that_is_a_replica_fails(ansible, cloud):
    source_id = seed(cloud)
    seed(cloud, name="orders-db-ro0", type="Replica", replica_of=source_id)
    run = ansible.run([task(dict(REPLICA, source_name="orders-db-ro0"))])
    assert run.rc != 0
    message = run.task("replica")["result"]["msg"]
    assert "itself a read replica" in message and source_id in message
    assert writes(cloud) == []


def test_v3_existing_instance_that_is_not_this_sources_replica_fails(ansible, cloud):
    seed(cloud)
    seed(cloud, name="orders-db-ro1")  # a Single instance with the replica's name
    run = ansible.run([task(REPLICA)])
    assert run.rc != 0
    assert "is not a read replica" in run.task("replica")["result"]["msg"]
    cloud.admin("POST", "reset")
    seed(cloud)
    other = seed(cloud, name="billing-db")
    seed(cloud, name="orders-db-ro1", type="Replica", replica_of=other)
    run = ansible.run([task(REPLICA)])
    assert run.rc != 0
    message = run.task("replica")["result"]["msg"]
    assert "is a replica of %s" % other in message
    assert writes(cloud) == []


# v1 --------------------------------------------------------------------------------------------
def test_v1_create_idempotent_check_and_absent(ansible, cloud):
    source_id = seed(cloud, "rds_v1")
    check = ansible.run([task(V1_REPLICA)], check=True)
    assert check.rc == 0, check.stdout
    assert check.task("replica")["result"]["changed"] is True
    assert writes(cloud) == []

    first = ansible.run([task(V1_REPLICA)])
    assert first.rc == 0, first.stdout
    instance = first.task("replica")["result"]["instance"]
    assert instance["type"] == "Replica" and instance["status"] == "ACTIVE"
    assert instance["related_instance"] == [{"id": source_id, "type": "replica_of"}]
    assert instance["flavor_ref"] == V1_REPLICA["flavor"]
    assert not [key for key in instance if any(ch.isupper() for ch in key)]
    posts = [entry for entry in writes(cloud) if entry["method"] == "POST"]
    assert [entry["path"] for entry in posts] == ["/rds/v1/%s/instances" % PROJECT_ID]

    cloud.clear_requests()
    second = ansible.run([task(V1_REPLICA)])
    assert second.rc == 0, second.stdout
    assert second.task("replica")["result"]["changed"] is False
    log = cloud.requests()
    assert [(entry["method"], entry["service"]) for entry in log] == [("GET", "rds")], log

    gone = ansible.run([task({"name": "legacy-db-ro1", "state": "absent", "api_version": "v1"})])
    assert gone.rc == 0, gone.stdout
    assert gone.task("replica")["result"]["changed"] is True
    assert named(cloud, "legacy-db-ro1", "rds_v1") == []
    assert len(named(cloud, "legacy-db", "rds_v1")) == 1


def test_v1_list_as_object_and_otc_prefix(ansible, cloud):
    seed(cloud, "rds_v1")
    cloud.config(v1_list_as_object=True)
    run = ansible.run([task(dict(V1_REPLICA, platform="otc"))])
    assert run.rc == 0, run.stdout
    assert run.task("replica")["result"]["changed"] is True
    paths = {entry["path"] for entry in cloud.requests()}
    assert paths and all(path.startswith("/rds/rds/v1/") for path in paths), paths


def test_v1_missing_and_frozen_source(ansible, cloud):
    missing = ansible.run([task(V1_REPLICA)])
    assert missing.rc != 0
    assert missing.task("replica")["result"]["msg"].startswith("source_name:")
    source_id = seed(cloud, "rds_v1")
    cloud.admin("POST", "instances/%s/status" % source_id, json={"status": "FROZEN"})
    frozen = ansible.run([task(V1_REPLICA)])
    assert frozen.rc != 0
    assert "is FROZEN" in frozen.task("replica")["result"]["msg"]
    assert writes(cloud) == []


# bad input -------------------------------------------------------------------------------------
BAD_INPUTS = [
    ("name", {"name": "1replica"}),
    ("name", {"name": "abc"}),
    ("name", {"name": "r" * 65}),
    ("name", {"name": "orders.ro1"}),
    ("source_name", {"source_name": None}),
    ("source_id", {"source_id": "dsfae23fsfdsae3435in01"}),
    ("source_name", {"source_name": "orders-db-ro1"}),
    ("flavor", {"flavor": None}),
    ("availability_zone", {"availability_zone": None}),
    ("availability_zone", {"availability_zone": ["eu-de-01", "eu-de-02"]}),
    ("availability_zone", {"availability_zone": "eu-de-01,eu-de-02"}),
    ("volume_size", {"volume_size": 30}),
    ("volume_size", {"volume_size": 4010}),
    ("volume_size", {"volume_size": 105}),
    ("volume_type", {"volume_type": "SSD"}),
    ("disk_encryption_id", {"api_version": "v1", "disk_encryption_id": "2gfdsh-844a-4023-a776-fc5c5fb71fb4"}),
    ("v1_path_prefix", {"api_version": "v1", "v1_path_prefix": "rds v1"}),
]


def test_bad_inputs_fail_before_any_request(ansible, cloud):
    check_bad_inputs(ansible, cloud, "hwcloud.dbaas.rds_replica", REPLICA, BAD_INPUTS)
    assert len(BAD_INPUTS) >= 10
