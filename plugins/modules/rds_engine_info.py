#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: rds_engine_info
short_description: List the RDS DB engines and their versions
version_added: 1.0.0
description:
  - Lists the versions RDS offers in the region for MySQL, PostgreSQL and SQL Server, or for one of them, so that a
    task can pick the O(hwcloud.dbaas.rds_instance#module:engine_version).
  - One read of RDS v3 ListDatastores (C(GET /v3/{project_id}/datastores/{database_name})) per engine, so one with
    O(engine) and three without.
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  engine:
    description:
      - Only this DB engine. Without it, every engine.
    type: str
    choices: [mysql, postgresql, sqlserver]
extends_documentation_fragment:
  - hwcloud.dbaas.auth
attributes:
  check_mode:
    support: full
    description: Read-only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing is changed, so there is nothing to compare.
seealso:
  - module: hwcloud.dbaas.rds_flavor_info
  - module: hwcloud.dbaas.rds_instance
'''

EXAMPLES = r'''
- name: The MySQL versions of the region
  hwcloud.dbaas.rds_engine_info:
    region: eu-de
    engine: mysql
  register: mysql

- name: Fail unless MySQL 8.0 is offered
  ansible.builtin.assert:
    that: "'8.0' in (mysql.engines[0].versions | map(attribute='name'))"

- name: Every engine and version
  hwcloud.dbaas.rds_engine_info:
    region: cn-north-4
  register: engines
'''

RETURN = r'''
engines:
  description: The engines asked for, in the order of O(engine)'s choices, each with the versions RDS v3 ListDatastores reports.
  returned: always
  type: list
  elements: dict
  contains:
    engine:
      description: The engine as O(hwcloud.dbaas.rds_instance#module:engine) names it.
      type: str
    datastore:
      description: The engine as the API names it, V(MySQL), V(PostgreSQL) or V(SQLServer).
      type: str
    versions:
      description: The versions on offer.
      type: list
      elements: dict
      contains:
        name:
          description: The version, the value of O(hwcloud.dbaas.rds_instance#module:engine_version), for example V(8.0) or V(2019_EE).
          type: str
        id:
          description: ID of the version.
          type: str
  sample:
    - engine: mysql
      datastore: MySQL
      versions:
        - {id: 87620726-6f12-4ba0-a6a9-4a4f6f81d3a4, name: "5.7"}
        - {id: e8a8b8cc-63f8-4fb5-8d4a-24c502317a61, name: "8.0"}
error:
  description: Details of an API failure (C(status), C(code), C(message), C(request_id)).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.flavors import rds_engines
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds import ENGINES

ARGUMENT_SPEC = {
    "engine": {"type": "str", "choices": list(ENGINES)},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False)
    module.run_info(rds_engines, "engines")


if __name__ == "__main__":
    main()
