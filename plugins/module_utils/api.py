# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The instance APIs, one small class per API family: paths, the list key, paging and the job query.

RDS, DDS and GaussDB share the v3 family (ListInstances with ``offset``/``limit`` and ``total_count``,
DeleteInstance, ListJobInfo / ShowJobInfo by ``?id=``); RDS v1 lists without filters under a configurable
prefix and reads one instance by id. Service adapters hold one of these and add what differs.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ApiError

PAGE_LIMIT = 100
V3_INSTANCES = "/v3/{project_id}/instances"
V3_JOBS = "/v3/{project_id}/jobs"
V1_INSTANCES = "/{project_id}/instances"
V1_JOBS = "/{project_id}/jobs"


def paged(client: Any, service: str, path: str, key: str, **filters: Any) -> List[Dict[str, Any]]:
    """Every item of a v3 list API: pages of PAGE_LIMIT by offset until total_count (or an empty page)."""
    found: List[Dict[str, Any]] = []
    offset = 0
    while True:
        page = client.request(service, "GET", path, query=dict(filters, offset=offset, limit=PAGE_LIMIT))
        items = page.get(key) or []
        found.extend(items)
        offset += len(items)
        if not items or offset >= int(page.get("total_count") or 0):
            return found


class V3InstanceApi:
    """The v3 instance API of one service (rds, dds, gaussdb)."""

    def __init__(self, client: Any, service: str) -> None:
        self.client = client
        self.service = service

    def list(self, **filters: Any) -> List[Dict[str, Any]]:
        return paged(self.client, self.service, V3_INSTANCES, "instances", **filters)

    def get(self, instance_id: str) -> Optional[Dict[str, Any]]:
        """There is no GET by id in the v3 family: the list filtered by ?id=, compared exactly."""
        matches = [record for record in self.list(id=instance_id) if record.get("id") == instance_id]
        return matches[0] if matches else None

    def create(self, body: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None) -> Dict[str, Any]:
        return self.client.request(self.service, "POST", V3_INSTANCES, body=body, headers=headers)

    def delete(self, instance_id: str) -> Dict[str, Any]:
        return self.client.request(self.service, "DELETE", V3_INSTANCES + "/" + instance_id)

    def job(self, job_id: str) -> Dict[str, Any]:
        return self.client.request(self.service, "GET", V3_JOBS, query={"id": job_id}).get("job") or {}


class V1InstanceApi:
    """RDS v1 (camelCase): one unfiltered list, GET of one instance, create, delete with a body, jobs; all under a prefix."""

    def __init__(self, client: Any, prefix: str, service: str = "rds") -> None:
        self.client = client
        self.prefix = prefix
        self.service = service

    def instances_path(self, instance_id: Optional[str] = None) -> str:
        return self.prefix + V1_INSTANCES + ("/" + instance_id if instance_id else "")

    def list(self) -> Dict[str, Any]:
        """The raw list answer (v1 lists have no filters; ``instances`` may be an array or one object)."""
        return self.client.request(self.service, "GET", self.instances_path())

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

    def create(self, body: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None) -> Dict[str, Any]:
        return self.client.request(self.service, "POST", self.instances_path(), body=body, headers=headers)

    def delete(self, instance_id: str, body: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        return self.client.request(self.service, "DELETE", self.instances_path(instance_id), body=body)

    def job(self, job_id: str) -> Dict[str, Any]:
        answer = self.client.request(self.service, "GET", self.prefix + V1_JOBS, query={"id": job_id})
        return answer.get("job") or answer
