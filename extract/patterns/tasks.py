"""How Vietnamese administrative texts assign duties, and how they date them.

``extract/tasks.py`` reads a task as ``assignee + verb phrase [+ deadline]``: the assignee is a
body phrase (``extract/patterns/titles.py``) ending where the first duty verb below starts
("Sở Kế hoạch và Đầu tư chủ trì …": "Đầu tư" is capitalised, so it is part of the name).
"""

from __future__ import annotations

# Verbs (lower case, as written after a body's name) that start a duty. Not "thông báo" or
# "cấp": they end names such as "doanh nghiệp viễn thông" and "Ủy ban nhân dân các cấp".
TASK_VERBS = (
    r"chủ trì|phối hợp|hướng dẫn|xây dựng|tổ chức|rà soát|chỉ đạo|tham mưu|triển khai|hoàn thành|"
    r"hoàn thiện|thực hiện|bảo đảm|đảm bảo|giám sát|theo dõi|tổng hợp|báo cáo|kiểm tra|ban hành|lập|"
    r"lựa chọn|thẩm định|cân đối|bố trí|đầu tư|tập huấn|nghiên cứu|đề xuất|giúp|làm nhiệm vụ|"
    r"quyết định|tiếp tục|tiếp thu|cập nhật|đẩy mạnh|hỗ trợ|xác nhận|quản lý|đưa|lồng ghép|"
    r"trình|công bố|kích hoạt|khảo sát|đôn đốc|phát triển|tăng cường|nâng cấp|thành lập|"
    r"sửa đổi|bổ sung|điều chỉnh|rút ngắn|vận hành|duy trì|chuẩn bị|cung cấp|thu gom|xử lý|ứng dụng|"
    r"tuyên truyền|phổ biến|đào tạo|bồi dưỡng|số hóa|số hoá|kết nối|tích hợp|vận động|khẩn trương|"
    r"điều phối|điều hành|tư vấn|kiểm soát|thu hồi|giải quyết|chuyển giao|tiếp nhận|sắp xếp|bàn giao|"
    r"chấp hành|tạo điều kiện|nghiêm túc|chủ động|kịp thời|tích cực|"  # adverbs that open a duty
    r"sẽ|cần|phải|có trách nhiệm|có nhiệm vụ|là cơ quan|"
    r"cho biết|cho hay|khẳng định|nhấn mạnh|đề nghị|yêu cầu"  # reporting verbs end a name too
)

# A name cannot end on a joiner: a verb word after one ("Ủy ban Mặt trận Tổ quốc … và các tổ chức
# chính trị - xã hội phối hợp …") is a noun inside the name, and the duty's verb comes later.
NAME_GOES_ON = r"(?<!\w)(?:và|các|những|của|với|và\s+các)\s*$"

# After a named body and a comma, a group of its own organs or members ("Thường trực Hội đồng nhân
# dân Thành phố, các Ban của Hội đồng nhân dân Thành phố, các Tổ đại biểu và đại biểu …") is
# listed beside it as one responsible party: the first named is the assignee (eval/gold_real/GUIDE.md).
LISTED_GROUP = r"các\s+(?:Ban|Tổ\s+đại\s+biểu|đại\s+biểu|thành\s+viên)\b"

# A named body "và các" a plural group after it ("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội
# và các tổ chức chính trị - xã hội phối hợp …"): the named body leads and is the assignee.
WITH_GROUP = r"\s+và\s+các\s+(?:tổ\s+chức|cơ\s+quan|đơn\s+vị|sở|ban|ngành|địa\s+phương|hội|đoàn\s+thể)\b"

# A body named by its head alone ("Sở sẽ …" in a director's quote) stands for the last full name.
BARE_HEADS = ("Sở", "Bộ", "Ban", "Cục", "Trung tâm")

