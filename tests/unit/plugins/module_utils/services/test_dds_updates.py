# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dds_instance day 2: an existing DDS instance converged in place, one documented call per changed option."""

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
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.dds import DdsInstances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter

from ansible_collections.hwcloud.dbaas.tests.unit.utils.dds_data import INSTANCES, JOBS, REPLICA, SHARDING, SINGLE, listed_record, params
from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import Clock

INSTANCE_ID = "46125c43ca4d424a9f5c97354223c4e0in02"
ONE = INSTANCES + "/" + INSTANCE_ID
TAGS = [{"key": "team", "value": "orders"}]


def run(module_params, check_mode=False):
    clock = Clock()
    client = Client(ClientConfig(module_params), deadline=clock.now + 3600, clock=clock, sleep=clock.sleep)
    flow = Flow(DdsInstances(client, module_params), module_params, check_mode, Waiter(clock.now + 3600, 5, clock, clock.sleep))
    return flow.run(), flow


class FakeDds:
    """One DDS instance behind responses: the documented calls change it, jobs end at once."""

    def __init__(self, rsps, record, lose_first_answer=False, drop_first_answer=False, running_reads=0):
        self.record = copy.deepcopy(record)
        self.writes = []
        self.lose_first_answer = lose_first_answer  # answered 503 after it was carried out
        self.drop_first_answer = drop_first_answer  # no answer at all after it was carried out (the connection dropped)
        # A port change runs for this many list reads: the instance stays normal and lists MODIFY_PORT in `actions`.
        self.running_reads = running_reads
        self.pending = {}
        rsps.add_callback(responses.GET, INSTANCES, callback=self.list)
        rsps.add_callback(responses.GET, JOBS, callback=lambda request: self.ok({"job": {"id": "job-1", "status": "Completed"}}))
        rsps.add_callback(responses.GET, ONE + "/backups/policy", callback=lambda request: self.ok(
            {"backup_policy": dict(self.record["backup_strategy"], period="1,3,5")}))
        rsps.add_callback(responses.GET, ONE + "/tags", callback=lambda request: self.ok({"tags": list(self.tags)}))
        self.tags = list(self.record.get("tags") or [])
        for method in ("POST", "PUT"):
            rsps.add_callback(method, re.compile(re.escape(ONE) + "/.*"), callback=self.write)

    @staticmethod
    def ok(body, status=200):
        return status, {"X-Request-Id": "req-unit"}, json.dumps(body)

    def list(self, request):
        if self.pending and self.running_reads <= 0:
            self.record.update(self.pending, actions=[])
            self.pending = {}
        self.running_reads -= 1
        wanted = dict(parse_qsl(urlsplit(request.url).query))
        if wanted.get("name") not in (None, self.record["name"]) or wanted.get("id") not in (None, self.record["id"]):
            return self.ok({"instances": [], "total_count": 0})
        return self.ok({"instances": [self.record], "total_count": 1})

    def groups(self, node_type):
        return [group for group in self.record["groups"] if group["type"] == node_type]

    def write(self, request):
        what = request.url[len(ONE) + 1:]
        body = json.loads(request.body)
        self.writes.append((request.method, what, body))
        answer = self.apply(what, body)
        if self.lose_first_answer:
            self.lose_first_answer = False
            return 503, {"X-Request-Id": "req-unit"}, json.dumps({"error_code": "DBS.000001", "error_msg": "unavailable"})
        if self.drop_first_answer:
            self.drop_first_answer = False
            raise requests.exceptions.ConnectionError("connection reset by peer")
        return answer

    def apply(self, what, body):
        if what == "resize":
            option = body["resize"]
            spec, kind = option["target_spec_code"], option.get("target_type")
            ids = option.get("target_ids") or [option.get("target_id")]
            for group in self.record["groups"]:
                for node in group["nodes"]:
                    if kind is None or (kind == "mongos" and node["id"] in ids) or (group.get("id") in ids and group["type"] == kind):
                        node["spec_code"] = spec
            return self.ok({"job_id": "job-1"}, 202)
        if what == "enlarge-volume":
            volume = body["volume"]
            for group in self.record["groups"]:
                if group["type"] != "mongos" and volume.get("group_id") in (None, group.get("id")):
                    group["volume"]["size"] = volume["size"]
            self.record["status"] = "normal"  # room again
            return self.ok({"job_id": "job-1"}, 202)
        if what == "enlarge":
            template = self.groups(body["type"])[-1]
            for index in range(int(body["num"])):
                if body["type"] == "mongos":
                    node = dict(template["nodes"][0], id="mongos-new-%d" % index, spec_code=body["spec_code"])
                    template["nodes"].append(node)
                else:
                    group = copy.deepcopy(template)
                    group["id"] = "shard-new-%d" % index
                    group["volume"]["size"] = body["volume"]["size"]
                    self.record["groups"].append(group)
            return self.ok({"job_id": "job-1"}, 202)
        if what == "modify-port":
            if self.running_reads > 0:
                self.pending["port"] = str(body["port"])
                self.record["actions"] = ["MODIFY_PORT"]
            else:
                self.record["port"] = str(body["port"])
            return self.ok({"job_id": "job-1", "port": body["port"]})
        if what == "modify-security-group":
            self.record["security_group_id"] = body["security_group_id"]
            return self.ok({"job_id": "job-1", "security_group_id": body["security_group_id"]})
        if what == "switch-ssl":
            self.record["ssl"] = int(body["ssl_option"])
            return self.ok({"job_id": "job-1", "ssl_option": body["ssl_option"]})
        if what == "backups/policy":
            policy = body["backup_policy"]
            self.record["backup_strategy"] = {"start_time": policy.get("start_time", "00:00-01:00"), "keep_days": int(policy["keep_days"])}
            return self.ok({})
        if what == "tags/action":
            tags = {item["key"]: item["value"] for item in self.tags}
            for item in body["tags"]:
                if body["action"] == "delete":
                    tags.pop(item["key"], None)
                else:
                    tags[item["key"]] = item["value"]
            self.tags = [{"key": key, "value": value} for key, value in tags.items()]
            if "tags" in self.record:
                self.record["tags"] = list(self.tags)
            return self.ok({})
        if what == "reset-password":
            return self.ok({})
        return 404, {}, json.dumps({"error_code": "DBS.200001", "error_msg": "unknown path %s" % what})


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def listed(base, **changes):
    changes.setdefault("tags", TAGS)
    return listed_record(base, port="8635", **changes)


