import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from google.type import latlng_pb2 as _latlng_pb2
from google.type import money_pb2 as _money_pb2
from tripsmith.common.v1 import booking_pb2 as _booking_pb2
from tripsmith.common.v1 import party_pb2 as _party_pb2
from tripsmith.common.v1 import place_pb2 as _place_pb2
from tripsmith.common.v1 import provenance_pb2 as _provenance_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Amenity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AMENITY_UNSPECIFIED: _ClassVar[Amenity]
    AMENITY_WIFI: _ClassVar[Amenity]
    AMENITY_BREAKFAST: _ClassVar[Amenity]
    AMENITY_POOL: _ClassVar[Amenity]
    AMENITY_GYM: _ClassVar[Amenity]
    AMENITY_SPA: _ClassVar[Amenity]
    AMENITY_PARKING: _ClassVar[Amenity]
    AMENITY_AIRPORT_SHUTTLE: _ClassVar[Amenity]
    AMENITY_RESTAURANT: _ClassVar[Amenity]
    AMENITY_PET_FRIENDLY: _ClassVar[Amenity]
    AMENITY_ACCESSIBLE: _ClassVar[Amenity]
    AMENITY_KITCHEN: _ClassVar[Amenity]
    AMENITY_AIR_CONDITIONING: _ClassVar[Amenity]
    AMENITY_FAMILY_ROOMS: _ClassVar[Amenity]

