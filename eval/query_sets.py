"""The real query texts a query-embedding engine is checked on (issue #15): what users and the
benchmarks actually send, so an agreement figure over them means something.

- ``alqac-v1`` / ``alqac-v2``: every ALQAC 2023 question and statement (train and test files,
  ~120 characters, legal Vietnamese) in ``../shared/data/alqac2023``;
- ``labelled``: the 48 queries of ``eval.search_quality`` (numbers, no diacritics, abbreviations);
- ``demo``: the queries of the speed benchmarks and the search page's examples.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALQAC = ROOT / ".." / "shared" / "data" / "alqac2023"
# (file, text field) of every ALQAC release file with questions
_ALQAC_FILES = {
    "alqac-v1": [(f"v1/{part}.json", "text") for part in ("train", "public_test", "private_test")],
    "alqac-v2": [("v2/train.json", "statement"), ("v2/test.json", "statement")],
}
# the examples in api/web/templates/search.html's placeholder
_PAGE_EXAMPLES = ["chuyển đổi số", "kinh te so", "3120/QĐ-UBND"]


def query_sets() -> dict[str, list[str]]:
    """Set name → query texts, each set in file order, duplicates dropped."""
    from bench.bench_search_speed import QUERIES
    from eval.search_quality import load_queries

    sets: dict[str, list[str]] = {}
    for name, files in _ALQAC_FILES.items():
        texts: list[str] = []
        for path, field in files:
            texts += [item[field] for item in json.loads((ALQAC / path).read_text(encoding="utf-8"))]
        sets[name] = texts
    sets["labelled"] = [q["query"] for q in load_queries()]
    sets["demo"] = [*QUERIES, *_PAGE_EXAMPLES]
    return {name: list(dict.fromkeys(texts)) for name, texts in sets.items()}
