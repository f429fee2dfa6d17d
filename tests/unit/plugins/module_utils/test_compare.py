# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Desired-versus-actual comparison of only the options the user set."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import (
    differences, node_zones, prune, same_version, same_zones, subset, with_node_zones, zone_names)

ACTUAL = {
    "id": "i1", "name": "orders-db", "status": "ACTIVE", "type": "Single", "port": 3306,
    "datastore": {"type": "MySQL", "version": "8.0"},
    "volume": {"type": "ULTRAHIGH", "size": 100},
    "flavor_ref": "rds.mysql.s1.large",
    "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 7},
    "private_ips": ["192.168.0.12"],
}


def test_no_differences_when_equal():
    assert differences({"flavor_ref": "rds.mysql.s1.large", "volume": {"size": 100}}, ACTUAL) == []


def test_only_keys_set_are_compared():
    # the record has many fields the task does not mention; none of them is a difference
    assert differences({"type": "Single"}, ACTUAL) == []


def test_unset_options_are_skipped():
    desired = {"flavor_ref": None, "volume": {"type": None, "size": None}, "port": None}
    assert differences(desired, dict(ACTUAL, flavor_ref="other", port=1)) == []


def test_difference_reported_with_path_and_values():
    assert differences({"flavor_ref": "rds.mysql.s1.xlarge"}, ACTUAL) == [("flavor_ref", "rds.mysql.s1.xlarge", "rds.mysql.s1.large")]


def test_nested_difference_path():
    found = differences({"volume": {"type": "ULTRAHIGH", "size": 200}, "datastore": {"version": "5.7"}}, ACTUAL)
    assert sorted(found) == [("datastore.version", "5.7", "8.0"), ("volume.size", 200, 100)]


def test_deeply_nested():
    assert differences({"a": {"b": {"c": 1}}}, {"a": {"b": {"c": 2}}}) == [("a.b.c", 1, 2)]


def test_none_actual_is_skipped():
    # a field the service does not report cannot be said to differ
    assert differences({"disk_encryption_id": "kms-1"}, ACTUAL) == []
    assert differences({"disk_encryption_id": "kms-1"}, dict(ACTUAL, disk_encryption_id=None)) == []


def test_missing_nested_actual_is_skipped():
    assert differences({"ha": {"replication_mode": "async"}}, ACTUAL) == []
    assert differences({"ha": {"replication_mode": "async"}}, dict(ACTUAL, ha="not-a-dict")) == []


def test_int_and_str_port_are_equal():
    assert differences({"port": 3306}, dict(ACTUAL, port="3306")) == []
    assert differences({"port": "3306"}, ACTUAL) == []
    assert differences({"port": 3307}, dict(ACTUAL, port="3306")) == [("port", 3307, "3306")]


def test_bool_and_string_are_equal():
    assert differences({"ssl": True}, {"ssl": "true"}) == []
    assert differences({"ssl": False}, {"ssl": "true"}) == [("ssl", False, "true")]


def test_lists_compared_without_order():
    assert differences({"private_ips": ["b", "a"]}, {"private_ips": ["a", "b"]}) == []
    assert differences({"private_ips": ["a"]}, {"private_ips": ["a", "b"]}) != []


def test_case_sensitive_strings():
    assert differences({"volume": {"type": "ultrahigh"}}, ACTUAL) == [("volume.type", "ultrahigh", "ULTRAHIGH")]


def test_zero_is_compared_not_skipped():
    assert differences({"backup_strategy": {"keep_days": 0}}, ACTUAL) == [("backup_strategy.keep_days", 0, 7)]


def test_prune_drops_none_and_empty_dicts_recursively():
    assert prune({"a": None, "b": {"c": None}, "d": {"e": 1, "f": None}, "g": 0, "h": "", "i": []}) == {
        "d": {"e": 1}, "g": 0, "h": "", "i": []}


def test_subset_picks_keys_of_shape():
    shape = {"flavor_ref": "x", "volume": {"size": 1}, "port": None, "missing": "y"}
    assert subset(ACTUAL, shape) == {"flavor_ref": "rds.mysql.s1.large", "volume": {"size": 100}, "missing": None}


def test_subset_nested_missing_actual():
    assert subset(ACTUAL, {"ha": {"replication_mode": "async"}}) == {"ha": {"replication_mode": None}}


