# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The model checker itself, on sample bodies (no emulator)."""

from __future__ import annotations

import pytest

from tests.contract import models
from tests.contract.models import DDS, GAUSSDB, RDS, BodyTally, check_body, check_logged_request, check_response

PID = "0483b6b16e954cb88930a360d2c4e663"

# RDS v3 CreateInstance, MySQL primary/standby (the API reference's example, trimmed).
RDS_HA = {
    "name": "rds-ha-01", "datastore": {"type": "MySQL", "version": "8.0"},
    "ha": {"mode": "Ha", "replication_mode": "semisync"}, "port": "3306", "password": "Test@12345678",
    "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 12}, "flavor_ref": "rds.mysql.n1.large.2.ha",
    "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "availability_zone": "eu-de-01,eu-de-02",
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce", "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5", "charge_info": {"charge_mode": "postPaid"},
    "time_zone": "UTC+01:00", "unchangeable_param": {"lower_case_table_names": "1"},
}
# RDS v3 CreateInstance, read replica: same path and model, with replica_of_id.
RDS_REPLICA = {
    "name": "rds-replica-01", "replica_of_id": "dsfae23fsfdsae3435in01", "flavor_ref": "rds.mysql.n1.large.2.rr",
    "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "availability_zone": "eu-de-01",
    "charge_info": {"charge_mode": "postPaid"},
}
# GaussDB openGauss CreateRestoreInstance from a backup and from a point in time.
GAUSS_BACKUP = {
    "name": "gauss-restored", "availability_zone": "eu-de-01,eu-de-01,eu-de-01", "flavor_ref": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
    "volume": {"type": "ULTRAHIGH", "size": 40}, "vpc_id": "v", "subnet_id": "s", "security_group_id": "g",
    "password": "Test@12345678", "charge_info": {"charge_mode": "postPaid"},
    "backup_strategy": {"start_time": "01:00-02:00", "keep_days": 7}, "port": "8635", "time_zone": "UTC+08:00",
    "restore_point": {"instance_id": "a" * 32 + "in14", "type": "backup", "backup_id": "b" * 32 + "br14"},
}
GAUSS_TIME = dict(GAUSS_BACKUP, restore_point={"instance_id": "a" * 32 + "in14", "type": "timestamp", "restore_time": 1700000000000})
# DDS CreateInstance, a sharded cluster.
DDS_SHARDING = {
    "name": "dds-cluster", "datastore": {"type": "DDS-Community", "version": "4.0", "storage_engine": "wiredTiger"},
    "region": "eu-de", "availability_zone": "eu-de-01", "vpc_id": "v", "subnet_id": "s", "security_group_id": "g",
    "port": "8635", "password": "Test@12345678", "mode": "Sharding",
    "flavor": [
        {"type": "mongos", "num": "2", "spec_code": "dds.mongodb.s6.large.2.mongos"},
        {"type": "shard", "num": "2", "storage": "ULTRAHIGH", "size": "20", "spec_code": "dds.mongodb.s6.large.2.shard"},
        {"type": "config", "num": "1", "storage": "ULTRAHIGH", "size": "20", "spec_code": "dds.mongodb.s6.large.2.config"},
    ],
    "backup_strategy": {"start_time": "08:15-09:15", "keep_days": "8"}, "ssl_option": "1",
}


def entry(service, method, path, body=None, **extra):
    out = {"seq": 1, "service": service, "method": method, "path": path, "query": {}, "status": 202}
    if body is not None:
        out["body"] = body
    out.update(extra)
    return out


@pytest.mark.parametrize("body, package, model", [
    (RDS_HA, RDS, "InstanceRequest"),
    (RDS_REPLICA, RDS, "InstanceRequest"),
    (DDS_SHARDING, DDS, "CreateInstanceRequestBody"),
])
def test_documented_bodies_have_only_known_keys(body, package, model):
    assert [p for p in check_body(body, package, model, check_required=False) if p.kind != "coerced"] == []


def test_unknown_keys_are_found_at_every_level_with_their_path():
    body = dict(RDS_HA, extra_top=1, volume={"type": "COMMON", "size": 40, "iops": 3},
                tags=[{"key": "a", "value": "b", "colour": "red"}])
    problems = check_body(body, RDS, "InstanceRequest", check_required=False)
    assert sorted((p.kind, p.path) for p in problems) == [
        ("unknown", "extra_top"), ("unknown", "tags[].colour"), ("unknown", "volume.iops")]
    assert "not a field of Volume" in str(next(p for p in problems if p.path == "volume.iops"))


def test_dds_flavor_list_elements_are_checked():
    body = dict(DDS_SHARDING, flavor=[dict(DDS_SHARDING["flavor"][0], replicas=3)])
    assert [(p.kind, p.path) for p in check_body(body, DDS, "CreateInstanceRequestBody", check_required=False)] == [
        ("unknown", "flavor[].replicas")]


