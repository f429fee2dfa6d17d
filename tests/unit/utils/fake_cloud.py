# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A scripted cloud behind every URL (responses) for the four creating modules, and a flow runner with a fake clock.

One callback answers every request: the module's service (the v3 instance API: ListInstances, CreateInstance,
DeleteInstance, ShowJobInfo; GaussDB ListBackups and ListRestoreTimes), IAM (KeystoneCreateUserTokenByPassword,
KeystoneListProjects) and anything else (recorded as foreign, answered 404). One operation can be told to answer in
a broken shape once, so that the tests can follow what the flow does after it.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Flow
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import gauss, rds_replica, rds_v1
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.dds import DdsInstances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter
from ansible_collections.hwcloud.dbaas.plugins.modules import dds_instance, gauss_restore, rds_instance
from ansible_collections.hwcloud.dbaas.plugins.modules import rds_replica as rds_replica_module

from ansible_collections.hwcloud.dbaas.tests.unit.utils.dds_data import SINGLE, listed_record
from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import Clock

PID = "0123456789abcdef0123456789abcdef"
ENDPOINTS = {"rds": "https://rds.example.test", "dds": "https://dds.example.test", "gaussdb": "https://gaussdb.example.test"}
IAM = "https://iam.example.test/v3"
CONFIGURED_HOSTS = frozenset(urlsplit(url).netloc for url in list(ENDPOINTS.values()) + [IAM])
USER_PASSWORD = "Unit-Passw0rd!Secret"
SECRET_KEY = "SK-UNIT-SECRET-0001"
TOKEN = "MIIunit-token-0001"
AKSK = {"access_key": "AK-UNIT-0001", "secret_key": SECRET_KEY}
PASSWORD = {"user_name": "unit-user", "user_password": USER_PASSWORD, "domain_name": "unit-domain", "auth_url": IAM}
CONNECTION = {"region": "eu-de", "project_id": PID, "endpoints": dict(ENDPOINTS), "request_timeout": 30, "wait": True,
              "wait_timeout": 3600, "poll_interval": 5}
WRITES = ("POST", "PUT", "PATCH", "DELETE")
NEW_ID = "4f0c1d2e3b4a59687766554433221100in01"
JOB_ID = "0c8b4d7e-6f5a-4e3d-9c2b-1a0f9e8d7c6b"
DELETE_JOB_ID = "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2910"


def spec_defaults(spec: Mapping[str, Any]) -> Dict[str, Any]:
    return {key: option.get("default") for key, option in spec.items()}


NETWORK = {"vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce", "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
           "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5"}


@dataclass
class Module:
    """One module as the flow drives it: its adapter, its options, and what the cloud lists for it."""

    key: str
    service: str
    adapter: Callable[[Any, Mapping[str, Any]], Any]
    options: Dict[str, Any]
    listed: Callable[[str], Dict[str, Any]]  # the instance of the task as the list shows it, ready, by id
    create_answer: Callable[[Dict[str, Any]], Dict[str, Any]]  # from the create body
    create_key: str  # the key of the create answer the flow relies on
    others: List[Dict[str, Any]] = field(default_factory=list)  # instances that must exist (sources)
    backups: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.options["name"]

    @property
    def base(self) -> str:
        return ENDPOINTS[self.service]

    def params(self, **override: Any) -> Dict[str, Any]:
        values = dict(copy.deepcopy(self.options), **copy.deepcopy(CONNECTION))
        values.update(AKSK)
        values.update(copy.deepcopy(override))
        return values


# rds_instance (RDS v3) ---------------------------------------------------------------------------------------------
RDS_OPTIONS = dict(spec_defaults(rds_instance.ARGUMENT_SPEC), **NETWORK, name="orders-db", engine="mysql", engine_version="8.0",
                   flavor="rds.mysql.s1.large", volume_type="ULTRAHIGH", volume_size=40, availability_zone=["eu-de-01"],
                   password="Rds-Passw0rd!x", api_version="v3", region="eu-de")


