"""The model endpoint's OpenAI protocol, on a real server, through the real `openai` client.

The model is scripted here (`Script`): these tests are about the HTTP layer, which must
accept and refuse exactly what OpenAI does, hold the model to `tool_choice`, and answer
deterministically. What the client cannot send (broken JSON, wrong types, oversize
bodies) goes over raw aiohttp, and a property test throws random bodies at it.
"""

from __future__ import annotations

import copy
import json
import re
import time

import aiohttp
import openai
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from services.model.config import ModelConfig
from services.model.messages import Decision, Message, Tool, ToolCall
from services.model.protocol import CONTEXT_WINDOW, MAX_BODY_BYTES, MODEL_CREATED, MODEL_ID, SYSTEM_FINGERPRINT
from services.model.server import create_app
from tests.suppliers import make_config
from tripsmith.runtime.http_server import start_http_server

SECRET = "secret-internal-detail"

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Daily weather for a city.",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    },
    {"type": "function", "function": {"name": "search_flights", "parameters": {"type": "object"}}},
    {"type": "function", "function": {"name": "search-hotels"}},
]


class Script:
    """A scripted model that records what it was given. The last message says what to do:
    "call A B" calls the offered functions A and B; "raise", "disobey", "ignore" and
    "junk" misbehave; after tool results it reports them; anything else is echoed.
    A named tool_choice or "required" is obeyed unless the message says "ignore"."""

    def __init__(self) -> None:
        self.seen: list[tuple[list[Message], list[Tool], str]] = []

    def __call__(self, messages: list[Message], tools: list[Tool], tool_choice: str) -> Decision:
        self.seen.append((messages, tools, tool_choice))
        last = messages[-1]
        offered = [tool.name for tool in tools]
        if last.content == "raise":
            raise RuntimeError(SECRET)
        if last.content == "disobey":  # calls get_weather, offered or not
            return Decision(None, (ToolCall("", "get_weather", {}),))
        if last.content == "junk":
            return {"content": "not a Decision"}
        if last.content == "ignore":
            return Decision("I will not call anything.")
        if tool_choice not in ("auto", "none", "required"):
            return Decision(None, (ToolCall("", tool_choice, {"because": "named"}),))
        if tool_choice == "required":
            return Decision(None, (ToolCall("", offered[0], {}),))
        if last.role == "tool":
            results = [m.content for m in messages if m.role == "tool"]
            return Decision("results: " + "; ".join(results))
        words = last.content.split()
        if words[:1] == ["call"]:
            names = [name for name in words[1:] if name in offered]
            calls = tuple(ToolCall("", name, {"n": i, "city": "Lisbon"}) for i, name in enumerate(names))
            return Decision("calling" if not calls else None, calls)
        return Decision(f"echo: {last.content}")


@pytest.fixture
def script() -> Script:
    return Script()


@pytest.fixture
async def base_url(script):
    config = make_config(ModelConfig, port=0, bind_host="127.0.0.1")
    runner, port = await start_http_server(create_app(config, decide=script), config)
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
async def client(base_url):
    async with openai.AsyncOpenAI(base_url=f"{base_url}/v1", api_key="local", max_retries=0) as client:
        yield client


@pytest.fixture
async def http(base_url):
    async with aiohttp.ClientSession(base_url) as session:
        yield session


def user(text) -> dict:
    return {"role": "user", "content": text}


async def chat(client, messages, **kwargs):
    return await client.chat.completions.create(model=MODEL_ID, messages=messages, **kwargs)


async def post(http, body) -> tuple[int, bytes]:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    async with http.post("/v1/chat/completions", data=data, headers={"Content-Type": "application/json"}) as response:
        return response.status, await response.read()


