# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Create request bodies, valid and invalid, each with the verdict the API documents give and the rule it exercises.

tests/emulator/tests/test_rules_agreement.py feeds every row to the collection's validators and to the emulator's create
endpoints; both must reach the documented verdict. The bodies are the documents' request examples; a row changes
a few fields of one of them (dotted paths; ``flavor[shard].size`` is the ``size`` of the ``shard`` entry of a DDS
``flavor`` list; DROP removes a key).

Documents (the API reference texts the collection was written from):

* RDS:   RDS v3 API reference, Creating a DB Instance (CreateInstance: single, primary/standby, read replica).
* GAUSS: GaussDB (openGauss) API reference, Restoring Data to a New DB Instance.
* DDS:   DDS API reference, Creating a DB Instance; the cluster body is the one of the DDS quick start
         (Creating a cluster instance).
* DDS-UG: DDS user guide (Regions and AZs; Creating a Replica Set Instance), where the API text is silent.

Where a document is silent or ambiguous the row says which reading it takes, and why. Values the documents mask
(``"password": "******"``) are replaced by passwords that follow the documented password rule.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Tuple

VALID = True
INVALID = False


class _Drop:
    def __repr__(self) -> str:
        return "DROP"

    def __deepcopy__(self, memo: Dict[int, Any]) -> "_Drop":
        return self


DROP = _Drop()

# Ids in the documents' examples; the test seeds the emulator with instances and backups of these ids.
RDS_SOURCE_ID = "afdsad-fds-fdsagin01"
GAUSS_SOURCE_ID = "d8e6ca5a624745bcb546a227aa3ae1cfin14"
GAUSS_BACKUP_ID = "2f4ddb93b9014b0893d81d2e472f30febr14"
GAUSS_RESTORE_TIME = 1532001446987

# -- base bodies ------------------------------------------------------------------------------------------------------
# RDS, Request example "Creating a single DB instance".
RDS_MYSQL: Dict[str, Any] = {
    "name": "rds-instance-rep2",
    "datastore": {"type": "MySQL", "version": "8.0"},
    "flavor_ref": "rds.mysql.s1.large",
    "volume": {"type": "ULTRAHIGH", "size": 100},
    "disk_encryption_id": "2gfdsh-844a-4023-a776-fc5c5fb71fb4",
    "region": "eu-de",
    "availability_zone": "eu-de-01",
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
    "port": 8635,
    "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 12},
    "charge_info": {"charge_mode": "postPaid"},
    "password": "Test@12345678",
    "configuration_id": "452408-ef4b-44c5-94be-305145fg",
    "unchangeable_param": {"lower_case_table_names": "1"},
}
# The same body for the other engines (the example's version 9.6 / 2017_SE; the engines' default ports).
RDS_POSTGRES = dict(copy.deepcopy(RDS_MYSQL), datastore={"type": "PostgreSQL", "version": "9.6"}, port=5432,
                    flavor_ref="rds.pg.s1.large", unchangeable_param=DROP)
RDS_SQLSERVER = dict(copy.deepcopy(RDS_MYSQL), datastore={"type": "SQLServer", "version": "2017_SE"}, port=1433,
                     flavor_ref="rds.mssql.se.s3.large.2", unchangeable_param=DROP)
# RDS, Request example "Creating primary/standby DB instances".
RDS_HA: Dict[str, Any] = dict(copy.deepcopy(RDS_MYSQL), ha={"mode": "ha", "replication_mode": "semisync"},
                              flavor_ref="rds.mysql.s1.large.ha", availability_zone="eu-de-01,eu-de-02",
                              unchangeable_param=DROP)
RDS_HA_POSTGRES = dict(copy.deepcopy(RDS_POSTGRES), ha={"mode": "Ha", "replication_mode": "async"},
                       availability_zone="eu-de-01,eu-de-02")
RDS_HA_SQLSERVER = dict(copy.deepcopy(RDS_SQLSERVER), datastore={"type": "SQLServer", "version": "2017_EE"},
                        ha={"mode": "Ha", "replication_mode": "sync"}, availability_zone="eu-de-01,eu-de-02")
