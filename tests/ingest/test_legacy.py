"""Legacy encodings (TCVN3/ABC, VNI) → Unicode, measured on text we encode ourselves.

The encoders below are written from the published code charts (TCVN 5712:1993 for TCVN3, the
VNI-Windows layout), independently of viparse's tables, so the accuracy measured here is a real
check of the converter. Run this file as a script to print the comparison with plain viparse.
"""

from __future__ import annotations

import difflib
import time
import unicodedata
from pathlib import Path

import pytest
import viparse
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import legacy

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

# --- TCVN3 -----------------------------------------------------------------------------------
_TCVN3_LOWER = dict(
    zip(
        "ăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
        [
            0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE,
            0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
            0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6,
            0xD7, 0xD8, 0xDC, 0xDD, 0xDE,
            0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE,
            0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9,
            0xFA, 0xFB, 0xFC, 0xFD, 0xFE,
        ],
        strict=True,
    )
)
_TCVN3_UPPER = dict(zip("ĂÂÊÔƠƯĐ", range(0xA1, 0xA8), strict=True))


def to_tcvn3(text: str) -> str:
    """How a TCVN3 document surfaces when its bytes are read as Windows-1252. Upper-case toned
    letters do not exist in TCVN3: headings use the lower-case bytes in the .VnTimeH font."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_UPPER:
            out.append(_TCVN3_UPPER[ch])
        elif ch.lower() in _TCVN3_LOWER:
            out.append(_TCVN3_LOWER[ch.lower()])
        else:
            out += ch.encode("ascii")
    return out.decode("cp1252")


# --- VNI -------------------------------------------------------------------------------------
_TONE = {"": "", "\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_CIRCUMFLEX = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_I = {"": "i", "\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_vni(text: str) -> str:
    """How a VNI-Windows document surfaces when read as Windows-1252: base letter + mark bytes."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], d[1:]
        if not marks or not base.isascii():
            out.append(ch)
            continue
        low = base.lower()
        tone = "".join(m for m in marks if m in _TONE)
        if low == "i":
            seq = _I[tone]
        elif "\u031b" in marks:  # horn: ơ, ư are single bytes
            seq = ("ô" if low == "o" else "ö") + _TONE[tone]
        elif "\u0302" in marks:
            seq = low + _CIRCUMFLEX[tone]
        elif "\u0306" in marks:
            seq = low + _BREVE[tone]
        else:
            seq = low + _TONE[tone]
        out.append(seq.upper() if base.isupper() else seq)
    return "".join(out)


def accuracy(got: str, want: str) -> float:
    """Character-level accuracy: matching characters over the reference length, whitespace
    collapsed on both sides (viparse collapses runs of spaces, as core.textnorm.clean does).
    Aligned word by word first, then character by character inside differing stretches (a
    plain character diff of a 6 KB text takes seconds)."""
    got_words, want_words = got.split(), want.split()
    if not want_words:
        return 1.0 if not got_words else 0.0
    matched = 0
    words = difflib.SequenceMatcher(None, got_words, want_words, autojunk=False)
    for tag, i1, i2, j1, j2 in words.get_opcodes():
        if tag == "equal":
            matched += sum(len(w) + 1 for w in want_words[j1:j2])
        elif tag == "replace":
            chars = difflib.SequenceMatcher(
                None, " ".join(got_words[i1:i2]), " ".join(want_words[j1:j2]), autojunk=False
            )
            matched += sum(b.size for b in chars.get_matching_blocks())
    return min(matched / (len(" ".join(want_words)) + 1), 1.0)


# Typographic characters TCVN3/VNI files did not have: typed as ASCII in such documents.
_ASCII_PUNCT = str.maketrans({"\u00a0": " ", "“": '"', "”": '"', "–": "-", "…": "...", "’": "'"})


def corpus() -> str:
    """A decision (headers in capitals) and a news article, plus letters viparse lacked."""
    parts = [
        (SHARED / "samples" / "qd_nghean_example.txt").read_text(encoding="utf-8"),
        (SHARED / "samples" / "news_hatinh_2021.txt").read_text(encoding="utf-8"),
        "Căng thẳng, thẳng thắn, ẳng ẳng. TỔ CHỨC THỰC HIỆN. ĐÀ NẴNG, ngày 05 tháng 3 năm 2024.",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT, KGVX.",
    ]
    text = "\n".join(unicodedata.normalize("NFC", p).translate(_ASCII_PUNCT) for p in parts)
    return "".join(c if c.isascii() or c.lower() in _TCVN3_LOWER else " " for c in text)


# ---------------------------------------------------------------------------------------------


def test_tcvn3_example_from_the_issue():
    assert legacy.fix("QuyÕt ®Þnh") == "Quyết định"
    assert legacy.fix("QUYÕT §ÞNH") == "QUYẾT ĐỊNH"
    assert legacy.fix("CHñ TÞCH") == "CHỦ TỊCH"  # viparse alone calls this fragment VNI


def test_vni_short_fragments():
    assert legacy.fix("Quyeát ñònh") == "Quyết định"
    assert legacy.fix("QUYEÁT ÑÒNH") == "QUYẾT ĐỊNH"
    assert legacy.fix("caêng thaúng") == "căng thẳng"  # ẳ is missing from viparse's table


