#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ansible-core matrix: the oldest release meta/runtime.yml claims and the newest one, each in its own venv.

usage: run.py [--only CORE[,CORE]] [--skip-sanity] [--skip-smoke] CORE=PYTHON [CORE=PYTHON ...]

For each CORE=PYTHON pair (for example 2.16=3.11), in build/matrix/CORE:

1. a virtual environment made with that Python (from pyenv's versions, or pythonX.Y on PATH) holding the newest
   patch release of ansible-core CORE and requirements.txt; kept while the same interpreter and requirements are
   asked for, so a second run installs nothing and needs no network;
2. ansible-test sanity, with --requirements, over a staged copy of the collection, limited to the tests whose
   result depends on the ansible-core release: validate-modules, ansible-doc, compile, import and runtime-metadata
   (pep8, pylint and the rest are run once, by `make sanity`);
3. a smoke run against a local emulator: examples/site.yml twice (the first run changes something, the second
   nothing) and tests/matrix/role.yml (the database_tier role) once.

The oldest pair must be the minimum of requires_ansible in meta/runtime.yml. The newest is checked against the
package index (when it answers): a newer ansible-core minor release than the newest pair is reported, not fatal.
The versions are run in parallel (the first run of a venv mostly waits for downloads). Exit code 0 when every
step of every version passed.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "build" / "matrix"
SANITY_TESTS = ("validate-modules", "ansible-doc", "compile", "import", "runtime-metadata")
COLLECTIONS = REPO / "build" / "collections"


def find_python(version: str) -> str:
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = sorted(glob.glob(os.path.join(root, "versions", version + ".*", "bin", "python" + version)),
                   key=lambda path: [int(part) for part in re.findall(r"\d+", path.split("/versions/")[1].split("/")[0])])
    if found:
        return found[-1]
    on_path = shutil.which("python" + version)
    if on_path:
        return on_path
    raise SystemExit("no Python %s found (pyenv versions or python%s on PATH)" % (version, version))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def quiet_pip(output: str) -> str:
    return "\n".join(line for line in output.splitlines() if "is ignored: it is neither a file nor a directory" not in line)


class Version:
    """One ansible-core release line of the matrix and its log."""

    def __init__(self, core: str, python: str) -> None:
        self.core = core
        self.python_version = python
        self.dir = BUILD / core
        self.venv = self.dir / "venv"
        self.bin = self.venv / "bin"
        self.log_path = self.dir / "run.log"
        self.results: list = []
        self.installed = "?"
        self.python_full = "?"
        self.ok = True

    def log(self, text: str) -> None:
        with open(self.log_path, "a", encoding="utf-8") as handle:
            handle.write(text.rstrip("\n") + "\n")

    def run(self, command: list, cwd: Path = REPO, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
        self.log("$ " + " ".join(str(part) for part in command))
        completed = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                                   timeout=timeout, check=False)
        self.log(quiet_pip(completed.stdout + completed.stderr))
        return completed

    def step(self, name: str, function) -> None:
        start = time.monotonic()
        try:
            detail = function() or ""
            status = "PASS"
        except Exception as error:  # pylint: disable=broad-except
            detail = str(error)
            status = "FAIL"
            self.ok = False
        self.results.append((status, name, time.monotonic() - start, detail))
        self.log("== %s %s (%.0fs) %s" % (status, name, time.monotonic() - start, detail))

    def env(self, **extra: str) -> dict:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("HW_", "OS_", "ANSIBLE_", "VIRTUAL_ENV"))}
        env["PATH"] = "%s%s%s" % (self.bin, os.pathsep, env.get("PATH", ""))
        env.update(extra)
        return env

    # --- steps ---

    def venv_ready(self) -> str:
        interpreter = find_python(self.python_version)
        major, minor = (int(part) for part in self.core.split("."))
        requirements = [line.strip() for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
                        if line.strip() and not line.startswith("#")]
        packages = ["ansible-core>=%d.%d,<%d.%d" % (major, minor, major, minor + 1)] + requirements
        wanted = json.dumps({"python": interpreter, "packages": packages}, sort_keys=True)
        stamp = self.venv / ".matrix-stamp"
        if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted and (self.bin / "ansible-test").exists()):
            shutil.rmtree(self.venv, ignore_errors=True)
            if self.run([interpreter, "-m", "venv", self.venv]).returncode:
                raise RuntimeError("could not create %s" % self.venv)
            if self.run([self.bin / "python", "-m", "pip", "install", "--quiet", *packages]).returncode:
                raise RuntimeError("pip install %s failed" % " ".join(packages))
            stamp.write_text(wanted, encoding="utf-8")
        probe = self.run([self.bin / "python", "-c", "import platform, ansible.release; print(ansible.release.__version__, platform.python_version())"])
        self.installed, self.python_full = probe.stdout.split()
        if not self.installed.startswith(self.core + "."):
            raise RuntimeError("ansible-core %s installed, %s.x expected" % (self.installed, self.core))
        return "ansible-core %s on Python %s" % (self.installed, self.python_full)

    def sanity(self) -> str:
        stage = self.dir / "sanity" / "ansible_collections" / "hwcloud" / "dbaas"
        # The pip version that ansible-test bootstraps in its venvs differs per release: the offline bootstrap
        # script goes where this release's ansible-test looks for it.
        if self.run([self.bin / "python", "tests/tools/install_get_pip.py"]).returncode:
            raise RuntimeError("tests/tools/install_get_pip.py failed")
        if self.run([self.bin / "python", "tests/tools/stage_collection.py", REPO, stage]).returncode:
            raise RuntimeError("staging failed")
        self.run(["git", "init", "--quiet"], cwd=stage)
        tests = [arg for name in SANITY_TESTS for arg in ("--test", name)]
        completed = self.run([self.bin / "ansible-test", "sanity", "--python", self.python_version, "--requirements", *tests],
                             cwd=stage, env=self.env(), timeout=1500)
        if completed.returncode:
            errors = [line for line in (completed.stdout + completed.stderr).splitlines() if "ERROR" in line]
            raise RuntimeError("ansible-test sanity failed: " + " | ".join(errors[:8]))
        return "%s on Python %s" % (", ".join(SANITY_TESTS), self.python_version)

    def smoke(self) -> str:
        work = self.dir / "smoke"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        port = free_port()
        url = "http://127.0.0.1:%d" % port
        # The emulator is the project's own (the .venv that runs this script has flask); the playbooks run with
        # this version's ansible-playbook and modules run with this version's interpreter.
        with open(work / "emulator.log", "w", encoding="utf-8") as emulator_log:
            emulator = subprocess.Popen(  # pylint: disable=consider-using-with
                [sys.executable, "-m", "tests.emulator", "--host", "127.0.0.1", "--port", str(port), "--state",
                 str(work / "state.db"), "--ready-delay", "0"], cwd=REPO, stdout=emulator_log, stderr=subprocess.STDOUT)
            try:
                if self.run([sys.executable, "tests/tools/wait_http.py", url + "/_admin/config", "20", str(emulator.pid)]).returncode:
                    raise RuntimeError("the emulator did not start: see %s" % (work / "emulator.log"))
                return self.playbooks(work, url)
            finally:
                emulator.terminate()
                try:
                    emulator.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    emulator.kill()

    def playbooks(self, work: Path, url: str) -> str:
        demo = subprocess.run(["bash", "-c", 'set -a; . examples/demo.env; env -0'], cwd=REPO, capture_output=True, text=True,
                              env={"EMULATOR_URL": url, "PATH": os.environ.get("PATH", "")}, check=True).stdout
        demo_env = dict(item.split("=", 1) for item in demo.split("\0") if "=" in item)
        env = self.env(ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
                       ANSIBLE_PYTHON_INTERPRETER=str(self.bin / "python"), ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
                       ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
                       HW_TOKEN_CACHE=str(work / "token-cache"),
                       **{key: value for key, value in demo_env.items() if key.startswith("HW_") or key == "DEMO_DB_PASSWORD"})
        counts = []
        for run, playbook in enumerate(("examples/site.yml", "examples/site.yml", "tests/matrix/role.yml"), 1):
            completed = self.run([self.bin / "ansible-playbook", "-i", "localhost,", "-c", "local", playbook], env=env, timeout=600)
            (work / ("run%d.log" % run)).write_text(completed.stdout + completed.stderr, encoding="utf-8")
            recap = recap_counts(completed.stdout)
            if completed.returncode or recap.get("failed", 1) or recap.get("unreachable", 0):
                raise RuntimeError("%s (run %d) failed: see %s" % (playbook, run, work / ("run%d.log" % run)))
            counts.append(recap["changed"])
        if counts[0] < 1 or counts[1] != 0 or counts[2] < 1:
            raise RuntimeError("changed counts %s: expected >= 1, then 0 (demo), then >= 1 (role)" % counts)
        return "demo changed=%d then changed=%d, role changed=%d" % tuple(counts)


