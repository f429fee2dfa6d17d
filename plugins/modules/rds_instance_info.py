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
seealso:
  - module: hwcloud.dbaas.rds_instance
  - module: hwcloud.dbaas.rds_replica
  - module: hwcloud.dbaas.instance_wait
  - ref: ansible_collections.hwcloud.dbaas.docsite.auth
    description: Credentials, clouds.yaml clouds, the platform and the region.
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
  contains:
    id:
      description: Instance ID.
      type: str
    name:
      description: Instance name.
      type: str
    status:
      description: Status, for example V(BUILD), V(ACTIVE), V(FAILED), V(MODIFYING), V(BACKING UP) or V(STORAGE FULL).
      type: str
    type:
      description: V(Single), V(Ha) (primary/standby) or V(Replica) (read replica).
      type: str
    datastore:
      description: The DB engine.
      type: dict
      contains:
        type:
          description: V(MySQL), V(PostgreSQL) or V(SQLServer).
          type: str
        version:
          description: The major version, for example V(8.0).
          type: str
        complete_version:
          description: The full version, for example V(8.0.28).
          type: str
          returned: when the API reports it
    flavor_ref:
      description: The flavor (specification code), for example V(rds.mysql.s1.large).
      type: str
    volume:
      description: The data disk.
      type: dict
      contains:
        type:
          description: Disk type, for example V(ULTRAHIGH) or V(CLOUDSSD).
          type: str
        size:
          description: Size in GB.
          type: int
    region:
      description: Region of the instance.
      type: str
    availability_zone:
      description:
        - Availability zone, or the zones of a primary/standby pair comma-separated, the primary's first.
        - The list API reports a zone per node (C(nodes[].availability_zone)), none for the instance; the module
          adds the zones of the nodes, each once.
      type: str
      returned: when the API reports it
    port:
      description: Database port, as a number.
      type: raw
    private_ips:
      description: Private IP addresses.
      type: list
      elements: str
    public_ips:
      description: Public (elastic) IP addresses.
      type: list
      elements: str
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
          description: Days automated backups are kept; V(0) when automated backups are off.
          type: int
    ha:
      description: Replication of a primary/standby pair.
      type: dict
      returned: for primary/standby instances
      contains:
        replication_mode:
          description: V(async), V(semisync) or V(sync).
          type: str
    related_instance:
      description: The source of a read replica (C(type) V(replica_of)) or the replicas of a primary (C(type) V(replica)).
      type: list
      elements: dict
      contains:
        id:
          description: ID of the related instance.
          type: str
        type:
          description: V(replica_of) or V(replica).
          type: str
    nodes:
      description: The nodes of the instance.
      type: list
      elements: dict
      returned: when the API reports it
      contains:
        id:
          description: Node ID.
          type: str
        name:
          description: Node name.
          type: str
        role:
          description: V(master), V(slave) or V(readreplica).
          type: str
        status:
          description: Node status.
          type: str
        availability_zone:
          description: Availability zone of the node.
          type: str
    time_zone:
      description: Time zone of the instance.
      type: str
      returned: when the API reports it
    enterprise_project_id:
      description: Enterprise project ID (V(0) for the default project).
      type: str
      returned: when the API reports it
    disk_encryption_id:
      description: ID of the KMS key the disk is encrypted with; empty when the disk is not encrypted.
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
      description: Creation time, for example V(2026-11-20T10:30:00+0000).
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
