"""Ground offers: one journey by one mode between two cities at one time, for one party.

An offer id names everything needed to price it again, so any replica can serve a hold:
`go1.<mode>.<origin city>.<destination city>.<date>.<minute of the day>.<return date or n>.<adults>.<children's ages>`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from services.ground import network
from services.ground.network import MODE_NAMES, Route
from tripsmith.core.errors import InvalidArgument
from tripsmith.core.validation import MAX_CHILD_AGE, MAX_PARTY
from tripsmith.suppliers.data.catalog import Catalog

_MODES_BY_NAME = {name: mode for mode, name in MODE_NAMES.items()}


@dataclass(frozen=True)
class Journey:
    route: Route
    day: dt.date
    minute: int  # of the local day at the origin
    returned: dt.date | None  # a hire car's return date
    adults: int
    children_ages: tuple[int, ...]

    @property
    def offer_id(self) -> str:
        ages = "-".join(str(age) for age in self.children_ages) or "n"
        returned = f"{self.returned:%Y%m%d}" if self.returned else "n"
        return (f"go1.{MODE_NAMES[self.route.mode]}.{self.route.origin.geonameid}.{self.route.destination.geonameid}."
                f"{self.day:%Y%m%d}.{self.minute}.{returned}.{self.adults}.{ages}")

    @property
    def travelers(self) -> int:
        return self.adults + len(self.children_ages)

    @property
    def vehicle(self) -> str:
        if self.route.mode == network.SELF_DRIVE:
            return network.car_class(self.travelers)[0]
        if self.route.mode == network.TAXI:
            return f"Car ({network.TAXI_SEATS} seats)"
        return ""

    @property
    def units(self) -> int:
        """What one hold of the journey takes: seats, or vehicles."""
        return network.seats_needed(self.route.mode, self.adults, self.children_ages)


def decode_offer_id(offer_id: str, catalog: Catalog, field: str = "offer_id") -> Journey:
    try:
        version, mode, origin, destination, day, minute, returned, adults, ages = offer_id.split(".")
        if version != "go1" or mode not in _MODES_BY_NAME:
            raise ValueError
        a, b = catalog.cities.get(int(origin)), catalog.cities.get(int(destination))
        found = network.route(catalog, _MODES_BY_NAME[mode], a, b) if a and b and a != b else None
        journey = Journey(found, dt.datetime.strptime(day, "%Y%m%d").date(), int(minute),
                          None if returned == "n" else dt.datetime.strptime(returned, "%Y%m%d").date(), int(adults),
                          () if ages == "n" else tuple(int(age) for age in ages.split("-")))
    except (ValueError, TypeError):
        raise InvalidArgument.of(field, "is not an offer id this supplier issued") from None
    valid_party = 1 <= journey.adults <= MAX_PARTY and journey.travelers <= MAX_PARTY and all(
        0 <= age <= MAX_CHILD_AGE for age in journey.children_ages)
    if (not isinstance(journey.route, Route) or not valid_party or journey.minute not in network.departures(journey.route)
            or (journey.returned is not None and not 0 <= (journey.returned - journey.day).days <= network.MAX_HIRE_DAYS)):
        raise InvalidArgument.of(field, "names a journey this supplier does not sell")
    return journey
