# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""final_backup_name: a manual backup taken and waited for before the instance is deleted (RDS v3, DDS, GaussDB)."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import dds, gauss, rds, rds_v1

from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import AUTH, PID, V1, body, run

INSTANCE_ID = "b0468a4a57904a4f84429030e52369e6in01"
BACKUP_ID = "43e4feaab48f11e89039fa163ebaa7e4br01"
ENDPOINTS = {"rds": "https://rds.example.test", "dds": "https://dds.example.test", "gaussdb": "https://gaussdb.example.test"}
SERVICES = {
    # service: (adapter, ready status of the instance, CreateManualBackup body, manual type word in ListBackups)
    "rds": (rds.RdsInstances, "ACTIVE", {"instance_id": INSTANCE_ID, "name": "orders-final"}, "manual"),
    "dds": (dds.DdsInstances, "normal", {"backup": {"instance_id": INSTANCE_ID, "name": "orders-final"}}, "Manual"),
    "gaussdb": (gauss.GaussRestore, "ACTIVE", {"instance_id": INSTANCE_ID, "name": "orders-final"}, "manual"),
}


class FakeService:
    """Instances, manual backups and jobs of one service behind responses; a new backup ends after its first poll."""

    def __init__(self, rsps, service, backups=(), outcome="COMPLETED"):
        self.service = service
        base = ENDPOINTS[service] + "/v3/" + PID
        self.base = base
        self.status = SERVICES[service][1]
        self.instances = [{"id": INSTANCE_ID, "name": "orders-db", "status": self.status}]
        self.backups = [dict(backup) for backup in backups]
        self.outcome = outcome
        self.log = []
        rsps.add_callback(responses.GET, base + "/instances", callback=self.list_instances)
        rsps.add_callback(responses.DELETE, re.compile(re.escape(base + "/instances/") + ".*"), callback=self.delete)
        rsps.add_callback(responses.GET, base + "/backups", callback=self.list_backups)
        rsps.add_callback(responses.POST, base + "/backups", callback=self.create_backup)
        rsps.add_callback(responses.GET, base + "/jobs", callback=lambda request: self.ok(request, {"job": {"id": "j", "status": "Completed"}}))

    def ok(self, request, answer, status=200):
        path = urlsplit(request.url).path[len("/v3/" + PID):]
        self.log.append((request.method, path))
        return status, {"X-Request-Id": "req-unit"}, json.dumps(answer)

    def list_instances(self, request):
        query = dict(parse_qsl(urlsplit(request.url).query))
        found = [record for record in self.instances if all(record.get(key) == query[key] for key in ("id", "name") if key in query)]
        return self.ok(request, {"instances": found, "total_count": len(found)})

    def delete(self, request):
        self.instances = []
        return self.ok(request, {"job_id": "job-delete"}, 202)

    def list_backups(self, request):
        query = dict(parse_qsl(urlsplit(request.url).query))
        found = [backup for backup in self.backups if backup["instance_id"] == query.get("instance_id")
                 and ("backup_id" not in query or backup["id"] == query["backup_id"])]
        answer = {"backups": [dict(backup) for backup in found], "total_count": len(found)}
        for backup in found:
            if backup["status"] == "BUILDING":
                backup["status"] = self.outcome  # seen BUILDING once, then done
        return self.ok(request, answer)

    def create_backup(self, request):
        sent = json.loads(request.body)
        self.sent = sent
        record = {"id": BACKUP_ID, "name": "orders-final", "instance_id": INSTANCE_ID, "status": "BUILDING",
                  "type": SERVICES[self.service][3], "begin_time": "2026-11-29T20:00:00+0000"}
        self.backups.append(record)
        if self.service == "dds":
            return self.ok(request, {"job_id": "job-backup", "backup_id": BACKUP_ID})
        answer = {"backup": dict(record)}
        if self.service == "gaussdb":
            answer["job_id"] = "job-backup"
        return self.ok(request, answer)


