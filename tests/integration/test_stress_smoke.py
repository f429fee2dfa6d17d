# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One small round of tests/benchmarks/stress.py: 10 creates, 5 forks, against a throttle of 5 requests per second."""

from __future__ import annotations

from tests.benchmarks.stress import stress


def test_parallel_creates_under_a_throttle_lose_and_double_nothing(cloud, tmp_path):
    report = stress(cloud, tmp_path, tasks=10, forks=5, rps=5, wait_timeout=300)
    text = "\n".join(report.lines())
    assert report.ok, text
    assert report.created == 10 and report.duplicates == 0 and report.missing == [] and report.failures == []
    assert report.throttled > 0, "the throttle never refused a request: the parallelism was not real\n" + text
    assert report.wall >= report.minimum, text
    rds = cloud.requests("rds")
    posts = [entry for entry in rds if entry["method"] == "POST" and entry["status"] == 202]
    assert len(posts) == 10  # one accepted create per instance
    assert len({entry["client_token"] for entry in posts}) == 10
