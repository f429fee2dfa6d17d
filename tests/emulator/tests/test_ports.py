"""Emulator service ports: each service at its real URL layout, sharing state, log and faults with the main port."""
from __future__ import annotations

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import quote, urlsplit

import pytest
import requests
from werkzeug.test import Client

from tests.emulator import create_app
from tests.emulator.__main__ import parse_args
from tests.emulator.ports import ServicePort, parse_service_port

PID = "0483b6b16e954cb88930a360d2c4e663"
AK = "EMULATORACCESSKEY0001"
SK = "emulator-secret-key-0001"
REPO = Path(__file__).resolve().parents[3]
AUTH = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
    "name": "emulator-user", "password": "Emulator-Passw0rd!", "domain": {"name": "emulator-domain"}}}},
    "scope": {"project": {"name": "eu-de"}}}}
RDS_BODY = {
    "name": "port-target", "datastore": {"type": "MySQL", "version": "8.0"}, "flavor_ref": "rds.mysql.s1.large",
    "volume": {"type": "ULTRAHIGH", "size": 40}, "region": "eu-de", "availability_zone": "eu-de-01",
    "vpc_id": "vpc-1", "subnet_id": "subnet-1", "security_group_id": "sg-1", "password": "Test@12345678",
}
V1_BODY = {"instance": {
    "name": "port-v1", "datastore": {"type": "MySQL", "version": "5.7"}, "flavorRef": "rds.mysql.s1.medium",
    "volume": {"type": "COMMON", "size": 100}, "region": "eu-de", "availabilityZone": "eu-de-01", "vpc": "vpc-1",
    "nics": {"subnetId": "subnet-1"}, "securityGroup": {"id": "sg-1"}, "dbRtPd": "Test@123"}}


def sign(method: str, url: str, body: bytes = b"", path: str | None = None) -> dict[str, str]:
    """SDK-HMAC-SHA256 headers for a request to url (path: sign another path than the one sent)."""
    parts = urlsplit(url)
    sdk_date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    headers = {"Host": parts.netloc, "X-Sdk-Date": sdk_date, "Content-Type": "application/json"}
    uri = "/".join(quote(segment, safe="~") for segment in (path or parts.path).split("/"))
    uri = uri if uri.endswith("/") else uri + "/"
    pairs = sorted(tuple(item.split("=", 1)) for item in parts.query.split("&") if item)
    query = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in pairs)
    names = sorted(name.lower() for name in headers)
    lowered = {name.lower(): value for name, value in headers.items()}
    canonical = "\n".join([method, uri, query, "".join(f"{n}:{lowered[n].strip()}\n" for n in names), ";".join(names),
                           hashlib.sha256(body).hexdigest()])
    to_sign = f"SDK-HMAC-SHA256\n{sdk_date}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    signature = hmac.new(SK.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    headers["Authorization"] = f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders={';'.join(names)}, Signature={signature}"
    return headers


class Ports:
    """One application behind the main test client and one client per service port."""

    def __init__(self) -> None:
        self.app = create_app(config={"ready_delay": 0.05})
        self.app.testing = True
        self.main = self.app.test_client()
        self.port = {service: Client(ServicePort(self.app, service)) for service in ("iam", "rds", "gaussdb", "dds")}
        self.token = self.port["iam"].post("/v3/auth/tokens", json=AUTH).headers["X-Subject-Token"]

    def call(self, service: str, method: str, path: str, **kwargs: Any) -> Any:
        """A request with the token on a service port."""
        headers = dict({"X-Auth-Token": self.token}, **kwargs.pop("headers", {}))
        return self.port[service].open(path, method=method, headers=headers, **kwargs)

    def log(self) -> list[dict[str, Any]]:
        """The shared request log."""
        return self.main.get("/_admin/requests").json["requests"]


@pytest.fixture(name="ports")
def fixture_ports() -> Ports:
    """A fresh emulator with its four service ports."""
    return Ports()


