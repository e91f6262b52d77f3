"""GET /indicators, ``vanban export indicators`` and the indicator page (issue 14), over a real
store: two small news pages (tests/fixtures/indicators) and the samples, extracted for real."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from apisupport import HATINH_NEWS, NGHEAN, make_client, require_samples
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.http.deps import app_service
from api.web.vnformat import vn_date

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "indicators"
DOCS = [NGHEAN, HATINH_NEWS, *sorted(FIXTURES.glob("*.txt"))]
SHARE = "kinh-te-so-ty-trong-grdp"


def store(data_dir: Path) -> TestClient:
    c = make_client(data_dir)
    service = app_service(c.app)
    for path in DOCS:
        service.ingest_file(path, source=path.name, index=False)
    return c


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    require_samples()
    with store(tmp_path_factory.mktemp("indicators") / "data") as c:
        yield c


def _share(rows: list[dict]) -> set[tuple]:
    return {(r["province"], r["year"], r["kind"], r["value"], r["unit"])
            for r in rows if r["indicator_id"] == SHARE}


def test_json_rows_targets_and_achievements_by_province_and_year(client: TestClient) -> None:
    rows = client.get("/indicators").json()
    assert _share(rows) == {
        ("Nghệ An", 2025, "target", 20.0, "%"),  # "kinh tế số chiếm tỷ trọng GRDP 20%" (QĐ 3120)
        ("Nghệ An", 2024, "target", 10.0, "%"),  # "tỷ trọng kinh tế số trong GRDP đạt tối thiểu 10%"
        ("Nghệ An", 2023, "achievement", 7.2, "%"),  # "kinh tế số của tỉnh ước đạt khoảng 7,2% GRDP"
        ("Hà Tĩnh", 2025, "target", 15.0, "%"),
        ("Hà Tĩnh", 2023, "achievement", 6.5, "%"),
    }
    nghean = next(r for r in rows
                  if r["indicator_id"] == SHARE and r["year"] == 2025 and r["province"] == "Nghệ An")
    assert nghean["indicator_label"] == "Tỷ trọng kinh tế số trong GRDP"
    assert nghean["document_number"] == "3120/QĐ-UBND"
    assert nghean["document_issued_on"] == "2022-10-18"  # the JSON API keeps ISO dates
    at = f"?at={nghean['span_start']}-{nghean['span_end']}#hit"
    assert nghean["link"] == f"/doc/{nghean['document_id']}{at}"
    # the rank among provinces is its own measure, not a GRDP share
    assert any(r["indicator_id"] == "xep-hang-chuyen-doi-so" for r in rows)


def test_filters_and_one_indicator(client: TestClient) -> None:
    rows = client.get("/indicators", params={"indicator": SHARE, "province": "Hà Tĩnh"}).json()
    assert {(r["province"], r["year"]) for r in rows} == {("Hà Tĩnh", 2025), ("Hà Tĩnh", 2023)}
    assert client.get("/indicators", params={"indicator": SHARE, "year_from": 2024}).json()
    assert all(r["year"] >= 2024 for r in client.get("/indicators", params={"year_from": 2024}).json())


def test_csv_vietnamese_headers(client: TestClient) -> None:
    r = client.get("/indicators", params={"indicator": SHARE, "format": "csv", "headers": "vi"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Mã chỉ tiêu", "Chỉ tiêu", "Tỉnh/thành", "Năm", "Loại"]
    assert {row[4] for row in rows[1:]} == {"chỉ tiêu", "thực hiện"}
    assert all(row[rows[0].index("Liên kết")].startswith("http://testserver/doc/") for row in rows[1:])


def test_xlsx_one_sheet_per_indicator_provinces_by_years(client: TestClient) -> None:
    r = client.get("/indicators", params={"format": "xlsx"})
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[0] == "indicators" and SHARE in wb.sheetnames
    ws = wb[SHARE]
    assert ws["A1"].value == "Tỷ trọng kinh tế số trong GRDP"
    header = [c.value for c in ws[2]]
    assert header == ["province", "2023 target", "2023 achievement", "2024 target", "2024 achievement",
                      "2025 target", "2025 achievement"]
    table = {ws.cell(i, 1).value: {header[j - 1]: ws.cell(i, j) for j in range(2, len(header) + 1)}
             for i in range(3, ws.max_row + 1)}
    assert set(table) == {"Hà Tĩnh", "Nghệ An"}
    cell = table["Nghệ An"]["2023 achievement"]
    assert cell.value == 7.2 and isinstance(cell.value, float)  # a typed number
    assert cell.hyperlink is not None and cell.hyperlink.target.startswith("http://testserver/doc/")
    assert "?at=" in cell.hyperlink.target
    assert table["Hà Tĩnh"]["2025 target"].value == 15 and table["Hà Tĩnh"]["2024 target"].value is None
    flat = wb["indicators"]
    cols = [c.value for c in flat[1]]
    link = flat.cell(2, cols.index("link") + 1)
    assert link.hyperlink is not None and link.hyperlink.target == link.value


def test_xlsx_vietnamese_headers(client: TestClient) -> None:
    r = client.get("/indicators", params={"format": "xlsx", "headers": "vi"})
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[0] == "chi-tieu"
    assert [c.value for c in wb[SHARE][2]][:3] == ["Tỉnh/thành", "2023 chỉ tiêu", "2023 thực hiện"]
    assert wb[SHARE]["C4"].value == 7.2  # Nghệ An, 2023 thực hiện: the values do not depend on the headers


def test_page_chart_table_and_vietnamese_dates(client: TestClient) -> None:
    html = client.get("/indicators", params={"indicator": SHARE}, headers={"Accept": "text/html"}).text
    assert '<svg class="chart indicator-chart"' in html
    assert html.count('class="point"') == 5  # every value a dot, each a link
    assert "/doc/" in html and "#hit" in html
    assert "18/10/2022" in html and "2022-10-18" not in html
    assert f'<option value="{SHARE}" selected>' in html


def test_targets_chart_groups_by_canonical_indicator(client: TestClient) -> None:
    html = client.get("/targets", headers={"Accept": "text/html"}).text
    assert "Tỷ trọng kinh tế số trong GRDP" in html
    assert "chỉ tiêu khác" not in html


@pytest.mark.parametrize(("value", "shown"), [
    ("2024-04-05", "05/04/2024"), ("2024-Q3", "quý III/2024"), ("12-15 each year", "15/12 hằng năm"),
    ("--12-15 each year", "15/12 hằng năm"), ("2025-09", "tháng 9/2025"), ("2025", "2025"), (None, ""),
    ("cuối năm", "cuối năm"),
])
def test_vietnamese_date_forms(value: str | None, shown: str) -> None:
    assert vn_date(value) == shown


def test_cli_export_indicators_xlsx_vi(tmp_path: Path) -> None:
    require_samples()
    data = tmp_path / "data"
    store(data).close()
    out = tmp_path / "ind.xlsx"
    cmd = [sys.executable, "-m", "api.cli", "export", "indicators", "--format", "xlsx", "--vi",
           "--indicator", SHARE, "-o", str(out)]
    proc = subprocess.run(cmd, env={**os.environ, "VANBAN_DATA_DIR": str(data)}, capture_output=True,
                          text=True, timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["chi-tieu", SHARE]
    links = [c.hyperlink.target for row in wb[SHARE].iter_rows(min_row=3) for c in row if c.hyperlink]
    assert links and all(t.startswith("http://127.0.0.1:8000/doc/") for t in links)


def test_targets_csv_vietnamese_headers(client: TestClient) -> None:
    r = client.get("/targets", params={"format": "csv", "headers": "vi"})
    assert r.content.decode("utf-8-sig").startswith("Chỉ tiêu (nguyên văn),So sánh,Giá trị")
    assert client.get("/tasks", params={"format": "csv", "headers": "xx"}).status_code == 422


def test_targets_table_links_each_target_to_its_indicator_view(client: TestClient) -> None:
    html = client.get("/targets", headers={"Accept": "text/html"}).text
    link = f'<a href="/indicators?indicator={SHARE}">Tỷ trọng kinh tế số trong GRDP</a>'
    assert link in html
