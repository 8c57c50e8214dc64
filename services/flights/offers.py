"""Flight offers: searching journeys, pricing them, and naming them so they can be held.

An offer id names everything needed to price it again, so any replica can serve a hold
without shared state: the cabin, the passengers' ages and the legs, for example
`fo1.Y.2.5-9.BOS-LHR-BA-0-20270303+LHR-LIS-TP-1-20270304`. Ids are opaque to clients; a
forged one can only name flights that exist, priced by the same rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from services.flights.fares import CHILD_MAX_AGE, passenger_share, seats_needed
from services.flights.schedule import Journey
from services.flights.source import FlightSource
from services.flights.schedule import MCT_DOMESTIC
from tripsmith.core.errors import InvalidArgument
from tripsmith.core.validation import check_party

CABIN_CODES = {"ECONOMY": "Y", "PREMIUM_ECONOMY": "W", "BUSINESS": "J", "FIRST": "F"}
CABIN_NAMES = {code: name for name, code in CABIN_CODES.items()}


@dataclass(frozen=True)
class Passengers:
    adults: int
    children_ages: tuple[int, ...]

    @property
    def seats(self) -> int:
        return seats_needed(self.adults, list(self.children_ages))


@dataclass(frozen=True)
class PricedJourney:
    """A journey in one cabin for one party, priced in USD, with the seats left."""

    journey: Journey
    cabin: str
    passengers: Passengers
    adult_usd: float
    child_usd: float  # the fare of a child aged 2-11, for display
    total_usd: float
    seats_left: int

    @property
    def offer_id(self) -> str:
        return encode_offer_id(self.journey, self.cabin, self.passengers)

    @property
    def duration(self) -> dt.timedelta:
        return self.journey[-1].arrival - self.journey[0].departure


def encode_offer_id(journey: Journey, cabin: str, passengers: Passengers) -> str:
    ages = "-".join(str(age) for age in passengers.children_ages) or "0"
    legs = "+".join(leg.key for leg in journey)
    return f"fo1.{CABIN_CODES[cabin]}.{passengers.adults}.{ages if passengers.children_ages else 'n'}.{legs}"


def decode_offer_id(offer_id: str, source: FlightSource, field: str = "offer_id") -> tuple[Journey, str, Passengers]:
    """The journey, cabin and passengers an offer id names; INVALID_ARGUMENT if it names none."""
    try:
        version, cabin_code, adults, ages, legs = offer_id.split(".", 4)
        if version != "fo1" or cabin_code not in CABIN_NAMES or len(offer_id) > 400:
            raise ValueError
        children = () if ages == "n" else tuple(int(age) for age in ages.split("-"))
        passengers = Passengers(int(adults), children)
        journey = tuple(source.leg(key) for key in legs.split("+"))
    except ValueError:
        raise InvalidArgument.of(field, "is not an offer id this supplier issued") from None
    if not journey or any(leg is None for leg in journey):
        raise InvalidArgument.of(field, "names a flight that does not operate")
    try:
        check_party(passengers.adults, list(passengers.children_ages), field)
    except InvalidArgument:
        raise InvalidArgument.of(field, "names a party this supplier does not sell to") from None
    for first, second in zip(journey, journey[1:]):
        if first.destination != second.origin or second.departure - first.arrival < MCT_DOMESTIC:
            raise InvalidArgument.of(field, "names flights that do not connect")
    return journey, CABIN_NAMES[cabin_code], passengers


def price(source: FlightSource, journey: Journey, cabin: str, passengers: Passengers, today: dt.date,
          used: dict[str, int]) -> PricedJourney:
    """Prices a journey for a party; `used` is what Tripsmith's own holds take of each leg."""
    adult = source.adult_fare_usd(journey, cabin, today)
    total = adult * passengers.adults + sum(adult * passenger_share(age) for age in passengers.children_ages)
    left = min(seats - used.get(resource, 0) for resource, seats in source.seats_for_sale(journey, cabin, today).items())
    return PricedJourney(journey, cabin, passengers, adult, adult * passenger_share(CHILD_MAX_AGE), total, max(0, left))