def test_iam_port_real_layout(ports: Ports) -> None:
    resp = ports.port["iam"].post("/v3/auth/tokens", json=AUTH)
    assert resp.status_code == 201 and resp.json["token"]["project"]["id"] == PID
    projects = ports.call("iam", "GET", "/v3/projects", query_string={"name": "eu-de"})
    assert projects.status_code == 200 and [p["id"] for p in projects.json["projects"]] == [PID]
    assert projects.json["links"]["self"].endswith("/v3/projects")
    assert "/iam/" not in projects.json["links"]["self"]
    # a token from the IAM port is good on the main port and the other way round
    assert ports.main.get(f"/rds/v3/{PID}/instances", headers={"X-Auth-Token": ports.token}).status_code == 200
    main_token = ports.main.post("/iam/v3/auth/tokens", json=AUTH).headers["X-Subject-Token"]
    assert ports.call("rds", "GET", f"/v3/{PID}/instances", headers={"X-Auth-Token": main_token}).status_code == 200
    entries = [(e["service"], e["method"], e["path"], e["status"]) for e in ports.log()]
    assert entries[:3] == [("iam", "POST", "/v3/auth/tokens", 201), ("iam", "POST", "/v3/auth/tokens", 201),
                           ("iam", "GET", "/v3/projects", 200)]


def test_rds_port_v3_shares_state_with_main_port(ports: Ports) -> None:
    created = ports.call("rds", "POST", f"/v3/{PID}/instances", json=RDS_BODY)
    assert created.status_code == 202, created.json
    instance_id, job_id = created.json["instance"]["id"], created.json["job_id"]
    on_main = ports.main.get(f"/rds/v3/{PID}/instances", headers={"X-Auth-Token": ports.token}).json
    assert [i["id"] for i in on_main["instances"]] == [instance_id]
    job = ports.call("rds", "GET", f"/v3/{PID}/jobs", query_string={"id": job_id})
    assert job.status_code == 200 and job.json["job"]["instance"]["id"] == instance_id
    assert ports.call("rds", "DELETE", f"/v3/{PID}/instances/{instance_id}").status_code == 202
    assert ports.main.get("/_admin/state?service=rds").json["instances"] == []
    rds = [(e["method"], e["path"], e["service"]) for e in ports.log() if e["service"] == "rds"]
    assert rds == [("POST", f"/v3/{PID}/instances", "rds"), ("GET", f"/rds/v3/{PID}/instances", "rds"),
                   ("GET", f"/v3/{PID}/jobs", "rds"), ("DELETE", f"/v3/{PID}/instances/{instance_id}", "rds")]


def test_rds_port_serves_v1_and_otc_v1_paths(ports: Ports) -> None:
    created = ports.call("rds", "POST", f"/v1/{PID}/instances", json=V1_BODY)
    assert created.status_code == 200, created.json
    instance_id = created.json["instance"]["id"]
    for path in (f"/v1/{PID}/instances", f"/rds/v1/{PID}/instances"):
        listing = ports.call("rds", "GET", path)
        assert listing.status_code == 200 and [i["id"] for i in listing.json["instances"]] == [instance_id], path
    shown = ports.call("rds", "GET", f"/rds/v1/{PID}/instances/{instance_id}")
    assert shown.status_code == 200 and shown.json["instance"]["name"] == "port-v1"
    assert ports.main.get(f"/rds/rds/v1/{PID}/instances/{instance_id}", headers={"X-Auth-Token": ports.token}).status_code == 200
    paths = [e["path"] for e in ports.log() if e["service"] == "rds"]
    assert paths == [f"/v1/{PID}/instances", f"/v1/{PID}/instances", f"/rds/v1/{PID}/instances",
                     f"/rds/v1/{PID}/instances/{instance_id}", f"/rds/rds/v1/{PID}/instances/{instance_id}"]


