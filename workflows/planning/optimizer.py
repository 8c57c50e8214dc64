"""The optimizer: the best outbound flight, return flight and hotel stay under every hard
constraint, exactly, over the candidate offers the searches returned.

Utility. Every plan gets an *effective cost*, in the request's currency: its price, plus
what the traveler loses (time in the air and in connections, stops, very early departures
and late arrivals), less what their stated and derived preferences gain (preferred
airlines, hotel rating, stars and centrality, preferred chains, the hotel tier they usually
choose). The weights are money: `Weights` says how much an hour or a stop is worth to
this traveler, in the request's currency (the caller converts them). The plan with the
lowest effective cost wins; ties go to the lower price, then to the offer ids, so the
result never depends on input order.

Exactness. Flights and the stay are coupled only through the dates (the stay runs from
the outbound's local arrival date to the return's local departure date) and the budget.
For each outbound and return, the best stay for those dates within the budget left is a
lookup in the stays sorted by price with running minima of effective cost, so the search
is exact in O(outbound x return x log stays); tests compare it with brute force.

Infeasibility. When nothing fits, the smallest relaxation that makes a plan feasible is
reported: first the budget alone ("the cheapest valid plan costs 3,420.00 USD; your budget
is 3,000.00 USD"), then one constraint at a time (one more stop, red-eyes allowed, avoided
airlines allowed, one star fewer, no nightly cap, no house rules, any kind of stay), each with
the budget relaxed if needed.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from tripsmith.flights.v1 import flights_service_pb2 as flights
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.core.dates import date_of, local_time
from tripsmith.core.validation import MAX_STOPS
from tripsmith.core.money import money_amount, money_text
from workflows.planning.constraints import Rules, arrival_date, is_red_eye


@dataclass(frozen=True)
class Weights:
    """What things are worth to the traveler, in the request's currency."""

    hour: float = 25.0
    stop: float = 40.0
    early_or_late: float = 20.0  # departing before 07:00 or arriving after 23:00, local
    red_eye: float = 30.0  # when red-eyes are allowed at all
    preferred_airline: float = 30.0  # per flight, times the preference's confidence
    rating_point_per_night: float = 15.0  # per point of guest rating above 7
    star_per_night: float = 8.0  # per star above 3: a bigger budget should not buy a 1-star room
    km_from_center_per_night: float = 3.0
    preferred_chain_per_night: float = 15.0
    usual_tier_per_night: float = 10.0  # the star rating the traveler's history shows


@dataclass(frozen=True)
class Tastes:
    """Preferences that shape the choice without constraining it: airline -> confidence
    (stated preferences have confidence 1), preferred chains, the usual hotel tier."""

    airlines: dict[str, float] = field(default_factory=dict)
    chains: frozenset[str] = frozenset()
    usual_stars: int = 0
    usual_stars_confidence: float = 0.0


@dataclass(frozen=True)
class Plan:
    outbound: flights.FlightOffer
    inbound: flights.FlightOffer
    stay: hotels.HotelOffer
    total: float
    cost: float

    @property
    def key(self) -> tuple:
        return (round(self.cost, 6), round(self.total, 2), self.outbound.offer_id, self.inbound.offer_id,
                self.stay.offer_id)


@dataclass(frozen=True)
class Outcome:
    plan: Plan | None
    relaxation: planner.Relaxation | None = None


def flight_cost(offer: flights.FlightOffer, weights: Weights, tastes: Tastes) -> float:
    cost = money_amount(offer.total_price)
    cost += weights.hour * offer.total_duration.ToSeconds() / 3600 + weights.stop * offer.stops
    first, last = offer.segments[0], offer.segments[-1]
    leaves = local_time(first.departure_time, first.departure_time_zone).time()
    lands = local_time(last.arrival_time, last.arrival_time_zone).time()
    if leaves < dt.time(7) or lands > dt.time(23):
        cost += weights.early_or_late
    cost += weights.red_eye * sum(1 for segment in offer.segments if is_red_eye(segment))
    carriers = {segment.carrier for segment in offer.segments}
    if carriers:
        cost -= weights.preferred_airline * min(tastes.airlines.get(carrier, 0.0) for carrier in carriers)
    return cost


