"""Who is who in running text: body names (the assignee of a task, an organisation), official
titles in the mixed case of running text (a person's title), and honorifics before names.

Signature blocks are upper case and read by ``extract/signers.py`` with
``lexicon/issuers.py``; these patterns are for sentences such as "Phó Chủ tịch UBND
tỉnh Hà Tĩnh Đặng Ngọc Sơn làm tổ trưởng" or "giao Sở Thông tin và Truyền thông chủ trì".
"""

from __future__ import annotations

# First word(s) of a body's name, longest first. A body phrase starts with one of these (or with
# "các"/"Các" + a plural body) and runs to the first verb of the sentence. Heads that also start
# common words are guarded: "Ban hành", "Báo cáo", "Trường hợp", "Hội nghị".
BODY_HEADS = (
    r"Ủy ban nhân dân|Uỷ ban nhân dân|Ủy ban|Uỷ ban|UBND|Hội đồng nhân dân|HĐND|Thường trực|"
    r"Ban Chỉ đạo|Ban Thường vụ|Ban Quản lý|Ban(?!\s+hành)|Bộ(?!\s+(?:trưởng|phận|máy|luật|hồ sơ))|"
    r"Sở(?!\s+hữu)|Tổng cục|"
    r"Cục(?!\s+trưởng)|Chi cục(?!\s+trưởng)|Vụ(?!\s+(?:việc|trưởng))|Văn phòng|Công an|Bộ Chỉ huy|"
    r"Bảo hiểm xã hội|Ngân hàng|Kho bạc|Liên minh|Liên đoàn|Mặt trận|Tỉnh đoàn|"
    r"Hội(?!\s+(?:nghị|thảo|thi|chợ))|Trung tâm|Viện(?!\s+trưởng)|Bệnh viện|Trường(?!\s+(?:hợp|Sa))|"
    r"Đài|Báo(?!\s+cáo)|Tổ công tác|Tổ giúp việc|Tổ(?!\s+(?:chức|trưởng|phó))|Đảng ủy|Đảng uỷ|"
    r"Tập đoàn|Tổng công ty|Công ty|Quỹ|Chính phủ|Thủ tướng Chính phủ|Quốc hội|Tòa án|Viện kiểm sát|"
    r"Đại học|Học viện|Cảng vụ|Ủy ban Mặt trận|Hợp tác xã|Tổng Công ty|"
    r"Đoàn Luật sư|Đoàn Thanh niên|"
    r"Bộ trưởng|Thủ trưởng|Giám đốc|Chánh Văn phòng|Chủ tịch"  # officials are assigned duties too
)

# Plural bodies after "các": "các sở, ngành, địa phương", "các bệnh viện tuyến tỉnh còn lại".
PLURAL_BODIES = (
    r"sở|ban|ngành|bộ|cơ quan|đơn vị|địa phương|huyện|xã|phường|quận|doanh nghiệp|bệnh viện|"
    r"trường|cơ sở|tổ chức|hợp tác xã|thành viên|nhà mạng|ngân hàng|tập đoàn"
)

# Official titles in running text, longest first ("Phó Chủ tịch" before "Chủ tịch").
PERSON_TITLES = (
    r"Phó Thủ tướng|Thủ tướng|Phó Chủ tịch|Chủ tịch|Thứ trưởng|Bộ trưởng|Phó Tổng Giám đốc|"
    r"Tổng Giám đốc|Phó Giám đốc|Giám đốc|Phó Chánh Văn phòng|Chánh Văn phòng|Phó Cục trưởng|"
    r"Cục trưởng|Phó Vụ trưởng|Vụ trưởng|Phó Chủ nhiệm|Chủ nhiệm|Phó Trưởng ban|Trưởng ban|"
    r"Phó Trưởng Ban|Trưởng Ban|Phó Bí thư|Bí thư|Thủ trưởng|Chánh án|Viện trưởng|Thống đốc|"
    r"Phó Thống đốc|Chi cục trưởng|Phó Chi cục trưởng|Trưởng phòng|Phó Trưởng phòng|Hiệu trưởng|"
    r"Phó Hiệu trưởng|Tổ trưởng|Tổ phó|Chánh Thanh tra|Đại biểu Quốc hội|Tổng Bí thư|Chủ tịch nước|"
    r"Tổng Thanh tra|Tổng Thư ký|Ủy viên|Uỷ viên|Thư ký"
)

