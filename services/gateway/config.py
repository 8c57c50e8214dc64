"""Settings of the gateway."""

from tripsmith.runtime.config import ServiceConfig, port_field


class GatewayConfig(ServiceConfig):
    """Settings of the gateway, from `TRIPSMITH_*` variables."""

    port: int = port_field("gateway")
