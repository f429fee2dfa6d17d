"""DDS day-2 operations: resize per node group, enlarge volume, add mongos/shard/replica-set nodes, backup policy,
port, security group, SSL, password, tags, manual backups, restorable times and restore to a new instance.

DDS has no status word for work in progress: the instance stays `normal`, `actions[]` names the running action
(RESIZE_FLAVOR, RESIZE_VOLUME, GROWING, ...) and the nodes concerned show resize_flavor / resize_volume / backup.
Another job-starting operation is refused while an action runs (403 DBS.200019, the DDS error code table's status
for state conflicts). Numbers the SDK sends as strings (keep_days, volume.size, num, restore_time) are accepted as
strings or numbers (the DDS references show numbers in their examples).
"""
from __future__ import annotations

import copy
import re
from typing import Any

from flask import Blueprint, Response, request

from . import backups, day2, dds, faults, lifecycle, rules
from .common import ApiError, hex_id, iso_plain, json_response, now, page_args, project_region, store, v3_error

bp = Blueprint("dds_day2", __name__)
SERVICE = "dds"
_READY = ("normal",)
_ENLARGE = ("normal", "data_disk_full")
_QUARTERS = ("00", "15", "30", "45")  # CONFLICT: SDK 00/15/30/45, OTC "must be 00": both accepted
_MAX_GROUP_NODES = 32  # CONFLICT: SDK 16 mongos / 16 shards, OTC 32 / 32: the larger is accepted
_PITR_CLUSTER_VERSIONS = ("4.0", "4.2", "4.4")  # restore-time: replica sets, and clusters of 4.0 (HW ally region: 4.2, 4.4)
_BACKUP_TYPES = {"Auto": "auto", "Manual": "manual", "Incremental": "incremental"}
_USER_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
# Create-only fields: the restore body (RestoreNewInstanceRequestBody) has none of them; engine and mode come from the backup.
_NOT_IN_RESTORE = ("datastore", "region", "mode", "port", "tags")


def _find(project_id: str, instance_id: str) -> dict[str, Any]:
    return day2.find(SERVICE, project_id, instance_id)


def _number(chk: rules.Checker, value: Any, label: str) -> int:
    """An integer given as a number or a digit string."""
    return chk.integer(value.strip() if isinstance(value, str) else value, label, allow_str=True)


