"""The weather servicer: tripsmith.weather.v1 requests to the forecaster and back.

Thin on purpose: it resolves the place, converts and checks the dates (every violation named
at once), and maps the domain's days to messages; `forecast.py` and the modules it uses do
the work.
"""

from __future__ import annotations

from services.weather.forecast import Forecaster
from services.weather.model import DayWeather
from tripsmith.common.v1 import provenance_pb2
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.core.dates import date_message, to_date
from tripsmith.weather.v1 import weather_service_pb2 as pb
from tripsmith.weather.v1 import weather_service_pb2_grpc
from tripsmith.core.validation import Violations


def day_message(day: DayWeather) -> pb.DailyWeather:
    return pb.DailyWeather(
        date=date_message(day.day),
        high_celsius=day.high_c,
        low_celsius=day.low_c,
        precipitation_probability=day.precipitation_probability,
        precipitation_mm=day.precipitation_mm,
        condition=pb.Condition.Value(f"CONDITION_{day.condition.value}"),
        kind=pb.ForecastKind.Value(f"FORECAST_KIND_{day.kind.value}"),
        provenance=provenance_pb2.Provenance(
            source=day.source.source, vintage=day.source.vintage, synthetic=day.source.synthetic),
    )


class WeatherServicer(weather_service_pb2_grpc.WeatherServiceServicer):
    def __init__(self, catalog: Catalog, forecaster: Forecaster) -> None:
        self.catalog = catalog
        self.forecaster = forecaster

    async def GetDailyForecast(self, request: pb.GetDailyForecastRequest, context) -> pb.GetDailyForecastResponse:
        violations = Violations()
        place = violations.check(self.catalog.resolve, request.place, "place")
        start = violations.check(to_date, request.start_date, "start_date")
        end = violations.check(to_date, request.end_date, "end_date")
        if start is not None and end is not None:
            violations.items.extend(self.forecaster.check(place, start, end))
        violations.raise_if_any()
        days = await self.forecaster.daily(place, start, end)
        return pb.GetDailyForecastResponse(place=place.to_message(), days=[day_message(day) for day in days])
