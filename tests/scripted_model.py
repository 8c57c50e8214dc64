"""A scripted OpenAI-compatible model for tests: a real HTTP server (aiohttp on 127.0.0.1,
port 0) serving `POST /v1/chat/completions` in OpenAI's response shape, one script step per
request, and recording every request body it received.

A step is one of:

- `Completion`: content and/or tool calls (with raw `arguments` strings, valid JSON or not),
  a finish reason and token usage;
- `HttpError`: a status with OpenAI's error body (and headers, such as `retry-after`);
- `Delay`: no answer for longer than the client waits, then (if the client is still there)
  the step it wraps;
- a callable taking the request body (and the `ScriptedModel`, for its records) and
  returning one of the above: to echo real tool-call ids or read offer ids from tool results.
  What it raises is kept in `errors` and answered with a 400.

Requests are checked as a strict OpenAI-compatible server checks them (`strict=True`, the
default), the rules `services/model/protocol.py` enforces for the embedded model and that
vLLM's chat templates rely on: every assistant tool call has a non-empty id unique in its
message and `arguments` that are a JSON object encoded as a string, and is answered by
exactly one tool message before the next non-tool message. A request that breaks them gets a
400 naming the offending `param`; a request for another model than `model` gets OpenAI's
404 `model_not_found`. Neither uses a step. A request after the last step gets a 400 ("the script is exhausted"), which the planner does
not retry, so an over-long conversation fails fast and says why.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import json
import time
from collections.abc import Callable
from typing import Any, Union

from aiohttp import web

MODEL = "scripted-1"


@dataclasses.dataclass
class Call:
    """One tool call of a completion; `arguments` is sent exactly as given (a str), or as JSON.
    `id` None gets a generated id; any string, even empty, is sent as given."""

    name: str
    arguments: str | dict | list
    id: str | None = None

    def raw_arguments(self) -> str:
        return self.arguments if isinstance(self.arguments, str) else json.dumps(self.arguments)


@dataclasses.dataclass
class Completion:
    content: str | None = None
    tool_calls: list[Call] = dataclasses.field(default_factory=list)
    finish_reason: str = ""  # empty: "tool_calls" when there are calls, else "stop"
    prompt_tokens: int = 100
    completion_tokens: int = 20


@dataclasses.dataclass
class HttpError:
    status: int
    message: str = "scripted error"
    type: str = "server_error"
    code: str | None = None
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    param: str | None = None


@dataclasses.dataclass
class Delay:
    """Holds the answer for `seconds` (longer than the client's timeout), then answers with `then`."""

    seconds: float
    then: Completion | HttpError | None = None


Reply = Union[Completion, HttpError, Delay]
Step = Union[Reply, Callable[[dict, "ScriptedModel"], Reply]]


@dataclasses.dataclass
class Received:
    """One request as the server received it."""

    step: int  # the index of the script step that answered it (-1: the script was exhausted)
    body: dict[str, Any]
    headers: dict[str, str]  # lower-case names
    time: float
    status: int = 0  # the status the server answered with (0: the client had gone)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", [])

    def tool_results(self) -> dict[str, str]:
        """tool_call_id -> content of every tool message in the request."""
        return tool_results(self.body)

    def tool_names(self) -> list[str]:
        return [tool["function"]["name"] for tool in self.body.get("tools", [])]


class ScriptedModel:
    """`async with ScriptedModel(steps) as model:` serves at `model.base_url`."""

    def __init__(self, steps: list[Step], model: str = MODEL, strict: bool = True) -> None:
        self.steps = list(steps)
        self.model = model
        self.strict = strict
        self.requests: list[Received] = []
        #: What callable steps raised (each answered with a 400, which the planner does not retry).
        self.errors: list[BaseException] = []
        self.base_url = ""
        self._next = 0
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None

    # The server -----------------------------------------------------------------------------

    async def __aenter__(self) -> ScriptedModel:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_get("/v1/models", self._models)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base_url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/v1"
        return self

    async def __aexit__(self, *exc) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _models(self, request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": [
            {"id": self.model, "object": "model", "created": 0, "owned_by": "tests"}]})

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        refused = None
        if body.get("model") != self.model:
            refused = HttpError(404, f"The model `{body.get('model')}` does not exist",
                                type="invalid_request_error", code="model_not_found")
        elif self.strict:
            refused = check_messages(body.get("messages"))
        if refused is not None:  # refused as a strict server refuses it: no step is used
            self.requests.append(Received(step=-1, body=body, headers=_lower(request.headers), time=time.monotonic(),
                                          status=refused.status))
            return self._error(refused)
        index = self._next
        self._next += 1
        received = Received(step=index if index < len(self.steps) else -1, body=body,
                            headers=_lower(request.headers), time=time.monotonic())
        self.requests.append(received)
        if index >= len(self.steps):
            reply: Reply = HttpError(400, f"scripted model: the script is exhausted ({len(self.steps)} steps)",
                                     type="invalid_request_error", code="script_exhausted")
        else:
            step = self.steps[index]
            try:
                reply = step(copy.deepcopy(body), self) if callable(step) else step
            except Exception as error:  # a test's assertion inside a step: fail fast, and say so
                self.errors.append(error)
                reply = HttpError(400, f"scripted model: step {index} raised {error!r}"[:500],
                                  type="invalid_request_error", code="script_error")
        if isinstance(reply, Delay):
            try:
                await asyncio.wait_for(self._closing.wait(), timeout=reply.seconds)
            except asyncio.TimeoutError:
                pass
            if self._closing.is_set() or request.transport is None or request.transport.is_closing():
                return web.Response(status=499)  # nobody is listening any more
            reply = reply.then or Completion(content="(late)")
        response = self._error(reply) if isinstance(reply, HttpError) else self._completion(reply, index)
        received.status = response.status
        return response

    @staticmethod
    def _error(error: HttpError) -> web.Response:
        return web.json_response({"error": {"message": error.message, "type": error.type, "param": error.param,
                                            "code": error.code}}, status=error.status, headers=error.headers)

    def _completion(self, completion: Completion, index: int) -> web.Response:
        calls = [{"id": f"call_{index}_{position}" if call.id is None else call.id, "type": "function",
                  "function": {"name": call.name, "arguments": call.raw_arguments()}}
                 for position, call in enumerate(completion.tool_calls)]
        message: dict[str, Any] = {"role": "assistant", "content": completion.content, "refusal": None}
        if calls:
            message["tool_calls"] = calls
        finish = completion.finish_reason or ("tool_calls" if calls else "stop")
        return web.json_response({
            "id": f"chatcmpl-scripted-{index}", "object": "chat.completion", "created": 1_790_000_000,
            "model": self.model, "system_fingerprint": "fp_scripted",
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {"prompt_tokens": completion.prompt_tokens, "completion_tokens": completion.completion_tokens,
                      "total_tokens": completion.prompt_tokens + completion.completion_tokens},
        })

    # What tests read ------------------------------------------------------------------------

    def served(self, step: int) -> list[Received]:
        """The requests that script step `step` answered (one, unless a test expects otherwise)."""
        return [received for received in self.requests if received.step == step]

    def last_tool_calls(self, before: int) -> list[dict[str, Any]]:
        """The tool calls of the last assistant message in request `before`'s messages."""
        for message in reversed(self.requests[before].messages):
            if message.get("role") == "assistant" and message.get("tool_calls"):
                return message["tool_calls"]
        return []


