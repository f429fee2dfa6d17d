# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets never show: not in results, messages, warnings, -vvvv output or the service's request log; the token cache
is private and holds tokens only. And TLS: a private CA is refused until ca_bundle names it.

The emulator is given distinctive credentials, so that a search for them is meaningful.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import requests

from tests.integration.harness import PROJECT_ID, REGION, Ansible, Emulator

ACCESS_KEY = "AKSECRETSTEST0000042"
SECRET_KEY = "Sk-Distinct-7f3a9c-Never-Shown"
USER_PASSWORD = "Iam-Distinct-4b8e1d-Never-Shown!"
DB_PASSWORDS = {"rds": "DbRds-9c1a-NeverShown", "gauss": "DbGauss-5e2b-NeverShown", "dds": "DbDds-3f7d-NeverShown"}
NETWORK = {
    "vpc_id": "490a4a08-ef4b-44c5-94be-3051ef9e4fce",
    "subnet_id": "0e2eda62-1d42-4d64-a9d1-4e9aa9cd994f",
    "security_group_id": "2a1f7fc8-3307-42a7-aa6f-42c8b9b8f8c5",
}
RDS = dict(NETWORK, name="secret-rds", engine="mysql", engine_version="8.0", flavor="rds.mysql.s1.large", volume_type="ULTRAHIGH",
           volume_size=40, availability_zone=["eu-de-01"], password=DB_PASSWORDS["rds"])
REPLICA = {"name": "secret-rds-ro", "source_name": "secret-rds", "flavor": "rds.mysql.s1.large.rr", "availability_zone": ["eu-de-02"]}
GAUSS = dict(NETWORK, name="secret-gauss", source_name="secret-gauss-src", backup="latest", flavor="gaussdb.opengauss.ee.dn.m6.2xlarge.8.in",
             volume_size=160, availability_zone=["eu-de-01"], password=DB_PASSWORDS["gauss"])
DDS = dict(NETWORK, name="secret-dds", mode="Single", datastore={"version": "4.0"}, availability_zone=["eu-de-01"], password=DB_PASSWORDS["dds"],
           flavor=[{"type": "single", "num": 1, "size": 30, "spec_code": "dds.mongodb.s6.medium.4.single"}])


def task(module: str, args: dict, name: str, **extra) -> dict:
    return dict({"name": name, "hwcloud.dbaas." + module: args, "ignore_errors": True}, **extra)


def creating_tasks(suffix: str = "") -> list:
    """One task per creating module (the replica after its source)."""
    return [task("rds_instance", dict(RDS, name=RDS["name"] + suffix), "rds" + suffix),
            task("rds_replica", dict(REPLICA, name=REPLICA["name"] + suffix, source_name=RDS["name"] + suffix), "replica" + suffix),
            task("gauss_restore", dict(GAUSS, name=GAUSS["name"] + suffix), "gauss" + suffix),
            task("dds_instance", dict(DDS, name=DDS["name"] + suffix), "dds" + suffix)]


def failing_tasks(cloud, suffix: str) -> list:
    """A failed API call (500 until the deadline), a failed job, a failed validation, an argument of the wrong type."""
    return [
        {"name": "fault", "emulator_admin": {"url": cloud.url, "path": "faults", "body": {"faults": [
            {"kind": "status", "status": 500, "service": "rds", "count": 0},
            {"kind": "job_fail", "service": "dds", "reason": "no capacity"}]}}},
        task("rds_instance", dict(RDS, name="secret-rds-fails" + suffix, wait_timeout=2), "api-failure"),
        task("dds_instance", dict(DDS, name="secret-dds-fails" + suffix), "job-failure"),
        task("rds_instance", dict(RDS, name="secret-rds-bad", port=12017), "validation-failure"),
        task("rds_instance", dict(RDS, name="secret-rds-type", backup_strategy="08:15-09:15"), "type-failure"),
        task("gauss_restore", dict(GAUSS, name="secret-gauss-bad", port=8000), "gauss-validation-failure"),
        {"name": "no faults", "emulator_admin": {"url": cloud.url, "path": "faults", "method": "DELETE"}},
    ]


ACTION_PLUGINS = str(Path(__file__).resolve().parent / "action_plugins")


