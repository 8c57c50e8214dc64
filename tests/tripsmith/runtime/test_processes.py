"""Each server as its own process: fails fast on bad configuration, stops on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import openai
import pytest

from tests.conftest import INTERNAL_TOKEN, TRIPSMITH, free_ports
from tripsmith.runtime.config import port_variable
from tripsmith.runtime.probe import GrpcHealthProbe, HttpProbe, probe_once

SERVICES = ["flights", "hotels", "weather", "profile", "gateway", "model"]


def run(argv: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env={**os.environ, **env}, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("service", SERVICES)
def test_a_port_that_is_not_a_number_stops_the_service(service, tmp_path):
    variable = port_variable(service)
    result = run([sys.executable, "-m", f"services.{service}"], **{variable: "http", "TRIPSMITH_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0] and "'http'" in lines[0], result.stderr


@pytest.mark.parametrize("service", SERVICES)
def test_a_bad_shared_setting_is_named_too(service, tmp_path):
    result = run(
        [sys.executable, "-m", f"services.{service}"],
        TRIPSMITH_LOG_LEVEL="chatty",
        TRIPSMITH_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"tripsmith-{service}: TRIPSMITH_LOG_LEVEL:"), result.stderr


def test_a_bad_stack_setting_stops_tripsmith_up(tmp_path):
    result = run([str(TRIPSMITH), "up"], TRIPSMITH_TEMPORAL_UI_PORT="-1", TRIPSMITH_DATA_DIR=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "tripsmith: TRIPSMITH_TEMPORAL_UI_PORT: Input should be greater than or equal to 0 (got '-1')"
    ]


async def _wait_ready(probe, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not await probe_once(probe):
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "not ready in time"
        await asyncio.sleep(0.1)


@pytest.mark.parametrize("service", SERVICES)
async def test_service_serves_then_stops_on_sigterm(service, tmp_path):
    [port] = free_ports(1)
    env = {
        **os.environ,
        port_variable(service): str(port),
        "TRIPSMITH_DATA_DIR": str(tmp_path),
        "TRIPSMITH_INTERNAL_TOKEN": INTERNAL_TOKEN,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", f"services.{service}"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        if service == "model":
            await _wait_ready(HttpProbe(f"http://127.0.0.1:{port}/healthz"), process)
        else:
            server_module = __import__(f"services.{service}.server", fromlist=["SERVICE_NAME"])
            await _wait_ready(GrpcHealthProbe(f"127.0.0.1:{port}", server_module.SERVICE_NAME), process)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert '"message": "stopped"' in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


async def test_model_endpoint_speaks_openai(tmp_path):
    [port] = free_ports(1)
    env = {**os.environ, port_variable("model"): str(port), "TRIPSMITH_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "services.model"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        await _wait_ready(HttpProbe(f"http://127.0.0.1:{port}/healthz"), process)
        client = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="local", max_retries=0)
        assert [model.id for model in client.models.list()] == ["tripsmith-rules"]
        with pytest.raises(openai.NotFoundError) as error:
            client.models.retrieve("gpt-nothing")
        assert error.value.status_code == 404
    finally:
        process.terminate()
        process.wait(timeout=30)
