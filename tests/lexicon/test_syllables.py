"""The syllable list OCR repair checks words against: bundled with underthesea, no download."""

from __future__ import annotations

from lexicon import syllables


def test_word_list_is_loaded_from_the_installed_package() -> None:
    known = syllables.known()
    assert len(known) > 5000
    assert {"quyết", "quyệt", "hội", "quốc", "nguyễn", "đắk"} <= known


def test_syllables_are_grouped_by_their_letters() -> None:
    assert {"quyết", "quyệt"} <= set(syllables.by_fold()["quyet"])


def test_own_phrases_are_multi_syllable_and_lower_case() -> None:
    phrases = syllables.own_phrases()
    assert "hội đồng nhân dân" in phrases and "quyết định" in phrases
    assert all(len(p.split()) > 1 and p == p.lower() for p in phrases)
