"""Settings of the profile service."""

from tripsmith.runtime.config import ServiceConfig, port_field


class ProfileConfig(ServiceConfig):
    """Settings of the profile service, from `TRIPSMITH_*` variables."""

    port: int = port_field("profile")
