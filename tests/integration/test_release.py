# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Release check: build the collection from the files git knows (as a clean clone has them) plus stray files that
a developer's checkout typically holds, check the tarball's exact file list against the allow-list of galaxy.yml
(`manifest:`), install it into a fresh path and run a playbook from the installed copy against the emulator."""

from __future__ import annotations

import fnmatch
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
GALAXY = yaml.safe_load((REPO / "galaxy.yml").read_text(encoding="utf-8"))
TARBALL_NAME = "%s-%s-%s.tar.gz" % (GALAXY["namespace"], GALAXY["name"], GALAXY["version"])
SUMMARY = REPO / "build" / "release" / "summary.txt"

# What a user of the collection gets, written out independently of the directives in galaxy.yml: single files, and
# (directory, suffixes) pairs. No file or directory whose name starts with a dot, no __pycache__, in any of them.
SHIPPED_FILES = {"galaxy.yml", "README.md", "COPYING", "requirements.txt", "CHANGELOG.rst", "changelogs/changelog.yaml",
                 "changelogs/config.yaml", "examples/site.yml"}
SHIPPED_TREES = (("LICENSES/", (".txt",)), ("meta/", (".yml",)), ("plugins/", (".py",)), ("roles/", (".yml", ".md")),
                 ("docs/", (".md", ".rst", ".yml")), ("extensions/awx/", (".yml", ".md")))
# Added by ansible-galaxy.
GENERATED = {"MANIFEST.json", "FILES.json"}
# The top level of the tarball: exactly these (CHANGELOG.rst once a release is recorded).
TOP_LEVEL = {"MANIFEST.json", "FILES.json", "galaxy.yml", "README.md", "COPYING", "LICENSES", "requirements.txt", "meta",
             "plugins", "roles", "docs", "changelogs", "extensions", "examples"}
# A few files a user needs, by name.
REQUIRED = {"README.md", "COPYING", "requirements.txt", "meta/runtime.yml", "meta/execution-environment.yml",
            "changelogs/changelog.yaml", "changelogs/config.yaml", "docs/README.md", "docs/user-guide.md",
            "docs/docsite/links.yml", "docs/docsite/extra-docs.yml", "docs/docsite/rst/user-guide.rst", "examples/site.yml",
            "roles/database_tier/README.md",
            "roles/database_tier/defaults/main.yml", "roles/database_tier/meta/argument_specs.yml",
            "roles/database_tier/tasks/main.yml", "extensions/awx/credential_type.yml", "extensions/awx/execution-environment.yml",
            "extensions/awx/execution-environment-local.yml"}

# Files that a developer's checkout holds besides the sources: local credentials, editor settings, build output,
# virtual environments, caches, test output. Seeded into the staged copy before the build; none may be shipped.
STRAYS = (
    "clouds.yaml", "secure.yaml", ".env", "roles/database_tier/.env", ".idea/workspace.xml", ".idea/x.xml",
    ".vscode/settings.json", "changelogs/.plugin-cache.yaml", "changelogs/fragments/stray.yml", "build/x.txt",
    "build/collections/ansible_collections/hwcloud/dbaas/README.md", ".venv/bin/python3.txt", ".venv/pyvenv.cfg",
    "__pycache__/x.pyc", "plugins/modules/__pycache__/rds_instance.cpython-311.pyc", "plugins/module_utils/auth.pyc",
    "tests/output/junit/x.xml", "docs/.DS_Store", "docs/user-guide.md~", "plugins/modules/.rds_instance.py.swp",
    "hwcloud-dbaas-0.9.0.tar.gz", ".ansible/collections/x.yml", ".pytest_cache/v/cache/nodeids", "extensions/awx/.credentials.yml",
    "roles/database_tier/tasks/main.yml.orig", "meta/notes.txt",
)


def run(command: list, env: dict | None = None, cwd: Path = REPO, timeout: int = 300) -> subprocess.CompletedProcess:
    completed = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                               check=False)
    assert completed.returncode == 0, "%s\n%s%s" % (command, completed.stdout, completed.stderr)
    return completed


def source_files() -> list:
    """The files a clean clone has: tracked, plus new files not ignored (the work tree before its commit)."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]).stdout.split("\0")
    return sorted(name for name in listed if name and os.path.isfile(REPO / name))


