"""The store against a real SQLite file, and PostgreSQL when CI provides one."""

import pytest

from core.filters import Filters
from core.record import Achievement, DecisionRef, Document, Target, document_id
from store.db import session_factory
from store.repository import Repository, number_key


@pytest.fixture
def repo(store_settings):
    r = Repository(session_factory(store_settings))
    for doc_id in r.ids():
        r.delete(doc_id)
    return r


def make_doc(text: str, number: str | None = "12/QĐ-UBND", source: str = "a.txt", **kw) -> Document:
    return Document(id=document_id(text), source=source, text=text, number=number, kind="decision",
                    issued_on="2024-05-02", province="Hà Tĩnh", issuer="UBND tỉnh Hà Tĩnh", **kw)


def test_reingest_is_noop_and_change_replaces(repo):
    d1 = make_doc("Quyết định một")
    assert repo.save(d1, "k").status == "ingested"
    assert repo.save(d1, "k").status == "unchanged"
    d2 = make_doc("Quyết định một, bản sửa")
    res = repo.save(d2, "k")
    assert (res.status, res.replaced_id) == ("replaced", d1.id)
    assert repo.ids() == {d2.id}
    assert repo.get(d2.id).text == "Quyết định một, bản sửa"


def test_number_lookup_and_citations(repo):
    base = make_doc("Nghị quyết", number="18/2023/NQ-HĐND", source="nq.txt")
    dec = make_doc("Quyết định căn cứ", source="qd.txt", decisions=[
        DecisionRef(number="12/QĐ-UBND", relation="self"),
        DecisionRef(number="18/2023/NQ-HĐND", relation="basis", span=(3, 20)),
    ])
    repo.save(base, "nq")
    repo.save(dec, "qd")
    assert [d.id for d in repo.by_number("18/2023/nq-hđnd")] == [base.id]
    assert [d.id for d in repo.by_number("12/QD-UBND")] == [dec.id]  # QD spelling
    cited = repo.citing("18/2023/NQ-HĐND")
    assert [(d.id, ref["relation"]) for d, ref in cited] == [(dec.id, "basis")]


def test_items_filtered_by_target_year_and_text(repo):
    doc = make_doc("Kế hoạch", targets=[
        Target(text="t1", indicator="tỷ lệ hồ sơ trực tuyến", comparator=">=", value=80, unit="%", year=2025),
        Target(text="t2", indicator="kinh tế số", comparator="=", value=20, unit="%", year=2030),
    ])
    repo.save(doc, "kh")
    assert len(repo.items("target", Filters())) == 2
    hits = repo.items("target", Filters(year_to=2025))
    assert [h.data["year"] for h in hits] == [2025]
    assert len(repo.items("target", Filters(province="ha tinh"), text="ho so truc tuyen")) == 1
    assert repo.items("target", Filters(province="Nghệ An")) == []


def test_achievements_are_stored_as_items_and_read_back(repo):
    doc = make_doc("Báo cáo", achievements=[
        Achievement(text="năm 2023 kinh tế số ước đạt khoảng 7,2% GRDP", indicator="kinh tế số",
                    value=7.2, unit="%", year=2023, span=(0, 44)),
    ], targets=[Target(text="t", indicator="kinh tế số", comparator="=", value=20, unit="%", year=2025)])
    repo.save(doc, "bc")
    assert repo.get(doc.id).achievements == doc.achievements
    assert [h.data["value"] for h in repo.items("achievement", Filters(year_to=2023))] == [7.2]
    assert repo.items("achievement", Filters(year_from=2024)) == []
    assert [h.data["value"] for h in repo.items("target", Filters())] == [20]


def test_failed_transaction_leaves_nothing(repo, monkeypatch):
    doc = make_doc("Tài liệu lỗi")

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Repository, "_to_row", staticmethod(boom))
    with pytest.raises(RuntimeError):
        repo.save(doc, "x")
    assert repo.count() == 0


def test_number_key_folds_spelling():
    assert number_key("2151/QĐ-UBND") == number_key("2151/qd-ubnd") == number_key("2151 / Qđ-UBND")
