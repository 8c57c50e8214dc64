"""Runs the flights service: `python -m services.flights`."""

from services.flights.config import FlightsConfig
from services.flights.server import create_server
from tripsmith.runtime.grpc_server import run_grpc_service

if __name__ == "__main__":
    run_grpc_service("flights", FlightsConfig, create_server)
