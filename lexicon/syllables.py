"""The Vietnamese syllables a text may contain, for repairing OCR output by its accents only.

The list is underthesea's Viet74K word list (bundled with the package, no download), split into
syllables and lower-cased, plus the syllables of this lexicon's own vocabulary (document types,
bodies, titles, provinces), so "QUYÉT" can only become "QUYẾT" and a province keeps its
spelling. Loaded once, on first use (about 0.1 s).
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from core.textnorm import fold
from lexicon import doctypes, issuers

WORD_LIST = ("underthesea", "corpus/data/Viet74K.txt")  # package, path inside it


def _word_list() -> list[str]:
    spec = importlib.util.find_spec(WORD_LIST[0])
    if spec is None or not spec.submodule_search_locations:
        return []  # without underthesea the lexicon's own vocabulary still repairs titles
    path = Path(next(iter(spec.submodule_search_locations))) / WORD_LIST[1]
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


# Phrases of administrative writing an OCR'd text is checked against as a whole, so a word
# that is itself a syllable but the wrong one ("HỌI ĐỒNG" for HỘI ĐỒNG) is repaired too.
LEGAL_PHRASES: tuple[str, ...] = (
    "ủy ban nhân dân", "hội đồng nhân dân", "cộng hòa xã hội chủ nghĩa việt nam", "độc lập tự do hạnh phúc",
    "căn cứ", "nơi nhận", "tổ chức", "quy định", "ban hành", "thực hiện", "thi hành", "hiệu lực",
    "chịu trách nhiệm", "chính phủ", "trung ương", "địa phương", "quốc gia", "kế hoạch", "như điều",
    "lưu vt", "đã ký", "thay mặt", "ký thay", "về việc", "theo đề nghị", "phê duyệt",
)

# Surnames and name syllables missing from the word list, so a signer's name is left alone.
NAME_SYLLABLES: tuple[str, ...] = (
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô",
    "dương", "lý", "trịnh", "đinh", "lương", "mai", "tạ", "thái", "cao", "lâm", "hà", "chu", "quách",
)


def own_phrases() -> list[str]:
    """Multi-syllable names and phrases of this lexicon, lower case."""
    names = [*doctypes.TYPE_KIND, *(t for _, t in doctypes.TITLE_WORDS), *issuers.PROVINCES,
             *issuers.NATIONAL_BODIES.values(), *(t for _, t in issuers.TITLES), *issuers.LEVELS.values(),
             *LEGAL_PHRASES]
    return sorted({n.lower() for n in names if len(n.split()) > 1}, key=len, reverse=True)


def _own_vocabulary() -> list[str]:
    return [*own_phrases(), *doctypes.TYPE_KIND, *NAME_SYLLABLES]


@lru_cache(maxsize=1)
def by_fold() -> dict[str, tuple[str, ...]]:
    """Folded syllable (``quyet``) → the syllables with that skeleton (``quyết``, ``quyệt``)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for entry in (*_word_list(), *_own_vocabulary()):
        for syllable in entry.lower().replace("-", " ").split():
            if syllable.isalpha():
                groups[fold(syllable)].add(unicodedata.normalize("NFC", syllable))
    return {k: tuple(sorted(v)) for k, v in groups.items()}


@lru_cache(maxsize=1)
def known() -> frozenset[str]:
    """Every known syllable, lower case."""
    return frozenset(s for group in by_fold().values() for s in group)
