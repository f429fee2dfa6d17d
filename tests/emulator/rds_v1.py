"""RDS v1 (camelCase API): single/HA instances with a standby record, read replicas, jobs."""
from __future__ import annotations

import copy
import uuid
from typing import Any

from flask import Blueprint, Response, request

from . import faults, lifecycle, rules
from .common import (ApiError, iso_offset, json_response, project_region, read_json_body, store, v1_error,
                     v1_not_found)

bp = Blueprint("rds_v1", __name__)
SERVICE = "rds_v1"
VALIDATION = "RDS.0041"
CONFLICT = "RDS.0049"


def _err(code: str, msg: str) -> ApiError:
    if code in (rules.SOURCE_MISSING, rules.NOT_FOUND):
        return v1_not_found(msg)
    return v1_error(400, VALIDATION, msg)


def _checker() -> rules.Checker:
    return rules.Checker(_err)


# -- validation ---------------------------------------------------------------------
def _engine(chk: rules.Checker, inst: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    datastore = chk.obj(inst, "datastore")
    assert datastore is not None
    engine = rules.RDS_ENGINES.get(str(datastore.get("type")))
    if engine is None:
        chk.fail(rules.ENGINE, f"Invalid parameter datastore.type: {datastore.get('type')!r} is not one of {', '.join(rules.RDS_ENGINES)}.")
    version = chk.text(datastore, "version", field="datastore.version")
    return {"type": datastore["type"], "version": version}, engine


def _backup(chk: rules.Checker, inst: dict[str, Any]) -> dict[str, Any]:
    backup = chk.obj(inst, "backupStrategy", required=False)
    if backup is None:
        return {"startTime": "02:00:00", "keepDays": 7}
    days_raw = backup.get("keepDays", backup.get("keepDay"))
    days = chk.keep_days(days_raw, "backupStrategy.keepDays") if days_raw is not None else 0
    return {"startTime": chk.v1_window(backup.get("startTime")), "keepDays": days}


def _ha(chk: rules.Checker, inst: dict[str, Any], engine: dict[str, Any]) -> dict[str, Any] | None:
    ha = chk.obj(inst, "ha", required=False)
    if ha is None or ha.get("enable") is False:
        return None
    chk.boolean(ha.get("enable"), "ha.enable")
    return {"replicationMode": chk.choice(ha.get("replicationMode"), engine["replication"], rules.REPLICATION, "ha.replicationMode")}


def _volume(chk: rules.Checker, inst: dict[str, Any]) -> dict[str, Any]:
    vol = chk.volume(inst, rules.RDS_VOLUME_TYPES)
    chk.volume_size(vol["size"], 40, 4000, 10)
    return {"type": vol["type"], "size": vol["size"]}


def validate_primary(inst: dict[str, Any], project_id: str) -> dict[str, Any]:
    """Single/HA creation rules (same name, port, password and volume rules as v3)."""
    chk = _checker()
    chk.name(inst.get("name"))
    datastore, engine = _engine(chk, inst)
    port = engine["default_port"] if inst.get("dbPort") in (None, "") else chk.port(inst["dbPort"], engine["port_ok"], engine["port_rule"], "dbPort")
    chk.password(inst.get("dbRtPd"), engine["specials"], "dbRtPd")
    nics = chk.obj(inst, "nics")
    group = chk.obj(inst, "securityGroup")
    assert nics is not None and group is not None
    return {
        "type": "master", "datastore": datastore, "dbPort": port, "flavorRef": chk.text(inst, "flavorRef", rules.FLAVOR),
        "volume": _volume(chk, inst), "region": chk.region(inst.get("region"), project_region(project_id)),
        "availabilityZone": ",".join(chk.azs(inst.get("availabilityZone"), (1, 2), "availabilityZone")),
        "vpc": chk.text(inst, "vpc", rules.VPC), "subnetId": chk.text(nics, "subnetId", rules.SUBNET, field="nics.subnetId"),
        "securityGroupId": chk.text(group, "id", rules.PARAM, field="securityGroup.id"),
        "backupStrategy": _backup(chk, inst), "ha": _ha(chk, inst, engine), "replica_of": None, "slave_id": None,
    }


def _source(project_id: str, source_id: str) -> dict[str, Any]:
    source = store().get_instance(SERVICE, source_id)
    if source is None or source["project_id"] != project_id or source.get("delete_at") is not None:
        raise v1_not_found(f"The source DB instance {source_id} does not exist.")
    if source["attrs"]["type"] != "master":
        raise v1_error(400, VALIDATION, f"Invalid parameter replicaOf: {source_id} is not a primary DB instance.")
    status = lifecycle.status_of(source)
    if status != "ACTIVE":
        raise v1_error(409, CONFLICT, f"The source DB instance {source_id} is {status}; read replicas need an ACTIVE primary.")
    return source


def validate_replica(inst: dict[str, Any], project_id: str) -> dict[str, Any]:
    """Read replica rules; network and engine come from the primary."""
    chk = _checker()
    chk.name(inst.get("name"))
    flavor = chk.text(inst, "flavorRef", rules.FLAVOR)
    source_id = chk.text(inst, "replicaOf", rules.REPLICA) or ""
    src = _source(project_id, source_id)["attrs"]
    attrs = copy.deepcopy(src)
    volume = _volume(chk, inst) if inst.get("volume") is not None else src["volume"]
    chk.region(inst.get("region"), project_region(project_id), required=False)
    zone = src["availabilityZone"].split(",")[0] if inst.get("availabilityZone") is None else chk.azs(inst["availabilityZone"], (1,), "availabilityZone")[0]
    attrs.update({"type": "readreplica", "flavorRef": flavor, "volume": volume, "availabilityZone": zone,
                  "ha": None, "replica_of": source_id, "slave_id": None})
    return attrs


# -- records and views -------------------------------------------------------------
def make_records(project_id: str, name: str, attrs: dict[str, Any]) -> list[dict[str, Any]]:
    """The primary (plus its standby when HA) as stored records."""
    attrs = dict(attrs, hostname=_host())
    primary = lifecycle.new_record(SERVICE, project_id, str(uuid.uuid4()), name, attrs)
    if not attrs.get("ha"):
        return [primary]
    zones = attrs["availabilityZone"].split(",")
    slave_attrs = dict(copy.deepcopy(attrs), type="slave", primary_id=primary["id"], availabilityZone=zones[-1], hostname=_host())
    slave = lifecycle.new_record(SERVICE, project_id, str(uuid.uuid4()), name, slave_attrs)
    attrs["slave_id"] = slave["id"]
    return [primary, slave]


def _host() -> str:
    number = uuid.uuid4().int
    return f"172.16.{number % 250 + 1}.{number // 256 % 250 + 2}"


def render(rec: dict[str, Any], status: str | None = None, stamps: bool = True, full: bool = True) -> dict[str, Any]:
    """The v1 view of an instance (full: the datastore version in full, as the list and detail answers show it)."""
    attrs = rec["attrs"]
    datastore = dict(attrs["datastore"])
    if full:
        datastore["version"] = rules.full_version(str(datastore["type"]), str(datastore["version"]))
    view: dict[str, Any] = {
        "id": rec["id"], "status": status or lifecycle.status_of(rec), "name": rec["name"],
        "created": iso_offset(rec["created_ts"]) if stamps else "", "hostname": attrs.get("hostname", "") if stamps else "",
        "type": attrs["type"], "region": attrs["region"], "updated": iso_offset(lifecycle.updated_ts(rec)) if stamps else "",
        "availabilityZone": attrs["availabilityZone"], "vpc": attrs["vpc"], "nics": {"subnetId": attrs["subnetId"]},
        "securityGroup": {"id": attrs["securityGroupId"]}, "flavor": {"id": attrs["flavorRef"]},
        "volume": dict(attrs["volume"]), "dbPort": attrs["dbPort"], "datastore": datastore,
    }
    if attrs["type"] != "readreplica":
        view["backupStrategy"] = dict(attrs["backupStrategy"])
    if attrs.get("slave_id"):
        view["slaveId"] = attrs["slave_id"]
    if attrs.get("ha"):
        view["ha"] = dict(attrs["ha"])
    if attrs.get("replica_of"):
        view["replica_of"] = attrs["replica_of"]
    return view


# -- handlers ---------------------------------------------------------------------------
def _create_records(inst: dict[str, Any], project_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    attrs = validate_replica(inst, project_id) if "replicaOf" in inst else validate_primary(inst, project_id)
    records = make_records(project_id, inst["name"], attrs)
    taken = faults.take_create_faults("rds", ("job_fail", "stuck", "v1_primary_failed"))
    for rec in records:
        lifecycle.apply_create_faults(rec, taken)
    if "v1_primary_failed" in taken and len(records) == 2:
        records[0]["failed"] = True
        records[0]["fail_reason"] = str(taken["v1_primary_failed"].get("reason") or "The primary node failed to start.")
    store().put_instances(records)
    jobs = [lifecycle.create_job(rec, "CreateInstance" if rec["attrs"]["type"] != "slave" else "CreateSlaveInstance") for rec in records]
    return records, jobs


@bp.post("/<project_id>/instances")
def create_instance(project_id: str) -> Response:
    """POST {"instance": {...}}: single, HA (with slaveId) or read replica (replicaOf)."""
    body = read_json_body(lambda msg: v1_error(400, VALIDATION, msg))
    inst = body.get("instance")
    if not isinstance(inst, dict):
        raise v1_error(400, VALIDATION, "Invalid parameter instance: an object is required.")
    with store().transaction():
        records, jobs = _create_records(inst, project_id)
    view = render(records[0], "BUILD", stamps=False, full=False)
    if records[0]["attrs"]["type"] == "readreplica":
        view["hostname"] = records[0]["attrs"]["hostname"]
    view["extendparam"] = {"jobs": [{"id": job["id"]} for job in jobs]}
    return json_response({"instance": view}, int(store().config()["v1_create_status"]))


@bp.get("/<project_id>/instances")
def list_instances(project_id: str) -> Response:
    """GET instances: an array, or a single object when configured and exactly one exists."""
    conf = store().config()
    shown = [rec for rec in store().list_instances(SERVICE, project_id) if conf["v1_list_slaves"] or rec["attrs"]["type"] != "slave"]
    views = [render(rec) for rec in shown]
    if conf["v1_list_as_object"] and len(views) == 1:
        return json_response({"instances": views[0]})
    return json_response({"instances": views})


def _find(project_id: str, instance_id: str) -> dict[str, Any]:
    rec = store().get_instance(SERVICE, instance_id)
    if rec is None or rec["project_id"] != project_id:
        raise v1_not_found(f"The DB instance {instance_id} does not exist.")
    return rec


@bp.get("/<project_id>/instances/<instance_id>")
def show_instance(project_id: str, instance_id: str) -> Response:
    """GET one instance (the standby too, by its id)."""
    return json_response({"instance": render(_find(project_id, instance_id))})


def _group(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The records deleted together: primary and standby."""
    attrs = rec["attrs"]
    other_id = attrs.get("slave_id") or attrs.get("primary_id")
    other = store().get_instance(SERVICE, other_id) if other_id else None
    return [rec] + ([other] if other else [])


def _check_delete_body() -> None:
    """Optional {"keepLastManualBackup": ...}: the RDS v1 reference calls it obsolete ("its value can be left empty or
    set to an integer and has no impact"; automated backups are deleted, manual backups retained). Anything else
    than empty, an integer or a digit string is refused."""
    if not request.get_data(cache=True):
        return
    body = read_json_body(lambda msg: v1_error(400, VALIDATION, msg))
    value = body.get("keepLastManualBackup")
    if value is None or value == "" or (isinstance(value, int) and not isinstance(value, bool) and value >= 0) \
            or (isinstance(value, str) and value.isdigit()):
        return
    raise v1_error(400, VALIDATION, f"Invalid parameter keepLastManualBackup: {value!r} must be empty or a non-negative integer.")


@bp.delete("/<project_id>/instances/<instance_id>")
def delete_instance(project_id: str, instance_id: str) -> Response:
    """DELETE an instance by its id or its standby's id (automated backups go, manual backups stay)."""
    _check_delete_body()
    with store().transaction():
        rec = _find(project_id, instance_id)
        if rec.get("delete_at") is not None:
            raise v1_error(409, CONFLICT, f"The DB instance {instance_id} is already being deleted.")
        group = _group(rec)
        ids = {member["id"] for member in group}
        replicas = [r["id"] for r in store().list_instances(SERVICE, project_id) if r["attrs"].get("replica_of") in ids and r.get("delete_at") is None]
        if replicas:
            raise v1_error(409, CONFLICT, f"The DB instance {instance_id} has read replicas ({', '.join(replicas)}); delete them first.")
        jobs = [lifecycle.schedule_delete(member, "DeleteInstance") for member in group]
    return json_response({"job_id": jobs[0]["id"]}, 202)


@bp.get("/<project_id>/jobs")
def get_job(project_id: str) -> Response:
    """GET jobs?id=."""
    wanted = request.args.get("id") or ""
    job = store().get_job(wanted)
    if job is None or job["project_id"] != project_id or job["service"] != SERVICE:
        raise v1_not_found(f"The job {wanted} does not exist.")
    return json_response({"job": lifecycle.job_view(job)})


def seed_records(project_id: str, name: str, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Ready records for the admin seeding API ("ha": true adds a standby)."""
    region = project_region(project_id) or "eu-de"
    attrs: dict[str, Any] = {
        "type": "master", "datastore": {"type": "MySQL", "version": "5.7"}, "dbPort": 3306, "flavorRef": "rds.mysql.s1.medium",
        "volume": {"type": "COMMON", "size": 100}, "region": region, "availabilityZone": f"{region}-01",
        "vpc": "b1b2c3d4-0000-4000-8000-00000000aaaa", "subnetId": "b1b2c3d4-0000-4000-8000-00000000bbbb",
        "securityGroupId": "b1b2c3d4-0000-4000-8000-00000000cccc", "backupStrategy": {"startTime": "01:00:00", "keepDays": 3},
        "ha": None, "replica_of": None, "slave_id": None,
    }
    attrs.update({key: value for key, value in spec.items() if key not in ("status", "name", "created_ago", "ha")})
    if spec.get("ha"):
        attrs["ha"] = spec["ha"] if isinstance(spec["ha"], dict) else {"replicationMode": "async"}
    return make_records(project_id, name, attrs)
