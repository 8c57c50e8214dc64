"""The contract of a hotels supplier (tripsmith.hotels.v1.HotelsService)."""

from __future__ import annotations

import datetime as dt

import grpc
from google.type.date_pb2 import Date
from google.type.money_pb2 import Money

from tripsmith.common.v1.party_pb2 import Party
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.suppliers.conformance import bookings, searches
from tripsmith.suppliers.conformance.harness import Kit, apply, access_checks, expect, expect_error
from tripsmith.core.money import money_amount
from tripsmith.core.validation import MAX_TRIP_NIGHTS
from tripsmith.suppliers.data.catalog import distance_km
from tripsmith.hotels.v1 import hotels_service_pb2 as pb
from tripsmith.hotels.v1 import hotels_service_pb2_grpc
from tripsmith.core.dates import date_message

SERVICE = "tripsmith.hotels.v1.HotelsService"
INVALID = grpc.StatusCode.INVALID_ARGUMENT
NIGHTS = 3


def stub(kit: Kit) -> hotels_service_pb2_grpc.HotelsServiceStub:
    return hotels_service_pb2_grpc.HotelsServiceStub(kit.channel)


def search_request(kit: Kit, **changes) -> pb.SearchHotelsRequest:
    request = pb.SearchHotelsRequest(
        city=Place(city_name=kit.options.city), check_in_date=date_message(kit.date()),
        check_out_date=date_message(kit.date(kit.options.days_ahead + NIGHTS)), guests=Party(adults=2),
        currency_code="USD", page_size=50,
    )
    return apply(request, changes)


async def search(kit: Kit, **changes) -> pb.SearchHotelsResponse:
    return await stub(kit).SearchHotels(search_request(kit, **changes), metadata=kit.metadata(), timeout=30)


async def offers_are_well_formed(kit: Kit) -> str:
    response = await search(kit, guests=Party(adults=2, children_ages=[7]))
    expect(response.offers, f"no hotel offers in {kit.options.city}")
    for offer in response.offers:
        where = f"offer {offer.offer_id}"
        expect(offer.offer_id and offer.hotel.hotel_id and offer.hotel.name, f"{where}: missing ids or name")
        expect(1 <= offer.hotel.stars <= 5 and 0 <= offer.hotel.rating <= 10, f"{where}: stars or rating out of range")
        expect(len(offer.nightly_rates) == NIGHTS, f"{where}: {len(offer.nightly_rates)} nightly rates for {NIGHTS} nights")
        total = sum(money_amount(rate.price) for rate in offer.nightly_rates)
        expect(abs(total - money_amount(offer.total_price)) <= 0.01 * NIGHTS, f"{where}: nightly rates do not add up to the total")
        expect(abs(money_amount(offer.average_nightly_price) * NIGHTS - money_amount(offer.total_price)) <= 0.02 * NIGHTS,
               f"{where}: the average nightly price is not total / nights")
        expect(offer.rooms * offer.room_type.max_occupancy >= 3, f"{where}: the rooms do not fit 3 guests")
        expect(offer.rooms_available >= offer.rooms, f"{where}: fewer rooms left than offered")
        expect(offer.check_in_date == date_message(kit.date()), f"{where}: check-in date differs from the search")
        expect(offer.total_price.currency_code == "USD", f"{where}: not priced in USD")
    return f"{len(response.offers)} offers checked"


async def sorts(kit: Kit) -> str:
    orders = {
        pb.HOTEL_ORDER_PRICE: lambda o: money_amount(o.total_price),
        pb.HOTEL_ORDER_RATING: lambda o: -o.hotel.rating,
        pb.HOTEL_ORDER_STARS: lambda o: -o.hotel.stars,
        pb.HOTEL_ORDER_DISTANCE: lambda o: o.hotel.distance_from_center_km,
    }
    for order, value in orders.items():
        values = [value(o) for o in (await search(kit, order_by=order)).offers]
        expect(values == sorted(values), f"{pb.HotelOrder.Name(order)} is not respected")
    return f"{len(orders)} orders respected"


