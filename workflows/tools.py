"""The agent's tools, registered once: name, description, argument schema, and what runs them.

The model is offered `definitions()`; the workflow validates a call's arguments with
`validate()` before anything runs, and runs the tool's activity (or, for a tool without one,
handles it itself). Adding a supplier category means adding its arguments model and one
`Tool` here and its activity in `workflows/activities.py`: no prompt lists tools by hand.

Argument models forbid unknown properties, so a model that invents an argument learns so
from the tool result instead of having it silently dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tripsmith.core.names import TRAVELER_NAME
from tripsmith.core.validation import AIRLINE_PATTERN, CURRENCY_PATTERN, MAX_CHILD_AGE, MAX_PARTY, MAX_ROOMS, MAX_STARS

class Arguments(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Money(Arguments):
    amount: float = Field(gt=0, le=10_000_000, description="The amount, for example 200.")
    currency_code: str = Field(pattern=CURRENCY_PATTERN.pattern, description="The ISO 4217 currency code, for example EUR.")


class TravelerProfileArguments(Arguments):
    traveler: str = Field(pattern=f"^{TRAVELER_NAME.pattern}$",
                          description='The traveler\'s resource name, "travelers/{id}".')


class TripRequestArguments(Arguments):
    trip_request: dict[str, Any] = Field(
        description="The TripRequest as understood, as protobuf JSON with snake_case field names.")
    adjustments: list[str] = Field(default_factory=list, max_length=20,
                                   description='Wishes that are not fields of the request, such as "cheaper".')


class _Party(Arguments):
    adults: int = Field(default=1, ge=1, le=MAX_PARTY, description="Adults travelling.")
    children_ages: list[int] = Field(default_factory=list, max_length=MAX_PARTY - 1, description="The age of each child.")

    @field_validator("children_ages")
    @classmethod
    def _ages(cls, ages: list[int]) -> list[int]:
        if any(not 0 <= age <= MAX_CHILD_AGE for age in ages):
            raise ValueError(f"every age must be 0 to {MAX_CHILD_AGE}")
        return ages


class SearchFlightsArguments(_Party):
    origin: str = Field(min_length=2, max_length=80, description="An IATA airport or metro code, or a city name.")
    destination: str = Field(min_length=2, max_length=80, description="An IATA airport or metro code, or a city name.")
    departure_date: dt.date = Field(description="The local departure date, YYYY-MM-DD.")
    cabin: Literal["ECONOMY", "PREMIUM_ECONOMY", "BUSINESS", "FIRST"] = "ECONOMY"
    max_stops: int | None = Field(default=None, ge=0, description="The most stops allowed.")
    excluded_airlines: list[str] = Field(default_factory=list, max_length=20,
                                         description="IATA codes of airlines never to fly.")
    avoid_red_eye: bool = Field(default=False, description="Whether overnight flights are excluded.")

    @field_validator("excluded_airlines")
    @classmethod
    def _codes(cls, codes: list[str]) -> list[str]:
        # Models write codes in either case; the suppliers read them upper-case.
        if any(not AIRLINE_PATTERN.fullmatch(code.upper()) for code in codes):
            raise ValueError("every airline must be a two-character IATA code")
        return [code.upper() for code in codes]


class SearchHotelsArguments(_Party):
    city: str = Field(min_length=2, max_length=80, description="The city, by name or IATA code.")
    check_in_date: dt.date = Field(description="The local check-in date, YYYY-MM-DD.")
    check_out_date: dt.date = Field(description="The local check-out date, YYYY-MM-DD.")
    rooms: int = Field(default=1, ge=1, le=MAX_ROOMS, description="Rooms needed.")
    min_stars: int | None = Field(default=None, ge=0, le=MAX_STARS, description="The lowest star rating accepted.")
    max_nightly_price: Money | None = Field(default=None, description="The most one night may cost, for all rooms.")
    house_rules: list[Literal["PETS", "SMOKING", "PARTIES", "VISITORS", "CHILDREN"]] = Field(
        default_factory=list, max_length=5, description="What the stay's house rules must allow.")
    accommodation_types: list[Literal["HOTEL_ROOM", "ENTIRE_HOME", "PRIVATE_ROOM", "SHARED_ROOM"]] = Field(
        default_factory=list, max_length=4, description="Only these kinds of stay; empty means any.")
    excluded_accommodation_types: list[Literal["HOTEL_ROOM", "ENTIRE_HOME", "PRIVATE_ROOM", "SHARED_ROOM"]] = Field(
        default_factory=list, max_length=4, description="Never these kinds of stay.")


class SearchGroundArguments(_Party):
    origin: str = Field(min_length=2, max_length=80, description="The city the journey starts in, by name or IATA code.")
    destination: str = Field(min_length=2, max_length=80, description="The city it ends in, by name or IATA code.")
    departure_date: dt.date = Field(description="The local departure date, YYYY-MM-DD.")
    modes: list[Literal["RAIL", "COACH", "SELF_DRIVE", "TAXI"]] = Field(
        default_factory=list, max_length=4, description="Only these modes; empty means every ground mode.")
    max_duration_minutes: int | None = Field(default=None, ge=1, le=48 * 60, description="The longest journey accepted.")
    return_date: dt.date | None = Field(default=None, description="For a hire car: the local date it is returned.")


class WeatherArguments(Arguments):
    place: str = Field(min_length=2, max_length=80, description="The place, by name or IATA code.")
    start_date: dt.date = Field(description="The first date, YYYY-MM-DD.")
    end_date: dt.date = Field(description="The last date, YYYY-MM-DD.")


@dataclass(frozen=True)
class Tool:
    """One tool the agent may call."""

    name: str
    description: str
    arguments: type[Arguments]
    #: The activity that runs it; empty for a tool the workflow handles itself.
    activity: str
    #: The state a call moves a planning itinerary to (searching suppliers), if any.
    searches: bool = False

    def definition(self) -> dict[str, Any]:
        return {"type": "function", "function": {"name": self.name, "description": self.description,
                                                 "parameters": self.arguments.model_json_schema()}}


REGISTRY: tuple[Tool, ...] = (
    Tool("get_traveler_profile", "The traveler's profile: home airport, stated preferences and loyalty programs.",
         TravelerProfileArguments, activity="get_traveler_profile"),
    Tool("record_trip_request", "Records the trip request as understood, with the fields that were assumed.",
         TripRequestArguments, activity=""),
    Tool("search_flights", "Searches one-way flight offers for the party on one date.",
         SearchFlightsArguments, activity="search_flights", searches=True),
    Tool("search_hotels", "Searches hotel offers for the party and dates.",
         SearchHotelsArguments, activity="search_hotels", searches=True),
    Tool("search_ground_transport",
         "Searches journeys over land between two cities on one date: trains, coaches, hire cars, taxis.",
         SearchGroundArguments, activity="search_ground_transport", searches=True),
    Tool("get_weather", "The daily weather forecast or climatology for a place and dates.",
         WeatherArguments, activity="get_weather", searches=True),
)
TOOLS = {tool.name: tool for tool in REGISTRY}
SEARCHES = frozenset(tool.name for tool in REGISTRY if tool.searches)


def definitions() -> list[dict[str, Any]]:
    return [tool.definition() for tool in REGISTRY]


class ToolCallRejected(Exception):
    """The model's call cannot run; the message goes back to the model as the tool result."""


def validate(name: str, raw_arguments: str) -> tuple[Tool, dict[str, Any]]:
    """The tool and its arguments as JSON-ready values, or ToolCallRejected saying why."""
    tool = TOOLS.get(name)
    if tool is None:
        raise ToolCallRejected(f"there is no tool named {name!r}; the tools are {', '.join(TOOLS)}")
    try:
        value = json.loads(raw_arguments or "{}")
    except ValueError:
        raise ToolCallRejected("the arguments are not valid JSON") from None
    if not isinstance(value, dict):
        raise ToolCallRejected("the arguments must be a JSON object")
    try:
        parsed = tool.arguments.model_validate(value)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(part) for part in item['loc']) or 'arguments'}: {item['msg']}"
                             for item in error.errors()[:5])
        raise ToolCallRejected(f"invalid arguments: {problems}") from None
    return tool, parsed.model_dump(mode="json")
