#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: rds_backup_info
short_description: List the backups of an RDS instance
version_added: 1.0.0
description:
  - Lists the backups of one RDS v3 instance, named by exact O(instance_name) or by O(instance_id), newest first.
  - Nothing matching gives an empty list, not a failure; so does an O(instance_name) that no instance has. More than one
    instance with that name fails the task and lists their IDs.
  - Manual backups outlive their instance; with O(instance_id) the backups of a deleted instance are listed too.
  - Costs 1 request with O(instance_id) and 2 with O(instance_name) (the instance lookup first), per 100 backups.
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  instance_name:
    description:
      - Exact name of the instance whose backups are listed. Mutually exclusive with O(instance_id); one of them is
        required (RDS v3 ListBackups lists the backups of one instance).
    type: str
  instance_id:
    description:
      - ID of the instance whose backups are listed.
    type: str
  name:
    description:
      - Only the backups with this exact name.
    type: str
  type:
    description:
      - Only backups of this type (sent to the API as C(backup_type)). V(auto) automated full backups, V(manual) manual
        full backups, V(fragment) differential full backups, V(incremental) automated incremental backups.
    type: str
    choices: [auto, manual, fragment, incremental]
  status:
    description:
      - Only backups in one of these statuses (compared here; the API filters the status of SQL Server backups only).
    type: list
    elements: str
    choices: [BUILDING, COMPLETED, FAILED, DELETING]
extends_documentation_fragment:
  - hwcloud.dbaas.auth
attributes:
  check_mode:
    support: full
    description: Read-only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing is changed, so there is no difference to show.
notes:
  - Uses RDS v3 ListInstances (for O(instance_name)) and ListBackups.
seealso:
  - module: hwcloud.dbaas.rds_backup
  - module: hwcloud.dbaas.rds_instance_info
'''

EXAMPLES = r'''
- name: The manual backups of an instance that completed
  hwcloud.dbaas.rds_backup_info:
    region: eu-de
    instance_name: orders-db
    type: manual
    status: COMPLETED
  register: completed

- name: Show the newest one
  ansible.builtin.debug:
    msg: "{{ completed.backups[0].name if completed.backups else 'no completed manual backup yet' }}"

- name: The backups of a deleted instance, by its ID
  hwcloud.dbaas.rds_backup_info:
    region: eu-de
    instance_id: b0468a4a57904a4f84429030e52369e6in01
  register: kept
'''

RETURN = r'''
backups:
  description: The matching backups as RDS v3 ListBackups reports them, newest first (by end time); empty when none match.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Backup ID.
      type: str
    name:
      description: Backup name.
      type: str
    instance_id:
      description: ID of the instance the backup was taken of.
      type: str
    type:
      description: V(auto), V(manual), V(fragment) or V(incremental).
      type: str
    status:
      description: V(BUILDING), V(COMPLETED), V(FAILED) or V(DELETING).
      type: str
    begin_time:
      description: When the backup started.
      type: str
    end_time:
      description: When the backup ended; empty or missing while it is C(BUILDING).
      type: str
    size:
      description: Backup size in KB.
      type: int
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
    - id: 43e4feaab48f11e89039fa163ebaa7e4br01
      name: orders-db-before-upgrade
      instance_id: b0468a4a57904a4f84429030e52369e6in01
      type: manual
      status: COMPLETED
      begin_time: "2026-11-20T10:30:00+0000"
      end_time: "2026-11-20T10:41:12+0000"
      size: 2803
      datastore: {type: MySQL, version: "8.0"}
error:
  description: Details of the failure (C(status), C(code), C(message), C(request_id) for API errors).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.backups import rds_backup_infos

ARGUMENT_SPEC = {
    "instance_name": {"type": "str"},
    "instance_id": {"type": "str"},
    "name": {"type": "str"},
    "type": {"type": "str", "choices": ["auto", "manual", "fragment", "incremental"]},
    "status": {"type": "list", "elements": "str", "choices": ["BUILDING", "COMPLETED", "FAILED", "DELETING"]},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False, mutually_exclusive=[("instance_name", "instance_id")],
                         required_one_of=[("instance_name", "instance_id")])
    module.run_info(rds_backup_infos, "backups")


if __name__ == "__main__":
    main()
