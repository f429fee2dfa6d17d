# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Desired-versus-actual comparison of only the keys the user set."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

Difference = Tuple[str, Any, Any]
# A compare of its own for one option path: (the wanted value, the record's mapping that holds the key) -> same?
Matcher = Callable[[Any, Mapping[str, Any]], bool]


def mapping_at(record: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """record[key] when it is a mapping, else an empty one (answers are not trusted to have the documented shape)."""
    value = record.get(key)
    return value if isinstance(value, Mapping) else {}


def pruned(mapping: Mapping[str, Any]) -> Dict[str, Any]:
    """prune() of a dict of options, typed as the dict it is."""
    result: Dict[str, Any] = prune(mapping)
    return result


def prune(value: Any) -> Any:
    """Drop keys whose value is None, recursively: those are options the user did not set."""
    if isinstance(value, Mapping):
        return {key: prune(item) for key, item in value.items() if item is not None and prune(item) != {}}
    return value


def _same(desired: Any, actual: Any) -> bool:
    if isinstance(desired, bool) or isinstance(actual, bool):
        return str(desired).lower() == str(actual).lower()
    if isinstance(desired, (int, float)) or isinstance(actual, (int, float)):
        return str(desired) == str(actual)
    if isinstance(desired, list) and isinstance(actual, list):
        return sorted(str(item) for item in desired) == sorted(str(item) for item in actual)
    return bool(desired == actual)


def same_version(wanted: Any, datastore: Mapping[str, Any]) -> bool:
    """An engine version matches the record's version or complete_version, or is the family of one (5.7 and 5.7.17).

    RDS v3 lists `version` (the major version the create asked for) and `complete_version` (MySQL and PostgreSQL);
    RDS v1 lists the full version only. A full version wanted where only the family is reported cannot be told apart.
    """
    text = str(wanted)
    version, complete = (str(datastore.get(key) or "") for key in ("version", "complete_version"))
    if text in (version, complete):
        return True
    fullest = complete or version
    if fullest.startswith(text + "."):
        return True  # the family of what runs
    return not complete and bool(version) and text.startswith(version + ".")


def zone_names(value: Any) -> List[str]:
    """The availability zones of a comma-separated string or a list, in their order, without blanks."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def same_zones(wanted: Any, record: Mapping[str, Any]) -> bool:
    """The record's availability_zone names the same zones as the task, in any order and as often as they come.

    The list APIs report a zone per node (which node runs where changes with a switchover), the task names them in
    the create's order: one zone for all nodes (GaussDB: the same zone three times) or the set of zones.
    """
    return set(zone_names(wanted)) == set(zone_names(record.get("availability_zone")))


def node_zones(nodes: Any, first_roles: Tuple[str, ...] = ()) -> Optional[str]:
    """The availability zones of an instance's nodes, each once and comma-separated: those of the nodes whose role is
    one of first_roles (the primary) first, then the others in the listed order; None when no node names one."""
    listed = [node for node in nodes if isinstance(node, Mapping)] if isinstance(nodes, list) else []
    ordered = [node for node in listed if node.get("role") in first_roles] + [node for node in listed if node.get("role") not in first_roles]
    found: List[str] = []
    for node in ordered:
        for zone in zone_names(node.get("availability_zone")):
            if zone not in found:
                found.append(zone)
    return ",".join(found) or None


def with_node_zones(record: Mapping[str, Any], nodes: Any, first_roles: Tuple[str, ...] = ()) -> Dict[str, Any]:
    """The record with availability_zone taken from its nodes (the list APIs report the zones there only); a record
    whose nodes name none keeps the availability_zone it has (a create answer, an older list answer) or goes without."""
    out = dict(record)
    zones = node_zones(nodes, first_roles)
    if zones is not None:
        out["availability_zone"] = zones
    return out


# RDS v3 and GaussDB node roles: master (the primary), slave (its standby), readreplica (RDS).
MASTER_ROLES = ("master",)


def listed_zones(record: Mapping[str, Any]) -> Dict[str, Any]:
    """The record with availability_zone from its nodes: RDS v3 and GaussDB ListInstances report the zones per node
    (nodes[].availability_zone), the master's first as the create takes them (primary, standby); the create answer
    reports them for the instance (kept when there are no nodes)."""
    return with_node_zones(record, record.get("nodes"), MASTER_ROLES)


def differences(desired: Mapping[str, Any], actual: Mapping[str, Any], prefix: str = "",
                matchers: Optional[Mapping[str, Matcher]] = None) -> List[Difference]:
    """(option path, desired, actual) for each key set in desired that the actual record contradicts.

    ``matchers`` maps an option path (e.g. datastore.version) to a compare of its own.
    """
    found: List[Difference] = []
    for key, wanted in prune(desired).items():
        path = prefix + key
        have = actual.get(key) if isinstance(actual, Mapping) else None
        if isinstance(wanted, Mapping):
            found.extend(differences(wanted, have if isinstance(have, Mapping) else {}, path + ".", matchers))
        elif have is None:
            continue  # a field the service does not report cannot drift
        elif matchers and path in matchers:
            if not matchers[path](wanted, actual):
                found.append((path, wanted, have))
        elif not _same(wanted, have):
            found.append((path, wanted, have))
    return found


def subset(actual: Mapping[str, Any], shape: Mapping[str, Any]) -> Dict[str, Any]:
    """The part of the actual record that has the keys of shape (for before/after diffs)."""
    picked: Dict[str, Any] = {}
    for key, wanted in prune(shape).items():
        have = actual.get(key) if isinstance(actual, Mapping) else None
        picked[key] = subset(have or {}, wanted) if isinstance(wanted, Mapping) else have
    return picked
