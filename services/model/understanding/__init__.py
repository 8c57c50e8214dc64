"""What `tripsmith-rules` understands of a trip request, and of a follow-up to it.

`understand(text, reference)` reads a request as people write it into a `TripRequest`
(tripsmith.planner.v1), with the fields it assumed (from the traveler's profile or a
default) and the fields it could not resolve, which make a precise question. `refine`
applies a follow-up ("a day later", "actually make it Porto") to a request. Each grammar
(dates, money, party, cuisines, preferences, rules, places) claims the words it reads, in that
order, so that no word is read twice. Nothing here invents a place, a date or an offer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from services.model.understanding.dates import parse_dates
from services.model.understanding.money import NO_CURRENCY, parse_money
from services.model.understanding.party import parse_party
from services.model.understanding.places import parse_places, parse_region
from services.model.understanding.preferences import parse_preferences
from services.model.understanding.refine import apply_refinement
from services.model.understanding.rules import Rules, parse_cuisines, parse_rules
from services.model.understanding.text import Text
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.core.errors import InvalidArgument
from tripsmith.flights.v1 import flights_service_pb2 as flights
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.core.money import money_amount, money_message
from tripsmith.core.dates import date_message, date_of
from tripsmith.core.validation import MAX_PARTY, MAX_TRIP_NIGHTS

MAX_TEXT = 4000


@dataclass
class Understanding:
    request: planner.TripRequest
    assumed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    question: str = ""
    #: Wishes that are not fields of the request, for the planner: "cheaper".
    adjustments: list[str] = field(default_factory=list)
    #: A destination named with words that match no place, to quote in the question.
    unresolved_place: str = ""
    #: "in May" without a day: the month, to make the question precise.
    month_only: int | None = None
    #: A length stated before the dates are known ("a week in Tokyo"), kept for the answer.
    nights: int | None = None
    #: The stated return made the trip longer than any plan covers.
    too_long: bool = False
    #: A count of travelers no trip can have, as written ("0 adults"), to quote in the question.
    impossible_party: str = ""


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    return Catalog()


def _profile_value(profile: dict | None, *path: str):
    """A value of a profile given as the Traveler message's JSON (camelCase or snake_case)."""
    value = profile or {}
    for key in path:
        if not isinstance(value, dict):
            return None
        camel = key.split("_")[0] + "".join(part.title() for part in key.split("_")[1:])
        value = value.get(key, value.get(camel))
    return value


#: Where a request corrects itself: "March 3rd but actually make it Friday March 5th", "to
#: Beijing? no wait, Shanghai", "Phoenix or Tucson... let's say Tucson", "from Toronto... I mean
#: Ottawa". What follows is read as a follow-up to what came before.
_CORRECTION = re.compile(
    r"(?:\b(?:but\s+|so\s+)?actually\b|(?<![a-z])(?:no\s+)?wait\b[,.!]?|\bscratch\s+that\b|\bi\s+mean\b|\bon\s+second\s+thoughts?\b"
    r"|\bcorrection\b|\blet'?s\s+say\b|\bor\s+rather\b|(?<=[?.!])\s*no\b[,!]|\bso\s+(?=make\s+(?:it|that)\b(?!\s+to\b)))[,:]?\s*"
    r"(?:(?:make\s+(?:it|that)|change\s+(?:it|that)\s+to|it'?s|let'?s\s+(?:say|do|go\s+with))\b[,:]?\s*)?", re.IGNORECASE)


