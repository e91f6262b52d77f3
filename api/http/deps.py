"""Dependencies the routes declare: settings, the one ``Service`` of the app, the API key
check and the shared filter parameters.

The Service is created on first use, not at start-up: opening the store and loading the
embedding model take seconds, and ``/health`` or the OpenAPI page should not wait for them.
One Service per app, because it holds the database engine and the search indexes.
"""

from __future__ import annotations

import hmac
import threading
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from pydantic import BeforeValidator, Field

from api.service import Service
from core.errors import AuthError
from core.filters import Filters
from core.record import DocumentKind, StatusState
from core.settings import Settings

_create_lock = threading.Lock()


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def app_service(app: FastAPI) -> Service:
    """The app's Service, created on first use."""
    state = app.state
    service: Service | None = getattr(state, "service", None)
    if service is None:
        # Sync routes run in a thread pool: two first requests must not build two Services.
        with _create_lock:
            service = getattr(state, "service", None)
            if service is None:
                service = Service(state.settings)
                state.service = service
    return service


def get_service(request: Request) -> Service:
    return app_service(request.app)


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServiceDep = Annotated[Service, Depends(get_service)]


def require_api_key(settings: SettingsDep,
                    x_api_key: Annotated[str | None, Header(description="required when the server "
                                                                         "has an API key set")] = None,
                    ) -> None:
    """Write endpoints need ``X-API-Key`` when ``VANBAN_API_KEY`` is set."""
    if not settings.api_key:
        return
    if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), settings.api_key.encode()):
        raise AuthError("missing or wrong X-API-Key header")


def _blank_to_none(value: object) -> object:
    # An HTML form sends every field, empty ones as "": that means "no filter", not an error.
    return None if isinstance(value, str) and not value.strip() else value


Blank = BeforeValidator(_blank_to_none)


Year = Annotated[int, Field(ge=1900, le=2100)]
Issuer = Annotated[str, Field(max_length=200)]
Province = Annotated[str, Field(max_length=100)]


def get_filters(
    kind: Annotated[DocumentKind | None, Blank, Query(description="document kind")] = None,
    issuer: Annotated[Issuer | None, Blank, Query(description="issuer contains (accents optional)")] = None,
    province: Annotated[Province | None, Blank, Query(description="province contains")] = None,
    year_from: Annotated[Year | None, Blank, Query()] = None,
    year_to: Annotated[Year | None, Blank, Query()] = None,
    status: Annotated[StatusState | None, Blank, Query(description="legal status (SPEC §5)")] = None,
) -> Filters:
    return Filters(kind=kind, issuer=issuer, province=province, year_from=year_from, year_to=year_to,
                   status=status)


FiltersDep = Annotated[Filters, Depends(get_filters)]
