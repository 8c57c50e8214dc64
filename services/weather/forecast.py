"""Daily weather for a place and a date range: forecast within the horizon, climatology beyond.

The contract of GetDailyForecast, without the transport:

- Dates are local dates at the place; "today" is the clock's instant in the place's time
  zone. The range is inclusive, from `start` to `end`, with `end` at most MAX_RANGE_DAYS
  after `start` (61 days at most), and it may not start before today: a trip planner asks
  about days to come, and no past weather is kept.
- The forecast horizon counts days from today, today included, as Open-Meteo's
  `forecast_days` does: with a horizon of 16, today and the next 15 days are forecast days
  (from the configured provider), and every later day is the climatological normal of its
  date, without variation, from the embedded climate model.
- One day per date, in date order; the same request on the same day gives the same answer.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.weather.climate import Climate, ClimateModel
from services.weather.embedded import climatology_day
from services.weather.model import DayWeather
from tripsmith.suppliers.data.catalog import ResolvedPlace
from tripsmith.core.errors import FieldViolation, InvalidArgument
from tripsmith.core.validation import MAX_TRIP_NIGHTS

#: The end date may be at most this many days after the start date (the proto's contract).
MAX_RANGE_DAYS = MAX_TRIP_NIGHTS


class ForecastProvider(Protocol):
    """Where forecast days come from: the embedded model or an upstream such as Open-Meteo."""

    name: str

    async def forecast(self, place: ResolvedPlace, climate: Climate, start: dt.date, end: dt.date,
                       issued: dt.date) -> list[DayWeather]:
        """One forecast day per date from `start` to `end` inclusive, issued on `issued`."""

    async def close(self) -> None:
        """Releases connections; called once when the server stops."""


def local_today(place: ResolvedPlace, now: float) -> dt.date:
    """The date at the place at the instant `now` (seconds since the epoch)."""
    try:
        zone = ZoneInfo(place.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = dt.timezone.utc
    return dt.datetime.fromtimestamp(now, zone).date()


class Forecaster:
    """Splits a range into forecast and climatology days and asks the right source for each."""

    def __init__(self, climate: ClimateModel, provider: ForecastProvider, horizon_days: int,
                 clock: Callable[[], float] = time.time) -> None:
        self.climate = climate
        self.provider = provider
        self.horizon_days = horizon_days
        self.clock = clock

    def check(self, place: ResolvedPlace | None, start: dt.date, end: dt.date) -> list[FieldViolation]:
        """The range's violations; the past-date rule needs the place's time zone."""
        violations = []
        if end < start:
            violations.append(FieldViolation("end_date", f"{end} is before the start date {start}"))
        elif (end - start).days > MAX_RANGE_DAYS:
            violations.append(FieldViolation(
                "end_date", f"is {(end - start).days} days after the start date; at most {MAX_RANGE_DAYS} are allowed"))
        if place is not None:
            today = local_today(place, self.clock())
            if start < today:
                violations.append(FieldViolation(
                    "start_date", f"{start} is in the past: today is {today} in {place.time_zone or 'UTC'}"))
        return violations

    async def daily(self, place: ResolvedPlace, start: dt.date, end: dt.date) -> list[DayWeather]:
        """One day per date from `start` to `end`; raises InvalidArgument for a bad range."""
        violations = self.check(place, start, end)
        if violations:
            raise InvalidArgument("; ".join(f"{v.field}: {v.description}" for v in violations), violations=violations)
        climate = self.climate.climate(place.lat, place.lon)
        today = local_today(place, self.clock())
        last_forecast = today + dt.timedelta(days=self.horizon_days - 1)
        days: list[DayWeather] = []
        if start <= last_forecast:
            days += await self.provider.forecast(place, climate, start, min(end, last_forecast), today)
        first_normal = max(start, last_forecast + dt.timedelta(days=1))
        days += [climatology_day(climate, first_normal + dt.timedelta(days=offset))
                 for offset in range((end - first_normal).days + 1)]
        return days

    async def close(self) -> None:
        await self.provider.close()
