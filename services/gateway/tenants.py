"""Tenants and their API keys, in one SQLite file (WAL) that the gateway and the admin CLI share.

A key reads `tsk_<key_id>_<secret>`: `key_id` (12 hex digits) names the key in listings and
revocations, `secret` is 32 random bytes, urlsafe base64. The plaintext is returned once, by
`create_key`; the store keeps only the SHA-256 of the secret. `authenticate` maps a presented
key to its tenant, or to None for anything else (unknown, revoked, malformed), and never raises
for bad input. Nothing is cached: a revoked key stops working on the next call, at the cost of
one indexed read per RPC.

A `Tenants` is safe to share between threads and an event loop: each thread reads through its
own connection and every write opens one for a `BEGIN IMMEDIATE` transaction, so several
processes (gateway replicas on one machine, the admin CLI) can use the file at once.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from tripsmith.core.errors import AlreadyExists, InvalidArgument, NotFound
from tripsmith.runtime.auth import TENANT_PATTERN

R = TypeVar("R")

DEMO_TENANT = "demo"
KEY_PREFIX = "tsk"
_KEY_ID = re.compile(r"[0-9a-f]{12}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")
_TENANT_RULE = "must be 1 to 63 lowercase letters, digits or hyphens, starting and ending with a letter or digit"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tenants (
    name TEXT PRIMARY KEY, create_time REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
    key_id TEXT PRIMARY KEY, tenant TEXT NOT NULL REFERENCES tenants(name),
    secret_sha256 BLOB NOT NULL, create_time REAL NOT NULL, revoke_time REAL
);
CREATE INDEX IF NOT EXISTS api_keys_by_tenant ON api_keys(tenant, create_time);
"""


@dataclass(frozen=True)
class ApiKey:
    """What the store knows about a key: never its secret."""

    key_id: str
    tenant: str
    #: The part of the key that is safe to show, so that people can recognise it.
    prefix: str
    create_time: datetime
    revoke_time: datetime | None = None

    @property
    def revoked(self) -> bool:
        return self.revoke_time is not None


def _digest(secret: str) -> bytes:
    # A fast, unsalted hash is enough here: the secret is 256 random bits, so there is no
    # dictionary to try and brute force is hopeless; slow password hashes (bcrypt, scrypt)
    # only protect low-entropy secrets and would cost milliseconds on every RPC.
    return hashlib.sha256(secret.encode()).digest()


