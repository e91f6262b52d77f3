"""The walk goals and results share: lines, sentences (glued ones split), figures that are no
policy parameter or place, reference lines skipped, first mentions kept."""

from __future__ import annotations

from extract import figure_scan as F


def _sentences(text: str) -> list[str]:
    return [text[s:e].strip() for line in F.lines(text) for s, e in line.sentences]


def test_glued_news_sentences_are_split() -> None:
    text = ("tỉnh có 280.930 ha đất rừng sản xuất - Ảnh minh họaTrong 592.849 ha, nhiều nhất 1.522 ha."
            "Đối với đất")
    assert _sentences(text) == ["tỉnh có 280.930 ha đất rừng sản xuất - Ảnh minh họa",
                                "Trong 592.849 ha, nhiều nhất 1.522 ha.", "Đối với đất"]


def test_names_with_inner_capitals_and_abbreviations_stay_whole() -> None:
    for text in ("Người dân cài đặt VNeID và dùng eKYC tại TP.HCM.", "Tại Tp.Hồ Chí Minh có iPhone."):
        assert _sentences(text) == [text]


def test_reference_lines_have_no_sentences() -> None:
    text = "- Báo Đồng Nai Lưu trữ ngày 28 tháng 11 năm 2019 tại Wayback Machine\nTỉnh đạt 80%."
    assert _sentences(text) == ["Tỉnh đạt 80%."]


def test_policy_parameters_and_places_are_no_figures() -> None:
    text = "Hỗ trợ 3% ngân sách, triển khai tại 6 huyện, đạt 80% hộ dân."
    masked = F.masked(text)
    found = [text[f.m.start() : f.m.end()] for f in F.sentence_figures(text, masked, 0, len(text))]
    assert found == ["đạt 80%"]


def test_first_mentions_keep_order() -> None:
    assert F.first_mentions([3, 1, 3, 2, 1], lambda x: x) == [3, 1, 2]
