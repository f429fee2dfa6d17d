"""GaussDB (openGauss): instances, restore to a new instance, automated backups, restorable time ranges, jobs.

Day-2 operations, tags and manual backups (and the backup list) are in gauss_day2.py."""
from __future__ import annotations

import copy
from typing import Any

from flask import Blueprint, Response, request

from . import backups, day2, faults, lifecycle, rules
from .common import hex_id, iso_offset, json_response, name_matches, now, page_args, project_region, read_json_body, store, v3_error

bp = Blueprint("gaussdb", __name__)
SERVICE = "gaussdb"
_HA = {"enterprise": "enterprise", "Centralization": "centralization_standard"}


def _checker() -> rules.Checker:
    return rules.Checker(lambda code, msg: v3_error(404 if code == rules.SOURCE_MISSING else 400, code, msg))


# -- backups and restorable times -------------------------------------------------------
def _backup(rec: dict[str, Any], name: str, status: str, begin: float, end: float) -> dict[str, Any]:
    return backups.new_backup(rec, name, "auto", begin, end, final=status)


def ensure_auto_backups(rec: dict[str, Any]) -> None:
    """An ACTIVE instance gets two COMPLETED and one FAILED backup, once."""
    attrs = rec["attrs"]
    if attrs.get("auto_backups_done") or not attrs.get("auto_backups", True) or lifecycle.status_of(rec) != "ACTIVE":
        return
    stamp = now()
    with store().transaction():
        for index, (suffix, status) in enumerate((("full-1", "COMPLETED"), ("full-2", "COMPLETED"), ("failed", "FAILED"))):
            store().put_backup(_backup(rec, f"{rec['name']}-{suffix}", status, stamp - 3 + index, stamp - 2 + index))
        attrs["auto_backups_done"] = True
        store().put_instance(rec)


def restore_ranges(rec: dict[str, Any]) -> list[dict[str, int]]:
    """Explicit (seeded) ranges, else [created, now] once the instance has been created (and has not failed)."""
    if rec["attrs"].get("restore_ranges") is not None:
        return [dict(item) for item in rec["attrs"]["restore_ranges"]]
    if not lifecycle.is_ready(rec) or rec["failed"] or rec.get("delete_at") is not None:
        return []
    return [{"start_time": int(rec["created_ts"] * 1000), "end_time": int(now() * 1000)}]


# -- validation ---------------------------------------------------------------------------
def _source(chk: rules.Checker, project_id: str, point: dict[str, Any], kind: Any) -> dict[str, Any]:
    source_id = chk.text(point, "instance_id", field="restore_point.instance_id") or ""
    source = store().get_instance(SERVICE, source_id)
    if source is not None and source["project_id"] == project_id and source.get("delete_at") is None:
        ensure_auto_backups(source)
        return source
    backup = backups.get(SERVICE, project_id, str(point.get("backup_id") or "")) if kind == "backup" else None
    if backup is not None and backup["instance_id"] == source_id:
        # Manual backups outlive their instance (GaussDB user guide, Deleting a DB instance): restore from what the
        # backup recorded about it.
        return {"id": source_id, "project_id": project_id, "attrs": backups.source_attrs(backup)}
    chk.fail(rules.SOURCE_MISSING, f"The source DB instance {source_id} does not exist.")


def _check_backup_point(chk: rules.Checker, point: dict[str, Any], source: dict[str, Any]) -> dict[str, Any]:
    backup_id = chk.text(point, "backup_id", field="restore_point.backup_id") or ""
    backup = backups.get(SERVICE, source["project_id"], backup_id)
    if backup is None or backup["instance_id"] != source["id"]:
        chk.fail(rules.VALUE, f"Invalid parameter restore_point.backup_id: backup {backup_id} of instance {source['id']} does not exist.")
    status = backups.status_of(backup)
    if status != "COMPLETED":
        chk.fail(rules.VALUE, f"Invalid parameter restore_point.backup_id: backup {backup_id} is {status}; only COMPLETED backups can be restored.")
    return {"instance_id": source["id"], "type": "backup", "backup_id": backup_id}


