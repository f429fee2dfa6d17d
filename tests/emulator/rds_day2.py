"""RDS v3 day-2 operations: resize, enlarge, single to HA, reboot, backup policy, port, security group, password,
tags, manual backups, restorable times and restore to a new instance (parameter templates: rds_params).

Paths, bodies and answers follow the RDS API reference and the SDK (huaweicloudsdkrds 3.1.219); see the README's
day-2 table. Every operation that runs a job moves the instance through its documented status on the emulator clock
(day2.start_op) and changes the listed values when it ends.
"""
from __future__ import annotations

import copy
from typing import Any

from flask import Blueprint, Response, request

from . import backups, day2, lifecycle, rds_v3, rules
from .common import hex_id, json_response, now, page_args, store, v3_error

bp = Blueprint("rds_day2", __name__)
SERVICE = "rds"
_ENGINE_WORD = {"MySQL": "Mysql", "PostgreSQL": "Postgresql", "SQLServer": "Sqlserver"}
_DEFAULT_PERIOD = "1,2,3,4,5,6,7"
_QUARTERS = ("00", "15", "30", "45")
# Statuses in which an operation is accepted (RDS API reference, per operation; where it is silent, ACTIVE and the
# statuses that do not block work on the instance).
_ACTIVE = ("ACTIVE",)
_ENLARGE = ("ACTIVE", "STORAGE FULL")  # HW eu 2025: "Available or Storage full"; OTC: Available (both accepted)
_PORT = ("ACTIVE", "STORAGE FULL")  # refused while creating, rebooting, changing spec, managing users, backing up
_RELAXED = ("ACTIVE", "BACKING UP", "STORAGE FULL")  # security group, password, templates (rds_params), backup policy
_BACKUP_TYPES = ("auto", "manual", "fragment", "incremental")


def _engine(rec: dict[str, Any]) -> str:
    return _ENGINE_WORD.get(rec["attrs"]["datastore"]["type"], "Mysql")


def _find(project_id: str, instance_id: str) -> dict[str, Any]:
    return day2.find(SERVICE, project_id, instance_id)


def _job_answer(rec: dict[str, Any], job: dict[str, Any]) -> Response:
    """202 {"job_id"} for pay-per-use, {"order_id"} for yearly/monthly instances (SDK docstrings)."""
    if (rec["attrs"].get("charge_info") or {}).get("charge_mode") == "prePaid":
        return json_response({"order_id": job["id"].replace("-", "")}, 202)
    return json_response({"job_id": job["id"]}, 202)


# -- POST .../action: resize_flavor, enlarge_volume, single_to_ha, restart ------------------------------------------
def _resize_flavor(rec: dict[str, Any], spec: dict[str, Any]) -> Response:
    """RDS v3 StartResizeFlavorAction: a different flavor of the same instance type; MODIFYING until done."""
    chk = day2.checker()
    code = chk.text(spec, "spec_code", rules.FLAVOR, field="resize_flavor.spec_code") or ""
    day2.boolean_field(chk, spec, "is_auto_pay", "resize_flavor.is_auto_pay")
    # is_delay (run in the maintenance window, MySQL only) is accepted; the emulator runs the change at once.
    day2.boolean_field(chk, spec, "is_delay", "resize_flavor.is_delay")
    kind = rec["attrs"]["type"]
    if code == rec["attrs"]["flavor_ref"]:
        chk.fail(rules.FLAVOR, f"Invalid parameter resize_flavor.spec_code: {code} is the current flavor; the new one must differ.")
    # Same instance type: HA flavors end in .ha, read replica flavors in .rr (the create API does not insist on the
    # suffix, so only a suffix of another type is refused here).
    if (code.endswith(".ha") and kind != "Ha") or (code.endswith(".rr") and kind != "Replica"):
        chk.fail(rules.FLAVOR, f"Invalid parameter resize_flavor.spec_code: {code} is not a flavor of a {kind} instance.")
    day2.require(rec, _ACTIVE, "Changing the flavor")
    job = day2.start_op(rec, "resize_flavor", f"Resize{_engine(rec)}Flavor", {"flavor_ref": code}, status="MODIFYING")
    return _job_answer(rec, job)


