"""Cases an outside review of the running product found, kept so they stay fixed: a family of
five, a nightly cap in another currency, a structured request naming cities, a long
conversation, a refused search, and a cancel answered with its result."""

from __future__ import annotations

import datetime as dt

from google.protobuf import json_format

from services.model.understanding import understand
from tests.planner_stack import TRIP_END, TRIP_START, gateway, lisbon_request, planner, settled, trip_period
from tripsmith.planner.v1 import planner_service_pb2 as pb
from workflows.api import PlanningLimits, to_json
from workflows import api


def test_a_family_of_five_is_given_rooms_enough_for_five():
    understood = understand("Toronto to Cancun, August 9 to 16, 2 adults and kids aged 4, 8 and 12",
                            dt.date(2026, 11, 25), None)
    party = understood.request.party
    assert (party.adults, list(party.children_ages), party.rooms) == (2, [4, 8, 12], 2)
    assert "party.rooms" in understood.assumed
    couple = understand("Toronto to Cancun, August 9 to 16, 2 adults and 2 kids aged 4 and 8", dt.date(2026, 11, 25), None)
    assert couple.request.party.rooms == 1  # a family room holds four


async def test_a_nightly_cap_in_another_currency_is_converted_not_refused(temporal_address, tmp_path):
    text = f"From Boston to Lisbon {trip_period(TRIP_START, TRIP_END)} for 2 adults, max 150 EUR per night"
    async with planner(temporal_address, tmp_path) as stack:
        itinerary = await settled(await stack.start(text=text))
    assert itinerary.state == pb.STATE_PROPOSED, (itinerary.question, itinerary.failure_reason)
    assert all(check.satisfied for check in itinerary.checks)
    nightly = {check.name for check in itinerary.checks}
    assert "nightly price" in nightly and itinerary.price.total.currency_code == "EUR"


async def test_a_structured_request_may_name_cities_only(temporal_address, tmp_path):
    request = pb.TripRequest(origin={"city_name": "Boston"}, destination={"city_name": "Lisbon"},
                             start_date={"year": TRIP_START.year, "month": TRIP_START.month, "day": TRIP_START.day},
                             end_date={"year": TRIP_END.year, "month": TRIP_END.month, "day": TRIP_END.day},
                             party={"adults": 1})
    async with planner(temporal_address, tmp_path) as stack:
        itinerary = await settled(await stack.start(trip_request=to_json(request)))
    assert itinerary.state == pb.STATE_PROPOSED, json_format.MessageToJson(itinerary.relaxation)
    assert all(check.satisfied for check in itinerary.checks)


async def test_a_long_conversation_keeps_answering_within_a_per_message_token_budget(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack:
        handle = await stack.start(text=lisbon_request(TRIP_START, TRIP_END), limits=PlanningLimits(max_tokens=20_000))
        itinerary = await settled(handle)
        for message in ("one more night", "nonstop only", "make it cheaper", "a 4-star hotel", "add my wife"):
            assert itinerary.state in (pb.STATE_PROPOSED, pb.STATE_INFEASIBLE), itinerary.failure_reason
            await handle.execute_update(api.UPDATE_REFINE, message, result_type=pb.Itinerary)
            itinerary = await settled(handle, past=[pb.STATE_UNDERSTANDING])
        history = await handle.query(api.QUERY_EVENTS_AFTER, 0)
    assert itinerary.state in (pb.STATE_PROPOSED, pb.STATE_INFEASIBLE), itinerary.failure_reason
    calls = [int(event["model_call"]["input_tokens"]) for event in history if "model_call" in event]
    assert max(calls) < 20_000, calls  # earlier offers leave the conversation before each follow-up


async def test_a_refused_search_ends_infeasible_not_in_a_question(temporal_address, tmp_path):
    # Boston to Boston: the flights service refuses the search; there is nothing to ask.
    text = f"From Boston to Boston {trip_period(TRIP_START, TRIP_END)} for 1 adult"
    async with planner(temporal_address, tmp_path) as stack:
        itinerary = await settled(await stack.start(text=text))
    assert itinerary.state in (pb.STATE_INFEASIBLE, pb.STATE_NEEDS_INPUT)
    if itinerary.state == pb.STATE_NEEDS_INPUT:  # the model may ask, but then it is a question
        assert "?" in itinerary.question, itinerary.question


async def test_cancel_answers_with_the_cancelled_itinerary(temporal_address, tmp_path):
    async with planner(temporal_address, tmp_path) as stack, gateway(stack, tmp_path) as gw:
        planned = await gw.stub.PlanItinerary(pb.PlanItineraryRequest(text=lisbon_request(TRIP_START, TRIP_END)),
                                              metadata=gw.auth())
        async for _ in gw.stub.WatchItinerary(pb.WatchItineraryRequest(name=planned.itinerary.name), metadata=gw.auth()):
            pass
        cancelled = await gw.stub.CancelItinerary(pb.CancelItineraryRequest(name=planned.itinerary.name),
                                                  metadata=gw.auth())
    assert cancelled.itinerary.state == pb.STATE_CANCELLED


async def test_no_flight_under_a_search_filter_names_the_filter_in_the_relaxation(temporal_address, tmp_path):
    text = f"London to Sydney {trip_period(TRIP_START, TRIP_END)}, 1 adult, nonstop only"
    async with planner(temporal_address, tmp_path) as stack:
        itinerary = await settled(await stack.start(text=text))
    assert itinerary.state == pb.STATE_INFEASIBLE, itinerary.state
    assert "flight_preferences.max_stops" in itinerary.relaxation.fields
    assert "stop" in itinerary.relaxation.explanation
