# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deadline-based polling with a fake clock: no real sleeps."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, JobFailed, WaitTimeout
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter


class Script:
    """A probe answering from a list of (done, value) pairs; records the clock at each poll."""

    def __init__(self, clock, answers):
        self.clock = clock
        self.answers = list(answers)
        self.polls = []

    def __call__(self):
        self.polls.append(self.clock())
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return answer


class RecordingTime:
    """Fake clock whose sleep also records the remaining time before each sleep."""

    def __init__(self, deadline_offset):
        self.now = 0.0
        self.deadline = deadline_offset
        self.sleeps = []
        self.remaining_at_sleep = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.remaining_at_sleep.append(self.deadline - self.now)
        self.now += seconds


def make(fake_time, timeout=100.0, interval=5.0):
    return Waiter(fake_time.now + timeout, interval, clock=fake_time, sleep=fake_time.sleep)


def test_until_polls_before_sleeping(fake_time):
    probe = Script(fake_time, [(True, "done")])
    assert make(fake_time).until(probe, "job") == "done"
    assert len(probe.polls) == 1
    assert fake_time.sleeps == []


def test_until_sleeps_interval_between_polls(fake_time):
    probe = Script(fake_time, [(False, "Running"), (False, "Running"), (True, "Completed")])
    assert make(fake_time, interval=5).until(probe, "job") == "Completed"
    assert len(probe.polls) == 3
    assert fake_time.sleeps == [5, 5]
    assert probe.polls[0] == 1000.0  # first poll at once


def test_until_stable_first_poll_without_sleep(fake_time):
    probe = Script(fake_time, [(True, "ACTIVE")])
    make(fake_time).until_stable(probe, "instance")
    assert probe.polls[0] == 1000.0


def test_until_stable_needs_two_consecutive_ready_polls(fake_time):
    probe = Script(fake_time, [(True, "ACTIVE"), (False, "BACKING UP"), (True, "ACTIVE"), (True, "ACTIVE-final")])
    assert make(fake_time).until_stable(probe, "instance") == "ACTIVE-final"
    assert len(probe.polls) == 4


def test_until_stable_single_ready_poll_is_not_enough(fake_time):
    probe = Script(fake_time, [(False, "BUILD"), (True, "ACTIVE"), (False, "BACKING UP"), (False, "BACKING UP"),
                               (True, "ACTIVE"), (True, "ACTIVE")])
    make(fake_time).until_stable(probe, "instance")
    assert len(probe.polls) == 6


def test_until_stable_two_ready_in_a_row_at_start(fake_time):
    probe = Script(fake_time, [(True, "ACTIVE"), (True, "ACTIVE")])
    make(fake_time).until_stable(probe, "instance")
    assert len(probe.polls) == 2
    assert len(fake_time.sleeps) == 1


def test_timeout_raises_with_last_status(fake_time):
    statuses = [(False, "BUILD")] * 3 + [(False, "MODIFYING")]
    probe = Script(fake_time, statuses)
    with pytest.raises(WaitTimeout) as info:
        make(fake_time, timeout=30, interval=10).until(probe, "instance i-1 to become ACTIVE")
    assert isinstance(info.value, DbaasError)
    assert "MODIFYING" in str(info.value)
    assert "instance i-1 to become ACTIVE" in str(info.value)
    assert fake_time.now == 1030.0


def test_until_stable_timeout_uses_describe(fake_time):
    probe = Script(fake_time, [(False, {"status": "BUILD"})])
    with pytest.raises(WaitTimeout) as info:
        make(fake_time, timeout=12, interval=5).until_stable(probe, "instance", describe=lambda record: record["status"])
    assert "BUILD" in str(info.value)
    assert "{" not in str(info.value)


def test_timeout_after_deadline_even_on_first_pause(fake_time):
    probe = Script(fake_time, [(False, "BUILD")])
    waiter = Waiter(fake_time.now - 1, 5, clock=fake_time, sleep=fake_time.sleep)
    with pytest.raises(WaitTimeout):
        waiter.until(probe, "instance")
    assert len(probe.polls) == 1  # one look, then no time left
    assert fake_time.sleeps == []


@pytest.mark.parametrize("timeout, interval", [(10, 7), (25, 10), (3, 5), (1, 0.3)])
def test_sleeps_never_exceed_remaining_time(timeout, interval):
    clock = RecordingTime(timeout)
    waiter = Waiter(timeout, interval, clock=clock, sleep=clock.sleep)
    with pytest.raises(WaitTimeout):
        waiter.until(lambda: (False, "BUILD"), "instance")
    assert clock.sleeps, "expected at least one sleep"
    assert all(0 < sleep <= remaining + 1e-9 for sleep, remaining in zip(clock.sleeps, clock.remaining_at_sleep))
    assert clock.now == pytest.approx(timeout)


def test_until_stable_sleeps_never_exceed_remaining_time():
    clock = RecordingTime(7.5)
    waiter = Waiter(7.5, 4, clock=clock, sleep=clock.sleep)
    answers = iter([(False, "BUILD"), (True, "ACTIVE"), (False, "BACKING UP")] + [(False, "BACKING UP")] * 20)
    with pytest.raises(WaitTimeout):
        waiter.until_stable(lambda: next(answers), "instance")
    assert all(sleep <= remaining + 1e-9 for sleep, remaining in zip(clock.sleeps, clock.remaining_at_sleep))
    assert clock.now <= 7.5 + 1e-9


def test_probe_exception_stops_waiting(fake_time):
    def probe():
        raise JobFailed("job-1", "flavor sold out")
    with pytest.raises(JobFailed) as info:
        make(fake_time).until(probe, "job")
    assert fake_time.sleeps == []
    assert info.value.to_dict() == {"message": "job job-1 failed: flavor sold out", "job_id": "job-1", "fail_reason": "flavor sold out"}


def test_job_failed_without_reason_says_so():
    error = JobFailed("job-2", None)
    assert "job-2" in str(error) and "no reason" in str(error)


def test_remaining(fake_time):
    waiter = make(fake_time, timeout=50)
    fake_time.sleep(20)
    assert waiter.remaining() == pytest.approx(30)