def _enlarge_volume(rec: dict[str, Any], spec: dict[str, Any]) -> Response:
    """RDS v3 StartInstanceEnlargeVolumeAction: the new total size, larger, a multiple of 10, at most 4000 GB."""
    chk = day2.checker()
    size = chk.integer(spec.get("size"), "enlarge_volume.size")
    day2.boolean_field(chk, spec, "is_auto_pay", "enlarge_volume.is_auto_pay")
    current = int(rec["attrs"]["volume"]["size"])
    if size <= current:
        chk.fail(day2.VOLUME_NOT_LARGER, f"Invalid parameter enlarge_volume.size: {size} GB must be larger than the current "
                                         f"{current} GB (storage can only be scaled up).")
    chk.volume_size(size, 40, 4000, 10, "enlarge_volume.size")
    # Huawei Cloud RDS user guide, Configuring Storage Autoscaling: a read replica is scaled on its own, and "new storage
    # space of read replicas after autoscaling up must be greater than or equal to that of the primary DB instance".
    primary_id = rec["attrs"].get("replica_of")
    primary = store().get_instance(SERVICE, primary_id) if primary_id else None
    if primary is not None and size < int(primary["attrs"]["volume"]["size"]):
        chk.fail(day2.VOLUME_BELOW_PRIMARY, f"Invalid parameter enlarge_volume.size: a read replica's storage must be at least its "
                                            f"primary's ({primary['attrs']['volume']['size']} GB).")
    day2.require(rec, _ENLARGE, "Scaling up storage")
    job = day2.start_op(rec, "enlarge_volume", f"Enlarge{_engine(rec)}Volume", {"volume.size": size}, status="MODIFYING")
    return _job_answer(rec, job)


def _single_to_ha(rec: dict[str, Any], spec: dict[str, Any]) -> Response:
    """RDS v3 StartInstanceSingleToHaAction: a standby in az_code_new_node; MODIFYING INSTANCE TYPE until done."""
    chk = day2.checker()
    attrs = rec["attrs"]
    if attrs["type"] != "Single":
        chk.fail(rules.HA_MODE, f"Invalid operation single_to_ha: the DB instance {rec['id']} is {attrs['type']}, not Single.")
    zone = chk.text(spec, "az_code_new_node", rules.AZ, field="single_to_ha.az_code_new_node") or ""
    chk.text(spec, "dsspool_id", required=False, field="single_to_ha.dsspool_id")
    day2.boolean_field(chk, spec, "is_auto_pay", "single_to_ha.is_auto_pay")
    # CONFLICT: the SDK (Single2HaObject) has ad_domain_info for SQL Server instances in a domain; the OTC reference
    # and older HW regions have a "password" mandatory for SQL Server instead. Both are accepted, neither required.
    domain = chk.obj(spec, "ad_domain_info", required=False)
    if domain is not None:
        for key in ("domain_admin_account_name", "domain_admin_pwd"):
            chk.text(domain, key, field=f"single_to_ha.ad_domain_info.{key}")
    chk.text(spec, "password", required=False, field="single_to_ha.password")
    day2.require(rec, _ACTIVE, "Changing a single instance to primary/standby")
    engine = rules.RDS_ENGINES[attrs["datastore"]["type"]]
    node_ids = list(attrs["node_ids"]) + [hex_id("no01")]
    changes = {"type": "Ha", "ha": {"mode": "Ha", "replication_mode": engine["replication"][0]},
               "availability_zone": f"{attrs['availability_zone'].split(',')[0]},{zone}", "node_ids": node_ids}
    job = day2.start_op(rec, "single_to_ha", f"{_engine(rec)}SingleToHa", changes, status="MODIFYING INSTANCE TYPE")
    return _job_answer(rec, job)


def _restart(rec: dict[str, Any], spec: dict[str, Any]) -> Response:
    """RDS v3 StartInstanceRestartAction: REBOOTING until done; clears a pending parameter change."""
    chk = day2.checker()
    for key in ("restart_server", "forcible", "delay"):
        day2.boolean_field(chk, spec, key, f"restart.{key}")
    day2.require(rec, _ACTIVE, "Rebooting")
    job = day2.start_op(rec, "restart", f"Restart{_engine(rec)}Instance", {"pending_restart": False}, status="REBOOTING")
    return json_response({"job_id": job["id"]}, 202)


_ACTIONS = {"resize_flavor": _resize_flavor, "enlarge_volume": _enlarge_volume, "single_to_ha": _single_to_ha, "restart": _restart}


