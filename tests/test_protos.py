"""The v1 contract: buf lint clean, no breaking change, generated code fresh, and our
conventions enforced."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2

from tests.conftest import ROOT
from tripsmith.flights.v1 import flights_service_pb2
from tripsmith.hotels.v1 import hotels_service_pb2
from tripsmith.planner.v1 import planner_service_pb2
from tripsmith.profile.v1 import profile_service_pb2
from tripsmith.weather.v1 import weather_service_pb2

SERVICES = [
    service
    for module in (flights_service_pb2, hotels_service_pb2, weather_service_pb2, profile_service_pb2, planner_service_pb2)
    for service in module.DESCRIPTOR.services_by_name.values()
]
METHODS = [method for service in SERVICES for method in service.methods]
PAGINATED = [pytest.param(m, id=m.full_name) for m in METHODS if m.name.startswith(("List", "Search"))]
#: Every call that changes state; a rating is excluded because it is keyed by the itinerary
#: and the rater (one rating each, a retry changes nothing), not by a request id.
MUTATIONS = [
    pytest.param(m, id=m.full_name)
    for m in METHODS
    if not m.name.startswith(("Get", "List", "Search", "Watch", "Rate"))
]


BUF = str(ROOT / "node_modules" / ".bin" / "buf")
#: Overrides the git revision `test_no_breaking_change_since_the_baseline` compares against
#: (for example a CI job's target branch, `origin/main`).
BASELINE_VARIABLE = "TRIPSMITH_PROTO_BASELINE"


def run_tool(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def git(*args: str) -> subprocess.CompletedProcess:
    return run_tool("git", *args)


@pytest.fixture(scope="module")
def proto_deps() -> Path:
    """build/proto-deps, the google/type and google/rpc sources buf.yaml's second module names."""
    run_tool(sys.executable, "tools/gen_protos.py", "--deps").check_returncode()
    return ROOT / "build" / "proto-deps"


def buf_workspace(root: Path, protos: Path | bytes, deps: Path) -> Path:
    """Lays out a buf workspace like ours at root: buf.yaml, protos/ (a directory to copy or
    the bytes of a `git archive` of protos/) and the same build/proto-deps."""
    root.mkdir(parents=True)
    shutil.copy2(ROOT / "buf.yaml", root / "buf.yaml")
    shutil.copytree(deps, root / "build" / "proto-deps")
    if isinstance(protos, Path):
        shutil.copytree(protos, root / "protos")
    else:
        with tarfile.open(fileobj=io.BytesIO(protos)) as archive:
            archive.extractall(root, filter="data")
    return root


def buf_breaking(workspace: Path, against: Path) -> subprocess.CompletedProcess:
    return run_tool(BUF, "breaking", "--against", str(against), cwd=workspace)


def proto_baseline() -> str:
    """The git revision whose protos the working tree must stay compatible with: HEAD when
    protos/ has uncommitted changes (staged, unstaged or new files), otherwise the parent of
    the last commit that changed protos/, so that the latest committed change is checked too
    (this is what CI, on a clean clone, checks). TRIPSMITH_PROTO_BASELINE overrides it."""
    if override := os.environ.get(BASELINE_VARIABLE):
        return override
    status = git("status", "--porcelain", "--untracked-files=all", "--", "protos")
    status.check_returncode()
    if status.stdout.strip():
        return "HEAD"
    last = git("log", "-1", "--format=%H", "--", "protos")
    last.check_returncode()
    return f"{last.stdout.strip()}^"


def test_buf_lint_is_clean(proto_deps):
    result = run_tool(BUF, "lint")
    assert result.returncode == 0, result.stdout + result.stderr


