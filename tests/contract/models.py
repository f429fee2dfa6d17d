# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check JSON bodies against the request and response models of the official Huawei Cloud Python SDK.

The SDK's models name every field twice: ``openapi_types`` (attribute -> type, e.g. ``list[NodeResponse]``)
and ``attribute_map`` (attribute -> wire name). The SDK drops keys it does not know without a word and
never complains about a missing required field, so both are checked here, level by level:

* ``unknown``: a key that is not a wire name of the model at that level;
* ``missing``: a required attribute (one the generated ``__init__`` assigns unconditionally) whose wire name
  is absent (responses only: request models mark fields required that some variants of an operation leave out,
  e.g. a read replica sent to RDS v3 CreateInstance has no datastore);
* ``type``: a value whose JSON type the declared type cannot hold (an object where a string is declared, ...);
* ``coerced`` (a note, never a failure): a primitive of another JSON type that the SDK converts with
  ``klass(value)``, e.g. the number 2 where the model declares ``str``.

Key paths use ``a.b[].c``: ``[]`` stands for every element of a list (or every value of a map).

A request the modules send is checked as the operation BODY_RULES names (the create calls, where one path serves
several SDK operations) or, for any other POST/PUT/PATCH, as the SDK client operation with that method and path
(sdk_routes, read from the clients themselves; where several share a path, e.g. RDS v3 .../action, the one the
body fits).

Everything that is allowed to differ from the SDK is listed in ``EXCEPTIONS``, with its reason, and nowhere else;
differences the emulator or a module still has to fix are listed in ``OPEN_FINDINGS``.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

RDS = "huaweicloudsdkrds.v3"
DDS = "huaweicloudsdkdds.v3"
GAUSSDB = "huaweicloudsdkgaussdbforopengauss.v3"

_LIST = re.compile(r"^list\[(.*)\]$")
_DICT = re.compile(r"^dict\(([^,]*), (.*)\)$")
# JSON value types each SDK type name stands for (_PRIMITIVES) and those it still accepts (_LOOSE): the SDK's
# deserializer converts primitives with klass(value), so a number sent for a ``str`` field (or a numeric string
# for an ``int``) parses; those are ``coerced`` notes.
_PRIMITIVES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "date": (str,),
    "datetime": (str,),
}
_LOOSE: dict[str, tuple[type, ...]] = {
    "str": (str, int, float, bool),
    "int": (int, str),
    "float": (int, float, str),
    "bool": (bool,),
    "date": (str,),
    "datetime": (str,),
}
_ANY = ("object", "file")


# -- the list of accepted differences --------------------------------------------------------------------------
# (operation, key path) -> reason. The operation is the API operation's name as used below ("GaussDB
# CreateRestoreInstance"); the key path is the offending field in the a.b[].c form. A problem of any kind
# (unknown, missing, type) at that path is accepted and counted; every other problem fails.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("GaussDB CreateRestoreInstance", "restore_point.type"):
        "The GaussDB openGauss API reference (restore to a new instance) documents restore_point.type "
        "(backup | timestamp); the SDK's RestorePoint model has only instance_id and backup_id. The API document wins.",
    ("GaussDB CreateRestoreInstance", "restore_point.restore_time"):
        "The GaussDB openGauss API reference documents restore_point.restore_time (epoch milliseconds) for a "
        "point-in-time restore; the SDK's RestorePoint model lacks it. The API document wins.",
}


_DDS_GROUP_DOC = ("The DDS API reference (and the SDK's own field text, \"valid when the node type is shard or config\") "
                  "gives a group's id, name, status and volume for shard and config groups only; the mongos group of a "
                  "cluster has type and nodes alone. The SDK's GroupResponseItem marks them required. The API document wins.")
EXCEPTIONS.update({("DDS ListInstances", "instances[].groups[].%s" % key): _DDS_GROUP_DOC for key in ("id", "name", "status", "volume")})

