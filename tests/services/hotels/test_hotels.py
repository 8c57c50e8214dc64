"""The hotels service on the real data: inventory sized by city, prices by place and season."""

from __future__ import annotations

import datetime as dt

import grpc
import pytest
from google.type.date_pb2 import Date

from services.hotels.config import HotelsConfig
from services.hotels.inventory import Inventory, hotel_count
from services.hotels.server import create_server
from tests.suppliers import catalog, metadata, running
from tripsmith.common.v1.party_pb2 import Party
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.hotels.v1 import hotels_service_pb2 as pb
from tripsmith.hotels.v1 import hotels_service_pb2_grpc

TODAY = dt.datetime(2027, 1, 10, 12, tzinfo=dt.timezone.utc)


@pytest.fixture
async def hotels(tmp_path):
    async with running(create_server, HotelsConfig, tmp_path, clock=lambda: TODAY.timestamp()) as (channel, _):
        yield hotels_service_pb2_grpc.HotelsServiceStub(channel)


async def median_nightly(stub, city: str, check_in: Date, check_out: Date, stars: int) -> float:
    request = pb.SearchHotelsRequest(city=Place(city_name=city), check_in_date=check_in, check_out_date=check_out,
                                     guests=Party(adults=2), min_stars=stars, page_size=100)
    offers = [o for o in (await stub.SearchHotels(request, metadata=metadata())).offers if o.hotel.stars == stars]
    prices = sorted(o.average_nightly_price.units for o in offers if o.room_type.room_type_id == "dbl")
    assert prices, city
    return prices[len(prices) // 2]


def test_bigger_cities_have_more_hotels():
    inventory = Inventory(catalog())
    sizes = {name: len(inventory.hotels_in(catalog().find_city(name).geonameid)) for name in ("Porto", "Lisbon", "London")}
    assert sizes["Porto"] < sizes["Lisbon"] <= sizes["London"]
    assert hotel_count(15_000) < hotel_count(500_000) < hotel_count(10_000_000)


async def test_prices_follow_the_price_level_and_season(hotels):
    march = (Date(year=2027, month=3, day=9), Date(year=2027, month=3, day=11))
    july = (Date(year=2027, month=7, day=13), Date(year=2027, month=7, day=15))
    zurich = await median_nightly(hotels, "Zurich", *march, stars=3)
    lisbon = await median_nightly(hotels, "Lisbon", *march, stars=3)
    bangkok = await median_nightly(hotels, "Bangkok", *march, stars=3)
    assert zurich > lisbon > bangkok
    assert await median_nightly(hotels, "Lisbon", *july, stars=3) > lisbon
    assert await median_nightly(hotels, "Lisbon", *march, stars=5) > 2 * lisbon


async def test_rooms_fit_the_party(hotels):
    request = pb.SearchHotelsRequest(city=Place(city_name="Orlando"), check_in_date=Date(year=2027, month=6, day=14),
                                     check_out_date=Date(year=2027, month=6, day=21),
                                     guests=Party(adults=2, children_ages=[5, 9]), page_size=100)
    response = await hotels.SearchHotels(request, metadata=metadata())
    assert response.offers
    for offer in response.offers:
        assert offer.rooms * offer.room_type.max_occupancy >= 4 and offer.rooms <= 2
        assert len(offer.nightly_rates) == 7


async def test_get_hotel_and_unknown_hotels(hotels):
    request = pb.SearchHotelsRequest(city=Place(iata_code="LIS"), check_in_date=Date(year=2027, month=3, day=3),
                                     check_out_date=Date(year=2027, month=3, day=5), guests=Party(adults=1))
    offer = (await hotels.SearchHotels(request, metadata=metadata())).offers[0]
    hotel = (await hotels.GetHotel(pb.GetHotelRequest(hotel_id=offer.hotel.hotel_id), metadata=metadata())).hotel
    assert hotel == offer.hotel and hotel.city.city_name == "Lisbon" and hotel.provenance.synthetic
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await hotels.GetHotel(pb.GetHotelRequest(hotel_id="h1-999"), metadata=metadata())
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await hotels.GetHotelOffer(pb.GetHotelOfferRequest(offer_id="ho1.h1-1.dbl.1.x.y.1.n"), metadata=metadata())
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_house_rules_and_kinds_of_stay_are_stated_and_filtered(hotels):
    request = pb.SearchHotelsRequest(city=Place(city_name="London"), check_in_date=Date(year=2027, month=3, day=3),
                                     check_out_date=Date(year=2027, month=3, day=5), guests=Party(adults=2), page_size=100)
    everything = (await hotels.SearchHotels(request, metadata=metadata())).offers
    kinds = {offer.hotel.accommodation_type for offer in everything}
    assert pb.ACCOMMODATION_TYPE_HOTEL_ROOM in kinds and len(kinds) > 1
    for offer in everything:  # pets go with the pet-friendly amenity
        assert (pb.HOUSE_RULE_PETS in offer.hotel.house_rules) == (pb.AMENITY_PET_FRIENDLY in offer.hotel.amenities)
    request.house_rules.append(pb.HOUSE_RULE_SMOKING)
    request.accommodation_types.append(pb.ACCOMMODATION_TYPE_HOTEL_ROOM)
    smoking = (await hotels.SearchHotels(request, metadata=metadata())).offers
    assert smoking and len(smoking) < len(everything)
    assert all(pb.HOUSE_RULE_SMOKING in o.hotel.house_rules and o.hotel.accommodation_type == pb.ACCOMMODATION_TYPE_HOTEL_ROOM
               for o in smoking)
    request.house_rules.append(0)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await hotels.SearchHotels(request, metadata=metadata())
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "house_rules[1]" in error.value.details()
