"""A base for server interceptors that run the same code around every handler invocation."""

from __future__ import annotations

import inspect
from contextlib import AbstractAsyncContextManager

import grpc

#: The standard services every server offers, health probes and reflection: they need no
#: credentials and are neither measured nor traced.
STANDARD_SERVICES = ("/grpc.health.v1.", "/grpc.reflection.")


class CallGuard(grpc.aio.ServerInterceptor):
    """An interceptor that runs `guard(method, context)` around every handler invocation.

    Subclasses write one async context manager; this class applies it to unary and
    streaming handlers alike, so that each concern (errors, auth) is written once.
    """

    #: Methods (by prefix) that this guard leaves alone.
    skips: tuple[str, ...] = ()

    def guard(self, method: str, context: grpc.aio.ServicerContext) -> AbstractAsyncContextManager:
        raise NotImplementedError

    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        method = handler_call_details.method
        if method.startswith(self.skips):
            return handler
        if handler.unary_unary:
            return handler._replace(unary_unary=self._wrap_unary(handler.unary_unary, method))
        if handler.stream_unary:
            return handler._replace(stream_unary=self._wrap_unary(handler.stream_unary, method))
        if handler.unary_stream:
            return handler._replace(unary_stream=self._wrap_stream(handler.unary_stream, method))
        return handler._replace(stream_stream=self._wrap_stream(handler.stream_stream, method))

    def _wrap_unary(self, behavior, method: str):
        async def guarded(request, context):
            async with self.guard(method, context):
                result = behavior(request, context)
                return await result if inspect.isawaitable(result) else result

        return guarded

    def _wrap_stream(self, behavior, method: str):
        async def guarded(request, context):
            async with self.guard(method, context):
                responses = behavior(request, context)
                if hasattr(responses, "__aiter__"):
                    async for response in responses:
                        yield response
                else:
                    for response in responses:
                        yield response

        return guarded
