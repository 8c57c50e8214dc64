"""The one way Tripsmith runs an HTTP server (the OpenAI-compatible model endpoint).

It shares the process life of the gRPC services (`tripsmith.runtime.process`) and adds
`GET /healthz`, which answers 200 while serving and 503 once shutdown has begun.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable

from aiohttp import web
from opentelemetry.instrumentation.aiohttp_server import AioHttpServerInstrumentor

from tripsmith.runtime.config import ServiceConfig
from tripsmith.runtime.process import run_process

log = logging.getLogger(__name__)

_SERVING = web.AppKey("serving", dict)


async def _healthz(request: web.Request) -> web.Response:
    state = request.app[_SERVING]
    status = "SERVING" if state["serving"] else "NOT_SERVING"
    return web.json_response({"status": status}, status=200 if state["serving"] else 503)


def add_health(app: web.Application) -> None:
    """Adds GET /healthz to an application."""
    app[_SERVING] = {"serving": True}
    app.router.add_get("/healthz", _healthz)


async def start_http_server(app: web.Application, config: ServiceConfig) -> tuple[web.AppRunner, int]:
    """Starts the app on the configured address; returns the runner and the bound port."""
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=config.shutdown_grace_seconds)
    await runner.setup()
    site = web.TCPSite(runner, config.bind_host, config.port, reuse_port=False)
    await site.start()
    port = runner.addresses[0][1]
    return runner, port


def run_http_service(
    service: str,
    config_class: type[ServiceConfig],
    create_app: Callable[[ServiceConfig], web.Application],
) -> None:
    """The entry point of an HTTP service process."""

    async def serve(config: ServiceConfig, stop: asyncio.Event) -> None:
        # Server spans, continuing the caller's trace from its traceparent header; health
        # probes are not traced.
        os.environ.setdefault("OTEL_PYTHON_AIOHTTP_SERVER_EXCLUDED_URLS", "healthz")
        AioHttpServerInstrumentor().instrument()
        app = create_app(config)
        runner, port = await start_http_server(app, config)
        log.info("serving", extra={"address": f"http://{config.bind_host}:{port}"})
        await stop.wait()
        app[_SERVING]["serving"] = False
        log.info("shutting down", extra={"grace_seconds": config.shutdown_grace_seconds})
        await runner.cleanup()
        log.info("stopped")

    run_process(service, config_class, serve)