# The baseline is taken from git history rather than from a committed `buf build` image: an
# image has to be refreshed by hand after every compatible change, and refreshing it along
# with a breaking change silently accepts the break. buf's own git input
# (`--against '.git#ref=...'`) works offline but cannot be used: it reads buf.yaml from the
# commit, whose build/proto-deps module is not committed (it is generated), so the build
# fails. The baseline is therefore `git archive`d into a temporary workspace with the
# current buf.yaml and the same build/proto-deps, and buf compares the two directories.
def test_no_breaking_change_since_the_baseline(proto_deps, tmp_path):
    """buf breaking (buf.yaml's FILE rules) passes for the working tree's protos against the
    baseline's (see proto_baseline): against HEAD's protos while protos/ has uncommitted
    changes, otherwise against the protos before the last commit that changed them. A v1
    message must only grow; an incompatible change belongs in a new v2 package."""
    if git("rev-parse", "--is-inside-work-tree").returncode != 0:
        pytest.fail("not a git checkout: there is no committed baseline to compare against")
    baseline = proto_baseline()
    if git("rev-parse", "--verify", "--quiet", f"{baseline}:protos").returncode != 0:
        if git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
            pytest.fail(f"{baseline} is not in this shallow clone: fetch the full history "
                        "(git fetch --unshallow, or actions/checkout with fetch-depth: 0)")
        pytest.fail(f"{baseline} has no protos/ to compare against")
    archive = subprocess.run(["git", "archive", "--format=tar", baseline, "protos"], cwd=ROOT,
                             capture_output=True, timeout=60, check=True).stdout
    against = buf_workspace(tmp_path / "baseline", archive, proto_deps)
    result = buf_breaking(ROOT, against)
    if result.returncode != 0:
        pytest.fail(f"buf breaking against {baseline}:\n{result.stdout}{result.stderr}", pytrace=False)


def test_buf_breaking_fails_on_an_incompatible_change(proto_deps, tmp_path):
    """The check above can fail: a field deleted from a v1 message without being reserved
    is reported, naming the message."""
    before = buf_workspace(tmp_path / "before", ROOT / "protos", proto_deps)
    after = buf_workspace(tmp_path / "after", ROOT / "protos", proto_deps)
    party = after / "protos" / "tripsmith" / "common" / "v1" / "party.proto"
    text, deleted = re.subn(r"^ *int32 rooms = 3;\n", "", party.read_text(), flags=re.MULTILINE)
    assert deleted == 1, "Party.rooms moved: choose another field to delete"
    party.write_text(text)
    result = buf_breaking(after, before)
    assert result.returncode != 0, result.stdout + result.stderr
    assert 'field "3" with name "rooms" on message "Party" was deleted' in result.stdout, result.stdout


def test_generated_code_is_fresh():
    result = run_tool(sys.executable, "tools/gen_protos.py", "--check")
    assert result.returncode == 0, result.stderr


def test_every_service_of_the_design_exists():
    names = {service.full_name for service in SERVICES}
    assert names == {
        "tripsmith.flights.v1.FlightsService",
        "tripsmith.hotels.v1.HotelsService",
        "tripsmith.weather.v1.WeatherService",
        "tripsmith.profile.v1.ProfileService",
        "tripsmith.planner.v1.PlannerService",
    }


@pytest.mark.parametrize("method", PAGINATED)
def test_lists_and_searches_are_paginated(method):
    request, response = method.input_type.fields_by_name, method.output_type.fields_by_name
    assert request["page_size"].type == descriptor_pb2.FieldDescriptorProto.TYPE_INT32
    assert request["page_token"].type == descriptor_pb2.FieldDescriptorProto.TYPE_STRING
    assert response["next_page_token"].type == descriptor_pb2.FieldDescriptorProto.TYPE_STRING


@pytest.mark.parametrize("method", MUTATIONS)
def test_mutations_are_idempotent(method):
    key = "request_id" if method.containing_service.name == "PlannerService" else "idempotency_key"
    assert key in method.input_type.fields_by_name, f"{method.full_name} has no {key}"


def test_itinerary_carries_the_minimum_fields():
    itinerary = planner_service_pb2.Itinerary.DESCRIPTOR.fields_by_name
    for name in ("name", "state", "request", "question", "flights", "hotel_stays", "days", "price", "checks",
                 "summary", "trace_id", "bookings"):
        assert name in itinerary, name
    request = planner_service_pb2.TripRequest.DESCRIPTOR.fields_by_name
    for name in ("origin", "destination", "start_date", "end_date", "party", "budget", "flight_preferences",
                 "hotel_preferences", "interests", "assumed_fields"):
        assert name in request, name
    states = {value.name for value in planner_service_pb2.State.DESCRIPTOR.values}
    assert {"STATE_UNDERSTANDING", "STATE_NEEDS_INPUT", "STATE_SEARCHING", "STATE_PROPOSED", "STATE_INFEASIBLE",
            "STATE_BOOKING", "STATE_BOOKED", "STATE_FAILED", "STATE_CANCELLED"} <= states
    segment = flights_service_pb2.FlightSegment.DESCRIPTOR.fields_by_name
    for name in ("departure_airport", "arrival_airport", "departure_time", "arrival_time",
                 "departure_time_zone", "arrival_time_zone", "carrier", "flight_number"):
        assert name in segment, name

