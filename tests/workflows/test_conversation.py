"""The agent's conversation bookkeeping (workflows/conversation.py) and a round's search
results (workflows/candidates.py): pure code the itinerary workflow relies on."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from tripsmith.core.dates import date_message
from tripsmith.planner.v1 import planner_service_pb2 as pb
from workflows import conversation
from workflows.candidates import SearchRound


@dataclass
class Call:
    id: str


def test_empty_or_repeated_call_ids_get_ids_of_their_own():
    assert conversation.call_ids([Call("a"), Call(""), Call("a"), Call("b")], 7) == ["a", "call_7_1", "call_7_2", "b"]


def test_arguments_that_are_not_an_object_are_echoed_as_an_empty_one():
    assert conversation.echoed('{"x": 1}') == '{"x": 1}'
    assert [conversation.echoed(raw) for raw in ("[1]", "not json", "3")] == ["{}", "{}", "{}"]
    assert json.loads(conversation.tool_error("no")) == {"error": "no"}


def test_a_follow_up_drops_earlier_search_results_and_keeps_the_rest():
    messages = [
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "s", "type": "function", "function": {"name": "search_flights", "arguments": "{}"}},
            {"id": "p", "type": "function", "function": {"name": "get_traveler_profile", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "s", "content": '{"offers": []}'},
        {"role": "tool", "tool_call_id": "p", "content": '{"traveler": {}}'},
    ]
    conversation.compact(messages)
    assert messages[1]["content"] == conversation.OMITTED and messages[2]["content"] == '{"traveler": {}}'


def test_request_problems_name_what_is_missing_or_wrong():
    today = dt.date(2027, 1, 10)
    assert conversation.request_problems(pb.TripRequest(), today) == [
        "origin is missing", "destination is missing", "start_date and end_date are required",
        "party.adults must be at least 1"]
    past = pb.TripRequest(start_date=date_message(dt.date(2027, 1, 5)), end_date=date_message(dt.date(2027, 1, 1)))
    past.origin.iata_code, past.destination.city_name, past.party.adults = "BOS", "Lisbon", 2
    assert conversation.request_problems(past, today) == [
        "start_date is in the past (today is 2027-01-10)", "end_date is before start_date"]
    far = pb.TripRequest(start_date=date_message(dt.date(2027, 12, 1)), end_date=date_message(dt.date(2028, 2, 1)))
    far.origin.iata_code, far.destination.iata_code, far.party.adults = "BOS", "LIS", 1
    assert conversation.request_problems(far, today) == [
        "end_date is more than 365 days ahead: the return cannot be booked yet",
        "end_date is more than 60 nights after start_date"]


def test_a_structured_request_is_described_in_words_the_model_reads():
    request = pb.TripRequest(start_date=date_message(dt.date(2027, 3, 3)), end_date=date_message(dt.date(2027, 3, 10)))
    request.origin.iata_code, request.destination.city_name, request.party.adults = "BOS", "Lisbon", 2
    request.flight_preferences.max_stops = 0
    assert conversation.describe(request) == "From BOS to Lisbon, from 2027-03-03 to 2027-03-10, 2 adults, nonstop only."


def _offer(offer_id: str) -> dict:
    return {"offer_id": offer_id, "total_price": {"units": "100", "currency_code": "USD"}}


def test_candidates_are_the_offers_searched_for_the_requested_places():
    found = SearchRound()
    bos, lis, mad = {"iata_code": "BOS"}, {"iata_code": "LIS"}, {"iata_code": "MAD"}
    found.keep("search_flights", {}, {"origin": bos, "destination": lis, "offers": [_offer("out"), _offer("lost")]})
    found.keep("search_flights", {}, {"origin": lis, "destination": bos, "offers": [_offer("back")]})
    found.keep("search_flights", {}, {"origin": bos, "destination": mad, "offers": [_offer("elsewhere")]})
    found.keep("search_hotels", {"check_in_date": "2027-03-03"}, {"city": lis, "offers": [_offer("stay")]})
    outbound, inbound, stays = found.candidates("BOS|", "LIS|", excluded={"lost"})
    assert ([o["offer_id"] for o in outbound], [o["offer_id"] for o in inbound], [s["offer_id"] for s in stays]) == (
        ["out"], ["back"], ["stay"])
    assert found.seen["out"] == [100, 0, "USD", "BOS|", "LIS|"]


def test_hotel_searches_are_repeated_from_the_flights_arrival_dates():
    found = SearchRound()
    found.keep("search_flights", {}, {"origin": {"iata_code": "BOS"}, "destination": {"iata_code": "LIS"}, "offers": [],
                                      "arrival_dates": ["2027-03-04", "2027-03-03", "2027-03-05", "2027-03-10"]})
    searched = {"city": "Lisbon", "check_in_date": "2027-03-03", "check_out_date": "2027-03-10"}
    found.keep("search_hotels", searched, {"city": {"iata_code": "LIS"}, "offers": []})
    assert found.missing_hotel_searches("BOS|", "LIS|") == [{**searched, "check_in_date": "2027-03-04"},
                                                           {**searched, "check_in_date": "2027-03-05"}]