@bp.post("/v3/<project_id>/instances/<instance_id>/action")
def instance_action(project_id: str, instance_id: str) -> Response:
    """POST .../action with exactly one of resize_flavor, enlarge_volume, single_to_ha, restart."""
    payload = day2.body()
    given = [key for key in payload if key in _ACTIONS]
    if len(given) != 1 or len(payload) != 1:
        raise v3_error(400, rules.PARAM, f"Invalid request body: exactly one of {', '.join(_ACTIONS)} is required "
                                         f"(got {', '.join(payload) or 'nothing'}).")
    spec = payload[given[0]]
    if not isinstance(spec, dict):
        raise v3_error(400, rules.PARAM, f"Invalid parameter {given[0]}: an object is required.")
    with store().transaction():
        return _ACTIONS[given[0]](_find(project_id, instance_id), spec)


# -- backup policy ------------------------------------------------------------------------------------------------
def _policy(rec: dict[str, Any]) -> dict[str, Any]:
    strategy = rec["attrs"].get("backup_strategy") or {}
    days = int(strategy.get("keep_days") or 0)
    if days == 0:
        return {"keep_days": 0}
    return {"keep_days": days, "start_time": strategy.get("start_time", ""), "period": rec["attrs"].get("backup_period") or _DEFAULT_PERIOD}


@bp.get("/v3/<project_id>/instances/<instance_id>/backups/policy")
def show_backup_policy(project_id: str, instance_id: str) -> Response:
    """RDS v3 ShowBackupPolicy: {"backup_policy": {keep_days, start_time, period}} ({keep_days: 0} when disabled)."""
    return json_response({"backup_policy": _policy(_find(project_id, instance_id))})


@bp.put("/v3/<project_id>/instances/<instance_id>/backups/policy")
def set_backup_policy(project_id: str, instance_id: str) -> Response:
    """RDS v3 SetBackupPolicy: 200 with an empty body; the list's backup_strategy changes at once."""
    payload = day2.body()
    chk = day2.checker()
    policy = chk.obj(payload, "backup_policy")
    assert policy is not None
    reserve = day2.boolean_field(chk, payload, "reserve_backups")
    with store().transaction():
        rec = _find(project_id, instance_id)
        engine = rec["attrs"]["datastore"]["type"]
        if rec["attrs"]["type"] == "Replica":
            chk.fail(rules.VALUE, f"Read replica {instance_id} has no automated backup policy.")
        # keep_days 0 (disable) -- CONFLICT between the sources (SDK 1-732, HW 0-732, OTC 2025 by engine): accepted
        # for PostgreSQL only, as the OTC reference of 2025 states; MySQL and SQL Server cannot disable.
        days = day2.keep_days(chk, policy.get("keep_days"), 0 if engine == "PostgreSQL" else 1, 732)
        day2.require(rec, _RELAXED, "Setting the backup policy")
        strategy = dict(rec["attrs"].get("backup_strategy") or {"start_time": "", "keep_days": 0})
        if days > 0:
            strategy["start_time"] = day2.window(chk, policy.get("start_time"), _QUARTERS)
            rec["attrs"]["backup_period"] = day2.period(chk, policy.get("period"))
        strategy["keep_days"] = days
        rec["attrs"]["backup_strategy"] = strategy
        if days == 0 and reserve is False:
            lifecycle.drop_automated_backups(rec)  # reserve_backups false: the automated backups go too
        store().put_instance(rec)
    return day2.empty()


# -- port, security group, password -----------------------------------------------------------------------------------
@bp.put("/v3/<project_id>/instances/<instance_id>/port")
def update_port(project_id: str, instance_id: str) -> Response:
    """RDS v3 UpdatePort: 200 {"workflowId"} (the job API answers for it); MODIFYING DATABASE PORT until done."""
    payload = day2.body()
    chk = day2.checker()
    port = chk.integer(payload.get("port"), "port")
    with store().transaction():
        rec = _find(project_id, instance_id)
        engine = rules.RDS_ENGINES[rec["attrs"]["datastore"]["type"]]
        if not engine["port_ok"](port):
            chk.fail(rules.VALUE, f"Invalid parameter port: {port} is not allowed ({engine['port_rule']}).")
        day2.require(rec, _PORT, "Changing the database port")
        job = day2.start_op(rec, "port", f"Modify{_engine(rec)}Port", {"port": port}, status="MODIFYING DATABASE PORT")
    return json_response({"workflowId": job["id"]})


