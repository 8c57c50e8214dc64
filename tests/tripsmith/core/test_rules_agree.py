"""Rules that several parts apply are one rule: what one part accepts, the others accept too.

Each of these failed while the rule had copies of its own in the gateway, the planner's
tools, the embedded model and the supplier services.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from google.protobuf import json_format

from services.gateway import validation as gateway_validation
from services.hotels.config import HotelsConfig
from services.hotels.server import create_server as hotels_server
from services.model.agent import _traveler
from services.model.messages import Message
from services.profile.validation import parse_traveler_name
from tests.planner_stack import TRIP_END, TRIP_START, planner, settled
from tests.suppliers import metadata, running
from tripsmith.core.dates import date_message
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels_pb, hotels_service_pb2_grpc as hotels_grpc
from tripsmith.core.errors import InvalidArgument
from tripsmith.common.v1 import party_pb2, place_pb2
from tripsmith.core.validation import BOOKING_HORIZON_DAYS, MAX_STOPS, MAX_TRIP_NIGHTS
from tripsmith.planner.v1 import planner_service_pb2 as pb
from workflows import tools

TRAVELER_IDS = ["ada", "ada-lovelace", "a", "a1", "x" * 63, "1abc", "9", "-ada", "ada_l", "Ada", "x" * 64, ""]


def _gateway_accepts(name: str) -> bool:
    request = pb.PlanItineraryRequest(request_id="r-1", text="Boston to Lisbon next month", traveler=name)
    try:
        gateway_validation.plan_request(request, dt.date.today())
    except InvalidArgument as error:
        assert [v.field for v in error.violations] == ["traveler"], error
        return False
    return True


def _profile_accepts(name: str) -> bool:
    try:
        parse_traveler_name(name, "name")
    except InvalidArgument:
        return False
    return True


def _tool_accepts(name: str) -> bool:
    try:
        tools.validate("get_traveler_profile", json.dumps({"traveler": name}))
    except tools.ToolCallRejected:
        return False
    return True


def _model_reads(name: str) -> bool:
    return _traveler([Message(role="system", content=f"Today is 2027-01-01.\nTraveler: {name}")]) == name


@pytest.mark.parametrize("traveler_id", TRAVELER_IDS)
def test_every_part_agrees_on_a_traveler_name(traveler_id):
    name = f"travelers/{traveler_id}"
    verdicts = {"gateway": _gateway_accepts(name), "profile service": _profile_accepts(name),
                "planner tool": _tool_accepts(name), "embedded model": _model_reads(name)}
    assert len(set(verdicts.values())) == 1, verdicts


def test_a_traveler_id_must_start_with_a_letter():
    assert _gateway_accepts("travelers/ada-1") and not _gateway_accepts("travelers/1ada")


@pytest.mark.parametrize("allowed", [MAX_STOPS, MAX_STOPS + 1, 5])
def test_any_stop_allowance_is_accepted_everywhere(allowed):
    request = pb.TripRequest(flight_preferences=pb.FlightPreferences(max_stops=allowed))
    arguments = {"origin": "BOS", "destination": "LIS", "departure_date": "2027-03-03", "max_stops": allowed}
    tools.validate("search_flights", json.dumps(arguments))
    with pytest.raises(InvalidArgument) as refused:
        gateway_validation.trip_request(request, dt.date.today())
    assert "trip_request.flight_preferences.max_stops" not in [v.field for v in refused.value.violations]


def test_a_negative_stop_allowance_is_refused_naming_the_field():
    request = pb.TripRequest(flight_preferences=pb.FlightPreferences(max_stops=-1))
    with pytest.raises(InvalidArgument) as refused:
        gateway_validation.trip_request(request, dt.date.today())
    assert "trip_request.flight_preferences.max_stops" in [v.field for v in refused.value.violations]


async def test_a_trip_that_allows_more_stops_than_any_offer_has_is_planned(temporal_address, tmp_path):
    """Three stops allowed: every offer (at most two stops) honours it, so the plan is proposed."""
    request = pb.TripRequest(
        origin=place_pb2.Place(iata_code="BOS"), destination=place_pb2.Place(iata_code="LIS"),
        start_date={"year": TRIP_START.year, "month": TRIP_START.month, "day": TRIP_START.day},
        end_date={"year": TRIP_END.year, "month": TRIP_END.month, "day": TRIP_END.day},
        party=party_pb2.Party(adults=2), flight_preferences=pb.FlightPreferences(max_stops=MAX_STOPS + 1))
    async with planner(temporal_address, tmp_path) as trip_planner:
        handle = await trip_planner.start(trip_request=json_format.MessageToDict(request, preserving_proto_field_name=True))
        itinerary = await settled(handle)
    assert itinerary.state == pb.STATE_PROPOSED, (pb.State.Name(itinerary.state), itinerary.failure_reason)
    assert itinerary.request.flight_preferences.max_stops == MAX_STOPS + 1
    stops = {check.name: check for check in itinerary.checks}["stops"]
    assert stops.satisfied, stops.detail


async def test_a_trip_as_long_as_the_gateway_accepts_gets_a_hotel_stay(tmp_path):
    """The gateway plans trips of up to MAX_TRIP_NIGHTS; the hotels service once sold 30."""
    start = dt.date.today() + dt.timedelta(days=60)
    end = start + dt.timedelta(days=MAX_TRIP_NIGHTS)
    trip = pb.TripRequest(start_date=date_message(start), end_date=date_message(end))
    with pytest.raises(InvalidArgument) as refused:  # origin and the rest are missing, the length is fine
        gateway_validation.trip_request(trip, dt.date.today())
    assert "trip_request.end_date" not in [v.field for v in refused.value.violations]
    async with running(hotels_server, HotelsConfig, tmp_path) as (channel, _):
        response = await hotels_grpc.HotelsServiceStub(channel).SearchHotels(hotels_pb.SearchHotelsRequest(
            city=place_pb2.Place(city_name="Lisbon"), check_in_date=date_message(start),
            check_out_date=date_message(end), guests=party_pb2.Party(adults=2), page_size=5), metadata=metadata())
    assert response.offers and all(len(offer.nightly_rates) == MAX_TRIP_NIGHTS for offer in response.offers)


def test_a_return_beyond_the_booking_horizon_is_refused_naming_the_end_date():
    today = dt.date.today()
    trip = pb.TripRequest(start_date=date_message(today + dt.timedelta(days=BOOKING_HORIZON_DAYS - 10)),
                          end_date=date_message(today + dt.timedelta(days=BOOKING_HORIZON_DAYS + 10)))
    with pytest.raises(InvalidArgument) as refused:
        gateway_validation.trip_request(trip, today)
    assert "trip_request.end_date" in [v.field for v in refused.value.violations]
