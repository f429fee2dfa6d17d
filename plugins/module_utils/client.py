# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One HTTP session per module run: endpoints, credentials, retries and error parsing."""

from __future__ import annotations

import email.utils
import json
import random
import re
import socket
import time
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple
from urllib.parse import urlsplit

from ansible_collections.hwcloud.dbaas.plugins.module_utils.auth import (
    AkSkSigner, PasswordToken, StaticToken, TokenCache, canonical_query, encode_path, fingerprint, password_auth_body,
)
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import (
    ApiError, DbaasError, MalformedAnswer, WriteNotConfirmed, parse_error_body, summarize_body,
)
from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import default_endpoint, platform as task_platform
from ansible_collections.hwcloud.dbaas.plugins.module_utils.urls import PROJECT_ID, check_endpoint, check_project_id, check_region

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as import_error:  # pragma: no cover - depends on the managed node
    requests = None  # type: ignore[assignment]
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = import_error

USER_AGENT = "hwcloud.dbaas-ansible-collection"
BACKOFF_BASE = 0.5
BACKOFF_CAP = 20.0
MAX_RETRIES = 8
# A create whose answer timed out may still be under way on the service side. Before it is sent again, the
# lookup that recovers it is repeated for SETTLE_TIMEOUTS request timeouts, and at least SETTLE_MIN_SECONDS
# (bounded by the task's deadline), with pauses growing from SETTLE_POLL_MIN to SETTLE_POLL_MAX.
SETTLE_TIMEOUTS = 2.0
SETTLE_MIN_SECONDS = 10.0
SETTLE_POLL_MIN = 0.25
SETTLE_POLL_MAX = 4.0
# Requests that are never sent twice by the client (WriteNotConfirmed instead): they create or change something.
WRITES = ("POST", "PUT")
# A refused connection is tried this many times more; a name that does not resolve is not tried again.
REFUSED_RETRIES = 1


class RetryPolicy:
    """When a failed request may be tried again and how long to pause first; also how long to look for a lost create.

    The client applies it to requests that are safe to repeat; the flow applies it to creates (WriteNotConfirmed).
    """

    def __init__(self, deadline: Optional[float], request_timeout: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.deadline = deadline
        self.request_timeout = request_timeout
        self.clock = clock
        self.sleep = sleep

    def should_retry(self, error: ApiError, attempt: int) -> bool:
        if not error.retryable:
            return False
        if error.cause == "refused" and attempt >= REFUSED_RETRIES:
            return False  # nothing listens there: one more try covers a service that was restarting
        # "Come back later" (throttled, busy) is retried for as long as the task may take: under a throttle shared by many
        # parallel tasks a request can be refused many times in a row. Other failures get MAX_RETRIES tries.
        return attempt < MAX_RETRIES or (self.deadline is not None and error.refused_for_now)

    def pause(self, attempt: int, error: ApiError) -> bool:
        """Sleep before try attempt + 1; False (and no sleep) when that would pass the deadline."""
        delay = backoff_delay(attempt, error.retry_after)
        if self.deadline is not None and self.clock() + delay > self.deadline:
            return False
        self.sleep(delay)
        return True

    def expired(self) -> bool:
        return self.deadline is not None and self.clock() >= self.deadline

    def settle(self, lookup: Callable[[], Any], error: ApiError, patient: bool = False) -> Any:
        """Look for what a write whose answer was lost may have done, before it is sent again.

        After a timeout the service may still be working on the request (a create that takes longer than
        request_timeout): it is looked for again for a while, so that a slow create is found rather than made
        twice. Services without an idempotency key have no other protection against that. ``patient`` looks for a
        while whatever the cause (an update whose work shows only once it is done, such as a GaussDB port change).
        """
        found = lookup()
        if found is not None or not (error.timed_out or patient):
            return found
        settle_until = self.clock() + max(SETTLE_MIN_SECONDS, SETTLE_TIMEOUTS * self.request_timeout)
        if self.deadline is not None:
            settle_until = min(settle_until, self.deadline)
        interval = SETTLE_POLL_MIN
        while self.clock() < settle_until:
            self.sleep(min(interval, max(0.0, settle_until - self.clock())))
            found = lookup()
            if found is not None:
                return found
            interval = min(SETTLE_POLL_MAX, interval * 2)
        return None


def backoff_delay(attempt: int, retry_after: Optional[float]) -> float:
    jittered = random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt)))
    if retry_after is not None:
        return retry_after + jittered / 4
    return max(0.05, jittered)