def assert_openai_error(status: int, raw: bytes, param: str | None = "any") -> dict:
    error = json.loads(raw)["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert isinstance(error["message"], str) and error["message"]
    assert error["type"] == ("server_error" if status >= 500 else "invalid_request_error")
    if param != "any":
        assert error["param"] == param, error
    return error


async def test_a_message_beyond_the_context_window_is_a_400_context_length_exceeded(client, script):
    words = " ".join(["far"] * (CONTEXT_WINDOW + 10))
    with pytest.raises(openai.BadRequestError) as raised:
        await chat(client, [user(words)])
    error = raised.value.body
    assert raised.value.status_code == 400 and error["code"] == "context_length_exceeded" and error["param"] == "messages"
    assert f"maximum context length is {CONTEXT_WINDOW} tokens" in error["message"]
    assert script.seen == []  # the model never read it


# --- Answers ------------------------------------------------------------------------------


async def test_a_reply(client, script):
    before = int(time.time())
    completion = await chat(client, [{"role": "system", "content": "Be brief."}, user("hello")], temperature=0.2)
    assert completion.object == "chat.completion"
    # `created` is the time of the response, as OpenAI-compatible servers send it.
    assert completion.id.startswith("chatcmpl-") and before <= completion.created <= int(time.time())
    assert completion.model == MODEL_ID and completion.system_fingerprint == SYSTEM_FINGERPRINT
    [choice] = completion.choices
    assert (choice.index, choice.finish_reason, choice.logprobs) == (0, "stop", None)
    assert choice.message.role == "assistant" and choice.message.content == "echo: hello"
    assert choice.message.tool_calls is None and choice.message.refusal is None
    [(messages, tools, tool_choice)] = script.seen
    assert messages == [Message("system", "Be brief."), Message("user", "hello")]
    assert (tools, tool_choice) == ([], "none")


async def test_the_response_has_openais_shape_and_is_byte_identical_for_the_same_body(http):
    body = {"model": MODEL_ID, "messages": [user("Hello, world!")], "seed": 7, "user": "u-1"}
    status, first = await post(http, body)
    assert status == 200
    assert await post(http, body) == (200, first)
    response = json.loads(first)
    assert list(response) == ["id", "object", "created", "model", "choices", "usage", "system_fingerprint"]
    assert response["choices"][0]["message"] == {"role": "assistant", "content": "echo: Hello, world!", "refusal": None}
    # 3 tokens per message + 3 to prime the reply + Hello , world ! -> 10; echo : Hello , world ! -> 6
    assert response["usage"] == {"prompt_tokens": 10, "completion_tokens": 6, "total_tokens": 16}
    _, other = await post(http, {**body, "seed": 8})
    assert json.loads(other)["id"] != response["id"]


async def test_parallel_tool_calls(client, script):
    completion = await chat(client, [user("call get_weather search_flights")], tools=TOOLS)
    [choice] = completion.choices
    assert choice.finish_reason == "tool_calls" and choice.message.content is None
    calls = choice.message.tool_calls
    assert [call.function.name for call in calls] == ["get_weather", "search_flights"]
    assert [call.function.arguments for call in calls] == ['{"city":"Lisbon","n":0}', '{"city":"Lisbon","n":1}']
    assert all(call.type == "function" and call.id.startswith("call_") for call in calls)
    assert len({call.id for call in calls}) == 2
    [(_, tools, tool_choice)] = script.seen
    assert tool_choice == "auto"
    assert tools[0] == Tool("get_weather", "Daily weather for a city.", TOOLS[0]["function"]["parameters"])
    assert tools[2] == Tool("search-hotels", "", {})


async def test_parallel_tool_calls_false_keeps_the_first_call(client):
    completion = await chat(client, [user("call search_flights get_weather")], tools=TOOLS, parallel_tool_calls=False)
    [call] = completion.choices[0].message.tool_calls
    assert call.function.name == "search_flights"


async def test_tool_results_round_trip_through_the_clients_types(client, script):
    messages = [user("call get_weather search_flights")]
    first = await chat(client, messages, tools=TOOLS)
    assistant = first.choices[0].message
    messages.append(assistant)  # the client's own ChatCompletionMessage, as applications do
    for call in assistant.tool_calls:
        messages.append({"role": "tool", "tool_call_id": call.id, "content": f"{call.function.name} ok"})
    second = await chat(client, messages, tools=TOOLS)
    assert second.choices[0].message.content == "results: get_weather ok; search_flights ok"
    assert second.id != first.id
    seen_assistant = script.seen[1][0][1]
    assert seen_assistant.role == "assistant" and seen_assistant.content == ""
    assert seen_assistant.tool_calls == tuple(
        ToolCall(call.id, call.function.name, json.loads(call.function.arguments)) for call in assistant.tool_calls
    )
    assert [m.tool_call_id for m in script.seen[1][0][2:]] == [call.id for call in assistant.tool_calls]


async def test_tool_choice_none_offers_the_model_no_tools(client, script):
    completion = await chat(client, [user("call get_weather")], tools=TOOLS, tool_choice="none")
    assert completion.choices[0].message.tool_calls is None
    assert completion.choices[0].finish_reason == "stop"
    assert script.seen[0][1:] == ([], "none")


async def test_tool_choice_required_and_named(client, script):
    required = await chat(client, [user("hi")], tools=TOOLS, tool_choice="required")
    assert [call.function.name for call in required.choices[0].message.tool_calls] == ["get_weather"]
    named = await chat(
        client, [user("hi")], tools=TOOLS, tool_choice={"type": "function", "function": {"name": "search-hotels"}}
    )
    [call] = named.choices[0].message.tool_calls
    assert (call.function.name, call.function.arguments) == ("search-hotels", '{"because":"named"}')
    assert [seen[2] for seen in script.seen] == ["required", "search-hotels"]
    assert len(script.seen[1][1]) == 3  # a named choice still shows the model every tool


async def test_usage_is_consistent_and_deterministic(client):
    messages = [user("call get_weather")]
    first = await chat(client, messages, tools=TOOLS)
    again = await chat(client, messages, tools=TOOLS)
    assert first.usage == again.usage and first.id == again.id
    assert first.choices[0].message.tool_calls[0].id == again.choices[0].message.tool_calls[0].id
    usage = first.usage
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    assert usage.completion_tokens > 0
    without_tools = await chat(client, messages)  # tool schemas count as prompt
    assert without_tools.usage.prompt_tokens < usage.prompt_tokens
    longer = await chat(client, [user("call get_weather and tell me more about it")], tools=TOOLS)
    assert longer.usage.prompt_tokens > usage.prompt_tokens


async def test_text_parts_are_joined(client, script):
    parts = [{"type": "text", "text": "first"}, {"type": "text", "text": "second"}]
    completion = await chat(client, [{"role": "user", "content": parts}])
    assert completion.choices[0].message.content == "echo: first\nsecond"


async def test_streaming_carries_the_same_completion(client):
    messages = [user("call get_weather search_flights")]
    plain = await chat(client, messages, tools=TOOLS)
    async with client.chat.completions.stream(model=MODEL_ID, messages=messages, tools=TOOLS) as stream:
        streamed = await stream.get_final_completion()
    assert streamed.id.startswith("chatcmpl-")  # another body ("stream": true), so other ids
    assert [(c.function.name, c.function.arguments) for c in streamed.choices[0].message.tool_calls] == [
        (c.function.name, c.function.arguments) for c in plain.choices[0].message.tool_calls
    ]
    assert all(c.id.startswith("call_") for c in streamed.choices[0].message.tool_calls)
    assert streamed.choices[0].finish_reason == "tool_calls"

    chunks = [
        chunk
        async for chunk in await chat(client, [user("hello")], stream=True, stream_options={"include_usage": True})
    ]
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "echo: hello"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    reply = await chat(client, [user("hello")])
    assert chunks[-1].choices == [] and chunks[-1].usage == reply.usage


async def test_extra_parameters_are_accepted_and_ignored(client):
    completion = await chat(
        client,
        [user("hi")],
        temperature=0,
        top_p=1,
        max_tokens=5,
        max_completion_tokens=5,
        seed=1,
        user="someone",
        metadata={"k": "v"},
        response_format={"type": "text"},
        n=1,
        stop=["\n"],
        extra_body={"something_new": {"x": 1}},
    )
    assert completion.choices[0].message.content == "echo: hi"


async def test_models(client, http):
    assert [model.id for model in (await client.models.list()).data] == [MODEL_ID]
    model = await client.models.retrieve(MODEL_ID)
    assert (model.id, model.created, model.owned_by) == (MODEL_ID, MODEL_CREATED, "tripsmith")
    for missing in ("gpt-4o", "org/some-model"):
        with pytest.raises(openai.NotFoundError) as error:
            await client.models.retrieve(missing)
        assert error.value.code == "model_not_found"
    async with http.get("/healthz") as response:
        assert response.status == 200


# --- Refusals -----------------------------------------------------------------------------

CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Porto"}'}}


def with_call(**changes) -> list:
    """A conversation whose assistant message (index 1) has CALL changed by `changes`."""
    call = copy.deepcopy(CALL)
    for path, value in changes.items():
        *parents, key = path.split("__")
        target = call
        for parent in parents:
            target = target[parent]
        if value is None:
            del target[key]
        else:
            target[key] = value
    return [
        user("hi"),
        {"role": "assistant", "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "call_1", "content": "sunny"},
    ]


BAD_REQUESTS = {
    "empty messages": ({"messages": []}, "messages"),
    "message not an object": ({"messages": ["hi"]}, "messages[0]"),
    "unknown role": ({"messages": [{"role": "robot", "content": "hi"}]}, "messages[0].role"),
    "user without content": ({"messages": [{"role": "user"}]}, "messages[0].content"),
    "assistant without content or calls": (
        {"messages": [user("hi"), {"role": "assistant", "content": None}]},
        "messages[1].content",
    ),
    "content of the wrong type": ({"messages": [{"role": "user", "content": 3}]}, "messages[0].content"),
    "image part": (
        {
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "what is this?"},
                        {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
                    ],
                }
            ]
        },
        "messages[0].content[1].type",
    ),
    "arguments not JSON": (
        {"messages": with_call(function__arguments="{city")},
        "messages[1].tool_calls[0].function.arguments",
    ),
    "arguments not an object": (
        {"messages": with_call(function__arguments="[1]")},
        "messages[1].tool_calls[0].function.arguments",
    ),
    "arguments not a string": (
        {"messages": with_call(function__arguments={"city": "Porto"})},
        "messages[1].tool_calls[0].function.arguments",
    ),
    "call without id": ({"messages": with_call(id=None)}, "messages[1].tool_calls[0].id"),
    "call of another type": ({"messages": with_call(type="retrieval")}, "messages[1].tool_calls[0].type"),
    "call without name": ({"messages": with_call(function__name=None)}, "messages[1].tool_calls[0].function.name"),
    "tool message without call id": (
        {"messages": with_call()[:2] + [{"role": "tool", "content": "sunny"}]},
        "messages[2].tool_call_id",
    ),
    "tool message answering an unknown call": (
        {"messages": with_call()[:2] + [{"role": "tool", "tool_call_id": "call_2", "content": "sunny"}]},
        "messages[2].tool_call_id",
    ),
    "tool message answering nothing": (
        {"messages": [user("hi"), {"role": "tool", "tool_call_id": "call_1", "content": "x"}]},
        "messages[1].role",
    ),
    "call left unanswered": ({"messages": with_call()[:2] + [user("and?")]}, "messages[1].tool_calls"),
    "tools not a list": ({"tools": {"get_weather": {}}}, "tools"),
    "tools empty": ({"tools": []}, "tools"),
    "tool of another type": ({"tools": [{"type": "custom", "custom": {"name": "x"}}]}, "tools[0].type"),
    "tool name with a space": (
        {"tools": [{"type": "function", "function": {"name": "get weather"}}]},
        "tools[0].function.name",
    ),
    "tool name too long": ({"tools": [{"type": "function", "function": {"name": "x" * 65}}]}, "tools[0].function.name"),
    "tool parameters not an object": (
        {"tools": [{"type": "function", "function": {"name": "x", "parameters": "{}"}}]},
        "tools[0].function.parameters",
    ),
    "tool offered twice": ({"tools": [TOOLS[0], TOOLS[0]]}, "tools[1].function.name"),
    "tool_choice unknown": ({"tools": TOOLS, "tool_choice": "sometimes"}, "tool_choice"),
    "tool_choice names a function not offered": (
        {"tools": TOOLS, "tool_choice": {"type": "function", "function": {"name": "book"}}},
        "tool_choice.function.name",
    ),
    "tool_choice without tools": ({"tool_choice": "auto"}, "tool_choice"),
    "n of 2": ({"n": 2}, "n"),
    "max_tokens 0": ({"max_tokens": 0}, "max_tokens"),
    "max_completion_tokens negative": ({"max_completion_tokens": -1}, "max_completion_tokens"),
    "json response format": ({"response_format": {"type": "json_object"}}, "response_format.type"),
    "stream_options without stream": ({"stream_options": {"include_usage": True}}, "stream_options"),
    "legacy functions": ({"functions": [{"name": "x"}]}, "functions"),
}


