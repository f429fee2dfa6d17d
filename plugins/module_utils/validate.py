# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Declarative input rules, checked before any request is sent.

A rule is a function that returns None when the value is fine and otherwise the
rule the value breaks, in words; a table maps option paths to lists of rules.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, List, Mapping, Optional, Sequence

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError

Rule = Callable[[Any], Optional[str]]

NAME_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"
NAME_TEXT = "must start with a letter and contain only letters, digits, hyphens (-) and underscores (_)"
BACKUP_WINDOW = re.compile(r"^([01]\d|2[0-3]):(00|15|30|45)-([01]\d|2[0-3]):(00|15|30|45)$")


def length(minimum: int, maximum: int) -> Rule:
    def rule(value: Any) -> Optional[str]:
        if not minimum <= len(str(value)) <= maximum:
            return "must be %d to %d characters long (got %d)" % (minimum, maximum, len(str(value)))
        return None
    return rule


def pattern(regex: str, text: str) -> Rule:
    compiled = re.compile(regex)

    def rule(value: Any) -> Optional[str]:
        return None if compiled.fullmatch(str(value)) else text
    return rule


def int_range(minimum: int, maximum: int, excluded: Iterable[int] = (), also: Iterable[int] = ()) -> Rule:
    excluded_set, also_set = frozenset(excluded), frozenset(also)

    def rule(value: Any) -> Optional[str]:
        number = int(value)
        allowed = number in also_set or (minimum <= number <= maximum and number not in excluded_set)
        if allowed:
            return None
        text = "must be between %d and %d" % (minimum, maximum)
        if also_set:
            text = "must be %s or between %d and %d" % (" or ".join(str(port) for port in sorted(also_set)), minimum, maximum)
        if excluded_set:
            text += ", except %s" % ", ".join(str(port) for port in sorted(excluded_set))
        return "%s (got %s)" % (text, value)
    return rule


def multiple_of(step: int) -> Rule:
    def rule(value: Any) -> Optional[str]:
        return None if int(value) % step == 0 else "must be a multiple of %d (got %s)" % (step, value)
    return rule


def one_of(allowed: Sequence[str], what: str = "") -> Rule:
    def rule(value: Any) -> Optional[str]:
        if str(value) in allowed:
            return None
        return "must be one of %s%s (got %s)" % (", ".join(allowed), what, value)
    return rule


def count(minimum: int, maximum: int, what: str) -> Rule:
    def rule(value: Any) -> Optional[str]:
        number = len(value)
        if minimum <= number <= maximum:
            return None
        wanted = str(minimum) if minimum == maximum else "%d to %d" % (minimum, maximum)
        return "needs %s %s (got %d)" % (wanted, what, number)
    return rule


def password(specials: str, all_classes: bool = False) -> Rule:
    """8-32 characters, at least three of upper/lower/digit/special (all four with all_classes), specials only from the engine's set."""
    def rule(value: Any) -> Optional[str]:
        text = str(value)
        if not 8 <= len(text) <= 32:
            return "must be 8 to 32 characters long"
        invalid = sorted(set(ch for ch in text if not ch.isalnum() and ch not in specials))
        if invalid or any(ord(ch) > 127 for ch in text):
            return "may contain only letters, digits and the special characters %s" % specials
        classes = [any(ch.isupper() for ch in text), any(ch.islower() for ch in text),
                   any(ch.isdigit() for ch in text), any(ch in specials for ch in text)]
        if all_classes and not all(classes):
            return "must contain upper-case letters, lower-case letters, digits and special characters (%s)" % specials
        if sum(classes) < 3:
            return "must contain at least three of: upper-case letters, lower-case letters, digits, special characters (%s)" % specials
        return None
    return rule


def backup_window(value: Any) -> Optional[str]:
    """hh:mm-HH:MM in UTC, HH one hour after hh, equal minutes from 00/15/30/45."""
    match = BACKUP_WINDOW.fullmatch(str(value))
    if not match:
        return "must look like hh:mm-HH:MM with minutes 00, 15, 30 or 45 (got %s)" % value
    start_hour, start_minute, end_hour, end_minute = match.groups()
    if (int(start_hour) + 1) % 24 != int(end_hour) or start_minute != end_minute:
        return "must end exactly one hour after it starts, e.g. 08:15-09:15 (got %s)" % value
    return None


def lookup(params: Mapping[str, Any], path: str) -> Any:
    value: Any = params
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def check(params: Mapping[str, Any], table: Mapping[str, List[Rule]]) -> None:
    """Raise ValidationError for the first rule broken by a value the user set."""
    for path, rules in table.items():
        value = lookup(params, path)
        if value is None:
            continue
        for rule in rules:
            broken = rule(value)
            if broken:
                raise ValidationError(path, broken)


def require(params: Mapping[str, Any], paths: Iterable[str], when: str) -> None:
    for path in paths:
        value = lookup(params, path)
        if value is None or value == "" or value == []:
            raise ValidationError(path, "is required %s" % when)
