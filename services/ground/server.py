"""The ground transport server factory."""

from __future__ import annotations

import time
from collections.abc import Callable

from services.ground.config import GroundConfig
from services.ground.servicer import GroundServicer
from tripsmith.ground.v1 import ground_service_pb2, ground_service_pb2_grpc
from tripsmith.runtime.auth import InternalAuthInterceptor
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.suppliers.ledger import Ledger

SERVICE_NAME = ground_service_pb2.DESCRIPTOR.services_by_name["GroundService"].full_name


def create_server(
    config: GroundConfig, catalog: Catalog | None = None, clock: Callable[[], float] = time.time
) -> tuple[GrpcServer, int]:
    """Builds the ground server on the configured address (port 0 picks a free port).

    Holds and bookings persist in `<data dir>/ground.db`; tests may share a loaded catalog
    and fix the clock.
    """
    catalog = catalog or Catalog(config.supplier_data)
    ledger = Ledger(config.data_dir / "ground.db", ground_service_pb2.JourneyHold,
                    ground_service_pb2.JourneyBooking, clock=clock)
    servicer = GroundServicer(catalog, ledger, config.offer_ttl_seconds, config.hold_ttl_seconds, clock)
    binding = ServiceBinding(SERVICE_NAME, servicer, ground_service_pb2_grpc.add_GroundServiceServicer_to_server)
    auth = InternalAuthInterceptor(config.internal_token.get_secret_value())
    return build_grpc_server(config, [binding], [auth])