@pytest.mark.parametrize("changes, param", BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys())
async def test_bad_requests_are_400_naming_the_parameter(client, script, changes, param):
    request = {"messages": [user("hi")], **changes}
    with pytest.raises(openai.BadRequestError) as error:
        await client.chat.completions.create(model=MODEL_ID, **request)
    assert (error.value.status_code, error.value.param, error.value.type) == (400, param, "invalid_request_error")
    assert error.value.message
    assert script.seen == []


async def test_image_parts_are_refused_with_a_clear_message(client):
    request, _ = BAD_REQUESTS["image part"]
    with pytest.raises(openai.BadRequestError) as error:
        await chat(client, request["messages"])
    assert "text only" in error.value.message and "image_url" in error.value.message


async def test_another_model_is_404_model_not_found(client):
    with pytest.raises(openai.NotFoundError) as error:
        await client.chat.completions.create(model="gpt-4o", messages=[user("hi")])
    assert (error.value.code, error.value.param) == ("model_not_found", "model")


async def test_an_oversize_body_is_413(client, http):
    with pytest.raises(openai.APIStatusError) as error:
        await chat(client, [user("x" * (MAX_BODY_BYTES + 1))])
    assert type(error.value) is openai.APIStatusError and error.value.status_code == 413
    assert error.value.code == "request_too_large"
    # The limit itself is allowed: exactly MAX_BODY_BYTES reaches validation.
    head = json.dumps({"model": MODEL_ID, "messages": [user("")]})
    body = head[:-4] + "x" * (MAX_BODY_BYTES - len(head)) + head[-4:]
    assert len(body) == MAX_BODY_BYTES
    status, raw = await post(http, body)
    assert status == 200, raw


