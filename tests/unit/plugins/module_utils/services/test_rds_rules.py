# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RDS v3: the documented input rules, the create body, desired() and the adapter's requests."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import V3_INSTANCES, V3_JOBS
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds import RdsInstances, create_body, validate_instance

# All module options, as AnsibleModule hands them over (unset options are None).
SINGLE = {
    "name": "orders-db", "state": "present", "region": "eu-de",
    "engine": "mysql", "engine_version": "8.0", "ha_mode": "single", "replication_mode": None,
    "flavor": "rds.mysql.s1.large", "volume_type": "ULTRAHIGH", "volume_size": 100,
    "availability_zone": ["eu-de-01"], "vpc_id": "vpc-1", "subnet_id": "subnet-1", "security_group_id": "sg-1",
    "port": 3306, "password": "Test@12345678",
    "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 12},
    "time_zone": "UTC+08:00", "configuration_id": None, "disk_encryption_id": None, "collation": None,
    "lower_case_table_names": None, "enterprise_project_id": None, "charge_mode": "postPaid",
    "drift": "fail", "wait": True,
}
HA = dict(SINGLE, name="billing-db", engine="postgresql", engine_version="14", ha_mode="ha", replication_mode="async",
          flavor="rds.pg.s1.large.ha", availability_zone=["eu-de-01", "eu-de-02"], port=5433, password="Pg=pass+word1",
          time_zone=None)
SQLSERVER_HA = dict(SINGLE, name="mssql-db", engine="sqlserver", engine_version="2019_EE", ha_mode="ha",
                    replication_mode="sync", flavor="rds.mssql.ee.s3.large.ha", availability_zone=["eu-de-01", "eu-de-02"],
                    port=1433, password="Sql+Server1")


def params(base=None, **changes):
    result = copy.deepcopy(SINGLE if base is None else base)
    result.update(changes)
    return result


@pytest.mark.parametrize("case", [
    params(),
    params(HA),
    params(SQLSERVER_HA),
    params(port=None, backup_strategy=None, time_zone=None),
    params(port=1024), params(port=65535),
    params(HA, port=2100), params(HA, port=9500),
    params(SQLSERVER_HA, port=2100),
    params(volume_size=40), params(volume_size=4000),
    params(backup_strategy={"start_time": "23:00-00:00", "keep_days": 0}),
    params(backup_strategy={"start_time": "00:45-01:45", "keep_days": 732}),
    params(HA, replication_mode="sync"),
    params(ha_mode="ha", replication_mode="semisync", availability_zone=["eu-de-01", "eu-de-02"]),
    params(lower_case_table_names=0),
    params(SQLSERVER_HA, collation="Chinese_PRC_CI_AS"),
    params(engine_version="2019_SE", engine="sqlserver", port=1433, password="Sql+Server1"),
    params(volume_type="COMMON"),
    params(time_zone="UTC-05:00"),
], ids=lambda case: "%s-%s-%s" % (case["engine"], case["ha_mode"], case["name"]))
def test_valid_inputs_pass(case):
    validate_instance(case)


def test_absent_takes_any_name_an_instance_made_elsewhere_may_have():
    for name in ("orders-db", "db", "1orders", "orders.db", "a" * 65):
        validate_instance({"name": name, "state": "absent"})


