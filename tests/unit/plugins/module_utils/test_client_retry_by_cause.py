# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Retries by cause, with the exceptions requests really raises (responses) and a fake clock.

A name that does not resolve is sent once and named as DNS; a refused connection is sent twice; a read timeout, a
reset connection and a 500 are retried within the limit and the message says "after N attempts in S s"; an HTML
page from a proxy is summarised (content type, first line, length), never pasted; a request that requests refuses
to send (a header value with a line break) is not retried at all.
"""

from __future__ import annotations

import re
import socket
from typing import Any, Callable, List

import pytest
import requests
import responses
from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import MAX_RETRIES, REFUSED_RETRIES, Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError, _seconds

from ansible_collections.hwcloud.dbaas.tests.unit.utils.fake_cloud import AKSK, BY_KEY, CONNECTION, ENDPOINTS, PID, Clock, mocked, run_flow

HOST = "rds.example.test"
INSTANCES = ENDPOINTS["rds"] + "/v3/%s/instances" % PID
PROXY_PAGE = ("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>\n"
              + "<p>upstream connect error or disconnect/reset before headers. reset reason: overflow</p>\n" * 300
              + "</body></html>\n").encode("utf-8")


def raised(build: Callable[[], BaseException]) -> BaseException:
    """The exception as raised (so that its __cause__ and __context__ are set as urllib3 sets them)."""
    try:
        raise build()
    except BaseException as error:  # pylint: disable=broad-except
        return error


def name_resolution_error(message: str) -> requests.exceptions.ConnectionError:
    """What requests raises for a host name that does not resolve (urllib3 2: NameResolutionError from socket.gaierror)."""
    def resolve():
        try:
            raise socket.gaierror(-2, message)
        except socket.gaierror as gai:
            raise NameResolutionError(HOST, None, gai) from gai  # type: ignore[arg-type]
    try:
        resolve()
    except NameResolutionError as failed:
        return requests.exceptions.ConnectionError(MaxRetryError(None, "/v3/instances", reason=failed))  # type: ignore[arg-type]
    raise AssertionError("unreachable")


def refused_error() -> requests.exceptions.ConnectionError:
    """What requests raises when nothing listens on the port: NewConnectionError from ConnectionRefusedError."""
    try:
        try:
            raise ConnectionRefusedError(111, "Connection refused")
        except ConnectionRefusedError as refused:
            raise NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused") from refused  # type: ignore[arg-type]
    except NewConnectionError as failed:
        return requests.exceptions.ConnectionError(MaxRetryError(None, "/v3/instances", reason=failed))  # type: ignore[arg-type]


def client(clock: Clock, deadline: float = None, **settings: Any) -> Client:
    params = dict(CONNECTION, **AKSK)
    params.update(settings)
    return Client(ClientConfig(params), deadline=deadline, clock=clock, sleep=clock.sleep)


def list_once(clock: Clock, deadline: float = None, **settings: Any) -> ApiError:
    with pytest.raises(ApiError) as caught:
        client(clock, deadline, **settings).request("rds", "GET", "/v3/{project_id}/instances", require={"instances": list})
    return caught.value


def sent(rsps: Any) -> List[str]:
    return [call.request.method for call in rsps.calls]


ATTEMPTS = re.compile(r"after (\d+) attempts in ([0-9.]+) s")


def assert_attempts_in_message(error: ApiError, attempts: int, clock: Clock, started: float) -> None:
    message = str(error)
    found = ATTEMPTS.search(message)
    assert found, message
    assert int(found.group(1)) == attempts == error.attempts
    assert found.group(2) == _seconds(clock.now - started) and error.elapsed == pytest.approx(clock.now - started)
    assert error.to_dict()["attempts"] == attempts


# DNS ---------------------------------------------------------------------------------------------------------------
DNS_MESSAGES = ["Name or service not known", "Temporary failure in name resolution", "Name does not resolve",
                "nodename nor servname provided, or not known"]


@pytest.mark.parametrize("message", DNS_MESSAGES)
def test_a_name_that_does_not_resolve_is_sent_once_and_named(message):
    clock = Clock()
    with mocked() as rsps:
        rsps.add(responses.GET, INSTANCES, body=name_resolution_error(message))
        error = list_once(clock)
        assert sent(rsps) == ["GET"]
    assert error.cause == "dns" and error.attempts == 1
    assert HOST in str(error) and "DNS" in str(error) and ("GET %s" % INSTANCES) in str(error)
    assert "attempts" not in str(error)
    assert clock.now == 1000.0  # no pause


def test_a_gaierror_alone_is_dns_too():
    clock = Clock()
    with mocked() as rsps:
        rsps.add(responses.GET, INSTANCES, body=requests.exceptions.ConnectionError(socket.gaierror(-3, "Temporary failure in name resolution")))
        error = list_once(clock)
        assert sent(rsps) == ["GET"]
    assert error.cause == "dns" and HOST in str(error) and "DNS" in str(error)


def test_a_create_to_a_name_that_does_not_resolve_is_sent_once():
    module = BY_KEY["rds_instance"]
    with mocked() as rsps:
        rsps.add(responses.GET, INSTANCES, json={"instances": [], "total_count": 0})
        rsps.add(responses.POST, INSTANCES, body=name_resolution_error("Name or service not known"))
        with pytest.raises(ApiError) as caught:
            run_flow(module, module.params())
        assert sent(rsps) == ["GET", "POST"]
    assert caught.value.cause == "dns" and "DNS" in str(caught.value) and HOST in str(caught.value)


# refused -----------------------------------------------------------------------------------------------------------
def test_a_refused_connection_is_sent_twice():
    clock = Clock()
    with mocked() as rsps:
        rsps.add(responses.GET, INSTANCES, body=refused_error())
        rsps.add(responses.GET, INSTANCES, body=refused_error())
        rsps.add(responses.GET, INSTANCES, json={"instances": []})
        error = list_once(clock)
        assert sent(rsps) == ["GET"] * (1 + REFUSED_RETRIES) == ["GET", "GET"]
    assert error.cause == "refused" and "refused" in str(error) and HOST in str(error)
    assert_attempts_in_message(error, 2, clock, 1000.0)


def test_a_refused_connection_that_comes_back_is_used():
    clock = Clock()
    with mocked() as rsps:
        rsps.add(responses.GET, INSTANCES, body=refused_error())
        rsps.add(responses.GET, INSTANCES, json={"instances": [], "total_count": 0})
        answer = client(clock).request("rds", "GET", "/v3/{project_id}/instances", require={"instances": list})
        assert sent(rsps) == ["GET", "GET"]
    assert answer == {"instances": [], "total_count": 0}


# timeouts, resets and 5xx: retried within the limit ------------------------------------------------------------------
TRANSIENT = [
    ("read timeout", lambda: {"body": requests.exceptions.ReadTimeout("Read timed out. (read timeout=30)")}, "no answer from %s within 30 s" % HOST),
    ("connect timeout", lambda: {"body": requests.exceptions.ConnectTimeout("Connection to %s timed out" % HOST)}, "could not connect"),
    ("connection reset", lambda: {"body": requests.exceptions.ConnectionError(ConnectionResetError(104, "Connection reset by peer"))},
     "closed without an answer"),
    ("500", lambda: {"status": 500, "json": {"error_code": "DBS.200001", "error_msg": "internal error"}}, "HTTP 500"),
    ("503 busy", lambda: {"status": 503, "json": {"error_code": "APIGW.0201", "error_msg": "service unavailable"}}, "HTTP 503"),
]


@pytest.mark.parametrize("fault, answer, words", TRANSIENT, ids=[row[0] for row in TRANSIENT])
def test_transient_failures_are_retried_up_to_the_limit_and_counted(fault, answer, words):
    clock = Clock()
    with mocked() as rsps:
        for _attempt in range(MAX_RETRIES + 1):
            rsps.add(responses.GET, INSTANCES, headers={"X-Request-Id": "req-%s" % fault.replace(" ", "-")}, **answer())
        error = list_once(clock)
        assert sent(rsps) == ["GET"] * (MAX_RETRIES + 1)
    assert words in str(error) and ("GET %s" % INSTANCES) in str(error)
    assert_attempts_in_message(error, MAX_RETRIES + 1, clock, 1000.0)
    if error.status:
        assert "request id req-" in str(error)


@pytest.mark.parametrize("fault, answer, words", TRANSIENT, ids=[row[0] for row in TRANSIENT])
def test_transient_failures_stop_at_the_deadline(fault, answer, words):
    clock = Clock()
    with mocked() as rsps:
        for _attempt in range(MAX_RETRIES + 1):
            rsps.add(responses.GET, INSTANCES, **answer())
        error = list_once(clock, deadline=clock.now + 3.0)
        count = len(rsps.calls)
    assert 1 <= count <= MAX_RETRIES + 1
    assert clock.now <= 1003.0  # never a pause past the deadline
    assert error.attempts == count and words in str(error)
    if count > 1:
        assert_attempts_in_message(error, count, clock, 1000.0)


# non-JSON bodies ------------------------------------------------------------------------------------------------------
def test_an_html_502_from_a_proxy_is_summarised_not_pasted():
    clock = Clock()
    with mocked() as rsps:
        for _attempt in range(MAX_RETRIES + 1):
            rsps.add(responses.GET, INSTANCES, status=502, body=PROXY_PAGE, content_type="text/html; charset=utf-8",
                     headers={"X-Request-Id": "req-proxy"})
        error = list_once(clock)
    message = str(error)
    assert "text/html" in message and "%d bytes" % len(PROXY_PAGE) in message and "<!DOCTYPE html>" in message, message
    assert "upstream connect error" not in message and len(message) < 400, message
    assert "HTTP 502" in message and "request id req-proxy" in message and ("GET %s" % INSTANCES) in message
    assert_attempts_in_message(error, MAX_RETRIES + 1, clock, 1000.0)


def test_an_html_200_is_summarised_and_not_retried():
    clock = Clock()
    with mocked() as rsps:
        rsps.add(responses.GET, INSTANCES, status=200, body=PROXY_PAGE, content_type="text/html", headers={"X-Request-Id": "req-html"})
        error = list_once(clock)
        assert sent(rsps) == ["GET"]
    message = str(error)
    assert "not JSON" in message and "text/html" in message and "%d bytes" % len(PROXY_PAGE) in message, message
    assert "upstream connect error" not in message and len(message) < 400
    assert "HTTP 200" in message and "request id req-html" in message


# requests refuses to send ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("settings", [{"access_key": "AK-UNIT-0001\r"}, {"access_key": None, "secret_key": None, "token": "MIItoken\n"}],
                         ids=["access key with a carriage return", "token with a line break"])
def test_a_header_value_requests_refuses_is_not_retried(settings):
    clock = Clock()
    with mocked() as rsps:
        rsps.add(responses.GET, INSTANCES, json={"instances": []})
        error = list_once(clock, **settings)
        assert sent(rsps) == []  # requests refused it before it was sent
    assert error.attempts == 1 and clock.now == 1000.0
    assert "was not sent" in str(error) and "InvalidHeader" in str(error)
    assert "MIItoken" not in str(error) and "AK-UNIT-0001" not in str(error)