RAW_BAD_REQUESTS = {
    "not JSON": (b"model=tripsmith-rules", None),
    "truncated JSON": (b'{"model": "tripsmith-rules", "messages": [', None),
    "not UTF-8": (b'{"model": "\xff"}', None),
    "NaN": (b'{"model": "tripsmith-rules", "messages": [], "temperature": NaN}', None),
    "not an object": (b"[]", None),
    "nested too deeply": (b'{"model": "tripsmith-rules", "metadata": ' + b"[" * 1000 + b"]" * 1000 + b"}", None),
    "missing model": ({"messages": [user("hi")]}, "model"),
    "model not a string": ({"model": 4, "messages": [user("hi")]}, "model"),
    "missing messages": ({"model": MODEL_ID}, "messages"),
    "messages a string": ({"model": MODEL_ID, "messages": "hi"}, "messages"),
    "stream a string": ({"model": MODEL_ID, "messages": [user("hi")], "stream": "yes"}, "stream"),
    "n a boolean": ({"model": MODEL_ID, "messages": [user("hi")], "n": True}, "n"),
    "max_tokens a float": ({"model": MODEL_ID, "messages": [user("hi")], "max_tokens": 1.5}, "max_tokens"),
    "parallel_tool_calls a string": (
        {"model": MODEL_ID, "messages": [user("hi")], "tools": TOOLS, "parallel_tool_calls": "no"},
        "parallel_tool_calls",
    ),
    "part without text": (
        {"model": MODEL_ID, "messages": [{"role": "user", "content": [{"type": "text"}]}]},
        "messages[0].content[0].text",
    ),
    "arguments nested too deeply": (
        {"model": MODEL_ID, "messages": with_call(function__arguments='{"a":' + "[" * 100 + "]" * 100 + "}")},
        "messages[1].tool_calls[0].function.arguments",
    ),
}


