"""Build the demo corpus (corpus/docs/) from our own text sources (corpus/src/).

Every document is written by us as UTF-8 text; this script turns some of them into the other
formats the ingest stage must handle, so the demo exercises every reader and every repair:

- ``news_*`` sources (a ``KEY: value`` head, ``---``, paragraphs) become HTML pages wrapped in
  a news portal's chrome (menu, ticker, "Tin liên quan" sidebar full of numbers, comments,
  visitor counter, footer): the boilerplate the HTML reader must strip.
- DOCX: the two-column header (issuer | quốc hiệu) as a borderless table, as offices type it.
- text PDF (reportlab + DejaVuSans, which has every Vietnamese glyph).
- scanned PDF: the text PDF rendered at 200 dpi, tilted and speckled, saved image-only.
- legacy text encodings: Windows-1258 (decomposed tone marks), UTF-16 with BOM, and a UTF-8
  letter with one passage pasted from a TCVN3 (.VnTime) file.
- everything else is copied as UTF-8 text.

Idempotent and deterministic (fixed seeds, reportlab's invariant mode), so re-running it leaves
``git status`` clean. Run: ``.venv/bin/python corpus/build.py``.
"""

from __future__ import annotations

import html
import io
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
DOCS = HERE / "docs"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# The five combining tone marks; Windows-1258 stores them apart from the letter.
TONES = "\u0300\u0301\u0303\u0309\u0323"

# Sources that become something other than UTF-8 text (news_* always become HTML).
DOCX = {"qd_nghean_2890_2021"}
PDF_TEXT = {"qd_quangbinh_876_2022"}
PDF_SCAN = {"cv_quangbinh_1520_2023"}
CP1258 = {"qd_lamdong_1402_2022"}
UTF16 = {"bc_lamdong_215_2023"}
# Source -> (first, last) line of the passage that is stored in TCVN3 (1-based, inclusive).
TCVN3_PASSAGE = {"cv_haiduong_1733_2021": ("2. Về hồ sơ sức khỏe", "3. Về thanh toán")}

