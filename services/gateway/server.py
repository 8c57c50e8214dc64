"""The gateway server factory.

Until the planner lands, its RPCs answer UNIMPLEMENTED (the generated base servicer);
health and reflection are already real.
"""

from services.gateway.config import GatewayConfig
from tripsmith.planner.v1 import planner_service_pb2, planner_service_pb2_grpc
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server

SERVICE_NAME = planner_service_pb2.DESCRIPTOR.services_by_name["PlannerService"].full_name


def create_server(config: GatewayConfig) -> tuple[GrpcServer, int]:
    """Builds the gateway on the configured address (port 0 picks a free port)."""
    binding = ServiceBinding(
        SERVICE_NAME,
        planner_service_pb2_grpc.PlannerServiceServicer(),
        planner_service_pb2_grpc.add_PlannerServiceServicer_to_server,
    )
    return build_grpc_server(config, [binding])
