"""Emulator core: AK/SK signatures, IAM tokens, admin API, request log, persistence."""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from typing import Any
from urllib.parse import quote

import pytest

from tests.emulator import create_app
from tests.emulator.__main__ import parse_args, startup_config

PID = "0483b6b16e954cb88930a360d2c4e663"
PID_CN = "6b1a1d1e0c2f4b8c9a3e2f1d0c9b8a71"
AK = "EMULATORACCESSKEY0001"
SK = "emulator-secret-key-0001"
LIST_PATH = f"/rds/v3/{PID}/instances"


def password_auth(password: str = "Emulator-Passw0rd!", project: dict[str, str] | None = None) -> dict[str, Any]:
    """The IAM password body."""
    return {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": "emulator-user", "password": password, "domain": {"name": "emulator-domain"}}}},
        "scope": {"project": project or {"name": "eu-de"}},
    }}


def hexsha(data: bytes) -> str:
    """Hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def canonical_request(method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes) -> tuple[str, str]:
    """(canonical request, signed header list) following the SDK-HMAC-SHA256 description."""
    lowered = {name.lower(): value for name, value in headers.items()}
    names = sorted(lowered)
    uri = "/".join(quote(segment, safe="~") for segment in path.split("/"))
    uri = uri if uri.endswith("/") else uri + "/"
    canonical_query = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in sorted(query.items()))
    canonical_headers = "".join(f"{name}:{lowered[name].strip()}\n" for name in names)
    signed = ";".join(names)
    return "\n".join([method, uri, canonical_query, canonical_headers, signed, hexsha(body)]), signed


def signed_headers(method: str, path: str, query: dict[str, str], body: bytes, **options: Any) -> dict[str, str]:
    """Sign a request (independent of the emulator's code); options: host, secret, access, sdk_date, extra."""
    sdk_date = options.get("sdk_date") or time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    headers = {"Host": options.get("host", "localhost"), "X-Sdk-Date": sdk_date, "Content-Type": "application/json", **options.get("extra", {})}
    canonical, signed = canonical_request(method, path, query, headers, body)
    to_sign = f"SDK-HMAC-SHA256\n{sdk_date}\n{hexsha(canonical.encode())}"
    signature = hmac.new(options.get("secret", SK).encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    headers["Authorization"] = f"SDK-HMAC-SHA256 Access={options.get('access', AK)}, SignedHeaders={signed}, Signature={signature}"
    return headers


@pytest.fixture(name="client")
def fixture_client() -> Any:
    """A fresh emulator behind Flask's test client."""
    app = create_app(config={"ready_delay": 0.05})
    app.testing = True
    return app.test_client()


def get_token(client: Any, **kwargs: Any) -> str:
    """Issue a token."""
    resp = client.post("/iam/v3/auth/tokens", json=password_auth(**kwargs))
    assert resp.status_code == 201, resp.json
    return str(resp.headers["X-Subject-Token"])


# -- signatures ---------------------------------------------------------------------------
def test_signed_get_with_query_is_accepted(client: Any) -> None:
    query = {"name": "*a b", "limit": "10", "offset": "0"}
    resp = client.get(LIST_PATH, query_string=query, headers=signed_headers("GET", LIST_PATH, query, b""))
    assert resp.status_code == 200, resp.json
    assert resp.json == {"instances": [], "total_count": 0}
    assert client.get("/_admin/requests").json["requests"][-1]["auth"] == "aksk"


def test_signed_post_with_body_is_accepted(client: Any) -> None:
    body = json.dumps({"name": "bad name"}).encode()
    resp = client.post(LIST_PATH, data=body, headers=signed_headers("POST", LIST_PATH, {}, body))
    assert resp.status_code == 400  # authenticated, then rejected by validation
    assert resp.json["error_code"] == "DBS.200021"


@pytest.mark.parametrize("case", ["wrong_sk", "tampered_body", "tampered_query", "unknown_ak", "old_date", "bad_date"])
def test_bad_signatures_are_rejected(client: Any, case: str) -> None:
    body = b'{"name": "abcd"}'
    query = {"limit": "10"}
    kwargs: dict[str, Any] = {}
    if case == "wrong_sk":
        kwargs["secret"] = "not-the-secret"
    if case == "unknown_ak":
        kwargs["access"] = "SOMEONEELSE"
    if case == "old_date":
        kwargs["sdk_date"] = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(time.time() - 20 * 60))
    if case == "bad_date":
        kwargs["sdk_date"] = "2024-01-01 10:00:00"
    headers = signed_headers("POST", LIST_PATH, query, body, **kwargs)
    sent_body = body.replace(b"abcd", b"abce") if case == "tampered_body" else body
    sent_query = {"limit": "11"} if case == "tampered_query" else query
    resp = client.post(LIST_PATH, data=sent_body, query_string=sent_query, headers=headers)
    assert resp.status_code == 401
    assert resp.json["error_code"] == "APIGW.0301"
    assert resp.json["error_msg"].startswith("Incorrect IAM authentication information")
    if case == "old_date":
        assert "15 minutes" in resp.json["error_msg"]
    if case in ("wrong_sk", "tampered_body", "tampered_query"):
        assert "verify aksk signature fail" in resp.json["error_msg"]


def test_signed_headers_must_be_sorted_and_include_date(client: Any) -> None:
    headers = signed_headers("GET", LIST_PATH, {}, b"")
    headers["Authorization"] = headers["Authorization"].replace("content-type;host;x-sdk-date", "host;content-type;x-sdk-date")
    assert client.get(LIST_PATH, headers=headers).json["error_msg"].endswith("SignedHeaders must be sorted")
    no_date = signed_headers("GET", LIST_PATH, {}, b"")
    no_date["Authorization"] = no_date["Authorization"].replace(";x-sdk-date", "")
    assert "x-sdk-date" in client.get(LIST_PATH, headers=no_date).json["error_msg"]


def test_project_header_must_match_path(client: Any) -> None:
    headers = signed_headers("GET", LIST_PATH, {}, b"", extra={"X-Project-Id": PID_CN})
    resp = client.get(LIST_PATH, headers=headers)
    assert resp.status_code == 403 and resp.json["error_code"] == "APIGW.0302"
    good = signed_headers("GET", LIST_PATH, {}, b"", extra={"X-Project-Id": PID})
    assert client.get(LIST_PATH, headers=good).status_code == 200


# -- IAM ----------------------------------------------------------------------------------
def test_token_issue_shape(client: Any) -> None:
    resp = client.post("/iam/v3/auth/tokens", json=password_auth())
    assert resp.status_code == 201
    assert len(resp.headers["X-Subject-Token"]) > 500
    token = resp.json["token"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", token["expires_at"])
    assert token["project"]["id"] == PID and token["project"]["name"] == "eu-de"
    assert token["methods"] == ["password"] and token["catalog"] == []
    by_id = client.post("/iam/v3/auth/tokens", json=password_auth(project={"id": PID_CN}))
    assert by_id.json["token"]["project"]["name"] == "cn-north-4"


def test_wrong_password_is_401(client: Any) -> None:
    resp = client.post("/iam/v3/auth/tokens", json=password_auth(password="nope"))
    assert resp.status_code == 401
    assert resp.json == {"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}}


def test_token_expiry_and_scope(client: Any) -> None:
    token = get_token(client)
    assert client.get(LIST_PATH, headers={"X-Auth-Token": token}).status_code == 200
    other = f"/rds/v3/{PID_CN}/instances"
    assert client.get(other, headers={"X-Auth-Token": token}).json["error_code"] == "APIGW.0302"
    client.post("/_admin/config", json={"clock_offset": 86400 + 5})
    resp = client.get(LIST_PATH, headers={"X-Auth-Token": token})
    assert resp.status_code == 401
    assert resp.json == {"error_code": "APIGW.0307", "error_msg": "The token must be updated."}
    client.post("/_admin/config", json={"clock_offset": 0, "token_ttl": 0.05})
    short = get_token(client)
    time.sleep(0.1)
    assert client.get(LIST_PATH, headers={"X-Auth-Token": short}).json["error_code"] == "APIGW.0307"


def test_unknown_token_and_missing_auth(client: Any) -> None:
    resp = client.get(LIST_PATH, headers={"X-Auth-Token": "MIIEforged"})
    assert resp.status_code == 401 and resp.json["error_code"] == "APIGW.0301"
    resp = client.get(LIST_PATH)
    assert resp.status_code == 401 and resp.json["error_code"] == "APIGW.0301"


def test_projects_lookup(client: Any) -> None:
    query = {"name": "eu-de"}
    resp = client.get("/iam/v3/projects", query_string=query, headers=signed_headers("GET", "/iam/v3/projects", query, b""))
    assert resp.status_code == 200
    assert [(p["id"], p["name"], p["enabled"]) for p in resp.json["projects"]] == [(PID, "eu-de", True)]
    assert client.get("/iam/v3/projects").status_code == 401


# -- gateway, log, admin -------------------------------------------------------------------
def test_request_id_on_every_answer(client: Any) -> None:
    answers = [client.get(LIST_PATH), client.get("/_admin/config"), client.get("/nothing/here"),
               client.post("/iam/v3/auth/tokens", json=password_auth())]
    ids = [resp.headers["X-Request-Id"] for resp in answers]
    assert all(re.fullmatch(r"[0-9a-f]{32}", value) for value in ids)
    assert len(set(ids)) == len(ids)
    assert answers[2].json["error_code"] == "APIGW.0101"


def test_request_log_records_without_secrets(client: Any) -> None:
    token = get_token(client)
    client.get(LIST_PATH, query_string={"name": "x"}, headers={"X-Auth-Token": token, "X-Client-Token": "ct-1"})
    client.get(f"/dds/v3/{PID}/instances", headers={"X-Auth-Token": "bogus"})
    client.get("/_admin/state?service=rds")
    log = client.get("/_admin/requests").json["requests"]
    assert [(e["service"], e["method"], e["status"]) for e in log] == [("iam", "POST", 201), ("rds", "GET", 200), ("dds", "GET", 401)]
    assert log[1]["query"] == {"name": "x"} and log[1]["auth"] == "token" and log[1]["client_token"] == "ct-1"
    assert log[2]["error_code"] == "APIGW.0301" and log[2]["auth"] == "none"
    assert [e["seq"] for e in log] == sorted(e["seq"] for e in log)
    dumped = json.dumps(log)
    assert token not in dumped and "Emulator-Passw0rd!" not in dumped
    assert [e["service"] for e in client.get("/_admin/requests?service=dds").json["requests"]] == ["dds"]
    client.delete("/_admin/requests")
    assert client.get("/_admin/requests").json["requests"] == []


def test_request_log_records_parsed_bodies_with_secrets_masked(client: Any) -> None:
    token = get_token(client)
    headers = {"X-Auth-Token": token}
    rds = {"name": "logged-body", "datastore": {"type": "MySQL", "version": "8.0"}, "password": "Secret-Db-Pw1!", "port": 3306}
    client.post(LIST_PATH, json=rds, headers=headers)
    v1 = {"instance": {"name": "v1-body", "dbRtPd": "Secret-V1-Pw1!", "ha": {"enable": True}}}
    client.post(f"/rds/v1/{PID}/instances", json=v1, headers=headers)
    client.post(f"/dds/v3/{PID}/instances", json=[{"user_password": "Secret-Li-Pw1!"}, 3], headers=headers)
    client.post(LIST_PATH, data=b"not json {", headers=dict(headers, **{"Content-Type": "application/json"}))
    client.get(LIST_PATH, headers=headers)
    client.post("/_admin/faults", json={"faults": [{"kind": "busy", "method": "POST"}]})
    client.post(f"/gaussdb/v3/{PID}/instances", json={"name": "faulted", "db_user_pwd": "Secret-Gs-Pw1!"}, headers=headers)
    log = client.get("/_admin/requests").json["requests"]
    bodies = [entry["body"] for entry in log]
    iam = bodies[0]["auth"]["identity"]
    assert iam["methods"] == ["password"]
    assert iam["password"]["user"] == {"name": "emulator-user", "password": "******", "domain": {"name": "emulator-domain"}}
    assert bodies[1] == dict(rds, password="******")
    assert bodies[2] == {"instance": {"name": "v1-body", "dbRtPd": "******", "ha": {"enable": True}}}
    assert bodies[3] == [{"user_password": "******"}, 3]
    assert bodies[4] is None and bodies[5] is None
    assert log[6]["fault"] == "busy" and bodies[6] == {"name": "faulted", "db_user_pwd": "******"}
    dumped = json.dumps(log)
    assert not [secret for secret in ("Secret-Db-Pw1!", "Secret-V1-Pw1!", "Secret-Li-Pw1!", "Secret-Gs-Pw1!", "Emulator-Passw0rd!")
                if secret in dumped]


def test_reset_keeps_config_unless_asked(client: Any) -> None:
    token = get_token(client)
    client.post("/_admin/seed", json={"service": "rds", "count": 3, "prefix": "r-"})
    client.post("/_admin/faults", json={"faults": [{"kind": "busy", "count": 0, "method": "DELETE"}]})
    client.post("/_admin/config", json={"ready_delay": 7})
    assert client.post("/_admin/reset").status_code == 200
    assert client.get("/_admin/state?service=rds").json["instances"] == []
    assert client.get("/_admin/faults").json["faults"] == []
    assert client.get("/_admin/requests").json["requests"] == []
    assert client.get(LIST_PATH, headers={"X-Auth-Token": token}).json["error_code"] == "APIGW.0301"
    assert client.get("/_admin/config").json["ready_delay"] == 7
    client.post("/_admin/reset", json={"config": True})
    assert client.get("/_admin/config").json["ready_delay"] == 0.05


def test_bulk_seed_and_paging(client: Any) -> None:
    started = time.monotonic()
    resp = client.post("/_admin/seed", json={"service": "rds", "count": 1000, "prefix": "bulk-"})
    assert resp.status_code == 201 and resp.json["count"] == 1000
    token = get_token(client)
    page = client.get(LIST_PATH, query_string={"offset": 990, "limit": 100}, headers={"X-Auth-Token": token}).json
    assert page["total_count"] == 1000
    assert [inst["name"] for inst in page["instances"]] == [f"bulk-{i:04d}" for i in range(990, 1000)]
    assert all(inst["status"] == "ACTIVE" for inst in page["instances"])
    assert time.monotonic() - started < 10


def test_admin_status_override(client: Any) -> None:
    created = client.post("/_admin/seed", json={"service": "rds", "instances": [{"name": "frozen-one"}]}).json
    instance_id = created["instances"][0]["id"]
    assert client.post(f"/_admin/instances/{instance_id}/status", json={"status": "FROZEN"}).json["status"] == "FROZEN"
    state = client.get("/_admin/state?service=rds").json["instances"]
    assert state[0]["status"] == "FROZEN" and state[0]["name"] == "frozen-one"
    assert client.post("/_admin/instances/nope/status", json={"status": "X"}).status_code == 404


def test_state_survives_restart(tmp_path: Any) -> None:
    path = str(tmp_path / "state.db")
    first = create_app(path, {"ready_delay": 0.0}).test_client()
    first.post("/_admin/seed", json={"service": "dds", "instances": [{"name": "kept-instance"}]})
    first.post("/_admin/config", json={"v1_list_as_object": True})
    second = create_app(path, {"ready_delay": 1.5}).test_client()
    assert [i["name"] for i in second.get("/_admin/state?service=dds").json["instances"]] == ["kept-instance"]
    conf = second.get("/_admin/config").json
    assert conf["v1_list_as_object"] is True and conf["ready_delay"] == 1.5


def test_cli_options_become_startup_config() -> None:
    args = parse_args(["--port", "9001", "--state", "/tmp/x.db", "--ready-delay", "0.5", "--token-ttl", "60", "--sk", "other"])
    assert (args.port, args.state) == (9001, "/tmp/x.db")
    assert startup_config(args) == {"ready_delay": 0.5, "token_ttl": 60.0, "sk": "other"}
