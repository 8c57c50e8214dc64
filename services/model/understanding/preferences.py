"""The grammar of preferences: cabin, stops, red-eye, hotel stars, airlines, interests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.model.understanding.text import NUMBER, Text, number
from tripsmith.suppliers.data.airlines import AIRLINE_NAMES

#: Interests, normalized: what the planner's suggestions are keyed on.
INTERESTS = {
    "museums": r"museums?|galleries|gallery",
    "art": r"art|arts|painting|paintings",
    "history": r"history|historic(?:al)?|castles?|ruins|monuments?",
    "food": r"food|foodies?|eating|restaurants?|cuisine|street food|tapas|pastries|dining",
    "seafood": r"seafood|fish|oysters|sushi",
    "wine": r"wine|wines|vineyards?|wineries|winery|port wine",
    "beaches": r"beach(?:es)?|seaside|surf(?:ing)?|swimming",
    "hiking": r"hik(?:e|es|ing)|trails?|trek(?:king)?|walking tours?|mountains?",
    "nature": r"nature|parks?|gardens?|wildlife|outdoors?",
    "nightlife": r"nightlife|bars|clubs|clubbing|partying|pubs|night\s+out|going\s+out",
    "shopping": r"shopping|shops|markets?|boutiques",
    "architecture": r"architecture|churches|cathedrals?|buildings",
    "music": r"music|concerts?|fado|jazz|opera|live music",
    "family": r"family[- ]friendly|theme parks?|disney(?:world| world)?|zoo|aquarium|kid[- ]friendly",
    "relaxation": r"relax(?:ing|ation)?|spa|chill(?:ing)?|unwind",
    "sports": r"sports?|football|soccer|golf|tennis|skiing|ski|baseball|basketball|hockey|stadium|(?:a\s+)?game|match",
}
AIRLINE_ALIASES = {
    "ryanair": "FR", "united": "UA", "delta": "DL", "american": "AA", "american airlines": "AA", "tap": "TP",
    "tap portugal": "TP", "tap air portugal": "TP", "british airways": "BA", "ba": "BA", "lufthansa": "LH",
    "air france": "AF", "klm": "KL", "iberia": "IB", "easyjet": "U2", "jetblue": "B6", "southwest": "WN",
    "emirates": "EK", "qatar": "QR", "qatar airways": "QR", "turkish": "TK", "turkish airlines": "TK",
    "aer lingus": "EI", "alaska": "AS", "alaska airlines": "AS", "air canada": "AC", "spirit": "NK",
    "frontier": "F9", "wizz": "W6", "wizz air": "W6", "vueling": "VY", "norwegian": "DY", "swiss": "LX",
    "virgin atlantic": "VS", "virgin": "VS", "etihad": "EY", "singapore airlines": "SQ", "ana": "NH",
    "jal": "JL", "japan airlines": "JL", "qantas": "QF", "aeromexico": "AM", "latam": "LA", "avianca": "AV",
    "copa": "CM", "westjet": "WS", "icelandair": "FI", "finnair": "AY", "sas": "SK", "aegean": "A3",
    "hawaiian": "HA", "allegiant": "G4", "sun country": "SY", "volaris": "Y4", "air india": "AI",
    "indigo": "6E", "cathay": "CX", "cathay pacific": "CX", "korean air": "KE", "eva air": "BR",
}
# Every airline of the route network by its full name too ("aeroflot", "singapore airlines");
# not by a shortened one, which is often a city's name ("singapore", "brussels").
for _code, _name in AIRLINE_NAMES.items():
    AIRLINE_ALIASES.setdefault(_name.lower(), _code)
_AIRLINE = "|".join(sorted((re.escape(name) for name in AIRLINE_ALIASES), key=len, reverse=True))
_AIRLINE_LONG = "|".join(sorted((re.escape(name) for name in AIRLINE_ALIASES if len(name) > 4), key=len, reverse=True))
_AIRLINE_WORD = r"(?:\s+(?:airlines?|airways))?"
_AVOID = (r"(?:no|not|avoid(?:ing)?|never|except|hate|without|don'?t\s+(?:want|like)(?:\s+to)?|do\s+not\s+want(?:\s+to)?|"
          r"skip|anything\s+but|rather\s+not)(?:\s+(?:to\s+)?fly(?:ing)?(?:\s+with)?)?")
_PREFER = r"(?:prefer(?:ably|ring)?|on|with|fly(?:ing)?|via|love|only)"


@dataclass
class Preferences:
    cabin: str | None = None
    max_stops: int | None = None
    avoid_red_eye: bool = False
    min_stars: int | None = None
    preferred_airlines: list[str] = field(default_factory=list)
    avoided_airlines: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)


def parse_preferences(text: Text) -> Preferences:
    prefs = Preferences()
    for pattern, cabin in ((r"\bpremium(?:\s+economy)?\b", "PREMIUM_ECONOMY"), (r"\bfirst[\s-]class\b", "FIRST"),
                           (r"\b(?:business|biz)(?:[\s-]class)?\b", "BUSINESS"), (r"\beconomy(?:[\s-]class)?\b|\bcoach[\s-](?:class|seats?|fares?|tickets?|cabin)\b|\b(?:fly(?:ing)?|in)\s+coach\b",
                            "ECONOMY")):
        for _ in text.find(pattern):
            prefs.cabin = prefs.cabin or cabin
    for _ in text.find(r"\bno\s+red[\s-]?eyes?(?:\s+flights?)?\b|\b(?:avoid|not|without|hate)\s+(?:a\s+|any\s+)?red[\s-]?eyes?(?:\s+flights?)?\b"
                       r"|\b(?:no|avoid(?:ing)?|not|without)\s+(?:any\s+)?(?:overnight|night(?:time)?|late[\s-]night)\s+flights?\b"
                       r"|\b(?:no|avoid(?:ing)?|not|without)\s+(?:any\s+)?flights?\s+(?:in\s+the\s+night|at\s+night|overnight|during\s+the\s+night)\b"
                       r"|\b(?:no|avoid(?:ing)?|not)\s+(?:flying|travel+ing)\s+(?:at\s+night|overnight|in\s+the\s+night)\b"):
        prefs.avoid_red_eye = True
    stops = r"(?:stops?|layovers?|connections?|stopovers?|changes?)"
    # An allowance first, so that "direct or one stop" allows the one stop.
    for match in text.find(rf"\b(?:max(?:imum)?|at most|up to|no more than|not more than)\s+(?:a\s+single|(?P<n>{NUMBER}|zero))[\s-]+{stops}\b"
                           rf"|\b(?:a\s+single|(?P<m>{NUMBER}|zero))[\s-]+{stops}\s+(?:is\s+|are\s+)?(?:max|at most|tops|fine|ok|okay|allowed|maximum)\b"
                           rf"|\b(?:non[\s-]?stop|direct)\s+or\s+(?P<o>{NUMBER})[\s-]+{stops}\b"
                           rf"|\b{stops}\s+(?:are\s+|is\s+)?(?:ok|okay|fine)\s+but\s+(?:max(?:imum)?|at most|no more than)\s+(?P<p>{NUMBER})\b"
                           rf"|\b(?P<z>zero)\s+{stops}\b"):
        value = next((match[group] for group in ("n", "m", "o", "p", "z") if match[group]), None)
        prefs.max_stops = 1 if value is None else 0 if value == "zero" else number(value)  # None: "a single"
    for _ in text.find(r"\b(?:non[\s-]?stop|direct)(?:\s+(?:flights?|only))?(?:\s+only)?\b"
                       r"|\bno\s+(?:stops|layovers|connections|stopovers|connecting\s+flights|changes)\b"):
        prefs.max_stops = 0 if prefs.max_stops is None else prefs.max_stops
    star = r"(?P<{0}>[1-5]|one|two|three|four|five)\s*(?:-|\s)?\s*(?:stars?|\*)"
    for match in text.find(rf"\b(?:at least|min(?:imum)?|minimum of)\s+{star.format('a')}"
                           rf"|{star.format('b')}\s*(?:\+|or (?:more|better|above|up)|and up|at least|minimum|min)"):
        prefs.min_stars = number(match["a"] or match["b"])
    for match in text.find(rf"\b{star.format('c')}(?:\s+hotels?)?"):
        prefs.min_stars = prefs.min_stars or number(match["c"])
    for _ in text.find(r"\bluxury\s+(?:hotels?|stay)\b|\b(?:five|5)[\s-]star\b"):
        prefs.min_stars = prefs.min_stars or 5
    for match in text.find(rf"\b{_AVOID}\s+(?:flying\s+)?(?P<a>{_AIRLINE}){_AIRLINE_WORD}\b(?:\s+(?:or|and|nor)\s+(?P<b>{_AIRLINE}){_AIRLINE_WORD}\b)?"):
        prefs.avoided_airlines += [AIRLINE_ALIASES[name] for name in (match["a"], match["b"]) if name]
    for match in text.find(rf"\b{_PREFER}\s+(?P<a>{_AIRLINE})\b(?:\s+(?:or|and)\s+(?P<b>{_AIRLINE})\b)?|\b(?P<c>{_AIRLINE})\s+only\b"):
        prefs.preferred_airlines += [AIRLINE_ALIASES[name] for name in (match["a"], match["b"], match["c"]) if name]
    # An airline named without "no" or "avoid" is one the traveler wants ("jetblue if possible");
    # a short name ("ana", "tap", "ba") only with "airlines" after it or written in capitals
    # ("KLM", "ANA or JAL"): "Santa Ana" is a city.
    capitals = {word.lower() for word in re.findall(r"\b[A-Z]{2,4}\b", text.raw)} & set(AIRLINE_ALIASES)
    short = "|".join(sorted(capitals, key=len, reverse=True)) or "(?!)"
    # "Swiss" names an airline, but not in "four Swiss towns".
    for match in text.find(rf"\b(?P<a>{_AIRLINE_LONG})(?:\s+(?:airlines?|airways))?\b"
                           r"(?!\s+(?:[a-z]+\s+)?(?:cities|towns|villages|places|spots|alps|food|cuisine|dishes|restaurants?|chocolate))"
                           rf"|\b(?P<s>{_AIRLINE})\s+(?:airlines?|airways)\b|\b(?P<c>{short})\b"):
        code = AIRLINE_ALIASES[match["a"] or match["s"] or match["c"]]
        if code not in prefs.preferred_airlines and code not in prefs.avoided_airlines:
            prefs.preferred_airlines.append(code)
    # Interests claim nothing: their words are parts of place names ("Long Beach", "Palm Springs").
    for interest, pattern in INTERESTS.items():
        for _ in text.find(rf"\b(?:{pattern})\b", claim=False):
            if interest not in prefs.interests:
                prefs.interests.append(interest)
    return prefs
