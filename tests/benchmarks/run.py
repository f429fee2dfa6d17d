# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmarks: what a converged task costs, against a bare ansible.builtin.uri GET in the same play.

Run with `make bench` (or `python -m tests.benchmarks.run --iterations 1` for a smoke run).
Prints a table and writes tests/benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

from tests.integration.harness import REPO, Ansible, Emulator, ensure_collection_link

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TOKEN_TASKS = 20
NETWORK = {
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
}
RDS = dict(NETWORK, name="bench-db", engine="mysql", engine_version="8.0", flavor="rds.mysql.s1.large",
           volume_type="ULTRAHIGH", volume_size=100, availability_zone=["eu-de-01"], password="Bench@Passw0rd")


def converged_case(ansible: Ansible, emulator: Emulator, auth: str, iterations: int) -> Dict[str, float]:
    """Alternate a bare uri GET and the converged module task; count requests per module task."""
    tasks = []
    for index in range(iterations):
        tasks.append({"name": "uri-%d" % index, "ansible.builtin.uri": {"url": emulator.url + "/_admin/config"}})
        tasks.append({"name": "rds-%d" % index, "hwcloud.dbaas.rds_instance": RDS})
    emulator.clear_requests()
    run = ansible.run(tasks, auth=auth, name="converged-" + auth)
    if run.rc != 0:
        raise RuntimeError(run.stdout)
    log = emulator.requests()
    uri_seconds = [run.task("uri-%d" % index)["seconds"] for index in range(iterations)]
    module_seconds = [run.task("rds-%d" % index)["seconds"] for index in range(iterations)]
    changed = sum(1 for index in range(iterations) if run.task("rds-%d" % index)["result"]["changed"])
    return {
        "requests": len([entry for entry in log if entry["service"] != "iam"]) / iterations,
        "iam": len([entry for entry in log if entry["service"] == "iam"]) / iterations,
        "uri_s": statistics.median(uri_seconds),
        "module_s": statistics.median(module_seconds),
        "ratio": statistics.median(module_seconds) / statistics.median(uri_seconds),
        "changed": changed,
    }


def token_reuse_case(ansible: Ansible, emulator: Emulator, tasks_count: int) -> Dict[str, int]:
    """IAM requests of a 20-task password-auth playbook, then of its re-run (disk cache)."""
    for path in ansible.token_cache.glob("*.json"):
        path.unlink()
    tasks = [{"name": "rds-%d" % index, "hwcloud.dbaas.rds_instance": RDS} for index in range(tasks_count)]
    counts = {}
    for label in ("first run", "re-run"):
        emulator.clear_requests()
        run = ansible.run(tasks, auth="password", name="token-" + label.replace(" ", "-"))
        if run.rc != 0:
            raise RuntimeError(run.stdout)
        counts[label] = len(emulator.requests("iam"))
    return counts


def versions() -> List[str]:
    ansible_version = subprocess.run([str(Path(sys.executable).parent / "ansible"), "--version"], capture_output=True,
                                     text=True, check=False).stdout.splitlines()[0]
    return ["- machine: %s, %s, %d CPUs" % (platform.node(), platform.platform(), _cpus()),
            "- python: %s" % platform.python_version(), "- %s" % ansible_version,
            "- date: %s" % time.strftime("%Y-%m-%d %H:%M:%S %Z")]


def _cpus() -> int:
    return os.cpu_count() or 0


def render(converged: Dict[str, Dict[str, float]], tokens: Dict[str, int], iterations: int, token_tasks: int) -> str:
    lines = ["# Benchmark results", "", *versions(), "- iterations per case: %d (medians)" % iterations, "",
             "## Converged task cost (rds_instance, instance exists)", "",
             "| auth | HTTP requests / task | IAM requests / task | bare uri GET (s) | module task (s) | ratio | target |",
             "|---|---|---|---|---|---|---|"]
    for auth, figures in converged.items():
        lines.append("| %s | %.2f | %.2f | %.3f | %.3f | %.2fx | 1 request, 0 IAM, <= 1.10x |" % (
            auth, figures["requests"], figures["iam"], figures["uri_s"], figures["module_s"], figures["ratio"]))
    lines += ["", "## Token reuse (password auth, %d-task playbook)" % token_tasks, "",
              "| run | IAM requests | target |", "|---|---|---|",
              "| first run | %d | 1 |" % tokens["first run"], "| re-run | %d | 0 |" % tokens["re-run"], ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only, do not rewrite RESULTS.md")
    args = parser.parse_args()
    ensure_collection_link()
    with tempfile.TemporaryDirectory(prefix="hwcloud-dbaas-bench-") as scratch:
        workdir = Path(scratch)
        emulator = Emulator(workdir / "emulator", ready_delay=0.2)
        try:
            ansible = Ansible(emulator, workdir)
            created = ansible.run([{"name": "create", "hwcloud.dbaas.rds_instance": RDS}], name="create")
            if created.rc != 0:
                raise RuntimeError(created.stdout)
            converged = {auth: converged_case(ansible, emulator, auth, args.iterations) for auth in ("aksk", "password")}
            tokens = token_reuse_case(ansible, emulator, TOKEN_TASKS)
        finally:
            emulator.stop()
    report = render(converged, tokens, args.iterations, TOKEN_TASKS)
    print(report)
    if not args.no_write:
        RESULTS.write_text(report, encoding="utf-8")
        print("written to %s" % RESULTS.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
