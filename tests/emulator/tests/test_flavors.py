"""Emulator: RDS v3 ListFlavors and ListDatastores, DDS ListFlavorInfos (v3.1), GaussDB ListFlavors."""
from __future__ import annotations

import pytest

from tests.emulator.tests.test_gauss_dds import PID, Api

RDS = f"/rds/v3/{PID}"
ZONES = {"eu-de-01": "normal", "eu-de-02": "normal", "eu-de-03": "normal"}


@pytest.fixture(name="api")
def fixture_api() -> Api:
    return Api()


def test_rds_flavors_of_an_engine_version_and_spec_code(api):
    answer = api.call("GET", f"{RDS}/flavors/MySQL").json
    modes = {flavor["instance_mode"] for flavor in answer["flavors"]}
    assert modes == {"single", "ha", "replica"}
    single = next(flavor for flavor in answer["flavors"] if flavor["spec_code"] == "rds.mysql.s1.large")
    assert single["vcpus"] == "2" and single["ram"] == 8 and single["az_status"] == ZONES and "8.0" in single["version_name"]
    one = api.call("GET", f"{RDS}/flavors/mysql", query_string={"version_name": "8.0", "spec_code": "rds.mysql.s1.large.ha"}).json
    assert [flavor["spec_code"] for flavor in one["flavors"]] == ["rds.mysql.s1.large.ha"]
    assert api.call("GET", f"{RDS}/flavors/postgresql", query_string={"version_name": "5.7"}).json == {"flavors": []}
    wrong = api.call("GET", f"{RDS}/flavors/oracle")
    assert wrong.status_code == 400 and wrong.json["error_code"] == "DBS.280001"


def test_sql_server_pairs_and_replicas_are_enterprise_edition_only(api):
    flavors = api.call("GET", f"{RDS}/flavors/SQLServer", query_string={"version_name": "2019_SE"}).json["flavors"]
    assert {flavor["instance_mode"] for flavor in flavors} == {"single"}


def test_rds_datastores(api):
    answer = api.call("GET", f"{RDS}/datastores/PostgreSQL").json
    assert [store["name"] for store in answer["dataStores"]] == ["9.5", "9.6", "10", "11", "12", "13", "14", "15"]
    assert all(len(store["id"]) == 32 for store in answer["dataStores"])


def test_dds_flavor_infos_paged_and_filtered(api):
    path = f"/dds/v3.1/{PID}/flavors"
    everything = api.call("GET", path, query_string={"engine_name": "DDS-Community"}).json
    assert everything["total_count"] == len(everything["flavors"]) > 10
    assert {flavor["type"] for flavor in everything["flavors"]} == {"mongos", "shard", "config", "replica", "single"}
    replica = next(flavor for flavor in everything["flavors"] if flavor["spec_code"] == "dds.mongodb.s6.large.4.repset")
    assert replica["az_status"]["eu-de-01,eu-de-02,eu-de-03"] == "normal" and replica["ram"] == "8"
    page = api.call("GET", path, query_string={"offset": 2, "limit": 3}).json
    assert page["total_count"] == everything["total_count"] and page["flavors"] == everything["flavors"][2:5]
    five = api.call("GET", path, query_string={"engine_version": "5.0"}).json["flavors"]
    assert "single" not in {flavor["type"] for flavor in five}
    assert api.call("GET", path, query_string={"engine_name": "MongoDB"}).status_code == 400


def test_gauss_flavors(api):
    path = f"/gaussdb/v3/{PID}/flavors"
    everything = api.call("GET", path).json
    assert everything["total"] == len(everything["flavors"])
    distributed = api.call("GET", path, query_string={"ha_mode": "enterprise", "version": "2.7"}).json["flavors"]
    assert {flavor["spec_code"] for flavor in distributed} >= {"gaussdb.opengauss.ee.dn.m6.2xlarge.8.in"}
    assert all(flavor["version"] == "2.7" and flavor["spec_code"].endswith(".in") for flavor in distributed)
    assert api.call("GET", path, query_string={"ha_mode": "single"}).status_code == 400
