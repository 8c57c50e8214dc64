"""The planner on real parts for tests: a Temporal dev server (one per test session), the four
supplier services and the model endpoint on port 0, and an in-process worker on a task queue
of the test's own."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterable
from pathlib import Path

from temporalio.client import Client, WorkflowHandle
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.worker import Worker

from services.flights.config import FlightsConfig
from services.ground.config import GroundConfig
from services.ground.server import create_server as ground_server
from services.flights.server import create_server as flights_server
from services.hotels.config import HotelsConfig
from services.hotels.server import create_server as hotels_server
from services.model.config import ModelConfig
from services.model.server import create_app
from services.profile.config import ProfileConfig
from services.profile.server import create_server as profile_server
from services.weather.config import WeatherConfig
from services.weather.server import create_server as weather_server
from tests.conftest import INTERNAL_TOKEN, free_ports
from tests.suppliers import make_config, running
from tripsmith.planner.v1 import planner_service_pb2 as planner_pb2
from tripsmith.runtime.http_server import start_http_server
from workflows.activities import PlannerActivities
from workflows.config import ModelEndpoint, WorkerConfig
from workflows import api
from workflows.api import PlanInput, PlanningLimits, start_attributes, workflow_id
from workflows.itinerary import SETTLED, ItineraryWorkflow
from workflows.worker import build_worker

TEMPORAL = Path(sys.executable).parent / "temporal"
SEARCH_ATTRIBUTES = ("--search-attribute", "TripsmithTenant=Keyword", "--search-attribute", "TripsmithState=Keyword")


def start_temporal_dev_server(directory: Path) -> tuple[subprocess.Popen, str]:
    """A Temporal dev server on free ports, ready, with the stack's search attributes."""
    port, ui_port = free_ports(2)
    log = (directory / "temporal.log").open("w")
    process = subprocess.Popen([str(TEMPORAL), "server", "start-dev", "--ip", "127.0.0.1", "--port", str(port),
                                "--ui-port", str(ui_port), "--headless", "--log-level", "error", *SEARCH_ATTRIBUTES],
                               stdout=log, stderr=subprocess.STDOUT)
    log.close()
    address = f"127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        listed = subprocess.run([str(TEMPORAL), "operator", "search-attribute", "list", "--address", address],
                                capture_output=True, text=True)
        if listed.returncode == 0 and "TripsmithState" in listed.stdout:
            return process, address
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"the Temporal dev server did not start on {address}; see {directory / 'temporal.log'}")


@dataclasses.dataclass
class Planner:
    client: Client
    task_queue: str
    config: WorkerConfig
    addresses: dict[str, str]
    tenant: str = "acme"
    #: The worker's activities (also what `worker()` runs) and the model endpoint they call.
    activities: PlannerActivities | None = None
    model_url: str = ""

    def worker(self) -> Worker:
        """A worker on this planner's task queue (an async context manager), for tests that
        start it themselves (`planner(..., worker=False)`)."""
        return build_worker(self.client, self.config, self.activities)

    async def start(self, text: str = "", traveler: str = "", trip_request: dict | None = None,
                    limits: PlanningLimits | None = None, tenant: str | None = None) -> WorkflowHandle:
        tenant = tenant or self.tenant
        itinerary_id = uuid.uuid4().hex[:16]
        return await self.client.start_workflow(
            ItineraryWorkflow.run, PlanInput(tenant=tenant, itinerary_id=itinerary_id, text=text, traveler=traveler,
                                             trip_request=trip_request, limits=limits or PlanningLimits()),
            id=workflow_id(tenant, itinerary_id), task_queue=self.task_queue,
            search_attributes=start_attributes(tenant))


@contextlib.asynccontextmanager
async def planner(temporal_address: str, data_dir: Path, model_url: str | None = None,
                  worker: bool = True, client: Client | None = None) -> AsyncIterator[Planner]:
    """Suppliers, the model (or `model_url`, an OpenAI-compatible endpoint) and a worker.

    `client` replaces the connection to `temporal_address`, for example the client of a
    time-skipping `WorkflowEnvironment`."""
    async with contextlib.AsyncExitStack() as stack:
        addresses = {}
        for name, create, config_class in (("flights", flights_server, FlightsConfig),
                                           ("hotels", hotels_server, HotelsConfig),
                                           ("weather", weather_server, WeatherConfig),
                                           ("profile", profile_server, ProfileConfig),
                                           ("ground", ground_server, GroundConfig)):
            _, addresses[name] = await stack.enter_async_context(running(create, config_class, data_dir))
        if model_url is None:
            model_config = make_config(ModelConfig, port=0, data_dir=data_dir)
            runner, port = await start_http_server(create_app(model_config), model_config)
            stack.push_async_callback(runner.cleanup)
            model_url = f"http://127.0.0.1:{port}/v1"
        ports = {f"{name}_port": int(address.rsplit(":", 1)[1]) for name, address in addresses.items()}
        config = make_config(WorkerConfig, data_dir=data_dir, internal_token=INTERNAL_TOKEN,
                             temporal_address=temporal_address, task_queue=f"test-{uuid.uuid4().hex[:12]}",
                             model_timeout_seconds=5, **ports)
        client = client or await Client.connect(temporal_address, interceptors=[TracingInterceptor()])
        activities = PlannerActivities(config, ModelEndpoint(base_url=model_url))
        stack.push_async_callback(activities.close)
        if worker:
            running_worker = build_worker(client, config, activities)
            await stack.enter_async_context(running_worker)
        yield Planner(client, config.task_queue, config, addresses, activities=activities, model_url=model_url)


