"""How a phrasing table's expectations are compared with what `tripsmith-rules` understood.

One home for the comparison, shared by the tests (tests/services/model/test_phrasings.py) and
the understanding benchmark (benchmarks/understanding.py). The keys are documented in
tests/services/model/phrasings.py.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

REFERENCE = dt.date(2027, 1, 13)
KEYS = {
    "origin", "destination", "start", "end", "adults", "children", "rooms", "budget", "max_nightly", "cabin",
    "max_stops", "avoid_red_eye", "min_stars", "preferred_airlines", "avoided_airlines", "interests", "missing",
    "stops", "region", "city_count", "avoided_modes", "allowed_modes", "house_rules", "accommodation",
    "avoided_accommodation", "cuisines",
}
MISSABLE = {"origin", "destination", "start_date", "end_date", "party.children_ages", "party.adults", "budget"}
INTERESTS = {
    "museums", "art", "history", "food", "seafood", "wine", "beaches", "hiking", "nature", "nightlife",
    "shopping", "architecture", "music", "family", "relaxation", "sports",
}
#: Keys compared as sets: their order carries no meaning.
SETS = {"preferred_airlines", "avoided_airlines", "avoided_modes", "allowed_modes", "house_rules", "accommodation",
        "avoided_accommodation", "cuisines"}
CODE = re.compile(r"[A-Z]{3}")


def _date(value) -> str | None:
    return dt.date(value.year, value.month, value.day).isoformat() if value.year else None


def _money(value, is_set: bool) -> str | None:
    """Money as "3000 USD", the amount without trailing zeros; None when unset."""
    if not is_set or (not value.currency_code and not value.units and not value.nanos):
        return None
    amount = Decimal(value.units) + Decimal(value.nanos) / Decimal(10**9)
    text = format(amount.normalize(), "f")
    return f"{text} {value.currency_code}"


def _place(place, want) -> str:
    return place.iata_code if isinstance(want, str) and CODE.fullmatch(want) else place.city_name


def _names(enum, values, prefix: str) -> list[str]:
    return [enum.Name(value).removeprefix(prefix) for value in values]


def comparable(request, expected: dict) -> dict:
    """The TripRequest's values for the keys of `expected`, in the table's terms."""
    from tripsmith.common.v1.travel_mode_pb2 import TravelMode
    from tripsmith.flights.v1.flights_service_pb2 import Cabin
    from tripsmith.hotels.v1.hotels_service_pb2 import AccommodationType, HouseRule

    flights, hotels, party = request.flight_preferences, request.hotel_preferences, request.party
    transport, choice = request.transport_preferences, request.stop_choice
    values = {
        "start": lambda: _date(request.start_date),
        "end": lambda: _date(request.end_date),
        "adults": lambda: party.adults,
        "children": lambda: list(party.children_ages),
        "rooms": lambda: party.rooms,
        "budget": lambda: _money(request.budget, request.HasField("budget")),
        "max_nightly": lambda: _money(hotels.max_nightly_price, hotels.HasField("max_nightly_price")),
        "cabin": lambda: Cabin.Name(flights.cabin).removeprefix("CABIN_"),
        "max_stops": lambda: flights.max_stops if flights.HasField("max_stops") else None,
        "avoid_red_eye": lambda: flights.avoid_red_eye,
        "min_stars": lambda: hotels.min_stars,
        "preferred_airlines": lambda: list(flights.preferred_airlines),
        "avoided_airlines": lambda: list(flights.avoided_airlines),
        "interests": lambda: list(request.interests),
        "region": lambda: (f"{choice.country_code}-{choice.region_code}" if choice.region_code else choice.country_code) or None,
        "city_count": lambda: choice.count or None,
        "avoided_modes": lambda: _names(TravelMode, transport.avoided_modes, "TRAVEL_MODE_"),
        "allowed_modes": lambda: _names(TravelMode, transport.allowed_modes, "TRAVEL_MODE_"),
        "house_rules": lambda: _names(HouseRule, hotels.house_rules, "HOUSE_RULE_"),
        "accommodation": lambda: _names(AccommodationType, hotels.accommodation_types, "ACCOMMODATION_TYPE_"),
        "avoided_accommodation": lambda: _names(AccommodationType, hotels.avoided_accommodation_types,
                                                "ACCOMMODATION_TYPE_"),
        "cuisines": lambda: list(request.cuisines),
    }
    got: dict = {}
    for key, want in expected.items():
        if key in ("origin", "destination"):
            got[key] = _place(getattr(request, key), want)
        elif key == "stops":
            got[key] = [_place(stop.place, code) for stop, code in zip(request.stops, list(want) + [""] * len(request.stops))]
        elif key in values:
            got[key] = values[key]()
    return got


def matches(key: str, want, got) -> bool:
    if key in SETS:
        return sorted(got or []) == sorted(want or [])
    if key == "interests":
        return set(want) <= set(got)
    if key == "missing":
        return sorted(got) == want
    if key == "stops":
        return list(got or []) == list(want or [])
    return got == want


def differences(result, expected: dict) -> dict[str, tuple]:
    """{key: (expected, got)} for every expected key the result gets wrong."""
    expected = {key: value for key, value in expected.items() if key != "reference"}
    got = comparable(result.request, expected)
    if "missing" in expected:
        got["missing"] = sorted(result.missing)
    if "cheaper" in expected:  # a wish that is no field of the request: result.adjustments
        got["cheaper"] = "cheaper" in getattr(result, "adjustments", ())
    return {key: (want, got.get(key)) for key, want in expected.items() if not matches(key, want, got.get(key))}


def check(result, expected: dict, said: str) -> None:
    """Every expected key against the result, all differences in one message."""
    wrong = [f"  {key}: expected {want!r}, got {got!r}" for key, (want, got) in differences(result, expected).items()]
    assert not wrong, (f"{said}\n" + "\n".join(wrong)
                       + f"\n  (missing={list(result.missing)!r}, question={result.question!r})")


def reference_of(expected: dict) -> dt.date:
    return dt.date.fromisoformat(expected["reference"]) if "reference" in expected else REFERENCE
