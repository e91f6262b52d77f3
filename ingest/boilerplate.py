"""Page furniture removal on lines, shared by the HTML and the plain-text readers.

Web pages (and text saved from them) carry tickers, menus, related headlines, comment boxes and
visitor counters around the article. Their numbers would become false decisions and targets
downstream, so they are removed here, once, with the phrase data of
``ingest/patterns/boilerplate.py``. Rules work on lines, because a line is what both readers
have: trafilatura gives one paragraph per line, a saved page one line per paragraph. ``""``
lines are paragraph breaks and are kept as such.

Formal decision text must pass through intact: every rule matches whole short lines of known
furniture phrases, never a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.textnorm import clean
from ingest.patterns import boilerplate as phrases
from ingest.patterns import dateline


def _whole(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_DROP = _whole(phrases.DROP_LINE + phrases.NAV_LINE)
_MENU = re.compile(phrases.MENU_SEPARATOR)
_ZONE = _whole(phrases.ZONE_START)
_CUT = _whole(phrases.CUT_TO_END)
_TAIL = _whole(phrases.TAIL_DROP)
_INLINE = re.compile("|".join(f"(?:{p})" for p in phrases.INLINE_DROP))
_TICKER = re.compile(phrases.TICKER_SEPARATOR)
_CLOSING_STAMP = re.compile(phrases.CLOSING_STAMP, re.IGNORECASE)
_DATELINES = [re.compile(p, re.IGNORECASE) for p in dateline.FORMS]  # same group names
_WORD = re.compile(r"[^\W_]+")
_TRAILING = re.compile(r"[\s:»>›\-–]+$")
# A paragraph of running text: long enough and ending like a sentence.
_SENTENCE_END = re.compile(r"[.!?;:…\"”’)\]]\s*$")
_PARAGRAPH_WORDS = 12
_SHORT_LINE_WORDS = 20  # longer lines never count as furniture, whatever they start with
_HEADLINE_CHARS = 250


def _paragraph(text: str) -> bool:
    return len(text.split()) >= _PARAGRAPH_WORDS and bool(_SENTENCE_END.search(text))


def _short_match(pattern: re.Pattern[str], key: str) -> bool:
    """``key`` (a cleaned line without trailing separators) is short and matches as a whole."""
    return bool(key) and len(key.split()) <= _SHORT_LINE_WORDS and bool(pattern.fullmatch(key))


def is_paragraph(line: str) -> bool:
    """Running text, as opposed to a headline, menu item or label."""
    return _paragraph(clean(line))


def is_furniture(line: str) -> bool:
    """A line that is furniture wherever it appears (counter, share button, image name)."""
    return _short_match(_DROP, _TRAILING.sub("", clean(line)))


def is_ticker(line: str) -> bool:
    items = [i for i in _TICKER.split(clean(line)) if i.strip(" |")]
    return len(items) >= phrases.TICKER_MIN_ITEMS and all(
        len(i.split()) >= phrases.TICKER_MIN_WORDS for i in items
    )


def is_menu(line: str) -> bool:
    """A menu or breadcrumb line: ``Trang chủ » Tin tức``, ``TRANG CHỦ | GIỚI THIỆU | …``."""
    items = [i.strip() for i in _MENU.split(clean(line)) if i.strip(" |»›>/")]
    return len(items) >= phrases.MENU_MIN_ITEMS and all(
        len(_WORD.findall(i)) <= phrases.MENU_MAX_WORDS and not any(c.isdigit() for c in i) for i in items
    )


def _frame_bounds(texts: Sequence[str], frame: dict[str, str | int]) -> tuple[int, int] | None:
    """Where the document inside a portal frame starts and ends (``texts``: cleaned lines), if
    ``frame`` is the portal's."""
    if not any(re.search(str(frame["detect"]), text) for text in texts[: int(frame["detect_within"])]):
        return None
    head_label = re.compile(str(frame["head_last_label"]), re.IGNORECASE)
    tail_start = re.compile(str(frame["tail_start"]), re.IGNORECASE)
    start = 0
    for i, text in enumerate(texts[: int(frame["head_within"])]):
        if head_label.fullmatch(text):
            j = i + 1
            while j < len(texts) and not texts[j].strip("| "):
                j += 1
            start = j + 1  # past the label's value
            break
    end = len(texts)
    for i in range(start, len(texts)):
        if tail_start.fullmatch(texts[i]):
            end = i - 1 if i > start and re.fullmatch(str(frame["tail_caption"]), texts[i - 1]) else i
            break
    return start, end


