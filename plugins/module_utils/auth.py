# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Credentials: AK/SK request signing, IAM password tokens with a disk cache, ready tokens."""

from __future__ import annotations

import binascii
import datetime
import hashlib
import hmac
import json
import os
import re
import tempfile
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple
from urllib.parse import quote, urlsplit

ALGORITHM = "SDK-HMAC-SHA256"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
# A cached token is used until this many seconds before it expires.
TOKEN_REFRESH_MARGIN = 300


def _encode(value: str) -> str:
    return quote(value, safe="~")


def canonical_uri(path: str) -> str:
    """Percent-encode each path segment; the gateway always signs a trailing '/'."""
    encoded = "/".join(_encode(segment) for segment in path.split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def canonical_query(pairs: Iterable[Tuple[str, str]]) -> str:
    encoded = sorted((_encode(str(key)), _encode(str(value))) for key, value in pairs)
    return "&".join("%s=%s" % pair for pair in encoded)


def encode_path(path: str) -> str:
    """The path as sent on the wire, encoded the same way it is signed."""
    return "/".join(_encode(segment) for segment in path.split("/"))


class AkSkSigner:
    """Signs requests with SDK-HMAC-SHA256; never talks to IAM."""

    uses_iam = False

    def __init__(self, access_key: str, secret_key: str, security_token: Optional[str] = None,
                 clock: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.timezone.utc)) -> None:
        self.access_key = access_key
        self._secret_key = secret_key.encode("utf-8")
        self._security_token = security_token
        self._clock = clock

    def identity(self) -> str:
        return "aksk:" + self.access_key

    def sign(self, method: str, url: str, query: List[Tuple[str, str]], headers: Dict[str, str], body: bytes) -> Dict[str, str]:
        """Return the headers to send: the given ones plus date, host and Authorization."""
        signed = dict(headers)
        signed["X-Sdk-Date"] = self._clock().strftime(DATE_FORMAT)
        signed["Host"] = _host_header(url)
        if self._security_token:
            signed["X-Security-Token"] = self._security_token
        names, canonical_headers = _canonical_headers(signed)
        canonical = "\n".join((
            method.upper(),
            canonical_uri(urlsplit(url).path),
            canonical_query(query),
            canonical_headers,
            names,
            hashlib.sha256(body).hexdigest(),
        ))
        string_to_sign = "\n".join((ALGORITHM, signed["X-Sdk-Date"], hashlib.sha256(canonical.encode("utf-8")).hexdigest()))
        signature = hmac.new(self._secret_key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
        signed["Authorization"] = "%s Access=%s, SignedHeaders=%s, Signature=%s" % (ALGORITHM, self.access_key, names, signature)
        return signed

    def invalidate(self) -> bool:
        return False  # a signature cannot be refreshed


def _host_header(url: str) -> str:
    parts = urlsplit(url)
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    host = parts.hostname or ""
    if ":" in host:
        host = "[%s]" % host
    port = parts.port
    return host if port is None or port == default_port else "%s:%d" % (host, port)


def _canonical_headers(headers: Mapping[str, str]) -> Tuple[str, str]:
    lowered = sorted((name.lower(), str(value).strip()) for name, value in headers.items() if "_" not in name)
    names = ";".join(name for name, _value in lowered)
    lines = "".join("%s:%s\n" % (name, value) for name, value in lowered)
    return names, lines


class StaticToken:
    """A token the user already has (X-Auth-Token)."""

    uses_iam = False

    def __init__(self, token: str) -> None:
        self._token = token

    def identity(self) -> str:
        return "token"

    def sign(self, method: str, url: str, query: List[Tuple[str, str]], headers: Dict[str, str], body: bytes) -> Dict[str, str]:
        signed = dict(headers)
        signed["X-Auth-Token"] = self._token
        return signed

    def invalidate(self) -> bool:
        return False

    def project_id(self) -> Optional[str]:
        return None


class TokenCache:
    """Tokens on disk, one file per identity, directory 0700 and files 0600."""

    def __init__(self, directory: str) -> None:
        self.directory = os.path.expanduser(directory)

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, hashlib.sha256(key.encode("utf-8")).hexdigest() + ".json")

    def load(self, key: str) -> Optional[Dict[str, Any]]:
        try:
            with open(self._path(key), "r", encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def save(self, key: str, data: Dict[str, Any]) -> None:
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            os.chmod(self.directory, 0o700)
            handle, temp_path = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream)
            os.chmod(temp_path, 0o600)
            os.replace(temp_path, self._path(key))
        except OSError:
            pass  # a cache that cannot be written only costs an extra IAM call next time

    def delete(self, key: str) -> None:
        try:
            os.remove(self._path(key))
        except OSError:
            pass


