"""Names of the airlines that operate most routes in the OpenFlights 2014 network.

Curated from the airlines' public IATA designators (facts, not synthesized); codes absent
here are shown by their code. Some carriers ceased or merged after 2014 (US Airways,
Air Berlin, Monarch...): the route network is of its vintage, and so are its names.
"""

AIRLINE_NAMES: dict[str, str] = {
    "FR": "Ryanair", "AA": "American Airlines", "UA": "United Airlines", "DL": "Delta Air Lines",
    "US": "US Airways", "CZ": "China Southern Airlines", "CA": "Air China", "MU": "China Eastern Airlines",
    "WN": "Southwest Airlines", "AF": "Air France", "U2": "easyJet", "LH": "Lufthansa", "AZ": "Alitalia",
    "KL": "KLM Royal Dutch Airlines", "IB": "Iberia", "ZH": "Shenzhen Airlines", "FL": "AirTran Airways",
    "AC": "Air Canada", "AB": "Air Berlin", "TK": "Turkish Airlines", "DY": "Norwegian Air Shuttle",
    "NH": "All Nippon Airways", "BA": "British Airways", "AS": "Alaska Airlines", "HU": "Hainan Airlines",
    "SK": "Scandinavian Airlines", "TO": "Transavia France", "SU": "Aeroflot", "W6": "Wizz Air",
    "AM": "Aeromexico", "QF": "Qantas", "4U": "Germanwings", "AI": "Air India", "JL": "Japan Airlines",
    "B6": "JetBlue Airways", "SV": "Saudia", "MF": "Xiamen Airlines", "VY": "Vueling", "G4": "Allegiant Air",
    "3U": "Sichuan Airlines", "AD": "Azul Brazilian Airlines", "WS": "WestJet", "GS": "Tianjin Airlines",
    "JJ": "TAM Airlines", "G3": "Gol Transportes Aereos", "ET": "Ethiopian Airlines", "SC": "Shandong Airlines",
    "DE": "Condor", "AY": "Finnair", "MH": "Malaysia Airlines", "UN": "Transaero Airlines", "LS": "Jet2.com",
    "9W": "Jet Airways", "LX": "Swiss International Air Lines", "KE": "Korean Air", "EK": "Emirates",
    "AV": "Avianca", "LA": "LATAM Airlines", "VA": "Virgin Australia", "QR": "Qatar Airways",
    "S7": "S7 Airlines", "BE": "Flybe", "OZ": "Asiana Airlines", "NK": "Spirit Airlines",
    "PK": "Pakistan International Airlines", "AT": "Royal Air Maroc", "OS": "Austrian Airlines",
    "GA": "Garuda Indonesia", "HV": "Transavia", "AH": "Air Algerie", "TP": "TAP Air Portugal",
    "NZ": "Air New Zealand", "6E": "IndiGo", "EI": "Aer Lingus", "PC": "Pegasus Airlines",
    "EY": "Etihad Airways", "U6": "Ural Airlines", "F9": "Frontier Airlines", "X3": "TUIfly",
    "JD": "Beijing Capital Airlines", "CX": "Cathay Pacific", "ZB": "Monarch Airlines", "JT": "Lion Air",
    "SQ": "Singapore Airlines", "SA": "South African Airways", "MS": "EgyptAir", "Y4": "Volaris",
    "VN": "Vietnam Airlines", "SG": "SpiceJet", "VS": "Virgin Atlantic", "TG": "Thai Airways",
    "SN": "Brussels Airlines", "FM": "Shanghai Airlines", "IR": "Iran Air", "CM": "Copa Airlines",
    "A3": "Aegean Airlines", "EP": "Iran Aseman Airlines", "S2": "JetLite", "AK": "AirAsia",
    "WF": "Wideroe", "5J": "Cebu Pacific", "CI": "China Airlines", "JQ": "Jetstar Airways",
    "UX": "Air Europa", "AR": "Aerolineas Argentinas", "IG": "Meridiana", "9C": "Spring Airlines",
    "A5": "HOP!", "KQ": "Kenya Airways", "FZ": "flydubai", "PR": "Philippine Airlines", "TU": "Tunisair",
    "HY": "Uzbekistan Airways", "HO": "Juneyao Airlines", "TS": "Air Transat", "V7": "Volotea",
    "G9": "Air Arabia", "8L": "Lucky Air", "LO": "LOT Polish Airlines", "BR": "EVA Air",
    "RJ": "Royal Jordanian", "PS": "Ukraine International Airlines", "OK": "Czech Airlines",
    "BT": "airBaltic", "LG": "Luxair", "NW": "Northwest Airlines", "VX": "Virgin America",
    "HA": "Hawaiian Airlines", "SY": "Sun Country Airlines", "TN": "Air Tahiti Nui", "UL": "SriLankan Airlines",
    "WY": "Oman Air", "GF": "Gulf Air", "KU": "Kuwait Airways", "LY": "El Al", "ME": "Middle East Airlines",
}
