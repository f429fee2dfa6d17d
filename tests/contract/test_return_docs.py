# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The keys the modules document under RETURN `contains` are wire names of the SDK's response models (no emulator).

A documented key that no model has is either listed here with its reason or a documentation error."""

from __future__ import annotations

import importlib

import pytest
import yaml

from tests.contract.models import DDS, GAUSSDB, RDS, model_at

# (module, return value, SDK package, response model of one record, keys the SDK model lacks -> why)
DOCUMENTED = [
    ("rds_instance", "instance", RDS, "InstanceResponse", {
        "availability_zone": "the module's summary of nodes[].availability_zone; RDS v3 CreateInstance answers it",
        "tags": "normalized by the module to a key -> value mapping",
    }),
    ("rds_replica", "instance", RDS, "InstanceResponse", {
        "availability_zone": "the module's summary of nodes[].availability_zone; RDS v3 CreateInstance answers it",
        "tags": "normalized by the module to a key -> value mapping",
    }),
    ("rds_instance_info", "instances", RDS, "InstanceResponse", {
        "availability_zone": "the module's summary of nodes[].availability_zone",
        "tags.value": "TagResponse's wire name is value",
    }),
    ("gauss_restore", "instance", GAUSSDB, "ListInstanceResponse", {
        "availability_zone": "the module's summary of nodes[].availability_zone; GaussDB CreateInstance answers it",
        "ha.mode": "GaussDB CreateInstance answers it",
        "tags": "normalized by the module to a key -> value mapping",
    }),
    ("gauss_instance_info", "instances", GAUSSDB, "ListInstanceResponse", {
        "availability_zone": "the module's summary of nodes[].availability_zone",
        "ha.mode": "GaussDB CreateInstance answers it",
    }),
    ("dds_instance", "instance", DDS, "QueryInstanceResponse", {
        "flavor": "the module's summary of groups, in the shape of the create request",
        "availability_zone": "the module's summary of groups[].nodes[].availability_zone; DDS CreateInstance answers it",
        "datastore.storage_engine": "the module's copy of the listed engine; DDS CreateInstance answers it",
    }),
    ("dds_instance_info", "instances", DDS, "QueryInstanceResponse", {
        "flavor": "the module's summary of groups, in the shape of the create request",
        "availability_zone": "the module's summary of groups[].nodes[].availability_zone; DDS CreateInstance answers it",
        "datastore.storage_engine": "the module's copy of the listed engine; DDS CreateInstance answers it",
    }),
    ("gauss_backup_info", "backups", GAUSSDB, "Backups", {}),
    ("gauss_backup", "backup", GAUSSDB, "Backups", {}),
    ("rds_backup", "backup", RDS, "BackupForList", {}),
    ("rds_backup_info", "backups", RDS, "BackupForList", {}),
    ("dds_backup", "backup", DDS, "BackupForList", {}),
    ("dds_backup_info", "backups", DDS, "BackupForList", {}),
]


def documented_paths(contains: dict, path: str = ""):
    for key, spec in contains.items():
        yield path + key
        yield from documented_paths(spec.get("contains") or {}, path + key + ".")


@pytest.mark.parametrize("module, key, package, model, extra", DOCUMENTED, ids=[item[0] for item in DOCUMENTED])
def test_documented_keys_are_wire_names_of_the_sdk_models(module, key, package, model, extra):
    returned = yaml.safe_load(importlib.import_module("ansible_collections.hwcloud.dbaas.plugins.modules." + module).RETURN)
    unknown = []
    for path in documented_paths(returned[key]["contains"]):
        if path in extra or any(path.startswith(prefix + ".") for prefix in extra):
            continue
        cls, leaf = model_at(package, model, path)
        if cls is None:
            continue  # below a free-form object of the model (list[object], a map)
        if leaf not in cls.attribute_map.values():
            unknown.append(path)
    assert not unknown, "%s %s: keys no SDK model %s has: %s" % (module, key, model, unknown)