def tool_results(body: dict[str, Any]) -> dict[str, str]:
    """tool_call_id -> content of every tool message in a request body (for callable steps)."""
    return {m.get("tool_call_id", ""): m.get("content") or "" for m in body.get("messages", []) if m.get("role") == "tool"}


def _lower(headers) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def check_messages(messages: Any) -> HttpError | None:
    """The 400 a strict OpenAI-compatible server answers to these messages, if any."""

    def invalid(param: str, message: str) -> HttpError:
        return HttpError(400, f"Invalid '{param}': {message}", type="invalid_request_error", param=param,
                         code="invalid_value")

    if not isinstance(messages, list) or not messages:
        return invalid("messages", "expected a non-empty array.")
    waiting: set[str] = set()  # the ids of tool calls not answered yet
    for i, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        if role == "tool":
            call_id = message.get("tool_call_id")
            if call_id not in waiting:
                return invalid(f"messages[{i}].tool_call_id",
                               "messages with role 'tool' must be a response to a preceding message with "
                               "'tool_calls'.")
            waiting.discard(call_id)
            continue
        if waiting:
            return invalid(f"messages[{i}]", "an assistant message with 'tool_calls' must be followed by tool "
                                             f"messages responding to each 'tool_call_id' ({sorted(waiting)}).")
        if role != "assistant" or not message.get("tool_calls"):
            continue
        for k, call in enumerate(message["tool_calls"]):
            param = f"messages[{i}].tool_calls[{k}]"
            call_id = call.get("id")
            if not isinstance(call_id, str) or not call_id or call_id in waiting:
                return invalid(f"{param}.id", "tool call ids must be non-empty and unique within a message.")
            waiting.add(call_id)
            arguments = call.get("function", {}).get("arguments")
            try:
                value = json.loads(arguments) if isinstance(arguments, str) else None
            except ValueError:
                value = None
            if not isinstance(value, dict):
                return invalid(f"{param}.function.arguments", "the arguments must be a JSON object encoded as a "
                                                              "string.")
    return None