def recap_counts(output: str) -> dict:
    counts: dict = {}
    recap = output.split("PLAY RECAP", 1)[-1] if "PLAY RECAP" in output else ""
    for key, value in re.findall(r"\b(ok|changed|unreachable|failed|skipped|rescued|ignored)=(\d+)", recap):
        counts[key] = counts.get(key, 0) + int(value)
    return counts


def claimed_minimum() -> str:
    runtime = yaml.safe_load((REPO / "meta" / "runtime.yml").read_text(encoding="utf-8"))
    found = re.match(r"^\s*>=\s*(\d+)\.(\d+)", runtime["requires_ansible"])
    if not found:
        raise SystemExit("meta/runtime.yml: requires_ansible %r has no >= lower bound" % runtime["requires_ansible"])
    return "%s.%s" % found.groups()


def newest_on_index(version: Version) -> str | None:
    """The newest ansible-core minor release the package index serves to this Python, or None when it cannot tell."""
    try:
        completed = subprocess.run([str(version.bin / "python"), "-m", "pip", "index", "versions", "ansible-core"],
                                   capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r"ansible-core \((\d+)\.(\d+)\.", completed.stdout)
    return "%s.%s" % found.groups() if found else None


def main(argv: list) -> int:
    args = argv[1:]
    skip_sanity = "--skip-sanity" in args
    skip_smoke = "--skip-smoke" in args
    only = None
    if "--only" in args:
        only = set(args[args.index("--only") + 1].split(","))
    pairs = [arg.split("=", 1) for arg in args if re.match(r"^\d+\.\d+=\d+\.\d+$", arg)]
    if not pairs:
        sys.stderr.write(__doc__)
        return 2
    minimum = claimed_minimum()
    if pairs[0][0] != minimum:
        print("error: meta/runtime.yml requires_ansible starts at %s, the oldest version of the matrix is %s" % (minimum, pairs[0][0]))
        return 1
    versions = [Version(core, python) for core, python in pairs if only is None or core in only]
    for version in versions:
        version.dir.mkdir(parents=True, exist_ok=True)
        version.log_path.write_text("", encoding="utf-8")

    def pipeline(version: Version) -> None:
        version.step("venv", version.venv_ready)
        if not version.ok:
            return
        if not skip_sanity:
            version.step("sanity", version.sanity)
        if not skip_smoke:
            version.step("smoke", version.smoke)

    start = time.monotonic()
    threads = [threading.Thread(target=pipeline, args=(version,)) for version in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    for version in versions:
        verdict = "PASS" if version.ok else "FAIL (log: %s)" % version.log_path.relative_to(REPO)
        print(">> ansible-core %s (%s), Python %s: %s" % (version.core, version.installed, version.python_full, verdict))
        for status, name, seconds, detail in version.results:
            print("   %-4s %-7s %5.0fs  %s" % (status, name, seconds, detail))
    newest = pairs[-1][0]
    if versions and versions[-1].core == newest and versions[-1].ok:
        served = newest_on_index(versions[-1])
        if served and tuple(int(part) for part in served.split(".")) > tuple(int(part) for part in newest.split(".")):
            print(">> note: the package index serves ansible-core %s; the newest version of the matrix is %s (MATRIX in the Makefile)"
                  % (served, newest))
    print(">> matrix done in %.0fs" % (time.monotonic() - start))
    return 0 if all(version.ok for version in versions) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
