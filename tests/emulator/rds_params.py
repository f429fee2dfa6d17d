"""RDS v3 parameter templates and instance parameters: ShowConfiguration, ShowInstanceConfiguration, EnableConfiguration.

Templates are not created through the API here: they come from the emulator configuration key `configurations`,
`{config_id: {"name", "description"?, "datastore_name": "mysql"|"postgresql"|"sqlserver", "datastore_version_name",
"parameters": {name: {"value": str, "restart_required"?: bool}}}}`. The older form `{config_id: {"name",
"restart_required"}}` (no datastore, no parameters) still works: such a template applies to any engine and its
apply answer says restart_required as configured.

Every RDS v3 instance carries its parameters (`attrs.parameters`, name -> value string): the engine's defaults below,
then the values of the template it was created with (`configuration_id`), then the seed's `parameters`. Applying a
template writes its values at once; an instance whose changed values include one that needs a restart answers
restart_required true and keeps `pending_restart` until a restart job completes (rds_day2._restart).

Answers follow the SDK models (huaweicloudsdkrds 3.1.219): ShowConfigurationResponse, ShowInstanceConfigurationResponse
(items ConfigurationParameter: name, value, restart_required, readonly, value_range, type, description) and
EnableConfigurationResponse; paths and fields also in the OTC API reference, parameter_configuration/
obtaining_parameters_in_a_specified_parameter_template.rst, obtaining_the_parameter_template_of_a_specified_db_instance.rst
and applying_a_parameter_template.rst.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from flask import Blueprint, Response

from . import day2, rules
from .common import iso_offset, json_response, now, store, v3_error

bp = Blueprint("rds_params", __name__)
SERVICE = "rds"
# The datastore_name of the parameter APIs (lower case, as in the OTC examples: "mysql") per RDS v3 engine.
DATASTORE_NAMES = {"MySQL": "mysql", "PostgreSQL": "postgresql", "SQLServer": "sqlserver"}
# Error codes (OTC RDS API reference, appendix/error_codes.rst):
# DBS.212001 (404) "The parameter group does not exist." -- a template id that is not configured (day2.CONFIG_MISSING).
# DBS.212008 (400) "The DB engine is not supported." -- the template is for another engine or version than the
# instance. The reference documents no code for this case (the OTC apply answer can also report a per-instance
# "success": false); DBS.212008 is the closest code of the parameter group range (DBS.2120xx). DBS.201207 "The DB
# engine or version is not supported." would fit the wording too, but belongs to the backup and restore range.
CONFIG_MISSING = day2.CONFIG_MISSING
ENGINE_MISMATCH = "DBS.212008"
_RELAXED = ("ACTIVE", "BACKING UP", "STORAGE FULL")  # statuses that allow applying a template (as rds_day2)
# Templates from the configuration have no time stamps of their own (unless configured): a fixed time is shown.
_TEMPLATE_TIME = "2026-01-01T00:00:00+0000"


class Param(NamedTuple):
    """A parameter of an engine's default set: its default value and the documented attributes."""

    value: str
    restart_required: bool
    type: str
    value_range: str
    description: str
    readonly: bool = False


