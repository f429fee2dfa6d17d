# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmarks of the hwcloud.dbaas modules against the emulator, measured against how the same job is done without them.

Run with `make bench` (or `python -m tests.benchmarks.run --iterations 1` for a smoke run). Starts its own emulator on
loopback, prints one table of medians (ratios are computed within the same run) and rewrites tests/benchmarks/RESULTS.md.

Cases:
  converged  cost of a converged task of each module (requests, IAM requests, wall time) vs a bare uri GET of the same list
  tokens     IAM requests of a 20-task password-auth playbook and of its re-run
  create     create latency with the emulator's BUILD -> ACTIVE delay set to D, vs the uri playbooks in baselines/
  throttle   N creates with F forks against a throttled emulator
  parallel   10 creates, loop+wait vs wait:true (tests/benchmarks/parallel.py, when present)
  scale      converged cost and peak memory with 10 / 1 000 / 10 000 instances in the project
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import requests
import yaml

from tests.integration.harness import (
    ACCESS_KEY, CALLBACKS, COLLECTIONS, DOMAIN_NAME, PROJECT_ID, REGION, REPO, SECRET_KEY, USER_NAME, USER_PASSWORD, Ansible, Emulator, Run,
    ensure_collection_link,
)

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
BASELINES = HERE / "baselines"
UNTIL_PLAYBOOK = BASELINES / "rds_uri_until.yml"
SLEEP_PLAYBOOK = BASELINES / "rds_sleep_then_poll.yml"
ALL_CASES = ("converged", "tokens", "create", "throttle", "parallel", "scale", "day2")
# The bare uri GETs send this X-Client-Token so the request log tells them apart from the module's requests.
BASELINE_TAG = "bench-uri-baseline"
WALL_TARGET = 1.10
RSS_TARGET = 1.10
RUN_BUDGET = 600.0
PAGE_QUERY = "offset=0&limit=100"
DB_PASSWORD = "Bench@Passw0rd"

NETWORK = {
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
}
RDS = dict(NETWORK, name="bench-db", engine="mysql", engine_version="8.0", flavor="rds.mysql.s1.large",
           volume_type="ULTRAHIGH", volume_size=100, availability_zone=["eu-de-01"], password=DB_PASSWORD)
GAUSS_SOURCE = "bench-gauss-src"


@dataclass(frozen=True)
class Subject:
    """A module measured converged: its arguments, the service it lists and the requests it may need."""

    module: str
    service: str
    args: Dict[str, Any]
    requests: int

    @property
    def name(self) -> str:
        return str(self.args["name"])


SUBJECTS = (
    Subject("rds_instance", "rds", RDS, 1),
    # A replica also resolves its source, so it may cost two requests.
    Subject("rds_replica", "rds", {"name": "bench-db-ro1", "source_name": "bench-db", "flavor": "rds.mysql.s1.large.rr",
                                   "volume_type": "ULTRAHIGH", "availability_zone": ["eu-de-02"]}, 2),
    Subject("gauss_restore", "gaussdb", dict(NETWORK, name="bench-gauss", source_name=GAUSS_SOURCE, backup="latest",
                                             flavor="gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", volume_size=160,
                                             availability_zone=["eu-de-01", "eu-de-02", "eu-de-03"], password="Gauss@12345678"), 1),
    Subject("dds_instance", "dds", dict(NETWORK, name="bench-dds", mode="Single", datastore={"version": "4.0"}, ssl_option=False,
                                        availability_zone=["eu-de-01"], password=DB_PASSWORD,
                                        flavor=[{"type": "single", "num": 1, "size": 30, "spec_code": "dds.mongodb.s6.medium.4.single"}]), 1),
)
SUBJECT = {subject.module: subject for subject in SUBJECTS}


@dataclass
class Row:
    """One line of the results table."""

    case: str
    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    met: Optional[bool] = None


class Bench:
    """The emulator, ansible-playbook and a scratch directory shared by the cases."""

    def __init__(self, emulator: Emulator, ansible: Ansible, workdir: Path) -> None:
        self.emulator = emulator
        self.ansible = ansible
        self.workdir = workdir
        self._token: Optional[str] = None
        self._counter = 0

    def unique(self, prefix: str) -> str:
        """A fresh instance name prefix, so a case can run more than once against one emulator."""
        self._counter += 1
        return "%s%d" % (prefix, self._counter)

    def token(self) -> str:
        """An IAM token for the bare uri GETs (fetched once, outside any measured play)."""
        if self._token is None:
            body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
                "name": USER_NAME, "password": USER_PASSWORD, "domain": {"name": DOMAIN_NAME}}}}, "scope": {"project": {"name": REGION}}}}
            answer = self.emulator.session.post(self.emulator.url + "/iam/v3/auth/tokens", json=body, timeout=10)
            answer.raise_for_status()
            self._token = answer.headers["X-Subject-Token"]
        return self._token

    def list_url(self, service: str, name: str) -> str:
        return "%s/v3/%s/instances?name=%s&%s" % (self.emulator.endpoints()[service], PROJECT_ID, name, PAGE_QUERY)

    def uri_task(self, task_name: str, service: str, name: str) -> Dict[str, Any]:
        """The baseline: one bare ansible.builtin.uri GET of the same list the module reads."""
        headers = {"X-Auth-Token": self.token(), "X-Client-Token": BASELINE_TAG}
        return {"name": task_name, "ansible.builtin.uri": {"url": self.list_url(service, name), "headers": headers}}

    def run(self, tasks: List[Dict[str, Any]], auth: str = "aksk", name: str = "play", defaults: Optional[Dict[str, Any]] = None) -> Run:
        run = self.ansible.run(tasks, auth=auth, name=name, defaults=defaults)
        if run.rc != 0:
            raise RuntimeError("play %s failed:\n%s" % (name, run.stdout[-4000:]))
        return run

    def playbook(self, playbook: Path, extra_vars: Optional[Dict[str, Any]] = None, auth: str = "aksk", inventory: str = "localhost,",
                 forks: int = 5, name: str = "playbook", check: bool = True) -> Run:
        """Run a playbook file with the environment the integration harness uses (result recorder, collection path).

        With `check`, a failed run raises; without, failures are left to the caller to count.
        """
        stamp = time.monotonic_ns()
        record = self.workdir / ("%s-%d.jsonl" % (name, stamp))
        variables = self.workdir / ("%s-%d.vars.json" % (name, stamp))
        variables.write_text(json.dumps(extra_vars or {}), encoding="utf-8")
        env = {key: value for key, value in os.environ.items() if not key.startswith(("HW_", "OS_"))}
        env.update({
            "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS), "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS),
            "ANSIBLE_CALLBACKS_ENABLED": "record_results", "RECORD_RESULTS_FILE": str(record), "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_RETRY_FILES_ENABLED": "0", "ANSIBLE_LOCALHOST_WARNING": "0", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable, "ANSIBLE_HOST_KEY_CHECKING": "0", "BENCH_DB_PASSWORD": DB_PASSWORD,
        })
        env.update(self.ansible.auth_env(auth))
        command = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", inventory, "-c", "local", "-f", str(forks),
                   "-e", "@" + str(variables), str(playbook)]
        completed = subprocess.run(command, cwd=self.workdir, env=env, capture_output=True, text=True, timeout=900, check=False)
        results = []
        if record.exists():
            results = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines() if line.strip()]
        run = Run(completed.returncode, completed.stdout + completed.stderr, results)
        if run.rc != 0 and check:
            raise RuntimeError("playbook %s failed:\n%s" % (playbook.name, run.stdout[-4000:]))
        return run