async def filters(kit: Kit) -> str:
    starred = await search(kit, min_stars=4)
    expect(all(o.hotel.stars >= 4 for o in starred.offers), "min_stars=4 returned cheaper hotels")
    cap = sorted(money_amount(o.average_nightly_price) for o in (await search(kit)).offers)
    limit = cap[len(cap) // 2]
    capped = await search(kit, max_nightly_price=Money(currency_code="USD", units=int(limit)))
    expect(capped.offers and all(money_amount(o.average_nightly_price) <= int(limit) + 0.01 for o in capped.offers),
           "max_nightly_price is not respected")
    request = search_request(kit)
    request.amenities.append(pb.AMENITY_WIFI)
    wifi = await stub(kit).SearchHotels(request, metadata=kit.metadata(), timeout=30)
    expect(all(pb.AMENITY_WIFI in o.hotel.amenities for o in wifi.offers), "the amenity filter is not respected")
    request = search_request(kit)
    request.house_rules.append(pb.HOUSE_RULE_VISITORS)
    request.excluded_accommodation_types.append(pb.ACCOMMODATION_TYPE_SHARED_ROOM)
    ruled = await stub(kit).SearchHotels(request, metadata=kit.metadata(), timeout=30)
    expect(all(pb.HOUSE_RULE_VISITORS in o.hotel.house_rules for o in ruled.offers), "the house-rule filter is not respected")
    expect(all(o.hotel.accommodation_type != pb.ACCOMMODATION_TYPE_SHARED_ROOM for o in ruled.offers),
           "the excluded kind of stay is not respected")
    return "stars, nightly price, amenities, house rules and kinds of stay respected"


async def searches_an_area(kit: Kit) -> str:
    city = (await search(kit)).resolved_city
    center = city.location
    request = search_request(kit)
    request.area.center.CopyFrom(center)
    request.area.radius_km = 3
    response = await stub(kit).SearchHotels(request, metadata=kit.metadata(), timeout=30)
    expect(response.offers, f"no hotels within 3 km of {city.city_name}'s centre")
    for offer in response.offers:
        where = offer.hotel.location
        distance = distance_km(center.latitude, center.longitude, where.latitude, where.longitude)
        expect(distance <= 3.05, f"{offer.hotel.name} is {distance:.1f} km away, outside the 3 km circle")
    return f"{response.total_size} offers within 3 km"


async def rejects_bad_input(kit: Kit) -> str:
    past = kit.date(-3)
    cases = [
        ("an unknown city", dict(city=Place(city_name="Atlantis Under The Sea")), "city"),
        ("check-out before check-in", dict(check_out_date=date_message(kit.date() - dt.timedelta(days=1))), "check_out_date"),
        (f"a {MAX_TRIP_NIGHTS + 1}-night stay", dict(check_out_date=date_message(kit.date() + dt.timedelta(days=MAX_TRIP_NIGHTS + 1))),
         "check_out_date"),
        ("a past stay", dict(check_in_date=date_message(past), check_out_date=date_message(past + dt.timedelta(days=2))),
         "check_in_date"),
        ("an impossible date", dict(check_in_date=Date(year=2030, month=13, day=1)), "check_in_date"),
        ("zero adults", dict(guests=Party(adults=0)), "guests"),
        ("six stars", dict(min_stars=6), "min_stars"),
        ("a megabyte city name", dict(city=Place(city_name="y" * 1_000_000)), "city"),
    ]
    for what, changes, field in cases:
        await expect_error(search(kit, **changes), INVALID, field=field, what=what)
    request = search_request(kit)
    request.area.radius_km = 0
    await expect_error(stub(kit).SearchHotels(request, metadata=kit.metadata()), INVALID, field="area", what="radius 0")
    return f"{len(cases) + 1} kinds of bad input are INVALID_ARGUMENT with the field"


async def _bookable_offer(kit: Kit, big: bool) -> pb.HotelOffer:
    response = await search(kit)
    expect(response.offers, f"no hotel offers in {kit.options.city}")
    if not big:
        return response.offers[0]
    return min(response.offers, key=lambda offer: offer.rooms_available)


BOOKABLE = bookings.Bookable("Hotel", pb, hotels_service_pb2_grpc.HotelsServiceStub, "rooms_available",
                             _bookable_offer, units=1)

CHECKS = [
    *access_checks(SERVICE, lambda kit: stub(kit).SearchHotels(search_request(kit), timeout=10)),
    ("offers are well formed", offers_are_well_formed),
    *searches.checks(search, {"min_stars": 4}),
    ("sorting", sorts),
    ("filters", filters),
    ("search by area", searches_an_area),
    ("bad input is INVALID_ARGUMENT", rejects_bad_input),
    *bookings.checks(BOOKABLE),
]