def _job(job: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return dict({"job_id": job["id"]}, **extra)


def _missing(what: str) -> ApiError:
    return v3_error(404, day2.DDS_NODE_MISSING, f"The {what} does not exist.")


# -- resize, enlarge volume, add nodes ----------------------------------------------------------------------------------
def _resize_targets(chk: rules.Checker, rec: dict[str, Any], option: dict[str, Any]) -> list[dict[str, Any]]:
    """The layout items a resize names (DDS ResizeInstance target table)."""
    mode = rec["attrs"]["mode"]
    layout = dds.group_layout(rec)
    kind = option.get("target_type")
    if kind == "readonly":
        raise _missing(f"read-only node {option.get('target_id')}")  # the emulator has no read-only nodes
    if mode != "Sharding":
        if kind is not None:
            chk.fail(rules.PARAM, f"Invalid parameter resize.target_type: {kind!r}; omit it for a {mode} instance.")
        if option.get("target_id") != rec["id"]:
            chk.fail(rules.PARAM, f"Invalid parameter resize.target_id: {option.get('target_id')!r} must be the instance ID {rec['id']}.")
        return [item for item in layout if item["type"] in ("replica", "single")]
    if kind not in ("mongos", "shard", "config"):
        chk.fail(rules.PARAM, f"Invalid parameter resize.target_type: {kind!r} must be mongos, shard, config or readonly for a cluster.")
    ids = option.get("target_ids")
    if ids is not None:
        if kind != "shard" or option.get("target_id") is not None:
            chk.fail(rules.PARAM, "Invalid parameter resize.target_ids: only for shards, instead of target_id.")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 16 or not all(isinstance(item, str) for item in ids) or len(set(ids)) != len(ids):
            chk.fail(rules.PARAM, "Invalid parameter resize.target_ids: 1 to 16 different shard group IDs are required.")
    else:
        ids = [chk.text(option, "target_id", field="resize.target_id")]
    by_id = {item["id"]: item for item in layout if item["type"] == kind}
    for item_id in ids:
        if item_id not in by_id:
            raise _missing(f"{kind} {'node' if kind == 'mongos' else 'group'} {item_id} of instance {rec['id']}")
    return [by_id[item_id] for item_id in ids]


@bp.post("/v3/<project_id>/instances/<instance_id>/resize")
def resize(project_id: str, instance_id: str) -> Response:
    """DDS ResizeInstance: a new spec for mongos nodes, shard/config groups or the whole replica set / single node."""
    payload = day2.body()
    chk = day2.checker()
    option = chk.obj(payload, "resize")
    assert option is not None
    code = chk.text(option, "target_spec_code", rules.FLAVOR, field="resize.target_spec_code") or ""
    day2.boolean_field(chk, payload, "is_auto_pay")
    force = day2.boolean_field(chk, payload, "is_force_resize")
    with store().transaction():
        rec = _find(project_id, instance_id)
        targets = _resize_targets(chk, rec, option)
        if force is not None and targets[0]["type"] == "mongos":
            chk.fail(rules.PARAM, "Invalid parameter is_force_resize: not for mongos or read-only nodes.")
        for item in targets:
            if item["spec_code"] == code:
                chk.fail(rules.FLAVOR, f"Invalid parameter resize.target_spec_code: {code} is the current spec of {item['id']}; "
                                       "the new one must differ.")
        day2.require(rec, _READY, "Changing the specifications")
        changes = {f"overrides.{item['key']}.spec_code": code for item in targets}
        job = day2.start_op(rec, "resize_flavor", "ResizeMongoDBInstance", changes, action="RESIZE_FLAVOR",
                            node_status="resize_flavor", targets=[item["id"] for item in targets])
    return json_response(_job(job), 202)


_SIZE_LIMITS = {"shard": rules.DDS_FLAVORS["Sharding"]["shard"][3], "replica": rules.DDS_FLAVORS["ReplicaSet"]["replica"][3],
                "single": rules.DDS_FLAVORS["Single"]["single"][3]}


def _check_size(chk: rules.Checker, size: int, kind: str, current: int, label: str) -> None:
    if size % 10:
        chk.fail(day2.DDS_VOLUME_STEP, f"Invalid parameter {label}: {size} GB must be a multiple of 10.")
    if size <= current or size > int(_SIZE_LIMITS[kind] or 0):
        chk.fail(day2.VOLUME_NOT_LARGER, f"Invalid parameter {label}: {size} GB must be larger than the current {current} GB "
                                         f"and at most {_SIZE_LIMITS[kind]} GB ({kind}).")


@bp.post("/v3/<project_id>/instances/<instance_id>/enlarge-volume")
def enlarge_volume(project_id: str, instance_id: str) -> Response:
    """DDS ResizeInstanceVolume: {"volume": {"size", "group_id" (clusters: a shard group)}}; size only upwards."""
    payload = day2.body()
    chk = day2.checker()
    volume = chk.obj(payload, "volume")
    assert volume is not None
    size = _number(chk, volume.get("size"), "volume.size")
    day2.boolean_field(chk, payload, "is_auto_pay")
    with store().transaction():
        rec = _find(project_id, instance_id)
        layout = dds.group_layout(rec)
        if volume.get("node_ids") is not None:
            raise _missing(f"read-only node {volume['node_ids']!r}")  # node_ids names read-only nodes; the emulator has none
        if rec["attrs"]["mode"] == "Sharding":
            group_id = chk.text(volume, "group_id", field="volume.group_id")
            groups = [item for item in layout if item["id"] == group_id]
            if not groups:
                raise _missing(f"group {group_id} of instance {instance_id}")
            if groups[0]["type"] != "shard":
                chk.fail(rules.PARAM, f"Invalid parameter volume.group_id: {group_id} is a {groups[0]['type']} group; only shards grow.")
        else:
            if volume.get("group_id") is not None:
                chk.fail(rules.PARAM, "Invalid parameter volume.group_id: only for cluster instances.")
            groups = [item for item in layout if item["type"] in ("replica", "single")]
        target = groups[0]
        _check_size(chk, size, target["type"], int(target["size"]), "volume.size")
        day2.require(rec, _ENLARGE, "Scaling up storage")
        job = day2.start_op(rec, "enlarge_volume", "EnlargeMongoDBVolume", {f"overrides.{target['key']}.size": size},
                            action="RESIZE_VOLUME", node_status="resize_volume", targets=[target["id"]])
    return json_response(_job(job), 202)


@bp.post("/v3/<project_id>/instances/<instance_id>/enlarge")
def add_sharding_node(project_id: str, instance_id: str) -> Response:
    """DDS AddShardingNode: more mongos nodes or shards of a cluster, with a spec the cluster already uses."""
    payload = day2.body()
    chk = day2.checker()
    kind = chk.choice(payload.get("type"), ("mongos", "shard"), rules.PARAM, "type")
    code = chk.text(payload, "spec_code", rules.FLAVOR) or ""
    num = _number(chk, payload.get("num"), "num")
    day2.boolean_field(chk, payload, "is_auto_pay")
    volume = chk.obj(payload, "volume", required=kind == "shard")
    with store().transaction():
        rec = _find(project_id, instance_id)
        if rec["attrs"]["mode"] != "Sharding":
            chk.fail(rules.PARAM, f"Adding mongos or shard nodes needs a cluster instance; {instance_id} is {rec['attrs']['mode']}.")
        index = next(pos for pos, entry in enumerate(rec["attrs"]["flavor"]) if entry["type"] == kind)
        entry = rec["attrs"]["flavor"][index]
        current = int(entry["num"])
        if num < 1 or current + num > _MAX_GROUP_NODES:
            chk.fail(rules.VALUE, f"Invalid parameter num: {num}; a cluster has at most {_MAX_GROUP_NODES} {kind} nodes ({current} now).")
        specs = {item["spec_code"] for item in dds.group_layout(rec) if item["type"] == kind}
        if code not in specs:
            chk.fail(rules.FLAVOR, f"Invalid parameter spec_code: new {kind} nodes use the spec of the existing ones ({', '.join(sorted(specs))}).")
        changes: dict[str, Any] = {f"flavor.{index}.num": current + num}
        if kind == "shard":
            assert volume is not None
            size = _number(chk, volume.get("size"), "volume.size")
            if size % 10:
                chk.fail(day2.DDS_VOLUME_STEP, f"Invalid parameter volume.size: {size} GB must be a multiple of 10.")
            if not 10 <= size <= int(_SIZE_LIMITS["shard"] or 0):
                chk.fail(day2.VOLUME_NOT_LARGER, f"Invalid parameter volume.size: {size} GB is out of range (10 to {_SIZE_LIMITS['shard']} GB).")
        elif volume is not None:
            chk.fail(rules.PARAM, "Invalid parameter volume: mongos nodes have no storage.")
        for new in range(current, current + num):
            key = f"mongos/{new}" if kind == "mongos" else f"shard{new}"
            if code != entry["spec_code"]:
                changes[f"overrides.{key}.spec_code"] = code
            if kind == "shard" and size != int(entry["size"]):
                changes[f"overrides.{key}.size"] = size
        day2.require(rec, _READY, f"Adding {kind} nodes")
        job = day2.start_op(rec, "add_nodes", "EnlargeMongoDBGroup", changes, action="GROWING" if kind == "mongos" else "SHARD_GROWING")
    return json_response(_job(job), 202)


@bp.post("/v3/<project_id>/instances/<instance_id>/replicaset-node")
def expand_replicaset_node(project_id: str, instance_id: str) -> Response:
    """DDS ExpandReplicasetNode: a 3-node replica set takes 2 or 4 more nodes, a 5-node set 2 more."""
    payload = day2.body()
    chk = day2.checker()
    num = _number(chk, payload.get("num"), "num")
    day2.boolean_field(chk, payload, "is_auto_pay")
    with store().transaction():
        rec = _find(project_id, instance_id)
        if rec["attrs"]["mode"] != "ReplicaSet":
            chk.fail(rules.PARAM, f"Adding replica set nodes needs a replica set; {instance_id} is {rec['attrs']['mode']}.")
        current = int(rec["attrs"].get("replica_node_num") or 3)
        allowed = {3: (2, 4), 5: (2,)}.get(current, ())
        if num not in allowed:
            chk.fail(rules.VALUE, f"Invalid parameter num: {num}; a {current}-node replica set can add "
                                  f"{' or '.join(str(n) for n in allowed) or 'no'} nodes.")
        day2.require(rec, _READY, "Adding replica set nodes")
        job = day2.start_op(rec, "add_nodes", "ReplicaSetEnlargeNode", {"replica_node_num": current + num}, action="GROWING")
    return json_response(_job(job), 202)


# -- backup policy ------------------------------------------------------------------------------------------------
@bp.get("/v3/<project_id>/instances/<instance_id>/backups/policy")
def show_backup_policy(project_id: str, instance_id: str) -> Response:
    """DDS ShowBackupPolicy: {"backup_policy": {keep_days (int), start_time, period, enable_incremental_backup}}."""
    attrs = _find(project_id, instance_id)["attrs"]
    strategy = attrs.get("backup_strategy") or {"start_time": "00:00-01:00", "keep_days": 7}
    days = int(strategy.get("keep_days") or 0)
    if days == 0:
        return json_response({"backup_policy": {"keep_days": 0}})
    return json_response({"backup_policy": {"keep_days": days, "start_time": strategy["start_time"],
                                            "period": attrs.get("backup_period") or "1,2,3,4,5,6,7",
                                            "enable_incremental_backup": bool(attrs.get("incremental_backup"))}})


@bp.put("/v3/<project_id>/instances/<instance_id>/backups/policy")
def set_backup_policy(project_id: str, instance_id: str) -> Response:
    """DDS SetBackupPolicy: keep_days 0 disables (start_time and period are then left out); 1-6 days need every day
    of the week as period, 7-732 at least one. 200 {}."""
    payload = day2.body()
    chk = day2.checker()
    policy = chk.obj(payload, "backup_policy")
    assert policy is not None
    days = day2.keep_days(chk, policy.get("keep_days"), 0, 732, allow_str=True)
    incremental = day2.boolean_field(chk, policy, "enable_incremental_backup", "backup_policy.enable_incremental_backup")
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _ENLARGE, "Setting the backup policy", actions_block=False)
        attrs = rec["attrs"]
        strategy = dict(attrs.get("backup_strategy") or {"start_time": "00:00-01:00", "keep_days": 7})
        if days > 0:
            strategy["start_time"] = day2.window(chk, policy.get("start_time"), _QUARTERS)
            week = day2.period(chk, policy.get("period"))
            if days < 7 and week != "1,2,3,4,5,6,7":
                chk.fail(day2.BACKUP_CYCLE, f"Invalid parameter backup_policy.period: with keep_days {days} (1 to 6) "
                                            "the period must be 1,2,3,4,5,6,7.")
            attrs["backup_period"] = week
        strategy["keep_days"] = days
        attrs["backup_strategy"] = strategy
        if incremental is not None:
            attrs["incremental_backup"] = incremental
        store().put_instance(rec)
    return json_response({})


