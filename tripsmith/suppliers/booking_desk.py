"""The hold, confirm, release, cancel, get and list calls every bookable supplier serves.

Flights, hotels and ground journeys differ in what they sell, not in how a hold becomes a
booking: this class validates those calls the same way for all and runs them on the supplier's ledger,
for the tenant of the call. A supplier builds the hold itself (it knows its inventory) and
gives `BookingDesk` its response types.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from google.protobuf.message import Message

from tripsmith.core.dates import timestamp
from tripsmith.core.errors import InvalidArgument
from tripsmith.suppliers.ledger import Allocation, Ledger, check_idempotency_key
from tripsmith.runtime.auth import current_tenant
from tripsmith.core.fingerprint import request_fingerprint
from tripsmith.core.paging import next_page_token, page
from tripsmith.core.validation import check_text


def required_id(value: str, field: str) -> str:
    if not value:
        raise InvalidArgument.of(field, "is required")
    return check_text(value, field, 64)


class BookingDesk:
    """Runs the booking calls of one supplier on its ledger."""

    def __init__(self, ledger: Ledger, hold_ttl_seconds: float, clock: Callable[[], float] = time.time) -> None:
        self.ledger = ledger
        self.hold_ttl = hold_ttl_seconds
        self.clock = clock

    async def hold(self, request: Any, allocations: list[Allocation], build_hold: Callable[..., Message],
                   response_type: type[Message]) -> Message:
        """Holds the allocations; `build_hold(hold_id=, create_time=, expire_time=)` makes the record."""
        check_idempotency_key(request.idempotency_key)

        def build(hold_id: str, now: float, expire: float) -> Message:
            return build_hold(hold_id=hold_id, create_time=timestamp(now), expire_time=timestamp(expire))

        raw = await self.ledger.hold(current_tenant(), request.idempotency_key, request_fingerprint(request),
                                     allocations, self.hold_ttl, build, lambda hold: response_type(hold=hold))
        return response_type.FromString(raw)

    async def get_hold(self, request: Any, response_type: type[Message]) -> Message:
        return response_type(hold=await self.ledger.get_hold(current_tenant(), required_id(request.hold_id, "hold_id")))

    async def release(self, request: Any, response_type: type[Message]) -> Message:
        check_idempotency_key(request.idempotency_key)
        raw = await self.ledger.release(current_tenant(), request.idempotency_key, request_fingerprint(request),
                                        required_id(request.hold_id, "hold_id"), lambda hold: response_type(hold=hold))
        return response_type.FromString(raw)

    async def confirm(self, request: Any, booking_type: type[Message], response_type: type[Message]) -> Message:
        """Confirms a hold into a booking that copies the hold's offer, party and reference."""
        check_idempotency_key(request.idempotency_key)
        check_text(request.approved_by, "approved_by", 200)
        party_field = next(name for name in ("passengers", "guests", "party") if name in booking_type.DESCRIPTOR.fields_by_name)

        def build(hold: Message, reference: str, now: float) -> Message:
            return booking_type(booking_reference=reference, hold_id=hold.hold_id, offer=hold.offer,
                                client_reference=hold.client_reference, approved_by=request.approved_by,
                                create_time=timestamp(now), **{party_field: getattr(hold, party_field)})

        raw = await self.ledger.confirm(current_tenant(), request.idempotency_key, request_fingerprint(request),
                                        required_id(request.hold_id, "hold_id"), build,
                                        lambda booking: response_type(booking=booking))
        return response_type.FromString(raw)

    async def get_booking(self, request: Any, response_type: type[Message]) -> Message:
        reference = required_id(request.booking_reference, "booking_reference")
        return response_type(booking=await self.ledger.get_booking(current_tenant(), reference))

    async def cancel(self, request: Any, response_type: type[Message]) -> Message:
        check_idempotency_key(request.idempotency_key)
        check_text(request.reason, "reason", 500)
        raw = await self.ledger.cancel(current_tenant(), request.idempotency_key, request_fingerprint(request),
                                       required_id(request.booking_reference, "booking_reference"),
                                       lambda booking: response_type(booking=booking))
        return response_type.FromString(raw)

    async def list_bookings(self, request: Any, response_type: type[Message]) -> Message:
        check_text(request.client_reference, "client_reference", 200)
        offset, size = page(request)
        bookings, more = await self.ledger.list_bookings(current_tenant(), request.client_reference, offset, size)
        return response_type(bookings=bookings, next_page_token=next_page_token(request, offset, size, more))
