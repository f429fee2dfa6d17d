# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role hwcloud.dbaas.database_tier end to end: ansible-playbook against the emulator."""

from __future__ import annotations

import copy

PASSWORD = "Tier@Passw0rd42"
NETWORK = {
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
}
PRIMARY = {"name": "orders-db", "engine": "mysql", "engine_version": "8.0", "flavor": "rds.mysql.s1.large",
           "volume_type": "ULTRAHIGH", "volume_size": 100, "availability_zone": ["eu-de-01"], "password": PASSWORD}
HA_PRIMARY = {"name": "billing-db", "engine": "postgresql", "engine_version": "14", "ha_mode": "ha", "replication_mode": "async",
              "flavor": "rds.pg.s1.large.ha", "volume_type": "ULTRAHIGH", "volume_size": 200,
              "availability_zone": ["eu-de-01", "eu-de-02"], "port": 5433, "password": PASSWORD}
REPLICA = {"name": "orders-db-ro1", "source_name": "orders-db", "flavor": "rds.mysql.s1.large.rr", "volume_type": "ULTRAHIGH",
           "availability_zone": ["eu-de-02"]}
RESTORE = {"name": "ledger-restored", "source_name": "ledger-gauss", "backup": "latest", "flavor": "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
           "volume_size": 160, "availability_zone": ["eu-de-01", "eu-de-02", "eu-de-03"], "password": PASSWORD}
DDS = {"name": "sessions-rs", "mode": "ReplicaSet", "datastore": {"version": "4.4"}, "availability_zone": ["eu-de-01"],
       "vpc_id": "674e9b42-cd8d-4d25-a2e6-5abcc565b961", "subnet_id": "f1df08c5-71d1-406a-aff0-de435a51007b",
       "security_group_id": "7aa51dbf-5b63-40db-9724-dad3c4828b58", "password": PASSWORD, "ssl_option": True,
       "flavor": [{"type": "replica", "num": 1, "storage": "ULTRAHIGH", "size": 100, "spec_code": "dds.mongodb.s6.large.4.repset"}]}
TIER = {
    "database_tier_poll_interval": 0.2,
    "database_tier_wait_timeout": 120,
    "database_tier_network": NETWORK,
    "database_tier_rds_instances": [PRIMARY, HA_PRIMARY],
    "database_tier_rds_replicas": [REPLICA],
    "database_tier_gauss_restores": [RESTORE],
    "database_tier_dds_instances": [DDS],
}
WAIT_TASKS = ("Wait for the RDS DB instances", "Wait for the read replicas and the restored instances", "Wait for the DDS instances")


def role(variables: dict) -> list:
    return [
        {"name": "tier", "ansible.builtin.include_role": {"name": "hwcloud.dbaas.database_tier"}, "vars": variables},
        {"name": "fact", "ansible.builtin.debug": {"var": "database_tier_instances"}},
    ]


def writes(cloud) -> list:
    return [entry for entry in cloud.requests() if entry["method"] != "GET"]


def names(cloud, service: str) -> list:
    return sorted(record["name"] for record in cloud.state(service))


def seed_gauss_source(cloud) -> None:
    cloud.admin("POST", "seed", json={"service": "gaussdb", "instances": [{"name": "ledger-gauss", "created_ago": 3600}]})


def first_index(log: list, method: str, service: str, path_part: str = "") -> int:
    return next(index for index, entry in enumerate(log) if entry["method"] == method and entry["service"] == service
                and path_part in entry["path"])


