# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parallel provisioning end to end: loops with wait=false, one instance_wait, and Ansible's async/poll."""

from __future__ import annotations

import copy

import pytest

RDS = {
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
}
DDS = {
    "mode": "ReplicaSet",
    "datastore": {"version": "4.0"},
    "availability_zone": ["eu-de-01"],
    "vpc_id": "674e9b42-cd8d-4d25-a2e6-5abcc565b961",
    "subnet_id": "f1df08c5-71d1-406a-aff0-de435a51007b",
    "security_group_id": "7aa51dbf-5b63-40db-9724-dad3c4828b58",
    "password": "Test@12345678",
    "flavor": [{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 100, "spec_code": "dds.mongodb.s6.large.4.repset"}],
}
GAUSS_SOURCE = "orders-gauss"
GAUSS = {
    "source_name": GAUSS_SOURCE,
    "backup": "latest",
    "flavor": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
    "volume_size": 160,
    "availability_zone": ["eu-de-01", "eu-de-02", "eu-de-03"],
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
    "password": "Gauss@12345678",
}
REPLICA = {"source_name": "orders-db", "flavor": "rds.mysql.s1.large.rr", "volume_type": "ULTRAHIGH", "availability_zone": ["eu-de-02"]}
V1 = dict(RDS, api_version="v1", engine_version="5.7", flavor="bf07a6d4-844a-4023-a776-fc5c5fb71fb4")


def rds_names(count: int) -> list:
    return ["par-db-%02d" % index for index in range(1, count + 1)]


def dds_names(count: int) -> list:
    return ["par-docs-%02d" % index for index in range(1, count + 1)]


def create_loops(rds_count: int, dds_count: int) -> list:
    """Two loops in one play: RDS and DDS creates that do not wait."""
    return [
        {"name": "rds loop", "hwcloud.dbaas.rds_instance": dict(RDS, name="{{ item }}", wait=False),
         "loop": rds_names(rds_count), "register": "rds_created"},
        {"name": "dds loop", "hwcloud.dbaas.dds_instance": dict(DDS, name="{{ item }}", wait=False),
         "loop": dds_names(dds_count), "register": "dds_created"},
    ]


def clear_log(cloud) -> dict:
    """A task that empties the emulator's request log, so that what follows is counted alone (admin calls are not logged)."""
    request = {"url": cloud.url + "/_admin/requests", "method": "DELETE", "status_code": [200, 204]}
    return {"name": "clear request log", "ansible.builtin.uri": request}


def wait_task(name: str = "wait", **args) -> dict:
    return {"name": name, "hwcloud.dbaas.instance_wait": dict({"instances": ["{{ rds_created }}", "{{ dds_created }}"]}, **args)}


def per_service(log: list) -> dict:
    counts: dict = {}
    for entry in log:
        counts[entry["service"]] = counts.get(entry["service"], 0) + 1
    return counts


def loop_results(run, task_name: str) -> list:
    """The per-item results of a loop task (the callback records the task's aggregated result)."""
    items = []
    for entry in run.results:
        if entry["task"] == task_name:
            items.extend(entry["result"].get("results", [entry["result"]]))
    return items


