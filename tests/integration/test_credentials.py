# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where credentials come from: module_defaults of the hwcloud.dbaas.dbaas group, clouds.yaml profiles, the environment.

Precedence under test: task option (module_defaults included) > cloud_profile > environment > default.
"""

from __future__ import annotations

import json

import yaml

from tests.integration.harness import ACCESS_KEY, DOMAIN_NAME, PROJECT_ID, SECRET_KEY, USER_NAME, USER_PASSWORD

NORTH_PROJECT_ID = "6b1a1d1e0c2f4b8c9a3e2f1d0c9b8a71"  # the emulator's project of cn-north-4
WRONG_SECRET = "not-the-secret-key-0000"
NO_ENDPOINTS = {"region": None, "endpoints": None}  # leave region and endpoints to the profile


def rds_info(name: str = "rds", **args) -> dict:
    return {"name": name, "hwcloud.dbaas.rds_instance_info": args}


def dds_info(name: str = "dds", **args) -> dict:
    return {"name": name, "hwcloud.dbaas.dds_instance_info": args}


def gauss_info(name: str = "gauss", **args) -> dict:
    return {"name": name, "hwcloud.dbaas.gauss_instance_info": args}


def seed_regions(cloud) -> None:
    cloud.admin("POST", "seed", json={"service": "rds", "instances": [{"name": "west-db"}]})
    cloud.admin("POST", "seed", json={"service": "rds", "region": "cn-north-4", "instances": [{"name": "north-db"}]})


def names(run, task: str = "rds") -> list:
    return sorted(record["name"] for record in run.task(task)["result"]["instances"])


def endpoints(cloud, iam: bool = False) -> dict:
    found = cloud.endpoints()
    return found if iam else {key: value for key, value in found.items() if key != "iam"}


def write_clouds(path, clouds: dict) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"clouds": clouds}), encoding="utf-8")
    return str(path)


def password_cloud(cloud, region: str = "cn-north-4", **auth) -> dict:
    values = {"auth_url": cloud.url + "/iam/v3", "username": USER_NAME, "password": USER_PASSWORD,
              "user_domain_name": DOMAIN_NAME, "project_name": region}
    values.update(auth)
    return {"region_name": region, "auth": values, "endpoints": endpoints(cloud)}


def aksk_cloud(cloud, region: str = "eu-de", secret: str = SECRET_KEY, layout: str = "beside") -> dict:
    project = PROJECT_ID if region == "eu-de" else NORTH_PROJECT_ID
    entry = {"region_name": region, "endpoints": endpoints(cloud, iam=True), "auth": {"project_id": project}}
    if layout == "beside":
        entry.update({"ak": ACCESS_KEY, "sk": secret})
    else:
        entry["auth"].update({"access_key": ACCESS_KEY, "secret_key": secret})
    return entry


# module_defaults ------------------------------------------------------------------------------------------------------
def test_module_defaults_credentials_reach_every_module_of_the_group(ansible, cloud):
    """AK/SK set once in module_defaults (group/hwcloud.dbaas.dbaas), no HW_/OS_ variable: three modules sign with them."""
    cloud.admin("POST", "seed", json={"service": "dds", "instances": [{"name": "catalog"}]})
    cloud.clear_requests()
    credentials = {"access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "project_id": PROJECT_ID}
    run = ansible.run([rds_info(), dds_info(), gauss_info()], auth="none", defaults=credentials)
    assert run.rc == 0, run.stdout
    assert names(run, "dds") == ["catalog"]
    assert [(entry["service"], entry["auth"], entry["status"]) for entry in cloud.requests()] == [
        ("rds", "aksk", 200), ("dds", "aksk", 200), ("gaussdb", "aksk", 200)]


def test_without_module_defaults_credentials_the_same_play_has_none(ansible, cloud):
    run = ansible.run([rds_info()], auth="none")
    assert run.rc != 0 and run.task("rds")["outcome"] == "failed"
    assert "no credentials" in run.task("rds")["result"]["msg"]
    assert cloud.requests() == []


def test_a_password_in_module_defaults_gives_one_token_for_two_modules(ansible, cloud):
    credentials = {"user_name": USER_NAME, "user_password": USER_PASSWORD, "domain_name": DOMAIN_NAME}
    run = ansible.run([rds_info(), gauss_info()], auth="none", defaults=credentials)
    assert run.rc == 0, run.stdout
    assert [(entry["service"], entry["auth"]) for entry in cloud.requests()] == [("iam", "none"), ("rds", "token"), ("gaussdb", "token")]


# profiles on their own ------------------------------------------------------------------------------------------------
def test_a_password_profile_alone(ansible, cloud, tmp_path):
    """Region, IAM URL, endpoints and the password all come from clouds.yaml; the secret never shows, even at -vvv."""
    seed_regions(cloud)
    cloud.clear_requests()
    path = write_clouds(tmp_path / "profiles" / "clouds.yaml", {"north": password_cloud(cloud)})
    run = ansible.run([rds_info(cloud_profile="north", cloud_profile_file=path)], auth="none", defaults=NO_ENDPOINTS, verbosity=3)
    assert run.rc == 0, run.stdout
    assert names(run) == ["north-db"]
    requests = cloud.requests()
    assert [(entry["service"], entry["auth"]) for entry in requests] == [("iam", "none"), ("rds", "token")]
    assert NORTH_PROJECT_ID in requests[1]["path"]
    assert USER_PASSWORD not in run.stdout and USER_PASSWORD not in json.dumps(run.results)
    assert "invocation" in run.stdout  # -vvv printed the module arguments, with the password masked


def test_an_aksk_profile_named_by_the_environment(ansible, cloud, tmp_path):
    """OS_CLOUD names the cloud and OS_CLIENT_CONFIG_FILE the file, as Open Telekom Cloud users set them."""
    seed_regions(cloud)
    cloud.clear_requests()
    clouds = {"west": aksk_cloud(cloud), "west-auth": aksk_cloud(cloud, layout="auth")}
    path = write_clouds(tmp_path / "otc" / "clouds.yaml", clouds)
    for name in clouds:
        run = ansible.run([rds_info()], auth="none", defaults=NO_ENDPOINTS, verbosity=3,
                          extra_env={"OS_CLOUD": name, "OS_CLIENT_CONFIG_FILE": path})
        assert run.rc == 0, run.stdout
        assert names(run) == ["west-db"]
        assert SECRET_KEY not in run.stdout and SECRET_KEY not in json.dumps(run.results)
    assert [(entry["service"], entry["auth"]) for entry in cloud.requests()] == [("rds", "aksk"), ("rds", "aksk")]


def test_clouds_yaml_in_the_working_directory_and_os_client_config_file_first(ansible, cloud, tmp_path):
    seed_regions(cloud)
    workdir = ansible.workdir
    write_clouds(workdir / "clouds.yaml", {"mine": aksk_cloud(cloud, region="eu-de")})
    home = {"HOME": str(tmp_path / "home"), "HW_CLOUD_PROFILE": "mine"}
    run = ansible.run([rds_info()], auth="none", defaults=NO_ENDPOINTS, extra_env=home)
    assert run.rc == 0, run.stdout
    assert names(run) == ["west-db"]
    elsewhere = write_clouds(tmp_path / "elsewhere" / "clouds.yaml", {"mine": aksk_cloud(cloud, region="cn-north-4")})
    run = ansible.run([rds_info()], auth="none", defaults=NO_ENDPOINTS, extra_env=dict(home, OS_CLIENT_CONFIG_FILE=elsewhere))
    assert run.rc == 0, run.stdout
    assert names(run) == ["north-db"]


# precedence -----------------------------------------------------------------------------------------------------------
def test_a_task_option_overrides_the_profile(ansible, cloud, tmp_path):
    seed_regions(cloud)
    path = write_clouds(tmp_path / "clouds.yaml", {"stale": aksk_cloud(cloud, region="cn-north-4", secret=WRONG_SECRET)})
    profile = {"cloud_profile": "stale", "cloud_profile_file": path}
    run = ansible.run([rds_info("profile only", **profile)], auth="none", defaults=NO_ENDPOINTS)
    assert run.rc != 0 and run.task("profile only")["result"]["error"]["status"] == 401  # the profile's secret is wrong
    assert WRONG_SECRET not in run.stdout
    cloud.clear_requests()
    run = ansible.run([rds_info(secret_key=SECRET_KEY, region="eu-de", project_id=PROJECT_ID, **profile)], auth="none",
                      defaults=NO_ENDPOINTS)
    assert run.rc == 0, run.stdout
    assert names(run) == ["west-db"]  # region and project from the task, not cn-north-4 from the profile
    assert [(entry["service"], entry["auth"], entry["status"]) for entry in cloud.requests()] == [("rds", "aksk", 200)]


def test_module_defaults_count_as_task_options(ansible, cloud, tmp_path):
    """The profile says cn-north-4; module_defaults say eu-de (and the project name defaults to the region)."""
    seed_regions(cloud)
    entry = password_cloud(cloud)
    del entry["auth"]["project_name"]
    path = write_clouds(tmp_path / "clouds.yaml", {"north": entry})
    run = ansible.run([rds_info(cloud_profile="north", cloud_profile_file=path)], auth="none")
    assert run.rc == 0, run.stdout
    assert names(run) == ["west-db"]


def test_the_profile_overrides_the_environment(ansible, cloud, tmp_path):
    seed_regions(cloud)
    bogus = {"HW_ACCESS_KEY": "BOGUSACCESSKEY", "HW_SECRET_KEY": WRONG_SECRET, "HW_PROJECT_ID": NORTH_PROJECT_ID,
             "HW_REGION_NAME": "cn-north-4"}
    run = ansible.run([rds_info("env only")], auth="none", defaults=NO_ENDPOINTS,
                      extra_env=dict(bogus, HW_ENDPOINTS=json.dumps(endpoints(cloud, iam=True))))
    assert run.rc != 0 and run.task("env only")["result"]["error"]["status"] == 401  # the environment's keys are wrong
    path = write_clouds(tmp_path / "clouds.yaml", {"west": aksk_cloud(cloud, region="eu-de")})
    cloud.clear_requests()
    run = ansible.run([rds_info(cloud_profile="west", cloud_profile_file=path)], auth="none", defaults=NO_ENDPOINTS, extra_env=bogus)
    assert run.rc == 0, run.stdout
    assert names(run) == ["west-db"]
    assert [(entry["service"], entry["auth"], entry["status"]) for entry in cloud.requests()] == [("rds", "aksk", 200)]


def test_a_password_profile_is_not_mixed_with_keys_from_the_environment(ansible, cloud, tmp_path):
    """Valid AK/SK in the environment would be tried first by the client; the profile's password method wins instead."""
    seed_regions(cloud)
    cloud.clear_requests()
    path = write_clouds(tmp_path / "clouds.yaml", {"north": password_cloud(cloud)})
    run = ansible.run([rds_info(cloud_profile="north", cloud_profile_file=path)], auth="aksk", defaults=NO_ENDPOINTS)
    assert run.rc == 0, run.stdout
    assert names(run) == ["north-db"]
    assert [(entry["service"], entry["auth"]) for entry in cloud.requests()] == [("iam", "none"), ("rds", "token")]


