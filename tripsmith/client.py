"""A typed Python client for the Tripsmith gateway: what a Python platform imports, and what
the `tripsmith` CLI is built on.

    async with PlannerClient("127.0.0.1:50051", api_key) as planner:
        itinerary = await planner.plan("Boston to Lisbon, March 3-10, two adults", request_id="r-1")
        itinerary = await planner.wait(itinerary.name, on_event=print)
        await planner.approve(itinerary.name, itinerary.revision)

Calls raise `grpc.aio.AioRpcError` with the gateway's status and details; `is_bad_input`
tells a caller's mistake from a failure worth retrying.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import grpc

from tripsmith.core.states import SETTLED
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.planner.v1 import planner_service_pb2_grpc as planner_grpc

#: Statuses that mean the request itself was wrong: retrying it unchanged cannot help.
BAD_INPUT = frozenset({grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND,
                       grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.UNAUTHENTICATED,
                       grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.ALREADY_EXISTS,
                       grpc.StatusCode.OUT_OF_RANGE})


def is_bad_input(error: grpc.aio.AioRpcError) -> bool:
    return error.code() in BAD_INPUT


def itinerary_name(value: str) -> str:
    """Accepts "itineraries/{id}" or a bare id."""
    return value if value.startswith("itineraries/") else f"itineraries/{value}"


class PlannerClient:
    def __init__(self, address: str, api_key: str, *, root_certificates: Path | None = None,
                 client_certificate: tuple[Path, Path] | None = None, timeout: float = 30.0) -> None:
        """`root_certificates` (PEM) switches to TLS; `client_certificate` (certificate, key)
        adds mutual TLS."""
        if root_certificates or client_certificate:
            key, chain = (client_certificate[1].read_bytes(), client_certificate[0].read_bytes()) \
                if client_certificate else (None, None)
            credentials = grpc.ssl_channel_credentials(
                root_certificates.read_bytes() if root_certificates else None, key, chain)
            self._channel = grpc.aio.secure_channel(address, credentials)
        else:
            self._channel = grpc.aio.insecure_channel(address)
        self._stub = planner_grpc.PlannerServiceStub(self._channel)
        self._metadata = (("authorization", f"Bearer {api_key}"),)
        self.timeout = timeout

    async def __aenter__(self) -> PlannerClient:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        await self._channel.close()

    async def _call(self, method, request):
        return await method(request, metadata=self._metadata, timeout=self.timeout)

    async def plan(self, text: str = "", *, trip_request: planner.TripRequest | None = None, traveler: str = "",
                   request_id: str = "") -> planner.Itinerary:
        request = planner.PlanItineraryRequest(request_id=request_id, traveler=traveler)
        if trip_request is not None:
            request.trip_request.CopyFrom(trip_request)
        else:
            request.text = text
        return (await self._call(self._stub.PlanItinerary, request)).itinerary

    async def get(self, name: str) -> planner.Itinerary:
        return (await self._call(self._stub.GetItinerary, planner.GetItineraryRequest(name=itinerary_name(name)))).itinerary

    async def watch(self, name: str, after_sequence: int = 0) -> AsyncIterator[planner.ItineraryEvent]:
        """Progress events until the itinerary settles (no deadline: planning takes its time)."""
        stream = self._stub.WatchItinerary(
            planner.WatchItineraryRequest(name=itinerary_name(name), after_sequence=after_sequence),
            metadata=self._metadata)
        async for response in stream:
            yield response.event

    async def wait(self, name: str, on_event: Callable[[planner.ItineraryEvent], None] | None = None,
                   after_sequence: int = 0, until: frozenset[int] = SETTLED,
                   timeout: float = 600.0) -> planner.Itinerary:
        """Follows the itinerary until its state is one of `until` and returns it; `on_event`
        sees each event. A dropped stream is resumed from the last event received, and so is
        one that ended on a settled state that `until` does not accept yet (a cancelled
        booking is BOOKED until its compensation finishes)."""
        cursor, deadline = after_sequence, asyncio.get_running_loop().time() + timeout
        while True:
            try:
                async for event in self.watch(name, cursor):
                    cursor = event.sequence
                    if on_event:
                        on_event(event)
            except grpc.aio.AioRpcError as error:
                if error.code() != grpc.StatusCode.UNAVAILABLE:
                    raise
            itinerary = await self.get(name)
            if itinerary.state in until or asyncio.get_running_loop().time() > deadline:
                return itinerary
            await asyncio.sleep(0.2)

    async def refine(self, name: str, message: str, request_id: str = "") -> planner.Itinerary:
        request = planner.RefineItineraryRequest(name=itinerary_name(name), message=message, request_id=request_id)
        return (await self._call(self._stub.RefineItinerary, request)).itinerary

    async def approve(self, name: str, revision: int, request_id: str = "") -> planner.Itinerary:
        request = planner.ApproveItineraryRequest(name=itinerary_name(name), revision=revision, request_id=request_id)
        return (await self._call(self._stub.ApproveItinerary, request)).itinerary

    async def cancel(self, name: str, reason: str = "", request_id: str = "") -> planner.Itinerary:
        request = planner.CancelItineraryRequest(name=itinerary_name(name), reason=reason, request_id=request_id)
        return (await self._call(self._stub.CancelItinerary, request)).itinerary

    async def list(self, states: list[int] | None = None, page_size: int = 0,
                   page_token: str = "") -> planner.ListItinerariesResponse:
        request = planner.ListItinerariesRequest(states=states or [], page_size=page_size, page_token=page_token)
        return await self._call(self._stub.ListItineraries, request)

    async def rate(self, name: str, score: int, comment: str = "") -> planner.RateItineraryResponse:
        request = planner.RateItineraryRequest(name=itinerary_name(name), score=score, comment=comment)
        return await self._call(self._stub.RateItinerary, request)
