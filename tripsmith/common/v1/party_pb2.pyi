from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class Party(_message.Message):
    __slots__ = ("adults", "children_ages", "rooms")
    ADULTS_FIELD_NUMBER: _ClassVar[int]
    CHILDREN_AGES_FIELD_NUMBER: _ClassVar[int]
    ROOMS_FIELD_NUMBER: _ClassVar[int]
    adults: int
    children_ages: _containers.RepeatedScalarFieldContainer[int]
    rooms: int
    def __init__(self, adults: _Optional[int] = ..., children_ages: _Optional[_Iterable[int]] = ..., rooms: _Optional[int] = ...) -> None: ...
