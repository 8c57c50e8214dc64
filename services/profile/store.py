"""Storage of travelers, their trips and idempotency records, in SQLite or PostgreSQL.

The contract every implementation keeps:

- Every row carries its tenant and every statement filters by it, so no call can read or
  change another tenant's data: another tenant's traveler is NOT_FOUND exactly as if absent.
- A write runs in one transaction together with its idempotency record, keyed by (tenant,
  idempotency key). A retry whose request fingerprint matches gets the stored result back,
  byte for byte, without writing again; another fingerprint is FAILED_PRECONDITION with the
  reason IDEMPOTENCY_KEY_REUSED. Concurrent calls with one key take turns, so a retry that
  races the original gets the recorded result too. Failed writes are rolled back and leave
  no record, so retrying them runs them again.
- Deleting a traveler deletes their trips and the idempotency records of the writes that
  touched them, because those stored results hold the traveler's personal data.
- The database being unreachable, locked or out of space is UNAVAILABLE, so callers retry.

Both implementations run the same SQL (written with `?` placeholders) through the blocking
drivers (sqlite3, psycopg 3) on a small thread pool of their own: the event loop never
waits on the database, and the pool's size bounds the number of open connections, each
used by one thread at a time. Records are kept as protobuf JSON in TEXT columns, readable
with any SQL client, plus the columns that queries filter and sort on.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import hashlib
import logging
import queue
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import psycopg
from google.protobuf import empty_pb2, json_format
from google.protobuf.message import Message

from tripsmith.core.errors import Aborted, AlreadyExists, FailedPrecondition, NotFound, Unavailable
from tripsmith.profile.v1 import profile_service_pb2 as pb
from tripsmith.core.fingerprint import fingerprint
from tripsmith.core.dates import iso_date

log = logging.getLogger(__name__)

#: Worker threads, and so at most this many connections, per store.
POOL_SIZE = 8
#: A write that loses a race (a concurrent insert of the same key or id) is retried this
#: many times; the retry then sees the winner's row and answers accordingly.
WRITE_ATTEMPTS = 3

M = TypeVar("M", bound=Message)


class StoreUnavailable(OSError):
    """The database cannot be opened at start; the process reports it and exits with 1."""


@dataclass(frozen=True)
class WriteKey:
    """What makes a write idempotent: the caller's key and the request's fingerprint."""

    key: str
    fingerprint: str


class ProfileStore(Protocol):
    """Travelers and trips of every tenant; see the module docstring for the guarantees."""

    async def open(self) -> None:
        """Connects and creates the schema if it is missing."""

    async def close(self) -> None: ...

    async def create_traveler(
        self, tenant: str, traveler_id: str, traveler: pb.Traveler, write: WriteKey
    ) -> pb.Traveler:
        """Stores a new traveler (name and times already set) with its etag; ALREADY_EXISTS if the id is taken."""

    async def get_traveler(self, tenant: str, traveler_id: str) -> pb.Traveler: ...

    async def update_traveler(
        self,
        tenant: str,
        traveler_id: str,
        change: Callable[[pb.Traveler], pb.Traveler],
        expected_etag: str,
        write: WriteKey,
    ) -> pb.Traveler:
        """Replaces the traveler with `change(stored)` under a new etag.

        ABORTED if `expected_etag` is set and differs from the stored one.
        """

    async def delete_traveler(self, tenant: str, traveler_id: str, write: WriteKey) -> None: ...

    async def list_travelers(self, tenant: str, offset: int, limit: int) -> list[pb.Traveler]:
        """Travelers in creation order."""

    async def create_trip(self, tenant: str, traveler_id: str, trip_id: str, trip: pb.Trip, write: WriteKey) -> pb.Trip:
        """Stores a trip (name already set) of an existing traveler."""

    async def list_trips(self, tenant: str, traveler_id: str, offset: int, limit: int) -> list[pb.Trip]:
        """Trips by start date, most recent first; NOT_FOUND if the traveler is absent."""


def etag_of(traveler: pb.Traveler) -> str:
    """A checksum of the traveler's state; it changes with every update (update_time does)."""
    return fingerprint(traveler, ignore=("etag",))[:24]


def open_store(database_url: str, sqlite_path: Path) -> ProfileStore:
    """PostgreSQL for a URL, else SQLite in `sqlite_path`; nothing is opened until open()."""
    if database_url:
        return PostgresProfileStore(database_url)
    return SqliteProfileStore(sqlite_path)


