# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DbaasModule: the common options, client set-up, error reporting, check mode and diff of every module."""

from __future__ import annotations

import os
import time
from typing import Any, Callable, Dict, List, Mapping, Optional

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib
from ansible.module_utils.errors import NoLogError

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.credentials import (
    CLOUDS, HAS_YAML, OPTIONS, SECRETS, YAML_IMPORT_ERROR, check_credentials, check_resolved, cloud_candidates, environment_options,
    find_profile_file, given, load_profile, pick_cloud, profile_names, profile_options, resolve,
)
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError, DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Flow, ServiceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter

# The connection options have no environment fallback and no default here: credentials.resolve() fills them in
# the documented order (task > clouds.yaml cloud > environment > default), which the argument spec cannot express.
# The names and aliases are those of openstack.cloud where the meaning is the same (cloud, region_name, verify, cacert).
AUTH_ARGUMENT_SPEC: Dict[str, Any] = {
    "cloud": {"type": "str", "aliases": ["cloud_profile"]},
    "cloud_profile_file": {"type": "path"},
    "platform": {"type": "str", "choices": list(CLOUDS)},
    "region": {"type": "str", "aliases": ["region_name"]},
    "project_id": {"type": "str"},
    "project_name": {"type": "str"},
    "access_key": {"type": "str", "no_log": True},
    "secret_key": {"type": "str", "no_log": True},
    "security_token": {"type": "str", "no_log": True},
    "token": {"type": "str", "no_log": True},
    "user_name": {"type": "str"},
    "user_password": {"type": "str", "no_log": True},
    "domain_name": {"type": "str"},
    "auth_url": {"type": "str"},
    "endpoints": {"type": "dict"},
    "validate_certs": {"type": "bool", "default": True, "aliases": ["verify"]},
    "ca_bundle": {"type": "path", "aliases": ["cacert"], "fallback": (env_fallback, ["HW_CA_BUNDLE", "OS_CACERT"])},
    "token_cache": {"type": "path", "default": "~/.cache/hwcloud-dbaas", "fallback": (env_fallback, ["HW_TOKEN_CACHE"])},
    "request_timeout": {"type": "float", "default": 30},
}

WAIT_ARGUMENT_SPEC: Dict[str, Any] = {
    "wait": {"type": "bool", "default": True},
    "wait_timeout": {"type": "int", "default": 1800, "aliases": ["timeout"]},
    "poll_interval": {"type": "float", "default": 10},
}
# The deadline of the read-only (_info) modules, which take no wait options: how long their reads are retried.
READ_DEADLINE = 300
# Deprecated: cloud naming the platform (its meaning before 1.0.0), when no clouds.yaml entry has that name.
LEGACY_CLOUD_VERSION = "2.0.0"
COLLECTION_NAME = "hwcloud.dbaas"


def secret_values(spec: Mapping[str, Any], params: Any) -> List[str]:
    """The values of every no_log option in params, suboptions included, whatever their types."""
    found: List[str] = []
    if not isinstance(params, Mapping):
        return found
    for option, rules in spec.items():
        value = params.get(option)
        if value is None or not isinstance(rules, Mapping):
            continue
        if rules.get("no_log") and not isinstance(value, (Mapping, list)):
            found.append(str(value))
        if isinstance(rules.get("options"), Mapping):
            for item in value if isinstance(value, list) else [value]:
                found.extend(secret_values(rules["options"], item))
    return [text for text in found if text]


def name_the_option(msg: str, validation: Any) -> str:
    """The argument spec's message, naming the option.

    When a dict option with suboptions gets a string, ansible-core's first error comes from its no_log scan and
    reads only "dictionary requested, could not parse JSON or key=value"; the error that names the option follows.
    """
    errors = list(getattr(validation, "errors", None) or [])
    if not errors or msg != str(errors[0]) or not isinstance(errors[0], NoLogError):
        return msg
    named = [str(error) for error in errors if not isinstance(error, NoLogError)]
    return named[0] if named else msg