def converge(mocked, task, check_mode=False, record=None, **fake):
    cloud = FakeDds(mocked, record if record is not None else listed(task["_base"]), **fake)
    result, flow = run({key: value for key, value in task.items() if key != "_base"}, check_mode=check_mode)
    return cloud, result, flow


def task(base, **changes):
    merged = params(base, port=8635, ssl_option=True, update_password="on_create", tags=None, purge_tags=True)
    merged.update(copy.deepcopy(changes))
    merged["_base"] = base
    return merged


def flavor(base, node_type, **changes):
    return [dict(entry, **changes) if entry["type"] == node_type else dict(entry) for entry in base["flavor"]]


MONGOS_NODES = ["no000", "no001"]
SHARD_GROUPS = ["gr01shard", "gr02shard"]
# (id, base, task changes, actions, writes): every updatable attribute, with the documented request(s) it makes.
UPDATES = [
    ("mongos-spec", SHARDING, {"flavor": flavor(SHARDING, "mongos", spec_code="dds.c3.large.4.mongos")}, ["resize_flavor"] * 2,
     [("POST", "resize", {"resize": {"target_type": "mongos", "target_id": node, "target_spec_code": "dds.c3.large.4.mongos"}})
      for node in MONGOS_NODES]),
    ("shard-spec", SHARDING, {"flavor": flavor(SHARDING, "shard", spec_code="dds.c3.large.4.shard")}, ["resize_flavor"],
     [("POST", "resize", {"resize": {"target_type": "shard", "target_ids": SHARD_GROUPS, "target_spec_code": "dds.c3.large.4.shard"}})]),
    ("config-spec", SHARDING, {"flavor": flavor(SHARDING, "config", spec_code="dds.c3.xlarge.2.config")}, ["resize_flavor"],
     [("POST", "resize", {"resize": {"target_type": "config", "target_id": "gr03config", "target_spec_code": "dds.c3.xlarge.2.config"}})]),
    ("replica-spec", REPLICA, {"flavor": flavor(REPLICA, "replica", spec_code="dds.mongodb.s6.xlarge.4.repset")}, ["resize_flavor"],
     [("POST", "resize", {"resize": {"target_id": INSTANCE_ID, "target_spec_code": "dds.mongodb.s6.xlarge.4.repset"}})]),
    ("single-spec", SINGLE, {"flavor": flavor(SINGLE, "single", spec_code="dds.mongodb.s6.large.4.single")}, ["resize_flavor"],
     [("POST", "resize", {"resize": {"target_id": INSTANCE_ID, "target_spec_code": "dds.mongodb.s6.large.4.single"}})]),
    ("shard-size", SHARDING, {"flavor": flavor(SHARDING, "shard", size=40)}, ["enlarge_volume"] * 2,
     [("POST", "enlarge-volume", {"volume": {"size": "40", "group_id": group}}) for group in SHARD_GROUPS]),
    ("replica-size", REPLICA, {"flavor": flavor(REPLICA, "replica", size=50)}, ["enlarge_volume"],
     [("POST", "enlarge-volume", {"volume": {"size": "50"}})]),
    ("single-size", SINGLE, {"flavor": flavor(SINGLE, "single", size=100)}, ["enlarge_volume"],
     [("POST", "enlarge-volume", {"volume": {"size": "100"}})]),
    ("mongos-num", SHARDING, {"flavor": flavor(SHARDING, "mongos", num=4)}, ["add_nodes"],
     [("POST", "enlarge", {"type": "mongos", "spec_code": "dds.c3.medium.4.mongos", "num": "2"})]),
    ("shard-num", SHARDING, {"flavor": flavor(SHARDING, "shard", num=3)}, ["add_nodes"],
     [("POST", "enlarge", {"type": "shard", "spec_code": "dds.c3.medium.4.shard", "num": "1", "volume": {"size": "20"}})]),
    ("port", SHARDING, {"port": 8636}, ["update_port"], [("POST", "modify-port", {"port": 8636})]),
    ("security_group_id", REPLICA, {"security_group_id": "sg-2"}, ["update_security_group"],
     [("POST", "modify-security-group", {"security_group_id": "sg-2"})]),
    ("ssl_option", SINGLE, {"ssl_option": False}, ["switch_ssl"], [("POST", "switch-ssl", {"ssl_option": "0"})]),
    ("backup_strategy", REPLICA, {"backup_strategy": {"start_time": "23:00-00:00", "keep_days": 14}}, ["set_backup_policy"],
     [("PUT", "backups/policy", {"backup_policy": {"keep_days": "14", "start_time": "23:00-00:00", "period": "1,3,5"}})]),
    ("tags", SHARDING, {"tags": {"team": "orders", "cost": "42"}}, ["add_tags"],
     [("POST", "tags/action", {"action": "create", "tags": [{"key": "cost", "value": "42"}]})]),
    ("purge_tags", SINGLE, {"tags": {}}, ["remove_tags"], [("POST", "tags/action", {"action": "delete", "tags": [{"key": "team"}]})]),
]


