"""Shared pieces of the reliability suite: small distinct documents, the `vanban` command as a
real process, and checks that a store is whole.

Documents are short on purpose (two articles, four chunks): embedding runs at a few passages
a second on two cores, and a crash test re-runs the whole ingest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from core.settings import Settings
from store.db import make_engine, session_factory
from store.models import DocumentRow, ItemRow, SectionRow

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
PG_URL = os.environ.get("VANBAN_TEST_PG_URL")
CHROMA_URL = os.environ.get("VANBAN_TEST_CHROMA_URL")

PROVINCES = ["Hà Tĩnh", "Nghệ An", "Quảng Bình", "Thanh Hóa", "Lâm Đồng", "Bình Thuận", "Hải Dương",
             "Đắk Lắk", "Kon Tum", "Gia Lai", "Phú Yên", "Bến Tre"]
TOPICS = ["chuyển đổi số", "phòng chống thiên tai", "xây dựng nông thôn mới", "cải cách hành chính",
          "phát triển du lịch", "bảo vệ rừng", "an toàn giao thông", "giảm nghèo bền vững"]


def decision_text(n: int) -> str:
    """A short, complete decision, different for every ``n`` (so every id differs)."""
    province = PROVINCES[n % len(PROVINCES)]
    topic = TOPICS[n % len(TOPICS)]
    return (
        f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        f"Số: {100 + n}/QĐ-UBND\n{province}, ngày {1 + n % 28} tháng {1 + n % 12} năm 2024\n\n"
        f"QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch {topic} năm 2024 (bản {n})\n\n"
        f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {province.upper()}\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
        "QUYẾT ĐỊNH:\n\n"
        f"Điều 1. Phấn đấu đến năm 2025 tỷ lệ hồ sơ {topic} xử lý trực tuyến đạt tối thiểu {50 + n}%.\n"
        f"Điều 2. Giao Sở Nội vụ chủ trì triển khai kế hoạch số {n} trước ngày 30/6/2024.\n\n"
        "CHỦ TỊCH\nNguyễn Văn An\n"
    )


def write_docs(folder: Path, count: int, first: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(first, first + count):
        path = folder / f"qd_{n:03d}.txt"
        path.write_text(decision_text(n), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Store:
    """Where one test keeps its data: a data dir, and the database URL when it is not the
    SQLite file in that dir."""

    data_dir: Path
    database_url: str | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    chroma_url: str | None = None

    @property
    def settings(self) -> Settings:
        return Settings(data_dir=self.data_dir, database_url=self.database_url, chroma_url=self.chroma_url)

    @property
    def env(self) -> dict[str, str]:
        env = {**os.environ, "VANBAN_DATA_DIR": str(self.data_dir), "HF_HUB_OFFLINE": "1", **self.extra_env}
        env.pop("VANBAN_DATABASE_URL", None)
        if self.database_url:
            env["VANBAN_DATABASE_URL"] = self.database_url
        if self.chroma_url:
            env["VANBAN_CHROMA_URL"] = self.chroma_url
        elif "VANBAN_CHROMA_URL" not in self.extra_env:
            env.pop("VANBAN_CHROMA_URL", None)
        return env

    @staticmethod
    def argv(*args: str) -> list[str]:
        return [sys.executable, "-m", "api.cli", *args]

    def vanban(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.argv(*args), env=self.env, capture_output=True, text=True,
                              timeout=timeout, cwd=REPO)

    def start(self, *args: str, **extra_env: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(self.argv(*args), env={**self.env, **extra_env}, cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stored_count(store: Store) -> int:
    """Documents committed so far, read while another process may be creating the schema or
    writing (so no migration here, and a missing table counts as none)."""
    if store.database_url is None and not (store.data_dir / "vanban.db").exists():
        return 0
    engine = make_engine(store.settings.db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0
    except SQLAlchemyError:
        return 0
    finally:
        engine.dispose()


def assert_whole(store: Store, sources: set[str]) -> set[str]:
    """Every source stored exactly once, each with all its section and item rows; returns the
    stored ids."""
    sessions = session_factory(store.settings)
    try:
        with sessions() as s:
            rows = s.scalars(select(DocumentRow)).all()
            assert sorted(r.source for r in rows) == sorted(sources), "a document is missing or stored twice"
            for row in rows:
                n_sections = s.scalar(select(func.count()).select_from(SectionRow)
                                      .where(SectionRow.document_id == row.id))
                n_items = s.scalar(select(func.count()).select_from(ItemRow)
                                   .where(ItemRow.document_id == row.id))
                expected = sum(len(row.record.get(f) or [])
                               for f in ("decisions", "signers", "targets", "tasks", "people"))
                assert n_sections == len(row.record["sections"]) > 0, f"{row.source}: sections half-written"
                assert n_items == expected > 0, f"{row.source}: items half-written"
                assert row.text, f"{row.source}: no text"
            return {r.id for r in rows}
    finally:
        sessions.kw["bind"].dispose()
