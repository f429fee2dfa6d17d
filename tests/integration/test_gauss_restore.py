# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""gauss_restore and gauss_backup_info end to end: ansible-playbook against the emulator."""

from __future__ import annotations

import datetime
import json
import time

import pytest

from tests.integration.harness import check_bad_inputs

SOURCE = "orders-gauss"
TARGET = "orders-restored"
PASSWORD = "Gauss@12345678"
RESTORE = {
    "name": TARGET,
    "source_name": SOURCE,
    "flavor": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
    "volume_size": 160,
    "availability_zone": ["eu-de-01", "eu-de-02", "eu-de-03"],
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
    "password": PASSWORD,
}


def task(args: dict, name: str = "restore", **extra) -> dict:
    return dict({"name": name, "hwcloud.dbaas.gauss_restore": args}, **extra)


def info_task(args: dict, name: str = "info") -> dict:
    return {"name": name, "hwcloud.dbaas.gauss_backup_info": args}


def writes(cloud) -> list:
    return [entry for entry in cloud.requests() if entry["method"] != "GET"]


def posts(cloud) -> list:
    return [entry for entry in cloud.requests("gaussdb") if entry["method"] == "POST"]


def seed_source(cloud, created_ago: float = 3600, **spec) -> str:
    answer = cloud.admin("POST", "seed", json={"service": "gaussdb", "instances": [dict({"name": SOURCE, "created_ago": created_ago}, **spec)]})
    return answer["instances"][0]["id"]


def gauss_state(cloud) -> dict:
    return cloud.admin("GET", "state", params={"service": "gaussdb"})


def backups_of(cloud, instance_id: str) -> dict:
    """name -> backup of one instance (the emulator gives an ACTIVE instance -full-1, -full-2 and -failed)."""
    return {backup["name"]: backup for backup in gauss_state(cloud)["backups"] if backup["instance_id"] == instance_id}


def restored(cloud) -> dict:
    found = [record for record in cloud.state("gaussdb") if record["name"] == TARGET]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def source_id(cloud):
    return seed_source(cloud)


def test_restore_by_backup_id_then_rerun_costs_one_request(ansible, cloud, source_id):
    backup = backups_of(cloud, source_id)[SOURCE + "-full-1"]
    args = dict(RESTORE, backup_id=backup["id"], port=8635, time_zone="UTC+01:00", enable_force_switch=True)
    cloud.clear_requests()
    first = ansible.run([task(args)])
    assert first.rc == 0, first.stdout
    result = first.task("restore")["result"]
    assert result["changed"] is True
    assert result["instance"]["status"] == "ACTIVE"
    assert result["instance"]["name"] == TARGET
    assert str(result["instance"]["port"]) == "8635"
    assert result["job_id"]
    assert result["restore_point"]["instance_id"] == source_id
    assert result["restore_point"]["type"] == "backup"
    assert result["restore_point"]["backup_id"] == backup["id"]
    assert len(posts(cloud)) == 1
    assert posts(cloud)[0]["client_token"] is None  # GaussDB CreateInstance documents no X-Client-Token
    record = restored(cloud)
    assert record["attrs"]["restored_from"] == {"instance_id": source_id, "type": "backup", "backup_id": backup["id"]}
    assert record["attrs"]["time_zone"] == "UTC+01:00"
    assert record["attrs"]["enable_force_switch"] is True
    assert PASSWORD not in first.stdout

    cloud.clear_requests()
    second = ansible.run([task(args)])
    assert second.rc == 0, second.stdout
    again = second.task("restore")["result"]
    assert again["changed"] is False
    assert "restore_point" not in again
    log = cloud.requests()
    assert [(entry["method"], entry["service"]) for entry in log] == [("GET", "gaussdb")], log
    assert log[0]["path"].endswith("/instances") and log[0]["query"]["name"] == TARGET
    assert len([record for record in cloud.state("gaussdb") if record["name"] == TARGET]) == 1