# -- port, security group, SSL, password ---------------------------------------------------------------------------------
@bp.post("/v3/<project_id>/instances/<instance_id>/modify-port")
def modify_port(project_id: str, instance_id: str) -> Response:
    """DDS UpdateInstancePort: 200 {"job_id", "port"}; action MODIFY_PORT until done."""
    payload = day2.body()
    chk = day2.checker()
    port = chk.port(payload.get("port"), rules.dds_port_ok, "2100-9500 or 27017-27019")
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _ENLARGE, "Changing the port")
        job = day2.start_op(rec, "port", "ModifyPort", {"port": port}, action="MODIFY_PORT")
    return json_response(_job(job, port=port))


@bp.post("/v3/<project_id>/instances/<instance_id>/modify-security-group")
def modify_security_group(project_id: str, instance_id: str) -> Response:
    """DDS UpdateSecurityGroup: 200 {"job_id", "security_group_id"}; action MODIFY_SECURITYGROUP until done."""
    payload = day2.body()
    chk = day2.checker()
    group = chk.text(payload, "security_group_id") or ""
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _ENLARGE, "Changing the security group")
        job = day2.start_op(rec, "security_group", "ModifySecurityGroup", {"security_group_id": group}, action="MODIFY_SECURITYGROUP")
    return json_response(_job(job, security_group_id=group))


