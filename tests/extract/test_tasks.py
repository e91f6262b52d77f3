"""Tasks: the samples' expected assignees and deadlines, each way a duty is assigned, deadline
forms, and the execution clause that is never a task."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from core.record import Document
from extract import tasks
from extract.tasks import find_tasks

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
DATES = {
    "news_haiduong_2023": "2023-05-13",
    "news_hatinh_2021": "2021-05-28",
    "qd_nghean_example": "2022-10-18",
}


@pytest.mark.parametrize("name", sorted(DATES))
def test_samples_match_expected_assignees_and_deadlines(name: str) -> None:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    got = tasks.apply(Document(source=name, text=text, published_at=DATES[name])).tasks
    assert [(t.assignee, t.deadline) for t in got] == [
        (e["assignee"], e.get("deadline")) for e in expected["tasks"]]
    for t, e in zip(got, expected["tasks"], strict=True):
        first_words = e["text"].split("...")[0].split()[:4]
        assert " ".join(first_words).lower() in t.text.lower()
        assert t.span is not None and " ".join(text[t.span[0] : t.span[1]].split()) == t.text


def test_nghean_execution_clause_is_not_a_task() -> None:
    text = (SAMPLES / "qd_nghean_example.txt").read_text(encoding="utf-8")
    assert all("thi hành" not in t.text for t in find_tasks(text))


PLAN = """II. NHIỆM VỤ
1. Sở Nông nghiệp và Phát triển nông thôn chủ trì xây dựng cơ sở dữ liệu ngành, hoàn thành trong \
Quý IV năm 2022.
2. Sở Công Thương chủ trì hỗ trợ các chủ thể OCOP lên sàn thương mại điện tử; thực hiện hằng năm.
3. Sở Kế hoạch và Đầu tư chủ trì xây dựng bộ chỉ số kinh tế số, trình UBND tỉnh trong tháng 9/2024.
4. UBND các huyện, thành phố, thị xã chỉ đạo các hợp tác xã ứng dụng nhật ký sản xuất điện tử.
5. Hoàn thành đầu tư các phòng học thông minh còn lại trong năm 2025.
III. KINH PHÍ
1. Ngân sách tỉnh bảo đảm 50% kinh phí.
III. TỔ CHỨC THỰC HIỆN
Sở Nông nghiệp và Phát triển nông thôn là cơ quan thường trực, theo dõi và tổng hợp báo cáo UBND tỉnh \
kết quả thực hiện trước ngày 10 tháng 12 hằng năm."""


def test_plan_task_section_items_with_and_without_a_body() -> None:
    got = find_tasks(PLAN, dt.date(2022, 3, 10))
    assert [(t.assignee, t.deadline) for t in got] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", "2022-Q4"),
        ("Sở Công Thương", None),
        ("Sở Kế hoạch và Đầu tư", "2024-09"),  # "Đầu tư" is part of the name, not the verb
        ("UBND các huyện, thành phố, thị xã", None),
        (None, "2025"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "12-10 each year"),
    ]
    assert got[0].text == "xây dựng cơ sở dữ liệu ngành"


@pytest.mark.parametrize(
    ("sentence", "assignee", "deadline"),
    [
        ("1. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở rà soát hệ thống, "
         "hoàn thành trước ngày 30/6/2024.", "Sở Thông tin và Truyền thông", "2024-06-30"),
        ("Giao Công an tỉnh chủ trì cấp tài khoản định danh, hoàn thành trong Quý III năm 2024.",
         "Công an tỉnh", "2024-Q3"),
        ("Chủ tịch UBND tỉnh đề nghị các sở, ngành, địa phương tiếp tục triển khai nhiệm vụ.",
         "các sở, ngành, địa phương", None),
        ("UBND tỉnh yêu cầu Văn phòng UBND tỉnh kiểm tra việc số hóa hồ sơ trong tháng 8/2024.",
         "Văn phòng UBND tỉnh", "2024-08"),
        ("Các doanh nghiệp viễn thông báo cáo tiến độ trước ngày 25 hằng tháng.",
         None, None),  # no section, no request: a statement, not an assignment
        ("Ông Lê Minh Tâm, Giám đốc Sở Thông tin và Truyền thông cho biết, Sở Xây dựng sẽ ban hành "
         "quy trình cấp phép trước ngày 31/3/2025.", "Sở Xây dựng", "2025-03-31"),
        ('Ông Đậu Xuân Nam, Giám đốc Sở Thông tin và Truyền thông cho biết: "Sở sẽ hoàn thành nâng '
         'cấp hệ thống trước ngày 30/6/2024".', "Sở Thông tin và Truyền thông", "2024-06-30"),
        ("Giám đốc Sở Nông nghiệp và Phát triển nông thôn cho biết bản đồ số sẽ được hoàn thành "
         "trước ngày 31/12/2022.", "Sở Nông nghiệp và Phát triển nông thôn", "2022-12-31"),
    ],
)
def test_request_and_news_forms(sentence: str, assignee: str | None, deadline: str | None) -> None:
    got = find_tasks(sentence, dt.date(2024, 3, 1))
    assert [(t.assignee, t.deadline) for t in got] == ([(assignee, deadline)] if assignee else [])


def test_news_future_without_a_deadline_is_not_a_task() -> None:
    assert find_tasks("Sở Xây dựng sẽ tiếp tục quan tâm lĩnh vực này.") == []


def test_letter_items_after_a_request_intro_and_topic_prefix() -> None:
    text = ("UBND tỉnh yêu cầu các cơ quan, đơn vị thực hiện các nội dung sau:\n"
            "1. Về bệnh án điện tử: Sở Y tế chỉ đạo Bệnh viện Đa khoa tỉnh triển khai trước ngày "
            "31/12/2021; các bệnh viện tuyến tỉnh còn lại xây dựng lộ trình, báo cáo Sở Y tế trong tháng "
            "10/2021.\n2. Các doanh nghiệp viễn thông báo cáo tiến độ trước ngày 25 hằng tháng.\n")
    got = find_tasks(text)
    assert [(t.assignee, t.deadline) for t in got] == [
        ("Sở Y tế", "2021-12-31"),
        ("các bệnh viện tuyến tỉnh còn lại", "2021-10"),
        ("Các doanh nghiệp viễn thông", "25 each month"),
    ]


def test_responsibility_heading_and_body_intros_give_each_item_its_assignee() -> None:
    text = ("Điều 3. Nhiệm vụ và quyền hạn của Ban Chỉ đạo\n1. Nghiên cứu, đề xuất giải pháp.\n"
            "2. Giúp Chính phủ chỉ đạo các bộ, ngành.\n"
            "Điều 16. Tổ chức thực hiện\n1. Ngân hàng Chính sách xã hội:\n"
            "a) Hướng dẫn chi tiết hồ sơ vay vốn;\nb) Báo cáo Bộ Tài chính kết quả cho vay.\n"
            "2. Bộ Giáo dục và Đào tạo: Hướng dẫn các cơ sở giáo dục.\n"
            "Điều 17. Hiệu lực\nQuyết định này có hiệu lực kể từ ngày ký. Bộ trưởng các bộ chịu trách nhiệm "
            "thi hành Quyết định này.")
    got = find_tasks(text)
    assert [t.assignee for t in got] == ["Ban Chỉ đạo", "Ban Chỉ đạo", "Ngân hàng Chính sách xã hội",
                                         "Ngân hàng Chính sách xã hội", "Bộ Giáo dục và Đào tạo"]


def test_several_bodies_split_by_semicolons_get_one_task_each() -> None:
    text = ("Sở Giáo dục và Đào tạo đề nghị UBND các xã, phường; các đơn vị, cơ sở giáo dục trực thuộc "
            "thực hiện nghiêm túc văn bản chỉ đạo.")
    assert [t.assignee for t in find_tasks(text)] == [
        "UBND các xã, phường", "các đơn vị, cơ sở giáo dục trực thuộc"]


def test_deadline_ignores_cited_document_dates_and_goal_years() -> None:
    text = ("II. NHIỆM VỤ\n1. Sở Tài chính chủ trì bố trí kinh phí theo Nghị quyết số 18/2023/NQ-HĐND "
            "ngày 14/7/2023 của HĐND tỉnh.\n"
            "2. Ban Chỉ đạo điều phối chuyển đổi số; phấn đấu đến năm 2025 đạt 80%.")
    got = find_tasks(text)
    assert [(t.assignee, t.deadline) for t in got] == [("Sở Tài chính", None), ("Ban Chỉ đạo", None)]
    assert got[1].text == "điều phối chuyển đổi số"


def test_vague_assignee_and_ban_hanh_are_not_bodies() -> None:
    text = ("Chủ tịch UBND tỉnh yêu cầu các đơn vị tăng cường triển khai ứng dụng.\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2024.")
    assert find_tasks(text) == []


def test_clause_without_a_body_continues_the_duty_and_brings_its_deadline() -> None:
    text = ("IV. NHIỆM VỤ\n4. UBND các huyện, thành phố, thị xã chỉ đạo UBND cấp xã duy trì Tổ công nghệ số; "
            "báo cáo kết quả về Sở Thông tin và Truyền thông trước ngày 15 tháng 12 hằng năm.")
    [t] = find_tasks(text)
    assert (t.assignee, t.deadline) == ("UBND các huyện, thành phố, thị xã", "12-15 each year")


def test_quoted_amendment_item_ends_at_its_closing_quote() -> None:
    text = ('3. Bổ sung khoản 5 Mục IV: "5. Giao Ngân hàng Nhà nước Chi nhánh tỉnh Hà Tĩnh chủ trì đẩy mạnh '
            'thanh toán không dùng tiền mặt, hoàn thành trước ngày 15/12/2024."\n'
            "Lý do: đến hết tháng 8/2024, tỷ lệ đã đạt 68%.")
    [t] = find_tasks(text)
    assert (t.assignee, t.deadline) == ("Ngân hàng Nhà nước Chi nhánh tỉnh Hà Tĩnh", "2024-12-15")


def test_goal_year_in_the_same_clause_is_the_deadline() -> None:
    text = ("II. NHIỆM VỤ\na) Hoàn thành đầu tư các phòng học thông minh còn lại để đạt mục tiêu ít nhất "
            "120 phòng trong năm 2025.")
    assert [(t.assignee, t.deadline) for t in find_tasks(text)] == [(None, "2025")]


def test_function_heading_gives_its_body_the_plain_paragraph_below() -> None:
    text = ("Điều 2. Chức năng, nhiệm vụ của Tổ Công tác cải cách hành chính\n"
            "Nghiên cứu, đề xuất với Chính phủ các nhiệm vụ về cải cách hành chính trên phạm vi toàn quốc.\n"
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.")
    assert [t.assignee for t in find_tasks(text)] == ["Tổ Công tác cải cách hành chính"]


def test_definitions_and_lone_articles_are_not_assignees() -> None:
    text = ("Điều 2. Giải thích từ ngữ\n"
            "1. Các ngành khoa học, công nghệ quy định tại Quyết định này bao gồm các ngành đào tạo sau.\n"
            "2. Các tổ chức, cá nhân khác có liên quan.\n"
            "Sở Giáo dục và Đào tạo đề nghị Thủ trưởng các đơn vị nghiêm túc thực hiện.")
    assert [t.assignee for t in find_tasks(text)] == ["Thủ trưởng các đơn vị"]


def test_a_definition_with_the_copula_is_not_a_task() -> None:
    """lamdong_1406 after OCR repair: "… là tổ chức xã hội" defines the body ("tổ chức" a noun)."""
    from core.record import Document
    from extract import tasks

    text = ("Điều 2. Hội Công chứng viên tỉnh Lâm Đồng (mới) là tổ chức xã hội - nghề nghiệp có tư cách "
            "pháp nhân, có con dấu và tài khoản riêng.\n")
    assert tasks.apply(Document(source="t", text=text)).tasks == []


def test_body_headings_in_a_task_section_give_their_items_that_body() -> None:
    # Real layout of a Đà Nẵng plan (tvpl 3a2db039): bold body headings, a heading broken
    # across two lines inside its bold markers, sub-bullets that only detail item a).
    text = ("**V. TỔ CHỨC THỰC HIỆN**\n\n**1. Sở Y tế**\n\na) Chủ trì, phối hợp với Sở,\nban ngành liên "
            "quan triển khai, đôn đốc, kiểm tra việc thực hiện nội dung kế\nhoạch thi đua này;\n\n"
            "b) Tổ chức huy động nguồn lực\nxã hội hóa để khen thưởng cho tập thể, cá nhân;\n\n"
            "**2. Sở Nội vụ**\n\nPhối hợp Sở Y tế thẩm định, lập\nthủ tục xét trình Chủ tịch Ủy ban nhân dân "
            "thành phố tặng Bằng khen.\n\n**3. Ngân hàng Nhà nước chi\nnhánh khu vực 14**\n\n"
            "a) Chỉ đạo các Ngân hàng thương\nmại trên địa bàn chủ động phối hợp với Sở Y tế, "
            "cụ thể như sau:\n\n"
            "- Các ngân hàng thương mại tham\ngia phối hợp với Sở Y tế tuyên truyền;\n\n"
            "b) Đề xuất danh sách các ngân\nhàng, cá nhân có thành tích tiêu biểu để xét khen thưởng.\n\n"
            "**6. Đề nghị các tổ chức cung\ncấp dịch vụ chi trả**\n\na) Tích cực tham gia phong trào\n"
            "thi đua chi trả không dùng tiền mặt;\n")
    got = find_tasks(text)
    assert [t.assignee for t in got] == [
        "Sở Y tế", "Sở Y tế", "Sở Nội vụ", "Ngân hàng Nhà nước chi nhánh khu vực 14",
        "Ngân hàng Nhà nước chi nhánh khu vực 14", "các tổ chức cung cấp dịch vụ chi trả"]
    assert got[0].text.startswith("phối hợp với Sở, ban ngành")  # "chủ trì," is a lead-in


def test_listed_ministries_heading_own_body_items_and_detail_intro() -> None:
    # Nghị quyết 15/2026/NQ-CP and Quyết định 892/QĐ-TTg (real wording, page footer included).
    text = ("Điều 3. Trách nhiệm tổ chức thực hiện \n"
            "1. Các Bộ: Y tế, Công Thương, Nông nghiệp và Môi trường \n"
            "a) Chủ động hướng dẫn tổ chức triển khai thi hành Nghị quyết này. \n"
            "2. Ngoài trách nhiệm tại khoản 1 nêu trên, các Bộ ngành có các trách \nnhiệm sau: \n"
            "a) Bộ Y tế: Kiểm tra, theo dõi, giám sát, xử lý các hành vi vi phạm. \n"
            "b) Bộ Công Thương: Kiểm tra, rà soát, theo dõi hoạt động kinh doanh thực phẩm. \n"
            "VI. TỔ CHỨC THỰC HIỆN  \n1. Bộ Ngoại giao \n\nCÔNG BÁO/Số 302/Ngày 02-06-2026 \n52\n \n"
            "a) Chủ trì, phối hợp tổ chức thực hiện các nhiệm vụ của Đề án. \n"
            "3. Các bộ, ngành, Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương \ntổ chức thực hiện "
            "các nhiệm vụ, giải pháp nêu trong \nĐề án. \nCụ thể:  \n"
            "- Phối hợp với Bộ Ngoại giao trong quá trình triển khai Đề án;  \n")
    got = [t.assignee for t in find_tasks(text)]
    assert got == ["Bộ Y tế", "Bộ Y tế", "Bộ Công Thương", "Bộ Ngoại giao",
                   "Các bộ, ngành, Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương",
                   "Các bộ, ngành, Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương"]


def test_named_bodies_side_by_side_are_one_party_named_by_the_first() -> None:
    # Thông tư 97/2025/TT-BTC; "Tổ công tác, Tổ giúp việc" (no proper name) stays whole.
    text = "Hằng năm, Bộ Quốc phòng, Bộ Công an chịu trách nhiệm xét duyệt quyết toán số kinh phí."
    assert [t.assignee for t in find_tasks(text)] == ["Bộ Quốc phòng"]


def test_hdnd_closing_clauses_with_line_breaks_inside_verbs() -> None:
    # Nghị quyết 49/2017/NQ-HĐND Hòa Bình and 11/2025/NQ-HĐND Hà Nội (real line breaks).
    text = ("Điều 3. Tổ chức thực hiện\n1. Ủy ban nhân dân tỉnh có trách\nnhiệm hướng dẫn và tổ "
            "chức thực hiện Nghị quyết này.\n2. Giao Thường trực Hội đồng nhân dân Thành phố, "
            "các Ban của Hội đồng nhân "
            "dân Thành phố, các Tổ đại biểu và đại biểu Hội đồng nhân dân Thành phố giám sát việc thực hiện "
            "Nghị quyết.\nBộ trưởng, Thủ trưởng cơ quan ngang bộ và Chủ tịch Ủy ban nhân dân các tỉnh chịu "
            "trách nhiệm\nthi hành Nghị định này.\n")
    # the body's organs listed after it are one party named by the first (eval/gold_real/GUIDE.md)
    assert [t.assignee for t in find_tasks(text)] == [
        "Ủy ban nhân dân tỉnh", "Thường trực Hội đồng nhân dân Thành phố"]


def test_addressees_of_the_recipients_list_are_no_assignees() -> None:
    # Quyết định 64/2024/QĐ-UBND Hà Nội: "Nơi nhận:" then short "- …;" lines.
    text = ("Điều 4. Tổ chức thực hiện\n1. Giao Sở Tài chính hướng dẫn thực hiện Quyết định này.\n\n"
            "Nơi nhận: \n- Như Điều 4; \n- Thường trực: Thành ủy, HĐND Thành phố; \n"
            "- Văn phòng Chính phủ (để báo cáo); \n")
    assert [t.assignee for t in find_tasks(text)] == ["Sở Tài chính"]


def test_officials_of_listed_provinces_own_the_numbered_duties_below_them() -> None:
    # Công điện 227/CĐ-TTg (tvpl e01d3782): the provinces follow a colon inside the assignee.
    text = ("Thủ tướng Chính phủ yêu cầu:\n1. Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các\ntỉnh: Đắk Lắk, "
            "Khánh Hòa, Gia Lai và Lâm Đồng tiếp tục phân công nhiệm vụ cụ thể, trong đó tập trung một số "
            "nhiệm vụ sau:\n(1) Huy động các lực lượng, phương tiện tiếp cận các hộ dân bị cô lập.\n"
            "(2) Huy động các lực lượng hỗ trợ dọn dẹp, vệ sinh nhà cửa trước ngày 30/11/2025.\n")
    who = "Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa, Gia Lai và Lâm Đồng"
    got = find_tasks(text, dt.date(2025, 11, 23))
    assert [(t.assignee, t.deadline) for t in got] == [(who, None), (who, None), (who, "2025-11-30")]


def test_a_law_plans_duty_takes_its_body_and_deadline_from_the_lines_below() -> None:
    # Kế hoạch triển khai Luật Bảo vệ dữ liệu cá nhân (tvpl 86367f2d), real line breaks.
    text = ("2. Tổ chức tập huấn chuyên\nsâu, bồi dưỡng kiến thức pháp luật, nghiệp vụ bảo vệ dữ liệu "
            "cá nhân\n\n"
            "- Cơ quan chủ trì: Bộ Công\nan.\n\n- Cơ quan phối hợp: các bộ,\ncơ quan ngang bộ.\n\n"
            "- Thời gian hoàn thành: tháng\n12 năm 2026.\n\n3. Biên soạn tài liệu phục vụ\n"
            "công tác phổ biến Luật\n\n"
            "- Cơ quan thực hiện: Bộ Công\nan, Bộ Tư pháp.\n")
    got = find_tasks(text, dt.date(2025, 11, 1))
    assert [(t.assignee, t.deadline) for t in got] == [("Bộ Công an", "2026-12"), ("Bộ Công an", None)]
    assert got[0].text.startswith("Tổ chức tập huấn chuyên sâu")


@pytest.mark.parametrize(("text", "assignee"), [
    # the closing article of HĐND resolutions (Hà Nội, 2025)
    ("Điều 3. Tổ chức thực hiện\n3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội tuyên "
     "truyền, vận động tạo sự đồng thuận trong nhân dân và tham gia giám sát việc thực hiện Nghị quyết.",
     "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội"),
    # "tổ chức" after "và các" is a noun of the name, not the duty's verb; the named body leads
    ("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội và các tổ chức chính trị - xã hội "
     "phối hợp tổ chức tuyên truyền và giám sát việc thực hiện Nghị quyết.",
     "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội"),
])
def test_requests_opening_a_sentence(text: str, assignee: str) -> None:
    assert [t.assignee for t in find_tasks(text)] == [assignee]