def test_parallel_tier_in_order_then_converged_with_reads_only(ansible, cloud):
    seed_gauss_source(cloud)
    cloud.clear_requests()
    first = ansible.run(role(TIER))
    assert first.rc == 0, first.stdout
    assert names(cloud, "rds") == ["billing-db", "orders-db", "orders-db-ro1"]
    assert names(cloud, "gaussdb") == ["ledger-gauss", "ledger-restored"]
    assert names(cloud, "dds") == ["sessions-rs"]
    for name in WAIT_TASKS:
        assert first.task(name)["outcome"] == "ok", name
    assert PASSWORD not in first.stdout

    # Primaries, then (once they are ready) the replica and the restore, then DDS.
    log = cloud.requests()
    posts = [(entry["service"], entry["path"]) for entry in log if entry["method"] == "POST"]
    assert [service for service, _path in posts] == ["rds", "rds", "rds", "gaussdb", "dds"], posts
    replica_post = [index for index, entry in enumerate(log) if entry["method"] == "POST" and entry["service"] == "rds"][2]
    assert replica_post > first_index(log, "POST", "rds")
    assert first_index(log, "POST", "dds") > first_index(log, "POST", "gaussdb") > replica_post

    tier = first.task("fact")["result"]["database_tier_instances"]
    assert sorted(item["name"] for item in tier["rds_instances"]) == ["billing-db", "orders-db"]
    assert [item["name"] for item in tier["rds_replicas"]] == ["orders-db-ro1"]
    assert [item["name"] for item in tier["gauss_restores"]] == ["ledger-restored"]
    assert [item["name"] for item in tier["dds_instances"]] == ["sessions-rs"]
    statuses = [item["status"] for group in tier.values() for item in group]
    assert set(statuses) == {"ACTIVE", "normal"}, statuses

    cloud.clear_requests()
    second = ansible.run(role(TIER))
    assert second.rc == 0, second.stdout
    assert "changed=0" in second.stdout
    for name in WAIT_TASKS:
        assert second.task(name)["outcome"] == "skipped", name
    log = cloud.requests()
    assert not writes(cloud)
    # One list per primary, two per replica (replica and source), one per restore, one per DDS instance.
    assert [(entry["method"], entry["service"]) for entry in log].count(("GET", "rds")) == 4, log
    assert [(entry["method"], entry["service"]) for entry in log].count(("GET", "gaussdb")) == 1, log
    assert [(entry["method"], entry["service"]) for entry in log].count(("GET", "dds")) == 1, log
    assert len(log) == 6, log


def test_serial_tier_with_its_own_connection_then_absent_in_reverse_order(ansible, cloud):
    # The play's group defaults point at a port nobody listens on; database_tier_connection wins over them.
    broken = {key: "http://127.0.0.1:9/" + key for key in ("rds", "gaussdb", "dds")}
    broken["iam"] = "http://127.0.0.1:9/iam/v3"
    variables = {
        "database_tier_parallel": False,
        "database_tier_poll_interval": 0.2,
        "database_tier_connection": {"endpoints": cloud.endpoints(), "request_timeout": 5},
        "database_tier_network": NETWORK,
        "database_tier_rds_instances": [PRIMARY],
        "database_tier_rds_replicas": [REPLICA],
    }
    created = ansible.run(role(variables), defaults={"endpoints": broken})
    assert created.rc == 0, created.stdout
    assert names(cloud, "rds") == ["orders-db", "orders-db-ro1"]
    for name in WAIT_TASKS:
        assert created.task(name)["outcome"] == "skipped", name
    replica = created.task("Create the read replicas")["result"]["results"][0]
    assert replica["instance"]["status"] == "ACTIVE"
    assert replica["item"] == "orders-db-ro1"

    cloud.clear_requests()
    absent = dict(variables, database_tier_state="absent", database_tier_parallel=True)
    removed = ansible.run(role(absent), defaults={"endpoints": broken})
    assert removed.rc == 0, removed.stdout
    assert cloud.state("rds") == []
    primary_id = created.task("Create the RDS DB instances")["result"]["results"][0]["instance"]["id"]
    # The replica first (replicas cannot be backed up), then the primary's final backup, then the primary.
    assert [(entry["method"], entry["path"].rsplit("/", 1)[-1]) for entry in writes(cloud)] == [
        ("DELETE", replica["instance"]["id"]), ("POST", "backups"), ("DELETE", primary_id)], writes(cloud)
    final = [backup for backup in cloud.admin("GET", "state", params={"service": "rds"})["backups"] if backup["name"] == "orders-db-final"]
    assert len(final) == 1 and final[0]["instance_id"] == primary_id and final[0]["status"] == "COMPLETED"
    assert removed.task("fact")["result"]["database_tier_instances"]["rds_instances"] == []

    cloud.clear_requests()
    again = ansible.run(role(absent), defaults={"endpoints": broken})
    assert again.rc == 0, again.stdout
    assert "changed=0" in again.stdout
    assert not writes(cloud)


