"""Extracted items as rows: targets, tasks and cited decisions, as JSON, CSV or XLSX.

The rows and the file bytes are the ones ``vanban export`` writes (same ``Service.item_rows``,
same ``api.exports.render``). ``GET /targets`` from a browser (``Accept: text/html``, no
``format``) gets the web page with the table and chart instead; scripts get JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import exports
from api.http.deps import FiltersDep, ServiceDep
from api.http.schemas import DecisionRow, TargetRow, TaskRow
from api.web import pages

router = APIRouter(tags=["items"])

Format = Literal["json", "csv", "xlsx"]
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FormatQuery = Annotated[Format | None, Query(description="json (default), csv or xlsx")]
TextQuery = Annotated[str | None, Query(max_length=200, description="indicator / text contains")]
HeadersQuery = Annotated[Literal["en", "vi"], Query(description="column titles of CSV/XLSX: en or vi")]


def _responses() -> dict[int | str, dict[str, Any]]:
    return {200: {"description": "rows (JSON) or a file (CSV, XLSX)", "content": {
        "text/csv": {"schema": {"type": "string"}},
        MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
        "text/html": {"schema": {"type": "string"}},
    }}}


def export_response(rows: list[dict[str, Any]], fmt: str, kind: str, headers: str = "en") -> Response:
    data = exports.render(rows, fmt, kind, headers)
    headers = {}
    if fmt != "json":
        headers["Content-Disposition"] = f'attachment; filename="{exports.SHEET_NAMES[kind]}.{fmt}"'
    return Response(content=data, media_type=MEDIA_TYPES[fmt], headers=headers)


def _wants_html(request: Request, fmt: str | None) -> bool:
    accept = request.headers.get("accept", "")
    return fmt is None and "text/html" in accept


@router.get("/targets", response_model=list[TargetRow], responses=_responses(),
            summary="Targets (goals) with their document")
def targets(request: Request, service: ServiceDep, filters: FiltersDep, q: TextQuery = None,
            format: FormatQuery = None, headers: HeadersQuery = "en") -> Response:
    """The year filters apply to the target's year (``đến năm 2025``), not the document's."""
    rows = service.item_rows("target", filters, text=q or None)
    if _wants_html(request, format):
        return pages.targets_page(request, rows)
    return export_response(rows, format or "json", "target", headers)


def _listing(kind: str) -> Callable[..., Response]:
    def endpoint(service: ServiceDep, filters: FiltersDep, q: TextQuery = None,
                 format: FormatQuery = None, headers: HeadersQuery = "en") -> Response:
        rows = service.item_rows(kind, filters, text=q or None)  # type: ignore[arg-type]
        return export_response(rows, format or "json", kind, headers)

    endpoint.__name__ = exports.SHEET_NAMES[kind]  # the OpenAPI operation id: tasks, decisions
    return endpoint


router.get("/tasks", response_model=list[TaskRow], responses=_responses(),
           summary="Assigned tasks with their document")(_listing("task"))
router.get("/decisions", response_model=list[DecisionRow], responses=_responses(),
           summary="Decisions issued, reported or cited, with the citing document")(_listing("decision"))
