"""The one way Tripsmith builds, runs and stops a gRPC server.

Every server gets standard `grpc.health.v1` health (per service name and overall), server
reflection, OpenTelemetry server spans, and an interceptor that turns domain errors into
canonical codes with rich details and anything unexpected into INTERNAL: the caller sees a
trace id, never the exception, and the log has the stack trace with the same trace id.
Shutdown flips health to NOT_SERVING first, then lets in-flight calls finish within the
grace period.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from grpc_status import rpc_status
from opentelemetry import trace
from opentelemetry.instrumentation.grpc import aio_server_interceptor, filters

from tripsmith.core.errors import ERROR_DOMAIN, Internal, InvalidArgument, ResourceExhausted, TripsmithError
from tripsmith.runtime.call_guard import CallGuard
from tripsmith.runtime.config import ServiceConfig
from tripsmith.runtime.metrics import ServerMetricsInterceptor
from tripsmith.runtime.process import run_process

log = logging.getLogger(__name__)

#: Health probes and reflection arrive every few hundred milliseconds and say nothing about
#: an itinerary, so they are not traced.
_TRACED_CALLS = filters.negate(
    filters.any_of(filters.health_check(), filters.service_prefix("grpc.reflection."))
)

#: Messages larger than this are refused by the transport before any handler runs.
MAX_MESSAGE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class ServiceBinding:
    """A servicer and the generated function that registers it, for one proto service."""

    full_name: str
    servicer: Any
    add_to_server: Callable[[Any, grpc.aio.Server], None]


@dataclass
class GrpcServer:
    """A started-or-not gRPC server with the health state it publishes."""

    server: grpc.aio.Server
    health: health.aio.HealthServicer
    service_names: tuple[str, ...]

    async def start(self) -> None:
        await self.server.start()
        for name in ("", *self.service_names):
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, grace_seconds: float) -> None:
        # Load balancers and the stack stop sending new calls once health says NOT_SERVING.
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace_seconds)

    async def wait_for_termination(self) -> None:
        await self.server.wait_for_termination()


def rich_status(error: TripsmithError, trace_id: str | None = None) -> grpc.Status:
    """The gRPC status, with ErrorInfo and BadRequest or RetryInfo details, for an error."""
    metadata = dict(error.metadata)
    if trace_id:
        metadata["trace_id"] = trace_id
    details = [error_details_pb2.ErrorInfo(reason=error.reason, domain=ERROR_DOMAIN, metadata=metadata)]
    if isinstance(error, InvalidArgument):
        details.append(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
                    for v in error.violations
                ]
            )
        )
    if isinstance(error, ResourceExhausted):
        delay = duration_pb2.Duration()
        delay.FromNanoseconds(int(error.retry_after_seconds * 1e9))
        details.append(error_details_pb2.RetryInfo(retry_delay=delay))
    packed = []
    for detail in details:
        wrapped = any_pb2.Any()
        wrapped.Pack(detail)
        packed.append(wrapped)
    return rpc_status.to_status(
        status_pb2.Status(code=getattr(code_pb2, error.code), message=error.message, details=packed)
    )


def _current_trace_id() -> str | None:
    context = trace.get_current_span().get_span_context()
    return trace.format_trace_id(context.trace_id) if context.is_valid else None


async def _abort_for(error: BaseException, context: grpc.aio.ServicerContext, method: str) -> None:
    """Aborts the call with the status that `error` deserves; always raises."""
    trace_id = _current_trace_id()
    if isinstance(error, TripsmithError):
        status = rich_status(error, trace_id)
        await context.abort(status.code, status.details, status.trailing_metadata)
    if isinstance(error, NotImplementedError):
        await context.abort(grpc.StatusCode.UNIMPLEMENTED, f"{method} is not implemented yet")
    log.error("unhandled error in %s", method, exc_info=error)
    status = rich_status(Internal(f"internal error; report trace id {trace_id or 'unknown'}"), trace_id)
    await context.abort(status.code, status.details, status.trailing_metadata)


class ErrorInterceptor(CallGuard):
    """Maps exceptions escaping a handler to canonical gRPC statuses."""

    @asynccontextmanager
    async def guard(self, method, context):
        try:
            yield
        except (grpc.aio.AbortError, asyncio.CancelledError):
            raise
        except Exception as error:  # noqa: BLE001 - this is the boundary that must catch all
            await _abort_for(error, context, method)


def build_grpc_server(
    config: ServiceConfig,
    bindings: Sequence[ServiceBinding],
    interceptors: Sequence[grpc.aio.ServerInterceptor] = (),
    credentials: grpc.ServerCredentials | None = None,
) -> tuple[GrpcServer, int]:
    """Creates a server for the bindings, bound to the configured host and port.

    `interceptors` run inside the error mapping, so the domain errors they raise (for
    example Unauthenticated) reach the caller as proper statuses. Returns the server (not
    started) and the bound port, which differs from the configured one when that is 0.
    `credentials` serve TLS (or mutual TLS) instead of plaintext.
    Call it from the event loop that will run the server.
    """
    server = grpc.aio.server(
        # Outermost first: the span and the duration include the error mapping and auth.
        interceptors=[aio_server_interceptor(filter_=_TRACED_CALLS), ServerMetricsInterceptor(), ErrorInterceptor(),
                      *interceptors],
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ("grpc.so_reuseport", 0),
        ],
    )
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    names = tuple(binding.full_name for binding in bindings)
    for binding in bindings:
        binding.add_to_server(binding.servicer, server)
    reflection.enable_server_reflection((*names, health.SERVICE_NAME, reflection.SERVICE_NAME), server)
    address = f"{config.bind_host}:{config.port}"
    port = server.add_secure_port(address, credentials) if credentials else server.add_insecure_port(address)
    if port == 0:
        raise OSError(f"cannot listen on {config.bind_host}:{config.port}")
    return GrpcServer(server, health_servicer, names), port


def run_grpc_service(
    service: str,
    config_class: type[ServiceConfig],
    create_server: Callable[[ServiceConfig], tuple[GrpcServer, int]],
) -> None:
    """The entry point of a gRPC service process (see `tripsmith.runtime.process`)."""

    async def serve(config: ServiceConfig, stop: asyncio.Event) -> None:
        server, port = create_server(config)
        await server.start()
        log.info("serving", extra={"address": f"{config.bind_host}:{port}", "services": list(server.service_names)})
        await stop.wait()
        log.info("shutting down", extra={"grace_seconds": config.shutdown_grace_seconds})
        await server.stop(config.shutdown_grace_seconds)
        log.info("stopped")

    run_process(service, config_class, serve)
