"""Held-out trip-request phrasings in many voices.

This table was written independently of the grammar, from the label specification
only, and was never used to tune it. It uses the same format as the development
tables: each case is ``(text, expected)``, where ``expected`` holds only the keys
the case is about (absent keys are not checked).

Reference date: 2027-01-13 (a Wednesday). A date written without a year is the
next such date on or after the reference.
"""

VOICES_HOLDOUT: list[tuple[str, dict]] = [
    # ------------------------------------------------------------------ terse
    (
        "bos-mia 3/4-3/9 2ppl",
        {"origin": "BOS", "destination": "MIA", "start": "2027-03-04", "end": "2027-03-09", "adults": 2, "missing": []},
    ),
    (
        "nyc > lon, 5/10-5/17, 1 adult, business class",
        {
            "origin": "NYC",
            "destination": "LON",
            "start": "2027-05-10",
            "end": "2027-05-17",
            "adults": 1,
            "cabin": "BUSINESS",
            "missing": [],
        },
    ),
    (
        "sfo-lis 6/1-6/11, 2 adults, $4000",
        {
            "origin": "SFO",
            "destination": "LIS",
            "start": "2027-06-01",
            "end": "2027-06-11",
            "adults": 2,
            "budget": "4000 USD",
            "missing": [],
        },
    ),
    (
        "atl to cun apr 3-10, 2 adults 2 kids (5, 8)",
        {
            "origin": "ATL",
            "destination": "CUN",
            "start": "2027-04-03",
            "end": "2027-04-10",
            "adults": 2,
            "children": [5, 8],
            "missing": [],
        },
    ),
    (
        "lax-tyo 10/2-10/16 solo economy nonstop",
        {
            "origin": "LAX",
            "destination": "TYO",
            "start": "2027-10-02",
            "end": "2027-10-16",
            "adults": 1,
            "cabin": "ECONOMY",
            "max_stops": 0,
            "missing": [],
        },
    ),
    (
        "phl to bna, 3/19-3/21, 4 ppl, max $180/night",
        {
            "origin": "PHL",
            "destination": "BNA",
            "start": "2027-03-19",
            "end": "2027-03-21",
            "adults": 4,
            "max_nightly": "180 USD",
            "missing": [],
        },
    ),
    (
        "dub-bcn 7/7-7/14 2 pax €1500",
        {
            "origin": "DUB",
            "destination": "BCN",
            "start": "2027-07-07",
            "end": "2027-07-14",
            "adults": 2,
            "budget": "1500 EUR",
        },
    ),
    (
        "bos-sfo 9/9-9/13, 1 pax, first class",
        {
            "origin": "BOS",
            "destination": "SFO",
            "start": "2027-09-09",
            "end": "2027-09-13",
            "adults": 1,
            "cabin": "FIRST",
        },
    ),
    (
        "den to ams 5/3-5/13, 2ppl, max 1 stop",
        {
            "origin": "DEN",
            "destination": "AMS",
            "start": "2027-05-03",
            "end": "2027-05-13",
            "adults": 2,
            "max_stops": 1,
        },
    ),
    (
        "bna-chi 8/12-8/15, me + 1",
        {"origin": "BNA", "destination": "CHI", "start": "2027-08-12", "end": "2027-08-15", "adults": 2, "missing": []},
    ),
    # ----------------------------------------------------------------- chatty
    (
        "Hi there!! So my best friend and I have been talking about this forever and we "
        "finally decided: Nashville! We'd fly out of Denver on April 9 and come home April 12. "
        "Budget's around 1200 total. Thank you so much!!",
        {
            "origin": "DEN",
            "destination": "BNA",
            "start": "2027-04-09",
            "end": "2027-04-12",
            "adults": 2,
            "budget": "1200 USD",
            "missing": [],
        },
    ),
    (
        "Okay so hear me out - my husband turns 40 in May and I want to surprise him with "
        "Lisbon. We live in Boston. Thinking May 20th through May 27th, just the two of us, "
        "and we'd love good wine and seafood.",
        {
            "origin": "BOS",
            "destination": "LIS",
            "start": "2027-05-20",
            "end": "2027-05-27",
            "adults": 2,
            "interests": ["wine", "seafood"],
            "missing": [],
        },
    ),
    (
        "ugh, winter is dragging on and I need sun. Chicago is home, want to see Miami for "
        "like 5 nights starting Feb 18, just me",
        {"origin": "CHI", "destination": "MIA", "start": "2027-02-18", "end": "2027-02-23", "adults": 1, "missing": []},
    ),
    (
        "My sister and her two kids (6 and 9) are coming along, so that's two grown-ups and two "
        "little ones, heading from Atlanta to Orlando July 6 to July 12 for the theme parks.",
        {
            "origin": "ATL",
            "destination": "Orlando",
            "start": "2027-07-06",
            "end": "2027-07-12",
            "adults": 2,
            "children": [6, 9],
            "missing": [],
        },
    ),
    (
        "We did Paris last year and loved it, so this time we're thinking Rome! Flying from "
        "New York, October 5-15, me and my wife. We're huge history and food nerds.",
        {
            "origin": "NYC",
            "destination": "ROM",
            "start": "2027-10-05",
            "end": "2027-10-15",
            "adults": 2,
            "interests": ["history", "food"],
        },
    ),
    (
        "honestly I just want a beach and a drink in my hand. Houston to Cancun, let's say "
        "June 3 to June 9. Two of us. Around $3,000 all in.",
        {
            "origin": "HOU",
            "destination": "CUN",
            "start": "2027-06-03",
            "end": "2027-06-09",
            "adults": 2,
            "budget": "3000 USD",
        },
    ),
    (
        "Our anniversary is coming up and my partner has never been to Europe! We're in "
        "Philadelphia. Amsterdam, September 16 to 23, two people, museums are a must.",
        {
            "origin": "PHL",
            "destination": "AMS",
            "start": "2027-09-16",
            "end": "2027-09-23",
            "adults": 2,
            "interests": ["museums"],
            "missing": [],
        },
    ),
    (
        "Been dreaming of Iceland forever. Flying out of Minneapolis to Reykjavik from Nov 2 for "
        "6 nights, 3 friends total including me, and we want hiking and nature!",
        {
            "origin": "MSP",
            "destination": "REK",
            "start": "2027-11-02",
            "end": "2027-11-08",
            "adults": 3,
            "interests": ["hiking", "nature"],
            "missing": [],
        },
    ),
    (
        "Hey! Quick one. Mom and I want a girls' trip from San Diego to New Orleans, Thursday, "
        "April 8 through Sunday, April 11. Lots of good food please!",
        {
            "origin": "SAN",
            "destination": "MSY",
            "start": "2027-04-08",
            "end": "2027-04-11",
            "adults": 2,
            "interests": ["food"],
            "missing": [],
        },
    ),
    (
        "The plan is a little chaotic: the four of us (all adults) leaving Austin on 3/12, "
        "going to Denver, back 3/16, and honestly money is no object this time.",
        {
            "origin": "AUS",
            "destination": "DEN",
            "start": "2027-03-12",
            "end": "2027-03-16",
            "adults": 4,
            "budget": None,
            "missing": [],
        },
    ),
    # -------------------------------------------------------- formal/corporate
    (
        "Please arrange travel for one employee from Chicago to New York departing 2027-02-08 "
        "and returning 2027-02-11. Business class is approved. Hotel not to exceed 300 USD "
        "per night.",
        {
            "origin": "CHI",
            "destination": "NYC",
            "start": "2027-02-08",
            "end": "2027-02-11",
            "adults": 1,
            "cabin": "BUSINESS",
            "max_nightly": "300 USD",
            "missing": [],
        },
    ),
    (
        "Request: round trip, Washington, DC to London, outbound 14 March 2027, return "
        "19 March 2027, two delegates, premium economy, non-stop only.",
        {
            "origin": "WAS",
            "destination": "LON",
            "start": "2027-03-14",
            "end": "2027-03-19",
            "adults": 2,
            "cabin": "PREMIUM_ECONOMY",
            "max_stops": 0,
            "missing": [],
        },
    ),
    (
        "On behalf of our executive team, I would like to request itineraries for three "
        "travellers from San Francisco to Tokyo, departing 12 April and returning 20 April. "
        "A minimum of four-star accommodation is required.",
        {
            "origin": "SFO",
            "destination": "TYO",
            "start": "2027-04-12",
            "end": "2027-04-20",
            "adults": 3,
            "min_stars": 4,
            "missing": [],
        },
    ),
    (
        "Kindly book travel for 2 staff members originating in Boston and bound for Toronto, "
        "3rd May to 6th May, total budget not to exceed USD 2,500.",
        {
            "origin": "BOS",
            "destination": "YTO",
            "start": "2027-05-03",
            "end": "2027-05-06",
            "adults": 2,
            "budget": "2500 USD",
            "missing": [],
        },
    ),
    (
        "We require flights and accommodation for a team of five attending a conference in "
        "Las Vegas. Origin: Atlanta. Dates: June 21-25, 2027. Please avoid red-eye flights.",
        {
            "origin": "ATL",
            "destination": "LAS",
            "start": "2027-06-21",
            "end": "2027-06-25",
            "adults": 5,
            "avoid_red_eye": True,
            "missing": [],
        },
    ),
    (
        "Dear Tripsmith, I am writing to request a quotation for a trip for myself from London "
        "to Edinburgh, from the 9th of February to the 12th of February. I would prefer to "
        "travel by rail only.",
        {
            "origin": "LON",
            "destination": "EDI",
            "start": "2027-02-09",
            "end": "2027-02-12",
            "adults": 1,
            "allowed_modes": {"RAIL"},
            "missing": [],
        },
    ),
    (
        "Per company policy, economy class only. Travellers: 1. Route: Denver to Seattle. "
        "Outbound Monday, 1 March; return Thursday, 4 March.",
        {
            "origin": "DEN",
            "destination": "Seattle",
            "start": "2027-03-01",
            "end": "2027-03-04",
            "adults": 1,
            "cabin": "ECONOMY",
            "missing": [],
        },
    ),
    (
        "Requesting a quote: departing from Toronto, destination Vancouver, 17 to 21 May, "
        "one traveller, total budget 1800.",
        {
            "origin": "YTO",
            "destination": "Vancouver",
            "start": "2027-05-17",
            "end": "2027-05-21",
            "adults": 1,
            "budget": "1800 CAD",
            "missing": [],
        },
    ),
    # -------------------------------------------------------------- non-native
    (
        "Hello, I want go to Barcelona from Paris with my wife in 10 of July and come back in "
        "17 of July. We like very much the beach.",
        {
            "origin": "PAR",
            "destination": "BCN",
            "start": "2027-07-10",
            "end": "2027-07-17",
            "adults": 2,
            "interests": ["beaches"],
            "missing": [],
        },
    ),
    (
        "Please I need travel for me and my husband from Madrid to New York, we stay 7 nights, begin 2 of September.",
        {"origin": "MAD", "destination": "NYC", "start": "2027-09-02", "end": "2027-09-09", "adults": 2, "missing": []},
    ),
    (
        "We are family of 4 persons, 2 adults and 2 childs of 5 and 8 years, we go from Munich "
        "to Rome on 1 August until 10 August.",
        {
            "origin": "MUC",
            "destination": "ROM",
            "start": "2027-08-01",
            "end": "2027-08-10",
            "adults": 2,
            "children": [5, 8],
            "missing": [],
        },
    ),
    (
        "I am searching travel Tokyo to Honolulu for one person, from 20 March to 27 March, "
        "maximum price 2000 US dollars.",
        {
            "origin": "TYO",
            "destination": "Honolulu",
            "start": "2027-03-20",
            "end": "2027-03-27",
            "adults": 1,
            "budget": "2000 USD",
        },
    ),
    (
        "Me and my friend want make trip to Prague, we are living in Vienna. Is possible 15 to "
        "18 April? We not want to fly, only train.",
        {
            "origin": "VIE",
            "destination": "PRG",
            "start": "2027-04-15",
            "end": "2027-04-18",
            "adults": 2,
            "avoided_modes": {"FLIGHT"},
            "allowed_modes": {"RAIL"},
        },
    ),
    (
        "Good day. I wish to make holiday in Dubai from Mumbai for 3 peoples, 5 nights, starting 2027-11-20.",
        {"origin": "BOM", "destination": "DXB", "start": "2027-11-20", "end": "2027-11-25", "adults": 3, "missing": []},
    ),
    (
        "Hi, we are two students, we go Lisbon to Porto 4 march and return 7 march, cheap "
        "please, max 60 euro for night.",
        {
            "origin": "LIS",
            "destination": "OPO",
            "start": "2027-03-04",
            "end": "2027-03-07",
            "adults": 2,
            "max_nightly": "60 EUR",
        },
    ),
    (
        "I and my colleague must go to Frankfurt, we leave from Milan 11 of May and go back 14 of May.",
        {"origin": "MIL", "destination": "FRA", "start": "2027-05-11", "end": "2027-05-14", "adults": 2, "missing": []},
    ),
    (
        "Hello, for me alone please the trip Seoul to Bangkok since 6 December until "
        "13 December, hotel must accept smoking.",
        {
            "origin": "SEL",
            "destination": "BKK",
            "start": "2027-12-06",
            "end": "2027-12-13",
            "adults": 1,
            "house_rules": {"SMOKING"},
        },
    ),
    (
        "We are three friends from Munich, we want visit Budapest and after Vienna, from 22 to 28 of June.",
        {
            "origin": "MUC",
            "destination": "BUD",
            "stops": ["BUD", "VIE"],
            "start": "2027-06-22",
            "end": "2027-06-28",
            "adults": 3,
        },
    ),
    # ---------------------------------------------------------------- texting
    (
        "yo can u find me smth nyc to mia 2/19-2/22 just me n my gf",
        {"origin": "NYC", "destination": "MIA", "start": "2027-02-19", "end": "2027-02-22", "adults": 2, "missing": []},
    ),
    (
        "need 2 get from bos to chi thurs 3/11 back sun 3/14 solo thx",
        {"origin": "BOS", "destination": "CHI", "start": "2027-03-11", "end": "2027-03-14", "adults": 1, "missing": []},
    ),
    (
        "omg vegas!!! 4 of us from lax, fri 4/16 - mon 4/19, budget like 2k",
        {
            "origin": "LAX",
            "destination": "LAS",
            "start": "2027-04-16",
            "end": "2027-04-19",
            "adults": 4,
            "budget": "2000 USD",
        },
    ),
    (
        "pls help lol. atl to new orleans 5/14-5/17 me + 3 friends",
        {"origin": "ATL", "destination": "MSY", "start": "2027-05-14", "end": "2027-05-17", "adults": 4, "missing": []},
    ),
    (
        "k so denver -> austin, 6/4 thru 6/7, 2 ppl, no red eye pls 🙏",
        {
            "origin": "DEN",
            "destination": "AUS",
            "start": "2027-06-04",
            "end": "2027-06-07",
            "adults": 2,
            "avoid_red_eye": True,
        },
    ),
    (
        "wanna do paris w my bf sept 10-17 from nyc, budget 4k tops",
        {
            "origin": "NYC",
            "destination": "PAR",
            "start": "2027-09-10",
            "end": "2027-09-17",
            "adults": 2,
            "budget": "4000 USD",
        },
    ),
    (
        "hey!! fam trip: me, hubby, kiddos 3 & 6. phoenix to san diego 7/20-7/27 ty",
        {
            "origin": "Phoenix",
            "destination": "SAN",
            "start": "2027-07-20",
            "end": "2027-07-27",
            "adults": 2,
            "children": [3, 6],
            "missing": [],
        },
    ),
    (
        "u got anything dub to ams 3/26-3/29?? 2 of us, under €800 total",
        {
            "origin": "DUB",
            "destination": "AMS",
            "start": "2027-03-26",
            "end": "2027-03-29",
            "adults": 2,
            "budget": "800 EUR",
        },
    ),
    (
        "tmrw to 1/17 bos to nyc, train only, just me",
        {
            "origin": "BOS",
            "destination": "NYC",
            "start": "2027-01-14",
            "end": "2027-01-17",
            "adults": 1,
            "allowed_modes": {"RAIL"},
        },
    ),
    # ------------------------------------------------------------------ typos
    (
        "I'd like to fly form Boston to Miami on March 25 and retrun on March 30, two adluts.",
        {"origin": "BOS", "destination": "MIA", "start": "2027-03-25", "end": "2027-03-30", "adults": 2, "missing": []},
    ),
    (
        "Looking for a vacaton from Chicgo to Denver, Febuary 20 to Febuary 24, for me and my wfie.",
        {"origin": "CHI", "destination": "DEN", "start": "2027-02-20", "end": "2027-02-24", "adults": 2},
    ),
    (
        "We want to go to Barcelonna from London, 5 nigths starting June 12, 3 peple.",
        {"origin": "LON", "destination": "BCN", "start": "2027-06-12", "end": "2027-06-17", "adults": 3},
    ),
    (
        "trip from Pheonix to Portland, Octobr 8 thru 11, just myslef",
        {"origin": "Phoenix", "destination": "PDX", "start": "2027-10-08", "end": "2027-10-11", "adults": 1},
    ),
    (
        "plese book Seattle to Vancouver, Aprl 2 - Aprl 5, 2 adults, budjet $900",
        {
            "origin": "Seattle",
            "destination": "Vancouver",
            "start": "2027-04-02",
            "end": "2027-04-05",
            "adults": 2,
            "budget": "900 USD",
        },
    ),
    (
        "Famly of three, me my husbnad and our dauhgter aged 7, from Atlanta to Orlando, Juyl 14-21",
        {
            "origin": "ATL",
            "destination": "Orlando",
            "start": "2027-07-14",
            "end": "2027-07-21",
            "adults": 2,
            "children": [7],
        },
    ),
    (
        "Wnat to visit Amsterdm from New York, Septmber 1st to September 8th, me and two freinds",
        {"origin": "NYC", "destination": "AMS", "start": "2027-09-01", "end": "2027-09-08", "adults": 3},
    ),
    (
        "Travling solo from Toronto to Montreal, Tusday March 16 to Friday March 19, by trian only",
        {
            "origin": "YTO",
            "destination": "YMQ",
            "start": "2027-03-16",
            "end": "2027-03-19",
            "adults": 1,
            "allowed_modes": {"RAIL"},
        },
    ),
    (
        "Need a hotle in Las Vegas, flying from Dallas, Novmber 5-8, for 2, max $150 a nite",
        {
            "origin": "DFW",
            "destination": "LAS",
            "start": "2027-11-05",
            "end": "2027-11-08",
            "adults": 2,
            "max_nightly": "150 USD",
        },
    ),
    # -------------------------------------------------------- numbers in words
    (
        "Two adults and one child aged eight flying from Boston to San Francisco on the third "
        "of April, returning the tenth of April.",
        {
            "origin": "BOS",
            "destination": "SFO",
            "start": "2027-04-03",
            "end": "2027-04-10",
            "adults": 2,
            "children": [8],
            "missing": [],
        },
    ),
    (
        "Four friends from Chicago going to New Orleans for three nights starting March twelfth.",
        {"origin": "CHI", "destination": "MSY", "start": "2027-03-12", "end": "2027-03-15", "adults": 4, "missing": []},
    ),
    (
        "Book a trip for six people from Dallas to Denver from February fifth to February ninth "
        "with a budget of five thousand dollars.",
        {
            "origin": "DFW",
            "destination": "DEN",
            "start": "2027-02-05",
            "end": "2027-02-09",
            "adults": 6,
            "budget": "5000 USD",
            "missing": [],
        },
    ),
    (
        "Just one traveler, Miami to New York, ten days starting May first.",
        {"origin": "MIA", "destination": "NYC", "start": "2027-05-01", "end": "2027-05-10", "adults": 1, "missing": []},
    ),
    (
        "Seven of us, flying Atlanta to Cancun, June twentieth to June twenty-seventh, under three hundred a night.",
        {
            "origin": "ATL",
            "destination": "CUN",
            "start": "2027-06-20",
            "end": "2027-06-27",
            "adults": 7,
            "max_nightly": "300 USD",
        },
    ),
    (
        "a couple plus twin boys aged eleven, Houston to Orlando, the fourteenth of August to "
        "the twenty-first of August",
        {
            "origin": "HOU",
            "destination": "Orlando",
            "start": "2027-08-14",
            "end": "2027-08-21",
            "adults": 2,
            "children": [11, 11],
            "missing": [],
        },
    ),
    (
        "Nine adults from Philadelphia to Nashville, October second to October fifth.",
        {"origin": "PHL", "destination": "BNA", "start": "2027-10-02", "end": "2027-10-05", "adults": 9, "missing": []},
    ),
    (
        "two of us, Seattle to Honolulu, fourteen nights from the first of December, twelve hundred dollars per person",
        {
            "origin": "Seattle",
            "destination": "Honolulu",
            "start": "2027-12-01",
            "end": "2027-12-15",
            "adults": 2,
            "budget": "2400 USD",
        },
    ),
    # ----------------------------------------------- date orders and relatives
    (
        "From Chicago to London on the 5th of June until the 12th of June, one adult.",
        {"origin": "CHI", "destination": "LON", "start": "2027-06-05", "end": "2027-06-12", "adults": 1, "missing": []},
    ),
    (
        "Flying out of Denver Wednesday, March 3rd, to Phoenix, back Saturday, March 6th, just me.",
        {
            "origin": "DEN",
            "destination": "Phoenix",
            "start": "2027-03-03",
            "end": "2027-03-06",
            "adults": 1,
            "missing": [],
        },
    ),
    (
        "Leaving in 3 weeks from Atlanta to Miami, staying 4 nights, 2 adults",
        {"origin": "ATL", "destination": "MIA", "start": "2027-02-03", "end": "2027-02-07", "adults": 2, "missing": []},
    ),
    (
        "10 days from now I want to go from Boston to Chicago for a week, solo",
        {"origin": "BOS", "destination": "CHI", "start": "2027-01-23", "end": "2027-01-30", "adults": 1, "missing": []},
    ),
    (
        "Starting 2 weeks from today, Seattle to San Diego, 5 nights, two of us",
        {
            "origin": "Seattle",
            "destination": "SAN",
            "start": "2027-01-27",
            "end": "2027-02-01",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "Next Friday, the 22nd, fly me from New York to Miami, back Monday the 25th. 1 adult",
        {"origin": "NYC", "destination": "MIA", "start": "2027-01-22", "end": "2027-01-25", "adults": 1, "missing": []},
    ),
    (
        "This Friday through Sunday, Philadelphia to Boston, me and my brother",
        {"origin": "PHL", "destination": "BOS", "start": "2027-01-15", "end": "2027-01-17", "adults": 2, "missing": []},
    ),
    (
        "Leaving tomorrow, Chicago to Detroit, 2 nights, just me",
        {"origin": "CHI", "destination": "DTT", "start": "2027-01-14", "end": "2027-01-16", "adults": 1, "missing": []},
    ),
    (
        "From today for 5 nights, Los Angeles to Las Vegas, 2 people",
        {"origin": "LAX", "destination": "LAS", "start": "2027-01-13", "end": "2027-01-18", "adults": 2, "missing": []},
    ),
    (
        "London to Rome, 18/03/2027 - 22/03/2027, 2 adults",
        {"origin": "LON", "destination": "ROM", "start": "2027-03-18", "end": "2027-03-22", "adults": 2, "missing": []},
    ),
    (
        "Jan 5 - Jan 9, Boston to Montreal, one person",
        {"origin": "BOS", "destination": "YMQ", "start": "2028-01-05", "end": "2028-01-09", "adults": 1, "missing": []},
    ),
    (
        "in six weeks, Dallas to Mexico City for 1 week, me and my wife",
        {"origin": "DFW", "destination": "MEX", "start": "2027-02-24", "end": "2027-03-03", "adults": 2, "missing": []},
    ),
    # ---------------------------------------------------------- who travels
    (
        "A group of 6 from Chicago to Austin, April 23-26",
        {"origin": "CHI", "destination": "AUS", "start": "2027-04-23", "end": "2027-04-26", "adults": 6, "missing": []},
    ),
    (
        "Trip for a duo: Denver to San Francisco, May 7-10",
        {"origin": "DEN", "destination": "SFO", "start": "2027-05-07", "end": "2027-05-10", "adults": 2, "missing": []},
    ),
    (
        "The four of us want to go from Boston to Montreal, July 1 to July 4",
        {"origin": "BOS", "destination": "YMQ", "start": "2027-07-01", "end": "2027-07-04", "adults": 4, "missing": []},
    ),
    (
        "Me, my partner and our 2 kids aged 4 and 7, from New York to Orlando, April 10-17",
        {
            "origin": "NYC",
            "destination": "Orlando",
            "start": "2027-04-10",
            "end": "2027-04-17",
            "adults": 2,
            "children": [4, 7],
            "missing": [],
        },
    ),
    (
        "Going solo from London to Lisbon, 8-13 May, max 120 a night",
        {
            "origin": "LON",
            "destination": "LIS",
            "start": "2027-05-08",
            "end": "2027-05-13",
            "adults": 1,
            "max_nightly": "120 GBP",
            "missing": [],
        },
    ),
    (
        "My wife, me, and our three children aged 2, 5 and 9 - Atlanta to San Diego, June 26 to July 3",
        {
            "origin": "ATL",
            "destination": "SAN",
            "start": "2027-06-26",
            "end": "2027-07-03",
            "adults": 2,
            "children": [2, 5, 9],
            "missing": [],
        },
    ),
    (
        "Grandma, Grandpa and the grandkids (10 and 12) from Philadelphia to Orlando, 7/31-8/7",
        {
            "origin": "PHL",
            "destination": "Orlando",
            "start": "2027-07-31",
            "end": "2027-08-07",
            "adults": 2,
            "children": [10, 12],
            "missing": [],
        },
    ),
    (
        "Party of 5 adults, Houston to Las Vegas, 10/14-10/17, 2 rooms",
        {
            "origin": "HOU",
            "destination": "LAS",
            "start": "2027-10-14",
            "end": "2027-10-17",
            "adults": 5,
            "rooms": 2,
            "missing": [],
        },
    ),
    (
        "Single dad here with my son (13), flying Seattle to Los Angeles 8/2-8/8",
        {
            "origin": "Seattle",
            "destination": "LAX",
            "start": "2027-08-02",
            "end": "2027-08-08",
            "adults": 1,
            "children": [13],
            "missing": [],
        },
    ),
    # ------------------------------------------------------ which end is which
    (
        "Starting in Boston and ending in Washington, D.C., March 22 to March 26, 2 adults",
        {"origin": "BOS", "destination": "WAS", "start": "2027-03-22", "end": "2027-03-26", "adults": 2, "missing": []},
    ),
    (
        "Setting off from Atlanta, Nashville is where we're headed, 4/2-4/5, 3 of us",
        {"origin": "ATL", "destination": "BNA", "start": "2027-04-02", "end": "2027-04-05", "adults": 3, "missing": []},
    ),
    (
        "Originating in Seattle, bound for Anchorage, 6/15 - 6/22, 1 traveller",
        {
            "origin": "Seattle",
            "destination": "Anchorage",
            "start": "2027-06-15",
            "end": "2027-06-22",
            "adults": 1,
            "missing": [],
        },
    ),
    (
        "Austin is home, want to see New York, 5/13-5/17, me and my mom",
        {"origin": "AUS", "destination": "NYC", "start": "2027-05-13", "end": "2027-05-17", "adults": 2, "missing": []},
    ),
    (
        "Miami is our destination; we're coming from Toronto. February 15 to 22, two adults.",
        {"origin": "YTO", "destination": "MIA", "start": "2027-02-15", "end": "2027-02-22", "adults": 2, "missing": []},
    ),
    (
        "Fly me into Rome, I'm leaving from Chicago, Oct 20 - Oct 30, just me",
        {"origin": "CHI", "destination": "ROM", "start": "2027-10-20", "end": "2027-10-30", "adults": 1, "missing": []},
    ),
    (
        "Destination: Lisbon. Departure city: Philadelphia. 6/5-6/12. Adults: 2",
        {"origin": "PHL", "destination": "LIS", "start": "2027-06-05", "end": "2027-06-12", "adults": 2, "missing": []},
    ),
    (
        "We live in San Francisco and want to escape to Honolulu, 3/20-3/27, a couple",
        {
            "origin": "SFO",
            "destination": "Honolulu",
            "start": "2027-03-20",
            "end": "2027-03-27",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "New York from Boston, 3/5 to 3/7, solo",
        {"origin": "BOS", "destination": "NYC", "start": "2027-03-05", "end": "2027-03-07", "adults": 1, "missing": []},
    ),
    (
        "Leaving Toronto, arriving in Vancouver, 8/9-8/16, 3 adults",
        {
            "origin": "YTO",
            "destination": "Vancouver",
            "start": "2027-08-09",
            "end": "2027-08-16",
            "adults": 3,
            "missing": [],
        },
    ),
    # ------------------------------------- weekday returns and long weekends
    (
        "Out 3/4 from Boston to Washington, back the following Monday, 2 adults",
        {"origin": "BOS", "destination": "WAS", "start": "2027-03-04", "end": "2027-03-08", "adults": 2, "missing": []},
    ),
    (
        "Leaving Chicago 6/9 for Denver, coming back Sunday, solo",
        {"origin": "CHI", "destination": "DEN", "start": "2027-06-09", "end": "2027-06-13", "adults": 1, "missing": []},
    ),
    (
        "Depart 2027-04-15 New York to Miami, return the Tuesday after, 2 people",
        {"origin": "NYC", "destination": "MIA", "start": "2027-04-15", "end": "2027-04-20", "adults": 2, "missing": []},
    ),
    (
        "Fly Atlanta to Austin on 9/24, home Monday, me and a friend",
        {"origin": "ATL", "destination": "AUS", "start": "2027-09-24", "end": "2027-09-27", "adults": 2, "missing": []},
    ),
    (
        "Long weekend in Nashville from Chicago: Friday 2/12 to Monday 2/15, 4 of us",
        {"origin": "CHI", "destination": "BNA", "start": "2027-02-12", "end": "2027-02-15", "adults": 4, "missing": []},
    ),
    (
        "Long weekend, Boston to Montreal, Thursday May 27 to Sunday May 30, 2 adults",
        {"origin": "BOS", "destination": "YMQ", "start": "2027-05-27", "end": "2027-05-30", "adults": 2, "missing": []},
    ),
    (
        "A long weekend in New Orleans starting Friday March 5, back Monday, from Houston, 3 adults",
        {"origin": "HOU", "destination": "MSY", "start": "2027-03-05", "end": "2027-03-08", "adults": 3, "missing": []},
    ),
    # ---------------------------------------------- everyday words near places
    (
        "Book a house in Austin for us, coming from Dallas, 5/21-5/24, 6 adults",
        {"origin": "DFW", "destination": "AUS", "start": "2027-05-21", "end": "2027-05-24", "adults": 6, "missing": []},
    ),
    (
        "We need to check into a hotel in Boston on March 8 and check out March 11, flying from Chicago, 1 adult",
        {"origin": "CHI", "destination": "BOS", "start": "2027-03-08", "end": "2027-03-11", "adults": 1, "missing": []},
    ),
    (
        "A long trip: from Seattle to Tokyo, 3 weeks starting October 1, 2 adults",
        {
            "origin": "Seattle",
            "destination": "TYO",
            "start": "2027-10-01",
            "end": "2027-10-22",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "Need a place to stay near the beach in Miami, leaving from New York, 2/10-2/14, 2 adults",
        {"origin": "NYC", "destination": "MIA", "start": "2027-02-10", "end": "2027-02-14", "adults": 2, "missing": []},
    ),
    (
        "Book a flight and a hotel, Denver to Phoenix, the trip is 3/15-3/19, party of 2",
        {
            "origin": "DEN",
            "destination": "Phoenix",
            "start": "2027-03-15",
            "end": "2027-03-19",
            "adults": 2,
            "missing": [],
        },
    ),
    # --------------------------------------------------------- transport rules
    (
        "No flying please: New York to Washington, 3/9-3/11, 1 adult",
        {
            "origin": "NYC",
            "destination": "WAS",
            "start": "2027-03-09",
            "end": "2027-03-11",
            "adults": 1,
            "avoided_modes": {"FLIGHT"},
        },
    ),
    (
        "Boston to Philadelphia by train only, 4/13-4/15, 2 adults",
        {
            "origin": "BOS",
            "destination": "PHL",
            "start": "2027-04-13",
            "end": "2027-04-15",
            "adults": 2,
            "allowed_modes": {"RAIL"},
        },
    ),
    (
        "We won't drive ourselves, so no rental cars. Los Angeles to San Diego, 5/6-5/9, 2 adults",
        {
            "origin": "LAX",
            "destination": "SAN",
            "start": "2027-05-06",
            "end": "2027-05-09",
            "adults": 2,
            "avoided_modes": {"SELF_DRIVE"},
        },
    ),
    (
        "No taxis on this trip, we'll use transit. Chicago to Toronto, 6/17-6/20, 1 adult",
        {
            "origin": "CHI",
            "destination": "YTO",
            "start": "2027-06-17",
            "end": "2027-06-20",
            "adults": 1,
            "avoided_modes": {"TAXI"},
        },
    ),
    (
        "Only bus or train, London to Paris, 2-6 July, 2 adults",
        {
            "origin": "LON",
            "destination": "PAR",
            "start": "2027-07-02",
            "end": "2027-07-06",
            "adults": 2,
            "allowed_modes": {"COACH", "RAIL"},
        },
    ),
    (
        "No flights and no taxis, Amsterdam to Brussels, 12-15 April, 2 adults",
        {
            "origin": "AMS",
            "destination": "BRU",
            "start": "2027-04-12",
            "end": "2027-04-15",
            "adults": 2,
            "avoided_modes": {"FLIGHT", "TAXI"},
        },
    ),
    (
        "Coach only please, Boston to New York, 2/25-2/27, 3 of us",
        {
            "origin": "BOS",
            "destination": "NYC",
            "start": "2027-02-25",
            "end": "2027-02-27",
            "adults": 3,
            "allowed_modes": {"COACH"},
        },
    ),
    (
        "Rome to Florence by rail only, and no self-driving either, 9-12 May, 2 adults",
        {
            "origin": "ROM",
            "destination": "FLR",
            "start": "2027-05-09",
            "end": "2027-05-12",
            "adults": 2,
            "allowed_modes": {"RAIL"},
            "avoided_modes": {"SELF_DRIVE"},
        },
    ),
    # -------------------------------------------------------------- room rules
    (
        "Traveling with our dog! Denver to Austin, 4/29-5/2, 2 adults, the place must be pet-friendly",
        {
            "origin": "DEN",
            "destination": "AUS",
            "start": "2027-04-29",
            "end": "2027-05-02",
            "adults": 2,
            "house_rules": {"PETS"},
        },
    ),
    (
        "I smoke, so the room needs to allow smoking. Miami to Las Vegas, 3/3-3/7, solo",
        {
            "origin": "MIA",
            "destination": "LAS",
            "start": "2027-03-03",
            "end": "2027-03-07",
            "adults": 1,
            "house_rules": {"SMOKING"},
        },
    ),
    (
        "Bachelor party of 8 from Chicago to Nashville, 6/10-6/13 - the rental has to allow parties",
        {
            "origin": "CHI",
            "destination": "BNA",
            "start": "2027-06-10",
            "end": "2027-06-13",
            "adults": 8,
            "house_rules": {"PARTIES"},
        },
    ),
    (
        "Friends will drop by, so visitors must be allowed. Boston to New York, 10/21-10/24, 2 adults",
        {
            "origin": "BOS",
            "destination": "NYC",
            "start": "2027-10-21",
            "end": "2027-10-24",
            "adults": 2,
            "house_rules": {"VISITORS"},
        },
    ),
    (
        "The place must accept children under 10 - ours are 4 and 6. Atlanta to Orlando, 3/27-4/3, 2 adults",
        {
            "origin": "ATL",
            "destination": "Orlando",
            "start": "2027-03-27",
            "end": "2027-04-03",
            "adults": 2,
            "children": [4, 6],
            "house_rules": {"CHILDREN"},
        },
    ),
    (
        "Pet-friendly and smoking allowed, Houston to New Orleans, 11/11-11/14, 1 adult",
        {
            "origin": "HOU",
            "destination": "MSY",
            "start": "2027-11-11",
            "end": "2027-11-14",
            "adults": 1,
            "house_rules": {"PETS", "SMOKING"},
        },
    ),
    # ----------------------------------------------------- accommodation types
    (
        "Entire home please, Chicago to San Diego, 7/8-7/15, 5 adults",
        {
            "origin": "CHI",
            "destination": "SAN",
            "start": "2027-07-08",
            "end": "2027-07-15",
            "adults": 5,
            "accommodation": {"ENTIRE_HOME"},
        },
    ),
    (
        "An entire apartment in Paris, from New York, 5/4-5/11, 2 adults",
        {
            "origin": "NYC",
            "destination": "PAR",
            "start": "2027-05-04",
            "end": "2027-05-11",
            "adults": 2,
            "accommodation": {"ENTIRE_HOME"},
        },
    ),
    (
        "Just a private room is fine, Boston to Montreal, 8/19-8/22, solo",
        {
            "origin": "BOS",
            "destination": "YMQ",
            "start": "2027-08-19",
            "end": "2027-08-22",
            "adults": 1,
            "accommodation": {"PRIVATE_ROOM"},
        },
    ),
    (
        "Not shared, please. London to Amsterdam, 14-17 June, 1 adult",
        {
            "origin": "LON",
            "destination": "AMS",
            "start": "2027-06-14",
            "end": "2027-06-17",
            "adults": 1,
            "avoided_accommodation": {"SHARED_ROOM"},
        },
    ),
    (
        "Hotel room only, Seattle to Chicago, 9/13-9/16, 2 adults",
        {
            "origin": "Seattle",
            "destination": "CHI",
            "start": "2027-09-13",
            "end": "2027-09-16",
            "adults": 2,
            "accommodation": {"HOTEL_ROOM"},
        },
    ),
    (
        "A private room or an entire home, but not a shared room. Denver to Portland, 10/1-10/5, 2 adults",
        {
            "origin": "DEN",
            "destination": "PDX",
            "start": "2027-10-01",
            "end": "2027-10-05",
            "adults": 2,
            "accommodation": {"PRIVATE_ROOM", "ENTIRE_HOME"},
            "avoided_accommodation": {"SHARED_ROOM"},
        },
    ),
    # ---------------------------------------------------------------- cuisines
    (
        "Philadelphia to Rome, 4/6-4/13, 2 adults, we want to eat Italian every night",
        {
            "origin": "PHL",
            "destination": "ROM",
            "start": "2027-04-06",
            "end": "2027-04-13",
            "adults": 2,
            "cuisines": {"italian"},
        },
    ),
    (
        "Boston to Mexico City, 3/1-3/6, 2 adults, big fans of Mexican cuisine",
        {
            "origin": "BOS",
            "destination": "MEX",
            "start": "2027-03-01",
            "end": "2027-03-06",
            "adults": 2,
            "cuisines": {"mexican"},
        },
    ),
    (
        "New York to Bangkok, 11/15-11/29, solo, Thai and Indian restaurants please",
        {
            "origin": "NYC",
            "destination": "BKK",
            "start": "2027-11-15",
            "end": "2027-11-29",
            "adults": 1,
            "cuisines": {"thai", "indian"},
        },
    ),
    (
        "Chicago to Paris, 9/1-9/8, 2 adults, French cuisine and lots of wine",
        {
            "origin": "CHI",
            "destination": "PAR",
            "start": "2027-09-01",
            "end": "2027-09-08",
            "adults": 2,
            "cuisines": {"french"},
            "interests": ["wine"],
        },
    ),
    (
        "Los Angeles to Tokyo, 4/1-4/10, 2 adults, Japanese food is the whole point",
        {
            "origin": "LAX",
            "destination": "TYO",
            "start": "2027-04-01",
            "end": "2027-04-10",
            "adults": 2,
            "cuisines": {"japanese"},
        },
    ),
    (
        "Seattle to Athens, 6/20-6/30, 2 adults, we love Mediterranean food",
        {
            "origin": "Seattle",
            "destination": "ATH",
            "start": "2027-06-20",
            "end": "2027-06-30",
            "adults": 2,
            "cuisines": {"mediterranean"},
        },
    ),
    # ------------------------------------------------------------ multi-city
    (
        "Rome, Florence and Venice from New York, 5/15-5/25, 2 adults",
        {
            "origin": "NYC",
            "destination": "ROM",
            "stops": ["ROM", "FLR", "VCE"],
            "start": "2027-05-15",
            "end": "2027-05-25",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "From Boston: Lisbon then Porto, 6/2-6/12, 2 adults",
        {
            "origin": "BOS",
            "destination": "LIS",
            "stops": ["LIS", "OPO"],
            "start": "2027-06-02",
            "end": "2027-06-12",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "Tokyo, Kyoto and Osaka, leaving Los Angeles 3/20, back 4/3, 2 adults",
        {
            "origin": "LAX",
            "destination": "TYO",
            "stops": ["TYO", "Kyoto", "OSA"],
            "start": "2027-03-20",
            "end": "2027-04-03",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "Chicago to Prague, Vienna and Budapest, Sept 5-17, 3 adults",
        {
            "origin": "CHI",
            "destination": "PRG",
            "stops": ["PRG", "VIE", "BUD"],
            "start": "2027-09-05",
            "end": "2027-09-17",
            "adults": 3,
            "missing": [],
        },
    ),
    (
        "Madrid, Seville and Granada, from Miami, October 8-18, a couple",
        {
            "origin": "MIA",
            "destination": "MAD",
            "stops": ["MAD", "SVQ", "GRX"],
            "start": "2027-10-08",
            "end": "2027-10-18",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "London, Edinburgh and Dublin in that order, from Toronto, August 1-14, 3 adults",
        {
            "origin": "YTO",
            "destination": "LON",
            "stops": ["LON", "EDI", "DUB"],
            "start": "2027-08-01",
            "end": "2027-08-14",
            "adults": 3,
            "missing": [],
        },
    ),
    # ------------------------------------------------------------ region trips
    (
        "2 cities in California, from Chicago, 4/14-4/21, 2 adults",
        {
            "origin": "CHI",
            "region": "US-CA",
            "city_count": 2,
            "start": "2027-04-14",
            "end": "2027-04-21",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "Show me 3 cities in Italy, from Boston, 9/10-9/24, 2 adults",
        {
            "origin": "BOS",
            "region": "IT",
            "city_count": 3,
            "start": "2027-09-10",
            "end": "2027-09-24",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "Two cities in Texas, leaving from Denver, 3/18-3/23, solo",
        {
            "origin": "DEN",
            "region": "US-TX",
            "city_count": 2,
            "start": "2027-03-18",
            "end": "2027-03-23",
            "adults": 1,
            "missing": [],
        },
    ),
    (
        "Pick 3 cities in Japan for us, flying from San Francisco, 10/10-10/24, 2 adults",
        {
            "origin": "SFO",
            "region": "JP",
            "city_count": 3,
            "start": "2027-10-10",
            "end": "2027-10-24",
            "adults": 2,
            "missing": [],
        },
    ),
    (
        "2 cities in Portugal, from London, 10-17 April, 2 adults, budget £2000",
        {
            "origin": "LON",
            "region": "PT",
            "city_count": 2,
            "start": "2027-04-10",
            "end": "2027-04-17",
            "adults": 2,
            "budget": "2000 GBP",
            "missing": [],
        },
    ),
    # ---------------------------------------------------- invalid / incomplete
    (
        "0 adults, Boston to Miami, 3/4-3/9",
        {
            "origin": "BOS",
            "destination": "MIA",
            "start": "2027-03-04",
            "end": "2027-03-09",
            "missing": ["party.adults"],
        },
    ),
    (
        "-1 travellers from Chicago to Denver, 4/1-4/5",
        {
            "origin": "CHI",
            "destination": "DEN",
            "start": "2027-04-01",
            "end": "2027-04-05",
            "missing": ["party.adults"],
        },
    ),
    (
        "A dozen of us from Atlanta to Nashville, 5/7-5/9",
        {
            "origin": "ATL",
            "destination": "BNA",
            "start": "2027-05-07",
            "end": "2027-05-09",
            "missing": ["party.adults"],
        },
    ),
    (
        "15 people for a company offsite, New York to Austin, 6/14-6/17",
        {
            "origin": "NYC",
            "destination": "AUS",
            "start": "2027-06-14",
            "end": "2027-06-17",
            "missing": ["party.adults"],
        },
    ),
    (
        "Ten adults flying Dallas to Las Vegas, 3/12-3/15",
        {
            "origin": "DFW",
            "destination": "LAS",
            "start": "2027-03-12",
            "end": "2027-03-15",
            "missing": ["party.adults"],
        },
    ),
    (
        "Boston to Lisbon, leaving June 10, returning June 3, 2 adults",
        {"origin": "BOS", "destination": "LIS", "start": "2027-06-10", "adults": 2, "missing": ["end_date"]},
    ),
    (
        "Chicago to Miami on 4/20, back on 4/15, solo",
        {"origin": "CHI", "destination": "MIA", "start": "2027-04-20", "adults": 1, "missing": ["end_date"]},
    ),
    (
        "Budget of $0, Seattle to Denver, 3/3-3/6, 1 adult",
        {
            "origin": "Seattle",
            "destination": "DEN",
            "start": "2027-03-03",
            "end": "2027-03-06",
            "adults": 1,
            "missing": ["budget"],
        },
    ),
    (
        "I have zero dollars to spend, New York to Boston, 2/5-2/7, 2 adults",
        {
            "origin": "NYC",
            "destination": "BOS",
            "start": "2027-02-05",
            "end": "2027-02-07",
            "adults": 2,
            "missing": ["budget"],
        },
    ),
    (
        "Miami to Cancun, 3/10-3/14, 2 adults, budget -500 dollars",
        {
            "origin": "MIA",
            "destination": "CUN",
            "start": "2027-03-10",
            "end": "2027-03-14",
            "adults": 2,
            "missing": ["budget"],
        },
    ),
    (
        "To Rome on May 3 for a week, 2 adults",
        {"destination": "ROM", "start": "2027-05-03", "end": "2027-05-10", "adults": 2, "missing": ["origin"]},
    ),
    (
        "I want to get away from Chicago, March 10 to 14, 2 adults",
        {"origin": "CHI", "start": "2027-03-10", "end": "2027-03-14", "adults": 2, "missing": ["destination"]},
    ),
    (
        "Boston to Paris, 2 adults, dates are flexible",
        {"origin": "BOS", "destination": "PAR", "adults": 2, "missing": ["end_date", "start_date"]},
    ),
    (
        "Sometime in May, Denver to Seattle, 2 adults",
        {"origin": "DEN", "destination": "Seattle", "adults": 2, "missing": ["end_date", "start_date"]},
    ),
    (
        "A week in Lisbon from New York, 2 adults, not sure when yet",
        {"origin": "NYC", "destination": "LIS", "adults": 2, "missing": ["end_date", "start_date"]},
    ),
    (
        "Atlanta to Orlando 7/1-7/8, 2 adults and our kids",
        {
            "origin": "ATL",
            "destination": "Orlando",
            "start": "2027-07-01",
            "end": "2027-07-08",
            "adults": 2,
            "missing": ["party.children_ages"],
        },
    ),
    (
        "London to Paris for 2 adults and 1 child, 9-12 July",
        {
            "origin": "LON",
            "destination": "PAR",
            "start": "2027-07-09",
            "end": "2027-07-12",
            "adults": 2,
            "missing": ["party.children_ages"],
        },
    ),
    (
        "Somewhere warm for 2 adults in March",
        {"adults": 2, "missing": ["destination", "end_date", "origin", "start_date"]},
    ),
    (
        "From Houston, leaving 8/5, 2 adults, no idea yet where to or when we come back",
        {"origin": "HOU", "start": "2027-08-05", "adults": 2, "missing": ["destination", "end_date"]},
    ),
    (
        "Vegas in October! 4 adults",
        {"destination": "LAS", "adults": 4, "missing": ["end_date", "origin", "start_date"]},
    ),
]
