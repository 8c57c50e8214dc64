"""Pagination as every List and Search does it (AIP-158).

`page_size` 0 means the default (20); 1 to 100 is honoured; anything else is
INVALID_ARGUMENT. Page tokens are opaque to clients; each is bound to the query that made
it, so a token replayed with different filters is INVALID_ARGUMENT rather than a wrong page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import TypeVar

from google.protobuf.message import Message

from tripsmith.core.errors import InvalidArgument
from tripsmith.core.fingerprint import fingerprint

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
#: Page tokens are not signed; an offset beyond this is a forged token, refused before it
#: can overflow a database integer.
MAX_OFFSET = 10**9
_PAGING_FIELDS = ("page_size", "page_token")

T = TypeVar("T")


def page_size(requested: int, field: str = "page_size") -> int:
    if requested == 0:
        return DEFAULT_PAGE_SIZE
    if not 1 <= requested <= MAX_PAGE_SIZE:
        raise InvalidArgument.of(field, f"must be between 1 and {MAX_PAGE_SIZE} (or 0 for {DEFAULT_PAGE_SIZE})")
    return requested


def query_key(request: Message) -> str:
    """What a page token is bound to: the request without its paging fields."""
    return fingerprint(request, ignore=_PAGING_FIELDS)[:16]


def encode_page_token(offset: int, request: Message) -> str:
    payload = json.dumps({"o": offset, "q": query_key(request)}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def decode_page_token(token: str, request: Message, field: str = "page_token") -> int:
    """The offset a token stands for; 0 for an empty token."""
    if not token:
        return 0
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset, key = int(payload["o"]), str(payload["q"])
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise InvalidArgument.of(field, "is not a token this service issued") from None
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidArgument.of(field, "is not a token this service issued")
    if key != query_key(request):
        raise InvalidArgument.of(field, "belongs to a different query; repeat the request with the same filters")
    return offset


def page(request: Message) -> tuple[int, int]:
    """The (offset, size) a List or Search request asks for; INVALID_ARGUMENT for bad paging fields."""
    size = page_size(request.page_size)
    return decode_page_token(request.page_token, request), size


def next_page_token(request: Message, offset: int, size: int, more: bool) -> str:
    """The token of the page after the one at `offset`, or "" when `more` says there is none."""
    return encode_page_token(offset + size, request) if more else ""


def paginate(items: Sequence[T], request: Message) -> tuple[Sequence[T], str]:
    """The page of `items` the request asks for, and the token of the next page ("" at the end)."""
    offset, size = page(request)
    return items[offset : offset + size], next_page_token(request, offset, size, offset + size < len(items))
