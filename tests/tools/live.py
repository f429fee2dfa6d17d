#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the live tests (tests/integration/targets/TARGET, aliases cloud/hwcloud and unsupported) against a real cloud.

usage: live.py [TARGET ...]        (default: rds_instance rds_replica dds_instance gauss_restore)

They create billed resources: this refuses to start unless the environment names an account, a region and the
network to use (see docs/live-tests.md), and prints what is missing. Each target runs as its own playbook
(ansible-playbook, localhost), one after the other; a failing target does not stop the next one, and each target
deletes what it created in an `always` section. Exit code 0 when every target passed, 1 when one failed, 2 when
the settings are incomplete (nothing was run).
"""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGETS_DIR = REPO / "tests" / "integration" / "targets"
TARGETS = ("rds_instance", "rds_replica", "dds_instance", "gauss_restore")
NETWORK = ("HW_LIVE_VPC_ID", "HW_LIVE_SUBNET_ID", "HW_LIVE_SECURITY_GROUP_ID", "HW_LIVE_AVAILABILITY_ZONE")
# Credentials, as the modules read them from the environment: one complete method.
CREDENTIALS = (("HW_ACCESS_KEY", "HW_SECRET_KEY"), ("OS_ACCESS_KEY", "OS_SECRET_KEY"), ("HW_TOKEN",), ("OS_TOKEN",), ("OS_AUTH_TOKEN",),
               ("HW_USER_NAME", "HW_PASSWORD", "HW_DOMAIN_NAME"), ("OS_USERNAME", "OS_PASSWORD", "OS_USER_DOMAIN_NAME"),
               ("HW_CLOUD_PROFILE",), ("OS_CLOUD",))


def missing_settings(env: dict, targets: list) -> list:
    """What the environment lacks for these targets, as sentences."""
    problems = []
    if not any(all(env.get(name) for name in method) for method in CREDENTIALS):
        problems.append("credentials: HW_ACCESS_KEY and HW_SECRET_KEY, or HW_USER_NAME, HW_PASSWORD and HW_DOMAIN_NAME, "
                        "or HW_TOKEN, or a clouds.yaml profile (HW_CLOUD_PROFILE); the OS_* names work too")
    if not (env.get("HW_REGION_NAME") or env.get("OS_REGION_NAME") or env.get("HW_CLOUD_PROFILE") or env.get("OS_CLOUD")):
        problems.append("region: HW_REGION_NAME (or OS_REGION_NAME), for example eu-de")
    for name in NETWORK:
        if not env.get(name):
            problems.append("%s: the network of the test instances" % name)
    if "gauss_restore" in targets and not env.get("HW_LIVE_GAUSS_SOURCE"):
        problems.append("HW_LIVE_GAUSS_SOURCE: an existing GaussDB (openGauss) instance with a completed backup "
                        "(or leave gauss_restore out: make live LIVE_TARGETS='rds_instance rds_replica dds_instance')")
    password = env.get("HW_LIVE_DB_PASSWORD")
    if password is not None and len(password) < 8:
        problems.append("HW_LIVE_DB_PASSWORD: at least 8 characters (or unset: one is generated)")
    return problems


def generated_password() -> str:
    """A password that the RDS, DDS and GaussDB rules all accept: upper, lower, digits and a special character."""
    body = "".join(map(secrets.choice, [string.ascii_letters + string.digits] * 16))
    return "Lv7-" + body + "x"


def main(argv: list) -> int:
    targets = argv[1:] or list(TARGETS)
    unknown = [target for target in targets if not (TARGETS_DIR / target / "tasks" / "main.yml").is_file()]
    if unknown:
        print("unknown live test target(s): %s (known: %s)" % (", ".join(unknown), ", ".join(TARGETS)))
        return 2
    env = dict(os.environ)
    problems = missing_settings(env, targets)
    if problems:
        print("The live tests create billed resources in a real cloud account and need these settings first "
              "(docs/live-tests.md):")
        for problem in problems:
            print("  - " + problem)
        print("Nothing was run.")
        return 2
    env.setdefault("HW_LIVE_RUN_ID", time.strftime("%m%d%H%M", time.gmtime()) + secrets.choice(string.ascii_lowercase))
    if not env.get("HW_LIVE_DB_PASSWORD"):
        env["HW_LIVE_DB_PASSWORD"] = generated_password()
    env.update({
        "ANSIBLE_ROLES_PATH": str(TARGETS_DIR),
        "ANSIBLE_COLLECTIONS_PATH": env.get("ANSIBLE_COLLECTIONS_PATH") or str(REPO / "build" / "collections"),
        "ANSIBLE_PYTHON_INTERPRETER": env.get("ANSIBLE_PYTHON_INTERPRETER") or sys.executable,
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
    })
    workdir = REPO / "build" / "live" / env["HW_LIVE_RUN_ID"]
    workdir.mkdir(parents=True, exist_ok=True)
    playbook_bin = Path(sys.executable).parent / "ansible-playbook"
    results = []
    region = env.get("HW_REGION_NAME") or env.get("OS_REGION_NAME") or "(profile)"
    print(">> live tests %s, run %s, region %s; logs in %s" % (" ".join(targets), env["HW_LIVE_RUN_ID"], region, workdir.relative_to(REPO)))
    for target in targets:
        playbook = workdir / ("%s.yml" % target)
        playbook.write_text("---\n- name: Live test %s\n  hosts: localhost\n  gather_facts: false\n  roles:\n    - role: %s\n"
                            % (target, target), encoding="utf-8")
        start = time.monotonic()
        with open(workdir / ("%s.log" % target), "w", encoding="utf-8") as log:
            completed = subprocess.run([str(playbook_bin), "-i", "localhost,", "-c", "local", str(playbook)], cwd=REPO, env=env,
                                       stdout=log, stderr=subprocess.STDOUT, check=False)
        seconds = time.monotonic() - start
        status = "PASS" if completed.returncode == 0 else "FAIL"
        results.append((status, target, seconds))
        print("   %s %-14s %6.0fs  (%s)" % (status, target, seconds, (workdir / ("%s.log" % target)).relative_to(REPO)))
    failed = [result[1] for result in results if result[0] != "PASS"]
    if failed:
        print(">> failed: %s. Each target deletes what it created in its always section; check the console for "
              "instances named %s-%s-* all the same." % (", ".join(failed), env.get("HW_LIVE_PREFIX") or "hwdbaas-live",
                                                         env["HW_LIVE_RUN_ID"]))
        return 1
    print(">> all %d live test targets passed" % len(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