# "Phó Chánh án", "Quyền Bộ trưởng": a deputy or acting holder of any title above.
TITLE_PREFIXES = r"Phó|Quyền"

# Military and police ranks written between a title and the name ("Bộ trưởng Bộ Công an Đại
# tướng Lương Tam Quang"): part of neither.
RANKS = r"Đại tướng|Thượng tướng|Trung tướng|Thiếu tướng|Đại tá|Thượng tá|Trung tá|Thiếu tá"

# Words before a name that mark it as a person: "Ông Hoàng Minh Đức", "đồng chí Triệu Thế Hùng".
HONORIFICS = (
    r"Ông|ông|Bà|bà|Anh|anh|Chị|chị|Đồng chí|đồng chí|đ/c|Đ/c|Thiếu tướng|Đại tá|Thượng tá|Trung tướng"
)

# Syllables a person's family name starts with (most common first); a capitalised run that
# starts elsewhere is more likely a place or a body.
FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Lương", "Trịnh", "Đinh", "Đoàn", "Mai", "Lâm", "Trương", "Cao",
    "Hà", "Triệu", "Tô", "Vi", "Lò", "Tạ", "Chu", "Đào", "Thái", "Lưu", "Quách", "Văn", "Kiều",
    "Hứa", "La", "Tăng", "Châu", "Từ", "Khổng", "Lại", "Nông", "Hầu", "Thân", "Phùng", "Đàm",
    "Giang", "Tống", "Mạc", "Âu", "Doãn", "Cù", "Khúc", "Ninh", "Bế", "Lục", "Sầm", "Quan",
    "Đậu", "Kim", "Mã", "Thạch", "Danh", "Lữ", "Vương", "Diệp", "Khương", "Tôn", "Nghiêm", "Bạch",
    "Lăng", "Ông", "Phí", "Lã", "Hoàng", "Cấn", "Kha", "Ngọ", "Nguyễn",
)  # fmt: skip

# "(cũ)"/"(mới)" after a merged province's name: "tỉnh Hải Dương (cũ)".
OLD_NEW = r"\s*\((?:cũ|mới)\)"
# Party roles, which are not the administrative title a person signs with.
PARTY_ROLE = r"^(?:Phó\s+)?Bí thư|^Ủy viên|^Uỷ viên"
# Roles inside a steering committee or working group: "Trưởng ban", "Tổ phó", "thành viên".
COMMITTEE_ROLE = r"^(?:phó\s+)?(?:trưởng ban|tổ trưởng|tổ phó|thành viên|ủy viên|uỷ viên)"
# Administrative levels a place name follows: "tỉnh", "thị xã", "thôn".
PLACE_LEVELS = r"tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|thôn|bản"

# Besides the duty verbs (extract/patterns/tasks.py TASK_VERBS), words that end a person's or a
# body's name in running text: "Phó Chủ tịch UBND tỉnh Đặng Ngọc Sơn vừa ký …", "… làm tổ
# trưởng", "… được bổ nhiệm", "… và các sở"; "ký" but not inside "Thư ký". Case-sensitive.
NAME_END_VERBS = r"vừa|đã|làm|(?<!Thư )ký|dự|là|được|giữ|chỉ định|bổ nhiệm|và các"

# Where a body's name ends: punctuation, a dash, a digit, or a preposition / light verb ("Sở Y tế
# tỉnh Nghệ An về việc …", "Ban Quản lý dự án đã …"). The words are matched in any case.
BODY_STOP = (
    r"\s*[,;:.()“”\"\d|*]|\n\s*\n|\s+[-–]\s|\s+(?i:về|của|tại|trong|theo|với|cho|để|là|đã|vừa|sẽ|từ|trên|"
    r"gồm|còn|có|được|thuộc|ngày|trước|sau|đối với|nhằm|và các|phê duyệt|ban hành|quy định|nhận|"
    r"chi trả|căn cứ|căn|xin|thông báo|kịp|biết|thay thế|bãi bỏ|niêm yết)(?![\wÀ-ỹ])"
)

# Where a list of posts after a name ends: ", Phó Bí thư Tỉnh uỷ, Chủ tịch UBND tỉnh - Trưởng ban"
# stops at the dash, a stop or a bracket; "(cũ)"/"(mới)" after a merged province does not end it.
POSTS_END = r"\s+[-–]\s+|[;.\n]|\((?!cũ\)|mới\))"
