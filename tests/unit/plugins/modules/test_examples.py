# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every example reaches a cloud that exists: the EXAMPLES of every module, the YAML blocks of the guides and READMEs,
and the example playbooks, resolved as a module would (task, module_defaults, clouds.yaml, environment; the platform
inferred from auth_url and region), give only hosts the registry knows, and only options the modules take."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple
from urllib.parse import urlsplit

import pytest
import yaml

from ansible_collections.hwcloud.dbaas.plugins.doc_fragments import auth as auth_fragment, rds_api as rds_api_fragment
from ansible_collections.hwcloud.dbaas.plugins.module_utils import registry
from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.credentials import environment_options

REPO = Path(__file__).resolve().parents[4]
MODULES = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if not path.stem.startswith("_"))
DOCUMENTS = sorted([*REPO.glob("docs/*.md"), REPO / "README.md", *REPO.glob("roles/*/README.md"), *REPO.glob("extensions/*/README.md")])
PLAYBOOKS = {REPO / "examples" / "site.yml": REPO / "examples" / "demo.env"}
FRAGMENTS = {
    "hwcloud.dbaas.auth": auth_fragment.ModuleDocFragment.DOCUMENTATION,
    "hwcloud.dbaas.auth.WAIT": auth_fragment.ModuleDocFragment.WAIT,
    "hwcloud.dbaas.auth.WAIT_LONG": auth_fragment.ModuleDocFragment.WAIT_LONG,
    "hwcloud.dbaas.rds_api": rds_api_fragment.ModuleDocFragment.DOCUMENTATION,
}
GROUP = "group/hwcloud.dbaas.dbaas"
PREFIX = "hwcloud.dbaas."
ALIASES = {"region_name": "region", "cloud_profile": "cloud"}
# Every public host the registry builds for the regions it lists.
KNOWN_HOSTS = {urlsplit(registry.default_endpoint(service, platform, region) or "").hostname
               for platform, regions in registry.REGIONS.items() for region in regions for service in registry.SERVICES}


def documented_options(module: str) -> Dict[str, str]:
    """Every option name the module takes (aliases included) -> the option's own name."""
    doc = yaml.safe_load(importlib.import_module("ansible_collections.hwcloud.dbaas.plugins.modules." + module).DOCUMENTATION)
    options = dict(doc.get("options") or {})
    for fragment in doc.get("extends_documentation_fragment") or []:
        options.update(yaml.safe_load(FRAGMENTS[fragment])["options"])
    names = {}
    for name, spec in options.items():
        names[name] = name
        names.update({alias: name for alias in spec.get("aliases") or []})
    return names


OPTIONS = {module: documented_options(module) for module in MODULES}


# where the examples are ------------------------------------------------------------------------------------------
class Source:
    """One YAML document that holds examples, with what a module would find around it (environment, clouds.yaml)."""

    def __init__(self, where: str, data: Any, environment: Optional[Dict[str, Any]] = None, clouds: Optional[Dict[str, Any]] = None):
        self.where = where
        self.data = data
        self.environment = environment or {}
        self.clouds = clouds or {}


def markdown_blocks(path: Path) -> List[Tuple[int, Any]]:
    text = path.read_text(encoding="utf-8")
    return [(text[:match.start()].count("\n") + 1, yaml.safe_load(match.group(2)))
            for match in re.finditer(r"```(yaml|yml)\n(.*?)```", text, re.S)]


def clouds_of(blocks: List[Tuple[int, Any]]) -> Dict[str, Any]:
    """The clouds.yaml entries a document shows: its examples may name them with cloud."""
    found: Dict[str, Any] = {}
    for _line, data in blocks:
        if isinstance(data, dict) and isinstance(data.get("clouds"), dict):
            found.update(data["clouds"])
    return found


