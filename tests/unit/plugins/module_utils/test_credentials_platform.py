# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloud names a clouds.yaml entry, platform the endpoints' platform (inferred when unset), and the aliases of
openstack.cloud; cloud: otc / cloud: huaweicloud without such an entry still set the platform, deprecated."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
import yaml

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.hwcloud.dbaas.plugins.doc_fragments.auth import ModuleDocFragment
from ansible_collections.hwcloud.dbaas.plugins.module_utils.credentials import CLOUD_ENVIRONMENT, cloud_candidates, pick_cloud
from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import AUTH_ARGUMENT_SPEC, WAIT_ARGUMENT_SPEC, DbaasModule

from .test_module import Exit, env  # noqa: F401  # pylint: disable=unused-import

REPO = Path(__file__).resolve().parents[4]
MODULES = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if not path.stem.startswith("_"))
INFO_MODULES = [name for name in MODULES if name.endswith("_info")]
WAITING_MODULES = [name for name in MODULES if not name.endswith("_info")]


@pytest.fixture
def make(monkeypatch):
    """A DbaasModule built from task arguments; deprecations are recorded in module.deprecations."""
    deprecations = []

    def exit_json(self, **result):
        raise Exit("exit", result)

    def fail_json(self, **result):
        raise Exit("fail", result)

    def deprecate(self, msg, version=None, date=None, collection_name=None):
        deprecations.append({"msg": msg, "version": version, "collection_name": collection_name})

    monkeypatch.setattr(DbaasModule, "exit_json", exit_json)
    monkeypatch.setattr(DbaasModule, "fail_json", fail_json)
    monkeypatch.setattr(DbaasModule, "deprecate", deprecate)

    def build(args, waits=True):
        deprecations.clear()
        monkeypatch.setattr(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args})))
        monkeypatch.setattr(basic, "_ANSIBLE_PROFILE", "legacy", raising=False)
        module = DbaasModule({"name": {"type": "str"}}, waits=waits)
        module.deprecations = list(deprecations)
        return module
    return build


def clouds_yaml(path, clouds):
    path.write_text(yaml.safe_dump({"clouds": clouds}), encoding="utf-8")
    return str(path)


# which clouds.yaml entry, which platform ------------------------------------------------------------------------
@pytest.mark.parametrize("task, environ, entries, expected", [
    (None, {}, [], (None, None)),
    ("prod", {"OS_CLOUD": "other"}, [], ("prod", None)),
    (None, {"HW_CLOUD": "a", "HW_CLOUD_PROFILE": "b", "OS_CLOUD": "c"}, [], ("a", None)),
    (None, {"HW_CLOUD_PROFILE": "b", "OS_CLOUD": "c"}, [], ("b", None)),
    (None, {"OS_CLOUD": "c"}, [], ("c", None)),
    ("", {"OS_CLOUD": "c"}, [], ("", None)),  # an empty cloud turns an exported OS_CLOUD off
    ("otc", {}, [], (None, ("otc", "task"))),
    ("otc", {}, ["otc"], ("otc", None)),  # a cloud named otc in clouds.yaml is that cloud
    ("otc", {"OS_CLOUD": "prod"}, [], ("prod", ("otc", "task"))),  # platform from the task, entry from the environment
    (None, {"HW_CLOUD": "huaweicloud", "OS_CLOUD": "prod"}, [], ("prod", ("huaweicloud", "environment:HW_CLOUD"))),
    (None, {"HW_CLOUD": "otc"}, ["otc"], ("otc", None)),
])
def test_the_cloud_entry_and_a_platform_given_as_cloud(task, environ, entries, expected):
    assert pick_cloud(cloud_candidates(task, environ), lambda name: name in entries) == expected


def test_the_cloud_variables_in_order():
    assert CLOUD_ENVIRONMENT == ("HW_CLOUD", "HW_CLOUD_PROFILE", "OS_CLOUD")