def test_restore_by_backup_name_with_one_zone(ansible, cloud, source_id):
    backup = backups_of(cloud, source_id)[SOURCE + "-full-1"]
    run = ansible.run([task(dict(RESTORE, backup_name=backup["name"], availability_zone="eu-de-02"))])
    assert run.rc == 0, run.stdout
    result = run.task("restore")["result"]
    assert result["restore_point"]["backup_id"] == backup["id"]
    assert result["restore_point"]["backup_name"] == backup["name"]
    record = restored(cloud)
    assert record["attrs"]["restored_from"]["backup_id"] == backup["id"]
    assert record["attrs"]["availability_zone"] == "eu-de-02,eu-de-02,eu-de-02"


def test_restore_latest_takes_the_newest_completed_backup(ansible, cloud, source_id):
    now = time.time()
    cloud.admin("POST", "seed", json={"service": "gaussdb", "backups": [
        {"instance_id": source_id, "name": "ancient", "status": "COMPLETED", "begin_time": (now - 86400) * 1000, "end_time": (now - 86000) * 1000},
        {"instance_id": source_id, "name": "broken-newest", "status": "FAILED", "begin_time": (now + 5) * 1000, "end_time": (now + 10) * 1000},
    ]})
    newest = backups_of(cloud, source_id)[SOURCE + "-full-2"]
    run = ansible.run([task(dict(RESTORE, backup="latest"))])
    assert run.rc == 0, run.stdout
    assert run.task("restore")["result"]["restore_point"]["backup_id"] == newest["id"]
    assert restored(cloud)["attrs"]["restored_from"]["backup_id"] == newest["id"]


def test_restore_to_a_point_in_time_given_as_iso_with_offset(ansible, cloud, source_id):
    moment = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=2))) - datetime.timedelta(minutes=30)
    moment = moment.replace(microsecond=0)
    expected = int(moment.timestamp()) * 1000
    cloud.clear_requests()
    run = ansible.run([task(dict(RESTORE, restore_time=moment.isoformat()))])
    assert run.rc == 0, run.stdout
    point = run.task("restore")["result"]["restore_point"]
    assert point["type"] == "timestamp"
    assert point["restore_time"] == expected
    assert point["restore_time_utc"].endswith("Z")
    assert restored(cloud)["attrs"]["restored_from"] == {"instance_id": source_id, "type": "timestamp", "restore_time": expected}
    paths = [entry["path"] for entry in cloud.requests("gaussdb") if entry["method"] == "GET"]
    assert any(path.endswith("/instances/%s/restore-time" % source_id) for path in paths)
    # GaussDB ListRestoreTimes: `date`, the UTC day of the wanted time, is mandatory.
    days = [entry["query"].get("date") for entry in cloud.requests("gaussdb") if entry["path"].endswith("/restore-time")]
    assert days[-1] == moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d"), days
    assert not any(path.endswith("/backups") for path in paths)


def test_restore_to_a_point_in_time_given_as_epoch_ms(ansible, cloud, source_id):
    expected = int((time.time() - 600) * 1000)
    run = ansible.run([task(dict(RESTORE, source_name=None, source_id=source_id, restore_time=expected))])
    assert run.rc == 0, run.stdout
    assert restored(cloud)["attrs"]["restored_from"]["restore_time"] == expected


def test_time_in_the_future_fails_before_any_request(ansible, cloud, source_id):
    future = int((time.time() + 3600) * 1000)
    cloud.clear_requests()
    run = ansible.run([task(dict(RESTORE, restore_time=future))])
    assert run.rc != 0
    message = run.task("restore")["result"]["msg"]
    assert message.startswith("restore_time:") and "in the future" in message, message
    assert cloud.requests() == []


def test_time_outside_the_ranges_fails_before_the_post(ansible, cloud, source_id):
    outside = int((time.time() - 7200) * 1000)
    cloud.clear_requests()
    run = ansible.run([task(dict(RESTORE, restore_time=outside))])
    assert run.rc != 0
    message = run.task("restore")["result"]["msg"]
    assert message.startswith("restore_time:"), message
    assert "outside every restorable time range" in message
    assert str(outside) in message
    assert " to " in message  # the ranges are listed
    assert posts(cloud) == []
    assert writes(cloud) == []


