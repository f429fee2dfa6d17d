"""Helpers of the emulator's day-2 tests: a signed-in Flask test client, the emulator clock, SDK model checks."""
from __future__ import annotations

from typing import Any

from tests.emulator import create_app

PID = "0483b6b16e954cb88930a360d2c4e663"
RDS = f"/rds/v3/{PID}"
DDS = f"/dds/v3/{PID}"
GAUSS = f"/gaussdb/v3/{PID}"
READY_DELAY = 30.0  # seconds on the emulator clock that every operation, backup and creation takes


class Api:
    """An emulator with a token; time moves only when a test says so (advance), never by sleeping."""

    def __init__(self, ready_delay: float = READY_DELAY, state: str = ":memory:") -> None:
        app = create_app(state, {"ready_delay": ready_delay})
        app.testing = True
        self.client = app.test_client()
        self.offset = float(self.admin("GET", "config")["clock_offset"])
        auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "emulator-user", "password": "Emulator-Passw0rd!", "domain": {"name": "emulator-domain"}}}},
            "scope": {"project": {"name": "eu-de"}}}}
        self.headers = {"X-Auth-Token": self.client.post("/iam/v3/auth/tokens", json=auth).headers["X-Subject-Token"]}

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """A request with the token."""
        headers = dict(self.headers, **kwargs.pop("headers", {}))
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def ok(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        """A request that must answer `status`; its JSON body (None when empty)."""
        resp = self.call(method, path, **kwargs)
        assert resp.status_code == status, (resp.status_code, resp.get_data(as_text=True))
        return resp.json if resp.get_data() else None

    def refused(self, method: str, path: str, status: int, code: str, **kwargs: Any) -> str:
        """A request that must fail with `status` and `code`; its message."""
        resp = self.call(method, path, **kwargs)
        assert resp.status_code == status and resp.json["error_code"] == code, (resp.status_code, resp.get_data(as_text=True))
        return str(resp.json["error_msg"])

    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        """An admin request (JSON answer)."""
        return self.client.open(f"/_admin/{path}", method=method, **kwargs).json

    def seed(self, service: str, **body: Any) -> list[str]:
        """Seed ready instances; their ids."""
        answer = self.admin("POST", "seed", json=dict(body, service=service))
        return [item["id"] for item in answer["instances"]]

    def advance(self, seconds: float) -> None:
        """Move the emulator clock forward."""
        self.offset += seconds
        self.admin("POST", "config", json={"clock_offset": self.offset})

    def fault(self, **rule: Any) -> None:
        """Add one fault rule."""
        self.admin("POST", "faults", json={"faults": [rule]})

    def log(self) -> list[dict[str, Any]]:
        """The request log."""
        return self.admin("GET", "requests")["requests"]

    def job(self, base: str, job_id: str) -> dict[str, Any]:
        """GET jobs?id= of a service."""
        return self.ok("GET", f"{base}/jobs", query_string={"id": job_id})["job"]

    def listed(self, base: str, instance_id: str) -> dict[str, Any]:
        """The instance as the service's list shows it."""
        return self.ok("GET", f"{base}/instances", query_string={"id": instance_id})["instances"][0]


def model_problems(body: Any, package: str, model: str) -> list[str]:
    """Problems of a JSON body against an SDK model (required fields included); notes about coerced types dropped."""
    from tests.contract.models import check_body  # pylint: disable=import-outside-toplevel
    return [str(problem) for problem in check_body(body, package, model, check_required=True) if problem.kind != "coerced"]


RDS_SDK = "huaweicloudsdkrds.v3"
DDS_SDK = "huaweicloudsdkdds.v3"
GAUSS_SDK = "huaweicloudsdkgaussdbforopengauss.v3"
