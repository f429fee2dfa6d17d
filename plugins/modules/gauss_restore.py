#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: gauss_restore
short_description: Restore a GaussDB (openGauss) instance's backup or point in time to a new instance
version_added: 1.0.0
description:
  - Ensures that a GaussDB (openGauss) instance with the given exact name exists (O(state=present)), created by restoring
    the data of another instance (the source), or that it does not exist (O(state=absent)).
  - The instance is looked up by exact name first. When it exists, nothing is restored again and no request other than
    that one look-up is sent; the options the task sets are compared with what the cloud reports (see O(drift)).
  - When it is missing, the source is looked up (O(source_name) or O(source_id)) and the restore point is resolved,
    exactly one of O(backup_id), O(backup_name), O(backup=latest) (the newest C(COMPLETED) backup) or O(restore_time)
    (point-in-time recovery). Only C(COMPLETED) backups are restored. A O(restore_time) must lie inside one of the source's
    restorable time ranges; otherwise the task fails before the restore request and lists the ranges.
  - The engine version and the instance type of the new instance are those of the source; its flavor and storage must be
    at least those of the source.
  - All options are checked against the documented rules before any request is sent.
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  name:
    description:
      - Name of the new instance, 4 to 64 characters, starting with a letter; letters, digits, C(-) and C(_). Case-sensitive.
      - Must differ from O(source_name).
    type: str
    required: true
  state:
    description:
      - V(present) restores into a new instance when none with O(name) exists; V(absent) deletes the instance named O(name).
    type: str
    choices: [present, absent]
    default: present
  source_name:
    description:
      - Exact name of the source instance whose data is restored. Mutually exclusive with O(source_id); one of them is
        required with O(state=present). More than one instance with this name fails the task and lists their IDs.
    type: str
  source_id:
    description:
      - ID of the source instance. Mutually exclusive with O(source_name).
    type: str
  backup_id:
    description:
      - Restore this backup of the source. It must be C(COMPLETED).
      - Exactly one of O(backup_id), O(backup_name), O(backup) and O(restore_time) is required with O(state=present).
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
      - Point in time to restore (point-in-time recovery), as epoch milliseconds (for example V(1714559400000)) or as an
        ISO 8601 timestamp with a time zone (V(2024-05-01T10:30:00Z), V(2024-05-01T12:30:00+02:00)). Timestamps without
        a time zone are refused.
      - It must lie inside one of the ranges the source reports as restorable.
    type: raw
  flavor:
    description:
      - Specification code (C(flavor_ref)) of the new instance, for example V(gaussdb.opengauss.ee.dn.m6.2xlarge.8.in).
        At least the source's specification. Required with O(state=present).
    type: str
  volume_type:
    description:
      - Storage type. The restore API supports only V(ULTRAHIGH) (SSD).
    type: str
    choices: [ULTRAHIGH]
    default: ULTRAHIGH
  volume_size:
    description:
      - Storage in GB, at least the source's. A multiple of (O(sharding_num) x 40), from O(sharding_num) x 40 to
        O(sharding_num) x 16384. Required with O(state=present).
    type: int
  sharding_num:
    description:
      - Number of shards of the source (distributed instances). Used only to check O(volume_size); not sent.
    type: int
    default: 1
  availability_zone:
    description:
      - One availability zone (all three nodes are placed in it) or three (one per node, all different or all the same).
        A comma-separated string is accepted too. Required with O(state=present).
      - An existing instance is compared by the zones its nodes run in (the list API reports a zone per node, none for
        the instance), in any order; one zone matches nodes that are all in it, three match nodes in those three.
    type: list
    elements: str
  vpc_id:
    description:
      - VPC ID. Required with O(state=present).
    type: str
  subnet_id:
    description:
      - Subnet (network) ID. Required with O(state=present).
    type: str
  security_group_id:
    description:
      - Security group ID. Required with O(state=present).
    type: str
  password:
    description:
      - Administrator password of the new instance. 8 to 32 characters with at least three of upper-case letters,
        lower-case letters, digits and the special characters C(~!@#%^*-_=+?,).
      - Required to restore; with O(update_password=on_create) not needed once the instance exists. Never compared,
        returned or logged.
    type: str
  update_password:
    description:
      - V(on_create) uses O(password) only to restore. V(always) resets the administrator password to O(password) on
        every run that sets it (GaussDB ResetPwd); the password is never returned, so such a run always reports C(changed=true).
    type: str
    choices: [on_create, always]
    default: on_create
    version_added: 1.0.0
  tags:
    description:
      - Tags of the instance, key to value. The restore API takes none, so they are added once the new instance is ready
        (the module waits for it even with O(wait=false)); on an existing instance they are added or removed (GaussDB
        AddInstanceTags / BatchDeleteInstanceTag, at most one call each). The list answer carries them.
      - Keys of 1 to 128 letters, digits, spaces or C(_.:=+-@), not starting with C(_sys_); values of at most 255 characters.
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
      - Database port, 1024 to 39998. Not allowed are 8000 (the default) and 2378, 2379, 2380, 4999, 5000, 5999, 6000, 6001,
        8097, 8098, 12016, 12017, 20049, 20050, 21731, 21732, 32122, 32123 and 32124. When not set the service uses 8000.
    type: int
  time_zone:
    description:
      - Time zone, a full hour from V(UTC-12:00) to V(UTC+12:00), for example V(UTC+08:00). The service default is UTC.
    type: str
  enable_force_switch:
    description:
      - Allow forcibly promoting a standby node to primary when the primary fails, at the cost of possible data loss.
        Versions 1.2.2 and later.
    type: bool
  configuration_id:
    description:
      - Parameter template ID. The default template when not set.
    type: str
  backup_strategy:
    description:
      - Automated backup policy of the new instance.
    type: dict
    suboptions:
      start_time:
        description:
          - Backup window in UTC, C(hh:mm-HH:MM), ending one hour after it starts, minutes V(00), V(15), V(30) or V(45).
        type: str
      keep_days:
        description:
          - Days to keep automated backups, 0 to 732 (V(0) means the default, 7).
        type: int
  charge_mode:
    description:
      - Billing mode. The restore API creates pay-per-use instances only.
    type: str
    choices: [postPaid]
    default: postPaid
  drift:
    description:
      - An existing instance that differs from the task is changed in place, one call per changed option, in this
        order, each waited for before the next; O(flavor) (GaussDB ResizeInstancesFlavor), O(volume_size) (enlarge only),
        O(port), O(security_group_id), O(backup_strategy) (keeping the current period and differential period),
        O(password) (with O(update_password=always)), O(tags) (remove, then add). The result's C(actions) lists them;
        check mode plans them without writing.
      - Options that cannot be changed in place (O(volume_type), the availability zones, O(vpc_id), O(subnet_id),
        O(time_zone)) are drift. V(fail) fails the task before any write and lists every drifted option with the
        wanted and found values; V(warn) warns and still applies the changes that can be made in place;
        V(ignore) does the same without the warning. A smaller disk fails before any write.
    type: str
    choices: [fail, warn, ignore]
    default: fail
  final_backup_name:
    description:
      - With O(state=absent), the name of a manual backup to take of the instance before it is deleted (GaussDB CreateManualBackup).
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
    description: Looks up the source and resolves the backup or checks the point in time, reports them under RV(restore_point);
      sends no write request.
  diff_mode:
    support: full
    description: Shows the compared options before and after.
seealso:
  - module: hwcloud.dbaas.gauss_flavor_info
  - module: hwcloud.dbaas.gauss_backup_info
  - module: hwcloud.dbaas.gauss_instance_info
  - module: hwcloud.dbaas.instance_wait
  - ref: ansible_collections.hwcloud.dbaas.docsite.gauss_restore
    description: Restores of GaussDB (openGauss) backups and points in time.
'''

EXAMPLES = r'''
- name: Restore a backup, by ID
  hwcloud.dbaas.gauss_restore:
    name: orders-restored
    region: eu-de
    source_name: orders-gauss
    backup_id: 2f4ddb93b9014b0893d81d2e472f30febr14
    flavor: gaussdb.opengauss.ee.dn.m6.2xlarge.8.in
    volume_size: 160
    availability_zone: [eu-de-01, eu-de-02, eu-de-03]
    vpc_id: 490a4a08-ef4b-44c5-94be-3051ef9e4fce
    subnet_id: 0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f
    security_group_id: 2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5
    password: "{{ vault_gauss_password }}"
    port: 8635
    time_zone: UTC+01:00

- name: Restore a backup, by its name, into one availability zone
  hwcloud.dbaas.gauss_restore:
    name: orders-monthly
    region: eu-de
    source_id: d8e6ca5a624745bcb546a227aa3ae1cfin14
    backup_name: orders-gauss-2024-05-01
    flavor: gaussdb.opengauss.ee.dn.m6.2xlarge.8.in
    volume_size: 160
    availability_zone: eu-de-01
    vpc_id: 490a4a08-ef4b-44c5-94be-3051ef9e4fce
    subnet_id: 0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f
    security_group_id: 2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5
    password: "{{ vault_gauss_password }}"

- name: Restore the newest completed backup and show which one it would be (check mode)
  hwcloud.dbaas.gauss_restore:
    name: orders-latest
    region: eu-de
    source_name: orders-gauss
    backup: latest
    flavor: gaussdb.opengauss.ee.dn.m6.2xlarge.8.in
    volume_size: 160
    availability_zone: [eu-de-01, eu-de-02, eu-de-03]
    vpc_id: 490a4a08-ef4b-44c5-94be-3051ef9e4fce
    subnet_id: 0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f
    security_group_id: 2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5
    password: "{{ vault_gauss_password }}"
  check_mode: true
  register: planned

- name: Point-in-time recovery to 10:30 UTC
  hwcloud.dbaas.gauss_restore:
    name: orders-before-incident
    region: eu-de
    source_name: orders-gauss
    restore_time: "2024-05-01T10:30:00Z"
    flavor: gaussdb.opengauss.ee.dn.m6.2xlarge.8.in
    volume_size: 160
    availability_zone: [eu-de-01, eu-de-02, eu-de-03]
    vpc_id: 490a4a08-ef4b-44c5-94be-3051ef9e4fce
    subnet_id: 0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f
    security_group_id: 2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5
    password: "{{ vault_gauss_password }}"
    enable_force_switch: true
    wait_timeout: 7200

- name: Point-in-time recovery given as epoch milliseconds, without waiting
  hwcloud.dbaas.gauss_restore:
    name: orders-pitr
    region: eu-de
    source_name: orders-gauss
    restore_time: 1714559400000
    flavor: gaussdb.opengauss.ee.dn.m6.2xlarge.8.in
    volume_size: 160
    availability_zone: [eu-de-01, eu-de-02, eu-de-03]
    vpc_id: 490a4a08-ef4b-44c5-94be-3051ef9e4fce
    subnet_id: 0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f
    security_group_id: 2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5
    password: "{{ vault_gauss_password }}"
    wait: false

- name: Delete the restored instance
  hwcloud.dbaas.gauss_restore:
    name: orders-restored
    region: eu-de
    state: absent
'''

RETURN = r'''
instance:
  description:
    - The new instance as the GaussDB v3 API reports it after the task (after waiting, when O(wait=true)), or the existing one.
    - With O(state=absent), the instance that was deleted; empty when there was none.
    - In check mode, for a missing instance, the options that would be sent (without the password).
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
      description: Status, for example V(BUILD), V(ACTIVE), V(FAILED) or V(BACKING UP).
      type: str
    type:
      description: Deployment model, for example V(Enterprise) (distributed) or V(Ha) (primary/standby).
      type: str
      returned: when the API reports it
    datastore:
      description: The DB engine.
      type: dict
      contains:
        type:
          description: V(GaussDB).
          type: str
        version:
          description: The engine version, for example V(2.7).
          type: str
    flavor_ref:
      description: The flavor (specification code), for example V(gaussdb.opengauss.ee.dn.m6.2xlarge.8.in).
      type: str
    volume:
      description: The storage.
      type: dict
      contains:
        type:
          description: Disk type, for example V(ULTRAHIGH) or V(ESSD).
          type: str
        size:
          description: Size in GB.
          type: int
    ha:
      description: Deployment and replication.
      type: dict
      returned: when the API reports it
      contains:
        mode:
          description: V(enterprise) (distributed) or V(centralization_standard) (primary/standby).
          type: str
          returned: when the API reports it
        replication_mode:
          description: Replication mode, V(sync).
          type: str
        consistency:
          description: Transaction consistency, V(strong) or V(eventual).
          type: str
          returned: when the API reports it
    region:
      description: Region of the instance.
      type: str
    availability_zone:
      description:
        - Availability zones, comma-separated.
        - The list API reports a zone per node (C(nodes[].availability_zone)), none for the instance; the module
          reports the zones of the nodes, each once, the primary's first (V(eu-de-01) for an instance whose nodes are
          all in that zone). A create answer (O(wait=false)) has the zones of the request, one per node.
      type: str
      returned: when the API reports it
    port:
      description: Database port; the list API reports it as a string.
      type: raw
    private_ips:
      description: Private IP addresses.
      type: list
      elements: str
      returned: when the API reports them
    public_ips:
      description: Public (elastic) IP addresses.
      type: list
      elements: str
      returned: when the API reports them
    vpc_id:
      description: ID of the VPC.
      type: str
    subnet_id:
      description: ID of the subnet.
      type: str
    security_group_id:
      description: ID of the security group.
      type: str
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
    replica_num:
      description: Number of replicas of each shard.
      type: int
      returned: when the API reports it
    nodes:
      description: The nodes of the instance.
      type: list
      elements: dict
      returned: when the API reports them
      contains:
        id:
          description: Node ID.
          type: str
        name:
          description: Node name.
          type: str
        role:
          description: Node role, for example V(master) or V(slave).
          type: str
        status:
          description: Node status.
          type: str
        availability_zone:
          description: Availability zone of the node.
          type: str
    time_zone:
      description: Time zone, for example V(UTC+08:00).
      type: str
      returned: when the API reports it
    enterprise_project_id:
      description: Enterprise project ID (V(0) for the default project).
      type: str
      returned: when the API reports it
    charge_info:
      description: Billing mode.
      type: dict
      returned: when the API reports it
      contains:
        charge_mode:
          description: V(postPaid) (pay-per-use) or V(prePaid) (yearly/monthly).
          type: str
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
    id: 2gfdsh844a4023a776fc5c5fb71fb4in14
    name: orders-restored
    status: ACTIVE
    datastore: {type: GaussDB, version: "2.7"}
    flavor_ref: gaussdb.opengauss.ee.dn.m6.2xlarge.8.in
    volume: {type: ULTRAHIGH, size: 160}
    availability_zone: eu-de-01,eu-de-02,eu-de-03
    port: "8635"
