# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The execution environment definition (extensions/awx/execution-environment.yml) and the collection's
meta/execution-environment.yml, checked with ansible-builder without a container engine and without network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.integration.harness import COLLECTIONS, REPO, ensure_collection_link

BUILDER = str(Path(sys.executable).parent / "ansible-builder")
DEFINITION = REPO / "extensions" / "awx" / "execution-environment.yml"
CONTEXT = REPO / "build" / "ee"


def offline_env() -> dict:
    """Any download attempt fails: proxies that nobody answers, no package index."""
    env = dict(os.environ)
    dead = "http://127.0.0.1:9"
    env.update({"HTTP_PROXY": dead, "HTTPS_PROXY": dead, "http_proxy": dead, "https_proxy": dead, "NO_PROXY": "", "no_proxy": "",
                "PIP_NO_INDEX": "1"})
    return env


def builder(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([BUILDER, *args], cwd=REPO, env=offline_env(), capture_output=True, text=True, timeout=120, check=False)


def test_definition_uses_schema_3_and_installs_the_collection():
    definition = yaml.safe_load(DEFINITION.read_text(encoding="utf-8"))
    assert definition["version"] == 3
    assert definition["images"]["base_image"]["name"]
    collections = definition["dependencies"]["galaxy"]["collections"]
    assert [entry["name"] for entry in collections] == ["hwcloud.dbaas"]
    assert definition["dependencies"]["ansible_core"]["package_pip"].startswith("ansible-core")
    assert definition["dependencies"]["ansible_runner"]["package_pip"].startswith("ansible-runner")


def test_builder_create_writes_the_build_context_offline():
    shutil.rmtree(CONTEXT, ignore_errors=True)
    created = builder("create", "-f", str(DEFINITION), "-c", str(CONTEXT), "--output-filename", "Containerfile")
    assert created.returncode == 0, created.stdout + created.stderr
    containerfile = (CONTEXT / "Containerfile").read_text(encoding="utf-8")
    assert 'ARG EE_BASE_IMAGE="quay.io/centos/centos:stream9"' in containerfile
    assert "ansible-galaxy collection install" in containerfile
    assert "introspect" in containerfile  # the collection's Python requirements are resolved at build time
    assert "ansible-core>=2.16,<2.20" in containerfile
    requirements = yaml.safe_load((CONTEXT / "_build" / "requirements.yml").read_text(encoding="utf-8"))
    assert requirements == {"collections": [{"name": "hwcloud.dbaas", "version": ">=0.1.0"}]}
    for script in ("assemble", "introspect.py", "check_galaxy", "entrypoint"):
        assert (CONTEXT / "_build" / "scripts" / script).is_file(), script


def test_introspection_finds_the_collection_requirements():
    ensure_collection_link()
    meta = yaml.safe_load((REPO / "meta" / "execution-environment.yml").read_text(encoding="utf-8"))
    assert meta["dependencies"] == {"python": "requirements.txt"}
    found = builder("introspect", str(COLLECTIONS))
    assert found.returncode == 0, found.stdout + found.stderr
    report = yaml.safe_load(found.stdout)
    wanted = [line.strip() for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    assert wanted, "requirements.txt lists no package"
    assert report["python"] == ["%s  # from collection hwcloud.dbaas" % line for line in wanted], report