def stay_cost(offer: hotels.HotelOffer, weights: Weights, tastes: Tastes) -> float:
    nights = max(1, len(offer.nightly_rates))
    hotel = offer.hotel
    cost = money_amount(offer.total_price)
    cost -= weights.rating_point_per_night * (hotel.rating - 7.0) * nights
    cost -= weights.star_per_night * (hotel.stars - 3) * nights
    cost += weights.km_from_center_per_night * hotel.distance_from_center_km * nights
    if hotel.chain and hotel.chain in tastes.chains:
        cost -= weights.preferred_chain_per_night * nights
    if tastes.usual_stars and hotel.stars == tastes.usual_stars:
        cost -= weights.usual_tier_per_night * tastes.usual_stars_confidence * nights
    return cost


def _stay_dates(offer: hotels.HotelOffer) -> tuple[dt.date, dt.date]:
    check_in, check_out = offer.check_in_date, offer.check_out_date
    return (date_of(check_in), date_of(check_out))


class _Stays:
    """Stays for one pair of dates, sorted by price, with the best effective cost so far."""

    def __init__(self, stays: list[tuple[float, float, hotels.HotelOffer]]) -> None:
        stays.sort(key=lambda item: (item[0], item[1], item[2].offer_id))
        self.prices = [price for price, _, _ in stays]
        self.best: list[tuple[float, float, hotels.HotelOffer]] = []
        for item in stays:
            if not self.best or (item[1], item[0], item[2].offer_id) < (self.best[-1][1], self.best[-1][0], self.best[-1][2].offer_id):
                self.best.append(item)
            else:
                self.best.append(self.best[-1])

    def cheapest_within(self, limit: float | None) -> tuple[float, float, hotels.HotelOffer] | None:
        """The stay of lowest effective cost among those priced at most `limit`."""
        if not self.best:
            return None
        if limit is None:
            return self.best[-1]
        index = bisect.bisect_right(self.prices, limit + 1e-9) - 1
        return self.best[index] if index >= 0 else None


def search(rules: Rules, outbound: Sequence[flights.FlightOffer], inbound: Sequence[flights.FlightOffer],
           stays: Sequence[hotels.HotelOffer], weights: Weights, tastes: Tastes) -> Plan | None:
    """The exact best plan under `rules`, or None."""
    outs = [(money_amount(o.total_price), flight_cost(o, weights, tastes), o) for o in outbound if rules.flight_ok(o, rules.start)]
    ins = [(money_amount(i.total_price), flight_cost(i, weights, tastes), i) for i in inbound if rules.flight_ok(i, rules.end)]
    by_dates: dict[tuple[dt.date, dt.date], list] = {}
    for stay in stays:
        if rules.hotel_ok(stay):
            by_dates.setdefault(_stay_dates(stay), []).append((money_amount(stay.total_price), stay_cost(stay, weights, tastes), stay))
    index = {dates: _Stays(items) for dates, items in by_dates.items()}
    best: Plan | None = None
    for out_price, out_cost, out in outs:
        for in_price, in_cost, back in ins:
            group = index.get((arrival_date(out), rules.end))
            if group is None:
                continue
            left = None if rules.budget is None else rules.budget - out_price - in_price
            found = group.cheapest_within(left)
            if found is None:
                continue
            stay_price, stay_cost_, stay = found
            plan = Plan(out, back, stay, out_price + in_price + stay_price, out_cost + in_cost + stay_cost_)
            if best is None or plan.key < best.key:
                best = plan
    return best


def optimize(request: planner.TripRequest, outbound: Sequence[flights.FlightOffer], inbound: Sequence[flights.FlightOffer],
             stays: Sequence[hotels.HotelOffer], currency: str, weights: Weights = Weights(),
             tastes: Tastes = Tastes()) -> Outcome:
    """The best plan, or the smallest relaxation of the request that would allow one."""
    rules = Rules.of(request, currency)
    plan = search(rules, outbound, inbound, stays, weights, tastes)
    if plan is not None:
        return Outcome(plan)
    return Outcome(None, _relaxation(request, rules, outbound, inbound, stays, weights, tastes))


