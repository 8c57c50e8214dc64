"""How long the embedded stack takes to become healthy, and to stop, from an empty data dir.

    .venv/bin/python benchmarks/stack_startup.py --runs 7

Each run starts `tripsmith up` on free ports in a new temporary data dir, measures the
wall time until it prints its address table (every health check SERVING, as reported by the
supervisor itself) and the time from SIGTERM until it has exited.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import free_ports  # noqa: E402
from tripsmith.runtime.config import DEFAULT_PORTS, port_variable  # noqa: E402

TRIPSMITH = Path(sys.executable).parent / "tripsmith"


def one_run() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "TRIPSMITH_DATA_DIR": data_dir}
        env.update({port_variable(name): str(port) for name, port in zip(DEFAULT_PORTS, free_ports(len(DEFAULT_PORTS)))})
        began = time.perf_counter()
        process = subprocess.Popen([str(TRIPSMITH), "up"], env=env, stdout=subprocess.PIPE, text=True)
        for line in process.stdout:
            if line.startswith("Press Ctrl-C"):
                break
        else:
            raise SystemExit("the stack did not come up")
        healthy = time.perf_counter() - began
        stopping = time.perf_counter()
        process.send_signal(signal.SIGTERM)
        process.stdout.read()
        process.wait()
        return healthy, time.perf_counter() - stopping


def describe(label: str, values: list[float]) -> str:
    return (f"{label:<22} median {statistics.median(values):5.2f} s   "
            f"min {min(values):5.2f} s   max {max(values):5.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = [one_run() for _ in range(parser.parse_args().runs)]
    print(f"tripsmith up, {len(runs)} runs from an empty data dir ({os.cpu_count()} cores)")
    print(describe("start to all healthy", [healthy for healthy, _ in runs]))
    print(describe("SIGTERM to exited", [stopped for _, stopped in runs]))


if __name__ == "__main__":
    main()
