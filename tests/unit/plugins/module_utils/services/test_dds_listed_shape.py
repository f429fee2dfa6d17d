# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dds_instance against records in the SDK's shape (QueryInstanceResponse): no availability_zone of the instance (the
zones are groups[].nodes[].availability_zone), datastore {type, version, patch_available, whole_version} and the storage
engine in the top-level engine. Drift in zones and engine is found; equal values, missing nodes and older answers
(availability_zone and datastore.storage_engine of their own) give none."""

from __future__ import annotations

import copy

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import differences
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.dds import DdsInstances, list_instances

from ansible_collections.hwcloud.dbaas.tests.unit.utils.dds_data import REPLICA, SHARDING, SINGLE, listed_record, params
from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import Clock

from .test_dds_flow import listing, mock_list, run

ZONES = ["eu-de-01", "eu-de-02", "eu-de-03"]


def found(task, record):
    """The differences the flow finds between the task and the listed record (immutable ones are drift)."""
    adapter = DdsInstances(None, task)
    return differences(adapter.desired(), adapter.normalize(record), matchers=adapter.matchers)


def in_zones(record, zones, roles=("Primary", "Secondary", "Hidden")):
    """The record with its nodes spread over zones (node i of a group in zones[i % len]) and replica set roles."""
    out = copy.deepcopy(record)
    for group in out["groups"]:
        for index, node in enumerate(group["nodes"]):
            node["availability_zone"] = zones[index % len(zones)]
            node["role"] = "master" if group["type"] == "mongos" else roles[index % len(roles)]
    return out


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def test_the_listed_record_has_no_zone_or_storage_engine_of_its_own():
    record = listed_record(REPLICA)
    assert "availability_zone" not in record and "storage_engine" not in record["datastore"]
    assert found(params(REPLICA), record) == []


@pytest.mark.parametrize("base", [SHARDING, REPLICA, SINGLE], ids=["Sharding", "ReplicaSet", "Single"])
def test_zones_and_engine_come_from_nodes_and_engine(base):
    normalized = DdsInstances(None, params(base)).normalize(listed_record(base))
    assert normalized["availability_zone"] == "eu-de-01"
    assert normalized["datastore"]["storage_engine"] == ("rocksDB" if base is REPLICA else "wiredTiger")
    assert normalized["datastore"]["whole_version"]  # the listed datastore is kept, the engine added


@pytest.mark.parametrize("base", [SHARDING, REPLICA, SINGLE], ids=["Sharding", "ReplicaSet", "Single"])
def test_another_zone_is_drift(base):
    record = in_zones(listed_record(base), ["eu-de-02"])
    assert found(params(base), record) == [("availability_zone", "eu-de-01", "eu-de-02")]


def test_another_engine_is_drift():
    record = listed_record(REPLICA, engine="wiredTiger")
    assert found(params(REPLICA), record) == [("datastore.storage_engine", "rocksDB", "wiredTiger")]


def test_the_engine_is_matched_without_case():
    assert found(params(REPLICA), listed_record(REPLICA, engine="rocksdb")) == []
    assert found(params(SINGLE), listed_record(SINGLE, engine="WiredTiger")) == []


@pytest.mark.parametrize("base", [SHARDING, REPLICA], ids=["Sharding", "ReplicaSet"])
def test_three_zones_match_in_any_order(base):
    task = params(base, availability_zone=ZONES)
    # After a switchover the primary runs in another zone: the nodes name the same three zones in another order.
    record = in_zones(listed_record(base), ["eu-de-03", "eu-de-01", "eu-de-02"])
    assert DdsInstances(None, task).normalize(record)["availability_zone"] == "eu-de-03,eu-de-01,eu-de-02"
    assert found(task, record) == []


def test_the_primary_zone_comes_first():
    record = in_zones(listed_record(REPLICA), ZONES, roles=("Secondary", "Hidden", "Primary"))
    assert DdsInstances(None, params(REPLICA)).normalize(record)["availability_zone"] == "eu-de-03,eu-de-01,eu-de-02"


def test_three_zones_wanted_one_found_is_drift():
    task = params(REPLICA, availability_zone=ZONES)
    assert found(task, listed_record(REPLICA)) == [("availability_zone", ",".join(ZONES), "eu-de-01")]


def test_two_of_three_zones_found_is_drift():
    task = params(SHARDING, availability_zone=ZONES)
    record = in_zones(listed_record(SHARDING), ["eu-de-01", "eu-de-02"])
    assert found(task, record) == [("availability_zone", ",".join(ZONES), "eu-de-01,eu-de-02")]


@pytest.mark.parametrize("groups", [None, [], [{"type": "replica", "nodes": []}],
                                    [{"type": "replica", "nodes": [{"id": "n1", "availability_zone": ""}]}]],
                         ids=["no-groups", "empty-groups", "no-nodes", "blank-zone"])
def test_no_zone_listed_nothing_compared(groups):
    record = listed_record(REPLICA)
    record.pop("groups")
    if groups is not None:
        record["groups"] = groups
    record.pop("engine")
    normalized = DdsInstances(None, params(REPLICA)).normalize(record)
    assert "availability_zone" not in normalized and "storage_engine" not in normalized["datastore"]
    assert not [path for path, _wanted, _have in found(params(REPLICA), record) if path in ("availability_zone", "datastore.storage_engine")]


def test_an_older_answer_with_its_own_fields_is_compared_by_them():
    older = listed_record(REPLICA, availability_zone="eu-de-01", datastore={"type": "DDS-Community", "version": "4.4", "storage_engine": "rocksDB"})
    older.pop("groups")
    older.pop("engine")
    assert found(params(REPLICA), older) == []
    older["availability_zone"], older["datastore"]["storage_engine"] = "eu-de-02", "wiredTiger"
    assert sorted(found(params(REPLICA), older)) == [("availability_zone", "eu-de-01", "eu-de-02"),
                                                     ("datastore.storage_engine", "rocksDB", "wiredTiger")]


def test_the_documented_fields_win_over_older_ones():
    record = in_zones(listed_record(REPLICA, availability_zone="eu-de-09"), ["eu-de-01"])
    record["datastore"]["storage_engine"] = "wiredTiger"
    normalized = DdsInstances(None, params(REPLICA)).normalize(record)
    assert normalized["availability_zone"] == "eu-de-01" and normalized["datastore"]["storage_engine"] == "rocksDB"
    assert found(params(REPLICA), record) == []


def test_a_create_answer_keeps_its_zone_and_engine():
    answer = {"id": "i1", "name": "test-replicaset", "datastore": {"type": "DDS-Community", "version": "4.4", "storage_engine": "rocksDB"},
              "availability_zone": "eu-de-01,eu-de-02,eu-de-03", "status": "creating", "port": 8635}
    normalized = DdsInstances(None, params(REPLICA)).normalize(answer)
    assert normalized["availability_zone"] == "eu-de-01,eu-de-02,eu-de-03"
    assert normalized["datastore"]["storage_engine"] == "rocksDB"


def test_zone_drift_fails_the_task_before_any_write(mocked):
    listed = in_zones(listed_record(SINGLE), ["eu-de-02"])
    mock_list(mocked, lambda name: listing(listed), lambda _id: listing(listed))
    with pytest.raises(DbaasError) as caught:
        run(params(SINGLE))
    assert "availability_zone: wanted 'eu-de-01', found 'eu-de-02'" in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_engine_drift_fails_the_task_before_any_write(mocked):
    listed = listed_record(REPLICA, engine="wiredTiger")
    mock_list(mocked, lambda name: listing(listed), lambda _id: listing(listed))
    with pytest.raises(DbaasError) as caught:
        run(params(REPLICA))
    assert "datastore.storage_engine: wanted 'rocksDB', found 'wiredTiger'" in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"]


def test_a_converged_three_zone_instance_reports_the_zones(mocked):
    listed = in_zones(listed_record(REPLICA), ["eu-de-02", "eu-de-03", "eu-de-01"])
    mock_list(mocked, lambda name: listing(listed), lambda _id: pytest.fail("no get expected"))
    result, flow = run(params(REPLICA, availability_zone=ZONES, port=8635, ssl_option=True))
    assert result["changed"] is False and flow.warnings == []
    assert result["instance"]["availability_zone"] == "eu-de-02,eu-de-03,eu-de-01"
    assert result["instance"]["datastore"]["storage_engine"] == "rocksDB" and result["instance"]["engine"] == "rocksDB"


def test_dds_instance_info_reports_the_derived_fields(mocked):
    listed = listed_record(REPLICA)
    mock_list(mocked, lambda name: listing(listed), lambda _id: listing(listed))
    clock = Clock()
    client = Client(ClientConfig(params(REPLICA)), deadline=clock.now + 60, clock=clock, sleep=clock.sleep)
    records = list_instances(client, {"name": REPLICA["name"]})
    assert [(record["availability_zone"], record["datastore"]["storage_engine"]) for record in records] == [("eu-de-01", "rocksDB")]
