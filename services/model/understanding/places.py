"""The grammar of places: which place is the origin and which the destination.

Places come from the supplier data (IATA airport and metro codes, city names and their
Latin-script alternate names, metro names). A place is read after a role word ("from",
"out of", "leaving" for the origin; "to", "in", "visit" for the destination), as a code pair
("BOS-LHR", "JFK to CDG"), or, without a role word, when it is a well-known city ("Lisbon
from Boston"). After a role word, a misspelt name is matched to the closest city name
(edit similarity at least 85 %); a name that matches nothing is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import zipf_frequency

from services.model.understanding.text import Text, number
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.suppliers.data.schema import name_key
from tripsmith.suppliers.data.catalog import Catalog, ResolvedPlace
from tripsmith.core.errors import InvalidArgument

#: Verbs of setting out ("beginning in A", "departs from A", "originating from A", "setting off
#: from A"): with "in", "from", "at" or "out of" after them, the place is where the trip starts.
_SETTING_OUT = (r"(?:begin(?:s|ning)?|start(?:s|ing|ed)?(?:\s+(?:out|off))?|commenc(?:e|es|ing)|originat(?:e|es|ing)|"
                r"depart(?:s|ing|ure)?|leav(?:e|es|ing)|set(?:s|ting)?\s+(?:off|out)|head(?:s|ing)?\s+out|kick(?:s|ing)?\s+off|"
                r"fly(?:ing)?\s+out|flies\s+out|embark(?:s|ing)?|coming|travel+(?:s|ing)?|based|our\s+trip\s+(?:starts|begins)|"
                r"(?:trip|journey|travel)\s+(?:starts|begins))")
ORIGIN_WORDS = (rf"{_SETTING_OUT}\s+(?:from|in|at|out\s+of)|from|out of|leaving|leave|departing|depart|fly from|flying from|"
                r"based in|based out of|home is|home base is|live in|living in|i'm in|i am in|we're in|we are in|we live in|"
                r"i live in|currently in|currently based in|right now in|now in|working in|studying in|stationed in|stuck in|"
                r"where\s+(?:i'm|we're|i\s+am|we\s+are)\s+(?:starting|leaving|departing|flying|coming)(?:\s+from)?\s*:?|departure from|departure(?:\s+(?:city|airport|point))?\s+is|origin(?:\s+city)?(?:\s+is)?:?|starting point(?:\s+is)?:?")
DESTINATION_WORDS = (r"to|in|into|visit|visiting|visits|trip to|going to|go to|heading to|head to|heads to|headed to|bound for|"
                     r"fly to|flying to|flies to|explore|exploring|see|make it|actually|switch to|change to|how about|what about|"
                     r"where\s+(?:i'm|we're|i\s+am|we\s+are)\s+(?:going|heading|headed|flying)(?:\s+to)?\s*:?|end(?:s|ing)? in|end(?:s|ing)? up in|finish(?:es|ing)? in|arriv(?:e|es|ing) in|arrival(?:\s+(?:city|airport))?\s+is|destination(?:\s+is)?:?|"
                     r"travel+(?:s|ing)? to|get to|getting to|off to|over to|tour(?:ing)?|discover(?:ing)?|stay(?:ing)? in|a week in")
#: Nicknames people use for places, as the codes they mean.
ALIASES = {"nyc": "NYC", "new york city": "NYC", "the big apple": "NYC", "sf": "SFO", "san fran": "SFO",
           "la": "LAX", "l.a.": "LAX", "vegas": "LAS", "dc": "WAS", "d.c.": "WAS", "philly": "PHL", "nola": "MSY",
           "chitown": "CHI", "chi-town": "CHI", "the bay area": "SFO", "rio": "RIO", "hk": "HKG",
           # Islands and regions people fly to by name, as their main airport.
           "bali": "DPS", "hawaii": "HNL", "oahu": "HNL", "maui": "OGG", "cabo": "SJD", "los cabos": "SJD",
           "cabo san lucas": "SJD", "cancun": "CUN", "amalfi coast": "NAP", "the amalfi coast": "NAP", "amalfi": "NAP",
           "tuscany": "FLR", "algarve": "FAO", "the algarve": "FAO", "provence": "MRS", "santorini": "JTR",
           "mykonos": "JMK", "crete": "HER", "sicily": "CTA", "sardinia": "CAG", "mallorca": "PMI", "majorca": "PMI",
           "ibiza": "IBZ", "tenerife": "TFS", "madeira": "FNC", "the azores": "PDL", "azores": "PDL",
           "phuket": "HKT", "the maldives": "MLE", "maldives": "MLE", "mauritius": "MRU", "fiji": "NAN",
           "tahiti": "PPT", "bora bora": "PPT", "iceland": "REK", "puerto rico": "SJU", "aruba": "AUA",
           "jamaica": "MBJ", "montego bay": "MBJ", "the bahamas": "NAS", "bahamas": "NAS", "barbados": "BGI",
           "goa": "GOI", "napa": "SFO", "napa valley": "SFO", "disney world": "MCO", "disneyland": "LAX", "yosemite": "FAT",
           # Airports people name instead of their city.
           "heathrow": "LHR", "london heathrow": "LHR", "gatwick": "LGW", "london gatwick": "LGW", "stansted": "STN",
           "luton": "LTN", "orly": "ORY", "charles de gaulle": "CDG", "cdg airport": "CDG", "schiphol": "AMS",
           "o'hare": "ORD", "ohare": "ORD", "midway": "MDW", "logan": "BOS", "newark": "EWR", "laguardia": "LGA",
           "la guardia": "LGA", "dulles": "IAD", "reagan": "DCA", "haneda": "HND", "narita": "NRT", "changi": "SIN",
           "fiumicino": "FCO", "malpensa": "MXP", "barajas": "MAD", "el prat": "BCN", "hartsfield": "ATL"}
#: US states, to tell Portland, Maine from Portland, Oregon (GeoNames' admin1 codes).
US_STATES = {"alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
             "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID",
             "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
             "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
             "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
             "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
             "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
             "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX",
             "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA", "west virginia": "WV",
             "wisconsin": "WI", "wyoming": "WY"}
#: Between two places, these make the first the origin: "Dublin -> Amsterdam", "SFO - NRT".
_BETWEEN = re.compile(r"\s*(?:->|→|➜|➔|➡️|➡|⇒|=>|✈️|✈|>|–|—|\s-\s|-|\bto\b)\s*")
#: Words that are also city names somewhere, but almost never mean one without a role word.
NOT_PLACES = {"nice", "split", "reading", "bath", "march", "may", "mobile", "orange", "victoria", "va", "of", "the",
              "plan", "trip", "date", "sale", "bar", "hotel", "home", "best", "deal", "cheap", "budget", "love",
              "city", "beach", "central", "university", "union", "independence", "liberty", "paradise", "eagle",
              "aurora", "surprise", "hope", "friendship", "loveland", "normal", "why", "price"}
#: Common English words that are also IATA codes or place names (THE, SEE, FUN, ...): as
#: single words they never name a place.
COMMON_WORDS = set("""
the and for you are but not all any can had her was one our out day get has him his how man new now old see two way
who boy did its let put say she too use dad mom sun fun eat spa bar art sea ski car bus yes hot big top per via off
own few far end set run sit fly air kid son tea bed inn pub zoo gym job map red pet low may mid min max tip fee tax
ten six why yet ago lot bit war act add age ago aim arm ask bad bag ban bay buy cat cut dog dry due egg fan fat fit
fix god gun hat hit ice joy key law lay leg lie lip log mix net nor odd oil pay pen pin pot raw rid row sad shy sky
spring summer winter fall autumn sights place places somewhere anywhere warm sunny beach city town home trip time
week month year days nights hotel flight flights plane travel vacation holiday holidays getaway break tour make it
actually instead please maybe rather like want need just also still there here that this them then than
airport airports station downtown center centre house resort lake park island mountains coast long
got gym men met won ran sat saw led fed lit dug hid tie toe
pls plz thx tbd tba asap btw lol omg idk fyi ty
""".split())
#: Words between a role word and the place ("make it Porto", "go to the city of Rome").
_FILLER = re.compile(r"^(?:(?:make|it|be|go|to|the|city|of|over|down|up)\s+)+")
MIN_UNMARKED_POPULATION = 250_000
MIN_FUZZY_POPULATION = 100_000
_STOP = re.compile(r"\s{2,}|\b(?:for|on|with|and|but|leaving|from|to|in|next|this|by|via|under|max|around|"
                   r"budget|nonstop|direct|please|we|i|my|our|on|at|staying|stay|then|or)\b|[,.;:!?()/]|->|[→➜>–—]|\s-\s")


@dataclass
class Places:
    origin: ResolvedPlace | None = None
    destination: ResolvedPlace | None = None
    unresolved: dict[str, str] | None = None  # role -> the words that named nothing
    replaced: ResolvedPlace | None = None  # "instead of Y": the Y
    #: Every place to stay, in order, when the destination is followed by more ("Rome,
    #: Florence and Venice"); empty for one place.
    stops: list[ResolvedPlace] | None = None
    #: The nights written beside each stop ("Kyoto 4 nights"), None where none were.
    stop_nights: list[int | None] | None = None


@dataclass
class Region:
    """ "2 cities in Texas": where the planner is to choose, and how many."""

    name: str
    country_code: str
    region_code: str
    count: int


#: Words between one stop and the next: "Rome, Florence and Venice", "Lisbon then Porto".
_NEXT_STOP = re.compile(r"(?:\s+(?:first|initially|to\s+start))?"
                        r"(?:\s*,\s*(?:and\s+|then\s+)?(?:on\s+to\s+)?|\s*[.;]\s+then\s+|\s+(?:(?:and\s+)?after(?:wards)?\s+to|and\s+then|and\s+(?:on\s+)?to|and|"
                        r"then(?:\s+on)?\s+to|then|followed\s+by|before\s+(?:heading|going|moving)\s+(?:on\s+)?to|after\s+that|plus)\s+"
                        r"|\s*(?:->|→|➜|>|/|\+|–|—|-)\s*)"
                        r"(?:(?:then\s+)?(?:go(?:ing)?\s+(?:down\s+|up\s+|over\s+|on\s+)?to|end(?:ing)?\s+(?:up\s+)?in|finish(?:ing)?\s+in)\s+)?")
#: Numbered lines and day-by-day sketches between stops: "1. Bangkok / 2. Chiang Mai", "Day 3-4:
#: Vienna". Matched on the text itself: the numbers may have been read as dates.
_NUMBERED = re.compile(r"\s*/?\s*(?:day\s+)?\d{1,2}(?:\s*-\s*\d{1,2})?\s*[.):]\s+")
_COUNT_WORD = r"(?P<n>[2-9]|two|three|four|five|six|seven|eight|nine|a\s+couple(?:\s+of)?|couple\s+of|a\s+few|several)"
_PLACE_NOUN = r"(?:cities|towns|places|destinations|spots|stops|locations|cities/towns|villages)"
#: "3 cities", "a couple of small towns", "two different beach towns".
_COUNT = rf"{_COUNT_WORD}\s+(?:(?!nights?\b|days?\b|weeks?\b)[a-z-]+\s+){{0,2}}?{_PLACE_NOUN}\b"
_IN = r"\s+(?:in|across|around|throughout|within|of|inside|all\s+over|along)\s+(?:the\s+(?:state|country)\s+of\s+)?"
#: The adjectives of countries and states, as travelers write them ("three Italian cities").
DEMONYMS = {
    "american": "US", "italian": "IT", "french": "FR", "spanish": "ES", "portuguese": "PT", "german": "DE",
    "swiss": "CH", "austrian": "AT", "dutch": "NL", "belgian": "BE", "irish": "IE", "british": "GB", "english": "GB",
    "scottish": "GB", "welsh": "GB", "greek": "GR", "turkish": "TR", "croatian": "HR", "czech": "CZ", "polish": "PL",
    "hungarian": "HU", "norwegian": "NO", "swedish": "SE", "danish": "DK", "finnish": "FI", "icelandic": "IS",
    "japanese": "JP", "chinese": "CN", "korean": "KR", "thai": "TH", "vietnamese": "VN", "indian": "IN",
    "indonesian": "ID", "malaysian": "MY", "filipino": "PH", "australian": "AU", "canadian": "CA", "mexican": "MX",
    "brazilian": "BR", "argentinian": "AR", "argentine": "AR", "chilean": "CL", "peruvian": "PE", "colombian": "CO",
    "moroccan": "MA", "egyptian": "EG", "south african": "ZA", "kenyan": "KE", "israeli": "IL", "jordanian": "JO",
    "emirati": "AE", "cuban": "CU", "costa rican": "CR", "romanian": "RO", "bulgarian": "BG", "slovenian": "SI",
    "slovak": "SK", "estonian": "EE", "latvian": "LV", "lithuanian": "LT", "serbian": "RS", "montenegrin": "ME",
    "albanian": "AL", "maltese": "MT", "cypriot": "CY", "tunisian": "TN", "sri lankan": "LK", "nepalese": "NP",
    "cambodian": "KH", "taiwanese": "TW", "puerto rican": "PR", "new zealand": "NZ", "kiwi": "NZ",
    "californian": "US-CA", "texan": "US-TX", "floridian": "US-FL",
}


@lru_cache(maxsize=4)
def _regions(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Region names as written: US states and countries, to (country code, region code)."""
    regions = {name_key(country.name): (code, "") for code, country in catalog.countries.items()}
    regions.update({"usa": ("US", ""), "the us": ("US", ""), "the usa": ("US", ""), "the uk": ("GB", ""), "uk": ("GB", ""),
                    "england": ("GB", ""), "scotland": ("GB", ""), "the united states": ("US", ""),
                    "czechia": ("CZ", ""), "czech republic": ("CZ", ""), "the czech republic": ("CZ", ""),
                    "holland": ("NL", ""), "the netherlands": ("NL", ""), "britain": ("GB", ""), "great britain": ("GB", ""),
                    "the philippines": ("PH", ""), "the bahamas": ("BS", ""), "the dominican republic": ("DO", ""),
                    "south korea": ("KR", ""), "korea": ("KR", ""), "the uae": ("AE", ""), "uae": ("AE", "")})
    regions.update({state: ("US", code) for state, code in US_STATES.items()})
    regions.update({f"{state} state": ("US", code) for state, code in US_STATES.items()})
    return regions


