#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: instance_wait
short_description: Wait for many RDS, GaussDB and DDS instances at once until they are ready or deleted
version_added: 1.0.0
description:
  - Waits, under one deadline (O(wait_timeout)), until every given instance is ready (O(state=present)) or deleted
    (O(state=absent)). Made for the instances a loop of C(wait=false) tasks started, so that ten creations take about
    as long as one.
  - The instances are polled together. Each poll sends one list request per service (the list answers for every
    instance of the project, read in pages of 100), never one request per instance. When a single instance of a
    service is left, the list is filtered to it.
  - An instance counts as ready when two polls in a row see it in the service's ready status (C(ACTIVE) for RDS and
    GaussDB, C(normal) for DDS), because a status can flip back right after creation. An instance in a failed status
    (C(FAILED), C(createfail), C(abnormal)) has failed; its job is read once for the reason. Statuses that waiting
    cannot change (DDS C(frozen), C(data_disk_full)) count as done, with a warning.
  - The task fails when any instance failed or was not ready by the deadline. The failure message and the result list
    exactly which ones and why, and which instances are ready.
  - The task never changes anything; it always reports C(changed=false).
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  instances:
    description:
      - The instances to wait for. Either a list of entries C({service, id}) or C({service, name}) (keys
        C(service), C(id), C(name), C(api_version), C(job_id), C(v1_path_prefix)), or the registered result of a loop
        over M(hwcloud.dbaas.rds_instance), M(hwcloud.dbaas.rds_replica), M(hwcloud.dbaas.gauss_restore) or
        M(hwcloud.dbaas.dds_instance) (its C(results) are read, with C(instance.id), C(instance.name), C(service),
        C(job_id), C(api_version)), or a list of such registered results.
      - Registered items that were skipped are left out. An item whose task failed counts as failed.
      - An entry with an C(id) is matched by id; one with only a C(name) by exact name (more than one instance with
        that name fails that entry). The same instance given twice is waited for once.
      - Other keys of an entry are ignored, so the instance records of the C(_info) modules (for example
        M(hwcloud.dbaas.rds_instance_info)) can be passed, with O(service) set.
      - A C(job_id) is read only when the instance fails, for the reason.
    type: raw
    required: true
  state:
    description:
      - V(present) waits until each instance is ready; V(absent) until each is gone from the list.
    type: str
    choices: [present, absent]
    default: present
  service:
    description:
      - Service of the entries that do not name one. The creating modules return C(service) in their result, so
        registered results need no default.
    type: str
    choices: [rds, gaussdb, dds]
  api_version:
    description:
      - RDS API of the entries that do not name one. V(v1) applies to O(service=rds) only.
    type: str
    choices: [v3, v1]
    default: v3
  v1_path_prefix:
    description:
      - Path prefix of the RDS v1 API for entries with C(api_version=v1) that do not give one; defaults to the
        prefix of O(platform) (V(/v1), or V(/rds/v1) on Open Telekom Cloud). Set it as for the creating task
        (a C(module_defaults) group does that for both).
    type: str
  wait:
    description:
      - Not used; this module always waits (outside check mode). Accepted so that C(module_defaults) that set O(wait)
        for the modules that wait can name this module too, and V(wait=false) for the creating modules leaves this
        module waiting. To report the current statuses without waiting, run it in check mode.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds the whole task may take; one deadline for all the instances together.
    type: int
    default: 3600
    aliases: [timeout]
  poll_interval:
    description:
      - Seconds between two polls. The poll that confirms a ready status follows after at most one second.
    type: float
    default: 10
extends_documentation_fragment:
  - hwcloud.dbaas.auth
attributes:
  check_mode:
    support: full
    description: Polls once and reports the current statuses; does not wait. Instances a check run did not create
      are listed in RV(pending) with status C(not found).
  diff_mode:
    support: none
    description: Nothing is changed, so there is nothing to show.
seealso:
  - module: hwcloud.dbaas.rds_instance
  - module: hwcloud.dbaas.dds_instance
  - module: hwcloud.dbaas.rds_replica
  - module: hwcloud.dbaas.gauss_restore
  - ref: ansible_collections.hwcloud.dbaas.docsite.parallel
    description: Creating many instances at once.
'''

EXAMPLES = r'''
- name: Start ten MySQL instances without waiting for each
  hwcloud.dbaas.rds_instance:
    name: "shop-db-{{ item }}"
    region: eu-de
    engine: mysql
    engine_version: "8.0"
    flavor: rds.mysql.s1.large
    volume_type: ULTRAHIGH
    volume_size: 100
    availability_zone: eu-de-01
    vpc_id: 490a4a08-ef4b-44c5-94be-3051ef9e4fce
    subnet_id: 0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f
    security_group_id: 2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5
    password: "{{ vault_shop_db_password }}"
    wait: false
  loop: "{{ range(1, 11) | list }}"
  register: shop_dbs

- name: Wait for all of them together
  hwcloud.dbaas.instance_wait:
    region: eu-de
    instances: "{{ shop_dbs }}"
    wait_timeout: 3600
    poll_interval: 15

- name: Wait for instances named in a list, from two services
  hwcloud.dbaas.instance_wait:
    region: eu-de
    instances:
      - {service: rds, name: orders-db}
      - {service: dds, id: 9136fd2a9fcd405ea4674276ce36dae8in02}

- name: Wait until instances deleted with wait=false are gone
  hwcloud.dbaas.instance_wait:
    region: eu-de
    state: absent
    instances: "{{ deleted_dbs }}"
