"""GaussDB (openGauss) day-2 operations: flavor, storage and cluster expansion, backup policy, port, security group,
password, tags, manual backups and the backup list.

Statuses while work runs: MODIFYING for flavor and storage changes (CONFLICT: the OTC status list has MODIFYING, the
SDK's list has none -- clients should treat any status but ACTIVE as busy), EXPANDING for added CNs or shards, BACKING
UP for a manual backup. Port and security group changes have no documented status word: their jobs run meanwhile.
"""
from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, request

from . import backups, day2, gauss, rules
from .common import json_response, now, page_args, store, v3_error

bp = Blueprint("gaussdb_day2", __name__)
SERVICE = "gaussdb"
_ACTIVE = ("ACTIVE",)
_RELAXED = ("ACTIVE", "BACKING UP")
_DIFFERENTIAL = ("15", "30", "60", "180", "360", "720", "1440")
_FLAVOR_RE = re.compile(r"\.(?P<family>[a-z]+\d*)\.(?P<size>(?P<times>\d*)x?large)\.(?P<ratio>\d+)(?:\.|$)")


def _find(project_id: str, instance_id: str) -> dict[str, Any]:
    return day2.find(SERVICE, project_id, instance_id)


def _shards(rec: dict[str, Any]) -> int:
    return int(rec["attrs"].get("sharding_num") or 1)


# -- flavor -----------------------------------------------------------------------------------------------------
def _capacity(code: str) -> tuple[str, int, int] | None:
    """(architecture, vCPUs, memory GB) of a flavor code such as gaussdb.opengauss.ee.dn.m6.2xlarge.8.in (large = 2
    vCPUs, xlarge = 4, Nxlarge = 4N; the number after the size is GB of memory per vCPU; k... families are Kunpeng)."""
    match = _FLAVOR_RE.search(code)
    if not match:
        return None
    size = match.group("size")
    vcpus = 2 if size == "large" else 4 * int(match.group("times") or 1)
    return ("arm" if match.group("family").startswith("k") else "x86"), vcpus, vcpus * int(match.group("ratio"))