# Differences found by these tests that the emulator (or a module) has to fix: (operation, key path) -> finding.
# They are accepted so that the suite stays green meanwhile, reported at the end of every run (with the ones that
# no longer occur, to be deleted here), and never a reason to accept anything new.
OPEN_FINDINGS: dict[tuple[str, str], str] = {
    # RDS v3 ListInstances (InstanceResponse)
    ("RDS v3 ListInstances", "instances[].enable_ssl"): "emulator: enable_ssl (bool) is a required field of the RDS v3 list",
    # DDS ListInstances (QueryInstanceResponse)
    ("DDS ListInstances", "instances[].disk_encryption_flag"): "emulator: not a field of the DDS list (disk_encryption_id is)",
    # GaussDB CreateInstance (OpenGaussInstanceResponse) and CreateRestoreInstance (CreateInstanceRespItem)
    ("GaussDB CreateInstance", "instance.enable_parallel_restore"):
        "emulator: not a field of the GaussDB create answer (it is a request field of the restore)",
    ("GaussDB CreateInstance", "instance.enterprise_project_id"): "emulator: required field of the GaussDB create answer",
    ("GaussDB CreateRestoreInstance", "instance.enable_parallel_restore"):
        "emulator: not a field of the GaussDB restore answer (it is a request field of the restore)",
    # GaussDB ListInstances (ListInstanceResponse)
    ("GaussDB ListInstances", "instances[].ha.mode"): "emulator: the GaussDB list's ha is {consistency, replication_mode}",
    ("GaussDB ListInstances", "instances[].enable_force_switch"): "emulator: not a field of the GaussDB list",
    ("GaussDB ListInstances", "instances[].sharding_num"): "emulator: not a field of the GaussDB list",
    ("GaussDB ListInstances", "instances[].coordinator_num"): "emulator: not a field of the GaussDB list",
    ("GaussDB ListInstances", "instances[].configuration_id"): "emulator: not a field of the GaussDB list",
    ("GaussDB ListInstances", "instances[].flavor_info"): "emulator: required field of the GaussDB list ({vcpus, ram})",
    ("GaussDB ListInstances", "instances[].switch_strategy"): "emulator: required field of the GaussDB list",
    ("GaussDB ListInstances", "instances[].instance_mode"): "emulator: required field of the GaussDB list",
}


@dataclass(frozen=True)
class Problem:
    """One difference between a JSON body and an SDK model."""

    kind: str  # unknown | missing | type
    path: str  # a.b[].c
    detail: str

    def __str__(self) -> str:
        return "%s %s: %s" % (self.kind, self.path or "<top>", self.detail)


# -- SDK models ------------------------------------------------------------------------------------------------
def model_class(package: str, name: str) -> type:
    """The model class ``name`` of an SDK service package such as ``huaweicloudsdkrds.v3``."""
    module = importlib.import_module(package)
    cls = getattr(module, name, None)
    if cls is None:
        cls = getattr(importlib.import_module(package + ".model"), name)
    return cls


