"""The flights service on the real data: real routes, plausible times and fares, durable holds."""

from __future__ import annotations

import asyncio
import datetime as dt
from zoneinfo import ZoneInfo

import grpc
import pytest
from google.type.date_pb2 import Date

from services.flights.config import FlightsConfig
from services.flights.schedule import MCT_DOMESTIC, block_minutes
from services.flights.server import create_server
from tests.suppliers import catalog, metadata, running
from tripsmith.common.v1.party_pb2 import Party
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.flights.v1 import flights_service_pb2 as pb
from tripsmith.flights.v1 import flights_service_pb2_grpc

TODAY = dt.datetime(2027, 1, 10, 12, tzinfo=dt.timezone.utc)
DAY = Date(year=2027, month=3, day=3)


def clock() -> float:
    return TODAY.timestamp()


@pytest.fixture
async def flights(tmp_path):
    async with running(create_server, FlightsConfig, tmp_path, clock=clock) as (channel, _):
        yield flights_service_pb2_grpc.FlightsServiceStub(channel)


async def search(stub, origin: Place, destination: Place, **fields) -> pb.SearchFlightsResponse:
    fields.setdefault("passengers", Party(adults=1))
    request = pb.SearchFlightsRequest(origin=origin, destination=destination, departure_date=DAY, page_size=100, **fields)
    return await stub.SearchFlights(request, metadata=metadata())


async def test_nonstop_flights_exist_only_on_real_routes(flights):
    routes = catalog().routes
    for origin, destination in (("BOS", "LHR"), ("LIS", "OPO"), ("DEN", "MCO"), ("SFO", "NRT")):
        response = await search(flights, Place(iata_code=origin), Place(iata_code=destination))
        assert response.offers, f"{origin}-{destination}"
        for offer in response.offers:
            for segment in offer.segments:
                assert segment.carrier in routes[segment.departure_airport][segment.arrival_airport]


async def test_no_route_means_connections_through_real_hubs(flights):
    # Boston has no nonstop to Porto in the network; every offer connects at a hub.
    assert "OPO" not in catalog().routes["BOS"]
    response = await search(flights, Place(iata_code="BOS"), Place(iata_code="OPO"))
    assert response.offers and all(offer.stops >= 1 for offer in response.offers)
    for offer in response.offers:
        for first, second in zip(offer.segments, offer.segments[1:]):
            gap = second.departure_time.ToDatetime() - first.arrival_time.ToDatetime()
            assert gap >= MCT_DOMESTIC


async def test_times_are_local_and_durations_follow_distance(flights):
    response = await search(flights, Place(iata_code="LHR"), Place(iata_code="JFK"), max_stops=0)
    offer = response.offers[0]
    [segment] = offer.segments
    assert (segment.departure_time_zone, segment.arrival_time_zone) == ("Europe/London", "America/New_York")
    local_departure = segment.departure_time.ToDatetime(dt.timezone.utc).astimezone(ZoneInfo("Europe/London"))
    assert local_departure.date() == dt.date(2027, 3, 3)
    assert segment.duration.ToSeconds() == block_minutes(segment.distance_km) * 60
    assert 5400 <= segment.distance_km <= 5600
    assert dt.timedelta(hours=7) <= segment.duration.ToTimedelta() <= dt.timedelta(hours=8)


async def test_metro_and_city_names_search_every_airport(flights):
    by_code = await search(flights, Place(iata_code="NYC"), Place(iata_code="LON"), max_stops=0)
    airports = {offer.segments[0].departure_airport for offer in by_code.offers}
    assert {"JFK", "EWR"} <= airports
    assert len({offer.segments[-1].arrival_airport for offer in by_code.offers}) >= 2
    by_name = await search(flights, Place(city_name="new york"), Place(city_name="London"), max_stops=0)
    assert [o.offer_id for o in by_name.offers] == [o.offer_id for o in by_code.offers]
    assert by_name.resolved_origin.iata_code == "NYC"


