"""The model endpoint's HTTP application, speaking the OpenAI REST protocol.

`GET /v1/models` lists `tripsmith-rules`. Until the model lands, `POST /v1/chat/completions`
answers 501 in OpenAI's error shape, which the `openai` client raises as an APIStatusError.
"""

from __future__ import annotations

from aiohttp import web

from services.model.config import ModelConfig
from tripsmith.runtime.http_server import add_health

MODEL_ID = "tripsmith-rules"
#: A fixed creation time keeps /v1/models deterministic.
MODEL_CREATED = 1_764_028_800


def openai_error(status: int, message: str, error_type: str, code: str | None = None) -> web.Response:
    """An error response in the shape OpenAI's API and client use."""
    body = {"error": {"message": message, "type": error_type, "param": None, "code": code}}
    return web.json_response(body, status=status)


async def list_models(request: web.Request) -> web.Response:
    model = {"id": MODEL_ID, "object": "model", "created": MODEL_CREATED, "owned_by": "tripsmith"}
    return web.json_response({"object": "list", "data": [model]})


async def chat_completions(request: web.Request) -> web.Response:
    return openai_error(501, f"{MODEL_ID} cannot answer chat completions yet", "not_implemented")


@web.middleware
async def json_errors(request: web.Request, handler):
    """Unknown routes and methods get OpenAI-shaped JSON errors, not HTML pages."""
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return openai_error(error.status, f"{request.method} {request.path}: {error.reason}", "invalid_request_error")


def create_app(config: ModelConfig) -> web.Application:
    """Builds the model endpoint's application."""
    app = web.Application(middlewares=[json_errors], client_max_size=4 * 1024 * 1024)
    add_health(app)
    app.router.add_get("/v1/models", list_models)
    app.router.add_post("/v1/chat/completions", chat_completions)
    return app
