#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: rds_instance
short_description: Create or delete an RDS DB instance (MySQL, PostgreSQL, SQL Server), single or primary/standby
version_added: 1.0.0
description:
  - Ensures that an RDS DB instance with the given exact name exists (O(state=present)) or does not (O(state=absent)).
  - The instance is looked up by exact name. When it is missing it is created; when it exists, the options the task sets
    are compared with what the cloud reports and nothing is written.
  - An existing instance that differs in an option this module cannot change fails the task (see O(drift)).
  - More than one instance with the name fails the task and lists their IDs.
  - With O(api_version=v1) the older RDS v1 API is used. The options are the
    same; the module builds the camelCase v1 body from them and returns the instance with the v3 field names. When the
    primary of a new v1 primary/standby pair ends C(FAILED), the instance is queried and deleted through its standby
    from then on, as the v1 API requires; the result says so in RV(standby_fallback).
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  name:
    description:
      - DB instance name, 4 to 64 characters, starting with a letter; letters, digits, C(-) and C(_). Case-sensitive.
    type: str
    required: true
  state:
    description:
      - V(present) creates the instance when it is missing; V(absent) deletes it when it exists.
    type: str
    choices: [present, absent]
    default: present
  engine:
    description:
      - DB engine. Required with O(state=present).
    type: str
    choices: [mysql, postgresql, sqlserver]
  engine_version:
    description:
      - Engine version. MySQL V(5.6), V(5.7), V(8.0); PostgreSQL V(9.5), V(9.6), V(10) to V(15);
        SQL Server V(2017_SE), V(2017_EE), V(2019_SE), V(2019_EE), V(2022_SE), V(2022_EE).
      - A full version as the lists report it is accepted too, for example V(5.7.17). An existing instance matches when
        its version or full version equals this value or belongs to this family (V(5.7) matches an instance that runs
        V(5.7.17)); RDS v1 lists the full version only.
      - The create asks for the major version (V(5.7) for V(5.7.17)); the service picks the minor release. With a full version,
        an instance created on another minor release is then reported as drift; use the major version unless that is wanted.
    type: str
  ha_mode:
    description:
      - V(single) for a single instance, V(ha) for a primary/standby pair. V(ha) needs O(replication_mode) and two
        O(availability_zone) entries. SQL Server Enterprise Edition versions support only V(ha).
    type: str
    choices: [single, ha]
    default: single
  replication_mode:
    description:
      - Replication of the standby. MySQL V(async) or V(semisync); PostgreSQL V(async) or V(sync); SQL Server V(sync).
    type: str
    choices: [async, semisync, sync]
  flavor:
    description:
      - Specification code (C(flavor_ref)), for example V(rds.mysql.s1.large) or V(rds.mysql.s1.large.ha).
    type: str
  volume_type:
    description:
      - Storage type, case-sensitive. V(COMMON) (SATA) or V(ULTRAHIGH) (ultra-high I/O); some regions offer V(CLOUDSSD) and V(ESSD).
    type: str
  volume_size:
    description:
      - Storage size in GB, 40 to 4000, a multiple of 10.
    type: int
  availability_zone:
    description:
      - Availability zones, one for O(ha_mode=single), two (primary, standby) for O(ha_mode=ha).
      - With O(api_version=v1), O(ha_mode=ha) takes one zone (the API places the standby) or two.
      - A comma-separated string is accepted too.
      - Not compared with an existing instance (a switchover moves the primary into the standby's zone); changing
        O(ha_mode) from V(single) to V(ha) places the new standby in the last zone.
    type: list
    elements: str
  vpc_id:
    description:
      - VPC ID.
    type: str
  subnet_id:
    description:
      - Subnet (network) ID.
    type: str
  security_group_id:
    description:
      - Security group ID.
    type: str
  port:
    description:
      - Database port. MySQL 1024 to 65535 except 12017 and 33071 (default 3306); PostgreSQL 2100 to 9500 (default 5432);
        SQL Server 1433 or 2100 to 9500 except 5355 and 5985 (default 1433).
    type: int
  password:
    description:
      - Database administrator password. 8 to 32 characters with at least three of upper-case
        letters, lower-case letters, digits and special characters. Special characters allowed
        for MySQL C(~!@#$%^*-_=+?,()&), for PostgreSQL C(~!@#$%^*-_=+?,), for SQL Server C(~!@#$%^*-_+?,).
      - Required to create the instance; with O(update_password=on_create) not needed once it exists.
      - Never compared, returned or logged.
    type: str
  update_password:
    description:
      - V(on_create) uses O(password) only to create the instance.
      - V(always) resets the administrator password to O(password) on every run that sets it (RDS v3 ResetPwd). The
        service never returns the password, so such a run always reports C(changed=true).
    type: str
    choices: [on_create, always]
    default: on_create
    version_added: 1.0.0
  tags:
    description:
      - Tags of the instance, key to value. Sent with the create, and added or removed on an existing instance (RDS v3
        BatchTagAddAction / BatchTagDelAction, at most one call each). The list answer carries them, so a converged run
        makes no extra request.
      - At most 20 tags; keys of 1 to 128 letters, digits, spaces or C(_.:=+-@), not starting with C(_sys_); values of at
        most 255 characters. Not supported with O(api_version=v1).
    type: dict
    version_added: 1.0.0
  purge_tags:
    description:
      - Remove the tags of the instance that O(tags) does not name. Only when O(tags) is set.
    type: bool
    default: true
    version_added: 1.0.0
  backup_strategy:
    description:
      - Automated backup policy.
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
          - Days to keep automated backups, 0 to 732. V(0) disables automated backups (not allowed for SQL Server V(ha)).
        type: int
  time_zone:
    description:
      - Time zone, for example V(UTC+08:00).
    type: str
  configuration_id:
    description:
      - ID of the parameter template. Sent with the create.
      - On an existing instance (RDS v3), the template is applied (RDS v3 EnableConfiguration) when one of its parameter
        values differs from the instance's. The list answer does not say which template an instance uses, so a task that
        sets this option reads the template and the instance's parameters (RDS v3 ShowConfiguration and
        ShowInstanceConfiguration, two extra requests); tasks without it make neither.
      - When applied parameters need a restart to take effect, the module warns and returns C(restart_required=true); it
        restarts the instance only with O(restart=true). A template applied by an earlier run whose restart is still
        pending is not detected (the instance reports the new values).
    type: str
  restart:
    description:
      - Allow the module to restart the instance (RDS v3 StartInstanceRestartAction) after applying O(configuration_id)
        when the applied parameters need it. The instance is unavailable while it restarts.
      - Never restarts otherwise.
    type: bool
    default: false
    version_added: 1.0.0
  disk_encryption_id:
    description:
      - KMS key ID for disk encryption.
    type: str
  collation:
    description:
      - Character set collation, SQL Server only.
    type: str
  lower_case_table_names:
    description:
      - MySQL only. V(1) stores table names in lower case (case-insensitive, the default); V(0) keeps them case-sensitive.
        Cannot be changed after creation.
    type: int
    choices: [0, 1]
  enterprise_project_id:
    description:
      - Enterprise project ID.
    type: str
  charge_mode:
    description:
      - Billing mode. The API creates pay-per-use instances only.
    type: str
    choices: [postPaid]
    default: postPaid
  drift:
    description:
      - An existing instance that differs from the task is changed in place, one call per changed option, in this
        order, each waited for before the next; O(flavor) (resize), O(volume_size) (enlarge only), O(ha_mode) (V(single)
        to V(ha) only, the standby in the last of O(availability_zone)), O(port), O(security_group_id),
        O(backup_strategy), O(password) (with O(update_password=always)), O(tags) (remove, then add),
        O(configuration_id) (apply the template, then restart when O(restart=true) allows it).
        The result's C(actions) lists them; check mode plans them without writing.
      - Options that cannot be changed in place (O(engine), O(engine_version), O(volume_type), O(vpc_id), O(subnet_id),
        O(time_zone), O(disk_encryption_id), O(replication_mode), ...) are drift.
        V(fail) fails the task before any write and lists every drifted option with the wanted and found values;
        V(warn) warns and still applies the changes that can be made in place (the diff shows the drift);
        V(ignore) does the same without the warning. A smaller disk or V(ha) to V(single) fails before any write.
      - With O(api_version=v1) nothing is changed in place (the v1 API has no such calls); every difference is drift.
    type: str
    choices: [fail, warn, ignore]
    default: fail
  restore_from:
    description:
      - Create the instance by restoring another instance's backup or point in time (RDS v3 CreateRestoreInstance, with O(api_version=v3)
        only) instead of creating an empty one. The new instance must have the source's engine and engine version (O(engine), O(engine_version));
        the API refuses a volume smaller than the source's. O(lower_case_table_names) cannot be set.
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
      - With O(state=absent), the name of a manual backup to take of the instance before it is deleted (RDS v3 CreateManualBackup).
        The backup is waited for until it is C(COMPLETED) (within O(wait_timeout)); only then is the instance deleted.
        If the backup fails or does not complete in time, the task fails naming the backup and nothing is deleted.
      - An existing C(COMPLETED) manual backup of the instance with this name is reused (no second backup is taken).
        Manual backups outlive their instance; a re-run after the delete finds no instance and is V(changed=false).
      - 4 to 64 characters, a letter first, then letters, digits, C(-) and C(_).
      - Check mode plans the backup and the delete without writing.
      - With O(api_version=v3) only.
    type: str
    version_added: 1.0.0
  keep_last_manual_backup:
    description:
      - With O(api_version=v1) and O(state=absent), whether the delete keeps the instance's last manual backup
        (RDS v1 DeleteInstance C(keepLastManualBackup)). V(false) deletes it with the instance.
    type: bool
    default: true
    version_added: 1.0.0
