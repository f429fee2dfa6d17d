#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: dds_flavor_info
short_description: List the DDS (Document Database Service) flavors
version_added: 1.0.0
description:
  - Lists the node flavors that DDS offers in the region, with their node type, vCPUs, memory, versions and where they
    are on sale, so that a task can pick the C(spec_code) of each entry of O(hwcloud.dbaas.dds_instance#module:flavor).
  - One read of DDS ListFlavorInfos (C(GET /v3.1/{project_id}/flavors), engine C(DDS-Community)); a further page only
    past 100 flavors. O(engine_version) is a filter of that API; O(type), O(flavor) and O(availability_zone) are
    applied to its answer.
  - Never fails when nothing matches; returns an empty list.
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  engine_version:
    description:
      - Only the flavors of this version, for example V(4.0) or V(5.0).
    type: str
  type:
    description:
      - Only the flavors of this node type; V(replica) are the flavors of replica set nodes (ending in C(.repset)).
    type: str
    choices: [mongos, shard, config, replica, single]
  flavor:
    description:
      - Only this flavor (specification code), for example V(dds.mongodb.s6.large.4.repset).
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
  - module: hwcloud.dbaas.dds_instance
  - module: hwcloud.dbaas.dds_instance_info
'''

EXAMPLES = r'''
- name: Replica set flavors of DDS 4.0 on sale in eu-de-01
  hwcloud.dbaas.dds_flavor_info:
    region: eu-de
    engine_version: "4.0"
    type: replica
    availability_zone: eu-de-01
  register: replica_flavors

- name: A replica set of the smallest of them
  hwcloud.dbaas.dds_instance:
    name: catalog-rs
    region: eu-de
    mode: ReplicaSet
    datastore: {version: "4.0"}
    availability_zone: eu-de-01
    vpc_id: "{{ vpc_id }}"
    subnet_id: "{{ subnet_id }}"
    security_group_id: "{{ security_group_id }}"
    password: "{{ vault_catalog_password }}"
    flavor:
      - type: replica
        num: 1
        size: 100
        spec_code: "{{ (replica_flavors.flavors | sort(attribute='ram') | first).spec_code }}"
'''

RETURN = r'''
flavors:
  description: The matching flavors as DDS ListFlavorInfos reports them; empty when none match.
  returned: always
  type: list
  elements: dict
  contains:
    spec_code:
      description: The flavor (specification code), the C(spec_code) of an entry of O(hwcloud.dbaas.dds_instance#module:flavor).
      type: str
    type:
      description: Node type, V(mongos), V(shard), V(config), V(replica) or V(single).
      type: str
    engine_name:
      description: V(DDS-Community).
      type: str
    vcpus:
      description: Number of vCPUs, as a string.
      type: str
    ram:
      description: Memory in GB, as a string.
      type: str
    az_status:
      description:
        - Availability zone to V(normal) (on sale), V(sellout) (sold out) or V(unsupported).
        - For replica set flavors also the zones of a set across three zones, comma-separated.
      type: dict
    engine_versions:
      description: The versions the flavor serves.
      type: list
      elements: str
      returned: when the API reports it
  sample:
    - spec_code: dds.mongodb.s6.large.4.repset
      type: replica
      engine_name: DDS-Community
      vcpus: "2"
      ram: "8"
      az_status: {eu-de-01: normal, eu-de-02: normal, eu-de-03: normal, "eu-de-01,eu-de-02,eu-de-03": normal}
      engine_versions: ["4.0", "4.2", "4.4"]
error:
  description: Details of an API failure (C(status), C(code), C(message), C(request_id)).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.flavors import DDS_NODE_TYPES, dds_flavors

ARGUMENT_SPEC = {
    "engine_version": {"type": "str"},
    "type": {"type": "str", "choices": list(DDS_NODE_TYPES)},
    "flavor": {"type": "str"},
    "availability_zone": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False)
    module.run_info(dds_flavors, "flavors")


if __name__ == "__main__":
    main()
