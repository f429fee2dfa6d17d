# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Manual backups of RDS v3, DDS and GaussDB (openGauss) instances as resources of the flow, and backup listings.

A backup is found by its instance (exact ``instance_name``, or ``instance_id``) and its exact name, in the
instance's backup list (ListBackups filtered by ``instance_id``). The three services share the paths of the v3 backup
API (api.V3BackupApi); what differs is data:

- CreateManualBackup body: flat ``{"instance_id", "name", "description"}`` (RDS, GaussDB), wrapped in ``backup`` (DDS);
- its answer: ``{"backup": {...}}`` without a job (RDS), ``{"job_id", "backup_id"}`` (DDS), ``{"backup": {...}, "job_id"}``
  (GaussDB); the flow waits for the backup's own status in every case (BUILDING -> COMPLETED, or FAILED);
- the list's word for manual full backups (``manual``; DDS ``Manual``) and for a backup being deleted (``DELETING``;
  DDS ``DISABLED``).

Manual backups outlive their instance (RDS, DDS and GaussDB keep them when the instance is deleted), so a backup
named by ``instance_id`` is looked for in the backup list even when that instance no longer exists.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple, Type

from ansible_collections.hwcloud.dbaas.plugins.module_utils import validate as v
from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import V3BackupApi, V3InstanceApi
from ansible_collections.hwcloud.dbaas.plugins.module_utils.compare import prune, pruned
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import CreateAnswer, Plan, ServiceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.restore import newest_first

COMPLETED = "COMPLETED"
FAILED = "FAILED"
# CreateManualBackup (RDS v3, DDS, GaussDB): name 4 to 64 characters, a letter first, then letters, digits, - and _;
# description at most 256 characters, none of >!<"&'=.
NAME_RULES: List[v.Rule] = [v.length(4, 64), v.pattern(v.NAME_PATTERN, v.NAME_TEXT)]
DESCRIPTION_MAX = 256
DESCRIPTION_FORBIDDEN = ">!<\"&'="
INSTANCE_OPTIONS = ("instance_name", "instance_id")


def description_rule(value: Any) -> Optional[str]:
    text = str(value)
    if len(text) > DESCRIPTION_MAX:
        return "must be at most %d characters long (got %d)" % (DESCRIPTION_MAX, len(text))
    found = "".join(sorted(set(char for char in text if char in DESCRIPTION_FORBIDDEN)))
    if found:
        return "must not contain any of the characters %s (got %s)" % (DESCRIPTION_FORBIDDEN, found)
    return None


RULES: Dict[str, List[v.Rule]] = {"name": NAME_RULES, "description": [description_rule]}


def check_instance_choice(params: Mapping[str, Any], required: bool = True) -> None:
    """At most one of instance_name and instance_id (exactly one when required), neither of them empty."""
    given = [option for option in INSTANCE_OPTIONS if params.get(option) is not None]
    for option in given:
        if not str(params[option]).strip():
            raise ValidationError(option, "must not be empty")
    if len(given) > 1:
        raise ValidationError("instance_id", "cannot be combined with instance_name; give only one")
    if required and not given:
        raise ValidationError("instance_name|instance_id", "one of them is required")


def check_final_backup_name(params: Mapping[str, Any]) -> None:
    """final_backup_name (rds_instance, dds_instance, gauss_restore): the rules of CreateManualBackup's name."""
    if params.get("final_backup_name") is not None:
        v.check(params, {"final_backup_name": NAME_RULES})


def validate_backup(params: Mapping[str, Any]) -> None:
    """Every documented rule of CreateManualBackup, checked before any request (the name rules with state=present only)."""
    check_instance_choice(params)
    if params.get("state") == "absent":
        return  # the name rules are create rules: a backup is found by its exact name
    v.check(params, RULES)


