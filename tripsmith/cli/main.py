"""The `tripsmith` command.

Exit codes: 0 success, 2 bad input or configuration (one line on stderr), 1 anything else.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from tripsmith import __version__
from tripsmith.cli import admin, demo, itineraries
from tripsmith.suppliers.data import build as data_build_module
from tripsmith.suppliers.conformance import runner as conformance
from tripsmith.suppliers.conformance.harness import Options
from tripsmith.core.exits import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK
from tripsmith.runtime.config import ConfigError, Settings, load
from tripsmith.stack.components import StackConfig
from tripsmith.stack.supervisor import run_stack



def _stack_config() -> StackConfig:
    try:
        return load(StackConfig)
    except ConfigError as error:
        print(f"tripsmith: {error}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def cmd_up(args: argparse.Namespace) -> int:
    return asyncio.run(run_stack(_stack_config()))


def cmd_demo(args: argparse.Namespace) -> int:
    return asyncio.run(run_stack(_stack_config(), on_ready=demo.show))


def _local_internal_token() -> str:
    """The internal token: TRIPSMITH_INTERNAL_TOKEN, else the local stack's."""
    if os.environ.get("TRIPSMITH_INTERNAL_TOKEN"):
        return os.environ["TRIPSMITH_INTERNAL_TOKEN"]
    path = load(Settings).data_dir / "internal-token"
    return path.read_text().strip() if path.exists() else ""


def cmd_conformance(args: argparse.Namespace) -> int:
    host, _, port = args.address.rpartition(":")
    if not host or not port.isdigit():
        print(f"tripsmith conformance: {args.address!r} is not HOST:PORT", file=sys.stderr)
        return EXIT_BAD_INPUT
    options = Options(tenant=args.tenant, token=args.token or _local_internal_token(),
                      hold_expiry_seconds=args.hold_expiry_seconds, origin=args.origin.upper(),
                      destination=args.destination.upper(), city=args.city, ground_origin=args.ground_origin,
                      ground_destination=args.ground_destination)
    results = asyncio.run(conformance.run(args.category, args.address, options))
    return EXIT_OK if conformance.report(args.category, args.address, results) else EXIT_FAILED


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are bad input: one line on stderr and exit code 2 (`--help` shows usage)."""

    def error(self, message: str):
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tripsmith", description="Tripsmith, the agentic travel itinerary planner.")
    parser.add_argument("--version", action="version", version=f"tripsmith {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    up = commands.add_parser("up", help="run the whole embedded stack in the foreground until Ctrl-C")
    up.set_defaults(run=cmd_up)
    demo = commands.add_parser("demo", help="start the embedded stack, show it working, and stop it")
    demo.set_defaults(run=cmd_demo)
    kit = commands.add_parser("conformance", help="check a supplier server against its category's contract")
    kit.add_argument("category", choices=conformance.CATEGORIES)
    kit.add_argument("address", help="HOST:PORT of the server under test")
    kit.add_argument("--tenant", default="conformance", help="the tenant the checks act for")
    kit.add_argument("--token", default="", help="the internal token (default: TRIPSMITH_INTERNAL_TOKEN or the local stack's)")
    kit.add_argument("--hold-expiry-seconds", type=float, default=None,
                     help="the server's hold TTL, to check that holds expire (skipped without it)")
    kit.add_argument("--origin", default="LHR", help="an airport the supplier serves (flights)")
    kit.add_argument("--destination", default="JFK", help="another airport it serves (flights)")
    kit.add_argument("--city", default="London", help="a city it serves (hotels, weather)")
    kit.add_argument("--ground-origin", default="Paris", help="a city its journeys leave from (ground)")
    kit.add_argument("--ground-destination", default="Lyon", help="a city they reach from there (ground)")
    kit.set_defaults(run=cmd_conformance)
    itineraries.add_commands(commands)
    admin.add_commands(commands)
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