@bp.put("/v3/<project_id>/instances/<instance_id>/security-group")
def set_security_group(project_id: str, instance_id: str) -> Response:
    """RDS v3 SetSecurityGroup: 200 {"workflowId"}; no status word is documented, the job runs until done."""
    payload = day2.body()
    chk = day2.checker()
    value = chk.text(payload, "security_group_id") or ""
    # Several groups, comma-separated (HW CN 2025-11); the OTC reference shows one ID: both are accepted.
    groups = [part.strip() for part in value.split(",")]
    if any(not part for part in groups) or len(set(groups)) != len(groups):
        chk.fail(rules.PARAM, f"Invalid parameter security_group_id: {value!r} must be IDs separated by commas, none empty or repeated.")
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _RELAXED, "Changing the security group")
        job = day2.start_op(rec, "security_group", f"Modify{_engine(rec)}SecurityGroup", {"security_group_id": ",".join(groups)})
    return json_response({"workflowId": job["id"]})


@bp.post("/v3/<project_id>/instances/<instance_id>/password")
def reset_password(project_id: str, instance_id: str) -> Response:
    """RDS v3 ResetPwd: {"db_user_pwd"} -> 200 {}; the engine's password rules as for a create."""
    payload = day2.body()
    chk = day2.checker()
    with store().transaction():
        rec = _find(project_id, instance_id)
        chk.password(payload.get("db_user_pwd"), rules.RDS_ENGINES[rec["attrs"]["datastore"]["type"]]["specials"], "db_user_pwd")
        day2.require(rec, _RELAXED, "Resetting the password")
        rec["attrs"]["password_resets"] = int(rec["attrs"].get("password_resets") or 0) + 1
        store().put_instance(rec)
    return json_response({})


# -- tags -----------------------------------------------------------------------------------------------------------
@bp.post("/v3/<project_id>/instances/<instance_id>/tags/action")
def tag_action(project_id: str, instance_id: str) -> Response:
    """RDS v3 BatchTagAddAction / BatchTagDelAction: {"action": "create"|"delete", "tags"} -> 200, empty body."""
    payload = day2.body()
    with store().transaction():
        rec = _find(project_id, instance_id)
        if rec.get("delete_at") is not None:
            raise v3_error(409, rules.BUSY, f"The DB instance {instance_id} is being deleted.")
        day2.tag_action(SERVICE, rec, payload)
    return day2.empty()


@bp.get("/v3/<project_id>/instances/<instance_id>/tags")
def list_tags(project_id: str, instance_id: str) -> Response:
    """RDS v3 ListInstanceTags: {"tags": [{"key", "value", "tag_type": "user"}]}."""
    rec = _find(project_id, instance_id)
    return json_response({"tags": [dict(tag, tag_type="user") for tag in day2.listed_tags(rec)]})


# -- manual backups ---------------------------------------------------------------------------------------------------
@bp.post("/v3/<project_id>/backups")
def create_backup(project_id: str) -> Response:
    """RDS v3 CreateManualBackup: 200 {"backup": {...}} without a job; the backup is BUILDING and the instance
    BACKING UP until ready_delay has passed, then COMPLETED (FAILED under the backup_fail fault)."""
    payload = day2.body()
    chk = day2.checker()
    instance_id = chk.text(payload, "instance_id") or ""
    name = payload.get("name")
    if not isinstance(name, str) or not rules.NAME_RE.match(name):
        chk.fail("DBS.280277", "Invalid parameter name: a backup name has 4 to 64 characters, starts with a letter and "
                               "contains only letters, digits, hyphens (-) and underscores (_).")
    description = backups.check_description(chk, payload.get("description"), day2.BACKUP_DESCRIPTION)
    databases = payload.get("databases")
    day2.boolean_field(chk, payload, "backup_database_individually")
    with store().transaction():
        rec = _find(project_id, instance_id)
        engine = rec["attrs"]["datastore"]["type"]
        if databases is not None:
            if engine == "MySQL" or not isinstance(databases, list) or not all(isinstance(d, dict) and isinstance(d.get("name"), str) and d["name"]
                                                                               for d in databases):
                chk.fail(rules.PARAM, "Invalid parameter databases: a list of {name} objects, for SQL Server and PostgreSQL only.")
        if rec["attrs"]["type"] == "Replica":
            chk.fail(rules.VALUE, f"Read replica {instance_id} cannot be backed up.")
        if backups.name_taken(SERVICE, project_id, name):
            raise v3_error(409, day2.BACKUP_EXISTS, f"A backup named {name} already exists.")
        if lifecycle.status_of(rec) == "BACKING UP":
            raise v3_error(409, day2.BACKUP_RUNNING, f"A backup of the DB instance {instance_id} is in progress, please wait.")
        day2.require(rec, _ACTIVE, "Creating a backup")
        taken = day2.take_faults(rec, ("backup_fail", "stuck"))
        job = day2.start_op(rec, "backup", f"Backup{_engine(rec)}Instance", {}, status="BACKING UP", taken=taken, fail_kind="backup_fail")
        backup = backups.store_new(backups.new_backup(rec, name, "manual", now(), job["done_at"],
                                                      final="FAILED" if job["fail_reason"] else "COMPLETED",
                                                      description=description, databases=databases))
    view = backups.rds_view(backup)
    answer = {key: view[key] for key in ("id", "instance_id", "name", "databases", "begin_time", "status", "type")}
    answer["description"] = description
    return json_response({"backup": answer})


