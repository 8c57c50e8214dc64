"""A long conversation continues as new: the itinerary, its conversation and its progress log
carry over, and the next run answers the traveler as the first would have."""

from __future__ import annotations

from tests.planner_stack import TRIP_END, TRIP_START, lisbon_request, planner, settled
from tripsmith.planner.v1 import planner_service_pb2 as pb
from workflows.api import PlanningLimits
from workflows import api


async def test_refinements_beyond_the_run_limit_continue_as_new_with_everything_carried(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=lisbon_request(TRIP_START, TRIP_END), limits=PlanningLimits(revisions_per_run=1))
        first = await settled(handle)
        assert first.state == pb.STATE_PROPOSED and first.revision == 1
        first_run = (await handle.describe()).run_id
        before = await handle.query(api.QUERY_EVENTS_AFTER, 0)

        await handle.execute_update(api.UPDATE_REFINE, "one more night", result_type=pb.Itinerary)
        refined = await settled(handle, past=[pb.STATE_UNDERSTANDING])
        assert refined.state == pb.STATE_PROPOSED and refined.revision == 2
        assert (await handle.describe()).run_id != first_run, "the workflow did not continue as new"

        after = await handle.query(api.QUERY_EVENTS_AFTER, 0)
        sequences = [int(event["sequence"]) for event in after]
        assert sequences == list(range(sequences[0], sequences[0] + len(sequences))), "the log has a gap"
        assert sequences[-1] > int(before[-1]["sequence"]), "the log restarted instead of continuing"
        assert refined.name == first.name and refined.create_time == first.create_time
        assert refined.usage.model_calls > first.usage.model_calls, "usage carried over and grew"
        # The conversation carried over: the follow-up changed the request it refined.
        assert refined.request.end_date != first.request.end_date
        assert refined.request.start_date == first.request.start_date
        assert all(check.satisfied for check in refined.checks)

        # And the new run still takes the traveler's approval.
        await handle.execute_update(api.UPDATE_APPROVE, args=["principals/ada", refined.revision], result_type=pb.Itinerary)
        booked = await settled(handle, past=[pb.STATE_PROPOSED, pb.STATE_BOOKING])
    assert booked.state == pb.STATE_BOOKED, booked.failure_reason
