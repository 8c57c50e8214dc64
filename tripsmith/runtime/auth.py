"""Internal authentication: who may call a supplier service, and for which tenant.

Every internal call carries `authorization: Bearer <internal token>` and the tenant in
`x-tripsmith-tenant`. Supplier services accept a call only when the token matches theirs
(compared in constant time) and the tenant is well formed; otherwise the call fails with
UNAUTHENTICATED before any handler runs. Handlers read the tenant from `current_tenant()`.
Health and reflection stay open so that probes and tools work without credentials. In
production, mutual TLS replaces the shared token; the tenant header stays.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar

from tripsmith.core.errors import Unauthenticated
from tripsmith.runtime.call_guard import STANDARD_SERVICES, CallGuard

TENANT_KEY = "x-tripsmith-tenant"
AUTHORIZATION_KEY = "authorization"
TENANT_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
#: Methods every server leaves open, so that probes and tools work without credentials.
OPEN_PREFIXES = STANDARD_SERVICES

_tenant: ContextVar[str | None] = ContextVar("tripsmith_tenant", default=None)


def current_tenant() -> str:
    """The tenant of the call being handled; only valid inside an authenticated handler."""
    tenant = _tenant.get()
    if tenant is None:
        raise RuntimeError("no tenant: the handler runs outside InternalAuthInterceptor")
    return tenant


@contextmanager
def acting_for(tenant: str) -> Iterator[None]:
    """Makes `tenant` the current_tenant() of the handler running inside the block."""
    reset = _tenant.set(tenant)
    try:
        yield
    finally:
        reset_variable(_tenant, reset)


def reset_variable(variable: ContextVar, token) -> None:
    """Resets a context variable; a server stream that its client cancelled is closed later
    from another context, where the variable was never set and there is nothing to undo."""
    try:
        variable.reset(token)
    except ValueError:
        pass


def text_metadata(context) -> dict[str, str]:
    """A call's metadata with text values (binary `-bin` entries are never credentials)."""
    return {key: value for key, value in context.invocation_metadata() or () if isinstance(value, str)}


def internal_metadata(tenant: str, token: str) -> tuple[tuple[str, str], ...]:
    """The metadata an internal caller sends with every call."""
    return ((AUTHORIZATION_KEY, f"Bearer {token}"), (TENANT_KEY, tenant))


class InternalAuthInterceptor(CallGuard):
    """Rejects calls without the internal token or a valid tenant; sets current_tenant()."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("an internal token is required")
        self._expected = f"Bearer {token}".encode()

    skips = OPEN_PREFIXES

    @asynccontextmanager
    async def guard(self, method, context):
        metadata = text_metadata(context)
        presented = metadata.get(AUTHORIZATION_KEY, "").encode()
        if not hmac.compare_digest(presented, self._expected):
            raise Unauthenticated("missing or invalid internal credential")
        tenant = metadata.get(TENANT_KEY, "")
        if not TENANT_PATTERN.fullmatch(tenant):
            raise Unauthenticated(f"missing or malformed {TENANT_KEY} metadata")
        with acting_for(tenant):
            yield
