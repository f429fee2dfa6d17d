# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The instance and backup APIs, one small class per API family: paths, the list key, paging and the job query.

RDS, DDS and GaussDB share the v3 family (ListInstances with ``offset``/``limit`` and ``total_count``,
DeleteInstance, ListJobInfo / ShowJobInfo by ``?id=``); RDS v1 lists without filters under a configurable
prefix and reads one instance by id. Service adapters hold one of these and add what differs.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

try:
    from typing import Protocol
except ImportError:  # pragma: no cover - Python 3.7 on a managed node: typing only
    Protocol = object  # type: ignore[assignment]

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError, DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.urls import path_id

PAGE_LIMIT = 100
# A list that never ends (a service that ignores offset) is cut off here: 1000 pages of 100.
MAX_PAGES = 1000
V3_INSTANCES = "/v3/{project_id}/instances"
V3_JOBS = "/v3/{project_id}/jobs"
V3_BACKUPS = "/v3/{project_id}/backups"
V1_INSTANCES = "/{project_id}/instances"
V1_JOBS = "/{project_id}/jobs"


class Transport(Protocol):
    """What the instance APIs need of the client (client.Client)."""

    def request(self, service: str, method: str, path: str, query: Optional[Mapping[str, Any]] = None, body: Any = None,
                headers: Optional[Mapping[str, str]] = None, require: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        ...


def paged(client: Transport, service: str, path: str, key: str, **filters: Any) -> List[Dict[str, Any]]:
    """Every item of a v3 list API: pages of PAGE_LIMIT by offset until total_count, or without it until an empty page.

    Each page must carry the list under ``key``, each item an object with its id (the client refuses an answer
    without them), so that a broken answer is never read as "no such instance" and no id is made up from nothing.
    """
    found: List[Dict[str, Any]] = []
    offset = 0
    for _page in range(MAX_PAGES):
        page = client.request(service, "GET", path, query=dict(filters, offset=offset, limit=PAGE_LIMIT), require=records(key))
        items = page[key]
        found.extend(items)
        offset += len(items)
        total = page.get("total_count")
        if not items or (isinstance(total, int) and not isinstance(total, bool) and offset >= total):
            return found
    raise DbaasError("%s %s: the list did not end after %d pages of %d; the service may ignore offset" % (service, path, MAX_PAGES, PAGE_LIMIT))


def records(key: str) -> Dict[str, Any]:
    """What a v3 list answer must hold: a list under ``key``, each item an object with a non-empty text id."""
    return {key: list, key + ".*": dict, key + ".*.id": str}


class V3InstanceApi:
    """The v3 instance API of one service (rds, dds, gaussdb)."""

    def __init__(self, client: Transport, service: str) -> None:
        self.client = client
        self.service = service

    def list(self, **filters: Any) -> List[Dict[str, Any]]:
        return paged(self.client, self.service, V3_INSTANCES, "instances", **filters)

    def get(self, instance_id: str) -> Optional[Dict[str, Any]]:
        """There is no GET by id in the v3 family: the list filtered by ?id=, compared exactly."""
        matches = [record for record in self.list(id=instance_id) if record.get("id") == instance_id]
        return matches[0] if matches else None

    def create(self, body: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None,
               require: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """The create answer; ``require`` names what it must hold (the new instance's id) for the flow to go on."""
        return self.client.request(self.service, "POST", V3_INSTANCES, body=body, headers=headers, require=require)

    def delete(self, instance_id: str) -> Dict[str, Any]:
        return self.client.request(self.service, "DELETE", V3_INSTANCES + "/" + path_id(instance_id, "the instance id"))

    def job(self, job_id: str) -> Dict[str, Any]:
        job: Dict[str, Any] = self.client.request(self.service, "GET", V3_JOBS, query={"id": job_id}, require={"job": dict})["job"]
        return job


class V3BackupApi:
    """The v3 backup API of one service (rds, dds, gaussdb): ListBackups, CreateManualBackup and DeleteManualBackup.

    The three services share the paths (``/v3/{project_id}/backups`` and ``/v3/{project_id}/backups/{backup_id}``) and
    the list's paging; the bodies and answers of the create differ and are the adapters' business.
    """

    def __init__(self, client: Transport, service: str) -> None:
        self.client = client
        self.service = service

    def list(self, instance_id: Optional[str] = None, **filters: Any) -> List[Dict[str, Any]]:
        """Every backup the filters keep; with instance_id only that instance's (compared too: a looser server never widens it)."""
        backups = paged(self.client, self.service, V3_BACKUPS, "backups", instance_id=instance_id, **filters)
        if instance_id is None:
            return backups
        return [backup for backup in backups if backup.get("instance_id") in (None, instance_id)]

    def create(self, body: Mapping[str, Any], require: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        return self.client.request(self.service, "POST", V3_BACKUPS, body=body, require=require)

    def delete(self, backup_id: str) -> Dict[str, Any]:
        return self.client.request(self.service, "DELETE", V3_BACKUPS + "/" + path_id(backup_id, "the backup id"))


class V1InstanceApi:
    """RDS v1 (camelCase): one unfiltered list, GET of one instance, create, delete with a body, jobs; all under a prefix."""

    def __init__(self, client: Transport, prefix: str, service: str = "rds") -> None:
        self.client = client
        self.prefix = prefix
        self.service = service

    def instances_path(self, instance_id: Optional[str] = None) -> str:
        return self.prefix + V1_INSTANCES + ("/" + path_id(instance_id, "the instance id") if instance_id else "")

    def list(self) -> Dict[str, Any]:
        """The raw list answer (v1 lists have no filters; ``instances`` may be an array or one object)."""
        return self.client.request(self.service, "GET", self.instances_path(), require={"instances": (list, dict)})

    def get(self, instance_id: str) -> Optional[Dict[str, Any]]:
        """One instance by id, raw; None when it does not exist (404)."""
        try:
            answer = self.client.request(self.service, "GET", self.instances_path(instance_id))
        except ApiError as error:
            if error.status == 404:
                return None
            raise
        record = answer.get("instance") if isinstance(answer.get("instance"), Mapping) else answer
        return dict(record) if record and record.get("id") else None

    def create(self, body: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None,
               require: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        return self.client.request(self.service, "POST", self.instances_path(), body=body, headers=headers, require=require)

    def delete(self, instance_id: str, body: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        return self.client.request(self.service, "DELETE", self.instances_path(instance_id), body=body)

    def job(self, job_id: str) -> Dict[str, Any]:
        answer = self.client.request(self.service, "GET", self.prefix + V1_JOBS, query={"id": job_id})
        return answer.get("job") or answer
