# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dds_instance day 2 end to end: an existing instance changed in place through the documented DDS calls.

For each option that can change: check mode plans the operation with 0 writes, the real run sends the documented
request(s), and the run after it is converged with the one list request.
"""

from __future__ import annotations

import copy
import re

import pytest

from tests.integration.test_dds_instance import REPLICA, SHARDING, SINGLE, task

PATH = re.compile(r"/instances/[0-9a-zA-Z_-]+/(?P<what>.+)$")


def writes(cloud) -> list:
    """(method, path below the instance, body) of every write the modules sent to DDS."""
    found = []
    for entry in cloud.requests("dds"):
        if entry["method"] == "GET":
            continue
        match = PATH.search(entry["path"])
        found.append((entry["method"], match.group("what") if match else entry["path"], entry["body"]))
    return found


def flavor(base: dict, node_type: str, **changes) -> list:
    return [dict(entry, **changes) if entry["type"] == node_type else dict(entry) for entry in base["flavor"]]


def with_changes(base: dict, **changes) -> dict:
    args = copy.deepcopy(base)
    args.update(copy.deepcopy(changes))
    return args


def mongos_nodes(instance: dict) -> list:
    return [node["id"] for group in instance["groups"] if group["type"] == "mongos" for node in group["nodes"]]


def group_ids(instance: dict, node_type: str) -> list:
    return [group["id"] for group in instance["groups"] if group["type"] == node_type]


# (id, base task, changes, actions, the writes expected: a function of the created instance)
UPDATES = [
    ("mongos-spec", SHARDING, {"flavor": flavor(SHARDING, "mongos", spec_code="dds.c3.large.4.mongos")}, ["resize_flavor"] * 2,
     lambda instance: [("POST", "resize", {"resize": {"target_type": "mongos", "target_id": node, "target_spec_code": "dds.c3.large.4.mongos"}})
                       for node in mongos_nodes(instance)]),
    ("shard-spec", SHARDING, {"flavor": flavor(SHARDING, "shard", spec_code="dds.c3.large.4.shard")}, ["resize_flavor"],
     lambda instance: [("POST", "resize", {"resize": {"target_type": "shard", "target_ids": group_ids(instance, "shard"),
                                                      "target_spec_code": "dds.c3.large.4.shard"}})]),
    ("config-spec", SHARDING, {"flavor": flavor(SHARDING, "config", spec_code="dds.c3.xlarge.2.config")}, ["resize_flavor"],
     lambda instance: [("POST", "resize", {"resize": {"target_type": "config", "target_id": group_ids(instance, "config")[0],
                                                      "target_spec_code": "dds.c3.xlarge.2.config"}})]),
    ("replica-spec", REPLICA, {"flavor": flavor(REPLICA, "replica", spec_code="dds.mongodb.s6.xlarge.4.repset")}, ["resize_flavor"],
     lambda instance: [("POST", "resize", {"resize": {"target_id": instance["id"], "target_spec_code": "dds.mongodb.s6.xlarge.4.repset"}})]),
    ("shard-size", SHARDING, {"flavor": flavor(SHARDING, "shard", size=30)}, ["enlarge_volume"] * 2,
     lambda instance: [("POST", "enlarge-volume", {"volume": {"size": "30", "group_id": group}}) for group in group_ids(instance, "shard")]),
    ("single-size", SINGLE, {"flavor": flavor(SINGLE, "single", size=40)}, ["enlarge_volume"],
     lambda instance: [("POST", "enlarge-volume", {"volume": {"size": "40"}})]),
    ("mongos-num", SHARDING, {"flavor": flavor(SHARDING, "mongos", num=3)}, ["add_nodes"],
     lambda instance: [("POST", "enlarge", {"type": "mongos", "spec_code": "dds.c3.medium.4.mongos", "num": "1"})]),
    ("shard-num", SHARDING, {"flavor": flavor(SHARDING, "shard", num=3)}, ["add_nodes"],
     lambda instance: [("POST", "enlarge", {"type": "shard", "spec_code": "dds.c3.medium.4.shard", "num": "1", "volume": {"size": "20"}})]),
    ("port", REPLICA, {"port": 8637}, ["update_port"], lambda instance: [("POST", "modify-port", {"port": 8637})]),
    ("security_group_id", SINGLE, {"security_group_id": "0c9d7b2e-4f1a-4b8e-9d3c-2a1b0c9d8e7f"}, ["update_security_group"],
     lambda instance: [("POST", "modify-security-group", {"security_group_id": "0c9d7b2e-4f1a-4b8e-9d3c-2a1b0c9d8e7f"})]),
    ("ssl_option", SINGLE, {"ssl_option": True}, ["switch_ssl"], lambda instance: [("POST", "switch-ssl", {"ssl_option": "1"})]),
    ("backup_strategy", SHARDING, {"backup_strategy": {"start_time": "23:00-00:00", "keep_days": 14}}, ["set_backup_policy"],
     lambda instance: [("PUT", "backups/policy", {"backup_policy": {"keep_days": "14", "start_time": "23:00-00:00",
                                                                    "period": "1,2,3,4,5,6,7"}})]),
    ("tags", REPLICA, {"tags": {"cost-center": "sessions"}}, ["add_tags"],
     lambda instance: [("POST", "tags/action", {"action": "create", "tags": [{"key": "cost-center", "value": "sessions"}]})]),
]


@pytest.mark.parametrize("name, base, changes, actions, expected", UPDATES, ids=[row[0] for row in UPDATES])
def test_update_check_mode_then_one_documented_write_then_converged(ansible, cloud, name, base, changes, actions, expected):
    created = ansible.run([task(base)])
    assert created.rc == 0, created.stdout
    instance = created.task("dds")["result"]["instance"]
    args = with_changes(base, **changes)

    cloud.clear_requests()
    planned = ansible.run([task(args)], check=True, diff=True)
    assert planned.rc == 0, planned.stdout
    result = planned.task("dds")["result"]
    assert result["changed"] is True
    assert [entry["action"] for entry in result["actions"]] == actions
    assert writes(cloud) == []

    cloud.clear_requests()
    changed = ansible.run([task(args)])
    assert changed.rc == 0, changed.stdout
    result = changed.task("dds")["result"]
    assert result["changed"] is True
    assert [entry["action"] for entry in result["actions"]] == actions
    assert writes(cloud) == expected(instance), name

    cloud.clear_requests()
    again = ansible.run([task(args)])
    assert again.rc == 0, again.stdout
    assert again.task("dds")["result"]["changed"] is False
    assert [(entry["method"], entry["service"]) for entry in cloud.requests()] == [("GET", "dds")]


def test_password_is_reset_only_with_update_password_always(ansible, cloud):
    assert ansible.run([task(REPLICA)]).rc == 0
    always = dict(REPLICA, update_password="always", password="New@pass1234")
    cloud.clear_requests()
    planned = ansible.run([task(always)], check=True)
    assert planned.rc == 0, planned.stdout
    assert [entry["action"] for entry in planned.task("dds")["result"]["actions"]] == ["reset_password"]
    assert writes(cloud) == []
    cloud.clear_requests()
    reset = ansible.run([task(always)])
    assert reset.rc == 0, reset.stdout
    assert reset.task("dds")["result"]["changed"] is True
    logged = writes(cloud)
    assert [(method, what) for method, what, _body in logged] == [("PUT", "reset-password")]
    assert logged[0][2]["user_name"] == "rwuser" and logged[0][2]["db_name"] == "admin"
    assert "New@pass1234" not in reset.stdout
    # update_password=on_create: an existing instance needs no password and costs the one list request.
    cloud.clear_requests()
    without = ansible.run([task({key: value for key, value in REPLICA.items() if key != "password"})])
    assert without.rc == 0, without.stdout
    assert without.task("dds")["result"]["changed"] is False
    assert [(entry["method"], entry["service"]) for entry in cloud.requests()] == [("GET", "dds")]


def test_tags_are_sent_with_the_create_and_purged_later(ansible, cloud):
    tagged = dict(SINGLE, tags={"team": "scratch", "env": "test"})
    created = ansible.run([task(tagged)])
    assert created.rc == 0, created.stdout
    posts = [body for method, what, body in writes(cloud) if method == "POST"]
    assert posts[0]["tags"] == [{"key": "env", "value": "test"}, {"key": "team", "value": "scratch"}]
    cloud.clear_requests()
    assert ansible.run([task(tagged)]).task("dds")["result"]["changed"] is False
    assert len(cloud.requests()) == 1
    cloud.clear_requests()
    purged = ansible.run([task(dict(SINGLE, tags={"team": "scratch"}))])
    assert purged.rc == 0, purged.stdout
    assert writes(cloud) == [("POST", "tags/action", {"action": "delete", "tags": [{"key": "env"}]})]


@pytest.mark.parametrize("changes, option", [
    ({"subnet_id": "0b5e6b8f-1c3d-4e5f-8a9b-0c1d2e3f4a5b"}, "subnet_id"),
    ({"datastore": {"version": "4.4"}}, "datastore.version"),
    ({"mode": "ReplicaSet", "flavor": REPLICA["flavor"]}, "mode"),
], ids=["subnet_id", "version", "mode"])
def test_immutable_differences_fail_with_no_write(ansible, cloud, changes, option):
    assert ansible.run([task(SINGLE)]).rc == 0
    cloud.clear_requests()
    run = ansible.run([task(with_changes(SINGLE, port=8637, **changes))])
    assert run.rc != 0
    assert option + ": wanted" in run.task("dds")["result"]["msg"]
    assert writes(cloud) == []


GROWN = with_changes(SHARDING, flavor=flavor(SHARDING, "mongos", num=3))


@pytest.mark.parametrize("changes, rule", [
    ({"flavor": flavor(GROWN, "shard", size=10)}, "cannot shrink the shard disks"),
    ({"flavor": flavor(GROWN, "mongos", num=2)}, "cannot remove mongos nodes"),
], ids=["smaller-disk", "fewer-mongos"])
def test_shrinking_fails_with_no_write(ansible, cloud, changes, rule):
    assert ansible.run([task(GROWN)]).rc == 0
    cloud.clear_requests()
    run = ansible.run([task(with_changes(GROWN, **changes))])
    assert run.rc != 0
    assert rule in run.task("dds")["result"]["msg"]
    assert writes(cloud) == []
