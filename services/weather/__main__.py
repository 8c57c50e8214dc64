"""Runs the weather service: `python -m services.weather`."""

from services.weather.config import WeatherConfig
from services.weather.server import create_server
from tripsmith.runtime.grpc_server import run_grpc_service

if __name__ == "__main__":
    run_grpc_service("weather", WeatherConfig, create_server)