def test_check_mode_on_an_empty_cloud_writes_nothing(ansible, cloud):
    variables = dict(TIER, database_tier_gauss_restores=[])
    run = ansible.run(role(variables), check=True)
    assert run.rc == 0, run.stdout
    assert not writes(cloud)
    assert cloud.state("rds") == [] and cloud.state("dds") == []
    primaries = run.task("Create the RDS DB instances")["result"]["results"]
    assert [item["changed"] for item in primaries] == [True, True]
    # The replica's source would be created by this run: it cannot be planned, so it is skipped.
    replicas = run.task("Create the read replicas")["result"]["results"]
    assert [item.get("skipped") for item in replicas] == [True]


def bad(**changes) -> dict:
    variables = copy.deepcopy(TIER)
    variables.update(changes)
    return variables


BAD_INPUTS = [
    (bad(database_tier_rds_instances=[dict(PRIMARY, engin="mysql")]), "engin"),
    (bad(database_tier_dds_instances=[dict(DDS, mode="Cluster")]), "Cluster"),
    (bad(database_tier_rds_replicas=[REPLICA, dict(REPLICA, availability_zone=["eu-de-03"])]),
     "Each name may appear only once in a list; repeated: database_tier_rds_replicas orders-db-ro1"),
    (bad(database_tier_state="gone"), "database_tier_state"),
    (bad(database_tier_gauss_restores=[dict(RESTORE, volume_size="big")]), "volume_size"),
    (bad(database_tier_rds_instances=[{"engine": "mysql"}]), "name"),
]


def test_bad_role_input_fails_before_any_request(ansible, cloud):
    # One playbook, one block per case: each block's failure is rescued and its message recorded.
    tasks = []
    for index, (variables, _message) in enumerate(BAD_INPUTS):
        tasks.append({"name": "case %d" % index, "block": [
            {"name": "tier %d" % index, "ansible.builtin.include_role": {"name": "hwcloud.dbaas.database_tier"}, "vars": variables},
        ], "rescue": [
            {"name": "failure %d" % index, "ansible.builtin.debug": {"msg": "{{ ansible_failed_result.msg }}"}},
        ]})
    run = ansible.run(tasks)
    assert run.rc == 0, run.stdout
    for index, (_variables, message) in enumerate(BAD_INPUTS):
        assert message in run.task("failure %d" % index)["result"]["msg"], (index, run.task("failure %d" % index)["result"])
    assert cloud.requests() == []
    assert PASSWORD not in run.stdout


def test_items_change_existing_instances_and_absent_without_final_backup(ansible, cloud):
    variables = {"database_tier_parallel": False, "database_tier_poll_interval": 0.2, "database_tier_network": NETWORK,
                 "database_tier_rds_instances": [PRIMARY]}
    assert ansible.run(role(variables)).rc == 0

    cloud.clear_requests()
    changed = dict(variables, database_tier_rds_instances=[dict(PRIMARY, volume_size=120, tags={"team": "orders"}, purge_tags=True)])
    run = ansible.run(role(changed))
    assert run.rc == 0, run.stdout
    result = run.task("Create the RDS DB instances")["result"]["results"][0]
    assert [action["action"] for action in result["actions"]] == ["enlarge_volume", "add_tags"]
    assert result["instance"]["volume"]["size"] == 120 and result["instance"]["tags"] == {"team": "orders"}

    cloud.clear_requests()
    removed = ansible.run(role(dict(changed, database_tier_state="absent", database_tier_final_backup=False)))
    assert removed.rc == 0, removed.stdout
    assert [entry["method"] for entry in writes(cloud)] == ["DELETE"]
    assert cloud.admin("GET", "state", params={"service": "rds"})["backups"] == []
