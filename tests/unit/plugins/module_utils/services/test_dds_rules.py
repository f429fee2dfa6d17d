# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DDS input rules, the create body and the record mapping (no HTTP)."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import differences
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import dds
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.dds import DdsInstances, create_body, validate_instance

from ansible_collections.hwcloud.dbaas.tests.unit.utils.dds_data import REPLICA, SHARDING, SINGLE, listed_record, params


# good input ------------------------------------------------------------------------------------
@pytest.mark.parametrize("base", [SHARDING, REPLICA, SINGLE], ids=["Sharding", "ReplicaSet", "Single"])
def test_each_mode_is_valid(base):
    validate_instance(params(base))


@pytest.mark.parametrize("port", [2100, 8635, 9500, 27017, 27018, 27019])
def test_documented_ports_are_valid(port):
    validate_instance(params(SHARDING, port=port))


def test_absent_takes_any_name_an_instance_made_elsewhere_may_have():
    # The name rules are create rules: absent must find and delete what exists, whatever its name.
    for name in ("catalog-cluster", "1catalog", "db", "a" * 80, "catalog.cluster"):
        validate_instance({"name": name, "state": "absent"})


def test_flavor_order_does_not_matter_and_sixteen_is_allowed():
    flavor = [
        {"type": "config", "num": 1, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.mongodb.s6.large.2.config"},
        {"type": "shard", "num": 16, "storage": None, "size": 2000, "spec_code": "dds.mongodb.s6.large.4.shard"},
        {"type": "mongos", "num": 16, "storage": None, "size": None, "spec_code": "dds.mongodb.s6.large.4.mongos"},
    ]
    validate_instance(params(SHARDING, flavor=flavor))


def _flavor(base, index, **changes):
    entries = copy.deepcopy(base["flavor"])
    entries[index].update(changes)
    return entries


BAD = [
    ("name", dict(name="abc")),
    ("name", dict(name="a" * 65)),
    ("name", dict(name="9lives")),
    ("name", dict(name="cat.cluster")),
    ("port", dict(port=2099)),
    ("port", dict(port=9501)),
    ("port", dict(port=27020)),
    ("password", dict(password="Sh0rt!")),
    ("password", dict(password="NoSpecials123")),
    ("password", dict(password="nouppercase1!")),
    ("password", dict(password="Bad$Special1")),
    ("password", dict(password="x" * 30 + "A1!")),
    ("vpc_id", dict(vpc_id="vpc-1")),
    ("disk_encryption_id", dict(disk_encryption_id="not-a-uuid")),
    ("datastore.version", dict(datastore={"type": "DDS-Community", "version": "4", "storage_engine": None})),
    ("datastore.storage_engine", dict(datastore={"type": "DDS-Community", "version": "4.0", "storage_engine": "rocksDB"})),
    ("datastore.storage_engine", dict(datastore={"type": "DDS-Community", "version": "4.4", "storage_engine": "wiredTiger"})),
    ("datastore.version", dict(datastore={"type": "DDS-Community", "version": "3.2", "storage_engine": "wiredTiger"})),
    ("datastore.version", dict(datastore={"type": "DDS-Community", "version": "6.0", "storage_engine": "rocksDB"})),
    ("datastore.storage_engine", dict(datastore={"type": "DDS-Community", "version": "5.0", "storage_engine": "wiredTiger"})),
    ("backup_strategy.start_time", dict(backup_strategy={"start_time": "08:15-10:15", "keep_days": 8})),
    ("backup_strategy.start_time", dict(backup_strategy={"start_time": "08:10-09:10", "keep_days": 8})),
    ("backup_strategy.keep_days", dict(backup_strategy={"start_time": "08:15-09:15", "keep_days": 733})),
    ("availability_zone", dict(availability_zone=["eu-de-01", ""])),
    ("availability_zone", dict(availability_zone=["eu-de-01", "eu-de-02"])),
    ("availability_zone", dict(availability_zone=["az1", "az2", "az3", "az4"])),
    ("mode", dict(mode=None)),
    ("tags", dict(tags={"_sys_owner": "x"})),
    ("tags", dict(tags={"team": "a|b"})),
    ("tags", dict(tags={"k%d" % index: "v" for index in range(21)})),
    ("flavor", dict(flavor=[])),
    ("flavor", dict(flavor=SHARDING["flavor"][:2])),
    ("flavor[0].num", dict(flavor=_flavor(SHARDING, 0, num=1))),
    ("flavor[0].num", dict(flavor=_flavor(SHARDING, 0, num=17))),
    ("flavor[1].num", dict(flavor=_flavor(SHARDING, 1, num=1))),
    ("flavor[1].num", dict(flavor=_flavor(SHARDING, 1, num=17))),
    ("flavor[2].num", dict(flavor=_flavor(SHARDING, 2, num=3))),
    ("flavor[0].size", dict(flavor=_flavor(SHARDING, 0, size=20))),
    ("flavor[0].storage", dict(flavor=_flavor(SHARDING, 0, storage="ULTRAHIGH"))),
    ("flavor[1].size", dict(flavor=_flavor(SHARDING, 1, size=None))),
    ("flavor[1].size", dict(flavor=_flavor(SHARDING, 1, size=5))),
    ("flavor[1].size", dict(flavor=_flavor(SHARDING, 1, size=2010))),
    ("flavor[1].size", dict(flavor=_flavor(SHARDING, 1, size=25))),
    ("flavor[1].storage", dict(flavor=_flavor(SHARDING, 1, storage="COMMON"))),
    ("flavor[2].size", dict(flavor=_flavor(SHARDING, 2, size=30))),
    ("flavor[3].type", dict(flavor=SHARDING["flavor"] + [dict(SHARDING["flavor"][0])])),
    ("flavor[3].type", dict(flavor=SHARDING["flavor"] + [REPLICA["flavor"][0]])),
]
BAD_REPLICA = [
    ("flavor[0].num", dict(flavor=_flavor(REPLICA, 0, num=3))),
    ("flavor[0].size", dict(flavor=_flavor(REPLICA, 0, size=2010))),
    ("flavor[0].type", dict(flavor=[SHARDING["flavor"][1]])),
    ("flavor[1].type", dict(flavor=REPLICA["flavor"] + [dict(REPLICA["flavor"][0])])),
]
BAD_SINGLE = [
    ("flavor[0].size", dict(flavor=_flavor(SINGLE, 0, size=1010))),
    ("flavor[0].num", dict(flavor=_flavor(SINGLE, 0, num=2))),
    ("flavor[0].type", dict(flavor=REPLICA["flavor"])),
    ("availability_zone", dict(availability_zone=["eu-de-01", "eu-de-02"])),
    ("availability_zone", dict(availability_zone=["eu-de-01", "eu-de-02", "eu-de-03"])),
    ("mode", dict(datastore={"type": "DDS-Community", "version": "5.0", "storage_engine": None})),
]


@pytest.mark.parametrize("base, option, changes",
                         [(SHARDING,) + case for case in BAD] + [(REPLICA,) + case for case in BAD_REPLICA]
                         + [(SINGLE,) + case for case in BAD_SINGLE])
def test_bad_input_names_the_option(base, option, changes):
    with pytest.raises(ValidationError) as caught:
        validate_instance(params(base, **changes))
    assert caught.value.option == option, str(caught.value)
    assert str(caught.value).startswith(option + ": ")


def test_password_never_appears_in_a_message():
    with pytest.raises(ValidationError) as caught:
        validate_instance(params(SHARDING, password="Secret$Value1"))
    assert "Secret$Value1" not in str(caught.value)


# create body ----------------------------------------------------------------------------------
def test_sharding_body_matches_the_documented_shape():
    body = create_body(params(SHARDING, port=8636, disk_encryption_id="d4825f1b-5e47-4ff7-8ca9-0960da1770b1"))
    assert body["mode"] == "Sharding"
    assert body["datastore"] == {"type": "DDS-Community", "version": "3.4", "storage_engine": "wiredTiger"}
    assert body["port"] == "8636"
    assert body["password"] == "Test@123"
    assert body["availability_zone"] == "eu-de-01"
    assert body["backup_strategy"] == {"start_time": "08:15-09:15", "keep_days": "8"}
    assert body["ssl_option"] == "1"
    assert body["flavor"] == [
        {"type": "mongos", "num": "2", "spec_code": "dds.c3.medium.4.mongos"},
        {"type": "shard", "num": "2", "storage": "ULTRAHIGH", "size": "20", "spec_code": "dds.c3.medium.4.shard"},
        {"type": "config", "num": "1", "storage": "ULTRAHIGH", "size": "20", "spec_code": "dds.c3.large.2.config"},
    ]
    assert body["disk_encryption_id"] == "d4825f1b-5e47-4ff7-8ca9-0960da1770b1"


def test_ssl_off_is_sent_as_zero_and_unset_as_one():
    assert create_body(params(SINGLE, ssl_option=False))["ssl_option"] == "0"
    assert create_body(params(SINGLE, ssl_option=True))["ssl_option"] == "1"
    assert create_body(params(SINGLE, ssl_option=None))["ssl_option"] == "1"


def test_optional_fields_are_left_out_and_zones_joined():
    body = create_body(params(REPLICA, port=None, backup_strategy=None, availability_zone=["az1", "az2", "az3"]))
    assert "port" not in body and "backup_strategy" not in body and "disk_encryption_id" not in body
    assert body["availability_zone"] == "az1,az2,az3"
    assert body["datastore"]["storage_engine"] == "rocksDB"


def test_disk_types_default_to_ultrahigh_and_mongos_gets_none():
    flavor = [dict(entry, storage=None) for entry in SHARDING["flavor"]]
    body = create_body(params(SHARDING, flavor=flavor))
    assert [entry.get("storage") for entry in body["flavor"]] == [None, "ULTRAHIGH", "ULTRAHIGH"]
    validate_instance(params(SHARDING, flavor=[dict(entry, storage="ESSD") if entry["size"] else entry for entry in flavor]))


@pytest.mark.parametrize("version, engine", [("3.4", "wiredTiger"), ("4.0", "wiredTiger"), ("4.2", "rocksDB"), ("4.4", "rocksDB"),
                                             ("5.0", "rocksDB")])
def test_each_offered_version_runs_its_engine(version, engine):
    """DDS API reference, Creating a DB Instance: the versions offered, wiredTiger up to 4.0, rocksDB from 4.2."""
    given = params(REPLICA, datastore={"type": "DDS-Community", "version": version, "storage_engine": None})
    validate_instance(given)
    assert create_body(given)["datastore"] == {"type": "DDS-Community", "version": version, "storage_engine": engine}
    validate_instance(params(REPLICA, datastore={"type": "DDS-Community", "version": version, "storage_engine": engine}))


def test_version_5_0_has_no_single_node():
    with pytest.raises(ValidationError) as caught:
        validate_instance(params(SINGLE, datastore={"type": "DDS-Community", "version": "5.0", "storage_engine": "rocksDB"}))
    assert caught.value.option == "mode" and "5.0" in str(caught.value)
    validate_instance(params(REPLICA, datastore={"type": "DDS-Community", "version": "5.0", "storage_engine": "rocksDB"}))


def test_three_zones_are_valid_for_a_replica_set():
    validate_instance(params(REPLICA, availability_zone=["az1", "az2", "az3"]))


def test_password_is_required_to_create_only():
    validate_instance(params(SHARDING, password=None))  # an existing instance needs none (update_password=on_create)
    with pytest.raises(ValidationError) as caught:
        DdsInstances(None, params(SHARDING, password=None)).prepare_create()
    assert caught.value.option == "password" and "required to create" in str(caught.value)


def test_tags_are_sent_with_the_create():
    body = create_body(params(SINGLE, tags={"team": "orders", "cost": 42}))
    assert body["tags"] == [{"key": "cost", "value": "42"}, {"key": "team", "value": "orders"}]
    assert "tags" not in create_body(params(SINGLE))


@pytest.mark.parametrize("path, option", [
    ("flavor", "flavor"), ("flavor[shard].spec_code", "flavor"), ("ssl", "ssl_option"), ("mode", "mode"),
    ("datastore.version", "datastore.version"), ("vpc_id", "vpc_id"),
])
def test_record_paths_are_named_by_their_option(path, option):
    assert DdsInstances(None, params(SHARDING)).option_name(path) == option


def test_keep_days_zero_is_sent():
    body = create_body(params(SINGLE, backup_strategy={"start_time": "23:00-00:00", "keep_days": 0}))
    assert body["backup_strategy"] == {"start_time": "23:00-00:00", "keep_days": "0"}


# mapping ---------------------------------------------------------------------------------------
def test_desired_never_holds_the_password():
    desired = DdsInstances(None, params(SHARDING)).desired()
    assert "password" not in desired and "Test@123" not in repr(desired)


@pytest.mark.parametrize("base", [SHARDING, REPLICA, SINGLE], ids=["Sharding", "ReplicaSet", "Single"])
def test_a_listed_instance_matches_its_own_task(base):
    adapter = DdsInstances(None, params(base, port=8635, ssl_option=True))
    record = adapter.normalize(listed_record(base))
    assert record["port"] == 8635
    assert differences(adapter.desired(), record) == []


def test_flavor_is_derived_from_groups():
    record = DdsInstances(None, params(SHARDING)).normalize(listed_record(SHARDING))
    assert record["flavor"] == [
        {"type": "mongos", "num": 2, "spec_code": "dds.c3.medium.4.mongos"},
        {"type": "shard", "num": 2, "size": 20, "spec_code": "dds.c3.medium.4.shard"},
        {"type": "config", "num": 1, "size": 20, "spec_code": "dds.c3.large.2.config"},
    ]


def test_flavor_from_the_create_answer_is_made_comparable():
    answer = {"flavor": [{"type": "replica", "num": "1", "storage": "ULTRAHIGH", "size": "30", "spec_code": "dds.s6.repset"}],
              "port": 8635}
    record = DdsInstances(None, params(REPLICA)).normalize(answer)
    assert record["flavor"] == [{"type": "replica", "num": 1, "size": 30, "spec_code": "dds.s6.repset"}]


def test_more_shards_than_wanted_is_drift():
    adapter = DdsInstances(None, params(SHARDING))
    listed = listed_record(SHARDING)
    listed["groups"].insert(2, copy.deepcopy(listed["groups"][1]))
    drift = differences(adapter.desired(), adapter.normalize(listed))
    assert [path for path, _wanted, _found in drift] == ["flavor"]


@pytest.mark.parametrize("field, value, path", [
    ("port", "8636", "port"),
    ("ssl", 0, "ssl"),
    ("mode", "ReplicaSet", "mode"),
    ("vpc_id", "11111111-2222-3333-4444-555555555555", "vpc_id"),
])
def test_other_drift_is_found(field, value, path):
    adapter = DdsInstances(None, params(SHARDING, port=8635, ssl_option=True))
    listed = listed_record(SHARDING)
    listed[field] = value
    assert [item[0] for item in differences(adapter.desired(), adapter.normalize(listed))] == [path]


def test_unknown_group_details_mean_no_flavor_comparison():
    listed = listed_record(SHARDING)
    for group in listed["groups"]:
        for node in group["nodes"]:
            node.pop("spec_code")
    record = DdsInstances(None, params(SHARDING)).normalize(listed)
    assert "flavor" not in record


def test_statuses_are_data():
    adapter = DdsInstances(None, {"state": "present"})
    assert adapter.ready_statuses == ("normal",)
    assert set(adapter.failed_statuses) == {"createfail", "abnormal"}
    assert "frozen" in adapter.settled_statuses
    assert dds.MODES["Sharding"] == ("mongos", "shard", "config")
