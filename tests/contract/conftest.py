# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the contract tests: an emulator with service ports, SDK clients, and a record of every SDK call.

Every SDK operation run through ``sdk.call`` is recorded with its outcome; the totals ("n of n passed") are
printed at the end of the run and written to build/contract/sdk-operations.json (summed over pytest-xdist
workers).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Callable

import pytest

from tests.contract import models
from tests.integration.harness import ACCESS_KEY, PROJECT_ID, REPO, SECRET_KEY, Emulator

REPORT = REPO / "build" / "contract" / "sdk-operations.json"
_WORKER_KEY = "contract_sdk_operations"
_RESULTS: list[dict] = []  # this process's operations: {"operation", "test", "passed", "problems"}


class SdkCalls:
    """Runs one SDK operation, checks the raw answer against the response model, records the outcome."""

    def __init__(self, test: str) -> None:
        self.test = test

    def call(self, operation: str, method: Callable[[Any], Any], request: Any, package: str, label: str = "") -> tuple[Any, dict]:
        """(parsed response, raw JSON). Fails the test on an SDK error, a conversion warning or a model problem.

        ``operation`` names the API operation (the key of EXCEPTIONS and OPEN_FINDINGS); ``label`` tells variants apart.
        """
        from huaweicloudsdkcore.warning.warning import SdkWarning  # pylint: disable=import-outside-toplevel

        response_model = type(request).__name__.replace("Request", "Response")
        record = {"operation": operation, "label": label, "test": self.test, "passed": False, "problems": [],
                  "accepted": [], "known": [], "notes": []}
        _RESULTS.append(record)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SdkWarning)
            try:
                response = method(request)
            except Exception as exc:  # the SDK raises its own exception types (ClientRequestException, ...)
                record["problems"] = ["%s: %s" % (type(exc).__name__, exc)]
                raise AssertionError("%s failed: %s" % (operation, record["problems"][0])) from exc
        record["problems"] += ["SDK warning %s: %s" % (warning.category.__name__, warning.message) for warning in caught
                               if issubclass(warning.category, SdkWarning)]
        if type(response).__name__ != response_model:
            record["problems"].append("answer parsed as %s, not %s" % (type(response).__name__, response_model))
        raw = json.loads(response.raw_content.decode("utf-8")) if response.raw_content else {}
        verdict = models.check_response(operation, raw, package, response_model)
        record["problems"] += [str(problem) for problem in verdict.failures]
        record["accepted"] = [[problem.path, str(problem)] for problem, _reason in verdict.accepted]
        record["known"] = [[problem.path, str(problem)] for problem, _finding in verdict.known]
        record["notes"] = [str(problem) for problem in verdict.notes]
        record["passed"] = not record["problems"]
        assert record["passed"], "%s: the answer does not match %s.%s:\n  %s\nanswer: %s" % (
            operation, package, response_model, "\n  ".join(record["problems"]), json.dumps(raw, indent=1)[:4000])
        return response, raw


@pytest.fixture(scope="session")
def contract_cloud(tmp_path_factory):
    """An emulator whose RDS, DDS and GaussDB are also served at their real URL layout on ports of their own.

    ready_delay 0: a created instance is ACTIVE (its job Completed) the first time it is read, so nothing
    here waits for the clock.
    """
    running = Emulator(tmp_path_factory.mktemp("contract-emulator"), ready_delay=0, service_ports=("rds", "dds", "gaussdb"))
    yield running
    running.stop()


@pytest.fixture
def cloud(contract_cloud):
    contract_cloud.reset()
    contract_cloud.config(ready_delay=0)
    return contract_cloud


def _client(builder: Any, url: str) -> Any:
    from huaweicloudsdkcore.auth.credentials import BasicCredentials  # pylint: disable=import-outside-toplevel
    from huaweicloudsdkcore.http.http_config import HttpConfig  # pylint: disable=import-outside-toplevel

    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True
    config.timeout = (5, 30)
    return (builder.with_http_config(config).with_credentials(BasicCredentials(ACCESS_KEY, SECRET_KEY, PROJECT_ID))
            .with_endpoints([url]).build())


@pytest.fixture
def rds_client(cloud):
    from huaweicloudsdkrds.v3 import RdsClient  # pylint: disable=import-outside-toplevel
    return _client(RdsClient.new_builder(), cloud.service_url("rds"))


@pytest.fixture
def dds_client(cloud):
    from huaweicloudsdkdds.v3 import DdsClient  # pylint: disable=import-outside-toplevel
    return _client(DdsClient.new_builder(), cloud.service_url("dds"))


@pytest.fixture
def gauss_client(cloud):
    from huaweicloudsdkgaussdbforopengauss.v3 import GaussDBforopenGaussClient  # pylint: disable=import-outside-toplevel
    return _client(GaussDBforopenGaussClient.new_builder(), cloud.service_url("gaussdb"))


@pytest.fixture
def sdk(request):
    return SdkCalls(request.node.nodeid)


# -- totals over the run (and over pytest-xdist workers) ---------------------------------------------------------
def _all_results(config) -> list[dict]:
    return list(_RESULTS) + list(getattr(config, "_contract_worker_results", []))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):  # pylint: disable=unused-argument
    """pytest-xdist controller: collect a worker's operations."""
    results = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
    if results:
        collected = getattr(node.config, "_contract_worker_results", [])
        collected.extend(json.loads(results))
        node.config._contract_worker_results = collected  # pylint: disable=protected-access


def _summary(results: list[dict]) -> dict:
    """Totals, the listed exceptions and open findings met, and the open findings that no longer occur."""
    ran = {result["operation"] for result in results}
    exceptions = sorted({"%s: %s" % (result["operation"], path) for result in results for path, _text in result["accepted"]})
    seen = {(result["operation"], path) for result in results for path, _text in result["known"]}
    stale = sorted("%s: %s" % key for key in models.OPEN_FINDINGS if key[0] in ran and key not in seen)
    return {"passed": sum(1 for result in results if result["passed"]), "total": len(results), "exceptions": exceptions,
            "open_findings": ["%s: %s -- %s" % (key[0], key[1], models.OPEN_FINDINGS[key]) for key in sorted(seen)],
            "stale_findings": stale, "operations": results}


def pytest_sessionfinish(session):
    config = session.config
    if hasattr(config, "workeroutput"):  # a pytest-xdist worker: hand the results to the controller
        config.workeroutput[_WORKER_KEY] = json.dumps(_RESULTS)
        return
    results = _all_results(config)
    if results:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(json.dumps(_summary(results), indent=1) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter, config):
    if hasattr(config, "workeroutput"):
        return
    results = _all_results(config)
    if not results:
        return
    summary = _summary(results)
    write = terminalreporter.write_line
    write("SDK operations against the emulator: %d of %d passed; %d listed exception(s) met, %d open finding(s) "
          "(details: %s)" % (summary["passed"], summary["total"], len(summary["exceptions"]), len(summary["open_findings"]),
                             Path(REPORT).relative_to(REPO)))
    for result in results:
        if not result["passed"]:
            write("  FAILED %s (%s): %s" % (result["operation"], result["test"], "; ".join(result["problems"])))
    for stale in summary["stale_findings"]:
        write("  no longer occurs, delete it from OPEN_FINDINGS in tests/contract/models.py: %s" % stale)
