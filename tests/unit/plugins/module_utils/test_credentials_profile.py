# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""clouds.yaml profiles: where the file is found, what a cloud entry means, and errors that keep secrets out."""

from __future__ import annotations

import os

import pytest
import yaml

from ansible_collections.hwcloud.dbaas.plugins.module_utils.credentials import load_profile, profile_options, search_path
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError

OTC_PASSWORD = {
    "profile": "otc",
    "auth": {"username": "ops", "password": "S3cret-Passw0rd", "project_name": "eu-de_prod",
             "user_domain_name": "OTC00000000001000000xxx", "auth_url": "https://iam.eu-de.otc.t-systems.com:443/v3"},
    "interface": "public", "identity_api_version": 3, "region_name": "eu-de",
}


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


@pytest.fixture
def places(tmp_path):
    """A working directory, a home and an empty environment, all private to the test."""
    cwd, home = tmp_path / "work", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    return {"cwd": str(cwd), "home": str(home), "environ": {}}


def load(name, places, path=None):
    return load_profile(name, path, places["environ"], places["cwd"], places["home"])


# what a cloud entry means -------------------------------------------------------------------------------------------
def test_password_profile_as_open_telekom_cloud_users_write_it():
    assert profile_options(OTC_PASSWORD) == {
        "auth_url": "https://iam.eu-de.otc.t-systems.com:443/v3", "user_name": "ops", "user_password": "S3cret-Passw0rd",
        "domain_name": "OTC00000000001000000xxx", "project_name": "eu-de_prod", "region": "eu-de", "platform": "otc",
    }


def test_domain_name_is_read_when_user_domain_name_is_missing():
    entry = {"auth": {"username": "u", "password": "p", "domain_name": "d", "project_id": "0123456789abcdef0123456789abcdef"}}
    assert profile_options(entry) == {"user_name": "u", "user_password": "p", "domain_name": "d", "project_id": "0123456789abcdef0123456789abcdef"}


def test_user_domain_name_wins_over_domain_name():
    assert profile_options({"auth": {"user_domain_name": "user-d", "domain_name": "d"}})["domain_name"] == "user-d"


@pytest.mark.parametrize("entry", [
    {"auth": {"ak": "AK1", "sk": "SK1", "project_id": "0123456789abcdef0123456789abcdef"}},
    {"auth": {"access_key": "AK1", "secret_key": "SK1", "project_id": "0123456789abcdef0123456789abcdef"}},
    {"ak": "AK1", "sk": "SK1", "auth": {"project_id": "0123456789abcdef0123456789abcdef"}},
    {"access_key": "AK1", "secret_key": "SK1", "auth": {"project_id": "0123456789abcdef0123456789abcdef"}},
])
def test_aksk_under_auth_or_next_to_it(entry):
    assert profile_options(entry) == {"access_key": "AK1", "secret_key": "SK1", "project_id": "0123456789abcdef0123456789abcdef"}


def test_auth_section_wins_over_keys_next_to_it():
    options = profile_options({"ak": "OUTER", "sk": "OUTER-SK", "auth": {"ak": "INNER", "sk": "INNER-SK", "security_token": "st"}})
    assert (options["access_key"], options["secret_key"], options["security_token"]) == ("INNER", "INNER-SK", "st")


def test_endpoints_and_token():
    options = profile_options({"auth": {"token": "tok"}, "endpoints": {"rds": "https://rds.internal"}, "region_name": "cn-north-4"})
    assert options == {"token": "tok", "endpoints": {"rds": "https://rds.internal"}, "region": "cn-north-4"}


@pytest.mark.parametrize("entry, cloud", [
    ({"profile": "otc"}, "otc"),
    ({"profile": "huaweicloud"}, "huaweicloud"),
    ({"auth": {"auth_url": "https://iam.eu-nl.otc.t-systems.com/v3"}}, "otc"),
    ({"auth": {"auth_url": "https://iam.cn-north-4.myhuaweicloud.com/v3"}}, "huaweicloud"),
    ({"profile": "otc", "auth": {"auth_url": "https://iam.cn-north-4.myhuaweicloud.com/v3"}}, "otc"),
    ({"profile": "vexxhost", "auth": {"auth_url": "https://iam.private.example/v3"}}, None),
    ({}, None),
])
def test_the_cloud_family(entry, cloud):
    assert profile_options(entry).get("platform") == cloud


def test_numbers_become_strings():
    assert profile_options({"auth": {"project_id": 12345}, "region_name": 7}) == {"project_id": "12345", "region": "7"}


@pytest.mark.parametrize("entry, message", [
    ({"auth": "user:password"}, "cloud: the cloud's 'auth' must be a mapping"),
    ({"endpoints": "https://rds.example"}, "cloud: the cloud's 'endpoints' must be a mapping"),
])
def test_malformed_entries(entry, message):
    with pytest.raises(ValidationError) as raised:
        profile_options(entry)
    assert str(raised.value).startswith(message)


