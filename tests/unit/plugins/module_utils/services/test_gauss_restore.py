# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""gauss_restore: time parsing, range check, backup choice, input rules and the request body (mocked HTTP)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Flow
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import gauss
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter
from ansible_collections.hwcloud.dbaas.plugins.modules.gauss_restore import ARGUMENT_SPEC
from ansible_collections.hwcloud.dbaas.plugins.modules.gauss_backup_info import ARGUMENT_SPEC as INFO_SPEC

G = "https://gaussdb.example.test"
INSTANCES = G + "/v3/0123456789abcdef0123456789abcdef/instances"
BACKUPS = G + "/v3/0123456789abcdef0123456789abcdef/backups"
JOBS = G + "/v3/0123456789abcdef0123456789abcdef/jobs"
SOURCE_ID = "d8e6ca5a624745bcb546a227aa3ae1cfin14"
NEW_ID = "2gfdsh844a4023a776fc5c5fb71fb4in14"
RESTORE_TIME = INSTANCES + "/" + SOURCE_ID + "/restore-time"
T0 = 1714557600000  # 2024-05-01T10:00:00Z

BASE = {
    "name": "orders-restored",
    "source_name": "orders-gauss",
    "flavor": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
    "volume_size": 160,
    "availability_zone": ["eu-de-01", "eu-de-02", "eu-de-03"],
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
    "password": "Test@12345678",
}
SOURCE = {"id": SOURCE_ID, "name": "orders-gauss", "status": "ACTIVE", "volume": {"type": "ULTRAHIGH", "size": 160}}


def params(**override):
    """The module's parameters as AnsibleModule would hand them over (defaults filled in)."""
    values = {key: spec.get("default") for key, spec in ARGUMENT_SPEC.items()}
    values.update({"region": "eu-de", "wait": True, "wait_timeout": 60, "poll_interval": 0.01})
    values.update(BASE)
    values.update(override)
    return values


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def run_flow(values, check_mode=False):
    clock = Clock()
    config = ClientConfig({"region": "eu-de", "endpoints": {"gaussdb": G}, "project_id": "0123456789abcdef0123456789abcdef",
                           "access_key": "AK", "secret_key": "SK"})
    client = Client(config, deadline=clock() + 60, clock=clock, sleep=clock.sleep)
    adapter = gauss.GaussRestore(client, values)
    return Flow(adapter, values, check_mode, Waiter(clock() + 60, 0.01, clock, clock.sleep)).run()


def query_of(call):
    return dict(parse_qsl(urlsplit(call.request.url).query))


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def list_answer(request, instances):
    query = dict(parse_qsl(urlsplit(request.url).query))
    hits = [item for item in instances if query.get("name") in (None, item["name"]) and query.get("id") in (None, item["id"])]
    return 200, {}, json.dumps({"instances": hits, "total_count": len(hits)})


def add_cloud(rsps, instances, backups=None, ranges=None):
    rsps.add_callback(responses.GET, INSTANCES, callback=lambda request: list_answer(request, instances))
    rsps.add(responses.GET, BACKUPS, json={"backups": backups or [], "total_count": len(backups or [])})
    rsps.add(responses.GET, RESTORE_TIME, json={"restore_time": ranges or []})
    rsps.add(responses.GET, JOBS, json={"job": {"id": "job-1", "status": "Completed", "progress": "100%"}})


def add_post(rsps, instances):
    def answer(request):
        body = json.loads(request.body)
        record = {"id": NEW_ID, "name": body["name"], "status": "ACTIVE", "flavor_ref": body["flavor_ref"], "volume": body["volume"],
                  "availability_zone": body["availability_zone"], "port": body.get("port", "8000")}
        instances.append(record)
        return 202, {}, json.dumps({"instance": dict(record, status="BUILD"), "job_id": "job-1"})
    rsps.add_callback(responses.POST, INSTANCES, callback=answer)


def posts(rsps):
    return [call for call in rsps.calls if call.request.method == "POST"]


