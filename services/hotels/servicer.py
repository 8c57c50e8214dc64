"""The hotels servicer: tripsmith.hotels.v1 requests to the inventory and the ledger."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from functools import partial
from zoneinfo import ZoneInfo

from services.hotels.inventory import Hotel, Inventory
from services.hotels.offers import PricedStay, Stay, decode_offer_id, price, rooms_for
from tripsmith.core.dates import timestamp
from tripsmith.suppliers.booking_desk import BookingDesk, required_id
from tripsmith.common.v1 import party_pb2, provenance_pb2
from tripsmith.suppliers.data.catalog import City, distance_km
from tripsmith.core.errors import Aborted, FailedPrecondition, InvalidArgument, NotFound
from tripsmith.hotels.v1 import hotels_service_pb2 as pb
from tripsmith.hotels.v1 import hotels_service_pb2_grpc
from tripsmith.suppliers.ledger import Allocation, Ledger
from tripsmith.core.paging import page_size, paginate
from tripsmith.core.validation import (
    BOOKING_HORIZON_DAYS, MAX_ROOMS, MAX_STARS, MAX_TRIP_NIGHTS, Violations, check_currency, check_money,
    check_party, check_text,
)
from tripsmith.core.dates import date_message, to_date
from tripsmith.core.money import money_message

MAX_RADIUS_KM = 100.0
AMENITY_NAMES = {value: name.removeprefix("AMENITY_") for name, value in pb.Amenity.items() if value}
AMENITY_VALUES = {name: value for value, name in AMENITY_NAMES.items()}
RULE_NAMES = {value: name.removeprefix("HOUSE_RULE_") for name, value in pb.HouseRule.items() if value}
KIND_NAMES = {value: name.removeprefix("ACCOMMODATION_TYPE_") for name, value in pb.AccommodationType.items() if value}
SORT_KEYS: dict[int, Callable[[PricedStay], tuple]] = {
    pb.HOTEL_ORDER_UNSPECIFIED: lambda p: (p.total_usd,),
    pb.HOTEL_ORDER_PRICE: lambda p: (p.total_usd,),
    pb.HOTEL_ORDER_RATING: lambda p: (-p.stay.hotel.rating, p.total_usd),
    pb.HOTEL_ORDER_STARS: lambda p: (-p.stay.hotel.stars, p.total_usd),
    pb.HOTEL_ORDER_DISTANCE: lambda p: (p.stay.hotel.distance_from_center_km, p.total_usd),
}
PROVENANCE = provenance_pb2.Provenance(
    source="Tripsmith synthetic hotel inventory over GeoNames cities, priced by Penn World Table 11.0 price levels",
    vintage="model 1",
    synthetic=True,
)


class HotelsServicer(hotels_service_pb2_grpc.HotelsServiceServicer):
    def __init__(self, inventory: Inventory, ledger: Ledger, offer_ttl_seconds: float,
                 hold_ttl_seconds: float, clock: Callable[[], float] = time.time) -> None:
        self.inventory = inventory
        self.catalog = inventory.catalog
        self.desk = BookingDesk(ledger, hold_ttl_seconds, clock)
        self.ledger = ledger
        self.offer_ttl = offer_ttl_seconds
        self.clock = clock

    def _today(self, city: City) -> dt.date:
        return dt.datetime.fromtimestamp(self.clock(), ZoneInfo(city.time_zone)).date()

    # Conversions ----------------------------------------------------------------------------

    def _hotel(self, hotel: Hotel) -> pb.Hotel:
        message = pb.Hotel(
            hotel_id=hotel.hotel_id, name=hotel.name, chain=hotel.chain, stars=hotel.stars, rating=hotel.rating,
            review_count=hotel.review_count, address=hotel.address, neighborhood=hotel.neighborhood,
            distance_from_center_km=hotel.distance_from_center_km, description=hotel.description,
            amenities=[AMENITY_VALUES[a] for a in hotel.amenities], provenance=PROVENANCE,
            house_rules=[pb.HouseRule.Value(f"HOUSE_RULE_{rule}") for rule in hotel.house_rules],
            accommodation_type=pb.AccommodationType.Value(f"ACCOMMODATION_TYPE_{hotel.accommodation}"),
            room_types=[pb.RoomType(room_type_id=r.room_type_id, name=r.name, max_occupancy=r.max_occupancy, beds=r.beds)
                        for r in hotel.room_types],
        )
        message.location.latitude, message.location.longitude = hotel.lat, hotel.lon
        message.city.CopyFrom(self.catalog.city_place(hotel.city).to_message())
        return message

    def _offer(self, priced: PricedStay, currency: str) -> pb.HotelOffer:
        stay = priced.stay

        def money(usd: float):
            return money_message(self.catalog.convert(usd, "USD", currency), currency)

        room = stay.room
        return pb.HotelOffer(
            offer_id=stay.offer_id, hotel=self._hotel(stay.hotel),
            room_type=pb.RoomType(room_type_id=room.room_type_id, name=room.name, max_occupancy=room.max_occupancy, beds=room.beds),
            rooms=stay.rooms, check_in_date=date_message(stay.check_in), check_out_date=date_message(stay.check_out),
            nightly_rates=[pb.NightlyRate(date=date_message(night), price=money(usd))
                           for night, usd in zip(stay.nights, priced.nightly_usd)],
            average_nightly_price=money(priced.average_usd), total_price=money(priced.total_usd),
            rooms_available=priced.rooms_left,
            refundable=stay.hotel.price_noise < 1.1,
            expire_time=timestamp(self.clock() + self.offer_ttl), provenance=PROVENANCE,
        )

    async def _price(self, stays: list[Stay], today: dt.date) -> list[PricedStay]:
        resources = [Inventory.resource(s.hotel, s.room, night) for s in stays for night in s.nights]
        used = await self.ledger.used_many(resources)
        return [price(self.inventory, stay, today, used) for stay in stays]

    # Search ---------------------------------------------------------------------------------

    async def SearchHotels(self, request: pb.SearchHotelsRequest, context) -> pb.SearchHotelsResponse:
        violations = Violations()
        resolved = None
        if request.HasField("city"):
            resolved = violations.check(self.catalog.resolve, request.city, "city")
        elif request.HasField("area"):
            area = request.area
            if not (-90 <= area.center.latitude <= 90 and -180 <= area.center.longitude <= 180):
                violations.add("area.center", "latitude must be within ±90 and longitude within ±180")
            if not 0 < area.radius_km <= MAX_RADIUS_KM or math.isnan(area.radius_km):
                violations.add("area.radius_km", f"must be greater than 0 and at most {MAX_RADIUS_KM:.0f}")
        else:
            violations.add("location", "set either city or area")
        check_in = violations.check(to_date, request.check_in_date, "check_in_date")
        check_out = violations.check(to_date, request.check_out_date, "check_out_date")
        if check_in and check_out and not 0 < (check_out - check_in).days <= MAX_TRIP_NIGHTS:
            violations.add("check_out_date", f"must be 1 to {MAX_TRIP_NIGHTS} nights after check_in_date")
        guests = request.guests
        violations.check(check_party, guests.adults, guests.children_ages, "guests")
        if not 0 <= guests.rooms <= MAX_ROOMS:
            violations.add("guests.rooms", f"must be between 0 and {MAX_ROOMS}")
        elif guests.rooms > guests.adults >= 1:
            violations.add("guests.rooms", "every room needs an adult")
        if not 0 <= request.min_stars <= MAX_STARS:
            violations.add("min_stars", f"must be between 0 and {MAX_STARS}")
        max_nightly = None
        if request.HasField("max_nightly_price"):
            max_nightly = violations.check(check_money, request.max_nightly_price, "max_nightly_price", self.catalog.per_eur)
        for index, amenity in enumerate(request.amenities):
            if amenity not in AMENITY_NAMES:
                violations.add(f"amenities[{index}]", "is not a known amenity")
        for index, rule in enumerate(request.house_rules):
            if rule not in RULE_NAMES:
                violations.add(f"house_rules[{index}]", "is not a known house rule")
        for name in ("accommodation_types", "excluded_accommodation_types"):
            for index, kind in enumerate(getattr(request, name)):
                if kind not in KIND_NAMES:
                    violations.add(f"{name}[{index}]", "is not a known accommodation type")
        currency = violations.check(check_currency, request.currency_code, "currency_code", self.catalog.per_eur)
        if request.order_by not in SORT_KEYS:
            violations.add("order_by", "is not a known order")
        violations.check(page_size, request.page_size)
        violations.raise_if_any()

        if resolved is not None:
            city = resolved.city or self.catalog.nearest_city(resolved.lat, resolved.lon)
            hotels = list(self.inventory.hotels_in(city.geonameid))
            center = (city.lat, city.lon)
        else:
            center = (request.area.center.latitude, request.area.center.longitude)
            hotels = self.inventory.hotels_near(*center, request.area.radius_km)
            city = self.catalog.nearest_city(*center)
        today = self._today(city)
        if not today <= check_in <= today + dt.timedelta(days=BOOKING_HORIZON_DAYS):
            raise InvalidArgument.of("check_in_date", f"must be from today ({today}) to {BOOKING_HORIZON_DAYS} days ahead")

        wanted = {AMENITY_NAMES[a] for a in request.amenities}
        rules = {RULE_NAMES[r] for r in request.house_rules}
        kinds = {KIND_NAMES[k] for k in request.accommodation_types}
        excluded = {KIND_NAMES[k] for k in request.excluded_accommodation_types}
        stays = []
        for hotel in hotels:
            if hotel.stars < request.min_stars or not wanted <= set(hotel.amenities) or not rules <= set(hotel.house_rules):
                continue
            if (kinds and hotel.accommodation not in kinds) or hotel.accommodation in excluded:
                continue
            for room in hotel.room_types:
                rooms = rooms_for(room, guests.adults, len(guests.children_ages), guests.rooms)
                if rooms is not None:
                    stays.append(Stay(hotel, room, rooms, check_in, check_out, guests.adults, tuple(guests.children_ages)))
        priced = [p for p in await self._price(stays, today) if p.rooms_left >= p.stay.rooms]
        if max_nightly is not None:
            cap = self.catalog.convert(max_nightly, request.max_nightly_price.currency_code, "USD")
            priced = [p for p in priced if p.average_usd <= cap + 0.005]
        if request.HasField("area") and request.order_by == pb.HOTEL_ORDER_DISTANCE:
            # Around a point, distance means distance from that point.
            def order(p: PricedStay) -> tuple:
                return (distance_km(*center, p.stay.hotel.lat, p.stay.hotel.lon), p.total_usd, p.stay.offer_id)
        else:
            def order(p: PricedStay) -> tuple:
                return (*SORT_KEYS[request.order_by](p), p.stay.offer_id)
        priced.sort(key=order)
        page, next_token = paginate(priced, request)
        response = pb.SearchHotelsResponse(offers=[self._offer(p, currency) for p in page],
                                           next_page_token=next_token, total_size=len(priced))
        if resolved is not None:
            response.resolved_city.CopyFrom(resolved.to_message())
        return response

    async def GetHotel(self, request: pb.GetHotelRequest, context) -> pb.GetHotelResponse:
        hotel = self.inventory.hotel(required_id(request.hotel_id, "hotel_id"))
        if hotel is None:
            raise NotFound(f"hotel {request.hotel_id!r} does not exist")
        return pb.GetHotelResponse(hotel=self._hotel(hotel))

    async def _current(self, offer_id: str) -> PricedStay:
        if not offer_id:
            raise InvalidArgument.of("offer_id", "is required")
        check_text(offer_id, "offer_id", 200)
        stay = decode_offer_id(offer_id, self.inventory)
        today = self._today(stay.hotel.city)
        if stay.check_in < today:
            raise FailedPrecondition(f"offer {offer_id} is for a stay that has begun", reason="EXPIRED")
        if stay.check_in > today + dt.timedelta(days=BOOKING_HORIZON_DAYS):
            raise InvalidArgument.of("offer_id", f"is for a stay more than {BOOKING_HORIZON_DAYS} days ahead")
        [priced] = await self._price([stay], today)
        return priced

    async def GetHotelOffer(self, request: pb.GetHotelOfferRequest, context) -> pb.GetHotelOfferResponse:
        currency = check_currency(request.currency_code, "currency_code", self.catalog.per_eur)
        return pb.GetHotelOfferResponse(offer=self._offer(await self._current(request.offer_id), currency))

    # Holds and bookings ---------------------------------------------------------------------

    async def HoldHotelOffer(self, request: pb.HoldHotelOfferRequest, context) -> pb.HoldHotelOfferResponse:
        check_text(request.client_reference, "client_reference", 200)
        currency, max_price = "USD", None
        if request.HasField("max_total_price"):
            max_price = check_money(request.max_total_price, "max_total_price", self.catalog.per_eur)
            currency = request.max_total_price.currency_code
        priced = await self._current(request.offer_id)
        stay = priced.stay
        if request.HasField("guests") and ((request.guests.adults, tuple(request.guests.children_ages)) != (
                stay.adults, stay.children_ages) or request.guests.rooms not in (0, stay.rooms)):
            raise InvalidArgument.of("guests", "must be the guests and rooms the offer was searched for")
        offer = self._offer(priced, currency)
        if max_price is not None and self.catalog.convert(priced.total_usd, "USD", currency) > max_price + 0.005:
            raise Aborted(f"the stay now costs {offer.total_price.units} {currency}, above max_total_price",
                          reason="PRICE_CHANGED")
        today = self._today(stay.hotel.city)
        allocations = [Allocation(Inventory.resource(stay.hotel, stay.room, night), stay.rooms,
                                  self.inventory.rooms_left(stay.hotel, stay.room, night, today))
                       for night in stay.nights]
        guests = party_pb2.Party(adults=stay.adults, children_ages=stay.children_ages, rooms=stay.rooms)
        build = partial(pb.HotelHold, offer=offer, guests=guests, client_reference=request.client_reference)
        return await self.desk.hold(request, allocations, build, pb.HoldHotelOfferResponse)

    async def GetHotelHold(self, request, context):
        return await self.desk.get_hold(request, pb.GetHotelHoldResponse)

    async def ReleaseHotelHold(self, request, context):
        return await self.desk.release(request, pb.ReleaseHotelHoldResponse)

    async def ConfirmHotelHold(self, request, context):
        return await self.desk.confirm(request, pb.HotelBooking, pb.ConfirmHotelHoldResponse)

    async def GetHotelBooking(self, request, context):
        return await self.desk.get_booking(request, pb.GetHotelBookingResponse)

    async def CancelHotelBooking(self, request, context):
        return await self.desk.cancel(request, pb.CancelHotelBookingResponse)

    async def ListHotelBookings(self, request, context):
        return await self.desk.list_bookings(request, pb.ListHotelBookingsResponse)

