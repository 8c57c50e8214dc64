"""The conformance kit: our suppliers pass it, and a server that breaks the contract fails it."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from services.flights.config import FlightsConfig
from services.flights.server import create_server as create_flights
from services.ground.config import GroundConfig
from services.ground.server import create_server as create_ground
from services.hotels.config import HotelsConfig
from services.hotels.server import create_server as create_hotels
from services.profile.config import ProfileConfig
from services.profile.server import create_server as create_profile
from services.weather.config import WeatherConfig
from services.weather.server import create_server as create_weather
from tests.conftest import INTERNAL_TOKEN, free_ports
from tests.suppliers import running
from tripsmith.suppliers.conformance import runner
from tripsmith.suppliers.conformance.harness import Options
from tripsmith.runtime.config import ServiceConfig
from tripsmith.runtime.grpc_server import ServiceBinding, build_grpc_server

HOLD_TTL = 1.5
#: Each of our suppliers, with the settings the kit needs to run every check on it.
SUPPLIERS = {
    "flights": (create_flights, FlightsConfig, {"hold_ttl_seconds": HOLD_TTL}),
    "hotels": (create_hotels, HotelsConfig, {"hold_ttl_seconds": HOLD_TTL}),
    "ground": (create_ground, GroundConfig, {"hold_ttl_seconds": HOLD_TTL}),
    "profile": (create_profile, ProfileConfig, {}),
    "weather": (create_weather, WeatherConfig, {}),
}


@pytest.mark.parametrize("category", sorted(SUPPLIERS))
async def test_our_supplier_conforms(category, tmp_path, capsys):
    create_server, config_class, settings = SUPPLIERS[category]
    async with running(create_server, config_class, tmp_path, **settings) as (_, address):
        results = await runner.run(category, address, Options(token=INTERNAL_TOKEN, hold_expiry_seconds=HOLD_TTL))
    conforms = runner.report(category, address, results)
    assert conforms and all(result.passed for result in results), capsys.readouterr().out
    assert len(results) == len(importlib.import_module(f"tripsmith.suppliers.conformance.{category}").CHECKS)


class LocalConfig(ServiceConfig):
    port: int = 0


async def test_a_server_that_implements_nothing_fails_readably(capsys):
    from tripsmith.flights.v1 import flights_service_pb2_grpc

    server, port = build_grpc_server(LocalConfig(), [ServiceBinding(
        "tripsmith.flights.v1.FlightsService", flights_service_pb2_grpc.FlightsServiceServicer(),
        flights_service_pb2_grpc.add_FlightsServiceServicer_to_server)])
    await server.start()
    try:
        results = await runner.run("flights", f"127.0.0.1:{port}", Options(token=INTERNAL_TOKEN))
    finally:
        await server.stop(0)
    assert not runner.report("flights", f"127.0.0.1:{port}", results)
    out = capsys.readouterr().out
    by_name = {result.name: result for result in results}
    assert by_name["health check SERVING"].passed
    assert by_name["calls need credentials"].passed is False
    assert "expected UNAUTHENTICATED, got UNIMPLEMENTED" in by_name["calls need credentials"].detail
    assert by_name["hold expiry"].passed is None and "SKIP" in out
    assert "FAIL  offers are well formed" in out


def test_the_command_exits_one_on_failure_and_two_on_bad_input():
    [port] = free_ports(1)
    unreachable = subprocess.run([sys.executable, "-m", "tripsmith.cli.main", "conformance", "hotels", f"127.0.0.1:{port}",
                                  "--token", INTERNAL_TOKEN], capture_output=True, text=True, timeout=120)
    assert unreachable.returncode == 1 and "FAIL" in unreachable.stdout
    bad = subprocess.run([sys.executable, "-m", "tripsmith.cli.main", "conformance", "flights", "nowhere"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "HOST:PORT" in bad.stderr
    unknown = subprocess.run([sys.executable, "-m", "tripsmith.cli.main", "conformance", "trains", "127.0.0.1:1"],
                             capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 2
