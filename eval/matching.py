"""When does an extracted item count as the gold item? As strictly as a user reads it.

A spreadsheet row with the right number but the wrong indicator is wrong; an assignee cut to
"Sở" tells nobody who must act. So nothing here gives partial credit:

- a target matches only with the same value, range end, comparator, year and unit, and an
  indicator that names the same measure: the extracted indicator must carry most of the gold
  phrase's words (``INDICATOR_RECALL``) and little else (``INDICATOR_PRECISION``), abbreviations
  read as the words they stand for (lexicon/abbreviations.py); the sentence around it does not
  count, so a garbage indicator is a miss;
- an assignee matches only when it names the same body: equal after expanding the usual
  abbreviations, up to a trailing place qualifier ("Sở Y tế" = "Sở Y tế tỉnh Gia Lai");
- names compare up to tone placement, case and spacing, numbers up to spacing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from core.textnorm import fold, match_form, nfc, same
from lexicon import abbreviations

# Share of the gold indicator's words the extracted indicator must contain.
INDICATOR_RECALL = 0.75
# Share of the extracted indicator's words that must be the gold phrase's.
INDICATOR_PRECISION = 0.5
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d[\d.,]*")
# Abbreviations a reader expands without thinking; compared in match_form (lower case).
_EXPAND = (
    (re.compile(r"\bubnd\b"), "ủy ban nhân dân"),
    (re.compile(r"\bhđnd\b"), "hội đồng nhân dân"),
    (re.compile(r"\bmttq\b"), "mặt trận tổ quốc"),
    (re.compile(r"\btt&tt\b|\btt và tt\b"), "thông tin và truyền thông"),
    (re.compile(r"\btp\.?\s"), "thành phố "),
)
# A trailing place qualifier an annotator or extractor may or may not keep.
_PLACE_TAIL = re.compile(r"\s+(?:tỉnh|thành phố|huyện|thị xã|quận)\s+[\w\s-]+$")
# A head alone names no body: "UBND" is not "UBND tỉnh Gia Lai" (compared after body_name).
_BARE_HEADS = frozenset(
    {"ủy ban nhân dân", "hội đồng nhân dân", "sở", "ban", "phòng", "bộ", "cục", "chi cục"}
)
_FUNCTION_WORDS = frozenset({"của", "các", "trên", "địa", "bàn", "tỉnh", "thành", "phố", "và", "được", "có"})


# ---- normalisation -------------------------------------------------------------------------


def canon_number(s: str | None) -> str:
    """``2536 /qđ-ubnd`` and ``2536/QĐ-UBND`` compare equal; ``QD`` is not silently ``QĐ``."""
    return re.sub(r"\s+", "", nfc(s or "")).upper()


def words(s: str | None) -> set[str]:
    return set(_WORD.findall(match_form(s or "")))


def content_words(s: str | None) -> set[str]:
    """Words that carry the measure: "của tỉnh", "trên địa bàn" do not."""
    return words(s) - _FUNCTION_WORDS


def indicator_words(s: str | None) -> set[str]:
    """An indicator's content words, abbreviations read as their words, as a reader does: "TTHC" is
    "thủ tục hành chính", and "tốc độ tăng GDP" names what "Tốc độ tăng tổng sản phẩm trong nước
    (GDP)" does."""
    return content_words(abbreviations.expand(s or ""))


def same_indicator(gold: str | None, found: str | None) -> bool:
    g, f = indicator_words(gold), indicator_words(found)
    if not g or not f:
        return False
    common = len(g & f)
    return common / len(g) >= INDICATOR_RECALL and common / len(f) >= INDICATOR_PRECISION


def vn_numbers(s: str) -> set[float]:
    """Numbers written the Vietnamese way (``1.246``, ``12,5``) in an annotation phrase."""
    out: set[float] = set()
    for tok in _NUMBER.findall(s):
        tok = tok.rstrip(".,")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", tok):
            tok = tok.replace(".", "")
        out.add(float(tok.replace(".", "").replace(",", ".")))
    return out


def get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


