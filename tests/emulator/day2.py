"""Day-2 operations shared by RDS v3, DDS and GaussDB: operations on the emulator clock, status rules, tags, policies.

An operation (resize, enlarge, port, backup, ...) is stored in the instance's `ops` list as
`{"kind", "status", "action", "node_status", "targets", "changes", "until", "fail", "job_id"}`. While it runs the
instance shows `status` (RDS/GaussDB words such as MODIFYING; some operations have none) or, on DDS, `action` in
`actions[]`; its job is Running. At `until` (start + ready_delay) the job is Completed and `changes` (dotted attribute
paths -> new values) are written to the instance, so lists show the new values only once the work is done; a failed
operation (job_fail fault) changes nothing. Settling happens at the start of every API request (gateway.before).
An operation is refused (busy) when the instance status does not allow it, and on DDS while any other runs.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from flask import Response

from . import faults, lifecycle, rules
from .common import ApiError, now, read_json_body, store, v3_error

# Error codes of the day-2 APIs. RDS codes come from the RDS API reference's error code table; GaussDB and DDS use
# the same DBS codes where their own tables are silent (marked unverified in the README).
TAG_QUOTA = "DBS.200087"  # The number of tags added for one DB instance has reached the quota.
TAG_KEY_NOT_UNIQUE = "DBS.280272"  # The tag key must be unique.
STORAGE_FULL = "DBS.200316"  # 409: not allowed because the DB instance status is Storage full.
BACKUP_RUNNING = "DBS.201205"  # 409: Backup is in progress, please wait.
BACKUP_EXISTS = "DBS.201201"  # The object (backup) already exists.
BACKUP_MISSING_RDS = "DBS.201010"  # 404: The backup information does not exist.
BACKUP_FILE_MISSING = "DBS.201203"  # The backup file does not exist (a FAILED backup cannot be restored).
BACKUP_MISSING_RESTORE = "DBS.280214"  # The backup does not exist (restore).
BACKUP_MISSING_DDS = "DBS.201214"  # DDS: the backup file does not exist.
BACKUP_DESCRIPTION = "DBS.280127"  # Invalid backup description.
BACKUP_CYCLE = "DBS.201101"  # Invalid backup cycle (period).
BACKUP_START = "DBS.201103"  # Invalid backup start time.
BACKUP_DAYS = "DBS.201106"  # Invalid retention days.
VOLUME_NOT_LARGER = "DBS.200306"  # The new storage space must be greater than the original.
VOLUME_BELOW_PRIMARY = "DBS.200308"  # A read replica's storage must be at least its primary's (code not documented; kept).
DDS_VOLUME_STEP = "DBS.200302"  # DDS: the storage space must be a multiple of 10.
DDS_NODE_MISSING = "DBS.200013"  # DDS: the node (or group) does not exist.
DDS_HALTED = "DBS.201014"  # DDS 403: operation cannot be executed in the current state (frozen, abnormal).
CONFIG_MISSING = "DBS.212001"  # 404: the parameter group does not exist.

_HALTED = {"rds": ("FAILED", "FROZEN"), "gaussdb": ("FAILED", "FROZEN"),
           "dds": ("abnormal", "frozen", "createfail", "enlargefail")}


# -- requests and answers ---------------------------------------------------------------------------------------
def body() -> dict[str, Any]:
    """The JSON object of the request (400 DBS.200001 otherwise)."""
    return read_json_body(lambda msg: v3_error(400, rules.PARAM, msg))


def checker() -> rules.Checker:
    """Field checks with the v3 error shape (400; DBS.200002/DBS.200013 as 404; name exists as 409)."""
    def err(code: str, msg: str) -> ApiError:
        if code in (rules.NOT_FOUND, rules.SOURCE_MISSING, BACKUP_MISSING_RDS, CONFIG_MISSING):
            return v3_error(404, code, msg)
        if code in (BACKUP_RUNNING, rules.NAME_EXISTS):
            return v3_error(409, code, msg)
        return v3_error(400, code, msg)
    return rules.Checker(err)


def empty(status: int = 200) -> Response:
    """An answer without a body (RDS backup policy, tags, password, backup deletion)."""
    return Response(b"", status=status)


def find(service: str, project_id: str, instance_id: str) -> dict[str, Any]:
    """An instance of the project, or 404 DBS.200002."""
    rec = store().get_instance(service, instance_id)
    if rec is None or rec["project_id"] != project_id:
        raise v3_error(404, rules.NOT_FOUND, f"The DB instance {instance_id} does not exist.")
    return rec


# -- instance status rules --------------------------------------------------------------------------------------
def require(rec: dict[str, Any], allowed: tuple[str, ...], operation: str, actions_block: bool = True) -> str:
    """The instance must be in one of the `allowed` statuses (DDS: and run no other action); returns the status.

    RDS and GaussDB: FAILED/FROZEN -> 400 DBS.200086; STORAGE FULL (when not allowed) -> 409 DBS.200316; any other
    status (BUILD, MODIFYING, BACKING UP, REBOOTING, DELETING, ...) -> 409 DBS.200019.
    DDS (error code table: 403 for state conflicts): abnormal/frozen/createfail/enlargefail -> 403 DBS.201014;
    creating, deleting, or an action in progress -> 403 DBS.200019.
    """
    service = rec["service"]
    status = lifecycle.status_of(rec)
    actions = [str(op.get("action")) for op in lifecycle.running_ops(rec)] if service == "dds" and actions_block else []
    if status in allowed and not actions:
        return status
    where = f"DB instance {rec['id']} (status {status}" + (f", actions {', '.join(actions)})" if actions else ")")
    if status in _HALTED[service]:
        if service == "dds":
            raise v3_error(403, DDS_HALTED, f"{operation} is not allowed in the current state of the {where}.")
        raise v3_error(400, rules.BAD_STATE, f"{operation} is not allowed by the status of the {where}.")
    if status == "STORAGE FULL":
        raise v3_error(409, STORAGE_FULL, f"{operation} cannot be performed because the status of the {where} is Storage full.")
    raise v3_error(403 if service == "dds" else 409, rules.BUSY,
                   f"Another operation is being performed on the {where}; {operation} has to wait.")


# -- operations on the clock ------------------------------------------------------------------------------------
def take_faults(rec: dict[str, Any], kinds: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """Consume the create-time faults (job_fail, stuck, backup_fail) aimed at this request."""
    return faults.take_create_faults("rds" if rec["service"] == "rds_v1" else rec["service"], kinds)


def start_op(rec: dict[str, Any], kind: str, job_name: str, changes: dict[str, Any], *, status: str | None = None,
             action: str | None = None, node_status: str | None = None, targets: list[str] | None = None,
             taken: dict[str, dict[str, Any]] | None = None, fail_kind: str = "job_fail") -> dict[str, Any]:
    """Start an operation (see the module docstring); returns its job. The faults job_fail (or `fail_kind`) and
    stuck are consumed here unless the caller took them already (`taken`)."""
    if taken is None:
        taken = take_faults(rec, (fail_kind, "stuck"))
    until = None if "stuck" in taken else now() + float(store().config()["ready_delay"])
    fail = str(taken[fail_kind].get("reason") or f"The {kind} operation failed.") if fail_kind in taken else None
    job = lifecycle.new_job(rec, job_name, until, fail)
    ops = list(rec.get("ops") or [])
    ops.append({"kind": kind, "status": status, "action": action, "node_status": node_status, "targets": targets or [],
                "changes": copy.deepcopy(changes), "until": until, "fail": fail, "job_id": job["id"]})
    rec["ops"] = ops
    if kind == "enlarge_volume" and rec.get("status_override") in ("STORAGE FULL", "data_disk_full"):
        rec["status_override"] = None  # the enlargement runs (MODIFYING) and ends with room on the disk
    store().put_instance(rec)
    if until is not None:
        store().put_due(f"{rec['id']}/{job['id']}", "instance", rec["service"], until)
    return job


def set_path(attrs: dict[str, Any], path: str, value: Any) -> None:
    """attrs[a][b]... = value for a dotted path (list indexes as numbers; missing objects are created)."""
    keys = path.split(".")
    node: Any = attrs
    for key in keys[:-1]:
        if isinstance(node, list):
            node = node[int(key)]
        else:
            if not isinstance(node.get(key), (dict, list)):
                node[key] = {}
            node = node[key]
    if isinstance(node, list):
        node[int(keys[-1])] = copy.deepcopy(value)
    else:
        node[keys[-1]] = copy.deepcopy(value)


def _settle_instance(service: str, key: str) -> None:
    instance_id, _sep, job_id = key.partition("/")
    rec = store().get_instance(service, instance_id)
    ops = rec.get("ops") or [] if rec else []
    done = [op for op in ops if op.get("job_id") == job_id and op.get("until") is not None]
    if rec is None or not done:
        return
    op = done[0]
    if not op.get("fail"):
        for path, value in (op.get("changes") or {}).items():
            set_path(rec["attrs"], path, value)
    rec["ops"] = [item for item in ops if item is not op]
    rec["updated_ts"] = max(rec["updated_ts"], op["until"])
    store().put_instance(rec)


def _settle_backup(backup_id: str) -> None:
    backup = store().get_backup(backup_id)
    if backup is not None and backup.get("status") == "BUILDING" and backup.get("final_status"):
        backup["status"] = backup["final_status"]
        store().put_backup(backup)


def settle(at: float) -> None:
    """Finish every operation and backup whose time has come (called before each API request)."""
    due = store().take_due(at)
    if not due:
        return
    with store().transaction():
        for key, kind, ref in due:
            if kind == "instance":
                _settle_instance(ref, key)
            elif kind == "backup":
                _settle_backup(key)


# -- automated backup policy --------------------------------------------------------------------------------------
_WINDOW_RE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


def window(chk: rules.Checker, value: Any, minutes: tuple[str, ...], label: str = "backup_policy.start_time") -> str:
    """hh:mm-HH:MM (UTC) with HH = hh + 1 and equal minutes from `minutes`."""
    match = _WINDOW_RE.match(value) if isinstance(value, str) else None
    if not match:
        chk.fail(BACKUP_START, f"Invalid parameter {label}: {value!r} is not in the format hh:mm-HH:MM.")
    start_h, start_m, end_h, end_m = match.groups()
    if int(start_h) > 23 or int(end_h) > 23 or (int(start_h) + 1) % 24 != int(end_h):
        chk.fail(BACKUP_START, f"Invalid parameter {label}: {value!r}: the end hour must be one hour after the start hour.")
    if start_m != end_m or start_m not in minutes:
        chk.fail(BACKUP_START, f"Invalid parameter {label}: {value!r}: the minutes must be equal and one of {', '.join(minutes)}.")
    return str(value)


def period(chk: rules.Checker, value: Any, label: str = "backup_policy.period") -> str:
    """Comma-separated week days 1-7 (1 = Monday), each at most once."""
    parts = value.split(",") if isinstance(value, str) and value else []
    if not parts or any(part not in "1234567" or len(part) != 1 for part in parts) or len(set(parts)) != len(parts):
        chk.fail(BACKUP_CYCLE, f"Invalid parameter {label}: {value!r} must list week days 1 to 7 (1 = Monday), "
                               "separated by commas, each once.")
    return ",".join(sorted(parts))


def keep_days(chk: rules.Checker, value: Any, low: int, high: int, allow_str: bool = False,
              label: str = "backup_policy.keep_days") -> int:
    """An integer (DDS: or a digit string) in [low, high]."""
    if isinstance(value, str) and allow_str and re.fullmatch(r"\d+", value):
        days = int(value)
    elif isinstance(value, bool) or not isinstance(value, int):
        chk.fail(BACKUP_DAYS, f"Invalid parameter {label}: an integer is required.")
    else:
        days = value
    if not low <= days <= high:
        chk.fail(BACKUP_DAYS, f"Invalid parameter {label}: {days} is out of range ({low} to {high}).")
    return days


# -- tags -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TagRules:
    """Key/value rules of one service's tag API."""

    key_max: int
    value_max: int
    key_re: re.Pattern[str]
    value_re: re.Pattern[str]
    trim: bool  # leading/trailing spaces are removed before the checks (else they are refused)
    limit: int = 20


