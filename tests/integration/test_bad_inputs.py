# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input, across the modules, from one table: every row fails naming the option and the rule, before any request.

The whole table runs as one playbook (one task per row, ignore_errors), shared out over a few local hosts that run
side by side; each row is then its own test. Rows keep a
name of their own (bad-NNN) unless the name is what they test, so a request made by a row would show in the
emulator log under that name; the log must stay empty.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, NamedTuple

import pytest
import yaml

from tests.integration.harness import CALLBACKS, COLLECTIONS, Ansible, Run, module_defaults

NETWORK = {
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
}
PASSWORDS = ("Bad-Input-Pw0rd", "Test(12345678", "Test&12345678", "Test=12345678", "Gauss$12345678", "Test$12345678")
RDS = dict(NETWORK, engine="mysql", engine_version="8.0", flavor="rds.mysql.s1.large", volume_type="ULTRAHIGH", volume_size=100,
           availability_zone=["eu-de-01"], password=PASSWORDS[0], backup_strategy={"start_time": "08:15-09:15", "keep_days": 7})
PG = {"engine": "postgresql", "engine_version": "14"}
MSSQL = {"engine": "sqlserver", "engine_version": "2019_SE"}
HA = {"ha_mode": "ha", "replication_mode": "async", "availability_zone": ["eu-de-01", "eu-de-02"]}
RDS_V1 = dict(RDS, api_version="v1", engine_version="5.7", ha_mode="ha", replication_mode="async",
              flavor="bf07a6d4-844a-4023-a776-fc5c5fb71fb4", backup_strategy={"start_time": "01:00-02:00", "keep_days": 3})
REPLICA = {"source_name": "bad-source-db", "flavor": "rds.mysql.s1.large.rr", "volume_type": "ULTRAHIGH", "availability_zone": ["eu-de-02"]}
GAUSS = dict(NETWORK, source_name="bad-source-gauss", backup="latest", flavor="gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", volume_size=160,
             availability_zone=["eu-de-01", "eu-de-02", "eu-de-03"], password=PASSWORDS[0])
