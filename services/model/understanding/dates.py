"""The grammar of dates, ranges and durations, resolved against a reference date.

Absolute dates ("March 3", "3 March", "3/3", "2027-03-03", "the 20th"), ranges ("June
14-21", "6/1-6/8", "March 3 to 10", "next Friday to Sunday"), relative dates ("tomorrow",
"next Friday", "this weekend", "in two weeks") and durations ("4 days", "3 nights", "a
week", "a long weekend"). A date without a year is the next such date on or after the
reference date. N days are N calendar days; N nights end N days after the start.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from services.model.understanding.text import NUMBER, Text, number

MONTHS = {name: index for index, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for name in names}
WEEKDAYS = {name: index for index, names in enumerate((
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
    ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun"))) for name in names}

MONTH = r"(?P<{0}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?P<{0}>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
ORDINALS = {word: index for index, word in enumerate((
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second twenty-third "
    "twenty-fourth twenty-fifth twenty-sixth twenty-seventh twenty-eighth twenty-ninth thirtieth thirty-first").split(), 1)}
DAY = (r"(?P<{0}>[0-3]?\d(?=\b|st|nd|rd|th)|" + "|".join(sorted(ORDINALS, key=len, reverse=True))
       + r")(?:st|nd|rd|th)?")
YEAR = r"(?:,?\s*(?P<{0}>20[2-3]\d)\b)?"
TO = r"\s*(?:-|to|until|till|through|and)\s*"


#: Words that make the date after them the end of the trip.
_END_MARKER = re.compile(r"\b(?:check(?:ing)?[- ]?out|checkout|until|untill|till|til|through|thru|"
                         r"(?:be|get|getting|come|coming|fly|flying|head(?:ing)?)\s+back(?:\s+home)?|back(?=\s+(?:home\s+)?(?:on|by)\b)|return(?:s|ing)?(?:\s+home)?|"
                         r"(?<!leave\s)(?<!leaving\s)(?<!depart\s)(?<!departing\s)(?<!from\s)home\s+(?:again\s+)?)(?:\s+(?:date|day))?\s*(?:is|will\s+be|should\s+be|would\s+be|on|by|:|of)?"
                         r"(?:\s+(?:on|by))?(?:\s+the)?")


@dataclass
class Dates:
    start: dt.date | None = None
    end: dt.date | None = None
    nights: int | None = None  # from a duration
    month_only: int | None = None  # "in May": the month, without a day


def day_number(value: str | int) -> int:
    """A day of the month as written: "3", "03", "third"."""
    return ORDINALS[value] if isinstance(value, str) and value in ORDINALS else int(value)


def _next_date(reference: dt.date, month: int, day: int | str, year: str | None = None) -> dt.date | None:
    """The next such date on or after the reference date (or in the year given); February
    29 is the next leap year's."""
    day = day_number(day)
    if year:
        try:
            return dt.date(int(year), month, day)
        except ValueError:
            return None
    for offset in range(0, 5):
        try:
            candidate = dt.date(reference.year + offset, month, day)
        except ValueError:
            continue
        if candidate >= reference:
            return candidate
    return None


def _weekday(reference: dt.date, name: str, qualifier: str) -> dt.date:
    """"this Friday"/"Friday": the coming one; "next Friday": the one in the following week."""
    target = WEEKDAYS[name]
    if qualifier == "next":
        monday_next_week = reference + dt.timedelta(days=7 - reference.weekday())
        return monday_next_week + dt.timedelta(days=target)
    return reference + dt.timedelta(days=(target - reference.weekday()) % 7)


def _after(start: dt.date, month: int | None, day: int | str) -> dt.date | None:
    """The end of a range written without its month or year: the first such day after start."""
    day = day_number(day)
    for months_ahead in range(0, 13):
        year, month0 = divmod((month or start.month) - 1 + (months_ahead if month is None else 0), 12)
        try:
            candidate = dt.date(start.year + year, month0 + 1, day)
        except ValueError:
            continue
        if candidate >= start:
            return candidate
        if month is not None:
            return _next_date(start, month, day)
    return None


