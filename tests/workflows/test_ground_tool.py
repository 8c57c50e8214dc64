"""The ground supplier reaches the planner by registration alone: one tool in the registry,
whose activity searches the real ground server."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.planner_stack import planner
from workflows import tools
from workflows.payloads import ToolInput


def test_the_tool_is_registered_and_validates_its_arguments():
    tool, arguments = tools.validate("search_ground_transport", json.dumps(
        {"origin": "Rome", "destination": "Florence", "departure_date": "2027-05-04", "modes": ["RAIL"], "adults": 2}))
    assert tool.activity == "search_ground_transport" and tool.searches
    assert arguments["modes"] == ["RAIL"] and arguments["children_ages"] == []
    assert "search_ground_transport" in {d["function"]["name"] for d in tools.definitions()}
    for wrong in ({"modes": ["FLIGHT"]}, {"max_duration_minutes": 0}, {"surprise": 1}):
        with pytest.raises(tools.ToolCallRejected):
            tools.validate("search_ground_transport", json.dumps(
                {"origin": "Rome", "destination": "Florence", "departure_date": "2027-05-04", **wrong}))


async def test_the_activity_searches_the_ground_supplier(temporal_address, tmp_path):
    day = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    async with planner(temporal_address, tmp_path, worker=False) as stack:
        _, arguments = tools.validate("search_ground_transport", json.dumps(
            {"origin": "Rome", "destination": "Florence", "departure_date": day, "adults": 2,
             "max_duration_minutes": 180}))
        output = await stack.activities.search_ground_transport(ToolInput("acme", "call-1", arguments, currency="EUR"))
    assert output.ok, output.content
    content = json.loads(output.content)
    assert content["offers"] and all(offer["minutes"] <= 180 for offer in content["offers"])
    assert {offer["mode"] for offer in content["offers"]} <= {"RAIL", "COACH", "SELF_DRIVE"}
    assert all(offer["total_price"].endswith("EUR") for offer in content["offers"])
    assert any(reason.startswith("TAXI: ") for reason in content["unavailable_modes"])
    assert {o["offer_id"] for o in output.data["offers"]} >= {o["offer_id"] for o in content["offers"]}
