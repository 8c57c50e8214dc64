"""Money (`google.type.Money`: a currency code, units and nanos of the same sign) between its
message and Python numbers, and as people read it."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from google.type import money_pb2

_NANOS = Decimal(1_000_000_000)


def money_amount(money: money_pb2.Money) -> float:
    return money.units + money.nanos / 1e9


def money_message(amount: float, currency: str) -> money_pb2.Money:
    """Money rounded to the cent, as units and nanos of the same sign."""
    cents = round(amount * 100)
    units, remainder = divmod(abs(cents), 100)
    sign = -1 if cents < 0 else 1
    return money_pb2.Money(currency_code=currency, units=sign * units, nanos=sign * remainder * 10_000_000)


def exact_money(amount: Decimal, currency: str) -> money_pb2.Money:
    """Money to the nano, rounded half to even: for sums that must add up exactly."""
    nanos_total = int((amount * _NANOS).to_integral_value(ROUND_HALF_EVEN))
    sign = -1 if nanos_total < 0 else 1
    units, nanos = divmod(abs(nanos_total), 1_000_000_000)
    return money_pb2.Money(currency_code=currency, units=sign * units, nanos=sign * nanos)


def money_text(amount: float, currency: str) -> str:
    """As a traveler reads it: "1,234.50 USD"."""
    return f"{amount:,.2f} {currency}"


def show_money(money: money_pb2.Money) -> str:
    """A Money message as a traveler reads it; "-" when it names no currency (unset)."""
    return money_text(money_amount(money), money.currency_code) if money.currency_code else "-"
