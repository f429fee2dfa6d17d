#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: dds_backup_info
short_description: List the backups of DDS (Document Database Service) instances
version_added: 1.0.0
description:
  - Lists DDS backups, newest first; those of one instance when O(instance_name) (exact) or O(instance_id) is set, else
    those of the whole project.
  - Nothing matching gives an empty list, not a failure; so does an O(instance_name) that no instance has. More than one
    instance with that name fails the task and lists their IDs.
  - Manual backups outlive their instance; with O(instance_id) the backups of a deleted instance are listed too.
  - The filters the API offers (type, name, one status) are sent to it and compared again here, exactly.
  - Costs 1 request, 2 with O(instance_name) (the instance lookup first), per 100 backups.
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  instance_name:
    description:
      - Exact name of the instance whose backups are listed. Mutually exclusive with O(instance_id).
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
      - Only backups of this type. V(auto) automated full backups, V(manual) manual full backups, V(incremental)
        automated incremental backups (these need O(instance_name) or O(instance_id)).
      - When not set, the API lists full backups only (automated and manual).
    type: str
    choices: [auto, manual, incremental]
  status:
    description:
      - Only backups in one of these statuses. V(DISABLED) is a backup being deleted.
    type: list
    elements: str
    choices: [BUILDING, COMPLETED, FAILED, DISABLED]
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
  - Uses DDS ListInstances (for O(instance_name)) and ListBackups.
seealso:
  - module: hwcloud.dbaas.dds_backup
  - module: hwcloud.dbaas.dds_instance_info
'''

EXAMPLES = r'''
- name: The completed manual backups of an instance
  hwcloud.dbaas.dds_backup_info:
    region: eu-de
    instance_name: catalog-rs
    type: manual
    status: COMPLETED
  register: completed

- name: Show the newest one
  ansible.builtin.debug:
    msg: "{{ completed.backups[0].name if completed.backups else 'no completed manual backup yet' }}"

- name: One backup by name, anywhere in the project
  hwcloud.dbaas.dds_backup_info:
    region: eu-de
    name: catalog-rs-before-upgrade
  register: named
'''

RETURN = r'''
backups:
  description: The matching backups as DDS ListBackups reports them, newest first (by end time); empty when none match.
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
    instance_name:
      description: Name of that instance.
      type: str
    description:
      description: Backup description.
      type: str
    type:
      description: V(Auto), V(Manual) or V(Incremental).
      type: str
    status:
      description: V(BUILDING), V(COMPLETED), V(FAILED) or V(DISABLED).
      type: str
    begin_time:
      description: When the backup started, C(yyyy-mm-dd hh:mm:ss) in UTC.
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
          description: V(DDS-Community).
          type: str
        version:
          description: The engine version.
          type: str
  sample:
    - id: 2f4ddb93b9014b0893d81d2e472f30febr02
      name: catalog-rs-before-upgrade
      instance_id: 46125c43ca4d424a9f5c97354223c4e0in02
      instance_name: catalog-rs
      description: taken before the upgrade to 4.4
      type: Manual
      status: COMPLETED
      begin_time: "2026-11-20 10:30:00"
      end_time: "2026-11-20 10:41:12"
      size: 2803
error:
  description: Details of the failure (C(status), C(code), C(message), C(request_id) for API errors).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.backups import dds_backup_infos

ARGUMENT_SPEC = {
    "instance_name": {"type": "str"},
    "instance_id": {"type": "str"},
    "name": {"type": "str"},
    "type": {"type": "str", "choices": ["auto", "manual", "incremental"]},
    "status": {"type": "list", "elements": "str", "choices": ["BUILDING", "COMPLETED", "FAILED", "DISABLED"]},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False, mutually_exclusive=[("instance_name", "instance_id")])
    module.run_info(dds_backup_infos, "backups")


if __name__ == "__main__":
    main()
