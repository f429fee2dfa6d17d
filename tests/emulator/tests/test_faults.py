"""Emulator fault injection, plus the real threaded server (dropped connections, signed HTTP)."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from typing import Any, Iterator
from urllib.parse import quote, urlsplit

import pytest
import requests
from werkzeug.serving import make_server

from tests.emulator import create_app

PID = "0483b6b16e954cb88930a360d2c4e663"
V3 = f"/rds/v3/{PID}"
AUTH = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
    "name": "emulator-user", "password": "Emulator-Passw0rd!", "domain": {"name": "emulator-domain"}}}},
    "scope": {"project": {"name": "eu-de"}}}}
BODY = {
    "name": "fault-target", "datastore": {"type": "MySQL", "version": "8.0"}, "flavor_ref": "rds.mysql.s1.large",
    "volume": {"type": "ULTRAHIGH", "size": 40}, "region": "eu-de", "availability_zone": "eu-de-01",
    "vpc_id": "vpc-1", "subnet_id": "subnet-1", "security_group_id": "sg-1", "password": "Test@12345678",
}
DDS_BODY = {
    "name": "dds-target", "datastore": {"type": "DDS-Community", "version": "4.0", "storage_engine": "wiredTiger"},
    "region": "eu-de", "availability_zone": "eu-de-01", "vpc_id": "v", "subnet_id": "s", "security_group_id": "g",
    "password": "Test@123", "mode": "Single", "ssl_option": "0",
    "flavor": [{"type": "single", "num": 1, "storage": "ULTRAHIGH", "size": 10, "spec_code": "dds.mongodb.s6.large.2.single"}],
}


class Api:
    """Flask test client with a token."""

    def __init__(self) -> None:
        app = create_app(config={"ready_delay": 0.05})
        app.testing = True
        self.client = app.test_client()
        self.token = self.client.post("/iam/v3/auth/tokens", json=AUTH).headers["X-Subject-Token"]

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """A request with the token."""
        return self.client.open(path, method=method, headers={"X-Auth-Token": self.token}, **kwargs)

    def faults(self, *rules: dict[str, Any]) -> Any:
        """Install fault rules."""
        return self.client.post("/_admin/faults", json={"faults": list(rules)})


@pytest.fixture(name="api")
def fixture_api() -> Api:
    """Fresh emulator."""
    return Api()


def test_status_fault_counts_and_retry_after(api: Api) -> None:
    api.faults({"kind": "status", "status": 503, "count": 2, "service": "rds"}, {"kind": "status", "status": 429, "retry_after": 3})
    first, second = api.call("GET", f"{V3}/instances"), api.call("GET", f"{V3}/instances")
    assert (first.status_code, second.status_code) == (503, 503)
    throttled = api.call("GET", f"{V3}/instances")
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "3"
    assert throttled.json == {"error_code": "APIGW.0308", "error_msg": "Request throttled"}
    assert api.call("GET", f"{V3}/instances").status_code == 200
    listed = api.client.get("/_admin/faults").json["faults"]
    assert [(f["remaining"], f["fired"]) for f in listed] == [(0, 2), (0, 1)]
    log = api.client.get("/_admin/requests?service=rds").json["requests"]
    assert [(e["status"], e["fault"]) for e in log] == [(503, "status"), (503, "status"), (429, "status"), (200, None)]


def test_fault_matching_by_method_and_path(api: Api) -> None:
    api.faults({"kind": "busy", "method": "DELETE", "path": r"/instances/[^/]+$", "count": 0})
    assert api.call("GET", f"{V3}/instances").status_code == 200
    for _attempt in range(2):
        resp = api.call("DELETE", f"{V3}/instances/abc")
        assert resp.status_code == 409 and resp.json["error_code"] == "DBS.200019"
    assert api.client.get("/_admin/faults").json["faults"][0]["remaining"] is None
    assert api.client.get("/_admin/config").status_code == 200  # admin is never faulted
    api.client.delete("/_admin/faults")
    assert api.call("DELETE", f"{V3}/instances/abc").status_code == 404


def test_slow_fault(api: Api) -> None:
    api.faults({"kind": "slow", "seconds": 0.3, "service": "rds"})
    started = time.monotonic()
    assert api.call("GET", f"{V3}/instances").status_code == 200
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    api.call("GET", f"{V3}/instances")
    assert time.monotonic() - started < 0.3


def test_expire_tokens_fault(api: Api) -> None:
    api.faults({"kind": "expire_tokens", "service": "rds"})
    resp = api.call("GET", f"{V3}/instances")
    assert resp.status_code == 401 and resp.json["error_code"] == "APIGW.0307"
    assert api.call("GET", f"{V3}/instances").status_code == 401
    api.token = api.client.post("/iam/v3/auth/tokens", json=AUTH).headers["X-Subject-Token"]
    assert api.call("GET", f"{V3}/instances").status_code == 200


def test_job_fail_fault(api: Api) -> None:
    api.faults({"kind": "job_fail", "service": "rds", "reason": "No resources in the AZ."})
    failed = api.call("POST", f"{V3}/instances", json=BODY).json
    fine = api.call("POST", f"{V3}/instances", json=dict(BODY, name="second-one")).json
    time.sleep(0.08)
    job = api.call("GET", f"{V3}/jobs", query_string={"id": failed["job_id"]}).json["job"]
    assert job["status"] == "Failed" and job["fail_reason"] == "No resources in the AZ."
    statuses = {i["name"]: i["status"] for i in api.call("GET", f"{V3}/instances").json["instances"]}
    assert statuses == {"fault-target": "FAILED", "second-one": "ACTIVE"}
    assert api.call("GET", f"{V3}/jobs", query_string={"id": fine["job_id"]}).json["job"]["status"] == "Completed"


def test_job_fail_fault_on_dds(api: Api) -> None:
    api.faults({"kind": "job_fail", "service": "dds"})
    created = api.call("POST", f"/dds/v3/{PID}/instances", json=DDS_BODY).json
    time.sleep(0.08)
    assert api.call("GET", f"/dds/v3/{PID}/instances").json["instances"][0]["status"] == "createfail"
    assert api.call("GET", f"/dds/v3/{PID}/jobs", query_string={"id": created["job_id"]}).json["job"]["status"] == "Failed"


def test_stuck_fault(api: Api) -> None:
    api.faults({"kind": "stuck", "service": "rds"})
    created = api.call("POST", f"{V3}/instances", json=BODY).json
    time.sleep(0.08)
    assert api.call("GET", f"{V3}/instances").json["instances"][0]["status"] == "BUILD"
    assert api.call("GET", f"{V3}/jobs", query_string={"id": created["job_id"]}).json["job"]["status"] == "Running"


def test_throttle_fault(api: Api) -> None:
    api.faults({"kind": "throttle", "rps": 2, "service": "rds"})
    codes = [api.call("GET", f"{V3}/instances") for _attempt in range(3)]
    assert [c.status_code for c in codes] == [200, 200, 429]
    assert codes[2].headers["Retry-After"] == "1" and codes[2].json["error_code"] == "APIGW.0308"
    assert api.client.post("/iam/v3/auth/tokens", json=AUTH).status_code == 201  # other service untouched
    time.sleep(1.05)
    assert api.call("GET", f"{V3}/instances").status_code == 200


def test_bad_fault_rules_are_refused(api: Api) -> None:
    assert api.faults({"kind": "explode"}).status_code == 400
    assert api.faults({"kind": "status", "path": "("}).status_code == 400
    assert api.faults({"kind": "slow", "seconds": -1}).status_code == 400


# -- real server ------------------------------------------------------------------------------
@pytest.fixture(name="server")
def fixture_server() -> Iterator[str]:
    """The emulator on a free port, threaded."""
    app = create_app(config={"ready_delay": 0.05})
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(5)


def _sign(method: str, url: str, body: bytes) -> dict[str, str]:
    """SDK-HMAC-SHA256 as described: canonical request, string to sign, HMAC with the secret key."""
    parts = urlsplit(url)
    sdk_date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    headers = {"host": parts.netloc, "x-sdk-date": sdk_date, "content-type": "application/json", "x-project-id": PID}
    pairs = sorted(tuple(item.split("=", 1)) for item in parts.query.split("&") if item)
    query = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in pairs)
    names = sorted(headers)
    canonical = "\n".join([method, parts.path.rstrip("/") + "/", query, "".join(f"{n}:{headers[n]}\n" for n in names),
                           ";".join(names), hashlib.sha256(body).hexdigest()])
    to_sign = f"SDK-HMAC-SHA256\n{sdk_date}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    signature = hmac.new(b"emulator-secret-key-0001", to_sign.encode(), hashlib.sha256).hexdigest()
    headers["Authorization"] = f"SDK-HMAC-SHA256 Access=EMULATORACCESSKEY0001, SignedHeaders={';'.join(names)}, Signature={signature}"
    return headers


def test_real_server_signed_requests(server: str) -> None:
    url = f"{server}{V3}/instances?limit=10&name=fault-target"
    resp = requests.get(url, headers=_sign("GET", url, b""), timeout=5)
    assert resp.status_code == 200 and resp.json()["total_count"] == 0 and resp.headers["X-Request-Id"]
    body = json.dumps(BODY).encode()
    create_url = f"{server}{V3}/instances"
    created = requests.post(create_url, data=body, headers=_sign("POST", create_url, body), timeout=5)
    assert created.status_code == 202, created.text


def test_real_server_reset_fault(server: str) -> None:
    requests.post(f"{server}/_admin/faults", json={"faults": [{"kind": "reset", "service": "iam"}]}, timeout=5)
    session = requests.Session()
    with pytest.raises(requests.ConnectionError):
        session.post(f"{server}/iam/v3/auth/tokens", json=AUTH, timeout=5)
    assert session.post(f"{server}/iam/v3/auth/tokens", json=AUTH, timeout=5).status_code == 201
    log = requests.get(f"{server}/_admin/requests", timeout=5).json()["requests"]
    assert [(e["status"], e["fault"], e["dropped"]) for e in log] == [(0, "reset", True), (201, None, False)]


def test_real_server_lost_create(server: str) -> None:
    session = requests.Session()
    token = session.post(f"{server}/iam/v3/auth/tokens", json=AUTH, timeout=5).headers["X-Subject-Token"]
    headers = {"X-Auth-Token": token, "X-Client-Token": "8c1f2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"}
    requests.post(f"{server}/_admin/faults", json={"faults": [{"kind": "lost_create", "service": "rds", "method": "POST"}]}, timeout=5)
    with pytest.raises(requests.ConnectionError):
        session.post(f"{server}{V3}/instances", json=BODY, headers=headers, timeout=5)
    state = requests.get(f"{server}/_admin/state", params={"service": "rds"}, timeout=5).json()["instances"]
    assert [i["name"] for i in state] == ["fault-target"]
    retried = session.post(f"{server}{V3}/instances", json=BODY, headers=headers, timeout=5)
    assert retried.status_code == 202 and retried.json()["instance"]["id"] == state[0]["id"]
    assert len(requests.get(f"{server}/_admin/state", params={"service": "rds"}, timeout=5).json()["instances"]) == 1
