"""`tripsmith up`: the whole embedded stack from an empty data dir, supervised and stopped."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import pytest
import subprocess
import time
import urllib.request

import grpc
import openai
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from tests.conftest import INTERNAL_TOKEN, TRIPSMITH, free_ports, pid_alive
from tripsmith.common.v1.party_pb2 import Party
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.flights.v1 import flights_service_pb2 as flights
from tripsmith.flights.v1 import flights_service_pb2_grpc as flights_grpc
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels
from tripsmith.hotels.v1 import hotels_service_pb2_grpc as hotels_grpc
from tripsmith.profile.v1 import profile_service_pb2 as profile
from tripsmith.profile.v1 import profile_service_pb2_grpc as profile_grpc
from tripsmith.runtime.auth import internal_metadata
from tripsmith.weather.v1 import weather_service_pb2 as weather
from tripsmith.weather.v1 import weather_service_pb2_grpc as weather_grpc
from tripsmith.stack.components import StackConfig, components
from tripsmith.stack.supervisor import port_is_free
from tripsmith.core.dates import date_message
from tripsmith.core.exits import EXIT_BAD_INPUT

GRPC_SERVICES = {
    "gateway": "tripsmith.planner.v1.PlannerService",
    "flights": "tripsmith.flights.v1.FlightsService",
    "hotels": "tripsmith.hotels.v1.HotelsService",
    "weather": "tripsmith.weather.v1.WeatherService",
    "profile": "tripsmith.profile.v1.ProfileService",
}


def health(address: str, service: str) -> int:
    with grpc.insecure_channel(address) as channel:
        return health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service=service), timeout=5
        ).status


def reflected_services(address: str) -> set[str]:
    with grpc.insecure_channel(address) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        [response] = list(stub.ServerReflectionInfo(iter([request]), timeout=5))
        return {service.name for service in response.list_services_response.service}


def assert_suppliers_answer(stack) -> None:
    """Every supplier answers a real request with the stack's data and credentials."""
    metadata = internal_metadata("acme", INTERNAL_TOKEN)
    day = dt.date.today() + dt.timedelta(days=30)
    with grpc.insecure_channel(stack.address("flights")) as channel:
        offers = flights_grpc.FlightsServiceStub(channel).SearchFlights(flights.SearchFlightsRequest(
            origin=Place(iata_code="BOS"), destination=Place(city_name="Lisbon"), departure_date=date_message(day),
            passengers=Party(adults=1)), metadata=metadata, timeout=30).offers
        assert offers
    with grpc.insecure_channel(stack.address("hotels")) as channel:
        assert hotels_grpc.HotelsServiceStub(channel).SearchHotels(hotels.SearchHotelsRequest(
            city=Place(city_name="Lisbon"), check_in_date=date_message(day),
            check_out_date=date_message(day + dt.timedelta(days=3)), guests=Party(adults=1)),
            metadata=metadata, timeout=30).offers
    with grpc.insecure_channel(stack.address("weather")) as channel:
        days = weather_grpc.WeatherServiceStub(channel).GetDailyForecast(weather.GetDailyForecastRequest(
            place=Place(iata_code="LIS"), start_date=date_message(day), end_date=date_message(day + dt.timedelta(days=3))),
            metadata=metadata, timeout=30).days
        assert len(days) == 4
    with grpc.insecure_channel(stack.address("profile")) as channel:
        traveler = profile_grpc.ProfileServiceStub(channel).CreateTraveler(profile.CreateTravelerRequest(
            traveler=profile.Traveler(home_airport="BOS"), idempotency_key="stack-test"), metadata=metadata, timeout=30)
        assert traveler.traveler.name.startswith("travelers/")


