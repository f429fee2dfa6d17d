# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DDS (Document Database Service, MongoDB-compatible) v3: paths, field mapping, statuses and input rules, as data.

DDS shares the v3 instance API (list, job and delete calls) with RDS and GaussDB; what differs is data: the create answer is flat
(``{"id", ..., "job_id"}``, not wrapped in ``instance``), statuses are lower-case (``creating`` -> ``normal``), the
port is a string in lists and an int in the create answer, and the node layout is a ``flavor`` list per mode.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils import validate as v
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import prune
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import CreateAnswer, V3InstanceAdapter

DATASTORE_TYPE = "DDS-Community"
# The versions offered and the storage engine each one runs (DDS API reference, Creating a DB Instance, datastore:
# 4.0 and earlier wiredTiger, 4.2 and later rocksDB; the quick start creates 3.4). 3.2 is no longer offered.
ENGINE_BY_VERSION = {"3.4": "wiredTiger", "4.0": "wiredTiger", "4.2": "rocksDB", "4.4": "rocksDB", "5.0": "rocksDB"}
VERSIONS = tuple(ENGINE_BY_VERSION)
# DDS API reference, Creating a DB Instance, mode: version 5.0 does not support single node instances.
NO_SINGLE_VERSIONS = ("5.0",)
# ULTRAHIGH (SSD) is the documented disk type and the default; some regions offer the faster ones.
STORAGE_TYPES = ("ULTRAHIGH", "EXTREMEHIGH", "ESSD")
DEFAULT_STORAGE = "ULTRAHIGH"
# One AZ, or three for a cross-AZ cluster or replica set; a single node lives in one AZ.
ZONE_COUNTS: Dict[str, Tuple[int, ...]] = {"Sharding": (1, 3), "ReplicaSet": (1, 3), "Single": (1,)}
PASSWORD_SPECIALS = "~!@#%^*-_=+?"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
SIZE_STEP = 10

# Node types each mode needs (exactly one flavor entry each); every other type is refused for that mode.
MODES: Dict[str, Tuple[str, ...]] = {
    "Sharding": ("mongos", "shard", "config"),
    "ReplicaSet": ("replica",),
    "Single": ("single",),
}
# Per node type: allowed num (nodes for mongos, groups otherwise) and disk size in GB (None: no disk at all).
NODE_TYPES: Dict[str, Dict[str, Optional[Tuple[int, int]]]] = {
    "mongos": {"num": (2, 16), "size": None},
    "shard": {"num": (2, 16), "size": (10, 2000)},
    "config": {"num": (1, 1), "size": (20, 20)},
    "replica": {"num": (1, 1), "size": (10, 2000)},
    "single": {"num": (1, 1), "size": (10, 1000)},
}
NODE_ORDER = ("mongos", "shard", "config", "replica", "single")

RULES: Dict[str, List[v.Rule]] = {
    "name": [v.length(4, 64), v.pattern(v.NAME_PATTERN, v.NAME_TEXT)],
    "port": [v.int_range(2100, 9500, also=(27017, 27018, 27019))],
    "password": [v.password(PASSWORD_SPECIALS, all_classes=True)],
    "datastore.version": [v.one_of(VERSIONS)],
    "vpc_id": [v.pattern(UUID_PATTERN, "must be a UUID")],
    "disk_encryption_id": [v.pattern(UUID_PATTERN, "must be a UUID (the ID of a KMS key)")],
    "backup_strategy.start_time": [v.backup_window],
    "backup_strategy.keep_days": [v.int_range(0, 732)],
}
REQUIRED_FOR_CREATE = ("mode", "datastore", "availability_zone", "vpc_id", "subnet_id", "security_group_id", "password", "flavor")


# validation ----------------------------------------------------------------------------------------
def validate_instance(params: Mapping[str, Any]) -> None:
    """Every documented rule of the DDS create call, checked before any request."""
    if params.get("state") == "absent":
        return  # the name rules are create rules: an instance made elsewhere is found by its exact name
    v.require(params, REQUIRED_FOR_CREATE, "when state=present")
    v.check(params, RULES)
    _check_datastore(params["datastore"])
    if params["mode"] == "Single" and str(params["datastore"]["version"]) in NO_SINGLE_VERSIONS:
        raise ValidationError("mode", "Single is not offered for version %s; use ReplicaSet or Sharding" % params["datastore"]["version"])
    _check_zones(params["mode"], params["availability_zone"])
    _check_flavor(params["mode"], params["flavor"])


def storage_engine(datastore: Mapping[str, Any]) -> Optional[str]:
    return datastore.get("storage_engine") or ENGINE_BY_VERSION.get(str(datastore.get("version")))


def _check_datastore(datastore: Mapping[str, Any]) -> None:
    version = str(datastore["version"])
    chosen = datastore.get("storage_engine")
    expected = ENGINE_BY_VERSION.get(version)
    if chosen is None and expected is None:
        raise ValidationError("datastore.storage_engine", "is required for version %s (wiredTiger or rocksDB)" % version)
    if chosen and expected and chosen != expected:
        raise ValidationError("datastore.storage_engine", "must be %s for version %s (got %s)" % (expected, version, chosen))


