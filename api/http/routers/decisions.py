"""A decision number → the documents with that number and the relation graph both ways."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.http.deps import ServiceDep
from api.http.routers.documents import record
from api.http.schemas import DecisionGraph, ErrorBody

router = APIRouter(tags=["decisions"])


@router.get("/decisions/{number:path}", response_model=DecisionGraph, response_model_by_alias=True,
            responses={404: {"model": ErrorBody, "description": "no document has or cites the number"}},
            summary="Documents with a number, and what they cite and what cites them")
def decision(number: Annotated[str, Path(min_length=1, max_length=200,
                                         description="URL-encoded, e.g. 3120%2FQ%C4%90-UBND")],
             service: ServiceDep) -> DecisionGraph:
    """Accents and case are ignored (``3120/qd-ubnd`` finds ``3120/QĐ-UBND``)."""
    graph = service.decision_graph(number.strip())
    return DecisionGraph.model_validate({**graph, "documents": [record(d) for d in graph["documents"]]})
