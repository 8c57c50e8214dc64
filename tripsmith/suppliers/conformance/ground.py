"""The contract of a ground transport supplier (tripsmith.ground.v1.GroundService)."""

from __future__ import annotations

import grpc
from google.protobuf.duration_pb2 import Duration
from google.type.date_pb2 import Date

from tripsmith.common.v1.party_pb2 import Party
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from tripsmith.core.dates import date_message
from tripsmith.core.money import money_amount
from tripsmith.ground.v1 import ground_service_pb2 as pb
from tripsmith.ground.v1 import ground_service_pb2_grpc
from tripsmith.suppliers.conformance import bookings, searches
from tripsmith.suppliers.conformance.harness import Kit, access_checks, apply, expect, expect_error

SERVICE = "tripsmith.ground.v1.GroundService"
INVALID = grpc.StatusCode.INVALID_ARGUMENT
GROUND_MODES = {TravelMode.TRAVEL_MODE_RAIL, TravelMode.TRAVEL_MODE_COACH, TravelMode.TRAVEL_MODE_SELF_DRIVE,
                TravelMode.TRAVEL_MODE_TAXI}


def stub(kit: Kit) -> ground_service_pb2_grpc.GroundServiceStub:
    return ground_service_pb2_grpc.GroundServiceStub(kit.channel)


def search_request(kit: Kit, **changes) -> pb.SearchJourneysRequest:
    request = pb.SearchJourneysRequest(
        origin=Place(city_name=kit.options.ground_origin), destination=Place(city_name=kit.options.ground_destination),
        departure_date=date_message(kit.date()), party=Party(adults=2), currency_code="USD", page_size=50,
    )
    return apply(request, changes)


async def search(kit: Kit, **changes) -> pb.SearchJourneysResponse:
    return await stub(kit).SearchJourneys(search_request(kit, **changes), metadata=kit.metadata(), timeout=30)


def _route(kit: Kit) -> str:
    return f"{kit.options.ground_origin} to {kit.options.ground_destination}"


async def offers_are_well_formed(kit: Kit) -> str:
    response = await search(kit, party=Party(adults=2, children_ages=[7]), page_size=100)
    expect(response.offers, f"no journeys from {_route(kit)}")
    for offer in response.offers:
        where = f"offer {offer.offer_id}"
        expect(offer.offer_id and offer.operator, f"{where}: missing id or operator")
        expect(offer.mode in GROUND_MODES, f"{where}: mode {TravelMode.Name(offer.mode)} is not a ground mode")
        leaves, arrives = offer.departure_time.ToSeconds(), offer.arrival_time.ToSeconds()
        expect(arrives > leaves, f"{where}: arrives before it leaves")
        expect(offer.duration.seconds == arrives - leaves, f"{where}: the duration is not arrival - departure")
        expect(offer.distance_km > 0 and money_amount(offer.total_price) > 0, f"{where}: no distance or no price")
        expect(offer.total_price.currency_code == "USD", f"{where}: not priced in USD")
        expect(offer.departure_terminal.name and offer.arrival_terminal.name, f"{where}: terminals without names")
        expect(offer.provenance.source, f"{where}: no provenance")
        if offer.mode in (TravelMode.TRAVEL_MODE_SELF_DRIVE, TravelMode.TRAVEL_MODE_TAXI):
            expect(offer.vehicles >= 1 and offer.vehicle, f"{where}: a vehicle journey without vehicles")
        if offer.mode == TravelMode.TRAVEL_MODE_SELF_DRIVE:
            expect(offer.HasField("return_date"), f"{where}: a hire car without a return date")
    modes = sorted({TravelMode.Name(o.mode).removeprefix("TRAVEL_MODE_") for o in response.offers})
    return f"{len(response.offers)} offers checked ({', '.join(modes)})"


async def filters(kit: Kit) -> str:
    everything = await search(kit, page_size=100)
    modes = {offer.mode for offer in everything.offers}
    expect(modes, f"no journeys from {_route(kit)}")
    for mode in modes:
        request = search_request(kit, page_size=100)
        request.modes.append(mode)
        only = await stub(kit).SearchJourneys(request, metadata=kit.metadata(), timeout=30)
        expect(only.offers and all(o.mode == mode for o in only.offers), f"modes=[{TravelMode.Name(mode)}] is not respected")
    shortest = min(o.duration.seconds for o in everything.offers)
    capped = await search(kit, max_duration=Duration(seconds=shortest), page_size=100)
    expect(capped.offers and all(o.duration.seconds <= shortest for o in capped.offers), "max_duration is not respected")
    return f"{len(modes)} modes and max_duration respected"


async def sorts(kit: Kit) -> str:
    orders = {
        pb.JOURNEY_ORDER_DEPARTURE: lambda o: o.departure_time.ToSeconds(),
        pb.JOURNEY_ORDER_PRICE: lambda o: money_amount(o.total_price),
        pb.JOURNEY_ORDER_DURATION: lambda o: o.duration.seconds,
    }
    for order, value in orders.items():
        values = [value(o) for o in (await search(kit, order_by=order, page_size=100)).offers]
        expect(values == sorted(values), f"{pb.JourneyOrder.Name(order)} is not respected")
    return f"{len(orders)} orders respected"


async def rejects_bad_input(kit: Kit) -> str:
    past = kit.date(-3)
    cases = [
        ("an unknown origin", dict(origin=Place(city_name="Atlantis Under The Sea")), "origin"),
        ("the same origin and destination", dict(destination=Place(city_name=kit.options.ground_origin)), "destination"),
        ("a past date", dict(departure_date=date_message(past)), "departure_date"),
        ("an impossible date", dict(departure_date=Date(year=2030, month=13, day=1)), "departure_date"),
        ("zero adults", dict(party=Party(adults=0)), "party"),
        ("a negative max_duration", dict(max_duration=Duration(seconds=-60)), "max_duration"),
        ("a car returned before it is collected", dict(return_date=date_message(kit.date(kit.options.days_ahead - 1))),
         "return_date"),
        ("a megabyte city name", dict(origin=Place(city_name="y" * 1_000_000)), "origin"),
    ]
    for what, changes, field in cases:
        await expect_error(search(kit, **changes), INVALID, field=field, what=what)
    request = search_request(kit)
    request.modes.append(TravelMode.TRAVEL_MODE_FLIGHT)
    await expect_error(stub(kit).SearchJourneys(request, metadata=kit.metadata()), INVALID, field="modes",
                       what="FLIGHT as a ground mode")
    return f"{len(cases) + 1} kinds of bad input are INVALID_ARGUMENT with the field"


async def _bookable_offer(kit: Kit, big: bool) -> pb.JourneyOffer:
    response = await search(kit, page_size=100)
    expect(response.offers, f"no journeys from {_route(kit)}")
    if not big:
        return response.offers[0]
    return min(response.offers, key=lambda offer: offer.units_available)


BOOKABLE = bookings.Bookable("Journey", pb, ground_service_pb2_grpc.GroundServiceStub, "units_available",
                             _bookable_offer, units=1)

CHECKS = [
    *access_checks(SERVICE, lambda kit: stub(kit).SearchJourneys(search_request(kit), timeout=10)),
    ("offers are well formed", offers_are_well_formed),
    *searches.checks(search, {"max_duration": Duration(seconds=4 * 3600)}),
    ("sorting", sorts),
    ("filters", filters),
    ("bad input is INVALID_ARGUMENT", rejects_bad_input),
    *bookings.checks(BOOKABLE),
]
