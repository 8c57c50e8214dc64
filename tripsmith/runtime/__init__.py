"""The runtime every Tripsmith process shares: configuration, logs, telemetry, gRPC servers.

A service is config (`ServiceConfig` subclass, parsed once from the environment) -> server
factory (`create_server(config) -> (server, port)`, built with `build_grpc_server`) ->
servicer (proto <-> domain) -> domain logic. `run_service` is the process entry point.
"""