def test_subset_does_not_leak_other_fields():
    picked = subset(ACTUAL, {"volume": {"type": "x"}})
    assert picked == {"volume": {"type": "ULTRAHIGH"}}
    assert "private_ips" not in picked and "size" not in picked["volume"]


VERSIONED = {"datastore": {"type": "MySQL", "version": "5.7", "complete_version": "5.7.17"}}
MATCHERS = {"datastore.version": same_version}


def test_version_matches_the_family_or_the_complete_version():
    for wanted in ("5.7", "5.7.17"):
        assert differences({"datastore": {"version": wanted}}, VERSIONED, matchers=MATCHERS) == []
    assert differences({"datastore": {"version": "5.7.22"}}, VERSIONED, matchers=MATCHERS) == [("datastore.version", "5.7.22", "5.7")]
    assert differences({"datastore": {"version": "8.0"}}, VERSIONED, matchers=MATCHERS) == [("datastore.version", "8.0", "5.7")]


def test_version_family_is_cut_at_a_dot():
    assert not same_version("5.7", {"version": "5.71"})
    assert not same_version("1", {"version": "10"})
    assert same_version("5.7", {"version": "5.7.17"})  # RDS v1 lists the full version only
    assert same_version("5.7.17", {"version": "5.7"})  # the family is all that is reported


def test_without_matchers_versions_compare_as_text():
    assert differences({"datastore": {"version": "5.7"}}, {"datastore": {"version": "5.7.17"}}) == [("datastore.version", "5.7", "5.7.17")]


# availability zones: the list APIs report them per node ------------------------------------------------------------
def test_zone_names_of_text_and_lists():
    assert zone_names("eu-de-01, eu-de-02,,") == ["eu-de-01", "eu-de-02"]
    assert zone_names(["eu-de-01", " eu-de-02 ", ""]) == ["eu-de-01", "eu-de-02"]
    assert zone_names(None) == [] and zone_names("") == []


@pytest.mark.parametrize("wanted, listed, same", [
    ("eu-de-01", "eu-de-01", True),
    ("eu-de-01,eu-de-01,eu-de-01", "eu-de-01", True),  # GaussDB: one zone named for each of the three nodes
    ("eu-de-01,eu-de-02,eu-de-03", "eu-de-03,eu-de-01,eu-de-02", True),  # another node is the primary now
    ("eu-de-01,eu-de-02,eu-de-03", "eu-de-01,eu-de-02", False),
    ("eu-de-01", "eu-de-02", False),
    ("eu-de-01", "eu-de-01,eu-de-02", False),
])
def test_same_zones_compares_the_sets(wanted, listed, same):
    assert same_zones(wanted, {"availability_zone": listed}) is same


def test_zone_differences_go_through_the_matcher():
    matchers = {"availability_zone": same_zones}
    assert differences({"availability_zone": "a,b,c"}, {"availability_zone": "c,b,a"}, matchers=matchers) == []
    assert differences({"availability_zone": "a,b,c"}, {"availability_zone": "a"}, matchers=matchers) == [("availability_zone", "a,b,c", "a")]
    assert differences({"availability_zone": "a,b,c"}, {}, matchers=matchers) == []  # not listed: never drift


def test_node_zones_primary_first_each_once():
    nodes = [{"role": "slave", "availability_zone": "b"}, {"role": "master", "availability_zone": "a"},
             {"role": "slave", "availability_zone": "b"}, {"role": "slave", "availability_zone": "c"}]
    assert node_zones(nodes, ("master",)) == "a,b,c"
    assert node_zones(nodes) == "b,a,c"


@pytest.mark.parametrize("nodes", [None, [], "abc", [{"role": "master"}], [{"availability_zone": ""}], ["a"], {"a": 1}])
def test_node_zones_none_when_no_node_names_one(nodes):
    assert node_zones(nodes, ("master",)) is None


def test_with_node_zones_prefers_the_nodes_and_keeps_an_older_field():
    assert with_node_zones({"availability_zone": "x"}, [{"availability_zone": "a"}]) == {"availability_zone": "a"}
    assert with_node_zones({"availability_zone": "x"}, []) == {"availability_zone": "x"}
    assert with_node_zones({"id": "i"}, None) == {"id": "i"}
