"""Legal status (SPEC §5) derived from the whole store: one test per rule, on a real SQLite file
and on PostgreSQL when CI provides one (``VANBAN_TEST_PG_URL``)."""

import datetime as dt

import pytest

from core.filters import Filters
from core.record import DecisionRef, Document, document_id
from store.db import session_factory
from store.repository import Repository


@pytest.fixture
def sessions(store_settings):
    factory = session_factory(store_settings)
    repo = Repository(factory)
    for doc_id in repo.ids():
        repo.delete(doc_id)
    return factory


def at(sessions, day: str) -> Repository:
    """The store as seen on ``day``."""
    return Repository(sessions, today=lambda: dt.date.fromisoformat(day))


HT = "UBND tỉnh Hà Tĩnh"


def doc(number: str | None, issued_on: str | None, effective_from: str | None = None, kind: str = "decision",
        refs: tuple[tuple[str, str], ...] = (), issuer: str | None = HT, **ref_extra) -> Document:
    text = f"{kind} {number} {issued_on} {effective_from} {refs} {issuer}"
    own = number and kind != "news"
    decisions = [DecisionRef(number=number, relation="self", issuer=issuer)] if own else []
    decisions += [DecisionRef(number=n, relation=rel, issuer=HT, span=(0, 5), **ref_extra)  # type: ignore[arg-type]
                  for n, rel in refs]
    return Document(id=document_id(text), source=f"{document_id(text)}.txt", text=text, number=number,
                    kind=kind, issued_on=issued_on, effective_from=effective_from, issuer=issuer,  # type: ignore[arg-type]
                    province="Hà Tĩnh", decisions=decisions)


def status(repo: Repository, d: Document) -> dict | None:
    got = repo.relations.annotate([repo.get(d.id)])[0]
    return got.status.model_dump() if got.status else None


OLD = doc("100/QĐ-UBND", "2023-01-10", "2023-01-10")
NEW = doc("200/QĐ-UBND", "2024-03-15", "2024-05-01", refs=(("100/QĐ-UBND", "replaces"),))


def save(sessions, *docs: Document) -> None:
    repo = Repository(sessions)
    for d in docs:
        repo.save(d, d.source)


def test_replacement_takes_effect_on_the_replacing_documents_effective_from(sessions):
    save(sessions, OLD, NEW)
    signed_not_effective = status(at(sessions, "2024-04-01"), OLD)
    assert signed_not_effective["state"] == "in_force"
    after = status(at(sessions, "2024-06-01"), OLD)
    assert (after["state"], after["since"]) == ("expired", "2024-05-01")
    assert after["label"] == "Hết hiệu lực toàn bộ"
    assert [(b["number"], b["relation"], b["document_id"]) for b in after["by"]] == [
        ("200/QĐ-UBND", "replaces", NEW.id)]
    assert status(at(sessions, "2024-06-01"), NEW)["state"] == "in_force"


def test_any_arrival_order_gives_the_same_status(sessions):
    save(sessions, NEW, OLD)  # the replacing document first
    assert status(at(sessions, "2024-06-01"), OLD)["state"] == "expired"


def test_whole_repeal_expires(sessions):
    rep = doc("400/QĐ-UBND", "2024-08-01", "2024-08-01", refs=(("100/QĐ-UBND", "repeals"),), scope="whole")
    save(sessions, OLD, rep)
    st = status(at(sessions, "2024-09-01"), OLD)
    assert (st["state"], st["since"], st["by"][0]["relation"]) == ("expired", "2024-08-01", "repeals")


def test_partial_repeal_gives_partly_expired_with_the_parts(sessions):
    rep = doc("400/QĐ-UBND", "2024-08-01", "2024-08-01", refs=(("100/QĐ-UBND", "repeals"),),
              scope="part", parts="khoản 2 Điều 3")
    save(sessions, OLD, rep)
    st = status(at(sessions, "2024-09-01"), OLD)
    assert (st["state"], st["since"]) == ("partly_expired", "2024-08-01")
    assert st["label"] == "Hết hiệu lực một phần"
    assert st["by"][0]["parts"] == "khoản 2 Điều 3"


def test_amendment_leaves_in_force_with_amended_by(sessions):
    amend = doc("300/QĐ-UBND", "2024-05-20", "2024-06-10", refs=(("100/QĐ-UBND", "amends"),))
    save(sessions, OLD, amend)
    st = status(at(sessions, "2024-09-01"), OLD)
    assert st["state"] == "in_force"
    assert st["amended_by"] == [
        {"number": "300/QĐ-UBND", "document_id": amend.id, "effective_from": "2024-06-10"}]