class ClientConfig:
    """Everything the client needs, taken from the module's common options."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.cloud = task_platform(params)  # the platform whose endpoints are the defaults (registry.platform)
        self.region = params.get("region")
        self.project_id = params.get("project_id")
        # Every value that becomes part of a URL is checked before any request (see urls.py).
        if self.region is not None:
            check_region(self.region)
        if self.project_id:
            check_project_id(self.project_id)
        self.project_name = params.get("project_name") or self.region
        self.endpoints = dict(params.get("endpoints") or {})
        for service, url in self.endpoints.items():
            if url:
                check_endpoint("endpoints.%s" % service, url)
        if params.get("auth_url"):
            check_endpoint("auth_url", params["auth_url"])
            self.endpoints.setdefault("iam", params["auth_url"])
        self.access_key = params.get("access_key")
        self.secret_key = params.get("secret_key")
        self.security_token = params.get("security_token")
        self.token = params.get("token")
        self.user_name = params.get("user_name")
        self.user_password = params.get("user_password")
        self.domain_name = params.get("domain_name")
        self.token_cache = params.get("token_cache")
        self.timeout = float(params.get("request_timeout") or 30)
        ca_bundle = params.get("ca_bundle")
        self.verify: Any = ca_bundle if (ca_bundle and params.get("validate_certs", True)) else bool(params.get("validate_certs", True))

    def endpoint(self, service: str) -> str:
        override = self.endpoints.get(service)
        if override:
            return str(override).rstrip("/")
        url = default_endpoint(service, self.cloud, self.region)
        if url is None:
            raise DbaasError("endpoints.%s: no default endpoint for platform '%s'; set endpoints.%s" % (service, self.cloud, service))
        return url


class Client:
    """Sends JSON requests to the services, signing, retrying and parsing errors the same way for all."""

    def __init__(self, config: ClientConfig, session: Any = None, deadline: Optional[float] = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        if not HAS_REQUESTS:
            raise DbaasError("the Python library 'requests' is required")
        self.config = config
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.retry = RetryPolicy(deadline, config.timeout, clock, sleep)
        self._credentials: Any = None
        self._project_id: Optional[str] = config.project_id
        self._cache = TokenCache(config.token_cache) if config.token_cache else None

    # credentials -----------------------------------------------------------------
    @property
    def credentials(self) -> Any:
        if self._credentials is None:
            self._credentials = self._build_credentials()
        return self._credentials

    def _build_credentials(self) -> Any:
        cfg = self.config
        if cfg.access_key and cfg.secret_key:
            return AkSkSigner(cfg.access_key, cfg.secret_key, cfg.security_token)
        if cfg.token:
            return StaticToken(cfg.token)
        if cfg.user_name and cfg.user_password and cfg.domain_name:
            key = fingerprint("token", self.config.endpoint("iam"), cfg.domain_name, cfg.user_name, cfg.project_id, cfg.project_name)
            return PasswordToken(self._fetch_token, self._cache, key, time.time)
        raise DbaasError("no credentials: set access_key and secret_key, or token, or user_name, user_password and domain_name")

    def _fetch_token(self) -> Tuple[str, Dict[str, Any]]:
        cfg = self.config
        body = password_auth_body(str(cfg.user_name), str(cfg.user_password), str(cfg.domain_name), cfg.project_id, str(cfg.project_name))
        # Asking for a token twice is harmless, so the token request is retried like a read.
        url = self.config.endpoint("iam") + "/auth/tokens"
        response = self._retrying("POST", url, True, lambda: self._send("iam", "POST", url, [], body, {}, authenticate=False))
        token = response.headers.get("X-Subject-Token")
        if not token:
            raise MalformedAnswer("no X-Subject-Token header", status=response.status_code, request_id=response.headers.get("X-Request-Id"),
                                  method="POST", url=url)
        return token, _answer(response, "POST", url, {"token": dict})

    def project_id(self) -> str:
        if self._project_id:
            return self._project_id
        creds = self.credentials
        from_token = creds.project_id() if hasattr(creds, "project_id") else None
        project_id = from_token or self._lookup_project_id()
        if not PROJECT_ID.match(str(project_id)):
            raise DbaasError("IAM answered a project id that is not 32 hexadecimal characters (%r); it was not put into a URL. "
                             "Set project_id" % (project_id,))
        self._project_id = str(project_id)
        return self._project_id

    def _lookup_project_id(self) -> str:
        name = self.config.project_name
        key = fingerprint("project", self.config.endpoint("iam"), self.credentials.identity(), name)
        cached = self._cache.load(key) if self._cache else None
        if cached and cached.get("project_id"):
            return str(cached["project_id"])
        projects = self.request("iam", "GET", "/projects", query={"name": name}, require={"projects": list})["projects"]
        matches = [project for project in projects if project.get("name") == name]
        if len(matches) != 1:
            raise DbaasError("project_id: no unique project named '%s' was found; set project_id" % name)
        if self._cache:
            self._cache.save(key, {"project_id": matches[0]["id"]})
        return str(matches[0]["id"])

    # requests --------------------------------------------------------------------
    def request(self, service: str, method: str, path: str, query: Optional[Mapping[str, Any]] = None,
                body: Any = None, headers: Optional[Mapping[str, str]] = None,
                require: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """Send one logical request and return its JSON object.

        ``require`` maps dotted keys to the types the caller relies on (e.g. {"instances": list}); an answer without
        them raises MalformedAnswer, never reads as "nothing there". Requests that are safe to repeat are retried by
        the RetryPolicy. A write (POST, PUT) is never sent twice here: a failure that trying again may fix raises
        WriteNotConfirmed, and the caller decides (the flow looks for a lost create or update first; a PUT that changes an
        instance starts a job, so sending it again blindly would start a second one).
        """
        pairs = [(str(key), _query_value(value)) for key, value in (query or {}).items() if value is not None]
        if "{project_id}" in path:
            path = path.replace("{project_id}", self.project_id())
        url = self.config.endpoint(service) + encode_path(path)
        authenticate = not (service == "iam" and path == "/auth/tokens")

        def send() -> Any:
            return self._send(service, method, url, pairs, body, dict(headers or {}), authenticate)

        return _answer(self._retrying(method, url, method.upper() not in WRITES, send), method, url, require)

    def _retrying(self, method: str, url: str, idempotent: bool, send: Callable[[], Any]) -> Any:
        started = self.retry.clock()
        attempt = 0
        while True:
            try:
                return send()
            except ApiError as error:
                if error.retryable and not idempotent:
                    raise count_attempts(WriteNotConfirmed.of(error), 1, self.retry.clock() - started) from None
                if not self.retry.should_retry(error, attempt) or not self.retry.pause(attempt, error):
                    raise count_attempts(error, attempt + 1, self.retry.clock() - started) from None
                attempt += 1

    def _send(self, service: str, method: str, url: str, query: List[Tuple[str, str]], body: Any,
              headers: Dict[str, str], authenticate: bool = True) -> Any:
        payload = json.dumps(body).encode("utf-8") if body is not None else b""
        headers.setdefault("Content-Type", "application/json")
        if authenticate and service != "iam" and isinstance(self.credentials, AkSkSigner):
            headers["X-Project-Id"] = self.project_id()
        response = self._exchange(method, url, query, headers, payload, authenticate)
        if response.status_code == 401 and authenticate and self.credentials.invalidate():
            response = self._exchange(method, url, query, headers, payload, authenticate)
        if response.status_code >= 400:
            raise _api_error(response, method, url)
        return response

    def _exchange(self, method: str, url: str, query: List[Tuple[str, str]], headers: Dict[str, str],
                  payload: bytes, authenticate: bool) -> Any:
        sent_headers = self.credentials.sign(method, url, query, headers, payload) if authenticate else dict(headers)
        full_url = url + ("?" + canonical_query(query) if query else "")
        try:
            return self.session.request(method, full_url, data=payload or None, headers=sent_headers,
                                        timeout=self.config.timeout, verify=self.config.verify, allow_redirects=False)
        except requests.exceptions.SSLError as error:
            # A certificate that does not verify will not verify on the next try either: fail at once.
            raise ApiError("TLS verification failed for %s: %s (set ca_bundle to the CA that signed it)" % (url, _tls_reason(error)),
                           method=method, url=url, transient=False, cause="tls") from None
        except requests.exceptions.ConnectTimeout:
            raise ApiError("could not connect to %s within %s s" % (_host(url), _seconds(self.config.timeout)),
                           method=method, url=url, cause="connect_timeout") from None
        except requests.exceptions.ReadTimeout:
            raise ApiError("no answer from %s within %s s" % (_host(url), _seconds(self.config.timeout)),
                           method=method, url=url, timed_out=True, cause="read_timeout") from None
        except (requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader, requests.exceptions.InvalidSchema,
                requests.exceptions.MissingSchema) as error:
            # requests refused to send it: a URL or header value holds a character HTTP does not allow (a key with a line
            # break). No later try can do better. Only the exception's name is shown: its text may quote a header (a token).
            raise ApiError("the request to %s was not sent: %s (a value in its URL or headers holds a character HTTP does not "
                           "allow)" % (_host(url), _reason(error)), method=method, url=url, transient=False, cause="other") from None
        except requests.exceptions.RequestException as error:
            raise _no_answer(error, method, url) from None


def count_attempts(error: ApiError, attempts: int, elapsed: float) -> ApiError:
    """The error as the user sees it: how often the request was sent, and for how long."""
    error.attempts = attempts
    error.elapsed = elapsed
    return error


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


def _causes(error: BaseException) -> List[BaseException]:
    """The exception and what it was raised from or wraps (urllib3 keeps the socket error in ``reason``)."""
    chain: List[BaseException] = []
    pending: List[Any] = [error]
    while pending and len(chain) < 20:
        current = pending.pop(0)
        if not isinstance(current, BaseException) or current in chain:
            continue
        chain.append(current)
        pending.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return chain


def _no_answer(error: Exception, method: str, url: str) -> ApiError:
    """A request that got no answer, by cause: a name that does not resolve and a refused connection are named as such."""
    chain = _causes(error)
    text = " ".join(str(item) for item in chain)
    host = _host(url)
    if any(isinstance(item, socket.gaierror) for item in chain) or any(word in text for word in DNS_WORDS):
        return ApiError("the host name of %s does not resolve (DNS); check region, platform and endpoints" % host,
                        method=method, url=url, transient=False, cause="dns")
    if any(isinstance(item, ConnectionRefusedError) for item in chain) or "Connection refused" in text:
        return ApiError("the connection to %s was refused (nothing listens there)" % host, method=method, url=url, cause="refused")
    if any(isinstance(item, ConnectionResetError) for item in chain) or "reset" in text.lower() or "aborted" in text.lower():
        return ApiError("the connection to %s was closed without an answer" % host, method=method, url=url, cause="reset")
    return ApiError("no answer from %s: %s" % (host, _reason(error)), method=method, url=url, cause="other")


DNS_WORDS = ("Name or service not known", "nodename nor servname", "Temporary failure in name resolution", "getaddrinfo failed",
             "NameResolutionError", "No address associated with hostname")


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _reason(error: Exception) -> str:
    return type(error).__name__


def _tls_reason(error: Exception) -> str:
    """What OpenSSL said, e.g. 'certificate verify failed: self-signed certificate'; else the exception's name."""
    match = re.search(r"\[SSL: [A-Z0-9_]+\] ([^(')\]]+)", str(error))
    return match.group(1).strip() if match else _reason(error)


