# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_backup, dds_backup and gauss_backup: manual backups through the shared flow, over a small stateful fake (responses)."""

from __future__ import annotations

import copy
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Flow
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import backups
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter
from ansible_collections.hwcloud.dbaas.plugins.modules import dds_backup, dds_backup_info, gauss_backup, rds_backup, rds_backup_info

PID = "0123456789abcdef0123456789abcdef"
ENDPOINTS = {"rds": "https://rds.example.test", "dds": "https://dds.example.test", "gaussdb": "https://gaussdb.example.test"}
AUTH = {"region": "eu-de", "platform": "huaweicloud", "project_id": PID, "access_key": "AK-UNIT", "secret_key": "SK-UNIT",
        "endpoints": ENDPOINTS, "request_timeout": 30}
WRITES = ("POST", "PUT", "DELETE")

# service -> the adapter, the module, the instance record, the manual type word, the word of a backup being deleted
SERVICES = {
    "rds": (backups.RdsBackups, rds_backup, {"id": "b0468a4a57904a4f84429030e52369e6in01", "name": "orders-db", "status": "ACTIVE",
                                             "type": "Single"}, "manual", "DELETING"),
    "dds": (backups.DdsBackups, dds_backup, {"id": "46125c43ca4d424a9f5c97354223c4e0in02", "name": "catalog-rs", "status": "normal",
                                             "mode": "ReplicaSet"}, "Manual", "DISABLED"),
    "gaussdb": (backups.GaussBackups, gauss_backup, {"id": "d8e6ca5a624745bcb546a227aa3ae1cfin14", "name": "orders-gauss",
                                                     "status": "ACTIVE"}, "manual", "DELETING"),
}
ALL = sorted(SERVICES)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


class FakeBackups:
    """One service's instances and backups: CreateManualBackup makes a BUILDING backup that is COMPLETED (or FAILED, for
    a name in ``fails``) after ``builds`` reads of it; DeleteManualBackup removes it after one read in the deleting status."""

    def __init__(self, rsps, service, instances=None, builds=2, fails=(), lose_create=False):
        self.service = service
        self.base = ENDPOINTS[service] + "/v3/" + PID
        self.instances = [copy.deepcopy(record) for record in (instances if instances is not None else [SERVICES[service][2]])]
        self.manual, self.deleting = SERVICES[service][3], SERVICES[service][4]
        self.backups = {}
        self.builds, self.fails, self.lose_create = builds, set(fails), lose_create
        self.counter = 0
        self.log = []
        rsps.add_callback(responses.GET, self.base + "/instances", callback=self.list_instances)
        rsps.add_callback(responses.GET, self.base + "/backups", callback=self.list_backups)
        rsps.add_callback(responses.POST, self.base + "/backups", callback=self.create)
        rsps.add_callback(responses.DELETE, re.compile(re.escape(self.base) + "/backups/.+"), callback=self.delete)

    @staticmethod
    def ok(body, status=200):
        return status, {"X-Request-Id": "req-unit"}, json.dumps(body)

    def note(self, request):
        self.log.append((request.method, urlsplit(request.url).path, dict(parse_qsl(urlsplit(request.url).query))))

    @property
    def writes(self):
        return [entry for entry in self.log if entry[0] in WRITES]

    def add_backup(self, instance_id, name, status="COMPLETED", kind=None, description=None):
        self.counter += 1
        backup_id = "bk%04d%s" % (self.counter, "br01")
        self.backups[backup_id] = {"id": backup_id, "name": name, "instance_id": instance_id, "status": status,
                                   "type": kind or self.manual, "begin_time": "2026-11-20T10:%02d:00+0000" % self.counter,
                                   "reads": 0, "description": description}
        return backup_id

    def list_instances(self, request):
        self.note(request)
        query = dict(parse_qsl(urlsplit(request.url).query))
        found = [record for record in self.instances
                 if ("id" not in query or record["id"] == query["id"]) and ("name" not in query or record["name"] == query["name"])]
        return self.ok({"instances": found, "total_count": len(found)})

    def visible(self, backup):
        shown = {key: value for key, value in backup.items() if key != "reads" and value is not None}
        if self.service == "rds":
            shown.pop("description", None)  # RDS v3 ListBackups reports no description
        return shown

    def list_backups(self, request):
        self.note(request)
        query = dict(parse_qsl(urlsplit(request.url).query))
        if self.service == "rds" and "instance_id" not in query:
            return self.ok({"error_code": "DBS.200001", "error_msg": "instance_id is mandatory"}, 400)
        found = []
        for backup_id, backup in list(self.backups.items()):
            if any(key in query and str(backup[field]) != query[key] for key, field in
                   (("instance_id", "instance_id"), ("backup_id", "id"), ("backup_type", "type"))):
                continue
            if "backup_name" in query and query["backup_name"] not in backup["name"]:
                continue  # DDS: fuzzy
            if "backup_id" in query:  # a poll of one backup moves it on
                backup["reads"] += 1
                if backup["status"] == "BUILDING" and backup["reads"] >= self.builds:
                    backup["status"] = "FAILED" if backup["name"] in self.fails else "COMPLETED"
                    backup["end_time"] = "2026-11-20T11:00:00+0000"
                elif backup["status"] == self.deleting and backup["reads"] >= 1:
                    del self.backups[backup_id]
                    continue
            found.append(self.visible(backup))
        return self.ok({"backups": found, "total_count": len(found)})

    def create(self, request):
        self.note(request)
        body = json.loads(request.body)
        self.log[-1] = self.log[-1] + (body,)
        option = body["backup"] if self.service == "dds" else body
        backup_id = self.add_backup(option["instance_id"], option["name"], "BUILDING", description=option.get("description"))
        if self.lose_create:
            self.lose_create = False
            raise requests.exceptions.ReadTimeout("read timed out")
        backup = self.visible(self.backups[backup_id])
        if self.service == "rds":
            return self.ok({"backup": backup})
        if self.service == "dds":
            return self.ok({"job_id": "job-backup", "backup_id": backup_id})
        return self.ok({"backup": backup, "job_id": "job-backup"}, 202)

    def delete(self, request):
        self.note(request)
        backup_id = urlsplit(request.url).path.rsplit("/", 1)[-1]
        if backup_id not in self.backups:
            return self.ok({"error_code": "DBS.200404", "error_msg": "backup not found"}, 404)
        self.backups[backup_id]["status"] = self.deleting
        self.backups[backup_id]["reads"] = 0
        if self.service == "dds":
            return self.ok({"job_id": "job-delete"})
        if self.service == "gaussdb":
            return self.ok({"backup_id": backup_id, "backup_name": self.backups[backup_id]["name"]}, 202)
        return self.ok({})


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def params(service, **override):
    spec = SERVICES[service][1].ARGUMENT_SPEC
    values = {key: rules.get("default") for key, rules in spec.items()}
    values.update(AUTH, wait=True, wait_timeout=600, poll_interval=5, name="before-upgrade", instance_name=SERVICES[service][2]["name"])
    values.update(override)
    return values


