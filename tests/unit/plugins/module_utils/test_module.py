# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DbaasModule: the connection options it hands to the client, where they came from, and what it masks."""

from __future__ import annotations

import json

import pytest
import yaml

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.hwcloud.dbaas.plugins.doc_fragments.auth import ModuleDocFragment
from ansible_collections.hwcloud.dbaas.plugins.module_utils import module as module_utils
from ansible_collections.hwcloud.dbaas.plugins.module_utils.credentials import ENVIRONMENT
from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import AUTH_ARGUMENT_SPEC, DbaasModule

PROFILE = {"clouds": {
    "otc-password": {"profile": "otc", "region_name": "eu-nl",
                     "auth": {"auth_url": "https://iam.eu-nl.otc.t-systems.com/v3", "username": "ops", "password": "Profile-Passw0rd",
                              "user_domain_name": "OTC-DOMAIN", "project_name": "eu-nl"}},
    "aksk": {"region_name": "eu-de", "ak": "PROFILEAK", "sk": "profile-secret-key", "auth": {"project_id": "pid-profile"}},
}}


class Exit(Exception):
    def __init__(self, kind, result):
        super().__init__(kind)
        self.kind = kind
        self.result = result


@pytest.fixture
def env(monkeypatch, tmp_path):
    """No HW_/OS_ variables from the outside; the working directory and home are the test's own."""
    for name in list(__import__("os").environ):
        if name.startswith(("HW_", "OS_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    return monkeypatch


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "clouds.yaml"
    path.write_text(yaml.safe_dump(PROFILE), encoding="utf-8")
    return str(path)


@pytest.fixture
def make(monkeypatch):
    def exit_json(self, **result):
        raise Exit("exit", result)

    def fail_json(self, **result):
        raise Exit("fail", result)

    monkeypatch.setattr(DbaasModule, "exit_json", exit_json)
    monkeypatch.setattr(DbaasModule, "fail_json", fail_json)

    def build(args):
        monkeypatch.setattr(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args})))
        monkeypatch.setattr(basic, "_ANSIBLE_PROFILE", "legacy", raising=False)
        return DbaasModule({"name": {"type": "str"}})
    return build


def test_the_argument_spec_has_no_environment_fallback_for_resolved_options():
    for option in ENVIRONMENT:
        assert "fallback" not in AUTH_ARGUMENT_SPEC[option], option
        assert "default" not in AUTH_ARGUMENT_SPEC[option], option
        assert not AUTH_ARGUMENT_SPEC[option].get("required"), option


def test_the_fragment_documents_the_argument_spec():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    assert set(documented) == set(AUTH_ARGUMENT_SPEC)
    for option, spec in AUTH_ARGUMENT_SPEC.items():
        assert documented[option]["type"] == spec["type"], option
        assert documented[option].get("default") == spec.get("default"), option
        assert documented[option].get("required", False) == spec.get("required", False), option
        assert documented[option].get("choices") == spec.get("choices"), option
        for variable in ENVIRONMENT.get(option, ()):
            assert "E(%s)" % variable in " ".join(documented[option]["description"]), (option, variable)
        if spec.get("no_log"):
            assert option in ("access_key", "secret_key", "security_token", "token", "user_password")


def test_task_options_alone(env, make):
    module = make({"region": "eu-de", "access_key": "TASKAK", "secret_key": "task-sk"})
    assert (module.params["region"], module.params["access_key"], module.params["platform"]) == ("eu-de", "TASKAK", "otc")
    assert module.params["endpoints"] == {}
    assert module.option_sources["region"] == "task" and module.option_sources["platform"] == "inferred"


def test_environment_alone(env, make):
    env.setenv("OS_REGION_NAME", "eu-nl")
    env.setenv("HW_ACCESS_KEY", "ENVAK")
    env.setenv("OS_SECRET_KEY", "env-sk")
    env.setenv("HW_ENDPOINTS", '{"rds": "https://rds.internal"}')
    module = make({})
    assert module.params["region"] == "eu-nl"
    assert (module.params["access_key"], module.params["secret_key"]) == ("ENVAK", "env-sk")
    assert module.params["endpoints"] == {"rds": "https://rds.internal"}
    assert "env-sk" in module.no_log_values


