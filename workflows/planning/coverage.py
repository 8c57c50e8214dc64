"""What the planner honours of a request, and what it declines out loud.

One home for the rule "a stated rule is never broken silently": every field of the request
is either enforced (constraints.py searches with it, checker.py proves it), or declined here:
- a rule without which no plan the planner can make would be what was asked (several cities,
  a region to choose cities in, a trip without flights while every plan flies) stops planning
  with a question that names it (`blocking`);
- a wish no supplier can confirm yet (cuisines, a maximum leg duration, a rule only kept as
  text) is listed in the itinerary's `not_enforced`, with the reason, and said in the summary.
House rules and kinds of stay are enforced: hotel offers state both.

The multi-city and ground-transport planning (docs/planner.md) will move entries from here to
constraints.py as suppliers come to offer what they need.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from tripsmith.planner.v1 import planner_service_pb2 as planner

def flights_allowed(request: planner.TripRequest) -> bool:
    transport = request.transport_preferences
    return TravelMode.TRAVEL_MODE_FLIGHT not in transport.avoided_modes and (
        not transport.allowed_modes or TravelMode.TRAVEL_MODE_FLIGHT in transport.allowed_modes)


@dataclass
class Coverage:
    #: Questions that stop planning: each names a rule the plan cannot honour.
    blocking: list[str] = field(default_factory=list)
    not_enforced: list[planner.NotEnforced] = field(default_factory=list)

    def sentence(self) -> str:
        """The summary's words for what is not enforced."""
        if not self.not_enforced:
            return ""
        return "Not enforced: " + "; ".join(f"{entry.value} ({entry.reason})" for entry in self.not_enforced) + "."


def coverage(request: planner.TripRequest) -> Coverage:
    result = Coverage()

    def decline(path: str, value: str, reason: str) -> None:
        result.not_enforced.append(planner.NotEnforced(field=path, value=value, reason=reason))

    if len(request.stops) > 1:
        names = [stop.place.city_name or stop.place.iata_code for stop in request.stops]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        result.blocking.append(f"I can plan one destination per trip for now, and you asked for {listed}: "
                               f"which one should I plan (the others can be trips of their own)?")
    choice = request.stop_choice
    if choice.count and not (request.destination.iata_code or request.destination.city_name):
        result.blocking.append(f"I can't choose the cities for you yet: which city in {choice.region_name} should I plan"
                               + (f" (you asked for {choice.count})?" if choice.count > 1 else "?"))
    if not flights_allowed(request):
        result.blocking.append("Every trip I can plan today travels by air, and you ruled out flying: "
                               "shall I plan it with flights?")
    transport = request.transport_preferences
    if transport.HasField("max_leg_duration"):
        decline("transport_preferences.max_leg_duration", f"legs of at most {transport.max_leg_duration.seconds // 3600} h",
                "journey times are not limited by the search yet")
    # House rules and kinds of stay are enforced: hotel suppliers state both, searches filter
    # on them and the checker proves them (constraints.Rules.hotel_ok).
    if request.cuisines:
        decline("cuisines", ", ".join(request.cuisines) + " food",
                "meals are not planned yet: no restaurant supplier is connected")
    for rule in request.rules:
        decline("rules", rule, "not a rule the planner can read as a field")
    return result
