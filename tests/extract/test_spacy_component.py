"""The ``vanban_extract`` spaCy component: its span groups are the record's items, on any
tokenizer, with nothing lost in alignment; bad input fails as ``vanban extract`` fails."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from core.errors import InputError, NoTextError
from core.settings import Settings
from extract import pipeline
from extract.spacy_component import GROUPS, align, make_component
from ingest.reader import read

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
DEMO = sorted((ROOT / "corpus" / "docs").glob("*.txt"))
REAL = [
    *sorted((SHARED / "samples").glob("*.txt")),
    *(SHARED / "data" / "real" / "mixed" / name for name in (
        "nat_15-2026-nq-cp.txt", "prov_ha-noi_10-2025-qd-ubnd.txt", "news_baomoi2013_11111636.txt",
        "prov_gia-lai_59-2017-nq-hdnd.txt",
    )),
]
SETTINGS = Settings()


class WhitespaceTokenizer:
    """Tokens are runs of non-space characters; the text comes back byte for byte."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in re.finditer(r"\S+|\s+", text):
            piece = m.group(0)
            if not piece.isspace():
                words.append(piece)
                spaces.append(False)
            elif words and not spaces[-1] and piece.startswith(" "):
                spaces[-1] = True  # one space trails the token; more whitespace is a token
                if piece[1:]:
                    words.append(piece[1:])
                    spaces.append(False)
            else:
                words.append(piece)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


@pytest.fixture(scope="module")
def nlp_vi() -> Language:
    nlp = spacy.blank("vi")  # pyvi word segmentation: "Ủy ban", "nhân dân", …
    nlp.add_pipe("vanban_extract")
    return nlp


@pytest.fixture(scope="module")
def nlp_ws() -> Language:
    nlp = spacy.blank("xx")
    nlp.tokenizer = WhitespaceTokenizer(nlp.vocab)
    nlp.add_pipe("vanban_extract")
    return nlp


def run_on_file(nlp: Language, path: Path) -> tuple[Doc, dict]:
    """The component on a file's clean text, seeded with what ingest read (title, date), and
    the record ``vanban extract FILE --json`` prints for that file."""
    if not path.is_file():
        pytest.skip(f"{path} not present")
    read_doc = read(path, SETTINGS)
    expected = pipeline.run(read_doc).to_json(with_structure=False)
    doc = nlp.make_doc(read_doc.text)
    doc._.record = read_doc
    return nlp(doc), expected


def assert_spans_are_items(doc: Doc, record: dict) -> None:
    assert doc._.record == record
    for key, label in GROUPS.items():
        spans, items = list(doc.spans[key]), record[key]
        assert len(spans) == len(items), key  # nothing lost, nothing added
        for span, item in zip(spans, items, strict=True):
            assert span._.item == item
            assert span.label_ == label
            for field in ("number", "relation", "value", "unit", "year", "comparator", "indicator_id",
                          "assignee", "deadline"):
                assert span._.get(field) == item.get(field), (key, field)
            if item["span"] is None:
                assert span._.alignment in ("located", "none")
                continue
            start, end = item["span"]
            # the token span covers the item and is no wider than the tokens it touches
            assert span.start_char <= start and span.end_char >= end, (key, item["span"], span)
            assert span._.alignment in ("exact", "expand", "nearest")
            if span._.alignment == "exact":
                assert (span.start_char, span.end_char) == (start, end)


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.name)
def test_spans_equal_record_items_on_demo_corpus(nlp_vi: Language, path: Path) -> None:
    doc, record = run_on_file(nlp_vi, path)
    assert_spans_are_items(doc, record)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_spans_equal_record_items_on_real_documents(nlp_vi: Language, nlp_ws: Language, path: Path) -> None:
    for nlp in (nlp_vi, nlp_ws):
        doc, record = run_on_file(nlp, path)
        assert_spans_are_items(doc, record)
    assert sum(len(doc.spans[k]) for k in GROUPS) > 0  # real documents do carry items


