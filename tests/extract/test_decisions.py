"""Decision references: the samples' expected lists, number forms in running text, relations,
merging of repeated mentions, and things that are not references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.record import Document
from core.textnorm import clean
from extract import decisions, identity, signers
from extract.decisions import issuer_phrase

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
needs_shared = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared not present")
FIELDS = ("number", "type", "issued_on", "issuer", "signer", "signer_title", "relation")


def chain(text: str, **fields: str) -> Document:
    doc = Document(source="t", text=clean(text), **fields)
    return signers.apply(decisions.apply(identity.apply(doc)))


@needs_shared
@pytest.mark.parametrize("name", ["qd_nghean_example", "news_hatinh_2021", "news_haiduong_2023"])
def test_samples_match_expected(name: str) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    doc = chain((SAMPLES / f"{name}.txt").read_text(encoding="utf-8"))
    got = [{k: v for k, v in d.model_dump().items() if k in FIELDS} for d in doc.decisions]
    want = [{k: d.get(k) for k in FIELDS if k in d} for d in expected["decisions"]]
    assert len(got) == len(want)
    for w in want:
        match = [g for g in got if g["number"] == w["number"] and g["type"] == w["type"]]
        assert match, w
        assert {k: match[0][k] for k in w} == w
    for d in doc.decisions:
        assert d.span is not None and doc.text[d.span[0] : d.span[1]]


@needs_shared
def test_numberless_subjects_are_merged_across_mentions() -> None:
    doc = chain((SAMPLES / "news_hatinh_2021.txt").read_text(encoding="utf-8"))
    (de_an,) = [d for d in doc.decisions if d.type == "Đề án"]
    assert de_an.subject == "Thí điểm xây dựng tỉnh Hà Tĩnh đạt chuẩn nông thôn mới, giai đoạn 2021 - 2025"


def refs(text: str, **fields: str) -> dict[str | None, dict]:
    return {d.number: d.model_dump() for d in chain(text, **fields).decisions}


@pytest.mark.parametrize(
    ("mention", "number", "type_"),
    [
        ("Quyết định số 1085/QĐ-UBND", "1085/QĐ-UBND", "Quyết định"),
        ("QUYẾT ĐỊNH SỐ 10/2016/QĐ-UBND", "10/2016/QĐ-UBND", "Quyết định"),
        ("Nghị quyết số 12/2021/NQ-HĐND", "12/2021/NQ-HĐND", "Nghị quyết"),
        ("Nghị định 81/2018/NĐ-CP", "81/2018/NĐ-CP", "Nghị định"),
        ("Thông tư số 10/2025/TT-BKHCN", "10/2025/TT-BKHCN", "Thông tư"),
        ("Tờ trình số 210/TTr-STTTT", "210/TTr-STTTT", "Tờ trình"),
        ("Công văn số 4001/UBND-ĐT", "4001/UBND-ĐT", "Công văn"),  # type from the word: no code
        ("Kế hoạch số 45/KH-UBND", "45/KH-UBND", "Kế hoạch"),
        ("Luật số 72/2025/QH15", "72/2025/QH15", "Luật"),
        ("Nghị quyết số 57-NQ/TW", "57-NQ/TW", "Nghị quyết"),  # party document form
        ("quyết định số 2536 /QD-UBND", "2536/QĐ-UBND", "Quyết định"),
        ("văn bản số 505/QĐ-TTg", "505/QĐ-TTg", "Quyết định"),  # the code says more than "văn bản"
        ("Văn bản số 1456/STTTT-CĐS", "1456/STTTT-CĐS", "Công văn"),
        ("số 2151/QĐ-UBND", "2151/QĐ-UBND", "Quyết định"),  # type from the code
    ],
)
def test_number_forms_in_running_text(mention: str, number: str, type_: str) -> None:
    got = refs(f"Thực hiện {mention} ngày 24/5/2021, các sở triển khai.")
    assert number in got, got
    assert (got[number]["type"], got[number]["issued_on"]) == (type_, "2021-05-24")


def test_bare_number_is_kept_without_inventing_a_suffix() -> None:
    got = refs("Thực hiện Quyết định 749 ngày 3/6/2020 của Thủ tướng Chính phủ về Chương trình chuyển đổi số")
    assert got["749"]["type"] == "Quyết định"
    assert (got["749"]["issued_on"], got["749"]["issuer"]) == ("2020-06-03", "Thủ tướng Chính phủ")
    assert got["749"]["subject"] == "Chương trình chuyển đổi số"


def test_bare_and_full_mentions_of_one_document_merge() -> None:
    got = refs("Căn cứ Quyết định số 749/QĐ-TTg ngày 3/6/2020. Triển khai Quyết định 749 của Thủ tướng.")
    assert list(got) == ["749/QĐ-TTg"]


@pytest.mark.parametrize(
    ("phrase", "issuer"),
    [
        ("của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
        ("của Chính phủ", "Chính phủ"),
        ("của Bộ trưởng Bộ Tài chính", "Bộ Tài chính"),
        ("của UBND tỉnh", "UBND tỉnh Nghệ An"),  # the text's own province
        ("của Ủy ban nhân dân tỉnh Quảng Nam", "UBND tỉnh Quảng Nam"),
        ("của Chủ tịch UBND tỉnh Hà Tĩnh", "UBND tỉnh Hà Tĩnh"),
        ("của HĐND tỉnh", "HĐND tỉnh Nghệ An"),
        ("của Hiệp hội Công chứng Việt Nam về việc", "Hiệp hội Công chứng Việt Nam"),
        ("của Ban Pháp chế HĐND thành phố Hà Nội về", "Ban Pháp chế HĐND thành phố Hà Nội"),
        ("của Công an tỉnh Hà Tĩnh về", "Công an tỉnh Hà Tĩnh"),
        ("của Sở Y tế tỉnh Nghệ An;", "Sở Y tế tỉnh Nghệ An"),
        ("của các sở, ngành", None),
        ("của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "Văn phòng Chính phủ"),
        ("của Bộ trưởng Bộ Khoa học\nvà Công nghệ", "Bộ Khoa học và Công nghệ"),  # broken line
        ("của Bộ trưởng về", None),
    ],
)
def test_issuer_phrases(phrase: str, issuer: str | None) -> None:
    assert issuer_phrase(phrase.split(" ", 1)[1], "Nghệ An") == issuer


DECISION = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
Số: 84/2025/QĐ-UBND
Nghệ An, ngày 02 tháng 12 năm 2025

QUYẾT ĐỊNH
Bãi bỏ Quyết định số 10/2016/QĐ-UBND ngày 21/3/2016 và Quyết định số 14/2022/QĐ-UBND ngày 15/6/2022

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Nghị định số 81/2018/NĐ-CP ngày 22/5/2018 của Chính phủ; Nghị định số 128/2024/NĐ-CP ngày 10/10/2024 \
của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 81/2018/NĐ-CP;
Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 104/TTr-STP ngày 16/10/2025.

QUYẾT ĐỊNH:

Điều 1. Bãi bỏ toàn bộ Quyết định số 10/2016/QĐ-UBND ngày 21/3/2016 của UBND tỉnh.
Điều 2. Sửa đổi, bổ sung Điều 3 Quyết định số 40/2024/QĐ-UBND ngày 04/10/2024 của UBND tỉnh.
Điều 3. Thông tư số 55/2023/TT-BTC được sửa đổi bởi Thông tư 75/2024/TT-BTC tiếp tục áp dụng.
"""