class BackupAdapter(ServiceAdapter):
    """A manual backup of one instance; the record is the backup as ListBackups reports it."""

    result_key = "backup"
    label_prefix = ""  # RDS, DDS, GaussDB
    # ListBackups: the backup_type word of manual full backups.
    manual_type = "manual"
    # CreateManualBackup: what the answer must hold for the flow to go on.
    create_requires: Dict[str, Any] = {"backup": dict, "backup.id": str}

    def __init__(self, client: Any, params: Mapping[str, Any]) -> None:
        super().__init__(client, params)
        self.api = V3BackupApi(client, self.service)
        self.instances = V3InstanceApi(client, self.service)
        self.instance: Optional[Dict[str, Any]] = None  # the instance, when it was looked up and exists
        self.looked_up = False
        self.backup_instance_id: Optional[str] = None  # whose backup list is read

    @classmethod
    def final(cls, client: Any, instance: Mapping[str, Any], name: Optional[str]) -> Optional["BackupAdapter"]:
        """The final backup named ``name`` of an instance about to be deleted (final_backup_name); None without a name.

        The instance is the one the flow found: it is not looked up again, and the backup is looked for in its backup list.
        """
        if not name:
            return None
        adapter = cls(client, {"instance_id": str(instance["id"]), "name": name, "state": "present", "wait": True})
        adapter.instance, adapter.looked_up, adapter.backup_instance_id = dict(instance), True, str(instance["id"])
        return adapter

    # A backup's statuses (ListBackups): BUILDING -> COMPLETED or FAILED; DELETING (DDS: DISABLED) while it is deleted.
    @property
    def ready_statuses(self) -> Tuple[str, ...]:
        return (COMPLETED,)

    @property
    def failed_statuses(self) -> Tuple[str, ...]:
        return (FAILED,)

    @property
    def available_statuses(self) -> Tuple[str, ...]:
        return ()

    @property
    def settled_statuses(self) -> Tuple[str, ...]:
        return ()

    # the instance ------------------------------------------------------------------------------------------
    def find_instance(self) -> Optional[Dict[str, Any]]:
        """The instance by instance_id or exact instance_name (one ListInstances request); None when there is none."""
        if self.params.get("instance_id"):
            wanted = str(self.params["instance_id"])
            matches = [record for record in self.instances.list(id=wanted) if record.get("id") == wanted]
            return matches[0] if matches else None
        wanted = str(self.params["instance_name"])
        matches = [record for record in self.instances.list(name=wanted) if record.get("name") == wanted]
        if len(matches) > 1:
            raise DbaasError("instance_name: %d %s instances are named '%s' (ids: %s); set instance_id instead, nothing was changed"
                             % (len(matches), self.label_prefix, wanted, ", ".join(str(record.get("id")) for record in matches)))
        return matches[0] if matches else None

    def resolve_instance(self) -> Optional[str]:
        """The id of the instance whose backups are read; looked up once per task.

        With state=absent and instance_id the instance is not looked up at all: its manual backups outlive it, and the
        backup list filtered by instance_id finds them either way.
        """
        if self.looked_up:
            return self.backup_instance_id
        self.looked_up = True
        given_id = self.params.get("instance_id")
        absent = self.params.get("state") == "absent"
        if absent and given_id:
            self.backup_instance_id = str(given_id)
            return self.backup_instance_id
        self.instance = self.find_instance()
        if self.instance is not None:
            self.backup_instance_id = str(self.instance["id"])
        elif given_id:
            self.backup_instance_id = str(given_id)  # a backup of a deleted instance may still exist
        elif absent:
            self.warnings.append("no %s instance is named '%s', so no backup could be looked up by instance_name; manual backups "
                                 "outlive their instance: set instance_id to delete a backup of a deleted instance"
                                 % (self.label_prefix, self.params["instance_name"]))
        else:
            raise DbaasError("instance_name: no %s instance named '%s' was found; nothing was changed"
                             % (self.label_prefix, self.params["instance_name"]))
        return self.backup_instance_id

    def check_instance(self, instance: Mapping[str, Any]) -> None:
        """Rules of the instance that CreateManualBackup documents (RDS: not a read replica)."""

    # lookups ------------------------------------------------------------------------------------------------
    def list_filters(self, name: Optional[str] = None) -> Dict[str, Any]:
        """ListBackups query filters besides instance_id (the manual type; DDS also the name)."""
        return {"backup_type": self.manual_type}

    def is_manual(self, backup: Mapping[str, Any]) -> bool:
        kind = backup.get("type")
        return kind is None or str(kind).lower() == "manual"

    def find_by_name(self, name: str) -> List[Dict[str, Any]]:
        instance_id = self.resolve_instance()
        if instance_id is None:
            return []
        return [backup for backup in self.api.list(instance_id=instance_id, **self.list_filters(name))
                if backup.get("name") == name and self.is_manual(backup)]

    def get(self, instance_id: str) -> Optional[Dict[str, Any]]:
        """The backup of that id (ListBackups by instance_id and backup_id, compared exactly); None when it is gone."""
        matches = [backup for backup in self.api.list(instance_id=self.backup_instance_id, backup_id=instance_id)
                   if backup.get("id") == instance_id]
        return matches[0] if matches else None

    def job_status(self, job_id: str) -> Dict[str, Any]:
        return self.instances.job(job_id)

    def label(self, instance_id: str) -> str:
        return "%s '%s' (id %s)" % (self.kind, self.params.get("name"), instance_id)

    # writes -------------------------------------------------------------------------------------------------
    def prepare_create(self) -> None:
        """The backup is missing: its instance must exist and be one the API backs up (also in check mode)."""
        if self.instance is None:
            raise DbaasError("instance_id: no %s instance with id '%s' was found; a backup can only be taken of an existing "
                             "instance, nothing was changed" % (self.label_prefix, self.params.get("instance_id")))
        self.check_instance(self.instance)

    def create_body(self) -> Dict[str, Any]:
        return pruned({"instance_id": self.backup_instance_id, "name": self.params["name"], "description": self.params.get("description")})

    def create_answer(self, answer: Mapping[str, Any]) -> CreateAnswer:
        """RDS v3 and GaussDB CreateManualBackup: {"backup": {...}} (GaussDB adds "job_id")."""
        record = answer["backup"]
        return CreateAnswer(str(record["id"]), answer.get("job_id"), record)

    def create(self, client_token: str) -> CreateAnswer:
        """CreateManualBackup; no idempotency header is documented for it (a lost answer is settled by name)."""
        created = self.create_answer(self.api.create(self.create_body(), require=self.create_requires))
        created.job_ids = []  # the backup's own status says when it is done (and names the backup when it fails)
        return created

    def delete(self, record: Mapping[str, Any]) -> Optional[str]:
        """DeleteManualBackup (DDS answers a job_id, RDS nothing, GaussDB the backup's id and name)."""
        return self.api.delete(self.instance_id(record)).get("job_id")

    # mapping ------------------------------------------------------------------------------------------------
    def desired(self) -> Dict[str, Any]:
        if self.params.get("state") == "absent":
            return {}
        return pruned({"name": self.params["name"], "instance_id": self.backup_instance_id, "description": self.params.get("description")})

    def plan_updates(self, record: Mapping[str, Any], differences_found: List[Tuple[str, Any, Any]]) -> Plan:
        """A backup cannot be changed: a description that differs is reported as a warning, never as a change."""
        for path, wanted, found in differences_found:
            self.warnings.append("the existing %s differs from the task in %s (wanted %r, found %r); a backup cannot be changed, "
                                 "so it was kept as it is" % (self.label(self.instance_id(record)), path, wanted, found))
        return Plan([], [])

    def service_keys(self) -> Dict[str, Any]:
        return {}  # a backup is not an instance for instance_wait


