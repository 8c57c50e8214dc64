"""Pagination as every List and Search does it (tripsmith.core.paging)."""

from __future__ import annotations

import base64
import json

import pytest

from tripsmith.core.errors import InvalidArgument
from tripsmith.core.paging import DEFAULT_PAGE_SIZE, MAX_OFFSET, MAX_PAGE_SIZE, next_page_token, page, paginate
from tripsmith.profile.v1 import profile_service_pb2 as pb


def request(**fields) -> pb.ListTripsRequest:
    return pb.ListTripsRequest(parent="travelers/ada", **fields)


def forged(offset: int, of: pb.ListTripsRequest) -> str:
    valid = json.loads(base64.urlsafe_b64decode(next_page_token(of, 0, 1, True) + "=="))
    return base64.urlsafe_b64encode(json.dumps({"o": offset, "q": valid["q"]}).encode()).decode().rstrip("=")


def test_sizes_default_and_bounds():
    assert page(request()) == (0, DEFAULT_PAGE_SIZE)
    assert page(request(page_size=MAX_PAGE_SIZE)) == (0, MAX_PAGE_SIZE)
    for size in (-1, MAX_PAGE_SIZE + 1):
        with pytest.raises(InvalidArgument) as refused:
            page(request(page_size=size))
        assert refused.value.violations[0].field == "page_size"


def test_tokens_continue_their_own_query_only():
    first = request(page_size=2)
    token = next_page_token(first, 0, 2, more=True)
    assert page(request(page_size=2, page_token=token)) == (2, 2)
    assert next_page_token(first, 0, 2, more=False) == ""
    with pytest.raises(InvalidArgument, match="different query"):
        page(pb.ListTripsRequest(parent="travelers/bob", page_size=2, page_token=token))


@pytest.mark.parametrize("offset", [-1, MAX_OFFSET + 1])
def test_a_forged_offset_is_refused_naming_the_token(offset):
    with pytest.raises(InvalidArgument) as refused:
        page(request(page_token=forged(offset, request())))
    assert refused.value.violations[0].field == "page_token"


def test_paginate_walks_every_item_once():
    items, token, seen = list(range(7)), "", []
    while True:
        chunk, token = paginate(items, request(page_size=3, page_token=token))
        seen.extend(chunk)
        if not token:
            break
    assert seen == items
