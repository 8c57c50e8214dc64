"""Follow-ups, as a person means them: "a day later", "one more night", "more stars",
"add my son, he's 8", "nonstop only", "actually make it Porto", "cheaper", "a different area".

Wishes that are no field of the request ("cheaper", "a different area") are returned as
adjustments for the planner, which knows the current plan.

A follow-up is read with the same grammars as a request; what it states replaces what the
request had, and the relative phrases below move what it had. Relative phrases are read
first so that "a day later" is not also read as a one-day trip.
"""

from __future__ import annotations

import datetime as dt
import re

from services.model.understanding.dates import parse_dates
from services.model.understanding.money import NO_CURRENCY, parse_money
from services.model.understanding.party import parse_party
from services.model.understanding.places import parse_places
from services.model.understanding.preferences import parse_preferences
from services.model.understanding.rules import Rules, parse_cuisines, parse_rules
from services.model.understanding.text import NUMBER, Text, number
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from tripsmith.flights.v1 import flights_service_pb2 as flights
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.core.dates import date_message, date_of
from tripsmith.core.money import money_message
from tripsmith.core.validation import MAX_TRIP_NIGHTS

SHIFT = rf"(?:by\s+)?(?P<n>{NUMBER}|\d+)\s+(?P<unit>days?|weeks?)\s+(?P<dir>later|earlier|sooner|after|before)"
MORE_NIGHTS = (rf"\b(?:(?P<n>{NUMBER}|\d+)\s+(?:more|extra)\s+(?:nights?|days?)|(?:an?\s+)?extra\s+(?:night|day)s?"
               rf"|(?:add|extend(?:\s+(?:it|the\s+trip|the\s+stay))?(?:\s+by)?)\s+(?:an?\s+|another\s+|(?P<m>{NUMBER}|\d+)\s+)?(?:more\s+|extra\s+)?(?:nights?|days?)"
               rf"|stay\s+(?:an?\s+|another\s+|one\s+)(?:more\s+|extra\s+)?(?:night|day)"
               rf"|stay\s+(?:a\s+day\s+|one\s+night\s+)?longer)\b")
FEWER_NIGHTS = (rf"\b(?:(?P<n>{NUMBER}|\d+)\s+(?:fewer|less)\s+nights?|(?:one|a)\s+night\s+(?:less|shorter|fewer)"
                rf"|(?:cut|drop|remove|shorten(?:\s+(?:it|the\s+trip|the\s+stay))?(?:\s+by)?)\s+(?:an?\s+|(?P<m>{NUMBER}|\d+)\s+)?(?:nights?|days?)"
                rf"|come\s+back\s+a\s+day\s+(?:earlier|sooner))\b")


