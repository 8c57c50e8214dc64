"""Climate normals for any place and day: the figures every other weather number rests on.

Real inputs, from the supplier data file: the monthly mean temperatures (CHELSA v2.1,
1981-2010) and the annual precipitation of 270 cities. A place uses the nearest of those
stations within STATION_RADIUS_KM as it is; farther from every station, a latitude-and-season
model calibrated on the same stations stands in. Everything else (the daily high and low, the
chance of precipitation and its amount, their seasons) is modelled from those inputs by the
formulas below, which docs/weather-model.md explains with the figures they were checked on.
All of it is pure and deterministic: the same place and day give the same normals.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, replace
from functools import lru_cache

from services.weather.model import Source
from tripsmith.suppliers.data.catalog import Catalog, ClimateStation, distance_km

#: Bumped whenever a formula changes, so that provenance and seeds say which model spoke.
MODEL_VERSION = 1
#: A station this close stands for the place; farther, the latitude-and-season model does.
STATION_RADIUS_KM = 300.0
#: Stations this close inform the latitude model's continentality and precipitation.
REGION_RADIUS_KM = 2500.0

#: Annual mean temperature by latitude and continentality, T = a - (b + c K) sin²(latitude),
#: a least-squares fit over the 270 stations (see docs/weather-model.md for its error).
ANNUAL_MEAN_EQUATOR_C = 26.3
ANNUAL_MEAN_POLEWARD_DROP_C = 24.9
CONTINENTAL_COOLING_C = 0.116
#: Gorczyński's continentality index K where no station is within the region: the medians
#: of the northern (22) and southern (6, mostly ocean) hemisphere stations.
DEFAULT_CONTINENTALITY = {True: 22.0, False: 6.0}
#: Annual precipitation (mm) by absolute latitude where no station is within the region:
#: medians of the stations per 10° band up to 60°; polar values are an assumption (the polar
#: deserts), as the data has almost no stations there.
PRECIPITATION_BY_LATITUDE = ((5.0, 1900.0), (15.0, 1400.0), (25.0, 1150.0), (35.0, 650.0),
                             (45.0, 770.0), (55.0, 650.0), (70.0, 400.0), (85.0, 150.0))
#: Where the warmest part of the year falls, in months from 1 January (mid-July, mid-January).
WARMEST = {True: 6.7, False: 0.7}
#: Where the tropical wet season peaks, in months from 1 January (end of July, end of January).
WETTEST = {True: 7.0, False: 1.0}
#: The regions of mediterranean climate (Köppen Cs: dry summers, wet winters), as
#: (south, north, west, east) boxes; a place in one with a mild winter (coldest month at
#: least 3 °C) gets its precipitation in winter. Outside them and the tropics, it is spread
#: evenly over the year.
MEDITERRANEAN = (
    (30.0, 45.0, -10.0, 40.0),  # the Mediterranean basin and Portugal
    (32.0, 42.0, -125.0, -116.0),  # California
    (-38.0, -30.0, -75.0, -69.0),  # central Chile
    (-38.0, -30.0, 114.0, 139.0),  # south-western and southern Australia
    (-35.0, -32.0, 17.0, 21.0),  # the Western Cape
)
MEDITERRANEAN_MIN_WINTER_C = 3.0
SOLAR_CONSTANT = 1361.0


@dataclass(frozen=True)
class Normals:
    """The long-term normal of one day of the year at one place."""

    mean_c: float
    high_c: float
    low_c: float
    #: The share of such days with measurable precipitation.
    precipitation_probability: float
    #: The expected precipitation of such a day, dry days included.
    precipitation_mm: float
    #: The mean precipitation of such a day when it is wet.
    wet_day_mm: float


@dataclass(frozen=True)
class Climate:
    """A place's climate: twelve monthly means and an annual total, plus where they came from."""

    #: Places with the same key share their daily weather (they use the same station).
    key: str
    lat: float
    monthly_mean_c: tuple[float, ...]
    annual_mm: float
    source: Source
    #: The precipitation season: s(x) = 1 + amplitude cos(2π (x - peak) / 12), x in months.
    wet_season_amplitude: float = 0.0
    wet_season_peak: float = 0.0

    @property
    def annual_range_c(self) -> float:
        return max(self.monthly_mean_c) - min(self.monthly_mean_c)

    @property
    def variability_c(self) -> float:
        """The standard deviation of daily mean temperatures around the normal.

        About 1 °C in the tropics, 2-3 °C in maritime mid-latitudes and up to 5 °C in
        continental interiors: it grows with the annual range, as the weather does.
        """
        return min(5.0, 0.8 + 0.12 * self.annual_range_c)

    def normals(self, day: dt.date) -> Normals:
        """The normal of a date (month and day; the year matters only for leap days)."""
        position = (day.month - 1) + (day.day - 0.5) / calendar.monthrange(day.year, day.month)[1]
        return self._normals(position, day.timetuple().tm_yday)

    def _normals(self, position: float, day_of_year: int) -> Normals:
        mean = _interpolate(self.monthly_mean_c, position)
        season = 1.0 + self.wet_season_amplitude * math.cos(2 * math.pi * (position - self.wet_season_peak) / 12)
        probability = min(0.95, max(0.01, rainy_days(self.annual_mm) / 365.0 * season))
        expected_mm = self.annual_mm / 365.25 * season
        diurnal = (4.0 + 12.0 * (1.0 - probability) ** 2) * _sun_factor(self.lat, day_of_year)
        return Normals(mean, mean + diurnal / 2, mean - diurnal / 2, probability, expected_mm,
                       expected_mm / probability)


