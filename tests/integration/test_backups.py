# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_backup, dds_backup, gauss_backup and the backup listings end to end: ansible-playbook against the emulator."""

from __future__ import annotations

import pytest

# service -> (backup module, instance name, listing module, the instance module that deletes it, the manual type word)
SERVICES = {
    "rds": ("rds_backup", "orders-db", "rds_backup_info", "rds_instance", "manual"),
    "dds": ("dds_backup", "catalog-rs", "dds_backup_info", "dds_instance", "Manual"),
    "gaussdb": ("gauss_backup", "orders-gauss", "gauss_backup_info", "gauss_restore", "manual"),
}
ALL = sorted(SERVICES)
BACKUP = "before-upgrade"


def module(service: str) -> str:
    return "hwcloud.dbaas." + SERVICES[service][0]


def instance_name(service: str) -> str:
    return SERVICES[service][1]


def backup_task(service: str, task: str = "backup", **args) -> dict:
    return {"name": task, module(service): dict({"instance_name": instance_name(service), "name": BACKUP}, **args)}


def seed(cloud, service: str, *names: str, **spec) -> list:
    instances = [dict({"name": name}, **spec) for name in names or [instance_name(service)]]
    answer = cloud.admin("POST", "seed", json={"service": service, "instances": instances})
    return [item["id"] for item in answer["instances"]]


def backups_named(cloud, service: str, name: str = BACKUP) -> list:
    return [backup for backup in cloud.admin("GET", "state", params={"service": service})["backups"] if backup["name"] == name]


def writes(cloud) -> list:
    return [entry for entry in cloud.requests() if entry["method"] != "GET"]


def backup_posts(cloud, service: str) -> list:
    return [entry for entry in cloud.requests(service) if entry["method"] == "POST" and entry["path"].endswith("/backups")]


# present -------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("service", ALL)
def test_create_waits_until_completed_then_a_rerun_costs_two_requests(ansible, cloud, service):
    instance_id = seed(cloud, service)[0]
    cloud.clear_requests()
    first = ansible.run([backup_task(service, description="before the upgrade")])
    assert first.rc == 0, first.stdout
    result = first.task("backup")["result"]
    assert result["changed"] is True
    assert result["backup"]["status"] == "COMPLETED" and result["backup"]["name"] == BACKUP
    assert result["backup"]["instance_id"] == instance_id
    posts = backup_posts(cloud, service)
    assert len(posts) == 1 and len(writes(cloud)) == 1
    sent = {"instance_id": instance_id, "name": BACKUP, "description": "before the upgrade"}
    assert posts[0]["body"] == ({"backup": sent} if service == "dds" else sent)
    assert result["diff"] == {"before": {}, "after": sent}
    assert result["job_id"] if service != "rds" else result["job_id"] is None

    cloud.clear_requests()
    second = ansible.run([backup_task(service, description="before the upgrade")])
    assert second.rc == 0, second.stdout
    again = second.task("backup")["result"]
    assert again["changed"] is False and again["backup"]["id"] == result["backup"]["id"]
    log = cloud.requests()
    assert [(entry["method"], entry["service"], entry["path"].rsplit("/", 1)[-1]) for entry in log] == [
        ("GET", service, "instances"), ("GET", service, "backups")], log
    assert log[0]["query"]["name"] == instance_name(service)
    assert log[1]["query"]["instance_id"] == instance_id and log[1]["query"]["backup_type"] == SERVICES[service][4]
    assert len(backups_named(cloud, service)) == 1


