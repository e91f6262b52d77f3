"""Search (SPEC §3) by query string or JSON body."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.http.deps import FiltersDep, ServiceDep
from api.http.schemas import SearchMode, SearchRequest, SearchResponse
from api.service import Service
from core.filters import Filters

router = APIRouter(tags=["search"])


def run_search(service: Service, query: str, filters: Filters, top_k: int,
               per_document: int, mode: str = "hybrid") -> SearchResponse:
    """Shared by the API and the web page, so both rank the same."""
    resp = service.search(query, filters, top_k=top_k, per_document=per_document, mode=mode)
    return SearchResponse.model_validate(resp.model_dump(mode="json"))


@router.get("/search", response_model=SearchResponse, summary="Search passages")
def search_get(service: ServiceDep, filters: FiltersDep,
               q: Annotated[str, Query(min_length=1, max_length=500, description="query, accents optional")],
               top_k: Annotated[int, Query(ge=1, le=100)] = 10,
               per_document: Annotated[int, Query(ge=1, le=20, description="passages per document")] = 1,
               mode: Annotated[SearchMode, Query(description="hybrid, bm25 (words) or dense (meaning)")]
               = "hybrid") -> SearchResponse:
    return run_search(service, q, filters, top_k, per_document, mode)


@router.post("/search", response_model=SearchResponse, summary="Search passages (JSON body)")
def search_post(body: SearchRequest, service: ServiceDep) -> SearchResponse:
    filters = Filters(**body.filters.model_dump())
    return run_search(service, body.query, filters, body.top_k, body.per_document, body.mode)
