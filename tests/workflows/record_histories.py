"""Records the workflow histories that tests/workflows/test_itinerary_workflow.py replays:
`python -m tests.workflows.record_histories` (from the repository root, with the project's venv).

Run it again, and commit the new files, after a change to ItineraryWorkflow that is meant to
change its commands (and so breaks replay of older histories on purpose: such a change also
needs `workflow.patched` or a new workflow type for the itineraries already running).

- `itinerary_booked.json`: plan, refine ("one more night"), approve, booked, cancel: the
  booking saga and its compensation. Searches keep 5 offers each, so the file stays small.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from temporalio.client import WorkflowHandle

from tests.planner_stack import TRIP_END, TRIP_START, Planner, lisbon_request, planner, settled, start_temporal_dev_server
from tripsmith.planner.v1 import planner_service_pb2 as pb
from workflows.api import PlanningLimits
from workflows import api

HISTORIES = Path(__file__).resolve().parents[1] / "fixtures" / "histories"
BOOKED = HISTORIES / "itinerary_booked.json"
#: Dates from today (the workflow plans no past dates); replay does not depend on them.
REQUEST = lisbon_request(TRIP_START, TRIP_END)
APPROVER = "principals/recorder"


async def full_run(stack: Planner) -> WorkflowHandle:
    """plan -> refine -> approve -> booked -> cancel, to the end of the workflow."""
    handle = await stack.start(text=REQUEST, limits=PlanningLimits(max_offers_per_search=5))
    proposed = await settled(handle)
    assert proposed.state == pb.STATE_PROPOSED, proposed
    await handle.execute_update(api.UPDATE_REFINE, "one more night", result_type=pb.Itinerary)
    refined = await settled(handle)
    assert refined.state == pb.STATE_PROPOSED and refined.revision == proposed.revision + 1, refined
    await handle.execute_update(api.UPDATE_APPROVE, args=[APPROVER, refined.revision], result_type=pb.Itinerary)
    booked = await settled(handle)
    assert booked.state == pb.STATE_BOOKED, booked
    await handle.execute_update(api.UPDATE_CANCEL, "recorded run", result_type=pb.Itinerary)
    cancelled = await handle.result()
    assert cancelled.state == pb.STATE_CANCELLED, cancelled
    return handle


async def record(directory: Path) -> None:
    process, address = start_temporal_dev_server(directory)
    try:
        async with planner(address, directory) as stack:
            handle = await full_run(stack)
            history = await handle.fetch_history()
        HISTORIES.mkdir(parents=True, exist_ok=True)
        BOOKED.write_text(history.to_json() + "\n")
        print(f"wrote {BOOKED} ({BOOKED.stat().st_size} bytes)")
    finally:
        process.terminate()
        process.wait(timeout=20)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tripsmith-histories-") as directory:
        asyncio.run(record(Path(directory)))
    # A short-lived process that held a Temporal client can crash at interpreter exit
    # (sdk-python issue 300): leave without the interpreter's teardown.
    os._exit(0)


if __name__ == "__main__":
    main()
