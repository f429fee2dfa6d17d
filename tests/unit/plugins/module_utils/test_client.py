# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP client: endpoints, the three ways to authenticate, retries and error parsing (mocked HTTP only)."""

from __future__ import annotations

import datetime
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils import client as client_module
from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError, DbaasError, WriteNotConfirmed, parse_error_body

RDS = "https://rds.example.test"
IAM = "https://iam.example.test/v3"
INSTANCES = RDS + "/v3/0123456789abcdef0123456789abcdef/instances"
TOKENS = IAM + "/auth/tokens"
AK, SK = "AK-UNIT", "SK-UNIT"


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def make_client(fake_time, deadline=None, **params):
    base = {"region": "eu-de", "endpoints": {"rds": RDS, "iam": IAM}}
    base.update(params)
    return Client(ClientConfig(base), deadline=deadline, clock=fake_time, sleep=fake_time.sleep)


def aksk_client(fake_time, deadline=None, **params):
    base = dict(project_id="0123456789abcdef0123456789abcdef", access_key=AK, secret_key=SK)
    base.update(params)
    return make_client(fake_time, deadline=deadline, **base)


def password_client(fake_time, cache_dir, **params):
    base = dict(user_name="alice", user_password="s3cret!", domain_name="acme", token_cache=str(cache_dir))
    base.update(params)
    return make_client(fake_time, **base)


def iso_in(seconds):
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def add_token(rsps, token="tok-1", project_id="70c0e1d0000000000000000000000001"):
    rsps.add(responses.POST, TOKENS, status=201, headers={"X-Subject-Token": token, "X-Request-Id": "iam-req"},
             json={"token": {"expires_at": iso_in(86400), "project": {"id": project_id, "name": "eu-de"}, "catalog": []}})


def calls_to(rsps, url_prefix, method=None):
    return [call for call in rsps.calls
            if call.request.url.startswith(url_prefix) and (method is None or call.request.method == method)]


# endpoints -------------------------------------------------------------------------------------
@pytest.mark.parametrize("cloud, service, expected", [
    ("huaweicloud", "iam", "https://iam.eu-de.myhuaweicloud.com/v3"),
    ("huaweicloud", "rds", "https://rds.eu-de.myhuaweicloud.com"),
    ("huaweicloud", "dds", "https://dds.eu-de.myhuaweicloud.com"),
    ("huaweicloud", "gaussdb", "https://gaussdb-opengauss.eu-de.myhuaweicloud.com"),
    ("otc", "iam", "https://iam.eu-de.otc.t-systems.com/v3"),
    ("otc", "rds", "https://rds.eu-de.otc.t-systems.com"),
    ("otc", "dds", "https://dds.eu-de.otc.t-systems.com"),
    ("otc", "gaussdb", "https://gaussdb.eu-de.otc.t-systems.com"),
])
def test_endpoint_templates(cloud, service, expected):
    assert ClientConfig({"cloud": cloud, "region": "eu-de"}).endpoint(service) == expected


def test_default_cloud_is_huaweicloud():
    assert ClientConfig({"region": "ap-southeast-1"}).endpoint("rds") == "https://rds.ap-southeast-1.myhuaweicloud.com"


def test_endpoint_override_per_service():
    config = ClientConfig({"cloud": "otc", "region": "eu-de", "endpoints": {"rds": "https://rds.private.example/"}})
    assert config.endpoint("rds") == "https://rds.private.example"
    assert config.endpoint("dds") == "https://dds.eu-de.otc.t-systems.com"


def test_auth_url_overrides_iam():
    config = ClientConfig({"region": "eu-de", "auth_url": "https://iam.private.example/v3"})
    assert config.endpoint("iam") == "https://iam.private.example/v3"


def test_override_for_unknown_cloud_and_error_without_one():
    config = ClientConfig({"platform": "private", "region": "r1", "endpoints": {"rds": "https://rds.r1.private"}})
    assert config.endpoint("rds") == "https://rds.r1.private"
    with pytest.raises(DbaasError) as info:
        config.endpoint("dds")
    assert "endpoints.dds" in str(info.value)


