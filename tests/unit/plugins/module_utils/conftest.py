# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared fixtures: a fake monotonic clock with a recording sleep, and a reference SDK-HMAC-SHA256 signer.

The reference signer is written from the algorithm description (docs of the signing scheme), not from
the collection's code, so that the tests compare two independent implementations.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Dict, Iterable, List, Mapping, Tuple
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
AUTHORIZATION = re.compile(r"^SDK-HMAC-SHA256 Access=(?P<ak>[^,\s]+), SignedHeaders=(?P<names>[a-z0-9;-]+), Signature=(?P<sig>[0-9a-f]{64})$")


class FakeTime:
    """A monotonic clock that only moves when ``sleep`` is called; records every sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: List[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, "negative sleep %r" % seconds
        self.sleeps.append(seconds)
        self.now += seconds


def rfc3986(text: str) -> str:
    """Percent-encode everything except the RFC 3986 unreserved characters (UTF-8, upper-case hex)."""
    return "".join(chr(byte) if byte in UNRESERVED else "%%%02X" % byte for byte in text.encode("utf-8"))


def reference_canonical_uri(path: str) -> str:
    encoded = "/".join(rfc3986(segment) for segment in path.split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def reference_canonical_query(pairs: Iterable[Tuple[str, str]]) -> str:
    return "&".join("%s=%s" % pair for pair in sorted((rfc3986(k), rfc3986(v)) for k, v in pairs))


def reference_signature(secret_key: str, method: str, canonical_uri: str, canonical_query: str,
                        headers: Mapping[str, str], signed_names: List[str], body: bytes, sdk_date: str) -> str:
    lowered = {name.lower(): str(value).strip() for name, value in headers.items()}
    canonical_headers = "".join("%s:%s\n" % (name, lowered[name]) for name in signed_names)
    canonical = "\n".join((method.upper(), canonical_uri, canonical_query, canonical_headers,
                           ";".join(signed_names), hashlib.sha256(body).hexdigest()))
    string_to_sign = "SDK-HMAC-SHA256\n%s\n%s" % (sdk_date, hashlib.sha256(canonical.encode("utf-8")).hexdigest())
    return hmac.new(secret_key.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def reference_sign(access_key: str, secret_key: str, method: str, path: str, query: Iterable[Tuple[str, str]],
                   headers: Mapping[str, str], body: bytes) -> str:
    """The Authorization value for a request whose headers already hold Host and X-Sdk-Date."""
    names = sorted(name.lower() for name in headers if "_" not in name)
    sdk_date = {name.lower(): value for name, value in headers.items()}["x-sdk-date"]
    signature = reference_signature(secret_key, method, reference_canonical_uri(path), reference_canonical_query(query),
                                    headers, names, body, sdk_date)
    return "SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%s" % (access_key, ";".join(names), signature)


def verify_wire_request(request, access_key: str, secret_key: str) -> Dict[str, str]:
    """Check a request as it went over the wire the way the API gateway would; return the parsed Authorization."""
    match = AUTHORIZATION.match(request.headers.get("Authorization", ""))
    assert match, "malformed Authorization header: %r" % request.headers.get("Authorization")
    names = match.group("names").split(";")
    assert names == sorted(names), "signed header names are not sorted: %s" % names
    assert "host" in names and "x-sdk-date" in names
    assert match.group("ak") == access_key
    parts = urlsplit(request.url)
    path = unquote(parts.path)
    query = parse_qsl(parts.query, keep_blank_values=True)
    headers = {name: request.headers[name] for name in names}
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    expected = reference_signature(secret_key, request.method, reference_canonical_uri(path), reference_canonical_query(query),
                                   headers, names, body, request.headers["X-Sdk-Date"])
    assert match.group("sig") == expected, "the signature does not match what was sent"
    return match.groupdict()


class Reference:
    """Namespace handed to tests by the ``reference`` fixture."""

    rfc3986 = staticmethod(rfc3986)
    canonical_uri = staticmethod(reference_canonical_uri)
    canonical_query = staticmethod(reference_canonical_query)
    sign = staticmethod(reference_sign)
    verify_wire_request = staticmethod(verify_wire_request)
    AUTHORIZATION = AUTHORIZATION


@pytest.fixture
def reference() -> Reference:
    return Reference()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()
