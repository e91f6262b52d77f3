"""POST /documents refusals: size (while streaming), type (by content), unreadable files,
API key; and the client's file name never reaching the file system."""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from starlette.requests import Request

from api.http import upload
from api.http.upload import safe_label
from core.errors import TooLargeError

BOUNDARY = "vanbanTESTboundary"
MULTIPART = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}


def multipart(content: bytes, filename: str = "a.txt", field: str = "file") -> bytes:
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n")
    return head.encode() + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def leftovers(data_dir: Path) -> list[Path]:
    files = data_dir / "files"
    return sorted(files.iterdir()) if files.exists() else []


@pytest.fixture
def small(tmp_path: Path, client_with: Callable[..., TestClient]) -> tuple[TestClient, Path]:
    """Upload limit 0.01 MB (10 KiB)."""
    return client_with(upload_max_mb=0.01), tmp_path / "data"


def assert_nothing_stored(c: TestClient, data: Path) -> None:
    assert c.get("/health").json() == {"status": "ok", "documents": 0}
    assert leftovers(data) == []


def test_too_large_by_declared_length(small: tuple[TestClient, Path]) -> None:
    c, data = small
    r = c.post("/documents", files={"file": ("big.txt", b"a" * 200_000, "text/plain")})
    assert r.status_code == 413
    assert "too large" in r.json()["detail"]
    assert_nothing_stored(c, data)


def test_too_large_while_streaming_without_length(small: tuple[TestClient, Path]) -> None:
    """Chunked body, no Content-Length: the limit is hit while the bytes arrive."""
    c, data = small
    sent = []

    def body() -> Iterator[bytes]:
        head, tail = multipart(b"").split(b"\r\n\r\n", 1)
        yield head + b"\r\n\r\n"
        for _ in range(100):  # 100 × 4 KiB = 400 KiB, far past 10 KiB
            sent.append(1)
            yield b"x" * 4096
        yield tail

    r = c.post("/documents", content=body(), headers=MULTIPART)
    assert r.status_code == 413
    assert_nothing_stored(c, data)


def test_just_under_the_limit_is_not_refused_for_size(small: tuple[TestClient, Path]) -> None:
    c, _ = small
    r = c.post("/documents", files={"file": ("bin.dat", b"\x00\x01" * 5000, "text/plain")})
    assert r.status_code == 415  # read completely, then refused for its type, not its size


@pytest.mark.parametrize(("name", "content"), [
    ("virus.pdf", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4),  # an executable named .pdf
    ("archive.docx", b""),  # filled below: a ZIP that is not a DOCX
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
])
def test_unsupported_type_by_content(client: TestClient, tmp_path: Path, name: str, content: bytes) -> None:
    if name == "archive.docx":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("hello.txt", "xin chào")
        content = buf.getvalue()
    r = client.post("/documents", files={"file": (name, content, "application/pdf")})
    assert r.status_code == 415, r.text
    assert r.json()["detail"].startswith("unsupported type")
    assert leftovers(tmp_path / "data") == []


def test_not_multipart_is_415(client: TestClient) -> None:
    r = client.post("/documents", json={"file": "Quyết định số 1/QĐ-UBND"})
    assert r.status_code == 415


@pytest.mark.parametrize(("body", "why"), [
    (multipart(b""), "empty"),
    (multipart(b"xin chao", field="document"), "no file"),
    (f"--{BOUNDARY}\r\nthis is not a part header\r\n\r\n".encode() + b"\x00" * 10, "malformed"),
])
def test_unreadable_uploads_are_422(client: TestClient, tmp_path: Path, body: bytes, why: str) -> None:
    r = client.post("/documents", content=body,
                    headers=MULTIPART)
    assert r.status_code == 422, (why, r.text)
    assert isinstance(r.json()["detail"], str)
    assert leftovers(tmp_path / "data") == []


def test_corrupt_pdf_is_422(client: TestClient, tmp_path: Path) -> None:
    r = client.post("/documents", files={"file": ("qd.pdf", b"%PDF-1.7\n1 0 obj <<\n" + b"garbage" * 50,
                                                  "application/pdf")})
    assert r.status_code == 422, r.text
    assert "Traceback" not in r.text and str(tmp_path) not in r.text
    assert_nothing_stored(client, tmp_path / "data")


