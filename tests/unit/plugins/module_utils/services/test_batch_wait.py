# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""instance_wait: entry parsing, and batched polling over mocked HTTP (one list per service per poll)."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.batch_wait import failure_message, parse_targets, wait_for_instances

ENDPOINTS = {"rds": "https://rds.unit.test", "dds": "https://dds.unit.test", "gaussdb": "https://gauss.unit.test"}
PID = "0123456789abcdef0123456789abcdef"
BASE = {"region": "eu-de", "platform": "huaweicloud", "project_id": PID, "access_key": "AK-UNIT", "secret_key": "SK-UNIT", "endpoints": ENDPOINTS,
        "state": "present", "wait": True, "wait_timeout": 600, "poll_interval": 10, "api_version": "v3"}
LIST_PATH = re.compile(r"^/(?:v3|v1)/0123456789abcdef0123456789abcdef/instances$")


class FakeCloud:
    """Instances of three services whose status follows a schedule on a fake clock; records every request."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.start = self.now
        self.sleeps: List[float] = []
        self.instances: Dict[str, List[Dict[str, Any]]] = {"rds": [], "dds": [], "gaussdb": [], "rds_v1": []}
        self.jobs: Dict[str, Dict[str, Any]] = {}
        self.log: List[Tuple[str, str, Dict[str, str]]] = []

    # clock
    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds

    # data
    def add(self, service: str, instance_id: str, name: str, schedule: List[Tuple[float, Optional[str]]]) -> None:
        """schedule: (seconds after start, status) pairs; status None means the instance is gone from then on."""
        self.instances[service].append({"id": instance_id, "name": name, "schedule": schedule})

    def status(self, entry: Dict[str, Any]) -> Optional[str]:
        elapsed = self.now - self.start
        current: Optional[str] = None
        for at, status in entry["schedule"]:
            if elapsed >= at:
                current = status
        return current

    def visible(self, service: str) -> List[Dict[str, Any]]:
        records = []
        for entry in self.instances[service]:
            status = self.status(entry)
            if status is not None:
                records.append({"id": entry["id"], "name": entry["name"], "status": status})
        return records

    # HTTP
    def install(self, rsps: responses.RequestsMock) -> None:
        for service, url in ENDPOINTS.items():
            listing = re.compile(re.escape(url) + r"/v3/0123456789abcdef0123456789abcdef/instances(\?.*)?$")
            rsps.add_callback(responses.GET, listing, callback=self.v3_list(service))
            rsps.add_callback(responses.GET, re.compile(re.escape(url) + r"/v3/0123456789abcdef0123456789abcdef/jobs(\?.*)?$"), callback=self.job(service))
        rsps.add_callback(responses.GET, re.compile(re.escape(ENDPOINTS["rds"]) + r"/v1/0123456789abcdef0123456789abcdef/instances$"), callback=self.v1_list)

    def v3_list(self, service: str):
        def callback(request):
            query = dict(parse_qsl(urlsplit(request.url).query))
            self.log.append((service, "list", query))
            records = [record for record in self.visible(service)
                       if query.get("id") in (None, record["id"]) and query.get("name") in (None, record["name"])]
            offset, limit = int(query.get("offset", 0)), int(query.get("limit", 100))
            assert limit <= 100
            page = {"instances": records[offset:offset + limit], "total_count": len(records)}
            return 200, {"X-Request-Id": "req"}, json.dumps(page)
        return callback

    def v1_list(self, request):
        self.log.append(("rds_v1", "list", dict(parse_qsl(urlsplit(request.url).query))))
        return 200, {}, json.dumps({"instances": [dict(record, type="master") for record in self.visible("rds_v1")]})

    def job(self, service: str):
        def callback(request):
            query = dict(parse_qsl(urlsplit(request.url).query))
            self.log.append((service, "job", query))
            return 200, {}, json.dumps({"job": self.jobs[query["id"]]})
        return callback

    def lists(self, service: Optional[str] = None) -> List[Dict[str, str]]:
        return [query for (svc, kind, query) in self.log if kind == "list" and service in (None, svc)]

    def job_reads(self) -> List[Tuple[str, str, Dict[str, str]]]:
        return [entry for entry in self.log if entry[1] == "job"]


@pytest.fixture
def cloud():
    fake = FakeCloud()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake.install(rsps)
        yield fake


def batch(cloud: FakeCloud, params: Dict[str, Any], check_mode: bool = False):
    """Run instance_wait's logic against the fake cloud; returns (BatchWait, result)."""
    full = dict(BASE, **params)
    deadline = cloud.now + float(full["wait_timeout"])
    client = Client(ClientConfig(full), deadline=deadline, clock=cloud.clock, sleep=cloud.sleep)
    return wait_for_instances(client, full, check_mode, deadline, clock=cloud.clock, sleep=cloud.sleep)