restore_point:
  description:
    - The restore point that was used (or, in check mode, would be used). C(instance_id), C(type) and C(backup_id) or
      C(restore_time) are sent as they are; the other keys are for reading.
  returned: when a restore was requested or, in check mode, would be
  type: dict
  contains:
    instance_id:
      description: ID of the source instance.
      type: str
    type:
      description: V(backup) or V(timestamp).
      type: str
    backup_id:
      description: ID of the restored backup (type V(backup)).
      type: str
    backup_name:
      description: Name of the restored backup (type V(backup)).
      type: str
    backup_end_time:
      description: End time of the restored backup, as the service reports it (type V(backup)).
      type: str
    restore_time:
      description: Restored point in time in epoch milliseconds (type V(timestamp)).
      type: int
    restore_time_utc:
      description: The same point in time in ISO 8601 UTC (type V(timestamp)).
      type: str
    source_name:
      description: Name of the source instance.
      type: str
  sample: {instance_id: d8e6ca5a624745bcb546a227aa3ae1cfin14, type: backup, backup_id: 2f4ddb93b9014b0893d81d2e472f30febr14,
           backup_name: orders-gauss-2024-05-01, source_name: orders-gauss}
actions:
  description:
    - The operations that changed (or, in check mode, would change) the existing instance, in the order they ran.
  returned: when the instance existed and O(state=present)
  type: list
  elements: dict
  contains:
    action:
      description: V(resize_flavor), V(enlarge_volume), V(update_port), V(update_security_group), V(set_backup_policy),
        V(reset_password), V(remove_tags) or V(add_tags).
      type: str
    option:
      description: The module option the operation changes.
      type: str
    from:
      description: The value before.
      type: raw
    to:
      description: The value after.
      type: raw
  sample: [{action: enlarge_volume, option: volume_size, from: 160, to: 320}]
