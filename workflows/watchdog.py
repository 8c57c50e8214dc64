"""How long the oldest itinerary has been in each working state: the gauge behind the
"itineraries stuck" alert (`tripsmith.itinerary.oldest_in_state`, seconds, by state).

Every minute the worker lists the running itineraries in UNDERSTANDING, SEARCHING or BOOKING
from Temporal's visibility and reads each one's update time. Settled states wait for people
and are not stuck. Each worker reports the same figure; the alert takes the maximum.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from opentelemetry import metrics
from opentelemetry.metrics import Observation
from temporalio.client import Client
from temporalio.service import RPCError

from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.core.states import state_name
from workflows.api import STATE_ATTRIBUTE
from workflows import api

log = logging.getLogger(__name__)
WORKING = ("UNDERSTANDING", "SEARCHING", "BOOKING")
#: The most itineraries read per pass: enough to see a stuck one among many in flight.
SAMPLE = 200


class StuckItineraries:
    def __init__(self, client: Client, task_queue: str, interval_seconds: float = 60.0) -> None:
        self.client = client
        self.task_queue = task_queue
        self.interval = interval_seconds
        self.oldest = {state: 0.0 for state in WORKING}
        metrics.get_meter("tripsmith.planner").create_observable_gauge(
            "tripsmith.itinerary.oldest_in_state", callbacks=[self._observe], unit="s",
            description="How long the oldest itinerary has been in each working state.")

    def _observe(self, options) -> list[Observation]:
        return [Observation(seconds, {"state": f"STATE_{state}"}) for state, seconds in self.oldest.items()]

    async def measure(self) -> None:
        states = ", ".join(f'"{state}"' for state in WORKING)
        query = (f'{STATE_ATTRIBUTE.name} IN ({states}) AND ExecutionStatus = "Running" '
                 f'AND TaskQueue = "{self.task_queue}"')
        oldest = {state: 0.0 for state in WORKING}
        now = dt.datetime.now(dt.timezone.utc)
        async for execution in self.client.list_workflows(query, limit=SAMPLE):
            try:
                itinerary = await self.client.get_workflow_handle(execution.id).query(
                    api.QUERY_CURRENT, result_type=planner.Itinerary, rpc_timeout=dt.timedelta(seconds=5))
            except Exception as error:  # noqa: BLE001 - one unreadable itinerary must not stop the gauge
                log.warning("cannot read itinerary %s: %s", execution.id, error)
                continue
            state = state_name(itinerary.state)
            if state in oldest:
                age = (now - itinerary.update_time.ToDatetime(dt.timezone.utc)).total_seconds()
                oldest[state] = max(oldest[state], age)
        self.oldest = oldest

    async def run(self) -> None:
        while True:
            try:
                await self.measure()
            except RPCError as error:
                log.warning("cannot list itineraries: %s", error)
            await asyncio.sleep(self.interval)
