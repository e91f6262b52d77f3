"""Find a quoted phrase in a document's text, tolerantly, and give back its character span.

Annotators quote a target or a task as they read it ("đạt tối thiểu 75 %", a line break
turned into a space, a dropped accent, a typographic quote); an item that carries no span (the
document's own ``self`` decision) is found by its number. Both searches compare the *skeleton*
of the two strings: accent-folded, lower case, letters, digits and ``%`` only. ``core.textnorm.fold``
keeps one character per NFC character, so every skeleton character maps back to one offset of
the original text and a hit is an exact ``[start, end)`` there.

When the whole quote is not there (the annotator shortened or re-typed a middle part), its
head and its tail are searched, and the span runs from the head to the tail.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from core.record import Span
from core.textnorm import fold, nfc

# Head/tail of a quote searched when the whole is not found, in skeleton characters: long
# enough not to hit a common phrase by chance, short enough to survive an edited middle.
PART_CHARS = 24
# A head-to-tail match may be at most this much longer than the quote (skeleton characters).
MAX_STRETCH = 1.5
# Signs that belong to a figure and so to the skeleton ('80 %' ends at '%', not at '80').
KEPT_SIGNS = frozenset("%‰")


def _kept(c: str) -> bool:
    return c.isalnum() or c in KEPT_SIGNS


@dataclass(frozen=True)
class Skeleton:
    """A text's letters and digits, folded, with each one's offset in the original text."""

    chars: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Skeleton:
        folded = fold(text) if nfc(text) == text else _fold_keep_length(text)
        keep = [(c, i) for i, c in enumerate(folded) if _kept(c)]
        return cls("".join(c for c, _ in keep), tuple(i for _, i in keep))

    def span(self, start: int, end: int) -> Span:
        """Original-text span of skeleton characters ``[start, end)``."""
        return (self.offsets[start], self.offsets[end - 1] + 1)


def _fold_keep_length(text: str) -> str:
    # A text that is not NFC: fold per character so offsets stay those of the text given.
    return "".join(fold(c)[:1] or c for c in text)


def skeleton_of(phrase: str) -> str:
    return "".join(c for c in fold(phrase) if _kept(c))


def _find_from(hay: str, needle: str, start: int) -> int:
    """First hit at or after ``start``, else the first hit before it (-1 when none)."""
    hit = hay.find(needle, start)
    return hit if hit >= 0 else hay.find(needle)


def find_quote(skel: Skeleton, quote: str, start: int = 0, last: bool = False) -> Span | None:
    """Span of ``quote`` in the text of ``skel``: the first hit from ``start`` (document order
    of the items being located) or the last one (a signature sits at the end)."""
    needle = skeleton_of(quote)
    if not needle:
        return None
    pos = skel.chars.rfind(needle) if last else _find_from(skel.chars, needle, _skel_index(skel, start))
    if pos >= 0:
        return skel.span(pos, pos + len(needle))
    if len(needle) < 2 * PART_CHARS:
        return None
    head, tail = needle[:PART_CHARS], needle[-PART_CHARS:]
    h = _find_from(skel.chars, head, _skel_index(skel, start))
    if h < 0:
        return None
    t = skel.chars.find(tail, h + len(head))
    if t >= 0 and t + len(tail) - h <= MAX_STRETCH * len(needle):
        return skel.span(h, t + len(tail))
    return skel.span(h, min(h + len(needle), len(skel.chars)))


def _skel_index(skel: Skeleton, offset: int) -> int:
    """First skeleton position at or after text offset ``offset``."""
    return bisect_left(skel.offsets, offset)
