"""What every conformance check needs: a channel, credentials, and precise expectations."""

from __future__ import annotations

import datetime as dt
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import grpc
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tripsmith.runtime.auth import internal_metadata
from tripsmith.runtime.grpc_client import details_of


class Failure(AssertionError):
    """A check found the server out of contract; the message says how."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


@dataclass
class Result:
    name: str
    passed: bool | None  # None: not run
    detail: str = ""
    seconds: float = 0.0


@dataclass
class Options:
    """What the kit may assume about the server under test."""

    tenant: str = "conformance"
    other_tenant: str = "conformance-other"
    token: str = ""
    #: The hold TTL the server was configured with, to check expiry; None skips that check.
    hold_expiry_seconds: float | None = None
    #: Places a supplier of the category can be expected to serve.
    origin: str = "LHR"
    destination: str = "JFK"
    city: str = "London"
    #: Two cities a ground supplier connects.
    ground_origin: str = "Paris"
    ground_destination: str = "Lyon"
    days_ahead: int = 45


@dataclass
class Kit:
    channel: grpc.aio.Channel
    options: Options
    results: list[Result] = field(default_factory=list)

    def metadata(self, tenant: str | None = None) -> tuple[tuple[str, str], ...]:
        return internal_metadata(tenant or self.options.tenant, self.options.token)

    def date(self, days: int | None = None) -> dt.date:
        return dt.date.today() + dt.timedelta(days=self.options.days_ahead if days is None else days)

    async def run(self, name: str, check: Callable[[Kit], Awaitable[str | None]]) -> Result:
        began = time.perf_counter()
        try:
            detail = await check(self) or ""
            result = Result(name, True, detail)
        except NotRun as skipped:
            result = Result(name, None, str(skipped))
        except Failure as failure:
            result = Result(name, False, str(failure))
        except grpc.aio.AioRpcError as error:
            result = Result(name, False, f"unexpected {error.code().name}: {error.details()}")
        except Exception as error:  # noqa: BLE001 - a crashing check is a failed check, with its cause
            result = Result(name, False, f"check crashed: {error!r}\n{traceback.format_exc(limit=3)}")
        result.seconds = time.perf_counter() - began
        self.results.append(result)
        return result


class NotRun(Exception):
    """The check cannot run with the given options; the message says what it needs."""


async def expect_error(call: Awaitable, code: grpc.StatusCode, *, field: str | None = None,
                       reason: str | None = None, what: str = "the call") -> grpc.aio.AioRpcError:
    """Awaits `call`, which must fail with `code` (and name `field`, and carry `reason`)."""
    try:
        await call
    except grpc.aio.AioRpcError as error:
        expect(error.code() == code, f"{what}: expected {code.name}, got {error.code().name} ({error.details()})")
        if field is not None:
            violations = [v.field for d in details_of(error, error_details_pb2.BadRequest) for v in d.field_violations]
            expect(any(v == field or v.startswith(field + ".") or v.startswith(field + "[") for v in violations),
                   f"{what}: expected a BadRequest violation on {field!r}, got {violations or 'none'}")
        if reason is not None:
            reasons = [d.reason for d in details_of(error, error_details_pb2.ErrorInfo)]
            expect(reason in reasons, f"{what}: expected ErrorInfo reason {reason}, got {reasons or 'none'}")
        return error
    raise Failure(f"{what}: expected {code.name}, but it succeeded")


def access_checks(service: str, call_without_credentials: Callable[[Kit], Awaitable]) -> list:
    """The checks every category starts with: standard health, and a call without the
    internal credential (`call_without_credentials(kit)` makes one) refused as UNAUTHENTICATED."""

    async def health(kit: Kit) -> str:
        response = await health_pb2_grpc.HealthStub(kit.channel).Check(
            health_pb2.HealthCheckRequest(service=service), timeout=5)
        expect(response.status == health_pb2.HealthCheckResponse.SERVING, f"health of {service} is not SERVING")
        return f"{service} SERVING"

    async def requires_credentials(kit: Kit) -> str:
        await expect_error(call_without_credentials(kit), grpc.StatusCode.UNAUTHENTICATED,
                           what="a call without credentials")
        return "a call without credentials is UNAUTHENTICATED"

    return [("health check SERVING", health), ("calls need credentials", requires_credentials)]


def apply(request, changes: dict):
    """A request with some fields replaced: scalars set, messages copied."""
    for name, value in changes.items():
        if isinstance(value, (int, float, str)):
            setattr(request, name, value)
        else:
            getattr(request, name).CopyFrom(value)
    return request


async def raise_again(error: Exception):
    """An awaitable that fails with `error`, to check an error already caught."""
    raise error