def run_batch(cloud: FakeCloud, params: Dict[str, Any], check_mode: bool = False) -> Dict[str, Any]:
    return batch(cloud, params, check_mode)[1]


def names(entries: List[Dict[str, Any]]) -> List[str]:
    return sorted(entry["name"] for entry in entries)


# parsing ------------------------------------------------------------------------------------------
def registered(name: str, service: str = "rds", instance_id: Optional[str] = None, **extra: Any) -> Dict[str, Any]:
    return dict({"changed": True, "instance": {"id": instance_id or name + "-id", "name": name, "status": "BUILD"},
                 "job_id": "job-" + name, "service": service, "item": name, "invocation": {"module_args": {}}}, **extra)


def test_registered_loop_is_read_skipping_skipped_items_and_duplicates():
    loop = {"changed": True, "results": [registered("a"), {"skipped": True, "item": "b"}, registered("c", "dds"), registered("a")]}
    targets = parse_targets(dict(BASE, instances=loop))
    assert [(target.service, target.id, target.name, target.job_id) for target in targets] == [
        ("rds", "a-id", "a", "job-a"), ("dds", "c-id", "c", "job-c")]


def test_a_list_of_registered_loops_and_plain_entries_mix():
    value = [{"results": [registered("a")]}, {"results": [registered("g", "gaussdb")]}, {"service": "dds", "name": "d"},
             {"id": "x1"}, registered("v", api_version="v1", v1_path_prefix="/rds/v1")]
    targets = parse_targets(dict(BASE, instances=value, service="rds"))
    assert [(target.service, target.api_version, target.id, target.name) for target in targets] == [
        ("rds", "v3", "a-id", "a"), ("gaussdb", "v3", "g-id", "g"), ("dds", "v3", None, "d"), ("rds", "v3", "x1", None),
        ("rds", "v1", "v-id", "v")]
    assert targets[-1].prefix == "/rds/v1"


def test_a_failed_registered_item_counts_as_failed_without_a_request():
    loop = {"results": [registered("a", failed=True, msg="name: bad")]}
    targets = parse_targets(dict(BASE, instances=loop))
    assert targets[0].outcome == "failed" and "name: bad" in targets[0].reason


def test_records_of_rds_instance_info_are_accepted_with_a_default_service():
    info = [{"id": "i-1", "name": "a", "status": "ACTIVE", "flavor_ref": "x", "volume": {"size": 40}}]
    targets = parse_targets(dict(BASE, instances=info, service="rds"))
    assert [(target.service, target.id) for target in targets] == [("rds", "i-1")]


@pytest.mark.parametrize("value, option", [
    ([{"name": "a"}], "instances[0].service"),
    ([{"service": "mongo", "name": "a"}], "instances[0].service"),
    ([{"service": "dds", "name": "a", "api_version": "v1"}], "instances[0].api_version"),
    ([{"service": "rds", "name": "a", "api_version": "v2"}], "instances[0].api_version"),
    ([{"service": "rds"}], "instances[0]"),
    (["orders-db"], "instances[0]"),
    ("orders-db", "instances"),
    ({"results": [{"changed": True, "instance": {}, "service": "rds"}]}, "instances.results[0]"),
])
def test_bad_entries_fail_naming_the_entry(value, option):
    with pytest.raises(ValidationError) as caught:
        parse_targets(dict(BASE, instances=value))
    assert caught.value.option == option
    assert str(caught.value).startswith(option + ":")


