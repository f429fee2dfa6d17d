# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RDS v1: the camelCase instance API (create, list, delete, jobs), translated to and from the v3 record shape.

The flow and the module result only ever see v3-shaped (snake_case) records: every v1 answer is
normalised here, and every request body is built here from the same options rds_instance uses for v3.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils import validate as v
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import mapping_at, prune
from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import V1InstanceApi
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import api_version, platform
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import CreateAnswer, ServiceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import rds

# Where the v1 API lives per cloud; the option v1_path_prefix overrides it (private clouds, gateways).
V1_PREFIXES = {"huaweicloud": "/v1", "otc": "/rds/v1"}
PREFIX_RULES: Dict[str, List[v.Rule]] = {
    "v1_path_prefix": [v.pattern(r"^/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*/?$", "must be a URL path such as /v1 or /rds/v1")],
}

# v1 "type" word -> v3 type; a v1 master is Single or Ha depending on whether it has a standby.
V1_TYPES = {"readreplica": "Replica", "replica": "Replica", "slave": "Ha", "standby": "Ha", "single": "Single", "ha": "Ha"}
STANDBY_TYPES = ("slave", "standby")
# v3 field <- first v1 path that is set (dotted paths reach into objects).
V1_FIELDS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("id", ("id",)),
    ("name", ("name",)),
    ("status", ("status",)),
    ("region", ("region",)),
    ("availability_zone", ("availabilityZone", "azcode")),
    ("vpc_id", ("vpc", "vpcId")),
    ("subnet_id", ("nics.subnetId", "subnetid", "subnetId")),
    ("security_group_id", ("securityGroup.id", "securegroup", "securityGroupId")),
    ("flavor_ref", ("flavor.id", "flavorRef")),
    ("port", ("dbPort",)),
    ("created", ("created",)),
    ("updated", ("updated",)),
)
# Options of rds_instance that the v1 create body has no field for: refused instead of silently dropped.
V1_UNSUPPORTED = ("time_zone", "configuration_id", "disk_encryption_id", "collation", "lower_case_table_names", "enterprise_project_id",
                  "tags", "restore_from")
V1_REQUIRED_FOR_CREATE = rds.REQUIRED_FOR_CREATE + ("password",)
# RDS v1 create (HA): availabilityZone names the primary's zone, optionally followed by the standby's.
V1_HA_ZONES = v.count(1, 2, "availability zones for ha_mode=ha with api_version=v1 (primary[, standby])")


# -- paths -----------------------------------------------------------------------------------------
def v1_prefix(params: Mapping[str, Any]) -> str:
    """The v1 path prefix: the option when set, else the platform's default (/v1, or /rds/v1 on OTC)."""
    prefix = params.get("v1_path_prefix") or V1_PREFIXES.get(platform(params), "/v1")
    return "/" + str(prefix).strip("/")


