"""Runs the ground transport service: `python -m services.ground`."""

from services.ground.config import GroundConfig
from services.ground.server import create_server
from tripsmith.runtime.grpc_server import run_grpc_service

if __name__ == "__main__":
    run_grpc_service("ground", GroundConfig, create_server)
