"""The planner's activities: every piece of I/O the itinerary workflow does.

- `model_step`: one Chat Completions call through the `openai` client, built with
  `max_retries=0` because Temporal's retry policy owns retries. Rate limits, 5xx, timeouts
  and lost connections raise retryable errors; authentication and bad-request errors are
  non-retryable. The span follows the GenAI conventions; message contents are not recorded.
- the tools of `workflows/tools.py`: gRPC calls to the supplier services with the internal
  credential and the tenant. A supplier's answer to bad or impossible input comes back as a
  tool result for the model (`ok=False`); an unavailable supplier raises, so that Temporal
  retries it.
- `optimize_plan`: the optimizer, the day-by-day plan and the checker; no I/O.
- the booking saga's steps, `hold_offer`, `confirm_hold` and `undo_hold`, each idempotent
  through the key the workflow derives from its ID and the step.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import time
from collections import Counter
from typing import NamedTuple

import grpc
import openai
from opentelemetry import metrics, propagate, trace
from temporalio import activity
from temporalio.exceptions import ApplicationError

from tripsmith.common.v1 import booking_pb2, party_pb2, place_pb2
from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from tripsmith.flights.v1 import flights_service_pb2 as flights_pb2, flights_service_pb2_grpc as flights_grpc
from tripsmith.ground.v1 import ground_service_pb2 as ground_pb2, ground_service_pb2_grpc as ground_grpc
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels_pb2, hotels_service_pb2_grpc as hotels_grpc
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.profile.v1 import profile_service_pb2 as profile_pb2, profile_service_pb2_grpc as profile_grpc
from tripsmith.runtime.auth import internal_metadata
from tripsmith.runtime.grpc_client import channel, error_reason
from tripsmith.core.money import money_amount, money_message
from tripsmith.weather.v1 import weather_service_pb2 as weather_pb2, weather_service_pb2_grpc as weather_grpc
from workflows.config import ModelEndpoint, WorkerConfig
from workflows.api import from_json, to_json
from workflows.payloads import (
    ConfirmInput, HoldInput, HoldOutput, ModelReply, ModelStepInput, ModelToolCall, OptimizeInput, OptimizeOutput,
    ToolInput, ToolOutput, UndoInput, UndoOutput,
)
from workflows.planning.plan import convert, plan_itinerary
from tripsmith.core.validation import stops_to_search
from tripsmith.core.dates import date_message, iso_date, local_time

tracer = trace.get_tracer("tripsmith.planner")
meter = metrics.get_meter("tripsmith.planner")
TOKEN_USAGE = meter.create_histogram(
    "gen_ai.client.token.usage", unit="{token}", description="Tokens used per model call.",
    explicit_bucket_boundaries_advisory=[1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576])
MODEL_DURATION = meter.create_histogram(
    "gen_ai.client.operation.duration", unit="s", description="Duration of model calls.",
    explicit_bucket_boundaries_advisory=[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60])
TOOL_DURATION = meter.create_histogram(
    "tripsmith.tool.duration", unit="s", description="Duration of agent tool executions, by tool and outcome.",
    explicit_bucket_boundaries_advisory=[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
BOOKING_STEPS = meter.create_counter(
    "tripsmith.booking.steps", unit="{step}", description="Booking saga steps, by step, kind and outcome.")
COMPENSATIONS = meter.create_counter(
    "tripsmith.booking.compensations", unit="{booking}",
    description="Holds released or bookings cancelled because booking failed, by kind and action.")

#: Supplier answers that retrying cannot change: they go back to the model, or fail the step.
_FINAL_CODES = {
    grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION,
    grpc.StatusCode.ALREADY_EXISTS, grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED,
    grpc.StatusCode.OUT_OF_RANGE, grpc.StatusCode.ABORTED, grpc.StatusCode.UNIMPLEMENTED,
}
_SUPPLIER_TIMEOUT_SECONDS = 15.0
#: The deadline of a booking call (a hold, a confirmation, a release, a cancellation): one
#: ledger transaction at the supplier, within the workflow's 10 s SAGA_STEP_TIMEOUT, so that
#: a slow call ends as a retryable error of its own attempt rather than overlapping the next.
_SAGA_CALL_SECONDS = 8.0
_MODEL_CONTENT_OFFERS = 12


def _capture_contents() -> bool:
    """Message contents go on spans only when switched on, by the GenAI instrumentations'
    standard variable: they may hold what travelers wrote about themselves."""
    return os.environ.get("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "").lower() == "true"


class SupplierRefused(Exception):
    """A supplier's final answer: bad input, not found, sold out, price changed."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def _place(text: str) -> place_pb2.Place:
    code = text.strip()
    if len(code) == 3 and code.isalpha() and code.isupper():
        return place_pb2.Place(iata_code=code)
    return place_pb2.Place(city_name=code)


