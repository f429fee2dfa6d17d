# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DDS (Document Database Service, MongoDB-compatible) v3: paths, field mapping, statuses and input rules, as data.

DDS shares the v3 instance API (list, job and delete calls) with RDS and GaussDB; what differs is data: the create answer is flat
(``{"id", ..., "job_id"}``, not wrapped in ``instance``), statuses are lower-case (``creating`` -> ``normal``), the
port is a string in lists and an int in the create answer, and the node layout is a ``flavor`` list per mode.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils import restore, validate as v
from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import V3_INSTANCES
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import prune, pruned, with_node_zones
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import CreateAnswer, Operation, Plan, ServiceAdapter, V3InstanceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.backups import DdsBackups, check_final_backup_name
from ansible_collections.hwcloud.dbaas.plugins.module_utils.tags import as_dict as tags_as_dict, as_list as tags_as_list, check_tags
from ansible_collections.hwcloud.dbaas.plugins.module_utils.urls import path_id

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
# The password is required at create time only (checked once the instance is known to be missing).
REQUIRED_FOR_CREATE = ("mode", "datastore", "availability_zone", "vpc_id", "subnet_id", "security_group_id", "flavor")


# validation ----------------------------------------------------------------------------------------
def validate_instance(params: Mapping[str, Any]) -> None:
    """Every documented rule of the DDS create call, checked before any request."""
    check_final_backup_name(params)
    if params.get("state") == "absent":
        return  # the name rules are create rules: an instance made elsewhere is found by its exact name
    v.require(params, REQUIRED_FOR_CREATE, "when state=present")
    v.check(params, RULES)
    _check_datastore(params["datastore"])
    if params["mode"] == "Single" and str(params["datastore"]["version"]) in NO_SINGLE_VERSIONS:
        raise ValidationError("mode", "Single is not offered for version %s; use ReplicaSet or Sharding" % params["datastore"]["version"])
    _check_zones(params["mode"], params["availability_zone"])
    _check_flavor(params["mode"], params["flavor"])
    check_tags(params.get("tags"))
    source = params.get("restore_from")
    if source:
        # DDS RestoreNewInstance: the source and exactly one restore point, the rules of gauss_restore.
        restore.check_source_choice(source, params["name"], RESTORE_PREFIX)
        restore.check_restore_point(source, RESTORE_PREFIX)


def storage_engine(datastore: Mapping[str, Any]) -> Optional[str]:
    return datastore.get("storage_engine") or ENGINE_BY_VERSION.get(str(datastore.get("version")))


# The storage engines as the create takes them; the list's `engine` is matched without case.
ENGINES = {engine.lower(): engine for engine in ENGINE_BY_VERSION.values()}


