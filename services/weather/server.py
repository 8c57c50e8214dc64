"""The weather server factory."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from services.weather.climate import ClimateModel
from services.weather.config import WeatherConfig
from services.weather.embedded import EmbeddedForecast
from services.weather.forecast import Forecaster
from services.weather.open_meteo import OpenMeteoForecast
from services.weather.servicer import WeatherServicer
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.runtime.auth import InternalAuthInterceptor
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server
from tripsmith.weather.v1 import weather_service_pb2, weather_service_pb2_grpc

SERVICE_NAME = weather_service_pb2.DESCRIPTOR.services_by_name["WeatherService"].full_name


@dataclass
class WeatherServer(GrpcServer):
    """The gRPC server, which also closes the forecaster's upstream connections when it stops."""

    forecaster: Forecaster | None = None

    async def stop(self, grace_seconds: float) -> None:
        try:
            await super().stop(grace_seconds)
        finally:
            if self.forecaster is not None:
                await self.forecaster.close()


def create_server(
    config: WeatherConfig, catalog: Catalog | None = None, clock: Callable[[], float] = time.time
) -> tuple[GrpcServer, int]:
    """Builds the weather server on the configured address (port 0 picks a free port).

    Tests may share a loaded catalog and fix the clock (seconds since the epoch), which
    decides what "today" is at each place.
    """
    catalog = catalog or Catalog(config.supplier_data)
    if config.provider == "open-meteo":
        provider = OpenMeteoForecast(config.open_meteo_url, config.open_meteo_timeout_seconds)
    else:
        provider = EmbeddedForecast()
    forecaster = Forecaster(ClimateModel(catalog), provider, config.forecast_horizon_days, clock)
    binding = ServiceBinding(SERVICE_NAME, WeatherServicer(catalog, forecaster),
                             weather_service_pb2_grpc.add_WeatherServiceServicer_to_server)
    auth = InternalAuthInterceptor(config.internal_token.get_secret_value())
    server, port = build_grpc_server(config, [binding], [auth])
    return WeatherServer(server.server, server.health, server.service_names, forecaster), port
