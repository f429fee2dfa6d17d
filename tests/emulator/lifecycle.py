"""Instance and job life cycles, computed lazily from stored timestamps."""
from __future__ import annotations

from typing import Any, Callable

from flask import Response, request

from .common import iso_offset, job_id, json_response, now, store, v3_error

# service -> (building status, ready status, failed status, deleting status)
STATUS_WORDS: dict[str, tuple[str, str, str, str]] = {
    "rds": ("BUILD", "ACTIVE", "FAILED", "DELETING"),
    "rds_v1": ("BUILD", "ACTIVE", "FAILED", "DELETING"),
    "gaussdb": ("BUILD", "ACTIVE", "FAILED", "DELETING"),
    "dds": ("creating", "normal", "createfail", "deleting"),
}


def new_record(service: str, project_id: str, instance_id: str, name: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """A stored instance: identity, life-cycle timestamps, and service attributes."""
    created = now()
    delay = float(store().config()["ready_delay"])
    return {
        "id": instance_id, "service": service, "project_id": project_id, "name": name,
        "created_ts": created, "updated_ts": created, "ready_at": created + delay,
        "failed": False, "fail_reason": None, "status_override": None,
        "delete_at": None, "delete_job": None, "attrs": attrs,
    }


def apply_create_faults(rec: dict[str, Any], taken: dict[str, dict[str, Any]]) -> None:
    """job_fail: the create ends failed; stuck: it never ends."""
    if "job_fail" in taken:
        rec["failed"] = True
        rec["fail_reason"] = str(taken["job_fail"].get("reason") or "Failed to create the DB instance.")
    if "stuck" in taken:
        rec["ready_at"] = None


def is_ready(rec: dict[str, Any], at: float | None = None) -> bool:
    """The create has finished (successfully or not)."""
    current = now() if at is None else at
    return rec["ready_at"] is not None and current >= rec["ready_at"]


def running_ops(rec: dict[str, Any], at: float | None = None) -> list[dict[str, Any]]:
    """The day-2 operations (resize, backup, ...) still running on the instance, oldest first (see day2.start_op)."""
    current = now() if at is None else at
    return [op for op in rec.get("ops") or [] if op.get("until") is None or current < op["until"]]


def status_of(rec: dict[str, Any], at: float | None = None) -> str:
    """The status a client sees now."""
    building, ready, failed, deleting = STATUS_WORDS[rec["service"]]
    if rec.get("delete_at") is not None:
        return deleting
    if rec.get("status_override"):
        return str(rec["status_override"])
    if not is_ready(rec, at):
        return building
    if rec["failed"]:
        return failed
    words = [op["status"] for op in running_ops(rec, at) if op.get("status")]
    return str(words[0]) if words else ready


def updated_ts(rec: dict[str, Any]) -> float:
    """Last change: creation end once ready."""
    if is_ready(rec):
        return max(rec["updated_ts"], rec["ready_at"])
    return rec["updated_ts"]


def new_job(rec: dict[str, Any], name: str, done_at: float | None, fail_reason: str | None = None) -> dict[str, Any]:
    """Store a job tied to an instance; Running until done_at."""
    job = {
        "id": job_id(), "service": rec["service"], "project_id": rec["project_id"], "name": name,
        "instance_id": rec["id"], "instance_name": rec["name"], "created_ts": now(),
        "done_at": done_at, "fail_reason": fail_reason,
    }
    store().put_job(job)
    return job


def create_job(rec: dict[str, Any], name: str) -> dict[str, Any]:
    """The job of an instance creation."""
    return new_job(rec, name, rec["ready_at"], rec["fail_reason"] if rec["failed"] else None)


def job_view(job: dict[str, Any], fmt: Callable[[float], str] = iso_offset) -> dict[str, Any]:
    """Status and progress of a job at this moment."""
    current = now()
    done = job["done_at"] is not None and current >= job["done_at"]
    if done:
        status = "Failed" if job["fail_reason"] else "Completed"
        progress = "100%"
    else:
        status = "Running"
        span = (job["done_at"] - job["created_ts"]) if job["done_at"] is not None else 0.0
        fraction = (current - job["created_ts"]) / span if span > 0 else 0.0
        progress = f"{max(1, min(99, int(fraction * 100)))}%"
    return {
        "id": job["id"], "name": job["name"], "status": status, "created": fmt(job["created_ts"]),
        "ended": fmt(job["done_at"]) if done else "", "progress": progress,
        "instance": {"id": job["instance_id"], "name": job["instance_name"]},
        "fail_reason": job["fail_reason"] or "",
    }


def drop_automated_backups(rec: dict[str, Any]) -> None:
    """Deleting an instance deletes its automated backups; manual ones are kept (RDS, DDS and GaussDB user guides)."""
    for backup in store().list_backups(rec["project_id"], rec["id"]):
        if backup.get("origin", "auto") != "manual":
            store().delete_backup(backup["id"])


def schedule_delete(rec: dict[str, Any], job_name: str) -> dict[str, Any]:
    """Delete now (delete_delay 0) or mark for removal; returns the delete job."""
    drop_automated_backups(rec)
    delay = float(store().config()["delete_delay"])
    due = now() + delay
    job = new_job(rec, job_name, due)
    if delay <= 0:
        store().delete_instance(rec["id"])
    else:
        rec["delete_at"] = due
        rec["delete_job"] = job["id"]
        store().put_instance(rec)
    return job


def apply_seed_status(rec: dict[str, Any], status: str | None, created_ago: float = 0.0) -> None:
    """Make a seeded record show `status` (ready, building, failed, or any other word)."""
    building, ready, failed = STATUS_WORDS[rec["service"]][:3]
    rec["created_ts"] -= created_ago
    rec["updated_ts"] = rec["created_ts"]
    if status in (None, ready):
        rec["ready_at"] = rec["created_ts"]
    elif status == building:
        rec["ready_at"] = now() + float(store().config()["ready_delay"])
    elif status == failed:
        rec["ready_at"] = rec["created_ts"]
        rec["failed"] = True
        rec["fail_reason"] = "Seeded as failed."
    else:
        rec["ready_at"] = rec["created_ts"]
        rec["status_override"] = status


def job_answer(project_id: str, service: str, progress_key: str) -> Response:
    """GET jobs?id= for the v3 services (RDS uses 'process', the others 'progress')."""
    wanted = request.args.get("id")
    if not wanted:
        raise v3_error(400, "DBS.280001", "Invalid parameter id: the job id is required.")
    job = store().get_job(wanted)
    if job is None or job["project_id"] != project_id or job["service"] != service:
        raise v3_error(404, "DBS.280011", f"The job {wanted} does not exist.")
    view = job_view(job)
    view[progress_key] = view.pop("progress")
    return json_response({"job": view})