extends_documentation_fragment:
  - hwcloud.dbaas.auth
  - hwcloud.dbaas.auth.WAIT
  - hwcloud.dbaas.rds_api
attributes:
  check_mode:
    support: full
    description: Reports what would be created or deleted; sends no write request.
  diff_mode:
    support: full
    description: Shows the compared options before and after.
seealso:
  - module: hwcloud.dbaas.rds_flavor_info
  - module: hwcloud.dbaas.rds_engine_info
  - module: hwcloud.dbaas.rds_instance_info
  - module: hwcloud.dbaas.rds_replica
  - module: hwcloud.dbaas.instance_wait
  - ref: ansible_collections.hwcloud.dbaas.docsite.user_guide
    description: The user guide, how each task finds, compares, changes and waits, and what is retried.
  - ref: ansible_collections.hwcloud.dbaas.docsite.auth
    description: Credentials, clouds.yaml clouds, the platform and the region.
'''

EXAMPLES = r'''
- name: A single MySQL 8.0 instance
  hwcloud.dbaas.rds_instance:
    name: orders-db
    region: eu-de
    engine: mysql
    engine_version: "8.0"
    flavor: rds.mysql.s1.large
    volume_type: ULTRAHIGH
    volume_size: 100
    availability_zone: eu-de-01
    vpc_id: 490a4a08-ef4b-44c5-94be-3051ef9e4fce
    subnet_id: 0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f
    security_group_id: 2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5
    password: "{{ vault_orders_db_password }}"
    backup_strategy:
      start_time: "08:15-09:15"
      keep_days: 12