def test_relations_in_a_decision() -> None:
    got = refs(DECISION)
    assert got["84/2025/QĐ-UBND"]["relation"] == "self"
    assert got["10/2016/QĐ-UBND"]["relation"] == "replaces"
    assert got["14/2022/QĐ-UBND"]["relation"] == "replaces"  # "… và Quyết định số …" continues the verb
    assert got["81/2018/NĐ-CP"]["relation"] == "basis"
    assert got["128/2024/NĐ-CP"]["relation"] == "basis"
    assert got["104/TTr-STP"]["relation"] == "cites"
    assert got["40/2024/QĐ-UBND"]["relation"] == "amends"
    # the other document is the subject of "sửa đổi": a citation, not this text amending it
    assert got["55/2023/TT-BTC"]["relation"] == "cites"
    assert got["75/2024/TT-BTC"]["relation"] == "cites"
    assert got["10/2016/QĐ-UBND"]["issuer"] == "UBND tỉnh Nghệ An"
    assert got["81/2018/NĐ-CP"]["issuer"] == "Chính phủ"
    assert got["104/TTr-STP"]["issuer"] == "Sở Tư pháp"


def test_one_entry_per_document_with_the_strongest_relation() -> None:
    doc = chain(DECISION)
    numbers = [d.number for d in doc.decisions]
    assert len(numbers) == len(set(numbers))


