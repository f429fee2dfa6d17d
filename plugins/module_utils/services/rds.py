# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RDS v3: paths, field mapping, statuses and the documented input rules, as data."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils import restore, validate as v
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import listed_zones, pruned
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import V3InstanceApi
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import Plan, ServiceAdapter, V3InstanceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.backups import RdsBackups, check_final_backup_name
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds_parameters import ParameterTemplate
from ansible_collections.hwcloud.dbaas.plugins.module_utils.tags import as_dict as tags_as_dict, as_list as tags_as_list, check_tags
from ansible_collections.hwcloud.dbaas.plugins.module_utils.updates import InstanceUpdates, Request, Requests

ENGINES: Dict[str, Dict[str, Any]] = {
    "mysql": {
        "datastore": "MySQL",
        "versions": ("5.6", "5.7", "8.0"),
        "port": v.int_range(1024, 65535, excluded=(12017, 33071)),
        "specials": "~!@#$%^*-_=+?,()&",
        "replication_modes": ("async", "semisync"),
    },
    "postgresql": {
        "datastore": "PostgreSQL",
        "versions": ("9.5", "9.6", "10", "11", "12", "13", "14", "15"),
        "port": v.int_range(2100, 9500),
        "specials": "~!@#$%^*-_=+?,",
        "replication_modes": ("async", "sync"),
    },
    "sqlserver": {
        "datastore": "SQLServer",
        "versions": ("2017_SE", "2017_EE", "2019_SE", "2019_EE", "2022_SE", "2022_EE"),
        "port": v.int_range(2100, 9500, excluded=(5355, 5985), also=(1433,)),
        "specials": "~!@#$%^*-_+?,",
        "replication_modes": ("sync",),
    },
}
VOLUME_TYPES = ("COMMON", "ULTRAHIGH", "CLOUDSSD", "ESSD")

COMMON_RULES: Dict[str, List[v.Rule]] = {
    "name": [v.length(4, 64), v.pattern(v.NAME_PATTERN, v.NAME_TEXT)],
    "volume_type": [v.one_of(VOLUME_TYPES)],
    "volume_size": [v.int_range(40, 4000), v.multiple_of(10)],
    "backup_strategy.start_time": [v.backup_window],
    "backup_strategy.keep_days": [v.int_range(0, 732)],
    "time_zone": [v.pattern(r"^UTC[+-](0\d|1[0-4]):00$", "must look like UTC+08:00 or UTC-05:00")],
    # A parameter template id goes into the path of RDS v3 EnableConfiguration.
    "configuration_id": [v.pattern(r"^[A-Za-z0-9_-]{1,128}\Z", "must be a parameter template id of letters, digits, - and _")],
}
# The password is required at create time only (checked once the instance is known to be missing).
REQUIRED_FOR_CREATE = ("engine", "engine_version", "flavor", "volume_type", "volume_size", "availability_zone",
                       "vpc_id", "subnet_id", "security_group_id")


def version_family(versions: Tuple[str, ...], engine: str) -> v.Rule:
    """A documented major version (5.7), or a full version of one (5.7.17) as the lists report it.

    RDS v3 ListInstances reports both `version` and `complete_version`; RDS v1 lists the full version only.
    """
    def rule(value: Any) -> Optional[str]:
        if family_of(value, versions) is not None:
            return None
        return "must be one of %s for engine %s, or a full version of one such as %s.17 (got %s)" % (
            ", ".join(versions), engine, versions[-1], value)
    return rule


def family_of(value: Any, versions: Tuple[str, ...]) -> Optional[str]:
    """The documented major version that value is, or is a full version of (5.7.17 -> 5.7); None when none."""
    text = str(value)
    matches = [version for version in versions if text == version or text.startswith(version + ".")]
    return max(matches, key=len) if matches else None


# Where the restore options sit in rds_instance's task, for messages.
RESTORE_PREFIX = restore.RESTORE_PREFIX


def validate_instance(params: Mapping[str, Any]) -> None:
    """Every documented rule of RDS v3 CreateInstance for single and primary/standby instances.

    The name rules are create rules: state=absent finds an instance made elsewhere by its exact name, whatever it is.
    """
    check_final_backup_name(params)
    if params.get("state") == "absent":
        return
    v.require(params, REQUIRED_FOR_CREATE, "when state=present")
    v.check(params, COMMON_RULES)
    check_engine(params, HA_ZONES)
    _check_engine_specifics(params)
    check_tags(params.get("tags"))
    check_restore_from(params)


def check_restore_from(params: Mapping[str, Any]) -> None:
    """restore_from (RDS v3 CreateRestoreInstance): the source and exactly one restore point, the rules of gauss_restore."""
    source = params.get("restore_from")
    if not source:
        return
    restore.check_source_choice(source, params["name"], RESTORE_PREFIX)
    restore.check_restore_point(source, RESTORE_PREFIX)
    if params.get("lower_case_table_names") is not None:
        raise ValidationError("lower_case_table_names", "cannot be set with restore_from (RDS v3 CreateRestoreInstance takes no "
                                                        "unchangeable_param; the restored instance keeps the source's)")


