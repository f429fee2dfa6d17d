# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test helper: one call to the emulator's admin API from inside a play, run on the controller.

An ``ansible.builtin.uri`` task would do the same, but it ships and starts a module (about a second each);
this runs in the controller process in milliseconds, so the fault matrix can install faults between tasks.
"""

from __future__ import annotations

import json
import urllib.request

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

DOCUMENTATION = r'''
module: emulator_admin
short_description: call the emulator's /_admin API (integration tests only)
options:
  url: {description: base URL of the emulator, type: str, required: true}
  path: {description: admin path such as faults or reset, type: str, required: true}
  method: {description: HTTP method, type: str, default: POST}
  body: {description: JSON body, type: raw}
'''


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = self._task.args
        url = "%s/_admin/%s" % (str(args["url"]).rstrip("/"), str(args["path"]).lstrip("/"))
        data = json.dumps(args["body"]).encode("utf-8") if args.get("body") is not None else None
        request = urllib.request.Request(url, data=data, method=str(args.get("method") or "POST"),
                                         headers={"Content-Type": "application/json"})
        try:
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the emulator is local: never via a proxy
            with opener.open(request, timeout=10) as answer:  # nosec - a local test server
                text = answer.read().decode("utf-8")
                result["status"] = answer.status
        except OSError as error:
            raise AnsibleActionFail("emulator admin call %s failed: %s" % (url, error)) from error
        result["json"] = json.loads(text) if text else None
        result["changed"] = False
        return result