def test_plain_text_in_gives_the_record_of_that_text(nlp_ws: Language) -> None:
    """Without a seed the text alone is extracted: the record is that of a Document of it."""
    text = (SHARED / "samples" / "qd_nghean_example.txt").read_text(encoding="utf-8")
    doc = nlp_ws(text)
    assert doc.text == text
    assert doc._.record["number"] and doc.spans["signers"]
    assert all(s._.alignment != "none" for k in GROUPS for s in doc.spans[k])


def test_self_decision_without_span_is_found_by_its_number(nlp_vi: Language) -> None:
    doc, _ = run_on_file(nlp_vi, ROOT / "corpus" / "docs" / "cv_danang_4410_2024.txt")
    own = next(s for s in doc.spans["decisions"] if s._.relation == "self")
    assert own._.item["span"] is None and own._.alignment == "located"
    assert own.text == "4410/UBND-STTTT"


def test_document_without_items_gives_empty_groups(nlp_vi: Language) -> None:
    doc = nlp_vi("Hôm nay trời đẹp, chúng tôi đi dạo quanh hồ.")
    assert {k: list(doc.spans[k]) for k in GROUPS} == {k: [] for k in GROUPS}
    assert doc._.record["text"] == doc.text


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_refused_as_vanban_extract_refuses_it(nlp_vi: Language, text: str) -> None:
    # `vanban extract` on such a file fails with an InputError (EmptyFileError / NoTextError)
    with pytest.raises(NoTextError) as err:
        nlp_vi(text)
    assert isinstance(err.value, InputError)


@pytest.mark.slow
def test_one_megabyte_text_is_extracted_like_vanban_extract(nlp_ws: Language, tmp_path: Path) -> None:
    """``vanban extract`` takes a 1 MB text file (the limit is 50 MB); so does the component."""
    unit = (SHARED / "samples" / "qd_nghean_example.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join([unit] * (1_000_000 // len(unit.encode()) + 1)), encoding="utf-8")
    assert big.stat().st_size >= 1_000_000
    doc, record = run_on_file(nlp_ws, big)
    assert_spans_are_items(doc, record)
    assert len(doc.spans["signers"]) >= 1


def test_misaligned_character_spans_take_the_nearest_tokens() -> None:
    doc = Doc(Vocab(), words=["đạt", "75", "%", "\n\n", "năm"], spaces=[True, False, False, False, False])
    assert align(doc, 4, 6, "target")[1] == "exact"
    span, how = align(doc, 5, 7, "target")  # inside '75' to the end of '%'
    assert how == "expand" and span.text == "75%"
    span, how = align(doc, 3, 4, "target")  # the space after 'đạt' belongs to no token
    assert how == "nearest" and len(span) == 1
    span, how = align(doc, len(doc.text), len(doc.text), "target")  # past the end
    assert how == "nearest" and span.text == "năm"


def test_displacy_renders_the_target_spans(nlp_vi: Language) -> None:
    doc, _ = run_on_file(nlp_vi, SHARED / "samples" / "qd_nghean_example.txt")
    for key in GROUPS:
        if doc.spans[key]:  # displacy warns (W117) on an empty group
            html = displacy.render(doc, style="span", options={"spans_key": key})
            assert all(s[0].text in html for s in doc.spans[key] if len(s))
    html = displacy.render(doc, style="span", options={"spans_key": "signers"})
    assert doc.spans["signers"][0]._.name.split()[-1] in html and "signer" in html


def test_factory_is_an_entry_point_of_the_package() -> None:
    """``pip install`` publishes the factory, so ``add_pipe`` needs no import of ours."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = meta["project"]["entry-points"]["spacy_factories"]["vanban_extract"]
    module, attr = target.split(":")
    assert module == make_component.__module__ and attr == make_component.__name__
    assert Language.get_factory_meta("vanban_extract").factory == "vanban_extract"