def understand(text: str, reference: dt.date, profile: dict | None = None, catalog: Catalog | None = None) -> Understanding:
    """Reads a trip request against the reference date (and the traveler's profile, if any)."""
    catalog = catalog or default_catalog()
    corrections = [m for m in _CORRECTION.finditer(text[:MAX_TEXT]) if m.start() > 0 and text[m.end():].strip()]
    if corrections:
        last = corrections[-1]
        return refine(understand(text[:last.start()], reference, profile, catalog), text[last.end():], reference,
                      profile, catalog)
    source = Text(text[:MAX_TEXT])
    # Money first: "$200 a night" must not be read as a one-night stay.
    amounts = parse_money(source)
    dates = parse_dates(source, reference)
    party = parse_party(source)
    rules = Rules()
    parse_cuisines(source, rules)
    prefs = parse_preferences(source)
    parse_rules(source, rules)
    region = parse_region(source, catalog)
    places = parse_places(source, catalog, region=region)

    request = planner.TripRequest()
    if places.origin:
        request.origin.CopyFrom(places.origin.to_message())
    if places.destination:
        request.destination.CopyFrom(places.destination.to_message())
    for index, stop in enumerate(places.stops or ()):
        added = request.stops.add()
        added.place.CopyFrom(stop.to_message())
        nights = (places.stop_nights or [])[index:index + 1]
        if nights and nights[0]:
            added.nights = nights[0]
    if region:
        request.stop_choice.region_name = region.name
        request.stop_choice.country_code = region.country_code
        request.stop_choice.region_code = region.region_code
        request.stop_choice.count = region.count
    if dates.start:
        request.start_date.CopyFrom(date_message(dates.start))
    if dates.start and dates.nights is not None and places.stop_nights and None not in places.stop_nights:
        # "Paris for 3 nights then Amsterdam for 2": the trip lasts every stop's nights.
        dates.end = dates.start + dt.timedelta(days=sum(places.stop_nights))
    if dates.end:
        request.end_date.CopyFrom(date_message(dates.end))
    if party.adults is not None:
        request.party.adults = party.adults
    if party.children:
        # Ages not given yet are -1 until the traveler says them; the request is incomplete.
        known = party.ages[: party.children]
        request.party.children_ages.extend(known + [-1] * (party.children - len(known)))
    if party.rooms:
        request.party.rooms = party.rooms
    travelers = request.party.adults + len(request.party.children_ages) or 1
    for money in amounts:
        target = request.hotel_preferences.max_nightly_price if money.nightly else request.budget
        # "2500 each": the budget is for the whole party.
        value = money.amount * travelers if money.per_person and not money.nightly else money.amount
        target.CopyFrom(money_message(value, money.currency or NO_CURRENCY))
    if prefs.cabin:
        request.flight_preferences.cabin = flights.Cabin.Value(f"CABIN_{prefs.cabin}")
    if prefs.max_stops is not None:
        request.flight_preferences.max_stops = prefs.max_stops
    request.flight_preferences.avoid_red_eye = prefs.avoid_red_eye
    request.flight_preferences.preferred_airlines.extend(prefs.preferred_airlines)
    request.flight_preferences.avoided_airlines.extend(prefs.avoided_airlines)
    if prefs.min_stars is not None:
        request.hotel_preferences.min_stars = prefs.min_stars
    request.interests.extend(prefs.interests)
    rules.apply_to(request)
    result = Understanding(request, unresolved_place=(places.unresolved or {}).get("destination", ""),
                           impossible_party=party.impossible,
                           month_only=dates.month_only, nights=dates.nights if not dates.end else None)
    return complete(result, profile, catalog)


