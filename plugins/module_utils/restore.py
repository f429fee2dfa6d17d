# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Restore to a new instance, one set of rules and messages for gauss_restore and the restore_from option of
rds_instance and dds_instance.

RDS v3 CreateRestoreInstance, DDS RestoreNewInstance and GaussDB CreateInstance (restore) are the create API of their
service with a ``restore_point``: the source instance, and a backup or a point in time. What they share is here: the
restore time (epoch milliseconds or ISO 8601 with a zone; never in the future; inside the source's restorable ranges,
ListRestoreTimes queried with ``date``), the source by exact name or id, the backup by id, exact name or the latest
COMPLETED one, and the engine of the new instance, which must be the source's. The body of each service stays with it.

``prefix`` is where the options sit in the task: ``""`` for gauss_restore, ``"restore_from."`` for rds_instance and
dds_instance, so that a message names the option as the user wrote it.
"""

from __future__ import annotations

import datetime
import re
import time
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import V3BackupApi, V3InstanceApi
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import same_version
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.urls import path_id

# Where the restore options sit in the task of rds_instance and dds_instance, for messages.
RESTORE_PREFIX = "restore_from."

RESTORE_TIME = "/v3/{project_id}/instances/%s/restore-time"
COMPLETED = "COMPLETED"
# Exactly one of these says what to restore.
RESTORE_POINT_OPTIONS = ("backup_id", "backup_name", "backup", "restore_time")
SOURCE_OPTIONS = ("source_name", "source_id")

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


def _iso_to_ms(text: str, naive_utc: bool, option: str = "restore_time") -> Optional[int]:
    """Epoch ms of an ISO 8601 timestamp; None when it is not one. A timestamp without zone is UTC only if naive_utc."""
    match = ISO_TIME.match(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if zone is None and not naive_utc:
        raise ValidationError(option, "'%s' has no time zone; add Z or an offset such as +02:00, "
                              "or give epoch milliseconds" % text)
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                   int((fraction or "0")[:6].ljust(6, "0")), tzinfo=_offset(zone or "Z"))
    except ValueError:
        return None
    return (moment - EPOCH) // ONE_MS


def parse_restore_time(value: Any, option: str = "restore_time") -> int:
    """The user's restore_time (epoch ms, or ISO 8601 with a zone) as epoch milliseconds; ValidationError otherwise."""
    if isinstance(value, bool) or value is None:
        raise ValidationError(option, ISO_TEXT)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(option, "epoch milliseconds must be a whole number (got %s)" % value)
        value = int(value)
    text = str(value).strip()
    if re.match(r"^\d+$", text):
        return _check_epoch_ms(int(text), option)
    millis = _iso_to_ms(text, naive_utc=False, option=option)
    if millis is None:
        raise ValidationError(option, "%s (got %s)" % (ISO_TEXT, text))
    return millis


def _check_epoch_ms(millis: int, option: str = "restore_time") -> int:
    if millis < MIN_EPOCH_MS:
        hint = "; it looks like epoch seconds, use %d" % (millis * 1000) if millis >= 10 ** 9 else ""
        raise ValidationError(option, "must be epoch milliseconds (got %d%s)" % (millis, hint))
    if millis >= MAX_EPOCH_MS:
        raise ValidationError(option, "must be epoch milliseconds (got %d, which looks like microseconds)" % millis)
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


def check_not_future(millis: int, now: Optional[float] = None, option: str = "restore_time") -> None:
    """A restore time later than now cannot lie in any restorable range: judged here, before any request."""
    now_ms = int((time.time() if now is None else now) * 1000)
    if millis > now_ms:
        raise ValidationError(option, "%s (%d) is in the future (now: %s); a restore point must lie in the past"
                              % (ms_to_iso(millis), millis, ms_to_iso(now_ms)))


