# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import requests

from tests.contract.models import BodyTally, check_logged_request
from tests.integration.fault_report import FaultMatrixReport
from tests.integration.harness import REPO, Ansible, Emulator, ensure_collection_link


def pytest_configure(config):
    """The fault matrix's report of attempts, seconds and messages: build/fault-matrix.json and the terminal summary."""
    config.pluginmanager.register(FaultMatrixReport(REPO / "build" / "fault-matrix.json", REPO), "fault-matrix-report")


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    ensure_collection_link()
    running = Emulator(tmp_path_factory.mktemp("emulator"))
    yield running
    running.stop()


@pytest.fixture
def cloud(emulator):
    """A clean emulator for each test."""
    emulator.reset()
    emulator.config(ready_delay=0.3, token_ttl=86400)
    return emulator


@pytest.fixture
def ansible(cloud, tmp_path):
    return Ansible(cloud, tmp_path)


# -- every request body the modules send, checked against the SDK's request models --------------------------------
# After each test, the request log of every emulator the test used (and, before a reset or a log clear, the log
# about to go) is read; each POST/PUT body is checked by tests.contract.models.check_logged_request. The admin API
# (the tests' own seeding) is never logged, so only what the modules sent is checked. The totals are written to
# build/contract/request-bodies.json and printed at the end of the run.
BODY_REPORT = REPO / "build" / "contract" / "request-bodies.json"
_WORKER_KEY = "contract_request_bodies"
_TALLY = BodyTally()
_CHECKED_ENTRIES: set = set()  # (emulator process id, request log seq)


def _check_request_log(admin, running: Emulator, test_id: str) -> list:
    if running.process.poll() is not None:
        return []
    started = time.perf_counter()
    try:
        entries = admin(running, "GET", "requests")["requests"]
    except (requests.RequestException, ValueError, KeyError):
        return []
    failures = []
    for entry in entries:
        key = (running.process.pid, entry.get("seq"))
        if key in _CHECKED_ENTRIES:
            continue
        _CHECKED_ENTRIES.add(key)
        failures.extend("%s: %s" % (test_id, message) for message in check_logged_request(entry, _TALLY))
    _TALLY.seconds += time.perf_counter() - started
    return failures


@pytest.fixture(autouse=True)
def request_body_contract(request, monkeypatch):
    """Fails the test (at teardown) when a module sent a body key that the SDK's request model does not have."""
    test_id = request.node.nodeid
    used: list = []
    failures: list = []
    admin, stop = Emulator.admin, Emulator.stop

    def checked_admin(self, method, path, **kwargs):
        if self not in used:
            used.append(self)
        if (method.upper(), path.strip("/")) in (("POST", "reset"), ("DELETE", "requests")):
            failures.extend(_check_request_log(admin, self, test_id))
        return admin(self, method, path, **kwargs)

    def checked_stop(self):
        failures.extend(_check_request_log(admin, self, test_id))
        stop(self)

    monkeypatch.setattr(Emulator, "admin", checked_admin)
    monkeypatch.setattr(Emulator, "stop", checked_stop)
    yield
    used.extend(value for value in request.node.funcargs.values() if isinstance(value, Emulator) and value not in used)
    for running in used:
        failures.extend(_check_request_log(admin, running, test_id))
    if failures:
        pytest.fail("request bodies that do not match the SDK's request models (tests/contract/models.py):\n  "
                    + "\n  ".join(failures), pytrace=False)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):  # pylint: disable=unused-argument
    """pytest-xdist controller: add a worker's counts."""
    counts = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
    if counts:
        _TALLY.add(json.loads(counts))


def pytest_sessionfinish(session):
    config = session.config
    if hasattr(config, "workeroutput"):  # a pytest-xdist worker: hand the counts to the controller
        config.workeroutput[_WORKER_KEY] = json.dumps(_TALLY.as_dict())
        return
    counts = _TALLY.as_dict()
    if not any((counts["checked"], counts["skipped"], counts["without_body"], counts["failures"])):
        return
    counts["exceptions_total"] = sum(counts["exceptions"].values())
    BODY_REPORT.parent.mkdir(parents=True, exist_ok=True)
    BODY_REPORT.write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter, config):
    if hasattr(config, "workeroutput"):
        return
    counts = _TALLY.as_dict()
    if not any((counts["checked"], counts["skipped"], counts["without_body"], counts["failures"])):
        return
    write = terminalreporter.write_line
    figures = (counts["checked"], sum(counts["exceptions"].values()), len(counts["exceptions"]), counts["failures"], counts["seconds"],
               Path(BODY_REPORT).relative_to(REPO))
    write("request bodies: %d checked against the SDK's request models, %d with a listed exception (%d listed key(s)), "
          "%d failed, %.1f s spent (details: %s)" % figures)
    for operation, count in sorted(counts["operations"].items()):
        write("  checked   %4d  %s" % (count, operation))
    for operation, count in sorted(counts["skipped"].items()):
        write("  skipped   %4d  %s (listed rule)" % (count, operation))
    for key, count in sorted(counts["exceptions"].items()):
        write("  exception %4d  %s" % (count, key))
    for key, count in sorted(counts["notes"].items()):
        write("  coerced   %4d  %s" % (count, key))
    if counts["without_body"]:
        write("  %d POST/PUT log entries carried no recorded body (an emulator without request bodies in its log)" % counts["without_body"])
