# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""instance_wait: wait for many instances at once, under one deadline, with one list request per service per poll.

The list APIs return every instance of the project, so one (paged) list answers for all the instances of a service;
statuses are read with the adapters' own words (RDS and GaussDB ACTIVE/FAILED, DDS normal/createfail/abnormal).
Only the job of an instance that failed is read, once, for its fail_reason.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import mapping_at
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import DATABASE_SERVICES as SERVICES, platform, supports
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import ServiceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.catalog import instance_adapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import CONFIRM_GAP
READY, FAILED, TIMED_OUT = "ready", "failed", "timed_out"
# Result keys per outcome; `failed` is Ansible's own flag of every task result, so the failed instances get another key.
RESULT_KEYS = {READY: "ready", FAILED: "failed_instances", TIMED_OUT: "timed_out"}
DELETED = "deleted"
NOT_FOUND = "not found"
# Polls on which an instance may be missing from the list before it counts as failed (a list can lag behind a create).
MISSING_POLLS = 2
GroupKey = Tuple[str, str, str]


@dataclasses.dataclass
class Target:
    """One instance to wait for, and what the polls saw of it."""

    path: str  # where the entry stands in the module's options, for messages
    service: str
    api_version: str = "v3"
    id: Optional[str] = None
    name: Optional[str] = None
    job_id: Optional[str] = None
    prefix: str = ""
    status: Optional[str] = None
    record: Optional[Dict[str, Any]] = None
    outcome: Optional[str] = None
    reason: Optional[str] = None
    seen_ready: bool = False
    missing: int = 0

    @property
    def group(self) -> GroupKey:
        return (self.service, self.api_version, self.prefix)

    @property
    def identity(self) -> Tuple[GroupKey, str]:
        return (self.group, "id:" + self.id if self.id else "name:" + str(self.name))

    def label(self) -> str:
        parts = [self.service + (" v1" if self.api_version == "v1" else "")]
        if self.name:
            parts.append("'%s'" % self.name)
        if self.id:
            parts.append("(id %s)" % self.id)
        return " ".join(parts)

    def finish(self, outcome: str, reason: Optional[str] = None) -> None:
        self.outcome = outcome
        self.reason = reason

    def report(self) -> Dict[str, Any]:
        entry: Dict[str, Any] = {"service": self.service, "id": self.id, "name": self.name, "status": self.status or NOT_FOUND}
        if self.api_version != "v3":
            entry["api_version"] = self.api_version
        if self.job_id:
            entry["job_id"] = self.job_id
        if self.reason:
            entry["reason"] = self.reason
        if self.outcome == READY and self.record is not None:
            entry["instance"] = self.record
        return entry


# input ------------------------------------------------------------------------------------------------------------
def _as_text(value: Any) -> Optional[str]:
    return None if value in (None, "") else str(value)


def _flatten(value: Any) -> List[Tuple[str, Any]]:
    """(path, entry) pairs from a list of entries, a registered loop (``results``) or a list of either."""
    if isinstance(value, Mapping) and isinstance(value.get("results"), list):
        return [("instances.results[%d]" % index, item) for index, item in enumerate(value["results"])]
    if isinstance(value, Mapping):
        return [("instances", value)]
    if not isinstance(value, list):
        raise ValidationError("instances", "must be a list of instances ({service, id or name}) or the registered result of a loop")
    pairs: List[Tuple[str, Any]] = []
    for index, item in enumerate(value):
        if isinstance(item, Mapping) and isinstance(item.get("results"), list):
            pairs.extend(("instances[%d].results[%d]" % (index, inner), entry) for inner, entry in enumerate(item["results"]))
        else:
            pairs.append(("instances[%d]" % index, item))
    return pairs


def _is_registered(entry: Mapping[str, Any]) -> bool:
    return "instance" in entry or "changed" in entry or "invocation" in entry or "failed" in entry


def _target(path: str, entry: Any, params: Mapping[str, Any]) -> Optional[Target]:
    """The instance an entry names; None for an entry with nothing to wait for (a skipped loop item)."""
    if not isinstance(entry, Mapping):
        raise ValidationError(path, "must be a dict with service and id or name, or a registered result (got %s)" % type(entry).__name__)
    if entry.get("skipped"):
        return None
    registered = _is_registered(entry)
    if registered:
        instance = mapping_at(entry, "instance")
        instance_id, name = _as_text(instance.get("id")), _as_text(instance.get("name"))
    else:
        # Other keys are ignored, so that the records of rds_instance_info can be passed as they are.
        instance_id, name = _as_text(entry.get("id")), _as_text(entry.get("name"))
    service = _as_text(entry.get("service")) or params.get("service")
    if service not in SERVICES:
        rule = "must be one of %s (got %s)" % (", ".join(SERVICES), service) if service else \
            "is required (set it in the entry, or the module option service); the creating modules return it"
        raise ValidationError(path + ".service", rule)
    api_version = _as_text(entry.get("api_version")) or params.get("api_version") or "v3"
    if not supports(service, api_version):
        raise ValidationError(path + ".api_version", "must be v3, or v1 for service rds (got %s for %s)" % (api_version, service))
    prefix = (_as_text(entry.get("v1_path_prefix")) or params.get("v1_path_prefix")) if api_version == "v1" else None
    target = Target(path, service, api_version, instance_id, name, _as_text(entry.get("job_id")), prefix or "")
    if registered and entry.get("failed"):
        target.finish(FAILED, "the task that was to create or delete it failed: %s" % (entry.get("msg") or "no message"))
        return target
    if not instance_id and not name:
        if registered and params.get("state") == "absent":
            return None  # a delete that found nothing to delete
        raise ValidationError(path, "names no instance: give id or name" + (" (the registered result holds no instance)" if registered else ""))
    return target


