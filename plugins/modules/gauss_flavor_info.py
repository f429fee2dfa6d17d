#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
---
module: gauss_flavor_info
short_description: List the GaussDB (openGauss) flavors
version_added: 1.0.0
description:
  - Lists the flavors that GaussDB (openGauss) offers in the region, with their vCPUs, memory, version and where they
    are on sale, so that a task can pick the O(hwcloud.dbaas.gauss_restore#module:flavor).
  - One read of GaussDB ListFlavors (C(GET /v3/{project_id}/flavors)); a further page only past 100 flavors.
    O(engine_version), O(ha_mode) and O(flavor) are filters of that API; O(availability_zone) is applied to its answer.
  - Never fails when nothing matches; returns an empty list.
author:
  - hwcloud.dbaas contributors (@hwcloud-dbaas)
options:
  engine_version:
    description:
      - Only the flavors of this engine version, for example V(2.7) (sent as C(version)).
    type: str
  ha_mode:
    description:
      - Only the flavors of distributed instances (V(enterprise)) or of primary/standby instances
        (V(centralization_standard)).
    type: str
    choices: [centralization_standard, enterprise]
  flavor:
    description:
      - Only this flavor (specification code), for example V(gaussdb.opengauss.ee.dn.m6.2xlarge.8.in) (sent as C(spec_code)).
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
  - module: hwcloud.dbaas.gauss_restore
  - module: hwcloud.dbaas.gauss_instance_info
'''

EXAMPLES = r'''
- name: Distributed flavors of version 2.7 on sale in eu-de-01
  hwcloud.dbaas.gauss_flavor_info:
    region: eu-de
    engine_version: "2.7"
    ha_mode: enterprise
    availability_zone: eu-de-01
  register: gauss_flavors

- name: Is the flavor of the restore on offer?
  ansible.builtin.assert:
    that: "'gaussdb.opengauss.ee.dn.m6.2xlarge.8.in' in (gauss_flavors.flavors | map(attribute='spec_code'))"
'''

RETURN = r'''
flavors:
  description: The matching flavors as GaussDB ListFlavors reports them, one entry per flavor and version; empty when none match.
  returned: always
  type: list
  elements: dict
  contains:
    spec_code:
      description: The flavor (specification code), the value of O(hwcloud.dbaas.gauss_restore#module:flavor).
      type: str
    version:
      description: The engine version the entry is for.
      type: str
    vcpus:
      description: Number of vCPUs, as a string.
      type: str
    ram:
      description: Memory in GB, as a string.
      type: str
    availability_zone:
      description: The availability zones of the flavor.
      type: list
      elements: str
    az_status:
      description: Availability zone to V(normal) (on sale), V(sellout) (sold out) or V(unsupported).
      type: dict
    name:
      description: The engine, V(GaussDB).
      type: str
      returned: when the API reports it
    group_type:
      description: Performance class, for example V(normal2) (general-enhanced II) or V(armFlavors) (Kunpeng).
      type: str
      returned: when the API reports it
  sample:
    - spec_code: gaussdb.opengauss.ee.dn.m6.2xlarge.8.in
      version: "2.7"
      vcpus: "8"
      ram: "64"
      availability_zone: [eu-de-01, eu-de-02, eu-de-03]
      az_status: {eu-de-01: normal, eu-de-02: normal, eu-de-03: normal}
      name: GaussDB
      group_type: normal2
error:
  description: Details of an API failure (C(status), C(code), C(message), C(request_id)).
  returned: failed
  type: dict
'''

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.flavors import GAUSS_HA_MODES, gauss_flavors

ARGUMENT_SPEC = {
    "engine_version": {"type": "str"},
    "ha_mode": {"type": "str", "choices": list(GAUSS_HA_MODES)},
    "flavor": {"type": "str"},
    "availability_zone": {"type": "str"},
}


def main() -> None:
    module = DbaasModule(ARGUMENT_SPEC, waits=False)
    module.run_info(gauss_flavors, "flavors")


if __name__ == "__main__":
    main()
