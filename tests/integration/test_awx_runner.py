# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""examples/site.yml run the way AWX runs a job: ansible-runner, with the environment that the custom credential
type of extensions/awx/credential_type.yml injects, against the emulator."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import ansible_runner
import pytest
import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tests.integration.harness import (ACCESS_KEY, COLLECTIONS, DOMAIN_NAME, PROJECT_ID, REGION, REPO, SECRET_KEY, USER_NAME,
                                       USER_PASSWORD)

CREDENTIAL_TYPE = REPO / "extensions" / "awx" / "credential_type.yml"
SITE = REPO / "examples" / "site.yml"
DB_PASSWORD = "Awx@Passw0rd42"
PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2hlY2tpbmcgdGhlIGluamVjdG9y\n-----END CERTIFICATE-----\n"


def credential_type() -> dict:
    return yaml.safe_load(CREDENTIAL_TYPE.read_text(encoding="utf-8"))


def inject(inputs: dict, private_dir: Path) -> dict:
    """The environment AWX gives a job for a credential with these inputs.

    As AWX does: the fields' defaults fill what the credential leaves out, each `file` injector is rendered into a
    file of the job's private data directory (`tower.filename.<name>` / `awx.filename.<name>` name it), then each
    `env` injector is rendered in a sandbox.
    """
    kind = credential_type()
    namespace = {field["id"]: field["default"] for field in kind["inputs"]["fields"] if "default" in field}
    namespace.update(inputs)
    jinja = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    files = {}
    for key, template in kind["injectors"].get("file", {}).items():
        name = key.split(".", 1)[1] if key.startswith("template.") else "template"
        path = private_dir / "env" / ("credential_" + name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(jinja.from_string(template).render(**namespace), encoding="utf-8")
        path.chmod(0o600)
        files[name] = str(path)
    namespace["tower"] = namespace["awx"] = {"filename": files}
    return {name: jinja.from_string(template).render(**namespace) for name, template in kind["injectors"]["env"].items()}


def test_credential_type_is_complete():
    kind = credential_type()
    assert kind["kind"] == "cloud"
    fields = {field["id"]: field for field in kind["inputs"]["fields"]}
    assert kind["inputs"]["required"] == ["region"]
    for secret in ("secret_key", "password", "security_token"):
        assert fields[secret].get("secret") is True, secret
    for field in fields.values():
        assert set(field) <= {"id", "label", "type", "secret", "multiline", "choices", "default", "help_text"}, field
        assert field["type"] == "string"
    env = kind["injectors"]["env"]
    assert set(env) == {"HW_PLATFORM", "HW_REGION_NAME", "HW_PROJECT_ID", "HW_PROJECT_NAME", "HW_ACCESS_KEY", "HW_SECRET_KEY",
                        "HW_SECURITY_TOKEN", "HW_USER_NAME", "HW_PASSWORD", "HW_DOMAIN_NAME", "HW_AUTH_URL", "HW_ENDPOINTS", "HW_CA_BUNDLE"}
    # Every variable the credential injects is one the modules read.
    documented = (REPO / "docs" / "auth.md").read_text(encoding="utf-8")
    for name in env:
        assert "`%s`" % name in documented, name


def test_ca_bundle_is_written_to_a_file_only_when_given(tmp_path):
    with_ca = inject({"region": REGION, "ca_bundle": PEM}, tmp_path / "a")
    assert Path(with_ca["HW_CA_BUNDLE"]).read_text(encoding="utf-8") == PEM
    assert Path(with_ca["HW_CA_BUNDLE"]).stat().st_mode & 0o077 == 0
    without = inject({"region": REGION}, tmp_path / "b")
    assert without["HW_CA_BUNDLE"] == ""
    assert without["HW_PLATFORM"] == "" and without["HW_PROJECT_NAME"] == ""  # the platform is inferred from the region
    assert without["HW_ACCESS_KEY"] == "" and without["HW_PASSWORD"] == ""


def run_job(tmp_path: Path, name: str, env: dict) -> ansible_runner.Runner:
    """One AWX-like job: the project holds examples/site.yml, the credential's variables are the job's environment."""
    private = tmp_path / name
    project = private / "project"
    project.mkdir(parents=True)
    shutil.copy(SITE, project / "site.yml")
    envvars = dict(env)
    envvars.update({
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_NOCOLOR": "1",
        "HW_TOKEN_CACHE": str(tmp_path / "token-cache"),
        "DEMO_DB_PASSWORD": DB_PASSWORD,
        # ansible-playbook of this interpreter's environment, as an execution environment has its own.
        "PATH": os.pathsep.join((str(Path(sys.executable).parent), os.environ.get("PATH", ""))),
    })
    return ansible_runner.run(
        private_data_dir=str(private),
        playbook="site.yml",
        inventory={"all": {"hosts": {"localhost": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}},
        envvars=envvars,
        quiet=True,
        timeout=600,
    )


def output(runner: ansible_runner.Runner) -> str:
    """What AWX would store of the job: its stdout and every job event."""
    return stdout(runner) + "".join(json.dumps(event, default=str) for event in runner.events)


def stdout(runner: ansible_runner.Runner) -> str:
    with runner.stdout as handle:
        return handle.read()


@pytest.fixture
def clean_environment(monkeypatch):
    """Only the credential may bring connection settings, as in an AWX job."""
    for name in list(os.environ):
        if name.startswith(("HW_", "OS_")):
            monkeypatch.delenv(name)


def test_site_playbook_through_ansible_runner_with_the_injected_credential(cloud, tmp_path, clean_environment):
    endpoints = json.dumps(cloud.endpoints())
    aksk = inject({"region": REGION, "project_id": PROJECT_ID, "access_key": ACCESS_KEY, "secret_key": SECRET_KEY,
                   "endpoints": endpoints}, tmp_path / "credential-aksk")
    first = run_job(tmp_path, "job-1", aksk)
    assert first.status == "successful", stdout(first)
    assert first.rc == 0
    assert first.stats["changed"].get("localhost", 0) == 2, first.stats
    assert sorted(record["name"] for record in cloud.state("rds")) == ["billing-db", "orders-db"]
    assert {entry["auth"] for entry in cloud.requests()} == {"aksk"}
    assert SECRET_KEY not in output(first) and DB_PASSWORD not in output(first)

    # The second job uses an IAM user credential: same tier, nothing to change.
    cloud.clear_requests()
    password = inject({"platform": "huaweicloud", "region": REGION, "user_name": USER_NAME, "password": USER_PASSWORD,
                       "domain_name": DOMAIN_NAME, "endpoints": endpoints}, tmp_path / "credential-password")
    second = run_job(tmp_path, "job-2", password)
    assert second.status == "successful", stdout(second)
    assert second.stats["changed"].get("localhost", 0) == 0, second.stats
    assert second.stats["ok"]["localhost"] >= 3, second.stats
    log = cloud.requests()
    assert [entry["method"] for entry in log if entry["service"] != "iam"] == ["GET", "GET"], log
    assert {entry["auth"] for entry in log if entry["service"] != "iam"} == {"token"}
    assert USER_PASSWORD not in output(second)
