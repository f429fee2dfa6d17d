"""Validation tables and checks of the create APIs (RDS, GaussDB, DDS)."""
from __future__ import annotations

import re
from typing import Any, Callable, NoReturn

from .common import ApiError

# Error codes (documented DBS codes; DBS.201204 for rule violations without a dedicated code).
PARAM = "DBS.200001"
NAME = "DBS.200021"
NAME_EXISTS = "DBS.200022"
VOL_RANGE = "DBS.200023"
REGION = "DBS.200024"
AZ = "DBS.200025"
VOL_TYPE = "DBS.200026"
VOL_STEP = "DBS.200027"
ENGINE = "DBS.200040"
VERSION = "DBS.200041"
REPLICATION = "DBS.200043"
HA_MODE = "DBS.200051"
PASSWORD = "DBS.200052"
FLAVOR = "DBS.200054"
REPLICA = "DBS.200055"
VPC = "DBS.200048"
SUBNET = "DBS.200049"
VALUE = "DBS.201204"
SOURCE_MISSING = "DBS.200013"
NOT_FOUND = "DBS.200002"
BUSY = "DBS.200019"
BAD_STATE = "DBS.200086"
# RDS v3 CreateInstance X-Client-Token: malformed / used with other parameters
CLIENT_TOKEN_INVALID = "DBS.280497"
CLIENT_TOKEN_REUSED = "DBS.280495"
CLIENT_TOKEN_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{3,63}$")
WINDOW_RE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
V1_WINDOW_RE = re.compile(r"^(\d{2}):(\d{2}):(\d{2})$")
TIME_ZONE_RE = re.compile(r"^UTC([+-])(\d{2}):00$")
QUARTERS = ("00", "15", "30", "45")

RDS_ENGINES: dict[str, dict[str, Any]] = {
    "MySQL": {
        "versions": ("5.6", "5.7", "8.0"), "specials": "~!@#$%^*-_=+?,()&",
        "replication": ("async", "semisync"), "default_port": 3306,
        "port_rule": "1024-65535 except 12017 and 33071",
        "port_ok": lambda p: 1024 <= p <= 65535 and p not in (12017, 33071),
    },
    "PostgreSQL": {
        "versions": ("9.5", "9.6", "10", "11", "12", "13", "14", "15"), "specials": "~!@#$%^*-_=+?,",
        "replication": ("async", "sync"), "default_port": 5432,
        "port_rule": "2100-9500", "port_ok": lambda p: 2100 <= p <= 9500,
    },
    "SQLServer": {
        "versions": ("2017_SE", "2017_EE", "2019_SE", "2019_EE", "2022_SE", "2022_EE"), "specials": "~!@#$%^*-_+?,",
        "replication": ("sync",), "default_port": 1433,
        "port_rule": "1433 or 2100-9500 except 5355 and 5985",
        "port_ok": lambda p: p == 1433 or (2100 <= p <= 9500 and p not in (5355, 5985)),
    },
}
# The full (complete) version the RDS APIs report for each documented version family: the RDS v1 list and
# detail answers show it as datastore.version, the RDS v3 list as datastore.complete_version. SQL Server
# versions name an edition, not a dotted release, and are reported as they are.
FULL_VERSIONS: dict[str, dict[str, str]] = {
    "MySQL": {"5.6": "5.6.51", "5.7": "5.7.17", "8.0": "8.0.21"},
    "PostgreSQL": {"9.5": "9.5.25", "9.6": "9.6.24", "10": "10.0.3", "11": "11.5.0", "12": "12.6.1", "13": "13.2.0",
                   "14": "14.4.0", "15": "15.4.0"},
    "SQLServer": {family: family for family in ("2017_SE", "2017_EE", "2019_SE", "2019_EE", "2022_SE", "2022_EE")},
}
_MINOR_RE = re.compile(r"^\d+(?:\.\d+)*$")


def version_family(engine: str, version: str) -> str | None:
    """The documented family of a version: the version itself, or the family it extends (8.0.21 -> 8.0); None if neither."""
    families = RDS_ENGINES[engine]["versions"] if engine in RDS_ENGINES else ()
    if version in families:
        return version
    extended = [family for family in families if version.startswith(family + ".") and _MINOR_RE.match(version[len(family) + 1:])]
    return max(extended, key=len) if extended else None


def full_version(engine: str, version: str) -> str:
    """The full version reported for a version: a full version as it is, a family from FULL_VERSIONS, else unchanged."""
    family = version_family(engine, version)
    if family is None or family != version:
        return version
    return FULL_VERSIONS.get(engine, {}).get(family, version)


RDS_VOLUME_TYPES = ("COMMON", "ULTRAHIGH", "CLOUDSSD", "ESSD")
RDS_CHARGE_MODES = ("postPaid", "prePaid")

GAUSS_SPECIALS = "~!@#%^*-_=+?,"
GAUSS_EXCLUDED_PORTS = (2378, 2379, 2380, 4999, 5000, 5999, 6000, 6001, 8097, 8098, 12016, 12017,
                        20049, 20050, 21731, 21732, 32122, 32123, 32124)
