# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""state=absent deletes exactly the named instance and nothing else, for every creating module.

One playbook per module covers: the exact name among look-alike neighbours; two instances with the name (fails,
listing both ids, deletes nothing); only look-alikes (nothing matches, nothing deleted); nothing at all.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from typing import Dict, List

import pytest

NEIGHBOURS = ("orders-db-2", "xorders-db", "orders-db_old", "Orders-db")


@dataclass
class Case:
    module: str
    service: str  # the emulator's state key
    seed_extra: dict

    @property
    def fqcn(self) -> str:
        return "hwcloud.dbaas." + self.module.split(":")[0]

    @property
    def args(self) -> dict:
        return {"api_version": "v1"} if self.module.endswith(":v1") else {}


CASES = [
    Case("rds_instance", "rds", {}),
    Case("rds_instance:v1", "rds_v1", {}),
    Case("rds_replica", "rds", {"type": "Replica"}),
    Case("gauss_restore", "gaussdb", {}),
    Case("dds_instance", "dds", {}),
]


def seed(cloud, case: Case, names: List[str], **extra) -> Dict[str, List[str]]:
    """Seed instances; a replica gets a primary to belong to."""
    spec = dict(case.seed_extra, **extra)
    if case.module == "rds_replica":
        primary = cloud.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "primary-of-replicas"}]})
        spec["replica_of"] = primary["instances"][0]["id"]
    answer = cloud.admin("POST", "seed", json={"service": case.service, "instances": [dict(spec, name=name) for name in names]})
    ids: Dict[str, List[str]] = collections.defaultdict(list)
    for item in answer["instances"]:
        ids[item["name"]].append(item["id"])
    return ids


def stored(cloud, case: Case) -> Dict[str, int]:
    return collections.Counter(record["name"] for record in cloud.state(case.service))


def absent(case: Case, name: str, label: str) -> dict:
    return {"name": label, case.fqcn: dict(case.args, name=name, state="absent"), "ignore_errors": True}


@pytest.mark.parametrize("case", CASES, ids=[case.module for case in CASES])
def test_absent_deletes_exactly_the_named_instance(ansible, cloud, case):
    exact = seed(cloud, case, ["orders-db", *NEIGHBOURS])
    twins = seed(cloud, case, ["billing-db", "billing-db", "billing-db-2"])
    seed(cloud, case, ["audit-db-2", "xaudit-db", "audit-db-old", "audit"])
    before = stored(cloud, case)
    cloud.clear_requests()
    run = ansible.run([absent(case, "orders-db", "exact"), absent(case, "billing-db", "ambiguous"),
                       absent(case, "audit-db", "fuzzy"), absent(case, "ghost-db", "missing")])
    assert run.rc == 0, run.stdout
    log = cloud.requests()
    deletes = [entry for entry in log if entry["method"] == "DELETE"]

    # The exact name: deleted, and only it.
    exact_result = run.task("exact")
    assert exact_result["outcome"] == "ok", exact_result["result"].get("msg")
    assert exact_result["result"]["changed"] is True
    assert exact_result["result"]["instance"]["id"] == exact["orders-db"][0]
    assert [entry["path"].rsplit("/", 1)[-1] for entry in deletes] == exact["orders-db"], deletes
    after = stored(cloud, case)
    expected = dict(before)
    expected.pop("orders-db")
    assert dict(after) == expected, "only orders-db may be gone"
    assert all(after[name] == 1 for name in NEIGHBOURS)

    # Two instances with the name: fails listing both ids, deletes neither.
    ambiguous = run.task("ambiguous")
    assert ambiguous["outcome"] == "failed"
    message = ambiguous["result"]["msg"]
    assert message.startswith("name: 2 ") and all(instance_id in message for instance_id in twins["billing-db"]), message
    assert "nothing was changed" in message
    assert after["billing-db"] == 2 and after["billing-db-2"] == 1

    # Look-alikes only, and nothing at all: unchanged, no write.
    for label in ("fuzzy", "missing"):
        entry = run.task(label)
        assert entry["outcome"] == "ok", (label, entry["result"].get("msg"))
        assert entry["result"]["changed"] is False
        assert entry["result"]["instance"] == {}
    assert after["audit-db-2"] == after["xaudit-db"] == after["audit-db-old"] == after["audit"] == 1
    assert len(deletes) == 1 and [entry for entry in log if entry["method"] not in ("GET", "DELETE")] == []


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_rds_replica_never_deletes_a_primary_that_carries_the_name(ansible, cloud, check_mode):
    primary = cloud.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "orders-db"}]})["instances"][0]["id"]
    cloud.clear_requests()
    run = ansible.run([absent(CASES[2], "orders-db", "replica-absent")], check=check_mode)
    entry = run.task("replica-absent")
    assert entry["outcome"] == "failed"
    message = entry["result"]["msg"]
    assert "is not a read replica" in message and primary in message and "nothing was deleted" in message
    assert [record["id"] for record in cloud.state("rds")] == [primary]
    assert [item for item in cloud.requests() if item["method"] != "GET"] == []
