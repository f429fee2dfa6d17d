# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""gauss_restore against records in the SDK's shape (ListInstanceResponse): no availability_zone of the instance, the
zones in nodes[] ({id, name, role, status, availability_zone}). Drift in the zones is found; equal zones (in any order),
missing nodes and older answers with an availability_zone of their own give none."""

from __future__ import annotations

import copy

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import differences
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import gauss

from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import Clock

from .test_gauss_restore import G, INSTANCES, params, run_flow
from .test_gauss_updates import EXISTING, RECORD

ZONES = ["eu-de-01", "eu-de-02", "eu-de-03"]


def listed(zones, roles=("master", "slave", "slave"), **changes):
    """RECORD as GaussDB ListInstances lists it: three nodes in zones (one per node), no availability_zone of its own."""
    record = copy.deepcopy(RECORD)
    record.pop("availability_zone")
    record["nodes"] = [{"id": "%sno%02d" % (record["id"][:32], index), "name": "orders-restored_dn_%d" % index, "role": role,
                        "status": "ACTIVE", "availability_zone": zone} for index, (zone, role) in enumerate(zip(zones, roles))]
    record.update(changes)
    return record


def task(**changes):
    return params(backup_id="b", **dict(EXISTING, **changes))


def found(values, record):
    adapter = gauss.GaussRestore(None, values)
    return differences(adapter.desired(), adapter.normalize(record), matchers=adapter.matchers)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def test_three_zones_listed_per_node_match():
    record = listed(ZONES)
    assert gauss.GaussRestore(None, task()).normalize(record)["availability_zone"] == "eu-de-01,eu-de-02,eu-de-03"
    assert found(task(), record) == []


def test_one_zone_for_all_nodes_matches_the_zone_given_once():
    record = listed(["eu-de-02"] * 3)
    assert gauss.GaussRestore(None, task()).normalize(record)["availability_zone"] == "eu-de-02"
    assert found(task(availability_zone=["eu-de-02"]), record) == []


def test_the_zones_match_in_any_order_with_the_primary_first():
    # After a switchover the primary runs in the third zone.
    record = listed(ZONES, roles=("slave", "slave", "master"))
    assert gauss.GaussRestore(None, task()).normalize(record)["availability_zone"] == "eu-de-03,eu-de-01,eu-de-02"
    assert found(task(), record) == []


@pytest.mark.parametrize("zones, wanted, have", [
    (["eu-de-01"] * 3, "eu-de-01,eu-de-02,eu-de-03", "eu-de-01"),
    (["eu-de-01", "eu-de-02", "eu-de-04"], "eu-de-01,eu-de-02,eu-de-03", "eu-de-01,eu-de-02,eu-de-04"),
])
def test_other_zones_are_drift(zones, wanted, have):
    assert found(task(), listed(zones)) == [("availability_zone", wanted, have)]


def test_one_zone_wanted_three_found_is_drift():
    assert found(task(availability_zone=["eu-de-01"]), listed(ZONES)) == [
        ("availability_zone", "eu-de-01,eu-de-01,eu-de-01", "eu-de-01,eu-de-02,eu-de-03")]


@pytest.mark.parametrize("nodes", [None, [], [{"id": "n1", "role": "master"}], "not-a-list"],
                         ids=["absent", "empty", "no-zone", "malformed"])
def test_no_zone_listed_nothing_compared(nodes):
    record = listed(ZONES)
    record.pop("nodes")
    if nodes is not None:
        record["nodes"] = nodes
    assert "availability_zone" not in gauss.GaussRestore(None, task()).normalize(record)
    assert found(task(availability_zone=["eu-de-09"]), record) == []


def test_an_older_answer_with_its_own_zone_is_compared_by_it():
    assert found(task(), RECORD) == []
    assert found(task(availability_zone=["eu-de-09"]), RECORD) == [
        ("availability_zone", "eu-de-09,eu-de-09,eu-de-09", "eu-de-01,eu-de-02,eu-de-03")]


def test_the_nodes_win_over_an_older_zone_field():
    record = listed(["eu-de-02"] * 3, availability_zone="eu-de-01,eu-de-02,eu-de-03")
    assert found(task(), record) == [("availability_zone", "eu-de-01,eu-de-02,eu-de-03", "eu-de-02")]


def serve(rsps, record):
    rsps.add(responses.GET, INSTANCES, json={"instances": [record], "total_count": 1})


def test_zone_drift_fails_the_task_before_any_write(mocked):
    serve(mocked, listed(["eu-de-01"] * 3))
    with pytest.raises(DbaasError) as caught:
        run_flow(task())
    assert "availability_zone: wanted 'eu-de-01,eu-de-02,eu-de-03', found 'eu-de-01'" in str(caught.value)
    assert {call.request.method for call in mocked.calls} == {"GET"}


def test_a_converged_instance_in_the_sdk_shape(mocked):
    serve(mocked, listed(ZONES, roles=("slave", "master", "slave")))
    result = run_flow(task())
    assert result["changed"] is False
    assert result["instance"]["availability_zone"] == "eu-de-02,eu-de-01,eu-de-03"
    assert {call.request.method for call in mocked.calls} == {"GET"}


def test_gauss_instance_info_reports_the_zones_of_the_nodes(mocked):
    serve(mocked, listed(ZONES))
    clock = Clock()
    client = Client(ClientConfig({"region": "eu-de", "endpoints": {"gaussdb": G}, "project_id": "0123456789abcdef0123456789abcdef",
                                  "access_key": "AK", "secret_key": "SK"}), deadline=clock.now + 60, clock=clock, sleep=clock.sleep)
    records = gauss.list_instances(client, {"name": "orders-restored"})
    assert [record["availability_zone"] for record in records] == ["eu-de-01,eu-de-02,eu-de-03"]
    assert records[0]["nodes"][0]["availability_zone"] == "eu-de-01"
