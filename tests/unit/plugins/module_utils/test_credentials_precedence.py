# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""credentials.resolve: task > clouds.yaml cloud > environment > default, credentials and project taken as groups."""

from __future__ import annotations

import itertools

import pytest

from ansible_collections.hwcloud.dbaas.plugins.module_utils.credentials import (
    OPTIONS, SOURCES, check_credentials, check_resolved, credential_method, environment_options, given, resolve,
)
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError

PLAIN = ("region", "auth_url", "platform")
LAYERS = ("task", "profile", "environment")


def values(chosen):
    return {option: value for option, (value, _source) in chosen.items()}


def sources(chosen):
    return {option: source for option, (_value, source) in chosen.items()}


@pytest.mark.parametrize("option", PLAIN)
@pytest.mark.parametrize("present", [combo for size in range(4) for combo in itertools.combinations(LAYERS, size)])
def test_a_plain_option_comes_from_the_first_source_that_sets_it(option, present):
    """Every combination of task / profile / environment for one option: the earliest source wins."""
    pick = {"region": "r-%s", "auth_url": "https://iam.%s.example/v3", "platform": "%s"}[option]
    given_layers = {layer: ({option: pick % layer} if layer in present else {}) for layer in LAYERS}
    if option == "platform":  # only the two platform names are valid; the value shows the source anyway through the source
        given_layers = {layer: ({option: "otc"} if layer in present else {}) for layer in LAYERS}
    chosen = resolve(given_layers["task"], given_layers["profile"], given_layers["environment"])
    value, source = chosen[option]
    if not present:
        assert source == ("default" if option == "platform" else None)
        assert value == ("huaweicloud" if option == "platform" else None)
        return
    assert source == present[0]
    if option != "platform":
        assert value == pick % present[0]


def test_sources_are_in_the_documented_order():
    assert SOURCES == ("task", "profile", "environment", "default")


def test_defaults_apply_only_when_nothing_sets_the_option():
    chosen = resolve({}, {}, {})
    assert chosen["platform"] == ("huaweicloud", "default")
    assert chosen["endpoints"] == ({}, "default")
    assert all(chosen[option] == (None, None) for option in OPTIONS if option not in ("platform", "endpoints"))


@pytest.mark.parametrize("empty", [None, "", {}])
def test_empty_values_count_as_not_set(empty):
    assert not given(empty)
    chosen = resolve({"region": empty, "endpoints": empty}, {"region": "eu-de"}, {"endpoints": {"rds": "https://rds.env"}})
    assert chosen["region"] == ("eu-de", "profile")
    assert chosen["endpoints"] == ({"rds": "https://rds.env"}, "environment")


def test_zero_and_false_are_values():
    assert given(0) and given(False)


def test_endpoints_are_taken_whole_not_merged_per_service():
    chosen = resolve({"endpoints": {"rds": "https://rds.task"}}, {"endpoints": {"dds": "https://dds.profile"}}, {})
    assert chosen["endpoints"] == ({"rds": "https://rds.task"}, "task")


# credentials --------------------------------------------------------------------------------------------------------
AKSK = {"access_key": "AK", "secret_key": "SK"}
PASSWORD = {"user_name": "u", "user_password": "p", "domain_name": "d"}
TOKEN = {"token": "t"}


