"""Silver labels from thuvienphapluat.vn pages: which pages to trust and what text to read.

The site's metadata table at the top states the answers (number, type, issuer, signer, date)
and its footer repeats the title with the number; both are cut so an extractor must find the
answers in the document body itself. A page is kept only when it is provincial and the site's
labels agree with what a naive reader finds in the body (``body_so_hieu``, ``body_date``):
where they disagree one of the two is wrong and the page cannot grade anything.

That filter graded only the pages a naive regex already reads right, and every page had been
looked at while developing. So ``load`` now also offers every page, and each page has a fixed
split by a hash of its file name: ``dev`` (look at these) and ``heldout`` (report on these).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from core.textnorm import clean

TVPL_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "tvpl"

# The last row of the site's metadata table; the document starts after its value.
_TABLE_END = re.compile(r"\*\*Tình trạng:\*\*\s*\|\s*[^\n|]*\n")
# The footer: the site's related-documents block and the note before it.
_FOOTER = re.compile(r"^(?:Văn bản này chưa cập nhật nội dung Tiếng Anh|## Văn bản liên quan)", re.MULTILINE)
# The site's own title line(s) just above the footer: "Quyết định 471/QĐ-UBND năm 2025 phê duyệt …",
# "Quyết định 84/2025/QĐ-UBND bãi bỏ …": a type name, then the number, on one long line.
_SITE_TITLE = re.compile(r"^[A-ZÀ-ỸĐ][a-zà-ỹđ]+(?: [a-zà-ỹđ]+){0,4} \d+\S*/\S+ \S")
_PROVINCIAL = ("Tỉnh ", "Thành phố ")


@dataclass(frozen=True)
class SilverPage:
    file: str
    body: str
    number: str
    kind: str  # site's loai_van_ban
    issuer: str  # site's noi_ban_hanh ("Tỉnh Bắc Ninh")
    signer: str
    issued_on: str  # ISO
    split: str = "dev"  # "dev" or "heldout", fixed by the file name


@functools.cache
def _gold_test_pages() -> frozenset[str]:
    """tvpl pages that are also documents of the real gold's test split: never dev pages, or
    looking at silver dev misses would look at a test document."""
    manifest = Path(__file__).resolve().parent / "gold_real" / "manifest.tsv"
    rows = (line.split("\t") for line in manifest.read_text(encoding="utf-8").splitlines()[1:])
    return frozenset(Path(r[1]).name for r in rows
                     if len(r) > 3 and r[3] == "test" and r[1].startswith("tvpl/"))


def split_of(file: str) -> str:
    """Two pages in five are held out, by nothing but the file name; a page of the gold test split
    is always held out."""
    if Path(file).name in _gold_test_pages():
        return "heldout"
    return "heldout" if int(hashlib.sha1(file.encode()).hexdigest(), 16) % 5 < 2 else "dev"


def strip_site(page: str) -> str:
    """The document body of a saved page: no metadata table, no site footer."""
    m = _TABLE_END.search(page)
    body = page[m.end():] if m else page
    f = _FOOTER.search(body)
    if f:
        body = body[: f.start()]
    lines = body.rstrip().split("\n")
    while lines and (_SITE_TITLE.match(lines[-1].strip()) or not lines[-1].strip().strip("|")):
        lines.pop()
    return "\n".join(lines)


def _iso(dmy: str) -> str:
    d, m, y = dmy.split("/")
    return f"{y}-{m}-{d}"


def load(
    tvpl_dir: Path = TVPL_DIR, *, provincial_only: bool = True, agreeing_only: bool = True
) -> Iterator[SilverPage]:
    """Pages in file-name order; by default only provincial pages whose labels agree with their body."""
    rows = [json.loads(line) for line in (tvpl_dir / "labels.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    for row in sorted(rows, key=lambda r: r["file"]):
        if provincial_only and not row["noi_ban_hanh"].startswith(_PROVINCIAL):
            continue
        disagree = row["so_hieu"] != row["body_so_hieu"] or row["ngay_ban_hanh"] != row["body_date"]
        if agreeing_only and disagree:
            continue
        page = (tvpl_dir / row["file"]).read_text(encoding="utf-8")
        yield SilverPage(
            file=row["file"],
            body=clean(strip_site(page)),
            number=row["so_hieu"],
            kind=row["loai_van_ban"],
            issuer=row["noi_ban_hanh"],
            signer=row["nguoi_ky"],
            issued_on=_iso(row["ngay_ban_hanh"]),
            split=split_of(row["file"]),
        )
