# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SDK's flavor and datastore operations against the emulator's service ports: the paths the SDK clients use
reach the emulator, and its answers parse into the SDK's response models (RDS v3 ListFlavors and ListDatastores,
DDS ListFlavorInfos, GaussDB ListFlavors), the operations the discovery modules read."""

from __future__ import annotations

import pytest

from tests.contract.models import DDS, GAUSSDB, RDS

pytest.importorskip("huaweicloudsdkcore", reason="the Huawei Cloud SDK is installed by requirements-dev.txt")


def test_rds_flavors_and_datastores(sdk, rds_client):
    from huaweicloudsdkrds.v3 import ListDatastoresRequest, ListFlavorsRequest  # pylint: disable=import-outside-toplevel

    flavors, raw = sdk.call("RDS v3 ListFlavors", rds_client.list_flavors, ListFlavorsRequest(database_name="MySQL", version_name="8.0"), RDS)
    assert flavors.flavors and {flavor.instance_mode for flavor in flavors.flavors} == {"single", "ha", "replica"}
    assert all("8.0" in item["version_name"] for item in raw["flavors"])
    one, _raw = sdk.call("RDS v3 ListFlavors", rds_client.list_flavors,
                         ListFlavorsRequest(database_name="postgresql", spec_code="rds.pg.s1.large.ha"), RDS, label="spec_code")
    assert [flavor.spec_code for flavor in one.flavors] == ["rds.pg.s1.large.ha"]
    stores, _raw = sdk.call("RDS v3 ListDatastores", rds_client.list_datastores, ListDatastoresRequest(database_name="SQLServer"), RDS)
    assert "2019_EE" in [store.name for store in stores.data_stores]


def test_dds_flavor_infos(sdk, dds_client):
    from huaweicloudsdkdds.v3 import ListFlavorInfosRequest  # pylint: disable=import-outside-toplevel

    answer, _raw = sdk.call("DDS ListFlavorInfos", dds_client.list_flavor_infos,
                            ListFlavorInfosRequest(engine_name="DDS-Community", engine_version="4.0", offset=0, limit=100), DDS)
    assert answer.total_count == len(answer.flavors) > 0
    assert {flavor.type for flavor in answer.flavors} == {"mongos", "shard", "config", "replica", "single"}


def test_gauss_flavors(sdk, gauss_client):
    from huaweicloudsdkgaussdbforopengauss.v3 import ListFlavorsRequest  # pylint: disable=import-outside-toplevel

    answer, _raw = sdk.call("GaussDB ListFlavors", gauss_client.list_flavors,
                            ListFlavorsRequest(version="2.7", ha_mode="enterprise", offset=0, limit=100), GAUSSDB)
    assert answer.total == len(answer.flavors) > 0
    assert all(flavor.version == "2.7" for flavor in answer.flavors)
