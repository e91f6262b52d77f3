"""extract.indicators + lexicon.indicators: canonical measures by rule (SPEC §5, issue 14)."""

from __future__ import annotations

import pytest

from core.record import Achievement, Document, Target
from extract.indicators import apply, normalize, resolve, slug


@pytest.mark.parametrize("phrase", [
    "Tỷ trọng kinh tế số trong GRDP của tỉnh",
    "kinh tế số chiếm tỷ trọng GRDP",
    "giá trị kinh tế số chiếm tỷ trọng GRDP",
    "tỉ trọng kinh tế số trong tổng sản phẩm trên địa bàn",  # tỉ / tỷ
    "TỶ TRỌNG KINH TẾ SỐ TRONG GRDP",
    "Tỷ trọng kinh tế số trong GRDP",  # old-style tone placement would be "tỷ" either way
])
def test_digital_economy_share_in_different_words_is_one_measure(phrase: str) -> None:
    m = resolve(phrase)
    assert m is not None and m.id == "kinh-te-so-ty-trong-grdp" and m.by == "rule"
    assert m.label == "Tỷ trọng kinh tế số trong GRDP"


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Tăng trưởng GRDP 09 tháng đầu năm", "tốc độ tăng trưởng kinh tế (GRDP) của tỉnh năm 2025",
     "tang-truong-grdp"),
    ("tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "giảm tỷ lệ hộ nghèo hằng năm", "ty-le-ho-ngheo"),
    ("Thu ngân sách nhà nước trên địa bàn", "tổng thu ngân sách", "thu-ngan-sach"),
    ("tỷ lệ đô thị hoá", "Tỷ lệ đô thị hóa tính đến năm 2024", "ty-le-do-thi-hoa"),
    ("tỉ lệ bao phủ bảo hiểm y tế", "tỷ lệ người dân tham gia BHYT", "bao-hiem-y-te"),
    ("tỷ lệ lao động qua đào tạo", "lao động được đào tạo nghề", "lao-dong-qua-dao-tao"),
    ("GDP bình quân đầu người", "GRDP bình quân đầu người của Thành phố", "grdp-binh-quan-dau-nguoi"),
    ("tỷ lệ dịch vụ công trực tuyến toàn trình",
     "thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình",
     "dvc-truc-tuyen-toan-trinh"),
    ("tỷ lệ thanh toán không dùng tiền mặt", "giao dịch thanh toán không dùng tiền mặt",
     "thanh-toan-khong-dung-tien-mat"),
    ("tỷ lệ hộ gia đình có kết nối Internet cáp quang", "hộ gia đình được phủ cáp quang",
     "cap-quang-ho-gia-dinh"),
    ("người dân có điện thoại thông minh", "tỷ lệ dân số trưởng thành sử dụng điện thoại thông minh",
     "dien-thoai-thong-minh"),
    ("chi cho nghiên cứu và phát triển (R&D) so với GDP", "kinh phí R&D chiếm GRDP", "chi-rd-ty-le-gdp"),
    ("chỉ số chuyển đổi số DTI", "Chỉ số DTI của tỉnh", "chi-so-dti"),
])
def test_same_measure_same_id(a: str, b: str, expected: str) -> None:
    ma, mb = resolve(a), resolve(b)
    assert ma is not None and mb is not None
    assert (ma.id, mb.id) == (expected, expected)


@pytest.mark.parametrize(("a", "b"), [
    ("tỷ lệ hộ nghèo", "tỷ lệ hộ cận nghèo"),
    ("tổng thu ngân sách", "tổng chi ngân sách"),
    ("GRDP bình quân đầu người", "tăng trưởng GRDP"),
    ("kim ngạch xuất khẩu", "tốc độ tăng kim ngạch xuất khẩu"),  # a level and a rate
    ("kim ngạch xuất khẩu", "xuất khẩu gạo"),  # the total and one product
    # a share and a rank
    ("tỷ trọng kinh tế số trong GRDP", "xếp hạng Chính phủ số, kinh tế số trong các tỉnh"),
    ("tỷ trọng kinh tế số trong GRDP", "tỷ trọng kinh tế số trong từng ngành, lĩnh vực"),
    ("tỷ lệ lao động qua đào tạo", "tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ"),
    ("khách du lịch", "khách quốc tế"),
])
def test_unrelated_measures_differ(a: str, b: str) -> None:
    ma, mb = resolve(a), resolve(b)
    assert ma is not None and mb is not None and ma.id != mb.id


def test_unknown_phrase_gets_its_own_id_never_a_wrong_group() -> None:
    m = resolve("số km đê biển được kiên cố hóa")
    assert m is not None and m.by == "own"
    assert m.id == "km-de-bien-duoc-kien-co-hoa"
    # the same wording with a place, period and verb around it shares that id
    other = resolve("km đê biển được kiên cố hóa của tỉnh năm 2025 đạt")
    assert other is not None and other.id == m.id and other.label == m.label


def test_normalize_and_slug() -> None:
    assert normalize("Phấn đấu tỷ lệ đô thị hoá của tỉnh đến năm 2030 đạt") == "tỷ lệ đô thị hóa"
    assert normalize("diện tích đất trồng lúa") == normalize("đất trồng lúa")
    assert slug("Đất trồng lúa") == "dat-trong-lua"
    assert resolve(None) is None and resolve("  ") is None


def test_stage_fills_targets_and_achievements() -> None:
    target = Target(text="t", indicator="kinh tế số chiếm tỷ trọng GRDP", value=20)
    doc = Document(source="t.txt", text="x", targets=[target],
                   achievements=[Achievement(text="a", indicator="kinh tế số của tỉnh", value=7.2, year=2023),
                                 Achievement(text="b")])
    apply(doc)
    assert doc.targets[0].indicator_id == doc.achievements[0].indicator_id == "kinh-te-so-ty-trong-grdp"
    assert doc.achievements[1].indicator_id is None  # no phrase, nothing invented
