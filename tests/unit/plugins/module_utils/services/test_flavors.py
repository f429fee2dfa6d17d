# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_flavor_info, rds_engine_info, dds_flavor_info, gauss_flavor_info: one read each, the API's filters sent as
query parameters, the others applied to the answer, malformed answers refused (mocked HTTP)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import flavors

PID = "0123456789abcdef0123456789abcdef"
RDS = "https://rds.example.test/v3/%s" % PID
DDS = "https://dds.example.test/v3.1/%s/flavors" % PID
GAUSS = "https://gaussdb.example.test/v3/%s/flavors" % PID
AUTH = {"region": "eu-de", "project_id": PID, "access_key": "AK-UNIT", "secret_key": "SK-UNIT",
        "endpoints": {"rds": "https://rds.example.test", "dds": "https://dds.example.test", "gaussdb": "https://gaussdb.example.test"}}
ON_SALE = {"eu-de-01": "normal", "eu-de-02": "sellout"}


def client():
    return Client(ClientConfig(AUTH))


def queries(rsps):
    return [dict(parse_qsl(urlsplit(call.request.url).query)) for call in rsps.calls]


def rds_flavor(code, mode, zones=None):
    return {"vcpus": "2", "ram": 8, "spec_code": code, "instance_mode": mode, "az_status": zones or ON_SALE, "version_name": ["8.0"]}


# RDS --------------------------------------------------------------------------------------------------------------
@responses.activate
def test_rds_flavors_one_read_filtered_by_mode_and_zone():
    responses.add(responses.GET, RDS + "/flavors/MySQL", json={"flavors": [
        rds_flavor("rds.mysql.s1.large", "single"), rds_flavor("rds.mysql.s1.large.ha", "ha"),
        rds_flavor("rds.mysql.s1.xlarge.ha", "ha", {"eu-de-01": "sellout"}), rds_flavor("rds.mysql.s1.large.rr", "replica")]})
    found = flavors.rds_flavors(client(), {"engine": "mysql", "engine_version": "8.0", "instance_mode": "ha", "availability_zone": "eu-de-01"})
    assert [flavor["spec_code"] for flavor in found] == ["rds.mysql.s1.large.ha"]
    assert len(responses.calls) == 1
    assert queries(responses) == [{"version_name": "8.0"}]


@responses.activate
def test_rds_flavor_is_sent_as_spec_code_and_the_engine_names_the_path():
    responses.add(responses.GET, RDS + "/flavors/SQLServer", json={"flavors": [rds_flavor("rds.mssql.ee.s3.large.ha", "ha")]})
    found = flavors.rds_flavors(client(), {"engine": "sqlserver", "flavor": "rds.mssql.ee.s3.large.ha"})
    assert [flavor["spec_code"] for flavor in found] == ["rds.mssql.ee.s3.large.ha"]
    assert queries(responses) == [{"spec_code": "rds.mssql.ee.s3.large.ha"}]


@responses.activate
def test_rds_engines_one_read_per_engine():
    for database in ("MySQL", "PostgreSQL", "SQLServer"):
        responses.add(responses.GET, RDS + "/datastores/" + database, json={"dataStores": [{"id": database + "-1", "name": "v1"}]})
    one = flavors.rds_engines(client(), {"engine": "postgresql"})
    assert one == [{"engine": "postgresql", "datastore": "PostgreSQL", "versions": [{"id": "PostgreSQL-1", "name": "v1"}]}]
    assert len(responses.calls) == 1
    every = flavors.rds_engines(client(), {"engine": None})
    assert [entry["engine"] for entry in every] == ["mysql", "postgresql", "sqlserver"]
    assert len(responses.calls) == 4


@pytest.mark.parametrize("answer", [{}, {"dataStores": {"name": "8.0"}}, {"dataStores": [{"id": "x"}]}])
@responses.activate
def test_a_malformed_datastore_answer_is_an_error(answer):
    responses.add(responses.GET, RDS + "/datastores/MySQL", json=answer)
    with pytest.raises(DbaasError):
        flavors.rds_engines(client(), {"engine": "mysql"})


@pytest.mark.parametrize("answer", [{}, {"flavors": None}, {"flavors": [{"vcpus": "2"}]}, {"flavors": ["rds.mysql.s1.large"]}])
@responses.activate
def test_a_malformed_flavor_answer_is_an_error(answer):
    responses.add(responses.GET, RDS + "/flavors/MySQL", json=answer)
    with pytest.raises(DbaasError):
        flavors.rds_flavors(client(), {"engine": "mysql"})


# DDS --------------------------------------------------------------------------------------------------------------
def dds_flavor(code, node_type):
    return {"engine_name": "DDS-Community", "type": node_type, "vcpus": "2", "ram": "8", "spec_code": code,
            "az_status": dict(ON_SALE), "engine_versions": ["4.0"]}


@responses.activate
def test_dds_flavors_one_read_filtered_by_type_flavor_and_zone():
    responses.add(responses.GET, DDS, json={"total_count": 3, "flavors": [
        dds_flavor("dds.mongodb.s6.large.4.mongos", "mongos"), dds_flavor("dds.mongodb.s6.large.4.repset", "replica"),
        dict(dds_flavor("dds.mongodb.s6.xlarge.4.repset", "replica"), az_status={"eu-de-01": "unsupported"})]})
    found = flavors.dds_flavors(client(), {"engine_version": "4.0", "type": "replica", "availability_zone": "eu-de-01"})
    assert [flavor["spec_code"] for flavor in found] == ["dds.mongodb.s6.large.4.repset"]
    assert queries(responses) == [{"engine_name": "DDS-Community", "engine_version": "4.0", "offset": "0", "limit": "100"}]


@responses.activate
def test_dds_flavors_past_one_page():
    first = [dds_flavor("dds.mongodb.s6.f%d.4.shard" % index, "shard") for index in range(100)]
    responses.add(responses.GET, DDS, json={"total_count": 101, "flavors": first})
    responses.add(responses.GET, DDS, json={"total_count": 101, "flavors": [dds_flavor("dds.mongodb.s6.last.4.shard", "shard")]})
    found = flavors.dds_flavors(client(), {"flavor": "dds.mongodb.s6.last.4.shard"})
    assert [flavor["spec_code"] for flavor in found] == ["dds.mongodb.s6.last.4.shard"]
    assert [query["offset"] for query in queries(responses)] == ["0", "100"]


# GaussDB ----------------------------------------------------------------------------------------------------------
@responses.activate
def test_gauss_flavors_send_their_filters_and_read_total():
    responses.add(responses.GET, GAUSS, json={"total": 2, "flavors": [
        {"vcpus": "8", "ram": "64", "spec_code": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", "version": "2.7", "az_status": ON_SALE,
         "availability_zone": ["eu-de-01", "eu-de-02"], "name": "GaussDB", "group_type": "normal2"},
        {"vcpus": "8", "ram": "64", "spec_code": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", "version": "2.7",
         "az_status": {"eu-de-02": "normal"}, "availability_zone": ["eu-de-02"]}]})
    found = flavors.gauss_flavors(client(), {"engine_version": "2.7", "ha_mode": "enterprise", "flavor": None, "availability_zone": "eu-de-01"})
    assert len(found) == 1 and found[0]["az_status"] == ON_SALE
    assert queries(responses) == [{"version": "2.7", "ha_mode": "enterprise", "offset": "0", "limit": "100"}]
    assert len(responses.calls) == 1