def _instant(seconds: float | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def _check_tenant(name: object, field: str = "tenant") -> str:
    if not isinstance(name, str) or not TENANT_PATTERN.fullmatch(name):
        raise InvalidArgument.of(field, _TENANT_RULE)
    return name


def _parse(presented: object) -> tuple[str, str] | None:
    """(key_id, secret) of a well-formed key, else None."""
    if not isinstance(presented, str):
        return None
    # The secret's alphabet includes "_", so split only twice: the key_id has none.
    parts = presented.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    key_id, secret = parts[1], parts[2]
    if not _KEY_ID.fullmatch(key_id) or not _SECRET.fullmatch(secret):
        return None
    return key_id, secret


class Tenants:
    """The tenant and key store in the SQLite file at `path` (created with its parents)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._readers = threading.local()
        with closing(self._connect()) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=ON")
        return connection

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; it also serialises writers across processes."""
        with closing(self._connect()) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _read(self, work: Callable[[sqlite3.Connection], R]) -> R:
        # One reading connection per thread, kept open: opening one costs more than the lookup.
        # Autocommit reads start a fresh snapshot each time, so writes by other connections and
        # processes (a revocation) are seen by the very next read.
        connection = getattr(self._readers, "connection", None)
        if connection is None:
            connection = self._readers.connection = self._connect()
        return work(connection)

    @staticmethod
    def _require_tenant(connection: sqlite3.Connection, tenant: object) -> str:
        name = _check_tenant(tenant)
        if connection.execute("SELECT 1 FROM tenants WHERE name = ?", (name,)).fetchone() is None:
            raise NotFound(f"tenant {name} not found", metadata={"tenant": name})
        return name

    def create_tenant(self, name: str) -> None:
        """Registers a tenant; AlreadyExists if it is there, InvalidArgument("name") if malformed."""
        name = _check_tenant(name, "name")
        with self._write() as connection:
            inserted = connection.execute(
                "INSERT OR IGNORE INTO tenants (name, create_time) VALUES (?, ?)", (name, time.time())
            ).rowcount
        if not inserted:
            raise AlreadyExists(f"tenant {name} already exists", metadata={"tenant": name})

    def create_key(self, tenant: str) -> tuple[ApiKey, str]:
        """A new key for `tenant`: its metadata and its plaintext, which is never shown again."""
        with self._write() as connection:
            return self._create_key(connection, self._require_tenant(connection, tenant))

    @staticmethod
    def _create_key(connection: sqlite3.Connection, tenant: str) -> tuple[ApiKey, str]:
        key_id, secret, now = secrets.token_hex(6), secrets.token_urlsafe(32), time.time()
        connection.execute(
            "INSERT INTO api_keys (key_id, tenant, secret_sha256, create_time) VALUES (?, ?, ?, ?)",
            (key_id, tenant, _digest(secret), now),
        )
        key = ApiKey(key_id, tenant, f"{KEY_PREFIX}_{key_id}", _instant(now))
        return key, f"{KEY_PREFIX}_{key_id}_{secret}"

    def list_keys(self, tenant: str) -> list[ApiKey]:
        """Every key of `tenant`, revoked ones included, oldest first."""

        def work(connection: sqlite3.Connection) -> list[ApiKey]:
            name = self._require_tenant(connection, tenant)
            rows = connection.execute(
                "SELECT key_id, create_time, revoke_time FROM api_keys WHERE tenant = ? ORDER BY create_time, key_id",
                (name,),
            ).fetchall()
            return [ApiKey(k, name, f"{KEY_PREFIX}_{k}", _instant(c), _instant(r)) for k, c, r in rows]

        return self._read(work)

    def revoke_key(self, key_id: str) -> ApiKey:
        """Revokes a key at once; revoking it again keeps the first revoke time. NotFound if unknown."""
        if not isinstance(key_id, str) or not _KEY_ID.fullmatch(key_id):
            raise InvalidArgument.of("key_id", "must be the 12 hexadecimal digits after tsk_")
        with self._write() as connection:
            connection.execute(
                "UPDATE api_keys SET revoke_time = ? WHERE key_id = ? AND revoke_time IS NULL", (time.time(), key_id)
            )
            row = connection.execute(
                "SELECT tenant, create_time, revoke_time FROM api_keys WHERE key_id = ?", (key_id,)
            ).fetchone()
        if row is None:
            raise NotFound(f"key {key_id} not found", metadata={"key_id": key_id})
        tenant, created, revoked = row
        return ApiKey(key_id, tenant, f"{KEY_PREFIX}_{key_id}", _instant(created), _instant(revoked))

    def authenticate(self, presented_key: object) -> str | None:
        """The tenant of a valid, unrevoked key; None for anything else."""
        if _parse(presented_key) is None:
            return None
        return self._read(lambda connection: self._lookup(connection, presented_key))

    @staticmethod
    def _lookup(connection: sqlite3.Connection, presented_key: object) -> str | None:
        parsed = _parse(presented_key)
        if parsed is None:
            return None
        key_id, secret = parsed
        row = connection.execute(
            "SELECT tenant, secret_sha256 FROM api_keys WHERE key_id = ? AND revoke_time IS NULL", (key_id,)
        ).fetchone()
        if row is None or not hmac.compare_digest(_digest(secret), row[1]):
            return None
        return row[0]

    def ensure_demo_key(self, path: Path) -> str:
        """The local stack's key for tenant "demo", kept in `path` (mode 0600).

        Creates the tenant if needed and reuses the key in `path` while it authenticates;
        otherwise writes a new one. The whole check-and-replace runs inside one write
        transaction, which serialises concurrent callers, even in other processes: the second
        one finds the first one's key.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._write() as connection:
            connection.execute(
                "INSERT OR IGNORE INTO tenants (name, create_time) VALUES (?, ?)", (DEMO_TENANT, time.time())
            )
            try:
                existing = path.read_text().strip()
            except FileNotFoundError:
                existing = ""
            if self._lookup(connection, existing) == DEMO_TENANT:
                return existing
            _, plaintext = self._create_key(connection, DEMO_TENANT)
            # Written before the commit: if writing fails, the key is rolled back with it.
            _write_private(path, plaintext + "\n")
            return plaintext


def _write_private(path: Path, text: str) -> None:
    """Replaces `path` atomically with a file only its owner can read."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as file:
            os.fchmod(file.fileno(), 0o600)  # whatever the umask
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