def _region(regions: dict[str, tuple[str, str]], name: str, count: str) -> Region:
    country, code = regions[name]
    return Region(name.title(), country, code, 3 if count == "several" else number(count))


def _names(words) -> str:
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))


def parse_region(text: Text, catalog: Catalog) -> Region | None:
    """ "visiting 2 cities in Texas", "three Italian towns", "Greece: pick two cities": the region
    and the count; every mention of the region's name is claimed, so that it is never read as
    a city."""
    regions = dict(_regions(catalog))
    # A state's postal code counts as a region only written in capitals ("3 spots in FL").
    regions.update({code.lower(): ("US", code) for code in set(re.findall(r"\b[A-Z]{2}\b", text.raw))
                    if code in US_STATES.values()})
    names = _names(regions)

    def claim_region(name: str) -> None:
        text.claim_words(rf"\b(?:(?:to|in|visit|visiting|see|across|around|explore|exploring|through)\s+)?"
                         rf"(?:the\s+state\s+of\s+)?{re.escape(name)}\b(?:\s+state)?")

    # "3 cities in Texas".
    for match in text.find(rf"\b{_COUNT}{_IN}(?P<region>{names})\b"):
        claim_region(match["region"])
        return _region(regions, match["region"], match["n"])
    # "three Italian cities", "a few German towns".
    for match in text.find(rf"\b{_COUNT_WORD}\s+(?:(?:different|distinct|small|smaller|big|major|coastal|beach|mountain|"
                           rf"historic|lesser[- ]known)\s+)?(?P<adj>{_names(DEMONYMS)})\s+(?:[a-z-]+\s+)?{_PLACE_NOUN}\b"):
        country, _, code = DEMONYMS[match["adj"]].partition("-")
        name = next((n for n, value in regions.items() if value == (country, code) and " " not in n.removeprefix("the ")),
                    match["adj"])
        return Region(name.title(), country, code, 3 if match["n"] == "several" else number(match["n"]))
    # "Greece: pick two cities", "peru 2 cities", "I want to see Morocco. Two cities, maybe":
    # one region named, not as where the trip starts, and a count of places anywhere.
    counted = re.search(rf"\b{_COUNT}", text.unclaimed())
    mentions = [m for m in re.finditer(rf"(?<![\w-])(?P<region>{names})\b(?!\s+(?:city|county|airport)\b)", text.unclaimed())
                if not re.search(r"(?:\bfrom|\bout\s+of|\bleaving|\bdeparting|\bin|[a-z]\s*,)\s*$", text.unclaimed()[:m.start()])
                or re.search(r"\b(?:visit|visiting|see|explore|tour|in)\s*$", text.unclaimed()[:m.start()])]
    regions_named = {regions[m["region"]] for m in mentions}
    if counted and len(regions_named) == 1:
        first = mentions[0]
        text.claim(counted.start(), counted.end())
        claim_region(first["region"])
        return _region(regions, first["region"], counted["n"])
    return None