def run(service, values, check_mode=False):
    clock = Clock()
    client = Client(ClientConfig(values), deadline=clock.now + 600, clock=clock, sleep=clock.sleep)
    backups.validate_backup(values)
    adapter = SERVICES[service][0](client, values)
    flow = Flow(adapter, values, check_mode, Waiter(clock.now + 600, 5, clock, clock.sleep))
    return flow.run(), flow


def instance_id(service):
    return SERVICES[service][2]["id"]


# present ----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("service", ALL)
def test_create_waits_until_completed_then_converges_with_two_requests(mocked, service):
    cloud = FakeBackups(mocked, service)
    result, _flow = run(service, params(service, description="before the upgrade"))
    assert result["changed"] is True
    assert result["backup"]["status"] == "COMPLETED" and result["backup"]["name"] == "before-upgrade"
    posts = [entry for entry in cloud.writes if entry[0] == "POST"]
    assert len(posts) == 1 and cloud.writes == posts
    sent = posts[0][3]
    expected = {"instance_id": instance_id(service), "name": "before-upgrade", "description": "before the upgrade"}
    assert sent == ({"backup": expected} if service == "dds" else expected)
    assert result["diff"] == {"before": {}, "after": expected}
    assert "service" not in result and "instance" not in result
    cloud.log.clear()
    again, _flow = run(service, params(service, description="before the upgrade"))
    assert again["changed"] is False and again["actions"] == []
    assert [entry[:2] for entry in cloud.log] == [("GET", "/v3/%s/instances" % PID), ("GET", "/v3/%s/backups" % PID)]
    assert cloud.log[1][2]["instance_id"] == instance_id(service)
    assert cloud.log[1][2]["backup_type"] == SERVICES[service][3]


@pytest.mark.parametrize("service", ALL)
def test_job_id_of_the_create_is_returned_where_the_api_answers_one(mocked, service):
    FakeBackups(mocked, service)
    result, _flow = run(service, params(service))
    assert result["job_id"] == (None if service == "rds" else "job-backup")


