# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RDS v1: body mapping, normalisation of both list shapes, jobs, and the FAILED-primary fallback (mocked HTTP)."""

from __future__ import annotations

import copy

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError, DbaasError, JobFailed, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import rds, rds_v1

from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import AUTH, RDS, V1, V1_JOBS, body, calls, run, sequence

PRIMARY = "b0468a4a-5790-4a4f-8442-9030e52369e6"
STANDBY = "9405d8b8-a87d-4531-bd3a-e504c8434281"
JOB_A, JOB_B = "8a3eb75e5577819f0155778220600001", "ae3081675564ddf5357564f64a560025"

# Seed 000: the answer to an HA create.
HA_ANSWER = {"instance": {
    "id": PRIMARY, "status": "BUILD", "name": "tenant-instance-123", "created": "", "hostname": "", "type": "master",
    "region": "eu-de", "updated": "", "availabilityZone": "eu-de-01", "vpc": "f7513b5d-5c48-4332-8f47-a3c29c2613e7",
    "nics": {"subnetId": "4a7d3555-6410-4338-8859-2be61d51662a"}, "securityGroup": {"id": "bb62ffb9-a37a-4821-92b9-f9e0712e389f"},
    "flavor": {"id": "bf07a6d4-844a-4023-a776-fc5c5fb71fb4"}, "volume": {"type": "ULTRAHIGH", "size": 100},
    "extendparam": {"jobs": [{"id": JOB_A}, {"id": JOB_B}]}, "backupStrategy": {"startTime": "01:00:00", "keepDays": 3},
    "slaveId": STANDBY, "ha": {"replicationMode": "async"},
}}
# Seed 001: the list answer with "instances" as an object, and a read replica create answer.
LIST_AS_OBJECT = {"instances": {
    "id": "252f11f1-2912-4c06-be55-1999bde659c5", "status": "ACTIVE", "name": "trove-instance-rep3",
    "created": "2016-06-18T21:21:50+0200", "hostname": "", "type": "master", "region": "eu-de",
    "updated": "2016-06-18T21:21:50+0200", "availabilityZone": "eu-de-01", "vpc": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "nics": {"subnetId": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f"}, "securityGroup": {"id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5"},
    "flavor": {"id": "bf07a6d4-844a-4023-a776-fc5c5fb71fb4"}, "volume": {"type": "COMMON", "size": 100},
    "backupStrategy": {"startTime": "01:00:00", "keepDays": 3},
}}
REPLICA_ANSWER = {"instance": {
    "id": "c0468a4a-5790-4a4f-8442-9030e52369e7", "status": "BUILD", "name": "tenant-instance-123-rep", "hostname": "172.16.4.210",
    "type": "readreplica", "region": "eu-de", "availabilityZone": "eu-de-01", "flavor": {"id": "bf07a6d4-844a-4023-a776-fc5c5fb71fb4"},
    "volume": {"type": "COMMON", "size": 100}, "extendparam": {"jobs": [{"id": JOB_A}]},
    "replica_of": "252f11f1-2912-4c06-be55-1999bde659c5",
}}

HA_PARAMS = dict(AUTH, name="tenant-instance-123", state="present", wait=True, drift="fail", api_version="v1", engine="mysql",
                 engine_version="5.7", ha_mode="ha", replication_mode="async", flavor="bf07a6d4-844a-4023-a776-fc5c5fb71fb4",
                 volume_type="ULTRAHIGH", volume_size=100, availability_zone=["eu-de-01"],
                 vpc_id="f7513b5d-5c48-4332-8f47-a3c29c2613e7", subnet_id="4a7d3555-6410-4338-8859-2be61d51662a",
                 security_group_id="bb62ffb9-a37a-4821-92b9-f9e0712e389f", password="Test@12345678",
                 backup_strategy={"start_time": "01:00-02:00", "keep_days": 3}, charge_mode="postPaid")


def listed(raw, status="ACTIVE"):
    return dict(copy.deepcopy(raw["instance"]), status=status)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


# paths -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("params, expected", [
    ({}, "/v1"),
    ({"cloud": "huaweicloud"}, "/v1"),
    ({"cloud": "otc"}, "/rds/v1"),
    ({"cloud": "otc", "v1_path_prefix": "/custom/v1/"}, "/custom/v1"),
    ({"v1_path_prefix": "rds/v1"}, "/rds/v1"),
    ({"platform": "otc"}, "/rds/v1"),
    ({"platform": "huaweicloud", "region": "eu-de"}, "/v1"),
    ({"region": "eu-nl"}, "/rds/v1"),  # the platform inferred from the region
    ({"region": "cn-north-4"}, "/v1"),
])
def test_prefix_defaults_per_cloud_and_override(params, expected):
    assert rds_v1.v1_prefix(params) == expected


