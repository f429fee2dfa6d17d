# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault matrix: every injected fault x every creating module, from one table.

One playbook per fault kind runs the modules in turn (rds_instance on RDS v3 and v1, rds_replica, gauss_restore,
dds_instance); before each module a controller-side task installs that module's fault rules in the emulator, so a
rule always hits the module it was meant for. Each module either converges (its instance exists exactly once) or
fails with a message that carries what the user needs (HTTP status, error code and request id; the job's
fail_reason; the last status seen). Then, in the same play, the faults are cleared, a failed or stuck instance is
deleted, and every module must converge. No fault may ever leave a duplicate instance behind.

Each run reports, per fault and module, the outcome, the seconds, the requests sent and the fault answers among them,
and for a failed task the attempts and seconds of its error and the message (build/fault-matrix.json and the terminal
summary, tests/integration/fault_report.py). No assertion depends on those seconds.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import pytest

ACTION_PLUGINS = {"ANSIBLE_ACTION_PLUGINS": str(Path(__file__).resolve().parent / "action_plugins")}
JOB_FAIL_REASON = "Insufficient capacity in the availability zone (fault matrix)"
NETWORK = {
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
}


@dataclass
class Target:
    """One module under test: its task arguments, its service, and what the fixtures must seed for it."""

    module: str
    service: str
    args: dict
    ready: str
    seed: Optional[dict] = None

    @property
    def name(self) -> str:
        return self.args["name"]


TARGETS: Dict[str, Target] = {
    "rds_instance": Target("hwcloud.dbaas.rds_instance", "rds", dict(
        NETWORK, name="fm-orders-db", engine="mysql", engine_version="8.0", flavor="rds.mysql.s1.large", volume_type="ULTRAHIGH",
        volume_size=40, availability_zone=["eu-de-01"], password="Fm-Rds-Passw0rd"), "ACTIVE"),
    "rds_replica": Target("hwcloud.dbaas.rds_replica", "rds", dict(
        name="fm-orders-ro", source_name="fm-replica-src", flavor="rds.mysql.s1.large.rr", volume_type="ULTRAHIGH",
        availability_zone=["eu-de-02"]), "ACTIVE", seed={"service": "rds", "instances": [{"name": "fm-replica-src"}]}),
    # rds_instance on the v1 API (seed 000): an HA pair, two jobs, no idempotency key, found again only by listing.
    "rds_instance_v1": Target("hwcloud.dbaas.rds_instance", "rds", dict(
        NETWORK, name="fm-legacy-db", api_version="v1", engine="mysql", engine_version="5.7", ha_mode="ha", replication_mode="async",
        flavor="bf07a6d4-844a-4023-a776-fc5c5fb71fb4", volume_type="ULTRAHIGH", volume_size=100, availability_zone=["eu-de-01"],
        password="Fm-Legacy-Passw0rd"), "ACTIVE"),
    "gauss_restore": Target("hwcloud.dbaas.gauss_restore", "gaussdb", dict(
        NETWORK, name="fm-gauss-restored", source_name="fm-gauss-src", backup="latest", flavor="gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
        volume_size=160, availability_zone=["eu-de-01", "eu-de-02", "eu-de-03"], password="Fm-Gauss-Passw0rd"), "ACTIVE",
        seed={"service": "gaussdb", "instances": [{"name": "fm-gauss-src", "created_ago": 3600}]}),
    "dds_instance": Target("hwcloud.dbaas.dds_instance", "dds", dict(
        NETWORK, name="fm-catalog", mode="Single", datastore={"version": "4.0"}, availability_zone=["eu-de-01"], password="Fm-Dds-Passw0rd1",
        flavor=[{"type": "single", "num": 1, "size": 30, "spec_code": "dds.mongodb.s6.medium.4.single"}]), "normal"),
}
ALL = tuple(TARGETS)
SERVICES = ("rds", "rds_v1", "gaussdb", "dds")  # the emulator's state keys


def on(kind: str, service: str, method: Optional[str] = None, path: Optional[str] = None, count: int = 1, **extra) -> dict:
    rule = dict(extra, kind=kind, service=service, count=count)
    if method:
        rule["method"] = method
    if path:
        rule["path"] = path
    return rule


def read_and_write(kind: str, **extra) -> Callable[[Target], List[dict]]:
    """The fault hits the module's first read (the lookup by name) and its create request."""
    return lambda target: [on(kind, target.service, "GET", **extra), on(kind, target.service, "POST", **extra)]


def status(code: int, **extra) -> Callable[[Target], List[dict]]:
    return read_and_write("status", status=code, **extra)


