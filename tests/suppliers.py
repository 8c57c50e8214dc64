"""Supplier servers started in-process on port 0 for tests, on a shared loaded catalog."""

from __future__ import annotations

import contextlib
import inspect
import functools
from pathlib import Path

import grpc

from tests.conftest import INTERNAL_TOKEN
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.runtime.auth import internal_metadata


@functools.cache
def catalog() -> Catalog:
    """The supplier data, loaded once per test session."""
    return Catalog()


def metadata(tenant: str = "acme"):
    return internal_metadata(tenant, INTERNAL_TOKEN)


@contextlib.asynccontextmanager
async def running(create_server, config_class, data_dir: Path, clock=None, **settings):
    """A started server of a supplier and a channel to it; stopped on exit.

    `clock` fixes the server's time (seconds since the epoch, as a function)."""
    config = make_config(config_class, port=0, data_dir=data_dir, internal_token=INTERNAL_TOKEN, **settings)
    accepted = inspect.signature(create_server).parameters
    extras = {"catalog": catalog()} if "catalog" in accepted else {}
    if clock:
        extras["clock"] = clock
    server, port = create_server(config, **extras)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield channel, f"127.0.0.1:{port}"
    finally:
        await server.stop(0)


def make_config(config_class, **settings):
    """A config from settings given by field name, whether or not the field reads its own
    variable (those take their variable's name as input, and the test should not care)."""
    arguments = {}
    for name, value in settings.items():
        alias = config_class.model_fields[name].validation_alias
        arguments[alias if isinstance(alias, str) else name] = value
    return config_class(**arguments)