# Phrases between an assignee and its duties: "Ban Chỉ đạo có nhiệm vụ: 1. … 2. …".
DUTY_MARKERS = (
    r"có (?:các\s+)?nhiệm vụ|có (?:các\s+)?trách nhiệm|"
    r"là cơ quan thường trực[^,.;:]*?(?:,\s*có trách nhiệm)?|"
    r"là cơ quan đầu mối[^,.;:]*?(?:,\s*có trách nhiệm)?|chịu trách nhiệm"
)

# "Trách nhiệm của Sở Y tế:" / "5. Các cơ sở giáo dục đại học, cơ sở giáo dục nghề nghiệp:"
# introduce the duties listed below them.
RESPONSIBILITY_INTRO = (
    r"^(?:chức năng,?\s+)?(?:trách nhiệm|nhiệm vụ)(?:,?\s+(?:và\s+)?quyền hạn)?\s+(?:của\s+)?"
)

# Requests that name the assignee right after them ("đề nghị Sở … tiếp thu …").
# A sentence may open with one ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội phối
# hợp tuyên truyền …", the closing article of every HĐND resolution).
REQUESTS = r"đề nghị|Đề nghị|yêu cầu|Yêu cầu|giao|Giao"

# The decision's execution clause is boilerplate, not a duty.
BOILERPLATE = r"chịu trách nhiệm thi hành|chịu trách nhiệm tổ chức thi hành|có hiệu lực"

# Section headings whose numbered items are duties, and headings that end such a section.
TASK_HEADINGS = (
    r"^(?:chức năng,?\s+)?(?:các\s+)?(?:nhiệm vụ|tổ chức thực hiện|giải pháp|phân công|trách nhiệm|kiến nghị|"
    r"đề xuất|nhiệm vụ,? giải pháp|nhiệm vụ trọng tâm|phương hướng)"
)
OTHER_HEADINGS = r"^(?:kinh phí|mục tiêu|mục đích|kết quả|khó khăn|đánh giá|tình hình|hiệu lực|điều khoản)"

# Assignees too vague to act on ("yêu cầu các đơn vị tăng cường …").
VAGUE_ASSIGNEES = ("các đơn vị", "các cơ quan", "các cơ quan, đơn vị", "các đơn vị liên quan")

# Words that introduce a deadline before a date; a date right after a citation ("Nghị quyết
# số 18/2023/NQ-HĐND ngày 14/7/2023") is not one.
DEADLINE_CUES = r"(?:trước|trong|hoàn thành|xong|chậm nhất|hạn|đến|từ|vào|dịp)\s+(?:\S+\s+){0,3}$"
CITATION_BEFORE = r"(?:số\s+\S+|nghị quyết|quyết định|kế hoạch|thông tư|nghị định|văn bản|công văn)\s*$"

# A clause starting with these is a goal, not part of the duty ("…; phấn đấu đến năm 2025 …"):
# it ends the duty's text, so its year is never read as the deadline.
GOAL_TAIL = r"[;,]\s*(?:phấn đấu|mục tiêu|tầm nhìn)"

# "trước ngày 25 hằng tháng": a monthly deadline, written "25 each month" like the yearly
# "12-15 each year" the samples use.
MONTHLY = r"ngày\s+(?P<d>\d{1,2})\s+(?:hằng|hàng|mỗi)\s+tháng"

# Connectors stripped from the start of a task's text.
TEXT_LEAD_INS = r"^(?:[\s,;:.\-–+•]+|đồng thời[,\s]+|sau đó[,\s]+|chủ trì,?\s+)"

# ---- phrasing read by extract/tasks.py around the duties themselves ----------------------------

