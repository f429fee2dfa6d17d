# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Changing an existing v3 instance in place: one operation per changed option, in a fixed order.

RDS and GaussDB offer the same operations with other paths and bodies; a service supplies its requests (the
``Requests`` of its adapter) and this module plans them from the differences the flow found.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Operation, Plan
from ansible_collections.hwcloud.dbaas.plugins.module_utils.tags import changes as tag_changes
from ansible_collections.hwcloud.dbaas.plugins.module_utils.urls import path_id

# (method, path below .../instances/{id}, body) of one request.
Request = Tuple[str, str, Optional[Mapping[str, Any]]]
Change = Optional[Tuple[Any, Any]]
ALL_WEEKDAYS = "1,2,3,4,5,6,7"


def enlarge_volume_action(size: int) -> Request:
    """RDS v3 StartInstanceEnlargeVolumeAction and GaussDB RunInstanceAction: the new total size in GB."""
    return ("POST", "action", {"enlarge_volume": {"size": size}})


def put_port(port: int) -> Request:
    """RDS v3 UpdatePort and GaussDB ModifyInstancePort."""
    return ("PUT", "port", {"port": port})


def put_security_group(group_id: str) -> Request:
    """RDS v3 SetSecurityGroup and GaussDB ModifySecurityGroup."""
    return ("PUT", "security-group", {"security_group_id": group_id})


class Requests:
    """The service's request for each operation; None where the service has no such operation.

    Enlarging the disk, changing the port and the security group have the same request on RDS and GaussDB.
    """

    resize_flavor: Optional[Callable[[str], Request]] = None
    enlarge_volume: Optional[Callable[[int], Request]] = staticmethod(enlarge_volume_action)
    single_to_ha: Optional[Callable[[str], Request]] = None
    port: Optional[Callable[[int], Request]] = staticmethod(put_port)
    security_group: Optional[Callable[[str], Request]] = staticmethod(put_security_group)
    password: Optional[Callable[[str], Request]] = None
    add_tags: Optional[Callable[[Dict[str, str]], Request]] = None
    remove_tags: Optional[Callable[[List[str]], Request]] = None
    # Fields of the backup policy the service requires besides start_time and keep_days, kept from the current policy.
    backup_policy_kept: Tuple[str, ...] = ("period",)
    backup_policy_defaults: Mapping[str, Any] = {"period": ALL_WEEKDAYS}
    # Kept fields the policy request takes as strings while the policy answer may hold numbers.
    backup_policy_text: Tuple[str, ...] = ()