def test_types_and_coercion():
    body = dict(DDS_SHARDING, flavor=[dict(DDS_SHARDING["flavor"][0], num=2)], datastore="4.0")
    problems = {(p.kind, p.path) for p in check_body(body, DDS, "CreateInstanceRequestBody", check_required=False)}
    # An integer where the model declares a string parses (the SDK converts it): a note, not a failure.
    assert ("coerced", "flavor[].num") in problems
    # A string where a model (object) is declared does not parse.
    assert ("type", "datastore") in problems
    verdict = models.judge("DDS CreateInstance", check_body(body, DDS, "CreateInstanceRequestBody", check_required=False))
    assert [p.path for p in verdict.failures] == ["datastore"]
    assert [p.path for p in verdict.notes] == ["flavor[].num"]


def test_missing_required_fields_in_responses():
    answer = {"restore_time": [{"start_time": 1}, {"start_time": 1, "end_time": 2}]}
    verdict = check_response("GaussDB ListRestoreTimes", answer, GAUSSDB, "ListRestoreTimesResponse")
    assert [(p.kind, p.path) for p in verdict.failures] == [("missing", "restore_time[].end_time")]


def test_null_values_and_free_objects_are_accepted():
    assert check_body({"job_id": None}, RDS, "DeleteInstanceResponse", check_required=True) == []


def test_gauss_restore_point_type_and_time_are_listed_exceptions():
    for body in (GAUSS_BACKUP, GAUSS_TIME):
        tally = BodyTally()
        assert check_logged_request(entry("gaussdb", "POST", "/gaussdb/v3/%s/instances" % PID, body), tally) == []
        assert tally.checked == 1 and tally.failures == 0
    assert tally.exceptions == {"GaussDB CreateRestoreInstance: restore_point.type": 1,
                                "GaussDB CreateRestoreInstance: restore_point.restore_time": 1}


# The models each listed operation is checked with: its request body model and its response model.
OPERATION_MODELS = {
    "GaussDB CreateRestoreInstance": [(GAUSSDB, "OpengaussRestoreInstanceRequest"), (GAUSSDB, "CreateRestoreInstanceResponse")],
    "GaussDB CreateInstance": [(GAUSSDB, "OpenGaussInstanceRequest"), (GAUSSDB, "CreateInstanceResponse")],
    "GaussDB ListInstances": [(GAUSSDB, "ListInstancesResponse")],
    "DDS ListInstances": [(DDS, "ListInstancesResponse")],
    "RDS v3 ListInstances": [(RDS, "ListInstancesResponse")],
}


@pytest.mark.parametrize("listed", [models.EXCEPTIONS, models.OPEN_FINDINGS], ids=["EXCEPTIONS", "OPEN_FINDINGS"])
def test_every_listed_difference_is_still_one_with_the_sdk(listed):
    """An entry is needed while the SDK model lacks the field (unknown) or marks it required (missing)."""
    for (operation, path), reason in listed.items():
        assert reason and operation in OPERATION_MODELS, (operation, path)
        holders = [models.model_at(package, model, path) for package, model in OPERATION_MODELS[operation]]
        holders = [(cls, leaf) for cls, leaf in holders if cls is not None]
        assert holders, ("no model holds the parent of", operation, path)
        for cls, leaf in holders:
            attrs = {wire: attr for attr, wire in cls.attribute_map.items()}
            assert leaf not in attrs or attrs[leaf] in models.required_attributes(cls), (operation, path, cls.__name__)


def test_log_entries_are_routed_by_service_method_and_path():
    tally = BodyTally()
    bad = dict(RDS_HA, bogus=True)
    # Main port (service prefix) and service port (real layout) paths.
    assert check_logged_request(entry("rds", "POST", "/rds/v3/%s/instances" % PID, RDS_HA), tally) == []
    assert check_logged_request(entry("rds", "POST", "/v3/%s/instances" % PID, RDS_REPLICA), tally) == []
    assert check_logged_request(entry("dds", "POST", "/v3/%s/instances" % PID, DDS_SHARDING), tally) == []
    failures = check_logged_request(entry("rds", "POST", "/rds/v3/%s/instances" % PID, bad), tally)
    assert len(failures) == 1 and "POST /rds/v3/%s/instances" % PID in failures[0] and "unknown bogus" in failures[0]
    # GET and DELETE carry no body to check.
    assert check_logged_request(entry("rds", "GET", "/rds/v3/%s/instances" % PID), tally) == []
    assert check_logged_request(entry("rds", "DELETE", "/rds/v3/%s/instances/x" % PID), tally) == []
    # RDS v1 (both prefixes) and IAM are skipped by listed rules, and counted.
    assert check_logged_request(entry("rds", "POST", "/rds/v1/%s/instances" % PID, {"instance": {}}), tally) == []
    assert check_logged_request(entry("rds", "POST", "/rds/rds/v1/%s/instances" % PID, {"instance": {}}), tally) == []
    assert check_logged_request(entry("iam", "POST", "/iam/v3/auth/tokens", {"auth": {}}), tally) == []
    # A POST that no SDK operation has fails.
    unknown = check_logged_request(entry("rds", "POST", "/rds/v3/%s/instances/x/reboot-now" % PID, {"restart": {}}), tally)
    assert len(unknown) == 1 and "no operation of the SDK's rds client" in unknown[0]
    # A body the log did not record is counted, not checked.
    assert check_logged_request(entry("dds", "POST", "/dds/v3/%s/instances" % PID), tally) == []
    assert tally.as_dict() == {
        "checked": 4, "failures": 2, "without_body": 1, "exceptions": {}, "notes": {},
        "skipped": {"RDS v1 (any operation)": 2, "IAM KeystoneCreateUserTokenByPassword": 1},
        "operations": {"RDS v3 CreateInstance": 3, "DDS CreateInstance": 1}, "seconds": 0.0,
    }
    total = BodyTally()
    total.add(tally.as_dict())
    total.add(tally.as_dict())
    assert total.checked == 8 and total.skipped["RDS v1 (any operation)"] == 4


