"""Who may call the gateway, as which tenant, and how often.

Every call carries `authorization: Bearer <API key>`; the key maps to one tenant
(`tenants.Tenants`). No key, a malformed one, an unknown or revoked one: UNAUTHENTICATED,
before any handler runs. The tenant's rate limit is then drawn (`limits.Limits`), and unary
calls hold one of the tenant's concurrency slots while they run; a Watch stream holds none,
since it may rightly stay open for minutes. Over either limit: RESOURCE_EXHAUSTED with
RetryInfo. Health and reflection stay open.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from contextvars import ContextVar

from services.gateway.limits import Limits
from services.gateway.tenants import Tenants
from tripsmith.core.errors import Unauthenticated
from tripsmith.runtime.auth import AUTHORIZATION_KEY, OPEN_PREFIXES, acting_for, reset_variable, text_metadata
from tripsmith.runtime.call_guard import CallGuard

_STREAMS = ("/tripsmith.planner.v1.PlannerService/WatchItinerary",)
_principal: ContextVar[str] = ContextVar("tripsmith_principal", default="")


def current_principal() -> str:
    """Who is calling, "tenants/{tenant}/keys/{key id}": recorded on approvals."""
    return _principal.get()


class ApiKeyInterceptor(CallGuard):
    def __init__(self, tenants: Tenants, limits: Limits) -> None:
        self.tenants = tenants
        self.limits = limits

    skips = OPEN_PREFIXES

    @asynccontextmanager
    async def guard(self, method, context):
        metadata = text_metadata(context)
        scheme, _, key = metadata.get(AUTHORIZATION_KEY, "").partition(" ")
        # The key store is SQLite: a short synchronous read, kept off the event loop.
        tenant = await asyncio.to_thread(self.tenants.authenticate, key) if scheme.lower() == "bearer" else None
        if tenant is None:
            raise Unauthenticated("missing, invalid or revoked API key: send 'authorization: Bearer <key>'")
        await self.limits.admit(tenant)
        token = _principal.set(f"tenants/{tenant}/keys/{key.split('_')[1]}")
        try:
            with acting_for(tenant):
                if method in _STREAMS:
                    yield
                else:
                    async with self.limits.slot(tenant):
                        yield
        finally:
            reset_variable(_principal, token)