def complete(result: Understanding, profile: dict | None, catalog: Catalog) -> Understanding:
    """Fills what the profile or a default can fill, lists what is still missing, and asks."""
    request, assumed = result.request, set(result.assumed)
    if not request.HasField("origin"):
        home = _profile_value(profile, "home_airport")
        if home:
            try:
                request.origin.CopyFrom(catalog.resolve(Place(iata_code=str(home)), "origin").to_message())
                assumed.add("origin")
            except InvalidArgument:
                pass  # a bad profile value is ignored: the origin is then asked for
    if request.party.adults == 0 and not result.impossible_party:
        request.party.adults = 1
        assumed.add("party.adults")
    if request.party.rooms == 0:
        # One room per two adults, and a family room holds four: a family of five needs two.
        guests = request.party.adults + len(request.party.children_ages)
        request.party.rooms = max(1, -(-request.party.adults // 2), -(-guests // 4))
        assumed.add("party.rooms")
    preferences = _profile_value(profile, "preferences") or {}
    cabin = _profile_value(preferences, "cabin")
    if request.flight_preferences.cabin == flights.CABIN_UNSPECIFIED:
        name = str(cabin or "").removeprefix("CABIN_PREFERENCE_")
        request.flight_preferences.cabin = flights.Cabin.Value(f"CABIN_{name}") if name in (
            "ECONOMY", "PREMIUM_ECONOMY", "BUSINESS", "FIRST") else flights.CABIN_ECONOMY
        assumed.add("flight_preferences.cabin")
    for field_name, path in (("preferred_airlines", "flight_preferences.preferred_airlines"),
                             ("avoided_airlines", "flight_preferences.avoided_airlines")):
        values = _profile_value(preferences, field_name)
        target = getattr(request.flight_preferences, field_name)
        if values and not target:
            target.extend(str(v) for v in values)
            assumed.add(path)
    if not request.flight_preferences.avoid_red_eye and _profile_value(preferences, "avoid_red_eye"):
        request.flight_preferences.avoid_red_eye = True
        assumed.add("flight_preferences.avoid_red_eye")
    stars = _profile_value(preferences, "min_hotel_stars")
    if not request.hotel_preferences.min_stars and isinstance(stars, int) and 0 < stars <= 5:
        request.hotel_preferences.min_stars = stars
        assumed.add("hotel_preferences.min_stars")
    interests = _profile_value(preferences, "interests")
    if not request.interests and interests:
        request.interests.extend(str(i) for i in interests)
        assumed.add("interests")
    for money, path in ((request.budget, "budget"), (request.hotel_preferences.max_nightly_price,
                                                      "hotel_preferences.max_nightly_price")):
        if money.currency_code == NO_CURRENCY:
            currency = _profile_value(preferences, "currency_code") or ""
            if not currency and request.HasField("origin"):
                country = catalog.countries.get(request.origin.country_code)
                currency = country.currency if country and country.currency in catalog.per_eur else ""
            money.currency_code = currency if currency in catalog.per_eur else "USD"
            assumed.add(f"{path}.currency_code")

    # Dates that no trip planner should take at face value are asked about again.
    if request.HasField("start_date") and request.HasField("end_date"):
        start = date_of(request.start_date)
        end = date_of(request.end_date)
        if (end - start).days > MAX_TRIP_NIGHTS:
            request.ClearField("end_date")
            result.too_long = True
    missing = []
    if not request.HasField("origin"):
        missing.append("origin")
    if not request.HasField("destination") and not request.stop_choice.count:
        missing.append("destination")
    if not request.HasField("start_date"):
        missing.append("start_date")
    if not request.HasField("end_date"):
        missing.append("end_date")
    if any(age < 0 for age in request.party.children_ages):
        missing.append("party.children_ages")
    if result.impossible_party or request.party.adults + len(request.party.children_ages) > MAX_PARTY:
        missing.append("party.adults")
    if request.HasField("budget") and money_amount(request.budget) <= 0:
        missing.append("budget")
    result.assumed = sorted(assumed)
    result.missing = sorted(missing)
    request.ClearField("assumed_fields")
    request.assumed_fields.extend(result.assumed)
    result.question = question(result)
    return result


def question(result: Understanding) -> str:
    """One precise question naming everything that is missing."""
    asks = []
    if "destination" in result.missing:
        asks.append(f"I don't know a place called '{result.unresolved_place}': which city or airport do you mean?"
                    if result.unresolved_place else "Where would you like to go?")
    if "origin" in result.missing:
        asks.append("Which city or airport will you leave from?")
    month = result.month_only
    if "start_date" in result.missing:
        asks.append(f"Which day in {dt.date(2000, month, 1):%B} would you like to leave?" if month
                    else "When would you like to leave?")
    if "end_date" in result.missing and not (result.nights is not None and "start_date" in result.missing):
        asks.append(f"A trip of more than {MAX_TRIP_NIGHTS} nights is more than I plan: when do you come back?"
                    if result.too_long else "How many nights would you like to stay, or when do you come back?")
    if "party.children_ages" in result.missing:
        asks.append("How old are the children?")
    if "party.adults" in result.missing:
        party = result.request.party
        travelers = party.adults + len(party.children_ages)
        asks.append(f"You wrote '{result.impossible_party}': how many people are travelling, at least one of them an adult?"
                    if result.impossible_party else
                    f"One booking holds at most {MAX_PARTY} travelers (the most our suppliers sell in one reservation), "
                    f"and you are {travelers}: shall I plan for a group of {MAX_PARTY} or fewer, with the others booked "
                    f"as a separate trip?")
    if "budget" in result.missing:
        budget = result.request.budget
        asks.append(f"A budget of {money_amount(budget):g} {budget.currency_code} leaves nothing to plan with: "
                    f"what is the most the whole trip may cost?")
    return " ".join(asks)


def refine(previous: Understanding | planner.TripRequest, text: str, reference: dt.date, profile: dict | None = None,
           catalog: Catalog | None = None) -> Understanding:
    """Applies a follow-up message to an earlier understanding (or request), as a person means it."""
    catalog = catalog or default_catalog()
    return apply_refinement(previous, text[:MAX_TEXT], reference, profile, catalog)
