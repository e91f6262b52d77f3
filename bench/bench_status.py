"""Legal status at 10k stored documents (issue 12): what ingesting one document that changes the
status of others costs, against one that changes nothing, in the same run.

Status is derived on read (``store.status``, ``store.relations``): a write stores the document
and its decision items (the edges) in one transaction, whatever they do to other documents, and
every read computes status from the edges. So the figures are:

- ingest = read + extract + ``Repository.save`` of a ~2,000-character decision, for a document
  that replaces three stored decisions and amends a fourth (``changes``) and for one with the
  same wording that only cites them (``plain``); alternated, each deleted again after timing;
- visible = reading the status of the four affected documents right after that save;
- the reads every page and filter pay at 10k documents: one record's status, the badges of 20
  search results, a listing with ``--status expired``, and the ids a search filtered to
  ``in_force`` is limited to (the widest state: every document is read).

The store+status layer is used directly (no embeddings or BM25: their cost does not depend on
relations, and embedding 10k documents takes hours on 2 cores).

    python bench/bench_status.py [--docs 10000] [--repeats 15] [--database-url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.filters import Filters  # noqa: E402
from core.record import DecisionRef, Document, document_id  # noqa: E402
from core.settings import Settings  # noqa: E402
from extract import pipeline  # noqa: E402
from ingest import reader  # noqa: E402
from store.db import session_factory  # noqa: E402
from store.repository import Repository  # noqa: E402

PROVINCES = ["Hà Tĩnh", "Nghệ An", "Quảng Bình", "Thanh Hóa", "Lâm Đồng", "Đà Nẵng", "Hải Dương"]
TODAY = dt.date(2025, 6, 1)


def background(i: int, rng: random.Random) -> Document:
    """A stored decision: own number, two bases, and (1 in 20) a replacement or amendment of an
    earlier one of its province, as real stores have."""
    prov = PROVINCES[i % len(PROVINCES)]
    issuer = f"UBND tỉnh {prov}"
    year = 2015 + i % 10
    number = f"{i + 1}/QĐ-UBND"
    refs = [DecisionRef(number=number, relation="self", issuer=issuer, issued_on=f"{year}-03-01"),
            DecisionRef(number="749/QĐ-TTg", relation="basis", issuer="Thủ tướng Chính phủ", span=(10, 40)),
            DecisionRef(number=f"{rng.randint(1, 60)}/2020/NQ-HĐND", relation="basis", span=(50, 80))]
    if i > 100 and i % 20 == 0:
        old = i - 7 * rng.randint(1, 10)  # same province: i and old differ by a multiple of 7
        refs.append(DecisionRef(number=f"{old + 1}/QĐ-UBND", relation=rng.choice(["replaces", "amends"]),
                                issuer=issuer, span=(90, 120)))
    text = f"Quyết định {number} của {issuer} năm {year} về chuyển đổi số, đoạn {i}. " * 20
    return Document(id=document_id(text), source=f"bg{i}.txt", text=text, number=number, kind="decision",
                    issued_on=f"{year}-03-01", effective_from=f"{year}-03-01", issuer=issuer, province=prov,
                    decisions=refs)


def decision_text(serial: int, verb_line: str) -> str:
    return f"""ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: {serial}/QĐ-UBND
Hà Tĩnh, ngày 15 tháng 3 năm 2025

QUYẾT ĐỊNH
Ban hành Quy chế quản lý cơ sở dữ liệu chuyển đổi số tỉnh Hà Tĩnh

ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;
Xét đề nghị của Sở Thông tin và Truyền thông.

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cơ sở dữ liệu chuyển đổi số tỉnh Hà Tĩnh.
1. Sở Thông tin và Truyền thông cập nhật cơ sở dữ liệu hằng tháng, hoàn thành trước ngày 30/6/2025.
2. Đến năm 2025, tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình đạt tối thiểu 80%.