BAD = [
    # (id, params, option, words the rule must contain)
    ("name-short", params(name="abc"), "name", "4 to 64"),
    ("name-long", params(name="a" * 65), "name", "4 to 64"),
    ("name-digit-first", params(name="1orders"), "name", "start with a letter"),
    ("name-dot", params(name="orders.db"), "name", "letters, digits"),
    ("engine-missing", params(engine=None), "engine", "required"),
    ("flavor-missing", params(flavor=None), "flavor", "required"),
    ("az-empty", params(availability_zone=[]), "availability_zone", "required"),
    ("vpc-missing", params(vpc_id=""), "vpc_id", "required"),
    ("volume-type", params(volume_type="SSD"), "volume_type", "COMMON"),
    ("volume-type-case", params(volume_type="ultrahigh"), "volume_type", "ULTRAHIGH"),
    ("volume-small", params(volume_size=30), "volume_size", "between 40 and 4000"),
    ("volume-large", params(volume_size=4010), "volume_size", "between 40 and 4000"),
    ("volume-step", params(volume_size=105), "volume_size", "multiple of 10"),
    ("backup-minutes", params(backup_strategy={"start_time": "08:15-09:30"}), "backup_strategy.start_time", "one hour"),
    ("backup-format", params(backup_strategy={"start_time": "08:10-09:10"}), "backup_strategy.start_time", "00, 15, 30 or 45"),
    ("keep-days", params(backup_strategy={"start_time": "08:15-09:15", "keep_days": 733}), "backup_strategy.keep_days", "0 and 732"),
    ("keep-days-negative", params(backup_strategy={"start_time": "08:15-09:15", "keep_days": -1}), "backup_strategy.keep_days", "0 and 732"),
    ("time-zone", params(time_zone="UTC+8"), "time_zone", "UTC+08:00"),
    ("mysql-version", params(engine_version="5.5"), "engine_version", "5.6, 5.7, 8.0"),
    ("pg-version", params(HA, engine_version="8.0"), "engine_version", "for engine postgresql"),
    ("mysql-port-reserved-12017", params(port=12017), "port", "except 12017, 33071"),
    ("mysql-port-reserved-33071", params(port=33071), "port", "except 12017, 33071"),
    ("mysql-port-low", params(port=1023), "port", "between 1024 and 65535"),
    ("pg-port-low", params(HA, port=2099), "port", "between 2100 and 9500"),
    ("pg-port-high", params(HA, port=9501), "port", "between 2100 and 9500"),
    ("pg-port-1433", params(HA, port=1433), "port", "between 2100 and 9500"),
    ("mssql-port-5985", params(SQLSERVER_HA, port=5985), "port", "except 5355, 5985"),
    ("mssql-port-5355", params(SQLSERVER_HA, port=5355), "port", "except 5355, 5985"),
    ("mssql-port-1434", params(SQLSERVER_HA, port=1434), "port", "1433"),
    ("password-classes", params(password="password12"), "password", "at least three"),
    ("password-short", params(password="Aa1!"), "password", "8 to 32"),
    ("pg-password-parenthesis", params(HA, password="Passw0rd(x)"), "password", "~!@#$%^*-_=+?,"),
    ("mssql-password-equals", params(SQLSERVER_HA, password="Passw0rd=x"), "password", "~!@#$%^*-_+?,"),
    ("ha-no-replication", params(HA, replication_mode=None), "replication_mode", "required when ha_mode=ha"),
    ("mysql-ha-sync", params(ha_mode="ha", replication_mode="sync", availability_zone=["a", "b"]),
     "replication_mode", "async, semisync"),
    ("pg-ha-semisync", params(HA, replication_mode="semisync"), "replication_mode", "async, sync"),
    ("mssql-ha-async", params(SQLSERVER_HA, replication_mode="async"), "replication_mode", "sync"),
    ("ha-one-az", params(HA, availability_zone=["eu-de-01"]), "availability_zone", "needs 2"),
    ("ha-three-az", params(HA, availability_zone=["a", "b", "c"]), "availability_zone", "needs 2"),
    ("single-two-az", params(availability_zone=["eu-de-01", "eu-de-02"]), "availability_zone", "needs 1"),
    ("single-replication", params(replication_mode="async"), "replication_mode", "ha_mode=ha"),
    ("mssql-ee-single", params(SQLSERVER_HA, ha_mode="single", replication_mode=None, availability_zone=["eu-de-01"]),
     "ha_mode", "Enterprise"),
    ("mssql-ha-no-backups", params(SQLSERVER_HA, backup_strategy={"start_time": "08:15-09:15", "keep_days": 0}),
     "backup_strategy.keep_days", "cannot be 0"),
    ("collation-mysql", params(collation="Chinese_PRC_CI_AS"), "collation", "sqlserver"),
    ("lower-case-pg", params(HA, lower_case_table_names=1), "lower_case_table_names", "mysql"),
]


@pytest.mark.parametrize("case, option, words", [item[1:] for item in BAD], ids=[item[0] for item in BAD])
def test_bad_inputs(case, option, words):
    with pytest.raises(ValidationError) as info:
        validate_instance(case)
    assert info.value.option == option
    assert words in info.value.rule
    assert len(info.value.rule) > 10
    assert str(info.value).startswith(option + ": ")


def test_bad_input_list_is_long_enough():
    assert len(BAD) >= 20


