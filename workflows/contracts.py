"""What the workflow and its activities exchange, and what the gateway sends the workflow.

Dataclasses of plain values, so that Temporal's JSON converter carries them and the Temporal
UI shows them readably. Protobuf messages inside them travel as protobuf JSON (`to_json`,
`from_json`). No secret ever appears here: activities read credentials from their process's
environment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message
from temporalio.common import SearchAttributeKey, SearchAttributePair, TypedSearchAttributes

M = TypeVar("M", bound=Message)

TASK_QUEUE = "tripsmith-planner"
WORKFLOW_TYPE = "ItineraryWorkflow"
#: Search attributes the Temporal namespace must define (`tripsmith up` registers them):
#: List filters itineraries by tenant and state through Temporal's visibility.
TENANT_ATTRIBUTE = SearchAttributeKey.for_keyword("TripsmithTenant")
STATE_ATTRIBUTE = SearchAttributeKey.for_keyword("TripsmithState")


def start_attributes(tenant: str) -> TypedSearchAttributes:
    """The search attributes an itinerary starts with."""
    return TypedSearchAttributes([SearchAttributePair(TENANT_ATTRIBUTE, tenant),
                                  SearchAttributePair(STATE_ATTRIBUTE, "UNDERSTANDING")])


def to_json(message: Message) -> dict[str, Any]:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def from_json(cls: type[M], value: dict[str, Any] | None) -> M:
    message = cls()
    if value:
        json_format.ParseDict(value, message, ignore_unknown_fields=True)
    return message


def workflow_id(tenant: str, itinerary_id: str) -> str:
    """Scoped by tenant, so one tenant can never address another's itinerary."""
    return f"{tenant}/itineraries/{itinerary_id}"


@dataclass
class PlanningLimits:
    """The bounds of one itinerary's agent loop and of how long it waits for the traveler."""

    max_model_steps: int = 8
    max_tokens: int = 200_000
    #: How long a proposed itinerary or a question waits for the traveler before expiring.
    wait_seconds: float = 24 * 3600
    #: The most offers kept from one search: what the optimizer chooses among.
    max_offers_per_search: int = 40
    #: The most revisions before the workflow continues as new with a fresh history.
    revisions_per_run: int = 10


@dataclass
class PlanInput:
    """Starts an ItineraryWorkflow; also what it continues as new with."""

    tenant: str
    itinerary_id: str
    #: The request in the traveler's words, or empty with `trip_request` set.
    text: str = ""
    #: A structured TripRequest (protobuf JSON), which the plan holds to exactly.
    trip_request: dict[str, Any] | None = None
    traveler: str = ""
    #: A fingerprint of the Plan call, to recognise a retried call with the same request_id.
    request_fingerprint: str = ""
    limits: PlanningLimits = field(default_factory=PlanningLimits)
    #: The trace the itinerary belongs to, shown on it (the gateway's trace).
    trace_id: str = ""
    #: Carried over by continue-as-new: the itinerary, the event log and the conversation.
    carried_itinerary: dict[str, Any] | None = None
    carried_events: list[dict[str, Any]] = field(default_factory=list)
    carried_messages: list[dict[str, Any]] = field(default_factory=list)
    carried_pending: list[str] = field(default_factory=list)


@dataclass
class ModelStepInput:
    messages: list[dict[str, Any]]
    tools: list[dict[str, Any]]
    itinerary: str  # for the span only: the itinerary's name


@dataclass
class ModelToolCall:
    id: str
    name: str
    arguments: str


@dataclass
class ModelReply:
    model: str
    content: str
    tool_calls: list[ModelToolCall]
    finish_reason: str
    input_tokens: int
    output_tokens: int
    duration_seconds: float
    cost_nanos_usd: int


@dataclass
class ToolInput:
    tenant: str
    call_id: str
    arguments: dict[str, Any]
    #: The currency prices are wanted in.
    currency: str = "USD"
    #: The most offers a search returns (PlanningLimits.max_offers_per_search).
    max_results: int = 40


@dataclass
class ToolOutput:
    #: What the model reads: compact JSON, an error object when `ok` is false.
    content: str
    ok: bool
    #: One line for the progress log, for example "32 offers".
    summary: str
    #: What the workflow keeps for the optimizer: offers and resolved places (protobuf JSON).
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class OptimizeInput:
    request: dict[str, Any]
    outbound: list[dict[str, Any]]
    inbound: list[dict[str, Any]]
    stays: list[dict[str, Any]]
    weather: list[dict[str, Any]]
    #: offer id -> [units, nanos, currency, origin key, destination key] as a supplier returned it.
    seen: dict[str, list[Any]]
    currency: str
    profile: dict[str, Any] | None = None
    derived: dict[str, Any] | None = None
    #: From the traveler's "cheaper": the total of the plan shown, which the new one must beat.
    cheaper_than: float = 0.0
    #: From "a different area": the neighborhood of the hotel shown.
    avoid_neighborhood: str = ""


@dataclass
class OptimizeOutput:
    #: The itinerary's planned fields (flights, stays, days, price, checks) or its relaxation.
    itinerary: dict[str, Any]
    feasible: bool
    #: Why this plan, in a sentence or two, for the summary.
    explanation: str
    duration_seconds: float


@dataclass
class HoldInput:
    tenant: str
    kind: str  # "flight" or "hotel"
    offer_id: str
    party: dict[str, Any]
    max_total_price: dict[str, Any]
    client_reference: str
    idempotency_key: str


@dataclass
class HoldOutput:
    hold_id: str
    price: dict[str, Any]


@dataclass
class ConfirmInput:
    tenant: str
    kind: str
    hold_id: str
    approved_by: str
    idempotency_key: str


@dataclass
class UndoInput:
    """Releases a hold, or cancels the booking it became: whichever is true at the supplier."""

    tenant: str
    kind: str
    hold_id: str
    reason: str
    idempotency_key: str
    #: Whether booking failed (a compensation) rather than the traveler cancelling.
    compensation: bool = False


@dataclass
class UndoOutput:
    #: "released", "cancelled" or "nothing" (the hold had lapsed or was already undone).
    action: str
