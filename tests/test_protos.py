"""The v1 contract: buf lint clean, generated code fresh, and our conventions enforced."""

from __future__ import annotations

import subprocess
import sys

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
#: Every call that changes state; a rating is excluded because it simply overwrites the
#: caller's own score.
MUTATIONS = [
    pytest.param(m, id=m.full_name)
    for m in METHODS
    if not m.name.startswith(("Get", "List", "Search", "Watch", "Rate"))
]


def run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_buf_lint_is_clean():
    run_tool(sys.executable, "tools/gen_protos.py", "--deps").check_returncode()
    result = run_tool(str(ROOT / "node_modules" / ".bin" / "buf"), "lint")
    assert result.returncode == 0, result.stdout + result.stderr


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