@functools.lru_cache(maxsize=None)
def required_attributes(cls: type) -> tuple[str, ...]:
    """Attributes the generated ``__init__`` assigns without ``if x is not None`` (the API's mandatory fields)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls.__init__))
    except (OSError, TypeError):
        return ()
    function = ast.parse(source).body[0]
    found = []
    for statement in getattr(function, "body", []):
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            continue
        target, value = statement.targets[0], statement.value
        if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self"
                and isinstance(value, ast.Name) and value.id == target.attr and target.attr in cls.openapi_types):
            found.append(target.attr)
    return tuple(found)


def model_at(package: str, model: str, path: str) -> tuple[Optional[type], str]:
    """(model class that holds the last key of ``path``, that key); (None, key) when the path leaves the models."""
    *parents, leaf = path.replace("[]", "").split(".")
    cls: Optional[type] = model_class(package, model)
    for name in parents:
        attr = {wire: attr for attr, wire in cls.attribute_map.items()}.get(name) if cls else None
        if attr is None:
            return None, leaf
        spec = cls.openapi_types[attr]
        while _LIST.match(spec) or _DICT.match(spec):
            spec = (_LIST.match(spec) or _DICT.match(spec)).groups()[-1]
        cls = model_class(package, spec) if spec not in _PRIMITIVES and spec not in _ANY else None
    return cls, leaf


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _join(path: str, key: str) -> str:
    return key if not path else path + "." + key


class Checker:
    """Walks a JSON value along an SDK type; collects problems."""

    def __init__(self, package: str, check_required: bool) -> None:
        self.package = package
        self.check_required = check_required
        self.problems: list[Problem] = []

    def _add(self, kind: str, path: str, detail: str) -> None:
        problem = Problem(kind, path, detail)
        if problem not in self.problems:
            self.problems.append(problem)

    def check(self, value: Any, spec: Any, path: str = "") -> None:
        """``spec`` is an SDK type name (``str``, ``list[Foo]``, ``Foo``) or a model class."""
        if value is None:
            return  # null is accepted for any field by the SDK
        if isinstance(spec, str):
            match = _LIST.match(spec)
            if match:
                if not isinstance(value, list):
                    self._add("type", path, "%s declared, %s sent" % (spec, _json_type(value)))
                    return
                for item in value:
                    self.check(item, match.group(1), path + "[]")
                return
            match = _DICT.match(spec)
            if match:
                if not isinstance(value, dict):
                    self._add("type", path, "%s declared, %s sent" % (spec, _json_type(value)))
                    return
                for item in value.values():
                    self.check(item, match.group(2), path + "[]")
                return
            if spec in _ANY:
                return
            if spec in _PRIMITIVES:
                if self._fits(value, _PRIMITIVES[spec]):
                    return
                if self._fits(value, _LOOSE[spec]):
                    self._add("coerced", path, "%s declared, %s sent" % (spec, _json_type(value)))
                else:
                    self._add("type", path, "%s declared, %s %r sent" % (spec, _json_type(value), value))
                return
            spec = model_class(self.package, spec)
        self._check_model(value, spec, path)

    @staticmethod
    def _fits(value: Any, allowed: tuple[type, ...]) -> bool:
        if isinstance(value, bool):
            return bool in allowed
        return isinstance(value, allowed)

    def _check_model(self, value: Any, cls: type, path: str) -> None:
        types = getattr(cls, "openapi_types", {})
        if not types:
            # An enumeration model (no attributes): the SDK maps scalar values onto its constants.
            if isinstance(value, (dict, list)):
                self._add("type", path, "%s (an enumeration) declared, %s sent" % (cls.__name__, _json_type(value)))
            return
        if not isinstance(value, dict):
            self._add("type", path, "%s declared, %s %r sent" % (cls.__name__, _json_type(value), value))
            return
        wire = {name: attr for attr, name in cls.attribute_map.items()}
        for key, item in value.items():
            attr = wire.get(key)
            if attr is None:
                self._add("unknown", _join(path, key), "not a field of %s (fields: %s)" % (cls.__name__, ", ".join(sorted(wire))))
                continue
            self.check(item, types[attr], _join(path, key))
        if self.check_required:
            for attr in required_attributes(cls):
                name = cls.attribute_map[attr]
                if name not in value:
                    self._add("missing", _join(path, name), "required by %s" % cls.__name__)


def check_body(value: Any, package: str, model: str, *, check_required: bool) -> list[Problem]:
    """Every problem (and note) of ``value`` against the model ``package``.``model``."""
    checker = Checker(package, check_required)
    checker.check(value, model_class(package, model))
    return checker.problems


@dataclass
class Verdict:
    """The problems of one body, split into accepted (listed in EXCEPTIONS), failing ones and notes."""

    operation: str
    failures: list[Problem] = field(default_factory=list)
    accepted: list[tuple[Problem, str]] = field(default_factory=list)
    known: list[tuple[Problem, str]] = field(default_factory=list)  # listed in OPEN_FINDINGS
    notes: list[Problem] = field(default_factory=list)


def judge(operation: str, problems: Iterable[Problem]) -> Verdict:
    verdict = Verdict(operation)
    for problem in problems:
        if problem.kind == "coerced":
            verdict.notes.append(problem)
            continue
        reason = EXCEPTIONS.get((operation, problem.path))
        finding = OPEN_FINDINGS.get((operation, problem.path))
        if reason is not None:
            verdict.accepted.append((problem, reason))
        elif finding is not None:
            verdict.known.append((problem, finding))
        else:
            verdict.failures.append(problem)
    return verdict


def check_response(operation: str, raw: Any, package: str, model: str) -> Verdict:
    """A response body: unknown keys, missing required fields and wrong JSON types fail unless listed."""
    return judge(operation, check_body(raw, package, model, check_required=True))


# -- request bodies the modules send ---------------------------------------------------------------------------
@dataclass(frozen=True)
class BodyRule:
    """Requests matching service, method and path regex are checked against a model, or skipped with a reason."""

    operation: str
    service: str
    method: str
    path: str
    model: Optional[Callable[[Any], tuple[str, str]]] = None  # body -> (package, model name)
    skip: Optional[str] = None  # the reason a request is not checked

    def matches(self, entry: dict) -> bool:
        return (entry.get("service") == self.service and str(entry.get("method")).upper() == self.method
                and re.search(self.path, str(entry.get("path") or "")) is not None)


def _fixed(package: str, name: str) -> Callable[[Any], tuple[str, str]]:
    return lambda body: (package, name)


def _gauss_create(body: Any) -> tuple[str, str]:
    # GaussDB openGauss: one POST /v3/{project_id}/instances serves two SDK operations, CreateInstance
    # (OpenGaussInstanceRequest) and CreateRestoreInstance (OpengaussRestoreInstanceRequest, with restore_point).
    if isinstance(body, dict) and "restore_point" in body:
        return GAUSSDB, "OpengaussRestoreInstanceRequest"
    return GAUSSDB, "OpenGaussInstanceRequest"


def _gauss_operation(body: Any) -> str:
    return "GaussDB CreateRestoreInstance" if isinstance(body, dict) and "restore_point" in body else "GaussDB CreateInstance"


def _create_or_restore(package: str, create: str, restore: str) -> Callable[[Any], tuple[str, str]]:
    # RDS v3 and DDS: one POST /v3/{project_id}/instances serves CreateInstance and the restore to a new instance
    # (RDS v3 CreateRestoreInstance, CreateRestoreInstanceRequestBody; DDS RestoreNewInstance, RestoreNewInstanceRequestBody),
    # told apart by restore_point.
    return lambda body: (package, restore if isinstance(body, dict) and "restore_point" in body else create)


# The operation a create body with restore_point stands for, per create rule.
RESTORE_OPERATIONS = {"RDS v3 CreateInstance": "RDS v3 CreateRestoreInstance", "DDS CreateInstance": "DDS RestoreNewInstance"}


# The paths are those of the request log: with the emulator's service prefix (/rds, /gaussdb, /dds) on its
# main port, without it on a service port. These rules come first; any other POST/PUT/PATCH is looked up in the
# operations of the SDK's clients (sdk_routes).
BODY_RULES: tuple[BodyRule, ...] = (
    # RDS v3 CreateInstance: primaries and read replicas (replica_of_id) share the path and the model InstanceRequest.
    BodyRule("RDS v3 CreateInstance", "rds", "POST", r"^(?:/rds)?/v3/[^/]+/instances/?$",
             _create_or_restore(RDS, "InstanceRequest", "CreateRestoreInstanceRequestBody")),
    BodyRule("GaussDB CreateInstance", "gaussdb", "POST", r"^(?:/gaussdb)?/v3/[^/]+/instances/?$", _gauss_create),
    BodyRule("DDS CreateInstance", "dds", "POST", r"^(?:/dds)?/v3/[^/]+/instances/?$",
             _create_or_restore(DDS, "CreateInstanceRequestBody", "RestoreNewInstanceRequestBody")),
    BodyRule("RDS v1 (any operation)", "rds", "POST", r"^(?:/rds)?(?:/rds)?/v1/",
             skip="RDS v1 has no model in the SDK (huaweicloudsdkrds covers v3 only)"),
    BodyRule("RDS v1 (any operation)", "rds", "PUT", r"^(?:/rds)?(?:/rds)?/v1/",
             skip="RDS v1 has no model in the SDK (huaweicloudsdkrds covers v3 only)"),
    BodyRule("IAM KeystoneCreateUserTokenByPassword", "iam", "POST", r"^(?:/iam)?/v3/auth/tokens/?$",
             skip="IAM is not among the SDK packages the tests install (huaweicloudsdkiam); the body is the "
                  "OpenStack Keystone password-auth document"),
)
CHECKED_METHODS = ("POST", "PUT", "PATCH")


def operation_of(rule: BodyRule, body: Any) -> str:
    if rule.model is _gauss_create:
        return _gauss_operation(body)
    if rule.operation in RESTORE_OPERATIONS and isinstance(body, dict) and "restore_point" in body:
        return RESTORE_OPERATIONS[rule.operation]
    return rule.operation


# -- the operations of the SDK's clients -------------------------------------------------------------------------
# service -> (package, client class, the name operations get here, the emulator's path prefix on its main port)
SDK_CLIENTS = {
    "rds": (RDS, "RdsClient", "RDS v3", "/rds"),
    "dds": (DDS, "DdsClient", "DDS", "/dds"),
    "gaussdb": (GAUSSDB, "GaussDBforopenGaussClient", "GaussDB", "/gaussdb"),
}


@dataclass(frozen=True)
class SdkRoute:
    """One operation of an SDK client: its method, path template and request body model."""

    operation: str  # e.g. "RDS v3 StartResizeFlavorAction"
    method: str
    template: str  # e.g. /v3/{project_id}/instances/{instance_id}/action
    package: str
    body_model: Optional[str]  # None: the operation takes no body
    pattern: re.Pattern = field(compare=False, repr=False)

    @property
    def literal(self) -> int:
        """How specific the template is (characters outside {placeholders})."""
        return len(re.sub(r"\{[^}]*\}", "", self.template))


class _RequestStub:  # pylint: disable=too-few-public-methods
    """What a client's _<operation>_http_info needs of a request to describe the operation."""

    attribute_map: dict = {}