def run(ansible: Ansible, tasks: list, auth: str, **env) -> object:
    environment = {"ANSIBLE_ACTION_PLUGINS": ACTION_PLUGINS}
    if auth == "aksk":
        environment.update(HW_ACCESS_KEY=ACCESS_KEY, HW_SECRET_KEY=SECRET_KEY, HW_PROJECT_ID="")  # the project is looked up, then cached
    elif auth == "password":
        environment.update(HW_PASSWORD=USER_PASSWORD)
    environment.update(env)
    return ansible.run(tasks, auth="password" if auth == "password" else ("aksk" if auth == "aksk" else "none"),
                       extra_env=environment, verbosity=4, name="secrets-" + auth)


def outcome(result_run, name: str) -> str:
    return result_run.task(name)["outcome"]


def fresh_token(cloud) -> str:
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "emulator-user", "password": USER_PASSWORD, "domain": {"name": "emulator-domain"}}}},
        "scope": {"project": {"name": REGION}}}}
    answer = requests.post(cloud.url + "/iam/v3/auth/tokens", json=body, timeout=10)
    answer.raise_for_status()
    return answer.headers["X-Subject-Token"]


def cache_files(ansible: Ansible) -> list:
    return sorted(path for path in ansible.token_cache.iterdir() if path.is_file())


@pytest.fixture
def secret_cloud(cloud):
    cloud.config(ak=ACCESS_KEY, sk=SECRET_KEY, password=USER_PASSWORD)
    cloud.admin("POST", "seed", json={"service": "gaussdb", "instances": [{"name": "secret-gauss-src", "created_ago": 3600}]})
    yield cloud
    cloud.admin("POST", "reset", json={"config": True})


def test_no_secret_in_results_messages_verbose_output_log_or_cache(ansible, secret_cloud):
    cloud = secret_cloud
    runs = {}
    # AK/SK: everything created, then every kind of failure.
    runs["aksk"] = run(ansible, creating_tasks() + failing_tasks(cloud, "-ak"), "aksk")
    # IAM password: the same instances (converged), new ones, a token that expires mid-run, and the failures again.
    expire = {"name": "expire", "emulator_admin": {"url": cloud.url, "path": "faults", "body": {"faults": [
        {"kind": "expire_tokens", "service": "gaussdb", "method": "GET", "path": "/jobs$"}]}}}
    runs["password"] = run(ansible, creating_tasks() + [expire] + creating_tasks("-pw") + failing_tasks(cloud, "-pw"), "password")
    cached = [json.loads(path.read_text(encoding="utf-8")) for path in cache_files(ansible)]
    issued_tokens = [entry["token"] for entry in cached if entry.get("token")]
    # A ready token.
    static_token = fresh_token(cloud)
    runs["token"] = run(ansible, creating_tasks() + creating_tasks("-tk") + failing_tasks(cloud, "-tk"), "token", HW_TOKEN=static_token)

    for name, result in runs.items():
        assert result.rc == 0, (name, result.stdout[-3000:])
        assert "<localhost> ESTABLISH LOCAL CONNECTION" in result.stdout, "not verbose"  # -vvvv really was on
        for created in ("rds", "replica", "gauss", "dds"):
            assert outcome(result, created) == "ok", (name, created, result.task(created)["result"].get("msg"))
        for failed in ("api-failure", "job-failure", "validation-failure", "type-failure", "gauss-validation-failure"):
            assert outcome(result, failed) == "failed", (name, failed)
        assert result.task("api-failure")["result"]["error"]["status"] == 500
        assert "no capacity" in result.task("job-failure")["result"]["msg"]
    assert outcome(runs["password"], "gauss-pw") == "ok"
    assert [entry for entry in cloud.requests() if entry["error_code"] == "APIGW.0307"], "the token never expired mid-run"
    assert issued_tokens, "the password runs cached no token"

    secrets = [SECRET_KEY, USER_PASSWORD, static_token, *DB_PASSWORDS.values(), *issued_tokens]
    places = {"%s run: output (-vvvv)" % name: result.stdout for name, result in runs.items()}
    places.update({"%s run: results, messages and warnings" % name: json.dumps(result.results) for name, result in runs.items()})
    places["request log"] = json.dumps(cloud.requests())
    places["emulator output"] = cloud.log_path.read_text(encoding="utf-8")
    found = [(place, secret) for place, text in places.items() for secret in secrets if secret in text]
    assert found == [], found

    # The cache: a private directory of private files that hold tokens and project ids, never a password or a key.
    assert stat.S_IMODE(os.stat(ansible.token_cache).st_mode) == 0o700
    files = cache_files(ansible)
    assert len(files) >= 2  # the IAM token and the project id looked up for AK/SK
    assert any(json.loads(path.read_text(encoding="utf-8")).get("project_id") == PROJECT_ID for path in files)
    for path in files:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
        text = path.read_text(encoding="utf-8")
        assert not [secret for secret in (SECRET_KEY, USER_PASSWORD, ACCESS_KEY, *DB_PASSWORDS.values()) if secret in text], path


