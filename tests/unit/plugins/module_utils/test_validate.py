# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generic input rules: each returns None for a good value and the broken rule in words otherwise."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.dbaas.plugins.module_utils import validate as v
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError

MYSQL_SPECIALS = "~!@#$%^*-_=+?,()&"
POSTGRESQL_SPECIALS = "~!@#$%^*-_=+?,"
SQLSERVER_SPECIALS = "~!@#$%^*-_+?,"


# length ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["abcd", "a" * 64, "a" * 10])
def test_length_accepts_bounds(value):
    assert v.length(4, 64)(value) is None


@pytest.mark.parametrize("value, got", [("abc", 3), ("a" * 65, 65), ("", 0)])
def test_length_rejects_outside(value, got):
    text = v.length(4, 64)(value)
    assert "4 to 64 characters" in text and "got %d" % got in text


# pattern ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["db1", "A-b_c", "x"])
def test_name_pattern_accepts(value):
    assert v.pattern(v.NAME_PATTERN, v.NAME_TEXT)(value) is None


# "db1\n": a regex ending in '$' with re.match lets a trailing newline through
@pytest.mark.parametrize("value", ["1db", "-db", "_db", "db.1", "db 1", "d\u00e9b", "db1\n"])
def test_name_pattern_rejects(value):
    assert v.pattern(v.NAME_PATTERN, v.NAME_TEXT)(value) == v.NAME_TEXT


def test_pattern_returns_given_text():
    assert v.pattern(r"^\d+$", "digits only")("x") == "digits only"


# int_range -------------------------------------------------------------------------------------
def test_int_range_bounds_inclusive():
    rule = v.int_range(40, 4000)
    assert rule(40) is None and rule(4000) is None and rule("100") is None
    assert "between 40 and 4000" in rule(39) and "got 39" in rule(39)
    assert rule(4001) is not None


def test_int_range_excluded():
    rule = v.int_range(1024, 65535, excluded=(12017, 33071))
    assert rule(3306) is None
    for port in (12017, 33071):
        text = rule(port)
        assert text and "except 12017, 33071" in text and "got %d" % port in text
    assert rule(1023) is not None


def test_int_range_also_outside_range():
    rule = v.int_range(2100, 9500, excluded=(5355, 5985), also=(1433,))
    assert rule(1433) is None
    assert rule(2100) is None and rule(9500) is None
    assert rule(1434) is not None
    text = rule(5985)
    assert "1433 or between 2100 and 9500" in text and "except 5355, 5985" in text


# multiple_of ---------------------------------------------------------------------------------
def test_multiple_of():
    rule = v.multiple_of(10)
    assert rule(40) is None and rule(0) is None
    assert rule(45) == "must be a multiple of 10 (got 45)"


# one_of ----------------------------------------------------------------------------------------
def test_one_of():
    rule = v.one_of(("COMMON", "ULTRAHIGH"), " for this region")
    assert rule("COMMON") is None
    text = rule("common")  # case-sensitive
    assert "COMMON, ULTRAHIGH for this region" in text and "got common" in text


# count -----------------------------------------------------------------------------------------
def test_count_exact():
    rule = v.count(2, 2, "availability zones")
    assert rule(["a", "b"]) is None
    assert rule(["a"]) == "needs 2 availability zones (got 1)"
    assert rule(["a", "b", "c"]) == "needs 2 availability zones (got 3)"


def test_count_range():
    rule = v.count(2, 16, "mongos nodes")
    assert rule(list(range(16))) is None
    assert rule([1]) == "needs 2 to 16 mongos nodes (got 1)"


# password --------------------------------------------------------------------------------------
@pytest.mark.parametrize("specials, value", [
    (MYSQL_SPECIALS, "Test@12345678"),
    (MYSQL_SPECIALS, "abc(def)&123"),          # lower, digit, special from the MySQL set
    (MYSQL_SPECIALS, "ABCDEFGH12a"),           # upper, lower, digit: no special needed
    (POSTGRESQL_SPECIALS, "pass=word+1"),
    (SQLSERVER_SPECIALS, "Sql+Server1"),
    (MYSQL_SPECIALS, "Aa1!" * 8),              # 32 characters
    (MYSQL_SPECIALS, "Aa1!Aa1!"),              # 8 characters
])
def test_password_accepts(specials, value):
    assert v.password(specials)(value) is None


