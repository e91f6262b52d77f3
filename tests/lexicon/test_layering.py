"""The lexicon is the bottom of the layering: it imports only core, and search reads it at
module top rather than reaching into extract from inside functions (issue 11, Deliver 4)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module, at module top?) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    out: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, id(node) in top))
        elif isinstance(node, ast.Import):
            out.extend((a.name, id(node) in top) for a in node.names)
    return out


@pytest.mark.parametrize("path", sorted((ROOT / "lexicon").glob("*.py")), ids=lambda p: p.name)
def test_lexicon_imports_nothing_above_core(path: Path) -> None:
    above = ("extract", "search", "ingest", "store", "api")
    assert [m for m, _ in _imports(path) if m.split(".")[0] in above] == []


@pytest.mark.parametrize("path", sorted((ROOT / "search").glob("*.py")), ids=lambda p: p.name)
def test_search_never_imports_extract(path: Path) -> None:
    assert [m for m, _ in _imports(path) if m.split(".")[0] == "extract"] == []


def test_search_reads_the_lexicon_at_module_top() -> None:
    for name in ("analyzer.py", "hybrid.py"):
        lex = [top for m, top in _imports(ROOT / "search" / name) if m.startswith("lexicon")]
        assert lex and all(lex), name


def test_analyzer_expands_abbreviations() -> None:
    """The expansion is always on now: a failed import can no longer switch it off silently."""
    from search.analyzer import analyze

    terms = analyze("UBND tỉnh")
    assert "nhân_dân" in terms or "nhân" in terms
