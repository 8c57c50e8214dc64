"""The search checks every category with offers shares: determinism, paging, currencies.

`checks(search, narrowing)` returns them for one category's `search(kit, **changes)`;
`narrowing` is a change of filters, to check that a page token is bound to its query.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable

import grpc

from tripsmith.suppliers.conformance.harness import Kit, expect, expect_error
from tripsmith.core.money import money_amount

INVALID = grpc.StatusCode.INVALID_ARGUMENT
Search = Callable[..., Awaitable]


def checks(search: Search, narrowing: dict) -> list[tuple[str, Callable[[Kit], Awaitable[str]]]]:
    async def deterministic(kit: Kit) -> str:
        first, second = await search(kit), await search(kit)
        ids = lambda r: [(o.offer_id, o.total_price.units, o.total_price.nanos) for o in r.offers]  # noqa: E731
        expect(ids(first) == ids(second), "the same search gave different offers or prices")
        return "the same search gives the same offers"

    async def paginates(kit: Kit) -> str:
        whole = await search(kit, page_size=100)
        size = max(3, math.ceil(whole.total_size / 40))
        seen, token, pages = [], "", 0
        while True:
            page = await search(kit, page_size=size, page_token=token)
            seen += [offer.offer_id for offer in page.offers]
            pages, token = pages + 1, page.next_page_token
            expect(len(page.offers) <= size, f"a page holds {len(page.offers)} offers, more than page_size {size}")
            if not token or pages > 60:
                break
        expect(len(seen) == len(set(seen)), "pages repeat offers")
        expect(len(seen) == whole.total_size, f"{len(seen)} offers over the pages, total_size says {whole.total_size}")
        expect(seen[:len(whole.offers)] == [o.offer_id for o in whole.offers], "pages are not in the order of one big page")
        await expect_error(search(kit, page_size=101), INVALID, field="page_size", what="page_size 101")
        await expect_error(search(kit, page_size=-1), INVALID, field="page_size", what="page_size -1")
        await expect_error(search(kit, page_token="not-a-token"), INVALID, field="page_token", what="a forged page_token")
        token = (await search(kit, page_size=1)).next_page_token
        if token:
            await expect_error(search(kit, page_size=1, page_token=token, **narrowing), INVALID, field="page_token",
                               what="a page_token reused with other filters")
        return f"{len(seen)} offers over {pages} pages of {size}"

    async def currencies(kit: Kit) -> str:
        usd, eur = await search(kit), await search(kit, currency_code="EUR")
        expect(all(o.total_price.currency_code == "EUR" for o in eur.offers), "prices are not in the requested currency")
        by_id = {o.offer_id: money_amount(o.total_price) for o in usd.offers}
        ratios = [money_amount(o.total_price) / by_id[o.offer_id] for o in eur.offers if o.offer_id in by_id]
        expect(ratios and max(ratios) - min(ratios) < 0.01, "EUR and USD prices are not one exchange rate apart")
        await expect_error(search(kit, currency_code="XYZ"), INVALID, field="currency_code", what="currency XYZ")
        return f"EUR/USD = {ratios[0]:.4f} on every offer"

    return [
        ("search is deterministic", deterministic),
        ("pagination", paginates),
        ("currency handling", currencies),
    ]
