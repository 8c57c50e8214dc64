"""The guide's example: a second flights supplier, run as its own process, passes the kit."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.conftest import INTERNAL_TOKEN, ROOT, free_ports
from tripsmith.runtime.probe import GrpcHealthProbe, probe_once


async def test_the_charter_supplier_conforms(tmp_path):
    [port] = free_ports(1)
    env = {**os.environ, "TRIPSMITH_CHARTER_FLIGHTS_PORT": str(port), "TRIPSMITH_DATA_DIR": str(tmp_path),
           "TRIPSMITH_INTERNAL_TOKEN": INTERNAL_TOKEN, "TRIPSMITH_FLIGHTS_HOLD_TTL_SECONDS": "1"}
    server = subprocess.Popen([sys.executable, "-m", "examples.charter_flights"], cwd=ROOT, env=env,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not await probe_once(GrpcHealthProbe(f"127.0.0.1:{port}", "tripsmith.flights.v1.FlightsService")):
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        kit = subprocess.run(
            [sys.executable, "-m", "tripsmith.cli.main", "conformance", "flights", f"127.0.0.1:{port}",
             "--origin", "BOS", "--destination", "LIS", "--token", INTERNAL_TOKEN, "--hold-expiry-seconds", "1"],
            capture_output=True, text=True, timeout=300)
        assert kit.returncode == 0, kit.stdout + kit.stderr
        assert "0 failed" in kit.stdout and "SKIP" not in kit.stdout
    finally:
        server.terminate()
        server.wait(timeout=30)
