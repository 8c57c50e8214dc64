"""The gateway server factory: PlannerService behind API keys, rate limits and validation."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from services.gateway.access import ApiKeyInterceptor
from services.gateway.config import GatewayConfig
from services.gateway.limits import limits_from
from services.gateway.ratings import Ratings
from services.gateway.servicer import PlannerServicer
from services.gateway.tenants import Tenants
from tripsmith.planner.v1 import planner_service_pb2, planner_service_pb2_grpc
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server

SERVICE_NAME = planner_service_pb2.DESCRIPTOR.services_by_name["PlannerService"].full_name


def create_server(config: GatewayConfig, client=None) -> tuple[GrpcServer, int]:
    """Builds the gateway on the configured address (port 0 picks a free port).

    `client` is a connected Temporal client; without one the gateway connects on first use,
    so it starts (and answers health checks) before Temporal is reachable.
    """
    store = config.store_dir()
    tenants = Tenants(config.tenants_file())
    limits = limits_from(config.redis_url, config.rate_per_second, config.rate_burst, config.max_concurrent_calls)
    servicer = PlannerServicer(config, Ratings(store / "ratings.sqlite"), client,
                               page_token_key=page_token_key(store / "page-token.key"))
    binding = ServiceBinding(SERVICE_NAME, servicer, planner_service_pb2_grpc.add_PlannerServiceServicer_to_server)
    return build_grpc_server(config, [binding], interceptors=[ApiKeyInterceptor(tenants, limits)],
                             credentials=config.server_credentials())


def page_token_key(path: Path) -> bytes:
    """The key that signs List page tokens, made once per store: every replica on the store
    (and the next run) accepts the tokens that any of them issued."""
    if not path.exists():
        candidate = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(secrets.token_bytes(32))
        try:
            os.link(candidate, path)  # never replaces: when replicas race, the first key wins
        except FileExistsError:
            pass
        finally:
            candidate.unlink()
    return path.read_bytes()
