"""The shared service runtime on a real gRPC server bound to port 0 and real channels."""

from __future__ import annotations

import asyncio
import json
import logging

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from opentelemetry.sdk.trace import TracerProvider

from services.flights.config import FlightsConfig
from tests.conftest import INTERNAL_TOKEN, detail
from tripsmith.core.errors import InvalidArgument, NotFound, ResourceExhausted
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.planner.v1 import planner_service_pb2_grpc as planner_grpc
from tripsmith.runtime.auth import InternalAuthInterceptor, current_tenant, internal_metadata
from tripsmith.runtime.config import ConfigError, ServiceConfig, load, port_field
from tripsmith.runtime.grpc_server import ServiceBinding, build_grpc_server
from tripsmith.runtime.logs import setup_logging
from tripsmith.runtime.grpc_client import trailing_status

PLANNER = "tripsmith.planner.v1.PlannerService"


class LocalConfig(ServiceConfig):
    port: int = 0


class ScriptedPlanner(planner_grpc.PlannerServiceServicer):
    """A handler whose behaviour each test picks through the itinerary name."""

    async def GetItinerary(self, request, context):
        match request.name:
            case "bad":
                raise InvalidArgument.of("name", "must look like itineraries/{id}")
            case "missing":
                raise NotFound("itineraries/missing does not exist")
            case "busy":
                raise ResourceExhausted("too many requests", retry_after_seconds=2.5)
            case "boom":
                raise RuntimeError("connection string postgres://admin:hunter2@db")
            case "slow":
                await asyncio.sleep(0.5)
            case "whoami":
                return planner.GetItineraryResponse(itinerary=planner.Itinerary(name=current_tenant()))
        return planner.GetItineraryResponse(itinerary=planner.Itinerary(name=request.name))

    async def WatchItinerary(self, request, context):
        yield planner.WatchItineraryResponse(event=planner.ItineraryEvent(sequence=1))
        raise RuntimeError("stream broke: secret detail")


@pytest.fixture
async def server():
    grpc_server, port = build_grpc_server(
        LocalConfig(),
        [ServiceBinding(PLANNER, ScriptedPlanner(), planner_grpc.add_PlannerServiceServicer_to_server)],
    )
    await grpc_server.start()
    yield grpc_server, port
    await grpc_server.stop(0)


@pytest.fixture
async def channel(server):
    _, port = server
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield channel


def status_of(error: grpc.aio.AioRpcError) -> status_pb2.Status:
    status = trailing_status(error)
    if status is None:
        pytest.fail("no rich status in the trailers")
    return status


async def test_port_zero_binds_a_real_port(server, channel):
    _, port = server
    assert port > 0
    response = await planner_grpc.PlannerServiceStub(channel).GetItinerary(planner.GetItineraryRequest(name="x"))
    assert response.itinerary.name == "x"


async def test_health_is_serving_per_service_and_overall(channel):
    health = health_pb2_grpc.HealthStub(channel)
    for service in ("", PLANNER):
        response = await health.Check(health_pb2.HealthCheckRequest(service=service))
        assert response.status == health_pb2.HealthCheckResponse.SERVING
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await health.Check(health_pb2.HealthCheckRequest(service="tripsmith.nope.v1.Nope"))
    assert error.value.code() == grpc.StatusCode.NOT_FOUND


async def test_reflection_lists_the_services(channel):
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    responses = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]))
    names = [service.name async for response in responses for service in response.list_services_response.service]
    assert {PLANNER, "grpc.health.v1.Health"} <= set(names)


async def test_unimplemented_rpc_says_so(channel):
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await planner_grpc.PlannerServiceStub(channel).PlanItinerary(planner.PlanItineraryRequest(text="hi"))
    assert error.value.code() == grpc.StatusCode.UNIMPLEMENTED
    assert "PlanItinerary" in error.value.details()