_CJK = "\u4e00-\u9fff"
TAG_RULES: dict[str, TagRules] = {
    # RDS: SDK TagWithKeyValue (key 1-128, any letters, digits, space and _.:=+-@; value <= 255 of the same, may be
    # empty) and HW rds_06_0037 (adds "()"); OTC says key <= 36 / value <= 43 with a narrower set. CONFLICT: the
    # larger limits and the union of the character sets are accepted. Reserved prefix: "_sys_" (HW); the SDK's
    # "must not start with sys" is not enforced (accepting both documents).
    "rds": TagRules(128, 255, re.compile(r"^[\w .:=+\-@()]+$"), re.compile(r"^[\w .:=+\-@()]*$"), trim=False),
    # DDS: SDK TagItem and OTC agree: key <= 36 of 0-9 A-Z a-z _ - CJK (OTC also @), value <= 43 (adds "."), may be
    # empty; leading/trailing spaces are removed before the checks.
    "dds": TagRules(36, 43, re.compile(rf"^[0-9A-Za-z_\-@{_CJK}]+$"), re.compile(rf"^[0-9A-Za-z_.\-{_CJK}]*$"), trim=True),
    # GaussDB: HW gaussdb_api_122 (key <= 128 of letters, digits, space, _.:=+-@; value <= 255, adds "/") and SDK
    # TagsOption (key <= 36, value <= 43, spaces trimmed). CONFLICT: the larger limits are accepted, spaces trimmed.
    # Maximum tags per instance: unverified; 20 as on RDS and DDS.
    "gaussdb": TagRules(128, 255, re.compile(r"^[\w .:=+\-@]+$"), re.compile(r"^[\w .:/=+\-@]*$"), trim=True),
}


