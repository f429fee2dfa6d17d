# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DbaasModule: the common options, client set-up, error reporting, check mode and diff of every module."""

from __future__ import annotations

import time
from typing import Any, Callable, Dict, List, Mapping, Optional

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.hwcloud.dbaas.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, Client, ClientConfig
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError, DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Flow, ServiceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter

AUTH_ARGUMENT_SPEC: Dict[str, Any] = {
    "cloud": {"type": "str", "choices": ["huaweicloud", "otc"], "default": "huaweicloud", "fallback": (env_fallback, ["HW_CLOUD"])},
    "region": {"type": "str", "required": True, "fallback": (env_fallback, ["HW_REGION_NAME", "OS_REGION_NAME"])},
    "project_id": {"type": "str", "fallback": (env_fallback, ["HW_PROJECT_ID", "OS_PROJECT_ID"])},
    "project_name": {"type": "str", "fallback": (env_fallback, ["HW_PROJECT_NAME", "OS_PROJECT_NAME"])},
    "access_key": {"type": "str", "no_log": True, "fallback": (env_fallback, ["HW_ACCESS_KEY", "OS_ACCESS_KEY"])},
    "secret_key": {"type": "str", "no_log": True, "fallback": (env_fallback, ["HW_SECRET_KEY", "OS_SECRET_KEY"])},
    "security_token": {"type": "str", "no_log": True, "fallback": (env_fallback, ["HW_SECURITY_TOKEN", "OS_SECURITY_TOKEN"])},
    "token": {"type": "str", "no_log": True, "fallback": (env_fallback, ["HW_TOKEN", "OS_TOKEN"])},
    "user_name": {"type": "str", "fallback": (env_fallback, ["HW_USER_NAME", "OS_USERNAME"])},
    "user_password": {"type": "str", "no_log": True, "fallback": (env_fallback, ["HW_PASSWORD", "OS_PASSWORD"])},
    "domain_name": {"type": "str", "fallback": (env_fallback, ["HW_DOMAIN_NAME", "OS_USER_DOMAIN_NAME", "OS_DOMAIN_NAME"])},
    "auth_url": {"type": "str", "fallback": (env_fallback, ["HW_AUTH_URL", "OS_AUTH_URL"])},
    "endpoints": {"type": "dict", "default": {}, "fallback": (env_fallback, ["HW_ENDPOINTS"])},
    "validate_certs": {"type": "bool", "default": True},
    "ca_bundle": {"type": "path", "fallback": (env_fallback, ["HW_CA_BUNDLE"])},
    "token_cache": {"type": "path", "default": "~/.cache/hwcloud-dbaas", "fallback": (env_fallback, ["HW_TOKEN_CACHE"])},
    "request_timeout": {"type": "float", "default": 30},
}

WAIT_ARGUMENT_SPEC: Dict[str, Any] = {
    "wait": {"type": "bool", "default": True},
    "wait_timeout": {"type": "int", "default": 1800},
    "poll_interval": {"type": "float", "default": 10},
}


class DbaasModule(AnsibleModule):
    """AnsibleModule with the collection's common options and one way of running the flow."""

    def __init__(self, argument_spec: Mapping[str, Any], wait_timeout: int = 1800, **kwargs: Any) -> None:
        # Every module takes the wait options, so one module_defaults group can set them for all.
        spec = dict(AUTH_ARGUMENT_SPEC)
        spec.update(WAIT_ARGUMENT_SPEC)
        spec["wait_timeout"] = dict(WAIT_ARGUMENT_SPEC["wait_timeout"], default=wait_timeout)
        spec.update(argument_spec)
        kwargs.setdefault("supports_check_mode", True)
        super().__init__(argument_spec=spec, **kwargs)
        self.started = time.monotonic()
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))

    def deadline(self) -> float:
        return self.started + float(self.params["wait_timeout"])

    def client(self) -> Client:
        return Client(ClientConfig(self.params), deadline=self.deadline())

    def waiter(self) -> Waiter:
        return Waiter(self.deadline(), float(self.params["poll_interval"]))

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
