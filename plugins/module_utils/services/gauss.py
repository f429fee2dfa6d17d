# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""GaussDB (openGauss): restore to a new instance from a backup or a point in time, and backup listings.

The instance API is the v3 one RDS and DDS use (list, jobs, delete); what is GaussDB's own is here: the restore
body, the rules of the restore API and the look-ups of the source and its backups.
"""

from __future__ import annotations

import datetime
import re
import time
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils import validate as v
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import prune
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import V3BackupApi, V3InstanceApi
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Operation, Plan, V3InstanceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.tags import as_dict as tags_as_dict, as_list as tags_as_list, check_tags
from ansible_collections.hwcloud.dbaas.plugins.module_utils.updates import ALL_WEEKDAYS, InstanceUpdates, Request, Requests
from ansible_collections.hwcloud.dbaas.plugins.module_utils.urls import path_id

SERVICE = "gaussdb"
RESTORE_TIME = "/v3/{project_id}/instances/%s/restore-time"

# The restore API's documented rules.
PASSWORD_SPECIALS = "~!@#%^*-_=+?,"
DEFAULT_PORT = 8000
EXCLUDED_PORTS = (DEFAULT_PORT, 2378, 2379, 2380, 4999, 5000, 5999, 6000, 6001, 8097, 8098, 12016, 12017, 20049, 20050,
                  21731, 21732, 32122, 32123, 32124)
VOLUME_TYPES = ("ULTRAHIGH",)
VOLUME_STEP_GB = 40  # per shard
VOLUME_MAX_GB = 16 * 1024  # 16 TB per shard
TIME_ZONE = re.compile(r"^UTC[+-](0\d|1[0-2]):00$")
COMPLETED = "COMPLETED"

# Exactly one of these says what to restore.
RESTORE_POINT_OPTIONS = ("backup_id", "backup_name", "backup", "restore_time")
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

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
NEAR_MIDNIGHT = datetime.timedelta(minutes=10)
ONE_MS = datetime.timedelta(milliseconds=1)
# Epoch milliseconds below this (March 1973) are almost certainly epoch seconds; above the upper one, microseconds.
MIN_EPOCH_MS = 10 ** 11
MAX_EPOCH_MS = 10 ** 14
ISO_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$")
ISO_TEXT = "must be epoch milliseconds or an ISO 8601 timestamp with a time zone, for example 2024-05-01T10:30:00Z or 2024-05-01T12:30:00+02:00"


# time ---------------------------------------------------------------------------------------------------------------
def _offset(text: str) -> datetime.timezone:
    if text in ("Z", "z"):
        return datetime.timezone.utc
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes > 59:
        raise ValueError("offset out of range")
    delta = datetime.timedelta(hours=hours, minutes=minutes)
    return datetime.timezone(-delta if text[0] == "-" else delta)


def _iso_to_ms(text: str, naive_utc: bool) -> Optional[int]:
    """Epoch ms of an ISO 8601 timestamp; None when it is not one. A timestamp without zone is UTC only if naive_utc."""
    match = ISO_TIME.match(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if zone is None and not naive_utc:
        raise ValidationError("restore_time", "'%s' has no time zone; add Z or an offset such as +02:00, "
                              "or give epoch milliseconds" % text)
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                   int((fraction or "0")[:6].ljust(6, "0")), tzinfo=_offset(zone or "Z"))
    except ValueError:
        return None
    return (moment - EPOCH) // ONE_MS


def parse_restore_time(value: Any) -> int:
    """The user's restore_time (epoch ms, or ISO 8601 with a zone) as epoch milliseconds; ValidationError otherwise."""
    if isinstance(value, bool) or value is None:
        raise ValidationError("restore_time", ISO_TEXT)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError("restore_time", "epoch milliseconds must be a whole number (got %s)" % value)
        value = int(value)
    text = str(value).strip()
    if re.match(r"^\d+$", text):
        return _check_epoch_ms(int(text))
    millis = _iso_to_ms(text, naive_utc=False)
    if millis is None:
        raise ValidationError("restore_time", "%s (got %s)" % (ISO_TEXT, text))
    return millis


