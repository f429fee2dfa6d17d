"""Shared helpers of the emulator: errors, clocks, ids, formatting, paging."""
from __future__ import annotations

import datetime as _dt
import json
import time
import uuid
from typing import Any, Callable

from flask import Response, current_app, g, request

from .ports import PREFIX_KEY


class ApiError(Exception):
    """An error answer: HTTP status plus the exact JSON body to send."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(json.dumps(body))
        self.status = status
        self.body = body
        self.headers = headers or {}


class ConnectionDropped(Exception):
    """Raised when a fault asks for the connection to be dropped and no socket is at hand."""


def v3_error(status: int, code: str, msg: str) -> ApiError:
    """Error in the v3 (RDS v3, GaussDB, DDS, API gateway) shape."""
    return ApiError(status, {"error_code": code, "error_msg": msg})


def v1_error(status: int, code: str, msg: str) -> ApiError:
    """Validation error in the RDS v1 shape."""
    return ApiError(status, {"error": {"code": code, "message": msg}})


def v1_not_found(msg: str) -> ApiError:
    """Not-found error in the RDS v1 shape."""
    return ApiError(404, {"errCode": "RDS.1102", "externalMessage": msg})


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON answer."""
    resp = Response(json.dumps(body), status=status, mimetype="application/json")
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def store():  # type: ignore[no-untyped-def]
    """The application's Store."""
    return current_app.config["EMULATOR_STORE"]


def now() -> float:
    """Emulator clock: wall clock plus the configured clock_offset."""
    return time.time() + float(store().config().get("clock_offset") or 0)


def iso_z(ts: float) -> str:
    """ISO 8601 UTC with microseconds and Z (IAM style)."""
    return _dt.datetime.fromtimestamp(ts, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso_offset(ts: float) -> str:
    """ISO 8601 UTC with a +0000 offset (RDS/GaussDB style)."""
    return _dt.datetime.fromtimestamp(ts, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def iso_plain(ts: float, sep: str = "T") -> str:
    """ISO 8601 UTC without offset (DDS style)."""
    return _dt.datetime.fromtimestamp(ts, _dt.timezone.utc).strftime(f"%Y-%m-%d{sep}%H:%M:%S")


def hex_id(suffix: str) -> str:
    """32 hex digits plus a service suffix such as in01."""
    return uuid.uuid4().hex + suffix


def job_id() -> str:
    """A job id in the dashed uuid form."""
    return str(uuid.uuid4())


def read_json_body(err: Callable[[str], ApiError]) -> dict[str, Any]:
    """Parse the request body as a JSON object or raise err(message)."""
    raw = request.get_data(cache=True)
    if not raw:
        raise err("The request body is empty.")
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise err(f"The request body is not valid JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise err("The request body must be a JSON object.")
    return body


def query_int(name: str, default: int, low: int, high: int | None) -> int:
    """An integer query parameter within [low, high] or a 400 DBS.280001."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise v3_error(400, "DBS.280001", f"Invalid parameter {name}: {raw!r} is not an integer.") from exc
    if value < low or (high is not None and value > high):
        bound = f"{low} to {high}" if high is not None else f"at least {low}"
        raise v3_error(400, "DBS.280001", f"Invalid parameter {name}: {value} is out of range ({bound}).")
    return value


def page_args(max_limit: int = 100) -> tuple[int, int]:
    """(offset, limit) from the query string."""
    return query_int("offset", 0, 0, None), query_int("limit", max_limit, 1, max_limit)


def name_matches(pattern: str | None, name: str) -> bool:
    """Exact match, or substring match when the pattern starts with '*'."""
    if pattern is None or pattern == "":
        return True
    if pattern.startswith("*"):
        return pattern[1:] in name
    return pattern == name


def project_region(project_id: str) -> str | None:
    """Region name of a configured project id."""
    for region, pid in store().config()["projects"].items():
        if pid == project_id:
            return region
    return None


def received_path() -> str:
    """The path as the client sent it: on a service port, without the service prefix added for routing."""
    prefix = request.environ.get(PREFIX_KEY)
    path = request.path
    if prefix and path.startswith(prefix):
        return path[len(prefix):] or "/"
    return path


def set_error_code(code: str | None) -> None:
    """Remember the error code of the current answer for the request log."""
    g.error_code = code
