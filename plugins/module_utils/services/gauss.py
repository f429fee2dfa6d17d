# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""GaussDB (openGauss): restore to a new instance from a backup or a point in time, and backup listings.

The instance API is the v3 one RDS and DDS use (list, jobs, delete); what is GaussDB's own is here: the restore
body, the rules of the restore API and the look-ups of the source and its backups.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils import restore, validate as v
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import listed_zones, pruned
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import V3InstanceApi
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Operation, Plan, ServiceAdapter, V3InstanceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.tags import as_dict as tags_as_dict, as_list as tags_as_list, check_tags
# The restore rules gauss_restore shares with restore_from, under the names they have always had here.
# pylint: disable=unused-import
from ansible_collections.hwcloud.dbaas.plugins.module_utils.restore import (  # noqa: F401
    ISO_TEXT, RESTORE_POINT_OPTIONS, check_in_ranges, check_not_future, choose_backup, latest_completed, ms_to_iso, newest_first,
    parse_restore_time, restore_days, restore_ranges, service_time_ms)
# pylint: enable=unused-import
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.backups import GaussBackups, check_final_backup_name
from ansible_collections.hwcloud.dbaas.plugins.module_utils.updates import ALL_WEEKDAYS, InstanceUpdates, Request, Requests

SERVICE = "gaussdb"

# The restore API's documented rules.
PASSWORD_SPECIALS = "~!@#%^*-_=+?,"
DEFAULT_PORT = 8000
EXCLUDED_PORTS = (DEFAULT_PORT, 2378, 2379, 2380, 4999, 5000, 5999, 6000, 6001, 8097, 8098, 12016, 12017, 20049, 20050,
                  21731, 21732, 32122, 32123, 32124)
VOLUME_TYPES = ("ULTRAHIGH",)
VOLUME_STEP_GB = 40  # per shard
VOLUME_MAX_GB = 16 * 1024  # 16 TB per shard
TIME_ZONE = re.compile(r"^UTC[+-](0\d|1[0-2]):00$")
# The password is required to create only (checked once the instance is known to be missing).
REQUIRED_FOR_RESTORE = ("flavor", "volume_size", "availability_zone", "vpc_id", "subnet_id", "security_group_id")


def time_zone(value: Any) -> Optional[str]:
    """UTC-12:00 to UTC+12:00 at the full hour."""
    if TIME_ZONE.match(str(value)):
        return None
    return "must be a full hour from UTC-12:00 to UTC+12:00, for example UTC+08:00 (got %s)" % value


RULES: Dict[str, List[v.Rule]] = {
    "volume_type": [v.one_of(VOLUME_TYPES)],
    "port": [v.int_range(1024, 39998, excluded=EXCLUDED_PORTS)],
    "password": [v.password(PASSWORD_SPECIALS)],
    "backup_strategy.start_time": [v.backup_window],
    "backup_strategy.keep_days": [v.int_range(0, 732)],
    "time_zone": [time_zone],
}
NAME_RULES: List[v.Rule] = [v.length(4, 64), v.pattern(v.NAME_PATTERN, v.NAME_TEXT)]


# input rules --------------------------------------------------------------------------------------------------------
def zones(params: Mapping[str, Any]) -> List[str]:
    """The availability zones as the API wants them: three entries, one per node."""
    given = [str(zone).strip() for zone in params.get("availability_zone") or []]
    return given * 3 if len(given) == 1 else given


def _check_zones(params: Mapping[str, Any]) -> None:
    given = [str(zone).strip() for zone in params["availability_zone"]]
    if any(not zone for zone in given):
        raise ValidationError("availability_zone", "has an empty entry")
    if len(given) not in (1, 3):
        raise ValidationError("availability_zone", "needs 1 availability zone (all three nodes in it) or 3 (one per node) (got %d)"
                              % len(given))
    if len(given) == 3 and len(set(given)) == 2:
        raise ValidationError("availability_zone", "the 3 zones must be all the same or all different (got %s)" % ",".join(given))


def _check_volume(params: Mapping[str, Any]) -> None:
    shards = 1 if params.get("sharding_num") is None else params["sharding_num"]
    if int(shards) < 1:
        raise ValidationError("sharding_num", "must be at least 1 (got %s)" % shards)
    size, step = int(params["volume_size"]), VOLUME_STEP_GB * int(shards)
    if not step <= size <= VOLUME_MAX_GB * int(shards):
        raise ValidationError("volume_size", "must be between %d and %d GB for %s shard(s) (got %d)"
                              % (step, VOLUME_MAX_GB * int(shards), shards, size))
    if size % step:
        raise ValidationError("volume_size", "must be a multiple of %d GB (%d GB per shard x %s shard(s)) (got %d)"
                              % (step, VOLUME_STEP_GB, shards, size))


