"""What can be created: RDS v3 ListFlavors and ListDatastores, DDS ListFlavorInfos (v3.1), GaussDB ListFlavors.

The answers have the shapes of the API references and of the SDK's response models (huaweicloudsdkrds ListFlavorsResponse
and ListDatastoresResponse, huaweicloudsdkdds ListFlavorInfosResponse, huaweicloudsdkgaussdbforopengauss
ListFlavorsResponse). The catalogues are built from the engine tables of rules.py and hold every flavor the tests and
the documentation use; every flavor is on sale (``normal``) in the three availability zones of the project's region.
"""
from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, Response, request

from . import rules
from .common import json_response, page_args, project_region, v3_error

rds_bp = Blueprint("rds_flavors", __name__)
dds_bp = Blueprint("dds_flavors", __name__)
gauss_bp = Blueprint("gauss_flavors", __name__)

# RDS: (engine, performance code, vCPUs, memory GB, group type) -> single, .ha and .rr flavors of every version.
RDS_SIZES: dict[str, tuple[tuple[str, int, int, str], ...]] = {
    "MySQL": (("rds.mysql.s1.medium", 1, 4, "normal"), ("rds.mysql.s1.large", 2, 8, "normal"), ("rds.mysql.s1.xlarge", 4, 16, "normal"),
              ("rds.mysql.n1.large.2", 2, 4, "normal2")),
    "PostgreSQL": (("rds.pg.s1.medium", 1, 4, "normal"), ("rds.pg.s1.large", 2, 8, "normal"), ("rds.pg.s1.xlarge", 4, 16, "normal")),
    "SQLServer": (("rds.mssql.se.s3.large.2", 2, 4, "normal"), ("rds.mssql.ee.s3.large", 2, 8, "normal")),
}
RDS_MODES = (("single", ""), ("ha", ".ha"), ("replica", ".rr"))
# RDS v3 ListFlavors: SQL Server offers primary/standby pairs and read replicas with the Enterprise Edition only.
RDS_SQLSERVER_HA_EDITION = "_EE"
# DDS: node type -> (spec code suffix, (performance code, vCPUs, memory GB), ...); every version of DDS_VERSIONS.
DDS_SIZES = (("s6.medium.4", 1, 4), ("s6.large.4", 2, 8), ("s6.xlarge.4", 4, 16), ("s6.large.2", 2, 4))
DDS_TYPES = (("mongos", "mongos"), ("shard", "shard"), ("config", "config"), ("replica", "repset"), ("single", "single"))
DDS_ENGINE = "DDS-Community"
# GaussDB (openGauss): (spec code, vCPUs, memory GB, ha_mode), each for every version of GAUSS_VERSIONS.
GAUSS_FLAVORS = (
    ("gaussdb.opengauss.ee.dn.m4.2xlarge.8.in", 8, 64, "enterprise"),
    ("gaussdb.opengauss.ee.dn.m6.2xlarge.8.in", 8, 64, "enterprise"),
    ("gaussdb.opengauss.ee.dn.m6.4xlarge.8.in", 16, 128, "enterprise"),
    ("gaussdb.opengauss.ee.m6.2xlarge.8.ha", 8, 64, "centralization_standard"),
    ("gaussdb.opengauss.ee.m6.4xlarge.8.ha", 16, 128, "centralization_standard"),
)
GAUSS_VERSIONS = ("2.3", "2.7")
GAUSS_HA_MODES = ("centralization_standard", "enterprise")


def _zones(project_id: str) -> list[str]:
    region = project_region(project_id) or "eu-de"
    return [f"{region}-0{index}" for index in (1, 2, 3)]


def _stable_id(*parts: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_OID, "/".join(parts)).hex


# -- RDS v3 -------------------------------------------------------------------------------------------------------
def _rds_engine(database_name: str) -> str:
    """The engine of {database_name} (case-insensitive, as the API reference says) or a 400."""
    engine = next((name for name in rules.RDS_ENGINES if name.lower() == database_name.lower()), None)
    if engine is None:
        raise v3_error(400, "DBS.280001", f"Invalid parameter database_name: {database_name!r} is not one of {', '.join(rules.RDS_ENGINES)}.")
    return engine


def rds_flavors(engine: str, zones: list[str]) -> list[dict[str, Any]]:
    """Every flavor of an engine, in the shape of the SDK's Flavor model."""
    versions = list(rules.RDS_ENGINES[engine]["versions"])
    found = []
    for code, vcpus, ram, group in RDS_SIZES[engine]:
        for mode, suffix in RDS_MODES:
            supported = versions if mode == "single" or engine != "SQLServer" else \
                [version for version in versions if version.endswith(RDS_SQLSERVER_HA_EDITION)]
            found.append({
                "id": _stable_id("rds", code + suffix), "vcpus": str(vcpus), "ram": ram, "spec_code": code + suffix,
                "instance_mode": mode, "az_status": {zone: "normal" for zone in zones},
                "az_desc": {zone: zone for zone in zones}, "version_name": supported, "group_type": group,
            })
    return found


