"""The weather server factory.

Until the service's logic lands, its RPCs answer UNIMPLEMENTED (the generated base
servicer); health and reflection are already real.
"""

from services.weather.config import WeatherConfig
from tripsmith.weather.v1 import weather_service_pb2, weather_service_pb2_grpc
from tripsmith.runtime.auth import InternalAuthInterceptor
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server

SERVICE_NAME = weather_service_pb2.DESCRIPTOR.services_by_name["WeatherService"].full_name


def create_server(config: WeatherConfig) -> tuple[GrpcServer, int]:
    """Builds the weather server on the configured address (port 0 picks a free port)."""
    binding = ServiceBinding(
        SERVICE_NAME,
        weather_service_pb2_grpc.WeatherServiceServicer(),
        weather_service_pb2_grpc.add_WeatherServiceServicer_to_server,
    )
    auth = InternalAuthInterceptor(config.internal_token.get_secret_value())
    return build_grpc_server(config, [binding], [auth])