# -- helpers ---------------------------------------------------------------------------------------
def module_task(subject: Subject, task_name: str, **overrides: Any) -> Dict[str, Any]:
    return {"name": task_name, "hwcloud.dbaas." + subject.module: dict(subject.args, **overrides)}


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def split_log(log: List[Dict[str, Any]]) -> Dict[str, List[Dict[str, Any]]]:
    """The request log as the module's service requests, its IAM requests and the baseline's requests."""
    mine = [entry for entry in log if entry.get("client_token") != BASELINE_TAG]
    return {"service": [entry for entry in mine if entry["service"] != "iam"], "iam": [entry for entry in mine if entry["service"] == "iam"],
            "baseline": [entry for entry in log if entry.get("client_token") == BASELINE_TAG]}


def play_seconds(run: Run) -> float:
    """Task start to task end, summed over the tasks of a play (the play's work without ansible-playbook's start-up)."""
    return sum(float(entry["seconds"]) for entry in run.results)


def present(bench: Bench) -> Dict[str, int]:
    """How many instances carry each measured name."""
    counts = {}
    for subject in SUBJECTS:
        counts[subject.name] = len([record for record in bench.emulator.state(subject.service) if record["name"] == subject.name])
    return counts


def ensure_converged(bench: Bench) -> None:
    """Create what the converged cases read: an RDS primary and replica, a GaussDB restore and a DDS instance.

    Run with password auth, so the token cache is warm afterwards. Does nothing when they exist.
    """
    if all(count == 1 for count in present(bench).values()):
        return
    if not [record for record in bench.emulator.state("gaussdb") if record["name"] == GAUSS_SOURCE]:
        bench.emulator.admin("POST", "seed", json={"service": "gaussdb", "instances": [{"name": GAUSS_SOURCE, "created_ago": 3600}]})
    bench.run([module_task(subject, "setup " + subject.module) for subject in SUBJECTS], auth="password", name="setup")
    counts = present(bench)
    if any(count != 1 for count in counts.values()):
        raise RuntimeError("set-up did not leave exactly one instance per name: %s" % counts)


def warm_token_cache(bench: Bench) -> None:
    if not list(bench.ansible.token_cache.glob("*.json")):
        bench.run([module_task(SUBJECT["rds_instance"], "warm the token cache")], auth="password", name="warm")


# -- 1. converged task cost ------------------------------------------------------------------------
def converged_case(bench: Bench, subject: Subject, auth: str, iterations: int) -> Dict[str, Any]:
    """Alternate a bare uri GET of the same list and the converged module task; the first pair only warms up."""
    ensure_converged(bench)
    if auth == "password":
        warm_token_cache(bench)
    tasks = []
    for index in range(iterations + 1):
        tasks.append(bench.uri_task("uri-%d" % index, subject.service, subject.name))
        tasks.append(module_task(subject, "module-%d" % index))
    bench.emulator.clear_requests()
    run = bench.run(tasks, auth=auth, name="converged-%s-%s" % (subject.module, auth))
    log = split_log(bench.emulator.requests())
    measured = range(1, iterations + 1)
    uri_seconds = median([run.task("uri-%d" % index)["seconds"] for index in measured])
    module_seconds = median([run.task("module-%d" % index)["seconds"] for index in measured])
    return {
        "module": subject.module, "auth": auth, "target_requests": subject.requests, "tasks": iterations + 1,
        "requests": len(log["service"]) / (iterations + 1), "iam": len(log["iam"]) / (iterations + 1),
        "writes": len([entry for entry in log["service"] if entry["method"] != "GET"]),
        "changed": sum(1 for index in range(iterations + 1) if run.task("module-%d" % index)["result"]["changed"]),
        "uri_s": uri_seconds, "module_s": module_seconds, "ratio": module_seconds / uri_seconds,
    }