# -- record mapping --------------------------------------------------------------------------------
def instance_records(answer: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The instances of a v1 list answer: ``instances`` is an array, or (as the RDS v1 list example shows) a single object."""
    found = answer.get("instances")
    if found is None:
        found = answer.get("items")
    if isinstance(found, Mapping):
        if isinstance(found.get("instance"), Mapping):  # {"instances": {"instance": {...}}}
            return [dict(found["instance"])]
        return [dict(found)] if found else []
    if isinstance(found, list):
        return [dict(mapping_at(item, "instance") or item) for item in found if isinstance(item, Mapping)]
    return []


def job_ids(answer: Mapping[str, Any]) -> List[str]:
    """Every job id of ``extendparam.jobs``, in the instance or at the top of the answer."""
    ids: List[str] = []
    for holder in (answer.get("instance") or {}, answer):
        jobs = ((holder.get("extendparam") or {}).get("jobs") or []) if isinstance(holder, Mapping) else []
        for job in jobs:
            job_id = job.get("id") if isinstance(job, Mapping) else job
            if job_id and str(job_id) not in ids:
                ids.append(str(job_id))
    if answer.get("job_id") and str(answer["job_id"]) not in ids:
        ids.append(str(answer["job_id"]))
    return ids


def to_v1_start_time(window: Optional[str]) -> Optional[str]:
    """v3 backup window ``08:15-09:15`` -> v1 ``08:15:00`` (the start of the window)."""
    if not window:
        return None
    return str(window).split("-", maxsplit=1)[0] + ":00"


def from_v1_start_time(value: Any) -> Optional[str]:
    """v1 ``08:15:00`` -> v3 window ``08:15-09:15`` (v1 windows are one hour long)."""
    if not value:
        return None
    parts = str(value).split(":")
    if len(parts) < 2 or not parts[0].isdigit():
        return str(value)
    hour = int(parts[0])
    return "%02d:%s-%02d:%s" % (hour, parts[1], (hour + 1) % 24, parts[1])


def _pick(record: Mapping[str, Any], paths: Tuple[str, ...]) -> Any:
    for path in paths:
        value = v.lookup(record, path)
        if value not in (None, ""):
            return value
    return None


def _replica_of(record: Mapping[str, Any]) -> Optional[str]:
    source = record.get("replica_of", record.get("replicaOf"))
    if isinstance(source, Mapping):
        source = source.get("id")
    return str(source) if source else None


def v3_type(record: Mapping[str, Any]) -> str:
    """Single, Ha or Replica from a v1 record."""
    word = str(record.get("type") or "").lower()
    if _replica_of(record) or V1_TYPES.get(word) == "Replica":
        return "Replica"
    if word in V1_TYPES:
        return V1_TYPES[word]
    ha = mapping_at(record, "ha")
    if record.get("slaveId") or ha.get("enable") or ha.get("replicationMode") or ha.get("replication_mode"):
        return "Ha"
    return "Single"


def normalize(record: Mapping[str, Any]) -> Dict[str, Any]:
    """A v1 instance record in the v3 shape (flavor_ref, availability_zone, vpc_id, ...)."""
    out: Dict[str, Any] = {key: _pick(record, paths) for key, paths in V1_FIELDS}
    out["type"] = v3_type(record)
    datastore = record.get("datastore") or record.get("dataStoreInfo") or {}
    if datastore:
        out["datastore"] = prune({"type": datastore.get("type"), "version": datastore.get("version")})
    volume = record.get("volume") or {}
    if volume:
        out["volume"] = prune({"type": volume.get("type"), "size": volume.get("size")})
    strategy = record.get("backupStrategy") or {}
    if strategy:
        keep = strategy.get("keepDays", strategy.get("keepDay"))
        out["backup_strategy"] = prune({"start_time": from_v1_start_time(strategy.get("startTime")), "keep_days": keep})
    ha = mapping_at(record, "ha")
    mode = ha.get("replicationMode") or ha.get("replication_mode")
    if mode:
        out["ha"] = {"replication_mode": mode}
    source = _replica_of(record)
    if source:
        out["related_instance"] = [{"id": source, "type": "replica_of"}]
    address = record.get("ip") or record.get("hostname")
    if address:
        out["private_ips"] = [address]
    if record.get("slaveId"):
        out["nodes"] = [{"id": out["id"], "role": "master", "status": out["status"]}, {"id": str(record["slaveId"]), "role": "slave"}]
    return {key: value for key, value in out.items() if value is not None}


def standby_id(record: Mapping[str, Any]) -> Optional[str]:
    """The standby node of a normalised HA record."""
    for node in record.get("nodes") or []:
        if node.get("role") == "slave" and node.get("id"):
            return str(node["id"])
    return None


# -- request bodies --------------------------------------------------------------------------------
def backup_strategy(params: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    strategy = params.get("backup_strategy") or {}
    return prune({"startTime": to_v1_start_time(strategy.get("start_time")), "keepDays": strategy.get("keep_days")}) or None


def create_body(params: Mapping[str, Any]) -> Dict[str, Any]:
    """RDS v1 create: a single or HA instance, camelCase, the password as dbRtPd."""
    engine = rds.ENGINES[params["engine"]]
    ha = {"enable": True, "replicationMode": params.get("replication_mode")} if params.get("ha_mode") == "ha" else None
    return {"instance": prune({
        "name": params["name"],
        "datastore": {"type": engine["datastore"], "version": params["engine_version"]},
        "flavorRef": params["flavor"],
        "volume": {"type": params["volume_type"], "size": params["volume_size"]},
        "region": params["region"],
        "availabilityZone": ",".join(params["availability_zone"]),
        "vpc": params["vpc_id"],
        "nics": {"subnetId": params["subnet_id"]},
        "securityGroup": {"id": params["security_group_id"]},
        "dbPort": str(params["port"]) if params.get("port") else None,
        "backupStrategy": backup_strategy(params),
        "dbRtPd": params["password"],
        "ha": ha,
    })}


def replica_body(params: Mapping[str, Any], source: Mapping[str, Any]) -> Dict[str, Any]:
    """RDS v1 create of a read replica; volume and AZ default to the source's (the replica's size follows the source)."""
    source_volume = source.get("volume") or {}
    zones = params.get("availability_zone") or [str(source.get("availability_zone") or "").split(",", maxsplit=1)[0] or None]
    return {"instance": prune({
        "name": params["name"],
        "flavorRef": params["flavor"],
        "volume": {"type": params.get("volume_type") or source_volume.get("type"),
                   "size": params.get("volume_size") or source_volume.get("size")},
        "region": params["region"],
        "availabilityZone": zones[0],
        "replicaOf": source["id"],
    })}


# -- validation ------------------------------------------------------------------------------------
def validate_prefix(params: Mapping[str, Any]) -> None:
    v.check(params, PREFIX_RULES)


def validate_instance(params: Mapping[str, Any]) -> None:
    """rds_instance with api_version=v1: the v3 rules, the v1 backup window, and no option the v1 body cannot carry."""
    validate_prefix(params)
    if params.get("final_backup_name") is not None:
        raise ValidationError("final_backup_name", "is supported with api_version=v3 only (RDS v3 CreateManualBackup); with "
                                                   "api_version=v1 the delete keeps the last manual backup (keep_last_manual_backup)")
    if params.get("state") == "absent":
        return  # the name rules are create rules: an instance made elsewhere is found by its exact name
    for option in V1_UNSUPPORTED:
        if params.get(option) is not None:
            raise ValidationError(option, "is not supported with api_version=v1 (the v1 API has no such field); use api_version=v3")
    v.require(params, V1_REQUIRED_FOR_CREATE, "when state=present")
    v.check(params, rds.COMMON_RULES)
    rds.check_engine(params, V1_HA_ZONES)
    if params["engine"] == "sqlserver" and params.get("ha_mode") != "ha" and str(params["engine_version"]).endswith("_EE"):
        raise ValidationError("ha_mode", "SQL Server %s (Enterprise Edition) cannot be a single instance; use ha_mode=ha"
                              % params["engine_version"])


def validate_any_instance(params: Mapping[str, Any]) -> None:
    """rds_instance: the v3 rules unless api_version=v1."""
    if api_version(params) == "v1":
        validate_instance(params)
    else:
        rds.validate_instance(params)


# -- the adapter -----------------------------------------------------------------------------------
class RdsV1Instances(ServiceAdapter):
    """RDS v1 instances: one unfiltered list, GET by id, camelCase bodies, extendparam.jobs.

    RDS v1 (create an HA instance): when the primary of an HA pair ends FAILED, it must be queried and deleted through its
    standby (slaveId). Lookups and waits then follow the standby and the result says so.
    """

    kind = "RDS instance"
    service = "rds"

    def __init__(self, client: Any, params: Mapping[str, Any]) -> None:
        super().__init__(client, params)
        self.api = V1InstanceApi(client, v1_prefix(params))
        self.last_list: Optional[List[Dict[str, Any]]] = None  # the latest list answer, normalised
        self.standbys: Dict[str, str] = {}  # primary id -> standby id, from answers seen
        self.known: Dict[str, Dict[str, Any]] = {}  # raw records of the latest list, by id
        self.job_failures: Dict[str, Optional[str]] = {}  # primary id -> fail reason of its create job
        self.fallback: Optional[Dict[str, Any]] = None

    # lookups
    def list_all(self) -> List[Dict[str, Any]]:
        """Every primary and replica, normalised; standby nodes are dropped (they share their primary's name)."""
        raw = instance_records(self.api.list())
        self.known = {str(record.get("id")): record for record in raw}
        found = [normalize(record) for record in raw if str(record.get("type") or "").lower() not in STANDBY_TYPES]
        for record in found:
            if standby_id(record):
                self.standbys[str(record["id"])] = str(standby_id(record))
        self.last_list = found
        return found

    def cached_list(self) -> List[Dict[str, Any]]:
        """The list read earlier in this run (the flow's name lookup), else a fresh one."""
        return self.last_list if self.last_list is not None else self.list_all()

    def find_by_name(self, name: str) -> List[Dict[str, Any]]:
        return [self.follow_standby(record) for record in self.list_all() if record.get("name") == name]

    def list_records(self, instance_id: Optional[str] = None, name: Optional[str] = None) -> List[Dict[str, Any]]:
        return self.list_all()  # the v1 list has no filters and no paging

    def resolve(self, record: Dict[str, Any]) -> Dict[str, Any]:
        return self.follow_standby(record)

    def get(self, instance_id: str) -> Optional[Dict[str, Any]]:
        raw = self.api.get(instance_id)
        if raw is None:
            return None
        return self.follow_standby(normalize(raw))

    def follow_standby(self, record: Dict[str, Any]) -> Dict[str, Any]:
        """RDS v1 (create an HA instance): a FAILED primary is reached through its standby, returned in the primary's place."""
        primary = str(record.get("id"))
        standby = standby_id(record) or self.standbys.get(primary)
        if record.get("status") not in self.failed_statuses or not standby:
            return record
        self.standbys[primary] = standby
        raw = self.known.get(standby) or self.api.get(standby)
        if raw is None:
            return record
        followed = normalize(raw)
        if self.fallback is None:
            self.fallback = prune({"primary_id": primary, "primary_status": record.get("status"), "standby_id": standby,
                                   "fail_reason": self.job_failures.get(primary)})
            self.warnings.append("the primary %s of '%s' is %s; it is queried and deleted through its standby %s"
                                 % (primary, record.get("name"), record.get("status"), standby))
        followed.update(name=record.get("name"), type="Ha",
                        nodes=[{"id": primary, "role": "master", "status": record.get("status")},
                               {"id": standby, "role": "slave", "status": followed.get("status")}])
        return followed

    def job_status(self, job_id: str) -> Dict[str, Any]:
        return self.api.job(job_id)

    def job_failure_accepted(self, job_id: str, job: Mapping[str, Any]) -> bool:
        """RDS v1: the create job of an HA primary may fail while its standby comes up; the wait then follows the standby."""
        instance = mapping_at(job, "instance")
        primary = str(instance.get("id") or "")
        if primary not in self.standbys:
            return False
        self.job_failures[primary] = job.get("fail_reason") or None
        return True

    # writes
    def create_request(self) -> Dict[str, Any]:
        return create_body(self.params)

    def create(self, client_token: str) -> CreateAnswer:
        del client_token  # RDS v1 documents no idempotency key: a lost answer is settled by looking the name up
        answer = self.api.create(self.create_request(), require={"instance": dict, "instance.id": str})
        raw = answer["instance"]
        record = normalize(raw)
        instance_id = str(record["id"])
        if raw.get("slaveId"):
            self.standbys[instance_id] = str(raw["slaveId"])
        jobs = job_ids(answer)
        return CreateAnswer(instance_id, jobs[0] if jobs else None, record, job_ids=jobs)

    def delete(self, record: Mapping[str, Any]) -> Optional[str]:
        # RDS v1 DeleteInstance: keepLastManualBackup "1" keeps the instance's last manual backup, "0" deletes it.
        keep = "0" if self.params.get("keep_last_manual_backup") is False else "1"
        jobs = job_ids(self.api.delete(self.instance_id(record), body={"keepLastManualBackup": keep}))
        return jobs[0] if jobs else None

    def desired(self) -> Dict[str, Any]:
        return rds.desired_instance(self.params)

    def result_extras(self) -> Dict[str, Any]:
        return {"standby_fallback": self.fallback} if self.fallback else {}

    def service_keys(self) -> Dict[str, Any]:
        return {"service": self.service, "api_version": "v1"}


def instance_adapter(client: Any, params: Mapping[str, Any]) -> ServiceAdapter:
    """rds_instance: the adapter of the task's API version."""
    adapters = {"v3": rds.RdsInstances, "v1": RdsV1Instances}
    return adapters[api_version(params)](client, params)