final_backup:
  description:
    - The manual backup taken (or reused) before the delete, with C(changed) telling whether it was taken by this task.
    - In check mode, for a backup to take, the options that would be sent.
  returned: with O(final_backup_name) when an instance was deleted
  type: dict
  sample: {id: 2f4ddb93b9014b0893d81d2e472f30fcbr14, name: orders-final, status: COMPLETED, type: manual, changed: true}
job_id:
  description: ID of the restore or delete job.
  returned: when a restore or delete request was sent
  type: str
  sample: dff1d289-4d03-4942-8b9f-463ea07c000d
service:
  description:
    - The service that holds the instance, V(gaussdb). Lets M(hwcloud.dbaas.instance_wait) read the registered results of a loop
      with O(wait=false).
  returned: always
  type: str
  sample: gaussdb
diff:
  description: The compared options before and after the task.
  returned: always
  type: dict
error:
  description: Details of the failure; C(status), C(code), C(message) and C(request_id) for API errors,
    C(option) and C(rule) for invalid input.
  returned: failed
  type: dict
  sample: {option: restore_time, rule: "has no time zone", message: "restore_time: has no time zone"}
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.gauss import GaussRestore, validate_restore

ARGUMENT_SPEC = {
    "name": {"type": "str", "required": True},
    "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    "source_name": {"type": "str"},
    "source_id": {"type": "str"},
    "backup_id": {"type": "str"},
    "backup_name": {"type": "str"},
    "backup": {"type": "str", "choices": ["latest"]},
    "restore_time": {"type": "raw"},
    "flavor": {"type": "str"},
    "volume_type": {"type": "str", "choices": ["ULTRAHIGH"], "default": "ULTRAHIGH"},
    "volume_size": {"type": "int"},
    "sharding_num": {"type": "int", "default": 1},
    "availability_zone": {"type": "list", "elements": "str"},
    "vpc_id": {"type": "str"},
    "subnet_id": {"type": "str"},
    "security_group_id": {"type": "str"},
    "password": {"type": "str", "no_log": True},
    "update_password": {"type": "str", "choices": ["on_create", "always"], "default": "on_create"},
    "tags": {"type": "dict"},
    "purge_tags": {"type": "bool", "default": True},
    "port": {"type": "int"},
    "time_zone": {"type": "str"},
    "enable_force_switch": {"type": "bool"},
    "configuration_id": {"type": "str"},
    "backup_strategy": {"type": "dict", "options": {
        "start_time": {"type": "str"},
        "keep_days": {"type": "int"},
    }},
    "charge_mode": {"type": "str", "choices": ["postPaid"], "default": "postPaid"},
    "drift": {"type": "str", "choices": ["fail", "warn", "ignore"], "default": "fail"},
    "final_backup_name": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, wait_timeout=3600)
    module.run_flow(GaussRestore, validate_restore)


if __name__ == "__main__":
    main()
