"""Admin API (/_admin): reset, config, state, seeding, faults, request log. Never authenticated or logged."""
from __future__ import annotations

from typing import Any, Callable

from flask import Blueprint, Response, current_app, request

from . import backups, day2, dds, faults, gauss, lifecycle, rds_params, rds_v1, rds_v3
from .common import ApiError, json_response, now, read_json_body, store, v3_error

bp = Blueprint("admin", __name__)

SEEDERS: dict[str, Callable[[str, str, dict[str, Any]], list[dict[str, Any]]]] = {
    "rds": lambda pid, name, spec: [rds_v3.seed_record(pid, name, spec)],
    "rds_v1": rds_v1.seed_records,
    "gaussdb": lambda pid, name, spec: [gauss.seed_record(pid, name, spec)],
    "dds": lambda pid, name, spec: [dds.seed_record(pid, name, spec)],
}
_NUMERIC = ("ready_delay", "delete_delay", "token_ttl", "clock_offset", "client_token_ttl")


def _bad(msg: str) -> ApiError:
    return v3_error(400, "EMU.0001", msg)


def _body() -> dict[str, Any]:
    if not request.get_data(cache=True):
        return {}
    return read_json_body(_bad)


def _service_arg(value: Any) -> str:
    if value not in SEEDERS:
        raise _bad(f"service must be one of {', '.join(SEEDERS)}")
    return str(value)


@bp.get("/health")
def health() -> Response:
    """Liveness probe."""
    return json_response({"status": "ok"})


@bp.post("/reset")
def reset() -> Response:
    """Wipe instances, jobs, backups, tokens, faults and the log; {"config": true} also restores the startup config."""
    store().reset()
    current_app.config["EMULATOR_THROTTLE"].clear()
    if _body().get("config"):
        store().restore_default_config()
    return json_response({"reset": True})


@bp.get("/config")
def get_config() -> Response:
    """The configuration."""
    return json_response(store().config())


@bp.post("/config")
def post_config() -> Response:
    """Merge keys into the configuration."""
    changes = _body()
    for key in _NUMERIC:
        if key in changes and (isinstance(changes[key], bool) or not isinstance(changes[key], (int, float))):
            raise _bad(f"{key} must be a number")
    if "projects" in changes and not isinstance(changes["projects"], dict):
        raise _bad("projects must be an object {region: project_id}")
    problems = rds_params.check_templates(changes["configurations"]) if "configurations" in changes else []
    if problems:
        raise _bad(problems[0])
    return json_response(store().update_config(changes))


@bp.get("/state")
def state() -> Response:
    """Raw stored records of one service, with the status a client would see now."""
    service = _service_arg(request.args.get("service"))
    day2.settle(now())
    records = [dict(rec, status=lifecycle.status_of(rec)) for rec in store().list_instances(service)]
    answer: dict[str, Any] = {"service": service, "instances": records}
    for rec in records:
        if service == "gaussdb":
            gauss.ensure_auto_backups(rec)
        elif service in ("rds", "dds"):
            backups.ensure_auto(rec)
    # the stored backups of the service (also those whose instance is gone): the stored record with the fields a
    # client sees now (status, begin_time, end_time, type, ...) laid over it; rds_v1 backups have no API view
    view = backups.VIEWS.get(service, lambda b: {"status": backups.status_of(b)})
    answer["backups"] = [dict(b, **view(b)) for pid in store().config()["projects"].values()
                         for b in backups.of_service(service, pid)]
    return json_response(answer)


def _project(spec: dict[str, Any]) -> str:
    projects = store().config()["projects"]
    if spec.get("project_id"):
        return str(spec["project_id"])
    region = spec.get("region") or "eu-de"
    if region not in projects:
        raise _bad(f"unknown region {region!r}")
    return str(projects[region])


def _seed_specs(body: dict[str, Any]) -> list[dict[str, Any]]:
    common = {k: v for k, v in body.items() if k not in ("service", "count", "prefix", "instances", "backups", "restore_time", "project_id")}
    specs = [dict(common, **item) for item in body.get("instances") or []]
    count = int(body.get("count") or 0)
    prefix = str(body.get("prefix") or "seed-")
    width = max(4, len(str(count)))
    specs += [dict(common, name=f"{prefix}{index:0{width}d}") for index in range(count)]
    return specs


@bp.post("/seed")
def seed() -> Response:
    """Insert ready instances directly (one transaction); gaussdb also takes backups and restore_time."""
    body = _body()
    service = _service_arg(body.get("service"))
    pid = _project(body)
    created: list[dict[str, Any]] = []
    with store().transaction():
        for spec in _seed_specs(body):
            if not spec.get("name"):
                raise _bad("every seeded instance needs a name")
            recs = SEEDERS[service](pid, str(spec["name"]), spec)
            for rec in recs:
                lifecycle.apply_seed_status(rec, spec.get("status"), float(spec.get("created_ago") or 0))
            store().put_instances(recs)
            created.append({"id": recs[0]["id"], "name": recs[0]["name"]})
        extra = backups.seed_extras(service, pid, body)
    return json_response(dict({"instances": created, "count": len(created)}, **extra), 201)


@bp.post("/instances/<instance_id>/status")
def set_status(instance_id: str) -> Response:
    """Force the status of any instance ({"status": null} returns to the normal life cycle)."""
    status = _body().get("status")
    with store().transaction():
        for service in SEEDERS:
            rec = store().get_instance(service, instance_id)
            if rec is not None:
                rec["status_override"] = status
                store().put_instance(rec)
                return json_response(dict(rec, status=lifecycle.status_of(rec)))
    raise v3_error(404, "EMU.0404", f"no instance {instance_id}")


@bp.get("/faults")
def list_faults() -> Response:
    """Fault rules with remaining counts."""
    return json_response({"faults": store().list_faults()})


@bp.post("/faults")
def add_faults() -> Response:
    """Append fault rules: {"faults": [...]} (or a single rule object)."""
    body = _body()
    items = body.get("faults") if "faults" in body else [body]
    if not isinstance(items, list):
        raise _bad("faults must be a list")
    rules = [faults.normalize(item) for item in items]
    ids = [store().add_fault(rule) for rule in rules]
    return json_response({"ids": ids, "faults": store().list_faults()}, 201)


@bp.delete("/faults")
def clear_faults() -> Response:
    """Remove every fault rule."""
    store().clear_faults()
    current_app.config["EMULATOR_THROTTLE"].clear()
    return json_response({"faults": []})


@bp.get("/requests")
def list_requests() -> Response:
    """The request log (optionally ?service=)."""
    return json_response({"requests": store().list_requests(request.args.get("service"))})


@bp.delete("/requests")
def clear_requests() -> Response:
    """Empty the request log."""
    store().clear_requests()
    return json_response({"requests": []})


@bp.post("/tokens/expire")
def expire_tokens() -> Response:
    """Expire every issued token now."""
    store().expire_tokens(0.0)
    return json_response({"expired": True})
