"""`tripsmith-rules` understands trip requests and follow-ups as travelers write them.

The cases are data in tests/services/model/phrasings.py; docs/model.md is the specification.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.services.model.expectations import CODE, INTERESTS, KEYS, MISSABLE, REFERENCE, check, reference_of
from tests.services.model.phrasings import PHRASINGS, REFINEMENTS
from tests.services.model.phrasings_holdout import HOLDOUT_PHRASINGS, HOLDOUT_REFINEMENTS


def _id(number: int, text: str) -> str:
    return f"{number:03d}-" + re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


@pytest.mark.parametrize(("text", "expected"),
                         [pytest.param(t, e, id=_id(i, t)) for i, (t, e) in enumerate(PHRASINGS, 1)]
                         + [pytest.param(t, e, id="holdout-" + _id(i, t)) for i, (t, e) in enumerate(HOLDOUT_PHRASINGS, 1)])
def test_understands(text, expected):
    from services.model.understanding import understand

    reference = reference_of(expected)
    result = understand(text, reference)
    check(result, expected, f"understand({text!r}, {reference})")
    if "missing" in expected:
        assert bool(result.question) == bool(expected["missing"]), (
            f"understand({text!r}): question {result.question!r} with missing {list(result.missing)!r}")


@pytest.mark.parametrize(("first", "follow_up", "expected"),
                         [pytest.param(f, u, e, id=_id(i, f"{u} after {f}"))
                          for i, (f, u, e) in enumerate(REFINEMENTS, 1)]
                         + [pytest.param(f, u, e, id="holdout-" + _id(i, f"{u} after {f}"))
                            for i, (f, u, e) in enumerate(HOLDOUT_REFINEMENTS, 1)])
def test_refines(first, follow_up, expected):
    from services.model.understanding import refine, understand

    previous = understand(first, REFERENCE)
    result = refine(previous, follow_up, REFERENCE)
    check(result, expected, f"refine(understand({first!r}), {follow_up!r}, {REFERENCE})")


def assert_well_formed(text: str, expected: dict) -> None:
    """One case, without the parser: known keys, ISO dates in order, a sorted missing list of
    known fields, known interests, amounts as "3000 USD"."""
    extra = set(expected) - KEYS - {"reference", "cheaper"}
    assert not extra, f"{text!r}: unknown keys {extra}"
    for key in ("start", "end", "reference"):
        if key in expected:
            dt.date.fromisoformat(expected[key])
    if "start" in expected and "end" in expected:
        assert expected["start"] <= expected["end"], text
    if "missing" in expected:
        assert list(expected["missing"]) == sorted(set(expected["missing"])), text
        assert set(expected["missing"]) <= MISSABLE, text
    assert set(expected.get("interests", [])) <= INTERESTS, text
    for key in ("budget", "max_nightly"):
        if expected.get(key) is not None:
            assert re.fullmatch(r"\d+(\.\d+)? [A-Z]{3}", expected[key]), text


def test_the_table_is_well_formed():
    """Without the parser: enough cases, each well formed, no phrasing twice."""
    assert len(PHRASINGS) >= 130 and len(REFINEMENTS) >= 25
    texts = [text for text, _ in PHRASINGS]
    assert len(texts) == len(set(texts)), "a phrasing appears twice"
    for text, expected in [(text, expected) for text, expected in PHRASINGS] + [(u, e) for _, u, e in REFINEMENTS]:
        assert_well_formed(text, expected)


def test_the_expected_places_exist_in_the_supplier_data():
    """Every expected code is a known airport or metro, every city name a city of several airports."""
    from tripsmith.common.v1.place_pb2 import Place
    from tripsmith.suppliers.data.catalog import Catalog

    catalog = Catalog()  # `make install` builds the data file; its absence is a failure, not a skip
    places = {expected[key] for _, expected in PHRASINGS for key in ("origin", "destination") if key in expected}
    places |= {expected[key] for *_, expected in REFINEMENTS for key in ("origin", "destination") if key in expected}
    for place in sorted(places):
        if CODE.fullmatch(place):
            assert catalog.resolve(Place(iata_code=place), "place").code == place
        else:
            resolved = catalog.resolve(Place(city_name=place), "place")
            assert (resolved.city_name, resolved.code) == (place, ""), (place, resolved)
            assert len(resolved.airports) > 1, (place, resolved.airports)


def test_the_tables_in_many_voices_are_well_formed():
    """The development and held-out tables written from the label specification alone, each case
    well formed and no held-out text in development. Their rates are figures of
    benchmarks/understanding.py, not pass/fail cases: the held-out one is never tuned on."""
    from tests.services.model.phrasings_voices import VOICES
    from tests.services.model.phrasings_voices_holdout import VOICES_HOLDOUT
    from tests.services.model.phrasings_voices_holdout_2 import VOICES_HOLDOUT_2

    from tests.services.model.phrasings_voices_more import VOICES_MORE
    from tests.services.model.phrasings_voices_fourth import VOICES_FOURTH
    from tests.services.model.phrasings_voices_third import VOICES_THIRD

    development = VOICES + VOICES_MORE + VOICES_THIRD + VOICES_FOURTH
    held_out = VOICES_HOLDOUT + VOICES_HOLDOUT_2
    assert all(len(table) >= 200 for table in (VOICES, VOICES_MORE, VOICES_THIRD, VOICES_FOURTH))
    assert len(VOICES_HOLDOUT) >= 150 and len(VOICES_HOLDOUT_2) >= 150
    assert not {text for text, _ in development} & {text for text, _ in held_out}, "a held-out text is in development"
    for text, expected in development + held_out:
        assert_well_formed(text, expected)
