"""The demo corpus shows its relation chain (SPEC §5): 512/QĐ-UBND is replaced by 1085/QĐ-UBND,
which 2766/QĐ-UBND amends and a news page reports, whatever order the files arrive in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from api.service import Service
from core.filters import Filters
from core.settings import Settings

DOCS = Path(__file__).resolve().parents[2] / "corpus" / "docs"
CHAIN = [
    "qd_hatinh_512_2023.txt", "qd_hatinh_1085_2024.txt", "qd_hatinh_2766_2024.txt", "news_hatinh_2024.html",
]


@pytest.mark.parametrize("order", [CHAIN, CHAIN[::-1]], ids=["oldest-first", "newest-first"])
def test_512_replaced_by_1085_amended_by_2766(tmp_path: Path, order: list[str]) -> None:
    svc = Service(Settings(data_dir=tmp_path, today=dt.date(2025, 1, 1)))
    for name in order:
        svc.ingest_file(DOCS / name, source=name, index=False)
    old = svc.show("512/QĐ-UBND")[0]
    assert (old.status.state, old.status.since) == ("expired", "2024-04-05")
    assert [(b.number, b.relation) for b in old.status.by] == [("1085/QĐ-UBND", "replaces")]
    plan = svc.show("1085/QĐ-UBND")[0]
    assert plan.status.state == "in_force"
    assert [a.number for a in plan.status.amended_by] == ["2766/QĐ-UBND"]
    seen = {(r.number, r.relation) for r in plan.referenced_by}
    assert ("2766/QĐ-UBND", "amends") in seen
    assert any(r.kind == "news" and r.relation == "reported" for r in plan.referenced_by)
    news = next(d for d in svc.list_documents(Filters())[0] if d.kind == "news")
    assert news.status is None