@bp.post("/v3/<project_id>/instances/<instance_id>/switch-ssl")
def switch_ssl(project_id: str, instance_id: str) -> Response:
    """DDS SwitchSsl: {"ssl_option": "0" | "1"} (a string) -> 200 {"job_id", "ssl_option"}; the list's ssl follows."""
    payload = day2.body()
    chk = day2.checker()
    option = chk.choice(payload.get("ssl_option"), ("0", "1"), rules.VALUE, "ssl_option")
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _ENLARGE, "Switching SSL")
        job = day2.start_op(rec, "ssl", "SwitchInstanceSSL", {"ssl_option": option}, action="SWITCH_SSL")
    return json_response(_job(job, ssl_option=option))


@bp.put("/v3/<project_id>/instances/<instance_id>/reset-password")
def reset_password(project_id: str, instance_id: str) -> Response:
    """DDS ResetPassword: {"user_pwd", "user_name" (default rwuser), "db_name" (default admin)} -> 200 {}."""
    payload = day2.body()
    chk = day2.checker()
    chk.password(payload.get("user_pwd"), rules.DDS_SPECIALS, "user_pwd", all_classes=True)
    user = payload.get("user_name", "rwuser")
    if not isinstance(user, str) or not _USER_RE.match(user):
        chk.fail(rules.PARAM, "Invalid parameter user_name: 1 to 64 letters, digits, hyphens, underscores or dots.")
    chk.text(payload, "db_name", required=False)
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _ENLARGE, "Resetting the password", actions_block=False)
        rec["attrs"]["password_resets"] = int(rec["attrs"].get("password_resets") or 0) + 1
        store().put_instance(rec)
    return json_response({})


