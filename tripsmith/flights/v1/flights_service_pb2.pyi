import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from google.type import money_pb2 as _money_pb2
from google.type import timeofday_pb2 as _timeofday_pb2
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

class Cabin(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CABIN_UNSPECIFIED: _ClassVar[Cabin]
    CABIN_ECONOMY: _ClassVar[Cabin]
    CABIN_PREMIUM_ECONOMY: _ClassVar[Cabin]
    CABIN_BUSINESS: _ClassVar[Cabin]
    CABIN_FIRST: _ClassVar[Cabin]

class FlightOrder(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FLIGHT_ORDER_UNSPECIFIED: _ClassVar[FlightOrder]
    FLIGHT_ORDER_PRICE: _ClassVar[FlightOrder]
    FLIGHT_ORDER_DURATION: _ClassVar[FlightOrder]
    FLIGHT_ORDER_DEPARTURE_TIME: _ClassVar[FlightOrder]
    FLIGHT_ORDER_ARRIVAL_TIME: _ClassVar[FlightOrder]
    FLIGHT_ORDER_STOPS: _ClassVar[FlightOrder]
CABIN_UNSPECIFIED: Cabin
CABIN_ECONOMY: Cabin
CABIN_PREMIUM_ECONOMY: Cabin
CABIN_BUSINESS: Cabin
CABIN_FIRST: Cabin
FLIGHT_ORDER_UNSPECIFIED: FlightOrder
FLIGHT_ORDER_PRICE: FlightOrder
FLIGHT_ORDER_DURATION: FlightOrder
FLIGHT_ORDER_DEPARTURE_TIME: FlightOrder
FLIGHT_ORDER_ARRIVAL_TIME: FlightOrder
FLIGHT_ORDER_STOPS: FlightOrder

class TimeWindow(_message.Message):
    __slots__ = ("earliest", "latest")
    EARLIEST_FIELD_NUMBER: _ClassVar[int]
    LATEST_FIELD_NUMBER: _ClassVar[int]
    earliest: _timeofday_pb2.TimeOfDay
    latest: _timeofday_pb2.TimeOfDay
    def __init__(self, earliest: _Optional[_Union[_timeofday_pb2.TimeOfDay, _Mapping]] = ..., latest: _Optional[_Union[_timeofday_pb2.TimeOfDay, _Mapping]] = ...) -> None: ...

class SearchFlightsRequest(_message.Message):
    __slots__ = ("origin", "destination", "departure_date", "passengers", "cabin", "max_stops", "departure_window", "arrival_window", "included_airlines", "excluded_airlines", "currency_code", "order_by", "page_size", "page_token")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_DATE_FIELD_NUMBER: _ClassVar[int]
    PASSENGERS_FIELD_NUMBER: _ClassVar[int]
    CABIN_FIELD_NUMBER: _ClassVar[int]
    MAX_STOPS_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_WINDOW_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_WINDOW_FIELD_NUMBER: _ClassVar[int]
    INCLUDED_AIRLINES_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_AIRLINES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    origin: _place_pb2.Place
    destination: _place_pb2.Place
    departure_date: _date_pb2.Date
    passengers: _party_pb2.Party
    cabin: Cabin
    max_stops: int
    departure_window: TimeWindow
    arrival_window: TimeWindow
    included_airlines: _containers.RepeatedScalarFieldContainer[str]
    excluded_airlines: _containers.RepeatedScalarFieldContainer[str]
    currency_code: str
    order_by: FlightOrder
    page_size: int
    page_token: str
    def __init__(self, origin: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., destination: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., departure_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., passengers: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., cabin: _Optional[_Union[Cabin, str]] = ..., max_stops: _Optional[int] = ..., departure_window: _Optional[_Union[TimeWindow, _Mapping]] = ..., arrival_window: _Optional[_Union[TimeWindow, _Mapping]] = ..., included_airlines: _Optional[_Iterable[str]] = ..., excluded_airlines: _Optional[_Iterable[str]] = ..., currency_code: _Optional[str] = ..., order_by: _Optional[_Union[FlightOrder, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SearchFlightsResponse(_message.Message):
    __slots__ = ("offers", "next_page_token", "total_size", "resolved_origin", "resolved_destination")
    OFFERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_ORIGIN_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_DESTINATION_FIELD_NUMBER: _ClassVar[int]
    offers: _containers.RepeatedCompositeFieldContainer[FlightOffer]
    next_page_token: str
    total_size: int
    resolved_origin: _place_pb2.Place
    resolved_destination: _place_pb2.Place
    def __init__(self, offers: _Optional[_Iterable[_Union[FlightOffer, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., resolved_origin: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., resolved_destination: _Optional[_Union[_place_pb2.Place, _Mapping]] = ...) -> None: ...

class FlightOffer(_message.Message):
    __slots__ = ("offer_id", "segments", "stops", "total_duration", "cabin", "price_per_adult", "price_per_child", "total_price", "seats_available", "refundable", "expire_time", "provenance")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    STOPS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_DURATION_FIELD_NUMBER: _ClassVar[int]
    CABIN_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_ADULT_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_CHILD_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    SEATS_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    REFUNDABLE_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    segments: _containers.RepeatedCompositeFieldContainer[FlightSegment]
    stops: int
    total_duration: _duration_pb2.Duration
    cabin: Cabin
    price_per_adult: _money_pb2.Money
    price_per_child: _money_pb2.Money
    total_price: _money_pb2.Money
    seats_available: int
    refundable: bool
    expire_time: _timestamp_pb2.Timestamp
    provenance: _provenance_pb2.Provenance
    def __init__(self, offer_id: _Optional[str] = ..., segments: _Optional[_Iterable[_Union[FlightSegment, _Mapping]]] = ..., stops: _Optional[int] = ..., total_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., cabin: _Optional[_Union[Cabin, str]] = ..., price_per_adult: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., price_per_child: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., total_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., seats_available: _Optional[int] = ..., refundable: _Optional[bool] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., provenance: _Optional[_Union[_provenance_pb2.Provenance, _Mapping]] = ...) -> None: ...

class FlightSegment(_message.Message):
    __slots__ = ("departure_airport", "arrival_airport", "departure_time", "departure_time_zone", "arrival_time", "arrival_time_zone", "carrier", "carrier_name", "flight_number", "duration", "distance_km", "aircraft")
    DEPARTURE_AIRPORT_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_AIRPORT_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_TIME_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_TIME_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    CARRIER_FIELD_NUMBER: _ClassVar[int]
    CARRIER_NAME_FIELD_NUMBER: _ClassVar[int]
    FLIGHT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    AIRCRAFT_FIELD_NUMBER: _ClassVar[int]
    departure_airport: str
    arrival_airport: str
    departure_time: _timestamp_pb2.Timestamp
    departure_time_zone: str
    arrival_time: _timestamp_pb2.Timestamp
    arrival_time_zone: str
    carrier: str
    carrier_name: str
    flight_number: str
    duration: _duration_pb2.Duration
    distance_km: int
    aircraft: str
    def __init__(self, departure_airport: _Optional[str] = ..., arrival_airport: _Optional[str] = ..., departure_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., departure_time_zone: _Optional[str] = ..., arrival_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., arrival_time_zone: _Optional[str] = ..., carrier: _Optional[str] = ..., carrier_name: _Optional[str] = ..., flight_number: _Optional[str] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., distance_km: _Optional[int] = ..., aircraft: _Optional[str] = ...) -> None: ...

class GetFlightOfferRequest(_message.Message):
    __slots__ = ("offer_id", "currency_code")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    currency_code: str
    def __init__(self, offer_id: _Optional[str] = ..., currency_code: _Optional[str] = ...) -> None: ...

class GetFlightOfferResponse(_message.Message):
    __slots__ = ("offer",)
    OFFER_FIELD_NUMBER: _ClassVar[int]
    offer: FlightOffer
    def __init__(self, offer: _Optional[_Union[FlightOffer, _Mapping]] = ...) -> None: ...

class FlightHold(_message.Message):
    __slots__ = ("hold_id", "offer", "passengers", "state", "create_time", "expire_time", "client_reference", "booking_reference")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    PASSENGERS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    offer: FlightOffer
    passengers: _party_pb2.Party
    state: _booking_pb2.HoldState
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    client_reference: str
    booking_reference: str
    def __init__(self, hold_id: _Optional[str] = ..., offer: _Optional[_Union[FlightOffer, _Mapping]] = ..., passengers: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., state: _Optional[_Union[_booking_pb2.HoldState, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., client_reference: _Optional[str] = ..., booking_reference: _Optional[str] = ...) -> None: ...

class HoldFlightOfferRequest(_message.Message):
    __slots__ = ("offer_id", "passengers", "max_total_price", "client_reference", "idempotency_key")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    PASSENGERS_FIELD_NUMBER: _ClassVar[int]
    MAX_TOTAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    passengers: _party_pb2.Party
    max_total_price: _money_pb2.Money
    client_reference: str
    idempotency_key: str
    def __init__(self, offer_id: _Optional[str] = ..., passengers: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., max_total_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., client_reference: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class HoldFlightOfferResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: FlightHold
    def __init__(self, hold: _Optional[_Union[FlightHold, _Mapping]] = ...) -> None: ...

class GetFlightHoldRequest(_message.Message):
    __slots__ = ("hold_id",)
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    def __init__(self, hold_id: _Optional[str] = ...) -> None: ...

class GetFlightHoldResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: FlightHold
    def __init__(self, hold: _Optional[_Union[FlightHold, _Mapping]] = ...) -> None: ...

class ReleaseFlightHoldRequest(_message.Message):
    __slots__ = ("hold_id", "idempotency_key")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    idempotency_key: str
    def __init__(self, hold_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ReleaseFlightHoldResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: FlightHold
    def __init__(self, hold: _Optional[_Union[FlightHold, _Mapping]] = ...) -> None: ...

class FlightBooking(_message.Message):
    __slots__ = ("booking_reference", "hold_id", "offer", "passengers", "state", "client_reference", "approved_by", "create_time", "cancel_time")
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    PASSENGERS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CANCEL_TIME_FIELD_NUMBER: _ClassVar[int]
    booking_reference: str
    hold_id: str
    offer: FlightOffer
    passengers: _party_pb2.Party
    state: _booking_pb2.BookingState
    client_reference: str
    approved_by: str
    create_time: _timestamp_pb2.Timestamp
    cancel_time: _timestamp_pb2.Timestamp
    def __init__(self, booking_reference: _Optional[str] = ..., hold_id: _Optional[str] = ..., offer: _Optional[_Union[FlightOffer, _Mapping]] = ..., passengers: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., state: _Optional[_Union[_booking_pb2.BookingState, str]] = ..., client_reference: _Optional[str] = ..., approved_by: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancel_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ConfirmFlightHoldRequest(_message.Message):
    __slots__ = ("hold_id", "approved_by", "idempotency_key")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    approved_by: str
    idempotency_key: str
    def __init__(self, hold_id: _Optional[str] = ..., approved_by: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ConfirmFlightHoldResponse(_message.Message):
    __slots__ = ("booking",)
    BOOKING_FIELD_NUMBER: _ClassVar[int]
    booking: FlightBooking
    def __init__(self, booking: _Optional[_Union[FlightBooking, _Mapping]] = ...) -> None: ...

class GetFlightBookingRequest(_message.Message):
    __slots__ = ("booking_reference",)
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    booking_reference: str
    def __init__(self, booking_reference: _Optional[str] = ...) -> None: ...

class GetFlightBookingResponse(_message.Message):
    __slots__ = ("booking",)
    BOOKING_FIELD_NUMBER: _ClassVar[int]
    booking: FlightBooking
    def __init__(self, booking: _Optional[_Union[FlightBooking, _Mapping]] = ...) -> None: ...

class CancelFlightBookingRequest(_message.Message):
    __slots__ = ("booking_reference", "reason", "idempotency_key")
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    booking_reference: str
    reason: str
    idempotency_key: str
    def __init__(self, booking_reference: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CancelFlightBookingResponse(_message.Message):
    __slots__ = ("booking",)
    BOOKING_FIELD_NUMBER: _ClassVar[int]
    booking: FlightBooking
    def __init__(self, booking: _Optional[_Union[FlightBooking, _Mapping]] = ...) -> None: ...

class ListFlightBookingsRequest(_message.Message):
    __slots__ = ("client_reference", "page_size", "page_token")
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    client_reference: str
    page_size: int
    page_token: str
    def __init__(self, client_reference: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListFlightBookingsResponse(_message.Message):
    __slots__ = ("bookings", "next_page_token")
    BOOKINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    bookings: _containers.RepeatedCompositeFieldContainer[FlightBooking]
    next_page_token: str
    def __init__(self, bookings: _Optional[_Iterable[_Union[FlightBooking, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