@dataclass
class Fault:
    """A row of the matrix."""

    id: str
    rules: Callable[[Target], List[dict]]
    outcome: str = "converge"  # or "fail"
    auth: str = "aksk"
    defaults: dict = field(default_factory=dict)
    modules: tuple = ALL
    once: List[dict] = field(default_factory=list)  # rules installed once for the whole play (e.g. a throttle)
    min_seconds: float = 0.0  # each module task must take at least this long (Retry-After honoured)
    fired_per_module: int = 1  # how many requests of each module the rules must have hit, at least
    left: int = 1  # instances of each module after the faulty run: 1 (converged, failed or stuck) or 0 (never created)


FAULTS = [
    Fault("429-with-retry-after", status(429, retry_after=1), min_seconds=2.0, fired_per_module=2),
    Fault("429-without-retry-after", status(429), fired_per_module=2),
    Fault("500", status(500), fired_per_module=2),
    Fault("502", status(502), fired_per_module=2),
    Fault("503", status(503), fired_per_module=2),
    Fault("504", status(504), fired_per_module=2),
    Fault("connection-reset", read_and_write("reset"), fired_per_module=2),
    Fault("read-timeout", read_and_write("slow", seconds=1.5), defaults={"request_timeout": 0.5}, fired_per_module=2),
    Fault("lost-create-answer", lambda target: [on("lost_create", target.service, "POST")]),
    Fault("busy-right-after-create", lambda target: [on("busy", target.service, "GET", path="/jobs$", count=2)], fired_per_module=2),
    Fault("token-expiry-mid-run", lambda target: [on("expire_tokens", target.service, "GET", path="/jobs$")], auth="password"),
    Fault("throttle-3-per-second", lambda target: [], once=[{"kind": "throttle", "rps": 3}], fired_per_module=0),
    Fault("job-failed", lambda target: [on("job_fail", target.service, reason=JOB_FAIL_REASON)], outcome="fail"),
    Fault("stuck-in-build", lambda target: [on("stuck", target.service)], outcome="fail", defaults={"wait_timeout": 2}),
    Fault("503-until-the-deadline", lambda target: [on("status", target.service, status=503, count=0)], outcome="fail",
          defaults={"wait_timeout": 2}, left=0),
]


def module_task(target: Target, label: str, **overrides) -> dict:
    args = dict(target.args, **overrides)
    return {"name": label, target.module: args, "ignore_errors": True}


def faults_task(cloud, label: str, rules: List[dict]) -> dict:
    """Install fault rules from inside the play (a controller-side action: no module start-up)."""
    return {"name": label, "emulator_admin": {"url": cloud.url, "path": "faults", "body": {"faults": rules}}}


def seed_fixtures(cloud) -> None:
    for target in TARGETS.values():
        if target.seed:
            cloud.admin("POST", "seed", json=target.seed)


def api_of(entry: dict) -> str:
    """The API a logged request went to: the service, with RDS v1 apart from RDS v3."""
    return entry["service"] + ("-v1" if "/v1/" in entry["path"] else "")


def assert_lookup_before_every_retried_create(log: List[dict]) -> None:
    """A create that got no good answer is only sent again after the name was looked up again (and, on RDS v3,
    with the same X-Client-Token, so the service itself can refuse to create twice). RDS v1 lists without a filter."""
    by_api: Dict[str, List[dict]] = collections.defaultdict(list)
    for entry in log:
        by_api[api_of(entry)].append(entry)
    for api, entries in by_api.items():
        pending: Optional[dict] = None  # the last create without a good answer
        looked_up = False
        for entry in entries:
            if entry["method"] == "GET" and entry["path"].endswith("/instances") and (entry["query"].get("name") or api == "rds-v1"):
                looked_up = True
            if entry["method"] != "POST":
                continue
            if pending is not None and (api != "rds" or entry["client_token"] == pending["client_token"]):
                assert looked_up, "%s: create sent again without looking the name up first: %s" % (api, entry)
            if 200 <= entry["status"] < 300:
                pending = None
            else:
                pending, looked_up = entry, False


def check_converged(fault: Fault, target: Target, entry: dict) -> None:
    assert entry["outcome"] == "ok", (fault.id, target.module, entry["result"].get("msg"))
    result = entry["result"]
    assert result["changed"] is True, (fault.id, target.module, result)
    assert result["instance"]["name"] == target.name
    assert result["instance"]["status"] == target.ready, (fault.id, target.module, result["instance"]["status"])
    assert entry["seconds"] >= fault.min_seconds, (fault.id, target.module, entry["seconds"])


