"""The planner worker: runs ItineraryWorkflow and its activities on the planner task queue.

`python -m workflows` runs one; `tripsmith up` starts it after the suppliers and the model.
Workers are stateless and scale horizontally: every one polls the same task queue. GET
/healthz on TRIPSMITH_WORKER_PORT answers 200 while the worker is connected and polling.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from aiohttp import web
from pydantic import Field
from temporalio.client import Client
from opentelemetry import metrics
from temporalio.contrib.opentelemetry import MetricsExporter
from temporalio.runtime import MetricBuffer, MetricBufferDurationFormat, Runtime, TelemetryConfig
from temporalio.worker import Worker

from tripsmith.runtime.temporal import connect_temporal
from tripsmith.runtime.config import port_field
from tripsmith.runtime.http_server import add_health, start_http_server
from tripsmith.runtime.process import run_process
from workflows.activities import PlannerActivities
from workflows.config import WorkerConfig
from workflows.itinerary import ItineraryWorkflow
from workflows.watchdog import StuckItineraries

log = logging.getLogger(__name__)


class WorkerProcessConfig(WorkerConfig):
    """The worker process: its settings plus the port of its health endpoint."""

    port: int = port_field("worker")
    shutdown_grace_seconds: float = Field(default=5.0, ge=0, le=300)


async def connect(config: WorkerConfig, runtime: Runtime | None = None) -> Client:
    """A Temporal client whose calls, workflows and activities are traced."""
    return await connect_temporal(config, runtime)


def metrics_runtime() -> tuple[Runtime, MetricBuffer]:
    """A Temporal runtime whose SDK metrics (task latencies, schedule-to-start, failures) and
    the workflow's own (`workflow.metric_meter()`: itineraries by outcome, plan latency) are
    buffered, for a MetricsExporter to pass to this process's OpenTelemetry meter provider:
    the same exporters as every other metric (OTLP, files or Prometheus)."""
    buffer = MetricBuffer(10_000, duration_format=MetricBufferDurationFormat.SECONDS)
    return Runtime(telemetry=TelemetryConfig(metrics=buffer)), buffer


def build_worker(client: Client, config: WorkerConfig, activities: PlannerActivities) -> Worker:
    return Worker(client, task_queue=config.task_queue, workflows=[ItineraryWorkflow], activities=activities.all(),
                  max_concurrent_activities=config.max_concurrent_activities,
                  # After a worker dies, its itineraries wait this long on its sticky queue before
                  # another worker takes them (and their queries and updates) up; 10 s by default.
                  sticky_queue_schedule_to_start_timeout=timedelta(seconds=3),
                  graceful_shutdown_timeout=timedelta(seconds=10))


async def serve(config: WorkerProcessConfig, stop: asyncio.Event) -> None:
    runtime, buffer = metrics_runtime()
    async with MetricsExporter(buffer, metrics.get_meter_provider()):
        await _serve(config, stop, await connect(config, runtime))


async def _serve(config: WorkerProcessConfig, stop: asyncio.Event, client: Client) -> None:
    activities = PlannerActivities(config)
    worker = build_worker(client, config, activities)
    app = web.Application()
    add_health(app)
    runner, port = await start_http_server(app, config)
    log.info("worker polling", extra={"task_queue": config.task_queue, "temporal": config.temporal_target(),
                                      "health": f"http://{config.bind_host}:{port}/healthz"})
    running = asyncio.create_task(worker.run())
    watchdog = asyncio.create_task(StuckItineraries(client, config.task_queue).run())
    stopped = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait({running, stopped}, return_when=asyncio.FIRST_COMPLETED)
    if running in done:
        running.result()  # a worker that died on its own is an error: raise it
    watchdog.cancel()
    await worker.shutdown()
    await runner.cleanup()
    await activities.close()
    log.info("stopped")


def main() -> None:
    run_process("worker", WorkerProcessConfig, serve)
