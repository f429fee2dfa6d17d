# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared flow driving the DDS adapter over mocked HTTP: create, converge, drift, failures, delete."""

from __future__ import annotations

import json
from typing import Any, Callable
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, JobFailed
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Flow
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.dds import DdsInstances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter

from ansible_collections.hwcloud.dbaas.tests.unit.utils.dds_data import INSTANCES, JOBS, REPLICA, SHARDING, SINGLE, listed_record, params
from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import Clock

INSTANCE_ID = "46125c43ca4d424a9f5c97354223c4e0in02"
JOB_ID = "c0c606b6-470a-48c7-97a2-6c7f146014d4"


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def run(module_params, check_mode=False):
    clock = Clock()
    client = Client(ClientConfig(module_params), deadline=clock.now + 3600, clock=clock, sleep=clock.sleep)
    flow = Flow(DdsInstances(client, module_params), module_params, check_mode, Waiter(clock.now + 3600, 5, clock, clock.sleep))
    return flow.run(), flow


def query(call) -> dict:
    return dict(parse_qsl(urlsplit(call.request.url).query))


def listing(*records) -> dict:
    return {"instances": list(records), "total_count": len(records)}


def answers(*bodies) -> Callable[[Any], Any]:
    """Callback bodies served in order; the last one repeats."""
    queue = list(bodies)

    def callback(_request):
        body = queue.pop(0) if len(queue) > 1 else queue[0]
        return 200, {"X-Request-Id": "req"}, json.dumps(body)
    return callback


def create_answer(base) -> dict:
    """The flat create answer of the seed: the request echoed, port as an int, status creating, plus job_id."""
    return {"id": INSTANCE_ID, "name": base["name"], "datastore": dict(base["datastore"], type="DDS-Community"), "created": "2019-01-14 08:50:27",
            "status": "creating", "region": "eu-de", "availability_zone": "eu-de-01", "vpc_id": base["vpc_id"],
            "subnet_id": base["subnet_id"], "security_group_id": base["security_group_id"], "mode": base["mode"], "port": 8635,
            "flavor": [{key: value for key, value in entry.items() if value is not None} for entry in base["flavor"]],
            "backup_strategy": {"start_time": "08:15-09:15", "keep_days": "8"}, "enterprise_project_id": "", "ssl_option": "1",
            "job_id": JOB_ID}


def mock_list(mocked, by_name, by_id):
    def callback(request):
        wanted = dict(parse_qsl(urlsplit(request.url).query))
        body = by_id(wanted["id"]) if "id" in wanted else by_name(wanted.get("name"))
        return 200, {"X-Request-Id": "req-list"}, json.dumps(body)
    mocked.add_callback(responses.GET, INSTANCES, callback=callback)


@pytest.mark.parametrize("base", [SHARDING, REPLICA, SINGLE], ids=["Sharding", "ReplicaSet", "Single"])
def test_create_waits_for_job_then_normal(mocked, base):
    statuses = ["creating", "normal", "normal"]

    def by_id(_instance_id):
        status = statuses.pop(0) if len(statuses) > 1 else statuses[0]
        return listing(listed_record(base, status=status))
    mock_list(mocked, lambda name: listing(), by_id)
    mocked.add(responses.POST, INSTANCES, status=202, json=create_answer(base))
    jobs = answers({"job": {"id": JOB_ID, "status": "Running"}}, {"job": {"id": JOB_ID, "status": "Completed"}})
    mocked.add_callback(responses.GET, JOBS, callback=jobs)
    result, _flow = run(params(base))
    assert result["changed"] is True
    assert result["job_id"] == JOB_ID
    assert result["instance"]["status"] == "normal"
    assert result["instance"]["id"] == INSTANCE_ID
    assert result["instance"]["port"] == 8635
    posts = [call for call in mocked.calls if call.request.method == "POST"]
    assert len(posts) == 1
    body = json.loads(posts[0].request.body)
    assert body["mode"] == base["mode"] and body["ssl_option"] == "1" and body["password"] == "Test@123"
    assert "X-Client-Token" not in posts[0].request.headers
    assert "Test@123" not in json.dumps(result)
    job_polls = [call for call in mocked.calls if call.request.url.startswith(JOBS)]
    assert [query(call)["id"] for call in job_polls] == [JOB_ID, JOB_ID]
    assert query(mocked.calls[0]) == {"name": base["name"], "offset": "0", "limit": "100"}


