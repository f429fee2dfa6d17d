#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: rds_instance_info
short_description: List RDS DB instances
version_added: 1.0.0
description:
  - Lists RDS DB instances of the project, filtered by exact name, ID, type or engine. Without a filter, lists all.
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
      - Instance type.
    type: str
    choices: [Single, Ha, Replica]
  engine:
    description:
      - DB engine.
    type: str
    choices: [mysql, postgresql, sqlserver]
extends_documentation_fragment:
  - hwcloud.dbaas.auth
attributes:
  check_mode:
    support: full
    description: Read-only; runs the same in check mode.
'''

EXAMPLES = r'''
- name: All PostgreSQL instances
  hwcloud.dbaas.rds_instance_info:
    region: eu-de
    engine: postgresql
  register: pg

- name: One instance by name
  hwcloud.dbaas.rds_instance_info:
    region: eu-de
    name: orders-db
  register: orders
'''

RETURN = r'''
instances:
  description: The matching instances as the RDS v3 API reports them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample: [{id: dsfae23fsfdsae3435in01, name: orders-db, status: ACTIVE, type: Single}]
error:
  description: Details of an API failure (C(status), C(code), C(message), C(request_id)).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds import ENGINES, list_instances

ARGUMENT_SPEC = {
    "name": {"type": "str"},
    "id": {"type": "str"},
    "type": {"type": "str", "choices": ["Single", "Ha", "Replica"]},
    "engine": {"type": "str", "choices": list(ENGINES)},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False)
    module.run_info(list_instances, "instances")


if __name__ == "__main__":
    main()