# --- What differs between the databases --------------------------------------------------


class _Dialect(Protocol):
    name: str
    #: Starts a transaction that may write.
    begin: str
    #: Appended to a SELECT that reads a row the transaction will change.
    for_update: str
    #: Serializes the transactions of one idempotency key (taking a 64-bit key), or "".
    key_lock: str
    schema: tuple[str, ...]

    def connect(self) -> Any:
        """A DB-API connection in autocommit mode: transactions are begun explicitly."""

    def prepare(self, connection: Any) -> None:
        """Runs once, on the first connection, before the schema is created."""

    def sql(self, statement: str) -> str:
        """The statement with this driver's placeholders."""

    def idle(self, connection: Any) -> bool:
        """Whether the connection is open, healthy and outside a transaction (reusable)."""

    def is_conflict(self, error: BaseException) -> bool:
        """A constraint violation caused by a concurrent write (worth one more attempt)."""

    def is_unavailable(self, error: BaseException) -> bool:
        """The database is unreachable, busy or out of resources (the caller may retry)."""

    def describe(self) -> str:
        """Where the data is, for logs and start-up errors; never a password."""


_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS travelers (
        seq {seq},
        tenant TEXT NOT NULL,
        traveler_id TEXT NOT NULL,
        etag TEXT NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (tenant, traveler_id)
    )""",
    "CREATE INDEX IF NOT EXISTS travelers_by_tenant ON travelers (tenant, seq)",
    """CREATE TABLE IF NOT EXISTS trips (
        seq {seq},
        tenant TEXT NOT NULL,
        traveler_id TEXT NOT NULL,
        trip_id TEXT NOT NULL,
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (tenant, traveler_id, trip_id),
        FOREIGN KEY (tenant, traveler_id) REFERENCES travelers (tenant, traveler_id)
    )""",
    "CREATE INDEX IF NOT EXISTS trips_by_date ON trips (tenant, traveler_id, start_date, end_date, seq)",
    """CREATE TABLE IF NOT EXISTS idempotency_records (
        tenant TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        request_fingerprint TEXT NOT NULL,
        traveler_id TEXT NOT NULL,
        result {bytes} NOT NULL,
        create_time TEXT NOT NULL,
        PRIMARY KEY (tenant, idempotency_key)
    )""",
    "CREATE INDEX IF NOT EXISTS idempotency_by_traveler ON idempotency_records (tenant, traveler_id)",
)

#: SQLite primary result codes that mean "try again later" rather than a bug.
_SQLITE_UNAVAILABLE = {
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_READONLY,
}


class _Sqlite:
    name = "sqlite"
    # IMMEDIATE takes the write lock up front, so that concurrent writers queue (for up to
    # the busy timeout) instead of failing when a read turns into a write.
    begin = "BEGIN IMMEDIATE"
    for_update = ""
    # BEGIN IMMEDIATE serializes every write already.
    key_lock = ""
    schema = tuple(statement.format(seq="INTEGER PRIMARY KEY", bytes="BLOB") for statement in _SCHEMA)

    def __init__(self, path: Path) -> None:
        self.path = path

    def connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    def prepare(self, connection: sqlite3.Connection) -> None:
        # WAL lets readers run while a write is in progress; the setting stays in the file.
        connection.execute("PRAGMA journal_mode = WAL")

    def sql(self, statement: str) -> str:
        return statement

    def idle(self, connection: sqlite3.Connection) -> bool:
        return not connection.in_transaction

    def is_conflict(self, error: BaseException) -> bool:
        return isinstance(error, sqlite3.IntegrityError)

    def is_unavailable(self, error: BaseException) -> bool:
        return isinstance(error, sqlite3.OperationalError) and (error.sqlite_errorcode & 0xFF) in _SQLITE_UNAVAILABLE

    def describe(self) -> str:
        return f"SQLite {self.path}"


class _Postgres:
    name = "postgresql"
    begin = "BEGIN"
    for_update = " FOR UPDATE"
    # Without it, two concurrent retries of one key would both miss the record, and the
    # second, waiting on the first's row lock, would answer from the changed row (a stale
    # etag, a deleted traveler) instead of with the recorded result. Held until commit.
    key_lock = "SELECT pg_advisory_xact_lock(?)"
    # Replicas starting together would race on CREATE TABLE IF NOT EXISTS (it is not
    # atomic in PostgreSQL); the advisory lock makes them take turns.
    schema = (
        "SELECT pg_advisory_xact_lock(7269706)",
        *(
            statement.format(seq="BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", bytes="BYTEA")
            for statement in _SCHEMA
        ),
    )

    def __init__(self, url: str) -> None:
        self.url = url
        parameters = psycopg.conninfo.conninfo_to_dict(url)
        # Defaults only: what the URL says wins.
        defaults = {"application_name": "tripsmith-profile", "connect_timeout": 10}
        self._defaults = {key: value for key, value in defaults.items() if key not in parameters}
        host, port = parameters.get("host", "localhost"), parameters.get("port", 5432)
        self._where = f"{host}:{port}/{parameters.get('dbname', '')}"

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.url, autocommit=True, **self._defaults)

    def prepare(self, connection: psycopg.Connection) -> None:
        pass

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

    def idle(self, connection: psycopg.Connection) -> bool:
        return (
            not connection.closed
            and not connection.broken
            and connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        )

    def is_conflict(self, error: BaseException) -> bool:
        return isinstance(error, psycopg.errors.IntegrityError)

    def is_unavailable(self, error: BaseException) -> bool:
        # OperationalError covers lost connections, timeouts, deadlocks and serialization
        # failures: all of them may succeed on a retry.
        return isinstance(error, psycopg.OperationalError)

    def describe(self) -> str:
        return f"PostgreSQL {self._where}"


class _Sql:
    """Statements on one connection, with the dialect's placeholders."""

    def __init__(self, connection: Any, dialect: _Dialect) -> None:
        self._connection = connection
        self._dialect = dialect

    def one(self, statement: str, *parameters: Any) -> tuple | None:
        return self._connection.execute(self._dialect.sql(statement), parameters).fetchone()

    def all(self, statement: str, *parameters: Any) -> list[tuple]:
        return self._connection.execute(self._dialect.sql(statement), parameters).fetchall()

    def run(self, statement: str, *parameters: Any) -> int:
        """Runs a write statement; the number of rows it changed."""
        return self._connection.execute(self._dialect.sql(statement), parameters).rowcount