def test_body_rule_models_exist():
    for rule in models.BODY_RULES:
        if rule.skip:
            continue
        for body in ({}, {"restore_point": {}}):
            package, name = rule.model(body)
            assert models.model_class(package, name).attribute_map


def test_required_attributes_follow_the_generated_init():
    cls = models.model_class(GAUSSDB, "GetRestoreTimeResponseRestoreTime")
    assert models.required_attributes(cls) == ("start_time", "end_time")
    assert "replica_of_id" not in models.required_attributes(models.model_class(RDS, "InstanceRequest"))
    assert "replica_of_id" in models.model_class(RDS, "InstanceRequest").attribute_map


@pytest.mark.parametrize("service, method, path, body, operation", [
    ("rds", "POST", "/rds/v3/%s/instances/x/action" % PID, {"resize_flavor": {"spec_code": "rds.mysql.n1.xlarge.2"}},
     "RDS v3 StartResizeFlavorAction"),
    ("rds", "POST", "/v3/%s/instances/x/action" % PID, {"enlarge_volume": {"size": 100}}, "RDS v3 StartInstanceEnlargeVolumeAction"),
    ("rds", "POST", "/rds/v3/%s/instances/x/action" % PID, {"single_to_ha": {"az_code_new_node": "eu-de-02"}},
     "RDS v3 StartInstanceSingleToHaAction"),
    ("rds", "PUT", "/rds/v3/%s/instances/x/port" % PID, {"port": 3307}, "RDS v3 UpdatePort"),
    ("rds", "PUT", "/rds/v3/%s/instances/x/security-group" % PID, {"security_group_id": "g"}, "RDS v3 SetSecurityGroup"),
    ("rds", "POST", "/rds/v3/%s/instances/x/password" % PID, {"db_user_pwd": "***"}, "RDS v3 ResetPwd"),
    ("dds", "POST", "/dds/v3/%s/instances/x/enlarge-volume" % PID, {"volume": {"size": "20"}}, "DDS ResizeInstanceVolume"),
])
def test_other_operations_are_found_among_the_sdk_clients_operations(service, method, path, body, operation):
    tally = BodyTally()
    assert check_logged_request(entry(service, method, path, body), tally) == []
    assert tally.operations == {operation: 1}


def test_an_action_body_that_fits_no_operation_names_the_closest_one():
    body = {"resize_flavor": {"spec_code": "rds.mysql.n1.xlarge.2", "bogus": 1}}
    failures = check_logged_request(entry("rds", "POST", "/rds/v3/%s/instances/x/action" % PID, body), BodyTally())
    assert len(failures) == 1
    assert "RDS v3 StartResizeFlavorAction" in failures[0] and "unknown resize_flavor.bogus" in failures[0]
    assert "fit worse: " in failures[0] and "StartInstanceRestartAction" in failures[0]


def test_sdk_routes_cover_the_three_clients():
    for service in ("rds", "dds", "gaussdb"):
        routes = models.sdk_routes(service)
        assert len(routes) > 50 and all(route.pattern.pattern.startswith("^(?:/") for route in routes)
    assert models.sdk_routes("iam") == ()


def test_rds_and_dds_restore_bodies_are_checked_as_their_restore_operations():
    """restore_from: the bodies rds_instance and dds_instance send fit RDS v3 CreateRestoreInstanceRequestBody and
    DDS RestoreNewInstanceRequestBody, and the request log names those operations."""
    from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import dds as dds_service, rds as rds_service
    from tests.unit.plugins.module_utils.test_restore_from import DDS_BASE, RDS_PARAMS
    point = {"instance_id": "a" * 32 + "in01", "type": "timestamp", "restore_time": 1700000000000}
    rds_body = dict(rds_service.create_body(RDS_PARAMS), restore_point=point)
    dds_body = dds_service.restore_body(DDS_BASE, point)
    assert check_body(rds_body, RDS, "CreateRestoreInstanceRequestBody", check_required=True) == []
    assert check_body(dds_body, DDS, "RestoreNewInstanceRequestBody", check_required=True) == []
    tally = BodyTally()
    assert check_logged_request(entry("rds", "POST", "/rds/v3/%s/instances" % PID, rds_body), tally) == []
    assert check_logged_request(entry("dds", "POST", "/dds/v3/%s/instances" % PID, dds_body), tally) == []
    assert tally.as_dict()["operations"] == {"RDS v3 CreateRestoreInstance": 1, "DDS RestoreNewInstance": 1}
