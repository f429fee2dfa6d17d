# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""final_backup_name (rds_instance, dds_instance, gauss_restore) and restore_from (rds_instance) end to end:
ansible-playbook against the emulator."""

from __future__ import annotations

import pytest

# service -> (instance module, a seeded instance's name)
SERVICES = {"rds": ("rds_instance", "orders-db"), "dds": ("dds_instance", "catalog-rs"), "gaussdb": ("gauss_restore", "orders-gauss")}
FINAL = "orders-final"
RESTORE = {
    "name": "orders-copy", "engine": "mysql", "engine_version": "8.0", "flavor": "rds.mysql.s1.large", "volume_type": "ULTRAHIGH",
    "volume_size": 100, "availability_zone": ["eu-de-01"], "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f", "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
    "password": "Test@12345678",
}


def seed(cloud, service: str, name: str) -> str:
    return cloud.admin("POST", "seed", json={"service": service, "instances": [{"name": name}]})["instances"][0]["id"]


def absent_task(service: str, **args) -> dict:
    module, name = SERVICES[service]
    return {"name": "absent", "hwcloud.dbaas." + module: dict({"name": name, "state": "absent", "final_backup_name": FINAL}, **args)}


def writes(cloud) -> list:
    return [(entry["method"], entry["path"].rsplit("/v3/", 1)[-1].split("/", 1)[-1]) for entry in cloud.requests() if entry["method"] != "GET"]


def backups_named(cloud, service: str, name: str = FINAL) -> list:
    return [backup for backup in cloud.admin("GET", "state", params={"service": service})["backups"] if backup["name"] == name]


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_final_backup_then_delete_then_a_rerun_is_unchanged(ansible, cloud, service):
    instance_id = seed(cloud, service, SERVICES[service][1])
    cloud.clear_requests()
    first = ansible.run([absent_task(service)])
    assert first.rc == 0, first.stdout
    result = first.task("absent")["result"]
    assert result["changed"] is True and result["final_backup"]["status"] == "COMPLETED"
    assert writes(cloud) == [("POST", "backups"), ("DELETE", "instances/" + instance_id)]
    kept = backups_named(cloud, service)
    assert len(kept) == 1 and kept[0]["instance_id"] == instance_id  # a manual backup outlives its instance

    cloud.clear_requests()
    second = ansible.run([absent_task(service)])
    assert second.rc == 0, second.stdout
    assert second.task("absent")["result"]["changed"] is False
    assert len(cloud.requests()) == 1


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_nothing_is_deleted_when_the_final_backup_fails(ansible, cloud, service):
    seed(cloud, service, SERVICES[service][1])
    cloud.faults({"kind": "backup_fail", "service": service})
    cloud.clear_requests()
    run = ansible.run([absent_task(service)])
    assert run.rc != 0
    result = run.task("absent")["result"]
    assert FINAL in result["msg"] and "was not deleted" in result["msg"]
    assert [write for write in writes(cloud) if write[0] == "DELETE"] == []
    assert [record for record in cloud.state(service) if record["name"] == SERVICES[service][1]]


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_final_backup_in_check_mode_writes_nothing(ansible, cloud, service):
    seed(cloud, service, SERVICES[service][1])
    cloud.clear_requests()
    run = ansible.run([dict(absent_task(service), check_mode=True)])
    assert run.rc == 0, run.stdout
    assert run.task("absent")["result"]["changed"] is True
    assert writes(cloud) == []


def test_rds_restore_from_the_latest_backup_then_a_rerun_costs_one_request(ansible, cloud):
    source_id = seed(cloud, "rds", "orders-db")
    cloud.admin("POST", "seed", json={"service": "rds", "instances": [], "backups": [
        {"instance_name": "orders-db", "name": "nightly", "type": "auto", "status": "COMPLETED"}]})
    task = {"name": "restore", "hwcloud.dbaas.rds_instance": dict(RESTORE, restore_from={"source_name": "orders-db", "backup": "latest"})}
    cloud.clear_requests()
    first = ansible.run([task])
    assert first.rc == 0, first.stdout
    result = first.task("restore")["result"]
    assert result["changed"] is True and result["restore_point"]["instance_id"] == source_id
    posts = [entry for entry in cloud.requests("rds") if entry["method"] == "POST"]
    assert len(posts) == 1 and posts[0]["body"]["restore_point"]["type"] == "backup"
    assert posts[0]["body"]["restore_point"]["backup_id"] == result["restore_point"]["backup_id"]

    cloud.clear_requests()
    second = ansible.run([task])
    assert second.rc == 0, second.stdout
    assert second.task("restore")["result"]["changed"] is False
    assert len(cloud.requests()) == 1


def test_rds_restore_time_outside_the_ranges_writes_nothing(ansible, cloud):
    seed(cloud, "rds", "orders-db")
    restore_from = {"source_name": "orders-db", "restore_time": "2001-01-01T00:00:00Z"}
    task = {"name": "restore", "hwcloud.dbaas.rds_instance": dict(RESTORE, restore_from=restore_from)}
    cloud.clear_requests()
    run = ansible.run([task])
    assert run.rc != 0
    result = run.task("restore")["result"]
    assert "outside every restorable time range" in result["msg"]
    assert writes(cloud) == []