async def settled(handle: WorkflowHandle, timeout: float = 60.0, past: Iterable[int] = ()) -> planner_pb2.Itinerary:
    """The itinerary once it is in a settled state not in `past` (the state it may still show
    right after an update that the run has not acted on yet, such as `cancel`), polling the
    `current` query; an AssertionError with the last state seen after `timeout` seconds."""
    past = set(past)
    deadline = time.monotonic() + timeout
    itinerary = planner_pb2.Itinerary()
    while time.monotonic() < deadline:
        itinerary = await handle.query(api.QUERY_CURRENT, result_type=planner_pb2.Itinerary)
        if itinerary.state in SETTLED and itinerary.state not in past:
            return itinerary
        await asyncio.sleep(0.1)
    raise AssertionError(f"{handle.id} did not settle within {timeout:g} s: it is "
                         f"{planner_pb2.State.Name(itinerary.state)} ({itinerary.failure_reason or 'no failure'})")




@dataclasses.dataclass
class Gateway:
    """A running gateway on the planner's task queue, with one API key per test tenant."""

    address: str
    stub: object
    keys: dict[str, str]
    tenants: object

    def auth(self, tenant: str = "acme") -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.keys[tenant]}"),)


@contextlib.asynccontextmanager
async def gateway(planner_: Planner, data_dir: Path, tenants: tuple[str, ...] = ("acme", "globex"),
                  **settings) -> AsyncIterator[Gateway]:
    """The gateway in-process on port 0, sharing the planner's Temporal client and task queue."""
    import grpc

    from services.gateway.config import GatewayConfig
    from services.gateway.server import create_server
    from services.gateway.tenants import Tenants
    from tripsmith.planner.v1 import planner_service_pb2_grpc

    config = make_config(GatewayConfig, port=0, data_dir=data_dir, task_queue=planner_.task_queue, **settings)
    store = Tenants(config.tenants_file())
    keys = {}
    for tenant in tenants:
        store.create_tenant(tenant)
        keys[tenant] = store.create_key(tenant)[1]
    server, port = create_server(config, planner_.client)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield Gateway(f"127.0.0.1:{port}", planner_service_pb2_grpc.PlannerServiceStub(channel), keys, store)
    finally:
        await server.stop(0)


# --- Trip dates relative to today -------------------------------------------------------------
#
# A live plan needs a start date that is not in the past (the workflow rejects it) and within
# the suppliers' booking horizon (flights and hotels sell up to 365 days ahead), so tests
# that plan through the real clock take their dates from today rather than from a calendar.


def trip_dates(lead_days: int = 100, nights: int = 7,
               today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """(start, end) of a trip leaving `lead_days` after `today` (default: the local date
    today) and returning `nights` later. 100 days ahead leaves room for a refinement
    ("one more night") well inside the booking horizon, and for a day of clock skew between
    this process and the workflow's UTC "today"; the whole trip, refinements included, must
    stay within the horizon (a trip 358 days ahead plus "one more night" does not)."""
    start = (today or datetime.date.today()) + datetime.timedelta(days=lead_days)
    return start, start + datetime.timedelta(days=nights)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def trip_period(start: datetime.date, end: datetime.date) -> str:
    """The dates as the embedded model reads them: "March 3 to March 10 2027", or with the
    year on both dates when they differ: "December 28 2027 to January 4 2028". The year
    always stated makes the reading independent of the model's reference date."""
    def month(date: datetime.date) -> str:  # not %B, which follows the C library's locale
        return _MONTHS[date.month - 1]

    if start.year == end.year:
        return f"{month(start)} {start.day} to {month(end)} {end.day} {end.year}"
    return f"{month(start)} {start.day} {start.year} to {month(end)} {end.day} {end.year}"


def lisbon_request(start: datetime.date, end: datetime.date, budget: int = 6000) -> str:
    """The tests' standard free-text request: Boston to Lisbon, two adults, a budget in USD.
    For example "From Boston to Lisbon March 3 to March 10 2027 for 2 adults, budget $6000"."""
    return f"From Boston to Lisbon {trip_period(start, end)} for 2 adults, budget ${budget}"


#: The standard trip: 100 days from today, 7 nights.
TRIP_START, TRIP_END = trip_dates()
