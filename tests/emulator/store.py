"""SQLite state of the emulator: survives restarts, safe for a threaded server."""
from __future__ import annotations

import contextlib
import copy
import json
import sqlite3
import threading
from typing import Any, Iterator

DEFAULT_CONFIG: dict[str, Any] = {
    "ready_delay": 2.0,
    "delete_delay": 0.0,
    "token_ttl": 86400.0,
    "clock_offset": 0.0,
    "domain": "emulator-domain",
    "domain_id": "e1d0a1b2c3d4e5f60718293a4b5c6d7e",
    "user": "emulator-user",
    "user_id": "a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2",
    "password": "Emulator-Passw0rd!",
    "ak": "EMULATORACCESSKEY0001",
    "sk": "emulator-secret-key-0001",
    "projects": {
        "eu-de": "0483b6b16e954cb88930a360d2c4e663",
        "cn-north-4": "6b1a1d1e0c2f4b8c9a3e2f1d0c9b8a71",
    },
    "v1_list_as_object": False,
    "v1_list_slaves": False,
    "v1_create_status": 200,
    "dds_unique_names": True,
    "client_token_ttl": 86400.0,
    "configurations": {},
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS instances (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, service TEXT NOT NULL,
    project_id TEXT NOT NULL, name TEXT NOT NULL, delete_at REAL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS instances_by_name ON instances (service, project_id, name);
CREATE INDEX IF NOT EXISTS instances_by_delete ON instances (delete_at);
CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, service TEXT NOT NULL, project_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (digest TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS backups (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL,
    instance_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests (seq INTEGER PRIMARY KEY AUTOINCREMENT, service TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS faults (seq INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS client_tokens (key TEXT PRIMARY KEY, created REAL NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS due (key TEXT PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS due_by_time ON due (at);
"""

_WIPE_TABLES = ("instances", "jobs", "tokens", "backups", "requests", "faults", "client_tokens", "due")


class Store:  # pylint: disable=too-many-public-methods
    """All persistent state. Every method is atomic; use transaction() to group several."""

    def __init__(self, path: str = ":memory:", startup_config: dict[str, Any] | None = None) -> None:
        self._lock = threading.RLock()
        self._depth = 0
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._defaults = copy.deepcopy(DEFAULT_CONFIG)
        self._defaults.update(copy.deepcopy(startup_config or {}))
        self._config_cache: dict[str, Any] | None = None
        with self.transaction():
            stored = self._load_config()
            merged = copy.deepcopy(DEFAULT_CONFIG)
            merged.update(stored)
            merged.update(copy.deepcopy(startup_config or {}))
            self._save_config(merged)

    # -- transactions -------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock and run the enclosed statements as one transaction."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._db.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self._db.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._db.execute("COMMIT")

    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def _exec(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self.transaction():
            return self._db.execute(sql, args)

    # -- config ---------------------------------------------------------
    def _load_config(self) -> dict[str, Any]:
        return {key: json.loads(value) for key, value in self._db.execute("SELECT key, value FROM config").fetchall()}

    def _save_config(self, conf: dict[str, Any]) -> None:
        for key, value in conf.items():
            self._db.execute("INSERT OR REPLACE INTO config (key, value) VALUES (?, ?)", (key, json.dumps(value)))
        self._config_cache = copy.deepcopy(conf)

    def config(self) -> dict[str, Any]:
        """Current configuration (a copy)."""
        with self._lock:
            if self._config_cache is None:
                self._config_cache = self._load_config()
            return copy.deepcopy(self._config_cache)

    def update_config(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Merge changes into the configuration; returns the new configuration."""
        with self.transaction():
            conf = self.config()
            conf.update(copy.deepcopy(changes))
            self._save_config(conf)
            return copy.deepcopy(conf)

    def restore_default_config(self) -> None:
        """Back to the startup configuration."""
        with self.transaction():
            self._db.execute("DELETE FROM config")
            self._save_config(copy.deepcopy(self._defaults))

    def reset(self) -> None:
        """Wipe everything except the configuration."""
        with self.transaction():
            for table in _WIPE_TABLES:
                self._db.execute(f"DELETE FROM {table}")  # nosec - fixed table names

    # -- instances ----------------------------------------------------
    def put_instance(self, rec: dict[str, Any]) -> None:
        """Insert or update an instance record (keeps its creation order)."""
        self._exec(
            "INSERT INTO instances (id, service, project_id, name, delete_at, data) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name=excluded.name, delete_at=excluded.delete_at, data=excluded.data",
            (rec["id"], rec["service"], rec["project_id"], rec["name"], rec.get("delete_at"), json.dumps(rec)),
        )

    def put_instances(self, recs: list[dict[str, Any]]) -> None:
        """Insert many records in one transaction."""
        with self.transaction():
            for rec in recs:
                self.put_instance(rec)

    def get_instance(self, service: str, instance_id: str) -> dict[str, Any] | None:
        """One instance of a service by id."""
        rows = self._rows("SELECT data FROM instances WHERE id = ? AND service = ?", (instance_id, service))
        return json.loads(rows[0][0]) if rows else None

    def list_instances(self, service: str, project_id: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
        """Instances of a service in creation order, optionally of one project / with one exact name."""
        sql = "SELECT data FROM instances WHERE service = ?"
        args: list[Any] = [service]
        if project_id is not None:
            sql += " AND project_id = ?"
            args.append(project_id)
        if name is not None:
            sql += " AND name = ?"
            args.append(name)
        return [json.loads(row[0]) for row in self._rows(sql + " ORDER BY seq", tuple(args))]

    def delete_instance(self, instance_id: str) -> None:
        """Remove an instance record."""
        self._exec("DELETE FROM instances WHERE id = ?", (instance_id,))

    def purge_deleted(self, now: float) -> int:
        """Remove instances whose delayed deletion is due."""
        return self._exec("DELETE FROM instances WHERE delete_at IS NOT NULL AND delete_at <= ?", (now,)).rowcount

    # -- jobs -------------------------------------------------------------
    def put_job(self, job: dict[str, Any]) -> None:
        """Insert or replace a job."""
        self._exec("INSERT OR REPLACE INTO jobs (id, service, project_id, data) VALUES (?, ?, ?, ?)",
                   (job["id"], job["service"], job["project_id"], json.dumps(job)))

    def get_job(self, job_id: str) -> dict[str, Any] | None:
        """A job by id."""
        rows = self._rows("SELECT data FROM jobs WHERE id = ?", (job_id,))
        return json.loads(rows[0][0]) if rows else None

    # -- tokens -----------------------------------------------------------
    def put_token(self, digest: str, data: dict[str, Any]) -> None:
        """Store an issued token under the digest of its value."""
        self._exec("INSERT OR REPLACE INTO tokens (digest, data) VALUES (?, ?)", (digest, json.dumps(data)))

    def get_token(self, digest: str) -> dict[str, Any] | None:
        """A token record by digest."""
        rows = self._rows("SELECT data FROM tokens WHERE digest = ?", (digest,))
        return json.loads(rows[0][0]) if rows else None

    def expire_tokens(self, when: float) -> None:
        """Make every issued token expire at `when`."""
        with self.transaction():
            for digest, raw in self._db.execute("SELECT digest, data FROM tokens").fetchall():
                data = json.loads(raw)
                data["expires"] = min(data["expires"], when)
                self._db.execute("UPDATE tokens SET data = ? WHERE digest = ?", (json.dumps(data), digest))

    # -- backups ----------------------------------------------------------
    def put_backup(self, backup: dict[str, Any]) -> None:
        """Insert or replace a backup."""
        self._exec(
            "INSERT INTO backups (id, project_id, instance_id, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data=excluded.data",
            (backup["id"], backup["project_id"], backup["instance_id"], json.dumps(backup)),
        )

    def list_backups(self, project_id: str, instance_id: str | None = None) -> list[dict[str, Any]]:
        """Backups of a project (optionally of one instance) in creation order."""
        sql, args = "SELECT data FROM backups WHERE project_id = ?", [project_id]
        if instance_id is not None:
            sql += " AND instance_id = ?"
            args.append(instance_id)
        return [json.loads(row[0]) for row in self._rows(sql + " ORDER BY seq", tuple(args))]

    def get_backup(self, backup_id: str) -> dict[str, Any] | None:
        """A backup by id."""
        rows = self._rows("SELECT data FROM backups WHERE id = ?", (backup_id,))
        return json.loads(rows[0][0]) if rows else None

    def delete_backup(self, backup_id: str) -> None:
        """Remove a backup."""
        self._exec("DELETE FROM backups WHERE id = ?", (backup_id,))

    # -- work that ends at a time on the emulator clock ---------------------
    def put_due(self, key: str, kind: str, ref: str, at: float) -> None:
        """Remember that `key` (an instance operation or a backup) has to be settled at `at`."""
        self._exec("INSERT OR REPLACE INTO due (key, kind, ref, at) VALUES (?, ?, ?, ?)", (key, kind, ref, at))

    def take_due(self, now: float) -> list[tuple[str, str, str]]:
        """Remove and return (key, kind, ref) of everything due at `now`, oldest first."""
        if not self._rows("SELECT 1 FROM due WHERE at <= ? LIMIT 1", (now,)):
            return []  # the common case costs one indexed read and no write transaction
        with self.transaction():
            rows = self._db.execute("SELECT key, kind, ref FROM due WHERE at <= ? ORDER BY at", (now,)).fetchall()
            self._db.execute("DELETE FROM due WHERE at <= ?", (now,))
        return [(str(key), str(kind), str(ref)) for key, kind, ref in rows]

    # -- request log ------------------------------------------------------
    def log_request(self, entry: dict[str, Any]) -> None:
        """Append to the request log; the sequence number is assigned here."""
        with self.transaction():
            cur = self._db.execute("INSERT INTO requests (service, data) VALUES (?, ?)", (entry["service"], "{}"))
            entry = dict(entry, seq=cur.lastrowid)
            self._db.execute("UPDATE requests SET data = ? WHERE seq = ?", (json.dumps(entry), cur.lastrowid))

    def list_requests(self, service: str | None = None) -> list[dict[str, Any]]:
        """The request log, oldest first."""
        if service:
            rows = self._rows("SELECT data FROM requests WHERE service = ? ORDER BY seq", (service,))
        else:
            rows = self._rows("SELECT data FROM requests ORDER BY seq")
        return [json.loads(row[0]) for row in rows]

    def clear_requests(self) -> None:
        """Empty the request log."""
        self._exec("DELETE FROM requests")

    # -- faults -----------------------------------------------------------
    def add_fault(self, fault: dict[str, Any]) -> int:
        """Append a fault rule; returns its id."""
        with self.transaction():
            cur = self._db.execute("INSERT INTO faults (data) VALUES (?)", ("{}",))
            fault = dict(fault, id=cur.lastrowid)
            self._db.execute("UPDATE faults SET data = ? WHERE seq = ?", (json.dumps(fault), cur.lastrowid))
            return int(cur.lastrowid or 0)

    def list_faults(self) -> list[dict[str, Any]]:
        """All fault rules in order."""
        return [json.loads(row[0]) for row in self._rows("SELECT data FROM faults ORDER BY seq")]

    def update_fault(self, fault: dict[str, Any]) -> None:
        """Store a changed fault rule."""
        self._exec("UPDATE faults SET data = ? WHERE seq = ?", (json.dumps(fault), fault["id"]))

    def clear_faults(self) -> None:
        """Remove every fault rule."""
        self._exec("DELETE FROM faults")

    # -- idempotency keys -------------------------------------------------
    def get_client_token(self, key: str, not_before: float) -> dict[str, Any] | None:
        """A remembered answer for an idempotency key, if younger than not_before."""
        rows = self._rows("SELECT data FROM client_tokens WHERE key = ? AND created >= ?", (key, not_before))
        return json.loads(rows[0][0]) if rows else None

    def put_client_token(self, key: str, created: float, answer: dict[str, Any]) -> None:
        """Remember the answer given for an idempotency key."""
        self._exec("INSERT OR REPLACE INTO client_tokens (key, created, data) VALUES (?, ?, ?)", (key, created, json.dumps(answer)))