def rds_listed(instance_id: str) -> Dict[str, Any]:
    return dict(NETWORK, id=instance_id, name="orders-db", status="ACTIVE", type="Single", region="eu-de",
                datastore={"type": "MySQL", "version": "8.0", "complete_version": "8.0.28"}, flavor_ref="rds.mysql.s1.large",
                volume={"type": "ULTRAHIGH", "size": 40}, port=3306, availability_zone="eu-de-01", related_instance=[])


# rds_replica (RDS v3) ----------------------------------------------------------------------------------------------
REPLICA_SOURCE = {"id": "dsfae23fsfdsae3435in01", "name": "orders-src", "status": "ACTIVE", "type": "Single",
                  "flavor_ref": "rds.mysql.s1.large", "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de",
                  "availability_zone": "eu-de-01", "related_instance": []}
REPLICA_OPTIONS = dict(spec_defaults(rds_replica_module.ARGUMENT_SPEC), name="orders-ro", source_name="orders-src",
                       flavor="rds.mysql.s1.large.rr", availability_zone=["eu-de-02"], region="eu-de")


def replica_listed(instance_id: str) -> Dict[str, Any]:
    return {"id": instance_id, "name": "orders-ro", "status": "ACTIVE", "type": "Replica", "flavor_ref": "rds.mysql.s1.large.rr",
            "volume": {"type": "ULTRAHIGH", "size": 100}, "region": "eu-de", "availability_zone": "eu-de-02",
            "related_instance": [{"id": REPLICA_SOURCE["id"], "type": "replica_of"}]}


# dds_instance ------------------------------------------------------------------------------------------------------
DDS_OPTIONS = dict(spec_defaults(dds_instance.ARGUMENT_SPEC), **copy.deepcopy(
    {key: value for key, value in SINGLE.items() if key in dds_instance.ARGUMENT_SPEC}))
DDS_OPTIONS.update(name="catalog", port=8635, ssl_option=True, region="eu-de")


def dds_listed(instance_id: str) -> Dict[str, Any]:
    return listed_record(dict(SINGLE, name="catalog"), instance_id=instance_id)


def dds_create_answer(body: Dict[str, Any]) -> Dict[str, Any]:
    """DDS CreateInstance answers flat: the instance's fields and job_id."""
    return {"id": NEW_ID, "name": body["name"], "status": "creating", "mode": body["mode"], "job_id": JOB_ID}


# gauss_restore -----------------------------------------------------------------------------------------------------
GAUSS_SOURCE = {"id": "d8e6ca5a624745bcb546a227aa3ae1cfin14", "name": "orders-gauss", "status": "ACTIVE",
                "volume": {"type": "ULTRAHIGH", "size": 160}}
GAUSS_OPTIONS = dict(spec_defaults(gauss_restore.ARGUMENT_SPEC), **NETWORK, name="orders-restored", source_name="orders-gauss",
                     backup="latest", flavor="gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", volume_size=160,
                     availability_zone=["eu-de-01", "eu-de-02", "eu-de-03"], password="Gauss-Passw0rd!x", region="eu-de")
GAUSS_BACKUPS = [{"id": "b-full-1", "name": "orders-gauss-full-1", "status": "COMPLETED", "instance_id": GAUSS_SOURCE["id"],
                  "begin_time": "2024-05-01T01:00:00+0000", "end_time": "2024-05-01T01:10:00+0000"}]


def gauss_listed(instance_id: str) -> Dict[str, Any]:
    return dict(NETWORK, id=instance_id, name="orders-restored", status="ACTIVE", flavor_ref=GAUSS_OPTIONS["flavor"],
                volume={"type": "ULTRAHIGH", "size": 160}, availability_zone="eu-de-01,eu-de-02,eu-de-03", port="8000")


def instance_answer(body: Dict[str, Any]) -> Dict[str, Any]:
    """RDS and GaussDB CreateInstance: {"instance": {...}, "job_id"}."""
    return {"instance": {"id": NEW_ID, "name": body["name"], "status": "BUILD"}, "job_id": JOB_ID}


