"""Edge cases an independent review found in the supplier services, kept as regressions."""

from __future__ import annotations

import datetime as dt

import grpc
import pytest
from google.type.money_pb2 import Money

from services.flights.config import FlightsConfig
from services.flights.server import create_server as create_flights
from services.hotels.config import HotelsConfig
from services.hotels.server import create_server as create_hotels
from tests.suppliers import catalog, metadata, running
from tripsmith.common.v1.party_pb2 import Party
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.flights.v1 import flights_service_pb2 as fpb
from tripsmith.flights.v1 import flights_service_pb2_grpc as fgrpc
from tripsmith.hotels.v1 import hotels_service_pb2 as hpb
from tripsmith.hotels.v1 import hotels_service_pb2_grpc as hgrpc
from tripsmith.core.dates import date_message

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.timezone.utc)
DAY = dt.date(2027, 3, 3)


@pytest.fixture
async def flights(tmp_path):
    async with running(create_flights, FlightsConfig, tmp_path, clock=NOW.timestamp) as (channel, _):
        yield fgrpc.FlightsServiceStub(channel)


@pytest.fixture
async def hotels(tmp_path):
    async with running(create_hotels, HotelsConfig, tmp_path, clock=NOW.timestamp) as (channel, _):
        yield hgrpc.HotelsServiceStub(channel)


async def code_of(call) -> grpc.StatusCode:
    try:
        await call
    except grpc.aio.AioRpcError as error:
        return error.code()
    return grpc.StatusCode.OK


async def first_leg_key(flights) -> str:
    response = await flights.SearchFlights(fpb.SearchFlightsRequest(
        origin=Place(iata_code="LIS"), destination=Place(iata_code="OPO"), departure_date=date_message(DAY),
        passengers=Party(adults=1), max_stops=0), metadata=metadata())
    return response.offers[0].offer_id.split(".", 4)[4]


async def test_forged_offer_ids_cannot_hold_negative_or_impossible_parties(flights):
    leg = await first_leg_key(flights)
    for forged in (f"fo1.Y.-9.n.{leg}", f"fo1.Y.0.n.{leg}", f"fo1.Y.1.99.{leg}", f"fo1.Y.1.0-1.{leg}",
                   f"fo1.Y.1.n.{leg}+{leg}", f"fo1.Y.1.n.{leg.rsplit('-', 1)[0]}-99991231"):
        assert await code_of(flights.HoldFlightOffer(fpb.HoldFlightOfferRequest(
            offer_id=forged, idempotency_key=forged[:100]), metadata=metadata())) == grpc.StatusCode.INVALID_ARGUMENT, forged


async def test_money_without_a_currency_is_invalid_not_internal(flights, hotels):
    leg = await first_leg_key(flights)
    assert await code_of(flights.HoldFlightOffer(fpb.HoldFlightOfferRequest(
        offer_id=f"fo1.Y.1.n.{leg}", idempotency_key="k", max_total_price=Money(units=500)),
        metadata=metadata())) == grpc.StatusCode.INVALID_ARGUMENT
    assert await code_of(hotels.SearchHotels(hpb.SearchHotelsRequest(
        city=Place(city_name="Lisbon"), check_in_date=date_message(DAY), check_out_date=date_message(DAY + dt.timedelta(2)),
        guests=Party(adults=1), max_nightly_price=Money(units=100)), metadata=metadata())) == grpc.StatusCode.INVALID_ARGUMENT


async def test_search_offers_nothing_that_leaves_within_the_cutoff(flights):
    today = NOW.date()
    response = await flights.SearchFlights(fpb.SearchFlightsRequest(
        origin=Place(iata_code="LHR"), destination=Place(iata_code="JFK"), departure_date=date_message(today),
        passengers=Party(adults=1), page_size=100), metadata=metadata())
    assert all(o.segments[0].departure_time.ToDatetime(dt.timezone.utc) >= NOW + dt.timedelta(hours=2)
               for o in response.offers)


async def test_inverted_windows_and_lap_infants_are_invalid(flights):
    request = fpb.SearchFlightsRequest(origin=Place(iata_code="LIS"), destination=Place(iata_code="OPO"),
                                       departure_date=date_message(DAY), passengers=Party(adults=1))
    request.departure_window.earliest.hours, request.departure_window.latest.hours = 20, 6
    assert await code_of(flights.SearchFlights(request, metadata=metadata())) == grpc.StatusCode.INVALID_ARGUMENT
    request.ClearField("departure_window")
    request.passengers.children_ages.extend([0, 1])
    assert await code_of(flights.SearchFlights(request, metadata=metadata())) == grpc.StatusCode.INVALID_ARGUMENT


async def test_a_cancelled_booking_cannot_be_confirmed_again(flights):
    leg = await first_leg_key(flights)
    hold = (await flights.HoldFlightOffer(fpb.HoldFlightOfferRequest(offer_id=f"fo1.Y.1.n.{leg}", idempotency_key="h"),
                                          metadata=metadata())).hold
    booking = (await flights.ConfirmFlightHold(fpb.ConfirmFlightHoldRequest(hold_id=hold.hold_id, idempotency_key="c"),
                                               metadata=metadata())).booking
    await flights.CancelFlightBooking(fpb.CancelFlightBookingRequest(booking_reference=booking.booking_reference,
                                                                     idempotency_key="x"), metadata=metadata())
    assert await code_of(flights.ConfirmFlightHold(fpb.ConfirmFlightHoldRequest(
        hold_id=hold.hold_id, idempotency_key="c2"), metadata=metadata())) == grpc.StatusCode.FAILED_PRECONDITION
    # A key belongs to its first call: reusing it on another call is a reuse.
    assert await code_of(flights.ReleaseFlightHold(fpb.ReleaseFlightHoldRequest(
        hold_id=hold.hold_id, idempotency_key="h"), metadata=metadata())) == grpc.StatusCode.FAILED_PRECONDITION


async def test_forged_hotel_offers_and_area_distance(hotels):
    request = hpb.SearchHotelsRequest(city=Place(city_name="Paris"), check_in_date=date_message(DAY),
                                      check_out_date=date_message(DAY + dt.timedelta(2)), guests=Party(adults=1))
    offer = (await hotels.SearchHotels(request, metadata=metadata())).offers[0]
    parts = offer.offer_id.split(".")
    for forged in (".".join(parts[:3] + ["-2"] + parts[4:6] + ["-2", "n"]), ".".join(parts[:3] + ["0"] + parts[4:6] + ["0", "n"])):
        assert await code_of(hotels.HoldHotelOffer(hpb.HoldHotelOfferRequest(offer_id=forged, idempotency_key="k"),
                                                   metadata=metadata())) == grpc.StatusCode.INVALID_ARGUMENT
    area = hpb.SearchHotelsRequest(check_in_date=date_message(DAY), check_out_date=date_message(DAY + dt.timedelta(2)),
                                   guests=Party(adults=1), order_by=hpb.HOTEL_ORDER_DISTANCE, page_size=50)
    area.area.center.latitude, area.area.center.longitude, area.area.radius_km = 48.8606, 2.3376, 2.0
    offers = (await hotels.SearchHotels(area, metadata=metadata())).offers
    from tripsmith.suppliers.data.catalog import distance_km

    distances = [distance_km(48.8606, 2.3376, o.hotel.location.latitude, o.hotel.location.longitude) for o in offers]
    assert offers and distances == sorted(distances)


def test_a_metro_code_that_is_an_airport_includes_it():
    assert "JNB" in catalog().metros["JNB"][2]