BACKUP_LIST = [
    {"id": "b-old", "name": "orders-gauss-full-1", "status": "COMPLETED", "instance_id": SOURCE_ID,
     "begin_time": "2024-05-01T01:00:00+0000", "end_time": "2024-05-01T01:10:00+0000"},
    {"id": "b-new", "name": "orders-gauss-full-2", "status": "COMPLETED", "instance_id": SOURCE_ID,
     "begin_time": "2024-05-01T03:00:00+0800", "end_time": "2024-05-01T03:10:00+08:00"},  # 19:10 UTC the day before
    {"id": "b-newest", "name": "orders-gauss-full-3", "status": "COMPLETED", "instance_id": SOURCE_ID,
     "begin_time": "2024-05-01T02:00:00Z", "end_time": "2024-05-01T02:10:00Z"},
    {"id": "b-failed", "name": "orders-gauss-failed", "status": "FAILED", "instance_id": SOURCE_ID,
     "begin_time": "2024-05-01T05:00:00+0000", "end_time": "2024-05-01T05:01:00+0000"},
    {"id": "b-building", "name": "orders-gauss-building", "status": "BUILDING", "instance_id": SOURCE_ID,
     "begin_time": "2024-05-01T06:00:00+0000", "end_time": ""},
]


# time -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [
    (T0, T0),
    (str(T0), T0),
    (float(T0), T0),
    ("2024-05-01T10:00:00Z", T0),
    ("2024-05-01t10:00:00z", T0),
    ("2024-05-01 10:00:00Z", T0),
    ("2024-05-01T12:00:00+02:00", T0),
    ("2024-05-01T12:00:00+0200", T0),
    ("2024-05-01T05:30:00-04:30", T0),
    ("2024-05-01T12:00+02", T0),
    ("2024-05-01T10:00:00.250Z", T0 + 250),
    ("2024-05-01T10:00:00.1239999+00:00", T0 + 123),
    ("  2024-05-01T10:00:00Z  ", T0),
])
def test_parse_restore_time_accepts_epoch_ms_and_zoned_iso(value, expected):
    assert gauss.parse_restore_time(value) == expected


@pytest.mark.parametrize("value, words", [
    ("2024-05-01T10:00:00", "no time zone"),
    ("2024-05-01 10:00", "no time zone"),
    ("2024-05-01", "ISO 8601"),
    ("yesterday", "ISO 8601"),
    ("2024-02-30T10:00:00Z", "ISO 8601"),
    ("2024-05-01T25:00:00Z", "ISO 8601"),
    ("2024-05-01T10:00:00+15:00", "ISO 8601"),
    (1714557600, "looks like epoch seconds, use 1714557600000"),
    (42, "must be epoch milliseconds"),
    (1714557600000000, "microseconds"),
    (-5, "ISO 8601"),
    (True, "ISO 8601"),
    (1714557600000.5, "whole number"),
])
def test_parse_restore_time_refuses(value, words):
    with pytest.raises(ValidationError) as caught:
        gauss.parse_restore_time(value)
    assert caught.value.option == "restore_time"
    assert str(caught.value).startswith("restore_time:")
    assert words in str(caught.value)


