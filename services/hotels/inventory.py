"""Hotel inventory: which hotels a city has, their rooms, and what a night costs.

Real input: the city (GeoNames: position, population, country), the country's price level
(Penn World Table 11.0), the climate station nearest the city and public holidays.
Synthesized, deterministically (seeded by SHA-256 of what each draw is about): the hotels
themselves (how many, sized by population; stars, brands, ratings, positions, amenities,
room types and counts, house rules and the kind of stay), nightly prices and how full each
night already is. Brands are
real chain names, so that a traveler's preferred chains can match; hotel names, districts
and addresses are generic, and every listing says it is synthetic.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

from tripsmith.suppliers.data.catalog import Catalog, City, distance_km
from tripsmith.suppliers.synthetic import seeded

#: Average nightly price of a double room by stars in a country at the US price level, USD;
#: set to the levels of published mid-season rates in large US cities.
BASE_NIGHTLY_USD = {1: 55.0, 2: 80.0, 3: 120.0, 4: 185.0, 5: 360.0}
STAR_WEIGHTS = {1: 4, 2: 14, 3: 40, 4: 31, 5: 11}
CHAINS = {
    5: ("Four Seasons", "Ritz-Carlton", "Mandarin Oriental", "Park Hyatt", "Sofitel Legend"),
    4: ("Marriott", "Hilton", "Hyatt Regency", "Radisson Blu", "NH Collection", "Pullman", "Crowne Plaza"),
    3: ("Ibis", "Holiday Inn Express", "Novotel", "Best Western", "Premier Inn", "Courtyard"),
    2: ("Motel One", "B&B Hotels", "Ibis Budget"),
    1: (),
}
INDEPENDENT_STYLES = ("Hotel", "Grand Hotel", "Residence", "Inn", "Boutique Hotel", "Guesthouse", "Suites")
NAME_WORDS = ("Central", "Riverside", "Garden", "Plaza", "Harbour", "Park", "Station", "Cathedral", "Market",
              "Royal", "Lighthouse", "Meridian", "Orchard", "Belvedere", "Colonnade", "Terrace", "Atrium")
DISTRICTS = ("Old Town", "City Centre", "Riverside", "Business District", "Station Quarter", "Harbourside",
             "University Quarter", "Museum Quarter", "Garden District", "Waterfront")
AMENITIES = ("WIFI", "BREAKFAST", "POOL", "GYM", "SPA", "PARKING", "AIRPORT_SHUTTLE", "RESTAURANT",
             "PET_FRIENDLY", "ACCESSIBLE", "KITCHEN", "AIR_CONDITIONING", "FAMILY_ROOMS")


@dataclass(frozen=True)
class RoomType:
    room_type_id: str
    name: str
    max_occupancy: int
    beds: str
    price_factor: float
    count: int


@dataclass(frozen=True)
class Hotel:
    hotel_id: str
    name: str
    chain: str
    stars: int
    rating: float
    review_count: int
    lat: float
    lon: float
    address: str
    neighborhood: str
    distance_from_center_km: float
    amenities: tuple[str, ...]
    description: str
    room_types: tuple[RoomType, ...]
    city: City
    price_noise: float
    #: What the property allows (HouseRule names without the prefix) and the kind of stay it
    #: sells (an AccommodationType name without the prefix).
    house_rules: tuple[str, ...] = ()
    accommodation: str = "HOTEL_ROOM"

    def room_type(self, room_type_id: str) -> RoomType | None:
        return next((room for room in self.room_types if room.room_type_id == room_type_id), None)


def hotel_count(population: int) -> int:
    """More hotels in bigger cities: 8 in a town of 15,000, about 40 at 500,000, 48 at most."""
    return max(5, min(48, round(8 * math.log2(population / 15_000 + 1))))


def _offset(lat: float, lon: float, distance: float, bearing: float) -> tuple[float, float]:
    dlat = distance / 111.2 * math.cos(bearing)
    dlon = distance / (111.2 * max(0.2, math.cos(math.radians(lat)))) * math.sin(bearing)
    return round(lat + dlat, 5), round(lon + dlon, 5)


def _stay_kind(city: City, index: int, stars: int, style: str, amenities: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The kind of stay a property sells and what its house rules allow, from a draw of its
    own (the hotel's other draws stay as they were). Chains sell hotel rooms; an independent
    "Residence" or "Suites" sells entire homes, a "Guesthouse" private rooms, or shared rooms
    at one star. Pets go with the pet-friendly amenity; smoking in 8 % of properties (3 % at
    four and five stars), parties in a quarter of entire homes and 3 % of the rest, visitors
    in 60 % (80 % of homes), young children everywhere but 10 % of boutique and five-star ones."""
    rng = seeded("house-rules", city.geonameid, index)
    if style in ("Residence", "Suites"):
        kind = "ENTIRE_HOME"
    elif style == "Guesthouse":
        kind = "SHARED_ROOM" if stars == 1 else "PRIVATE_ROOM"
    else:
        kind = "HOTEL_ROOM"
    home = kind == "ENTIRE_HOME"
    rules = [rule for rule, allowed in (
        ("PETS", "PET_FRIENDLY" in amenities),
        ("SMOKING", rng.random() < (0.03 if stars >= 4 else 0.08)),
        ("PARTIES", rng.random() < (0.25 if home else 0.03)),
        ("VISITORS", rng.random() < (0.8 if home else 0.6)),
        ("CHILDREN", rng.random() >= (0.1 if stars == 5 or style == "Boutique Hotel" else 0.0)),
    ) if allowed]
    return kind, tuple(rules)


