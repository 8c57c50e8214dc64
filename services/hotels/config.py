"""Settings of the hotels service."""

from tripsmith.runtime.config import ServiceConfig, port_field


class HotelsConfig(ServiceConfig):
    """Settings of the hotels service, from `TRIPSMITH_*` variables."""

    port: int = port_field("hotels")