def _capital_code(catalog: Catalog, value: str, at: int, raw_codes: set[str]) -> tuple[ResolvedPlace | None, str]:
    """The code at `at` when the traveler wrote it in capitals ("LHR"), not the start of a word."""
    code = value[at:at + 3]
    if code.upper() in raw_codes and not value[at + 3:at + 4].isalpha():
        return _resolve_code(catalog, code.upper()), code
    return None, ""


def _well_known(place: ResolvedPlace, named: str, raw_codes: set[str], population: int) -> bool:
    """A place that counts without a role word: a metro area, a code written in capitals, or a
    city of at least `population` people."""
    return place.kind == 2 or named.upper() in raw_codes or (place.city is not None and place.city.population >= population)


def _everyday(place: ResolvedPlace, named: str, raw_codes: set[str]) -> bool:
    """ "same", "change", "goes": everyday words that are also the names of small towns."""
    return named.upper() not in raw_codes and zipf_frequency(named, "en") >= 4.0 and (
        place.city is None or place.city.population < 100_000) and place.kind != 2


_STOP_BEFORE = re.compile(r"(?:\s*,\s*(?:and\s+|then\s+)?|\s+(?:and|then|and\s+then)\s+|\s*(?:->|→|➜|>|–|—|-)\s*)$")


