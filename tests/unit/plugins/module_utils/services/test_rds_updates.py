# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_instance day 2: an existing RDS v3 instance converged in place, one documented call per changed option."""

from __future__ import annotations

import copy
import json
import re

import pytest
import requests
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import rds_v1

from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import AUTH, V3, V3_JOBS, run

INSTANCE_ID = "b0468a4a57904a4f84429030e52369e6in01"
ONE = V3 + "/" + INSTANCE_ID
PARAMS = dict(AUTH, name="orders-db", state="present", wait=True, drift="fail", api_version="v3", engine="mysql", engine_version="8.0",
              ha_mode="single", flavor="rds.mysql.s1.large", volume_type="ULTRAHIGH", volume_size=100, availability_zone=["eu-de-01"],
              vpc_id="vpc-1", subnet_id="subnet-1", security_group_id="sg-1", port=3306, password="Test@12345678",
              backup_strategy={"start_time": "08:15-09:15", "keep_days": 7}, charge_mode="postPaid", update_password="on_create",
              purge_tags=True)
RECORD = {"id": INSTANCE_ID, "name": "orders-db", "status": "ACTIVE", "type": "Single",
          "datastore": {"type": "MySQL", "version": "8.0", "complete_version": "8.0.21"}, "flavor_ref": "rds.mysql.s1.large",
          "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
          "security_group_id": "sg-1", "port": 3306, "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 7},
          "tags": [{"key": "team", "value": "orders"}]}


class FakeRds:
    """One RDS v3 instance behind responses: the documented calls change it, jobs end at once."""

    def __init__(self, rsps, record, lose=()):
        self.record = copy.deepcopy(record)
        self.writes = []
        self.lose = list(lose)  # writes (paths below the instance) whose first answer is lost after they were carried out
        rsps.add_callback(responses.GET, V3, callback=self.list)
        rsps.add_callback(responses.GET, V3_JOBS, callback=lambda request: self.ok({"job": {"id": "job-1", "status": "Completed"}}))
        for method in ("POST", "PUT"):
            rsps.add_callback(method, re.compile(re.escape(ONE) + "/.*"), callback=self.write)
        rsps.add_callback(responses.GET, ONE + "/backups/policy", callback=lambda request: self.ok(
            {"backup_policy": dict(self.record["backup_strategy"], period="1,3,5")}))

    @staticmethod
    def ok(body, status=200):
        return status, {"X-Request-Id": "req-unit"}, json.dumps(body)

    def list(self, _request):
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
        if what == "action" and "resize_flavor" in body:
            self.record["flavor_ref"] = body["resize_flavor"]["spec_code"]
        elif what == "action" and "enlarge_volume" in body:
            self.record["volume"]["size"] = body["enlarge_volume"]["size"]
        elif what == "action" and "single_to_ha" in body:
            self.record["type"] = "Ha"
        elif what == "port":
            self.record["port"] = body["port"]
            return self.ok({"workflowId": "wf-port"})
        elif what == "security-group":
            self.record["security_group_id"] = body["security_group_id"]
            return self.ok({"workflowId": "wf-sg"})
        elif what == "backups/policy":
            policy = body["backup_policy"]
            self.record["backup_strategy"] = {"start_time": policy["start_time"], "keep_days": policy["keep_days"]}
            return self.ok({})
        elif what == "tags/action":
            tags = {item["key"]: item.get("value") for item in self.record["tags"]}
            for item in body["tags"]:
                if body["action"] == "delete":
                    tags.pop(item["key"], None)
                else:
                    tags[item["key"]] = item["value"]
            self.record["tags"] = [{"key": key, "value": value} for key, value in tags.items()]
            return self.ok({})
        elif what == "password":
            return self.ok({})
        return self.ok({"job_id": "job-1"}, 202)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def converge(mocked, params, check_mode=False, record=None, lose=()):
    cloud = FakeRds(mocked, RECORD if record is None else record, lose)
    result, flow = run(rds_v1.instance_adapter, dict(params), check_mode=check_mode)
    return cloud, result, flow


UPDATES = [
    ("flavor", {"flavor": "rds.mysql.s1.xlarge"}, "resize_flavor", ("POST", "action", {"resize_flavor": {"spec_code": "rds.mysql.s1.xlarge"}})),
    ("volume_size", {"volume_size": 150}, "enlarge_volume", ("POST", "action", {"enlarge_volume": {"size": 150}})),
    ("port", {"port": 3307}, "update_port", ("PUT", "port", {"port": 3307})),
    ("security_group_id", {"security_group_id": "sg-2"}, "update_security_group", ("PUT", "security-group", {"security_group_id": "sg-2"})),
    ("backup_strategy", {"backup_strategy": {"start_time": "08:15-09:15", "keep_days": 14}}, "set_backup_policy",
     ("PUT", "backups/policy", {"backup_policy": {"keep_days": 14, "start_time": "08:15-09:15", "period": "1,3,5"}})),
    ("ha_mode", {"ha_mode": "ha", "replication_mode": "async", "availability_zone": ["eu-de-01", "eu-de-02"]}, "single_to_ha",
     ("POST", "action", {"single_to_ha": {"az_code_new_node": "eu-de-02"}})),
    ("tags", {"tags": {"team": "orders", "cost": "42"}}, "add_tags", ("POST", "tags/action", {"action": "create", "tags": [{"key": "cost", "value": "42"}]})),
]


