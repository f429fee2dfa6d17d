# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rds_instance configuration_id on an existing instance: RDS v3 ShowConfiguration and ShowInstanceConfiguration compared,
EnableConfiguration only when a value differs, StartInstanceRestartAction only with restart=true."""

from __future__ import annotations

import json

import pytest
import responses

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError, ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services import rds, rds_v1

from ansible_collections.hwcloud.dbaas.tests.unit.utils.rds_helpers import PID, RDS, V3, run
from .test_rds_updates import INSTANCE_ID, PARAMS, RECORD, FakeRds

CONFIG_ID = "7b4e07852bd54016906e8ee1e7ac5d58pr01"
TEMPLATE = RDS + "/v3/%s/configurations/%s" % (PID, CONFIG_ID)
INSTANCE_PARAMETERS = V3 + "/" + INSTANCE_ID + "/configurations"


def parameter(name, value, restart_required=False):
    return {"name": name, "value": value, "restart_required": restart_required, "readonly": False, "value_range": "", "type": "integer",
            "description": ""}


class FakeTemplates:
    """A template and the instance's parameters; EnableConfiguration copies the values, a restart is counted."""

    def __init__(self, rsps, cloud, template, instance, datastore="mysql", success=True):
        self.template = template
        self.instance = dict(instance)
        self.datastore = datastore
        self.success = success
        self.applied = []
        self.cloud = cloud
        rsps.add_callback(responses.GET, TEMPLATE, callback=self.show_template)
        rsps.add_callback(responses.GET, INSTANCE_PARAMETERS, callback=lambda request: FakeRds.ok(
            {"datastore_name": "mysql", "datastore_version_name": "8.0",
             "configuration_parameters": [parameter(name, value) for name, value in sorted(self.instance.items())]}))
        rsps.add_callback(responses.PUT, TEMPLATE + "/apply", callback=self.apply)

    def show_template(self, _request):
        return FakeRds.ok({"id": CONFIG_ID, "name": "orders-tuned", "datastore_name": self.datastore, "datastore_version_name": "8.0",
                           "configuration_parameters": [parameter(name, value, restart) for name, (value, restart) in self.template.items()]})

    def apply(self, request):
        body = json.loads(request.body)
        self.applied.append(body)
        restart = False
        for name, (value, needs_restart) in self.template.items():
            if self.instance.get(name) != value:
                restart = restart or needs_restart
                self.instance[name] = value
        return FakeRds.ok({"configuration_id": CONFIG_ID, "configuration_name": "orders-tuned", "success": self.success,
                           "apply_results": [{"instance_id": INSTANCE_ID, "instance_name": "orders-db", "restart_required": restart,
                                              "success": self.success}]})


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def converge(mocked, template, instance, check_mode=False, **options):
    cloud = FakeRds(mocked, RECORD)
    templates = FakeTemplates(mocked, cloud, template, instance, **{key: options.pop(key) for key in ("datastore", "success") if key in options})
    result, flow = run(rds_v1.instance_adapter, dict(PARAMS, configuration_id=CONFIG_ID, **options), check_mode=check_mode)
    return cloud, templates, result, flow


def requests_made(mocked):
    return [(call.request.method, call.request.url.split("?")[0]) for call in mocked.calls]


def test_matching_parameters_apply_nothing_and_cost_the_two_reads(mocked):
    cloud, templates, result, _flow = converge(mocked, {"max_connections": ("1000", False)}, {"max_connections": "1000", "wait_timeout": "60"})
    assert result["changed"] is False and result["actions"] == [] and result["restart_required"] is False
    assert templates.applied == [] and cloud.writes == []
    assert requests_made(mocked) == [("GET", V3), ("GET", TEMPLATE), ("GET", INSTANCE_PARAMETERS)]