# -- tags -----------------------------------------------------------------------------------------------------------
@bp.post("/v3/<project_id>/instances/<instance_id>/tags/action")
def tag_action(project_id: str, instance_id: str) -> Response:
    """DDS BatchTagAction: {"action": "create"|"delete", "tags"} -> 200 {} (an existing key gets the new value;
    deleting a missing tag succeeds; at most 20 tags)."""
    payload = day2.body()
    with store().transaction():
        rec = _find(project_id, instance_id)
        if rec.get("delete_at") is not None:
            raise v3_error(403, rules.BUSY, f"The DB instance {instance_id} is being deleted.")
        day2.tag_action(SERVICE, rec, payload)
    return json_response({})


@bp.get("/v3/<project_id>/instances/<instance_id>/tags")
def list_tags(project_id: str, instance_id: str) -> Response:
    """DDS ListInstanceTags: {"tags": [{"key", "value"}]}."""
    return json_response({"tags": day2.listed_tags(_find(project_id, instance_id))})


# -- manual backups ---------------------------------------------------------------------------------------------------
@bp.post("/v3/<project_id>/backups")
def create_backup(project_id: str) -> Response:
    """DDS CreateManualBackup: {"backup": {"instance_id", "name", "description"}} -> 200 {"job_id", "backup_id"};
    action BACKUP (nodes: backup) and the backup BUILDING until done."""
    payload = day2.body()
    chk = day2.checker()
    option = chk.obj(payload, "backup")
    assert option is not None
    instance_id = chk.text(option, "instance_id", field="backup.instance_id") or ""
    name = option.get("name")
    if not isinstance(name, str) or not rules.NAME_RE.match(name):
        chk.fail(rules.PARAM, "Invalid parameter backup.name: 4 to 64 characters, starting with a letter; letters, digits, "
                              "hyphens (-) and underscores (_).")
    description = backups.check_description(chk, option.get("description"), rules.PARAM)
    with store().transaction():
        rec = _find(project_id, instance_id)
        if backups.name_taken(SERVICE, project_id, name):
            raise v3_error(400, day2.BACKUP_EXISTS, f"The backup {name} already exists.")
        day2.require(rec, _READY, "Creating a backup")
        taken = day2.take_faults(rec, ("backup_fail", "stuck"))
        job = day2.start_op(rec, "backup", "MongodbSnapshotBackup", {}, action="BACKUP", node_status="backup", taken=taken,
                            fail_kind="backup_fail")
        backup = backups.store_new(backups.new_backup(rec, name, "manual", now(), job["done_at"],
                                                      final="FAILED" if job["fail_reason"] else "COMPLETED", description=description))
    return json_response({"job_id": job["id"], "backup_id": backup["id"]})


