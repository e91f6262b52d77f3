import unicodedata

from core.textnorm import canonical_tones, clean, fold, match_form, same


def test_tone_placement_variants_match():
    assert same("Thanh Hóa", "Thanh Hoá")
    assert same("THANH HOÁ", "thanh hóa")
    assert same("khỏe mạnh", "khoẻ mạnh")
    assert same("Thúy", "Thuý")
    # a final consonant fixes the tone position in both styles: nothing to move
    assert canonical_tones("hoàng") == "hoàng"
    # `qu` is a consonant: quý keeps its tone on y
    assert canonical_tones("quý") == "quý"


def test_match_form_keeps_length_for_spans():
    for s in ("Hóa đơn Thúy Khỏe", "Quyết định số 1085/QĐ-UBND"):
        assert len(match_form(s)) == len(s)
        assert len(fold(s)) == len(s)


def test_nfd_input_is_equal_to_nfc():
    nfd = unicodedata.normalize("NFD", "Quyết định Ủy ban nhân dân")
    assert same(nfd, "Quyết định Ủy ban nhân dân")
    assert clean(nfd) == "Quyết định Ủy ban nhân dân"


def test_fold_drops_diacritics_and_d_bar():
    assert fold("Kinh tế số chiếm 30% GRDP") == "kinh te so chiem 30% grdp"
    assert fold("Đà Nẵng") == "da nang"


def test_clean_collapses_whitespace_and_controls():
    assert clean("  a\u00a0\u00a0b \r\n\n\n\tc\u200b\ufeff ") == "a b\n\nc"
