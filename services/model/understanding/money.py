"""The grammar of money: budgets for the whole trip and caps per night.

Amounts with symbols ($, €, £, ¥, A$, C$...), codes (USD, eur...), words (dollars, euros,
quid...), thousands separators and "k"/"grand"; "per night", "a night", "/night" and
"nightly" make a nightly cap, anything else is the whole trip's budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.model.understanding.text import NUMBER_WORDS, Text

SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "a$": "AUD", "au$": "AUD", "c$": "CAD",
           "ca$": "CAD", "nz$": "NZD", "r$": "BRL", "chf": "CHF", "₹": "INR", "hk$": "HKD", "s$": "SGD"}
WORDS = {"dollars": "USD", "dollar": "USD", "bucks": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR",
         "pounds": "GBP", "pound": "GBP", "quid": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY", "aud": "AUD",
         "cad": "CAD", "chf": "CHF", "francs": "CHF", "nzd": "NZD", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
         "mxn": "MXN", "pesos": "MXN", "brl": "BRL", "reais": "BRL", "inr": "INR", "rupees": "INR", "sgd": "SGD",
         "hkd": "HKD", "krw": "KRW", "won": "KRW", "thb": "THB", "baht": "THB", "pln": "PLN", "czk": "CZK",
         "zar": "ZAR", "try": "TRY", "cny": "CNY", "yuan": "CNY", "rmb": "CNY", "aussie dollars": "AUD",
         "canadian dollars": "CAD", "australian dollars": "AUD"}
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
_AMOUNT = (r"(?<![\d/-])(?P<amount>\d{1,3}(?:[,.\s]\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d+)?)\s*"
           r"(?P<scale>k|grand|thousand|m|mil|lakh|lakhs|crore)?\b")
_NIGHTLY = r"\s*(?:/|per|a|an|each)\s*(?:night|nite|nt)\b|\s*nightly\b"
_PER_PERSON = r"\s*(?:each|pp|p\.p\.|per\s+person|a\s+head|per\s+head|apiece)\b"
_SUFFIX = r"(?:€|£|\$|¥|₹)"
_TAIL = rf"(?P<nightly>{_NIGHTLY})?(?P<pp>{_PER_PERSON})?"
_AMOUNT_AFTER_SIGN = _AMOUNT.replace(r"(?<![\d/-])", "", 1)  # "-500": the amount after its sign
_AMOUNT_NO_EDGE = _AMOUNT.removesuffix(r"\b")  # "3,500€": no word boundary before a symbol
_LIMIT = r"(?:\s+(?:of|is|now|around|about|max|maximum|up\s+to|under|below|no\s+more\s+than|at\s+most|less\s+than|roughly|approx(?:imately)?))*"
PATTERNS = (
    # A budget below zero ("Budget: -500 USD"), read so that it is asked about, never dropped.
    re.compile(rf"\bbudget{_LIMIT}\s*[:=]?\s*(?P<neg>-)\s?(?P<cur>{_SYMBOL})?\s*{_AMOUNT_AFTER_SIGN}"
               rf"(?:\s*(?P<word>{_WORD})\b)?"),
    re.compile(rf"(?P<cur>{_SYMBOL})\s*{_AMOUNT}(?:\s*(?P<word>{_WORD})\b)?{_TAIL}"),
    re.compile(rf"{_AMOUNT_NO_EDGE}\s*(?P<suffix>{_SUFFIX}){_TAIL}"),
    re.compile(rf"\b(?P<code>{_WORD})\s*{_AMOUNT}{_TAIL}"),
    re.compile(rf"\b{_AMOUNT}\s*(?P<word>{_WORD}|kr)\b{_TAIL}"),
    # Bare numbers next to "budget", or per night: the currency is assumed.
    re.compile(rf"\bbudget{_LIMIT}\s*[:=]?\s*{_AMOUNT}{_TAIL}"),
    re.compile(rf"\b{_AMOUNT}\s+(?:total\s+)?budget\b{_TAIL}"),
    re.compile(rf"\b(?:under|below|max|up\s+to|less\s+than|no\s+more\s+than)\s+{_AMOUNT}\s+total\b"),
    re.compile(rf"\b(?:under|below|max|up\s+to|less\s+than|no\s+more\s+than|around)?\s*{_AMOUNT}(?P<nightly>{_NIGHTLY})"),
    re.compile(rf"\b{_AMOUNT_NO_EDGE}(?P<pp>{_PER_PERSON})"),
    # "around 12k": a round sum with a scale is a budget even without the word.
    re.compile(r"\b(?:around|about|roughly|under|max|up\s+to|no\s+more\s+than|less\s+than)\s+"
               r"(?<![\d/-])(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<scale>k|grand)\b"),
    re.compile(r"(?<![\d/-])\b(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<scale>k|grand)\s+(?:max(?:imum)?|tops|or\s+less|total|all[\s-]in)\b"),
    # Amounts in words: "two thousand pounds", "twelve thousand dollars".
    re.compile(rf"\b(?P<words>(?:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})(?:[\s-]+(?:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}))?)"
               rf"\s+(?P<scale>thousand|hundred)\s*(?P<word>{_WORD})?\b{_TAIL}"),
)
SUFFIXES = {"€": "EUR", "£": "GBP", "$": "USD", "¥": "JPY", "₹": "INR"}


#: ISO 4217's code for "no currency": an amount the text gave without one, until the
#: profile or the origin country says which.
NO_CURRENCY = "XXX"


@dataclass
class Money:
    amount: float
    currency: str  # "" when the text gave none
    nightly: bool
    per_person: bool = False


def _amount(match: re.Match) -> float:
    if match.groupdict().get("words"):
        base = sum(NUMBER_WORDS.get(word, 0) for word in re.split(r"[\s-]+", match["words"]))
        return float(base * (1000 if match["scale"] == "thousand" else 100))
    raw = match["amount"]
    # "3,000" and "3.000" group thousands; "2.5" and "1,5" are decimals.
    if re.fullmatch(r"\d{1,3}(?:[,.\s]\d{3})+", raw):
        value = float(re.sub(r"[,.\s]", "", raw))
    else:
        value = float(raw.replace(",", "."))
    scale = match["scale"]
    if scale in ("k", "grand", "thousand"):
        value *= 1000
    elif scale in ("m", "mil"):
        value *= 1_000_000
    elif scale in ("lakh", "lakhs"):
        value *= 100_000
    elif scale == "crore":
        value *= 10_000_000
    return value


def parse_money(text: Text) -> list[Money]:
    found = []
    for pattern in PATTERNS:
        for match in text.find(pattern):
            groups = match.groupdict()
            currency = (SYMBOLS.get(groups.get("cur") or "") or SUFFIXES.get(groups.get("suffix") or "")
                        or WORDS.get(groups.get("code") or "") or WORDS.get(groups.get("word") or "") or "")
            if groups.get("cur") == "$" and groups.get("word") in WORDS:
                currency = WORDS[groups["word"]]  # "$3000 AUD"
            nightly = bool(groups.get("nightly")) or bool(re.search(r"(?:nightly|per night)\s*$", text.value[:match.start()]))
            amount = -_amount(match) if groups.get("neg") else _amount(match)
            found.append(Money(amount, currency, nightly, per_person=bool(groups.get("pp"))))
    return found