GAUSS_VOLUME_TYPES = ("ULTRAHIGH",)
GAUSS_GB_PER_SHARD = 40
GAUSS_MAX_GB_PER_SHARD = 16 * 1024

DDS_SPECIALS = "~!@#%^*-_=+?"
# DDS API reference, Creating a DB Instance: 4.0 and earlier run wiredTiger only, 4.2 and later rocksDB only;
# version 5.0 offers no single node instances.
DDS_VERSIONS = ("3.4", "4.0", "4.2", "4.4", "5.0")
DDS_ROCKSDB_VERSIONS = ("4.2", "4.4", "5.0")
DDS_NO_SINGLE_VERSIONS = ("5.0",)
# DDS ListInstances datastore.whole_version: the complete version an instance of each version runs.
DDS_WHOLE_VERSIONS = {"3.4": "3.4.17", "4.0": "4.0.3", "4.2": "4.2.24", "4.4": "4.4.25", "5.0": "5.0.20"}
DDS_STORAGE_TYPES = ("ULTRAHIGH", "EXTREMEHIGH", "ESSD")
# mode -> {flavor type: (min num, max num, size min, size max)}; size None = no storage allowed.
# Sizes: DDS API reference, Creating a DB Instance, flavor.size (a replica set 10 to 2000 GB, as a shard).
DDS_FLAVORS: dict[str, dict[str, tuple[int, int, int | None, int | None]]] = {
    "Sharding": {"mongos": (2, 16, None, None), "shard": (2, 16, 10, 2000), "config": (1, 1, 20, 20)},
    "ReplicaSet": {"replica": (1, 1, 10, 2000)},
    "Single": {"single": (1, 1, 10, 1000)},
}

ErrorFactory = Callable[[str, str], ApiError]