def is_site_frame(line: str) -> bool:
    """A line that names a known portal's frame (its copyright notice, its loading banner)."""
    return any(re.search(str(frame["detect"]), line) for frame in phrases.SITE_FRAMES)


def strip_frame(lines: Sequence[str]) -> list[str]:
    """The document inside a known legal portal's saved page (its metadata table before, its
    related-documents list after, full of other documents' numbers and dates); other text
    unchanged."""
    texts = [clean(line) for line in lines]
    for frame in phrases.SITE_FRAMES:
        bounds = _frame_bounds(texts, frame)
        if bounds is not None:
            markup = re.compile(str(frame["markup"]))
            return [markup.sub("", line) for line in lines[bounds[0] : bounds[1]]]
    return list(lines)


def strip(lines: Sequence[str]) -> list[str]:
    """The lines that belong to the article, in order; ``""`` paragraph breaks kept."""
    lines = strip_frame(lines)
    texts = [clean(line) for line in lines]  # cleaned once: the rules below test each line often
    keys = [_TRAILING.sub("", text) for text in texts]
    total = sum(len(line) for line in lines) or 1
    first_paragraph = next((i for i, text in enumerate(texts) if _paragraph(text)), len(lines))
    last_paragraph = max((i for i, text in enumerate(texts) if _paragraph(text)), default=len(lines))
    closed_at = next((i for i in range(last_paragraph + 1, len(texts)) if _CLOSING_STAMP.fullmatch(keys[i])),
                     len(lines))
    out: list[str] = []
    seen = 0
    in_zone = False
    for i, line in enumerate(lines):
        seen += len(line)
        if not texts[i]:
            out.append("")
            continue
        if _short_match(_CUT, keys[i]) and seen > total / 2:
            break
        if in_zone:
            if not _paragraph(texts[i]):
                continue
            in_zone = False
        if _short_match(_ZONE, keys[i]):
            in_zone = True
            continue
        if _short_match(_DROP, keys[i]) or (i < first_paragraph and (is_ticker(line) or is_menu(line))):
            continue
        if i > last_paragraph and keys[i] and _TAIL.fullmatch(keys[i]):  # tag lists run long
            continue
        if i > closed_at:  # after the page's closing stamp: its section, tags and outlet
            continue
        inline = _INLINE.sub("", line)
        if inline.strip() or not line.strip():
            out.append(inline)
    while out and not out[-1].strip():
        out.pop()
    return out


@dataclass
class NewsHeader:
    """What the top of a news page says about itself."""

    title: str | None = None
    published_at: str | None = None  # ISO date
    dateline_index: int | None = None  # index of the dateline in the lines given


def find_dateline(lines: Sequence[str]) -> tuple[int, str] | None:
    """Index and ISO date of the first line near the top that is only a dateline."""
    for i, line in enumerate(lines[: dateline.SEARCH_LINES]):
        m = next((m for p in _DATELINES if (m := p.fullmatch(clean(line)))), None)
        if m is None:
            continue
        day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return i, f"{year:04d}-{month:02d}-{day:02d}"
    return None


def news_header(lines: Sequence[str]) -> NewsHeader:
    """Title (the headline: the last non-empty line before the dateline, else a first line that
    stands alone as a headline) and publication date of a news page's lines."""
    found = find_dateline(lines)
    if found is not None:
        index, iso = found
        before = [line for line in lines[:index] if line.strip()]
        return NewsHeader(clean(before[-1]) if before else None, iso, index)
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return NewsHeader()
    first = clean(lines[start])
    alone = start + 1 < len(lines) and not lines[start + 1].strip()  # a wrapped line is no headline
    headline = (
        alone and not is_paragraph(first) and not first.isupper()
        and not first.endswith((".", ":", ";", ",")) and len(first) <= _HEADLINE_CHARS
    )
    return NewsHeader(title=first) if headline else NewsHeader()
