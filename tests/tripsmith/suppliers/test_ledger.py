"""The holds-and-bookings ledger on a real SQLite file: inventory, expiry, idempotency."""

from __future__ import annotations

import asyncio

import pytest

from tripsmith.common.v1.booking_pb2 import BookingState, HoldState
from tripsmith.core.errors import FailedPrecondition, InvalidArgument, NotFound
from tripsmith.flights.v1.flights_service_pb2 import (
    ConfirmFlightHoldResponse,
    FlightBooking,
    FlightHold,
    HoldFlightOfferResponse,
)
from tripsmith.suppliers.ledger import Allocation, Ledger, check_idempotency_key


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def ledger(tmp_path, clock):
    return Ledger(tmp_path / "ledger.db", FlightHold, FlightBooking, clock=clock)


def seats(quantity: int, capacity: int = 5) -> list[Allocation]:
    return [Allocation("BA212/2027-03-03/ECONOMY", quantity, capacity)]


def build_hold(hold_id: str, now: float, expire: float) -> FlightHold:
    hold = FlightHold(hold_id=hold_id, client_reference="itineraries/1")
    hold.create_time.FromNanoseconds(int(now * 1e9))
    hold.expire_time.FromNanoseconds(int(expire * 1e9))
    return hold


def build_booking(hold: FlightHold, reference: str, now: float) -> FlightBooking:
    return FlightBooking(booking_reference=reference, hold_id=hold.hold_id, client_reference=hold.client_reference)


async def hold(ledger, key, quantity=2, tenant="acme", fingerprint=None, capacity=5) -> FlightHold:
    raw = await ledger.hold(
        tenant, key, fingerprint or f"fp-{key}", seats(quantity, capacity), 600, build_hold,
        lambda h: HoldFlightOfferResponse(hold=h),
    )
    return HoldFlightOfferResponse.FromString(raw).hold


async def confirm(ledger, hold_id, key="confirm-1", tenant="acme") -> FlightBooking:
    raw = await ledger.confirm(tenant, key, f"fp-{key}", hold_id, build_booking,
                               lambda b: ConfirmFlightHoldResponse(booking=b))
    return ConfirmFlightHoldResponse.FromString(raw).booking


async def test_holds_use_inventory_until_sold_out(ledger):
    await hold(ledger, "a", 2)
    await hold(ledger, "b", 3)
    assert await ledger.used("BA212/2027-03-03/ECONOMY") == 5
    with pytest.raises(FailedPrecondition) as error:
        await hold(ledger, "c", 1)
    assert error.value.reason == "SOLD_OUT" and error.value.metadata["available"] == "0"


async def test_expired_and_released_holds_return_inventory(ledger, clock):
    first = await hold(ledger, "a", 5)
    clock.now += 601
    assert (await ledger.get_hold("acme", first.hold_id)).state == HoldState.HOLD_STATE_EXPIRED
    second = await hold(ledger, "b", 5)
    await ledger.release("acme", "r", "fp-r", second.hold_id, lambda h: HoldFlightOfferResponse(hold=h))
    assert (await ledger.get_hold("acme", second.hold_id)).state == HoldState.HOLD_STATE_RELEASED
    assert await ledger.used("BA212/2027-03-03/ECONOMY") == 0


async def test_confirm_books_once_and_cancel_frees(ledger, clock):
    held = await hold(ledger, "a", 2)
    booking = await confirm(ledger, held.hold_id)
    assert booking.state == BookingState.BOOKING_STATE_CONFIRMED and len(booking.booking_reference) == 6
    # Confirmed seats stay taken after the hold's expiry time.
    clock.now += 10_000
    assert await ledger.used("BA212/2027-03-03/ECONOMY") == 2
    again = await confirm(ledger, held.hold_id, key="confirm-2")
    assert again.booking_reference == booking.booking_reference
    bookings, more = await ledger.list_bookings("acme", "itineraries/1", 0, 10)
    assert [b.booking_reference for b in bookings] == [booking.booking_reference] and not more
    raw = await ledger.cancel("acme", "x", "fp-x", booking.booking_reference, lambda b: ConfirmFlightHoldResponse(booking=b))
    assert ConfirmFlightHoldResponse.FromString(raw).booking.state == BookingState.BOOKING_STATE_CANCELLED
    assert await ledger.used("BA212/2027-03-03/ECONOMY") == 0


async def test_confirming_an_expired_hold_fails_with_expired(ledger, clock):
    held = await hold(ledger, "a")
    clock.now += 601
    with pytest.raises(FailedPrecondition) as error:
        await confirm(ledger, held.hold_id)
    assert error.value.reason == "EXPIRED"


async def test_idempotency_returns_the_first_result_and_rejects_reuse(ledger):
    first = await hold(ledger, "same-key", 2)
    retry = await hold(ledger, "same-key", 2)
    assert retry == first
    assert await ledger.used("BA212/2027-03-03/ECONOMY") == 2
    with pytest.raises(FailedPrecondition) as error:
        await hold(ledger, "same-key", 3, fingerprint="another payload")
    assert error.value.reason == "IDEMPOTENCY_KEY_REUSED"
    other_tenant = await hold(ledger, "same-key", 2, tenant="globex")
    assert other_tenant.hold_id != first.hold_id


async def test_tenants_cannot_see_each_others_holds_or_bookings(ledger):
    held = await hold(ledger, "a")
    booking = await confirm(ledger, held.hold_id)
    with pytest.raises(NotFound):
        await ledger.get_hold("globex", held.hold_id)
    with pytest.raises(NotFound):
        await ledger.get_booking("globex", booking.booking_reference)
    with pytest.raises(NotFound):
        await confirm(ledger, held.hold_id, tenant="globex")
    assert (await ledger.list_bookings("globex", "", 0, 10)) == ([], False)


async def test_concurrent_holds_never_oversell(ledger):
    results = await asyncio.gather(*(hold(ledger, f"k{i}", 1) for i in range(20)), return_exceptions=True)
    assert sum(isinstance(r, FlightHold) for r in results) == 5
    assert all(isinstance(r, FailedPrecondition) and r.reason == "SOLD_OUT" for r in results if not isinstance(r, FlightHold))


async def test_a_new_ledger_on_the_same_file_keeps_everything(tmp_path, clock):
    first = Ledger(tmp_path / "ledger.db", FlightHold, FlightBooking, clock=clock)
    held = await hold(first, "a", 4)
    second = Ledger(tmp_path / "ledger.db", FlightHold, FlightBooking, clock=clock)
    assert (await second.get_hold("acme", held.hold_id)).hold_id == held.hold_id
    assert await second.used("BA212/2027-03-03/ECONOMY") == 4


@pytest.mark.parametrize("key", ["", "x" * 129, "tab\tkey", "clé"])
def test_bad_idempotency_keys_are_invalid(key):
    with pytest.raises(InvalidArgument) as error:
        check_idempotency_key(key)
    assert error.value.violations[0].field == "idempotency_key"