def parse_expiry(value: str) -> float:
    """IAM's expires_at (e.g. 2026-11-26T10:00:00.123000Z) as epoch seconds."""
    text = value.strip().replace("Z", "+00:00")
    if "." in text:
        head, tail = text.split(".", 1)
        digits, zone = re.match(r"(\d*)(.*)", tail).groups()  # type: ignore[union-attr]
        text = "%s.%s%s" % (head, (digits + "000000")[:6], zone)
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


class PasswordToken:
    """An IAM user token, fetched with the password once and reused from the disk cache."""

    uses_iam = True

    def __init__(self, fetch: Callable[[], Tuple[str, Dict[str, Any]]], cache: Optional[TokenCache], cache_key: str,
                 clock: Callable[[], float]) -> None:
        self._fetch = fetch
        self._cache = cache
        self._cache_key = cache_key
        self._clock = clock
        self._entry: Optional[Dict[str, Any]] = None

    def identity(self) -> str:
        return self._cache_key

    def _usable(self, entry: Optional[Dict[str, Any]]) -> bool:
        if not entry or not entry.get("token") or not entry.get("expires_at"):
            return False
        return float(entry["expires_at"]) - TOKEN_REFRESH_MARGIN > self._clock()

    def _current(self) -> Dict[str, Any]:
        if self._usable(self._entry):
            return self._entry  # type: ignore[return-value]
        cached = self._cache.load(self._cache_key) if self._cache else None
        if self._usable(cached):
            self._entry = cached
            return cached  # type: ignore[return-value]
        token, body = self._fetch()
        token_body = body.get("token") or {}
        entry = {
            "token": token,
            "expires_at": parse_expiry(token_body.get("expires_at", "")),
            "project_id": (token_body.get("project") or {}).get("id"),
        }
        if self._cache:
            self._cache.save(self._cache_key, entry)
        self._entry = entry
        return entry

    def project_id(self) -> Optional[str]:
        return self._current().get("project_id")

    def sign(self, method: str, url: str, query: List[Tuple[str, str]], headers: Dict[str, str], body: bytes) -> Dict[str, str]:
        signed = dict(headers)
        signed["X-Auth-Token"] = self._current()["token"]
        return signed

    def invalidate(self) -> bool:
        """Forget the token (after a 401); True when a fresh one can be fetched."""
        self._entry = None
        if self._cache:
            self._cache.delete(self._cache_key)
        return True


def password_auth_body(user_name: str, password: str, domain_name: str, project_id: Optional[str], project_name: str) -> Dict[str, Any]:
    scope = {"id": project_id} if project_id else {"name": project_name}
    return {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"name": user_name, "password": password, "domain": {"name": domain_name}}},
            },
            "scope": {"project": scope},
        }
    }


def fingerprint(*parts: Optional[str]) -> str:
    """A stable cache key for an identity; holds no secret in clear text."""
    digest = hashlib.sha256("\x00".join(part or "" for part in parts).encode("utf-8")).digest()
    return binascii.hexlify(digest).decode("ascii")
