# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's input rules and the emulator's request checks, both pinned to the API documents.

Every row of tests/emulator/tests/agreement_samples.py is a create request body with the verdict its document gives. The body
goes (a) through a module's argument spec and validate function, as the module's options a user would write for
that body, and (b) to the emulator's create endpoint (Flask test client). Each side must reach the documented
verdict on its own, so a row fails wherever either side strays from the documents, not only where they disagree.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import dds, gauss, rds_replica, rds_v1
from ansible_collections.hwcloud.dbaas.plugins.modules import dds_instance, gauss_restore, rds_instance
from ansible_collections.hwcloud.dbaas.plugins.modules import rds_replica as rds_replica_module

from tests.emulator import create_app
from tests.emulator.tests import agreement_samples as samples
from tests.emulator.tests.agreement_samples import Sample

PID = "0483b6b16e954cb88930a360d2c4e663"  # the emulator's eu-de project
ENDPOINTS = {"rds": "/rds/v3/%s/instances" % PID, "rds_replica": "/rds/v3/%s/instances" % PID,
             "gauss": "/gaussdb/v3/%s/instances" % PID, "dds": "/dds/v3/%s/instances" % PID}
# The connection options every module also takes; only region matters for these rows.
CONNECTION_SPEC = {"region": {"type": "str"}}


# -- (a) the collection: body -> module options -> argument spec -> validate --------------------------------------
def _zones(value: Any) -> Optional[List[str]]:
    return None if value is None else str(value).split(",")


