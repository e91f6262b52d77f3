"""People, organisations and places: the samples' people exactly, title shapes, tone-mark
variants of one place, and NER never reading document numbers or dates as places."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from core.record import Document, Signer
from core.textnorm import clean
from extract import entities
from extract.entities import find_locations, find_organizations, find_people
from extract.nlp import ner

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SAMPLES = SHARED / "samples"


@pytest.mark.parametrize("name", ["news_haiduong_2023", "news_hatinh_2021", "qd_nghean_example"])
def test_samples_people_match_expected(name: str) -> None:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    got = entities.apply(Document(source=name, text=text), use_ner=False).people
    assert [(p.name, p.title) for p in got] == [(p["name"], p["title"]) for p in expected["people"]]


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        ("Phó Chủ tịch UBND tỉnh Hà Tĩnh Đặng Ngọc Sơn làm tổ trưởng.", "Đặng Ngọc Sơn",
         "Phó Chủ tịch UBND tỉnh Hà Tĩnh"),
        ("1. Ông Hoàng Minh Đức, Chủ tịch UBND tỉnh - Trưởng ban;", "Hoàng Minh Đức", "Chủ tịch UBND tỉnh"),
        ("gồm các ông: Đỗ Công Anh - Phó Cục trưởng Cục Tin học hóa, Bộ Thông tin và Truyền thông "
         "(Bộ Thông tin và Truyền thông);", "Đỗ Công Anh",
         "Phó Cục trưởng Cục Tin học hóa, Bộ Thông tin và Truyền thông"),
        ("Trần Huy Oánh - Phó Giám đốc Sở NN&PTNT, Chánh Văn phòng Điều phối nông thôn mới tỉnh.",
         "Trần Huy Oánh", "Phó Giám đốc Sở NN&PTNT"),
        ("Đồng chí Triệu Thế Hùng, Phó Bí thư Tỉnh uỷ, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo chủ trì.",
         "Triệu Thế Hùng", "Phó Bí thư Tỉnh uỷ, Chủ tịch UBND tỉnh"),
        ("Chị Lê Thị Hiền (thôn Quan Nam) sử dụng smartphone.", "Lê Thị Hiền", None),
        ("Phó Chủ tịch UBND tỉnh Nguyễn Thị Lan Anh dự họp.", "Nguyễn Thị Lan Anh", "Phó Chủ tịch UBND tỉnh"),
    ],
)
def test_title_shapes(sentence: str, name: str, title: str | None) -> None:
    assert [(p.name, p.title) for p in find_people(sentence)] == [(name, title)]


def test_places_and_bodies_that_look_like_names_are_not_people() -> None:
    text = "Đoàn công tác làm việc tại Hà Tĩnh và Hồ Chí Minh; Lâm Đồng, Cao Bằng gửi báo cáo."
    assert find_people(text) == []


def test_signers_join_people_without_duplicates() -> None:
    doc = Document(source="x", text="1. Ông Hoàng Minh Đức, Chủ tịch UBND tỉnh - Trưởng ban;",
                   signers=[Signer(name="Hoàng Minh Đức", title="Chủ tịch UBND tỉnh Nghệ An"),
                            Signer(name="Lê Ngọc Minh", title="Phó Chủ tịch UBND tỉnh Hà Tĩnh")])
    got = entities.apply(doc, use_ner=False).people
    assert [(p.name, p.title) for p in got] == [("Hoàng Minh Đức", "Chủ tịch UBND tỉnh"),
                                                ("Lê Ngọc Minh", "Phó Chủ tịch UBND tỉnh Hà Tĩnh")]


def test_organizations_end_at_the_verb_and_drop_a_trailing_name() -> None:
    text = ("Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Kế hoạch và Đầu tư. "
            "Chủ tịch UBND tỉnh Hà Tĩnh Võ Trọng Hải vừa ký quyết định. Giám đốc Sở Y tế cho biết.")
    assert find_organizations(text) == ["Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư",
                                        "UBND tỉnh Hà Tĩnh", "Sở Y tế"]


def test_tone_mark_variants_are_one_place_and_aliases_are_canonical() -> None:
    text = "Tỉnh Thanh Hoá phối hợp với Thanh Hóa và TP.HCM; xã Hồng Lộc, huyện Lộc Hà."
    places, _ = find_locations(text, use_ner=False)
    assert places == ["Thanh Hóa", "Hồ Chí Minh", "Hồng Lộc", "Lộc Hà"]


@pytest.fixture(scope="module")
def warm_ner() -> None:
    ner("Khởi động mô hình tại Hà Nội.")  # the model loads once per process


@pytest.mark.slow
def test_ner_never_reads_document_numbers_or_dates_as_places(warm_ner: None) -> None:
    text = ("Chủ tịch tỉnh vừa ký Quyết định 2151/QĐ-UBND ngày 24/5/2021 về việc thành lập tổ công tác "
            "tại thôn Quan Nam, Lộc Hà.")
    places, _ = find_locations(text)
    assert not any("QĐ" in p or "2021" in p or "24/5" in p for p in places)
    assert "Quan Nam" in places


@pytest.mark.slow
def test_ner_adds_an_untitled_place_the_rules_do_not_know(warm_ner: None) -> None:
    text = "Chị Lê Thị Hiền ở Lộc Hà, Hà Tĩnh dùng điện thoại thông minh để tưới vườn."
    places, _ = find_locations(text)
    assert "Hà Tĩnh" in places and "Lộc Hà" in places


@pytest.mark.slow
def test_twenty_page_document_stays_under_a_second(warm_ner: None) -> None:
    path = SHARED / "data" / "tvpl" / "74e2ddc7b11340da.md"  # 77k characters, ~20 pages
    doc = Document(source=path.name, text=clean(path.read_text(encoding="utf-8")))
    start = time.process_time()
    entities.apply(doc)
    assert time.process_time() - start < 1.0


def test_numbered_member_with_title_before_and_role_after() -> None:
    text = "7. Vụ trưởng Vụ Cải cách hành chính, Bộ Nội vụ Phạm Minh Hùng, Thư ký Tổ Công tác."
    assert [(p.name, p.title) for p in find_people(text)] == [
        ("Phạm Minh Hùng", "Vụ trưởng Vụ Cải cách hành chính, Bộ Nội vụ")]


def test_common_nouns_document_numbers_and_verbs_are_not_organizations() -> None:
    text = ("Số: 3120/QĐ-UBND\nNghệ An, ngày 18 tháng 10 năm 2022\n"
            "Chính phủ quy định chi tiết về Sở hữu trí tuệ; Bộ phận Một cửa tiếp nhận hồ sơ; "
            "Bộ điện thoại được trao. Ban Chỉ đạo Triệu Thế Hùng ghi nhận. Cục Thuế nhận hồ sơ.")
    assert find_organizations(text) == ["Chính phủ", "Ban Chỉ đạo", "Cục Thuế"]