def shipped(name: str) -> bool:
    """Whether the allow-list ships the file NAME (a path relative to the collection root)."""
    parts = name.split("/")
    if any(part.startswith(".") or part == "__pycache__" for part in parts):
        return False
    if name in SHIPPED_FILES:
        return True
    return any(name.startswith(tree) and name.endswith(suffixes) and not fnmatch.fnmatch(parts[-1], "*~")
               for tree, suffixes in SHIPPED_TREES)


@pytest.fixture(scope="module")
def release_dir(tmp_path_factory) -> Path:
    """A directory of this test module's own (pytest-xdist may run the module in two workers at once)."""
    return tmp_path_factory.mktemp("release")


@pytest.fixture(scope="module")
def stage(release_dir) -> Path:
    """The files git knows, copied into .../ansible_collections/hwcloud/dbaas, plus the stray files."""
    staged = release_dir / "stage" / "ansible_collections" / GALAXY["namespace"] / GALAXY["name"]
    run([sys.executable, "tests/tools/stage_collection.py", REPO, staged])
    for stray in STRAYS:
        path = staged / stray
        assert not path.exists(), "%s is a source file, not a stray one" % stray
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("stray file: must not be shipped\n", encoding="utf-8")
    return staged


@pytest.fixture(scope="module")
def tarball(stage, release_dir) -> Path:
    output = release_dir / "dist"
    run([BIN / "ansible-galaxy", "collection", "build", stage, "--output-path", output])
    built = output / TARBALL_NAME
    assert built.is_file()
    return built