@pytest.mark.parametrize("body, param", RAW_BAD_REQUESTS.values(), ids=RAW_BAD_REQUESTS.keys())
async def test_raw_bad_requests_are_400(http, script, body, param):
    status, raw = await post(http, body)
    assert status == 400, raw
    assert_openai_error(status, raw, param)
    assert script.seen == []


async def test_unknown_routes_and_methods(http):
    async with http.get("/v1/completions") as response:
        assert response.status == 404
        assert_openai_error(404, await response.read(), None)
    async with http.get("/v1/chat/completions") as response:
        assert response.status == 405 and response.headers["Allow"] == "POST"
        assert_openai_error(405, await response.read(), None)


# --- The model's faults -------------------------------------------------------------------

MODEL_FAULTS = {  # what the model does, the request, what the log says
    "decide raises": ("raise", {}, SECRET),
    "calls a function not offered": ("disobey", {"tools": TOOLS[1:]}, "'get_weather', which is not offered"),
    "calls a function under tool_choice none": (
        "disobey",
        {"tools": TOOLS, "tool_choice": "none"},
        "'get_weather', which is not offered (tool_choice 'none')",
    ),
    "calls another function than the one named": (
        "disobey",
        {"tools": TOOLS, "tool_choice": {"type": "function", "function": {"name": "search_flights"}}},
        "tool_choice names 'search_flights'",
    ),
    "returns something else": ("junk", {}, "decide returned dict, not a Decision"),
    "ignores tool_choice required": (
        "ignore",
        {"tools": TOOLS, "tool_choice": "required"},
        "no tool call, but tool_choice is 'required'",
    ),
    "ignores a named tool_choice": (
        "ignore",
        {"tools": TOOLS, "tool_choice": {"type": "function", "function": {"name": "get_weather"}}},
        "no tool call, but tool_choice is 'get_weather'",
    ),
}


