# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""restore_from of rds_instance (RDS v3 CreateRestoreInstance) and dds_instance (DDS RestoreNewInstance) end to end:
points in time inside and outside the seeded restorable ranges, the latest backup, a backup that is not complete and
an ambiguous source. Restorable ranges are seeded on a fixed past day, so no case depends on the clock."""

from __future__ import annotations

import calendar

from tests.integration.test_final_backup_restore import RESTORE as RDS_RESTORE, seed, writes

DAY = "2026-11-20"
DAY_START_MS = calendar.timegm((2026, 11, 20, 0, 0, 0)) * 1000
RANGE = {"start_time": DAY_START_MS, "end_time": DAY_START_MS + 12 * 3600 * 1000}  # 00:00 to 12:00 UTC
INSIDE = "2026-11-20T06:00:00+01:00"  # 05:00 UTC
INSIDE_MS = DAY_START_MS + 5 * 3600 * 1000
OUTSIDE = "2026-11-20T14:30:00+01:00"  # 13:30 UTC, after the range
DDS_RESTORE = {
    "name": "catalog-copy", "mode": "ReplicaSet", "datastore": {"version": "4.0"}, "availability_zone": ["eu-de-01"],
    "vpc_id": "d1b2c3d4-0000-4000-8000-00000000aaaa", "subnet_id": "d1b2c3d4-0000-4000-8000-00000000bbbb",
    "security_group_id": "d1b2c3d4-0000-4000-8000-00000000cccc", "password": "Restore@Passw0rd1",
    "flavor": [{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 10, "spec_code": "dds.mongodb.s6.large.2.repset"}],
}


def seed_ranges(cloud, service: str, name: str) -> str:
    instance_id = seed(cloud, service, name)
    cloud.admin("POST", "seed", json={"service": service, "instances": [], "restore_time": [dict(RANGE, instance_name=name)]})
    return instance_id


def restore_task(module: str, args: dict, restore_from: dict) -> dict:
    return {"name": "restore", "hwcloud.dbaas." + module: dict(args, restore_from=restore_from)}


def creates(cloud, service: str) -> list:
    return [entry for entry in cloud.requests(service) if entry["method"] == "POST" and entry["path"].endswith("/instances")]


def restore_time_queries(cloud, service: str) -> list:
    return [entry["query"].get("date") for entry in cloud.requests(service) if entry["path"].endswith("/restore-time")]


def assert_converged_with_one_request(ansible, cloud, task: dict) -> None:
    cloud.clear_requests()
    again = ansible.run([task])
    assert again.rc == 0, again.stdout
    assert again.task("restore")["result"]["changed"] is False
    assert len(cloud.requests()) == 1  # the list by name; the source, its backups and ranges are not looked up again


def test_rds_restore_to_a_point_in_time_inside_the_ranges(ansible, cloud):
    source_id = seed_ranges(cloud, "rds", "orders-db")
    task = restore_task("rds_instance", RDS_RESTORE, {"source_name": "orders-db", "restore_time": INSIDE})
    cloud.clear_requests()
    run = ansible.run([task])
    assert run.rc == 0, run.stdout
    result = run.task("restore")["result"]
    assert result["changed"] is True
    assert result["restore_point"]["type"] == "timestamp" and result["restore_point"]["instance_id"] == source_id
    (create,) = creates(cloud, "rds")
    assert create["body"]["restore_point"] == {"instance_id": source_id, "type": "timestamp", "restore_time": INSIDE_MS}
    assert DAY in restore_time_queries(cloud, "rds"), restore_time_queries(cloud, "rds")
    assert_converged_with_one_request(ansible, cloud, task)


def test_dds_restore_from_the_latest_backup(ansible, cloud):
    # No automated backup at creation (it would be the newest): the two manual ones below decide.
    source_id = cloud.admin("POST", "seed", json={"service": "dds", "instances": [{"name": "catalog-rs", "auto_backups": False}]})["instances"][0]["id"]
    cloud.admin("POST", "seed", json={"service": "dds", "instances": [], "backups": [
        {"instance_name": "catalog-rs", "name": "older", "type": "manual", "status": "COMPLETED", "begin_time": "2026-11-18 01:00:00",
         "end_time": "2026-11-18 01:10:00"},
        {"instance_name": "catalog-rs", "name": "newest", "type": "manual", "status": "COMPLETED", "begin_time": "2026-11-19 01:00:00",
         "end_time": "2026-11-19 01:10:00"}]})
    newest = [backup for backup in cloud.admin("GET", "state", params={"service": "dds"})["backups"] if backup["name"] == "newest"][0]
    task = restore_task("dds_instance", DDS_RESTORE, {"source_name": "catalog-rs", "backup": "latest"})
    cloud.clear_requests()
    run = ansible.run([task])
    assert run.rc == 0, run.stdout
    result = run.task("restore")["result"]
    assert result["changed"] is True and result["restore_point"]["backup_id"] == newest["id"]
    (create,) = creates(cloud, "dds")
    assert create["body"]["restore_point"] == {"instance_id": source_id, "type": "backup", "backup_id": newest["id"]}
    # DDS RestoreNewInstance takes no datastore, mode, region or port: the new instance gets the source's.
    assert not {"datastore", "mode", "region", "port"} & set(create["body"]), sorted(create["body"])
    assert [record["name"] for record in cloud.state("dds")].count("catalog-copy") == 1
    assert_converged_with_one_request(ansible, cloud, task)


def test_dds_restore_to_a_point_in_time_inside_the_ranges(ansible, cloud):
    source_id = seed_ranges(cloud, "dds", "catalog-rs")
    task = restore_task("dds_instance", DDS_RESTORE, {"source_name": "catalog-rs", "restore_time": INSIDE})
    cloud.clear_requests()
    run = ansible.run([task])
    assert run.rc == 0, run.stdout
    (create,) = creates(cloud, "dds")
    point = create["body"]["restore_point"]
    assert point["instance_id"] == source_id and point["type"] == "timestamp" and int(point["restore_time"]) == INSIDE_MS
    assert DAY in restore_time_queries(cloud, "dds"), restore_time_queries(cloud, "dds")


def test_times_outside_the_ranges_write_nothing(ansible, cloud):
    seed_ranges(cloud, "rds", "orders-db")
    seed_ranges(cloud, "dds", "catalog-rs")
    tasks = [
        {"name": "rds", "hwcloud.dbaas.rds_instance": dict(RDS_RESTORE, restore_from={"source_name": "orders-db", "restore_time": OUTSIDE}),
         "ignore_errors": True},
        {"name": "dds", "hwcloud.dbaas.dds_instance": dict(DDS_RESTORE, restore_from={"source_name": "catalog-rs", "restore_time": OUTSIDE}),
         "ignore_errors": True},
    ]
    cloud.clear_requests()
    run = ansible.run(tasks)
    for name in ("rds", "dds"):
        assert run.task(name)["outcome"] == "failed", run.task(name)
        result = run.task(name)["result"]
        assert "restore_from.restore_time" in result["msg"] and "outside every restorable time range" in result["msg"], result["msg"]
    assert writes(cloud) == []


def test_a_backup_that_is_not_complete_and_an_ambiguous_source_write_nothing(ansible, cloud):
    seed(cloud, "rds", "orders-db")
    cloud.admin("POST", "seed", json={"service": "rds", "instances": [], "backups": [
        {"instance_name": "orders-db", "name": "running", "type": "manual", "status": "BUILDING"}]})
    seed(cloud, "dds", "catalog-rs")
    seed(cloud, "dds", "catalog-rs")  # two DDS instances with the source's name
    tasks = [
        {"name": "building", "hwcloud.dbaas.rds_instance": dict(RDS_RESTORE, restore_from={"source_name": "orders-db", "backup_name": "running"}),
         "ignore_errors": True},
        {"name": "ambiguous", "hwcloud.dbaas.dds_instance": dict(DDS_RESTORE, restore_from={"source_name": "catalog-rs", "backup": "latest"}),
         "ignore_errors": True},
    ]
    cloud.clear_requests()
    run = ansible.run(tasks)
    assert run.task("building")["outcome"] == run.task("ambiguous")["outcome"] == "failed"
    building = run.task("building")["result"]
    assert "restore_from.backup_name" in building["msg"] and "BUILDING" in building["msg"], building["msg"]
    ambiguous = run.task("ambiguous")["result"]
    assert "restore_from.source_name" in ambiguous["msg"], ambiguous["msg"]
    ids = [record["id"] for record in cloud.state("dds") if record["name"] == "catalog-rs"]
    assert len(ids) == 2 and all(instance_id in ambiguous["msg"] for instance_id in ids), ambiguous["msg"]
    assert writes(cloud) == []