'''

RETURN = r'''
ready:
  description:
    - The instances that reached the wanted state (ready, or deleted with O(state=absent)), each with C(service), C(id),
      C(name), C(status), C(job_id) when known, and C(instance), the instance as its API reports it (not for deleted ones).
  returned: always
  type: list
  elements: dict
  contains:
    service:
      description: V(rds), V(gaussdb) or V(dds).
      type: str
    id:
      description: Instance ID; empty for an entry given by name that was not found.
      type: str
    name:
      description: Instance name.
      type: str
    status:
      description: The last status seen (V(not found) for an instance no list shows, V(deleted) once gone).
      type: str
    job_id:
      description: The job of the entry, when known.
      type: str
      returned: when known
    api_version:
      description: V(v1) for an RDS v1 instance.
      type: str
      returned: for RDS v1 instances
    instance:
      description: The instance as its service's list API reports it (the record the C(_info) modules return).
      type: dict
      returned: for a ready instance (not for a deleted one)
  sample: [{service: rds, id: 4f2c9a1e8b7d4c6e9a0b1c2d3e4f5a6bin01, name: shop-db-1, status: ACTIVE, instance: {}}]
failed_instances:
  description:
    - The instances that failed, each with C(reason) (the job's C(fail_reason) when the instance names a job, else its
      status), C(service), C(id), C(name), C(status) and C(job_id).
    - Named C(failed_instances) because C(failed) is the flag Ansible sets on every task result.
  returned: always
  type: list
  elements: dict
  contains:
    service:
      description: V(rds), V(gaussdb) or V(dds).
      type: str
    id:
      description: Instance ID; empty for an entry given by name that was not found.
      type: str
    name:
      description: Instance name.
      type: str
    status:
      description: The last status seen (V(not found) for an instance no list shows, V(deleted) once gone).
      type: str
    job_id:
      description: The job of the entry, when known.
      type: str
      returned: when known
    api_version:
      description: V(v1) for an RDS v1 instance.
      type: str
      returned: for RDS v1 instances
    reason:
      description: Why, for example the job's C(fail_reason), or the status at the deadline.
      type: str
  sample: [{service: rds, id: 7a1d0c2b3e4f5a6b7c8d9e0f1a2b3c4din01, name: shop-db-7, status: FAILED,
            job_id: dff1d289-4d03-4942-8b9f-463ea07c000d, reason: "job dff1d289-4d03-4942-8b9f-463ea07c000d failed: no capacity"}]
timed_out:
  description: The instances not ready (or not deleted) by the deadline, each with the last status seen and C(reason).
  returned: always
  type: list
  elements: dict
  contains:
    service:
      description: V(rds), V(gaussdb) or V(dds).
      type: str
    id:
      description: Instance ID; empty for an entry given by name that was not found.
      type: str
    name:
      description: Instance name.
      type: str
    status:
      description: The last status seen (V(not found) for an instance no list shows, V(deleted) once gone).
      type: str
    job_id:
      description: The job of the entry, when known.
      type: str
      returned: when known
    api_version:
      description: V(v1) for an RDS v1 instance.
      type: str
      returned: for RDS v1 instances
    reason:
      description: Why, for example the job's C(fail_reason), or the status at the deadline.
      type: str
  sample: [{service: dds, id: 9136fd2a9fcd405ea4674276ce36dae8in02, name: docs-1, status: creating,
            reason: "still creating when the deadline of 3600s passed"}]
pending:
  description: In check mode, the instances that are neither ready nor failed yet.
  returned: always
  type: list
  elements: dict
  contains:
    service:
      description: V(rds), V(gaussdb) or V(dds).
      type: str
    id:
      description: Instance ID; empty for an entry given by name that was not found.
      type: str
    name:
      description: Instance name.
      type: str
    status:
      description: The last status seen (V(not found) for an instance no list shows, V(deleted) once gone).
      type: str
    job_id:
      description: The job of the entry, when known.
      type: str
      returned: when known
    api_version:
      description: V(v1) for an RDS v1 instance.
      type: str
      returned: for RDS v1 instances
state:
  description: The state waited for.
  returned: always
  type: str
  sample: present
polls:
  description: How many times the instances were polled.
  returned: always
  type: int
  sample: 12
requests:
  description: API requests the task sent (list pages and job reads); about one per service per poll.
  returned: always
  type: int
  sample: 24
elapsed:
  description: Seconds spent polling and waiting.
  returned: always
  type: float
  sample: 312.5
waited:
  description: Whether the task waited (false in check mode).
  returned: always
  type: bool
error:
  description: Details of an API error or of invalid input (C(option) and C(rule)).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError, DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import API_VERSIONS, DATABASE_SERVICES
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.batch_wait import failure_message, wait_for_instances

WAIT_TIMEOUT = 3600

ARGUMENT_SPEC = {
    "instances": {"type": "raw", "required": True},
    "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    "service": {"type": "str", "choices": list(DATABASE_SERVICES)},
    "api_version": {"type": "str", "choices": list(API_VERSIONS), "default": "v3"},
    "v1_path_prefix": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, wait_timeout=WAIT_TIMEOUT)
    try:
        batch, result = wait_for_instances(module.client(), module.params, module.check_mode, module.deadline())
    except (ApiError, DbaasError) as error:
        module.fail_with(error)
        return
    for warning in batch.warnings:
        module.warn(warning)
    message = failure_message(result)
    if message:
        module.fail_json(msg=message, **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