@pytest.mark.parametrize("base", [SHARDING, REPLICA, SINGLE], ids=["Sharding", "ReplicaSet", "Single"])
def test_converged_costs_one_list_request(mocked, base):
    mock_list(mocked, lambda name: listing(listed_record(base)), lambda _id: pytest.fail("no get expected"))
    result, flow = run(params(base, port=8635, ssl_option=True))
    assert result["changed"] is False
    assert len(mocked.calls) == 1
    assert flow.warnings == []
    assert result["diff"]["before"] == result["diff"]["after"]
    assert result["instance"]["flavor"][0]["type"] == base["flavor"][0]["type"]


def test_name_neighbours_and_other_modes_are_told_apart(mocked):
    neighbour = listed_record(SHARDING, instance_id="other", name="test-cluster-2")
    mock_list(mocked, lambda name: listing(neighbour), lambda _id: listing())
    result, _flow = run(params(SHARDING), check_mode=True)
    assert result["changed"] is True
    assert "mode" not in query(mocked.calls[0])


def test_check_mode_sends_no_write_and_shows_what_would_be_sent(mocked):
    mock_list(mocked, lambda name: listing(), lambda _id: listing())
    result, _flow = run(params(SHARDING), check_mode=True)
    assert result["changed"] is True
    assert [call.request.method for call in mocked.calls] == ["GET"]
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["mode"] == "Sharding"
    assert result["diff"]["after"]["flavor"][1] == {"type": "shard", "num": 2, "size": 20, "spec_code": "dds.c3.medium.4.shard"}
    assert "Test@123" not in json.dumps(result)


def test_drift_fails_naming_the_option(mocked):
    listed = listed_record(SHARDING, subnet_id="other-subnet")
    mock_list(mocked, lambda name: listing(listed), lambda _id: listing(listed))
    with pytest.raises(DbaasError) as caught:
        run(params(SHARDING))
    assert "subnet_id: wanted 'f1df08c5-71d1-406a-aff0-de435a51007b', found 'other-subnet'" in str(caught.value)
    assert len(mocked.calls) == 1


def test_drift_warn_accepts_the_instance(mocked):
    listed = listed_record(SHARDING, mode="ReplicaSet")
    mock_list(mocked, lambda name: listing(listed), lambda _id: listing(listed))
    result, flow = run(params(SHARDING, drift="warn"))
    assert result["changed"] is False and result["actions"] == []
    assert len(flow.warnings) == 1 and "mode" in flow.warnings[0]


def test_failed_job_reports_the_reason(mocked):
    mock_list(mocked, lambda name: listing(), lambda _id: listing(listed_record(SINGLE, status="createfail")))
    mocked.add(responses.POST, INSTANCES, status=202, json=create_answer(SINGLE))
    mocked.add(responses.GET, JOBS, json={"job": {"id": JOB_ID, "status": "Failed", "fail_reason": "no capacity in eu-de-01"}})
    with pytest.raises(JobFailed) as caught:
        run(params(SINGLE))
    assert "no capacity in eu-de-01" in str(caught.value)
    assert caught.value.to_dict()["fail_reason"] == "no capacity in eu-de-01"


def test_createfail_while_waiting_fails(mocked):
    mock_list(mocked, lambda name: listing(), lambda _id: listing(listed_record(SINGLE, status="createfail")))
    mocked.add(responses.POST, INSTANCES, status=202, json=create_answer(SINGLE))
    mocked.add(responses.GET, JOBS, json={"job": {"id": JOB_ID, "status": "Completed"}})
    with pytest.raises(DbaasError) as caught:
        run(params(SINGLE))
    assert "createfail" in str(caught.value)