def converged_rows(figures: Dict[str, Any]) -> List[Row]:
    case = "1 converged %s (%s)" % (figures["module"], figures["auth"])
    target = figures["target_requests"]
    counts_met = figures["requests"] <= target and figures["iam"] == 0 and figures["changed"] == 0 and figures["writes"] == 0
    return [
        Row(case, "requests / IAM requests per task", "%g / %g" % (figures["requests"], figures["iam"]), target="%d / 0" % target, met=counts_met),
        Row(case, "wall time per task", seconds(figures["module_s"]), "uri GET %s" % seconds(figures["uri_s"]), times(figures["ratio"]),
            "<= %.2fx" % WALL_TARGET, figures["ratio"] <= WALL_TARGET),
    ]


# -- 2. token reuse --------------------------------------------------------------------------------
def token_case(bench: Bench, tasks_count: int = 20) -> Dict[str, Any]:
    """IAM requests of a password-auth playbook of `tasks_count` converged tasks (all four modules), then of its re-run."""
    ensure_converged(bench)
    for path in bench.ansible.token_cache.glob("*.json"):
        path.unlink()
    tasks = [module_task(SUBJECTS[index % len(SUBJECTS)], "task-%d" % index) for index in range(tasks_count)]
    figures: Dict[str, Any] = {"tasks": tasks_count}
    for label in ("first", "rerun"):
        bench.emulator.clear_requests()
        bench.run(tasks, auth="password", name="tokens-" + label)
        log = split_log(bench.emulator.requests())
        figures[label + "_iam"] = len(log["iam"])
        figures[label + "_requests"] = len(log["service"])
    return figures


def token_rows(figures: Dict[str, Any]) -> List[Row]:
    case = "2 token reuse, %d-task playbook (password)" % figures["tasks"]
    return [
        Row(case, "IAM requests, first run (empty cache)", str(figures["first_iam"]), target="1", met=figures["first_iam"] == 1),
        Row(case, "IAM requests, re-run (disk cache)", str(figures["rerun_iam"]), target="0", met=figures["rerun_iam"] == 0),
    ]


# -- 3. create latency -----------------------------------------------------------------------------
def create_case(bench: Bench, delay: float, poll: float, iterations: int, sleep: float = 10.0, sleep_poll: float = 5.0) -> Dict[str, Any]:
    """Time to create an RDS instance that takes `delay` seconds to become ACTIVE: the module vs the uri baselines."""
    previous = bench.emulator.admin("GET", "config")["ready_delay"]
    bench.emulator.config(ready_delay=delay)
    try:
        prefix = bench.unique("lat")
        figures = {"delay": delay, "poll": poll, "sleep_s": sleep, "sleep_poll_s": sleep_poll, "iterations": iterations,
                   "module": _module_creates(bench, prefix + "-mod-", delay, poll, iterations)}
        common = {"iam_endpoint": bench.emulator.endpoints()["iam"], "rds_endpoint": bench.emulator.endpoints()["rds"], "region": REGION,
                  "wait_timeout": int(delay * 4 + 60)}
        figures["until"] = _baseline_creates(bench, UNTIL_PLAYBOOK, dict(common, poll_delay=poll), prefix + "-uri-", delay, iterations)
        sleep_vars = dict(common, initial_sleep=sleep, poll_delay=sleep_poll)
        figures["sleep_then_poll"] = _baseline_creates(bench, SLEEP_PLAYBOOK, sleep_vars, prefix + "-slp-", delay, iterations)
    finally:
        bench.emulator.config(ready_delay=previous)
    return figures


def _module_creates(bench: Bench, prefix: str, delay: float, poll: float, iterations: int) -> Dict[str, Any]:
    subject = SUBJECT["rds_instance"]
    names = ["%s%d" % (prefix, index) for index in range(iterations)]
    overrides = {"poll_interval": poll, "wait_timeout": int(delay * 4 + 60)}
    tasks = [module_task(subject, name, name=name, **overrides) for name in names]
    bench.emulator.clear_requests()
    created = bench.run(tasks, name="create-module")
    create_log = split_log(bench.emulator.requests())
    if not all(created.task(name)["result"]["changed"] for name in names):
        raise RuntimeError("the module did not report a creation for every instance")
    bench.emulator.clear_requests()
    rerun = bench.run(tasks, name="create-module-rerun")
    rerun_log = split_log(bench.emulator.requests())
    return {
        "excess": median([created.task(name)["seconds"] - delay for name in names]),
        "total": median([created.task(name)["seconds"] for name in names]),
        "requests": len(create_log["service"]) / iterations, "iam": len(create_log["iam"]) / iterations,
        "posts": len([entry for entry in create_log["service"] if entry["method"] == "POST"]) / iterations,
        "rerun_requests": len(rerun_log["service"]) / iterations, "rerun_iam": len(rerun_log["iam"]) / iterations,
        "rerun_s": median([rerun.task(name)["seconds"] for name in names]),
        "rerun_changed": sum(1 for name in names if rerun.task(name)["result"]["changed"]),
    }


def _baseline_creates(bench: Bench, playbook: Path, variables: Dict[str, Any], prefix: str, delay: float, iterations: int) -> Dict[str, Any]:
    totals: List[float] = []
    service, iam, posts = 0, 0, 0
    name = ""
    for index in range(iterations):
        name = "%s%d" % (prefix, index)
        bench.emulator.clear_requests()
        run = bench.playbook(playbook, dict(variables, instance_name=name), auth="password", forks=1, name=playbook.stem)
        totals.append(play_seconds(run))
        log = split_log(bench.emulator.requests())
        service += len(log["service"])
        iam += len(log["iam"])
        posts += len([entry for entry in log["service"] if entry["method"] == "POST"])
        if [record["status"] for record in bench.emulator.state("rds") if record["name"] == name] != ["ACTIVE"]:
            raise RuntimeError("%s did not leave one ACTIVE instance named %s" % (playbook.name, name))
    bench.emulator.clear_requests()
    rerun = bench.playbook(playbook, dict(variables, instance_name=name), auth="password", forks=1, name=playbook.stem + "-rerun")
    rerun_log = split_log(bench.emulator.requests())
    return {
        "excess": median([total - delay for total in totals]), "total": median(totals),
        "requests": service / iterations, "iam": iam / iterations, "posts": posts / iterations,
        "rerun_requests": len(rerun_log["service"]), "rerun_iam": len(rerun_log["iam"]), "rerun_s": play_seconds(rerun),
        "rerun_changed": sum(1 for entry in rerun.results if entry["result"].get("changed")),
    }