@pytest.mark.parametrize("args, platform, source", [
    ({"region": "eu-de"}, "otc", "inferred"),
    ({"region": "eu-nl"}, "otc", "inferred"),
    ({"region": "eu-ch2"}, "otc", "inferred"),
    ({"region": "cn-north-4"}, "huaweicloud", "inferred"),
    ({"region": "cn-north-4", "auth_url": "https://iam.eu-de.otc.t-systems.com/v3"}, "otc", "inferred"),
    ({"region": "eu-de", "auth_url": "https://iam.eu-de.myhuaweicloud.com/v3"}, "huaweicloud", "inferred"),
    ({"region": "eu-de", "platform": "huaweicloud"}, "huaweicloud", "task"),
    ({"region_name": "eu-de"}, "otc", "inferred"),
])
def test_the_platform_is_inferred_when_no_source_sets_it(env, make, args, platform, source):
    module = make(dict(args, access_key="AK", secret_key="SK"))
    assert (module.params["platform"], module.option_sources["platform"]) == (platform, source)
    assert module.deprecations == []


def test_hw_platform_sets_the_platform(env, make):
    env.setenv("HW_PLATFORM", "huaweicloud")
    module = make({"region": "eu-de"})
    assert (module.params["platform"], module.option_sources["platform"]) == ("huaweicloud", "environment")
    assert module.client().config.endpoint("rds") == "https://rds.eu-de.myhuaweicloud.com"


def test_the_client_reaches_the_inferred_platform(env, make):
    assert make({"region": "eu-nl"}).client().config.endpoint("dds") == "https://dds.eu-nl.otc.t-systems.com"
    assert make({"region": "ap-southeast-1"}).client().config.endpoint("iam") == "https://iam.ap-southeast-1.myhuaweicloud.com/v3"


# the platform given as cloud: deprecated --------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["otc", "huaweicloud"])
def test_cloud_naming_a_platform_without_such_a_cloud_is_deprecated(env, make, name):
    module = make({"cloud": name, "region": "cn-north-4" if name == "otc" else "eu-de"})
    assert module.params["platform"] == name and module.option_sources["platform"] == "task"
    assert module.deprecations == [{
        "msg": "cloud=%s names the platform; set platform=%s instead. cloud names a cloud of clouds.yaml" % (name, name),
        "version": "2.0.0", "collection_name": "hwcloud.dbaas"}]


def test_the_platform_option_wins_over_a_platform_given_as_cloud(env, make):
    module = make({"cloud": "otc", "platform": "huaweicloud", "region": "eu-de"})
    assert module.params["platform"] == "huaweicloud"
    assert len(module.deprecations) == 1


def test_a_cloud_named_like_a_platform_is_that_cloud(env, make, tmp_path):
    clouds_yaml(tmp_path / "clouds.yaml", {"otc": {"region_name": "eu-nl", "auth": {"auth_url": "https://iam.example.internal/v3"}}})
    module = make({"cloud": "otc"})
    assert module.params["region"] == "eu-nl" and module.option_sources["region"] == "profile"
    assert module.params["platform"] == "otc" and module.option_sources["platform"] == "inferred"
    assert module.deprecations == []


def test_hw_cloud_naming_a_platform_is_deprecated_and_os_cloud_still_names_the_entry(env, make, tmp_path):
    env.setenv("HW_CLOUD", "otc")
    env.setenv("OS_CLOUD", "prod")
    env.setenv("OS_CLIENT_CONFIG_FILE", clouds_yaml(tmp_path / "mine.yaml", {"prod": {"region_name": "cn-north-4"}}))
    module = make({})
    assert (module.params["cloud"], module.params["region"]) == ("prod", "cn-north-4")
    assert (module.params["platform"], module.option_sources["platform"]) == ("otc", "environment")
    assert [entry["msg"] for entry in module.deprecations] == [
        "HW_CLOUD=otc names the platform; set HW_PLATFORM=otc instead. HW_CLOUD names a cloud of clouds.yaml"]


def test_hw_cloud_names_a_clouds_yaml_entry(env, make, tmp_path):
    env.setenv("HW_CLOUD", "prod")
    env.setenv("OS_CLOUD", "ignored")
    env.setenv("OS_CLIENT_CONFIG_FILE", clouds_yaml(tmp_path / "mine.yaml", {"prod": {"region_name": "eu-ch2"}}))
    module = make({})
    assert (module.params["cloud"], module.params["region"], module.params["platform"]) == ("prod", "eu-ch2", "otc")
    assert module.client().config.endpoint("iam") == "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3"


