"""The FastAPI application: routers, error handlers, CORS, static files.

``create_app`` is the uvicorn factory (``vanban serve``) and what tests call with their own
Settings. Nothing heavy happens here: the Service (store, indexes, embedding model) is built on
the first request that needs it (see ``deps``).
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api.http import errors
from api.http.limits import BodyLimit
from api.http.origin import SameOrigin
from api.http.routers import decisions, documents, health, indicators, items, search
from api.web import pages
from core.errors import VanbanError
from core.settings import Settings, get_settings

# The pages use no inline script or style and no third-party resource (the chart is inline
# SVG styled by class), so even a markup bug could not run or load anything foreign.
_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_DOCS_PATHS = ("/docs", "/redoc")


async def _security_headers(request: Request,
                            call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if (response.headers.get("content-type", "").startswith("text/html")
            and not request.url.path.startswith(_DOCS_PATHS)):
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def check_api_key(settings: Settings) -> None:
    """``VANBAN_API_KEY=""`` used to switch auth off silently: refuse to start instead."""
    if settings.api_key is not None and not settings.api_key.strip():
        raise VanbanError("VANBAN_API_KEY is set but empty: set a key, or unset the variable "
                          "to serve without one")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    check_api_key(settings)
    app = FastAPI(
        title="vanban",
        version="0.1.0",
        summary="Search and extraction over Vietnamese administrative documents.",
        description="SPEC §4. Errors are JSON `{\"detail\": …}`. Write endpoints need `X-API-Key` "
                    "when the server has `VANBAN_API_KEY` set.",
    )
    app.state.settings = settings
    app.state.write_lock = threading.Lock()
    errors.install(app)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type", "X-API-Key"])
    app.middleware("http")(_security_headers)
    app.add_middleware(BodyLimit)
    app.add_middleware(SameOrigin, allowed=settings.cors_origins)
    for module in (health, documents, decisions, search, items, indicators):
        app.include_router(module.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static")
    return app