class ClimateModel:
    """Finds a place's climate in the catalog's stations, or models it from its latitude."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._stations = list(catalog.climate_stations)
        self._climate = lru_cache(maxsize=4096)(self._find)

    def climate(self, lat: float, lon: float) -> Climate:
        return self._climate(round(lat, 4), round(lon, 4))

    def _find(self, lat: float, lon: float) -> Climate:
        station = self._catalog.nearest_climate_station(lat, lon, STATION_RADIUS_KM)
        if station is not None:
            return self._with_wet_season(Climate(
                key=f"station/{station.country}/{station.city}",
                lat=station.lat,
                monthly_mean_c=station.monthly_mean_c,
                annual_mm=station.annual_mm or self._regional_precipitation(lat, lon),
                source=Source(
                    f"Tripsmith weather model on the CHELSA v2.1 normals of {station.city}, {station.country} "
                    "(world-temperature-data, world-rainfall-data)",
                    f"normals 1981-2010, model {MODEL_VERSION}",
                    True,
                ),
            ), station.lon)
        return self._with_wet_season(Climate(
            key=f"grid/{lat:.1f}/{lon:.1f}",
            lat=lat,
            monthly_mean_c=self._latitude_means(lat, lon),
            annual_mm=self._regional_precipitation(lat, lon),
            source=Source(
                "Tripsmith weather model by latitude and season, calibrated on CHELSA v2.1 normals "
                f"(no station within {STATION_RADIUS_KM:.0f} km)",
                f"normals 1981-2010, model {MODEL_VERSION}",
                True,
            ),
        ), lon)

    @staticmethod
    def _with_wet_season(climate: Climate, lon: float) -> Climate:
        """Adds the precipitation season: winter-wet in mediterranean climates, summer-wet in the tropics."""
        north = climate.lat >= 0
        mild_winter = min(climate.monthly_mean_c) >= MEDITERRANEAN_MIN_WINTER_C
        if mild_winter and any(lat_min <= climate.lat <= lat_max and lon_min <= lon <= lon_max
                               for lat_min, lat_max, lon_min, lon_max in MEDITERRANEAN):
            return replace(climate, wet_season_amplitude=0.85, wet_season_peak=WARMEST[not north])
        return replace(climate, wet_season_amplitude=_monsoon(climate.lat), wet_season_peak=WETTEST[north])

    def _region(self, lat: float, lon: float) -> list[tuple[float, ClimateStation]]:
        """(inverse-square-distance weight, station) of the stations within the region."""
        region = []
        for station in self._stations:
            distance = distance_km(lat, lon, station.lat, station.lon)
            if distance <= REGION_RADIUS_KM:
                region.append((1.0 / max(distance, 1.0) ** 2, station))
        return region

    def _latitude_means(self, lat: float, lon: float) -> tuple[float, ...]:
        """Monthly means from latitude, hemisphere and the region's continentality.

        Annual mean a - (b + c K) sin²φ; annual range from Gorczyński's index K inverted,
        range = (K + 20.4) |sin φ| / 1.7, with K averaged over the region's stations (else
        the hemisphere's median); a cosine season peaking in mid-July or mid-January.
        """
        north = lat >= 0
        sin_lat = abs(math.sin(math.radians(lat)))
        region = [(weight, continentality(station)) for weight, station in self._region(lat, lon)]
        k = (sum(w * value for w, value in region) / sum(w for w, _ in region)) if region \
            else DEFAULT_CONTINENTALITY[north]
        annual_range = max(1.0, (k + 20.4) * sin_lat / 1.7)
        annual_mean = ANNUAL_MEAN_EQUATOR_C - (ANNUAL_MEAN_POLEWARD_DROP_C + CONTINENTAL_COOLING_C * k) * sin_lat ** 2
        return tuple(
            round(annual_mean + annual_range / 2 * math.cos(2 * math.pi * (month + 0.5 - WARMEST[north]) / 12), 1)
            for month in range(12)
        )

    def _regional_precipitation(self, lat: float, lon: float) -> float:
        """The region's annual precipitation (geometric, distance-weighted), else the latitude's."""
        region = [(weight, math.log(station.annual_mm)) for weight, station in self._region(lat, lon)
                  if station.annual_mm]
        if region:
            return round(math.exp(sum(w * value for w, value in region) / sum(w for w, _ in region)))
        return _by_latitude(abs(lat))


def continentality(station: ClimateStation) -> float:
    """Gorczyński's index, K = 1.7 A / sin φ - 20.4 (A the annual range; φ at least 10°)."""
    annual_range = max(station.monthly_mean_c) - min(station.monthly_mean_c)
    return 1.7 * annual_range / max(abs(math.sin(math.radians(station.lat))), math.sin(math.radians(10))) - 20.4


