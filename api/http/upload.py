"""Receiving one uploaded file: streamed to disk under a name we choose, size-checked as the
bytes arrive.

FastAPI's ``UploadFile`` parses the whole request (into a temp file of unbounded size) before
the route runs, so a limit checked in the route comes after the damage. Here the multipart
body is parsed chunk by chunk and the request is refused (413) as soon as it passes the limit.
The client's file name is only ever a display label: it never becomes a path.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import unquote_to_bytes

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request

from core.errors import EmptyFileError, InputError, TooLargeError, UnsupportedTypeError
from ingest.reader import EXTENSIONS

FIELD = "file"
HEAD_BYTES = 8192  # what ingest.reader.sniff needs to tell the type
_OVERHEAD = 64 * 1024  # multipart boundaries and part headers on top of the file itself
_MAX_PARTS = 8
_MAX_HEADER_BYTES = 8192
_MAX_LABEL = 120
_EXT_FILENAME = re.compile(rb"filename\*\s*=\s*([\w-]*)'[^']*'([^;\s]+)", re.IGNORECASE)

# The request body schema for OpenAPI (the route reads the stream itself, so FastAPI cannot
# infer it).
OPENAPI_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {
            "schema": {"type": "object", "required": [FIELD],
                       "properties": {FIELD: {"type": "string", "format": "binary",
                                              "description": ".pdf, .html, .txt or .docx"}}},
        }},
    },
}


def safe_label(client_name: str | None) -> str:
    """The client's base name, fit to show and store as ``source``: no directories, no
    ``..``, no control characters or NUL, bounded length."""
    name = unicodedata.normalize("NFC", client_name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).lstrip(". ")
    if len(name) > _MAX_LABEL:
        _, dot, ext = name.rpartition(".")
        keep = ext if dot and 0 < len(ext) <= 8 else ""
        name = name[: _MAX_LABEL - len(keep) - 1].rstrip() + ("." + keep if keep else "")
    return name or "upload"


def check_extension(label: str) -> None:
    """SPEC §4: 415 for a type we do not read. The name's extension is what the user declares
    (the bytes still decide how a supported file is read): a .png, or a file with no
    extension at all (a Makefile), is refused rather than stored as a news page."""
    suffix = Path(label).suffix.lower()
    if suffix not in EXTENSIONS:
        what = f"'{suffix}'" if suffix else "a file without an extension"
        raise UnsupportedTypeError(f"unsupported type: {what}; upload .pdf, .html, .htm, .txt or .docx")


@dataclass
class ReceivedFile:
    path: Path
    label: str
    size: int
    head: bytes


@dataclass
class _State:
    """Parser callbacks run synchronously inside ``parser.write``; they collect here and the
    async loop does the file writes off the event loop."""

    max_bytes: int
    parts: int = 0
    header_name: bytes = b""
    header_value: bytes = b""
    header_bytes: int = 0
    disposition: bytes = b""
    in_file: bool = False
    seen_file: bool = False
    filename: str | None = None
    size: int = 0
    head: bytearray = field(default_factory=bytearray)
    pending: list[bytes] = field(default_factory=list)

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > _MAX_PARTS:
            raise InputError(f"too many form fields (at most {_MAX_PARTS})")
        self.disposition, self.header_bytes, self.in_file = b"", 0, False

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self.header_value += data[start:end]

    def _count_header(self, n: int) -> None:
        self.header_bytes += n
        if self.header_bytes > _MAX_HEADER_BYTES:
            raise InputError("multipart part headers too large")

    def on_header_end(self) -> None:
        if self.header_name.lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name, self.header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        if options.get(b"name") != FIELD.encode():
            return  # other fields are ignored
        if self.seen_file:
            raise InputError("upload one file per request")
        self.in_file = self.seen_file = True
        self.filename = _client_filename(self.disposition, options.get(b"filename"))

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if not self.in_file:
            return
        chunk = data[start:end]
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise TooLargeError(f"file too large: more than {self.max_bytes / 1024 / 1024:g} MB")
        if len(self.head) < HEAD_BYTES:
            self.head += chunk[: HEAD_BYTES - len(self.head)]
        self.pending.append(chunk)

    def on_part_end(self) -> None:
        self.in_file = False

    def callbacks(self) -> dict:
        return {name: getattr(self, name) for name in (
            "on_part_begin", "on_header_field", "on_header_value", "on_header_end",
            "on_headers_finished", "on_part_data", "on_part_end")}


def _client_filename(disposition: bytes, plain: bytes | None) -> str | None:
    """``filename*=UTF-8''…`` (RFC 6266/5987, which python-multipart drops) wins over
    ``filename="…"``; browsers send the latter as raw UTF-8."""
    extended = _EXT_FILENAME.search(disposition)
    if extended:
        charset = extended.group(1).decode("ascii", "replace") or "utf-8"
        try:
            return unquote_to_bytes(extended.group(2)).decode(charset, "replace")
        except LookupError:  # an unknown charset name
            return unquote_to_bytes(extended.group(2)).decode("utf-8", "replace")
    return plain.decode("utf-8", "replace") if plain is not None else None


def _boundary(request: Request) -> bytes:
    ctype, params = parse_options_header(request.headers.get("content-type"))
    if ctype != b"multipart/form-data":
        raise UnsupportedTypeError("send the file as multipart/form-data in a field named 'file'")
    boundary = params.get(b"boundary")
    if not boundary:
        raise InputError("multipart body without a boundary")
    return boundary


def _check_declared_length(request: Request, limit: int) -> None:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + _OVERHEAD:
        raise TooLargeError(f"file too large: more than {limit / 1024 / 1024:g} MB")


async def receive(request: Request, dest_dir: Path, max_bytes: int) -> ReceivedFile:
    """Stream the ``file`` field of a multipart request to a new file in ``dest_dir``.

    Raises TooLargeError (413) past ``max_bytes``, EmptyFileError/InputError (422) for a
    missing, empty or malformed upload. On any failure the partial file is removed."""
    boundary = _boundary(request)
    _check_declared_length(request, max_bytes)
    state = _State(max_bytes=max_bytes)
    parser = MultipartParser(boundary, state.callbacks())  # type: ignore[arg-type]
    dest_dir.mkdir(parents=True, exist_ok=True)
    path = dest_dir / f".upload-{uuid.uuid4().hex}.part"
    fh: IO[bytes] = await run_in_threadpool(path.open, "wb")
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > max_bytes + _OVERHEAD:
                raise TooLargeError(f"file too large: more than {max_bytes / 1024 / 1024:g} MB")
            parser.write(chunk)
            if state.pending:
                await run_in_threadpool(fh.writelines, state.pending)
                state.pending = []
        parser.finalize()
    except FormParserError as err:
        await _discard(fh, path)
        raise InputError("malformed multipart body") from err
    except ClientDisconnect as err:
        await _discard(fh, path)
        raise InputError("the client closed the connection during the upload") from err
    except BaseException:
        await _discard(fh, path)
        raise
    await run_in_threadpool(fh.close)
    if not state.seen_file:
        path.unlink(missing_ok=True)
        raise InputError("no file: send it in a multipart field named 'file'")
    if state.size == 0:
        path.unlink(missing_ok=True)
        raise EmptyFileError("empty file (0 bytes)")
    return ReceivedFile(path=path, label=safe_label(state.filename), size=state.size, head=bytes(state.head))


async def _discard(fh: IO[bytes], path: Path) -> None:
    with contextlib.suppress(OSError):
        await run_in_threadpool(fh.close)
    path.unlink(missing_ok=True)
