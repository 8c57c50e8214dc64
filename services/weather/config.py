"""Settings of the weather service."""

from tripsmith.runtime.config import SupplierConfig, port_field


class WeatherConfig(SupplierConfig):
    """Settings of the weather service, from `TRIPSMITH_*` variables."""

    port: int = port_field("weather")
