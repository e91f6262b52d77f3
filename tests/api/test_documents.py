"""Listings, records, the decision graph and item exports over a real stored set."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api import exports
from api.http.deps import app_service
from core.filters import Filters


def _ids(c: TestClient, **params: object) -> dict[str, dict]:
    r = c.get("/documents", params=params)
    assert r.status_code == 200, r.text
    return {d["number"] or d["source"]: d for d in r.json()["items"]}


def test_health_counts_documents(store_client: TestClient) -> None:
    assert store_client.get("/health").json() == {"status": "ok", "documents": 3}


def test_list_filters_and_pagination(store_client: TestClient) -> None:
    c = store_client
    page = c.get("/documents", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2 and "text" not in page["items"][0]
    rest = c.get("/documents", params={"limit": 2, "offset": 2}).json()
    assert len(rest["items"]) == 1
    assert set(_ids(c, kind="decision")) == {"3120/QĐ-UBND", "77/QĐ-UBND"}
    assert set(_ids(c, province="nghe an")) == {"3120/QĐ-UBND"}  # accents optional
    assert set(_ids(c, issuer="UBND tỉnh Hà Tĩnh", kind="decision")) == {"77/QĐ-UBND"}
    assert set(_ids(c, year_from=2023, kind="decision")) == {"77/QĐ-UBND"}
    assert _ids(c, year_from=2030) == {}
    assert c.get("/documents", params={"kind": "poem"}).status_code == 422
    assert c.get("/documents", params={"limit": 0}).status_code == 422


def test_get_record_and_404(store_client: TestClient) -> None:
    c = store_client
    doc_id = _ids(c, province="Nghệ An")["3120/QĐ-UBND"]["id"]
    rec = c.get(f"/documents/{doc_id}").json()
    assert rec["number"] == "3120/QĐ-UBND" and rec["issued_on"] == "2022-10-18"
    assert rec["text"].startswith("ỦY BAN NHÂN DÂN")
    assert "sections" not in rec and "pages" not in rec  # SPEC §2 record only
    assert any(t["value"] == 80 and t["unit"] == "%" for t in rec["targets"])
    r = c.get("/documents/ffffffffffffffff")
    assert r.status_code == 404 and r.json() == {"detail": "no document with id ffffffffffffffff"}


def test_decision_graph_with_encoded_number(store_client: TestClient) -> None:
    c = store_client
    r = c.get("/decisions/" + quote("3120/QĐ-UBND", safe=""))
    assert r.status_code == 200, r.text
    graph = r.json()
    assert [d["number"] for d in graph["documents"]] == ["3120/QĐ-UBND"]
    citing = {x["number"]: x for x in graph["referenced_by"]}
    assert citing["77/QĐ-UBND"]["relation"] == "basis"
    start, end = citing["77/QĐ-UBND"]["span"]
    cited_text = c.get(f"/documents/{citing['77/QĐ-UBND']['document_id']}").json()["text"][start:end]
    assert "3120/QĐ-UBND" in cited_text
    # the same number written without accents, lower case and with a raw slash
    assert c.get("/decisions/3120/qd-ubnd").json()["documents"][0]["number"] == "3120/QĐ-UBND"
    hatinh = c.get("/decisions/" + quote("77/QĐ-UBND", safe="")).json()
    assert any(ref["number"] == "3120/QĐ-UBND" and ref["from"] for ref in hatinh["references"])
    assert c.get("/decisions/" + quote("999/QĐ-XYZ", safe="")).status_code == 404


def test_targets_json_matches_cli_rows(store_client: TestClient) -> None:
    c = store_client
    r = c.get("/targets")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    rows = r.json()
    service = app_service(c.app)
    # byte-for-byte what `vanban export targets --format json` writes
    assert r.content == exports.render(service.item_rows("target", Filters()), "json", "target")
    nghean = [x for x in rows if x["document_number"] == "3120/QĐ-UBND"]
    assert any(x["value"] == 80 and x["year"] == 2025 for x in nghean)
    for x in rows:
        doc = c.get(f"/documents/{x['document_id']}").json()
        assert x["text"] in doc["text"]
        assert x["sentence"] and doc["text"][x["span_start"]:x["span_end"]] in x["sentence"]


def test_targets_filters(store_client: TestClient) -> None:
    c = store_client
    years = {r["year"] for r in c.get("/targets", params={"year_from": 2026}).json()}
    # the target's year (2026 in a 2024 decision), not the document's year
    assert 2026 in years and min(years) >= 2026
    only = c.get("/targets", params={"province": "Nghe An", "q": "truc tuyen"}).json()
    assert only and all(r["province"] == "Nghệ An" and "trực tuyến" in r["indicator"] for r in only)
    assert c.get("/targets", params={"q": "khong co chi tieu nay"}).json() == []
    assert c.get("/targets", params={"format": "pdf"}).status_code == 422


def test_targets_csv_and_xlsx_downloads(store_client: TestClient) -> None:
    c = store_client
    r = c.get("/targets", params={"format": "csv", "province": "Nghệ An"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="targets.csv"' in r.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert {row["document_number"] for row in table} == {"3120/QĐ-UBND"}
    assert "80" in {row["value"] for row in table}

    r = c.get("/targets", params={"format": "xlsx"})
    assert r.headers["content-type"] == exports_media("xlsx")
    ws = load_workbook(io.BytesIO(r.content))["targets"]
    header = [cell.value for cell in ws[1]]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    values = [ws.cell(i, header.index("value") + 1).value for i in range(2, ws.max_row + 1)]
    assert 80 in values and all(isinstance(v, int | float) for v in values if v is not None)
    issued = {ws.cell(i, header.index("document_issued_on") + 1).value.date().isoformat()
              for i in range(2, ws.max_row + 1) if ws.cell(i, header.index("document_issued_on") + 1).value}
    assert "2022-10-18" in issued


def test_tasks_and_decisions_exports(store_client: TestClient) -> None:
    c = store_client
    tasks = c.get("/tasks")
    assert tasks.status_code == 200 and isinstance(tasks.json(), list)
    decisions = c.get("/decisions", params={"kind": "decision"}).json()
    assert {"3120/QĐ-UBND", "505/QĐ-TTg"} <= {d["number"] for d in decisions}
    r = c.get("/decisions", params={"format": "csv"})
    assert r.content.startswith(b"\xef\xbb\xbfnumber,type,relation,issued_on,issuer,signer")
    assert json.loads(c.get("/tasks", params={"year_from": 2099}).content) == []


def test_targets_html_for_browsers(store_client: TestClient) -> None:
    r = store_client.get("/targets", headers={"accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<svg" in r.text and "Tải CSV" in r.text
    # an explicit format wins over the Accept header
    r = store_client.get("/targets?format=json", headers={"accept": "text/html"})
    assert r.headers["content-type"].startswith("application/json")


def exports_media(fmt: str) -> str:
    from api.http.routers.items import MEDIA_TYPES

    return MEDIA_TYPES[fmt]
