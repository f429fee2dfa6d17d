"""Backups of every service: stored records, their life cycle on the emulator clock, the per-service answer shapes,
restorable time ranges, and seeding.

A stored backup: `{"id", "project_id", "instance_id", "service", "origin": "auto" | "manual", "name", "description",
"databases", "begin_ts", "end_ts", "done_at", "status", "final_status", "volume_size", "datastore", "source",
"delete_at"}`. A new manual backup is BUILDING until `done_at` (creation + ready_delay), then `final_status`
(COMPLETED, or FAILED under the backup_fail fault). `source` keeps the instance's name and attributes as they were,
so a manual backup can still be restored after its instance was deleted.
"""
from __future__ import annotations

import copy
import datetime as _dt
import re
from typing import Any, Callable

from flask import request

from . import lifecycle, rules
from .common import hex_id, iso_offset, iso_plain, now, store, v3_error

SUFFIX = {"rds": "br01", "rds_v1": "br01", "dds": "br02", "gaussdb": "br14"}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Backup descriptions: at most 256 characters, none of >!<"&'= (RDS, DDS and GaussDB API references).
_BAD_DESCRIPTION = set('>!<"&\'=')
_TIME_FORMATS = ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")


# -- records ----------------------------------------------------------------------------------------------------
def new_backup(rec: dict[str, Any], name: str, origin: str, begin: float, end: float | None,
               final: str = "COMPLETED", description: str = "", databases: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A backup of `rec` (not stored); BUILDING until `end` when `end` lies ahead (None: never ends)."""
    attrs = rec["attrs"]
    building = end is None or end > now()
    source_attrs = {key: copy.deepcopy(value) for key, value in attrs.items() if key != "tags"}
    return {
        "id": hex_id(SUFFIX[rec["service"]]), "project_id": rec["project_id"], "instance_id": rec["id"],
        "service": rec["service"], "origin": origin, "name": name, "description": description,
        "databases": copy.deepcopy(databases or []), "begin_ts": begin, "end_ts": end, "done_at": end,
        "status": "BUILDING" if building else final, "final_status": final, "volume_size": volume_size(rec),
        "datastore": copy.deepcopy(attrs.get("datastore") or {}), "source": {"name": rec["name"], "attrs": source_attrs},
        "delete_at": None,
    }


def volume_size(rec: dict[str, Any]) -> int:
    """Storage of the instance in GB (DDS: the largest data group)."""
    attrs = rec["attrs"]
    if isinstance(attrs.get("volume"), dict):
        return int(attrs["volume"].get("size") or 0)
    sizes = [int(entry.get("size") or 0) for entry in attrs.get("flavor") or []]
    return max(sizes or [0])


def store_new(backup: dict[str, Any]) -> dict[str, Any]:
    """Store a backup and, when it is still running, remember when it ends."""
    store().put_backup(backup)
    if backup["status"] == "BUILDING" and backup["done_at"] is not None:
        store().put_due(backup["id"], "backup", backup["service"], backup["done_at"])
    return backup


def status_of(backup: dict[str, Any], at: float | None = None) -> str:
    """The status a client sees now (lazy: BUILDING until done_at; DELETING/DISABLED while being deleted)."""
    current = now() if at is None else at
    if backup.get("delete_at") is not None:
        return "DISABLED" if backup.get("service") == "dds" else "DELETING"
    if backup.get("status") == "BUILDING":
        done = backup.get("done_at")
        return str(backup.get("final_status") or "COMPLETED") if done is not None and current >= done else "BUILDING"
    return str(backup.get("status"))


def visible(backup: dict[str, Any], at: float | None = None) -> bool:
    """Not yet gone (a deletion with delete_delay shows DELETING until then)."""
    current = now() if at is None else at
    return backup.get("delete_at") is None or current < backup["delete_at"]


def of_service(service: str, project_id: str, instance_id: str | None = None) -> list[dict[str, Any]]:
    """The visible backups of one service in creation order (gone ones are purged here)."""
    out = []
    for backup in store().list_backups(project_id, instance_id):
        if backup.get("service", "gaussdb") != service:
            continue
        if not visible(backup):
            store().delete_backup(backup["id"])
            continue
        out.append(backup)
    return out


def get(service: str, project_id: str, backup_id: str) -> dict[str, Any] | None:
    """One visible backup of a service and project."""
    backup = store().get_backup(backup_id)
    if backup is None or backup.get("service", "gaussdb") != service or backup["project_id"] != project_id or not visible(backup):
        return None
    return backup


def remove(backup: dict[str, Any]) -> None:
    """Delete now (delete_delay 0) or show the deleting status until delete_delay has passed."""
    delay = float(store().config()["delete_delay"])
    if delay <= 0:
        store().delete_backup(backup["id"])
        return
    backup["delete_at"] = now() + delay
    store().put_backup(backup)


def name_taken(service: str, project_id: str, name: str) -> bool:
    """A visible backup of the service in the project already has this name."""
    return any(backup["name"] == name for backup in of_service(service, project_id))


def check_description(chk: rules.Checker, value: Any, code: str) -> str:
    """Optional description: at most 256 characters, none of >!<"&'=."""
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > 256 or _BAD_DESCRIPTION & set(value):
        chk.fail(code, "Invalid parameter description: at most 256 characters, without any of >!<\"&'=.")
    return value


def ended(backup: dict[str, Any]) -> float | None:
    """When the backup ended (None while it runs)."""
    if status_of(backup) == "BUILDING":
        return None
    return backup.get("end_ts") if backup.get("end_ts") is not None else backup.get("begin_ts")


def source_attrs(backup: dict[str, Any]) -> dict[str, Any]:
    """The instance attributes recorded with the backup."""
    return dict((backup.get("source") or {}).get("attrs") or {})


# -- answers ----------------------------------------------------------------------------------------------------
def rds_view(backup: dict[str, Any]) -> dict[str, Any]:
    """RDS v3 ListBackups item (size in KB)."""
    status = status_of(backup)
    end = ended(backup)
    datastore = backup.get("datastore") or {}
    return {
        "id": backup["id"], "instance_id": backup["instance_id"], "name": backup["name"],
        "databases": copy.deepcopy(backup.get("databases") or []), "begin_time": iso_offset(backup["begin_ts"]),
        "end_time": iso_offset(end) if end is not None else "", "status": status,
        "type": "manual" if backup.get("origin") == "manual" else "auto",
        "size": 12800 if status == "COMPLETED" else 0,
        "datastore": {"type": datastore.get("type", ""), "version": datastore.get("version", "")},
        "associated_with_ddm": False, "min_data_volume_capacity_for_restore": int(backup.get("volume_size") or 0),
    }


def dds_view(backup: dict[str, Any]) -> dict[str, Any]:
    """DDS ListBackups item (times "yyyy-mm-dd hh:mm:ss" UTC, size in KB, type Auto | Manual)."""
    status = status_of(backup)
    end = ended(backup)
    datastore = backup.get("datastore") or {}
    src = source_attrs(backup)
    rec = store().get_instance("dds", backup["instance_id"])
    view = {
        "id": backup["id"], "name": backup["name"], "instance_id": backup["instance_id"],
        "instance_name": (backup.get("source") or {}).get("name", ""),
        "datastore": {"type": datastore.get("type", "DDS-Community"), "version": datastore.get("version", "")},
        "type": "Manual" if backup.get("origin") == "manual" else "Auto",
        "begin_time": iso_plain(backup["begin_ts"], " "), "end_time": iso_plain(end, " ") if end is not None else "",
        "status": status, "size": 12800 if status == "COMPLETED" else 0, "description": backup.get("description") or "",
        "instance_mode": src.get("mode", ""), "is_instance_restoring": False, "backup_method": "Physical",
        "kms_enable": bool(src.get("disk_encryption_id")), "deletable": backup.get("origin") == "manual",
    }
    if rec is not None:
        view["instance_status"] = lifecycle.status_of(rec)
    return view


def gauss_view(backup: dict[str, Any]) -> dict[str, Any]:
    """GaussDB ListBackups item (size in MB, type auto | manual)."""
    status = status_of(backup)
    end = ended(backup)
    datastore = backup.get("datastore") or {}
    return {
        "id": backup["id"], "name": backup["name"], "description": backup.get("description") or "",
        "begin_time": iso_offset(backup["begin_ts"]), "end_time": iso_offset(end) if end is not None else "",
        "status": status, "size": 12.5 if status == "COMPLETED" else 0.0,
        "type": "manual" if backup.get("origin") == "manual" else "auto",
        "datastore": {"type": datastore.get("type", "GaussDB"), "version": datastore.get("version", "")},
        "instance_id": backup["instance_id"],
    }


VIEWS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {"rds": rds_view, "dds": dds_view, "gaussdb": gauss_view}


def page(items: list[dict[str, Any]], service: str, offset: int, limit: int) -> dict[str, Any]:
    """{"backups": [...], "total_count"} of one page."""
    return {"backups": [VIEWS[service](item) for item in items[offset:offset + limit]], "total_count": len(items)}


def parse_time(value: Any) -> float:
    """Epoch seconds from epoch seconds/milliseconds or an ISO 8601 / "yyyy-mm-dd hh:mm:ss" (UTC) string."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value) / 1000 if value > 1e11 else float(value)
    text = str(value).strip().replace("Z", "+0000")
    for fmt in _TIME_FORMATS:
        try:
            parsed = _dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.timezone.utc)).timestamp()
    raise ValueError(value)


def time_window(fmt_hint: str) -> tuple[float, float] | None:
    """begin_time and end_time query parameters (both or neither, end after begin) as epoch seconds."""
    begin, end = request.args.get("begin_time"), request.args.get("end_time")
    if not begin and not end:
        return None
    if not begin or not end:
        raise v3_error(400, "DBS.280001", "Invalid parameter begin_time/end_time: they must be given together.")
    try:
        start, stop = parse_time(begin), parse_time(end)
    except ValueError as exc:
        raise v3_error(400, "DBS.280001", f"Invalid parameter begin_time/end_time: the format is {fmt_hint}.") from exc
    if stop <= start:
        raise v3_error(400, "DBS.280001", "Invalid parameter end_time: it must be later than begin_time.")
    return start, stop


# -- automated backups ------------------------------------------------------------------------------------------
def _keep_days(rec: dict[str, Any]) -> int:
    strategy = rec["attrs"].get("backup_strategy") or {}
    try:
        return int(strategy.get("keep_days") or 0)
    except (TypeError, ValueError):
        return 0


def ensure_auto(rec: dict[str, Any]) -> None:
    """An RDS or DDS instance with automated backups enabled gets one automated full backup once it is ready
    (taken when its creation ended), the first time its backups are looked at; seeds opt out with
    "auto_backups": false. Read replicas have no backups."""
    attrs = rec["attrs"]
    if attrs.get("auto_backups_done") or attrs.get("auto_backups") is False or attrs.get("type") == "Replica":
        return
    if not lifecycle.is_ready(rec) or rec["failed"] or rec.get("delete_at") is not None or _keep_days(rec) <= 0:
        return
    begin = float(rec["ready_at"])
    stamp = _dt.datetime.fromtimestamp(begin, _dt.timezone.utc).strftime("%Y%m%d%H%M%S%f")[:17]
    with store().transaction():
        store().put_backup(new_backup(rec, f"{rec['name']}-{stamp}", "auto", begin - 1, begin))
        attrs["auto_backups_done"] = True
        store().put_instance(rec)


# -- restorable times -------------------------------------------------------------------------------------------
def restore_ranges(rec: dict[str, Any]) -> list[dict[str, int]]:
    """RDS and DDS: seeded ranges, else [created, now] once the instance has been created, while automated backups
    are enabled (keep_days > 0); none for a read replica."""
    attrs = rec["attrs"]
    if attrs.get("restore_ranges") is not None:
        return [dict(item) for item in attrs["restore_ranges"]]
    if attrs.get("type") == "Replica" or not lifecycle.is_ready(rec) or rec["failed"] or _keep_days(rec) <= 0:
        return []
    return [{"start_time": int(rec["created_ts"] * 1000), "end_time": int(now() * 1000)}]


def query_day(required: bool) -> tuple[int, int] | None:
    """The `date` query parameter (a UTC day yyyy-mm-dd) as [start, end) in epoch milliseconds; None when absent
    and optional (RDS); missing, empty or not a real day: 400 DBS.280001."""
    raw = request.args.get("date")
    if raw is None or raw == "":
        if not required:
            return None
        raise v3_error(400, "DBS.280001", "Invalid parameter date: it is mandatory (a UTC day in the format yyyy-mm-dd).")
    try:
        if not _DATE_RE.match(raw):
            raise ValueError(raw)
        day = _dt.datetime.strptime(raw, "%Y-%m-%d").replace(tzinfo=_dt.timezone.utc)
    except ValueError as exc:
        raise v3_error(400, "DBS.280001", f"Invalid parameter date: {raw!r} is not a day in the format yyyy-mm-dd.") from exc
    start = int(day.timestamp() * 1000)
    return start, start + 86400 * 1000


def ranges_on_day(ranges: list[dict[str, int]], day_start: int, day_end: int) -> list[dict[str, int]]:
    """The parts of the ranges that fall on [day_start, day_end) (epoch ms; end times inclusive)."""
    out = []
    for item in ranges:
        start, end = max(item["start_time"], day_start), min(item["end_time"], day_end - 1)
        if start <= end:
            out.append({"start_time": start, "end_time": end})
    return out


def in_ranges(ranges: list[dict[str, int]], stamp: int) -> bool:
    """A point in time (epoch ms) lies inside one of the ranges (both ends included)."""
    return any(item["start_time"] <= stamp <= item["end_time"] for item in ranges)


def shown_ranges(ranges: list[dict[str, int]]) -> str:
    """Ranges for an error message."""
    return ", ".join(f"[{item['start_time']}, {item['end_time']}]" for item in ranges) or "none"


# -- seeding ----------------------------------------------------------------------------------------------------
def _resolve(service: str, project_id: str, item: dict[str, Any]) -> dict[str, Any]:
    if item.get("instance_id"):
        rec = store().get_instance(service, str(item["instance_id"]))
    else:
        found = store().list_instances(service, project_id, str(item.get("instance_name")))
        rec = found[-1] if found else None
    if rec is None:
        raise v3_error(400, "EMU.0001", f"seeded item refers to an unknown {service} instance: {item}")
    return rec


def _seed_time(item: dict[str, Any], key: str, fallback: float) -> float:
    if item.get(key) is None:
        return fallback
    try:
        return parse_time(item[key])
    except ValueError as exc:
        raise v3_error(400, "EMU.0001", f"seeded backup {key} {item[key]!r} is not a time") from exc


def seed_extras(service: str, project_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Seeded backups and restorable time ranges of any service (admin seeding API)."""
    made = []
    for item in body.get("backups") or []:
        rec = _resolve(service, project_id, item)
        origin = "auto" if str(item.get("type") or "manual").lower() in ("auto", "full") else "manual"
        status = str(item.get("status") or "COMPLETED")
        begin = _seed_time(item, "begin_time", now() - 60)
        end = None if status == "BUILDING" else _seed_time(item, "end_time", now() - 30)
        backup = new_backup(rec, str(item.get("name") or f"{rec['name']}-manual"), origin, begin, end, final=status,
                            description=str(item.get("description") or ""))
        if status == "BUILDING":
            backup.update(status="BUILDING", final_status="COMPLETED", done_at=None)
        if item.get("id"):
            backup["id"] = str(item["id"])
        store().put_backup(backup)
        made.append({"id": backup["id"], "name": backup["name"], "instance_id": rec["id"], "status": backup["status"],
                     "type": origin})
    for item in body.get("restore_time") or []:
        rec = _resolve(service, project_id, item)
        ranges = rec["attrs"].get("restore_ranges") or []
        ranges.append({"start_time": int(item["start_time"]), "end_time": int(item["end_time"])})
        rec["attrs"]["restore_ranges"] = ranges
        store().put_instance(rec)
    return {"backups": made}
