"""The checker: proves, from the itinerary alone, that every hard constraint holds and that
every offer in it came from a supplier response in this workflow.

It is a separate code path from the optimizer on purpose: it reads the itinerary's own
fields (not the optimizer's candidates or rules) and re-derives local dates, red-eyes and
connections itself, so that a bug in one is caught by the other. Its results are the
itinerary's `checks`; an itinerary with a failed check is never proposed.
"""

from __future__ import annotations

from collections.abc import Mapping

from tripsmith.common.v1 import travel_mode_pb2
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels_pb2
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.core.dates import date_of, local_time
from tripsmith.core.money import money_amount

MIN_CONNECTION_MINUTES = 45


def place_key(place) -> str:
    """How a Place is recognised across searches: "IATA|city/country" (either part may match)."""
    city = f"{place.city_name.casefold()}/{place.country_code.upper()}" if place.city_name else ""
    return f"{place.iata_code.upper()}|{city}"


def same_place(a: str, b: str) -> bool:
    """The same IATA code, or the same city name in the same country (a place given by its city
    name alone matches that city in any country; the search resolved it to one)."""
    (a_code, a_city), (b_code, b_city) = a.split("|", 1), b.split("|", 1)
    if a_code and a_code == b_code:
        return True
    (a_name, _, a_country), (b_name, _, b_country) = a_city.partition("/"), b_city.partition("/")
    return bool(a_name) and a_name == b_name and (a_country == b_country or not a_country or not b_country)


