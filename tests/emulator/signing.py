"""Verification of SDK-HMAC-SHA256 (AK/SK) request signatures.

canonical request = METHOD \\n URI \\n QUERY \\n HEADERS \\n SIGNED \\n PAYLOAD_HASH
  URI      the path, each segment percent-encoded, always ending in "/"
  QUERY    sorted k=v pairs (keys and values percent-encoded, RFC 3986 unreserved kept) joined by "&"
  HEADERS  "name:value\\n" per signed header (lower-case name, trimmed value)
  SIGNED   the signed header names, lower-case, sorted, joined by ";"
  PAYLOAD  hex SHA-256 of the raw body
string to sign = "SDK-HMAC-SHA256\\n" + X-Sdk-Date + "\\n" + hex SHA-256(canonical request)
signature      = hex HMAC-SHA256(secret key, string to sign)
"""
from __future__ import annotations

import calendar
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
MAX_SKEW = 15 * 60
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"

_AUTH_RE = re.compile(
    r"^SDK-HMAC-SHA256\s+Access=(?P<access>[^,\s]+)\s*,\s*SignedHeaders=(?P<signed>[^,\s]+)\s*,\s*Signature=(?P<sig>[0-9a-fA-F]+)\s*$"
)


class SignatureError(Exception):
    """The request is not correctly signed; the message says why."""


@dataclass
class SignedRequest:
    """What the verifier needs to know about a request."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: Mapping[str, str]
    body: bytes


@dataclass
class AuthorizationHeader:
    """The parts of an SDK-HMAC-SHA256 Authorization header."""

    access: str
    signed_headers: list[str]
    signature: str


def encode(value: str) -> str:
    """Percent-encode, keeping only the RFC 3986 unreserved characters."""
    return quote(value, safe="~")


def canonical_uri(path: str) -> str:
    """Path percent-encoded per segment, always ending in '/'."""
    uri = "/".join(encode(segment) for segment in unquote(path).split("/"))
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(pairs: list[tuple[str, str]]) -> str:
    """Sorted, encoded k=v pairs joined by '&'."""
    return "&".join(f"{encode(key)}={encode(value)}" for key, value in sorted(pairs))


def canonical_headers(headers: Mapping[str, str], signed: list[str]) -> str:
    """'name:value\\n' for each signed header."""
    lowered = {key.lower(): value for key, value in headers.items()}
    out = []
    for name in signed:
        if name not in lowered:
            raise SignatureError(f"signed header {name!r} is not present in the request")
        out.append(f"{name}:{lowered[name].strip()}\n")
    return "".join(out)


def payload_hash(req: SignedRequest) -> str:
    """Hex SHA-256 of the body, or UNSIGNED-PAYLOAD when the client opted out."""
    lowered = {key.lower(): value for key, value in req.headers.items()}
    if lowered.get("x-sdk-content-sha256") == UNSIGNED_PAYLOAD:
        return UNSIGNED_PAYLOAD
    return hashlib.sha256(req.body).hexdigest()


def canonical_request(req: SignedRequest, signed: list[str]) -> str:
    """The canonical request text."""
    return "\n".join([
        req.method.upper(),
        canonical_uri(req.path),
        canonical_query(req.query),
        canonical_headers(req.headers, signed),
        ";".join(signed),
        payload_hash(req),
    ])


def string_to_sign(canonical: str, sdk_date: str) -> str:
    """The string that is signed."""
    return f"{ALGORITHM}\n{sdk_date}\n{hashlib.sha256(canonical.encode('utf-8')).hexdigest()}"


def sign(secret_key: str, text: str) -> str:
    """Hex HMAC-SHA256 keyed with the raw secret key."""
    return hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def parse_authorization(value: str) -> AuthorizationHeader:
    """Split the Authorization header, checking the SignedHeaders list."""
    match = _AUTH_RE.match(value.strip())
    if not match:
        raise SignatureError("malformed SDK-HMAC-SHA256 Authorization header")
    signed = match.group("signed").split(";")
    if any(name != name.lower() or not name for name in signed):
        raise SignatureError("SignedHeaders must be lower-case header names")
    if signed != sorted(signed):
        raise SignatureError("SignedHeaders must be sorted")
    for needed in ("host", "x-sdk-date"):
        if needed not in signed:
            raise SignatureError(f"SignedHeaders must include {needed}")
    return AuthorizationHeader(match.group("access"), signed, match.group("sig").lower())


def check_date(sdk_date: str | None, wall_clock: float | None = None) -> None:
    """X-Sdk-Date must be present, well formed and within 15 minutes of the clock."""
    if not sdk_date:
        raise SignatureError("X-Sdk-Date header is missing")
    try:
        stamp = calendar.timegm(time.strptime(sdk_date, DATE_FORMAT))
    except ValueError as exc:
        raise SignatureError(f"X-Sdk-Date {sdk_date!r} is not in the format YYYYMMDDTHHMMSSZ") from exc
    current = time.time() if wall_clock is None else wall_clock
    if abs(current - stamp) > MAX_SKEW:
        raise SignatureError(f"X-Sdk-Date {sdk_date} differs from the server time by more than 15 minutes")


def verify(req: SignedRequest, secrets: Mapping[str, str], wall_clock: float | None = None) -> str:
    """Verify a signed request; returns the access key or raises SignatureError."""
    lowered = {key.lower(): value for key, value in req.headers.items()}
    auth = parse_authorization(lowered.get("authorization", ""))
    sdk_date = lowered.get("x-sdk-date")
    check_date(sdk_date, wall_clock)
    secret = secrets.get(auth.access)
    if secret is None:
        raise SignatureError("unknown access key")
    expected = sign(secret, string_to_sign(canonical_request(req, auth.signed_headers), str(sdk_date)))
    if not hmac.compare_digest(expected, auth.signature):
        raise SignatureError("verify aksk signature fail")
    return auth.access
