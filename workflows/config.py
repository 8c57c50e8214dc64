"""Settings of the planner worker, from `TRIPSMITH_*` variables and the standard `OPENAI_*` ones."""

from __future__ import annotations

import json

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tripsmith.runtime.config import port_field
from tripsmith.runtime.temporal import TemporalSettings
from workflows.api import TASK_QUEUE

#: USD per million input and output tokens. The embedded model costs nothing; the others are
#: list prices, overridable with TRIPSMITH_MODEL_PRICES.
DEFAULT_MODEL_PRICES = {
    "tripsmith-rules": (0.0, 0.0),
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
}


class WorkerConfig(TemporalSettings):
    """Where the worker finds Temporal, the suppliers and the model."""

    flights_port: int = port_field("flights")
    hotels_port: int = port_field("hotels")
    weather_port: int = port_field("weather")
    profile_port: int = port_field("profile")
    ground_port: int = port_field("ground")
    model_port: int = port_field("model")
    #: Supplier services elsewhere (HOST:PORT); empty means the local ones on their ports.
    flights_address: str = ""
    hotels_address: str = ""
    weather_address: str = ""
    profile_address: str = ""
    ground_address: str = ""
    task_queue: str = TASK_QUEUE
    #: The credential supplier services expect from internal callers.
    internal_token: SecretStr = Field(min_length=16)
    #: How many activities one worker runs at once.
    max_concurrent_activities: int = Field(default=64, ge=1, le=1000)
    #: How long one model call may take before it is retried.
    model_timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    #: JSON: model name -> [USD per million input tokens, USD per million output tokens].
    model_prices: dict[str, tuple[float, float]] = Field(default_factory=lambda: dict(DEFAULT_MODEL_PRICES))

    @field_validator("model_prices", mode="before")
    @classmethod
    def _prices(cls, value):
        if isinstance(value, str):
            value = json.loads(value)
        return {**DEFAULT_MODEL_PRICES, **value}

    def supplier_address(self, name: str) -> str:
        return getattr(self, f"{name}_address") or f"{self.bind_host}:{getattr(self, f'{name}_port')}"


class ModelEndpoint(BaseSettings):
    """The model, configured as for any OpenAI client (`OPENAI_BASE_URL`, `OPENAI_API_KEY`,
    `OPENAI_MODEL`); the embedded model of the local stack by default."""

    model_config = SettingsConfigDict(env_prefix="OPENAI_", frozen=True, extra="ignore")

    #: Empty means the embedded model on TRIPSMITH_MODEL_PORT.
    base_url: str = ""
    api_key: SecretStr = SecretStr("tripsmith-local")
    model: str = "tripsmith-rules"
