"""Reads one trace back from the local span files and draws it as a terminal waterfall.

Contract:

- `load_trace(data_dir, trace_id)` reads every `<data_dir>/telemetry/traces-*.jsonl` (the
  files `tripsmith.runtime.telemetry` writes when no OTLP exporter is configured: one OTLP
  `ExportTraceServiceRequest` in JSON per line, appended per process) and returns the spans
  of that trace. Files are streamed line by line and lines that do not mention the trace are
  not parsed; malformed lines (a partial last line of a live process, garbage) are skipped.
  Ids may be hex, as the OTLP JSON encoding and our exporter write them, or base64, as a
  generic protobuf-to-JSON conversion writes them; both come back as lowercase hex. A span
  written twice (a retried export, a replayed workflow) is returned once: the first copy
  found, reading files in name order.
- `critical_path(spans)` approximates the critical path, see its docstring.
- `render(spans, width, color)` draws the waterfall: tree order, a shared time axis, errors,
  orphans (spans whose parent is not in the trace, shown at top level) and the critical path
  marked, with a header and a critical-path footer. The output depends only on the spans.
- `jaeger_link(trace_id)` is the Jaeger UI address of the trace when spans go over OTLP.
- `show_trace(data_dir, trace_id, out, color)` is the body of `tripsmith trace`: exit status
  0 when the trace was drawn, 1 when no local span of it exists, 2 for a malformed trace id;
  diagnostics are one line on stderr.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from tripsmith.core.exits import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK

__all__ = ["Span", "critical_path", "jaeger_link", "load_trace", "render", "show_trace"]

_TRACE_ID = re.compile(r"[0-9a-f]{32}")
_KINDS = {0: "unspecified", 1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer"}
_STATUS_ERROR = 2
_RED, _YELLOW, _DIM, _BOLD, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[1m", "\x1b[0m"


@dataclass(frozen=True)
class Span:
    """One span as read from a span file; ids are lowercase hex, times Unix nanoseconds."""

    trace_id: str
    span_id: str
    parent_id: str | None
    name: str
    service: str
    kind: str
    start_ns: int
    end_ns: int
    error: bool = False
    status_message: str = ""
    attributes: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def duration_ns(self) -> int:
        return max(0, self.end_ns - self.start_ns)


def normalize_trace_id(trace_id: str) -> str | None:
    """The trace id as 32 lowercase hex digits, or None when it is not a valid W3C trace id."""
    candidate = trace_id.strip().lower()
    if not _TRACE_ID.fullmatch(candidate) or candidate == "0" * 32:
        return None
    return candidate


# --- Reading span files -------------------------------------------------------------------


def _get(mapping: dict, camel: str, snake: str, default: Any = None) -> Any:
    # OTLP JSON uses lowerCamelCase; protobuf's preserving_proto_field_name writes snake_case.
    value = mapping.get(camel)
    return mapping.get(snake, default) if value is None else value


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _id(value: Any, size: int) -> str | None:
    """A hex id from the hex (OTLP JSON) or base64 (protobuf JSON) form; None if absent."""
    if not isinstance(value, str) or not value:
        return None
    if len(value) == size * 2:
        try:
            raw = bytes.fromhex(value)
        except ValueError:
            raw = b""
        if raw:
            return None if not any(raw) else raw.hex()
    try:
        text = value.replace("-", "+").replace("_", "/")
        raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) != size or not any(raw):
        return None
    return raw.hex()


def _value(value: Any) -> Any:
    """A Python value from an OTLP JSON AnyValue."""
    if not isinstance(value, dict):
        return value
    for key in ("stringValue", "string_value", "boolValue", "bool_value", "doubleValue", "double_value",
                "bytesValue", "bytes_value"):
        if key in value:
            return value[key]
    for key in ("intValue", "int_value"):
        if key in value:
            try:
                return int(value[key])
            except (TypeError, ValueError):
                return value[key]
    array = _get(value, "arrayValue", "array_value")
    if isinstance(array, dict):
        return [_value(item) for item in _list(array.get("values"))]
    kvlist = _get(value, "kvlistValue", "kvlist_value")
    if isinstance(kvlist, dict):
        return _attributes(kvlist.get("values"))
    return None


def _attributes(items: Any) -> dict[str, Any]:
    return {item["key"]: _value(item.get("value")) for item in _list(items)
            if isinstance(item, dict) and isinstance(item.get("key"), str)}


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return value.removeprefix("SPAN_KIND_").lower() or "unspecified"
    return _KINDS.get(value, "unspecified") if isinstance(value, int) else "unspecified"


def _error(status: Any) -> tuple[bool, str]:
    if not isinstance(status, dict):
        return False, ""
    code = status.get("code")
    error = code == _STATUS_ERROR or code == "STATUS_CODE_ERROR"
    return error, str(status.get("message") or "")


def _spans_of(request: Any, trace_id: str) -> Iterator[Span]:
    """The spans of one trace in one decoded ExportTraceServiceRequest; wrong shapes yield none."""
    if not isinstance(request, dict):
        return
    for resource_spans in _list(_get(request, "resourceSpans", "resource_spans")):
        if not isinstance(resource_spans, dict):
            continue
        resource = resource_spans.get("resource") or {}
        service = _attributes(resource.get("attributes") if isinstance(resource, dict) else None)
        service_name = str(service.get("service.name") or "unknown_service")
        for scope_spans in _list(_get(resource_spans, "scopeSpans", "scope_spans")):
            if not isinstance(scope_spans, dict):
                continue
            for raw in _list(scope_spans.get("spans")):
                if not isinstance(raw, dict) or _id(_get(raw, "traceId", "trace_id"), 16) != trace_id:
                    continue
                span_id = _id(_get(raw, "spanId", "span_id"), 8)
                if span_id is None:
                    continue
                try:
                    start = int(_get(raw, "startTimeUnixNano", "start_time_unix_nano", 0))
                    end = int(_get(raw, "endTimeUnixNano", "end_time_unix_nano", 0))
                except (TypeError, ValueError):
                    continue
                error, message = _error(raw.get("status"))
                yield Span(trace_id=trace_id, span_id=span_id,
                           parent_id=_id(_get(raw, "parentSpanId", "parent_span_id"), 8),
                           name=str(raw.get("name") or ""), service=service_name, kind=_kind(raw.get("kind")),
                           start_ns=start, end_ns=max(start, end), error=error, status_message=message,
                           attributes=_attributes(raw.get("attributes")))


def _needles(trace_id: str) -> tuple[bytes, ...]:
    raw = bytes.fromhex(trace_id)
    # Unpadded, so that base64 ids written without padding are found too.
    return (trace_id.encode(), trace_id.upper().encode(), base64.b64encode(raw).rstrip(b"="),
            base64.urlsafe_b64encode(raw).rstrip(b"="))


def load_trace(data_dir: Path, trace_id: str) -> list[Span]:
    """The spans of `trace_id` in `<data_dir>/telemetry/traces-*.jsonl`, deduplicated by span id,
    sorted by start time. A malformed trace id raises ValueError."""
    normalized = normalize_trace_id(trace_id)
    if normalized is None:
        raise ValueError(f"malformed trace id {trace_id!r}: expected 32 hex characters")
    needles = _needles(normalized)
    found: dict[str, Span] = {}
    for path in sorted((Path(data_dir) / "telemetry").glob("traces-*.jsonl")):
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            continue
        with handle:
            for line in handle:
                if not any(needle in line for needle in needles):
                    continue
                try:
                    request = json.loads(line)
                except ValueError:  # A partial line being written, or garbage; UnicodeDecodeError too.
                    continue
                for span in _spans_of(request, normalized):
                    found.setdefault(span.span_id, span)
    return sorted(found.values(), key=lambda span: (span.start_ns, span.span_id))


# --- Tree and critical path ---------------------------------------------------------------


def _order(spans: Iterable[Span]) -> list[Span]:
    return sorted(spans, key=lambda span: (span.start_ns, -span.end_ns, span.span_id))


def _children(spans: list[Span]) -> dict[str | None, list[Span]]:
    known = {span.span_id for span in spans}
    children: dict[str | None, list[Span]] = {}
    for span in spans:
        parent = span.parent_id if span.parent_id in known and span.parent_id != span.span_id else None
        children.setdefault(parent, []).append(span)
    return {parent: _order(group) for parent, group in children.items()}


def _tree(spans: list[Span]) -> list[tuple[Span, int]]:
    """(span, depth) in tree order: top-level spans and every child list sorted by start.
    Spans caught in a parent cycle (corrupt data) are appended at top level."""
    children = _children(spans)
    rows: list[tuple[Span, int]] = []
    seen: set[str] = set()

    def walk(span: Span, depth: int) -> None:
        stack = [(span, depth)]
        while stack:
            current, level = stack.pop()
            if current.span_id in seen:
                continue
            seen.add(current.span_id)
            rows.append((current, level))
            stack.extend((child, level + 1) for child in reversed(children.get(current.span_id, [])))

    for top in children.get(None, []):
        walk(top, 0)
    for span in _order(spans):
        walk(span, 0)
    return rows


def critical_path(spans: Iterable[Span]) -> list[Span]:
    """The critical path, root first, by the approximation waterfall views use.

    Start at the root: the longest span without a parent (earliest start on ties), or, when
    the trace has none, the longest top-level span (one whose parent is not in the trace).
    Then repeatedly step to the child that ends last among the children that end no later
    than their parent (work the parent had to wait for); when every child outlives its
    parent (fire-and-forget work), step to the latest-ending child. Ties go to the child that
    started first. It follows one chain from the root down to a leaf; sequential siblings that
    also delayed the parent are not on it.
    """
    spans = list(spans)
    if not spans:
        return []
    children = _children(spans)
    tops = children.get(None, [])
    roots = [span for span in tops if span.parent_id is None] or tops or _order(spans)
    current = min(roots, key=lambda span: (-span.duration_ns, span.start_ns, span.span_id))
    path = [current]
    seen = {current.span_id}
    while True:
        candidates = [child for child in children.get(current.span_id, []) if child.span_id not in seen]
        if not candidates:
            return path
        inside = [child for child in candidates if child.end_ns <= current.end_ns] or candidates
        current = min(inside, key=lambda span: (-span.end_ns, span.start_ns, span.span_id))
        path.append(current)
        seen.add(current.span_id)


# --- Rendering ----------------------------------------------------------------------------


def _ms(ns: int) -> str:
    ms = ns / 1e6
    return f"{ms:.2f} ms" if ms < 10 else f"{ms:.1f} ms"


def _fit(text: str, width: int) -> str:
    if len(text) <= width:
        return text.ljust(width)
    return (text[: width - 3] + "...") if width > 3 else text[:width]


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color and text else text


def _path_shares(path: list[Span]) -> list[tuple[Span, int]]:
    """Each critical-path span with the time it takes itself: its window, clipped to its
    predecessor's (a child outliving its parent does not delay it), minus the next step's."""
    windows: list[tuple[int, int]] = []
    for span in path:
        start, end = span.start_ns, span.end_ns
        if windows:
            start, end = max(start, windows[-1][0]), min(end, windows[-1][1])
            end = max(start, end)
        windows.append((start, end))
    shares = []
    for index, (span, (start, end)) in enumerate(zip(path, windows, strict=True)):
        own = end - start
        if index + 1 < len(windows):
            own -= windows[index + 1][1] - windows[index + 1][0]
        shares.append((span, max(0, own)))
    return shares


def render(spans: Iterable[Span], width: int = 100, color: bool = False) -> str:
    """The waterfall of one trace as text lines of at most `width` characters (60 at least).

    Each span line: `*` when on the critical path, the tree indent, service and span name,
    `[ERROR]` and `[orphan]` flags, the duration and a bar on the trace's time axis; an error
    span's status message follows on its own line. ANSI colors only with `color=True`.
    """
    spans = list(spans)
    if not spans:
        return "(no spans)\n"
    width = max(60, width)
    rows = _tree(spans)
    path = critical_path(spans)
    on_path = {span.span_id for span in path}
    known = {span.span_id for span in spans}
    t0 = min(span.start_ns for span in spans)
    total = max(span.end_ns for span in spans) - t0
    services = list(dict.fromkeys(span.service for span in _order(spans)))
    errors = sum(span.error for span in spans)
    orphans = sum(span.parent_id is not None and span.parent_id not in known for span in spans)

    bar_width = max(10, width // 3)
    duration_width = 11
    label_width = width - bar_width - duration_width - 4
    lines = [
        _paint(f"Trace {path[0].trace_id}", _BOLD, color),
        f"duration {_ms(total)}  spans {len(spans)}  errors {errors}  orphans {orphans}",
        f"services: {', '.join(services)}",
        "",
    ]
    left, right = "0 ms", _ms(total)
    axis = left + right.rjust(bar_width - len(left)) if bar_width > len(left) + len(right) else right.rjust(bar_width)
    lines.append(" " * (label_width + duration_width + 2) + " " + axis)
    for span, depth in rows:
        flags = (" [ERROR]" if span.error else "") + (
            " [orphan]" if span.parent_id is not None and span.parent_id not in known else "")
        head = ("* " if span.span_id in on_path else "  ") + "  " * depth
        name = f"{span.service} {span.name}"
        room = label_width - len(head) - len(flags)
        label = head + (_fit(name, room).rstrip() if room > 0 else "") + flags
        label = _fit(label, label_width)
        if total > 0:
            begin = min(bar_width - 1, (span.start_ns - t0) * bar_width // total)
            end = -(-(span.end_ns - t0) * bar_width // total)
        else:
            begin, end = 0, bar_width
        end = max(begin + 1, min(bar_width, end))
        bar = " " * begin + "=" * (end - begin) + " " * (bar_width - end)
        if span.error:
            label = label.replace(" [ERROR]", " " + _paint("[ERROR]", _RED, color), 1)
        if span.parent_id is not None and span.parent_id not in known:
            label = label.replace(" [orphan]", " " + _paint("[orphan]", _DIM, color), 1)
        if span.span_id in on_path:
            bar = _paint(bar, _YELLOW, color)
        lines.append(f"{label} {_ms(span.duration_ns).rjust(duration_width)} |{bar}|")
        if span.error:
            indent = "  " + "  " * depth + "  "
            message = _fit(f"{indent}error: {span.status_message or '(no message)'}", width).rstrip()
            lines.append(_paint(message, _RED, color))
    lines.append("")
    lines.append(_fit("Critical path (last-ending child at each level; own time = not in the next step):",
                      width))
    for span, own in _path_shares(path):
        share = 100.0 * own / total if total else 100.0
        figures = f" {_ms(span.duration_ns).rjust(duration_width)}  own {_ms(own).rjust(duration_width)} {share:5.1f}%"
        room = max(10, width - len(figures))
        lines.append(_fit(f"  {span.service} {span.name}", room).rstrip().ljust(room) + figures)
    return "\n".join(line.rstrip() for line in lines) + "\n"


# --- The command --------------------------------------------------------------------------


def jaeger_link(trace_id: str) -> str | None:
    """The Jaeger UI address of the trace when an OTLP traces endpoint is configured:
    `TRIPSMITH_JAEGER_UI_URL` if set, else port 16686 on the endpoint's host."""
    endpoint = (os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
                or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or "").strip()
    if not endpoint:
        return None
    trace_id = trace_id.strip().lower()
    ui = os.environ.get("TRIPSMITH_JAEGER_UI_URL", "").strip()
    if ui:
        return f"{ui.rstrip('/')}/trace/{trace_id}"
    host = urlsplit(endpoint if "://" in endpoint else f"http://{endpoint}").hostname
    if not host:
        return None
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:16686/trace/{trace_id}"


def show_trace(data_dir: Path, trace_id: str, out: TextIO, color: bool = False) -> int:
    """Prints the waterfall of a trace (and its Jaeger link) to `out`; the exit status."""
    normalized = normalize_trace_id(trace_id)
    if normalized is None:
        print(f"tripsmith trace: malformed trace id {trace_id!r}: expected 32 hex characters, not all zero",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    spans = load_trace(Path(data_dir), normalized)
    link = jaeger_link(normalized)
    if not spans:
        where = f"; see {link}" if link else ""
        print(f"tripsmith trace: no spans for trace {normalized} were found under {Path(data_dir) / 'telemetry'} "
              f"(traces exported over OTLP are in the collector{where})", file=sys.stderr)
        return EXIT_FAILED
    out.write(render(spans, color=color))
    if link:
        out.write(f"Jaeger: {link}\n")
    return EXIT_OK
