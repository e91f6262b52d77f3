"""Error bodies: JSON ``{"detail": …}``, the right status, and nothing internal leaked."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from core.errors import IndexError_, StoreError


@pytest.fixture
def crashing(client: TestClient, tmp_path: Path) -> TestClient:
    secret = tmp_path / "secret" / "vanban.db"

    @client.app.get("/boom")
    def boom() -> None:
        raise RuntimeError(f"cannot open {secret}: password=hunter2")

    @client.app.get("/store-down")
    def store_down() -> None:
        raise StoreError(f"cannot open or migrate the database: {secret}")

    @client.app.get("/index-down")
    def index_down() -> None:
        raise IndexError_(f"chroma at {secret} refused")

    return client


def test_unexpected_error_is_a_bare_500(crashing: TestClient, tmp_path: Path,
                                        caplog: pytest.LogCaptureFixture) -> None:
    r = crashing.get("/boom")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error"}
    assert str(tmp_path) not in r.text and "hunter2" not in r.text and "Traceback" not in r.text
    assert any("hunter2" in str(rec.exc_info[1]) for rec in caplog.records if rec.exc_info)  # logged


@pytest.mark.parametrize(("path", "status"), [("/store-down", 503), ("/index-down", 503)])
def test_service_errors_hide_their_message(crashing: TestClient, tmp_path: Path, path: str,
                                           status: int) -> None:
    r = crashing.get(path)
    assert r.status_code == status
    assert str(tmp_path) not in r.text and "unavailable" in r.json()["detail"]


def test_client_errors_are_json(client: TestClient) -> None:
    r = client.get("/documents/abc")
    assert r.status_code == 404 and r.json() == {"detail": "no document with id abc"}
    r = client.get("/search")
    assert r.status_code == 422 and isinstance(r.json()["detail"], list)
    r = client.post("/search", json={"query": "", "top_k": 1000})
    assert r.status_code == 422
    r = client.post("/search", json={"query": "x", "filters": {"colour": "red"}})
    assert r.status_code == 422
    assert client.get("/no/such/path").json() == {"detail": "Not Found"}


def test_openapi_documents_real_types(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/health", "/documents", "/documents/{doc_id}", "/decisions/{number}", "/search",
                 "/targets", "/tasks", "/decisions"):
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    assert {"Health", "DocumentRecord", "UploadResult", "SearchResponse", "SearchResult",
            "DecisionGraph", "TargetRow", "TaskRow"} <= set(schemas)
    upload = spec["paths"]["/documents"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"201", "413", "415", "422"} <= set(upload["responses"])
    ok = spec["paths"]["/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/SearchResponse")
    assert "/" not in spec["paths"] and "/doc/{doc_id}" not in spec["paths"]  # pages stay out


def test_cors_only_when_configured(client_with) -> None:  # type: ignore[no-untyped-def]
    plain = client_with()
    r = plain.get("/health", headers={"origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers
    cors = client_with(cors_origins=["https://portal.example.vn"])
    r = cors.options("/search", headers={"origin": "https://portal.example.vn",
                                         "access-control-request-method": "POST"})
    assert r.headers["access-control-allow-origin"] == "https://portal.example.vn"
    r = cors.get("/health", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_json_bodies_are_capped_but_uploads_are_not(client: TestClient) -> None:
    huge = '{"query": "' + "x" * 100_000 + '"}'
    r = client.post("/search", content=huge, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "too large" in r.json()["detail"]

    def chunked():  # type: ignore[no-untyped-def]
        yield b'{"query": "'
        for _ in range(50):
            yield b"y" * 4096

    r = client.post("/search", content=chunked(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    # a 100 KB upload is far under the upload limit: refused for its content, not its size
    r = client.post("/documents", files={"file": ("x.bin", b"\x00\x01\x02" * 34_000, "text/plain")})
    assert r.status_code == 415
