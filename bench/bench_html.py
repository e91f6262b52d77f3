"""HTML reader benchmark: throughput (pages/s) and, with --quality, trafilatura's modes compared.

Throughput: each page is read from disk and turned into blocks by ``ingest.html.read`` (decode,
parse, content root or trafilatura, furniture rules), ``--repeats`` times; the figure is pages
divided by the median time of one pass over the group.

Quality: on pages whose article we know (the demo corpus news pages, built from our own text,
and the portal fixtures of tests/fixtures/web), paragraph recall (share of the article's
paragraphs found verbatim) and leaks (furniture phrases that reached the text), for
trafilatura's precision, default and recall modes.

    .venv/bin/python bench/bench_html.py
    .venv/bin/python bench/bench_html.py --quality
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from core.settings import Settings  # noqa: E402
from ingest import html  # noqa: E402
from ingest.base import assemble  # noqa: E402

SHARED = ROOT / ".." / "shared"
FIXTURES = ROOT / "tests" / "fixtures" / "web"
CORPUS = ROOT / "corpus"
GROUPS = {
    "vbpl.vn (shared/data/html, ~1.1 MB each)": sorted((SHARED / "data" / "html").glob("*.html")),
    "news pages (corpus/docs + fixtures, 5-10 KB)": sorted((CORPUS / "docs").glob("news_*.html"))
    + sorted(p for p in FIXTURES.glob("*.html") if p.name != "no_article.html"),
}
MODES = {
    "precision": {"favor_precision": True, "favor_recall": False},
    "default": {"favor_precision": False, "favor_recall": False},
    "recall": {"favor_precision": False, "favor_recall": True},
}
# Furniture of the fixtures that must not reach the text (numbers that would become targets).
LEAKS = [
    "Tin liên quan", "Các tin khác", "Tin mới", "Lượt truy cập", "Đang online", "Đang trực tuyến",
    "Tổng số truy cập", "Bản quyền", "Giấy phép số", "Chia sẻ", "In bài viết", "TRANG CHỦ", "Trang chủ",
    "Ý kiến bạn đọc", "Thêm nhận xét mới", "Nguyễn Văn A", "Trần Văn B", "456/KH-UBND", "789/QĐ-UBND",
    "12/NQ-HĐND", "1234/QĐ-UBND", "Xem chi tiết", "khai báo online",
]


def throughput(paths: list[Path], repeats: int) -> tuple[float, float]:
    """Pages per second (median pass) and the median seconds of one pass."""
    settings = Settings()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for path in paths:
            html.read(path, settings)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return len(paths) / median, median


def known_articles() -> list[tuple[Path, list[str]]]:
    """Pages with the paragraphs their article must give."""
    out = []
    for page in sorted((CORPUS / "docs").glob("news_*.html")):
        body = (CORPUS / "src" / f"{page.stem}.txt").read_text(encoding="utf-8").split("\n---\n", 1)[1]
        out.append((page, [line.strip() for line in body.splitlines() if line.strip()]))
    sample = (SHARED / "samples" / "news_hatinh_2021.txt").read_text(encoding="utf-8").splitlines()
    lines = [line.strip() for line in sample]
    article = lines[lines.index("02:21 28/05/2021") + 1 : lines.index("Theo Baohatinh.vn")]
    out.append((FIXTURES / "news_hatinh_2021.html", [a for a in article if a and not a.startswith("Chị Lê")]))
    sample = (SHARED / "samples" / "news_haiduong_2023.txt").read_text(encoding="utf-8").splitlines()
    lines = [line.strip() for line in sample]
    article = lines[lines.index("Thứ bảy, 13/05/2023 14:44") + 1 : lines.index("banner")]
    out.append((FIXTURES / "news_haiduong_2023_cp1258.html", [a for a in article if a and ".jpg" not in a]))
    portal = html.parse(html.decode((FIXTURES / "portal_table_layout.html").read_bytes()))
    out.append((FIXTURES / "portal_table_layout.html", [p.text_content().strip() for p in
                                                        portal.xpath("//div[@class='news-content']/p")]))
    return out


def quality() -> None:
    articles = known_articles()
    paragraphs_n = sum(len(a) for _, a in articles)
    print(f"quality on {len(articles)} pages with a known article ({paragraphs_n} paragraphs)")
    for name, mode in MODES.items():
        found = total = leaks = raw_leaks = 0
        for page, paragraphs in articles:
            tree = html.parse(html.decode(page.read_bytes()))
            html.prepare(tree)
            alone = trafilatura.bare_extraction(tree, **{**html._TRAFILATURA, **mode})
            raw_leaks += sum(1 for leak in LEAKS if alone is not None and leak in (alone.text or ""))
            text = assemble(html.from_tree(html.parse(html.decode(page.read_bytes())), mode).blocks)[0]
            found += sum(1 for p in paragraphs if " ".join(p.split()) in text)
            total += len(paragraphs)
            leaks += sum(1 for leak in LEAKS if leak in text)
        print(
            f"  {name:9}  paragraph recall {found}/{total} = {found / total:.3f}   leaked phrases:"
            f" trafilatura alone {raw_leaks}, after our rules {leaks}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quality", action="store_true", help="compare trafilatura modes instead")
    args = parser.parse_args()
    if args.quality:
        quality()
        return
    for label, paths in GROUPS.items():
        rate, median = throughput(paths, args.repeats)
        print(f"{label}: {len(paths)} pages, median {median:.3f} s/pass, {rate:.1f} pages/s")


if __name__ == "__main__":
    main()