def rainy_days(annual_mm: float) -> float:
    """Days a year with measurable precipitation: 190 (1 - exp(-(P/900)^1.3)).

    Wetter places have more rainy days, saturating near half the year: about 10 days for
    100 mm, 90 for 650 mm (London), 145 for 1,200 mm (New York), 185 for 2,300 mm (Singapore).
    """
    return 190.0 * (1.0 - math.exp(-((max(annual_mm, 0.0) / 900.0) ** 1.3)))


def _monsoon(lat: float) -> float:
    """How strongly the tropics' wet season follows the sun: 0.95 at 15° (an almost dry
    winter monsoon), none at the equator (rain all year) or beyond 27°."""
    return 0.95 * max(0.0, 1.0 - ((abs(lat) - 15.0) / 12.0) ** 2)


def _interpolate(monthly: tuple[float, ...], position: float) -> float:
    """Linear interpolation between mid-month values, around the year."""
    shifted = position - 0.5
    first = math.floor(shifted)
    fraction = shifted - first
    return monthly[first % 12] * (1 - fraction) + monthly[(first + 1) % 12] * fraction


def insolation(lat: float, day_of_year: int) -> float:
    """The daily mean solar radiation at the top of the atmosphere, W/m² (Cooper's declination)."""
    declination = math.radians(23.44) * math.sin(2 * math.pi * (284 + day_of_year) / 365)
    phi = math.radians(lat)
    cos_hour = max(-1.0, min(1.0, -math.tan(phi) * math.tan(declination)))
    hour = math.acos(cos_hour)
    eccentricity = 1 + 0.033 * math.cos(2 * math.pi * day_of_year / 365)
    return SOLAR_CONSTANT / math.pi * eccentricity * (
        hour * math.sin(phi) * math.sin(declination) + math.cos(phi) * math.cos(declination) * math.sin(hour)
    )


def _sun_factor(lat: float, day_of_year: int) -> float:
    """Less sun, smaller diurnal range: from 0.55 in the polar night to 1 from 400 W/m²."""
    return 0.55 + 0.45 * min(1.0, insolation(lat, day_of_year) / 400.0)


def _by_latitude(abs_lat: float) -> float:
    table = PRECIPITATION_BY_LATITUDE
    if abs_lat <= table[0][0]:
        return table[0][1]
    for (lat0, mm0), (lat1, mm1) in zip(table, table[1:]):
        if abs_lat <= lat1:
            return round(mm0 + (mm1 - mm0) * (abs_lat - lat0) / (lat1 - lat0))
    return table[-1][1]
