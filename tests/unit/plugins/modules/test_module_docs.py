# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reference documentation: every returned record and list says what it contains, the modules that return the
same record describe it alike, and every module points at related modules and guides (seealso) that exist."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import pytest
import yaml

REPO = Path(__file__).resolve().parents[4]
MODULES = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if not path.stem.startswith("_"))
DOCSITE_LABEL = "ansible_collections.hwcloud.dbaas.docsite."
# Return values that hold records (an instance, a backup, a flavor, ...) or lists of them.
RECORDS = ("instance", "instances", "backup", "backups", "ready", "failed_instances", "timed_out", "pending", "flavors",
           "engines")
# Modules that return the same record: (module, return value) pairs whose `contains` must agree, but for the keys named.
SAME_RECORD = [
    ((("rds_instance", "instance"), ("rds_replica", "instance"), ("rds_instance_info", "instances")), ("tags",)),
    ((("gauss_restore", "instance"), ("gauss_instance_info", "instances")), ("tags",)),
    ((("dds_instance", "instance"), ("dds_instance_info", "instances")), ()),
    ((("instance_wait", "failed_instances"), ("instance_wait", "timed_out")), ()),
    ((("rds_backup", "backup"), ("rds_backup_info", "backups")), ()),
    ((("dds_backup", "backup"), ("dds_backup_info", "backups")), ()),
    ((("gauss_backup", "backup"), ("gauss_backup_info", "backups")), ()),
]


def module(name: str) -> Any:
    return importlib.import_module("ansible_collections.hwcloud.dbaas.plugins.modules." + name)


def returns(name: str) -> Dict[str, Any]:
    return yaml.safe_load(module(name).RETURN) or {}


def documentation(name: str) -> Dict[str, Any]:
    return yaml.safe_load(module(name).DOCUMENTATION)


def holds_records(spec: Dict[str, Any]) -> bool:
    return spec.get("type") == "dict" or (spec.get("type") == "list" and spec.get("elements") == "dict")


def walk(contains: Dict[str, Any], path: str = "") -> Iterator[Tuple[str, Dict[str, Any]]]:
    for key, spec in contains.items():
        yield path + key, spec
        yield from walk(spec.get("contains") or {}, path + key + ".")


RECORD_VALUES = [(name, key) for name in MODULES for key, spec in returns(name).items() if key in RECORDS and holds_records(spec)]


@pytest.mark.parametrize("name, key", RECORD_VALUES)
def test_every_returned_record_says_what_it_contains(name, key):
    spec = returns(name)[key]
    assert spec.get("contains"), "%s: RETURN %s has no contains" % (name, key)
    for path, inner in walk(spec["contains"]):
        assert inner.get("description") and inner.get("type"), (name, key, path)


def test_the_records_of_the_task_modules_are_described():
    described = set(RECORD_VALUES)
    for pairs, _differ in SAME_RECORD:
        assert set(pairs) <= described, pairs


@pytest.mark.parametrize("pairs, differ", SAME_RECORD, ids=str)
def test_modules_that_return_the_same_record_describe_it_alike(pairs, differ):
    shapes = []
    for name, key in pairs:
        contains = returns(name)[key]["contains"]
        shapes.append({path: (spec.get("type"), spec.get("elements")) for path, spec in walk(contains)
                       if path.split(".")[0] not in differ})
    assert all(shape == shapes[0] for shape in shapes), pairs


@pytest.mark.parametrize("name", MODULES)
def test_every_module_has_seealso_that_exists(name):
    seealso = documentation(name).get("seealso") or []
    assert seealso, "%s has no seealso" % name
    labels = {DOCSITE_LABEL + path.stem.replace("-", "_") for path in (REPO / "docs" / "docsite" / "rst").glob("*.rst")}
    for entry in seealso:
        if "module" in entry:
            assert entry["module"].startswith("hwcloud.dbaas.") and entry["module"].split(".")[-1] in MODULES, (name, entry)
            assert entry["module"] != "hwcloud.dbaas." + name, (name, entry)
        elif "ref" in entry:
            assert entry["ref"] in labels and entry.get("description"), (name, entry)
        else:
            assert entry.get("link", "").startswith("https://") and entry.get("name") and entry.get("description"), (name, entry)
