"""A Node.js client (examples/node_client/plan.js, @grpc/grpc-js and @grpc/proto-loader) plans a
trip against the gateway straight from the .proto files: a platform in any language can
integrate.

The gateway runs in-process on this test's event loop, so node runs as an asyncio subprocess
and the loop stays free to serve it."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.planner_stack import TRIP_END, TRIP_START, gateway, lisbon_request, planner

CLIENT = ROOT / "examples" / "node_client" / "plan.js"
REQUEST = lisbon_request(TRIP_START, TRIP_END)
EVENT_LINE = re.compile(r"^#(\d+) (\w+)", re.MULTILINE)


@pytest.fixture(scope="module")
def node() -> str:
    """The node executable, with the npm packages and the google/* protos the client loads."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("`node` is not on PATH: install Node.js 20 or later (the Node.js client test needs it)")
    for package in ("@grpc/grpc-js", "@grpc/proto-loader"):
        if not (ROOT / "node_modules" / package / "package.json").exists():
            pytest.fail(f"node_modules/{package} is missing: run `npm ci` (or `make install`)")
    if not (ROOT / "build" / "proto-deps" / "google" / "type" / "money.proto").exists():
        subprocess.run([sys.executable, "tools/gen_protos.py", "--deps"], cwd=ROOT, check=True, timeout=120)
    return node


async def run_client(node: str, address: str, api_key: str, text: str = REQUEST) -> tuple[int, str, str]:
    """Runs the client to completion without blocking the event loop; (exit code, stdout, stderr)."""
    env = {**os.environ, "TRIPSMITH_API_KEY": api_key}
    env.pop("TRIPSMITH_GATEWAY", None)
    process = await asyncio.create_subprocess_exec(node, str(CLIENT), address, text, cwd=ROOT, env=env,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=150)
    except asyncio.TimeoutError:
        process.kill()
        stdout, stderr = await process.communicate()
        pytest.fail(f"the Node.js client did not finish in 150 s; stderr:\n{stderr.decode()}")
    return process.returncode, stdout.decode(), stderr.decode()


async def test_node_client_plans_a_trip_from_the_protos(node, temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as planner_, gateway(planner_, tmp_path) as gateway_:
        code, stdout, stderr = await run_client(node, gateway_.address, gateway_.keys["acme"])

    assert code == 0, f"exit code {code}; stderr:\n{stderr}"
    itinerary = json.loads(stdout)  # stdout is the itinerary alone
    assert itinerary["state"] == "STATE_PROPOSED", stderr
    assert re.fullmatch(r"itineraries/[A-Za-z0-9_-]+", itinerary["name"])
    assert len(itinerary["flights"]) == 2
    assert len(itinerary["hotel_stays"]) == 1
    assert itinerary["request"]["destination"]["iata_code"] == "LIS"
    assert itinerary["price"]["total"]["currency_code"] == "USD"

    events = [(int(sequence), kind) for sequence, kind in EVENT_LINE.findall(stderr)]
    assert events, f"no progress events on stderr:\n{stderr}"
    sequences = [sequence for sequence, _ in events]
    assert sequences == sorted(set(sequences)), sequences  # strictly increasing
    kinds = {kind for _, kind in events}
    assert {"state_change", "tool_call", "itinerary"} <= kinds, kinds
    assert "search_flights" in stderr


async def test_node_client_with_a_bad_key_is_unauthenticated(node, temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as planner_, gateway(planner_, tmp_path) as gateway_:
        code, stdout, stderr = await run_client(node, gateway_.address, "tsk_not_a_real_key")

    assert code == 2, f"exit code {code}; stderr:\n{stderr}"
    assert stdout == ""
    assert "UNAUTHENTICATED" in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