- name: A PostgreSQL primary/standby pair across two AZs, created without waiting
  hwcloud.dbaas.rds_instance:
    name: billing-db
    region: eu-de
    engine: postgresql
    engine_version: "14"
    ha_mode: ha
    replication_mode: async
    flavor: rds.pg.s1.large.ha
    volume_type: ULTRAHIGH
    volume_size: 200
    availability_zone: [eu-de-01, eu-de-02]
    vpc_id: 490a4a08-ef4b-44c5-94be-3051ef9e4fce
    subnet_id: 0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f
    security_group_id: 2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5
    port: 5433
    password: "{{ vault_billing_db_password }}"
    wait: false
  register: billing

- name: Delete an instance
  hwcloud.dbaas.rds_instance:
    name: orders-db
    region: eu-de
    state: absent

- name: A MySQL primary/standby pair on the RDS v1 API of Open Telekom Cloud (camelCase API, /rds/v1 prefix)
  hwcloud.dbaas.rds_instance:
    name: legacy-db
    region: eu-de  # an Open Telekom Cloud region: platform otc, the /rds/v1 prefix
    api_version: v1
    engine: mysql
    engine_version: "5.7"
    ha_mode: ha
    replication_mode: async
    flavor: bf07a6d4-844a-4023-a776-fc5c5fb71fb4
    volume_type: COMMON
    volume_size: 100
    availability_zone: eu-de-01
    vpc_id: f7513b5d-5c48-4332-8f47-a3c29c2613e7
    subnet_id: 4a7d3555-6410-4338-8859-2be61d51662a
    security_group_id: bb62ffb9-a37a-4821-92b9-f9e0712e389f
    password: "{{ vault_legacy_db_password }}"
    backup_strategy:
      start_time: "01:00-02:00"
      keep_days: 3
  register: legacy

- name: Show which node answers for the pair
  ansible.builtin.debug:
    msg: "{{ legacy.standby_fallback | default('primary ' ~ legacy.instance.id ~ ' is healthy') }}"