def validate_restore(params: Mapping[str, Any]) -> None:
    """Every documented rule of GaussDB CreateInstance (restore to a new instance), checked before any request."""
    check_final_backup_name(params)
    if params.get("state") == "absent":
        return  # the name rules are create rules: an instance made elsewhere is found by its exact name
    v.check(params, {"name": NAME_RULES})
    restore.check_source_choice(params, params["name"], required_note=" with state=present")
    restore.check_restore_point(params, required_note=" with state=present")
    v.require(params, REQUIRED_FOR_RESTORE, "with state=present")
    v.check(params, RULES)
    _check_zones(params)
    _check_volume(params)
    check_tags(params.get("tags"))


# look-ups -----------------------------------------------------------------------------------------------------------
def find_source(client: Any, params: Mapping[str, Any]) -> Dict[str, Any]:
    """The source instance, by source_id or by exact source_name; fails when there is none or more than one."""
    return restore.find_source(client, SERVICE, "GaussDB", params)


def list_backups(client: Any, instance_id: str) -> List[Dict[str, Any]]:
    """All backups of one instance (the API filters by instance_id; the compare guards against looser servers)."""
    return restore.list_backups(client, SERVICE, instance_id)


def backup_infos(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """gauss_backup_info: the source's backups, newest first, filtered by status and exact name."""
    source = find_source(client, params)
    backups = newest_first(list_backups(client, str(source["id"])))
    statuses = [str(status).upper() for status in params.get("status") or []]
    if statuses:
        backups = [backup for backup in backups if str(backup.get("status") or "").upper() in statuses]
    if params.get("name"):
        backups = [backup for backup in backups if backup.get("name") == params["name"]]
    return backups


# request body -------------------------------------------------------------------------------------------------------
def backup_strategy(params: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    strategy = params.get("backup_strategy") or {}
    return pruned({"start_time": strategy.get("start_time"), "keep_days": strategy.get("keep_days")}) or None


def restore_body(params: Mapping[str, Any], restore_point: Mapping[str, Any]) -> Dict[str, Any]:
    """POST /v3/{project_id}/instances: the new instance's options plus the restore point."""
    return pruned({
        "name": params["name"],
        "availability_zone": ",".join(zones(params)),
        "flavor_ref": params["flavor"],
        "volume": {"type": params.get("volume_type") or VOLUME_TYPES[0], "size": params["volume_size"]},
        "vpc_id": params["vpc_id"],
        "subnet_id": params["subnet_id"],
        "security_group_id": params["security_group_id"],
        "password": params["password"],
        "charge_info": {"charge_mode": params.get("charge_mode")},
        "backup_strategy": backup_strategy(params),
        "restore_point": dict(restore_point),
        "configuration_id": params.get("configuration_id"),
        "port": str(params["port"]) if params.get("port") is not None else None,
        "time_zone": params.get("time_zone"),
        "enable_force_switch": params.get("enable_force_switch"),
    })


class GaussRequests(Requests):
    """GaussDB: ResizeInstancesFlavor (PUT .../flavor), RunInstanceAction enlarge_volume, ModifyInstancePort and
    ModifySecurityGroup (PUT, {"job_id"}), ResetPwd, AddInstanceTags (POST .../tags) and BatchDeleteInstanceTag
    (DELETE .../tags {"keys"}). SetBackupPolicy also needs period and differential_period: kept from the current policy."""

    backup_policy_kept = ("period", "differential_period")
    backup_policy_defaults = {"period": ALL_WEEKDAYS, "differential_period": "30"}
    # GaussDB ShowBackupPolicy answers differential_period as a number; SetBackupPolicy's BackupPolicy takes a string.
    backup_policy_text = ("period", "differential_period")

    @staticmethod
    def resize_flavor(flavor_ref: str) -> Request:
        return ("PUT", "flavor", {"flavor_ref": flavor_ref})

    @staticmethod
    def password(secret: str) -> Request:
        return ("POST", "password", {"password": secret})

    @staticmethod
    def add_tags(tags: Dict[str, str]) -> Request:
        return ("POST", "tags", {"tags": tags_as_list(tags)})

    @staticmethod
    def remove_tags(keys: List[str]) -> Request:
        return ("DELETE", "tags", {"keys": list(keys)})


class GaussInstances(V3InstanceAdapter):
    """GaussDB (openGauss) instances over the v3 instance API: look-ups, statuses, jobs and deletes."""

    kind = "GaussDB instance"
    service = SERVICE

    def normalize(self, record: Mapping[str, Any]) -> Dict[str, Any]:
        normalized = listed_zones(record)
        if "tags" in normalized:
            normalized["tags"] = tags_as_dict(normalized["tags"])  # GaussDB lists a tag's value as an array
        return normalized


class GaussRestore(GaussInstances):
    """An openGauss instance created by restoring another instance's backup or point in time."""

    def __init__(self, client: Any, params: Mapping[str, Any]) -> None:
        super().__init__(client, params)
        # gauss_restore's own options name the source and the point (restore_from of the other modules is Optional).
        self.restoring = restore.RestorePoint(client, SERVICE, "GaussDB", params)

    def prepare_create(self) -> None:
        """Resolve the source and the restore point and check them; only when the instance is missing."""
        self.check_password()
        self._check_volume_against(self.restoring.find_source())
        self.restoring.resolve()

    def _check_volume_against(self, source: Mapping[str, Any]) -> None:
        have = (source.get("volume") or {}).get("size")
        if have is not None and int(self.params["volume_size"]) < int(have):
            raise DbaasError("volume_size: must be at least the %s GB of the source instance %s (got %s)"
                             % (have, restore.label(source), self.params["volume_size"]))

    def result_extras(self) -> Dict[str, Any]:
        return {"restore_point": self.restoring.report} if self.restoring.report else {}

    def final_backup(self, record: Mapping[str, Any]) -> Optional[ServiceAdapter]:
        return GaussBackups.final(self.client, record, self.params.get("final_backup_name"))

    def check_password(self) -> None:
        if not self.params.get("password"):
            raise ValidationError("password", "is required to create the instance (no instance named '%s' exists)" % self.params["name"])

    def option_name(self, path: str) -> str:
        return OPTION_NAMES.get(path, path)

    def plan_updates(self, record: Mapping[str, Any], differences_found: List[Tuple[str, Any, Any]]) -> Plan:
        return InstanceUpdates(self, record, GaussRequests(), backup_strategy(self.params)).plan(differences_found)

    def after_create(self, record: Mapping[str, Any]) -> List[Operation]:
        """GaussDB CreateInstance (restore) takes no tags: they are added once the instance is ready."""
        if not self.params.get("tags"):
            return []
        return InstanceUpdates(self, dict(record, tags={}), GaussRequests(), None).tag_operations()

    def sends_client_token(self) -> bool:
        return False  # GaussDB CreateInstance documents no idempotency header; a lost answer is settled by name

    def create_request(self) -> Dict[str, Any]:
        if self.restoring.point is None:
            raise DbaasError("internal error: the restore point was not resolved before the create request")
        return restore_body(self.params, self.restoring.point)

    def desired(self) -> Dict[str, Any]:
        """What an existing instance is compared with; the restore point cannot be, the instance does not report it."""
        params = self.params
        if params.get("state") == "absent":
            return {}
        return pruned({
            "flavor_ref": params["flavor"],
            "volume": {"type": params.get("volume_type"), "size": params["volume_size"]},
            "availability_zone": ",".join(zones(params)),
            "vpc_id": params["vpc_id"],
            "subnet_id": params["subnet_id"],
            "security_group_id": params["security_group_id"],
            "port": params.get("port"),
            "time_zone": params.get("time_zone"),
            "backup_strategy": backup_strategy(params),
        })


# Record paths -> the gauss_restore option that sets them, for messages and `actions`.
OPTION_NAMES = {"flavor_ref": "flavor", "volume.type": "volume_type", "volume.size": "volume_size"}


# listing ------------------------------------------------------------------------------------------------------------
# The list API's filters; type words are compared without case (the API documents both Enterprise and enterprise).
LIST_FILTERS = ("name", "id", "type", "vpc_id", "subnet_id")


def _listed_value(record: Mapping[str, Any], key: str) -> str:
    value = str(record.get(key) or "")
    return value.lower() if key == "type" else value


def list_instances(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """gauss_instance_info: server-side filters, then exact compares, so a fuzzy or ignored filter never widens the answer."""
    filters = {key: params[key] for key in LIST_FILTERS if params.get(key) not in (None, "")}
    wanted = {key: str(value).lower() if key == "type" else str(value) for key, value in filters.items()}
    records = V3InstanceApi(client, SERVICE).list(**filters)
    return [listed_zones(record) for record in records if all(_listed_value(record, key) == value for key, value in wanted.items())]
