# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one idempotent flow: find by exact name -> plan -> apply -> wait -> re-read -> result.

Services plug in through a ServiceAdapter; the flow never knows which cloud API it drives.
"""

from __future__ import annotations

import uuid
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import Matcher, differences, prune, same_version, subset
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, WaitTimeout
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import JobFailed, Waiter


class CreateAnswer:
    """What a create call gave back: the new instance's id and the job to wait for."""

    def __init__(self, instance_id: str, job_id: Optional[str], record: Mapping[str, Any], recovered: bool = False,
                 job_ids: Optional[List[str]] = None) -> None:
        self.instance_id = instance_id
        self.job_id = job_id
        self.record = dict(record)
        self.recovered = recovered
        # Some APIs start several jobs for one create (RDS v1 HA: primary and standby); the flow waits for each.
        self.job_ids = list(job_ids) if job_ids else ([job_id] if job_id else [])


class ServiceAdapter:
    """Paths, field mapping and status words of one service; the flow calls only these."""

    kind = "instance"
    # The service key of the endpoint (rds, gaussdb, dds); returned as `service` so instance_wait knows where to look.
    service = ""
    ready_statuses = ("ACTIVE",)
    failed_statuses = ("FAILED",)
    # Statuses that waiting cannot change (e.g. frozen, disk full): an existing instance in one is returned with a warning.
    settled_statuses: Tuple[str, ...] = ()
    job_done = ("Completed",)
    job_failed = ("Failed",)
    # Compares of their own for some option paths; engine versions match by family (5.7 and 5.7.17).
    matchers: Dict[str, Matcher] = {"datastore.version": same_version}

    def __init__(self, client: Any, params: Mapping[str, Any]) -> None:
        self.client = client
        self.params = params

    # lookups
    def find_by_name(self, name: str) -> List[Dict[str, Any]]:
        raise NotImplementedError

    def get(self, instance_id: str) -> Optional[Dict[str, Any]]:
        raise NotImplementedError

    def job_status(self, job_id: str) -> Dict[str, Any]:
        raise NotImplementedError

    # writes
    def create(self, client_token: str, recover: Any) -> CreateAnswer:
        raise NotImplementedError

    def delete(self, record: Mapping[str, Any]) -> Optional[str]:
        raise NotImplementedError

    # mapping
    def desired(self) -> Dict[str, Any]:
        """The user's options in the shape of the service's instance record (None = not set)."""
        raise NotImplementedError

    def normalize(self, record: Mapping[str, Any]) -> Dict[str, Any]:
        return dict(record)

    def status(self, record: Mapping[str, Any]) -> str:
        return str(record.get("status") or "")

    def check_existing(self, record: Mapping[str, Any]) -> None:
        """Extra rules an existing instance must meet (e.g. a replica's source)."""

    def check_deletable(self, record: Mapping[str, Any]) -> None:
        """Extra rules before the instance found by name is deleted (e.g. rds_replica deletes read replicas only)."""

    def instance_id(self, record: Mapping[str, Any]) -> str:
        return str(record["id"])

    def prepare_create(self) -> None:
        """Look-ups and checks only a create needs (e.g. a restore source); run when the instance is missing, also in check mode."""

    def result_extras(self) -> Dict[str, Any]:
        """Keys the service adds to the module result (e.g. the restore point used)."""
        return {}

    def service_keys(self) -> Dict[str, Any]:
        """Keys of every result that say which API holds the instance (for instance_wait on registered results)."""
        return {"service": self.service} if self.service else {}

    def job_failure_accepted(self, job_id: str, job: Mapping[str, Any]) -> bool:
        """True when a failed create job is not the end (e.g. RDS v1: the primary failed, its standby carries on).

        The flow then goes on to wait for the instance, which decides whether the result is usable.
        """
        return False


