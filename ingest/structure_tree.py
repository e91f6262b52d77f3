"""The section tree ``ingest.structure`` builds, and the state of its pass over the lines.

``Builder`` opens sections in text order and closes them when a heading of the same or an
outer rank arrives; ``State`` is what the pass remembers between lines (phase, numbering per
parent, lines already consumed by a heading).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.record import Section

_TOP = {"header", "title", "basis", "preamble", "body", "recipients", "signature", "appendix"}
RANK = {"part": 1, "chapter": 2, "subchapter": 3, "roman": 4, "article": 5, "clause": 6, "point": 7}


@dataclass(slots=True)
class _Open:
    kind: str  # a SectionKind, or "part"/"subchapter"/"roman" (stored as "chapter")
    base: str  # label without the appendix suffix; children build theirs from it
    start: int
    heading: str | None
    rank: float
    parent: int | None
    suffix: str | None = None  # label of the enclosing appendix or article, after ``base``
    end: int = -1

    @property
    def label(self) -> str:
        return f"{self.base} {self.suffix}" if self.suffix else self.base


class Builder:
    """Opens sections in text order; closing happens when an outer or equal heading arrives."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[_Open] = []
        self.stack: list[int] = []
        self.appendix: int | None = None

    def top(self) -> _Open | None:
        return self.items[self.stack[0]] if self.stack else None

    def parent_for(self, rank: int) -> int | None:
        """Index of the section a unit of ``rank`` would nest in, without opening it."""
        for idx in reversed(self.stack):
            it = self.items[idx]
            if it.kind == "appendix" or (it.kind not in _TOP and it.rank < rank):
                return idx
        return None

    def open(
        self, kind: str, base: str, start: int, heading: str | None, rank: float = 0,
        suffix: str | None = None,
    ) -> int:
        if rank == 0:
            self._close_from(0, start)
            parent = None
            self.appendix = None
        else:
            parent = self.parent_for(rank)
            keep = self.stack.index(parent) + 1 if parent is not None else 0
            self._close_from(keep, start)
        if suffix is None and parent is not None:
            up = self.items[parent]
            suffix = up.base if up.kind == "appendix" else up.suffix
        self.items.append(_Open(kind, base, start, heading, rank, parent, suffix))
        self.stack.append(len(self.items) - 1)
        if kind == "appendix":
            self.appendix = len(self.items) - 1
        return len(self.items) - 1

    def open_child(self, kind: str, base: str, start: int, heading: str | None) -> None:
        """A block sharing lines with the open one (a signature printed beside "Nơi nhận")."""
        parent = self.stack[-1]
        self.items.append(_Open(kind, base, start, heading, 99, parent))
        self.stack.append(len(self.items) - 1)

    def _close_from(self, keep: int, end: int) -> None:
        for idx in self.stack[keep:]:
            self.items[idx].end = end
        del self.stack[keep:]

    def finish(self) -> list[Section]:
        self._close_from(0, len(self.text))
        if self.items:
            self.items[0].start = 0
        out = []
        for it in self.items:
            kind = "chapter" if it.kind in ("part", "subchapter", "roman") else it.kind
            out.append(Section(kind=kind, label=it.label, start=it.start, end=it.end,
                               heading=it.heading, parent=it.parent))
        return out


@dataclass
class State:
    phase: str = "body"  # "basis" | "preamble" | "body" | "tail"
    formal: bool = False
    enact_at: int | None = None  # line index of "QUYẾT ĐỊNH:" when there is one
    last: dict[tuple[str, int | None], int] = field(default_factory=dict)  # numbering per parent
    interleaved: bool = False  # the recipients block carries the signature beside it
    paragraphs: int = 0
    divisions: bool = False  # the text has numbered units (else its loose text is paragraphs)
    skip: set[int] = field(default_factory=set)  # lines consumed as part of a heading

