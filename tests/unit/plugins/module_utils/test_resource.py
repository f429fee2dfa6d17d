# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The find -> plan -> apply -> wait flow, driven through an in-memory service adapter."""

from __future__ import annotations

import copy
import re

import pytest
import requests
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import prune
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, JobFailed, WaitTimeout
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import CreateAnswer, Flow, ServiceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds import RdsInstances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter

PARAMS = {"name": "db1", "state": "present", "wait": True, "drift": "fail", "flavor": "f.large", "volume_size": 100, "port": 3306}


def record(instance_id="i-1", name="db1", status="ACTIVE", **fields):
    base = {"id": instance_id, "name": name, "status": status, "flavor_ref": "f.large", "volume": {"size": 100}, "port": "3306"}
    base.update(fields)
    return base


class FakeAdapter(ServiceAdapter):
    """An in-memory service: scripted lookups, records every write."""

    kind = "instance"
    ready_statuses = ("ACTIVE",)
    failed_statuses = ("FAILED",)
    settled_statuses = ()
    available_statuses = ()

    def __init__(self, params, listed=(), on_create=None):
        super().__init__(None, params)
        self.listed = [copy.deepcopy(item) for item in listed]
        self.gets = {}
        self.jobs = {}
        self.writes = []
        self.lookups = 0
        self.on_create = on_create or (lambda token: CreateAnswer("i-new", "job-1", record("i-new", status="BUILD")))

    def find_by_name(self, name):
        self.lookups += 1
        return [copy.deepcopy(item) for item in self.listed]

    @staticmethod
    def _next(script):
        return copy.deepcopy(script.pop(0) if len(script) > 1 else script[0])

    def get(self, instance_id):
        return self._next(self.gets[instance_id])

    def job_status(self, job_id):
        return self._next(self.jobs[job_id])

    def create(self, client_token):
        self.writes.append(("create", client_token))
        return self.on_create(client_token)

    def delete(self, record):
        self.writes.append(("delete", record["id"]))
        return "job-del"

    def desired(self):
        return prune({"flavor_ref": self.params.get("flavor"), "volume": {"size": self.params.get("volume_size")},
                      "port": self.params.get("port")})


def flow(adapter, check_mode=False, params=None, timeout=1000.0, fake_time=None):
    waiter = Waiter(fake_time.now + timeout, 5, clock=fake_time, sleep=fake_time.sleep)
    return Flow(adapter, params or adapter.params, check_mode, waiter)


# create ---------------------------------------------------------------------------------------------
def test_missing_instance_check_mode_reports_change_without_writing(fake_time):
    adapter = FakeAdapter(PARAMS)
    result = flow(adapter, check_mode=True, fake_time=fake_time).run()
    assert result["changed"] is True
    assert adapter.writes == []
    assert result["instance"]["name"] == "db1"
    assert result["diff"] == {"before": {}, "after": {"flavor_ref": "f.large", "volume": {"size": 100}, "port": 3306}}
    assert fake_time.sleeps == []


def test_missing_instance_is_created_and_waited_for(fake_time):
    adapter = FakeAdapter(PARAMS)
    adapter.jobs["job-1"] = [{"status": "Running"}, {"status": "Running"}, {"status": "Completed"}]
    adapter.gets["i-new"] = [record("i-new", status="BUILD"), record("i-new"), record("i-new", private_ips=["10.0.0.5"])]
    result = flow(adapter, fake_time=fake_time).run()
    assert result["changed"] is True
    assert result["job_id"] == "job-1"
    assert [kind for kind, _token in adapter.writes] == ["create"]
    # RDS v3 CreateInstance X-Client-Token: a lower-case UUID in the 8-4-4-4-12 form, else DBS.280497.
    assert re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", adapter.writes[0][1])
    assert result["instance"]["status"] == "ACTIVE"
    assert result["instance"]["private_ips"] == ["10.0.0.5"]  # the record read after waiting
    assert result["diff"]["before"] == {}


def test_create_without_wait_does_not_poll(fake_time):
    adapter = FakeAdapter(dict(PARAMS, wait=False))
    result = flow(adapter, fake_time=fake_time).run()
    assert result["changed"] is True and result["job_id"] == "job-1"
    assert result["instance"]["status"] == "BUILD"
    assert fake_time.sleeps == []


