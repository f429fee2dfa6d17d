# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_instance configuration_id on an existing instance: apply the parameter template when the instance's parameters
differ from it, and restart only when the task allows it.

RDS v3 ListInstances does not say which template an instance uses (the SDK's InstanceResponse has no configuration_id),
so the template is compared by its values: ShowConfiguration (the template's parameters) against
ShowInstanceConfiguration (the instance's). These two reads happen only when a task sets configuration_id for an
instance that exists. The write is EnableConfiguration (PUT /v3/{project_id}/configurations/{config_id}/apply), whose
answer says per instance whether a restart is needed; StartInstanceRestartAction restarts.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Operation
from ansible_collections.hwcloud.dbaas.plugins.module_utils.urls import path_id

# Where the diff shows the template's parameters (the instance record has no such field).
PARAMETERS_PATH = "configuration_parameters"


def parameter_values(answer: Mapping[str, Any]) -> Dict[str, Dict[str, Any]]:
    """{name: {"value", "restart_required"}} from a ShowConfiguration or ShowInstanceConfiguration answer."""
    found: Dict[str, Dict[str, Any]] = {}
    for item in answer.get("configuration_parameters") or []:
        if isinstance(item, Mapping) and item.get("name"):
            found[str(item["name"])] = {"value": item.get("value"), "restart_required": bool(item.get("restart_required"))}
    return found


class ParameterTemplate:
    """The operations that bring an existing RDS v3 instance to the task's parameter template (none when it matches)."""

    def __init__(self, adapter: Any, instance_id: str) -> None:
        self.adapter = adapter
        self.client = adapter.client
        self.params = adapter.params
        self.config_id = path_id(self.params["configuration_id"], "configuration_id")
        self.instance_id = path_id(instance_id, "the instance id")
        # Set by the plan (from the template's restart_required flags) and by the apply answer, which has the last word.
        self.restart_needed = False
        self.restarted = False

    def differing(self) -> Dict[str, Dict[str, Any]]:
        """The template's parameters whose value differs from the instance's: {name: {"from", "to", "restart_required"}}."""
        template = self.client.request("rds", "GET", "/v3/{project_id}/configurations/%s" % self.config_id,
                                       require={"configuration_parameters": list})
        instance = self.client.request("rds", "GET", "/v3/{project_id}/instances/%s/configurations" % self.instance_id,
                                       require={"configuration_parameters": list})
        self.check_engine(template)
        current = parameter_values(instance)
        changes = {}
        for name, wanted in sorted(parameter_values(template).items()):
            have = (current.get(name) or {}).get("value")
            if wanted["value"] is not None and str(wanted["value"]) != str(have):
                changes[name] = {"from": have, "to": wanted["value"], "restart_required": wanted["restart_required"]}
        return changes

    def check_engine(self, template: Mapping[str, Any]) -> None:
        """The template must be for the task's engine (ShowConfiguration datastore_name); the API would refuse the apply."""
        engine = str(template.get("datastore_name") or "").lower()
        wanted = str(self.params.get("engine") or "").lower()
        if engine and wanted and engine != wanted:
            raise DbaasError("configuration_id: the parameter template %s is for %s, not for the %s instance '%s'; nothing was "
                             "changed" % (self.config_id, template.get("datastore_name"), self.params.get("engine"), self.params["name"]))

    def operations(self) -> List[Operation]:
        changes = self.differing()
        if not changes:
            return []
        self.restart_needed = any(change["restart_required"] for change in changes.values())
        before = {name: change["from"] for name, change in changes.items()}
        after = {name: change["to"] for name, change in changes.items()}
        operations = [Operation("apply_configuration", "configuration_id", PARAMETERS_PATH, before, after, self.apply)]
        if self.restart_needed and self.params.get("restart"):
            operations.append(Operation("restart", "restart", "", None, None, self.restart))
        elif self.restart_needed:
            self.warn_restart_not_made()
        return operations

    def apply(self) -> Optional[str]:
        """RDS v3 EnableConfiguration; the job to wait for when the answer names one (the OTC reference adds job_id)."""
        answer = self.client.request("rds", "PUT", "/v3/{project_id}/configurations/%s/apply" % self.config_id,
                                     body={"instance_ids": [self.instance_id]})
        result = self.result_for_instance(answer)
        if result.get("success") is False or (answer.get("success") is False and not result):
            raise DbaasError("configuration_id: the RDS service did not apply the parameter template %s to the instance '%s' (id %s)"
                             % (self.config_id, self.params["name"], self.instance_id))
        if result.get("restart_required") and not self.restart_needed:
            self.restart_needed = True  # the template's flags did not say so, so no restart was planned
            self.warn_restart_not_made()
        job = answer.get("job_id")
        return str(job) if job else None

    def result_for_instance(self, answer: Mapping[str, Any]) -> Dict[str, Any]:
        for item in answer.get("apply_results") or []:
            if isinstance(item, Mapping) and item.get("instance_id") == self.instance_id:
                return dict(item)
        return {}

    def restart(self) -> Optional[str]:
        """RDS v3 StartInstanceRestartAction (POST .../action {"restart": {}}): 202 with the job to wait for."""
        answer = self.client.request("rds", "POST", "/v3/{project_id}/instances/%s/action" % self.instance_id,
                                     body={"restart": {}})
        self.restarted = True
        job = answer.get("job_id")
        return str(job) if job else None

    @property
    def restart_required(self) -> bool:
        """The applied parameters wait for a restart that this task did not make."""
        return self.restart_needed and not self.restarted

    def warn_restart_not_made(self) -> None:
        """Said once, where the need shows: in the plan (the template's restart_required flags) or in the apply answer."""
        message = ("the parameter template %s needs a restart of the RDS instance '%s' (id %s) before some of its parameters take "
                   "effect, and this task does not restart it. Restart the instance, or set restart=true to let the module restart it"
                   % (self.config_id, self.params["name"], self.instance_id))
        if message not in self.adapter.warnings:
            self.adapter.warnings.append(message)