def parse_dates(text: Text, reference: dt.date) -> Dates:
    found = Dates()
    ref = reference

    def take(start: dt.date | None, end: dt.date | None = None) -> None:
        if start and found.start is None:
            found.start = start
            if end and end >= start:
                found.end = end

    # A weekday written before its date ("fri feb 5", "friday, 3/3") only decorates it.
    for _ in text.find(rf"\b{WEEKDAY.format('deco')},?\s+(?:the\s+)?(?=(?:{'|'.join(MONTHS)})\b|\d{{1,2}}[/.]|the\s+\d|20\d\d-\d"
                       rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{'|'.join(MONTHS)})\b)"):
        pass

    weekend_nights: int | None = None

    # Ranges first: they contain single dates.
    for match in text.find(rf"\b{MONTH.format('m1')}\s+{DAY.format('d1')}{TO}(?:{MONTH.format('m2')}\s+)?{DAY.format('d2')}\b{YEAR.format('y')}"):
        start = _next_date(ref, MONTHS[match["m1"]], match["d1"], match["y"])
        m2 = MONTHS[match["m2"]] if match["m2"] else None
        take(start, start and _after(start, m2 or start.month, match["d2"]))
    for match in text.find(rf"\b{DAY.format('d1')}{TO}{DAY.format('d2')}\s+(?:of\s+)?{MONTH.format('m')}{YEAR.format('y')}"):
        start = _next_date(ref, MONTHS[match["m"]], match["d1"], match["y"])
        take(start, start and _after(start, start.month, match["d2"]))
    for match in text.find(rf"\b{MONTH.format('m')}\s+{DAY.format('d1')}{TO}the\s+{DAY.format('d2')}\b"):
        start = _next_date(ref, MONTHS[match["m"]], match["d1"])
        take(start, start and _after(start, start.month, match["d2"]))
    for match in text.find(rf"\b(?:the\s+(?P<o1>[0-3]?\d)(?:st|nd|rd|th)?|(?P<o2>[0-3]?\d)(?:st|nd|rd|th)){TO}(?:the\s+)?"
                           rf"{DAY.format('d2')}(?:\s+(?:of\s+)?{MONTH.format('m')})?\b"):
        match_d1 = match["o1"] or match["o2"]
        month = MONTHS[match["m"]] if match["m"] else None
        start = _next_date(ref, month, match_d1) if month else _after(ref, None, match_d1)
        take(start, start and _after(start, None, match["d2"]))
    for match in text.find(r"\b(?P<m1>1[0-2]|0?[1-9])/(?P<d1>[0-3]?\d)(?:/(?P<y1>\d{2,4}))?" + TO +
                           r"(?:(?P<m2>1[0-2]|0?[1-9])/)?(?P<d2>[0-3]?\d)(?:/\d{2,4})?\b"):
        year = match["y1"] and (match["y1"] if len(match["y1"]) == 4 else "20" + match["y1"])
        start = _next_date(ref, int(match["m1"]), int(match["d1"]), year)
        take(start, start and _after(start, int(match["m2"]) if match["m2"] else start.month, int(match["d2"])))
    for match in text.find(rf"\b(?P<q1>this|next)?\s*{WEEKDAY.format('w1')}{TO}{WEEKDAY.format('w2')}\b"):
        start = _weekday(ref, match["w1"], match["q1"] or "")
        take(start, start + dt.timedelta(days=(WEEKDAYS[match["w2"]] - start.weekday()) % 7))
    for match in text.find(rf"\b(?:the\s+)?(?P<long>long\s+)?weekend\s+of\s+(?:the\s+)?(?:{MONTH.format('m')}\s+{DAY.format('d')}\b"
                           rf"|(?P<nm>1[0-2]|0?[1-9])/(?P<nd>[0-3]?\d)\b|(?P<iy>20\d\d)-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b"
                           rf"|{DAY.format('d2')}\s+(?:of\s+)?{MONTH.format('m2')}\b)"):
        if match["nm"] or match["im"]:
            day = _next_date(ref, int(match["nm"] or match["im"]), int(match["nd"] or match["id"]), match["iy"])
        else:
            day = _next_date(ref, MONTHS[match["m"] or match["m2"]], match["d"] or match["d2"])
        if day:
            friday = day - dt.timedelta(days=(day.weekday() - 4) % 7) if day.weekday() >= 4 else day + dt.timedelta(days=4 - day.weekday())
            take(friday, friday + dt.timedelta(days=3 if match["long"] else 2))
    for match in text.find(r"\b(?P<q>this|next|the|a)?\s*(?P<long>long\s+)?weekend\b"):
        if match["q"] in (None, "a"):
            # "a long weekend in May" is a length, unless a length is written too ("a long
            # weekend, 4 nights"); the dates come from elsewhere.
            weekend_nights = 3 if match["long"] else 2
            continue
        friday = _weekday(ref, "friday", "next" if match["q"] == "next" else "")
        long = match["long"] or re.search(r"\blong\s+weekend\b", text.value)
        take(friday, friday + dt.timedelta(days=3 if long else 2))

    # Single dates, kept with their position: the first written is the departure.
    singles: list[tuple[int, dt.date | None]] = []
    for match in text.find(r"\b(?P<y>20\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"):
        singles.append((match.start(), _next_date(ref, int(match["m"]), int(match["d"]), match["y"])))
    for match in text.find(rf"\b{MONTH.format('m')}\s+{DAY.format('d')}\b{YEAR.format('y')}"):
        singles.append((match.start(), _next_date(ref, MONTHS[match["m"]], match["d"], match["y"])))
    for match in text.find(rf"\b(?:the\s+)?{DAY.format('d')}\s+(?:of\s+)?{MONTH.format('m')}\b{YEAR.format('y')}"):
        singles.append((match.start(), _next_date(ref, MONTHS[match["m"]], match["d"], match["y"])))
    # Dots with a year are day.month.year ("1.8.2027"), as everywhere dots are written.
    for match in text.find(r"\b(?P<d>[0-3]?\d)\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>20\d\d|\d\d)\b"):
        year = match["y"] if len(match["y"]) == 4 else "20" + match["y"]
        singles.append((match.start(), _next_date(ref, int(match["m"]), int(match["d"]), year)))
    # European order when the first number cannot be a month ("14/03/2027"), and "1. March".
    for match in text.find(r"\b(?P<d>1[3-9]|2\d|3[01])[/.](?P<m>1[0-2]|0?[1-9])(?:[/.](?P<y>\d{4}|\d{2}))?\b"):
        year = match["y"] and (match["y"] if len(match["y"]) == 4 else "20" + match["y"])
        singles.append((match.start(), _next_date(ref, int(match["m"]), int(match["d"]), year)))
    for match in text.find(rf"\b(?P<d>[0-3]?\d)\.\s*{MONTH.format('m')}\b{YEAR.format('y')}"):
        singles.append((match.start(), _next_date(ref, MONTHS[match["m"]], int(match["d"]), match["y"])))
    for match in text.find(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)(?:/(?P<y>\d{4}|\d{2}))?\b"):
        year = match["y"] and (match["y"] if len(match["y"]) == 4 else "20" + match["y"])
        singles.append((match.start(), _next_date(ref, int(match["m"]), int(match["d"]), year)))
    day_only: list[tuple[int, int]] = []
    for match in text.find(r"\b(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b"
                           r"|(?:(?<=\bon\s)|(?<=\bto\s)|(?<=\btil\s)|(?<=\btill\s)|(?<=\buntil\s)|(?<=\bback\s)|(?<=\breturn\s)|(?<=\bthrough\s))"
                           r"the\s+(?P<bare>[12]?\d|3[01])\b(?![.,]\d)"
                           r"(?!\s+(?:of\b|adults?|people|persons|kids|children|nights?|days?|weeks?|hours?|stars?|rooms?|pax|guests))"
                           # "return on the nineteenth": an ordinal in words, never "the second week".
                           rf"|\bthe\s+(?P<word>{'|'.join(sorted(ORDINALS, key=len, reverse=True))})\b"
                           r"(?!\s+(?:week|weekend|time|day|night|floor|stop|leg|city|half|one|place|trip|option|class|choice|of\s+us))"):
        day_only.append((match.start(), ORDINALS[match["word"]] if match["word"] else int(match["d"] or match["bare"])))
    for match in text.find(rf"\bin\s+(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?)(?:\s+(?:from\s+)?(?:now|today|time))?\b"
                           rf"|\b(?P<n2>{NUMBER})\s+(?P<unit2>days?|weeks?)\s+(?:from\s+(?:now|today)|out|ahead)\b"):
        days = number(match["n"] or match["n2"]) * (7 if (match["unit"] or match["unit2"]).startswith("week") else 1)
        singles.append((match.start(), ref + dt.timedelta(days=days)))
    for match in text.find(r"\b(?P<word>today|tomorrow|tmrw|tmr|tomorow|day after tomorrow)\b"):
        offset = {"today": 0, "day after tomorrow": 2}.get(match["word"], 1)
        singles.append((match.start(), ref + dt.timedelta(days=offset)))
    returns: list[tuple[int, str]] = []
    for match in text.find(rf"\b(?:back|return(?:ing)?|home|coming back|till|until|through)\s+(?:on\s+)?(?:the\s+)?(?:following\s+)?{WEEKDAY.format('w')}\b"):
        returns.append((match.start(), match["w"]))
    for match in text.find(rf"\b(?P<q>this|next|on)?\s*{WEEKDAY.format('w')}\b"):
        singles.append((match.start(), _weekday(ref, match["w"], match["q"] or "")))
    for match in text.find(r"\bnext\s+week\b"):
        singles.append((match.start(), ref + dt.timedelta(days=7 - ref.weekday())))
    # "the 11th" means the next 11th after the date written before it (or the reference).
    month_words = list(re.finditer(rf"\b(?:in|during|around|early|late|mid)[\s-]+{MONTH.format('mm')}\b", text.value))
    for position, day in day_only:
        before = [date for at, date in singles if at < position and date]
        if not before and month_words:
            # "in September, starting the 5th": the 5th of that month.
            singles.append((position, _next_date(ref, MONTHS[month_words[0]["mm"]], day)))
            continue
        singles.append((position, _after(max(before) if before else ref, None, day)))
    # A date right after "check out", "until", "return on", "be back" is the end, wherever it
    # is written, and even when the start is not known yet.
    ends_at = [match.end() for match in re.finditer(_END_MARKER, text.value)]
    ending = [day for at, day in sorted(singles, key=lambda item: item[0])
              if day and any(-5 <= at - end <= 3 for end in ends_at)]
    ordered = [day for _, day in sorted(singles, key=lambda item: item[0]) if day and day not in ending]
    if found.start is None and ordered:
        found.start = ordered[0]
        later = [day for day in ordered[1:] + ending if day > found.start]
        if ending and ending[0] >= found.start:
            found.end = ending[0]
        elif later:
            found.end = later[0]
    elif found.start is None and ending:
        found.end = ending[0]
    for match in text.find(rf"\b(?:back|return(?:ing)?|coming\s+back)\s+(?P<n>{NUMBER}|\d+)\s+days?\s+later\b"):
        found.nights = number(match["n"])
    if found.start and found.end is None and found.nights is not None and not returns:
        found.end = found.start + dt.timedelta(days=found.nights)
    if found.start and found.end is None and returns:
        # "back Sunday": the first such weekday on or after the departure.
        found.end = found.start + dt.timedelta(days=(WEEKDAYS[returns[0][1]] - found.start.weekday()) % 7)

    # Durations.
    # Nights given stop by stop ("Kyoto 4 nights, Osaka 2 nights", "5n / 2n") add up.
    stop_nights = []
    for match in text.find(rf"\b(?P<n>{NUMBER}|\d{{1,2}})[\s-]*(?P<unit>days?|nights?|nites?|n|weeks?|wks?)\b"):
        count = number(match["n"])
        unit = match["unit"]
        found.nights = count * 7 if unit.startswith("w") else count if unit.startswith("n") else count - 1
        if unit.startswith("n"):
            stop_nights.append(count)
    if len(stop_nights) > 1:
        found.nights = sum(stop_nights)
    for match in text.find(r"\b(?:a\s+)?(?P<unit>fortnight|week)(?:[\s-]long)?\b"):
        found.nights = 14 if match["unit"] == "fortnight" else 7
    if found.nights is None:
        found.nights = weekend_nights
    if found.start and found.end is None and found.nights is not None:
        found.end = found.start + dt.timedelta(days=max(found.nights, 0))

    # A month alone ("in May") says when, not which day.
    for match in text.find(rf"\b(?:in|during|for|around|early|late|mid)[\s-]+{MONTH.format('m')}\b"):
        found.month_only = MONTHS[match["m"]]
    return found