def _resize(project_id: str, instance_id: str) -> Response:
    payload = day2.body()
    chk = day2.checker()
    code = chk.text(payload, "flavor_ref", rules.FLAVOR) or ""
    day2.boolean_field(chk, payload, "is_auto_pay")
    with store().transaction():
        rec = _find(project_id, instance_id)
        attrs = rec["attrs"]
        if code == attrs["flavor_ref"]:
            chk.fail(rules.FLAVOR, f"Invalid parameter flavor_ref: {code} is the current flavor; the new one must differ.")
        old, new = _capacity(str(attrs["flavor_ref"])), _capacity(code)
        # OTC: scale-up only (new vCPUs and memory greater than the old), same CPU architecture. Codes the emulator
        # cannot read are accepted.
        if old and new:
            if old[0] != new[0]:
                chk.fail(rules.FLAVOR, f"Invalid parameter flavor_ref: {code} is {new[0]}, the instance runs on {old[0]}.")
            if new[1] < old[1] or new[2] < old[2]:
                chk.fail(rules.FLAVOR, f"Invalid parameter flavor_ref: {code} ({new[1]} vCPUs, {new[2]} GB) is smaller than the "
                                       f"current {attrs['flavor_ref']} ({old[1]} vCPUs, {old[2]} GB); only scaling up is supported.")
        shards, coordinators = _shards(rec), int(attrs.get("coordinator_num") or 0)
        cn_batch = payload.get("cn_concurrent_resize_num")
        if cn_batch is not None:
            top = max(1, min(coordinators // 2, 20))
            if not coordinators or not 1 <= chk.integer(cn_batch, "cn_concurrent_resize_num") <= top:
                chk.fail(rules.VALUE, f"Invalid parameter cn_concurrent_resize_num: 1 to {top} (independent deployment with CNs only).")
        dn_batch = payload.get("dn_concurrent_resize_num")
        if dn_batch is not None:
            top = min(shards if shards <= 5 else max(shards // 2, 5), 20)
            if not 1 <= chk.integer(dn_batch, "dn_concurrent_resize_num") <= top:
                chk.fail(rules.VALUE, f"Invalid parameter dn_concurrent_resize_num: 1 to {top} for {shards} shard(s).")
        day2.require(rec, _ACTIVE, "Changing the flavor")
        job = day2.start_op(rec, "resize_flavor", "ResizeGaussDBV5Flavor", {"flavor_ref": code}, status="MODIFYING")
    return json_response({"job_id": job["id"]}, 202)


@bp.put("/v3/<project_id>/instances/<instance_id>/flavor")
def resize_flavor(project_id: str, instance_id: str) -> Response:
    """GaussDB ResizeInstancesFlavor: {"flavor_ref", ...} -> 202 {"job_id"}; MODIFYING until done."""
    return _resize(project_id, instance_id)


@bp.put("/v3/<project_id>/instance/<instance_id>/flavor")
def resize_flavor_singular(project_id: str, instance_id: str) -> Response:
    """GaussDB ResizeInstanceFlavor: the SDK's second path (singular "instance"), same body and answer."""
    return _resize(project_id, instance_id)


# -- POST .../action: enlarge_volume, expand_cluster ---------------------------------------------------------------------
def _enlarge(chk: rules.Checker, rec: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    size = chk.integer(spec.get("size"), "enlarge_volume.size")
    current, shards = int(rec["attrs"]["volume"]["size"]), _shards(rec)
    if size <= current:
        chk.fail(day2.VOLUME_NOT_LARGER, f"Invalid parameter enlarge_volume.size: {size} GB must be larger than the current {current} GB.")
    step = shards * rules.GAUSS_GB_PER_SHARD
    chk.volume_size(size, step, shards * rules.GAUSS_MAX_GB_PER_SHARD, step, "enlarge_volume.size")
    day2.require(rec, _ACTIVE, "Scaling up storage")
    return day2.start_op(rec, "enlarge_volume", "EnlargeGaussDBV5Volume", {"volume.size": size}, status="MODIFYING")


def _expand(chk: rules.Checker, rec: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    attrs = rec["attrs"]
    if attrs.get("type") != "enterprise":
        chk.fail(rules.PARAM, "Invalid parameter expand_cluster: CNs and shards are added to distributed instances only.")
    coordinators = spec.get("coordinators") or []
    shard = chk.obj(spec, "shard", required=False) or {}
    valid = isinstance(coordinators, list) and all(isinstance(item, dict) and isinstance(item.get("az_code"), str) and item["az_code"]
                                                   for item in coordinators)
    if not valid:
        chk.fail(rules.PARAM, "Invalid parameter expand_cluster.coordinators: a list of {az_code} objects is required.")
    count = chk.integer(shard["count"], "expand_cluster.shard.count") if shard.get("count") is not None else 0
    if not coordinators and not count:
        chk.fail(rules.PARAM, "Invalid parameter expand_cluster: coordinators or shard.count is required.")
    shards = _shards(rec) + count
    cns = int(attrs.get("coordinator_num") or 0) + len(coordinators)
    if count and not 1 <= count <= 64 or shards > 256:
        chk.fail(rules.VALUE, f"Invalid parameter expand_cluster.shard.count: 1 to 64 at a time, at most 256 shards ({shards} requested).")
    if cns > min(256, 2 * shards):
        chk.fail(rules.VALUE, f"Invalid parameter expand_cluster.coordinators: at most twice the shards and 256 CNs ({cns} requested).")
    day2.require(rec, _ACTIVE, "Adding CNs or shards")
    per_shard = int(attrs["volume"]["size"]) // max(1, _shards(rec))
    changes = {"coordinator_num": cns, "sharding_num": shards, "volume.size": per_shard * shards}
    return day2.start_op(rec, "expand", "ExpandGaussDBV5Cluster", changes, status="EXPANDING")


@bp.post("/v3/<project_id>/instances/<instance_id>/action")
def instance_action(project_id: str, instance_id: str) -> Response:
    """GaussDB RunInstanceAction: {"enlarge_volume": {"size"}} (new total, a multiple of shards x 40 GB) or
    {"expand_cluster": {...}}, with is_auto_pay as a string ("true"/"false", a boolean is accepted too)."""
    payload = day2.body()
    chk = day2.checker()
    actions = [key for key in ("enlarge_volume", "expand_cluster") if key in payload]
    unknown = [key for key in payload if key not in ("enlarge_volume", "expand_cluster", "is_auto_pay")]
    if len(actions) != 1 or unknown:
        chk.fail(rules.PARAM, "Invalid request body: exactly one of enlarge_volume, expand_cluster (and is_auto_pay) is required.")
    if payload.get("is_auto_pay") not in (None, True, False, "true", "false"):
        chk.fail(rules.PARAM, "Invalid parameter is_auto_pay: \"true\" or \"false\".")
    spec = chk.obj(payload, actions[0])
    assert spec is not None
    with store().transaction():
        rec = _find(project_id, instance_id)
        job = _enlarge(chk, rec, spec) if actions[0] == "enlarge_volume" else _expand(chk, rec, spec)
    return json_response({"job_id": job["id"]}, 202)


# -- backup policy ------------------------------------------------------------------------------------------------
def _set_policy(project_id: str, instance_id: str, newer: bool) -> Response:
    payload = day2.body()
    chk = day2.checker()
    policy = chk.obj(payload, "backup_policy")
    assert policy is not None
    # keep_days: OTC and the SDK's v3.1 model 1-732; the SDK's v3 model says 1-36500 (CONFLICT: accepted on v3).
    days = day2.keep_days(chk, policy.get("keep_days"), 1, 732 if newer else 36500)
    start = day2.window(chk, policy.get("start_time"), ("00",))
    week = day2.period(chk, policy.get("period"))
    differential = policy.get("differential_period")
    if str(differential) not in _DIFFERENTIAL or isinstance(differential, bool):
        chk.fail(day2.BACKUP_CYCLE, f"Invalid parameter backup_policy.differential_period: {differential!r} must be one of "
                                    f"{', '.join(_DIFFERENTIAL)} (minutes).")
    extra: dict[str, Any] = {"differential_period": int(str(differential))}
    for key, low, high, step in (("rate_limit", 0, 1024, 1), ("prefetch_block", 1, 8192, 1), ("file_split_size", 0, 1024, 4),
                                 ("filesplit_size", 0, 1024, 4)):
        if key == "filesplit_size" and newer and key in policy:
            chk.fail(rules.PARAM, "Invalid parameter backup_policy.filesplit_size: not part of the v3.1 API (use file_split_size).")
        if policy.get(key) is not None:
            value = chk.integer(policy[key], f"backup_policy.{key}")
            if not low <= value <= high or value % step:
                chk.fail(rules.VALUE, f"Invalid parameter backup_policy.{key}: {value} must be {low} to {high}"
                                      + (f", a multiple of {step}." if step > 1 else "."))
            extra["file_split_size" if key == "filesplit_size" else key] = value
    standby = day2.boolean_field(chk, policy, "enable_standby_backup", "backup_policy.enable_standby_backup")
    if standby is not None:
        extra["enable_standby_backup"] = standby
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _RELAXED, "Setting the backup policy")
        rec["attrs"]["backup_strategy"] = {"start_time": start, "keep_days": days}
        rec["attrs"]["backup_period"] = week
        rec["attrs"]["backup_policy_extra"] = dict(rec["attrs"].get("backup_policy_extra") or {}, **extra)
        store().put_instance(rec)
    return json_response({})


@bp.put("/v3/<project_id>/instances/<instance_id>/backups/policy")
def set_backup_policy(project_id: str, instance_id: str) -> Response:
    """GaussDB SetBackupPolicy: keep_days, start_time (minutes 00), period, differential_period, ... -> 200 {}."""
    return _set_policy(project_id, instance_id, newer=False)


@bp.put("/v3.1/<project_id>/instances/<instance_id>/backups/policy")
def set_new_backup_policy(project_id: str, instance_id: str) -> Response:
    """GaussDB SetNewBackupPolicy (v3.1): the same body without filesplit_size, keep_days 1-732 -> 200 {}."""
    return _set_policy(project_id, instance_id, newer=True)


@bp.get("/v3/<project_id>/instances/<instance_id>/backups/policy")
def show_backup_policy(project_id: str, instance_id: str) -> Response:
    """GaussDB ShowBackupPolicy: differential_period as an integer, also under the deprecated (sic) differential_priod
    as a string; filesplit_size repeats file_split_size."""
    attrs = _find(project_id, instance_id)["attrs"]
    strategy = attrs.get("backup_strategy") or {}
    extra = {"differential_period": 30, "rate_limit": 75, "prefetch_block": 64, "file_split_size": 4, "enable_standby_backup": False}
    extra.update(attrs.get("backup_policy_extra") or {})
    return json_response({"backup_policy": {
        "keep_days": int(strategy.get("keep_days") or 7), "start_time": strategy.get("start_time", "02:00-03:00"),
        "period": attrs.get("backup_period") or "1,2,3,4,5,6,7", "differential_priod": str(extra["differential_period"]),
        "differential_period": extra["differential_period"], "rate_limit": extra["rate_limit"], "prefetch_block": extra["prefetch_block"],
        "filesplit_size": extra["file_split_size"], "file_split_size": extra["file_split_size"],
        "enable_standby_backup": extra["enable_standby_backup"]}})


# -- port, security group, password ---------------------------------------------------------------------------------
@bp.put("/v3/<project_id>/instances/<instance_id>/port")
def modify_port(project_id: str, instance_id: str) -> Response:
    """GaussDB ModifyInstancePort: {"port": int} 1024-39998 except the reserved ports -> 202 {"job_id"}."""
    payload = day2.body()
    chk = day2.checker()
    # The reference lists "60001" among the reserved ports (sic, outside the range); 6001 stays reserved as for creates.
    port = chk.integer(payload.get("port"), "port")
    if not 1024 <= port <= 39998 or port in rules.GAUSS_EXCLUDED_PORTS:
        chk.fail(rules.VALUE, f"Invalid parameter port: {port} is not allowed (1024-39998 except "
                              f"{', '.join(str(p) for p in rules.GAUSS_EXCLUDED_PORTS)}).")
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _ACTIVE, "Changing the port")
        job = day2.start_op(rec, "port", "ModifyGaussDBV5Port", {"port": port})
    return json_response({"job_id": job["id"]}, 202)


@bp.put("/v3/<project_id>/instances/<instance_id>/security-group")
def modify_security_group(project_id: str, instance_id: str) -> Response:
    """GaussDB ModifySecurityGroup (SDK only): {"security_group_id"} -> 202 {"job_id"} (HTTP code as for the port)."""
    payload = day2.body()
    chk = day2.checker()
    group = chk.text(payload, "security_group_id") or ""
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _ACTIVE, "Changing the security group")
        job = day2.start_op(rec, "security_group", "ModifyGaussDBV5SecurityGroup", {"security_group_id": group})
    return json_response({"job_id": job["id"]}, 202)


@bp.post("/v3/<project_id>/instances/<instance_id>/password")
def reset_password(project_id: str, instance_id: str) -> Response:
    """GaussDB ResetPwd: {"password"} 8-32, three of upper/lower/digit/~!@#%^*-_=+?, -> 200 {}."""
    payload = day2.body()
    chk = day2.checker()
    chk.password(payload.get("password"), rules.GAUSS_SPECIALS)
    with store().transaction():
        rec = _find(project_id, instance_id)
        day2.require(rec, _RELAXED, "Resetting the password")
        rec["attrs"]["password_resets"] = int(rec["attrs"].get("password_resets") or 0) + 1
        store().put_instance(rec)
    return json_response({})


# -- tags -----------------------------------------------------------------------------------------------------------
def _tag_target(project_id: str, instance_id: str) -> dict[str, Any]:
    rec = _find(project_id, instance_id)
    if rec.get("delete_at") is not None:
        raise v3_error(409, rules.BUSY, f"The DB instance {instance_id} is being deleted.")
    return rec


@bp.post("/v3/<project_id>/instances/<instance_id>/tags")
def add_tags(project_id: str, instance_id: str) -> Response:
    """GaussDB AddInstanceTags: {"tags": [{"key", "value"}]} -> 200 {"instance_id", "instance_name"}."""
    payload = day2.body()
    with store().transaction():
        rec = _tag_target(project_id, instance_id)
        tags = day2.check_tag_list(SERVICE, payload.get("tags"), "create")
        rec["attrs"]["tags"] = day2.add_tags(SERVICE, rec["attrs"].get("tags") or [], tags)
        store().put_instance(rec)
    return json_response({"instance_id": rec["id"], "instance_name": rec["name"]})


@bp.delete("/v3/<project_id>/instances/<instance_id>/tags")
def delete_tags(project_id: str, instance_id: str) -> Response:
    """GaussDB BatchDeleteInstanceTag: {"keys": [...]} -> 200 {}; missing keys are ignored."""
    payload = day2.body()
    keys = payload.get("keys")
    if not isinstance(keys, list) or not keys or not all(isinstance(key, str) and key.strip() for key in keys):
        raise v3_error(400, rules.PARAM, "Invalid parameter keys: a non-empty list of tag keys is required.")
    with store().transaction():
        rec = _tag_target(project_id, instance_id)
        rec["attrs"]["tags"] = day2.remove_tags(rec["attrs"].get("tags") or [], [{"key": key.strip()} for key in keys])
        store().put_instance(rec)
    return json_response({})


@bp.delete("/v3/<project_id>/instances/<instance_id>/tag")
def delete_tag(project_id: str, instance_id: str) -> Response:
    """GaussDB DeleteInstanceTag: ?key= -> 200 {"result", "instance_id", "instance_name"}."""
    key = (request.args.get("key") or "").strip()
    if not key:
        raise v3_error(400, "DBS.280001", "Invalid parameter key: the tag key is required.")
    with store().transaction():
        rec = _tag_target(project_id, instance_id)
        rec["attrs"]["tags"] = day2.remove_tags(rec["attrs"].get("tags") or [], [{"key": key}])
        store().put_instance(rec)
    return json_response({"result": "success", "instance_id": rec["id"], "instance_name": rec["name"]})


@bp.get("/v3/<project_id>/instances/<instance_id>/tags")
def list_tags(project_id: str, instance_id: str) -> Response:
    """GaussDB ListInstanceTags: {"tags": [{"key", "value": [str]}], "total_count"} (values as arrays)."""
    tags = day2.listed_tags(_find(project_id, instance_id))
    return json_response({"tags": [{"key": tag["key"], "value": [tag["value"]]} for tag in tags], "total_count": len(tags)})


# -- manual backups and the backup list -------------------------------------------------------------------------------
@bp.post("/v3/<project_id>/backups")
def create_backup(project_id: str) -> Response:
    """GaussDB CreateManualBackup: {"instance_id", "name", "description"} -> 202 {"backup": {...}, "job_id"};
    the instance is BACKING UP and the backup BUILDING until done."""
    payload = day2.body()
    chk = day2.checker()
    instance_id = chk.text(payload, "instance_id") or ""
    name = payload.get("name")
    if not isinstance(name, str) or not rules.NAME_RE.match(name):
        chk.fail("DBS.280277", "Invalid parameter name: 4 to 64 characters, starting with a letter; letters, digits, "
                               "hyphens (-) and underscores (_).")
    description = backups.check_description(chk, payload.get("description"), day2.BACKUP_DESCRIPTION)
    with store().transaction():
        rec = _find(project_id, instance_id)
        gauss.ensure_auto_backups(rec)
        if backups.name_taken(SERVICE, project_id, name):
            raise v3_error(409, day2.BACKUP_EXISTS, f"A backup named {name} already exists.")
        day2.require(rec, _ACTIVE, "Creating a backup")
        taken = day2.take_faults(rec, ("backup_fail", "stuck"))
        job = day2.start_op(rec, "backup", "BackupSnapshotGaussDBV5InInstance", {}, status="BACKING UP", taken=taken,
                            fail_kind="backup_fail")
        backup = backups.store_new(backups.new_backup(rec, name, "manual", now(), job["done_at"],
                                                      final="FAILED" if job["fail_reason"] else "COMPLETED", description=description))
    view = backups.gauss_view(backup)
    answer = {key: view[key] for key in ("id", "name", "description", "begin_time", "status", "type", "instance_id")}
    return json_response({"backup": answer, "job_id": job["id"]}, 202)


@bp.get("/v3/<project_id>/backups")
def list_backups(project_id: str) -> Response:
    """GaussDB ListBackups: instance_id (optional), backup_id, backup_type (auto | manual), begin_time/end_time, paging."""
    offset, limit = page_args()
    args = request.args
    kind = args.get("backup_type") or None
    if kind is not None and kind not in ("auto", "manual"):
        raise v3_error(400, "DBS.280001", f"Invalid parameter backup_type: {kind!r} is not one of auto, manual.")
    window = backups.time_window("yyyy-mm-ddThh:mm:ssZ")
    wanted = args.get("instance_id") or None
    for rec in store().list_instances(SERVICE, project_id):
        if wanted in (None, rec["id"]):
            gauss.ensure_auto_backups(rec)
    items = [b for b in backups.of_service(SERVICE, project_id, wanted)
             if args.get("backup_id") in (None, "", b["id"]) and kind in (None, "manual" if b.get("origin") == "manual" else "auto")
             and (window is None or window[0] <= b["begin_ts"] <= window[1])]
    return json_response(backups.page(items, SERVICE, offset, limit))


@bp.delete("/v3/<project_id>/backups/<backup_id>")
def delete_backup(project_id: str, backup_id: str) -> Response:
    """GaussDB DeleteManualBackup: 202 {"backup_id", "backup_name"} (the SDK's answer; CONFLICT: OTC shows {} --
    a client reading neither field works with both)."""
    with store().transaction():
        backup = backups.get(SERVICE, project_id, backup_id)
        if backup is None:
            raise v3_error(404, day2.BACKUP_MISSING_RDS, f"The backup {backup_id} does not exist.")
        if backup.get("origin") != "manual":
            raise v3_error(400, rules.VALUE, f"The backup {backup_id} is an automated backup; only manual backups can be deleted.")
        if backups.status_of(backup) == "BUILDING":
            raise v3_error(409, day2.BACKUP_RUNNING, f"The backup {backup_id} is in progress, please wait.")
        backups.remove(backup)
    return json_response({"backup_id": backup["id"], "backup_name": backup["name"]}, 202)