def wait_until(condition, timeout: float = 60.0, message: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {message}"
        time.sleep(0.2)


def test_stack_comes_up_healthy_and_sigterm_leaves_no_process(stack_factory):
    stack = stack_factory()
    stack.wait_until_up()
    pids = stack.pids()
    assert set(pids) == {component.name for component in components(StackConfig())}
    assert all(pid_alive(pid) for pid in pids.values())

    assert health(stack.address("temporal"), "temporal.api.workflowservice.v1.WorkflowService") == 1
    for name, service in GRPC_SERVICES.items():
        address = stack.address(name)
        assert health(address, service) == health_pb2.HealthCheckResponse.SERVING, name
        assert health(address, "") == health_pb2.HealthCheckResponse.SERVING, name
        assert service in reflected_services(address), name
    assert_suppliers_answer(stack)
    model = openai.OpenAI(base_url=f"http://{stack.address('model')}/v1", api_key="local", max_retries=0)
    assert [m.id for m in model.models.list()] == ["tripsmith-rules"]
    for name in pids:
        assert f"  {name}" in stack.output(), f"{name} address not printed"

    assert stack.stop(signal.SIGTERM) == 0
    assert [name for name, pid in pids.items() if pid_alive(pid)] == []
    assert not (stack.data_dir / "stack.json").exists()
    assert (stack.data_dir / "temporal" / "temporal.db").exists()


def test_a_crashed_component_is_reported_and_restarted(stack_factory):
    stack = stack_factory()
    stack.wait_until_up()
    first = stack.pids()
    with (stack.data_dir / "logs" / "flights.log").open("a") as log:
        log.write("last words before the crash\n")
    os.kill(first["flights"], signal.SIGKILL)
    stack.wait_for_line("flights exited unexpectedly")
    stack.wait_for_line("last words before the crash", timeout=5)
    stack.wait_for_line("flights is healthy again")
    second = stack.pids()
    assert second["flights"] != first["flights"]
    assert health(stack.address("flights"), GRPC_SERVICES["flights"]) == health_pb2.HealthCheckResponse.SERVING
    assert {name: pid for name, pid in second.items() if name != "flights"} == {
        name: pid for name, pid in first.items() if name != "flights"
    }

    assert stack.stop(signal.SIGINT) == 0
    assert [pid for pid in {*first.values(), *second.values()} if pid_alive(pid)] == []


def test_a_component_that_cannot_start_stops_the_stack_with_its_message(stack_factory):
    stack = stack_factory(TRIPSMITH_SHUTDOWN_GRACE_SECONDS="soon")
    stack.wait_for_line("failed to start")
    stack.wait_for_line("TRIPSMITH_SHUTDOWN_GRACE_SECONDS", timeout=5)
    assert stack.process.wait(timeout=60) == EXIT_BAD_INPUT  # a configuration error, as everywhere
    stack.wait_for_line("Tripsmith stopped", timeout=5)


def test_a_port_in_use_is_named_before_anything_starts(stack_factory):
    stack = stack_factory(started=False)
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", stack.ports["hotels"]))
        squatter.listen()
        stack.start()
        line = stack.wait_for_line("already in use")
        assert "TRIPSMITH_HOTELS_PORT" in line and str(stack.ports["hotels"]) in line
        assert stack.process.wait(timeout=30) == 1
    assert not (stack.data_dir / "stack.json").exists()


def test_services_follow_a_supervisor_that_is_killed_outright(stack_factory):
    stack = stack_factory()
    stack.wait_until_up()
    pids = stack.pids()
    stack.process.kill()
    stack.process.wait()
    python_children = {name: pid for name, pid in pids.items() if name != "temporal"}
    try:
        wait_until(lambda: not any(pid_alive(pid) for pid in python_children.values()), timeout=30,
                   message="services to exit after their supervisor")
    finally:
        # The Temporal CLI is not ours to change; the supervisor's clean stop covers it.
        os.kill(pids["temporal"], signal.SIGKILL)


def test_a_first_start_builds_the_supplier_data(stack_factory, tmp_path):
    data_file = tmp_path / "fresh" / "supplier-data.sqlite"
    stack = stack_factory(TRIPSMITH_SUPPLIER_DATA=str(data_file))
    stack.wait_for_line("Building the supplier data")
    stack.wait_until_up()
    assert data_file.exists() and data_file.stat().st_size > 5_000_000
    assert_suppliers_answer(stack)
    assert stack.stop() == 0


def test_the_demo_plans_a_trip_through_the_gateway(stack_factory):
    stack = stack_factory(started=False)
    result = subprocess.run([str(TRIPSMITH), "demo"], env=stack.env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Every service is healthy." in result.stdout
    assert "Planning through the gateway" in result.stdout and "PROPOSED  revision 1" in result.stdout
    assert "Day by day:" in result.stdout and "Checks:" in result.stdout and "[ ]" not in result.stdout
    assert "tripsmith trace " in result.stdout and "Temporal UI" in result.stdout
    assert result.stdout.rstrip().endswith("Tripsmith stopped.")
    assert not (stack.data_dir / "stack.json").exists()


def consecutive_free_ports(count: int) -> int:
    """The first of `count` consecutive ports that are free now."""
    for base in range(20000, 60000, 97):
        with contextlib.ExitStack() as stack:
            try:
                for port in range(base, base + count):
                    stack.enter_context(socket.socket()).bind(("127.0.0.1", port))
            except OSError:
                continue
            return base
    raise AssertionError("no free port range")


def test_prometheus_scrapes_every_component_where_the_config_expects(stack_factory):
    base = consecutive_free_ports(8)
    stack = stack_factory(OTEL_METRICS_EXPORTER="prometheus", OTEL_EXPORTER_PROMETHEUS_PORT=str(base))
    stack.wait_until_up()
    assert_suppliers_answer(stack)
    flights_metrics = urllib.request.urlopen(f"http://127.0.0.1:{base + 1}/metrics", timeout=10).read().decode()
    assert 'rpc_method="SearchFlights"' in flights_metrics
    temporal_metrics = urllib.request.urlopen(f"http://127.0.0.1:{base}/metrics", timeout=10).read().decode()
    assert "temporal" in temporal_metrics or "persistence" in temporal_metrics
    model_metrics = urllib.request.urlopen(f"http://127.0.0.1:{base + 5}/metrics", timeout=10).read().decode()
    assert "target_info" in model_metrics or "python_info" in model_metrics
    assert stack.stop() == 0


def test_a_port_whose_last_connection_is_in_time_wait_is_free():
    """A stack that just stopped leaves its side of closed connections in TIME_WAIT for a
    minute; the next start must not take that for a port in use."""
    port = free_ports(1)[0]
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        with socket.create_connection(("127.0.0.1", port)) as client:
            served, _ = listener.accept()
            served.close()  # the server closes first, so its end waits in TIME_WAIT
            client.recv(1)
        assert not port_is_free("127.0.0.1", port)  # still listening
    assert port_is_free("127.0.0.1", port)
    with socket.socket() as plain:  # what the check did before: a bind without SO_REUSEADDR
        with pytest.raises(OSError):
            plain.bind(("127.0.0.1", port))
