#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: rds_replica
short_description: Create or delete a read replica of an RDS DB instance
version_added: 1.0.0
description:
  - Ensures that a read replica with the given exact name exists (O(state=present)) or does not (O(state=absent)).
  - The replica is looked up by exact name and created only when it is missing. Its source (the primary instance) is
    given by O(source_name), looked up by exact name, or by O(source_id).
  - Before anything is written, the task fails when the source is missing, when several instances carry the source
    name, when the source is itself a read replica, or, for a create, when the source is not C(ACTIVE).
  - An existing instance with the replica's name must be a read replica (type C(Replica)) of that very source
    (its C(related_instance) lists the source as C(replica_of)); otherwise the task fails and changes nothing.
  - A converged task sends two read requests with O(api_version=v3) (replica and source lookups) and one with
    O(api_version=v1) (the v1 list answers both).
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  name:
    description:
      - Read replica name, 4 to 64 characters, starting with a letter; letters, digits, C(-) and C(_). Case-sensitive.
      - Must differ from the source's name.
    type: str
    required: true
  state:
    description:
      - V(present) creates the replica when it is missing; V(absent) deletes it when it exists.
      - V(absent) deletes only an instance with exactly this name that is a read replica. A primary instance with the name
        is never deleted (the task fails instead), nor is an instance whose name merely contains O(name).
    type: str
    choices: [present, absent]
    default: present
  source_name:
    description:
      - Exact name of the primary instance to replicate. Mutually exclusive with O(source_id); one of them is required
        with O(state=present).
    type: str
  source_id:
    description:
      - ID of the primary instance to replicate. Mutually exclusive with O(source_name).
      - v3 and v1 instance IDs differ; give the ID of the API version in O(api_version).
    type: str
  flavor:
    description:
      - Specification code of the replica (C(flavor_ref)), for example V(rds.mysql.s1.large.rr); with O(api_version=v1)
        the v1 flavor ID. Required with O(state=present).
    type: str
  volume_type:
    description:
      - Storage type, case-sensitive. V(COMMON), V(ULTRAHIGH), and in some regions V(CLOUDSSD) or V(ESSD).
      - Defaults to the source's storage type.
    type: str
  volume_size:
    description:
      - Storage size in GB sent with the create request, 40 to 4000, a multiple of 10. Defaults to the source's size.
      - On an existing RDS v3 replica a larger value enlarges its disk (RDS v3 StartInstanceEnlargeVolumeAction on the replica);
        the disk cannot shrink and must stay at least the source's size. Not compared when unset.
    type: int
  availability_zone:
    description:
      - The one availability zone of the replica. Required with O(api_version=v3); with O(api_version=v1) it defaults to
        the source's (first) zone.
      - An existing v3 replica is compared by the zone of its node (the list API reports a zone per node, none for the instance).
    type: list
    elements: str
  disk_encryption_id:
    description:
      - KMS key ID for disk encryption. Not available with O(api_version=v1).
    type: str
  charge_mode:
    description:
      - Billing mode. The API creates pay-per-use replicas only. Not sent with O(api_version=v1).
    type: str
    choices: [postPaid]
    default: postPaid
  tags:
    description:
      - Tags of the read replica, key to value. Sent with the create, and added or removed on an existing replica (RDS v3
        BatchTagAddAction / BatchTagDelAction, at most one call each). The list answer carries them.
      - At most 20 tags; keys of 1 to 128 letters, digits, spaces or C(_.:=+-@), not starting with C(_sys_); values of at
        most 255 characters. Not supported with O(api_version=v1).
    type: dict
    version_added: 1.0.0
  purge_tags:
    description:
      - Remove the tags of the replica that O(tags) does not name. Only when O(tags) is set.
    type: bool
    default: true
    version_added: 1.0.0
  drift:
    description:
      - An existing replica that differs from the task is changed in place on RDS v3, one call per changed option, in this
        order; O(flavor) (RDS v3 StartResizeFlavorAction), O(volume_size) (enlarge only), O(tags) (remove, then add). The
        result's C(actions) lists them; check mode plans them without writing.
      - Options that cannot be changed in place (storage type, availability zone, region, encryption) are drift.
        V(fail) fails the task before any write and lists them; V(warn) warns and still applies the changes that can be
        made in place; V(ignore) does the same without the warning. With O(api_version=v1) every difference is drift.
      - A replica of another source, or an instance that is not a replica, always fails the task.
    type: str
    choices: [fail, warn, ignore]
    default: fail
extends_documentation_fragment:
  - hwcloud.dbaas.auth
  - hwcloud.dbaas.auth.WAIT
  - hwcloud.dbaas.rds_api
attributes:
  check_mode:
    support: full
    description: Looks up the replica and its source and reports what would be created or deleted; sends no write request.
  diff_mode:
    support: full
    description: Shows the compared options before and after.
seealso:
  - module: hwcloud.dbaas.rds_flavor_info
  - module: hwcloud.dbaas.rds_instance
  - module: hwcloud.dbaas.rds_instance_info
  - module: hwcloud.dbaas.instance_wait
  - ref: ansible_collections.hwcloud.dbaas.docsite.rds_replica
    description: Read replicas and the RDS v1 API.
  - ref: ansible_collections.hwcloud.dbaas.docsite.auth
    description: Credentials, clouds.yaml clouds, the platform and the region.
