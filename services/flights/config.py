"""Settings of the flights service."""

from tripsmith.runtime.config import ServiceConfig, port_field


class FlightsConfig(ServiceConfig):
    """Settings of the flights service, from `TRIPSMITH_*` variables."""

    port: int = port_field("flights")