def _drop_unset(params: Dict[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in params.items() if value is not None}


def rds_options(body: Mapping[str, Any], _sample: Sample) -> Dict[str, Any]:
    """rds_instance options for a single or primary/standby body."""
    engines = {"MySQL": "mysql", "PostgreSQL": "postgresql", "SQLServer": "sqlserver"}
    datastore, volume, ha = body.get("datastore") or {}, body.get("volume") or {}, body.get("ha")
    ha_mode = "single" if ha is None else ("ha" if str(ha.get("mode")).lower() == "ha" else ha.get("mode"))
    return _drop_unset({
        "name": body.get("name"), "engine": engines.get(datastore.get("type"), datastore.get("type")),
        "engine_version": datastore.get("version"), "ha_mode": ha_mode, "replication_mode": (ha or {}).get("replication_mode"),
        "flavor": body.get("flavor_ref"), "volume_type": volume.get("type"), "volume_size": volume.get("size"),
        "region": body.get("region"), "availability_zone": _zones(body.get("availability_zone")),
        "vpc_id": body.get("vpc_id"), "subnet_id": body.get("subnet_id"), "security_group_id": body.get("security_group_id"),
        "port": body.get("port"), "password": body.get("password"), "backup_strategy": body.get("backup_strategy"),
        "configuration_id": body.get("configuration_id"), "disk_encryption_id": body.get("disk_encryption_id"),
        "time_zone": body.get("time_zone"), "collation": body.get("collation"),
        "lower_case_table_names": (body.get("unchangeable_param") or {}).get("lower_case_table_names"),
        "charge_mode": (body.get("charge_info") or {}).get("charge_mode"),
    })


def replica_options(body: Mapping[str, Any], _sample: Sample) -> Dict[str, Any]:
    """rds_replica options (the source by id)."""
    volume = body.get("volume") or {}
    return _drop_unset({
        "name": body.get("name"), "source_id": body.get("replica_of_id"), "flavor": body.get("flavor_ref"),
        "volume_type": volume.get("type"), "volume_size": volume.get("size"), "region": body.get("region"),
        "availability_zone": _zones(body.get("availability_zone")), "disk_encryption_id": body.get("disk_encryption_id"),
        "charge_mode": (body.get("charge_info") or {}).get("charge_mode"),
    })


def gauss_options(body: Mapping[str, Any], sample: Sample) -> Dict[str, Any]:
    """gauss_restore options: the restore point by source id and backup id or restore time."""
    point, volume = body.get("restore_point") or {}, body.get("volume") or {}
    timestamp = point.get("type") == "timestamp"
    return _drop_unset({
        "name": body.get("name"), "source_id": point.get("instance_id"),
        "backup_id": None if timestamp else point.get("backup_id"), "restore_time": point.get("restore_time") if timestamp else None,
        "flavor": body.get("flavor_ref"), "volume_type": volume.get("type"), "volume_size": volume.get("size"),
        "sharding_num": sample.shards, "availability_zone": _zones(body.get("availability_zone")),
        "vpc_id": body.get("vpc_id"), "subnet_id": body.get("subnet_id"), "security_group_id": body.get("security_group_id"),
        "password": body.get("password"), "port": body.get("port"), "time_zone": body.get("time_zone"),
        "enable_force_switch": body.get("enable_force_switch"), "configuration_id": body.get("configuration_id"),
        "backup_strategy": body.get("backup_strategy"), "charge_mode": (body.get("charge_info") or {}).get("charge_mode"),
    })


def dds_options(body: Mapping[str, Any], _sample: Sample) -> Dict[str, Any]:
    """dds_instance options; ssl_option "1"/"0" is the boolean option."""
    flavor = body.get("flavor")
    if isinstance(flavor, list):
        flavor = [{key: entry.get(key) for key in ("type", "num", "storage", "size", "spec_code") if key in entry} for entry in flavor]
    return _drop_unset({
        "name": body.get("name"), "mode": body.get("mode"), "datastore": body.get("datastore"), "region": body.get("region"),
        "availability_zone": _zones(body.get("availability_zone")), "vpc_id": body.get("vpc_id"), "subnet_id": body.get("subnet_id"),
        "security_group_id": body.get("security_group_id"), "password": body.get("password"), "port": body.get("port"),
        "disk_encryption_id": body.get("disk_encryption_id"), "flavor": flavor, "backup_strategy": body.get("backup_strategy"),
        "ssl_option": {"1": True, "0": False}.get(body.get("ssl_option"), body.get("ssl_option")),
        "enterprise_project_id": body.get("enterprise_project_id"),
    })


PLUGIN: Dict[str, Tuple[Callable[[Mapping[str, Any], Sample], Dict[str, Any]], Mapping[str, Any], Callable[[Mapping[str, Any]], None]]] = {
    # kind: (body -> options, the module's argument spec, the validate function the module runs)
    "rds": (rds_options, rds_instance.ARGUMENT_SPEC, rds_v1.validate_any_instance),
    "rds_replica": (replica_options, rds_replica_module.ARGUMENT_SPEC, rds_replica.validate_replica),
    "gauss": (gauss_options, gauss_restore.ARGUMENT_SPEC, gauss.validate_restore),
    "dds": (dds_options, dds_instance.ARGUMENT_SPEC, dds.validate_instance),
}


def plugin_verdict(sample: Sample) -> Tuple[bool, str]:
    """True when the module would send the request; otherwise False and the module's message."""
    to_options, spec, validate = PLUGIN[sample.kind]
    result = ArgumentSpecValidator(dict(spec, **CONNECTION_SPEC)).validate(to_options(sample.body, sample))
    if result.error_messages:
        return False, "; ".join(result.error_messages)
    try:
        validate(result.validated_parameters)
    except ValidationError as error:
        return False, str(error)
    return True, "accepted"


# -- (b) the emulator: POST the body to the create endpoint ---------------------------------------------------------
class Emulator:
    """One emulator for all rows, with the source instances the replica and restore examples name."""

    def __init__(self) -> None:
        app = create_app(config={"ready_delay": 0, "dds_unique_names": False})
        app.testing = True
        self.client = app.test_client()
        auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "emulator-user", "password": "Emulator-Passw0rd!", "domain": {"name": "emulator-domain"}}}},
            "scope": {"project": {"name": "eu-de"}}}}
        self.headers = {"X-Auth-Token": self.client.post("/iam/v3/auth/tokens", json=auth).headers["X-Subject-Token"]}
        self.rds_source = self._seed({"service": "rds", "instances": [{"name": "rds-source"}]})["instances"][0]["id"]
        # GaussDB sources by shard count: id, backup id; a restorable range around the PITR example's time.
        self.gauss_sources: Dict[int, Tuple[str, str]] = {}
        for shards in sorted({sample.shards for sample in samples.ROWS if sample.kind == "gauss"}):
            source_id = samples.GAUSS_SOURCE_ID if shards == 1 else "%s%02d%s" % (samples.GAUSS_SOURCE_ID[:30], shards, "in14")
            backup_id = samples.GAUSS_BACKUP_ID if shards == 1 else "%s%02d%s" % (samples.GAUSS_BACKUP_ID[:30], shards, "br14")
            self._seed({"service": "gaussdb", "backups": [{"instance_id": source_id, "id": backup_id, "status": "COMPLETED"}],
                        "restore_time": [{"instance_id": source_id, "start_time": samples.GAUSS_RESTORE_TIME - 3600000,
                                          "end_time": samples.GAUSS_RESTORE_TIME + 3600000}],
                        "instances": [{"name": "gauss-source-%d" % shards, "id": source_id, "auto_backups": False, "sharding_num": shards,
                                       "volume": {"type": "ULTRAHIGH", "size": 40 * shards}}]})
            self.gauss_sources[shards] = (source_id, backup_id)

    def _seed(self, body: Dict[str, Any]) -> Any:
        answer = self.client.post("/_admin/seed", json=body)
        assert answer.status_code == 201, answer.json
        return answer.json

    def request_body(self, sample: Sample) -> Dict[str, Any]:
        """The row's body with the documents' example ids pointing at the seeded sources."""
        body = sample.body
        if sample.kind == "rds_replica" and body.get("replica_of_id") == samples.RDS_SOURCE_ID:
            body["replica_of_id"] = self.rds_source
        point = body.get("restore_point")
        if sample.kind == "gauss" and isinstance(point, dict):
            source_id, backup_id = self.gauss_sources[sample.shards]
            if point.get("instance_id") == samples.GAUSS_SOURCE_ID:
                point["instance_id"] = source_id
            if point.get("backup_id") == samples.GAUSS_BACKUP_ID:
                point["backup_id"] = backup_id
        return body

    def verdict(self, sample: Sample) -> Tuple[bool, str]:
        """True when the create call is accepted (202); False for a 400 parameter error."""
        answer = self.client.post(ENDPOINTS[sample.kind], json=self.request_body(sample), headers=self.headers)
        if answer.status_code == 202:
            return True, "accepted"
        payload = answer.json or {}
        code, message = payload.get("error_code"), payload.get("error_msg")
        assert answer.status_code == 400 and str(code).startswith("DBS."), (
            "the emulator answered %s %s: not a verdict on the body (a test set-up problem)" % (answer.status_code, payload))
        return False, "%s %s" % (code, message)


