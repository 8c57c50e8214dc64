"""The planner on real parts for tests: a Temporal dev server (one per test session), the four
supplier services and the model endpoint on port 0, and an in-process worker on a task queue
of the test's own."""

from __future__ import annotations

import contextlib
import dataclasses
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from temporalio.client import Client, WorkflowHandle

from services.flights.config import FlightsConfig
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
from tripsmith.runtime.http_server import start_http_server
from workflows.activities import PlannerActivities
from workflows.config import ModelEndpoint, WorkerConfig
from workflows.contracts import PlanInput, PlanningLimits, workflow_id
from workflows.itinerary import ItineraryWorkflow, start_attributes
from workflows.worker import build_worker

TEMPORAL = Path(sys.executable).parent / "temporal"
SEARCH_ATTRIBUTES = ("--search-attribute", "TripsmithTenant=Keyword", "--search-attribute", "TripsmithState=Keyword")


@pytest.fixture(scope="session")
def temporal_address(tmp_path_factory) -> str:
    """A Temporal dev server for the whole test session (it starts in about a second)."""
    port, ui_port = free_ports(2)
    log = (tmp_path_factory.mktemp("temporal") / "temporal.log").open("w")
    process = subprocess.Popen([str(TEMPORAL), "server", "start-dev", "--ip", "127.0.0.1", "--port", str(port),
                                "--ui-port", str(ui_port), "--headless", "--log-level", "error", *SEARCH_ATTRIBUTES],
                               stdout=log, stderr=subprocess.STDOUT)
    address = f"127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ok = subprocess.run([str(TEMPORAL), "operator", "search-attribute", "list", "--address", address],
                            capture_output=True, text=True)
        if ok.returncode == 0 and "TripsmithState" in ok.stdout:
            break
        time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError(f"the Temporal dev server did not start on {address}")
    yield address
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@dataclasses.dataclass
class Planner:
    client: Client
    task_queue: str
    config: WorkerConfig
    addresses: dict[str, str]
    tenant: str = "acme"

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
                  worker: bool = True) -> AsyncIterator[Planner]:
    """Suppliers, the model (or `model_url`, an OpenAI-compatible endpoint) and a worker."""
    async with contextlib.AsyncExitStack() as stack:
        addresses = {}
        for name, create, config_class in (("flights", flights_server, FlightsConfig),
                                           ("hotels", hotels_server, HotelsConfig),
                                           ("weather", weather_server, WeatherConfig),
                                           ("profile", profile_server, ProfileConfig)):
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
        client = await Client.connect(temporal_address)
        activities = PlannerActivities(config, ModelEndpoint(base_url=model_url))
        stack.push_async_callback(activities.close)
        if worker:
            running_worker = build_worker(client, config, activities)
            await stack.enter_async_context(running_worker)
        yield Planner(client, config.task_queue, config, addresses)


