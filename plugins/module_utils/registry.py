# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One spec per service: endpoints per platform, busy codes, status words and the adapter of each API version.

Everything that differs by service and is not a request body or a rule is read from here: the client (endpoints,
busy codes), the flow's adapters (statuses), instance_wait (services, API versions), the argument specs (choices).
The adapter classes of each service and API version are listed in services/catalog.py, which imports them.

The platform (Huawei Cloud or Open Telekom Cloud) picks the default endpoints. When a task does not name it, it is
inferred: from the IAM host of ``auth_url``, else from the region (the Open Telekom Cloud regions are listed here).
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple
from urllib.parse import urlsplit


class ServiceSpec:
    """What the collection knows of one service, as data."""

    def __init__(self, name: str, endpoints: Mapping[str, str], busy_codes: Tuple[str, ...] = (),
                 ready: Tuple[str, ...] = (), failed: Tuple[str, ...] = (), settled: Tuple[str, ...] = (),
                 api_versions: Tuple[str, ...] = (), available: Tuple[str, ...] = ()) -> None:
        self.name = name
        self.endpoints = dict(endpoints)  # platform -> URL template with {region} and {domain}
        self.busy_codes = busy_codes  # "come back later": the instance is busy; retried like a throttle
        self.ready = ready  # statuses a create or an update waits for
        self.failed = failed  # statuses no wait can leave
        self.settled = settled  # statuses waiting cannot change (frozen, disk full): accepted with a warning
        self.api_versions = api_versions  # the instance APIs the collection drives
        # In use but not idle (a backup runs, the disk is full): a converged run neither waits nor fails.
        self.available = available


# Throttled by the API gateway: every service.
THROTTLED_CODES = ("APIGW.0308",)
# The instance is busy (e.g. BACKING UP right after creation): RDS and GaussDB share the DBS error codes.
DBS_BUSY_CODES = ("DBS.200019", "DBS.200047")

SERVICES: Dict[str, ServiceSpec] = {
    "iam": ServiceSpec("iam", {
        "huaweicloud": "https://iam.{region}.{domain}/v3",
        "otc": "https://iam.{region}.{domain}/v3",
    }),
    "rds": ServiceSpec(
        "rds",
        {"huaweicloud": "https://rds.{region}.{domain}", "otc": "https://rds.{region}.{domain}"},
        busy_codes=DBS_BUSY_CODES, ready=("ACTIVE",), failed=("FAILED",),
        # RDS v3 ListInstances statuses of an instance in use: a backup runs, or the disk is full (enlarging it is allowed).
        available=("BACKING UP", "STORAGE FULL"),
        api_versions=("v3", "v1"),
    ),
    "gaussdb": ServiceSpec(
        "gaussdb",
        {"huaweicloud": "https://gaussdb-opengauss.{region}.{domain}", "otc": "https://gaussdb.{region}.{domain}"},
        busy_codes=DBS_BUSY_CODES, ready=("ACTIVE",), failed=("FAILED",),
        # GaussDB ListInstances statuses of an instance in use (a backup runs, the disk is full).
        available=("BACKING UP", "STORAGE FULL"),
        api_versions=("v3",),
    ),
    "dds": ServiceSpec(
        "dds",
        {"huaweicloud": "https://dds.{region}.{domain}", "otc": "https://dds.{region}.{domain}"},
        # DDS QueryInstanceResponse status: enlargefail is an instance whose disk enlargement failed; it keeps running.
        busy_codes=DBS_BUSY_CODES, ready=("normal",), failed=("createfail", "abnormal"), settled=("frozen", "data_disk_full", "enlargefail"),
        api_versions=("v3",),
    ),
}
# The database services, in the order the documentation lists them (instance_wait's `service` choices).
DATABASE_SERVICES: Tuple[str, ...] = ("rds", "gaussdb", "dds")
API_VERSIONS: Tuple[str, ...] = ("v3", "v1")
CLOUDS: Tuple[str, ...] = ("huaweicloud", "otc")  # the platforms (option `platform`)
DEFAULT_PLATFORM = "huaweicloud"
# Open Telekom Cloud regions, as its "Regions and Endpoints" list names them: Germany, the Netherlands and
# Switzerland (the Swiss cloud). Every other region is taken for a Huawei Cloud region.
OTC_REGIONS: Tuple[str, ...] = ("eu-de", "eu-nl", "eu-ch2")
# Huawei Cloud regions, as the region tables of the Huawei Cloud SDK (RdsRegion) list them. Only for checks of
# examples and documents: a region missing here is still used.
HUAWEICLOUD_REGIONS: Tuple[str, ...] = (
    "af-north-1", "af-south-1", "ae-ad-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
    "ap-southeast-5", "cn-east-2", "cn-east-3", "cn-east-4", "cn-east-5", "cn-north-1", "cn-north-2", "cn-north-4",
    "cn-north-9", "cn-north-11", "cn-north-12", "cn-south-1", "cn-south-2", "cn-south-4", "cn-southwest-2",
    "cn-southwest-3", "eu-west-0", "eu-west-101", "la-north-2", "la-south-2", "me-east-1", "my-kualalumpur-1",
    "na-mexico-1", "ru-moscow-1", "ru-northwest-2", "sa-brazil-1", "tr-west-1",
)
REGIONS: Dict[str, Tuple[str, ...]] = {"huaweicloud": HUAWEICLOUD_REGIONS, "otc": OTC_REGIONS}
# The domain of a platform's hosts ({domain} in the endpoint templates), and the regions under another one:
# Open Telekom Cloud Switzerland answers under sc.otc.t-systems.com, Huawei Cloud Europe (Dublin) under
# myhuaweicloud.eu (the SDK's region tables).
DOMAINS: Dict[str, str] = {"huaweicloud": "myhuaweicloud.com", "otc": "otc.t-systems.com"}
REGION_DOMAINS: Dict[Tuple[str, str], str] = {("otc", "eu-ch2"): "sc.otc.t-systems.com", ("huaweicloud", "eu-west-101"): "myhuaweicloud.eu"}
HOST_DOMAINS: Tuple[Tuple[str, str], ...] = tuple(sorted(
    [(domain, name) for name, domain in DOMAINS.items()] + [(domain, key[0]) for key, domain in REGION_DOMAINS.items()]))