def create_rows(figures: Dict[str, Any]) -> List[Row]:
    delay, poll = figures["delay"], figures["poll"]
    module, until, sleep = figures["module"], figures["until"], figures["sleep_then_poll"]
    case = "3 create, BUILD->ACTIVE %gs" % delay
    limit = poll + 1.0
    until_name = "uri+until playbook (poll %gs)" % poll
    sleep_name = "sleep %gs then poll %gs" % (figures["sleep_s"], figures["sleep_poll_s"])
    rows = [
        Row(case, "module (poll_interval %gs): time - D" % poll, seconds(module["excess"]), target="<= %s (poll + 1 s)" % seconds(limit),
            met=module["excess"] <= limit),
        Row(case, "module vs %s: time - D" % until_name, seconds(module["excess"]), seconds(until["excess"]), times(module["excess"] / until["excess"])),
        Row(case, "module vs %s: time - D" % sleep_name, seconds(module["excess"]), seconds(sleep["excess"]), times(module["excess"] / sleep["excess"])),
        Row(case, "requests / IAM per create: module vs uri+until", "%g / %g" % (module["requests"], module["iam"]),
            "%g / %g" % (until["requests"], until["iam"])),
        Row(case, "requests / IAM per create: module vs sleep+poll", "%g / %g" % (module["requests"], module["iam"]),
            "%g / %g" % (sleep["requests"], sleep["iam"])),
        Row(case, "converged re-run: module task vs uri+until playbook",
            "%s, %g / %g req" % (seconds(module["rerun_s"]), module["rerun_requests"], module["rerun_iam"]),
            "%s, %g / %g req" % (seconds(until["rerun_s"]), until["rerun_requests"], until["rerun_iam"]), times(module["rerun_s"] / until["rerun_s"]),
            "1 / 0 req", module["rerun_requests"] == 1 and module["rerun_iam"] == 0 and module["rerun_changed"] == 0),
    ]
    return rows


# -- 4. tenant scale -------------------------------------------------------------------------------
def scale_case(bench: Bench, sizes: Sequence[int], iterations: int) -> List[Dict[str, Any]]:
    """Converged rds_instance cost and peak memory with `size` other instances in the project (seeded through the admin API)."""
    ensure_converged(bench)
    subject = SUBJECT["rds_instance"]
    prefix = bench.unique("bulk")
    seeded = 0
    out = []
    for size in sorted(sizes):
        if size > seeded:
            bench.emulator.admin("POST", "seed", json={"service": "rds", "count": size - seeded, "prefix": "%s-%d-" % (prefix, size)})
            seeded = size
        figures = converged_case(bench, subject, "aksk", iterations)
        figures["size"] = size
        figures["project_instances"] = len(bench.emulator.state("rds"))
        figures.update(direct_invocation(bench, subject))
        out.append(figures)
    return out


# -- 8. day 2 ----------------------------------------------------------------------------------------
# Options compared from the one list answer: a task that sets them and matches costs what a plain converged task costs.
DAY2_BACKUP = {"start_time": "08:00-09:00", "keep_days": 9}
DAY2_OPTIONS = {
    "rds_instance": {"tags": {"team": "bench", "cost": "42"}, "backup_strategy": DAY2_BACKUP},
    "rds_replica": {"tags": {"team": "bench"}},
    "gauss_restore": {"tags": {"team": "bench"}, "backup_strategy": DAY2_BACKUP},
    "dds_instance": {"tags": {"team": "bench"}, "backup_strategy": DAY2_BACKUP},
}


def day2_converged_case(bench: Bench, subject: Subject, iterations: int) -> Dict[str, Any]:
    """Apply tags (and a backup policy) once, then run the same task converged `iterations` times and count its requests."""
    ensure_converged(bench)
    options = DAY2_OPTIONS[subject.module]
    applied = bench.run([module_task(subject, "apply", **options)], name="day2-apply-%s" % subject.module).task("apply")["result"]
    bench.emulator.clear_requests()
    tasks = [module_task(subject, "converged-%d" % index, **options) for index in range(iterations)]
    run = bench.run(tasks, name="day2-converged-%s" % subject.module)
    log = split_log(bench.emulator.requests())
    return {"module": subject.module, "options": sorted(options), "applied": [action["action"] for action in applied.get("actions") or []],
            "target_requests": subject.requests, "requests": len(log["service"]) / iterations,
            "writes": len([entry for entry in log["service"] if entry["method"] != "GET"]),
            "changed": sum(1 for index in range(iterations) if run.task("converged-%d" % index)["result"]["changed"])}


def day2_update_case(bench: Bench, delay: float, poll: float, iterations: int) -> Dict[str, Any]:
    """rds_instance changes its port (RDS v3 UpdatePort, a workflow) while the emulator takes D seconds per operation."""
    ensure_converged(bench)
    subject = SUBJECT["rds_instance"]
    extra: List[float] = []
    requests: List[int] = []
    bench.emulator.config(ready_delay=delay)
    try:
        for index in range(iterations):
            bench.emulator.clear_requests()
            run = bench.run([module_task(subject, "update", port=3310 + index, poll_interval=poll)], name="day2-update-%d" % index)
            result = run.task("update")["result"]
            if [action["action"] for action in result.get("actions") or []] != ["update_port"]:
                raise RuntimeError("the port change was not one update_port: %s" % result.get("actions"))
            extra.append(float(run.task("update")["seconds"]) - delay)
            requests.append(len(split_log(bench.emulator.requests())["service"]))
    finally:
        bench.emulator.config(ready_delay=0.2)
    return {"delay": delay, "poll": poll, "extra_s": median(extra), "requests": median(requests), "iterations": iterations}


