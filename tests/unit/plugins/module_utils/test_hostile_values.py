# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostile values that would become part of a URL: no request, and no credential, ever goes to a host they chose.

Settings (region, project_id, endpoints, auth_url) are run through the real modules (DbaasModule: the task, the
environment or a clouds.yaml cloud) with AK/SK and with password auth, and must fail before any request at all. Ids
taken from answers (an instance id in ListInstances, a GaussDB source id before ListRestoreTimes, the project id IAM
answers) are run through the real client and adapters in the flow and must fail before a path is built from them.
Every request goes to the responses mock, which answers a host that is not configured with 404 and records it.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, Dict, Optional
from urllib.parse import urlsplit

import pytest
import yaml

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import DbaasModule
from ansible_collections.hwcloud.dbaas.plugins.modules import dds_instance, gauss_restore, rds_instance, rds_replica

from ansible_collections.hwcloud.dbaas.tests.unit.utils.fake_cloud import (
    AKSK, CONFIGURED_HOSTS, ENDPOINTS, GAUSS_SOURCE, IAM, MODULES, PASSWORD, PID, SECRET_KEY, TOKEN, USER_PASSWORD, BY_KEY, Cloud,
    mocked, run_flow,
)

MAINS = {"rds_instance": rds_instance.main, "rds_replica": rds_replica.main, "dds_instance": dds_instance.main,
         "gauss_restore": gauss_restore.main}
AUTHS = {"aksk": AKSK, "password": PASSWORD}
PROFILE_NAME = "hostile"


@dataclass
class Setting:
    """A hostile value of one connection option, and where the module reads it from."""

    option: str  # region, project_id, endpoints, auth_url
    value: str
    source: str = "task"  # task, an environment variable's name, or "profile" (clouds.yaml)

    def named(self, service: str) -> str:
        """The option the failure must name."""
        return "endpoints.%s" % service if self.option == "endpoints" else self.option


REGIONS = ["evil.com/x?", "eu-de.evil.com", "EU-DE", "eu-de#", "eu de", "../x", "eu-de@evil.com", "eu-de\n", "eu-de/",
           "evil.com:443", "eu-de%2f..", "a" * 65]
PROJECT_IDS = ["../../x", "a" * 31, "pid/../", PID + "\n", PID[:-1] + "g", PID + "0", "%2e%2e%2f" + PID[9:]]
ENDPOINT_URLS = ["http://api.evil.test", "https://user:pw@api.example.test", "https://api.example.test/?q", "ftp://api.example.test",
                 "//api.evil.test", "https://api.example.test/#x", "http://127.0.0.1.evil.test", "http://localhost@evil.test",
                 "https://evil.test\\@api.example.test", "api.example.test", "https://api.example.test/x?", "https://api.example.test\n"]
AUTH_URLS = ["http://iam.evil.test/v3", "https://user:pw@iam.example.test/v3", "https://iam.example.test/v3?x=1",
             "ftp://iam.example.test/v3", "//iam.evil.test/v3", "https://iam.example.test/v3#", "https://iam.evil.test /v3"]

SETTINGS = ([Setting("region", value) for value in REGIONS]
            + [Setting("region", "evil.com/x?", "HW_REGION_NAME"), Setting("region", "eu-de.evil.com", "OS_REGION_NAME"),
               Setting("region", "evil.com/x?", "profile")]
            + [Setting("project_id", value) for value in PROJECT_IDS]
            + [Setting("project_id", "../../x", "HW_PROJECT_ID"), Setting("project_id", "pid/../", "profile")]
            + [Setting("endpoints", value) for value in ENDPOINT_URLS]
            + [Setting("endpoints", "http://api.evil.test", "HW_ENDPOINTS"), Setting("endpoints", "https://user:pw@api.example.test", "profile")]
            + [Setting("auth_url", value) for value in AUTH_URLS]
            + [Setting("auth_url", "http://iam.evil.test/v3", "HW_AUTH_URL"), Setting("auth_url", "//iam.evil.test/v3", "profile")])

# Ids in answers that must never become part of a path.
INSTANCE_IDS = ["../x", "a/b", "x?y", "id#1", "..", "a@b", "x y", "id\n", "%2e%2e", "x\\y", "evil.test/..", "a" * 129]
SOURCE_IDS = ["../x", "a/b", "x?y", "id#1", "..", "id\n"]
IAM_PROJECT_IDS = ["../../x", "a" * 31, "evil.test", PID + "\n", PID[:-1] + "g", ""]


