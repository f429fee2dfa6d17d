# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""restore_from of rds_instance (RDS v3 CreateRestoreInstance) and dds_instance (DDS RestoreNewInstance): the shared
restore rules of gauss_restore, the restore_point in each service's body, and the converged re-run in 1 request."""

from __future__ import annotations

import copy
import json
import re
import time
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import dds, rds, rds_v1

from ansible_collections.hwcloud.dbaas.tests.unit.utils.dds_data import PROJECT_ID as DDS_PID, REPLICA, listed_record, params as dds_params
from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import AUTH, PID as RDS_PID, run

SOURCE_ID = "d8e6ca5a624745bcb546a227aa3ae1cfin01"
NEW_ID = "2gfdsh844a4023a776fc5c5fb71fb4in01"
BACKUP_ID = "43e4feaab48f11e89039fa163ebaa7e4br01"
T0 = 1714557600000  # 2024-05-01T10:00:00Z
RANGES = {"restore_time": [{"start_time": T0 - 3600000, "end_time": T0 + 3600000}]}

RDS_PARAMS = dict(AUTH, name="orders-copy", state="present", wait=True, drift="fail", api_version="v3", engine="mysql",
                  engine_version="8.0", ha_mode="single", flavor="rds.mysql.s1.large", volume_type="ULTRAHIGH", volume_size=100,
                  availability_zone=["eu-de-01"], vpc_id="vpc-1", subnet_id="subnet-1", security_group_id="sg-1",
                  password="Test@12345678", charge_mode="postPaid", update_password="on_create", purge_tags=True)
RDS_SOURCE = {"id": SOURCE_ID, "name": "orders-db", "status": "ACTIVE", "type": "Single",
              "datastore": {"type": "MySQL", "version": "8.0", "complete_version": "8.0.21"}, "volume": {"type": "ULTRAHIGH", "size": 100}}
RDS_TARGET = {"id": NEW_ID, "name": "orders-copy", "status": "ACTIVE", "type": "Single",
              "datastore": {"type": "MySQL", "version": "8.0", "complete_version": "8.0.21"}, "flavor_ref": "rds.mysql.s1.large",
              "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
              "security_group_id": "sg-1", "port": 3306}
DDS_BASE = dds_params(REPLICA, name="catalog-copy")
DDS_SOURCE = listed_record(dds_params(REPLICA, name="catalog"), instance_id=SOURCE_ID)
DDS_TARGET = listed_record(DDS_BASE, instance_id=NEW_ID)
BACKUPS = [
    {"id": "older", "name": "nightly-1", "instance_id": SOURCE_ID, "status": "COMPLETED", "type": "auto",
     "begin_time": "2024-04-30T01:00:00+0000", "end_time": "2024-04-30T01:10:00+0000"},
    {"id": BACKUP_ID, "name": "nightly-2", "instance_id": SOURCE_ID, "status": "COMPLETED", "type": "auto",
     "begin_time": "2024-05-01T01:00:00+0000", "end_time": "2024-05-01T01:10:00+0000"},
    {"id": "running", "name": "manual-now", "instance_id": SOURCE_ID, "status": "BUILDING", "type": "manual",
     "begin_time": "2024-05-01T09:00:00+0000"},
]
SERVICES = {
    "rds": dict(adapter=rds.RdsInstances, base="https://rds.example.test/v3/" + RDS_PID, params=RDS_PARAMS, source=RDS_SOURCE,
                target=RDS_TARGET, validate=rds_v1.validate_any_instance),
    "dds": dict(adapter=dds.DdsInstances, base="https://dds.example.test/v3/" + DDS_PID, params=DDS_BASE, source=DDS_SOURCE,
                target=DDS_TARGET, validate=dds.validate_instance),
}
ENDPOINTS = {"rds": "https://rds.example.test", "dds": "https://dds.example.test"}


