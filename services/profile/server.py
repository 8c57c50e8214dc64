"""The profile server factory.

`create_server(config)` builds the server without touching the database; `start()` opens
the store (creating the schema if needed) before the server accepts calls and reports
SERVING, and `stop()` closes it after the in-flight calls have finished. A store that
cannot be opened stops the process with its reason (see StoreUnavailable).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.profile.config import ProfileConfig
from services.profile.servicer import ProfileServicer
from services.profile.store import ProfileStore, open_store
from tripsmith.profile.v1 import profile_service_pb2, profile_service_pb2_grpc
from tripsmith.runtime.auth import InternalAuthInterceptor
from tripsmith.runtime.grpc_server import GrpcServer, ServiceBinding, build_grpc_server

SERVICE_NAME = profile_service_pb2.DESCRIPTOR.services_by_name["ProfileService"].full_name


@dataclass
class ProfileServer(GrpcServer):
    """A GrpcServer whose life cycle includes its store's."""

    store: ProfileStore

    async def start(self) -> None:
        await self.store.open()
        try:
            await super().start()
        except BaseException:
            await self.store.close()
            raise

    async def stop(self, grace_seconds: float) -> None:
        try:
            await super().stop(grace_seconds)
        finally:
            await self.store.close()


def create_server(config: ProfileConfig) -> tuple[ProfileServer, int]:
    """Builds the profile server on the configured address (port 0 picks a free port)."""
    store = open_store(config.database_url.get_secret_value(), config.sqlite_path)
    binding = ServiceBinding(
        SERVICE_NAME, ProfileServicer(store), profile_service_pb2_grpc.add_ProfileServiceServicer_to_server
    )
    auth = InternalAuthInterceptor(config.internal_token.get_secret_value())
    server, port = build_grpc_server(config, [binding], [auth])
    return ProfileServer(server.server, server.health, server.service_names, store), port