def assert_nothing_left_for_a_foreign_host(rsps: Any) -> None:
    """On the responses calls list: no request to a host that was not configured; the password only in the token
    request (KeystoneCreateUserTokenByPassword) to the configured IAM; the secret key never."""
    for call in rsps.calls:
        request = call.request
        host = urlsplit(request.url).netloc
        body = request.body.decode("utf-8", "replace") if isinstance(request.body, bytes) else str(request.body or "")
        text = body + json.dumps(dict(request.headers))
        assert host in CONFIGURED_HOSTS, (request.method, request.url)
        if request.url != IAM + "/auth/tokens":
            assert USER_PASSWORD not in text, request.url
        assert SECRET_KEY not in text, request.url


# settings, through the real modules --------------------------------------------------------------------------------
class Exit(Exception):
    def __init__(self, kind: str, result: Dict[str, Any]) -> None:
        super().__init__(kind)
        self.kind = kind
        self.result = result


@pytest.fixture
def module_run(monkeypatch, tmp_path):
    """Run a module's main() in-process: no HW_/OS_ variables from outside, a home of its own; returns the Exit."""
    for name in list(__import__("os").environ):
        if name.startswith(("HW_", "OS_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))

    def leave(kind):
        def exit_(self, **result):
            raise Exit(kind, result)
        return exit_
    monkeypatch.setattr(DbaasModule, "exit_json", leave("exit"))
    monkeypatch.setattr(DbaasModule, "fail_json", leave("fail"))

    def run(key: str, args: Dict[str, Any], environ: Dict[str, str], profile: Optional[Dict[str, Any]]) -> Exit:
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        if profile is not None:
            path = tmp_path / "clouds.yaml"
            path.write_text(yaml.safe_dump({"clouds": {PROFILE_NAME: profile}}), encoding="utf-8")
            args = dict(args, cloud_profile=PROFILE_NAME, cloud_profile_file=str(path))
        monkeypatch.setattr(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args})))
        monkeypatch.setattr(basic, "_ANSIBLE_PROFILE", "legacy", raising=False)
        with pytest.raises(Exit) as caught:
            MAINS[key]()
        return caught.value
    return run


def task_for(setting: Setting, key: str, auth: str):
    """(task args, environment, clouds.yaml cloud) with the hostile value in its place and everything else sound."""
    service = BY_KEY[key].service
    connection: Dict[str, Any] = {"region": "eu-de", "project_id": PID, "endpoints": dict(ENDPOINTS)}
    connection.update(AUTHS[auth])
    if setting.option == "region":
        # No endpoint overrides and no auth_url: every host, IAM's too, would be made from the region.
        connection.pop("endpoints")
        connection.pop("auth_url", None)
    value: Any = {service: setting.value} if setting.option == "endpoints" else setting.value
    if setting.option == "endpoints":
        value = dict(ENDPOINTS, **value)
    environ: Dict[str, str] = {}
    profile: Optional[Dict[str, Any]] = None
    if setting.source == "task":
        connection[setting.option] = value
    else:
        connection.pop(setting.option, None)
        if setting.source == "profile":
            profile = {"region_name": value} if setting.option == "region" else (
                {"endpoints": value} if setting.option == "endpoints" else {"auth": {setting.option: value}})
        else:
            environ[setting.source] = json.dumps(value) if setting.option == "endpoints" else value
    return dict(connection, name=BY_KEY[key].name, state="absent"), environ, profile


@pytest.mark.parametrize("auth", sorted(AUTHS))
@pytest.mark.parametrize("key", sorted(MAINS))
@pytest.mark.parametrize("setting", SETTINGS, ids=["%s-%s-%r" % (s.option, s.source, s.value) for s in SETTINGS])
def test_a_hostile_setting_fails_before_any_request(module_run, setting, key, auth):
    args, environ, profile = task_for(setting, key, auth)
    with mocked() as rsps:
        cloud = Cloud(rsps, BY_KEY[key], exists=True)
        outcome = module_run(key, args, environ, profile)
        assert list(rsps.calls) == [], [call.request.url for call in rsps.calls]
    assert outcome.kind == "fail", outcome.result
    assert outcome.result["msg"].startswith(setting.named(BY_KEY[key].service) + ":"), outcome.result["msg"]
    assert cloud.sent == [], [(sent.method, sent.url) for sent in cloud.sent]
    assert USER_PASSWORD not in outcome.result["msg"]


