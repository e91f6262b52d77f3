"""Issue 13, cases 5, 6, 8-12: symlinks, cross-site writes, empty API key, inputs that gave
500s, upload types, title-only pages, a busy port, queries with nothing to match. Stored cases
run on SQLite and PostgreSQL (``store``)."""

from __future__ import annotations

import io
import shutil
import socket
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from relsupport import SHARED, Store, write_docs

from api.http.app import create_app
from api.service import Service
from core.errors import VanbanError

TITLE_ONLY = SHARED / "data" / "tvpl" / "234679e21a8956c3.md"


def _client(store: Store, **overrides: object) -> TestClient:
    settings = store.settings.model_copy(update=overrides)
    return TestClient(create_app(settings), raise_server_exceptions=False)


def _entity_bomb() -> bytes:
    """A DOCX whose document.xml nests entities 10 levels deep (10^9 characters)."""
    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", (
            "<?xml version='1.0'?><Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
            "<Default Extension='xml' ContentType='application/xml'/><Override PartName='/word/document.xml' "
            "ContentType='application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'/>"
            "</Types>"))
        z.writestr("_rels/.rels", (
            "<?xml version='1.0'?><Relationships xmlns='http://schemas.openxmlformats.org/package/2006/"
            "relationships'><Relationship Id='rId1' Type='http://schemas.openxmlformats.org/officeDocument/"
            "2006/relationships/officeDocument' Target='word/document.xml'/></Relationships>"))
        z.writestr("word/document.xml", (
            f"<?xml version='1.0'?><!DOCTYPE d [{ents}]><w:document xmlns:w='http://schemas.openxmlformats."
            "org/wordprocessingml/2006/main'><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"))
    return buf.getvalue()


def _malformed_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document><unclosed")
    return buf.getvalue()