def test_the_environment_fills_what_the_profile_leaves_out(ansible, cloud, tmp_path):
    """The profile has the user but not the password (kept out of files): HW_PASSWORD completes the same method."""
    seed_regions(cloud)
    entry = password_cloud(cloud)
    del entry["auth"]["password"]
    path = write_clouds(tmp_path / "clouds.yaml", {"north": entry})
    run = ansible.run([rds_info(cloud_profile="north", cloud_profile_file=path)], auth="none", defaults=NO_ENDPOINTS,
                      extra_env={"HW_PASSWORD": USER_PASSWORD})
    assert run.rc == 0, run.stdout
    assert names(run) == ["north-db"]


# failures before any request ------------------------------------------------------------------------------------------
def test_profile_and_credential_mistakes_fail_before_any_request(ansible, cloud, tmp_path):
    path = write_clouds(tmp_path / "clouds.yaml", {"west": aksk_cloud(cloud)})
    tasks = [
        dict(rds_info("unknown cloud", cloud_profile="east", cloud_profile_file=path), ignore_errors=True),
        dict(rds_info("no file", cloud_profile="west", cloud_profile_file=str(tmp_path / "missing.yaml")), ignore_errors=True),
        dict(rds_info("half a key pair", access_key=ACCESS_KEY), ignore_errors=True),
    ]
    run = ansible.run(tasks, auth="none", extra_env={"HOME": str(tmp_path / "home")})
    assert run.rc == 0, run.stdout  # the errors were ignored; each task failed on its own
    messages = {task: run.task(task)["result"]["msg"] for task in ("unknown cloud", "no file", "half a key pair")}
    assert messages["unknown cloud"].startswith("cloud: %s has no cloud named 'east' (clouds: west)" % path)
    assert messages["no file"].startswith("cloud_profile_file: ") and "does not exist" in messages["no file"]
    assert messages["half a key pair"].startswith("secret_key: is required with access_key (set in the task)")
    assert all(run.task(task)["outcome"] == "failed" for task in messages)
    assert cloud.requests() == []
