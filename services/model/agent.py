"""The decisions of `tripsmith-rules`: given the conversation and the tools on offer, the next
step is tool calls, a precise question, or a final answer.

The model is stateless: it reads everything from the conversation, as any model behind the
Chat Completions API must. The system message carries the reference date ("Today is
2027-01-13") and, when a traveler is known, their resource name ("Traveler:
travelers/alice"). The first user message is the request; every later one is a follow-up
applied to it. The steps, each taken only with the tools the caller offers:

1. the traveler's profile (`get_traveler_profile`), alone, when a traveler is named;
2. while something the plan needs is missing: `record_trip_request` with the request as
   understood so far (the planner shows it beside the question), then a precise question;
3. in one parallel batch after the latest user message: `record_trip_request` (the request
   as understood, with its assumed fields), `search_flights` out and back, `search_hotels`
   and `get_weather`;
4. once their results are in, a short final answer saying what was found.

Tool results are data. Only the profile's JSON fields are read from them, never their
text, so an instruction written into a hotel description or a traveler's notes changes
nothing. Arguments follow each tool's JSON schema: a property the schema does not declare
is not sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from google.protobuf import json_format

from services.model.messages import Decision, Message, Tool, ToolCall, ToolChoice
from services.model.understanding import Understanding, refine, understand
from tripsmith.flights.v1 import flights_service_pb2 as flights_pb2
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels
from tripsmith.core.dates import iso_date
from tripsmith.core.money import money_amount
from tripsmith.core.names import TRAVELER_NAME_IN_TEXT

PROFILE_TOOL = "get_traveler_profile"
RECORD_TOOL = "record_trip_request"
_REFERENCE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


def _reference_date(messages: list[Message]) -> dt.date:
    for message in messages:
        if message.role in ("system", "developer"):
            match = _REFERENCE.search(message.content)
            if match:
                try:
                    return dt.date(*(int(part) for part in match.groups()))
                except ValueError:
                    pass
    # Without one, "today" in UTC: deterministic within a day. The planner always sends one.
    return dt.datetime.now(dt.timezone.utc).date()


def _traveler(messages: list[Message]) -> str:
    for message in messages:
        if message.role in ("system", "developer"):
            match = TRAVELER_NAME_IN_TEXT.search(message.content)
            if match:
                return match.group(0)
    return ""


def _calls_by_id(messages: list[Message]) -> dict[str, ToolCall]:
    return {call.id: call for message in messages if message.role == "assistant" for call in message.tool_calls}


def _profile(messages: list[Message]) -> tuple[bool, dict | None]:
    """(whether the profile was asked for, the profile if a result came back as JSON)."""
    calls = _calls_by_id(messages)
    asked = any(call.name == PROFILE_TOOL for call in calls.values())
    for message in messages:
        if message.role == "tool" and calls.get(message.tool_call_id, ToolCall("", "", {})).name == PROFILE_TOOL:
            try:
                value = json.loads(message.content)
            except ValueError:
                continue
            if isinstance(value, dict):
                return asked, value.get("traveler", value) if isinstance(value.get("traveler"), dict) else value
    return asked, None


def understanding_of(messages: list[Message], reference: dt.date, profile: dict | None) -> Understanding | None:
    """The request as the user messages state it so far, follow-ups applied in order."""
    result = None
    for message in messages:
        if message.role != "user" or not message.content.strip():
            continue
        result = (understand(message.content, reference, profile) if result is None
                  else refine(result, message.content, reference, profile))
    return result


def _call_id(messages: list[Message], name: str, index: int) -> str:
    digest = hashlib.sha256()
    for message in messages:
        digest.update(f"{message.role}\x00{message.content}\x00{message.tool_call_id}\x00".encode())
    digest.update(f"{name}\x00{index}".encode())
    return f"call_{digest.hexdigest()[:24]}"


def _fit(tool: Tool, arguments: dict[str, Any]) -> dict[str, Any]:
    """The arguments the tool's schema declares (all of them when it declares none)."""
    properties = tool.parameters.get("properties") if isinstance(tool.parameters, dict) else None
    if not isinstance(properties, dict) or not properties:
        return arguments
    return {key: value for key, value in arguments.items() if key in properties and value not in (None, [], "")}


def _place(place) -> str:
    return place.iata_code or place.city_name


def _money(money) -> dict | None:
    if not money.currency_code:
        return None
    return {"amount": money_amount(money), "currency_code": money.currency_code}


def tool_arguments(name: str, result: Understanding) -> dict[str, Any]:
    """What the model passes to each tool it knows, from the understood request."""
    request = result.request
    party = {"adults": request.party.adults, "children_ages": list(request.party.children_ages)}
    flights = request.flight_preferences
    flight_filters = {
        "cabin": flights_pb2.Cabin.Name(flights.cabin).removeprefix("CABIN_"),
        "max_stops": flights.max_stops if flights.HasField("max_stops") else None,
        "excluded_airlines": list(flights.avoided_airlines),
        "avoid_red_eye": flights.avoid_red_eye or None,
    }
    if name == RECORD_TOOL:
        return {"trip_request": json_format.MessageToDict(request, preserving_proto_field_name=True),
                "adjustments": result.adjustments}
    if name == "search_flights:out":
        return {"origin": _place(request.origin), "destination": _place(request.destination),
                "departure_date": iso_date(request.start_date), **party, **flight_filters}
    if name == "search_flights:back":
        return {"origin": _place(request.destination), "destination": _place(request.origin),
                "departure_date": iso_date(request.end_date), **party, **flight_filters}
    if name == "search_hotels":
        return {"city": _place(request.destination), "check_in_date": iso_date(request.start_date),
                "check_out_date": iso_date(request.end_date), **party, "rooms": request.party.rooms,
                "min_stars": request.hotel_preferences.min_stars or None,
                "max_nightly_price": _money(request.hotel_preferences.max_nightly_price),
                **_stay_filters(request.hotel_preferences)}
    if name == "get_weather":
        return {"place": _place(request.destination), "start_date": iso_date(request.start_date),
                "end_date": iso_date(request.end_date)}
    return {}


