# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RDS v3 records in the SDK's shape (InstanceResponse): no availability_zone of the instance, the zones in
nodes[].availability_zone. rds_replica compares its zone with the replica node's; rds_instance reports the zones of a
primary/standby pair as the create takes them (the primary's first) and does not compare them."""

from __future__ import annotations

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import differences
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import rds, rds_replica

from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import run

from .test_rds_replica import PARAMS, REPLICA_ID, SOURCE_ID, replica, source, v3_lists


def nodes(*pairs):
    return [{"id": "node%d" % index, "name": "node%d" % index, "role": role, "status": "ACTIVE", "availability_zone": zone}
            for index, (role, zone) in enumerate(pairs)]


def sdk_replica(zone="eu-de-02", **fields):
    record = replica(**fields)
    record.pop("availability_zone")
    record["nodes"] = nodes(("readreplica", zone))
    return record


def sdk_source():
    record = source(related_instance=[{"id": REPLICA_ID, "type": "replica"}], type="Ha")
    record.pop("availability_zone")
    record["nodes"] = nodes(("master", "eu-de-01"), ("slave", "eu-de-03"))
    return record


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.mark.parametrize("pairs, zones", [
    ((("master", "eu-de-01"), ("slave", "eu-de-02")), "eu-de-01,eu-de-02"),
    ((("slave", "eu-de-02"), ("master", "eu-de-01")), "eu-de-01,eu-de-02"),  # the primary's zone first, as the create takes them
    ((("slave", "eu-de-01"), ("master", "eu-de-02")), "eu-de-02,eu-de-01"),  # after a switchover
    ((("master", "eu-de-01"), ("slave", "eu-de-01")), "eu-de-01"),
    ((("readreplica", "eu-de-03"),), "eu-de-03"),
])
def test_the_zones_of_the_nodes(pairs, zones):
    assert rds.listed_zones({"id": "i", "nodes": nodes(*pairs)})["availability_zone"] == zones


def test_without_nodes_the_record_keeps_what_it_has():
    assert "availability_zone" not in rds.listed_zones({"id": "i"})
    assert "availability_zone" not in rds.listed_zones({"id": "i", "nodes": [{"id": "n", "role": "master"}]})
    assert rds.listed_zones({"id": "i", "availability_zone": "eu-de-01,eu-de-02"})["availability_zone"] == "eu-de-01,eu-de-02"


def test_a_primary_instance_does_not_compare_its_zones():
    values = dict(PARAMS, engine="mysql", engine_version="8.0", ha_mode="ha", replication_mode="async", volume_type="ULTRAHIGH",
                  volume_size=100, vpc_id="v", subnet_id="s", security_group_id="g", availability_zone=["eu-de-01", "eu-de-02"])
    adapter = rds.RdsInstances(None, values)
    assert "availability_zone" not in adapter.desired()


def test_a_converged_replica_in_the_sdk_shape(mocked):
    v3_lists(mocked, {"orders-db": [sdk_source()], "orders-db-ro1": [sdk_replica()]})
    result, _flow = run(rds_replica.replica_adapter, dict(PARAMS))
    assert result["changed"] is False
    assert result["instance"]["availability_zone"] == "eu-de-02"
    assert result["diff"]["before"] == result["diff"]["after"]


def test_a_replica_in_another_zone_is_drift(mocked):
    v3_lists(mocked, {"orders-db": [sdk_source()], "orders-db-ro1": [sdk_replica("eu-de-03")]})
    with pytest.raises(DbaasError) as caught:
        run(rds_replica.replica_adapter, dict(PARAMS))
    assert "availability_zone: wanted 'eu-de-02', found 'eu-de-03'" in str(caught.value)
    assert {call.request.method for call in mocked.calls} == {"GET"}


def test_a_replica_without_nodes_is_not_compared_by_zone():
    record = replica()
    record.pop("availability_zone")
    adapter = rds_replica.RdsReplicas(None, dict(PARAMS, source_id=SOURCE_ID))
    adapter.source = source()
    assert [path for path, _wanted, _have in differences(adapter.desired(), adapter.normalize(record), matchers=adapter.matchers)] == []
