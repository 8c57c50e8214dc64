"""Checks of the request fields that many services share, and their limits: parties, money,
codes, trip lengths, stops.

Each check raises InvalidArgument naming the field path it was given, so that callers see
"check_in_date.month: must be 1 to 12" rather than a generic failure. `Violations` collects
several problems before raising, so that a client learns them all at once.
"""

from __future__ import annotations

import datetime as dt
import re

from google.type import money_pb2

from tripsmith.core.errors import FieldViolation, InvalidArgument
from tripsmith.core.money import money_amount

#: ISO 4217 currency, IATA airline and airport (or metro area) and ISO 3166-1 country codes.
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")
AIRLINE_PATTERN = re.compile(r"^[A-Z0-9]{2}$")
AIRPORT_PATTERN = re.compile(r"^[A-Z]{3}$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")
MAX_PARTY = 9
#: The longest trip planned, and the longest hotel stay and weather range served.
MAX_TRIP_NIGHTS = 60
#: How far ahead flights and hotels are sold, and so how far ahead a trip may start.
BOOKING_HORIZON_DAYS = 365
#: The most connections a flight offer has: flights suppliers build journeys of at most two
#: stops, so a traveler's allowance above this constrains nothing (`stops_to_search`).
MAX_STOPS = 2
MAX_CHILD_AGE = 17
#: The most rooms one booking holds, and the highest star rating.
MAX_ROOMS = 9
#: The most places one trip stays at, and the most a planner may be asked to choose.
MAX_TRIP_STOPS = 10
MAX_STARS = 5


class Violations:
    """Collects field violations; `raise_if_any` raises them together."""

    def __init__(self) -> None:
        self.items: list[FieldViolation] = []

    def add(self, field: str, description: str) -> None:
        self.items.append(FieldViolation(field, description))

    def check(self, call, *args, **kwargs):
        """Runs a check, keeping its violations instead of raising them at once."""
        try:
            return call(*args, **kwargs)
        except InvalidArgument as error:
            self.items.extend(error.violations)
            return None

    def raise_if_any(self) -> None:
        if self.items:
            summary = "; ".join(f"{v.field}: {v.description}" for v in self.items[:5])
            raise InvalidArgument(summary, violations=list(self.items))


def check_currency(code: str, field: str, known: set[str] | dict) -> str:
    """An ISO 4217 code this service can price in; empty means USD."""
    code = code or "USD"
    if not CURRENCY_PATTERN.fullmatch(code):
        raise InvalidArgument.of(field, f"{code[:16]!r} is not an ISO 4217 currency code")
    if code not in known:
        raise InvalidArgument.of(field, f"{code} is not a currency this service prices in")
    return code


def check_money(money: money_pb2.Money, field: str, known: set[str] | dict) -> float:
    """A non-negative, well-formed amount in a known currency (which money must name)."""
    if not money.currency_code:
        raise InvalidArgument.of(f"{field}.currency_code", "is required")
    check_currency(money.currency_code, f"{field}.currency_code", known)
    if money.units < 0 or not 0 <= money.nanos < 1_000_000_000:
        raise InvalidArgument.of(field, "must be a non-negative amount with nanos below one unit")
    return money_amount(money)


def stops_to_search(allowed: int | None) -> int | None:
    """The max_stops to search with for a traveler's allowance (None: no limit stated). An
    allowance of more stops than any offer has is honoured by every offer."""
    return None if allowed is None else min(allowed, MAX_STOPS)


def trip_date_problems(start: dt.date | None, end: dt.date | None, today: dt.date) -> list[tuple[str, str]]:
    """What is wrong with a trip's dates (either may be unknown), as (field, problem): a start
    in the past or past the booking horizon, a return past it, a return before the start, a
    trip longer than MAX_TRIP_NIGHTS."""
    problems = []
    horizon = today + dt.timedelta(days=BOOKING_HORIZON_DAYS)
    if start and start < today:
        problems.append(("start_date", f"is in the past (today is {today})"))
    if start and start > horizon:
        problems.append(("start_date", f"is more than {BOOKING_HORIZON_DAYS} days ahead"))
    elif end and end > horizon:
        problems.append(("end_date", f"is more than {BOOKING_HORIZON_DAYS} days ahead: the return cannot be booked yet"))
    if start and end and end < start:
        problems.append(("end_date", "is before start_date"))
    if start and end and (end - start).days > MAX_TRIP_NIGHTS:
        problems.append(("end_date", f"is more than {MAX_TRIP_NIGHTS} nights after start_date"))
    return problems


def check_party(adults: int, children_ages, field: str) -> None:
    violations = Violations()
    if not 1 <= adults <= MAX_PARTY:
        violations.add(f"{field}.adults", f"must be between 1 and {MAX_PARTY}")
    if len(children_ages) > MAX_PARTY - 1:
        violations.add(f"{field}.children_ages", f"at most {MAX_PARTY - 1} children")
    for index, age in enumerate(children_ages):
        if not 0 <= age <= MAX_CHILD_AGE:
            violations.add(f"{field}.children_ages[{index}]", f"must be an age from 0 to {MAX_CHILD_AGE}")
    if adults + len(children_ages) > MAX_PARTY:
        violations.add(field, f"at most {MAX_PARTY} travelers in one party")
    if sum(1 for age in children_ages if 0 <= age < 2) > max(adults, 0):
        violations.add(f"{field}.children_ages", "each infant under two needs an adult's lap")
    violations.raise_if_any()


def check_codes(codes, field: str, pattern: re.Pattern = AIRLINE_PATTERN, limit: int = 20) -> list[str]:
    if len(codes) > limit:
        raise InvalidArgument.of(field, f"at most {limit} entries")
    for index, code in enumerate(codes):
        if not pattern.fullmatch(code):
            raise InvalidArgument.of(f"{field}[{index}]", f"{code[:16]!r} is not a two-character IATA airline code")
    return list(codes)


def check_text(value: str, field: str, limit: int) -> str:
    if len(value) > limit:
        raise InvalidArgument.of(field, f"is longer than {limit} characters")
    return value
