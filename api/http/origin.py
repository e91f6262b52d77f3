"""Cross-site request forgery guard for the write endpoints (POST, PUT, PATCH, DELETE).

Without an API key (the default) any web page the user opens could make the browser post a
file to ``http://127.0.0.1:8000/documents``. Browsers label such a request: ``Sec-Fetch-Site:
cross-site`` and an ``Origin`` (or ``Referer``) naming the other site. A write is refused (403)
when either says it came from another origin than the one serving the API (``Host``), unless
that origin is in ``VANBAN_CORS_ORIGINS``. Requests without those headers (curl, scripts,
other programs) do not come from a page and pass; they are what ``VANBAN_API_KEY`` is for.
The page's own uploads are same-origin and pass.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


class SameOrigin:
    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        self.app = app
        self.allowed = {o for o in (_origin_of(a) for a in allowed) if o}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _WRITES and not self._same_origin(scope):
            detail = "cross-origin write refused: send it from the vanban page itself or without a browser"
            await JSONResponse({"detail": detail}, status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _same_origin(self, scope: Scope) -> bool:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        site = headers.get("sec-fetch-site")
        claimed = headers.get("origin") or headers.get("referer")
        if claimed is None or claimed == "null":
            # no origin at all is a program, not a page; "null" (sandboxed frame, file://) is a page
            return claimed is None and site in (None, "same-origin", "none")
        origin = _origin_of(claimed)
        if origin in self.allowed:
            return True
        scheme = scope.get("scheme", "http")
        host = headers.get("host", "")
        return origin is not None and origin == _origin_of(f"{scheme}://{host}") \
            and site in (None, "same-origin", "none")
