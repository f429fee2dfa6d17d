# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test helper: appends every task result as one JSON line to $RECORD_RESULTS_FILE."""

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r'''
name: record_results
type: aggregate
short_description: write task results as JSON lines for the integration tests
description:
  - Appends one JSON object per task result to the file named by E(RECORD_RESULTS_FILE).
requirements:
  - the environment variable RECORD_RESULTS_FILE
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "record_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._task_started = time.monotonic()

    def v2_playbook_on_task_start(self, task, is_conditional) -> None:
        self._task_started = time.monotonic()

    def _write(self, result, outcome: str) -> None:
        path = os.environ.get("RECORD_RESULTS_FILE")
        if not path:
            return
        line = {"task": result.task_name, "outcome": outcome, "seconds": time.monotonic() - self._task_started,
                "host": result._host.get_name(), "result": result._result}  # pylint: disable=protected-access
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, default=str) + "\n")

    def v2_runner_on_ok(self, result) -> None:
        self._write(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False) -> None:
        self._write(result, "failed")

    def v2_runner_on_skipped(self, result) -> None:
        self._write(result, "skipped")
