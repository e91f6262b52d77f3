"""How a formal text says when it takes effect (SPEC §5 ``effective_from``), as data.

"Quyết định này có hiệu lực kể từ ngày ký" (the signing date), "… có hiệu lực thi hành từ ngày
01/5/2024", "Nghị quyết này … có hiệu lực từ ngày 01 tháng 01 năm 2022", "… có hiệu lực sau 10
ngày kể từ ngày ký". Only the text's own statement counts: its subject is "<loại văn bản> này".
"""

from __future__ import annotations

import re

# The statement's subject: this very text ("Quyết định này", "Quy định này", "Nghị quyết này").
_TYPES = (r"(?:Quyết\s+định|Nghị\s+quyết|Kế\s+hoạch|Chỉ\s+thị|Thông\s+tư|Nghị\s+định|Quy\s+định|Quy\s+chế"
          r"|Văn\s+bản|Thông\s+báo|Luật|Pháp\s+lệnh|Hướng\s+dẫn|Chương\s+trình|Đề\s+án)")
# Without "này" the type word names this text only when it opens a line and is the subject of
# the statement or of its passing, never of a number ("Quyết định số …" is another text):
# "Điều 3. Hiệu lực thi hành / Nghị quyết có hiệu lực thi hành kể từ ngày …", "1. Quyết định có
# hiệu lực thi hành kể từ ngày …", "Nghị quyết đã được Hội đồng nhân dân tỉnh … thông qua ngày …
# và có hiệu lực từ ngày …".
_SUBJECT = (rf"(?:{_TYPES}\s+này|(?:^|(?<=\n))[ \t*]*(?:\d{{1,2}}[.)][ \t]*)?{_TYPES}"
            r"(?=\s+(?:có\s+hiệu\s+lực|đã\s+được|được)))")
# "có hiệu lực (thi hành) (kể) từ ngày" — then the date or the signing.
STATEMENT = re.compile(
    rf"{_SUBJECT}[^.;]{{0,160}}?có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+"
    r"(?:(?:kể\s+)?từ\s+(?:ngày\s+)?|sau\s+(?P<days>\d{1,3})\s+ngày\s+kể\s+từ\s+ngày\s+)",
    re.IGNORECASE,
)
# After STATEMENT: the text takes effect when signed / issued.
ON_SIGNING = re.compile(r"^(?:ngày\s+)?(?:ký|kí|ban\s+hành)(?:\s+ban\s+hành)?\b", re.IGNORECASE)