# many at once ------------------------------------------------------------------------------------------------
def test_ten_rds_and_three_dds_then_one_batched_wait(ansible, cloud):
    cloud.config(ready_delay=6)
    run = ansible.run(create_loops(10, 3) + [clear_log(cloud), wait_task()])
    assert run.rc == 0, run.stdout
    created = [item for item in loop_results(run, "rds loop") + loop_results(run, "dds loop") if item.get("instance")]
    assert len(created) == 13
    assert all(item["changed"] and item["job_id"] for item in created)
    assert sorted(item["service"] for item in created) == ["dds"] * 3 + ["rds"] * 10
    assert {item["instance"]["status"] for item in created} == {"BUILD", "creating"}

    result = run.task("wait")["result"]
    assert sorted(entry["name"] for entry in result["ready"]) == sorted(rds_names(10) + dds_names(3))
    assert result["failed_instances"] == [] and result["timed_out"] == [] and result["changed"] is False
    assert {entry["instance"]["status"] for entry in result["ready"]} == {"ACTIVE", "normal"}
    # No duplicates: one instance per name.
    rds_state, dds_state = cloud.state("rds"), cloud.state("dds")
    assert sorted(entry["name"] for entry in rds_state) == rds_names(10)
    assert sorted(entry["name"] for entry in dds_state) == dds_names(3)
    # Batching: the wait sent only list GETs, at most one per service per poll.
    log = cloud.requests()
    polls = result["polls"]
    # Ready is confirmed on a second poll (a status can flip back right after a create); how many more polls it took
    # depends on how long the creates took on this machine, so only the confirmation is asserted.
    assert polls >= 2, result
    assert all(entry["method"] == "GET" and entry["path"].endswith("/instances") for entry in log), log
    counts = per_service(log)
    assert counts.get("rds", 0) <= polls and counts.get("dds", 0) <= polls, (counts, polls)
    assert len(log) <= 2 * polls
    assert len(log) == result["requests"]
    assert len(log) < 13 * polls
    assert counts.get("iam", 0) == 0


def test_one_failed_create_fails_the_wait_naming_only_it_and_its_reason(ansible, cloud):
    cloud.config(ready_delay=2)
    cloud.faults({"kind": "job_fail", "service": "rds", "method": "POST", "reason": "Insufficient capacity in eu-de-01"})
    run = ansible.run(create_loops(4, 1) + [clear_log(cloud), wait_task()])
    assert run.rc != 0
    entry = run.task("wait")
    assert entry["outcome"] == "failed"
    result = entry["result"]
    assert [item["name"] for item in result["failed_instances"]] == ["par-db-01"]
    failed = result["failed_instances"][0]
    assert failed["status"] == "FAILED"
    assert "Insufficient capacity in eu-de-01" in failed["reason"] and failed["job_id"] in failed["reason"]
    assert sorted(item["name"] for item in result["ready"]) == ["par-db-02", "par-db-03", "par-db-04", "par-docs-01"]
    assert result["timed_out"] == []
    message = result["msg"]
    assert "1 of 5 instances did not become ready" in message
    assert "'par-db-01'" in message and "Insufficient capacity in eu-de-01" in message
    for name in ("par-db-02", "par-db-03", "par-db-04", "par-docs-01"):
        assert message.count(name) == 1 and message.index(name) > message.index("Ready:")
    # The failed job was read once; nothing else but lists.
    jobs = [item for item in cloud.requests() if "/jobs" in item["path"]]
    assert len(jobs) == 1


def test_timeout_names_the_instances_still_building(ansible, cloud):
    cloud.config(ready_delay=1)
    cloud.faults({"kind": "stuck", "service": "dds", "method": "POST"})
    # wait=false for the whole group (as a play that starts everything in the background would set it): the wait still waits.
    run = ansible.run(create_loops(2, 2) + [wait_task(wait_timeout=8)], defaults={"wait": False})
    assert run.rc != 0
    result = run.task("wait")["result"]
    assert [(item["name"], item["status"]) for item in result["timed_out"]] == [("par-docs-01", "creating")]
    assert sorted(item["name"] for item in result["ready"]) == ["par-db-01", "par-db-02", "par-docs-02"]
    assert result["failed_instances"] == []
    assert "par-docs-01" in result["msg"] and "timed out: still creating" in result["msg"]
    assert 6 <= run.task("wait")["seconds"] <= 20