# list shapes -----------------------------------------------------------------------------------
def test_list_as_object_is_one_instance():
    records = rds_v1.instance_records(LIST_AS_OBJECT)
    assert [record["id"] for record in records] == ["252f11f1-2912-4c06-be55-1999bde659c5"]


def test_list_as_array_and_empty_shapes():
    array = {"instances": [LIST_AS_OBJECT["instances"], listed(REPLICA_ANSWER)]}
    assert [record["name"] for record in rds_v1.instance_records(array)] == ["trove-instance-rep3", "tenant-instance-123-rep"]
    assert rds_v1.instance_records({"instances": []}) == []
    assert rds_v1.instance_records({"instances": {}}) == []
    assert rds_v1.instance_records({}) == []
    assert rds_v1.instance_records({"instances": [{"instance": {"id": "x", "name": "wrapped"}}]}) == [{"id": "x", "name": "wrapped"}]


# normalisation ---------------------------------------------------------------------------------
def test_normalize_ha_answer_to_v3_field_names():
    record = rds_v1.normalize(HA_ANSWER["instance"])
    assert record == {
        "id": PRIMARY, "name": "tenant-instance-123", "status": "BUILD", "region": "eu-de", "availability_zone": "eu-de-01",
        "vpc_id": "f7513b5d-5c48-4332-8f47-a3c29c2613e7", "subnet_id": "4a7d3555-6410-4338-8859-2be61d51662a",
        "security_group_id": "bb62ffb9-a37a-4821-92b9-f9e0712e389f", "flavor_ref": "bf07a6d4-844a-4023-a776-fc5c5fb71fb4",
        "type": "Ha", "volume": {"type": "ULTRAHIGH", "size": 100},
        "backup_strategy": {"start_time": "01:00-02:00", "keep_days": 3}, "ha": {"replication_mode": "async"},
        "nodes": [{"id": PRIMARY, "role": "master", "status": "BUILD"}, {"id": STANDBY, "role": "slave"}],
    }
    assert not [key for key in record if any(ch.isupper() for ch in key)]


def test_normalize_listed_master_and_replica():
    master = rds_v1.normalize(LIST_AS_OBJECT["instances"])
    assert master["type"] == "Single"
    assert master["created"] == "2016-06-18T21:21:50+0200"
    assert "related_instance" not in master
    replica = rds_v1.normalize(REPLICA_ANSWER["instance"])
    assert replica["type"] == "Replica"
    assert replica["related_instance"] == [{"id": "252f11f1-2912-4c06-be55-1999bde659c5", "type": "replica_of"}]
    assert replica["private_ips"] == ["172.16.4.210"]


def test_normalize_other_v1_spellings():
    record = rds_v1.normalize({"id": "a", "name": "n", "status": "ACTIVE", "type": "readreplica", "azcode": "az1", "subnetid": "s",
                               "securegroup": "g", "dbPort": 3306, "dataStoreInfo": {"type": "MySQL", "version": "5.7"},
                               "replica_of": {"id": "src", "links": []}, "ip": "10.0.0.5"})
    assert record["availability_zone"] == "az1" and record["subnet_id"] == "s" and record["security_group_id"] == "g"
    assert record["port"] == 3306 and record["datastore"] == {"type": "MySQL", "version": "5.7"}
    assert record["related_instance"] == [{"id": "src", "type": "replica_of"}]
    assert record["private_ips"] == ["10.0.0.5"]


@pytest.mark.parametrize("window, v1", [("01:00-02:00", "01:00:00"), ("08:15-09:15", "08:15:00"), ("23:45-00:45", "23:45:00")])
def test_backup_window_round_trip(window, v1):
    assert rds_v1.to_v1_start_time(window) == v1
    assert rds_v1.from_v1_start_time(v1) == window