Điều 2. Quyết định này có hiệu lực từ ngày 01/4/2025. {verb_line}

Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./.
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--database-url", default=None, help="PostgreSQL URL (default: a temp SQLite file)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="vanban-bench-status-"))
    settings = Settings(data_dir=tmp, database_url=args.database_url, today=TODAY)
    repo = Repository(session_factory(settings), today=settings.status_day)
    for doc_id in repo.ids():
        repo.delete(doc_id)
    rng = random.Random(12)
    t = time.perf_counter()
    for i in range(args.docs):
        repo.save(background(i, rng), f"bg{i}")
    fill_s = time.perf_counter() - t
    print(f"stored {args.docs} documents in {fill_s:.1f} s")

    # four stored Hà Tĩnh decisions (i % 7 == 0): three replaced, one amended by the new text
    targets = [f"{i + 1}/QĐ-UBND" for i in (7, 14, 21, 28)]
    changes = (f"Quyết định này thay thế Quyết định số {targets[0]}, Quyết định số {targets[1]} và "
               f"Quyết định số {targets[2]} của UBND tỉnh; sửa đổi, bổ sung Quyết định số {targets[3]} của "
               "UBND tỉnh.")
    plain = (f"Các sở thực hiện theo Quyết định số {targets[0]}, Quyết định số {targets[1]} và Quyết định "
             f"số {targets[2]} của UBND tỉnh; tiếp tục thực hiện Quyết định số {targets[3]} của UBND tỉnh.")
    affected = [repo.by_number(n)[0] for n in targets]
    timings: dict[str, dict[str, list[float]]] = {k: {"extract": [], "save": [], "visible": []}
                                                  for k in ("changes", "plain")}
    states_seen: dict[str, list[str]] = {}
    for r in range(args.repeats):
        for kind in (("changes", "plain") if r % 2 == 0 else ("plain", "changes")):
            path = tmp / f"{kind}.txt"
            line = changes if kind == "changes" else plain
            path.write_text(decision_text(90_000 + r, line) + f"\n(bản {r})\n", encoding="utf-8")
            t0 = time.perf_counter()
            doc = pipeline.run(reader.read(path, settings))
            t1 = time.perf_counter()
            res = repo.save(doc, f"bench-{kind}")
            t2 = time.perf_counter()
            seen = repo.relations.statuses(d.id for d in affected)
            t3 = time.perf_counter()
            assert res.status in ("ingested", "replaced")
            timings[kind]["extract"].append(t1 - t0)
            timings[kind]["save"].append(t2 - t1)
            timings[kind]["visible"].append(t3 - t2)
            states_seen[kind] = sorted(s.state for s in seen.values() if s)
            repo.delete(doc.id)
    assert states_seen["changes"] == ["expired", "expired", "expired", "in_force"], states_seen
    assert states_seen["plain"] == ["in_force"] * 4, states_seen

    def med(xs: list[float]) -> float:
        return round(statistics.median(xs) * 1000, 2)

    reads: dict[str, list[float]] = {"one record": [], "20 badges": [], "listing, no filter": [],
                                     "--status expired": [], "ids in_force (search filter)": []}
    some = [d.id for d in affected] + sorted(repo.ids())[:16]
    for _ in range(max(5, args.repeats // 3)):
        t = time.perf_counter()
        repo.relations.annotate([repo.get(affected[0].id)])
        reads["one record"].append(time.perf_counter() - t)
        t = time.perf_counter()
        repo.relations.statuses(some)
        reads["20 badges"].append(time.perf_counter() - t)
        t = time.perf_counter()
        repo.list(Filters(), limit=20)
        reads["listing, no filter"].append(time.perf_counter() - t)
        t = time.perf_counter()
        expired = repo.list(Filters(status="expired"), limit=20)[1]
        reads["--status expired"].append(time.perf_counter() - t)
        t = time.perf_counter()
        repo.relations.ids_in_state("in_force")
        reads["ids in_force (search filter)"].append(time.perf_counter() - t)

    out = {
        "docs": args.docs, "repeats": args.repeats, "fill_s": round(fill_s, 1),
        "database": "postgresql" if args.database_url else "sqlite",
        "ingest_ms": {k: {stage: med(v) for stage, v in t.items()} for k, t in timings.items()},
        "read_ms": {k: med(v) for k, v in reads.items()},
        "expired_in_store": expired,
    }
    total = {k: round(sum(out["ingest_ms"][k].values()), 2) for k in ("changes", "plain")}
    out["ingest_total_ms"] = total
    out["ratio_changes_vs_plain"] = round(total["changes"] / total["plain"], 3)
    out["save_ratio_changes_vs_plain"] = round(out["ingest_ms"]["changes"]["save"]
                                               / out["ingest_ms"]["plain"]["save"], 3)
    print(json.dumps(out, indent=2, ensure_ascii=False))
    dest = ROOT / "bench" / "out"
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "status.json").write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
