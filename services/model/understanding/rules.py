"""The grammar of what travelers rule in or out: transport modes, house rules, kinds of
accommodation, and cuisines.

Each is read into a structured field of the TripRequest, never kept only as text, so that the
planner enforces it or says that it cannot. A rule is read only with its own words around it
("no flights", "must allow pets", "not a shared room", "Italian food"): "Nice" is never a
cuisine and "party of 4" is never a house rule (the party grammar has claimed it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.model.understanding.text import Text
from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from tripsmith.hotels.v1.hotels_service_pb2 import AccommodationType, HouseRule
from tripsmith.planner.v1 import planner_service_pb2 as planner

#: How each mode is written.
MODE_WORDS = {
    "FLIGHT": r"fly(?:ing)?|flights?|flight[- ]based|planes?|airplanes?|aeroplanes?|air\s+travel|by\s+air|airports?",
    "RAIL": r"trains?|rail(?:ways?)?|railroads?",
    "COACH": r"bus(?:es)?|coach(?:es)?",
    "SELF_DRIVE": (r"self[- ]?driv(?:e|ing|en)|driv(?:e|ing)(?:\s+(?:ourselves|myself|ourself))?|car\s+rentals?|rental\s+cars?"
                   r"|rent(?:ing)?\s+a\s+car|hire\s+cars?|car\s+hire|road\s+trip"),
    "TAXI": r"taxis?|cabs?|ubers?|lyfts?|ride[- ]?hail(?:ing)?|ride[- ]?shares?|transfers?",
}
_NEGATION = (r"(?:no|not|non|never|nor|avoid(?:ing)?|without|hate|skip(?:ping)?|excluding|except|zero|"
             r"(?:rather|prefer(?:ably)?|preferring)\s+not(?:\s+to)?|(?:do|does|will|would|can|could|should|must|shall)\s*(?:n't|not)|"
             r"won't|can't|don't|doesn't|wont|cant|dont|doesnt|cannot|shouldn't|mustn't|afraid\s+of|scared\s+of|fear\s+of|"
             r"phobia\s+of|not\s+interested\s+in)")
_FILLER = (r"(?:\s+(?:(?:want|wish|like|plan|intend|going|able|allowed|keen|willing|interested|be|to|use|using|take|taking|travel|travell?ing|"
           r"go|going|get|getting|involve|involving|include|including|any|the|a|an|in|on|by|of|with|we|i|us|our|my|really|at|all|"
           r"planning|options?|mode)\b))*")
_ONLY = r"(?:only|exclusively|solely|just)"
_BY = r"(?:by|via|on|take|taking|using|use|travel\s+by|go\s+by|get\s+around\s+by)"
#: House rules a stay must allow, as travelers write them.
HOUSE_RULE_WORDS = {
    "PETS": r"pets?|dogs?|cats?|puppy|puppies|kitten",
    "SMOKING": r"smoking|smokers?|smoke|cigarettes|vaping",
    "PARTIES": r"part(?:y|ies)|events|celebrations?|gatherings?",
    "VISITORS": r"visitors?|guests?\s+over|outside\s+guests|company\s+over",
    "CHILDREN": r"(?:young\s+|small\s+|little\s+)?(?:children|kids|child|toddlers?)(?:\s+under(?:\s+the\s+age\s+of)?\s+\d{1,2})?",
}
_ALLOW = (r"(?:allow\w*|permi\w*|accept\w*|welcom\w*|friendly|ok|okay|fine|suitable|appropriate|safe|accommodat\w*|tolerat\w*|"
          r"possible|good|ideal|lets?)")
_RULE_NEGATION = r"(?:\bnon[- ]?|\bno\s+|\bnot\s+|\bwithout\s+|\bprohibit\w*\s+|\bban\w*\s+|-free\b|\bforbid\w*\s+)"
ACCOMMODATION_WORDS = {
    # Read before ENTIRE_HOME, so that "a room in a local's flat" is no flat of one's own.
    "PRIVATE_ROOM": (r"(?:private\s+)?rooms?\s+in\s+(?:(?:a|an|the|their|someone'?s|somebody'?s|a\s+local'?s|local'?s)\s+)?"
                     r"(?:local\s+|shared\s+|family\s+)?(?:home|house|apartment|flat)|private\s+rooms?|rooms?\s+private|homestays?"),
    "ENTIRE_HOME": (r"entire\s+(?:home|house|apartment|place|flat|unit|room|property|rental)s?|whole\s+(?:home|house|apartment|place|flat|property)"
                    # "an apartment", "our own place", "a house to ourselves"; never "my apartment" at home.
                    r"|(?<!\bmy\s)(?<!\bour\s)(?:(?:our|my)\s+own\s+|own\s+)?(?:private\s+)?(?:house|apartment|flat|villa|cottage|cabin|"
                    r"condo|chalet|bungalow|holiday\s+home|vacation\s+(?:rental|home)|holiday\s+(?:rental|let)|airbnb(?:[\s-]style\s+home)?)s?"
                    r"(?!\s+rules?)"
                    r"|(?:our|my)\s+own\s+place|(?:place|home)\s+(?:all\s+)?to\s+(?:ourselves|myself)"),
    "SHARED_ROOM": (r"shared\s+(?:rooms?|accommodations?|dorms?|spaces?)|dorm(?:itory|itories|s)?(?:\s+beds?)?|hostels?(?:\s+beds?)?"
                    r"|bunk\s+beds?"),
    # A hotel room counts as a kind only when set against the others or said to be enough:
    # "a hotel room" alone is how most requests say they want a bed.
    "HOTEL_ROOM": (r"hotel\s+rooms?\s+only|only\s+(?:a\s+)?hotels?(?:\s+rooms?)?|(?:just|only|simply)\s+(?:an?\s+)?"
                   r"(?:regular\s+|standard\s+|normal\s+|plain\s+)?hotel\s+rooms?"
                   r"|hotel(?:\s+rooms?)?(?=\s+or\s+(?:an?\s+)?(?:private|entire|shared|apartment|house|flat|villa|airbnb|hostel|cabin))"
                   r"|(?<=\bor\s)(?:an?\s+)?hotel(?:\s+rooms?)?"),
}
#: Cuisines by the adjective travelers write; read only next to a word about food.
CUISINES = {
    "italian": "italian", "french": "french", "chinese": "chinese", "mexican": "mexican", "indian": "indian",
    "american": "american", "mediterranean": "mediterranean", "japanese": "japanese", "thai": "thai",
    "spanish": "spanish", "greek": "greek", "korean": "korean", "vietnamese": "vietnamese", "turkish": "turkish",
    "lebanese": "lebanese", "middle eastern": "middle eastern", "caribbean": "caribbean", "cajun": "cajun",
    "ethiopian": "ethiopian", "moroccan": "moroccan", "portuguese": "portuguese", "german": "german",
    "brazilian": "brazilian", "peruvian": "peruvian", "persian": "persian", "british": "british", "irish": "irish",
    "cuban": "cuban", "filipino": "filipino", "indonesian": "indonesian", "malaysian": "malaysian",
    "tex-mex": "tex-mex", "bbq": "barbecue", "barbecue": "barbecue", "barbeque": "barbecue", "southern": "southern",
    "creole": "creole", "pakistani": "pakistani", "nepalese": "nepalese", "russian": "russian", "polish": "polish",
    "argentinian": "argentinian", "argentine": "argentinian", "hawaiian": "hawaiian", "szechuan": "chinese",
    "cantonese": "chinese", "sushi": "japanese", "ramen": "japanese", "tapas": "spanish", "dim sum": "chinese",
    "pizza": "italian", "pasta": "italian", "tacos": "mexican", "curry": "indian",
}
_CUISINE = "|".join(sorted((re.escape(name) for name in CUISINES), key=len, reverse=True))
_FOOD = (r"(?:food|foods|cuisines?|restaurants?|dishes|meals?|dining|dine|eat|eating|eats|fare|cooking|dinners?|lunch(?:es)?|"
         r"breakfasts?|places\s+to\s+eat|spots|joints|kitchen)")


@dataclass
class Rules:
    allowed_modes: list[str] = field(default_factory=list)
    avoided_modes: list[str] = field(default_factory=list)
    house_rules: list[str] = field(default_factory=list)
    accommodation: list[str] = field(default_factory=list)
    avoided_accommodation: list[str] = field(default_factory=list)
    cuisines: list[str] = field(default_factory=list)

    def apply_to(self, request: planner.TripRequest) -> list[str]:
        """Adds what was read to the request (a follow-up adds to what it had, and a mode ruled
        out replaces the same mode allowed); returns the field paths it stated."""
        transport, hotel, stated = request.transport_preferences, request.hotel_preferences, []

        def extend(target, values, enum, prefix: str, path: str, remove_from=None) -> None:
            for name in values:
                number = enum.Value(prefix + name)
                if remove_from is not None and number in remove_from:
                    remove_from.remove(number)
                if number not in target:
                    target.append(number)
            if values:
                stated.append(path)

        extend(transport.avoided_modes, self.avoided_modes, TravelMode, "TRAVEL_MODE_",
               "transport_preferences.avoided_modes", transport.allowed_modes)
        extend(transport.allowed_modes, self.allowed_modes, TravelMode, "TRAVEL_MODE_",
               "transport_preferences.allowed_modes", transport.avoided_modes)
        extend(hotel.house_rules, self.house_rules, HouseRule, "HOUSE_RULE_", "hotel_preferences.house_rules")
        extend(hotel.avoided_accommodation_types, self.avoided_accommodation, AccommodationType, "ACCOMMODATION_TYPE_",
               "hotel_preferences.avoided_accommodation_types", hotel.accommodation_types)
        extend(hotel.accommodation_types, self.accommodation, AccommodationType, "ACCOMMODATION_TYPE_",
               "hotel_preferences.accommodation_types", hotel.avoided_accommodation_types)
        request.cuisines.extend(name for name in self.cuisines if name not in request.cuisines)
        if self.cuisines:
            stated.append("cuisines")
        return stated


def _add(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


_ANY_MODE = "|".join(f"(?:{words})" for words in MODE_WORDS.values())
#: Modes written together: "rail or coach", "driving ourselves or taking taxis".
_MODE_RUN = (rf"(?:{_ANY_MODE})(?:(?:\s*(?:/|\bor\b|\bnor\b|\band\b)\s*(?:(?:taking|take|using|use|by|the|a|any)\s+)*"
             rf"|\s*,\s*(?:(?:or|nor|and)\s+)?(?!(?:{_ANY_MODE})\s+(?:is|are)\s+(?:fine|ok|okay|good)\b))(?:{_ANY_MODE}))*")
_AVOIDED_MODES = re.compile(
    rf"\b{_NEGATION}{_FILLER}[\s-]+(?P<run>{_MODE_RUN})\b(?!\s+(?:with|on)\s+[a-z]+\s+(?:airlines?|airways))"
    rf"|\b(?P<stated>{_MODE_RUN})\s+(?:is|are)\s+(?:not\s+(?:an?\s+)?option|out(?:\s+of\s+the\s+question)?|a\s+no[- ]go|not\s+allowed)\b")
#: "by train only", "only by coach", "rail or coach only", "take the bus"; flying counts only
#: with "only" (every plan flies unless told otherwise), a taxi never (it is how one gets about).
_ALLOWED_MODES = re.compile(
    rf"\b(?:{_ONLY}\s+(?:by\s+|via\s+|on\s+)?(?:the\s+)?(?P<only>{_MODE_RUN})|(?P<run>{_MODE_RUN})\s+{_ONLY}"
    rf"|(?:{_BY})\s+(?:the\s+)?(?P<by>{_MODE_RUN})(?!\s+stations?))\b")
_ROAD_TRIP = re.compile(r"\b(?:road\s+trip|(?:by|in)\s+(?:a\s+|our\s+|my\s+)?(?:rental\s+)?car|driv(?:e|ing)\s+(?:there|down|up|over)"
                        r"|(?:we'll|we\s+will|i'll|i\s+will|we're|we\s+are|i'm|i\s+am|we\s+plan\s+to|we\s+want\s+to|we'd\s+like\s+to|"
                        r"planning\s+to|going\s+to)\s+(?:be\s+)?driv(?:e|ing)(?:\s+(?:ourselves|myself|there|it))?(?=\s*(?:[.,;!?]|$|\s+(?:and|from|to)\b))"
                        r"(?!\s+to\s+(?:the\s+)?(?:airport|station))"
                        r"|driv(?:e|ing)\s+(?:ourselves|myself))")


def _modes_in(run: str) -> list[str]:
    return [mode for mode, words in MODE_WORDS.items() if re.search(rf"\b(?:{words})\b", run)]


def _modes(text: Text, rules: Rules) -> None:
    # "no flights", "we'd prefer not to fly", "won't be self-driving", "not flight-based".
    for match in text.find(_AVOIDED_MODES):
        for mode in _modes_in(match["run"] or match["stated"]):
            _add(rules.avoided_modes, mode)
    for match in text.find(_ALLOWED_MODES):
        modes = _modes_in(match["only"] or match["run"]) if not match["by"] else [
            mode for mode in _modes_in(match["by"]) if mode not in ("FLIGHT", "TAXI")]
        for mode in modes:
            if mode not in rules.avoided_modes:
                _add(rules.allowed_modes, mode)
    for _ in text.find(_ROAD_TRIP):
        if "SELF_DRIVE" not in rules.avoided_modes:
            _add(rules.allowed_modes, "SELF_DRIVE")


_ANY_RULE = "|".join(f"(?:{words})" for words in HOUSE_RULE_WORDS.values())
_RULE_RUN = rf"(?:{_ANY_RULE})(?:\s*(?:,|/|\band\b|\bor\b|&|\bas\s+well\s+as\b)\s*(?:(?:also|have|host|throw|bring|our|my|a|an|the)\s+)*(?:{_ANY_RULE}))*"
#: "must allow pets and smoking", "suitable for children under 10", "pets and visitors welcome".
_ALLOWED_RULES = re.compile(
    rf"\b{_ALLOW}(?:\s+(?:of|for|with|to|us\s+to|me\s+to|have|bring|host|throw|our|my|a|an|the|young|small|little|both)\b)*"
    rf"\s+(?P<run>{_RULE_RUN})\b"
    rf"|\b(?P<before>{_RULE_RUN})[\s-]+(?:(?:are|is|must\s+be|should\s+be|be|need\s+to\s+be|needs\s+to\s+be|to\s+be|have\s+to\s+be|"
    rf"has\s+to\s+be|both)\s+)*(?:welcome|allowed|permitted|permissible|accepted|ok|okay|fine|friendly)\b")
#: What a traveler says of themselves: "we're bringing our dog", "we smoke", "throwing a party".
_SELF_STATED = {
    "PETS": r"\b(?:bring(?:ing)?|travel+ing\s+with|coming\s+with|with|plus|and|have|has|taking|takes?|accepts?|allows?)\s+"
            r"(?:our|my|the|a|an|two|2|three|3)?\s*(?:small\s+|big\s+|little\s+|family\s+)?(?:dogs?|cats?|pets?|puppy|puppies|kitten)\b",
    "SMOKING": r"\b(?:we|i)\s+(?:both\s+)?(?:smoke|are\s+smokers|am\s+a\s+smoker)\b|(?<!non-)(?<!non )(?<!non)\bsmoking\s+rooms?\b",
    "PARTIES": r"\b(?:throw(?:ing)?|host(?:ing)?|hav(?:e|ing)|plan(?:ning)?)\s+(?:a\s+|some\s+)?(?:small\s+|big\s+)?(?:part(?:y|ies)|"
               r"get[- ]togethers?|gatherings?)\b(?!\s+of\b)",
    "VISITORS": r"\b(?:receive|receiving|hav(?:e|ing))\s+(?:some\s+)?(?:visitors|guests\s+over|friends\s+over|people\s+over)\b",
    "CHILDREN": r"\bhouse\s+rules?\s*:?\s*(?:must\s+allow\s+)?children\b|\bchildren\s+under\s+(?:the\s+age\s+of\s+)?10\b",
}


def _house_rules(text: Text, rules: Rules) -> None:
    value = text.value
    for match in _ALLOWED_RULES.finditer(value):
        run, at = (match["run"], match.start("run")) if match["run"] else (match["before"], match.start("before"))
        for rule, words in HOUSE_RULE_WORDS.items():
            for word in re.finditer(rf"\b(?:{words})\b", run):
                start = at + word.start()
                negated = re.search(rf"{_RULE_NEGATION}$", value[max(0, start - 12):start]) or value[at + word.end():].startswith("-free")
                who_travels = rule == "PARTIES" and re.match(r"part(?:y|ies)\s+of\b", value[start:])
                if not negated and not who_travels:
                    _add(rules.house_rules, rule)
    for rule, pattern in _SELF_STATED.items():
        if re.search(pattern, value):
            _add(rules.house_rules, rule)


def _accommodation(text: Text, rules: Rules) -> None:
    for kind, words in ACCOMMODATION_WORDS.items():
        for match in text.find(rf"\b(?:{words})\b"):
            before = text.value[max(0, match.start() - 40):match.start()]
            after = text.value[match.end():match.end() + 30]
            negated = (re.search(rf"\b{_NEGATION}(?:\s+(?:a|an|any|the|in|stay(?:ing)?(?:\s+in)?|book(?:ing)?|want|like|be|to))*\s*$", before)
                       or re.match(r"\s*(?:is|are)\s+(?:not\s+(?:ok|okay|fine|an\s+option)|out|a\s+no[- ]go)\b", after))
            _add(rules.avoided_accommodation if negated else rules.accommodation, kind)
    # "no hotels", "rather not stay in a hotel", "anything but a hotel"; not "no hotels under 4 stars".
    for _ in text.find(rf"\b(?:{_NEGATION}|anything\s+but|rather\s+than|instead\s+of)(?:\s+(?:stay(?:ing)?|in|at|a|an|any|the|to|"
                       rf"book(?:ing)?|want|be|with))*\s+hotels?(?:\s+rooms?)?\b"
                       r"(?!\s+(?:under|below|with|less|that|which|more|over|above|far|near|of|in|at|by|under))"):
        _add(rules.avoided_accommodation, "HOTEL_ROOM")
    for kind in rules.avoided_accommodation:
        if kind in rules.accommodation:
            rules.accommodation.remove(kind)


def parse_cuisines(text: Text, rules: Rules) -> None:
    """Read before the airline grammar, so that "American food" is no airline."""
    # A run of cuisine words ("Italian, French and Thai") with a food word right after it...
    run = rf"(?P<run>(?:{_CUISINE})(?:(?:\s*(?:,|/|\bor\b|\band\b|\bplus\b|&|\bas\s+well\s+as\b)\s*)+(?:{_CUISINE}))*)"
    # ... or after the food word, later in the same sentence ("as far as cuisines are
    # concerned, we'd love to experience American, Italian and Thai").
    for match in text.find(rf"\b{run}(?:\s+(?:style|inspired|and\s+other))?\s+{_FOOD}\b"
                           rf"|\b{_FOOD}\b[^.!?;]{{0,60}}?\b{run.replace('?P<run>', '?P<later>')}\b"):
        names = re.findall(rf"\b(?:{_CUISINE})\b", match["run"] or match["later"])
        for name in names:
            _add(rules.cuisines, CUISINES[name])
    # "my wife likes French cuisine, I like Thai": a cuisine after a verb of liking, where the
    # clause ends.
    for match in text.find(rf"\b(?:like|likes|love|loves|enjoy|enjoys|prefer|prefers|crave|craving)\s+(?P<c>{_CUISINE})"
                           r"(?=\s*(?:[.,;!?]|$|\s+(?:too|as\s+well|also)\b))"):
        _add(rules.cuisines, CUISINES[match["c"]])
    for match in text.find(r"\b(?:try|tasting|taste|sample|enjoy|craving|love|like)\s+(?:some\s+|the\s+|local\s+)?"
                           r"(?P<dish>sushi|ramen|tapas|dim\s+sum|pizza|pasta|tacos|curry|bbq|barbecue)\b"):
        _add(rules.cuisines, CUISINES[re.sub(r"\s+", " ", match["dish"])])


def parse_rules(text: Text, rules: Rules | None = None) -> Rules:
    rules = rules or Rules()
    _accommodation(text, rules)
    _house_rules(text, rules)
    _modes(text, rules)
    return rules
