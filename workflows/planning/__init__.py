"""The planner's deterministic core: the optimizer that assembles an itinerary from supplier
offers under the traveler's hard constraints, and the checker that proves them.

No I/O, no clock, no randomness: the workflow runs these as activities (and may replay
them), and the same inputs always give the same plan.
"""