def apply_refinement(previous, text: str, reference: dt.date, profile, catalog: Catalog):
    """`previous` is the earlier Understanding (or just its request)."""
    from services.model.understanding import Understanding, complete

    pending_nights = getattr(previous, "nights", None)
    was_missing = set(getattr(previous, "missing", ()))
    asked_month = getattr(previous, "month_only", None)
    impossible_party = getattr(previous, "impossible_party", "")
    previous = getattr(previous, "request", previous)
    request = planner.TripRequest()
    request.CopyFrom(previous)
    source = Text(text)
    start, end = date_of(request.start_date), date_of(request.end_date)
    adjustments: list[str] = []
    stated: set[str] = set()
    for money in parse_money(source):
        target = request.hotel_preferences.max_nightly_price if money.nightly else request.budget
        target.CopyFrom(money_message(money.amount, money.currency or NO_CURRENCY))
        stated.add("hotel_preferences.max_nightly_price" if money.nightly else "budget")

    for match in source.find(rf"\b(?:come|coming|fly|flying|get|getting)\s+back\s+(?:home\s+)?{SHIFT}\b"
                             rf"|\breturn(?:ing)?\s+{SHIFT.replace('?P<', '?P<r_')}\b"):
        groups = {key.removeprefix("r_"): value for key, value in match.groupdict().items() if value}
        days = number(groups["n"]) * (7 if groups["unit"].startswith("week") else 1)
        end = end and end + dt.timedelta(days=days if groups["dir"] in ("later", "after") else -days)
        stated.add("end_date")
    for match in source.find(rf"\b(?:push|move|shift)\s+(?:it|everything|the trip)\s+(?P<way>back|forward|up)\s+(?:by\s+)?"
                             rf"(?P<n>{NUMBER}|\d+)\s+(?P<unit>days?|weeks?)\b"):
        days = number(match["n"]) * (7 if match["unit"].startswith("week") else 1) * (1 if match["way"] == "back" else -1)
        start, end = (start and start + dt.timedelta(days=days)), (end and end + dt.timedelta(days=days))
        stated |= {"start_date", "end_date"}
    for match in source.find(rf"\b(?:leave\s+|go\s+|move\s+(?:it|everything)\s+|push\s+(?:it|everything)\s+(?:back\s+)?)?{SHIFT}\b"):
        days = number(match["n"]) * (7 if match["unit"].startswith("week") else 1)
        days = days if match["dir"] in ("later", "after") else -days
        start, end = (start and start + dt.timedelta(days=days)), (end and end + dt.timedelta(days=days))
        stated |= {"start_date", "end_date"}
    for match in source.find(MORE_NIGHTS):
        count = number(match["n"] or match["m"]) if (match["n"] or match["m"]) else 1
        end = end and end + dt.timedelta(days=count)
        stated.add("end_date")
    for match in source.find(FEWER_NIGHTS):
        count = number(match["n"] or match["m"]) if (match["n"] or match["m"]) else 1
        end = end and max(start or end, end - dt.timedelta(days=count))
        stated.add("end_date")
    nights_said = None  # "for 5 nights": from whichever start this message leaves
    for match in source.find(rf"\b(?:make\s+it|for|stay)\s+(?P<n>{NUMBER}|\d+)\s+nights?\b"):
        nights_said = number(match["n"])
        end = start and start + dt.timedelta(days=nights_said)
        stated.add("end_date")
    for _ in source.find(r"\b(?:more|extra)\s+stars?\b|\b(?:nicer|better|fancier|upscale|upgrade(?:d)?)\s+(?:the\s+)?hotels?\b|\bupgrade\s+the\s+hotel\b"):
        request.hotel_preferences.min_stars = min(5, max(request.hotel_preferences.min_stars, 3) + 1)
        stated.add("hotel_preferences.min_stars")
    for _ in source.find(r"\b(?:fewer|less)\s+stars?\b|\b(?:simpler|cheaper)\s+hotels?\b"):
        request.hotel_preferences.min_stars = max(0, request.hotel_preferences.min_stars - 1)
        stated.add("hotel_preferences.min_stars")
    for _ in source.find(r"\b(?:(?:something|anything|a\s+bit|much)\s+)?(?:cheaper|less\s+expensive|lower\s+(?:the\s+)?price|more\s+affordable|too\s+expensive)\b"):
        adjustments.append("cheaper")
    for _ in source.find(r"\b(?:a\s+)?(?:different|another|other)\s+(?:area|neighbou?rhood|part\s+of\s+town|district|location)\b"
                         r"|\b(?:more\s+central(?:ly)?|closer\s+to\s+(?:the\s+)?(?:center|centre|downtown|old\s+town|beach|sights))\b"):
        adjustments.append("different_area")
    for _ in source.find(r"\badd\s+(?:an?\s+|one\s+more\s+|another\s+|my\s+|our\s+)?(?:traveler|traveller|person|adult|passenger|guest|"
                         r"friend|colleague|grandma|grandpa|grandmother|grandfather|granny|mom|mum|dad|mother|father|"
                         r"wife|husband|partner|sister|brother|aunt|uncle|cousin|girlfriend|boyfriend)\b"
                         r"|\b(?:my|our)\s+(?:friend|colleague|grandma|grandpa|grandmother|grandfather|granny|mom|mum|dad|mother|father|"
                         r"wife|husband|partner|sister|brother|aunt|uncle|cousin|girlfriend|boyfriend)(?:'s|\s+is)\s+(?:coming|joining)\b"
                             r"|\b(?:plus|\+)\s*(?:one|1)\s+(?:more\s+)?(?:adult|person)\b|\b(?:one|1)\s+more\s+(?:adult|person|traveler)\b"):
        request.party.adults += 1
        stated.add("party.adults")
    for match in source.find(r"\b(?:add|bring(?:ing)?|plus|with|one\s+more|another)\s+(?:my|our|a|an|one|more)?\s*(?:son|daughter|kid|child|boy|girl|baby|toddler)"
                             r"(?:[^0-9]{0,20}?(?P<age>1[0-7]|[0-9])\b)?"):
        if match["age"] is not None:
            request.party.children_ages.append(int(match["age"]))
        else:
            request.party.children_ages.append(-1)
        stated.add("party.children_ages")

    # Answers to the model's own questions, read with what was asked in mind.
    if "end_date" in was_missing:
        bare = re.fullmatch(r"\s*(?:about\s+|around\s+)?(\d{1,2})\s*(?:nights?|days?)?\s*[.!]?\s*", source.value)
        if bare and 1 <= int(bare.group(1)) <= MAX_TRIP_NIGHTS:
            pending_nights = int(bare.group(1))
            source.claim(0, len(source.value))
    for match in source.find(r"\b(?:back|return(?:ing)?|coming\s+back|come\s+back|fly(?:ing)?\s+back|until|till|through)"
                             r"\s+(?:on\s+)?(?P<when>.{3,40}?)(?=[,.;!?]|\s+and\s+|$)"):
        ends = parse_dates(Text(match["when"]), start or reference)
        if ends.start:
            end = ends.start
            stated.add("end_date")
    if "start_date" in was_missing and asked_month:
        day = (re.fullmatch(r"\s*(?:the\s+|on\s+the\s+)?([0-3]?\d)(?:st|nd|rd|th)?\s*[.!]?\s*", source.value)
               or re.search(r"\b(?:leaving|leave|departing|starting|from|on)\s+(?:the\s+)?([0-3]?\d)(?:st|nd|rd|th)\b", source.value))
        if day:
            try:
                candidate = dt.date(reference.year, asked_month, int(day.group(1)))
                start = candidate if candidate >= reference else candidate.replace(year=reference.year + 1)
                if pending_nights is not None and end is None:
                    end = start + dt.timedelta(days=pending_nights)
                source.claim(day.start(), day.end())
                stated.add("start_date")
            except ValueError:
                pass

    # An answer to "how old are the children?": the ages fill the children not yet aged.
    if -1 in request.party.children_ages:
        from services.model.understanding.party import _ages

        span = re.search(r"(?:\b(?:1[0-7]|[0-9]|[a-z]+)\b(?:\s*(?:,|and|&)\s*|\s+))*\b(?:1[0-7]|[0-9])\b|"
                         r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                         r"sixteen|seventeen)\b(?:\s*(?:,|and|&)\s*\b[a-z]+\b)+", source.unclaimed())
        ages = _ages(span.group(0)) if span else []
        unknown = [index for index, age in enumerate(request.party.children_ages) if age < 0]
        if ages:
            for index, age in zip(unknown, ages):
                request.party.children_ages[index] = age
            request.party.children_ages.extend(ages[len(unknown):])
            source.claim(span.start(), span.end())
            stated.add("party.children_ages")

    # "the 12th" in a follow-up means the 12th near the trip, not near today.
    trip_month = max(start.replace(day=1), reference) if start and start > reference else reference
    dates = parse_dates(source, trip_month)
    if dates.month_only and not dates.start and start:
        # "same trip but in September": the same days, in that month.
        shift_to = next((start.replace(year=start.year + years, month=dates.month_only)
                         for years in (0, 1) if start.replace(year=start.year + years, month=dates.month_only) >= reference), None)
        if shift_to:
            length = (end - start) if end else None
            start, end = shift_to, (shift_to + length if length is not None else end)
            stated |= {"start_date", "end_date"}
    if dates.start:
        length = (end - start) if start and end else None
        start = dates.start
        nights = dates.nights if dates.nights is not None else pending_nights
        stated_end = end if "end_date" in stated else None  # "coming back 3/27" read above
        if nights_said is not None:
            stated_end = start + dt.timedelta(days=nights_said)
        if nights_said is None and length is None and end and not dates.end and end >= start:
            stated_end = end  # the end came first ("check out on the 8th"), the start now
        end = stated_end or dates.end or (start + dt.timedelta(days=nights) if nights is not None else
                                          (start + length if length is not None else None))
        stated |= {"start_date", "end_date"}
    elif dates.end and (start is None or dates.end >= start):
        end = dates.end  # "I will be checking out on the 8th"
        stated.add("end_date")
    elif dates.nights is not None and start:
        end = start + dt.timedelta(days=dates.nights)
        stated.add("end_date")
    party = parse_party(source)
    if party.adults is not None or party.impossible:
        request.party.adults = party.adults or 0
        impossible_party = party.impossible
        stated.add("party.adults")
    # "the boys" in "the boys are 7 and 10" names the children already counted.
    if party.children and (party.ages or party.children != len(request.party.children_ages)):
        request.party.children_ages[:] = party.ages[: party.children] + [-1] * (party.children - len(party.ages))
        stated.add("party.children_ages")
    if party.rooms:
        request.party.rooms = party.rooms
    # Answers to a declined rule: "flights are fine", "just Rome".
    for _ in source.find(r"\b(?:fly(?:ing)?|flights?|planes?)\s+(?:is|are)\s+(?:fine|ok|okay|alright|all\s+right)\b"
                         r"|\b(?:with|by)\s+(?:flights?|air|plane)\s+(?:is|are|then|please)?\b|\b(?:we|i)(?:'ll|\s+will|\s+can)\s+fly\b"
                         r"|\blet'?s\s+fly\b|\bfly\s+then\b"):
        transport = request.transport_preferences
        flight = TravelMode.TRAVEL_MODE_FLIGHT
        if flight in transport.avoided_modes:
            transport.avoided_modes.remove(flight)
        if transport.allowed_modes and flight not in transport.allowed_modes:
            transport.allowed_modes.append(flight)
        stated.add("transport_preferences")
    rules = Rules()
    parse_cuisines(source, rules)
    prefs = parse_preferences(source)
    stated.update(parse_rules(source, rules).apply_to(request))
    if prefs.cabin:
        request.flight_preferences.cabin = flights.Cabin.Value(f"CABIN_{prefs.cabin}")
        stated.add("flight_preferences.cabin")
    if prefs.max_stops is not None:
        request.flight_preferences.max_stops = prefs.max_stops
    if prefs.avoid_red_eye:
        request.flight_preferences.avoid_red_eye = True
    request.flight_preferences.preferred_airlines.extend(
        a for a in prefs.preferred_airlines if a not in request.flight_preferences.preferred_airlines)
    request.flight_preferences.avoided_airlines.extend(
        a for a in prefs.avoided_airlines if a not in request.flight_preferences.avoided_airlines)
    if prefs.min_stars is not None:
        request.hotel_preferences.min_stars = prefs.min_stars
    request.interests.extend(i for i in prefs.interests if i not in request.interests)
    places = parse_places(source, catalog, unmarked_population=0)
    if "origin" in was_missing and places.destination and not places.origin and request.HasField("destination"):
        # The answer to "which city will you leave from?" is the origin.
        places.origin, places.destination = places.destination, None
    if places.replaced is not None and places.destination and not places.origin:
        # "Paris instead of Boston" replaces whichever end Boston was.
        if places.replaced.to_message().iata_code == request.origin.iata_code and request.origin.iata_code:
            places.origin, places.destination = places.destination, None
    if places.origin:
        request.origin.CopyFrom(places.origin.to_message())
        stated.add("origin")
    if places.destination:
        request.destination.CopyFrom(places.destination.to_message())
        stated.add("destination")
        # One place named now is the trip's one place ("just Rome"), unless several are.
        request.ClearField("stops")
        request.ClearField("stop_choice")
        for stop in places.stops or ():
            request.stops.add().place.CopyFrom(stop.to_message())

    if start and end is None and pending_nights is not None:
        end = start + dt.timedelta(days=pending_nights)
    if start:
        request.start_date.CopyFrom(date_message(start))
    if end:
        request.end_date.CopyFrom(date_message(end))
    if ({"party.adults", "party.children_ages"} & stated and request.party.rooms
            and "party.rooms" in previous.assumed_fields):
        request.party.rooms = 0  # recomputed for the new party
    assumed = [path for path in previous.assumed_fields if path not in stated and not path.startswith(tuple(stated))]
    result = Understanding(request, assumed=assumed, adjustments=adjustments, impossible_party=impossible_party,
                           unresolved_place=(places.unresolved or {}).get("destination", ""),
                           nights=pending_nights if not request.HasField("end_date") else None)
    return complete(result, profile, catalog)
