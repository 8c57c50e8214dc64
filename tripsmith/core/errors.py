"""Errors that domain code raises, free of any transport.

Domain logic raises these; the gRPC runtime turns them into canonical status codes with
`google.rpc.Status` details (BadRequest field violations, ErrorInfo with a reason from
`tripsmith.common.v1.ErrorReason`). Anything else that escapes a handler is a bug and
becomes INTERNAL without its message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR_DOMAIN = "tripsmith.dev"


@dataclass(frozen=True)
class FieldViolation:
    """One invalid field: its path in the request (for example "origin.iata_code") and why."""

    field: str
    description: str


@dataclass
class TripsmithError(Exception):
    """A failure the caller should see, with a canonical code and an ErrorInfo reason."""

    message: str
    reason: str = "UNSPECIFIED"
    metadata: dict[str, str] = field(default_factory=dict)

    #: The name of the canonical gRPC status code (grpc.StatusCode member name).
    code = "UNKNOWN"

    def __post_init__(self) -> None:
        super().__init__(self.message)


@dataclass
class InvalidArgument(TripsmithError):
    """Bad input: every offending field is named in `violations`."""

    violations: list[FieldViolation] = field(default_factory=list)
    reason: str = "INVALID_FIELD"
    code = "INVALID_ARGUMENT"

    @classmethod
    def of(cls, field_path: str, description: str) -> InvalidArgument:
        """An error for a single invalid field."""
        return cls(f"{field_path}: {description}", violations=[FieldViolation(field_path, description)])


@dataclass
class Unauthenticated(TripsmithError):
    reason: str = "UNAUTHENTICATED"
    code = "UNAUTHENTICATED"


@dataclass
class NotFound(TripsmithError):
    reason: str = "NOT_FOUND"
    code = "NOT_FOUND"


@dataclass
class AlreadyExists(TripsmithError):
    """The resource to create exists already."""

    reason: str = "ALREADY_EXISTS"
    code = "ALREADY_EXISTS"


@dataclass
class FailedPrecondition(TripsmithError):
    """The call is valid but the resource's state does not allow it (sold out, expired...)."""

    reason: str = "INVALID_STATE"
    code = "FAILED_PRECONDITION"


@dataclass
class Aborted(TripsmithError):
    """A concurrency or price conflict: the caller may retry after re-reading."""

    reason: str = "PRICE_CHANGED"
    code = "ABORTED"


@dataclass
class ResourceExhausted(TripsmithError):
    """A rate limit or quota; `retry_after_seconds` goes into a RetryInfo detail."""

    retry_after_seconds: float = 1.0
    reason: str = "RATE_LIMITED"
    code = "RESOURCE_EXHAUSTED"


@dataclass
class Unavailable(TripsmithError):
    reason: str = "UPSTREAM_UNAVAILABLE"
    code = "UNAVAILABLE"


@dataclass
class Internal(TripsmithError):
    """A bug: the caller learns only that it happened and the trace id to report."""

    reason: str = "INTERNAL"
    code = "INTERNAL"