# Endpoints that follow no template: the IAM of Open Telekom Cloud Switzerland is iam-pub.
REGION_ENDPOINTS: Dict[Tuple[str, str, str], str] = {("iam", "otc", "eu-ch2"): "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3"}
# Every "come back later" code: retried while the task's deadline allows.
BUSY_CODES = frozenset(THROTTLED_CODES + tuple(code for spec in SERVICES.values() for code in spec.busy_codes))


def spec(service: str) -> ServiceSpec:
    return SERVICES[service]


def api_version(params: Mapping[str, Any]) -> str:
    """The API version a task uses: api_version when set, else v3."""
    return str(params.get("api_version") or "v3")


def supports(service: str, version: str) -> bool:
    return version in SERVICES[service].api_versions


def infer_platform(region: Any, auth_url: Any = None) -> Optional[str]:
    """The platform an IAM URL or a region belongs to; None when neither says anything.

    An ``auth_url`` on a host under otc.t-systems.com means Open Telekom Cloud, one under a Huawei Cloud domain
    Huawei Cloud; any other host (a private cloud, a test) leaves the choice to the region. An Open Telekom Cloud
    region means otc, any other region huaweicloud.
    """
    host = (urlsplit(str(auth_url)).hostname or "") if auth_url else ""
    for domain, owner in HOST_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return owner
    if region:
        return "otc" if str(region) in OTC_REGIONS else "huaweicloud"
    return None


def platform(params: Mapping[str, Any]) -> str:
    """The platform of a task: ``platform`` (the module resolves it), else a platform name given as ``cloud`` (the
    meaning ``cloud`` had before 1.0.0), else the one inferred from ``auth_url`` and ``region``."""
    if params.get("platform"):
        return str(params["platform"])
    if params.get("cloud") in CLOUDS:
        return str(params["cloud"])
    return infer_platform(params.get("region"), params.get("auth_url")) or DEFAULT_PLATFORM


def default_endpoint(service: str, platform_name: str, region: Any) -> Optional[str]:
    """The public endpoint of a service in a region of a platform; None when the registry has no template for it."""
    known = SERVICES.get(service)
    template = known.endpoints.get(platform_name) if known else None
    if template is None:
        return None
    exact = REGION_ENDPOINTS.get((service, platform_name, str(region)))
    if exact:
        return exact
    domain = REGION_DOMAINS.get((platform_name, str(region))) or DOMAINS[platform_name]
    return template.format(region=region, domain=domain)
