"""The Open-Meteo forecast adapter: real daily forecasts behind the same service interface.

It asks the daily forecast API (`GET {url}?latitude=..&longitude=..&daily=..&timezone=<the
place's IANA zone>&start_date=..&end_date=..`) for the forecast part of a range only, and maps
each day: maximum and minimum temperature (°C), the day's maximum precipitation probability
(% → 0..1), the precipitation sum (mm) and the WMO weather code (→ Condition, table below).

Failure policy:

- The whole call fails with Unavailable (UNAVAILABLE, reason UPSTREAM_UNAVAILABLE) when
  Open-Meteo cannot be reached, does not answer within the timeout, answers with an HTTP
  error (its 400 `{"error": true, "reason": ..}` included: the request was validated before,
  so that is not the caller's fault), or sends something that is not the documented JSON
  shape (not JSON, no `daily` object, arrays of different lengths, strings where numbers
  belong, other units). Callers retry UNAVAILABLE; silently replacing an outage with
  synthetic days would hide it.
- A day that is missing from an otherwise sound answer, or has a null among its values (the
  models do not always reach the last days of the horizon), is filled from the embedded model
  and keeps that model's synthetic provenance, so the caller can tell which days are real.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import math

import aiohttp

from services.weather.climate import Climate
from services.weather.embedded import synthetic_day
from services.weather.model import Condition, DayWeather, Kind, Source
from tripsmith.suppliers.data.catalog import ResolvedPlace
from tripsmith.core.errors import Unavailable

log = logging.getLogger(__name__)

SOURCE = "Open-Meteo"
DAILY_VARIABLES = (
    "temperature_2m_max",
    "temperature_2m_min",
    "precipitation_probability_max",
    "precipitation_sum",
    "weather_code",
)
#: The units the mapping assumes; Open-Meteo's defaults, checked when the answer states them.
EXPECTED_UNITS = {"temperature_2m_max": "°C", "temperature_2m_min": "°C", "precipitation_probability_max": "%",
                  "precipitation_sum": "mm"}
#: An answer for at most 16 days is a few kilobytes; anything this large is not one.
MAX_RESPONSE_BYTES = 1 << 20
USER_AGENT = "tripsmith-weather/0.1"

#: WMO weather interpretation codes (WW) as Open-Meteo documents them, by condition.
_WMO_GROUPS = {
    Condition.CLEAR: (0, 1),  # clear sky, mainly clear
    Condition.PARTLY_CLOUDY: (2,),
    Condition.CLOUDY: (3,),  # overcast
    Condition.FOG: (45, 48),  # fog, depositing rime fog
    Condition.DRIZZLE: (51, 53, 55, 56, 57),  # drizzle, freezing drizzle
    Condition.RAIN: (61, 63, 65, 66, 67, 80, 81, 82),  # rain, freezing rain, rain showers
    Condition.SNOW: (71, 73, 75, 77, 85, 86),  # snow fall, snow grains, snow showers
    Condition.THUNDERSTORM: (95, 96, 99),  # thunderstorm, with slight or heavy hail
}
WMO_CONDITIONS = {code: condition for condition, codes in _WMO_GROUPS.items() for code in codes}


def condition_of(code: int) -> Condition:
    """The condition of a WMO weather code; a code Open-Meteo does not document is unknown."""
    return WMO_CONDITIONS.get(code, Condition.UNSPECIFIED)


class MalformedResponse(ValueError):
    """The answer is not in the documented shape."""


class OpenMeteoForecast:
    """Forecast days from Open-Meteo, gaps filled from the embedded model."""

    name = "open-meteo"

    def __init__(self, url: str, timeout_seconds: float) -> None:
        self.url = url
        self.timeout_seconds = timeout_seconds
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        # Created on first use, inside the server's event loop, and reused for its connections.
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout_seconds),
                headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def forecast(self, place: ResolvedPlace, climate: Climate, start: dt.date, end: dt.date,
                       issued: dt.date) -> list[DayWeather]:
        params = {
            "latitude": f"{place.lat:.4f}",
            "longitude": f"{place.lon:.4f}",
            "daily": ",".join(DAILY_VARIABLES),
            "timezone": place.time_zone or "UTC",
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
        }
        payload = await self._fetch(params)
        try:
            found = parse_daily(payload, Source(SOURCE, issued.isoformat(), False))
        except MalformedResponse as error:
            log.warning("Open-Meteo sent a malformed answer: %s", error)
            raise Unavailable(f"Open-Meteo sent a malformed answer: {error}", metadata={"upstream": SOURCE}) from None
        days, filled = [], []
        for offset in range((end - start).days + 1):
            day = start + dt.timedelta(days=offset)
            weather = found.get(day)
            if weather is None:
                weather = synthetic_day(climate, day)
                filled.append(day.isoformat())
            days.append(weather)
        if filled:
            log.warning("Open-Meteo had no complete figures for some days; the embedded model filled them",
                        extra={"place": place.code or place.display_name, "days": filled})
        return days

    async def _fetch(self, params: dict[str, str]) -> object:
        """The decoded JSON answer, or Unavailable."""
        try:
            async with asyncio.timeout(self.timeout_seconds):
                async with self._client().get(self.url, params=params) as response:
                    body = await _read_limited(response)
                    status = response.status
        except TimeoutError:
            log.warning("Open-Meteo did not answer within %.1f s", self.timeout_seconds)
            raise Unavailable(f"Open-Meteo did not answer within {self.timeout_seconds:g} s",
                              metadata={"upstream": SOURCE}) from None
        except (aiohttp.ClientError, MalformedResponse) as error:
            log.warning("Open-Meteo could not be reached: %s", error)
            raise Unavailable(f"Open-Meteo could not be reached: {type(error).__name__}",
                              metadata={"upstream": SOURCE}) from None
        if status != 200:
            reason = _error_reason(body)
            log.warning("Open-Meteo answered HTTP %s: %s", status, reason)
            raise Unavailable(f"Open-Meteo answered HTTP {status}" + (f": {reason}" if reason else ""),
                              metadata={"upstream": SOURCE, "http_status": str(status)})
        try:
            return json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            log.warning("Open-Meteo answered with something that is not JSON: %r", body[:200])
            raise Unavailable("Open-Meteo sent a malformed answer: not JSON", metadata={"upstream": SOURCE}) from None


async def _read_limited(response: aiohttp.ClientResponse) -> bytes:
    chunks, size = [], 0
    async for chunk in response.content.iter_chunked(65536):
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise MalformedResponse(f"answer larger than {MAX_RESPONSE_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _error_reason(body: bytes) -> str:
    """Open-Meteo's `reason` from an error answer, shortened, if there is one."""
    try:
        reason = json.loads(body).get("reason", "")
    except (ValueError, AttributeError):
        return ""
    return str(reason)[:200]


