from google.type import latlng_pb2 as _latlng_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PlaceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLACE_KIND_UNSPECIFIED: _ClassVar[PlaceKind]
    PLACE_KIND_AIRPORT: _ClassVar[PlaceKind]
    PLACE_KIND_METRO_AREA: _ClassVar[PlaceKind]
    PLACE_KIND_CITY: _ClassVar[PlaceKind]
PLACE_KIND_UNSPECIFIED: PlaceKind
PLACE_KIND_AIRPORT: PlaceKind
PLACE_KIND_METRO_AREA: PlaceKind
PLACE_KIND_CITY: PlaceKind

class Place(_message.Message):
    __slots__ = ("iata_code", "city_name", "country_code", "time_zone", "location", "kind", "display_name")
    IATA_CODE_FIELD_NUMBER: _ClassVar[int]
    CITY_NAME_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_CODE_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    iata_code: str
    city_name: str
    country_code: str
    time_zone: str
    location: _latlng_pb2.LatLng
    kind: PlaceKind
    display_name: str
    def __init__(self, iata_code: _Optional[str] = ..., city_name: _Optional[str] = ..., country_code: _Optional[str] = ..., time_zone: _Optional[str] = ..., location: _Optional[_Union[_latlng_pb2.LatLng, _Mapping]] = ..., kind: _Optional[_Union[PlaceKind, str]] = ..., display_name: _Optional[str] = ...) -> None: ...