class Flow:
    """Runs the plan/apply/wait steps for one module invocation."""

    def __init__(self, adapter: ServiceAdapter, params: Mapping[str, Any], check_mode: bool, waiter: Waiter) -> None:
        self.adapter = adapter
        self.params = params
        self.check_mode = check_mode
        self.waiter = waiter
        self.warnings: List[str] = []

    def run(self) -> Dict[str, Any]:
        current = self.find_one(self.params["name"])
        if self.params.get("state") == "absent":
            result = self.ensure_absent(current)
        else:
            result = self.ensure_present(current)
        # Warnings the adapter raised on the way (e.g. it had to follow a standby node).
        self.warnings.extend(getattr(self.adapter, "warnings", None) or [])
        return result

    def find_one(self, name: str) -> Optional[Dict[str, Any]]:
        matches = [record for record in self.adapter.find_by_name(name) if record.get("name") == name]
        if len(matches) > 1:
            ids = ", ".join(self.adapter.instance_id(record) for record in matches)
            raise DbaasError("name: %d %ss are named '%s' (ids: %s); rename or delete all but one, nothing was changed"
                             % (len(matches), self.adapter.kind, name, ids))
        return matches[0] if matches else None

    # present -----------------------------------------------------------------------
    def ensure_present(self, current: Optional[Dict[str, Any]]) -> Dict[str, Any]:
        desired = self.adapter.desired()
        if current is None:
            return self.create(desired)
        self.adapter.check_existing(current)
        record = self.adapter.normalize(current)
        self.report_drift(desired, record)
        status = self.adapter.status(current)
        if status in self.adapter.failed_statuses:
            raise DbaasError("the %s '%s' (id %s) exists but is %s; delete it with state=absent and run again"
                             % (self.adapter.kind, self.params["name"], self.adapter.instance_id(current), status))
        if status in self.adapter.settled_statuses:
            self.warnings.append("the %s '%s' (id %s) is %s; waiting cannot change that, so it was not waited for"
                                 % (self.adapter.kind, self.params["name"], self.adapter.instance_id(current), status))
        elif self.params.get("wait") and status not in self.adapter.ready_statuses and not self.check_mode:
            record = self.adapter.normalize(self.wait_ready(self.adapter.instance_id(current)))
        before = subset(record, desired)
        return self.result(False, record, before, before)

    def report_drift(self, desired: Mapping[str, Any], record: Mapping[str, Any]) -> None:
        drift = differences(desired, record, matchers=self.adapter.matchers)
        if not drift:
            return
        listed = "; ".join("%s: wanted %r, found %r" % item for item in drift)
        message = ("the existing %s '%s' differs from the task in options that cannot be changed by this module: %s"
                   % (self.adapter.kind, self.params["name"], listed))
        mode = self.params.get("drift") or "fail"
        if mode == "fail":
            raise DbaasError(message + ". Set drift=warn to accept the existing instance.")
        if mode == "warn":
            self.warnings.append(message)

    def create(self, desired: Dict[str, Any]) -> Dict[str, Any]:
        self.adapter.prepare_create()
        if self.check_mode:
            return self.result(True, dict(prune(desired), name=self.params["name"]), {}, prune(desired))
        name = self.params["name"]

        def recover() -> Optional[CreateAnswer]:
            # The create may have been carried out although its answer was lost: look before trying again.
            found = self.find_one(name)
            return CreateAnswer(self.adapter.instance_id(found), None, found, recovered=True) if found else None

        # X-Client-Token: a lower-case UUID in the 8-4-4-4-12 form; anything else is refused with DBS.280497.
        answer = self.adapter.create(str(uuid.uuid4()), recover)
        record = answer.record
        if self.params.get("wait"):
            try:
                for job_id in answer.job_ids:
                    self.wait_job(job_id)
            except WaitTimeout as error:
                raise WaitTimeout(error.message + self.status_note(answer.instance_id)) from None
            record = self.wait_ready(answer.instance_id)
        result = self.result(True, self.adapter.normalize(record), {}, prune(desired))
        result["job_id"] = answer.job_id
        if len(answer.job_ids) > 1:
            result["job_ids"] = answer.job_ids
        return result

    def status_note(self, instance_id: str) -> str:
        """The instance's status now, for a message about a job that did not end in time ('' when it cannot be read)."""
        try:
            record = self.adapter.get(instance_id)
        except DbaasError:
            return ""
        if record is None:
            return ""
        return "; the %s %s is %s" % (self.adapter.kind, instance_id, self.adapter.status(record) or "in an unknown status")

    # absent ------------------------------------------------------------------------
    def ensure_absent(self, current: Optional[Dict[str, Any]]) -> Dict[str, Any]:
        if current is None:
            return self.result(False, {}, {}, {})
        self.adapter.check_deletable(current)
        record = self.adapter.normalize(current)
        before = {"id": record.get("id"), "name": record.get("name"), "status": record.get("status")}
        if self.check_mode:
            return self.result(True, record, before, {})
        job_id = self.adapter.delete(current)
        if self.params.get("wait"):
            self.wait_gone(self.adapter.instance_id(current))
        result = self.result(True, record, before, {})
        result["job_id"] = job_id
        return result

    # waiting -----------------------------------------------------------------------
    def wait_job(self, job_id: str) -> Dict[str, Any]:
        def probe() -> Any:
            job = self.adapter.job_status(job_id)
            status = job.get("status")
            if status in self.adapter.job_failed:
                if self.adapter.job_failure_accepted(job_id, job):
                    return True, status
                raise JobFailed(job_id, job.get("fail_reason"))
            return status in self.adapter.job_done, status
        return self.waiter.until(probe, "job %s" % job_id)

    def wait_ready(self, instance_id: str) -> Dict[str, Any]:
        def probe() -> Any:
            record = self.adapter.get(instance_id)
            if record is None:
                raise DbaasError("the %s %s disappeared while waiting for it to become ready" % (self.adapter.kind, instance_id))
            status = self.adapter.status(record)
            if status in self.adapter.failed_statuses:
                raise DbaasError("the %s %s ended in status %s" % (self.adapter.kind, instance_id, status))
            return status in self.adapter.ready_statuses, record
        what = "%s %s to become %s" % (self.adapter.kind, instance_id, "/".join(self.adapter.ready_statuses))
        return self.waiter.until_stable(probe, what, lambda record: self.adapter.status(record or {}))

    def wait_gone(self, instance_id: str) -> None:
        def probe() -> Any:
            record = self.adapter.get(instance_id)
            return record is None, self.adapter.status(record) if record else "deleted"
        self.waiter.until(probe, "%s %s to be deleted" % (self.adapter.kind, instance_id))

    def result(self, changed: bool, instance: Mapping[str, Any], before: Any, after: Any) -> Dict[str, Any]:
        result = {"changed": changed, "instance": dict(instance), "diff": {"before": before, "after": after}}
        result.update(self.adapter.service_keys())
        result.update(self.adapter.result_extras())
        return result