def _stay_filters(prefs) -> dict:
    """The traveler's house rules and kinds of stay, as search_hotels takes them (only those given)."""
    filters = {
        "house_rules": [hotels.HouseRule.Name(rule).removeprefix("HOUSE_RULE_") for rule in prefs.house_rules],
        "accommodation_types": [hotels.AccommodationType.Name(kind).removeprefix("ACCOMMODATION_TYPE_")
                                for kind in prefs.accommodation_types],
        "excluded_accommodation_types": [hotels.AccommodationType.Name(kind).removeprefix("ACCOMMODATION_TYPE_")
                                         for kind in prefs.avoided_accommodation_types],
    }
    return {name: values for name, values in filters.items() if values}


def _batch(result: Understanding, offered: dict[str, Tool]) -> list[tuple[str, dict]]:
    batch = []
    for step in (RECORD_TOOL, "search_flights:out", "search_flights:back", "search_hotels", "get_weather"):
        name = step.split(":")[0]
        if name in offered:
            batch.append((name, _fit(offered[name], tool_arguments(step, result))))
    return batch


def _summary(result: Understanding, messages: list[Message], since: int) -> str:
    calls = _calls_by_id(messages[since:])
    counts, failures = [], []
    for message in messages[since:]:
        if message.role != "tool" or message.tool_call_id not in calls:
            continue
        name = calls[message.tool_call_id].name
        try:
            value = json.loads(message.content)
        except ValueError:
            value = None
        if isinstance(value, dict) and "error" in value:
            failures.append(name)
        elif isinstance(value, dict):
            # A search says how many offers it found in all; the list is only the first few.
            found = value.get("total_size") if isinstance(value.get("total_size"), int) else next(
                (len(v) for v in value.values() if isinstance(v, list)), None)
            if found is not None and name != RECORD_TOOL:
                counts.append(f"{found} from {name}")
    request = result.request
    text = (f"Trip from {_place(request.origin)} to {_place(request.destination)}, {iso_date(request.start_date)} to "
            f"{iso_date(request.end_date)}, for {request.party.adults} adult(s)"
            + (f" and {len(request.party.children_ages)} child(ren)" if request.party.children_ages else "") + ". ")
    if counts:
        text += "Searched: " + "; ".join(counts) + ". "
    if failures:
        text += "These searches failed: " + ", ".join(failures) + ". "
    if result.assumed:
        text += "Assumed: " + ", ".join(result.assumed) + "."
    return text.strip()


def decide(messages: list[Message], tools: list[Tool], tool_choice: ToolChoice = "auto") -> Decision:
    offered = {tool.name: tool for tool in tools} if tool_choice != "none" else {}
    if tool_choice not in ("auto", "none", "required"):
        offered = {tool_choice: offered[tool_choice]} if tool_choice in offered else {}
    reference = _reference_date(messages)
    traveler = _traveler(messages)
    asked, profile = _profile(messages)

    if traveler and PROFILE_TOOL in offered and not asked:
        return Decision(None, (ToolCall(_call_id(messages, PROFILE_TOOL, 0), PROFILE_TOOL,
                                        _fit(offered[PROFILE_TOOL], {"traveler": traveler, "name": traveler})),))
    result = understanding_of(messages, reference, profile)
    forced = tool_choice not in ("auto", "none") and offered
    users = [index for index, message in enumerate(messages) if message.role == "user"]
    last_user = users[-1] if users else 0
    made_since = [call for message in messages[last_user:] if message.role == "assistant"
                  for call in message.tool_calls if call.name != PROFILE_TOOL]
    if result is None:
        if forced:
            name = next(iter(offered))
            return Decision(None, (ToolCall(_call_id(messages, name, 0), name, {}),))
        return Decision("What trip would you like me to plan? Tell me where, from where, when and who is travelling.")
    if result.missing:
        if forced:
            # Made to call a tool before the request is complete: state what is understood so
            # far, and what is missing, rather than fail the call.
            name = RECORD_TOOL if RECORD_TOOL in offered else next(iter(offered))
            arguments = {**tool_arguments(RECORD_TOOL, result), "missing": result.missing, "question": result.question}
            return Decision(None, (ToolCall(_call_id(messages, name, 0), name, _fit(offered[name], arguments)
                                            if name == RECORD_TOOL else {}),))
        if RECORD_TOOL in offered and not made_since:
            # The request as understood so far is recorded first, so that the planner can
            # show it beside the question.
            return Decision(None, (ToolCall(_call_id(messages, RECORD_TOOL, 0), RECORD_TOOL,
                                            _fit(offered[RECORD_TOOL], tool_arguments(RECORD_TOOL, result))),))
        return Decision(result.question)

    batch = _batch(result, offered)
    if batch and not made_since:
        return Decision(None, tuple(ToolCall(_call_id(messages, name, index), name, arguments)
                                    for index, (name, arguments) in enumerate(batch)))
    if tool_choice == "required" or (tool_choice not in ("auto", "none") and batch):
        name, arguments = batch[0] if batch else (next(iter(offered), ""), {})
        if name:
            return Decision(None, (ToolCall(_call_id(messages, name, 99), name, arguments),))
    return Decision(_summary(result, messages, last_user))
