"""Validation of profile requests: every invalid field is named, all of them at once.

Each check adds a violation (path as in the request, for example
"traveler.loyalty_programs[0].member_number") to a shared `tripsmith.core.validation.Violations`,
whose `raise_if_any()` turns them into one INVALID_ARGUMENT. Every string and list has a
bound, so that any oversized input is INVALID_ARGUMENT before it reaches the store, never
INTERNAL. Descriptions never quote the offending value: values may be personal data
(names, emails, member numbers) and may be megabytes long, and error messages end up on
spans.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from functools import cache

from google.protobuf.descriptor import EnumDescriptor
from google.type import date_pb2, money_pb2

from tripsmith.common.v1 import place_pb2
from tripsmith.profile.v1 import profile_service_pb2 as pb
from tripsmith.core.validation import (
    AIRLINE_PATTERN, AIRPORT_PATTERN, COUNTRY_PATTERN, CURRENCY_PATTERN, MAX_STARS, Violations,
)

from tripsmith.core.dates import to_date
from tripsmith.core.names import RESOURCE_ID, TRAVELER_NAME, TRAVELER_NAME_RULE

#: Identifiers of travelers and trips: "travelers/{traveler_id}/trips/{trip_id}".
_ID = re.compile(RESOURCE_ID)
#: Plausible, not RFC 5322: one @, no spaces, a dot in the domain.
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]+")

MAX_DISPLAY_NAME = 200
MAX_EMAIL = 254
MAX_LIST_ENTRIES = 50
MAX_LIST_ENTRY = 64
MAX_LOYALTY_PROGRAMS = 20
MAX_PLACE_NAME = 200
MAX_PARTY_SIZE = 20
MAX_IDEMPOTENCY_KEY = 128
#: Money above this many units is a typo or an attack; the bound also keeps medians and
#: sums far from int64 overflow.
MAX_MONEY_UNITS = 10**12

#: Fields that UpdateTraveler may change; "*" stands for the top-level ones.
UPDATABLE_TOP_LEVEL = ("display_name", "email", "home_airport", "preferences", "loyalty_programs")
UPDATABLE_PATHS = frozenset(
    UPDATABLE_TOP_LEVEL + tuple(f"preferences.{field.name}" for field in pb.TravelPreferences.DESCRIPTOR.fields)
)


def check_idempotency_key(key: str, violations: Violations, field: str = "idempotency_key") -> None:
    if not 1 <= len(key) <= MAX_IDEMPOTENCY_KEY or not all(" " <= char <= "~" for char in key):
        violations.add(field, f"is required: 1 to {MAX_IDEMPOTENCY_KEY} printable ASCII characters")


def check_id(value: str, field: str, violations: Violations) -> None:
    if not _ID.fullmatch(value):
        violations.add(field, "must be 1 to 63 lowercase letters, digits and hyphens, starting with a letter")


def traveler_id_of(name: str, field: str, violations: Violations) -> str:
    """The id in "travelers/{traveler_id}", or "" after recording a violation."""
    match = TRAVELER_NAME.fullmatch(name)
    if match is None:
        violations.add(field, TRAVELER_NAME_RULE)
        return ""
    return match.group(1)


def parse_traveler_name(name: str, field: str) -> str:
    """The traveler id in a resource name; INVALID_ARGUMENT naming `field` otherwise."""
    violations = Violations()
    traveler_id = traveler_id_of(name, field, violations)
    violations.raise_if_any()
    return traveler_id


# --- Field checks ------------------------------------------------------------------------


def _max_length(value: str, limit: int, field: str, violations: Violations) -> None:
    if len(value) > limit:
        violations.add(field, f"must be at most {limit} characters")


def _optional_pattern(value: str, pattern: re.Pattern[str], what: str, field: str, violations: Violations) -> None:
    if value and not pattern.fullmatch(value):
        violations.add(field, f"must be empty or {what}")


def _enum(value: int, descriptor: EnumDescriptor, field: str, violations: Violations) -> None:
    if value not in descriptor.values_by_number:
        violations.add(field, f"is not a known {descriptor.name} value")


def _range(value: int, low: int, high: int, field: str, violations: Violations) -> None:
    if not low <= value <= high:
        violations.add(field, f"must be between {low} and {high}")


def _string_list(
    values: Sequence[str],
    field: str,
    violations: Violations,
    pattern: re.Pattern[str] | None = None,
    what: str = "",
) -> None:
    if len(values) > MAX_LIST_ENTRIES:
        # Element checks are skipped: one violation for the list keeps the error bounded.
        violations.add(field, f"must have at most {MAX_LIST_ENTRIES} entries")
        return
    for index, value in enumerate(values):
        path = f"{field}[{index}]"
        if pattern is not None:
            if not pattern.fullmatch(value):
                violations.add(path, f"must be {what}")
        elif not 1 <= len(value) <= MAX_LIST_ENTRY:
            violations.add(path, f"must be 1 to {MAX_LIST_ENTRY} characters")


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


# --- Travelers ---------------------------------------------------------------------------


def check_traveler(traveler: pb.Traveler, prefix: str, violations: Violations) -> None:
    """Checks the writable fields of a traveler; output-only fields are not looked at."""
    _max_length(traveler.display_name, MAX_DISPLAY_NAME, f"{prefix}.display_name", violations)
    email = traveler.email
    if email and (len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email)):
        violations.add(f"{prefix}.email", f"must be empty or an email address of at most {MAX_EMAIL} characters")
    _optional_pattern(traveler.home_airport, AIRPORT_PATTERN, "a 3-letter IATA code", f"{prefix}.home_airport", violations)
    check_preferences(traveler.preferences, f"{prefix}.preferences", violations)
    programs = traveler.loyalty_programs
    if len(programs) > MAX_LOYALTY_PROGRAMS:
        violations.add(f"{prefix}.loyalty_programs", f"must have at most {MAX_LOYALTY_PROGRAMS} entries")
        return
    for index, program in enumerate(programs):
        path = f"{prefix}.loyalty_programs[{index}]"
        if not 1 <= len(program.program_code) <= MAX_LIST_ENTRY:
            violations.add(f"{path}.program_code", f"must be 1 to {MAX_LIST_ENTRY} characters")
        if not 1 <= len(program.member_number) <= MAX_LIST_ENTRY:
            violations.add(f"{path}.member_number", f"must be 1 to {MAX_LIST_ENTRY} characters")
        _max_length(program.tier, MAX_LIST_ENTRY, f"{path}.tier", violations)


def check_preferences(preferences: pb.TravelPreferences, prefix: str, violations: Violations) -> None:
    _enum(preferences.cabin, pb.CabinPreference.DESCRIPTOR, f"{prefix}.cabin", violations)
    _enum(preferences.seat, pb.SeatPreference.DESCRIPTOR, f"{prefix}.seat", violations)
    _enum(preferences.budget_style, pb.BudgetStyle.DESCRIPTOR, f"{prefix}.budget_style", violations)
    for name in ("preferred_airlines", "avoided_airlines"):
        _string_list(
            getattr(preferences, name), f"{prefix}.{name}", violations, AIRLINE_PATTERN, "a 2-character IATA airline code"
        )
    for name in ("preferred_hotel_chains", "diets", "interests"):
        _string_list(getattr(preferences, name), f"{prefix}.{name}", violations)
    _range(preferences.min_hotel_stars, 0, MAX_STARS, f"{prefix}.min_hotel_stars", violations)
    _optional_pattern(
        preferences.currency_code, CURRENCY_PATTERN, "a 3-letter ISO 4217 code", f"{prefix}.currency_code", violations
    )


def update_paths(paths: Iterable[str], traveler: pb.Traveler, violations: Violations) -> list[str]:
    """The field paths an UpdateTraveler request changes.

    "*" means every updatable field; an empty mask means the populated top-level fields
    (AIP-134). Unknown or output-only paths are violations on "update_mask" and are left
    out of the result, so that the caller can still check the values of the valid ones.
    """
    paths = list(paths)
    if not paths:
        return [name for name in UPDATABLE_TOP_LEVEL if _populated(traveler, name)]
    if "*" in paths:
        if len(paths) > 1:
            violations.add("update_mask", '"*" cannot be combined with other paths')
        return list(UPDATABLE_TOP_LEVEL)
    valid = []
    for index, path in enumerate(paths):
        if path in UPDATABLE_PATHS:
            valid.append(path)
        else:
            violations.add(f"update_mask.paths[{index}]", "is not an updatable field of Traveler")
    return valid


def _populated(traveler: pb.Traveler, name: str) -> bool:
    value = getattr(traveler, name)
    if name == "preferences":
        return traveler.HasField("preferences")
    return len(value) > 0


# --- Trips -------------------------------------------------------------------------------


def check_trip(trip: pb.Trip, prefix: str, violations: Violations) -> None:
    if trip.HasField("origin"):
        check_place(trip.origin, f"{prefix}.origin", violations)
    if not (trip.destination.iata_code or trip.destination.city_name):
        violations.add(f"{prefix}.destination", "is required: an IATA code or a city name")
    check_place(trip.destination, f"{prefix}.destination", violations)
    start = check_date(trip.start_date if trip.HasField("start_date") else None, f"{prefix}.start_date", violations)
    end = check_date(trip.end_date if trip.HasField("end_date") else None, f"{prefix}.end_date", violations)
    if start and end and end < start:
        violations.add(f"{prefix}.end_date", "must not be before start_date")
    _string_list(trip.airlines, f"{prefix}.airlines", violations, AIRLINE_PATTERN, "a 2-character IATA airline code")
    _range(trip.hotel_stars, 0, MAX_STARS, f"{prefix}.hotel_stars", violations)
    _max_length(trip.hotel_chain, MAX_LIST_ENTRY, f"{prefix}.hotel_chain", violations)
    for name in ("nightly_spend", "total_spend"):
        if trip.HasField(name):
            check_money(getattr(trip, name), f"{prefix}.{name}", violations)
    _string_list(trip.interests, f"{prefix}.interests", violations)
    _range(trip.party_size, 0, MAX_PARTY_SIZE, f"{prefix}.party_size", violations)


def check_place(place: place_pb2.Place, prefix: str, violations: Violations) -> None:
    _optional_pattern(place.iata_code, AIRPORT_PATTERN, "a 3-letter IATA code", f"{prefix}.iata_code", violations)
    _max_length(place.city_name, MAX_PLACE_NAME, f"{prefix}.city_name", violations)
    _optional_pattern(place.country_code, COUNTRY_PATTERN, "a 2-letter ISO 3166-1 code", f"{prefix}.country_code", violations)
    if place.time_zone and place.time_zone not in _time_zones():
        violations.add(f"{prefix}.time_zone", "must be empty or an IANA time zone")
    if place.HasField("location"):
        latitude, longitude = place.location.latitude, place.location.longitude
        # A comparison with NaN is false, so NaN fails these checks too.
        if not -90.0 <= latitude <= 90.0:
            violations.add(f"{prefix}.location.latitude", "must be between -90 and 90")
        if not -180.0 <= longitude <= 180.0:
            violations.add(f"{prefix}.location.longitude", "must be between -180 and 180")
    _enum(place.kind, place_pb2.PlaceKind.DESCRIPTOR, f"{prefix}.kind", violations)
    _max_length(place.display_name, MAX_PLACE_NAME, f"{prefix}.display_name", violations)


def check_date(value: date_pb2.Date | None, field: str, violations: Violations) -> datetime.date | None:
    """The date, or None after recording why it is missing or not a full calendar date."""
    if value is None:
        violations.add(field, "is required")
        return None
    return violations.check(to_date, value, field)


def check_money(money: money_pb2.Money, field: str, violations: Violations) -> None:
    if not CURRENCY_PATTERN.fullmatch(money.currency_code):
        violations.add(f"{field}.currency_code", "must be a 3-letter ISO 4217 code")
    if not 0 <= money.units <= MAX_MONEY_UNITS:
        violations.add(f"{field}.units", f"must be between 0 and {MAX_MONEY_UNITS}")
    if not 0 <= money.nanos <= 999_999_999:
        violations.add(f"{field}.nanos", "must be between 0 and 999999999")
