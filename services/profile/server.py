"""The profile server factory.

Until the service's logic lands, its RPCs answer UNIMPLEMENTED (the generated base
servicer); health and reflection are already real.
"""

from services.profile.config import ProfileConfig
from tripsmith.profile.v1 import profile_service_pb2, profile_service_pb2_grpc
from tripsmith.runtime.auth import InternalAuthInterceptor
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server

SERVICE_NAME = profile_service_pb2.DESCRIPTOR.services_by_name["ProfileService"].full_name


def create_server(config: ProfileConfig) -> tuple[GrpcServer, int]:
    """Builds the profile server on the configured address (port 0 picks a free port)."""
    binding = ServiceBinding(
        SERVICE_NAME,
        profile_service_pb2_grpc.ProfileServiceServicer(),
        profile_service_pb2_grpc.add_ProfileServiceServicer_to_server,
    )
    auth = InternalAuthInterceptor(config.internal_token.get_secret_value())
    return build_grpc_server(config, [binding], [auth])