def check_failed(fault: Fault, target: Target, entry: dict, log: List[dict]) -> None:
    assert entry["outcome"] == "failed", (fault.id, target.module, entry["result"])
    result = entry["result"]
    message, error = result["msg"], result["error"]
    if fault.id == "job-failed":
        assert JOB_FAIL_REASON in message and error["fail_reason"] == JOB_FAIL_REASON, message
        assert error["job_id"] in message
    elif fault.id == "stuck-in-build":
        assert "timed out" in message, message
        assert "last seen:" in message and ("BUILD" in message or "creating" in message), message
    else:
        assert error["status"] == 503 and error["code"] == "APIGW.0201" and error["request_id"], error
        assert "HTTP 503" in message and "APIGW.0201" in message and error["request_id"] in message, message
        assert error["request_id"] in {item["request_id"] for item in log}, "the request id is not one the service gave"
    for secret in (TARGETS["rds_instance"].args["password"], TARGETS["gauss_restore"].args["password"]):
        assert secret not in message


def admin_task(cloud, label: str, path: str, method: str = "GET") -> dict:
    return {"name": label, "emulator_admin": {"url": cloud.url, "path": path, "method": method}}


def answer(run, label: str):
    return run.task(label)["result"]["json"]


def counts_by_name(states: List[dict]) -> Dict[str, int]:
    """name -> count over the instances of every service; fails on any duplicate."""
    counts: Dict[str, int] = collections.Counter()
    for state in states:
        # An RDS v1 HA pair is two records of one name: the standby (type slave) belongs to its primary.
        names = collections.Counter(record["name"] for record in state["instances"] if record["attrs"].get("type") != "slave")
        duplicated = {name: number for name, number in names.items() if number > 1}
        assert not duplicated, "duplicate instances in %s: %s" % (state["service"], duplicated)
        counts.update(names)
    return counts


# Normal patience for the re-run, whatever the faulty run was given.
RERUN = {"wait_timeout": 60, "request_timeout": 30}


def requests_per_module(log: List[dict]) -> Dict[str, collections.Counter]:
    """Per module, the requests it sent and how many of them a fault rule answered. The modules ran one after the
    other; RDS v3 serves rds_instance first, then rds_replica from its lookup of its own name on."""
    current = {"rds": "rds_instance", "rds-v1": "rds_instance_v1", "gaussdb": "gauss_restore", "dds": "dds_instance"}
    counts: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for entry in log:
        api = api_of(entry)
        if api == "rds" and (entry.get("query") or {}).get("name") == TARGETS["rds_replica"].name:
            current["rds"] = "rds_replica"
        if api in current:
            counts[current[api]]["requests"] += 1
            counts[current[api]]["fault_answers"] += 1 if entry.get("fault") else 0
    return counts