@pytest.mark.parametrize("service", ALL)
def test_check_mode_sends_no_write_and_diff_mode_shows_the_backup(ansible, cloud, service):
    instance_id = seed(cloud, service)[0]
    cloud.clear_requests()
    run = ansible.run([backup_task(service)], check=True, diff=True)
    assert run.rc == 0, run.stdout
    result = run.task("backup")["result"]
    assert result["changed"] is True
    assert result["diff"] == {"before": {}, "after": {"instance_id": instance_id, "name": BACKUP}}
    assert writes(cloud) == [] and backups_named(cloud, service) == []
    assert ansible.run([backup_task(service)]).rc == 0
    cloud.clear_requests()
    absent = ansible.run([backup_task(service, state="absent")], check=True)
    assert absent.rc == 0, absent.stdout
    assert absent.task("backup")["result"]["changed"] is True
    assert writes(cloud) == [] and len(backups_named(cloud, service)) == 1


# absent --------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("service", ALL)
def test_absent_deletes_only_that_backup_then_converges(ansible, cloud, service):
    seed(cloud, service)
    made = ansible.run([backup_task(service, task="keep", name="kept-backup"), backup_task(service)])
    assert made.rc == 0, made.stdout
    gone = made.task("backup")["result"]["backup"]["id"]
    cloud.clear_requests()
    run = ansible.run([backup_task(service, state="absent")])
    assert run.rc == 0, run.stdout
    result = run.task("backup")["result"]
    assert result["changed"] is True and result["backup"]["id"] == gone
    assert [(entry["method"], entry["path"].rsplit("/", 1)[-1]) for entry in writes(cloud)] == [("DELETE", gone)]
    assert backups_named(cloud, service) == [] and len(backups_named(cloud, service, "kept-backup")) == 1
    cloud.clear_requests()
    again = ansible.run([backup_task(service, state="absent")])
    assert again.rc == 0, again.stdout
    assert again.task("backup")["result"]["changed"] is False
    assert writes(cloud) == [] and len(cloud.requests()) == 2


@pytest.mark.parametrize("service", ALL)
def test_a_backup_outlives_its_instance_and_absent_by_id_finds_it(ansible, cloud, service):
    instance_id = seed(cloud, service)[0]
    made = ansible.run([backup_task(service),
                        {"name": "delete instance", "hwcloud.dbaas." + SERVICES[service][3]: {"name": instance_name(service), "state": "absent"}}])
    assert made.rc == 0, made.stdout
    assert made.task("delete instance")["result"]["changed"] is True
    assert len(backups_named(cloud, service)) == 1
    by_id = {"name": "backup", module(service): {"instance_id": instance_id, "name": BACKUP}}
    present = ansible.run([by_id])
    assert present.rc == 0 and present.task("backup")["result"]["changed"] is False, present.stdout
    by_name = ansible.run([backup_task(service, state="absent")])
    assert by_name.rc == 0, by_name.stdout
    assert by_name.task("backup")["result"]["changed"] is False
    assert "set instance_id" in by_name.stdout and len(backups_named(cloud, service)) == 1
    cloud.clear_requests()
    absent = ansible.run([dict(by_id, **{module(service): dict(by_id[module(service)], state="absent")})])
    assert absent.rc == 0, absent.stdout
    assert absent.task("backup")["result"]["changed"] is True
    assert [entry["method"] for entry in writes(cloud)] == ["DELETE"] and backups_named(cloud, service) == []
    cloud.clear_requests()
    again = ansible.run([dict(by_id, **{module(service): dict(by_id[module(service)], state="absent")})])
    assert again.rc == 0 and again.task("backup")["result"]["changed"] is False, again.stdout
    log = cloud.requests()
    assert [(entry["method"], entry["path"].rsplit("/", 1)[-1]) for entry in log] == [("GET", "backups")], log


# failures ------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("service", ALL)
def test_two_instances_of_the_name_fail_listing_their_ids(ansible, cloud, service):
    ids = seed(cloud, service, instance_name(service), instance_name(service))
    cloud.clear_requests()
    run = ansible.run([backup_task(service)])
    assert run.rc != 0
    message = run.task("backup")["result"]["msg"]
    assert message.startswith("instance_name: 2 ") and all(instance_id in message for instance_id in ids), message
    assert writes(cloud) == []