def listed_datastore(record: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """The datastore of a listed instance in the create's shape: DDS ListInstances reports {type, version,
    patch_available, whole_version} and the storage engine in the top-level `engine`; the create answer (and older
    list answers) have datastore.storage_engine. None when the record has neither a datastore nor an engine."""
    datastore = record.get("datastore")
    out = dict(datastore) if isinstance(datastore, Mapping) else {}
    engine = record.get("engine")
    if isinstance(engine, str) and engine.strip():
        out["storage_engine"] = ENGINES.get(engine.strip().lower(), engine.strip())
    return out if out or isinstance(datastore, Mapping) else None


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


def canonical_flavor(entries: Sequence[Mapping[str, Any]]) -> Optional[List[Dict[str, Any]]]:
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
    """What a listed instance's groups say about its flavor: mongos counts nodes, the other types count groups.

    Groups of one type that differ (a change that stopped halfway) show as such: the spec codes comma-joined, the
    smallest disk; so that they never look like the task's values and the next run changes the rest.
    """
    by_type: Dict[str, List[Mapping[str, Any]]] = {}
    for group in groups:
        by_type.setdefault(str(group.get("type")), []).append(group)
    entries = []
    for node_type, members in by_type.items():
        nodes = [node for group in members for node in (group.get("nodes") or [])]
        spec_codes = sorted(set(str(node["spec_code"]) for node in nodes if node.get("spec_code")))
        entry: Dict[str, Any] = {"type": node_type, "spec_code": ",".join(spec_codes) if spec_codes else None}
        entry["num"] = len(nodes) if node_type == "mongos" else len(members)
        sizes = [_as_int((group.get("volume") or {}).get("size")) for group in members]
        if node_type != "mongos" and sizes and all(isinstance(size, int) for size in sizes):
            entry["size"] = min(sizes)
        elif node_type != "mongos" and sizes and sizes[0] is not None:
            entry["size"] = sizes[0]
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
    return pruned({"start_time": strategy.get("start_time"), "keep_days": keep_days}) or None


def _flavor_entry(entry: Mapping[str, Any]) -> Dict[str, Any]:
    """DDS CreateInstance flavor[]: num and size are strings in the API reference and the SDK's CreateInstanceFlavorOption
    (the examples of the older reference show numbers; the service takes both)."""
    has_disk = NODE_TYPES[entry["type"]]["size"] is not None
    storage = (entry.get("storage") or DEFAULT_STORAGE) if has_disk else None
    size = entry.get("size")
    return pruned({"type": entry["type"], "num": str(entry["num"]), "storage": storage, "size": str(size) if size is not None else None,
                   "spec_code": entry["spec_code"]})


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
    body: Dict[str, Any] = pruned(dict(
        placement(params),
        name=params["name"],
        port=str(port) if port is not None else None,  # DDS CreateInstance: port is a string
        password=params["password"],
        backup_strategy=backup_strategy(params, as_text=True),
        enterprise_project_id=params.get("enterprise_project_id"),
    ))
    body["flavor"] = [_flavor_entry(entry) for entry in params["flavor"]]
    body["ssl_option"] = ssl_value(params)
    tags = tags_as_list(params.get("tags"))
    if tags:
        body["tags"] = tags  # DDS CreateInstance takes the tags (TagWithKeyValue list) with the create
    return body


# Where the restore options sit in dds_instance's task, for messages.
RESTORE_PREFIX = restore.RESTORE_PREFIX


def restore_body(params: Mapping[str, Any], restore_point: Mapping[str, Any]) -> Dict[str, Any]:
    """DDS RestoreNewInstance (POST /v3/{project_id}/instances with restore_point): a body of its own, without datastore,
    region, mode, port or tags (they come from the backup); flavor num and size, keep_days and restore_time are strings."""
    point = dict(restore_point)
    if "restore_time" in point:
        point["restore_time"] = str(point["restore_time"])  # SDK RestorePoint.restore_time: str (the OTC reference: Integer)
    body: Dict[str, Any] = pruned({
        "name": params["name"],
        "availability_zone": zones_text(params),
        "vpc_id": params["vpc_id"],
        "subnet_id": params["subnet_id"],
        "security_group_id": params["security_group_id"],
        "password": params["password"],
        "disk_encryption_id": params.get("disk_encryption_id"),
        "backup_strategy": backup_strategy(params, as_text=True),
        "enterprise_project_id": params.get("enterprise_project_id"),
    })
    body["flavor"] = [prune({"type": entry["type"], "num": str(entry["num"]),
                             "size": str(entry["size"]) if entry.get("size") is not None else None,
                             "spec_code": entry["spec_code"]}) for entry in params["flavor"]]
    body["ssl_option"] = ssl_value(params)
    body["restore_point"] = point
    return body


class DdsInstances(V3InstanceAdapter):
    """DDS instances over the v3 instance API; the flat create answer, lower-case statuses and the node layout as data."""

    kind = "DDS instance"
    service = "dds"
    restore_label = "DDS"
    # find_by_name lists without a mode filter: an instance of another mode with this name must be found, not duplicated.

    def create_request(self) -> Dict[str, Any]:
        if self.restore is not None:
            if self.restore.point is None:
                raise DbaasError("internal error: the restore point was not resolved before the create request")
            return restore_body(self.params, self.restore.point)
        return create_body(self.params)

    # DDS CreateInstance answers flat: {"id", "name", ..., "job_id"}.
    create_requires: Dict[str, Any] = {"id": str}

    def create_answer(self, answer: Mapping[str, Any]) -> CreateAnswer:
        record = {key: value for key, value in answer.items() if key != "job_id"}
        return CreateAnswer(str(record["id"]), answer.get("job_id"), record)

    def prepare_create(self) -> None:
        """The password is needed to create an instance only (with update_password=on_create, to nothing else)."""
        if not self.params.get("password"):
            raise ValidationError("password", "is required to create the instance (no instance named '%s' exists)" % self.params["name"])
        if self.restore is not None:
            # Resolved only here (the instance is missing): a converged run looks nothing else up.
            source = self.restore.find_source()
            restore.check_same_engine(source, self.params["datastore"].get("type") or DATASTORE_TYPE,
                                      str(self.params["datastore"]["version"]), ("datastore.type", "datastore.version"))
            if source.get("mode") and source["mode"] != self.params["mode"]:
                raise DbaasError("mode: must be the mode of the source instance %s, %s (got %s); a restore keeps the mode"
                                 % (restore.label(source), source["mode"], self.params["mode"]))
            self.restore.resolve()

    def result_extras(self) -> Dict[str, Any]:
        return {"restore_point": self.restore.report} if self.restore is not None and self.restore.report else {}

    def after_create(self, record: Mapping[str, Any]) -> List[Operation]:
        """DDS RestoreNewInstance takes no port and no tags: they are set once the restored instance is ready."""
        if self.restore is None:
            return []
        updates = DdsUpdates(self, dict(record, tags={}))
        operations = []
        if self.params.get("port") is not None:
            port = updates.port((self.params["port"], record.get("port")))
            if port is not None:
                operations.append(port)
        return operations + (updates.tag_operations() if self.params.get("tags") else [])

    def final_backup(self, record: Mapping[str, Any]) -> Optional[ServiceAdapter]:
        """DDS CreateManualBackup before DeleteInstance (final_backup_name)."""
        return DdsBackups.final(self.client, record, self.params.get("final_backup_name"))

    def option_name(self, path: str) -> str:
        if path == "flavor" or path.startswith("flavor[") or path.startswith("flavor."):
            return "flavor"
        return OPTION_NAMES.get(path, path)

    def plan_updates(self, record: Mapping[str, Any], differences_found: List[Tuple[str, Any, Any]]) -> Plan:
        return DdsUpdates(self, record).plan(differences_found)

    # DDS v3 operations on an existing instance ------------------------------------------------------
    def call(self, method: str, instance_id: str, what: str, body: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """A request on .../instances/{id}/{what} (resize, enlarge-volume, modify-port, tags/action, ...)."""
        answer: Dict[str, Any] = self.client.request(self.service, method, INSTANCE % path_id(instance_id, "the instance id") + "/" + what,
                                                     body=body)
        return answer

    def job(self, instance_id: str, what: str, body: Mapping[str, Any]) -> Optional[str]:
        """A POST whose answer names the job to wait for: {"job_id"} (plus the new value for port, security group, SSL)."""
        job_id: str = self.client.request(self.service, "POST", INSTANCE % path_id(instance_id, "the instance id") + "/" + what,
                                          body=body, require={"job_id": str})["job_id"]
        return job_id

    def normalize(self, record: Mapping[str, Any]) -> Dict[str, Any]:
        normalized = dict(record)
        if "tags" in normalized:
            normalized["tags"] = tags_as_dict(normalized["tags"])
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
        datastore = listed_datastore(record)
        if datastore is not None:
            normalized["datastore"] = datastore
        # DDS ListInstances reports the zones per node (groups[].nodes[].availability_zone), not for the instance.
        return with_node_zones(normalized, _nodes_of(list(record.get("groups") or [])), PRIMARY_ROLES)

    def desired(self) -> Dict[str, Any]:
        params = self.params
        if params.get("state") == "absent":
            return {}
        ssl = params.get("ssl_option")
        tags = params.get("tags")
        return pruned(dict(
            placement(params),
            port=params.get("port"),
            backup_strategy=backup_strategy(params),
            ssl=None if ssl is None else int(bool(ssl)),
            flavor=canonical_flavor(params["flavor"]),
            # As the create sends them. Never compared as such (the tag operations compare the task's tags with the
            # instance's, with purge_tags); a list, so that the diff of an existing instance shows all its tags before.
            tags=tags_as_list(tags) or [] if tags is not None else None,
        ))


# updates -------------------------------------------------------------------------------------------
INSTANCE = V3_INSTANCES + "/%s"
# Record paths -> the dds_instance option that sets them, for messages (every flavor path is `flavor`).
OPTION_NAMES = {"ssl": "ssl_option"}
ALL_WEEKDAYS = "1,2,3,4,5,6,7"
# DDS ResetPassword: the administrator the module's password belongs to, and its database (the API's defaults).
ADMIN_USER = "rwuser"
ADMIN_DB = "admin"
# DDS ListInstances `actions`: work under way on the instance (there is no "resizing" status; it stays normal).
ACTIONS_UNDER_WAY = {
    "resize_flavor": ("RESIZE_FLAVOR",),
    "enlarge_volume": ("RESIZE_VOLUME",),
    "add_nodes": ("GROWING", "SHARD_GROWING"),
    "update_port": ("MODIFY_PORT",),
    "update_security_group": ("MODIFY_SECURITYGROUP",),
    "switch_ssl": ("SWITCH_SSL",),
}


def under_way(record: Mapping[str, Any], action: str) -> bool:
    """Whether the listed instance shows the work of this operation under way (a lost answer of a write that arrived)."""
    listed = record.get("actions") or []
    return isinstance(listed, list) and any(item in listed for item in ACTIONS_UNDER_WAY.get(action, ()))


class FlavorOperation(Operation):
    """An operation on the node groups: the diff shows the whole flavor, `actions` the one node type it changes."""

    def __init__(self, action: str, node_type: str, target: Any, shown: Tuple[Any, Any], flavor: Tuple[Any, Any], send: Any,
                 done: Any, ready_statuses: Tuple[str, ...] = ()) -> None:
        super().__init__(action, "flavor", "flavor", flavor[0], flavor[1], send, done=done, ready_statuses=ready_statuses,
                         running=lambda record: under_way(record, action))
        self.node_type = node_type
        self.target = target
        self.shown = shown

    def describe(self) -> Dict[str, Any]:
        described = {"action": self.action, "option": self.option, "type": self.node_type, "from": self.shown[0], "to": self.shown[1]}
        if self.target is not None:
            described["target"] = self.target
        return described


def _groups_of(record: Mapping[str, Any], node_type: str) -> List[Mapping[str, Any]]:
    return [group for group in (record.get("groups") or []) if isinstance(group, Mapping) and group.get("type") == node_type]


def _nodes_of(groups: List[Mapping[str, Any]]) -> List[Mapping[str, Any]]:
    return [node for group in groups if isinstance(group, Mapping) for node in (group.get("nodes") or []) if isinstance(node, Mapping)]


# DDS node roles: Primary (of a shard, config group, replica set or single node), Secondary, Hidden; mongos nodes are master.
PRIMARY_ROLES = ("Primary",)


def _size_of(group: Mapping[str, Any]) -> Optional[int]:
    size = _as_int((group.get("volume") or {}).get("size"))
    return size if isinstance(size, int) else None


class DdsUpdates:
    """The DDS v3 operations that bring an existing instance to the task, in their documented order.

    Order: node groups (ResizeInstance per group or mongos node, ResizeInstanceVolume per shard group or instance,
    AddShardingNode per node type), UpdatePort, UpdateSecurityGroup, SwitchSsl, SetBackupPolicy, ResetPassword,
    BatchTagAction delete, then create.
    """

    def __init__(self, adapter: DdsInstances, record: Mapping[str, Any]) -> None:
        self.adapter = adapter
        self.params = adapter.params
        self.record = record
        self.instance_id = adapter.instance_id(record)

    def plan(self, differences_found: List[Tuple[str, Any, Any]]) -> Plan:
        found = {path: (wanted, have) for path, wanted, have in differences_found if path != "tags"}
        drift: List[Tuple[str, Any, Any]] = []
        operations = self.flavor_operations(found.pop("flavor", None), drift)
        operations.extend(op for op in (
            self.port(found.pop("port", None)),
            self.security_group(found.pop("security_group_id", None)),
            self.ssl(found.pop("ssl", None)),
            self.backup_policy(found.pop("backup_strategy.start_time", None), found.pop("backup_strategy.keep_days", None)),
            self.password(),
        ) if op is not None)
        operations.extend(self.tag_operations())
        drift = [(path, wanted, have) for path, (wanted, have) in found.items()] + drift
        return Plan(operations, drift)

    def write(self, method: str, what: str, body: Mapping[str, Any]) -> None:
        """A write whose answer names no job (SetBackupPolicy, ResetPassword, BatchTagAction): {}."""
        self.adapter.call(method, self.instance_id, what, body)

    # node groups -------------------------------------------------------------------------------
    def flavor_operations(self, change: Optional[Tuple[Any, Any]], drift: List[Tuple[str, Any, Any]]) -> List[Operation]:
        """Resize, enlarge and add nodes per node type; fewer nodes or a smaller disk fail before any write."""
        if change is None:
            return []
        wanted_list, have_list = change
        wanted = {entry["type"]: entry for entry in wanted_list}
        have = {entry["type"]: entry for entry in have_list}
        if set(wanted) != set(have):
            drift.append(("flavor", wanted_list, have_list))  # other node types: another mode, not changed in place
            return []
        flavor = (have_list, wanted_list)
        resizes: List[Operation] = []
        enlarges: List[Operation] = []
        additions: List[Operation] = []
        immutable = False
        for node_type in NODE_ORDER:
            if node_type not in wanted:
                continue
            want, got = wanted[node_type], have[node_type]
            if want["spec_code"] != got["spec_code"]:
                resizes.extend(self.resize(node_type, want["spec_code"], got["spec_code"], flavor))
            if want.get("size") != got.get("size"):
                if node_type == "config":
                    immutable = True  # DDS ResizeInstanceVolume enlarges shards, replica sets and single nodes only
                else:
                    enlarges.extend(self.enlarge(node_type, want["size"], got["size"], flavor))
            if want["num"] != got["num"]:
                if node_type in ("mongos", "shard"):
                    additions.append(self.add_nodes(node_type, want, got, flavor))
                else:
                    immutable = True
        if immutable:
            drift.append(("flavor", wanted_list, have_list))
        return resizes + enlarges + additions

    def resize(self, node_type: str, wanted: str, have: str, flavor: Tuple[Any, Any]) -> List[Operation]:
        """DDS ResizeInstance: a mongos per node, the shards in one call (target_ids), config per group, the rest by instance id."""
        groups = _groups_of(self.record, node_type)
        operations: List[Operation] = []
        if node_type == "mongos":
            for node in _nodes_of(groups):
                if node.get("spec_code") == wanted:
                    continue
                node_id = path_id(node.get("id"), "the mongos node id")
                body = {"resize": {"target_type": "mongos", "target_id": node_id, "target_spec_code": wanted}}
                operations.append(self.flavor_op("resize_flavor", node_type, node_id, (node.get("spec_code"), wanted), flavor, body,
                                                 lambda record, node_id=node_id: self.node_spec(record, node_id) == wanted))
            return operations
        if node_type in ("shard", "config"):
            targets = [path_id(group.get("id"), "the %s group id" % node_type) for group in groups
                       if any(node.get("spec_code") != wanted for node in _nodes_of([group]))]
            if not targets:
                return []
            option: Dict[str, Any] = {"target_type": node_type}
            if len(targets) == 1:
                option["target_id"] = targets[0]
            else:
                option["target_ids"] = targets  # several shard groups at once (at most 16, as many as a cluster has)
            option["target_spec_code"] = wanted
            target: Any = targets[0] if len(targets) == 1 else targets
            return [self.flavor_op("resize_flavor", node_type, target, (have, wanted), flavor, {"resize": option},
                                   lambda record: all(self.group_spec(record, group_id) == wanted for group_id in targets))]
        # A replica set or a single node is resized as a whole: no target_type, the instance id.
        body = {"resize": {"target_id": self.instance_id, "target_spec_code": wanted}}
        return [self.flavor_op("resize_flavor", node_type, None, (have, wanted), flavor, body,
                               lambda record: all(node.get("spec_code") == wanted for node in _nodes_of(_groups_of(record, node_type))))]

    def enlarge(self, node_type: str, wanted: int, have: int, flavor: Tuple[Any, Any]) -> List[Operation]:
        """DDS ResizeInstanceVolume: the new size of one shard group (group_id), or of a replica set or single node."""
        if wanted < have:
            raise ValidationError("flavor", "cannot shrink the %s disks of '%s' from %d to %d GB; DDS can only enlarge them; nothing "
                                            "was changed" % (node_type, self.params["name"], have, wanted))
        if node_type != "shard":
            body = {"volume": {"size": str(wanted)}}  # size is a string in the SDK (ResizeInstanceVolumeOption)
            return [self.flavor_op("enlarge_volume", node_type, None, (have, wanted), flavor, body,
                                   lambda record: all((_size_of(group) or 0) >= wanted for group in _groups_of(record, node_type)),
                                   send_to="enlarge-volume", ready_statuses=("data_disk_full",))]
        operations = []
        for group in _groups_of(self.record, "shard"):
            size = _size_of(group)
            if size is not None and size >= wanted:
                continue
            group_id = path_id(group.get("id"), "the shard group id")
            body = {"volume": {"size": str(wanted), "group_id": group_id}}
            operations.append(self.flavor_op("enlarge_volume", node_type, group_id, (size, wanted), flavor, body,
                                             lambda record, group_id=group_id: (self.group_size(record, group_id) or 0) >= wanted,
                                             send_to="enlarge-volume", ready_statuses=("data_disk_full",)))
        return operations

    def add_nodes(self, node_type: str, want: Mapping[str, Any], got: Mapping[str, Any], flavor: Tuple[Any, Any]) -> Operation:
        """DDS AddShardingNode (POST .../enlarge): more mongos nodes or shard groups, of the wanted spec (and shard disk size)."""
        wanted, have = want["num"], got["num"]
        what = "mongos nodes" if node_type == "mongos" else "shard groups"
        if wanted < have:
            raise ValidationError("flavor", "cannot remove %s from '%s' (%d wanted, %d exist); DDS only adds them; nothing was changed"
                                  % (what, self.params["name"], wanted, have))
        body: Dict[str, Any] = {"type": node_type, "spec_code": want["spec_code"], "num": str(wanted - have)}  # num: a string (SDK)
        if node_type == "shard":
            body["volume"] = {"size": str(want["size"])}

        def done(record: Mapping[str, Any]) -> bool:
            groups = _groups_of(record, node_type)
            count = len(_nodes_of(groups)) if node_type == "mongos" else len(groups)
            return bool(count >= wanted)
        return self.flavor_op("add_nodes", node_type, None, (have, wanted), flavor, body, done, send_to="enlarge")

    def flavor_op(self, action: str, node_type: str, target: Any, shown: Tuple[Any, Any], flavor: Tuple[Any, Any], body: Mapping[str, Any],
                  done: Any, send_to: str = "resize", ready_statuses: Tuple[str, ...] = ()) -> Operation:
        return FlavorOperation(action, node_type, target, shown, flavor, lambda: self.adapter.job(self.instance_id, send_to, body),
                               lambda record: bool(done(record)), ready_statuses)

    @staticmethod
    def node_spec(record: Mapping[str, Any], node_id: str) -> Any:
        for node in _nodes_of(list(record.get("groups") or [])):
            if node.get("id") == node_id:
                return node.get("spec_code")
        return None

    @staticmethod
    def group_spec(record: Mapping[str, Any], group_id: str) -> Any:
        for group in record.get("groups") or []:
            if isinstance(group, Mapping) and group.get("id") == group_id:
                specs = {node.get("spec_code") for node in _nodes_of([group])}
                return specs.pop() if len(specs) == 1 else None
        return None

    @staticmethod
    def group_size(record: Mapping[str, Any], group_id: str) -> Optional[int]:
        for group in record.get("groups") or []:
            if isinstance(group, Mapping) and group.get("id") == group_id:
                return _size_of(group)
        return None

    # instance settings -----------------------------------------------------------------------------
    def port(self, change: Optional[Tuple[Any, Any]]) -> Optional[Operation]:
        if change is None:
            return None
        wanted, have = int(change[0]), change[1]
        # DDS UpdatePort: POST .../modify-port {"port": int} -> {"job_id", "port"}.
        return Operation("update_port", "port", "port", have, wanted,
                         lambda: self.adapter.job(self.instance_id, "modify-port", {"port": wanted}),
                         done=lambda record: str(record.get("port")) == str(wanted), running=lambda record: under_way(record, "update_port"))

    def security_group(self, change: Optional[Tuple[Any, Any]]) -> Optional[Operation]:
        if change is None:
            return None
        wanted, have = change
        # DDS UpdateSecurityGroup: POST .../modify-security-group {"security_group_id"} -> {"job_id", "security_group_id"}.
        return Operation("update_security_group", "security_group_id", "security_group_id", have, wanted,
                         lambda: self.adapter.job(self.instance_id, "modify-security-group", {"security_group_id": wanted}),
                         done=lambda record: record.get("security_group_id") == wanted,
                         running=lambda record: under_way(record, "update_security_group"))

    def ssl(self, change: Optional[Tuple[Any, Any]]) -> Optional[Operation]:
        if change is None:
            return None
        wanted, have = int(change[0]), change[1]
        # DDS SwitchSsl: POST .../switch-ssl {"ssl_option": "0" | "1"} (a string) -> {"job_id", "ssl_option"}.
        return Operation("switch_ssl", "ssl_option", "ssl", have, wanted,
                         lambda: self.adapter.job(self.instance_id, "switch-ssl", {"ssl_option": str(wanted)}),
                         done=lambda record: str(record.get("ssl")) == str(wanted), running=lambda record: under_way(record, "switch_ssl"))

    def backup_policy(self, start_time: Optional[Tuple[Any, Any]], keep_days: Optional[Tuple[Any, Any]]) -> Optional[Operation]:
        have = dict(self.record.get("backup_strategy") or {})
        wanted = dict(have, **(backup_strategy(self.params) or {}))
        days = int(str(wanted.get("keep_days") or 0))
        if keep_days is None and days == 0:
            start_time = None  # backups are off and stay off: the window of a disabled policy does not matter
        if start_time is None and keep_days is None:
            return None

        def send() -> Optional[str]:
            # DDS SetBackupPolicy: keep_days is a string (SDK BackupPolicy); 0 disables, with neither window nor period.
            # Otherwise period is needed: every day for 1 to 6 days, else the current weekdays (the list does not
            # report them; ShowBackupPolicy does).
            if days == 0:
                policy: Dict[str, Any] = {"keep_days": "0"}
            else:
                period = ALL_WEEKDAYS
                if days >= 7:
                    current = self.adapter.call("GET", self.instance_id, "backups/policy").get("backup_policy") or {}
                    period = current.get("period") or ALL_WEEKDAYS
                policy = {"keep_days": str(days), "start_time": wanted.get("start_time"), "period": period}
            self.write("PUT", "backups/policy", {"backup_policy": policy})
            return None

        def done(record: Mapping[str, Any]) -> bool:
            listed = record.get("backup_strategy") or {}
            if str(listed.get("keep_days")) != str(days):
                return False
            return days == 0 or listed.get("start_time") == wanted.get("start_time")
        return Operation("set_backup_policy", "backup_strategy", "backup_strategy", have, wanted, send, done=done)

    def password(self) -> Optional[Operation]:
        if self.params.get("update_password") != "always" or not self.params.get("password"):
            return None
        body = {"user_pwd": self.params["password"], "user_name": ADMIN_USER, "db_name": ADMIN_DB}
        # DDS ResetPassword: PUT .../reset-password -> {}; the password is never returned, so such a task always changes something.
        return Operation("reset_password", "password", "", None, None,
                         lambda: self.write("PUT", "reset-password", body))

    def tags_found(self) -> Dict[str, str]:
        """The instance's tags: from the list answer (DDS ListInstances reports them), else one ListInstanceTags GET."""
        if "tags" in self.record:
            listed = self.record["tags"]
            return dict(listed) if isinstance(listed, Mapping) else tags_as_dict(listed)
        answer = self.adapter.call("GET", self.instance_id, "tags")
        if not isinstance(answer.get("tags"), list):
            raise DbaasError("dds GET .../instances/%s/tags: the answer has no tags list" % self.instance_id)
        return tags_as_dict(answer["tags"])

    def tag_operations(self) -> List[Operation]:
        wanted = self.params.get("tags")
        if wanted is None:
            return []
        have = self.tags_found()
        wanted_text = {str(key): str(value) for key, value in wanted.items()}
        # DDS BatchOperateInstanceTag: creating an existing key replaces its value, so a changed value is only added.
        remove = sorted(key for key in have if key not in wanted_text) if self.params.get("purge_tags", True) else []
        add = {key: value for key, value in wanted_text.items() if have.get(key) != value}
        after = {key: value for key, value in have.items() if key not in remove}
        after.update(add)
        operations = []
        if remove:
            body = {"action": "delete", "tags": [{"key": key} for key in remove]}
            operations.append(Operation("remove_tags", "tags", "", remove, None,
                                        lambda: self.write("POST", "tags/action", body),
                                        done=lambda record: not set(remove) & set(record.get("tags") or {})))
        if add:
            body_add = {"action": "create", "tags": tags_as_list(add)}
            operations.append(Operation("add_tags", "tags", "tags", have, after,
                                        lambda: self.write("POST", "tags/action", body_add),
                                        done=lambda record: all((record.get("tags") or {}).get(key) == value for key, value in add.items())))
        elif remove:
            operations[-1].path, operations[-1].before, operations[-1].after = "tags", have, after
        return operations


# listing -------------------------------------------------------------------------------------------
LIST_FILTERS = ("name", "id", "mode")


def list_instances(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """dds_instance_info: server-side filters, then the exact compares the API does not promise; records as dds_instance returns them."""
    filters = {key: params[key] for key in LIST_FILTERS if params.get(key) not in (None, "")}
    adapter = DdsInstances(client, params)
    records = [record for record in adapter.api.list(**filters) if all(record.get(key) == value for key, value in filters.items())]
    return [adapter.normalize(record) for record in records]
