"""The contract of a weather supplier (tripsmith.weather.v1.WeatherService)."""

from __future__ import annotations

import datetime as dt

import grpc
from google.type.date_pb2 import Date

from tripsmith.common.v1.place_pb2 import Place
from tripsmith.suppliers.conformance.harness import Kit, access_checks, expect, expect_error
from tripsmith.weather.v1 import weather_service_pb2 as pb
from tripsmith.weather.v1 import weather_service_pb2_grpc
from tripsmith.core.dates import date_message, date_of

SERVICE = "tripsmith.weather.v1.WeatherService"
INVALID = grpc.StatusCode.INVALID_ARGUMENT


def stub(kit: Kit) -> weather_service_pb2_grpc.WeatherServiceStub:
    return weather_service_pb2_grpc.WeatherServiceStub(kit.channel)


async def forecast(kit: Kit, place: Place | None = None, start: int = 1, days: int = 7, **fields) -> pb.GetDailyForecastResponse:
    request = pb.GetDailyForecastRequest(place=place or Place(city_name=kit.options.city),
                                         start_date=date_message(kit.date(start)),
                                         end_date=date_message(kit.date(start + days - 1)), **fields)
    return await stub(kit).GetDailyForecast(request, metadata=kit.metadata(), timeout=30)


async def one_day_per_date(kit: Kit) -> str:
    response = await forecast(kit, days=10)
    dates = [date_of(d.date) for d in response.days]
    expect(dates == [kit.date(1) + dt.timedelta(days=n) for n in range(10)], "not one day per date, in order")
    for day in response.days:
        where = f"{day.date.year}-{day.date.month:02}-{day.date.day:02}"
        expect(day.high_celsius >= day.low_celsius, f"{where}: high below low")
        expect(-90 < day.low_celsius and day.high_celsius < 60, f"{where}: temperatures out of this world")
        expect(0 <= day.precipitation_probability <= 1 and day.precipitation_mm >= 0, f"{where}: bad precipitation")
        expect(day.condition != pb.CONDITION_UNSPECIFIED and day.kind != pb.FORECAST_KIND_UNSPECIFIED,
               f"{where}: condition or kind missing")
        expect(day.provenance.source, f"{where}: no provenance")
    expect(response.place.time_zone and response.place.city_name, "the resolved place lacks its name or time zone")
    return f"{len(response.days)} well-formed days for {response.place.city_name}"


async def climatology_beyond_the_horizon(kit: Kit) -> str:
    far = await forecast(kit, start=200, days=5)
    expect(all(day.kind == pb.FORECAST_KIND_CLIMATOLOGY for day in far.days), "days 200 days out are not climatology")
    near = await forecast(kit, start=0, days=40)
    kinds = [day.kind for day in near.days]
    expect(kinds[0] == pb.FORECAST_KIND_FORECAST, "today is not a forecast")
    expect(kinds == sorted(kinds), "forecast days do not all come before climatology days")
    return f"{kinds.count(pb.FORECAST_KIND_FORECAST)} forecast days, then climatology"


async def deterministic(kit: Kit) -> str:
    expect(await forecast(kit) == await forecast(kit), "the same request gave different weather")
    return "the same request gives the same weather"


async def resolves_places(kit: Kit) -> str:
    by_name = await forecast(kit)
    location = by_name.place.location
    by_point = await forecast(kit, place=Place(location=location))
    expect(by_point.days and by_point.place.time_zone == by_name.place.time_zone, "a coordinate does not resolve")
    if by_name.place.iata_code:
        by_code = await forecast(kit, place=Place(iata_code=by_name.place.iata_code))
        expect(by_code.days, "the place's own IATA code does not resolve")
    return "by name, by coordinates and by code"


async def rejects_bad_input(kit: Kit) -> str:
    def request(**fields) -> pb.GetDailyForecastRequest:
        base = dict(place=Place(city_name=kit.options.city), start_date=date_message(kit.date(1)),
                    end_date=date_message(kit.date(3)))
        base.update(fields)
        return pb.GetDailyForecastRequest(**base)

    cases = [
        ("no place", request(place=Place()), "place"),
        ("an unknown place", request(place=Place(city_name="Nowhere In Particular")), "place"),
        ("end before start", request(end_date=date_message(kit.date(0))), "end_date"),
        ("a 90-day range", request(end_date=date_message(kit.date(91))), "end_date"),
        ("an impossible date", request(start_date=Date(year=2031, month=2, day=30)), "start_date"),
        ("a megabyte name", request(place=Place(city_name="z" * 1_000_000)), "place"),
    ]
    for what, bad, field in cases:
        await expect_error(stub(kit).GetDailyForecast(bad, metadata=kit.metadata()), INVALID, field=field, what=what)
    return f"{len(cases)} kinds of bad input are INVALID_ARGUMENT with the field"


def _unauthenticated_forecast(kit: Kit):
    request = pb.GetDailyForecastRequest(place=Place(city_name=kit.options.city), start_date=date_message(kit.date(1)),
                                         end_date=date_message(kit.date(2)))
    return stub(kit).GetDailyForecast(request, timeout=10)


CHECKS = [
    *access_checks(SERVICE, _unauthenticated_forecast),
    ("one well-formed day per date", one_day_per_date),
    ("climatology beyond the horizon", climatology_beyond_the_horizon),
    ("forecasts are deterministic", deterministic),
    ("places by name, point and code", resolves_places),
    ("bad input is INVALID_ARGUMENT", rejects_bad_input),
]