# News portals: their chrome is data so each page looks like a different site.
SITES: dict[str, dict[str, object]] = {
    "hatinh": {
        "name": "Cổng Thông tin điện tử tỉnh Hà Tĩnh",
        "menu": ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Chuyển đổi số", "Dịch vụ công", "Liên hệ"],
        "ticker": [
            "Hà Tĩnh thu hút 12 dự án đầu tư mới trong quý I",
            "Lấy ý kiến góp ý Dự thảo Quyết định sửa đổi Bảng giá đất năm 2020",
            "Khai mạc Lễ hội Du lịch biển Thiên Cầm 2024",
        ],
        "related": [
            "Hà Tĩnh xếp thứ 9 cả nước về chỉ số DTI năm 2023",
            "Quyết định 2151/QĐ-UBND thành lập Tổ công tác chuyển đổi số",
            "Đạt 95% hồ sơ công việc xử lý trên môi trường mạng",
        ],
        "footer": "Cơ quan chủ quản: Văn phòng UBND tỉnh Hà Tĩnh. Địa chỉ: 01 Nguyễn Tất Thành, TP Hà Tĩnh. "
        "Điện thoại: 0239.3855.112. Ghi rõ nguồn khi phát hành lại thông tin từ Cổng này.",
        "visits": "4.534",
    },
    "nghean": {
        "name": "Báo Nghệ An điện tử",
        "menu": ["Thời sự", "Kinh tế", "Nông nghiệp", "Xã hội", "Xứ Nghệ", "Video"],
        "ticker": ["Giá lúa hè thu tăng 300 đồng/kg", "Nghệ An đón 2,1 triệu lượt khách trong 6 tháng"],
        "related": [
            "Nghệ An có 512 sản phẩm OCOP đạt 3 sao trở lên",
            "Kế hoạch 145/KH-UBND: Chuyển đổi số ngành nông nghiệp",
            "Xuất khẩu nông sản tăng 18% so với cùng kỳ",
        ],
        "footer": "Tổng biên tập: Phạm Tuấn Vinh. Giấy phép số 456/GP-BTTTT. "
        "Tòa soạn: 05 Phan Đăng Lưu, TP Vinh. Xem chi tiết điều khoản sử dụng.",
        "visits": "1.208.775",
    },
    "quangbinh": {
        "name": "Báo Quảng Bình",
        "menu": ["Chính trị", "Kinh tế", "Môi trường", "Du lịch", "Quốc phòng"],
        "ticker": ["Quảng Bình chủ động ứng phó áp thấp nhiệt đới", "Phong Nha đón 85.000 lượt khách dịp hè"],
        "related": [
            "Thu gom 98% rác thải rắn đô thị tại Đồng Hới",
            "Nghị quyết 09/2022/NQ-HĐND về bảo vệ môi trường",
            "Trồng mới 1.200 ha rừng phòng hộ ven biển",
        ],
        "footer": "Báo Quảng Bình - Cơ quan của Đảng bộ tỉnh Quảng Bình. Điện thoại: 0232.3822.357. "
        "Bản quyền thuộc Báo Quảng Bình.",
        "visits": "87.102",
    },
    "lamdong": {
        "name": "Báo Lâm Đồng điện tử",
        "menu": ["Thời sự", "Nông nghiệp công nghệ cao", "Du lịch", "Đà Lạt", "Bạn đọc"],
        "ticker": ["Đà Lạt đón 7,8 triệu lượt khách", "Giá cà phê nhân xô vượt 100.000 đồng/kg"],
        "related": [
            "Lâm Đồng có 65.000 ha nông nghiệp ứng dụng công nghệ cao",
            "Quyết định 1402/QĐ-UBND: kế hoạch nông nghiệp công nghệ cao",
            "Hoa Đà Lạt xuất khẩu tăng 15%",
        ],
        "footer": "Báo Lâm Đồng - 38 Quang Trung, Đà Lạt. Giấy phép 28/GP-BTTTT. "
        "Liên hệ quảng cáo: 0263.3822.187.",
        "visits": "352.901",
    },
    "danang": {
        "name": "Cổng thông tin điện tử thành phố Đà Nẵng",
        "menu": ["Chính quyền", "Công dân", "Doanh nghiệp", "Du khách", "Dữ liệu mở"],
        "ticker": ["Đà Nẵng công bố 20 điểm phát wifi miễn phí mới", "Lịch tiếp công dân tháng 3/2025"],
        "related": [
            "Đà Nẵng dẫn đầu chỉ số chuyển đổi số cấp tỉnh 5 năm liền",
            "Kế hoạch 165/KH-UBND về phát triển hạ tầng số",
            "100% trường học kết nối cáp quang",
        ],
        "footer": "Cơ quan quản lý: Sở Thông tin và Truyền thông thành phố Đà Nẵng. "
        "Số 24 Trần Phú, quận Hải Châu. Tổng đài 1022.",
        "visits": "9.876.543",
    },
    "haiduong": {
        "name": "Báo Hải Dương",
        "menu": ["Thời sự", "Y tế", "Giáo dục", "Kinh tế", "Xứ Đông"],
        "ticker": ["Hải Dương tiêm 1,2 triệu liều vắc xin", "Vải thiều Thanh Hà xuất khẩu sang Nhật Bản"],
        "related": [
            "90% trạm y tế xã triển khai bệnh án điện tử",
            "Quyết định 2210/QĐ-UBND về y tế số",
            "Bệnh viện Đa khoa tỉnh khám 3.500 lượt/ngày",
        ],
        "footer": "Báo Hải Dương. Địa chỉ: 28 Đồng Xuân, TP Hải Dương. Cổng thông tin điện tử của các "
        "đơn vị thuộc tỉnh.",
        "visits": "665.430",
    },
    "thanhhoa": {
        "name": "Báo Thanh Hóa",
        "menu": ["Thời sự", "Giáo dục", "Kinh tế", "Văn hóa", "Xứ Thanh"],
        "ticker": ["Thanh Hóa thu ngân sách vượt 50.000 tỷ đồng", "Sầm Sơn đón 1 triệu khách dịp lễ"],
        "related": [
            "Thanh Hóa có 97% trường đạt chuẩn quốc gia ở bậc tiểu học",
            "Nghị quyết 42/2024/NQ-HĐND về hỗ trợ giáo dục",
            "Tuyển sinh lớp 10 năm 2024: 35.000 thí sinh",
        ],
        "footer": "Báo Thanh Hóa - Cơ quan của Đảng bộ tỉnh Thanh Hóa. 51 Hạc Thành, TP Thanh Hóa. "
        "Giấy phép số 90/GP-BTTTT.",
        "visits": "2.010.334",
    },
}
COMMENTS = [
    ("Nguyễn Văn Hùng", "Mong tỉnh sớm hoàn thành, thủ tục bây giờ vẫn còn phải đi lại 3 lần."),
    ("Thu Trang", "Thông tin rất hữu ích, cảm ơn báo!"),
]


