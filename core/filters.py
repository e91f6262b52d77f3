"""The filters every listing shares (search, documents, targets, tasks, exports).

Matching is accent- and case-insensitive, because users type `ha tinh` for `Hà Tĩnh` and
`UBND` for `Ủy ban nhân dân`.
"""

from __future__ import annotations

from pydantic import BaseModel

from core.textnorm import fold


class Filters(BaseModel):
    kind: str | None = None
    issuer: str | None = None
    province: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    # SPEC §5 state (in_force, expired, …): derived from the store, so the store applies it
    # (``matches`` cannot: it sees one document)
    status: str | None = None

    def is_empty(self) -> bool:
        return not any(v is not None for v in self.model_dump().values())

    def matches(self, *, kind: str | None, issuer: str | None, province: str | None,
                year: int | None) -> bool:
        if self.kind and kind != self.kind:
            return False
        if self.issuer and not _contains(issuer, self.issuer):
            return False
        if self.province and not _contains(province, self.province):
            return False
        if self.year_from is not None and (year is None or year < self.year_from):
            return False
        return not (self.year_to is not None and (year is None or year > self.year_to))


def _contains(value: str | None, wanted: str) -> bool:
    if not value:
        return False
    return " ".join(fold(wanted).split()) in " ".join(fold(value).split())


def year_of(iso: str | None) -> int | None:
    """Year of an ISO date or partial date (`2024-05-02`, `2024-05`, `2024`)."""
    if iso and len(iso) >= 4 and iso[:4].isdigit():
        return int(iso[:4])
    return None