@pytest.mark.parametrize("name, base, change, actions, writes", UPDATES, ids=[row[0] for row in UPDATES])
def test_the_documented_write_then_converged(mocked, name, base, change, actions, writes):
    cloud, result, _flow = converge(mocked, task(base, **change))
    assert result["changed"] is True
    assert [entry["action"] for entry in result["actions"]] == actions
    assert cloud.writes == writes
    mocked.calls.reset()
    again, _flow = run({key: value for key, value in task(base, **change).items() if key != "_base"})
    assert again["changed"] is False and again["actions"] == []
    assert [call.request.method for call in mocked.calls] == ["GET"]  # converged: the one list request


@pytest.mark.parametrize("name, base, change, actions, writes", UPDATES, ids=[row[0] for row in UPDATES])
def test_check_mode_plans_without_writing(mocked, name, base, change, actions, writes):
    cloud, result, _flow = converge(mocked, task(base, **change), check_mode=True)
    assert result["changed"] is True
    assert [entry["action"] for entry in result["actions"]] == actions
    assert cloud.writes == []
    assert all(call.request.method == "GET" for call in mocked.calls)


def test_actions_name_the_node_type_and_target(mocked):
    _cloud, result, _flow = converge(mocked, task(SHARDING, flavor=flavor(SHARDING, "shard", spec_code="dds.c3.large.4.shard")),
                                     check_mode=True)
    assert result["actions"] == [{"action": "resize_flavor", "option": "flavor", "type": "shard", "target": SHARD_GROUPS,
                                  "from": "dds.c3.medium.4.shard", "to": "dds.c3.large.4.shard"}]
    assert result["diff"]["before"]["flavor"][1]["spec_code"] == "dds.c3.medium.4.shard"
    assert result["diff"]["after"]["flavor"][1]["spec_code"] == "dds.c3.large.4.shard"


