import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from google.type import money_pb2 as _money_pb2
from tripsmith.common.v1 import party_pb2 as _party_pb2
from tripsmith.common.v1 import place_pb2 as _place_pb2
from tripsmith.common.v1 import travel_mode_pb2 as _travel_mode_pb2
from tripsmith.flights.v1 import flights_service_pb2 as _flights_service_pb2
from tripsmith.hotels.v1 import hotels_service_pb2 as _hotels_service_pb2
from tripsmith.weather.v1 import weather_service_pb2 as _weather_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STATE_UNSPECIFIED: _ClassVar[State]
    STATE_UNDERSTANDING: _ClassVar[State]
    STATE_NEEDS_INPUT: _ClassVar[State]
    STATE_SEARCHING: _ClassVar[State]
    STATE_PROPOSED: _ClassVar[State]
    STATE_INFEASIBLE: _ClassVar[State]
    STATE_BOOKING: _ClassVar[State]
    STATE_BOOKED: _ClassVar[State]
    STATE_FAILED: _ClassVar[State]
    STATE_CANCELLED: _ClassVar[State]

class LineItemKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LINE_ITEM_KIND_UNSPECIFIED: _ClassVar[LineItemKind]
    LINE_ITEM_KIND_FLIGHT: _ClassVar[LineItemKind]
    LINE_ITEM_KIND_HOTEL: _ClassVar[LineItemKind]

class BookingKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BOOKING_KIND_UNSPECIFIED: _ClassVar[BookingKind]
    BOOKING_KIND_FLIGHT: _ClassVar[BookingKind]
    BOOKING_KIND_HOTEL: _ClassVar[BookingKind]

class BookingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BOOKING_STATUS_UNSPECIFIED: _ClassVar[BookingStatus]
    BOOKING_STATUS_HELD: _ClassVar[BookingStatus]
    BOOKING_STATUS_CONFIRMED: _ClassVar[BookingStatus]
    BOOKING_STATUS_RELEASED: _ClassVar[BookingStatus]
    BOOKING_STATUS_CANCELLED: _ClassVar[BookingStatus]

class ToolOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TOOL_OUTCOME_UNSPECIFIED: _ClassVar[ToolOutcome]
    TOOL_OUTCOME_OK: _ClassVar[ToolOutcome]
    TOOL_OUTCOME_ERROR: _ClassVar[ToolOutcome]
STATE_UNSPECIFIED: State
STATE_UNDERSTANDING: State
STATE_NEEDS_INPUT: State
STATE_SEARCHING: State
STATE_PROPOSED: State
STATE_INFEASIBLE: State
STATE_BOOKING: State
STATE_BOOKED: State
STATE_FAILED: State
STATE_CANCELLED: State
LINE_ITEM_KIND_UNSPECIFIED: LineItemKind
LINE_ITEM_KIND_FLIGHT: LineItemKind
LINE_ITEM_KIND_HOTEL: LineItemKind
BOOKING_KIND_UNSPECIFIED: BookingKind
BOOKING_KIND_FLIGHT: BookingKind
BOOKING_KIND_HOTEL: BookingKind
BOOKING_STATUS_UNSPECIFIED: BookingStatus
BOOKING_STATUS_HELD: BookingStatus
BOOKING_STATUS_CONFIRMED: BookingStatus
BOOKING_STATUS_RELEASED: BookingStatus
BOOKING_STATUS_CANCELLED: BookingStatus
TOOL_OUTCOME_UNSPECIFIED: ToolOutcome
TOOL_OUTCOME_OK: ToolOutcome
TOOL_OUTCOME_ERROR: ToolOutcome