def report_rows(fault: Fault, run, log: List[dict]) -> List[dict]:
    """One row per module for the report (tests/integration/fault_report.py): the outcome, the seconds the task took, the
    requests it sent and the fault answers among them, and for a failure the attempts and seconds the error reports and
    the message."""
    sent = requests_per_module(log)
    rows = []
    for index, key in enumerate(fault.modules):
        row = {"fault": fault.id, "order": FAULTS.index(fault), "module": key, "module_order": index, "requests": sent[key]["requests"],
               "fault_answers": sent[key]["fault_answers"], "outcome": "missing", "seconds": None, "attempts": None,
               "attempt_seconds": None, "message": None}
        entry = next((item for item in run.results if item["task"] == key), None)
        if entry is not None:
            result = entry["result"]
            error = result.get("error") if isinstance(result.get("error"), dict) else {}
            row.update(outcome=entry["outcome"], seconds=round(entry["seconds"], 2), attempts=error.get("attempts"),
                       attempt_seconds=error.get("seconds"), message=result.get("msg") if entry["outcome"] == "failed" else None)
        rows.append(row)
    return rows


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.id for fault in FAULTS])
def test_fault_is_survived_without_duplicates(ansible, cloud, fault, record_property):
    seed_fixtures(cloud)
    cloud.clear_requests()
    tasks = [faults_task(cloud, "faults for the play", fault.once)] if fault.once else []
    for key in fault.modules:
        target = TARGETS[key]
        rules = fault.rules(target)
        if rules:
            tasks.append(faults_task(cloud, "faults for " + key, rules))
        tasks.append(module_task(target, key))
    # What the faulty run left: its request log, the rules (and how often they fired), the instances.
    tasks += [admin_task(cloud, "log", "requests"), admin_task(cloud, "rules", "faults")]
    tasks += [admin_task(cloud, "state " + service, "state?service=" + service) for service in SERVICES]
    tasks += [admin_task(cloud, "clear faults", "faults", "DELETE"), admin_task(cloud, "clear log", "requests", "DELETE")]
    # The re-run, in the same play: faults cleared; a failed or stuck instance is deleted first; then all converge.
    for key in fault.modules:
        if fault.outcome == "fail" and fault.left:
            tasks.append(module_task(TARGETS[key], "delete " + key, state="absent", **RERUN))
        tasks.append(module_task(TARGETS[key], "rerun " + key, **RERUN))
    run = ansible.run(tasks, auth=fault.auth, defaults=fault.defaults, name=fault.id, extra_env=ACTION_PLUGINS)
    logged = next((item["result"].get("json") or {} for item in run.results if item["task"] == "log"), {})
    record_property("fault_matrix", report_rows(fault, run, logged.get("requests", [])))
    assert run.rc == 0, run.stdout
    log, installed = answer(run, "log")["requests"], answer(run, "rules")["faults"]

    for key in fault.modules:
        target = TARGETS[key]
        entry = run.task(key)
        if fault.outcome == "converge":
            check_converged(fault, target, entry)
        else:
            check_failed(fault, target, entry, log)
    counts = counts_by_name([answer(run, "state " + service) for service in SERVICES])
    for key in fault.modules:
        # Converged: exactly once. Failed: the failed or stuck instance once, or none when the create never got through.
        assert counts[TARGETS[key].name] == fault.left, (fault.id, key, counts[TARGETS[key].name])
    assert_lookup_before_every_retried_create(log)
    rds_posts = [entry for entry in log if api_of(entry) == "rds" and entry["method"] == "POST"]
    # RDS v3 CreateInstance: X-Client-Token on MySQL primaries, where it is documented; never on read replicas.
    assert all(bool(entry["client_token"]) != ("replica_of_id" in (entry.get("body") or {})) for entry in rds_posts), rds_posts
    assert rds_posts or fault.outcome == "fail"
    # Every rule fired as often as it was meant to: the fault really happened.
    assert sum(rule["fired"] for rule in installed) >= fault.fired_per_module * len(fault.modules), installed
    assert all(rule["remaining"] in (None, 0) for rule in installed), installed
    check_fault_specifics(fault, log)

    for key in fault.modules:
        entry = run.task("rerun " + key)
        assert entry["outcome"] == "ok", (fault.id, key, entry["result"].get("msg"))
        recreated = fault.outcome == "fail"
        assert entry["result"]["changed"] is recreated, (fault.id, key, entry["result"])
        assert entry["result"]["instance"]["status"] == TARGETS[key].ready
        if fault.outcome == "fail" and fault.left:
            assert run.task("delete " + key)["result"]["changed"] is True
    counts = counts_by_name([{"service": service, "instances": cloud.state(service)} for service in SERVICES])
    for key in fault.modules:
        assert counts[TARGETS[key].name] == 1, (fault.id, key, "the instance must exist exactly once after the re-run")
    if fault.outcome == "converge":
        assert [entry for entry in cloud.requests() if entry["method"] != "GET" and entry["service"] != "iam"] == []


def check_fault_specifics(fault: Fault, log: List[dict]) -> None:
    """What the log must show for some kinds, beyond surviving them."""
    posts = [entry for entry in log if entry["method"] == "POST" and entry["service"] != "iam"]
    if fault.id == "lost-create-answer":
        # Each create was carried out once; its lost answer was recovered by looking the name up, not by a second create.
        assert [entry["dropped"] for entry in posts] == [True] * len(fault.modules), posts
        assert len({entry["client_token"] for entry in posts if api_of(entry) == "rds"}) == 2
    elif fault.id.startswith(("5", "429", "connection-reset")) and fault.outcome == "converge":
        # The refused create was sent again with the same idempotency key.
        rds_tokens = collections.Counter(entry["client_token"] for entry in posts if api_of(entry) == "rds")
        assert sorted(rds_tokens.values()) == [2, 2], rds_tokens
    elif fault.id == "read-timeout":
        # The create whose answer timed out was still being carried out: it was found by name, never sent twice.
        assert len(posts) == len(fault.modules), posts
    elif fault.id == "token-expiry-mid-run":
        expired = [entry for entry in log if entry["status"] == 401 and entry["error_code"] == "APIGW.0307"]
        assert len(expired) == len(fault.modules), expired
        tokens = [entry for entry in log if entry["service"] == "iam" and entry["method"] == "POST"]
        assert len(tokens) == 1 + len(fault.modules), tokens
    elif fault.id.startswith("throttle"):
        throttled = [entry for entry in log if entry["status"] == 429]
        assert throttled, "the throttle never refused a request"
