"""The flights server factory."""

from __future__ import annotations

import time
from collections.abc import Callable

from services.flights.config import FlightsConfig
from services.flights.servicer import FlightsServicer
from services.flights.source import EmbeddedFlights, FlightSource
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.flights.v1 import flights_service_pb2, flights_service_pb2_grpc
from tripsmith.suppliers.ledger import Ledger
from tripsmith.runtime.auth import InternalAuthInterceptor
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server

SERVICE_NAME = flights_service_pb2.DESCRIPTOR.services_by_name["FlightsService"].full_name


def create_server(
    config: FlightsConfig,
    catalog: Catalog | None = None,
    clock: Callable[[], float] = time.time,
    source: FlightSource | None = None,
    ledger_name: str = "flights",
) -> tuple[GrpcServer, int]:
    """Builds a flights server on the configured address (port 0 picks a free port).

    `source` is the supplier's adapter (default: Tripsmith's embedded schedules). Holds
    and bookings persist in `<data dir>/<ledger_name>.db`; tests may share a loaded catalog
    and fix the clock.
    """
    catalog = catalog or Catalog(config.supplier_data)
    ledger = Ledger(config.data_dir / f"{ledger_name}.db", flights_service_pb2.FlightHold,
                    flights_service_pb2.FlightBooking, clock=clock)
    servicer = FlightsServicer(source or EmbeddedFlights(catalog), catalog, ledger, config.offer_ttl_seconds,
                               config.hold_ttl_seconds, clock)
    binding = ServiceBinding(SERVICE_NAME, servicer, flights_service_pb2_grpc.add_FlightsServiceServicer_to_server)
    auth = InternalAuthInterceptor(config.internal_token.get_secret_value())
    return build_grpc_server(config, [binding], [auth])