@pytest.mark.parametrize("task, profile, environment, method, expected", [
    # one source only
    ({}, {}, AKSK, "aksk", AKSK),
    ({}, PASSWORD, {}, "password", PASSWORD),
    (TOKEN, {}, {}, "token", TOKEN),
    # a later source's other method is dropped, whatever the client order of the methods
    (TOKEN, {}, AKSK, "token", TOKEN),
    ({}, PASSWORD, AKSK, "password", PASSWORD),
    (PASSWORD, AKSK, TOKEN, "password", PASSWORD),
    (AKSK, PASSWORD, {}, "aksk", AKSK),
    # the same method is completed from later sources, option by option
    ({"user_password": "task-p"}, {"user_name": "u", "domain_name": "d"}, {}, "password",
     {"user_name": "u", "user_password": "task-p", "domain_name": "d"}),
    ({"domain_name": "d"}, {}, {"user_name": "u", "user_password": "p", "access_key": "AK"}, "password", PASSWORD),
    ({"secret_key": "task-SK"}, {"access_key": "AK", "secret_key": "SK"}, {}, "aksk", {"access_key": "AK", "secret_key": "task-SK"}),
    ({}, {"access_key": "AK"}, {"secret_key": "SK", "user_name": "u"}, "aksk", AKSK),
    # one source giving two methods: the client order (AK/SK, token, password)
    ({}, dict(PASSWORD, **AKSK), {}, "aksk", AKSK),
    ({}, dict(PASSWORD, **TOKEN), {}, "token", TOKEN),
    # nothing at all
    ({}, {}, {}, None, {}),
])
def test_credentials_are_never_mixed_across_methods(task, profile, environment, method, expected):
    assert credential_method(list(zip(LAYERS, (task, profile, environment)))) == method
    chosen = values(resolve(task, profile, environment))
    credentials = {option: chosen[option] for option in
                   ("access_key", "secret_key", "security_token", "token", "user_name", "user_password", "domain_name")
                   if chosen[option] is not None}
    assert credentials == expected


def test_a_security_token_goes_only_with_the_access_key_of_its_source():
    stale = resolve(AKSK, {}, {"security_token": "old-temporary-token"})
    assert stale["security_token"] == (None, None)
    same = resolve({}, dict(AKSK, security_token="st"), {"security_token": "other"})
    assert same["security_token"] == ("st", "profile")
    alone = resolve({"security_token": "st"}, AKSK, {})
    assert alone["access_key"][1] == "profile" and alone["security_token"] == (None, None)


# project ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("task, profile, environment, expected", [
    ({}, {"project_name": "eu-de_prod"}, {"project_id": "env-id"}, {"project_id": None, "project_name": ("eu-de_prod", "profile")}),
    ({"project_id": "task-id"}, {"project_name": "eu-de_prod"}, {}, {"project_id": ("task-id", "task"), "project_name": None}),
    ({}, {"project_id": "p-id", "project_name": "p-name"}, {"project_name": "env-name"},
     {"project_id": ("p-id", "profile"), "project_name": ("p-name", "profile")}),
    ({}, {}, {"project_id": "env-id"}, {"project_id": ("env-id", "environment"), "project_name": None}),
])
def test_project_id_and_name_come_from_one_source(task, profile, environment, expected):
    chosen = resolve(task, profile, environment)
    for option, want in expected.items():
        assert chosen[option] == (want if want else (None, None))


# auth_url against endpoints.iam ---------------------------------------------------------------------------------------
def test_an_earlier_auth_url_replaces_endpoints_iam():
    chosen = resolve({"auth_url": "https://iam.task/v3"}, {"endpoints": {"iam": "https://iam.profile/v3", "rds": "https://rds.p"}}, {})
    assert chosen["endpoints"] == ({"iam": "https://iam.task/v3", "rds": "https://rds.p"}, "profile")


def test_a_later_auth_url_does_not_replace_endpoints_iam():
    chosen = resolve({"endpoints": {"iam": "https://iam.task/v3"}}, {"auth_url": "https://iam.profile/v3"}, {})
    assert chosen["endpoints"] == ({"iam": "https://iam.task/v3"}, "task")
    assert chosen["auth_url"] == ("https://iam.profile/v3", "profile")


def test_auth_url_without_endpoints_iam_leaves_endpoints_alone():
    chosen = resolve({"auth_url": "https://iam.task/v3"}, {"endpoints": {"rds": "https://rds.p"}}, {})
    assert chosen["endpoints"] == ({"rds": "https://rds.p"}, "profile")


