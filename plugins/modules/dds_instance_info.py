#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: dds_instance_info
short_description: List DDS (Document Database Service) instances
version_added: 1.0.0
description:
  - Lists the DDS (MongoDB-compatible) instances of the project, filtered by exact name, ID or mode. Without a filter, lists all.
  - The filters are sent to the list API and then compared exactly, so V(orders) never matches V(orders-2).
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
  mode:
    description:
      - Instance mode (cluster, replica set or single node).
    type: str
    choices: [Sharding, ReplicaSet, Single]
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
- name: All replica sets
  hwcloud.dbaas.dds_instance_info:
    region: eu-de
    mode: ReplicaSet
  register: replica_sets

- name: One cluster by name
  hwcloud.dbaas.dds_instance_info:
    region: eu-de
    name: catalog-cluster
  register: catalog

- name: Fail unless the cluster is ready
  ansible.builtin.assert:
    that:
      - catalog.instances | length == 1
      - catalog.instances[0].status == 'normal'
'''

RETURN = r'''
instances:
  description:
    - The matching instances as the DDS v3 list API reports them, in the shape M(hwcloud.dbaas.dds_instance) returns
      (C(port) as an integer, C(flavor) summarising the node groups); empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 46125c43ca4d424a9f5c97354223c4e0in02
      name: catalog-cluster
      status: normal
      mode: Sharding
      port: 8635
      datastore: {type: DDS-Community, version: "4.0", storage_engine: wiredTiger}
      flavor:
        - {type: mongos, num: 2, spec_code: dds.mongodb.s6.large.4.mongos}
        - {type: shard, num: 2, size: 20, spec_code: dds.mongodb.s6.large.4.shard}
        - {type: config, num: 1, size: 20, spec_code: dds.mongodb.s6.large.2.config}
error:
  description: Details of an API failure (C(status), C(code), C(message), C(request_id)) or of invalid input (C(option), C(rule)).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.dds import list_instances

ARGUMENT_SPEC = {
    "name": {"type": "str"},
    "id": {"type": "str"},
    "mode": {"type": "str", "choices": ["Sharding", "ReplicaSet", "Single"]},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False)
    module.run_info(list_instances, "instances")


if __name__ == "__main__":
    main()
