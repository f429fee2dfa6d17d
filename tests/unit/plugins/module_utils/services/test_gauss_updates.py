# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""gauss_restore day 2: the restored instance converged in place, one documented GaussDB call per changed option."""

from __future__ import annotations

import copy
import json
import re

import pytest
import requests
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError

from .test_gauss_restore import BACKUP_LIST, INSTANCES, JOBS, NEW_ID, SOURCE, add_cloud, add_post, params, run_flow

ONE = INSTANCES + "/" + NEW_ID
RECORD = {"id": NEW_ID, "name": "orders-restored", "status": "ACTIVE", "flavor_ref": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
          "volume": {"type": "ULTRAHIGH", "size": 160}, "availability_zone": "eu-de-01,eu-de-02,eu-de-03",
          "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce", "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
          "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5", "port": "8635",
          "backup_strategy": {"start_time": "19:00-20:00", "keep_days": 7}, "tags": [{"key": "team", "value": ["orders"]}]}
EXISTING = dict(port=8635, backup_strategy={"start_time": "19:00-20:00", "keep_days": 7})


class FakeGauss:
    """One GaussDB instance behind responses: the documented calls change it, jobs end at once."""

    def __init__(self, rsps, lose=(), hidden_reads=0):
        self.record = copy.deepcopy(RECORD)
        self.writes = []
        self.lose = list(lose)  # writes (paths below the instance) whose first answer is lost after they were carried out
        # A new port shows in the list only after this many more list reads (its job runs without a status word).
        self.hidden_reads = hidden_reads
        self.hidden = {}
        rsps.add_callback(responses.GET, INSTANCES, callback=self.list)
        rsps.add_callback(responses.GET, JOBS, callback=lambda request: self.ok({"job": {"id": "job-1", "status": "Completed"}}))
        rsps.add_callback(responses.GET, ONE + "/backups/policy", callback=lambda request: self.ok(
            {"backup_policy": dict(self.record["backup_strategy"], period="1,2,3", differential_period=60)}))
        for method in ("POST", "PUT", "DELETE"):
            rsps.add_callback(method, re.compile(re.escape(ONE) + "/.*"), callback=self.write)

    @staticmethod
    def ok(body, status=200):
        return status, {"X-Request-Id": "req-unit"}, json.dumps(body)

    def list(self, _request):
        if self.hidden and self.hidden_reads == 0:
            self.record.update(self.hidden)
            self.hidden = {}
        self.hidden_reads -= 1
        return self.ok({"instances": [self.record], "total_count": 1})

    def write(self, request):
        what = request.url[len(ONE) + 1:]
        answer = self.apply(request.method, what, json.loads(request.body))
        if what in self.lose:
            self.lose.remove(what)
            raise requests.exceptions.ConnectionError("connection reset by peer")
        return answer

    def apply(self, method, what, body):
        self.writes.append((method, what, body))
        if what == "flavor":
            self.record["flavor_ref"] = body["flavor_ref"]
        elif what == "action":
            self.record["volume"]["size"] = body["enlarge_volume"]["size"]
        elif what == "port":
            (self.hidden if self.hidden_reads > 0 else self.record)["port"] = str(body["port"])
        elif what == "security-group":
            self.record["security_group_id"] = body["security_group_id"]
        elif what == "backups/policy":
            policy = body["backup_policy"]
            self.record["backup_strategy"] = {"start_time": policy["start_time"], "keep_days": policy["keep_days"]}
            return self.ok({})
        elif what == "tags" and method == "POST":
            self.record["tags"] += [{"key": item["key"], "value": [item["value"]]} for item in body["tags"]]
            return self.ok({"instance_id": NEW_ID, "instance_name": "orders-restored"})
        elif what == "tags":
            self.record["tags"] = [item for item in self.record["tags"] if item["key"] not in body["keys"]]
            return self.ok({})
        elif what == "password":
            return self.ok({})
        return self.ok({"job_id": "job-1"}, 202)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


UPDATES = [
    ("flavor", {"flavor": "gaussdb.opengauss.ee.dn.m6.4xlarge.8.in"}, "resize_flavor",
     ("PUT", "flavor", {"flavor_ref": "gaussdb.opengauss.ee.dn.m6.4xlarge.8.in"})),
    ("volume_size", {"volume_size": 320}, "enlarge_volume", ("POST", "action", {"enlarge_volume": {"size": 320}})),
    ("port", {"port": 8636}, "update_port", ("PUT", "port", {"port": 8636})),
    ("security_group_id", {"security_group_id": "sg-2"}, "update_security_group", ("PUT", "security-group", {"security_group_id": "sg-2"})),
    ("backup_strategy", {"backup_strategy": {"start_time": "19:00-20:00", "keep_days": 14}}, "set_backup_policy",
     ("PUT", "backups/policy", {"backup_policy": {"keep_days": 14, "start_time": "19:00-20:00", "period": "1,2,3", "differential_period": "60"}})),
    ("tags", {"tags": {"team": "orders", "cost": "42"}}, "add_tags", ("POST", "tags", {"tags": [{"key": "cost", "value": "42"}]})),
    ("tags-purged", {"tags": {}}, "remove_tags", ("DELETE", "tags", {"keys": ["team"]})),
]


