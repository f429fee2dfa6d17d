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
seealso:
  - module: hwcloud.dbaas.gauss_restore
  - module: hwcloud.dbaas.gauss_backup_info
  - ref: ansible_collections.hwcloud.dbaas.docsite.auth
    description: Credentials, clouds.yaml clouds, the platform and the region.
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
  contains:
    id:
      description: Instance ID.
      type: str
    name:
      description: Instance name.
      type: str
    status:
      description: Status, for example V(BUILD), V(ACTIVE), V(FAILED) or V(BACKING UP).
      type: str
    type:
      description: Deployment model, for example V(Enterprise) (distributed) or V(Ha) (primary/standby).
      type: str
      returned: when the API reports it
    datastore:
      description: The DB engine.
      type: dict
      contains:
        type:
          description: V(GaussDB).
          type: str
        version:
          description: The engine version, for example V(2.7).
          type: str
    flavor_ref:
      description: The flavor (specification code), for example V(gaussdb.opengauss.ee.dn.m6.2xlarge.8.in).
      type: str
    volume:
      description: The storage.
      type: dict
      contains:
        type:
          description: Disk type, for example V(ULTRAHIGH) or V(ESSD).
          type: str
        size:
          description: Size in GB.
          type: int
    ha:
      description: Deployment and replication.
      type: dict
      returned: when the API reports it
      contains:
        mode:
          description: V(enterprise) (distributed) or V(centralization_standard) (primary/standby).
          type: str
          returned: when the API reports it
        replication_mode:
          description: Replication mode, V(sync).
          type: str
        consistency:
          description: Transaction consistency, V(strong) or V(eventual).
          type: str
          returned: when the API reports it
    region:
      description: Region of the instance.
      type: str
    availability_zone:
      description:
        - Availability zones, comma-separated.
        - The list API reports a zone per node (C(nodes[].availability_zone)), none for the instance; the module
          adds the zones of the nodes, each once, the primary's first (V(eu-de-01) for an instance whose nodes are
          all in that zone).
      type: str
      returned: when the API reports it
    port:
      description: Database port; the list API reports it as a string.
      type: raw
    private_ips:
      description: Private IP addresses.
      type: list
      elements: str
      returned: when the API reports them
    public_ips:
      description: Public (elastic) IP addresses.
      type: list
      elements: str
      returned: when the API reports them
    vpc_id:
      description: ID of the VPC.
      type: str
    subnet_id:
      description: ID of the subnet.
      type: str
    security_group_id:
      description: ID of the security group.
      type: str
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
    replica_num:
      description: Number of replicas of each shard.
      type: int
      returned: when the API reports it
    nodes:
      description: The nodes of the instance.
      type: list
      elements: dict
      returned: when the API reports them
      contains:
        id:
          description: Node ID.
          type: str
        name:
          description: Node name.
          type: str
        role:
          description: Node role, for example V(master) or V(slave).
          type: str
        status:
          description: Node status.
          type: str
        availability_zone:
          description: Availability zone of the node.
          type: str
    time_zone:
      description: Time zone, for example V(UTC+08:00).
      type: str
      returned: when the API reports it
    enterprise_project_id:
      description: Enterprise project ID (V(0) for the default project).
      type: str
      returned: when the API reports it
    charge_info:
      description: Billing mode.
      type: dict
      returned: when the API reports it
      contains:
        charge_mode:
          description: V(postPaid) (pay-per-use) or V(prePaid) (yearly/monthly).
          type: str
    created:
      description: Creation time.
      type: str
      returned: when the API reports it
    updated:
      description: Time of the last change.
      type: str
      returned: when the API reports it
    tags:
      description: Tags of the instance as the list API reports them, each with C(key) and C(value).
      type: list
      elements: dict
      returned: when the API reports them
      contains:
        key:
          description: Tag key.
          type: str
        value:
          description: Tag value.
          type: str
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
