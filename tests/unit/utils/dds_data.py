# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Module parameters (as Ansible hands them over, unset options as None) and listed records for the DDS tests."""

from __future__ import annotations

import copy
from typing import Any, Dict

DDS = "https://dds.example.test"
PROJECT_ID = "0549b4a43100d4f32f51c01c2fe4acdb"
INSTANCES = DDS + "/v3/%s/instances" % PROJECT_ID
JOBS = DDS + "/v3/%s/jobs" % PROJECT_ID

COMMON: Dict[str, Any] = {
    "state": "present",
    "region": "eu-de",
    "availability_zone": ["eu-de-01"],
    "vpc_id": "674e9b42-cd8d-4d25-a2e6-5abcc565b961",
    "subnet_id": "f1df08c5-71d1-406a-aff0-de435a51007b",
    "security_group_id": "7aa51dbf-5b63-40db-9724-dad3c4828b58",
    "password": "Test@123",
    "port": None,
    "disk_encryption_id": None,
    "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 8},
    "ssl_option": None,
    "enterprise_project_id": None,
    "drift": "fail",
    "wait": True,
    "wait_timeout": 3600,
    "poll_interval": 5,
    # client
    "endpoints": {"dds": DDS},
    "project_id": PROJECT_ID,
    "access_key": "AK-UNIT",
    "secret_key": "SK-UNIT",
}


def _node(node_type, num, spec_code, size=None, storage="ULTRAHIGH"):
    return {"type": node_type, "num": num, "storage": storage if size is not None else None, "size": size, "spec_code": spec_code}


SHARDING = dict(COMMON, name="test-cluster", mode="Sharding",
                datastore={"type": "DDS-Community", "version": "3.4", "storage_engine": "wiredTiger"},
                flavor=[_node("mongos", 2, "dds.c3.medium.4.mongos"),
                        _node("shard", 2, "dds.c3.medium.4.shard", 20),
                        _node("config", 1, "dds.c3.large.2.config", 20)])
REPLICA = dict(COMMON, name="test-replicaset", mode="ReplicaSet",
               datastore={"type": "DDS-Community", "version": "4.4", "storage_engine": None},
               flavor=[_node("replica", 1, "dds.mongodb.s6.large.4.repset", 30)])
SINGLE = dict(COMMON, name="test-single", mode="Single",
              datastore={"type": "DDS-Community", "version": "4.0", "storage_engine": None},
              flavor=[_node("single", 1, "dds.mongodb.s6.medium.4.single", 30)])


def params(base: Dict[str, Any], **changes: Any) -> Dict[str, Any]:
    merged = copy.deepcopy(base)
    merged.update(copy.deepcopy(changes))
    return merged


def _group(index: int, node_type: str, nodes: int, spec_code: str, size: Any) -> Dict[str, Any]:
    group = {"type": node_type, "id": "gr%02d%s" % (index, node_type), "name": "%s_%d" % (node_type, index), "status": "normal",
             "nodes": [{"id": "no%02d%d" % (index, n), "name": "node_%d_%d" % (index, n), "status": "normal", "role": "Primary",
                        "private_ip": "192.168.0.%d" % (10 * index + n), "spec_code": spec_code,
                        "availability_zone": "eu-de-01"} for n in range(nodes)]}
    if size is not None:
        group["volume"] = {"size": str(size), "used": "0.33"}
    return group


# DDS ListInstances datastore.whole_version: the complete version of each offered one.
WHOLE_VERSIONS = {"3.4": "3.4.17", "4.0": "4.0.3", "4.2": "4.2.24", "4.4": "4.4.25", "5.0": "5.0.20"}


def listed_record(base: Dict[str, Any], status: str = "normal", instance_id: str = "46125c43ca4d424a9f5c97354223c4e0in02",
                  **changes: Any) -> Dict[str, Any]:
    """An instance as GET /v3/{project_id}/instances lists it (SDK QueryInstanceResponse: port as a string, the storage
    engine in `engine`, no availability_zone of the instance, nodes and their zones under groups)."""
    groups = []
    for entry in base["flavor"]:
        if entry["type"] == "mongos":
            groups.append(_group(len(groups), "mongos", entry["num"], entry["spec_code"], None))
            continue
        nodes = 1 if entry["type"] == "single" else 3
        for _copy in range(entry["num"]):
            groups.append(_group(len(groups), entry["type"], nodes, entry["spec_code"], entry["size"]))
    record = {
        "id": instance_id, "name": base["name"], "status": status, "port": "8635", "mode": base["mode"], "region": "eu-de",
        "datastore": {"type": "DDS-Community", "version": base["datastore"]["version"], "patch_available": False,
                      "whole_version": WHOLE_VERSIONS[base["datastore"]["version"]]},
        "engine": "rocksDB" if base["datastore"]["version"] in ("4.2", "4.4", "5.0") else "wiredTiger",
        "created": "2019-01-14T08:50:27", "updated": "2019-01-14T09:20:11", "db_user_name": "rwuser", "ssl": 1,
        "vpc_id": base["vpc_id"], "subnet_id": base["subnet_id"], "security_group_id": base["security_group_id"],
        "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 8}, "pay_mode": "0", "maintenance_window": "02:00-06:00",
        "groups": groups, "enterprise_project_id": "0", "time_zone": "", "actions": [],
    }
    record.update(changes)
    return record