@pytest.mark.parametrize("option, change, action, write", UPDATES, ids=[row[0] for row in UPDATES])
def test_one_write_of_the_documented_shape_then_converged(mocked, option, change, action, write):
    cloud, result, _flow = converge(mocked, dict(PARAMS, **change))
    assert result["changed"] is True
    assert [entry["action"] for entry in result["actions"]] == [action]
    assert cloud.writes == [write]
    mocked.calls.reset()
    again, _flow = run(rds_v1.instance_adapter, dict(PARAMS, **change))
    assert again["changed"] is False and again["actions"] == []
    assert [call.request.method for call in mocked.calls] == ["GET"]  # converged: the one list request


@pytest.mark.parametrize("option, change, action, write", UPDATES, ids=[row[0] for row in UPDATES])
def test_check_mode_plans_without_writing(mocked, option, change, action, write):
    cloud, result, _flow = converge(mocked, dict(PARAMS, **change), check_mode=True)
    assert result["changed"] is True
    assert [entry["action"] for entry in result["actions"]] == [action]
    assert cloud.writes == []


def test_several_changes_run_in_the_documented_order(mocked):
    change = {"flavor": "rds.mysql.s1.xlarge", "volume_size": 200, "port": 3307, "tags": {"cost": "42"}}
    cloud, result, _flow = converge(mocked, dict(PARAMS, **change))
    assert [entry["action"] for entry in result["actions"]] == ["resize_flavor", "enlarge_volume", "update_port", "remove_tags", "add_tags"]
    assert [what for _method, what, _body in cloud.writes] == ["action", "action", "port", "tags/action", "tags/action"]
    assert cloud.writes[3][2] == {"action": "delete", "tags": [{"key": "team"}]}
    assert result["diff"]["before"]["flavor_ref"] == "rds.mysql.s1.large" and result["diff"]["after"]["flavor_ref"] == "rds.mysql.s1.xlarge"
    assert result["instance"]["port"] == 3307


def test_tags_are_kept_without_purge(mocked):
    cloud, result, _flow = converge(mocked, dict(PARAMS, tags={"cost": "42"}, purge_tags=False))
    assert [entry["action"] for entry in result["actions"]] == ["add_tags"]
    assert len(cloud.writes) == 1


def test_password_is_reset_on_every_run_with_update_password_always(mocked):
    cloud, result, _flow = converge(mocked, dict(PARAMS, update_password="always"))
    assert result["changed"] is True and cloud.writes == [("POST", "password", {"db_user_pwd": "Test@12345678"})]
    assert "Test@12345678" not in repr(result)


@pytest.mark.parametrize("change, option", [
    ({"engine_version": "5.7"}, "engine_version"),
    ({"volume_type": "COMMON"}, "volume_type"),
    ({"vpc_id": "vpc-2"}, "vpc_id"),
])
def test_immutable_differences_fail_before_any_write(mocked, change, option):
    with pytest.raises(DbaasError) as caught:
        converge(mocked, dict(PARAMS, flavor="rds.mysql.s1.xlarge", **change))
    assert option + ": wanted" in str(caught.value) and "Nothing was changed" in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_drift_warn_still_applies_what_can_change(mocked):
    cloud, result, flow = converge(mocked, dict(PARAMS, drift="warn", vpc_id="vpc-2", port=3307))
    assert [entry["action"] for entry in result["actions"]] == ["update_port"]
    assert len(cloud.writes) == 1 and flow.warnings and "vpc_id" in flow.warnings[0]
    assert result["diff"]["after"]["vpc_id"] == "vpc-2" and result["diff"]["before"]["vpc_id"] == "vpc-1"


@pytest.mark.parametrize("change, option", [({"volume_size": 80}, "volume_size")])
def test_shrinking_fails_before_any_write(mocked, change, option):
    with pytest.raises(ValidationError) as caught:
        converge(mocked, dict(PARAMS, **change))
    assert caught.value.option == option and "cannot shrink" in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_ha_to_single_fails_before_any_write(mocked):
    with pytest.raises(ValidationError) as caught:
        converge(mocked, dict(PARAMS), record=dict(RECORD, type="Ha", ha={"replication_mode": "async"}))
    assert caught.value.option == "ha_mode"
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_a_backing_up_instance_is_converged_without_waiting(mocked):
    _cloud, result, _flow = converge(mocked, dict(PARAMS), record=dict(RECORD, status="BACKING UP"))
    assert result["changed"] is False
    assert [call.request.method for call in mocked.calls] == ["GET"]


@pytest.mark.parametrize("option, change, action, write", [row for row in UPDATES if row[0] in ("flavor", "port", "tags")],
                         ids=["flavor", "port", "tags"])
def test_a_lost_answer_is_settled_by_reading_the_instance_not_by_sending_again(mocked, option, change, action, write):
    # The write was carried out, then the connection dropped: the instance shows it, so it is not sent again (the PUT of
    # UpdatePort is not repeated by the client either, and the tags the instance lists settle BatchTagAddAction).
    cloud, result, _flow = converge(mocked, dict(PARAMS, **change), lose=[write[1]])
    assert result["changed"] is True and [entry["action"] for entry in result["actions"]] == [action]
    assert cloud.writes == [write]
