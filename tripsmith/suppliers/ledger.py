"""The holds-and-bookings ledger of a supplier: inventory, holds, bookings, idempotency.

One SQLite database (WAL) per supplier service, under the data dir; every change is one
`BEGIN IMMEDIATE` transaction, so concurrent calls (and several server processes on one
machine) never oversell and never double-book, and a restarted service loses nothing.

The ledger is generic over the supplier's protobuf messages: a hold message with the
fields `hold_id`, `state`, `create_time`, `expire_time`, `client_reference` and
`booking_reference`, and a booking message with `booking_reference`, `hold_id`, `state`,
`client_reference`, `approved_by`, `create_time` and `cancel_time` (FlightHold/FlightBooking,
HotelHold/HotelBooking). Capacity comes from the caller (the supplier's inventory model);
the ledger counts what live holds and confirmed bookings use of each resource.

Idempotency: every mutating operation takes (operation, key, fingerprint of the request).
The first response is stored in the same transaction as the change; a retry with the same
key and fingerprint gets the stored bytes back; the same key with another fingerprint (or
on another call: fingerprints include the request type) fails with FAILED_PRECONDITION /
IDEMPOTENCY_KEY_REUSED. Keys are scoped per tenant.
"""

from __future__ import annotations

import asyncio
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from google.protobuf.message import Message

from tripsmith.common.v1.booking_pb2 import BookingState, HoldState
from tripsmith.core.dates import timestamp
from tripsmith.core.errors import FailedPrecondition, InvalidArgument, NotFound

