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

ROLE_VARS = Path(__file__).resolve().parents[4] / "roles" / "database_tier" / "vars" / "main.yml"


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


@pytest.mark.parametrize("region, auth_url, expected", [
    ("eu-de", None, "otc"),
    ("eu-nl", None, "otc"),
    ("eu-ch2", None, "otc"),
    ("cn-north-4", None, "huaweicloud"),
    ("ap-southeast-1", None, "huaweicloud"),
    ("eu-west-101", None, "huaweicloud"),
    ("cn-north-4", "https://iam.eu-de.otc.t-systems.com/v3", "otc"),
    ("eu-ch2", "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3", "otc"),
    ("eu-de", "https://iam.eu-de.myhuaweicloud.com/v3", "huaweicloud"),
    ("eu-west-101", "https://iam.eu-west-101.myhuaweicloud.eu/v3", "huaweicloud"),
    ("eu-de", "http://127.0.0.1:8999/iam/v3", "otc"),  # a private IAM host leaves the choice to the region
    ("cn-north-4", "https://iam.example.internal/v3", "huaweicloud"),
    ("eu-de", "https://iam.eu-de.otc.t-systems.com.example.org/v3", "otc"),  # not under otc.t-systems.com: the region decides
    (None, "https://iam.eu-nl.otc.t-systems.com/v3", "otc"),
    (None, None, None),
])
def test_the_platform_is_inferred_from_auth_url_then_region(region, auth_url, expected):
    assert registry.infer_platform(region, auth_url) == expected


@pytest.mark.parametrize("params, expected", [
    ({"region": "eu-de"}, "otc"),
    ({"region": "cn-north-4"}, "huaweicloud"),
    ({"region": "eu-de", "platform": "huaweicloud"}, "huaweicloud"),
    ({"region": "cn-north-4", "platform": "otc"}, "otc"),
    ({"region": "cn-north-4", "cloud": "otc"}, "otc"),  # a platform given as cloud, as before 1.0.0
    ({"region": "eu-de", "cloud": "otc-prod"}, "otc"),  # a clouds.yaml entry name says nothing about the platform
    ({"region": "eu-de", "cloud": "huaweicloud", "platform": "otc"}, "otc"),
    ({}, "huaweicloud"),
])
def test_the_platform_of_a_task(params, expected):
    assert registry.platform(params) == expected


@pytest.mark.parametrize("platform, region, service, url", [
    ("otc", "eu-ch2", "rds", "https://rds.eu-ch2.sc.otc.t-systems.com"),
    ("otc", "eu-ch2", "dds", "https://dds.eu-ch2.sc.otc.t-systems.com"),
    ("otc", "eu-ch2", "iam", "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3"),
    ("otc", "eu-nl", "gaussdb", "https://gaussdb.eu-nl.otc.t-systems.com"),
    ("huaweicloud", "eu-west-101", "rds", "https://rds.eu-west-101.myhuaweicloud.eu"),
    ("huaweicloud", "cn-north-4", "gaussdb", "https://gaussdb-opengauss.cn-north-4.myhuaweicloud.com"),
    ("private", "r1", "rds", None),
    ("otc", "eu-de", "unknown", None),
])
def test_default_endpoints_per_region(platform, region, service, url):
    assert registry.default_endpoint(service, platform, region) == url


@pytest.mark.parametrize("region, host", [
    ("eu-de", "rds.eu-de.otc.t-systems.com"),
    ("eu-nl", "rds.eu-nl.otc.t-systems.com"),
    ("eu-ch2", "rds.eu-ch2.sc.otc.t-systems.com"),
    ("cn-north-4", "rds.cn-north-4.myhuaweicloud.com"),
])
def test_the_client_reaches_the_platform_of_the_region(region, host):
    assert ClientConfig({"region": region}).endpoint("rds") == "https://" + host


def test_every_platform_lists_its_regions_and_no_region_twice():
    assert set(registry.REGIONS) == set(registry.CLOUDS)
    assert not set(registry.OTC_REGIONS) & set(registry.HUAWEICLOUD_REGIONS)
    assert all(registry.infer_platform(region) == name for name, regions in registry.REGIONS.items() for region in regions)


@pytest.mark.parametrize("code", sorted(registry.BUSY_CODES))
def test_every_busy_code_is_refused_for_now_and_retryable(code):
    error = ApiError("busy", status=400, code=code)
    assert error.refused_for_now and error.retryable