class FakeCloud:
    """The source, its backups and restorable ranges; a POST /instances creates the target, ready at once."""

    def __init__(self, rsps, service, existing=False):
        self.service = service
        conf = SERVICES[service]
        self.base = conf["base"]
        self.instances = [copy.deepcopy(conf["source"])] + ([copy.deepcopy(conf["target"])] if existing else [])
        self.log = []
        self.sent = None
        rsps.add_callback(responses.GET, self.base + "/instances", callback=self.list_instances)
        rsps.add_callback(responses.POST, self.base + "/instances", callback=self.create)
        rsps.add_callback(responses.GET, self.base + "/backups", callback=self.list_backups)
        rsps.add_callback(responses.GET, re.compile(re.escape(self.base + "/instances/") + ".*/restore-time"), callback=self.ranges)
        rsps.add_callback(responses.GET, self.base + "/jobs", callback=lambda request: self.ok(request, {"job": {"id": "j", "status": "Completed"}}))

    def ok(self, request, answer, status=200):
        parts = urlsplit(request.url)
        self.log.append((request.method, parts.path[len(urlsplit(self.base).path):], dict(parse_qsl(parts.query))))
        return status, {"X-Request-Id": "req-unit"}, json.dumps(answer)

    def list_instances(self, request):
        query = dict(parse_qsl(urlsplit(request.url).query))
        found = [record for record in self.instances if all(record.get(key) == query[key] for key in ("id", "name") if key in query)]
        return self.ok(request, {"instances": found, "total_count": len(found)})

    def list_backups(self, request):
        query = dict(parse_qsl(urlsplit(request.url).query))
        return self.ok(request, {"backups": [b for b in BACKUPS if b["instance_id"] == query.get("instance_id")], "total_count": 3})

    def ranges(self, request):
        return self.ok(request, RANGES)

    def create(self, request):
        self.sent = json.loads(request.body)
        self.instances.append(copy.deepcopy(SERVICES[self.service]["target"]))
        if self.service == "dds":
            return self.ok(request, {"id": NEW_ID, "name": self.sent["name"], "status": "creating", "job_id": "job-restore"}, 202)
        return self.ok(request, {"instance": {"id": NEW_ID, "name": self.sent["name"], "status": "BUILD"}, "job_id": "job-restore"}, 202)

    def writes(self):
        return [entry for entry in self.log if entry[0] != "GET"]


def task(service, **restore_from):
    values = copy.deepcopy(SERVICES[service]["params"])
    values["endpoints"] = ENDPOINTS
    values["restore_from"] = dict({"source_name": SERVICES[service]["source"]["name"]}, **restore_from)
    return values


def restore(service, values, check_mode=False):
    SERVICES[service]["validate"](values)
    return run(SERVICES[service]["adapter"], values, check_mode=check_mode)[0]


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.mark.parametrize("service", sorted(SERVICES))
@pytest.mark.parametrize("choice, backup_id", [
    ({"backup_id": BACKUP_ID}, BACKUP_ID), ({"backup_name": "nightly-1"}, "older"), ({"backup": "latest"}, BACKUP_ID)])
def test_restore_from_a_backup_sends_the_restore_point(mocked, service, choice, backup_id):
    cloud = FakeCloud(mocked, service)
    result = restore(service, task(service, **choice))
    assert result["changed"] is True
    assert cloud.sent["restore_point"] == {"instance_id": SOURCE_ID, "type": "backup", "backup_id": backup_id}
    assert [(method, path) for method, path, _query in cloud.writes()] == [("POST", "/instances")]
    assert result["restore_point"]["backup_id"] == backup_id and result["restore_point"]["source_name"] == SERVICES[service]["source"]["name"]


def test_rds_restore_body_is_the_create_body_plus_restore_point_without_client_token(mocked):
    cloud = FakeCloud(mocked, "rds")
    restore("rds", task("rds", backup="latest"))
    assert cloud.sent["datastore"] == {"type": "MySQL", "version": "8.0"} and cloud.sent["name"] == "orders-copy"
    post = [call for call in mocked.calls if call.request.method == "POST"][0]
    assert "X-Client-Token" not in post.request.headers


def test_dds_restore_body_is_its_own(mocked):
    cloud = FakeCloud(mocked, "dds")
    restore("dds", task("dds", backup_id=BACKUP_ID))
    for absent in ("datastore", "region", "mode", "port", "tags"):
        assert absent not in cloud.sent
    assert cloud.sent["flavor"] == [{"type": "replica", "num": "1", "size": "30", "spec_code": "dds.mongodb.s6.large.4.repset"}]
    assert cloud.sent["backup_strategy"] == {"start_time": "08:15-09:15", "keep_days": "8"}


