"""The conversation as the model sees it, after the HTTP layer has validated the request.

These are the Chat Completions shapes, reduced to what the model reasons about; the HTTP
layer (server.py) turns request JSON into them (or a 400) and a `Decision` into the
response JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class ToolCall:
    """A call the assistant makes: an id it chose, a function name, JSON-decoded arguments."""

    id: str
    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class Message:
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str = ""  # on tool messages: the call they answer


@dataclass(frozen=True)
class Tool:
    """A function on offer: its name, description and JSON-schema parameters."""

    name: str
    description: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)


#: "auto", "none", "required", or the name of the one function that must be called.
ToolChoice = str


@dataclass(frozen=True)
class Decision:
    """The model's next step: a reply (finish_reason "stop") or tool calls ("tool_calls")."""

    content: str | None
    tool_calls: tuple[ToolCall, ...] = ()

    @property
    def finish_reason(self) -> str:
        return "tool_calls" if self.tool_calls else "stop"
