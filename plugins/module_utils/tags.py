# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Instance tags: the rules of the tag APIs, and what to add and remove to reach the task's tags."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError

# RDS v3 BatchTagAddAction (TagWithKeyValue), also DDS and GaussDB: at most 20 tags; a key of 1 to 128 characters of
# letters, digits, spaces and _.:=+-@, not starting with _sys_ and without leading or trailing spaces; a value of at
# most 255 characters, may be empty. (The Open Telekom Cloud reference is stricter: keys up to 36 and values up to 43
# characters of letters, digits, - _ @; a key or value beyond those is refused there by the service.)
MAX_TAGS = 20
KEY = re.compile(r"^[\w .:=+\-@]{1,128}$", re.UNICODE)
VALUE = re.compile(r"^[\w .:=+\-@/]{0,255}$", re.UNICODE)


def check_tags(tags: Optional[Mapping[str, Any]], option: str = "tags") -> None:
    """The documented key and value rules, before any request."""
    if tags is None:
        return
    if len(tags) > MAX_TAGS:
        raise ValidationError(option, "at most %d tags per instance (got %d)" % (MAX_TAGS, len(tags)))
    for key, value in tags.items():
        key = str(key)
        if not KEY.match(key) or key != key.strip() or key.lower().startswith("_sys_"):
            raise ValidationError(option, "key %r must be 1 to 128 letters, digits, spaces or _.:=+-@, without leading or trailing "
                                          "spaces and not starting with _sys_" % key)
        if value is None or not VALUE.match(str(value)):
            raise ValidationError(option, "value of %r must be at most 255 letters, digits, spaces or _.:=+-@/ (got %r)" % (key, value))


def as_dict(listed: Any) -> Dict[str, str]:
    """Tags as a dict, from the list shape of the APIs: [{"key", "value"}] (GaussDB: "value" is a list)."""
    found: Dict[str, str] = {}
    for item in listed or []:
        if isinstance(item, Mapping) and item.get("key") is not None:
            value = item.get("value")
            if isinstance(value, list):
                value = value[0] if value else ""
            found[str(item["key"])] = "" if value is None else str(value)
    return found


def as_list(tags: Optional[Mapping[str, Any]]) -> Optional[List[Dict[str, str]]]:
    """Tags in the shape of the create and add APIs, [{"key", "value"}] sorted by key; None when there are none."""
    if not tags:
        return None
    return [{"key": str(key), "value": str(value)} for key, value in sorted(tags.items())]


def changes(wanted: Mapping[str, Any], found: Mapping[str, str], purge: bool) -> Tuple[List[str], Dict[str, str]]:
    """(keys to remove, tags to add) to turn found into wanted; a changed value is removed, then added again.

    Whether adding an existing key replaces its value is documented for DDS only, so a changed value is removed first.
    """
    wanted_text = {str(key): str(value) for key, value in wanted.items()}
    changed = [key for key, value in wanted_text.items() if key in found and found[key] != value]
    extra = [key for key in found if key not in wanted_text] if purge else []
    add = {key: value for key, value in wanted_text.items() if found.get(key) != value}
    return sorted(extra + changed), add