def test_an_absent_registered_result_with_nothing_deleted_is_left_out():
    loop = {"results": [{"changed": False, "instance": {}, "service": "rds"}, registered("a")]}
    targets = parse_targets(dict(BASE, instances=loop, state="absent"))
    assert [target.name for target in targets] == ["a"]


def test_bad_input_sends_no_request(cloud):
    with pytest.raises(ValidationError):
        wait_for_instances(None, dict(BASE, instances=[{"service": "nope", "id": "x"}]), False, cloud.now + 10)
    assert cloud.log == []


# batching -----------------------------------------------------------------------------------------
def test_many_instances_cost_one_paged_list_per_service_per_poll(cloud):
    for index in range(140):  # other instances of the project: two pages of RDS
        cloud.add("rds", "other-%03d" % index, "other-%03d" % index, [(0, "ACTIVE")])
    entries = []
    for index in range(10):
        cloud.add("rds", "db-%d" % index, "db-%d" % index, [(0, "BUILD"), (25 + index, "ACTIVE")])
        entries.append({"service": "rds", "id": "db-%d" % index, "job_id": "job-%d" % index})
    for index in range(3):
        cloud.add("dds", "doc-%d" % index, "doc-%d" % index, [(0, "creating"), (15, "normal")])
        entries.append({"service": "dds", "id": "doc-%d" % index})
    waiter, result = batch(cloud, {"instances": entries})
    assert names(result["ready"]) == sorted(["db-%d" % index for index in range(10)] + ["doc-0", "doc-1", "doc-2"])
    assert result["failed_instances"] == [] and result["timed_out"] == [] and result["pending"] == []
    assert failure_message(result) is None
    rds_lists, dds_lists = cloud.lists("rds"), cloud.lists("dds")
    # No per-instance requests: every RDS list is unfiltered, two pages of 100 per poll until one instance is left.
    unfiltered = [query for query in rds_lists if "id" not in query]
    assert all(query["limit"] == "100" for query in unfiltered)
    assert {query["offset"] for query in unfiltered} == {"0", "100"}
    assert len(rds_lists) + len(dds_lists) == result["requests"]
    assert result["polls"] == waiter.polls
    assert len(rds_lists) <= 2 * result["polls"] and len(dds_lists) <= result["polls"]
    assert cloud.job_reads() == []
    # db-9 is the last: ready from 34 s, confirmed on the poll after; polls every 10 s, confirmation after 1 s.
    assert 34 <= result["elapsed"] <= 42
    assert all(entry["instance"]["status"] in ("ACTIVE", "normal") for entry in result["ready"])


def test_the_last_instance_of_a_service_is_polled_with_an_id_filter(cloud):
    cloud.add("rds", "a", "a", [(0, "BUILD"), (5, "ACTIVE")])
    cloud.add("rds", "b", "b", [(0, "BUILD"), (35, "ACTIVE")])
    cloud.add("rds", "noise", "noise", [(0, "ACTIVE")])
    result = run_batch(cloud, {"instances": [{"service": "rds", "id": "a"}, {"service": "rds", "id": "b"}]})
    assert names(result["ready"]) == ["a", "b"]
    queries = cloud.lists("rds")
    assert "id" not in queries[0]
    assert queries[-1]["id"] == "b"


def test_ready_needs_two_polls_in_a_row(cloud):
    # ACTIVE at 10 s, BACKING UP at 11 s (the confirming poll), ACTIVE again from 20 s.
    cloud.add("rds", "a", "a", [(0, "BUILD"), (10, "ACTIVE"), (10.5, "BACKING UP"), (20, "ACTIVE")])
    result = run_batch(cloud, {"instances": [{"service": "rds", "id": "a"}]})
    assert names(result["ready"]) == ["a"]
    assert cloud.sleeps == [10, 1.0, 10, 1.0]