def test_check_mode_reports_current_states_without_waiting(ansible, cloud):
    cloud.config(ready_delay=30)
    created = ansible.run(create_loops(2, 1))
    assert created.rc == 0, created.stdout
    tasks = [{"name": "wait", "hwcloud.dbaas.instance_wait": {"instances": [
        {"service": "rds", "name": "par-db-01"}, {"service": "rds", "name": "par-db-02"},
        {"service": "dds", "name": "par-docs-01"}, {"service": "dds", "name": "never-created"}]}}]
    cloud.clear_requests()
    run = ansible.run(tasks, check=True)
    assert run.rc == 0, run.stdout
    entry = run.task("wait")
    result = entry["result"]
    assert result["waited"] is False and result["polls"] == 1 and result["changed"] is False
    assert {item["name"]: item["status"] for item in result["pending"]} == {
        "par-db-01": "BUILD", "par-db-02": "BUILD", "par-docs-01": "creating", "never-created": "not found"}
    assert entry["seconds"] < 15
    assert [item["method"] for item in cloud.requests()] == ["GET", "GET"]


def test_deletes_without_waiting_then_one_wait_for_absent(ansible, cloud):
    cloud.config(ready_delay=0.2)
    assert ansible.run([{"name": "create", "hwcloud.dbaas.rds_instance": dict(RDS, name="{{ item }}"), "loop": rds_names(3)},
                        {"name": "docs", "hwcloud.dbaas.dds_instance": dict(DDS, name="par-docs-01")}]).rc == 0
    cloud.config(delete_delay=3)
    tasks = [
        {"name": "delete rds", "hwcloud.dbaas.rds_instance": {"name": "{{ item }}", "state": "absent", "wait": False},
         "loop": rds_names(3), "register": "rds_created"},
        {"name": "delete dds", "hwcloud.dbaas.dds_instance": {"name": "par-docs-01", "state": "absent", "wait": False},
         "register": "dds_created"},
        {"name": "gone", "hwcloud.dbaas.instance_wait": {"instances": ["{{ rds_created }}", "{{ dds_created }}"], "state": "absent"}},
    ]
    run = ansible.run(tasks)
    assert run.rc == 0, run.stdout
    result = run.task("gone")["result"]
    assert sorted(item["name"] for item in result["ready"]) == rds_names(3) + ["par-docs-01"]
    assert {item["status"] for item in result["ready"]} == {"deleted"}
    assert cloud.state("rds") == [] and cloud.state("dds") == []
    assert run.task("gone")["seconds"] >= 1


def test_rds_v1_instances_and_plain_entries(ansible, cloud):
    cloud.config(ready_delay=2)
    tasks = [
        {"name": "v1", "hwcloud.dbaas.rds_instance": dict(V1, name="{{ item }}", wait=False), "loop": ["legacy-1", "legacy-2"],
         "register": "legacy"},
        {"name": "v3", "hwcloud.dbaas.rds_instance": dict(RDS, name="par-db-01", wait=False)},
        clear_log(cloud),
        {"name": "wait", "hwcloud.dbaas.instance_wait": {
            "instances": ["{{ legacy }}", {"service": "rds", "name": "par-db-01"}]}},
    ]
    run = ansible.run(tasks)
    assert run.rc == 0, run.stdout
    registered = loop_results(run, "v1")
    assert {(item["service"], item["api_version"]) for item in registered} == {("rds", "v1")}
    result = run.task("wait")["result"]
    assert sorted(item["name"] for item in result["ready"]) == ["legacy-1", "legacy-2", "par-db-01"]
    v1_lists = [item for item in cloud.requests() if "/v1/" in item["path"]]
    assert 1 <= len(v1_lists) <= result["polls"]


def test_bad_entries_fail_before_any_request(ansible, cloud):
    bad = [
        ("instances[0].service", [{"name": "x"}]),
        ("instances[0].service", [{"service": "mongo", "name": "x"}]),
        ("instances[0].api_version", [{"service": "dds", "name": "x", "api_version": "v1"}]),
        ("instances[0]", [{"service": "rds"}]),
        ("instances", "par-db-01"),
    ]
    tasks = [{"name": "bad-%d" % index, "hwcloud.dbaas.instance_wait": {"instances": value}, "ignore_errors": True}
             for index, (_option, value) in enumerate(bad)]
    run = ansible.run(tasks)
    assert run.rc == 0, run.stdout
    for index, (option, _value) in enumerate(bad):
        result = run.task("bad-%d" % index)["result"]
        assert result["msg"].startswith(option + ":"), result["msg"]
        assert result["error"]["option"] == option
    assert cloud.requests() == []


