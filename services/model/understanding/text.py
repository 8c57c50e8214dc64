"""A request's text, normalized, with the spans each grammar rule has already claimed.

Every rule (dates, money, party, places, preferences) finds its matches in the same
normalized text and claims their spans, so that "4 days" is not read again as four
travelers and "March 3" is never a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_REPLACEMENTS = (
    (re.compile(r"[\u2010-\u2015\u2212]"), "-"),  # dashes
    (re.compile(r"[\u2018\u2019\u02bc]"), "'"),
    (re.compile(r"[\u201c\u201d]"), '"'),
    (re.compile(r"\bw/(?=\s|$)"), "with"),
    (re.compile(r"\bw/o\b"), "without"),
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"\bthru\b"), "through"),
    (re.compile(r"\bfrm\b"), "from"),  # texting
    (re.compile(r"\bthn\b"), "then"),
    (re.compile(r"\b(st|mt|ft)\.\s"), r"\1 "),  # "St. Louis" as GeoNames keys it
    (re.compile(r"\s\+\s|(?<=[a-z])\+(?=[a-z])"), " and "),
    (re.compile(r"\b(from|to)\s*:"), r"\1"),  # a form's fields: "From: Chicago / To: Denver"
    (re.compile(r"\s+"), " "),
)

#: Small numbers as people write them.
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "couple": 2, "a couple": 2,
    "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "single": 1, "dozen": 12,
}
NUMBER = r"(?:\d{1,3}|a couple of|a couple|couple of|a few|" + "|".join(
    sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)) + r")"


#: The grammar's own keywords; a longer word one typo away from one of them is read as it
#: ("tommorow", "febuary", "adulst"). Place names have their own matching (places.py).
KEYWORDS = ("january february march april june july august september october november december monday tuesday "
            "wednesday thursday friday saturday sunday tomorrow weekend adults children nights weeks "
            "business economy premium nonstop budget hotels airlines flights friend friends people travelers "
            "colleagues passengers hostel hostels").split()


def _correct(word: str) -> str:
    from rapidfuzz.distance import DamerauLevenshtein
    from wordfreq import zipf_frequency

    # A word of its own ("friendly", "traveled") is no typo of a keyword ("friends").
    if len(word) < 5 or word in KEYWORDS or zipf_frequency(word, "en") >= 3.0:
        return word

    for keyword in KEYWORDS:
        if keyword.rstrip("s") == word.rstrip("s"):
            return word  # a singular or plural is no typo
        if abs(len(keyword) - len(word)) <= 1 and DamerauLevenshtein.distance(word, keyword) <= (1 if len(word) < 7 else 2):
            if word[0] == keyword[0]:
                return keyword
    return word


def number(word: str) -> int:
    word = word.strip()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


class Text:
    """The normalized text and which characters a rule has claimed."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        value = raw.lower()
        for pattern, replacement in _REPLACEMENTS:
            value = pattern.sub(replacement, value)
        value = re.sub(r"[a-z]{5,}", lambda match: _correct(match.group(0)), value)
        self.value = value.strip()
        self._claimed = [False] * len(self.value)

    def free(self, start: int, end: int) -> bool:
        return not any(self._claimed[start:end])

    def claim(self, start: int, end: int) -> None:
        for index in range(start, end):
            self._claimed[index] = True

    def find(self, pattern: re.Pattern | str, claim: bool = True) -> Iterator[re.Match]:
        """Matches over unclaimed text, claiming each one unless told not to. A match that
        crosses claimed text is tried again from inside it ("[the] 4th of March" after "the"
        was claimed), so that claims never hide a shorter match."""
        compiled, at = re.compile(pattern), 0
        while at <= len(self.value) and (match := compiled.search(self.value, at)):
            if not self.free(match.start(), match.end()):
                at = match.start() + 1
                continue
            if claim:
                self.claim(match.start(), match.end())
            yield match
            at = match.end() if match.end() > match.start() else match.end() + 1

    def claim_words(self, pattern: str) -> None:
        """Claims words that only glue a sentence together ("instead")."""
        for _ in self.find(pattern):
            pass

    def unclaimed(self) -> str:
        """The text with claimed characters blanked out, keeping positions."""
        return "".join(" " if claimed else char for char, claimed in zip(self.value, self._claimed))