def test_create_job_failure_carries_fail_reason(fake_time):
    adapter = FakeAdapter(PARAMS)
    adapter.jobs["job-1"] = [{"status": "Running"}, {"status": "Failed", "fail_reason": "Insufficient resources in eu-de-01"}]
    with pytest.raises(JobFailed) as info:
        flow(adapter, fake_time=fake_time).run()
    assert info.value.reason == "Insufficient resources in eu-de-01"
    assert info.value.to_dict()["fail_reason"] == "Insufficient resources in eu-de-01"
    assert info.value.to_dict()["job_id"] == "job-1"
    assert "Insufficient resources" in str(info.value)


def test_create_instance_ending_failed_is_an_error(fake_time):
    adapter = FakeAdapter(PARAMS)
    adapter.jobs["job-1"] = [{"status": "Completed"}]
    adapter.gets["i-new"] = [record("i-new", status="BUILD"), record("i-new", status="FAILED")]
    with pytest.raises(DbaasError) as info:
        flow(adapter, fake_time=fake_time).run()
    assert "FAILED" in str(info.value) and "i-new" in str(info.value)


def test_create_waits_for_two_ready_polls(fake_time):
    adapter = FakeAdapter(PARAMS)
    adapter.jobs["job-1"] = [{"status": "Completed"}]
    statuses = ["ACTIVE", "BACKING UP", "ACTIVE", "ACTIVE"]
    adapter.gets["i-new"] = [record("i-new", status=status) for status in statuses]
    flow(adapter, fake_time=fake_time).run()
    assert adapter.gets["i-new"] == [record("i-new", status="ACTIVE")]  # every scripted answer consumed


def test_create_wait_times_out(fake_time):
    adapter = FakeAdapter(PARAMS)
    adapter.jobs["job-1"] = [{"status": "Completed"}]
    adapter.gets["i-new"] = [record("i-new", status="BUILD")]
    with pytest.raises(WaitTimeout) as info:
        flow(adapter, fake_time=fake_time, timeout=60).run()
    assert "BUILD" in str(info.value)


# existing -----------------------------------------------------------------------------------------
def test_existing_matching_instance_is_unchanged(fake_time):
    adapter = FakeAdapter(PARAMS, listed=[record()])
    result = flow(adapter, fake_time=fake_time).run()
    assert result["changed"] is False
    assert adapter.writes == []
    assert result["instance"]["id"] == "i-1"
    assert result["diff"]["before"] == result["diff"]["after"] == {"flavor_ref": "f.large", "volume": {"size": 100}, "port": "3306"}


def test_fuzzy_matches_with_other_names_are_ignored(fake_time):
    adapter = FakeAdapter(PARAMS, listed=[record("i-2", name="db1-copy"), record("i-1"), record("i-3", name="DB1")])
    result = flow(adapter, fake_time=fake_time).run()
    assert result["changed"] is False and result["instance"]["id"] == "i-1"


def test_two_instances_with_the_name_is_an_error(fake_time):
    adapter = FakeAdapter(PARAMS, listed=[record("i-1"), record("i-2")])
    with pytest.raises(DbaasError) as info:
        flow(adapter, fake_time=fake_time).run()
    assert "i-1" in str(info.value) and "i-2" in str(info.value)
    assert adapter.writes == []


def test_two_instances_is_an_error_for_absent_too(fake_time):
    adapter = FakeAdapter(dict(PARAMS, state="absent"), listed=[record("i-1"), record("i-2")])
    with pytest.raises(DbaasError):
        flow(adapter, fake_time=fake_time).run()
    assert adapter.writes == []


def test_drift_fail(fake_time):
    adapter = FakeAdapter(PARAMS, listed=[record(flavor_ref="f.small", volume={"size": 40})])
    with pytest.raises(DbaasError) as info:
        flow(adapter, fake_time=fake_time).run()
    message = str(info.value)
    assert "flavor_ref" in message and "f.large" in message and "f.small" in message
    assert "volume.size" in message
    assert "drift=warn" in message
    assert adapter.writes == []


