"""How well `tripsmith-rules` understands trip requests: the exact-understanding rate (every
labelled field right) and the rate per field, on the development tables, on the held-out
tables (never tuned on), and on the public corpora of requests written by others, with the
time per request.

    python benchmarks/understanding.py [--corpora ../shared/corpora] [--show N]

`--show N` prints up to N misread cases of each development set; held-out sets print only
their figures, never their cases.

The corpora are read from `--corpora` (default: ../shared/corpora beside the repository);
one that is not there is reported as absent. Only labels ship with the repository
(benchmarks/corpora/), never the corpora's texts:
- TravelPlanner's training queries, labelled by hand (benchmarks/corpora/travelplanner-train.labels.json);
  their March 2022 dates are moved to 2027, as the corpus README asks.
- Schema-Guided Dialogue openings: the dataset's own slot annotations, mapped onto our
  fields (places resolved in the supplier catalog, dates read from the annotated phrase
  alone against the dataset's reference day, Friday 1 March 2019); the second turn is read
  as a follow-up to the first, as the planner reads it.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.services.model.expectations import differences, reference_of  # noqa: E402

LABELS = ROOT / "benchmarks" / "corpora"
SGD_REFERENCE = dt.date(2019, 3, 1)
#: SGD's slot names for the fields we read, by service family.
SGD_SLOTS = {
    "origin": ("origin_city", "origin", "origin_airport", "from_location", "from_city", "from"),
    "destination": ("destination_city", "destination", "destination_airport", "to_location", "to_city", "to",
                    "location", "city", "where_to"),
    "start": ("departure_date", "leaving_date", "date_of_journey", "check_in_date", "start_date"),
    "end": ("return_date", "check_out_date", "end_date"),
    "adults": ("passengers", "number_of_adults", "travelers", "group_size", "num_passengers", "number_of_tickets"),
    "rooms": ("number_of_rooms",),
    "min_stars": ("star_rating",),
}
#: Services whose "location" is a place to stay or visit (not a car's pick-up point).
SGD_SERVICES = ("Flights", "Hotels", "Buses", "Trains", "Travel")


class Tally:
    def __init__(self) -> None:
        self.cases = self.exact = 0
        self.fields: collections.Counter = collections.Counter()
        self.right: collections.Counter = collections.Counter()
        self.seconds = 0.0
        self.failures: list[tuple[str, dict]] = []

    def add(self, label: str, wrong: dict, fields, seconds: float) -> None:
        self.cases += 1
        self.seconds += seconds
        self.exact += not wrong
        for key in fields:
            self.fields[key] += 1
            self.right[key] += key not in wrong
        if wrong:
            self.failures.append((label, wrong))

    def report(self, name: str, show: int) -> None:
        if not self.cases:
            print(f"{name}: absent")
            return
        print(f"{name}: {self.exact}/{self.cases} understood exactly ({self.exact / self.cases:.1%}), "
              f"{self.seconds / self.cases * 1000:.2f} ms per request")
        print("  " + ", ".join(f"{key} {self.right[key] / self.fields[key]:.0%} ({self.fields[key]})"
                               for key in sorted(self.fields)))
        for label, wrong in self.failures[:show]:
            print(f"    {label}: " + "; ".join(f"{key} expected {want!r} got {got!r}" for key, (want, got) in wrong.items()))


def timed(call):
    started = time.perf_counter()
    value = call()
    return value, time.perf_counter() - started


def score(cases) -> Tally:
    """(label, text, expected) cases, each read as a first message against its reference date."""
    from services.model.understanding import understand

    tally = Tally()
    for label, text, expected in cases:
        result, seconds = timed(lambda text=text, expected=expected: understand(text, reference_of(expected)))
        tally.add(label, differences(result, expected), [k for k in expected if k != "reference"], seconds)
    return tally


def run_table(cases) -> Tally:
    return score((text[:70], text, expected) for text, expected in cases)


def run_travelplanner(corpora: Path) -> Tally:
    path, labels = corpora / "travelplanner-train-queries.jsonl", LABELS / "travelplanner-train.labels.json"
    if not path.exists() or not labels.exists():
        return Tally()
    labels = json.loads(labels.read_text())
    cases = (json.loads(line) for line in path.read_text().splitlines())
    return score((case["id"], re.sub(r"\b2022\b", "2027", case["text"]), labels[case["id"]])
                 for case in cases if case["id"] in labels)


def _sgd_place(catalog, value: str) -> str | None:
    from tripsmith.common.v1.place_pb2 import Place
    from tripsmith.core.errors import InvalidArgument

    name = value.split(",")[0].strip()
    for place in (Place(iata_code=name.upper()) if re.fullmatch(r"[A-Za-z]{3}", name) else None, Place(city_name=name)):
        if place is None:
            continue
        try:
            resolved = catalog.resolve(place, "place")
        except InvalidArgument:
            continue
        return resolved.code or resolved.city_name
    return None


def _sgd_date(value: str) -> str | None:
    from services.model.understanding.dates import parse_dates
    from services.model.understanding.text import Text

    found = parse_dates(Text(value), SGD_REFERENCE)
    return found.start.isoformat() if found.start else None


def sgd_expected(catalog, slots: dict) -> dict:
    expected: dict = {"reference": SGD_REFERENCE.isoformat()}
    for key, names in SGD_SLOTS.items():
        value = next((slots[name][0] for name in names if slots.get(name)), None)
        if value is None:
            continue
        if key in ("origin", "destination"):
            place = _sgd_place(catalog, value)
            if place:
                expected[key] = place
        elif key in ("start", "end"):
            date = _sgd_date(value)
            if date:
                expected[key] = date
        elif value.isdigit():
            expected[key] = int(value)
    return expected


def _sgd_same_place(catalog, request_place, want: str) -> bool:
    """A city served by several airports is right when the reading names it or one of them."""
    from tripsmith.common.v1.place_pb2 import Place
    from tripsmith.core.errors import InvalidArgument

    if not (request_place.iata_code or request_place.city_name):
        return False
    try:
        got = catalog.resolve(request_place, "place")
        wanted = catalog.resolve(Place(iata_code=want) if re.fullmatch(r"[A-Z]{3}", want) else Place(city_name=want), "place")
    except InvalidArgument:
        return False
    return got.code == wanted.code and got.city_name == wanted.city_name or bool(set(got.airports) & set(wanted.airports))


def run_sgd(corpora: Path, held_out: bool) -> Tally:
    """The dataset's train and dev dialogues for development; its test dialogues held out."""
    from services.model.understanding import default_catalog, refine, understand

    catalog, tally = default_catalog(), Tally()
    path = corpora / "sgd-travel-dialogue-openings.jsonl"
    if not path.exists():
        return tally
    for line in path.read_text().splitlines():
        case = json.loads(line)
        if (case["id"].split("-")[1] == "test") != held_out:
            continue
        service = case["turns"][-1]["service"][0]
        if not service.startswith(SGD_SERVICES):
            continue
        expected = sgd_expected(catalog, case["turns"][-1]["slots"])
        if len(expected) == 1:
            continue

        def read(turns=case["turns"]):
            result = understand(turns[0]["text"], SGD_REFERENCE)
            for turn in turns[1:]:
                result = refine(result, turn["text"], SGD_REFERENCE)
            return result

        result, seconds = timed(read)
        wrong = differences(result, expected)
        for key in ("origin", "destination"):
            if key in wrong and _sgd_same_place(catalog, getattr(result.request, key), expected[key]):
                del wrong[key]
        tally.add(case["id"], wrong, [k for k in expected if k != "reference"], seconds)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--show", type=int, default=0, help="print up to N misread cases per set")
    args = parser.parse_args()
    from tests.services.model import phrasings, phrasings_holdout

    dev = list(phrasings.PHRASINGS)
    held_out = list(phrasings_holdout.HOLDOUT_PHRASINGS)
    from tests.services.model.phrasings_voices import VOICES
    from tests.services.model.phrasings_voices_more import VOICES_MORE
    from tests.services.model.phrasings_voices_third import VOICES_THIRD
    from tests.services.model.phrasings_voices_fourth import VOICES_FOURTH
    from tests.services.model.phrasings_voices_holdout import VOICES_HOLDOUT
    from tests.services.model.phrasings_voices_holdout_2 import VOICES_HOLDOUT_2
    run_table(dev[:5])  # loads the catalog outside the timings
    run_table(dev).report("development table (phrasings.py)", args.show)
    run_table(VOICES).report("development voices (phrasings_voices.py)", args.show)
    run_table(VOICES_MORE).report("development voices, second batch (phrasings_voices_more.py)", args.show)
    run_table(VOICES_THIRD).report("development voices, third batch (phrasings_voices_third.py)", args.show)
    run_table(VOICES_FOURTH).report("development voices, fourth batch (phrasings_voices_fourth.py)", args.show)
    run_table(held_out).report("held-out table (phrasings_holdout.py)", 0)
    run_table(VOICES_HOLDOUT).report("held-out voices (phrasings_voices_holdout.py)", 0)
    run_table(VOICES_HOLDOUT_2).report("held-out voices, second batch (phrasings_voices_holdout_2.py)", 0)
    run_travelplanner(args.corpora).report("TravelPlanner train queries (labelled here)", args.show)
    run_sgd(args.corpora, held_out=False).report("SGD openings, train+dev dialogues (dataset slots)", args.show)
    # Held out: its misreadings are never printed, so that nobody tunes on them.
    run_sgd(args.corpora, held_out=True).report("SGD openings, test dialogues, held out (dataset slots)", 0)


if __name__ == "__main__":
    main()
