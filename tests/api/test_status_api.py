"""SPEC §5 over HTTP: status, effective_from and referenced_by on records, the status filter,
stubs for numbers only cited, and "không tìm thấy" with the nearest numbers. The fixture chain
is stored (not indexed: no embedding model) and seen on 2024-09-15."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.http.deps import app_service
from core.settings import Settings

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "status"


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("chain") / "data", today=dt.date(2024, 9, 15))
    app = create_app(settings)
    svc = app_service(app)
    for f in sorted(FIX.iterdir()):
        svc.ingest_file(f, source=f.name, index=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def number(c: TestClient, n: str) -> dict:
    r = c.get(f"/decisions/{quote(n, safe='')}")
    assert r.status_code == 200, r.text
    return r.json()


def test_record_has_effective_from_status_and_referenced_by(chain: TestClient) -> None:
    doc = number(chain, "200/QĐ-UBND")["documents"][0]
    assert doc["effective_from"] == "2024-05-01"
    st = doc["status"]
    assert (st["state"], st["since"]) == ("partly_expired", "2024-08-01")
    assert st["label"] == "Hết hiệu lực một phần"
    assert [a["number"] for a in st["amended_by"]] == ["300/QĐ-UBND"]
    rels = {(r["number"], r["relation"]) for r in doc["referenced_by"]}
    assert {("300/QĐ-UBND", "amends"), ("400/QĐ-UBND", "repeals"), ("600/HD-STNMT", "guides"),
            (None, "reported")} <= rels
    full = chain.get(f"/documents/{doc['id']}").json()
    assert full["status"] == st and full["referenced_by"] == doc["referenced_by"]


def test_repeal_relation_carries_scope_and_parts(chain: TestClient) -> None:
    doc = number(chain, "400/QĐ-UBND")["documents"][0]
    by_number = {d["number"]: d for d in doc["decisions"]}
    partial = by_number["200/QĐ-UBND"]
    assert (partial["scope"], partial["parts"], partial["stored"]) == ("part", "khoản 2 Điều 3", True)
    assert by_number["1203/QĐ-UBND"]["stored"] is False  # known only from this citation


def test_status_filter_on_documents(chain: TestClient) -> None:
    def numbers(state: str) -> list[str]:
        return [d["number"] for d in chain.get("/documents", params={"status": state}).json()["items"]]

    assert numbers("expired") == ["100/QĐ-UBND"]
    assert numbers("not_yet_in_force") == ["500/QĐ-UBND"]
    assert chain.get("/documents", params={"status": "gone"}).status_code == 422
    listed = chain.get("/documents").json()["items"]
    assert all("status" in d for d in listed)
    assert next(d for d in listed if d["kind"] == "news")["status"] is None


def test_stub_for_a_number_only_cited(chain: TestClient) -> None:
    graph = number(chain, "1203/qd-ubnd")
    assert graph["stored"] is False and graph["documents"] == []
    stub = graph["stub"]
    assert (stub["number"], stub["type"], stub["issuer"], stub["issued_on"]) == (
        "1203/QĐ-UBND", "Quyết định", "UBND tỉnh Hà Tĩnh", "2019-06-12")
    assert stub["status"]["state"] == "expired" and stub["status"]["by"][0]["number"] == "400/QĐ-UBND"


def test_unknown_number_says_not_found_with_nearest(chain: TestClient) -> None:
    r = chain.get(f"/decisions/{quote('210/QĐ-UBND', safe='')}")
    assert r.status_code == 404
    body = r.json()
    assert body["detail"].startswith("không tìm thấy") and body["found"] is False
    assert body["nearest"][0] == "200/QĐ-UBND"


def test_search_number_lookup_and_status_filter(chain: TestClient) -> None:
    missing = chain.get("/search", params={"q": "1203/QĐ-UBND"}).json()
    assert missing["lookup"]["found"] is False and missing["lookup"]["stub"]["number"] == "1203/QĐ-UBND"
    found = chain.get("/search", params={"q": "quyết định số 100/qđ-ubnd"}).json()["lookup"]
    assert found["found"] is True and len(found["document_ids"]) == 1
    r = chain.post("/search", json={"query": "đất đai", "filters": {"status": "expired"}})
    assert r.status_code == 200
    assert chain.post("/search", json={"query": "x", "filters": {"status": "nope"}}).status_code == 422


def test_page_number_box_jumps_or_says_not_found(chain: TestClient) -> None:
    r = chain.get("/", params={"q": "100/QD-UBND"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/doc/")
    page = chain.get("/", params={"q": "1203/QĐ-UBND"}).text
    assert "Không tìm thấy" in page and "Biết qua trích dẫn" in page