'''

EXAMPLES = r'''
- name: A read replica of orders-db (RDS v3)
  hwcloud.dbaas.rds_replica:
    name: orders-db-ro1
    source_name: orders-db
    region: eu-de
    flavor: rds.mysql.s1.large.rr
    volume_type: ULTRAHIGH
    availability_zone: eu-de-02
  register: replica

- name: Print the replica's address and its source
  ansible.builtin.debug:
    msg: "{{ replica.instance.private_ips }} replicates {{ replica.instance.related_instance[0].id }}"

- name: A read replica on the v1 API of Open Telekom Cloud, by source ID, without waiting
  hwcloud.dbaas.rds_replica:
    name: legacy-db-ro1
    source_id: 252f11f1-2912-4c06-be55-1999bde659c5
    region: eu-de  # an Open Telekom Cloud region: platform otc, the /rds/v1 prefix
    api_version: v1
    flavor: bf07a6d4-844a-4023-a776-fc5c5fb71fb4
    wait: false

- name: Delete the replica
  hwcloud.dbaas.rds_replica:
    name: orders-db-ro1
    region: eu-de
    state: absent
'''

RETURN = r'''
instance:
  description:
    - The replica as the RDS v3 API reports it after the task (after waiting, when O(wait=true)); with O(api_version=v1)
      the v1 record translated to the same field names.
    - C(related_instance) names the source, with C(type) V(replica_of).
    - With O(state=absent), the replica that was deleted; empty when there was none.
    - In check mode, for a missing replica, the options that would be sent.
  returned: always
  type: dict
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
          reports the zones of the nodes, each once. A create answer (O(wait=false)) has the zones of the request.
      type: str
      returned: when the API reports it
    port:
      description: Database port; a number in lists, a string in a create answer (O(wait=false)).
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
      description: Tags of the instance, tag key to tag value.
      type: dict
      returned: when the API reports them
  sample:
    id: 0aa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1in03
    name: orders-db-ro1
    status: ACTIVE
    type: Replica
    flavor_ref: rds.mysql.s1.large.rr
    volume: {type: ULTRAHIGH, size: 100}
    region: eu-de
    availability_zone: eu-de-02
    private_ips: [192.168.0.44]
    related_instance: [{id: dsfae23fsfdsae3435in01, type: replica_of}]
job_id:
  description: ID of the create or delete job.
  returned: when a create or delete request was sent
  type: str
  sample: dff1d289-4d03-4942-8b9f-463ea07c000d
actions:
  description:
    - The operations that changed (or, in check mode, would change) the existing replica, in the order they ran.
      Empty when nothing was to change; absent after a create or a delete.
  returned: when the replica existed and O(state=present)
  type: list
  elements: dict
  contains:
    action:
      description: V(resize_flavor), V(enlarge_volume), V(remove_tags) or V(add_tags).
      type: str
    option:
      description: The module option the operation changes.
      type: str
    from:
      description: The value before.
      type: raw
    to:
      description: The value after (C(null) for tags removed).
      type: raw
  sample: [{action: enlarge_volume, option: volume_size, from: 100, to: 150}]
service:
  description:
    - The service that holds the instance, V(rds). Lets M(hwcloud.dbaas.instance_wait) read the registered results of a loop
      with O(wait=false).
  returned: always
  type: str
  sample: rds
api_version:
  description: V(v1) when the instance lives in the RDS v1 API (O(api_version=v1)), for M(hwcloud.dbaas.instance_wait).
  returned: with O(api_version=v1)
  type: str
  sample: v1
diff:
  description: The compared options before and after the task.
  returned: always
  type: dict
error:
  description: Details of the failure; C(status), C(code), C(message) and C(request_id) for API errors,
    C(option) and C(rule) for invalid input.
  returned: failed
  type: dict
  sample: {status: 404, code: DBS.200013, message: The source DB instance does not exist., request_id: 0b7e0fd1c5a34b3e}
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import API_VERSIONS
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds_replica import replica_adapter, validate_replica

ARGUMENT_SPEC = {
    "name": {"type": "str", "required": True},
    "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    "source_name": {"type": "str"},
    "source_id": {"type": "str"},
    "flavor": {"type": "str"},
    "volume_type": {"type": "str"},
    "volume_size": {"type": "int"},
    "availability_zone": {"type": "list", "elements": "str"},
    "disk_encryption_id": {"type": "str"},
    "charge_mode": {"type": "str", "choices": ["postPaid"], "default": "postPaid"},
    "drift": {"type": "str", "choices": ["fail", "warn", "ignore"], "default": "fail"},
    "tags": {"type": "dict"},
    "purge_tags": {"type": "bool", "default": True},
    "api_version": {"type": "str", "choices": list(API_VERSIONS), "default": "v3"},
    "v1_path_prefix": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC)
    module.run_flow(replica_adapter, validate_replica)


if __name__ == "__main__":
    main()
