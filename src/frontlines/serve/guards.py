"""ASGI guards: an unexpected failure is still a JSON answer with the security headers, and
every GET resource also answers HEAD.

Starlette's own last-resort handler sits outside every user middleware, so a 500 it writes
carries a plain-text body and none of ``SecurityHeaders``; ``JsonErrors`` sits inside
``SecurityHeaders`` and answers first. FastAPI routes declared with ``@app.get`` answer HEAD
with 405; ``HeadAsGet`` runs the GET and drops the body (RFC 9110: same headers, no content).
"""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("frontlines.serve")

INTERNAL_ERROR = json.dumps({"detail": "internal server error (logged by the server)"}).encode()


class JsonErrors:
    """Turn an exception no handler took into a JSON 500 (logged here, with its traceback)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if started:  # too late for an answer: the client sees a cut response
                raise
            await send(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(INTERNAL_ERROR)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": INTERNAL_ERROR})


class HeadAsGet:
    """Answer ``HEAD`` as the ``GET`` of the same URL would, without its body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
