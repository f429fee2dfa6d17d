# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_instance configuration_id on existing instances, and rds_replica changed in place, end to end against the emulator.

configuration_id: RDS v3 ShowConfiguration and ShowInstanceConfiguration are compared; EnableConfiguration is sent only when
a value differs, and StartInstanceRestartAction only with restart=true.
"""

from __future__ import annotations

from tests.integration.test_day2 import writes
from tests.integration.test_rds_instance import SINGLE
from tests.integration.test_rds_replica import REPLICA

TEMPLATE_ID = "cfg-orders-mysql80"
TEMPLATE = {"name": "orders-tuned", "datastore_name": "mysql", "datastore_version_name": "8.0", "parameters": {
    "max_connections": {"value": "1200", "restart_required": False},
    "performance_schema": {"value": "ON", "restart_required": True},
}}
DYNAMIC_ID = "cfg-orders-dynamic"
DYNAMIC = {"name": "orders-dynamic", "datastore_name": "mysql", "datastore_version_name": "8.0", "parameters": {
    "max_connections": {"value": "1500", "restart_required": False},
}}


def task(label: str, module: str, args: dict) -> dict:
    return {"name": label, "hwcloud.dbaas." + module: args}


def test_a_template_is_applied_once_and_restarted_only_when_allowed(ansible, cloud):
    cloud.config(configurations={TEMPLATE_ID: TEMPLATE, DYNAMIC_ID: DYNAMIC})
    other = dict(SINGLE, name="billing-db")
    assert ansible.run([task("create", "rds_instance", SINGLE), task("create other", "rds_instance", other)]).rc == 0

    # Without restart: the template is applied, the restart it needs is reported and not made.
    cloud.clear_requests()
    applied = ansible.run([task("apply", "rds_instance", dict(SINGLE, configuration_id=TEMPLATE_ID))])
    assert applied.rc == 0, applied.stdout
    result = applied.task("apply")["result"]
    assert result["changed"] is True and result["restart_required"] is True
    assert result["actions"] == [{"action": "apply_configuration", "option": "configuration_id",
                                  "from": {"max_connections": "800", "performance_schema": "OFF"},
                                  "to": {"max_connections": "1200", "performance_schema": "ON"}}]
    assert any("restart=true" in warning for warning in result.get("warnings", [])), result.get("warnings")
    sent = writes(cloud, "rds")
    assert len(sent) == 1 and sent[0][0] == "PUT" and sent[0][1].endswith("/configurations/%s/apply" % TEMPLATE_ID), sent
    assert sent[0][2]["instance_ids"] == [result["instance"]["id"]]

    # Converged: the list and the two parameter reads, no write.
    cloud.clear_requests()
    again = ansible.run([task("again", "rds_instance", dict(SINGLE, configuration_id=TEMPLATE_ID))])
    assert again.rc == 0, again.stdout
    assert again.task("again")["result"]["changed"] is False
    assert [entry["method"] for entry in cloud.requests()] == ["GET", "GET", "GET"]

    # With restart=true on the other instance: apply, then restart, each waited for.
    cloud.clear_requests()
    restarted = ansible.run([task("restart", "rds_instance", dict(other, configuration_id=TEMPLATE_ID, restart=True))])
    assert restarted.rc == 0, restarted.stdout
    result = restarted.task("restart")["result"]
    assert [entry["action"] for entry in result["actions"]] == ["apply_configuration", "restart"]
    assert result["restart_required"] is False
    sent = writes(cloud, "rds")
    assert [method for method, _path, _body in sent] == ["PUT", "POST"] and sent[1][1:] == ("action", {"restart": {}}), sent

    # A template whose parameters need no restart: no restart even with restart=true.
    cloud.clear_requests()
    dynamic = ansible.run([task("dynamic", "rds_instance", dict(other, configuration_id=DYNAMIC_ID, restart=True))])
    assert dynamic.rc == 0, dynamic.stdout
    assert [entry["action"] for entry in dynamic.task("dynamic")["result"]["actions"]] == ["apply_configuration"]
    assert [method for method, _path, _body in writes(cloud, "rds")] == ["PUT"]


def test_a_template_in_check_mode_and_an_unknown_template_write_nothing(ansible, cloud):
    cloud.config(configurations={TEMPLATE_ID: TEMPLATE})
    assert ansible.run([task("create", "rds_instance", SINGLE)]).rc == 0
    cloud.clear_requests()
    run = ansible.run([task("planned", "rds_instance", dict(SINGLE, configuration_id=TEMPLATE_ID, restart=True)),
                       dict(task("unknown", "rds_instance", dict(SINGLE, configuration_id="cfg-missing")), ignore_errors=True)], check=True)
    planned = run.task("planned")["result"]
    assert planned["changed"] is True and [entry["action"] for entry in planned["actions"]] == ["apply_configuration", "restart"]
    assert run.task("unknown")["outcome"] == "failed"
    assert "DBS.212001" in run.task("unknown")["result"]["msg"]
    assert writes(cloud, "rds") == []


def test_a_replica_is_changed_in_place(ansible, cloud):
    assert ansible.run([task("primary", "rds_instance", SINGLE), task("replica", "rds_replica", REPLICA)]).rc == 0
    changed_args = dict(REPLICA, flavor="rds.mysql.s1.xlarge.rr", volume_size=120, tags={"team": "orders"})
    actions = ["resize_flavor", "enlarge_volume", "add_tags"]
    cloud.clear_requests()
    planned = ansible.run([task("grow", "rds_replica", changed_args)], check=True)
    assert [entry["action"] for entry in planned.task("grow")["result"]["actions"]] == actions
    assert writes(cloud, "rds") == []

    cloud.clear_requests()
    grown = ansible.run([task("grow", "rds_replica", changed_args)])
    assert grown.rc == 0, grown.stdout
    result = grown.task("grow")["result"]
    assert [entry["action"] for entry in result["actions"]] == actions
    assert result["actions"][1] == {"action": "enlarge_volume", "option": "volume_size", "from": 100, "to": 120}
    assert result["instance"]["volume"]["size"] == 120 and result["instance"]["flavor_ref"] == "rds.mysql.s1.xlarge.rr"
    assert writes(cloud, "rds") == [
        ("POST", "action", {"resize_flavor": {"spec_code": "rds.mysql.s1.xlarge.rr"}}),
        ("POST", "action", {"enlarge_volume": {"size": 120}}),
        ("POST", "tags/action", {"action": "create", "tags": [{"key": "team", "value": "orders"}]}),
    ]

    cloud.clear_requests()
    again = ansible.run([task("again", "rds_replica", changed_args)])
    assert again.task("again")["result"]["changed"] is False
    assert len(cloud.requests()) == 2  # the replica and its source, by name
    cloud.clear_requests()
    shrink = ansible.run([dict(task("shrink", "rds_replica", dict(REPLICA, volume_size=100)), ignore_errors=True)])
    assert shrink.task("shrink")["outcome"] == "failed" and "volume_size" in shrink.task("shrink")["result"]["msg"]
    assert writes(cloud, "rds") == []