@functools.lru_cache(maxsize=None)
def sdk_routes(service: str) -> tuple[SdkRoute, ...]:
    """Every operation of the service's SDK client, read from the client's own _<operation>_http_info methods."""
    if service not in SDK_CLIENTS:
        return ()
    package, client_name, label, prefix = SDK_CLIENTS[service]
    client = getattr(importlib.import_module(package), client_name)
    routes = []
    for name in sorted(dir(client)):
        if not (name.startswith("_") and name.endswith("_http_info")):
            continue
        info = getattr(client, name)(_RequestStub())
        operation = str(info["response_type"])[:-len("Response")]
        request = getattr(importlib.import_module(package), operation + "Request", None)
        body = (getattr(request, "openapi_types", None) or {}).get("body")
        template = str(info["resource_path"])
        regex = "^(?:%s)?%s/?$" % (re.escape(prefix), re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template)))
        routes.append(SdkRoute("%s %s" % (label, operation), str(info["method"]).upper(), template, package, body, re.compile(regex)))
    return tuple(routes)


def _misfit(verdict: Verdict) -> tuple[int, int]:
    """How badly a body fits a model: problems at the top level first (the wrong operation), then all problems."""
    return (sum(1 for problem in verdict.failures if not re.search(r"[.\[]", problem.path)), len(verdict.failures))


