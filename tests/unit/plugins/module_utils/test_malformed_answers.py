# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Malformed success answers, shape x operation x module, through the real client, the real adapters and the flow.

A 200 answer without the documented shape must never read as "no such instance": no create after a broken list,
no `changed: false` from state=absent, no second create after a create answer without an id, and every failure names
the method, URL, status and request id of the answer. A delete answer that is `{}` or empty is fine (RDS, DDS and
GaussDB DeleteInstance document job_id only); a delete answer that is not JSON fails after exactly one DELETE.

The core matrix is SHAPES x CORE_OPERATIONS x MODULES (ListInstances, CreateInstance, ShowJobInfo, DeleteInstance);
EXTRA_OPERATIONS add the other reads a flow relies on (the list while waiting for a delete, the replica's or the
restore's source, GaussDB ListBackups and ListRestoreTimes).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Tuple

import pytest

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import MalformedAnswer

from ansible_collections.hwcloud.dbaas.tests.unit.utils.fake_cloud import MODULES, Break, Cloud, Module, mocked, run_flow

HTML_PAGE = (b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1>\n"
             + b"<p>The proxy server received an invalid response from an upstream server.</p>\n" * 200 + b"</body></html>\n")
HTML_MARKER = "invalid response from an upstream server"


def dumps(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8")


def other_kind(value: Any) -> Any:
    """The key's value as another JSON kind: a list becomes its first object, an object or a text a one-item list."""
    if isinstance(value, list):
        return copy.deepcopy(value[0]) if value else {}
    return [copy.deepcopy(value)]


def bare(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


def set_ids(key: str, good: Dict[str, Any], change: Callable[[Dict[str, Any]], None]) -> bytes:
    """The good answer with `change` applied to each record under key (or to the flat answer when key is its id)."""
    answer = copy.deepcopy(good)
    value = answer.get(key)
    for record in value if isinstance(value, list) else [value] if isinstance(value, dict) else [answer]:
        change(record)
    return dumps(answer)


def drop_id(record: Dict[str, Any]) -> None:
    record.pop("id", None)


def null_id(record: Dict[str, Any]) -> None:
    record["id"] = None


@dataclass
class Shape:
    name: str
    body: Callable[[str, Any], bytes]  # (the key the answer is read by, the good answer) -> the bytes sent
    content_type: str = "application/json"
    fine_for_delete: bool = False  # nothing or a JSON object: what DeleteInstance documents (job_id is optional)
    records_only: bool = False  # a shape of the records an answer holds: applies where the answer holds records with ids


SHAPES = [
    Shape("empty body", lambda key, good: b"", fine_for_delete=True),
    Shape("{}", lambda key, good: b"{}", fine_for_delete=True),
    Shape("key null", lambda key, good: dumps({key: None}), fine_for_delete=True),
    Shape("bare JSON list", lambda key, good: dumps(bare(good.get(key)))),
    Shape("JSON string", lambda key, good: b'"OK"'),
    Shape("JSON null", lambda key, good: b"null"),
    Shape("JSON number", lambda key, good: b"200"),
    Shape("HTML page", lambda key, good: HTML_PAGE, content_type="text/html"),
    Shape("truncated JSON", lambda key, good: dumps(good)[:len(dumps(good)) // 2]),
    Shape("key of another kind", lambda key, good: dumps({key: other_kind(good.get(key))}), fine_for_delete=True),
    Shape("record without id", lambda key, good: set_ids(key, good, drop_id), records_only=True),
    Shape("record with id null", lambda key, good: set_ids(key, good, null_id), records_only=True),
    Shape("record not an object", lambda key, good: dumps(dict(good, **{key: [None]})), records_only=True),
]


@dataclass
class Operation:
    """Where the broken answer comes, and the task that meets it."""

    name: str
    state: str  # the task's state
    exists: bool  # whether the instance of the task exists before the run
    writes_before: Tuple[str, ...] = ()  # the writes the task sends before it reads the broken answer (and never again)
    holds_records: bool = False  # the answer holds records with ids (instances, backups) or the new instance's id
    params: Dict[str, Any] = field(default_factory=dict)  # options of the task besides state

    def applies(self, module: Module, shape: Shape) -> bool:
        if shape.records_only and not self.holds_records:
            return False
        if shape.records_only and self.name == "create" and shape.name == "record not an object":
            return False  # "key null" and "key of another kind" cover it
        return self.name in MODULE_OPERATIONS[module.key]


CORE_OPERATIONS = [
    Operation("list", "present", exists=True, holds_records=True),  # the instance exists: a create would be a duplicate
    Operation("list", "absent", exists=True, holds_records=True),  # the instance exists: changed=false would be a lie
    Operation("create", "present", exists=False, holds_records=True),
    Operation("job", "present", exists=False, writes_before=("create",)),
    Operation("delete", "absent", exists=True),
]
EXTRA_OPERATIONS = [
    Operation("poll", "absent", exists=True, writes_before=("delete",), holds_records=True),  # never read as "gone"
    Operation("source", "present", exists=False, holds_records=True),
    Operation("backups", "present", exists=False, holds_records=True),
    Operation("restore_time", "present", exists=False, params={"backup": None, "restore_time": "2024-05-01T10:00:00Z"}),
]
CORE = ("list", "create", "job", "delete")
MODULE_OPERATIONS = {
    "rds_instance": CORE + ("poll",),
    "rds_replica": CORE + ("poll", "source"),
    "dds_instance": CORE + ("poll",),
    "gauss_restore": CORE + ("poll", "source", "backups", "restore_time"),
}


def cases(operations: List[Operation]) -> List[Any]:
    return [pytest.param(module, operation, shape, id="%s-%s-%s-%s" % (module.key, operation.name, operation.state, shape.name))
            for module in MODULES for operation in operations for shape in SHAPES if operation.applies(module, shape)]


CORE_CASES = cases(CORE_OPERATIONS)
EXTRA_CASES = cases(EXTRA_OPERATIONS)


def run_broken(module: Module, operation: Operation, shape: Shape) -> Tuple[Cloud, Any]:
    """Run the task once with the operation's first answer broken; (cloud, result or the error raised)."""
    with mocked() as rsps:
        cloud = Cloud(rsps, module, exists=operation.exists, broken=Break(operation.name, shape.body, shape.content_type))
        params = module.params(state=operation.state, **operation.params)
        try:
            outcome = run_flow(module, params)
        except MalformedAnswer as error:
            outcome = error
    return cloud, outcome


def assert_names_the_answer(cloud: Cloud, error: MalformedAnswer) -> None:
    """The message names the method, URL, status and request id of the broken answer, and holds no page."""
    broken = cloud.sent[cloud.broken_at]
    url = broken.url.split("?")[0]
    message = str(error)
    assert "%s %s" % (broken.method, url) in message, message
    assert "HTTP %d" % error.status in message and error.status in (200, 202), message
    assert "request id %s" % broken.request_id in message, message
    assert (error.method, error.url, error.request_id) == (broken.method, url, broken.request_id)
    assert HTML_MARKER not in message, message
    assert len(message) < 700, message


@pytest.mark.parametrize("module, operation, shape", CORE_CASES + EXTRA_CASES)
def test_a_malformed_answer_fails_the_task_and_is_never_followed_by_a_write(module, operation, shape):
    cloud, outcome = run_broken(module, operation, shape)
    if operation.name == "delete" and shape.fine_for_delete:
        assert not isinstance(outcome, Exception), outcome
        assert outcome["changed"] is True
        assert [sent.method for sent in cloud.writes()] == ["DELETE"]
        return
    # Never a result: a create after a broken list, or changed=false from state=absent, would both be lies.
    assert isinstance(outcome, MalformedAnswer), outcome
    assert_names_the_answer(cloud, outcome)
    assert cloud.writes_after_break() == [], [(sent.method, sent.url) for sent in cloud.writes_after_break()]
    sent_writes = [sent.operation for sent in cloud.writes()]
    expected = list(operation.writes_before) + ([operation.name] if operation.name in ("create", "delete") else [])
    assert sent_writes == expected, sent_writes  # one create at most, one delete at most
    assert cloud.foreign() == []


def test_the_matrix_covers_every_shape_operation_and_module():
    core = {(module.key, operation.name, shape.name) for module, operation, shape in (case.values for case in CORE_CASES)}
    generic = [shape for shape in SHAPES if not shape.records_only]
    assert len(SHAPES) >= 8 and len(generic) >= 8
    assert len(MODULES) == 4
    for module in MODULES:
        for name in CORE:
            assert all((module.key, name, shape.name) in core for shape in generic), (module.key, name)
    assert len(core) >= len(generic) * len(CORE) * len(MODULES)


# paging without total_count ---------------------------------------------------------------------------------------
EXACT_ID = "e0e1e2e3e4e5e6e7e8e9eaebecedeeefin01"


def page_two_cloud(rsps: Any, module: Module) -> Cloud:
    """A full first page of name neighbours (the list's name filter matches prefixes), the exact match on page 2."""
    neighbours = [dict(module.listed("n%031din01" % index), name="%s-%03d" % (module.name, index)) for index in range(100)]
    return Cloud(rsps, module, records=neighbours + [module.listed(EXACT_ID)], total_count=False)


@pytest.mark.parametrize("module", MODULES, ids=[module.key for module in MODULES])
def test_an_exact_match_on_page_two_without_total_count_is_found(module):
    with mocked() as rsps:
        cloud = page_two_cloud(rsps, module)
        result = run_flow(module, module.params())
    assert result["changed"] is False
    assert result["instance"]["id"] == EXACT_ID
    assert cloud.writes() == []
    offsets = [sent.url for sent in cloud.calls("list")]
    assert len(offsets) == 3 and "offset=100" in offsets[1] and "offset=101" in offsets[2], offsets


@pytest.mark.parametrize("module", MODULES, ids=[module.key for module in MODULES])
def test_state_absent_deletes_the_exact_match_found_on_page_two(module):
    with mocked() as rsps:
        cloud = page_two_cloud(rsps, module)
        result = run_flow(module, module.params(state="absent"))
    assert result["changed"] is True
    assert [sent.url.rsplit("/", 1)[-1] for sent in cloud.writes()] == [EXACT_ID]