class InstanceUpdates:
    """Plans the operations that bring an existing instance (a normalised record) to the task."""

    def __init__(self, adapter: Any, record: Mapping[str, Any], requests: Requests, backup_strategy: Optional[Mapping[str, Any]]) -> None:
        self.adapter = adapter
        self.params = adapter.params
        self.record = record
        self.requests = requests
        self.wanted_backup = backup_strategy
        self.instance_id = path_id(adapter.instance_id(record), "the instance id")

    def plan(self, differences_found: List[Tuple[str, Any, Any]]) -> Plan:
        found = {path: (wanted, have) for path, wanted, have in differences_found}
        candidates = (
            ("flavor_ref", self.resize_flavor),
            ("volume.size", self.enlarge_volume),
            ("type", self.single_to_ha),
            ("port", self.port),
            ("security_group_id", self.security_group),
        )
        operations = []
        for path, build in candidates:
            if path in found:
                op = build(found[path])
                if op is not None:
                    operations.append(op)
                    del found[path]
        backup = self.backup_policy(found.pop("backup_strategy.start_time", None), found.pop("backup_strategy.keep_days", None))
        operations.extend(op for op in (backup, self.password()) if op is not None)
        operations.extend(self.tag_operations())
        return Plan(operations, [(path, wanted, have) for path, (wanted, have) in found.items()])

    # sending -----------------------------------------------------------------------------------------
    def send(self, request: Request) -> Optional[str]:
        """Send one request; the job (or RDS workflow) to wait for, when the answer names one."""
        method, what, body = request
        answer = self.adapter.client.request(self.adapter.service, method, self.path(what), body=body)
        job = answer.get("job_id") or answer.get("workflowId")
        return str(job) if job else None

    def path(self, what: str) -> str:
        return "/v3/{project_id}/instances/%s/%s" % (self.instance_id, what)

    # the operations, in their order -------------------------------------------------------------------------
    def resize_flavor(self, change: Tuple[Any, Any]) -> Optional[Operation]:
        build = self.requests.resize_flavor
        if build is None:
            return None
        wanted, have = change
        return Operation("resize_flavor", "flavor", "flavor_ref", have, wanted, lambda: self.send(build(wanted)),
                         done=lambda record: record.get("flavor_ref") == wanted)

    def enlarge_volume(self, change: Tuple[Any, Any]) -> Optional[Operation]:
        build = self.requests.enlarge_volume
        if build is None:
            return None
        wanted, have = int(change[0]), int(change[1])
        if wanted < have:
            raise ValidationError("volume_size", "cannot shrink the disk of '%s' from %d to %d GB; it can only be enlarged; nothing "
                                                 "was changed" % (self.params["name"], have, wanted))
        return Operation("enlarge_volume", "volume_size", "volume.size", have, wanted, lambda: self.send(build(wanted)),
                         done=lambda record: int((record.get("volume") or {}).get("size") or 0) >= wanted,
                         ready_statuses=("STORAGE FULL",))

    def single_to_ha(self, change: Tuple[Any, Any]) -> Optional[Operation]:
        build = self.requests.single_to_ha
        if build is None:
            return None
        wanted, have = change
        if wanted != "Ha" or have != "Single":
            raise ValidationError("ha_mode", "the %s instance '%s' cannot become %s in place (only a single instance can become "
                                             "primary/standby); nothing was changed" % (have, self.params["name"], wanted))
        standby_zone = self.params["availability_zone"][-1]
        return Operation("single_to_ha", "ha_mode", "type", "single", "ha", lambda: self.send(build(standby_zone)),
                         done=lambda record: record.get("type") == "Ha")

    def port(self, change: Tuple[Any, Any]) -> Optional[Operation]:
        build = self.requests.port
        if build is None:
            return None
        wanted, have = int(change[0]), change[1]
        return Operation("update_port", "port", "port", have, wanted, lambda: self.send(build(wanted)),
                         done=lambda record: str(record.get("port")) == str(wanted))

    def security_group(self, change: Tuple[Any, Any]) -> Optional[Operation]:
        build = self.requests.security_group
        if build is None:
            return None
        wanted, have = change
        return Operation("update_security_group", "security_group_id", "security_group_id", have, wanted,
                         lambda: self.send(build(wanted)), done=lambda record: record.get("security_group_id") == wanted)

    def backup_policy(self, start_time: Change, keep_days: Change) -> Optional[Operation]:
        if start_time is None and keep_days is None:
            return None
        have = dict(self.record.get("backup_strategy") or {})
        wanted = dict(have, **(self.wanted_backup or {}))

        def send() -> Optional[str]:
            # SetBackupPolicy needs fields the list does not report (period; GaussDB differential_period): keep the current ones.
            current = self.adapter.client.request(self.adapter.service, "GET", self.path("backups/policy")).get("backup_policy") or {}
            policy = {"keep_days": wanted.get("keep_days"), "start_time": wanted.get("start_time")}
            for key in self.requests.backup_policy_kept:
                value = current.get(key)
                policy[key] = value if value not in (None, "") else self.requests.backup_policy_defaults.get(key)
                if key in self.requests.backup_policy_text and policy[key] is not None:
                    policy[key] = str(policy[key])
            return self.send(("PUT", "backups/policy", {"backup_policy": {key: value for key, value in policy.items() if value is not None}}))
        return Operation("set_backup_policy", "backup_strategy", "backup_strategy", have, wanted, send,
                         done=lambda record: all((record.get("backup_strategy") or {}).get(key) == value for key, value in wanted.items()))

    def password(self) -> Optional[Operation]:
        build = self.requests.password
        if build is None or self.params.get("update_password") != "always" or not self.params.get("password"):
            return None
        secret = self.params["password"]
        # The password is never returned, so a task that resets it always changes something.
        return Operation("reset_password", "password", "", None, None, lambda: self.send(build(secret)))

    def tag_operations(self) -> List[Operation]:
        wanted = self.params.get("tags")
        add_build, remove_build = self.requests.add_tags, self.requests.remove_tags
        if wanted is None or add_build is None or remove_build is None:
            return []
        have = dict(self.record.get("tags") or {})
        remove, add = tag_changes(wanted, have, self.params.get("purge_tags", True))
        after = {key: value for key, value in have.items() if key not in remove}
        after.update(add)
        operations = []
        # Tag writes answer no job and take effect at once: a lost answer is settled by the tags the instance lists.
        if remove:
            operations.append(Operation("remove_tags", "tags", "" if add else "tags", have if not add else remove,
                                        None if add else after, lambda: self.send(remove_build(remove)),
                                        done=lambda record: not set(remove) & set(listed_tags(record))))
        if add:
            operations.append(Operation("add_tags", "tags", "tags", have, after, lambda: self.send(add_build(add)),
                                        done=lambda record: all(listed_tags(record).get(key) == value for key, value in add.items())))
        return operations


def listed_tags(record: Mapping[str, Any]) -> Dict[str, Any]:
    """The tags of a normalised record (a dict), or none."""
    tags = record.get("tags")
    return dict(tags) if isinstance(tags, Mapping) else {}
