# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The official Huawei Cloud SDK clients, unchanged, against the emulator's service ports (AK/SK signing).

Request bodies are built from the SDK's request models; every answer must parse into the SDK's response model
with no key the model lacks and no required field missing (tests/contract/models.py, via ``sdk.call``).
"""

from __future__ import annotations

import datetime
import importlib
import uuid

import pytest

from tests.contract.models import DDS, GAUSSDB, RDS

pytest.importorskip("huaweicloudsdkcore", reason="the Huawei Cloud SDK is installed by requirements-dev.txt")

REGION = "eu-de"
NETWORK = {"vpc_id": "3305eb40-6f3c-4a2e-8d8b-ccdd7c5e7e11", "subnet_id": "a5fbb2e1-1c44-4c6f-9bd5-20d2c6b0a6e1",
           "security_group_id": "7aa51dbf-5b63-40db-9724-dad3c4828b58"}
PASSWORD = "Contract-2026x"


def test_rds_v3(sdk, rds_client):
    from huaweicloudsdkrds.v3 import (  # pylint: disable=import-outside-toplevel
        BackupStrategy, ChargeInfo, CreateInstanceRequest, Datastore, DeleteInstanceRequest, Ha, InstanceRequest,
        ListInstancesRequest, ListJobInfoRequest, Volume)

    empty, raw = sdk.call("RDS v3 ListInstances", rds_client.list_instances, ListInstancesRequest(limit=100), RDS)
    assert raw == {"instances": [], "total_count": 0} and empty.total_count == 0

    # RDS v3 CreateInstance, MySQL primary/standby, with the documented idempotency header.
    primary_body = InstanceRequest(
        name="contract-rds-ha", datastore=Datastore(type="MySQL", version="8.0"),
        ha=Ha(mode="Ha", replication_mode="semisync"), port="3306", password=PASSWORD,
        backup_strategy=BackupStrategy(start_time="08:15-09:15", keep_days=7), flavor_ref="rds.mysql.n1.large.2.ha",
        volume=Volume(type="ULTRAHIGH", size=40), region=REGION, availability_zone="eu-de-01,eu-de-02",
        charge_info=ChargeInfo(charge_mode="postPaid"), time_zone="UTC+01:00", **NETWORK)
    created, _raw = sdk.call("RDS v3 CreateInstance", rds_client.create_instance,
                             CreateInstanceRequest(x_client_token=str(uuid.uuid4()), body=primary_body), RDS)
    primary_id = created.instance.id
    assert primary_id and created.job_id and created.instance.status == "BUILD"

    # RDS v3 CreateInstance, read replica: the same operation and model, with replica_of_id.
    replica_body = InstanceRequest(
        name="contract-rds-replica", replica_of_id=primary_id, flavor_ref="rds.mysql.n1.large.2.rr",
        volume=Volume(type="ULTRAHIGH", size=40), region=REGION, availability_zone="eu-de-01",
        charge_info=ChargeInfo(charge_mode="postPaid"))
    replica, _raw = sdk.call("RDS v3 CreateInstance", rds_client.create_instance,
                             CreateInstanceRequest(body=replica_body), RDS, label="read replica")
    assert replica.instance.id and replica.instance.id != primary_id

    listed, _raw = sdk.call("RDS v3 ListInstances", rds_client.list_instances, ListInstancesRequest(offset=0, limit=100), RDS)
    assert listed.total_count == 2
    by_id = {item.id: item for item in listed.instances}
    assert by_id[primary_id].type == "Ha" and by_id[replica.instance.id].type == "Replica"
    assert [related.id for related in by_id[replica.instance.id].related_instance] == [primary_id]

    job, _raw = sdk.call("RDS v3 ListJobInfo", rds_client.list_job_info, ListJobInfoRequest(id=created.job_id), RDS)
    assert job.job.id == created.job_id and job.job.instance.id == primary_id

    for instance_id in (replica.instance.id, primary_id):
        deleted, _raw = sdk.call("RDS v3 DeleteInstance", rds_client.delete_instance,
                                 DeleteInstanceRequest(instance_id=instance_id), RDS)
        assert deleted.job_id
    gone, _raw = sdk.call("RDS v3 ListInstances", rds_client.list_instances, ListInstancesRequest(id=primary_id), RDS)
    assert gone.instances == [] or all(item.status != "ACTIVE" for item in gone.instances)


def test_rds_v3_parameter_templates(sdk, cloud, rds_client):
    """The reads and the write rds_instance makes for configuration_id, through the SDK, with a template seeded in the
    emulator configuration (`configurations`)."""
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException  # pylint: disable=import-outside-toplevel
    from huaweicloudsdkrds.v3 import (  # pylint: disable=import-outside-toplevel
        ApplyConfigurationRequest, EnableConfigurationRequest, InstanceRestartRequsetBody, RestartConfiguration,
        ShowConfigurationRequest, ShowInstanceConfigurationRequest, StartInstanceRestartActionRequest)

    cloud.config(configurations={"cfg-contract": {
        "name": "contract-params", "datastore_name": "mysql", "datastore_version_name": "8.0",
        "parameters": {"max_connections": {"value": "1200", "restart_required": False},
                       "performance_schema": {"value": "ON", "restart_required": True}}}})
    try:
        seeded = cloud.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "contract-params"}]})
        instance_id = seeded["instances"][0]["id"]
        template, _raw = sdk.call("RDS v3 ShowConfiguration", rds_client.show_configuration,
                                  ShowConfigurationRequest(config_id="cfg-contract"), RDS)
        assert template.datastore_name == "mysql" and {item.name: item.value for item in template.configuration_parameters} == {
            "max_connections": "1200", "performance_schema": "ON"}
        before, _raw = sdk.call("RDS v3 ShowInstanceConfiguration", rds_client.show_instance_configuration,
                                ShowInstanceConfigurationRequest(instance_id=instance_id), RDS)
        assert {item.name: item.value for item in before.configuration_parameters}["max_connections"] == "800"
        applied, _raw = sdk.call("RDS v3 EnableConfiguration", rds_client.enable_configuration, EnableConfigurationRequest(
            config_id="cfg-contract", body=ApplyConfigurationRequest(instance_ids=[instance_id])), RDS)
        assert applied.success and [(item.instance_id, item.restart_required) for item in applied.apply_results] == [(instance_id, True)]
        after, _raw = sdk.call("RDS v3 ShowInstanceConfiguration", rds_client.show_instance_configuration,
                               ShowInstanceConfigurationRequest(instance_id=instance_id), RDS, label="after the apply")
        assert {item.name: item.value for item in after.configuration_parameters}["performance_schema"] == "ON"
        restarted, _raw = sdk.call("RDS v3 StartInstanceRestartAction", rds_client.start_instance_restart_action,
                                   StartInstanceRestartActionRequest(instance_id=instance_id, body=InstanceRestartRequsetBody(
                                       restart=RestartConfiguration())), RDS)
        assert restarted.job_id
        with pytest.raises(ClientRequestException) as caught:
            rds_client.show_configuration(ShowConfigurationRequest(config_id="cfg-missing"))
        assert caught.value.status_code == 404 and caught.value.error_code == "DBS.212001"
    finally:
        cloud.config(configurations={})


def test_dds(sdk, dds_client):
    from huaweicloudsdkdds.v3 import (  # pylint: disable=import-outside-toplevel
        BackupStrategy, CreateInstanceFlavorOption, CreateInstanceRequest, CreateInstanceRequestBody, Datastore,
        DeleteInstanceRequest, ListInstancesRequest, ShowJobDetailRequest)

    empty, _raw = sdk.call("DDS ListInstances", dds_client.list_instances, ListInstancesRequest(limit=100), DDS)
    assert empty.total_count == 0

    body = CreateInstanceRequestBody(
        name="contract-dds", datastore=Datastore(type="DDS-Community", version="4.0", storage_engine="wiredTiger"),
        region=REGION, availability_zone="eu-de-01", port="8635", password=PASSWORD, mode="Sharding",
        flavor=[
            CreateInstanceFlavorOption(type="mongos", num="2", spec_code="dds.mongodb.s6.large.2.mongos"),
            CreateInstanceFlavorOption(type="shard", num="2", storage="ULTRAHIGH", size="20", spec_code="dds.mongodb.s6.large.2.shard"),
            CreateInstanceFlavorOption(type="config", num="1", storage="ULTRAHIGH", size="20", spec_code="dds.mongodb.s6.large.2.config"),
        ],
        backup_strategy=BackupStrategy(start_time="08:15-09:15", keep_days="8"), ssl_option="1", **NETWORK)
    created, _raw = sdk.call("DDS CreateInstance", dds_client.create_instance, CreateInstanceRequest(body=body), DDS)
    assert created.id and created.job_id and created.mode == "Sharding"

    listed, _raw = sdk.call("DDS ListInstances", dds_client.list_instances, ListInstancesRequest(name="contract-dds"), DDS)
    assert [item.id for item in listed.instances] == [created.id]

    job, _raw = sdk.call("DDS ShowJobDetail", dds_client.show_job_detail, ShowJobDetailRequest(id=created.job_id), DDS)
    assert job.job.id == created.job_id

    deleted, _raw = sdk.call("DDS DeleteInstance", dds_client.delete_instance, DeleteInstanceRequest(instance_id=created.id), DDS)
    assert deleted.job_id


def test_gaussdb(sdk, gauss_client):
    from huaweicloudsdkgaussdbforopengauss.v3 import (  # pylint: disable=import-outside-toplevel
        CreateInstanceRequest, CreateRestoreInstanceRequest, DeleteInstanceRequest, ListBackupsRequest,
        ListInstancesRequest, ListRestoreTimesRequest, OpenGaussBackupStrategy, OpenGaussChargeInfo, OpenGaussDatastore,
        OpenGaussHa, OpenGaussInstanceRequest, OpengaussRestoreInstanceRequest, OpenGaussVolume, RestorePoint,
        ShowJobDetailRequest)

    empty, _raw = sdk.call("GaussDB ListInstances", gauss_client.list_instances, ListInstancesRequest(limit=100), GAUSSDB)
    assert empty.total_count == 0

    body = OpenGaussInstanceRequest(
        name="contract-gauss", datastore=OpenGaussDatastore(type="GaussDB", version="2.7"),
        ha=OpenGaussHa(mode="enterprise", replication_mode="sync", consistency="strong"), port="8635", password=PASSWORD,
        backup_strategy=OpenGaussBackupStrategy(start_time="01:00-02:00", keep_days=7),
        flavor_ref="gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", volume=OpenGaussVolume(type="ULTRAHIGH", size=120),
        region=REGION, availability_zone="eu-de-01,eu-de-02,eu-de-03", charge_info=OpenGaussChargeInfo(charge_mode="postPaid"),
        time_zone="UTC+01:00", sharding_num=3, coordinator_num=3, **NETWORK)
    created, _raw = sdk.call("GaussDB CreateInstance", gauss_client.create_instance, CreateInstanceRequest(body=body), GAUSSDB)
    source_id = created.instance.id
    assert source_id and created.job_id

    listed, _raw = sdk.call("GaussDB ListInstances", gauss_client.list_instances, ListInstancesRequest(id=source_id), GAUSSDB)
    assert [item.id for item in listed.instances] == [source_id] and listed.instances[0].status == "ACTIVE"

    job, _raw = sdk.call("GaussDB ShowJobDetail", gauss_client.show_job_detail, ShowJobDetailRequest(id=created.job_id), GAUSSDB)
    assert job.job.id == created.job_id and job.job.status == "Completed"

    backups, _raw = sdk.call("GaussDB ListBackups", gauss_client.list_backups, ListBackupsRequest(instance_id=source_id), GAUSSDB)
    completed = [backup for backup in backups.backups if backup.status == "COMPLETED"]
    assert completed, backups

    # GaussDB ListRestoreTimes with a UTC day (``date``), as the current API reference requires: the day the source
    # was created on, which always holds the start of its restorable range (whatever the time of day now).
    created = datetime.datetime.strptime(listed.instances[0].created, "%Y-%m-%dT%H:%M:%S%z")
    day = created.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d")
    ranges, _raw = sdk.call("GaussDB ListRestoreTimes", gauss_client.list_restore_times,
                            ListRestoreTimesRequest(instance_id=source_id, date=day), GAUSSDB)
    assert ranges.restore_time and all(item.start_time <= item.end_time for item in ranges.restore_time)

    # GaussDB CreateRestoreInstance from a backup: the SDK's RestorePoint has instance_id and backup_id only.
    restore_body = OpengaussRestoreInstanceRequest(
        name="contract-gauss-restored", availability_zone="eu-de-01,eu-de-02,eu-de-03",
        flavor_ref="gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", volume=OpenGaussVolume(type="ULTRAHIGH", size=120),
        password=PASSWORD, charge_info=OpenGaussChargeInfo(charge_mode="postPaid"),
        restore_point=RestorePoint(instance_id=source_id, backup_id=completed[0].id), port="8635", **NETWORK)
    restored, _raw = sdk.call("GaussDB CreateRestoreInstance", gauss_client.create_restore_instance,
                              CreateRestoreInstanceRequest(body=restore_body), GAUSSDB)
    assert restored.instance.id and restored.instance.id != source_id

    for instance_id in (restored.instance.id, source_id):
        deleted, _raw = sdk.call("GaussDB DeleteInstance", gauss_client.delete_instance,
                                 DeleteInstanceRequest(instance_id=instance_id), GAUSSDB)
        assert deleted.job_id


@pytest.mark.parametrize("service", ["rds", "dds", "gaussdb"])
def test_error_answers_are_read_by_the_sdk(service, cloud, rds_client, dds_client, gauss_client):
    """A v3 error answer ({"error_code", "error_msg"} and X-Request-Id) becomes the SDK's ClientRequestException."""
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException  # pylint: disable=import-outside-toplevel

    client, package = {"rds": (rds_client, "huaweicloudsdkrds.v3"), "dds": (dds_client, "huaweicloudsdkdds.v3"),
                       "gaussdb": (gauss_client, "huaweicloudsdkgaussdbforopengauss.v3")}[service]
    request_class = getattr(importlib.import_module(package), "DeleteInstanceRequest")
    with pytest.raises(ClientRequestException) as caught:
        client.delete_instance(request_class(instance_id="0" * 32 + "in01"))
    [entry] = cloud.requests(service)
    assert caught.value.status_code == 404 and caught.value.error_code == "DBS.200002" and caught.value.error_msg
    assert caught.value.request_id == entry["request_id"]
