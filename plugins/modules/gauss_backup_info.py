#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: gauss_backup_info
short_description: List the backups of a GaussDB (openGauss) instance
version_added: 1.0.0
description:
  - Lists the backups of one GaussDB (openGauss) instance, found by exact O(source_name) or by O(source_id), newest first.
  - An instance without (matching) backups gives an empty list, not a failure. A source that does not exist fails the task.
  - Use it to pick a backup for M(hwcloud.dbaas.gauss_restore).
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  source_name:
    description:
      - Exact name of the instance whose backups are listed. Mutually exclusive with O(source_id); one of them is required.
    type: str
  source_id:
    description:
      - ID of the instance whose backups are listed.
    type: str
  status:
    description:
      - Only backups in one of these statuses.
    type: list
    elements: str
    choices: [COMPLETED, BUILDING, FAILED]
  name:
    description:
      - Only backups with this exact name.
    type: str
extends_documentation_fragment:
  - hwcloud.dbaas.auth
attributes:
  check_mode:
    support: full
    description: Read-only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing is changed, so there is no difference to show.
seealso:
  - module: hwcloud.dbaas.gauss_restore
  - module: hwcloud.dbaas.gauss_instance_info
'''

EXAMPLES = r'''
- name: Completed backups of an instance
  hwcloud.dbaas.gauss_backup_info:
    region: eu-de
    source_name: orders-gauss
    status: COMPLETED
  register: completed

- name: Show the newest one
  ansible.builtin.debug:
    msg: "{{ completed.backups[0].id if completed.backups else 'no completed backup yet' }}"

- name: One backup by name, source given by ID
  hwcloud.dbaas.gauss_backup_info:
    region: eu-de
    source_id: d8e6ca5a624745bcb546a227aa3ae1cfin14
    name: orders-gauss-2024-05-01
  register: named
'''

RETURN = r'''
backups:
  description: The matching backups as the GaussDB v3 API reports them, newest first (by end time); empty when none match.
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
    status:
      description: V(COMPLETED), V(BUILDING) or V(FAILED).
      type: str
    type:
      description: Backup type, for example V(full) (automated full backup), V(manual) or V(diff) (differential).
      type: str
    instance_id:
      description: ID of the instance the backup is of.
      type: str
    begin_time:
      description: When the backup started, for example V(2024-05-01T02:00:00+0000).
      type: str
    end_time:
      description: When the backup ended; empty while it runs.
      type: str
      returned: when the API reports it
    size:
      description: Size of the backup in MB.
      type: float
      returned: when the API reports it
    description:
      description: Description of the backup.
      type: str
      returned: when the API reports it
    datastore:
      description: The engine of the backed-up instance.
      type: dict
      returned: when the API reports it
      contains:
        type:
          description: V(GaussDB).
          type: str
        version:
          description: The engine version.
          type: str
  sample:
    - id: 2f4ddb93b9014b0893d81d2e472f30febr14
      name: orders-gauss-2024-05-01
      status: COMPLETED
      type: full
      instance_id: d8e6ca5a624745bcb546a227aa3ae1cfin14
      begin_time: "2024-05-01T02:00:00+0000"
      end_time: "2024-05-01T02:10:41+0000"
error:
  description: Details of the failure (C(status), C(code), C(message), C(request_id) for API errors).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.gauss import backup_infos

ARGUMENT_SPEC = {
    "source_name": {"type": "str"},
    "source_id": {"type": "str"},
    "status": {"type": "list", "elements": "str", "choices": ["COMPLETED", "BUILDING", "FAILED"]},
    "name": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False, mutually_exclusive=[("source_name", "source_id")],
                         required_one_of=[("source_name", "source_id")])
    module.run_info(backup_infos, "backups")


if __name__ == "__main__":
    main()