@pytest.mark.parametrize("service", ALL)
def test_a_backup_that_fails_fails_the_task_naming_it_and_is_not_taken_again(ansible, cloud, service):
    seed(cloud, service)
    cloud.faults({"kind": "backup_fail", "service": service})
    run = ansible.run([backup_task(service)])
    assert run.rc != 0
    message = run.task("backup")["result"]["msg"]
    assert "backup '%s' (id " % BACKUP in message and "ended in status FAILED" in message, message
    assert len(backup_posts(cloud, service)) == 1
    again = ansible.run([backup_task(service)])
    assert again.rc != 0
    assert "exists but is FAILED; delete it with state=absent" in again.task("backup")["result"]["msg"]
    assert len(backup_posts(cloud, service)) == 1
    cleaned = ansible.run([backup_task(service, state="absent"), backup_task(service, task="retake")])
    assert cleaned.rc == 0, cleaned.stdout
    assert cleaned.task("retake")["result"]["backup"]["status"] == "COMPLETED"


@pytest.mark.parametrize("service", ALL)
def test_a_lost_create_answer_makes_no_second_backup(ansible, cloud, service):
    seed(cloud, service)
    cloud.faults({"kind": "lost_create", "service": service, "method": "POST", "path": "/backups$"})
    run = ansible.run([backup_task(service)])
    assert run.rc == 0, run.stdout
    result = run.task("backup")["result"]
    assert result["changed"] is True and result["backup"]["status"] == "COMPLETED"
    assert len(backup_posts(cloud, service)) == 1
    assert len(backups_named(cloud, service)) == 1


def test_a_read_replica_is_refused_before_the_backup_request(ansible, cloud):
    seed(cloud, "rds", "orders-db-rr", type="Replica")
    cloud.clear_requests()
    run = ansible.run([{"name": "backup", "hwcloud.dbaas.rds_backup": {"instance_name": "orders-db-rr", "name": BACKUP}}])
    assert run.rc != 0
    result = run.task("backup")["result"]
    assert result["error"]["option"] == "instance_name" and "read replicas cannot be backed up" in result["msg"]
    assert writes(cloud) == []


# listings ------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("service", ["rds", "dds"])
def test_the_listing_filters_and_is_empty_when_nothing_matches(ansible, cloud, service):
    seed(cloud, service)
    listing = "hwcloud.dbaas." + SERVICES[service][2]
    run = ansible.run([
        backup_task(service),
        {"name": "manual", listing: {"instance_name": instance_name(service), "type": "manual", "status": ["COMPLETED"]}},
        {"name": "named", listing: {"instance_name": instance_name(service), "name": BACKUP}},
        {"name": "nothing", listing: {"instance_name": instance_name(service), "name": "no-such-backup"}},
        {"name": "no instance", listing: {"instance_name": "no-such-instance"}},
    ], check=True)
    assert run.rc == 0, run.stdout
    assert run.task("backup")["result"]["changed"] is True  # check mode: nothing was taken
    assert run.task("manual")["result"]["backups"] == [] and run.task("nothing")["result"]["backups"] == []
    made = ansible.run([
        backup_task(service),
        {"name": "manual", listing: {"instance_name": instance_name(service), "type": "manual", "status": ["COMPLETED"]}},
        {"name": "nothing", listing: {"instance_name": instance_name(service), "name": "no-such-backup"}},
        {"name": "no instance", listing: {"instance_name": "no-such-instance"}},
    ])
    assert made.rc == 0, made.stdout
    listed = made.task("manual")["result"]["backups"]
    assert [backup["name"] for backup in listed] == [BACKUP] and listed[0]["status"] == "COMPLETED"
    assert made.task("nothing")["result"]["backups"] == [] and made.task("no instance")["result"]["backups"] == []
    assert all(result["result"]["changed"] is False for result in made.results if result["task"] != "backup")