@bp.get("/v3/<project_id>/backups")
def list_backups(project_id: str) -> Response:
    """DDS ListBackups: instance_id, backup_id, backup_type (Auto | Manual | Incremental; none: full backups),
    backup_name, backup_status, instance_name, mode, begin_time/end_time ("yyyy-mm-dd hh:mm:ss"), paging."""
    offset, limit = page_args()
    args = request.args
    kind = args.get("backup_type") or None
    if kind is not None and kind not in _BACKUP_TYPES:
        raise v3_error(400, "DBS.280001", f"Invalid parameter backup_type: {kind!r} is not one of {', '.join(_BACKUP_TYPES)}.")
    if kind == "Incremental" and not args.get("instance_id"):
        raise v3_error(400, "DBS.280001", "Invalid parameter instance_id: it is mandatory with backup_type Incremental.")
    window = backups.time_window("yyyy-mm-dd hh:mm:ss")
    wanted = args.get("instance_id") or None
    for rec in store().list_instances(SERVICE, project_id):
        if wanted in (None, rec["id"]):
            backups.ensure_auto(rec)
    items = []
    for backup in backups.of_service(SERVICE, project_id, wanted):
        view = backups.dds_view(backup)
        if (args.get("backup_id") in (None, "", backup["id"]) and kind in (None, view["type"])
                and args.get("backup_name") in (None, "", backup["name"]) and args.get("backup_status") in (None, "", view["status"])
                and args.get("instance_name") in (None, "", view["instance_name"]) and args.get("mode") in (None, "", view["instance_mode"])
                and (window is None or window[0] <= backup["begin_ts"] <= window[1])):
            items.append(backup)
    return json_response(backups.page(items, SERVICE, offset, limit))


@bp.delete("/v3/<project_id>/backups/<backup_id>")
def delete_backup(project_id: str, backup_id: str) -> Response:
    """DDS DeleteManualBackup: 200 {"job_id"}; automated backups cannot be deleted while a policy exists."""
    with store().transaction():
        backup = backups.get(SERVICE, project_id, backup_id)
        if backup is None:
            raise v3_error(400, day2.BACKUP_MISSING_DDS, f"The backup {backup_id} does not exist.")
        if backup.get("origin") != "manual":
            raise v3_error(400, "DBS.201202", f"The backup {backup_id} is an automated backup (deletable: false).")
        if backups.status_of(backup) == "BUILDING":
            raise v3_error(403, rules.BUSY, f"The backup {backup_id} is in progress.")
        owner = {"service": SERVICE, "project_id": project_id, "id": backup["instance_id"],
                 "name": (backup.get("source") or {}).get("name", "")}
        job = lifecycle.new_job(owner, "DeleteMongoDBBackup", now() + float(store().config()["delete_delay"]))
        backups.remove(backup)
    return json_response({"job_id": job["id"]})


# -- restorable times and restore to a new instance ---------------------------------------------------------------------
def _pitr_allowed(chk: rules.Checker, attrs: dict[str, Any], instance_id: str) -> None:
    mode, version = attrs["mode"], str(attrs["datastore"]["version"])
    if mode == "Single" or (mode == "Sharding" and version not in _PITR_CLUSTER_VERSIONS):
        chk.fail(rules.PARAM, f"Point-in-time restore is available for replica sets and for clusters of "
                              f"{', '.join(_PITR_CLUSTER_VERSIONS)}; {instance_id} is a {mode} {version} instance.")


@bp.get("/v3/<project_id>/instances/<instance_id>/restore-time")
def restore_time(project_id: str, instance_id: str) -> Response:
    """DDS ListRestoreTimes: date (UTC yyyy-mm-dd) is mandatory; the ranges of that day in epoch ms."""
    day = backups.query_day(required=True)
    assert day is not None
    rec = _find(project_id, instance_id)
    _pitr_allowed(day2.checker(), rec["attrs"], instance_id)
    return json_response({"restore_time": backups.ranges_on_day(backups.restore_ranges(rec), day[0], day[1])})