@pytest.mark.parametrize("service", ALL)
def test_check_mode_sends_no_write(mocked, service):
    cloud = FakeBackups(mocked, service)
    result, _flow = run(service, params(service), check_mode=True)
    assert result["changed"] is True and cloud.writes == []
    assert result["backup"] == {"name": "before-upgrade", "instance_id": instance_id(service)}
    cloud.add_backup(instance_id(service), "before-upgrade")
    absent, _flow = run(service, params(service, state="absent"), check_mode=True)
    assert absent["changed"] is True and cloud.writes == []


@pytest.mark.parametrize("service", ALL)
def test_wait_false_returns_after_the_create(mocked, service):
    cloud = FakeBackups(mocked, service)
    result, _flow = run(service, params(service, wait=False))
    assert result["changed"] is True and result["backup"]["id"] in cloud.backups
    assert [entry[0] for entry in cloud.log] == ["GET", "GET", "POST"]


@pytest.mark.parametrize("service", ALL)
def test_an_existing_building_backup_is_waited_for_not_taken_again(mocked, service):
    cloud = FakeBackups(mocked, service)
    cloud.add_backup(instance_id(service), "before-upgrade", status="BUILDING")
    result, _flow = run(service, params(service))
    assert result["changed"] is False and result["backup"]["status"] == "COMPLETED"
    assert cloud.writes == []


@pytest.mark.parametrize("service", ALL)
def test_a_backup_that_fails_fails_the_task_naming_it(mocked, service):
    cloud = FakeBackups(mocked, service, fails=("before-upgrade",))
    with pytest.raises(DbaasError) as info:
        run(service, params(service))
    assert "backup 'before-upgrade' (id " in str(info.value) and "FAILED" in str(info.value)
    assert len(cloud.writes) == 1
    with pytest.raises(DbaasError, match="exists but is FAILED; delete it with state=absent"):
        run(service, params(service))
    assert len(cloud.writes) == 1  # a failed backup is never taken again silently


@pytest.mark.parametrize("service", ALL)
def test_a_lost_create_answer_is_settled_by_name_without_a_second_backup(mocked, service):
    cloud = FakeBackups(mocked, service, lose_create=True)
    result, _flow = run(service, params(service))
    assert result["changed"] is True and result["backup"]["status"] == "COMPLETED"
    assert [entry[0] for entry in cloud.writes] == ["POST"]
    assert [backup["name"] for backup in cloud.backups.values()] == ["before-upgrade"]


@pytest.mark.parametrize("service", ALL)
def test_a_different_description_is_a_warning_not_a_change(mocked, service):
    cloud = FakeBackups(mocked, service)
    cloud.add_backup(instance_id(service), "before-upgrade", description="first")
    result, flow = run(service, params(service, description="second"))
    assert result["changed"] is False and cloud.writes == []
    if service == "rds":
        assert flow.warnings == []  # RDS v3 ListBackups does not report the description
    else:
        assert len(flow.warnings) == 1 and "description" in flow.warnings[0] and "cannot be changed" in flow.warnings[0]


@pytest.mark.parametrize("service", ALL)
def test_backups_of_other_types_and_names_are_not_taken_for_it(mocked, service):
    cloud = FakeBackups(mocked, service)
    cloud.add_backup(instance_id(service), "before-upgrade", kind="auto" if service != "dds" else "Auto")
    cloud.add_backup(instance_id(service), "before-upgrade-2")
    result, _flow = run(service, params(service))
    assert result["changed"] is True and len(cloud.writes) == 1


# the instance -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("service", ALL)
def test_two_instances_of_the_name_fail_listing_their_ids(mocked, service):
    first = SERVICES[service][2]
    cloud = FakeBackups(mocked, service, instances=[first, dict(first, id="other0000000000000000000000000in01")])
    with pytest.raises(DbaasError) as info:
        run(service, params(service))
    assert "instance_name: 2" in str(info.value) and first["id"] in str(info.value) and "other0000000000000000000000000in01" in str(info.value)
    assert cloud.writes == [] and len(cloud.log) == 1


@pytest.mark.parametrize("service", ALL)
def test_two_backups_of_the_name_fail_listing_their_ids(mocked, service):
    cloud = FakeBackups(mocked, service)
    ids = [cloud.add_backup(instance_id(service), "before-upgrade"), cloud.add_backup(instance_id(service), "before-upgrade")]
    with pytest.raises(DbaasError) as info:
        run(service, params(service, state="absent"))
    assert all(backup_id in str(info.value) for backup_id in ids) and cloud.writes == []


