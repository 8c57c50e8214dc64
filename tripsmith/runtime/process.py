"""The life of a Tripsmith process: config, logs and telemetry, then serve until signalled.

A configuration error exits with status 2 and one line naming the variable; a port that
cannot be bound exits with status 1 and says which. SIGTERM and SIGINT start a graceful
shutdown. A process started by `tripsmith up` (which sets TRIPSMITH_SUPERVISOR_PID) also
receives SIGTERM if the supervisor is killed outright, so that it never outlives the stack.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable

from tripsmith.core.exits import EXIT_BAD_INPUT, EXIT_FAILED
from tripsmith.runtime.config import ConfigError, Settings, SettingsT, load
from tripsmith.runtime.logs import setup_logging
from tripsmith.runtime.telemetry import setup_telemetry

log = logging.getLogger(__name__)


def run_process(
    service: str,
    config_class: type[SettingsT],
    serve: Callable[[SettingsT, asyncio.Event], Awaitable[None]],
) -> None:
    """Runs `serve(config, stop)` until it returns; `stop` is set by SIGTERM or SIGINT."""
    _follow_supervisor()
    try:
        config: Settings = load(config_class)
    except ConfigError as error:
        print(f"tripsmith-{service}: {error}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
    setup_logging(service, config.log_level)
    telemetry = setup_telemetry(service, config.data_dir, config.environment)
    try:
        asyncio.run(_until_signalled(serve, config))
    except OSError as error:
        log.error("cannot start: %s", error)
        print(f"tripsmith-{service}: {error}", file=sys.stderr)
        sys.exit(EXIT_FAILED)
    finally:
        telemetry.shutdown()


def _follow_supervisor() -> None:
    supervisor = os.environ.get("TRIPSMITH_SUPERVISOR_PID")
    if not supervisor or not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != int(supervisor):
        # The supervisor died before the request took effect.
        sys.exit(1)


async def _until_signalled(serve, config) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await serve(config, stop)
