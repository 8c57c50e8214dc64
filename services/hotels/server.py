"""The hotels server factory.

Until the service's logic lands, its RPCs answer UNIMPLEMENTED (the generated base
servicer); health and reflection are already real.
"""

from services.hotels.config import HotelsConfig
from tripsmith.hotels.v1 import hotels_service_pb2, hotels_service_pb2_grpc
from tripsmith.runtime.auth import InternalAuthInterceptor
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server

SERVICE_NAME = hotels_service_pb2.DESCRIPTOR.services_by_name["HotelsService"].full_name


def create_server(config: HotelsConfig) -> tuple[GrpcServer, int]:
    """Builds the hotels server on the configured address (port 0 picks a free port)."""
    binding = ServiceBinding(
        SERVICE_NAME,
        hotels_service_pb2_grpc.HotelsServiceServicer(),
        hotels_service_pb2_grpc.add_HotelsServiceServicer_to_server,
    )
    auth = InternalAuthInterceptor(config.internal_token.get_secret_value())
    return build_grpc_server(config, [binding], [auth])
