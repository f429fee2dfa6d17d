# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deadline-based polling: a job until it ends, then an instance until it is ready."""

from __future__ import annotations

import time
from typing import Any, Callable, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import WaitTimeout

# A probe answers (done, value); it raises to stop waiting with an error.
Probe = Callable[[], Tuple[bool, Any]]
# Gap before the confirming poll: a status can flip back (e.g. ACTIVE -> BACKING UP right after creation).
CONFIRM_GAP = 1.0


class Waiter:
    def __init__(self, deadline: float, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.deadline = deadline
        self.interval = max(0.01, interval)
        self._clock = clock
        self._sleep = sleep

    def remaining(self) -> float:
        return self.deadline - self._clock()

    def _pause(self, seconds: float, what: str, last: Any) -> None:
        remaining = self.remaining()
        if remaining <= 0:
            raise WaitTimeout("timed out waiting for %s (last seen: %s)" % (what, last))
        self._sleep(min(seconds, remaining))

    def until(self, probe: Probe, what: str) -> Any:
        """Poll until the probe is done; no sleep before the first poll."""
        while True:
            done, value = probe()
            if done:
                return value
            self._pause(self.interval, what, value)

    def until_stable(self, probe: Probe, what: str, describe: Callable[[Any], str] = str) -> Any:
        """Poll until the probe is done on two consecutive polls."""
        seen_once = False
        while True:
            done, value = probe()
            if done and seen_once:
                return value
            seen_once = done
            self._pause(min(CONFIRM_GAP, self.interval) if done else self.interval, what, describe(value))
