"""What `tripsmith demo` shows once the stack is up: every component healthy, then a sample
trip planned through the gateway with live progress, the itinerary, and where to see its
trace and its workflow."""

from __future__ import annotations

import datetime as dt

from tripsmith.cli import render
from tripsmith.client import PlannerClient
from tripsmith.core.exits import EXIT_FAILED, EXIT_OK
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.runtime.probe import probe_once


def sample_request(today: dt.date) -> str:
    start = today + dt.timedelta(days=45)
    end = start + dt.timedelta(days=6)
    return (f"From Boston to Lisbon, {start:%B} {start.day} to {end:%B} {end.day} {end.year}, two adults, "
            "budget $6000, we love museums and seafood")


async def show(supervisor) -> int:
    """Health, then one plan through the gateway; 0 when the plan was proposed."""
    results = [(c.name, await probe_once(c.probe, timeout=5.0)) for c in supervisor.components]
    for name, healthy in results:
        print(f"  {name:<10} {'SERVING' if healthy else 'NOT SERVING'}", flush=True)
    if not all(ok for _, ok in results):
        print("Some services are not healthy.", flush=True)
        return EXIT_FAILED
    print("Every service is healthy.\n", flush=True)
    addresses = {c.name: dict(c.addresses) for c in supervisor.components}
    text = sample_request(dt.date.today())
    print(f'Planning through the gateway ({addresses["gateway"]["gateway"]}):\n  "{text}"\n', flush=True)
    async with PlannerClient(addresses["gateway"]["gateway"], supervisor.demo_api_key(), timeout=60) as client:
        itinerary = await client.plan(text)
        itinerary = await client.wait(itinerary.name, on_event=lambda event: print(
            "  " + render.event_line(event), flush=True))
    print("\n" + render.itinerary_text(itinerary) + "\n", flush=True)
    print(f"The trace of this plan: tripsmith trace {itinerary.name.removeprefix('itineraries/')}"
          f" (spans under {supervisor.data_dir / 'telemetry'})")
    print(f"Its workflow in the Temporal UI: {addresses['temporal']['temporal ui']}", flush=True)
    return EXIT_OK if itinerary.state == planner.STATE_PROPOSED else EXIT_FAILED
