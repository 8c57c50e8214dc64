"""Settings of the weather service.

`TRIPSMITH_WEATHER_PROVIDER` picks where forecast days come from: `embedded` (the default,
offline, deterministic and marked synthetic) or `open-meteo` (the public forecast API at
`TRIPSMITH_WEATHER_OPEN_METEO_URL`, no key needed). Days beyond the forecast horizon are the
climatological normals either way.
"""

from typing import Literal

from pydantic import Field

from tripsmith.runtime.config import port_field
from tripsmith.suppliers.config import SupplierConfig


class WeatherConfig(SupplierConfig):
    """Settings of the weather service, from `TRIPSMITH_*` variables."""

    port: int = port_field("weather")
    #: The source of forecast days.
    provider: Literal["embedded", "open-meteo"] = Field(default="embedded",
                                                        validation_alias="TRIPSMITH_WEATHER_PROVIDER")
    #: The daily forecast endpoint of Open-Meteo (or of a compatible server).
    open_meteo_url: str = Field(default="https://api.open-meteo.com/v1/forecast", pattern=r"^https?://\S+$",
                                validation_alias="TRIPSMITH_WEATHER_OPEN_METEO_URL")
    #: How long one Open-Meteo call may take, connection included, before the RPC fails.
    open_meteo_timeout_seconds: float = Field(default=5.0, gt=0, le=60,
                                              validation_alias="TRIPSMITH_WEATHER_OPEN_METEO_TIMEOUT_SECONDS")
    #: How many days, today included, are forecast days; later days are climatology. 16 is
    #: the most Open-Meteo forecasts; 0 answers with climatology only.
    forecast_horizon_days: int = Field(default=16, ge=0, le=16,
                                       validation_alias="TRIPSMITH_WEATHER_FORECAST_HORIZON_DAYS")