def _date(value: str):
    return date_message(dt.date.fromisoformat(value))


class _Desk(NamedTuple):
    """The booking RPCs of one supplier category, and their request messages."""

    hold: object
    hold_request: type
    confirm: object
    confirm_request: type
    get_hold: object
    get_hold_request: type
    release: object
    release_request: type
    cancel: object
    cancel_request: type


class PlannerActivities:
    """The activities, sharing one channel per supplier and one model client per worker."""

    def __init__(self, config: WorkerConfig, endpoint: ModelEndpoint | None = None) -> None:
        self.config = config
        self.endpoint = endpoint or ModelEndpoint()
        base_url = self.endpoint.base_url or f"http://{config.bind_host}:{config.model_port}/v1"
        self.model = openai.AsyncOpenAI(base_url=base_url, api_key=self.endpoint.api_key.get_secret_value(),
                                        max_retries=0, timeout=config.model_timeout_seconds)
        self._channels = {name: channel(config.supplier_address(name))
                          for name in ("flights", "hotels", "weather", "profile", "ground")}
        self.flights = flights_grpc.FlightsServiceStub(self._channels["flights"])
        self.hotels = hotels_grpc.HotelsServiceStub(self._channels["hotels"])
        self.weather = weather_grpc.WeatherServiceStub(self._channels["weather"])
        self.profile = profile_grpc.ProfileServiceStub(self._channels["profile"])
        self.ground = ground_grpc.GroundServiceStub(self._channels["ground"])
        self._desks = {
            "flight": _Desk(self.flights.HoldFlightOffer, flights_pb2.HoldFlightOfferRequest,
                            self.flights.ConfirmFlightHold, flights_pb2.ConfirmFlightHoldRequest,
                            self.flights.GetFlightHold, flights_pb2.GetFlightHoldRequest,
                            self.flights.ReleaseFlightHold, flights_pb2.ReleaseFlightHoldRequest,
                            self.flights.CancelFlightBooking, flights_pb2.CancelFlightBookingRequest),
            "hotel": _Desk(self.hotels.HoldHotelOffer, hotels_pb2.HoldHotelOfferRequest,
                           self.hotels.ConfirmHotelHold, hotels_pb2.ConfirmHotelHoldRequest,
                           self.hotels.GetHotelHold, hotels_pb2.GetHotelHoldRequest,
                           self.hotels.ReleaseHotelHold, hotels_pb2.ReleaseHotelHoldRequest,
                           self.hotels.CancelHotelBooking, hotels_pb2.CancelHotelBookingRequest),
        }

    async def close(self) -> None:
        for open_channel in self._channels.values():
            await open_channel.close()
        await self.model.close()

    def all(self) -> list:
        return [self.model_step, self.get_traveler_profile, self.search_flights, self.search_hotels,
                self.search_ground_transport, self.get_weather, self.optimize_plan, self.hold_offer, self.confirm_hold,
                self.undo_hold]

    async def _call(self, method, request, tenant: str, timeout: float = _SUPPLIER_TIMEOUT_SECONDS):
        token = self.config.internal_token.get_secret_value()
        try:
            return await method(request, metadata=internal_metadata(tenant, token), timeout=timeout)
        except grpc.aio.AioRpcError as error:
            if error.code() in _FINAL_CODES:
                raise SupplierRefused(error.details() or error.code().name, error_reason(error)) from None
            # Unavailable, deadline exceeded, resource exhausted, internal: Temporal retries.
            raise ApplicationError(f"{error.code().name}: {error.details()}", type=error.code().name) from None

    # The model -----------------------------------------------------------------------------

    @activity.defn(name="model_step")
    async def model_step(self, step: ModelStepInput) -> ModelReply:
        model = self.endpoint.model
        started = time.perf_counter()
        with tracer.start_as_current_span(f"chat {model}", kind=trace.SpanKind.CLIENT) as span:
            span.set_attributes({"gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
                                 "gen_ai.request.model": model, "tripsmith.itinerary": step.itinerary})
            headers: dict[str, str] = {}
            propagate.inject(headers)
            try:
                completion = await self.model.chat.completions.create(
                    model=model, messages=step.messages, tools=step.tools, extra_headers=headers)
            except openai.APIError as error:
                span.set_attribute("error.type", type(error).__name__)
                MODEL_DURATION.record(time.perf_counter() - started, {
                    "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
                    "gen_ai.request.model": model, "error.type": type(error).__name__})
                # Auth and bad requests cannot succeed on retry; 429, 5xx, timeouts and lost
                # connections can, with Temporal's back-off.
                final = isinstance(error, (openai.AuthenticationError, openai.PermissionDeniedError,
                                           openai.BadRequestError, openai.NotFoundError,
                                           openai.UnprocessableEntityError))
                raise ApplicationError(f"the model {'refused' if final else 'failed'} the call: {error.message}",
                                       type=type(error).__name__, non_retryable=final) from None
            elapsed = time.perf_counter() - started
            choice = completion.choices[0] if completion.choices else None
            if choice is None:
                raise ApplicationError("the model returned no choice", type="EmptyCompletion")
            usage = completion.usage
            input_tokens = usage.prompt_tokens if usage else 0
            output_tokens = usage.completion_tokens if usage else 0
            in_price, out_price = self.config.model_prices.get(model, (0.0, 0.0))
            cost_nanos = round((input_tokens * in_price + output_tokens * out_price) * 1000)  # USD per 1M -> nanos
            span.set_attributes({"gen_ai.response.model": completion.model or model,
                                 "gen_ai.response.id": completion.id or "",
                                 "gen_ai.usage.input_tokens": input_tokens,
                                 "gen_ai.usage.output_tokens": output_tokens,
                                 "gen_ai.response.finish_reasons": [choice.finish_reason or ""],
                                 "tripsmith.cost.usd": cost_nanos / 1e9})
            if _capture_contents():
                span.set_attributes({"gen_ai.input.messages": json.dumps(step.messages),
                                     "gen_ai.output.messages": json.dumps(choice.message.model_dump(mode="json"))})
        base = {"gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": model}
        TOKEN_USAGE.record(input_tokens, {**base, "gen_ai.token.type": "input"})
        TOKEN_USAGE.record(output_tokens, {**base, "gen_ai.token.type": "output"})
        MODEL_DURATION.record(elapsed, base)
        calls = [ModelToolCall(call.id, call.function.name, call.function.arguments or "")
                 for call in choice.message.tool_calls or () if call.type == "function"]
        return ModelReply(model=completion.model or model, content=choice.message.content or "", tool_calls=calls,
                          finish_reason=choice.finish_reason or "", input_tokens=input_tokens,
                          output_tokens=output_tokens, duration_seconds=elapsed, cost_nanos_usd=cost_nanos)

    # Tools ---------------------------------------------------------------------------------

    async def _tool(self, name: str, call: ToolInput, run) -> ToolOutput:
        started = time.perf_counter()
        with tracer.start_as_current_span(f"execute_tool {name}", kind=trace.SpanKind.INTERNAL) as span:
            span.set_attributes({"gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": name,
                                 "gen_ai.tool.call.id": call.call_id, "gen_ai.tool.type": "function"})
            try:
                output = await run(call.arguments)
            except SupplierRefused as refused:
                span.set_attribute("error.type", refused.reason)
                output = ToolOutput(content=json.dumps({"error": str(refused), "reason": refused.reason}), ok=False,
                                    summary=f"refused: {refused.reason}")
            except Exception as error:
                TOOL_DURATION.record(time.perf_counter() - started, {"gen_ai.tool.name": name, "outcome": "retry"})
                span.set_attribute("error.type", type(error).__name__)
                raise
        TOOL_DURATION.record(time.perf_counter() - started,
                             {"gen_ai.tool.name": name, "outcome": "ok" if output.ok else "error"})
        return output

    async def _search_both_ways(self, method, request, call: ToolInput, orders: tuple[int, int]):
        """The cheapest offers and the best by a second order (the fastest flights, the best
        rated hotels), half the kept offers each: the optimizer trades price against comfort,
        so its candidates must hold both ends, not only the cheapest."""
        requests = []
        for order in orders:
            copy = type(request)()
            copy.CopyFrom(request)
            copy.order_by, copy.page_size = order, max(1, call.max_results // 2)
            requests.append(copy)
        responses = await asyncio.gather(*(self._call(method, each, call.tenant) for each in requests))
        offers = list({offer.offer_id: offer for response in responses for offer in response.offers}.values())
        return responses[0], offers

    @activity.defn(name="get_traveler_profile")
    async def get_traveler_profile(self, call: ToolInput) -> ToolOutput:
        async def run(arguments):
            name = arguments["traveler"]
            found = await self._call(self.profile.GetTraveler, profile_pb2.GetTravelerRequest(name=name), call.tenant)
            derived = await self._call(self.profile.GetDerivedPreferences,
                                       profile_pb2.GetDerivedPreferencesRequest(name=name), call.tenant)
            traveler = found.traveler
            # The model gets what planning needs, never the personal data (name, email, loyalty numbers).
            shared = profile_pb2.Traveler(name=traveler.name, home_airport=traveler.home_airport,
                                          preferences=traveler.preferences)
            for membership in traveler.loyalty_programs:
                shared.loyalty_programs.add(program_code=membership.program_code, tier=membership.tier)
            content = {"traveler": to_json(shared), "derived_preferences": to_json(derived.preferences)}
            return ToolOutput(content=json.dumps(content), ok=True, summary=f"profile with {derived.preferences.trips_considered} past trip(s)",
                              data={"profile": to_json(shared), "derived": to_json(derived.preferences)})
        return await self._tool("get_traveler_profile", call, run)

    @activity.defn(name="search_flights")
    async def search_flights(self, call: ToolInput) -> ToolOutput:
        async def run(arguments):
            request = flights_pb2.SearchFlightsRequest(
                origin=_place(arguments["origin"]), destination=_place(arguments["destination"]),
                departure_date=_date(arguments["departure_date"]),
                passengers=party_pb2.Party(adults=arguments["adults"], children_ages=arguments["children_ages"]),
                cabin=flights_pb2.Cabin.Value("CABIN_" + arguments["cabin"]),
                excluded_airlines=arguments["excluded_airlines"], currency_code=call.currency,
                page_size=call.max_results)
            if arguments.get("max_stops") is not None:
                request.max_stops = stops_to_search(arguments["max_stops"])
            response, offers = await self._search_both_ways(
                self.flights.SearchFlights, request, call, (flights_pb2.FLIGHT_ORDER_PRICE, flights_pb2.FLIGHT_ORDER_DURATION))
            listed = [{"offer_id": o.offer_id,
                       "route": "-".join([o.segments[0].departure_airport] + [s.arrival_airport for s in o.segments]),
                       "departs": _clock(o.segments[0].departure_time, o.segments[0].departure_time_zone),
                       "arrives": _clock(o.segments[-1].arrival_time, o.segments[-1].arrival_time_zone),
                       "carriers": sorted({s.carrier for s in o.segments}), "stops": o.stops,
                       "total_price": _price(o.total_price)} for o in offers[:_MODEL_CONTENT_OFFERS]]
            content = {"offers": listed, "total_size": response.total_size,
                       "origin": to_json(response.resolved_origin), "destination": to_json(response.resolved_destination)}
            return ToolOutput(content=json.dumps(content), ok=True, summary=f"{len(offers)} of {response.total_size} offers",
                              data={"offers": [to_json(o) for o in offers], "origin": to_json(response.resolved_origin),
                                    "destination": to_json(response.resolved_destination),
                                    # Local arrival dates, most common first: where hotel stays must start.
                                    "arrival_dates": [day for day, _ in Counter(
                                        local_time(o.segments[-1].arrival_time, o.segments[-1].arrival_time_zone).date().isoformat()
                                        for o in offers).most_common()]})
        return await self._tool("search_flights", call, run)

    @activity.defn(name="search_ground_transport")
    async def search_ground_transport(self, call: ToolInput) -> ToolOutput:
        async def run(arguments):
            request = ground_pb2.SearchJourneysRequest(
                origin=_place(arguments["origin"]), destination=_place(arguments["destination"]),
                departure_date=_date(arguments["departure_date"]),
                party=party_pb2.Party(adults=arguments["adults"], children_ages=arguments["children_ages"]),
                modes=[TravelMode.Value("TRAVEL_MODE_" + mode) for mode in arguments["modes"]],
                currency_code=call.currency, page_size=call.max_results)
            if arguments.get("max_duration_minutes"):
                request.max_duration.FromSeconds(arguments["max_duration_minutes"] * 60)
            if arguments.get("return_date"):
                request.return_date.CopyFrom(_date(arguments["return_date"]))
            response, offers = await self._search_both_ways(
                self.ground.SearchJourneys, request, call, (ground_pb2.JOURNEY_ORDER_PRICE, ground_pb2.JOURNEY_ORDER_DURATION))
            listed = [{"offer_id": o.offer_id, "mode": TravelMode.Name(o.mode).removeprefix("TRAVEL_MODE_"),
                       "operator": o.operator, "departs": _clock(o.departure_time, o.departure_terminal.time_zone),
                       "arrives": _clock(o.arrival_time, o.arrival_terminal.time_zone),
                       "minutes": o.duration.seconds // 60, "total_price": _price(o.total_price)}
                      for o in offers[:_MODEL_CONTENT_OFFERS]]
            content = {"offers": listed, "total_size": response.total_size,
                       "unavailable_modes": list(response.unavailable_modes),
                       "origin": to_json(response.resolved_origin), "destination": to_json(response.resolved_destination)}
            return ToolOutput(content=json.dumps(content), ok=True, summary=f"{len(offers)} of {response.total_size} offers",
                              data={"offers": [to_json(o) for o in offers], "origin": to_json(response.resolved_origin),
                                    "destination": to_json(response.resolved_destination)})
        return await self._tool("search_ground_transport", call, run)

    @activity.defn(name="search_hotels")
    async def search_hotels(self, call: ToolInput) -> ToolOutput:
        async def run(arguments):
            request = hotels_pb2.SearchHotelsRequest(
                city=_place(arguments["city"]), check_in_date=_date(arguments["check_in_date"]),
                check_out_date=_date(arguments["check_out_date"]),
                guests=party_pb2.Party(adults=arguments["adults"], children_ages=arguments["children_ages"],
                                       rooms=arguments["rooms"]),
                min_stars=arguments.get("min_stars") or 0, currency_code=call.currency,
                page_size=call.max_results,
                house_rules=[hotels_pb2.HouseRule.Value(f"HOUSE_RULE_{rule}") for rule in arguments.get("house_rules", [])],
                accommodation_types=[hotels_pb2.AccommodationType.Value(f"ACCOMMODATION_TYPE_{kind}")
                                     for kind in arguments.get("accommodation_types", [])],
                excluded_accommodation_types=[hotels_pb2.AccommodationType.Value(f"ACCOMMODATION_TYPE_{kind}")
                                              for kind in arguments.get("excluded_accommodation_types", [])])
            cap = arguments.get("max_nightly_price")
            if cap:  # in the trip's currency, which the offers are priced in
                request.max_nightly_price.CopyFrom(money_message(
                    convert(cap["amount"], cap["currency_code"], call.currency), call.currency))
            response, offers = await self._search_both_ways(
                self.hotels.SearchHotels, request, call, (hotels_pb2.HOTEL_ORDER_PRICE, hotels_pb2.HOTEL_ORDER_RATING))
            listed = [{"offer_id": o.offer_id, "hotel": o.hotel.name, "stars": o.hotel.stars, "rating": o.hotel.rating,
                       "neighborhood": o.hotel.neighborhood, "km_from_center": o.hotel.distance_from_center_km,
                       "room": o.room_type.name, "rooms": o.rooms, "nightly": _price(o.average_nightly_price),
                       "total_price": _price(o.total_price)} for o in offers[:_MODEL_CONTENT_OFFERS]]
            content = {"offers": listed, "total_size": response.total_size, "city": to_json(response.resolved_city)}
            return ToolOutput(content=json.dumps(content), ok=True, summary=f"{len(offers)} of {response.total_size} offers",
                              data={"offers": [to_json(o) for o in offers], "city": to_json(response.resolved_city)})
        return await self._tool("search_hotels", call, run)

    @activity.defn(name="get_weather")
    async def get_weather(self, call: ToolInput) -> ToolOutput:
        async def run(arguments):
            request = weather_pb2.GetDailyForecastRequest(place=_place(arguments["place"]),
                                                          start_date=_date(arguments["start_date"]),
                                                          end_date=_date(arguments["end_date"]))
            response = await self._call(self.weather.GetDailyForecast, request, call.tenant)
            days = [{"date": iso_date(d.date), "high_celsius": round(d.high_celsius, 1),
                     "low_celsius": round(d.low_celsius, 1), "precipitation_probability": round(d.precipitation_probability, 2),
                     "condition": weather_pb2.Condition.Name(d.condition).removeprefix("CONDITION_").lower()}
                    for d in response.days]
            return ToolOutput(content=json.dumps({"days": days, "place": to_json(response.place)}), ok=True,
                              summary=f"{len(days)} day(s)",
                              data={"days": [to_json(d) for d in response.days], "place": to_json(response.place)})
        return await self._tool("get_weather", call, run)

    # Planning ------------------------------------------------------------------------------

    @activity.defn(name="optimize_plan")
    async def optimize_plan(self, task: OptimizeInput) -> OptimizeOutput:
        started = time.perf_counter()
        with tracer.start_as_current_span("optimize_plan") as span:
            itinerary, explanation = plan_itinerary(task)
            span.set_attributes({"tripsmith.candidates.outbound": len(task.outbound),
                                 "tripsmith.candidates.inbound": len(task.inbound),
                                 "tripsmith.candidates.stays": len(task.stays),
                                 "tripsmith.feasible": itinerary.state == planner.STATE_PROPOSED})
        return OptimizeOutput(itinerary=to_json(itinerary), feasible=itinerary.state == planner.STATE_PROPOSED,
                              explanation=explanation, duration_seconds=time.perf_counter() - started)

    # The booking saga ----------------------------------------------------------------------

    async def _saga_call(self, step: str, kind: str, method, request, tenant: str):
        try:
            response = await self._call(method, request, tenant, _SAGA_CALL_SECONDS)
        except SupplierRefused as refused:
            BOOKING_STEPS.add(1, {"step": step, "kind": kind, "outcome": refused.reason})
            raise ApplicationError(str(refused), type=refused.reason, non_retryable=True) from None
        BOOKING_STEPS.add(1, {"step": step, "kind": kind, "outcome": "ok"})
        return response

    @activity.defn(name="hold_offer")
    async def hold_offer(self, task: HoldInput) -> HoldOutput:
        desk = self._desks[task.kind]
        request = desk.hold_request(offer_id=task.offer_id, client_reference=task.client_reference,
                                    idempotency_key=task.idempotency_key)
        request.max_total_price.CopyFrom(from_json(type(request.max_total_price), task.max_total_price))
        party = from_json(party_pb2.Party, task.party)
        if task.kind == "flight":
            request.passengers.CopyFrom(party_pb2.Party(adults=party.adults, children_ages=party.children_ages))
        response = await self._saga_call("hold", task.kind, desk.hold, request, task.tenant)
        held = response.hold
        price = held.offer.total_price
        return HoldOutput(hold_id=held.hold_id, price=to_json(price))

    @activity.defn(name="confirm_hold")
    async def confirm_hold(self, task: ConfirmInput) -> str:
        desk = self._desks[task.kind]
        response = await self._saga_call("confirm", task.kind, desk.confirm, desk.confirm_request(
            hold_id=task.hold_id, approved_by=task.approved_by, idempotency_key=task.idempotency_key), task.tenant)
        return response.booking.booking_reference

    @activity.defn(name="undo_hold")
    async def undo_hold(self, task: UndoInput) -> UndoOutput:
        """Whatever the hold became, undoes it: a held hold is released, a confirmed one's
        booking cancelled; a lapsed or already undone one needs nothing."""
        desk = self._desks[task.kind]

        async def read() -> object:
            return (await self._call(desk.get_hold, desk.get_hold_request(hold_id=task.hold_id), task.tenant)).hold

        hold = await read()
        if task.compensation and hold.state in (booking_pb2.HOLD_STATE_HELD, booking_pb2.HOLD_STATE_CONFIRMED):
            COMPENSATIONS.add(1, {"kind": task.kind,
                                  "action": "release" if hold.state == booking_pb2.HOLD_STATE_HELD else "cancel"})
        if hold.state == booking_pb2.HOLD_STATE_HELD:
            request = desk.release_request(hold_id=task.hold_id, idempotency_key=task.idempotency_key + "/release")
            try:
                await self._saga_call("release", task.kind, desk.release, request, task.tenant)
                return UndoOutput("released")
            except ApplicationError:
                # Confirmed or expired between the two calls: read it again and act on that.
                hold = await read()
        if hold.state == booking_pb2.HOLD_STATE_CONFIRMED and hold.booking_reference:
            request = desk.cancel_request(booking_reference=hold.booking_reference, reason=task.reason[:500],
                                          idempotency_key=task.idempotency_key + "/cancel")
            try:
                await self._saga_call("cancel", task.kind, desk.cancel, request, task.tenant)
            except ApplicationError as error:
                if error.type != "INVALID_STATE":
                    raise
            return UndoOutput("cancelled")
        return UndoOutput("nothing")


# What the model reads of an offer: compact, and the same for every model.
def _price(money) -> str:
    return f"{money_amount(money):.2f} {money.currency_code}"


def _clock(stamp, zone: str) -> str:
    return local_time(stamp, zone).strftime("%Y-%m-%dT%H:%M")