MODULES = [
    Module("rds_instance", "rds", rds_v1.instance_adapter, RDS_OPTIONS, rds_listed, instance_answer, "instance"),
    Module("rds_replica", "rds", rds_replica.replica_adapter, REPLICA_OPTIONS, replica_listed, instance_answer, "instance",
           others=[REPLICA_SOURCE]),
    Module("dds_instance", "dds", DdsInstances, DDS_OPTIONS, dds_listed, dds_create_answer, "id"),
    Module("gauss_restore", "gaussdb", gauss.GaussRestore, GAUSS_OPTIONS, gauss_listed, instance_answer, "instance",
           others=[GAUSS_SOURCE], backups=GAUSS_BACKUPS),
]
BY_KEY = {module.key: module for module in MODULES}


# the cloud ----------------------------------------------------------------------------------------------------------
@dataclass
class Break:
    """Answer the first request of one operation with this body instead of the good one.

    ``body`` gets the key the operation's answer is read by and the good answer, and returns the bytes to send.
    """

    operation: str
    body: Callable[[str, Any], bytes]
    content_type: str = "application/json"


# The key each operation's answer is read by, and its success status.
ANSWER_KEYS = {"list": "instances", "source": "instances", "poll": "instances", "job": "job", "delete": "job_id",
               "backups": "backups", "restore_time": "restore_time", "token": "token", "projects": "projects"}
SUCCESS = {"create": 202, "delete": 202}


@dataclass
class Sent:
    """One request as the cloud saw it."""

    operation: str
    method: str
    url: str
    host: str
    headers: Dict[str, str]
    body: str
    request_id: str


