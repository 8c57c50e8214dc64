"""Where a process finds Temporal and how it connects (tripsmith.runtime.temporal)."""

from __future__ import annotations

import pytest

from services.gateway.config import GatewayConfig
from tripsmith.runtime.config import ConfigError, load
from tripsmith.runtime.temporal import TemporalSettings, connect_temporal
from workflows.config import WorkerConfig


def test_the_gateway_and_the_worker_read_the_same_settings(monkeypatch):
    monkeypatch.setenv("TRIPSMITH_TEMPORAL_ADDRESS", "temporal.example:7233")
    monkeypatch.setenv("TRIPSMITH_TEMPORAL_NAMESPACE", "travel")
    gateway, worker = load(GatewayConfig), load(WorkerConfig, internal_token="t" * 16)
    assert (gateway.temporal_target(), gateway.temporal_namespace) == ("temporal.example:7233", "travel")
    assert (worker.temporal_target(), worker.temporal_namespace) == ("temporal.example:7233", "travel")


def test_plaintext_locally_and_tls_when_asked_for(tmp_path):
    assert load(TemporalSettings).temporal_tls_config() is None
    assert load(TemporalSettings).temporal_target() == "127.0.0.1:7233"
    ca = tmp_path / "ca.pem"
    ca.write_bytes(b"-----BEGIN CERTIFICATE-----\n")
    assert load(TemporalSettings, temporal_tls_ca_file=ca).temporal_tls_config().server_root_ca_cert == ca.read_bytes()
    assert load(TemporalSettings, temporal_tls=True).temporal_tls_config().server_root_ca_cert is None
    assert load(TemporalSettings, temporal_api_key="key").temporal_tls_config() is not None


def test_bad_tls_settings_name_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIPSMITH_TEMPORAL_TLS_CA_FILE", str(tmp_path / "missing.pem"))
    with pytest.raises(ConfigError, match="TRIPSMITH_TEMPORAL_TLS_CA_FILE"):
        load(TemporalSettings)
    monkeypatch.delenv("TRIPSMITH_TEMPORAL_TLS_CA_FILE")
    cert = tmp_path / "client.pem"
    cert.write_text("x")
    with pytest.raises(ConfigError, match="TRIPSMITH_TEMPORAL_TLS_KEY_FILE"):
        load(TemporalSettings, temporal_tls_cert_file=cert)


async def test_it_connects_to_the_dev_server(temporal_address):
    client = await connect_temporal(load(TemporalSettings, temporal_address=temporal_address))
    assert client.namespace == "default"
    assert await client.service_client.check_health()