def _stops_before(catalog: Catalog, value: str, last: ResolvedPlace, start: int) -> tuple[list[ResolvedPlace], int]:
    """The places listed before `last`, which starts at `start`: all of them in order, and
    where the first starts."""
    stops = [last]
    while len(stops) < 10:
        joined = _STOP_BEFORE.search(value[:start])
        if not joined:
            break
        place, named = _name_before(catalog, value[:joined.start()])
        if place is None or place in stops:
            break
        stops.insert(0, place)
        start = joined.start() - len(named)
    return stops, start


def _origin_named_apart(catalog: Catalog, text: Text) -> ResolvedPlace | None:
    """A place after "from" or "out of" in what is left of the text, claimed when found."""
    value = text.unclaimed()
    for match in re.finditer(r"\b(?:from|out\s+of)\s+", value):
        place, named = _name_after(catalog, value[match.end():], allow_codes=True, fuzzy=False)
        if place is not None:
            text.claim(match.start(), match.end() + len(named))
            return place
    return None


def _more_stops(catalog: Catalog, text: Text, first: ResolvedPlace, end: int) -> list[ResolvedPlace]:
    """The places written after the first stop and joined to it ("Rome, Florence and Venice")."""
    stops = [first]
    while len(stops) < 10:
        value = text.unclaimed()
        joined = _NEXT_STOP.match(value, end)
        if not joined:
            break
        place, named = _name_after(catalog, value[joined.end():], allow_codes=True, fuzzy=False)
        if place is None or not named or place in stops:
            break
        text.claim(end, joined.end() + len(named))
        stops.append(place)
        end = joined.end() + len(named)
    return stops if len(stops) > 1 else []


def _unmarked_typo(catalog: Catalog, rest: str) -> tuple[ResolvedPlace | None, str]:
    """A misspelt big city without a role word ("lisbn from boston"): one long word only."""
    word = re.match(r"[a-z]+", rest)
    if not word or len(word.group(0)) < 5 or word.group(0) in COMMON_WORDS:
        return None, ""
    place = _fuzzy(catalog, word.group(0))
    if place is None or (place.city is not None and place.city.population < 300_000):
        return None, ""
    return place, word.group(0)