MONGOS = {"type": "mongos", "num": 2, "spec_code": "dds.c3.medium.4.mongos"}
SHARD = {"type": "shard", "num": 2, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.c3.medium.4.shard"}
CONFIG = {"type": "config", "num": 1, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.c3.large.2.config"}
REPLICA_SET = {"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 100, "spec_code": "dds.mongodb.s6.large.4.repset"}
SINGLE_NODE = {"type": "single", "num": 1, "size": 30, "spec_code": "dds.mongodb.s6.medium.4.single"}
DDS = dict(NETWORK, mode="Sharding", datastore={"version": "3.4"}, availability_zone=["eu-de-01"], password="Bad-Input-Pw0rd1",
           flavor=[MONGOS, SHARD, CONFIG], backup_strategy={"start_time": "08:15-09:15", "keep_days": 8})
BASES = {"rds_instance": RDS, "rds_instance_v1": RDS_V1, "rds_replica": REPLICA, "gauss_restore": GAUSS, "dds_instance": DDS,
         "rds_backup": {"instance_name": "bad-source-db"}, "dds_backup": {"instance_name": "bad-source-dds"},
         "gauss_backup": {"instance_name": "bad-source-gauss"}}
MODULES = {"rds_instance_v1": "rds_instance"}
DROP = None  # an override value that removes the option


class Bad(NamedTuple):
    """One row: the module (a key of BASES), the option path the message must name, the change, words of the rule."""

    module: str
    option: str
    override: Dict[str, Any]
    rule: str


def flavor(*entries: Dict[str, Any], **changes: Any) -> Dict[str, Any]:
    """A DDS flavor list; changes are {"<index>": {key: value}}."""
    items = [dict(entry) for entry in entries]
    for index, change in changes.items():
        items[int(index.lstrip("n"))].update(change)
    return {"flavor": [{key: value for key, value in item.items() if value is not None} for item in items]}


BAD_INPUTS: List[Bad] = [
    # rds_instance (v3): names ------------------------------------------------------------------------------
    Bad("rds_instance", "name", {"name": "1orders"}, "must start with a letter"),
    Bad("rds_instance", "name", {"name": "abc"}, "4 to 64 characters"),
    Bad("rds_instance", "name", {"name": "o" * 65}, "4 to 64 characters"),
    Bad("rds_instance", "name", {"name": "orders.db"}, "only letters, digits, hyphens"),
    Bad("rds_instance", "name", {"name": "orders db"}, "only letters, digits, hyphens"),
    # ports per engine
    Bad("rds_instance", "port", {"port": 12017}, "except 12017, 33071"),
    Bad("rds_instance", "port", {"port": 33071}, "except 12017, 33071"),
    Bad("rds_instance", "port", {"port": 80}, "between 1024 and 65535"),
    Bad("rds_instance", "port", {"port": 65536}, "between 1024 and 65535"),
    Bad("rds_instance", "port", dict(PG, port=9501), "between 2100 and 9500"),
    Bad("rds_instance", "port", dict(PG, port=5432 - 4000), "between 2100 and 9500"),
    Bad("rds_instance", "port", dict(MSSQL, port=5355), "1433 or between 2100 and 9500, except 5355, 5985"),
    Bad("rds_instance", "port", dict(MSSQL, port=1434), "1433 or between 2100 and 9500"),
    # passwords per engine
    Bad("rds_instance", "password", {"password": "Sh0rt-p"}, "8 to 32 characters"),
    Bad("rds_instance", "password", {"password": "Aa1-" * 9}, "8 to 32 characters"),
    Bad("rds_instance", "password", {"password": "alllowercaseletters"}, "at least three of"),
    Bad("rds_instance", "password", {"password": "NoDigitsOrSpecials"}, "at least three of"),
    Bad("rds_instance", "password", dict(PG, password=PASSWORDS[1]), "special characters ~!@#$%^*-_=+?,"),
    Bad("rds_instance", "password", dict(MSSQL, password=PASSWORDS[2]), "special characters ~!@#$%^*-_+?,"),
    Bad("rds_instance", "password", dict(MSSQL, password=PASSWORDS[3]), "special characters ~!@#$%^*-_+?,"),
    Bad("rds_instance", "password", {"password": "Pässword-123"}, "may contain only letters, digits"),
    # volumes, backups, versions, HA, zones
    Bad("rds_instance", "volume_size", {"volume_size": 30}, "between 40 and 4000"),
    Bad("rds_instance", "volume_size", {"volume_size": 4010}, "between 40 and 4000"),
    Bad("rds_instance", "volume_size", {"volume_size": 105}, "multiple of 10"),
    Bad("rds_instance", "volume_type", {"volume_type": "SSD"}, "must be one of COMMON, ULTRAHIGH"),
    Bad("rds_instance", "backup_strategy.start_time", {"backup_strategy": {"start_time": "08:15-09:30"}}, "one hour after"),
    Bad("rds_instance", "backup_strategy.start_time", {"backup_strategy": {"start_time": "08:10-09:10"}}, "minutes 00, 15, 30 or 45"),
    Bad("rds_instance", "backup_strategy.start_time", {"backup_strategy": {"start_time": "8:15"}}, "hh:mm-HH:MM"),
    Bad("rds_instance", "backup_strategy.keep_days", {"backup_strategy": {"start_time": "08:15-09:15", "keep_days": 733}}, "between 0 and 732"),
    Bad("rds_instance", "engine_version", {"engine_version": "9.0"}, "must be one of 5.6, 5.7, 8.0 for engine mysql"),
    Bad("rds_instance", "engine_version", dict(PG, engine_version="8.4"), "for engine postgresql"),
    Bad("rds_instance", "engine_version", dict(MSSQL, engine_version="2016_SE"), "for engine sqlserver"),
    Bad("rds_instance", "replication_mode", {"ha_mode": "ha", "availability_zone": ["eu-de-01", "eu-de-02"]}, "is required when ha_mode=ha"),
    Bad("rds_instance", "replication_mode", dict(HA, replication_mode="sync"), "must be one of async, semisync"),
    Bad("rds_instance", "replication_mode", dict(HA, replication_mode="semisync", **PG), "must be one of async, sync"),
    Bad("rds_instance", "replication_mode", {"replication_mode": "async"}, "only valid with ha_mode=ha"),
    Bad("rds_instance", "availability_zone", dict(HA, availability_zone=["eu-de-01"]), "needs 2 availability zones"),
    Bad("rds_instance", "availability_zone", {"availability_zone": ["eu-de-01", "eu-de-02"]}, "needs 1 availability zone"),
    Bad("rds_instance", "ha_mode", dict(MSSQL, engine_version="2019_EE"), "cannot be a single instance"),
    Bad("rds_instance", "backup_strategy.keep_days", dict(MSSQL, ha_mode="ha", replication_mode="sync", availability_zone=["eu-de-01", "eu-de-02"],
                                                          backup_strategy={"start_time": "08:15-09:15", "keep_days": 0}), "cannot be 0"),
    Bad("rds_instance", "time_zone", {"time_zone": "Europe/Berlin"}, "UTC+08:00"),
    Bad("rds_instance", "collation", {"collation": "Chinese_PRC_CI_AS"}, "applies only to engine sqlserver"),
    Bad("rds_instance", "lower_case_table_names", dict(PG, lower_case_table_names=1), "applies only to engine mysql"),
    # missing required combinations and wrong types
    Bad("rds_instance", "vpc_id", {"vpc_id": DROP}, "is required when state=present"),
    Bad("rds_instance", "engine", {"engine": DROP}, "is required when state=present"),
    Bad("rds_instance", "volume_size", {"volume_size": "large"}, "unable to convert to int"),
    Bad("rds_instance", "port", {"port": "mysql-default"}, "unable to convert to int"),
    Bad("rds_instance", "engine", {"engine": "oracle"}, "must be one of: mysql, postgresql, sqlserver"),
    Bad("rds_instance", "backup_strategy", {"backup_strategy": "08:15-09:15"}, "unable to convert to dict"),
    # final backup before delete, restore to a new instance
    Bad("rds_instance", "final_backup_name", {"state": "absent", "final_backup_name": "1-final"}, "must start with a letter"),
    Bad("rds_instance_v1", "final_backup_name", {"state": "absent", "final_backup_name": "orders-final"}, "api_version=v3 only"),
    Bad("rds_instance", "restore_from.source_name|restore_from.source_id", {"restore_from": {"backup": "latest"}}, "one of them is required"),
    Bad("rds_instance", "restore_from.backup", {"restore_from": {"source_name": "bad-source-db", "backup": "latest", "backup_id": "x"}},
        "cannot be combined with restore_from.backup_id"),
    Bad("rds_instance", "restore_from.restore_time", {"restore_from": {"source_name": "bad-source-db", "restore_time": "2999-01-01T00:00:00Z"}},
        "is in the future"),
    Bad("rds_instance", "lower_case_table_names", {"lower_case_table_names": 1, "restore_from": {"source_name": "bad-source-db", "backup": "latest"}},
        "cannot be set with restore_from"),
    Bad("rds_instance_v1", "restore_from", {"restore_from": {"source_name": "bad-source-db", "backup": "latest"}}, "not supported with api_version=v1"),
    # rds_instance on the v1 API -------------------------------------------------------------------------------
    Bad("rds_instance_v1", "time_zone", {"time_zone": "UTC+08:00"}, "not supported with api_version=v1"),
    Bad("rds_instance_v1", "disk_encryption_id", {"disk_encryption_id": "2gfdsh-844a-4023-a776-fc5c5fb71fb4"}, "not supported with api_version=v1"),
    Bad("rds_instance_v1", "availability_zone", {"availability_zone": ["eu-de-01", "eu-de-02", "eu-de-03"]}, "availability zone"),
    Bad("rds_instance_v1", "v1_path_prefix", {"v1_path_prefix": "rds v1"}, ""),
    Bad("rds_instance_v1", "port", {"port": 12017}, "except 12017"),
    # rds_replica ------------------------------------------------------------------------------------------------
    Bad("rds_replica", "name", {"name": "1replica"}, "must start with a letter"),
    Bad("rds_replica", "source_id", {"source_id": "0" * 32 + "in01"}, "cannot be combined with source_name"),
    Bad("rds_replica", "source_name", {"source_name": DROP}, "(or source_id) is required"),
    Bad("rds_replica", "source_name", {"name": "bad-source-db"}, "must differ from name"),
    Bad("rds_replica", "source_id", {"source_name": DROP, "source_id": "in01; DROP"}, "must be an instance ID"),
    Bad("rds_replica", "flavor", {"flavor": DROP}, "is required when state=present"),
    Bad("rds_replica", "availability_zone", {"availability_zone": DROP}, "is required when state=present"),
    Bad("rds_replica", "availability_zone", {"availability_zone": ["eu-de-01", "eu-de-02"]}, "needs 1 availability zone"),
    Bad("rds_replica", "availability_zone.0", {"availability_zone": ["eu de 01"]}, "availability zone name"),
    Bad("rds_replica", "volume_size", {"volume_size": 105}, "multiple of 10"),
    Bad("rds_replica", "volume_size", {"volume_size": 30}, "between 40 and 4000"),
    Bad("rds_replica", "volume_type", {"volume_type": "SSD"}, "must be one of"),
    Bad("rds_replica", "disk_encryption_id", {"api_version": "v1", "disk_encryption_id": "k-1"}, "not supported with api_version=v1"),
    Bad("rds_replica", "api_version", {"api_version": "v2"}, "must be one of: v3, v1"),
    # gauss_restore ------------------------------------------------------------------------------------------
    Bad("gauss_restore", "name", {"name": "bad-source-gauss"}, "must differ from source_name"),
    Bad("gauss_restore", "source_name|source_id", {"source_name": DROP}, "one of them is required"),
    Bad("gauss_restore", "source_id", {"source_id": "0" * 32 + "in14"}, "cannot be combined with source_name"),
    Bad("gauss_restore", "backup_id|backup_name|backup|restore_time", {"backup": DROP}, "exactly one is required"),
    Bad("gauss_restore", "backup", {"backup_name": "nightly"}, "cannot be combined with backup_name"),
    Bad("gauss_restore", "restore_time", {"backup": DROP, "restore_time": "2024-05-01T10:30:00"}, "has no time zone"),
    Bad("gauss_restore", "restore_time", {"backup": DROP, "restore_time": 1714557600}, "looks like epoch seconds"),
    Bad("gauss_restore", "restore_time", {"backup": DROP, "restore_time": 1714557600000000}, "looks like microseconds"),
    Bad("gauss_restore", "restore_time", {"backup": DROP, "restore_time": "last tuesday"}, "ISO 8601"),
    Bad("gauss_restore", "restore_time", {"backup": DROP, "restore_time": "2024-02-30T10:00:00Z"}, "ISO 8601"),
    Bad("gauss_restore", "restore_time", {"backup": DROP, "restore_time": "2999-01-01T00:00:00Z"}, "is in the future"),
    Bad("gauss_restore", "password", {"password": PASSWORDS[4]}, "special characters ~!@#%^*-_=+?,"),
    Bad("gauss_restore", "password", {"password": "gauss12345678"}, "at least three of"),
    Bad("gauss_restore", "final_backup_name", {"state": "absent", "final_backup_name": "orders.final"}, "only letters, digits, hyphens"),
    Bad("gauss_restore", "port", {"port": 8000}, "except"),
    Bad("gauss_restore", "port", {"port": 40000}, "between 1024 and 39998"),
    Bad("gauss_restore", "port", {"port": 20049}, "except"),
    Bad("gauss_restore", "time_zone", {"time_zone": "UTC+05:30"}, "full hour"),
    Bad("gauss_restore", "time_zone", {"time_zone": "UTC+13:00"}, "full hour"),
    Bad("gauss_restore", "availability_zone", {"availability_zone": ["eu-de-01", "eu-de-02"]}, "needs 1 availability zone"),
    Bad("gauss_restore", "availability_zone", {"availability_zone": ["eu-de-01", "eu-de-01", "eu-de-03"]}, "all the same or all different"),
    Bad("gauss_restore", "availability_zone", {"availability_zone": ["eu-de-01", " ", "eu-de-03"]}, "empty entry"),
    Bad("gauss_restore", "volume_size", {"volume_size": 150}, "multiple of 40"),
    Bad("gauss_restore", "volume_size", {"volume_size": 80, "sharding_num": 3}, "between 120 and"),
    Bad("gauss_restore", "sharding_num", {"sharding_num": 0}, "at least 1"),
    Bad("gauss_restore", "flavor", {"flavor": DROP}, "is required with state=present"),
    Bad("gauss_restore", "backup_strategy.keep_days", {"backup_strategy": {"start_time": "02:00-03:00", "keep_days": 800}}, "between 0 and 732"),
    Bad("gauss_restore", "backup", {"backup": "oldest"}, "must be one of: latest"),
    Bad("gauss_restore", "volume_size", {"volume_size": "big"}, "unable to convert to int"),
    # rds_backup (CreateManualBackup) ---------------------------------------------------------------------------
    Bad("rds_backup", "name", {"name": "1backup"}, "must start with a letter"),
    Bad("rds_backup", "name", {"name": "bak"}, "4 to 64 characters"),
    Bad("rds_backup", "name", {"name": "b" * 65}, "4 to 64 characters"),
    Bad("rds_backup", "name", {"name": "before.upgrade"}, "only letters, digits, hyphens"),
    Bad("rds_backup", "description", {"description": "before <the> upgrade"}, "must not contain any of the characters"),
    Bad("rds_backup", "description", {"description": "d" * 257}, "at most 256 characters"),
    Bad("rds_backup", "instance_name", {"instance_name": ""}, "must not be empty"),
    Bad("rds_backup", "instance_name|instance_id", {"instance_id": "0" * 32 + "in01"}, "mutually exclusive"),
    # dds_backup (CreateManualBackup) ---------------------------------------------------------------------------
    Bad("dds_backup", "name", {"name": "1backup"}, "must start with a letter"),
    Bad("dds_backup", "name", {"name": "bak"}, "4 to 64 characters"),
    Bad("dds_backup", "name", {"name": "b" * 65}, "4 to 64 characters"),
    Bad("dds_backup", "name", {"name": "before.upgrade"}, "only letters, digits, hyphens"),
    Bad("dds_backup", "description", {"description": "before <the> upgrade"}, "must not contain any of the characters"),
    Bad("dds_backup", "description", {"description": "d" * 257}, "at most 256 characters"),
    Bad("dds_backup", "instance_name", {"instance_name": ""}, "must not be empty"),
    Bad("dds_backup", "instance_name|instance_id", {"instance_id": "0" * 32 + "in01"}, "mutually exclusive"),
    # gauss_backup (CreateManualBackup) -------------------------------------------------------------------------
    Bad("gauss_backup", "name", {"name": "1backup"}, "must start with a letter"),
    Bad("gauss_backup", "name", {"name": "bak"}, "4 to 64 characters"),
    Bad("gauss_backup", "name", {"name": "b" * 65}, "4 to 64 characters"),
    Bad("gauss_backup", "name", {"name": "before.upgrade"}, "only letters, digits, hyphens"),
    Bad("gauss_backup", "description", {"description": "before <the> upgrade"}, "must not contain any of the characters"),
    Bad("gauss_backup", "description", {"description": "d" * 257}, "at most 256 characters"),
    Bad("gauss_backup", "instance_name", {"instance_name": ""}, "must not be empty"),
    Bad("gauss_backup", "instance_name|instance_id", {"instance_id": "0" * 32 + "in01"}, "mutually exclusive"),
    # dds_instance ---------------------------------------------------------------------------------------------
    Bad("dds_instance", "name", {"name": "9catalog"}, "must start with a letter"),
    Bad("dds_instance", "port", {"port": 2000}, "27017 or 27018 or 27019 or between 2100 and 9500"),
    Bad("dds_instance", "port", {"port": 27020}, "between 2100 and 9500"),
    Bad("dds_instance", "password", {"password": "Test12345678"}, "must contain upper-case letters, lower-case letters, digits and special"),
    Bad("dds_instance", "password", {"password": PASSWORDS[5]}, "special characters ~!@#%^*-_=+?"),
    Bad("dds_instance", "availability_zone", {"availability_zone": ["eu-de-01", "eu-de-02"]}, "needs 1 or 3 availability zone(s) for mode=Sharding"),
    Bad("dds_instance", "availability_zone", dict(flavor(SINGLE_NODE), mode="Single", availability_zone=["eu-de-01", "eu-de-02", "eu-de-03"]),
        "needs 1 availability zone(s) for mode=Single"),
    Bad("dds_instance", "datastore.storage_engine", {"datastore": {"version": "4.0", "storage_engine": "rocksDB"}}, "must be wiredTiger for version 4.0"),
    Bad("dds_instance", "datastore.storage_engine", {"datastore": {"version": "5.0", "storage_engine": "wiredTiger"}}, "must be rocksDB for version 5.0"),
    Bad("dds_instance", "datastore.version", {"datastore": {"version": "3.2", "storage_engine": "wiredTiger"}}, "must be one of 3.4, 4.0, 4.2, 4.4, 5.0"),
    Bad("dds_instance", "mode", dict(flavor(SINGLE_NODE), mode="Single", datastore={"version": "5.0"}), "Single is not offered for version 5.0"),
    Bad("dds_instance", "flavor", flavor(MONGOS, SHARD), "missing: config"),
    Bad("dds_instance", "flavor[0].num", flavor(MONGOS, SHARD, CONFIG, n0={"num": 1}), "between 2 and 16"),
    Bad("dds_instance", "flavor[0].num", flavor(MONGOS, SHARD, CONFIG, n0={"num": 17}), "between 2 and 16"),
    Bad("dds_instance", "flavor[0].size", flavor(MONGOS, SHARD, CONFIG, n0={"size": 10}), "not allowed for type mongos"),
    Bad("dds_instance", "flavor[1].num", flavor(MONGOS, SHARD, CONFIG, n1={"num": 1}), "between 2 and 16"),
    Bad("dds_instance", "flavor[1].size", flavor(MONGOS, SHARD, CONFIG, n1={"size": 2010}), "between 10 and 2000"),
    Bad("dds_instance", "flavor[1].size", flavor(MONGOS, SHARD, CONFIG, n1={"size": 15}), "multiple of 10"),
    Bad("dds_instance", "flavor[1].storage", flavor(MONGOS, SHARD, CONFIG, n1={"storage": "SATA"}), "must be one of ULTRAHIGH"),
    Bad("dds_instance", "flavor[2].num", flavor(MONGOS, SHARD, CONFIG, n2={"num": 2}), "must be 1"),
    Bad("dds_instance", "flavor[2].size", flavor(MONGOS, SHARD, CONFIG, n2={"size": 40}), "must be 20"),
    Bad("dds_instance", "flavor[3].type", flavor(MONGOS, SHARD, CONFIG, REPLICA_SET), "must be one of mongos, shard, config"),
    Bad("dds_instance", "flavor[0].type", {"mode": "ReplicaSet"}, "must be one of replica for mode=ReplicaSet"),
    Bad("dds_instance", "flavor[0].num", dict(flavor(REPLICA_SET, n0={"num": 3}), mode="ReplicaSet"), "must be 1"),
    Bad("dds_instance", "flavor[1].type", dict(flavor(REPLICA_SET, REPLICA_SET), mode="ReplicaSet"), "already given in flavor[0]"),
    Bad("dds_instance", "flavor[0].size", dict(flavor(SINGLE_NODE, n0={"size": 1010}), mode="Single"), "between 10 and 1000"),
    Bad("dds_instance", "flavor[0].size", dict(flavor(SINGLE_NODE, n0={"size": None}), mode="Single"), "is required for type single"),
    Bad("dds_instance", "vpc_id", {"vpc_id": "vpc-01"}, "must be a UUID"),
    Bad("dds_instance", "disk_encryption_id", {"disk_encryption_id": "my-kms-key"}, "must be a UUID"),
    Bad("dds_instance", "backup_strategy.start_time", {"backup_strategy": {"start_time": "08:15-09:45"}}, "one hour after"),
    Bad("dds_instance", "backup_strategy.keep_days", {"backup_strategy": {"start_time": "08:15-09:15", "keep_days": 800}}, "between 0 and 732"),
    Bad("dds_instance", "mode", {"mode": DROP}, "is required when state=present"),
    Bad("dds_instance", "mode", {"mode": "Cluster"}, "must be one of: Sharding, ReplicaSet, Single"),
    Bad("dds_instance", "datastore", {"datastore": "4.0"}, "unable to convert to dict"),
    Bad("dds_instance", "num", flavor(MONGOS, SHARD, CONFIG, n0={"num": "two"}), "unable to convert to int"),
    Bad("dds_instance", "final_backup_name", {"state": "absent", "final_backup_name": "abc"}, "4 to 64 characters"),
    Bad("dds_instance", "restore_from.restore_time", {"restore_from": {"source_name": "bad-source-dds", "restore_time": "2024-05-01T10:30:00"}},
        "has no time zone"),
    Bad("dds_instance", "restore_from.backup_id|restore_from.backup_name|restore_from.backup|restore_from.restore_time",
        {"restore_from": {"source_name": "bad-source-dds"}}, "exactly one is required"),
]


def row_name(index: int, bad: Bad) -> str:
    return "bad-%03d" % index


def task_args(index: int, bad: Bad) -> Dict[str, Any]:
    args = copy.deepcopy(BASES[bad.module])
    args["name"] = row_name(index, bad)
    args.update(copy.deepcopy(bad.override))
    return {key: value for key, value in args.items() if value is not DROP}


def row_id(bad: Bad) -> str:
    return "%s:%s" % (bad.module, bad.option)


HOSTS = 3  # the table is shared out over this many local hosts that run side by side (strategy free)


def run_spread(ansible: Ansible, tasks: List[Dict[str, Any]], hosts: int) -> Run:
    """One playbook; task i runs on host i % hosts only, and the hosts do not wait for each other."""
    workdir = ansible.workdir
    inventory = {"all": {"hosts": {"bad-host-%d" % index: {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
                                   for index in range(hosts)}}}
    spread = [dict(item, when="inventory_hostname == 'bad-host-%d'" % (index % hosts)) for index, item in enumerate(tasks)]
    play = {"name": "bad inputs", "hosts": "all", "gather_facts": False, "strategy": "free",
            "module_defaults": module_defaults(ansible.defaults()), "tasks": spread}
    (workdir / "inventory.yml").write_text(yaml.safe_dump(inventory), encoding="utf-8")
    (workdir / "bad-inputs.yml").write_text(yaml.safe_dump([play], sort_keys=False), encoding="utf-8")
    record = workdir / "bad-inputs.jsonl"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HW_", "OS_"))}
    env.update({"ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS), "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS),
                "ANSIBLE_CALLBACKS_ENABLED": "record_results", "RECORD_RESULTS_FILE": str(record), "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_RETRY_FILES_ENABLED": "0", "ANSIBLE_PYTHON_INTERPRETER": sys.executable})
    env.update(ansible.auth_env("aksk"))
    command = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(workdir / "inventory.yml"), "-f", str(hosts),
               str(workdir / "bad-inputs.yml")]
    completed = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=900, check=False)
    lines = record.read_text(encoding="utf-8").splitlines() if record.exists() else []
    results = [entry for entry in (json.loads(line) for line in lines if line.strip()) if entry["outcome"] != "skipped"]
    return Run(completed.returncode, completed.stdout + completed.stderr, results)


@pytest.fixture(scope="module")
def table_run(emulator, tmp_path_factory):
    """The whole table as one playbook; the emulator's log of that run."""
    emulator.reset()
    emulator.config(ready_delay=0.3)
    ansible = Ansible(emulator, tmp_path_factory.mktemp("bad-inputs"))
    tasks = []
    for index, bad in enumerate(BAD_INPUTS):
        module = "hwcloud.dbaas." + MODULES.get(bad.module, bad.module)
        tasks.append({"name": "bad-%03d" % index, module: task_args(index, bad), "ignore_errors": True})
    run = run_spread(ansible, tasks, HOSTS)
    return run, emulator.requests()


def test_table_is_large_and_covers_every_creating_module():
    assert len(BAD_INPUTS) >= 60
    assert {bad.module for bad in BAD_INPUTS} == set(BASES)
    assert all(sum(1 for bad in BAD_INPUTS if bad.module == module) >= 5 for module in BASES)


def test_the_table_made_no_request_at_all(table_run):
    run, log = table_run
    assert run.rc == 0, run.stdout
    assert log == [], log


@pytest.mark.parametrize("index", range(len(BAD_INPUTS)), ids=[row_id(bad) for bad in BAD_INPUTS])
def test_bad_input_fails_naming_option_and_rule_with_zero_requests(table_run, index):
    run, log = table_run
    bad = BAD_INPUTS[index]
    entry = run.task("bad-%03d" % index)
    result = entry["result"]
    assert entry["outcome"] == "failed", (bad, result)
    message = result["msg"]
    assert bad.option in message, (bad, message)
    assert bad.rule in message, (bad, message)
    error = result.get("error")
    if error is not None:  # the collection's own rules (the argument spec's type checks have no error details)
        assert error["option"] == bad.option and message.startswith(bad.option + ":"), (bad, message)
    name = row_name(index, bad)
    assert [item for item in log if name in json.dumps(item)] == []
    recorded = json.dumps(result)
    assert not [secret for secret in PASSWORDS if secret in recorded]


@pytest.mark.parametrize("module, base", [("rds_instance", RDS), ("gauss_restore", GAUSS)], ids=["rds_instance", "gauss_restore"])
def test_a_missing_password_fails_a_create_after_the_lookup_only(ansible, cloud, module, base):
    # The password is needed to create only (update_password=on_create): the task looks the name up once, then fails
    # naming the option, before any write.
    args = {key: value for key, value in dict(base, name="no-password-db").items() if key != "password"}
    cloud.clear_requests()
    run = ansible.run([{"name": "bad", "hwcloud.dbaas." + module: args}])
    assert run.rc != 0
    assert run.task("bad")["result"]["msg"].startswith("password: is required to create")
    assert [entry["method"] for entry in cloud.requests() if entry["service"] != "iam"] and \
        all(entry["method"] == "GET" for entry in cloud.requests())
