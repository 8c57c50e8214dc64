"""`tripsmith-rules` understands trip requests and follow-ups as travelers write them.

The cases are data in tests/services/model/phrasings.py; docs/model.md is the specification.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from tests.services.model.phrasings import PHRASINGS, REFINEMENTS
from tests.services.model.phrasings_holdout import HOLDOUT_PHRASINGS, HOLDOUT_REFINEMENTS

REFERENCE = dt.date(2027, 1, 13)
KEYS = {
    "origin", "destination", "start", "end", "adults", "children", "rooms", "budget", "max_nightly", "cabin",
    "max_stops", "avoid_red_eye", "min_stars", "preferred_airlines", "avoided_airlines", "interests", "missing",
}
MISSABLE = {"origin", "destination", "start_date", "end_date", "party.children_ages"}
INTERESTS = {
    "museums", "art", "history", "food", "seafood", "wine", "beaches", "hiking", "nature", "nightlife",
    "shopping", "architecture", "music", "family", "relaxation", "sports",
}
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


def comparable(request, expected: dict) -> dict:
    """The TripRequest's values for the keys of `expected`, in the table's terms."""
    from tripsmith.flights.v1.flights_service_pb2 import Cabin

    flights, hotels, party = request.flight_preferences, request.hotel_preferences, request.party
    got: dict = {}
    for key, want in expected.items():
        if key in ("origin", "destination"):
            place = getattr(request, key)
            got[key] = place.iata_code if isinstance(want, str) and CODE.fullmatch(want) else place.city_name
        elif key == "start":
            got[key] = _date(request.start_date)
        elif key == "end":
            got[key] = _date(request.end_date)
        elif key == "adults":
            got[key] = party.adults
        elif key == "children":
            got[key] = list(party.children_ages)
        elif key == "rooms":
            got[key] = party.rooms
        elif key == "budget":
            got[key] = _money(request.budget, request.HasField("budget"))
        elif key == "max_nightly":
            got[key] = _money(hotels.max_nightly_price, hotels.HasField("max_nightly_price"))
        elif key == "cabin":
            got[key] = Cabin.Name(flights.cabin).removeprefix("CABIN_")
        elif key == "max_stops":
            got[key] = flights.max_stops if flights.HasField("max_stops") else None
        elif key == "avoid_red_eye":
            got[key] = flights.avoid_red_eye
        elif key == "min_stars":
            got[key] = hotels.min_stars
        elif key == "preferred_airlines":
            got[key] = list(flights.preferred_airlines)
        elif key == "avoided_airlines":
            got[key] = list(flights.avoided_airlines)
        elif key == "interests":
            got[key] = list(request.interests)
    return got


def _matches(key: str, want, got) -> bool:
    if key in ("preferred_airlines", "avoided_airlines"):
        return sorted(got) == sorted(want)
    if key == "interests":
        return set(want) <= set(got)
    if key == "missing":
        return sorted(got) == want
    return got == want


def check(result, expected: dict, said: str) -> None:
    """Every expected key against the result, all differences in one message."""
    expected = {key: value for key, value in expected.items() if key != "reference"}
    got = comparable(result.request, expected)
    if "missing" in expected:
        got["missing"] = sorted(result.missing)
    if "cheaper" in expected:  # a wish that is no field of the request: result.adjustments (or .cheaper)
        got["cheaper"] = bool(getattr(result, "cheaper", False)) or "cheaper" in getattr(result, "adjustments", ())
    wrong = [f"  {key}: expected {want!r}, got {got.get(key)!r}"
             for key, want in expected.items() if not _matches(key, want, got.get(key))]
    assert not wrong, (f"{said}\n" + "\n".join(wrong)
                       + f"\n  (missing={list(result.missing)!r}, question={result.question!r})")


def _reference(expected: dict) -> dt.date:
    return dt.date.fromisoformat(expected["reference"]) if "reference" in expected else REFERENCE


def _id(number: int, text: str) -> str:
    return f"{number:03d}-" + re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


@pytest.mark.parametrize(("text", "expected"),
                         [pytest.param(t, e, id=_id(i, t)) for i, (t, e) in enumerate(PHRASINGS, 1)]
                         + [pytest.param(t, e, id="holdout-" + _id(i, t)) for i, (t, e) in enumerate(HOLDOUT_PHRASINGS, 1)])
def test_understands(text, expected):
    from services.model.understanding import understand

    reference = _reference(expected)
    result = understand(text, reference)
    check(result, expected, f"understand({text!r}, {reference})")
    if "missing" in expected:
        assert bool(result.question) == bool(expected["missing"]), (
            f"understand({text!r}): question {result.question!r} with missing {list(result.missing)!r}")


@pytest.mark.parametrize(("first", "follow_up", "expected"),
                         [pytest.param(f, u, e, id=_id(i, f"{u} after {f}"))
                          for i, (f, u, e) in enumerate(REFINEMENTS, 1)]
                         + [pytest.param(f, u, e, id="holdout-" + _id(i, f"{u} after {f}"))
                            for i, (f, u, e) in enumerate(HOLDOUT_REFINEMENTS, 1)])
def test_refines(first, follow_up, expected):
    from services.model.understanding import refine, understand

    previous = understand(first, REFERENCE)
    result = refine(previous, follow_up, REFERENCE)
    check(result, expected, f"refine(understand({first!r}), {follow_up!r}, {REFERENCE})")


def test_the_table_is_well_formed():
    """Without the parser: enough cases, known keys, ISO dates in order, sorted missing lists."""
    assert len(PHRASINGS) >= 130 and len(REFINEMENTS) >= 25
    texts = [text for text, _ in PHRASINGS]
    assert len(texts) == len(set(texts)), "a phrasing appears twice"
    cases = [(text, expected) for text, expected in PHRASINGS] + [(u, e) for _, u, e in REFINEMENTS]
    for text, expected in cases:
        extra = set(expected) - KEYS - {"reference", "cheaper"}
        assert not extra, f"{text!r}: unknown keys {extra}"
        for key in ("start", "end", "reference"):
            if key in expected:
                dt.date.fromisoformat(expected[key])
        if "start" in expected and "end" in expected:
            assert expected["start"] <= expected["end"], text
        if "missing" in expected:
            assert expected["missing"] == sorted(set(expected["missing"])), text
            assert set(expected["missing"]) <= MISSABLE, text
        assert set(expected.get("interests", [])) <= INTERESTS, text
        for key in ("budget", "max_nightly"):
            if expected.get(key) is not None:
                assert re.fullmatch(r"\d+(\.\d+)? [A-Z]{3}", expected[key]), text


def test_the_expected_places_exist_in_the_supplier_data():
    """Every expected code is a known airport or metro, every city name a city of several airports."""
    from tripsmith.common.v1.place_pb2 import Place
    from tripsmith.suppliers.data.catalog import Catalog

    catalog = Catalog()  # `make install` builds the data file; its absence is a failure, not a skip
    places = {expected[key] for _, expected in PHRASINGS for key in ("origin", "destination") if key in expected}
    places |= {expected[key] for *_, expected in REFINEMENTS for key in ("origin", "destination") if key in expected}
    for place in sorted(places):
        if CODE.fullmatch(place):
            assert catalog.resolve(Place(iata_code=place), "place").code == place
        else:
            resolved = catalog.resolve(Place(city_name=place), "place")
            assert (resolved.city_name, resolved.code) == (place, ""), (place, resolved)
            assert len(resolved.airports) > 1, (place, resolved.airports)
