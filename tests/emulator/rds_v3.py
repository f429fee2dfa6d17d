"""RDS v3: instances (single, HA, read replica), deletion and jobs."""
from __future__ import annotations

import copy
import hashlib
import json
import uuid
from typing import Any, Callable

from flask import Blueprint, Response, request

from . import day2, faults, lifecycle, rds_params, rules
from .common import (hex_id, iso_offset, json_response, name_matches, now, page_args, project_region,
                     read_json_body, store, v3_error)

bp = Blueprint("rds_v3", __name__)
SERVICE = "rds"
_ENGINE_WORD = {"MySQL": "Mysql", "PostgreSQL": "Postgresql", "SQLServer": "Sqlserver"}
_DB_USER = {"MySQL": "root", "PostgreSQL": "root", "SQLServer": "rdsuser"}
_DEFAULT_BACKUP = {"start_time": "02:00-03:00", "keep_days": 7}
_HALTED = ("FAILED", "FROZEN", "STORAGE FULL")
# Restore to a new instance (CreateRestoreInstance) shares the create path: rds_day2 registers its validator here.
# It returns the attributes to store, like validate_primary.
restore_validators: list[Callable[[dict[str, Any], str], dict[str, Any]]] = []


def _checker() -> rules.Checker:
    return rules.Checker(lambda code, msg: v3_error(404 if code == rules.SOURCE_MISSING else 400, code, msg))


def _engine_word(attrs: dict[str, Any]) -> str:
    return _ENGINE_WORD.get(attrs["datastore"]["type"], "Mysql")


def _private_ip(seed: str) -> str:
    number = int(uuid.uuid5(uuid.NAMESPACE_OID, seed).hex[:4], 16)
    return f"192.168.{number // 256 % 250 + 1}.{number % 250 + 2}"


