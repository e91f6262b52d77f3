"""``GET /indicators``: targets and achievements by canonical indicator, province and year
(issue 14), as JSON, CSV or XLSX; a browser gets the indicator page (chart and table).

Same filters as the other item listings; ``indicator`` keeps one ``indicator_id``;
``headers=vi`` writes Vietnamese column titles in CSV/XLSX. JSON keeps ISO dates and English
field names (the contract).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import indicator_export
from api.http.deps import FiltersDep, ServiceDep
from api.http.routers.items import (
    MEDIA_TYPES,
    FormatQuery,
    HeadersQuery,
    TextQuery,
    _responses,
    _wants_html,
)
from api.http.schemas import IndicatorRow
from api.web import pages

router = APIRouter(tags=["items"])

IndicatorQuery = Annotated[str | None, Query(max_length=120, description="one indicator_id")]


@router.get("/indicators", response_model=list[IndicatorRow], responses=_responses(),
            summary="Targets and achievements by indicator, province and year")
def indicators(request: Request, service: ServiceDep, filters: FiltersDep, q: TextQuery = None,
               indicator: IndicatorQuery = None, format: FormatQuery = None,
               headers: HeadersQuery = "en") -> Response:
    """The year filters apply to the item's year (the target's or the achievement's)."""
    if _wants_html(request, format):
        rows = service.indicator_rows(filters, text=q or None)
        return pages.indicators_page(request, rows, indicator)
    fmt = format or "json"
    base = str(request.base_url) if fmt != "json" else ""  # a file's links must work outside the site
    rows = service.indicator_rows(filters, text=q or None, indicator=indicator or None, base_url=base)
    data = indicator_export.render(rows, fmt, headers)
    extra = {} if fmt == "json" else {"Content-Disposition": f'attachment; filename="indicators.{fmt}"'}
    return Response(content=data, media_type=MEDIA_TYPES[fmt], headers=extra)
