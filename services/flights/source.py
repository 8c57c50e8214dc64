"""The adapter interface of a flights supplier, and Tripsmith's embedded implementation.

A `FlightSource` knows what flies and what it costs; `FlightsServicer` does everything
else the contract asks (validation, place resolution, filters, sorting, paging, currencies,
holds, bookings, idempotency, tenants). A second flights supplier implements this protocol
over its own inventory or upstream API and passes it to `create_server`; the conformance
kit then checks the result (docs/adding-a-supplier.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from services.flights.fares import adult_fare_usd, sold_share
from services.flights.schedule import Journey, Leg, Schedule
from tripsmith.common.v1.provenance_pb2 import Provenance
from tripsmith.suppliers.data.catalog import Catalog


class FlightSource(Protocol):
    #: Where the schedules and fares come from, stamped on every offer.
    provenance: Provenance

    def journeys(self, origins: Sequence[str], destinations: Sequence[str], day: dt.date, max_stops: int) -> list[Journey]:
        """Every journey from one of the origin airports to one of the destination airports
        that leaves on the local date `day`, with at most `max_stops` stops."""

    def leg(self, key: str) -> Leg | None:
        """The leg a `Leg.key` names, if it operates (offer ids are built from leg keys)."""

    def adult_fare_usd(self, journey: Journey, cabin: str, today: dt.date) -> float:
        """The one-way fare of one adult in a cabin, in US dollars."""

    def seats_for_sale(self, journey: Journey, cabin: str, today: dt.date) -> dict[str, int]:
        """For each leg's `Leg.resource(cabin)`, the seats for sale before Tripsmith's own
        holds and bookings, which the ledger subtracts."""


class EmbeddedFlights:
    """Synthetic schedules over the real route network, with calibrated fares."""

    provenance = Provenance(
        source="Tripsmith synthetic schedule over the OpenFlights route network; fares calibrated on BTS DB1C",
        vintage="routes 2014, fares 2026-06, model 1",
        synthetic=True,
    )

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.schedule = Schedule(catalog)

    def journeys(self, origins, destinations, day, max_stops):
        return self.schedule.journeys(origins, destinations, day, max_stops)

    def leg(self, key: str) -> Leg | None:
        return self.schedule.leg_from_key(key)

    def adult_fare_usd(self, journey: Journey, cabin: str, today: dt.date) -> float:
        return adult_fare_usd(self.catalog, journey, cabin, today)

    def seats_for_sale(self, journey: Journey, cabin: str, today: dt.date) -> dict[str, int]:
        seats = {}
        for leg in journey:
            days = (leg.local_date - today).days
            holiday = self.catalog.holiday(self.catalog.airports[leg.origin].country, leg.local_date) is not None
            cabin_seats = leg.seats(cabin)
            seats[leg.resource(cabin)] = cabin_seats - int(cabin_seats * sold_share(leg.key, cabin, days, holiday))
        return seats
