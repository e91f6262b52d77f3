"""Signers: signature blocks in their layouts, news phrasing, titles completed with the issuer,
and the link into the signed decision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.record import Document
from core.textnorm import clean
from extract import decisions, identity, signers
from extract.signers import news_signers, signature_blocks

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
needs_shared = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared not present")


def chain(text: str) -> Document:
    return signers.apply(decisions.apply(identity.apply(Document(source="t", text=clean(text)))))


@needs_shared
@pytest.mark.parametrize("name", ["qd_nghean_example", "news_hatinh_2021", "news_haiduong_2023"])
def test_samples_match_expected(name: str) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    doc = chain((SAMPLES / f"{name}.txt").read_text(encoding="utf-8"))
    assert [(s.name, s.title) for s in doc.signers] == [(s["name"], s["title"]) for s in expected["signers"]]
    for s in doc.signers:
        assert s.span and s.name in doc.text[s.span[0] : s.span[1]]


HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 471/QĐ-UBND\nBắc Ninh, ngày 28 tháng 11 năm 2025\n\n"
    "QUYẾT ĐỊNH\nVề việc\n\n"
)
TAIL = "Điều 3. Các sở thi hành Quyết định này./.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\n"
CT = "Chủ tịch UBND tỉnh Bắc Ninh"
PCT = "Phó Chủ tịch UBND tỉnh Bắc Ninh"


@pytest.mark.parametrize(
    ("block", "name", "title"),
    [
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nPhạm Văn Thịnh", "Phạm Văn Thịnh", PCT),
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nNguyễn Văn An", "Nguyễn Văn An", CT),
        # markdown residue, names broken by the layout
        ("**TM. ỦY BAN\nNHÂN DÂN **\nKT. CHỦ TỊCH\n**PHÓ CHỦ TỊCH**\n**Mai\nSơn**", "Mai Sơn", PCT),
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Quỳnh\nThiện", "Nguyễn Quỳnh Thiện", PCT),
        ("T/M ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nPHẠM ĐỨC ẤN", "Phạm Đức Ấn", CT),  # all-caps name
        ("CHỦ TỊCH\n\nVương Quốc Nam", "Vương Quốc Nam", CT),
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nKý bởi: Văn phòng UBND\nLê Văn Ánh", "Lê Văn Ánh", PCT),
    ],
)
def test_signature_blocks(block: str, name: str, title: str) -> None:
    doc = chain(HEAD + TAIL + block + "\n\nPHỤ LỤC\nDANH MỤC THỦ TỤC\n")
    assert [(s.name, s.title) for s in doc.signers] == [(name, title)]
    (own,) = [d for d in doc.decisions if d.relation == "self"]
    assert (own.signer, own.signer_title) == (name, title)


def test_body_lines_under_a_block_are_not_names() -> None:
    (s,) = signature_blocks("TM. ỦY BAN\nMẶT TRẬN TỔ QUỐC\nCHỦ TỊCH\nĐỗ Văn Chiến\n")
    assert s.name == "Đỗ Văn Chiến"


def test_block_titles_of_other_bodies() -> None:
    doc = chain(
        "BỘ TÀI CHÍNH\nSố: 110/2025/TT-BTC\nHà Nội, ngày 19 tháng 11 năm 2025\n\nTHÔNG TƯ\nVề phí\n\n"
        "Nơi nhận:\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nCao Anh Tuấn\n"
    )
    assert [(s.name, s.title) for s in doc.signers] == [("Cao Anh Tuấn", "Thứ trưởng Bộ Tài chính")]
    doc = chain(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 2319/QĐ-TTg\nHà Nội, ngày 1 tháng 12 năm 2025\n\nQUYẾT ĐỊNH\nVề\n\n"
        "Nơi nhận:\n- Lưu: VT.\n\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nTrần Hồng Hà\n"
    )
    assert [(s.name, s.title) for s in doc.signers] == [("Trần Hồng Hà", "Phó Thủ tướng Chính phủ")]


def test_a_director_is_not_completed_with_a_peoples_committee() -> None:
    doc = chain(
        "UBND THÀNH PHỐ HÀ NỘI\nSố: 12/QĐ-UBND\nHà Nội, ngày 1 tháng 12 năm 2025\n\nQUYẾT ĐỊNH\nVề\n\n"
        "Nơi nhận:\n- Lưu.\n\nGIÁM ĐỐC\nCù Ngọc Trang\n"
    )
    assert doc.signers[0].title == "Giám đốc"


def test_authority_line_and_member_lists_are_not_signatures() -> None:
    text = (
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\n\nCăn cứ Luật Tổ chức\n"
        "1. Ông Hoàng Minh Đức, Chủ tịch UBND tỉnh - Trưởng ban;\n"
        "DANH SÁCH THÀNH VIÊN\nNguyễn Văn An\n"
    )
    assert signature_blocks(text) == []


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "Chủ tịch UBND tỉnh Hà Tĩnh Võ Trọng Hải vừa ký quyết định số 2151/QĐ-UBND",
            "Võ Trọng Hải",
            "Chủ tịch UBND tỉnh Hà Tĩnh",
        ),
        ("Phó Chủ tịch UBND tỉnh Lê Ngọc Châu đã ký Quyết định số 12/QĐ-UBND", "Lê Ngọc Châu",
         "Phó Chủ tịch UBND tỉnh Nghệ An"),  # the title completed with the page's province
        ("Thủ tướng Chính phủ Phạm Minh Chính vừa ký ban hành Quyết định 749/QĐ-TTg", "Phạm Minh Chính",
         "Thủ tướng Chính phủ"),
        (
            "Đồng chí Nguyễn Văn Thông, Phó Chủ tịch UBND tỉnh Nghệ An, đã ký Quyết định số 1/QĐ-UBND",
            "Nguyễn Văn Thông",
            "Phó Chủ tịch UBND tỉnh Nghệ An",
        ),
    ],
)
def test_news_phrasing(sentence: str, name: str, title: str) -> None:
    (s,) = news_signers(sentence, "Nghệ An")
    assert (s.name, s.title) == (name, title)
    assert sentence[s.span[0] : s.span[1]] == name  # type: ignore[index]


def test_news_without_signing_has_no_signer() -> None:
    assert news_signers("Chủ tịch UBND tỉnh Triệu Thế Hùng chủ trì hội nghị, đề nghị các sở thực hiện.") == []


@pytest.mark.parametrize(
    ("block", "name", "title"),
    [
        # a block flattened onto one line by a converter (issue 11)
        ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp", "Nguyễn Hữu Tháp", PCT),
        ("CHỦ TỊCH     Huỳnh Tấn Việt", "Huỳnh Tấn Việt", CT),
        ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH (Đã ký) Nguyễn Văn An", "Nguyễn Văn An", CT),
        ("- Lưu: VT, KT. TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn Ánh", "Lê Văn Ánh", PCT),
        # OCR residue glued to the title, seal garbage between title and name
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCHy]\n\nPhạm Văn Thịnh", "Phạm Văn Thịnh", PCT),
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n~ ¿ |\nÑ.\nNguyễn Văn An", "Nguyễn Văn An", CT),
    ],
)
def test_flattened_and_noisy_blocks(block: str, name: str, title: str) -> None:
    doc = chain(HEAD + TAIL + block + "\n")
    assert [(s.name, s.title) for s in doc.signers] == [(name, title)]
    (s,) = doc.signers
    assert s.span and doc.text[s.span[0]:s.span[1]].endswith(name)


def test_real_flattened_tail_of_a_national_decision() -> None:
    """nat_892 (dev): ``PHÓ THỦ TƯỚNGy]`` as the PDF-to-text converter left it."""
    text = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 892/QĐ-TTg\nHà Nội, ngày 02 tháng 6 năm 2026\n\nQUYẾT ĐỊNH\nVề việc\n\n"
            "Điều 3. Các Bộ trưởng chịu trách nhiệm thi hành Quyết định này.\n \nKT. THỦ TƯỚNG \n"
            "   PHÓ THỦ TƯỚNGy] \n \nPhạm Thị Thanh Trà \n")
    doc = chain(text)
    assert [(s.name, s.title) for s in doc.signers] == [("Phạm Thị Thanh Trà", "Phó Thủ tướng Chính phủ")]


@pytest.mark.parametrize(
    "line",
    [
        "Chủ tịch UBND tỉnh Nguyễn Văn A chủ trì hội nghị",  # running text, not a block
        "Căn cứ ý kiến của CHỦ TỊCH nước về việc Nguyễn",
        "Giao CHỦ TỊCH UBND các huyện Thực Hiện",
    ],
)
def test_flattened_reader_leaves_running_text(line: str) -> None:
    assert signature_blocks(line) == []


@pytest.mark.parametrize(("block", "name", "title"), [
    # a military rank between the title and the name (Bộ Quốc phòng circulars)
    ("Nơi nhận:\n- Lưu: VT.\n\n**KT. BỘ TRƯỞNG**\nTHỨ TRƯỞNG\nThượng tướng Vũ Hải Sản", "Vũ Hải Sản",
     "Thứ trưởng"),
    # a Party body signs collectively: the block has no title word
    ("*Nơi nhận:*\n- Lưu Văn phòng Trung ương Đảng.\n|\n**T/M BỘ CHÍNH\nTRỊ**\nTrần Cẩm Tú", "Trần Cẩm Tú",
     "Bộ Chính trị"),
    # an OCR'd title line in capitals is not a name when the real name follows in mixed case
    ("Nơi nhận\n- Lưu: VT, HTTB.\n|\n**KT. BỘ TRƯỞNG**\n**THỨ\nTRỬỞNG THUỜNG TRỰC**\nVũ Mạnh Hà",
     "Vũ Mạnh Hà",
     None),
    # a name broken over two lines by markup
    ("*Nơi nhận:*\n- Lưu: VT, VP (38b).\n|\n**TL. BỘ TRƯỞNG**\nCHÁNH VĂN PHÒNG\n**Phạm\nChí Thanh**",
     "Phạm Chí Thanh", "Chánh Văn phòng"),
])
def test_block_variants_from_real_pages(block: str, name: str, title: str | None) -> None:
    (found,) = signature_blocks(clean(block))
    assert found.name == name
    if title:
        assert found.title == title


def test_header_lost_letter_still_has_its_signer() -> None:
    # thuvienphapluat pages sometimes keep only the body: "Kính gửi" on top, "Nơi nhận" below
    text = ("|\n**Kính gửi:** Chủ\ntịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
            "Thực hiện Kết luận số 210-KL/TW ngày 12/11/2025, Ban Chỉ đạo yêu cầu khẩn trương chỉ đạo.\n|\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, BCĐ (02).\n|\n**KT. TRƯỞNG BAN**\n"
            "PHÓ TRƯỞNG BAN THƯỜNG TRỰC\n"
            "PHÓ THỦ TƯỚNG\nPhạm Thị Thanh Trà\n")
    doc = chain(text)
    assert doc.kind == "official_letter"
    assert [s.name for s in doc.signers] == ["Phạm Thị Thanh Trà"]
    assert doc.issued_on is None  # the body's dates are other documents'


@pytest.mark.parametrize(("sentence", "name", "title"), [
    ("Đây là quyết định do Phó chủ tịch UBND thành phố Nguyễn Huy Tưởng ký ngày 31/5 dựa trên đề xuất.",
     "Nguyễn Huy Tưởng", "Phó Chủ tịch UBND thành phố"),
    ("Chủ tịch UBND tỉnh Bắc Giang Lê Ánh Dương ký ban hành Kế hoạch số 12/KH-UBND.",
     "Lê Ánh Dương", "Chủ tịch UBND tỉnh Bắc Giang"),
])
def test_news_bare_sign_verb(sentence: str, name: str, title: str) -> None:
    (s,) = news_signers(sentence)
    assert (s.name, s.title) == (name, title)


def test_news_signing_an_agreement_is_not_signing_a_document() -> None:
    assert news_signers("Giám đốc Sở Công Thương Nguyễn Văn An ký kết biên bản ghi nhớ với đối tác.") == []


def test_formal_text_takes_no_signer_from_its_sentences() -> None:
    text = HEAD + "Căn cứ Luật.\nĐiều 1. Chủ tịch UBND tỉnh Nguyễn Văn A vừa ký văn bản.\n" + TAIL
    assert all(s.name != "Nguyễn Văn A" for s in chain(text).signers)


def test_name_split_by_bold_markup_and_a_line_break() -> None:
    # "**Lê Hải\nH****òa**": the page's bold runs restart inside the last syllable
    text = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n|\n**CHỦ TỊCH**\n**Lê Hải\nH****òa**\n|\n"
    assert [s.name for s in signature_blocks(clean(text))] == ["Lê Hải Hòa"]


def test_block_titles_with_markup_inside_their_words() -> None:
    text = (
        "- Lưu: VT.\n|\n**T****L****. CỤC TRƯỞNG**\n**KT.\nTRƯỞNG BAN NGHIỆP VỤ THU****Ế**** HQ**\n"
        "**PHÓ\nTRƯ****Ở****NG BAN**\nĐào Thu Hương\n|\n"
    )
    assert [s.name for s in signature_blocks(clean(text))] == ["Đào Thu Hương"]
