# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The execution environment definitions (extensions/awx/execution-environment.yml: the collection from Galaxy;
execution-environment-local.yml: from a tarball of this checkout) and the collection's meta/execution-environment.yml,
checked with ansible-builder without a container engine and without network.

`ansible-builder build` needs podman or docker, which this machine does not have: `ansible-builder create` writes
the build context, and the galaxy stage of the local definition is replayed here with the context's own files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.integration.harness import COLLECTIONS, REPO, ensure_collection_link

BIN = Path(sys.executable).parent
BUILDER = str(BIN / "ansible-builder")
GALAXY_EE = REPO / "extensions" / "awx" / "execution-environment.yml"
LOCAL_EE = REPO / "extensions" / "awx" / "execution-environment-local.yml"
GALAXY = yaml.safe_load((REPO / "galaxy.yml").read_text(encoding="utf-8"))
TARBALL = "%s-%s-%s.tar.gz" % (GALAXY["namespace"], GALAXY["name"], GALAXY["version"])
# A base image for execution environments, pinned by a release tag (not latest, not a branch).
BASE_IMAGE = re.compile(r"^[a-z0-9.-]+(/[a-z0-9._-]+)+:v?\d+(\.\d+)+(-\d+)?$")


def offline_env() -> dict:
    """Any download attempt fails: proxies that nobody answers, no package index."""
    env = dict(os.environ)
    dead = "http://127.0.0.1:9"
    env.update({"HTTP_PROXY": dead, "HTTPS_PROXY": dead, "http_proxy": dead, "https_proxy": dead, "NO_PROXY": "", "no_proxy": "",
                "PIP_NO_INDEX": "1"})
    return env


def run(command: list, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    completed = subprocess.run([str(part) for part in command], cwd=cwd, env=env or offline_env(), capture_output=True, text=True,
                               timeout=180, check=False)
    assert completed.returncode == 0, "%s\n%s%s" % (command, completed.stdout, completed.stderr)
    return completed


def definition(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [GALAXY_EE, LOCAL_EE], ids=["galaxy", "local"])
def test_definition_uses_schema_3_on_a_pinned_base_image(path):
    ee = definition(path)
    assert ee["version"] == 3
    image = ee["images"]["base_image"]["name"]
    assert BASE_IMAGE.match(image), image
    # The base image ships ansible-core and ansible-runner; ansible-builder checks them at build time (check_ansible).
    assert "ansible_core" not in ee["dependencies"] and "ansible_runner" not in ee["dependencies"]
    assert not ee.get("options", {}).get("skip_ansible_check")
    assert definition(GALAXY_EE)["images"] == definition(LOCAL_EE)["images"]


def test_galaxy_definition_installs_this_version_from_galaxy():
    collections = definition(GALAXY_EE)["dependencies"]["galaxy"]["collections"]
    assert collections == [{"name": "%s.%s" % (GALAXY["namespace"], GALAXY["name"]), "version": GALAXY["version"]}]


def test_local_definition_installs_the_tarball_of_this_version_offline():
    ee = definition(LOCAL_EE)
    assert ee["additional_build_files"] == [{"src": "../../build/dist/" + TARBALL, "dest": "collections"}]
    assert ee["dependencies"]["galaxy"]["collections"] == [{"name": "collections/" + TARBALL, "type": "file"}]
    assert ee["build_arg_defaults"]["ANSIBLE_GALAXY_CLI_COLLECTION_OPTS"] == "--offline"


def test_builder_create_writes_the_galaxy_build_context_offline(tmp_path):
    context = tmp_path / "context"
    run([BUILDER, "create", "-f", GALAXY_EE, "-c", context, "--output-filename", "Containerfile"])
    containerfile = (context / "Containerfile").read_text(encoding="utf-8")
    assert 'ARG EE_BASE_IMAGE="%s"' % definition(GALAXY_EE)["images"]["base_image"]["name"] in containerfile
    assert "ansible-galaxy collection install" in containerfile
    assert "introspect" in containerfile  # the collection's Python requirements are resolved at build time
    assert "check_ansible" in containerfile  # the base image's ansible-core and ansible-runner are checked
    requirements = yaml.safe_load((context / "_build" / "requirements.yml").read_text(encoding="utf-8"))
    assert requirements == {"collections": [{"name": "hwcloud.dbaas", "version": GALAXY["version"]}]}
    for script in ("assemble", "introspect.py", "check_galaxy", "check_ansible", "entrypoint"):
        assert (context / "_build" / "scripts" / script).is_file(), script


def test_local_build_context_installs_the_collection_without_galaxy(tmp_path):
    """The local definition with a freshly built tarball: the build context holds it, and the galaxy stage's own
    command (in /build, that is _build/, with the definition's --offline) installs it and finds requests."""
    checkout = tmp_path / "checkout"
    definition_copy = checkout / "extensions" / "awx" / LOCAL_EE.name
    definition_copy.parent.mkdir(parents=True)
    shutil.copy(LOCAL_EE, definition_copy)
    run([BIN / "ansible-galaxy", "collection", "build", REPO, "--output-path", checkout / "build" / "dist"])
    context = tmp_path / "context"
    run([BUILDER, "create", "-f", definition_copy, "-c", context, "--output-filename", "Containerfile"])
    containerfile = (context / "Containerfile").read_text(encoding="utf-8")
    assert 'ARG ANSIBLE_GALAXY_CLI_COLLECTION_OPTS="--offline"' in containerfile
    build = context / "_build"
    shipped = build / "collections" / TARBALL
    assert shipped.read_bytes() == (checkout / "build" / "dist" / TARBALL).read_bytes()

    installed = tmp_path / "usr-share-ansible" / "collections"
    env = dict(offline_env(), ANSIBLE_COLLECTIONS_PATH=str(installed), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
               ANSIBLE_GALAXY_DISABLE_GPG_VERIFY="1")
    run([BIN / "ansible-galaxy", "collection", "install", "--offline", "-r", "requirements.yml", "--collections-path", installed],
        cwd=build, env=env)
    manifest = installed / "ansible_collections" / "hwcloud" / "dbaas" / "MANIFEST.json"
    assert '"version": "%s"' % GALAXY["version"] in manifest.read_text(encoding="utf-8")
    found = run([BUILDER, "introspect", installed])
    assert "requests" in yaml.safe_load(found.stdout)["python"][0]


def test_introspection_finds_the_collection_requirements():
    ensure_collection_link()
    meta = yaml.safe_load((REPO / "meta" / "execution-environment.yml").read_text(encoding="utf-8"))
    assert meta["dependencies"] == {"python": "requirements.txt"}
    found = run([BUILDER, "introspect", COLLECTIONS])
    report = yaml.safe_load(found.stdout)
    wanted = [line.strip() for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    assert wanted, "requirements.txt lists no package"
    assert report["python"] == ["%s  # from collection hwcloud.dbaas" % line for line in wanted], report