def test_no_credentials_is_an_error(fake_time):
    with pytest.raises(DbaasError) as info:
        make_client(fake_time, project_id="0123456789abcdef0123456789abcdef").request("rds", "GET", "/v3/{project_id}/instances")
    assert "credentials" in str(info.value)


# AK/SK -----------------------------------------------------------------------------------------
def test_aksk_request_signed_with_project_header(mocked, fake_time, reference):
    mocked.add(responses.GET, INSTANCES, json={"instances": [], "total_count": 0})
    answer = aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances",
                                            query={"name": "*a b", "limit": 100, "offset": 0, "id": None})
    assert answer == {"instances": [], "total_count": 0}
    assert len(mocked.calls) == 1  # no IAM call at all
    sent = mocked.calls[0].request
    assert re.match(r"^\d{8}T\d{6}Z$", sent.headers["X-Sdk-Date"])
    assert sent.headers["X-Project-Id"] == "0123456789abcdef0123456789abcdef"
    assert "X-Auth-Token" not in sent.headers
    assert sorted(parse_qsl(urlsplit(sent.url).query)) == [("limit", "100"), ("name", "*a b"), ("offset", "0")]
    parsed = reference.verify_wire_request(sent, AK, SK)
    assert "x-project-id" in parsed["names"].split(";")


def test_aksk_post_body_is_signed(mocked, fake_time, reference):
    mocked.add(responses.POST, INSTANCES, status=202, json={"job_id": "j1", "instance": {"id": "i1"}})
    body = {"name": "orders-db", "volume": {"type": "ULTRAHIGH", "size": 100}}
    aksk_client(fake_time).request("rds", "POST", "/v3/{project_id}/instances", body=body, headers={"X-Client-Token": "abc"})
    sent = mocked.calls[0].request
    assert json.loads(sent.body) == body
    assert sent.headers["X-Client-Token"] == "abc"
    assert "x-client-token" in reference.verify_wire_request(sent, AK, SK)["names"].split(";")


def test_aksk_temporary_credentials_send_security_token(mocked, fake_time, reference):
    mocked.add(responses.GET, INSTANCES, json={})
    aksk_client(fake_time, security_token="sts-token").request("rds", "GET", "/v3/{project_id}/instances")
    sent = mocked.calls[0].request
    assert sent.headers["X-Security-Token"] == "sts-token"
    assert "x-security-token" in reference.verify_wire_request(sent, AK, SK)["names"].split(";")


def test_aksk_project_id_looked_up_by_region_name(mocked, fake_time, reference):
    mocked.add(responses.GET, IAM + "/projects", json={"projects": [{"id": "e0" * 16, "name": "eu-de"},
                                                                    {"id": "5b" * 16, "name": "eu-de_sub"}]})
    mocked.add(responses.GET, RDS + "/v3/" + "e0" * 16 + "/instances", json={"instances": []})
    client = aksk_client(fake_time, project_id=None)
    client.request("rds", "GET", "/v3/{project_id}/instances")
    lookup, listing = mocked.calls[0].request, mocked.calls[1].request
    assert dict(parse_qsl(urlsplit(lookup.url).query)) == {"name": "eu-de"}
    reference.verify_wire_request(lookup, AK, SK)
    assert listing.headers["X-Project-Id"] == "e0" * 16


def test_aksk_401_is_not_retried(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, status=401, json={"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication"})
    with pytest.raises(ApiError) as info:
        aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances")
    assert info.value.status == 401 and info.value.code == "APIGW.0301"
    assert len(mocked.calls) == 1


def test_static_token_sent_as_x_auth_token(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, json={})
    make_client(fake_time, project_id="0123456789abcdef0123456789abcdef", token="ready").request("rds", "GET", "/v3/{project_id}/instances")
    sent = mocked.calls[0].request
    assert sent.headers["X-Auth-Token"] == "ready"
    assert "Authorization" not in sent.headers


