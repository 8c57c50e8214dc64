from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class TravelMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRAVEL_MODE_UNSPECIFIED: _ClassVar[TravelMode]
    TRAVEL_MODE_FLIGHT: _ClassVar[TravelMode]
    TRAVEL_MODE_RAIL: _ClassVar[TravelMode]
    TRAVEL_MODE_COACH: _ClassVar[TravelMode]
    TRAVEL_MODE_SELF_DRIVE: _ClassVar[TravelMode]
    TRAVEL_MODE_TAXI: _ClassVar[TravelMode]
TRAVEL_MODE_UNSPECIFIED: TravelMode
TRAVEL_MODE_FLIGHT: TravelMode
TRAVEL_MODE_RAIL: TravelMode
TRAVEL_MODE_COACH: TravelMode
TRAVEL_MODE_SELF_DRIVE: TravelMode
TRAVEL_MODE_TAXI: TravelMode