def _check_time_point(chk: rules.Checker, point: dict[str, Any], source: dict[str, Any]) -> dict[str, Any]:
    stamp = chk.integer(point.get("restore_time"), "restore_point.restore_time")
    ranges = restore_ranges(source)
    if not backups.in_ranges(ranges, stamp):
        chk.fail(rules.VALUE, f"Invalid parameter restore_point.restore_time: {stamp} is outside the restorable time ranges "
                              f"({backups.shown_ranges(ranges)}).")
    return {"instance_id": source["id"], "type": "timestamp", "restore_time": stamp}


def _check_restore_point(chk: rules.Checker, body: dict[str, Any], project_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    point = chk.obj(body, "restore_point")
    assert point is not None
    kind = point.get("type") or ("backup" if point.get("backup_id") is not None else None)
    source = _source(chk, project_id, point, kind)
    if kind not in ("backup", "timestamp"):
        chk.fail(rules.VALUE, f"Invalid parameter restore_point.type: {point.get('type')!r} must be backup or timestamp "
                              "(backup_id is required for backup, restore_time for timestamp).")
    checked = _check_backup_point(chk, point, source) if kind == "backup" else _check_time_point(chk, point, source)
    return checked, source


def _check_volume(chk: rules.Checker, body: dict[str, Any], shards: int, minimum: int) -> dict[str, Any]:
    vol = chk.volume(body, rules.GAUSS_VOLUME_TYPES)
    step = shards * rules.GAUSS_GB_PER_SHARD
    chk.volume_size(vol["size"], max(step, minimum), shards * rules.GAUSS_MAX_GB_PER_SHARD, step)
    return {"type": vol["type"], "size": vol["size"]}


def _zones(chk: rules.Checker, value: Any, counts: tuple[int, ...]) -> list[str]:
    """Three AZ IDs, all the same (one AZ) or all different (three AZs); GaussDB API reference, availability_zone."""
    zones = chk.azs(value, counts)
    if len(zones) == 3 and len(set(zones)) == 2:
        chk.fail(rules.AZ, f"Invalid parameter availability_zone: {value!r} must name one AZ three times or three different AZs.")
    return zones


def _check_common(chk: rules.Checker, body: dict[str, Any], project_id: str) -> dict[str, Any]:
    chk.name(body.get("name"))
    chk.region(body.get("region"), project_region(project_id), required=False)
    port = 8000 if body.get("port") in (None, "") else chk.port(
        body["port"], rules.gauss_port_ok, "1024-39998, not 8000 and not a reserved port")
    chk.password(body.get("password"), rules.GAUSS_SPECIALS)
    backup = chk.obj(body, "backup_strategy", required=False) or {}
    days = chk.keep_days(backup["keep_days"]) if backup.get("keep_days") is not None else 0
    charge = chk.obj(body, "charge_info", required=False) or {"charge_mode": "postPaid"}
    return {
        "flavor_ref": chk.text(body, "flavor_ref", rules.FLAVOR), "vpc_id": chk.text(body, "vpc_id", rules.VPC),
        "subnet_id": chk.text(body, "subnet_id", rules.SUBNET), "security_group_id": chk.text(body, "security_group_id"),
        "port": port, "time_zone": "UTC" if body.get("time_zone") is None else chk.time_zone(body["time_zone"]),
        "enable_force_switch": False if body.get("enable_force_switch") is None else chk.boolean(body["enable_force_switch"], "enable_force_switch"),
        "backup_strategy": {"start_time": str(backup.get("start_time") or "02:00-03:00"), "keep_days": days or 7},
        "charge_info": {"charge_mode": chk.choice(charge.get("charge_mode"), ("postPaid",), rules.VALUE, "charge_info.charge_mode")},
        "configuration_id": chk.text(body, "configuration_id", required=False), "region": project_region(project_id),
    }


def validate_restore(body: dict[str, Any], project_id: str) -> dict[str, Any]:
    """Rules of restoring to a new instance; the engine and topology come from the source."""
    chk = _checker()
    attrs = _check_common(chk, body, project_id)
    point, source = _check_restore_point(chk, body, project_id)
    src = source["attrs"]
    counts = (3, 1) if len(src["availability_zone"].split(",")) == 1 else (3,)
    attrs["availability_zone"] = ",".join(_zones(chk, body.get("availability_zone"), counts))
    attrs["volume"] = _check_volume(chk, body, int(src.get("sharding_num") or 1), int(src["volume"]["size"]))
    attrs.update(copy.deepcopy({key: src.get(key) for key in ("type", "datastore", "ha", "sharding_num", "coordinator_num", "replica_num")}))
    attrs["restored_from"] = point
    return attrs


def validate_plain(body: dict[str, Any], project_id: str) -> dict[str, Any]:
    """Creation without restore_point (defaults: distributed 'enterprise' edition)."""
    chk = _checker()
    attrs = _check_common(chk, body, project_id)
    ha = chk.obj(body, "ha", required=False) or {"mode": "enterprise"}
    mode = chk.choice(ha.get("mode"), tuple(_HA.values()), rules.HA_MODE, "ha.mode")
    shards = chk.integer(body.get("sharding_num", 1 if mode != "enterprise" else 3), "sharding_num")
    attrs.update({
        "type": "enterprise" if mode == "enterprise" else "Centralization", "sharding_num": shards,
        "availability_zone": ",".join(_zones(chk, body.get("availability_zone"), (1, 3))),
        "volume": _check_volume(chk, body, shards, 0), "replica_num": 3, "coordinator_num": 3 if mode == "enterprise" else 0,
        "datastore": {"type": "GaussDB", "version": str((body.get("datastore") or {}).get("version") or "2.7")},
        "ha": {"mode": mode, "replication_mode": "sync", "consistency": "strong"},
    })
    return attrs


# -- views --------------------------------------------------------------------------------
def render(rec: dict[str, Any]) -> dict[str, Any]:
    """The instance as the list API shows it (ListInstanceResponse: no availability_zone of the instance, each node's)."""
    attrs = rec["attrs"]
    status = lifecycle.status_of(rec)
    zones = attrs["availability_zone"].split(",")
    return {
        "id": rec["id"], "name": rec["name"], "status": status, "type": attrs["type"], "datastore": dict(attrs["datastore"]),
        "ha": dict(attrs["ha"]), "flavor_ref": attrs["flavor_ref"], "volume": dict(attrs["volume"]), "region": attrs["region"],
        "vpc_id": attrs["vpc_id"], "subnet_id": attrs["subnet_id"],
        "security_group_id": attrs["security_group_id"], "port": str(attrs["port"]), "private_ips": [], "public_ips": [],
        "time_zone": attrs["time_zone"], "enable_force_switch": attrs["enable_force_switch"], "backup_strategy": dict(attrs["backup_strategy"]),
        "replica_num": attrs.get("replica_num", 3), "sharding_num": attrs.get("sharding_num", 1), "coordinator_num": attrs.get("coordinator_num", 0),
        "charge_info": dict(attrs["charge_info"]), "created": iso_offset(rec["created_ts"]), "updated": iso_offset(lifecycle.updated_ts(rec)),
        "db_user_name": "root", "enterprise_project_id": "0", "disk_encryption_id": "", "maintenance_window": "02:00-06:00",
        "nodes": [{"id": f"{rec['id'][:32]}no{index:02d}", "name": f"{rec['name']}_dn_{index}", "role": "master" if index == 0 else "slave",
                   "status": "ACTIVE" if status == "ACTIVE" else status, "availability_zone": zones[index % len(zones)]} for index in range(3)],
        "configuration_id": attrs.get("configuration_id") or "",
        # The SDK's list models carry tags as {key, value} (one value per key, unlike the tag API's arrays) and say
        # "not returned when there are none", yet mark the field required: an empty list is sent then.
        "tags": day2.listed_tags(rec),
    }


def create_view(rec: dict[str, Any]) -> dict[str, Any]:
    """The instance as the create API answers it (with the availability_zone of the request, one zone per node)."""
    view = render(rec)
    keep = ("id", "name", "datastore", "ha", "volume", "port", "region", "vpc_id", "subnet_id",
            "security_group_id", "charge_info", "flavor_ref", "backup_strategy", "replica_num")
    answer = {key: view[key] for key in keep}
    answer.update({"availability_zone": rec["attrs"]["availability_zone"], "status": "BUILD", "enable_parallel_restore": False})
    return answer


# -- handlers -----------------------------------------------------------------------------
def _find(project_id: str, instance_id: str) -> dict[str, Any]:
    rec = store().get_instance(SERVICE, instance_id)
    if rec is None or rec["project_id"] != project_id:
        raise v3_error(404, rules.NOT_FOUND, f"The DB instance {instance_id} does not exist.")
    return rec


@bp.get("/v3/<project_id>/instances")
def list_instances(project_id: str) -> Response:
    """GET instances?name=&id=&offset=&limit=."""
    offset, limit = page_args()
    hits = [rec for rec in store().list_instances(SERVICE, project_id)
            if name_matches(request.args.get("name"), rec["name"]) and request.args.get("id") in (None, "", rec["id"])]
    return json_response({"instances": [render(rec) for rec in hits[offset:offset + limit]], "total_count": len(hits)})


@bp.post("/v3/<project_id>/instances")
def create_instance(project_id: str) -> Response:
    """POST instances: restore to a new instance (restore_point) or a plain creation."""
    body = read_json_body(lambda msg: v3_error(400, rules.PARAM, msg))
    with store().transaction():
        restoring = body.get("restore_point") is not None
        attrs = validate_restore(body, project_id) if restoring else validate_plain(body, project_id)
        rec = lifecycle.new_record(SERVICE, project_id, hex_id("in14"), body["name"], attrs)
        lifecycle.apply_create_faults(rec, faults.take_create_faults(SERVICE, ("job_fail", "stuck")))
        store().put_instance(rec)
        job = lifecycle.create_job(rec, "RestoreGaussDBInstanceToNew" if restoring else "CreateGaussDBInstance")
    return json_response({"instance": create_view(rec), "job_id": job["id"]}, 202)


@bp.delete("/v3/<project_id>/instances/<instance_id>")
def delete_instance(project_id: str, instance_id: str) -> Response:
    """DELETE an instance."""
    with store().transaction():
        rec = _find(project_id, instance_id)
        if rec.get("delete_at") is not None:
            raise v3_error(409, rules.BUSY, f"The DB instance {instance_id} is already being deleted.")
        job = lifecycle.schedule_delete(rec, "DeleteGaussDBInstance")
    return json_response({"job_id": job["id"]}, 202)


@bp.get("/v3/<project_id>/instances/<instance_id>/restore-time")
def restore_time(project_id: str, instance_id: str) -> Response:
    """GaussDB "Querying the Restoration Time Range": the restorable ranges on the UTC day `date` (epoch ms)."""
    day = backups.query_day(required=True)
    assert day is not None
    ranges = restore_ranges(_find(project_id, instance_id))
    return json_response({"restore_time": backups.ranges_on_day(ranges, day[0], day[1])})


@bp.get("/v3/<project_id>/jobs")
def get_job(project_id: str) -> Response:
    """GET jobs?id= (with 'progress')."""
    return lifecycle.job_answer(project_id, SERVICE, "progress")


# -- seeding ----------------------------------------------------------------------------
def seed_record(project_id: str, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """A ready record for the admin seeding API."""
    region = project_region(project_id) or "eu-de"
    attrs: dict[str, Any] = {
        "type": "enterprise", "datastore": {"type": "GaussDB", "version": "2.7"},
        "ha": {"mode": "enterprise", "replication_mode": "sync", "consistency": "strong"},
        "flavor_ref": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", "volume": {"type": "ULTRAHIGH", "size": 160}, "region": region,
        "availability_zone": f"{region}-01,{region}-02,{region}-03", "vpc_id": "c1b2c3d4-0000-4000-8000-00000000aaaa",
        "subnet_id": "c1b2c3d4-0000-4000-8000-00000000bbbb", "security_group_id": "c1b2c3d4-0000-4000-8000-00000000cccc",
        "port": 8000, "time_zone": "UTC", "enable_force_switch": False, "backup_strategy": {"start_time": "02:00-03:00", "keep_days": 7},
        "charge_info": {"charge_mode": "postPaid"}, "sharding_num": 1, "coordinator_num": 3, "replica_num": 3,
    }
    attrs.update({key: value for key, value in spec.items() if key not in ("status", "name", "created_ago", "id")})
    if attrs["type"] != "enterprise" and attrs["ha"]["mode"] == "enterprise":
        attrs["ha"] = dict(attrs["ha"], mode="centralization_standard")
    return lifecycle.new_record(SERVICE, project_id, str(spec.get("id") or hex_id("in14")), name, attrs)