def test_laws_without_number_and_this_decision_are_not_references() -> None:
    got = refs("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\nQuyết định này có hiệu lực")
    assert got == {}


@pytest.mark.parametrize(
    "text",
    [
        "Tỷ lệ đạt 12,5% so với 3/4 số xã; 1.946 dịch vụ công.",
        "Mã thủ tục 1.014465.H50 và 2.000908.00.00.H61.",
        "Lưu: VT, NC2. 05 bản, QĐ164.",
        "Giai đoạn 2021/2025 và tỷ lệ 24/5 người.",
        "(Kèm theo Quyết định số: /QĐ-UBND ngày /11/2025 của UBND tỉnh)",  # blank number
    ],
)
def test_not_references(text: str) -> None:
    assert refs(text) == {}


def test_news_report_and_citation() -> None:
    text = (
        "Nghệ An ban hành kế hoạch\n\n02:21 28/05/2021\n\n"
        "Phó Chủ tịch UBND tỉnh Lê Ngọc Châu đã ký Quyết định số 1234/QĐ-UBND ngày 20/5/2021 "
        "về việc ban hành Kế hoạch chuyển đổi số. Trước đó, Quyết định số 505/QĐ-TTg ngày 22/4/2022 "
        "của Thủ tướng Chính phủ lấy ngày 10/10 là Ngày Chuyển đổi số quốc gia."
    )
    got = refs(text, province="Nghệ An")
    assert got["1234/QĐ-UBND"]["relation"] == "reported"
    assert got["1234/QĐ-UBND"]["signer"] == "Lê Ngọc Châu"
    assert got["1234/QĐ-UBND"]["signer_title"] == "Phó Chủ tịch UBND tỉnh Nghệ An"
    assert got["1234/QĐ-UBND"]["issuer"] == "UBND tỉnh Nghệ An"
    assert got["505/QĐ-TTg"]["relation"] == "cites"


def test_self_entry_exists_even_when_only_the_header_names_it() -> None:
    doc = chain("BỘ TÀI CHÍNH\nSố: 110/2025/TT-BTC\nHà Nội, ngày 19 tháng 11 năm 2025\n\nTHÔNG TƯ\nVề phí")
    (own,) = [d for d in doc.decisions if d.relation == "self"]
    assert (own.number, own.type, own.issuer, own.issued_on) == (
        "110/2025/TT-BTC", "Thông tư", "Bộ Tài chính", "2025-11-19",
    )


def test_plan_changed_by_name_without_number() -> None:
    text = (
        "Nghệ An sửa đổi kế hoạch\n\n02:21 28/05/2023\n\n"
        "UBND tỉnh Nghệ An vừa ban hành Kế hoạch số 402/KH-UBND ngày 15/8/2023 sửa đổi, bổ sung "
        "Kế hoạch chuyển đổi số ngành nông nghiệp giai đoạn 2022 - 2025. Kế hoạch này có hiệu lực."
    )
    got = {(d.number, d.type): d for d in chain(text).decisions}
    assert got[("402/KH-UBND", "Kế hoạch")].relation == "reported"
    named = got[(None, "Kế hoạch")]
    # the news page's subject (402) amends it, not the page itself
    assert named.subject == "chuyển đổi số ngành nông nghiệp giai đoạn 2022 - 2025"
    assert named.relation == "cites"
    assert len(got) == 2  # "Kế hoạch này" is no reference


