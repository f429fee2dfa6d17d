# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_instance, rds_replica and gauss_restore day 2 end to end: an existing instance changed in place.

For each option that can change: check mode plans the operation with 0 writes, the real run sends exactly the
documented request, and the run after it is converged with the one list request.
"""

from __future__ import annotations

import copy
import re

import pytest

from tests.integration import test_gauss_restore as gauss
from tests.integration.test_rds_instance import SINGLE

PATH = re.compile(r"/instances/[0-9a-zA-Z_-]+/(?P<what>.+)$")
RDS_TASK = "hwcloud.dbaas.rds_instance"
GAUSS_TASK = "hwcloud.dbaas.gauss_restore"
SG2 = "0c9d7b2e-4f1a-4b8e-9d3c-2a1b0c9d8e7f"


def writes(cloud, service: str) -> list:
    """(method, path below the instance, body) of every write sent to the service."""
    found = []
    for entry in cloud.requests(service):
        if entry["method"] == "GET":
            continue
        match = PATH.search(entry["path"])
        found.append((entry["method"], match.group("what") if match else entry["path"], entry["body"]))
    return found


def play(module: str, args: dict) -> dict:
    return {"name": "day2", module: args}


RDS = dict(SINGLE, tags={"team": "orders"})
GAUSS = dict(gauss.RESTORE, backup="latest", port=8635, backup_strategy={"start_time": "19:00-20:00", "keep_days": 7})

# (id, service, module, base task, changes, actions, expected writes)
UPDATES = [
    ("rds-flavor", "rds", RDS_TASK, RDS, {"flavor": "rds.mysql.s1.xlarge"}, ["resize_flavor"],
     [("POST", "action", {"resize_flavor": {"spec_code": "rds.mysql.s1.xlarge"}})]),
    ("rds-volume_size", "rds", RDS_TASK, RDS, {"volume_size": 150}, ["enlarge_volume"],
     [("POST", "action", {"enlarge_volume": {"size": 150}})]),
    ("rds-port", "rds", RDS_TASK, RDS, {"port": 3307}, ["update_port"], [("PUT", "port", {"port": 3307})]),
    ("rds-security_group_id", "rds", RDS_TASK, RDS, {"security_group_id": SG2}, ["update_security_group"],
     [("PUT", "security-group", {"security_group_id": SG2})]),
    ("rds-backup_strategy", "rds", RDS_TASK, RDS, {"backup_strategy": {"start_time": "08:15-09:15", "keep_days": 20}}, ["set_backup_policy"],
     [("PUT", "backups/policy", {"backup_policy": {"keep_days": 20, "start_time": "08:15-09:15", "period": None}})]),
    ("rds-ha_mode", "rds", RDS_TASK, RDS, {"ha_mode": "ha", "replication_mode": "async", "availability_zone": ["eu-de-01", "eu-de-02"]},
     ["single_to_ha"], [("POST", "action", {"single_to_ha": {"az_code_new_node": "eu-de-02"}})]),
    ("rds-tags", "rds", RDS_TASK, RDS, {"tags": {"team": "orders", "cost": "42"}}, ["add_tags"],
     [("POST", "tags/action", {"action": "create", "tags": [{"key": "cost", "value": "42"}]})]),
    ("gauss-flavor", "gaussdb", GAUSS_TASK, GAUSS, {"flavor": "gaussdb.opengauss.ee.dn.m6.4xlarge.8.in"}, ["resize_flavor"],
     [("PUT", "flavor", {"flavor_ref": "gaussdb.opengauss.ee.dn.m6.4xlarge.8.in"})]),
    ("gauss-volume_size", "gaussdb", GAUSS_TASK, GAUSS, {"volume_size": 320}, ["enlarge_volume"],
     [("POST", "action", {"enlarge_volume": {"size": 320}})]),
    ("gauss-port", "gaussdb", GAUSS_TASK, GAUSS, {"port": 8636}, ["update_port"], [("PUT", "port", {"port": 8636})]),
    ("gauss-security_group_id", "gaussdb", GAUSS_TASK, GAUSS, {"security_group_id": SG2}, ["update_security_group"],
     [("PUT", "security-group", {"security_group_id": SG2})]),
    ("gauss-backup_strategy", "gaussdb", GAUSS_TASK, GAUSS, {"backup_strategy": {"start_time": "19:00-20:00", "keep_days": 14}},
     ["set_backup_policy"],
     [("PUT", "backups/policy", {"backup_policy": {"keep_days": 14, "start_time": "19:00-20:00", "period": None, "differential_period": None}})]),
    ("gauss-tags", "gaussdb", GAUSS_TASK, GAUSS, {"tags": {"cost": "42"}}, ["add_tags"],
     [("POST", "tags", {"tags": [{"key": "cost", "value": "42"}]})]),
]


def same_write(sent: tuple, expected: tuple) -> bool:
    """The method and path match, and every key of the expected body has its value (None: any value is fine)."""
    if sent[:2] != expected[:2]:
        return False

    def covers(have, want):
        if want is None:
            return True
        if isinstance(want, dict):
            return isinstance(have, dict) and all(covers(have.get(key), value) for key, value in want.items())
        return have == want
    return covers(sent[2], expected[2])


@pytest.mark.parametrize("name, service, module, base, changes, actions, expected", UPDATES, ids=[row[0] for row in UPDATES])
def test_update_check_mode_then_one_documented_write_then_converged(ansible, cloud, name, service, module, base, changes, actions,
                                                                    expected):
    if service == "gaussdb":
        gauss.seed_source(cloud)
    created = ansible.run([play(module, base)])
    assert created.rc == 0, created.stdout
    args = copy.deepcopy(base)
    args.update(copy.deepcopy(changes))

    cloud.clear_requests()
    planned = ansible.run([play(module, args)], check=True, diff=True)
    assert planned.rc == 0, planned.stdout
    assert planned.task("day2")["result"]["changed"] is True
    assert [entry["action"] for entry in planned.task("day2")["result"]["actions"]] == actions
    assert writes(cloud, service) == []

    cloud.clear_requests()
    changed = ansible.run([play(module, args)])
    assert changed.rc == 0, changed.stdout
    result = changed.task("day2")["result"]
    assert result["changed"] is True and [entry["action"] for entry in result["actions"]] == actions
    sent = writes(cloud, service)
    assert len(sent) == len(expected) and all(same_write(one, want) for one, want in zip(sent, expected)), sent

    cloud.clear_requests()
    again = ansible.run([play(module, args)])
    assert again.rc == 0, again.stdout
    assert again.task("day2")["result"]["changed"] is False
    assert [(entry["method"], entry["service"]) for entry in cloud.requests()] == [("GET", service)]


@pytest.mark.parametrize("changes, option", [({"engine_version": "5.7"}, "engine_version"), ({"volume_size": 50}, "volume_size")],
                         ids=["immutable", "shrink"])
def test_refused_changes_fail_with_no_write(ansible, cloud, changes, option):
    assert ansible.run([play(RDS_TASK, RDS)]).rc == 0
    cloud.clear_requests()
    run = ansible.run([play(RDS_TASK, dict(RDS, port=3307, **changes))])
    assert run.rc != 0
    assert option in run.task("day2")["result"]["msg"]
    assert writes(cloud, "rds") == []


PASSWORD_CASES = [
    ("rds", RDS_TASK, RDS, ("POST", "password"), "db_user_pwd"),
    ("gaussdb", GAUSS_TASK, GAUSS, ("POST", "password"), "password"),
]


@pytest.mark.parametrize("service, module, base, write, field", PASSWORD_CASES, ids=["rds_instance", "gauss_restore"])
def test_password_is_reset_only_with_update_password_always(ansible, cloud, service, module, base, write, field):
    if service == "gaussdb":
        gauss.seed_source(cloud)
    assert ansible.run([play(module, base)]).rc == 0
    always = dict(base, update_password="always", password="New@Passw0rd42")
    cloud.clear_requests()
    planned = ansible.run([play(module, always)], check=True)
    assert planned.rc == 0, planned.stdout
    assert [entry["action"] for entry in planned.task("day2")["result"]["actions"]] == ["reset_password"]
    assert writes(cloud, service) == []

    cloud.clear_requests()
    reset = ansible.run([play(module, always)])
    assert reset.rc == 0, reset.stdout
    assert reset.task("day2")["result"]["changed"] is True  # the password cannot be read back: every such run resets it
    logged = writes(cloud, service)
    assert [(method, what) for method, what, _body in logged] == [write] and field in logged[0][2], logged
    assert "New@Passw0rd42" not in reset.stdout

    # update_password=on_create: an existing instance needs no password and costs the one list request.
    cloud.clear_requests()
    without = ansible.run([play(module, {key: value for key, value in base.items() if key != "password"})])
    assert without.rc == 0, without.stdout
    assert without.task("day2")["result"]["changed"] is False
    assert [(entry["method"], entry["service"]) for entry in cloud.requests()] == [("GET", service)]