def test_seeded_ranges_are_listed_in_the_message(ansible, cloud, source_id):
    # Yesterday at 12:00 UTC: the ranges and the times asked for lie inside one UTC day, whatever the time of the run.
    now = (int(time.time()) // 86400 * 86400 - 43200) * 1000
    ranges = [{"start_time": now - 7200000, "end_time": now - 5400000}, {"start_time": now - 3600000, "end_time": now - 1800000}]
    cloud.admin("POST", "seed", json={"service": "gaussdb", "restore_time": [dict(item, instance_id=source_id) for item in ranges]})
    gap = now - 4000000
    run = ansible.run([task(dict(RESTORE, restore_time=gap))])
    assert run.rc != 0
    message = run.task("restore")["result"]["msg"]
    for item in ranges:
        assert "%d-%d" % (item["start_time"], item["end_time"]) in message, message
    assert posts(cloud) == []
    inside = ansible.run([task(dict(RESTORE, restore_time=now - 2000000))])
    assert inside.rc == 0, inside.stdout


@pytest.mark.parametrize("override, words", [
    ({"source_name": "ghost-gauss", "backup": "latest"}, "source_name: no GaussDB instance named 'ghost-gauss' was found"),
    ({"source_name": None, "source_id": "0" * 32 + "in14", "backup": "latest"}, "source_id: no GaussDB instance with id"),
    ({"backup_id": "no-such-backup"}, "backup_id: the source instance '%s'" % SOURCE),
    ({"backup_name": "no-such-backup"}, "has no backup named 'no-such-backup'"),
    ({"backup_name": SOURCE + "-failed"}, "is FAILED; only COMPLETED backups can be restored"),
])
def test_missing_source_or_backup_and_failed_backup_fail_clearly(ansible, cloud, source_id, override, words):
    cloud.clear_requests()
    run = ansible.run([task(dict(RESTORE, **override))])
    assert run.rc != 0
    message = run.task("restore")["result"]["msg"]
    assert words in message, message
    assert posts(cloud) == []
    assert [record["name"] for record in cloud.state("gaussdb")] == [SOURCE]


def test_failed_backup_by_id_is_refused(ansible, cloud, source_id):
    failed = backups_of(cloud, source_id)[SOURCE + "-failed"]
    run = ansible.run([task(dict(RESTORE, backup_id=failed["id"]))])
    assert run.rc != 0
    assert "is FAILED" in run.task("restore")["result"]["msg"]
    assert posts(cloud) == []


def test_source_without_any_completed_backup_fails_for_latest(ansible, cloud):
    seed_source(cloud, auto_backups=False)
    run = ansible.run([task(dict(RESTORE, backup="latest"))])
    assert run.rc != 0
    assert "has no COMPLETED backup to restore (backups: none)" in run.task("restore")["result"]["msg"]
    assert posts(cloud) == []


def test_volume_below_the_source_fails_before_the_post(ansible, cloud):
    seed_source(cloud, volume={"type": "ULTRAHIGH", "size": 320})
    run = ansible.run([task(dict(RESTORE, backup="latest"))])
    assert run.rc != 0
    assert run.task("restore")["result"]["msg"].startswith("volume_size: must be at least the 320 GB")
    assert posts(cloud) == []


def test_check_mode_reports_the_restore_point_and_writes_nothing(ansible, cloud, source_id):
    newest = backups_of(cloud, source_id)[SOURCE + "-full-2"]
    cloud.clear_requests()
    run = ansible.run([task(dict(RESTORE, backup="latest"))], check=True, diff=True)
    assert run.rc == 0, run.stdout
    result = run.task("restore")["result"]
    assert result["changed"] is True
    assert result["restore_point"] == {"instance_id": source_id, "type": "backup", "backup_id": newest["id"], "source_name": SOURCE,
                                       "backup_name": newest["name"], "backup_end_time": newest["end_time"]}
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["flavor_ref"] == RESTORE["flavor"]
    assert "password" not in result["instance"]
    assert writes(cloud) == []
    assert [record["name"] for record in cloud.state("gaussdb")] == [SOURCE]

    moment = int((time.time() - 60) * 1000)
    timed = ansible.run([task(dict(RESTORE, restore_time=moment))], check=True)
    assert timed.rc == 0, timed.stdout
    assert timed.task("restore")["result"]["restore_point"]["restore_time"] == moment
    outside = ansible.run([task(dict(RESTORE, restore_time=moment - 86400000))], check=True)
    assert outside.rc != 0
    assert writes(cloud) == []


def test_check_mode_on_an_existing_instance_is_one_request(ansible, cloud, source_id):
    assert ansible.run([task(dict(RESTORE, backup="latest"))]).rc == 0
    cloud.clear_requests()
    run = ansible.run([task(dict(RESTORE, backup="latest"))], check=True)
    assert run.rc == 0, run.stdout
    assert run.task("restore")["result"]["changed"] is False
    assert len(cloud.requests()) == 1


def test_rerun_with_other_storage_reports_drift_without_writing(ansible, cloud, source_id):
    assert ansible.run([task(dict(RESTORE, backup="latest"))]).rc == 0
    cloud.clear_requests()
    # The VPC cannot be changed in place (a larger volume_size can: see test_day2.py).
    other_vpc = "11111111-2222-4333-8444-555555555555"
    run = ansible.run([task(dict(RESTORE, backup="latest", vpc_id=other_vpc))])
    assert run.rc != 0
    assert "vpc_id: wanted '%s'" % other_vpc in run.task("restore")["result"]["msg"]
    warned = ansible.run([task(dict(RESTORE, backup="latest", vpc_id=other_vpc, drift="warn"))])
    assert warned.rc == 0
    assert warned.task("restore")["result"]["changed"] is False
    assert writes(cloud) == []
    assert len(cloud.requests()) == 2


def test_no_wait_returns_the_job(ansible, cloud, source_id):
    run = ansible.run([task(dict(RESTORE, backup="latest", wait=False))], verbosity=4)
    assert run.rc == 0, run.stdout
    assert PASSWORD not in run.stdout
    result = run.task("restore")["result"]
    assert result["changed"] is True
    assert result["job_id"]
    assert result["instance"]["status"] == "BUILD"


def test_absent_deletes_and_is_idempotent(ansible, cloud, source_id):
    assert ansible.run([task(dict(RESTORE, backup="latest"))]).rc == 0
    gone = ansible.run([task({"name": TARGET, "state": "absent"})])
    assert gone.rc == 0, gone.stdout
    assert gone.task("restore")["result"]["changed"] is True
    assert [record["name"] for record in cloud.state("gaussdb")] == [SOURCE]
    cloud.clear_requests()
    again = ansible.run([task({"name": TARGET, "state": "absent"})])
    assert again.rc == 0
    assert again.task("restore")["result"]["changed"] is False
    assert writes(cloud) == []
    assert len(cloud.requests()) == 1


def test_absent_in_check_mode_deletes_nothing(ansible, cloud, source_id):
    assert ansible.run([task(dict(RESTORE, backup="latest"))]).rc == 0
    cloud.clear_requests()
    run = ansible.run([task({"name": TARGET, "state": "absent"})], check=True)
    assert run.rc == 0
    assert run.task("restore")["result"]["changed"] is True
    assert writes(cloud) == []
    assert len(cloud.state("gaussdb")) == 2


def test_backup_info_lists_filters_and_feeds_a_restore(ansible, cloud, source_id):
    seed_source(cloud, name="empty-gauss", auto_backups=False)
    tasks = [
        info_task({"source_name": SOURCE}, "all"),
        info_task({"source_id": source_id, "status": ["COMPLETED"]}, "completed"),
        info_task({"source_name": SOURCE, "name": SOURCE + "-failed"}, "named"),
        info_task({"source_name": "empty-gauss"}, "empty"),
        task(dict(RESTORE, backup_id="{{ completed.backups[0].id }}"), "restore"),
    ]
    tasks[1]["register"] = "completed"
    run = ansible.run(tasks, check=False)
    assert run.rc == 0, run.stdout
    everything = run.task("all")["result"]["backups"]
    assert sorted(backup["name"] for backup in everything) == sorted([SOURCE + "-full-1", SOURCE + "-full-2", SOURCE + "-failed"])
    completed = run.task("completed")["result"]["backups"]
    assert [backup["name"] for backup in completed] == [SOURCE + "-full-2", SOURCE + "-full-1"]
    assert [backup["status"] for backup in run.task("named")["result"]["backups"]] == ["FAILED"]
    assert run.task("empty")["result"]["backups"] == []
    assert run.task("all")["result"]["changed"] is False
    assert restored(cloud)["attrs"]["restored_from"]["backup_id"] == completed[0]["id"]


def test_backup_info_in_check_mode_and_for_a_missing_source(ansible, cloud, source_id):
    checked = ansible.run([info_task({"source_name": SOURCE, "status": "COMPLETED"})], check=True)
    assert checked.rc == 0, checked.stdout
    assert len(checked.task("info")["result"]["backups"]) == 2
    missing = ansible.run([info_task({"source_name": "ghost-gauss"})])
    assert missing.rc != 0
    assert "source_name: no GaussDB instance named 'ghost-gauss'" in missing.task("info")["result"]["msg"]
    assert writes(cloud) == []


BAD_INPUTS = [
    ("name", {"name": "abc", "backup": "latest"}),
    ("name", {"name": "1orders", "backup": "latest"}),
    ("name", {"name": "orders.restored", "backup": "latest"}),
    ("name", {"name": SOURCE, "backup": "latest"}),
    ("source_name|source_id", {"source_name": None, "backup": "latest"}),
    ("source_id", {"source_id": "abc", "backup": "latest"}),
    ("backup_id|backup_name|backup|restore_time", {}),
    ("restore_time", {"backup_id": "abc", "restore_time": 1714557600000}),
    ("restore_time", {"restore_time": "2024-05-01T10:30:00"}),
    ("restore_time", {"restore_time": 1714557600}),
    ("restore_time", {"restore_time": "last tuesday"}),
    ("password", {"backup": "latest", "password": "Gauss$12345678"}),
    ("password", {"backup": "latest", "password": "gauss12345678"}),
    ("port", {"backup": "latest", "port": 8000}),
    ("port", {"backup": "latest", "port": 40000}),
    ("port", {"backup": "latest", "port": 20049}),
    ("time_zone", {"backup": "latest", "time_zone": "UTC+05:30"}),
    ("time_zone", {"backup": "latest", "time_zone": "CET"}),
    ("availability_zone", {"backup": "latest", "availability_zone": ["eu-de-01", "eu-de-02"]}),
    ("availability_zone", {"backup": "latest", "availability_zone": ["eu-de-01", "eu-de-01", "eu-de-03"]}),
    ("volume_size", {"backup": "latest", "volume_size": 150}),
    ("volume_size", {"backup": "latest", "volume_size": 20}),
    ("flavor", {"backup": "latest", "flavor": None}),
    ("backup_strategy.keep_days", {"backup": "latest", "backup_strategy": {"keep_days": 800}}),
]


def test_bad_inputs_fail_before_any_request(ansible, cloud, source_id):
    run = check_bad_inputs(ansible, cloud, "hwcloud.dbaas.gauss_restore", RESTORE, BAD_INPUTS)
    recorded = json.dumps(run.results)  # stdout quotes the playbook's own lines for failed tasks; results are the module's words
    assert "Gauss$12345678" not in recorded and PASSWORD not in recorded
    assert len(BAD_INPUTS) >= 10