def test_job_ids_from_every_place():
    assert rds_v1.job_ids(HA_ANSWER) == [JOB_A, JOB_B]
    assert rds_v1.job_ids({"job_id": "j-1"}) == ["j-1"]
    assert rds_v1.job_ids({"extendparam": {"jobs": [{"id": "j-2"}]}, "instance": {}}) == ["j-2"]
    assert rds_v1.job_ids({}) == []


# bodies ----------------------------------------------------------------------------------------
def test_ha_body_is_the_seed_000_camelcase_body():
    assert rds_v1.create_body(dict(HA_PARAMS, port=3307)) == {"instance": {
        "name": "tenant-instance-123", "datastore": {"type": "MySQL", "version": "5.7"},
        "flavorRef": "bf07a6d4-844a-4023-a776-fc5c5fb71fb4", "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de",
        "availabilityZone": "eu-de-01", "vpc": "f7513b5d-5c48-4332-8f47-a3c29c2613e7",
        "nics": {"subnetId": "4a7d3555-6410-4338-8859-2be61d51662a"}, "securityGroup": {"id": "bb62ffb9-a37a-4821-92b9-f9e0712e389f"},
        "dbPort": "3307", "backupStrategy": {"startTime": "01:00:00", "keepDays": 3}, "dbRtPd": "Test@12345678",
        "ha": {"enable": True, "replicationMode": "async"},
    }}


def test_single_body_has_no_ha_and_no_port_when_unset():
    instance = rds_v1.create_body(dict(HA_PARAMS, ha_mode="single", replication_mode=None, backup_strategy=None))["instance"]
    assert "ha" not in instance and "dbPort" not in instance and "backupStrategy" not in instance


def test_replica_body_takes_volume_and_zone_from_the_source():
    source = rds_v1.normalize(LIST_AS_OBJECT["instances"])
    params = dict(AUTH, name="tenant-instance-123-rep", flavor="flavor-rr")
    assert rds_v1.replica_body(params, source) == {"instance": {
        "name": "tenant-instance-123-rep", "flavorRef": "flavor-rr", "volume": {"type": "COMMON", "size": 100}, "region": "eu-de",
        "availabilityZone": "eu-de-01", "replicaOf": "252f11f1-2912-4c06-be55-1999bde659c5"}}
    chosen = rds_v1.replica_body(dict(params, volume_type="ULTRAHIGH", volume_size=200, availability_zone=["eu-de-02"]), source)
    assert chosen["instance"]["volume"] == {"type": "ULTRAHIGH", "size": 200}
    assert chosen["instance"]["availabilityZone"] == "eu-de-02"


# validation ------------------------------------------------------------------------------------
@pytest.mark.parametrize("override, option", [
    ({"time_zone": "UTC+08:00"}, "time_zone"),
    ({"disk_encryption_id": "key"}, "disk_encryption_id"),
    ({"configuration_id": "cfg"}, "configuration_id"),
    ({"availability_zone": ["a", "b", "c"]}, "availability_zone"),
    ({"ha_mode": "single", "replication_mode": None, "availability_zone": ["a", "b"]}, "availability_zone"),
    ({"replication_mode": None}, "replication_mode"),
    ({"volume_size": 45}, "volume_size"),
    ({"backup_strategy": {"start_time": "01:10-02:10"}}, "backup_strategy.start_time"),
    ({"v1_path_prefix": "no spaces allowed"}, "v1_path_prefix"),
    ({"password": "weakweakweak"}, "password"),
    ({"engine_version": "5.1"}, "engine_version"),
    ({"engine_version": "5.75"}, "engine_version"),
])
def test_v1_validation_names_the_option(override, option):
    with pytest.raises(ValidationError) as caught:
        rds_v1.validate_any_instance(dict(HA_PARAMS, **override))
    assert caught.value.option == option


def test_v1_validation_accepts_one_or_two_zones_for_ha_and_v3_rules_stay():
    rds_v1.validate_any_instance(HA_PARAMS)
    rds_v1.validate_any_instance(dict(HA_PARAMS, availability_zone=["eu-de-01", "eu-de-02"]))
    rds_v1.validate_any_instance(dict(HA_PARAMS, engine_version="5.7.17"))  # v1 lists full versions
    with pytest.raises(ValidationError) as caught:  # v3 still wants two zones for ha
        rds_v1.validate_any_instance(dict(HA_PARAMS, api_version="v3"))
    assert caught.value.option == "availability_zone"


