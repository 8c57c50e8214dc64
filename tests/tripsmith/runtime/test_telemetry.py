"""Telemetry: RED metrics per RPC, a Prometheus endpoint on request, and traces that continue
the caller's trace into every server (gRPC services and the model endpoint)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import grpc
import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from tests.conftest import INTERNAL_TOKEN, free_ports
from tests.tripsmith.runtime.test_runtime import PLANNER, ScriptedPlanner
from tripsmith.common.v1.party_pb2 import Party
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.flights.v1 import flights_service_pb2 as flights
from tripsmith.flights.v1 import flights_service_pb2_grpc as flights_grpc
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.planner.v1 import planner_service_pb2_grpc as planner_grpc
from tripsmith.runtime.auth import internal_metadata
from tripsmith.runtime.grpc_server import ErrorInterceptor
from tripsmith.runtime.metrics import DURATION_BUCKETS, ClientMetricsInterceptor, ServerMetricsInterceptor
from tripsmith.runtime.probe import GrpcHealthProbe, HttpProbe, probe_once
from tripsmith.core.dates import date_message

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{PARENT_ID}-01"


def points(reader: InMemoryMetricReader, name: str) -> list:
    data = reader.get_metrics_data()
    return [point for resource in data.resource_metrics for scope in resource.scope_metrics
            for metric in scope.metrics if metric.name == name for point in metric.data.data_points]


async def test_rpc_durations_are_recorded_per_method_and_status():
    reader = InMemoryMetricReader()
    meter = MeterProvider(metric_readers=[reader]).get_meter("test")
    server = grpc.aio.server(interceptors=[ServerMetricsInterceptor(meter), ErrorInterceptor()])
    planner_grpc.add_PlannerServiceServicer_to_server(ScriptedPlanner(), server)
    from grpc_health.v1 import health, health_pb2, health_pb2_grpc

    health_pb2_grpc.add_HealthServicer_to_server(health.aio.HealthServicer(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}",
                                             interceptors=[ClientMetricsInterceptor(meter)]) as channel:
            stub = planner_grpc.PlannerServiceStub(channel)
            for name in ("ok", "ok", "bad", "boom"):
                try:
                    await stub.GetItinerary(planner.GetItineraryRequest(name=name))
                except grpc.aio.AioRpcError:
                    pass
            await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
    finally:
        await server.stop(0)
    for name in ("rpc.server.call.duration", "rpc.client.call.duration"):
        by_status = {p.attributes["rpc.grpc.status_code"]: p for p in points(reader, name)
                     if p.attributes["rpc.service"] == PLANNER}
        assert {code: p.count for code, p in by_status.items()} == {0: 2, 3: 1, 13: 1}, name
        sample = by_status[0]
        assert sample.attributes["rpc.service"] == PLANNER and sample.attributes["rpc.method"] == "GetItinerary"
        assert tuple(sample.explicit_bounds) == DURATION_BUCKETS and 0 < sample.sum < 5
    services = {p.attributes["rpc.service"] for p in points(reader, "rpc.server.call.duration")}
    assert services == {PLANNER}, "health probes are not measured on the server"


def start(module: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", module], env={**os.environ, **env}, stderr=subprocess.PIPE, text=True)


async def wait_ready(process: subprocess.Popen, probe) -> None:
    deadline = time.monotonic() + 30
    while not await probe_once(probe):
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline
        await asyncio.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def spans(path) -> list[dict]:
    found = []
    for line in path.read_text().splitlines():
        for resource in json.loads(line).get("resourceSpans", []):
            for scope in resource.get("scopeSpans", []):
                found += scope.get("spans", [])
    return found


async def test_a_supplier_continues_the_callers_trace_and_serves_prometheus(tmp_path):
    grpc_port, metrics_port = free_ports(2)
    env = {"TRIPSMITH_FLIGHTS_PORT": str(grpc_port), "TRIPSMITH_DATA_DIR": str(tmp_path),
           "TRIPSMITH_INTERNAL_TOKEN": INTERNAL_TOKEN, "OTEL_METRICS_EXPORTER": "prometheus",
           "OTEL_EXPORTER_PROMETHEUS_PORT": str(metrics_port), "OTEL_BSP_SCHEDULE_DELAY": "100"}
    process = start("services.flights", env)
    try:
        await wait_ready(process, GrpcHealthProbe(f"127.0.0.1:{grpc_port}", "tripsmith.flights.v1.FlightsService"))
        async with grpc.aio.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
            await flights_grpc.FlightsServiceStub(channel).SearchFlights(flights.SearchFlightsRequest(
                origin=Place(iata_code="LIS"), destination=Place(iata_code="OPO"), passengers=Party(adults=1),
                departure_date=date_message(dt.date.today() + dt.timedelta(days=20))),
                metadata=(*internal_metadata("acme", INTERNAL_TOKEN), ("traceparent", TRACEPARENT)))
        scraped = urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10).read().decode()
        assert 'rpc_server_call_duration_seconds_bucket{' in scraped
        line = next(l for l in scraped.splitlines() if l.startswith("rpc_server_call_duration_seconds_count{"))
        assert 'rpc_method="SearchFlights"' in line and 'rpc_grpc_status_code="0"' in line and line.endswith(" 1.0")
    finally:
        stop(process)
    server_spans = [s for s in spans(tmp_path / "telemetry" / "traces-flights.jsonl") if s["traceId"] == TRACE_ID]
    assert [s["name"] for s in server_spans] == ["/tripsmith.flights.v1.FlightsService/SearchFlights"]
    assert server_spans[0]["parentSpanId"] == PARENT_ID and server_spans[0]["kind"] == 2  # SERVER


async def test_the_model_endpoint_records_its_server_span_in_the_callers_trace(tmp_path):
    [port] = free_ports(1)
    process = start("services.model", {"TRIPSMITH_MODEL_PORT": str(port), "TRIPSMITH_DATA_DIR": str(tmp_path)})
    try:
        await wait_ready(process, HttpProbe(f"http://127.0.0.1:{port}/healthz"))
        body = json.dumps({"model": "tripsmith-rules", "messages": [
            {"role": "system", "content": "Today is 2027-01-13."}, {"role": "user", "content": "BOS-LHR 6/1-6/8"}]})
        request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/chat/completions", data=body.encode(),
                                         headers={"content-type": "application/json", "traceparent": TRACEPARENT})
        assert json.loads(urllib.request.urlopen(request, timeout=30).read())["choices"]
    finally:
        stop(process)
    model_spans = spans(tmp_path / "telemetry" / "traces-model.jsonl")
    ours = [s for s in model_spans if s["traceId"] == TRACE_ID]
    assert len(ours) == 1 and ours[0]["parentSpanId"] == PARENT_ID and ours[0]["kind"] == 2
    assert not any("healthz" in s["name"] for s in model_spans), "health probes are not traced"


@pytest.mark.parametrize("exporter", ["none"])
def test_metrics_can_be_switched_off(exporter, tmp_path):
    from tripsmith.runtime import telemetry

    os.environ["OTEL_METRICS_EXPORTER"] = exporter
    try:
        assert telemetry._metric_readers(tmp_path, "test") == []
    finally:
        del os.environ["OTEL_METRICS_EXPORTER"]