def test_gaussdb_and_dds_ports(ports: Ports) -> None:
    ports.main.post("/_admin/seed", json={"service": "gaussdb", "instances": [{"name": "gauss-on-port"}]})
    ports.main.post("/_admin/seed", json={"service": "dds", "instances": [{"name": "dds-on-port"}]})
    gauss = ports.call("gaussdb", "GET", f"/v3/{PID}/instances")
    assert gauss.status_code == 200 and [i["name"] for i in gauss.json["instances"]] == ["gauss-on-port"]
    dds = ports.call("dds", "GET", f"/v3/{PID}/instances")
    assert dds.status_code == 200 and [i["name"] for i in dds.json["instances"]] == ["dds-on-port"]
    # each port serves its own service only (PUT .../flavor is GaussDB's resize; DDS has none)
    assert ports.call("dds", "PUT", f"/v3/{PID}/instances/x/flavor", json={"flavor_ref": "f"}).status_code == 404
    assert [(e["service"], e["path"]) for e in ports.log()[-3:]] == [
        ("gaussdb", f"/v3/{PID}/instances"), ("dds", f"/v3/{PID}/instances"), ("dds", f"/v3/{PID}/instances/x/flavor")]


def test_signed_requests_on_rds_port_verify_the_path_sent(ports: Ports) -> None:
    url = f"http://localhost/v3/{PID}/instances?limit=10"
    resp = ports.port["rds"].get(f"/v3/{PID}/instances", query_string={"limit": "10"}, headers=sign("GET", url))
    assert resp.status_code == 200, resp.json
    body = json.dumps(RDS_BODY).encode()
    post_url = f"http://localhost/v3/{PID}/instances"
    created = ports.port["rds"].post(f"/v3/{PID}/instances", data=body, headers=sign("POST", post_url, body))
    assert created.status_code == 202, created.json
    # a signature over the main port's path does not verify on the service port
    wrong = ports.port["rds"].get(f"/v3/{PID}/instances", headers=sign("GET", post_url, path=f"/rds/v3/{PID}/instances"))
    assert wrong.status_code == 401 and "verify aksk signature fail" in wrong.json["error_msg"]
    iam = ports.port["iam"].get("/v3/projects", query_string={"name": "eu-de"},
                                headers=sign("GET", "http://localhost/v3/projects?name=eu-de"))
    assert iam.status_code == 200 and iam.json["projects"][0]["id"] == PID
    assert [e["auth"] for e in ports.log()[-4:]] == ["aksk", "aksk", "none", "aksk"]


def test_fault_aimed_at_rds_applies_on_rds_port(ports: Ports) -> None:
    ports.main.post("/_admin/faults", json={"faults": [
        {"kind": "status", "status": 503, "service": "rds", "count": 1},
        {"kind": "status", "status": 429, "service": "dds", "count": 0}]})
    resp = ports.call("rds", "GET", f"/v3/{PID}/instances")
    assert resp.status_code == 503 and resp.json["error_code"] == "APIGW.0201"
    assert ports.call("rds", "GET", f"/v3/{PID}/instances").status_code == 200
    assert ports.call("gaussdb", "GET", f"/v3/{PID}/instances").status_code == 200
    assert ports.call("dds", "GET", f"/v3/{PID}/instances").status_code == 429
    # path rules match the routed path (with the prefix) and the path received
    ports.main.delete("/_admin/faults")
    ports.main.post("/_admin/faults", json={"faults": [
        {"kind": "busy", "path": f"^/rds/v1/{PID}/instances$"}, {"kind": "busy", "path": f"^/rds/v1/{PID}/jobs$"}]})
    assert ports.call("rds", "GET", f"/v1/{PID}/instances").status_code == 409
    assert ports.call("rds", "GET", f"/rds/v1/{PID}/jobs", query_string={"id": "x"}).status_code == 409
    log = ports.log()
    assert [(e["status"], e["fault"]) for e in log if e["service"] == "rds"] == [(503, "status"), (200, None), (409, "busy"), (409, "busy")]
    assert log[-1]["path"] == f"/rds/v1/{PID}/jobs" and log[-2]["path"] == f"/v1/{PID}/instances"


def test_admin_api_only_on_main_port(ports: Ports) -> None:
    before = len(ports.log())
    for service, client in ports.port.items():
        resp = client.get("/_admin/health")
        assert resp.status_code == 404 and resp.json["error_code"] == "APIGW.0101", service
        assert client.post("/_admin/reset").status_code == 404
    assert ports.main.get("/_admin/health").json == {"status": "ok"}
    assert len(ports.log()) == before