def _resolve_code(catalog: Catalog, code: str) -> ResolvedPlace | None:
    try:
        return catalog.resolve(Place(iata_code=code), "place")
    except InvalidArgument:
        return None


def ordinary_word(words: str) -> bool:
    """Whether `words` is everyday English ("change", "warm", "thinking"): never a typo of a
    place, and a place without a role word only when it is a big city."""
    return zipf_frequency(words, "en") >= 3.0


def _resolve_name(catalog: Catalog, name: str, marked: bool = False) -> ResolvedPlace | None:
    """A place by name; words that are usually not places ("nice", "split") only after a role word."""
    if name in ALIASES:
        return _resolve_code(catalog, ALIASES[name])
    if len(name) < 3 or name in COMMON_WORDS or (name in NOT_PLACES and not marked):
        return None
    if len(name) == 3:
        # Three letters are a code, unless a role word or a chain marks a big city's own name
        # ("Hanoi > Hue"); "pls" and "tbd" stay words.
        city = catalog.find_city(name) if marked else None
        if city is None or name_key(city.name) != name or city.population < 100_000:
            return None
    for state, code in US_STATES.items():
        if name.endswith(" " + state) and len(name) > len(state) + 1:
            # "Portland Maine": the city of that name in that state.
            city = catalog.find_city(name[: -len(state) - 1], "US", admin1=code)
            return catalog.city_place(city) if city else None
    try:
        return catalog.resolve(Place(city_name=name), "place")
    except InvalidArgument:
        return None


@lru_cache(maxsize=4)
def _fuzzy_choices(catalog: Catalog) -> list[str]:
    """The names a misspelling may mean: big cities' names and Latin-script alternate names
    ("frankfurt" as well as "frankfurt am main"), and metro names."""
    big = {gid for gid, city in catalog.cities.items() if city.population >= MIN_FUZZY_POPULATION}
    names = {key for key, ids in catalog.city_names.items() if len(key) >= 5 and any(gid in big for gid, _ in ids)}
    names |= {name_key(name) for name, _, _ in catalog.metros.values()}
    return sorted(names)


def _fuzzy(catalog: Catalog, words: str) -> ResolvedPlace | None:
    """The city a misspelt name means: one edit away (two for long names), most populous first."""
    if len(words) < 5 or any(word in COMMON_WORDS or ordinary_word(word) for word in words.split()):
        return None
    allowed = 1 if len(words) <= 7 else 2
    matches = process.extract(words, _fuzzy_choices(catalog), scorer=DamerauLevenshtein.distance,
                              score_cutoff=allowed, limit=5)
    if not matches:
        return None
    # Typos keep the first letter; an alternate name (not the city's own) must be one edit away.
    own = {key for key, ids in ((name, catalog.city_names.get(name, ())) for name, _, _ in matches)
           if any(exact for _, exact in ids)}
    matches = [(name, distance) for name, distance, _ in matches
               if name[0] == words[0] and (distance <= 1 or name in own)]
    if not matches:
        return None
    best = min(distance for _, distance in matches)
    places = [place for name, distance in matches if distance == best for place in [_resolve_name(catalog, name)] if place]
    return max(places, key=lambda p: p.city.population if p.city else 0, default=None)


def _busy(catalog: Catalog, place: ResolvedPlace) -> bool:
    return any(catalog.airports[code].routes >= 20 for code in place.airports)


@lru_cache(maxsize=4)
def _qualifiers(catalog: Catalog) -> frozenset[str]:
    """What people write after a city's name to say where it is: countries and US states."""
    names = {name_key(country.name) for country in catalog.countries.values()}
    return frozenset(names | set(US_STATES) | {code.lower() for code in US_STATES.values()}
                     | {"uk", "usa", "us", "u.s.", "england", "scotland", "wales"})


def _name_before(catalog: Catalog, left: str) -> tuple[ResolvedPlace | None, str]:
    """The longest run of up to four words at the end of `left` that names a place; a
    country or state after a comma ("Delhi, India", "Portland, OR") belongs to it."""
    qualified = re.search(r",\s*([a-z][a-z. ]*?)\s*$", left)
    if qualified and qualified.group(1) in _qualifiers(catalog):
        place, named = _name_before(catalog, left[:qualified.start()])
        if place is not None:
            return place, left[qualified.start() - len(named):]
    stops = list(_STOP.finditer(left))
    words = (left[stops[-1].end():] if stops else left).split()[-4:]
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[-size:])
        place, named = _name_at(catalog, candidate, allow_codes=False, fuzzy=size == 1)
        if place is not None and named == candidate:
            return place, candidate
    if words and re.search(r"[-/]", words[-1].strip("-/")):
        tail = re.split(r"[-/]", words[-1].strip("-/"))[-1]
        place, named = _name_at(catalog, tail, allow_codes=False, fuzzy=False)
        if place is not None and named == tail:
            return place, tail
    return None, ""