def test_an_unknown_hw_cloud_is_a_missing_clouds_yaml_entry(env, make):
    env.setenv("HW_CLOUD", "azure")
    with pytest.raises(Exit) as raised:
        make({"region": "eu-de"})
    assert raised.value.result["msg"].startswith("cloud: no clouds.yaml found for cloud 'azure'")


# aliases -----------------------------------------------------------------------------------------------------------
def test_the_aliases_of_openstack_cloud(env, make, tmp_path):
    path = clouds_yaml(tmp_path / "clouds.yaml", {"prod": {"region_name": "eu-de", "ak": "AK", "sk": "SK"}})
    module = make({"cloud_profile": "prod", "cloud_profile_file": path, "verify": False, "cacert": "/etc/ssl/ca.pem", "timeout": 42})
    assert module.params["cloud"] == "prod" and module.params["region"] == "eu-de"
    assert module.params["validate_certs"] is False and module.params["ca_bundle"] == "/etc/ssl/ca.pem"
    assert module.params["wait_timeout"] == 42
    assert make({"region_name": "cn-north-4"}).params["region"] == "cn-north-4"


def test_aliases_of_the_argument_spec():
    aliases = {option: spec.get("aliases") for option, spec in dict(AUTH_ARGUMENT_SPEC, **WAIT_ARGUMENT_SPEC).items() if spec.get("aliases")}
    assert aliases == {"cloud": ["cloud_profile"], "region": ["region_name"], "validate_certs": ["verify"], "ca_bundle": ["cacert"],
                       "wait_timeout": ["timeout"]}


def test_the_fragments_document_the_aliases():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    for option, spec in AUTH_ARGUMENT_SPEC.items():
        assert documented[option].get("aliases") == spec.get("aliases"), option
    for fragment in (ModuleDocFragment.WAIT, ModuleDocFragment.WAIT_LONG):
        waits = yaml.safe_load(fragment)["options"]
        assert set(waits) == set(WAIT_ARGUMENT_SPEC)
        assert all(waits[option].get("aliases") == WAIT_ARGUMENT_SPEC[option].get("aliases") for option in waits)


# the read-only modules take no wait options ---------------------------------------------------------------------
@pytest.mark.parametrize("option", sorted(WAIT_ARGUMENT_SPEC) + ["timeout"])
def test_a_read_only_module_refuses_the_wait_options(env, make, option):
    with pytest.raises(Exit) as raised:
        make({"region": "eu-de", option: 10 if option != "wait" else True}, waits=False)
    assert raised.value.kind == "fail" and "Unsupported parameters" in raised.value.result["msg"]


def test_a_read_only_module_retries_for_five_minutes(env, make):
    module = make({"region": "eu-de"}, waits=False)
    assert "wait_timeout" not in module.params
    assert module.deadline() == pytest.approx(module.started + 300)


def documentation(name):
    return yaml.safe_load(importlib.import_module("ansible_collections.hwcloud.dbaas.plugins.modules." + name).DOCUMENTATION)


@pytest.mark.parametrize("name", INFO_MODULES)
def test_info_modules_document_and_accept_no_wait_options(name):
    doc = documentation(name)
    assert not set(doc["options"]) & {"wait", "wait_timeout", "poll_interval"}
    assert not [fragment for fragment in doc["extends_documentation_fragment"] if "WAIT" in fragment]
    source = (REPO / "plugins" / "modules" / (name + ".py")).read_text(encoding="utf-8")
    assert "waits=False" in source


@pytest.mark.parametrize("name", WAITING_MODULES)
def test_modules_that_wait_document_the_wait_options_with_their_alias(name):
    doc = documentation(name)
    fragments = [fragment for fragment in doc["extends_documentation_fragment"] if "WAIT" in fragment]
    if "wait_timeout" in doc["options"]:  # the module's own text wins over the fragment's
        assert doc["options"]["wait_timeout"].get("aliases") == ["timeout"]
    else:
        assert fragments