# create body -----------------------------------------------------------------------------------
def walk(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, "%s.%s" % (path, key) if path else key)
    else:
        yield path, value


def test_create_body_single():
    body = create_body(params())
    assert body == {
        "name": "orders-db",
        "datastore": {"type": "MySQL", "version": "8.0"},
        "port": "3306",
        "password": "Test@12345678",
        "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 12},
        "flavor_ref": "rds.mysql.s1.large",
        "volume": {"type": "ULTRAHIGH", "size": 100},
        "region": "eu-de",
        "availability_zone": "eu-de-01",
        "vpc_id": "vpc-1",
        "subnet_id": "subnet-1",
        "security_group_id": "sg-1",
        "charge_info": {"charge_mode": "postPaid"},
        "time_zone": "UTC+08:00",
    }
    assert "ha" not in body


def test_create_body_ha():
    body = create_body(params(HA))
    assert body["ha"] == {"mode": "Ha", "replication_mode": "async"}
    assert body["availability_zone"] == "eu-de-01,eu-de-02"
    assert body["port"] == "5433" and isinstance(body["port"], str)
    assert body["datastore"] == {"type": "PostgreSQL", "version": "14"}
    assert body["password"] == "Pg=pass+word1"
    assert "time_zone" not in body


def test_create_body_sqlserver_datastore_and_collation():
    body = create_body(params(SQLSERVER_HA, collation="Chinese_PRC_CI_AS"))
    assert body["datastore"] == {"type": "SQLServer", "version": "2019_EE"}
    assert body["collation"] == "Chinese_PRC_CI_AS"
    assert body["ha"] == {"mode": "Ha", "replication_mode": "sync"}


@pytest.mark.parametrize("base", [SINGLE, HA, SQLSERVER_HA])
def test_create_body_has_no_none_values(base):
    case = params(base, port=None, backup_strategy=None, time_zone=None, charge_mode=None)
    body = create_body(case)
    assert all(value is not None for _path, value in walk(body))
    assert not any(isinstance(value, dict) and not value for _path, value in walk(body))
    for absent in ("port", "backup_strategy", "time_zone", "charge_info", "configuration_id", "disk_encryption_id",
                   "unchangeable_param", "enterprise_project_id", "collation"):
        assert absent not in body
    assert body["password"] == base["password"]


def test_create_body_keeps_zero_values():
    body = create_body(params(backup_strategy={"start_time": "23:00-00:00", "keep_days": 0}, lower_case_table_names=0))
    assert body["backup_strategy"] == {"start_time": "23:00-00:00", "keep_days": 0}
    assert body["unchangeable_param"] == {"lower_case_table_names": "0"}


def test_create_body_optional_ids():
    body = create_body(params(configuration_id="cfg-1", disk_encryption_id="kms-1", enterprise_project_id="ep-1"))
    assert (body["configuration_id"], body["disk_encryption_id"], body["enterprise_project_id"]) == ("cfg-1", "kms-1", "ep-1")


# desired ----------------------------------------------------------------------------------------
def test_desired_single():
    desired = RdsInstances(None, params()).desired()
    assert desired == {
        "type": "Single",
        "datastore": {"type": "MySQL", "version": "8.0"},
        "flavor_ref": "rds.mysql.s1.large",
        "volume": {"type": "ULTRAHIGH", "size": 100},
        "region": "eu-de",
        "vpc_id": "vpc-1",
        "subnet_id": "subnet-1",
        "security_group_id": "sg-1",
        "port": 3306,
        "backup_strategy": {"start_time": "08:15-09:15", "keep_days": 12},
        "time_zone": "UTC+08:00",
    }


def test_desired_ha_and_secrets_never_compared():
    desired = RdsInstances(None, params(HA, disk_encryption_id="kms-1")).desired()
    assert desired["type"] == "Ha"
    assert desired["ha"] == {"replication_mode": "async"}
    assert desired["disk_encryption_id"] == "kms-1"
    assert "password" not in desired
    assert all(value is not None for _path, value in walk(desired))


def test_desired_absent_is_empty():
    assert RdsInstances(None, {"name": "orders-db", "state": "absent"}).desired() == {}


# adapter requests --------------------------------------------------------------------------------
class FakeClient:
    def __init__(self, answers):
        self.answers = list(answers)
        self.requests = []

    def request(self, service, method, path, query=None, body=None, headers=None, require=None):
        self.requests.append({"service": service, "method": method, "path": path, "query": query, "body": body,
                              "headers": headers, "require": require})
        return self.answers.pop(0)


