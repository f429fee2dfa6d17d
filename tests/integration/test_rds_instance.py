# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_instance end to end: ansible-playbook against the emulator."""

from __future__ import annotations

import re

import pytest

from tests.integration.harness import check_bad_inputs

SINGLE = {
    "name": "orders-db",
    "engine": "mysql",
    "engine_version": "8.0",
    "flavor": "rds.mysql.s1.large",
    "volume_type": "ULTRAHIGH",
    "volume_size": 100,
    "availability_zone": ["eu-de-01"],
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
    "password": "Test@12345678",
    "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 12},
}
HA = dict(SINGLE, name="billing-db", engine="postgresql", engine_version="14", ha_mode="ha", replication_mode="async",
          flavor="rds.pg.s1.large.ha", availability_zone=["eu-de-01", "eu-de-02"], port=5433)


def task(args: dict, name: str = "rds") -> dict:
    return {"name": name, "hwcloud.dbaas.rds_instance": args}


def writes(cloud) -> list:
    return [entry for entry in cloud.requests() if entry["method"] != "GET"]


def test_create_then_idempotent_with_one_request(ansible, cloud):
    first = ansible.run([task(SINGLE)])
    assert first.rc == 0, first.stdout
    created = first.task("rds")["result"]
    assert created["changed"] is True
    assert created["instance"]["status"] == "ACTIVE"
    assert created["instance"]["name"] == "orders-db"
    assert created["job_id"]
    assert len(cloud.state("rds")) == 1
    # RDS v3 CreateInstance X-Client-Token (MySQL): a lower-case 8-4-4-4-12 UUID, else DBS.280497.
    [post] = [entry for entry in cloud.requests("rds") if entry["method"] == "POST"]
    assert re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", post["client_token"] or ""), post

    cloud.clear_requests()
    second = ansible.run([task(SINGLE)])
    assert second.rc == 0, second.stdout
    assert second.task("rds")["result"]["changed"] is False
    log = cloud.requests()
    assert [(entry["method"], entry["service"]) for entry in log] == [("GET", "rds")], log
    assert not [entry for entry in log if entry["service"] == "iam"]


def test_ha_create_reports_ha_and_both_zones(ansible, cloud):
    run = ansible.run([task(HA)])
    assert run.rc == 0, run.stdout
    instance = run.task("rds")["result"]["instance"]
    assert instance["type"] == "Ha"
    assert instance["ha"]["replication_mode"] == "async"
    assert str(instance["port"]) == "5433"
    body_zones = [entry for entry in cloud.state("rds") if entry["name"] == "billing-db"]
    assert len(body_zones) == 1
    # X-Client-Token is documented for RDS for MySQL creates only.
    assert [entry["client_token"] for entry in cloud.requests("rds") if entry["method"] == "POST"] == [None]


def test_check_mode_sends_no_write(ansible, cloud):
    run = ansible.run([task(SINGLE)], check=True, diff=True)
    assert run.rc == 0, run.stdout
    result = run.task("rds")["result"]
    assert result["changed"] is True
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["flavor_ref"] == "rds.mysql.s1.large"
    assert writes(cloud) == []
    assert cloud.state("rds") == []


def test_absent_deletes_and_is_idempotent(ansible, cloud):
    assert ansible.run([task(SINGLE)]).rc == 0
    gone = ansible.run([task({"name": "orders-db", "state": "absent"})])
    assert gone.rc == 0, gone.stdout
    assert gone.task("rds")["result"]["changed"] is True
    assert cloud.state("rds") == []
    cloud.clear_requests()
    again = ansible.run([task({"name": "orders-db", "state": "absent"})])
    assert again.rc == 0
    assert again.task("rds")["result"]["changed"] is False
    assert writes(cloud) == []


def test_password_auth_uses_one_token_across_tasks_and_runs(ansible, cloud):
    other = dict(SINGLE, name="orders-db-2")
    first = ansible.run([task(SINGLE, "one"), task(other, "two"), task(SINGLE, "three")], auth="password")
    assert first.rc == 0, first.stdout
    assert len(cloud.requests("iam")) == 1
    cloud.clear_requests()
    second = ansible.run([task(SINGLE, "one")], auth="password")
    assert second.rc == 0, second.stdout
    assert cloud.requests("iam") == []
    assert len(cloud.requests()) == 1