def params(service, **override):
    values = dict(AUTH, endpoints=ENDPOINTS, name="orders-db", state="absent", wait=True, api_version="v3", final_backup_name="orders-final")
    values.update(override)
    return values


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_final_backup_is_taken_and_completed_before_the_delete(mocked, service):
    fake = FakeService(mocked, service)
    result, _flow = run(SERVICES[service][0], params(service))
    assert result["changed"] is True
    assert fake.sent == SERVICES[service][2]
    writes = [entry for entry in fake.log if entry[0] != "GET"]
    assert writes == [("POST", "/backups"), ("DELETE", "/instances/" + INSTANCE_ID)]
    create, delete = fake.log.index(("POST", "/backups")), fake.log.index(("DELETE", "/instances/" + INSTANCE_ID))
    # between the two: the backup polled until COMPLETED (twice in a row)
    assert fake.log[create + 1:delete] == [("GET", "/backups")] * 3
    assert result["final_backup"]["id"] == BACKUP_ID and result["final_backup"]["status"] == "COMPLETED"
    assert result["final_backup"]["changed"] is True


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_nothing_is_deleted_when_the_backup_fails(mocked, service):
    fake = FakeService(mocked, service, outcome="FAILED")
    with pytest.raises(DbaasError) as caught:
        run(SERVICES[service][0], params(service))
    message = str(caught.value)
    assert "final_backup_name" in message and "'orders-final'" in message and "FAILED" in message
    assert "was not deleted" in message
    assert [entry for entry in fake.log if entry[0] == "DELETE"] == []
    assert fake.instances


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_an_existing_completed_backup_of_that_name_is_reused(mocked, service):
    existing = {"id": BACKUP_ID, "name": "orders-final", "instance_id": INSTANCE_ID, "status": "COMPLETED",
                "type": SERVICES[service][3]}
    fake = FakeService(mocked, service, backups=[existing])
    result, _flow = run(SERVICES[service][0], params(service))
    assert [entry for entry in fake.log if entry[0] == "POST"] == []
    assert ("DELETE", "/instances/" + INSTANCE_ID) in fake.log
    assert result["final_backup"]["changed"] is False and result["final_backup"]["id"] == BACKUP_ID


def test_an_existing_failed_backup_of_that_name_fails_without_deleting(mocked):
    existing = {"id": BACKUP_ID, "name": "orders-final", "instance_id": INSTANCE_ID, "status": "FAILED", "type": "manual"}
    fake = FakeService(mocked, "rds", backups=[existing])
    with pytest.raises(DbaasError) as caught:
        run(rds.RdsInstances, params("rds"))
    assert "orders-final" in str(caught.value) and "FAILED" in str(caught.value)
    assert [entry for entry in fake.log if entry[0] != "GET"] == []


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_rerun_after_the_delete_is_unchanged_with_one_request(mocked, service):
    fake = FakeService(mocked, service)
    run(SERVICES[service][0], params(service))
    fake.log.clear()
    result, _flow = run(SERVICES[service][0], params(service))
    assert result["changed"] is False
    assert fake.log == [("GET", "/instances")]


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_check_mode_plans_the_backup_and_the_delete_without_writing(mocked, service):
    fake = FakeService(mocked, service)
    result, _flow = run(SERVICES[service][0], params(service), check_mode=True)
    assert result["changed"] is True
    assert result["final_backup"]["name"] == "orders-final" and result["final_backup"]["changed"] is True
    assert [entry for entry in fake.log if entry[0] != "GET"] == []
    assert fake.instances


def test_without_final_backup_name_no_backup_is_looked_up(mocked):
    fake = FakeService(mocked, "rds")
    result, _flow = run(rds.RdsInstances, params("rds", final_backup_name=None))
    assert result["changed"] is True and "final_backup" not in result
    assert [entry for entry in fake.log if "/backups" in entry[1]] == []


@pytest.mark.parametrize("validate", [rds_v1.validate_any_instance, dds.validate_instance, gauss.validate_restore])
def test_final_backup_name_follows_the_backup_name_rules(validate):
    with pytest.raises(ValidationError) as caught:
        validate(params("rds", final_backup_name="1-starts-with-a-digit"))
    assert caught.value.option == "final_backup_name"


def test_final_backup_name_needs_the_v3_api():
    with pytest.raises(ValidationError) as caught:
        rds_v1.validate_any_instance(params("rds", api_version="v1"))
    assert caught.value.option == "final_backup_name" and "api_version=v3" in caught.value.rule


@pytest.mark.parametrize("keep, sent", [(None, "1"), (True, "1"), (False, "0")])
def test_v1_delete_keeps_the_last_manual_backup_unless_told_not_to(mocked, keep, sent):
    primary = {"id": "b0468a4a-5790-4a4f-8442-9030e52369e6", "name": "orders-db", "status": "ACTIVE"}
    mocked.add(responses.GET, V1, json={"instances": [primary]})
    mocked.add(responses.DELETE, V1 + "/" + primary["id"], json={"job_id": "job-del"}, status=202)
    values = dict(AUTH, name="orders-db", state="absent", wait=False, api_version="v1")
    if keep is not None:
        values["keep_last_manual_backup"] = keep
    result, _flow = run(rds_v1.instance_adapter, values)
    assert result["changed"] is True
    deletes = [call for call in mocked.calls if call.request.method == "DELETE"]
    assert body(deletes[0]) == {"keepLastManualBackup": sent}