@pytest.mark.parametrize("text, options, logged", MODEL_FAULTS.values(), ids=MODEL_FAULTS.keys())
async def test_the_models_faults_are_500_without_details(client, text, options, logged, caplog):
    with pytest.raises(openai.InternalServerError) as error:
        await chat(client, [user(text)], **options)
    assert error.value.status_code == 500 and error.value.type == "server_error"
    assert logged not in error.value.message and "get_weather" not in error.value.message
    # The details are in the log, under the request id the caller was given.
    assert error.value.request_id.startswith("chatcmpl-") and error.value.request_id in error.value.message
    [record] = [record for record in caplog.records if record.name == "services.model.server"]
    assert record.request_id == error.value.request_id
    assert logged in caplog.text


# --- Random bodies ------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
json_data = st.recursive(  # what json.dumps turns into strict JSON
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=8,
)


@st.composite
def valid_bodies(draw) -> dict:
    """Requests OpenAI would accept: optional system prompt, turns with tool exchanges, the
    tools offered, tool_choice, streaming and the ignored parameters, all drawn at random."""
    tools = draw(st.lists(st.sampled_from(TOOLS), max_size=3, unique_by=lambda tool: tool["function"]["name"]))
    names = [tool["function"]["name"] for tool in tools]
    texts = st.text(max_size=30) | st.sampled_from([f"call {' '.join(names)}", "call get_weather"])
    content = texts | st.lists(st.builds(lambda text: {"type": "text", "text": text}, texts), min_size=1, max_size=3)
    messages = []
    if draw(st.booleans()):
        messages.append({"role": draw(st.sampled_from(["system", "developer"])), "content": draw(content)})
    for turn in range(draw(st.integers(0, 2))):
        messages.append(user(draw(content)))
        if names and draw(st.booleans()):
            calls = [
                {
                    "id": f"call_{turn}_{index}",
                    "type": "function",
                    "function": {
                        "name": draw(st.sampled_from(names)),
                        "arguments": json.dumps(draw(st.dictionaries(st.text(max_size=8), json_data, max_size=3))),
                    },
                }
                for index in range(draw(st.integers(1, 3)))
            ]
            messages.append({"role": "assistant", "content": draw(st.none() | texts), "tool_calls": calls})
            for call in draw(st.permutations(calls)):
                messages.append({"role": "tool", "tool_call_id": call["id"], "content": draw(content)})
        else:
            messages.append({"role": "assistant", "content": draw(texts)})
    messages.append(user(draw(content)))
    body = {"model": MODEL_ID, "messages": messages}
    if tools:
        body["tools"] = tools
        choices = st.sampled_from(
            ["auto", "none", "required", *({"type": "function", "function": {"name": n}} for n in names)]
        )
        optional = {"tool_choice": choices, "parallel_tool_calls": st.booleans()}
    else:
        optional = {}
    optional |= {
        "stream": st.booleans(),
        "temperature": st.floats(0, 2),
        "max_tokens": st.integers(1, 10_000),
        "n": st.just(1),
        "seed": st.integers(),
        "user": st.text(max_size=10),
        "metadata": st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=2),
    }
    for key in draw(st.lists(st.sampled_from(list(optional)), unique=True)):
        body[key] = draw(optional[key])
    if body.get("stream") and draw(st.booleans()):
        body["stream_options"] = {"include_usage": draw(st.booleans())}
    return body


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*path, index))


