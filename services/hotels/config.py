"""Settings of the hotels service."""

from tripsmith.runtime.config import SupplierConfig, port_field


class HotelsConfig(SupplierConfig):
    """Settings of the hotels service, from `TRIPSMITH_*` variables."""

    port: int = port_field("hotels")
