"""The day-by-day plan: one entry per calendar day, with the city, the weather, the travel
that day and suggestions fitted to the traveler's interests and the weather.

Suggestions are kinds of things to do, not named venues: no points-of-interest data ships
with the embedded stack. On a wet day only indoor ones are offered; travel days get one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.weather.v1 import weather_service_pb2 as weather_pb2
from tripsmith.core.dates import date_message, date_of, local_time

#: interest -> (title, description, indoor) choices, in the order they are offered.
SUGGESTIONS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "museums": (("A major museum", "Start with the city's best-known collection before the crowds.", True),
                 ("A small specialist museum", "Something local and specific, quieter than the big ones.", True)),
    "art": (("Galleries", "An afternoon of the city's contemporary galleries.", True),
            ("Street art walk", "The murals and street art of the creative districts.", False)),
    "history": (("The old town on foot", "A walk through the historic centre and its landmarks.", False),
                ("A history museum", "The city's story, told indoors.", True)),
    "food": (("A food market", "Lunch at the central covered market.", True),
             ("A food tour", "Local specialities, a few stops in one neighbourhood.", False)),
    "seafood": (("Seafood dinner", "Fresh fish at a harbour-side restaurant.", True),
                ("Fish market", "The morning catch at the fish market.", False)),
    "wine": (("Wine tasting", "A tasting of the region's wines at a wine bar.", True),
             ("A vineyard trip", "Half a day at a vineyard outside the city.", False)),
    "beaches": (("Beach day", "The nearest good beach, with lunch by the sea.", False),
                ("Coastal walk", "A walk along the coast.", False)),
    "hiking": (("A day hike", "A trail within reach of the city.", False),
               ("Viewpoints", "The best viewpoints over the city, on foot.", False)),
    "nightlife": (("Live music", "An evening of live music in a local venue.", True),
                  ("Bar district", "The city's liveliest bar street.", False)),
    "shopping": (("Shopping streets", "The main shopping streets and local designers.", False),
                 ("Covered arcades", "Department stores and arcades, rain or shine.", True)),
    "sightseeing": (("The main sights", "The landmarks the city is known for.", False),
                    ("A city museum", "The city's own museum, for its story.", True)),
    "nature": (("A park or garden", "The city's best park or botanical garden.", False),
               ("An aquarium or botanical house", "Nature, indoors.", True)),
    "family": (("A family attraction", "Something for the children: a zoo, aquarium or science centre.", True),
               ("A playground park", "A park with space to run.", False)),
}
DEFAULT_INTERESTS = ("sightseeing", "food")
_WET = {weather_pb2.CONDITION_RAIN, weather_pb2.CONDITION_THUNDERSTORM, weather_pb2.CONDITION_DRIZZLE,
        weather_pb2.CONDITION_SNOW}


def is_wet(day: weather_pb2.DailyWeather) -> bool:
    return day.condition in _WET or day.precipitation_probability >= 0.6


def _travel_line(offer, verb: str) -> str:
    first, last = offer.segments[0], offer.segments[-1]
    leaves = local_time(first.departure_time, first.departure_time_zone)
    lands = local_time(last.arrival_time, last.arrival_time_zone)
    numbers = ", ".join(f"{s.carrier}{s.flight_number.removeprefix(s.carrier)}" for s in offer.segments)
    stops = "nonstop" if offer.stops == 0 else f"{offer.stops} stop(s)"
    return (f"{verb} {first.departure_airport} to {last.arrival_airport}, {numbers}, departs {leaves:%H:%M}, "
            f"arrives {lands:%H:%M}{' (+%d)' % (lands.date() - leaves.date()).days if lands.date() > leaves.date() else ''}, {stops}")


def day_plans(itinerary: planner.Itinerary, weather: Sequence[weather_pb2.DailyWeather],
              interests: Sequence[str]) -> list[planner.DayPlan]:
    """One DayPlan per calendar day from the outbound departure to the return arrival."""
    outbound, inbound = itinerary.flights[0], itinerary.flights[1]
    request = itinerary.request
    start = local_time(outbound.segments[0].departure_time, outbound.segments[0].departure_time_zone).date()
    arrive = local_time(outbound.segments[-1].arrival_time, outbound.segments[-1].arrival_time_zone).date()
    leave = local_time(inbound.segments[0].departure_time, inbound.segments[0].departure_time_zone).date()
    home = local_time(inbound.segments[-1].arrival_time, inbound.segments[-1].arrival_time_zone).date()
    by_date = {date_of(day.date): day for day in weather}
    wanted = [interest for interest in interests if interest in SUGGESTIONS] or list(DEFAULT_INTERESTS)
    plans, offered = [], 0
    day = start
    while day <= max(home, leave):
        plan = planner.DayPlan(date=date_message(day))
        in_transit = day < arrive or day > leave
        # In transit out or home, the traveler is still (or again) where the trip starts.
        plan.city.CopyFrom(request.origin if in_transit else request.destination)
        if day == start:
            plan.travel.append(_travel_line(outbound, "Fly"))
        if day == leave:
            plan.travel.append(_travel_line(inbound, "Fly home"))
        # The forecast is the destination's: a day spent leaving from home or flying back has none.
        forecast = by_date.get(day) if not in_transit else None
        if forecast is not None:
            plan.weather.CopyFrom(forecast)
        if not in_transit:
            count = 1 if plan.travel else 2
            wet = forecast is not None and is_wet(forecast)
            choices = [(interest, choice) for interest in wanted for choice in SUGGESTIONS[interest]
                       if not wet or choice[2]]
            if wet and not choices:
                choices = [("sightseeing", choice) for choice in SUGGESTIONS["sightseeing"] if choice[2]]
            for index in range(min(count, len(choices))):
                interest, (title, description, indoor) = choices[(offered + index) % len(choices)]
                plan.suggestions.add(title=title, description=description + (" (indoors: rain is likely)" if wet else ""),
                                     interest=interest, indoor=indoor)
            offered += count
        plans.append(plan)
        day += dt.timedelta(days=1)
    return plans