class RdsBackups(BackupAdapter):
    """RDS v3 manual backups (CreateManualBackup answers the backup, no job)."""

    kind = "RDS backup"
    service = "rds"
    label_prefix = "RDS"

    def check_instance(self, instance: Mapping[str, Any]) -> None:
        if instance.get("type") == "Replica":
            option = "instance_id" if self.params.get("instance_id") else "instance_name"
            raise ValidationError(option, "the RDS instance '%s' (id %s) is a read replica, and read replicas cannot be backed up "
                                          "(RDS v3 CreateManualBackup); back up its primary instance instead"
                                  % (instance.get("name"), instance.get("id")))


class DdsBackups(BackupAdapter):
    """DDS manual backups: the create body is wrapped in "backup", the answer is {"job_id", "backup_id"}."""

    kind = "DDS backup"
    service = "dds"
    label_prefix = "DDS"
    manual_type = "Manual"
    create_requires = {"backup_id": str}

    def list_filters(self, name: Optional[str] = None) -> Dict[str, Any]:
        # DDS ListBackups: backup_name matches fuzzily; the flow compares the name exactly.
        return dict(super().list_filters(name), backup_name=name)

    def create_body(self) -> Dict[str, Any]:
        return {"backup": super().create_body()}

    def create_answer(self, answer: Mapping[str, Any]) -> CreateAnswer:
        record = prune({"id": answer["backup_id"], "name": self.params["name"], "instance_id": self.backup_instance_id,
                        "description": self.params.get("description")})
        return CreateAnswer(str(answer["backup_id"]), answer.get("job_id"), record)


