"""DDS (document database): Sharding / ReplicaSet / Single instances, deletion and jobs."""
from __future__ import annotations

import copy
import uuid
from typing import Any, Callable

from flask import Blueprint, Response, request

from . import day2, faults, lifecycle, rules
from .common import (hex_id, iso_plain, json_response, name_matches, page_args, project_region, read_json_body, store,
                     v3_error)

bp = Blueprint("dds", __name__)
SERVICE = "dds"
MODE = "DBS.200063"
_MODES = tuple(rules.DDS_FLAVORS)
# One AZ or three (a cross-AZ cluster or replica set); a single node lives in one AZ (DDS user guide, Regions and AZs).
_ZONE_COUNTS = {"Sharding": (1, 3), "ReplicaSet": (1, 3), "Single": (1,)}
# Restore to a new instance (RestoreNewInstance) shares the create path but has a body of its own: dds_day2
# registers its handler here.
restore_handlers: list[Callable[[dict[str, Any], str], Response]] = []


def _checker() -> rules.Checker:
    return rules.Checker(lambda code, msg: v3_error(409 if code == rules.NAME_EXISTS else 400, code, msg))


# -- validation ---------------------------------------------------------------------------
def _check_datastore(chk: rules.Checker, body: dict[str, Any]) -> dict[str, Any]:
    datastore = chk.obj(body, "datastore")
    assert datastore is not None
    chk.choice(datastore.get("type"), ("DDS-Community",), rules.ENGINE, "datastore.type")
    version = chk.choice(str(datastore.get("version")), rules.DDS_VERSIONS, rules.VERSION, "datastore.version")
    engines = ("rocksDB",) if version in rules.DDS_ROCKSDB_VERSIONS else ("wiredTiger",)
    engine = chk.choice(datastore.get("storage_engine"), engines, rules.VALUE, f"datastore.storage_engine (version {version})")
    return {"type": "DDS-Community", "version": version, "storage_engine": engine}


def _check_flavor_entry(chk: rules.Checker, entry: Any, mode: str) -> dict[str, Any]:
    allowed = rules.DDS_FLAVORS[mode]
    if not isinstance(entry, dict) or entry.get("type") not in allowed:
        kind = entry.get("type") if isinstance(entry, dict) else entry
        chk.fail(rules.VALUE, f"Invalid parameter flavor: type {kind!r} is not allowed for mode {mode} ({', '.join(allowed)}).")
    kind = entry["type"]
    low, high, size_low, size_high = allowed[kind]
    num = chk.integer(entry.get("num"), f"flavor[{kind}].num", allow_str=True)
    if not low <= num <= high:
        chk.fail(rules.VALUE, f"Invalid parameter flavor[{kind}].num: {num} is out of range ({low} to {high}).")
    out = {"type": kind, "num": num, "spec_code": chk.text(entry, "spec_code", rules.FLAVOR, field=f"flavor[{kind}].spec_code")}
    if size_low is None or size_high is None:
        if entry.get("storage") is not None or entry.get("size") is not None:
            chk.fail(rules.VALUE, f"Invalid parameter flavor[{kind}]: storage and size are not allowed for {kind} nodes.")
        return out
    out["storage"] = chk.choice(entry.get("storage"), rules.DDS_STORAGE_TYPES, rules.VOL_TYPE, f"flavor[{kind}].storage")
    out["size"] = chk.integer(entry.get("size"), f"flavor[{kind}].size", allow_str=True)
    chk.volume_size(out["size"], size_low, size_high, 10, f"flavor[{kind}].size")
    return out


def check_flavors(chk: rules.Checker, body: dict[str, Any], mode: str) -> list[dict[str, Any]]:
    entries = body.get("flavor")
    if not isinstance(entries, list) or not entries:
        chk.fail(rules.PARAM, "Invalid parameter flavor: a non-empty list is required.")
    checked = [_check_flavor_entry(chk, entry, mode) for entry in entries]
    kinds = [entry["type"] for entry in checked]
    expected = sorted(rules.DDS_FLAVORS[mode])
    if sorted(kinds) != expected:
        chk.fail(rules.VALUE, f"Invalid parameter flavor: mode {mode} needs exactly one entry of each type {', '.join(expected)}; got {', '.join(kinds)}.")
    return checked


