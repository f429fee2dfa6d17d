# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument-spec failures name the option, also when ansible-core's first error does not.

Found by the bad-input table: a dict option with suboptions given a string failed with only
"dictionary requested, could not parse JSON or key=value".
"""

from __future__ import annotations

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.hwcloud.dbaas.plugins.module_utils.module import name_the_option, secret_values

SPEC = {
    "backup_strategy": {"type": "dict", "options": {"start_time": {"type": "str", "required": True}, "keep_days": {"type": "int"}}},
    "volume_size": {"type": "int"},
    "password": {"type": "str", "no_log": True},
}


def first_error(params):
    result = ArgumentSpecValidator(SPEC).validate(params)
    return result.errors.msg, result


def test_dict_option_given_a_string_is_named():
    msg, result = first_error({"backup_strategy": "08:15-09:15"})
    assert "backup_strategy" not in msg  # what ansible-core reports first
    named = name_the_option(msg, result)
    assert named.startswith("argument 'backup_strategy' is of type str")
    assert "unable to convert to dict" in named


@pytest.mark.parametrize("params", [{"volume_size": "big"}, {"backup_strategy": {"keep_days": 3}}])
def test_messages_that_name_the_option_are_kept(params):
    msg, result = first_error(params)
    assert name_the_option(msg, result) == msg


def test_other_failures_are_untouched():
    assert name_the_option("source_name: no GaussDB instance named 'x' was found", None) == "source_name: no GaussDB instance named 'x' was found"
    _msg, result = first_error({"backup_strategy": "08:15-09:15"})
    assert name_the_option("something else", result) == "something else"


# secrets: ansible-core stops collecting no_log values at the first option of the wrong type ----------------
NESTED = {
    "password": {"type": "str", "no_log": True},
    "backup_strategy": {"type": "dict", "options": {"start_time": {"type": "str"}}},
    "users": {"type": "list", "elements": "dict", "options": {"name": {"type": "str"}, "secret": {"type": "str", "no_log": True}}},
    "profile": {"type": "dict", "options": {"key": {"type": "str", "no_log": True}}},
}


def test_core_misses_the_password_when_a_dict_option_is_a_string():
    result = ArgumentSpecValidator(NESTED).validate({"password": "Hidden-Pw0rd-1", "backup_strategy": "oops"})
    assert "Hidden-Pw0rd-1" not in result._no_log_values  # pylint: disable=protected-access  # the reason for secret_values


def test_secret_values_walks_suboptions_and_survives_wrong_types():
    params = {"password": "Hidden-Pw0rd-1", "backup_strategy": "oops", "users": [{"name": "a", "secret": "S3cret-A"}, "not-a-dict"],
              "profile": {"key": "K3y"}}
    assert sorted(secret_values(NESTED, params)) == sorted(["Hidden-Pw0rd-1", "S3cret-A", "K3y"])
    assert secret_values(NESTED, {"password": None, "profile": "flat"}) == []
    assert secret_values(NESTED, "not-a-dict") == []