def shell_variables(text: str) -> Dict[str, str]:
    """NAME=VALUE lines as the shell reads them: double quotes, \\" inside them, $NAME and ${NAME:-default}."""
    found: Dict[str, str] = {}

    def expand(match: "re.Match[str]") -> str:
        name, default = match.group(1) or match.group(3), match.group(2)
        return found.get(name) or (default or "")

    for line in text.splitlines():
        if "=" not in line or line.lstrip().startswith("#"):
            continue
        name, value = line.split("=", 1)
        if value.startswith('"') and value.endswith('"'):
            value = value[1:-1].replace('\\"', '"')
        found[name.strip()] = re.sub(r"\$\{(\w+):-([^}]*)\}|\$(\w+)", expand, value)
    return found


def sources() -> List[Source]:
    found = []
    for module in MODULES:
        examples = importlib.import_module("ansible_collections.hwcloud.dbaas.plugins.modules." + module).EXAMPLES
        found.append(Source("plugins/modules/%s.py EXAMPLES" % module, yaml.safe_load(examples)))
    for path in DOCUMENTS:
        blocks = markdown_blocks(path)
        clouds = clouds_of(blocks)
        found.extend(Source("%s:%d" % (path.relative_to(REPO), line), data, clouds=clouds) for line, data in blocks)
    for playbook, env_file in PLAYBOOKS.items():
        environ = shell_variables(env_file.read_text(encoding="utf-8"))
        found.append(Source(str(playbook.relative_to(REPO)), yaml.safe_load(playbook.read_text(encoding="utf-8")),
                            environment=environment_options(environ)))
    return found


SOURCES = sources()


# what they ask for -----------------------------------------------------------------------------------------------
class Example:
    """One use of a module (or a play's module_defaults alone), with the defaults around it."""

    def __init__(self, source: Source, module: Optional[str], args: Dict[str, Any], defaults: Dict[str, Any]):
        self.source = source
        self.module = module
        self.args = args
        self.defaults = defaults

    def __repr__(self) -> str:
        return "%s %s" % (self.source.where, self.module or "module_defaults")


def task_module(task: Dict[str, Any]) -> Optional[str]:
    return next((key[len(PREFIX):] for key in task if key.startswith(PREFIX) and key[len(PREFIX):] in MODULES), None)


def examples_in(source: Source, data: Any, defaults: Dict[str, Any]) -> Iterator[Example]:
    if isinstance(data, list):
        for item in data:
            yield from examples_in(source, item, defaults)
        return
    if not isinstance(data, dict):
        return
    if "hosts" in data:  # a play
        play_defaults = data.get("module_defaults") or {}
        if play_defaults:
            yield Example(source, None, {}, play_defaults)
        for section in ("pre_tasks", "tasks", "post_tasks", "handlers"):
            yield from examples_in(source, data.get(section) or [], play_defaults)
        for role in data.get("roles") or []:
            connection = (role.get("vars") or {}).get("database_tier_connection") if isinstance(role, dict) else None
            if connection:
                for module in ("rds_instance", "rds_replica", "gauss_restore", "dds_instance", "instance_wait"):
                    yield Example(source, module, {}, dict(play_defaults, **{PREFIX + module: connection}))
        return
    for section in ("block", "rescue", "always"):
        yield from examples_in(source, data.get(section) or [], defaults)
    module = task_module(data)
    if module:
        yield Example(source, module, dict(data[PREFIX + module] or {}), defaults)


EXAMPLES = [example for source in SOURCES for example in examples_in(source, source.data, {})]
TASKS = [example for example in EXAMPLES if example.module]


def canonical(options: Dict[str, Any]) -> Dict[str, Any]:
    return {ALIASES.get(name, name): value for name, value in (options or {}).items()}


def templated(value: Any) -> bool:
    return isinstance(value, str) and "{{" in value


def connection(example: Example) -> Dict[str, Any]:
    """The connection options the module would end up with: environment < clouds.yaml cloud < module_defaults < task."""
    task = canonical(example.defaults.get(GROUP) or {})
    if example.module:
        task.update(canonical(example.defaults.get(PREFIX + example.module) or {}))
    task.update(canonical(example.args))
    resolved = dict(example.source.environment)
    entry = example.source.clouds.get(task.get("cloud") or resolved.get("cloud") or "")
    if entry:
        resolved["region"] = entry.get("region_name", resolved.get("region"))
        resolved["auth_url"] = (entry.get("auth") or {}).get("auth_url", resolved.get("auth_url"))
        if entry.get("profile") in registry.CLOUDS:
            resolved["platform"] = entry["profile"]
    resolved.update({key: value for key, value in task.items() if value is not None})
    return resolved