# A small default set per engine (values strings, as the API shows them). Types and ranges follow the engines'
# manuals; restart_required is whether the engine reads the setting only at start-up (MySQL performance_schema;
# PostgreSQL max_connections, shared_buffers; SQL Server "user connections"). innodb_buffer_pool_size is dynamic
# since MySQL 5.7.5 and is shown as such for every version.
ENGINE_DEFAULTS: dict[str, dict[str, Param]] = {
    "MySQL": {
        "max_connections": Param("800", False, "integer", "10-100000", "The maximum permitted number of simultaneous client connections."),
        "innodb_buffer_pool_size": Param("1073741824", False, "integer", "5242880-18446744073709551615",
                                         "The size in bytes of the buffer pool, the memory area where InnoDB caches table and index data."),
        "time_zone": Param("SYSTEM", False, "string", "", "The server time zone."),
        "character_set_server": Param("utf8mb4", False, "list", "utf8|latin1|gbk|utf8mb4", "The server's default character set."),
        "innodb_flush_log_at_trx_commit": Param("1", False, "list", "0|1|2",
                                                "Controls the balance between strict ACID compliance for commit operations and higher performance."),
        "performance_schema": Param("OFF", True, "boolean", "ON|OFF", "Enables or disables the Performance Schema."),
    },
    "PostgreSQL": {
        "max_connections": Param("100", True, "integer", "10-262143", "Sets the maximum number of concurrent connections."),
        "shared_buffers": Param("16384", True, "integer", "16-1073741823", "Sets the number of shared memory buffers (8 kB each) used by the server."),
        "work_mem": Param("4096", False, "integer", "64-2147483647", "Sets the maximum memory (kB) to be used for query workspaces."),
        "log_min_duration_statement": Param("-1", False, "integer", "-1-2147483647",
                                            "Sets the minimum execution time (ms) above which statements will be logged."),
        "timezone": Param("UTC", False, "string", "", "Sets the time zone for displaying and interpreting time stamps."),
    },
    "SQLServer": {
        "max degree of parallelism": Param("0", False, "integer", "0-32767", "Limits the number of processors to use in parallel plan execution."),
        "user connections": Param("0", True, "integer", "0-32767", "The maximum number of simultaneous user connections (0: unlimited)."),
        "max server memory (MB)": Param("2147483647", False, "integer", "128-2147483647", "The maximum amount of memory used by the buffer pool."),
    },
}


# -- templates from the configuration ---------------------------------------------------------------------------------
def check_templates(value: Any) -> list[str]:
    """Problems of a `configurations` configuration value (the admin API refuses it with the first one)."""
    if not isinstance(value, dict):
        return ["configurations must be an object {config_id: template}"]
    problems: list[str] = []
    engines = {name: engine for engine, name in DATASTORE_NAMES.items()}
    for config_id, template in value.items():
        where = f"configurations.{config_id}"
        if not isinstance(template, dict):
            problems.append(f"{where} must be an object")
            continue
        for key in ("name", "description", "created", "updated"):
            if template.get(key) is not None and not isinstance(template[key], str):
                problems.append(f"{where}.{key} must be a string")
        if template.get("restart_required") is not None and not isinstance(template["restart_required"], bool):
            problems.append(f"{where}.restart_required must be true or false")
        name, version = template.get("datastore_name"), template.get("datastore_version_name")
        if (name is None) != (version is None):
            problems.append(f"{where}: datastore_name and datastore_version_name go together")
        elif name is not None:
            if name not in engines:
                problems.append(f"{where}.datastore_name must be one of {', '.join(engines)}")
            elif not isinstance(version, str) or rules.version_family(engines[name], version) != version:
                problems.append(f"{where}.datastore_version_name {version!r} is not a {name} version "
                                f"({', '.join(rules.RDS_ENGINES[engines[name]]['versions'])})")
        params = template.get("parameters")
        if params is None:
            continue
        if not isinstance(params, dict):
            problems.append(f"{where}.parameters must be an object {{name: {{\"value\", \"restart_required\"}}}}")
            continue
        for param, spec in params.items():
            if not isinstance(spec, dict) or not isinstance(spec.get("value"), str):
                problems.append(f"{where}.parameters.{param} must be {{\"value\": str, \"restart_required\"?: bool}}")
            elif spec.get("restart_required") is not None and not isinstance(spec["restart_required"], bool):
                problems.append(f"{where}.parameters.{param}.restart_required must be true or false")
    return problems


def template(config_id: str) -> dict[str, Any] | None:
    """The configured template, or None."""
    found = (store().config().get("configurations") or {}).get(config_id)
    return found if isinstance(found, dict) else None


def _engine_of_name(datastore_name: Any) -> str | None:
    for engine, name in DATASTORE_NAMES.items():
        if name == str(datastore_name or "").lower():
            return engine
    return None


def template_parameters(tpl: dict[str, Any]) -> dict[str, tuple[str, bool]]:
    """name -> (value, restart_required): the template's flag, else the engine's default set's, else false."""
    defaults = ENGINE_DEFAULTS.get(_engine_of_name(tpl.get("datastore_name")) or "", {})
    out: dict[str, tuple[str, bool]] = {}
    for name, spec in (tpl.get("parameters") or {}).items():
        spec = spec if isinstance(spec, dict) else {"value": spec}
        known = defaults.get(name)
        flag = spec.get("restart_required")
        out[str(name)] = (str(spec.get("value")), bool(flag) if flag is not None else bool(known and known.restart_required))
    return out