def test_future_effective_from_is_not_yet_in_force(sessions):
    later = doc("500/QĐ-UBND", "2024-09-01", "2099-01-01")
    save(sessions, later)
    st = status(at(sessions, "2024-09-02"), later)
    assert (st["state"], st["label"], st["since"]) == ("not_yet_in_force", "Chưa có hiệu lực", "2099-01-01")
    assert status(at(sessions, "2099-01-01"), later)["state"] == "in_force"


def test_plan_for_a_past_year_is_not_expired(sessions):
    plan = doc("512/KH-UBND", "2023-02-20", None, kind="plan")  # "Kế hoạch … năm 2023"
    save(sessions, plan)
    assert status(at(sessions, "2026-01-01"), plan)["state"] == "in_force"


def test_news_reports_but_never_decides_and_has_no_status(sessions):
    news = doc(None, None, kind="news", refs=(("100/QĐ-UBND", "replaces"), ("100/QĐ-UBND", "reported")))
    news = news.model_copy(update={"decisions": [DecisionRef(number="100/QĐ-UBND", relation="reported",
                                                             issuer="UBND tỉnh Hà Tĩnh", span=(0, 5))]})
    news_replaces = doc(None, "2024-01-01", kind="news", refs=(("100/QĐ-UBND", "replaces"),), issuer=None)
    save(sessions, OLD, news, news_replaces)
    repo = at(sessions, "2024-06-01")
    got = repo.relations.annotate([repo.get(OLD.id)])[0]
    assert got.status.state == "in_force"
    assert {(r.document_id, r.relation) for r in got.referenced_by} == {(news.id, "reported"),
                                                                         (news_replaces.id, "replaces")}
    assert status(repo, news) is None


def test_removing_a_document_recomputes_what_it_affected(sessions):
    save(sessions, OLD, NEW)
    repo = at(sessions, "2024-06-01")
    assert status(repo, OLD)["state"] == "expired"
    repo.delete(NEW.id)
    assert status(repo, OLD)["state"] == "in_force"
    assert repo.relations.annotate([repo.get(OLD.id)])[0].referenced_by == []


def test_same_number_of_another_issuer_is_not_affected(sessions):
    other = doc("100/QĐ-UBND", "2023-03-01", "2023-03-01", issuer="UBND tỉnh Nghệ An")
    save(sessions, OLD, other, NEW)
    repo = at(sessions, "2024-06-01")
    assert status(repo, OLD)["state"] == "expired"
    assert status(repo, other)["state"] == "in_force"


def test_no_date_and_no_relation_is_unknown(sessions):
    bare = doc("7/QĐ-UBND", None, None)
    save(sessions, bare)
    assert status(at(sessions, "2024-06-01"), bare)["state"] == "unknown"


def test_status_filter_lists_documents_in_one_state(sessions):
    save(sessions, OLD, NEW, doc("500/QĐ-UBND", "2024-09-01", "2099-01-01"))
    repo = at(sessions, "2024-06-01")
    assert [d.number for d in repo.list(Filters(status="expired"))[0]] == ["100/QĐ-UBND"]
    assert [d.number for d in repo.list(Filters(status="not_yet_in_force"))[0]] == ["500/QĐ-UBND"]
    assert repo.relations.states()[NEW.id] == "in_force"


def test_stub_for_a_number_known_only_from_citations(sessions):
    rep = doc("400/QĐ-UBND", "2024-08-01", "2024-08-01", refs=(("1203/QĐ-UBND", "repeals"),), scope="whole")
    save(sessions, rep)
    repo = at(sessions, "2024-09-01")
    stub = repo.relations.stub("1203/qd-ubnd")
    assert stub["stored"] is False
    assert (stub["number"], stub["issuer"]) == ("1203/QĐ-UBND", "UBND tỉnh Hà Tĩnh")
    assert stub["status"]["state"] == "expired"
    assert stub["status"]["by"][0]["number"] == "400/QĐ-UBND"
    out = repo.relations.annotate([repo.get(rep.id)])[0]
    ref = next(r for r in out.decisions if r.number == "1203/QĐ-UBND")
    assert ref.model_dump()["stored"] is False
    assert repo.relations.stub("999/QĐ-UBND") is None


def test_nearest_numbers_for_a_number_not_stored(sessions):
    save(sessions, OLD, NEW, doc("3125/QĐ-UBND", "2024-01-01"), doc("3120/KH-UBND", "2024-01-01"))
    near = Repository(sessions).relations.nearest_numbers("3120/QĐ-UBND")
    assert near[0] == "3125/QĐ-UBND" and "3120/KH-UBND" in near
