import datetime

from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from google.type import money_pb2 as _money_pb2
from tripsmith.common.v1 import place_pb2 as _place_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SeatPreference(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEAT_PREFERENCE_UNSPECIFIED: _ClassVar[SeatPreference]
    SEAT_PREFERENCE_WINDOW: _ClassVar[SeatPreference]
    SEAT_PREFERENCE_AISLE: _ClassVar[SeatPreference]

class BudgetStyle(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BUDGET_STYLE_UNSPECIFIED: _ClassVar[BudgetStyle]
    BUDGET_STYLE_ECONOMY: _ClassVar[BudgetStyle]
    BUDGET_STYLE_MODERATE: _ClassVar[BudgetStyle]
    BUDGET_STYLE_PREMIUM: _ClassVar[BudgetStyle]
    BUDGET_STYLE_LUXURY: _ClassVar[BudgetStyle]

class CabinPreference(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CABIN_PREFERENCE_UNSPECIFIED: _ClassVar[CabinPreference]
    CABIN_PREFERENCE_ECONOMY: _ClassVar[CabinPreference]
    CABIN_PREFERENCE_PREMIUM_ECONOMY: _ClassVar[CabinPreference]
    CABIN_PREFERENCE_BUSINESS: _ClassVar[CabinPreference]
    CABIN_PREFERENCE_FIRST: _ClassVar[CabinPreference]
SEAT_PREFERENCE_UNSPECIFIED: SeatPreference
SEAT_PREFERENCE_WINDOW: SeatPreference
SEAT_PREFERENCE_AISLE: SeatPreference
BUDGET_STYLE_UNSPECIFIED: BudgetStyle
BUDGET_STYLE_ECONOMY: BudgetStyle
BUDGET_STYLE_MODERATE: BudgetStyle
BUDGET_STYLE_PREMIUM: BudgetStyle
BUDGET_STYLE_LUXURY: BudgetStyle
CABIN_PREFERENCE_UNSPECIFIED: CabinPreference
CABIN_PREFERENCE_ECONOMY: CabinPreference
CABIN_PREFERENCE_PREMIUM_ECONOMY: CabinPreference
CABIN_PREFERENCE_BUSINESS: CabinPreference
CABIN_PREFERENCE_FIRST: CabinPreference

class Traveler(_message.Message):
    __slots__ = ("name", "display_name", "email", "home_airport", "preferences", "loyalty_programs", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    HOME_AIRPORT_FIELD_NUMBER: _ClassVar[int]
    PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    LOYALTY_PROGRAMS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    email: str
    home_airport: str
    preferences: TravelPreferences
    loyalty_programs: _containers.RepeatedCompositeFieldContainer[LoyaltyMembership]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., email: _Optional[str] = ..., home_airport: _Optional[str] = ..., preferences: _Optional[_Union[TravelPreferences, _Mapping]] = ..., loyalty_programs: _Optional[_Iterable[_Union[LoyaltyMembership, _Mapping]]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class TravelPreferences(_message.Message):
    __slots__ = ("cabin", "seat", "preferred_airlines", "avoided_airlines", "preferred_hotel_chains", "min_hotel_stars", "diets", "interests", "budget_style", "currency_code", "avoid_red_eye")
    CABIN_FIELD_NUMBER: _ClassVar[int]
    SEAT_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_AIRLINES_FIELD_NUMBER: _ClassVar[int]
    AVOIDED_AIRLINES_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_HOTEL_CHAINS_FIELD_NUMBER: _ClassVar[int]
    MIN_HOTEL_STARS_FIELD_NUMBER: _ClassVar[int]
    DIETS_FIELD_NUMBER: _ClassVar[int]
    INTERESTS_FIELD_NUMBER: _ClassVar[int]
    BUDGET_STYLE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    AVOID_RED_EYE_FIELD_NUMBER: _ClassVar[int]
    cabin: CabinPreference
    seat: SeatPreference
    preferred_airlines: _containers.RepeatedScalarFieldContainer[str]
    avoided_airlines: _containers.RepeatedScalarFieldContainer[str]
    preferred_hotel_chains: _containers.RepeatedScalarFieldContainer[str]
    min_hotel_stars: int
    diets: _containers.RepeatedScalarFieldContainer[str]
    interests: _containers.RepeatedScalarFieldContainer[str]
    budget_style: BudgetStyle
    currency_code: str
    avoid_red_eye: bool
    def __init__(self, cabin: _Optional[_Union[CabinPreference, str]] = ..., seat: _Optional[_Union[SeatPreference, str]] = ..., preferred_airlines: _Optional[_Iterable[str]] = ..., avoided_airlines: _Optional[_Iterable[str]] = ..., preferred_hotel_chains: _Optional[_Iterable[str]] = ..., min_hotel_stars: _Optional[int] = ..., diets: _Optional[_Iterable[str]] = ..., interests: _Optional[_Iterable[str]] = ..., budget_style: _Optional[_Union[BudgetStyle, str]] = ..., currency_code: _Optional[str] = ..., avoid_red_eye: _Optional[bool] = ...) -> None: ...

class LoyaltyMembership(_message.Message):
    __slots__ = ("program_code", "member_number", "tier")
    PROGRAM_CODE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    program_code: str
    member_number: str
    tier: str
    def __init__(self, program_code: _Optional[str] = ..., member_number: _Optional[str] = ..., tier: _Optional[str] = ...) -> None: ...

class Trip(_message.Message):
    __slots__ = ("name", "origin", "destination", "start_date", "end_date", "airlines", "hotel_stars", "hotel_chain", "nightly_spend", "total_spend", "interests", "party_size")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    AIRLINES_FIELD_NUMBER: _ClassVar[int]
    HOTEL_STARS_FIELD_NUMBER: _ClassVar[int]
    HOTEL_CHAIN_FIELD_NUMBER: _ClassVar[int]
    NIGHTLY_SPEND_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SPEND_FIELD_NUMBER: _ClassVar[int]
    INTERESTS_FIELD_NUMBER: _ClassVar[int]
    PARTY_SIZE_FIELD_NUMBER: _ClassVar[int]
    name: str
    origin: _place_pb2.Place
    destination: _place_pb2.Place
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    airlines: _containers.RepeatedScalarFieldContainer[str]
    hotel_stars: int
    hotel_chain: str
    nightly_spend: _money_pb2.Money
    total_spend: _money_pb2.Money
    interests: _containers.RepeatedScalarFieldContainer[str]
    party_size: int
    def __init__(self, name: _Optional[str] = ..., origin: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., destination: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., airlines: _Optional[_Iterable[str]] = ..., hotel_stars: _Optional[int] = ..., hotel_chain: _Optional[str] = ..., nightly_spend: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., total_spend: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., interests: _Optional[_Iterable[str]] = ..., party_size: _Optional[int] = ...) -> None: ...

class DerivedPreferences(_message.Message):
    __slots__ = ("trips_considered", "airlines", "hotel_tier", "nightly_spend", "trip_length", "interests")
    TRIPS_CONSIDERED_FIELD_NUMBER: _ClassVar[int]
    AIRLINES_FIELD_NUMBER: _ClassVar[int]
    HOTEL_TIER_FIELD_NUMBER: _ClassVar[int]
    NIGHTLY_SPEND_FIELD_NUMBER: _ClassVar[int]
    TRIP_LENGTH_FIELD_NUMBER: _ClassVar[int]
    INTERESTS_FIELD_NUMBER: _ClassVar[int]
    trips_considered: int
    airlines: _containers.RepeatedCompositeFieldContainer[AirlineAffinity]
    hotel_tier: HotelTier
    nightly_spend: NightlySpend
    trip_length: TripLength
    interests: _containers.RepeatedCompositeFieldContainer[InterestAffinity]
    def __init__(self, trips_considered: _Optional[int] = ..., airlines: _Optional[_Iterable[_Union[AirlineAffinity, _Mapping]]] = ..., hotel_tier: _Optional[_Union[HotelTier, _Mapping]] = ..., nightly_spend: _Optional[_Union[NightlySpend, _Mapping]] = ..., trip_length: _Optional[_Union[TripLength, _Mapping]] = ..., interests: _Optional[_Iterable[_Union[InterestAffinity, _Mapping]]] = ...) -> None: ...

class AirlineAffinity(_message.Message):
    __slots__ = ("airline_code", "trips", "confidence")
    AIRLINE_CODE_FIELD_NUMBER: _ClassVar[int]
    TRIPS_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    airline_code: str
    trips: int
    confidence: float
    def __init__(self, airline_code: _Optional[str] = ..., trips: _Optional[int] = ..., confidence: _Optional[float] = ...) -> None: ...

class HotelTier(_message.Message):
    __slots__ = ("stars", "confidence")
    STARS_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    stars: int
    confidence: float
    def __init__(self, stars: _Optional[int] = ..., confidence: _Optional[float] = ...) -> None: ...

class NightlySpend(_message.Message):
    __slots__ = ("amount", "confidence")
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    amount: _money_pb2.Money
    confidence: float
    def __init__(self, amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., confidence: _Optional[float] = ...) -> None: ...

class TripLength(_message.Message):
    __slots__ = ("nights", "confidence")
    NIGHTS_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    nights: int
    confidence: float
    def __init__(self, nights: _Optional[int] = ..., confidence: _Optional[float] = ...) -> None: ...

class InterestAffinity(_message.Message):
    __slots__ = ("interest", "confidence")
    INTEREST_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    interest: str
    confidence: float
    def __init__(self, interest: _Optional[str] = ..., confidence: _Optional[float] = ...) -> None: ...

class CreateTravelerRequest(_message.Message):
    __slots__ = ("traveler", "traveler_id", "idempotency_key")
    TRAVELER_FIELD_NUMBER: _ClassVar[int]
    TRAVELER_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    traveler: Traveler
    traveler_id: str
    idempotency_key: str
    def __init__(self, traveler: _Optional[_Union[Traveler, _Mapping]] = ..., traveler_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CreateTravelerResponse(_message.Message):
    __slots__ = ("traveler",)
    TRAVELER_FIELD_NUMBER: _ClassVar[int]
    traveler: Traveler
    def __init__(self, traveler: _Optional[_Union[Traveler, _Mapping]] = ...) -> None: ...

class GetTravelerRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetTravelerResponse(_message.Message):
    __slots__ = ("traveler",)
    TRAVELER_FIELD_NUMBER: _ClassVar[int]
    traveler: Traveler
    def __init__(self, traveler: _Optional[_Union[Traveler, _Mapping]] = ...) -> None: ...

class UpdateTravelerRequest(_message.Message):
    __slots__ = ("traveler", "update_mask", "idempotency_key")
    TRAVELER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    traveler: Traveler
    update_mask: _field_mask_pb2.FieldMask
    idempotency_key: str
    def __init__(self, traveler: _Optional[_Union[Traveler, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class UpdateTravelerResponse(_message.Message):
    __slots__ = ("traveler",)
    TRAVELER_FIELD_NUMBER: _ClassVar[int]
    traveler: Traveler
    def __init__(self, traveler: _Optional[_Union[Traveler, _Mapping]] = ...) -> None: ...

class DeleteTravelerRequest(_message.Message):
    __slots__ = ("name", "idempotency_key")
    NAME_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    name: str
    idempotency_key: str
    def __init__(self, name: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class DeleteTravelerResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListTravelersRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTravelersResponse(_message.Message):
    __slots__ = ("travelers", "next_page_token")
    TRAVELERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    travelers: _containers.RepeatedCompositeFieldContainer[Traveler]
    next_page_token: str
    def __init__(self, travelers: _Optional[_Iterable[_Union[Traveler, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateTripRequest(_message.Message):
    __slots__ = ("parent", "trip", "idempotency_key")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    TRIP_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    trip: Trip
    idempotency_key: str
    def __init__(self, parent: _Optional[str] = ..., trip: _Optional[_Union[Trip, _Mapping]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CreateTripResponse(_message.Message):
    __slots__ = ("trip",)
    TRIP_FIELD_NUMBER: _ClassVar[int]
    trip: Trip
    def __init__(self, trip: _Optional[_Union[Trip, _Mapping]] = ...) -> None: ...

class ListTripsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTripsResponse(_message.Message):
    __slots__ = ("trips", "next_page_token")
    TRIPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    trips: _containers.RepeatedCompositeFieldContainer[Trip]
    next_page_token: str
    def __init__(self, trips: _Optional[_Iterable[_Union[Trip, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetDerivedPreferencesRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetDerivedPreferencesResponse(_message.Message):
    __slots__ = ("preferences",)
    PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    preferences: DerivedPreferences
    def __init__(self, preferences: _Optional[_Union[DerivedPreferences, _Mapping]] = ...) -> None: ...
