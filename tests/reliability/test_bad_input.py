"""Bad files in a batch, as a user meets them: `vanban ingest FOLDER` with one good decision
and one file of each hostile kind that tests/api/test_cli.py does not already feed it. Each bad
file gets its own one-line reason, nothing of it is stored, the good files go in.

Then the limits are timed (refused before any parser runs), and nasty client file names and
lying extensions go through the HTTP upload: what is kept on disk lies under
``settings.files_dir`` under a name we chose.
"""

from __future__ import annotations

import os
import random
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw, ImageFont
from relsupport import REPO, Store, decision_text

from api.http.app import create_app
from core.errors import EncodingError, TooLargeError
from core.settings import Settings
from ingest import reader
from store.db import session_factory
from store.repository import Repository

PDF_FIXTURES = REPO / "tests" / "fixtures" / "pdf"
NO_ARTICLE = REPO / "tests" / "fixtures" / "web" / "no_article.html"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEFAULTS = Settings()
FAST_S = 3.0  # a refusal by limit, on a loaded two-core machine


def blank_pdf(path: Path, pages: int) -> Path:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    pdf.save(str(path))
    pdf.close()
    return path


def scanned_pdf(path: Path) -> Path:
    """One page that is only an image of text (what a scanner gives): it needs OCR."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    for i, line in enumerate(decision_text(7).splitlines()[:12]):
        draw.text((100, 120 + i * 60), line, fill=0, font=font)
    page.save(path, "PDF", resolution=150)
    return path


def docx_bomb(path: Path, inflated_mb: int) -> Path:
    """A DOCX whose document part inflates to ``inflated_mb`` MB of spaces (a few hundred KB
    on disk): the declared sizes are honest, the danger is real."""
    base = docx.Document()
    base.add_paragraph(decision_text(2))
    base.save(str(path))
    block = b" " * (1 << 20)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z, \
            z.open("word/media/padding.xml", "w", force_zip64=True) as fh:
        for _ in range(inflated_mb):
            fh.write(block)
    return path


def big_html(path: Path, size: int) -> Path:
    paragraph = "<p>Điều 1. Phê duyệt kế hoạch chuyển đổi số của tỉnh.</p>\n".encode() * 1000
    with path.open("wb") as fh:
        fh.write(b"<!doctype html><html><body><article>")
        while fh.tell() < size:
            fh.write(paragraph)
        fh.truncate(size)
    return path


# Writes the batch; returns file name -> the exact one-line reason (None: a good file that goes in).
def build_batch(folder: Path) -> dict[str, str | None]:
    folder.mkdir()
    (folder / "good.txt").write_text(decision_text(0), encoding="utf-8")
    shutil.copy(PDF_FIXTURES / "owner_password.pdf", folder / "empty_user_password.pdf")
    shutil.copy(PDF_FIXTURES / "user_password.pdf", folder / "user_password.pdf")
    (folder / "decision_really_html.pdf").write_text(
        "<!doctype html><html><body><article>" + "".join(
            f"<p>{line}</p>" for line in decision_text(1).splitlines() if line) + "</article></body></html>",
        encoding="utf-8")
    blank_pdf(folder / "blank_2000_pages.pdf", 2000)
    scanned_pdf(folder / "scan.pdf")
    with zipfile.ZipFile(docx_bomb(folder / "bomb.docx", 205)) as z:
        inflated = sum(i.file_size for i in z.infolist()) / 1e6
    big_html(folder / "huge.html", 50_000_000)
    shutil.copy(NO_ARTICLE, folder / "no_article.html")
    (folder / "unknown_encoding.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    return {
        "good.txt": None,
        "empty_user_password.pdf": None,
        "decision_really_html.pdf": None,
        "user_password.pdf": "encrypted PDF: it needs a password to open",
        "blank_2000_pages.pdf": f"PDF has too many pages: 2000 > limit {DEFAULTS.max_pages}",
        "scan.pdf": "OCR needed but tesseract was not found (tesseract); "
                    "install it with: apt-get install tesseract-ocr tesseract-ocr-vie",
        "bomb.docx": f"DOCX expands to {inflated:.0f} MB > limit {DEFAULTS.max_decompressed_mb:g} MB",
        "huge.html": f"HTML page too large: 50.0 MB > limit {DEFAULTS.max_html_mb:g} MB",
        "no_article.html": "no article text found in the HTML page",
        "unknown_encoding.txt": "text file in an encoding that could not be identified",
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    """The batch folder (built once: the bomb and the big files take seconds to write)."""
    folder = tmp_path_factory.mktemp("bad") / "in"
    return folder, build_batch(folder)


@pytest.fixture(scope="module")
def batch(hostile: tuple[Path, dict[str, str | None]]) -> tuple[Store, Path, dict[str, str | None], str, str]:
    """One `vanban ingest` run over the whole folder, with tesseract off the PATH."""
    folder, expected = hostile
    no_tesseract = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep)
                                   if not (Path(p) / "tesseract").exists())
    store = Store(folder.parent / "data", extra_env={"PATH": no_tesseract})
    res = store.vanban("ingest", str(folder))
    assert res.returncode == 1, res.stderr
    return store, folder, expected, res.stdout, res.stderr


@pytest.mark.slow
def test_batch_summary_and_nothing_else_stored(batch) -> None:  # type: ignore[no-untyped-def]
    store, _, expected, stdout, stderr = batch
    good = sorted(name for name, why in expected.items() if why is None)
    bad = len(expected) - len(good)
    assert stdout.strip().splitlines()[-1] == f"ingested {len(good)}, unchanged 0, failed {bad}"
    assert "Traceback" not in stderr
    repo = Repository(session_factory(store.settings))
    stored = sorted(doc.source for doc in repo.iter_documents())
    assert stored == good
    formats = {d.source: d.meta["format"] for d in repo.iter_documents()}
    assert formats["decision_really_html.pdf"] == "html"  # read by content, not by name
    assert formats["empty_user_password.pdf"] == "pdf"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["user_password.pdf", "blank_2000_pages.pdf", "scan.pdf", "bomb.docx",
                                  "huge.html", "no_article.html", "unknown_encoding.txt"])
def test_each_bad_file_has_its_one_line_reason(batch, name: str) -> None:  # type: ignore[no-untyped-def]
    _, folder, expected, _, stderr = batch
    lines = [ln for ln in stderr.splitlines() if ln.startswith(f"failed {folder / name}:")]
    assert lines == [f"failed {folder / name}: {expected[name]}"]


@pytest.mark.parametrize("name", ["blank_2000_pages.pdf", "bomb.docx", "huge.html", "60MB.html"])
def test_limits_refuse_before_the_parser_runs(hostile, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    folder, _ = hostile
    path = big_html(tmp_path / name, 60_000_000) if name == "60MB.html" else folder / name
    started = time.perf_counter()
    with pytest.raises(TooLargeError):
        reader.read(path, DEFAULTS)
    assert time.perf_counter() - started < FAST_S


# --- HTTP upload: names from the client, types from the content ---------------------------------

BOUNDARY = "reliabilityBoundary7"


def raw_upload(client: TestClient, filename: bytes, content: bytes):  # type: ignore[no-untyped-def]
    """A multipart body written by hand, so the file name can hold bytes (NUL) a client
    library would refuse to send."""
    body = (b"--" + BOUNDARY.encode() + b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + filename + b"\"\r\nContent-Type: text/plain\r\n\r\n" + content
            + b"\r\n--" + BOUNDARY.encode() + b"--\r\n")
    return client.post("/documents", content=body,
                       headers={"content-type": f"multipart/form-data; boundary={BOUNDARY}"})


@pytest.fixture(scope="module")
def upload_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    root = tmp_path_factory.mktemp("upload")
    with TestClient(create_app(Settings(data_dir=root / "srv" / "data")), raise_server_exceptions=False) as c:
        yield c, root


@pytest.mark.slow
@pytest.mark.parametrize(("n", "filename", "label"), [
    (20, b"../../../../escaped.txt", "escaped.txt"),
    (21, b"..%2F..%2Fescaped2.txt", "%2F..%2Fescaped2.txt"),  # stays a name, never decoded
    (22, b"nul\x00byte.txt", "nulbyte.txt"),
    (23, ("Quyết định " * 30).encode() + b".txt", ("Quyết định " * 30)[:115].rstrip() + ".txt"),
])
def test_client_file_name_never_reaches_the_disk(upload_client, n: int, filename: bytes,  # type: ignore[no-untyped-def]
                                                  label: str) -> None:
    client, root = upload_client
    r = raw_upload(client, filename, decision_text(n).encode())
    assert r.status_code == 201, r.text
    assert r.json()["source"] == label
    files_dir = root / "srv" / "data" / "files"
    assert (files_dir / f"{r.json()['id']}.txt").is_file()
    every_file = {p.relative_to(root) for p in root.rglob("*") if p.is_file()}
    assert all(p.parts[:2] == ("srv", "data") for p in every_file), every_file
    assert all(p.name.endswith((".txt", ".html")) for p in files_dir.iterdir())


@pytest.mark.slow
def test_lying_extensions_through_the_upload(upload_client) -> None:  # type: ignore[no-untyped-def]
    client, root = upload_client
    html = "<html><body><article>" + "".join(
        f"<p>{line}</p>" for line in decision_text(24).splitlines() if line) + "</article></body></html>"
    r = raw_upload(client, b"decision.pdf", html.encode())
    assert r.status_code == 201, r.text
    assert (root / "srv" / "data" / "files" / f"{r.json()['id']}.html").is_file()

    refused = raw_upload(client, b"decision.txt", b"%PDF-1.7\n" + os.urandom(3000))
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith("corrupt PDF")
    assert not list((root / "srv" / "data" / "files").glob(".upload-*"))


@pytest.mark.parametrize("data", [
    b"\x82\xa0\x82" * 500,
    bytes(random.Random(1).randrange(0x80, 0x100) for _ in range(3000)),
], ids=["cp949-guess", "big5-guess"])
def test_bytes_in_no_vietnamese_encoding_are_refused(tmp_path: Path, data: bytes) -> None:
    """charset-normalizer reads these as Korean (cp949) and Chinese (big5); they used to be
    stored as such."""
    path = tmp_path / "garbage.txt"
    path.write_bytes(data)
    with pytest.raises(EncodingError):
        reader.read(path, DEFAULTS)