@pytest.mark.parametrize("status", ["createfail", "abnormal"])
def test_existing_failed_instance_fails(mocked, status):
    mock_list(mocked, lambda name: listing(listed_record(SINGLE, status=status)), lambda _id: listing())
    with pytest.raises(DbaasError) as caught:
        run(params(SINGLE))
    assert status in str(caught.value)


@pytest.mark.parametrize("status", ["frozen", "data_disk_full", "enlargefail"])
def test_settled_status_is_returned_with_a_warning_without_waiting(mocked, status):
    mock_list(mocked, lambda name: listing(listed_record(SINGLE, status=status)), lambda _id: pytest.fail("no wait expected"))
    result, flow = run(params(SINGLE))
    assert result["changed"] is False
    assert result["instance"]["status"] == status
    assert len(mocked.calls) == 1
    assert status in flow.warnings[0]


def test_existing_creating_instance_is_waited_for(mocked):
    states = ["creating", "normal", "normal"]
    mock_list(mocked, lambda name: listing(listed_record(SINGLE, status="creating")),
              lambda _id: listing(listed_record(SINGLE, status=states.pop(0) if len(states) > 1 else states[0])))
    result, _flow = run(params(SINGLE))
    assert result["changed"] is False
    assert result["instance"]["status"] == "normal"


def test_no_wait_returns_the_create_answer(mocked):
    mock_list(mocked, lambda name: listing(), lambda _id: pytest.fail("no wait expected"))
    mocked.add(responses.POST, INSTANCES, status=202, json=create_answer(REPLICA))
    result, _flow = run(params(REPLICA, wait=False))
    assert result["changed"] is True
    assert result["job_id"] == JOB_ID
    assert result["instance"]["status"] == "creating"
    assert "job_id" not in result["instance"]
    assert result["instance"]["flavor"] == [{"type": "replica", "num": 1, "size": 30, "spec_code": "dds.mongodb.s6.large.4.repset"}]


def test_lost_create_answer_is_recovered_by_name(mocked):
    lookups = {"count": 0}

    def by_name(_name):
        lookups["count"] += 1
        return listing() if lookups["count"] == 1 else listing(listed_record(SINGLE, status="creating"))
    mock_list(mocked, by_name, lambda _id: listing(listed_record(SINGLE)))
    mocked.add(responses.POST, INSTANCES, status=503, json={"error_code": "DBS.000001", "error_msg": "unavailable"})
    result, _flow = run(params(SINGLE))
    assert result["changed"] is True
    assert result["instance"]["status"] == "normal"
    assert len([call for call in mocked.calls if call.request.method == "POST"]) == 1


def test_absent_deletes_and_waits_until_gone(mocked):
    gone = {"deleted": False}
    mock_list(mocked, lambda name: listing(listed_record(SHARDING)),
              lambda _id: listing() if gone["deleted"] else listing(listed_record(SHARDING)))

    def delete(_request):
        gone["deleted"] = True
        return 202, {}, json.dumps({"job_id": JOB_ID})
    mocked.add_callback(responses.DELETE, INSTANCES + "/" + INSTANCE_ID, callback=delete)
    result, _flow = run({**params(SHARDING), "state": "absent"})
    assert result["changed"] is True
    assert result["job_id"] == JOB_ID
    assert result["diff"]["before"]["id"] == INSTANCE_ID


def test_absent_when_missing_sends_nothing_else(mocked):
    mock_list(mocked, lambda name: listing(), lambda _id: listing())
    result, _flow = run({"name": "test-cluster", "state": "absent", **{k: v for k, v in params(SHARDING).items() if k not in ("name", "state")}})
    assert result["changed"] is False
    assert len(mocked.calls) == 1
