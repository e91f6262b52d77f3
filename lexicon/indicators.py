"""Canonical indicators (SPEC §5): the measures provinces reuse from national programmes, as data.

Each entry is one measure an analyst pivots on. A phrase (a target's or achievement's
``indicator``, already in ``core.textnorm.match_form``: NFC, new-style tones, lower case) is that
measure when **every** group in ``all`` finds a match in it and no ``none`` pattern does.
Entries are tried in order, so the narrower measure comes first ("tỷ trọng kinh tế số trong
từng ngành" before "tỷ trọng kinh tế số trong GRDP"; "hộ cận nghèo" before "hộ nghèo").
``aliases`` are other wordings seen in real plans and reports; the embedding match
(``api.indicator_match``) compares phrases no rule catches against label + aliases.

Sources: QĐ 749/QĐ-TTg (Chương trình chuyển đổi số quốc gia), QĐ 411/QĐ-TTg (kinh tế số và xã
hội số), QĐ 942/QĐ-TTg (chính phủ điện tử/số), NQ 57-NQ/TW (khoa học, công nghệ, đổi mới sáng
tạo và chuyển đổi số), the DTI/PCI/PAR/SIPAS indexes, and the socio-economic targets every
provincial plan repeats (Nghị quyết phát triển kinh tế - xã hội hằng năm).
"""

from __future__ import annotations

from dataclasses import dataclass

# Spelling variants written into patterns once: "tỷ"/"tỉ", GRDP written out.
_TY = r"t[ỷỉ]"
_GRDP = r"grdp|gdp|tổng sản phẩm|giá trị sản phẩm|sản phẩm địa phương"


# Words that qualify a measure without changing it, removed before matching and before an id
# is made (``extract.indicators.normalize``), as regex alternatives in match form:
QUALIFIERS: tuple[str, ...] = (
    # where: "của tỉnh", "trên địa bàn thành phố", "toàn tỉnh", "cả nước"
    r"\b(của|trên địa bàn|toàn|cả|trên)\s+(tỉnh|thành phố|tp|huyện|xã|nước|vùng)\b",
    r"\btrên địa bàn\b",
    # when: "năm 2025", "giai đoạn 2021-2025", "6 tháng đầu năm", "quý I", "so với cùng kỳ"
    r"\b(năm|giai đoạn|đến năm|đến hết năm|đến|tính đến năm)\s+\d{4}(\s*[-–]\s*\d{4})?",
    r"\b\d+\s+tháng( đầu năm| cuối năm)?\b",
    r"\bquý\s+[ivx\d]+\b",
    r"\b(so với )?cùng kỳ\b",
    r"\bhằng năm\b|\bhàng năm\b|\bmỗi năm\b",
)
# A goal's or a result's verb at either end of the phrase ("phấn đấu …", "… đạt", "… tăng",
# "… thực hiện được"): the sentence's grammar, not the measure.
LEADING_WORDS: tuple[str, ...] = (
    "phấn đấu", "đảm bảo", "bảo đảm", "duy trì", "nâng", "đạt", "về số", "tổng số", "tổng", "số",
)
TRAILING_WORDS: tuple[str, ...] = (
    "đạt được", "thực hiện được", "ước thực hiện", "ước thực", "ước đạt", "ước", "dự kiến", "khoảng",
    "đạt", "tăng", "giảm", "bằng", "là", "có", "với", "chiếm", "lên", "gần", "trên",
    "nói trên", "sau đây", "đây",
)
# "diện tích đất trồng lúa" and "đất trồng lúa" are one measure (a land type is measured by area)
LEADING_MEASURE_WORDS: tuple[str, ...] = ("diện tích",)


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    source: str
    all: tuple[str, ...]  # regexes, each must match
    none: tuple[str, ...] = ()  # regexes, none may match
    aliases: tuple[str, ...] = ()


