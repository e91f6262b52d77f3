"""api.exports: the bytes of CSV, JSON and XLSX files (pure, no store)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from api import exports
from core.errors import VanbanError

TARGET = {
    "text": "tỷ lệ hồ sơ trực tuyến đạt tối thiểu 80%", "indicator": "tỷ lệ hồ sơ trực tuyến",
    "comparator": ">=", "value": 80.0, "value_max": None, "unit": "%", "year": 2025,
    "sentence": "- phấn đấu đến năm 2025 tỷ lệ hồ sơ trực tuyến đạt tối thiểu 80%.",
    "document_id": "a0a3007c37440354", "document_number": "3120/QĐ-UBND",
    "document_title": "Về việc thành lập Ban Chỉ đạo chuyển đổi số", "document_kind": "decision",
    "document_issued_on": "2022-10-18", "document_issuer": "UBND tỉnh Nghệ An", "province": "Nghệ An",
    "source": "qd.txt", "span_start": 1025, "span_end": 1095,
}
TASK = {
    "text": "=HYPERLINK(\"http://evil\") báo cáo UBND tỉnh", "assignee": "Sở Thông tin và Truyền thông",
    "deadline": "2024-09", "sentence": None, "document_id": "b1", "document_number": None,
    "document_title": None, "document_kind": "plan", "document_issued_on": "2024", "document_issuer": None,
    "province": None, "source": "kh.txt", "span_start": 5, "span_end": 40,
}


def test_column_order_is_item_fields_then_document_then_extras() -> None:
    cols = exports.columns([TARGET], "target")
    assert cols[:7] == ["indicator", "comparator", "value", "value_max", "unit", "year", "text"]
    assert cols[7:17] == ["sentence", "document_number", "document_issued_on", "document_issuer", "province",
                          "document_title", "source", "document_id", "span_start", "span_end"]
    assert cols[17:] == ["document_kind"]  # an extra field is kept, at the end
    assert exports.columns([], "tasks")[:3] == ["assignee", "deadline", "text"]
    assert exports.columns([], "decisions")[:6] == ["number", "type", "relation", "issued_on", "issuer",
                                                    "signer"]


def test_csv_has_bom_header_and_vietnamese() -> None:
    data = exports.render([TARGET], "csv", "target")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "indicator"
    assert rows[1][0] == "tỷ lệ hồ sơ trực tuyến"
    header = rows[0]
    assert rows[1][header.index("value")] == "80"  # not 80.0
    assert rows[1][header.index("value_max")] == ""  # null is an empty cell
    assert rows[1][header.index("document_number")] == "3120/QĐ-UBND"


def test_csv_neutralises_formulas() -> None:
    rows = list(csv.reader(io.StringIO(exports.render([TASK], "csv", "task").decode("utf-8-sig"))))
    header = rows[0]
    assert rows[1][header.index("text")].startswith("'=HYPERLINK")


def test_json_is_an_array_in_column_order() -> None:
    data = json.loads(exports.render([TARGET, TARGET], "json", "targets"))
    assert isinstance(data, list) and len(data) == 2
    assert list(data[0])[:3] == ["indicator", "comparator", "value"]
    assert data[0]["value"] == 80 and data[0]["document_number"] == "3120/QĐ-UBND"
    assert json.loads(exports.render([], "json", "task")) == []


def test_xlsx_typed_frozen_filtered() -> None:
    wb = load_workbook(io.BytesIO(exports.render([TARGET, TARGET], "xlsx", "target")))
    assert wb.sheetnames == ["targets"]
    ws = wb["targets"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["indicator", "comparator", "value"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}3"
    row = {h: ws.cell(2, i + 1).value for i, h in enumerate(header)}
    assert row["value"] == 80 and isinstance(row["value"], int | float)
    assert row["year"] == 2025
    assert row["value_max"] is None
    assert isinstance(row["document_issued_on"], dt.datetime)  # a real date cell
    assert row["document_issued_on"].date() == dt.date(2022, 10, 18)
    assert row["span_start"] == 1025
    assert row["sentence"].startswith("- phấn đấu")
    assert ws.column_dimensions["A"].width >= len("indicator")
    assert all(ws.column_dimensions[c].width <= 62 for c in "ABCDEFGH")


def test_xlsx_partial_dates_and_formula_text_stay_text() -> None:
    wb = load_workbook(io.BytesIO(exports.render([TASK], "xlsx", "task")))
    ws = wb.active
    assert ws.title == "tasks"
    header = [c.value for c in ws[1]]
    row = {h: ws.cell(2, i + 1) for i, h in enumerate(header)}
    assert row["deadline"].value == "2024-09" and row["deadline"].data_type == "s"
    assert row["document_issued_on"].value == "2024"
    assert row["text"].data_type == "s"  # not run as a formula
    assert row["text"].value.startswith("=HYPERLINK")


def test_xlsx_impossible_date_kept_as_written() -> None:
    wb = load_workbook(io.BytesIO(exports.render([{**TASK, "deadline": "2025-02-30"}], "xlsx", "task")))
    header = [c.value for c in wb.active[1]]
    assert wb.active.cell(2, header.index("deadline") + 1).value == "2025-02-30"


def test_empty_xlsx_still_has_header() -> None:
    ws = load_workbook(io.BytesIO(exports.render([], "xlsx", "decision"))).active
    assert ws.title == "decisions" and ws.cell(1, 1).value == "number" and ws.max_row == 1


@pytest.mark.parametrize(("fmt", "kind"), [("pdf", "target"), ("csv", "people"), ("csv", "")])
def test_unknown_format_or_kind(fmt: str, kind: str) -> None:
    with pytest.raises(VanbanError):
        exports.render([], fmt, kind)


def test_vietnamese_headers_in_csv_and_xlsx_json_keeps_field_names() -> None:
    data = exports.render([TARGET], "csv", "target", headers="vi")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Chỉ tiêu (nguyên văn)", "So sánh", "Giá trị"]
    assert "Số văn bản" in rows[0] and rows[1][0] == "tỷ lệ hồ sơ trực tuyến"
    ws = load_workbook(io.BytesIO(exports.render([TARGET], "xlsx", "target", headers="vi")))["targets"]
    assert ws["A1"].value == "Chỉ tiêu (nguyên văn)" and ws["C2"].value == 80
    assert next(iter(json.loads(exports.render([TARGET], "json", "target", headers="vi"))[0])) == "indicator"
