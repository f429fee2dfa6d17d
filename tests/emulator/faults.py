"""Fault injection: rules matched in order on (service, method, path regex)."""
from __future__ import annotations

import collections
import re
import socket
import struct
import threading
import time
from typing import Any

from flask import Response, g, request

from .common import ApiError, ConnectionDropped, now, received_path, store, v3_error

REQUEST_KINDS = ("status", "reset", "slow", "busy", "expire_tokens", "throttle", "lost_create")
# Consumed by the request that starts the work: job_fail and stuck by creates and day-2 operations,
# backup_fail and stuck by manual backup creations, v1_primary_failed by RDS v1 HA creates.
CREATE_KINDS = ("job_fail", "stuck", "v1_primary_failed", "backup_fail")
ALL_KINDS = REQUEST_KINDS + CREATE_KINDS
SERVICES = ("iam", "rds", "gaussdb", "dds")
_TERMINAL = ("status", "reset", "busy")
_DEFAULT_STATUS_ERRORS = {
    429: ("APIGW.0308", "Request throttled"),
    500: ("APIGW.0103", "Internal server error"),
    502: ("APIGW.0202", "Bad gateway: the backend is unreachable"),
    503: ("APIGW.0201", "Service unavailable: the backend is not available"),
    504: ("APIGW.0204", "Gateway timeout: the backend did not answer in time"),
}


class Throttle:
    """Sliding one-second windows of accepted requests, per throttle rule (in memory)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: dict[int, collections.deque[float]] = {}

    def admit(self, rule_id: int, rps: float) -> bool:
        """True when one more request fits in the rule's window (and count it)."""
        stamp = time.monotonic()
        with self._lock:
            window = self._windows.setdefault(rule_id, collections.deque())
            while window and stamp - window[0] >= 1.0:
                window.popleft()
            if len(window) + 1 > rps:
                return False
            window.append(stamp)
            return True

    def clear(self) -> None:
        """Forget every window."""
        with self._lock:
            self._windows.clear()


def _bad(msg: str) -> ApiError:
    return v3_error(400, "EMU.0001", msg)


def _number(fault: dict[str, Any], key: str, default: float | None) -> float:
    value = fault.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise _bad(f"fault parameter {key!r} must be a non-negative number")
    return float(value)


def normalize(fault: Any) -> dict[str, Any]:
    """Check a fault rule given to the admin API and fill in its defaults."""
    if not isinstance(fault, dict) or fault.get("kind") not in ALL_KINDS:
        raise _bad(f"each fault needs a kind among {', '.join(ALL_KINDS)}")
    rule = dict(fault)
    if rule.get("service") is not None and rule["service"] not in SERVICES:
        raise _bad(f"fault service must be one of {', '.join(SERVICES)}")
    if rule.get("method") is not None:
        rule["method"] = str(rule["method"]).upper()
    if rule.get("path") is not None:
        try:
            re.compile(rule["path"])
        except re.error as exc:
            raise _bad(f"fault path is not a valid regular expression: {exc}") from exc
    count = int(_number(rule, "count", 1))
    rule["count"] = count
    rule["remaining"] = count if count > 0 else None
    rule["fired"] = 0
    if rule["kind"] == "status":
        rule["status"] = int(_number(rule, "status", 503))
    if rule["kind"] == "slow":
        rule["seconds"] = _number(rule, "seconds", 1.0)
    if rule["kind"] == "throttle":
        rule["rps"] = _number(rule, "rps", 1.0)
        rule["remaining"] = None
    return rule


def _usable(rule: dict[str, Any], kinds: tuple[str, ...], service: str) -> bool:
    if rule["kind"] not in kinds or rule.get("remaining") == 0:
        return False
    if rule.get("service") not in (None, service):
        return False
    if rule.get("method") not in (None, request.method):
        return False
    if rule.get("path") is None:
        return True
    # the path as routed (service prefix included) or as received (differs on a service port)
    return any(re.search(rule["path"], path) is not None for path in (request.path, received_path()))


def _consume(rule: dict[str, Any]) -> None:
    rule["fired"] += 1
    if rule.get("remaining") is not None:
        rule["remaining"] -= 1
    store().update_fault(rule)


def _select_request_faults(service: str, throttle: Throttle) -> list[dict[str, Any]]:
    chosen: list[dict[str, Any]] = []
    with store().transaction():
        for rule in store().list_faults():
            if not _usable(rule, REQUEST_KINDS, service):
                continue
            if rule["kind"] == "throttle":
                if throttle.admit(rule["id"], rule["rps"]):
                    continue
                _consume(rule)
                chosen.append(rule)
                break
            _consume(rule)
            chosen.append(rule)
            if rule["kind"] in _TERMINAL:
                break
    return chosen


def _status_error(rule: dict[str, Any]) -> ApiError:
    status = rule["status"]
    code, msg = _DEFAULT_STATUS_ERRORS.get(status, (f"EMU.{status}", "Injected failure"))
    headers = {"Retry-After": str(int(rule["retry_after"]))} if rule.get("retry_after") is not None else {}
    return ApiError(status, {"error_code": rule.get("code", code), "error_msg": rule.get("message", msg)}, headers)


def _fire(rule: dict[str, Any]) -> Response | None:
    kind = rule["kind"]
    g.faults.append(kind)
    if kind == "slow":
        time.sleep(rule["seconds"])
    elif kind == "expire_tokens":
        store().expire_tokens(now() - 1)
    elif kind == "lost_create":
        g.drop_after = True
    elif kind == "status":
        raise _status_error(rule)
    elif kind == "busy":
        raise v3_error(409, "DBS.200019", "Another operation is being performed on the DB instance or the DB instance is faulty.")
    elif kind == "throttle":
        raise ApiError(429, {"error_code": "APIGW.0308", "error_msg": "Request throttled"}, {"Retry-After": "1"})
    elif kind == "reset":
        g.dropped = True
        return Response(b"", status=500)
    return None


def apply_request_faults(service: str, throttle: Throttle) -> Response | None:
    """Fire the request-level faults matching this request, in rule order."""
    for rule in _select_request_faults(service, throttle):
        answer = _fire(rule)
        if answer is not None:
            return answer
    return None


def take_create_faults(service: str, kinds: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """Consume the first matching rule of each create-time kind; {kind: rule}."""
    taken: dict[str, dict[str, Any]] = {}
    with store().transaction():
        for rule in store().list_faults():
            if rule["kind"] in taken or not _usable(rule, kinds, service):
                continue
            _consume(rule)
            taken[rule["kind"]] = rule
    for kind in taken:
        g.faults.append(kind)
    return taken


def drop_connection() -> None:
    """Close the client's TCP connection without an answer."""
    sock = request.environ.get("werkzeug.socket")
    if sock is None:
        raise ConnectionDropped("connection dropped by fault injection")
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
