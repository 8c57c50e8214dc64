"""The optimizer is exact: on many random instances it finds what brute force finds."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from google.protobuf import timestamp_pb2

from tripsmith.common.v1.party_pb2 import Party
from tripsmith.flights.v1 import flights_service_pb2 as flights
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels
from tripsmith.planner.v1 import planner_service_pb2 as planner
from workflows.planning.constraints import Rules, arrival_date
from workflows.planning.checker import check
from workflows.planning.itinerary import assemble
from workflows.planning.optimizer import Plan, Tastes, Weights, flight_cost, optimize, search, stay_cost
from tripsmith.core.dates import date_message
from tripsmith.core.money import money_message

START, END = dt.date(2027, 3, 3), dt.date(2027, 3, 8)
ZONES = ("UTC", "Europe/Lisbon", "America/New_York", "Asia/Tokyo")


def stamp(moment: dt.datetime) -> timestamp_pb2.Timestamp:
    value = timestamp_pb2.Timestamp()
    value.FromDatetime(moment)
    return value


def flight(rng: random.Random, day: dt.date, index: int, currency: str = "USD") -> flights.FlightOffer:
    zone = rng.choice(ZONES)
    from zoneinfo import ZoneInfo

    leaves = dt.datetime.combine(day, dt.time(rng.randrange(0, 24), rng.choice((0, 30))), ZoneInfo(zone))
    segments, now = [], leaves
    stops = rng.choice((0, 0, 1, 1, 2))
    for leg in range(stops + 1):
        lands = now + dt.timedelta(minutes=rng.randrange(60, 720, 5))
        segments.append(flights.FlightSegment(
            departure_airport=f"A{leg}", arrival_airport=f"A{leg + 1}", departure_time=stamp(now),
            departure_time_zone=zone, arrival_time=stamp(lands), arrival_time_zone=zone,
            carrier=rng.choice(("AA", "BA", "TP", "FR")), flight_number=f"XX{index}{leg}"))
        now = lands + dt.timedelta(minutes=rng.choice((30, 50, 90, 180)))
    offer = flights.FlightOffer(offer_id=f"f{day:%d}-{index}", segments=segments, stops=stops,
                                total_price=money_message(rng.uniform(80, 900), currency),
                                seats_available=rng.choice((1, 2, 4, 9)))
    offer.total_duration.FromTimedelta(segments[-1].arrival_time.ToDatetime() - segments[0].departure_time.ToDatetime())
    return offer


def stay(rng: random.Random, check_in: dt.date, index: int, currency: str = "USD") -> hotels.HotelOffer:
    nights = (END - check_in).days
    rooms = rng.choice((1, 1, 2))
    offer = hotels.HotelOffer(
        offer_id=f"h{index}", rooms=rooms, check_in_date=date_message(check_in), check_out_date=date_message(END),
        hotel=hotels.Hotel(hotel_id=f"h{index}", stars=rng.randint(1, 5), rating=round(rng.uniform(5, 9.8), 1),
                           distance_from_center_km=round(rng.uniform(0, 8), 1), chain=rng.choice(("", "Ibis", "Hilton"))),
        room_type=hotels.RoomType(max_occupancy=rng.choice((1, 2, 4))), rooms_available=rng.choice((0, 1, 3)),
        nightly_rates=[hotels.NightlyRate() for _ in range(max(nights, 1))])
    total = rng.uniform(60, 250) * max(nights, 1) * rooms
    offer.total_price.CopyFrom(money_message(total, currency))
    offer.average_nightly_price.CopyFrom(money_message(total / max(nights, 1), currency))
    return offer


def instance(seed: int):
    rng = random.Random(seed)
    outbound = [flight(rng, START, i) for i in range(rng.randint(0, 12))]
    inbound = [flight(rng, END, i) for i in range(rng.randint(0, 12))]
    arrivals = sorted({arrival_date(o) for o in outbound} | {START})
    stays = [stay(rng, rng.choice(arrivals), i) for i in range(rng.randint(0, 15))]
    request = planner.TripRequest(start_date=date_message(START), end_date=date_message(END),
                                  party=Party(adults=rng.choice((1, 2)), children_ages=rng.choice(([], [5], [1]))))
    if rng.random() < 0.7:
        request.budget.CopyFrom(money_message(rng.uniform(600, 4000), "USD"))
    if rng.random() < 0.4:
        request.flight_preferences.max_stops = rng.choice((0, 1))
    request.flight_preferences.avoid_red_eye = rng.random() < 0.3
    if rng.random() < 0.3:
        request.flight_preferences.avoided_airlines.append(rng.choice(("AA", "FR")))
    request.hotel_preferences.min_stars = rng.choice((0, 0, 3, 4))
    if rng.random() < 0.3:
        request.hotel_preferences.max_nightly_price.CopyFrom(money_message(rng.uniform(80, 300), "USD"))
    tastes = Tastes(airlines={"TP": 1.0, "BA": rng.random()}, chains=frozenset({"Hilton"}), usual_stars=4,
                    usual_stars_confidence=rng.random())
    return request, outbound, inbound, stays, tastes


def brute_force(request, outbound, inbound, stays, weights, tastes) -> Plan | None:
    rules = Rules.of(request, "USD")
    best = None
    for out, back, hotel in itertools.product(outbound, inbound, stays):
        if not (rules.flight_ok(out, rules.start) and rules.flight_ok(back, rules.end) and rules.hotel_ok(hotel)):
            continue
        check_in = hotel.check_in_date
        if (dt.date(check_in.year, check_in.month, check_in.day), END) != (arrival_date(out), rules.end):
            continue
        total = sum(o.total_price.units + o.total_price.nanos / 1e9 for o in (out, back, hotel))
        if rules.budget is not None and total > rules.budget + 1e-9:
            continue
        cost = flight_cost(out, weights, tastes) + flight_cost(back, weights, tastes) + stay_cost(hotel, weights, tastes)
        plan = Plan(out, back, hotel, total, cost)
        if best is None or plan.key < best.key:
            best = plan
    return best


@pytest.mark.parametrize("seed", range(400))
def test_the_optimizer_matches_brute_force(seed):
    request, outbound, inbound, stays, tastes = instance(seed)
    found = search(Rules.of(request, "USD"), outbound, inbound, stays, Weights(), tastes)
    expected = brute_force(request, outbound, inbound, stays, Weights(), tastes)
    assert (found.key if found else None) == (expected.key if expected else None)


def test_random_instances_include_feasible_and_infeasible_ones():
    outcomes = [search(Rules.of(r, "USD"), o, i, s, Weights(), t) is not None for r, o, i, s, t in map(instance, range(400))]
    assert 40 < sum(outcomes) < 360


def test_a_budget_too_small_is_reported_with_the_cheapest_valid_plan():
    rng = random.Random(7)
    outbound = [flight(rng, START, i) for i in range(6)]
    inbound = [flight(rng, END, i) for i in range(6)]
    stays = [stay(rng, arrival_date(o), i) for i, o in enumerate(outbound)]
    request = planner.TripRequest(start_date=date_message(START), end_date=date_message(END), party=Party(adults=1))
    request.budget.CopyFrom(money_message(10, "USD"))
    for offer in (*outbound, *inbound):
        offer.seats_available = 9
    for offer in stays:
        offer.rooms_available, offer.room_type.max_occupancy = 3, 2
    outcome = optimize(request, outbound, inbound, stays, "USD")
    assert outcome.plan is None
    relaxation = outcome.relaxation
    assert relaxation.fields == ["budget"]
    assert relaxation.explanation.startswith("The cheapest valid plan costs ") and "your budget is 10.00 USD" in relaxation.explanation
    relaxed = optimize(relaxation.relaxed_request, outbound, inbound, stays, "USD")
    assert relaxed.plan is not None and relaxed.plan.total <= relaxation.relaxed_request.budget.units


def test_the_smallest_relaxation_names_the_blocking_constraint():
    rng = random.Random(3)
    outbound = [flight(rng, START, i) for i in range(8)]
    inbound = [flight(rng, END, i) for i in range(8)]
    for offer in (*outbound, *inbound):
        offer.seats_available, offer.stops = 9, 1
        del offer.segments[1:]
        segment = offer.segments[0]
        segment.carrier = "AA"
    stays = [stay(rng, arrival_date(o), i) for i, o in enumerate(outbound)]
    for offer in stays:
        offer.rooms_available, offer.room_type.max_occupancy, offer.hotel.stars = 3, 2, 3
    request = planner.TripRequest(start_date=date_message(START), end_date=date_message(END), party=Party(adults=1))
    request.flight_preferences.avoided_airlines.append("AA")
    outcome = optimize(request, outbound, inbound, stays, "USD")
    assert outcome.plan is None
    assert outcome.relaxation.fields == ["flight_preferences.avoided_airlines"]
    assert "allowing the airlines you avoid" in outcome.relaxation.explanation


def seen(*offers) -> dict:
    return {o.offer_id: (o.total_price.units, o.total_price.nanos, o.total_price.currency_code) for o in offers}


@pytest.mark.parametrize("seed", range(0, 400, 4))
def test_every_optimized_plan_passes_the_checker(seed):
    request, outbound, inbound, stays, tastes = instance(seed)
    outcome = optimize(request, outbound, inbound, stays, "USD", tastes=tastes)
    if outcome.plan is None:
        assert outcome.relaxation.explanation
        return
    itinerary = assemble(request, outcome.plan)
    checks = check(itinerary, seen(*outbound, *inbound, *stays))
    assert all(c.satisfied for c in checks), [(c.name, c.detail) for c in checks if not c.satisfied]


def test_the_checker_catches_what_the_optimizer_would_never_do():
    for seed in range(400):
        request, outbound, inbound, stays, tastes = instance(seed)
        request.ClearField("budget")
        outcome = optimize(request, outbound, inbound, stays, "USD", tastes=tastes)
        if outcome.plan is not None:
            break
    itinerary = assemble(request, outcome.plan)
    offers = seen(*outbound, *inbound, *stays)

    def failed(change) -> set[str]:
        tampered = planner.Itinerary()
        tampered.CopyFrom(itinerary)
        change(tampered)
        return {c.name for c in check(tampered, offers) if not c.satisfied}

    assert failed(lambda i: None) == set()
    assert failed(lambda i: setattr(i.flights[0], "offer_id", "invented")) == {"offers from suppliers"}
    # A price changed after the search is not the price the supplier offered.
    assert "offers from suppliers" in failed(lambda i: setattr(i.flights[1].total_price, "units", 1))
    assert "budget" in failed(lambda i: i.request.budget.CopyFrom(money_message(1, "USD")))
    assert "hotel nights" in failed(lambda i: setattr(i.hotel_stays[0].check_in_date, "day", 1))
    assert "party" in failed(lambda i: setattr(i.request.party, "adults", 9))
    assert "hotel stars" in failed(lambda i: setattr(i.request.hotel_preferences, "min_stars", 6))


def test_house_rules_and_kinds_of_stay_are_enforced_or_relaxed_out_loud():
    rng = random.Random(5)
    outbound = [flight(rng, START, i) for i in range(8)]
    inbound = [flight(rng, END, i) for i in range(8)]
    for offer in (*outbound, *inbound):
        offer.seats_available, offer.stops = 9, 0
        del offer.segments[1:]
    stays = [stay(rng, arrival_date(o), i) for i, o in enumerate(outbound)]
    for index, offer in enumerate(stays):
        offer.rooms_available, offer.room_type.max_occupancy, offer.hotel.stars = 3, 2, 3
        offer.hotel.accommodation_type = hotels.ACCOMMODATION_TYPE_HOTEL_ROOM
        offer.hotel.house_rules.extend([hotels.HOUSE_RULE_SMOKING] if index == 2 else [])
    request = planner.TripRequest(start_date=date_message(START), end_date=date_message(END), party=Party(adults=1))
    request.hotel_preferences.house_rules.append(hotels.HOUSE_RULE_SMOKING)
    outcome = optimize(request, outbound, inbound, stays, "USD")
    assert outcome.plan is not None and outcome.plan.stay.offer_id == "h2"  # the one stay allowing smoking
    request.hotel_preferences.accommodation_types.append(hotels.ACCOMMODATION_TYPE_ENTIRE_HOME)
    outcome = optimize(request, outbound, inbound, stays, "USD")
    assert outcome.plan is None  # no entire home among the offers
    assert "hotel_preferences.accommodation_types" in outcome.relaxation.fields
    assert "accepting any kind of stay" in outcome.relaxation.explanation
