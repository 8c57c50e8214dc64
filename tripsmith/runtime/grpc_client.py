"""The one way Tripsmith opens a gRPC channel: traced, with RED metrics, and bounded."""

from __future__ import annotations

import grpc
from opentelemetry.instrumentation.grpc import aio_client_interceptors

from tripsmith.runtime.metrics import ClientMetricsInterceptor

MAX_MESSAGE_BYTES = 8 * 1024 * 1024


def channel(address: str) -> grpc.aio.Channel:
    """An insecure channel to an internal service (mutual TLS in production: DESIGN.md)."""
    return grpc.aio.insecure_channel(
        address,
        interceptors=[*aio_client_interceptors(), ClientMetricsInterceptor()],
        options=[("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                 ("grpc.max_send_message_length", MAX_MESSAGE_BYTES)],
    )
