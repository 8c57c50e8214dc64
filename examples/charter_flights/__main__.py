"""Serves the charter supplier: `python -m examples.charter_flights`."""

from __future__ import annotations

from pydantic import Field

from examples.charter_flights.source import CharterFlights
from services.flights.config import FlightsConfig
from services.flights.server import create_server
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.runtime.grpc_server import run_grpc_service


class CharterConfig(FlightsConfig):
    """The flights settings, with a port of the charter's own."""

    port: int = Field(default=50081, ge=0, le=65535, validation_alias="TRIPSMITH_CHARTER_FLIGHTS_PORT")


def create_charter_server(config: CharterConfig):
    catalog = Catalog(config.supplier_data)
    return create_server(config, catalog=catalog, source=CharterFlights(catalog), ledger_name="charter-flights")


if __name__ == "__main__":
    run_grpc_service("charter-flights", CharterConfig, create_charter_server)
