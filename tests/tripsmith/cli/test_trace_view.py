"""`tripsmith trace` reads back what the real exporter wrote: span files of two processes, a
trace crossing them through W3C trace context, an error, a span exported twice, an orphan,
and the debris a crashed or live writer leaves."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tripsmith.cli.trace_view import Span, critical_path, jaeger_link, load_trace, render, show_trace

ROOT = Path(__file__).resolve().parents[3]
MISSING_PARENT = "ab" * 8

# One process: installs telemetry with setup_telemetry (the global tracer provider can be set
# once per process, hence a subprocess per "service") and records the spans it is given with
# explicit times; prints the traceparent of each span.
WRITER = """
import json, sys
from pathlib import Path
from opentelemetry import propagate, trace
from opentelemetry.exporter.otlp.json.file import FileSpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode
from tripsmith.runtime.telemetry import setup_telemetry

job = json.load(sys.stdin)
telemetry = setup_telemetry(job["service"], Path(job["data_dir"]), "test")
tracer = trace.get_tracer("tests.trace_view")
ms = 1_000_000
spans, traceparents = {}, {}
for item in job["spans"]:
    if item.get("parent"):
        context = trace.set_span_in_context(spans[item["parent"]])
    elif item.get("traceparent"):
        context = propagate.extract({"traceparent": item["traceparent"]})
    else:
        context = None
    span = tracer.start_span(item["name"], context=context, kind=SpanKind[item.get("kind", "INTERNAL")],
                             start_time=job["base_ns"] + item["start"] * ms, attributes=item.get("attributes"))
    if item.get("error"):
        span.set_status(Status(StatusCode.ERROR, item["error"]))
    spans[item["name"]] = span
    carrier = {}
    propagate.inject(carrier, context=trace.set_span_in_context(span))
    traceparents[item["name"]] = carrier["traceparent"]
for item in reversed(job["spans"]):
    spans[item["name"]].end(end_time=job["base_ns"] + item["end"] * ms)
telemetry.tracer_provider.force_flush()
again = [spans[item["name"]] for item in job["spans"] if item.get("export_twice")]
if again:  # What a retried export does: the same spans written a second time.
    exporter = FileSpanExporter(Path(job["data_dir"]) / "telemetry" / f"traces-{job['service']}.jsonl")
    exporter.export(again)
    exporter.shutdown()
telemetry.shutdown()
print(json.dumps(traceparents))
"""


def write_spans(data_dir: Path, service: str, base_ns: int, spans: list[dict]) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("OTEL_") and key != "TRIPSMITH_JAEGER_UI_URL"}
    env["OTEL_METRICS_EXPORTER"] = "none"
    job = {"service": service, "data_dir": str(data_dir), "base_ns": base_ns, "spans": spans}
    done = subprocess.run([sys.executable, "-c", WRITER], input=json.dumps(job), capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


class Written:
    def __init__(self, data_dir: Path, trace_id: str, other_trace_id: str, ids: dict[str, str]) -> None:
        self.data_dir, self.trace_id, self.other_trace_id, self.ids = data_dir, trace_id, other_trace_id, ids


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Written:
    """gateway: POST /itineraries (0-100 ms) > validate (error), plan (exported twice), notify;
    planner, continuing `plan`: PlanTrip > chat, SearchFlights > stream (outlives its parent),
    late audit (outlives PlanTrip); an orphan whose parent was never recorded; and a root of
    another trace in the gateway's file."""
    data_dir = tmp_path_factory.mktemp("data")
    base = time.time_ns() - 10**9
    gateway = write_spans(data_dir, "gateway", base, [
        {"name": "POST /itineraries", "kind": "SERVER", "start": 0, "end": 100,
         "attributes": {"http.request.method": "POST", "http.response.status_code": 200}},
        {"name": "validate", "parent": "POST /itineraries", "start": 1, "end": 5, "error": "party is empty"},
        {"name": "plan", "parent": "POST /itineraries", "kind": "CLIENT", "start": 10, "end": 90,
         "export_twice": True},
        {"name": "notify", "parent": "POST /itineraries", "start": 20, "end": 40},
        {"name": "unrelated request", "kind": "SERVER", "start": 0, "end": 3},
    ])
    trace_id = gateway["plan"].split("-")[1]
    write_spans(data_dir, "planner", base, [
        {"name": "PlanTrip", "kind": "SERVER", "traceparent": gateway["plan"], "start": 12, "end": 88},
        {"name": "chat tripsmith-rules", "parent": "PlanTrip", "kind": "CLIENT", "start": 15, "end": 60,
         "attributes": {"gen_ai.usage.input_tokens": 12, "gen_ai.request.model": "tripsmith-rules"}},
        {"name": "SearchFlights", "parent": "PlanTrip", "kind": "CLIENT", "start": 62, "end": 80},
        {"name": "stream", "parent": "SearchFlights", "start": 75, "end": 85},
        {"name": "late audit", "parent": "PlanTrip", "start": 70, "end": 95},
        {"name": "lost retry", "traceparent": f"00-{trace_id}-{MISSING_PARENT}-01", "start": 50, "end": 55},
    ])
    ids = {**{name: value.split("-")[2] for name, value in gateway.items()}}
    return Written(data_dir, trace_id, gateway["unrelated request"].split("-")[1], ids)