def test_several_changes_run_in_the_documented_order(mocked):
    change = {"flavor": flavor(SHARDING, "shard", spec_code="dds.c3.large.4.shard", size=30, num=3), "port": 8636,
              "ssl_option": False, "security_group_id": "sg-2", "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 3},
              "update_password": "always", "tags": {"cost": "42"}}
    cloud, result, _flow = converge(mocked, task(SHARDING, **change))
    assert [entry["action"] for entry in result["actions"]] == [
        "resize_flavor", "enlarge_volume", "enlarge_volume", "add_nodes", "update_port", "update_security_group", "switch_ssl",
        "set_backup_policy", "reset_password", "remove_tags", "add_tags"]
    assert [what for _method, what, _body in cloud.writes] == [
        "resize", "enlarge-volume", "enlarge-volume", "enlarge", "modify-port", "modify-security-group", "switch-ssl",
        "backups/policy", "reset-password", "tags/action", "tags/action"]
    # 1 to 6 days kept: every weekday, without reading the current policy.
    assert cloud.writes[7][2] == {"backup_policy": {"keep_days": "3", "start_time": "08:15-09:15", "period": "1,2,3,4,5,6,7"}}
    assert not [call for call in mocked.calls if call.request.url.startswith(ONE + "/backups/policy") and call.request.method == "GET"]
    # The added shard has the new spec and the new size: it comes after the resize and the enlarge.
    assert cloud.writes[3][2] == {"type": "shard", "spec_code": "dds.c3.large.4.shard", "num": "1", "volume": {"size": "30"}}
    assert result["instance"]["port"] == 8636 and result["instance"]["ssl"] == 0
    assert result["instance"]["flavor"][1] == {"type": "shard", "num": 3, "size": 30, "spec_code": "dds.c3.large.4.shard"}
    assert "Test@123" not in json.dumps(result)


def test_only_shard_groups_that_differ_are_changed(mocked):
    record = listed(SHARDING)
    record["groups"][1]["volume"]["size"] = "40"  # gr01shard was enlarged by an earlier run that stopped
    cloud, result, _flow = converge(mocked, task(SHARDING, flavor=flavor(SHARDING, "shard", size=40)), record=record)
    assert cloud.writes == [("POST", "enlarge-volume", {"volume": {"size": "40", "group_id": "gr02shard"}})]
    assert result["actions"][0]["target"] == "gr02shard" and result["actions"][0]["from"] == 20


def test_a_mongos_resize_that_stopped_halfway_is_finished(mocked):
    record = listed(SHARDING)
    record["groups"][0]["nodes"][0]["spec_code"] = "dds.c3.large.4.mongos"
    # The listed flavor shows both spec codes, so the task is not taken as converged; only the other node is resized.
    assert DdsInstances(None, {}).normalize(record)["flavor"][0]["spec_code"] == "dds.c3.large.4.mongos,dds.c3.medium.4.mongos"
    cloud, result, _flow = converge(mocked, task(SHARDING, flavor=flavor(SHARDING, "mongos", spec_code="dds.c3.large.4.mongos")),
                                    record=record)
    assert result["actions"] == [{"action": "resize_flavor", "option": "flavor", "type": "mongos", "target": "no001",
                                  "from": "dds.c3.medium.4.mongos", "to": "dds.c3.large.4.mongos"}]
    assert cloud.writes == [("POST", "resize", {"resize": {"target_type": "mongos", "target_id": "no001",
                                                           "target_spec_code": "dds.c3.large.4.mongos"}})]


