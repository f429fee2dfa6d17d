# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parallel provisioning: a loop of creates that each wait, against the same loop with wait=false and one instance_wait.

With a ready delay of D seconds per instance, the first takes about count x D; the second should take about one D
plus the loop's own overhead: the target is (b) <= 1.2 x D + 10 s.

    python -m tests.benchmarks.parallel [--count 10] [--delay 5] [--poll-interval 1]

starts its own emulator; ``measure(emulator, ansible, count, delay)`` runs against a given one (tests/benchmarks/run.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List

from tests.integration.harness import Ansible, Emulator, Run, ensure_collection_link

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
    "password": "Bench@Passw0rd",
}
TARGET_FACTOR = 1.2
TARGET_SLACK = 10.0


def target_seconds(delay: float) -> float:
    """What loop + instance_wait may take: about one ready delay, plus the loop's own per-item overhead."""
    return TARGET_FACTOR * delay + TARGET_SLACK


def _names(prefix: str, count: int) -> List[str]:
    return ["%s-%02d" % (prefix, index) for index in range(1, count + 1)]


def _run(ansible: Ansible, tasks: List[Dict[str, Any]], defaults: Dict[str, Any], name: str) -> Dict[str, Any]:
    started = time.monotonic()
    run = ansible.run(tasks, defaults=defaults, name=name)
    wall = time.monotonic() - started
    if run.rc != 0:
        raise RuntimeError("play %s failed:\n%s" % (name, run.stdout[-4000:]))
    return {"run": run, "wall": wall}


def _task_seconds(run: Run, task: str) -> float:
    return sum(float(entry["seconds"]) for entry in run.results if entry["task"] == task)


def _cleanup(ansible: Ansible, names: List[str], defaults: Dict[str, Any]) -> None:
    tasks = [{"name": "cleanup", "hwcloud.dbaas.rds_instance": {"name": "{{ item }}", "state": "absent", "wait": False}, "loop": names}]
    ansible.run(tasks, defaults=defaults, name="parallel-cleanup")


def measure(emulator: Emulator, ansible: Ansible, count: int = 10, delay: float = 5.0, poll_interval: float = 1.0,
            cleanup: bool = True) -> Dict[str, Any]:
    """Wall time of (a) a loop of `count` creates with wait=true and (b) the loop with wait=false plus one instance_wait.

    The emulator's ready delay is set to `delay` for the measurement and restored afterwards. Instance names are unique
    per call, so the figures never come from converged (already existing) instances.
    """
    previous = emulator.admin("GET", "config").get("ready_delay")
    stamp = "%x" % (time.time_ns() // 1000000 % 0xFFFFFF)
    sequential, parallel = _names("pseq%s" % stamp, count), _names("ppar%s" % stamp, count)
    defaults = {"poll_interval": poll_interval, "wait_timeout": int(count * delay * 3 + 300)}
    emulator.config(ready_delay=delay)
    try:
        seq = _run(ansible, [{"name": "create", "hwcloud.dbaas.rds_instance": dict(RDS, name="{{ item }}"), "loop": sequential}],
                   defaults, "parallel-a-sequential")
        par = _run(ansible, [
            {"name": "create", "hwcloud.dbaas.rds_instance": dict(RDS, name="{{ item }}", wait=False), "loop": parallel, "register": "created"},
            {"name": "wait", "hwcloud.dbaas.instance_wait": {"instances": "{{ created }}"}},
        ], defaults, "parallel-b-loop-and-wait")
    finally:
        emulator.config(ready_delay=previous if previous is not None else 2)
    if cleanup:
        _cleanup(ansible, sequential + parallel, defaults)
    wait = par["run"].task("wait")["result"]
    figures = {
        "count": count,
        "delay_s": float(delay),
        "poll_interval_s": float(poll_interval),
        # Task time: from the first task's start to the last task's end, without ansible-playbook's own start-up.
        "a_wait_true_s": _task_seconds(seq["run"], "create"),
        "b_loop_s": _task_seconds(par["run"], "create"),
        "b_wait_s": _task_seconds(par["run"], "wait"),
        "a_playbook_s": seq["wall"],
        "b_playbook_s": par["wall"],
        "wait_polls": int(wait["polls"]),
        "wait_requests": int(wait["requests"]),
        "ready": len(wait["ready"]),
        "target_b_s": target_seconds(delay),
        "expected_a_s": count * float(delay),
    }
    figures["b_loop_and_wait_s"] = figures["b_loop_s"] + figures["b_wait_s"]
    figures["speedup"] = figures["a_wait_true_s"] / figures["b_loop_and_wait_s"]
    figures["met"] = figures["b_loop_and_wait_s"] <= figures["target_b_s"] and figures["ready"] == count
    return figures


def report(figures: Dict[str, Any]) -> str:
    lines = [
        "parallel provisioning: %d RDS creates, ready delay D = %.1f s, poll interval %.1f s"
        % (figures["count"], figures["delay_s"], figures["poll_interval_s"]),
        "  (a) loop with wait: true            %7.2f s   (expected about count x D = %.1f s; playbook %.2f s)"
        % (figures["a_wait_true_s"], figures["expected_a_s"], figures["a_playbook_s"]),
        "  (b) loop with wait: false           %7.2f s" % figures["b_loop_s"],
        "      + one instance_wait             %7.2f s   (%d polls, %d requests)"
        % (figures["b_wait_s"], figures["wait_polls"], figures["wait_requests"]),
        "      = together                      %7.2f s   (playbook %.2f s)" % (figures["b_loop_and_wait_s"], figures["b_playbook_s"]),
        "  target (b) <= %.1f x D + %.0f s = %.1f s: %s;  (a) / (b) = %.1fx"
        % (TARGET_FACTOR, TARGET_SLACK, figures["target_b_s"], "met" if figures["met"] else "NOT met", figures["speedup"]),
    ]
    return "\n".join(lines)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--count", type=int, default=10, help="instances per loop (default 10)")
    parser.add_argument("--delay", type=float, default=5.0, help="emulator ready delay D in seconds (default 5)")
    parser.add_argument("--poll-interval", type=float, default=1.0, help="poll_interval of both plays (default 1)")
    options = parser.parse_args(argv)
    ensure_collection_link()
    workdir = Path(tempfile.mkdtemp(prefix="dbaas-parallel-"))
    emulator = Emulator(workdir / "emulator", ready_delay=options.delay)
    try:
        figures = measure(emulator, Ansible(emulator, workdir), count=options.count, delay=options.delay, poll_interval=options.poll_interval)
    finally:
        emulator.stop()
    print(report(figures))
    return 0 if figures["met"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
