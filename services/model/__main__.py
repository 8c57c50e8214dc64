"""Runs the model endpoint: `python -m services.model`."""

from services.model.config import ModelConfig
from services.model.server import create_app
from tripsmith.runtime.http_server import run_http_service

if __name__ == "__main__":
    run_http_service("model", ModelConfig, create_app)
