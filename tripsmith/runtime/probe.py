"""Readiness probes: the standard gRPC health check, or an HTTP GET that must answer 200.

Used by the stack supervisor and, as a command, by container health checks:

    python -m tripsmith.runtime.probe grpc HOST:PORT SERVICE
    python -m tripsmith.runtime.probe http URL
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass

import aiohttp
import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tripsmith.core.exits import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK


@dataclass(frozen=True)
class GrpcHealthProbe:
    """Ready when the standard gRPC health check says SERVING for `service`."""

    address: str
    service: str


@dataclass(frozen=True)
class HttpProbe:
    """Ready when GET `url` answers 200."""

    url: str


async def probe_once(probe: GrpcHealthProbe | HttpProbe, timeout: float = 1.0) -> bool:
    """One readiness check; any failure to connect counts as not ready."""
    try:
        if isinstance(probe, GrpcHealthProbe):
            async with grpc.aio.insecure_channel(probe.address) as channel:
                response = await health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(service=probe.service), timeout=timeout
                )
                return response.status == health_pb2.HealthCheckResponse.SERVING
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
            async with session.get(probe.url) as response:
                return response.status == 200
    except (grpc.aio.AioRpcError, aiohttp.ClientError, asyncio.TimeoutError, OSError):
        return False


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "grpc":
        probe: GrpcHealthProbe | HttpProbe = GrpcHealthProbe(argv[1], argv[2])
    elif len(argv) == 2 and argv[0] == "http":
        probe = HttpProbe(argv[1])
    else:
        print("usage: python -m tripsmith.runtime.probe grpc HOST:PORT SERVICE | http URL", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK if asyncio.run(probe_once(probe, timeout=3.0)) else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
