# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stress: many creates of distinct instances in parallel against a throttled emulator; none may be lost or doubled.

Run with `make stress` or `python -m tests.benchmarks.stress [--tasks 100 --forks 25 --rps 5]`. An inventory of
fake hosts (`ansible_connection: local`, at least one per fork) shares the instance names out; every host creates
its share in a loop, `--forks` hosts at a time, so that many module processes compete for the throttled API at once.

Prints the instances created, duplicated and missing, the failed tasks, the wall time, and the least time the
throttle allows for the requests that were accepted. Exits 1 when an instance is missing or duplicated or a task
failed.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

if __package__ in (None, ""):  # run as a script (make stress): make `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import yaml  # noqa: E402  pylint: disable=wrong-import-position

from tests.integration.harness import (  # noqa: E402  pylint: disable=wrong-import-position
    CALLBACKS, COLLECTIONS, Ansible, Emulator, ensure_collection_link,
)

NETWORK = {
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
}
RDS = dict(NETWORK, engine="mysql", engine_version="8.0", flavor="rds.mysql.s1.large", volume_type="ULTRAHIGH", volume_size=40,
           availability_zone=["eu-de-01"], password="Stress-Passw0rd")


@dataclass
class Report:
    tasks: int
    forks: int
    hosts: int
    rps: float
    created: int
    duplicates: int
    missing: List[str]
    failures: List[str]
    wall: float
    accepted: int
    throttled: int
    rc: int

    @property
    def minimum(self) -> float:
        """The least wall time the throttle allows for the requests that were accepted."""
        return self.accepted / self.rps if self.rps else 0.0

    @property
    def ok(self) -> bool:
        return self.created == self.tasks and self.duplicates == 0 and not self.missing and not self.failures

    def lines(self) -> List[str]:
        return [
            "stress: %d creates over %d hosts, %d forks, throttle %g requests/s" % (self.tasks, self.hosts, self.forks, self.rps),
            "  created     %d of %d" % (self.created, self.tasks),
            "  duplicates  %d" % self.duplicates,
            "  missing     %d%s" % (len(self.missing), (" (%s)" % ", ".join(self.missing[:10])) if self.missing else ""),
            "  failures    %d%s" % (len(self.failures), (" (%s)" % "; ".join(self.failures[:5])) if self.failures else ""),
            "  wall time   %.1f s (ansible-playbook, start to end)" % self.wall,
            "  throttle    %.1f s at least for the %d accepted requests (%.1f per create); %d answered 429"
            % (self.minimum, self.accepted, self.accepted / max(1, self.tasks), self.throttled),
            "  result      %s" % ("OK" if self.ok else "FAILED"),
        ]


def names_for(tasks: int, prefix: str) -> List[str]:
    return ["%s-%03d" % (prefix, index) for index in range(tasks)]


def write_inventory(path: Path, names: List[str], hosts: int) -> None:
    """Fake local hosts; host i creates names i, i + hosts, i + 2 * hosts, ..."""
    inventory = {"all": {"hosts": {}}}
    for index in range(hosts):
        share = names[index::hosts]
        inventory["all"]["hosts"]["stress-host-%02d" % index] = {
            "ansible_connection": "local", "ansible_python_interpreter": sys.executable, "stress_names": share}
    path.write_text(yaml.safe_dump(inventory, sort_keys=False), encoding="utf-8")


def write_playbook(path: Path, ansible: Ansible, wait_timeout: int) -> None:
    defaults = dict(ansible.defaults(), wait_timeout=wait_timeout)
    play = {"name": "stress", "hosts": "all", "gather_facts": False,
            "module_defaults": {"group/hwcloud.dbaas.dbaas": defaults},
            "tasks": [{"name": "create", "hwcloud.dbaas.rds_instance": dict(RDS, name="{{ item }}"), "loop": "{{ stress_names }}"}]}
    path.write_text(yaml.safe_dump([play], sort_keys=False), encoding="utf-8")