# Where an assignee's name stops: "Tổ giúp việc … trong thực hiện Đề án “…”"; "(cũ)" after a
# merged province stays in the name.
NAME_STOP = r"\s+trong\s+|\s*[“\"]|\s*\((?!cũ\)|mới\))"
# The end of the operative text: the recipients' list or the signature block.
BODY_END = r"^\W*(?:nơi nhận|tm\.|kt\.)"
# The recipients' list alone ("Nơi nhận:", "**Nơi nhận:**"): its short lines are addressees.
RECIPIENTS = r"^\W*nơi nhận"
# Words that only say the duty is to be done, cut from its end: "… trước ngày 30/6, hoàn thành",
# "… thực hiện xong".
DUTY_DONE_TAIL = r"[\s,;]*(?:hoàn thành|thực hiện xong|xong)?[\s,;.]*$"
# "sẽ" as a word: a news sentence saying what a body will do ("Sở sẽ tổ chức …") may hold duties.
FUTURE = r"(?<!\w)sẽ(?!\w)"
# A line introducing a list of requests: "UBND tỉnh yêu cầu các sở, ngành:".
REQUEST_INTRO = r"(?:yêu cầu|đề nghị|giao)\b[^:]*:\s*$"
# "Về bệnh án điện tử: …" names the topic, not a body.
TOPIC = r"Về\s+[^:;.]{1,60}:\s*"
# Reported speech before a duty in news: "Giám đốc Sở cho biết, …".
SPEAKS = r"(?:cho biết|cho hay)[,:]?\s*"
# "sẽ được …": a passive future, something that will be done to the body, not by it.
PASSIVE_FUTURE = r"(?<!\w)sẽ\s+được(?!\w)"
# "Hội Công chứng viên tỉnh Lâm Đồng (mới) là tổ chức xã hội …": a name ending in the copula
# defines the body ("tổ chức" is a noun there), it is not assigned a duty.
COPULA_END = r"\s(?:là|sẽ là|trở thành)$"

# Words before a body's name in a heading of a task section: "6. Đề nghị các tổ chức …",
# "Trách nhiệm của Sở Tư pháp".
BODY_HEADING_LEAD = r"^(?:đề nghị|giao|trách nhiệm của|nhiệm vụ của)\s+"
# "Các Bộ: Y tế, Công Thương, …": bodies of one head listed after a colon; the first is named
# as "Bộ Y tế".
LISTED_HEADS = r"^[Cc]ác\s+(Bộ|Sở|Ban|Cục)\s*:\s*([^,;]+?)\s*(?:[,;].*)?$"
# "Cụ thể:" on its own line after "3. Các bộ, ngành … tổ chức thực hiện …": the items below
# detail that item's duty, for its assignee.
DETAIL_INTRO = r"^(?:cụ thể|như sau|bao gồm|gồm)[^:]{0,20}:$"
# Officials a duty is given to besides the heads of extract/patterns/titles.py BODY_HEADS (kept
# out of those, which also read people): "1. Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh:
# Đắk Lắk, … tiếp tục …", "Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo …".
ASSIGNED_OFFICIALS = r"Bí thư|Thống đốc|Hiệu trưởng"
# "các"/"Các" before a plural body ("các sở, ngành", "Các địa phương"), and the members of a
# steering committee ("Thành viên Ban Chỉ đạo"): an assignee starts with these too. Case-sensitive.
PLURAL_LEAD = r"[Cc]ác\s+"
MEMBERS = r"[Tt]hành viên"
# A colon after a plural place head introduces the places, not the duty: "Bí thư tỉnh ủy và Chủ
# tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa, Gia Lai và Lâm Đồng tiếp tục …".
PLACE_LIST_COLON = r"các\s+(?:tỉnh|thành\s+phố|huyện|quận|xã|phường|địa\s+phương)\s*:$"
# The lines under a duty of a plan implementing a law: "- Cơ quan chủ trì: Bộ Công an." (the
# assignee; "Cơ quan phối hợp" only helps) and "- Thời gian hoàn thành: năm 2027" (the deadline).
LEAD_BODY = r"^(?:cơ\s+quan|đơn\s+vị)\s+(?:chủ\s+trì|thực\s+hiện|thực\s+hiện\s+chính)\s*:\s*(?P<b>.+)$"
LEAD_TIME = r"^(?:thời\s+gian|thời\s+hạn)\s+(?:hoàn\s+thành|thực\s+hiện|trình)\s*:\s*(?P<t>.+)$"
LEAD_HELPER = r"^(?:cơ\s+quan|đơn\s+vị)\s+phối\s+hợp\s*:"