def _check_epoch_ms(millis: int) -> int:
    if millis < MIN_EPOCH_MS:
        hint = "; it looks like epoch seconds, use %d" % (millis * 1000) if millis >= 10 ** 9 else ""
        raise ValidationError("restore_time", "must be epoch milliseconds (got %d%s)" % (millis, hint))
    if millis >= MAX_EPOCH_MS:
        raise ValidationError("restore_time", "must be epoch milliseconds (got %d, which looks like microseconds)" % millis)
    return millis


def service_time_ms(value: Any) -> Optional[int]:
    """A time as the service reports it (epoch ms or s, or ISO 8601, UTC when no zone is given) in epoch ms."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = int(value)
        return number if number >= MIN_EPOCH_MS else number * 1000
    text = str(value).strip()
    if re.match(r"^\d+$", text):
        return service_time_ms(int(text))
    try:
        return _iso_to_ms(text, naive_utc=True)
    except ValidationError:  # pragma: no cover - naive_utc=True never raises
        return None


def ms_to_iso(millis: int) -> str:
    """Epoch ms as ISO 8601 UTC, e.g. 2024-05-01T10:30:00Z (milliseconds only when not zero)."""
    moment = EPOCH + datetime.timedelta(milliseconds=int(millis))
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if millis % 1000:
        text += ".%03d" % (millis % 1000)
    return text + "Z"


def check_not_future(millis: int, now: Optional[float] = None) -> None:
    """A restore time later than now cannot lie in any restorable range: judged here, before any request."""
    now_ms = int((time.time() if now is None else now) * 1000)
    if millis > now_ms:
        raise ValidationError("restore_time", "%s (%d) is in the future (now: %s); a restore point must lie in the past"
                              % (ms_to_iso(millis), millis, ms_to_iso(now_ms)))


def restore_days(millis: int) -> List[str]:
    """The `date` values (UTC days, yyyy-mm-dd) to ask GaussDB ListRestoreTimes for, to see the ranges around millis.

    The API reference marks `date` as mandatory and answers the ranges of that UTC day. A time in the first
    minutes of a day may belong to a range the service reports under the day before (ranges are cut at day
    boundaries, and one copy of the reference calls the day UTC+8), so that day is asked for too.
    """
    moment = EPOCH + datetime.timedelta(milliseconds=int(millis))
    days = [moment.strftime("%Y-%m-%d")]
    if moment - moment.replace(hour=0, minute=0, second=0, microsecond=0) < NEAR_MIDNIGHT:
        days.insert(0, (moment - datetime.timedelta(days=1)).strftime("%Y-%m-%d"))
    return days


def restore_ranges(answer: Mapping[str, Any]) -> List[Tuple[int, int]]:
    """(start, end) epoch ms pairs from a restore-time answer."""
    ranges = []
    for entry in answer.get("restore_time") or []:
        start, end = service_time_ms(entry.get("start_time")), service_time_ms(entry.get("end_time"))
        if start is not None and end is not None:
            ranges.append((start, end))
    return sorted(ranges)


def check_in_ranges(millis: int, ranges: List[Tuple[int, int]], source: str) -> None:
    """Fail unless millis lies inside one of the restorable ranges (ends included)."""
    if any(start <= millis <= end for start, end in ranges):
        return
    listed = ", ".join("%s to %s (%d-%d)" % (ms_to_iso(start), ms_to_iso(end), start, end) for start, end in ranges)
    raise ValidationError("restore_time", "%s (%d) is outside every restorable time range of the source instance %s; ranges: %s"
                          % (ms_to_iso(millis), millis, source, listed or "none (the source has no restorable time range)"))


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


def _check_source_choice(params: Mapping[str, Any]) -> None:
    given = [option for option in ("source_name", "source_id") if params.get(option) not in (None, "")]
    if not given:
        raise ValidationError("source_name|source_id", "one of them is required with state=present")
    if len(given) > 1:
        raise ValidationError("source_id", "cannot be combined with source_name; give only one")
    if params.get("source_name") == params["name"]:
        raise ValidationError("name", "must differ from source_name (a restore creates a new instance)")


def _check_restore_point(params: Mapping[str, Any]) -> None:
    given = [option for option in RESTORE_POINT_OPTIONS if params.get(option) not in (None, "")]
    if not given:
        raise ValidationError("|".join(RESTORE_POINT_OPTIONS), "exactly one is required with state=present")
    if len(given) > 1:
        raise ValidationError(given[1], "cannot be combined with %s; give exactly one of %s" % (given[0], ", ".join(RESTORE_POINT_OPTIONS)))
    if given[0] == "restore_time":
        check_not_future(parse_restore_time(params["restore_time"]))


def validate_restore(params: Mapping[str, Any]) -> None:
    """Every documented rule of GaussDB CreateInstance (restore to a new instance), checked before any request."""
    if params.get("state") == "absent":
        return  # the name rules are create rules: an instance made elsewhere is found by its exact name
    v.check(params, {"name": NAME_RULES})
    _check_source_choice(params)
    _check_restore_point(params)
    v.require(params, REQUIRED_FOR_RESTORE, "with state=present")
    v.check(params, RULES)
    _check_zones(params)
    _check_volume(params)
    check_tags(params.get("tags"))


# look-ups -----------------------------------------------------------------------------------------------------------
def find_source(client: Any, params: Mapping[str, Any]) -> Dict[str, Any]:
    """The source instance, by source_id or by exact source_name; fails when there is none or more than one."""
    source_id = params.get("source_id")
    if source_id:
        matches = [record for record in V3InstanceApi(client, SERVICE).list(id=source_id) if record.get("id") == source_id]
        if not matches:
            raise DbaasError("source_id: no GaussDB instance with id '%s' was found" % source_id)
        return matches[0]
    name = params["source_name"]
    matches = [record for record in V3InstanceApi(client, SERVICE).list(name=name) if record.get("name") == name]
    if not matches:
        raise DbaasError("source_name: no GaussDB instance named '%s' was found" % name)
    if len(matches) > 1:
        raise DbaasError("source_name: %d GaussDB instances are named '%s' (ids: %s); set source_id instead"
                         % (len(matches), name, ", ".join(str(record.get("id")) for record in matches)))
    return matches[0]


def list_backups(client: Any, instance_id: str) -> List[Dict[str, Any]]:
    """All backups of one instance (the API filters by instance_id; the compare guards against looser servers)."""
    return V3BackupApi(client, SERVICE).list(instance_id=instance_id)


def _backup_sort_key(backup: Mapping[str, Any]) -> Tuple[int, int]:
    """End time, then begin time; a backup still running (no end time yet) counts from its begin time."""
    begin = service_time_ms(backup.get("begin_time")) or 0
    return (service_time_ms(backup.get("end_time")) or begin, begin)


def newest_first(backups: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return sorted(backups, key=_backup_sort_key, reverse=True)


def latest_completed(backups: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The newest COMPLETED backup (by end time, then begin time), or None."""
    completed = [backup for backup in backups if str(backup.get("status") or "").upper() == COMPLETED]
    return newest_first(completed)[0] if completed else None