def _restore_point(chk: rules.Checker, project_id: str, point: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    kind = point.get("type") or ("backup" if point.get("backup_id") is not None else None)
    if kind == "backup":
        backup_id = chk.text(point, "backup_id", field="restore_point.backup_id") or ""
        backup = backups.get(SERVICE, project_id, backup_id)
        if backup is None or point.get("instance_id") not in (None, backup["instance_id"]):
            raise v3_error(400, day2.BACKUP_MISSING_DDS, f"Invalid parameter restore_point.backup_id: backup {backup_id} does not exist.")
        status = backups.status_of(backup)
        if status == "BUILDING":
            raise v3_error(403, rules.BUSY, f"The backup {backup_id} is in progress.")
        if status != "COMPLETED":
            raise v3_error(400, day2.BACKUP_MISSING_DDS, f"Invalid parameter restore_point.backup_id: backup {backup_id} is {status}; "
                                                         "only COMPLETED backups can be restored.")
        # Manual backups are kept after their instance is deleted and can restore it (DDS user guide).
        return {"instance_id": backup["instance_id"], "type": "backup", "backup_id": backup_id}, backups.source_attrs(backup)
    if kind != "timestamp":
        chk.fail(rules.PARAM, f"Invalid parameter restore_point.type: {point.get('type')!r} must be backup or timestamp.")
    source_id = chk.text(point, "instance_id", field="restore_point.instance_id") or ""
    source = store().get_instance(SERVICE, source_id)
    if source is None or source["project_id"] != project_id or source.get("delete_at") is not None:
        raise v3_error(404, rules.NOT_FOUND, f"The source DB instance {source_id} does not exist.")
    _pitr_allowed(chk, source["attrs"], source_id)
    # restore_time: a string in the SDK, an integer in the OTC reference -- both accepted.
    stamp = _number(chk, point.get("restore_time"), "restore_point.restore_time")
    ranges = backups.restore_ranges(source)
    if not backups.in_ranges(ranges, stamp):
        chk.fail(rules.VALUE, f"Invalid parameter restore_point.restore_time: {stamp} is outside the restorable time ranges "
                              f"({backups.shown_ranges(ranges)}).")
    return {"instance_id": source_id, "type": "timestamp", "restore_time": stamp}, copy.deepcopy(source["attrs"])


def _restore_flavors(chk: rules.Checker, body: dict[str, Any], src: dict[str, Any]) -> list[dict[str, Any]]:
    """The create's flavor rules for the source's mode, each storage at least the source's. The restore flavor has no
    storage type (RestoreNewInstanceFlavorOption): the source's is used."""
    storage = {entry["type"]: entry.get("storage") for entry in src.get("flavor") or []}
    entries = body.get("flavor")
    if isinstance(entries, list):
        entries = [dict(entry, storage=entry.get("storage") or storage.get(entry.get("type")))
                   if isinstance(entry, dict) and storage.get(entry.get("type")) else entry for entry in entries]
    flavors = dds.check_flavors(chk, {"flavor": entries}, src["mode"])
    minimum = {entry["type"]: int(entry.get("size") or 0) for entry in src.get("flavor") or []}
    for key, extra in (src.get("overrides") or {}).items():
        kind = re.sub(r"\d+$", "", key)
        if "size" in extra and kind in minimum:
            minimum[kind] = max(minimum[kind], int(extra["size"]))
    for entry in flavors:
        if entry.get("size") is not None and entry["size"] < minimum.get(entry["type"], 0):
            chk.fail(day2.VOLUME_NOT_LARGER, f"Invalid parameter flavor[{entry['type']}].size: {entry['size']} GB is less than "
                                             f"the source's {minimum[entry['type']]} GB.")
    return flavors


def _validate_restore(body: dict[str, Any], project_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    chk = day2.checker()
    extra = [key for key in _NOT_IN_RESTORE if key in body]
    if extra:
        chk.fail(rules.PARAM, f"Invalid parameter {', '.join(extra)}: not part of a restore to a new instance "
                              "(the engine, version and mode come from the backup).")
    name = chk.name(body.get("name"))
    point = chk.obj(body, "restore_point")
    assert point is not None
    checked, src = _restore_point(chk, project_id, point)
    mode = src["mode"]
    backup = chk.obj(body, "backup_strategy", required=False)
    strategy = None
    if backup is not None:
        strategy = {"start_time": chk.window(backup.get("start_time")),
                    "keep_days": chk.keep_days(backup.get("keep_days", 7), allow_str=True)}
    charge = chk.obj(body, "charge_info", required=False) or {"charge_mode": "postPaid"}
    configurations = body.get("configurations")
    if configurations is not None and (not isinstance(configurations, list) or not all(
            isinstance(item, dict) and isinstance(item.get("type"), str) and isinstance(item.get("configuration_id"), str) for item in configurations)):
        chk.fail(rules.PARAM, "Invalid parameter configurations: a list of {type, configuration_id} objects is required.")
    attrs = {
        "datastore": copy.deepcopy(src["datastore"]), "mode": mode, "region": project_region(project_id),
        "availability_zone": ",".join(chk.azs(body.get("availability_zone"), {"Single": (1,)}.get(mode, (1, 3)))),
        "vpc_id": chk.text(body, "vpc_id", rules.VPC), "subnet_id": chk.text(body, "subnet_id", rules.SUBNET),
        "security_group_id": chk.text(body, "security_group_id"), "flavor": _restore_flavors(chk, body, src),
        # The restore body has no port; the new instance listens on the DDS default (unverified).
        "port": 8635, "disk_encryption_id": chk.text(body, "disk_encryption_id", required=False) or "",
        "backup_strategy": strategy, "enterprise_project_id": chk.text(body, "enterprise_project_id", required=False),
        "ssl_option": "1" if body.get("ssl_option") is None else chk.choice(body["ssl_option"], ("0", "1"), rules.VALUE, "ssl_option"),
        "charge_mode": chk.choice(charge.get("charge_mode"), ("postPaid", "prePaid"), rules.VALUE, "charge_info.charge_mode"),
        "configurations": copy.deepcopy(configurations or []), "dss_pool_id": chk.text(body, "dss_pool_id", required=False) or "",
        "restored_from": checked, "tags": [],
    }
    chk.password(body.get("password"), rules.DDS_SPECIALS, all_classes=True)
    if store().config()["dds_unique_names"] and store().list_instances(SERVICE, project_id, name):
        raise v3_error(409, rules.NAME_EXISTS, f"The DB instance name {name} already exists.")
    return attrs, checked


def restore_new_instance(body: dict[str, Any], project_id: str) -> Response:
    """DDS RestoreNewInstance (POST /v3/{project_id}/instances with restore_point): 202 with a flat answer."""
    with store().transaction():
        attrs, point = _validate_restore(body, project_id)
        rec = lifecycle.new_record(SERVICE, project_id, hex_id("in02"), body["name"], attrs)
        lifecycle.apply_create_faults(rec, faults.take_create_faults(SERVICE, ("job_fail", "stuck")))
        store().put_instance(rec)
        job = lifecycle.create_job(rec, "MongodbRestoreData2NewInstance" if point["type"] == "backup" else "MongodbPitr2NewInstance")
    strategy = attrs["backup_strategy"] or {"start_time": "00:00-01:00", "keep_days": 7}
    answer = {
        "id": rec["id"], "name": rec["name"], "datastore": dict(attrs["datastore"]), "created": iso_plain(rec["created_ts"], " "),
        "status": "creating", "region": attrs["region"], "availability_zone": attrs["availability_zone"], "vpc_id": attrs["vpc_id"],
        "subnet_id": attrs["subnet_id"], "security_group_id": attrs["security_group_id"], "disk_encryption_id": attrs["disk_encryption_id"],
        "mode": attrs["mode"], "configurations": attrs["configurations"],
        "flavor": [{"type": entry["type"], "num": str(entry["num"]), **({"size": str(entry["size"])} if entry.get("size") is not None else {}),
                    "spec_code": entry["spec_code"]} for entry in attrs["flavor"]],
        "backup_strategy": {"start_time": strategy["start_time"], "keep_days": str(strategy["keep_days"])},
        "enterprise_project_id": attrs.get("enterprise_project_id") or "0", "ssl_option": attrs["ssl_option"],
        "dss_pool_id": attrs["dss_pool_id"], "charge_info": {"charge_mode": attrs["charge_mode"]},
    }
    answer["order_id" if attrs["charge_mode"] == "prePaid" else "job_id"] = job["id"]
    return json_response(answer, 202)


dds.restore_handlers.append(restore_new_instance)