# password tokens -------------------------------------------------------------------------------
def test_password_token_request_and_use(mocked, fake_time, tmp_path):
    add_token(mocked, "tok-1", "70c0e1d0000000000000000000000001")
    mocked.add(responses.GET, RDS + "/v3/70c0e1d0000000000000000000000001/instances", json={"instances": []})
    client = password_client(fake_time, tmp_path)
    client.request("rds", "GET", "/v3/{project_id}/instances")

    iam_call, service_call = mocked.calls[0].request, mocked.calls[1].request
    assert iam_call.method == "POST" and iam_call.url == TOKENS
    assert json.loads(iam_call.body) == {"auth": {
        "identity": {"methods": ["password"],
                     "password": {"user": {"name": "alice", "password": "s3cret!", "domain": {"name": "acme"}}}},
        "scope": {"project": {"name": "eu-de"}}}}
    assert "X-Auth-Token" not in iam_call.headers
    assert service_call.headers["X-Auth-Token"] == "tok-1"
    assert "Authorization" not in service_call.headers
    assert client.project_id() == "70c0e1d0000000000000000000000001"


def test_password_token_scoped_by_project_id_when_given(mocked, fake_time, tmp_path):
    add_token(mocked, "tok-1", "9e0000000000000000000000000000aa")
    mocked.add(responses.GET, RDS + "/v3/9e0000000000000000000000000000aa/instances", json={})
    password_client(fake_time, tmp_path, project_id="9e0000000000000000000000000000aa").request("rds", "GET", "/v3/{project_id}/instances")
    assert json.loads(mocked.calls[0].request.body)["auth"]["scope"] == {"project": {"id": "9e0000000000000000000000000000aa"}}


def test_password_token_cached_across_clients(mocked, fake_time, tmp_path):
    add_token(mocked, "tok-1", "70c0e1d0000000000000000000000001")
    mocked.add(responses.GET, RDS + "/v3/70c0e1d0000000000000000000000001/instances", json={})
    password_client(fake_time, tmp_path).request("rds", "GET", "/v3/{project_id}/instances")
    second = password_client(fake_time, tmp_path)
    second.request("rds", "GET", "/v3/{project_id}/instances")
    assert len(calls_to(mocked, TOKENS)) == 1
    assert mocked.calls[-1].request.headers["X-Auth-Token"] == "tok-1"
    assert second.project_id() == "70c0e1d0000000000000000000000001"


def test_iam_answer_without_subject_token_is_an_error(mocked, fake_time, tmp_path):
    mocked.add(responses.POST, TOKENS, status=201, json={"token": {"expires_at": iso_in(3600)}}, headers={"X-Request-Id": "r-9"})
    with pytest.raises(ApiError) as info:
        password_client(fake_time, tmp_path, project_id="0123456789abcdef0123456789abcdef").request("rds", "GET", "/v3/{project_id}/instances")
    assert "X-Subject-Token" in info.value.message
    assert info.value.request_id == "r-9"


def test_401_reauthenticates_once_then_succeeds(mocked, fake_time, tmp_path):
    add_token(mocked, "tok-1")
    add_token(mocked, "tok-2")
    mocked.add(responses.GET, RDS + "/v3/70c0e1d0000000000000000000000001/instances", status=401,
               json={"error_code": "APIGW.0307", "error_msg": "The token has expired."})
    mocked.add(responses.GET, RDS + "/v3/70c0e1d0000000000000000000000001/instances", json={"instances": [{"id": "i1"}]})
    answer = password_client(fake_time, tmp_path).request("rds", "GET", "/v3/{project_id}/instances")
    assert answer == {"instances": [{"id": "i1"}]}
    service = calls_to(mocked, RDS)
    assert [call.request.headers["X-Auth-Token"] for call in service] == ["tok-1", "tok-2"]
    assert len(calls_to(mocked, TOKENS)) == 2
    assert fake_time.sleeps == []  # re-authentication is not a back-off retry


def test_401_twice_raises(mocked, fake_time, tmp_path):
    add_token(mocked, "tok-1")
    add_token(mocked, "tok-2")
    add_token(mocked, "tok-3")
    mocked.add(responses.GET, RDS + "/v3/70c0e1d0000000000000000000000001/instances", status=401,
               json={"error_code": "APIGW.0307", "error_msg": "The token has expired."}, headers={"X-Request-Id": "r-401"})
    with pytest.raises(ApiError) as info:
        password_client(fake_time, tmp_path).request("rds", "GET", "/v3/{project_id}/instances")
    assert info.value.status == 401
    assert info.value.request_id == "r-401"
    assert len(calls_to(mocked, RDS)) == 2
    assert len(calls_to(mocked, TOKENS)) == 2


