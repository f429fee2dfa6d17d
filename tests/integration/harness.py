# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the emulator and ansible-playbook for the integration tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml

REPO = Path(__file__).resolve().parents[2]
COLLECTIONS = REPO / "build" / "collections"
CALLBACKS = Path(__file__).resolve().parent / "callback_plugins"

ACCESS_KEY = "EMULATORACCESSKEY0001"
SECRET_KEY = "emulator-secret-key-0001"
USER_NAME = "emulator-user"
USER_PASSWORD = "Emulator-Passw0rd!"
DOMAIN_NAME = "emulator-domain"
REGION = "eu-de"
PROJECT_ID = "0483b6b16e954cb88930a360d2c4e663"
# The emulator lays out RDS v1 like Huawei Cloud (/v1), and eu-de alone would mean Open Telekom Cloud.
PLATFORM = "huaweicloud"
# module_defaults: a group hands its options to every module of the group, and the read-only (_info) modules take no
# wait options, so these go to the modules that wait, by name.
WAIT_OPTIONS = ("wait", "wait_timeout", "poll_interval")
WAITING_MODULES = ("rds_instance", "rds_replica", "gauss_restore", "dds_instance", "instance_wait", "rds_backup", "dds_backup",
                   "gauss_backup")


def module_defaults(options: dict) -> dict:
    """module_defaults of a play: the group gets every option but the wait options, which go to WAITING_MODULES.

    An option set to None is left out (a None given to an option with choices fails the module).
    """
    options = {key: value for key, value in options.items() if value is not None}
    found: dict = {"group/hwcloud.dbaas.dbaas": {key: value for key, value in options.items() if key not in WAIT_OPTIONS}}
    waits = {key: value for key, value in options.items() if key in WAIT_OPTIONS}
    if waits:
        found.update({"hwcloud.dbaas." + name: dict(waits) for name in WAITING_MODULES})
    return found


