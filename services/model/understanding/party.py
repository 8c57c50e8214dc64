"""The grammar of who travels: adults, children and their ages, rooms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.model.understanding.text import NUMBER, NUMBER_WORDS, Text, number

COMPANIONS = (r"(?:wife|husband|partner|girlfriend|boyfriend|fianc[eé]e?|spouse|friend|mom|mum|dad|mother|father|sister|"
              r"brother|colleague|bf|gf|hubby|buddy|buddies|pal|mate|coworker|co-worker|cousin|aunt|uncle|grandma|grandpa)")
#: A child's age as written: digits or a number word.
AGE = (r"(?:1[0-7]|[0-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
       r"fifteen|sixteen|seventeen)")
KIDS = r"(?:kids?|kiddos?|children|childs|child|nephews?|nieces?|step-?(?:sons?|daughters?|kids?|children|child)|exchange\s+students?|sons?|daughters?|boys?|girls?|toddlers?|babies|baby|infants?|teens?|teenagers?|twins|triplets|grandkids?|grandchildren|grandsons?|granddaughters?)"


#: A party named by its size: "a duo", "a trio".
GROUP_WORDS = {"duo": 2, "pair": 2, "twosome": 2, "trio": 3, "threesome": 3, "foursome": 4, "quartet": 4}
#: Boys and girls are children only where ages or "my"/"our" say so ("10 girls" on a hen do are not).
_KIDS_COUNTED = KIDS.replace("boys?|girls?|", "")
#: Relatives who are adults, named without "my" ("mom, dad and three boys").
_ELDERS = r"(?:mom|mum|dad|mother|father|grandma|grandpa|grandmother|grandfather|granny|grandad|nana|papa)"
#: Companions that are two people.
_PAIRS = r"(?:parents|grandparents|in-laws|parents-in-law)"
_PEOPLE = r"(?:adults?|people|persons|individuals|travell?ers|passengers|guests|pax|ppl|grown[- ]ups?)"
_FORM_PARTY = r"(?:party|group)\s+size|number\s+of\s+(?:travell?ers|people|guests|passengers|persons)|headcount|no\.\s+of\s+(?:travell?ers|people|guests|pax)"
#: People counted by what they are, summed when listed: "20 students and 2 professors".
_MEMBERS = (r"(?:adults|people|persons|students|professors|teachers|chaperones|coworkers|co-workers|colleagues|friends|"
            r"employees|staff|managers|executives|engineers|members|players|coaches|parents|couples|singles|guys|girls|ladies|men|women)")


@dataclass
class Party:
    adults: int | None = None
    children: int | None = None
    ages: list[int] = field(default_factory=list)
    rooms: int | None = None
    #: A count of travelers that no trip can have ("0 adults", "-2 people"), as written.
    impossible: str = ""
    #: Where in the text each age was written, so that the ages keep the text's order.
    written_at: list[int] = field(default_factory=list)

    def add_ages(self, at: int, ages: list[int]) -> None:
        for offset, age in enumerate(ages):
            self.ages.append(age)
            self.written_at.append(at + offset)

    def in_text_order(self) -> None:
        self.ages = [age for _, age in sorted(zip(self.written_at, self.ages), key=lambda pair: pair[0])]


def _ages(fragment: str) -> list[int]:
    """Children's ages written as digits or words ("5 and 9", "seven and ten")."""
    ages = []
    # Digits and words apart, so that "12yo, 9yo" gives 12 and 9.
    for word in re.findall(r"\d+|[a-z]+", fragment):
        value = int(word) if word.isdigit() else NUMBER_WORDS.get(word) if word not in ("a", "an", "single") else None
        if value is not None and 0 <= value <= 17:
            ages.append(value)
    return ages