def test_401_drops_the_cached_token(mocked, fake_time, tmp_path):
    add_token(mocked, "tok-1")
    add_token(mocked, "tok-2")
    mocked.add(responses.GET, RDS + "/v3/70c0e1d0000000000000000000000001/instances", status=401, json={"error_code": "APIGW.0307", "error_msg": "expired"})
    mocked.add(responses.GET, RDS + "/v3/70c0e1d0000000000000000000000001/instances", json={})
    password_client(fake_time, tmp_path).request("rds", "GET", "/v3/{project_id}/instances")
    # a later run picks up the fresh token from the disk cache, not the rejected one
    password_client(fake_time, tmp_path).request("rds", "GET", "/v3/{project_id}/instances")
    assert mocked.calls[-1].request.headers["X-Auth-Token"] == "tok-2"
    assert len(calls_to(mocked, TOKENS)) == 2


# retries --------------------------------------------------------------------------------------
def test_429_retry_after_is_honoured(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, status=429, headers={"Retry-After": "7"},
               json={"error_code": "APIGW.0308", "error_msg": "The throttling threshold has been reached"})
    mocked.add(responses.GET, INSTANCES, json={"instances": []})
    assert aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances") == {"instances": []}
    assert len(mocked.calls) == 2
    assert len(fake_time.sleeps) == 1 and fake_time.sleeps[0] >= 7