def check(itinerary: planner.Itinerary, seen_offers: Mapping[str, tuple[int, int, str]],
          routes: Mapping[str, tuple[str, str]] | None = None) -> list[planner.ConstraintCheck]:
    """Every hard constraint, satisfied or not, with its evidence.

    `seen_offers` maps each offer id returned by a supplier in this workflow to the price
    it was returned at (units, nanos, currency). `routes`, when given, maps the same ids to
    the (origin, destination) place keys of the search that returned them (origin empty for
    hotels): the plan must go where the traveler asked, whatever the model searched.
    """
    request, results = itinerary.request, []

    def record(name: str, satisfied: bool, detail: str) -> None:
        results.append(planner.ConstraintCheck(name=name, satisfied=satisfied, detail=detail))

    flights, stays = list(itinerary.flights), list(itinerary.hotel_stays)
    start, end = date_of(request.start_date), date_of(request.end_date)
    if len(flights) != 2 or len(stays) != 1 or not all(f.segments for f in flights):
        record("shape", False, f"{len(flights)} flights and {len(stays)} stays; expected 2 and 1")
        return results
    outbound, inbound, stay = flights[0], flights[1], stays[0]
    leaves = local_time(outbound.segments[0].departure_time, outbound.segments[0].departure_time_zone)
    arrives = local_time(outbound.segments[-1].arrival_time, outbound.segments[-1].arrival_time_zone)
    returns = local_time(inbound.segments[0].departure_time, inbound.segments[0].departure_time_zone)
    record("dates", leaves.date() == start and returns.date() == end,
           f"outbound leaves {leaves:%Y-%m-%d %H:%M} local, return leaves {returns:%Y-%m-%d %H:%M} local; "
           f"requested {start} to {end}")
    check_in, check_out = date_of(stay.check_in_date), date_of(stay.check_out_date)
    record("hotel nights", check_in == arrives.date() and check_out == returns.date(),
           f"stay {check_in} to {check_out}; flights arrive {arrives.date()} and leave {returns.date()}")

    party = request.party
    seats = party.adults + sum(1 for age in party.children_ages if age >= 2)
    guests = party.adults + len(party.children_ages)
    capacity = stay.rooms * stay.room_type.max_occupancy
    record("party", all(f.seats_available >= seats for f in flights) and capacity >= guests,
           f"{seats} seat(s) needed, {min(f.seats_available for f in flights)} available; "
           f"{guests} guest(s) in {stay.rooms} room(s) for {capacity}")

    total = money_amount(itinerary.price.total)
    lines = sum(money_amount(line.converted_amount) for line in itinerary.price.line_items)
    record("price adds up", abs(total - lines) < 0.005 and len(itinerary.price.line_items) == 3,
           f"total {total:,.2f}, line items {lines:,.2f}")
    if request.budget.currency_code:
        budget = money_amount(request.budget)
        record("budget", itinerary.price.total.currency_code == request.budget.currency_code and total <= budget + 0.005,
               f"total {total:,.2f} {itinerary.price.total.currency_code} within budget {budget:,.2f} "
               f"{request.budget.currency_code}" if total <= budget + 0.005 else
               f"total {total:,.2f} exceeds budget {budget:,.2f} {request.budget.currency_code}")

    prefs = request.flight_preferences
    if prefs.HasField("max_stops"):
        stops = [len(f.segments) - 1 for f in flights]
        record("stops", max(stops) <= prefs.max_stops, f"stops {stops}, at most {prefs.max_stops}")
    if prefs.avoid_red_eye:
        overnight = []
        for flight in flights:
            for segment in flight.segments:
                off = local_time(segment.departure_time, segment.departure_time_zone)
                on = local_time(segment.arrival_time, segment.arrival_time_zone)
                if (off.hour >= 21 or off.hour < 5) and (on.date() > off.date() or on.hour < 7):
                    overnight.append(segment.flight_number)
        record("no red-eye", not overnight, f"overnight: {', '.join(overnight)}" if overnight else "no overnight segment")
    if prefs.avoided_airlines:
        flown = sorted({s.carrier for f in flights for s in f.segments} & set(prefs.avoided_airlines))
        record("avoided airlines", not flown, f"flies {', '.join(flown)}" if flown else "none of " + ", ".join(prefs.avoided_airlines))
    short = [f"{a.arrival_airport} {int((b.departure_time.ToDatetime() - a.arrival_time.ToDatetime()).total_seconds() // 60)} min"
             for f in flights for a, b in zip(f.segments, f.segments[1:])
             if (b.departure_time.ToDatetime() - a.arrival_time.ToDatetime()).total_seconds() < MIN_CONNECTION_MINUTES * 60]
    record("connections", not short, f"too short: {', '.join(short)}" if short else f"every connection {MIN_CONNECTION_MINUTES} min or more")
    hotel_prefs = request.hotel_preferences
    if hotel_prefs.min_stars:
        record("hotel stars", stay.hotel.stars >= hotel_prefs.min_stars,
               f"{stay.hotel.stars} stars, at least {hotel_prefs.min_stars}")
    if hotel_prefs.house_rules:
        lacking = [hotels_pb2.HouseRule.Name(rule).removeprefix("HOUSE_RULE_").lower()
                   for rule in hotel_prefs.house_rules if rule not in stay.hotel.house_rules]
        record("house rules", not lacking, f"{stay.hotel.name} " + (f"does not allow {', '.join(lacking)}" if lacking
                                                                    else "allows what was asked"))
    if hotel_prefs.avoided_accommodation_types or hotel_prefs.accommodation_types:
        kind = stay.hotel.accommodation_type
        wanted = not hotel_prefs.accommodation_types or kind in hotel_prefs.accommodation_types
        record("accommodation", wanted and kind not in hotel_prefs.avoided_accommodation_types,
               f"{hotels_pb2.AccommodationType.Name(kind).removeprefix('ACCOMMODATION_TYPE_').replace('_', ' ').lower()}"
               f" at {stay.hotel.name}")
    transport = request.transport_preferences
    if transport.allowed_modes or transport.avoided_modes:
        flying_ok = (travel_mode_pb2.TRAVEL_MODE_FLIGHT not in transport.avoided_modes
                     and (not transport.allowed_modes or travel_mode_pb2.TRAVEL_MODE_FLIGHT in transport.allowed_modes))
        record("transport modes", flying_ok, "every leg is a flight" + ("" if flying_ok else ", and flying was ruled out"))
    if hotel_prefs.max_nightly_price.currency_code:
        nightly, cap = money_amount(stay.nightly_price), money_amount(hotel_prefs.max_nightly_price)
        record("nightly price", nightly <= cap + 0.005, f"{nightly:,.2f} a night, at most {cap:,.2f}")

    if routes is not None:
        origin = place_key(request.origin)
        destination = place_key(request.destination)
        expected = [(outbound.offer_id, origin, destination), (inbound.offer_id, destination, origin),
                    (stay.offer_id, "", destination)]
        wrong = [offer_id for offer_id, want_from, want_to in expected
                 if offer_id not in routes
                 or (want_from and not same_place(routes[offer_id][0], want_from))
                 or not same_place(routes[offer_id][1], want_to)]
        record("places", not wrong, f"not searched for the requested places: {', '.join(wrong)}" if wrong
               else "outbound, return and hotel match the requested origin and destination")
    offers = [(f.offer_id, f.total_price) for f in flights] + [(stay.offer_id, stay.total_price)]
    unknown = [offer_id for offer_id, price in offers
               if seen_offers.get(offer_id) != (price.units, price.nanos, price.currency_code)]
    record("offers from suppliers", not unknown,
           f"not returned by a supplier at this price: {', '.join(unknown)}" if unknown else "every offer came from a supplier response")
    return results