def _label(source: Mapping[str, Any]) -> str:
    return "'%s' (id %s)" % (source.get("name"), source.get("id"))


def _status_summary(backups: List[Dict[str, Any]]) -> str:
    counts: Dict[str, int] = {}
    for backup in backups:
        status = str(backup.get("status") or "unknown")
        counts[status] = counts.get(status, 0) + 1
    return ", ".join("%d %s" % (number, status) for status, number in sorted(counts.items())) or "none"


def choose_backup(params: Mapping[str, Any], backups: List[Dict[str, Any]], source: Mapping[str, Any]) -> Dict[str, Any]:
    """The backup the task names (backup_id, backup_name or backup=latest); it must be COMPLETED."""
    if params.get("backup_id"):
        option, matches = "backup_id", [backup for backup in backups if backup.get("id") == params["backup_id"]]
        wanted = "with id '%s'" % params["backup_id"]
    elif params.get("backup_name"):
        option, matches = "backup_name", [backup for backup in backups if backup.get("name") == params["backup_name"]]
        wanted = "named '%s'" % params["backup_name"]
    else:
        chosen = latest_completed(backups)
        if chosen is None:
            raise DbaasError("backup: the source instance %s has no COMPLETED backup to restore (backups: %s)"
                             % (_label(source), _status_summary(backups)))
        return chosen
    if not matches:
        raise DbaasError("%s: the source instance %s has no backup %s" % (option, _label(source), wanted))
    if len(matches) > 1:
        raise DbaasError("%s: the source instance %s has %d backups %s (ids: %s); set backup_id instead"
                         % (option, _label(source), len(matches), wanted, ", ".join(str(backup.get("id")) for backup in matches)))
    backup = matches[0]
    status = str(backup.get("status") or "")
    if status.upper() != COMPLETED:
        raise DbaasError("%s: backup '%s' (id %s) of the source instance %s is %s; only COMPLETED backups can be restored"
                         % (option, backup.get("name"), backup.get("id"), _label(source), status or "in an unknown status"))
    return backup


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
    return prune({"start_time": strategy.get("start_time"), "keep_days": strategy.get("keep_days")}) or None