class FlightPreferences(_message.Message):
    __slots__ = ("cabin", "max_stops", "avoid_red_eye", "preferred_airlines", "avoided_airlines")
    CABIN_FIELD_NUMBER: _ClassVar[int]
    MAX_STOPS_FIELD_NUMBER: _ClassVar[int]
    AVOID_RED_EYE_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_AIRLINES_FIELD_NUMBER: _ClassVar[int]
    AVOIDED_AIRLINES_FIELD_NUMBER: _ClassVar[int]
    cabin: _flights_service_pb2.Cabin
    max_stops: int
    avoid_red_eye: bool
    preferred_airlines: _containers.RepeatedScalarFieldContainer[str]
    avoided_airlines: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, cabin: _Optional[_Union[_flights_service_pb2.Cabin, str]] = ..., max_stops: _Optional[int] = ..., avoid_red_eye: _Optional[bool] = ..., preferred_airlines: _Optional[_Iterable[str]] = ..., avoided_airlines: _Optional[_Iterable[str]] = ...) -> None: ...

class HotelPreferences(_message.Message):
    __slots__ = ("min_stars", "max_nightly_price", "amenities", "preferred_chains", "house_rules", "accommodation_types", "avoided_accommodation_types")
    MIN_STARS_FIELD_NUMBER: _ClassVar[int]
    MAX_NIGHTLY_PRICE_FIELD_NUMBER: _ClassVar[int]
    AMENITIES_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_CHAINS_FIELD_NUMBER: _ClassVar[int]
    HOUSE_RULES_FIELD_NUMBER: _ClassVar[int]
    ACCOMMODATION_TYPES_FIELD_NUMBER: _ClassVar[int]
    AVOIDED_ACCOMMODATION_TYPES_FIELD_NUMBER: _ClassVar[int]
    min_stars: int
    max_nightly_price: _money_pb2.Money
    amenities: _containers.RepeatedScalarFieldContainer[_hotels_service_pb2.Amenity]
    preferred_chains: _containers.RepeatedScalarFieldContainer[str]
    house_rules: _containers.RepeatedScalarFieldContainer[_hotels_service_pb2.HouseRule]
    accommodation_types: _containers.RepeatedScalarFieldContainer[_hotels_service_pb2.AccommodationType]
    avoided_accommodation_types: _containers.RepeatedScalarFieldContainer[_hotels_service_pb2.AccommodationType]
    def __init__(self, min_stars: _Optional[int] = ..., max_nightly_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., amenities: _Optional[_Iterable[_Union[_hotels_service_pb2.Amenity, str]]] = ..., preferred_chains: _Optional[_Iterable[str]] = ..., house_rules: _Optional[_Iterable[_Union[_hotels_service_pb2.HouseRule, str]]] = ..., accommodation_types: _Optional[_Iterable[_Union[_hotels_service_pb2.AccommodationType, str]]] = ..., avoided_accommodation_types: _Optional[_Iterable[_Union[_hotels_service_pb2.AccommodationType, str]]] = ...) -> None: ...

