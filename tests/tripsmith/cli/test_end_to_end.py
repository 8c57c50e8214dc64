"""The whole product as a user meets it: `tripsmith up` in a subprocess, the CLI against its
gateway, and the trace the plan left in the local telemetry files.

The trace checks follow one service table: every service a plan must reach, and the edges
between them. Add a service to `EDGES` and its edges are checked too.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import TRIPSMITH
from tests.planner_stack import TRIP_END, TRIP_START, lisbon_request

#: 100 days from today for 7 nights (tests/planner_stack.py): the workflow plans no past dates.
REQUEST = lisbon_request(TRIP_START, TRIP_END) + ", we love museums"

#: (parent service, child service) edges a plan must show: the gateway starts the workflow on
#: the worker, whose activities call the model and every supplier, each a span of its own.
EDGES = {
    ("tripsmith-gateway", "tripsmith-worker"),
    ("tripsmith-worker", "tripsmith-model"),
    ("tripsmith-worker", "tripsmith-flights"),
    ("tripsmith-worker", "tripsmith-hotels"),
    ("tripsmith-worker", "tripsmith-weather"),
}
PERSONAL = re.compile(r"@|display_name|member_number|email", re.IGNORECASE)


def cli(stack, *args: str, key: str | None = None) -> subprocess.CompletedProcess:
    env = dict(stack.env)
    if key:
        env["TRIPSMITH_API_KEY"] = key
    return subprocess.run([str(TRIPSMITH), *args], env=env, capture_output=True, text=True, timeout=180)


def spans_of(data_dir: Path, trace_id: str) -> list[dict]:
    spans = []
    for path in sorted((data_dir / "telemetry").glob("traces-*.jsonl")):
        for line in path.read_text().splitlines():
            if trace_id not in line:
                continue
            for resource in json.loads(line).get("resourceSpans", []):
                service = next(a["value"]["stringValue"] for a in resource["resource"]["attributes"]
                               if a["key"] == "service.name")
                for scope in resource.get("scopeSpans", []):
                    for span in scope.get("spans", []):
                        if span["traceId"] == trace_id:
                            span["service"] = service
                            span["attrs"] = {a["key"]: next(iter(a["value"].values())) for a in span.get("attributes", [])}
                            spans.append(span)
    return spans


def test_plan_approve_list_show_trace_and_cancel_through_the_cli(stack_factory):
    stack = stack_factory()
    stack.wait_until_up()

    planned = cli(stack, "plan", REQUEST, "--json")
    assert planned.returncode == 0, planned.stderr
    itinerary = json.loads(planned.stdout)
    assert itinerary["state"] == "STATE_PROPOSED"
    assert all(check["satisfied"] for check in itinerary["checks"])
    name = itinerary["name"]
    short = name.removeprefix("itineraries/")

    shown = cli(stack, "show", short)
    assert shown.returncode == 0 and "PROPOSED" in shown.stdout and "Day by day:" in shown.stdout
    assert "Checks:" in shown.stdout and "(local)" in shown.stdout

    listed = cli(stack, "list", "--state", "proposed")
    assert listed.returncode == 0 and name in listed.stdout

    approved = cli(stack, "approve", short, "--json")
    assert approved.returncode == 0, approved.stderr
    booked = json.loads(approved.stdout)
    assert booked["state"] == "STATE_BOOKED"
    assert [b["status"] for b in booked["bookings"]] == ["BOOKING_STATUS_CONFIRMED"] * 3
    assert all(b["approvedBy"].startswith("tenants/demo/keys/") for b in booked["bookings"])

    drawn = cli(stack, "trace", short)
    assert drawn.returncode == 0, drawn.stderr
    for service in ("tripsmith-gateway", "tripsmith-worker", "tripsmith-flights", "tripsmith-model"):
        assert service in drawn.stdout

    cancelled = cli(stack, "cancel", short, "--json")
    assert cancelled.returncode == 0, cancelled.stderr
    assert json.loads(cancelled.stdout)["state"] == "STATE_CANCELLED"

    # The trace of the plan: one trace id, the service edges, GenAI attributes, no orphans.
    spans = spans_of(stack.data_dir, itinerary["traceId"])
    by_id = {span["spanId"]: span for span in spans}
    orphans = [span["name"] for span in spans if span.get("parentSpanId") and span["parentSpanId"] not in by_id]
    assert orphans == []
    edges = {(by_id[span["parentSpanId"]]["service"], span["service"]) for span in spans
             if span.get("parentSpanId") in by_id}
    services = {span["service"] for span in spans}
    for parent, child in EDGES:
        assert child in services, f"no span of {child} in the plan's trace"
        assert any(p == parent or (p == child and c == child) for p, c in edges if c == child), (parent, child)
    chats = [span for span in spans if span["name"].startswith("chat ")]
    assert chats and all({"gen_ai.operation.name", "gen_ai.request.model", "gen_ai.usage.input_tokens",
                          "gen_ai.usage.output_tokens"} <= set(span["attrs"]) for span in chats)
    tools = [span for span in spans if span["name"].startswith("execute_tool ")]
    assert {span["attrs"]["gen_ai.tool.name"] for span in tools} >= {"search_flights", "search_hotels", "get_weather"}
    for tool in tools:  # every tool span leads to a gRPC server span in a supplier
        children = [s for s in spans if s.get("parentSpanId") == tool["spanId"]]
        servers = [s for s in spans for c in children if s.get("parentSpanId") == c["spanId"] and s["kind"] == 2]
        assert servers, f"{tool['name']} has no supplier server span"
    agents = [span for span in spans if span["name"] == "invoke_agent tripsmith"]
    assert agents and agents[0]["attrs"]["gen_ai.operation.name"] == "invoke_agent"
    assert int(agents[0]["attrs"]["gen_ai.usage.input_tokens"]) > 0
    for span in spans:
        assert not PERSONAL.search(json.dumps(span["attrs"])), span["name"]

    # The worker's metrics: the itinerary outcomes and plan latency the workflow records, the
    # GenAI and tool metrics of its activities, and Temporal's own SDK metrics, all through
    # the one OpenTelemetry pipeline (flushed when the stack stops).
    assert stack.stop() == 0
    exported = (stack.data_dir / "telemetry" / "metrics-worker.jsonl").read_text()
    for metric in ("tripsmith.itineraries", "tripsmith.plan.duration", "gen_ai.client.token.usage",
                   "gen_ai.client.operation.duration", "tripsmith.tool.duration", "tripsmith.booking.steps",
                   "temporal_workflow_task_execution_latency"):
        assert f'"name":"{metric}"' in exported.replace(" ", ""), metric


def test_bad_input_and_keys_exit_2_with_one_line(stack_factory):
    stack = stack_factory()
    stack.wait_until_up()
    empty = cli(stack, "plan", "   ")
    assert empty.returncode == 2 and empty.stdout == "" and len(empty.stderr.strip().splitlines()) == 1
    assert "INVALID_ARGUMENT" in empty.stderr and "text" in empty.stderr
    missing = cli(stack, "show", "0123456789abcdef0123")
    assert missing.returncode == 2 and "NOT_FOUND" in missing.stderr

    assert cli(stack, "admin", "tenant", "create", "acme").returncode == 0
    created = cli(stack, "admin", "key", "create", "acme")
    key = created.stdout.strip()
    assert created.returncode == 0 and key.startswith("tsk_") and len(created.stdout.splitlines()) == 1
    assert cli(stack, "list", key=key).returncode == 0
    key_id = key.split("_")[1]
    assert key_id in cli(stack, "admin", "key", "list", "acme").stdout
    assert cli(stack, "admin", "key", "revoke", key_id).returncode == 0
    refused = cli(stack, "list", key=key)
    assert refused.returncode == 2 and "UNAUTHENTICATED" in refused.stderr
    assert cli(stack, "admin", "tenant", "create", "Not A Tenant").returncode == 2


def test_spans_survive_a_worker_restart_without_duplicates_or_orphans(stack_factory):
    """The worker dies (SIGKILL) between the proposal and the approval; the supervisor
    restarts it, and the new worker replays the workflow before booking. Replayed code must
    not emit its spans again, and nothing may be left without its parent."""
    stack = stack_factory()
    stack.wait_until_up()
    planned = cli(stack, "plan", REQUEST, "--json")
    assert planned.returncode == 0, planned.stderr
    itinerary = json.loads(planned.stdout)

    state_file = stack.data_dir / "stack.json"
    worker = json.loads(state_file.read_text())["components"]["worker"]["pid"]
    os.kill(worker, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = json.loads(state_file.read_text())["components"]["worker"]["pid"]
        if now != worker and probe(stack):
            break
        time.sleep(0.3)
    else:
        raise AssertionError("the worker was not restarted")

    approved = cli(stack, "approve", itinerary["name"], "--json")
    assert approved.returncode == 0, approved.stderr
    assert json.loads(approved.stdout)["state"] == "STATE_BOOKED"
    assert stack.stop() == 0

    spans = spans_of(stack.data_dir, itinerary["traceId"])
    ids = [span["spanId"] for span in spans]
    assert len(ids) == len(set(ids)), "a span was exported twice"
    names = [span["name"] for span in spans if span["service"] == "tripsmith-worker"]
    assert names.count("RunWorkflow:ItineraryWorkflow") == 1, names
    assert names.count("invoke_agent tripsmith") == 1, "the replay emitted the agent span again"
    by_id = set(ids)
    assert [s["name"] for s in spans if s.get("parentSpanId") and s["parentSpanId"] not in by_id] == []


def probe(stack) -> bool:
    from tripsmith.runtime.probe import HttpProbe, probe_once

    port = stack.ports["worker"]
    return asyncio.run(probe_once(HttpProbe(f"http://127.0.0.1:{port}/healthz")))
