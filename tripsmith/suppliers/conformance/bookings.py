"""The booking checks every bookable category shares: hold, confirm, release, cancel.

Flights and hotels book the same way (tripsmith.common.v1 hold and booking states,
idempotency keys, tenant scoping); a `Bookable` names one category's messages and stub
methods, and `checks(bookable)` returns the shared checks for it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import grpc

from tripsmith.common.v1.booking_pb2 import BookingState, HoldState
from tripsmith.suppliers.conformance.harness import Failure, Kit, NotRun, expect, expect_error, raise_again


def key() -> str:
    return f"conformance-{uuid.uuid4()}"


@dataclass(frozen=True)
class Bookable:
    """How one category names its booking calls."""

    noun: str  # "FlightHold" -> "Flight"
    module: Any  # the generated *_pb2 module
    stub_class: Any
    availability: str  # the offer field counting what is left: seats_available, rooms_available
    #: An offer to book, from the kit; `big` asks for the largest party the category allows.
    offer: Callable[[Kit, bool], Awaitable[Any]]
    #: How much of `availability` one hold of the normal offer takes.
    units: int

    def request(self, verb: str, **fields):
        return getattr(self.module, f"{verb}Request")(**fields)

    async def call(self, kit: Kit, verb: str, metadata=None, **fields):
        method = getattr(self.stub_class(kit.channel), verb)
        return await method(self.request(verb, **fields), metadata=metadata or kit.metadata(), timeout=30)

    async def left(self, kit: Kit, offer_id: str) -> int:
        response = await self.call(kit, f"Get{self.noun}Offer", offer_id=offer_id)
        return getattr(response.offer, self.availability)

    async def hold(self, kit: Kit, offer_id: str, **fields):
        response = await self.call(kit, f"Hold{self.noun}Offer", offer_id=offer_id, idempotency_key=key(), **fields)
        return response.hold

    async def release(self, kit: Kit, hold_id: str):
        return (await self.call(kit, f"Release{self.noun}Hold", hold_id=hold_id, idempotency_key=key())).hold


def checks(b: Bookable) -> list[tuple[str, Callable[[Kit], Awaitable[str]]]]:
    async def holds_and_books(kit: Kit) -> str:
        offer = await b.offer(kit, False)
        before = await b.left(kit, offer.offer_id)
        reference = f"conformance/{uuid.uuid4()}"
        hold = await b.hold(kit, offer.offer_id, client_reference=reference)
        expect(hold.state == HoldState.HOLD_STATE_HELD, "a new hold is not HELD")
        expect(hold.expire_time.ToDatetime(dt.timezone.utc) > dt.datetime.now(dt.timezone.utc), "a new hold has expired")
        expect(await b.left(kit, offer.offer_id) <= before - b.units, f"holding did not decrement {b.availability}")
        booking = (await b.call(kit, f"Confirm{b.noun}Hold", hold_id=hold.hold_id, approved_by="conformance",
                                idempotency_key=key())).booking
        expect(booking.booking_reference and booking.state == BookingState.BOOKING_STATE_CONFIRMED, "confirm gave no booking")
        listed = await b.call(kit, f"List{b.noun}Bookings", client_reference=reference)
        expect([x.booking_reference for x in listed.bookings] == [booking.booking_reference],
               "the booking is not listed by its client_reference")
        got = (await b.call(kit, f"Get{b.noun}Hold", hold_id=hold.hold_id)).hold
        expect(got.state == HoldState.HOLD_STATE_CONFIRMED and got.booking_reference == booking.booking_reference,
               "the confirmed hold does not show its booking")
        fetched = (await b.call(kit, f"Get{b.noun}Booking", booking_reference=booking.booking_reference)).booking
        expect(fetched.booking_reference == booking.booking_reference, "the booking cannot be read back")
        cancelled = (await b.call(kit, f"Cancel{b.noun}Booking", booking_reference=booking.booking_reference,
                                  reason="conformance", idempotency_key=key())).booking
        expect(cancelled.state == BookingState.BOOKING_STATE_CANCELLED, "cancel did not cancel")
        expect(await b.left(kit, offer.offer_id) == before, f"cancelling did not restore {b.availability}")
        return f"held, booked {booking.booking_reference}, listed, read, cancelled"

    async def releases(kit: Kit) -> str:
        offer = await b.offer(kit, False)
        hold = await b.hold(kit, offer.offer_id)
        expect((await b.release(kit, hold.hold_id)).state == HoldState.HOLD_STATE_RELEASED, "release did not release")
        await expect_error(b.call(kit, f"Confirm{b.noun}Hold", hold_id=hold.hold_id, idempotency_key=key()),
                           grpc.StatusCode.FAILED_PRECONDITION, what="confirming a released hold")
        return "a released hold cannot be confirmed"

    async def idempotent(kit: Kit) -> str:
        offer = await b.offer(kit, False)
        same = key()
        first = (await b.call(kit, f"Hold{b.noun}Offer", offer_id=offer.offer_id, client_reference="a", idempotency_key=same)).hold
        again = (await b.call(kit, f"Hold{b.noun}Offer", offer_id=offer.offer_id, client_reference="a", idempotency_key=same)).hold
        expect(first.hold_id == again.hold_id, "a retry with the same key made a second hold")
        await expect_error(b.call(kit, f"Hold{b.noun}Offer", offer_id=offer.offer_id, client_reference="b", idempotency_key=same),
                           grpc.StatusCode.FAILED_PRECONDITION, reason="IDEMPOTENCY_KEY_REUSED",
                           what="the same key with another payload")
        await expect_error(b.call(kit, f"Hold{b.noun}Offer", offer_id=offer.offer_id), grpc.StatusCode.INVALID_ARGUMENT,
                           field="idempotency_key", what="a hold without an idempotency key")
        await b.release(kit, first.hold_id)
        return "retries return the first hold; reuse is rejected"

    async def isolates_tenants(kit: Kit) -> str:
        offer = await b.offer(kit, False)
        hold = await b.hold(kit, offer.offer_id)
        other = kit.metadata(kit.options.other_tenant)
        await expect_error(b.call(kit, f"Get{b.noun}Hold", metadata=other, hold_id=hold.hold_id),
                           grpc.StatusCode.NOT_FOUND, what="another tenant reading the hold")
        await expect_error(b.call(kit, f"Confirm{b.noun}Hold", metadata=other, hold_id=hold.hold_id, idempotency_key=key()),
                           grpc.StatusCode.NOT_FOUND, what="another tenant confirming it")
        listed = await b.call(kit, f"List{b.noun}Bookings", metadata=other)
        expect(all(x.hold_id != hold.hold_id for x in listed.bookings), "another tenant lists the booking")
        await b.release(kit, hold.hold_id)
        await expect_error(b.call(kit, f"Get{b.noun}Hold", hold_id="hold_does_not_exist"), grpc.StatusCode.NOT_FOUND,
                           reason="NOT_FOUND", what="an unknown hold")
        return "another tenant's hold is NOT_FOUND"

    async def sells_out(kit: Kit) -> str:
        offer = await b.offer(kit, True)
        left = getattr(offer, b.availability)
        holds = []
        try:
            for _ in range(min(200, left + 2)):
                try:
                    holds.append((await b.hold(kit, offer.offer_id)).hold_id)
                except grpc.aio.AioRpcError as error:
                    await expect_error(raise_again(error), grpc.StatusCode.FAILED_PRECONDITION, reason="SOLD_OUT",
                                       what="holding more than is left")
                    return f"SOLD_OUT after {len(holds)} holds"
            raise Failure(f"{len(holds)} holds never sold out the {left} left")
        finally:
            for hold_id in holds:
                await b.release(kit, hold_id)

    async def holds_expire(kit: Kit) -> str:
        ttl = kit.options.hold_expiry_seconds
        if ttl is None:
            raise NotRun("pass --hold-expiry-seconds with the server's hold TTL to check expiry")
        offer = await b.offer(kit, False)
        hold = await b.hold(kit, offer.offer_id)
        await asyncio.sleep(ttl + 1)
        expired = (await b.call(kit, f"Get{b.noun}Hold", hold_id=hold.hold_id)).hold
        expect(expired.state == HoldState.HOLD_STATE_EXPIRED, "a hold past its TTL is not EXPIRED")
        await expect_error(b.call(kit, f"Confirm{b.noun}Hold", hold_id=hold.hold_id, idempotency_key=key()),
                           grpc.StatusCode.FAILED_PRECONDITION, reason="EXPIRED", what="confirming an expired hold")
        return f"expired after {ttl:g} s and cannot be confirmed"

    return [
        ("hold, confirm, list, cancel", holds_and_books),
        ("release", releases),
        ("idempotency", idempotent),
        ("tenant isolation", isolates_tenants),
        ("sold out", sells_out),
        ("hold expiry", holds_expire),
    ]
