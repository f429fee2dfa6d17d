# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RDS read replicas on the v3 API (CreateInstance with replica_of_id) and the v1 API (create a read replica).

The replica is found by its exact name like any instance; its source (primary) is resolved by exact
name or by id before anything is written. The same rules apply to both API versions; only the
lookups and the request body differ, and those come from the v3 and v1 instance adapters.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils import validate as v
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import pruned
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import api_version
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Plan, ServiceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.tags import as_list as tags_as_list, check_tags
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import rds, rds_v1

REPLICA_RULES: Dict[str, List[v.Rule]] = {
    "name": rds.COMMON_RULES["name"],
    "source_id": [v.length(1, 64), v.pattern(r"^[A-Za-z0-9_-]+$", "must be an instance ID (letters, digits, - and _)")],
    "flavor": [v.length(1, 128)],
    "volume_type": rds.COMMON_RULES["volume_type"],
    "volume_size": rds.COMMON_RULES["volume_size"],
    "availability_zone": [v.count(1, 1, "availability zone (a read replica lives in one AZ)")],
}
AZ_RULES: Dict[str, List[v.Rule]] = {
    "availability_zone.0": [v.pattern(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", "must be an availability zone name such as eu-de-01")],
}
# What each API version needs in addition to a source: v1 takes the volume and AZ of the source when not set (RDS v1, create a read replica).
REQUIRED_FOR_CREATE = {"v3": ("flavor", "availability_zone"), "v1": ("flavor",)}
# Options the v1 replica body has no field for: refused instead of silently dropped.
V1_UNSUPPORTED = ("disk_encryption_id", "tags")
REPLICA_TYPE = "Replica"
REPLICA_OF = "replica_of"


def validate_replica(params: Mapping[str, Any]) -> None:
    """Every rule that can be checked without asking the cloud."""
    rds_v1.validate_prefix(params)
    if params.get("state") == "absent":
        return  # the name rules are create rules: a replica made elsewhere is found by its exact name
    if params.get("source_name") and params.get("source_id"):
        raise ValidationError("source_id", "cannot be combined with source_name; set exactly one of them")
    if not params.get("source_name") and not params.get("source_id"):
        raise ValidationError("source_name", "(or source_id) is required when state=present")
    api = api_version(params)
    v.require(params, REQUIRED_FOR_CREATE[api], "when state=present with api_version=%s" % api)
    v.check(params, REPLICA_RULES)
    check_tags(params.get("tags"))
    zones = params.get("availability_zone") or []
    v.check({"availability_zone": {"0": zones[0]}} if zones else {}, AZ_RULES)
    if params.get("source_name") == params["name"]:
        raise ValidationError("source_name", "must differ from name (a replica named like its source could not be told apart from it)")
    if api == "v1":
        for option in V1_UNSUPPORTED:
            if params.get(option) is not None:
                raise ValidationError(option, "is not supported with api_version=v1 (the v1 API has no such field); use api_version=v3")


def replica_body(params: Mapping[str, Any], source: Mapping[str, Any]) -> Dict[str, Any]:
    """RDS v3 CreateInstance for a read replica: name, replica_of_id, flavor_ref, volume, region, one AZ, encryption, billing."""
    source_volume = source.get("volume") or {}
    return pruned({
        "name": params["name"],
        "replica_of_id": source["id"],
        "flavor_ref": params["flavor"],
        "volume": {"type": params.get("volume_type") or source_volume.get("type"),
                   "size": params.get("volume_size") or source_volume.get("size")},
        "region": params["region"],
        "availability_zone": params["availability_zone"][0],
        "disk_encryption_id": params.get("disk_encryption_id"),
        "charge_info": {"charge_mode": params.get("charge_mode")},
        "tags": tags_as_list(params.get("tags")),
    })


def check_replica_volume(params: Mapping[str, Any], source: Mapping[str, Any], plan: Plan) -> None:
    """A read replica's disk is enlarged on its own (RDS v3 StartInstanceEnlargeVolumeAction on the replica), to at least its
    source's size (Huawei Cloud RDS user guide, Configuring Storage Autoscaling: "New storage space of read replicas after
    autoscaling up must be greater than or equal to that of the primary DB instance")."""
    source_size = int((source.get("volume") or {}).get("size") or 0)
    for op in plan.operations:
        if op.action == "enlarge_volume" and int(op.after) < source_size:
            raise ValidationError("volume_size", "%d GB is smaller than the %d GB of the source %s; a read replica's disk can be enlarged "
                                                 "to at least its source's size; nothing was changed" % (op.after, source_size, source.get("id")))


def replica_of(record: Mapping[str, Any]) -> List[str]:
    """The source ids a (v3-shaped) record names in related_instance."""
    return [str(item.get("id")) for item in record.get("related_instance") or []
            if isinstance(item, Mapping) and item.get("type") == REPLICA_OF]


class ReplicaRules:
    """The read-replica rules, shared by the v3 and v1 adapters (mixed in before the instance adapter)."""

    kind = "read replica"
    params: Mapping[str, Any]

    def __init__(self, client: Any, params: Mapping[str, Any]) -> None:
        super().__init__(client, params)  # type: ignore[call-arg]
        self.source: Optional[Dict[str, Any]] = None

    # the source --------------------------------------------------------------------------------
    def source_candidates(self) -> List[Dict[str, Any]]:
        """Instances that may be the source (v3-shaped), from one lookup."""
        raise NotImplementedError

    def source_option(self) -> str:
        return "source_name" if self.params.get("source_name") else "source_id"

    def source_text(self) -> str:
        if self.params.get("source_name"):
            return "named '%s'" % self.params["source_name"]
        return "with id '%s'" % self.params["source_id"]

    def prepare(self, current: Optional[Mapping[str, Any]]) -> None:
        """The source is looked up once, before anything else, for state=present (state=absent needs none)."""
        if self.params.get("state") != "absent":
            self.source = self.find_source()

    def resolved_source(self) -> Dict[str, Any]:
        """The source prepare() found."""
        if self.source is None:
            raise DbaasError("internal error: the source of the read replica was not looked up before it was needed")
        return self.source

    def find_source(self) -> Dict[str, Any]:
        """The one source instance, by exact name or id; fails before any write when missing, ambiguous or a replica."""
        wanted_name, wanted_id = self.params.get("source_name"), self.params.get("source_id")
        matches = [record for record in self.source_candidates()
                   if (wanted_name and record.get("name") == wanted_name) or (wanted_id and record.get("id") == wanted_id)]
        option = self.source_option()
        if not matches:
            raise DbaasError("%s: no RDS instance %s was found; nothing was changed" % (option, self.source_text()))
        if len(matches) > 1:
            raise DbaasError("%s: %d RDS instances are %s (ids: %s); set source_id to pick one; nothing was changed"
                             % (option, len(matches), self.source_text(), ", ".join(str(record.get("id")) for record in matches)))
        source = dict(matches[0])
        if source.get("type") == REPLICA_TYPE:
            raise DbaasError("%s: the RDS instance %s (id %s) is itself a read replica (of %s); the source of a read replica must be "
                             "a primary instance; nothing was changed"
                             % (option, self.source_text(), source.get("id"), ", ".join(replica_of(source)) or "another instance"))
        return source

    # flow hooks --------------------------------------------------------------------------------
    def desired(self) -> Dict[str, Any]:
        params = self.params
        if params.get("state") == "absent":
            return {}
        source = self.resolved_source()
        zones = params.get("availability_zone") or []
        return pruned({
            "type": REPLICA_TYPE,
            "flavor_ref": params.get("flavor"),
            "volume": {"type": params.get("volume_type"), "size": params.get("volume_size")},
            "region": params.get("region"),
            "availability_zone": zones[0] if zones else None,
            "disk_encryption_id": params.get("disk_encryption_id"),
            "related_instance": [{"id": source["id"], "type": REPLICA_OF}],
        })

    def check_existing(self, record: Mapping[str, Any]) -> None:
        """An instance with the replica's name must be a read replica of this very source."""
        source = self.resolved_source()
        found = self.normalize(record)
        if found.get("type") != REPLICA_TYPE:
            raise DbaasError("name: an RDS instance named '%s' already exists (id %s, type %s) and is not a read replica; "
                             "nothing was changed" % (self.params["name"], found.get("id"), found.get("type") or "unknown"))
        sources = replica_of(found)
        if str(source["id"]) not in sources:
            raise DbaasError("name: the read replica '%s' (id %s) is a replica of %s, not of the source %s (id %s); nothing was changed"
                             % (self.params["name"], found.get("id"), ", ".join(sources) or "an unknown instance",
                                self.source_text(), source["id"]))

    def check_deletable(self, record: Mapping[str, Any]) -> None:
        """state=absent deletes a read replica only, never a primary that happens to carry the name."""
        found = self.normalize(record)
        if found.get("type") != REPLICA_TYPE:
            raise DbaasError("name: the RDS instance named '%s' (id %s, type %s) is not a read replica, and rds_replica deletes read "
                             "replicas only; nothing was deleted" % (self.params["name"], found.get("id"), found.get("type") or "unknown"))

    def prepare_create(self) -> None:
        """A replica can only be made of an ACTIVE primary (checked in check mode too)."""
        source = self.resolved_source()
        status = source.get("status")
        if status != "ACTIVE":
            raise DbaasError("%s: the source RDS instance %s (id %s) is %s; a read replica can only be created from an ACTIVE "
                             "instance; nothing was changed" % (self.source_option(), self.source_text(), source.get("id"), status))

    def normalize(self, record: Mapping[str, Any]) -> Dict[str, Any]:
        out: Dict[str, Any] = super().normalize(record)  # type: ignore[misc]
        related = [{"id": str(item.get("id")), "type": item.get("type")} for item in out.get("related_instance") or []
                   if isinstance(item, Mapping)]
        if not related and self.source is not None and str(out.get("type") or REPLICA_TYPE) == REPLICA_TYPE:
            related = [{"id": self.source["id"], "type": REPLICA_OF}]  # the create answer does not name the source yet
        if related:
            out["related_instance"] = related
        return out


class RdsReplicas(ReplicaRules, rds.RdsInstances):
    """Read replicas on RDS v3: the source by ?name= or ?id=, the replica by ?name= (any type, to catch clashes)."""

    def source_candidates(self) -> List[Dict[str, Any]]:
        if self.params.get("source_name"):
            return self.api.list(name=self.params["source_name"])
        return self.api.list(id=self.params["source_id"])

    def create_request(self) -> Dict[str, Any]:
        return replica_body(self.params, self.resolved_source())

    def plan_updates(self, record: Mapping[str, Any], differences_found: List[Tuple[str, Any, Any]]) -> Plan:
        plan = super().plan_updates(record, differences_found)
        check_replica_volume(self.params, self.resolved_source(), plan)
        return plan

    def sends_client_token(self) -> bool:
        return False  # not documented for read replicas (RDS v3 CreateInstance, X-Client-Token)


class RdsV1Replicas(ReplicaRules, rds_v1.RdsV1Instances):
    """Read replicas on RDS v1: one unfiltered list answers both the replica and the source lookup."""

    def source_candidates(self) -> List[Dict[str, Any]]:
        return self.cached_list()

    def create_request(self) -> Dict[str, Any]:
        return rds_v1.replica_body(self.params, self.resolved_source())


def replica_adapter(client: Any, params: Mapping[str, Any]) -> ServiceAdapter:
    """rds_replica: the adapter of the task's API version."""
    adapters: Dict[str, Callable[[Any, Mapping[str, Any]], ServiceAdapter]] = {"v3": RdsReplicas, "v1": RdsV1Replicas}
    return adapters[api_version(params)](client, params)
