#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: dds_instance
short_description: Create or delete a DDS (Document Database Service) instance, a sharded cluster, a replica set or a single node
version_added: 1.0.0
description:
  - Ensures that a DDS Community Edition instance (MongoDB-compatible) with the given exact name exists (O(state=present))
    or does not (O(state=absent)).
  - O(mode=Sharding) creates a sharded cluster of mongos, shard and config nodes; O(mode=ReplicaSet) a replica set;
    O(mode=Single) a single node.
  - The instance is looked up by exact name. When it is missing it is created; when it exists, the options the task sets
    are compared with what the cloud reports and nothing is written.
  - An existing instance that differs in an option this module cannot change fails the task (see O(drift)).
  - More than one instance with the name fails the task and lists their IDs.
  - Creating a cluster can take close to an hour, so O(wait_timeout) defaults to 3600 seconds.
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  name:
    description:
      - Instance name, 4 to 64 characters, starting with a letter; letters, digits, C(-) and C(_). Case-sensitive.
    type: str
    required: true
  state:
    description:
      - V(present) creates the instance when it is missing; V(absent) deletes it when it exists.
    type: str
    choices: [present, absent]
    default: present
  mode:
    description:
      - Instance type. Required with O(state=present).
      - V(Sharding) needs one O(flavor) entry of each type V(mongos), V(shard) and V(config);
        V(ReplicaSet) one entry of type V(replica); V(Single) one entry of type V(single).
    type: str
    choices: [Sharding, ReplicaSet, Single]
  datastore:
    description:
      - Database type, version and storage engine. Required with O(state=present).
    type: dict
    suboptions:
      type:
        description:
          - Database type.
        type: str
        choices: [DDS-Community]
        default: DDS-Community
      version:
        description:
          - Database version, one of V(3.4), V(4.0), V(4.2), V(4.4) or V(5.0). V(5.0) has no V(Single) instances.
        type: str
        required: true
      storage_engine:
        description:
          - Storage engine. Versions V(3.4) and V(4.0) run V(wiredTiger), versions V(4.2), V(4.4) and V(5.0) run
            V(rocksDB); it defaults to the engine of the version and any other value is refused.
        type: str
        choices: [wiredTiger, rocksDB]
  availability_zone:
    description:
      - Availability zone; three zones deploy a V(Sharding) or V(ReplicaSet) instance across AZs.
        V(Single) takes exactly one. A comma-separated string is accepted too.
    type: list
    elements: str
  vpc_id:
    description:
      - VPC ID (a UUID).
    type: str
  subnet_id:
    description:
      - Subnet (network) ID.
    type: str
  security_group_id:
    description:
      - Security group ID.
    type: str
  password:
    description:
      - Administrator (C(rwuser)) password, used only at creation. 8 to 32 characters with upper-case letters,
        lower-case letters, digits and special characters, specials from C(~!@#%^*-_=+?).
      - Never compared, returned or logged.
    type: str
  port:
    description:
      - Database port, 2100 to 9500, or 27017, 27018 or 27019. The service uses 8635 when it is not set.
    type: int
  disk_encryption_id:
    description:
      - KMS key ID (a UUID) that encrypts the disks. Disks are not encrypted when it is not set.
    type: str
  flavor:
    description:
      - The nodes, one entry per node type; which types a mode needs is described at O(mode).
      - Required with O(state=present).
    type: list
    elements: dict
    suboptions:
      type:
        description:
          - Node type. V(mongos), V(shard) and V(config) for O(mode=Sharding), V(replica) for O(mode=ReplicaSet),
            V(single) for O(mode=Single).
        type: str
        required: true
        choices: [mongos, shard, config, replica, single]
      num:
        description:
          - Number of mongos nodes (2 to 16) or of shard groups (2 to 16). Always V(1) for V(config), V(replica) and V(single);
            the size of a replica set (3, 5 or 7 nodes) comes with O(flavor[].spec_code).
        type: int
        required: true
      storage:
        description:
          - Disk type, V(ULTRAHIGH) (SSD, the default); some regions offer V(EXTREMEHIGH) and V(ESSD).
            Not allowed for V(mongos), which has no disk.
        type: str
      size:
        description:
          - Disk size in GB, a multiple of 10. Required for every type except V(mongos), where it is not allowed.
          - V(shard) 10 to 2000, V(config) exactly 20, V(replica) 10 to 2000, V(single) 10 to 1000.
        type: int
      spec_code:
        description:
          - Resource specification code, for example V(dds.mongodb.s6.large.4.mongos). In a cluster all codes must be of
            the same series.
        type: str
        required: true
  backup_strategy:
    description:
      - Automated backup policy. The service backs up daily at 00:00-01:00 and keeps backups 7 days when it is not set.
    type: dict
    suboptions:
      start_time:
        description:
          - Backup window in UTC, C(hh:mm-HH:MM), ending one hour after it starts, minutes V(00), V(15), V(30) or V(45),
            for example V(08:15-09:15).
        type: str
        required: true
      keep_days:
        description:
          - Days to keep automated backups, 0 to 732. V(0) disables automated backups.
        type: int
  ssl_option:
    description:
      - Whether SSL connections are enabled. The choice is always sent, V(false) as C("0"); when not set, the module
        asks for SSL on (the service default) and does not compare it on an existing instance.
    type: bool
  enterprise_project_id:
    description:
      - Enterprise project ID. Used only at creation.
    type: str
  drift:
    description:
      - What to do when the existing instance differs from the task in an option this module cannot change
        (mode, version, storage engine, network, port, encryption, backup policy, SSL, nodes).
      - V(fail) fails the task and lists the differences; V(warn) accepts the instance and warns; V(ignore) accepts it silently.
    type: str
    choices: [fail, warn, ignore]
    default: fail
extends_documentation_fragment:
  - hwcloud.dbaas.auth
  - hwcloud.dbaas.auth.WAIT_LONG
attributes:
  check_mode:
    support: full
    description: Reports what would be created or deleted; sends no write request.
  diff_mode:
    support: full
    description: Shows the compared options before and after.
notes:
  - The statuses C(frozen) and C(data_disk_full) do not change by waiting; an existing instance in one of them is returned
    with a warning. C(createfail) and C(abnormal) fail the task.
'''

EXAMPLES = r'''
- name: A sharded cluster with two mongos, two shards and a config group
  hwcloud.dbaas.dds_instance:
    name: catalog-cluster
    region: eu-de
    mode: Sharding
    datastore:
      version: "4.0"
    availability_zone: eu-de-01
    vpc_id: 674e9b42-cd8d-4d25-a2e6-5abcc565b961
    subnet_id: f1df08c5-71d1-406a-aff0-de435a51007b
    security_group_id: 7aa51dbf-5b63-40db-9724-dad3c4828b58
    password: "{{ vault_catalog_password }}"
    flavor:
      - {type: mongos, num: 2, spec_code: dds.mongodb.s6.large.4.mongos}
      - {type: shard, num: 2, storage: ULTRAHIGH, size: 20, spec_code: dds.mongodb.s6.large.4.shard}
      - {type: config, num: 1, storage: ULTRAHIGH, size: 20, spec_code: dds.mongodb.s6.large.2.config}
    backup_strategy:
      start_time: "08:15-09:15"
      keep_days: 8
    ssl_option: true

- name: A replica set on port 8636 with encrypted disks, across three AZs
  hwcloud.dbaas.dds_instance:
    name: sessions-rs
    region: eu-de
    mode: ReplicaSet
    datastore:
      version: "4.4"
      storage_engine: rocksDB
    availability_zone: [eu-de-01, eu-de-02, eu-de-03]
    vpc_id: 674e9b42-cd8d-4d25-a2e6-5abcc565b961
    subnet_id: f1df08c5-71d1-406a-aff0-de435a51007b
    security_group_id: 7aa51dbf-5b63-40db-9724-dad3c4828b58
    password: "{{ vault_sessions_password }}"
    port: 8636
    disk_encryption_id: d4825f1b-5e47-4ff7-8ca9-0960da1770b1
    flavor:
      - {type: replica, num: 1, storage: ULTRAHIGH, size: 100, spec_code: dds.mongodb.s6.large.4.repset}

- name: A single node without SSL, created without waiting
  hwcloud.dbaas.dds_instance:
    name: scratch-single
    region: eu-de
    mode: Single
    datastore:
      version: "3.4"
    availability_zone: eu-de-01
    vpc_id: 674e9b42-cd8d-4d25-a2e6-5abcc565b961
    subnet_id: f1df08c5-71d1-406a-aff0-de435a51007b
    security_group_id: 7aa51dbf-5b63-40db-9724-dad3c4828b58
    password: "{{ vault_scratch_password }}"
    flavor:
      - {type: single, num: 1, storage: ULTRAHIGH, size: 30, spec_code: dds.mongodb.s6.medium.4.single}
    ssl_option: false
    wait: false
  register: scratch

- name: Delete an instance
  hwcloud.dbaas.dds_instance:
    name: scratch-single
    region: eu-de
    state: absent
'''

RETURN = r'''
instance:
  description:
    - The instance as the DDS v3 API reports it after the task (after waiting, when O(wait=true)), with C(port) as an integer.
    - C(flavor) summarises the nodes in the shape of the create request (C(type), C(num), C(size), C(spec_code)); for a
      listed instance it is derived from C(groups).
    - With O(state=absent), the instance that was deleted; empty when there was none.
    - In check mode, for a missing instance, the options that would be sent (never the password).
  returned: always
  type: dict
  sample:
    id: 46125c43ca4d424a9f5c97354223c4e0in02
    name: catalog-cluster
    status: normal
    mode: Sharding
    port: 8635
    region: eu-de
    datastore: {type: DDS-Community, version: "4.0"}
    ssl: 1
    vpc_id: 674e9b42-cd8d-4d25-a2e6-5abcc565b961
    backup_strategy: {start_time: "08:15-09:15", keep_days: 8}
    flavor:
      - {type: mongos, num: 2, spec_code: dds.mongodb.s6.large.4.mongos}
      - {type: shard, num: 2, size: 20, spec_code: dds.mongodb.s6.large.4.shard}
      - {type: config, num: 1, size: 20, spec_code: dds.mongodb.s6.large.2.config}
job_id:
  description: ID of the create or delete job.
  returned: when a create or delete request was sent
  type: str
  sample: c0c606b6-470a-48c7-97a2-6c7f146014d4
service:
  description:
    - The service that holds the instance, V(dds). Lets M(hwcloud.dbaas.instance_wait) read the registered results of a loop
      with O(wait=false).
  returned: always
  type: str
  sample: dds
diff:
  description: The compared options before and after the task.
  returned: always
  type: dict
error:
  description:
    - Details of the failure; C(status), C(code), C(message) and C(request_id) for API errors,
      C(option) and C(rule) for invalid input, C(job_id) and C(fail_reason) for a failed job.
  returned: failed
  type: dict
  sample: {message: "job c0c606b6-470a-48c7-97a2-6c7f146014d4 failed: insufficient resources",
           job_id: c0c606b6-470a-48c7-97a2-6c7f146014d4, fail_reason: insufficient resources}
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.dds import DdsInstances, validate_instance

# Creating a DDS cluster can take close to an hour.
WAIT_TIMEOUT = 3600

ARGUMENT_SPEC = {
    "name": {"type": "str", "required": True},
    "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    "mode": {"type": "str", "choices": ["Sharding", "ReplicaSet", "Single"]},
    "datastore": {"type": "dict", "options": {
        "type": {"type": "str", "choices": ["DDS-Community"], "default": "DDS-Community"},
        "version": {"type": "str", "required": True},
        "storage_engine": {"type": "str", "choices": ["wiredTiger", "rocksDB"]},
    }},
    "availability_zone": {"type": "list", "elements": "str"},
    "vpc_id": {"type": "str"},
    "subnet_id": {"type": "str"},
    "security_group_id": {"type": "str"},
    "password": {"type": "str", "no_log": True},
    "port": {"type": "int"},
    "disk_encryption_id": {"type": "str"},
    "flavor": {"type": "list", "elements": "dict", "options": {
        "type": {"type": "str", "required": True, "choices": ["mongos", "shard", "config", "replica", "single"]},
        "num": {"type": "int", "required": True},
        "storage": {"type": "str"},
        "size": {"type": "int"},
        "spec_code": {"type": "str", "required": True},
    }},
    "backup_strategy": {"type": "dict", "options": {
        "start_time": {"type": "str", "required": True},
        "keep_days": {"type": "int"},
    }},
    "ssl_option": {"type": "bool"},
    "enterprise_project_id": {"type": "str"},
    "drift": {"type": "str", "choices": ["fail", "warn", "ignore"], "default": "fail"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, wait_timeout=WAIT_TIMEOUT)
    module.run_flow(DdsInstances, validate_instance)


if __name__ == "__main__":
    main()