class Cloud:
    """Serves the module's service and IAM from in-memory records; every other host is foreign (answered 404)."""

    def __init__(self, rsps: Any, module: Module, exists: bool = False, broken: Optional[Break] = None,
                 total_count: bool = True, records: Optional[List[Dict[str, Any]]] = None, iam_project_id: str = PID,
                 projects: Optional[List[Dict[str, Any]]] = None) -> None:
        self.module = module
        self.records: List[Dict[str, Any]] = [copy.deepcopy(record) for record in module.others]
        if exists:
            self.records.append(module.listed("a1b2c3d4e5f60718293a4b5c6d7e8f90in01"))
        self.records.extend(copy.deepcopy(records or []))
        self.broken = broken
        self.broken_at: Optional[int] = None  # index in self.sent of the broken answer
        self.total_count = total_count
        self.iam_project_id = iam_project_id
        self.projects = projects if projects is not None else [{"id": PID, "name": "eu-de"}]
        self.sent: List[Sent] = []
        self.deleting: set = set()  # ids listed once more as DELETING, then gone
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"):
            rsps.add_callback(method, re.compile(r".*"), callback=self.answer, content_type=None)

    # what was sent ----------------------------------------------------------------------------------------------
    def calls(self, operation: Optional[str] = None) -> List[Sent]:
        return [sent for sent in self.sent if operation is None or sent.operation == operation]

    def writes(self) -> List[Sent]:
        return [sent for sent in self.sent if sent.method in WRITES and sent.operation != "token"]

    def writes_after_break(self) -> List[Sent]:
        assert self.broken_at is not None, "the broken answer was never sent"
        return [sent for sent in self.sent[self.broken_at + 1:] if sent.method in WRITES and sent.operation != "token"]

    def foreign(self) -> List[Sent]:
        return [sent for sent in self.sent if sent.host not in CONFIGURED_HOSTS]

    # answering --------------------------------------------------------------------------------------------------
    def answer(self, request: Any) -> Tuple[int, Dict[str, str], bytes]:
        parts = urlsplit(request.url)
        query = dict(parse_qsl(parts.query))
        body = request.body.decode("utf-8", "replace") if isinstance(request.body, bytes) else (request.body or "")
        operation, good, status, extra = self.route(request.method, parts, query, body)
        request_id = "req-%03d" % (len(self.sent) + 1)
        self.sent.append(Sent(operation, request.method, request.url, parts.netloc, dict(request.headers), body, request_id))
        headers = {"X-Request-Id": request_id, "Content-Type": "application/json"}
        headers.update(extra)
        if self.broken is not None and self.broken.operation == operation and self.broken_at is None:
            self.broken_at = len(self.sent) - 1
            headers["Content-Type"] = self.broken.content_type
            key = ANSWER_KEYS.get(operation, self.module.create_key)
            return SUCCESS.get(operation, 200), headers, self.broken.body(key, good)
        return status, headers, json.dumps(good).encode("utf-8")

    def route(self, method: str, parts: Any, query: Dict[str, str], body: str) -> Tuple[str, Any, int, Dict[str, str]]:
        url = "%s://%s%s" % (parts.scheme, parts.netloc, parts.path)
        iam = IAM
        if parts.netloc not in CONFIGURED_HOSTS:
            return "foreign", {"error_code": "TEST.404", "error_msg": "not a configured host"}, 404, {}
        if url == iam + "/auth/tokens" and method == "POST":
            token = {"expires_at": "2099-01-01T00:00:00.000000Z", "project": {"id": self.iam_project_id, "name": "eu-de"}}
            return "token", {"token": token}, 201, {"X-Subject-Token": TOKEN}
        if url == iam + "/projects" and method == "GET":
            return "projects", {"projects": self.projects}, 200, {}
        base = self.module.base + "/v3/" + PID
        if url == base + "/instances" and method == "GET":
            return self.listing(query)
        if url == base + "/instances" and method == "POST":
            return "create", self.create(json.loads(body)), 202, {}
        if url == base + "/jobs" and method == "GET":
            return "job", {"job": {"id": query.get("id"), "status": "Completed", "progress": "100%"}}, 200, {}
        if url == base + "/backups" and method == "GET":
            backups = [item for item in self.module.backups if item["instance_id"] == query.get("instance_id")]
            return "backups", {"backups": backups, "total_count": len(backups)}, 200, {}
        if url.startswith(base + "/instances/") and url.endswith("/restore-time") and method == "GET":
            return "restore_time", {"restore_time": [{"start_time": 1714521600000, "end_time": 1714607999000}]}, 200, {}
        if url.startswith(base + "/instances/") and method == "DELETE":
            instance_id = url[len(base + "/instances/"):]
            if instance_id not in {record.get("id") for record in self.records} or instance_id in self.deleting:
                return "delete", {"error_code": "TEST.404", "error_msg": "no such instance"}, 404, {}
            # DeleteInstance: the instance is listed as deleting once more, then it is gone.
            self.deleting.add(instance_id)
            for record in self.records:
                if record.get("id") == instance_id:
                    record["status"] = "DELETING"
            return "delete", {"job_id": DELETE_JOB_ID}, 202, {}
        return "unknown", {"error_code": "TEST.404", "error_msg": "not served by the test cloud"}, 404, {}

    def listing(self, query: Dict[str, str]) -> Tuple[str, Any, int, Dict[str, str]]:
        """ListInstances: ?id= exact, ?name= fuzzy (the services match names by prefix), paged by offset and limit."""
        if "id" in query:
            operation, hits = "poll", [record for record in self.records if record.get("id") == query["id"]]
            self.records = [record for record in self.records if record.get("id") not in self.deleting]
        else:
            wanted = query.get("name") or ""
            operation = "list" if wanted == self.module.name else "source"
            hits = [record for record in self.records if str(record.get("name", "")).startswith(wanted)]
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 100))
        answer: Dict[str, Any] = {"instances": hits[offset:offset + limit]}
        if self.total_count:
            answer["total_count"] = len(hits)
        return operation, answer, 200, {}

    def create(self, body: Dict[str, Any]) -> Dict[str, Any]:
        self.records.append(self.module.listed(NEW_ID))
        return self.module.create_answer(body)


def run_flow(module: Module, params: Dict[str, Any], check_mode: bool = False) -> Dict[str, Any]:
    """The shared flow with the module's adapter over the real client, with a fake clock (no real sleeps)."""
    clock = Clock()
    client = Client(ClientConfig(params), deadline=clock.now + 3600, clock=clock, sleep=clock.sleep)
    flow = Flow(module.adapter(client, params), params, check_mode, Waiter(clock.now + 3600, 5, clock, clock.sleep))
    return flow.run()


def mocked() -> Any:
    return responses.RequestsMock(assert_all_requests_are_fired=False)