def test_a_differing_value_applies_the_template_once(mocked):
    cloud, templates, result, flow = converge(mocked, {"max_connections": ("1000", False), "wait_timeout": ("60", False)},
                                              {"max_connections": "800", "wait_timeout": "60"})
    assert result["changed"] is True
    assert result["actions"] == [{"action": "apply_configuration", "option": "configuration_id", "from": {"max_connections": "800"},
                                  "to": {"max_connections": "1000"}}]
    assert templates.applied == [{"instance_ids": [INSTANCE_ID]}]
    assert cloud.writes == []  # no restart
    assert result["restart_required"] is False and not flow.warnings
    assert result["diff"]["before"]["configuration_parameters"] == {"max_connections": "800"}
    assert result["diff"]["after"]["configuration_parameters"] == {"max_connections": "1000"}


def test_a_restart_is_needed_but_not_allowed_warns_and_reports_it(mocked):
    cloud, templates, result, flow = converge(mocked, {"innodb_buffer_pool_size": ("2147483648", True)}, {"innodb_buffer_pool_size": "1073741824"})
    assert [entry["action"] for entry in result["actions"]] == ["apply_configuration"]
    assert len(templates.applied) == 1 and cloud.writes == []
    assert result["restart_required"] is True
    assert any("restart=true" in warning and CONFIG_ID in warning for warning in flow.warnings)


def test_restart_true_restarts_after_the_apply(mocked):
    cloud, templates, result, flow = converge(mocked, {"innodb_buffer_pool_size": ("2147483648", True)}, {"innodb_buffer_pool_size": "1073741824"},
                                              restart=True)
    assert [entry["action"] for entry in result["actions"]] == ["apply_configuration", "restart"]
    assert len(templates.applied) == 1
    assert cloud.writes == [("POST", "action", {"restart": {}})]
    assert result["restart_required"] is False and not flow.warnings


def test_the_apply_answer_has_the_last_word_on_the_restart(mocked):
    """The template says no restart, the service says one is needed: reported, not made (it was not planned)."""
    cloud = FakeRds(mocked, RECORD)
    FakeTemplates(mocked, cloud, {"max_connections": ("1000", False)}, {"max_connections": "800"})
    mocked.replace(responses.PUT, TEMPLATE + "/apply", json={"configuration_id": CONFIG_ID, "success": True, "apply_results": [
        {"instance_id": INSTANCE_ID, "instance_name": "orders-db", "restart_required": True, "success": True}]})
    result, _flow = run(rds_v1.instance_adapter, dict(PARAMS, configuration_id=CONFIG_ID, restart=True))
    assert result["restart_required"] is True and cloud.writes == []


def test_check_mode_plans_the_apply_and_the_restart_without_writing(mocked):
    cloud, templates, result, _flow = converge(mocked, {"innodb_buffer_pool_size": ("2147483648", True)}, {"innodb_buffer_pool_size": "1"},
                                               check_mode=True, restart=True)
    assert result["changed"] is True
    assert [entry["action"] for entry in result["actions"]] == ["apply_configuration", "restart"]
    assert templates.applied == [] and cloud.writes == []


def test_a_failed_apply_fails_the_task(mocked):
    with pytest.raises(DbaasError, match="did not apply the parameter template " + CONFIG_ID):
        converge(mocked, {"max_connections": ("1000", False)}, {"max_connections": "800"}, success=False)


def test_a_template_of_another_engine_fails_before_any_write(mocked):
    with pytest.raises(DbaasError, match="configuration_id: the parameter template .* is for postgresql"):
        converge(mocked, {"max_connections": ("1000", False)}, {"max_connections": "800"}, datastore="postgresql")
    assert [call.request.method for call in mocked.calls] == ["GET", "GET", "GET"]


def test_tasks_without_configuration_id_read_no_parameters(mocked):
    FakeRds(mocked, RECORD)
    result, _flow = run(rds_v1.instance_adapter, dict(PARAMS))
    assert result["changed"] is False and "restart_required" not in result
    assert requests_made(mocked) == [("GET", V3)]


@pytest.mark.parametrize("value", ["../configurations", "a b", "x" * 129, "id\n"])
def test_a_malformed_template_id_is_refused_before_any_request(value):
    with pytest.raises(ValidationError, match="configuration_id"):
        rds.validate_instance(dict(PARAMS, configuration_id=value))