class GaussBackups(BackupAdapter):
    """GaussDB (openGauss) manual backups: the answer is {"backup": {...}, "job_id"}."""

    kind = "GaussDB backup"
    service = "gaussdb"
    label_prefix = "GaussDB"


# listing --------------------------------------------------------------------------------------------------------
def list_backups(adapter_class: Type[BackupAdapter], client: Any, params: Mapping[str, Any],
                 server_filters: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The backups of the instance the task names (none named: of the project, where the API allows it), newest first.

    The API's own filters are sent, then every filter is applied again exactly (name, type without case, status), so a
    fuzzy or ignored filter never widens the answer. An instance named by instance_name that does not exist has no backups
    (an empty list); by instance_id its backups are listed even when the instance is gone.
    """
    adapter = adapter_class(client, params)
    instance_id = params.get("instance_id")
    if not instance_id and params.get("instance_name"):
        instance = adapter.find_instance()
        if instance is None:
            return []
        instance_id = str(instance["id"])
    backups = adapter.api.list(instance_id=instance_id, **{key: value for key, value in server_filters.items() if value is not None})
    if params.get("name"):
        backups = [backup for backup in backups if backup.get("name") == params["name"]]
    if params.get("type"):
        backups = [backup for backup in backups if str(backup.get("type") or "").lower() == str(params["type"]).lower()]
    statuses = [str(status).upper() for status in params.get("status") or []]
    if statuses:
        backups = [backup for backup in backups if str(backup.get("status") or "").upper() in statuses]
    return newest_first(backups)


def rds_backup_infos(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """rds_backup_info: RDS v3 ListBackups by instance_id (mandatory there) and backup_type; name and status compared here
    (the API filters the status of SQL Server full backups only)."""
    check_instance_choice(params)
    return list_backups(RdsBackups, client, params, {"backup_type": params.get("type")})


# DDS ListBackups spells the types with a capital letter, and filters by one of these statuses.
DDS_TYPES = {"auto": "Auto", "manual": "Manual", "incremental": "Incremental"}
DDS_STATUS_FILTERS = ("BUILDING", "COMPLETED", "FAILED")


def dds_backup_infos(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """dds_backup_info: DDS ListBackups filters by instance, type, name (fuzzy) and one status; the compares here are exact."""
    check_instance_choice(params, required=False)
    kind = params.get("type")
    if kind == "incremental" and not (params.get("instance_id") or params.get("instance_name")):
        raise ValidationError("type", "incremental needs instance_name or instance_id (DDS ListBackups lists incremental "
                                      "backups of one instance only)")
    statuses = params.get("status") or []
    return list_backups(DdsBackups, client, params, {
        "backup_type": DDS_TYPES.get(str(kind)) if kind else None,
        "backup_name": params.get("name"),
        "backup_status": statuses[0] if len(statuses) == 1 and statuses[0] in DDS_STATUS_FILTERS else None,
    })