def ensure_collection_link() -> None:
    link = COLLECTIONS / "ansible_collections" / "hwcloud" / "dbaas"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPO, target_is_directory=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Emulator:
    """A running emulator process and its admin API."""

    def __init__(self, workdir: Path, ready_delay: float = 0.3, scheme: str = "http", extra_args: tuple = (),
                 service_ports: tuple = ()) -> None:
        """service_ports: services (iam, rds, gaussdb, dds) also served at their real URL layout, each on a free port."""
        self.port = free_port()
        self.scheme = scheme
        self.url = "%s://127.0.0.1:%d" % (scheme, self.port)
        self.service_ports = {service: free_port() for service in service_ports}
        workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / "emulator.log"
        command = [sys.executable, "-m", "tests.emulator", "--host", "127.0.0.1", "--port", str(self.port),
                   "--state", str(workdir / "state.db"), "--ready-delay", str(ready_delay), *extra_args]
        for service, port in self.service_ports.items():
            command += ["--service-port", "%s=%d" % (service, port)]
        self._log = open(self.log_path, "w", encoding="utf-8")  # pylint: disable=consider-using-with
        self.process = subprocess.Popen(command, cwd=REPO, stdout=self._log, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
        self.session = requests.Session()
        self.session.verify = False
        # The emulator is local: no proxy, and no REQUESTS_CA_BUNDLE from the environment (requests would let it
        # override verify=False, and an HTTPS emulator with a private CA could not be reached).
        self.session.trust_env = False
        self._wait_up()

    def _wait_up(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("emulator exited: " + self.log_path.read_text(encoding="utf-8"))
            try:
                if self.session.get(self.url + "/_admin/config", timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError("emulator did not start: " + self.log_path.read_text(encoding="utf-8"))

    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.session.request(method, self.url + "/_admin/" + path, timeout=10, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def reset(self) -> None:
        self.admin("POST", "reset")

    def requests(self, service: str | None = None) -> list:
        log = self.admin("GET", "requests")["requests"]
        return [entry for entry in log if service is None or entry["service"] == service]

    def clear_requests(self) -> None:
        self.admin("DELETE", "requests")

    def state(self, service: str = "rds") -> list:
        answer = self.admin("GET", "state", params={"service": service})
        return answer["instances"] if isinstance(answer, dict) else answer

    def faults(self, *faults: dict) -> None:
        self.admin("POST", "faults", json={"faults": list(faults)})

    def config(self, **settings: Any) -> None:
        self.admin("POST", "config", json=settings)

    def endpoints(self) -> dict:
        return {"iam": self.url + "/iam/v3", "rds": self.url + "/rds", "gaussdb": self.url + "/gaussdb", "dds": self.url + "/dds"}

    def service_url(self, service: str) -> str:
        """Root URL of a service's own port (started with service_ports); its paths have no service prefix."""
        if service not in self.service_ports:
            raise KeyError("the emulator was not started with a port for %r (service_ports=%r)" % (service, tuple(self.service_ports)))
        return "%s://127.0.0.1:%d" % (self.scheme, self.service_ports[service])

    def service_endpoints(self) -> dict:
        """Endpoint settings for the services that have a port of their own (IAM with its /v3)."""
        return {service: self.service_url(service) + ("/v3" if service == "iam" else "") for service in self.service_ports}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


@dataclass
class Run:
    rc: int
    stdout: str
    results: list = field(default_factory=list)

    def task(self, name: str) -> dict:
        for entry in self.results:
            if entry["task"] == name:
                return entry
        raise KeyError("no result for task %r in %s" % (name, [entry["task"] for entry in self.results]))


class Ansible:
    """Writes a playbook and runs ansible-playbook against the emulator."""

    def __init__(self, emulator: Emulator, workdir: Path) -> None:
        self.emulator = emulator
        self.workdir = workdir
        self.token_cache = workdir / "token-cache"

    def auth_env(self, method: str = "aksk") -> dict:
        if method == "aksk":
            return {"HW_ACCESS_KEY": ACCESS_KEY, "HW_SECRET_KEY": SECRET_KEY, "HW_PROJECT_ID": PROJECT_ID}
        if method == "password":
            return {"HW_USER_NAME": USER_NAME, "HW_PASSWORD": USER_PASSWORD, "HW_DOMAIN_NAME": DOMAIN_NAME}
        return {}

    def defaults(self) -> dict:
        return {"region": REGION, "platform": PLATFORM, "endpoints": self.emulator.endpoints(), "token_cache": str(self.token_cache),
                "poll_interval": 0.2, "wait_timeout": 60}

    def run(self, tasks: list, auth: str = "aksk", check: bool = False, diff: bool = False, extra_env: dict | None = None,
            defaults: dict | None = None, verbosity: int = 0, name: str = "play") -> Run:
        play = {"name": name, "hosts": "localhost", "gather_facts": False,
                "module_defaults": module_defaults(dict(self.defaults(), **(defaults or {}))), "tasks": tasks}
        playbook = self.workdir / ("%s-%d.yml" % (name, time.monotonic_ns()))
        playbook.write_text(yaml.safe_dump([play], sort_keys=False), encoding="utf-8")
        record = playbook.with_suffix(".jsonl")
        env = {key: value for key, value in os.environ.items() if not key.startswith(("HW_", "OS_"))}
        env.update({
            "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
            "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS),
            "ANSIBLE_CALLBACKS_ENABLED": "record_results",
            "RECORD_RESULTS_FILE": str(record),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        })
        env.update(self.auth_env(auth))
        env.update(extra_env or {})
        command = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", "-c", "local", str(playbook)]
        if check:
            command.append("--check")
        if diff:
            command.append("--diff")
        if verbosity:
            command.append("-" + "v" * verbosity)
        completed = subprocess.run(command, cwd=self.workdir, env=env, capture_output=True, text=True, timeout=600, check=False)
        results = []
        if record.exists():
            results = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines() if line.strip()]
        return Run(completed.returncode, completed.stdout + completed.stderr, results)


def check_bad_inputs(ansible: Ansible, cloud: Emulator, module: str, base: dict, table: list,
                     prepare: Any = None) -> Run:
    """Run each (option, override) of table on base as one task of one playbook.

    Every task must fail with a message that starts with the option's path, and the emulator must
    have received no request at all. ``prepare`` may adjust the arguments (e.g. drop None in nested lists).
    """
    tasks = []
    for index, (_option, override) in enumerate(table):
        args = {key: value for key, value in dict(base, **override).items() if value is not None}
        tasks.append({"name": "bad-%d" % index, module: prepare(args) if prepare else args, "ignore_errors": True})
    cloud.clear_requests()
    run = ansible.run(tasks)
    assert run.rc == 0, run.stdout
    for index, (option, _override) in enumerate(table):
        entry = run.task("bad-%d" % index)
        assert entry["outcome"] == "failed", (option, entry)
        assert entry["result"]["msg"].startswith(option + ":"), (option, entry["result"]["msg"])
        assert entry["result"]["error"]["option"] == option
    assert cloud.requests() == []
    return run
