"""The trip dates the live-plan tests use (tests/planner_stack.py) are relative to today; the
embedded model must read the request they make exactly, whatever today is: across month and
year boundaries, in leap years, for the lead times and lengths tests use."""

from __future__ import annotations

import datetime as dt

import pytest

from services.model.understanding import understand
from tests.planner_stack import TRIP_END, TRIP_START, lisbon_request, trip_dates, trip_period

#: Thirty "todays" spread over a year, plus some whose standard trip (100 days ahead, 7 nights)
#: crosses a month or a year boundary or a leap day.
SPREAD = [dt.date(2027, 1, 5) + dt.timedelta(days=12 * n) for n in range(30)]
BOUNDARIES = [start - dt.timedelta(days=100) for start in (
    dt.date(2027, 12, 25), dt.date(2027, 12, 28), dt.date(2027, 12, 31), dt.date(2028, 1, 1),
    dt.date(2028, 2, 25), dt.date(2028, 2, 29), dt.date(2027, 2, 26), dt.date(2027, 4, 30), dt.date(2027, 1, 31))]


def day(date) -> dt.date:
    return dt.date(date.year, date.month, date.day)


@pytest.mark.parametrize("today", SPREAD + BOUNDARIES, ids=str)
def test_the_model_reads_the_standard_request_exactly_whatever_today_is(today):
    for lead_days in (1, 60, 100, 150, 200, 330):
        for nights in (1, 7, 8, 14):
            start, end = trip_dates(lead_days, nights, today=today)
            text = lisbon_request(start, end)
            result = understand(text, today, None)
            request = result.request
            assert (day(request.start_date), day(request.end_date)) == (start, end), text
            assert (request.origin.iata_code, request.destination.iata_code) == ("BOS", "LIS"), text
            assert request.party.adults == 2 and (request.budget.units, request.budget.currency_code) == (6000, "USD")
            assert result.missing == [], (text, result.missing)


def test_the_year_is_on_both_dates_only_when_they_differ():
    assert trip_period(dt.date(2027, 3, 3), dt.date(2027, 3, 10)) == "March 3 to March 10 2027"
    assert trip_period(dt.date(2027, 12, 28), dt.date(2028, 1, 4)) == "December 28 2027 to January 4 2028"
    assert lisbon_request(dt.date(2027, 3, 3), dt.date(2027, 3, 10), budget=300) == (
        "From Boston to Lisbon March 3 to March 10 2027 for 2 adults, budget $300")


def test_the_standard_trip_is_ahead_of_today_and_inside_the_booking_horizon():
    today = dt.date.today()
    assert (TRIP_START - today).days == 100 and (TRIP_END - TRIP_START).days == 7
