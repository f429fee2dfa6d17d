# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One spec per service: endpoints per cloud, busy codes, status words and the adapter of each API version.

Everything that differs by service and is not a request body or a rule is read from here: the client (endpoints,
busy codes), the flow's adapters (statuses), instance_wait (services, API versions), the argument specs (choices).
The adapter classes of each service and API version are listed in services/catalog.py, which imports them.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Tuple


class ServiceSpec:
    """What the collection knows of one service, as data."""

    def __init__(self, name: str, endpoints: Mapping[str, str], busy_codes: Tuple[str, ...] = (),
                 ready: Tuple[str, ...] = (), failed: Tuple[str, ...] = (), settled: Tuple[str, ...] = (),
                 api_versions: Tuple[str, ...] = ()) -> None:
        self.name = name
        self.endpoints = dict(endpoints)  # cloud -> URL template with {region}
        self.busy_codes = busy_codes  # "come back later": the instance is busy; retried like a throttle
        self.ready = ready  # statuses a create or an update waits for
        self.failed = failed  # statuses no wait can leave
        self.settled = settled  # statuses waiting cannot change (frozen, disk full): accepted with a warning
        self.api_versions = api_versions  # the instance APIs the collection drives


# Throttled by the API gateway: every service.
THROTTLED_CODES = ("APIGW.0308",)
# The instance is busy (e.g. BACKING UP right after creation): RDS and GaussDB share the DBS error codes.
DBS_BUSY_CODES = ("DBS.200019", "DBS.200047")

SERVICES: Dict[str, ServiceSpec] = {
    "iam": ServiceSpec("iam", {
        "huaweicloud": "https://iam.{region}.myhuaweicloud.com/v3",
        "otc": "https://iam.{region}.otc.t-systems.com/v3",
    }),
    "rds": ServiceSpec(
        "rds",
        {"huaweicloud": "https://rds.{region}.myhuaweicloud.com", "otc": "https://rds.{region}.otc.t-systems.com"},
        busy_codes=DBS_BUSY_CODES, ready=("ACTIVE",), failed=("FAILED",),
        api_versions=("v3", "v1"),
    ),
    "gaussdb": ServiceSpec(
        "gaussdb",
        {"huaweicloud": "https://gaussdb-opengauss.{region}.myhuaweicloud.com", "otc": "https://gaussdb.{region}.otc.t-systems.com"},
        busy_codes=DBS_BUSY_CODES, ready=("ACTIVE",), failed=("FAILED",),
        api_versions=("v3",),
    ),
    "dds": ServiceSpec(
        "dds",
        {"huaweicloud": "https://dds.{region}.myhuaweicloud.com", "otc": "https://dds.{region}.otc.t-systems.com"},
        busy_codes=DBS_BUSY_CODES, ready=("normal",), failed=("createfail", "abnormal"), settled=("frozen", "data_disk_full"),
        api_versions=("v3",),
    ),
}
# The database services, in the order the documentation lists them (instance_wait's `service` choices).
DATABASE_SERVICES: Tuple[str, ...] = ("rds", "gaussdb", "dds")
API_VERSIONS: Tuple[str, ...] = ("v3", "v1")
CLOUDS: Tuple[str, ...] = ("huaweicloud", "otc")
# Every "come back later" code: retried while the task's deadline allows.
BUSY_CODES = frozenset(THROTTLED_CODES + tuple(code for spec in SERVICES.values() for code in spec.busy_codes))


def spec(service: str) -> ServiceSpec:
    return SERVICES[service]


def api_version(params: Mapping[str, Any]) -> str:
    """The API version a task uses: api_version when set, else v3."""
    return str(params.get("api_version") or "v3")


def supports(service: str, version: str) -> bool:
    return version in SERVICES[service].api_versions