# where the file is found --------------------------------------------------------------------------------------------
def test_search_path_is_the_openstack_order(places):
    places["environ"]["OS_CLIENT_CONFIG_FILE"] = "/secrets/clouds.yaml"
    cwd, home = places["cwd"], places["home"]
    assert search_path("clouds", places["environ"], cwd, home) == [
        "/secrets/clouds.yaml",
        os.path.join(cwd, "clouds.yaml"), os.path.join(cwd, "clouds.yml"),
        os.path.join(home, ".config", "openstack", "clouds.yaml"), os.path.join(home, ".config", "openstack", "clouds.yml"),
        "/etc/openstack/clouds.yaml", "/etc/openstack/clouds.yml",
    ]


def test_xdg_config_home_is_honoured(places):
    places["environ"]["XDG_CONFIG_HOME"] = "/xdg"
    assert "/xdg/openstack/clouds.yaml" in search_path("clouds", places["environ"], places["cwd"], places["home"])


def test_the_first_existing_file_wins(places, tmp_path):
    home_file = tmp_path / "home" / ".config" / "openstack" / "clouds.yaml"
    write(home_file, {"clouds": {"otc": {"region_name": "from-home"}}})
    assert load("otc", places) == ({"region_name": "from-home"}, str(home_file))
    write(tmp_path / "work" / "clouds.yml", {"clouds": {"otc": {"region_name": "from-cwd"}}})
    assert load("otc", places)[0] == {"region_name": "from-cwd"}
    env_file = write(tmp_path / "elsewhere" / "my-clouds.yaml", {"clouds": {"otc": {"region_name": "from-env"}}})
    places["environ"]["OS_CLIENT_CONFIG_FILE"] = env_file
    assert load("otc", places) == ({"region_name": "from-env"}, env_file)


def test_an_explicit_file_is_the_only_one_read(places, tmp_path):
    write(tmp_path / "work" / "clouds.yaml", {"clouds": {"otc": {"region_name": "from-cwd"}}})
    named = write(tmp_path / "named.yaml", {"clouds": {"otc": {"region_name": "named"}}})
    assert load("otc", places, named) == ({"region_name": "named"}, named)
    with pytest.raises(ValidationError, match=r"^cloud_profile_file: .*missing\.yaml does not exist"):
        load("otc", places, str(tmp_path / "missing.yaml"))


def test_no_file_anywhere(places):
    with pytest.raises(ValidationError) as raised:
        load("otc", places)
    assert str(raised.value).startswith("cloud: no clouds.yaml found for cloud 'otc' (searched ")
    assert os.path.join(places["cwd"], "clouds.yaml") in str(raised.value)


def test_an_unknown_cloud_lists_the_known_ones(places, tmp_path):
    write(tmp_path / "work" / "clouds.yaml", {"clouds": {"prod": {}, "dev": {}}})
    with pytest.raises(ValidationError, match=r"^cloud: .*clouds\.yaml has no cloud named 'test' \(clouds: dev, prod\)$"):
        load("test", places)


@pytest.mark.parametrize("content", ["- just\n- a list\n", "clouds: [a, b]\n", "clouds:\n  otc: a string\n"])
def test_files_of_the_wrong_shape(places, tmp_path, content):
    (tmp_path / "work" / "clouds.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError):
        load("otc", places)


def test_invalid_yaml_is_reported_without_quoting_the_file(places, tmp_path):
    (tmp_path / "work" / "clouds.yaml").write_text("clouds:\n  otc:\n    auth: {password: 'Sup3r-Secret\n", encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        load("otc", places)
    message = str(raised.value)
    assert message.startswith("cloud_profile_file: ") and "is not valid YAML near line" in message
    assert "Sup3r-Secret" not in message


def test_an_empty_file_has_no_clouds(places, tmp_path):
    (tmp_path / "work" / "clouds.yaml").write_text("", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"has no cloud named 'otc' \(clouds: none\)"):
        load("otc", places)


def test_secure_yaml_is_merged_over_the_cloud(places, tmp_path):
    write(tmp_path / "work" / "clouds.yaml", {"clouds": {"otc": {"auth": {"username": "ops", "project_name": "eu-de"}, "region_name": "eu-de"}}})
    write(tmp_path / "home" / ".config" / "openstack" / "secure.yaml",
          {"clouds": {"otc": {"auth": {"password": "from-secure"}}, "other": {"auth": {"password": "x"}}}})
    entry, _path = load("otc", places)
    assert entry == {"auth": {"username": "ops", "project_name": "eu-de", "password": "from-secure"}, "region_name": "eu-de"}


def test_os_client_secure_file_comes_first(places, tmp_path):
    write(tmp_path / "work" / "clouds.yaml", {"clouds": {"otc": {"auth": {"username": "ops"}}}})
    write(tmp_path / "work" / "secure.yaml", {"clouds": {"otc": {"auth": {"password": "cwd"}}}})
    places["environ"]["OS_CLIENT_SECURE_FILE"] = write(tmp_path / "vault" / "secure.yaml", {"clouds": {"otc": {"auth": {"password": "env"}}}})
    assert load("otc", places)[0]["auth"]["password"] == "env"


def test_a_secure_yaml_without_the_cloud_changes_nothing(places, tmp_path):
    write(tmp_path / "work" / "clouds.yaml", {"clouds": {"otc": {"auth": {"username": "ops"}}}})
    write(tmp_path / "work" / "secure.yaml", {"clouds": {"dev": {"auth": {"password": "x"}}}})
    assert load("otc", places)[0] == {"auth": {"username": "ops"}}