@pytest.mark.parametrize("encode", [to_tcvn3, to_vni], ids=["tcvn3", "vni"])
def test_whole_documents_convert_near_perfectly(encode):
    text = corpus()
    mojibake = encode(text)
    assert mojibake != text
    assert legacy.detect(mojibake) == encode.__name__.removeprefix("to_")
    fixed = legacy.fix(mojibake)
    assert unicodedata.is_normalized("NFC", fixed)
    assert accuracy(fixed, text) >= 0.998
    assert "Căn cứ Luật Tổ chức chính quyền địa phương" in fixed
    assert "QUYẾT ĐỊNH" in fixed and "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN" in fixed


@pytest.mark.parametrize("encode", [to_tcvn3, to_vni], ids=["tcvn3", "vni"])
def test_ours_beats_plain_viparse(encode):
    text = corpus()
    mojibake = encode(text)
    assert accuracy(legacy.fix(mojibake), text) >= accuracy(viparse.fix(mojibake), text)


@pytest.mark.parametrize("encode", [to_tcvn3, to_vni], ids=["tcvn3", "vni"])
def test_blocks_share_one_detection(encode):
    """Per-block repair (what ingest.reader does) must convert short blocks too."""
    blocks = corpus().split("\n")
    fixed = legacy.fix_blocks([encode(b) for b in blocks])
    assert sum(accuracy(f, b) for f, b in zip(fixed, blocks, strict=True)) / len(blocks) >= 0.99
    assert "Hoàng Minh Đức" in fixed


def test_legacy_passage_inside_unicode_text():
    unicode_line = "Thực hiện Quyết định số 2210/QĐ-UBND, UBND tỉnh yêu cầu:"
    passage = "2. VÒ hå s¬ søc kháe ®iÖn tö: UBND c¸c huyÖn chØ ®¹o tr¹m y tÕ x· cËp nhËt hå s¬ søc kháe."
    fixed = legacy.fix(f"{unicode_line}\n{passage}\n{unicode_line}")
    assert fixed.split("\n") == [
        unicode_line,
        "2. Về hồ sơ sức khỏe điện tử: UBND các huyện chỉ đạo trạm y tế xã cập nhật hồ sơ sức khỏe.",
        unicode_line,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 3120/QĐ-UBND ngày 18/10/2022 của UBND tỉnh Nghệ An.",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Thanh Hoá, Thanh Hóa, khoẻ, thuỷ",  # both tone placements
        unicodedata.normalize("NFD", "Quyết định"),  # decomposed Unicode stays as given
        "The committee approved 12 projects worth 1,250 billion VND (about $50 million).",
        "Müller, café, naïve, España, Noël, São Paulo, Søren, aún",  # Latin-1 European words
        "Hoàn toàn",  # Vietnamese with Latin-1 letters only: VNI would read "oà" as ồ
        "Hoà Bình, Oà khóc, Cà Mau, Tôi là ai, Xoá bỏ",
        "§ 3, © 2024, ½",
        "© 2024 — «quoted» ½ ¼ ± µm",
        "",
    ],
)
def test_unicode_and_other_text_untouched(text):
    assert legacy.fix(text) == text
    assert legacy.detect(text) is None


# Words written with Latin-1 letters only (toàn, là, có, Hà …): the ones a detector can misread.
WORDS = sorted({w for w in corpus().split() if w.isalpha() and all(ord(c) < 0x100 for c in w)})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
def test_unicode_vietnamese_fragments_never_change(words):
    """Short Unicode fragments (a heading, a table cell) are where a detector can misfire."""
    text = " ".join(words)
    assert legacy.fix(text) == text


def test_restore_case_leaves_capitalised_words():
    assert legacy.restore_case("Số: 12/QĐ-UBND\nMỹ Tho") == "Số: 12/QĐ-UBND\nMỹ Tho"
    assert legacy.restore_case("Tổ CHứC THựC HIệN") == "TỔ CHỨC THỰC HIỆN"


def test_fast_on_100kb():
    text = corpus()
    big = (text * (100_000 // len(text) + 1))[:100_000]
    start = time.perf_counter()
    assert legacy.fix(big) == big
    unicode_s = time.perf_counter() - start
    mojibake = to_tcvn3(big)
    start = time.perf_counter()
    legacy.fix(mojibake)
    tcvn3_s = time.perf_counter() - start
    assert unicode_s < 0.2 and tcvn3_s < 3.0


if __name__ == "__main__":  # the measurement behind the choice of viparse (see ingest/legacy.py)
    text = corpus()
    for encode in (to_tcvn3, to_vni):
        mojibake = encode(text)
        name = encode.__name__.removeprefix("to_")
        print(
            f"{name}: {len(text)} chars; viparse.fix {accuracy(viparse.fix(mojibake), text):.4f}"
            f" (case-insensitive {accuracy(viparse.fix(mojibake).lower(), text.lower()):.4f});"
            f" legacy.fix {accuracy(legacy.fix(mojibake), text):.4f}"
        )
    big = (text * 60)[:100_000]
    for label, sample in (("unicode", big), ("tcvn3", to_tcvn3(big)), ("vni", to_vni(big))):
        start = time.perf_counter()
        legacy.fix(sample)
        print(f"100 KB {label}: {time.perf_counter() - start:.3f} s")
