"""Settings of the profile service."""

from tripsmith.runtime.config import SupplierConfig, port_field


class ProfileConfig(SupplierConfig):
    """Settings of the profile service, from `TRIPSMITH_*` variables."""

    port: int = port_field("profile")
