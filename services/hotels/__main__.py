"""Runs the hotels service: `python -m services.hotels`."""

from services.hotels.config import HotelsConfig
from services.hotels.server import create_server
from tripsmith.runtime.grpc_server import run_grpc_service

if __name__ == "__main__":
    run_grpc_service("hotels", HotelsConfig, create_server)