async def test_fares_follow_the_calibration(flights):
    # A US market with a real BTS median: economy fares sit around it.
    bts_median = catalog().us_fares[("SAT", "DEN")][0]
    response = await search(flights, Place(iata_code="SAT"), Place(iata_code="DEN"), max_stops=0)
    fares = sorted(o.price_per_adult.units for o in response.offers)
    assert 0.6 * bts_median <= fares[len(fares) // 2] <= 1.6 * bts_median
    # Cabins cost more in order; long flights cost more than short ones.
    prices = {}
    for cabin in (pb.CABIN_ECONOMY, pb.CABIN_BUSINESS):
        offers = (await search(flights, Place(iata_code="LHR"), Place(iata_code="JFK"), max_stops=0, cabin=cabin)).offers
        prices[cabin] = min(o.price_per_adult.units for o in offers)
    assert prices[pb.CABIN_BUSINESS] > 2.5 * prices[pb.CABIN_ECONOMY]
    short = (await search(flights, Place(iata_code="LIS"), Place(iata_code="OPO"))).offers
    assert min(o.price_per_adult.units for o in short) < prices[pb.CABIN_ECONOMY] / 3


async def test_children_and_infants_are_priced_and_seated(flights):
    request = pb.SearchFlightsRequest(origin=Place(iata_code="LIS"), destination=Place(iata_code="OPO"),
                                      departure_date=DAY, passengers=Party(adults=2, children_ages=[1, 7]))
    offer = (await flights.SearchFlights(request, metadata=metadata())).offers[0]
    adult, child = offer.price_per_adult.units + offer.price_per_adult.nanos / 1e9, offer.price_per_child.units
    total = offer.total_price.units + offer.total_price.nanos / 1e9
    assert 2 * adult + 0.75 * adult < total < 2 * adult + 0.75 * adult + 0.1 * adult + 0.05
    assert child > 0


async def test_every_offer_can_be_held_at_the_total_it_was_offered_at(flights):
    """The total is the sum of the rounded fares; a hold capped at that total must not find
    the unrounded sum a cent above it (for a party, it often is)."""
    for party in (Party(adults=2), Party(adults=3), Party(adults=2, children_ages=[7])):
        offers = (await search(flights, Place(iata_code="BOS"), Place(iata_code="LIS"), passengers=party)).offers
        assert offers
        for index, offer in enumerate(offers):
            hold = (await flights.HoldFlightOffer(pb.HoldFlightOfferRequest(
                offer_id=offer.offer_id, idempotency_key=f"at-price-{len(party.children_ages)}-{party.adults}-{index}",
                max_total_price=offer.total_price), metadata=metadata())).hold
            assert hold.offer.total_price == offer.total_price


async def test_holds_survive_a_restart(tmp_path):
    async with running(create_server, FlightsConfig, tmp_path, clock=clock) as (channel, _):
        stub = flights_service_pb2_grpc.FlightsServiceStub(channel)
        offer = (await search(stub, Place(iata_code="LIS"), Place(iata_code="OPO"))).offers[0]
        hold = (await stub.HoldFlightOffer(pb.HoldFlightOfferRequest(offer_id=offer.offer_id, idempotency_key="h1"),
                                           metadata=metadata())).hold
        seats = (await stub.GetFlightOffer(pb.GetFlightOfferRequest(offer_id=offer.offer_id), metadata=metadata())).offer
    async with running(create_server, FlightsConfig, tmp_path, clock=clock) as (channel, _):
        stub = flights_service_pb2_grpc.FlightsServiceStub(channel)
        again = (await stub.GetFlightHold(pb.GetFlightHoldRequest(hold_id=hold.hold_id), metadata=metadata())).hold
        assert again == hold
        after = (await stub.GetFlightOffer(pb.GetFlightOfferRequest(offer_id=offer.offer_id), metadata=metadata())).offer
        assert after.seats_available == seats.seats_available
        retried = (await stub.HoldFlightOffer(pb.HoldFlightOfferRequest(offer_id=offer.offer_id, idempotency_key="h1"),
                                              metadata=metadata())).hold
        assert retried.hold_id == hold.hold_id


async def test_concurrent_holds_never_oversell(flights):
    response = await search(flights, Place(iata_code="LIS"), Place(iata_code="OPO"), max_stops=0,
                            passengers=Party(adults=9))
    offer = min(response.offers, key=lambda o: o.seats_available)
    attempts = offer.seats_available // 9 + 10

    async def hold(index: int):
        try:
            return await flights.HoldFlightOffer(pb.HoldFlightOfferRequest(offer_id=offer.offer_id,
                                                                           idempotency_key=f"race-{index}"),
                                                 metadata=metadata())
        except grpc.aio.AioRpcError as error:
            return error

    results = await asyncio.gather(*(hold(i) for i in range(attempts)))
    held = [r for r in results if not isinstance(r, grpc.aio.AioRpcError)]
    refused = [r for r in results if isinstance(r, grpc.aio.AioRpcError)]
    assert len(held) * 9 <= offer.seats_available < (len(held) + 1) * 9
    assert refused and all(r.code() == grpc.StatusCode.FAILED_PRECONDITION for r in refused)


async def test_a_forged_offer_id_is_invalid(flights):
    for forged in ("fo1.Y.1.n.LIS-OPO-ZZ-0-20270303", "garbage", "fo1.Q.1.n.LIS-OPO-TP-0-20270303"):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await flights.GetFlightOffer(pb.GetFlightOfferRequest(offer_id=forged), metadata=metadata())
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