def by_name(spans: list[Span]) -> dict[str, Span]:
    return {span.name: span for span in spans}


def file_spans(path: Path) -> list[dict]:
    return [span for line in path.read_text().splitlines() for resource in json.loads(line)["resourceSpans"]
            for scope in resource["scopeSpans"] for span in scope["spans"]]


def test_the_exporter_writes_hex_ids_and_the_duplicate_twice(written):
    raw = file_spans(written.data_dir / "telemetry" / "traces-gateway.jsonl")
    plan = [span for span in raw if span["name"] == "plan"]
    assert len(plan) == 2 and plan[0] == plan[1], "the retried export wrote the span again"
    assert plan[0]["traceId"] == written.trace_id and plan[0]["spanId"] == written.ids["plan"]


def test_load_trace_finds_the_spans_of_both_services_with_their_parents(written):
    spans = load_trace(written.data_dir, written.trace_id.upper())
    found = by_name(spans)
    assert sorted(found) == sorted(["POST /itineraries", "validate", "plan", "notify", "PlanTrip",
                                    "chat tripsmith-rules", "SearchFlights", "stream", "late audit", "lost retry"])
    assert len(spans) == len(found) == len({span.span_id for span in spans}), "the duplicate is read once"
    assert {span.trace_id for span in spans} == {written.trace_id}
    assert found["POST /itineraries"].parent_id is None
    for child, parent in [("validate", "POST /itineraries"), ("plan", "POST /itineraries"),
                          ("PlanTrip", "plan"), ("chat tripsmith-rules", "PlanTrip"),
                          ("SearchFlights", "PlanTrip"), ("stream", "SearchFlights")]:
        assert found[child].parent_id == found[parent].span_id, child
    assert found["lost retry"].parent_id == MISSING_PARENT
    assert found["plan"].span_id == written.ids["plan"]
    assert {name: found[name].service for name in ("plan", "PlanTrip")} == {
        "plan": "tripsmith-gateway", "PlanTrip": "tripsmith-planner"}
    assert (found["PlanTrip"].kind, found["plan"].kind, found["notify"].kind) == ("server", "client", "internal")
    assert found["validate"].error and found["validate"].status_message == "party is empty"
    assert not found["plan"].error
    assert found["POST /itineraries"].duration_ns == 100_000_000
    assert found["POST /itineraries"].attributes == {"http.request.method": "POST", "http.response.status_code": 200}
    assert found["chat tripsmith-rules"].attributes["gen_ai.usage.input_tokens"] == 12
    assert [span.name for span in load_trace(written.data_dir, written.other_trace_id)] == ["unrelated request"]


