"""The hard constraints of a trip request, as predicates over single offers and plans.

One definition each, shared by the optimizer (to search) and written out again, from the
itinerary alone, by the checker (to prove): see checker.py for why it does not reuse these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tripsmith.flights.v1 import flights_service_pb2 as flights
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.core.dates import date_of, local_time
from tripsmith.core.money import money_amount

#: A red-eye leaves between 21:00 and 04:59 local time and lands on a later local date or
#: before 07:00: the traveler spends the night in the air.
RED_EYE_FROM, RED_EYE_UNTIL, RED_EYE_LANDS_BEFORE = dt.time(21), dt.time(5), dt.time(7)
#: The shortest connection any plan may hold, whatever the supplier sold.
MIN_CONNECTION = dt.timedelta(minutes=45)


def departure_date(offer: flights.FlightOffer) -> dt.date:
    first = offer.segments[0]
    return local_time(first.departure_time, first.departure_time_zone).date()


def arrival_date(offer: flights.FlightOffer) -> dt.date:
    last = offer.segments[-1]
    return local_time(last.arrival_time, last.arrival_time_zone).date()


def is_red_eye(segment: flights.FlightSegment) -> bool:
    leaves = local_time(segment.departure_time, segment.departure_time_zone)
    lands = local_time(segment.arrival_time, segment.arrival_time_zone)
    night = leaves.time() >= RED_EYE_FROM or leaves.time() < RED_EYE_UNTIL
    return night and (lands.date() > leaves.date() or lands.time() < RED_EYE_LANDS_BEFORE)


def shortest_connection(offer: flights.FlightOffer) -> dt.timedelta | None:
    gaps = [b.departure_time.ToDatetime() - a.arrival_time.ToDatetime() for a, b in zip(offer.segments, offer.segments[1:])]
    return min(gaps) if gaps else None


def seats_needed(party) -> int:
    return party.adults + sum(1 for age in party.children_ages if age >= 2)


@dataclass(frozen=True)
class Rules:
    """The request's hard constraints, read once."""

    start: dt.date
    end: dt.date
    seats: int
    guests: int
    budget: float | None
    currency: str
    max_stops: int | None
    avoid_red_eye: bool
    avoided_airlines: frozenset[str]
    min_stars: int
    max_nightly: float | None
    #: What the stay's house rules must allow, and the kinds of stay wanted or ruled out
    #: (tripsmith.hotels.v1 enum values); suppliers state both on every hotel.
    house_rules: frozenset[int] = frozenset()
    accommodation: frozenset[int] = frozenset()
    avoided_accommodation: frozenset[int] = frozenset()

    @classmethod
    def of(cls, request: planner.TripRequest, currency: str) -> Rules:
        prefs, hotel = request.flight_preferences, request.hotel_preferences
        return cls(
            start=date_of(request.start_date),
            end=date_of(request.end_date),
            seats=seats_needed(request.party),
            guests=request.party.adults + len(request.party.children_ages),
            budget=money_amount(request.budget) if request.budget.currency_code else None,
            currency=currency,
            max_stops=prefs.max_stops if prefs.HasField("max_stops") else None,
            avoid_red_eye=prefs.avoid_red_eye,
            avoided_airlines=frozenset(prefs.avoided_airlines),
            min_stars=hotel.min_stars,
            max_nightly=money_amount(hotel.max_nightly_price) if hotel.max_nightly_price.currency_code else None,
            house_rules=frozenset(hotel.house_rules),
            accommodation=frozenset(hotel.accommodation_types),
            avoided_accommodation=frozenset(hotel.avoided_accommodation_types),
        )

    def flight_ok(self, offer: flights.FlightOffer, leaves_on: dt.date) -> bool:
        return (bool(offer.segments) and departure_date(offer) == leaves_on
                and offer.total_price.currency_code == self.currency
                and offer.seats_available >= self.seats
                and (self.max_stops is None or offer.stops <= self.max_stops)
                and not (self.avoid_red_eye and any(is_red_eye(s) for s in offer.segments))
                and not any(s.carrier in self.avoided_airlines for s in offer.segments)
                and (shortest_connection(offer) is None or shortest_connection(offer) >= MIN_CONNECTION))

    def hotel_ok(self, offer: hotels.HotelOffer) -> bool:
        return (offer.total_price.currency_code == self.currency
                and offer.hotel.stars >= self.min_stars
                and offer.rooms * offer.room_type.max_occupancy >= self.guests
                and offer.rooms_available >= offer.rooms
                and (self.max_nightly is None or money_amount(offer.average_nightly_price) <= self.max_nightly + 1e-9)
                and self.house_rules <= set(offer.hotel.house_rules)
                and (not self.accommodation or offer.hotel.accommodation_type in self.accommodation)
                and offer.hotel.accommodation_type not in self.avoided_accommodation)
