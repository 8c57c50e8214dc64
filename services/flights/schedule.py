"""The flight schedule: which flights operate between two airports on a date, and when.

Real input: the OpenFlights route network (which airlines fly which nonstop routes) and the
airports' coordinates and time zones. Synthesized, deterministically (every draw is seeded
by a SHA-256 of what it is about, never by Python's hash or the clock): how many flights
each airline operates on a route per day, at which local times, with which aircraft and
flight numbers. Durations come from the great-circle distance; connections go through real
hubs (airports with nonstop routes to both ends) and respect minimum connection times.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from tripsmith.suppliers.data.catalog import Catalog, distance_km
from tripsmith.suppliers.synthetic import seeded

#: Cruise-equivalent block speed and fixed taxi/climb allowance, from typical timetables
#: (London-New York, 5,570 km, is scheduled at about 7 h 10 min westbound).
BLOCK_SPEED_KMH = 800.0
BLOCK_ALLOWANCE_MIN = 35
#: Minimum connection times: within a country, and across borders.
MCT_DOMESTIC = dt.timedelta(minutes=50)
MCT_INTERNATIONAL = dt.timedelta(minutes=90)
MAX_CONNECTION = dt.timedelta(hours=8)
#: Connections detouring more than this factor over the direct distance are not offered.
MAX_DETOUR = 1.5
HUBS_PER_SEARCH = 6


@dataclass(frozen=True)
class Aircraft:
    name: str
    seats: dict[str, int]  # cabin name -> seats


NARROWBODY_SHORT = (
    Aircraft("Embraer E190", {"ECONOMY": 96, "BUSINESS": 0}),
    Aircraft("Airbus A220-300", {"ECONOMY": 125, "BUSINESS": 12}),
    Aircraft("Airbus A320", {"ECONOMY": 156, "BUSINESS": 12}),
    Aircraft("Boeing 737-800", {"ECONOMY": 160, "BUSINESS": 12}),
)
NARROWBODY_MEDIUM = (
    Aircraft("Airbus A321neo", {"ECONOMY": 180, "BUSINESS": 16}),
    Aircraft("Boeing 737 MAX 8", {"ECONOMY": 162, "BUSINESS": 16}),
)
WIDEBODY = (
    Aircraft("Boeing 787-9", {"ECONOMY": 216, "PREMIUM_ECONOMY": 28, "BUSINESS": 42}),
    Aircraft("Airbus A350-900", {"ECONOMY": 231, "PREMIUM_ECONOMY": 24, "BUSINESS": 40}),
    Aircraft("Airbus A330-300", {"ECONOMY": 250, "PREMIUM_ECONOMY": 21, "BUSINESS": 30}),
    Aircraft("Boeing 777-300ER", {"ECONOMY": 268, "PREMIUM_ECONOMY": 40, "BUSINESS": 42, "FIRST": 8}),
)


@dataclass(frozen=True)
class Leg:
    """One flight on one date."""

    origin: str
    destination: str
    airline: str
    slot: int
    local_date: dt.date
    number: int
    departure: dt.datetime  # aware, in the origin's zone
    arrival: dt.datetime  # aware, in the destination's zone
    distance_km: int
    aircraft: Aircraft

    @property
    def flight_number(self) -> str:
        return f"{self.airline}{self.number}"

    @property
    def key(self) -> str:
        """What identifies the leg in an offer id and in the inventory."""
        return f"{self.origin}-{self.destination}-{self.airline}-{self.slot}-{self.local_date:%Y%m%d}"

    def resource(self, cabin: str) -> str:
        return f"{self.flight_number}/{self.origin}/{self.local_date.isoformat()}/{cabin}"

    def seats(self, cabin: str) -> int:
        return self.aircraft.seats.get(cabin, 0)


Journey = tuple[Leg, ...]


def block_minutes(distance: float) -> int:
    return int(round((BLOCK_ALLOWANCE_MIN + distance / BLOCK_SPEED_KMH * 60) / 5) * 5)


class Schedule:
    """Deterministic timetables over the real route network."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._zone = lru_cache(maxsize=None)(ZoneInfo)

    def distance(self, origin: str, destination: str) -> float:
        a, b = self.catalog.airports[origin], self.catalog.airports[destination]
        return distance_km(a.lat, a.lon, b.lat, b.lon)

    def _frequency(self, origin: str, destination: str, airline: str, distance: float) -> int:
        sizes = (self.catalog.airports[origin].size, self.catalog.airports[destination].size)
        base = 1 if distance > 4500 else 2 if distance > 1500 else 3
        if sizes == ("large", "large"):
            base += 1
        return max(1, base + seeded("frequency", origin, destination, airline).choice((-1, 0, 0, 1)))

    def _departure_minute(self, origin: str, destination: str, airline: str, slot: int, slots: int, distance: float) -> int:
        rng = seeded("departure", origin, destination, airline, slot)
        if distance > 5000 and slot == slots - 1 and rng.random() < 0.5:
            # Long-haul overnight flights leave in the evening and land the next morning.
            return rng.randrange(19 * 60, 23 * 60 + 30, 5)
        start = 6 * 60 + (16 * 60 * slot) // slots
        return min(22 * 60 + 30, start + rng.randrange(0, max(5, (16 * 60) // slots), 5))

    def leg(self, origin: str, destination: str, airline: str, slot: int, local_date: dt.date) -> Leg | None:
        """The flight of `airline`'s `slot` on a route and date, if it operates."""
        airlines = self.catalog.routes.get(origin, {}).get(destination)
        if not airlines or airline not in airlines:
            return None
        distance = self.distance(origin, destination)
        slots = self._frequency(origin, destination, airline, distance)
        if not 0 <= slot < slots:
            return None
        if seeded("operates", origin, destination, airline, slot, local_date.isoweekday()).random() < 0.12:
            return None
        minute = self._departure_minute(origin, destination, airline, slot, slots, distance)
        origin_zone = self._zone(self.catalog.airports[origin].time_zone)
        destination_zone = self._zone(self.catalog.airports[destination].time_zone)
        departure = dt.datetime.combine(local_date, dt.time(minute // 60, minute % 60), origin_zone)
        arrival = (departure + dt.timedelta(minutes=block_minutes(distance))).astimezone(destination_zone)
        fleet = WIDEBODY if distance > 4500 else NARROWBODY_MEDIUM if distance > 1500 else NARROWBODY_SHORT
        rng = seeded("equipment", origin, destination, airline, slot)
        number = 10 + int(hashlib.sha256(f"{origin}{destination}{airline}{slot}".encode()).hexdigest(), 16) % 8990
        return Leg(origin, destination, airline, slot, local_date, number, departure, arrival, int(distance),
                   rng.choice(fleet))

    def legs(self, origin: str, destination: str, local_date: dt.date) -> list[Leg]:
        """Every nonstop flight from origin to destination leaving on a local date."""
        found = []
        distance = None
        for airline in self.catalog.routes.get(origin, {}).get(destination, ()):
            distance = distance or self.distance(origin, destination)
            for slot in range(self._frequency(origin, destination, airline, distance)):
                leg = self.leg(origin, destination, airline, slot, local_date)
                if leg is not None:
                    found.append(leg)
        return sorted(found, key=lambda leg: leg.departure)

    def _connects(self, first: Leg, second: Leg) -> bool:
        same_country = self.catalog.airports[first.origin].country == self.catalog.airports[second.destination].country
        minimum = MCT_DOMESTIC if same_country else MCT_INTERNATIONAL
        return minimum <= second.departure - first.arrival <= MAX_CONNECTION

    def _hubs(self, origin: str, destination: str, exclude: set[str]) -> list[str]:
        direct = max(self.distance(origin, destination), 1.0)
        candidates = []
        for hub in self.catalog.routes.get(origin, {}):
            if hub in exclude or destination not in self.catalog.routes.get(hub, {}):
                continue
            detour = (self.distance(origin, hub) + self.distance(hub, destination)) / direct
            if detour <= MAX_DETOUR:
                candidates.append((detour / (1 + self.catalog.airports[hub].routes / 100), hub))
        return [hub for _, hub in sorted(candidates)[:HUBS_PER_SEARCH]]

    def _connections(self, origin: str, destination: str, local_date: dt.date, exclude: set[str]) -> list[Journey]:
        journeys = []
        for hub in self._hubs(origin, destination, exclude):
            onward = self.legs(hub, destination, local_date) + self.legs(hub, destination, local_date + dt.timedelta(days=1))
            for first in self.legs(origin, hub, local_date):
                pairs = [(first, second) for second in onward if self._connects(first, second)]
                # Per first leg, the two quickest onward options are what a supplier would sell.
                pairs.sort(key=lambda pair: pair[1].arrival)
                journeys.extend(pairs[:2])
        return journeys

    def journeys(self, origins, destinations, local_date: dt.date, max_stops: int) -> list[Journey]:
        """Nonstop flights and, up to `max_stops`, connections through real hubs, between any
        of the origin airports and any of the destination airports (a metro area or a city)."""
        pairs = [(o, d) for o in origins for d in destinations if o != d]
        found: list[Journey] = [(leg,) for o, d in pairs for leg in self.legs(o, d, local_date)]
        if max_stops >= 1:
            for o, d in pairs:
                found += self._connections(o, d, local_date, exclude={*origins, *destinations})
        if max_stops >= 2 and not found:
            # Two stops only where nothing simpler exists, as on thin routes.
            for o, d in pairs:
                for hub in list(self.catalog.routes.get(o, {}))[:40]:
                    for first in self.legs(o, hub, local_date)[:2]:
                        onward = self._connections(hub, d, first.arrival.date(), exclude={o, d, hub})
                        found += [(first, *rest) for rest in onward[:4] if self._connects(first, rest[0])]
        return found

    def leg_from_key(self, key: str) -> Leg | None:
        """The leg an offer id names, if it exists in the schedule."""
        try:
            origin, destination, airline, slot, day = key.split("-")
            local_date = dt.datetime.strptime(day, "%Y%m%d").date()
            return self.leg(origin, destination, airline, int(slot), local_date)
        except (ValueError, KeyError):
            return None
