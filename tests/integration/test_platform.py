# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The platform inferred from the region, cloud: otc deprecated, the openstack.cloud aliases, and no wait options
on the read-only modules, through ansible-playbook."""

from __future__ import annotations

from tests.integration.harness import PROJECT_ID
from tests.integration.test_rds_v1 import HA, task

NO_PLATFORM = {"platform": None}  # the group's platform unset: inferred from the region (eu-de: Open Telekom Cloud)


def prefixes(cloud) -> set:
    return {entry["path"].split(PROJECT_ID)[0] for entry in cloud.requests()}


def test_eu_de_alone_means_open_telekom_cloud(ansible, cloud):
    """The RDS v1 prefix follows the platform: /rds/v1 on Open Telekom Cloud (the emulator serves it under /rds)."""
    run = ansible.run([task(HA)], defaults=NO_PLATFORM)
    assert run.rc == 0, run.stdout
    assert prefixes(cloud) == {"/rds/rds/v1/"}
    assert not run.task("rds")["result"].get("deprecations")


def test_platform_wins_over_the_region(ansible, cloud):
    run = ansible.run([task(dict(HA, platform="huaweicloud"))], defaults=NO_PLATFORM)
    assert run.rc == 0, run.stdout
    assert prefixes(cloud) == {"/rds/v1/"}


def test_a_platform_given_as_cloud_still_sets_it_with_a_deprecation(ansible, cloud):
    """cloud: huaweicloud (no clouds.yaml names a cloud so) overrides what eu-de implies, and warns."""
    run = ansible.run([task(dict(HA, cloud="huaweicloud"))], defaults=NO_PLATFORM)
    assert run.rc == 0, run.stdout
    assert prefixes(cloud) == {"/rds/v1/"}
    deprecations = run.task("rds")["result"]["deprecations"]
    assert [(item["msg"], item.get("version"), item.get("collection_name")) for item in deprecations] == [
        ("cloud=huaweicloud names the platform; set platform=huaweicloud instead. cloud names a cloud of clouds.yaml",
         "2.0.0", "hwcloud.dbaas")]
    assert "DEPRECATION WARNING" in run.stdout


def test_the_aliases_of_openstack_cloud(ansible, cloud):
    args = dict(HA, region_name="eu-de", timeout=120, verify=True)
    run = ansible.run([task(args)], defaults={"region": None})
    assert run.rc == 0, run.stdout
    assert run.task("rds")["result"]["changed"] is True


def test_read_only_modules_take_no_wait_options(ansible, cloud):
    tasks = [
        {"name": "wait", "hwcloud.dbaas.rds_instance_info": {"wait_timeout": 30}, "ignore_errors": True},
        {"name": "plain", "hwcloud.dbaas.rds_instance_info": {}},
    ]
    run = ansible.run(tasks)
    assert "Unsupported parameters" in run.task("wait")["result"]["msg"]
    assert run.task("plain")["result"]["instances"] == []
    assert [entry["method"] for entry in cloud.requests()] == ["GET"]
