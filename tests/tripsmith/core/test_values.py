"""Dates, instants and money between their messages and Python values (tripsmith.core)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from google.type import date_pb2, money_pb2

from tripsmith.core.dates import date_message, date_of, iso_date, local_time, timestamp, to_date
from tripsmith.core.errors import InvalidArgument
from tripsmith.core.money import exact_money, money_amount, money_message, money_text, show_money


def test_dates_round_trip_and_unset_or_impossible_dates_are_told_apart():
    day = dt.date(2028, 2, 29)
    assert date_of(date_message(day)) == day == to_date(date_message(day), "d")
    assert iso_date(date_message(day)) == "2028-02-29"
    assert date_of(date_pb2.Date()) is None
    with pytest.raises(ValueError):
        date_of(date_pb2.Date(year=2027, month=2, day=29))
    with pytest.raises(InvalidArgument) as missing:
        to_date(date_pb2.Date(), "trip.start_date")
    assert missing.value.violations[0].field == "trip.start_date"


def test_instants_from_seconds_or_datetimes_agree_and_show_in_their_zone():
    moment = dt.datetime(2027, 7, 1, 22, 30, tzinfo=dt.timezone.utc)
    assert timestamp(moment) == timestamp(moment.timestamp())
    assert local_time(timestamp(moment), "Europe/Lisbon").strftime("%H:%M %Z") == "23:30 WEST"
    assert local_time(timestamp(moment), "").hour == 22  # no zone known: UTC


def test_money_rounds_to_the_cent_with_one_sign():
    assert money_message(10.006, "EUR") == money_pb2.Money(currency_code="EUR", units=10, nanos=10_000_000)
    assert money_message(10.004, "EUR") == money_pb2.Money(currency_code="EUR", units=10)
    negative = money_message(-2.5, "USD")
    assert (negative.units, negative.nanos) == (-2, -500_000_000)
    assert money_amount(money_message(1234.56, "USD")) == pytest.approx(1234.56)


def test_exact_money_keeps_nanos_and_one_sign():
    assert exact_money(Decimal("0.1234567891"), "USD") == money_pb2.Money(currency_code="USD", units=0, nanos=123456789)
    refund = exact_money(Decimal("-1.5"), "USD")
    assert (refund.units, refund.nanos) == (-1, -500_000_000)


def test_money_as_people_read_it():
    assert money_text(1234.5, "USD") == "1,234.50 USD"
    assert show_money(money_message(99.9, "EUR")) == "99.90 EUR"
    assert show_money(money_pb2.Money()) == "-"