# RDS, Request example "Creating a read replica".
RDS_REPLICA: Dict[str, Any] = {
    "name": "rds-instance-rep2",
    "replica_of_id": RDS_SOURCE_ID,
    "flavor_ref": "rds.mysql.s1.large.rr",
    "volume": {"type": "ULTRAHIGH", "size": 100},
    "disk_encryption_id": "2gfdsh-844a-4023-a776-fc5c5fb71fb4",
    "region": "eu-de",
    "availability_zone": "eu-de-01",
}

# GAUSS, Example Request "Restoring data to a new DB instance using backups". Two values are replaced: the masked
# password, and port 8000, which the example sends although Table 2 says the port "cannot be set to the default
# value 8000" (the rows below follow the rule text, not the example).
GAUSS_BACKUP: Dict[str, Any] = {
    "name": "targetInst",
    "availability_zone": "aaa,bbb,ccc",
    "flavor_ref": "gaussdb.opengauss.ee.dn.m4.2xlarge.8.in",
    "volume": {"type": "ULTRAHIGH", "size": 160},
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
    "password": "Test@12345678",
    "restore_point": {"instance_id": GAUSS_SOURCE_ID, "backup_id": GAUSS_BACKUP_ID},
    "configuration_id": "52e86e87445847a79bf807ceda213165pr01",
    "port": 8635,
    "enable_force_switch": True,
    "time_zone": "UTC+04:00",
}
# GAUSS, Example Request "Restoring data to a new DB instance using PITR".
GAUSS_PITR = dict(copy.deepcopy(GAUSS_BACKUP),
                  restore_point={"instance_id": GAUSS_SOURCE_ID, "type": "timestamp", "restore_time": GAUSS_RESTORE_TIME})

