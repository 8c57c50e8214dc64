"""Settings of the model endpoint."""

from tripsmith.runtime.config import ServiceConfig, port_field


class ModelConfig(ServiceConfig):
    """Settings of the model endpoint, from `TRIPSMITH_*` variables."""

    port: int = port_field("model")