def mismatch(tpl: dict[str, Any], datastore: dict[str, Any]) -> str | None:
    """Why the template does not fit an instance of `datastore` ({type, version}), or None (the older form fits all)."""
    name, version = tpl.get("datastore_name"), tpl.get("datastore_version_name")
    if name is None:
        return None
    engine = str(datastore.get("type"))
    family = rules.version_family(engine, str(datastore.get("version"))) or str(datastore.get("version"))
    if str(name).lower() != DATASTORE_NAMES.get(engine) or str(version) != family:
        return f"the parameter template is for {name} {version}, the DB instance runs {engine} {family}"
    return None


# -- instance parameters ----------------------------------------------------------------------------------------------
def initial_parameters(attrs: dict[str, Any]) -> dict[str, str]:
    """A new instance's parameters: the engine's defaults, the create's template (when configured and of the same
    engine and version), then values given explicitly (seeding: attrs["parameters"])."""
    engine = str((attrs.get("datastore") or {}).get("type"))
    values = {name: param.value for name, param in ENGINE_DEFAULTS.get(engine, {}).items()}
    tpl = template(str(attrs.get("configuration_id"))) if attrs.get("configuration_id") else None
    if tpl is not None and mismatch(tpl, attrs.get("datastore") or {}) is None:
        flags = attrs.setdefault("parameter_flags", {})
        for name, (value, restart) in template_parameters(tpl).items():
            values[name] = value
            if name not in ENGINE_DEFAULTS.get(engine, {}):
                flags[name] = restart
    values.update({str(name): str(value) for name, value in (attrs.get("parameters") or {}).items()})
    return values


def check_create(chk: rules.Checker, attrs: dict[str, Any]) -> None:
    """A create (or restore) naming a configured template of another engine or version is refused (400 DBS.212008).
    An id that is not configured is accepted: the instance starts with the engine's defaults (unverified)."""
    tpl = template(str(attrs.get("configuration_id"))) if attrs.get("configuration_id") else None
    why = mismatch(tpl, attrs.get("datastore") or {}) if tpl is not None else None
    if why:
        chk.fail(ENGINE_MISMATCH, f"Invalid parameter configuration_id: {why}.")


def current(rec: dict[str, Any]) -> dict[str, str]:
    """The instance's parameters now (rds_v3.make_record stores the initial set; records stored before parameters
    existed get it computed)."""
    stored = rec["attrs"].get("parameters")
    if isinstance(stored, dict):
        return {str(name): str(value) for name, value in stored.items()}
    return initial_parameters(rec["attrs"])


def parameter_view(engine: str, name: str, value: str, restart: bool | None = None) -> dict[str, Any]:
    """A ConfigurationParameter: the engine's documented attributes when the name is in its default set."""
    known = ENGINE_DEFAULTS.get(engine, {}).get(name)
    if known is None:
        return {"name": name, "value": value, "restart_required": bool(restart), "readonly": False, "value_range": "",
                "type": "string", "description": ""}
    return {"name": name, "value": value, "restart_required": known.restart_required if restart is None else restart,
            "readonly": known.readonly, "value_range": known.value_range, "type": known.type, "description": known.description}


# -- routes -------------------------------------------------------------------------------------------------------------
def _template_or_404(config_id: str) -> dict[str, Any]:
    tpl = template(config_id)
    if tpl is None:
        raise v3_error(404, CONFIG_MISSING, f"The parameter group {config_id} does not exist.")
    return tpl


def _template_name(config_id: str, tpl: dict[str, Any]) -> str:
    return str(tpl.get("name") or f"config-{config_id[:8]}")