def test_malformed_and_partial_lines_are_skipped(written, tmp_path):
    telemetry = tmp_path / "telemetry"
    telemetry.mkdir()
    for source in (written.data_dir / "telemetry").glob("traces-*.jsonl"):
        (telemetry / source.name).write_bytes(source.read_bytes())
    whole = (telemetry / "traces-planner.jsonl").read_text().splitlines()[0]
    with (telemetry / "traces-gateway.jsonl").open("ab") as handle:
        handle.write(b"not json " + written.trace_id.encode() + b"\n")
        handle.write(json.dumps({"resourceSpans": 5, "id": written.trace_id}).encode() + b"\n")
        handle.write(json.dumps([written.trace_id]).encode() + b"\n")
        handle.write(json.dumps({"resourceSpans": [{"resource": 1, "scopeSpans": [{"spans": [
            {"traceId": written.trace_id, "spanId": "zz", "attributes": 3},
            {"traceId": written.trace_id, "spanId": "1" * 16, "startTimeUnixNano": "soon"}]}]}]}).encode() + b"\n")
        handle.write(b"\xff\xfe" + written.trace_id.encode() + b"\n")
        handle.write(whole[: len(whole) // 2].encode())  # a writer killed mid-line
    expected = load_trace(written.data_dir, written.trace_id)
    assert load_trace(tmp_path, written.trace_id) == expected


def test_base64_ids_of_a_protobuf_json_conversion_are_read(written, tmp_path):
    line = (written.data_dir / "telemetry" / "traces-planner.jsonl").read_text().splitlines()[0]
    request = json.loads(line)
    for resource in request["resourceSpans"]:
        for scope in resource["scopeSpans"]:
            for span in scope["spans"]:
                for key in ("traceId", "spanId", "parentSpanId"):
                    if key in span:
                        span[key] = base64.b64encode(bytes.fromhex(span[key])).decode()
                span["kind"] = "SPAN_KIND_SERVER"
    (tmp_path / "telemetry").mkdir()
    (tmp_path / "telemetry" / "traces-converted.jsonl").write_text(json.dumps(request) + "\n")
    converted = by_name(load_trace(tmp_path, written.trace_id))
    original = by_name(load_trace(written.data_dir, written.trace_id))
    assert converted and set(converted) <= set(original)
    for name, span in converted.items():
        assert (span.span_id, span.parent_id, span.kind) == (original[name].span_id, original[name].parent_id, "server")


def test_the_critical_path_follows_the_last_child_ending_inside_its_parent(written):
    path = critical_path(load_trace(written.data_dir, written.trace_id))
    # late audit ends after PlanTrip so SearchFlights is taken; stream is SearchFlights' only
    # child and outlives it, so it is taken anyway.
    assert [span.name for span in path] == ["POST /itineraries", "plan", "PlanTrip", "SearchFlights", "stream"]


def span(span_id: str, parent: str | None, start: int, end: int) -> Span:
    return Span(trace_id="1" * 32, span_id=span_id, parent_id=parent, name=span_id, service="s",
                kind="internal", start_ns=start, end_ns=end)


def test_the_critical_path_of_a_constructed_trace():
    spans = [span("root", None, 0, 100), span("a", "root", 0, 60), span("b", "root", 10, 60),
             span("c", "root", 50, 120), span("a1", "a", 5, 30), span("a2", "a", 20, 50),
             span("orphan", "f" * 16, 0, 500)]
    # a and b end together, a started first; c outlives the root; the orphan is no root.
    assert [s.span_id for s in critical_path(spans)] == ["root", "a", "a2"]
    assert [s.span_id for s in critical_path([span("x", "f" * 16, 0, 10), span("y", "e" * 16, 0, 20)])] == ["y"]
    assert critical_path([]) == []


def test_render_draws_every_span_errors_orphans_and_the_critical_path(written):
    spans = load_trace(written.data_dir, written.trace_id)
    text = render(spans, width=100)
    assert text == render(list(reversed(spans)), width=100), "the output depends only on the spans"
    lines = text.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert "\x1b[" not in text
    assert written.trace_id in lines[0]
    assert "100.0 ms" in lines[1] and "spans 10" in lines[1] and "errors 1" in lines[1] and "orphans 1" in lines[1]
    assert "tripsmith-gateway" in lines[2] and "tripsmith-planner" in lines[2]
    rows = {span.name: next(line for line in lines if f"{span.service} {span.name}" in line) for span in spans}
    assert "[ERROR]" in rows["validate"] and "error: party is empty" in text
    assert "[orphan]" in rows["lost retry"] and "[orphan]" not in rows["PlanTrip"]
    for name in ("POST /itineraries", "plan", "PlanTrip", "SearchFlights", "stream"):
        assert rows[name].startswith("* "), name
    assert not rows["late audit"].startswith("*") and not rows["notify"].startswith("*")
    # Tree order, indented by depth, children by start time.
    assert lines.index(rows["POST /itineraries"]) < lines.index(rows["validate"]) < lines.index(rows["plan"]) \
        < lines.index(rows["PlanTrip"]) < lines.index(rows["notify"])
    assert rows["PlanTrip"].index("tripsmith") == rows["plan"].index("tripsmith") + 2
    # The bars share one time axis: the root spans it, validate sits at its start.
    root_bar = rows["POST /itineraries"].split("|")[1]
    assert root_bar.strip() and set(root_bar) == {"="}
    assert rows["validate"].split("|")[1].startswith("=") and rows["SearchFlights"].split("|")[1].startswith(" ")
    footer = text.split("Critical path")[1].splitlines()[1:]
    assert [line.split("  ")[1].strip() for line in footer] == [
        f"{s.service} {s.name}" for s in critical_path(spans)]
    # Own time: the part of each step not spent in the next one; stream counts only until its
    # parent SearchFlights ends, so the shares add up to the whole trace.
    assert [line.split()[-1] for line in footer] == ["20.0%", "4.0%", "58.0%", "13.0%", "5.0%"]


def test_render_in_color_marks_errors_red(written):
    text = render(load_trace(written.data_dir, written.trace_id), color=True)
    assert "\x1b[31m[ERROR]\x1b[0m" in text and "\x1b[31m" in next(
        line for line in text.splitlines() if "error: party is empty" in line)


def test_jaeger_link_follows_the_otlp_endpoint(monkeypatch):
    for name in ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT", "TRIPSMITH_JAEGER_UI_URL"):
        monkeypatch.delenv(name, raising=False)
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    assert jaeger_link(trace_id) is None
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")
    assert jaeger_link(trace_id) == f"http://collector:16686/trace/{trace_id}"
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://jaeger.internal:4318/v1/traces")
    assert jaeger_link(trace_id) == f"http://jaeger.internal:16686/trace/{trace_id}"
    monkeypatch.setenv("TRIPSMITH_JAEGER_UI_URL", "https://ui.example/jaeger/")
    assert jaeger_link(trace_id) == f"https://ui.example/jaeger/trace/{trace_id}"


def test_show_trace_exit_statuses(written, tmp_path, capsys, monkeypatch):
    for name in ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    out = io.StringIO()
    assert show_trace(written.data_dir, written.trace_id, out, False) == 0
    assert "PlanTrip" in out.getvalue() and "Jaeger" not in out.getvalue()
    assert capsys.readouterr().err == ""

    out = io.StringIO()
    assert show_trace(tmp_path, written.trace_id, out, False) == 1
    err = capsys.readouterr().err
    assert out.getvalue() == "" and err.count("\n") == 1
    assert written.trace_id in err and str(tmp_path / "telemetry") in err and "collector" in err

    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")
    assert show_trace(tmp_path, written.trace_id, io.StringIO(), False) == 1
    assert f"http://collector:16686/trace/{written.trace_id}" in capsys.readouterr().err

    for bad in ("xyz", written.trace_id[:-1], "0" * 32):
        assert show_trace(written.data_dir, bad, io.StringIO(), False) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "trace id" in err