def zones(value: Any) -> List[str]:
    items = value if isinstance(value, list) else [value]
    return [zone.strip() for item in items if isinstance(item, str) and not templated(item) for zone in item.split(",")]


# the checks ------------------------------------------------------------------------------------------------------
def test_the_examples_are_found():
    assert {example.source.where.split(" ")[0] for example in TASKS} >= {"plugins/modules/%s.py" % module for module in MODULES}
    assert len(TASKS) >= 60, len(TASKS)


@pytest.mark.parametrize("example", EXAMPLES, ids=repr)
def test_every_example_reaches_a_host_the_registry_knows(example):
    params = connection(example)
    region = params.get("region")
    if region is None or templated(region):
        return  # the region comes from where the playbook runs; any region there gives its platform's hosts
    assert params.get("cloud") not in registry.CLOUDS or params["cloud"] in example.source.clouds, \
        "%r: cloud=%s names the platform (deprecated); use platform or let the region imply it" % (example, params["cloud"])
    platform = registry.platform(params)
    assert region in registry.REGIONS[platform], "%r: region %s is not a region of %s" % (example, region, platform)
    config = ClientConfig(params)
    for service in registry.SERVICES:
        if (params.get("endpoints") or {}).get(service):
            continue  # a private endpoint, the user's choice
        host = urlsplit(config.endpoint(service)).hostname
        assert host in KNOWN_HOSTS, "%r: %s is no host of the registry" % (example, host)
    for zone in zones(params.get("availability_zone")):
        assert zone.startswith(region), "%r: availability zone %s is not in region %s" % (example, zone, region)


@pytest.mark.parametrize("example", TASKS, ids=repr)
def test_every_example_uses_options_the_module_takes(example):
    unknown = sorted(set(example.args) - set(OPTIONS[example.module]))
    assert not unknown, "%r: %s" % (example, unknown)
    for name in (PREFIX + example.module,):
        unknown = sorted(set(example.defaults.get(name) or {}) - set(OPTIONS[example.module]))
        assert not unknown, "%r: module_defaults %s: %s" % (example, name, unknown)


@pytest.mark.parametrize("example", [example for example in EXAMPLES if example.defaults.get(GROUP)], ids=repr)
def test_module_defaults_of_the_group_hold_only_options_every_module_takes(example):
    """A group hands its options to every module of the group, the read-only ones included."""
    shared = set.intersection(*(set(OPTIONS[module]) for module in MODULES))
    unknown = sorted(set(example.defaults[GROUP]) - shared)
    assert not unknown, "%r: %s (set them for the modules that take them, by name)" % (example, unknown)


@pytest.mark.parametrize("name, entry", [(name, entry) for source in SOURCES for name, entry in source.clouds.items()])
def test_every_clouds_yaml_example_names_a_host_the_registry_knows(name, entry):
    params = {"region": entry.get("region_name"), "auth_url": (entry.get("auth") or {}).get("auth_url"),
              "platform": entry.get("profile")}
    platform = registry.platform(params)
    assert params["region"] in registry.REGIONS[platform], name
    if params["auth_url"]:
        assert urlsplit(params["auth_url"]).hostname in KNOWN_HOSTS, name
        assert params["auth_url"].rstrip("/") == registry.default_endpoint("iam", platform, params["region"]), name


def test_a_wrong_combination_is_caught():
    """The check itself: eu-de on Huawei Cloud is no host of the registry."""
    wrong = Example(Source("test", None), "rds_instance", {"region": "eu-de", "platform": "huaweicloud"}, {})
    with pytest.raises(AssertionError, match="is not a region of huaweicloud"):
        test_every_example_reaches_a_host_the_registry_knows(wrong)
    assert "rds.eu-de.myhuaweicloud.com" not in KNOWN_HOSTS and "rds.eu-de.otc.t-systems.com" in KNOWN_HOSTS