'''

RETURN = r'''
instance:
  description:
    - The instance as the RDS v3 API reports it after the task (after waiting, when O(wait=true)).
    - With O(state=absent), the instance that was deleted; empty when there was none.
    - In check mode, for a missing instance, the options that would be sent.
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
      description: Status, for example V(BUILD), V(ACTIVE), V(FAILED), V(MODIFYING), V(BACKING UP) or V(STORAGE FULL).
      type: str
    type:
      description: V(Single), V(Ha) (primary/standby) or V(Replica) (read replica).
      type: str
    datastore:
      description: The DB engine.
      type: dict
      contains:
        type:
          description: V(MySQL), V(PostgreSQL) or V(SQLServer).
          type: str
        version:
          description: The major version, for example V(8.0).
          type: str
        complete_version:
          description: The full version, for example V(8.0.28).
          type: str
          returned: when the API reports it
    flavor_ref:
      description: The flavor (specification code), for example V(rds.mysql.s1.large).
      type: str
    volume:
      description: The data disk.
      type: dict
      contains:
        type:
          description: Disk type, for example V(ULTRAHIGH) or V(CLOUDSSD).
          type: str
        size:
          description: Size in GB.
          type: int
    region:
      description: Region of the instance.
      type: str
    availability_zone:
      description:
        - Availability zone, or the zones of a primary/standby pair comma-separated, the primary's first.
        - The list API reports a zone per node (C(nodes[].availability_zone)), none for the instance; the module
          reports the zones of the nodes, each once. A create answer (O(wait=false)) has the zones of the request.
      type: str
      returned: when the API reports it
    port:
      description: Database port; a number in lists, a string in a create answer (O(wait=false)).
      type: raw
    private_ips:
      description: Private IP addresses.
      type: list
      elements: str
    public_ips:
      description: Public (elastic) IP addresses.
      type: list
      elements: str
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
          description: Days automated backups are kept; V(0) when automated backups are off.
          type: int
    ha:
      description: Replication of a primary/standby pair.
      type: dict
      returned: for primary/standby instances
      contains:
        replication_mode:
          description: V(async), V(semisync) or V(sync).
          type: str
    related_instance:
      description: The source of a read replica (C(type) V(replica_of)) or the replicas of a primary (C(type) V(replica)).
      type: list
      elements: dict
      contains:
        id:
          description: ID of the related instance.
          type: str
        type:
          description: V(replica_of) or V(replica).
          type: str
    nodes:
      description: The nodes of the instance.
      type: list
      elements: dict
      returned: when the API reports it
      contains:
        id:
          description: Node ID.
          type: str
        name:
          description: Node name.
          type: str
        role:
          description: V(master), V(slave) or V(readreplica).
          type: str
        status:
          description: Node status.
          type: str
        availability_zone:
          description: Availability zone of the node.
          type: str
    time_zone:
      description: Time zone of the instance.
      type: str
      returned: when the API reports it
    enterprise_project_id:
      description: Enterprise project ID (V(0) for the default project).
      type: str
      returned: when the API reports it
    disk_encryption_id:
      description: ID of the KMS key the disk is encrypted with; empty when the disk is not encrypted.
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
      description: Creation time, for example V(2026-11-20T10:30:00+0000).
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
    id: dsfae23fsfdsae3435in01
    name: orders-db
    status: ACTIVE
    type: Single
    datastore: {type: MySQL, version: "8.0"}
    flavor_ref: rds.mysql.s1.large
    volume: {type: ULTRAHIGH, size: 100}
    region: eu-de
    port: 3306
    private_ips: [192.168.0.12]