def _check_zones(mode: str, zones: List[str]) -> None:
    if any(not str(zone).strip() for zone in zones):
        raise ValidationError("availability_zone", "must not contain empty names")
    counts = ZONE_COUNTS[mode]
    if len(zones) not in counts:
        wanted = " or ".join(str(count) for count in counts)
        raise ValidationError("availability_zone", "needs %s availability zone(s) for mode=%s (got %d)" % (wanted, mode, len(zones)))


def _check_flavor(mode: str, flavor: List[Mapping[str, Any]]) -> None:
    allowed = MODES[mode]
    seen: Dict[str, int] = {}
    for index, entry in enumerate(flavor):
        path = "flavor[%d]" % index
        node_type = entry.get("type")
        if node_type not in allowed:
            raise ValidationError(path + ".type", "must be one of %s for mode=%s (got %s)" % (", ".join(allowed), mode, node_type))
        if node_type in seen:
            raise ValidationError(path + ".type", "%s is already given in flavor[%d]; give one entry per node type" % (node_type, seen[node_type]))
        seen[node_type] = index
        _check_node(path, entry)
    missing = [node_type for node_type in allowed if node_type not in seen]
    if missing:
        raise ValidationError("flavor", "mode=%s needs one entry of each type %s (missing: %s)" % (mode, ", ".join(allowed), ", ".join(missing)))


def _within(low: int, high: int, what: str, value: Any) -> Optional[str]:
    if low <= int(value) <= high:
        return None
    if low == high:
        return "must be %d %s (got %s)" % (low, what, value)
    return "must be between %d and %d %s (got %s)" % (low, high, what, value)


def _check_node(path: str, entry: Mapping[str, Any]) -> None:
    node_type = entry["type"]
    limits = NODE_TYPES[node_type]
    num_low, num_high = limits["num"] or (1, 1)
    broken = _within(num_low, num_high, "for type %s" % node_type, entry.get("num"))
    if broken:
        raise ValidationError(path + ".num", broken)
    size_range = limits["size"]
    if size_range is None:
        for key in ("storage", "size"):
            if entry.get(key) is not None:
                raise ValidationError("%s.%s" % (path, key), "is not allowed for type %s (%s nodes have no disk)" % (node_type, node_type))
        return
    size = entry.get("size")
    if size is None:
        raise ValidationError(path + ".size", "is required for type %s (disk size in GB)" % node_type)
    broken = _within(size_range[0], size_range[1], "GB for type %s" % node_type, size) or v.multiple_of(SIZE_STEP)(size)
    if broken:
        raise ValidationError(path + ".size", broken)
    if entry.get("storage") is not None:
        broken = v.one_of(STORAGE_TYPES)(entry["storage"])
        if broken:
            raise ValidationError(path + ".storage", broken)


# mapping -------------------------------------------------------------------------------------------
def _node_order(node_type: Any) -> int:
    return NODE_ORDER.index(node_type) if node_type in NODE_ORDER else len(NODE_ORDER)


def canonical_flavor(entries: List[Mapping[str, Any]]) -> Optional[List[Dict[str, Any]]]:
    """The flavor list in one comparable shape (type, num, size, spec_code; ints); None when something is unknown."""
    canonical = []
    for entry in sorted(entries, key=lambda item: _node_order(item.get("type"))):
        try:
            item: Dict[str, Any] = {"type": entry["type"], "num": int(entry["num"])}
            if entry.get("size") is not None:
                item["size"] = int(entry["size"])
        except (KeyError, TypeError, ValueError):
            return None
        if not entry.get("spec_code"):
            return None
        item["spec_code"] = entry["spec_code"]
        canonical.append(item)
    return canonical


def flavor_from_groups(groups: List[Mapping[str, Any]]) -> Optional[List[Dict[str, Any]]]:
    """What a listed instance's groups say about its flavor: mongos counts nodes, the other types count groups."""
    by_type: Dict[str, List[Mapping[str, Any]]] = {}
    for group in groups:
        by_type.setdefault(str(group.get("type")), []).append(group)
    entries = []
    for node_type, members in by_type.items():
        nodes = [node for group in members for node in (group.get("nodes") or [])]
        spec_codes = [node.get("spec_code") for node in nodes if node.get("spec_code")]
        entry: Dict[str, Any] = {"type": node_type, "spec_code": spec_codes[0] if spec_codes else None}
        entry["num"] = len(nodes) if node_type == "mongos" else len(members)
        size = (members[0].get("volume") or {}).get("size")
        if node_type != "mongos" and size is not None:
            entry["size"] = size
        entries.append(entry)
    return canonical_flavor(entries)


def _as_int(value: Any) -> Any:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value