@bp.get("/v3/<project_id>/backups")
def list_backups(project_id: str) -> Response:
    """RDS v3 ListBackups: instance_id is mandatory; backup_id, backup_type, status, begin_time/end_time, paging."""
    offset, limit = page_args()
    instance_id = request.args.get("instance_id")
    if not instance_id:
        raise v3_error(400, "DBS.280001", "Invalid parameter instance_id: it is mandatory.")
    backup_type = request.args.get("backup_type") or None
    if backup_type is not None and backup_type not in _BACKUP_TYPES:
        raise v3_error(400, "DBS.280001", f"Invalid parameter backup_type: {backup_type!r} is not one of {', '.join(_BACKUP_TYPES)}.")
    window = backups.time_window("yyyy-mm-ddThh:mm:ssZ")
    rec = store().get_instance(SERVICE, instance_id)
    if rec is not None and rec["project_id"] == project_id:
        backups.ensure_auto(rec)
    items = [b for b in backups.of_service(SERVICE, project_id, instance_id)
             if request.args.get("backup_id") in (None, "", b["id"])
             and backup_type in (None, "manual" if b.get("origin") == "manual" else "auto")
             and request.args.get("status") in (None, "", backups.status_of(b))
             and (window is None or window[0] <= b["begin_ts"] <= window[1])]
    return json_response(backups.page(items, SERVICE, offset, limit))


@bp.delete("/v3/<project_id>/backups/<backup_id>")
def delete_backup(project_id: str, backup_id: str) -> Response:
    """RDS v3 DeleteManualBackup: 200 with an empty body; automated backups cannot be deleted."""
    with store().transaction():
        backup = backups.get(SERVICE, project_id, backup_id)
        if backup is None:
            raise v3_error(404, day2.BACKUP_MISSING_RDS, f"The backup {backup_id} does not exist.")
        if backup.get("origin") != "manual":
            raise v3_error(400, rules.VALUE, f"The backup {backup_id} is an automated backup; only manual backups can be deleted.")
        if backups.status_of(backup) == "BUILDING":
            raise v3_error(409, day2.BACKUP_RUNNING, f"The backup {backup_id} is in progress, please wait.")
        backups.remove(backup)
    return day2.empty()


# -- restorable times and restore to a new instance -------------------------------------------------------------------
@bp.get("/v3/<project_id>/instances/<instance_id>/restore-time")
def restore_time(project_id: str, instance_id: str) -> Response:
    """RDS v3 ListRestoreTimes: date (UTC yyyy-mm-dd) is optional; without it every range is returned."""
    day = backups.query_day(required=False)
    ranges = backups.restore_ranges(_find(project_id, instance_id))
    return json_response({"restore_time": ranges if day is None else backups.ranges_on_day(ranges, day[0], day[1])})


