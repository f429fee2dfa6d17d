# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Release check: build the collection from the files git knows (as a clean clone has them), check the tarball's
file list, install it into a fresh path and run a playbook from the installed copy against the emulator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from tests.integration.harness import ACCESS_KEY, PROJECT_ID, REGION, REPO, SECRET_KEY

BIN = Path(sys.executable).parent
RELEASE = REPO / "build" / "release"
STAGE = RELEASE / "stage" / "ansible_collections" / "hwcloud" / "dbaas"
INSTALL = REPO / "build" / "install-test"
INSTALLED = INSTALL / "ansible_collections" / "hwcloud" / "dbaas"
GALAXY = yaml.safe_load((REPO / "galaxy.yml").read_text(encoding="utf-8"))
TARBALL = RELEASE / ("%s-%s-%s.tar.gz" % (GALAXY["namespace"], GALAXY["name"], GALAXY["version"]))

# Never in the tarball: development tooling, tests, environments, caches, build output.
FORBIDDEN_TOP = {"tests", ".ci", "Makefile", "requirements-dev.txt", ".ansible-lint", ".gitignore", ".venv", "venv", ".git", "build",
                 ".cache", ".ansible", ".tox", ".pytest_cache", ".mypy_cache", ".benchmarks"}
FORBIDDEN_PARTS = {"__pycache__", ".ansible", ".pytest_cache", ".molecule"}
REQUIRED = {"MANIFEST.json", "FILES.json", "README.md", "COPYING", "requirements.txt", "meta/runtime.yml", "meta/execution-environment.yml",
            "changelogs/changelog.yaml", "changelogs/config.yaml", "docs/README.md", "docs/user-guide.md", "examples/site.yml",
            "roles/database_tier/README.md", "roles/database_tier/defaults/main.yml", "roles/database_tier/meta/argument_specs.yml",
            "roles/database_tier/tasks/main.yml", "extensions/awx/credential_type.yml", "extensions/awx/execution-environment.yml"}
# Every tracked file of these directories is shipped.
SHIPPED_DIRS = ("plugins/", "roles/", "meta/", "docs/", "changelogs/", "examples/", "extensions/awx/", "LICENSES/")


def run(command: list, env: dict | None = None, cwd: Path = REPO, timeout: int = 300) -> subprocess.CompletedProcess:
    completed = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                               check=False)
    assert completed.returncode == 0, "%s\n%s%s" % (command, completed.stdout, completed.stderr)
    return completed