# wait=false on every creating module ----------------------------------------------------------------------------
def seed_sources(cloud) -> None:
    cloud.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "orders-db"}]})
    cloud.admin("POST", "seed", json={"service": "gaussdb", "instances": [{"name": GAUSS_SOURCE, "created_ago": 3600}]})


# module, args, service, building status, requests of a converged re-run (all GETs)
MODULES = [
    ("rds_instance", dict(RDS, name="nowait-db"), "rds", "BUILD", 1),
    ("rds_replica", dict(REPLICA, name="nowait-ro"), "rds", "BUILD", 2),
    ("gauss_restore", dict(GAUSS, name="nowait-gauss"), "gaussdb", "BUILD", 1),
    ("dds_instance", dict(DDS, name="nowait-docs"), "dds", "creating", 1),
]


@pytest.mark.parametrize("module, args, service, building, rerun_requests", MODULES, ids=[item[0] for item in MODULES])
def test_wait_false_returns_at_once_and_a_rerun_while_building_is_unchanged(
        ansible, cloud, module, args, service, building, rerun_requests):
    seed_sources(cloud)
    cloud.config(ready_delay=60)
    args = dict(copy.deepcopy(args), wait=False)
    first = ansible.run([{"name": "create", "hwcloud.dbaas." + module: args}])
    assert first.rc == 0, first.stdout
    created = first.task("create")["result"]
    assert created["changed"] is True
    assert created["service"] == service
    assert created["job_id"] and created["instance"]["id"] and created["instance"]["name"] == args["name"]
    assert created["instance"]["status"] == building
    assert first.task("create")["seconds"] < 20

    cloud.clear_requests()
    again = ansible.run([{"name": "again", "hwcloud.dbaas." + module: args}])
    assert again.rc == 0, again.stdout
    result = again.task("again")["result"]
    assert result["changed"] is False
    assert result["instance"]["status"] == building
    assert result["instance"]["id"] == created["instance"]["id"]
    assert result["service"] == service
    log = cloud.requests()
    assert [entry["method"] for entry in log] == ["GET"] * rerun_requests, log
    assert len([entry for entry in cloud.state(service) if entry["name"] == args["name"]]) == 1


# Ansible's own async/poll ---------------------------------------------------------------------------------------
def test_async_poll_zero_then_async_status(ansible, cloud):
    cloud.config(ready_delay=3)
    tasks = [
        {"name": "start", "hwcloud.dbaas.rds_instance": dict(RDS, name="async-db"), "async": 60, "poll": 0, "register": "started"},
        # On a loaded machine async_status may look before Ansible's async wrapper has written the job file: it then
        # answers "could not find job" with finished=1, which is not the end of the job. Ask again until it is found.
        {"name": "finish", "ansible.builtin.async_status": {"jid": "{{ started.ansible_job_id }}"}, "register": "job",
         "until": "job.finished and 'could not find job' not in (job.msg | default(''))", "retries": 120, "delay": 1},
    ]
    run = ansible.run(tasks)
    assert run.rc == 0, run.stdout
    started = run.task("start")["result"]
    assert started["ansible_job_id"] and started["started"] == 1 and started["finished"] == 0  # poll 0 did not wait
    finished = [entry for entry in run.results if entry["task"] == "finish" and entry["outcome"] == "ok"][-1]["result"]
    assert finished["finished"] == 1 and finished["changed"] is True
    assert finished["instance"]["status"] == "ACTIVE" and finished["service"] == "rds"
    assert len([entry for entry in cloud.state("rds") if entry["name"] == "async-db"]) == 1