def test_profile_over_environment_and_task_over_profile(env, make, profile_file):
    env.setenv("HW_REGION_NAME", "env-region")
    env.setenv("HW_ACCESS_KEY", "ENVAK")
    env.setenv("HW_SECRET_KEY", "env-sk")
    module = make({"cloud_profile": "otc-password", "cloud_profile_file": profile_file, "user_password": "Task-Passw0rd"})
    params = module.params
    assert params["region"] == "eu-nl" and module.option_sources["region"] == "profile"
    assert params["platform"] == "otc" and params["cloud"] == "otc-password"
    assert (params["user_name"], params["domain_name"], params["project_name"]) == ("ops", "OTC-DOMAIN", "eu-nl")
    assert params["user_password"] == "Task-Passw0rd" and module.option_sources["user_password"] == "task"
    assert params["access_key"] is None and params["secret_key"] is None  # the environment's other method is dropped
    assert params["auth_url"] == "https://iam.eu-nl.otc.t-systems.com/v3"


def test_profile_named_by_os_cloud_and_found_through_os_client_config_file(env, make, profile_file):
    env.setenv("OS_CLOUD", "aksk")
    env.setenv("OS_CLIENT_CONFIG_FILE", profile_file)
    module = make({})
    assert module.params["cloud"] == "aksk"
    assert (module.params["access_key"], module.params["project_id"], module.params["region"]) == ("PROFILEAK", "pid-profile", "eu-de")


def test_hw_cloud_profile_wins_over_os_cloud(env, make, profile_file):
    env.setenv("HW_CLOUD_PROFILE", "aksk")
    env.setenv("OS_CLOUD", "otc-password")
    module = make({"cloud_profile_file": profile_file})
    assert module.params["access_key"] == "PROFILEAK"


def test_profile_secrets_are_masked(env, make, profile_file):
    module = make({"cloud_profile": "aksk", "cloud_profile_file": profile_file})
    assert "profile-secret-key" in module.no_log_values
    assert "PROFILEAK" in module.no_log_values  # no_log in the task's options too
    masked = basic.remove_values({"invocation": {"module_args": dict(module.params)}}, module.no_log_values)
    assert "profile-secret-key" not in json.dumps(masked)


@pytest.mark.parametrize("args, message", [
    ({"cloud_profile": "nope"}, "cloud: no clouds.yaml found for cloud 'nope'"),
    ({"cloud": "nope"}, "cloud: no clouds.yaml found for cloud 'nope'"),
    ({"cloud_profile_file": "/nonexistent/clouds.yaml"}, "cloud: is required with cloud_profile_file"),
    ({"cloud_profile": "aksk", "cloud_profile_file": "/nonexistent/clouds.yaml"}, "cloud_profile_file: /nonexistent/clouds.yaml does not exist"),
    ({}, "region: is required"),
    ({"region": "eu-de", "access_key": "AK"}, "secret_key: is required with access_key (set in the task)"),
])
def test_failures_name_the_option(env, make, args, message):
    with pytest.raises(Exit) as raised:
        make(args)
    assert raised.value.kind == "fail"
    assert raised.value.result["msg"].startswith(message)


def test_a_cloud_name_from_a_profile_is_checked(env, make, tmp_path):
    path = tmp_path / "clouds.yaml"
    path.write_text(yaml.safe_dump({"clouds": {"x": {"region_name": "eu-de", "profile": "otc"}}}), encoding="utf-8")
    env.setenv("HW_PLATFORM", "azure")
    with pytest.raises(Exit) as raised:
        make({})
    assert raised.value.result["msg"].startswith("platform: must be one of huaweicloud, otc (got azure)")
    assert make({"cloud_profile": "x"}).params["platform"] == "otc"


def test_pyyaml_is_needed_only_with_a_profile(env, make, monkeypatch, profile_file):
    monkeypatch.setattr(module_utils, "HAS_YAML", False)
    assert make({"region": "eu-de"}).params["region"] == "eu-de"
    with pytest.raises(Exit) as raised:
        make({"cloud_profile": "aksk", "cloud_profile_file": profile_file})
    assert "PyYAML" in raised.value.result["msg"]


def test_clouds_yaml_in_the_working_directory(env, make, tmp_path):
    (tmp_path / "clouds.yaml").write_text(yaml.safe_dump(PROFILE), encoding="utf-8")
    assert make({"cloud_profile": "aksk"}).params["access_key"] == "PROFILEAK"


def test_an_empty_cloud_profile_turns_an_exported_os_cloud_off(env, make):
    env.setenv("OS_CLOUD", "somewhere-else")
    with pytest.raises(Exit) as raised:
        make({"region": "eu-de"})
    assert raised.value.result["msg"].startswith("cloud: no clouds.yaml found for cloud 'somewhere-else'")
    module = make({"region": "eu-de", "cloud_profile": ""})
    assert module.params["region"] == "eu-de" and module.option_sources["region"] == "task"