# failures -----------------------------------------------------------------------------------------
def test_a_failed_instance_is_named_with_its_job_reason_and_the_others_still_become_ready(cloud):
    cloud.add("rds", "a", "a", [(0, "BUILD"), (10, "ACTIVE")])
    cloud.add("rds", "b", "b", [(0, "BUILD"), (10, "FAILED")])
    cloud.add("dds", "c", "c", [(0, "creating"), (30, "normal")])
    cloud.add("dds", "d", "d", [(0, "creating"), (20, "createfail")])
    cloud.jobs["job-b"] = {"id": "job-b", "status": "Failed", "fail_reason": "no capacity in eu-de-01"}
    cloud.jobs["job-d"] = {"id": "job-d", "status": "Failed", "fail_reason": "subnet exhausted"}
    entries = [{"service": "rds", "id": "a", "job_id": "job-a"}, {"service": "rds", "id": "b", "job_id": "job-b"},
               {"service": "dds", "id": "c"}, {"service": "dds", "id": "d", "job_id": "job-d"}]
    result = run_batch(cloud, {"instances": entries})
    assert names(result["ready"]) == ["a", "c"]
    failed = {entry["name"]: entry for entry in result["failed_instances"]}
    assert sorted(failed) == ["b", "d"]
    assert failed["b"]["reason"] == "job job-b failed: no capacity in eu-de-01"
    assert failed["d"]["status"] == "createfail" and "subnet exhausted" in failed["d"]["reason"]
    # One job read per failed instance, none for the ready ones.
    assert sorted(entry[2]["id"] for entry in cloud.job_reads()) == ["job-b", "job-d"]
    message = failure_message(result)
    assert message.startswith("2 of 4 instances did not become ready")
    assert "rds 'b' (id b) failed: job job-b failed: no capacity in eu-de-01" in message
    assert "dds 'd' (id d) failed" in message
    assert "Ready: rds 'a' (id a), dds 'c' (id c)" in message


def test_a_failed_instance_without_a_job_reports_its_status(cloud):
    cloud.add("rds", "a", "a", [(0, "FAILED")])
    result = run_batch(cloud, {"instances": [{"service": "rds", "id": "a"}]})
    assert result["failed_instances"][0]["reason"] == "ended in status FAILED"
    assert cloud.job_reads() == []


def test_timeout_lists_the_instances_still_building_with_their_last_status(cloud):
    cloud.add("rds", "a", "a", [(0, "BUILD"), (10, "ACTIVE")])
    cloud.add("rds", "stuck", "stuck", [(0, "BUILD")])
    cloud.add("dds", "slow", "slow", [(0, "creating")])
    entries = [{"service": "rds", "id": "a"}, {"service": "rds", "id": "stuck"}, {"service": "dds", "id": "slow"}]
    result = run_batch(cloud, {"instances": entries, "wait_timeout": 60})
    assert names(result["ready"]) == ["a"]
    assert names(result["timed_out"]) == ["slow", "stuck"]
    statuses = {entry["name"]: entry["status"] for entry in result["timed_out"]}
    assert statuses == {"stuck": "BUILD", "slow": "creating"}
    assert cloud.now - cloud.start == pytest.approx(60)
    message = failure_message(result)
    assert "2 of 3 instances did not become ready" in message
    assert "rds 'stuck' (id stuck) timed out: still BUILD when the deadline of 60s passed" in message
    assert "dds 'slow' (id slow) timed out: still creating" in message
    assert "Ready: rds 'a' (id a)" in message