@bp.get("/v3/<project_id>/configurations/<config_id>")
def show_configuration(project_id: str, config_id: str) -> Response:  # pylint: disable=unused-argument
    """RDS v3 ShowConfiguration: the template's parameters (404 DBS.212001 when it is not configured)."""
    tpl = _template_or_404(config_id)
    engine = _engine_of_name(tpl.get("datastore_name")) or ""
    answer: dict[str, Any] = {"id": config_id, "name": _template_name(config_id, tpl), "description": str(tpl.get("description") or "")}
    if tpl.get("datastore_name") is not None:
        answer["datastore_version_name"] = str(tpl.get("datastore_version_name"))
        answer["datastore_name"] = str(tpl["datastore_name"]).lower()
    answer["created"] = str(tpl.get("created") or _TEMPLATE_TIME)
    answer["updated"] = str(tpl.get("updated") or answer["created"])
    answer["configuration_parameters"] = [parameter_view(engine, name, value, restart)
                                          for name, (value, restart) in sorted(template_parameters(tpl).items())]
    return json_response(answer)


@bp.get("/v3/<project_id>/instances/<instance_id>/configurations")
def show_instance_configuration(project_id: str, instance_id: str) -> Response:
    """RDS v3 ShowInstanceConfiguration: the instance's parameters now (404 DBS.200002 for an unknown instance)."""
    rec = day2.find(SERVICE, project_id, instance_id)
    attrs = rec["attrs"]
    engine = str(attrs["datastore"]["type"])
    flags = attrs.get("parameter_flags") or {}
    family = rules.version_family(engine, str(attrs["datastore"]["version"])) or str(attrs["datastore"]["version"])
    updated = max(float(attrs.get("parameters_updated_ts") or 0.0), float(rec["created_ts"]))
    return json_response({
        "datastore_version_name": family, "datastore_name": DATASTORE_NAMES.get(engine, engine.lower()),
        "created": iso_offset(rec["created_ts"]), "updated": iso_offset(updated),
        "configuration_parameters": [parameter_view(engine, name, value, flags.get(name))
                                     for name, value in sorted(current(rec).items())],
    })


@bp.put("/v3/<project_id>/configurations/<config_id>/apply")
def apply_configuration(project_id: str, config_id: str) -> Response:
    """RDS v3 EnableConfiguration: writes the template's values into each instance at once (synchronous v3 answer).

    restart_required is true for an instance when a parameter whose value changed needs a restart (older form of
    template: its restart_required); such an instance keeps pending_restart until a restart job completes.
    CONFLICT: the OTC reference adds job_id to this answer; the SDK model (used here) has none.
    """
    payload = day2.body()
    chk = day2.checker()
    ids = payload.get("instance_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(item, str) and item for item in ids):
        chk.fail(rules.PARAM, "Invalid parameter instance_ids: a non-empty list of instance IDs is required.")
    tpl = _template_or_404(config_id)
    values = template_parameters(tpl)
    legacy = "parameters" not in tpl
    results = []
    with store().transaction():
        records = [day2.find(SERVICE, project_id, instance_id) for instance_id in ids]
        for rec in records:
            day2.require(rec, _RELAXED, "Applying a parameter template")
            why = mismatch(tpl, rec["attrs"]["datastore"])
            if why:
                chk.fail(ENGINE_MISMATCH, f"The parameter template {config_id} cannot be applied to the DB instance {rec['id']}: {why}.")
        for rec in records:
            attrs = rec["attrs"]
            params = current(rec)
            engine = str(attrs["datastore"]["type"])
            flags = dict(attrs.get("parameter_flags") or {})
            changed = {name: restart for name, (value, restart) in values.items() if params.get(name) != value}
            for name in changed:
                params[name] = values[name][0]
                if name not in ENGINE_DEFAULTS.get(engine, {}):
                    flags[name] = values[name][1]
            restart = bool(tpl.get("restart_required", False)) if legacy else any(changed.values())
            attrs.update({"parameters": params, "parameter_flags": flags, "configuration_id": config_id})
            if changed:
                attrs["parameters_updated_ts"] = now()
            if restart:
                attrs["pending_restart"] = True
            store().put_instance(rec)
            results.append({"instance_id": rec["id"], "instance_name": rec["name"], "restart_required": restart, "success": True})
    return json_response({"configuration_id": config_id, "configuration_name": _template_name(config_id, tpl),
                          "success": True, "apply_results": results})