def test_adapter_selection():
    assert isinstance(rds_v1.instance_adapter(None, dict(HA_PARAMS)), rds_v1.RdsV1Instances)
    v3 = rds_v1.instance_adapter(None, dict(HA_PARAMS, api_version="v3"))
    assert isinstance(v3, rds.RdsInstances) and not isinstance(v3, rds_v1.RdsV1Instances)


# the flow over v1 ------------------------------------------------------------------------------
def job(job_id, status, instance_id, reason=""):
    return {"job": {"id": job_id, "status": status, "instance": {"id": instance_id}, "fail_reason": reason}}


def test_ha_create_posts_camelcase_and_waits_for_every_job(mocked):
    mocked.add(responses.GET, V1, json={"instances": []})
    mocked.add(responses.POST, V1, json=HA_ANSWER)
    mocked.add_callback(responses.GET, V1_JOBS, callback=sequence(job(JOB_A, "Running", PRIMARY), job(JOB_A, "Completed", PRIMARY)))
    mocked.add(responses.GET, V1 + "/" + PRIMARY, json={"instance": listed(HA_ANSWER)})
    result, _flow = run(rds_v1.instance_adapter, dict(HA_PARAMS))
    assert result["changed"] is True
    post = calls(mocked, "POST")[0]
    assert body(post)["instance"]["dbRtPd"] == "Test@12345678"
    assert body(post)["instance"]["ha"] == {"enable": True, "replicationMode": "async"}
    asked = sorted({call.request.url.split("id=")[1] for call in calls(mocked, "GET", V1_JOBS)})
    assert asked == sorted([JOB_A, JOB_B])
    assert result["job_ids"] == [JOB_A, JOB_B]
    assert result["instance"]["type"] == "Ha" and result["instance"]["status"] == "ACTIVE"
    assert "standby_fallback" not in result
    assert "Test@12345678" not in repr(result)


def test_converged_v1_task_is_one_list_request_whatever_the_list_shape(mocked):
    one = {"instances": listed(HA_ANSWER)}  # the object shape of seed 001
    mocked.add(responses.GET, V1, json=one)
    result, _flow = run(rds_v1.instance_adapter, dict(HA_PARAMS))
    assert result["changed"] is False
    assert len(mocked.calls) == 1
    assert result["instance"]["backup_strategy"] == {"start_time": "01:00-02:00", "keep_days": 3}


def test_listed_standby_nodes_are_not_duplicates(mocked):
    standby = dict(listed(HA_ANSWER), id=STANDBY, type="slave")
    standby.pop("slaveId")
    mocked.add(responses.GET, V1, json={"instances": [listed(HA_ANSWER), standby]})
    result, _flow = run(rds_v1.instance_adapter, dict(HA_PARAMS))
    assert result["changed"] is False
    assert result["instance"]["id"] == PRIMARY


def test_failed_primary_is_followed_through_its_standby(mocked):
    mocked.add(responses.GET, V1, json={"instances": []})
    mocked.add(responses.POST, V1, json=HA_ANSWER)
    mocked.add(responses.GET, V1_JOBS + "?id=" + JOB_A, json=job(JOB_A, "Failed", PRIMARY, "The primary node failed to start."))
    mocked.add(responses.GET, V1_JOBS + "?id=" + JOB_B, json=job(JOB_B, "Completed", STANDBY))
    mocked.add(responses.GET, V1 + "/" + PRIMARY, json={"instance": listed(HA_ANSWER, "FAILED")})
    standby = dict(listed(HA_ANSWER), id=STANDBY, type="slave", availabilityZone="eu-de-01")
    standby.pop("slaveId")
    mocked.add(responses.GET, V1 + "/" + STANDBY, json={"instance": standby})
    result, flow = run(rds_v1.instance_adapter, dict(HA_PARAMS))
    assert result["changed"] is True
    assert result["instance"]["id"] == STANDBY
    assert result["instance"]["status"] == "ACTIVE"
    assert result["instance"]["nodes"][0] == {"id": PRIMARY, "role": "master", "status": "FAILED"}
    assert result["standby_fallback"] == {"primary_id": PRIMARY, "primary_status": "FAILED", "standby_id": STANDBY,
                                          "fail_reason": "The primary node failed to start."}
    assert any(STANDBY in warning for warning in flow.warnings)


