"""The hotels server factory."""

from __future__ import annotations

import time
from collections.abc import Callable

from services.hotels.config import HotelsConfig
from services.hotels.inventory import Inventory
from services.hotels.servicer import HotelsServicer
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.hotels.v1 import hotels_service_pb2, hotels_service_pb2_grpc
from tripsmith.suppliers.ledger import Ledger
from tripsmith.runtime.auth import InternalAuthInterceptor
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server

SERVICE_NAME = hotels_service_pb2.DESCRIPTOR.services_by_name["HotelsService"].full_name


def create_server(
    config: HotelsConfig, catalog: Catalog | None = None, clock: Callable[[], float] = time.time
) -> tuple[GrpcServer, int]:
    """Builds the hotels server on the configured address (port 0 picks a free port).

    Holds and bookings persist in `<data dir>/hotels.db`; tests may share a loaded catalog
    and fix the clock.
    """
    catalog = catalog or Catalog(config.supplier_data)
    ledger = Ledger(config.data_dir / "hotels.db", hotels_service_pb2.HotelHold,
                    hotels_service_pb2.HotelBooking, clock=clock)
    servicer = HotelsServicer(Inventory(catalog), ledger, config.offer_ttl_seconds, config.hold_ttl_seconds, clock)
    binding = ServiceBinding(SERVICE_NAME, servicer, hotels_service_pb2_grpc.add_HotelsServiceServicer_to_server)
    auth = InternalAuthInterceptor(config.internal_token.get_secret_value())
    return build_grpc_server(config, [binding], [auth])
