"""Plan latency on the embedded stack: through the gateway and straight into Temporal, with
telemetry on and off, in one run.

    python benchmarks/plan_latency.py --runs 7

Each configuration runs in its own process (the OpenTelemetry SDK is set up once per
process) against one Temporal dev server, real supplier services, the embedded model and a
worker, all on this machine. Printed: the median time to the first progress event and to
the proposal, where the time goes (model, tools, optimizer, from the itinerary's own events),
model calls and tokens per itinerary, and the ratios that compare the configurations.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from workflows import api

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


async def measure(address: str, runs: int, through_gateway: bool) -> dict:
    from tests.planner_stack import TRIP_END, TRIP_START, gateway, lisbon_request, planner
    from tripsmith.client import SETTLED, PlannerClient
    from tripsmith.planner.v1 import planner_service_pb2 as pb

    # Boston to Lisbon for two, 100 days from today (the workflow plans no past dates).
    request = lisbon_request(TRIP_START, TRIP_END)

    with tempfile.TemporaryDirectory() as directory:
        data = Path(directory)
        async with planner(address, data) as stack, gateway(stack, data, rate_per_second=1000, rate_burst=1000) as gw:
            first, proposal, steps, usage = [], [], {}, []
            async with PlannerClient(gw.address, gw.keys["acme"]) as client:
                for run in range(runs + 1):  # the first run warms caches and is not counted
                    began = time.perf_counter()
                    first_event = None
                    if through_gateway:
                        itinerary = await client.plan(request)
                        async for _ in client.watch(itinerary.name):
                            first_event = first_event or time.perf_counter()
                        itinerary = await client.get(itinerary.name)
                    else:
                        handle = await stack.start(request)
                        while True:
                            itinerary = await handle.query(api.QUERY_CURRENT, result_type=pb.Itinerary)
                            first_event = first_event or time.perf_counter()
                            if itinerary.state in SETTLED:
                                break
                            await asyncio.sleep(0.02)
                    ended = time.perf_counter()
                    assert itinerary.state == pb.STATE_PROPOSED, pb.State.Name(itinerary.state)
                    if run == 0:
                        continue
                    first.append(first_event - began)
                    proposal.append(ended - began)
                    usage.append((itinerary.usage.model_calls, itinerary.usage.input_tokens + itinerary.usage.output_tokens))
                    events = [event async for event in client.watch(itinerary.name)]
                    for event in events:
                        kind = event.WhichOneof("kind")
                        if kind == "model_call":
                            steps.setdefault("model", []).append(event.model_call.duration.ToNanoseconds() / 1e9)
                        elif kind == "tool_call":
                            steps.setdefault(event.tool_call.tool, []).append(event.tool_call.duration.ToNanoseconds() / 1e9)
    return {"first": first, "proposal": proposal, "steps": steps, "usage": usage}


def child(args) -> None:
    result = asyncio.run(measure(args.temporal, args.runs, args.mode == "gateway"))
    print(json.dumps(result))


def median_ms(values) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="gateway", help=argparse.SUPPRESS)
    parser.add_argument("--temporal", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    from tests.planner_stack import start_temporal_dev_server

    with tempfile.TemporaryDirectory() as directory:
        server, address = start_temporal_dev_server(Path(directory))
        try:
            results = {}
            for label, mode, telemetry in (("direct, telemetry off", "direct", False),
                                           ("gateway, telemetry off", "gateway", False),
                                           ("gateway, telemetry on", "gateway", True)):
                env = dict(os.environ, TRIPSMITH_DATA_DIR=directory, OTEL_SDK_DISABLED="false" if telemetry else "true")
                code = ("import sys, runpy; from tripsmith.runtime.telemetry import setup_telemetry; "
                        f"setup_telemetry('bench', __import__('pathlib').Path({directory!r}), 'bench') if {telemetry} else None; "
                        "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')")
                output = subprocess.run([sys.executable, "-c", code, __file__, "--child", "--mode", mode,
                                         "--temporal", address, "--runs", str(args.runs)],
                                        env=env, capture_output=True, text=True, check=True, cwd=ROOT)
                results[label] = json.loads(output.stdout.strip().splitlines()[-1])
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"Plan latency, {args.runs} plans each (medians, ms):")
    for label, result in results.items():
        print(f"  {label:<24} first event {median_ms(result['first']):7.1f}   proposal {median_ms(result['proposal']):7.1f}")
    base = results["gateway, telemetry on"]
    print("Where the time goes (gateway, telemetry on; median per call, ms):")
    for step, values in sorted(base["steps"].items()):
        print(f"  {step:<22} {median_ms(values):7.1f}  x{len(values) // args.runs}")
    calls = statistics.median(c for c, _ in base["usage"])
    tokens = statistics.median(t for _, t in base["usage"])
    print(f"Model calls per itinerary: {calls:g}; tokens per itinerary: {tokens:,.0f}")
    direct, gw_off = results["direct, telemetry off"], results["gateway, telemetry off"]
    print(f"Gateway overhead: proposal {median_ms(gw_off['proposal']) / median_ms(direct['proposal']):.3f}x the direct workflow")
    print(f"Telemetry overhead: proposal {median_ms(base['proposal']) / median_ms(gw_off['proposal']):.3f}x with telemetry off")


if __name__ == "__main__":
    main()