def _sdk_verdict(entry: dict, body: Any) -> tuple[Optional[SdkRoute], Optional[Verdict], list[SdkRoute]]:
    """The SDK operation a logged request is checked as: among the most specific routes for its method and path,
    the first whose body model the body fits, else the one it fits best. (None, None, []) when no route matches."""
    method, path = str(entry.get("method")).upper(), str(entry.get("path") or "")
    routes = [route for route in sdk_routes(str(entry.get("service"))) if route.method == method and route.pattern.search(path)]
    if not routes:
        return None, None, []
    most = max(route.literal for route in routes)
    candidates = [route for route in routes if route.literal == most]
    best: Optional[tuple[SdkRoute, Verdict]] = None
    for route in candidates:
        if route.body_model is None:
            verdict = Verdict(route.operation, failures=[Problem("unknown", "", "the operation takes no body")])
        else:
            verdict = judge(route.operation, check_body(body, route.package, route.body_model, check_required=False))
        if not verdict.failures:
            return route, verdict, candidates
        if best is None or _misfit(verdict) < _misfit(best[1]):
            best = (route, verdict)
    assert best is not None
    return best[0], best[1], candidates


@dataclass
class BodyTally:
    """Running counts of the request-body check."""

    checked: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # operation -> count (listed skip rules)
    exceptions: dict[str, int] = field(default_factory=dict)  # "operation: path" -> occurrences
    notes: dict[str, int] = field(default_factory=dict)  # "operation: path: detail" of coerced values -> occurrences
    failures: int = 0
    without_body: int = 0
    operations: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0  # time spent reading request logs and checking them

    def as_dict(self) -> dict:
        return {"checked": self.checked, "skipped": dict(self.skipped), "exceptions": dict(self.exceptions),
                "notes": dict(self.notes), "failures": self.failures, "without_body": self.without_body,
                "operations": dict(self.operations), "seconds": round(self.seconds, 3)}

    def add(self, other: dict) -> None:
        self.seconds += other.get("seconds", 0.0)
        self.checked += other.get("checked", 0)
        self.failures += other.get("failures", 0)
        self.without_body += other.get("without_body", 0)
        for name in ("skipped", "exceptions", "notes", "operations"):
            mine = getattr(self, name)
            for key, count in (other.get(name) or {}).items():
                mine[key] = mine.get(key, 0) + count


