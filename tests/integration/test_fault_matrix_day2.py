# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault matrix of day 2: the writes that change an existing instance, and the create-backup write.

One test per module and fault; its one playbook changes one seeded instance option by option (rds_instance: flavor,
volume, port, tags; dds_instance: flavor, port; gauss_restore: port, volume), each change under the fault aimed at
that change's write (a controller-side task installs the rule right before the module task). Per change, from the
emulator's request log:

* lost-answer (the emulator carries the write out, then drops the connection): exactly 1 write; the module re-reads
  the instance instead of sending it again, and converges.
* busy (the service's documented busy code once: RDS and GaussDB 409 DBS.200019, DDS 403 DBS.200019) and 429 once:
  2 writes, the refused one and the accepted one, and converged.
* job-failed (the operation's job ends Failed, nothing changes): the task fails with the job's fail_reason; a re-run
  with the faults cleared converges with exactly the one write still needed. Changes without a job (tags take effect
  at once) have no job to fail and are left out of that row.

After each change a converged re-run costs 1 request (the list) and reports changed=false.

The create-backup row: rds_backup, dds_backup and gauss_backup with the create answer lost after the backup was made:
one POST, exactly one backup of that name, converged; the re-run costs the 2 reads of a converged backup task.

Every case records its request counts as the user property ``fault_matrix_day2`` (JUnit XML); nothing asserted
depends on seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List

import pytest

from tests.contract.models import BodyTally, check_logged_request
from tests.integration.test_fault_matrix import ACTION_PLUGINS, JOB_FAIL_REASON, NETWORK, admin_task, answer, faults_task, on

PASSWORDS = {"rds": "Fm-Rds-Passw0rd", "gaussdb": "Fm-Gauss-Passw0rd", "dds": "Fm-Dds-Passw0rd1"}
REPLICA_SPEC = "dds.mongodb.s6.large.4.repset"
REPLICA_FLAVOR = [{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 100, "spec_code": REPLICA_SPEC}]
PROPERTY = "fault_matrix_day2"


@dataclass
class Change:
    """One option changed in place: the task's new options, the write it takes and how the instance shows it."""

    id: str
    options: dict
    action: str
    method: str
    path: str  # the write's path below .../instances/{id}/, a regex for the fault rule and the log
    shows: Callable[[dict], bool]
    job: bool = True  # the write starts a job (or an RDS workflow) that can fail


@dataclass
class Subject:
    """A module whose existing instance is changed: its base task, the seeded instance that matches it, its changes."""

    key: str
    service: str
    args: dict
    seed: dict
    changes: List[Change]
    busy: dict = field(default_factory=lambda: {"kind": "busy"})  # the service's documented busy answer

    @property
    def module(self) -> str:
        return "hwcloud.dbaas." + self.key


SUBJECTS: Dict[str, Subject] = {
    "rds_instance": Subject(
        "rds_instance", "rds",
        dict(NETWORK, name="fmd-orders-db", engine="mysql", engine_version="8.0", flavor="rds.mysql.s1.large", volume_type="ULTRAHIGH",
             volume_size=100, availability_zone=["eu-de-01"], password=PASSWORDS["rds"], tags={"team": "orders"}),
        dict(NETWORK, flavor_ref="rds.mysql.s1.large", volume={"type": "ULTRAHIGH", "size": 100}, port=3306,
             tags=[{"key": "team", "value": "orders"}]),
        [
            Change("flavor", {"flavor": "rds.mysql.s1.xlarge"}, "resize_flavor", "POST", "action",
                   lambda instance: instance["flavor_ref"] == "rds.mysql.s1.xlarge"),
            Change("volume_size", {"volume_size": 150}, "enlarge_volume", "POST", "action",
                   lambda instance: instance["volume"]["size"] == 150),
            # UpdatePort answers {"workflowId"}; the job API answers for it.
            Change("port", {"port": 3307}, "update_port", "PUT", "port", lambda instance: str(instance["port"]) == "3307"),
            # BatchTagAddAction takes effect at once: no job.
            Change("tags", {"tags": {"team": "orders", "cost": "42"}}, "add_tags", "POST", "tags/action",
                   lambda instance: instance["tags"] == {"team": "orders", "cost": "42"}, job=False),
        ]),
    "dds_instance": Subject(
        "dds_instance", "dds",
        dict(NETWORK, name="fmd-sessions-rs", mode="ReplicaSet", datastore={"version": "4.4"}, port=8636,
             availability_zone=["eu-de-01", "eu-de-02", "eu-de-03"], password=PASSWORDS["dds"], flavor=REPLICA_FLAVOR),
        dict(NETWORK, port=8636, availability_zone="eu-de-01,eu-de-02,eu-de-03", flavor=REPLICA_FLAVOR,
             datastore={"type": "DDS-Community", "version": "4.4", "storage_engine": "rocksDB"}),
        [
            Change("flavor", {"flavor": [dict(REPLICA_FLAVOR[0], spec_code="dds.mongodb.s6.xlarge.4.repset")]}, "resize_flavor", "POST",
                   "resize", lambda instance: instance["flavor"][0]["spec_code"] == "dds.mongodb.s6.xlarge.4.repset"),
            Change("port", {"port": 8637}, "update_port", "POST", "modify-port", lambda instance: str(instance["port"]) == "8637"),
        ],
        # DDS answers busy and state errors with HTTP 403 (its error code table); RDS and GaussDB with 409.
        busy={"kind": "status", "status": 403, "code": "DBS.200019",
              "message": "Another operation is being performed on the DB instance or the DB instance is faulty."}),
    "gauss_restore": Subject(
        "gauss_restore", "gaussdb",
        dict(NETWORK, name="fmd-gauss-restored", source_name="fmd-gauss-src", backup="latest", flavor="gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
             volume_size=160, availability_zone=["eu-de-01", "eu-de-02", "eu-de-03"], password=PASSWORDS["gaussdb"], port=8635),
        dict(NETWORK, port=8635),
        [
            # ModifyInstancePort: a PUT, answered {"job_id"}.
            Change("port", {"port": 8636}, "update_port", "PUT", "port", lambda instance: str(instance["port"]) == "8636"),
            Change("volume_size", {"volume_size": 320}, "enlarge_volume", "POST", "action",
                   lambda instance: int(instance["volume"]["size"]) == 320),
        ]),
}


@dataclass
class Fault:
    """A row of the matrix: the rule aimed at one change's write, the writes of that change the faulty run sends."""

    id: str
    rule: Callable[[Subject, Change], dict]
    writes: int = 1
    outcome: str = "converge"  # or "fail"


def aimed(subject: Subject, change: Change, **rule) -> dict:
    """A rule that hits only the change's write (its method and path below the instance)."""
    kind = rule.pop("kind")
    return on(kind, subject.service, change.method, path="/instances/[^/]+/%s$" % change.path, **rule)


FAULTS = [
    # lost_create on any write: the emulator carries it out, then closes the connection without an answer.
    Fault("lost-answer", lambda subject, change: aimed(subject, change, kind="lost_create")),
    Fault("busy", lambda subject, change: aimed(subject, change, **subject.busy), writes=2),
    Fault("429", lambda subject, change: aimed(subject, change, kind="status", status=429), writes=2),
    Fault("job-failed", lambda subject, change: aimed(subject, change, kind="job_fail", reason=JOB_FAIL_REASON), outcome="fail"),
]
CASES = [(subject, fault) for subject in SUBJECTS for fault in FAULTS]


def applicable(subject: Subject, fault: Fault) -> List[Change]:
    return [change for change in subject.changes if change.job or fault.id != "job-failed"]


def options_after(subject: Subject, changes: List[Change]) -> dict:
    args = dict(subject.args)
    for change in changes:
        args.update(change.options)
    return args


def module_task(subject: Subject, label: str, args: dict) -> dict:
    return {"name": label, subject.module: args, "ignore_errors": True}


def log_tasks(cloud, label: str) -> List[dict]:
    """Keep the log of what ran since the last of these, then start a new one (the faults go too)."""
    return [admin_task(cloud, "log " + label, "requests"), admin_task(cloud, "rules " + label, "faults"),
            admin_task(cloud, "clear faults " + label, "faults", "DELETE"), admin_task(cloud, "clear log " + label, "requests", "DELETE")]


WRITE = re.compile(r"/instances/[^/]+/(?P<what>.+)$")


def writes(log: List[dict], service: str) -> List[dict]:
    return [entry for entry in log if entry["service"] == service and entry["method"] != "GET"]


def writes_of(log: List[dict], service: str, change: Change) -> List[dict]:
    def matches(entry: dict) -> bool:
        found = WRITE.search(entry["path"])
        return entry["method"] == change.method and found is not None and found.group("what") == change.path
    return [entry for entry in writes(log, service) if matches(entry)]


def brief(log: List[dict]) -> List[tuple]:
    """The log in a line per request, for messages."""
    return [(item["method"], item["path"].rsplit("/", 1)[-1], item["status"], item.get("faults") or "") for item in log]


def counts(log: List[dict], service: str) -> dict:
    return {"requests": len(log), "writes": len(writes(log, service)), "fault_answers": sum(1 for entry in log if entry.get("fault"))}


def body_problems(run) -> List[str]:
    """Every request body the play's logs kept, checked against the SDK's request models: the play clears the log after
    each step, so the check the integration conftest runs after the test never sees them."""
    tally = BodyTally()
    return [problem for item in run.results if item["task"].startswith("log ")
            for entry in item["result"]["json"]["requests"] for problem in check_logged_request(entry, tally)]


def check_converged_rerun(run, subject: Subject, label: str, change: Change) -> dict:
    entry = run.task(label)
    assert entry["outcome"] == "ok", (label, entry["result"].get("msg"))
    assert entry["result"]["changed"] is False, (label, entry["result"])
    assert change.shows(entry["result"]["instance"]), (label, entry["result"]["instance"])
    log = answer(run, "log " + label)["requests"]
    assert [(item["method"], item["service"], item["path"].rsplit("/", 1)[-1]) for item in log] == [("GET", subject.service, "instances")], brief(log)
    return counts(log, subject.service)


@pytest.mark.parametrize("subject, fault", [(SUBJECTS[key], fault) for key, fault in CASES],
                         ids=["%s-%s" % (key, fault.id) for key, fault in CASES])
def test_update_write_survives_the_fault(ansible, cloud, subject, fault, record_property):
    changes = applicable(subject, fault)
    seeded = cloud.admin("POST", "seed", json={"service": subject.service, "instances": [dict(subject.seed, name=subject.args["name"])]})
    instance_id = seeded["instances"][0]["id"]
    cloud.clear_requests()
    tasks: List[dict] = []
    for change in changes:
        args = options_after(subject, subject.changes[:subject.changes.index(change) + 1])
        tasks.append(faults_task(cloud, "faults " + change.id, [fault.rule(subject, change)]))
        tasks.append(module_task(subject, change.id, args))
        tasks += log_tasks(cloud, change.id)
        if fault.outcome == "fail":
            tasks.append(module_task(subject, change.id + " rerun", args))
            tasks += log_tasks(cloud, change.id + " rerun")
        tasks.append(module_task(subject, change.id + " converged", args))
        tasks += log_tasks(cloud, change.id + " converged")
    run = ansible.run(tasks, name="%s-%s" % (subject.key, fault.id), extra_env=ACTION_PLUGINS)
    assert run.rc == 0, run.stdout
    assert body_problems(run) == []

    rows = []
    for change in changes:
        label = change.id
        entry, log = run.task(label), answer(run, "log " + label)["requests"]
        rules = answer(run, "rules " + label)["faults"]
        assert [rule["fired"] for rule in rules] == [1], (label, rules)  # the fault hit the change's write, once
        sent = writes_of(log, subject.service, change)
        # Nothing but the change's write was sent, and it went to this instance.
        assert len(writes(log, subject.service)) == len(sent) == fault.writes, (label, brief(log))
        assert all(instance_id in item["path"] for item in sent), sent
        result = entry["result"]
        row = dict(case="%s-%s" % (subject.key, fault.id), change=label, outcome=entry["outcome"], **counts(log, subject.service))
        if fault.outcome == "converge":
            assert entry["outcome"] == "ok", (label, result.get("msg"))
            assert result["changed"] is True and [item["action"] for item in result["actions"]] == [change.action], (label, result)
            assert change.shows(result["instance"]), (label, result["instance"])
            if fault.id == "lost-answer":
                assert [item["dropped"] for item in sent] == [True], sent
            else:
                refused, accepted = sent
                assert refused["fault"] and refused["status"] in (403, 409, 429) and 200 <= accepted["status"] < 300, sent
        else:
            assert entry["outcome"] == "failed", (label, result)
            message, error = result["msg"], result["error"]
            assert JOB_FAIL_REASON in message and error["fail_reason"] == JOB_FAIL_REASON, message
            assert error["job_id"] in message, message
            assert PASSWORDS[subject.service] not in message
            rerun, rerun_log = run.task(label + " rerun"), answer(run, "log " + label + " rerun")["requests"]
            assert rerun["outcome"] == "ok", (label, rerun["result"].get("msg"))
            assert rerun["result"]["changed"] is True, rerun["result"]
            assert [item["action"] for item in rerun["result"]["actions"]] == [change.action], rerun["result"]
            assert change.shows(rerun["result"]["instance"]), rerun["result"]["instance"]
            # Exactly the write still needed: the failed job changed nothing, so the one write is sent again, once.
            resent = writes_of(rerun_log, subject.service, change)
            assert len(writes(rerun_log, subject.service)) == len(resent) == 1, brief(rerun_log)
            assert 200 <= resent[0]["status"] < 300 and not resent[0]["fault"], resent
            row["rerun"] = counts(rerun_log, subject.service)
        row["converged"] = check_converged_rerun(run, subject, label + " converged", change)
        rows.append(row)
    record_property(PROPERTY, rows)
    # The seeded instance is still the only one of its name.
    assert [record["id"] for record in cloud.state(subject.service) if record["name"] == subject.args["name"]] == [instance_id]


# create-backup ---------------------------------------------------------------------------------------------------------
# service -> (backup module, the instance it backs up)
BACKUPS = {"rds": ("rds_backup", "fmd-backup-rds"), "dds": ("dds_backup", "fmd-backup-dds"), "gaussdb": ("gauss_backup", "fmd-backup-gauss")}
BACKUP_NAME = "fmd-before-upgrade"


def backup_task(service: str, label: str) -> dict:
    module, instance = BACKUPS[service]
    # poll_interval: the harness gives it to the instance modules only (module_defaults); the backup modules take it too.
    return {"name": label, "hwcloud.dbaas." + module: {"instance_name": instance, "name": BACKUP_NAME, "poll_interval": 0.2},
            "ignore_errors": True}


# The create-backup faults: id -> the rule for one service. lost_create on POST .../backups: the backup is made, then the
# connection is closed without an answer.
BACKUP_FAULTS = {"lost-answer": lambda service: on("lost_create", service, "POST", path="/backups$")}


@pytest.mark.parametrize("fault", sorted(BACKUP_FAULTS), ids=["backup-%s" % key for key in sorted(BACKUP_FAULTS)])
def test_create_backup_answer_lost_makes_no_second_backup(ansible, cloud, fault, record_property):
    for service, (_module, instance) in BACKUPS.items():
        cloud.admin("POST", "seed", json={"service": service, "instances": [{"name": instance}]})
    cloud.clear_requests()
    tasks: List[dict] = []
    for service in BACKUPS:
        tasks.append(faults_task(cloud, "faults " + service, [BACKUP_FAULTS[fault](service)]))
        tasks.append(backup_task(service, service))
        tasks += log_tasks(cloud, service)
        tasks.append(backup_task(service, service + " converged"))
        tasks += log_tasks(cloud, service + " converged")
    run = ansible.run(tasks, name="backup-" + fault, extra_env=ACTION_PLUGINS)
    assert run.rc == 0, run.stdout
    assert body_problems(run) == []

    rows = []
    for service in BACKUPS:
        entry, log = run.task(service), answer(run, "log " + service)["requests"]
        assert [rule["fired"] for rule in answer(run, "rules " + service)["faults"]] == [1]
        assert entry["outcome"] == "ok", (service, entry["result"].get("msg"))
        result = entry["result"]
        assert result["changed"] is True and result["backup"]["name"] == BACKUP_NAME and result["backup"]["status"] == "COMPLETED", result
        posts = writes(log, service)
        assert [(item["method"], item["path"].rsplit("/", 1)[-1], item["dropped"]) for item in posts] == [("POST", "backups", True)], posts
        backups = [backup for backup in cloud.admin("GET", "state", params={"service": service})["backups"] if backup["name"] == BACKUP_NAME]
        assert len(backups) == 1 and backups[0]["id"] == result["backup"]["id"], backups
        again, again_log = run.task(service + " converged"), answer(run, "log " + service + " converged")["requests"]
        assert again["outcome"] == "ok" and again["result"]["changed"] is False, again["result"]
        assert again["result"]["backup"]["id"] == result["backup"]["id"]
        # A converged backup task: the instance looked up by name, its manual backups listed.
        assert [(item["method"], item["path"].rsplit("/", 1)[-1]) for item in again_log] == [("GET", "instances"), ("GET", "backups")], again_log
        rows.append(dict(case="backup-" + fault, change=BACKUPS[service][0], outcome=entry["outcome"], **counts(log, service),
                         converged=counts(again_log, service)))
    record_property(PROPERTY, rows)