def test_failed_job_of_a_single_instance_still_fails(mocked):
    single = copy.deepcopy(HA_ANSWER)
    single["instance"].pop("slaveId")
    single["instance"]["extendparam"]["jobs"] = [{"id": JOB_A}]
    mocked.add(responses.GET, V1, json={"instances": []})
    mocked.add(responses.POST, V1, json=single)
    mocked.add(responses.GET, V1_JOBS, json=job(JOB_A, "Failed", PRIMARY, "no capacity"))
    with pytest.raises(JobFailed):
        run(rds_v1.instance_adapter, dict(HA_PARAMS, ha_mode="single", replication_mode=None))


def test_failed_primary_with_failed_standby_fails(mocked):
    mocked.add(responses.GET, V1, json={"instances": [listed(HA_ANSWER, "FAILED")]})
    standby = dict(listed(HA_ANSWER, "FAILED"), id=STANDBY, type="slave")
    mocked.add(responses.GET, V1 + "/" + STANDBY, json={"instance": standby})
    with pytest.raises(DbaasError) as caught:
        run(rds_v1.instance_adapter, dict(HA_PARAMS))
    assert "FAILED" in str(caught.value)


def test_absent_deletes_through_the_standby_of_a_failed_primary(mocked):
    mocked.add(responses.GET, V1, json={"instances": [listed(HA_ANSWER, "FAILED")]})
    standby = dict(listed(HA_ANSWER), id=STANDBY, type="slave")
    mocked.add_callback(responses.GET, V1 + "/" + STANDBY, callback=sequence({"instance": standby}))
    mocked.add(responses.DELETE, V1 + "/" + STANDBY, json={"job_id": "job-del"}, status=202)
    params = dict(AUTH, name="tenant-instance-123", state="absent", wait=False, api_version="v1")
    result, _flow = run(rds_v1.instance_adapter, params)
    assert result["changed"] is True
    assert result["job_id"] == "job-del"
    assert [call.request.url for call in calls(mocked, "DELETE")] == [V1 + "/" + STANDBY]
    assert result["standby_fallback"]["standby_id"] == STANDBY


def test_v1_errors_and_404_on_get(mocked):
    mocked.add(responses.GET, V1 + "/gone", status=404, json={"errCode": "RDS.1102", "externalMessage": "not found"})
    mocked.add(responses.GET, V1 + "/bad", status=400, json={"error": {"code": "RDS.0041", "message": "Invalid parameter"}})
    adapter = rds_v1.RdsV1Instances(Client(ClientConfig(AUTH)), dict(AUTH, api_version="v1"))
    assert adapter.get("gone") is None
    with pytest.raises(ApiError) as caught:
        adapter.get("bad")
    assert caught.value.code == "RDS.0041" and caught.value.status == 400


def test_otc_prefix_reaches_rds_v1_paths(mocked):
    mocked.add(responses.GET, RDS + "/rds/v1/0123456789abcdef0123456789abcdef/instances", json={"instances": []})
    params = dict(AUTH, platform="otc", name="tenant-instance-123", state="absent", wait=False, api_version="v1")
    result, _flow = run(rds_v1.instance_adapter, params)
    assert result["changed"] is False
    assert len(mocked.calls) == 1


def test_v1_full_listed_version_matches_the_family_the_task_names(mocked):
    # RDS v1 lists the full datastore version (5.7.17) of an instance created with 5.7.
    mocked.add(responses.GET, V1, json={"instances": [dict(listed(HA_ANSWER), datastore={"type": "MySQL", "version": "5.7.17"})]})
    result, _flow = run(rds_v1.instance_adapter, dict(HA_PARAMS))
    assert result["changed"] is False
    assert len(mocked.calls) == 1


@pytest.mark.parametrize("wanted", ["8.0", "5.7.22"])
def test_v1_other_version_is_drift(mocked, wanted):
    mocked.add(responses.GET, V1, json={"instances": [dict(listed(HA_ANSWER), datastore={"type": "MySQL", "version": "5.7.17"})]})
    with pytest.raises(DbaasError) as caught:
        run(rds_v1.instance_adapter, dict(HA_PARAMS, engine_version=wanted))
    assert "datastore.version: wanted '%s', found '5.7.17'" % wanted in str(caught.value)