def _name_after(catalog: Catalog, rest: str, allow_codes: bool, fuzzy: bool,
                marked: bool | None = None) -> tuple[ResolvedPlace | None, str]:
    """The longest run of up to four words at the start of `rest` that names a place."""
    filler = _FILLER.match(rest)
    skipped = filler.end() if filler else 0
    place, named = _name_at(catalog, rest[skipped:], allow_codes, fuzzy, marked)
    return place, rest[:skipped] + named


def _name_at(catalog: Catalog, rest: str, allow_codes: bool, fuzzy: bool,
             marked: bool | None = None) -> tuple[ResolvedPlace | None, str]:
    """`marked`: a role word or a chain marks the words as a name (by default, when codes are allowed)."""
    marked = allow_codes if marked is None else marked
    stop = _STOP.search(rest)
    words = (rest[:stop.start()] if stop else rest).split()[:4]
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        if candidate in ALIASES:
            return _resolve_code(catalog, ALIASES[candidate]), candidate
        if size == 1 and re.fullmatch(r"[a-z]{3}", candidate) and candidate not in COMMON_WORDS:
            place = _resolve_code(catalog, candidate.upper())
            # Without a role word, only codes of busy airports count ("lax", "ord").
            if place and (allow_codes or _busy(catalog, place)):
                return place, candidate
        place = _resolve_name(catalog, candidate, marked=marked)
        if place:
            return place, candidate
    if words and re.search(r"[-/]", words[0].strip("-/")):
        # "vienna-budapest-prague", "rome/florence": names joined by hyphens or slashes, one by one.
        head = re.split(r"[-/]", words[0].strip("-/"))[0]
        place, named = _name_at(catalog, head, allow_codes, fuzzy=False)
        if place is not None:
            return place, named
    if fuzzy:
        for size in range(len(words), 0, -1):
            place = _fuzzy(catalog, " ".join(words[:size]))
            if place:
                return place, " ".join(words[:size])
    return None, " ".join(words)


def _home_named(catalog: Catalog, text: Text, places: Places) -> None:
    """ "Chicago-based", "Denver is home": the place before the words is where the trip starts."""
    value = text.unclaimed()
    for match in re.finditer(r"(?:-|\s+)based\b|\s+is\s+(?:my|our)\s+home(?:\s+(?:base|town|city))?\b|\s+is\s+home\b"
                             r"|\s+is\s+where\s+(?:i|we|i'm|we're|i\s+am|we\s+are|i'll\s+be|we'll\s+be)\s+"
                             r"(?:live|living|am|are|start|starting|leave\s+from|leaving\s+from|departing\s+from|flying\s+from|"
                             r"coming\s+from|setting\s+off\s+from|based)\b", value):
        origin, left = _name_before(catalog, value[:match.start()])
        if origin and places.origin is None:
            places.origin = origin
            text.claim(match.start() - len(left), match.end())


def _by_role_words(catalog: Catalog, text: Text, places: Places, role: str, words: str) -> None:
    """The place after a word of its role ("from", "out of"; "to", "visiting")."""
    value = text.unclaimed()
    for match in text.find(rf"\b(?:{words})\s+", claim=False):
        if getattr(places, role) is not None:
            break
        rest = value[match.end():]
        place, named = _name_after(catalog, rest, allow_codes=True, fuzzy=True)
        if place is None:
            # Quoted back in the question only when it looks like a name: "check into", "book a
            # house" and "the beach" are everyday words, never an unknown place.
            words = named.split()
            if (words and role == "destination" and match.group(0).split()[0] in ("to", "visit", "visiting")
                    and words[0] not in COMMON_WORDS and not all(zipf_frequency(word, "en") >= 4.0 for word in words)):
                places.unresolved.setdefault(role, " ".join(words))
            continue
        setattr(places, role, place)
        text.claim(match.start(), match.end() + len(named))
        if role == "destination":
            places.stops = _more_stops(catalog, text, place, match.end() + len(named))


#: Joiners that make two places a trip through both ("Rome then Florence"); two places joined
#: by a dash or an arrow, or "starting in A, ending in B", are a route from one to the other.
_STRONG_JOIN = re.compile(r"\b(?:then|followed|before|after)\b")