def parse_targets(params: Mapping[str, Any]) -> List[Target]:
    """Every instance to wait for, once each (the same instance listed twice is waited for once)."""
    targets: List[Target] = []
    seen = set()
    for path, entry in _flatten(params.get("instances")):
        target = _target(path, entry, params)
        if target is None or target.identity in seen:
            continue
        seen.add(target.identity)
        targets.append(target)
    return targets


# polling ----------------------------------------------------------------------------------------------------------
class CountingClient:
    """The client, counting the requests sent through it (the result reports how batched the wait was)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.count = 0

    def request(self, *args: Any, **kwargs: Any) -> Any:
        self.count += 1
        return self.client.request(*args, **kwargs)


def adapter_for(client: Any, group: GroupKey, platform_name: Optional[str]) -> ServiceAdapter:
    """The service adapter that lists, reads statuses and jobs for one group of targets."""
    service, api_version, prefix = group
    params = {"platform": platform_name or "huaweicloud", "v1_path_prefix": prefix or None, "state": "present"}
    return instance_adapter(client, service, api_version, params)


class BatchWait:
    """Polls all targets together until each is ready (or deleted), failed, or the deadline has passed."""

    def __init__(self, client: Any, params: Mapping[str, Any], targets: List[Target], deadline: float,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.client = CountingClient(client)
        self.params = params
        self.targets = targets
        self.absent = params.get("state") == "absent"
        self.deadline = deadline
        self.interval = max(0.01, float(params.get("poll_interval") or 10))
        self._clock = clock
        self._sleep = sleep
        self.adapters: Dict[GroupKey, ServiceAdapter] = {}
        self.polls = 0
        self.warnings: List[str] = []

    def adapter(self, group: GroupKey) -> ServiceAdapter:
        if group not in self.adapters:
            self.adapters[group] = adapter_for(self.client, group, platform(self.params))
        return self.adapters[group]

    def open_targets(self) -> List[Target]:
        return [target for target in self.targets if target.outcome is None]

    # one poll ---------------------------------------------------------------------------------------------------
    def poll(self, confirm: bool) -> None:
        """One list per group that still has open targets; confirm=True asks two ready polls in a row."""
        self.polls += 1
        groups: Dict[GroupKey, List[Target]] = {}
        for target in self.open_targets():
            groups.setdefault(target.group, []).append(target)
        for group, members in groups.items():
            adapter = self.adapter(group)
            records = self.list_group(adapter, members)
            for target in members:
                self.classify(adapter, target, records, confirm)

    @staticmethod
    def list_group(adapter: ServiceAdapter, members: List[Target]) -> List[Dict[str, Any]]:
        """All instances of the project (paged by 100), or, for one instance left, the list filtered to it."""
        if len(members) == 1:
            return adapter.list_records(members[0].id, members[0].name)
        return adapter.list_records()

    def classify(self, adapter: ServiceAdapter, target: Target, records: List[Dict[str, Any]], confirm: bool) -> None:
        if target.id:
            matches = [record for record in records if str(record.get("id")) == target.id]
        else:
            matches = [record for record in records if record.get("name") == target.name]
        if len(matches) > 1:
            ids = ", ".join(str(record.get("id")) for record in matches)
            target.finish(FAILED, "%d instances are named '%s' (ids: %s); give the id instead" % (len(matches), target.name, ids))
            return
        if not matches:
            self.missing(target, confirm)
            return
        record = adapter.resolve(matches[0])
        target.missing = 0
        target.id = target.id or str(record.get("id"))
        target.name = target.name or _as_text(record.get("name"))
        target.record = adapter.normalize(record)
        target.status = adapter.status(record)
        if self.absent:
            target.seen_ready = False
            return
        self.classify_status(adapter, target, confirm)

    def missing(self, target: Target, confirm: bool) -> None:
        target.status = DELETED if self.absent else NOT_FOUND
        target.record = None
        if self.absent:
            target.finish(READY)
            return
        target.missing += 1
        if not confirm and not target.id:
            return  # check mode: the creating task did not create it
        if confirm and target.missing < MISSING_POLLS:
            return
        what = "id %s" % target.id if target.id else "the name '%s'" % target.name
        target.finish(FAILED, "no %s instance with %s exists" % (target.service, what))

    def classify_status(self, adapter: ServiceAdapter, target: Target, confirm: bool) -> None:
        status = target.status
        if status in adapter.failed_statuses:
            target.finish(FAILED)
        elif status in adapter.settled_statuses:
            target.finish(READY)
            self.warnings.append("%s is %s; waiting cannot change that, so it counts as done" % (target.label(), status))
        elif status in adapter.ready_statuses:
            # Confirmed on the next poll: a status can flip back (e.g. ACTIVE -> BACKING UP right after creation).
            if target.seen_ready or not confirm:
                target.finish(READY)
            target.seen_ready = True
        else:
            target.seen_ready = False

    # the loop ---------------------------------------------------------------------------------------------------
    def remaining(self) -> float:
        return self.deadline - self._clock()

    def next_pause(self) -> float:
        confirming = any(target.seen_ready or target.missing for target in self.open_targets())
        return min(CONFIRM_GAP, self.interval) if confirming else self.interval

    def run(self, wait: bool) -> Dict[str, Any]:
        """Poll until every target has an outcome; wait=False polls once and reports (check mode)."""
        started = self._clock()
        while self.open_targets():
            self.poll(confirm=wait)
            if not wait or not self.open_targets():
                break
            remaining = self.remaining()
            if remaining <= 0:
                self.time_out()
                break
            self._sleep(min(self.next_pause(), remaining))
        self.explain_failures()
        return self.result(self._clock() - started, wait)

    def time_out(self) -> None:
        for target in self.open_targets():
            last = target.status or NOT_FOUND
            target.finish(TIMED_OUT, "still %s when the deadline of %ss passed" % (last, self.params.get("wait_timeout")))

    def explain_failures(self) -> None:
        """The reason of each failed instance: its job's fail_reason (one job request each), else its status."""
        for target in self.targets:
            if target.outcome != FAILED or target.reason:
                continue
            target.reason = "ended in status %s" % target.status
            if not target.job_id:
                continue
            try:
                adapter = self.adapter(target.group)
                job = adapter.job_status(target.job_id)
            except ApiError as error:
                target.reason += " (its job %s could not be read: %s)" % (target.job_id, error)
                continue
            fail_reason = job.get("fail_reason")
            if fail_reason:
                target.reason = "job %s %s: %s" % (target.job_id, str(job.get("status") or "failed").lower(), fail_reason)
            elif job.get("status"):
                target.reason += " (job %s is %s)" % (target.job_id, job.get("status"))

    def result(self, elapsed: float, wait: bool) -> Dict[str, Any]:
        result: Dict[str, Any] = {
            "changed": False,
            "state": "absent" if self.absent else "present",
            RESULT_KEYS[READY]: [target.report() for target in self.targets if target.outcome == READY],
            RESULT_KEYS[FAILED]: [target.report() for target in self.targets if target.outcome == FAILED],
            RESULT_KEYS[TIMED_OUT]: [target.report() for target in self.targets if target.outcome == TIMED_OUT],
            "pending": [target.report() for target in self.targets if target.outcome is None],
            "polls": self.polls,
            "requests": self.client.count,
            "elapsed": round(elapsed, 3),
            "waited": wait,
        }
        return result


