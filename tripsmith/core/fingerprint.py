"""A stable digest of a protobuf message, for idempotency and page tokens.

Deterministic serialization makes equal messages hash equally within one schema version;
fields named in `ignore` (for example the idempotency key itself) are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from google.protobuf.message import Message


def fingerprint(message: Message, ignore: Iterable[str] = ()) -> str:
    ignored = [name for name in ignore if name in message.DESCRIPTOR.fields_by_name]
    if ignored:
        copy = type(message)()
        copy.CopyFrom(message)
        for name in ignored:
            copy.ClearField(name)
        message = copy
    digest = hashlib.sha256(type(message).DESCRIPTOR.full_name.encode())
    digest.update(message.SerializeToString(deterministic=True))
    return digest.hexdigest()


def request_fingerprint(request: Message) -> str:
    """What makes two calls with one idempotency key the same call: the request without the key."""
    return fingerprint(request, ignore=("idempotency_key",))
