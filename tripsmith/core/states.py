"""What the planner's servers and clients agree on about an itinerary's states
(`tripsmith.planner.v1.State`)."""

from tripsmith.planner.v1 import planner_service_pb2 as _planner

#: The states in which an itinerary waits for someone, or has ended: Watch stops on them.
SETTLED = frozenset({_planner.STATE_NEEDS_INPUT, _planner.STATE_PROPOSED, _planner.STATE_INFEASIBLE,
                     _planner.STATE_BOOKED, _planner.STATE_FAILED, _planner.STATE_CANCELLED})


def state_name(state: int) -> str:
    """A state as the search attributes and messages spell it, for example "PROPOSED"."""
    return _planner.State.Name(state).removeprefix("STATE_")
