"""Preferences derived from trip history: the pure functions, without a server."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.profile.derive import Derived, TripFacts, confidence, derive


def facts(airlines=(), stars=0, spend=None, nights=None, interests=()) -> TripFacts:
    spend_value = (spend[0], Decimal(spend[1])) if spend else None
    return TripFacts(tuple(airlines), stars, spend_value, nights, tuple(interests))


def test_no_trips_derive_nothing():
    assert derive([]) == Derived(trips_considered=0)


@pytest.mark.parametrize(
    "supporting, informative, expected",
    [(0, 5, 0.0), (1, 1, 1 - math.exp(-1 / 3)), (3, 3, 1 - math.exp(-1)), (4, 5, 0.8 * (1 - math.exp(-4 / 3)))],
)
def test_confidence_follows_the_documented_formula(supporting, informative, expected):
    assert confidence(supporting, informative) == pytest.approx(expected)


def test_confidence_grows_with_evidence_and_with_consistency():
    assert confidence(1, 1) < confidence(3, 3) < confidence(10, 10) < 1
    assert confidence(4, 8) < confidence(4, 5) < confidence(4, 4)


def test_ties_go_to_the_most_recent_habit():
    # Most recent first: LH was flown last, so it leads the tie with BA.
    derived = derive([facts(["LH"], stars=3), facts(["BA"], stars=5)])
    assert [figure.value for figure in derived.airlines] == ["LH", "BA"]
    assert derived.hotel_tier.value == 3


def test_an_airline_flown_twice_on_one_trip_counts_once():
    derived = derive([facts(["BA", "BA", "IB"]), facts(["BA"])])
    assert [(figure.value, figure.trips) for figure in derived.airlines] == [("BA", 2), ("IB", 1)]
    assert derived.airlines[0].confidence == pytest.approx(confidence(2, 2))


def test_spend_uses_the_usual_currency_and_other_currencies_lower_confidence():
    derived = derive([facts(spend=("EUR", "100")), facts(spend=("EUR", "120.50")), facts(spend=("JPY", "20000"))])
    currency, amount = derived.nightly_spend.value
    assert (currency, amount) == ("EUR", Decimal("110.25"))
    assert derived.nightly_spend.confidence == pytest.approx(confidence(2, 3))


def test_spend_far_from_the_median_does_not_support_it():
    derived = derive([facts(spend=("EUR", amount)) for amount in ("100", "100", "100", "400")])
    assert derived.nightly_spend.value == ("EUR", Decimal("100"))
    assert derived.nightly_spend.trips == 3


def test_trip_length_is_the_median_rounded_half_up():
    derived = derive([facts(nights=n) for n in (3, 4)])
    assert derived.trip_length.value == 4 and derived.trip_length.trips == 2


def test_interests_are_case_insensitive_and_ranked_by_trips():
    derived = derive([facts(interests=["Museums", "food"]), facts(interests=["museums "]), facts(interests=["hiking"])])
    ranked = [(figure.value, figure.trips) for figure in derived.interests]
    assert ranked == [("museums", 2), ("food", 1), ("hiking", 1)]


def test_scattered_values_give_a_median_without_confidence():
    derived = derive([facts(nights=0), facts(nights=4)])
    assert (derived.trip_length.value, derived.trip_length.confidence) == (2, 0.0)


def test_trips_without_data_do_not_dilute_a_dimension():
    derived = derive([facts(stars=4), facts(), facts(stars=4)])
    assert derived.trips_considered == 3
    assert derived.hotel_tier.confidence == pytest.approx(confidence(2, 2))
    assert derived.nightly_spend is None and derived.trip_length is None and derived.airlines == []


_trip_facts = st.builds(
    facts,
    airlines=st.lists(st.sampled_from(["BA", "AF", "LH"]), max_size=3),
    stars=st.integers(0, 5),
    spend=st.one_of(st.none(), st.tuples(st.sampled_from(["EUR", "USD"]), st.integers(0, 10**12).map(str))),
    nights=st.one_of(st.none(), st.integers(0, 400)),
    interests=st.lists(st.sampled_from(["museums", "Food", "hiking"]), max_size=3),
)


@settings(max_examples=100, database=None)
@given(st.lists(_trip_facts, max_size=30))
def test_every_confidence_is_between_zero_and_one(trips):
    derived = derive(trips)
    figures = [*derived.airlines, *derived.interests]
    figures += [figure for figure in (derived.hotel_tier, derived.nightly_spend, derived.trip_length) if figure]
    assert all(0.0 <= figure.confidence <= 1.0 and 0 <= figure.trips <= len(trips) for figure in figures)
    assert all(figure.trips >= 1 for figure in [*derived.airlines, *derived.interests])
    assert derived.trips_considered == len(trips)
