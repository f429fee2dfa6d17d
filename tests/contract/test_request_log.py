# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the request-body check of the integration suite relies on: the request log has every service request with
its parsed body, and nothing the tests send to the admin API."""

from __future__ import annotations

import pytest

from tests.contract.models import BodyTally, check_logged_request
from tests.integration.harness import PROJECT_ID

pytest.importorskip("huaweicloudsdkcore", reason="the Huawei Cloud SDK is installed by requirements-dev.txt")


def test_admin_seeding_is_not_logged(cloud):
    cloud.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "seeded-rds"}]})
    cloud.admin("POST", "seed", json={"service": "dds", "instances": [{"name": "seeded-dds"}]})
    cloud.admin("POST", "faults", json={"faults": [{"kind": "slow", "seconds": 0, "count": 1}]})
    cloud.admin("DELETE", "faults")
    assert cloud.requests() == []


def test_a_service_port_request_is_logged_with_its_body(cloud, rds_client):
    from huaweicloudsdkrds.v3 import (  # pylint: disable=import-outside-toplevel
        CreateInstanceRequest, Datastore, InstanceRequest, Volume)

    body = InstanceRequest(name="logged-body", datastore=Datastore(type="PostgreSQL", version="14"), password="Logged-2026x",
                           flavor_ref="rds.pg.n1.large.2", volume=Volume(type="CLOUDSSD", size=40), region="eu-de",
                           availability_zone="eu-de-01", vpc_id="v", subnet_id="s", security_group_id="g")
    rds_client.create_instance(CreateInstanceRequest(body=body))
    [entry] = cloud.requests("rds")
    assert entry["method"] == "POST" and entry["path"] == "/v3/%s/instances" % PROJECT_ID
    assert sorted(entry["body"]) == sorted(key for key, value in body.to_dict().items() if value is not None)
    assert entry["body"]["datastore"] == {"type": "PostgreSQL", "version": "14"}
    tally = BodyTally()
    assert check_logged_request(entry, tally) == []
    assert tally.checked == 1 and tally.operations == {"RDS v3 CreateInstance": 1}