# --- Records -----------------------------------------------------------------------------


def _dump(message: Message) -> str:
    return json_format.MessageToJson(message, preserving_proto_field_name=True, indent=None)


def _load(text: str, message_type: type[M]) -> M:
    # Unknown fields are skipped so that rows written by a newer version stay readable.
    return json_format.Parse(text, message_type(), ignore_unknown_fields=True)


def _lock_id(tenant: str, key: str) -> int:
    """A signed 64-bit number for (tenant, key), as PostgreSQL advisory locks take."""
    digest = hashlib.sha256(f"{tenant}\0{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _not_found(traveler_id: str) -> NotFound:
    return NotFound(f"travelers/{traveler_id} does not exist")


def _stale(traveler_id: str) -> Aborted:
    return Aborted(
        f"travelers/{traveler_id} changed since the etag was read; get it again and retry",
        reason="INVALID_STATE",
    )


class SqlProfileStore:
    """The ProfileStore logic over a SQL dialect; see the module docstring."""

    def __init__(self, dialect: _Dialect) -> None:
        self._dialect = dialect
        self._executor: ThreadPoolExecutor | None = None
        self._idle: queue.LifoQueue[Any] = queue.LifoQueue()

    # --- Life cycle ----------------------------------------------------------------------

    async def open(self) -> None:
        self._executor = ThreadPoolExecutor(POOL_SIZE, thread_name_prefix=f"profile-{self._dialect.name}")
        try:
            await self._call(self._create_schema)
        except (Unavailable, psycopg.Error, sqlite3.Error) as error:
            # One line: driver messages span several, and the process prints just one.
            cause = " ".join(str(error.__cause__ or error).split())
            await self.close()
            raise StoreUnavailable(f"cannot open the profile store ({self._dialect.describe()}): {cause}") from None
        log.info("profile store open", extra={"store": self._dialect.describe()})

    def _create_schema(self, connection: Any) -> None:
        self._dialect.prepare(connection)
        sql = _Sql(connection, self._dialect)
        sql.run(self._dialect.begin)
        for statement in self._dialect.schema:
            sql.run(statement)
        sql.run("COMMIT")

    async def close(self) -> None:
        if self._executor is None:
            return
        executor, self._executor = self._executor, None
        await asyncio.to_thread(executor.shutdown, wait=True)
        while not self._idle.empty():
            self._idle.get_nowait().close()

    # --- Running work on the pool --------------------------------------------------------

    async def _call(self, work: Callable[[Any], Any]) -> Any:
        """Runs `work(connection)` on a pooled connection in a worker thread."""
        if self._executor is None:
            raise RuntimeError("the profile store is not open")
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, self._with_connection, work)
        except (psycopg.Error, sqlite3.Error) as error:
            if not self._dialect.is_unavailable(error):
                raise
            # The driver's message names hosts and files, not data; it helps operators.
            log.warning("profile store unavailable: %s", error)
            raise Unavailable("the profile store is unavailable; retry later") from error

    def _with_connection(self, work: Callable[[Any], Any]) -> Any:
        try:
            connection = self._idle.get_nowait()
        except queue.Empty:
            connection = self._dialect.connect()
        try:
            return work(connection)
        finally:
            # A connection left mid-transaction or broken by an error is not reused.
            if self._dialect.idle(connection):
                self._idle.put(connection)
            else:
                connection.close()

    async def _read(self, work: Callable[[_Sql], Any]) -> Any:
        return await self._call(lambda connection: work(_Sql(connection, self._dialect)))

    async def _write(
        self,
        tenant: str,
        write: WriteKey,
        traveler_id: str,
        result_type: type[M],
        work: Callable[[_Sql], M],
    ) -> M:
        """Runs `work` once per idempotency key, in a transaction with the key's record."""

        def attempt(connection: Any) -> M:
            sql = _Sql(connection, self._dialect)
            sql.run(self._dialect.begin)
            try:
                if self._dialect.key_lock:
                    sql.run(self._dialect.key_lock, _lock_id(tenant, write.key))
                result = self._recorded(sql, tenant, write, result_type)
                if result is None:
                    result = work(sql)
                    sql.run(
                        "INSERT INTO idempotency_records (tenant, idempotency_key, request_fingerprint, traveler_id,"
                        " result, create_time) VALUES (?, ?, ?, ?, ?, ?)",
                        tenant, write.key, write.fingerprint, traveler_id,
                        result.SerializeToString(deterministic=True),
                        datetime.datetime.now(datetime.timezone.utc).isoformat(),
                    )
                sql.run("COMMIT")
                return result
            except BaseException:
                # If the rollback fails too, the original error is the one worth reporting;
                # the connection, still in its transaction, is then closed, not reused.
                with contextlib.suppress(psycopg.Error, sqlite3.Error):
                    sql.run("ROLLBACK")
                raise

        def with_retries(connection: Any) -> M:
            for attempt_number in range(1, WRITE_ATTEMPTS + 1):
                try:
                    return attempt(connection)
                except (psycopg.Error, sqlite3.Error) as error:
                    if attempt_number == WRITE_ATTEMPTS or not self._dialect.is_conflict(error):
                        raise
            raise AssertionError("unreachable")

        return await self._call(with_retries)

    def _recorded(self, sql: _Sql, tenant: str, write: WriteKey, result_type: type[M]) -> M | None:
        row = sql.one(
            "SELECT request_fingerprint, result FROM idempotency_records WHERE tenant = ? AND idempotency_key = ?",
            tenant, write.key,
        )
        if row is None:
            return None
        if row[0] != write.fingerprint:
            raise FailedPrecondition(
                "idempotency_key was already used with a different request", reason="IDEMPOTENCY_KEY_REUSED"
            )
        return result_type.FromString(bytes(row[1]))

    # --- Travelers -----------------------------------------------------------------------

    def _stored_traveler(self, sql: _Sql, tenant: str, traveler_id: str, for_update: bool = False) -> pb.Traveler:
        lock = self._dialect.for_update if for_update else ""
        row = sql.one("SELECT data FROM travelers WHERE tenant = ? AND traveler_id = ?" + lock, tenant, traveler_id)
        if row is None:
            raise _not_found(traveler_id)
        return _load(row[0], pb.Traveler)

    async def create_traveler(
        self, tenant: str, traveler_id: str, traveler: pb.Traveler, write: WriteKey
    ) -> pb.Traveler:
        def work(sql: _Sql) -> pb.Traveler:
            if sql.one("SELECT 1 FROM travelers WHERE tenant = ? AND traveler_id = ?", tenant, traveler_id):
                raise AlreadyExists(f"travelers/{traveler_id} already exists")
            created = pb.Traveler()
            created.CopyFrom(traveler)
            created.etag = etag_of(created)
            sql.run(
                "INSERT INTO travelers (tenant, traveler_id, etag, data) VALUES (?, ?, ?, ?)",
                tenant, traveler_id, created.etag, _dump(created),
            )
            return created

        return await self._write(tenant, write, traveler_id, pb.Traveler, work)

    async def get_traveler(self, tenant: str, traveler_id: str) -> pb.Traveler:
        return await self._read(lambda sql: self._stored_traveler(sql, tenant, traveler_id))

    async def update_traveler(
        self,
        tenant: str,
        traveler_id: str,
        change: Callable[[pb.Traveler], pb.Traveler],
        expected_etag: str,
        write: WriteKey,
    ) -> pb.Traveler:
        def work(sql: _Sql) -> pb.Traveler:
            stored = self._stored_traveler(sql, tenant, traveler_id, for_update=True)
            if expected_etag and expected_etag != stored.etag:
                raise _stale(traveler_id)
            updated = change(stored)
            updated.etag = etag_of(updated)
            sql.run(
                "UPDATE travelers SET etag = ?, data = ? WHERE tenant = ? AND traveler_id = ?",
                updated.etag, _dump(updated), tenant, traveler_id,
            )
            return updated

        return await self._write(tenant, write, traveler_id, pb.Traveler, work)

    async def delete_traveler(self, tenant: str, traveler_id: str, write: WriteKey) -> None:
        def work(sql: _Sql) -> empty_pb2.Empty:
            self._stored_traveler(sql, tenant, traveler_id, for_update=True)
            sql.run("DELETE FROM trips WHERE tenant = ? AND traveler_id = ?", tenant, traveler_id)
            sql.run("DELETE FROM idempotency_records WHERE tenant = ? AND traveler_id = ?", tenant, traveler_id)
            sql.run("DELETE FROM travelers WHERE tenant = ? AND traveler_id = ?", tenant, traveler_id)
            return empty_pb2.Empty()

        await self._write(tenant, write, traveler_id, empty_pb2.Empty, work)

    async def list_travelers(self, tenant: str, offset: int, limit: int) -> list[pb.Traveler]:
        rows = await self._read(
            lambda sql: sql.all(
                "SELECT data FROM travelers WHERE tenant = ? ORDER BY seq LIMIT ? OFFSET ?", tenant, limit, offset
            )
        )
        return [_load(row[0], pb.Traveler) for row in rows]

    # --- Trips ---------------------------------------------------------------------------

    async def create_trip(self, tenant: str, traveler_id: str, trip_id: str, trip: pb.Trip, write: WriteKey) -> pb.Trip:
        def work(sql: _Sql) -> pb.Trip:
            if not sql.one("SELECT 1 FROM travelers WHERE tenant = ? AND traveler_id = ?", tenant, traveler_id):
                raise _not_found(traveler_id)
            sql.run(
                "INSERT INTO trips (tenant, traveler_id, trip_id, start_date, end_date, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                tenant, traveler_id, trip_id, iso_date(trip.start_date), iso_date(trip.end_date), _dump(trip),
            )
            return trip

        return await self._write(tenant, write, traveler_id, pb.Trip, work)

    async def list_trips(self, tenant: str, traveler_id: str, offset: int, limit: int) -> list[pb.Trip]:
        def work(sql: _Sql) -> list[tuple]:
            if not sql.one("SELECT 1 FROM travelers WHERE tenant = ? AND traveler_id = ?", tenant, traveler_id):
                raise _not_found(traveler_id)
            return sql.all(
                "SELECT data FROM trips WHERE tenant = ? AND traveler_id = ?"
                " ORDER BY start_date DESC, end_date DESC, seq DESC LIMIT ? OFFSET ?",
                tenant, traveler_id, limit, offset,
            )

        return [_load(row[0], pb.Trip) for row in await self._read(work)]


class SqliteProfileStore(SqlProfileStore):
    """One SQLite file (WAL): the embedded stack, a single replica."""

    def __init__(self, path: Path) -> None:
        super().__init__(_Sqlite(path))


class PostgresProfileStore(SqlProfileStore):
    """A PostgreSQL database, which any number of replicas may share."""

    def __init__(self, url: str) -> None:
        super().__init__(_Postgres(url))

