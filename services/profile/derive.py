"""Preferences derived from a traveler's trip history: pure functions, no I/O, no gRPC.

Input: the traveler's trips as `TripFacts`, most recent first. Output: `Derived`, with one
figure per dimension and a confidence in [0, 1] for each:

    confidence = share * (1 - exp(-n / 3))

where `n` is the number of trips that support the figure and `share` is `n` divided by the
number of trips that say anything about that dimension (trips with a hotel for the hotel
tier, trips with airlines for airlines, and so on). The first factor rewards consistency,
the second the amount of evidence: one trip out of one gives 0.28, three out of three 0.63,
four out of five 0.59, ten out of ten 0.96. The dimensions:

- airlines: n = trips that flew the airline; most flown first.
- hotel tier: the most common star rating among trips with a hotel; n = trips at that rating.
- nightly spend: the median nightly spend among trips in the most common currency; n =
  trips in that currency within 25% of the median, share relative to all trips with a
  nightly spend (other currencies count against consistency).
- trip length: the median of end - start in nights (rounded half up); n = trips within
  max(1 night, 25%) of the median.
- interests: n = trips that list the interest (case-insensitive); strongest first.

A median that no trip is near (scattered values) is still reported, with confidence 0.
Ties (equal counts) go to what the traveler did most recently, so habits that change show
up first. No trips gives empty preferences with trips_considered = 0.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Generic, TypeVar

T = TypeVar("T")

#: How many results a list dimension returns at most.
MAX_ENTRIES = 20
#: How far from the median a value may be and still count as consistent with it.
TOLERANCE = Decimal("0.25")


@dataclass(frozen=True)
class TripFacts:
    """What derivation needs to know about one trip."""

    airlines: tuple[str, ...] = ()
    #: 0 when the trip had no hotel.
    hotel_stars: int = 0
    #: (ISO 4217 currency, amount) when known.
    nightly_spend: tuple[str, Decimal] | None = None
    nights: int | None = None
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure(Generic[T]):
    """A derived value and how much to believe it."""

    value: T
    confidence: float
    #: The number of trips that support the value.
    trips: int


@dataclass(frozen=True)
class Derived:
    trips_considered: int
    #: Airline codes, most flown first.
    airlines: list[Figure[str]] = field(default_factory=list)
    #: The star rating.
    hotel_tier: Figure[int] | None = None
    #: (ISO 4217 currency, amount) of one night.
    nightly_spend: Figure[tuple[str, Decimal]] | None = None
    #: Nights.
    trip_length: Figure[int] | None = None
    #: Interests, strongest first.
    interests: list[Figure[str]] = field(default_factory=list)


def confidence(supporting: int, informative: int) -> float:
    """share * (1 - exp(-n/3)), with share = supporting / informative; 0 without evidence."""
    if supporting <= 0 or informative <= 0:
        return 0.0
    return min(1.0, supporting / informative) * (1.0 - math.exp(-supporting / 3.0))


def derive(trips: Sequence[TripFacts]) -> Derived:
    """The preferences shown by `trips` (most recent first)."""
    return Derived(
        trips_considered=len(trips),
        airlines=_ranked([set(trip.airlines) for trip in trips if trip.airlines]),
        hotel_tier=_hotel_tier(trips),
        nightly_spend=_nightly_spend(trips),
        trip_length=_trip_length(trips),
        interests=_ranked([interests for interests in map(_interests, trips) if interests]),
    )


def _interests(trip: TripFacts) -> set[str]:
    """The trip's interests, compared case-insensitively ("Museums" is "museums")."""
    return {interest.strip().lower() for interest in trip.interests} - {""}


def _ranked(per_trip: list[set[str]]) -> list[Figure[str]]:
    """Values by the number of trips that mention them; `per_trip` is most recent first."""
    counts: Counter[str] = Counter()
    for values in per_trip:
        # Sorted so that values within one trip enter the counter in a stable order.
        counts.update(sorted(values))
    # most_common is stable, so equal counts keep first-seen (most recent) order.
    return [Figure(value, confidence(n, len(per_trip)), n) for value, n in counts.most_common(MAX_ENTRIES)]


def _mode(values: Iterable[T]) -> tuple[T, int] | None:
    counts = Counter(values)
    return counts.most_common(1)[0] if counts else None


def _hotel_tier(trips: Sequence[TripFacts]) -> Figure[int] | None:
    stars = [trip.hotel_stars for trip in trips if trip.hotel_stars > 0]
    found = _mode(stars)
    if found is None:
        return None
    tier, n = found
    return Figure(tier, confidence(n, len(stars)), n)


def _near(value: Decimal, center: Decimal, slack: Decimal) -> bool:
    return abs(value - center) <= slack


def _nightly_spend(trips: Sequence[TripFacts]) -> Figure[tuple[str, Decimal]] | None:
    spends = [trip.nightly_spend for trip in trips if trip.nightly_spend is not None]
    found = _mode(currency for currency, _ in spends)
    if found is None:
        return None
    currency, _ = found
    amounts = [amount for code, amount in spends if code == currency]
    median = Decimal(statistics.median(amounts))
    supporting = sum(_near(amount, median, median * TOLERANCE) for amount in amounts)
    return Figure((currency, median), confidence(supporting, len(spends)), supporting)


def _trip_length(trips: Sequence[TripFacts]) -> Figure[int] | None:
    nights = [trip.nights for trip in trips if trip.nights is not None]
    if not nights:
        return None
    typical = int(Decimal(statistics.median(nights)).to_integral_value(ROUND_HALF_UP))
    slack = max(Decimal(1), typical * TOLERANCE)
    supporting = sum(_near(Decimal(value), Decimal(typical), slack) for value in nights)
    return Figure(typical, confidence(supporting, len(nights)), supporting)
