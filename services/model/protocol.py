"""OpenAI Chat Completions on the wire: request JSON in, response JSON (or SSE) out.

`parse_request(body)` turns a request body into a `ChatRequest` of `messages.py` types, or
raises `ProtocolError` carrying the status and the OpenAI error body
`{"error": {"message", "type", "param", "code"}}`, with `param` naming the offending field
the way OpenAI does (`messages[3].tool_calls[0].function.arguments`). It accepts what
OpenAI accepts, with these limits of a text-only, single-choice, deterministic model:

- `model` must be `tripsmith-rules` (404 `model_not_found` otherwise; 400 when missing);
- content is a string or a list of `text` parts (joined with newlines); image, audio and
  file parts are refused; `n` must be 1; `response_format` must be `text`; the legacy
  `functions` / `function_call` are refused (use `tools`);
- `max_tokens` / `max_completion_tokens`, when present, must be positive integers; they
  never truncate a reply (the rules model's replies are short and a cut tool call is
  useless). Other parameters (temperature, top_p, seed, user, metadata, ...) are ignored;
- every assistant `tool_calls` message must be answered by `tool` messages, one per call
  id, before the next non-tool message, and a tool message must answer such a call
  (OpenAI's rule; it is what keeps a conversation replayable against any provider).

`completion(chat, decision)` formats the model's `Decision` after `comply` has checked it
against `tool_choice`; `sse(completion, include_usage)` renders it as a `stream: true`
answer. Responses are deterministic for a given body:

- `id` is `chatcmpl-` + the SHA-256 of the request body; tool call ids the model left empty
  are `call_` + the SHA-256 of the body and the call's position;
- `created` is the time of the response, as every OpenAI-compatible server sends it (the
  only field that differs between identical requests); `/v1/models` gives `MODEL_CREATED`,
  the model's release time;
- a request whose messages and tools hold more than `CONTEXT_WINDOW` tokens is a 400
  `context_length_exceeded`;
- `usage` counts tokens with `count_tokens` (words and single punctuation marks, see
  there), over what the model reads (message contents, tool call names and arguments, the
  schemas of the tools it is offered) and what it writes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from services.model.messages import Decision, Message, Tool, ToolCall, ToolChoice
from tripsmith import __version__

MODEL_ID = "tripsmith-rules"
#: The model's release time (2025-11-25T00:00:00Z), the `created` of its `/v1/models` entry.
MODEL_CREATED = 1_764_028_800
SYSTEM_FINGERPRINT = f"{MODEL_ID}-{__version__}"
MAX_BODY_BYTES = 4 * 1024 * 1024
#: The most tokens (as `count_tokens` counts them) a request's messages and tools may hold;
#: more is a 400 `context_length_exceeded`, as OpenAI answers, never a reply.
CONTEXT_WINDOW = 128_000
#: Deeper JSON is refused up front, so that re-encoding it (token counts, arguments) can
#: never hit Python's recursion limit; real requests nest a dozen levels at most.
MAX_JSON_DEPTH = 64

_ROLES = ("system", "developer", "user", "assistant", "tool")
_FUNCTION_NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")
_TOKEN = re.compile(r"\w+|[^\w\s]")
#: Chat formatting overhead, as in OpenAI's own counting guide: a few tokens around every
#: message and to prime the reply.
_TOKENS_PER_MESSAGE = 3
_TOKENS_REPLY_PRIMING = 3


class ProtocolError(Exception):
    """A request OpenAI would refuse, with the status and body it would refuse it with."""

    def __init__(
        self,
        message: str,
        param: str | None = None,
        code: str | None = None,
        status: int = 400,
        error_type: str = "invalid_request_error",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = error_body(message, error_type, param, code)


class ModelError(Exception):
    """The model answered something the request does not allow (a 500: the model's fault)."""


def error_body(message: str, error_type: str, param: str | None = None, code: str | None = None) -> dict:
    return {"error": {"message": message, "type": error_type, "param": param, "code": code}}


def model_not_found(model: str) -> ProtocolError:
    return ProtocolError(
        f"The model `{_shown(model)}` does not exist or you do not have access to it.", "model", "model_not_found", 404
    )


@dataclass(frozen=True)
class ChatRequest:
    """A valid request, reduced to what the model and the response need."""

    messages: tuple[Message, ...]
    tools: tuple[Tool, ...]  # as offered by the client
    tool_choice: ToolChoice
    parallel_tool_calls: bool
    stream: bool
    include_usage: bool
    digest: str  # SHA-256 hex of the body: the seed of every id in the response

    @property
    def model_tools(self) -> tuple[Tool, ...]:
        """The tools the model may call: none at all under tool_choice "none"."""
        return () if self.tool_choice == "none" else self.tools


# --- Reading the request ------------------------------------------------------------------

_JSON_TYPES = {
    type(None): "null",
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
}


def _shown(text: str) -> str:
    """Client text quoted in an error message, cut short: errors need not echo megabytes."""
    return text if len(text) <= 64 else text[:61] + "..."


def _missing(param: str) -> ProtocolError:
    return ProtocolError(f"Missing required parameter: '{param}'.", param, "missing_required_parameter")


def _empty_array(param: str) -> ProtocolError:
    return ProtocolError(
        f"Invalid '{param}': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        param,
        "empty_array",
    )


def _wrong_type(param: str, expected: str, value: Any) -> ProtocolError:
    got = _JSON_TYPES.get(type(value), "value")
    return ProtocolError(
        f"Invalid type for '{param}': expected {expected}, but got {got} instead.", param, "invalid_type"
    )


def _invalid(param: str, why: str, code: str = "invalid_value") -> ProtocolError:
    return ProtocolError(f"Invalid value for '{param}': {why}", param, code)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _too_deep(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return True
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return False


def _load_json(text: str | bytes) -> Any:
    """Strict JSON (no NaN or Infinity) nested at most MAX_JSON_DEPTH deep, else ValueError."""
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except RecursionError as error:
        raise ValueError("nested too deeply") from error
    if _too_deep(value):
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    return value


_KINDS = {"a string": str, "an integer": int, "a boolean": bool, "an array": list, "an object": dict}


def _field(obj: dict, key: str, param: str, expected: str, required: bool = False) -> Any:
    """obj[key] when it is of the expected JSON type; None when absent or null (unless required)."""
    value = obj.get(key)
    if value is None:
        if required:
            raise _missing(param)
        return None
    # `type(...) is` rather than isinstance: JSON's true is not an integer.
    if type(value) is not _KINDS[expected]:
        raise _wrong_type(param, expected, value)
    return value


def parse_request(body: bytes) -> ChatRequest:
    """The request in `body`, or ProtocolError naming what OpenAI would refuse."""
    try:
        request = _load_json(body)
    except ValueError as error:  # includes undecodable bytes (UnicodeDecodeError)
        raise ProtocolError(
            f"We could not parse the JSON body of your request ({error}). The API expects a JSON object "
            "as the request body, sent with 'Content-Type: application/json'."
        ) from None
    if not isinstance(request, dict):
        raise ProtocolError(
            f"The request body must be a JSON object, not {_JSON_TYPES.get(type(request), 'a value')}.",
            code="invalid_type",
        )

    model = _field(request, "model", "model", "a string", required=True)
    raw_messages = _field(request, "messages", "messages", "an array", required=True)
    if not raw_messages:
        raise _empty_array("messages")
    messages = _messages(raw_messages)
    tools = _tools(request)
    tool_choice = _tool_choice(request, tools)

    parallel = _field(request, "parallel_tool_calls", "parallel_tool_calls", "a boolean")
    stream = bool(_field(request, "stream", "stream", "a boolean"))
    options = _field(request, "stream_options", "stream_options", "an object")
    if options is not None and not stream:
        raise _invalid("stream_options", "'stream_options' is only allowed when 'stream' is enabled.")
    include_usage = bool(options and _field(options, "include_usage", "stream_options.include_usage", "a boolean"))

    n = _field(request, "n", "n", "an integer")
    if n is not None and n != 1:
        raise _invalid("n", f"{MODEL_ID} answers with exactly one choice; 'n' must be 1.", "unsupported_value")
    for name in ("max_tokens", "max_completion_tokens"):
        limit = _field(request, name, name, "an integer")
        if limit is not None and limit < 1:
            raise _invalid(name, f"expected a positive integer, but got {limit} instead.", "integer_below_min_value")
    response_format = _field(request, "response_format", "response_format", "an object")
    if response_format is not None and response_format.get("type") != "text":
        raise _invalid(
            "response_format.type",
            f"{MODEL_ID} writes plain text only; 'response_format' must be of type 'text'.",
            "unsupported_value",
        )
    for legacy in ("functions", "function_call"):
        if request.get(legacy) is not None:
            raise ProtocolError(
                f"'{legacy}' is not supported by {MODEL_ID}; offer functions with 'tools' and 'tool_choice'.",
                legacy,
                "unsupported_parameter",
            )
    # Last, as OpenAI does: a well-formed request for another model is a 404, not a 400.
    if model != MODEL_ID:
        raise model_not_found(model)

    chat = ChatRequest(
        messages=messages,
        tools=tools,
        tool_choice=tool_choice,
        parallel_tool_calls=parallel is not False,
        stream=stream,
        include_usage=include_usage,
        digest=hashlib.sha256(body).hexdigest(),
    )
    prompt_tokens = _prompt_tokens(chat)
    if prompt_tokens > CONTEXT_WINDOW:
        raise ProtocolError(
            f"This model's maximum context length is {CONTEXT_WINDOW} tokens. However, your messages resulted in "
            f"{prompt_tokens} tokens. Please reduce the length of the messages.",
            "messages",
            "context_length_exceeded",
        )
    return chat


def _messages(raw_messages: list) -> tuple[Message, ...]:
    messages: list[Message] = []
    # While tool messages may follow: (index of the assistant message, its call ids, those unanswered).
    answering: tuple[int, set[str], set[str]] | None = None
    for i, raw in enumerate(raw_messages):
        param = f"messages[{i}]"
        if not isinstance(raw, dict):
            raise _wrong_type(param, "an object", raw)
        role = _field(raw, "role", f"{param}.role", "a string", required=True)
        if role not in _ROLES:
            raise _invalid(f"{param}.role", f"'{_shown(role)}' is not one of {', '.join(repr(r) for r in _ROLES)}.")
        content = _content(raw.get("content"), f"{param}.content", role)
        calls: tuple[ToolCall, ...] = ()
        call_id = ""
        if role == "tool":
            call_id = _field(raw, "tool_call_id", f"{param}.tool_call_id", "a string", required=True)
            if answering is None:
                raise _invalid(
                    f"{param}.role",
                    "messages with role 'tool' must be a response to a preceding message with 'tool_calls'.",
                )
            _, known, unanswered = answering
            if call_id not in unanswered:
                why = "answers that call a second time" if call_id in known else "is not the id of any of its calls"
                raise _invalid(
                    f"{param}.tool_call_id",
                    f"'{_shown(call_id)}' {why}: a tool message answers one call of the preceding assistant message.",
                )
            unanswered.discard(call_id)
        else:
            _check_answered(answering)
            answering = None
        if role == "assistant":
            calls = _tool_calls(raw.get("tool_calls"), f"{param}.tool_calls")
            if calls:
                ids = {call.id for call in calls}
                answering = (i, ids, set(ids))
            elif content is None and raw.get("refusal") is None:
                raise _missing(f"{param}.content")
        elif content is None:
            raise _missing(f"{param}.content")
        messages.append(Message(role=role, content=content or "", tool_calls=calls, tool_call_id=call_id))
    _check_answered(answering)
    return tuple(messages)


def _check_answered(answering: tuple[int, set[str], set[str]] | None) -> None:
    if answering and answering[2]:
        index, _, unanswered = answering
        raise _invalid(
            f"messages[{index}].tool_calls",
            "an assistant message with 'tool_calls' must be followed by tool messages responding to each "
            f"'tool_call_id'. The following tool_call_ids did not have response messages: {', '.join(sorted(unanswered))}",
        )


def _content(value: Any, param: str, role: str) -> str | None:
    """A message's text: a string, or text parts joined with newlines; None when absent."""
    if value is None or isinstance(value, str):
        return value
    if not isinstance(value, list):
        raise _wrong_type(param, "one of a string or array of objects", value)
    if not value:
        raise _empty_array(param)
    texts = []
    for j, part in enumerate(value):
        part_param = f"{param}[{j}]"
        if not isinstance(part, dict):
            raise _wrong_type(part_param, "an object", part)
        kind = _field(part, "type", f"{part_param}.type", "a string", required=True)
        if kind == "text":
            texts.append(_field(part, "text", f"{part_param}.text", "a string", required=True))
        elif kind == "refusal" and role == "assistant":
            _field(part, "refusal", f"{part_param}.refusal", "a string", required=True)
        elif kind in ("image_url", "input_audio", "file"):
            raise _invalid(
                f"{part_param}.type",
                f"{MODEL_ID} reads text only; '{_shown(kind)}' content parts are not supported. Send the text as a 'text' part.",
                "unsupported_value",
            )
        else:
            raise _invalid(f"{part_param}.type", f"'{_shown(kind)}' is not a content part type; expected 'text'.")
    return "\n".join(texts)


def _tool_calls(value: Any, param: str) -> tuple[ToolCall, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _wrong_type(param, "an array", value)
    if not value:
        raise _empty_array(param)
    calls: list[ToolCall] = []
    for k, raw in enumerate(value):
        call_param = f"{param}[{k}]"
        if not isinstance(raw, dict):
            raise _wrong_type(call_param, "an object", raw)
        call_id = _field(raw, "id", f"{call_param}.id", "a string", required=True)
        if not call_id or any(call.id == call_id for call in calls):
            raise _invalid(f"{call_param}.id", "tool call ids must be non-empty and unique within a message.")
        _function_type(raw, call_param)
        function = _field(raw, "function", f"{call_param}.function", "an object", required=True)
        name = _function_name(function, f"{call_param}.function.name")
        arguments_param = f"{call_param}.function.arguments"
        arguments_text = _field(function, "arguments", arguments_param, "a string", required=True)
        try:
            arguments = _load_json(arguments_text)
        except ValueError as error:
            raise _invalid(
                arguments_param, f"the arguments must be a JSON object encoded as a string ({error})."
            ) from None
        if not isinstance(arguments, dict):
            raise _invalid(arguments_param, "the arguments must be a JSON object encoded as a string.")
        calls.append(ToolCall(id=call_id, name=name, arguments=arguments))
    return tuple(calls)


def _function_type(raw: dict, param: str) -> None:
    kind = _field(raw, "type", f"{param}.type", "a string", required=True)
    if kind != "function":
        raise _invalid(f"{param}.type", f"'{_shown(kind)}' is not supported; the only tool type is 'function'.")


def _function_name(function: dict, param: str) -> str:
    name = _field(function, "name", param, "a string", required=True)
    if not _FUNCTION_NAME.fullmatch(name):
        raise _invalid(param, f"'{_shown(name)}' does not match '^[a-zA-Z0-9_-]{{1,64}}$'.", "invalid_function_name")
    return name


def _tools(request: dict) -> tuple[Tool, ...]:
    raw_tools = _field(request, "tools", "tools", "an array")
    if raw_tools is None:
        return ()
    if not raw_tools:
        raise _empty_array("tools")
    tools: list[Tool] = []
    for i, raw in enumerate(raw_tools):
        param = f"tools[{i}]"
        if not isinstance(raw, dict):
            raise _wrong_type(param, "an object", raw)
        _function_type(raw, param)
        function = _field(raw, "function", f"{param}.function", "an object", required=True)
        name = _function_name(function, f"{param}.function.name")
        if any(tool.name == name for tool in tools):
            raise _invalid(f"{param}.function.name", f"a function named '{name}' is already offered.")
        description = _field(function, "description", f"{param}.function.description", "a string")
        parameters = _field(function, "parameters", f"{param}.function.parameters", "an object")
        _field(function, "strict", f"{param}.function.strict", "a boolean")
        tools.append(Tool(name=name, description=description or "", parameters=parameters or {}))
    return tuple(tools)


def _tool_choice(request: dict, tools: tuple[Tool, ...]) -> ToolChoice:
    value = request.get("tool_choice")
    if value is None:
        return "auto" if tools else "none"
    if not tools:
        raise _invalid("tool_choice", "'tool_choice' is only allowed when 'tools' are specified.")
    if isinstance(value, str):
        if value not in ("auto", "none", "required"):
            raise _invalid(
                "tool_choice", f"'{_shown(value)}' is not one of 'auto', 'none', 'required' or a named function."
            )
        return value
    if not isinstance(value, dict):
        raise _wrong_type("tool_choice", "a string or an object", value)
    _function_type(value, "tool_choice")
    function = _field(value, "function", "tool_choice.function", "an object", required=True)
    name = _function_name(function, "tool_choice.function.name")
    if all(tool.name != name for tool in tools):
        raise _invalid("tool_choice.function.name", f"no function named '{name}' is offered in 'tools'.")
    return name


# --- Writing the response -----------------------------------------------------------------


def _canonical(arguments: dict) -> str:
    """Arguments as OpenAI sends them: a JSON string; compact and key-sorted so it is stable."""
    return json.dumps(arguments, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def count_tokens(text: str) -> int:
    """A deterministic stand-in for a tokenizer: every run of word characters and every other
    non-space character is one token. It is close to real counts for English prose and
    over-counts JSON, which is the safe side for budgets."""
    return sum(1 for _ in _TOKEN.finditer(text))


def _call_tokens(calls: tuple[ToolCall, ...]) -> int:
    return sum(count_tokens(call.name) + count_tokens(_canonical(call.arguments)) for call in calls)


def _prompt_tokens(chat: ChatRequest) -> int:
    tokens = _TOKENS_REPLY_PRIMING
    for message in chat.messages:
        tokens += _TOKENS_PER_MESSAGE + count_tokens(message.content) + _call_tokens(message.tool_calls)
    for tool in chat.model_tools:
        schema = {"name": tool.name, "description": tool.description, "parameters": tool.parameters}
        tokens += count_tokens(json.dumps(schema, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
    return tokens


def comply(chat: ChatRequest, decision: Any) -> tuple[str | None, tuple[ToolCall, ...]]:
    """The decision's content and tool calls, checked against the request (ModelError if
    the model broke it) and cut to one call when parallel_tool_calls is false."""
    if not isinstance(decision, Decision):
        raise ModelError(f"decide returned {type(decision).__name__}, not a Decision")
    if decision.content is not None and not isinstance(decision.content, str):
        raise ModelError("the decision's content is not a string")
    offered = {tool.name for tool in chat.model_tools}
    calls = tuple(decision.tool_calls)
    for index, call in enumerate(calls):
        if not isinstance(call, ToolCall) or not isinstance(call.id, str) or not isinstance(call.arguments, dict):
            raise ModelError(f"malformed tool call {call!r}")
        if call.id and any(other.id == call.id for other in calls[:index]):
            raise ModelError(f"two tool calls with the id {call.id!r}")
        if call.name not in offered:
            raise ModelError(f"call to {call.name!r}, which is not offered (tool_choice {chat.tool_choice!r})")
        try:
            _canonical(call.arguments)
        except (TypeError, ValueError) as error:
            raise ModelError(f"arguments of {call.name!r} are not JSON: {error}") from None
    if chat.tool_choice not in ("auto", "none"):
        if not calls:
            raise ModelError(f"no tool call, but tool_choice is {chat.tool_choice!r}")
        if chat.tool_choice != "required" and any(call.name != chat.tool_choice for call in calls):
            raise ModelError(f"tool_choice names {chat.tool_choice!r}, but the model called other functions")
    if not chat.parallel_tool_calls:
        calls = calls[:1]
    return decision.content, calls


def _call_id(chat: ChatRequest, index: int, given: str) -> str:
    return given or "call_" + hashlib.sha256(f"{chat.digest}:{index}".encode()).hexdigest()[:24]


def completion(chat: ChatRequest, content: str | None, calls: tuple[ToolCall, ...], created: int) -> dict:
    """The `chat.completion` object for a complying decision (see `comply`), made at `created`
    (Unix seconds)."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if calls:
        message["tool_calls"] = [
            {
                "id": _call_id(chat, index, call.id),
                "type": "function",
                "function": {"name": call.name, "arguments": _canonical(call.arguments)},
            }
            for index, call in enumerate(calls)
        ]
    message["refusal"] = None
    prompt_tokens = _prompt_tokens(chat)
    completion_tokens = count_tokens(content or "") + _call_tokens(calls)
    return {
        "id": "chatcmpl-" + chat.digest[:32],
        "object": "chat.completion",
        "created": created,
        "model": MODEL_ID,
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": "tool_calls" if calls else "stop",
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
        "system_fingerprint": SYSTEM_FINGERPRINT,
    }


def sse(body: dict, include_usage: bool) -> str:
    """A completion as the server-sent events of `stream: true`: the role and content, one
    chunk per tool call, the finish reason, the usage when asked for, then [DONE]. The
    model decides in one step, so there is nothing to gain from smaller deltas."""
    head = {
        "id": body["id"],
        "object": "chat.completion.chunk",
        "created": body["created"],
        "model": body["model"],
        "system_fingerprint": body["system_fingerprint"],
    }
    choice = body["choices"][0]
    message = choice["message"]

    def chunk(delta: dict, finish_reason: str | None = None) -> dict:
        event = {**head, "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}]}
        if include_usage:
            event["usage"] = None
        return event

    events = [chunk({"role": "assistant", "content": message["content"], "refusal": None})]
    for index, call in enumerate(message.get("tool_calls", ())):
        events.append(chunk({"tool_calls": [{"index": index, **call}]}))
    events.append(chunk({}, choice["finish_reason"]))
    if include_usage:
        events.append({**head, "choices": [], "usage": body["usage"]})
    return "".join(f"data: {json.dumps(event)}\n\n" for event in events) + "data: [DONE]\n\n"
