"""OpenTelemetry set-up, the same for every process.

Exporters and sampling come only from the standard `OTEL_*` variables: with an OTLP
endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` or its per-signal forms) or an explicit
`OTEL_TRACES_EXPORTER=otlp`, spans and metrics go over OTLP (`OTEL_EXPORTER_OTLP_PROTOCOL`
picks grpc or http/protobuf). With nothing set, they are written as OTLP JSON lines under
`<data dir>/telemetry/`, one file per process and signal, for `tripsmith trace` to read.
`OTEL_SDK_DISABLED=true` turns telemetry off. `OTEL_METRICS_EXPORTER` may list several
exporters ("otlp,prometheus"); "prometheus" serves `/metrics` on
`OTEL_EXPORTER_PROMETHEUS_HOST`:`OTEL_EXPORTER_PROMETHEUS_PORT` (127.0.0.1:9464 by default)
for a Prometheus server to scrape.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import MetricExporter, PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

from tripsmith import __version__


@dataclass
class Telemetry:
    """The providers of one process; `shutdown` flushes them."""

    tracer_provider: TracerProvider | None
    meter_provider: MeterProvider | None

    def shutdown(self) -> None:
        for provider in (self.tracer_provider, self.meter_provider):
            if provider is not None:
                provider.shutdown()


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() == "true"


def _otlp_requested(signal: str) -> bool:
    exporter = os.environ.get(f"OTEL_{signal.upper()}_EXPORTER", "").strip().lower()
    if exporter:
        return exporter == "otlp"
    return bool(
        os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or os.environ.get(f"OTEL_EXPORTER_OTLP_{signal.upper()}_ENDPOINT")
    )


def _http_protocol(signal: str) -> bool:
    protocol = os.environ.get(f"OTEL_EXPORTER_OTLP_{signal.upper()}_PROTOCOL") or os.environ.get(
        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"
    )
    return protocol.strip().lower().startswith("http")


def _span_processor(files: Path, service: str) -> SpanProcessor:
    """To a collector, spans go in batches. To the local files, each goes as it ends: an
    append is cheap, and a process killed mid-plan (SIGKILL, a crash) then loses none of its
    finished spans, which would leave their children in other processes without a parent."""
    if _otlp_requested("traces"):
        if _http_protocol("traces"):
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        else:
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        return BatchSpanProcessor(OTLPSpanExporter())
    from opentelemetry.exporter.otlp.json.file import FileSpanExporter

    return SimpleSpanProcessor(FileSpanExporter(files / f"traces-{service}.jsonl"))


def _metric_exporter(files: Path, service: str, otlp: bool) -> MetricExporter:
    if otlp:
        if _http_protocol("metrics"):
            from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
        else:
            from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
        return OTLPMetricExporter()
    from opentelemetry.exporter.otlp.json.file import FileMetricExporter

    return FileMetricExporter(files / f"metrics-{service}.jsonl")


def _metric_readers(files: Path, service: str) -> list:
    """The readers OTEL_METRICS_EXPORTER asks for: otlp, prometheus, none; by default OTLP
    when an endpoint is set, else local files."""
    listed = [name.strip().lower() for name in os.environ.get("OTEL_METRICS_EXPORTER", "").split(",") if name.strip()]
    readers = []
    if "prometheus" in listed:
        from opentelemetry.exporter.prometheus import PrometheusMetricReader
        from prometheus_client import start_http_server

        start_http_server(int(os.environ.get("OTEL_EXPORTER_PROMETHEUS_PORT", "9464")),
                          addr=os.environ.get("OTEL_EXPORTER_PROMETHEUS_HOST", "127.0.0.1"))
        readers.append(PrometheusMetricReader())
    pushed = [name for name in listed if name not in ("prometheus", "none")]
    if pushed or not listed:
        otlp = "otlp" in pushed or (not listed and _otlp_requested("metrics"))
        readers.append(PeriodicExportingMetricReader(_metric_exporter(files, service, otlp)))
    return readers


def setup_telemetry(service: str, data_dir: Path, environment: str) -> Telemetry:
    """Installs the global tracer and meter providers for this process."""
    if _env_true("OTEL_SDK_DISABLED"):
        return Telemetry(None, None)
    # Resource.create merges OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME over these.
    resource = Resource.create(
        {
            "service.name": f"tripsmith-{service}",
            "service.namespace": "tripsmith",
            "service.version": __version__,
            "deployment.environment.name": environment,
        }
    )
    files = data_dir / "telemetry"
    files.mkdir(parents=True, exist_ok=True)
    # The sampler comes from OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (SDK default).
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(_span_processor(files, service))
    trace.set_tracer_provider(tracer_provider)
    meter_provider = MeterProvider(resource=resource, metric_readers=_metric_readers(files, service))
    metrics.set_meter_provider(meter_provider)
    return Telemetry(tracer_provider, meter_provider)
