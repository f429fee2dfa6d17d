# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_instance_info: filters, exact names, empty answers, check mode."""

from __future__ import annotations


def info(args: dict, name: str = "info") -> dict:
    return {"name": name, "hwcloud.dbaas.rds_instance_info": args}


def test_filters_and_exact_names(ansible, cloud):
    cloud.admin("POST", "seed", json={"service": "rds", "instances": [
        {"name": "orders-db"}, {"name": "orders-db-2"}, {"name": "billing-db", "datastore": {"type": "PostgreSQL", "version": "14"}}]})
    run = ansible.run([info({}, "all"), info({"name": "orders-db"}, "exact"), info({"name": "missing-db"}, "none"),
                       info({"engine": "postgresql"}, "pg")], check=True)
    assert run.rc == 0, run.stdout
    assert sorted(record["name"] for record in run.task("all")["result"]["instances"]) == ["billing-db", "orders-db", "orders-db-2"]
    assert [record["name"] for record in run.task("exact")["result"]["instances"]] == ["orders-db"]
    assert run.task("none")["result"]["instances"] == []
    assert run.task("none")["result"]["changed"] is False
    assert [record["name"] for record in run.task("pg")["result"]["instances"]] == ["billing-db"]
    assert all(entry["method"] == "GET" for entry in cloud.requests())


def test_by_id(ansible, cloud):
    seeded = cloud.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "orders-db"}, {"name": "other-db"}]})
    wanted = seeded["instances"][1]["id"]
    run = ansible.run([info({"id": wanted})])
    assert run.rc == 0, run.stdout
    assert [record["id"] for record in run.task("info")["result"]["instances"]] == [wanted]