def test_password_is_reset_on_every_run_with_update_password_always(mocked):
    cloud, result, _flow = converge(mocked, task(REPLICA, update_password="always"))
    assert result["changed"] is True
    assert cloud.writes == [("PUT", "reset-password", {"user_pwd": "Test@123", "user_name": "rwuser", "db_name": "admin"})]
    assert result["actions"] == [{"action": "reset_password", "option": "password", "from": None, "to": None}]
    assert "Test@123" not in json.dumps(result)


def test_password_is_not_needed_for_an_existing_instance(mocked):
    cloud, result, _flow = converge(mocked, task(REPLICA, password=None, port=8636))
    assert [what for _method, what, _body in cloud.writes] == ["modify-port"]
    assert result["changed"] is True


def test_a_changed_tag_value_is_created_again_and_tags_are_kept_without_purge(mocked):
    cloud, result, _flow = converge(mocked, task(SINGLE, tags={"team": "billing"}, purge_tags=False),
                                    record=listed(SINGLE, tags=TAGS + [{"key": "env", "value": "prod"}]))
    assert cloud.writes == [("POST", "tags/action", {"action": "create", "tags": [{"key": "team", "value": "billing"}]})]
    assert result["actions"][0]["to"] == {"team": "billing", "env": "prod"}
    assert result["diff"]["before"]["tags"] == {"team": "orders", "env": "prod"}
    assert result["diff"]["after"]["tags"] == {"team": "billing", "env": "prod"}


def test_purged_tags_show_in_the_diff(mocked):
    _cloud, result, _flow = converge(mocked, task(SINGLE, tags={"team": "orders"}), check_mode=True,
                                     record=listed(SINGLE, tags=TAGS + [{"key": "env", "value": "prod"}]))
    assert result["actions"] == [{"action": "remove_tags", "option": "tags", "from": {"team": "orders", "env": "prod"},
                                  "to": {"team": "orders"}}]
    assert result["diff"]["before"]["tags"] == {"team": "orders", "env": "prod"} and result["diff"]["after"]["tags"] == {"team": "orders"}


def test_tags_missing_from_the_list_are_read_only_when_the_task_sets_them(mocked):
    record = listed(SINGLE)
    record.pop("tags")
    FakeDds(mocked, record).tags = list(TAGS)
    result, _flow = run({key: value for key, value in task(SINGLE).items() if key != "_base"})
    assert result["changed"] is False and [call.request.method for call in mocked.calls] == ["GET"]
    mocked.calls.reset()
    result, _flow = run({key: value for key, value in task(SINGLE, tags={"team": "orders"}).items() if key != "_base"})
    assert result["changed"] is False
    assert [(call.request.method, urlsplit(call.request.url).path.rsplit("/", 1)[-1]) for call in mocked.calls] == [
        ("GET", "instances"), ("GET", "tags")]


def test_disabling_backups_sends_keep_days_zero_only(mocked):
    cloud, result, _flow = converge(mocked, task(REPLICA, backup_strategy={"start_time": "08:15-09:15", "keep_days": 0}))
    assert cloud.writes == [("PUT", "backups/policy", {"backup_policy": {"keep_days": "0"}})]
    mocked.calls.reset()
    # Off and staying off: the window of the task is not compared.
    again, _flow = run({key: value for key, value in task(REPLICA, backup_strategy={"start_time": "10:00-11:00", "keep_days": 0}).items()
                        if key != "_base"})
    assert again["changed"] is False and len(mocked.calls) == 1


