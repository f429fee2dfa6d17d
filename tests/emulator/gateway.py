"""The API gateway in front of the services: request ids, faults, authentication, request log."""
from __future__ import annotations

import json
import re
import uuid
from typing import Any

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from . import day2, faults, iam
from .common import ApiError, iso_z, json_response, now, received_path, store, v3_error

_ROUTES: list[tuple[str, re.Pattern[str]]] = [
    ("iam", re.compile(r"^/iam/v3(?:/|$)")),
    ("rds", re.compile(r"^/rds/(?:rds/)?v1/(?P<pid>[^/]+)(?:/|$)")),
    ("rds", re.compile(r"^/rds/v3(?:\.\d+)?/(?P<pid>[^/]+)(?:/|$)")),
    ("gaussdb", re.compile(r"^/gaussdb/v3(?:\.\d+)?/(?P<pid>[^/]+)(?:/|$)")),
    ("dds", re.compile(r"^/dds/v3(?:\.\d+)?/(?P<pid>[^/]+)(?:/|$)")),
]
_UNAUTHENTICATED = ("/iam/v3/auth/tokens",)
# Body keys whose values the request log masks (IAM and database passwords, v1 dbRtPd, keys, tokens).
_SECRET_KEY = re.compile(r"password|passwd|pwd|rtpd|secret|^token$", re.IGNORECASE)
MASK = "******"


def classify(path: str) -> tuple[str | None, str | None]:
    """(service, project id) of a path; ("admin", None) for the admin API."""
    if path == "/_admin" or path.startswith("/_admin/"):
        return "admin", None
    for service, pattern in _ROUTES:
        match = pattern.match(path)
        if match:
            return service, match.groupdict().get("pid")
    return None, None


def _error_code(resp: Response) -> str | None:
    if resp.status_code < 400 or resp.mimetype != "application/json":
        return None
    try:
        body = json.loads(resp.get_data())
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    nested: dict[str, Any] = body["error"] if isinstance(body.get("error"), dict) else {}
    code = body.get("error_code") or body.get("errCode") or nested.get("code")
    return str(code) if code is not None else None


def _query() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, values in request.args.lists():
        out[key] = values[0] if len(values) == 1 else values
    return out


def mask_secrets(value: Any) -> Any:
    """A copy of a parsed JSON body with the values of secret-looking keys replaced by MASK."""
    if isinstance(value, dict):
        return {key: (MASK if _SECRET_KEY.search(str(key)) and not isinstance(item, (dict, list)) and item is not None
                      else mask_secrets(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_secrets(item) for item in value]
    return value


def logged_body() -> Any:
    """The request body parsed as JSON (secrets masked), or None when it is empty or not JSON."""
    raw = request.get_data(cache=True)
    if not raw:
        return None
    try:
        return mask_secrets(json.loads(raw))
    except ValueError:
        return None


def _log(status: int, error_code: str | None) -> None:
    store().log_request({
        "time": iso_z(now()), "method": request.method, "service": g.service, "path": received_path(),
        "query": _query(), "body": logged_body(), "status": status, "auth": g.auth, "client_token": request.headers.get("X-Client-Token"),
        "request_id": g.request_id, "error_code": error_code, "fault": g.faults[-1] if g.faults else None,
        "faults": list(g.faults), "dropped": bool(g.dropped or g.drop_after),
    })


def before() -> Response | None:
    """Faults, then authentication, then lazy purging of deleted instances."""
    g.request_id = uuid.uuid4().hex
    g.auth, g.faults, g.dropped, g.drop_after = "none", [], False, False
    g.service, project_id = classify(request.path)
    if g.service in (None, "admin"):
        return None
    try:
        answer = faults.apply_request_faults(g.service, current_app.config["EMULATOR_THROTTLE"])
        if answer is not None:
            return answer
        if request.path not in _UNAUTHENTICATED:
            iam.authenticate(project_id)
    except ApiError as exc:
        return json_response(exc.body, exc.status, exc.headers)
    store().purge_deleted(now())
    day2.settle(now())
    return None


def after(resp: Response) -> Response:
    """Request id header, request log, and lost answers."""
    resp.headers["X-Request-Id"] = g.get("request_id") or uuid.uuid4().hex
    if g.get("service") in (None, "admin"):
        return resp
    dropped = g.dropped or g.drop_after
    _log(0 if dropped else resp.status_code, None if dropped else _error_code(resp))
    if dropped:
        faults.drop_connection()
    return resp


def _api_error(exc: ApiError) -> Response:
    return json_response(exc.body, exc.status, exc.headers)


def _http_error(exc: HTTPException) -> Response:
    if exc.code == 404:
        return json_response({"error_code": "APIGW.0101", "error_msg": "The API does not exist or has not been published in the environment"}, 404)
    if exc.code == 405:
        return json_response({"error_code": "APIGW.0101", "error_msg": f"The method {request.method} is not allowed for this API"}, 405)
    err = v3_error(exc.code or 500, "APIGW.0100", exc.description or exc.name)
    return json_response(err.body, err.status)


def install(app: Flask) -> None:
    """Register the hooks and error handlers."""
    app.before_request(before)
    app.after_request(after)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
