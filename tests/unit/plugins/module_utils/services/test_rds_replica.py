# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read replicas on RDS v3 and v1: input rules, source resolution, existing-replica checks, bodies (mocked HTTP)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import rds_replica

from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import AUTH, V1, V3, V3_JOBS, body, calls, query, run, sequence

SOURCE_ID = "dsfae23fsfdsae3435in01"
REPLICA_ID = "afdsad0fds0fdsagin03"
PARAMS = dict(AUTH, name="orders-db-ro1", state="present", wait=True, drift="fail", api_version="v3", source_name="orders-db",
              source_id=None, flavor="rds.mysql.s1.large.rr", volume_type=None, volume_size=None, availability_zone=["eu-de-02"],
              disk_encryption_id=None, charge_mode="postPaid", v1_path_prefix=None)


def source(status="ACTIVE", **fields):
    base = {"id": SOURCE_ID, "name": "orders-db", "status": status, "type": "Single", "flavor_ref": "rds.mysql.s1.large",
            "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "availability_zone": "eu-de-01", "related_instance": []}
    base.update(fields)
    return base


def replica(status="ACTIVE", of=SOURCE_ID, **fields):
    base = {"id": REPLICA_ID, "name": "orders-db-ro1", "status": status, "type": "Replica", "flavor_ref": "rds.mysql.s1.large.rr",
            "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "availability_zone": "eu-de-02",
            "related_instance": [{"id": of, "type": "replica_of"}]}
    base.update(fields)
    return base


def listing(*records):
    return {"instances": list(records), "total_count": len(records)}


def v3_lists(mocked, by_name):
    """GET /v3/instances answered per ?name= / ?id= from a {key: [records]} table."""
    def callback(request):
        wanted = dict(parse_qsl(urlsplit(request.url).query))
        records = by_name.get(wanted.get("name") or wanted.get("id"), [])
        return 200, {}, json.dumps(listing(*records))
    mocked.add_callback(responses.GET, V3, callback=callback)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


# input rules -----------------------------------------------------------------------------------
@pytest.mark.parametrize("override, option", [
    ({"name": "1replica"}, "name"),
    ({"name": "abc"}, "name"),
    ({"source_name": None}, "source_name"),
    ({"source_id": SOURCE_ID}, "source_id"),
    ({"source_name": "orders-db-ro1"}, "source_name"),
    ({"source_name": None, "source_id": "id with spaces"}, "source_id"),
    ({"flavor": None}, "flavor"),
    ({"availability_zone": None}, "availability_zone"),
    ({"availability_zone": ["eu-de-01", "eu-de-02"]}, "availability_zone"),
    ({"availability_zone": [" "]}, "availability_zone.0"),
    ({"volume_size": 30}, "volume_size"),
    ({"volume_size": 4010}, "volume_size"),
    ({"volume_size": 105}, "volume_size"),
    ({"volume_type": "SSD"}, "volume_type"),
    ({"api_version": "v1", "disk_encryption_id": "key-1"}, "disk_encryption_id"),
    ({"v1_path_prefix": "v1 prefix"}, "v1_path_prefix"),
])
def test_bad_input_names_the_option(override, option):
    with pytest.raises(ValidationError) as caught:
        rds_replica.validate_replica(dict(PARAMS, **override))
    assert caught.value.option == option
    assert str(caught.value).startswith(option + ":")


def test_good_input_and_absent_needs_no_source():
    rds_replica.validate_replica(PARAMS)
    rds_replica.validate_replica(dict(PARAMS, api_version="v1", availability_zone=None))
    rds_replica.validate_replica(dict(AUTH, name="orders-db-ro1", state="absent"))


def test_v3_body_is_the_seed_002_replica_body():
    assert rds_replica.replica_body(dict(PARAMS, disk_encryption_id="key-1"), source()) == {
        "name": "orders-db-ro1", "replica_of_id": SOURCE_ID, "flavor_ref": "rds.mysql.s1.large.rr",
        "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "availability_zone": "eu-de-02",
        "disk_encryption_id": "key-1", "charge_info": {"charge_mode": "postPaid"}}


# v3 --------------------------------------------------------------------------------------------
def test_v3_create_resolves_the_source_then_posts_and_waits(mocked):
    created = {"instance": dict(replica("BUILD"), related_instance=None), "job_id": "job-1"}
    v3_lists(mocked, {"orders-db": [source()], "orders-db-ro1": [], REPLICA_ID: [replica()]})
    mocked.add(responses.POST, V3, json=created, status=202)
    mocked.add_callback(responses.GET, V3_JOBS, callback=sequence({"job": {"id": "job-1", "status": "Completed"}}))
    result, _flow = run(rds_replica.replica_adapter, dict(PARAMS))
    assert result["changed"] is True
    post = calls(mocked, "POST")[0]
    assert body(post)["replica_of_id"] == SOURCE_ID
    assert body(post)["volume"] == {"type": "ULTRAHIGH", "size": 100}
    # RDS v3 CreateInstance documents X-Client-Token only for MySQL single and primary/standby instances.
    assert "X-Client-Token" not in post.request.headers
    assert result["instance"]["related_instance"] == [{"id": SOURCE_ID, "type": "replica_of"}]


def test_v3_converged_replica_costs_two_requests(mocked):
    v3_lists(mocked, {"orders-db": [source(related_instance=[{"id": REPLICA_ID, "type": "replica"}])], "orders-db-ro1": [replica()]})
    result, _flow = run(rds_replica.replica_adapter, dict(PARAMS))
    assert result["changed"] is False
    assert [(call.request.method, query(call).get("name")) for call in mocked.calls] == [("GET", "orders-db-ro1"), ("GET", "orders-db")]
    assert result["instance"]["related_instance"] == [{"id": SOURCE_ID, "type": "replica_of"}]


def test_v3_source_by_id(mocked):
    v3_lists(mocked, {SOURCE_ID: [source()], "orders-db-ro1": [replica()]})
    result, _flow = run(rds_replica.replica_adapter, dict(PARAMS, source_name=None, source_id=SOURCE_ID))
    assert result["changed"] is False
    assert query(mocked.calls[1]) == {"id": SOURCE_ID, "offset": "0", "limit": "100"}


@pytest.mark.parametrize("sources, words", [
    ([], "no RDS instance named 'orders-db'"),
    ([source(), source(id="other0000in01")], "2 RDS instances are named 'orders-db'"),
    ([source(type="Replica", related_instance=[{"id": "p-1", "type": "replica_of"}])], "itself a read replica (of p-1)"),
])
def test_v3_bad_source_fails_before_any_write(mocked, sources, words):
    v3_lists(mocked, {"orders-db": sources, "orders-db-ro1": []})
    with pytest.raises(DbaasError) as caught:
        run(rds_replica.replica_adapter, dict(PARAMS))
    assert words in str(caught.value)
    assert str(caught.value).startswith("source_name:")
    assert calls(mocked, "POST") == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_v3_source_not_active_fails_before_any_write(mocked, check_mode):
    v3_lists(mocked, {"orders-db": [source("FROZEN")], "orders-db-ro1": []})
    with pytest.raises(DbaasError) as caught:
        run(rds_replica.replica_adapter, dict(PARAMS), check_mode=check_mode)
    assert "is FROZEN" in str(caught.value)
    assert calls(mocked, "POST") == []


def test_v3_existing_replica_of_a_frozen_source_is_still_fine(mocked):
    v3_lists(mocked, {"orders-db": [source("FROZEN")], "orders-db-ro1": [replica()]})
    result, _flow = run(rds_replica.replica_adapter, dict(PARAMS))
    assert result["changed"] is False


@pytest.mark.parametrize("existing, words", [
    (replica(type="Single", related_instance=[]), "is not a read replica"),
    (replica(of="someone0else0in01"), "is a replica of someone0else0in01, not of the source"),
])
def test_v3_existing_name_that_is_not_this_sources_replica_fails(mocked, existing, words):
    v3_lists(mocked, {"orders-db": [source()], "orders-db-ro1": [existing]})
    with pytest.raises(DbaasError) as caught:
        run(rds_replica.replica_adapter, dict(PARAMS))
    assert words in str(caught.value)
    assert str(caught.value).startswith("name:")
    assert calls(mocked, "POST") == []


def test_v3_flavor_and_volume_size_are_changed_in_place(mocked):
    v3_lists(mocked, {"orders-db": [source()], "orders-db-ro1": [replica()]})
    # A new flavor (StartResizeFlavorAction) and a larger disk (StartInstanceEnlargeVolumeAction on the replica): planned, not drift.
    planned, _flow = run(rds_replica.replica_adapter, dict(PARAMS, flavor="rds.mysql.s1.xlarge.rr", volume_size=150), check_mode=True)
    assert planned["changed"] is True
    assert planned["actions"] == [{"action": "resize_flavor", "option": "flavor", "from": "rds.mysql.s1.large.rr", "to": "rds.mysql.s1.xlarge.rr"},
                                  {"action": "enlarge_volume", "option": "volume_size", "from": 100, "to": 150}]
    assert [call.request.method for call in mocked.calls] == ["GET"] * len(mocked.calls)


@pytest.mark.parametrize("source_size, replica_size, wanted, words", [
    (100, 300, 100, "cannot shrink the disk of 'orders-db-ro1' from 300 to 100 GB"),
    (200, 100, 150, "150 GB is smaller than the 200 GB of the source"),
])
def test_v3_replica_volume_rules_fail_before_any_write(mocked, source_size, replica_size, wanted, words):
    v3_lists(mocked, {"orders-db": [source(volume={"type": "ULTRAHIGH", "size": source_size})],
                      "orders-db-ro1": [replica(volume={"type": "ULTRAHIGH", "size": replica_size})]})
    with pytest.raises(ValidationError) as caught:
        run(rds_replica.replica_adapter, dict(PARAMS, volume_size=wanted))
    assert str(caught.value).startswith("volume_size") and words in str(caught.value)
    assert [call.request.method for call in mocked.calls] == ["GET"] * len(mocked.calls)


def test_v3_check_mode_reports_the_replica_without_writing(mocked):
    v3_lists(mocked, {"orders-db": [source()], "orders-db-ro1": []})
    result, _flow = run(rds_replica.replica_adapter, dict(PARAMS), check_mode=True)
    assert result["changed"] is True
    assert result["instance"]["related_instance"] == [{"id": SOURCE_ID, "type": "replica_of"}]
    assert result["diff"]["after"]["flavor_ref"] == "rds.mysql.s1.large.rr"
    assert [call.request.method for call in mocked.calls] == ["GET", "GET"]


def test_v3_absent_deletes_without_looking_up_the_source(mocked):
    v3_lists(mocked, {"orders-db-ro1": [replica()]})
    mocked.add(responses.DELETE, V3 + "/" + REPLICA_ID, json={"job_id": "job-del"}, status=202)
    result, _flow = run(rds_replica.replica_adapter, dict(AUTH, name="orders-db-ro1", state="absent", wait=False, api_version="v3"))
    assert result["changed"] is True
    assert [call.request.method for call in mocked.calls] == ["GET", "DELETE"]


# v1 --------------------------------------------------------------------------------------------
V1_SOURCE = {"id": "252f11f1-2912-4c06-be55-1999bde659c5", "status": "ACTIVE", "name": "orders-db", "type": "master", "region": "eu-de",
             "availabilityZone": "eu-de-01", "flavor": {"id": "flavor-1"}, "volume": {"type": "COMMON", "size": 100}}
V1_REPLICA = {"id": "c0468a4a-5790-4a4f-8442-9030e52369e7", "status": "ACTIVE", "name": "orders-db-ro1", "type": "readreplica",
              "region": "eu-de", "availabilityZone": "eu-de-01", "flavor": {"id": "flavor-rr"}, "volume": {"type": "COMMON", "size": 100},
              "replica_of": V1_SOURCE["id"]}
V1_PARAMS = dict(PARAMS, api_version="v1", flavor="flavor-rr", availability_zone=None)


def test_v1_converged_replica_costs_one_request(mocked):
    mocked.add(responses.GET, V1, json={"instances": [V1_SOURCE, V1_REPLICA]})
    result, _flow = run(rds_replica.replica_adapter, dict(V1_PARAMS))
    assert result["changed"] is False
    assert len(mocked.calls) == 1
    assert result["instance"]["type"] == "Replica"
    assert result["instance"]["related_instance"] == [{"id": V1_SOURCE["id"], "type": "replica_of"}]


def test_v1_create_sends_the_seed_001_body(mocked):
    mocked.add(responses.GET, V1, json={"instances": V1_SOURCE})  # the object shape
    mocked.add(responses.POST, V1, json={"instance": dict(V1_REPLICA, status="BUILD", extendparam={"jobs": [{"id": "j-1"}]})})
    result, _flow = run(rds_replica.replica_adapter, dict(V1_PARAMS, wait=False))
    assert result["changed"] is True
    assert body(calls(mocked, "POST")[0]) == {"instance": {
        "name": "orders-db-ro1", "flavorRef": "flavor-rr", "volume": {"type": "COMMON", "size": 100}, "region": "eu-de",
        "availabilityZone": "eu-de-01", "replicaOf": V1_SOURCE["id"]}}
    assert result["job_id"] == "j-1"
    assert [call.request.method for call in mocked.calls] == ["GET", "POST"]


def test_v1_source_that_is_a_replica_fails(mocked):
    mocked.add(responses.GET, V1, json={"instances": [dict(V1_SOURCE, type="readreplica", replica_of="p-1")]})
    with pytest.raises(DbaasError) as caught:
        run(rds_replica.replica_adapter, dict(V1_PARAMS))
    assert "itself a read replica" in str(caught.value)
    assert calls(mocked, "POST") == []


def test_v3_tags_of_an_existing_replica_are_planned_and_a_new_replica_sends_them(mocked):
    v3_lists(mocked, {"orders-db": [source()], "orders-db-ro1": [replica(tags=[{"key": "team", "value": "orders"}])]})
    planned, _flow = run(rds_replica.replica_adapter, dict(PARAMS, tags={"team": "orders", "tier": "read"}, purge_tags=True),
                         check_mode=True)
    assert planned["actions"] == [{"action": "add_tags", "option": "tags", "from": {"team": "orders"},
                                   "to": {"team": "orders", "tier": "read"}}]
    assert rds_replica.replica_body(dict(PARAMS, tags={"tier": "read"}), source())["tags"] == [{"key": "tier", "value": "read"}]


def test_v1_refuses_tags_before_any_request():
    with pytest.raises(ValidationError) as caught:
        rds_replica.validate_replica(dict(PARAMS, api_version="v1", tags={"a": "b"}))
    assert caught.value.option == "tags"