# DDS quick start, the cluster body (region and AZ are example values there: the emulator's region is used).
DDS_SHARDING: Dict[str, Any] = {
    "name": "test-cluster",
    "datastore": {"type": "DDS-Community", "version": "3.4", "storage_engine": "wiredTiger"},
    "region": "eu-de",
    "availability_zone": "eu-de-01",
    "vpc_id": "674e9b42-cd8d-4d25-a2e6-5abcc565b961",
    "subnet_id": "f1df08c5-71d1-406a-aff0-de435a51007b",
    "security_group_id": "7aa51dbf-5b63-40db-9724-dad3c4828b58",
    "password": "Test@123",
    "disk_encryption_id": "d4825f1b-5e47-4ff7-8ca9-0960da1770b1",
    "mode": "Sharding",
    "flavor": [
        {"type": "mongos", "num": 2, "spec_code": "dds.c3.medium.4.mongos"},
        {"type": "shard", "num": 2, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.c3.medium.4.shard"},
        {"type": "config", "num": 1, "storage": "ULTRAHIGH", "size": 20, "spec_code": "dds.c3.large.2.config"},
    ],
    "backup_strategy": {"start_time": "08:15-09:15", "keep_days": "8"},
    "ssl_option": "1",
}
# DDS, Example request "Create a replica set instance" (masked password replaced).
DDS_REPLICASET: Dict[str, Any] = {
    "name": "test-replicaset",
    "datastore": {"type": "DDS-Community", "version": "4.0", "storage_engine": "wiredTiger"},
    "region": "eu-de",
    "availability_zone": "eu-de-01",
    "vpc_id": "674e9b42-cd8d-4d25-a2e6-5abcc565b961",
    "subnet_id": "f1df08c5-71d1-406a-aff0-de435a51007b",
    "security_group_id": "7aa51dbf-5b63-40db-9724-dad3c4828b58",
    "password": "Test@123",
    "mode": "ReplicaSet",
    "flavor": [{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": "30", "spec_code": "dds.mongodb.s2.medium.4.repset"}],
    "backup_strategy": {"start_time": "23:00-00:00", "keep_days": "8"},
    "ssl_option": "1",
}
# DDS, Example request "Create a single node instance" (masked password replaced).
DDS_SINGLE: Dict[str, Any] = dict(copy.deepcopy(DDS_REPLICASET), name="test-singlenode", mode="Single",
                                  flavor=[{"type": "single", "num": 1, "storage": "ULTRAHIGH", "size": "30",
                                           "spec_code": "dds.mongodb.s2.medium.4.single"}])

BASES: Dict[str, Tuple[str, Dict[str, Any]]] = {
    # name: (kind, body); the kind selects the module and the emulator endpoint.
    "rds-mysql": ("rds", RDS_MYSQL),
    "rds-postgresql": ("rds", RDS_POSTGRES),
    "rds-sqlserver": ("rds", RDS_SQLSERVER),
    "rds-ha-mysql": ("rds", RDS_HA),
    "rds-ha-postgresql": ("rds", RDS_HA_POSTGRES),
    "rds-ha-sqlserver": ("rds", RDS_HA_SQLSERVER),
    "rds-replica": ("rds_replica", RDS_REPLICA),
    "gauss-backup": ("gauss", GAUSS_BACKUP),
    "gauss-pitr": ("gauss", GAUSS_PITR),
    "dds-sharding": ("dds", DDS_SHARDING),
    "dds-replicaset": ("dds", DDS_REPLICASET),
    "dds-single": ("dds", DDS_SINGLE),
}


# -- rows -------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sample:
    base: str
    changes: Mapping[str, Any]
    valid: bool
    rule: str
    shards: int = 1  # GaussDB: the shard count of the restored source instance

    @property
    def kind(self) -> str:
        return BASES[self.base][0]

    @property
    def body(self) -> Dict[str, Any]:
        return build(BASES[self.base][1], self.changes)

    @property
    def id(self) -> str:
        shown = ",".join("%s=%s" % (path, _short(value)) for path, value in self.changes.items()) or "example"
        extra = "" if self.shards == 1 else ",shards=%d" % self.shards
        return "%s:%s%s:%s" % (self.base, shown, extra, "ok" if self.valid else "bad")


def _short(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{%s}" % "/".join(_short(item) for item in value.values())
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 32 else "%s...(%d chars)" % (text[:8], len(text))


def _step(container: Any, key: str) -> Tuple[Any, Any]:
    """flavor[shard] -> the flavor entry of type shard; anything else is a dict key."""
    if key.endswith("]") and "[" in key:
        name, wanted = key[:-1].split("[", 1)
        entries = container[name]
        return entries, next(index for index, entry in enumerate(entries) if entry.get("type") == wanted)
    return container, key


def build(base: Mapping[str, Any], changes: Mapping[str, Any]) -> Dict[str, Any]:
    body = copy.deepcopy(dict(base))
    for path, value in changes.items():
        parts = path.split(".")
        container: Any = body
        for part in parts[:-1]:
            holder, key = _step(container, part)
            container = holder[key]
        holder, key = _step(container, parts[-1])
        if value is DROP:
            del holder[key]
        else:
            holder[key] = copy.deepcopy(value)
    return {key: value for key, value in body.items() if value is not DROP}


def ok(base: str, changes: Mapping[str, Any], rule: str, shards: int = 1) -> Sample:
    return Sample(base, changes, VALID, rule, shards)


def bad(base: str, changes: Mapping[str, Any], rule: str, shards: int = 1) -> Sample:
    return Sample(base, changes, INVALID, rule, shards)


NAME = "name: 4 to 64 characters, starts with a letter; letters, digits, - and _ only"
RDS_PORT = "RDS Table 2 port: MySQL 1024-65535 except 12017 and 33071; PostgreSQL 2100-9500; SQL Server 1433 or 2100-9500 except 5355 and 5985"
RDS_PASSWORD = "RDS Table 2 password: 8-32 characters, three of upper/lower/digit/special; specials per engine"
RDS_VERSION = "RDS Table 4 version: MySQL 5.6/5.7/8.0; PostgreSQL 9.5-15; SQL Server 2017/2019/2022 _SE/_EE"
RDS_VOLUME = "RDS Table 7 volume: type COMMON or ULTRAHIGH (case-sensitive), size 40-4000 GB in steps of 10"
RDS_WINDOW = "RDS Table 6 start_time: hh:mm-HH:MM, HH = hh + 1, mm = MM in 00/15/30/45"
RDS_KEEP = "RDS Table 6 keep_days: 0 to 732"
RDS_HA_MODE = "RDS Table 5 replication_mode: MySQL async/semisync, PostgreSQL async/sync, SQL Server sync"
RDS_AZ = "RDS Table 2 availability_zone: one AZ per node (single: 1; primary/standby: 2, comma-separated)"
GAUSS_PORT = ("GAUSS Table 2 port: 1024-39998, not 8000, not 2378-2380, 4999, 5000, 5999-6001, 8097, 8098, 12016, "
              "12017, 20049, 20050, 21731, 21732, 32122-32124")
GAUSS_PASSWORD = "GAUSS Table 2 password: 8-32 characters, three of upper/lower/digit/special ~!@#%^*-_=+?,"
GAUSS_VOLUME = "GAUSS Table 3 volume: type ULTRAHIGH only; size a multiple of shards x 40 GB, shards x 40 GB to shards x 16 TB"
GAUSS_AZ = "GAUSS Table 2 availability_zone: three AZ IDs, all the same (one AZ) or all different (three AZs)"
GAUSS_TZ = "GAUSS Table 2 time_zone: UTC-12:00 to UTC+12:00 at the full hour"
GAUSS_KEEP = "GAUSS Table 11 keep_days: 0 to 732"
DDS_PORT = "DDS Table 2 port: 2100-9500, 27017, 27018 or 27019"
DDS_PASSWORD = ("DDS Table 2 password: 8-32 characters containing upper-case and lower-case letters, digits and special "
                "characters ~!@#%^*-_=+? (all four kinds; the quick start's Test@123 has all four)")
DDS_VERSION = ("DDS Table 3 version and storage_engine: 3.4 and 4.0 run wiredTiger, 4.2 and later rocksDB; "
               "3.4 (quick start) to 5.0 (API reference) are the versions offered, 3.2 is no longer")
DDS_NUM = "DDS Table 4 num: mongos and shard at least 2 (at most 32; the project's API notes say 16), config 1, replica 1, single 1"
DDS_SIZE = ("DDS Table 4 size: multiple of 10 GB; shard 10-2000, config 20, replica set 10-2000, "
            "single node 10-1000")
DDS_STORAGE = "DDS Table 4 storage: ULTRAHIGH (SSD)"
DDS_TYPES = "DDS Table 4 type: a cluster has mongos, shard and config nodes, a replica set replica, a single node single"
DDS_MODE = "DDS Table 2 mode: Sharding, ReplicaSet or Single; version 5.0 does not support single node instances"
DDS_WINDOW = ("DDS Table 5 start_time: hh:mm-HH:MM, HH = hh + 1, mm = MM (the quick start's 08:15-09:15 is taken as "
              "valid, so minutes 00/15/30/45 as for RDS)")
DDS_KEEP = "DDS Table 5 keep_days: 0 to 732"
DDS_AZ = ("DDS Table 2 availability_zone: several AZs make a cross-AZ cluster; DDS-UG: a replica set in one or three "
          "AZs, a single node in one")

# The DDS num ranges: the API reference says 2 to 32 mongos and shard nodes, the project's API notes 2 to 16; the
# rows stay where both agree (2, 16 valid; 1, 33 invalid).

ROWS: List[Sample] = [
    # -- RDS v3, single instance ------------------------------------------------------------------------------------
    ok("rds-mysql", {}, "RDS request example: creating a single DB instance"),
    ok("rds-postgresql", {}, "RDS single instance, PostgreSQL"),
    ok("rds-sqlserver", {}, "RDS single instance, SQL Server 2017_SE"),
    ok("rds-mysql", {"name": "A" + "b" * 63}, NAME),
    bad("rds-mysql", {"name": "abc"}, NAME),
    bad("rds-mysql", {"name": "A" + "b" * 64}, NAME),
    bad("rds-mysql", {"name": "9lives"}, NAME),
    ok("rds-mysql", {"port": 1024}, RDS_PORT),
    ok("rds-mysql", {"port": "3306"}, RDS_PORT + " (port is a String)"),
    bad("rds-mysql", {"port": 1023}, RDS_PORT),
    bad("rds-mysql", {"port": 12017}, RDS_PORT),
    bad("rds-mysql", {"port": 33071}, RDS_PORT),
    ok("rds-postgresql", {"port": 2100}, RDS_PORT),
    bad("rds-postgresql", {"port": 2099}, RDS_PORT),
    bad("rds-postgresql", {"port": 9501}, RDS_PORT),
    bad("rds-sqlserver", {"port": 1434}, RDS_PORT),
    bad("rds-sqlserver", {"port": 5355}, RDS_PORT),
    bad("rds-sqlserver", {"port": 5985}, RDS_PORT),
    ok("rds-mysql", {"password": "Test12345678"}, RDS_PASSWORD + " (upper, lower, digit)"),
    bad("rds-mysql", {"password": "Te@1xxx"}, RDS_PASSWORD + " (7 characters)"),
    bad("rds-mysql", {"password": "Te@1" + "x" * 29}, RDS_PASSWORD + " (33 characters)"),
    bad("rds-mysql", {"password": "test12345678"}, RDS_PASSWORD + " (two kinds)"),
    ok("rds-mysql", {"password": "Test(12345678"}, RDS_PASSWORD + " (MySQL allows ( ) &)"),
    bad("rds-postgresql", {"password": "Test(12345678"}, RDS_PASSWORD + " (PostgreSQL has no ( ) &)"),
    ok("rds-postgresql", {"password": "Test=12345678"}, RDS_PASSWORD + " (PostgreSQL allows =)"),
    bad("rds-sqlserver", {"password": "Test=12345678"}, RDS_PASSWORD + " (SQL Server has no =)"),
    ok("rds-mysql", {"datastore.version": "5.6"}, RDS_VERSION),
    bad("rds-mysql", {"datastore.version": "5.5"}, RDS_VERSION),
    ok("rds-postgresql", {"datastore.version": "15"}, RDS_VERSION),
    bad("rds-postgresql", {"datastore.version": "16"}, RDS_VERSION),
    bad("rds-sqlserver", {"datastore.version": "2016_SE"}, RDS_VERSION),
    bad("rds-sqlserver", {"datastore.version": "2019_EE"},
        "RDS Table 3 caption: SQL Server _EE editions do not support single DB instances"),
    bad("rds-mysql", {"datastore.type": "MariaDB"}, "RDS Table 4 type: MySQL, PostgreSQL or SQLServer"),
    ok("rds-mysql", {"volume.size": 40}, RDS_VOLUME),
    bad("rds-mysql", {"volume.size": 30}, RDS_VOLUME),
    bad("rds-mysql", {"volume.size": 4010}, RDS_VOLUME),
    bad("rds-mysql", {"volume.size": 105}, RDS_VOLUME),
    ok("rds-mysql", {"volume.type": "COMMON"}, RDS_VOLUME),
    bad("rds-mysql", {"volume.type": "ultrahigh"}, RDS_VOLUME),
    ok("rds-mysql", {"backup_strategy.start_time": "23:00-00:00"}, RDS_WINDOW),
    bad("rds-mysql", {"backup_strategy.start_time": "08:15-10:15"}, RDS_WINDOW),
    bad("rds-mysql", {"backup_strategy.start_time": "08:10-09:10"}, RDS_WINDOW),
    bad("rds-mysql", {"backup_strategy.start_time": "08:15-09:30"}, RDS_WINDOW),
    ok("rds-mysql", {"backup_strategy.keep_days": 0}, RDS_KEEP),
    ok("rds-mysql", {"backup_strategy.keep_days": 732}, RDS_KEEP),
    bad("rds-mysql", {"backup_strategy.keep_days": 733}, RDS_KEEP),
    bad("rds-mysql", {"availability_zone": "eu-de-01,eu-de-02"}, RDS_AZ),
    # -- RDS v3, primary/standby ------------------------------------------------------------------------------------
    ok("rds-ha-mysql", {}, "RDS request example: creating primary/standby DB instances (ha.mode ha)"),
    ok("rds-ha-mysql", {"ha.mode": "Ha"}, "RDS Table 5 mode: Ha, case-insensitive"),
    bad("rds-ha-mysql", {"ha.mode": "cluster"}, "RDS Table 5 mode: Ha, case-insensitive"),
    ok("rds-ha-mysql", {"ha.replication_mode": "async"}, RDS_HA_MODE),
    bad("rds-ha-mysql", {"ha.replication_mode": "sync"}, RDS_HA_MODE),
    ok("rds-ha-postgresql", {"ha.replication_mode": "sync"}, RDS_HA_MODE),
    bad("rds-ha-postgresql", {"ha.replication_mode": "semisync"}, RDS_HA_MODE),
    ok("rds-ha-sqlserver", {}, RDS_HA_MODE + " (SQL Server 2017_EE primary/standby)"),
    bad("rds-ha-sqlserver", {"ha.replication_mode": "async"}, RDS_HA_MODE),
    bad("rds-ha-mysql", {"availability_zone": "eu-de-01"}, RDS_AZ),
    bad("rds-ha-mysql", {"availability_zone": "eu-de-01,eu-de-02,eu-de-03"}, RDS_AZ),
    bad("rds-ha-sqlserver", {"backup_strategy.keep_days": 0},
        "RDS Table 6 notice: SQL Server primary/standby instances cannot disable automated backups"),
    ok("rds-ha-postgresql", {"backup_strategy.keep_days": 0}, RDS_KEEP + " (0 disables automated backups)"),
    # -- RDS v3, read replica ---------------------------------------------------------------------------------------
    ok("rds-replica", {}, "RDS request example: creating a read replica"),
    bad("rds-replica", {"name": "abc"}, NAME),
    bad("rds-replica", {"name": "rr" + "x" * 63}, NAME),
    bad("rds-replica", {"flavor_ref": ""}, "RDS Table 3 flavor_ref: the value cannot be empty"),
    bad("rds-replica", {"volume.type": "SATA"}, RDS_VOLUME),
    bad("rds-replica", {"availability_zone": "eu-de-01,eu-de-02"}, "RDS Table 3 availability_zone: the AZ ID (one)"),
    ok("rds-replica", {"availability_zone": "eu-de-02"}, "RDS Table 3 availability_zone: the AZ ID (one)"),
    # -- GaussDB, restore to a new instance -------------------------------------------------------------------------
    ok("gauss-backup", {}, "GAUSS example request: restoring using backups"),
    ok("gauss-pitr", {}, "GAUSS example request: restoring using PITR"),
    bad("gauss-backup", {"name": "abc"}, NAME),
    bad("gauss-backup", {"name": "t" * 65}, NAME),
    ok("gauss-backup", {"port": 39998}, GAUSS_PORT),
    ok("gauss-backup", {"port": "2377"}, GAUSS_PORT),
    bad("gauss-backup", {"port": 1023}, GAUSS_PORT),
    bad("gauss-backup", {"port": 39999}, GAUSS_PORT),
    bad("gauss-backup", {"port": 8000}, GAUSS_PORT + " (the example request sends 8000 all the same; the rule text wins)"),
    bad("gauss-backup", {"port": 2378}, GAUSS_PORT),
    bad("gauss-backup", {"port": 32124}, GAUSS_PORT),
    ok("gauss-backup", {"password": "Test12345678"}, GAUSS_PASSWORD + " (upper, lower, digit)"),
    bad("gauss-backup", {"password": "Test$12345678"}, GAUSS_PASSWORD + " ($ is not in the set)"),
    bad("gauss-backup", {"password": "test12345678"}, GAUSS_PASSWORD + " (two kinds)"),
    ok("gauss-backup", {"volume.size": 40}, GAUSS_VOLUME),
    ok("gauss-backup", {"volume.size": 16000}, GAUSS_VOLUME),
    bad("gauss-backup", {"volume.size": 60}, GAUSS_VOLUME),
    bad("gauss-backup", {"volume.size": 16400}, GAUSS_VOLUME),
    bad("gauss-backup", {"volume.type": "COMMON"}, GAUSS_VOLUME),
    ok("gauss-backup", {"volume.size": 120}, GAUSS_VOLUME, shards=3),
    bad("gauss-backup", {"volume.size": 160}, GAUSS_VOLUME, shards=3),
    bad("gauss-backup", {"volume.size": 80}, GAUSS_VOLUME, shards=3),
    ok("gauss-backup", {"availability_zone": "aaa,aaa,aaa"}, GAUSS_AZ),
    bad("gauss-backup", {"availability_zone": "aaa,bbb"}, GAUSS_AZ),
    bad("gauss-backup", {"availability_zone": "aaa,aaa,bbb"}, GAUSS_AZ),
    ok("gauss-backup", {"time_zone": "UTC+12:00"}, GAUSS_TZ),
    ok("gauss-backup", {"time_zone": "UTC-12:00"}, GAUSS_TZ),
    bad("gauss-backup", {"time_zone": "UTC+08:30"}, GAUSS_TZ),
    bad("gauss-backup", {"time_zone": "UTC+13:00"}, GAUSS_TZ),
    ok("gauss-backup", {"backup_strategy": {"keep_days": 732}}, GAUSS_KEEP),
    bad("gauss-backup", {"backup_strategy": {"keep_days": 733}}, GAUSS_KEEP),
    # -- DDS, cluster (Sharding) ------------------------------------------------------------------------------------
    ok("dds-sharding", {}, "DDS quick start: the cluster body"),
    bad("dds-sharding", {"name": "abc"}, NAME),
    bad("dds-sharding", {"name": "A" + "b" * 64}, NAME),
    ok("dds-sharding", {"port": 2100}, DDS_PORT),
    ok("dds-sharding", {"port": "9500"}, DDS_PORT),
    ok("dds-sharding", {"port": 27017}, DDS_PORT),
    bad("dds-sharding", {"port": 2099}, DDS_PORT),
    bad("dds-sharding", {"port": 9501}, DDS_PORT),
    bad("dds-sharding", {"port": 27020}, DDS_PORT),
    bad("dds-sharding", {"password": "Test@12"}, DDS_PASSWORD + " (7 characters)"),
    bad("dds-sharding", {"password": "Test1234"}, DDS_PASSWORD + " (no special character)"),
    bad("dds-sharding", {"password": "test@1234"}, DDS_PASSWORD + " (no upper-case letter)"),
    bad("dds-sharding", {"password": "Test@abcd"}, DDS_PASSWORD + " (no digit)"),
    bad("dds-sharding", {"password": "Test$1234"}, DDS_PASSWORD + " ($ is not in the set)"),
    ok("dds-sharding", {"datastore.version": "4.0"}, DDS_VERSION),
    ok("dds-sharding", {"datastore": {"type": "DDS-Community", "version": "4.2", "storage_engine": "rocksDB"}}, DDS_VERSION),
    ok("dds-sharding", {"datastore": {"type": "DDS-Community", "version": "4.4", "storage_engine": "rocksDB"}}, DDS_VERSION),
    bad("dds-sharding", {"datastore.version": "3.2"}, DDS_VERSION),
    bad("dds-sharding", {"datastore": {"type": "DDS-Community", "version": "6.0", "storage_engine": "rocksDB"}}, DDS_VERSION),
    bad("dds-sharding", {"datastore.version": "4.2"}, DDS_VERSION + " (4.2 with wiredTiger)"),
    bad("dds-sharding", {"datastore.version": "4.4"}, DDS_VERSION + " (4.4 with wiredTiger)"),
    bad("dds-sharding", {"datastore.storage_engine": "rocksDB"}, DDS_VERSION + " (3.4 with rocksDB)"),
    bad("dds-sharding", {"datastore.type": "MongoDB"}, "DDS Table 3 type: DDS-Community"),
    bad("dds-sharding", {"mode": "Cluster"}, DDS_MODE),
    ok("dds-sharding", {"flavor[mongos].num": 16, "flavor[shard].num": 16}, DDS_NUM),
    bad("dds-sharding", {"flavor[mongos].num": 1}, DDS_NUM),
    bad("dds-sharding", {"flavor[shard].num": 33}, DDS_NUM),
    bad("dds-sharding", {"flavor[config].num": 2}, DDS_NUM),
    ok("dds-sharding", {"flavor[shard].size": 10}, DDS_SIZE),
    ok("dds-sharding", {"flavor[shard].size": "2000"}, DDS_SIZE),
    bad("dds-sharding", {"flavor[shard].size": 2010}, DDS_SIZE),
    bad("dds-sharding", {"flavor[shard].size": 25}, DDS_SIZE),
    bad("dds-sharding", {"flavor[config].size": 30}, DDS_SIZE),
    bad("dds-sharding", {"flavor[shard].storage": "COMMON"}, DDS_STORAGE),
    bad("dds-sharding", {"flavor[config]": DROP}, DDS_TYPES),
    ok("dds-sharding", {"availability_zone": "eu-de-01,eu-de-02,eu-de-03"}, DDS_AZ),
    ok("dds-sharding", {"backup_strategy.start_time": "23:00-00:00"}, DDS_WINDOW),
    bad("dds-sharding", {"backup_strategy.start_time": "08:15-10:15"}, DDS_WINDOW),
    ok("dds-sharding", {"backup_strategy.keep_days": "0"}, DDS_KEEP),
    bad("dds-sharding", {"backup_strategy.keep_days": "733"}, DDS_KEEP),
    # -- DDS, replica set -------------------------------------------------------------------------------------------
    ok("dds-replicaset", {}, "DDS example request: create a replica set instance"),
    ok("dds-replicaset", {"flavor[replica].size": "10"}, DDS_SIZE),
    ok("dds-replicaset", {"flavor[replica].size": "2000"}, DDS_SIZE),
    bad("dds-replicaset", {"flavor[replica].size": "2010"}, DDS_SIZE),
    bad("dds-replicaset", {"flavor[replica].size": "3000"}, DDS_SIZE),
    bad("dds-replicaset", {"flavor[replica].num": 2}, DDS_NUM),
    bad("dds-replicaset", {"flavor[replica].type": "single"}, DDS_TYPES),
    ok("dds-replicaset", {"datastore": {"type": "DDS-Community", "version": "5.0", "storage_engine": "rocksDB"}}, DDS_VERSION),
    bad("dds-replicaset", {"datastore.version": "5.0"}, DDS_VERSION + " (5.0 with wiredTiger)"),
    ok("dds-replicaset", {"availability_zone": "eu-de-01,eu-de-02,eu-de-03"}, DDS_AZ),
    bad("dds-replicaset", {"availability_zone": "eu-de-01,eu-de-02"}, DDS_AZ),
    # -- DDS, single node -------------------------------------------------------------------------------------------
    ok("dds-single", {}, "DDS example request: create a single node instance"),
    ok("dds-single", {"flavor[single].size": 1000}, DDS_SIZE),
    bad("dds-single", {"flavor[single].size": 1010}, DDS_SIZE),
    bad("dds-single", {"flavor[single].num": 2}, DDS_NUM),
    bad("dds-single", {"flavor[single].type": "replica"}, DDS_TYPES),
    bad("dds-single", {"datastore": {"type": "DDS-Community", "version": "5.0", "storage_engine": "rocksDB"}}, DDS_MODE),
    ok("dds-single", {"datastore": {"type": "DDS-Community", "version": "4.4", "storage_engine": "rocksDB"}}, DDS_VERSION),
    bad("dds-single", {"availability_zone": "eu-de-01,eu-de-02,eu-de-03"}, DDS_AZ),
]