# checks -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("task, missing", [
    ({"access_key": "AK"}, "secret_key"),
    ({"secret_key": "secret-value-123"}, "access_key"),
    ({"user_name": "u", "user_password": "p"}, "domain_name"),
    ({"domain_name": "d"}, "user_name"),
])
def test_an_incomplete_method_names_the_missing_option(task, missing):
    with pytest.raises(ValidationError) as raised:
        check_credentials(resolve(task, {}, {}))
    assert raised.value.option == missing
    assert str(raised.value).startswith(missing + ": is required with ")
    assert "set in the task" in str(raised.value)
    assert "secret-value-123" not in str(raised.value)


def test_complete_or_absent_credentials_pass():
    check_credentials(resolve({}, {}, {}))
    check_credentials(resolve(TOKEN, {}, {}))
    check_credentials(resolve({}, PASSWORD, {}))
    check_credentials(resolve({"access_key": "AK"}, {}, {"secret_key": "SK"}))


def test_check_resolved_requires_a_region_and_a_known_cloud():
    good = values(resolve({"region": "eu-de"}, {}, {}))
    check_resolved(good)
    with pytest.raises(ValidationError, match=r"^region: is required: set region in the task, region_name in the clouds.yaml cloud"):
        check_resolved(values(resolve({}, {}, {})))
    with pytest.raises(ValidationError, match=r"^platform: must be one of huaweicloud, otc \(got azure\)"):
        check_resolved(values(resolve({"region": "eu-de"}, {"platform": "azure"}, {})))


# the environment --------------------------------------------------------------------------------------------------
def test_environment_prefers_hw_names_then_os_names():
    found = environment_options({"HW_REGION_NAME": "eu-de", "OS_REGION_NAME": "eu-nl", "OS_USERNAME": "os-user",
                                 "OS_USER_DOMAIN_NAME": "OTC-1", "OS_DOMAIN_NAME": "OTC-2", "OS_PASSWORD": "pw"})
    assert found == {"region": "eu-de", "user_name": "os-user", "domain_name": "OTC-1", "user_password": "pw"}


@pytest.mark.parametrize("variable, option", [
    ("HW_ACCESS_KEY", "access_key"), ("HW_SECRET_KEY", "secret_key"), ("HW_REGION_NAME", "region"), ("HW_PROJECT_ID", "project_id"),
    ("HW_AUTH_URL", "auth_url"), ("HW_USER_NAME", "user_name"), ("HW_PASSWORD", "user_password"), ("HW_DOMAIN_NAME", "domain_name"),
    ("HW_TOKEN", "token"), ("OS_ACCESS_KEY", "access_key"), ("OS_SECRET_KEY", "secret_key"), ("OS_REGION_NAME", "region"),
    ("OS_PROJECT_ID", "project_id"), ("OS_AUTH_URL", "auth_url"), ("OS_USERNAME", "user_name"), ("OS_PASSWORD", "user_password"),
    ("OS_USER_DOMAIN_NAME", "domain_name"), ("OS_DOMAIN_NAME", "domain_name"), ("OS_TOKEN", "token"), ("OS_AUTH_TOKEN", "token"),
    ("HW_PROJECT_NAME", "project_name"), ("OS_PROJECT_NAME", "project_name"), ("OS_TENANT_NAME", "project_name"),
    ("HW_SECURITY_TOKEN", "security_token"), ("OS_SECURITY_TOKEN", "security_token"), ("HW_PLATFORM", "platform"),
])
def test_every_documented_variable_is_read(variable, option):
    assert environment_options({variable: "value"}) == {option: "value"}


def test_empty_variables_are_skipped():
    assert environment_options({"HW_REGION_NAME": "", "OS_REGION_NAME": "eu-nl"}) == {"region": "eu-nl"}


def test_hw_endpoints_is_json():
    assert environment_options({"HW_ENDPOINTS": '{"rds": "https://rds.x"}'}) == {"endpoints": {"rds": "https://rds.x"}}
    with pytest.raises(ValidationError, match=r"^endpoints: HW_ENDPOINTS must be a JSON object"):
        environment_options({"HW_ENDPOINTS": "rds=https://rds.x"})
    with pytest.raises(ValidationError):
        environment_options({"HW_ENDPOINTS": '["https://rds.x"]'})
