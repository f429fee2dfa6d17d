# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared pieces of the RDS v1 / read replica unit tests: a fake clock, a flow runner, mocked HTTP answers."""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, List
from urllib.parse import parse_qsl, urlsplit

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Flow
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter

RDS = "https://rds.example.test"
PID = "0123456789abcdef0123456789abcdef"
V3 = RDS + "/v3/0123456789abcdef0123456789abcdef/instances"
V3_JOBS = RDS + "/v3/0123456789abcdef0123456789abcdef/jobs"
V1 = RDS + "/v1/0123456789abcdef0123456789abcdef/instances"
V1_JOBS = RDS + "/v1/0123456789abcdef0123456789abcdef/jobs"
AUTH = {"region": "eu-de", "platform": "huaweicloud", "project_id": PID, "access_key": "AK-UNIT", "secret_key": "SK-UNIT", "endpoints": {"rds": RDS}}


class Clock:
    """A monotonic clock that only moves when sleep is called."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def run(adapter_factory: Callable[[Any, Dict[str, Any]], Any], params: Dict[str, Any], check_mode: bool = False):
    """Run the shared flow with the given adapter over mocked HTTP; returns (result, flow)."""
    clock = Clock()
    client = Client(ClientConfig(params), deadline=clock.now + 3600, clock=clock, sleep=clock.sleep)
    adapter = adapter_factory(client, params)
    flow = Flow(adapter, params, check_mode, Waiter(clock.now + 3600, 5, clock, clock.sleep))
    return flow.run(), flow


def query(call) -> Dict[str, str]:
    return dict(parse_qsl(urlsplit(call.request.url).query))


def body(call) -> Any:
    return json.loads(call.request.body) if call.request.body else None


def sequence(*bodies: Any, status: int = 200) -> Callable:
    """A responses callback serving the bodies in order; the last one repeats."""
    queue: List[Any] = list(bodies)

    def callback(_request):
        item = queue.pop(0) if len(queue) > 1 else queue[0]
        return status, {"X-Request-Id": "req-unit"}, json.dumps(item)
    return callback


def calls(rsps, method: str = None, prefix: str = "") -> list:
    return [call for call in rsps.calls if (method is None or call.request.method == method) and call.request.url.startswith(prefix)]
