"""The planner workflow's public contract: what the gateway, the CLI and the stack rely on.

The task queue, the workflow type and ID, the search attributes List filters on, the names
of the queries and updates, and the input an itinerary starts with. Everything else in
`workflows/` is private to the worker. Payloads are dataclasses of plain values, so that
Temporal's JSON converter carries them and the Temporal UI shows them readably; protobuf
messages inside them travel as protobuf JSON (`to_json`, `from_json`). No secret ever
appears here: activities read credentials from their process's environment.
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
    #: A fingerprint of the Plan call. The gateway recognises a retried call by the copy in the
    #: workflow's memo; this one is carried through continue-as-new for the record.
    request_fingerprint: str = ""
    limits: PlanningLimits = field(default_factory=PlanningLimits)
    #: The trace the itinerary belongs to, shown on it (the gateway's trace).
    trace_id: str = ""
    #: Carried over by continue-as-new: the itinerary, the event log and the conversation.
    carried_itinerary: dict[str, Any] | None = None
    carried_events: list[dict[str, Any]] = field(default_factory=list)
    carried_messages: list[dict[str, Any]] = field(default_factory=list)
    carried_pending: list[str] = field(default_factory=list)


#: The workflow's queries: the itinerary now, and the progress events after a sequence number.
QUERY_CURRENT = "current"
QUERY_EVENTS_AFTER = "events_after"
#: The workflow's updates: a follow-up message, an approval of a revision, a cancellation.
UPDATE_REFINE = "refine"
UPDATE_APPROVE = "approve"
UPDATE_CANCEL = "cancel"