# RDS v3 CreateInstance, availability_zone of a primary/standby pair: the primary's and the standby's.
HA_ZONES = v.count(2, 2, "availability zones for ha_mode=ha (primary, standby)")


def check_engine(params: Mapping[str, Any], ha_zones: v.Rule) -> None:
    """The rules of the engine: version, port, password, and the HA layout (ha_zones: how many zones a pair names)."""
    engine = ENGINES[params["engine"]]
    v.check(params, {
        "engine_version": [version_family(engine["versions"], params["engine"])],
        "port": [engine["port"]],
        "password": [v.password(engine["specials"])],
    })
    zones = params["availability_zone"]
    if params.get("ha_mode") == "ha":
        v.require(params, ("replication_mode",), "when ha_mode=ha")
        v.check(params, {
            "replication_mode": [v.one_of(engine["replication_modes"], " for engine %s" % params["engine"])],
            "availability_zone": [ha_zones],
        })
    else:
        if params.get("replication_mode"):
            raise ValidationError("replication_mode", "is only valid with ha_mode=ha")
        v.check({"availability_zone": zones}, {"availability_zone": [v.count(1, 1, "availability zone for ha_mode=single")]})


def _check_engine_specifics(params: Mapping[str, Any]) -> None:
    engine = params["engine"]
    if engine == "sqlserver":
        if params.get("ha_mode") != "ha" and str(params["engine_version"]).endswith("_EE"):
            raise ValidationError("ha_mode", "SQL Server %s (Enterprise Edition) cannot be a single instance; use ha_mode=ha"
                                  % params["engine_version"])
        keep_days = v.lookup(params, "backup_strategy.keep_days")
        if params.get("ha_mode") == "ha" and keep_days == 0:
            raise ValidationError("backup_strategy.keep_days", "cannot be 0 (automated backups cannot be disabled) for SQL Server ha")
    elif params.get("collation"):
        raise ValidationError("collation", "applies only to engine sqlserver")
    if params.get("lower_case_table_names") is not None and engine != "mysql":
        raise ValidationError("lower_case_table_names", "applies only to engine mysql")


