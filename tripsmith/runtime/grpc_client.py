"""The one way Tripsmith opens a gRPC channel: traced, with RED metrics, and bounded."""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2, status_pb2
from opentelemetry.instrumentation.grpc import aio_client_interceptors

from tripsmith.runtime.metrics import ClientMetricsInterceptor

MAX_MESSAGE_BYTES = 8 * 1024 * 1024


def channel(address: str) -> grpc.aio.Channel:
    """An insecure channel to an internal service (mutual TLS in production: docs/architecture.md)."""
    return grpc.aio.insecure_channel(
        address,
        interceptors=[*aio_client_interceptors(), ClientMetricsInterceptor()],
        options=[("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                 ("grpc.max_send_message_length", MAX_MESSAGE_BYTES)],
    )


def trailing_status(error: grpc.aio.AioRpcError) -> status_pb2.Status | None:
    """The google.rpc.Status an error carries in its trailers, if any."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            return status_pb2.Status.FromString(value)
    return None


def unpack_details(status: status_pb2.Status, message_type) -> list:
    """The details of one type (BadRequest, ErrorInfo, ...) in a status."""
    found = []
    for packed in status.details:
        if packed.Is(message_type.DESCRIPTOR):
            detail = message_type()
            packed.Unpack(detail)
            found.append(detail)
    return found


def details_of(error: grpc.aio.AioRpcError, message_type) -> list:
    """The rich-status details of one type an error carries."""
    status = trailing_status(error)
    return unpack_details(status, message_type) if status is not None else []


def error_reason(error: grpc.aio.AioRpcError) -> str:
    """The ErrorInfo reason of an error (for example SOLD_OUT), or its status code's name."""
    reasons = details_of(error, error_details_pb2.ErrorInfo)
    return reasons[0].reason if reasons else error.code().name
