"""Plain-text files: encoding detection, page furniture removal, news headline and dateline.

Vietnamese text files come in UTF-8 (with or without BOM), UTF-16 (Notepad's "Unicode"),
Windows-1258 (which writes tones as combining marks, so it is normalized to NFC) and the legacy
font encodings TCVN3/VNI, which decode as Latin-1 mojibake and are repaired by
``ingest.legacy`` in ``ingest.reader``. Text saved from web pages keeps the site's furniture,
removed with the same rules as HTML (``ingest.boilerplate``).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import charset_normalizer

from core.errors import EncodingError, NoTextError
from core.settings import Settings
from ingest import boilerplate, legacy
from ingest.base import Block, RawText
from ingest.patterns import formal

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_LATIN_MIN_SHARE = 0.5  # of the letters of a charset-normalizer guess
# Control bytes other than tab, newline, form feed, carriage return: text has (almost) none.
_CONTROL_BYTES = set(range(0, 9)) | {11} | set(range(14, 32))
_MAX_CONTROL_SHARE = 0.02
# Characters outside Latin-1 used by Vietnamese: a Windows-1258 reading must produce some.
_VIETNAMESE = re.compile(r"[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_FORMAL = re.compile("|".join(formal.MARKERS), re.IGNORECASE)


_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def _control_share(data: bytes) -> float:
    # bytes.translate deletes in C: a Python loop over a 1 MB page took 0.25 s
    return len(data.translate(None, _NOT_CONTROL)) / len(data) if data else 0.0


def _as_cp1258(data: bytes) -> str | None:
    """Windows-1258 reading when it composes into Vietnamese: every combining mark it yields
    must attach to a letter (NFC leaves none loose) and Vietnamese letters must appear."""
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    loose = len(_COMBINING.findall(text))
    if _VIETNAMESE.search(text) and loose <= len(text) // 1000:
        return text
    return None


def _as_legacy(data: bytes) -> str | None:
    """Latin-1 mojibake reading when it is TCVN3/VNI (``ingest.legacy`` converts it later)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text if legacy.detect(text) else None


def decode(data: bytes) -> tuple[str, str]:
    """Text (NFC) and the name of the encoding it was read in; EncodingError when unknown."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return unicodedata.normalize("NFC", data.decode(name)), name
            except UnicodeDecodeError as err:
                raise EncodingError(f"text file with a {name} mark but invalid {name} content") from err
    if _control_share(data) > _MAX_CONTROL_SHARE:
        raise EncodingError("binary content: not a text file in a known encoding")
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if (text := _as_legacy(data)) is not None:
        return text, "legacy"
    if (text := _as_cp1258(data)) is not None:
        return text, "cp1258"
    best = charset_normalizer.from_bytes(data).best()
    if best is None or not _latin_script(str(best)):
        raise EncodingError("text file in an encoding that could not be identified")
    return unicodedata.normalize("NFC", str(best)), best.encoding


def _latin_script(text: str) -> bool:
    """Vietnamese is written in Latin letters: a guess that reads the bytes as Hangul or Han
    (charset-normalizer offers cp949 or big5 for random high bytes) is not the document."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff")
    return bool(letters) and latin >= _LATIN_MIN_SHARE * len(letters)


def is_formal(lines: list[str]) -> bool:
    """The text carries the national motto header of an administrative document."""
    head = "\n".join(lines[: formal.SEARCH_LINES])
    return bool(_FORMAL.search(head))


def to_blocks(lines: list[str]) -> list[Block]:
    """Paragraphs (runs of lines between blank lines) as blocks without pages."""
    blocks: list[Block] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            run.append(line)
        elif run:
            blocks.append(Block("\n".join(run)))
            run = []
    return blocks


_SENTENCE_WORDS = 8  # a line this long is a title or a summary, not a menu entry


def from_text(text: str) -> RawText:
    """Furniture removal, headline and dateline of already decoded text (also used for text
    that reached us some other way)."""
    lines = boilerplate.strip(text.splitlines())
    title = published_at = None
    if not is_formal(lines):
        header = boilerplate.news_header(lines)
        title, published_at = header.title, header.published_at
        if header.dateline_index is not None:
            # the dateline is page metadata (kept as published_at), not article text
            del lines[header.dateline_index]
    blocks = to_blocks(lines)
    no_body = not blocks
    if no_body:
        # Everything was site furniture. A page whose body is only its title and metadata (a
        # law site's "still loading" stub) still names its document in one long line: keep that
        # line, flagged, rather than fail the file; the portal's own notices (copyright, "Đang
        # tải văn bản") are not it. A menu with no sentence stays no text.
        lines_ = [
            line.replace("**", "").strip()
            for line in text.splitlines()
            if len(line.split()) >= _SENTENCE_WORDS and not boilerplate.is_site_frame(line)
        ]
        if lines_:
            blocks = to_blocks([max(lines_, key=len)])
    if not blocks:
        raise NoTextError("no text found in the file")
    raw = RawText(blocks=blocks, title=title, published_at=published_at)
    if no_body:
        raw.meta["no_body"] = True
    return raw


def read(path: Path, settings: Settings) -> RawText:
    text, encoding = decode(path.read_bytes())
    raw = from_text(text)
    raw.meta["encoding"] = encoding
    return raw
