"""RED metrics for gRPC: rate, errors and duration of every call, on the server and client.

`opentelemetry-instrumentation-grpc` traces calls but records no metrics, so these
interceptors record the semantic-convention histograms `rpc.server.call.duration` and
`rpc.client.call.duration` in seconds, with buckets suited to milliseconds, and the
attributes `rpc.system`, `rpc.service`, `rpc.method` and `rpc.grpc.status_code`. The count
of a histogram is the rate; its status codes are the errors.
"""

from __future__ import annotations

import time
from contextlib import asynccontextmanager

import grpc
from opentelemetry import metrics

from tripsmith.runtime.call_guard import STANDARD_SERVICES, CallGuard

#: Seconds: from a sub-millisecond health check to a slow upstream search.
DURATION_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def _split(method: str) -> tuple[str, str]:
    service, _, name = method.lstrip("/").rpartition("/")
    return service, name


def duration_histogram(meter: metrics.Meter, name: str, description: str) -> metrics.Histogram:
    return meter.create_histogram(name, unit="s", description=description,
                                  explicit_bucket_boundaries_advisory=list(DURATION_BUCKETS))


class ServerMetricsInterceptor(CallGuard):
    """Records rpc.server.call.duration for every call but health probes and reflection."""

    skips = STANDARD_SERVICES

    def __init__(self, meter: metrics.Meter | None = None) -> None:
        meter = meter or metrics.get_meter("tripsmith.rpc")
        self._duration = duration_histogram(meter, "rpc.server.call.duration", "Duration of gRPC calls served.")

    @asynccontextmanager
    async def guard(self, method, context):
        began = time.perf_counter()
        try:
            yield
        finally:
            code = context.code() or grpc.StatusCode.OK
            service, name = _split(method)
            self._duration.record(time.perf_counter() - began, {
                "rpc.system": "grpc", "rpc.service": service, "rpc.method": name,
                "rpc.grpc.status_code": code.value[0] if isinstance(code, grpc.StatusCode) else int(code),
            })


class ClientMetricsInterceptor(grpc.aio.UnaryUnaryClientInterceptor, grpc.aio.UnaryStreamClientInterceptor):
    """Records rpc.client.call.duration for the calls a channel makes."""

    def __init__(self, meter: metrics.Meter | None = None) -> None:
        meter = meter or metrics.get_meter("tripsmith.rpc")
        self._duration = duration_histogram(meter, "rpc.client.call.duration", "Duration of gRPC calls made.")

    def _record(self, method: bytes | str, began: float, code: grpc.StatusCode) -> None:
        service, name = _split(method.decode() if isinstance(method, bytes) else method)
        self._duration.record(time.perf_counter() - began, {
            "rpc.system": "grpc", "rpc.service": service, "rpc.method": name, "rpc.grpc.status_code": code.value[0]})

    async def intercept_unary_unary(self, continuation, client_call_details, request):
        began = time.perf_counter()
        call = await continuation(client_call_details, request)
        try:
            await call
            self._record(client_call_details.method, began, grpc.StatusCode.OK)
        except grpc.aio.AioRpcError as error:
            self._record(client_call_details.method, began, error.code())
        return call

    async def intercept_unary_stream(self, continuation, client_call_details, request):
        # A stream's duration is its time to the first response; the rest is the caller's pace.
        began = time.perf_counter()
        call = await continuation(client_call_details, request)
        self._record(client_call_details.method, began, grpc.StatusCode.OK)
        return call
