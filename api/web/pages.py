"""Server-rendered pages: search, a document with what was extracted, a decision number's
graph, and the targets table with its chart.

Form fields are read leniently (an empty or wrong year is ignored, not a 422): this is a page
for people, the strict contract is the JSON API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from api import status_lookup
from api.http.deps import ServiceDep
from api.http.routers.search import run_search
from api.web import charts, indicator_chart, labels, status_view
from api.web.markup import Mark, highlight, mark_region
from api.web.vnformat import vn_date
from core.errors import NotFoundError, VanbanError
from core.filters import Filters
from core.record import Document

_HERE = Path(__file__).parent
STATIC_DIR = _HERE / "static"
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(_HERE / "templates"), autoescape=True,
                          undefined=jinja2.StrictUndefined)
_env.filters["numurl"] = lambda number: quote(number or "", safe="")
_env.filters["level"] = labels.target_level
_env.filters["vndate"] = vn_date
_env.globals.update(KINDS=labels.KINDS, RELATIONS=labels.RELATIONS, COMPARATORS=labels.COMPARATORS,
                    STATES=labels.STATES)
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False)

_FIELD_MAX = {"q": 500, "issuer": 200, "province": 100}
_SEARCH_TOP_K = 20
_LATEST = 10  # documents listed on the search page before anything is typed
_TABLE_ROWS = 500  # a page stays light; the CSV/XLSX export has every row


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and 1900 <= int(value) <= 2100 else None


def read_form(request: Request) -> tuple[dict[str, str], Filters]:
    """The filter form's values (to show them again) and the Filters they mean."""
    qp = request.query_params
    form = {name: (qp.get(name) or "").strip()[:limit] for name, limit in _FIELD_MAX.items()}
    kind = qp.get("kind") or ""
    form["kind"] = kind if kind in labels.KINDS else ""
    for name in ("year_from", "year_to"):
        year = _year(qp.get(name))
        form[name] = str(year) if year else ""
    status = qp.get("status") or ""
    form["status"] = status if status in labels.STATES else ""
    filters = Filters(kind=form["kind"] or None, issuer=form["issuer"] or None,
                      province=form["province"] or None, year_from=_year(form["year_from"]),
                      year_to=_year(form["year_to"]), status=form["status"] or None)
    return form, filters


def _public_error(err: VanbanError) -> str:
    return str(err) if err.http_status < 500 else "Hệ thống tìm kiếm đang gặp sự cố, vui lòng thử lại sau."


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


@router.get("/", response_class=HTMLResponse, response_model=None)
def search_page(request: Request, service: ServiceDep) -> HTMLResponse | RedirectResponse:
    form, filters = read_form(request)
    if not form["q"]:
        latest, _ = service.list_documents(filters, limit=_LATEST)
        return _render(request, "search.html", form=form, results=[], error=None, took_ms=None,
                       latest=latest, lookup=None)
    number = status_lookup.number_query(form["q"])
    if number:  # an exact number jumps to its document (or to the list of those sharing it)
        found = service.lookup_number(number)
        if found.found:
            ids = found.document_ids
            one = len(ids) == 1
            target = f"/doc/{quote(ids[0], safe='')}" if one else f"/decision/{quote(number, safe='')}"
            return RedirectResponse(target, status_code=303)
    try:
        resp = run_search(service, form["q"], filters, top_k=_SEARCH_TOP_K, per_document=1)
    except VanbanError as err:
        return _render(request, "search.html", form=form, results=[], error=_public_error(err),
                       took_ms=None, latest=[], lookup=None)
    results = []
    for r in resp.results:
        at = f"?at={r.span[0]}-{r.span[1]}#hit" if r.span else ""
        results.append({"r": r, "passage": highlight(r.passage, r.highlights),
                        "href": f"/doc/{quote(r.document_id, safe='')}{at}"})
    return _render(request, "search.html", form=form, results=results, error=None, took_ms=resp.took_ms,
                   latest=[], lookup=resp.lookup)


def _span_marks(doc: Document) -> list[Mark]:
    marks: list[Mark] = []
    for prefix, css, items in (("t", "target", doc.targets), ("k", "task", doc.tasks),
                               ("d", "decision", doc.decisions), ("s", "signer", doc.signers)):
        for i, item in enumerate(items):
            if item.span:
                marks.append(Mark(item.span[0], item.span[1], css, f"{prefix}-{i}"))
    return marks


def _region(at: str | None) -> tuple[int, int] | None:
    start, _, end = (at or "").partition("-")
    if start.isdigit() and end.isdigit():
        return int(start), int(end)
    return None


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, service: ServiceDep, doc_id: Annotated[str, PathParam(max_length=64)],
                  at: str | None = None) -> HTMLResponse:
    try:
        doc = service.get(doc_id)
    except NotFoundError:
        return _render(request, "error.html", 404, message="Không tìm thấy văn bản này.")
    body = mark_region(doc.text, _span_marks(doc), _region(at))
    return _render(request, "document.html", doc=doc, body=body, incoming=status_view.incoming_groups(doc),
                   timeline=status_view.timeline(doc))


@router.get("/decision/{number:path}", response_class=HTMLResponse)
def decision_page(request: Request, service: ServiceDep,
                  number: Annotated[str, PathParam(max_length=200)]) -> HTMLResponse:
    try:
        graph = service.decision_graph(number.strip())
    except NotFoundError as err:
        return _render(request, "error.html", 404,
                       message=f"Không có văn bản nào mang hoặc dẫn chiếu số {number}: {err}.",
                       search_href="/?" + urlencode({"q": number}))
    return _render(request, "decision.html", graph=graph)


def targets_page(request: Request, rows: list[dict[str, Any]]) -> HTMLResponse:
    """Called by ``GET /targets`` when a browser asks for HTML; rows are already filtered."""
    form, _ = read_form(request)
    query = {k: v for k, v in form.items() if v}
    exports = {fmt: "/targets?" + urlencode({**query, "format": fmt}) for fmt in ("csv", "xlsx")}
    return _render(request, "targets.html", form=form, rows=rows[:_TABLE_ROWS], total=len(rows),
                   chart=charts.targets_by_year(rows), exports=exports)


def indicators_page(request: Request, rows: list[dict[str, Any]], selected: str | None) -> HTMLResponse:
    """Called by ``GET /indicators`` from a browser: pick an indicator (the most frequent by
    default), see targets against achievements by province over the years, the table under it."""
    form, _ = read_form(request)
    counts: dict[str, list[Any]] = {}
    for r in rows:
        entry = counts.setdefault(r["indicator_id"] or "", [r["indicator_label"] or r["indicator_id"], 0])
        entry[1] += 1
    options = sorted(((i, label, n) for i, (label, n) in counts.items()), key=lambda o: (-o[2], o[1] or ""))
    if selected not in counts:
        selected = options[0][0] if options else None
    chosen = [r for r in rows if r["indicator_id"] == selected]
    query = {k: v for k, v in form.items() if v} | ({"indicator": selected} if selected else {})
    exports = {name: "/indicators?" + urlencode({**query, **extra}) for name, extra in (
        ("csv", {"format": "csv"}), ("xlsx", {"format": "xlsx"}),
        ("xlsx_vi", {"format": "xlsx", "headers": "vi"}))}
    return _render(request, "indicators.html", form=form, options=options, selected=selected,
                   rows=chosen[:_TABLE_ROWS], total=len(chosen), chart=indicator_chart.chart(chosen),
                   exports=exports)