@pytest.mark.parametrize("value", ["Aa1!Aa1", "Aa1!" * 8 + "A"])
def test_password_length(value):
    assert "8 to 32" in v.password(MYSQL_SPECIALS)(value)


@pytest.mark.parametrize("specials, value, bad", [
    (POSTGRESQL_SPECIALS, "Passw0rd()", "("),    # parentheses are MySQL only
    (POSTGRESQL_SPECIALS, "Passw0rd&x", "&"),
    (SQLSERVER_SPECIALS, "Passw0rd=x", "="),     # '=' is not allowed for SQL Server
    (MYSQL_SPECIALS, "Pass word1", " "),
    (MYSQL_SPECIALS, "Passw0rd/x", "/"),
    (MYSQL_SPECIALS, "Passw\u00f6rd1", "\u00f6"),  # letters outside ASCII
])
def test_password_special_set_per_engine(specials, value, bad):
    text = v.password(specials)(value)
    assert text and "special characters" in text and specials in text


@pytest.mark.parametrize("value", ["abcdefgh1", "ABCDEFGH1", "abcdEFGH", "abcd!!!!", "12345678!", "ABCD!!!!"])
def test_password_needs_three_classes(value):
    text = v.password(MYSQL_SPECIALS)(value)
    assert text and "at least three" in text


# backup window ---------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["08:15-09:15", "23:00-00:00", "00:45-01:45", "22:30-23:30", "09:00-10:00"])
def test_backup_window_valid(value):
    assert v.backup_window(value) is None


@pytest.mark.parametrize("value, hint", [
    ("08:15-09:30", "one hour"),    # minutes differ
    ("08:15-10:15", "one hour"),    # two hours
    ("09:15-08:15", "one hour"),    # backwards
    ("23:00-01:00", "one hour"),
    ("08:10-09:10", "hh:mm-HH:MM"),  # minutes not in 00/15/30/45
    ("8:15-9:15", "hh:mm-HH:MM"),
    ("24:00-01:00", "hh:mm-HH:MM"),
    ("08:15", "hh:mm-HH:MM"),
    ("08:15 - 09:15", "hh:mm-HH:MM"),
    ("08:15-09:15\n", "hh:mm-HH:MM"),  # '$' alone would let a trailing newline through
])
def test_backup_window_invalid(value, hint):
    text = v.backup_window(value)
    assert text and hint in text and value in text


# lookup / check / require ----------------------------------------------------------------------
def test_lookup_paths():
    params = {"a": {"b": {"c": 1}}, "x": None, "s": "text"}
    assert v.lookup(params, "a.b.c") == 1
    assert v.lookup(params, "a.missing") is None
    assert v.lookup(params, "x.y") is None
    assert v.lookup(params, "s.y") is None


def test_check_skips_unset_values_and_reports_first_broken_rule():
    table = {"name": [v.length(4, 64), v.pattern(v.NAME_PATTERN, v.NAME_TEXT)], "size": [v.int_range(40, 4000)]}
    v.check({"name": "good-name", "size": None}, table)
    with pytest.raises(ValidationError) as info:
        v.check({"name": "1x"}, table)
    assert info.value.option == "name"
    assert "4 to 64" in info.value.rule  # the length rule comes first
    assert info.value.to_dict() == {"option": "name", "rule": info.value.rule, "message": "name: " + info.value.rule}


def test_check_nested_path():
    with pytest.raises(ValidationError) as info:
        v.check({"backup_strategy": {"start_time": "08:15-09:30"}}, {"backup_strategy.start_time": [v.backup_window]})
    assert info.value.option == "backup_strategy.start_time"


@pytest.mark.parametrize("value", [None, "", []])
def test_require(value):
    with pytest.raises(ValidationError) as info:
        v.require({"a": "x", "b": value}, ("a", "b"), "when state=present")
    assert info.value.option == "b"
    assert info.value.rule == "is required when state=present"


def test_require_passes():
    v.require({"a": "x", "b": 0, "c": {"d": False}}, ("a", "b", "c.d"), "always")
