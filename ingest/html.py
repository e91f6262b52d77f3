"""HTML pages: the main article only, with its title and publication date.

Portal chrome (menus, tickers, related headlines, comments, visitor counters, share buttons,
footers) must not reach the text: its numbers would become false decisions and targets. Pages
with a known layout (``ingest/patterns/sites.py``, e.g. vbpl.vn) are cut at their content root;
others go through trafilatura. Both outputs then pass the line rules of ``ingest.boilerplate``
that the plain-text reader uses too. Each paragraph stays a separate ``Block``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import lxml.html
import trafilatura
from lxml.etree import ParserError, _Element

from core.errors import CorruptFileError, NoTextError, TooLargeError
from core.settings import Settings
from core.textnorm import clean
from ingest import boilerplate, txt
from ingest.base import Block, RawText
from ingest.docx import is_layout, table_text
from ingest.patterns import dateline
from ingest.patterns.sites import RULES, SiteRule

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "button", "select", "input", "iframe"}
_SPACE = re.compile(r"\s+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# trafilatura settings chosen by measurement on tests/fixtures/web (bench/bench_html.py
# --quality): precision mode keeps every article paragraph of the fixtures and leaks less.
_TRAFILATURA = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "with_metadata": True,  # for the title; its date guess is not used (see published_date)
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}
_ISO_DATE = re.compile(dateline.ISO_DATE)
# A table cell with this many words holds running text (an article), not a datum.
_LAYOUT_CELL_WORDS = 80  # a task description in a plan's table stays below
# Below this many words in its longest line, what trafilatura kept is a menu, not an article.
_MIN_ARTICLE_WORDS = 6


def decode(data: bytes) -> str:
    """Page text: the declared charset when it works, else the plain-text detection."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            # Windows-1258 writes tones as combining marks: compose them
            return unicodedata.normalize("NFC", data.decode(declared.group(1).decode("ascii").lower()))
        except (LookupError, UnicodeDecodeError):
            pass
    return txt.decode(data)[0]


def parse(text: str) -> _Element:
    try:
        return lxml.html.document_fromstring(_XML_PROLOG.sub("", text))
    except (ParserError, ValueError) as err:
        raise CorruptFileError(f"unreadable HTML ({err})") from err