# ---- news reports in the wording news pages use (issue 11) ---------------------------------


def _news(text: str) -> Document:
    from extract import identity, signers

    doc = identity.apply(Document(source="t", text=clean(text), kind="news"))
    return signers.apply(decisions.apply(doc))


@pytest.mark.parametrize(
    ("text", "number", "issued_on"),
    [
        ("Ngày 30-9-2022, Ủy ban nhân dân tỉnh ban hành Quyết định số 2426/QĐ-UBND về Kế hoạch chuyển "
         "đổi số.", "2426/QĐ-UBND", "2022-09-30"),
        # baomoi 11118111 (dev)
        ("(HNM) - UBND TP Hà Nội đã có văn bản số 3453/UBND-QHXDGT hướng dẫn việc quản lý chất lượng "
         "công trình xây dựng.", "3453/UBND-QHXDGT", None),
        ("Thủ tướng Chính phủ đã ký Quyết định số 749/QĐ-TTg ngày 3/6/2020 phê duyệt Chương trình.",
         "749/QĐ-TTg", "2020-06-03"),
        ("UBND tỉnh vừa chính thức ban hành Kế hoạch số 145/KH-UBND về chuyển đổi số.", "145/KH-UBND", None),
        # the passive, number first
        ("Quyết định số 2204/QĐ-UBND vừa được Phó Chủ tịch UBND TPHCM Trần Vĩnh Tuyến ký, xoá nợ thuế cho "
         "Công ty May xuất khẩu Thành Công.", "2204/QĐ-UBND", None),
        ("Theo Kế hoạch số 12/KH-UBND ngày 5/3/2024 của UBND tỉnh vừa được ban hành, tỉnh đặt mục tiêu mới.",
         "12/KH-UBND", "2024-03-05"),
    ],
)
def test_news_reported_forms(text: str, number: str, issued_on: str | None) -> None:
    doc = _news("Tin tức\n\n" + text)
    (rep,) = [d for d in doc.decisions if d.relation == "reported"]
    assert (rep.number, rep.issued_on) == (number, issued_on)


def test_implementing_letter_does_not_report_or_sign_the_cited_decision() -> None:
    text = ("Tin tức\n\nPhó Chủ tịch UBND tỉnh Hà Tĩnh Nguyễn Hồng Lĩnh vừa ký ban hành văn bản triển khai "
            "thực hiện Quyết định 1012/QĐ-TTg của Thủ tướng Chính phủ.")
    doc = _news(text)
    (ref,) = [d for d in doc.decisions if d.number == "1012/QĐ-TTg"]
    assert (ref.relation, ref.signer) == ("cites", None)


@pytest.mark.parametrize(
    "text",
    [
        "Tỉnh có 15 xã đạt chuẩn theo Quyết định số 1600/QĐ-TTg của Thủ tướng.",  # "có" is "has"
        "Các sở đã triển khai Nghị quyết số 57-NQ/TW; UBND tỉnh đã ban hành nhiều văn bản hướng dẫn.",
        "Quyết định số 12/2015/QĐ-UBND đã được sửa đổi, bổ sung nhiều lần.",  # history, not news
    ],
)
def test_news_citations_stay_cites(text: str) -> None:
    doc = _news("Tin tức\n\n" + text)
    assert [d.relation for d in doc.decisions if d.number] == ["cites"]