async def test_invalid_argument_names_the_field(channel):
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await planner_grpc.PlannerServiceStub(channel).GetItinerary(planner.GetItineraryRequest(name="bad"))
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    status = status_of(error.value)
    violations = detail(status, error_details_pb2.BadRequest).field_violations
    assert [(v.field, v.description) for v in violations] == [("name", "must look like itineraries/{id}")]
    info = detail(status, error_details_pb2.ErrorInfo)
    assert (info.reason, info.domain) == ("INVALID_FIELD", "tripsmith.dev")


async def test_domain_errors_keep_their_code_and_reason(channel):
    stub = planner_grpc.PlannerServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetItinerary(planner.GetItineraryRequest(name="missing"))
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    assert detail(status_of(error.value), error_details_pb2.ErrorInfo).reason == "NOT_FOUND"
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetItinerary(planner.GetItineraryRequest(name="busy"))
    assert error.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    retry = detail(status_of(error.value), error_details_pb2.RetryInfo)
    assert retry.retry_delay.ToMilliseconds() == 2500


async def test_unexpected_error_is_internal_without_leaking(channel, caplog):
    with caplog.at_level(logging.ERROR), pytest.raises(grpc.aio.AioRpcError) as error:
        await planner_grpc.PlannerServiceStub(channel).GetItinerary(planner.GetItineraryRequest(name="boom"))
    assert error.value.code() == grpc.StatusCode.INTERNAL
    assert "hunter2" not in error.value.details() and "postgres" not in error.value.details()
    assert "trace id" in error.value.details()
    assert detail(status_of(error.value), error_details_pb2.ErrorInfo).reason == "INTERNAL"
    logged = [record for record in caplog.records if record.exc_info]
    assert logged and "hunter2" in str(logged[0].exc_info[1]), "the log keeps what the caller must not see"


async def test_error_in_a_stream_ends_it_with_internal(channel):
    received = []
    with pytest.raises(grpc.aio.AioRpcError) as error:
        async for response in planner_grpc.PlannerServiceStub(channel).WatchItinerary(
            planner.WatchItineraryRequest(name="x")
        ):
            received.append(response.event.sequence)
    assert received == [1]
    assert error.value.code() == grpc.StatusCode.INTERNAL
    assert "secret" not in error.value.details()


async def test_graceful_shutdown_lets_calls_in_flight_finish(server, channel):
    grpc_server, _ = server
    call = asyncio.ensure_future(
        planner_grpc.PlannerServiceStub(channel).GetItinerary(planner.GetItineraryRequest(name="slow"))
    )
    await asyncio.sleep(0.1)
    await grpc_server.stop(grace_seconds=5)
    assert (await call).itinerary.name == "slow"


def test_config_error_names_the_variable(monkeypatch):
    monkeypatch.setenv("TRIPSMITH_INTERNAL_TOKEN", INTERNAL_TOKEN)
    monkeypatch.setenv("TRIPSMITH_FLIGHTS_PORT", "fifty")
    with pytest.raises(ConfigError, match=r"^TRIPSMITH_FLIGHTS_PORT: .*'fifty'"):
        load(FlightsConfig)
    monkeypatch.setenv("TRIPSMITH_FLIGHTS_PORT", "70000")
    with pytest.raises(ConfigError, match=r"^TRIPSMITH_FLIGHTS_PORT: .*65535"):
        load(FlightsConfig)
    monkeypatch.setenv("TRIPSMITH_FLIGHTS_PORT", "50999")
    monkeypatch.setenv("TRIPSMITH_SHUTDOWN_GRACE_SECONDS", "soon")
    with pytest.raises(ConfigError, match=r"^TRIPSMITH_SHUTDOWN_GRACE_SECONDS: "):
        load(FlightsConfig)
    monkeypatch.setenv("TRIPSMITH_SHUTDOWN_GRACE_SECONDS", "1.5")
    config = load(FlightsConfig)
    assert (config.port, config.shutdown_grace_seconds) == (50999, 1.5)


