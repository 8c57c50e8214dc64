"""Settings of the gateway."""

from __future__ import annotations

from pathlib import Path

import grpc
from pydantic import Field

from tripsmith.runtime.config import ServiceConfig, port_field
from tripsmith.runtime.temporal import TemporalSettings
from workflows.api import TASK_QUEUE


class GatewayConfig(ServiceConfig, TemporalSettings):
    """Settings of the gateway, from `TRIPSMITH_*` variables."""

    port: int = port_field("gateway")
    task_queue: str = TASK_QUEUE
    #: Where tenants, API keys and ratings live; empty means `<data dir>/gateway/`.
    gateway_store: Path | None = None
    #: Redis for rate limits shared by every replica (redis://HOST:PORT/DB); empty keeps the
    #: limits inside this process, which is right for one gateway.
    redis_url: str = ""
    #: Calls per second each tenant may make, with bursts of up to rate_burst.
    rate_per_second: float = Field(default=20.0, gt=0)
    rate_burst: int = Field(default=40, ge=1)
    #: Calls of one tenant in flight at once (streams excluded).
    max_concurrent_calls: int = Field(default=16, ge=1)
    #: How long a proposed itinerary or a question waits for the traveler.
    plan_wait_seconds: float = Field(default=24 * 3600.0, gt=0)
    #: TLS: the server's certificate chain and key (PEM); both empty serves plaintext, which
    #: the embedded stack does on 127.0.0.1 only.
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    #: Mutual TLS: the CA that client certificates must chain to; set, a client certificate
    #: is required.
    tls_client_ca_file: Path | None = None

    def store_dir(self) -> Path:
        return self.gateway_store or self.data_dir / "gateway"

    def tenants_file(self) -> Path:
        return self.store_dir() / "tenants.sqlite"

    def demo_key_file(self) -> Path:
        """The local stack's key of the "demo" tenant, which the CLI uses by default."""
        return self.store_dir() / "demo-api-key"

    def server_credentials(self) -> grpc.ServerCredentials | None:
        if not self.tls_cert_file and not self.tls_key_file:
            return None
        if not (self.tls_cert_file and self.tls_key_file):
            raise ValueError("TRIPSMITH_TLS_CERT_FILE and TRIPSMITH_TLS_KEY_FILE must be set together")
        pair = [(self.tls_key_file.read_bytes(), self.tls_cert_file.read_bytes())]
        if self.tls_client_ca_file:
            return grpc.ssl_server_credentials(pair, root_certificates=self.tls_client_ca_file.read_bytes(),
                                               require_client_auth=True)
        return grpc.ssl_server_credentials(pair)