def _check_backup(chk: rules.Checker, body: dict[str, Any]) -> dict[str, Any] | None:
    backup = chk.obj(body, "backup_strategy", required=False)
    if backup is None:
        return None
    start = chk.window(backup.get("start_time"))
    days = backup.get("keep_days")
    if days is not None:
        chk.keep_days(days, allow_str=True)
    return {"start_time": start, "keep_days": days if days is not None else 7}


def _check_ssl(chk: rules.Checker, body: dict[str, Any]) -> str:
    if "ssl_option" not in body:
        chk.fail(rules.PARAM, "Invalid parameter ssl_option: it is required (\"0\" or \"1\").")
    return chk.choice(body["ssl_option"], ("0", "1"), rules.VALUE, "ssl_option")


def _check_unique(chk: rules.Checker, project_id: str, name: str) -> None:
    if store().config()["dds_unique_names"] and store().list_instances(SERVICE, project_id, name):
        chk.fail(rules.NAME_EXISTS, f"The DB instance name {name} already exists.")


def validate(body: dict[str, Any], project_id: str) -> dict[str, Any]:
    """All rules of the create API; returns the attributes to store."""
    chk = _checker()
    name = chk.name(body.get("name"))
    datastore = _check_datastore(chk, body)
    mode = chk.choice(body.get("mode"), _MODES, MODE, "mode")
    if mode == "Single" and datastore["version"] in rules.DDS_NO_SINGLE_VERSIONS:
        chk.fail(MODE, f"Invalid parameter mode: version {datastore['version']} does not support single node instances.")
    attrs = {
        "datastore": datastore, "mode": mode, "region": chk.region(body.get("region"), project_region(project_id)),
        "availability_zone": ",".join(chk.azs(body.get("availability_zone"), _ZONE_COUNTS[mode])),
        "vpc_id": chk.text(body, "vpc_id", rules.VPC), "subnet_id": chk.text(body, "subnet_id", rules.SUBNET),
        "security_group_id": chk.text(body, "security_group_id"), "flavor": check_flavors(chk, body, mode),
        "port": 8635 if body.get("port") in (None, "") else chk.port(body["port"], rules.dds_port_ok, "2100-9500 or 27017-27019"),
        "disk_encryption_id": chk.text(body, "disk_encryption_id", required=False) or "",
        "backup_strategy": _check_backup(chk, body), "enterprise_project_id": chk.text(body, "enterprise_project_id", required=False),
    }
    chk.password(body.get("password"), rules.DDS_SPECIALS, all_classes=True)
    attrs["ssl_option"] = _check_ssl(chk, body)
    attrs["tags"] = day2.create_tags(SERVICE, body.get("tags"))
    _check_unique(chk, project_id, name)
    return attrs


# -- views --------------------------------------------------------------------------------
def _sub_id(rec: dict[str, Any], key: str, suffix: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_OID, f"{rec['id']}/{key}").hex + suffix


def _role(group: str, index: int, count: int) -> str:
    if group.startswith("mongos"):
        return "mongos"
    if index == 0:
        return "Primary"
    return "Hidden" if count >= 3 and index == count - 1 else "Secondary"


def _node_status(rec: dict[str, Any], status: str, *ids: str) -> str:
    """A node shows the running operation's node status (resize_flavor, resize_volume, backup) when it is a target."""
    for op in lifecycle.running_ops(rec):
        if op.get("node_status") and (not op.get("targets") or set(ids) & set(op["targets"])):
            return str(op["node_status"])
    return status


def _nodes(rec: dict[str, Any], group: str, count: int, status: str, spec: str, group_id: str = "") -> list[dict[str, Any]]:
    zones = rec["attrs"]["availability_zone"].split(",")
    specs = rec["attrs"].get("overrides") or {}
    nodes = []
    for index in range(count):
        node_id = _sub_id(rec, f"{group}/{index}", "no02")
        node_spec = (specs.get(f"{group}/{index}") or {}).get("spec_code", spec) if group == "mongos" else spec
        nodes.append({"id": node_id, "name": f"{rec['name']}_{group}_node_{index + 1}",
                      "status": _node_status(rec, status, node_id, group_id), "role": _role(group, index, count), "private_ip": "",
                      "public_ip": "", "spec_code": node_spec, "availability_zone": zones[index % len(zones)]})
    return nodes