def test_drift_warn(fake_time):
    adapter = FakeAdapter(dict(PARAMS, drift="warn"), listed=[record(flavor_ref="f.small")])
    run = flow(adapter, fake_time=fake_time)
    result = run.run()
    assert result["changed"] is False
    assert len(run.warnings) == 1 and "flavor_ref" in run.warnings[0]
    assert adapter.writes == []
    # --diff shows the drift: what exists before, what the task asks for after.
    assert result["diff"]["before"]["flavor_ref"] == "f.small" and result["diff"]["after"]["flavor_ref"] == "f.large"
    assert result["diff"]["before"]["volume"] == result["diff"]["after"]["volume"] == {"size": 100}


def test_drift_ignore(fake_time):
    adapter = FakeAdapter(dict(PARAMS, drift="ignore"), listed=[record(flavor_ref="f.small")])
    run = flow(adapter, fake_time=fake_time)
    result = run.run()
    assert result["changed"] is False
    assert run.warnings == []
    assert result["diff"]["before"] == result["diff"]["after"]


def test_drift_default_is_fail(fake_time):
    params = dict(PARAMS)
    del params["drift"]
    adapter = FakeAdapter(params, listed=[record(flavor_ref="f.small")])
    with pytest.raises(DbaasError):
        flow(adapter, fake_time=fake_time).run()


def test_existing_failed_instance_is_an_error(fake_time):
    adapter = FakeAdapter(PARAMS, listed=[record(status="FAILED")])
    with pytest.raises(DbaasError) as info:
        flow(adapter, fake_time=fake_time).run()
    assert "FAILED" in str(info.value) and "state=absent" in str(info.value)


def test_existing_building_instance_is_waited_for(fake_time):
    adapter = FakeAdapter(PARAMS, listed=[record(status="BUILD")])
    adapter.gets["i-1"] = [record(status="BUILD"), record(), record()]
    result = flow(adapter, fake_time=fake_time).run()
    assert result["changed"] is False and result["instance"]["status"] == "ACTIVE"
    assert adapter.writes == []


def test_existing_building_instance_not_waited_in_check_mode(fake_time):
    adapter = FakeAdapter(PARAMS, listed=[record(status="BUILD")])
    result = flow(adapter, check_mode=True, fake_time=fake_time).run()
    assert result["changed"] is False and fake_time.sleeps == []


# absent -----------------------------------------------------------------------------------------
def test_absent_deletes_and_waits_until_gone(fake_time):
    adapter = FakeAdapter(dict(PARAMS, state="absent"), listed=[record()])
    adapter.gets["i-1"] = [record(status="ACTIVE"), record(status="DELETING"), None]
    result = flow(adapter, fake_time=fake_time).run()
    assert result["changed"] is True
    assert adapter.writes == [("delete", "i-1")]
    assert result["job_id"] == "job-del"
    assert adapter.gets["i-1"] == [None]  # polled until the instance was gone
    assert result["diff"]["before"] == {"id": "i-1", "name": "db1", "status": "ACTIVE"}
    assert result["diff"]["after"] == {}


def test_absent_wait_times_out_while_instance_remains(fake_time):
    adapter = FakeAdapter(dict(PARAMS, state="absent"), listed=[record()])
    adapter.gets["i-1"] = [record(status="DELETING")]
    with pytest.raises(WaitTimeout):
        flow(adapter, fake_time=fake_time, timeout=30).run()


def test_absent_missing_is_unchanged(fake_time):
    adapter = FakeAdapter(dict(PARAMS, state="absent"))
    result = flow(adapter, fake_time=fake_time).run()
    assert result["changed"] is False and adapter.writes == []


def test_absent_check_mode_does_not_delete(fake_time):
    adapter = FakeAdapter(dict(PARAMS, state="absent"), listed=[record()])
    result = flow(adapter, check_mode=True, fake_time=fake_time).run()
    assert result["changed"] is True and adapter.writes == []


def test_absent_without_wait(fake_time):
    adapter = FakeAdapter(dict(PARAMS, state="absent", wait=False), listed=[record()])
    result = flow(adapter, fake_time=fake_time).run()
    assert adapter.writes == [("delete", "i-1")] and result["changed"] is True
    assert fake_time.sleeps == []


