"""The charter airline's inventory: a weekly timetable, fixed seats and published fares.

Everything here is the integrator's own: where their flights and prices come from (a
file, a database, an upstream API). Tripsmith's catalog is used only for what it knows
about airports (time zones, coordinates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from services.flights.schedule import Aircraft, Journey, Leg
from tripsmith.common.v1.provenance_pb2 import Provenance
from tripsmith.suppliers.data.catalog import Catalog, distance_km

AIRLINE = "XC"
AIRCRAFT = Aircraft("Airbus A321LR (charter layout)", {"ECONOMY": 190, "BUSINESS": 16})


@dataclass(frozen=True)
class ScheduledFlight:
    number: int
    origin: str
    destination: str
    departs: dt.time  # local time at the origin
    minutes: int
    weekdays: frozenset[int]  # 0 = Monday
    economy_usd: float
    business_usd: float


TIMETABLE = (
    ScheduledFlight(101, "BOS", "LIS", dt.time(18, 40), 400, frozenset(range(7)), 289.0, 1190.0),
    ScheduledFlight(103, "BOS", "LIS", dt.time(21, 15), 400, frozenset({3, 4, 5, 6}), 259.0, 1090.0),
    ScheduledFlight(105, "BOS", "LIS", dt.time(9, 30), 405, frozenset({0, 2, 4, 6}), 319.0, 1250.0),
    ScheduledFlight(102, "LIS", "BOS", dt.time(11, 5), 455, frozenset(range(7)), 299.0, 1210.0),
    ScheduledFlight(104, "LIS", "BOS", dt.time(16, 20), 450, frozenset({0, 4, 5, 6}), 269.0, 1120.0),
)
#: Fares rise by this share for departures within two weeks.
LATE_BOOKING_SURCHARGE = 0.25


class CharterFlights:
    """A FlightSource over the timetable above."""

    provenance = Provenance(source="Example Charter timetable", vintage="winter 2026/27", synthetic=False)

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def _leg(self, flight: ScheduledFlight, day: dt.date) -> Leg | None:
        if day.weekday() not in flight.weekdays:
            return None
        origin, destination = self.catalog.airports[flight.origin], self.catalog.airports[flight.destination]
        departure = dt.datetime.combine(day, flight.departs, ZoneInfo(origin.time_zone))
        arrival = (departure + dt.timedelta(minutes=flight.minutes)).astimezone(ZoneInfo(destination.time_zone))
        distance = int(distance_km(origin.lat, origin.lon, destination.lat, destination.lon))
        return Leg(flight.origin, flight.destination, AIRLINE, flight.number, day, flight.number, departure, arrival,
                   distance, AIRCRAFT)

    def journeys(self, origins, destinations, day, max_stops) -> list[Journey]:
        legs = (self._leg(f, day) for f in TIMETABLE if f.origin in origins and f.destination in destinations)
        return [(leg,) for leg in legs if leg is not None]

    def leg(self, key: str) -> Leg | None:
        try:
            origin, destination, airline, number, day = key.split("-")
            flight = next(f for f in TIMETABLE if (f.origin, f.destination, f.number) == (origin, destination, int(number)))
            return self._leg(flight, dt.datetime.strptime(day, "%Y%m%d").date()) if airline == AIRLINE else None
        except (ValueError, StopIteration):
            return None

    def adult_fare_usd(self, journey: Journey, cabin: str, today: dt.date) -> float:
        flight = next(f for f in TIMETABLE if f.number == journey[0].number)
        fare = flight.business_usd if cabin == "BUSINESS" else flight.economy_usd
        late = (journey[0].local_date - today).days < 14
        return fare * (1 + LATE_BOOKING_SURCHARGE) if late else fare

    def seats_for_sale(self, journey: Journey, cabin: str, today: dt.date) -> dict[str, int]:
        return {leg.resource(cabin): leg.seats(cabin) for leg in journey}
