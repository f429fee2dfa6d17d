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
seealso:
  - module: hwcloud.dbaas.dds_instance
  - module: hwcloud.dbaas.instance_wait
  - ref: ansible_collections.hwcloud.dbaas.docsite.auth
    description: Credentials, clouds.yaml clouds, the platform and the region.
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
  contains:
    id:
      description: Instance ID.
      type: str
    name:
      description: Instance name.
      type: str
    status:
      description: Status, for example V(creating), V(normal), V(abnormal), V(createfail), V(frozen) or V(data_disk_full).
      type: str
    mode:
      description: V(Sharding), V(ReplicaSet) or V(Single).
      type: str
    datastore:
      description: The DB engine.
      type: dict
      contains:
        type:
          description: V(DDS-Community).
          type: str
        version:
          description: The MongoDB-compatible version, for example V(4.0).
          type: str
        storage_engine:
          description:
            - V(wiredTiger) or V(rocksDB).
            - The list API reports the storage engine in C(engine), not in C(datastore); the module copies it here.
          type: str
          returned: when the API reports it
    flavor:
      description:
        - The nodes in the shape of the create request, ordered mongos, shard, config, replica, single; derived from C(groups)
          for a listed instance.
      type: list
      elements: dict
      contains:
        type:
          description: V(mongos), V(shard), V(config), V(replica) or V(single).
          type: str
        num:
          description: Number of mongos nodes, or of shard, config, replica set or single node groups.
          type: int
        size:
          description: Disk size in GB of each group; not for mongos.
          type: int
          returned: except for mongos
        spec_code:
          description: The flavor of the nodes, for example V(dds.mongodb.s6.large.4.shard).
          type: str
    groups:
      description: The node groups as the list API reports them.
      type: list
      elements: dict
      returned: for a listed instance
      contains:
        type:
          description: V(mongos), V(shard), V(config), V(replica) or V(single).
          type: str
        id:
          description: Group ID.
          type: str
        name:
          description: Group name.
          type: str
        status:
          description: Group status.
          type: str
        volume:
          description: The group's disk, C(size) and C(used) in GB (as strings).
          type: dict
        nodes:
          description: The nodes of the group, each with C(id), C(name), C(status), C(role), C(private_ip), C(spec_code) and C(availability_zone).
          type: list
          elements: dict
    port:
      description: Database port, as an integer.
      type: int
    region:
      description: Region of the instance.
      type: str
    availability_zone:
      description:
        - Availability zone, or zones comma-separated.
        - The list API reports a zone per node (C(groups[].nodes[].availability_zone)), none for the instance; the
          module reports the zones of the nodes, each once, a primary node's first.
      type: str
      returned: when the API reports it
    vpc_id:
      description: ID of the VPC.
      type: str
    subnet_id:
      description: ID of the subnet.
      type: str
    security_group_id:
      description: ID of the security group.
      type: str
    ssl:
      description: V(1) when SSL is on, V(0) when it is off.
      type: int
      returned: when the API reports it
    backup_strategy:
      description: The automated backup policy.
      type: dict
      contains:
        start_time:
          description: Backup window, C(hh:mm-HH:MM) in UTC.
          type: str
        keep_days:
          description: Days automated backups are kept.
          type: int
    engine:
      description: Storage engine of the instance, for example V(wiredTiger).
      type: str
      returned: when the API reports it
    time_zone:
      description: Time zone of the instance.
      type: str
      returned: when the API reports it
    enterprise_project_id:
      description: Enterprise project ID (V(0) for the default project).
      type: str
      returned: when the API reports it
    pay_mode:
      description: V(0) for pay-per-use, V(1) for yearly/monthly.
      type: str
      returned: when the API reports it
    created:
      description: Creation time.
      type: str
      returned: when the API reports it
    updated:
      description: Time of the last change.
      type: str
      returned: when the API reports it
    tags:
      description: Tags of the instance, tag key to tag value.
      type: dict
      returned: when the API reports them
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