class DbaasModule(AnsibleModule):  # type: ignore[misc]  # ansible-core ships no type information
    """AnsibleModule with the collection's common options and one way of running the flow."""

    def __init__(self, argument_spec: Mapping[str, Any], wait_timeout: int = 1800, waits: bool = True, **kwargs: Any) -> None:
        # The modules that wait take the wait options; the read-only ones (waits=False) do not, and their retries end
        # after wait_timeout seconds all the same.
        spec = dict(AUTH_ARGUMENT_SPEC)
        if waits:
            spec.update(WAIT_ARGUMENT_SPEC)
            spec["wait_timeout"] = dict(WAIT_ARGUMENT_SPEC["wait_timeout"], default=wait_timeout)
        self.default_wait_timeout = wait_timeout if waits else READ_DEADLINE
        spec.update(argument_spec)
        kwargs.setdefault("supports_check_mode", True)
        super().__init__(argument_spec=spec, **kwargs)
        self.started = time.monotonic()
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        self.option_sources: Dict[str, Optional[str]] = {}
        self._resolve_connection()

    def _resolve_connection(self) -> None:
        """Fill the connection options from the task, the clouds.yaml cloud, the environment and the defaults, in that order."""
        try:
            name, legacy = pick_cloud(cloud_candidates(self.params.get("cloud"), os.environ), self._has_cloud)
            task = {option: self.params.get(option) for option in OPTIONS}
            environment = environment_options(os.environ)
            if legacy:
                self._legacy_platform(legacy, task if legacy[1] == "task" else environment)
            chosen = resolve(task, self._profile(name), environment)
            values = {option: value for option, (value, _source) in chosen.items()}
            check_resolved(values)
            check_credentials(chosen)
        except DbaasError as error:
            self.fail_with(error)
            return
        # Secrets from the profile or the environment were not options of the task: mask them like the task's own.
        self.no_log_values.update(str(values[option]) for option in SECRETS if values.get(option))
        self.params.update(values)
        if name and self.params.get("cloud") != name:
            self.params["cloud"] = name  # the entry named by the environment, or after a platform name given as cloud
        self.option_sources = {option: source for option, (_value, source) in chosen.items()}

    def _legacy_platform(self, legacy: Any, layer: Dict[str, Any]) -> None:
        """``cloud: otc`` (or HW_CLOUD=otc) names no clouds.yaml entry: the platform, as before 1.0.0, deprecated."""
        value, source = legacy
        if not given(layer.get("platform")):
            layer["platform"] = value
        if source == "task":
            message = "cloud=%s names the platform; set platform=%s instead. cloud names a cloud of clouds.yaml" % (value, value)
        else:
            variable = source.split(":", 1)[-1]
            message = "%s=%s names the platform; set HW_PLATFORM=%s instead. %s names a cloud of clouds.yaml" % (variable, value, value, variable)
        self.deprecate(message, version=LEGACY_CLOUD_VERSION, collection_name=COLLECTION_NAME)

    def _has_cloud(self, name: str) -> bool:
        """Whether clouds.yaml has a cloud of that name (only asked for the platform names huaweicloud and otc)."""
        path = find_profile_file(self.params.get("cloud_profile_file"), os.environ, os.getcwd(), os.path.expanduser("~"))
        if path is None:
            return False
        if not HAS_YAML:
            self.fail_json(msg=missing_required_lib("PyYAML"), exception=str(YAML_IMPORT_ERROR))
        return name in profile_names(path)

    def _profile(self, name: Optional[str]) -> Dict[str, Any]:
        if not name:
            if self.params.get("cloud_profile_file"):
                raise ValidationError("cloud", "is required with cloud_profile_file (the name of a cloud in that file)")
            return {}
        if not HAS_YAML:
            self.fail_json(msg=missing_required_lib("PyYAML"), exception=str(YAML_IMPORT_ERROR))
        entry, _path = load_profile(name, self.params.get("cloud_profile_file"), os.environ, os.getcwd(), os.path.expanduser("~"))
        return profile_options(entry)

    def deadline(self) -> float:
        return self.started + float(self.params.get("wait_timeout") or self.default_wait_timeout)

    def client(self) -> Client:
        return Client(ClientConfig(self.params), deadline=self.deadline())

    def waiter(self) -> Waiter:
        return Waiter(self.deadline(), float(self.params.get("poll_interval") or WAIT_ARGUMENT_SPEC["poll_interval"]["default"]))

    def fail_json(self, msg: str = "", **kwargs: Any) -> None:  # pylint: disable=arguments-differ
        # ansible-core collects the no_log values while it validates the arguments and gives up at the first option of
        # the wrong type; the secrets are masked here again so that a failure never echoes them in its invocation.
        self.no_log_values.update(secret_values(getattr(self, "argument_spec", None) or {}, getattr(self, "params", None) or {}))
        super().fail_json(msg=name_the_option(msg, getattr(self, "validation_result", None)), **kwargs)

    def fail_with(self, error: DbaasError, **extra: Any) -> None:
        details = error.to_dict()
        self.fail_json(msg=str(error), error=details, **extra)

    def run_flow(self, adapter_class: Callable[[Client, Mapping[str, Any]], ServiceAdapter],
                 validate: Optional[Callable[[Mapping[str, Any]], None]] = None) -> None:
        """Validate, then find/plan/apply/wait and exit with the result."""
        try:
            if validate:
                validate(self.params)
            adapter = adapter_class(self.client(), self.params)
            flow = Flow(adapter, self.params, self.check_mode, self.waiter())
            result = flow.run()
        except (ApiError, DbaasError) as error:
            self.fail_with(error)
            return
        for warning in flow.warnings:
            self.warn(warning)
        self.exit_json(**result)

    def run_info(self, list_records: Callable[[Client, Mapping[str, Any]], List[Dict[str, Any]]], key: str) -> None:
        """Read-only modules: list, never change anything, empty list when nothing matches."""
        try:
            records = list_records(self.client(), self.params)
        except (ApiError, DbaasError) as error:
            self.fail_with(error)
            return
        self.exit_json(changed=False, **{key: records})