def test_service_port_arguments() -> None:
    args = parse_args(["--port", "9000", "--service-port", "rds=9001", "--service-port", "IAM=9002"])
    assert args.service_ports == {"rds": 9001, "iam": 9002}
    assert parse_args([]).service_ports == {}
    assert parse_service_port("gaussdb=9003") == ("gaussdb", 9003)
    for bad in (["--service-port", "ecs=9001"], ["--service-port", "rds"], ["--service-port", "rds=x"],
                ["--service-port", "rds=9001", "--service-port", "rds=9002"],
                ["--service-port", "rds=9001", "--service-port", "dds=9001"], ["--port", "9001", "--service-port", "rds=9001"]):
        with pytest.raises(SystemExit):
            parse_args(bad)


# -- the command line with real sockets ---------------------------------------------------------
def free_port() -> int:
    """An unused local port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(name="server", scope="module")
def fixture_server(tmp_path_factory: Any) -> Iterator[dict[str, str]]:
    """python -m tests.emulator with a port for every service; {"main"|service: root URL}."""
    ports = {"main": free_port(), "iam": free_port(), "rds": free_port(), "gaussdb": free_port(), "dds": free_port()}
    command = [sys.executable, "-m", "tests.emulator", "--port", str(ports["main"]), "--ready-delay", "0.05",
               "--state", str(tmp_path_factory.mktemp("ports") / "state.db")]
    command += [arg for service in ("iam", "rds", "gaussdb", "dds") for arg in ("--service-port", f"{service}={ports[service]}")]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # pylint: disable=consider-using-with
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if requests.get(urls["main"] + "/_admin/health", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "the emulator did not start"
            time.sleep(0.1)
        yield urls
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_real_ports_signed_request_and_fault(server: dict[str, str]) -> None:
    requests.post(server["main"] + "/_admin/reset", timeout=5)
    url = f"{server['rds']}/v3/{PID}/instances?limit=5"
    resp = requests.get(url, headers=sign("GET", url), timeout=5)
    assert resp.status_code == 200 and resp.json() == {"instances": [], "total_count": 0}
    body = json.dumps(RDS_BODY).encode()
    post_url = f"{server['rds']}/v3/{PID}/instances"
    created = requests.post(post_url, data=body, headers=sign("POST", post_url, body), timeout=5)
    assert created.status_code == 202, created.text
    token = requests.post(server["iam"] + "/v3/auth/tokens", json=AUTH, timeout=5).headers["X-Subject-Token"]
    listed = requests.get(f"{server['main']}/rds/v3/{PID}/instances", headers={"X-Auth-Token": token}, timeout=5).json()
    assert [i["id"] for i in listed["instances"]] == [created.json()["instance"]["id"]]
    requests.post(server["main"] + "/_admin/faults", json={"faults": [{"kind": "reset", "service": "rds"}]}, timeout=5)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server['rds']}/v1/{PID}/instances", headers={"X-Auth-Token": token}, timeout=5)
    v1 = requests.get(f"{server['rds']}/rds/v1/{PID}/instances", headers={"X-Auth-Token": token}, timeout=5)
    assert v1.status_code == 200 and v1.json() == {"instances": []}
    for service in ("gaussdb", "dds"):
        assert requests.get(f"{server[service]}/v3/{PID}/instances", headers={"X-Auth-Token": token}, timeout=5).status_code == 200
    assert requests.get(server["rds"] + "/_admin/health", timeout=5).status_code == 404
    log = requests.get(server["main"] + "/_admin/requests", timeout=5).json()["requests"]
    assert [(e["service"], e["path"], e["status"], e["auth"]) for e in log] == [
        ("rds", f"/v3/{PID}/instances", 200, "aksk"), ("rds", f"/v3/{PID}/instances", 202, "aksk"),
        ("iam", "/v3/auth/tokens", 201, "none"), ("rds", f"/rds/v3/{PID}/instances", 200, "token"),
        ("rds", f"/v1/{PID}/instances", 0, "none"), ("rds", f"/rds/v1/{PID}/instances", 200, "token"),
        ("gaussdb", f"/v3/{PID}/instances", 200, "token"), ("dds", f"/v3/{PID}/instances", 200, "token")]
    assert log[1]["body"]["name"] == "port-target" and log[1]["body"]["password"] == "******"
