# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_flavor_info, rds_engine_info, dds_flavor_info and gauss_flavor_info through ansible-playbook: one signed read
each (no IAM call with AK/SK), the same in check mode, and a flavor found feeds a create."""

from __future__ import annotations

import pytest

from tests.integration.harness import PROJECT_ID


def reads(cloud) -> list:
    return [(entry["service"], entry["method"], entry["path"], entry["auth"]) for entry in cloud.requests()]


@pytest.mark.parametrize("check", [False, True], ids=["run", "check"])
def test_each_discovery_module_is_one_signed_read(ansible, cloud, check):
    tasks = [
        {"name": "rds", "hwcloud.dbaas.rds_flavor_info": {"engine": "mysql", "engine_version": "8.0", "instance_mode": "ha",
                                                          "availability_zone": "eu-de-01"}},
        {"name": "engine", "hwcloud.dbaas.rds_engine_info": {"engine": "mysql"}},
        {"name": "dds", "hwcloud.dbaas.dds_flavor_info": {"engine_version": "4.0", "type": "replica"}},
        {"name": "gauss", "hwcloud.dbaas.gauss_flavor_info": {"engine_version": "2.7", "ha_mode": "enterprise"}},
    ]
    counts = {}
    for item in tasks:
        cloud.clear_requests()
        run = ansible.run([item], check=check)
        assert run.rc == 0, run.stdout
        counts[item["name"]] = reads(cloud)
        assert run.task(item["name"])["result"]["changed"] is False
    assert counts == {
        "rds": [("rds", "GET", "/rds/v3/%s/flavors/MySQL" % PROJECT_ID, "aksk")],
        "engine": [("rds", "GET", "/rds/v3/%s/datastores/MySQL" % PROJECT_ID, "aksk")],
        "dds": [("dds", "GET", "/dds/v3.1/%s/flavors" % PROJECT_ID, "aksk")],
        "gauss": [("gaussdb", "GET", "/gaussdb/v3/%s/flavors" % PROJECT_ID, "aksk")],
    }


def test_what_the_discovery_modules_return(ansible, cloud):
    run = ansible.run([
        {"name": "rds", "hwcloud.dbaas.rds_flavor_info": {"engine": "mysql", "engine_version": "8.0", "instance_mode": "ha",
                                                          "availability_zone": "eu-de-01"}},
        {"name": "engines", "hwcloud.dbaas.rds_engine_info": {}},
        {"name": "dds", "hwcloud.dbaas.dds_flavor_info": {"engine_version": "4.0", "type": "replica", "availability_zone": "eu-de-02"}},
        {"name": "gauss", "hwcloud.dbaas.gauss_flavor_info": {"ha_mode": "enterprise", "flavor": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in"}},
        {"name": "none", "hwcloud.dbaas.rds_flavor_info": {"engine": "postgresql", "flavor": "rds.pg.no.such.flavor"}},
    ])
    assert run.rc == 0, run.stdout
    rds = run.task("rds")["result"]["flavors"]
    assert rds and all(flavor["instance_mode"] == "ha" and flavor["az_status"]["eu-de-01"] == "normal" for flavor in rds)
    assert "rds.mysql.s1.large.ha" in [flavor["spec_code"] for flavor in rds]
    engines = run.task("engines")["result"]["engines"]
    expected = [("mysql", "MySQL"), ("postgresql", "PostgreSQL"), ("sqlserver", "SQLServer")]
    assert [(entry["engine"], entry["datastore"]) for entry in engines] == expected
    assert [version["name"] for version in engines[0]["versions"]] == ["5.6", "5.7", "8.0"]
    dds = run.task("dds")["result"]["flavors"]
    assert dds and {flavor["type"] for flavor in dds} == {"replica"} and "dds.mongodb.s6.large.4.repset" in [f["spec_code"] for f in dds]
    gauss = run.task("gauss")["result"]["flavors"]
    assert {(flavor["spec_code"], flavor["version"]) for flavor in gauss} == {("gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", "2.3"),
                                                                              ("gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", "2.7")}
    assert run.task("none")["result"]["flavors"] == []
    assert len([entry for entry in cloud.requests() if entry["path"].endswith("/datastores/SQLServer")]) == 1


def test_a_flavor_found_feeds_a_create(ansible, cloud):
    run = ansible.run([
        {"name": "flavors", "hwcloud.dbaas.rds_flavor_info": {"engine": "mysql", "engine_version": "8.0", "instance_mode": "single",
                                                              "availability_zone": "eu-de-01"}, "register": "found"},
        {"name": "create", "hwcloud.dbaas.rds_instance": {
            "name": "found-db", "engine": "mysql", "engine_version": "8.0",
            "flavor": "{{ (found.flavors | sort(attribute='ram') | first).spec_code }}", "volume_type": "ULTRAHIGH",
            "volume_size": 40, "availability_zone": ["eu-de-01"], "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
            "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f", "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
            "password": "Found@Passw0rd"}},
    ])
    assert run.rc == 0, run.stdout
    assert run.task("create")["result"]["instance"]["flavor_ref"] == "rds.mysql.s1.medium"


def test_discovery_modules_take_no_wait_options_and_check_their_choices(ansible, cloud):
    run = ansible.run([
        {"name": "wait", "hwcloud.dbaas.dds_flavor_info": {"wait": True}, "ignore_errors": True},
        {"name": "mode", "hwcloud.dbaas.rds_flavor_info": {"engine": "mysql", "instance_mode": "cluster"}, "ignore_errors": True},
        {"name": "engine", "hwcloud.dbaas.rds_flavor_info": {}, "ignore_errors": True},
    ])
    assert "Unsupported parameters" in run.task("wait")["result"]["msg"]
    assert "instance_mode" in run.task("mode")["result"]["msg"]
    assert "engine" in run.task("engine")["result"]["msg"]
    assert cloud.requests() == []