def _chain(catalog: Catalog, text: Text, raw_codes: set[str]) -> tuple[list[ResolvedPlace], int, int, list[str]] | None:
    """The longest run of places joined as one trip's stops: three or more, or two joined by
    "then". Returns the places, where the run starts and ends, and its joiners."""
    value = text.unclaimed()
    best = None
    for word in re.finditer(r"\b[a-z]", value):
        if best is not None and word.start() < best[2]:
            continue
        place, named = _name_at(catalog, value[word.start():], allow_codes=False, fuzzy=False)
        if place is None:
            # "Nice then Lyon": a name that needs a role word is marked by the chain it starts.
            head = re.match(r"[a-z]+", value[word.start():]).group(0)
            candidate = _resolve_name(catalog, head, marked=True)
            if candidate is not None and _NEXT_STOP.match(value, word.start() + len(head)):
                place, named = candidate, head
        if place is None:
            place, named = _capital_code(catalog, value, word.start(), raw_codes)
        if place is None or not named or _everyday(place, named, raw_codes):
            continue
        stops, joiners, end = [place], [], word.start() + len(named)
        ends = [end]
        while len(stops) < 10:
            # Past the stop's nights ("Paris for 3 nights then", "Athens (4 nights), then").
            stay = _STAY.match(text.value, end)
            end = stay.end() if stay else end
            joined = _NEXT_STOP.match(value, end) or _NUMBERED.match(text.value, end)
            if not joined:
                break
            # A name the chain marks ("> Hue"), but a lowercase code only of a busy airport ("pls" is no PLS).
            following, more = _name_after(catalog, value[joined.end():], allow_codes=False, fuzzy=False, marked=True)
            if following is None:
                following, more = _capital_code(catalog, value, joined.end(), raw_codes)
            if following is None or not more.strip() or (following in stops and not (following == stops[0] and len(stops) >= 3)):
                break
            stops.append(following)
            joiners.append(joined.group(0))
            end = joined.end() + len(more)
            ends.append(end)
            if following == stops[0]:
                break  # back where it began
        if len(stops) >= 3 or (len(stops) == 2 and any(_STRONG_JOIN.search(joiner) for joiner in joiners)):
            if best is None or len(stops) > len(best[0]):
                stays = [_STAY.match(text.value, at) for at in ends]
                # A bare "for 2" counts only beside stated nights.
                stated = any(found and found["unit"] for found in stays)
                nights = [int(found["n"]) if found and stated else None for found in stays]
                best = (stops, word.start(), end, joiners, nights)
    return best


#: A stop's nights written after it: "Kyoto 4 nights", "Paris for 3 nights", "Athens (4 nights)",
#: "Tokyo 5n", and "Amsterdam for 2" after another stop's nights.
_STAY = re.compile(r"\s*\(?\s*(?:for\s+)?(?P<n>\d{1,2})(?:\s*(?P<unit>nights?|nites?|n)\b)?(?!\s*(?:people|persons|adults|"
                   r"kids|children|of\s+us|pax|travell?ers|guests|days?|weeks?|rooms?|stars?|%|am|pm|:|/|\.\s|\)\s*[a-z]))(?:\s*\))?")


_INTO = re.compile(r"\b(?:fly(?:ing)?|arriv(?:e|ing)|land(?:ing)?|in)\s+(?:in(?:to)?|at)\s+|\bin\s+at\s+")
_OUT_OF = re.compile(r"\s*(?:,|;|\band\b|\bthen\b)?\s*(?:(?:we'?d|we\s+would|and)\s+)?"
                     r"(?:(?:fly(?:ing)?\s+|head(?:ing)?\s+)?(?:home\s+|back\s+)?out\s+(?:of|from)"
                     r"|(?:fly(?:ing)?|head(?:ing)?|return(?:ing)?)\s+(?:home\s+|back\s+)?from|(?:home|back)\s+from)\s+")


def _open_jaw(catalog: Catalog, text: Text):
    """ "fly into Lisbon and out of Porto", "land in Sydney and fly home from Melbourne": in at
    one city, out of another, as a chain of two stops."""
    value = text.unclaimed()
    for into in _INTO.finditer(value):
        first, named = _name_after(catalog, value[into.end():], allow_codes=True, fuzzy=False)
        if first is None:
            continue
        at = into.end() + len(named)
        out = _OUT_OF.match(value, at)
        if not out:
            continue
        last, more = _name_after(catalog, value[out.end():], allow_codes=True, fuzzy=False)
        if last is not None and last != first:
            return [first, last], into.start(), out.end() + len(more), ["open jaw"], [None, None]
    return None



def _through_chain(catalog: Catalog, text: Text, places: Places, chain) -> Places:
    """A trip through the places of a chain; its start is named apart ("from Chicago"), or is
    where the chain ends too ("BOS > LIS > OPO > BOS"), or is the first of an arrowed chain."""
    stops, start, end, joiners, nights = chain
    # "leaving Seattle, going to Denver, then Salt Lake City": the first is where it starts.
    setting_out = re.search(rf"\b(?:{_SETTING_OUT}|from|out\s+of|leaving)\s*$", text.unclaimed()[:start])
    text.claim(start, end)
    if setting_out and len(stops) >= 3:
        places.origin, stops, nights = stops[0], stops[1:], nights[1:]
    if len(stops) >= 3 and stops[0] == stops[-1]:
        places.origin, stops, nights = stops[0], stops[1:-1], nights[1:-1]
    places.origin = places.origin or _origin_named_apart(catalog, text)
    if places.origin is None:
        _by_role_words(catalog, text, places, "origin", ORIGIN_WORDS)
    if places.origin is None:
        _home_named(catalog, text, places)
    if places.origin is None and len(stops) >= 3 and all(re.search(r"->|→|➜|>", joiner) for joiner in joiners):
        places.origin, stops, nights = stops[0], stops[1:], nights[1:]
    if places.origin is None:
        # "Boston to Spain: Madrid, then Seville": a well-known place apart from the chain.
        value = text.unclaimed()
        for word in re.finditer(r"\b[a-z]", value):
            place, named = _name_at(catalog, value[word.start():], allow_codes=False, fuzzy=False)
            if place is not None and place not in stops and _well_known(place, named, set(), MIN_UNMARKED_POPULATION):
                places.origin = place
                text.claim(word.start(), word.start() + len(named))
                break
    if places.origin == stops[0] and len(stops) > 2:
        stops, nights = stops[1:], nights[1:]  # "Berlin → Vienna → Budapest, leaving Berlin Jul 1"
    places.destination, places.stops = stops[0], (stops if len(stops) > 1 else [])
    places.stop_nights = nights if len(stops) > 1 else None
    return places


