# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Instances made elsewhere may have names the create rules refuse: info finds them and state=absent deletes them."""

from __future__ import annotations

import pytest

# Each name breaks a create rule (too short, starts with a digit, a dot, too long).
ODD_NAMES = ["db", "1orders", "orders.db", "o" * 70]
MODULES = [
    ("rds", "rds_instance", "rds_instance_info", {}),
    ("rds", "rds_replica", None, {"type": "Replica"}),
    ("dds", "dds_instance", "dds_instance_info", {}),
    ("gaussdb", "gauss_restore", "gauss_instance_info", {}),
]


@pytest.mark.parametrize("service, module, info_module, extra", MODULES, ids=[entry[1] for entry in MODULES])
def test_absent_and_info_take_any_existing_name(ansible, cloud, service, module, info_module, extra):
    if extra.get("type") == "Replica":
        primary = cloud.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "primary-of-odd-replicas"}]})
        extra = dict(extra, replica_of_id=primary["instances"][0]["id"])
    cloud.admin("POST", "seed", json={"service": service, "instances": [dict(extra, name=name) for name in ODD_NAMES]})
    tasks = []
    for index, name in enumerate(ODD_NAMES):
        if info_module:
            tasks.append({"name": "info %d" % index, "hwcloud.dbaas." + info_module: {"name": name}})
        tasks.append({"name": "delete %d" % index, "hwcloud.dbaas." + module: {"name": name, "state": "absent", "wait": False}})
    run = ansible.run(tasks)
    assert run.rc == 0, run.stdout
    for index, name in enumerate(ODD_NAMES):
        if info_module:
            assert [record["name"] for record in run.task("info %d" % index)["result"]["instances"]] == [name]
        assert run.task("delete %d" % index)["result"]["changed"] is True, name
    deletes = [entry for entry in cloud.requests(service) if entry["method"] == "DELETE"]
    assert len(deletes) == len(ODD_NAMES)
