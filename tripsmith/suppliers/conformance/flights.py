"""The contract of a flights supplier (tripsmith.flights.v1.FlightsService)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import grpc

from tripsmith.common.v1.place_pb2 import Place
from google.type.date_pb2 import Date

from tripsmith.common.v1.party_pb2 import Party
from tripsmith.suppliers.conformance import bookings, searches
from tripsmith.suppliers.conformance.harness import Failure, Kit, apply, access_checks, expect, expect_error
from tripsmith.core.money import money_amount
from tripsmith.flights.v1 import flights_service_pb2 as pb
from tripsmith.flights.v1 import flights_service_pb2_grpc
from tripsmith.core.dates import date_message
from tripsmith.core.validation import MAX_STOPS

SERVICE = "tripsmith.flights.v1.FlightsService"
INVALID = grpc.StatusCode.INVALID_ARGUMENT


def stub(kit: Kit) -> flights_service_pb2_grpc.FlightsServiceStub:
    return flights_service_pb2_grpc.FlightsServiceStub(kit.channel)


def search_request(kit: Kit, **changes) -> pb.SearchFlightsRequest:
    request = pb.SearchFlightsRequest(
        origin=Place(iata_code=kit.options.origin), destination=Place(iata_code=kit.options.destination),
        departure_date=date_message(kit.date()), passengers=Party(adults=2), currency_code="USD", page_size=50,
    )
    return apply(request, changes)


async def search(kit: Kit, **changes) -> pb.SearchFlightsResponse:
    return await stub(kit).SearchFlights(search_request(kit, **changes), metadata=kit.metadata(), timeout=30)


async def first_offer(kit: Kit) -> pb.FlightOffer:
    response = await search(kit)
    expect(len(response.offers) > 0, f"no offers {kit.options.origin}-{kit.options.destination} on {kit.date()}")
    return response.offers[0]


# Checks ---------------------------------------------------------------------------------------

async def offers_are_well_formed(kit: Kit) -> str:
    response = await search(kit)
    expect(response.offers, "the search returned no offers")
    expect(response.total_size >= len(response.offers), "total_size is smaller than the page")
    now = dt.datetime.now(dt.timezone.utc)
    for offer in response.offers:
        where = f"offer {offer.offer_id}"
        expect(offer.offer_id, "an offer has no offer_id")
        expect(offer.segments, f"{where} has no segments")
        expect(offer.stops == len(offer.segments) - 1, f"{where}: stops is not len(segments) - 1")
        for index, segment in enumerate(offer.segments):
            departure, arrival = segment.departure_time.ToDatetime(dt.timezone.utc), segment.arrival_time.ToDatetime(dt.timezone.utc)
            expect(arrival > departure, f"{where}: segment {index} arrives before it departs")
            for zone in (segment.departure_time_zone, segment.arrival_time_zone):
                try:
                    ZoneInfo(zone)
                except Exception:  # noqa: BLE001 - any failure means the zone is not IANA
                    raise Failure(f"{where}: {zone!r} is not an IANA time zone") from None
            expect(segment.carrier and segment.flight_number, f"{where}: segment {index} lacks carrier or flight number")
            if index:
                previous = offer.segments[index - 1]
                expect(previous.arrival_airport == segment.departure_airport, f"{where}: segments do not connect")
                expect(departure >= previous.arrival_time.ToDatetime(dt.timezone.utc), f"{where}: a connection leaves before arrival")
        first, last = offer.segments[0], offer.segments[-1]
        span = last.arrival_time.ToDatetime() - first.departure_time.ToDatetime()
        expect(abs(offer.total_duration.ToTimedelta() - span) <= dt.timedelta(minutes=1), f"{where}: total_duration is not the span")
        expect(offer.total_price.currency_code == "USD" and money_amount(offer.total_price) > 0, f"{where}: bad total_price")
        expect(money_amount(offer.total_price) + 0.01 >= 2 * money_amount(offer.price_per_adult), f"{where}: total below 2 adult fares")
        expect(offer.seats_available >= 2, f"{where}: fewer seats than passengers")
        expect(offer.expire_time.ToDatetime(dt.timezone.utc) > now, f"{where}: already expired")
    return f"{len(response.offers)} offers checked"


async def sorts(kit: Kit) -> str:
    orders = {
        pb.FLIGHT_ORDER_PRICE: lambda o: money_amount(o.total_price),
        pb.FLIGHT_ORDER_DURATION: lambda o: o.total_duration.ToSeconds(),
        pb.FLIGHT_ORDER_DEPARTURE_TIME: lambda o: o.segments[0].departure_time.ToSeconds(),
        pb.FLIGHT_ORDER_ARRIVAL_TIME: lambda o: o.segments[-1].arrival_time.ToSeconds(),
        pb.FLIGHT_ORDER_STOPS: lambda o: o.stops,
    }
    for order, value in orders.items():
        values = [value(o) for o in (await search(kit, order_by=order)).offers]
        expect(values == sorted(values), f"{pb.FlightOrder.Name(order)} is not respected")
    return f"{len(orders)} orders respected"


async def filters(kit: Kit) -> str:
    nonstop = await search(kit, max_stops=0)
    expect(all(o.stops == 0 for o in nonstop.offers), "max_stops=0 returned connections")
    offers = (await search(kit)).offers
    carrier = offers[0].segments[0].carrier
    request = search_request(kit)
    request.excluded_airlines.append(carrier)
    without = await stub(kit).SearchFlights(request, metadata=kit.metadata(), timeout=30)
    expect(all(s.carrier != carrier for o in without.offers for s in o.segments), f"excluded airline {carrier} appears")
    request = search_request(kit)
    request.departure_window.earliest.hours = 12
    request.departure_window.latest.hours = 18
    windowed = await stub(kit).SearchFlights(request, metadata=kit.metadata(), timeout=30)
    for offer in windowed.offers:
        segment = offer.segments[0]
        local = segment.departure_time.ToDatetime(dt.timezone.utc).astimezone(ZoneInfo(segment.departure_time_zone))
        expect(dt.time(12) <= local.time() <= dt.time(18), f"{offer.offer_id} departs at {local:%H:%M}, outside 12:00-18:00")
    return "stops, airlines and departure window respected"


async def rejects_bad_input(kit: Kit) -> str:
    cases = [
        ("an unknown airport", dict(origin=Place(iata_code="QQQ")), "origin"),
        ("no destination", dict(destination=Place()), "destination"),
        ("a past date", dict(departure_date=date_message(dt.date.today() - dt.timedelta(days=3))), "departure_date"),
        ("an impossible date", dict(departure_date=Date(year=2030, month=2, day=30)), "departure_date"),
        ("zero adults", dict(passengers=Party(adults=0)), "passengers"),
        ("a megabyte city name", dict(origin=Place(city_name="x" * 1_000_000)), "origin"),
        (f"{MAX_STOPS + 1} stops", dict(max_stops=MAX_STOPS + 1), "max_stops"),
    ]
    for what, changes, field in cases:
        await expect_error(search(kit, **changes), INVALID, field=field, what=what)
    return f"{len(cases)} kinds of bad input are INVALID_ARGUMENT with the field"


async def _bookable_offer(kit: Kit, big: bool) -> pb.FlightOffer:
    if not big:
        return await first_offer(kit)
    # The offer with the fewest seats, held 9 at a time, sells out soonest (a nonstop if any).
    response = await search(kit, max_stops=0, passengers=Party(adults=9))
    if not response.offers:
        response = await search(kit, passengers=Party(adults=9))
    expect(response.offers, "no offers for 9 passengers to sell out")
    return min(response.offers, key=lambda offer: offer.seats_available)


BOOKABLE = bookings.Bookable("Flight", pb, flights_service_pb2_grpc.FlightsServiceStub, "seats_available",
                             _bookable_offer, units=2)


CHECKS = [
    *access_checks(SERVICE, lambda kit: stub(kit).SearchFlights(search_request(kit), timeout=10)),
    ("offers are well formed", offers_are_well_formed),
    *searches.checks(search, {"max_stops": 0}),
    ("sorting", sorts),
    ("filters", filters),
    ("bad input is INVALID_ARGUMENT", rejects_bad_input),
    *bookings.checks(BOOKABLE),
]