def parse_places(text: Text, catalog: Catalog, unmarked_population: int = MIN_UNMARKED_POPULATION,
                 region: Region | None = None) -> Places:
    """`region`: the trip's places are to be chosen there, so a place named without a role
    word is where the trip starts."""
    places = Places(unresolved={})
    raw_codes = set(re.findall(r"\b[A-Z]{3}\b", text.raw))
    chain = _open_jaw(catalog, text) or _chain(catalog, text, raw_codes)
    if chain is not None:
        return _through_chain(catalog, text, places, chain)

    value = text.unclaimed()
    # A code pair, unless the second "code" starts a name ("nyc to los angeles").
    for match in re.finditer(r"\b(?P<a>[a-z]{3})\s*(?P<sep>-|>|/|to)\s*(?P<b>[a-z]{3})\b(?!\s+[a-z]{3,})", value):
        a, b = _resolve_code(catalog, match["a"].upper()), _resolve_code(catalog, match["b"].upper())
        written_as_codes = match["sep"] != "to" or {match["a"].upper(), match["b"].upper()} <= raw_codes
        if a and b and (written_as_codes or (_busy(catalog, a) and _busy(catalog, b))):
            text.claim(match.start(), match.end())
            places.origin, places.destination = a, b
            return places

    # "X instead of Y": X takes Y's place (the caller knows which role Y had).
    value = text.unclaimed()
    for match in re.finditer(r"\binstead\s+of\s+", value):
        replaced, named = _name_after(catalog, value[match.end():], allow_codes=True, fuzzy=True)
        if replaced is not None:
            places.replaced = replaced
            text.claim(match.start(), match.end() + len(named))
    text.claim_words(r"\binstead\b")

    # "Montego Bay from Atlanta": a place right before "from" is where the trip goes, and so
    # are the places listed before it ("Madrid, Seville and Barcelona from Chicago").
    value = text.unclaimed()
    for match in re.finditer(r"\s*[-–—,]?\s+(?:(?:leaving|departing|flying|coming|travel+ing)\s+)?from\s+", value):
        destination, left = _name_before(catalog, value[:match.start()])
        origin, right = _name_after(catalog, value[match.end():], allow_codes=True, fuzzy=True)
        if destination and origin and destination != origin and not _everyday(destination, left, raw_codes):
            stops, start = _stops_before(catalog, value, destination, match.start() - len(left))
            places.origin, places.destination = origin, stops[0]
            places.stops = stops if len(stops) > 1 else []
            text.claim(start, match.end() + len(right))
            return places

    _home_named(catalog, text, places)

    value = text.unclaimed()
    for match in _BETWEEN.finditer(value):
        origin, left = _name_before(catalog, value[:match.start()])
        if origin is None:
            continue
        destination, right = _name_after(catalog, value[match.end():], allow_codes=True, fuzzy=True)
        if destination is None and value[match.end():].split(":")[0].strip() in _regions(catalog):
            # "NYC to Italy: Rome, then Florence": the country is no stop; its cities follow.
            places.origin = origin
            text.claim(match.start() - len(left), match.end())
            break
        if destination and origin != destination:
            places.origin, places.destination = origin, destination
            text.claim(match.start() - len(left), match.end() + len(right))
            places.stops = _more_stops(catalog, text, destination, match.end() + len(right))
            # "Tokyo → Kyoto → Osaka, flying in from Los Angeles": with the start named apart,
            # the whole chain is the trip's stops.
            start = _origin_named_apart(catalog, text)
            if start is not None and start not in (places.stops or [destination]) and start != origin:
                places.stops = [origin] + (places.stops or [destination])
                places.origin, places.destination = start, origin
            break

    for role, words in (("origin", ORIGIN_WORDS), ("destination", DESTINATION_WORDS)):
        _by_role_words(catalog, text, places, role, words)

    # Without a role word: well-known cities and metros, and codes written in capitals.
    value = text.unclaimed()
    for match in re.finditer(r"\b[a-z]", value):
        if places.origin and places.destination:
            break
        if not text.free(match.start(), match.start() + 1):
            continue
        rest = value[match.start():]
        place, named = _name_after(catalog, rest, allow_codes=False, fuzzy=False)
        if place is None and not places.destination:
            place, named = _unmarked_typo(catalog, rest)
        if place is None:
            place, named = _capital_code(catalog, value, match.start(), raw_codes)
        if place is None or place in (places.origin, places.destination):
            continue
        if not _well_known(place, named, raw_codes, unmarked_population) or _everyday(place, named, raw_codes):
            continue
        text.claim(match.start(), match.start() + len(named))
        if places.destination is None and not places.unresolved.get("destination") and region is None:
            places.destination = place
            places.stops = _more_stops(catalog, text, place, match.start() + len(named))
        elif places.origin is None:
            places.origin = place
    if places.destination:
        places.unresolved.pop("destination", None)
    return places
