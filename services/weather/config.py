"""Settings of the weather service."""

from tripsmith.runtime.config import ServiceConfig, port_field


class WeatherConfig(ServiceConfig):
    """Settings of the weather service, from `TRIPSMITH_*` variables."""

    port: int = port_field("weather")
