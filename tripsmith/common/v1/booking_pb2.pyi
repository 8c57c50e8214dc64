from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class HoldState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HOLD_STATE_UNSPECIFIED: _ClassVar[HoldState]
    HOLD_STATE_HELD: _ClassVar[HoldState]
    HOLD_STATE_CONFIRMED: _ClassVar[HoldState]
    HOLD_STATE_RELEASED: _ClassVar[HoldState]
    HOLD_STATE_EXPIRED: _ClassVar[HoldState]

class BookingState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BOOKING_STATE_UNSPECIFIED: _ClassVar[BookingState]
    BOOKING_STATE_CONFIRMED: _ClassVar[BookingState]
    BOOKING_STATE_CANCELLED: _ClassVar[BookingState]
HOLD_STATE_UNSPECIFIED: HoldState
HOLD_STATE_HELD: HoldState
HOLD_STATE_CONFIRMED: HoldState
HOLD_STATE_RELEASED: HoldState
HOLD_STATE_EXPIRED: HoldState
BOOKING_STATE_UNSPECIFIED: BookingState
BOOKING_STATE_CONFIRMED: BookingState
BOOKING_STATE_CANCELLED: BookingState