def _tag_text(chk: rules.Checker, value: Any, label: str, trim: bool) -> str:
    if not isinstance(value, str):
        chk.fail(rules.PARAM, f"Invalid parameter {label}: a string is required.")
    return value.strip() if trim else value


def check_tag_list(service: str, value: Any, action: str, label: str = "tags") -> list[dict[str, Any]]:
    """Validate the tags of a create (key and value rules) or delete (key only, value optional) request."""
    chk = checker()
    spec = TAG_RULES[service]
    if not isinstance(value, list) or not value:
        chk.fail(rules.PARAM, f"Invalid parameter {label}: a non-empty list of tags is required.")
    out: list[dict[str, Any]] = []
    for index, item in enumerate(value):
        where = f"{label}[{index}]"
        if not isinstance(item, dict):
            chk.fail(rules.PARAM, f"Invalid parameter {where}: an object with key and value is required.")
        key = _tag_text(chk, item.get("key"), f"{where}.key", spec.trim)
        has_value = item.get("value") is not None
        tag_value = _tag_text(chk, item.get("value"), f"{where}.value", spec.trim) if has_value else None
        if action == "delete":
            # Deleting does not check the character set (DDS, documented); key 1-127 (RDS TagDelWithKeyValue).
            if not key or len(key) > max(spec.key_max, 127):
                chk.fail(rules.PARAM, f"Invalid parameter {where}.key: 1 to {max(spec.key_max, 127)} characters are required.")
            out.append({"key": key, "value": tag_value})
            continue
        if not key or len(key) > spec.key_max or not spec.key_re.match(key) or key != key.strip() or key.startswith("_sys_"):
            chk.fail(rules.PARAM, f"Invalid parameter {where}.key: {key!r} must be 1 to {spec.key_max} characters of the "
                                  "allowed set, without leading or trailing spaces, and must not start with _sys_.")
        if tag_value is None:
            chk.fail(rules.PARAM, f"Invalid parameter {where}.value: it is required when adding tags (it may be empty).")
        if len(tag_value) > spec.value_max or not spec.value_re.match(tag_value) or tag_value != tag_value.strip():
            chk.fail(rules.PARAM, f"Invalid parameter {where}.value: {tag_value!r} must be at most {spec.value_max} characters "
                                  "of the allowed set, without leading or trailing spaces.")
        out.append({"key": key, "value": tag_value})
    keys = [item["key"] for item in out]
    if len(set(keys)) != len(keys):
        chk.fail(TAG_KEY_NOT_UNIQUE, f"Invalid parameter {label}: the tag keys must be unique within one request.")
    return out