def run_playbook(workdir: Path, ansible: Ansible, inventory: Path, playbook: Path, forks: int) -> Dict[str, Any]:
    record = workdir / "stress-results.jsonl"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HW_", "OS_"))}
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS), "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS), "ANSIBLE_CALLBACKS_ENABLED": "record_results",
        "RECORD_RESULTS_FILE": str(record), "ANSIBLE_NOCOLOR": "1", "ANSIBLE_RETRY_FILES_ENABLED": "0", "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_HOST_KEY_CHECKING": "0", "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
    })
    env.update(ansible.auth_env("aksk"))
    command = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(inventory), "-f", str(forks), str(playbook)]
    started = time.monotonic()
    completed = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=3600, check=False)
    wall = time.monotonic() - started
    results = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines() if line.strip()] if record.exists() else []
    return {"rc": completed.returncode, "output": completed.stdout + completed.stderr, "results": results, "wall": wall}


def failures_of(results: List[Dict[str, Any]], hosts: int) -> List[str]:
    """One line per failed item, plus hosts that reported nothing."""
    failed: List[str] = []
    for entry in results:
        for item in entry["result"].get("results") or [entry["result"]]:
            if item.get("failed"):
                failed.append("%s %s: %s" % (entry.get("host"), item.get("item"), item.get("msg")))
    reported = {entry.get("host") for entry in results}
    failed += ["stress-host-%02d: no result" % index for index in range(hosts) if "stress-host-%02d" % index not in reported]
    return failed


def stress(emulator: Emulator, workdir: Path, tasks: int, forks: int, rps: float, ready_delay: float = 0.2,
           wait_timeout: int = 900, prefix: str = "stress-db") -> Report:
    """Create `tasks` instances over max(forks, 1) hosts against a throttle of `rps`; report what the cloud holds then."""
    hosts = max(1, min(forks, tasks))
    names = names_for(tasks, prefix)
    ansible = Ansible(emulator, workdir)
    inventory, playbook = workdir / "stress-inventory.yml", workdir / "stress.yml"
    write_inventory(inventory, names, hosts)
    write_playbook(playbook, ansible, wait_timeout)
    emulator.config(ready_delay=ready_delay)
    emulator.clear_requests()
    emulator.faults({"kind": "throttle", "rps": rps})
    try:
        outcome = run_playbook(workdir, ansible, inventory, playbook, forks)
    finally:
        emulator.admin("DELETE", "faults")
    log = emulator.requests()
    counts = collections.Counter(record["name"] for record in emulator.state("rds"))
    failures = failures_of(outcome["results"], hosts)
    if outcome["rc"] != 0 and not failures:
        failures.append("ansible-playbook exited %d: %s" % (outcome["rc"], outcome["output"][-500:]))
    throttled = len([entry for entry in log if entry["status"] == 429])
    return Report(tasks=tasks, forks=forks, hosts=hosts, rps=rps, created=len([name for name in names if counts[name] >= 1]),
                  duplicates=sum(counts[name] - 1 for name in names if counts[name] > 1),
                  missing=[name for name in names if counts[name] == 0], failures=failures, wall=outcome["wall"],
                  accepted=len(log) - throttled, throttled=throttled, rc=outcome["rc"])


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.stress", description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--tasks", type=int, default=100, help="instances to create (default 100)")
    parser.add_argument("--forks", type=int, default=25, help="ansible-playbook forks, and fake hosts (default 25)")
    parser.add_argument("--rps", type=float, default=5, help="the emulator's throttle in requests per second (default 5)")
    parser.add_argument("--ready-delay", type=float, default=0.2, help="seconds a new instance stays BUILD (default 0.2)")
    options = parser.parse_args(argv)
    ensure_collection_link()
    with tempfile.TemporaryDirectory(prefix="hwcloud-dbaas-stress-") as scratch:
        workdir = Path(scratch)
        emulator = Emulator(workdir / "emulator", ready_delay=options.ready_delay)
        try:
            report = stress(emulator, workdir, options.tasks, options.forks, options.rps, options.ready_delay)
        finally:
            emulator.stop()
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
