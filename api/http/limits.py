"""A cap on request bodies other than uploads, so a client cannot make the server buffer an
endless JSON body (uvicorn and FastAPI read whatever arrives). Uploads have their own limit,
enforced while streaming (``upload.py``).

The body is read here first, up to the cap, and replayed to the app: past the cap the app is
never called and the client gets 413 at once.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

JSON_BODY_MAX = 64 * 1024  # a search request is a few hundred bytes
_UPLOAD = ("POST", "/documents")


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = JSON_BODY_MAX) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"], scope["path"]) == _UPLOAD:
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break  # a disconnect: let the app see it
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                detail = f"request body too large (limit {self.max_bytes // 1024} KB)"
                await JSONResponse({"detail": detail}, status_code=413)(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)