def add_tags(service: str, current: list[dict[str, Any]], tags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Current tags plus `tags`: an existing key gets the new value (documented for DDS; unverified for RDS and
    GaussDB, whose error table also lists DBS.200098 "The tag already exists": the overwrite is accepted so that both
    a remove-then-add and an add-only client work). More than the limit: 400 DBS.200087."""
    merged = {item["key"]: item["value"] for item in current}
    for item in tags:
        merged[item["key"]] = item["value"]
    limit = TAG_RULES[service].limit
    if len(merged) > limit:
        raise v3_error(400, TAG_QUOTA, f"An instance can have at most {limit} tags; this request would make {len(merged)}.")
    return [{"key": key, "value": value} for key, value in merged.items()]


def remove_tags(current: list[dict[str, Any]], tags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Current tags without those named (by key, or by key and value when a value is given); missing ones are ignored."""
    def removed(item: dict[str, Any]) -> bool:
        return any(t["key"] == item["key"] and t.get("value") in (None, item["value"]) for t in tags)
    return [item for item in current if not removed(item)]


def listed_tags(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The stored tags as {key, value} objects (list answers)."""
    return [{"key": item["key"], "value": item["value"]} for item in rec["attrs"].get("tags") or []]


def tag_action(service: str, rec: dict[str, Any], payload: dict[str, Any]) -> None:
    """RDS and DDS "tags/action": {"action": "create" | "delete" (case-sensitive), "tags": [...]}; stores the result."""
    chk = checker()
    action = payload.get("action")
    if action not in ("create", "delete"):
        chk.fail(rules.PARAM, f"Invalid parameter action: {action!r} must be create or delete (case-sensitive).")
    tags = check_tag_list(service, payload.get("tags"), action)
    current = rec["attrs"].get("tags") or []
    rec["attrs"]["tags"] = add_tags(service, current, tags) if action == "create" else remove_tags(current, tags)
    store().put_instance(rec)


def create_tags(service: str, value: Any) -> list[dict[str, Any]]:
    """Tags given to a create API (RDS, DDS): [] when absent."""
    if value is None:
        return []
    return add_tags(service, [], check_tag_list(service, value, "create"))


# -- misc -------------------------------------------------------------------------------------------------------
def boolean_field(chk: rules.Checker, payload: dict[str, Any], key: str, label: str | None = None) -> bool | None:
    """An optional boolean field."""
    if payload.get(key) is None:
        return None
    return chk.boolean(payload[key], label or key)
