"""Structured logs: one JSON object per line on stderr, with the service and the trace id.

The trace and span ids come from the current OpenTelemetry span, so a log line can be
found from a trace and the other way round.
"""

from __future__ import annotations

import logging
import sys

from opentelemetry import trace
from pythonjsonlogger.json import JsonFormatter


class _TraceContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self._service
        context = trace.get_current_span().get_span_context()
        if context.is_valid:
            record.trace_id = trace.format_trace_id(context.trace_id)
            record.span_id = trace.format_span_id(context.span_id)
        return True


def setup_logging(service: str, level: str = "INFO") -> None:
    """Sends every log record of the process to stderr as JSON; safe to call twice."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_TraceContextFilter(service))
    handler.setFormatter(
        JsonFormatter(
            "{levelname}{name}{message}",
            style="{",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
