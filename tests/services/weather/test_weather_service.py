"""The weather service on a real gRPC server (port 0, fixed clock) through real channels.

The embedded provider is tested end to end; the Open-Meteo adapter against a local aiohttp
server that plays back responses in the API's documented shape (tests/fixtures/open_meteo/),
so no test touches the network.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from contextlib import asynccontextmanager
from pathlib import Path

import grpc
import pytest
from aiohttp import web
from google.rpc import error_details_pb2, status_pb2
from google.type import date_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.weather.config import WeatherConfig
from services.weather.model import Condition
from services.weather.open_meteo import WMO_CONDITIONS, condition_of
from services.weather.server import SERVICE_NAME, create_server
from tests.conftest import INTERNAL_TOKEN, free_ports
from tripsmith.common.v1 import place_pb2
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.runtime.auth import internal_metadata
from tripsmith.runtime.config import ConfigError, load
from tripsmith.weather.v1 import weather_service_pb2 as pb
from tripsmith.weather.v1 import weather_service_pb2_grpc as pb_grpc

#: The fixed "now" of every test: noon UTC on 10 January 2027.
NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.timezone.utc).timestamp()
TODAY = dt.date(2027, 1, 10)
METADATA = internal_metadata("acme", INTERNAL_TOKEN)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "open_meteo"
K = pb.ForecastKind
C = pb.Condition


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


def weather_config(**settings) -> WeatherConfig:
    """A config on port 0; settings by variable name override the embedded defaults."""
    values = {
        "TRIPSMITH_WEATHER_PORT": 0,
        "internal_token": INTERNAL_TOKEN,
        "TRIPSMITH_WEATHER_PROVIDER": "embedded",
        "TRIPSMITH_WEATHER_FORECAST_HORIZON_DAYS": 16,
        **settings,
    }
    return WeatherConfig(**values)


@asynccontextmanager
async def serving(catalog: Catalog, **settings):
    server, port = create_server(weather_config(**settings), catalog, clock=lambda: NOW)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield pb_grpc.WeatherServiceStub(channel)
    finally:
        await server.stop(0)


@pytest.fixture
async def stub(catalog):
    async with serving(catalog) as weather:
        yield weather


def date_of(day: dt.date) -> date_pb2.Date:
    return date_pb2.Date(year=day.year, month=day.month, day=day.day)


def as_date(value: date_pb2.Date) -> dt.date:
    return dt.date(value.year, value.month, value.day)


def request_for(place: place_pb2.Place | None, start: dt.date, end: dt.date) -> pb.GetDailyForecastRequest:
    request = pb.GetDailyForecastRequest(start_date=date_of(start), end_date=date_of(end))
    if place is not None:
        request.place.CopyFrom(place)
    return request


async def forecast(stub, start: dt.date, end: dt.date, **place) -> pb.GetDailyForecastResponse:
    return await stub.GetDailyForecast(request_for(place_pb2.Place(**place), start, end), metadata=METADATA)


def days_after(first: int, last: int) -> tuple[dt.date, dt.date]:
    return TODAY + dt.timedelta(days=first), TODAY + dt.timedelta(days=last)


def violations(error: grpc.aio.AioRpcError) -> list[str]:
    """The fields named by the BadRequest detail of an INVALID_ARGUMENT error."""
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.details()
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            for packed in status_pb2.Status.FromString(value).details:
                if packed.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    found = error_details_pb2.BadRequest()
                    packed.Unpack(found)
                    return [violation.field for violation in found.field_violations]
    pytest.fail("no BadRequest detail")


def error_reason(error: grpc.aio.AioRpcError) -> str:
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            for packed in status_pb2.Status.FromString(value).details:
                if packed.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    packed.Unpack(info)
                    return info.reason
    pytest.fail("no ErrorInfo detail")


# The range, the horizon and the provenance -------------------------------------------------


async def test_one_day_per_date_in_order(stub):
    response = await forecast(stub, *days_after(0, 29), city_name="Lisbon")
    assert [as_date(day.date) for day in response.days] == [TODAY + dt.timedelta(days=n) for n in range(30)]
    assert (response.place.iata_code, response.place.country_code, response.place.time_zone) == (
        "LIS", "PT", "Europe/Lisbon")


async def test_forecast_up_to_the_horizon_then_climatology(stub):
    response = await forecast(stub, *days_after(10, 25), iata_code="LIS")
    kinds = {as_date(day.date): day.kind for day in response.days}
    # The horizon counts today: days 0-15 are forecast days, from day 16 on the normals.
    assert all(kind == K.FORECAST_KIND_FORECAST for day, kind in kinds.items() if (day - TODAY).days <= 15)
    assert all(kind == K.FORECAST_KIND_CLIMATOLOGY for day, kind in kinds.items() if (day - TODAY).days >= 16)
    for day in response.days:
        assert day.provenance.synthetic
        assert "CHELSA v2.1 normals of Lisbon, PT" in day.provenance.source
        assert day.provenance.vintage == "normals 1981-2010, model 1"
    normals = [day for day in response.days if day.kind == K.FORECAST_KIND_CLIMATOLOGY]
    # Normals have no day-to-day noise: they move by a few tenths a day at most.
    for before, after in zip(normals, normals[1:]):
        assert abs(after.high_celsius - before.high_celsius) <= 0.3
        assert after.precipitation_probability == pytest.approx(before.precipitation_probability, abs=0.02)


async def test_the_horizon_is_a_setting(catalog):
    async with serving(catalog, TRIPSMITH_WEATHER_FORECAST_HORIZON_DAYS=3) as weather:
        response = await forecast(weather, *days_after(0, 5), iata_code="LIS")
        assert [day.kind for day in response.days] == [K.FORECAST_KIND_FORECAST] * 3 + [K.FORECAST_KIND_CLIMATOLOGY] * 3
    async with serving(catalog, TRIPSMITH_WEATHER_FORECAST_HORIZON_DAYS=0) as weather:
        response = await forecast(weather, *days_after(0, 5), iata_code="LIS")
        assert {day.kind for day in response.days} == {K.FORECAST_KIND_CLIMATOLOGY}


async def test_climatology_is_the_same_whatever_the_range(stub):
    first = await forecast(stub, *days_after(20, 40), iata_code="OSL")
    second = await forecast(stub, *days_after(30, 50), iata_code="OSL")
    shared = {as_date(day.date): day for day in second.days}
    overlap = [day for day in first.days if as_date(day.date) in shared]
    assert len(overlap) == 11
    assert all(day == shared[as_date(day.date)] for day in overlap)


# Determinism and plausibility ---------------------------------------------------------------


async def test_the_same_request_gives_the_same_answer_on_every_server(catalog):
    request = request_for(place_pb2.Place(iata_code="LIS"), *days_after(0, 60))
    answers = []
    for _ in range(2):
        async with serving(catalog) as weather:
            answers += [(await weather.GetDailyForecast(request, metadata=METADATA)).SerializeToString()
                        for _ in range(2)]
    assert len(set(answers)) == 1


async def test_a_date_gets_the_same_forecast_in_overlapping_ranges(stub):
    first = await forecast(stub, *days_after(0, 9), city_name="Oslo")
    second = await forecast(stub, *days_after(5, 14), city_name="Oslo")
    assert list(first.days[5:]) == list(second.days[:5])


async def test_different_cities_get_different_figures(stub):
    lisbon = await forecast(stub, *days_after(0, 13), iata_code="LIS")
    porto = await forecast(stub, *days_after(0, 13), iata_code="OPO")
    assert [d.high_celsius for d in lisbon.days] != [d.high_celsius for d in porto.days]
    assert [d.condition for d in lisbon.days] != [d.condition for d in porto.days]


PLACES = ["LIS", "OSL", "SIN", "JFK", "DXB", "SYD", "NBO", "KEF", "BOM", "DEN", "UIO", "ANC", "YKS", "PHX"]


@pytest.mark.parametrize("code", PLACES)
async def test_every_day_is_consistent(stub, code):
    response = await forecast(stub, *days_after(0, 60), iata_code=code)
    assert len(response.days) == 61
    for day in response.days:
        assert -60 < day.low_celsius <= day.high_celsius < 55, day
        assert 0 <= day.precipitation_probability <= 1, day
        assert day.precipitation_mm >= 0, day
        assert day.condition != C.CONDITION_UNSPECIFIED
        if day.condition == C.CONDITION_SNOW:
            assert (day.high_celsius + day.low_celsius) / 2 <= 0.5, day
        if day.kind == K.FORECAST_KIND_FORECAST:
            wet = day.condition in (C.CONDITION_DRIZZLE, C.CONDITION_RAIN, C.CONDITION_THUNDERSTORM, C.CONDITION_SNOW)
            assert wet == (day.precipitation_mm > 0), day
            # A synthetic forecast is sure of itself: more likely than not wet on its wet days.
            assert day.precipitation_probability >= 0.5 if wet else day.precipitation_probability <= 0.5, day


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


async def test_lisbon_in_july_is_warmer_than_oslo_in_january(stub):
    lisbon = await forecast(stub, dt.date(2027, 7, 1), dt.date(2027, 7, 31), city_name="Lisbon")
    oslo = await forecast(stub, dt.date(2027, 1, 10), dt.date(2027, 1, 31), city_name="Oslo")
    assert mean(d.high_celsius for d in lisbon.days) > mean(d.high_celsius for d in oslo.days) + 20
    assert mean(d.low_celsius for d in lisbon.days) > mean(d.high_celsius for d in oslo.days)
    # A mediterranean summer is dry; an Oslo winter brings snow.
    assert mean(d.precipitation_probability for d in lisbon.days) < 0.1
    assert any(d.condition == C.CONDITION_SNOW for d in oslo.days)
    assert not any(d.condition == C.CONDITION_SNOW for d in lisbon.days)


async def test_singapore_is_rarely_below_20_degrees(stub):
    response = await forecast(stub, *days_after(0, 60), city_name="Singapore")
    lows = [day.low_celsius for day in response.days]
    assert sum(low >= 20 for low in lows) >= 0.95 * len(lows)
    assert min(lows) >= 17
    assert all(day.high_celsius >= 26 for day in response.days)


async def test_southern_seasons_are_the_other_way_round(stub):
    january = await forecast(stub, dt.date(2028, 1, 1), dt.date(2028, 1, 31), iata_code="SYD")
    july = await forecast(stub, dt.date(2027, 7, 1), dt.date(2027, 7, 31), iata_code="SYD")
    assert mean(d.high_celsius for d in january.days) > mean(d.high_celsius for d in july.days) + 7


async def test_far_from_every_station_the_latitude_model_answers(stub):
    winter = await forecast(stub, *days_after(0, 20), city_name="Anchorage")
    summer = await forecast(stub, dt.date(2027, 7, 1), dt.date(2027, 7, 31), city_name="Anchorage")
    assert winter.place.country_code == "US"
    for day in [*winter.days, *summer.days]:
        assert day.provenance.synthetic
        assert "by latitude and season" in day.provenance.source
    assert mean(d.high_celsius for d in summer.days) > mean(d.high_celsius for d in winter.days) + 10


# Places -----------------------------------------------------------------------------------


async def test_a_place_resolves_by_name_code_metro_and_coordinates(stub):
    start, end = days_after(0, 6)
    by_name = await forecast(stub, start, end, city_name="Lisbon")
    by_code = await forecast(stub, start, end, iata_code="LIS")
    by_location = await forecast(stub, start, end, location={"latitude": 38.72, "longitude": -9.14})
    metro = await forecast(stub, start, end, iata_code="NYC")
    assert by_name.place.kind == place_pb2.PLACE_KIND_CITY and by_name.place.city_name == "Lisbon"
    assert by_code.place.kind == place_pb2.PLACE_KIND_AIRPORT and by_code.place.iata_code == "LIS"
    # The nearest city to a coordinate may be a district (São Jorge de Arroios); the
    # coordinate itself is kept.
    assert by_location.place.country_code == "PT" and by_location.place.time_zone == "Europe/Lisbon"
    assert by_location.place.location.latitude == pytest.approx(38.72)
    # The same climate station serves all three, so they share their weather.
    assert list(by_name.days) == list(by_code.days) == list(by_location.days)
    assert metro.place.kind == place_pb2.PLACE_KIND_METRO_AREA and metro.place.time_zone == "America/New_York"
    assert "normals of New York City, US" in metro.days[0].provenance.source


# Validation and authentication ----------------------------------------------------------------


def bad_date(year: int, month: int, day: int) -> date_pb2.Date:
    return date_pb2.Date(year=year, month=month, day=day)


LISBON = place_pb2.Place(iata_code="LIS")


@pytest.mark.parametrize(
    ("request_message", "fields"),
    [
        (request_for(place_pb2.Place(city_name="Xanadu Springs"), *days_after(0, 3)), ["place.city_name"]),
        (request_for(place_pb2.Place(iata_code="QQQ"), *days_after(0, 3)), ["place.iata_code"]),
        (request_for(None, *days_after(0, 3)), ["place"]),
        (request_for(LISBON, TODAY + dt.timedelta(days=5), TODAY + dt.timedelta(days=4)), ["end_date"]),
        (request_for(LISBON, TODAY, TODAY + dt.timedelta(days=61)), ["end_date"]),
        (request_for(LISBON, TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=3)), ["start_date"]),
        (pb.GetDailyForecastRequest(place=LISBON, start_date=bad_date(2027, 13, 1), end_date=date_of(TODAY)),
         ["start_date"]),
        (pb.GetDailyForecastRequest(place=LISBON, start_date=date_of(TODAY), end_date=bad_date(2027, 2, 30)),
         ["end_date"]),
        (pb.GetDailyForecastRequest(place=LISBON, end_date=date_of(TODAY)), ["start_date"]),
        (pb.GetDailyForecastRequest(place=LISBON, start_date=bad_date(0, 1, 12), end_date=date_of(TODAY)),
         ["start_date"]),
        (pb.GetDailyForecastRequest(start_date=date_of(TODAY), end_date=bad_date(2027, 0, 0)), ["place", "end_date"]),
    ],
    ids=["unknown city", "unknown code", "no place", "end before start", "61 days after", "in the past",
         "month 13", "30 February", "no start", "no year", "two at once"],
)
async def test_bad_requests_name_their_fields(stub, request_message, fields):
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetDailyForecast(request_message, metadata=METADATA)
    assert violations(error.value) == fields
    assert error_reason(error.value) == "INVALID_FIELD"


async def test_sixty_days_after_the_start_is_the_longest_range(stub):
    response = await forecast(stub, TODAY, TODAY + dt.timedelta(days=60), iata_code="LIS")
    assert len(response.days) == 61


async def test_today_is_the_date_at_the_place(catalog):
    # At 23:30 UTC on 10 January it is already 11 January in Tokyo, still the 10th in Lisbon.
    late = dt.datetime(2027, 1, 10, 23, 30, tzinfo=dt.timezone.utc).timestamp()
    server, port = create_server(weather_config(), catalog, clock=lambda: late)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            weather = pb_grpc.WeatherServiceStub(channel)
            await forecast(weather, TODAY, TODAY, iata_code="LIS")
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await forecast(weather, TODAY, TODAY, iata_code="HND")
            assert violations(error.value) == ["start_date"]
    finally:
        await server.stop(0)


@pytest.mark.parametrize(
    "metadata",
    [(), (("authorization", "Bearer wrong-token-0123456789"), ("x-tripsmith-tenant", "acme"))],
    ids=["none", "wrong token"],
)
async def test_calls_without_credentials_are_unauthenticated(stub, metadata):
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetDailyForecast(request_for(LISBON, *days_after(0, 2)), metadata=metadata)
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_health_is_serving(catalog):
    server, port = create_server(weather_config(), catalog, clock=lambda: NOW)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            probe = health_pb2_grpc.HealthStub(channel)
            health = await probe.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME))
            assert health.status == health_pb2.HealthCheckResponse.SERVING
    finally:
        await server.stop(0)


# Configuration ------------------------------------------------------------------------------


def test_settings_have_documented_defaults(monkeypatch):
    monkeypatch.setenv("TRIPSMITH_INTERNAL_TOKEN", INTERNAL_TOKEN)
    for variable in ("TRIPSMITH_WEATHER_PROVIDER", "TRIPSMITH_WEATHER_OPEN_METEO_URL",
                     "TRIPSMITH_WEATHER_OPEN_METEO_TIMEOUT_SECONDS", "TRIPSMITH_WEATHER_FORECAST_HORIZON_DAYS"):
        monkeypatch.delenv(variable, raising=False)
    config = load(WeatherConfig)
    assert config.provider == "embedded"
    assert config.open_meteo_url == "https://api.open-meteo.com/v1/forecast"
    assert (config.open_meteo_timeout_seconds, config.forecast_horizon_days) == (5.0, 16)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TRIPSMITH_WEATHER_PROVIDER", "accuweather"),
        ("TRIPSMITH_WEATHER_OPEN_METEO_URL", "api.open-meteo.com"),
        ("TRIPSMITH_WEATHER_OPEN_METEO_TIMEOUT_SECONDS", "0"),
        ("TRIPSMITH_WEATHER_FORECAST_HORIZON_DAYS", "17"),
        ("TRIPSMITH_WEATHER_FORECAST_HORIZON_DAYS", "two weeks"),
    ],
)
def test_bad_settings_are_named(monkeypatch, variable, value):
    monkeypatch.setenv("TRIPSMITH_INTERNAL_TOKEN", INTERNAL_TOKEN)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=rf"^{variable}: "):
        load(WeatherConfig)


# Open-Meteo ---------------------------------------------------------------------------------


class FakeOpenMeteo:
    """A local stand-in for api.open-meteo.com that plays back recorded daily forecasts.

    Like the real API, it answers only for the dates asked (`start_date` to `end_date`).
    `reply` chooses the behaviour: ("fixture", file name), ("status", code, reason),
    ("body", text) or ("hang",).
    """

    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []
        self.reply: tuple = ("fixture", "lisbon_2027-01-10.json")
        self.released = asyncio.Event()
        self.url = ""

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(dict(request.query))
        match self.reply:
            case ("fixture", name):
                recorded = json.loads((FIXTURES / name).read_text())
                return web.json_response(self._only_asked_dates(recorded, request.query))
            case ("status", status, reason):
                return web.json_response({"error": True, "reason": reason}, status=status)
            case ("body", text):
                return web.Response(text=text, content_type="application/json")
            case ("hang",):
                await self.released.wait()
                return web.json_response({})
        raise AssertionError(self.reply)

    @staticmethod
    def _only_asked_dates(recorded: dict, query) -> dict:
        daily = recorded["daily"]
        keep = [i for i, day in enumerate(daily["time"]) if query["start_date"] <= day <= query["end_date"]]
        recorded["daily"] = {name: [values[i] for i in keep] for name, values in daily.items()}
        return recorded


@pytest.fixture
async def open_meteo():
    fake = FakeOpenMeteo()
    app = web.Application()
    app.router.add_get("/v1/forecast", fake.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    fake.url = f"http://{host}:{port}/v1/forecast"
    yield fake
    fake.released.set()
    await runner.cleanup()


@asynccontextmanager
async def serving_open_meteo(catalog, url: str, timeout: float = 5.0):
    async with serving(catalog, TRIPSMITH_WEATHER_PROVIDER="open-meteo", TRIPSMITH_WEATHER_OPEN_METEO_URL=url,
                       TRIPSMITH_WEATHER_OPEN_METEO_TIMEOUT_SECONDS=timeout) as weather:
        yield weather


def recorded(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())["daily"]


async def test_open_meteo_days_then_climatology(catalog, open_meteo):
    async with serving_open_meteo(catalog, open_meteo.url) as weather:
        response = await forecast(weather, *days_after(0, 29), iata_code="LIS")
    assert open_meteo.requests == [{
        "latitude": "38.7813",
        "longitude": "-9.1359",
        "daily": "temperature_2m_max,temperature_2m_min,precipitation_probability_max,precipitation_sum,weather_code",
        "timezone": "Europe/Lisbon",
        "start_date": "2027-01-10",
        "end_date": "2027-01-25",
    }]
    daily = recorded("lisbon_2027-01-10.json")
    upstream, normals = response.days[:16], response.days[16:]
    assert [as_date(day.date).isoformat() for day in upstream] == daily["time"]
    assert [day.high_celsius for day in upstream] == daily["temperature_2m_max"]
    assert [day.low_celsius for day in upstream] == daily["temperature_2m_min"]
    probabilities = [p / 100 for p in daily["precipitation_probability_max"]]
    assert [day.precipitation_probability for day in upstream] == probabilities
    assert [day.precipitation_mm for day in upstream] == daily["precipitation_sum"]
    assert [day.condition for day in upstream] == [
        C.CONDITION_CLOUDY, C.CONDITION_RAIN, C.CONDITION_RAIN, C.CONDITION_PARTLY_CLOUDY, C.CONDITION_CLEAR,
        C.CONDITION_CLEAR, C.CONDITION_FOG, C.CONDITION_DRIZZLE, C.CONDITION_RAIN, C.CONDITION_THUNDERSTORM,
        C.CONDITION_CLOUDY, C.CONDITION_PARTLY_CLOUDY, C.CONDITION_DRIZZLE, C.CONDITION_RAIN, C.CONDITION_RAIN,
        C.CONDITION_CLEAR,
    ]
    for day in upstream:
        assert day.kind == K.FORECAST_KIND_FORECAST
        assert (day.provenance.source, day.provenance.vintage, day.provenance.synthetic) == (
            "Open-Meteo", "2027-01-10", False)
    assert len(normals) == 14
    for day in normals:
        assert day.kind == K.FORECAST_KIND_CLIMATOLOGY
        assert day.provenance.synthetic and "normals of Lisbon" in day.provenance.source


async def test_open_meteo_snow_and_freezing_codes(catalog, open_meteo):
    open_meteo.reply = ("fixture", "oslo_2027-01-10.json")
    async with serving_open_meteo(catalog, open_meteo.url) as weather:
        response = await forecast(weather, *days_after(0, 15), iata_code="OSL")
    assert open_meteo.requests[0]["timezone"] == "Europe/Oslo"
    assert [day.condition for day in response.days] == (
        [C.CONDITION_SNOW] * 6 + [C.CONDITION_DRIZZLE] * 2 + [C.CONDITION_RAIN, C.CONDITION_FOG, C.CONDITION_CLOUDY,
         C.CONDITION_PARTLY_CLOUDY, C.CONDITION_CLEAR, C.CONDITION_CLEAR, C.CONDITION_FOG, C.CONDITION_DRIZZLE])


@pytest.mark.parametrize(
    ("codes", "condition"),
    [
        ((0, 1), Condition.CLEAR), ((2,), Condition.PARTLY_CLOUDY), ((3,), Condition.CLOUDY),
        ((45, 48), Condition.FOG), ((51, 53, 55, 56, 57), Condition.DRIZZLE),
        ((61, 63, 65, 66, 67, 80, 81, 82), Condition.RAIN), ((71, 73, 75, 77, 85, 86), Condition.SNOW),
        ((95, 96, 99), Condition.THUNDERSTORM), ((4, 50, 100, -1), Condition.UNSPECIFIED),
    ],
)
def test_every_documented_wmo_code_has_a_condition(codes, condition):
    assert [condition_of(code) for code in codes] == [condition] * len(codes)


def test_the_wmo_table_covers_the_documented_codes():
    assert sorted(WMO_CONDITIONS) == [0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77,
                                      80, 81, 82, 85, 86, 95, 96, 99]


async def test_only_forecast_days_are_asked_for(catalog, open_meteo):
    async with serving_open_meteo(catalog, open_meteo.url) as weather:
        later = await forecast(weather, *days_after(5, 8), iata_code="LIS")
        beyond = await forecast(weather, *days_after(20, 30), iata_code="LIS")
    assert [(r["start_date"], r["end_date"]) for r in open_meteo.requests] == [("2027-01-15", "2027-01-18")]
    assert [day.provenance.source for day in later.days] == ["Open-Meteo"] * 4
    assert {day.kind for day in beyond.days} == {K.FORECAST_KIND_CLIMATOLOGY}


async def test_days_open_meteo_leaves_empty_come_from_the_embedded_model(catalog, open_meteo):
    open_meteo.reply = ("fixture", "lisbon_with_gaps_2027-01-10.json")
    async with serving_open_meteo(catalog, open_meteo.url) as weather, serving(catalog) as embedded:
        response = await forecast(weather, *days_after(0, 15), iata_code="LIS")
        synthetic = await forecast(embedded, *days_after(0, 15), iata_code="LIS")
    gaps = {4, 13, 14, 15}
    for index, day in enumerate(response.days):
        assert day.kind == K.FORECAST_KIND_FORECAST
        if index in gaps:
            assert day == synthetic.days[index]
            assert day.provenance.synthetic
        else:
            assert (day.provenance.source, day.provenance.synthetic) == ("Open-Meteo", False)


FAILURES = {
    "HTTP 500": ("status", 500, "Internal Server Error"),
    "HTTP 400": ("status", 400, "Parameter 'end_date' is out of allowed range"),
    "HTTP 429": ("status", 429, "Daily API request limit exceeded"),
    "not JSON": ("body", "<html>Bad Gateway</html>"),
    "truncated JSON": ("body", '{"latitude":38.78,"daily":{"time":["2027-01-10"'),
    "no daily": ("body", '{"latitude":38.78,"longitude":-9.14}'),
    "short column": ("body", json.dumps({"daily": {"time": ["2027-01-10", "2027-01-11"],
                                                   "temperature_2m_max": [14.0], "temperature_2m_min": [8.0, 9.0],
                                                   "precipitation_probability_max": [10, 20],
                                                   "precipitation_sum": [0.0, 0.0], "weather_code": [0, 1]}})),
    "text for a number": ("body", json.dumps({"daily": {
        "time": ["2027-01-10"], "temperature_2m_max": ["14"], "temperature_2m_min": [8.0],
        "precipitation_probability_max": [10], "precipitation_sum": [0.0], "weather_code": [0]}})),
    "fahrenheit": ("body", json.dumps({"daily_units": {"temperature_2m_max": "°F"},
                                       "daily": {"time": ["2027-01-10"], "temperature_2m_max": [57.0],
                                                 "temperature_2m_min": [46.0], "precipitation_probability_max": [10],
                                                 "precipitation_sum": [0.0], "weather_code": [0]}})),
    "timeout": ("hang",),
}


@pytest.mark.parametrize("reply", FAILURES.values(), ids=FAILURES.keys())
async def test_upstream_failures_are_unavailable(catalog, open_meteo, reply):
    open_meteo.reply = reply
    async with serving_open_meteo(catalog, open_meteo.url, timeout=0.5) as weather:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await forecast(weather, *days_after(0, 3), iata_code="LIS")
        assert error.value.code() == grpc.StatusCode.UNAVAILABLE, error.value.details()
        assert error_reason(error.value) == "UPSTREAM_UNAVAILABLE"
        assert "Open-Meteo" in error.value.details()
        # Beyond the horizon no upstream is needed, so the service still answers.
        normals = await forecast(weather, *days_after(20, 22), iata_code="LIS")
        assert len(normals.days) == 3


async def test_an_unreachable_upstream_is_unavailable(catalog):
    [port] = free_ports(1)
    async with serving_open_meteo(catalog, f"http://127.0.0.1:{port}/v1/forecast") as weather:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await forecast(weather, *days_after(0, 3), iata_code="LIS")
    assert error.value.code() == grpc.StatusCode.UNAVAILABLE