def test_wrong_credentials_are_not_echoed(ansible, secret_cloud):
    wrong = {"aksk": {"HW_SECRET_KEY": "Wrong-Sk-0a1b2c3d"}, "password": {"HW_PASSWORD": "Wrong-Iam-9z8y7x!"},
             "token": {"HW_TOKEN": "Wrong-Token-5d4c3b2a"}}
    for auth, env in wrong.items():
        result = run(ansible, [task("rds_instance", RDS, "rds")], auth, **env)
        entry = result.task("rds")
        assert entry["outcome"] == "failed" and entry["result"]["error"]["status"] == 401, (auth, entry["result"])
        assert entry["result"]["error"]["request_id"]
        secret = next(iter(env.values()))
        assert secret not in result.stdout and secret not in json.dumps(result.results), auth
    assert not [secret for env in wrong.values() for secret in env.values() if secret in json.dumps(secret_cloud.requests())]


# TLS ---------------------------------------------------------------------------------------------------------------
def make_certificates(directory: Path) -> tuple:
    """(ca.pem, server chain, server key) for 127.0.0.1, from trustme (or cryptography when trustme is missing)."""
    ca_path, cert_path, key_path = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    try:
        import trustme  # pylint: disable=import-outside-toplevel
    except ImportError:
        return _certificates_with_cryptography(ca_path, cert_path, key_path)
    authority = trustme.CA()
    issued = authority.issue_cert("127.0.0.1", "localhost")
    authority.cert_pem.write_to_path(str(ca_path))
    cert_path.write_bytes(b"".join(blob.bytes() for blob in issued.cert_chain_pems))
    issued.private_key_pem.write_to_path(str(key_path))
    return ca_path, cert_path, key_path


def _certificates_with_cryptography(ca_path: Path, cert_path: Path, key_path: Path) -> tuple:
    # pylint: disable=import-outside-toplevel
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hwcloud.dbaas test CA")])
    ca_cert = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=2)).add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
               .sign(ca_key, hashes.SHA256()))
    server = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
              .issuer_name(ca_name).public_key(server_key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
              .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
                             critical=False)
              .sign(ca_key, hashes.SHA256()))
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    return ca_path, cert_path, key_path


@pytest.fixture
def https_emulator(tmp_path):
    ca_path, cert_path, key_path = make_certificates(tmp_path)
    running = Emulator(tmp_path / "https-emulator", scheme="https", extra_args=("--tls-cert", str(cert_path), "--tls-key", str(key_path)))
    running.ca_path = ca_path
    yield running
    running.stop()


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")  # the harness's own admin calls
def test_private_ca_is_refused_until_ca_bundle_names_it(https_emulator, tmp_path):
    ansible = Ansible(https_emulator, tmp_path)
    assert https_emulator.url.startswith("https://")
    refused = ansible.run([task("rds_instance", RDS, "rds")])
    entry = refused.task("rds")
    assert entry["outcome"] == "failed"
    message = entry["result"]["msg"]
    assert "TLS" in message and "certificate" in message, message
    assert "ca_bundle" in message
    assert entry["seconds"] < 15, "a certificate that does not verify must not be retried until the deadline"
    assert https_emulator.requests() == []  # nothing got through the handshake

    trusted = ansible.run([task("rds_instance", RDS, "rds")], defaults={"ca_bundle": str(https_emulator.ca_path)})
    entry = trusted.task("rds")
    assert entry["outcome"] == "ok", entry["result"].get("msg")
    assert entry["result"]["changed"] is True and entry["result"]["instance"]["status"] == "ACTIVE"
    assert [record["name"] for record in https_emulator.state("rds")] == [RDS["name"]]