class Checker:
    """Field checks that raise the service's error shape on the first violation."""

    def __init__(self, err: ErrorFactory) -> None:
        self.err = err

    def fail(self, code: str, msg: str) -> NoReturn:
        """Raise the error."""
        raise self.err(code, msg)

    def obj(self, body: dict[str, Any], key: str, required: bool = True) -> dict[str, Any] | None:
        """A nested object."""
        value = body.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, dict):
            self.fail(PARAM, f"Invalid parameter {key}: an object is required.")
        return value

    def text(self, body: dict[str, Any], key: str, code: str = PARAM, required: bool = True, field: str | None = None) -> str | None:
        """A string that, when required, must not be empty."""
        value = body.get(key)
        label = field or key
        if value is None and not required:
            return None
        if not isinstance(value, str):
            self.fail(PARAM if value is not None else code, f"Invalid parameter {label}: a string is required.")
        if required and not value.strip():
            self.fail(code, f"Invalid parameter {label}: the value cannot be empty.")
        return value

    def integer(self, value: Any, label: str, allow_str: bool = False) -> int:
        """An integer (optionally given as a digit string)."""
        if isinstance(value, str) and allow_str and re.fullmatch(r"-?\d+", value.strip()):
            return int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(PARAM, f"Invalid parameter {label}: an integer is required.")
        return value

    def name(self, value: Any, label: str = "name") -> str:
        """4-64 characters, starts with a letter, letters/digits/-/_."""
        if not isinstance(value, str) or not NAME_RE.match(value):
            self.fail(NAME, f"Invalid parameter {label}: it must be 4 to 64 characters long, start with a letter and "
                            "contain only letters, digits, hyphens (-) and underscores (_).")
        return value

    def password(self, value: Any, specials: str, label: str = "password", all_classes: bool = False) -> None:
        """8-32 characters, at least three classes (all four with all_classes), only the allowed special characters."""
        if not isinstance(value, str) or not 8 <= len(value) <= 32:
            self.fail(PASSWORD, f"Invalid parameter {label}: it must be 8 to 32 characters long.")
        classes = [any(c.isupper() and c.isascii() for c in value), any(c.islower() and c.isascii() for c in value),
                   any(c.isdigit() for c in value), any(c in specials for c in value)]
        bad = sorted({c for c in value if not (c.isascii() and c.isalnum()) and c not in specials})
        if bad:
            self.fail(PASSWORD, f"Invalid parameter {label}: character(s) {''.join(bad)!r} are not allowed; special characters: {specials}")
        if all_classes and not all(classes):
            self.fail(PASSWORD, f"Invalid parameter {label}: it must contain uppercase letters, lowercase letters, digits and "
                                f"special characters ({specials}).")
        if sum(classes) < 3:
            self.fail(PASSWORD, f"Invalid parameter {label}: it must contain at least three of uppercase letters, lowercase letters, "
                                f"digits and special characters ({specials}).")

    def port(self, value: Any, allowed: Callable[[int], bool], rule: str, label: str = "port") -> int:
        """A port given as an integer or a digit string."""
        port = self.integer(value, label, allow_str=True)
        if not allowed(port):
            self.fail(VALUE, f"Invalid parameter {label}: {port} is not allowed ({rule}).")
        return port

    def volume_size(self, size: int, low: int, high: int, step: int, label: str = "volume.size") -> None:
        """Range and step of a volume size."""
        if not low <= size <= high:
            self.fail(VOL_RANGE, f"Invalid parameter {label}: {size} GB is out of range ({low} to {high} GB).")
        if size % step:
            self.fail(VOL_STEP, f"Invalid parameter {label}: {size} GB must be a multiple of {step} GB.")

    def volume(self, body: dict[str, Any], types: tuple[str, ...], key: str = "volume") -> dict[str, Any]:
        """A volume object {type, size} (size range checked by the caller)."""
        vol = self.obj(body, key)
        assert vol is not None
        if vol.get("type") not in types:
            self.fail(VOL_TYPE, f"Invalid parameter {key}.type: {vol.get('type')!r} is not one of {', '.join(types)}.")
        self.integer(vol.get("size"), f"{key}.size")
        return vol

    def azs(self, value: Any, counts: tuple[int, ...], label: str = "availability_zone") -> list[str]:
        """Comma-separated AZs, none empty, in one of the allowed counts."""
        if not isinstance(value, str) or not value.strip():
            self.fail(AZ, f"Invalid parameter {label}: the value cannot be empty.")
        zones = [zone.strip() for zone in value.split(",")]
        if any(not zone for zone in zones):
            self.fail(AZ, f"Invalid parameter {label}: {value!r} contains an empty AZ.")
        if len(zones) not in counts:
            wanted = " or ".join(str(c) for c in counts)
            self.fail(AZ, f"Invalid parameter {label}: {wanted} comma-separated AZ(s) required, {len(zones)} given.")
        return zones

    def window(self, value: Any, label: str = "backup_strategy.start_time") -> str:
        """hh:mm-HH:MM with HH = hh + 1 (mod 24) and equal minutes in 00/15/30/45."""
        match = WINDOW_RE.match(value) if isinstance(value, str) else None
        if not match:
            self.fail(VALUE, f"Invalid parameter {label}: {value!r} is not in the format hh:mm-HH:MM.")
        start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
        if start_h > 23 or end_h > 23 or (start_h + 1) % 24 != end_h:
            self.fail(VALUE, f"Invalid parameter {label}: the end hour must be one hour after the start hour.")
        if match.group(2) != match.group(4) or match.group(2) not in QUARTERS or start_m != end_m:
            self.fail(VALUE, f"Invalid parameter {label}: the minutes must be equal and one of 00, 15, 30, 45.")
        return value

    def v1_window(self, value: Any, label: str = "backupStrategy.startTime") -> str:
        """hh:mm:ss with minutes in 00/15/30/45 and seconds 00."""
        match = V1_WINDOW_RE.match(value) if isinstance(value, str) else None
        if not match or int(match.group(1)) > 23 or match.group(2) not in QUARTERS or match.group(3) != "00":
            self.fail(VALUE, f"Invalid parameter {label}: {value!r} must be hh:mm:00 with minutes 00, 15, 30 or 45.")
        return value

    def keep_days(self, value: Any, label: str = "backup_strategy.keep_days", allow_str: bool = False) -> int:
        """0 to 732 days."""
        days = self.integer(value, label, allow_str=allow_str)
        if not 0 <= days <= 732:
            self.fail(VALUE, f"Invalid parameter {label}: {days} is out of range (0 to 732).")
        return days

    def choice(self, value: Any, allowed: tuple[str, ...], code: str, label: str) -> str:
        """One of a fixed set of strings."""
        if value not in allowed:
            self.fail(code, f"Invalid parameter {label}: {value!r} is not one of {', '.join(allowed)}.")
        return str(value)

    def region(self, value: Any, expected: str | None, label: str = "region", required: bool = True) -> str | None:
        """The region must be the project's region."""
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(REGION, f"Invalid parameter {label}: the value cannot be empty.")
        if value != expected:
            self.fail(REGION, f"Invalid parameter {label}: {value!r} is not the region of this project ({expected}).")
        return value

    def time_zone(self, value: Any, label: str = "time_zone") -> str:
        """UTC-12:00 .. UTC+12:00 at the full hour."""
        match = TIME_ZONE_RE.match(value) if isinstance(value, str) else None
        if not match or int(match.group(2)) > 12:
            self.fail(VALUE, f"Invalid parameter {label}: {value!r} must be UTC+hh:00 or UTC-hh:00 with hh from 00 to 12.")
        return value

    def boolean(self, value: Any, label: str) -> bool:
        """Only true or false."""
        if not isinstance(value, bool):
            self.fail(PARAM, f"Invalid parameter {label}: only true or false is allowed.")
        return value


def gauss_port_ok(port: int) -> bool:
    """GaussDB: 1024-39998, not 8000, not a reserved port."""
    return 1024 <= port <= 39998 and port != 8000 and port not in GAUSS_EXCLUDED_PORTS


def dds_port_ok(port: int) -> bool:
    """DDS: 2100-9500 or 27017-27019."""
    return 2100 <= port <= 9500 or port in (27017, 27018, 27019)