@pytest.fixture(scope="module")
def members(tarball) -> set:
    with tarfile.open(tarball) as archive:
        files = {member.name for member in archive.getmembers() if member.isfile()}
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    size = tarball.stat().st_size
    SUMMARY.write_text("%s: %d files, %d bytes (%.1f KiB)\n" % (tarball.name, len(files), size, size / 1024), encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def installed(tarball, release_dir) -> Path:
    install = release_dir / "install"
    # ansible-galaxy skips a collection it finds installed anywhere on its collection paths (the build/collections
    # link of the work tree among them): it gets only the fresh path, and --force.
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(install), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false")
    run([BIN / "ansible-galaxy", "collection", "install", "--offline", "--force", "-p", install, tarball], env=env)
    path = install / "ansible_collections" / GALAXY["namespace"] / GALAXY["name"]
    assert (path / "MANIFEST.json").is_file()
    return path


def test_tarball_ships_exactly_the_allow_list(members):
    expected = {name for name in source_files() if shipped(name)} | GENERATED
    assert sorted(members - expected) == [], "shipped but not on the allow-list"
    assert sorted(expected - members) == [], "on the allow-list but not shipped"


def test_tarball_leaves_every_stray_file_out(members):
    assert sorted(set(STRAYS) & members) == []
    for name in members:
        parts = name.split("/")
        assert not any(part.startswith(".") for part in parts), name
        assert parts[0] not in {"tests", "build", ".venv", "venv", ".ci", "Makefile", "requirements-dev.txt"}, name
        assert "__pycache__" not in parts and not name.endswith((".pyc", ".tar.gz", ".log", "~")), name
        assert not name.startswith(("extensions/molecule/", "changelogs/fragments/")), name


def test_tarball_top_level_and_required_files(members):
    top = {name.split("/")[0] for name in members}
    expected_top = TOP_LEVEL | ({"CHANGELOG.rst"} if (REPO / "CHANGELOG.rst").is_file() else set())
    assert top == expected_top
    assert sorted(REQUIRED - members) == []
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
    assert listed == members - GENERATED


def test_installed_copy_runs_a_playbook_against_the_emulator(installed, cloud, tmp_path):
    install = installed.parents[2]
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HW_", "OS_", "ANSIBLE_"))}
    env.update({
        # Only the installed copy: no build/collections link, no collections next to the playbook or in site-packages.
        "ANSIBLE_COLLECTIONS_PATH": str(install),
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
        "HW_ACCESS_KEY": ACCESS_KEY, "HW_SECRET_KEY": SECRET_KEY, "HW_PROJECT_ID": PROJECT_ID, "HW_REGION_NAME": REGION,
        "HW_ENDPOINTS": json.dumps(cloud.endpoints()), "HW_TOKEN_CACHE": str(tmp_path / "token-cache"),
    })
    listed = run([BIN / "ansible-galaxy", "collection", "list", "hwcloud.dbaas", "--format", "json"], env=env, cwd=tmp_path)
    assert list(json.loads(listed.stdout)) == [str(install / "ansible_collections")], listed.stdout
    doc = run([BIN / "ansible-doc", "-t", "module", "hwcloud.dbaas.rds_instance"], env=env, cwd=tmp_path)
    assert str(installed / "plugins" / "modules" / "rds_instance.py") in doc.stdout

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
    found = run([BIN / "ansible-builder", "introspect", installed.parents[2]])
    assert "requests" in yaml.safe_load(found.stdout)["python"][0]


# --- The changelog of the release ---

CHANGELOG = yaml.safe_load((REPO / "changelogs" / "changelog.yaml").read_text(encoding="utf-8"))
# A first release has nothing released before it to break, fix or secure.
NOT_IN_A_FIRST_RELEASE = ("breaking_changes", "security_fixes", "bugfixes", "deprecated_features", "removed_features")


def antsibull_changelog(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH="%s%s%s" % (BIN, os.pathsep, os.environ.get("PATH", "")))
    return run([BIN / "antsibull-changelog", *args], env=env, cwd=cwd)


def test_changelog_records_the_release_of_galaxy_yml_version():
    releases = CHANGELOG["releases"]
    assert GALAXY["version"] in releases, sorted(releases)
    first = releases[sorted(releases, key=lambda version: tuple(int(part) for part in version.split(".")))[0]]
    assert first["changes"].get("release_summary")
    assert [section for section in NOT_IN_A_FIRST_RELEASE if first["changes"].get(section)] == []
    modules = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if path.stem != "__init__")
    roles = sorted(path.parent.parent.name for path in (REPO / "roles").glob("*/meta/argument_specs.yml"))
    assert sorted(entry["name"] for entry in first["modules"]) == modules
    assert sorted(entry["name"] for entry in first["objects"]["role"]) == roles
    for fragment in first["fragments"]:
        assert (REPO / "changelogs" / "fragments" / fragment).is_file(), "keep_fragments: %s was removed" % fragment


def test_changelog_rst_is_generated_from_changelog_yaml(stage):
    """CHANGELOG.rst is what `antsibull-changelog generate` writes from changelogs/changelog.yaml."""
    antsibull_changelog("generate", cwd=stage)
    assert (stage / "CHANGELOG.rst").read_text(encoding="utf-8") == (REPO / "CHANGELOG.rst").read_text(encoding="utf-8")


def test_fragments_written_after_the_release_still_lint(tmp_path):
    copy = tmp_path / "ansible_collections" / GALAXY["namespace"] / GALAXY["name"]
    shutil.copytree(REPO / "changelogs", copy / "changelogs", ignore=shutil.ignore_patterns(".plugin-cache.yaml"))
    shutil.copy(REPO / "galaxy.yml", copy / "galaxy.yml")
    (copy / "changelogs" / "fragments" / "after-the-release.yml").write_text(
        "---\nminor_changes:\n  - rds_instance - a change made after the release.\n", encoding="utf-8")
    antsibull_changelog("lint", cwd=copy)