def test_list_paginates_until_total_count():
    page1 = {"instances": [{"id": "i%d" % n, "name": "n%d" % n} for n in range(100)], "total_count": 150}
    page2 = {"instances": [{"id": "i%d" % n, "name": "n%d" % n} for n in range(100, 150)], "total_count": 150}
    client = FakeClient([page1, page2])
    found = RdsInstances(client, params()).api.list(name="x")
    assert len(found) == 150
    assert [r["query"]["offset"] for r in client.requests] == [0, 100]
    assert all(r["query"]["limit"] <= 100 for r in client.requests)
    assert all(r["path"] == "/v3/{project_id}/instances" and r["service"] == "rds" for r in client.requests)


def test_list_stops_on_empty_page():
    client = FakeClient([{"instances": [], "total_count": 5}])
    assert RdsInstances(client, params()).api.list() == []
    assert len(client.requests) == 1


def test_find_by_name_rechecks_exact_name():
    client = FakeClient([{"instances": [{"id": "1", "name": "orders-db"}, {"id": "2", "name": "orders-db-copy"},
                                        {"id": "3", "name": "Orders-db"}], "total_count": 3}])
    assert [r["id"] for r in RdsInstances(client, params()).find_by_name("orders-db")] == ["1"]
    assert client.requests[0]["query"]["name"] == "orders-db"


def test_get_by_id_uses_list_filter():
    client = FakeClient([{"instances": [{"id": "abc", "name": "x"}], "total_count": 1}, {"instances": [], "total_count": 0}])
    adapter = RdsInstances(client, params())
    assert adapter.get("abc") == {"id": "abc", "name": "x"}
    assert client.requests[0]["query"]["id"] == "abc"
    assert adapter.get("gone") is None


def test_create_sends_body_and_client_token():
    client = FakeClient([{"instance": {"id": "new-id", "name": "orders-db", "status": "BUILD"}, "job_id": "job-1"}])
    answer = RdsInstances(client, params()).create("token-123")
    sent = client.requests[0]
    assert (sent["method"], sent["path"]) == ("POST", V3_INSTANCES)
    assert sent["headers"] == {"X-Client-Token": "token-123"}
    assert sent["body"] == create_body(params())
    assert sent["require"] == {"instance": dict, "instance.id": str}  # a create answer without the new id is refused
    assert (answer.instance_id, answer.job_id) == ("new-id", "job-1")


@pytest.mark.parametrize("base", [HA, SQLSERVER_HA], ids=["postgresql", "sqlserver"])
def test_create_sends_no_client_token_where_it_is_not_documented(base):
    client = FakeClient([{"instance": {"id": "new-id", "name": "orders-db", "status": "BUILD"}, "job_id": "job-1"}])
    RdsInstances(client, params(base)).create("46436810-d999-454c-bd85-e515fd258600")
    assert not client.requests[0]["headers"]


def test_delete_and_job_status():
    client = FakeClient([{"job_id": "job-del"}, {"job": {"id": "job-del", "status": "Running"}}])
    adapter = RdsInstances(client, params())
    assert adapter.delete({"id": "abc"}) == "job-del"
    assert (client.requests[0]["method"], client.requests[0]["path"]) == ("DELETE", V3_INSTANCES + "/abc")
    assert adapter.job_status("job-del")["status"] == "Running"
    assert client.requests[1]["query"] == {"id": "job-del"} and client.requests[1]["path"] == V3_JOBS


def test_full_version_is_accepted_and_the_create_asks_for_its_family():
    validate_instance(params(engine_version="8.0.28"))
    assert create_body(params(engine_version="8.0.28"))["datastore"] == {"type": "MySQL", "version": "8.0"}
    with pytest.raises(ValidationError) as caught:
        validate_instance(params(engine_version="8.01"))
    assert caught.value.option == "engine_version"


def test_password_is_required_to_create_only():
    validate_instance(params(password=None))  # an existing instance needs none (update_password=on_create)
    with pytest.raises(ValidationError) as caught:
        RdsInstances(FakeClient([]), params(password=None)).prepare_create()
    assert caught.value.option == "password" and "required to create" in str(caught.value)