# -- validation ---------------------------------------------------------------------
def _check_datastore(chk: rules.Checker, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    store_obj = chk.obj(body, "datastore")
    assert store_obj is not None
    engine = rules.RDS_ENGINES.get(str(store_obj.get("type")))
    if engine is None:
        chk.fail(rules.ENGINE, f"Invalid parameter datastore.type: {store_obj.get('type')!r} is not one of {', '.join(rules.RDS_ENGINES)}.")
    version = str(store_obj.get("version")) if store_obj.get("version") is not None else None
    family = rules.version_family(store_obj["type"], version) if version else None
    if family is None:
        chk.fail(rules.VERSION, f"Invalid parameter datastore.version: {version!r} is not supported for {store_obj['type']} "
                                f"({', '.join(engine['versions'])}, or a full version of one).")
    datastore = {"type": store_obj["type"], "version": family}
    if version != family:
        datastore["complete_version"] = version
    return datastore, engine


def _check_ha(chk: rules.Checker, body: dict[str, Any], engine: dict[str, Any]) -> dict[str, Any] | None:
    ha = chk.obj(body, "ha", required=False)
    if ha is None:
        return None
    if not isinstance(ha.get("mode"), str) or ha["mode"].lower() != "ha":
        chk.fail(rules.HA_MODE, f"Invalid parameter ha.mode: {ha.get('mode')!r} must be Ha (case-insensitive).")
    chk.choice(ha.get("replication_mode"), engine["replication"], rules.REPLICATION, "ha.replication_mode")
    return {"mode": ha["mode"], "replication_mode": ha["replication_mode"]}


def _check_backup(chk: rules.Checker, body: dict[str, Any], sqlserver_ha: bool) -> dict[str, Any]:
    backup = chk.obj(body, "backup_strategy", required=False)
    if backup is None:
        return dict(_DEFAULT_BACKUP)
    start = chk.window(backup.get("start_time"))
    days = chk.keep_days(backup["keep_days"]) if backup.get("keep_days") is not None else 0
    if sqlserver_ha and days == 0:
        chk.fail(rules.VALUE, "Invalid parameter backup_strategy.keep_days: primary/standby SQL Server instances cannot disable automated backups (0).")
    return {"start_time": start, "keep_days": days}


def _check_charge(chk: rules.Checker, body: dict[str, Any]) -> dict[str, Any]:
    charge = chk.obj(body, "charge_info", required=False)
    if charge is None:
        return {"charge_mode": "postPaid"}
    return {"charge_mode": chk.choice(charge.get("charge_mode"), rules.RDS_CHARGE_MODES, rules.VALUE, "charge_info.charge_mode")}


def _check_volume(chk: rules.Checker, body: dict[str, Any]) -> dict[str, Any]:
    vol = chk.volume(body, rules.RDS_VOLUME_TYPES)
    chk.volume_size(vol["size"], 40, 4000, 10)
    return {"type": vol["type"], "size": vol["size"]}


def _check_network(chk: rules.Checker, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "vpc_id": chk.text(body, "vpc_id", rules.VPC), "subnet_id": chk.text(body, "subnet_id", rules.SUBNET),
        "security_group_id": chk.text(body, "security_group_id", rules.PARAM),
    }


def validate_primary(body: dict[str, Any], project_id: str) -> dict[str, Any]:
    """Single and HA creation rules; returns the attributes to store."""
    chk = _checker()
    chk.name(body.get("name"))
    datastore, engine = _check_datastore(chk, body)
    ha = _check_ha(chk, body, engine)
    if ha is None and datastore["type"] == "SQLServer" and datastore["version"].endswith("_EE"):
        chk.fail(rules.ENGINE, f"SQL Server {datastore['version']} does not support single DB instances.")
    port = engine["default_port"] if body.get("port") in (None, "") else chk.port(body["port"], engine["port_ok"], engine["port_rule"])
    chk.password(body.get("password"), engine["specials"])
    attrs = {
        "type": "Ha" if ha else "Single", "datastore": datastore, "ha": ha, "port": port,
        "flavor_ref": chk.text(body, "flavor_ref", rules.FLAVOR), "volume": _check_volume(chk, body),
        "region": chk.region(body.get("region"), project_region(project_id)),
        "availability_zone": ",".join(chk.azs(body.get("availability_zone"), (2,) if ha else (1,))),
        "backup_strategy": _check_backup(chk, body, ha is not None and datastore["type"] == "SQLServer"),
        "charge_info": _check_charge(chk, body),
    }
    attrs.update(_check_network(chk, body))
    for key in ("configuration_id", "disk_encryption_id", "data_vip", "collation", "time_zone", "enterprise_project_id"):
        attrs[key] = chk.text(body, key, required=False)
    rds_params.check_create(chk, attrs)
    attrs["tags"] = day2.create_tags(SERVICE, body.get("tags"))
    return attrs


def _check_source(chk: rules.Checker, source: dict[str, Any] | None, source_id: str) -> dict[str, Any]:
    if source is None or source.get("delete_at") is not None:
        chk.fail(rules.SOURCE_MISSING, f"The source DB instance {source_id} does not exist.")
    if source["attrs"]["type"] == "Replica":
        chk.fail(rules.REPLICA, f"Invalid parameter replica_of_id: {source_id} is a read replica; replicas of replicas are not supported.")
    store_obj = source["attrs"]["datastore"]
    if store_obj["type"] == "SQLServer" and not store_obj["version"].endswith("_EE"):
        chk.fail(rules.REPLICA, f"Invalid parameter replica_of_id: SQL Server {store_obj['version']} does not support read replicas.")
    status = lifecycle.status_of(source)
    if status in _HALTED:
        raise v3_error(400, rules.BAD_STATE, f"The status of the source DB instance ({status}) does not allow creating a read replica.")
    if status != "ACTIVE":
        raise v3_error(409, rules.BUSY, f"Another operation is being performed on the DB instance {source_id} (status {status}).")
    return source


def validate_replica(body: dict[str, Any], project_id: str) -> dict[str, Any]:
    """Read replica rules; returns the attributes to store (inherited from the source)."""
    chk = _checker()
    chk.name(body.get("name"))
    source_id = chk.text(body, "replica_of_id", rules.REPLICA) or ""
    found = store().get_instance(SERVICE, source_id)
    source = _check_source(chk, found if found and found["project_id"] == project_id else None, source_id)
    volume = _check_volume(chk, body)
    chk.region(body.get("region"), project_region(project_id), required=False)
    src = source["attrs"]
    attrs = copy.deepcopy({key: src.get(key) for key in ("datastore", "port", "region", "vpc_id", "subnet_id", "security_group_id", "time_zone")})
    attrs.update({
        "type": "Replica", "ha": None, "replica_of": source_id, "flavor_ref": chk.text(body, "flavor_ref", rules.FLAVOR),
        "volume": {"type": volume["type"], "size": src["volume"]["size"]},
        "availability_zone": chk.azs(body.get("availability_zone"), (1,))[0],
        "backup_strategy": None, "charge_info": _check_charge(chk, body),
        "disk_encryption_id": chk.text(body, "disk_encryption_id", required=False),
        "tags": day2.create_tags(SERVICE, body.get("tags")),
    })
    return attrs


# -- records and views -----------------------------------------------------------------
def make_record(project_id: str, name: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """A new stored v3 instance."""
    suffix = "in03" if attrs["type"] == "Replica" else "in01"
    attrs = dict(attrs)
    attrs.setdefault("replica_of", None)
    attrs["node_ids"] = [hex_id("no01") for _node in range(2 if attrs["type"] == "Ha" else 1)]
    rec = lifecycle.new_record(SERVICE, project_id, hex_id(suffix), name, attrs)
    attrs["private_ip"] = attrs.get("data_vip") or _private_ip(rec["id"])
    # Parameters: the engine's defaults, the template of configuration_id, then explicit (seeded) values.
    attrs["parameters"] = rds_params.initial_parameters(attrs)
    return rec


def _nodes(rec: dict[str, Any], status: str) -> list[dict[str, Any]]:
    attrs = rec["attrs"]
    zones = attrs["availability_zone"].split(",")
    roles = ["readreplica"] if attrs["type"] == "Replica" else ["master", "slave"][:len(attrs["node_ids"])]
    return [
        {"id": node_id, "name": f"{rec['name']}_node{index}", "role": role, "status": status,
         "availability_zone": zones[min(index, len(zones) - 1)]}
        for index, (node_id, role) in enumerate(zip(attrs["node_ids"], roles))
    ]


def _related(rec: dict[str, Any], replicas: dict[str, list[str]]) -> list[dict[str, str]]:
    if rec["attrs"].get("replica_of"):
        return [{"id": rec["attrs"]["replica_of"], "type": "replica_of"}]
    return [{"id": rid, "type": "replica"} for rid in replicas.get(rec["id"], [])]


def listed_datastore(datastore: dict[str, Any]) -> dict[str, Any]:
    """List answer: the version family the create asked for, and the complete version."""
    engine, version = str(datastore["type"]), str(datastore["version"])
    family = rules.version_family(engine, version) or version
    return {"type": engine, "version": family,
            "complete_version": datastore.get("complete_version") or rules.full_version(engine, version)}


def render(rec: dict[str, Any], replicas: dict[str, list[str]]) -> dict[str, Any]:
    """The instance as the list API shows it (InstanceResponse: no availability_zone of the instance, each node's)."""
    attrs = rec["attrs"]
    status = lifecycle.status_of(rec)
    view = {
        "id": rec["id"], "name": rec["name"], "status": status, "alias": "", "type": attrs["type"],
        "datastore": listed_datastore(attrs["datastore"]), "flavor_ref": attrs["flavor_ref"], "volume": dict(attrs["volume"]),
        "region": attrs["region"], "port": attrs["port"],
        "private_ips": [attrs["private_ip"]], "public_ips": [], "vpc_id": attrs["vpc_id"], "subnet_id": attrs["subnet_id"],
        "security_group_id": attrs["security_group_id"], "created": iso_offset(rec["created_ts"]),
        "updated": iso_offset(lifecycle.updated_ts(rec)), "backup_strategy": dict(attrs["backup_strategy"] or {"start_time": "", "keep_days": 0}),
        "related_instance": _related(rec, replicas), "nodes": _nodes(rec, "ACTIVE" if status == "ACTIVE" else status),
        "time_zone": attrs.get("time_zone") or "UTC", "enterprise_project_id": attrs.get("enterprise_project_id") or "0",
        "disk_encryption_id": attrs.get("disk_encryption_id") or "", "charge_info": dict(attrs["charge_info"]), "tags": day2.listed_tags(rec),
        "switch_strategy": "reliability", "maintenance_window": "02:00-06:00", "db_user_name": _DB_USER.get(attrs["datastore"]["type"], "root"),
    }
    if attrs.get("ha"):
        view["ha"] = {"replication_mode": attrs["ha"]["replication_mode"]}
    if attrs.get("configuration_id"):
        view["configuration_id"] = attrs["configuration_id"]
    return view


def create_view(rec: dict[str, Any]) -> dict[str, Any]:
    """The instance as the create API answers it (port as a string, status BUILD)."""
    attrs = rec["attrs"]
    view = {key: copy.deepcopy(attrs.get(key)) for key in (
        "datastore", "flavor_ref", "volume", "region", "availability_zone", "vpc_id", "subnet_id", "security_group_id", "charge_info")}
    view.update({"id": rec["id"], "name": rec["name"], "status": "BUILD", "port": str(attrs["port"])})
    view["datastore"] = {"type": attrs["datastore"]["type"], "version": attrs["datastore"]["version"]}
    if attrs.get("backup_strategy"):
        view["backup_strategy"] = dict(attrs["backup_strategy"])
    if attrs.get("ha"):
        view["ha"] = dict(attrs["ha"])
    for key in ("configuration_id", "disk_encryption_id"):
        if attrs.get(key):
            view[key] = attrs[key]
    if attrs.get("restored_from"):
        view["restore_point"] = dict(attrs["restored_from"])
    return view


def replica_map(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    """primary id -> ids of its live replicas."""
    out: dict[str, list[str]] = {}
    for rec in records:
        if rec["attrs"].get("replica_of") and rec.get("delete_at") is None:
            out.setdefault(rec["attrs"]["replica_of"], []).append(rec["id"])
    return out


# -- handlers ---------------------------------------------------------------------------
@bp.get("/v3/<project_id>/instances")
def list_instances(project_id: str) -> Response:
    """GET instances with name/id/type/datastore_type filters and paging."""
    offset, limit = page_args()
    records = store().list_instances(SERVICE, project_id)
    replicas = replica_map(records)
    args = request.args
    wanted_type = args.get("type")
    if wanted_type and wanted_type not in ("Single", "Ha", "Replica"):
        raise v3_error(400, "DBS.280001", f"Invalid parameter type: {wanted_type!r} is not one of Single, Ha, Replica.")
    hits = [
        rec for rec in records
        if name_matches(args.get("name"), rec["name"]) and args.get("id") in (None, "", rec["id"])
        and wanted_type in (None, "", rec["attrs"]["type"]) and args.get("datastore_type") in (None, "", rec["attrs"]["datastore"]["type"])
    ]
    return json_response({"instances": [render(rec, replicas) for rec in hits[offset:offset + limit]], "total_count": len(hits)})


def _client_token_key(project_id: str) -> str | None:
    """RDS v3 CreateInstance X-Client-Token: a lower-case UUID (8-4-4-4-12), else 400 DBS.280497."""
    token = request.headers.get("X-Client-Token")
    if token is None:
        return None
    if not rules.CLIENT_TOKEN_RE.match(token):
        raise v3_error(400, rules.CLIENT_TOKEN_INVALID, f"Invalid header X-Client-Token: {token!r} is not a lower-case UUID "
                                                        "in the 8-4-4-4-12 form (36 characters).")
    return f"{SERVICE}:{project_id}:{token}"


def _body_digest(body: dict[str, Any]) -> str:
    """The request parameters, independent of key order and spacing."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()


def _create(body: dict[str, Any], project_id: str) -> tuple[dict[str, Any], int]:
    if body.get("restore_point") is not None and restore_validators:
        attrs = restore_validators[0](body, project_id)
    elif "replica_of_id" in body:
        attrs = validate_replica(body, project_id)
    else:
        attrs = validate_primary(body, project_id)
    rec = make_record(project_id, body["name"], attrs)
    lifecycle.apply_create_faults(rec, faults.take_create_faults(SERVICE, ("job_fail", "stuck")))
    store().put_instance(rec)
    kind = "ReadReplica" if attrs["type"] == "Replica" else "SingleHAInstance"
    # Job names of restores to a new instance: unverified (OTC examples show only creation job names).
    job = lifecycle.create_job(rec, f"Restore{_engine_word(attrs)}InstanceToNew" if attrs.get("restored_from") else f"Create{_engine_word(attrs)}{kind}")
    answer: dict[str, Any] = {"instance": create_view(rec)}
    if attrs["charge_info"]["charge_mode"] == "prePaid":
        answer["order_id"] = uuid.uuid4().hex
    else:
        answer["job_id"] = job["id"]
    return answer, 202


@bp.post("/v3/<project_id>/instances")
def create_instance(project_id: str) -> Response:
    """POST instances: single, HA or read replica; X-Client-Token makes it idempotent."""
    key = _client_token_key(project_id)
    body = read_json_body(lambda msg: v3_error(400, rules.PARAM, msg))
    with store().transaction():
        ttl = float(store().config()["client_token_ttl"])
        if key is not None:
            seen = store().get_client_token(key, now() - ttl)
            if seen is not None:
                if seen.get("request") not in (None, _body_digest(body)):
                    raise v3_error(400, rules.CLIENT_TOKEN_REUSED, "Invalid header X-Client-Token: the token has already been "
                                                                   "used with other request parameters.")
                return json_response(seen["body"], seen["status"])
        answer, status = _create(body, project_id)
        if key is not None:
            store().put_client_token(key, now(), {"body": answer, "status": status, "request": _body_digest(body)})
    return json_response(answer, status)


def _find(project_id: str, instance_id: str) -> dict[str, Any]:
    rec = store().get_instance(SERVICE, instance_id)
    if rec is None or rec["project_id"] != project_id:
        raise v3_error(404, rules.NOT_FOUND, f"The DB instance {instance_id} does not exist.")
    return rec


@bp.delete("/v3/<project_id>/instances/<instance_id>")
def delete_instance(project_id: str, instance_id: str) -> Response:
    """DELETE an instance; a primary with read replicas is refused."""
    with store().transaction():
        rec = _find(project_id, instance_id)
        if rec.get("delete_at") is not None:
            raise v3_error(409, rules.BUSY, f"The DB instance {instance_id} is already being deleted.")
        replicas = replica_map(store().list_instances(SERVICE, project_id)).get(instance_id)
        if replicas:
            raise v3_error(409, rules.BAD_STATE, f"The DB instance {instance_id} has read replicas ({', '.join(replicas)}); delete them first.")
        job = lifecycle.schedule_delete(rec, f"Delete{_engine_word(rec['attrs'])}Instance")
    return json_response({"job_id": job["id"]}, 202)


@bp.get("/v3/<project_id>/jobs")
def get_job(project_id: str) -> Response:
    """GET jobs?id=."""
    return lifecycle.job_answer(project_id, SERVICE, "process")


def seed_record(project_id: str, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """A ready record for the admin seeding API (fields of spec override the defaults)."""
    region = project_region(project_id) or "eu-de"
    attrs: dict[str, Any] = {
        "type": "Single", "datastore": {"type": "MySQL", "version": "8.0"}, "ha": None, "port": 3306,
        "flavor_ref": "rds.mysql.n1.large.2", "volume": {"type": "ULTRAHIGH", "size": 40}, "region": region,
        "availability_zone": f"{region}-01", "backup_strategy": dict(_DEFAULT_BACKUP), "charge_info": {"charge_mode": "postPaid"},
        "vpc_id": "a1b2c3d4-0000-4000-8000-00000000aaaa", "subnet_id": "a1b2c3d4-0000-4000-8000-00000000bbbb",
        "security_group_id": "a1b2c3d4-0000-4000-8000-00000000cccc",
    }
    attrs.update({key: value for key, value in spec.items() if key not in ("status", "name", "created_ago")})
    if attrs["type"] == "Ha" and attrs.get("ha") is None:
        attrs["ha"] = {"mode": "Ha", "replication_mode": "semisync"}
    return make_record(project_id, name, attrs)
