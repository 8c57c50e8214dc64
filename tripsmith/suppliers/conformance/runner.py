"""Runs a category's checks against a server and prints the report."""

from __future__ import annotations

import importlib
import sys

import grpc

from tripsmith.suppliers.conformance.harness import Kit, Options, Result

CATEGORIES = ("flights", "hotels", "weather", "profile", "ground")


async def run(category: str, address: str, options: Options) -> list[Result]:
    """Every check of the category, in order, against the server at `address`."""
    checks = importlib.import_module(f"tripsmith.suppliers.conformance.{category}").CHECKS
    async with grpc.aio.insecure_channel(address, options=[("grpc.max_send_message_length", 8 * 1024 * 1024)]) as channel:
        kit = Kit(channel, options)
        for name, check in checks:
            await kit.run(name, check)
        return kit.results


def report(category: str, address: str, results: list[Result], out=None) -> bool:
    """Prints one line per check (and why it failed); True when nothing failed."""
    out = out or sys.stdout
    print(f"conformance of {category} at {address}", file=out)
    for result in results:
        mark = {True: "PASS", False: "FAIL", None: "SKIP"}[result.passed]
        print(f"  {mark}  {result.name:<34} {result.seconds:6.2f} s  {result.detail.splitlines()[0] if result.detail else ''}",
              file=out)
        if result.passed is False:
            for line in result.detail.splitlines()[1:]:
                print(f"        {line}", file=out)
    passed = sum(r.passed is True for r in results)
    failed = sum(r.passed is False for r in results)
    print(f"{passed} passed, {failed} failed", file=out)
    return failed == 0
