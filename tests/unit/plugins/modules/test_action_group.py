# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""meta/runtime.yml: the module_defaults group hwcloud.dbaas.dbaas holds every module, and every module takes the group's options."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[4]
MODULES = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if not path.stem.startswith("_"))


def group():
    runtime = yaml.safe_load((REPO / "meta" / "runtime.yml").read_text(encoding="utf-8"))
    return runtime["action_groups"]["dbaas"]


def test_every_module_is_in_the_group():
    assert sorted(set(MODULES) - set(group())) == []


def test_the_group_names_only_existing_modules_once():
    assert sorted(set(group()) - set(MODULES)) == []
    assert len(group()) == len(set(group()))


@pytest.mark.parametrize("name", MODULES)
def test_every_module_uses_the_common_options(name):
    """module_defaults hands the group's auth and wait options to each module, so each module must accept them."""
    source = (REPO / "plugins" / "modules" / (name + ".py")).read_text(encoding="utf-8")
    assert "DbaasModule(" in source, name
    documented = yaml.safe_load(importlib.import_module("ansible_collections.hwcloud.dbaas.plugins.modules." + name).DOCUMENTATION)
    fragments = documented.get("extends_documentation_fragment") or []
    assert "hwcloud.dbaas.auth" in fragments, name