def test_folder_ingest_does_not_follow_symlinks(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_docs(folder, 1)
    secret = tmp_path / "outside" / "shadow.txt"
    secret.parent.mkdir()
    secret.write_text("root:$6$verysecret:19000:0:99999:7:::\n" * 3, encoding="utf-8")
    (folder / "shadow.txt").symlink_to(secret)
    (folder / "linked-dir").symlink_to(secret.parent, target_is_directory=True)
    run = store.vanban("ingest", str(folder))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ingested 1, unchanged 0, failed 0"
    assert f"skipped symlink: {folder / 'shadow.txt'}" in run.stderr
    assert f"skipped symlink: {folder / 'linked-dir'}" in run.stderr
    assert Service(store.settings).count() == 1


def test_cross_origin_writes_are_refused_same_origin_pass(store: Store) -> None:
    c = _client(store)
    doc = ("a.txt", b"x" * 10, "text/plain")
    for headers in ({"origin": "https://evil.example"}, {"referer": "https://evil.example/page"},
                    {"origin": "null"}, {"sec-fetch-site": "cross-site", "origin": "http://testserver"}):
        r = c.post("/documents", files={"file": doc}, headers=headers)
        assert r.status_code == 403, (headers, r.text)
    r = c.post("/search", json={"query": "x"}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    same = {"origin": "http://testserver", "sec-fetch-site": "same-origin"}
    assert c.post("/search", json={"query": "x"}, headers=same).status_code == 200
    allowed = _client(store, cors_origins=["https://app.example"])
    r = allowed.post("/search", json={"query": "x"}, headers={"origin": "https://app.example"})
    assert r.status_code == 200
    assert c.get("/search", params={"q": "x"}, headers={"origin": "https://evil.example"}).status_code == 200


def test_empty_api_key_refuses_to_start(store: Store) -> None:
    with pytest.raises(VanbanError, match="VANBAN_API_KEY is set but empty"):
        _client(store, api_key="")
    run = Store(store.data_dir, store.database_url, extra_env={"VANBAN_API_KEY": ""}).vanban(
        "serve", "--port", "1", timeout=60)
    assert run.returncode == 2 and "VANBAN_API_KEY is set but empty" in run.stderr
    assert "serving" not in run.stdout


def test_busy_port_is_reported_before_serving(store: Store) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = Store(store.data_dir, store.database_url, extra_env={"VANBAN_PORT": str(port)}).vanban(
            "serve", timeout=60)
    assert run.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in run.stderr and "VANBAN_PORT" in run.stderr
    assert "serving" not in run.stdout
    assert "VANBAN_PORT" in (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def test_no_500_for_surrogates_bombs_and_malformed_docx(store: Store, tmp_path: Path) -> None:
    c = _client(store)
    r = c.post("/search", content=b'{"query": "\\ud800"}', headers={"content-type": "application/json"})
    assert r.status_code < 500 and (r.status_code >= 400 or r.json()["results"] == [])
    for name, data in (("bomb.docx", _entity_bomb()), ("broken.docx", _malformed_docx())):
        r = c.post("/documents", files={"file": (name, data, "application/octet-stream")})
        assert r.status_code == 422, (name, r.text)
        assert "\n" not in r.json()["detail"]
        path = tmp_path / name
        path.write_bytes(data)
        run = store.vanban("extract", str(path))
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert Service(store.settings).count() == 0


def test_upload_types_follow_the_spec(store: Store) -> None:
    c = _client(store)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    assert c.post("/documents", files={"file": ("a.png", png, "image/png")}).status_code == 415
    r = c.post("/documents", files={"file": ("Makefile", b"all:\n\tpython -m build\n", "text/plain")})
    assert r.status_code == 415
    r = c.post("/documents", files={"file": ("fake.docx", b"just plain text here.", "text/plain")})
    assert r.status_code == 422 and r.json()["detail"].startswith("corrupt DOCX")
    assert c.get("/health").json()["documents"] == 0


def test_title_only_pages_are_stored_flagged(store: Store, tmp_path: Path) -> None:
    if not TITLE_ONLY.is_file():
        pytest.skip("../shared data not present")
    folder = tmp_path / "pages"
    folder.mkdir()
    body = TITLE_ONLY.read_text(encoding="utf-8")
    for n in range(40):  # 40 such pages, each for another consolidated text
        (folder / f"page_{n:02d}.md").write_text(body.replace("97/VBHN-BQP", f"{n + 1}/VBHN-BQP"),
                                                 encoding="utf-8")
    shutil.copy(TITLE_ONLY, folder / "original.txt")
    service = Service(store.settings)
    results = [service.ingest_file(p, source=p.name, index=False) for p in sorted(folder.glob("*"))]
    assert len({r.id for r in results}) == 41  # failed 0, all distinct
    doc = service.get(results[0].id)  # original.txt sorts first
    assert doc.meta["no_body"] is True
    assert "97/VBHN-BQP" in doc.text


@pytest.mark.parametrize("query", ["...", "?!", "\x00", "\x00\x00 ", "«»—–", "%%%"])
def test_queries_without_a_word_match_nothing(query: str) -> None:
    from core.settings import Settings
    from search.engine import SearchEngine

    engine = SearchEngine(Settings(data_dir=Path("/nonexistent/never-opened")))
    assert engine.search(query).results == []


def test_annotation_bomb_pdf_is_refused_in_bounded_memory_and_reuploads_skip_parsing(
        store: Store, tmp_path: Path) -> None:
    import resource
    import sys
    import time

    sys.path.insert(0, str(Path(__file__).parents[2]))
    from bench.annotated_pdf import write

    bomb = write(tmp_path / "bomb.pdf", 100_000, distinct=True)  # 4.8 MB; bench/reliability_pdf.py: 500,000
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = store.vanban("extract", str(bomb))
    assert run.returncode == 1 and "too many annotations" in run.stderr, run.stderr
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    assert peak_mb < 2500
    c = _client(store)
    r = c.post("/documents", files={"file": ("bomb.pdf", bomb.read_bytes(), "application/pdf")})
    assert r.status_code == 413
    fine = write(tmp_path / "fine.pdf", 2_000, distinct=True)
    first = c.post("/documents", files={"file": ("fine.pdf", fine.read_bytes(), "application/pdf")})
    assert first.status_code == 201, first.text
    started = time.monotonic()
    again = c.post("/documents", files={"file": ("other-name.pdf", fine.read_bytes(), "application/pdf")})
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert time.monotonic() - started < 2  # keyed by content: no parsing, no extraction
