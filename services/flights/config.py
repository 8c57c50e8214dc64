"""Settings of the flights service."""

from tripsmith.runtime.config import SupplierConfig, port_field


class FlightsConfig(SupplierConfig):
    """Settings of the flights service, from `TRIPSMITH_*` variables."""

    port: int = port_field("flights")