class TransportPreferences(_message.Message):
    __slots__ = ("allowed_modes", "avoided_modes", "max_leg_duration")
    ALLOWED_MODES_FIELD_NUMBER: _ClassVar[int]
    AVOIDED_MODES_FIELD_NUMBER: _ClassVar[int]
    MAX_LEG_DURATION_FIELD_NUMBER: _ClassVar[int]
    allowed_modes: _containers.RepeatedScalarFieldContainer[_travel_mode_pb2.TravelMode]
    avoided_modes: _containers.RepeatedScalarFieldContainer[_travel_mode_pb2.TravelMode]
    max_leg_duration: _duration_pb2.Duration
    def __init__(self, allowed_modes: _Optional[_Iterable[_Union[_travel_mode_pb2.TravelMode, str]]] = ..., avoided_modes: _Optional[_Iterable[_Union[_travel_mode_pb2.TravelMode, str]]] = ..., max_leg_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class Stop(_message.Message):
    __slots__ = ("place", "nights")
    PLACE_FIELD_NUMBER: _ClassVar[int]
    NIGHTS_FIELD_NUMBER: _ClassVar[int]
    place: _place_pb2.Place
    nights: int
    def __init__(self, place: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., nights: _Optional[int] = ...) -> None: ...

class StopChoice(_message.Message):
    __slots__ = ("region_name", "country_code", "region_code", "count")
    REGION_NAME_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_CODE_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    region_name: str
    country_code: str
    region_code: str
    count: int
    def __init__(self, region_name: _Optional[str] = ..., country_code: _Optional[str] = ..., region_code: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class TripRequest(_message.Message):
    __slots__ = ("origin", "destination", "start_date", "end_date", "party", "budget", "flight_preferences", "hotel_preferences", "interests", "rules", "assumed_fields", "stops", "stop_choice", "transport_preferences", "cuisines")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    FLIGHT_PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    HOTEL_PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    INTERESTS_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    ASSUMED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    STOPS_FIELD_NUMBER: _ClassVar[int]
    STOP_CHOICE_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    CUISINES_FIELD_NUMBER: _ClassVar[int]
    origin: _place_pb2.Place
    destination: _place_pb2.Place
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    party: _party_pb2.Party
    budget: _money_pb2.Money
    flight_preferences: FlightPreferences
    hotel_preferences: HotelPreferences
    interests: _containers.RepeatedScalarFieldContainer[str]
    rules: _containers.RepeatedScalarFieldContainer[str]
    assumed_fields: _containers.RepeatedScalarFieldContainer[str]
    stops: _containers.RepeatedCompositeFieldContainer[Stop]
    stop_choice: StopChoice
    transport_preferences: TransportPreferences
    cuisines: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, origin: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., destination: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., party: _Optional[_Union[_party_pb2.Party, _Mapping]] = ..., budget: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., flight_preferences: _Optional[_Union[FlightPreferences, _Mapping]] = ..., hotel_preferences: _Optional[_Union[HotelPreferences, _Mapping]] = ..., interests: _Optional[_Iterable[str]] = ..., rules: _Optional[_Iterable[str]] = ..., assumed_fields: _Optional[_Iterable[str]] = ..., stops: _Optional[_Iterable[_Union[Stop, _Mapping]]] = ..., stop_choice: _Optional[_Union[StopChoice, _Mapping]] = ..., transport_preferences: _Optional[_Union[TransportPreferences, _Mapping]] = ..., cuisines: _Optional[_Iterable[str]] = ...) -> None: ...

class Itinerary(_message.Message):
    __slots__ = ("name", "state", "request", "question", "flights", "hotel_stays", "days", "price", "checks", "summary", "trace_id", "bookings", "relaxation", "failure_reason", "traveler", "revision", "usage", "create_time", "update_time", "expire_time", "not_enforced")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    FLIGHTS_FIELD_NUMBER: _ClassVar[int]
    HOTEL_STAYS_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    CHECKS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    BOOKINGS_FIELD_NUMBER: _ClassVar[int]
    RELAXATION_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    TRAVELER_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    USAGE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    NOT_ENFORCED_FIELD_NUMBER: _ClassVar[int]
    name: str
    state: State
    request: TripRequest
    question: str
    flights: _containers.RepeatedCompositeFieldContainer[_flights_service_pb2.FlightOffer]
    hotel_stays: _containers.RepeatedCompositeFieldContainer[HotelStay]
    days: _containers.RepeatedCompositeFieldContainer[DayPlan]
    price: PriceBreakdown
    checks: _containers.RepeatedCompositeFieldContainer[ConstraintCheck]
    summary: str
    trace_id: str
    bookings: _containers.RepeatedCompositeFieldContainer[Booking]
    relaxation: Relaxation
    failure_reason: str
    traveler: str
    revision: int
    usage: ModelUsage
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    not_enforced: _containers.RepeatedCompositeFieldContainer[NotEnforced]
    def __init__(self, name: _Optional[str] = ..., state: _Optional[_Union[State, str]] = ..., request: _Optional[_Union[TripRequest, _Mapping]] = ..., question: _Optional[str] = ..., flights: _Optional[_Iterable[_Union[_flights_service_pb2.FlightOffer, _Mapping]]] = ..., hotel_stays: _Optional[_Iterable[_Union[HotelStay, _Mapping]]] = ..., days: _Optional[_Iterable[_Union[DayPlan, _Mapping]]] = ..., price: _Optional[_Union[PriceBreakdown, _Mapping]] = ..., checks: _Optional[_Iterable[_Union[ConstraintCheck, _Mapping]]] = ..., summary: _Optional[str] = ..., trace_id: _Optional[str] = ..., bookings: _Optional[_Iterable[_Union[Booking, _Mapping]]] = ..., relaxation: _Optional[_Union[Relaxation, _Mapping]] = ..., failure_reason: _Optional[str] = ..., traveler: _Optional[str] = ..., revision: _Optional[int] = ..., usage: _Optional[_Union[ModelUsage, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., not_enforced: _Optional[_Iterable[_Union[NotEnforced, _Mapping]]] = ...) -> None: ...

class NotEnforced(_message.Message):
    __slots__ = ("field", "value", "reason")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    field: str
    value: str
    reason: str
    def __init__(self, field: _Optional[str] = ..., value: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class HotelStay(_message.Message):
    __slots__ = ("hotel", "offer_id", "check_in_date", "check_out_date", "rooms", "stars", "room_type", "nightly_price", "total_price")
    HOTEL_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_DATE_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_DATE_FIELD_NUMBER: _ClassVar[int]
    ROOMS_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    ROOM_TYPE_FIELD_NUMBER: _ClassVar[int]
    NIGHTLY_PRICE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    hotel: _hotels_service_pb2.Hotel
    offer_id: str
    check_in_date: _date_pb2.Date
    check_out_date: _date_pb2.Date
    rooms: int
    stars: int
    room_type: _hotels_service_pb2.RoomType
    nightly_price: _money_pb2.Money
    total_price: _money_pb2.Money
    def __init__(self, hotel: _Optional[_Union[_hotels_service_pb2.Hotel, _Mapping]] = ..., offer_id: _Optional[str] = ..., check_in_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., check_out_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., rooms: _Optional[int] = ..., stars: _Optional[int] = ..., room_type: _Optional[_Union[_hotels_service_pb2.RoomType, _Mapping]] = ..., nightly_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., total_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class Suggestion(_message.Message):
    __slots__ = ("title", "description", "interest", "indoor")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    INTEREST_FIELD_NUMBER: _ClassVar[int]
    INDOOR_FIELD_NUMBER: _ClassVar[int]
    title: str
    description: str
    interest: str
    indoor: bool
    def __init__(self, title: _Optional[str] = ..., description: _Optional[str] = ..., interest: _Optional[str] = ..., indoor: _Optional[bool] = ...) -> None: ...

class DayPlan(_message.Message):
    __slots__ = ("date", "city", "weather", "suggestions", "travel")
    DATE_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    WEATHER_FIELD_NUMBER: _ClassVar[int]
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    TRAVEL_FIELD_NUMBER: _ClassVar[int]
    date: _date_pb2.Date
    city: _place_pb2.Place
    weather: _weather_service_pb2.DailyWeather
    suggestions: _containers.RepeatedCompositeFieldContainer[Suggestion]
    travel: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., city: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., weather: _Optional[_Union[_weather_service_pb2.DailyWeather, _Mapping]] = ..., suggestions: _Optional[_Iterable[_Union[Suggestion, _Mapping]]] = ..., travel: _Optional[_Iterable[str]] = ...) -> None: ...

class LineItem(_message.Message):
    __slots__ = ("kind", "description", "offer_id", "amount", "converted_amount")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CONVERTED_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    kind: LineItemKind
    description: str
    offer_id: str
    amount: _money_pb2.Money
    converted_amount: _money_pb2.Money
    def __init__(self, kind: _Optional[_Union[LineItemKind, str]] = ..., description: _Optional[str] = ..., offer_id: _Optional[str] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., converted_amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class PriceBreakdown(_message.Message):
    __slots__ = ("line_items", "total", "budget")
    LINE_ITEMS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    line_items: _containers.RepeatedCompositeFieldContainer[LineItem]
    total: _money_pb2.Money
    budget: _money_pb2.Money
    def __init__(self, line_items: _Optional[_Iterable[_Union[LineItem, _Mapping]]] = ..., total: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., budget: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class ConstraintCheck(_message.Message):
    __slots__ = ("name", "satisfied", "detail")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    name: str
    satisfied: bool
    detail: str
    def __init__(self, name: _Optional[str] = ..., satisfied: _Optional[bool] = ..., detail: _Optional[str] = ...) -> None: ...

class Relaxation(_message.Message):
    __slots__ = ("explanation", "fields", "relaxed_request")
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    RELAXED_REQUEST_FIELD_NUMBER: _ClassVar[int]
    explanation: str
    fields: _containers.RepeatedScalarFieldContainer[str]
    relaxed_request: TripRequest
    def __init__(self, explanation: _Optional[str] = ..., fields: _Optional[_Iterable[str]] = ..., relaxed_request: _Optional[_Union[TripRequest, _Mapping]] = ...) -> None: ...

class Booking(_message.Message):
    __slots__ = ("kind", "offer_id", "hold_id", "booking_reference", "status", "price", "approved_by", "approved_revision")
    KIND_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    BOOKING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    APPROVED_REVISION_FIELD_NUMBER: _ClassVar[int]
    kind: BookingKind
    offer_id: str
    hold_id: str
    booking_reference: str
    status: BookingStatus
    price: _money_pb2.Money
    approved_by: str
    approved_revision: int
    def __init__(self, kind: _Optional[_Union[BookingKind, str]] = ..., offer_id: _Optional[str] = ..., hold_id: _Optional[str] = ..., booking_reference: _Optional[str] = ..., status: _Optional[_Union[BookingStatus, str]] = ..., price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., approved_by: _Optional[str] = ..., approved_revision: _Optional[int] = ...) -> None: ...

class ModelUsage(_message.Message):
    __slots__ = ("model_calls", "input_tokens", "output_tokens", "estimated_cost")
    MODEL_CALLS_FIELD_NUMBER: _ClassVar[int]
    INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COST_FIELD_NUMBER: _ClassVar[int]
    model_calls: int
    input_tokens: int
    output_tokens: int
    estimated_cost: _money_pb2.Money
    def __init__(self, model_calls: _Optional[int] = ..., input_tokens: _Optional[int] = ..., output_tokens: _Optional[int] = ..., estimated_cost: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class PlanItineraryRequest(_message.Message):
    __slots__ = ("request_id", "text", "trip_request", "traveler")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TRIP_REQUEST_FIELD_NUMBER: _ClassVar[int]
    TRAVELER_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    text: str
    trip_request: TripRequest
    traveler: str
    def __init__(self, request_id: _Optional[str] = ..., text: _Optional[str] = ..., trip_request: _Optional[_Union[TripRequest, _Mapping]] = ..., traveler: _Optional[str] = ...) -> None: ...

class PlanItineraryResponse(_message.Message):
    __slots__ = ("itinerary",)
    ITINERARY_FIELD_NUMBER: _ClassVar[int]
    itinerary: Itinerary
    def __init__(self, itinerary: _Optional[_Union[Itinerary, _Mapping]] = ...) -> None: ...

class GetItineraryRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetItineraryResponse(_message.Message):
    __slots__ = ("itinerary",)
    ITINERARY_FIELD_NUMBER: _ClassVar[int]
    itinerary: Itinerary
    def __init__(self, itinerary: _Optional[_Union[Itinerary, _Mapping]] = ...) -> None: ...

class WatchItineraryRequest(_message.Message):
    __slots__ = ("name", "after_sequence")
    NAME_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    after_sequence: int
    def __init__(self, name: _Optional[str] = ..., after_sequence: _Optional[int] = ...) -> None: ...

class WatchItineraryResponse(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: ItineraryEvent
    def __init__(self, event: _Optional[_Union[ItineraryEvent, _Mapping]] = ...) -> None: ...

class ItineraryEvent(_message.Message):
    __slots__ = ("sequence", "event_time", "state_change", "tool_call", "model_call", "itinerary")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    STATE_CHANGE_FIELD_NUMBER: _ClassVar[int]
    TOOL_CALL_FIELD_NUMBER: _ClassVar[int]
    MODEL_CALL_FIELD_NUMBER: _ClassVar[int]
    ITINERARY_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    event_time: _timestamp_pb2.Timestamp
    state_change: StateChange
    tool_call: ToolCall
    model_call: ModelCall
    itinerary: Itinerary
    def __init__(self, sequence: _Optional[int] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., state_change: _Optional[_Union[StateChange, _Mapping]] = ..., tool_call: _Optional[_Union[ToolCall, _Mapping]] = ..., model_call: _Optional[_Union[ModelCall, _Mapping]] = ..., itinerary: _Optional[_Union[Itinerary, _Mapping]] = ...) -> None: ...

class StateChange(_message.Message):
    __slots__ = ("from_state", "to_state", "reason")
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    from_state: State
    to_state: State
    reason: str
    def __init__(self, from_state: _Optional[_Union[State, str]] = ..., to_state: _Optional[_Union[State, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class ToolCall(_message.Message):
    __slots__ = ("tool", "call_id", "duration", "outcome", "summary")
    TOOL_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    tool: str
    call_id: str
    duration: _duration_pb2.Duration
    outcome: ToolOutcome
    summary: str
    def __init__(self, tool: _Optional[str] = ..., call_id: _Optional[str] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., outcome: _Optional[_Union[ToolOutcome, str]] = ..., summary: _Optional[str] = ...) -> None: ...

class ModelCall(_message.Message):
    __slots__ = ("model", "duration", "input_tokens", "output_tokens", "finish_reason")
    MODEL_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    FINISH_REASON_FIELD_NUMBER: _ClassVar[int]
    model: str
    duration: _duration_pb2.Duration
    input_tokens: int
    output_tokens: int
    finish_reason: str
    def __init__(self, model: _Optional[str] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., input_tokens: _Optional[int] = ..., output_tokens: _Optional[int] = ..., finish_reason: _Optional[str] = ...) -> None: ...

class RefineItineraryRequest(_message.Message):
    __slots__ = ("name", "message", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    message: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., message: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RefineItineraryResponse(_message.Message):
    __slots__ = ("itinerary",)
    ITINERARY_FIELD_NUMBER: _ClassVar[int]
    itinerary: Itinerary
    def __init__(self, itinerary: _Optional[_Union[Itinerary, _Mapping]] = ...) -> None: ...

class ApproveItineraryRequest(_message.Message):
    __slots__ = ("name", "revision", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    revision: int
    request_id: str
    def __init__(self, name: _Optional[str] = ..., revision: _Optional[int] = ..., request_id: _Optional[str] = ...) -> None: ...

class ApproveItineraryResponse(_message.Message):
    __slots__ = ("itinerary",)
    ITINERARY_FIELD_NUMBER: _ClassVar[int]
    itinerary: Itinerary
    def __init__(self, itinerary: _Optional[_Union[Itinerary, _Mapping]] = ...) -> None: ...

class CancelItineraryRequest(_message.Message):
    __slots__ = ("name", "reason", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CancelItineraryResponse(_message.Message):
    __slots__ = ("itinerary",)
    ITINERARY_FIELD_NUMBER: _ClassVar[int]
    itinerary: Itinerary
    def __init__(self, itinerary: _Optional[_Union[Itinerary, _Mapping]] = ...) -> None: ...

class ListItinerariesRequest(_message.Message):
    __slots__ = ("states", "page_size", "page_token")
    STATES_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    states: _containers.RepeatedScalarFieldContainer[State]
    page_size: int
    page_token: str
    def __init__(self, states: _Optional[_Iterable[_Union[State, str]]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListItinerariesResponse(_message.Message):
    __slots__ = ("itineraries", "next_page_token")
    ITINERARIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    itineraries: _containers.RepeatedCompositeFieldContainer[Itinerary]
    next_page_token: str
    def __init__(self, itineraries: _Optional[_Iterable[_Union[Itinerary, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RateItineraryRequest(_message.Message):
    __slots__ = ("name", "score", "comment")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    score: int
    comment: str
    def __init__(self, name: _Optional[str] = ..., score: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class RateItineraryResponse(_message.Message):
    __slots__ = ("score", "create_time")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    score: int
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, score: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
