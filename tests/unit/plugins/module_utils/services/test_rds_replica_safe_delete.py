# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_replica state=absent deletes read replicas only: a primary that carries the name is never deleted."""

from __future__ import annotations

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import rds_replica

from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import AUTH, V1, V3, calls, run

ABSENT = dict(AUTH, name="orders-db", state="absent", wait=False, api_version="v3")


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("kind", ["Single", "Ha"])
def test_v3_primary_with_the_name_is_not_deleted(mocked, kind, check_mode):
    mocked.add(responses.GET, V3, json={"instances": [{"id": "p-1in01", "name": "orders-db", "type": kind, "status": "ACTIVE"}],
                                        "total_count": 1})
    with pytest.raises(DbaasError) as caught:
        run(rds_replica.replica_adapter, dict(ABSENT), check_mode=check_mode)
    message = str(caught.value)
    assert message.startswith("name:") and "p-1in01" in message and "type %s" % kind in message and "nothing was deleted" in message
    assert calls(mocked, "DELETE") == []


def test_v3_replica_with_the_name_is_deleted(mocked):
    mocked.add(responses.GET, V3, json={"instances": [{"id": "r-1in03", "name": "orders-db", "type": "Replica", "status": "ACTIVE",
                                                       "related_instance": [{"id": "p-1in01", "type": "replica_of"}]}], "total_count": 1})
    mocked.add(responses.DELETE, V3 + "/r-1in03", json={"job_id": "job-del"}, status=202)
    result, _flow = run(rds_replica.replica_adapter, dict(ABSENT))
    assert result["changed"] is True and [call.request.url for call in calls(mocked, "DELETE")] == [V3 + "/r-1in03"]


def test_v1_master_with_the_name_is_not_deleted(mocked):
    mocked.add(responses.GET, V1, json={"instances": [{"id": "252f11f1-2912-4c06-be55-1999bde659c5", "name": "orders-db", "type": "master",
                                                       "status": "ACTIVE"}]})
    with pytest.raises(DbaasError) as caught:
        run(rds_replica.replica_adapter, dict(ABSENT, api_version="v1"))
    assert "is not a read replica" in str(caught.value)
    assert calls(mocked, "DELETE") == []
