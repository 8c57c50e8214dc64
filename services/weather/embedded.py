"""The embedded forecast: deterministic daily weather around a place's climate normals.

No real daily weather exists offline, so a forecast day is synthesized from the normals of
`climate.py` plus variation seeded by (climate key, date) through BLAKE2b, never Python's
`hash()`: the same place and date give the same day in every process, whichever range it was
asked in. Persistence comes from smoothing the seeded noise over the preceding days (a
truncated AR(1) process), so warm or wet spells last a few days as they do outdoors. Every
figure is marked synthetic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from statistics import NormalDist

from services.weather.climate import MODEL_VERSION, Climate
from services.weather.model import DayWeather, Kind, classify, typical_condition
from tripsmith.suppliers.data.catalog import ResolvedPlace

_STANDARD = NormalDist()
#: Day-to-day persistence of temperature anomalies (lag-1 correlation) and how many days back
#: the smoothing reaches (0.7^12 < 0.014).
TEMPERATURE_PERSISTENCE, TEMPERATURE_MEMORY = 0.7, 12
#: The same for the latent variable that decides wet days (wet spells of two or three days).
PRECIPITATION_PERSISTENCE, PRECIPITATION_MEMORY = 0.5, 8
#: How sharply a synthetic forecast's probability separates wet from dry days.
PROBABILITY_SPREAD = 0.6
#: A wet day's range shrinks under cloud; a clear day's grows.
WET_RANGE_FACTOR = 0.6
#: The largest wet-day amount, as a multiple of the mean wet-day amount.
MAX_WET_MULTIPLE = 4.0


def _uniform(key: str, day: dt.date, stream: str) -> float:
    """A uniform number in (0, 1) fixed by the key, the date and the stream."""
    digest = hashlib.blake2b(f"weather/{MODEL_VERSION}/{key}/{day.isoformat()}/{stream}".encode(),
                             digest_size=8).digest()
    return (int.from_bytes(digest, "big") + 0.5) / 2.0 ** 64


def _persistent(key: str, day: dt.date, stream: str, persistence: float, memory: int) -> float:
    """A standard normal value correlated with the previous days' (truncated AR(1))."""
    total = sum(persistence ** lag * _STANDARD.inv_cdf(_uniform(key, day - dt.timedelta(days=lag), stream))
                for lag in range(memory))
    return total / math.sqrt(sum(persistence ** (2 * lag) for lag in range(memory)))


def synthetic_day(climate: Climate, day: dt.date) -> DayWeather:
    """The embedded model's forecast for one date."""
    normals = climate.normals(day)
    key = climate.key
    mean = normals.mean_c + climate.variability_c * _persistent(
        key, day, "temperature", TEMPERATURE_PERSISTENCE, TEMPERATURE_MEMORY)
    latent = _persistent(key, day, "precipitation", PRECIPITATION_PERSISTENCE, PRECIPITATION_MEMORY)
    threshold = _STANDARD.inv_cdf(normals.precipitation_probability)
    diurnal = normals.high_c - normals.low_c
    if latent < threshold:
        amount = -math.log(1.0 - _uniform(key, day, "amount"))
        precipitation = max(0.2, normals.wet_day_mm * min(amount, MAX_WET_MULTIPLE))
        diurnal *= WET_RANGE_FACTOR
    else:
        precipitation = 0.0
        # The further a dry day is from the wet threshold, the clearer its sky and the wider its range.
        clearness = (_STANDARD.cdf(latent) - normals.precipitation_probability) / (
            1.0 - normals.precipitation_probability)
        diurnal *= 0.9 + 0.3 * clearness
    probability = _STANDARD.cdf((threshold - latent) / PROBABILITY_SPREAD)
    return _rounded(day, mean + diurnal / 2, mean - diurnal / 2, probability, precipitation, Kind.FORECAST, climate)


def climatology_day(climate: Climate, day: dt.date) -> DayWeather:
    """The normal of a date, without variation."""
    normals = climate.normals(day)
    return _rounded(day, normals.high_c, normals.low_c, normals.precipitation_probability, normals.precipitation_mm,
                    Kind.CLIMATOLOGY, climate, normals.wet_day_mm)


def _rounded(day: dt.date, high: float, low: float, probability: float, precipitation: float, kind: Kind,
             climate: Climate, wet_day_mm: float | None = None) -> DayWeather:
    """A day with figures at the precision reported (0.1 °C, 0.01, 0.1 mm) and its condition."""
    high, low = round(high, 1), round(low, 1)
    probability = round(min(1.0, max(0.0, probability)), 2)
    precipitation = round(precipitation, 1)
    if kind is Kind.CLIMATOLOGY:
        condition = typical_condition(high, low, probability, wet_day_mm or 0.0)
    else:
        condition = classify(high, low, probability, precipitation)
    return DayWeather(day, high, low, probability, precipitation, condition, kind, climate.source)


class EmbeddedForecast:
    """The default forecast provider: synthetic days, no I/O."""

    name = "embedded"

    async def forecast(self, place: ResolvedPlace, climate: Climate, start: dt.date, end: dt.date,
                       issued: dt.date) -> list[DayWeather]:
        return [synthetic_day(climate, start + dt.timedelta(days=offset))
                for offset in range((end - start).days + 1)]

    async def close(self) -> None:
        """Nothing to release."""