def _relaxation(request, rules: Rules, outbound, inbound, stays, weights, tastes) -> planner.Relaxation:
    candidates = [("budget", "", {"budget": None})]
    if rules.max_stops is not None and rules.max_stops < MAX_STOPS:
        candidates.append(("flight_preferences.max_stops", f"allowing {rules.max_stops + 1} stop(s)",
                           {"max_stops": rules.max_stops + 1}))
    if rules.avoid_red_eye:
        candidates.append(("flight_preferences.avoid_red_eye", "allowing red-eye flights", {"avoid_red_eye": False}))
    if rules.avoided_airlines:
        candidates.append(("flight_preferences.avoided_airlines", "allowing the airlines you avoid",
                           {"avoided_airlines": frozenset()}))
    if rules.min_stars:
        candidates.append(("hotel_preferences.min_stars", f"accepting {rules.min_stars - 1}-star hotels",
                           {"min_stars": rules.min_stars - 1}))
    if rules.max_nightly is not None:
        candidates.append(("hotel_preferences.max_nightly_price", "lifting the nightly price cap", {"max_nightly": None}))
    if rules.house_rules:
        candidates.append(("hotel_preferences.house_rules", "not requiring the house rules you asked for",
                           {"house_rules": frozenset()}))
    if rules.accommodation or rules.avoided_accommodation:
        candidates.append(("hotel_preferences.accommodation_types", "accepting any kind of stay",
                           {"accommodation": frozenset(), "avoided_accommodation": frozenset()}))
    for path, wording, change in candidates:
        for with_budget in ((False, True) if path != "budget" else (True,)):
            relaxed = dataclasses.replace(rules, **{**change, **({"budget": None} if with_budget else {})})
            plan = search(relaxed, outbound, inbound, stays, weights, tastes)
            if plan is None:
                continue
            relaxed_request = planner.TripRequest()
            relaxed_request.CopyFrom(request)
            fields, parts = [], []
            if path != "budget":
                fields.append(path)
                parts.append(f"a plan exists when {wording}")
                _apply(relaxed_request, path, change)
            if with_budget and rules.budget is not None and plan.total > rules.budget + 1e-9:
                fields.append("budget")
                parts.append(f"the cheapest valid plan costs {money_text(plan.total, rules.currency)}; "
                             f"your budget is {money_text(rules.budget, rules.currency)}")
                relaxed_request.budget.units, relaxed_request.budget.nanos = int(-(-plan.total // 1)), 0
            if not fields:
                continue
            text = "; ".join(parts)
            return planner.Relaxation(explanation=text[0].upper() + text[1:], fields=fields,
                                      relaxed_request=relaxed_request)
    missing, fields = [], []
    no_flights = not any(rules.flight_ok(o, rules.start) for o in outbound) or not any(
        rules.flight_ok(i, rules.end) for i in inbound)
    if not any(rules.flight_ok(o, rules.start) for o in outbound):
        missing.append(f"no outbound flight on {rules.start} fits the request")
    if not any(rules.flight_ok(i, rules.end) for i in inbound):
        missing.append(f"no return flight on {rules.end} fits the request")
    if not any(rules.hotel_ok(s) for s in stays):
        missing.append("no hotel stay fits the request")
    # Filters the searches themselves applied leave no candidates to relax above: name them.
    if no_flights and rules.max_stops is not None and rules.max_stops < MAX_STOPS:
        missing.append(f"flights were searched with at most {rules.max_stops} stop(s); allowing more may help")
        fields.append("flight_preferences.max_stops")
    if no_flights and request.flight_preferences.cabin > flights.CABIN_ECONOMY:
        missing.append("flights were searched in " + flights.Cabin.Name(request.flight_preferences.cabin)
                       .removeprefix("CABIN_").replace("_", " ").lower() + "; another cabin may help")
        fields.append("flight_preferences.cabin")
    return planner.Relaxation(explanation="; ".join(missing) or "no combination of flights and hotel fits the dates",
                              fields=[*fields, "start_date", "end_date"])


def _apply(request: planner.TripRequest, path: str, change: dict) -> None:
    if path == "flight_preferences.max_stops":
        request.flight_preferences.max_stops = change["max_stops"]
    elif path == "flight_preferences.avoid_red_eye":
        request.flight_preferences.avoid_red_eye = False
    elif path == "flight_preferences.avoided_airlines":
        del request.flight_preferences.avoided_airlines[:]
    elif path == "hotel_preferences.min_stars":
        request.hotel_preferences.min_stars = change["min_stars"]
    elif path == "hotel_preferences.max_nightly_price":
        request.hotel_preferences.ClearField("max_nightly_price")
    elif path == "hotel_preferences.house_rules":
        del request.hotel_preferences.house_rules[:]
    elif path == "hotel_preferences.accommodation_types":
        del request.hotel_preferences.accommodation_types[:]
        del request.hotel_preferences.avoided_accommodation_types[:]
