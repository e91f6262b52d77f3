"""The scorer gives no partial credit: a wrong indicator or a truncated assignee is a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.record import Target, Task
from eval import gold as scorer
from eval.matching import same_assignee, same_body, same_indicator, same_target

GOLD_TARGET = {
    "indicator": "tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến",
    "comparator": ">=",
    "value": 75,
    "value_max": None,
    "unit": "%",
    "year": 2025,
}
SENTENCE = "đến năm 2025 tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến đạt tối thiểu 75%"


def target(indicator: str, **kw: object) -> Target:
    fields = {k: v for k, v in GOLD_TARGET.items() if k != "indicator"} | kw
    return Target(text=SENTENCE, indicator=indicator, **fields)  # type: ignore[arg-type]


def test_the_right_indicator_matches_up_to_tone_placement_and_case() -> None:
    assert same_target(GOLD_TARGET, target("Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến"))
    assert same_target(GOLD_TARGET, target("tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến"))


def test_a_garbage_indicator_is_a_miss_even_inside_the_right_sentence() -> None:
    assert not same_target(GOLD_TARGET, target("xyz"))
    assert not same_target(GOLD_TARGET, target(""))


def test_a_half_right_indicator_is_a_miss() -> None:
    assert not same_target(GOLD_TARGET, target("tỷ lệ hồ sơ"))
    assert not same_indicator("tỷ lệ hộ nghèo dân tộc thiểu số", "tỷ lệ hộ nghèo")


def test_an_indicator_swallowing_the_sentence_is_a_miss() -> None:
    long = "các cơ quan phấn đấu đến năm 2025 tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 75% theo"
    assert not same_indicator("tỷ lệ hồ sơ giải quyết trực tuyến", long)


def test_value_comparator_year_unit_must_all_agree() -> None:
    ok = "tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến"
    assert not same_target(GOLD_TARGET, target(ok, value=70))
    assert not same_target(GOLD_TARGET, target(ok, comparator="="))
    assert not same_target(GOLD_TARGET, target(ok, year=2030))
    assert not same_target(GOLD_TARGET, target(ok, unit="người"))


@pytest.mark.parametrize(
    ("gold", "found", "ok"),
    [
        ("Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", True),
        ("Sở Thông tin và Truyền thông", "Sở TT&TT", True),
        ("UBND các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố", True),
        ("Sở Y tế", "Sở Y tế tỉnh Gia Lai", True),
        ("Sở Thông tin và Truyền thông", "Sở", False),
        ("UBND tỉnh Gia Lai", "UBND", False),
        ("Sở Tài chính", "Sở Tài chính và Sở Kế hoạch", False),
        ("Sở Y tế tỉnh Gia Lai", "Sở Y tế tỉnh Kon Tum", False),
    ],
)
def test_assignee_must_name_the_same_body(gold: str, found: str, ok: bool) -> None:
    assert same_body(gold, found) is ok
    assert same_assignee({"assignee": gold}, Task(text="…", assignee=found)) is ok


def test_an_empty_gold_folder_is_an_error_not_a_perfect_score(tmp_path: Path) -> None:
    with pytest.raises(scorer.EmptyGoldError):
        scorer.load_gold(tmp_path)


def test_a_truncated_assignee_lowers_recall() -> None:
    record = {"source": "x", "tasks": [{"assignee": "Sở Thông tin và Truyền thông", "text": "…"}]}
    from core.record import Document

    doc = Document(source="x", text="", tasks=[Task(text="…", assignee="Sở")])
    s = scorer.score(record, doc)
    assert s.prf["task_assignee"].tp == 0 and s.prf["task_assignee"].fn == 1


def test_fields_a_record_does_not_annotate_are_not_scored() -> None:
    from core.record import Document

    record = {"source": "x", "targets": []}
    doc = Document(source="x", text="", targets=[target("tỷ lệ hồ sơ")])
    s = scorer.score(record, doc)
    assert s.prf["targets"].fp == 1
    assert s.prf["signers"].tp + s.prf["signers"].fp + s.prf["signers"].fn == 0


def test_a_targets_only_record_scores_targets_and_shows_the_rest_as_not_annotated() -> None:
    """devx records carry only source/targets/not_targets: nothing else may read as a perfect 1.0."""
    from core.record import Document

    record = {"source": "x", "targets": [GOLD_TARGET], "not_targets": ["đã đạt 60%"]}
    doc = Document(source="x", text="", targets=[target(GOLD_TARGET["indicator"]), target("tỷ lệ", value=60)])
    total = scorer.Score(documents=0)
    total.add(scorer.score(record, doc))
    assert total.scored == {"targets"}
    assert (total.prf["targets"].tp, total.prf["targets"].fp) == (1, 1)
    assert total.achievements_as_targets == 1  # the 60% is one of the annotated non-targets
    rows = {line.split()[0]: line for line in scorer.table({"devx": total}).splitlines()[2:]}
    assert "P 0.50 R 1.00" in rows["targets"] and "not annotated" in rows["signers"]
    assert "not annotated" in rows["number"]


@pytest.mark.parametrize("name", scorer.TARGET_ONLY_SETS)
def test_the_target_only_sets_share_no_document_with_dev_test_or_each_other(name: str) -> None:
    """devx/devy are extra tuning data: a document also in the manifest's dev/test split would leak."""
    records = scorer.load_sets((name,))[name]
    manifest = (scorer.REAL_DIR / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    listed = {"../shared/data/" + row.split("\t")[1] for row in manifest}
    for other in scorer.TARGET_ONLY_SETS:
        if other != name:
            listed |= {r["source"] for r in scorer.load_sets((other,))[other]}
    for record in records:
        assert set(record) - {"_file", "_note"} <= {"source", "targets", "not_targets", "strip_tvpl_metadata",
                                                      "annotated_until"}
        assert record["source"] not in listed
        assert (scorer.ROOT / record["source"]).exists()


def test_goals_past_where_the_annotators_stopped_are_not_scored() -> None:
    """A plan with more goals than were labelled: the unlabelled ones are neither hits nor errors."""
    from core.record import Document

    text = "Mục tiêu: a đạt 1%. b đạt 2%. c đạt 3%."
    record = {"source": "x", "targets": [], "annotated_until": "b  đạt\n2%"}
    found = [target("a", span=(10, 18)), target("b", span=(20, 28)), target("c", span=(30, 38))]
    doc = Document(source="x", text=text, targets=found)
    assert [t.indicator for t in scorer.annotated_targets(record, doc)] == ["a", "b"]
    with pytest.raises(scorer.MissingQuoteError):
        scorer.annotated_targets(record | {"annotated_until": "z đạt 9%"}, Document(source="x", text=text))


def test_an_abbreviation_reads_as_its_words_but_a_garbage_indicator_still_misses() -> None:
    """"TTHC" is "thủ tục hành chính" to any reader; expanding it on both sides changes no verdict
    about a wrong measure."""
    assert same_indicator("tỷ lệ TTHC được thực hiện trực tuyến",
                          "tỷ lệ thủ tục hành chính được thực hiện trực tuyến")
    assert same_indicator("tốc độ tăng GDP", "Tốc độ tăng tổng sản phẩm trong nước (GDP)")
    assert not same_indicator("tỷ lệ TTHC được thực hiện trực tuyến", "xyz")
    assert not same_indicator("tỷ lệ TTHC được thực hiện trực tuyến", "tỷ lệ hộ nghèo")
