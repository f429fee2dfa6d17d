# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The opt-in live tests (tests/integration/targets, `make live`): never run against a real cloud here. Checked are
their aliases, that the runner refuses to start without the settings of a real account, and the playbooks
themselves, end to end, against the emulator (create, converge, delete, clean up)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.integration.harness import ACCESS_KEY, PROJECT_ID, REGION, REPO, SECRET_KEY, ensure_collection_link

TARGETS = ("rds_instance", "rds_replica", "dds_instance", "gauss_restore")
TARGETS_DIR = REPO / "tests" / "integration" / "targets"
RUNNER = REPO / "tests" / "tools" / "live.py"


def clean_env() -> dict:
    return {key: value for key, value in os.environ.items() if not key.startswith(("HW_", "OS_", "ANSIBLE_"))}


def live(env: dict, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RUNNER), *targets], cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
                          check=False)


@pytest.mark.parametrize("target", TARGETS)
def test_live_targets_never_run_in_ci(target):
    aliases = [line.strip() for line in (TARGETS_DIR / target / "aliases").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    assert {"cloud/hwcloud", "unsupported"} <= set(aliases)
    tasks = (TARGETS_DIR / target / "tasks" / "main.yml").read_text(encoding="utf-8")
    assert "  always:" in tasks and "state: absent" in tasks.split("  always:")[1]


def test_runner_refuses_without_an_account():
    completed = live(clean_env())
    assert completed.returncode == 2, completed.stdout + completed.stderr
    for name in ("credentials", "HW_REGION_NAME", "HW_LIVE_VPC_ID", "HW_LIVE_SUBNET_ID", "HW_LIVE_SECURITY_GROUP_ID",
                 "HW_LIVE_AVAILABILITY_ZONE", "HW_LIVE_GAUSS_SOURCE"):
        assert name in completed.stdout, name
    assert "Nothing was run." in completed.stdout
    partial = dict(clean_env(), HW_ACCESS_KEY="ak", HW_SECRET_KEY="sk", HW_REGION_NAME="eu-de", HW_LIVE_VPC_ID="v",
                   HW_LIVE_SUBNET_ID="s", HW_LIVE_SECURITY_GROUP_ID="g", HW_LIVE_AVAILABILITY_ZONE="eu-de-01")
    completed = live(partial, "gauss_restore")
    assert completed.returncode == 2 and "HW_LIVE_GAUSS_SOURCE" in completed.stdout and "credentials" not in completed.stdout


def test_live_playbooks_against_the_emulator(cloud, tmp_path):
    ensure_collection_link()
    cloud.admin("POST", "seed", json={"service": "gaussdb", "region": REGION,
                                      "instances": [{"name": "live-gauss-source", "created_ago": 3600}]})
    env = dict(clean_env(), HW_ACCESS_KEY=ACCESS_KEY, HW_SECRET_KEY=SECRET_KEY, HW_PROJECT_ID=PROJECT_ID, HW_REGION_NAME=REGION,
               HW_ENDPOINTS=json.dumps(cloud.endpoints()), HW_TOKEN_CACHE=str(tmp_path / "token-cache"),
               HW_LIVE_RUN_ID="ci%d" % (os.getpid() % 1000000), HW_LIVE_VPC_ID="490a4a08-ef4b-44c5-94be-3051ef9e4fce",
               HW_LIVE_SUBNET_ID="0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f", HW_LIVE_SECURITY_GROUP_ID="2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
               HW_LIVE_AVAILABILITY_ZONE="eu-de-01", HW_LIVE_REPLICA_AVAILABILITY_ZONE="eu-de-02", HW_LIVE_VOLUME_TYPE="ULTRAHIGH",
               HW_LIVE_RDS_FLAVOR="rds.mysql.s1.large", HW_LIVE_RDS_REPLICA_FLAVOR="rds.mysql.s1.large.rr",
               HW_LIVE_GAUSS_SOURCE="live-gauss-source", HW_LIVE_POLL_INTERVAL="0.2", HW_LIVE_WAIT_TIMEOUT="120",
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_COLLECTIONS_PATH=str(REPO / "build" / "collections"),
               PATH="%s%s%s" % (os.path.dirname(sys.executable), os.pathsep, os.environ.get("PATH", "")))
    completed = live(env)
    assert completed.returncode == 0, completed.stdout + "".join(
        path.read_text(encoding="utf-8")[-4000:] for path in sorted((REPO / "build" / "live" / env["HW_LIVE_RUN_ID"]).glob("*.log")))
    assert "all 4 live test targets passed" in completed.stdout
    # Everything the targets created is gone; the GaussDB source is only read.
    assert cloud.state("rds") == [] and cloud.state("dds") == []
    assert [record["name"] for record in cloud.state("gaussdb")] == ["live-gauss-source"]
