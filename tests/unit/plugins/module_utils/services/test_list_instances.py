# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dds_instance_info and gauss_instance_info: filters sent to the list API, exact compares, paging (mocked HTTP)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import dds, gauss

DDS = "https://dds.example.test/v3/0123456789abcdef0123456789abcdef/instances"
GAUSS = "https://gaussdb.example.test/v3/0123456789abcdef0123456789abcdef/instances"
AUTH = {"region": "eu-de", "project_id": "0123456789abcdef0123456789abcdef", "access_key": "AK-UNIT", "secret_key": "SK-UNIT",
        "endpoints": {"dds": "https://dds.example.test", "gaussdb": "https://gaussdb.example.test"}}


def client():
    return Client(ClientConfig(AUTH))


def queries(rsps):
    return [dict(parse_qsl(urlsplit(call.request.url).query)) for call in rsps.calls]


def page(items, total=None):
    return {"instances": items, "total_count": len(items) if total is None else total}


def dds_record(name, mode="ReplicaSet", **extra):
    record = {"id": name + "-id", "name": name, "mode": mode, "status": "normal", "port": "8635", "ssl": "1",
              "groups": [{"type": "replica", "volume": {"size": "10"}, "nodes": [{"spec_code": "dds.repset"}]}]}
    record.update(extra)
    return record


# DDS ----------------------------------------------------------------------------------------------------------------
@responses.activate
def test_dds_sends_the_filters_and_compares_them_exactly():
    responses.add(responses.GET, DDS, json=page([dds_record("catalog"), dds_record("catalog-2"), dds_record("catalog", mode="Single")]))
    found = dds.list_instances(client(), {"name": "catalog", "mode": "ReplicaSet", "id": None})
    assert [(record["name"], record["mode"]) for record in found] == [("catalog", "ReplicaSet")]
    assert queries(responses)[0] == {"name": "catalog", "mode": "ReplicaSet", "offset": "0", "limit": "100"}


@responses.activate
def test_dds_records_are_shaped_like_dds_instance_returns_them():
    responses.add(responses.GET, DDS, json=page([dds_record("catalog")]))
    (record,) = dds.list_instances(client(), {})
    assert record["port"] == 8635 and record["ssl"] == 1
    assert record["flavor"] == [{"type": "replica", "num": 1, "size": 10, "spec_code": "dds.repset"}]
    assert queries(responses)[0] == {"offset": "0", "limit": "100"}


@responses.activate
def test_dds_by_id_and_empty_answers():
    responses.add(responses.GET, DDS, json=page([dds_record("a", id="wanted"), dds_record("b", id="wanted-too")]))
    assert [record["id"] for record in dds.list_instances(client(), {"id": "wanted"})] == ["wanted"]
    responses.replace(responses.GET, DDS, json=page([]))
    assert dds.list_instances(client(), {"name": "missing"}) == []


@responses.activate
def test_dds_pages_until_total_count():
    first = [dds_record("n%03d" % index) for index in range(100)]
    second = [dds_record("n%03d" % index) for index in range(100, 130)]
    responses.add(responses.GET, DDS, json=page(first, 130))
    responses.add(responses.GET, DDS, json=page(second, 130))
    assert len(dds.list_instances(client(), {})) == 130
    assert [query["offset"] for query in queries(responses)] == ["0", "100"]


# GaussDB ------------------------------------------------------------------------------------------------------------
def gauss_record(name, **extra):
    record = {"id": name + "-id", "name": name, "status": "ACTIVE", "type": "Enterprise", "vpc_id": "vpc-1", "subnet_id": "net-1"}
    record.update(extra)
    return record


@responses.activate
@pytest.mark.parametrize("filters, expected", [
    ({}, ["ledger", "ledger-2", "ha-one", "other-net"]),
    ({"name": "ledger"}, ["ledger"]),
    ({"type": "Ha"}, ["ha-one"]),
    ({"type": "Enterprise"}, ["ledger", "ledger-2", "other-net"]),
    ({"vpc_id": "vpc-2"}, ["other-net"]),
    ({"subnet_id": "net-1", "type": "Enterprise"}, ["ledger", "ledger-2"]),
    ({"id": "ha-one-id"}, ["ha-one"]),
    ({"name": "nothing"}, []),
])
def test_gauss_filters_never_widen_the_answer(filters, expected):
    """The service may ignore a filter or match fuzzily: the records are compared again."""
    everything = [gauss_record("ledger"), gauss_record("ledger-2", type="enterprise"), gauss_record("ha-one", type="Ha"),
                  gauss_record("other-net", vpc_id="vpc-2", subnet_id="net-2")]
    responses.add(responses.GET, GAUSS, json=page(everything))
    params = {key: None for key in gauss.LIST_FILTERS}
    params.update(filters)
    assert [record["name"] for record in gauss.list_instances(client(), params)] == expected
    sent = queries(responses)[0]
    assert {key: sent[key] for key in filters} == filters


@responses.activate
def test_gauss_empty_strings_are_not_filters():
    responses.add(responses.GET, GAUSS, json=page([gauss_record("ledger")]))
    assert len(gauss.list_instances(client(), {"name": "", "vpc_id": None})) == 1
    assert queries(responses)[0] == {"offset": "0", "limit": "100"}


@responses.activate
def test_a_list_failure_is_an_api_error_with_the_request_id():
    responses.add(responses.GET, GAUSS, status=403, headers={"X-Request-Id": "req-403"},
                  body=json.dumps({"error_code": "APIGW.0302", "error_msg": "forbidden"}))
    with pytest.raises(ApiError) as raised:
        gauss.list_instances(client(), {})
    assert raised.value.request_id == "req-403" and raised.value.code == "APIGW.0302"