def _restore_source(chk: rules.Checker, project_id: str, point: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(checked restore_point, attributes of the source as they were); the backup must be COMPLETED, the time inside
    the source's restorable ranges."""
    source_id = chk.text(point, "instance_id", field="restore_point.instance_id") or ""
    kind = point.get("type") or ("backup" if point.get("backup_id") is not None else None)
    source = store().get_instance(SERVICE, source_id)
    if source is not None and (source["project_id"] != project_id or source.get("delete_at") is not None):
        source = None
    if kind == "backup":
        backup_id = chk.text(point, "backup_id", field="restore_point.backup_id") or ""
        if source is not None:
            backups.ensure_auto(source)
        backup = backups.get(SERVICE, project_id, backup_id)
        if backup is None or backup["instance_id"] != source_id:
            chk.fail(day2.BACKUP_MISSING_RESTORE, f"Invalid parameter restore_point.backup_id: backup {backup_id} of instance {source_id} does not exist.")
        status = backups.status_of(backup)
        if status == "BUILDING":
            chk.fail(day2.BACKUP_RUNNING, f"The backup {backup_id} is in progress, please wait.")
        if status != "COMPLETED":
            chk.fail(day2.BACKUP_FILE_MISSING, f"Invalid parameter restore_point.backup_id: backup {backup_id} is {status}; "
                                               "only COMPLETED backups can be restored.")
        # A manual backup outlives its instance (RDS user guide): restore from what the backup recorded.
        attrs = backups.source_attrs(backup)
        attrs["volume"] = {"type": (attrs.get("volume") or {}).get("type", ""), "size": int(backup.get("volume_size") or 0)}
        return {"instance_id": source_id, "type": "backup", "backup_id": backup_id}, attrs
    if kind != "timestamp":
        chk.fail(rules.PARAM, f"Invalid parameter restore_point.type: {point.get('type')!r} must be backup (with backup_id) "
                              "or timestamp (with restore_time).")
    if source is None:
        chk.fail(rules.SOURCE_MISSING, f"The source DB instance {source_id} does not exist.")
    stamp = chk.integer(point.get("restore_time"), "restore_point.restore_time")
    ranges = backups.restore_ranges(source)
    if not backups.in_ranges(ranges, stamp):
        chk.fail(rules.VALUE, f"Invalid parameter restore_point.restore_time: {stamp} is outside the restorable time ranges "
                              f"({backups.shown_ranges(ranges)}).")
    return {"instance_id": source_id, "type": "timestamp", "restore_time": stamp}, copy.deepcopy(source["attrs"])


def validate_restore(body: dict[str, Any], project_id: str) -> dict[str, Any]:
    """RDS v3 CreateRestoreInstance (POST /v3/{project_id}/instances with restore_point): the create rules, the
    engine and version of the source (a datastore given must match it), at least the source's storage."""
    chk = day2.checker()
    point = chk.obj(body, "restore_point")
    assert point is not None
    checked, src = _restore_source(chk, project_id, point)
    datastore = src.get("datastore") or {}
    wanted = body.get("datastore")
    if wanted is not None:
        if not isinstance(wanted, dict):
            chk.fail(rules.PARAM, "Invalid parameter datastore: an object is required.")
        if wanted.get("type") != datastore.get("type"):
            chk.fail(rules.ENGINE, f"Invalid parameter datastore.type: {wanted.get('type')!r}; the source runs {datastore.get('type')}.")
        family = rules.version_family(str(datastore.get("type")), str(wanted.get("version")))
        if family != datastore.get("version"):
            chk.fail(rules.VERSION, f"Invalid parameter datastore.version: {wanted.get('version')!r}; the source runs "
                                    f"{datastore.get('type')} {datastore.get('version')} (the version must be the same).")
    filled = dict(body)
    filled["datastore"] = dict(wanted or {"type": datastore.get("type"), "version": datastore.get("version")})
    # region, vpc_id, subnet_id and security_group_id: mandatory for PostgreSQL and SQL Server (SDK); MySQL takes the source's.
    if datastore.get("type") == "MySQL":
        for key in ("region", "vpc_id", "subnet_id", "security_group_id"):
            if filled.get(key) is None and src.get(key):
                filled[key] = src[key]
    attrs = rds_v3.validate_primary(filled, project_id)
    minimum = int((src.get("volume") or {}).get("size") or 0)
    if attrs["volume"]["size"] < minimum:
        chk.fail(day2.VOLUME_NOT_LARGER, f"Invalid parameter volume.size: {attrs['volume']['size']} GB is less than the source's "
                                         f"{minimum} GB (min_data_volume_capacity_for_restore).")
    attrs["restored_from"] = checked
    return attrs


rds_v3.restore_validators.append(validate_restore)
