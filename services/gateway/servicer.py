"""The PlannerService: the itinerary lifecycle over Temporal, for the calling tenant only.

Every itinerary is an ItineraryWorkflow whose ID is scoped by tenant
(`api.workflow_id`), so an ID of another tenant names nothing: NOT_FOUND, exactly as
if it did not exist. The gateway keeps no itinerary state of its own: reads are workflow
queries, changes are workflow updates, and List reads Temporal's visibility through the
tenant and state search attributes.

Plan is idempotent by `request_id`: the itinerary ID is derived from the tenant and the
request ID, the workflow starts with "use existing" on conflict and "reject duplicate" on
reuse, so concurrent or repeated calls start one workflow; the request's fingerprint, kept in
the workflow's memo, tells a retried call from a different request with the same ID.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import secrets
import uuid

from opentelemetry import trace
from temporalio.client import Client, WorkflowHandle, WorkflowQueryFailedError, WorkflowUpdateFailedError
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from services.gateway import validation
from services.gateway.access import current_principal
from services.gateway.config import GatewayConfig
from services.gateway.ratings import Ratings
from tripsmith.core.errors import FailedPrecondition, InvalidArgument, NotFound, Unavailable
from tripsmith.core.states import SETTLED, state_name
from tripsmith.planner.v1 import planner_service_pb2 as planner, planner_service_pb2_grpc as planner_grpc
from tripsmith.runtime.auth import current_tenant
from tripsmith.runtime.temporal import connect_temporal
from tripsmith.core.dates import timestamp
from tripsmith.core.fingerprint import fingerprint
from tripsmith.core.paging import page_size
from workflows import api
from workflows.api import (
    STATE_ATTRIBUTE, TENANT_ATTRIBUTE, WORKFLOW_TYPE, PlanInput, PlanningLimits, from_json, start_attributes,
    to_json, workflow_id,
)

#: Watch reads the progress log with a workflow query this often: Temporal has no push for
#: queries, and a long-polling update would write every wait into the workflow's history.
WATCH_POLL_SECONDS = 0.1
#: A query that does not answer in this time means no worker is serving the itinerary.
QUERY_TIMEOUT = dt.timedelta(seconds=10)
#: Updates wait for a worker to accept them: after a worker dies, Temporal first offers the
#: itinerary to the dead worker's sticky queue (5 s) before another worker takes it up.
UPDATE_TIMEOUT = dt.timedelta(seconds=25)


def _itinerary_id(tenant: str, request_id: str) -> str:
    if not request_id:
        return uuid.uuid4().hex[:20]
    return hashlib.sha256(f"{tenant}\x00{request_id}".encode()).hexdigest()[:20]


class PlannerServicer(planner_grpc.PlannerServiceServicer):
    def __init__(self, config: GatewayConfig, ratings: Ratings, client: Client | None = None,
                 page_token_key: bytes | None = None) -> None:
        self.config = config
        self.ratings = ratings
        self._client = client
        self._connecting = asyncio.Lock()
        #: Signs List page tokens; replicas that serve one client share it (server.page_token_key).
        self._page_token_key = page_token_key or secrets.token_bytes(32)

    def _sign(self, query: str, token: bytes) -> str:
        """Binds a Temporal page token to the query (tenant and filter) it continues."""
        return hmac.new(self._page_token_key, query.encode() + b"\x00" + token, hashlib.sha256).hexdigest()[:32]

    async def client(self) -> Client:
        async with self._connecting:
            if self._client is None:
                try:
                    self._client = await connect_temporal(self.config)
                except RuntimeError as error:
                    raise Unavailable(f"the workflow service is unavailable: {error}") from None
            return self._client

    async def _handle(self, name: str) -> tuple[WorkflowHandle, str]:
        itinerary_id = validation.itinerary_id(name)
        return (await self.client()).get_workflow_handle(workflow_id(current_tenant(), itinerary_id)), itinerary_id

    async def _current(self, handle: WorkflowHandle) -> planner.Itinerary:
        try:
            return await handle.query(api.QUERY_CURRENT, result_type=planner.Itinerary, rpc_timeout=QUERY_TIMEOUT)
        except RPCError as error:
            raise _translate(error) from None
        except WorkflowQueryFailedError as error:
            raise Unavailable(f"the itinerary cannot be read now: {error}") from None

    async def _update(self, handle: WorkflowHandle, update: str, args: list, update_id: str) -> planner.Itinerary:
        try:
            return await handle.execute_update(update, args=args, id=update_id or None, result_type=planner.Itinerary,
                                               rpc_timeout=UPDATE_TIMEOUT)
        except WorkflowUpdateFailedError as error:
            cause = error.cause
            if isinstance(cause, ApplicationError):
                raise FailedPrecondition(cause.message, reason="INVALID_STATE") from None
            raise FailedPrecondition(str(cause or error), reason="INVALID_STATE") from None
        except RPCError as error:
            if error.status == RPCStatusCode.NOT_FOUND:
                # The workflow exists but has ended (or never existed): tell them apart.
                itinerary = await self._current(handle)
                raise FailedPrecondition(f"the itinerary is {state_name(itinerary.state)}",
                                         reason="INVALID_STATE") from None
            raise _translate(error) from None

    # Plan --------------------------------------------------------------------------------------

    async def PlanItinerary(self, request: planner.PlanItineraryRequest, context) -> planner.PlanItineraryResponse:
        validation.plan_request(request, dt.datetime.now(dt.timezone.utc).date())
        tenant = current_tenant()
        itinerary_id = _itinerary_id(tenant, request.request_id)
        request_fingerprint = fingerprint(request)
        span = trace.get_current_span().get_span_context()
        plan = PlanInput(tenant=tenant, itinerary_id=itinerary_id, text=request.text if request.HasField("text") else "",
                         trip_request=to_json(request.trip_request) if request.HasField("trip_request") else None,
                         traveler=request.traveler, request_fingerprint=request_fingerprint,
                         limits=PlanningLimits(wait_seconds=self.config.plan_wait_seconds),
                         trace_id=f"{span.trace_id:032x}" if span.is_valid else "")
        client = await self.client()
        try:
            handle = await client.start_workflow(
                WORKFLOW_TYPE, plan, id=workflow_id(tenant, itinerary_id), task_queue=self.config.task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                memo={"fingerprint": request_fingerprint}, search_attributes=start_attributes(tenant),
                static_summary=f"itinerary {itinerary_id} of {tenant}")
        except WorkflowAlreadyStartedError:
            handle = client.get_workflow_handle(workflow_id(tenant, itinerary_id))
        except RPCError as error:
            raise _translate(error) from None
        if request.request_id:
            try:
                described = await handle.describe()
            except RPCError as error:
                raise _translate(error) from None
            if (await described.memo()).get("fingerprint") != request_fingerprint:
                raise FailedPrecondition(f"request_id {request.request_id!r} was already used for a different request",
                                         reason="IDEMPOTENCY_KEY_REUSED")
        return planner.PlanItineraryResponse(itinerary=await self._current(handle))

    async def GetItinerary(self, request, context) -> planner.GetItineraryResponse:
        handle, _ = await self._handle(request.name)
        return planner.GetItineraryResponse(itinerary=await self._current(handle))

    async def WatchItinerary(self, request: planner.WatchItineraryRequest, context):
        if request.after_sequence < 0:
            raise InvalidArgument.of("after_sequence", "must not be negative")
        handle, _ = await self._handle(request.name)
        cursor = request.after_sequence
        while True:
            try:
                events = await handle.query(api.QUERY_EVENTS_AFTER, cursor, result_type=list, rpc_timeout=QUERY_TIMEOUT)
            except RPCError as error:
                raise _translate(error) from None
            settled = False
            for value in events:
                event = from_json(planner.ItineraryEvent, value)
                cursor = event.sequence
                yield planner.WatchItineraryResponse(event=event)
                settled = event.WhichOneof("kind") == "itinerary" and event.itinerary.state in SETTLED
            if settled or (not events and cursor and (await self._current(handle)).state in SETTLED
                           and await self._nothing_after(handle, cursor)):
                return
            await asyncio.sleep(WATCH_POLL_SECONDS)

    async def _nothing_after(self, handle: WorkflowHandle, cursor: int) -> bool:
        return not await handle.query(api.QUERY_EVENTS_AFTER, cursor, result_type=list, rpc_timeout=QUERY_TIMEOUT)

    async def RefineItinerary(self, request: planner.RefineItineraryRequest, context) -> planner.RefineItineraryResponse:
        validation.text(request.message, "message")
        validation.request_id(request.request_id)
        handle, _ = await self._handle(request.name)
        itinerary = await self._update(handle, api.UPDATE_REFINE, [request.message],
                                       f"refine-{request.request_id}" if request.request_id else "")
        return planner.RefineItineraryResponse(itinerary=itinerary)

    async def ApproveItinerary(self, request: planner.ApproveItineraryRequest, context) -> planner.ApproveItineraryResponse:
        if request.revision <= 0:
            raise InvalidArgument.of("revision", "is required: the revision of the proposal being approved")
        validation.request_id(request.request_id)
        handle, _ = await self._handle(request.name)
        itinerary = await self._update(handle, api.UPDATE_APPROVE, [current_principal(), request.revision],
                                       f"approve-{request.request_id}" if request.request_id else "")
        return planner.ApproveItineraryResponse(itinerary=itinerary)

    async def CancelItinerary(self, request: planner.CancelItineraryRequest, context) -> planner.CancelItineraryResponse:
        validation.text(request.reason, "reason", validation.MAX_REASON, required=False)
        validation.request_id(request.request_id)
        handle, _ = await self._handle(request.name)
        itinerary = await self._update(handle, api.UPDATE_CANCEL, [request.reason],
                                       f"cancel-{request.request_id}" if request.request_id else "")
        # The run acts on the cancel right after the update: answer with its result when it comes
        # quickly (a booked itinerary's compensation may take longer; Watch follows it).
        for _ in range(20):
            if itinerary.state in (planner.STATE_CANCELLED, planner.STATE_FAILED):
                break
            await asyncio.sleep(0.1)
            itinerary = await self._current(handle)
        return planner.CancelItineraryResponse(itinerary=itinerary)

    async def ListItineraries(self, request: planner.ListItinerariesRequest, context) -> planner.ListItinerariesResponse:
        size = page_size(request.page_size)
        states = validation.states(request.states)
        tenant = current_tenant()
        query = f'{TENANT_ATTRIBUTE.name} = "{tenant}"'
        if states:
            query += f" AND {STATE_ATTRIBUTE.name} IN (" + ", ".join(f'"{state_name(s)}"' for s in states) + ")"
        token = None
        if request.page_token:
            signature, _, encoded = request.page_token.partition(".")
            try:
                token = base64.urlsafe_b64decode(encoded.encode())
            except (ValueError, TypeError):
                token = None
            # Only tokens this gateway signed reach Temporal: it answers a forged one with UNKNOWN,
            # after the client's retries, which took seconds and told the caller to retry.
            if not token or not hmac.compare_digest(signature.encode(), self._sign(query, token).encode()):
                raise InvalidArgument.of("page_token", "is not a token of a previous List with the same filter")
        client = await self.client()
        pages = client.list_workflows(query, page_size=size, next_page_token=token)
        try:
            await pages.fetch_next_page()
        except RPCError as error:
            raise _translate(error) from None
        handles = [client.get_workflow_handle(execution.id) for execution in pages.current_page]
        found = await asyncio.gather(*(self._current(handle) for handle in handles), return_exceptions=True)
        response = planner.ListItinerariesResponse(
            itineraries=[item for item in found if isinstance(item, planner.Itinerary)])
        if pages.next_page_token:
            response.next_page_token = (f"{self._sign(query, pages.next_page_token)}."
                                        f"{base64.urlsafe_b64encode(pages.next_page_token).decode()}")
        return response

    async def RateItinerary(self, request: planner.RateItineraryRequest, context) -> planner.RateItineraryResponse:
        if not 1 <= request.score <= 5:
            raise InvalidArgument.of("score", "must be from 1 to 5")
        validation.text(request.comment, "comment", validation.MAX_COMMENT, required=False)
        handle, itinerary_id = await self._handle(request.name)
        itinerary = await self._current(handle)
        created = await asyncio.to_thread(self.ratings.rate, current_tenant(), itinerary_id, itinerary.revision,
                                          request.score, request.comment, current_principal())
        return planner.RateItineraryResponse(score=request.score, create_time=timestamp(created))


def _translate(error: RPCError) -> Exception:
    if error.status == RPCStatusCode.NOT_FOUND:
        return NotFound("the itinerary does not exist")
    if error.status in (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.CANCELLED):
        return Unavailable("the workflow service or its workers are unavailable; retry shortly")
    return Unavailable(f"the workflow service failed: {error.status.name}")

