# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dds_instance_info: filters, exact names, empty answers, paging, check mode, one read per task."""

from __future__ import annotations

SHARDING_FLAVOR = [
    {"type": "mongos", "num": 2, "spec_code": "dds.mongodb.s6.large.4.mongos"},
    {"type": "shard", "num": 2, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.mongodb.s6.large.4.shard"},
    {"type": "config", "num": 1, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.mongodb.s6.large.2.config"},
]
SINGLE_FLAVOR = [{"type": "single", "num": 1, "storage": "ULTRAHIGH", "size": 10, "spec_code": "dds.mongodb.s6.large.2.single"}]


def info(args: dict, name: str = "info") -> dict:
    return {"name": name, "hwcloud.dbaas.dds_instance_info": args}


def seed(cloud) -> dict:
    answer = cloud.admin("POST", "seed", json={"service": "dds", "instances": [
        {"name": "catalog"}, {"name": "catalog-2"},
        {"name": "sessions", "mode": "Sharding", "flavor": SHARDING_FLAVOR},
        {"name": "scratch", "mode": "Single", "flavor": SINGLE_FLAVOR}]})
    return {item["name"]: item["id"] for item in answer["instances"]}


def test_filters_and_exact_names(ansible, cloud):
    ids = seed(cloud)
    cloud.clear_requests()
    run = ansible.run([info({}, "all"), info({"name": "catalog"}, "exact"), info({"name": "missing"}, "none"),
                       info({"mode": "Sharding"}, "sharding"), info({"id": ids["scratch"]}, "by id"),
                       info({"name": "catalog", "mode": "Single"}, "name and mode")], check=True)
    assert run.rc == 0, run.stdout

    def names(task: str) -> list:
        return sorted(record["name"] for record in run.task(task)["result"]["instances"])

    assert names("all") == ["catalog", "catalog-2", "scratch", "sessions"]
    assert names("exact") == ["catalog"]
    assert names("sharding") == ["sessions"]
    assert names("by id") == ["scratch"]
    assert names("name and mode") == []
    none = run.task("none")["result"]
    assert none["instances"] == [] and none["changed"] is False and not none.get("failed")
    requests = cloud.requests()
    assert [entry["service"] for entry in requests] == ["dds"] * 6  # one list request per task, no IAM call (AK/SK)
    assert all(entry["method"] == "GET" and entry["auth"] == "aksk" for entry in requests)
    filters = [{key: value for key, value in entry["query"].items() if key not in ("offset", "limit")} for entry in requests]
    assert filters == [{}, {"name": "catalog"}, {"name": "missing"}, {"mode": "Sharding"}, {"id": ids["scratch"]},
                       {"name": "catalog", "mode": "Single"}]


def test_records_look_like_dds_instance_returns_them(ansible, cloud):
    seed(cloud)
    run = ansible.run([info({"name": "sessions"})])
    assert run.rc == 0, run.stdout
    (record,) = run.task("info")["result"]["instances"]
    assert record["mode"] == "Sharding" and record["status"] == "normal"
    assert record["port"] == 8635 and isinstance(record["port"], int)
    assert [(entry["type"], entry["num"]) for entry in record["flavor"]] == [("mongos", 2), ("shard", 2), ("config", 1)]


def test_pages_through_long_lists(ansible, cloud):
    cloud.admin("POST", "seed", json={"service": "dds", "count": 130, "prefix": "bulk-"})
    cloud.clear_requests()
    run = ansible.run([info({})])
    assert run.rc == 0, run.stdout
    assert len(run.task("info")["result"]["instances"]) == 130
    assert [entry["query"]["offset"] for entry in cloud.requests("dds")] == ["0", "100"]


def test_an_api_failure_fails_the_task_with_its_details(ansible, cloud):
    cloud.faults({"kind": "status", "status": 403, "code": "APIGW.0302", "message": "no permission", "service": "dds", "count": 0})
    run = ansible.run([info({"name": "catalog"})])
    assert run.rc != 0
    assert run.task("info")["outcome"] == "failed"
    result = run.task("info")["result"]
    assert result["error"]["status"] == 403 and result["error"]["code"] == "APIGW.0302" and result["error"]["request_id"]
