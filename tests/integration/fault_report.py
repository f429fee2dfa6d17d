# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault matrix's report: per fault and module, the outcome, the seconds the task took, the requests it sent, the
fault answers it met, and for a failed task the attempts and seconds the error reports and the message text.

tests/integration/test_fault_matrix.py records its rows as the user property ``fault_matrix`` (they travel from
pytest-xdist workers with the test reports); this plugin collects them, writes build/fault-matrix.json and prints them
at the end of the run. Nothing here is asserted: the seconds depend on the machine.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

PROPERTY = "fault_matrix"


class FaultMatrixReport:
    """A pytest plugin (registered by tests/integration/conftest.py)."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root
        self.rows: List[Dict[str, Any]] = []

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.when == "call":
            for name, value in getattr(report, "user_properties", ()):
                if name == PROPERTY:
                    self.rows.extend(value)

    def pytest_terminal_summary(self, terminalreporter: Any, config: Any) -> None:
        if hasattr(config, "workeroutput") or not self.rows:
            return
        rows = sorted(self.rows, key=lambda row: (row["order"], row["module_order"]))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"rows": rows}, indent=1) + "\n", encoding="utf-8")
        write = terminalreporter.write_line
        failed = [row for row in rows if row["outcome"] == "failed"]
        write("fault matrix: %d faults x %d modules, %d tasks ok, %d failed (details: %s)"
              % (len({row["fault"] for row in rows}), len({row["module"] for row in rows}), len(rows) - len(failed), len(failed),
                 self.path.relative_to(self.root)))
        for row in rows:
            line = "  %-26s %-16s %-7s %6.1f s  %3d requests, %d fault answer(s)" % (
                row["fault"], row["module"], row["outcome"], row["seconds"] or 0.0, row["requests"], row["fault_answers"])
            if row["outcome"] == "failed":
                tried = ", after %s attempts in %s s" % (row["attempts"], row["attempt_seconds"]) if row["attempts"] else ""
                line += "%s: %s" % (tried, _short(row["message"]))
            write(line)


def _short(message: Any, limit: int = 160) -> str:
    text = " ".join(str(message or "").split())
    return text if len(text) <= limit else text[:limit - 3] + "..."