def restore_days(millis: int) -> List[str]:
    """The `date` values (UTC days, yyyy-mm-dd) to ask ListRestoreTimes for, to see the ranges around millis.

    GaussDB and DDS mark `date` as mandatory (RDS as optional) and answer the ranges of that UTC day. A time in the
    first minutes of a day may belong to a range the service reports under the day before (ranges are cut at day
    boundaries, and one copy of the GaussDB reference calls the day UTC+8), so that day is asked for too.
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


def check_in_ranges(millis: int, ranges: List[Tuple[int, int]], source: str, option: str = "restore_time") -> None:
    """Fail unless millis lies inside one of the restorable ranges (ends included)."""
    if any(start <= millis <= end for start, end in ranges):
        return
    listed = ", ".join("%s to %s (%d-%d)" % (ms_to_iso(start), ms_to_iso(end), start, end) for start, end in ranges)
    raise ValidationError(option, "%s (%d) is outside every restorable time range of the source instance %s; ranges: %s"
                          % (ms_to_iso(millis), millis, source, listed or "none (the source has no restorable time range)"))


def restorable_ranges(client: Any, service: str, source_id: str, millis: int) -> List[Tuple[int, int]]:
    """ListRestoreTimes of the source (RDS v3, DDS, GaussDB: GET .../restore-time?date=), for each day around millis."""
    ranges: List[Tuple[int, int]] = []
    for day in restore_days(millis):
        answer = client.request(service, "GET", RESTORE_TIME % path_id(source_id, "the source instance id"),
                                query={"date": day}, require={"restore_time": list})
        ranges.extend(restore_ranges(answer))
    return sorted(ranges)


# input rules --------------------------------------------------------------------------------------------------------
def given(params: Mapping[str, Any], options: Tuple[str, ...]) -> List[str]:
    return [option for option in options if params.get(option) not in (None, "")]


def check_source_choice(params: Mapping[str, Any], target_name: Any, prefix: str = "", required_note: str = "") -> None:
    """Exactly one of source_name and source_id; the new instance's name is not the source's."""
    chosen = given(params, SOURCE_OPTIONS)
    if not chosen:
        raise ValidationError("|".join(prefix + option for option in SOURCE_OPTIONS), "one of them is required" + required_note)
    if len(chosen) > 1:
        raise ValidationError(prefix + "source_id", "cannot be combined with %ssource_name; give only one" % prefix)
    if params.get("source_name") == target_name:
        raise ValidationError("name", "must differ from %ssource_name (a restore creates a new instance)" % prefix)


def check_restore_point(params: Mapping[str, Any], prefix: str = "", required_note: str = "") -> None:
    """Exactly one of backup_id, backup_name, backup and restore_time; a restore time must be well formed and past."""
    chosen = given(params, RESTORE_POINT_OPTIONS)
    if not chosen:
        raise ValidationError("|".join(prefix + option for option in RESTORE_POINT_OPTIONS), "exactly one is required" + required_note)
    if len(chosen) > 1:
        raise ValidationError(prefix + chosen[1], "cannot be combined with %s%s; give exactly one of %s"
                              % (prefix, chosen[0], ", ".join(prefix + option for option in RESTORE_POINT_OPTIONS)))
    if chosen[0] == "restore_time":
        check_not_future(parse_restore_time(params["restore_time"], prefix + "restore_time"), option=prefix + "restore_time")


# look-ups -----------------------------------------------------------------------------------------------------------
def find_source(client: Any, service: str, label_prefix: str, params: Mapping[str, Any], prefix: str = "") -> Dict[str, Any]:
    """The source instance, by source_id or by exact source_name; fails when there is none or more than one."""
    source_id = params.get("source_id")
    if source_id:
        matches = [record for record in V3InstanceApi(client, service).list(id=source_id) if record.get("id") == source_id]
        if not matches:
            raise DbaasError("%ssource_id: no %s instance with id '%s' was found" % (prefix, label_prefix, source_id))
        return matches[0]
    name = params["source_name"]
    matches = [record for record in V3InstanceApi(client, service).list(name=name) if record.get("name") == name]
    if not matches:
        raise DbaasError("%ssource_name: no %s instance named '%s' was found" % (prefix, label_prefix, name))
    if len(matches) > 1:
        raise DbaasError("%ssource_name: %d %s instances are named '%s' (ids: %s); set %ssource_id instead"
                         % (prefix, len(matches), label_prefix, name, ", ".join(str(record.get("id")) for record in matches), prefix))
    return matches[0]


def list_backups(client: Any, service: str, instance_id: str) -> List[Dict[str, Any]]:
    """All backups of one instance (the API filters by instance_id; the compare guards against looser servers)."""
    return V3BackupApi(client, service).list(instance_id=instance_id)


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


def label(source: Mapping[str, Any]) -> str:
    return "'%s' (id %s)" % (source.get("name"), source.get("id"))


def _status_summary(backups: List[Dict[str, Any]]) -> str:
    counts: Dict[str, int] = {}
    for backup in backups:
        status = str(backup.get("status") or "unknown")
        counts[status] = counts.get(status, 0) + 1
    return ", ".join("%d %s" % (number, status) for status, number in sorted(counts.items())) or "none"


def choose_backup(params: Mapping[str, Any], backups: List[Dict[str, Any]], source: Mapping[str, Any], prefix: str = "") -> Dict[str, Any]:
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
            raise DbaasError("%sbackup: the source instance %s has no COMPLETED backup to restore (backups: %s)"
                             % (prefix, label(source), _status_summary(backups)))
        return chosen
    option = prefix + option
    if not matches:
        raise DbaasError("%s: the source instance %s has no backup %s" % (option, label(source), wanted))
    if len(matches) > 1:
        raise DbaasError("%s: the source instance %s has %d backups %s (ids: %s); set %sbackup_id instead"
                         % (option, label(source), len(matches), wanted, ", ".join(str(backup.get("id")) for backup in matches), prefix))
    backup = matches[0]
    status = str(backup.get("status") or "")
    if status.upper() != COMPLETED:
        raise DbaasError("%s: backup '%s' (id %s) of the source instance %s is %s; only COMPLETED backups can be restored"
                         % (option, backup.get("name"), backup.get("id"), label(source), status or "in an unknown status"))
    return backup


def check_same_engine(source: Mapping[str, Any], engine: Optional[str], version: Optional[str], options: Tuple[str, str]) -> None:
    """The new instance runs the source's engine and version (the restore APIs' documented rule); compared without case,
    a version by family (5.7 and 5.7.17)."""
    datastore = source.get("datastore") or {}
    have_engine = str(datastore.get("type") or "")
    if engine and have_engine and engine.lower() != have_engine.lower():
        raise DbaasError("%s: must be the engine of the source instance %s, %s (got %s); a restore keeps the engine"
                         % (options[0], label(source), have_engine, engine))
    if version and (datastore.get("version") or datastore.get("complete_version")) and not same_version(version, datastore):
        raise DbaasError("%s: must be the version of the source instance %s, %s (got %s); a restore keeps the version"
                         % (options[1], label(source), datastore.get("complete_version") or datastore.get("version"), version))


class RestorePoint:
    """The resolved restore point of one task: sent in the create body (``point``) and reported in the result (``report``)."""

    def __init__(self, client: Any, service: str, label_prefix: str, params: Mapping[str, Any], prefix: str = "") -> None:
        self.client = client
        self.service = service
        self.label_prefix = label_prefix
        self.params = params  # the restore options: the task's own (gauss_restore) or restore_from's
        self.prefix = prefix
        self.source: Optional[Dict[str, Any]] = None
        self.point: Optional[Dict[str, Any]] = None
        self.report: Optional[Dict[str, Any]] = None

    def find_source(self) -> Dict[str, Any]:
        self.source = find_source(self.client, self.service, self.label_prefix, self.params, self.prefix)
        return self.source

    def resolve(self) -> Dict[str, Any]:
        """The source's backup or point in time, checked against the source (a backup COMPLETED, a time in range)."""
        source = self.source if self.source is not None else self.find_source()
        if self.params.get("restore_time") not in (None, ""):
            option = self.prefix + "restore_time"
            millis = parse_restore_time(self.params["restore_time"], option)
            check_in_ranges(millis, restorable_ranges(self.client, self.service, str(source["id"]), millis), label(source), option)
            self.point = {"instance_id": source["id"], "type": "timestamp", "restore_time": millis}
            self.report = dict(self.point, source_name=source.get("name"), restore_time_utc=ms_to_iso(millis))
        else:
            backup = choose_backup(self.params, list_backups(self.client, self.service, str(source["id"])), source, self.prefix)
            self.point = {"instance_id": source["id"], "type": "backup", "backup_id": backup["id"]}
            self.report = dict(self.point, source_name=source.get("name"), backup_name=backup.get("name"),
                               backup_end_time=backup.get("end_time"))
        return self.point