@pytest.fixture(name="emulator", scope="module")
def fixture_emulator() -> Emulator:
    return Emulator()


# -- the rows -------------------------------------------------------------------------------------------------------
def test_the_table_covers_every_base_body():
    assert {sample.base for sample in samples.ROWS} == set(samples.BASES)
    ids = [sample.id for sample in samples.ROWS]
    assert len(ids) == len(set(ids)), "duplicate rows"
    for kind in ("rds", "rds_replica", "gauss", "dds"):
        rows = [sample for sample in samples.ROWS if sample.kind == kind]
        assert any(sample.valid for sample in rows) and any(not sample.valid for sample in rows), kind


@pytest.mark.parametrize("sample", samples.ROWS, ids=[sample.id for sample in samples.ROWS])
def test_both_sides_give_the_documented_verdict(sample: Sample, emulator: Emulator) -> None:
    expected = "valid" if sample.valid else "invalid"
    wrong = []
    for side, (accepted, detail) in (("collection", plugin_verdict(sample)), ("emulator", emulator.verdict(sample))):
        if accepted != sample.valid:
            wrong.append("%s says %s (%s)" % (side, "valid" if accepted else "invalid", detail))
    assert not wrong, "%s: the document says %s (%s); %s" % (sample.id, expected, sample.rule, "; ".join(wrong))