def test_recalled_acts_are_cited_not_reported() -> None:
    """news_hddtvn … cau-tre (dev): earlier decisions recalled in the body are citations."""
    text = ("Giải thể Trạm Kiểm soát\n\nCách đây hơn 10 năm, Thủ tướng Chính phủ đã có Quyết định "
            "162/2007/QĐ-TTg ngày 19/10/2007 cho phép KKT là khu phi thuế quan.\n\nTrước đó, ngày 23/5/2018, "
            "Bộ Tài chính đã có Quyết định 768/QĐ-BTC giải thể Chi cục Hải quan.")
    doc = _news(text)
    got = {d.number: d.relation for d in doc.decisions}
    assert got == {"162/2007/QĐ-TTg": "cites", "768/QĐ-BTC": "cites"}


def test_only_the_first_unmarked_issue_is_reported() -> None:
    text = ("Tin\n\nUBND tỉnh đã ban hành Kế hoạch số 12/KH-UBND về chuyển đổi số. Sở đã ban hành "
            "Công văn số 45/STTTT-CĐS hướng dẫn. UBND tỉnh vừa ký Quyết định số 78/QĐ-UBND.")
    doc = _news(text)
    assert {d.number: d.relation for d in doc.decisions} == {
        "12/KH-UBND": "reported", "45/STTTT-CĐS": "cites", "78/QĐ-UBND": "reported"}


def test_type_word_as_verb_and_a_document_issued_alongside_are_reported() -> None:
    """baomoi 11116980 (unlabelled): "vừa Thông báo 386/TB-BQL" and "… cũng ban hành Công văn …"
    after the page's first report; "cũng" before any report and recalled acts stay citations."""
    text = ("Tin\n\nLãnh đạo TP vừa ban hành công văn 3949/UBND-QLDTh chỉ đạo việc kiểm tra tàu thuyền. "
            "UBND TP Đà Nẵng cũng ban hành Công văn 3977/UBND-QLĐT về công tác cứu hộ. Để đảm bảo an toàn, "
            "BQL bán đảo Sơn Trà vừa Thông báo 386/TB-BQL yêu cầu các ngư dân di dời. Tháng 3-2013, UBND TP "
            "tiếp tục ban hành Kế hoạch số 51/KH-UBND.")
    got = {d.number: d.relation for d in _news(text).decisions}
    assert got == {"3949/UBND-QLDTH": "reported", "3977/UBND-QLĐT": "reported", "386/TB-BQL": "reported",
                   "51/KH-UBND": "cites"}
    first = _news("Tin\n\nTỉnh cũng ban hành Công văn 3977/UBND-QLĐT về công tác cứu hộ.")
    assert [d.relation for d in first.decisions] == ["cites"]


def test_the_sentence_restating_the_headline_names_the_reported_document() -> None:
    """news_hddtvn … cau-tre (dev): no issuing verb; the lead restates the whole headline and names
    the decision. The sentence with the headline's words but not its act ("thành lập", not "giải
    thể") and a recalled act stay citations."""
    text = ("Giải thể Trạm kiểm soát nội địa KKT cửa khẩu quốc tế Cầu Treo\n\n"
            "Trạm kiểm soát nội địa KKT cửa khẩu quốc tế Cầu Treo (cổng B) được UBND tỉnh Hà Tĩnh thành lập "
            "theo Quyết định số 2313/QĐ-UBND ngày 19/8/2008.\n\nTrước đó, Bộ Tài chính đã có Quyết định "
            "768/QĐ-BTC giải thể Chi cục Hải quan KKT cửa khẩu Cầu Treo.\n\nKể từ ngày 29/5/2018, Trạm "
            "Kiểm soát nội địa KKT cửa khẩu quốc tế Cầu Treo chính thức giải thể theo Quyết định "
            "1576/QĐ-UBND của UBND tỉnh Hà Tĩnh.")
    doc = decisions.apply(Document(source="t", text=clean(text), kind="news",
                                   title="Giải thể Trạm kiểm soát nội địa KKT cửa khẩu quốc tế Cầu Treo"))
    got = {d.number: d.relation for d in doc.decisions}
    assert got == {"2313/QĐ-UBND": "cites", "768/QĐ-BTC": "cites", "1576/QĐ-UBND": "reported"}
