import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from google.type import latlng_pb2 as _latlng_pb2
from google.type import money_pb2 as _money_pb2
from tripsmith.common.v1 import booking_pb2 as _booking_pb2
from tripsmith.common.v1 import party_pb2 as _party_pb2
from tripsmith.common.v1 import place_pb2 as _place_pb2
from tripsmith.common.v1 import provenance_pb2 as _provenance_pb2
from tripsmith.common.v1 import travel_mode_pb2 as _travel_mode_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class JourneyOrder(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    JOURNEY_ORDER_UNSPECIFIED: _ClassVar[JourneyOrder]
    JOURNEY_ORDER_DEPARTURE: _ClassVar[JourneyOrder]
    JOURNEY_ORDER_PRICE: _ClassVar[JourneyOrder]
    JOURNEY_ORDER_DURATION: _ClassVar[JourneyOrder]
JOURNEY_ORDER_UNSPECIFIED: JourneyOrder
JOURNEY_ORDER_DEPARTURE: JourneyOrder
JOURNEY_ORDER_PRICE: JourneyOrder
JOURNEY_ORDER_DURATION: JourneyOrder

class SearchJourneysRequest(_message.Message):
    __slots__ = ("origin", "destination", "departure_date", "party", "modes", "max_duration", "return_date", "currency_code", "order_by", "page_size", "page_token")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_DATE_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    MODES_FIELD_NUMBER: _ClassVar[int]
    MAX_DURATION_FIELD_NUMBER: _ClassVar[int]
    RETURN_DATE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    origin: _place_pb2.Place
    destination: _place_pb2.Place
    departure_date: _date_pb2.Date
    party: _party_pb2.Party
    modes: _containers.RepeatedScalarFieldContainer[_travel_mode_pb2.TravelMode]
    max_duration: _duration_pb2.Duration
    return_date: _date_pb2.Date
    currency_code: str
    order_by: JourneyOrder
    page_size: int
    page_token: str
    def __init__(self, origin: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., destination: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., departure_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., party: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., modes: _Optional[_Iterable[_Union[_travel_mode_pb2.TravelMode, str]]] = ..., max_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., return_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., currency_code: _Optional[str] = ..., order_by: _Optional[_Union[JourneyOrder, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SearchJourneysResponse(_message.Message):
    __slots__ = ("offers", "next_page_token", "total_size", "resolved_origin", "resolved_destination", "unavailable_modes")
    OFFERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_ORIGIN_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_DESTINATION_FIELD_NUMBER: _ClassVar[int]
    UNAVAILABLE_MODES_FIELD_NUMBER: _ClassVar[int]
    offers: _containers.RepeatedCompositeFieldContainer[JourneyOffer]
    next_page_token: str
    total_size: int
    resolved_origin: _place_pb2.Place
    resolved_destination: _place_pb2.Place
    unavailable_modes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, offers: _Optional[_Iterable[_Union[JourneyOffer, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., resolved_origin: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., resolved_destination: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., unavailable_modes: _Optional[_Iterable[str]] = ...) -> None: ...

class Terminal(_message.Message):
    __slots__ = ("terminal_id", "name", "location", "time_zone")
    TERMINAL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    terminal_id: str
    name: str
    location: _latlng_pb2.LatLng
    time_zone: str
    def __init__(self, terminal_id: _Optional[str] = ..., name: _Optional[str] = ..., location: _Optional[_Union[_latlng_pb2.LatLng, _Mapping]] = ..., time_zone: _Optional[str] = ...) -> None: ...

class JourneyOffer(_message.Message):
    __slots__ = ("offer_id", "mode", "operator", "origin", "destination", "departure_terminal", "arrival_terminal", "departure_time", "arrival_time", "duration", "distance_km", "total_price", "vehicle", "vehicles", "return_date", "units_available", "refundable", "expire_time", "provenance")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_TERMINAL_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_TERMINAL_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_TIME_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    VEHICLE_FIELD_NUMBER: _ClassVar[int]
    VEHICLES_FIELD_NUMBER: _ClassVar[int]
    RETURN_DATE_FIELD_NUMBER: _ClassVar[int]
    UNITS_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    REFUNDABLE_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    mode: _travel_mode_pb2.TravelMode
    operator: str
    origin: _place_pb2.Place
    destination: _place_pb2.Place
    departure_terminal: Terminal
    arrival_terminal: Terminal
    departure_time: _timestamp_pb2.Timestamp
    arrival_time: _timestamp_pb2.Timestamp
    duration: _duration_pb2.Duration
    distance_km: float
    total_price: _money_pb2.Money
    vehicle: str
    vehicles: int
    return_date: _date_pb2.Date
    units_available: int
    refundable: bool
    expire_time: _timestamp_pb2.Timestamp
    provenance: _provenance_pb2.Provenance
    def __init__(self, offer_id: _Optional[str] = ..., mode: _Optional[_Union[_travel_mode_pb2.TravelMode, str]] = ..., operator: _Optional[str] = ..., origin: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., destination: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., departure_terminal: _Optional[_Union[Terminal, _Mapping]] = ..., arrival_terminal: _Optional[_Union[Terminal, _Mapping]] = ..., departure_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., arrival_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., distance_km: _Optional[float] = ..., total_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., vehicle: _Optional[str] = ..., vehicles: _Optional[int] = ..., return_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., units_available: _Optional[int] = ..., refundable: _Optional[bool] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., provenance: _Optional[_Union[_provenance_pb2.Provenance, _Mapping]] = ...) -> None: ...

class GetJourneyOfferRequest(_message.Message):
    __slots__ = ("offer_id", "currency_code")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    currency_code: str
    def __init__(self, offer_id: _Optional[str] = ..., currency_code: _Optional[str] = ...) -> None: ...

class GetJourneyOfferResponse(_message.Message):
    __slots__ = ("offer",)
    OFFER_FIELD_NUMBER: _ClassVar[int]
    offer: JourneyOffer
    def __init__(self, offer: _Optional[_Union[JourneyOffer, _Mapping]] = ...) -> None: ...

class JourneyHold(_message.Message):
    __slots__ = ("hold_id", "offer", "party", "state", "create_time", "expire_time", "client_reference", "booking_reference")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    offer: JourneyOffer
    party: _party_pb2.Party
    state: _booking_pb2.HoldState
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    client_reference: str
    booking_reference: str
    def __init__(self, hold_id: _Optional[str] = ..., offer: _Optional[_Union[JourneyOffer, _Mapping]] = ..., party: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., state: _Optional[_Union[_booking_pb2.HoldState, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., client_reference: _Optional[str] = ..., booking_reference: _Optional[str] = ...) -> None: ...

class HoldJourneyOfferRequest(_message.Message):
    __slots__ = ("offer_id", "max_total_price", "client_reference", "idempotency_key")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    MAX_TOTAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    max_total_price: _money_pb2.Money
    client_reference: str
    idempotency_key: str
    def __init__(self, offer_id: _Optional[str] = ..., max_total_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., client_reference: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class HoldJourneyOfferResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: JourneyHold
    def __init__(self, hold: _Optional[_Union[JourneyHold, _Mapping]] = ...) -> None: ...

class GetJourneyHoldRequest(_message.Message):
    __slots__ = ("hold_id",)
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    def __init__(self, hold_id: _Optional[str] = ...) -> None: ...

class GetJourneyHoldResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: JourneyHold
    def __init__(self, hold: _Optional[_Union[JourneyHold, _Mapping]] = ...) -> None: ...

class ReleaseJourneyHoldRequest(_message.Message):
    __slots__ = ("hold_id", "idempotency_key")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    idempotency_key: str
    def __init__(self, hold_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ReleaseJourneyHoldResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: JourneyHold
    def __init__(self, hold: _Optional[_Union[JourneyHold, _Mapping]] = ...) -> None: ...

class JourneyBooking(_message.Message):
    __slots__ = ("booking_reference", "hold_id", "offer", "party", "state", "client_reference", "approved_by", "create_time", "cancel_time")
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CANCEL_TIME_FIELD_NUMBER: _ClassVar[int]
    booking_reference: str
    hold_id: str
    offer: JourneyOffer
    party: _party_pb2.Party
    state: _booking_pb2.BookingState
    client_reference: str
    approved_by: str
    create_time: _timestamp_pb2.Timestamp
    cancel_time: _timestamp_pb2.Timestamp
    def __init__(self, booking_reference: _Optional[str] = ..., hold_id: _Optional[str] = ..., offer: _Optional[_Union[JourneyOffer, _Mapping]] = ..., party: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., state: _Optional[_Union[_booking_pb2.BookingState, str]] = ..., client_reference: _Optional[str] = ..., approved_by: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancel_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ConfirmJourneyHoldRequest(_message.Message):
    __slots__ = ("hold_id", "approved_by", "idempotency_key")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    approved_by: str
    idempotency_key: str
    def __init__(self, hold_id: _Optional[str] = ..., approved_by: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ConfirmJourneyHoldResponse(_message.Message):
    __slots__ = ("booking",)
    BOOKING_FIELD_NUMBER: _ClassVar[int]
    booking: JourneyBooking
    def __init__(self, booking: _Optional[_Union[JourneyBooking, _Mapping]] = ...) -> None: ...

class GetJourneyBookingRequest(_message.Message):
    __slots__ = ("booking_reference",)
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    booking_reference: str
    def __init__(self, booking_reference: _Optional[str] = ...) -> None: ...

class GetJourneyBookingResponse(_message.Message):
    __slots__ = ("booking",)
    BOOKING_FIELD_NUMBER: _ClassVar[int]
    booking: JourneyBooking
    def __init__(self, booking: _Optional[_Union[JourneyBooking, _Mapping]] = ...) -> None: ...

class CancelJourneyBookingRequest(_message.Message):
    __slots__ = ("booking_reference", "reason", "idempotency_key")
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    booking_reference: str
    reason: str
    idempotency_key: str
    def __init__(self, booking_reference: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CancelJourneyBookingResponse(_message.Message):
    __slots__ = ("booking",)
    BOOKING_FIELD_NUMBER: _ClassVar[int]
    booking: JourneyBooking
    def __init__(self, booking: _Optional[_Union[JourneyBooking, _Mapping]] = ...) -> None: ...

class ListJourneyBookingsRequest(_message.Message):
    __slots__ = ("client_reference", "page_size", "page_token")
    CLIENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    client_reference: str
    page_size: int
    page_token: str
    def __init__(self, client_reference: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListJourneyBookingsResponse(_message.Message):
    __slots__ = ("bookings", "next_page_token")
    BOOKINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    bookings: _containers.RepeatedCompositeFieldContainer[JourneyBooking]
    next_page_token: str
    def __init__(self, bookings: _Optional[_Iterable[_Union[JourneyBooking, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
