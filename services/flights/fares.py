"""Fares: what a journey costs per passenger, deterministically, from real inputs.

Calibration (docs/supplier-data.md has the figures):
- US domestic markets use the real BTS DB1C median fare of the origin-destination market
  when it exists (20,147 markets, 2026-06); other US domestic pairs use the least-squares
  line through those medians against great-circle distance: 224 USD + 0.0326 USD/km.
- Every other market (no offline fare data exists for them) uses 40 USD + 0.08 USD/km up to
  3,000 km and 0.11 USD/km beyond, an assumption set to the level of published one-way
  economy fares (London-New York about 560 USD, Lisbon-Porto about 60 USD), scaled by the
  origin country's price level (Penn World Table 11.0, US = 1) as 0.6 + 0.4 x level.
- Multipliers: lead time (late bookings cost more), season of the destination's hemisphere,
  public holidays within two days at either end, day of week, cabin, and a per-flight
  variation of +-12 % seeded by the flights themselves. Connections cost 12 % less per stop.
"""

from __future__ import annotations

import datetime as dt

from services.flights.schedule import Journey
from tripsmith.suppliers.data.catalog import Catalog, distance_km
from tripsmith.suppliers.synthetic import seeded

CABIN_MULTIPLIER = {"ECONOMY": 1.0, "PREMIUM_ECONOMY": 1.65, "BUSINESS": 3.6, "FIRST": 5.8}
#: Children from 2 to 11 pay this share of the adult fare; infants under 2 ride on a lap.
CHILD_SHARE = 0.75
INFANT_SHARE = 0.10
CHILD_MAX_AGE = 11
INFANT_MAX_AGE = 1


def _lead_time_factor(days: int) -> float:
    if days < 7:
        return 1.45
    if days < 21:
        return 1.18
    if days < 60:
        return 1.0
    if days < 180:
        return 0.94
    return 1.02


def _season_factor(month: int, southern: bool) -> float:
    if southern:
        month = (month + 5) % 12 + 1
    return {6: 1.12, 7: 1.18, 8: 1.15, 12: 1.12, 1: 0.9, 2: 0.9, 11: 0.94}.get(month, 1.0)


def _weekday_factor(day: dt.date) -> float:
    return {4: 1.06, 6: 1.08, 1: 0.94, 2: 0.93}.get(day.weekday(), 1.0)


def economy_base_usd(catalog: Catalog, origin: str, destination: str) -> float:
    """The market's one-way economy fare before any multiplier."""
    bts = catalog.us_fares.get((origin, destination))
    if bts:
        return bts[0]
    a, b = catalog.airports[origin], catalog.airports[destination]
    distance = distance_km(a.lat, a.lon, b.lat, b.lon)
    if a.country == "US" and b.country == "US":
        return 224.0 + 0.0326 * distance
    fare = 40.0 + 0.08 * min(distance, 3000.0) + 0.11 * max(0.0, distance - 3000.0)
    return fare * (0.6 + 0.4 * catalog.price_level(a.country))


def adult_fare_usd(catalog: Catalog, journey: Journey, cabin: str, today: dt.date) -> float:
    """The fare of one adult for the journey, in USD."""
    first, last = journey[0], journey[-1]
    fare = economy_base_usd(catalog, first.origin, last.destination)
    fare *= 0.88 ** (len(journey) - 1)
    fare *= _lead_time_factor((first.local_date - today).days)
    fare *= _season_factor(first.local_date.month, catalog.airports[last.destination].lat < 0)
    fare *= _weekday_factor(first.local_date)
    countries = {catalog.airports[first.origin].country, catalog.airports[last.destination].country}
    window = [first.local_date + dt.timedelta(days=offset) for offset in range(-2, 3)]
    if any(catalog.holiday(country, day) for country in countries for day in window):
        fare *= 1.12
    fare *= seeded("fare", cabin, *(leg.key for leg in journey)).uniform(0.88, 1.12)
    return fare * CABIN_MULTIPLIER[cabin]


def passenger_share(age: int) -> float:
    if age <= INFANT_MAX_AGE:
        return INFANT_SHARE
    return CHILD_SHARE if age <= CHILD_MAX_AGE else 1.0


def seats_needed(adults: int, children_ages: list[int]) -> int:
    """Infants under two sit on a lap; everyone else needs a seat."""
    return adults + sum(1 for age in children_ages if age > INFANT_MAX_AGE)


def sold_share(leg_key: str, cabin: str, days_to_departure: int, holiday: bool) -> float:
    """How much of a cabin other customers have bought: more as departure nears."""
    base = 0.45 + 0.35 * max(0.0, 1 - days_to_departure / 60) + (0.08 if holiday else 0.0)
    return min(0.97, max(0.0, base + seeded("load", leg_key, cabin).uniform(-0.15, 0.15)))
