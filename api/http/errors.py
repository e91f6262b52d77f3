"""Exceptions → JSON ``{"detail": …}`` with the status the error kind carries.

A client sees the one-line message of a 4xx error (it says what to fix). For a 5xx it sees a
fixed phrase: server-side messages can hold file paths, database URLs or driver text, which
are logged here and never sent.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from core.errors import IndexError_, NumberNotFound, StoreError, VanbanError

log = logging.getLogger("vanban.http")

_PUBLIC_5XX: dict[type[VanbanError], str] = {
    StoreError: "the document store is unavailable",
    IndexError_: "the search index is unavailable; run `vanban check --repair`",
}


def _public_message(err: VanbanError) -> str:
    if err.http_status < 500:
        return str(err)
    for kind, message in _PUBLIC_5XX.items():
        if isinstance(err, kind):
            return message
    return "internal error"


async def vanban_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, VanbanError):  # registered for VanbanError only; be safe anyway
        return await unexpected_error(request, exc)
    if exc.http_status >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, exc, exc_info=exc)
    body: dict = {"detail": _public_message(exc)}
    if isinstance(exc, NumberNotFound):  # what the store knows instead of the number asked for
        body.update(number=exc.number, found=False, nearest=exc.nearest, stub=exc.stub)
    return JSONResponse(body, status_code=exc.http_status)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s crashed", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "internal error"}, status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(VanbanError, vanban_error)
    app.add_exception_handler(Exception, unexpected_error)
