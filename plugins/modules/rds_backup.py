#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: rds_backup
short_description: Take or delete a manual backup of an RDS instance (MySQL, PostgreSQL, SQL Server)
version_added: 1.0.0
description:
  - Ensures that a manual (full) backup with the given exact name of an RDS v3 instance exists (O(state=present)) or does
    not (O(state=absent)).
  - The instance is named by O(instance_name) (exact) or O(instance_id); more than one instance with that name fails the
    task and lists their IDs. The backup is looked up by its exact name in that instance's manual backups.
  - With O(state=present) a missing backup is taken and, with O(wait=true), waited for until it is C(COMPLETED); a backup
    that ends C(FAILED) fails the task, naming it. An existing backup is never taken again and never changed.
  - With O(state=absent) only the named backup is deleted. Manual backups outlive their instance, so with O(instance_id)
    a backup of a deleted instance is found and deleted too.
  - 'A converged run costs 2 requests with O(state=present) (the instance lookup and one backup list) and with
    O(state=absent) and O(instance_name); 1 request (the backup list) with O(state=absent) and O(instance_id). These
    counts hold up to 100 manual backups per instance (one page of the list).'
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  name:
    description:
      - Backup name, 4 to 64 characters, starting with a letter; letters, digits, C(-) and C(_). Case-sensitive.
      - The name rules are checked before any request with O(state=present).
    type: str
    required: true
  state:
    description:
      - V(present) takes the backup when it is missing; V(absent) deletes it when it exists.
    type: str
    choices: [present, absent]
    default: present
  instance_name:
    description:
      - Exact name of the instance the backup belongs to. Mutually exclusive with O(instance_id); one of them is required.
      - With O(state=absent), an instance of that name that no longer exists leaves nothing to find; the task reports
        no change and warns. Use O(instance_id) for the backups of a deleted instance.
    type: str
  instance_id:
    description:
      - ID of the instance the backup belongs to.
    type: str
  description:
    description:
      - Backup description, at most 256 characters, none of C(>!<"&'=). Used only when the backup is taken; an existing
        backup is not changed (a different description is reported as a warning).
    type: str
  wait:
    description:
      - Wait until a new backup is C(COMPLETED) (or a deleted one is gone, for O(state=absent)). An existing backup that
        is still C(BUILDING) is waited for too.
      - With V(false) the module returns as soon as the request is accepted.
    type: bool
    default: true
extends_documentation_fragment:
  - hwcloud.dbaas.auth
  - hwcloud.dbaas.auth.WAIT
attributes:
  check_mode:
    support: full
    description: Reports whether the backup would be taken or deleted; sends no write request.
  diff_mode:
    support: full
    description: Shows the backup's name, instance and description before and after.
notes:
  - Read replicas cannot be backed up (RDS v3 CreateManualBackup); naming one fails the task before the backup request.
  - The instance shows the status C(BACKING UP) while the backup is taken; M(hwcloud.dbaas.rds_instance) accepts that
    status without waiting.
  - Uses RDS v3 ListInstances, ListBackups, CreateManualBackup and DeleteManualBackup.
seealso:
  - module: hwcloud.dbaas.rds_backup_info
  - module: hwcloud.dbaas.rds_instance
'''

EXAMPLES = r'''
- name: A manual backup before an upgrade
  hwcloud.dbaas.rds_backup:
    region: eu-de
    instance_name: orders-db
    name: orders-db-before-upgrade
    description: taken before the upgrade to 8.0
  register: backup

- name: Show its ID
  ansible.builtin.debug:
    msg: "{{ backup.backup.id }} is {{ backup.backup.status }}"

- name: Delete it again, also after the instance itself was deleted
  hwcloud.dbaas.rds_backup:
    region: eu-de
    instance_id: b0468a4a57904a4f84429030e52369e6in01
    name: orders-db-before-upgrade
    state: absent
'''

RETURN = r'''
backup:
  description:
    - The backup as RDS v3 ListBackups reports it after the task (after waiting, when O(wait=true)).
    - With O(state=absent), the backup that was deleted; empty when there was none.
    - In check mode, for a missing backup, the name, instance ID and description that would be sent.
  returned: always
  type: dict
  contains:
    id:
      description: Backup ID.
      type: str
      sample: 43e4feaab48f11e89039fa163ebaa7e4br01
    name:
      description: Backup name.
      type: str
      sample: orders-db-before-upgrade
    instance_id:
      description: ID of the instance the backup was taken of.
      type: str
      sample: b0468a4a57904a4f84429030e52369e6in01
    status:
      description: V(BUILDING), V(COMPLETED), V(FAILED) or V(DELETING).
      type: str
      sample: COMPLETED
    type:
      description: V(manual) for the backups of this module.
      type: str
      sample: manual
    begin_time:
      description: When the backup started (as the API reports it).
      type: str
      sample: "2026-11-20T10:30:00+0000"
    end_time:
      description: When the backup ended; empty or missing while it is C(BUILDING).
      type: str
      sample: "2026-11-20T10:41:12+0000"
    size:
      description: Backup size in KB.
      type: int
      sample: 2803
    datastore:
      description: The engine of the backed-up instance.
      type: dict
      contains:
        type:
          description: V(MySQL), V(PostgreSQL) or V(SQLServer).
          type: str
        version:
          description: The engine version.
          type: str
  sample:
    id: 43e4feaab48f11e89039fa163ebaa7e4br01
    name: orders-db-before-upgrade
    instance_id: b0468a4a57904a4f84429030e52369e6in01
    status: COMPLETED
    type: manual
    begin_time: "2026-11-20T10:30:00+0000"
    end_time: "2026-11-20T10:41:12+0000"
    size: 2803
    datastore: {type: MySQL, version: "8.0"}
actions:
  description: Always empty; a backup is never changed in place.
  returned: when the backup existed and O(state=present)
  type: list
  elements: dict
  sample: []
job_id:
  description: RDS v3 CreateManualBackup and DeleteManualBackup start no job, so this is always null.
  returned: when a create or delete request was sent
  type: str
  sample: null
diff:
  description: The backup's name, instance ID and description before and after the task.
  returned: always
  type: dict
error:
  description:
    - Details of the failure; C(status), C(code), C(message) and C(request_id) for API errors,
      C(option) and C(rule) for invalid input.
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.backups import RdsBackups, validate_backup

ARGUMENT_SPEC = {
    "name": {"type": "str", "required": True},
    "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    "instance_name": {"type": "str"},
    "instance_id": {"type": "str"},
    "description": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, mutually_exclusive=[("instance_name", "instance_id")],
                         required_one_of=[("instance_name", "instance_id")])
    module.run_flow(RdsBackups, validate_backup)


if __name__ == "__main__":
    main()