@pytest.mark.parametrize("option, change, action, write", UPDATES, ids=[row[0] for row in UPDATES])
def test_one_write_of_the_documented_shape_then_converged(mocked, option, change, action, write):
    cloud = FakeGauss(mocked)
    result = run_flow(params(backup_id="b", **dict(EXISTING, **change)))
    assert result["changed"] is True and [entry["action"] for entry in result["actions"]] == [action]
    assert cloud.writes == [write]
    mocked.calls.reset()
    again = run_flow(params(backup_id="b", **dict(EXISTING, **change)))
    assert again["changed"] is False and again["actions"] == []
    assert [call.request.method for call in mocked.calls] == ["GET"]


@pytest.mark.parametrize("option, change, action, write", UPDATES, ids=[row[0] for row in UPDATES])
def test_check_mode_plans_without_writing(mocked, option, change, action, write):
    cloud = FakeGauss(mocked)
    result = run_flow(params(backup_id="b", **dict(EXISTING, **change)), check_mode=True)
    assert result["changed"] is True and [entry["action"] for entry in result["actions"]] == [action]
    assert cloud.writes == []


def test_password_reset_with_update_password_always(mocked):
    cloud = FakeGauss(mocked)
    result = run_flow(params(backup_id="b", update_password="always", **EXISTING))
    assert result["changed"] is True and cloud.writes == [("POST", "password", {"password": "Test@12345678"})]


def test_an_existing_instance_needs_no_password(mocked):
    FakeGauss(mocked)
    assert run_flow(params(backup_id="b", password=None, **EXISTING))["changed"] is False


def test_smaller_disk_and_immutable_options_fail_before_any_write(mocked):
    cloud = FakeGauss(mocked)
    with pytest.raises(ValidationError) as shrink:
        run_flow(params(backup_id="b", volume_size=80, **EXISTING))
    assert shrink.value.option == "volume_size"
    with pytest.raises(DbaasError) as drift:
        changes = dict(EXISTING)
        changes.update(backup_id="b", vpc_id="vpc-other", port=8636)
        run_flow(params(**changes))
    assert "vpc_id: wanted 'vpc-other'" in str(drift.value)
    assert cloud.writes == []


def test_tags_are_added_once_the_restored_instance_is_ready(mocked):
    # GaussDB CreateInstance (restore) takes no tags: one AddInstanceTags call follows the create, also with wait=false.
    instances = [dict(SOURCE)]
    add_cloud(mocked, instances, BACKUP_LIST)
    add_post(mocked, instances)
    added = []

    def add_tags(request):
        added.append(json.loads(request.body))
        return 200, {}, json.dumps({"instance_id": NEW_ID})
    mocked.add_callback(responses.POST, ONE + "/tags", callback=add_tags)
    result = run_flow(params(backup="latest", wait=False, tags={"cost": "42"}))
    assert result["changed"] is True
    assert [call.request.method for call in mocked.calls if call.request.method != "GET"] == ["POST", "POST"]
    assert added == [{"tags": [{"key": "cost", "value": "42"}]}]


def test_a_lost_port_answer_is_looked_for_until_the_port_shows_not_sent_again(mocked):
    # ModifyInstancePort (a PUT) was carried out, then the connection dropped. The instance shows no status while the
    # port changes, only the new port once the job is done: the flow reads it until then instead of sending it again.
    cloud = FakeGauss(mocked, lose=["port"], hidden_reads=3)
    changes = dict(EXISTING)
    changes.update(backup_id="b", port=8636)
    result = run_flow(params(**changes))
    assert result["changed"] is True and [entry["action"] for entry in result["actions"]] == ["update_port"]
    assert cloud.writes == [("PUT", "port", {"port": 8636})]
    assert result["instance"]["port"] == "8636"


def test_a_lost_tag_answer_is_settled_by_the_listed_tags(mocked):
    # AddInstanceTags (a POST, no job) took effect, then the connection dropped: the listed tags show it.
    cloud = FakeGauss(mocked, lose=["tags"])
    result = run_flow(params(backup_id="b", **dict(EXISTING, tags={"team": "orders", "cost": "42"})))
    assert result["changed"] is True and [entry["action"] for entry in result["actions"]] == ["add_tags"]
    assert cloud.writes == [("POST", "tags", {"tags": [{"key": "cost", "value": "42"}]})]