@pytest.mark.parametrize("change, option", [
    ({"mode": "ReplicaSet", "flavor": REPLICA["flavor"]}, "mode"),
    ({"datastore": {"type": "DDS-Community", "version": "4.0", "storage_engine": None}}, "datastore.version"),
    ({"vpc_id": "11111111-2222-3333-4444-555555555555"}, "vpc_id"),
    ({"subnet_id": "subnet-2"}, "subnet_id"),
    ({"region": "eu-nl"}, "region"),
    ({"disk_encryption_id": "11111111-2222-3333-4444-555555555555"}, "disk_encryption_id"),
])
def test_immutable_differences_fail_before_any_write(mocked, change, option):
    record = listed(SHARDING, disk_encryption_id="")
    with pytest.raises(DbaasError) as caught:
        converge(mocked, task(SHARDING, port=8636, **change), record=record)
    assert option + ": wanted" in str(caught.value) and "Nothing was changed" in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_other_node_types_are_drift_named_flavor(mocked):
    with pytest.raises(DbaasError) as caught:
        converge(mocked, task(REPLICA, flavor=SINGLE["flavor"]), record=listed(REPLICA))
    assert "flavor: wanted" in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_drift_warn_still_applies_what_can_change(mocked):
    cloud, result, flow = converge(mocked, task(SHARDING, drift="warn", subnet_id="subnet-2", port=8636))
    assert [entry["action"] for entry in result["actions"]] == ["update_port"]
    assert len(cloud.writes) == 1 and flow.warnings and "subnet_id" in flow.warnings[0]
    assert result["diff"]["after"]["subnet_id"] == "subnet-2" and result["diff"]["after"]["port"] == 8636


@pytest.mark.parametrize("base, change, rule", [
    (SHARDING, {"flavor": flavor(SHARDING, "shard", size=10)}, "cannot shrink the shard disks"),
    (REPLICA, {"flavor": flavor(REPLICA, "replica", size=20)}, "cannot shrink the replica disks"),
    (SINGLE, {"flavor": flavor(SINGLE, "single", size=20)}, "cannot shrink the single disks"),
], ids=["shard", "replica", "single"])
def test_a_smaller_disk_fails_before_any_write(mocked, base, change, rule):
    with pytest.raises(ValidationError) as caught:
        converge(mocked, task(base, port=8636, **change))
    assert caught.value.option == "flavor" and rule in str(caught.value) and "nothing was changed" in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_fewer_shards_fail_before_any_write(mocked):
    record = listed(SHARDING)
    record["groups"].append(dict(copy.deepcopy(record["groups"][1]), id="gr09shard"))
    with pytest.raises(ValidationError) as caught:
        converge(mocked, task(SHARDING, port=8636), record=record)
    assert caught.value.option == "flavor" and "cannot remove shard groups" in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_fewer_mongos_nodes_fail_before_any_write(mocked):
    with pytest.raises(ValidationError) as caught:
        converge(mocked, task(SHARDING, flavor=flavor(SHARDING, "mongos", num=2)), record=listed_record(
            dict(SHARDING, flavor=flavor(SHARDING, "mongos", num=3)), port="8635", tags=TAGS))
    assert caught.value.option == "flavor" and "cannot remove mongos nodes" in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_a_lost_answer_is_settled_by_reading_the_instance_not_by_sending_again(mocked):
    cloud, result, _flow = converge(mocked, task(SHARDING, port=8636), lose_first_answer=True)
    assert result["changed"] is True
    assert cloud.writes == [("POST", "modify-port", {"port": 8636})]


def test_a_dropped_answer_is_waited_for_until_the_action_under_way_ends(mocked):
    # DDS stays normal while the port changes; only `actions` lists MODIFY_PORT. The connection dropped after the service
    # started the change: the flow neither sends it again nor returns before the action ended, so the result shows the
    # new port (and the next run is converged).
    cloud, result, _flow = converge(mocked, task(SHARDING, port=8636), drop_first_answer=True, running_reads=10)
    assert cloud.writes == [("POST", "modify-port", {"port": 8636})]
    assert result["changed"] is True and result["instance"]["port"] == 8636 and result["instance"]["actions"] == []


def test_a_full_disk_is_enlarged_without_waiting_for_normal(mocked):
    cloud, result, _flow = converge(mocked, task(SINGLE, flavor=flavor(SINGLE, "single", size=60)),
                                    record=listed(SINGLE, status="data_disk_full"))
    assert cloud.writes == [("POST", "enlarge-volume", {"volume": {"size": "60"}})]
    assert result["changed"] is True


def test_wait_false_does_not_wait_after_the_last_operation(mocked):
    cloud, result, _flow = converge(mocked, task(SHARDING, wait=False, port=8636, security_group_id="sg-2"))
    assert [what for _method, what, _body in cloud.writes] == ["modify-port", "modify-security-group"]
    job_polls = [call for call in mocked.calls if call.request.url.startswith(JOBS)]
    assert len(job_polls) == 1  # the port's job, before the security group; not the last one
    assert result["changed"] is True
