"""IATA metropolitan area codes: one code for all airports of a city.

Curated from IATA's published multi-airport city codes (facts, not synthesized). Where a
metro code is also an airport's own code (SHA, HOU, BKK, IST...), a search by that code
means the whole metro area, as travel agents read it.
"""

#: code -> (city name, country code, airports), the busiest airport first.
METRO_AREAS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "NYC": ("New York", "US", ("JFK", "EWR", "LGA")),
    "WAS": ("Washington", "US", ("IAD", "DCA", "BWI")),
    "CHI": ("Chicago", "US", ("ORD", "MDW")),
    "HOU": ("Houston", "US", ("IAH", "HOU")),
    "DTT": ("Detroit", "US", ("DTW",)),
    "YTO": ("Toronto", "CA", ("YYZ", "YTZ")),
    "YMQ": ("Montreal", "CA", ("YUL",)),
    "SAO": ("Sao Paulo", "BR", ("GRU", "CGH", "VCP")),
    "RIO": ("Rio de Janeiro", "BR", ("GIG", "SDU")),
    "BUE": ("Buenos Aires", "AR", ("EZE", "AEP")),
    "LON": ("London", "GB", ("LHR", "LGW", "STN", "LTN", "LCY", "SEN")),
    "PAR": ("Paris", "FR", ("CDG", "ORY", "BVA")),
    "MIL": ("Milan", "IT", ("MXP", "LIN", "BGY")),
    "ROM": ("Rome", "IT", ("FCO", "CIA")),
    "STO": ("Stockholm", "SE", ("ARN", "BMA", "NYO")),
    "OSL": ("Oslo", "NO", ("OSL", "TRF")),
    "BRU": ("Brussels", "BE", ("BRU", "CRL")),
    "REK": ("Reykjavik", "IS", ("KEF", "RKV")),
    "MOW": ("Moscow", "RU", ("SVO", "DME", "VKO")),
    "IST": ("Istanbul", "TR", ("IST", "SAW")),
    "TYO": ("Tokyo", "JP", ("HND", "NRT")),
    "OSA": ("Osaka", "JP", ("KIX", "ITM", "UKB")),
    "SEL": ("Seoul", "KR", ("ICN", "GMP")),
    "BJS": ("Beijing", "CN", ("PEK", "PKX")),
    "SHA": ("Shanghai", "CN", ("PVG", "SHA")),
    "BKK": ("Bangkok", "TH", ("BKK", "DMK")),
    "JKT": ("Jakarta", "ID", ("CGK", "HLP")),
    "DXB": ("Dubai", "AE", ("DXB", "DWC")),
}