def _seconds(value: float) -> str:
    return ("%.3f" % value).rstrip("0").rstrip(".")


def _retry_after(value: Optional[str]) -> Optional[float]:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None  # unreadable: fall back to the normal backoff
    return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def _api_error(response: Any, method: str, url: str) -> ApiError:
    parsed = parse_error_body(response.content, response.headers.get("Content-Type"))
    message = parsed["message"] or "HTTP %s from the service" % response.status_code
    return ApiError(message, status=response.status_code, code=parsed["code"], request_id=response.headers.get("X-Request-Id"),
                    method=method, url=url, retry_after=_retry_after(response.headers.get("Retry-After")))


def _answer(response: Any, method: str, url: str, require: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """The JSON object of a success answer, with the keys the caller requires; MalformedAnswer otherwise."""
    context = {"status": response.status_code, "request_id": response.headers.get("X-Request-Id"), "method": method, "url": url}
    if not response.content:
        data: Any = {}
    else:
        try:
            data = response.json()
        except ValueError:
            raise MalformedAnswer("a body that is not JSON (%s)" % summarize_body(response.content, response.headers.get("Content-Type")),
                                  **context) from None
    if not isinstance(data, dict):
        raise MalformedAnswer("a JSON %s where an object was expected" % type(data).__name__, **context)
    for path, kind in (require or {}).items():
        for where, value in _required(data, path.split(".")):
            if not isinstance(value, kind) or (kind is str and not value):
                raise MalformedAnswer("no %s %s (found %s)" % (_kind_name(kind), where, _found(value)), **context)
    return data


def _required(value: Any, keys: List[str], where: str = "") -> Iterator[Tuple[str, Any]]:
    """(dotted path, value) of a required key; ``*`` stands for each item of a list (or the one object in its place)."""
    if not keys:
        yield where, value
        return
    key, rest = keys[0], keys[1:]
    if key == "*":
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for index, item in enumerate(items):
            yield from _required(item, rest, "%s.%d" % (where, index))
        return
    yield from _required(value.get(key) if isinstance(value, dict) else None, rest, "%s.%s" % (where, key) if where else key)


def _kind_name(kind: Any) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {list: "list", dict: "object", str: "text", int: "number"}
    return " or ".join(names.get(item, item.__name__) for item in kinds)


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    return "a %s" % _kind_name(type(value)) if type(value) in (list, dict, str, int) else type(value).__name__
