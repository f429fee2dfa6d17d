#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: rds_flavor_info
short_description: List the RDS flavors (instance classes) of an engine
version_added: 1.0.0
description:
  - Lists the flavors that RDS offers for a DB engine in the region, with their vCPUs, memory, instance mode and where
    they are on sale, so that a task can pick the O(hwcloud.dbaas.rds_instance#module:flavor) of a single instance, a
    primary/standby pair or a read replica.
  - One read of RDS v3 ListFlavors (C(GET /v3/{project_id}/flavors/{database_name})). O(engine_version) and O(flavor)
    are filters of that API; O(instance_mode) and O(availability_zone) are applied to its answer.
  - Never fails when nothing matches; returns an empty list.
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  engine:
    description:
      - DB engine.
    type: str
    required: true
    choices: [mysql, postgresql, sqlserver]
  engine_version:
    description:
      - Only the flavors of this engine version, for example V(8.0) or V(2019_EE) (sent as C(version_name)).
      - M(hwcloud.dbaas.rds_engine_info) lists the versions.
    type: str
  instance_mode:
    description:
      - Only the flavors of single instances (V(single)), primary/standby pairs (V(ha), flavors ending in C(.ha)) or
        read replicas (V(replica), flavors ending in C(.rr)).
    type: str
    choices: [single, ha, replica]
  flavor:
    description:
      - Only this flavor (specification code), for example V(rds.mysql.s1.large) (sent as C(spec_code)).
    type: str
  availability_zone:
    description:
      - Only the flavors on sale (C(normal) in C(az_status)) in this availability zone, for example V(eu-de-01).
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
seealso:
  - module: hwcloud.dbaas.rds_engine_info
  - module: hwcloud.dbaas.rds_instance
  - module: hwcloud.dbaas.rds_replica
'''

EXAMPLES = r'''
- name: The flavors of MySQL 8.0 primary/standby pairs on sale in eu-de-01
  hwcloud.dbaas.rds_flavor_info:
    region: eu-de
    engine: mysql
    engine_version: "8.0"
    instance_mode: ha
    availability_zone: eu-de-01
  register: ha_flavors

- name: The smallest of them with at least 8 GB of memory
  ansible.builtin.set_fact:
    ha_flavor: "{{ (ha_flavors.flavors | selectattr('ram', '>=', 8) | sort(attribute='ram') | first).spec_code }}"

- name: Read replica flavors of PostgreSQL 14
  hwcloud.dbaas.rds_flavor_info:
    region: cn-north-4
    engine: postgresql
    engine_version: "14"
    instance_mode: replica
  register: replica_flavors
'''

RETURN = r'''
flavors:
  description: The matching flavors as RDS v3 ListFlavors reports them; empty when none match.
  returned: always
  type: list
  elements: dict
  contains:
    spec_code:
      description: The flavor (specification code), the value of O(hwcloud.dbaas.rds_instance#module:flavor).
      type: str
    instance_mode:
      description: V(single), V(ha) (primary/standby) or V(replica) (read replica).
      type: str
    vcpus:
      description: Number of vCPUs, as a string.
      type: str
    ram:
      description: Memory in GB.
      type: int
    az_status:
      description: Availability zone to V(normal) (on sale), V(sellout) (sold out) or V(unsupported).
      type: dict
    az_desc:
      description: Availability zone to its description.
      type: dict
      returned: when the API reports it
    version_name:
      description: The engine versions the flavor serves.
      type: list
      elements: str
      returned: when the API reports it
    group_type:
      description: Performance class, for example V(normal) (general-enhanced) or V(normal2) (general-enhanced II).
      type: str
      returned: when the API reports it
    id:
      description: Flavor ID.
      type: str
      returned: when the API reports it
  sample:
    - spec_code: rds.mysql.s1.large.ha
      instance_mode: ha
      vcpus: "2"
      ram: 8
      az_status: {eu-de-01: normal, eu-de-02: normal, eu-de-03: sellout}
      version_name: ["5.7", "8.0"]
      group_type: normal
error:
  description: Details of an API failure (C(status), C(code), C(message), C(request_id)).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.flavors import RDS_INSTANCE_MODES, rds_flavors
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds import ENGINES

ARGUMENT_SPEC = {
    "engine": {"type": "str", "required": True, "choices": list(ENGINES)},
    "engine_version": {"type": "str"},
    "instance_mode": {"type": "str", "choices": list(RDS_INSTANCE_MODES)},
    "flavor": {"type": "str"},
    "availability_zone": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False)
    module.run_info(rds_flavors, "flavors")


if __name__ == "__main__":
    main()