def day2_rows(converged: List[Dict[str, Any]], update: Dict[str, Any]) -> List[Row]:
    rows = []
    for figures in converged:
        case = "8 day 2: %s with %s set" % (figures["module"], " + ".join(figures["options"]))
        target = figures["target_requests"]
        met = figures["requests"] <= target and figures["writes"] == 0 and figures["changed"] == 0
        rows.append(Row(case, "first run: operations", ", ".join(figures["applied"]) or "none"))
        rows.append(Row(case, "converged re-run: requests / writes per task", "%g / %d" % (figures["requests"], figures["writes"]),
                        target="%d / 0" % target, met=met))
    case = "8 day 2: rds_instance port change, operation takes %gs" % update["delay"]
    rows.append(Row(case, "module (poll_interval %gs): time - D" % update["poll"], seconds(update["extra_s"]),
                    target="<= %s (poll + 1 s)" % seconds(update["poll"] + 1.0), met=update["extra_s"] <= update["poll"] + 1.0))
    rows.append(Row(case, "requests per update (list, checks, write, waits, re-read)", "%g" % update["requests"]))
    return rows


def day2_case(bench: Bench, delay: float, poll: float, iterations: int) -> List[Row]:
    converged = [day2_converged_case(bench, subject, iterations) for subject in SUBJECTS]
    return day2_rows(converged, day2_update_case(bench, delay, poll, max(1, min(iterations, 3))))


