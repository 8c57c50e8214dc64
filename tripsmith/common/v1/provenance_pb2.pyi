from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class Provenance(_message.Message):
    __slots__ = ("source", "vintage", "synthetic")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    SYNTHETIC_FIELD_NUMBER: _ClassVar[int]
    source: str
    vintage: str
    synthetic: bool
    def __init__(self, source: _Optional[str] = ..., vintage: _Optional[str] = ..., synthetic: _Optional[bool] = ...) -> None: ...
