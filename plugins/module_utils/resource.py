# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one idempotent flow: find by exact name -> plan -> apply -> wait -> re-read -> result.

Services plug in through a ServiceAdapter; the flow never knows which cloud API it drives.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import V3InstanceApi
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import Matcher, differences, prune, same_version, same_zones, subset
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, JobFailed, WaitTimeout, WriteNotConfirmed
from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import spec
from ansible_collections.hwcloud.dbaas.plugins.module_utils.restore import RESTORE_PREFIX, RestorePoint
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter


def with_values(shape: Mapping[str, Any], changes: List[Tuple[str, Any, Any]]) -> Dict[str, Any]:
    """A deep copy of shape with each (dotted option path, wanted, found) set to the wanted value."""
    result = copy.deepcopy(dict(shape))
    for path, wanted, _found in changes:
        target = result
        keys = path.split(".")
        for key in keys[:-1]:
            target = target.setdefault(key, {})
        target[keys[-1]] = wanted
    return result


def has_path(shape: Mapping[str, Any], path: str) -> bool:
    """Whether shape holds a value at the dotted path."""
    target: Any = shape
    for key in path.split("."):
        if not isinstance(target, Mapping) or key not in target:
            return False
        target = target[key]
    return True


class Operation:
    """One write that changes an existing instance in place (one per changed attribute), and how to wait for it.

    ``send`` makes the request and returns the id of the job (or workflow) to wait for, or None when the answer
    names none; ``done`` tells from a re-read record whether the change has been carried out (used when the answer
    of the write was lost, so that it is not sent twice); ``running`` whether the record shows the operation under way
    where the status does not tell (DDS lists it in ``actions`` and stays normal): the flow waits until it is not.
    """

    def __init__(self, action: str, option: str, path: str, before: Any, after: Any, send: Callable[[], Optional[str]],
                 done: Optional[Callable[[Mapping[str, Any]], bool]] = None, ready_statuses: Tuple[str, ...] = (),
                 running: Optional[Callable[[Mapping[str, Any]], bool]] = None) -> None:
        self.action = action
        self.option = option  # the module option, for messages and `actions`
        self.path = path  # where the record holds it, for the diff
        self.before = before
        self.after = after
        self.send = send
        self.done = done
        self.running = running
        # Statuses besides the ready ones in which the service accepts this operation (RDS enlarge: STORAGE FULL).
        self.ready_statuses = ready_statuses

    def describe(self) -> Dict[str, Any]:
        return {"action": self.action, "option": self.option, "from": self.before, "to": self.after}


class Plan:
    """What an existing instance needs: the operations in the order they run, and the differences no operation covers."""

    def __init__(self, operations: Optional[List[Operation]] = None, drift: Optional[List[Tuple[str, Any, Any]]] = None) -> None:
        self.operations = list(operations or [])
        self.drift = list(drift or [])


class CreateAnswer:
    """What a create call gave back: the new instance's id and the job to wait for."""

    def __init__(self, instance_id: str, job_id: Optional[str], record: Mapping[str, Any], job_ids: Optional[List[str]] = None) -> None:
        self.instance_id = instance_id
        self.job_id = job_id
        self.record = dict(record)
        # Some APIs start several jobs for one create (RDS v1 HA: primary and standby); the flow waits for each.
        self.job_ids = list(job_ids) if job_ids else ([job_id] if job_id else [])