def group_layout(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The node groups as stored: {"type", "key", "id", "spec_code", "size", "nodes"} (mongos: one entry per node,
    "id" the node id); day-2 overrides (per group or mongos node: spec_code, size) applied."""
    attrs = rec["attrs"]
    overrides = attrs.get("overrides") or {}
    out: list[dict[str, Any]] = []
    for entry in attrs["flavor"]:
        kind = entry["type"]
        if kind == "mongos":
            for index in range(int(entry["num"])):
                key = f"mongos/{index}"
                out.append({"type": "mongos", "key": key, "id": _sub_id(rec, key, "no02"),
                            "spec_code": (overrides.get(key) or {}).get("spec_code", entry["spec_code"]), "size": None, "nodes": 1})
            continue
        copies = int(entry["num"]) if kind == "shard" else 1
        per_group = 1 if kind == "single" else (int(attrs.get("replica_node_num") or 3) if kind == "replica" else 3)
        for index in range(copies):
            key = f"{kind}{index}"
            extra = overrides.get(key) or {}
            out.append({"type": kind, "key": key, "id": _sub_id(rec, key, "gr02"), "spec_code": extra.get("spec_code", entry["spec_code"]),
                        "size": int(extra.get("size", entry["size"])), "nodes": per_group})
    return out


def _groups(rec: dict[str, Any], status: str) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    layout = group_layout(rec)
    mongos = [item for item in layout if item["type"] == "mongos"]
    if mongos:
        groups.append({"type": "mongos", "nodes": _nodes(rec, "mongos", len(mongos), status, mongos[0]["spec_code"])})
    for item in layout:
        if item["type"] == "mongos":
            continue
        key = item["key"]
        groups.append({"type": item["type"], "id": item["id"], "name": f"{rec['name']}_{key}", "status": status,
                       "volume": {"size": str(item["size"]), "used": "0.1"},
                       "nodes": _nodes(rec, key, item["nodes"], status, item["spec_code"], item["id"])})
    return groups


def _actions(rec: dict[str, Any]) -> list[str]:
    """Work in progress (DDS has no status word for it): RESIZE_FLAVOR, RESIZE_VOLUME, MODIFY_PORT, BACKUP, ..."""
    return [str(op["action"]) for op in lifecycle.running_ops(rec) if op.get("action")]


def listed_datastore(datastore: dict[str, Any]) -> dict[str, Any]:
    """DDS ListInstances datastore (DatastoreItem): {type, version, patch_available, whole_version}; the storage engine
    is the instance's top-level engine, not a datastore field."""
    version = str(datastore["version"])
    return {"type": datastore["type"], "version": version, "patch_available": False,
            "whole_version": rules.DDS_WHOLE_VERSIONS.get(version, version)}


def render(rec: dict[str, Any]) -> dict[str, Any]:
    """The instance as the list API shows it (QueryInstanceResponse: no availability_zone of the instance, the zones are
    the nodes'; the storage engine in engine)."""
    attrs = rec["attrs"]
    status = lifecycle.status_of(rec)
    backup = attrs["backup_strategy"] or {"start_time": "00:00-01:00", "keep_days": 7}
    return {
        "id": rec["id"], "name": rec["name"], "remark": "", "status": status, "port": str(attrs["port"]), "mode": attrs["mode"],
        "region": attrs["region"], "datastore": listed_datastore(attrs["datastore"]), "engine": attrs["datastore"]["storage_engine"],
        "created": iso_plain(rec["created_ts"]), "updated": iso_plain(lifecycle.updated_ts(rec)), "db_user_name": "rwuser",
        "ssl": int(attrs["ssl_option"]), "vpc_id": attrs["vpc_id"], "subnet_id": attrs["subnet_id"],
        "security_group_id": attrs["security_group_id"], "backup_strategy": {"start_time": backup["start_time"], "keep_days": int(backup["keep_days"])},
        "pay_mode": "0", "maintenance_window": "02:00-06:00", "groups": _groups(rec, status),
        "enterprise_project_id": attrs.get("enterprise_project_id") or "0", "time_zone": "",
        "disk_encryption_id": attrs["disk_encryption_id"], "disk_encryption_flag": "1" if attrs["disk_encryption_id"] else "0",
        "actions": _actions(rec), "tags": day2.listed_tags(rec),
    }


def create_view(rec: dict[str, Any], job_id: str) -> dict[str, Any]:
    """The flat create answer (port as an integer)."""
    attrs = rec["attrs"]
    view = {key: copy.deepcopy(attrs[key]) for key in ("datastore", "region", "availability_zone", "vpc_id", "subnet_id",
                                                       "security_group_id", "disk_encryption_id", "mode")}
    view.update({
        "id": rec["id"], "name": rec["name"], "created": iso_plain(rec["created_ts"], " "), "status": "creating",
        "flavor": [{k: v for k, v in entry.items() if k != "storage"} for entry in attrs["flavor"]],
        "enterprise_project_id": attrs.get("enterprise_project_id") or "", "ssl_option": attrs["ssl_option"],
        "port": attrs["port"], "job_id": job_id,
    })
    if attrs["backup_strategy"] is not None:
        view["backup_strategy"] = dict(attrs["backup_strategy"])
    return view


# -- handlers -----------------------------------------------------------------------------
@bp.get("/v3/<project_id>/instances")
def list_instances(project_id: str) -> Response:
    """GET instances?name=&id=&mode=&offset=&limit=."""
    offset, limit = page_args()
    args = request.args
    hits = [rec for rec in store().list_instances(SERVICE, project_id)
            if name_matches(args.get("name"), rec["name"]) and args.get("id") in (None, "", rec["id"])
            and args.get("mode") in (None, "", rec["attrs"]["mode"])]
    return json_response({"instances": [render(rec) for rec in hits[offset:offset + limit]], "total_count": len(hits)})


@bp.post("/v3/<project_id>/instances")
def create_instance(project_id: str) -> Response:
    """POST instances (flat answer with job_id); with restore_point, RestoreNewInstance (dds_day2)."""
    body = read_json_body(lambda msg: v3_error(400, rules.PARAM, msg))
    if body.get("restore_point") is not None and restore_handlers:
        return restore_handlers[0](body, project_id)
    with store().transaction():
        attrs = validate(body, project_id)
        rec = lifecycle.new_record(SERVICE, project_id, hex_id("in02"), body["name"], attrs)
        lifecycle.apply_create_faults(rec, faults.take_create_faults(SERVICE, ("job_fail", "stuck")))
        store().put_instance(rec)
        job = lifecycle.create_job(rec, "CreateMongoDB")
    return json_response(create_view(rec, job["id"]), 202)


@bp.delete("/v3/<project_id>/instances/<instance_id>")
def delete_instance(project_id: str, instance_id: str) -> Response:
    """DELETE an instance."""
    with store().transaction():
        rec = store().get_instance(SERVICE, instance_id)
        if rec is None or rec["project_id"] != project_id:
            raise v3_error(404, rules.NOT_FOUND, f"The DB instance {instance_id} does not exist.")
        if rec.get("delete_at") is not None:
            raise v3_error(409, rules.BUSY, f"The DB instance {instance_id} is already being deleted.")
        job = lifecycle.schedule_delete(rec, "DeleteMongoDB")
    return json_response({"job_id": job["id"]}, 202)


@bp.get("/v3/<project_id>/jobs")
def get_job(project_id: str) -> Response:
    """GET jobs?id=."""
    return lifecycle.job_answer(project_id, SERVICE, "progress")


def seed_record(project_id: str, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """A ready record for the admin seeding API (default: a ReplicaSet)."""
    region = project_region(project_id) or "eu-de"
    attrs: dict[str, Any] = {
        "datastore": {"type": "DDS-Community", "version": "4.0", "storage_engine": "wiredTiger"}, "mode": "ReplicaSet",
        "region": region, "availability_zone": f"{region}-01", "vpc_id": "d1b2c3d4-0000-4000-8000-00000000aaaa",
        "subnet_id": "d1b2c3d4-0000-4000-8000-00000000bbbb", "security_group_id": "d1b2c3d4-0000-4000-8000-00000000cccc",
        "flavor": [{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 10, "spec_code": "dds.mongodb.s6.large.2.repset"}],
        "port": 8635, "disk_encryption_id": "", "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 7},
        "ssl_option": "1", "enterprise_project_id": None,
    }
    attrs.update({key: value for key, value in spec.items() if key not in ("status", "name", "created_ago")})
    return lifecycle.new_record(SERVICE, project_id, hex_id("in02"), name, attrs)