def test_two_files_in_one_request_refused(client: TestClient) -> None:
    first = multipart(b"mot").removesuffix(b"--\r\n")  # ends with the boundary line of part 2
    body = first + multipart(b"hai")[len(f"--{BOUNDARY}"):]
    r = client.post("/documents", content=body, headers=MULTIPART)
    assert r.status_code == 422


def test_api_key_required_for_upload(client_with: Callable[..., TestClient]) -> None:
    c = client_with(api_key="s3cret")
    files = {"file": ("a.txt", b"", "text/plain")}
    assert c.post("/documents", files=files).status_code == 401
    assert c.post("/documents", files=files, headers={"X-API-Key": "wrong"}).status_code == 401
    assert c.post("/documents", files=files, headers={"X-API-Key": "s3cret"}).status_code == 422  # empty
    assert c.get("/health").status_code == 200  # reads stay open
    assert c.get("/documents").status_code == 200


@pytest.mark.parametrize(("given_name", "expected"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
    ("/abs/path/Quyết định 3120.pdf", "Quyết định 3120.pdf"),
    ("bad\x00name\x1b[31m.txt", "badname[31m.txt"),
    ("..", "upload"),
    ("", "upload"),
    (None, "upload"),
    ("   .hidden.txt", "hidden.txt"),
    ("a/\u202eexe.txt", "exe.txt"),  # right-to-left override is a format character: dropped
])
def test_safe_label(given_name: str | None, expected: str) -> None:
    assert safe_label(given_name) == expected


def test_safe_label_caps_length_and_keeps_extension() -> None:
    label = safe_label("Kế hoạch " * 60 + ".docx")
    assert len(label) <= 120 and label.endswith(".docx")


@given(st.text(max_size=400))
def test_safe_label_never_a_path(name: str) -> None:
    label = safe_label(name)
    assert label and len(label) <= 120
    assert "/" not in label and "\\" not in label and "\x00" not in label
    assert not label.startswith(".")
    assert all(ord(ch) >= 32 for ch in label)


def _receive_direct(body: bytes, tmp_path: Path, limit: int = 1 << 20) -> upload.ReceivedFile:
    """Drive ``upload.receive`` with a bare ASGI request, chunk by chunk."""
    chunks = [body[i:i + 7] for i in range(0, len(body), 7)] or [b""]

    async def receive() -> dict:
        chunk = chunks.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    scope = {"type": "http", "method": "POST", "path": "/documents", "query_string": b"",
             "headers": [(b"content-type", MULTIPART["content-type"].encode())]}
    return asyncio.run(upload.receive(Request(scope, receive), tmp_path, limit))


@pytest.mark.parametrize(("disposition", "label"), [
    ('filename="Quyết định 3120.txt"', "Quyết định 3120.txt"),  # raw UTF-8, as browsers send it
    ("filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.txt", "Quyết định.txt"),  # RFC 5987
    ('filename="..\\\\..\\\\boot.ini"', "boot.ini"),
    ("", "upload"),  # no file name at all
])
def test_received_file_label_and_bytes(tmp_path: Path, disposition: str, label: str) -> None:
    content = "Số: 3120/QĐ-UBND\r\n--not-a-boundary\r\n".encode() * 50
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; {disposition}\r\n\r\n").encode()
    got = _receive_direct(head + content + f"\r\n--{BOUNDARY}--\r\n".encode(), tmp_path)
    assert got.label == label
    assert got.path.parent == tmp_path and got.path.name.startswith(".upload-")
    assert got.path.read_bytes() == content and got.size == len(content)
    assert got.head == content[:8192]


def test_receive_cleans_up_when_too_large(tmp_path: Path) -> None:
    with pytest.raises(TooLargeError):
        _receive_direct(multipart(b"z" * 5000), tmp_path, limit=1000)
    assert list(tmp_path.iterdir()) == []
