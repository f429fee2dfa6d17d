# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What can be created: flavors and engine versions, for rds_flavor_info, rds_engine_info, dds_flavor_info and
gauss_flavor_info.

Each module reads one API, once per engine (the paged ones read further pages only past 100 flavors), with the
filters the API offers sent as query parameters; the other filters are applied to the answer:

* RDS v3 ListFlavors ``GET /v3/{project_id}/flavors/{database_name}?version_name=&spec_code=``;
* RDS v3 ListDatastores ``GET /v3/{project_id}/datastores/{database_name}``;
* DDS ListFlavorInfos ``GET /v3.1/{project_id}/flavors?engine_name=&engine_version=&offset=&limit=`` (the v3
  ListFlavors that also takes ``region`` is deprecated in the SDK; Open Telekom Cloud documents v3.1 too);
* GaussDB ListFlavors ``GET /v3/{project_id}/flavors?version=&spec_code=&ha_mode=&offset=&limit=`` (its total is
  ``total``, not ``total_count``).
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from ansible_collections.hwcloud.dbaas.plugins.module_utils.api import MAX_PAGES, PAGE_LIMIT
from ansible_collections.hwcloud.dbaas.plugins.module_utils.errors import DbaasError
from ansible_collections.hwcloud.dbaas.plugins.module_utils.services.rds import ENGINES

RDS_FLAVORS = "/v3/{project_id}/flavors/"
RDS_DATASTORES = "/v3/{project_id}/datastores/"
DDS_FLAVORS = "/v3.1/{project_id}/flavors"
GAUSS_FLAVORS = "/v3/{project_id}/flavors"
DDS_ENGINE = "DDS-Community"
# The status of a flavor in an availability zone (az_status) when it can be ordered there.
ON_SALE = "normal"
RDS_INSTANCE_MODES = ("single", "ha", "replica")
DDS_NODE_TYPES = ("mongos", "shard", "config", "replica", "single")
GAUSS_HA_MODES = ("centralization_standard", "enterprise")


def flavor_list(key: str = "flavors") -> Dict[str, Any]:
    """What a flavor answer must hold: a list of objects, each with its spec_code."""
    return {key: list, key + ".*": dict, key + ".*.spec_code": str}


def _kept(flavors: List[Dict[str, Any]], params: Mapping[str, Any], matches: Mapping[str, str]) -> List[Dict[str, Any]]:
    """The flavors that match every filter the API does not apply: option -> key of the flavor, and the zone."""
    wanted = {key: params[option] for option, key in matches.items() if params.get(option) not in (None, "")}
    zone = params.get("availability_zone")
    return [flavor for flavor in flavors
            if all(flavor.get(key) == value for key, value in wanted.items())
            and (not zone or (flavor.get("az_status") or {}).get(zone) == ON_SALE)]


def _pages(client: Any, service: str, path: str, total_key: str, filters: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """Every flavor of a paged list: pages of PAGE_LIMIT until ``total_key`` is reached (or an empty page)."""
    found: List[Dict[str, Any]] = []
    offset = 0
    for _page in range(MAX_PAGES):
        page = client.request(service, "GET", path, query=dict(filters, offset=offset, limit=PAGE_LIMIT), require=flavor_list())
        items = page["flavors"]
        found.extend(items)
        offset += len(items)
        total = page.get(total_key)
        if not items or (isinstance(total, int) and not isinstance(total, bool) and offset >= total):
            return found
    raise DbaasError("%s %s: the list did not end after %d pages of %d; the service may ignore offset" % (service, path, MAX_PAGES, PAGE_LIMIT))


def _given(value: Any) -> Optional[Any]:
    return None if value in (None, "") else value


# RDS --------------------------------------------------------------------------------------------------------------
def rds_flavors(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """rds_flavor_info: RDS v3 ListFlavors of the engine, by version and flavor on the server, by mode and zone here."""
    database = ENGINES[params["engine"]]["datastore"]
    answer = client.request("rds", "GET", RDS_FLAVORS + database, require=flavor_list(),
                            query={"version_name": _given(params.get("engine_version")), "spec_code": _given(params.get("flavor"))})
    return _kept(answer["flavors"], params, {"instance_mode": "instance_mode", "flavor": "spec_code"})


def rds_engines(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """rds_engine_info: RDS v3 ListDatastores of the engine, or of every engine (one request each)."""
    engines = [params["engine"]] if params.get("engine") else list(ENGINES)
    found = []
    for engine in engines:
        database = ENGINES[engine]["datastore"]
        answer = client.request("rds", "GET", RDS_DATASTORES + database,
                                require={"dataStores": list, "dataStores.*": dict, "dataStores.*.name": str})
        found.append({"engine": engine, "datastore": database, "versions": answer["dataStores"]})
    return found


# DDS --------------------------------------------------------------------------------------------------------------
def dds_flavors(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """dds_flavor_info: DDS ListFlavorInfos (v3.1), by version on the server, by node type, flavor and zone here."""
    flavors = _pages(client, "dds", DDS_FLAVORS, "total_count", {"engine_name": DDS_ENGINE, "engine_version": _given(params.get("engine_version"))})
    return _kept(flavors, params, {"type": "type", "flavor": "spec_code"})


# GaussDB ----------------------------------------------------------------------------------------------------------
def gauss_flavors(client: Any, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """gauss_flavor_info: GaussDB ListFlavors, by version, flavor and deployment on the server, by zone here."""
    filters = {"version": _given(params.get("engine_version")), "spec_code": _given(params.get("flavor")),
               "ha_mode": _given(params.get("ha_mode"))}
    return _kept(_pages(client, "gaussdb", GAUSS_FLAVORS, "total", filters), params, {"flavor": "spec_code"})