def backup_strategy(params: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    strategy = params.get("backup_strategy") or {}
    return pruned({"start_time": strategy.get("start_time"), "keep_days": strategy.get("keep_days")}) or None


def create_body(params: Mapping[str, Any]) -> Dict[str, Any]:
    engine = ENGINES[params["engine"]]
    # RDS v3 CreateInstance takes the major version (datastore.version, e.g. 5.7); the minor release is the service's choice.
    version = family_of(params["engine_version"], engine["versions"]) or params["engine_version"]
    ha = {"mode": "Ha", "replication_mode": params.get("replication_mode")} if params.get("ha_mode") == "ha" else None
    lower_case = params.get("lower_case_table_names")
    return pruned({
        "name": params["name"],
        "datastore": {"type": engine["datastore"], "version": version},
        "ha": ha,
        "configuration_id": params.get("configuration_id"),
        "port": str(params["port"]) if params.get("port") else None,
        "password": params["password"],
        "backup_strategy": backup_strategy(params),
        "disk_encryption_id": params.get("disk_encryption_id"),
        "flavor_ref": params["flavor"],
        "volume": {"type": params["volume_type"], "size": params["volume_size"]},
        "region": params["region"],
        "availability_zone": ",".join(params["availability_zone"]),
        "vpc_id": params["vpc_id"],
        "subnet_id": params["subnet_id"],
        "security_group_id": params["security_group_id"],
        "charge_info": {"charge_mode": params.get("charge_mode")},
        "time_zone": params.get("time_zone"),
        "collation": params.get("collation"),
        "enterprise_project_id": params.get("enterprise_project_id"),
        "tags": tags_as_list(params.get("tags")),
        "unchangeable_param": {"lower_case_table_names": str(lower_case) if lower_case is not None else None},
    })


class RdsInstances(V3InstanceAdapter):
    """RDS v3 instances (primaries and replicas share one list); with restore_from, created by RDS v3 CreateRestoreInstance."""

    kind = "RDS instance"
    service = "rds"

    restore_label = "RDS"
    # The parameter template compared with the existing instance (configuration_id), once the plan has looked at it.
    template: Optional[ParameterTemplate] = None

    def create_request(self) -> Dict[str, Any]:
        body = create_body(self.params)
        if self.restore is not None:
            if self.restore.point is None:
                raise DbaasError("internal error: the restore point was not resolved before the create request")
            # RDS v3 CreateRestoreInstance: the create body plus restore_point (restore_time in epoch ms, an integer).
            body["restore_point"] = dict(self.restore.point)
        return body

    def sends_client_token(self) -> bool:
        """RDS v3 CreateInstance documents X-Client-Token only for RDS for MySQL single and primary/standby instances;
        the SDK's CreateRestoreInstance (the same path) does not model it."""
        return self.params.get("engine") == "mysql" and self.restore is None

    def create_headers(self, client_token: str) -> Optional[Dict[str, str]]:
        return {"X-Client-Token": client_token} if self.sends_client_token() else None

    def prepare_create(self) -> None:
        """The password is needed to create an instance only (with update_password=on_create, to nothing else)."""
        if not self.params.get("password"):
            raise ValidationError("password", "is required to create the instance (no instance named '%s' exists)" % self.params["name"])
        if self.restore is not None:
            # Resolved only here (the instance is missing): a converged run looks nothing else up.
            source = self.restore.find_source()
            restore.check_same_engine(source, ENGINES[self.params["engine"]]["datastore"], self.params["engine_version"],
                                      ("engine", "engine_version"))
            self.restore.resolve()

    def result_extras(self) -> Dict[str, Any]:
        extras: Dict[str, Any] = {}
        if self.restore is not None and self.restore.report:
            extras["restore_point"] = self.restore.report
        if self.template is not None:
            extras["restart_required"] = self.template.restart_required
        return extras

    def option_name(self, path: str) -> str:
        return OPTION_NAMES.get(path, path)

    def final_backup(self, record: Mapping[str, Any]) -> Optional[ServiceAdapter]:
        """RDS v3 CreateManualBackup before DeleteInstance (final_backup_name; read replicas cannot be backed up)."""
        return RdsBackups.final(self.client, record, self.params.get("final_backup_name"))

    def plan_updates(self, record: Mapping[str, Any], differences_found: List[Tuple[str, Any, Any]]) -> Plan:
        plan = InstanceUpdates(self, record, RdsRequests(), backup_strategy(self.params)).plan(differences_found)
        if self.params.get("configuration_id"):
            # Last, so that a restart it may need comes after every other change.
            self.template = ParameterTemplate(self, self.instance_id(record))
            plan.operations.extend(self.template.operations())
        return plan

    def normalize(self, record: Mapping[str, Any]) -> Dict[str, Any]:
        normalized = listed_zones(record)
        if "tags" in normalized:
            normalized["tags"] = tags_as_dict(normalized["tags"])
        return normalized

    def desired(self) -> Dict[str, Any]:
        return desired_instance(self.params)


def desired_instance(params: Mapping[str, Any]) -> Dict[str, Any]:
    """The options of a primary in the v3 record shape (RDS v1 records are mapped to it too)."""
    if params.get("state") == "absent":
        return {}
    engine = ENGINES[params["engine"]]
    ha = params.get("ha_mode") == "ha"
    return pruned({
        "type": "Ha" if ha else "Single",
        "datastore": {"type": engine["datastore"], "version": params["engine_version"]},
        "flavor_ref": params["flavor"],
        "volume": {"type": params["volume_type"], "size": params["volume_size"]},
        "region": params["region"],
        "vpc_id": params["vpc_id"],
        "subnet_id": params["subnet_id"],
        "security_group_id": params["security_group_id"],
        "port": params.get("port"),
        "ha": {"replication_mode": params.get("replication_mode")} if ha else None,
        "backup_strategy": backup_strategy(params),
        "time_zone": params.get("time_zone"),
        "disk_encryption_id": params.get("disk_encryption_id"),
    })


# Record paths -> the rds_instance / rds_replica option that sets them, for messages and `actions`.
OPTION_NAMES = {
    "type": "ha_mode", "datastore.type": "engine", "datastore.version": "engine_version", "flavor_ref": "flavor",
    "volume.type": "volume_type", "volume.size": "volume_size", "ha.replication_mode": "replication_mode",
    "backup_strategy.start_time": "backup_strategy.start_time", "backup_strategy.keep_days": "backup_strategy.keep_days",
    "related_instance": "source_name",
}


class RdsRequests(Requests):
    """RDS v3: StartResizeFlavorAction, StartInstanceEnlargeVolumeAction, StartInstanceSingleToHaAction (202 job_id),
    UpdatePort and SetSecurityGroup (200 workflowId), ResetPwd, BatchTagDelAction / BatchTagAddAction (200, no job)."""

    @staticmethod
    def resize_flavor(spec_code: str) -> Request:
        return ("POST", "action", {"resize_flavor": {"spec_code": spec_code}})

    @staticmethod
    def single_to_ha(standby_zone: str) -> Request:
        return ("POST", "action", {"single_to_ha": {"az_code_new_node": standby_zone}})

    @staticmethod
    def password(secret: str) -> Request:
        return ("POST", "password", {"db_user_pwd": secret})

    @staticmethod
    def add_tags(tags: Dict[str, str]) -> Request:
        return ("POST", "tags/action", {"action": "create", "tags": tags_as_list(tags)})

    @staticmethod
    def remove_tags(keys: List[str]) -> Request:
        return ("POST", "tags/action", {"action": "delete", "tags": [{"key": key} for key in keys]})


def list_instances(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """rds_instance_info: server-side filters, then the exact name compare the API does not promise."""
    engine = params.get("engine")
    records = V3InstanceApi(client, "rds").list(name=params.get("name"), id=params.get("id"), type=params.get("type"),
                                                datastore_type=ENGINES[engine]["datastore"] if engine else None)
    if params.get("name"):
        records = [record for record in records if record.get("name") == params["name"]]
    return [listed_zones(record) for record in records]
