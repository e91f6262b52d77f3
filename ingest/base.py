"""What every reader shares: the block → text assembly that keeps the page map.

A reader turns a file into ``Block``s (a piece of text and the page it came from), and
``assemble`` cleans each block and joins them, recording which characters of the final text
came from which page. Cleaning happens per block, so offsets never need re-mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.record import PageSpan
from core.textnorm import clean


@dataclass
class Block:
    text: str
    page: int | None = None  # 1-based page number; None for formats without pages


@dataclass
class RawText:
    """A reader's output before it becomes a ``Document``."""

    blocks: list[Block]
    title: str | None = None
    published_at: str | None = None  # ISO date from the page's own metadata (HTML)
    meta: dict[str, str | int | float | bool | None] = field(default_factory=dict)


def assemble(blocks: list[Block], sep: str = "\n\n") -> tuple[str, list[PageSpan]]:
    """Join cleaned blocks; consecutive blocks of the same page share one ``PageSpan``."""
    parts: list[str] = []
    pages: list[PageSpan] = []
    pos = 0
    for block in blocks:
        piece = clean(block.text)
        if not piece:
            continue
        if parts:
            parts.append(sep)
            pos += len(sep)
        start = pos
        parts.append(piece)
        pos += len(piece)
        if block.page is None:
            continue
        if pages and pages[-1].page == block.page:
            pages[-1].end = pos
        else:
            pages.append(PageSpan(page=block.page, start=start, end=pos))
    return "".join(parts), pages
