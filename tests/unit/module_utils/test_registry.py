# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The service registry is the one place of per-service knowledge: docs, argument specs, the role and the client agree with it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ansible_collections.hwcloud.dbaas.plugins.doc_fragments.rds_api import ModuleDocFragment as RdsApiFragment
from ansible_collections.hwcloud.dbaas.plugins.module_utils import registry
from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import catalog, rds
from ansible_collections.hwcloud.dbaas.plugins.modules import instance_wait, rds_instance, rds_instance_info, rds_replica

ROLE_VARS = Path(__file__).resolve().parents[3] / "roles" / "database_tier" / "vars" / "main.yml"


def documented_choices(module, option):
    options = yaml.safe_load(module.DOCUMENTATION)["options"]
    if option not in options:  # from the RDS API fragment
        options = yaml.safe_load(RdsApiFragment.DOCUMENTATION)["options"]
    return options[option]["choices"]


@pytest.mark.parametrize("module, option, expected", [
    (instance_wait, "service", list(registry.DATABASE_SERVICES)),
    (instance_wait, "api_version", list(registry.API_VERSIONS)),
    (rds_instance, "engine", list(rds.ENGINES)),
    (rds_instance, "api_version", list(registry.API_VERSIONS)),
    (rds_instance_info, "engine", list(rds.ENGINES)),
    (rds_replica, "api_version", list(registry.API_VERSIONS)),
])
def test_documented_choices_are_the_registry(module, option, expected):
    assert documented_choices(module, option) == expected


def test_every_api_version_has_an_adapter_and_every_adapter_a_registry_entry():
    declared = {(name, version) for name, spec in registry.SERVICES.items() for version in spec.api_versions}
    assert set(catalog.ADAPTERS) == declared
    for (name, version), adapter_class in catalog.ADAPTERS.items():
        adapter = catalog.instance_adapter(None, name, version, {"state": "present"})
        assert isinstance(adapter, adapter_class) and adapter.service == name
        assert adapter.ready_statuses == registry.SERVICES[name].ready


def test_the_role_waits_for_every_ready_status_of_the_registry():
    role_vars = yaml.safe_load(ROLE_VARS.read_text(encoding="utf-8"))
    expected = sorted({status for name in registry.DATABASE_SERVICES for status in registry.SERVICES[name].ready})
    assert sorted(role_vars["database_tier_ready_statuses"]) == expected


@pytest.mark.parametrize("cloud, service, url", [
    ("huaweicloud", "gaussdb", "https://gaussdb-opengauss.eu-de.myhuaweicloud.com"),
    ("otc", "gaussdb", "https://gaussdb.eu-de.otc.t-systems.com"),
    ("otc", "iam", "https://iam.eu-de.otc.t-systems.com/v3"),
    ("huaweicloud", "dds", "https://dds.eu-de.myhuaweicloud.com"),
])
def test_endpoints_come_from_the_registry(cloud, service, url):
    assert ClientConfig({"cloud": cloud, "region": "eu-de"}).endpoint(service) == url


@pytest.mark.parametrize("code", sorted(registry.BUSY_CODES))
def test_every_busy_code_is_refused_for_now_and_retryable(code):
    error = ApiError("busy", status=400, code=code)
    assert error.refused_for_now and error.retryable
