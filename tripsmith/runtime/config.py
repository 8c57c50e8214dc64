"""Configuration from the environment, parsed once, failing fast with the variable's name.

Every setting is a `TRIPSMITH_*` variable (all of them listed in .env.example); a service's
own settings live in its `config.py` as a subclass of `ServiceConfig`. OpenTelemetry is
configured by the standard `OTEL_*` variables instead, read by the telemetry module.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "TRIPSMITH_"


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "tripsmith"


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming the variable."""


class Settings(BaseSettings):
    """Settings shared by every Tripsmith process."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="ignore")

    #: Where state, logs and local telemetry files live.
    data_dir: Path = Field(default_factory=default_data_dir)
    #: The deployment environment, recorded as `deployment.environment.name`.
    environment: str = "development"
    #: The log level: DEBUG, INFO, WARNING or ERROR.
    log_level: str = Field(default="INFO", pattern=r"^(?i:debug|info|warning|error)$")


class ServiceConfig(Settings):
    """Settings of a server.

    Each service's subclass declares `port: int = port_field("NAME")`, so that every port
    has its own variable (TRIPSMITH_NAME_PORT); 0 lets the system choose (tests).
    """

    port: int
    #: The interface servers bind to; 127.0.0.1 keeps the embedded stack off the network.
    bind_host: str = "127.0.0.1"
    #: How long in-flight calls may finish after a shutdown signal.
    shutdown_grace_seconds: float = Field(default=5.0, ge=0, le=300)


#: The default port of every component of the stack (docs/architecture.md, "Defaults").
DEFAULT_PORTS = {
    "gateway": 50051,
    "flights": 50061,
    "hotels": 50062,
    "weather": 50063,
    "profile": 50064,
    "ground": 50065,
    "model": 50070,
    "worker": 50071,
    "temporal": 7233,
    "temporal_ui": 8233,
}


def port_variable(component: str) -> str:
    """The variable that overrides a component's port, for example TRIPSMITH_FLIGHTS_PORT."""
    return f"{ENV_PREFIX}{component.upper()}_PORT"


def port_field(component: str):
    """A port setting of a component, read from its own variable."""
    return Field(default=DEFAULT_PORTS[component], ge=0, le=65535, validation_alias=port_variable(component))


SettingsT = TypeVar("SettingsT", bound=Settings)


def load(settings_class: type[SettingsT], **given) -> SettingsT:
    """Reads the settings from the environment or raises ConfigError naming the variable;
    `given` settings (by field name) take precedence over the environment."""
    try:
        return settings_class(**given)
    except ValidationError as error:
        first = error.errors()[0]
        if not first["loc"]:  # a rule across settings: its message names the variables
            raise ConfigError(first["msg"].removeprefix("Value error, ")) from None
        location = str(first["loc"][0])
        variable = _variable_name(settings_class, location)
        value = first.get("input")
        shown = f" (got {value!r})" if isinstance(value, str) and not _is_secret(settings_class, location) else ""
        raise ConfigError(f"{variable}: {first['msg']}{shown}") from None


def _is_secret(settings_class: type[Settings], location: str) -> bool:
    """Secrets are never echoed, not even when they are malformed."""
    for name, field in settings_class.model_fields.items():
        if location in (name, field.validation_alias):
            return "Secret" in str(field.annotation)
    return False


def _variable_name(settings_class: type[Settings], location: str) -> str:
    field = settings_class.model_fields.get(location)
    if field is not None and isinstance(field.validation_alias, str):
        return field.validation_alias
    if field is not None:
        return ENV_PREFIX + location.upper()
    return location