# Runs a module in a small intermediate process that reports the module's own rusage. Linux carries a process's peak RSS
# over fork and exec, so a child forked straight from this (large) benchmark process would report this process's size.
RUSAGE_WRAPPER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:])
_pid, status, usage = os.wait4(child.pid, 0)
sys.stderr.write("BENCH-RUSAGE %d %d %.6f\\n" % (os.waitstatus_to_exitcode(status), usage.ru_maxrss, usage.ru_utime + usage.ru_stime))
"""


def run_direct(bench: Bench, python_module: str, module_args: Dict[str, Any]) -> Dict[str, Any]:
    """Run an Ansible module as a plain Python program (no ansible-playbook, no AnsiballZ): its result, peak RSS, CPU and wall time."""
    args_file = bench.workdir / "direct-args.json"
    args_file.write_text(json.dumps({"ANSIBLE_MODULE_ARGS": module_args}), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HW_", "OS_"))}
    env["PYTHONPATH"] = str(COLLECTIONS)
    command = [sys.executable, "-c", RUSAGE_WRAPPER, sys.executable, "-m", python_module, str(args_file)]
    started = time.monotonic()
    completed = subprocess.run(command, cwd=bench.workdir, env=env, capture_output=True, text=True, timeout=300, check=False)
    wall = time.monotonic() - started
    usage = [line.split() for line in completed.stderr.splitlines() if line.startswith("BENCH-RUSAGE ")]
    text = completed.stdout
    result = json.loads(text[text.index("{"):]) if "{" in text else {}
    if not usage or usage[-1][1] != "0" or result.get("failed") or result.get("changed"):
        raise RuntimeError("direct run of %s did not converge: %s %s" % (python_module, text[-2000:], completed.stderr[-2000:]))
    return {"result": result, "rss_kib": int(usage[-1][2]), "cpu_s": float(usage[-1][3]), "wall_s": wall}


def direct_args(bench: Bench, subject: Subject) -> Dict[str, Any]:
    return dict(subject.args, region=REGION, endpoints=bench.emulator.endpoints(), access_key=ACCESS_KEY, secret_key=SECRET_KEY,
                project_id=PROJECT_ID, token_cache=str(bench.ansible.token_cache), wait_timeout=60)


def direct_invocation(bench: Bench, subject: Subject) -> Dict[str, Any]:
    """The converged module run directly once: peak resident set size and its requests."""
    bench.emulator.clear_requests()
    measured = run_direct(bench, "ansible_collections.hwcloud.dbaas.plugins.modules." + subject.module, direct_args(bench, subject))
    log = split_log(bench.emulator.requests())
    return {"rss_kib": measured["rss_kib"], "direct_requests": len(log["service"]), "direct_iam": len(log["iam"])}


def process_case(bench: Bench, subject: Subject, runs: int) -> Dict[str, Any]:
    """CPU and wall time of the converged module process against the uri module's process doing the same GET, both run directly.

    Without ansible-playbook around them, this is the part of the task time that differs between the two.
    """
    ensure_converged(bench)
    uri_args = {"url": bench.list_url(subject.service, subject.name), "headers": {"X-Auth-Token": bench.token(), "X-Client-Token": BASELINE_TAG}}
    module: List[Dict[str, Any]] = []
    uri: List[Dict[str, Any]] = []
    for _index in range(runs):
        uri.append(run_direct(bench, "ansible.modules.uri", uri_args))
        module.append(run_direct(bench, "ansible_collections.hwcloud.dbaas.plugins.modules." + subject.module, direct_args(bench, subject)))
    figures = {"module": subject.module, "runs": runs}
    for label, runs_of in (("module", module), ("uri", uri)):
        figures[label + "_cpu"] = median([entry["cpu_s"] for entry in runs_of])
        figures[label + "_wall"] = median([entry["wall_s"] for entry in runs_of])
        figures[label + "_rss_kib"] = median([entry["rss_kib"] for entry in runs_of])
    return figures


def process_rows(figures: Dict[str, Any]) -> List[Row]:
    case = "1 converged %s (run directly, no ansible-playbook)" % figures["module"]
    return [Row(case, "process CPU (user + system)", seconds(figures["module_cpu"]), "uri module %s" % seconds(figures["uri_cpu"]),
                times(figures["module_cpu"] / figures["uri_cpu"]))]


def scale_rows(all_figures: List[Dict[str, Any]]) -> List[Row]:
    rows = []
    smallest = all_figures[0]["rss_kib"] if all_figures else 0
    for figures in all_figures:
        case = "4 scale, %d instances in the project" % figures["size"]
        counts_met = figures["requests"] == 1 and figures["iam"] == 0 and figures["direct_requests"] == 1
        growth = figures["rss_kib"] / smallest if smallest else float("nan")
        rows += [
            Row(case, "requests / IAM per converged rds_instance", "%g / %g" % (figures["requests"], figures["iam"]), target="1 / 0", met=counts_met),
            Row(case, "wall time per task", seconds(figures["module_s"]), "uri GET %s" % seconds(figures["uri_s"]), times(figures["ratio"])),
            Row(case, "module peak RSS (direct run)", "%.1f MiB" % (figures["rss_kib"] / 1024.0), "%d: %.1f MiB" % (all_figures[0]["size"], smallest / 1024.0),
                times(growth), "<= %.2fx (flat)" % RSS_TARGET, growth <= RSS_TARGET),
        ]
    return rows


# -- 5. throughput under throttling ----------------------------------------------------------------
def throttle_case(bench: Bench, creates: int, forks: int, rps: float) -> Dict[str, Any]:
    """`creates` rds_instance creates, one per inventory host, `forks` at a time, against a throttle of `rps` requests per second."""
    previous = bench.emulator.admin("GET", "config")["ready_delay"]
    bench.emulator.config(ready_delay=0)
    prefix = bench.unique("thr")
    subject = SUBJECT["rds_instance"]
    try:
        bench.emulator.clear_requests()
        bench.run([module_task(subject, "reference", name=prefix + "-ref")], name="throttle-reference")
        per_create = len(split_log(bench.emulator.requests())["service"])
        hosts = ["%s-%02d" % (prefix, index) for index in range(creates)]
        inventory = bench.workdir / ("%s.ini" % prefix)
        inventory.write_text("[bench]\n" + "".join("%s ansible_connection=local ansible_python_interpreter=%s\n" % (host, sys.executable)
                                                   for host in hosts), encoding="utf-8")
        play = [{"name": "throttled creates", "hosts": "bench", "gather_facts": False,
                 "module_defaults": {"group/hwcloud.dbaas.dbaas": dict(bench.ansible.defaults(), wait_timeout=600)},
                 "tasks": [module_task(subject, "create", name="{{ inventory_hostname }}")]}]
        playbook = bench.workdir / ("%s.yml" % prefix)
        playbook.write_text(yaml.safe_dump(play, sort_keys=False), encoding="utf-8")
        bench.emulator.clear_requests()
        bench.emulator.faults({"kind": "throttle", "rps": rps})
        run = bench.playbook(playbook, inventory=str(inventory), forks=forks, name="throttle", check=False)
    finally:
        bench.emulator.admin("DELETE", "faults")
        bench.emulator.config(ready_delay=previous)
    log = bench.emulator.requests()
    names = [record["name"] for record in bench.emulator.state("rds")]
    accepted = [entry for entry in log if entry["status"] != 429]
    return {
        "creates": creates, "forks": forks, "rps": rps, "per_create": per_create,
        "created": len({name for name in names if name in hosts}),
        "duplicates": sum(names.count(host) - 1 for host in hosts if names.count(host) > 1),
        "failures": len([entry for entry in run.results if entry["outcome"] != "ok"]) + max(0, creates - len(run.results)),
        "throttled": len(log) - len(accepted), "accepted": len(accepted),
        "wall": max([float(entry["seconds"]) for entry in run.results] or [float("nan")]),
        "minimum": len(accepted) / rps, "minimum_ideal": creates * per_create / rps,
    }


def throttle_rows(figures: Dict[str, Any]) -> List[Row]:
    case = "5 throttle: %d creates, %d forks, %g rps" % (figures["creates"], figures["forks"], figures["rps"])
    ok = figures["created"] == figures["creates"] and figures["duplicates"] == 0 and figures["failures"] == 0
    return [
        Row(case, "created / duplicates / failures", "%d / %d / %d" % (figures["created"], figures["duplicates"], figures["failures"]),
            target="%d / 0 / 0" % figures["creates"], met=ok),
        Row(case, "wall time vs throttle minimum (accepted requests / rps)", seconds(figures["wall"]),
            "%s (%d accepted, %d answered 429)" % (seconds(figures["minimum"]), figures["accepted"], figures["throttled"]),
            times(figures["wall"] / figures["minimum"])),
    ]


# -- parallel.py (owned elsewhere) -----------------------------------------------------------------
def parallel_module() -> Any:
    """tests/benchmarks/parallel.py when it exists and offers measure(); None otherwise."""
    try:
        from tests.benchmarks import parallel  # pylint: disable=import-outside-toplevel
    except ImportError:
        return None
    return parallel if callable(getattr(parallel, "measure", None)) else None


PARALLEL_CASE = "6 parallel: %s creates, BUILD->ACTIVE %ss"


def parallel_rows(figures: Dict[str, Any]) -> List[Row]:
    """parallel.measure()'s figures: (a) a loop of creates with wait: true, (b) the loop with wait: false plus one instance_wait."""
    case = PARALLEL_CASE % (figures.get("count", "?"), "%g" % figures["delay_s"] if "delay_s" in figures else "?")
    known = ("a_wait_true_s", "b_loop_and_wait_s", "target_b_s")
    if not all(key in figures for key in known):
        return [Row(case, str(key), "%.3f" % value if isinstance(value, float) else str(value)) for key, value in figures.items()]
    first, second = float(figures["a_wait_true_s"]), float(figures["b_loop_and_wait_s"])
    rows = [
        Row(case, "(a) loop, each create with wait: true", seconds(first),
            "count x D = %s" % seconds(float(figures["expected_a_s"])) if "expected_a_s" in figures else ""),
        Row(case, "(b) loop with wait: false + one instance_wait", seconds(second), "(a) %s" % seconds(first), times(second / first),
            "<= %s" % seconds(float(figures["target_b_s"])), bool(figures.get("met", second <= float(figures["target_b_s"])))),
    ]
    if "wait_requests" in figures:
        rows.append(Row(case, "instance_wait polls / requests", "%s / %s" % (figures.get("wait_polls", "?"), figures["wait_requests"])))
    return rows


