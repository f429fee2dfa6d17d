# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""gauss_instance_info: filters (name, id, type, VPC, subnet), exact names, empty answers, check mode, one read per task."""

from __future__ import annotations

OTHER_VPC = "c1b2c3d4-0000-4000-8000-0000000000ff"
OTHER_SUBNET = "c1b2c3d4-0000-4000-8000-0000000000ee"


def info(args: dict, name: str = "info") -> dict:
    return {"name": name, "hwcloud.dbaas.gauss_instance_info": args}


def seed(cloud) -> dict:
    answer = cloud.admin("POST", "seed", json={"service": "gaussdb", "instances": [
        {"name": "ledger"}, {"name": "ledger-2"}, {"name": "ha-one", "type": "Ha"},
        {"name": "isolated", "vpc_id": OTHER_VPC, "subnet_id": OTHER_SUBNET}]})
    return {item["name"]: item["id"] for item in answer["instances"]}


def test_filters_and_exact_names(ansible, cloud):
    ids = seed(cloud)
    cloud.clear_requests()
    tasks = [info({}, "all"), info({"name": "ledger"}, "exact"), info({"name": "missing"}, "none"), info({"type": "Ha"}, "ha"),
             info({"type": "Enterprise"}, "enterprise"), info({"vpc_id": OTHER_VPC}, "vpc"), info({"subnet_id": OTHER_SUBNET}, "subnet"),
             info({"id": ids["ledger-2"]}, "by id"), info({"name": "ha-one", "type": "Enterprise"}, "name and type")]
    run = ansible.run(tasks, check=True)
    assert run.rc == 0, run.stdout

    def names(task: str) -> list:
        return sorted(record["name"] for record in run.task(task)["result"]["instances"])

    assert names("all") == ["ha-one", "isolated", "ledger", "ledger-2"]
    assert names("exact") == ["ledger"]
    assert names("ha") == ["ha-one"]
    assert names("enterprise") == ["isolated", "ledger", "ledger-2"]
    assert names("vpc") == ["isolated"]
    assert names("subnet") == ["isolated"]
    assert names("by id") == ["ledger-2"]
    assert names("name and type") == []
    none = run.task("none")["result"]
    assert none["instances"] == [] and none["changed"] is False and run.task("none")["outcome"] == "ok"
    requests = cloud.requests()
    assert [entry["service"] for entry in requests] == ["gaussdb"] * len(tasks)  # one list request per task, no IAM call
    assert all(entry["method"] == "GET" for entry in requests)
    filters = [{key: value for key, value in entry["query"].items() if key not in ("offset", "limit")} for entry in requests]
    assert filters[5] == {"vpc_id": OTHER_VPC} and filters[3] == {"type": "Ha"}  # sent to the service, not only compared


def test_records_as_the_list_api_reports_them(ansible, cloud):
    seed(cloud)
    run = ansible.run([info({"name": "ledger"})], auth="password")
    assert run.rc == 0, run.stdout
    (record,) = run.task("info")["result"]["instances"]
    assert record["status"] == "ACTIVE" and record["datastore"]["type"] == "GaussDB" and record["id"].endswith("in14")
    assert [entry["service"] for entry in cloud.requests()] == ["iam", "gaussdb"]


def test_an_api_failure_fails_the_task_with_its_details(ansible, cloud):
    cloud.faults({"kind": "status", "status": 403, "code": "APIGW.0302", "message": "no permission", "service": "gaussdb", "count": 0})
    run = ansible.run([info({})])
    assert run.rc != 0 and run.task("info")["outcome"] == "failed"
    error = run.task("info")["result"]["error"]
    assert error["status"] == 403 and error["code"] == "APIGW.0302" and error["request_id"]
