"""The model endpoint's HTTP application: `tripsmith-rules` behind OpenAI's REST protocol.

- `POST /v1/chat/completions`: the request is validated as OpenAI validates it
  (`protocol.parse_request`; 400/404 in OpenAI's error shape, 413 above 4 MiB), the model's
  `decide(messages, tools, tool_choice)` chooses the answer, and the HTTP layer holds the
  model to the request: under `tool_choice` "none" it is offered no tools; under
  "required" or a named function it must call one (the named one); it may only call
  offered functions. A model that breaks those rules, raises, or returns something that is
  not a `Decision` gets the caller a 500 `server_error` without details (they go to the
  log): the request was fine, the model was not. `stream: true` is answered with
  server-sent events of the same completion.
- `GET /v1/models`, `GET /v1/models/{id}`: the one model, or 404 `model_not_found`.
- `GET /healthz`; unknown routes and methods get OpenAI-shaped 404 and 405 errors.

The same request body always gets the same response body, byte for byte (see protocol.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from services.model.config import ModelConfig
from services.model.messages import Decision, Message, Tool, ToolChoice
from services.model.protocol import (
    MAX_BODY_BYTES,
    MODEL_CREATED,
    MODEL_ID,
    ModelError,
    ProtocolError,
    comply,
    completion,
    error_body,
    model_not_found,
    parse_request,
    sse,
)
from tripsmith.runtime.http_server import add_health

log = logging.getLogger(__name__)

Decide = Callable[[list[Message], list[Tool], ToolChoice], Decision]

_DECIDE = web.AppKey("decide", Callable)
_EXECUTOR = web.AppKey("executor", ThreadPoolExecutor)
_MODEL = {"id": MODEL_ID, "object": "model", "created": MODEL_CREATED, "owned_by": "tripsmith"}


def _json(body: dict, status: int = 200, headers: dict | None = None) -> web.Response:
    return web.Response(body=json.dumps(body).encode(), status=status, headers=headers, content_type="application/json")


def openai_error(
    status: int, message: str, error_type: str, param: str | None = None, code: str | None = None
) -> web.Response:
    """An error response in the shape OpenAI's API and client use."""
    return _json(error_body(message, error_type, param, code), status)


async def list_models(request: web.Request) -> web.Response:
    return _json({"object": "list", "data": [_MODEL]})


async def retrieve_model(request: web.Request) -> web.Response:
    model = request.match_info["model"]
    if model != MODEL_ID:
        error = model_not_found(model)
        return _json(error.body, error.status)
    return _json(_MODEL)


async def chat_completions(request: web.Request) -> web.Response:
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return openai_error(
            413,
            f"The request body exceeds the limit of {MAX_BODY_BYTES} bytes.",
            "invalid_request_error",
            code="request_too_large",
        )
    try:
        chat = parse_request(body)
    except ProtocolError as error:
        return _json(error.body, error.status)

    try:
        # On the model's own thread: deciding is CPU work that must not stall the event
        # loop (health probes), and one thread keeps thread-bound resources (SQLite) valid.
        decision = await asyncio.get_running_loop().run_in_executor(
            request.app[_EXECUTOR],
            request.app[_DECIDE],
            list(chat.messages),
            list(chat.model_tools),
            chat.tool_choice,
        )
        result = completion(chat, *comply(chat, decision), created=int(time.time()))
    except Exception as error:  # never the caller's fault: the details go to the log only
        request_id = "chatcmpl-" + chat.digest[:32]
        if isinstance(error, ModelError):
            log.error("the model broke the request's rules: %s", error, extra={"request_id": request_id})
        else:
            log.exception("the model failed", extra={"request_id": request_id})
        response = openai_error(500, f"{MODEL_ID} failed to answer (request {request_id}).", "server_error")
        response.headers["x-request-id"] = request_id
        return response

    headers = {"x-request-id": result["id"]}
    if chat.stream:
        headers["Cache-Control"] = "no-cache"
        return web.Response(text=sse(result, chat.include_usage), headers=headers, content_type="text/event-stream")
    return _json(result, headers=headers)


@web.middleware
async def json_errors(request: web.Request, handler):
    """Unknown routes and methods get OpenAI-shaped JSON errors, not HTML pages."""
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        message = f"Invalid URL ({request.method} {request.path})" if error.status == 404 else error.reason
        response = openai_error(error.status, message, "invalid_request_error")
        if "Allow" in error.headers:  # a 405 must say which methods are allowed
            response.headers["Allow"] = error.headers["Allow"]
        return response


def create_app(config: ModelConfig, decide: Decide | None = None) -> web.Application:
    """Builds the model endpoint's application around `decide` (by default the model in
    services.model.agent; tests pass a scripted one to test the protocol alone)."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=MODEL_ID)
    if decide is None:
        # Imported here so that tests of the protocol never load the model.
        from services.model.agent import decide
        from services.model.understanding import default_catalog

        # Load the place data now, off the event loop, so the first plan is not the slow one.
        executor.submit(default_catalog)

    async def stop_executor(app: web.Application) -> None:
        executor.shutdown(wait=False, cancel_futures=True)

    # aiohttp answers 413 for bodies larger than client_max_size (read() raises it).
    app = web.Application(middlewares=[json_errors], client_max_size=MAX_BODY_BYTES)
    app[_DECIDE] = decide
    app[_EXECUTOR] = executor
    app.on_cleanup.append(stop_executor)
    add_health(app)
    app.router.add_get("/v1/models", list_models)
    app.router.add_get("/v1/models/{model:.+}", retrieve_model)
    app.router.add_post("/v1/chat/completions", chat_completions)
    return app