@rds_bp.get("/v3/<project_id>/flavors/<database_name>")
def list_rds_flavors(project_id: str, database_name: str) -> Response:
    """RDS v3 ListFlavors: GET flavors/{database_name}?version_name=&spec_code= (one answer, no paging)."""
    engine = _rds_engine(database_name)
    version, spec_code = request.args.get("version_name"), request.args.get("spec_code")
    flavors = [flavor for flavor in rds_flavors(engine, _zones(project_id))
               if version in (None, "") or version in flavor["version_name"]]
    if spec_code not in (None, ""):
        flavors = [flavor for flavor in flavors if flavor["spec_code"] == spec_code]
    return json_response({"flavors": flavors})


@rds_bp.get("/v3/<project_id>/datastores/<database_name>")
def list_rds_datastores(project_id: str, database_name: str) -> Response:  # pylint: disable=unused-argument
    """RDS v3 ListDatastores: GET datastores/{database_name} -> {"dataStores": [{id, name}]}."""
    engine = _rds_engine(database_name)
    return json_response({"dataStores": [{"id": _stable_id("rds-datastore", engine, version), "name": version}
                                         for version in rules.RDS_ENGINES[engine]["versions"]]})


# -- DDS v3.1 -----------------------------------------------------------------------------------------------------
def dds_flavors(zones: list[str]) -> list[dict[str, Any]]:
    """Every DDS flavor, in the shape of the SDK's FlavorInfo model; replica sets also list the three zones together."""
    found = []
    for node_type, suffix in DDS_TYPES:
        for code, vcpus, ram in DDS_SIZES:
            if (node_type == "config") != code.endswith(".2"):
                continue  # config nodes have the .2 (memory) flavors only; the other types the .4 ones
            status = {zone: "normal" for zone in zones}
            if node_type == "replica":
                status[",".join(zones)] = "normal"
            versions = [version for version in rules.DDS_VERSIONS if not (node_type == "single" and version in rules.DDS_NO_SINGLE_VERSIONS)]
            found.append({"engine_name": DDS_ENGINE, "type": node_type, "vcpus": str(vcpus), "ram": str(ram),
                          "spec_code": f"dds.mongodb.{code}.{suffix}", "az_status": status, "engine_versions": versions})
    return found


@dds_bp.get("/v3.1/<project_id>/flavors")
def list_dds_flavors(project_id: str) -> Response:
    """DDS ListFlavorInfos: GET v3.1 flavors?engine_name=&engine_version=&offset=&limit= (limit 1 to 100)."""
    engine = request.args.get("engine_name")
    if engine not in (None, "", DDS_ENGINE):
        raise v3_error(400, "DBS.200001", f"Invalid parameter engine_name: {engine!r} must be {DDS_ENGINE}.")
    version = request.args.get("engine_version")
    offset, limit = page_args()
    flavors = [flavor for flavor in dds_flavors(_zones(project_id)) if version in (None, "") or version in flavor["engine_versions"]]
    return json_response({"total_count": len(flavors), "flavors": flavors[offset:offset + limit]})


# -- GaussDB ------------------------------------------------------------------------------------------------------
def gauss_flavors(zones: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """(ha_mode, flavor) for every GaussDB flavor and version, the flavor in the shape of the SDK's Flavor model."""
    return [(mode, {"vcpus": str(vcpus), "ram": str(ram), "spec_code": code, "availability_zone": list(zones),
                    "az_status": {zone: "normal" for zone in zones}, "version": version, "name": "GaussDB", "group_type": "normal2"})
            for code, vcpus, ram, mode in GAUSS_FLAVORS for version in GAUSS_VERSIONS]


@gauss_bp.get("/v3/<project_id>/flavors")
def list_gauss_flavors(project_id: str) -> Response:
    """GaussDB ListFlavors: GET flavors?version=&spec_code=&ha_mode=&offset=&limit= -> {"flavors", "total"}."""
    args = request.args
    if args.get("ha_mode") not in (None, "") and args["ha_mode"] not in GAUSS_HA_MODES:
        raise v3_error(400, "DBS.200001", f"Invalid parameter ha_mode: {args['ha_mode']!r} is not one of {', '.join(GAUSS_HA_MODES)}.")
    offset, limit = page_args()
    flavors = [flavor for mode, flavor in gauss_flavors(_zones(project_id))
               if args.get("ha_mode") in (None, "", mode) and args.get("version") in (None, "", flavor["version"])
               and args.get("spec_code") in (None, "", flavor["spec_code"])]
    return json_response({"flavors": flavors[offset:offset + limit], "total": len(flavors)})
