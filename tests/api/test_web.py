"""The web page: escaping of document text, highlights, the document view, targets chart."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient
from markupsafe import Markup

from api.web import charts
from api.web.markup import Mark, highlight, mark, mark_region

HTML = {"accept": "text/html"}


def _doc_id(c: TestClient, number: str) -> str:
    rows = c.get("/documents", params={"limit": 50}).json()["items"]
    return next(d["id"] for d in rows if d["number"] == number)


def test_highlight_escapes_and_marks() -> None:
    out = highlight("a <b>kinh tế số</b> & c", [[5, 15]])
    assert out == Markup("a &lt;b&gt;<mark>kinh tế số</mark>&lt;/b&gt; &amp; c")


def test_highlight_survives_bad_offsets() -> None:
    text = "Điều 2. Ban Chỉ đạo"
    # out of range, reversed, overlapping, negative, wrong shape: clipped or dropped, never raised
    out = highlight(text, [[-5, 4], [3, 6], [10, 5], [16, 999], [1], ["a", "b"]])
    assert out == Markup("<mark>Điều</mark> 2. Ban Chỉ <mark>đạo</mark>")
    assert highlight("", [[0, 3]]) == Markup("")


def test_mark_attributes_are_escaped() -> None:
    out = mark("abc", [Mark(0, 1, css='x" onmouseover="alert(1)', anchor="t-0", title="<i>")])
    assert 'onmouseover="' not in out and "&lt;i&gt;" in out


def test_mark_region_keeps_item_marks_inside() -> None:
    text = "0123456789"
    out = mark_region(text, [Mark(2, 4, "target", "t-0"), Mark(6, 9, "task", "k-0")], (3, 8))
    assert out == Markup('01<mark class="target" id="t-0">2</mark><span class="hit" id="hit">'
                         '<mark class="target">3</mark>45<mark class="task" id="k-0">67</mark></span>'
                         '<mark class="task">8</mark>9')
    assert mark_region(text, [], (8, 3)) == Markup(text)  # an empty region is ignored


def test_chart_groups_years_and_indicators() -> None:
    rows = ([{"year": 2025, "indicator": f"chỉ tiêu {i}"} for i in range(9)]
            + [{"year": 2030, "indicator": "chỉ tiêu 0"}, {"year": None, "indicator": "x"},
               {"year": 2030, "indicator": "<script>"}])
    s = charts.series(rows)
    assert s.years == [2025, 2030]
    assert len(s.indicators) == 7 and s.indicators[-1] == "chỉ tiêu khác"
    svg = charts.targets_by_year(rows)
    assert svg.startswith("<svg") and svg.count("<rect") >= 2 + len(s.indicators)
    assert "<script>" not in svg
    assert charts.targets_by_year([{"year": None}]) == Markup("")


def test_search_page_without_query(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and 'name="q"' in r.text and 'lang="vi"' in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/style.css").status_code == 200


def test_form_values_are_escaped_and_lenient(client: TestClient) -> None:
    r = client.get("/targets", params={"province": '"><script>alert(1)</script>', "year_from": "abc",
                                       "kind": ""}, headers=HTML)
    assert r.status_code == 422  # the API contract: a bad year is refused …
    r = client.get("/targets", params={"province": '"><script>alert(1)</script>', "year_from": ""},
                   headers=HTML)
    assert r.status_code == 200  # … but the empty fields a form sends are not
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)" in r.text


def test_document_view_escapes_document_text(store_client: TestClient) -> None:
    c = store_client
    doc_id = _doc_id(c, "77/QĐ-UBND")
    r = c.get(f"/doc/{doc_id}")
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in r.text
    assert "&lt;img src=x onerror=alert(2)&gt;" in r.text
    # extracted items beside the text, linked to their decision page and to their span
    assert 'href="/decision/3120%2FQ%C4%90-UBND"' in r.text
    assert re.search(r'<mark class="target" id="t-0">tỷ lệ dịch vụ công', r.text)
    assert "Võ Trọng Hải" in r.text


def test_document_view_marks_the_cited_passage(store_client: TestClient) -> None:
    c = store_client
    doc_id = _doc_id(c, "3120/QĐ-UBND")
    r = c.get(f"/doc/{doc_id}", params={"at": "0-15"})
    assert '<span class="hit" id="hit">ỦY BAN NHÂN DÂN</span>' in r.text
    assert c.get(f"/doc/{doc_id}", params={"at": "junk"}).status_code == 200


def test_document_view_404(store_client: TestClient) -> None:
    r = store_client.get("/doc/0000000000000000")
    assert r.status_code == 404 and "Không tìm thấy" in r.text


def test_decision_page(store_client: TestClient) -> None:
    c = store_client
    r = c.get("/decision/" + quote("3120/QĐ-UBND", safe=""))
    assert r.status_code == 200
    assert "Được dẫn chiếu bởi" in r.text and "77/QĐ-UBND" in r.text and "căn cứ" in r.text
    missing = c.get("/decision/" + quote("1/QĐ-<b>", safe=""))
    assert missing.status_code == 404 and "1/QĐ-&lt;b&gt;" in missing.text


def test_targets_page_table_chart_and_export_links(store_client: TestClient) -> None:
    r = store_client.get("/targets", params={"province": "Nghệ An"}, headers=HTML)
    assert r.status_code == 200
    assert "tỷ lệ hồ sơ thủ tục hành chính" in r.text
    assert "<svg" in r.text and "2025" in r.text
    assert "/targets?province=Ngh%E1%BB%87+An&amp;format=csv" in r.text
    assert "format=xlsx" in r.text


def test_target_level_reads_like_the_document() -> None:
    from api.web.labels import target_level

    assert target_level({"value": 80.0, "unit": "%", "comparator": ">="}) == "tối thiểu 80%"
    assert target_level({"value": 15, "unit": "hạng", "comparator": "<="}) == "tối đa 15 hạng"
    assert (target_level({"value": 1946, "value_max": 2500.5, "unit": "tỷ đồng", "comparator": "range"})
            == "trong khoảng 1.946–2.500,5 tỷ đồng")
    assert target_level({"value": 12.5}) == "12,5"
    assert target_level({"value": None, "unit": "%"}) == ""


def test_search_page_lists_stored_documents_before_a_query(store_client: TestClient) -> None:
    r = store_client.get("/")
    assert "Văn bản trong kho" in r.text and "3120/QĐ-UBND" in r.text and "77/QĐ-UBND" in r.text
    assert "<script>alert" not in r.text  # the titles are document text too
    only = store_client.get("/", params={"kind": "news"}).text.split("Văn bản trong kho", 1)[1]
    assert "3120/QĐ-UBND" not in only


def test_search_page_runs_the_search(client: TestClient) -> None:
    """On an empty store the engine answers at once (no model load): the page must show a
    search summary with its time, not the document list."""
    r = client.get("/", params={"q": "kinh tế số", "year_from": ""})
    assert r.status_code == 200
    assert re.search(r">0 kết quả · \d+ ms<", r.text) and "Văn bản trong kho" not in r.text