def test_drift_fails_and_names_the_option(ansible, cloud):
    assert ansible.run([task(SINGLE)]).rc == 0
    cloud.clear_requests()
    # The storage type cannot be changed in place (a larger volume_size can: see test_day2.py).
    run = ansible.run([task(dict(SINGLE, volume_type="COMMON"))])
    assert run.rc != 0
    message = run.task("rds")["result"]["msg"]
    assert "volume_type: wanted 'COMMON'" in message
    assert writes(cloud) == []
    warned = ansible.run([task(dict(SINGLE, volume_type="COMMON", drift="warn"))])
    assert warned.rc == 0
    assert warned.task("rds")["result"]["changed"] is False
    assert any("volume_type" in warning for warning in warned.task("rds")["result"].get("warnings", []))


def test_duplicate_names_fail_listing_ids(ansible, cloud):
    assert ansible.run([task(SINGLE)]).rc == 0
    cloud.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "orders-db"}]})
    run = ansible.run([task(SINGLE)])
    assert run.rc != 0
    message = run.task("rds")["result"]["msg"]
    ids = [entry["id"] for entry in cloud.state("rds") if entry["name"] == "orders-db"]
    assert len(ids) == 2
    assert all(instance_id in message for instance_id in ids)


def test_fuzzy_neighbours_are_not_matched(ansible, cloud):
    cloud.admin("POST", "seed", json={"service": "rds", "count": 3, "prefix": "orders-db-"})
    run = ansible.run([task(SINGLE)])
    assert run.rc == 0
    assert run.task("rds")["result"]["changed"] is True
    assert len([entry for entry in cloud.state("rds") if entry["name"] == "orders-db"]) == 1


BAD_INPUTS = [
    ("name", {"name": "1abc"}),
    ("name", {"name": "abc"}),
    ("name", {"name": "a" * 65}),
    ("name", {"name": "orders.db"}),
    ("port", {"port": 12017}),
    ("port", {"port": 80}),
    ("port", {"engine": "postgresql", "engine_version": "14", "port": 9501}),
    ("port", {"engine": "sqlserver", "engine_version": "2019_SE", "port": 5355, "password": "Test@12345678"}),
    ("password", {"password": "short1A"}),
    ("password", {"password": "alllowercaseletters"}),
    ("password", {"engine": "postgresql", "engine_version": "14", "password": "Test(12345678"}),
    ("volume_size", {"volume_size": 30}),
    ("volume_size", {"volume_size": 105}),
    ("volume_size", {"volume_size": 4010}),
    ("volume_type", {"volume_type": "SSD"}),
    ("backup_strategy.start_time", {"backup_strategy": {"start_time": "08:15-09:30"}}),
    ("backup_strategy.start_time", {"backup_strategy": {"start_time": "08:10-09:10"}}),
    ("backup_strategy.keep_days", {"backup_strategy": {"start_time": "08:15-09:15", "keep_days": 733}}),
    ("engine_version", {"engine_version": "9.0"}),
    ("replication_mode", {"ha_mode": "ha", "availability_zone": ["eu-de-01", "eu-de-02"]}),
    ("replication_mode", {"ha_mode": "ha", "replication_mode": "sync", "availability_zone": ["eu-de-01", "eu-de-02"]}),
    ("availability_zone", {"ha_mode": "ha", "replication_mode": "async"}),
    ("availability_zone", {"availability_zone": ["eu-de-01", "eu-de-02"]}),
    ("ha_mode", {"engine": "sqlserver", "engine_version": "2019_EE"}),
    ("vpc_id", {"vpc_id": None}),
    ("time_zone", {"time_zone": "Europe/Berlin"}),
    ("collation", {"collation": "Chinese_PRC_CI_AS"}),
]


def test_bad_inputs_fail_before_any_request(ansible, cloud):
    check_bad_inputs(ansible, cloud, "hwcloud.dbaas.rds_instance", SINGLE, BAD_INPUTS)
    assert len(BAD_INPUTS) >= 15


@pytest.mark.parametrize("auth", ["aksk", "password"])
def test_wrong_credentials_fail_with_status_and_request_id(ansible, cloud, auth):
    env = {"HW_SECRET_KEY": "wrong-secret"} if auth == "aksk" else {"HW_PASSWORD": "Wrong-Passw0rd"}
    run = ansible.run([task(SINGLE)], auth=auth, extra_env=env)
    assert run.rc != 0
    error = run.task("rds")["result"]["error"]
    assert error["status"] == 401
    assert error["request_id"]
    assert "wrong-secret" not in run.stdout and "Wrong-Passw0rd" not in run.stdout