@pytest.mark.parametrize("value, expected", [
    (T0, T0),
    (T0 // 1000, T0),
    (str(T0), T0),
    ("2024-05-01T10:00:00+0000", T0),
    ("2024-05-01T10:00:00", T0),  # the service's own times without zone are UTC
    ("2024-05-01T18:00:00+08:00", T0),
    ("", None),
    (None, None),
    ("garbage", None),
])
def test_service_time_ms(value, expected):
    assert gauss.service_time_ms(value) == expected


def test_ms_to_iso():
    assert gauss.ms_to_iso(T0) == "2024-05-01T10:00:00Z"
    assert gauss.ms_to_iso(T0 + 7) == "2024-05-01T10:00:00.007Z"


# ranges -----------------------------------------------------------------------------------------------------------
RANGES = [(T0, T0 + 3600000), (T0 + 7200000, T0 + 10800000)]


@pytest.mark.parametrize("millis", [T0, T0 + 1, T0 + 3600000, T0 + 7200000, T0 + 10800000])
def test_inside_a_range_passes(millis):
    gauss.check_in_ranges(millis, RANGES, "'src' (id x)")


@pytest.mark.parametrize("millis", [T0 - 1, T0 + 3600001, T0 + 7199999, T0 + 10800001])
def test_outside_every_range_fails_listing_them(millis):
    with pytest.raises(ValidationError) as caught:
        gauss.check_in_ranges(millis, RANGES, "'src' (id x)")
    message = str(caught.value)
    assert message.startswith("restore_time:")
    assert "2024-05-01T10:00:00Z to 2024-05-01T11:00:00Z" in message
    assert "2024-05-01T12:00:00Z to 2024-05-01T13:00:00Z" in message
    assert str(millis) in message and "'src' (id x)" in message


def test_no_range_at_all_says_so():
    with pytest.raises(ValidationError, match="no restorable time range"):
        gauss.check_in_ranges(T0, [], "'src' (id x)")


def test_restore_ranges_reads_ms_and_iso_and_sorts():
    answer = {"restore_time": [{"start_time": T0 + 7200000, "end_time": T0 + 10800000},
                               {"start_time": "2024-05-01T10:00:00+0000", "end_time": str(T0 + 3600000)},
                               {"start_time": None, "end_time": T0}]}
    assert gauss.restore_ranges(answer) == RANGES


# backups ----------------------------------------------------------------------------------------------------------
def test_latest_completed_is_the_newest_completed_by_end_time():
    assert gauss.latest_completed(BACKUP_LIST)["id"] == "b-newest"


def test_latest_completed_ignores_newer_failed_and_building():
    only_old = [BACKUP_LIST[0], BACKUP_LIST[3], BACKUP_LIST[4]]
    assert gauss.latest_completed(only_old)["id"] == "b-old"
    assert gauss.latest_completed([BACKUP_LIST[3], BACKUP_LIST[4]]) is None
    assert gauss.latest_completed([]) is None


def test_latest_completed_breaks_end_time_ties_by_begin_time():
    first = {"id": "a", "status": "COMPLETED", "begin_time": "2024-05-01T01:00:00Z", "end_time": "2024-05-01T02:00:00Z"}
    second = dict(first, id="b", begin_time="2024-05-01T01:30:00Z")
    assert gauss.latest_completed([first, second])["id"] == "b"
    assert gauss.latest_completed([second, first])["id"] == "b"


@pytest.mark.parametrize("override, chosen", [
    ({"backup_id": "b-old"}, "b-old"),
    ({"backup_name": "orders-gauss-full-2"}, "b-new"),
    ({"backup": "latest"}, "b-newest"),
])
def test_choose_backup(override, chosen):
    assert gauss.choose_backup(params(**override), BACKUP_LIST, SOURCE)["id"] == chosen


@pytest.mark.parametrize("override, backups, words", [
    ({"backup_id": "b-failed"}, BACKUP_LIST, "backup_id: backup 'orders-gauss-failed' (id b-failed) of the source instance 'orders-gauss'"
                                             " (id %s) is FAILED; only COMPLETED backups can be restored" % SOURCE_ID),
    ({"backup_name": "orders-gauss-building"}, BACKUP_LIST, "is BUILDING"),
    ({"backup_id": "nope"}, BACKUP_LIST, "backup_id: the source instance 'orders-gauss' (id %s) has no backup with id 'nope'" % SOURCE_ID),
    ({"backup_name": "nope"}, BACKUP_LIST, "backup_name: the source instance"),
    ({"backup_name": "twin"}, [dict(BACKUP_LIST[0], name="twin"), dict(BACKUP_LIST[1], name="twin")], "ids: b-old, b-new"),
    ({"backup": "latest"}, [BACKUP_LIST[3], BACKUP_LIST[4]],
     "backup: the source instance 'orders-gauss' (id %s) has no COMPLETED backup to restore (backups: 1 BUILDING, 1 FAILED)" % SOURCE_ID),
    ({"backup": "latest"}, [], "(backups: none)"),
])
def test_choose_backup_refuses(override, backups, words):
    with pytest.raises(DbaasError) as caught:
        gauss.choose_backup(params(**override), backups, SOURCE)
    assert words in str(caught.value)


# input rules ------------------------------------------------------------------------------------------------------
def test_good_input_passes():
    gauss.validate_restore(params(backup_id="b1"))
    gauss.validate_restore(params(restore_time="2024-05-01T10:00:00Z", availability_zone=["eu-de-01"], port=8635,
                                  time_zone="UTC-12:00", backup_strategy={"start_time": "08:15-09:15", "keep_days": 0},
                                  volume_size=480, sharding_num=3))
    gauss.validate_restore(params(backup="latest", availability_zone=["eu-de-01"] * 3, port=39998, time_zone="UTC+12:00"))


def test_absent_takes_any_name_an_instance_made_elsewhere_may_have():
    for name in ("orders-restored", "1bad", "abc", "orders.restored"):
        gauss.validate_restore({"name": name, "state": "absent"})


BAD = [
    ("name", {"name": "abc", "backup_id": "b"}),
    ("name", {"name": "9lives", "backup_id": "b"}),
    ("name", {"name": "a" * 65, "backup_id": "b"}),
    ("name", {"name": "orders.restored", "backup_id": "b"}),
    ("name", {"name": "orders-gauss", "backup_id": "b"}),
    ("source_name|source_id", {"source_name": None, "backup_id": "b"}),
    ("source_id", {"source_id": SOURCE_ID, "backup_id": "b"}),
    ("backup_id|backup_name|backup|restore_time", {}),
    ("backup_name", {"backup_id": "b", "backup_name": "n"}),
    ("restore_time", {"backup": "latest", "restore_time": T0}),
    ("restore_time", {"restore_time": "2024-05-01T10:00:00"}),
    ("restore_time", {"restore_time": 1714557600}),
    ("flavor", {"backup_id": "b", "flavor": None}),
    ("password", {"backup_id": "b", "password": "Test$12345678"}),
    ("password", {"backup_id": "b", "password": "short1A"}),
    ("password", {"backup_id": "b", "password": "alllowercaseletters"}),
    ("port", {"backup_id": "b", "port": 8000}),
    ("port", {"backup_id": "b", "port": 1023}),
    ("port", {"backup_id": "b", "port": 39999}),
    ("port", {"backup_id": "b", "port": 5000}),
    ("port", {"backup_id": "b", "port": 32124}),
    ("time_zone", {"backup_id": "b", "time_zone": "UTC+08:30"}),
    ("time_zone", {"backup_id": "b", "time_zone": "UTC+13:00"}),
    ("time_zone", {"backup_id": "b", "time_zone": "Europe/Berlin"}),
    ("availability_zone", {"backup_id": "b", "availability_zone": ["eu-de-01", "eu-de-02"]}),
    ("availability_zone", {"backup_id": "b", "availability_zone": ["eu-de-01", "eu-de-01", "eu-de-02"]}),
    ("availability_zone", {"backup_id": "b", "availability_zone": ["eu-de-01", ""]}),
    ("availability_zone", {"backup_id": "b", "availability_zone": []}),
    ("volume_type", {"backup_id": "b", "volume_type": "COMMON"}),
    ("volume_size", {"backup_id": "b", "volume_size": 30}),
    ("volume_size", {"backup_id": "b", "volume_size": 100}),
    ("volume_size", {"backup_id": "b", "volume_size": 16400}),
    ("volume_size", {"backup_id": "b", "volume_size": 160, "sharding_num": 3}),
    ("sharding_num", {"backup_id": "b", "sharding_num": 0}),
    ("backup_strategy.start_time", {"backup_id": "b", "backup_strategy": {"start_time": "08:15-09:30"}}),
    ("backup_strategy.keep_days", {"backup_id": "b", "backup_strategy": {"keep_days": 733}}),
]


@pytest.mark.parametrize("option, override", BAD)
def test_bad_input_names_the_option(option, override):
    with pytest.raises(ValidationError) as caught:
        gauss.validate_restore(params(**override))
    assert caught.value.option == option
    assert str(caught.value).startswith(option + ":")
    assert "Test$12345678" not in str(caught.value)


# body shape and the flow (mocked HTTP) ----------------------------------------------------------------------------
def test_restore_by_backup_id_sends_the_documented_body(mocked):
    instances = [dict(SOURCE)]
    add_cloud(mocked, instances, BACKUP_LIST)
    add_post(mocked, instances)
    values = params(source_name=None, source_id=SOURCE_ID, backup_id="b-old", port=8635, time_zone="UTC+04:00",
                    enable_force_switch=True, configuration_id="52e86e87445847a79bf807ceda213165pr01",
                    backup_strategy={"start_time": "08:15-09:15", "keep_days": 12})
    result = run_flow(values)
    assert result["changed"] is True
    sent = posts(mocked)
    assert len(sent) == 1
    assert sent[0].request.url == INSTANCES
    assert json.loads(sent[0].request.body) == {
        "name": "orders-restored",
        "availability_zone": "eu-de-01,eu-de-02,eu-de-03",
        "flavor_ref": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
        "volume": {"type": "ULTRAHIGH", "size": 160},
        "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
        "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
        "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
        "password": "Test@12345678",
        "charge_info": {"charge_mode": "postPaid"},
        "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 12},
        "restore_point": {"instance_id": SOURCE_ID, "type": "backup", "backup_id": "b-old"},
        "configuration_id": "52e86e87445847a79bf807ceda213165pr01",
        "port": "8635",
        "time_zone": "UTC+04:00",
        "enable_force_switch": True,
    }
    assert result["restore_point"]["backup_id"] == "b-old"
    assert result["restore_point"]["backup_name"] == "orders-gauss-full-1"
    assert result["instance"]["id"] == NEW_ID and result["instance"]["status"] == "ACTIVE"
    assert result["job_id"] == "job-1"
    assert "Test@12345678" not in json.dumps(result)
    backup_calls = [call for call in mocked.calls if call.request.url.startswith(BACKUPS)]
    assert query_of(backup_calls[0])["instance_id"] == SOURCE_ID


def test_minimal_body_has_one_zone_three_times_and_no_optional_keys(mocked):
    instances = [dict(SOURCE)]
    add_cloud(mocked, instances, BACKUP_LIST)
    add_post(mocked, instances)
    run_flow(params(backup="latest", availability_zone=["eu-de-02"]))
    body = json.loads(posts(mocked)[0].request.body)
    assert body["availability_zone"] == "eu-de-02,eu-de-02,eu-de-02"
    assert body["restore_point"] == {"instance_id": SOURCE_ID, "type": "backup", "backup_id": "b-newest"}
    assert set(body) == {"name", "availability_zone", "flavor_ref", "volume", "vpc_id", "subnet_id", "security_group_id", "password",
                         "charge_info", "restore_point"}


def test_restore_by_time_checks_the_ranges_then_posts_epoch_ms(mocked):
    instances = [dict(SOURCE)]
    add_cloud(mocked, instances, BACKUP_LIST, ranges=[{"start_time": T0 - 60000, "end_time": T0 + 60000}])
    add_post(mocked, instances)
    result = run_flow(params(restore_time="2024-05-01T12:00:00+02:00"))
    body = json.loads(posts(mocked)[0].request.body)
    assert body["restore_point"] == {"instance_id": SOURCE_ID, "type": "timestamp", "restore_time": T0}
    assert result["restore_point"]["restore_time_utc"] == "2024-05-01T10:00:00Z"
    assert not [call for call in mocked.calls if call.request.url.startswith(BACKUPS)]


def restore_time_queries(rsps):
    return [dict(parse_qsl(urlsplit(call.request.url).query)) for call in rsps.calls if "/restore-time" in call.request.url]


def test_restore_time_query_names_the_utc_day(mocked):
    # GaussDB ListRestoreTimes: `date` (yyyy-mm-dd, UTC) is mandatory.
    instances = [dict(SOURCE)]
    add_cloud(mocked, instances, BACKUP_LIST, ranges=[{"start_time": T0 - 60000, "end_time": T0 + 60000}])
    add_post(mocked, instances)
    run_flow(params(restore_time="2024-05-01T12:00:00+02:00"))
    assert restore_time_queries(mocked) == [{"date": "2024-05-01"}]


def test_restore_time_just_after_midnight_also_asks_for_the_day_before(mocked):
    midnight = T0 - 10 * 3600000  # 2024-05-01T00:00:00Z
    instances = [dict(SOURCE)]
    add_cloud(mocked, instances, BACKUP_LIST, ranges=[{"start_time": midnight - 60000, "end_time": midnight + 60000}])
    add_post(mocked, instances)
    run_flow(params(restore_time=midnight + 30000))
    assert restore_time_queries(mocked) == [{"date": "2024-04-30"}, {"date": "2024-05-01"}]


@pytest.mark.parametrize("millis, days", [
    (T0, ["2024-05-01"]),
    (T0 - 10 * 3600000, ["2024-04-30", "2024-05-01"]),
    (T0 - 10 * 3600000 + 600000, ["2024-05-01"]),
    (T0 + 14 * 3600000 - 1, ["2024-05-01"]),
])
def test_restore_days(millis, days):
    assert gauss.restore_days(millis) == days


def test_future_restore_time_fails_before_any_request(mocked):
    with pytest.raises(ValidationError) as caught:
        gauss.validate_restore(params(restore_time="2999-01-01T00:00:00Z"))
    assert caught.value.option == "restore_time" and "in the future" in str(caught.value)
    assert len(mocked.calls) == 0


def test_check_not_future_accepts_now_and_the_past():
    gauss.check_not_future(T0, now=T0 / 1000.0)
    with pytest.raises(ValidationError):
        gauss.check_not_future(T0 + 1, now=T0 / 1000.0)


def test_time_outside_the_ranges_fails_without_post(mocked):
    instances = [dict(SOURCE)]
    add_cloud(mocked, instances, BACKUP_LIST, ranges=[{"start_time": T0 - 60000, "end_time": T0 + 60000}])
    add_post(mocked, instances)
    with pytest.raises(ValidationError) as caught:
        run_flow(params(restore_time=T0 + 60001))
    assert "2024-05-01T09:59:00Z to 2024-05-01T10:01:00Z" in str(caught.value)
    assert posts(mocked) == []


def test_check_mode_resolves_but_does_not_post(mocked):
    instances = [dict(SOURCE)]
    add_cloud(mocked, instances, BACKUP_LIST)
    add_post(mocked, instances)
    result = run_flow(params(backup="latest"), check_mode=True)
    assert result["changed"] is True
    assert result["restore_point"]["backup_id"] == "b-newest"
    assert result["instance"]["name"] == "orders-restored"
    assert "password" not in result["instance"]
    assert posts(mocked) == []


def test_existing_instance_costs_one_request_and_no_lookup(mocked):
    existing = {"id": NEW_ID, "name": "orders-restored", "status": "ACTIVE", "flavor_ref": BASE["flavor"],
                "volume": {"type": "ULTRAHIGH", "size": 160}, "availability_zone": "eu-de-01,eu-de-02,eu-de-03", "port": "8000"}
    add_cloud(mocked, [dict(SOURCE), existing], BACKUP_LIST)
    result = run_flow(params(backup="latest"))
    assert result["changed"] is False
    assert "restore_point" not in result
    assert len(mocked.calls) == 1
    assert query_of(mocked.calls[0])["name"] == "orders-restored"


def test_existing_instance_that_differs_fails_naming_the_option(mocked):
    existing = {"id": NEW_ID, "name": "orders-restored", "status": "ACTIVE", "flavor_ref": BASE["flavor"],
                "volume": {"type": "ULTRAHIGH", "size": 320}}
    add_cloud(mocked, [existing])
    with pytest.raises(DbaasError, match="volume.size"):
        run_flow(params(backup="latest"))
    assert len(mocked.calls) == 1


@pytest.mark.parametrize("override, words", [
    ({"source_name": "ghost"}, "source_name: no GaussDB instance named 'ghost' was found"),
    ({"source_name": None, "source_id": "nope"}, "source_id: no GaussDB instance with id 'nope' was found"),
])
def test_missing_source_fails_without_post(mocked, override, words):
    instances = [dict(SOURCE)]
    add_cloud(mocked, instances, BACKUP_LIST)
    add_post(mocked, instances)
    with pytest.raises(DbaasError) as caught:
        run_flow(params(backup="latest", **override))
    assert words in str(caught.value)
    assert posts(mocked) == []


def test_two_sources_with_the_name_fail_listing_ids(mocked):
    instances = [dict(SOURCE), dict(SOURCE, id="other-id")]
    add_cloud(mocked, instances, BACKUP_LIST)
    with pytest.raises(DbaasError, match="ids: %s, other-id" % SOURCE_ID):
        run_flow(params(backup="latest"))


def test_volume_smaller_than_the_source_fails_without_post(mocked):
    instances = [dict(SOURCE, volume={"type": "ULTRAHIGH", "size": 320})]
    add_cloud(mocked, instances, BACKUP_LIST)
    add_post(mocked, instances)
    with pytest.raises(DbaasError, match="volume_size: must be at least the 320 GB"):
        run_flow(params(backup="latest"))
    assert posts(mocked) == []


def test_backups_are_paged(mocked):
    page_one = [dict(BACKUP_LIST[0], id="b%03d" % index) for index in range(100)]
    mocked.add(responses.GET, BACKUPS, json={"backups": page_one, "total_count": 101})
    mocked.add(responses.GET, BACKUPS, json={"backups": [BACKUP_LIST[2]], "total_count": 101})
    clock = Clock()
    config = ClientConfig({"region": "eu-de", "endpoints": {"gaussdb": G}, "project_id": "0123456789abcdef0123456789abcdef",
                           "access_key": "AK", "secret_key": "SK"})
    found = gauss.list_backups(Client(config, clock=clock, sleep=clock.sleep), SOURCE_ID)
    assert len(found) == 101
    assert [query_of(call)["offset"] for call in mocked.calls] == ["0", "100"]


def test_backup_infos_filters_and_sorts_newest_first(mocked):
    add_cloud(mocked, [dict(SOURCE)], BACKUP_LIST + [dict(BACKUP_LIST[0], id="foreign", instance_id="someone-else")])
    clock = Clock()
    config = ClientConfig({"region": "eu-de", "endpoints": {"gaussdb": G}, "project_id": "0123456789abcdef0123456789abcdef",
                           "access_key": "AK", "secret_key": "SK"})
    client = Client(config, clock=clock, sleep=clock.sleep)
    info = {key: spec.get("default") for key, spec in INFO_SPEC.items()}
    everything = gauss.backup_infos(client, dict(info, source_name="orders-gauss"))
    assert [backup["id"] for backup in everything] == ["b-building", "b-failed", "b-newest", "b-old", "b-new"]
    assert "foreign" not in [backup["id"] for backup in everything]
    completed = gauss.backup_infos(client, dict(info, source_id=SOURCE_ID, status=["COMPLETED"]))
    assert [backup["id"] for backup in completed] == ["b-newest", "b-old", "b-new"]
    assert gauss.backup_infos(client, dict(info, source_name="orders-gauss", name="nope")) == []


def test_password_is_required_to_create_only(mocked):
    gauss.validate_restore(params(backup_id="b", password=None))  # an existing instance needs none (update_password=on_create)
    add_cloud(mocked, [dict(SOURCE)], BACKUP_LIST)
    with pytest.raises(ValidationError) as caught:
        run_flow(params(backup_id="b", password=None))
    assert caught.value.option == "password" and "required to create" in str(caught.value)
    assert posts(mocked) == []