class Inventory:
    """Deterministic hotels for every city in the catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.hotels_in = lru_cache(maxsize=4096)(self._hotels_in)

    def _hotels_in(self, geonameid: int) -> tuple[Hotel, ...]:
        city = self.catalog.cities[geonameid]
        return tuple(self._hotel(city, index) for index in range(hotel_count(city.population)))

    def hotel(self, hotel_id: str) -> Hotel | None:
        try:
            geonameid, index = (int(part) for part in hotel_id.removeprefix("h").split("-"))
        except ValueError:
            return None
        if geonameid not in self.catalog.cities:
            return None
        hotels = self.hotels_in(geonameid)
        return hotels[index] if 0 <= index < len(hotels) else None

    def _hotel(self, city: City, index: int) -> Hotel:
        rng = seeded("hotel", city.geonameid, index)
        big_city = city.population > 1_000_000
        weights = {stars: weight * (1.4 if big_city and stars >= 4 else 1.0) for stars, weight in STAR_WEIGHTS.items()}
        stars = rng.choices(list(weights), weights=list(weights.values()))[0]
        chain = rng.choice(CHAINS[stars]) if CHAINS[stars] and rng.random() < 0.55 else ""
        district = rng.choice(DISTRICTS)
        word = rng.choice(NAME_WORDS)
        name = f"{chain} {city.name} {word}" if chain else f"{rng.choice(INDEPENDENT_STYLES)} {word} {city.name}"
        spread = 1.0 + math.sqrt(city.population) / 1200
        distance = min(25.0, rng.expovariate(1 / spread))
        lat, lon = _offset(city.lat, city.lon, distance, rng.uniform(0, 2 * math.pi))
        station = self.catalog.nearest_climate_station(city.lat, city.lon, 800)
        warm = station is not None and max(station.monthly_mean_c) >= 22 or abs(city.lat) < 30
        chances = {
            "WIFI": 0.97, "BREAKFAST": 0.5, "POOL": 0.15 + 0.12 * stars + (0.2 if warm else 0), "GYM": 0.1 + 0.17 * stars,
            "SPA": 0.05 + 0.1 * max(0, stars - 2), "PARKING": 0.35 if big_city else 0.75, "AIRPORT_SHUTTLE": 0.1,
            "RESTAURANT": 0.1 + 0.18 * stars, "PET_FRIENDLY": 0.25, "ACCESSIBLE": 0.55 + 0.08 * stars,
            "KITCHEN": 0.12, "AIR_CONDITIONING": 0.95 if warm else 0.45, "FAMILY_ROOMS": 0.45,
        }
        amenities = tuple(a for a in AMENITIES if rng.random() < chances[a])
        rooms = 30 + stars * 30 + int(rng.uniform(0, 120) * (2 if big_city else 1))
        room_types = [RoomType("dbl", "Double room", 2, "1 queen bed", 1.0, int(rooms * 0.5)),
                      RoomType("twn", "Twin room", 2, "2 single beds", 1.0, int(rooms * 0.25))]
        if stars <= 3:
            room_types.append(RoomType("sgl", "Single room", 1, "1 single bed", 0.8, int(rooms * 0.1)))
        if "FAMILY_ROOMS" in amenities:
            room_types.append(RoomType("fam", "Family room", 4, "1 queen bed and 2 single beds", 1.5, int(rooms * 0.1) + 2))
        if stars >= 4:
            room_types.append(RoomType("ste", "Suite", 3, "1 king bed and a sofa bed", 1.9, int(rooms * 0.05) + 2))
        rating = round(min(9.8, max(5.0, 5.6 + 0.65 * stars + rng.gauss(0, 0.6))), 1)
        description = (
            f"A {stars}-star {'chain' if chain else 'independent'} hotel in the {district.lower()} of {city.name}, "
            f"{distance:.1f} km from the centre, with {rooms} rooms"
            + (f"; {', '.join(a.lower().replace('_', ' ') for a in amenities[:4])}" if amenities else "")
            + ". Synthetic listing."
        )
        style = "" if chain else name.split(f" {word} ")[0]
        accommodation, house_rules = _stay_kind(city, index, stars, style, amenities)
        return Hotel(
            hotel_id=f"h{city.geonameid}-{index}", name=name, chain=chain, stars=stars, rating=rating,
            review_count=int(rng.lognormvariate(5.5, 1.0)), lat=lat, lon=lon,
            address=f"{rng.randint(1, 240)} {word} Street, {city.name}", neighborhood=district,
            distance_from_center_km=round(distance, 2), amenities=amenities, description=description,
            room_types=tuple(room_types), city=city, price_noise=rng.uniform(0.85, 1.2),
            house_rules=house_rules, accommodation=accommodation,
        )

    def hotels_near(self, lat: float, lon: float, radius_km: float) -> list[Hotel]:
        """The hotels within a circle, from the cities whose hotels can reach into it."""
        reach = radius_km + 30
        cities = [c for c in self.catalog.cities.values()
                  if abs(c.lat - lat) < reach / 111 + 0.5 and distance_km(lat, lon, c.lat, c.lon) <= reach]
        return [hotel for city in cities for hotel in self.hotels_in(city.geonameid)
                if distance_km(lat, lon, hotel.lat, hotel.lon) <= radius_km]

    # Prices and occupancy ---------------------------------------------------------------

    def nightly_usd(self, hotel: Hotel, room: RoomType, night: dt.date) -> float:
        """The price of one room for one night, in USD."""
        city = hotel.city
        level = self.catalog.price_level(city.country) ** 0.8
        size = min(1.35, max(0.85, 1 + 0.12 * math.log10(max(city.population, 15_000) / 100_000)))
        month = night.month if city.lat >= 0 else (night.month + 5) % 12 + 1
        season = {6: 1.15, 7: 1.22, 8: 1.2, 12: 1.1, 1: 0.85, 2: 0.88, 11: 0.9}.get(month, 1.0)
        weekend = 1.12 if night.weekday() in (4, 5) else 1.0
        holiday = 1.18 if self.catalog.holiday(city.country, night) else 1.0
        return BASE_NIGHTLY_USD[hotel.stars] * level * size * season * weekend * holiday * room.price_factor * hotel.price_noise

    def rooms_left(self, hotel: Hotel, room: RoomType, night: dt.date, today: dt.date) -> int:
        """Rooms other guests have not taken yet: fuller near the date, at weekends and holidays."""
        days = (night - today).days
        busy = 0.4 + 0.3 * max(0.0, 1 - days / 45) + (0.1 if night.weekday() in (4, 5) else 0.0)
        busy += 0.1 if self.catalog.holiday(hotel.city.country, night) else 0.0
        busy = min(0.98, max(0.0, busy + seeded("occupancy", hotel.hotel_id, room.room_type_id, night).uniform(-0.2, 0.2)))
        return room.count - int(room.count * busy)

    @staticmethod
    def resource(hotel: Hotel, room: RoomType, night: dt.date) -> str:
        return f"{hotel.hotel_id}/{room.room_type_id}/{night.isoformat()}"