def _inline(el: _Element, parts: list[str]) -> None:
    """Text of ``el`` as rendered: source whitespace collapsed, ``<br>`` and block edges as
    line breaks."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP_TAGS or not tag:
        return
    if tag == "br":
        parts.append("\n")
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if el.text:
        parts.append(_SPACE.sub(" ", el.text))
    for child in el:
        _inline(child, parts)
        if child.tail:
            parts.append(_SPACE.sub(" ", child.tail))
    if block:
        parts.append("\n")


def inline_text(el: _Element) -> str:
    parts: list[str] = []
    _inline(el, parts)
    return "\n".join(line.strip() for line in "".join(parts).split("\n") if line.strip())


def _own(table: _Element, *tags: str) -> list[_Element]:
    """Elements of ``table`` itself with these tags, not those of tables nested in it."""
    return [el for el in table.iter(*tags) if next(el.iterancestors("table"), None) is table]


def _rows(table: _Element) -> list[list[str]]:
    return [[inline_text(cell) for cell in tr if cell.tag in ("td", "th")] for tr in _own(table, "tr")]


def _table(el: _Element) -> str:
    return table_text(_rows(el))


def _replace_with_lines(el: _Element, lines: list[str]) -> None:
    """Put one ``<p>`` per line where ``el`` was (a decision's header table read cell by cell,
    as the DOCX and vbpl.vn readers do)."""
    div = lxml.html.Element("div")
    for line in lines:
        if line.strip():
            p = lxml.html.Element("p")
            p.text = line
            div.append(p)
    div.tail = el.tail
    el.getparent().replace(el, div)


def _has_block(el: _Element) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants())


def element_blocks(el: _Element) -> list[str]:
    """One string per paragraph (leaf block element) or table under ``el``, in order; inline
    text between blocks forms a paragraph of its own."""
    out: list[str] = []
    loose: list[str] = [_SPACE.sub(" ", el.text or "")]

    def flush() -> None:
        text = "".join(loose).strip()
        if text:
            out.append(text)
        loose.clear()

    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:
            pass
        elif tag == "table":
            flush()
            out.append(_table(child))
        elif tag in _BLOCK_TAGS or _has_block(child):
            flush()
            out.extend(element_blocks(child) if _has_block(child) else [inline_text(child)])
        else:
            loose.append(inline_text(child) if tag != "br" else "\n")
        loose.append(_SPACE.sub(" ", child.tail or ""))
    flush()
    return [b for b in out if b.strip()]


def prepare(tree: _Element) -> None:
    """Make a page digestible for trafilatura, in place.

    - Layout tables (cells holding paragraphs, lists, divs or a long text: old portals put the
      whole page in one table) become divs; trafilatura would otherwise flatten menu, counters, article and
      footer into one table row. Small two-column tables (a decision's header or signature)
      become one paragraph per cell line, as the DOCX and vbpl.vn readers give them. Data
      tables are kept.
    - Text-only ``<div>``s become ``<p>``s: trafilatura skips text held directly in a div
      outside the body container, where Vietnamese news sites put the lead paragraph
      (``<div class="sapo">``).
    """
    for table in reversed(list(tree.iter("table"))):  # innermost first
        cells = _own(table, "td", "th")
        if any(_has_block(c) or len(inline_text(c).split()) >= _LAYOUT_CELL_WORDS for c in cells):
            for el in [*_own(table, "tbody", "thead", "tfoot", "tr", "td", "th"), table]:
                el.tag = "div"
        elif cells and is_layout(rows := _rows(table)):
            _replace_with_lines(table, [line for row in rows for cell in row for line in cell.split("\n")])
    for div in tree.iter("div"):
        if not _has_block(div) and inline_text(div).strip():
            div.tag = "p"


def _site_rule(tree: _Element) -> tuple[SiteRule, _Element] | None:
    for rule in RULES:
        found = tree.xpath(rule["content"])
        if found and inline_text(found[0]).strip():
            return rule, found[0]
    return None


def _first_text(tree: _Element, xpath: str | None) -> str | None:
    if not xpath:
        return None
    for el in tree.xpath(xpath):
        text = " ".join(inline_text(el).split())
        if text:
            return text
    return None


def _lines_to_blocks(lines: list[str]) -> list[Block]:
    """Each line a paragraph, except consecutive table rows (``| a | b |``), kept together."""
    blocks: list[Block] = []
    table: list[str] = []
    for line in [*lines, ""]:
        if line.strip().startswith("|"):
            table.append(line)
            continue
        if table:
            blocks.append(Block("\n".join(table)))
            table = []
        if line.strip():
            blocks.append(Block(line))
    return blocks


def published_date(tree: _Element, title: str | None) -> str | None:
    """The date the page declares in its metadata, else a dateline line near the headline
    (``02:21 28/05/2021``, ``Thứ bảy, 13/05/2023 14:44``) anywhere in the page."""
    for xpath in dateline.META_XPATHS:
        for value in tree.xpath(xpath):
            m = _ISO_DATE.match(str(value).strip())
            if m:
                return f"{m.group('y')}-{m.group('m')}-{m.group('d')}"
    body = tree.find("body")
    lines = inline_text(body if body is not None else tree).split("\n")
    if title:
        heads = [i for i, line in enumerate(lines) if " ".join(line.split()) == title]
        lines = lines[heads[0] :] if heads else lines
    found = boilerplate.find_dateline(lines)
    return found[1] if found else None


def from_tree(tree: _Element, mode: dict[str, bool] | None = None) -> RawText:
    """Article text, title and date of a parsed page. ``mode`` overrides trafilatura's
    precision/recall switches (bench/bench_html.py --quality compares them)."""
    site = _site_rule(tree)
    title: str | None = None
    published_at: str | None = None
    if site is not None:
        rule, root = site
        lines = [line for block in element_blocks(root) for line in [*block.split("\n"), ""]]
        title = _first_text(tree, rule["title"])
        meta: dict[str, str | int | float | bool | None] = {"extractor": f"site:{rule['name']}"}
        lines = boilerplate.strip(lines)
        blocks = txt.to_blocks(lines)
    else:
        fallback_title = _first_text(tree, "//h1") or _first_text(tree, "//title")
        published_at = published_date(tree, fallback_title)
        prepare(tree)
        doc = trafilatura.bare_extraction(tree, **{**_TRAFILATURA, **(mode or {})})
        text = (doc.text if doc is not None else None) or ""
        title = (doc.title if doc is not None else None) or fallback_title
        meta = {"extractor": "trafilatura"}
        lines = boilerplate.strip(text.split("\n"))
        found = boilerplate.find_dateline(lines)
        if found is not None:
            # the dateline is page metadata (kept as published_at), not article text
            published_at = published_at or found[1]
            del lines[found[0]]
        if max((len(line.split()) for line in lines), default=0) < _MIN_ARTICLE_WORDS:
            lines = []
        blocks = _lines_to_blocks(lines)
    if not blocks:
        raise NoTextError("no article text found in the HTML page")
    title = clean(title).replace("\n", " ") if title else None
    return RawText(blocks=blocks, title=title or None, published_at=published_at, meta=meta)


def read(path: Path, settings: Settings) -> RawText:
    size = path.stat().st_size
    if size > settings.max_html_mb * 1024 * 1024:
        raise TooLargeError(f"HTML page too large: {size / 1e6:.1f} MB > limit {settings.max_html_mb:g} MB")
    return from_tree(parse(decode(path.read_bytes())))
