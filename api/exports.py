"""Item rows (``Service.item_rows``) as CSV, JSON or XLSX bytes.

The CLI ``export`` command and the HTTP ``/targets``, ``/tasks``, ``/decisions`` endpoints both
call ``render``, so a file downloaded from the web page and one written by the CLI are the
same. Analysts open these in Excel, so CSV carries a BOM (without it Excel reads UTF-8 as the
local code page and Vietnamese turns into mojibake) and XLSX cells are typed (numbers sort as
numbers, full ISO dates filter as dates).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from api.export_headers import titles
from core.errors import VanbanError

ExportFormat = Literal["csv", "json", "xlsx"]

# Each kind's own fields come first, in the order an analyst reads them; the document's
# identity and the link back (id + span) follow.
ITEM_COLUMNS: dict[str, tuple[str, ...]] = {
    "target": ("indicator", "comparator", "value", "value_max", "unit", "year", "text"),
    "task": ("assignee", "deadline", "text"),
    "decision": ("number", "type", "relation", "issued_on", "issuer", "signer", "signer_title",
                 "subject"),
}
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "sentence", "document_number", "document_issued_on", "document_issuer", "province",
    "document_title", "source", "document_id", "span_start", "span_end",
)
SHEET_NAMES = {"target": "targets", "task": "tasks", "decision": "decisions"}

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A cell starting with one of these is run as a formula when Excel opens a CSV ("CSV
# injection"); document text can start with "-" or "+" (list items) or "=".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MIN_WIDTH, _MAX_WIDTH = 6, 60


def kind_key(kind: str) -> str:
    """``targets`` and ``target`` both name the target kind (CLI and URL use the plural)."""
    key = kind[:-1] if kind.endswith("s") and kind[:-1] in ITEM_COLUMNS else kind
    if key not in ITEM_COLUMNS:
        raise VanbanError(f"unknown item kind {kind!r}: expected one of {', '.join(SHEET_NAMES.values())}")
    return key


def columns(rows: Iterable[dict[str, Any]], kind: str) -> list[str]:
    """Fixed columns for the kind, then any extra field some row carries (items allow extras),
    in the order first seen, so nothing extracted is silently dropped."""
    fixed = [*ITEM_COLUMNS[kind_key(kind)], *DOCUMENT_COLUMNS]
    seen = set(fixed)
    extra: list[str] = []
    for row in rows:
        for key in row:
            if key not in seen:
                seen.add(key)
                extra.append(key)
    return fixed + extra


def render(rows: Sequence[dict[str, Any]], fmt: str, kind: str, headers: str = "en") -> bytes:
    """Rows of one item kind as a file in ``fmt`` (csv, json or xlsx); ``headers="vi"`` writes
    Vietnamese column titles in CSV and XLSX (JSON keeps the API's field names)."""
    cols = columns(rows, kind)
    return render_columns(rows, cols, fmt, SHEET_NAMES[kind_key(kind)], headers)


def render_columns(rows: Sequence[dict[str, Any]], cols: list[str], fmt: str, sheet: str,
                   headers: str = "en") -> bytes:
    if fmt == "csv":
        return _csv(rows, cols, titles(cols, headers))
    if fmt == "json":
        return _json(rows, cols)
    if fmt == "xlsx":
        wb = Workbook()
        write_sheet(wb.active, rows, cols, sheet, titles(cols, headers))
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()
    raise VanbanError(f"unknown export format {fmt!r}: expected csv, json or xlsx")


def _json(rows: Sequence[dict[str, Any]], cols: list[str]) -> bytes:
    ordered = [{c: row.get(c) for c in cols} for row in rows]
    return json.dumps(ordered, ensure_ascii=False, indent=1).encode("utf-8")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 80, not 80.0: the number as the document wrote it
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(rows: Sequence[dict[str, Any]], cols: list[str], header: list[str]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in cols])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    """Numbers stay numbers; a full ISO day becomes a date; partial dates (``2025-09``,
    ``2025``) and everything else stay text, because Excel would invent a day for them."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # 2025-02-30 from a bad source: keep what the text said
            return value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_sheet(ws: Any, rows: Sequence[dict[str, Any]], cols: list[str], sheet: str,
                header: list[str]) -> None:
    """One flat sheet: typed cells, bold frozen header, filters; a ``link`` column is a hyperlink."""
    ws.title = sheet
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in header]
    for r, row in enumerate(rows, start=2):
        for c, name in enumerate(cols, start=1):
            value = _xlsx_value(row.get(name))
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                # openpyxl treats "=…" as a formula; text from a document is never one.
                cell.data_type = "s"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            if name == "link" and isinstance(value, str) and value:
                cell.hyperlink = value
                cell.style = "Hyperlink"
            widths[c - 1] = max(widths[c - 1], len(str(value)) if value is not None else 0)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(len(rows) + 1, 1)}"
