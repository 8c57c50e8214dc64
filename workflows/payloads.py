"""What the itinerary workflow and its activities exchange; private to the worker.

Dataclasses of plain values, as in `workflows.api`; protobuf messages inside them travel as
protobuf JSON. No secret ever appears here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