@pytest.mark.parametrize("service", ALL)
def test_a_missing_instance_fails_present_before_any_write(mocked, service):
    cloud = FakeBackups(mocked, service, instances=[])
    with pytest.raises(DbaasError, match="instance_name: no .* instance named"):
        run(service, params(service))
    with pytest.raises(DbaasError, match="instance_id: no .* instance with id"):
        run(service, params(service, instance_name=None, instance_id=instance_id(service)))
    assert cloud.writes == []


@pytest.mark.parametrize("service", ALL)
def test_present_by_id_accepts_the_backup_of_a_deleted_instance(mocked, service):
    cloud = FakeBackups(mocked, service, instances=[])
    cloud.add_backup(instance_id(service), "before-upgrade")
    result, _flow = run(service, params(service, instance_name=None, instance_id=instance_id(service)))
    assert result["changed"] is False and cloud.writes == []


def test_a_read_replica_is_refused_before_the_post(mocked):
    replica = dict(SERVICES["rds"][2], type="Replica")
    cloud = FakeBackups(mocked, "rds", instances=[replica])
    with pytest.raises(ValidationError) as info:
        run("rds", params("rds"))
    assert info.value.option == "instance_name" and "read replicas cannot be backed up" in str(info.value)
    assert cloud.writes == []
    with pytest.raises(ValidationError):
        run("rds", params("rds"), check_mode=True)


# absent -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("service", ALL)
def test_absent_deletes_only_that_backup_then_converges(mocked, service):
    cloud = FakeBackups(mocked, service)
    kept = cloud.add_backup(instance_id(service), "kept-backup")
    gone = cloud.add_backup(instance_id(service), "before-upgrade")
    result, _flow = run(service, params(service, state="absent"))
    assert result["changed"] is True and result["backup"]["id"] == gone
    assert [(entry[0], entry[1]) for entry in cloud.writes] == [("DELETE", "/v3/%s/backups/%s" % (PID, gone))]
    assert list(cloud.backups) == [kept]
    assert result["job_id"] == ("job-delete" if service == "dds" else None)
    cloud.log.clear()
    again, _flow = run(service, params(service, state="absent"))
    assert again["changed"] is False and again["backup"] == {} and cloud.writes == []
    assert len(cloud.log) == 2  # the instance lookup and the backup list


@pytest.mark.parametrize("service", ALL)
def test_absent_by_id_finds_the_backup_of_a_deleted_instance_with_one_list(mocked, service):
    cloud = FakeBackups(mocked, service, instances=[])
    backup_id = cloud.add_backup(instance_id(service), "before-upgrade")
    values = params(service, state="absent", instance_name=None, instance_id=instance_id(service))
    result, _flow = run(service, values)
    assert result["changed"] is True and [entry[1] for entry in cloud.writes] == ["/v3/%s/backups/%s" % (PID, backup_id)]
    cloud.log.clear()
    again, _flow = run(service, values)
    assert again["changed"] is False
    assert [entry[1] for entry in cloud.log] == ["/v3/%s/backups" % PID]  # converged: one request


@pytest.mark.parametrize("service", ALL)
def test_absent_by_the_name_of_a_deleted_instance_warns(mocked, service):
    cloud = FakeBackups(mocked, service, instances=[])
    cloud.add_backup(instance_id(service), "before-upgrade")
    result, flow = run(service, params(service, state="absent"))
    assert result["changed"] is False and cloud.writes == [] and len(cloud.log) == 1
    assert "set instance_id" in flow.warnings[0]


# input rules ------------------------------------------------------------------------------------------------------
BAD = [
    ({"name": "bk1"}, "name", "4 to 64"),
    ({"name": "b" * 65}, "name", "4 to 64"),
    ({"name": "1backup"}, "name", "start with a letter"),
    ({"name": "back up"}, "name", "start with a letter"),
    ({"name": "backup.1"}, "name", "start with a letter"),
    ({"description": "x" * 257}, "description", "at most 256"),
    ({"description": "a <b>"}, "description", "<>"),
    ({"instance_name": ""}, "instance_name", "empty"),
    ({"instance_id": "x"}, "instance_id", "cannot be combined"),
    ({"instance_name": None}, "instance_name|instance_id", "required"),
]


@pytest.mark.parametrize("service", ALL)
@pytest.mark.parametrize("override, option, text", BAD, ids=["%s-%d" % (row[1], index) for index, row in enumerate(BAD)])
def test_bad_input_fails_before_any_request(mocked, service, override, option, text):
    cloud = FakeBackups(mocked, service)
    with pytest.raises(ValidationError) as info:
        run(service, params(service, **override))
    assert info.value.option == option and text in info.value.rule
    assert cloud.log == []