class HouseRule(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HOUSE_RULE_UNSPECIFIED: _ClassVar[HouseRule]
    HOUSE_RULE_PETS: _ClassVar[HouseRule]
    HOUSE_RULE_SMOKING: _ClassVar[HouseRule]
    HOUSE_RULE_PARTIES: _ClassVar[HouseRule]
    HOUSE_RULE_VISITORS: _ClassVar[HouseRule]
    HOUSE_RULE_CHILDREN: _ClassVar[HouseRule]

class AccommodationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACCOMMODATION_TYPE_UNSPECIFIED: _ClassVar[AccommodationType]
    ACCOMMODATION_TYPE_HOTEL_ROOM: _ClassVar[AccommodationType]
    ACCOMMODATION_TYPE_ENTIRE_HOME: _ClassVar[AccommodationType]
    ACCOMMODATION_TYPE_PRIVATE_ROOM: _ClassVar[AccommodationType]
    ACCOMMODATION_TYPE_SHARED_ROOM: _ClassVar[AccommodationType]

class HotelOrder(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HOTEL_ORDER_UNSPECIFIED: _ClassVar[HotelOrder]
    HOTEL_ORDER_PRICE: _ClassVar[HotelOrder]
    HOTEL_ORDER_RATING: _ClassVar[HotelOrder]
    HOTEL_ORDER_STARS: _ClassVar[HotelOrder]
    HOTEL_ORDER_DISTANCE: _ClassVar[HotelOrder]
AMENITY_UNSPECIFIED: Amenity
AMENITY_WIFI: Amenity
AMENITY_BREAKFAST: Amenity
AMENITY_POOL: Amenity
AMENITY_GYM: Amenity
AMENITY_SPA: Amenity
AMENITY_PARKING: Amenity
AMENITY_AIRPORT_SHUTTLE: Amenity
AMENITY_RESTAURANT: Amenity
AMENITY_PET_FRIENDLY: Amenity
AMENITY_ACCESSIBLE: Amenity
AMENITY_KITCHEN: Amenity
AMENITY_AIR_CONDITIONING: Amenity
AMENITY_FAMILY_ROOMS: Amenity
HOUSE_RULE_UNSPECIFIED: HouseRule
HOUSE_RULE_PETS: HouseRule
HOUSE_RULE_SMOKING: HouseRule
HOUSE_RULE_PARTIES: HouseRule
HOUSE_RULE_VISITORS: HouseRule
HOUSE_RULE_CHILDREN: HouseRule
ACCOMMODATION_TYPE_UNSPECIFIED: AccommodationType
ACCOMMODATION_TYPE_HOTEL_ROOM: AccommodationType
ACCOMMODATION_TYPE_ENTIRE_HOME: AccommodationType
ACCOMMODATION_TYPE_PRIVATE_ROOM: AccommodationType
ACCOMMODATION_TYPE_SHARED_ROOM: AccommodationType
HOTEL_ORDER_UNSPECIFIED: HotelOrder
HOTEL_ORDER_PRICE: HotelOrder
HOTEL_ORDER_RATING: HotelOrder
HOTEL_ORDER_STARS: HotelOrder
HOTEL_ORDER_DISTANCE: HotelOrder

class GeoCircle(_message.Message):
    __slots__ = ("center", "radius_km")
    CENTER_FIELD_NUMBER: _ClassVar[int]
    RADIUS_KM_FIELD_NUMBER: _ClassVar[int]
    center: _latlng_pb2.LatLng
    radius_km: float
    def __init__(self, center: _Optional[_Union[_latlng_pb2.LatLng, _Mapping]] = ..., radius_km: _Optional[float] = ...) -> None: ...

class SearchHotelsRequest(_message.Message):
    __slots__ = ("city", "area", "check_in_date", "check_out_date", "guests", "min_stars", "max_nightly_price", "amenities", "currency_code", "order_by", "page_size", "page_token", "house_rules", "accommodation_types", "excluded_accommodation_types")
    CITY_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_DATE_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_DATE_FIELD_NUMBER: _ClassVar[int]
    GUESTS_FIELD_NUMBER: _ClassVar[int]
    MIN_STARS_FIELD_NUMBER: _ClassVar[int]
    MAX_NIGHTLY_PRICE_FIELD_NUMBER: _ClassVar[int]
    AMENITIES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    HOUSE_RULES_FIELD_NUMBER: _ClassVar[int]
    ACCOMMODATION_TYPES_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_ACCOMMODATION_TYPES_FIELD_NUMBER: _ClassVar[int]
    city: _place_pb2.Place
    area: GeoCircle
    check_in_date: _date_pb2.Date
    check_out_date: _date_pb2.Date
    guests: _party_pb2.Party
    min_stars: int
    max_nightly_price: _money_pb2.Money
    amenities: _containers.RepeatedScalarFieldContainer[Amenity]
    currency_code: str
    order_by: HotelOrder
    page_size: int
    page_token: str
    house_rules: _containers.RepeatedScalarFieldContainer[HouseRule]
    accommodation_types: _containers.RepeatedScalarFieldContainer[AccommodationType]
    excluded_accommodation_types: _containers.RepeatedScalarFieldContainer[AccommodationType]
    def __init__(self, city: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., area: _Optional[_Union[GeoCircle, _Mapping]] = ..., check_in_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., check_out_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., guests: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., min_stars: _Optional[int] = ..., max_nightly_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., amenities: _Optional[_Iterable[_Union[Amenity, str]]] = ..., currency_code: _Optional[str] = ..., order_by: _Optional[_Union[HotelOrder, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., house_rules: _Optional[_Iterable[_Union[HouseRule, str]]] = ..., accommodation_types: _Optional[_Iterable[_Union[AccommodationType, str]]] = ..., excluded_accommodation_types: _Optional[_Iterable[_Union[AccommodationType, str]]] = ...) -> None: ...

class SearchHotelsResponse(_message.Message):
    __slots__ = ("offers", "next_page_token", "total_size", "resolved_city")
    OFFERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_CITY_FIELD_NUMBER: _ClassVar[int]
    offers: _containers.RepeatedCompositeFieldContainer[HotelOffer]
    next_page_token: str
    total_size: int
    resolved_city: _place_pb2.Place
    def __init__(self, offers: _Optional[_Iterable[_Union[HotelOffer, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., resolved_city: _Optional[_Union[_place_pb2.Place, _Mapping]] = ...) -> None: ...

class Hotel(_message.Message):
    __slots__ = ("hotel_id", "name", "chain", "stars", "rating", "review_count", "location", "address", "city", "distance_from_center_km", "neighborhood", "amenities", "description", "room_types", "provenance", "house_rules", "accommodation_type")
    HOTEL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    REVIEW_COUNT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_FROM_CENTER_KM_FIELD_NUMBER: _ClassVar[int]
    NEIGHBORHOOD_FIELD_NUMBER: _ClassVar[int]
    AMENITIES_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ROOM_TYPES_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    HOUSE_RULES_FIELD_NUMBER: _ClassVar[int]
    ACCOMMODATION_TYPE_FIELD_NUMBER: _ClassVar[int]
    hotel_id: str
    name: str
    chain: str
    stars: int
    rating: float
    review_count: int
    location: _latlng_pb2.LatLng
    address: str
    city: _place_pb2.Place
    distance_from_center_km: float
    neighborhood: str
    amenities: _containers.RepeatedScalarFieldContainer[Amenity]
    description: str
    room_types: _containers.RepeatedCompositeFieldContainer[RoomType]
    provenance: _provenance_pb2.Provenance
    house_rules: _containers.RepeatedScalarFieldContainer[HouseRule]
    accommodation_type: AccommodationType
    def __init__(self, hotel_id: _Optional[str] = ..., name: _Optional[str] = ..., chain: _Optional[str] = ..., stars: _Optional[int] = ..., rating: _Optional[float] = ..., review_count: _Optional[int] = ..., location: _Optional[_Union[_latlng_pb2.LatLng, _Mapping]] = ..., address: _Optional[str] = ..., city: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., distance_from_center_km: _Optional[float] = ..., neighborhood: _Optional[str] = ..., amenities: _Optional[_Iterable[_Union[Amenity, str]]] = ..., description: _Optional[str] = ..., room_types: _Optional[_Iterable[_Union[RoomType, _Mapping]]] = ..., provenance: _Optional[_Union[_provenance_pb2.Provenance, _Mapping]] = ..., house_rules: _Optional[_Iterable[_Union[HouseRule, str]]] = ..., accommodation_type: _Optional[_Union[AccommodationType, str]] = ...) -> None: ...

class RoomType(_message.Message):
    __slots__ = ("room_type_id", "name", "max_occupancy", "beds")
    ROOM_TYPE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_OCCUPANCY_FIELD_NUMBER: _ClassVar[int]
    BEDS_FIELD_NUMBER: _ClassVar[int]
    room_type_id: str
    name: str
    max_occupancy: int
    beds: str
    def __init__(self, room_type_id: _Optional[str] = ..., name: _Optional[str] = ..., max_occupancy: _Optional[int] = ..., beds: _Optional[str] = ...) -> None: ...

class NightlyRate(_message.Message):
    __slots__ = ("date", "price")
    DATE_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    date: _date_pb2.Date
    price: _money_pb2.Money
    def __init__(self, date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class HotelOffer(_message.Message):
    __slots__ = ("offer_id", "hotel", "room_type", "rooms", "check_in_date", "check_out_date", "nightly_rates", "average_nightly_price", "total_price", "rooms_available", "refundable", "expire_time", "provenance")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    HOTEL_FIELD_NUMBER: _ClassVar[int]
    ROOM_TYPE_FIELD_NUMBER: _ClassVar[int]
    ROOMS_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_DATE_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_DATE_FIELD_NUMBER: _ClassVar[int]
    NIGHTLY_RATES_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_NIGHTLY_PRICE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    ROOMS_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    REFUNDABLE_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    hotel: Hotel
    room_type: RoomType
    rooms: int
    check_in_date: _date_pb2.Date
    check_out_date: _date_pb2.Date
    nightly_rates: _containers.RepeatedCompositeFieldContainer[NightlyRate]
    average_nightly_price: _money_pb2.Money
    total_price: _money_pb2.Money
    rooms_available: int
    refundable: bool
    expire_time: _timestamp_pb2.Timestamp
    provenance: _provenance_pb2.Provenance
    def __init__(self, offer_id: _Optional[str] = ..., hotel: _Optional[_Union[Hotel, _Mapping]] = ..., room_type: _Optional[_Union[RoomType, _Mapping]] = ..., rooms: _Optional[int] = ..., check_in_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., check_out_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., nightly_rates: _Optional[_Iterable[_Union[NightlyRate, _Mapping]]] = ..., average_nightly_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., total_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., rooms_available: _Optional[int] = ..., refundable: _Optional[bool] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., provenance: _Optional[_Union[_provenance_pb2.Provenance, _Mapping]] = ...) -> None: ...

class GetHotelRequest(_message.Message):
    __slots__ = ("hotel_id",)
    HOTEL_ID_FIELD_NUMBER: _ClassVar[int]
    hotel_id: str
    def __init__(self, hotel_id: _Optional[str] = ...) -> None: ...

class GetHotelResponse(_message.Message):
    __slots__ = ("hotel",)
    HOTEL_FIELD_NUMBER: _ClassVar[int]
    hotel: Hotel
    def __init__(self, hotel: _Optional[_Union[Hotel, _Mapping]] = ...) -> None: ...

class GetHotelOfferRequest(_message.Message):
    __slots__ = ("offer_id", "currency_code")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    currency_code: str
    def __init__(self, offer_id: _Optional[str] = ..., currency_code: _Optional[str] = ...) -> None: ...

class GetHotelOfferResponse(_message.Message):
    __slots__ = ("offer",)
    OFFER_FIELD_NUMBER: _ClassVar[int]
    offer: HotelOffer
    def __init__(self, offer: _Optional[_Union[HotelOffer, _Mapping]] = ...) -> None: ...

class HotelHold(_message.Message):
    __slots__ = ("hold_id", "offer", "guests", "state", "create_time", "expire_time", "client_reference", "booking_reference")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    GUESTS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    offer: HotelOffer
    guests: _party_pb2.Party
    state: _booking_pb2.HoldState
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    client_reference: str
    booking_reference: str
    def __init__(self, hold_id: _Optional[str] = ..., offer: _Optional[_Union[HotelOffer, _Mapping]] = ..., guests: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., state: _Optional[_Union[_booking_pb2.HoldState, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., client_reference: _Optional[str] = ..., booking_reference: _Optional[str] = ...) -> None: ...

class HoldHotelOfferRequest(_message.Message):
    __slots__ = ("offer_id", "guests", "max_total_price", "client_reference", "idempotency_key")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    GUESTS_FIELD_NUMBER: _ClassVar[int]
    MAX_TOTAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    guests: _party_pb2.Party
    max_total_price: _money_pb2.Money
    client_reference: str
    idempotency_key: str
    def __init__(self, offer_id: _Optional[str] = ..., guests: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., max_total_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., client_reference: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class HoldHotelOfferResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: HotelHold
    def __init__(self, hold: _Optional[_Union[HotelHold, _Mapping]] = ...) -> None: ...

class GetHotelHoldRequest(_message.Message):
    __slots__ = ("hold_id",)
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    def __init__(self, hold_id: _Optional[str] = ...) -> None: ...

class GetHotelHoldResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: HotelHold
    def __init__(self, hold: _Optional[_Union[HotelHold, _Mapping]] = ...) -> None: ...

class ReleaseHotelHoldRequest(_message.Message):
    __slots__ = ("hold_id", "idempotency_key")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    idempotency_key: str
    def __init__(self, hold_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ReleaseHotelHoldResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: HotelHold
    def __init__(self, hold: _Optional[_Union[HotelHold, _Mapping]] = ...) -> None: ...

class HotelBooking(_message.Message):
    __slots__ = ("booking_reference", "hold_id", "offer", "guests", "state", "client_reference", "approved_by", "create_time", "cancel_time")
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    GUESTS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CANCEL_TIME_FIELD_NUMBER: _ClassVar[int]
    booking_reference: str
    hold_id: str
    offer: HotelOffer
    guests: _party_pb2.Party
    state: _booking_pb2.BookingState
    client_reference: str
    approved_by: str
    create_time: _timestamp_pb2.Timestamp
    cancel_time: _timestamp_pb2.Timestamp
    def __init__(self, booking_reference: _Optional[str] = ..., hold_id: _Optional[str] = ..., offer: _Optional[_Union[HotelOffer, _Mapping]] = ..., guests: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., state: _Optional[_Union[_booking_pb2.BookingState, str]] = ..., client_reference: _Optional[str] = ..., approved_by: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancel_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ConfirmHotelHoldRequest(_message.Message):
    __slots__ = ("hold_id", "approved_by", "idempotency_key")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    approved_by: str
    idempotency_key: str
    def __init__(self, hold_id: _Optional[str] = ..., approved_by: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ConfirmHotelHoldResponse(_message.Message):
    __slots__ = ("booking",)
    BOOKING_FIELD_NUMBER: _ClassVar[int]
    booking: HotelBooking
    def __init__(self, booking: _Optional[_Union[HotelBooking, _Mapping]] = ...) -> None: ...

class GetHotelBookingRequest(_message.Message):
    __slots__ = ("booking_reference",)
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    booking_reference: str
    def __init__(self, booking_reference: _Optional[str] = ...) -> None: ...

class GetHotelBookingResponse(_message.Message):
    __slots__ = ("booking",)
    BOOKING_FIELD_NUMBER: _ClassVar[int]
    booking: HotelBooking
    def __init__(self, booking: _Optional[_Union[HotelBooking, _Mapping]] = ...) -> None: ...

class CancelHotelBookingRequest(_message.Message):
    __slots__ = ("booking_reference", "reason", "idempotency_key")
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    booking_reference: str
    reason: str
    idempotency_key: str
    def __init__(self, booking_reference: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CancelHotelBookingResponse(_message.Message):
    __slots__ = ("booking",)
    BOOKING_FIELD_NUMBER: _ClassVar[int]
    booking: HotelBooking
    def __init__(self, booking: _Optional[_Union[HotelBooking, _Mapping]] = ...) -> None: ...

class ListHotelBookingsRequest(_message.Message):
    __slots__ = ("client_reference", "page_size", "page_token")
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    client_reference: str
    page_size: int
    page_token: str
    def __init__(self, client_reference: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListHotelBookingsResponse(_message.Message):
    __slots__ = ("bookings", "next_page_token")
    BOOKINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    bookings: _containers.RepeatedCompositeFieldContainer[HotelBooking]
    next_page_token: str
    def __init__(self, bookings: _Optional[_Iterable[_Union[HotelBooking, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