def restore_body(params: Mapping[str, Any], restore_point: Mapping[str, Any]) -> Dict[str, Any]:
    """POST /v3/{project_id}/instances: the new instance's options plus the restore point."""
    return prune({
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

    @staticmethod
    def resize_flavor(flavor_ref: str) -> Request:
        return ("PUT", "flavor", {"flavor_ref": flavor_ref})

    @staticmethod
    def enlarge_volume(size: int) -> Request:
        return ("POST", "action", {"enlarge_volume": {"size": size}})

    @staticmethod
    def port(port: int) -> Request:
        return ("PUT", "port", {"port": port})

    @staticmethod
    def security_group(group_id: str) -> Request:
        return ("PUT", "security-group", {"security_group_id": group_id})

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
        normalized = dict(record)
        if "tags" in normalized:
            normalized["tags"] = tags_as_dict(normalized["tags"])  # GaussDB lists a tag's value as an array
        return normalized


class GaussRestore(GaussInstances):
    """An openGauss instance created by restoring another instance's backup or point in time."""

    def __init__(self, client: Any, params: Mapping[str, Any]) -> None:
        super().__init__(client, params)
        self.point: Optional[Dict[str, Any]] = None  # the restore_point sent in the body
        self.report: Optional[Dict[str, Any]] = None  # the same plus names, for the result

    def prepare_create(self) -> None:
        """Resolve the source and the restore point and check them; only when the instance is missing."""
        self.check_password()
        source = find_source(self.client, self.params)
        self._check_volume_against(source)
        if self.params.get("restore_time") not in (None, ""):
            self._resolve_time(source)
        else:
            self._resolve_backup(source)

    def _check_volume_against(self, source: Mapping[str, Any]) -> None:
        have = (source.get("volume") or {}).get("size")
        if have is not None and int(self.params["volume_size"]) < int(have):
            raise DbaasError("volume_size: must be at least the %s GB of the source instance %s (got %s)"
                             % (have, _label(source), self.params["volume_size"]))

    def _resolve_time(self, source: Mapping[str, Any]) -> None:
        millis = parse_restore_time(self.params["restore_time"])
        ranges: List[Tuple[int, int]] = []
        for day in restore_days(millis):
            answer = self.client.request(self.service, "GET", RESTORE_TIME % path_id(source["id"], "the source instance id"),
                                         query={"date": day}, require={"restore_time": list})
            ranges.extend(restore_ranges(answer))
        check_in_ranges(millis, sorted(ranges), _label(source))
        self.point = {"instance_id": source["id"], "type": "timestamp", "restore_time": millis}
        self.report = dict(self.point, source_name=source.get("name"), restore_time_utc=ms_to_iso(millis))

    def _resolve_backup(self, source: Mapping[str, Any]) -> None:
        backup = choose_backup(self.params, list_backups(self.client, str(source["id"])), source)
        self.point = {"instance_id": source["id"], "type": "backup", "backup_id": backup["id"]}
        self.report = dict(self.point, source_name=source.get("name"), backup_name=backup.get("name"),
                           backup_end_time=backup.get("end_time"))

    def result_extras(self) -> Dict[str, Any]:
        return {"restore_point": self.report} if self.report else {}

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
        if self.point is None:
            raise DbaasError("internal error: the restore point was not resolved before the create request")
        return restore_body(self.params, self.point)

    def desired(self) -> Dict[str, Any]:
        """What an existing instance is compared with; the restore point cannot be, the instance does not report it."""
        params = self.params
        if params.get("state") == "absent":
            return {}
        return prune({
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
    return [record for record in records if all(_listed_value(record, key) == value for key, value in wanted.items())]
