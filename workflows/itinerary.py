"""ItineraryWorkflow: one itinerary, from the request to the proposal, the traveler's answers,
approval, booking and cancellation.

Deterministic: every piece of I/O is an activity (`workflows/activities.py`); time is
workflow time; protobuf messages are plain values here. Its public contract (ID, queries,
updates, input) is `workflows/api.py`; the conversation's bookkeeping is
`workflows/conversation.py` and the searches' results `workflows/candidates.py`.

- The agent loop: a model step (an activity), then the tool calls it asked for, validated
  against `workflows/tools.py` and run concurrently; a rejected call or a failed tool goes
  back to the model as the tool's result. Bounded in model steps and tokens. A final answer
  after the searches leads to the optimizer; a final answer before them is a question to the
  traveler (STATE_NEEDS_INPUT).
- What the searches return is kept bounded (`PlanningLimits.max_offers_per_search`) and
  only for the current round.
- Settled states wait for the traveler (`PlanningLimits.wait_seconds`), then expire into
  STATE_CANCELLED.
- The booking saga holds every offer at its approved price, then confirms each, with
  idempotency keys from the workflow ID, the revision and the step, so retries, a crashed
  worker or a duplicate approval never book twice. The itinerary's bookings are its record:
  a booking exists as soon as its hold does, and any failure undoes them, newest first. A
  hold lost to price or availability leads to a new proposal without that offer.
- Long conversations continue as new after `revisions_per_run` revisions, or when Temporal
  suggests it, carrying the itinerary, the conversation and a bounded event log.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from google.protobuf import json_format
    from google.protobuf.timestamp_pb2 import Timestamp
    from temporalio.contrib.opentelemetry import workflow as otel_workflow

    from tripsmith.core.dates import duration, timestamp
    from tripsmith.core.money import money_amount
    from tripsmith.core.states import SETTLED, state_name
    from tripsmith.planner.v1 import planner_service_pb2 as planner
    from workflows import api, conversation, tools
    from workflows.api import STATE_ATTRIBUTE, WORKFLOW_TYPE, PlanInput, from_json, to_json
    from workflows.candidates import SearchRound
    from workflows.payloads import (
        ConfirmInput, HoldInput, HoldOutput, ModelReply, ModelStepInput, OptimizeInput, OptimizeOutput,
        ToolInput, ToolOutput, UndoInput, UndoOutput,
    )
    from workflows.planning.checker import place_key
    from workflows.planning.coverage import coverage

AWAITING_TRAVELER = {planner.STATE_NEEDS_INPUT, planner.STATE_PROPOSED, planner.STATE_INFEASIBLE}

MODEL_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), backoff_coefficient=2.0,
                          maximum_interval=timedelta(seconds=20), maximum_attempts=5)
TOOL_RETRY = RetryPolicy(initial_interval=timedelta(milliseconds=500), backoff_coefficient=2.0,
                         maximum_interval=timedelta(seconds=10), maximum_attempts=4)
OPTIMIZE_RETRY = RetryPolicy(maximum_attempts=3)
#: Booking steps retry until they succeed or a supplier refuses: an unknown outcome must be
#: resolved, never abandoned, and idempotency keys make every retry safe.
SAGA_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), backoff_coefficient=2.0,
                         maximum_interval=timedelta(seconds=30))
#: A hold or a confirmation is one supplier call (its deadline, `activities._SAGA_CALL_SECONDS`,
#: is shorter). A worker that dies mid-step is noticed only when this elapses, and the
#: traveler waits for the booking meanwhile, so it is short; a retry is safe (idempotency keys).
SAGA_STEP_TIMEOUT = timedelta(seconds=10)
#: Supplier refusals after which a new plan without the lost offer is proposed.
LOST_OFFER = {"SOLD_OUT", "PRICE_CHANGED", "EXPIRED"}
MAX_TOOL_CALLS_PER_STEP = 8
MAX_SEARCHES_PER_ROUND = 8
EVENTS_CARRIED = 100


class _CancelRequested(Exception):
    pass


BOOKING_KINDS = {"flight": planner.BOOKING_KIND_FLIGHT, "hotel": planner.BOOKING_KIND_HOTEL}


def _kind(booking: planner.Booking) -> str:
    """The saga's name for a booking's category ("flight" or "hotel")."""
    return "flight" if booking.kind == planner.BOOKING_KIND_FLIGHT else "hotel"


def _cause(error: BaseException) -> tuple[str, str]:
    """(type, message) of the failure behind an activity error."""
    cause = error.cause if isinstance(error, ActivityError) else error
    while isinstance(cause, ActivityError) and cause.cause is not None:
        cause = cause.cause
    if isinstance(cause, ApplicationError):
        return cause.type or "ERROR", cause.message
    return type(cause).__name__ if cause else "ERROR", str(cause or error)


@workflow.defn(name=WORKFLOW_TYPE)
class ItineraryWorkflow:
    @workflow.init
    def __init__(self, plan: PlanInput) -> None:
        self.input = plan
        self.limits = plan.limits
        self.itinerary = (from_json(planner.Itinerary, plan.carried_itinerary) if plan.carried_itinerary
                          else planner.Itinerary(name=f"itineraries/{plan.itinerary_id}", traveler=plan.traveler,
                                                 trace_id=plan.trace_id))
        self.events = [from_json(planner.ItineraryEvent, event) for event in plan.carried_events]
        self.messages: list[dict] = list(plan.carried_messages)
        self.pending: list[str] = list(plan.carried_pending)
        self.fixed_request = (from_json(planner.TripRequest, plan.trip_request)
                              if plan.trip_request and not plan.carried_messages else None)
        self.request: planner.TripRequest | None = (self.itinerary.request if self.itinerary.HasField("request")
                                                    else None)
        self.profile: dict | None = None
        self.derived: dict | None = None
        self.round = SearchRound()
        self.approval: tuple[str, int] | None = None
        self.cancel_reason: str | None = None
        self.cost_nanos = 0
        self.revisions_this_run = 0
        self.lost_offers: set[str] = set()
        #: Wishes the model recorded that are not fields: "cheaper", "different_area".
        self.adjustments: set[str] = set()
        self.planning_since = None

    # Queries and updates -------------------------------------------------------------------

    @workflow.query(name=api.QUERY_CURRENT)
    def current(self) -> planner.Itinerary:
        return self.itinerary

    @workflow.query(name=api.QUERY_EVENTS_AFTER)
    def events_after(self, sequence: int) -> list[dict]:
        return [to_json(event) for event in self.events if event.sequence > sequence]

    @workflow.update(name=api.UPDATE_REFINE)
    async def refine(self, message: str) -> planner.Itinerary:
        self.pending.append(message)
        self._set_state(planner.STATE_UNDERSTANDING, "follow-up message received")
        return self.itinerary

    @refine.validator
    def _validate_refine(self, message: str) -> None:
        if self.itinerary.state not in AWAITING_TRAVELER or self.pending:
            raise ApplicationError(f"an itinerary in {state_name(self.itinerary.state)} cannot be refined",
                                   type="FAILED_PRECONDITION")

    @workflow.update(name=api.UPDATE_APPROVE)
    async def approve(self, approved_by: str, revision: int) -> planner.Itinerary:
        self.approval = (approved_by, revision)
        self._set_state(planner.STATE_BOOKING, f"revision {revision} approved")
        return self.itinerary

    @approve.validator
    def _validate_approve(self, approved_by: str, revision: int) -> None:
        if self.itinerary.state != planner.STATE_PROPOSED or self.pending or self.approval:
            raise ApplicationError(f"an itinerary in {state_name(self.itinerary.state)} cannot be approved",
                                   type="FAILED_PRECONDITION")
        if revision != self.itinerary.revision:
            raise ApplicationError(f"revision {revision} is not the current revision {self.itinerary.revision}",
                                   type="REVISION_MISMATCH")

    @workflow.update(name=api.UPDATE_CANCEL)
    async def cancel(self, reason: str) -> planner.Itinerary:
        self.cancel_reason = reason or "cancelled by the traveler"
        return self.itinerary

    @cancel.validator
    def _validate_cancel(self, reason: str) -> None:
        if self.itinerary.state in (planner.STATE_FAILED, planner.STATE_CANCELLED):
            raise ApplicationError(f"the itinerary is already {state_name(self.itinerary.state)}",
                                   type="FAILED_PRECONDITION")

    # The run ---------------------------------------------------------------------------------

    @workflow.run
    async def run(self, plan: PlanInput) -> planner.Itinerary:
        if not plan.carried_itinerary:
            self.itinerary.create_time.CopyFrom(self._now())
            self._set_state(planner.STATE_UNDERSTANDING, "request received")
            self.messages = [{"role": "system", "content": conversation.system_prompt(workflow.now().date(), self.input.traveler)},
                             {"role": "user", "content": plan.text or conversation.describe(self.fixed_request)}]
            await self._plan()
        while True:
            state = self.itinerary.state
            if state in (planner.STATE_FAILED, planner.STATE_CANCELLED):
                return self.itinerary
            if state == planner.STATE_BOOKED:
                # Bookings can be cancelled until the trip starts; then the workflow's work is done.
                start = self.itinerary.request.start_date
                until = dt.datetime(start.year, start.month, start.day, tzinfo=dt.timezone.utc) - workflow.now()
                try:
                    await workflow.wait_condition(lambda: self.cancel_reason is not None,
                                                  timeout=max(until, timedelta(seconds=1)))
                except asyncio.TimeoutError:
                    return self.itinerary
                await self._cancel_bookings()
                return self.itinerary
            if self.cancel_reason is None and not self.pending and self.approval is None:
                expire = workflow.now() + timedelta(seconds=self.limits.wait_seconds)
                self.itinerary.expire_time.FromDatetime(expire)
                try:
                    await workflow.wait_condition(
                        lambda: self.cancel_reason is not None or bool(self.pending) or self.approval is not None,
                        timeout=timedelta(seconds=self.limits.wait_seconds))
                except asyncio.TimeoutError:
                    self.itinerary.ClearField("expire_time")
                    self._set_state(planner.STATE_CANCELLED,
                                    f"expired after {self.limits.wait_seconds / 3600:g} h without an answer")
                    return self.itinerary
                self.itinerary.ClearField("expire_time")
            if self.cancel_reason is not None:
                self._set_state(planner.STATE_CANCELLED, self.cancel_reason)
                return self.itinerary
            if self.approval is not None:
                await self._book()
                continue
            if self.revisions_this_run >= self.limits.revisions_per_run or workflow.info().is_continue_as_new_suggested():
                await workflow.wait_condition(workflow.all_handlers_finished)
                self._continue_as_new()
            conversation.compact(self.messages)
            while self.pending:
                self.messages.append({"role": "user", "content": self.pending.pop(0)})
            self.fixed_request = None  # a follow-up changes the request: the model's reading now rules
            await self._plan()

    def _continue_as_new(self) -> None:
        # The latest events, whole: a watcher resuming from one of them sees no gap. Itinerary
        # snapshots come only on settled states, so the carried log stays well under a megabyte.
        events = [to_json(event) for event in self.events[-EVENTS_CARRIED:]]
        workflow.continue_as_new(PlanInput(
            tenant=self.input.tenant, itinerary_id=self.input.itinerary_id, traveler=self.input.traveler,
            request_fingerprint=self.input.request_fingerprint, limits=self.limits, trace_id=self.input.trace_id,
            carried_itinerary=to_json(self.itinerary), carried_events=events, carried_messages=self.messages,
            carried_pending=self.pending))

    # The agent loop ----------------------------------------------------------------------------

    async def _plan(self) -> None:
        started, usage = workflow.now(), planner.ModelUsage()
        usage.CopyFrom(self.itinerary.usage)
        await self._agent_loop()
        # The agent's span, GenAI conventions; zero-length because workflow code cannot hold a
        # span open across a replay (temporalio's completed_span), so it carries its duration.
        # Not in a `finally`: a workflow evicted mid-loop is cancelled outside workflow context.
        spent = self.itinerary.usage
        otel_workflow.completed_span("invoke_agent tripsmith", attributes={
            "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "tripsmith",
            "gen_ai.usage.input_tokens": spent.input_tokens - usage.input_tokens,
            "gen_ai.usage.output_tokens": spent.output_tokens - usage.output_tokens,
            "tripsmith.model_calls": spent.model_calls - usage.model_calls,
            "tripsmith.agent.duration_s": (workflow.now() - started).total_seconds(),
            "tripsmith.itinerary.state": state_name(self.itinerary.state)})

    async def _agent_loop(self) -> None:
        self.round = SearchRound()
        self.adjustments = set()
        self.itinerary.question = ""
        # The token budget is per request or follow-up: a long conversation must not starve
        # the answer to its latest message.
        spent_before = self.itinerary.usage.input_tokens + self.itinerary.usage.output_tokens
        for _ in range(self.limits.max_model_steps):
            if self.cancel_reason is not None:
                return
            used = self.itinerary.usage.input_tokens + self.itinerary.usage.output_tokens - spent_before
            if used >= self.limits.max_tokens:
                self._fail(f"the planner spent its budget of {self.limits.max_tokens} tokens without a plan")
                return
            try:
                reply: ModelReply = await workflow.execute_activity(
                    "model_step", ModelStepInput(self.messages, tools.definitions(), self.itinerary.name),
                    result_type=ModelReply, start_to_close_timeout=timedelta(seconds=90), retry_policy=MODEL_RETRY)
            except ActivityError as error:
                kind, message = _cause(error)
                self._fail(f"the model could not be used ({kind}): {message}")
                return
            self._record_model_call(reply)
            if reply.tool_calls:
                ids = conversation.call_ids(reply.tool_calls, len(self.messages))
                self.messages.append({"role": "assistant", "content": reply.content or None, "tool_calls": [
                    {"id": call_id, "type": "function", "function": {"name": call.name,
                                                                      "arguments": conversation.echoed(call.arguments)}}
                    for call_id, call in zip(ids, reply.tool_calls)]})
                await self._run_tools(reply, ids)
                continue
            self.messages.append({"role": "assistant", "content": reply.content})
            declined = coverage(self._request()).blocking if self._request() is not None else []
            if declined:
                # A rule no plan can honour yet is asked about, never planned around.
                self.itinerary.question = " ".join(declined)
                self._set_state(planner.STATE_NEEDS_INPUT, "a stated rule cannot be honoured")
            elif {"search_flights", "search_hotels"} <= self.round.searched and self._request() is not None:
                await self._optimize(reply.content)
            else:
                self.itinerary.question = reply.content.strip()[:2000] or "Could you tell me more about the trip?"
                self._set_state(planner.STATE_NEEDS_INPUT, "the planner needs an answer")
            return
        self._fail(f"the planner did not finish within {self.limits.max_model_steps} model steps")

    def _request(self) -> planner.TripRequest | None:
        return self.fixed_request or self.request

    def _currency(self) -> str:
        """The trip's currency: the budget's, else the nightly cap's, else the traveler's, else USD."""
        request = self._request()
        if request is not None:
            for money in (request.budget, request.hotel_preferences.max_nightly_price):
                if money.currency_code:
                    return money.currency_code
        return (self.profile or {}).get("preferences", {}).get("currency_code") or "USD"

    async def _run_tools(self, reply: ModelReply, ids: list[str]) -> None:
        results: dict[int, str] = {}
        runs = []
        for index, (call_id, call) in enumerate(zip(ids, reply.tool_calls)):
            try:
                if index >= MAX_TOOL_CALLS_PER_STEP:
                    raise tools.ToolCallRejected(f"at most {MAX_TOOL_CALLS_PER_STEP} tool calls per step")
                tool, arguments = tools.validate(call.name, call.arguments)
                if tool.name == "get_traveler_profile" and arguments["traveler"] != self.input.traveler:
                    raise tools.ToolCallRejected("only the profile of this itinerary's traveler may be read"
                                                 + (f" ({self.input.traveler})" if self.input.traveler else ": there is none"))
                if tool.searches:
                    # Attempted searches count: a final answer after a refused search leads to the
                    # optimizer (and an honest INFEASIBLE), not to a "question" nobody can answer.
                    self.round.searched.add(tool.name)
                    self.round.searches += 1
                    if self.round.searches > MAX_SEARCHES_PER_ROUND:
                        raise tools.ToolCallRejected(f"at most {MAX_SEARCHES_PER_ROUND} searches per request")
            except tools.ToolCallRejected as rejected:
                results[index] = conversation.tool_error(str(rejected))
                self._record_tool_call(call.name, call_id, timedelta(0), False, str(rejected)[:200])
                continue
            if not tool.activity:
                results[index] = self._record_trip_request(arguments, call_id)
                continue
            runs.append((index, call_id, tool, arguments))
        if any(tool.searches for _, _, tool, _ in runs) and self.itinerary.state != planner.STATE_SEARCHING:
            self._set_state(planner.STATE_SEARCHING, "searching suppliers")
        outputs = await asyncio.gather(*(self._run_tool(call_id, tool, arguments) for _, call_id, tool, arguments in runs))
        for (index, _, tool, arguments), output in zip(runs, outputs):
            results[index] = output.content
            if output.ok:
                self._keep(tool.name, arguments, output)
        self.messages.extend({"role": "tool", "tool_call_id": call_id, "content": results[index]}
                             for index, call_id in enumerate(ids))

    async def _run_tool(self, call_id: str, tool: tools.Tool, arguments: dict) -> ToolOutput:
        started = workflow.now()
        currency = self._currency()
        try:
            output: ToolOutput = await workflow.execute_activity(
                tool.activity, ToolInput(self.input.tenant, call_id, arguments, currency,
                                         self.limits.max_offers_per_search),
                result_type=ToolOutput, start_to_close_timeout=timedelta(seconds=30), retry_policy=TOOL_RETRY)
        except ActivityError as error:
            kind, message = _cause(error)
            output = ToolOutput(content=conversation.tool_error(f"{tool.name} is unavailable: {message}"), ok=False,
                                summary=f"unavailable: {kind}")
        self._record_tool_call(tool.name, call_id, workflow.now() - started, output.ok, output.summary)
        return output

    def _keep(self, name: str, arguments: dict, output: ToolOutput) -> None:
        if name == "get_traveler_profile":
            self.profile, self.derived = output.data.get("profile"), output.data.get("derived")
        else:
            self.round.keep(name, arguments, output.data)

    def _record_trip_request(self, arguments: dict, call_id: str) -> str:
        request = planner.TripRequest()
        try:
            json_format.ParseDict(arguments["trip_request"], request)
        except json_format.ParseError as error:
            self._record_tool_call("record_trip_request", call_id, timedelta(0), False, "invalid trip_request")
            return conversation.tool_error(f"trip_request is not a valid TripRequest: {str(error)[:300]}")
        problems = conversation.request_problems(request, workflow.now().date())
        # The request as understood so far is shown, complete or not (a platform shows it
        # beside the question).
        self.itinerary.request.CopyFrom(self.fixed_request or request)
        if problems:
            self._record_tool_call("record_trip_request", call_id, timedelta(0), False, problems[0][:200])
            return conversation.tool_error("the trip request is incomplete: " + "; ".join(problems))
        self.request = request
        self.adjustments = set(arguments.get("adjustments", []))
        self._record_tool_call("record_trip_request", call_id, timedelta(0), True, "request recorded")
        return '{"recorded": true}'

    # Optimizing ----------------------------------------------------------------------------------

    async def _complete_hotel_searches(self, origin: str, destination: str) -> None:
        """Searches hotels again from the flights' arrival dates where the model did not."""
        searches = self.round.missing_hotel_searches(origin, destination)
        outputs = await asyncio.gather(*(self._run_tool(f"planner-hotels-{index}", tools.TOOLS["search_hotels"], arguments)
                                         for index, arguments in enumerate(searches)))
        for arguments, output in zip(searches, outputs):
            if output.ok:
                self._keep("search_hotels", arguments, output)

    async def _optimize(self, model_summary: str) -> None:
        request = self._request()
        origin = place_key(request.origin)
        destination = place_key(request.destination)
        await self._complete_hotel_searches(origin, destination)
        outbound, inbound, stays = self.round.candidates(origin, destination, self.lost_offers)
        currency = self._currency()
        shown = self.itinerary if self.itinerary.flights and self.itinerary.hotel_stays else None
        cheaper_than = (money_amount(shown.price.total)
                        if shown and "cheaper" in self.adjustments and shown.price.total.currency_code == currency else 0.0)
        avoid = shown.hotel_stays[0].hotel.neighborhood if shown and "different_area" in self.adjustments else ""
        started = workflow.now()
        try:
            result: OptimizeOutput = await workflow.execute_activity(
                "optimize_plan", OptimizeInput(to_json(request), outbound, inbound, stays, self.round.weather,
                                               self.round.seen, currency, self.profile, self.derived,
                                               cheaper_than=cheaper_than, avoid_neighborhood=avoid),
                result_type=OptimizeOutput, start_to_close_timeout=timedelta(seconds=120), retry_policy=OPTIMIZE_RETRY)
        except ActivityError as error:
            self._fail(f"the optimizer failed: {_cause(error)[1]}")
            return
        self._record_tool_call("optimize_plan", "", workflow.now() - started, True,
                               f"{len(outbound)}x{len(inbound)}x{len(stays)} candidates")
        planned = from_json(planner.Itinerary, result.itinerary)
        for name in ("flights", "hotel_stays", "days", "price", "checks", "relaxation", "failure_reason", "not_enforced"):
            self.itinerary.ClearField(name)
        self.itinerary.request.CopyFrom(planned.request)
        self.itinerary.flights.extend(planned.flights)
        self.itinerary.hotel_stays.extend(planned.hotel_stays)
        self.itinerary.days.extend(planned.days)
        self.itinerary.checks.extend(planned.checks)
        self.itinerary.not_enforced.extend(planned.not_enforced)
        if planned.HasField("price"):
            self.itinerary.price.CopyFrom(planned.price)
        if planned.HasField("relaxation"):
            self.itinerary.relaxation.CopyFrom(planned.relaxation)
        self.itinerary.summary = "\n\n".join(part for part in (model_summary.strip(), result.explanation) if part)
        if planned.state == planner.STATE_PROPOSED:
            self.itinerary.revision += 1
            self.revisions_this_run += 1
            self._set_state(planner.STATE_PROPOSED, f"revision {self.itinerary.revision} proposed")
        elif planned.state == planner.STATE_INFEASIBLE:
            self._set_state(planner.STATE_INFEASIBLE, "no plan satisfies the constraints")
        else:
            self._fail(planned.failure_reason)

    # The booking saga ------------------------------------------------------------------------------

    async def _book(self) -> None:
        """Holds every offer at its approved price, then confirms each. The itinerary's bookings
        are the saga's record: a booking is added as soon as its hold exists, so its
        compensation is registered before the next step runs."""
        approved_by, revision = self.approval
        self.approval = None
        outbound, inbound = self.itinerary.flights
        stay = self.itinerary.hotel_stays[0]
        items = [("flight", outbound.offer_id, outbound.total_price), ("flight", inbound.offer_id, inbound.total_price),
                 ("hotel", stay.offer_id, stay.total_price)]
        prefix = f"{workflow.info().workflow_id}/r{revision}"
        party = to_json(self.itinerary.request.party)
        bookings = self.itinerary.bookings
        del bookings[:]
        try:
            for index, (kind, offer_id, price) in enumerate(items):
                self._check_cancel()
                hold: HoldOutput = await workflow.execute_activity(
                    "hold_offer", HoldInput(self.input.tenant, kind, offer_id, party, to_json(price),
                                            workflow.info().workflow_id, f"{prefix}/hold/{index}"),
                    result_type=HoldOutput, start_to_close_timeout=SAGA_STEP_TIMEOUT,
                    schedule_to_close_timeout=timedelta(minutes=10), retry_policy=SAGA_RETRY)
                bookings.add(kind=BOOKING_KINDS[kind], offer_id=offer_id, hold_id=hold.hold_id,
                             status=planner.BOOKING_STATUS_HELD, price=from_json(type(price), hold.price),
                             approved_by=approved_by, approved_revision=revision)
                self._record_tool_call(f"hold_{kind}", offer_id[:40], timedelta(0), True, f"held {hold.hold_id}")
            for index, booking in enumerate(bookings):
                self._check_cancel()
                kind = _kind(booking)
                reference: str = await workflow.execute_activity(
                    "confirm_hold", ConfirmInput(self.input.tenant, kind, booking.hold_id, approved_by,
                                                 f"{prefix}/confirm/{index}"),
                    result_type=str, start_to_close_timeout=SAGA_STEP_TIMEOUT,
                    schedule_to_close_timeout=timedelta(minutes=10), retry_policy=SAGA_RETRY)
                booking.booking_reference, booking.status = reference, planner.BOOKING_STATUS_CONFIRMED
                self._record_tool_call(f"confirm_{kind}", booking.hold_id, timedelta(0), True, f"booked {reference}")
        except _CancelRequested:
            await self._compensate(prefix, self.cancel_reason)
            self._set_state(planner.STATE_CANCELLED, self.cancel_reason)
            return
        except ActivityError as error:
            kind, message = _cause(error)
            await self._compensate(prefix, f"booking failed: {message}", compensation=True)
            if kind in LOST_OFFER and self.cancel_reason is None:
                failed = items[len(bookings)][1] if len(bookings) < len(items) else items[-1][1]
                self.lost_offers.add(failed)
                self.adjustments = set()
                await self._optimize(f"Booking stopped: an offer was lost ({kind}: {message}). "
                                     "Here is the best plan without it; approve it to book.")
                return
            self._fail(f"booking failed ({kind}): {message}")
            return
        self._set_state(planner.STATE_BOOKED, f"{len(bookings)} bookings confirmed")

    def _check_cancel(self) -> None:
        if self.cancel_reason is not None:
            raise _CancelRequested()

    async def _compensate(self, prefix: str, reason: str, compensation: bool = False) -> None:
        """Undoes every booking still held or confirmed, newest first."""
        for index in reversed(range(len(self.itinerary.bookings))):
            booking = self.itinerary.bookings[index]
            if booking.status not in (planner.BOOKING_STATUS_HELD, planner.BOOKING_STATUS_CONFIRMED):
                continue
            kind = _kind(booking)
            undone: UndoOutput = await workflow.execute_activity(
                "undo_hold", UndoInput(self.input.tenant, kind, booking.hold_id, reason, f"{prefix}/undo/{index}",
                                       compensation),
                result_type=UndoOutput, start_to_close_timeout=timedelta(seconds=30), retry_policy=SAGA_RETRY)
            if undone.action == "cancelled":
                booking.status = planner.BOOKING_STATUS_CANCELLED
            elif undone.action == "released" or booking.status == planner.BOOKING_STATUS_HELD:
                booking.status = planner.BOOKING_STATUS_RELEASED
            self._record_tool_call(f"undo_{kind}", booking.hold_id, timedelta(0), True, undone.action)

    async def _cancel_bookings(self) -> None:
        revision = self.itinerary.bookings[0].approved_revision if self.itinerary.bookings else 0
        await self._compensate(f"{workflow.info().workflow_id}/r{revision}/cancel", self.cancel_reason)
        self._set_state(planner.STATE_CANCELLED, self.cancel_reason)

    # The record ------------------------------------------------------------------------------------

    def _now(self) -> Timestamp:
        return timestamp(workflow.now())

    def _event(self) -> planner.ItineraryEvent:
        event = planner.ItineraryEvent(sequence=(self.events[-1].sequence + 1) if self.events else 1,
                                       event_time=self._now())
        self.events.append(event)
        return event

    def _set_state(self, state: int, reason: str) -> None:
        previous = self.itinerary.state
        self.itinerary.state = state
        self.itinerary.update_time.CopyFrom(self._now())
        if state == planner.STATE_CANCELLED and not self.itinerary.failure_reason and reason.startswith("expired"):
            self.itinerary.failure_reason = reason
        event = self._event()
        event.state_change.CopyFrom(planner.StateChange(from_state=previous, to_state=state, reason=reason[:500]))
        workflow.upsert_search_attributes([STATE_ATTRIBUTE.value_set(state_name(state))])
        if state == planner.STATE_UNDERSTANDING:
            self.planning_since = workflow.now()
        if state in SETTLED:
            self._event().itinerary.CopyFrom(self.itinerary)
            # Temporal's metric meter is replay-safe: a replayed state change counts nothing.
            meter = workflow.metric_meter()
            meter.create_counter("tripsmith.itineraries", "Itineraries reaching a settled state, by state.",
                                 "{itinerary}").add(1, {"state": state_name(state)})
            if self.planning_since is not None:
                meter.create_histogram_float(
                    "tripsmith.plan.duration", "From a request or follow-up to its settled answer.", "s",
                ).record((workflow.now() - self.planning_since).total_seconds(), {"state": state_name(state)})
                self.planning_since = None

    def _fail(self, reason: str) -> None:
        self.itinerary.failure_reason = reason[:2000]
        self._set_state(planner.STATE_FAILED, reason)

    def _record_model_call(self, reply: ModelReply) -> None:
        usage = self.itinerary.usage
        usage.model_calls += 1
        usage.input_tokens += reply.input_tokens
        usage.output_tokens += reply.output_tokens
        self.cost_nanos += reply.cost_nanos_usd
        usage.estimated_cost.currency_code = "USD"
        usage.estimated_cost.units, usage.estimated_cost.nanos = divmod(self.cost_nanos, 1_000_000_000)
        call = self._event().model_call
        call.model, call.input_tokens, call.output_tokens = reply.model, reply.input_tokens, reply.output_tokens
        call.finish_reason = reply.finish_reason
        call.duration.CopyFrom(duration(timedelta(seconds=reply.duration_seconds)))

    def _record_tool_call(self, tool: str, call_id: str, took: timedelta, ok: bool, summary: str) -> None:
        self._event().tool_call.CopyFrom(planner.ToolCall(
            tool=tool, call_id=call_id, duration=duration(took), summary=summary,
            outcome=planner.TOOL_OUTCOME_OK if ok else planner.TOOL_OUTCOME_ERROR))
