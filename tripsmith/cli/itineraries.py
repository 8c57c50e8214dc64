"""The itinerary commands of the CLI: plan, refine, approve, cancel, show, list, trace.

Each talks to a gateway through `tripsmith.client`, follows the itinerary until it settles
(progress on stderr: one updating line on a terminal, plain lines otherwise) and prints it:
readable text, or with --json the `Itinerary` message as protobuf JSON and nothing else.
The gateway is `--gateway`, else TRIPSMITH_GATEWAY, else the local stack's; the key is
`--api-key`, else TRIPSMITH_API_KEY, else the local stack's demo key.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

import grpc
from google.protobuf import json_format

from tripsmith.cli import render
from tripsmith.client import SETTLED, PlannerClient, is_bad_input, itinerary_name
from tripsmith.planner.v1 import planner_service_pb2 as planner
from services.gateway.config import GatewayConfig
from tripsmith.core.exits import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, BadInput
from tripsmith.runtime.config import DEFAULT_PORTS, ConfigError, Settings, load, port_variable
from tripsmith.core.money import show_money



def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gateway", default=os.environ.get("TRIPSMITH_GATEWAY", ""),
                        help="HOST:PORT of the gateway (default: TRIPSMITH_GATEWAY or the local stack's)")
    parser.add_argument("--api-key", default=os.environ.get("TRIPSMITH_API_KEY", ""),
                        help="the API key (default: TRIPSMITH_API_KEY or the local stack's demo key)")
    parser.add_argument("--json", action="store_true", help="print the Itinerary as protobuf JSON, nothing else")


def _connection(args: argparse.Namespace) -> tuple[str, str]:
    address = args.gateway or f"127.0.0.1:{os.environ.get(port_variable('gateway'), DEFAULT_PORTS['gateway'])}"
    key = args.api_key
    if not key:
        path = load(GatewayConfig).demo_key_file()
        if not path.exists():
            raise BadInput(f"no API key: pass --api-key, set TRIPSMITH_API_KEY, or start the local stack "
                           f"(`tripsmith up`), which writes its demo key to {path}")
        key = path.read_text().strip()
    return address, key


class Progress:
    """Shows events as they come: one rewritten line on a terminal, plain lines otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()

    def __call__(self, event: planner.ItineraryEvent) -> None:
        if self.quiet and not self.tty:
            return
        line = render.event_line(event)
        if self.tty:
            sys.stderr.write("\r\x1b[2K" + line[: os.get_terminal_size(sys.stderr.fileno()).columns - 1])
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.tty:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()


def _print(itinerary: planner.Itinerary, as_json: bool) -> None:
    if as_json:
        print(json_format.MessageToJson(itinerary, preserving_proto_field_name=False))
    else:
        print(render.itinerary_text(itinerary))


async def _follow(client: PlannerClient, itinerary: planner.Itinerary, args,
                  until: frozenset[int] = SETTLED) -> planner.Itinerary:
    progress = Progress(args.json)
    try:
        return await client.wait(itinerary.name, on_event=progress, until=until)
    finally:
        progress.done()


async def _run(args: argparse.Namespace) -> int:
    address, key = _connection(args)
    async with PlannerClient(address, key) as client:
        command = args.command
        if command == "plan":
            itinerary = await client.plan(args.request, traveler=_traveler(args.traveler), request_id=args.request_id)
            itinerary = await _follow(client, itinerary, args)
        elif command == "refine":
            itinerary = await client.refine(args.id, args.message)
            itinerary = await _follow(client, itinerary, args)
        elif command == "approve":
            current = await client.get(args.id)
            if current.state != planner.STATE_PROPOSED:
                raise BadInput(f"{current.name} is {render.state_name(current.state)}: there is no proposal to approve")
            revision = args.revision or current.revision
            itinerary = await client.approve(args.id, revision)
            itinerary = await _follow(client, itinerary, args)
        elif command == "cancel":
            itinerary = await client.cancel(args.id, args.reason)
            itinerary = await _follow(client, itinerary, args, until=frozenset({planner.STATE_CANCELLED,
                                                                                planner.STATE_FAILED}))
        elif command == "show":
            itinerary = await client.get(args.id)
        elif command == "list":
            states = [planner.State.Value("STATE_" + state.upper()) for state in args.state]
            page = await client.list(states, args.page_size, args.page_token)
            if args.json:
                print(json_format.MessageToJson(page))
            else:
                for item in page.itineraries:
                    request = item.request
                    print(f"{item.name:<34} {render.state_name(item.state):<12} "
                          f"{request.origin.iata_code or request.origin.city_name or '?'} -> "
                          f"{request.destination.iata_code or request.destination.city_name or '?'}  "
                          f"{show_money(item.price.total)}")
                if page.next_page_token:
                    print(f"more: --page-token {page.next_page_token}", file=sys.stderr)
            return EXIT_OK
        else:  # trace
            from tripsmith.cli.trace_view import normalize_trace_id, show_trace

            trace_id = normalize_trace_id(args.id) or (await client.get(args.id)).trace_id
            if not trace_id:
                raise BadInput(f"{itinerary_name(args.id)} has no trace id")
            return show_trace(load(Settings).data_dir, trace_id, sys.stdout, color=sys.stdout.isatty())
    _print(itinerary, args.json)
    return EXIT_OK if itinerary.state not in (planner.STATE_FAILED,) else EXIT_FAILED


def _traveler(value: str) -> str:
    return value if not value or value.startswith("travelers/") else f"travelers/{value}"


def run(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(_run(args))
    except (BadInput, ConfigError) as error:
        print(f"tripsmith {args.command}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except grpc.aio.AioRpcError as error:
        print(f"tripsmith {args.command}: {error.code().name}: {error.details()}", file=sys.stderr)
        return EXIT_BAD_INPUT if is_bad_input(error) else EXIT_FAILED
    except KeyboardInterrupt:
        return 130


def add_commands(commands) -> None:
    plan = commands.add_parser("plan", help="plan a trip from a request in plain words")
    plan.add_argument("request", help='for example "Boston to Lisbon, March 3-10, two adults, $4000"')
    plan.add_argument("--traveler", default="", help="the traveler whose profile shapes the plan (ID)")
    plan.add_argument("--request-id", default="", help="makes the call idempotent: the same ID returns the same plan")
    refine = commands.add_parser("refine", help="change a plan with a follow-up message")
    refine.add_argument("id")
    refine.add_argument("message")
    approve = commands.add_parser("approve", help="book a proposed itinerary")
    approve.add_argument("id")
    approve.add_argument("--revision", type=int, default=0, help="the revision approved (default: the current one)")
    cancel = commands.add_parser("cancel", help="stop planning, or cancel the bookings")
    cancel.add_argument("id")
    cancel.add_argument("--reason", default="")
    show = commands.add_parser("show", help="show an itinerary")
    show.add_argument("id")
    listing = commands.add_parser("list", help="list your itineraries, most recent first")
    listing.add_argument("--state", action="append", default=[],
                         choices=[name.removeprefix("STATE_").lower() for name in planner.State.keys()[1:]])
    listing.add_argument("--page-size", type=int, default=20)
    listing.add_argument("--page-token", default="")
    trace = commands.add_parser("trace", help="draw an itinerary's trace from the local telemetry files")
    trace.add_argument("id", help="an itinerary ID (asks the gateway for its trace) or a trace ID")
    for parser in (plan, refine, approve, cancel, show, listing, trace):
        add_connection_arguments(parser)
        parser.set_defaults(run=run)