def test_429_with_http_date_retry_after_is_retried(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, status=429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    mocked.add(responses.GET, INSTANCES, json={})
    aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances")
    assert len(mocked.calls) == 2


def test_429_with_unparseable_retry_after_is_still_retried(mocked, fake_time):
    # a Retry-After the client cannot read must not turn a throttled answer into a crash
    mocked.add(responses.GET, INSTANCES, status=429, headers={"Retry-After": "soon"},
               json={"error_code": "APIGW.0308", "error_msg": "throttled"})
    mocked.add(responses.GET, INSTANCES, json={"ok": True})
    assert aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances") == {"ok": True}


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried(mocked, fake_time, status):
    mocked.add(responses.GET, INSTANCES, status=status, body="gateway trouble")
    mocked.add(responses.GET, INSTANCES, status=status, body="gateway trouble")
    mocked.add(responses.GET, INSTANCES, json={"instances": []})
    assert aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances") == {"instances": []}
    assert len(mocked.calls) == 3
    assert len(fake_time.sleeps) == 2 and all(delay > 0 for delay in fake_time.sleeps)


@pytest.mark.parametrize("status, code", [(400, "DBS.200019"), (409, "DBS.200047"), (400, "APIGW.0308")])
def test_busy_and_throttled_codes_are_retried(mocked, fake_time, status, code):
    mocked.add(responses.DELETE, INSTANCES + "/i1", status=status,
               json={"error_code": code, "error_msg": "Operation failed because the DB instance is busy"})
    mocked.add(responses.DELETE, INSTANCES + "/i1", status=202, json={"job_id": "j-del"})
    assert aksk_client(fake_time).request("rds", "DELETE", "/v3/{project_id}/instances/i1") == {"job_id": "j-del"}
    assert len(mocked.calls) == 2


def test_busy_create_is_not_sent_twice_by_the_client(mocked, fake_time):
    # The client never repeats a POST: it says the write is not confirmed, and whether the service refused it.
    mocked.add(responses.POST, INSTANCES, status=400, json={"error_code": "DBS.200019", "error_msg": "busy"})
    mocked.add(responses.POST, INSTANCES, status=202, json={"job_id": "j1"})
    with pytest.raises(WriteNotConfirmed) as info:
        aksk_client(fake_time).request("rds", "POST", "/v3/{project_id}/instances", body={})
    assert info.value.refused_for_now and info.value.code == "DBS.200019"
    assert len(mocked.calls) == 1


@pytest.mark.parametrize("status, code", [(400, "DBS.280001"), (400, "DBS.280064"), (403, "DBS.200022"),
                                          (413, "DBS.200046"), (404, "DBS.200823")])
def test_client_errors_are_not_retried(mocked, fake_time, status, code):
    mocked.add(responses.GET, INSTANCES, status=status, json={"error_code": code, "error_msg": "Invalid parameter."},
               headers={"X-Request-Id": "req-400"})
    with pytest.raises(ApiError) as info:
        aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances")
    assert len(mocked.calls) == 1
    assert fake_time.sleeps == []
    assert (info.value.status, info.value.code, info.value.request_id) == (status, code, "req-400")


def test_connection_error_on_get_is_retried(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, body=requests.exceptions.ConnectionError("connection reset by peer"))
    mocked.add(responses.GET, INSTANCES, body=requests.exceptions.ReadTimeout("read timed out"))
    mocked.add(responses.GET, INSTANCES, json={"instances": []})
    assert aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances") == {"instances": []}
    assert len(mocked.calls) == 3


def test_lost_create_answer_without_recover_is_not_retried(mocked, fake_time):
    mocked.add(responses.POST, INSTANCES, body=requests.exceptions.ConnectionError("connection reset by peer"))
    mocked.add(responses.POST, INSTANCES, status=202, json={"job_id": "second"})
    with pytest.raises(ApiError) as info:
        aksk_client(fake_time).request("rds", "POST", "/v3/{project_id}/instances", body={"name": "db1"})
    assert info.value.status is None
    assert len(mocked.calls) == 1
    assert fake_time.sleeps == []


@pytest.mark.parametrize("status", [500, 503])
def test_create_server_error_is_not_retried_by_the_client(mocked, fake_time, status):
    mocked.add(responses.POST, INSTANCES, status=status, body="")
    mocked.add(responses.POST, INSTANCES, status=202, json={"job_id": "second"})
    with pytest.raises(WriteNotConfirmed) as info:
        aksk_client(fake_time).request("rds", "POST", "/v3/{project_id}/instances", body={"name": "db1"})
    assert info.value.status == status and not info.value.refused_for_now
    assert len(mocked.calls) == 1


@pytest.mark.parametrize("failure", [requests.exceptions.ConnectionError("connection reset by peer"), 503],
                         ids=["lost-answer", "503"])
def test_a_put_is_not_sent_twice_by_the_client(mocked, fake_time, failure):
    # RDS UpdatePort, GaussDB ModifyInstancePort: a PUT that starts a job. Its answer may be lost after the service
    # started the job, so the client leaves it to the flow, which reads the instance before sending it again.
    port = INSTANCES + "/i1/port"
    if isinstance(failure, int):
        mocked.add(responses.PUT, port, status=failure, body="")
    else:
        mocked.add(responses.PUT, port, body=failure)
    mocked.add(responses.PUT, port, json={"workflowId": "second"})
    with pytest.raises(WriteNotConfirmed) as info:
        aksk_client(fake_time).request("rds", "PUT", "/v3/{project_id}/instances/i1/port", body={"port": 3307})
    assert not info.value.refused_for_now
    assert len(mocked.calls) == 1 and fake_time.sleeps == []


def test_deadline_stops_retrying(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, status=503, headers={"Retry-After": "30"}, body="")
    mocked.add(responses.GET, INSTANCES, json={})
    with pytest.raises(ApiError) as info:
        aksk_client(fake_time, deadline=fake_time.now + 10).request("rds", "GET", "/v3/{project_id}/instances")
    assert info.value.status == 503
    assert len(mocked.calls) == 1
    assert fake_time.sleeps == []  # waiting 30 s would pass the deadline: give up at once


def test_retries_never_sleep_past_the_deadline(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, status=503, body="")
    deadline = fake_time.now + 3
    with pytest.raises(ApiError):
        aksk_client(fake_time, deadline=deadline).request("rds", "GET", "/v3/{project_id}/instances")
    assert fake_time.now <= deadline
    assert len(mocked.calls) == len(fake_time.sleeps) + 1


def test_retries_are_bounded_without_deadline(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, status=503, body="")
    with pytest.raises(ApiError):
        aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances")
    assert 2 <= len(mocked.calls) <= 20


def test_backoff_grows(mocked, fake_time, monkeypatch):
    monkeypatch.setattr(client_module.random, "uniform", lambda low, high: high)  # the largest jitter each time
    for _attempt in range(4):
        mocked.add(responses.GET, INSTANCES, status=503, body="")
    mocked.add(responses.GET, INSTANCES, json={})
    aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances")
    assert fake_time.sleeps == sorted(fake_time.sleeps) and fake_time.sleeps[-1] > fake_time.sleeps[0]


# error parsing -------------------------------------------------------------------------------
@pytest.mark.parametrize("body, code, message", [
    (b'{"error_code": "DBS.280001", "error_msg": "Invalid parameter."}', "DBS.280001", "Invalid parameter."),
    (b'{"error_code": "APIGW.0308", "error_msg": "throttled"}', "APIGW.0308", "throttled"),
    (b'{"error": {"code": "RDS.0041", "message": "The instance does not exist."}}', "RDS.0041", "The instance does not exist."),
    (b'{"errCode": "RDS.1102", "externalMessage": "Flavor not found"}', "RDS.1102", "Flavor not found"),
    (b'{"error": {"code": 403, "message": "You are not authorized", "title": "Forbidden"}}', "403", "You are not authorized"),
])
def test_error_shapes(mocked, fake_time, body, code, message):
    mocked.add(responses.GET, INSTANCES, status=403, body=body, headers={"X-Request-Id": "req-abc"},
               content_type="application/json")
    with pytest.raises(ApiError) as info:
        aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances")
    error = info.value
    assert (error.status, error.code, error.message, error.request_id) == (403, code, message, "req-abc")
    details = error.to_dict()
    assert {key: details[key] for key in ("status", "code", "message", "request_id", "method", "url")} == {
        "status": 403, "code": code, "message": message, "request_id": "req-abc", "method": "GET", "url": INSTANCES}
    assert details["attempts"] >= 1
    assert "req-abc" in str(error) and code in str(error)


def test_error_non_json_body(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, status=400, body="<html><body>Bad Request</body></html>",
               headers={"X-Request-Id": "req-html"}, content_type="text/html")
    with pytest.raises(ApiError) as info:
        aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances")
    error = info.value
    assert error.status == 400 and error.code is None and error.request_id == "req-html"
    # Summarised, never pasted whole: the content type, the length and the first line.
    assert "text/html" in error.message and "37 bytes" in error.message and "<html><body>Bad Request</body></html>" in error.message


def test_error_empty_body_mentions_status(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, status=404, body="")
    with pytest.raises(ApiError) as info:
        aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances")
    assert info.value.status == 404 and "404" in str(info.value)


def test_connection_error_message(mocked, fake_time):
    mocked.add(responses.POST, INSTANCES, body=requests.exceptions.ConnectionError("boom"))
    with pytest.raises(ApiError) as info:
        aksk_client(fake_time).request("rds", "POST", "/v3/{project_id}/instances", body={})
    assert info.value.status is None and info.value.retryable
    assert "POST " + INSTANCES in str(info.value)


def test_success_with_non_json_body_is_an_error(mocked, fake_time):
    mocked.add(responses.GET, INSTANCES, status=200, body="not json", headers={"X-Request-Id": "r-1"})
    with pytest.raises(ApiError) as info:
        aksk_client(fake_time).request("rds", "GET", "/v3/{project_id}/instances")
    assert info.value.request_id == "r-1"


def test_empty_success_body_is_empty_dict(mocked, fake_time):
    mocked.add(responses.DELETE, INSTANCES + "/i1", status=204, body="")
    assert aksk_client(fake_time).request("rds", "DELETE", "/v3/{project_id}/instances/i1") == {}


@pytest.mark.parametrize("body, expected", [
    (b"", {"code": None, "message": None}),
    (b"[1, 2]", {"code": None, "message": None}),
    (b"\xff\xfe", {"code": None, "message": "a body that is not JSON (no content type, 2 bytes, first line: '\ufffd\ufffd')"}),
    (b'{"code": "X.1", "message": "m"}', {"code": "X.1", "message": "m"}),
])
def test_parse_error_body_edge_cases(body, expected):
    assert parse_error_body(body) == expected