actions:
  description:
    - The operations that changed (or, in check mode, would change) the existing instance, in the order they ran.
      Empty when nothing was to change; absent after a create or a delete.
  returned: when the instance existed and O(state=present)
  type: list
  elements: dict
  contains:
    action:
      description: V(resize_flavor), V(enlarge_volume), V(single_to_ha), V(update_port), V(update_security_group),
        V(set_backup_policy), V(reset_password), V(remove_tags), V(add_tags), V(apply_configuration) or V(restart).
      type: str
    option:
      description: The module option the operation changes.
      type: str
    from:
      description: The value before (C(null) for the password and a restart; for V(apply_configuration) the instance's values of the
        template's differing parameters).
      type: raw
    to:
      description: The value after (C(null) for the password, a restart and tags removed).
      type: raw
  sample: [{action: resize_flavor, option: flavor, from: rds.mysql.s1.large, to: rds.mysql.s1.xlarge}]
restart_required:
  description:
    - Whether parameters applied from O(configuration_id) wait for a restart that the task did not make (see O(restart)).
  returned: when O(configuration_id) was compared with an existing instance
  type: bool
  sample: false
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
  sample: {id: 43e4feaab48f11e89039fa163ebaa7e4br01, name: orders-final, status: COMPLETED, type: manual, changed: true}
job_id:
  description: ID of the create or delete job.
  returned: when a create or delete request was sent
  type: str
  sample: dff1d289-4d03-4942-8b9f-463ea07c000d
job_ids:
  description: IDs of all jobs a create started (an RDS v1 primary/standby pair starts one per node); all were waited for.
  returned: when a create started more than one job
  type: list
  elements: str
  sample: [8a3eb75e5577819f0155778220600001, ae3081675564ddf5357564f64a560025]
standby_fallback:
  description:
    - With O(api_version=v1), when the primary of the pair is C(FAILED); the v1 API then wants the instance queried and
      deleted through its standby. RV(instance) is the standby's record, and further queries and deletes use C(standby_id).
  returned: when the standby was followed
  type: dict
  contains:
    primary_id:
      description: ID of the primary that failed.
      type: str
    primary_status:
      description: Its status, V(FAILED).
      type: str
    standby_id:
      description: ID of the standby the module followed.
      type: str
    fail_reason:
      description: The failed job's C(fail_reason), when the job names one.
      type: str
      returned: when the job names one
  sample: {primary_id: b0468a4a-5790-4a4f-8442-9030e52369e6, primary_status: FAILED, standby_id: 9405d8b8-a87d-4531-bd3a-e504c8434281}
service:
  description:
    - The service that holds the instance, V(rds). Lets M(hwcloud.dbaas.instance_wait) read the registered results of a loop
      with O(wait=false).
  returned: always
  type: str
  sample: rds
api_version:
  description: V(v1) when the instance lives in the RDS v1 API (O(api_version=v1)), for M(hwcloud.dbaas.instance_wait).
  returned: with O(api_version=v1)
  type: str
  sample: v1
diff:
  description: The compared options before and after the task.
  returned: always
  type: dict
error:
  description: Details of the failure; C(status), C(code), C(message) and C(request_id) for API errors,
    C(option) and C(rule) for invalid input.
  returned: failed
  type: dict
  sample: {status: 400, code: DBS.280001, message: Invalid parameter, request_id: 0b7e0fd1c5a34b3e}
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import API_VERSIONS
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds import ENGINES
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds_v1 import instance_adapter, validate_any_instance

ARGUMENT_SPEC = {
    "name": {"type": "str", "required": True},
    "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    "engine": {"type": "str", "choices": list(ENGINES)},
    "engine_version": {"type": "str"},
    "ha_mode": {"type": "str", "choices": ["single", "ha"], "default": "single"},
    "replication_mode": {"type": "str", "choices": ["async", "semisync", "sync"]},
    "flavor": {"type": "str"},
    "volume_type": {"type": "str"},
    "volume_size": {"type": "int"},
    "availability_zone": {"type": "list", "elements": "str"},
    "vpc_id": {"type": "str"},
    "subnet_id": {"type": "str"},
    "security_group_id": {"type": "str"},
    "port": {"type": "int"},
    "password": {"type": "str", "no_log": True},
    "update_password": {"type": "str", "choices": ["on_create", "always"], "default": "on_create"},
    "tags": {"type": "dict"},
    "purge_tags": {"type": "bool", "default": True},
    "backup_strategy": {"type": "dict", "options": {
        "start_time": {"type": "str", "required": True},
        "keep_days": {"type": "int"},
    }},
    "time_zone": {"type": "str"},
    "configuration_id": {"type": "str"},
    "restart": {"type": "bool", "default": False},
    "disk_encryption_id": {"type": "str"},
    "collation": {"type": "str"},
    "lower_case_table_names": {"type": "int", "choices": [0, 1]},
    "enterprise_project_id": {"type": "str"},
    "charge_mode": {"type": "str", "choices": ["postPaid"], "default": "postPaid"},
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
    "keep_last_manual_backup": {"type": "bool", "default": True},
    "api_version": {"type": "str", "choices": list(API_VERSIONS), "default": "v3"},
    "v1_path_prefix": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC)
    module.run_flow(instance_adapter, validate_any_instance)


if __name__ == "__main__":
    main()