# ids in answers, through the client and the flow -------------------------------------------------------------------
def flow_params(module, auth: str, **override: Any) -> Dict[str, Any]:
    params = module.params(**override)
    for option in ("access_key", "secret_key"):
        params.pop(option)
    params.update(AUTHS[auth])
    return params


@pytest.mark.parametrize("auth", sorted(AUTHS))
@pytest.mark.parametrize("module", MODULES, ids=[module.key for module in MODULES])
@pytest.mark.parametrize("hostile", INSTANCE_IDS, ids=[repr(value) for value in INSTANCE_IDS])
def test_state_absent_never_deletes_by_an_id_that_is_not_well_formed(module, hostile, auth):
    with mocked() as rsps:
        cloud = Cloud(rsps, module, records=[module.listed(hostile)])
        with pytest.raises(DbaasError) as caught:
            run_flow(module, flow_params(module, auth, state="absent"))
        assert_nothing_left_for_a_foreign_host(rsps)
    assert cloud.writes() == []
    assert [sent.operation for sent in cloud.sent if sent.operation not in ("token", "list")] == []
    assert "it was not put into a URL" in str(caught.value) or "unexpected shape" in str(caught.value), str(caught.value)


@pytest.mark.parametrize("auth", sorted(AUTHS))
@pytest.mark.parametrize("hostile", SOURCE_IDS, ids=[repr(value) for value in SOURCE_IDS])
def test_a_gauss_source_id_that_is_not_well_formed_never_reaches_restore_time(hostile, auth):
    module = dataclasses.replace(BY_KEY["gauss_restore"], others=[dict(GAUSS_SOURCE, id=hostile)])
    with mocked() as rsps:
        cloud = Cloud(rsps, module)
        with pytest.raises(DbaasError) as caught:
            run_flow(module, flow_params(module, auth, backup=None, restore_time="2024-05-01T10:00:00Z"))
        assert_nothing_left_for_a_foreign_host(rsps)
    assert "the source instance id" in str(caught.value) and "it was not put into a URL" in str(caught.value), str(caught.value)
    assert [sent.operation for sent in cloud.sent if sent.operation != "token"] == ["list", "source"]


@pytest.mark.parametrize("auth", sorted(AUTHS))
@pytest.mark.parametrize("hostile", IAM_PROJECT_IDS, ids=[repr(value) for value in IAM_PROJECT_IDS])
def test_a_project_id_answered_by_iam_that_is_not_32_hex_is_never_used(hostile, auth):
    """Password auth: the project of the token (KeystoneCreateUserTokenByPassword); AK/SK: KeystoneListProjects by name."""
    module = BY_KEY["rds_instance"]
    params = flow_params(module, auth, state="absent", project_id=None, auth_url=IAM)
    with mocked() as rsps:
        cloud = Cloud(rsps, module, exists=True, iam_project_id=hostile, projects=[{"id": hostile, "name": "eu-de"}])
        with pytest.raises(DbaasError) as caught:
            run_flow(module, params)
        assert_nothing_left_for_a_foreign_host(rsps)
    assert "project id" in str(caught.value) or "unexpected shape" in str(caught.value), str(caught.value)
    assert {sent.operation for sent in cloud.sent} <= {"token", "projects"}, [sent.url for sent in cloud.sent]


@pytest.mark.parametrize("auth", sorted(AUTHS))
def test_the_same_tasks_with_sound_values_reach_only_the_configured_hosts(auth):
    """The control: the cases above fail because of the hostile value, not because the set-up cannot work."""
    for module in MODULES:
        with mocked() as rsps:
            cloud = Cloud(rsps, module, exists=True)
            result = run_flow(module, flow_params(module, auth, state="absent", auth_url=IAM))
            assert_nothing_left_for_a_foreign_host(rsps)
        assert result["changed"] is True
        assert [sent.method for sent in cloud.writes()] == ["DELETE"]
        assert {sent.host for sent in cloud.sent} <= CONFIGURED_HOSTS
        if auth == "password":
            assert cloud.sent[0].operation == "token" and USER_PASSWORD in cloud.sent[0].body
            assert all(sent.headers.get("X-Auth-Token") == TOKEN for sent in cloud.sent[1:])


def test_the_table_counts():
    values = {(setting.option, setting.value) for setting in SETTINGS}
    values |= {("instance id", value) for value in INSTANCE_IDS} | {("source id", value) for value in SOURCE_IDS}
    values |= {("iam project id", value) for value in IAM_PROJECT_IDS}
    assert len(values) >= 15
    assert {option for option, _value in values} == {"region", "project_id", "endpoints", "auth_url", "instance id", "source id",
                                                     "iam project id"}
