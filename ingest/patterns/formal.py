"""Lines that mark a formal administrative document (its national motto header), so readers do
not treat its first line as a news headline. Matched case-insensitively on NFC text, with any
tone placement (``HÒA``/``HOÀ``) allowed by the character classes."""

from __future__ import annotations

MARKERS: list[str] = [
    r"c[ộô]ng h[òo][àa]? x[ãa] h[ộô]i ch[ủu] ngh[ĩi]a vi[ệe]t nam",
    r"đ[ộô]c l[ậa]p\s*-\s*t[ựu] do\s*-\s*h[ạa]nh ph[úu]c",
]
# How many lines from the top the header is looked for.
SEARCH_LINES = 30
