"""Runs the gateway: `python -m services.gateway`."""

from services.gateway.config import GatewayConfig
from services.gateway.server import create_server
from tripsmith.runtime.grpc_server import run_grpc_service

if __name__ == "__main__":
    run_grpc_service("gateway", GatewayConfig, create_server)
