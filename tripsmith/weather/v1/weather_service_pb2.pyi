from google.type import date_pb2 as _date_pb2
from tripsmith.common.v1 import place_pb2 as _place_pb2
from tripsmith.common.v1 import provenance_pb2 as _provenance_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Condition(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONDITION_UNSPECIFIED: _ClassVar[Condition]
    CONDITION_CLEAR: _ClassVar[Condition]
    CONDITION_PARTLY_CLOUDY: _ClassVar[Condition]
    CONDITION_CLOUDY: _ClassVar[Condition]
    CONDITION_FOG: _ClassVar[Condition]
    CONDITION_DRIZZLE: _ClassVar[Condition]
    CONDITION_RAIN: _ClassVar[Condition]
    CONDITION_THUNDERSTORM: _ClassVar[Condition]
    CONDITION_SNOW: _ClassVar[Condition]

class ForecastKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FORECAST_KIND_UNSPECIFIED: _ClassVar[ForecastKind]
    FORECAST_KIND_FORECAST: _ClassVar[ForecastKind]
    FORECAST_KIND_CLIMATOLOGY: _ClassVar[ForecastKind]
CONDITION_UNSPECIFIED: Condition
CONDITION_CLEAR: Condition
CONDITION_PARTLY_CLOUDY: Condition
CONDITION_CLOUDY: Condition
CONDITION_FOG: Condition
CONDITION_DRIZZLE: Condition
CONDITION_RAIN: Condition
CONDITION_THUNDERSTORM: Condition
CONDITION_SNOW: Condition
FORECAST_KIND_UNSPECIFIED: ForecastKind
FORECAST_KIND_FORECAST: ForecastKind
FORECAST_KIND_CLIMATOLOGY: ForecastKind

class GetDailyForecastRequest(_message.Message):
    __slots__ = ("place", "start_date", "end_date")
    PLACE_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    place: _place_pb2.Place
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    def __init__(self, place: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class GetDailyForecastResponse(_message.Message):
    __slots__ = ("place", "days")
    PLACE_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    place: _place_pb2.Place
    days: _containers.RepeatedCompositeFieldContainer[DailyWeather]
    def __init__(self, place: _Optional[_Union[_place_pb2.Place, _Mapping]] = ..., days: _Optional[_Iterable[_Union[DailyWeather, _Mapping]]] = ...) -> None: ...

class DailyWeather(_message.Message):
    __slots__ = ("date", "high_celsius", "low_celsius", "precipitation_probability", "precipitation_mm", "condition", "kind", "provenance")
    DATE_FIELD_NUMBER: _ClassVar[int]
    HIGH_CELSIUS_FIELD_NUMBER: _ClassVar[int]
    LOW_CELSIUS_FIELD_NUMBER: _ClassVar[int]
    PRECIPITATION_PROBABILITY_FIELD_NUMBER: _ClassVar[int]
    PRECIPITATION_MM_FIELD_NUMBER: _ClassVar[int]
    CONDITION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    date: _date_pb2.Date
    high_celsius: float
    low_celsius: float
    precipitation_probability: float
    precipitation_mm: float
    condition: Condition
    kind: ForecastKind
    provenance: _provenance_pb2.Provenance
    def __init__(self, date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., high_celsius: _Optional[float] = ..., low_celsius: _Optional[float] = ..., precipitation_probability: _Optional[float] = ..., precipitation_mm: _Optional[float] = ..., condition: _Optional[_Union[Condition, str]] = ..., kind: _Optional[_Union[ForecastKind, str]] = ..., provenance: _Optional[_Union[_provenance_pb2.Provenance, _Mapping]] = ...) -> None: ...