INDICATORS: tuple[Indicator, ...] = (
    # --- digital economy (QĐ 411/QĐ-TTg, QĐ 749/QĐ-TTg) ------------------------------------------
    # a rank among provinces ("xếp hạng Chính phủ số, kinh tế số": 15th) is not a GRDP share
    Indicator("xep-hang-chuyen-doi-so", "Xếp hạng chuyển đổi số (DTI) của tỉnh", "DTI",
              (r"xếp hạng|thứ hạng|\bhạng\b", r"chuyển đổi số|chính phủ số|kinh tế số|\bdti\b")),
    Indicator("kinh-te-so-ty-trong-nganh", "Tỷ trọng kinh tế số trong từng ngành, lĩnh vực", "411/QĐ-TTg",
              (r"kinh tế số", r"từng ngành|các ngành|ngành, lĩnh vực|lĩnh vực")),
    Indicator("kinh-te-so-ty-trong-grdp", "Tỷ trọng kinh tế số trong GRDP", "749/QĐ-TTg; 411/QĐ-TTg",
              (r"kinh tế số",), none=(r"quy mô|doanh thu|doanh nghiệp",),
              aliases=("kinh tế số chiếm tỷ trọng GRDP", "giá trị kinh tế số chiếm GRDP",
                       "tỷ trọng kinh tế số trong tổng sản phẩm trên địa bàn")),
    # --- digital government (QĐ 942/QĐ-TTg, QĐ 749/QĐ-TTg) --------------------------------------
    Indicator("dvc-truc-tuyen-toan-trinh", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "942/QĐ-TTg",
              (r"dịch vụ công|thủ tục hành chính|tthc", r"toàn trình|mức độ 4|mức độ cao nhất"),
              aliases=("thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình",)),
    Indicator("thanh-toan-truc-tuyen", "Tỷ lệ dịch vụ công, hồ sơ có thanh toán trực tuyến", "942/QĐ-TTg",
              (r"thanh toán trực tuyến",)),
    Indicator("so-hoa-ho-so", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "942/QĐ-TTg",
              (r"số hóa",), aliases=("hồ sơ được số hóa", "kết quả giải quyết TTHC được số hóa")),
    Indicator("ho-so-truc-tuyen", "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến", "942/QĐ-TTg",
              (r"hồ sơ", r"trực tuyến|qua mạng|môi trường điện tử"),
              aliases=("hồ sơ nộp trực tuyến", "tỷ lệ hồ sơ giải quyết trực tuyến")),
    Indicator("dvc-truc-tuyen", "Tỷ lệ dịch vụ công trực tuyến", "749/QĐ-TTg",
              (r"dịch vụ công trực tuyến|dvc trực tuyến|dvctt",)),
    Indicator("thanh-toan-khong-dung-tien-mat", "Tỷ lệ thanh toán không dùng tiền mặt", "749/QĐ-TTg",
              (r"không dùng tiền mặt",)),
    Indicator("tai-khoan-thanh-toan", "Tỷ lệ người trưởng thành có tài khoản thanh toán", "749/QĐ-TTg",
              (r"tài khoản (thanh toán|giao dịch|ngân hàng)|thanh toán điện tử",)),
    Indicator("cap-quang-ho-gia-dinh", "Tỷ lệ hộ gia đình có kết nối cáp quang", "749/QĐ-TTg",
              (r"cáp quang|băng rộng cố định|internet băng rộng",)),
    Indicator("pho-song-di-dong", "Tỷ lệ phủ sóng băng rộng di động 4G/5G", "749/QĐ-TTg",
              (r"phủ sóng|băng rộng di động|\b[45]g\b",)),
    Indicator("dien-thoai-thong-minh", "Tỷ lệ người dân có điện thoại thông minh", "749/QĐ-TTg",
              (r"điện thoại thông minh|smartphone",)),
    Indicator("chu-ky-so", "Tỷ lệ người dân, doanh nghiệp có chữ ký số", "749/QĐ-TTg",
              (r"chữ ký số|chứng thư số|ký số",)),
    Indicator("dinh-danh-dien-tu", "Tỷ lệ người dân có định danh điện tử", "749/QĐ-TTg",
              (r"định danh điện tử|vneid|danh tính số",)),
    Indicator("van-ban-dien-tu", "Tỷ lệ văn bản, hồ sơ công việc xử lý trên môi trường mạng", "942/QĐ-TTg",
              (r"văn bản|hồ sơ công việc", r"điện tử|môi trường mạng|trên mạng")),
    Indicator("doanh-nghiep-cong-nghe-so", "Số doanh nghiệp công nghệ số", "411/QĐ-TTg",
              (r"doanh nghiệp công nghệ số|doanh nghiệp số",)),
    Indicator("chi-so-dti", "Chỉ số chuyển đổi số (DTI)", "DTI",
              (r"\bdti\b|chỉ số chuyển đổi số|xếp hạng chuyển đổi số",)),
    # --- science, technology, innovation (Nghị quyết 57-NQ/TW) ----------------------------------
    Indicator("chi-rd-ty-le-gdp", "Chi nghiên cứu và phát triển (R&D) so với GRDP", "57-NQ/TW",
              (r"nghiên cứu và phát triển|nghiên cứu, phát triển|r&d|r ?& ?d",)),
    Indicator("chi-ngan-sach-khcn", "Tỷ lệ chi ngân sách cho khoa học, công nghệ, ĐMST và chuyển đổi số",
              "57-NQ/TW", (r"khoa học|đổi mới sáng tạo|chuyển đổi số", r"\bchi\b|ngân sách|kinh phí|vốn")),
    Indicator("tfp", "Đóng góp của năng suất các nhân tố tổng hợp (TFP)", "57-NQ/TW",
              (r"\btfp\b|năng suất các nhân tố tổng hợp",)),
    Indicator("doanh-nghiep-doi-moi-sang-tao", "Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo",
              "57-NQ/TW", (r"doanh nghiệp", r"đổi mới sáng tạo|đổi mới công nghệ|khởi nghiệp")),
    Indicator("nhan-luc-nghien-cuu", "Số cán bộ nghiên cứu trên một vạn dân", "57-NQ/TW",
              (r"nghiên cứu", r"vạn dân|10\.?000 dân")),
    Indicator("sang-che", "Số đơn, văn bằng sáng chế", "57-NQ/TW", (r"sáng chế|văn bằng bảo hộ",)),
    # --- governance indexes --------------------------------------------------------------------
    Indicator("chi-so-pci", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", "PCI",
              (r"\bpci\b|năng lực cạnh tranh",)),
    Indicator("chi-so-par", "Chỉ số cải cách hành chính (PAR INDEX)", "PAR INDEX",
              (r"par ?index|chỉ số cải cách hành chính",)),
    Indicator("chi-so-hai-long", "Chỉ số hài lòng của người dân (SIPAS)", "SIPAS",
              (r"sipas|hài lòng",)),
    Indicator("chi-so-papi", "Chỉ số hiệu quả quản trị và hành chính công (PAPI)", "PAPI",
              (r"papi|hiệu quả quản trị",)),
    # --- growth and structure -------------------------------------------------------------------
    Indicator("grdp-binh-quan-dau-nguoi", "GRDP bình quân đầu người", "KT-XH",
              (_GRDP, r"đầu người")),
    Indicator("thu-nhap-binh-quan-dau-nguoi", "Thu nhập bình quân đầu người", "KT-XH",
              (r"thu nhập", r"bình quân|đầu người|trung bình")),
    Indicator("ty-trong-nong-lam-thuy-san", "Tỷ trọng nông, lâm nghiệp, thủy sản trong GRDP", "KT-XH",
              (rf"{_TY} trọng|cơ cấu", r"nông|lâm|thủy sản|ngư")),
    Indicator("ty-trong-cong-nghiep-xay-dung", "Tỷ trọng công nghiệp - xây dựng trong GRDP", "KT-XH",
              (rf"{_TY} trọng|cơ cấu", r"công nghiệp")),
    Indicator("ty-trong-dich-vu", "Tỷ trọng dịch vụ trong GRDP", "KT-XH",
              (rf"{_TY} trọng|cơ cấu", r"dịch vụ")),
    Indicator("tang-truong-grdp", "Tốc độ tăng trưởng GRDP", "KT-XH",
              (r"tăng trưởng|tốc độ tăng|tăng", rf"{_GRDP}|kinh tế"),
              aliases=("tăng trưởng kinh tế", "tốc độ tăng tổng sản phẩm trên địa bàn")),
    Indicator("quy-mo-grdp", "Quy mô GRDP", "KT-XH", (_GRDP,), none=(r"tăng",)),
    Indicator("chi-so-san-xuat-cong-nghiep", "Chỉ số sản xuất công nghiệp (IIP)", "KT-XH",
              (r"chỉ số sản xuất công nghiệp|\biip\b",)),
    Indicator("gia-tri-san-xuat-cong-nghiep", "Giá trị sản xuất công nghiệp", "KT-XH",
              (r"sản xuất công nghiệp|giá trị công nghiệp",)),
    # --- budget, investment, trade --------------------------------------------------------------
    Indicator("thu-ngan-sach", "Thu ngân sách nhà nước trên địa bàn", "KT-XH",
              (r"thu ngân sách|thu nsnn|thu nội địa|tổng thu ngân sách|thu ngân sách nhà nước",)),
    Indicator("chi-ngan-sach", "Chi ngân sách địa phương", "KT-XH", (r"chi ngân sách|tổng chi",)),
    Indicator("giai-ngan-dau-tu-cong", "Tỷ lệ giải ngân vốn đầu tư công", "KT-XH", (r"giải ngân",)),
    Indicator("von-dau-tu-fdi", "Vốn đầu tư trực tiếp nước ngoài (FDI)", "KT-XH",
              (r"\bfdi\b|đầu tư trực tiếp nước ngoài|(vốn|đầu tư) nước ngoài",)),
    Indicator("von-dau-tu-toan-xa-hoi", "Tổng vốn đầu tư toàn xã hội", "KT-XH",
              (r"vốn đầu tư", r"xã hội"), none=(r"ngoài nhà nước|khu vực",)),
    # growth of exports is its own measure (a rate, not a value); a product's exports ("xuất
    # khẩu gạo") are not the province's total, so the total is matched only as a whole phrase
    Indicator("tang-truong-xuat-khau", "Tốc độ tăng kim ngạch xuất khẩu", "KT-XH",
              (r"xuất khẩu", r"tốc độ|tăng trưởng")),
    Indicator("kim-ngach-xuat-khau", "Kim ngạch xuất khẩu", "KT-XH",
              (r"^(kim ngạch|giá trị)? ?xuất khẩu( hàng hóa)?$",)),
    Indicator("tong-muc-ban-le", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ", "KT-XH", (r"bán lẻ",)),
    Indicator("doanh-nghiep-thanh-lap-moi", "Số doanh nghiệp thành lập mới", "KT-XH",
              (r"doanh nghiệp", r"thành lập|đăng ký mới|đăng ký thành lập")),
    Indicator("chi-so-gia-tieu-dung", "Chỉ số giá tiêu dùng (CPI)", "KT-XH",
              (r"chỉ số giá tiêu dùng|\bcpi\b",)),
    Indicator("khach-quoc-te", "Lượt khách du lịch quốc tế", "KT-XH", (r"khách quốc tế|khách nước ngoài",)),
    Indicator("khach-du-lich", "Lượt khách du lịch", "KT-XH", (r"khách du lịch|lượt khách",)),
    Indicator("doanh-thu-du-lich", "Tổng thu từ du lịch", "KT-XH", (r"du lịch", r"thu"), none=(r"lữ hành",)),
    Indicator("san-luong-luong-thuc", "Sản lượng lương thực", "KT-XH", (r"lương thực",)),
    Indicator("san-luong-thuy-san", "Sản lượng thủy sản", "KT-XH", (r"thủy sản", r"sản lượng")),
    # --- society --------------------------------------------------------------------------------
    Indicator("ty-le-ho-can-ngheo", "Tỷ lệ hộ cận nghèo", "KT-XH", (r"cận nghèo",)),
    Indicator("ty-le-ho-ngheo", "Tỷ lệ hộ nghèo", "KT-XH", (r"nghèo",),
              aliases=("giảm tỷ lệ hộ nghèo đa chiều", "tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều")),
    Indicator("ty-le-do-thi-hoa", "Tỷ lệ đô thị hóa", "KT-XH", (r"đô thị hóa",)),
    Indicator("lao-dong-qua-dao-tao-bang-cap", "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", "KT-XH",
              (r"lao động", r"đào tạo", r"bằng cấp|chứng chỉ|văn bằng")),
    Indicator("lao-dong-qua-dao-tao", "Tỷ lệ lao động qua đào tạo", "KT-XH",
              (r"lao động", r"qua đào tạo|được đào tạo|đào tạo nghề")),
    Indicator("viec-lam-moi", "Số lao động được giải quyết việc làm", "KT-XH",
              (r"việc làm",), none=(r"thất nghiệp",)),
    Indicator("ty-le-that-nghiep", "Tỷ lệ thất nghiệp", "KT-XH", (r"thất nghiệp",), none=(r"bảo hiểm",)),
    Indicator("bao-hiem-y-te", "Tỷ lệ dân số tham gia bảo hiểm y tế", "KT-XH", (r"bảo hiểm y tế|\bbhyt\b",)),
    Indicator("bao-hiem-that-nghiep", "Tỷ lệ lao động tham gia bảo hiểm thất nghiệp", "KT-XH",
              (r"bảo hiểm thất nghiệp",)),
    Indicator("bao-hiem-xa-hoi", "Tỷ lệ lực lượng lao động tham gia bảo hiểm xã hội", "KT-XH",
              (r"bảo hiểm xã hội|\bbhxh\b",)),
    Indicator("bac-si-tren-van-dan", "Số bác sĩ trên một vạn dân", "KT-XH",
              (r"bác sĩ", r"vạn dân|10\.?000 dân")),
    Indicator("giuong-benh-tren-van-dan", "Số giường bệnh trên một vạn dân", "KT-XH", (r"giường bệnh",)),
    Indicator("suy-dinh-duong-tre-em", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng", "KT-XH",
              (r"suy dinh dưỡng",)),
    Indicator("tuoi-tho-binh-quan", "Tuổi thọ trung bình", "KT-XH", (r"tuổi thọ",)),
    Indicator("xa-nong-thon-moi", "Số xã đạt chuẩn nông thôn mới", "KT-XH", (r"nông thôn mới",)),
    Indicator("truong-dat-chuan-quoc-gia", "Tỷ lệ trường học đạt chuẩn quốc gia", "KT-XH",
              (r"trường", r"chuẩn quốc gia")),
    Indicator("nuoc-sach", "Tỷ lệ dân cư được sử dụng nước sạch", "KT-XH",
              (r"nước sạch|nước hợp vệ sinh",)),
    Indicator("ty-le-che-phu-rung", "Tỷ lệ che phủ rừng", "KT-XH", (r"che phủ",)),
    Indicator("thu-gom-xu-ly-chat-thai", "Tỷ lệ chất thải rắn được thu gom, xử lý", "KT-XH",
              (r"chất thải|rác thải", r"thu gom|xử lý"), none=(r"tổng số|khối lượng|cần",)),
    Indicator("nha-o-xa-hoi", "Nhà ở xã hội hoàn thành", "KT-XH", (r"nhà ở xã hội",)),
    Indicator("dan-so", "Quy mô dân số", "KT-XH", (r"^dân số$|quy mô dân số",)),
)