@st.composite
def mutated(draw) -> bytes:
    """A valid body with one to three places replaced by random JSON, or deleted."""
    body = copy.deepcopy(draw(valid_bodies()))  # the drawn body shares TOOLS
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(body))[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        target = body
        for step in path[:-1]:
            target = target[step]
        if draw(st.booleans()):
            target[path[-1]] = draw(
                json_values | st.sampled_from(["tool", "assistant", "call_0_0", "none", "required"])
            )
        else:
            del target[path[-1]]
    return json.dumps(body).encode()


def check_answer(status: int, raw: bytes) -> None:
    """A completion (plain or streamed) or an OpenAI error; never a 5xx."""
    assert status < 500, raw
    event(f"HTTP {status}")
    if status != 200:
        assert_openai_error(status, raw)
        return
    if raw.startswith(b"data: "):
        events = raw.decode().split("\n\n")
        assert events[-2:] == ["data: [DONE]", ""]
        chunks = [json.loads(line.removeprefix("data: ")) for line in events[:-2]]
        for chunk in chunks:
            openai.types.chat.ChatCompletionChunk.model_validate(chunk)
        assert [choice["finish_reason"] for chunk in chunks for choice in chunk["choices"]][-1] in (
            "stop",
            "tool_calls",
        )
        return
    response = json.loads(raw)
    openai.types.chat.ChatCompletion.model_validate(response)
    usage = response["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    [choice] = response["choices"]
    calls = choice["message"].get("tool_calls", [])
    assert choice["finish_reason"] == ("tool_calls" if calls else "stop")
    for call in calls:
        assert isinstance(json.loads(call["function"]["arguments"]), dict)


_fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_fuzz
@given(body=valid_bodies())
async def test_valid_bodies_get_a_completion_the_same_every_time(http, body):
    status, raw = await post(http, body)
    assert status == 200, raw
    check_answer(status, raw)
    again_status, again = await post(http, body)
    # Everything but `created`, the time of the response, is the same every time.
    timeless = re.compile(rb'"created": \d+')
    assert again_status == status and timeless.sub(b"", again) == timeless.sub(b"", raw)


@_fuzz
@given(
    body=st.one_of(
        mutated(),
        st.builds(lambda value: json.dumps(value).encode(), json_values),
        st.builds(lambda value: json.dumps({"model": MODEL_ID, "messages": value}).encode(), json_values),
        st.binary(max_size=64),
    )
)
async def test_random_bodies_get_a_completion_or_an_openai_error_never_a_5xx(http, body):
    check_answer(*await post(http, body))
