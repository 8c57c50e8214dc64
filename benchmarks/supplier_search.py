"""Search latency and throughput of the flights, hotels and ground services, against their own
health check as the baseline, in the same run (the machine is shared: compare ratios).

    .venv/bin/python benchmarks/supplier_search.py [--seconds 5] [--concurrency 8]

Each server runs as its own process, as in the stack; the load comes from this process over
real channels. For each server it measures the gRPC health check, then searches that vary
over routes (or cities) and dates, and prints p50/p99 latency and requests per second.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import INTERNAL_TOKEN, free_ports  # noqa: E402
from tripsmith.common.v1.party_pb2 import Party  # noqa: E402
from tripsmith.common.v1.place_pb2 import Place  # noqa: E402
from tripsmith.flights.v1 import flights_service_pb2 as flights  # noqa: E402
from tripsmith.flights.v1 import flights_service_pb2_grpc as flights_grpc  # noqa: E402
from tripsmith.ground.v1 import ground_service_pb2 as ground  # noqa: E402
from tripsmith.ground.v1 import ground_service_pb2_grpc as ground_grpc  # noqa: E402
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels  # noqa: E402
from tripsmith.hotels.v1 import hotels_service_pb2_grpc as hotels_grpc  # noqa: E402
from tripsmith.runtime.auth import internal_metadata  # noqa: E402
from tripsmith.runtime.probe import GrpcHealthProbe, probe_once  # noqa: E402
from tripsmith.core.dates import date_message  # noqa: E402

ROUTES = [("BOS", "LIS"), ("JFK", "LHR"), ("DEN", "MCO"), ("SFO", "NRT"), ("CDG", "FCO"), ("LIS", "OPO")]
CITIES = ["Lisbon", "London", "Orlando", "Tokyo", "Rome", "Porto"]
#: City pairs that ground transport serves: trains, coaches, cars and taxis, in and out of the rail data.
JOURNEYS = [("Paris", "Lyon"), ("Rome", "Florence"), ("Lisbon", "Porto"), ("Boston", "New York"),
            ("Florence", "Pisa"), ("Madrid", "Barcelona")]
METADATA = internal_metadata("bench", INTERNAL_TOKEN)


def flight_requests():
    for day, (origin, destination) in itertools.cycle(itertools.product(range(30, 60, 3), ROUTES)):
        yield "SearchFlights", flights.SearchFlightsRequest(
            origin=Place(iata_code=origin), destination=Place(iata_code=destination),
            departure_date=date_message(dt.date.today() + dt.timedelta(days=day)), passengers=Party(adults=2))


def hotel_requests():
    for day, city in itertools.cycle(itertools.product(range(30, 60, 3), CITIES)):
        start = dt.date.today() + dt.timedelta(days=day)
        yield "SearchHotels", hotels.SearchHotelsRequest(
            city=Place(city_name=city), check_in_date=date_message(start),
            check_out_date=date_message(start + dt.timedelta(days=4)), guests=Party(adults=2))


def journey_requests():
    for day, (origin, destination) in itertools.cycle(itertools.product(range(30, 60, 3), JOURNEYS)):
        yield "SearchJourneys", ground.SearchJourneysRequest(
            origin=Place(city_name=origin), destination=Place(city_name=destination),
            departure_date=date_message(dt.date.today() + dt.timedelta(days=day)), party=Party(adults=2))


def health_requests(service: str):
    while True:
        yield "Check", health_pb2.HealthCheckRequest(service=service)


async def load(stub, requests, seconds: float, concurrency: int) -> list[float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker():
        while time.perf_counter() < deadline:
            method, request = next(requests)
            began = time.perf_counter()
            await getattr(stub, method)(request, metadata=METADATA, timeout=30)
            latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


def describe(label: str, latencies: list[float], seconds: float) -> tuple[str, float]:
    ordered = sorted(latencies)
    rps = len(ordered) / seconds
    p50, p99 = statistics.median(ordered), ordered[int(0.99 * (len(ordered) - 1))]
    return f"  {label:<16} {rps:8.1f} req/s   p50 {p50 * 1000:7.2f} ms   p99 {p99 * 1000:7.2f} ms", rps


async def bench(name: str, module: str, service: str, stub_class, requests, seconds: float, concurrency: int,
                telemetry: bool = False) -> float:
    """Prints the figures of one server; returns its search throughput."""
    [port] = free_ports(1)
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, f"TRIPSMITH_{name.upper()}_PORT": str(port), "TRIPSMITH_DATA_DIR": data_dir,
               "TRIPSMITH_INTERNAL_TOKEN": INTERNAL_TOKEN, "TRIPSMITH_LOG_LEVEL": "WARNING"}
        # Telemetry on means the default: spans and metrics to OTLP-JSON files.
        env["OTEL_SDK_DISABLED"] = "false" if telemetry else "true"
        server = subprocess.Popen([sys.executable, "-m", module], env=env)
        try:
            address = f"127.0.0.1:{port}"
            while not await probe_once(GrpcHealthProbe(address, service)):
                await asyncio.sleep(0.1)
            async with grpc.aio.insecure_channel(address) as channel:
                await load(stub_class(channel), requests, 1.0, concurrency)  # warm-up
                health = await load(health_pb2_grpc.HealthStub(channel), health_requests(service), seconds, concurrency)
                search = await load(stub_class(channel), requests, seconds, concurrency)
            print(f"{name}, telemetry {'on' if telemetry else 'off'} ({concurrency} concurrent callers, {seconds:.0f} s each):")
            line, health_rps = describe("health check", health, seconds)
            print(line)
            line, search_rps = describe("search", search, seconds)
            print(line)
            print(f"  search throughput = {search_rps / health_rps:.3f} x health-check throughput")
            return search_rps
        finally:
            server.terminate()
            server.wait()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores")
    off = await bench("flights", "services.flights", "tripsmith.flights.v1.FlightsService",
                      flights_grpc.FlightsServiceStub, flight_requests(), args.seconds, args.concurrency)
    on = await bench("flights", "services.flights", "tripsmith.flights.v1.FlightsService",
                     flights_grpc.FlightsServiceStub, flight_requests(), args.seconds, args.concurrency, telemetry=True)
    print(f"tracing and metrics cost {1 - on / off:.1%} of flights search throughput (same run)")
    await bench("hotels", "services.hotels", "tripsmith.hotels.v1.HotelsService", hotels_grpc.HotelsServiceStub,
                hotel_requests(), args.seconds, args.concurrency)
    await bench("ground", "services.ground", "tripsmith.ground.v1.GroundService", ground_grpc.GroundServiceStub,
                journey_requests(), args.seconds, args.concurrency)


if __name__ == "__main__":
    asyncio.run(main())
