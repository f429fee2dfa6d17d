# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the connection options come from: the task, a clouds.yaml profile, the environment, the defaults.

The precedence is one list, ``SOURCES``: an option set in the task (module_defaults included) wins over the
clouds.yaml entry named by ``cloud``, which wins over the environment (``HW_*``, then ``OS_*``), which wins over the
default. The platform, when no source sets it, is inferred from ``auth_url`` and ``region`` (registry.infer_platform).
Two groups are taken as a whole so that sources are never mixed into something nobody configured:

* credentials: the method (AK/SK, token or password) is the one of the first source that gives any credential;
  that method's missing parts may come from later sources, the other methods' options are dropped, and a
  ``security_token`` is used only with the ``access_key`` of its own source;
* the project: ``project_id`` and ``project_name`` both come from the first source that gives either.

And an ``auth_url`` from an earlier source than ``endpoints`` replaces ``endpoints.iam``.
"""

from __future__ import annotations

import importlib.util
import json
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import ValidationError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.registry import CLOUDS as REGISTRY_CLOUDS, DEFAULT_PLATFORM, infer_platform

# PyYAML is imported only when a profile is read: most runs use no profile, and the import costs every task time.
HAS_YAML = importlib.util.find_spec("yaml") is not None
YAML_IMPORT_ERROR = None if HAS_YAML else "No module named 'yaml'"

SOURCES = ("task", "profile", "environment", "default")
# The source of a platform that no source sets: the one auth_url or region implies.
INFERRED = "inferred"

# Environment variables per option, first set wins. HW_* as the Huawei Cloud tools name them, OS_* as
# Open Telekom Cloud (OpenStack) users export them.
ENVIRONMENT: Dict[str, Tuple[str, ...]] = {
    "platform": ("HW_PLATFORM",),
    "region": ("HW_REGION_NAME", "OS_REGION_NAME"),
    "project_id": ("HW_PROJECT_ID", "OS_PROJECT_ID", "OS_TENANT_ID"),
    "project_name": ("HW_PROJECT_NAME", "OS_PROJECT_NAME", "OS_TENANT_NAME"),
    "access_key": ("HW_ACCESS_KEY", "OS_ACCESS_KEY"),
    "secret_key": ("HW_SECRET_KEY", "OS_SECRET_KEY"),
    "security_token": ("HW_SECURITY_TOKEN", "OS_SECURITY_TOKEN"),
    "token": ("HW_TOKEN", "OS_TOKEN", "OS_AUTH_TOKEN"),
    "user_name": ("HW_USER_NAME", "OS_USERNAME"),
    "user_password": ("HW_PASSWORD", "OS_PASSWORD"),
    "domain_name": ("HW_DOMAIN_NAME", "OS_USER_DOMAIN_NAME", "OS_DOMAIN_NAME"),
    "auth_url": ("HW_AUTH_URL", "OS_AUTH_URL"),
    "endpoints": ("HW_ENDPOINTS",),
}
OPTIONS = tuple(ENVIRONMENT)
DEFAULTS: Dict[str, Any] = {"endpoints": {}}
CLOUDS = REGISTRY_CLOUDS
# The name of a clouds.yaml entry (the option ``cloud``) when the task does not give one, first set wins.
CLOUD_ENVIRONMENT: Tuple[str, ...] = ("HW_CLOUD", "HW_CLOUD_PROFILE", "OS_CLOUD")
SECRETS = ("access_key", "secret_key", "security_token", "token", "user_password")

# Credential methods in the order the client tries them.
METHODS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("aksk", ("access_key", "secret_key", "security_token")),
    ("token", ("token",)),
    ("password", ("user_name", "user_password", "domain_name")),
)
CREDENTIALS = tuple(option for _method, options in METHODS for option in options)
PROJECT = ("project_id", "project_name")

# clouds.yaml: option -> keys of the cloud's ``auth`` section (first present wins).
PROFILE_AUTH_KEYS: Dict[str, Tuple[str, ...]] = {
    "auth_url": ("auth_url",),
    "user_name": ("username", "user_name"),
    "user_password": ("password",),
    "domain_name": ("user_domain_name", "domain_name"),
    "project_name": ("project_name", "tenant_name"),
    "project_id": ("project_id", "tenant_id"),
    "access_key": ("ak", "access_key"),
    "secret_key": ("sk", "secret_key"),
    "security_token": ("security_token",),
    "token": ("token",),
}
# Keys also accepted next to ``auth`` (the AK/SK layout some Open Telekom Cloud tools write).
PROFILE_CLOUD_KEYS: Dict[str, Tuple[str, ...]] = {
    "region": ("region_name",),
    "access_key": ("ak", "access_key"),
    "secret_key": ("sk", "secret_key"),
    "security_token": ("security_token",),
    "endpoints": ("endpoints",),
}
PROFILE_FILE = "clouds"
SECURE_FILE = "secure"
SUFFIXES = (".yaml", ".yml")


# precedence -----------------------------------------------------------------------------------------------------
def given(value: Any) -> bool:
    """An option counts as set unless it is None, an empty string or an empty dict."""
    return value is not None and value != "" and value != {}


def _first_source(layers: Sequence[Tuple[str, Mapping[str, Any]]], options: Sequence[str]) -> Optional[str]:
    for source, values in layers:
        if any(given(values.get(option)) for option in options):
            return source
    return None


def credential_method(layers: Sequence[Tuple[str, Mapping[str, Any]]]) -> Optional[str]:
    """The method of the first source that gives any credential (in client order when one source gives several)."""
    for _source, values in layers:
        for method, options in METHODS:
            if any(given(values.get(option)) for option in options):
                return method
    return None


def resolve(task: Mapping[str, Any], profile: Mapping[str, Any], environment: Mapping[str, Any]) -> Dict[str, Tuple[Any, Optional[str]]]:
    """Every connection option as (value, source); source is None when nothing sets it and there is no default.

    ``task``, ``profile`` and ``environment`` map option names to values (see profile_options and
    environment_options); the order of SOURCES is the precedence.
    """
    layers = list(zip(SOURCES, (task, profile, environment)))
    kept = dict(METHODS).get(credential_method(layers) or "", ())
    project_source = _first_source(layers, PROJECT)
    chosen: Dict[str, Tuple[Any, Optional[str]]] = {}
    for option in OPTIONS:
        candidates = layers
        if option in CREDENTIALS and option not in kept:
            candidates = []
        elif option in PROJECT:
            candidates = [layer for layer in layers if layer[0] == project_source]
        default = (DEFAULTS[option], "default") if option in DEFAULTS else (None, None)
        chosen[option] = next(((values[option], source) for source, values in candidates if given(values.get(option))), default)
    if chosen["security_token"][1] != chosen["access_key"][1]:
        chosen["security_token"] = (None, None)  # a temporary key's token belongs to that key only
    if chosen["platform"][1] is None:
        inferred = infer_platform(chosen["region"][0], chosen["auth_url"][0])
        chosen["platform"] = (inferred, INFERRED) if inferred else (DEFAULT_PLATFORM, "default")
    return _auth_url_over_endpoints(chosen)


def _rank(source: Optional[str]) -> int:
    return SOURCES.index(source) if source in SOURCES else len(SOURCES)


def _auth_url_over_endpoints(chosen: Dict[str, Tuple[Any, Optional[str]]]) -> Dict[str, Tuple[Any, Optional[str]]]:
    auth_url, auth_source = chosen["auth_url"]
    endpoints, endpoints_source = chosen["endpoints"]
    if auth_url and isinstance(endpoints, Mapping) and endpoints.get("iam") and _rank(auth_source) < _rank(endpoints_source):
        chosen["endpoints"] = (dict(endpoints, iam=auth_url), endpoints_source)
    return chosen


# environment ----------------------------------------------------------------------------------------------------
def environment_options(environ: Mapping[str, str]) -> Dict[str, Any]:
    """The options the environment sets, by the names of ENVIRONMENT."""
    found: Dict[str, Any] = {}
    for option, names in ENVIRONMENT.items():
        value = next((environ[name] for name in names if environ.get(name)), None)
        if value is None:
            continue
        found[option] = _endpoints_from_json(value, names[0]) if option == "endpoints" else value
    return found


def _endpoints_from_json(text: str, variable: str) -> Dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise ValidationError("endpoints", "%s must be a JSON object such as {\"rds\": \"https://rds.example.internal\"}" % variable)
    return value


# the name of the clouds.yaml entry -----------------------------------------------------------------------------
def cloud_candidates(task_value: Optional[str], environ: Mapping[str, str]) -> List[Tuple[str, str]]:
    """(source, name) of every clouds.yaml entry name a task may mean, in order: the task's ``cloud`` when it is set
    (an empty string turns the environment off), then the variables of CLOUD_ENVIRONMENT."""
    found = [("task", task_value)] if task_value is not None else []
    if task_value is None or task_value in CLOUDS:
        found.extend(("environment:" + name, environ[name]) for name in CLOUD_ENVIRONMENT if environ.get(name))
    return found


def pick_cloud(candidates: Sequence[Tuple[str, str]], has_entry: Any) -> Tuple[Optional[str], Optional[Tuple[str, str]]]:
    """The clouds.yaml entry to read, and the first platform name given as a cloud (the meaning of ``cloud`` before
    1.0.0) as (name, source).

    A candidate that is a platform name (huaweicloud, otc) and names no entry of clouds.yaml (``has_entry``) is taken
    as the platform; the entry name then comes from the next candidates.
    """
    legacy: Optional[Tuple[str, str]] = None
    for source, name in candidates:
        if name in CLOUDS and not has_entry(name):
            legacy = legacy or (name, source)
            continue
        return name, legacy
    return None, legacy


# clouds.yaml ----------------------------------------------------------------------------------------------------
def search_path(kind: str, environ: Mapping[str, str], cwd: str, home: str) -> List[str]:
    """Where clouds.yaml (kind 'clouds') or secure.yaml (kind 'secure') is looked for, in order, as the OpenStack tools do."""
    variable = "OS_CLIENT_CONFIG_FILE" if kind == PROFILE_FILE else "OS_CLIENT_SECURE_FILE"
    config_home = environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    paths = [environ[variable]] if environ.get(variable) else []
    for directory in (cwd, os.path.join(config_home, "openstack"), "/etc/openstack"):
        paths.extend(os.path.join(directory, kind + suffix) for suffix in SUFFIXES)
    return paths


def _read_yaml(path: str, option: str) -> Dict[str, Any]:
    import yaml  # pylint: disable=import-outside-toplevel

    try:
        with open(path, "r", encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except OSError as error:
        raise ValidationError(option, "cannot read %s (%s)" % (path, error.strerror or type(error).__name__)) from None
    except yaml.YAMLError as error:
        # The parser's message quotes the file, which may hold secrets: give the position only.
        mark = getattr(error, "problem_mark", None)
        where = " near line %d, column %d" % (mark.line + 1, mark.column + 1) if mark is not None else ""
        raise ValidationError(option, "%s is not valid YAML%s" % (path, where)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValidationError(option, "%s must hold a mapping with a 'clouds' key" % path)
    return data


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> Dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _profile_files(path: Optional[str], environ: Mapping[str, str], cwd: str, home: str) -> List[str]:
    """The clouds.yaml files looked for: ``path`` (cloud_profile_file) alone, which must exist, else search_path."""
    if path:
        named = os.path.expanduser(path)
        if not os.path.isfile(named):
            raise ValidationError("cloud_profile_file", "%s does not exist" % named)
        return [named]
    return search_path(PROFILE_FILE, environ, cwd, home)


def find_profile_file(path: Optional[str], environ: Mapping[str, str], cwd: str, home: str) -> Optional[str]:
    """The clouds.yaml file a profile is read from, or None when there is none."""
    return next((candidate for candidate in _profile_files(path, environ, cwd, home) if os.path.isfile(candidate)), None)


def profile_names(path: str) -> List[str]:
    """The names of the clouds of a clouds.yaml file."""
    clouds = _read_yaml(path, "cloud_profile_file").get("clouds") or {}
    return sorted(str(key) for key in clouds) if isinstance(clouds, dict) else []


def load_profile(name: str, path: Optional[str], environ: Mapping[str, str], cwd: str, home: str) -> Tuple[Dict[str, Any], str]:
    """The cloud entry ``name`` of clouds.yaml (merged with the same entry of secure.yaml, if any) and the file read.

    ``path`` (cloud_profile_file) names the file; without it the first existing file of search_path is used.
    """
    candidates = _profile_files(path, environ, cwd, home)
    found = next((candidate for candidate in candidates if os.path.isfile(candidate)), None)
    if found is None:
        raise ValidationError("cloud", "no clouds.yaml found for cloud '%s' (searched %s); set cloud_profile_file"
                              % (name, ", ".join(candidates)))
    clouds = _read_yaml(found, "cloud_profile_file").get("clouds") or {}
    if not isinstance(clouds, dict) or not isinstance(clouds.get(name), dict):
        names = ", ".join(sorted(str(key) for key in clouds)) if isinstance(clouds, dict) else ""
        raise ValidationError("cloud", "%s has no cloud named '%s' (clouds: %s)" % (found, name, names or "none"))
    entry = clouds[name]
    secure = next((candidate for candidate in search_path(SECURE_FILE, environ, cwd, home) if os.path.isfile(candidate)), None)
    if secure:
        secure_clouds = _read_yaml(secure, "cloud").get("clouds") or {}
        if isinstance(secure_clouds, dict) and isinstance(secure_clouds.get(name), dict):
            entry = _merge(entry, secure_clouds[name])
    return entry, found


def _pick(section: Mapping[str, Any], keys: Sequence[str]) -> Any:
    return next((section[key] for key in keys if given(section.get(key))), None)


def _cloud_family(entry: Mapping[str, Any], auth_url: Any) -> Optional[str]:
    """huaweicloud or otc from the OpenStack vendor ``profile`` key, else from the IAM host name (not from the region)."""
    vendor = str(entry.get("profile") or "").lower()
    if vendor in CLOUDS:
        return vendor
    return infer_platform(None, auth_url)


def profile_options(entry: Mapping[str, Any], source: str = "cloud") -> Dict[str, Any]:
    """A clouds.yaml cloud entry as option values (only the keys it sets)."""
    auth = entry.get("auth") or {}
    if not isinstance(auth, Mapping):
        raise ValidationError(source, "the cloud's 'auth' must be a mapping")
    options: Dict[str, Any] = {}
    for option, keys in PROFILE_AUTH_KEYS.items():
        value = _pick(auth, keys)
        if value is not None:
            options[option] = str(value)
    for option, keys in PROFILE_CLOUD_KEYS.items():
        value = _pick(entry, keys)
        if value is not None and option not in options:
            options[option] = value if option == "endpoints" else str(value)
    if "endpoints" in options and not isinstance(options["endpoints"], Mapping):
        raise ValidationError(source, "the cloud's 'endpoints' must be a mapping of service to URL")
    family = _cloud_family(entry, options.get("auth_url"))
    if family:
        options["platform"] = family
    return options


# the module's view ----------------------------------------------------------------------------------------------
def check_resolved(values: Mapping[str, Any]) -> None:
    """What the argument spec can no longer check once options may come from a profile or the environment."""
    if values.get("platform") not in CLOUDS:
        raise ValidationError("platform", "must be one of %s (got %s)" % (", ".join(CLOUDS), values.get("platform")))
    if not given(values.get("region")):
        raise ValidationError("region", "is required: set region in the task, region_name in the clouds.yaml cloud, "
                              "or HW_REGION_NAME / OS_REGION_NAME")
    if not isinstance(values.get("endpoints"), Mapping):
        raise ValidationError("endpoints", "must be a mapping of service to URL")


REQUIRED_BY_METHOD: Dict[str, Tuple[str, ...]] = {
    "aksk": ("access_key", "secret_key"),
    "token": ("token",),
    "password": ("user_name", "user_password", "domain_name"),
}
SOURCE_NAMES = {"task": "the task", "profile": "the clouds.yaml cloud", "environment": "the environment"}


def check_credentials(chosen: Mapping[str, Tuple[Any, Optional[str]]]) -> None:
    """A credential method that was started must be complete. No credential at all is reported when one is needed."""
    present = [option for option in CREDENTIALS if given(chosen[option][0])]
    if not present:
        return
    method = next(name for name, options in METHODS if present[0] in options)
    missing = [option for option in REQUIRED_BY_METHOD[method] if not given(chosen[option][0])]
    if missing:
        first = present[0]
        names = " / ".join(ENVIRONMENT[missing[0]])
        raise ValidationError(missing[0], "is required with %s (set in %s); set it in the task, the clouds.yaml cloud or %s"
                              % (first, SOURCE_NAMES.get(str(chosen[first][1]), chosen[first][1]), names))
