# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every flow result says which service (and RDS API) holds the instance, so instance_wait can read registered results."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.dbaas.plugins.module_utils.resource import CreateAnswer, Flow, ServiceAdapter
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.batch_wait import parse_targets
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.dds import DdsInstances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.gauss import GaussRestore
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds import RdsInstances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds_replica import RdsReplicas, RdsV1Replicas
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds_v1 import RdsV1Instances
from ansible_collections.hwcloud.dbaas.plugins.module_utils.waiter import Waiter


@pytest.mark.parametrize("adapter_class, params, expected", [
    (RdsInstances, {}, {"service": "rds"}),
    (RdsReplicas, {}, {"service": "rds"}),
    (GaussRestore, {}, {"service": "gaussdb"}),
    (DdsInstances, {}, {"service": "dds"}),
    (RdsV1Instances, {}, {"service": "rds", "api_version": "v1"}),
    (RdsV1Replicas, {"v1_path_prefix": "/rds/v1"}, {"service": "rds", "api_version": "v1"}),
])
def test_each_adapter_names_its_service(adapter_class, params, expected):
    assert adapter_class(None, dict({"cloud": "huaweicloud"}, **params)).service_keys() == expected


def test_an_adapter_without_a_service_adds_nothing():
    assert ServiceAdapter(None, {}).service_keys() == {}


class Building(ServiceAdapter):
    """A service whose create is accepted and whose instance is still building."""

    service = "dds"
    ready_statuses = ("normal",)

    def __init__(self, params, existing=None):
        super().__init__(None, params)
        self.existing = existing
        self.polled = 0

    def find_by_name(self, name):
        return [self.existing] if self.existing else []

    def get(self, instance_id):
        self.polled += 1
        return {"id": instance_id, "name": "doc-1", "status": "creating"}

    def create(self, client_token):
        return CreateAnswer("i-9", "job-9", {"id": "i-9", "name": "doc-1", "status": "creating"})

    def desired(self):
        return {}


PARAMS = {"name": "doc-1", "state": "present", "wait": False, "drift": "fail"}


def flow(adapter, params):
    return Flow(adapter, params, False, Waiter(10.0, 1, clock=lambda: 0.0, sleep=lambda seconds: None))


def test_a_create_without_waiting_returns_service_id_name_and_job_and_instance_wait_reads_it():
    adapter = Building(PARAMS)
    result = flow(adapter, PARAMS).run()
    assert result["changed"] is True
    assert (result["service"], result["job_id"], result["instance"]["id"], result["instance"]["name"]) == ("dds", "job-9", "i-9", "doc-1")
    assert adapter.polled == 0
    targets = parse_targets({"instances": {"results": [result]}, "state": "present"})
    assert [(target.service, target.id, target.name, target.job_id) for target in targets] == [("dds", "i-9", "doc-1", "job-9")]


def test_an_existing_building_instance_with_wait_false_is_not_waited_for():
    adapter = Building(PARAMS, existing={"id": "i-9", "name": "doc-1", "status": "creating"})
    result = flow(adapter, PARAMS).run()
    assert result["changed"] is False
    assert result["instance"]["status"] == "creating" and result["service"] == "dds"
    assert adapter.polled == 0
