"""The optimizer's time on large candidate sets, against brute force on the same sets.

    .venv/bin/python benchmarks/optimizer.py

Candidate sets as the searches return them at most (100 outbound, 100 return, 100 stays, a
page each), built by the random instance generator of tests/workflows/planning/test_optimizer.py.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.workflows.planning.test_optimizer import END, START, brute_force, flight, instance, stay  # noqa: E402
from tripsmith.planner.v1 import planner_service_pb2 as planner  # noqa: E402
from workflows.planning.constraints import arrival_date  # noqa: E402
from workflows.planning.optimizer import Tastes, Weights, optimize  # noqa: E402


def sized(size: int, seed: int):
    rng = random.Random(seed)
    outbound = [flight(rng, START, i) for i in range(size)]
    for offer in outbound:
        offer.seats_available = 9
    inbound = [flight(rng, END, i) for i in range(size)]
    for offer in inbound:
        offer.seats_available = 9
    arrivals = sorted({arrival_date(o) for o in outbound})
    stays = [stay(rng, rng.choice(arrivals), i) for i in range(size)]
    request, *_ = instance(seed)
    request = planner.TripRequest(start_date=request.start_date, end_date=request.end_date, party=request.party,
                                  budget=request.budget)
    return request, outbound, inbound, stays


def timed(call, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    for size in (20, 50, 100):
        candidates = sized(size, size)
        fast = timed(lambda c=candidates: optimize(*c, "USD"), 5)
        slow = timed(lambda c=candidates: brute_force(*c, Weights(), Tastes()), 1) if size <= 50 else None
        line = f"{size:>3} x {size:>3} x {size:>3} candidates: optimizer {fast * 1000:8.1f} ms"
        if slow is not None:
            line += f", brute force {slow * 1000:9.1f} ms ({slow / fast:5.1f} x slower)"
        print(line)


if __name__ == "__main__":
    main()