def source_files() -> list:
    """The files a clean clone has: tracked, plus new files not ignored (the work tree before its commit)."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]).stdout.split("\0")
    return sorted(name for name in listed if name and os.path.lexists(REPO / name))


@pytest.fixture(scope="module")
def tarball() -> Path:
    run([sys.executable, "tests/tools/stage_collection.py", REPO, STAGE])
    for stale in RELEASE.glob("*.tar.gz"):
        stale.unlink()
    run([BIN / "ansible-galaxy", "collection", "build", STAGE, "--output-path", RELEASE, "--force"])
    assert TARBALL.is_file()
    return TARBALL


@pytest.fixture(scope="module")
def members(tarball) -> set:
    with tarfile.open(tarball) as archive:
        return {member.name for member in archive.getmembers() if member.isfile()}


@pytest.fixture(scope="module")
def installed(tarball) -> Path:
    shutil.rmtree(INSTALL, ignore_errors=True)
    # ansible-galaxy skips a collection it finds installed anywhere on its collection paths (the build/collections
    # link of the work tree among them): it gets only the fresh path, and --force.
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(INSTALL), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false")
    run([BIN / "ansible-galaxy", "collection", "install", "--offline", "--force", "-p", INSTALL, tarball], env=env)
    assert (INSTALLED / "MANIFEST.json").is_file()
    return INSTALLED


def test_tarball_leaves_development_files_out(members):
    for name in members:
        parts = name.split("/")
        assert parts[0] not in FORBIDDEN_TOP, name
        assert not FORBIDDEN_PARTS & set(parts), name
        assert not name.startswith("extensions/molecule/"), name
        assert not name.endswith((".pyc", ".tar.gz", ".log")), name


def test_tarball_holds_everything_a_user_needs(members):
    assert REQUIRED <= members, sorted(REQUIRED - members)
    tracked = [name for name in source_files() if name.startswith(SHIPPED_DIRS) and "__pycache__" not in name]
    assert tracked
    missing = sorted(set(tracked) - members)
    assert not missing, missing
    modules = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if path.stem != "__init__")
    assert {"plugins/modules/%s.py" % module for module in modules} <= members


def test_manifest_describes_the_collection(tarball, members):
    with tarfile.open(tarball) as archive:
        manifest = json.load(archive.extractfile("MANIFEST.json"))
        files = json.load(archive.extractfile("FILES.json"))
    info = manifest["collection_info"]
    assert (info["namespace"], info["name"], info["version"]) == (GALAXY["namespace"], GALAXY["name"], GALAXY["version"])
    assert info["dependencies"] == {}
    listed = {entry["name"] for entry in files["files"] if entry["ftype"] == "file"}
    assert listed == members - {"MANIFEST.json", "FILES.json"}


def test_installed_copy_runs_a_playbook_against_the_emulator(installed, cloud, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HW_", "OS_", "ANSIBLE_"))}
    env.update({
        # Only the installed copy: no build/collections link, no collections next to the playbook or in site-packages.
        "ANSIBLE_COLLECTIONS_PATH": str(INSTALL),
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
        "HW_ACCESS_KEY": ACCESS_KEY, "HW_SECRET_KEY": SECRET_KEY, "HW_PROJECT_ID": PROJECT_ID, "HW_REGION_NAME": REGION,
        "HW_ENDPOINTS": json.dumps(cloud.endpoints()), "HW_TOKEN_CACHE": str(tmp_path / "token-cache"),
    })
    listed = run([BIN / "ansible-galaxy", "collection", "list", "hwcloud.dbaas", "--format", "json"], env=env, cwd=tmp_path)
    assert list(json.loads(listed.stdout)) == [str(INSTALL / "ansible_collections")], listed.stdout
    doc = run([BIN / "ansible-doc", "-t", "module", "hwcloud.dbaas.rds_instance"], env=env, cwd=tmp_path)
    assert str(INSTALLED / "plugins" / "modules" / "rds_instance.py") in doc.stdout

    playbook = tmp_path / "release-check.yml"
    playbook.write_text(yaml.safe_dump([{
        "name": "Release check", "hosts": "localhost", "gather_facts": False,
        "tasks": [
            {"name": "Tier", "ansible.builtin.include_role": {"name": "hwcloud.dbaas.database_tier"}, "vars": {
                "database_tier_poll_interval": 0.2,
                "database_tier_rds_instances": [{
                    "name": "release-db", "engine": "mysql", "engine_version": "8.0", "flavor": "rds.mysql.s1.large",
                    "volume_type": "ULTRAHIGH", "volume_size": 100, "availability_zone": ["eu-de-01"],
                    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce", "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
                    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5", "password": "Release@Passw0rd"}]}},
            {"name": "Read it back", "hwcloud.dbaas.rds_instance_info": {"name": "release-db"}, "register": "found"},
            {"name": "Check it", "ansible.builtin.assert": {"that": ["found.instances | length == 1", "found.instances[0].status == 'ACTIVE'"]}},
        ],
    }], sort_keys=False), encoding="utf-8")
    command = [BIN / "ansible-playbook", "-i", "localhost,", "-c", "local", playbook]
    first = run(command, env=env, cwd=tmp_path)
    assert "changed=1" in first.stdout, first.stdout
    assert [record["name"] for record in cloud.state("rds")] == ["release-db"]
    second = run(command, env=env, cwd=tmp_path)
    assert "changed=0" in second.stdout and "failed=0" in second.stdout, second.stdout


def test_installed_copy_declares_its_python_requirements(installed):
    found = run([BIN / "ansible-builder", "introspect", INSTALL])
    assert "requests" in yaml.safe_load(found.stdout)["python"][0]
