# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_instance with api_version=v1 end to end: the camelCase API, its jobs, and the FAILED-primary rule."""

from __future__ import annotations

from tests.integration.harness import PROJECT_ID, check_bad_inputs

HA = {
    "name": "legacy-db",
    "api_version": "v1",
    "engine": "mysql",
    "engine_version": "5.7",
    "ha_mode": "ha",
    "replication_mode": "async",
    "flavor": "bf07a6d4-844a-4023-a776-fc5c5fb71fb4",
    "volume_type": "ULTRAHIGH",
    "volume_size": 100,
    "availability_zone": ["eu-de-01"],
    "vpc_id": "f7513b5d-5c48-4332-8f47-a3c29c2613e7",
    "subnet_id": "4a7d3555-6410-4338-8859-2be61d51662a",
    "security_group_id": "bb62ffb9-a37a-4821-92b9-f9e0712e389f",
    "port": 3307,
    "password": "Test@12345678",
    "backup_strategy": {"start_time": "01:00-02:00", "keep_days": 3},
}
V3_KEYS = ("flavor_ref", "availability_zone", "vpc_id", "subnet_id", "security_group_id", "port", "backup_strategy", "ha", "type")


def task(args: dict, name: str = "rds") -> dict:
    return {"name": name, "hwcloud.dbaas.rds_instance": args}


def writes(cloud) -> list:
    return [entry for entry in cloud.requests() if entry["method"] != "GET"]


def stored(cloud, name: str = "legacy-db") -> list:
    return [entry for entry in cloud.state("rds_v1") if entry["name"] == name]


def test_ha_create_waits_for_both_jobs_and_returns_v3_names(ansible, cloud):
    run = ansible.run([task(HA)])
    assert run.rc == 0, run.stdout
    result = run.task("rds")["result"]
    assert result["changed"] is True
    instance = result["instance"]
    assert all(key in instance for key in V3_KEYS), instance
    assert not [key for key in instance if any(ch.isupper() for ch in key)]
    assert instance["type"] == "Ha" and instance["status"] == "ACTIVE"
    assert instance["ha"] == {"replication_mode": "async"}
    assert instance["backup_strategy"] == {"start_time": "01:00-02:00", "keep_days": 3}
    assert instance["vpc_id"] == HA["vpc_id"] and instance["subnet_id"] == HA["subnet_id"]
    assert str(instance["port"]) == "3307"
    assert len(result["job_ids"]) == 2
    log = cloud.requests()
    jobs_asked = {entry["query"]["id"] for entry in log if entry["path"].endswith("/jobs")}
    assert jobs_asked == set(result["job_ids"])
    posts = [entry for entry in log if entry["method"] == "POST"]
    assert [entry["path"] for entry in posts] == ["/rds/v1/%s/instances" % PROJECT_ID]
    records = stored(cloud)
    assert sorted(entry["attrs"]["type"] for entry in records) == ["master", "slave"]
    assert "Test@12345678" not in run.stdout


def test_converged_v1_task_costs_one_request_in_either_list_shape(ansible, cloud):
    assert ansible.run([task(HA)]).rc == 0
    for as_object in (False, True):
        cloud.config(v1_list_as_object=as_object, v1_list_slaves=not as_object)
        cloud.clear_requests()
        run = ansible.run([task(HA)])
        assert run.rc == 0, run.stdout
        assert run.task("rds")["result"]["changed"] is False
        assert [(entry["method"], entry["path"]) for entry in cloud.requests()] == [("GET", "/rds/v1/%s/instances" % PROJECT_ID)]


def test_check_mode_and_absent(ansible, cloud):
    check = ansible.run([task(HA)], check=True, diff=True)
    assert check.rc == 0, check.stdout
    assert check.task("rds")["result"]["changed"] is True
    assert writes(cloud) == []
    assert ansible.run([task(HA)]).rc == 0
    gone = ansible.run([task({"name": "legacy-db", "state": "absent", "api_version": "v1"})])
    assert gone.rc == 0, gone.stdout
    assert gone.task("rds")["result"]["changed"] is True
    assert stored(cloud) == []
    cloud.clear_requests()
    again = ansible.run([task({"name": "legacy-db", "state": "absent", "api_version": "v1"})])
    assert again.rc == 0 and again.task("rds")["result"]["changed"] is False
    assert writes(cloud) == []