def body_name(s: str | None) -> str:
    """An organisation's name as compared: lower case, abbreviations expanded, single-spaced."""
    out = " ".join(match_form(s or "").split())
    for pattern, full in _EXPAND:
        out = pattern.sub(full, out)
    return " ".join(match_form(out).split())


# ---- matching ------------------------------------------------------------------------------


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def p(self) -> float:
        # Nothing extracted: perfect only when nothing was expected either.
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Matching:
    counts: PRF
    missed: list  # gold items no extracted item matched
    pairs: list[tuple[Any, Any]]  # (gold, extracted)
    unmatched: list  # extracted items no gold item matched


def match(gold: Sequence[Any], found: Sequence[Any], same_item: Callable[[Any, Any], bool]) -> Matching:
    """Greedy one-to-one matching of gold items to extracted items, in gold order."""
    used: set[int] = set()
    missed, pairs = [], []
    for g in gold:
        hit = next((i for i, f in enumerate(found) if i not in used and same_item(g, f)), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
            pairs.append((g, found[hit]))
    counts = PRF(tp=len(pairs), fp=len(found) - len(pairs), fn=len(missed))
    return Matching(counts, missed, pairs, [f for i, f in enumerate(found) if i not in used])


def decision_key(d: Any) -> tuple[str, ...]:
    if get(d, "number"):
        return (canon_number(get(d, "number")), get(d, "relation") or "")
    return ("", fold(get(d, "type") or ""), get(d, "issued_on") or "", get(d, "relation") or "")


def date_items(issued_on: str | None, decisions: Iterable[Any]) -> list[tuple[str, str]]:
    items = [("self", issued_on)] if issued_on else []
    for d in decisions:
        if get(d, "issued_on") and get(d, "relation") != "self":
            who = canon_number(get(d, "number")) or fold(get(d, "type") or "")
            items.append((who, get(d, "issued_on")))
    return items


def same_name(g: Any, f: Any) -> bool:
    return same(get(g, "name") or "", get(f, "name") or "")


def _num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


def same_value(g: Any, f: Any) -> bool:
    """Same value, unit and year: the part of a target or achievement a chart plots."""
    return (
        _num_eq(get(g, "value"), get(f, "value"))
        and get(g, "year") == get(f, "year")
        and same_unit(get(g, "unit"), get(f, "unit"))
        and same_indicator(get(g, "indicator"), get(f, "indicator"))
    )


def same_target(g: Any, f: Any) -> bool:
    return (
        same_value(g, f)
        and get(g, "comparator") == get(f, "comparator")
        and (get(g, "comparator") != "range" or _num_eq(get(g, "value_max"), get(f, "value_max")))
    )


def same_unit(a: str | None, b: str | None) -> bool:
    """``phòng`` and ``phòng học`` are one unit: the counted noun may carry its modifier."""
    wa, wb = match_form(a or "").split(), match_form(b or "").split()
    shorter, longer = sorted((wa, wb), key=len)
    return longer[: len(shorter)] == shorter and (bool(shorter) or not longer)


def same_body(a: str | None, b: str | None) -> bool:
    """Two names of one body: equal after expansion, up to a trailing place qualifier."""
    x, y = body_name(a), body_name(b)
    if not x or not y:
        return False
    if x == y:
        return True
    shorter = x if len(x) < len(y) else y
    bare = {match_form(h) for h in _BARE_HEADS}
    return shorter not in bare and _PLACE_TAIL.sub("", x) == _PLACE_TAIL.sub("", y) == shorter


def same_assignee(g: Any, f: Any) -> bool:
    return same_body(get(g, "assignee"), get(f, "assignee"))


def is_trap(target: Any, gold: dict) -> bool:
    """An extracted target that is one of the annotated results/policy parameters."""
    text = get(target, "text") or ""
    value = get(target, "value")
    gold_values = {float(t["value"]) for t in gold.get("targets", []) if t.get("value") is not None}
    for trap in gold.get("not_targets", []):
        if match_form(trap) in match_form(text) or (text and match_form(text) in match_form(trap)):
            return True
        if value is not None and float(value) in vn_numbers(trap) and float(value) not in gold_values:
            return True
    return False
