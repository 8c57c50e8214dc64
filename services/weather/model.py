"""The weather domain's values: a day's weather, its condition, its kind and its source.

Transport-free: the servicer maps these to `tripsmith.weather.v1` messages by name. The
condition rule here is the one place that turns figures into a condition, for the embedded
model's forecast days and its climatological normals alike (Open-Meteo days come with a WMO
code instead, mapped in `open_meteo.py`).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class Condition(enum.Enum):
    """The general condition of a day; names match `tripsmith.weather.v1.Condition`."""

    UNSPECIFIED = "UNSPECIFIED"
    CLEAR = "CLEAR"
    PARTLY_CLOUDY = "PARTLY_CLOUDY"
    CLOUDY = "CLOUDY"
    FOG = "FOG"
    DRIZZLE = "DRIZZLE"
    RAIN = "RAIN"
    THUNDERSTORM = "THUNDERSTORM"
    SNOW = "SNOW"


class Kind(enum.Enum):
    """A forecast for the day, or the normal for the time of year; names match ForecastKind."""

    FORECAST = "FORECAST"
    CLIMATOLOGY = "CLIMATOLOGY"


@dataclass(frozen=True)
class Source:
    """Where a day's figures come from (the proto's Provenance)."""

    source: str
    vintage: str
    synthetic: bool


@dataclass(frozen=True)
class DayWeather:
    """The weather of one local date at one place, in degrees Celsius and millimetres."""

    day: dt.date
    high_c: float
    low_c: float
    precipitation_probability: float
    precipitation_mm: float
    condition: Condition
    kind: Kind
    source: Source


#: Below this, a day counts as dry (the usual "measurable precipitation" threshold).
MEASURABLE_MM = 0.2
#: Precipitation falls as snow when the day's mean temperature is at or below this.
SNOW_MEAN_C = 0.5
#: A wet day this warm and this wet is a thunderstorm day.
THUNDER_HIGH_C = 24.0
THUNDER_MM = 8.0
#: A wet day with less than this is drizzle rather than rain.
DRIZZLE_MM = 1.0


def _precipitation(high_c: float, low_c: float, precipitation_mm: float) -> Condition:
    if (high_c + low_c) / 2 <= SNOW_MEAN_C:
        return Condition.SNOW
    if high_c >= THUNDER_HIGH_C and precipitation_mm >= THUNDER_MM:
        return Condition.THUNDERSTORM
    return Condition.DRIZZLE if precipitation_mm < DRIZZLE_MM else Condition.RAIN


def _sky(probability: float) -> Condition:
    if probability >= 0.35:
        return Condition.CLOUDY
    if probability >= 0.12:
        return Condition.PARTLY_CLOUDY
    return Condition.CLEAR


def classify(high_c: float, low_c: float, probability: float, precipitation_mm: float) -> Condition:
    """The condition of a day from its figures.

    Precipitation decides first (snow when the mean is at or below 0.5 °C, thunder when warm
    and heavy, drizzle when light); a dry day's sky follows the precipitation probability,
    and a dry day that is cool, humid (probability 0.4 or more) and has a small range is fog.
    """
    if precipitation_mm >= MEASURABLE_MM:
        return _precipitation(high_c, low_c, precipitation_mm)
    if probability >= 0.4 and (high_c + low_c) / 2 <= 10.0 and high_c - low_c <= 5.0:
        return Condition.FOG
    return _sky(probability)


def typical_condition(high_c: float, low_c: float, probability: float, wet_day_mm: float) -> Condition:
    """The condition of a climatological day: precipitation only when most days have some."""
    if probability >= 0.5:
        return _precipitation(high_c, low_c, wet_day_mm)
    return _sky(probability)