# the recover path through the real client and the RDS adapter ----------------------------------------
RDS = "https://rds.example.test"
INSTANCES = RDS + "/v3/0123456789abcdef0123456789abcdef/instances"
RDS_PARAMS = {
    "name": "orders-db", "state": "present", "region": "eu-de", "wait": True, "drift": "fail",
    "engine": "mysql", "engine_version": "8.0", "ha_mode": "single", "flavor": "rds.mysql.s1.large",
    "volume_type": "ULTRAHIGH", "volume_size": 100, "availability_zone": ["eu-de-01"], "vpc_id": "vpc-1",
    "subnet_id": "subnet-1", "security_group_id": "sg-1", "password": "Test@12345678", "charge_mode": "postPaid",
}


def rds_record(status):
    return {"id": "i-orders", "name": "orders-db", "status": status, "type": "Single",
            "datastore": {"type": "MySQL", "version": "8.0"}, "flavor_ref": "rds.mysql.s1.large",
            "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "port": 3306}


def test_lost_create_answer_recovered_through_client(fake_time):
    config = ClientConfig({"region": "eu-de", "project_id": "0123456789abcdef0123456789abcdef", "access_key": "AK", "secret_key": "SK",
                           "endpoints": {"rds": RDS}})
    client = Client(config, clock=fake_time, sleep=fake_time.sleep)
    waiter = Waiter(fake_time.now + 1000, 5, clock=fake_time, sleep=fake_time.sleep)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        mocked.add(responses.GET, INSTANCES, json={"instances": [], "total_count": 0})        # before: not there
        mocked.add(responses.POST, INSTANCES, body=requests.exceptions.ReadTimeout("read timed out"))
        mocked.add(responses.GET, INSTANCES, json={"instances": [rds_record("BUILD")], "total_count": 1})  # recover
        mocked.add(responses.GET, INSTANCES, json={"instances": [rds_record("ACTIVE")], "total_count": 1})
        result = Flow(RdsInstances(client, RDS_PARAMS), RDS_PARAMS, False, waiter).run()
        posts = [call for call in mocked.calls if call.request.method == "POST"]
    assert len(posts) == 1
    assert result["changed"] is True
    assert result["instance"]["id"] == "i-orders" and result["instance"]["status"] == "ACTIVE"
    assert result["job_id"] is None


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def flow_create(fake_time):
    """The flow's create over RDS v3 with a real client (AK/SK), wait=False."""
    config = ClientConfig({"region": "eu-de", "project_id": "0123456789abcdef0123456789abcdef", "access_key": "AK", "secret_key": "SK",
                           "endpoints": {"rds": RDS}})
    client = Client(config, clock=fake_time, sleep=fake_time.sleep)
    waiter = Waiter(fake_time.now + 1000, 5, clock=fake_time, sleep=fake_time.sleep)
    params = dict(RDS_PARAMS, wait=False)
    return Flow(RdsInstances(client, params), params, False, waiter).send_create()


def test_lost_create_answer_recovered_by_lookup(mocked, fake_time):
    mocked.add(responses.POST, INSTANCES, body=requests.exceptions.ConnectionError("connection reset by peer"))
    mocked.add(responses.POST, INSTANCES, status=202, json={"job_id": "must-not-be-sent"})
    mocked.add(responses.GET, INSTANCES, json={"instances": [rds_record("BUILD")], "total_count": 1})
    answer = flow_create(fake_time)
    assert answer.instance_id == "i-orders" and answer.job_id is None
    assert [call.request.method for call in mocked.calls] == ["POST", "GET"]  # looked up after the failed POST, no second POST
    assert len(fake_time.sleeps) == 1


def test_lost_create_answer_retried_with_same_client_token_when_nothing_found(mocked, fake_time):
    mocked.add(responses.POST, INSTANCES, body=requests.exceptions.ConnectionError("connection reset by peer"))
    mocked.add(responses.POST, INSTANCES, status=503, body="")
    mocked.add(responses.POST, INSTANCES, status=202, json={"job_id": "j3", "instance": {"id": "i3"}})
    mocked.add(responses.GET, INSTANCES, json={"instances": [], "total_count": 0})
    answer = flow_create(fake_time)
    assert answer.job_id == "j3"
    assert [call.request.method for call in mocked.calls] == ["POST", "GET", "POST", "GET", "POST"]
    tokens = {call.request.headers["X-Client-Token"] for call in mocked.calls if call.request.method == "POST"}
    assert len(tokens) == 1