def _number(value: object, name: str, index: int) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise MalformedResponse(f"daily.{name}[{index}] is {value!r}, not a number")
    return float(value)


def parse_daily(payload: object, source: Source) -> dict[dt.date, DayWeather]:
    """The complete days of a daily forecast answer, by date; raises MalformedResponse.

    A day with a null among its values, or a maximum below its minimum, is left out (the
    caller fills it); anything outside the documented shape raises.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("daily"), dict):
        raise MalformedResponse("no daily object")
    units = payload.get("daily_units")
    if isinstance(units, dict):
        for name, unit in EXPECTED_UNITS.items():
            if name in units and units[name] != unit:
                raise MalformedResponse(f"daily_units.{name} is {units[name]!r}, not {unit!r}")
    daily = payload["daily"]
    times = daily.get("time")
    if not isinstance(times, list):
        raise MalformedResponse("no daily.time array")
    columns = {}
    for name in DAILY_VARIABLES:
        column = daily.get(name)
        if not isinstance(column, list) or len(column) != len(times):
            raise MalformedResponse(f"daily.{name} is not an array as long as daily.time")
        columns[name] = column
    days = {}
    for index, stamp in enumerate(times):
        try:
            day = dt.date.fromisoformat(stamp)
        except (TypeError, ValueError):
            raise MalformedResponse(f"daily.time[{index}] is {stamp!r}, not a date") from None
        values = {name: _number(columns[name][index], name, index) for name in DAILY_VARIABLES}
        if any(value is None for value in values.values()):
            continue
        high, low = values["temperature_2m_max"], values["temperature_2m_min"]
        if high < low:
            continue
        days[day] = DayWeather(
            day=day,
            high_c=round(high, 1),
            low_c=round(low, 1),
            precipitation_probability=round(min(1.0, max(0.0, values["precipitation_probability_max"] / 100)), 2),
            precipitation_mm=round(max(0.0, values["precipitation_sum"]), 1),
            condition=condition_of(int(values["weather_code"])),
            kind=Kind.FORECAST,
            source=source,
        )
    return days