# -- table -----------------------------------------------------------------------------------------
def seconds(value: float) -> str:
    return "%.3f s" % value


def times(value: float) -> str:
    return "%.2fx" % value


def table(rows: List[Row]) -> List[str]:
    lines = ["| case | figure | measured | baseline (same run) | ratio | target | met |", "|---|---|---|---|---|---|---|"]
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        lines.append("| %s |" % " | ".join((row.case, row.figure, row.value, row.baseline, row.ratio, row.target, met)))
    return lines


def versions() -> List[str]:
    import ansible.release  # pylint: disable=import-outside-toplevel
    try:
        flask_version = importlib.metadata.version("flask")
    except importlib.metadata.PackageNotFoundError:
        flask_version = "?"
    return ["- machine: %s, %s, %d CPUs, load average %s" % (platform.node(), platform.platform(), os.cpu_count() or 0, load()),
            "- python %s, ansible-core %s, requests %s, flask %s (emulator)" % (
                platform.python_version(), ansible.release.__version__, requests.__version__, flask_version),
            "- commit: %s" % commit()]


def load() -> str:
    try:
        return "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        return "?"


def commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" with local changes" if dirty else "")


NOTES = """
## How to read it

* Every figure comes from one run of `python -m tests.benchmarks.run` against its own emulator on 127.0.0.1; times are
  medians over the iterations, and each ratio divides two figures of that same run, so machine load affects both sides.
* Times are task start to task end as Ansible's callback sees them (the `record_results` callback), so they include
  Ansible's own per-task work (templating, AnsiballZ, forking the module) on both sides.
* The request counts are exact and do not depend on the machine. The times do: on a shared 2-core machine a
  wall-time ratio moves by several per cent from one run to the next, so a ratio close to its target can land on
  either side of it.
* **1 converged**: the instance exists and matches the task. The baseline is one bare `ansible.builtin.uri` GET of the
  same list URL (same name filter, same paging) with a token, in the same play, alternating with the module task; the
  first pair of the play is a warm-up and is not timed. Requests are counted in the emulator's request log.
  "Run directly" runs the module and the `uri` module as plain Python programs (`python -m <module> args.json`, no
  ansible-playbook and no AnsiballZ) and compares the CPU time of the two processes: the part of a task's cost that
  differs between them.
* **2 token reuse**: the token cache is emptied, then a playbook of converged tasks of all four modules runs twice with
  password auth.
* **3 create**: the emulator keeps a new instance in BUILD for D seconds. "time - D" is what a strategy adds on top of
  the cloud's own creation time. The baselines are the hand-written playbooks in `tests/benchmarks/baselines/`
  (`rds_uri_until.yml`: token, list, create when missing, `until` on the list; `rds_sleep_then_poll.yml`: the same
  with a fixed sleep before polling); their time is the sum of their task times, and the ratio divides the module's
  "time - D" by theirs. The re-run row runs each once more against the instance it created. The module waits for the job, then
  for the instance to be ACTIVE on two polls in a row (at most 1 s apart), which guards against a status that flips
  right after creation.
* **4 scale**: the project holds N other instances (seeded through `POST /_admin/seed`). The module filters by name
  on the server, so it reads one short answer whatever N is. The emulator itself scans the whole project for every
  list request, so the module and the uri GET both get slower as N grows, by the same amount. Peak RSS is the module run
  as a plain Python program (`python -m ansible_collections.hwcloud.dbaas.plugins.modules.rds_instance args.json`),
  read with `wait4()`.
* **5 throttle**: one inventory host per create (`ansible_connection=local`), `-f F`, a `throttle` fault of R requests
  per second on every service. The minimum is the number of requests the emulator accepted divided by R.
* **8 day 2**: each module's task with tags (and, but for the replica, a backup policy) runs once to apply them, then
  again converged: the list answer carries both, so the converged task costs the same requests as one without them.
  The update row changes rds_instance's port (RDS v3 UpdatePort, a workflow) while the emulator takes D seconds per
  operation; "time - D" is what the module adds (its checks, the write, the waits on the job and the instance, the
  re-read) on top of the operation itself.
* **6 parallel** (when `tests/benchmarks/parallel.py` is present): its `measure(emulator, ansible, count=10, delay=D)`:
  (a) a loop of 10 creates that each wait, (b) the same loop with `wait: false` followed by one
  `hwcloud.dbaas.instance_wait`; the target is the one `parallel.py` sets.
"""


def render(rows: List[Row], header: List[str], notes: bool = True) -> str:
    lines = ["# Benchmark results", "", "Written by `python -m tests.benchmarks.run` (`make bench`); do not edit by hand.", ""]
    lines += header + [""] + table(rows) + [""]
    judged = [row for row in rows if row.met is not None]
    missed = ["%s: %s" % (row.case, row.figure) for row in judged if not row.met]
    lines.append("Targets met: %d of %d%s" % (len(judged) - len(missed), len(judged), (". Not met: " + "; ".join(missed) + ".") if missed else "."))
    lines.append("")
    if notes:
        lines.append(NOTES.strip("\n"))
        lines.append("")
    return "\n".join(lines)