def parse_news(src: str) -> tuple[dict[str, str], list[str]]:
    head, _, body = src.partition("\n---\n")
    meta = dict(line.split(": ", 1) for line in head.strip().splitlines())
    return meta, [p.strip() for p in body.strip().splitlines() if p.strip()]


def news_html(src: str) -> str:
    """A portal page: the article inside a lot of chrome, all of it with real-looking text."""
    meta, paras = parse_news(src)
    site = SITES[meta["SITE"]]
    esc = html.escape
    date, time = meta["PUBLISHED"].split()
    y, m, d = date.split("-")
    menu = "".join(f'<li><a href="#">{esc(x)}</a></li>' for x in site["menu"])  # type: ignore[union-attr]
    ticker = " | ".join(esc(x) for x in site["ticker"])  # type: ignore[union-attr]
    related = "".join(f'<li><a href="#">{esc(x)}</a></li>' for x in site["related"])  # type: ignore[union-attr]
    comments = "".join(
        f'<div class="comment"><b>{esc(n)}</b><p>{esc(t)}</p></div>' for n, t in COMMENTS
    )
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{esc(meta["TITLE"])} - {esc(str(site["name"]))}</title>
<meta property="og:title" content="{esc(meta["TITLE"])}">
<meta property="article:published_time" content="{date}T{time}:00+07:00">
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header class="site-header">
<div class="logo"><a href="/">{esc(str(site["name"]))}</a></div>
<nav class="main-menu"><ul>{menu}</ul></nav>
<div class="ticker"><marquee>{ticker}</marquee></div>
<form class="search"><input type="text" placeholder="Tìm kiếm..."><button>Tìm</button></form>
</header>
<main>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="#">Tin tức</a></div>
<article class="detail">
<h1 class="title">{esc(meta["TITLE"])}</h1>
<div class="meta"><span class="time">{time} {d}/{m}/{y}</span></div>
<div class="content">
{body}
<p class="author"><strong>{esc(meta["AUTHOR"])}</strong></p>
</div>
<div class="share">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In bài viết</a></div>
</article>
<section class="comments">
<h3>Ý kiến bạn đọc (2)</h3>
{comments}
<form><textarea placeholder="Nhập bình luận của bạn"></textarea><button>Gửi bình luận</button></form>
</section>
<aside class="sidebar">
<h3>Tin liên quan</h3>
<ul>{related}</ul>
<div class="counter">Lượt truy cập: {site["visits"]} | Đang trực tuyến: 128</div>
</aside>
</main>
<footer class="site-footer"><p>{esc(str(site["footer"]))}</p><p>© {y} {esc(str(site["name"]))}</p></footer>
</body>
</html>
"""


def header_columns(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split a source's header into left column, right column and the rest.

    Sources start with issuer lines, ``---``, quốc hiệu, ``---``, ``Số: …`` and the
    place-date line; offices lay these out as two columns.
    """
    left: list[str] = []
    right: list[str] = []
    i = 0
    while i < len(lines) and not lines[i].startswith("CỘNG HÒA"):
        left.append(lines[i])
        i += 1
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        (left if line.startswith(("Số:", "V/v")) else right).append(line)
        i += 1
    return left, right, lines[i:]


def docx_bytes(src: str) -> bytes:
    from docx import Document
    from docx.shared import Pt

    left, right, rest = header_columns(src.splitlines())
    doc = Document()
    doc.core_properties.author = "vanban demo corpus"
    # python-docx stamps the creation time; pin it so rebuilding is byte-stable.
    import datetime as dt

    stamp = dt.datetime(2021, 8, 20, 8, 0, 0)
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.core_properties.last_modified_by = "vanban"
    table = doc.add_table(rows=1, cols=2)
    for cell, col in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = "\n".join(col)
    for para in rest:
        if para.strip():
            p = doc.add_paragraph(para)
            for run in p.runs:
                run.font.size = Pt(13)
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps (python-docx uses the current time)."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2021, 8, 20, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def pdf_bytes(src: str) -> bytes:
    """A text PDF laid out like a printed decision: two-column header table, then paragraphs."""
    from reportlab import rl_config

    rl_config.invariant = 1  # no timestamps or random ids in the file
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    font = FONT_DIR / "DejaVuSerif.ttf"
    if not font.exists():
        sys.exit(f"missing {font}: apt-get install fonts-dejavu-core")
    pdfmetrics.registerFont(TTFont("DejaVuSerif", str(font)))
    style = ParagraphStyle("body", fontName="DejaVuSerif", fontSize=11, leading=15, spaceAfter=4)
    center = ParagraphStyle("center", parent=style, alignment=1)
    left, right, rest = header_columns(src.splitlines())
    esc = html.escape
    story: list[object] = [
        Table(
            [[Paragraph("<br/>".join(esc(x) for x in left), center),
              Paragraph("<br/>".join(esc(x) for x in right), center)]],
            colWidths=[7.5 * cm, 9.5 * cm],
        ),
        Spacer(1, 12),
    ]
    for para in rest:
        if para.strip():
            story.append(Paragraph(esc(para), style))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title="", author="", creator="", producer="",
                      leftMargin=2.5 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm
                      ).build(story)
    return buf.getvalue()