def parse_party(text: Text) -> Party:
    party = Party()
    for match in text.find(rf"(?:(?<![\w-])-\s?\d+|\b(?:0|zero|no|none)\b)\s+{_PEOPLE}\b"
                           rf"|\b(?:{_PEOPLE}|{_FORM_PARTY})\s*[:=]\s*(?:-\s?\d+|0|zero|none)\b"):
        party.impossible = match.group(0)
    # A form's field: "Travelers: 2", "party size - 4".
    for match in text.find(rf"\b(?:{_PEOPLE}|{_FORM_PARTY})\s*[:=-]\s*(?P<n>{NUMBER}|\d+)\b(?!\s*(?:{KIDS}|children)\b)"):
        party.adults = number(match["n"])
    counted_adults = totaled = False
    # Adults counted group by group add up ("us (2 adults, ...) and my sister's family (2 adults)").
    for match in text.find(rf"\b(?P<n>{NUMBER}|\d+)\s+(?:adults?|grown[- ]ups?|parents|dads|moms|mums|grandparents)\b"):
        party.adults = (party.adults or 0) * counted_adults + number(match["n"])
        counted_adults = True
    # "turns 5 in May": four now.
    for match in text.find(rf"\b(?:who\s+)?turns\s+(?P<age>{AGE})(?=\s+(?:in|on|next|this|by)\b)"):
        party.add_ages(match.start(), [max(0, _ages(match["age"])[0] - 1)])
    # Shorthand: "2A 1C(6)", "2a+2c (4, 7)".
    for match in text.find(r"\b(?P<a>[1-9])\s*a\b(?:\s*[+,]?\s*(?P<c>[1-8])\s*c\b\s*(?:\((?P<ages>[\d,\s]+)\))?)?"):
        party.adults, counted_adults = int(match["a"]), True
        if match["c"]:
            party.children = int(match["c"])
            party.add_ages(match.start(), _ages(match["ages"] or ""))
    # Babies by months ("our baby (9 months)", "a 6 month old") and lap infants are under one.
    # "a baby (1 yr old)": the age given, in years.
    # "our newborn son (0)", "1 infant (age 0)": one child, under one, however written.
    for match in text.find(r"\b(?:(?:a|an|our|my|the|1|one)\s+)?(?:baby|infant|newborn)(?:\s+(?:son|daughter|boy|girl|baby))?(?:\s*\(lap\))?"
                           r"(?:\s*\(?\s*(?:[0-9]|1[01])\s*(?:months?|mos?)(?:[- ]old)?\s*\)?"
                           r"|\s*\(?\s*(?:age\s+|aged\s+)?(?P<years>[0-2])\s*(?:yrs?|years?)?(?:[- ]old)?\s*\)"
                           r"|\s*\(?\s*(?:age\s+|aged\s+)?(?P<y>[0-2])\s*(?:yrs?|years?)(?:[- ]old)?\s*\)?)?"
                           r"|\b(?:[0-9]|1[01])\s*(?:months?|mos?)[- ]old\b|\blap\s+(?:infant|child|baby)\b"):
        party.add_ages(match.start(), [int(match["years"] or match["y"] or 0)])
        party.children = max(party.children or 0, len(party.ages))
    for match in text.find(r"\b(?P<months>1[2-9]|2[0-3])\s*(?:months?|mos?)[- ]old\b"):
        party.add_ages(match.start(), [1])
        party.children = max(party.children or 0, len(party.ages))
    for match in text.find(r"\b(?:the\s+|our\s+|my\s+)?(?P<kind>twins|triplets)(?:\s*\((?P<ages>[^)]{1,40})\))?"):
        count = 2 if match["kind"] == "twins" else 3
        ages = _ages(match["ages"] or "")
        party.add_ages(match.start(), ages * count if len(ages) == 1 else ages[:count])
        party.children = max(party.children or 0, count)
    # Children with their ages: "two kids (5 and 9)", "2 kids aged 5 and 9", "kids ages 4, 7".
    # A count given ("2 kids aged 5 and 9") is the count; else each child named with an age
    # adds one ("our son (15) and our daughter (13)").
    for match in text.find(rf"\b(?:(?P<n>{NUMBER}|\d+)\s+)?{KIDS}\s*,?\s*(?:who\s+are|who\s+is|are|is|aged|ages|of)\s+"
                           rf"(?P<ages>(?:{AGE}(?:\s*,\s*|\s+and\s+|\s*&\s*)){{0,7}}{AGE})\b(?:\s*(?:years?(?:\s+old)?|yrs?|y/?o))?"):
        ages = _ages(match["ages"])
        if ages:
            party.add_ages(match.start(), ages)
            party.children = max(party.children or 0, number(match["n"]) if match["n"] else len(party.ages))
    for match in text.find(rf"\b(?:(?P<n>{NUMBER}|\d+)\s+)?{KIDS}\s*(?:\(|,\s*|:\s*)?(?:(?:aged|ages|age|who are|whose ages are)\s*:?)?\s*"
                           r"(?P<ages>(?:\d{1,2}(?:\s*(?:y/?o|years?(?:\s+old)?|yrs?))?\s*(?:,|and|&)?\s*)+)\)?(?:\s*(?:y/?o|years? old))?"):
        ages = _ages(match["ages"])
        party.add_ages(match.start(), ages)
        party.children = max(party.children or 0, number(match["n"]) if match["n"] else len(party.ages))
    for match in text.find(rf"\b(?:(?:a|an|our|my|with|and)\s+)?(?P<age>{AGE})[- ]?(?:year|yr)[- ]?olds?\b"
                           r"|\b(?P<short>1[0-7]|[0-9])\s?(?:yo|y/o|yrs?)\b"):
        party.add_ages(match.start(), _ages(match["age"] or match["short"])[:1])
        party.children = max(party.children or 0, len(party.ages))
    for match in text.find(rf"\b(?P<n>{NUMBER}|\d+)\s+{_KIDS_COUNTED}\b|\b(?:my|our)\s+(?P<o>{NUMBER}|\d+)\s+(?:boys|girls)\b"):
        party.children = max(party.children or 0, number(match["n"] or match["o"]))
    for match in text.find(rf"\b(?:the\s+)?{KIDS}\s+(?:are|is|aged)\s+(?P<ages>[a-z0-9 ,]+?(?:and|&)\s+(?:1[0-7]|[0-9]|[a-z]+))\b"):
        party.add_ages(match.start(), _ages(match["ages"]))
        party.children = max(party.children or 0, len(party.ages))
    for match in text.find(rf"\b(?:the|our|my|and|with|\+)\s+(?:(?P<n>{NUMBER}|\d+)\s+)?(?P<kind>kids|children|little\s+ones|{KIDS})\b"):
        if party.children is None:
            party.children = number(match["n"]) if match["n"] else 2 if match["kind"].endswith(("s", "children", "babies")) else 1
    # "my two daughters, they are 8 and 12", "(she's 10)", "twins who are 7", "whose ages are
    # 4, 7 and 9": the ages of the children just counted.
    for match in text.find(rf"\b(?:they|who|she|he)\s*(?:are|is|'re|'s)\s+(?:aged\s+)?(?P<ages>{AGE}(?:\s*(?:,|and|&)\s*{AGE})*)\b"
                           rf"(?!\s*(?:days?|nights?|weeks?|months?|%|:))|\bwhose\s+ages\s+are\s+(?P<whose>{AGE}(?:\s*(?:,|and|&)\s*{AGE})*)\b"):
        ages = _ages(match["ages"] or match["whose"])
        if party.children and not party.ages:
            twins = len(ages) == 1 and party.children == 2 and re.search(r"\btwins\b", text.value)
            party.add_ages(match.start(), ages * 2 if twins else ages)
    for match in text.find(rf"\bparty\s+of\s+(?P<n>{NUMBER}|\d+)\b"):
        party.adults = max(number(match["n"]) - (party.children or 0), 1)
    # Totals: "a group of 8", "3 people in total", "two people in my group", "we are four".
    for match in text.find(rf"\b(?:(?:a|our|my|in\s+a)\s+)?(?:group|team|crew|squad|gang|bunch)\s+(?:of|is)\s+(?P<n>{NUMBER}|\d+)\b"
                           r"(?!\s+(?:couples|families)\b)"
                           rf"|\b(?!an?\b)(?P<t>{NUMBER}|\d+)\s+(?:{_PEOPLE}\s+)?(?:in\s+total|total|altogether|in\s+(?:my|our|the)\s+(?:group|party))\b"
                           rf"|\b(?:total\s+of|we\s+are|we're|we\s+will\s+be|we'll\s+be|there\s+(?:are|will\s+be)|there're)\s+"
                           rf"(?!an?\b)(?P<w>{NUMBER}|\d+)\b(?!\s*(?:days?|nights?|weeks?|hours?|stars?|rooms?))"
                           r"(?!\s+[a-z]+\s+(?:and|plus|\+)\s+(?:me|i|myself)\b)(?!\s+(?:couples|families|generations)\b)(?:\s+of\s+us)?"):
        if not counted_adults:  # "we are 3 families: 6 adults and 5 children": the adults as counted
            party.adults = max(number(match["n"] or match["t"] or match["w"]) - (party.children or 0), 1)
            totaled = True
    # "a pair of" counts people only: "a pair of friends", never "a pair of boots".
    groups = "|".join(word for word in GROUP_WORDS if word != "pair")
    for match in text.find(rf"\b(?:(?:a|as\s+a|for\s+a|we're\s+a|we\s+are\s+a)\s+)?(?:(?P<g>{groups})|pair(?!\s+of\s+"
                           r"(?!us\b|friends|colleagues|people|travell?ers|adults)\w))\b"):
        party.adults = party.adults or GROUP_WORDS[match["g"] or "pair"]
    # Rooms before the counts of people, so that "2 hotel rooms" is no party of two.
    for match in text.find(rf"\b(?!an?\b)(?P<n>{NUMBER}|\d+)\s+(?:(?:hotel|available|double|single|twin|separate|adjoining|connecting|"
                           r"king|queen|standard|deluxe|guest|family|bed)\s+){0,2}rooms?\b"):
        party.rooms = number(match["n"])
    for match in text.find(rf"\b(?P<n>{NUMBER}|\d+)\s+(?:(?!(?:days?|nights?|weeks?)\b)[a-z-]+\s+){{0,3}}(?:tickets?|seats?|reservations|bookings|(?:spots|places)(?=\s+(?:on|aboard|for\s+the)\b))\b"):
        if party.adults is None:
            party.adults = number(match["n"])
    for match in text.find(rf"\bfamily\s+of\s+(?P<n>{NUMBER}|\d+)\b"):
        total = number(match["n"])
        if re.search(r"\b(?:all|only)\s+(?:adults|grown[- ]ups)\b|\bno\s+(?:kids|children|minors)\b", text.value):
            party.children = 0  # "my family of 4 is all adults"
        if party.children is None:
            party.children = max(total - 2, 0)
        party.adults = max(total - party.children, 1)
    for match in text.find(rf"\b(?P<a>{NUMBER}|\d+)\s+(?:[a-z]+\s+)?(?P<x>{_MEMBERS})\s+(?:and|plus|\+|&)\s+"
                           rf"(?P<b>{NUMBER}|\d+)\s+(?:[a-z]+\s+)?(?P<y>{_MEMBERS})\b"):
        if party.adults is None or match["x"] != "adults":
            party.adults = sum(number(match[n]) * (2 if match[kind] == "couples" else 1) for n, kind in (("a", "x"), ("b", "y")))
    for match in text.find(r"\bus\s+(?P<n>two|three|four|five|six|seven|eight|nine|[2-9])\b(?!\s*(?:days?|nights?|weeks?))"):
        party.adults = party.adults or number(match["n"])  # "us four": the grown-ups, not a total
    if party.adults is None:
        for pattern, count in (
            (r"\b(?:my\s+|our\s+)?(?:parents|grandparents|in-laws)\s+and\s+(?:i|me|myself)\b"
             r"|\b(?:i|me|myself)\s+and\s+(?:my|our)\s+(?:parents|grandparents|in-laws)\b", 3),
            # "3 friends and me"; not "for 3 people and I want to leave at 5".
            (rf"\b(?P<n>{NUMBER}|\d+)\s+(?:friends|others|colleagues|coworkers|buddies|mates|people)\s+and\s+(?:me|myself|i)\b"
             r"(?!'|\s+(?:want|wanted|need|needed|would|will|plan|planned|am|was|prefer|like|wish|hope|think|have|can|should|must|also)\b)", None),
            (rf"\b(?:me|myself|i)\s+(?:and|with|\+|plus)\s+(?:my\s+|a\s+|the\s+)?(?P<n>{NUMBER}|\d)?\s*{COMPANIONS}s?\b", None),
            (rf"\b(?P<n>{NUMBER}|\d)\s+couples\b", "couples"),
            (rf"\b(?:my|a|one)\s+{COMPANIONS}\s+and\s+(?:me|i|myself)\b", 2),
            (rf"\b(?:me|myself|i)\s+(?:and|with)\s+(?P<n>{NUMBER}|\d+)\s+(?:friends|others|colleagues|people)\b", None),
            (r"\b(?:a\s+)?couple\b(?!\s+of)(?!\s+(?:[a-z]+\s+)?(?:cities|towns|places|spots|stops|days|nights|weeks|hours|villages))|\bboth\s+of\s+us\b|\bwe\s+both\b|\bus\s+both\b|\b(?:the\s+)?two\s+of\s+us\b|\bus\s+two\b|\bwe\s+two\b"
             r"|\bgrandparents\b|\bmy\s+parents\b", 2),
            (r"\b(?:honeymoon|romantic getaway|anniversary)\b", 2),
            (r"\b(?:solo|alone|just me|by myself|only me|single traveler|one person)\b", 1),
        ):
            for match in text.find(pattern):
                if count == "couples":
                    party.adults = 2 * number(match["n"])
                elif count is not None:
                    party.adults = count
                else:
                    companions = number(match["n"]) if match.groupdict().get("n") else 1
                    party.adults = 1 + companions
    # Everyone named: "my husband and I ... and my mother-in-law", "my brother and his wife".
    speaker = re.search(r"\b(?:i|me|myself)\b", text.value)
    named = sum(2 if re.fullmatch(_PAIRS, m["who"]) else 1 for m in re.finditer(
        rf"\b(?:my|our|his|her|their)\s+(?P<who>{_PAIRS}|{COMPANIONS})s?\b", text.value))
    if speaker and named >= 2 and not counted_adults and not totaled:
        party.adults = max(party.adults or 0, 1 + named)
    elders = re.findall(rf"\b(?<!my\s)(?<!our\s)(?<!his\s)(?<!her\s){_ELDERS}\b", text.value)
    if party.adults is None and len(elders) >= 2:
        party.adults = len(elders) + (1 if speaker else 0)  # "mom, dad and three boys"
    if party.adults is None:
        for match in text.find(rf"\b(?P<with>with\s+)?(?P<n>{NUMBER}|\d+)\s*(?:pax|people|persons|individuals|travell?ers|guests|of us|ppl|"
                               r"passengers|friends|adults?|guys|girls|gals|dudes|ladies|lads|buddies|mates|colleagues)\b"):
            total = number(match["n"]) + (1 if match["with"] else 0)  # "with 3 friends": and the speaker
            party.adults = max(total - (party.children or 0), 1)
    if party.adults is None:
        # "me, my mom and the twins", "with my wife": the speaker and each companion named.
        companions = list(text.find(rf"\b(?:my|our)\s+(?:(?:elderly|old|best|dear|new|older|younger|little|big)\s+)?{COMPANIONS}s?\b"))
        if companions:
            party.adults = 1 + len(companions)
    if party.adults is None:
        for match in text.find(r"\bfor\s+(?P<n>[2-9]|two|three|four|five|six|seven|eight|nine)\b"
                               r"(?!\s*(?:days?|nights?|weeks?|stars?|rooms?|hours?|%|k\b))"):
            party.adults = number(match["n"])
    party.in_text_order()
    if party.children is not None:
        party.children = max(party.children, len(party.ages))  # every child given an age counts
    return party
