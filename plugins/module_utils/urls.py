# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Strict rules for every value that becomes part of a URL, so that no setting or answer can choose the host.

A region is pasted into host names (rds.{region}.myhuaweicloud.com), a project id and instance ids into paths:
``region: "evil.com/x?"`` would send requests, and with password auth the IAM password, to a host of its choosing.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError

# The patterns end with \Z, not $: $ also matches before a trailing line break ("eu-de\n").
# Region names: lower-case letters, digits and hyphens (eu-de, eu-ch2, cn-north-4, ap-southeast-1).
REGION = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# IAM project ids: 32 hexadecimal characters.
PROJECT_ID = re.compile(r"^[0-9a-fA-F]{32}\Z")
# Ids taken from answers before they go into a path: letters, digits, - and _ (never /, ?, #, @ or ..).
PATH_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}\Z")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


def check_region(value: Any, option: str = "region") -> None:
    if not (isinstance(value, str) and len(value) <= 64 and REGION.match(value)):
        raise ValidationError(option, "must be a region name of lower-case letters, digits and hyphens, for example eu-de or "
                                      "cn-north-4 (got %r)" % (value,))


def check_project_id(value: Any, option: str = "project_id") -> None:
    if not (isinstance(value, str) and PROJECT_ID.match(value)):
        raise ValidationError(option, "must be a project id of 32 hexadecimal characters (got %r)" % (value,))


def check_endpoint(option: str, value: Any) -> None:
    """An absolute https URL; http only to a loopback address (a local emulator). No user info, query or fragment."""
    text = str(value)
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in text):
        # urlsplit drops tabs and line breaks, requests refuses them: refused here, where the option can be named.
        raise ValidationError(option, "must not contain spaces, tabs, line breaks or other control characters (got %r)" % text)
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # pylint: disable=pointless-statement  # raises ValueError for a port that is not a number
    except ValueError:
        raise ValidationError(option, "must be an absolute URL such as https://rds.eu-de.otc.t-systems.com (got %r)" % text) from None
    if parts.scheme not in ("https", "http") or not host:
        raise ValidationError(option, "must be an absolute https URL such as https://rds.eu-de.otc.t-systems.com (got %r)" % text)
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        raise ValidationError(option, "must use https; http is accepted only for a loopback address such as 127.0.0.1 (got %r)" % text)
    if "@" in parts.netloc or "?" in text or "#" in text or "\\" in text:  # also an empty query or fragment ("https://host/x?")
        raise ValidationError(option, "must not carry user info, a query or a fragment (got %r)" % text)


def path_id(value: Any, what: str) -> str:
    """An id that goes into a URL path, checked first; the answers it comes from are not trusted to be well formed."""
    text = str(value) if value is not None else ""
    if not PATH_ID.match(text):
        raise DbaasError("%s %r is not a well-formed id (letters, digits, - and _); it was not put into a URL" % (what, text))
    return text