HoldT = TypeVar("HoldT", bound=Message)
BookingT = TypeVar("BookingT", bound=Message)
R = TypeVar("R")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS idempotency (
    tenant TEXT NOT NULL, operation TEXT NOT NULL, key TEXT NOT NULL,
    fingerprint TEXT NOT NULL, response BLOB NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (tenant, operation, key)
);
CREATE TABLE IF NOT EXISTS holds (
    hold_id TEXT PRIMARY KEY, tenant TEXT NOT NULL, state TEXT NOT NULL,
    expire_time REAL NOT NULL, record BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS allocations (
    hold_id TEXT NOT NULL REFERENCES holds(hold_id), resource TEXT NOT NULL,
    quantity INTEGER NOT NULL, released INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS allocations_by_resource ON allocations(resource, released);
CREATE TABLE IF NOT EXISTS bookings (
    booking_reference TEXT PRIMARY KEY, tenant TEXT NOT NULL, hold_id TEXT NOT NULL UNIQUE,
    client_reference TEXT NOT NULL, state TEXT NOT NULL, created REAL NOT NULL, record BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS bookings_by_client ON bookings(tenant, client_reference, created);
"""

#: Booking references avoid letters and digits that people confuse (0/O, 1/I/L).
_REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_IDEMPOTENCY_KEY = 128


@dataclass(frozen=True)
class Allocation:
    """Units of one resource (a flight's cabin on a date, a room type on a night)."""

    resource: str
    quantity: int
    capacity: int


def check_idempotency_key(key: str, field: str = "idempotency_key") -> None:
    if not key:
        raise InvalidArgument.of(field, "is required on every mutating call")
    if len(key) > MAX_IDEMPOTENCY_KEY or not key.isascii() or not key.isprintable():
        raise InvalidArgument.of(field, f"must be 1 to {MAX_IDEMPOTENCY_KEY} printable ASCII characters")


class Ledger(Generic[HoldT, BookingT]):
    """Holds, bookings and idempotency records of one supplier."""

    def __init__(
        self,
        path: Path,
        hold_type: type[HoldT],
        booking_type: type[BookingT],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._hold_type = hold_type
        self._booking_type = booking_type
        self._clock = clock
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA synchronous=NORMAL")
        return connection

    def _transaction(self, work: Callable[[sqlite3.Connection, float], R], write: bool) -> R:
        connection = self._connect()
        try:
            # Writers take the write lock up front (no upgrade deadlocks); readers never
            # wait for it: in WAL mode they read the last committed state.
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN DEFERRED")
            try:
                result = work(connection, self._clock())
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
            return result
        finally:
            connection.close()

    async def _run(self, work: Callable[[sqlite3.Connection, float], R], write: bool = False) -> R:
        return await asyncio.to_thread(self._transaction, work, write)

    # Idempotency ----------------------------------------------------------------------------

    def _idempotent(
        self,
        connection: sqlite3.Connection,
        tenant: str,
        operation: str,
        key: str,
        fingerprint: str,
        now: float,
        produce: Callable[[], Message],
    ) -> bytes:
        # A key is the tenant's, whatever the call: reusing it for another call is a reuse.
        row = connection.execute(
            "SELECT fingerprint, response FROM idempotency WHERE tenant=? AND key=?", (tenant, key)
        ).fetchone()
        if row is not None:
            if row[0] != fingerprint:
                raise FailedPrecondition(
                    f"idempotency key {key!r} was already used for a different {operation} request",
                    reason="IDEMPOTENCY_KEY_REUSED",
                )
            return row[1]
        response = produce().SerializeToString(deterministic=True)
        connection.execute(
            "INSERT INTO idempotency VALUES (?, ?, ?, ?, ?, ?)", (tenant, operation, key, fingerprint, response, now)
        )
        return response

    # Reading --------------------------------------------------------------------------------

    def _load_hold(self, connection: sqlite3.Connection, tenant: str, hold_id: str, now: float) -> HoldT:
        row = connection.execute(
            "SELECT state, expire_time, record FROM holds WHERE hold_id=? AND tenant=?", (hold_id, tenant)
        ).fetchone()
        if row is None:
            raise NotFound(f"hold {hold_id!r} does not exist")
        hold = self._hold_type.FromString(row[2])
        state = row[0]
        if state == "HELD" and row[1] <= now:
            state = "EXPIRED"
        hold.state = HoldState.Value(f"HOLD_STATE_{state}")
        return hold

    def _load_booking(self, connection: sqlite3.Connection, tenant: str, reference: str) -> BookingT:
        row = connection.execute(
            "SELECT record FROM bookings WHERE booking_reference=? AND tenant=?", (reference, tenant)
        ).fetchone()
        if row is None:
            raise NotFound(f"booking {reference!r} does not exist")
        return self._booking_type.FromString(row[0])

    def _used(self, connection: sqlite3.Connection, resource: str, now: float) -> int:
        (used,) = connection.execute(
            """SELECT COALESCE(SUM(a.quantity), 0) FROM allocations a JOIN holds h USING (hold_id)
               WHERE a.resource=? AND a.released=0
                 AND (h.state='CONFIRMED' OR (h.state='HELD' AND h.expire_time > ?))""",
            (resource, now),
        ).fetchone()
        return used

    async def used(self, resource: str) -> int:
        """How many units of a resource live holds and confirmed bookings use now."""
        return await self._run(lambda connection, now: self._used(connection, resource, now))

    async def used_many(self, resources: list[str]) -> dict[str, int]:
        """What live holds and confirmed bookings use of each resource, in one transaction."""

        def work(connection, now):
            return {resource: self._used(connection, resource, now) for resource in set(resources)}

        return await self._run(work)

    async def get_hold(self, tenant: str, hold_id: str) -> HoldT:
        return await self._run(lambda connection, now: self._load_hold(connection, tenant, hold_id, now))

    async def get_booking(self, tenant: str, reference: str) -> BookingT:
        return await self._run(lambda connection, now: self._load_booking(connection, tenant, reference))

    async def list_bookings(self, tenant: str, client_reference: str, offset: int, limit: int) -> tuple[list[BookingT], bool]:
        """A page of the tenant's bookings, oldest first, and whether more follow."""

        def work(connection, now):
            query = "SELECT record FROM bookings WHERE tenant=?"
            arguments: list = [tenant]
            if client_reference:
                query += " AND client_reference=?"
                arguments.append(client_reference)
            query += " ORDER BY created, booking_reference LIMIT ? OFFSET ?"
            rows = connection.execute(query, (*arguments, limit + 1, offset)).fetchall()
            return [self._booking_type.FromString(row[0]) for row in rows[:limit]], len(rows) > limit

        return await self._run(work)

    # Changing -------------------------------------------------------------------------------

    async def hold(
        self,
        tenant: str,
        idempotency_key: str,
        fingerprint: str,
        allocations: list[Allocation],
        ttl_seconds: float,
        build: Callable[[str, float, float], HoldT],
        respond: Callable[[HoldT], Message],
    ) -> bytes:
        """Holds every allocation or none; `build(hold_id, now, expire_time)` makes the record.

        Fails with FAILED_PRECONDITION / SOLD_OUT when any resource lacks the units.
        """

        def work(connection, now):
            def produce():
                for allocation in allocations:
                    left = allocation.capacity - self._used(connection, allocation.resource, now)
                    if left < allocation.quantity:
                        raise FailedPrecondition(
                            f"sold out: {left} of the {allocation.quantity} units needed are left",
                            reason="SOLD_OUT",
                            metadata={"resource": allocation.resource, "available": str(max(left, 0))},
                        )
                hold_id = f"hold_{secrets.token_hex(10)}"
                hold = build(hold_id, now, now + ttl_seconds)
                hold.state = HoldState.HOLD_STATE_HELD
                connection.execute(
                    "INSERT INTO holds VALUES (?, ?, 'HELD', ?, ?)",
                    (hold_id, tenant, now + ttl_seconds, hold.SerializeToString()),
                )
                connection.executemany(
                    "INSERT INTO allocations (hold_id, resource, quantity) VALUES (?, ?, ?)",
                    [(hold_id, a.resource, a.quantity) for a in allocations],
                )
                return respond(hold)

            return self._idempotent(connection, tenant, "hold", idempotency_key, fingerprint, now, produce)

        return await self._run(work, write=True)

    async def release(
        self, tenant: str, idempotency_key: str, fingerprint: str, hold_id: str, respond: Callable[[HoldT], Message]
    ) -> bytes:
        """Releases a live hold; an expired or released one is returned as it is."""

        def work(connection, now):
            def produce():
                hold = self._load_hold(connection, tenant, hold_id, now)
                if hold.state == HoldState.HOLD_STATE_CONFIRMED:
                    raise FailedPrecondition(
                        f"hold {hold_id!r} was confirmed; cancel booking {hold.booking_reference} instead",
                        reason="INVALID_STATE",
                    )
                if hold.state == HoldState.HOLD_STATE_HELD:
                    hold.state = HoldState.HOLD_STATE_RELEASED
                    self._save_hold(connection, hold, "RELEASED")
                    connection.execute("UPDATE allocations SET released=1 WHERE hold_id=?", (hold_id,))
                return respond(hold)

            return self._idempotent(connection, tenant, "release", idempotency_key, fingerprint, now, produce)

        return await self._run(work, write=True)

    async def confirm(
        self,
        tenant: str,
        idempotency_key: str,
        fingerprint: str,
        hold_id: str,
        build: Callable[[HoldT, str, float], BookingT],
        respond: Callable[[BookingT], Message],
    ) -> bytes:
        """Turns a live hold into a booking; confirming a confirmed hold returns its booking.

        `build(hold, booking_reference, now)` makes the booking record.
        """

        def work(connection, now):
            def produce():
                hold = self._load_hold(connection, tenant, hold_id, now)
                if hold.state == HoldState.HOLD_STATE_CONFIRMED:
                    booking = self._load_booking(connection, tenant, hold.booking_reference)
                    if booking.state == BookingState.BOOKING_STATE_CANCELLED:
                        raise FailedPrecondition(f"hold {hold_id!r} was booked and the booking cancelled",
                                                 reason="INVALID_STATE")
                    return respond(booking)
                if hold.state == HoldState.HOLD_STATE_EXPIRED:
                    raise FailedPrecondition(f"hold {hold_id!r} has expired", reason="EXPIRED")
                if hold.state != HoldState.HOLD_STATE_HELD:
                    raise FailedPrecondition(f"hold {hold_id!r} was released", reason="INVALID_STATE")
                reference = self._new_reference(connection)
                booking = build(hold, reference, now)
                booking.state = BookingState.BOOKING_STATE_CONFIRMED
                hold.state = HoldState.HOLD_STATE_CONFIRMED
                hold.booking_reference = reference
                self._save_hold(connection, hold, "CONFIRMED")
                connection.execute(
                    "INSERT INTO bookings VALUES (?, ?, ?, ?, 'CONFIRMED', ?, ?)",
                    (reference, tenant, hold_id, booking.client_reference, now, booking.SerializeToString()),
                )
                return respond(booking)

            return self._idempotent(connection, tenant, "confirm", idempotency_key, fingerprint, now, produce)

        return await self._run(work, write=True)

    async def cancel(
        self,
        tenant: str,
        idempotency_key: str,
        fingerprint: str,
        reference: str,
        respond: Callable[[BookingT], Message],
    ) -> bytes:
        """Cancels a booking and frees its inventory; a cancelled one is returned as it is."""

        def work(connection, now):
            def produce():
                booking = self._load_booking(connection, tenant, reference)
                if booking.state == BookingState.BOOKING_STATE_CONFIRMED:
                    booking.state = BookingState.BOOKING_STATE_CANCELLED
                    booking.cancel_time.CopyFrom(timestamp(now))
                    connection.execute(
                        "UPDATE bookings SET state='CANCELLED', record=? WHERE booking_reference=?",
                        (booking.SerializeToString(), reference),
                    )
                    connection.execute("UPDATE allocations SET released=1 WHERE hold_id=?", (booking.hold_id,))
                return respond(booking)

            return self._idempotent(connection, tenant, "cancel", idempotency_key, fingerprint, now, produce)

        return await self._run(work, write=True)

    # Helpers --------------------------------------------------------------------------------

    def _save_hold(self, connection: sqlite3.Connection, hold: HoldT, state: str) -> None:
        connection.execute(
            "UPDATE holds SET state=?, record=? WHERE hold_id=?", (state, hold.SerializeToString(), hold.hold_id)
        )

    @staticmethod
    def _new_reference(connection: sqlite3.Connection) -> str:
        while True:
            reference = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))
            if connection.execute("SELECT 1 FROM bookings WHERE booking_reference=?", (reference,)).fetchone() is None:
                return reference