class ServiceAdapter:
    """Paths, field mapping and status words of one service; the flow calls only these."""

    kind = "instance"
    # The service key of the endpoint and of the registry (rds, gaussdb, dds); returned as `service` for instance_wait.
    service = ""
    # The key of the module result that holds the record (a backup adapter returns `backup`).
    result_key = "instance"
    job_done = ("Completed",)
    job_failed = ("Failed",)
    # Compares of their own for some option paths; engine versions match by family (5.7 and 5.7.17), availability zones
    # as a set (the zones of the nodes, whichever node runs where).
    matchers: Dict[str, Matcher] = {"datastore.version": same_version, "availability_zone": same_zones}

    def __init__(self, client: Any, params: Mapping[str, Any]) -> None:
        self.client = client
        self.params = params
        # Things the user should know that do not stop the task (e.g. it had to follow a standby node).
        self.warnings: List[str] = []

    # statuses, from the service's registry entry
    @property
    def ready_statuses(self) -> Tuple[str, ...]:
        return spec(self.service).ready

    @property
    def failed_statuses(self) -> Tuple[str, ...]:
        return spec(self.service).failed

    @property
    def available_statuses(self) -> Tuple[str, ...]:
        """Statuses of an instance in use but not idle (RDS BACKING UP): a converged run neither waits nor fails."""
        return spec(self.service).available

    @property
    def settled_statuses(self) -> Tuple[str, ...]:
        """Statuses that waiting cannot change (e.g. frozen, disk full): an existing instance in one is returned with a warning."""
        return spec(self.service).settled

    # lookups
    def find_by_name(self, name: str) -> List[Dict[str, Any]]:
        raise NotImplementedError

    def prepare(self, current: Optional[Mapping[str, Any]]) -> None:
        """Called once by the flow right after the name lookup (current: the instance found, or None), before anything
        else: look up what the task needs besides the instance (a read replica's source), so that the later steps read
        it here instead of fetching it on first use. Nothing by default."""

    def get(self, instance_id: str) -> Optional[Dict[str, Any]]:
        raise NotImplementedError

    def job_status(self, job_id: str) -> Dict[str, Any]:
        raise NotImplementedError

    def list_records(self, instance_id: Optional[str] = None, name: Optional[str] = None) -> List[Dict[str, Any]]:
        """Instances of the project for a wait over many: all, or those the id or name filter keeps where the API filters."""
        raise NotImplementedError

    def resolve(self, record: Dict[str, Any]) -> Dict[str, Any]:
        """The record to report for a listed one (RDS v1 answers for a failed primary through its standby)."""
        return record

    # writes
    def create(self, client_token: str) -> CreateAnswer:
        """Send the create; client_token is the idempotency key of RDS v3 CreateInstance, the same for every try."""
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

    def plan_updates(self, record: Mapping[str, Any], differences_found: List[Tuple[str, Any, Any]]) -> Plan:
        """The operations that bring an existing instance to the task, in their documented order.

        ``differences_found`` are (record path, wanted, found) for every option the task sets that differs; those no
        operation covers are returned as the plan's drift (immutable options). Adapters of APIs that change nothing
        in place return them all as drift; extra operations that no listed field shows (a password to set again)
        are added here too. A change the API refuses (a smaller disk) raises before any write.
        """
        return Plan([], differences_found)

    def option_name(self, path: str) -> str:
        """The module option a record path stands for (flavor_ref -> flavor), for messages."""
        return path

    def after_create(self, record: Mapping[str, Any]) -> List["Operation"]:
        """Operations a new instance needs once it is ready, for options its create API does not take (GaussDB tags)."""
        return []

    def check_deletable(self, record: Mapping[str, Any]) -> None:
        """Extra rules before the instance found by name is deleted (e.g. rds_replica deletes read replicas only)."""

    def final_backup(self, record: Mapping[str, Any]) -> Optional["ServiceAdapter"]:
        """The manual backup to take of the instance before it is deleted (final_backup_name), as a resource of its own
        (an adapter whose params name it); None when the task asks for none or the service takes none."""
        return None

    def instance_id(self, record: Mapping[str, Any]) -> str:
        return str(record["id"])

    def label(self, instance_id: str) -> str:
        """How messages name the resource of that id (a backup adapter adds the backup's name)."""
        return "%s %s" % (self.kind, instance_id)

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