def backup_strategy(params: Mapping[str, Any], as_text: bool = False) -> Optional[Dict[str, Any]]:
    strategy = params.get("backup_strategy") or {}
    keep_days = strategy.get("keep_days")
    if as_text and keep_days is not None:
        keep_days = str(keep_days)  # the create call takes keep_days as a string
    return prune({"start_time": strategy.get("start_time"), "keep_days": keep_days}) or None


def _flavor_entry(entry: Mapping[str, Any]) -> Dict[str, Any]:
    has_disk = NODE_TYPES[entry["type"]]["size"] is not None
    storage = (entry.get("storage") or DEFAULT_STORAGE) if has_disk else None
    return prune({"type": entry["type"], "num": entry["num"], "storage": storage, "size": entry.get("size"), "spec_code": entry["spec_code"]})


def ssl_value(params: Mapping[str, Any]) -> str:
    """ssl_option is always sent: leaving it out means "on", so "off" must be an explicit "0"."""
    return "0" if params.get("ssl_option") is False else "1"


def datastore_fields(params: Mapping[str, Any]) -> Dict[str, Any]:
    """The datastore as both the create body and the instance record spell it."""
    datastore = params["datastore"]
    return {"type": datastore.get("type") or DATASTORE_TYPE, "version": str(datastore["version"]),
            "storage_engine": storage_engine(datastore)}


def zones_text(params: Mapping[str, Any]) -> str:
    return ",".join(str(zone).strip() for zone in params["availability_zone"])


def placement(params: Mapping[str, Any]) -> Dict[str, Any]:
    """The fields the create body and the listed instance share as they are: mode, version, where it runs, encryption."""
    return {
        "mode": params["mode"],
        "datastore": datastore_fields(params),
        "region": params["region"],
        "availability_zone": zones_text(params),
        "vpc_id": params["vpc_id"],
        "subnet_id": params["subnet_id"],
        "security_group_id": params["security_group_id"],
        "disk_encryption_id": params.get("disk_encryption_id"),
    }


def create_body(params: Mapping[str, Any]) -> Dict[str, Any]:
    port = params.get("port")
    body = prune(dict(
        placement(params),
        name=params["name"],
        port=str(port) if port is not None else None,  # DDS CreateInstance: port is a string
        password=params["password"],
        backup_strategy=backup_strategy(params, as_text=True),
        enterprise_project_id=params.get("enterprise_project_id"),
    ))
    body["flavor"] = [_flavor_entry(entry) for entry in params["flavor"]]
    body["ssl_option"] = ssl_value(params)
    return body


class DdsInstances(V3InstanceAdapter):
    """DDS instances over the v3 instance API; the flat create answer, lower-case statuses and the node layout as data."""

    kind = "DDS instance"
    service = "dds"
    # find_by_name lists without a mode filter: an instance of another mode with this name must be found, not duplicated.

    def create_request(self) -> Dict[str, Any]:
        return create_body(self.params)

    # DDS CreateInstance answers flat: {"id", "name", ..., "job_id"}.
    create_requires: Dict[str, Any] = {"id": str}

    def create_answer(self, answer: Mapping[str, Any]) -> CreateAnswer:
        record = {key: value for key, value in answer.items() if key != "job_id"}
        return CreateAnswer(str(record["id"]), answer.get("job_id"), record)

    def normalize(self, record: Mapping[str, Any]) -> Dict[str, Any]:
        normalized = dict(record)
        if "port" in normalized:
            normalized["port"] = _as_int(normalized["port"])
        ssl = normalized.get("ssl")
        if isinstance(ssl, bool):
            normalized["ssl"] = int(ssl)
        elif isinstance(ssl, str):
            normalized["ssl"] = _as_int(ssl)
        flavor = None
        if isinstance(record.get("groups"), list) and record["groups"]:
            flavor = flavor_from_groups(record["groups"])
        elif isinstance(record.get("flavor"), list):
            flavor = canonical_flavor(record["flavor"])
        if flavor is not None:
            normalized["flavor"] = flavor
        return normalized

    def desired(self) -> Dict[str, Any]:
        params = self.params
        if params.get("state") == "absent":
            return {}
        ssl = params.get("ssl_option")
        return prune(dict(
            placement(params),
            port=params.get("port"),
            backup_strategy=backup_strategy(params),
            ssl=None if ssl is None else int(bool(ssl)),
            flavor=canonical_flavor(params["flavor"]),
        ))


# listing -------------------------------------------------------------------------------------------
LIST_FILTERS = ("name", "id", "mode")


def list_instances(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """dds_instance_info: server-side filters, then the exact compares the API does not promise; records as dds_instance returns them."""
    filters = {key: params[key] for key in LIST_FILTERS if params.get(key) not in (None, "")}
    adapter = DdsInstances(client, params)
    records = [record for record in adapter.api.list(**filters) if all(record.get(key) == value for key, value in filters.items())]
    return [adapter.normalize(record) for record in records]
