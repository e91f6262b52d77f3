"""Indicators across provinces and years (issue 14, SPEC §5): rows and files.

One row per (indicator, province, year, kind, value, unit, comparator) with the source
document's number, date, link and span: targets and achievements side by side, so a plan can
be read against where a province stands. ``GET /indicators`` and ``vanban export indicators``
both write these rows through ``render``. The XLSX adds one sheet per indicator laid out
provinces × years, numbers typed and each cell a hyperlink to the sentence in its document.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from api.export_headers import VI_KINDS, titles
from api.exports import render_columns, write_sheet
from extract.indicators import resolve

COLUMNS: list[str] = [
    "indicator_id", "indicator_label", "province", "year", "kind", "comparator", "value", "value_max",
    "unit", "indicator", "document_number", "document_issued_on", "document_title", "document_id",
    "link", "span_start", "span_end", "sentence",
]
KINDS = ("target", "achievement")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31  # Excel's limit on a sheet name


def doc_link(row: dict[str, Any], base_url: str = "") -> str:
    """/doc/{id}?at=start-end#hit: the document page with the sentence highlighted."""
    at = f"?at={row['span_start']}-{row['span_end']}#hit" if row.get("span_start") is not None else ""
    return f"{base_url.rstrip('/')}/doc/{quote(str(row['document_id']), safe='')}{at}"


def indicator_row(item: dict[str, Any], kind: str, base_url: str = "") -> dict[str, Any]:
    """An item row (``Service.item_rows``) in the indicators layout. Items stored before the
    canonical ids existed get them by rule here, so old stores need no re-ingest."""
    row = {c: item.get(c) for c in COLUMNS}
    row["kind"] = kind
    if not row["indicator_id"]:
        m = resolve(item.get("indicator") or item.get("text"))
        if m is not None:
            row["indicator_id"], row["indicator_label"] = m.id, m.label
    row["link"] = doc_link(row, base_url)
    return row


def sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["indicator_label"] or "", row["province"] or "", row["year"] or 0, row["kind"],
            row["document_issued_on"] or "")


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def render(rows: Sequence[dict[str, Any]], fmt: str, headers: str = "en") -> bytes:
    """Rows as CSV, JSON or XLSX; Vietnamese headers (and kind words) when ``headers="vi"``."""
    shown = rows
    if headers == "vi" and fmt != "json":
        shown = [{**r, "kind": VI_KINDS.get(r["kind"], r["kind"])} for r in rows]
    if fmt != "xlsx":
        return render_columns(shown, COLUMNS, fmt, "indicators", headers)
    wb = Workbook()
    write_sheet(wb.active, shown, COLUMNS, "chi-tieu" if headers == "vi" else "indicators",
                titles(COLUMNS, headers))
    by_indicator: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_indicator.setdefault(r["indicator_id"] or "", []).append(r)
    used = {wb.active.title}
    for ind_id, group in sorted(by_indicator.items(), key=lambda kv: -len(kv[1])):
        _pivot_sheet(wb, _sheet_name(ind_id, used), group, headers)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_name(ind_id: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("-", ind_id or "khong-ro")[:_SHEET_MAX]
    name, n = base, 1
    while name.lower() in {u.lower() for u in used}:
        n += 1
        name = f"{base[:_SHEET_MAX - len(str(n)) - 1]}~{n}"
    used.add(name)
    return name


def _pivot_sheet(wb: Workbook, name: str, rows: list[dict[str, Any]], headers: str) -> None:
    """Provinces down, (year, kind) across; a cell is the value of the latest document that
    states it, typed as a number, linked to its sentence; its unit goes in the cell's format."""
    ws = wb.create_sheet(name)
    vi = headers == "vi"
    ws.append([rows[0]["indicator_label"] or name])
    ws["A1"].font = Font(bold=True)
    years = sorted({r["year"] for r in rows if isinstance(r["year"], int)})
    cols = [(y, k) for y in years for k in KINDS]
    kind_word = VI_KINDS if vi else {"target": "target", "achievement": "achievement"}
    ws.append(["Tỉnh/thành" if vi else "province", *[f"{y} {kind_word[k]}" for y, k in cols]])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    latest: dict[tuple[str, int, str], dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r["document_issued_on"] or ""):
        if isinstance(r["year"], int) and r["value"] is not None:
            latest[(r["province"] or "", r["year"], r["kind"])] = r
    provinces = sorted({p for p, _, _ in latest})
    for i, province in enumerate(provinces, start=3):
        ws.cell(row=i, column=1, value=province or ("(không rõ)" if vi else "(unknown)"))
        for j, (year, kind) in enumerate(cols, start=2):
            r = latest.get((province, year, kind))
            if r is None:
                continue
            cell = ws.cell(row=i, column=j, value=_number(r["value"]))
            cell.hyperlink = r["link"]
            cell.style = "Hyperlink"
            unit = (r["unit"] or "").replace('"', "")
            if unit:
                cell.number_format = f'#,##0.##" {unit}"'
    ws.column_dimensions["A"].width = 24
    for j in range(2, len(cols) + 2):
        ws.column_dimensions[get_column_letter(j)].width = 16
    ws.freeze_panes = "B3"
