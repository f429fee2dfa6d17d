# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dds_instance: the argument spec with its one-hour wait default, and the documentation that describes it."""

from __future__ import annotations

import json

import pytest
import yaml

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.hwcloud.dbaas.plugins.doc_fragments.auth import ModuleDocFragment
from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.modules import dds_instance


@pytest.fixture
def module_args(monkeypatch):
    def set_args(args):
        monkeypatch.setattr(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args})))
        monkeypatch.setattr(basic, "_ANSIBLE_PROFILE", "legacy", raising=False)
    return set_args


def test_wait_timeout_defaults_to_an_hour(module_args):
    module_args({"name": "test-cluster", "region": "eu-de", "state": "absent"})
    module = DbaasModule(dds_instance.ARGUMENT_SPEC, wait_timeout=dds_instance.WAIT_TIMEOUT)
    assert module.params["wait_timeout"] == 3600
    assert module.params["password"] is None


def test_documented_defaults_match_the_argument_spec():
    documented = yaml.safe_load(dds_instance.DOCUMENTATION)
    assert "hwcloud.dbaas.auth.WAIT_LONG" in documented["extends_documentation_fragment"]
    wait_options = yaml.safe_load(ModuleDocFragment.WAIT_LONG)["options"]
    assert wait_options["wait_timeout"]["default"] == dds_instance.WAIT_TIMEOUT
    options = documented["options"]
    assert set(options) == set(dds_instance.ARGUMENT_SPEC)
    for name, spec in dds_instance.ARGUMENT_SPEC.items():
        assert options[name].get("default") == spec.get("default"), name
        assert options[name]["type"] == spec["type"], name
        for sub, sub_spec in (spec.get("options") or {}).items():
            assert options[name]["suboptions"][sub]["type"] == sub_spec["type"], (name, sub)
            assert options[name]["suboptions"][sub].get("required", False) == sub_spec.get("required", False), (name, sub)
    assert dds_instance.ARGUMENT_SPEC["password"]["no_log"] is True


@pytest.mark.parametrize("block", ["EXAMPLES", "RETURN"])
def test_examples_and_return_are_yaml(block):
    assert yaml.safe_load(getattr(dds_instance, block))


def test_one_example_per_mode():
    examples = yaml.safe_load(dds_instance.EXAMPLES)
    modes = [item["hwcloud.dbaas.dds_instance"].get("mode") for item in examples]
    assert {"Sharding", "ReplicaSet", "Single"} <= set(modes)