def test_an_instance_missing_from_the_list_fails_after_two_polls(cloud):
    cloud.add("rds", "a", "a", [(0, "BUILD"), (10, "ACTIVE")])
    result = run_batch(cloud, {"instances": [{"service": "rds", "id": "a"}, {"service": "rds", "id": "gone"}]})
    assert names(result["ready"]) == ["a"]
    assert result["failed_instances"] == [
        {"service": "rds", "id": "gone", "name": None, "status": "not found", "reason": "no rds instance with id gone exists"}]


def test_two_instances_with_the_name_fail_that_entry(cloud):
    cloud.add("rds", "x1", "twin", [(0, "ACTIVE")])
    cloud.add("rds", "x2", "twin", [(0, "ACTIVE")])
    result = run_batch(cloud, {"instances": [{"service": "rds", "name": "twin"}]})
    assert "2 instances are named 'twin' (ids: x1, x2)" in result["failed_instances"][0]["reason"]


# modes --------------------------------------------------------------------------------------------
def test_check_mode_polls_once_and_reports_without_waiting(cloud):
    cloud.add("rds", "a", "a", [(0, "ACTIVE")])
    cloud.add("rds", "b", "b", [(0, "BUILD")])
    entries = [{"service": "rds", "id": "a"}, {"service": "rds", "id": "b"}, {"service": "dds", "name": "not-created-yet"}]
    result = run_batch(cloud, {"instances": entries}, check_mode=True)
    assert cloud.sleeps == []
    assert result["waited"] is False and result["polls"] == 1
    assert names(result["ready"]) == ["a"]
    assert {entry["name"]: entry["status"] for entry in result["pending"]} == {"b": "BUILD", "not-created-yet": "not found"}
    assert failure_message(result) is None


def test_the_common_wait_option_does_not_stop_the_wait(cloud):
    # A module_defaults group may set wait=false for all modules; the task that is there to wait still waits.
    cloud.add("dds", "a", "a", [(0, "creating"), (15, "normal")])
    result = run_batch(cloud, {"instances": [{"service": "dds", "id": "a"}], "wait": False})
    assert result["waited"] is True and names(result["ready"]) == ["a"] and result["pending"] == []
    assert cloud.sleeps == [10, 10, 1.0]


def test_absent_waits_until_every_instance_is_gone(cloud):
    cloud.add("rds", "a", "a", [(0, "DELETING"), (12, None)])
    cloud.add("dds", "b", "b", [(0, "deleting"), (25, None)])
    entries = [{"service": "rds", "id": "a"}, {"service": "dds", "id": "b"}]
    result = run_batch(cloud, {"instances": entries, "state": "absent"})
    assert names(result["ready"]) == ["a", "b"]
    assert {entry["status"] for entry in result["ready"]} == {"deleted"}
    assert 25 <= cloud.now - cloud.start <= 30


def test_gaussdb_and_rds_v1_are_polled_on_their_own_apis(cloud):
    cloud.add("gaussdb", "g", "g", [(0, "BUILD"), (10, "ACTIVE")])
    cloud.add("rds_v1", "v", "v", [(0, "BUILD"), (10, "ACTIVE")])
    cloud.add("rds", "r", "r", [(0, "BUILD"), (10, "ACTIVE")])
    entries = [{"service": "gaussdb", "id": "g"}, {"service": "rds", "api_version": "v1", "id": "v"}, {"service": "rds", "id": "r"}]
    result = run_batch(cloud, {"instances": entries})
    assert names(result["ready"]) == ["g", "r", "v"]
    polls = result["polls"]
    assert len(cloud.lists("gaussdb")) == len(cloud.lists("rds_v1")) == len(cloud.lists("rds")) == polls
    assert result["requests"] == 3 * polls


def test_dds_statuses_that_waiting_cannot_change_count_as_done_with_a_warning(cloud):
    cloud.add("dds", "a", "a", [(0, "frozen")])
    waiter, result = batch(cloud, {"instances": [{"service": "dds", "id": "a"}]})
    assert names(result["ready"]) == ["a"]
    assert waiter.warnings and "frozen" in waiter.warnings[0]
