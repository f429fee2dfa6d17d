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
    are compared with what the cloud reports, and those that differ are changed in place, one documented call each
    (see O(drift) for which, and in what order).
  - An existing instance that differs in an option that cannot be changed in place fails the task before any write (see O(drift)).
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
          - An existing instance is compared by the engine the list API reports for it (its C(engine) field; the listed
            C(datastore) has no storage engine).
        type: str
        choices: [wiredTiger, rocksDB]
  availability_zone:
    description:
      - Availability zone; three zones deploy a V(Sharding) or V(ReplicaSet) instance across AZs.
        V(Single) takes exactly one. A comma-separated string is accepted too.
      - An existing instance is compared by the zones its nodes run in (the list API reports a zone per node, none for
        the instance), in any order, so a switchover to a node in another of the zones is no drift.
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
      - Security group ID. Changed in place on an existing instance (DDS UpdateSecurityGroup).
    type: str
  password:
    description:
      - Administrator (C(rwuser)) password. 8 to 32 characters with upper-case letters,
        lower-case letters, digits and special characters, specials from C(~!@#%^*-_=+?).
      - Required to create the instance; with O(update_password=on_create) not needed once it exists.
      - Never compared, returned or logged.
    type: str
  update_password:
    description:
      - V(on_create) uses O(password) only to create the instance.
      - V(always) resets the password of C(rwuser) to O(password) on every run that sets it (DDS ResetPassword). The
        service never returns the password, so such a run always reports C(changed=true).
    type: str
    choices: [on_create, always]
    default: on_create
    version_added: 1.0.0
  tags:
    description:
      - Tags of the instance, key to value. Sent with the create, and added or removed on an existing instance (DDS
        BatchOperateInstanceTag, at most one delete and one create call; a changed value is created again, which
        replaces it).
      - The list answer carries the tags, so a converged run makes no extra request; only when a list answer lacks them
        are they read with one GET of the instance's tags, and only when the task sets O(tags).
      - At most 20 tags; keys of 1 to 128 letters, digits, spaces or C(_.:=+-@), not starting with C(_sys_); values of at
        most 255 characters. (The Open Telekom Cloud reference documents keys up to 36 and values up to 43 characters.)
    type: dict
    version_added: 1.0.0
  purge_tags:
    description:
      - Remove the tags of the instance that O(tags) does not name. Only when O(tags) is set.
    type: bool
    default: true
    version_added: 1.0.0
  port:
    description:
      - Database port, 2100 to 9500, or 27017, 27018 or 27019. The service uses 8635 when it is not set.
      - Changed in place on an existing instance (DDS UpdatePort).
    type: int
  disk_encryption_id:
    description:
      - KMS key ID (a UUID) that encrypts the disks. Disks are not encrypted when it is not set.
    type: str
  flavor:
    description:
      - The nodes, one entry per node type; which types a mode needs is described at O(mode).
      - Required with O(state=present).
      - On an existing instance, a new O(flavor[].spec_code) resizes that node type in place (DDS ResizeInstance, for each
        mongos node, the shard groups in one call, the config group, or the replica set or single node); a larger
        O(flavor[].size) enlarges the disks (DDS ResizeInstanceVolume, one call per shard group); a larger
        O(flavor[].num) of V(mongos) or V(shard) adds nodes or shard groups of the given spec (DDS AddShardingNode).
        A smaller size or fewer nodes fail before any write.
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
      - Changed in place on an existing instance (DDS SetBackupPolicy). The list answer carries the window and the days
        kept, so a converged run makes no extra request. The backup weekdays are kept as they are (read with one GET of
        the policy when a change keeps backups 7 days or more; 1 to 6 days always means every day).
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
      - When set, switched in place on an existing instance that differs (DDS SwitchSsl).
    type: bool
  enterprise_project_id:
    description:
      - Enterprise project ID. Used only at creation.
    type: str
  drift:
    description:
      - An existing instance that differs from the task is changed in place, one call per changed option (per node group
        or mongos node for O(flavor)), in this order, each waited for before the next; O(flavor) spec codes (resize),
        O(flavor) disk sizes (enlarge only), O(flavor) mongos and shard counts (add only), O(port),
        O(security_group_id), O(ssl_option), O(backup_strategy), O(password) (with O(update_password=always)),
        O(tags) (remove, then add). With O(wait=false) the last one is not waited for.
        The result's C(actions) lists them; check mode plans them without writing.
      - Options that cannot be changed in place (O(mode), O(datastore), O(region), O(availability_zone), O(vpc_id),
        O(subnet_id), O(disk_encryption_id), other node types, the config group's size, ...) are drift.
        V(fail) fails the task before any write and lists every drifted option with the wanted and found values;
        V(warn) warns and still applies the changes that can be made in place (the diff shows the drift);
        V(ignore) does the same without the warning. A smaller disk or fewer mongos or shard nodes fail before any write.
    type: str
    choices: [fail, warn, ignore]
    default: fail
  restore_from:
    description:
      - Create the instance by restoring another instance's backup or point in time (DDS RestoreNewInstance) instead of
        creating an empty one. The new instance must have the source's mode and version (O(mode), O(datastore.version));
        the API refuses node sizes smaller than the source's. The restore request takes no port and no tags, so
        O(port) and O(tags) are set once the restored instance is ready.
      - Used only when no instance named O(name) exists; a converged re-run finds the instance by name with one request and
        looks nothing else up (the restore point is not compared; the instance does not report it).
      - The result's C(restore_point) reports the source and the backup or time restored.
    type: dict
    version_added: 1.0.0
    suboptions:
      source_name:
        description:
          - Exact name of the source instance. Mutually exclusive with O(restore_from.source_id); one of them is required.
            More than one instance with this name fails the task and lists their IDs.
        type: str
      source_id:
        description:
          - ID of the source instance. Mutually exclusive with O(restore_from.source_name).
        type: str
      backup_id:
        description:
          - Restore this backup of the source. It must be C(COMPLETED).
          - Exactly one of O(restore_from.backup_id), O(restore_from.backup_name), O(restore_from.backup) and
            O(restore_from.restore_time) is required.
        type: str
      backup_name:
        description:
          - Restore the source's backup with this exact name. It must be C(COMPLETED); more than one backup with the name fails.
        type: str
      backup:
        description:
          - V(latest) restores the newest C(COMPLETED) backup of the source (by end time).
        type: str
        choices: [latest]
      restore_time:
        description:
          - Point in time to restore, as epoch milliseconds (for example V(1714559400000)) or as an ISO 8601 timestamp with a
            time zone (V(2024-05-01T10:30:00Z), V(2024-05-01T12:30:00+02:00)). Timestamps without a time zone are refused,
            a time in the future fails before any request.
          - It must lie inside one of the ranges the source reports as restorable (ListRestoreTimes, asked with C(date)).
        type: raw
  final_backup_name:
    description:
      - With O(state=absent), the name of a manual backup to take of the instance before it is deleted (DDS CreateManualBackup).
        The backup is waited for until it is C(COMPLETED) (within O(wait_timeout)); only then is the instance deleted.
        If the backup fails or does not complete in time, the task fails naming the backup and nothing is deleted.
      - An existing C(COMPLETED) manual backup of the instance with this name is reused (no second backup is taken).
        Manual backups outlive their instance; a re-run after the delete finds no instance and is V(changed=false).
      - 4 to 64 characters, a letter first, then letters, digits, C(-) and C(_).
      - Check mode plans the backup and the delete without writing.
    type: str
    version_added: 1.0.0
extends_documentation_fragment:
  - hwcloud.dbaas.auth
  - hwcloud.dbaas.auth.WAIT_LONG
attributes:
  check_mode:
    support: full
    description: Reports what would be created, changed (C(actions)) or deleted; sends no write request.
  diff_mode:
    support: full
    description: Shows the compared options before and after.
notes:
  - The statuses C(frozen), C(data_disk_full) and C(enlargefail) do not change by waiting; an existing instance in one of them is returned
    with a warning. C(createfail) and C(abnormal) fail the task. A larger disk is asked for also in C(data_disk_full).
  - DDS reports work under way in the instance's C(actions) rather than in its status; each change is waited for
    through its job.
seealso:
  - module: hwcloud.dbaas.dds_flavor_info
  - module: hwcloud.dbaas.dds_instance_info
  - module: hwcloud.dbaas.instance_wait
  - ref: ansible_collections.hwcloud.dbaas.docsite.dds_instance
    description: DDS clusters, their modes, node groups and changes.
  - ref: ansible_collections.hwcloud.dbaas.docsite.auth
    description: Credentials, clouds.yaml clouds, the platform and the region.
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

- name: Grow the cluster in place, keep backups longer and tag it
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
    flavor:
      - {type: mongos, num: 3, spec_code: dds.mongodb.s6.xlarge.4.mongos}
      - {type: shard, num: 2, storage: ULTRAHIGH, size: 40, spec_code: dds.mongodb.s6.large.4.shard}
      - {type: config, num: 1, storage: ULTRAHIGH, size: 20, spec_code: dds.mongodb.s6.large.2.config}
    backup_strategy:
      start_time: "08:15-09:15"
      keep_days: 14
    tags:
      cost-center: catalog
  register: grown

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
  contains:
    id:
      description: Instance ID.
      type: str
    name:
      description: Instance name.
      type: str
    status:
      description: Status, for example V(creating), V(normal), V(abnormal), V(createfail), V(frozen), V(data_disk_full) or V(enlargefail).
      type: str
    mode:
      description: V(Sharding), V(ReplicaSet) or V(Single).
      type: str
    datastore:
      description: The DB engine.
      type: dict
      contains:
        type:
          description: V(DDS-Community).
          type: str
        version:
          description: The MongoDB-compatible version, for example V(4.0).
          type: str
        storage_engine:
          description:
            - V(wiredTiger) or V(rocksDB).
            - The list API reports the storage engine in C(engine), not in C(datastore); the module copies it here.
          type: str
          returned: when the API reports it
    flavor:
      description:
        - The nodes in the shape of the create request, ordered mongos, shard, config, replica, single; derived from C(groups)
          for a listed instance.
      type: list
      elements: dict
      contains:
        type:
          description: V(mongos), V(shard), V(config), V(replica) or V(single).
          type: str
        num:
          description: Number of mongos nodes, or of shard, config, replica set or single node groups.
          type: int
        size:
          description: Disk size in GB of each group; not for mongos.
          type: int
          returned: except for mongos
        spec_code:
          description: The flavor of the nodes, for example V(dds.mongodb.s6.large.4.shard).
          type: str
    groups:
      description: The node groups as the list API reports them.
      type: list
      elements: dict
      returned: for a listed instance
      contains:
        type:
          description: V(mongos), V(shard), V(config), V(replica) or V(single).
          type: str
        id:
          description: Group ID.
          type: str
        name:
          description: Group name.
          type: str
        status:
          description: Group status.
          type: str
        volume:
          description: The group's disk, C(size) and C(used) in GB (as strings).
          type: dict
        nodes:
          description: The nodes of the group, each with C(id), C(name), C(status), C(role), C(private_ip), C(spec_code) and C(availability_zone).
          type: list
          elements: dict
    port:
      description: Database port, as an integer.
      type: int
    region:
      description: Region of the instance.
      type: str
    availability_zone:
      description:
        - Availability zone, or zones comma-separated.
        - The list API reports a zone per node (C(groups[].nodes[].availability_zone)), none for the instance; the
          module reports the zones of the nodes, each once, a primary node's first. A create answer (O(wait=false)) has the zones of the request.
      type: str
      returned: when the API reports it
    vpc_id:
      description: ID of the VPC.
      type: str
    subnet_id:
      description: ID of the subnet.
      type: str
    security_group_id:
      description: ID of the security group.
      type: str
    ssl:
      description: V(1) when SSL is on, V(0) when it is off.
      type: int
      returned: when the API reports it
    backup_strategy:
      description: The automated backup policy.
      type: dict
      contains:
        start_time:
          description: Backup window, C(hh:mm-HH:MM) in UTC.
          type: str
        keep_days:
          description: Days automated backups are kept.
          type: int
    engine:
      description: Storage engine of the instance, for example V(wiredTiger).
      type: str
      returned: when the API reports it
    time_zone:
      description: Time zone of the instance.
      type: str
      returned: when the API reports it
    enterprise_project_id:
      description: Enterprise project ID (V(0) for the default project).
      type: str
      returned: when the API reports it
    pay_mode:
      description: V(0) for pay-per-use, V(1) for yearly/monthly.
      type: str
      returned: when the API reports it
    created:
      description: Creation time.
      type: str
      returned: when the API reports it
    updated:
      description: Time of the last change.
      type: str
      returned: when the API reports it
    tags:
      description: Tags of the instance, tag key to tag value.
      type: dict
      returned: when the API reports them
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
actions:
  description:
    - The operations that changed (or, in check mode, would change) the existing instance, in the order they ran.
      Empty when nothing was to change; absent after a create or a delete.
  returned: when the instance existed and O(state=present)
  type: list
  elements: dict
  contains:
    action:
      description: V(resize_flavor), V(enlarge_volume), V(add_nodes), V(update_port), V(update_security_group),
        V(switch_ssl), V(set_backup_policy), V(reset_password), V(remove_tags) or V(add_tags).
      type: str
    option:
      description: The module option the operation changes.
      type: str
    type:
      description: For O(flavor), the node type changed (V(mongos), V(shard), V(config), V(replica) or V(single)).
      type: str
      returned: for resize_flavor, enlarge_volume and add_nodes
    target:
      description: For O(flavor), the mongos node ID or the shard or config group ID(s) the call names.
      type: raw
      returned: for a resize or enlarge of part of a cluster
    from:
      description: The value before (for O(flavor), the spec code, disk size or count; C(null) for the password).
      type: raw
    to:
      description: The value after (C(null) for the password and for tags removed).
      type: raw
  sample: [{action: resize_flavor, option: flavor, type: shard, target: [gr1, gr2], from: dds.mongodb.s6.large.4.shard,
            to: dds.mongodb.s6.xlarge.4.shard}, {action: add_tags, option: tags, from: {}, to: {cost-center: catalog}}]
restore_point:
  description:
    - With O(restore_from), when the instance was created by this task (or would be, in check mode), the restore point used.
  returned: when an instance was restored
  type: dict
  contains:
    instance_id:
      description: ID of the source instance.
      type: str
    source_name:
      description: Name of the source instance.
      type: str
    type:
      description: V(backup) or V(timestamp).
      type: str
    backup_id:
      description: ID of the backup restored.
      type: str
      returned: when a backup was restored
    backup_name:
      description: Name of the backup restored.
      type: str
      returned: when a backup was restored
    backup_end_time:
      description: When the backup restored ended, as the service reports it.
      type: str
      returned: when a backup was restored
    restore_time:
      description: The point in time restored, in epoch milliseconds.
      type: int
      returned: when a point in time was restored
    restore_time_utc:
      description: The point in time restored, ISO 8601 in UTC.
      type: str
      returned: when a point in time was restored
final_backup:
  description:
    - The manual backup taken (or reused) before the delete, with C(changed) telling whether it was taken by this task.
    - In check mode, for a backup to take, the options that would be sent.
  returned: with O(final_backup_name) when an instance was deleted
  type: dict
  sample: {id: 9136fd2a9fcd405ea4674276ce36dae8br02, name: catalog-final, status: COMPLETED, type: manual, changed: true}
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
    "update_password": {"type": "str", "choices": ["on_create", "always"], "default": "on_create"},
    "tags": {"type": "dict"},
    "purge_tags": {"type": "bool", "default": True},
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
    "restore_from": {"type": "dict", "options": {
        "source_name": {"type": "str"},
        "source_id": {"type": "str"},
        "backup_id": {"type": "str"},
        "backup_name": {"type": "str"},
        "backup": {"type": "str", "choices": ["latest"]},
        "restore_time": {"type": "raw"},
    }},
    "final_backup_name": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, wait_timeout=WAIT_TIMEOUT)
    module.run_flow(DdsInstances, validate_instance)


if __name__ == "__main__":
    main()
