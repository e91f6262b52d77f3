"""Search (SPEC §3) by query string or JSON body.

The service already returns a typed ``SearchResponse``; the routes send it as JSON themselves
(pydantic's serializer, one pass) instead of letting FastAPI validate it against the response
model again (a thread-pool hop and a second walk over every result). ``response_model`` stays
for the OpenAPI schema.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.http.deps import FiltersDep, ServiceDep
from api.http.schemas import SearchMode, SearchRequest, SearchResponse
from api.service import Service
from core.filters import Filters

router = APIRouter(tags=["search"])


def run_search(service: Service, query: str, filters: Filters, top_k: int,
               per_document: int, mode: SearchMode = "hybrid") -> SearchResponse:
    """Shared by the API and the web page, so both rank the same."""
    return service.search(query, filters, top_k=top_k, per_document=per_document, mode=mode)


def _json(resp: SearchResponse) -> Response:
    return Response(resp.model_dump_json(), media_type="application/json")


@router.get("/search", response_model=SearchResponse, summary="Search passages")
def search_get(service: ServiceDep, filters: FiltersDep,
               q: Annotated[str, Query(min_length=1, max_length=500, description="query, accents optional")],
               top_k: Annotated[int, Query(ge=1, le=100)] = 10,
               per_document: Annotated[int, Query(ge=1, le=20, description="passages per document")] = 1,
               mode: Annotated[SearchMode, Query(description="hybrid, bm25 (words) or dense (meaning)")]
               = "hybrid") -> Response:
    return _json(run_search(service, q, filters, top_k, per_document, mode))


@router.post("/search", response_model=SearchResponse, summary="Search passages (JSON body)")
def search_post(body: SearchRequest, service: ServiceDep) -> Response:
    filters = Filters(**body.filters.model_dump())
    return _json(run_search(service, body.query, filters, body.top_k, body.per_document, body.mode))
