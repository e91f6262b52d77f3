"""The demo corpus and the gold set are data other stages are judged by: check that every gold
record is well formed and points at a real file, that the corpus covers what it promises
(formats, provinces, years, relations between documents, traps), that ``corpus/build.py``
reproduces the committed files, and that the scorer gives a perfect record a perfect score."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import get_args

import pdfplumber
import pytest
from docx import Document as DocxDocument

from core.record import (
    Comparator,
    DecisionRef,
    Document,
    DocumentKind,
    Person,
    Relation,
    Signer,
    Target,
    Task,
)
from core.textnorm import match_form
from eval import gold as scorer

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DOCS = CORPUS / "docs"
SHARED = ROOT / ".." / "shared"
RECORDS = scorer.load_gold()
DEMO = [r for r in RECORDS if scorer.subset(r) == "demo"]
REAL = [r for r in RECORDS if scorer.subset(r) == "real"]
REQUIRED = (
    "source",
    "kind",
    "number",
    "issued_on",
    "issuer",
    "province",
    "decisions",
    "signers",
    "targets",
    "tasks",
    "people",
)
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# NUMBER[/YEAR]/TYPE-ISSUER as offices write it (TTg, TTr keep their lower case), or a party
# document's NUMBER-TYPE/BODY (57-NQ/TW).
CANONICAL_NUMBER = re.compile(r"^\d+(/\d{4})?/[A-ZĐ][A-Za-zĐ0-9&-]*$|^\d+-[A-Z]+/[A-Z]+$")


def ids(records: list[dict]) -> list[str]:
    return [r["_file"] for r in records]


def test_gold_set_size() -> None:
    assert len(DEMO) >= 32
    assert len(REAL) >= 8
    assert len(RECORDS) >= 40


@pytest.mark.parametrize("record", RECORDS, ids=ids(RECORDS))
def test_record_is_well_formed(record: dict) -> None:
    for key in REQUIRED:
        assert key in record, key
    assert record["kind"] in get_args(DocumentKind)
    for key in ("issued_on", "published_at"):
        if record.get(key):
            assert ISO.match(record[key]), record[key]
    if record["kind"] == "news":
        assert record["number"] is None and record["issued_on"] is None and record["published_at"]
    # The items must be valid items of the record type, so the scorer compares like with like.
    for d in record["decisions"]:
        DecisionRef(**d)
        assert d["relation"] in get_args(Relation)
        if d["number"]:
            assert CANONICAL_NUMBER.match(d["number"]) and "QD" not in d["number"], d
        if d.get("issued_on"):
            assert ISO.match(d["issued_on"]), d
    for s in record["signers"]:
        Signer(**s)
    for p in record["people"]:
        Person(**p)
    for t in record["targets"]:
        Target(text="", **t)
        assert t["comparator"] in get_args(Comparator)
        assert (t["comparator"] == "range") == (t.get("value_max") is not None), t
        assert t["unit"] and t["year"], t
    for t in record["tasks"]:
        Task(text=t.get("text") or "", assignee=t.get("assignee"), deadline=t.get("deadline"))
    assert isinstance(record.get("not_targets", []), list)


@pytest.mark.parametrize("record", RECORDS, ids=ids(RECORDS))
def test_self_decision_agrees_with_identity(record: dict) -> None:
    selves = [d for d in record["decisions"] if d["relation"] == "self"]
    if record["number"] is None:
        assert not selves
        return
    assert len(selves) == 1
    assert selves[0]["number"] == record["number"]
    assert selves[0]["issued_on"] == record["issued_on"]
    numbers = [d["number"] for d in record["decisions"] if d["number"]]
    assert len(numbers) == len(set(numbers)), "one entry per distinct document"


@pytest.mark.parametrize("record", RECORDS, ids=ids(RECORDS))
def test_source_exists(record: dict) -> None:
    if scorer.subset(record) == "real" and not SHARED.exists():
        pytest.skip("../shared is not beside the repository")
    assert (ROOT / record["source"]).is_file(), record["source"]


def test_every_demo_document_has_exactly_one_gold_record() -> None:
    sources = sorted(r["source"] for r in DEMO)
    assert sources == sorted(f"corpus/docs/{p.name}" for p in DOCS.iterdir())
    assert len({p.stem for p in DOCS.iterdir()}) == len(list(DOCS.iterdir()))


def test_corpus_covers_provinces_years_kinds_and_formats() -> None:
    assert len(list(DOCS.iterdir())) >= 30
    assert len({r["province"] for r in DEMO}) >= 6
    years = {int((r.get("issued_on") or r.get("published_at"))[:4]) for r in DEMO}
    assert set(range(2020, 2026)) <= years
    assert {r["kind"] for r in DEMO} >= {
        "decision",
        "resolution",
        "plan",
        "official_letter",
        "report",
        "news",
    }
    formats = [r["format"] for r in DEMO]
    assert formats.count("html") >= 4
    assert {"txt", "docx", "pdf", "scan", "cp1258", "utf16", "tcvn3"} <= set(formats)


def test_corpus_documents_refer_to_each_other() -> None:
    """Replaces, amends, basis and reported links between our own documents, so lookups by
    number and the 'what cites this' view have something to show."""
    own = {r["number"] for r in DEMO if r["number"]}
    links = {
        d["relation"] for r in DEMO for d in r["decisions"] if d["number"] in own and d["relation"] != "self"
    }
    assert {"replaces", "amends", "basis", "reported", "cites"} <= links


def test_traps_are_annotated_and_not_targets() -> None:
    """Each trap phrase is really in its document and is not also listed as a goal."""
    with_traps = [r for r in DEMO if r.get("not_targets")]
    assert len(with_traps) >= 20
    for r in with_traps:
        if r["format"] != "txt":
            continue
        text = match_form((ROOT / r["source"]).read_text(encoding="utf-8"))
        for trap in r["not_targets"]:
            assert match_form(trap) in text, (r["source"], trap)


def test_html_pages_carry_boilerplate_to_strip() -> None:
    pages = [r for r in DEMO if r["format"] == "html"]
    for r in pages:
        raw = (ROOT / r["source"]).read_text(encoding="utf-8")
        assert "<nav" in raw and "Tin liên quan" in raw and "Lượt truy cập" in raw and "<footer" in raw
        assert r["text_must_not_contain"]
        for phrase in r["text_must_not_contain"]:
            assert phrase in raw, phrase  # the trap exists, so the reader is really tested
        assert re.search(r"\d+/(QĐ|KH|NQ)-", raw.split("Tin liên quan", 1)[1]), "numbers in the sidebar"


def test_legacy_encodings_round_trip() -> None:
    src = (CORPUS / "src" / "qd_lamdong_1402_2022.txt").read_text(encoding="utf-8")
    raw = (DOCS / "qd_lamdong_1402_2022.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    decoded = raw.decode("cp1258")
    assert decoded != unicodedata.normalize("NFC", decoded), "tone marks are combining in cp1258"
    assert unicodedata.normalize("NFC", decoded) == src
    utf16 = (DOCS / "bc_lamdong_215_2023.txt").read_bytes()
    assert utf16[:2] == b"\xff\xfe"
    assert utf16.decode("utf-16") == (CORPUS / "src" / "bc_lamdong_215_2023.txt").read_text(encoding="utf-8")


def test_tcvn3_passage_converts_back() -> None:
    from ingest import legacy

    text = (DOCS / "cv_haiduong_1733_2021.txt").read_text(encoding="utf-8")
    src = (CORPUS / "src" / "cv_haiduong_1733_2021.txt").read_text(encoding="utf-8")
    mojibake = next(p for p in text.split("\n\n") if p.startswith("2. V"))
    assert "søc kháe" in mojibake
    assert legacy.fix(mojibake) in src


def test_pdf_has_text_and_scan_has_none() -> None:
    with pdfplumber.open(DOCS / "qd_quangbinh_876_2022.pdf") as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        assert "876/QĐ-UBND" in text and "Trương Công Phúc" in text and len(pdf.pages) >= 2
    with pdfplumber.open(DOCS / "cv_quangbinh_1520_2023.pdf") as pdf:
        assert all(not (page.extract_text() or "").strip() for page in pdf.pages)
        assert all(page.images for page in pdf.pages)


def test_docx_header_is_a_two_column_table() -> None:
    doc = DocxDocument(str(DOCS / "qd_nghean_2890_2021.docx"))
    left, right = doc.tables[0].rows[0].cells
    assert "Số: 2890/QĐ-UBND" in left.text and "TỈNH NGHỆ AN" in left.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right.text and "ngày 20 tháng 8 năm 2021" in right.text


def test_build_reproduces_the_committed_documents(tmp_path: Path) -> None:
    """Deterministic output: a fresh build equals corpus/docs byte for byte (and writes nothing
    there), and a second build over it changes nothing."""
    sys.path.insert(0, str(CORPUS))
    try:
        import build
    finally:
        sys.path.remove(str(CORPUS))
    written = build.build(tmp_path)
    assert sorted(written) == sorted(p.name for p in DOCS.iterdir())
    for path in DOCS.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), f"{path.name}: run corpus/build.py"
    assert build.build(tmp_path) == []


# ---- the scorer ----------------------------------------------------------------------------


def as_document(record: dict) -> Document:
    """What a perfect pipeline would return for a gold record."""
    return Document(
        source=record["source"],
        kind=record["kind"],
        number=record["number"],
        issued_on=record["issued_on"],
        issuer=record["issuer"],
        province=record["province"],
        published_at=record.get("published_at"),
        decisions=[DecisionRef(**d) for d in record["decisions"]],
        signers=[Signer(**s) for s in record["signers"]],
        targets=[Target(text=t["indicator"], **t) for t in record["targets"]],
        tasks=[
            Task(text=t.get("text") or "", assignee=t.get("assignee"), deadline=t.get("deadline"))
            for t in record["tasks"]
        ],
        people=[Person(**p) for p in record["people"]],
    )


@pytest.mark.parametrize("record", RECORDS, ids=ids(RECORDS))
def test_scorer_gives_a_perfect_extraction_full_marks(record: dict) -> None:
    s = scorer.score(record, as_document(record))
    for name, c in s.prf.items():
        assert (c.fp, c.fn) == (0, 0), (name, s.misses)
    assert s.correct == s.total, s.misses
    assert s.achievements_as_targets == 0


def test_scorer_counts_an_achievement_reported_as_target() -> None:
    record = next(r for r in DEMO if r["source"].endswith("qd_hatinh_1085_2024.txt"))
    doc = as_document(record)
    doc.targets.append(
        Target(
            text="tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình của tỉnh đã đạt 81%",
            comparator="=",
            value=81,
            unit="%",
            year=2023,
        )
    )
    doc.targets.append(
        Target(text="doanh nghiệp công nghệ số", comparator="=", value=1246, unit="doanh nghiệp")
    )
    s = scorer.score(record, doc)
    assert s.achievements_as_targets == 2
    assert s.prf["targets"].fp == 2 and s.prf["targets"].fn == 0


def test_scorer_tolerates_tone_placement_and_number_spacing() -> None:
    record = next(r for r in DEMO if r["source"].endswith("qd_thanhhoa_3567_2024.txt"))
    doc = as_document(record)
    doc.province = "Thanh Hoá"
    doc.number = "3567 /QĐ-UBND"
    doc.signers = [Signer(name="ĐỖ MINH CHÂU")]
    s = scorer.score(record, doc)
    assert s.correct["province"] == s.correct["number"] == 1
    assert s.prf["signers"].tp == 1


def test_scorer_scores_an_empty_extraction_as_misses() -> None:
    record = next(r for r in DEMO if r["source"].endswith("nq_hatinh_18_2023.txt"))
    s = scorer.score(record, Document(source=record["source"]))
    assert s.prf["targets"].r == 0 and s.prf["targets"].p == 0
    assert s.prf["decisions"].fn == len(record["decisions"])
    failed = scorer.score(record, None)
    assert failed.correct["number"] == 0 and failed.prf["signers"].fn == 1


def test_scorer_json_shape(tmp_path: Path) -> None:
    totals = {
        "all": scorer.Score(documents=0),
        "demo": scorer.Score(documents=0),
        "real": scorer.Score(documents=0),
    }
    for record in DEMO[:3]:
        s = scorer.score(record, as_document(record))
        totals["all"].add(s)
        totals["demo"].add(s)
    metrics = totals["all"].to_json()
    assert metrics["targets"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "n": metrics["targets"]["n"]}
    assert metrics["number"]["accuracy"] == 1.0 and metrics["documents"] == 3
    assert "decisions" in scorer.table(totals)
    json.dumps({"gold": metrics})


def test_scorer_runs_the_real_pipeline(tmp_path: Path) -> None:
    out = tmp_path / "gold.json"
    assert scorer.main(["--set", "demo", "--only", "corpus/docs/qd_hatinh_1085", "--json", str(out)]) == 0
    metrics = json.loads(out.read_text(encoding="utf-8"))["gold"]["demo"]
    assert metrics["documents"] == 1 and metrics["failures"] == 0
    assert metrics["number"]["accuracy"] == 1.0


def vn_number(value: float) -> str:
    """How our sources write a number: 1.400, 12,5, 200.000."""
    whole, _, frac = f"{value:g}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped + ("," + frac if frac else "")


@pytest.mark.parametrize("record", DEMO, ids=ids(DEMO))
def test_annotations_are_grounded_in_the_source(record: dict) -> None:
    """Every number, name, assignee and goal value in a demo record is written in its source, so
    a typo in the gold cannot pass for an extraction error."""
    stem = Path(record["source"]).stem
    text = match_form((CORPUS / "src" / f"{stem}.txt").read_text(encoding="utf-8"))
    flat = re.sub(r"\s+", "", text)
    for d in record["decisions"]:
        if d["number"]:
            assert match_form(d["number"]) in flat, d["number"]
    for p in record["people"] + record["signers"]:
        assert match_form(p["name"]) in text, p["name"]
    for t in record["tasks"]:
        if t["assignee"]:
            assert match_form(t["assignee"]) in text, t["assignee"]
    for t in record["targets"]:
        for v in (t["value"], t["value_max"]):
            if v is not None:
                assert vn_number(v) in text, (t, vn_number(v))
    if record["kind"] != "news":
        assert match_form(record["title"]) in re.sub(r"\s+", " ", text), record["title"]