class V3InstanceAdapter(ServiceAdapter):
    """The flow's look-ups, jobs and deletes over the v3 instance API the service's adapter holds (self.api)."""

    # The list's ?type= filter (RDS); None = any type.
    instance_type: Optional[str] = None
    # The service's name in restore messages when the adapter takes the option restore_from (RDS, DDS); None: it does not.
    restore_label: Optional[str] = None

    def __init__(self, client: Any, params: Mapping[str, Any]) -> None:
        super().__init__(client, params)
        self.api = V3InstanceApi(client, self.service)
        source = params.get("restore_from") if self.restore_label else None
        self.restore = RestorePoint(client, self.service, self.restore_label or "", source, RESTORE_PREFIX) if source else None

    def find_by_name(self, name: str) -> List[Dict[str, Any]]:
        return [record for record in self.api.list(name=name, type=self.instance_type) if record.get("name") == name]

    def get(self, instance_id: str) -> Optional[Dict[str, Any]]:
        return self.api.get(instance_id)

    def job_status(self, job_id: str) -> Dict[str, Any]:
        return self.api.job(job_id)

    def list_records(self, instance_id: Optional[str] = None, name: Optional[str] = None) -> List[Dict[str, Any]]:
        if instance_id:
            return self.api.list(id=instance_id)
        return self.api.list(name=name) if name else self.api.list()

    def create_request(self) -> Dict[str, Any]:
        raise NotImplementedError

    def create_headers(self, client_token: str) -> Optional[Dict[str, str]]:
        """Headers of the create request (the idempotency key where the API documents one)."""
        return None

    # What a create answer must hold for the flow to go on: the new instance's id.
    create_requires: Dict[str, Any] = {"instance": dict, "instance.id": str}

    def create_answer(self, answer: Mapping[str, Any]) -> CreateAnswer:
        """RDS and GaussDB CreateInstance: {"instance": {...}, "job_id": ...}."""
        record = answer["instance"]
        return CreateAnswer(str(record["id"]), answer.get("job_id"), record)

    def create(self, client_token: str) -> CreateAnswer:
        answer = self.api.create(self.create_request(), self.create_headers(client_token), require=self.create_requires)
        return self.create_answer(answer)

    def delete(self, record: Mapping[str, Any]) -> Optional[str]:
        return self.api.delete(self.instance_id(record)).get("job_id")


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
        self.adapter.prepare(current)
        if self.params.get("state") == "absent":
            result = self.ensure_absent(current)
        else:
            result = self.ensure_present(current)
        self.warnings.extend(self.adapter.warnings)
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
        plan = self.adapter.plan_updates(record, differences(desired, record, matchers=self.adapter.matchers))
        self.report_drift(plan.drift)
        status = self.adapter.status(current)
        if status in self.adapter.failed_statuses:
            raise DbaasError("the %s '%s' (id %s) exists but is %s; delete it with state=absent and run again"
                             % (self.adapter.kind, self.params["name"], self.adapter.instance_id(current), status))
        if plan.operations:
            return self.update(record, desired, plan)
        if status in self.adapter.settled_statuses:
            self.warnings.append("the %s '%s' (id %s) is %s; waiting cannot change that, so it was not waited for"
                                 % (self.adapter.kind, self.params["name"], self.adapter.instance_id(current), status))
        elif (self.params.get("wait") and status not in self.adapter.ready_statuses and status not in self.adapter.available_statuses
              and not self.check_mode):
            record = self.adapter.normalize(self.wait_ready(self.adapter.instance_id(current)))
        before = subset(record, desired)
        # Under drift=warn the diff shows what the task asks for next to what exists, so that --diff does not hide it.
        after = with_values(before, plan.drift) if plan.drift and self.params.get("drift") == "warn" else before
        result = self.result(False, record, before, after)
        result["actions"] = []
        return result

    def report_drift(self, drift: List[Tuple[str, Any, Any]]) -> None:
        """Differences in options that cannot be changed in place: fails under drift=fail, warns under drift=warn."""
        if not drift:
            return
        listed = "; ".join("%s: wanted %r, found %r" % (self.adapter.option_name(path), wanted, found) for path, wanted, found in drift)
        message = ("the existing %s '%s' differs from the task in options that cannot be changed in place: %s"
                   % (self.adapter.kind, self.params["name"], listed))
        mode = self.params.get("drift") or "fail"
        if mode == "fail":
            raise DbaasError(message + ". Nothing was changed. Set drift=warn to accept the existing instance (and apply the "
                                       "changes that can be made in place).")
        if mode == "warn":
            self.warnings.append(message)

    # update ------------------------------------------------------------------------------------------
    def update(self, record: Dict[str, Any], desired: Mapping[str, Any], plan: Plan) -> Dict[str, Any]:
        """Apply the plan's operations one by one, each waited for before the next (the last only when wait is set)."""
        before = subset(record, desired)
        # Attributes the record does not carry (RDS parameter values) show in the diff as the operation saw them.
        before = with_values(before, [(op.path, op.before, None) for op in plan.operations if op.path and not has_path(before, op.path)])
        after = with_values(before, [(op.path, op.after, op.before) for op in plan.operations if op.path])
        if plan.drift and self.params.get("drift") == "warn":
            after = with_values(after, plan.drift)
        actions = [op.describe() for op in plan.operations]
        if self.check_mode:
            result = self.result(True, record, before, after)
            result["actions"] = actions
            return result
        instance_id = self.adapter.instance_id(record)
        latest: Optional[Dict[str, Any]] = None
        for index, op in enumerate(plan.operations):
            # The first operation goes by the record just listed; the later ones re-read the instance.
            self.wait_operable(instance_id, op, record if index == 0 else None)
            job_id = self.send_update(instance_id, op)
            latest = None
            last = index == len(plan.operations) - 1
            if not last or self.params.get("wait"):
                if job_id:
                    self.wait_job(job_id)
                latest = self.wait_ready(instance_id, op.running)
        # The record the last wait read, else (wait=false) a fresh read of the instance.
        fresh = latest if latest is not None else (self.adapter.get(instance_id) or record)
        result = self.result(True, self.adapter.normalize(fresh), before, after)
        result["actions"] = actions
        return result

    def wait_operable(self, instance_id: str, op: Operation, known: Optional[Mapping[str, Any]] = None) -> None:
        """Before a write: the instance must be in a status that allows it (ready, or one the operation accepts)."""
        record = known if known is not None else self.adapter.get(instance_id)
        status = self.adapter.status(record or {})
        if record is not None and (status in self.adapter.ready_statuses or status in op.ready_statuses):
            return
        self.wait_ready(instance_id)

    def send_update(self, instance_id: str, op: Operation) -> Optional[str]:
        """Send one update; a lost answer is settled by re-reading the instance, never by sending blindly again.

        When no answer came at all, an operation whose effect the record can show (``done``) is looked for a while
        before it is sent again: some show no status while their job runs (a GaussDB port change), only their effect
        once it is done.
        """
        attempt = 0
        while True:
            try:
                return op.send()
            except WriteNotConfirmed as error:
                retry = self.adapter.client.retry
                if not retry.should_retry(error, attempt) or not retry.pause(attempt, error):
                    raise
                attempt += 1
                if error.refused_for_now:
                    continue  # refused before anything was done (busy, throttled): send again
                patient = op.done is not None and error.status is None
                if retry.settle(lambda: self.carried_out(instance_id, op), error, patient=patient):
                    return None  # under way or done: wait for the instance instead of sending it again

    def carried_out(self, instance_id: str, op: Operation) -> Optional[bool]:
        """True when the re-read instance shows the operation under way or done; None when it shows neither."""
        record = self.adapter.get(instance_id)
        if record is None:
            return None
        normalized = self.adapter.normalize(record)
        if (self.adapter.status(record) not in self.adapter.ready_statuses or (op.running is not None and op.running(normalized))
                or (op.done is not None and op.done(normalized))):
            return True
        return None

    def create(self, desired: Dict[str, Any]) -> Dict[str, Any]:
        self.adapter.prepare_create()
        if self.check_mode:
            return self.result(True, dict(prune(desired), name=self.params["name"]), {}, prune(desired))
        answer = self.send_create()
        record = answer.record
        after_create = self.adapter.after_create(record)
        # Operations after the create need the instance ready: they make the flow wait even with wait=false.
        if self.params.get("wait") or after_create:
            try:
                for job_id in answer.job_ids:
                    self.wait_job(job_id)
            except WaitTimeout as error:
                raise WaitTimeout(error.message + self.status_note(answer.instance_id)) from None
            record = self.wait_ready(answer.instance_id)
        for op in after_create:
            update_job = self.send_update(answer.instance_id, op)
            if update_job:
                self.wait_job(update_job)
            record = self.wait_ready(answer.instance_id, op.running)
        result = self.result(True, self.adapter.normalize(record), {}, prune(desired))
        result["job_id"] = answer.job_id
        if len(answer.job_ids) > 1:
            result["job_ids"] = answer.job_ids
        return result

    def send_create(self) -> CreateAnswer:
        """Create once: a create whose answer was lost is looked for by name before it is sent again, with the same key."""
        # X-Client-Token: a lower-case UUID in the 8-4-4-4-12 form; anything else is refused with DBS.280497.
        client_token = str(uuid.uuid4())
        name = self.params["name"]
        attempt = 0
        started: Optional[float] = None
        while True:
            try:
                return self.adapter.create(client_token)
            except WriteNotConfirmed as error:
                retry = self.adapter.client.retry
                started = retry.clock() - error.elapsed if started is None else started
                error.attempts, error.elapsed = attempt + 1, retry.clock() - started  # for the message
                if not retry.should_retry(error, attempt) or not retry.pause(attempt, error):
                    raise
                attempt += 1
                found = retry.settle(lambda: self.find_one(name), error)
                if found is not None:
                    return CreateAnswer(self.adapter.instance_id(found), None, found)
                if retry.expired():
                    raise  # the time is up: never send a create again once the task's deadline has passed

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
        final_backup = self.take_final_backup(current)
        if self.check_mode:
            result = self.result(True, record, before, {})
        else:
            job_id = self.adapter.delete(current)
            if self.params.get("wait"):
                self.wait_gone(self.adapter.instance_id(current))
            result = self.result(True, record, before, {})
            result["job_id"] = job_id
        if final_backup is not None:
            result["final_backup"] = final_backup
        return result

    def take_final_backup(self, current: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
        """The manual backup final_backup_name, taken (or an existing COMPLETED one of that name reused) and waited for
        until COMPLETED before the delete; when it cannot be, the task fails and nothing is deleted. Check mode plans it."""
        backup = self.adapter.final_backup(current)
        if backup is None:
            return None
        name = backup.params["name"]
        flow = Flow(backup, backup.params, self.check_mode, self.waiter)
        try:
            result = flow.ensure_present(flow.find_one(name))
        except DbaasError as error:
            raise DbaasError("final_backup_name: the final backup '%s' of the %s '%s' (id %s) did not complete, so the instance "
                             "was not deleted: %s" % (name, self.adapter.kind, self.params["name"], self.adapter.instance_id(current),
                                                      error.message)) from None
        self.warnings.extend(flow.warnings + backup.warnings)
        return dict(result[backup.result_key], changed=result["changed"])

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
        job: Dict[str, Any] = self.waiter.until(probe, "job %s" % job_id)
        return job

    def wait_ready(self, instance_id: str, running: Optional[Callable[[Mapping[str, Any]], bool]] = None) -> Dict[str, Any]:
        """Until the instance is ready (and, with ``running``, no longer shows that operation under way)."""
        def probe() -> Any:
            record = self.adapter.get(instance_id)
            if record is None:
                raise DbaasError("the %s disappeared while waiting for it to become ready" % self.adapter.label(instance_id))
            status = self.adapter.status(record)
            if status in self.adapter.failed_statuses:
                raise DbaasError("the %s ended in status %s" % (self.adapter.label(instance_id), status))
            idle = running is None or not running(self.adapter.normalize(record))
            return status in self.adapter.ready_statuses and idle, record
        what = "%s to become %s" % (self.adapter.label(instance_id), "/".join(self.adapter.ready_statuses))
        ready: Dict[str, Any] = self.waiter.until_stable(probe, what, lambda record: self.adapter.status(record or {}))
        return ready

    def wait_gone(self, instance_id: str) -> None:
        def probe() -> Any:
            record = self.adapter.get(instance_id)
            return record is None, self.adapter.status(record) if record else "deleted"
        self.waiter.until(probe, "%s to be deleted" % self.adapter.label(instance_id))

    def result(self, changed: bool, instance: Mapping[str, Any], before: Any, after: Any) -> Dict[str, Any]:
        result = {"changed": changed, self.adapter.result_key: dict(instance), "diff": {"before": before, "after": after}}
        result.update(self.adapter.service_keys())
        result.update(self.adapter.result_extras())
        return result