def test_failed_primary_is_followed_through_its_standby(ansible, cloud):
    cloud.faults({"kind": "v1_primary_failed"})
    run = ansible.run([task(HA)])
    assert run.rc == 0, run.stdout
    result = run.task("rds")["result"]
    records = {entry["attrs"]["type"]: entry for entry in stored(cloud)}
    primary, standby = records["master"], records["slave"]
    assert primary["status"] == "FAILED" and standby["status"] == "ACTIVE"
    assert result["changed"] is True
    assert result["standby_fallback"]["primary_id"] == primary["id"]
    assert result["standby_fallback"]["standby_id"] == standby["id"]
    assert result["standby_fallback"]["primary_status"] == "FAILED"
    assert result["instance"]["id"] == standby["id"] and result["instance"]["status"] == "ACTIVE"
    assert any(standby["id"] in warning for warning in result.get("warnings", []))
    assert [entry["path"] for entry in cloud.requests() if entry["path"].endswith("/instances/" + standby["id"])]

    cloud.clear_requests()
    again = ansible.run([task(HA)])
    assert again.rc == 0, again.stdout
    assert again.task("rds")["result"]["changed"] is False
    assert again.task("rds")["result"]["standby_fallback"]["standby_id"] == standby["id"]
    assert writes(cloud) == []

    cloud.clear_requests()
    gone = ansible.run([task({"name": "legacy-db", "state": "absent", "api_version": "v1"})])
    assert gone.rc == 0, gone.stdout
    deletes = [entry["path"] for entry in writes(cloud)]
    assert deletes == ["/rds/v1/%s/instances/%s" % (PROJECT_ID, standby["id"])]
    assert stored(cloud) == []


def test_single_create_job_failure_fails_the_task(ansible, cloud):
    cloud.faults({"kind": "job_fail", "reason": "no capacity in eu-de-01"})
    single = dict(HA, name="legacy-single", ha_mode="single")
    del single["replication_mode"]
    run = ansible.run([task(single)])
    assert run.rc != 0
    assert "no capacity in eu-de-01" in run.task("rds")["result"]["msg"]


def test_otc_prefix_and_explicit_prefix(ansible, cloud):
    run = ansible.run([task(dict(HA, platform="otc"))])
    assert run.rc == 0, run.stdout
    assert {entry["path"].split(PROJECT_ID)[0] for entry in cloud.requests()} == {"/rds/rds/v1/"}
    cloud.clear_requests()
    explicit = ansible.run([task(dict(HA, v1_path_prefix="/v1"))])
    assert explicit.rc == 0, explicit.stdout
    assert explicit.task("rds")["result"]["changed"] is False
    assert {entry["path"].split(PROJECT_ID)[0] for entry in cloud.requests()} == {"/rds/v1/"}


def test_v3_default_is_unchanged(ansible, cloud):
    args = {key: value for key, value in HA.items() if key != "api_version"}
    args.update(name="orders-db", engine_version="8.0", flavor="rds.mysql.s1.large.ha", availability_zone=["eu-de-01", "eu-de-02"],
                backup_strategy={"start_time": "08:15-09:15", "keep_days": 3})
    run = ansible.run([task(args)])
    assert run.rc == 0, run.stdout
    assert {entry["path"].split(PROJECT_ID)[0] for entry in cloud.requests()} == {"/rds/v3/"}
    assert cloud.state("rds_v1") == []


BAD_INPUTS = [
    ("time_zone", {"time_zone": "UTC+08:00"}),
    ("disk_encryption_id", {"disk_encryption_id": "2gfdsh-844a-4023-a776-fc5c5fb71fb4"}),
    ("configuration_id", {"configuration_id": "452408-ef4b-44c5-94be-305145fg"}),
    ("lower_case_table_names", {"lower_case_table_names": 0}),
    ("availability_zone", {"availability_zone": ["eu-de-01", "eu-de-02", "eu-de-03"]}),
    ("replication_mode", {"replication_mode": "sync"}),
    ("backup_strategy.start_time", {"backup_strategy": {"start_time": "01:10-02:10"}}),
    ("password", {"password": "alllowercaseletters"}),
    ("port", {"port": 12017}),
    ("volume_size", {"volume_size": 4010}),
    ("engine_version", {"engine_version": "5.1"}),
    ("v1_path_prefix", {"v1_path_prefix": "rds v1"}),
]


def test_bad_v1_inputs_fail_before_any_request(ansible, cloud):
    check_bad_inputs(ansible, cloud, "hwcloud.dbaas.rds_instance", HA, BAD_INPUTS)
    assert len(BAD_INPUTS) >= 10
