"""Runs the profile service: `python -m services.profile`."""

from services.profile.config import ProfileConfig
from services.profile.server import create_server
from tripsmith.runtime.grpc_server import run_grpc_service

if __name__ == "__main__":
    run_grpc_service("profile", ProfileConfig, create_server)
