# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmark's cases (tests/benchmarks/run.py) once each, at small sizes.

Only the structural figures are asserted (request counts, IAM requests, created/duplicated/failed instances), never
times: the timed figures belong to `make bench`.
"""

from __future__ import annotations

import pytest

from tests.benchmarks import run as bench_run
from tests.integration.harness import Ansible, Emulator, ensure_collection_link


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    """One emulator for the whole file: the converged instances are created once and reused by the cases."""
    ensure_collection_link()
    workdir = tmp_path_factory.mktemp("bench")
    emulator = Emulator(workdir / "emulator", ready_delay=0.2)
    try:
        yield bench_run.Bench(emulator, Ansible(emulator, workdir), workdir)
    finally:
        emulator.stop()


@pytest.mark.parametrize("module", [subject.module for subject in bench_run.SUBJECTS])
@pytest.mark.parametrize("auth", ["aksk", "password"])
def test_converged_task_costs_its_target_requests_and_no_iam(bench, module, auth):
    subject = bench_run.SUBJECT[module]
    figures = bench_run.converged_case(bench, subject, auth, iterations=1)
    assert figures["requests"] == subject.requests, figures
    assert figures["iam"] == 0, figures
    assert figures["changed"] == 0 and figures["writes"] == 0, figures
    counts_row = bench_run.converged_rows(figures)[0]
    assert counts_row.met is True


def test_direct_runs_of_the_module_and_of_uri_converge(bench):
    figures = bench_run.process_case(bench, bench_run.SUBJECT["rds_instance"], runs=1)
    assert figures["module_cpu"] > 0 and figures["uri_cpu"] > 0
    assert figures["module_rss_kib"] > 0
    assert len(bench_run.process_rows(figures)) == 1


def test_token_is_fetched_once_then_read_from_the_disk_cache(bench):
    figures = bench_run.token_case(bench, tasks_count=8)
    assert figures["first_iam"] == 1, figures
    assert figures["rerun_iam"] == 0, figures
    # Two tasks of each module: 1 + 2 + 1 + 1 requests each, on both runs.
    assert figures["first_requests"] == figures["rerun_requests"] == 2 * 5, figures


def test_create_case_module_and_uri_baselines(bench):
    figures = bench_run.create_case(bench, delay=1.0, poll=0.5, iterations=1, sleep=1.0, sleep_poll=0.5)
    module = figures["module"]
    assert module["iam"] == 0 and module["posts"] == 1, module
    assert module["rerun_requests"] == 1 and module["rerun_iam"] == 0 and module["rerun_changed"] == 0, module
    for strategy in ("until", "sleep_then_poll"):
        baseline = figures[strategy]
        # A hand-written playbook fetches a token on every run; it creates once and then only looks the instance up.
        assert baseline["iam"] == 1 and baseline["posts"] == 1, (strategy, baseline)
        assert baseline["rerun_iam"] == 1 and baseline["rerun_requests"] == 1, (strategy, baseline)
    rows = bench_run.create_rows(figures)
    assert rows[-1].met is True


def test_scale_case_one_request_whatever_the_tenant_size(bench):
    all_figures = bench_run.scale_case(bench, sizes=[10, 200], iterations=1)
    assert [figures["size"] for figures in all_figures] == [10, 200]
    for figures in all_figures:
        assert figures["requests"] == 1 and figures["iam"] == 0, figures
        assert figures["direct_requests"] == 1 and figures["direct_iam"] == 0, figures
        assert figures["rss_kib"] > 0
    assert all_figures[-1]["project_instances"] >= 200
    assert len(bench_run.scale_rows(all_figures)) == 3 * len(all_figures)


def test_throttle_case_creates_each_instance_once(bench):
    figures = bench_run.throttle_case(bench, creates=4, forks=2, rps=5)
    assert (figures["created"], figures["duplicates"], figures["failures"]) == (4, 0, 0), figures
    assert figures["accepted"] >= 4 * 2
    assert bench.emulator.admin("GET", "faults")["faults"] == []
    assert bench_run.throttle_rows(figures)[0].met is True


def test_day2_case_converged_options_cost_one_list_and_an_update_is_one_write(bench):
    converged = [bench_run.day2_converged_case(bench, subject, iterations=1) for subject in bench_run.SUBJECTS]
    for figures in converged:
        assert "add_tags" in figures["applied"], figures
        assert figures["requests"] == figures["target_requests"] and figures["writes"] == 0 and figures["changed"] == 0, figures
    update = bench_run.day2_update_case(bench, delay=1.0, poll=0.5, iterations=1)
    assert update["requests"] >= 3, update  # at least the list, the write and a read of the result
    writes = [entry for entry in bench.emulator.requests() if entry["method"] != "GET"]
    assert [(entry["method"], entry["path"].rsplit("/", 1)[-1]) for entry in writes] == [("PUT", "port")]
    rows = bench_run.day2_rows(converged, update)
    assert [row.met for row in rows if row.figure.startswith("converged")] == [True] * len(converged)


def test_parallel_figures_become_rows():
    figures = {"count": 10, "delay_s": 5.0, "a_wait_true_s": 60.0, "b_loop_and_wait_s": 12.0, "target_b_s": 16.0, "expected_a_s": 50.0,
               "met": True, "wait_polls": 7, "wait_requests": 9}
    rows = bench_run.parallel_rows(figures)
    assert [row.met for row in rows] == [None, True, None]
    assert rows[1].ratio == "0.20x"
    assert len(bench_run.parallel_rows({"other": 1.5})) == 1


def test_one_table_with_a_row_per_figure():
    rows = [bench_run.Row("1 a", "requests", "1", target="1", met=True), bench_run.Row("1 a", "seconds", "2", target="1", met=False)]
    text = bench_run.render(rows, ["- machine: test"])
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(rows)
    assert table[-1].endswith("| **no** |")
    assert text.count("| case | figure |") == 1


def test_options_default_to_the_documented_sizes():
    options = bench_run.parse_args([])
    assert options.sizes == [10, 1000, 10000]
    assert options.cases == list(bench_run.ALL_CASES)
    assert (options.creates, options.forks, options.rps, options.delay) == (20, 5, 5.0, 5.0)
    assert bench_run.parse_args(["--iterations", "1"]).create_iterations == 1