# -- driver ----------------------------------------------------------------------------------------
def _converged_step(bench: Bench, subject: Subject, auth: str, iterations: int) -> List[Row]:
    return converged_rows(converged_case(bench, subject, auth, iterations))


def _process_step(bench: Bench, subject: Subject, runs: int) -> List[Row]:
    return process_rows(process_case(bench, subject, runs))


def run_cases(bench: Bench, options: argparse.Namespace, log: Callable[[str], None] = print) -> List[Row]:
    """Run the selected cases (the large tenant last, as it slows every list); a case that fails becomes an error row.

    The rows come back in case order, whatever order the cases ran in.
    """
    rows: List[Row] = []
    steps: List[Tuple[str, Callable[[], List[Row]]]] = []
    if "converged" in options.cases:
        for subject in SUBJECTS:
            for auth in ("aksk", "password"):
                steps.append(("1 converged %s (%s)" % (subject.module, auth), functools.partial(_converged_step, bench, subject, auth, options.iterations)))
            steps.append(("1 converged %s (run directly)" % subject.module, functools.partial(_process_step, bench, subject, options.iterations)))
    if "tokens" in options.cases:
        steps.append(("2 token reuse", lambda: token_rows(token_case(bench, options.token_tasks))))
    if "create" in options.cases:
        steps.append(("3 create", lambda: create_rows(create_case(bench, options.delay, options.poll, options.create_iterations))))
    if "throttle" in options.cases:
        steps.append(("5 throttle", lambda: throttle_rows(throttle_case(bench, options.creates, options.forks, options.rps))))
    if "parallel" in options.cases:
        module = parallel_module()
        if module is None:
            rows.append(Row("6 parallel", "tests/benchmarks/parallel.py with measure()", "not present: skipped"))
        else:
            steps.append(("6 parallel", lambda: parallel_rows(dict(module.measure(bench.emulator, bench.ansible, count=10, delay=options.delay)))))
    if "day2" in options.cases:
        steps.append(("8 day 2", lambda: day2_case(bench, options.delay, options.poll, options.iterations)))
    if "scale" in options.cases:
        steps.append(("4 scale", lambda: scale_rows(scale_case(bench, options.sizes, options.iterations))))
    for label, step in steps:
        started = time.monotonic()
        log(">> %s" % label)
        try:
            rows += step()
        except Exception as error:  # pylint: disable=broad-except
            traceback.print_exc()
            rows.append(Row(label, "error", str(error).splitlines()[0][:200], met=False))
        log("   %.1f s" % (time.monotonic() - started))
    return sorted(rows, key=lambda row: row.case.split(" ", 1)[0])


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=7, help="timed repetitions per converged case (default 7; 1 = smoke run)")
    parser.add_argument("--create-iterations", type=int, default=None, help="creates per strategy in case 3 (default: min(iterations, 3))")
    parser.add_argument("--delay", type=float, default=5.0, help="emulator BUILD -> ACTIVE delay D for case 3, seconds")
    parser.add_argument("--poll", type=float, default=5.0, help="poll interval of the module and of the uri+until baseline in case 3")
    parser.add_argument("--token-tasks", type=int, default=20)
    parser.add_argument("--sizes", default="10,1000,10000", help="tenant sizes for case 4, comma-separated")
    parser.add_argument("--creates", type=int, default=20)
    parser.add_argument("--forks", type=int, default=5)
    parser.add_argument("--rps", type=float, default=5.0)
    parser.add_argument("--cases", default=",".join(ALL_CASES), help="comma-separated subset of: " + ", ".join(ALL_CASES))
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--no-write", action="store_true", help="print only, do not rewrite RESULTS.md")
    options = parser.parse_args(argv)
    options.sizes = [int(size) for size in str(options.sizes).split(",") if size.strip()]
    options.cases = [case.strip() for case in str(options.cases).split(",") if case.strip()]
    unknown = sorted(set(options.cases) - set(ALL_CASES))
    if unknown:
        parser.error("unknown case(s): %s" % ", ".join(unknown))
    if options.create_iterations is None:
        options.create_iterations = max(1, min(options.iterations, 3))
    return options


def main(argv: Optional[List[str]] = None) -> int:
    options = parse_args(argv)
    started = time.monotonic()
    load_before = load()
    ensure_collection_link()
    with tempfile.TemporaryDirectory(prefix="hwcloud-dbaas-bench-") as scratch:
        workdir = Path(scratch)
        emulator = Emulator(workdir / "emulator", ready_delay=0.2)
        try:
            bench = Bench(emulator, Ansible(emulator, workdir), workdir)
            rows = run_cases(bench, options)
        finally:
            emulator.stop()
    elapsed = time.monotonic() - started
    complete = set(options.cases) == set(ALL_CASES)
    rows.append(Row("7 whole run", "wall time of this benchmark run" + ("" if complete else " (subset: %s)" % ",".join(options.cases)),
                    seconds(elapsed), target="< %d s" % RUN_BUDGET, met=elapsed < RUN_BUDGET))
    header = versions() + ["- load average before the run: %s" % load_before,
                           "- date: %s" % time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                           "- settings: iterations %d, creates per strategy %d, D %gs, poll %gs, sizes %s, throttle %d creates / %d forks / %g rps"
                           % (options.iterations, options.create_iterations, options.delay, options.poll, "/".join(map(str, options.sizes)),
                              options.creates, options.forks, options.rps)]
    print(render(rows, header, notes=False))
    if not options.no_write:
        options.output.write_text(render(rows, header), encoding="utf-8")
        print("written to %s" % options.output)
    # Targets not met are results, not errors; only a case that could not run fails the command.
    return 1 if any(row.figure == "error" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
