"""The flights server factory.

Until the service's logic lands, its RPCs answer UNIMPLEMENTED (the generated base
servicer); health and reflection are already real.
"""

from services.flights.config import FlightsConfig
from tripsmith.flights.v1 import flights_service_pb2, flights_service_pb2_grpc
from tripsmith.runtime.auth import InternalAuthInterceptor
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server

SERVICE_NAME = flights_service_pb2.DESCRIPTOR.services_by_name["FlightsService"].full_name


def create_server(config: FlightsConfig) -> tuple[GrpcServer, int]:
    """Builds the flights server on the configured address (port 0 picks a free port)."""
    binding = ServiceBinding(
        SERVICE_NAME,
        flights_service_pb2_grpc.FlightsServiceServicer(),
        flights_service_pb2_grpc.add_FlightsServiceServicer_to_server,
    )
    auth = InternalAuthInterceptor(config.internal_token.get_secret_value())
    return build_grpc_server(config, [binding], [auth])