def scan_bytes(src: str) -> bytes:
    """Render our text PDF to images and degrade them like a desk scanner would."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    pdf = pdfium.PdfDocument(pdf_bytes(src))
    rng = random.Random(1520)
    pages: list[Image.Image] = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=200 / 72).to_pil().convert("L")
        img = img.rotate(0.7 if i % 2 == 0 else -0.5, resample=Image.Resampling.BICUBIC,
                         expand=False, fillcolor=255)
        px = img.load()
        w, h = img.size
        for _ in range(w * h // 400):  # dust: dark specks on the paper
            x, y = rng.randrange(w), rng.randrange(h)
            px[x, y] = rng.randrange(60, 160)
        img = img.filter(ImageFilter.GaussianBlur(0.6))
        pages.append(img)
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=200.0)
    data = re.sub(rb"/CreationDate \(D:[^)]*\)", b"", buf.getvalue())
    return re.sub(rb"/ModDate \(D:[^)]*\)", b"", data)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 has precomposed â/ê/ô/ơ/ư/ă/đ but no toned letters: tones are combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        tone = "".join(c for c in parts if c in TONES)
        out += (base + tone).encode("cp1258")
    return bytes(out)



def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 (ABC) as it surfaces when a .VnTime file is read as Latin-1.

    TCVN3 has no upper-case toned letters (headings used the .VnTimeH font with lower-case
    codes), so an upper-case toned letter is written with its lower-case code.
    """
    from viparse.normalize.tcvn3 import TCVN3

    table = {uni: legacy for legacy, uni in TCVN3.pairs}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            out.append(table[ch])
        elif ch.lower() in table and ch.lower() != ch:
            out.append(table[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def with_tcvn3_passage(src: str, first: str, stop: str) -> str:
    lines = src.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(first))
    end = next(i for i, ln in enumerate(lines) if ln.startswith(stop))
    lines[start:end] = [to_tcvn3(ln) for ln in lines[start:end]]
    return "\n".join(lines) + "\n"


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def build(out: Path = DOCS) -> list[str]:
    """Write every document into ``out``; returns the names written or removed (``-name``)."""
    out.mkdir(exist_ok=True)
    written: list[str] = []
    expected: set[str] = set()
    for src_path in sorted(SRC.glob("*.txt")):
        stem, src = src_path.stem, src_path.read_text(encoding="utf-8")
        if stem.startswith("news_"):
            target, data = out / f"{stem}.html", news_html(src).encode("utf-8")
        elif stem in DOCX:
            target, data = out / f"{stem}.docx", docx_bytes(src)
        elif stem in PDF_TEXT:
            target, data = out / f"{stem}.pdf", pdf_bytes(src)
        elif stem in PDF_SCAN:
            target, data = out / f"{stem}.pdf", scan_bytes(src)
        elif stem in CP1258:
            target, data = out / f"{stem}.txt", to_cp1258(src)
        elif stem in UTF16:
            target, data = out / f"{stem}.txt", src.encode("utf-16")
        elif stem in TCVN3_PASSAGE:
            target, data = out / f"{stem}.txt", with_tcvn3_passage(src, *TCVN3_PASSAGE[stem]).encode("utf-8")
        else:
            target, data = out / f"{stem}.txt", src.encode("utf-8")
        expected.add(target.name)
        if write_if_changed(target, data):
            written.append(target.name)
    for stale in out.iterdir():
        if stale.name not in expected and stale.is_file():
            stale.unlink()
            written.append(f"-{stale.name}")
    return written


if __name__ == "__main__":
    changed = build()
    print(f"corpus/docs: {len(list(DOCS.iterdir()))} files, {len(changed)} changed"
          + (f": {', '.join(changed)}" if changed else ""))