def test_the_name_rules_are_create_rules():
    backups.validate_backup({"name": "bk1", "state": "absent", "instance_name": "orders-db"})


@pytest.mark.parametrize("module", [rds_backup, dds_backup, gauss_backup, rds_backup_info, dds_backup_info],
                         ids=lambda module: module.__name__.rsplit(".", 1)[-1])
def test_the_argument_spec_and_the_documentation_agree(module):
    import yaml  # pylint: disable=import-outside-toplevel

    documented = yaml.safe_load(module.DOCUMENTATION)
    assert set(module.ARGUMENT_SPEC) <= set(documented["options"])
    for option, rules in module.ARGUMENT_SPEC.items():
        assert documented["options"][option].get("choices") == rules.get("choices"), option
    assert documented["version_added"] == "1.0.0"


# listing ----------------------------------------------------------------------------------------------------------
def test_rds_backup_info_filters_by_instance_type_name_and_status(mocked):
    cloud = FakeBackups(mocked, "rds")
    iid = instance_id("rds")
    cloud.add_backup(iid, "nightly", kind="auto")
    cloud.add_backup(iid, "before-upgrade")
    cloud.add_backup(iid, "broken", status="FAILED")
    client = Client(ClientConfig(AUTH))
    listed = backups.rds_backup_infos(client, {"instance_name": "orders-db", "type": "manual", "status": ["COMPLETED"]})
    assert [backup["name"] for backup in listed] == ["before-upgrade"]
    assert cloud.log[-1][2]["backup_type"] == "manual" and cloud.log[-1][2]["instance_id"] == iid
    named = backups.rds_backup_infos(client, {"instance_id": iid, "name": "nightly"})
    assert [backup["name"] for backup in named] == ["nightly"]
    newest = backups.rds_backup_infos(client, {"instance_id": iid})
    assert [backup["name"] for backup in newest] == ["broken", "before-upgrade", "nightly"]
    assert backups.rds_backup_infos(client, {"instance_name": "no-such-db"}) == []
    with pytest.raises(ValidationError):
        backups.rds_backup_infos(client, {})


def test_dds_backup_info_sends_the_api_filters_and_compares_exactly(mocked):
    cloud = FakeBackups(mocked, "dds")
    iid = instance_id("dds")
    cloud.add_backup(iid, "before-upgrade")
    cloud.add_backup(iid, "before-upgrade-2")
    client = Client(ClientConfig(AUTH))
    listed = backups.dds_backup_infos(client, {"name": "before-upgrade", "type": "manual", "status": ["COMPLETED"]})
    assert [backup["name"] for backup in listed] == ["before-upgrade"]
    assert cloud.log[-1][2] == {"backup_type": "Manual", "backup_name": "before-upgrade", "backup_status": "COMPLETED",
                                "offset": "0", "limit": "100"}
    assert backups.dds_backup_infos(client, {"instance_name": "no-such-rs"}) == []
    with pytest.raises(ValidationError, match="incremental"):
        backups.dds_backup_infos(client, {"type": "incremental"})


def test_info_by_instance_id_costs_one_request_and_lists_backups_of_a_deleted_instance(mocked):
    for service, listing in (("rds", backups.rds_backup_infos), ("dds", backups.dds_backup_infos)):
        cloud = FakeBackups(mocked, service, instances=[])
        cloud.add_backup(instance_id(service), "before-upgrade")
        listed = listing(Client(ClientConfig(AUTH)), {"instance_id": instance_id(service)})
        assert [backup["name"] for backup in listed] == ["before-upgrade"]
        assert [entry[1] for entry in cloud.log] == ["/v3/%s/backups" % PID]


def test_dds_backup_info_sends_only_a_status_the_api_filters_by(mocked):
    cloud = FakeBackups(mocked, "dds")
    backups.dds_backup_infos(Client(ClientConfig(AUTH)), {"status": ["DISABLED"]})
    backups.dds_backup_infos(Client(ClientConfig(AUTH)), {"status": ["COMPLETED", "FAILED"]})
    assert all("backup_status" not in entry[2] for entry in cloud.log)


def test_two_instances_of_the_name_fail_the_listing_too(mocked):
    first = SERVICES["rds"][2]
    FakeBackups(mocked, "rds", instances=[first, dict(first, id="other0000000000000000000000000in01")])
    with pytest.raises(DbaasError, match="instance_name: 2 RDS instances"):
        backups.rds_backup_infos(Client(ClientConfig(AUTH)), {"instance_name": first["name"]})
