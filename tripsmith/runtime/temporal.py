"""Where a process finds Temporal, and the one way it connects: settings shared by the
gateway and the worker (`TRIPSMITH_TEMPORAL_*`), and a client whose calls, workflows and
activities are traced.

The embedded stack's dev server listens on the bind host and TRIPSMITH_TEMPORAL_PORT; a
Temporal cluster or Temporal Cloud is TRIPSMITH_TEMPORAL_ADDRESS with TLS (a CA, and a client
certificate for mutual TLS) or an API key.
"""

from __future__ import annotations

from pydantic import FilePath, SecretStr, model_validator
from temporalio.client import Client
from temporalio.runtime import Runtime
from temporalio.service import TLSConfig

from tripsmith.runtime.config import Settings, port_field


class TemporalSettings(Settings):
    """Settings of a process that talks to Temporal."""

    #: The interface of the local stack; the local Temporal frontend listens on it.
    bind_host: str = "127.0.0.1"
    temporal_port: int = port_field("temporal")
    #: A Temporal frontend elsewhere (HOST:PORT); empty means the local one on temporal_port.
    temporal_address: str = ""
    temporal_namespace: str = "default"
    #: TLS to the frontend; implied by any of the files below.
    temporal_tls: bool = False
    #: The CA the frontend's certificate chains to (PEM); empty trusts the system's roots.
    temporal_tls_ca_file: FilePath | None = None
    #: A client certificate and key (PEM), for mutual TLS.
    temporal_tls_cert_file: FilePath | None = None
    temporal_tls_key_file: FilePath | None = None
    #: An API key (Temporal Cloud); sent over TLS only.
    temporal_api_key: SecretStr = SecretStr("")

    @model_validator(mode="after")
    def _client_pair(self):
        if bool(self.temporal_tls_cert_file) != bool(self.temporal_tls_key_file):
            raise ValueError("TRIPSMITH_TEMPORAL_TLS_CERT_FILE and TRIPSMITH_TEMPORAL_TLS_KEY_FILE must be set together")
        return self

    def temporal_target(self) -> str:
        return self.temporal_address or f"{self.bind_host}:{self.temporal_port}"

    def temporal_tls_config(self) -> TLSConfig | None:
        """The TLS the connection uses, or None for plaintext (the embedded stack)."""
        files = (self.temporal_tls_ca_file, self.temporal_tls_cert_file, self.temporal_tls_key_file)
        if not (self.temporal_tls or any(files) or self.temporal_api_key.get_secret_value()):
            return None
        ca, cert, key = (path.read_bytes() if path else None for path in files)
        return TLSConfig(server_root_ca_cert=ca, client_cert=cert, client_private_key=key)


async def connect_temporal(settings: TemporalSettings, runtime: Runtime | None = None) -> Client:
    """A Temporal client for these settings, traced (`temporalio.contrib.opentelemetry`)."""
    from temporalio.contrib.opentelemetry import TracingInterceptor

    return await Client.connect(settings.temporal_target(), namespace=settings.temporal_namespace,
                                tls=settings.temporal_tls_config() or False,
                                api_key=settings.temporal_api_key.get_secret_value() or None,
                                interceptors=[TracingInterceptor()], runtime=runtime)