@pytest.mark.parametrize("service, sent", [("rds", T0), ("dds", str(T0))])
@pytest.mark.parametrize("given", [T0, "2024-05-01T10:00:00Z", "2024-05-01T12:00:00+02:00"])
def test_restore_to_a_point_in_time_checks_the_ranges_by_date(mocked, service, sent, given):
    cloud = FakeCloud(mocked, service)
    result = restore(service, task(service, restore_time=given))
    assert cloud.sent["restore_point"] == {"instance_id": SOURCE_ID, "type": "timestamp", "restore_time": sent}
    asked = [query for method, path, query in cloud.log if path.endswith("/restore-time")]
    assert asked == [{"date": "2024-05-01"}]
    assert result["restore_point"]["restore_time_utc"] == "2024-05-01T10:00:00Z"


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_time_outside_the_ranges_fails_with_no_write(mocked, service):
    cloud = FakeCloud(mocked, service)
    with pytest.raises(ValidationError) as caught:
        restore(service, task(service, restore_time=T0 + 7200000))
    assert caught.value.option == "restore_from.restore_time" and "outside every restorable time range" in caught.value.rule
    assert cloud.writes() == []


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_future_time_fails_before_any_request(mocked, service):
    cloud = FakeCloud(mocked, service)
    future = int((time.time() + 86400) * 1000)
    with pytest.raises(ValidationError) as caught:
        restore(service, task(service, restore_time=future))
    assert caught.value.option == "restore_from.restore_time" and "in the future" in caught.value.rule
    assert cloud.log == []


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_backup_not_completed_fails_with_no_write(mocked, service):
    cloud = FakeCloud(mocked, service)
    with pytest.raises(DbaasError) as caught:
        restore(service, task(service, backup_name="manual-now"))
    assert "restore_from.backup_name" in str(caught.value) and "only COMPLETED backups can be restored" in str(caught.value)
    assert cloud.writes() == []


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_converged_rerun_costs_one_request(mocked, service):
    cloud = FakeCloud(mocked, service, existing=True)
    result = restore(service, task(service, restore_time=T0))
    assert result["changed"] is False
    assert len(cloud.log) == 1 and cloud.log[0][1] == "/instances"


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_check_mode_resolves_the_restore_point_without_writing(mocked, service):
    cloud = FakeCloud(mocked, service)
    result = restore(service, task(service, backup="latest"), check_mode=True)
    assert result["changed"] is True and result["restore_point"]["backup_id"] == BACKUP_ID
    assert cloud.writes() == []


def test_the_target_engine_version_must_be_the_sources(mocked):
    cloud = FakeCloud(mocked, "rds")
    values = task("rds", backup="latest")
    values["engine_version"] = "5.7"
    with pytest.raises(DbaasError) as caught:
        restore("rds", values)
    assert "engine_version: must be the version of the source instance" in str(caught.value)
    assert cloud.writes() == []


def test_the_target_dds_version_must_be_the_sources(mocked):
    cloud = FakeCloud(mocked, "dds")
    values = task("dds", backup="latest")
    values["datastore"] = dict(values["datastore"], version="4.2")
    with pytest.raises(DbaasError) as caught:
        restore("dds", values)
    assert "datastore.version: must be the version of the source instance" in str(caught.value)
    assert cloud.writes() == []


@pytest.mark.parametrize("service", sorted(SERVICES))
@pytest.mark.parametrize("restore_from, option", [
    ({"backup": "latest"}, "restore_from.source_name|restore_from.source_id"),
    ({"source_name": "a", "source_id": "b", "backup": "latest"}, "restore_from.source_id"),
    ({"source_name": "a"}, "restore_from.backup_id|restore_from.backup_name|restore_from.backup|restore_from.restore_time"),
    ({"source_name": "a", "backup": "latest", "backup_id": "x"}, "restore_from.backup"),
    ({"source_name": "a", "restore_time": "2024-05-01T10:00:00"}, "restore_from.restore_time"),
])
def test_restore_from_input_rules(service, restore_from, option):
    values = task(service)
    values["restore_from"] = restore_from
    with pytest.raises(ValidationError) as caught:
        SERVICES[service]["validate"](values)
    assert caught.value.option == option


def test_restore_from_needs_the_v3_api():
    values = dict(task("rds", backup="latest"), api_version="v1")
    with pytest.raises(ValidationError) as caught:
        rds_v1.validate_any_instance(values)
    assert caught.value.option == "restore_from"