def test_config_defaults_follow_the_design(monkeypatch):
    monkeypatch.setenv("TRIPSMITH_INTERNAL_TOKEN", INTERNAL_TOKEN)
    for variable in ("TRIPSMITH_FLIGHTS_PORT", "TRIPSMITH_BIND_HOST"):
        monkeypatch.delenv(variable, raising=False)
    config = load(FlightsConfig)
    assert (config.bind_host, config.port) == ("127.0.0.1", 50061)


def test_port_field_reads_its_own_variable(monkeypatch):
    class HotelsLike(ServiceConfig):
        port: int = port_field("hotels")

    monkeypatch.setenv("TRIPSMITH_HOTELS_PORT", "1234")
    assert load(HotelsLike).port == 1234


def test_logs_are_json_with_the_trace_id(capsys, monkeypatch):
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    setup_logging("test", "INFO")
    tracer = TracerProvider().get_tracer("test")
    with tracer.start_as_current_span("work") as span:
        logging.getLogger("tripsmith.test").info("hello", extra={"itinerary": "itineraries/1"})
    record = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert record["message"] == "hello" and record["service"] == "test" and record["level"] == "INFO"
    assert record["itinerary"] == "itineraries/1"
    assert record["trace_id"] == format(span.get_span_context().trace_id, "032x")
    assert "time" in record


def test_a_missing_internal_token_is_named(monkeypatch):
    monkeypatch.delenv("TRIPSMITH_INTERNAL_TOKEN", raising=False)
    with pytest.raises(ConfigError, match=r"^TRIPSMITH_INTERNAL_TOKEN: Field required"):
        load(FlightsConfig)
    monkeypatch.setenv("TRIPSMITH_INTERNAL_TOKEN", "short-secret")
    with pytest.raises(ConfigError, match=r"^TRIPSMITH_INTERNAL_TOKEN: .*16") as error:
        load(FlightsConfig)
    assert "short-secret" not in str(error.value), "a secret is never echoed"


@pytest.fixture
async def guarded_channel():
    grpc_server, port = build_grpc_server(
        LocalConfig(),
        [ServiceBinding(PLANNER, ScriptedPlanner(), planner_grpc.add_PlannerServiceServicer_to_server)],
        [InternalAuthInterceptor(INTERNAL_TOKEN)],
    )
    await grpc_server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield channel
    await grpc_server.stop(0)


@pytest.mark.parametrize(
    "metadata",
    [
        (),
        (("x-tripsmith-tenant", "acme"),),
        (("authorization", "Bearer wrong-token-0123456789"), ("x-tripsmith-tenant", "acme")),
        (("authorization", INTERNAL_TOKEN), ("x-tripsmith-tenant", "acme")),
        (("authorization", f"Bearer {INTERNAL_TOKEN}"),),
        (("authorization", f"Bearer {INTERNAL_TOKEN}"), ("x-tripsmith-tenant", "Acme Corp")),
    ],
    ids=["nothing", "no token", "wrong token", "no bearer", "no tenant", "malformed tenant"],
)
async def test_internal_calls_need_the_token_and_a_tenant(guarded_channel, metadata):
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await planner_grpc.PlannerServiceStub(guarded_channel).GetItinerary(
            planner.GetItineraryRequest(name="whoami"), metadata=metadata
        )
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert INTERNAL_TOKEN not in error.value.details()


async def test_an_authenticated_call_sees_its_tenant_and_probes_stay_open(guarded_channel):
    stub = planner_grpc.PlannerServiceStub(guarded_channel)
    for tenant in ("acme", "globex-travel"):
        response = await stub.GetItinerary(
            planner.GetItineraryRequest(name="whoami"), metadata=internal_metadata(tenant, INTERNAL_TOKEN)
        )
        assert response.itinerary.name == tenant
    health = await health_pb2_grpc.HealthStub(guarded_channel).Check(health_pb2.HealthCheckRequest(service=PLANNER))
    assert health.status == health_pb2.HealthCheckResponse.SERVING
