#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: gauss_instance_info
short_description: List GaussDB (openGauss) instances
version_added: 1.0.0
description:
  - Lists the GaussDB (openGauss) instances of the project, filtered by exact name, ID, instance type, VPC or subnet.
    Without a filter, lists all.
  - The filters are sent to the list API and then compared exactly, so V(orders) never matches V(orders-2) and a filter
    the service ignores never widens the answer.
  - Never fails when nothing matches; returns an empty list.
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  name:
    description:
      - Exact instance name.
    type: str
  id:
    description:
      - Instance ID.
    type: str
  type:
    description:
      - Instance type, V(Enterprise) for distributed instances, V(Ha) for primary/standby ones. Compared without case.
    type: str
    choices: [Enterprise, Ha]
  vpc_id:
    description:
      - Only instances in this VPC.
    type: str
  subnet_id:
    description:
      - Only instances in this subnet (its network ID).
    type: str
extends_documentation_fragment:
  - hwcloud.dbaas.auth
attributes:
  check_mode:
    support: full
    description: Read-only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing is changed, so there is nothing to compare.
'''

EXAMPLES = r'''
- name: All GaussDB instances of one VPC
  hwcloud.dbaas.gauss_instance_info:
    region: eu-de
    vpc_id: 3825a0f3-1f6f-4b8c-9c8e-2a8f6e8b7c1d
  register: gauss

- name: The source of a restore, by name
  hwcloud.dbaas.gauss_instance_info:
    region: eu-de
    name: ledger-gauss
  register: ledger

- name: Show its status
  ansible.builtin.debug:
    msg: "{{ ledger.instances | map(attribute='status') | list }}"
'''

RETURN = r'''
instances:
  description: The matching instances as the GaussDB v3 list API reports them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 9a8b7c6d5e4f30112233445566778899in14
      name: ledger-gauss
      status: ACTIVE
      type: Enterprise
      datastore: {type: GaussDB, version: "2.7"}
      volume: {type: ULTRAHIGH, size: 40}
      port: "8000"
error:
  description: Details of an API failure (C(status), C(code), C(message), C(request_id)) or of invalid input (C(option), C(rule)).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.gauss import list_instances

ARGUMENT_SPEC = {
    "name": {"type": "str"},
    "id": {"type": "str"},
    "type": {"type": "str", "choices": ["Enterprise", "Ha"]},
    "vpc_id": {"type": "str"},
    "subnet_id": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False)
    module.run_info(list_instances, "instances")


if __name__ == "__main__":
    main()