def check_logged_request(entry: dict, tally: BodyTally) -> list[str]:
    """Check one request-log entry; returns failure messages (empty when fine or not a checked method)."""
    method = str(entry.get("method")).upper()
    if method not in CHECKED_METHODS:
        return []
    where = "%s %s" % (method, entry.get("path"))
    rule = next((candidate for candidate in BODY_RULES if candidate.matches(entry)), None)
    if rule is not None and rule.skip:
        tally.skipped[rule.operation] = tally.skipped.get(rule.operation, 0) + 1
        return []
    if "body" not in entry or entry["body"] is None:
        tally.without_body += 1
        return []
    body = entry["body"]
    if rule is not None:
        operation = operation_of(rule, body)
        package, model = rule.model(body)
        verdict = judge(operation, check_body(body, package, model, check_required=False))
        alternatives = ""
    else:
        route, found, candidates = _sdk_verdict(entry, body)
        if route is None or found is None:
            tally.failures += 1
            return ["%s: no operation of the SDK's %s client has this method and path (an RDS v1 or unknown API? "
                    "add a rule to BODY_RULES in tests/contract/models.py)" % (where, entry.get("service"))]
        operation, model, verdict = route.operation, str(route.body_model), found
        others = [candidate.operation for candidate in candidates if candidate is not route]
        alternatives = "; the other operations of this path fit worse: %s" % ", ".join(others) if verdict.failures and others else ""
    tally.checked += 1
    tally.operations[operation] = tally.operations.get(operation, 0) + 1
    for problem, _reason in verdict.accepted:
        key = "%s: %s" % (operation, problem.path)
        tally.exceptions[key] = tally.exceptions.get(key, 0) + 1
    for problem in verdict.notes:
        key = "%s: %s: %s" % (operation, problem.path, problem.detail)
        tally.notes[key] = tally.notes.get(key, 0) + 1
    if verdict.failures:
        tally.failures += 1
    return ["%s (%s, SDK model %s): %s%s" % (where, operation, model, problem, alternatives) for problem in verdict.failures]
