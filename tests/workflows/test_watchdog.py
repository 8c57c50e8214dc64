"""The "itineraries stuck" gauge sees an itinerary that cannot leave a working state."""

from __future__ import annotations

import asyncio

from tests.planner_stack import planner
from tests.conftest import free_ports
from workflows.watchdog import StuckItineraries


async def test_an_itinerary_whose_model_is_down_shows_up_as_the_oldest_in_understanding(temporal_address, tmp_path):
    (closed,) = free_ports(1)  # nothing listens there: every model call fails and is retried
    async with planner(temporal_address, tmp_path, model_url=f"http://127.0.0.1:{closed}/v1") as stack:
        await stack.start(text="Boston to Lisbon next month for a week")
        watchdog = StuckItineraries(stack.client, stack.task_queue)
        for _ in range(40):
            await asyncio.sleep(0.5)
            await watchdog.measure()
            if watchdog.oldest["UNDERSTANDING"] >= 2:
                break
    assert watchdog.oldest["UNDERSTANDING"] >= 2, watchdog.oldest
    assert {o.attributes["state"] for o in watchdog._observe(None)} == {
        "STATE_UNDERSTANDING", "STATE_SEARCHING", "STATE_BOOKING"}
