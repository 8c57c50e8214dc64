"""The supervisor behind `tripsmith up`: start the stack in stages, watch it, stop it in order.

Each component runs as its own process in its own session (so a terminal's Ctrl-C reaches
only the supervisor, which then stops the others in reverse order), with its output in
`<data dir>/logs/<name>.log`. A component that dies is reported with its last log lines and
restarted with exponential back-off; one that exits with status 2 (bad configuration) or
keeps dying is not, and the whole stack stops with a clear message. While the stack is up,
`<data dir>/stack.json` lists every component's PID and addresses.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import signal
import socket
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from tripsmith.core.exits import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK
from tripsmith.runtime.config import ConfigError, load, port_variable
from tripsmith.runtime.probe import probe_once
from tripsmith.stack.components import Component, StackConfig, components, port_of, ports

log = logging.getLogger(__name__)

LOG_TAIL_LINES = 20


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on the port. It binds as servers do (SO_REUSEADDR), so
    that connections of a stack that just stopped, still in TIME_WAIT, do not count."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


class StackError(Exception):
    """The stack cannot come up or keep running; the message says why, and `status` is the
    exit status of `tripsmith up` (EXIT_BAD_INPUT when a component rejected its configuration)."""

    def __init__(self, message: str, status: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class _Running:
    component: Component
    process: asyncio.subprocess.Process
    started: float
    crashes: deque[float] = field(default_factory=deque)


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        with path.open("rb") as handle:
            return b"".join(deque(handle, maxlen=lines)).decode(errors="replace").rstrip()
    except FileNotFoundError:
        return "(no log)"


class Supervisor:
    """Runs the components of the stack as child processes."""

    def __init__(self, config: StackConfig, out=None) -> None:
        self.config = config
        self.components = components(config)
        self.data_dir = config.data_dir.resolve()
        self.log_dir = self.data_dir / "logs"
        self.state_file = self.data_dir / "stack.json"
        self._running: dict[str, _Running] = {}
        self._stopping = False
        self._failure: StackError | None = None
        self._wake = asyncio.Event()
        self._out = out

    def _say(self, message: str) -> None:
        print(message, file=self._out, flush=True)

    # Start-up -----------------------------------------------------------------------------

    def _check_ports_free(self) -> None:
        for component in self.components:
            for name in (component.name, "temporal_ui") if component.name == "temporal" else (component.name,):
                port = port_of(self.config, name)
                if not port_is_free(self.config.bind_host, port):
                    variable = port_variable(name)
                    raise StackError(
                        f"port {port} ({variable}) on {self.config.bind_host} is already in use: "
                        "is another stack running? Set the variable to another port."
                    )

    def internal_token(self) -> str:
        if self.config.internal_token is not None:
            return self.config.internal_token.get_secret_value()
        path = self.data_dir / "internal-token"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(32))
        return path.read_text().strip()

    def demo_api_key(self) -> str:
        """The local stack's API key for the "demo" tenant, created on first start where the
        gateway keeps its keys; the CLI finds it there (GatewayConfig.demo_key_file)."""
        from services.gateway.config import GatewayConfig
        from services.gateway.tenants import Tenants

        try:
            gateway = load(GatewayConfig, data_dir=self.data_dir)
        except ConfigError:
            # The gateway itself will refuse this configuration, and the stack reports it as it
            # reports any component that cannot start; there is no key to make until it is fixed.
            return ""
        return Tenants(gateway.tenants_file()).ensure_demo_key(gateway.demo_key_file())

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({variable: str(port) for variable, port in ports(self.config).items()})
        env.update(
            TRIPSMITH_DATA_DIR=str(self.data_dir),
            TRIPSMITH_BIND_HOST=self.config.bind_host,
            PYTHONUNBUFFERED="1",
            TRIPSMITH_SUPERVISOR_PID=str(os.getpid()),
            TRIPSMITH_INTERNAL_TOKEN=self.internal_token(),
            TRIPSMITH_SUPPLIER_DATA=str(self.config.supplier_data),
        )
        return env

    def _prometheus_port(self, component: Component) -> int | None:
        """With OTEL_METRICS_EXPORTER=prometheus, each component's own /metrics port:
        OTEL_EXPORTER_PROMETHEUS_PORT (9464) plus its place in the stack, as
        infra/prometheus/prometheus.yml expects."""
        exporters = os.environ.get("OTEL_METRICS_EXPORTER", "").lower().split(",")
        if "prometheus" not in [name.strip() for name in exporters]:
            return None
        return int(os.environ.get("OTEL_EXPORTER_PROMETHEUS_PORT", "9464")) + self.components.index(component)

    async def _spawn(self, component: Component) -> asyncio.subprocess.Process:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / "temporal").mkdir(parents=True, exist_ok=True)
        env, argv = self._environment(), list(component.argv)
        metrics_port = self._prometheus_port(component)
        if metrics_port is not None:
            env["OTEL_EXPORTER_PROMETHEUS_PORT"] = str(metrics_port)
            if component.name == "temporal":
                argv += ["--metrics-port", str(metrics_port)]
        with (self.log_dir / f"{component.name}.log").open("ab") as log_file:
            return await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log_file,
                stderr=asyncio.subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )

    async def _wait_ready(self, names: list[str], deadline: float) -> None:
        pending = set(names)
        while pending:
            for name in list(pending):
                running = self._running[name]
                if running.process.returncode is not None:
                    status = EXIT_BAD_INPUT if running.process.returncode == EXIT_BAD_INPUT else EXIT_FAILED
                    raise StackError(self._death_report(running, "failed to start"), status)
                if await probe_once(running.component.probe):
                    pending.discard(name)
            if self._stopping:
                raise StackError("stopped while starting")
            if pending and time.monotonic() > deadline:
                raise StackError(f"not healthy after {self.config.ready_timeout_seconds:.0f} s: {', '.join(sorted(pending))}")
            if pending:
                await asyncio.sleep(0.1)

    async def _ensure_supplier_data(self) -> None:
        path = self.config.supplier_data
        if path.exists():
            return
        self._say(f"Building the supplier data into {path} (first start only)...")
        build = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tripsmith.suppliers.data.build", "--output", str(path),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await build.communicate()
        if build.returncode != 0:
            raise StackError(f"building the supplier data failed:\n{output.decode(errors='replace')[-2000:]}")

    async def start(self) -> float:
        """Starts every stage and waits until it is healthy; returns the seconds it took."""
        began = time.monotonic()
        self._check_ports_free()
        await self._ensure_supplier_data()
        self.demo_api_key()
        deadline = began + self.config.ready_timeout_seconds
        for stage in sorted({component.stage for component in self.components}):
            members = [component for component in self.components if component.stage == stage]
            for component in members:
                self._running[component.name] = _Running(component, await self._spawn(component), time.monotonic())
            self._write_state()
            await self._wait_ready([component.name for component in members], deadline)
        return time.monotonic() - began

    def _write_state(self) -> None:
        state = {
            "supervisor_pid": os.getpid(),
            "components": {
                name: {"pid": running.process.pid, "addresses": dict(running.component.addresses)}
                for name, running in self._running.items()
            },
        }
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.state_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, indent=2))
        temporary.replace(self.state_file)

    def address_table(self) -> str:
        rows = [pair for component in self.components for pair in component.addresses]
        width = max(len(label) for label, _ in rows)
        return "\n".join(f"  {label:<{width}}  {address}" for label, address in rows)

    # Watching -----------------------------------------------------------------------------

    def _death_report(self, running: _Running, what: str) -> str:
        name = running.component.name
        log_path = self.log_dir / f"{name}.log"
        return (
            f"{name} {what} (exit status {running.process.returncode}); last lines of {log_path}:\n"
            f"{_tail(log_path)}"
        )

    async def _watch(self, name: str) -> None:
        """Restarts a component each time it dies, until the stack stops or gives up."""
        while not self._stopping:
            running = self._running[name]
            await running.process.wait()
            if self._stopping:
                return
            self._say(self._death_report(running, "exited unexpectedly"))
            now = time.monotonic()
            running.crashes.append(now)
            while running.crashes and now - running.crashes[0] > self.config.restart_window_seconds:
                running.crashes.popleft()
            if running.process.returncode == EXIT_BAD_INPUT:
                return self._give_up(f"{name} rejected its configuration; fix it and start again", EXIT_BAD_INPUT)
            if len(running.crashes) > self.config.restart_limit:
                return self._give_up(
                    f"{name} died {len(running.crashes)} times in {self.config.restart_window_seconds:.0f} s; giving up"
                )
            delay = min(30.0, 0.5 * 2 ** (len(running.crashes) - 1))
            self._say(f"restarting {name} in {delay:.1f} s")
            await asyncio.sleep(delay)
            if self._stopping:
                return
            self._running[name] = _Running(running.component, await self._spawn(running.component), time.monotonic(), running.crashes)
            self._write_state()
            try:
                await self._wait_ready([name], time.monotonic() + self.config.ready_timeout_seconds)
                self._say(f"{name} is healthy again")
            except StackError as error:
                self._say(str(error))

    def _give_up(self, message: str, status: int = EXIT_FAILED) -> None:
        self._failure = StackError(message, status)
        self.request_stop()

    def request_stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def run_until_stopped(self) -> None:
        """Watches every component until a stop is requested; raises if the stack gave up."""
        watchers = [asyncio.create_task(self._watch(name)) for name in self._running]
        await self._wake.wait()
        for watcher in watchers:
            watcher.cancel()
        await asyncio.gather(*watchers, return_exceptions=True)
        if self._failure:
            raise self._failure

    # Stopping -----------------------------------------------------------------------------

    async def stop(self) -> None:
        """Stops every component, latest stage first, killing what outlives its timeout."""
        self._stopping = True
        for stage in sorted({running.component.stage for running in self._running.values()}, reverse=True):
            members = [running for running in self._running.values() if running.component.stage == stage]
            await asyncio.gather(*(self._stop_one(running) for running in members))
        self._running.clear()
        with contextlib.suppress(FileNotFoundError):
            self.state_file.unlink()

    async def _stop_one(self, running: _Running) -> None:
        process = running.process
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), self.config.stop_timeout_seconds)
            except asyncio.TimeoutError:
                self._say(f"{running.component.name} did not stop in {self.config.stop_timeout_seconds:.0f} s; killing it")
        # Whatever is left in the component's session (it or anything it spawned) goes now.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        await process.wait()


async def run_stack(config: StackConfig, on_ready=None, out=None) -> int:
    """Runs the stack until SIGINT or SIGTERM (or until `on_ready` returns, when given).

    Returns the exit status: 0 after a clean stop, 1 when the stack could not come up or
    gave up on a component.
    """
    supervisor = Supervisor(config, out=out)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, supervisor.request_stop)
    try:
        seconds = await supervisor.start()
        print(f"Tripsmith is up in {seconds:.1f} s (data in {supervisor.data_dir}):", file=out, flush=True)
        print(supervisor.address_table(), file=out, flush=True)
        if on_ready is not None:
            return await on_ready(supervisor)
        print("Press Ctrl-C to stop.", file=out, flush=True)
        await supervisor.run_until_stopped()
        return EXIT_OK
    except StackError as error:
        print(f"tripsmith up: {error}", file=out, flush=True)
        return error.status
    finally:
        await supervisor.stop()
        print("Tripsmith stopped.", file=out, flush=True)
