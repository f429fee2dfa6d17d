# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The adapter that lists, reads statuses and jobs of each service and API version (for waits that span services).

The registry (module_utils/registry.py) says which services and API versions exist; this module maps each to its
adapter class. It imports every service module, so only code that needs all of them (instance_wait) imports it.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Tuple, Type

from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import ServiceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.dds import DdsInstances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.gauss import GaussInstances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds import RdsInstances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds_v1 import RdsV1Instances

ADAPTERS: Dict[Tuple[str, str], Type[ServiceAdapter]] = {
    ("rds", "v3"): RdsInstances,
    ("rds", "v1"): RdsV1Instances,
    ("gaussdb", "v3"): GaussInstances,
    ("dds", "v3"): DdsInstances,
}
# Every API version the registry declares has its adapter here: tests/unit/plugins/module_utils/test_registry.py checks both ways.


def instance_adapter(client: Any, service: str, version: str, params: Mapping[str, Any]) -> ServiceAdapter:
    return ADAPTERS[(service, version)](client, params)