def failure_message(result: Mapping[str, Any]) -> Optional[str]:
    """The task's failure message: every instance that failed or timed out and why, and which are ready; None if none."""
    ready = result[RESULT_KEYS[READY]]
    bad = [("failed", entry) for entry in result[RESULT_KEYS[FAILED]]] + [("timed out", entry) for entry in result[RESULT_KEYS[TIMED_OUT]]]
    if not bad:
        return None
    total = len(bad) + len(ready) + len(result["pending"])
    wanted = "deleted" if result["state"] == "absent" else "ready"
    details = "; ".join("%s %s: %s" % (_entry_label(entry), how, entry.get("reason")) for how, entry in bad)
    done = ", ".join(_entry_label(entry) for entry in ready) or "none"
    return "%d of %d instances did not become %s: %s. %s: %s" % (len(bad), total, wanted, details, wanted.capitalize(), done)


def _entry_label(entry: Mapping[str, Any]) -> str:
    parts = [str(entry["service"]) + (" v1" if entry.get("api_version") == "v1" else "")]
    if entry.get("name"):
        parts.append("'%s'" % entry["name"])
    if entry.get("id"):
        parts.append("(id %s)" % entry["id"])
    return " ".join(parts)


def wait_for_instances(client: Any, params: Mapping[str, Any], check_mode: bool, deadline: float,
                       clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> Tuple[BatchWait, Dict[str, Any]]:
    """instance_wait: parse the entries (before any request), then poll; returns the waiter (warnings) and the result.

    The common option `wait` is not read: a module_defaults group that sets wait=false for the creating modules
    must not turn the one task that waits for them into a report. Check mode reports without waiting.
    """
    targets = parse_targets(params)
    batch = BatchWait(client, params, targets, deadline, clock=clock, sleep=sleep)
    return batch, batch.run(wait=not check_mode)
