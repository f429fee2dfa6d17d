# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Exceptions shared by every hwcloud.dbaas module.

Every failure that reaches a user is one of these, so the module layer can
turn it into ``fail_json`` with the same keys whatever went wrong.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import BUSY_CODES

RETRYABLE_STATUSES = frozenset((429, 500, 502, 503, 504))


class DbaasError(Exception):
    """Base class: carries a message that is safe to show to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> Dict[str, Any]:
        return {"message": self.message}


class ValidationError(DbaasError):
    """Bad user input, detected before any request was sent."""

    def __init__(self, option: str, rule: str) -> None:
        super().__init__("%s: %s" % (option, rule))
        self.option = option
        self.rule = rule

    def to_dict(self) -> Dict[str, Any]:
        return {"option": self.option, "rule": self.rule, "message": self.message}


class ApiError(DbaasError):
    """An error answer (or no answer) from a cloud service."""

    def __init__(self, message: str, status: Optional[int] = None, code: Optional[str] = None,
                 request_id: Optional[str] = None, method: Optional[str] = None,
                 url: Optional[str] = None, retry_after: Optional[float] = None, timed_out: bool = False,
                 transient: Optional[bool] = None, cause: Optional[str] = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.request_id = request_id
        self.method = method
        self.url = url
        self.retry_after = retry_after
        # The request was sent but no answer came in time: the service may still be carrying it out.
        self.timed_out = timed_out
        # Whether trying again can help, when the status alone does not tell (e.g. False for a certificate that fails).
        self.transient = transient
        # Why there was no answer: one of NO_ANSWER_CAUSES; None for an answer with an error status.
        self.cause = cause
        # How often the request was sent and for how long, once the client has given up (0: not counted).
        self.attempts = 0
        self.elapsed = 0.0

    def __str__(self) -> str:
        parts = [self.message]
        details = []
        if self.status is not None:
            details.append("HTTP %s" % self.status)
        if self.code:
            details.append("code %s" % self.code)
        if self.request_id:
            details.append("request id %s" % self.request_id)
        if self.method and self.url:
            details.append("%s %s" % (self.method, self.url))
        if details:
            parts.append("(%s)" % ", ".join(details))
        if self.attempts > 1:
            parts.append("after %d attempts in %s s" % (self.attempts, _seconds(self.elapsed)))
        return " ".join(parts)

    @property
    def retryable(self) -> bool:
        if self.transient is not None:
            return self.transient
        if self.code in BUSY_CODES:
            return True
        if self.status is None:
            return True  # no answer at all: connection reset or timeout
        return self.status in RETRYABLE_STATUSES

    @property
    def refused_for_now(self) -> bool:
        """The service refused the request before doing anything and asks to come back later (throttled or busy)."""
        return self.status == 429 or self.code in BUSY_CODES

    def to_dict(self) -> Dict[str, Any]:
        details: Dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message, "request_id": self.request_id,
                                   "method": self.method, "url": self.url}
        if self.attempts:
            details.update(attempts=self.attempts, seconds=round(self.elapsed, 3))
        return details


class MalformedAnswer(ApiError):
    """A success answer without the shape the flow relies on (no list where one is documented, no id, not JSON).

    Reading it as "nothing there" could make a create send a duplicate or a delete skip an instance: the task fails.
    """

    def __init__(self, what: str, status: Optional[int] = None, request_id: Optional[str] = None, method: Optional[str] = None,
                 url: Optional[str] = None) -> None:
        super().__init__("the service answered %s in an unexpected shape: %s" % (_target(method, url), what), status=status,
                         request_id=request_id, method=method, url=url, transient=False)
        self.what = what


# Why a request got no answer; DNS failures and certificates that do not verify are not retried, a refused connection once.
NO_ANSWER_CAUSES = ("dns", "refused", "connect_timeout", "read_timeout", "reset", "tls", "other")


def _seconds(value: float) -> str:
    return ("%.1f" % value).rstrip("0").rstrip(".") or "0"


def _target(method: Optional[str], url: Optional[str]) -> str:
    return "%s %s" % (method, url) if method and url else "a request"


def summarize_body(body: bytes, content_type: Optional[str]) -> str:
    """What a body that is not JSON holds, in one line: content type, first line (cut), length; never the whole page."""
    text = body.decode("utf-8", "replace") if body else ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    if len(first) > 80:
        first = first[:77] + "..."
    return "%s, %d bytes%s" % (content_type or "no content type", len(body or b""), (", first line: %r" % first) if first else "")


class WriteNotConfirmed(ApiError):
    """A write (POST, PUT) failed in a way that trying again may fix, and the client did not try again.

    Unless the service refused it (``refused_for_now``), the write may have been carried out although its answer was
    lost: the caller looks for its effect before sending it again (the flow does, for creates and updates).
    """

    @classmethod
    def of(cls, error: ApiError) -> "WriteNotConfirmed":
        return cls(error.message, status=error.status, code=error.code, request_id=error.request_id, method=error.method,
                   url=error.url, retry_after=error.retry_after, timed_out=error.timed_out, transient=error.transient,
                   cause=error.cause)


class WaitTimeout(DbaasError):
    """The deadline passed before the resource reached the wanted state."""


class JobFailed(DbaasError):
    """The service reported the job as failed."""

    def __init__(self, job_id: str, reason: Optional[str]) -> None:
        super().__init__("job %s failed: %s" % (job_id, reason or "the service gave no reason"))
        self.job_id = job_id
        self.reason = reason

    def to_dict(self) -> Dict[str, Any]:
        return {"message": self.message, "job_id": self.job_id, "fail_reason": self.reason}


def parse_error_body(body: bytes, content_type: Optional[str] = None) -> Dict[str, Optional[str]]:
    """Extract code and message from any of the error shapes the services use.

    v3 services: {"error_code", "error_msg"}; RDS v1: {"error": {"code", "message"}}
    or {"errCode", "externalMessage"}; IAM: {"error": {"code": 401, "message", "title"}}.
    """
    try:
        data = json.loads(body.decode("utf-8")) if body else {}
    except (ValueError, UnicodeDecodeError):
        return {"code": None, "message": ("a body that is not JSON (%s)" % summarize_body(body, content_type)) if body else None}
    if not isinstance(data, dict):
        return {"code": None, "message": None}
    if "error_code" in data or "error_msg" in data:
        return {"code": _as_text(data.get("error_code")), "message": _as_text(data.get("error_msg"))}
    if "errCode" in data or "externalMessage" in data:
        return {"code": _as_text(data.get("errCode")), "message": _as_text(data.get("externalMessage"))}
    nested = data.get("error")
    if isinstance(nested, dict):
        return {"code": _as_text(nested.get("code")), "message": _as_text(nested.get("message") or nested.get("title"))}
    return {"code": _as_text(data.get("code")), "message": _as_text(data.get("message"))}


def _as_text(value: Any) -> Optional[str]:
    return None if value is None else str(value)
