"""`vanban export spacy`: the gold set as spaCy DocBins, one per split, with every gold item it
could locate as a span and a count of the ones it could not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from eval.spacy_gold import REAL_DIR, locate, split_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NGHEAN = "../shared/samples/qd_nghean_example.txt"

# A dev record written the way annotators write (GUIDE.md): quotes re-typed with other case and
# spacing, a partial number, and one target the text does not contain.
DEV_RECORD = {
    "source": NGHEAN, "split": "dev",
    "decisions": [
        {"number": "3120/QĐ-UBND", "type": "Quyết định", "relation": "self"},
        {"number": "505/QĐ-TTG", "type": "Quyết định", "relation": "basis"},  # 'TTg' in the text
        {"number": None, "type": "Luật", "relation": "basis"},  # nothing to find it by
    ],
    "signers": [{"name": "Hoàng Minh Đức", "title": "Chủ tịch UBND tỉnh Nghệ An"}],
    "targets": [
        {"text": "tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt tối thiểu 80 %",
         "value": 80, "unit": "%", "comparator": ">=", "year": 2025},
        {"text": "KINH TẾ SỐ CHIẾM 20% GRDP", "value": 20, "unit": "%", "comparator": "=", "year": 2025},
        {"text": "tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt 90%", "value": 90},  # not in the text
    ],
    "achievements": [],
    "tasks": [{"text": "Kiểm tra, đôn đốc các sở, ngành, địa phương triển khai nhiệm vụ", "assignee": None}],
}
TEST_RECORD = {
    "source": "../shared/samples/news_hatinh_2021.txt", "split": "test",
    "decisions": [], "signers": [], "targets": [], "achievements": [], "tasks": [],
}


def vanban(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "api.cli", *args], env=env, capture_output=True,
                          text=True, timeout=600, cwd=ROOT)


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    if not (ROOT / NGHEAN).is_file():
        pytest.skip("../shared samples not present")
    for split, record in (("dev", DEV_RECORD), ("test", TEST_RECORD)):
        (tmp_path / "gold" / split).mkdir(parents=True)
        (tmp_path / "gold" / split / f"{split}_doc.json").write_text(
            json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return tmp_path / "gold"


def test_export_writes_one_docbin_per_split_with_located_spans(gold_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "gold.spacy"
    run = vanban("export", "spacy", "-o", str(out), "--gold-dir", str(gold_dir))
    assert run.returncode == 0, run.stderr
    assert "located decisions 2/3, signers 1/1, targets 2/3, achievements 0/0, tasks 1/1" in run.stderr
    nlp = spacy.blank("vi")
    (dev,) = DocBin().from_disk(split_path(out, "dev")).get_docs(nlp.vocab)
    (test,) = DocBin().from_disk(split_path(out, "test")).get_docs(nlp.vocab)
    assert dev.user_data["source"] == NGHEAN and test.user_data["gold_file"] == "test_doc.json"
    assert [s.text for s in dev.spans["signers"]] == ["Hoàng Minh Đức"]
    first, second = (s.text for s in dev.spans["targets"])
    assert first == "tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt tối thiểu 80%"
    assert second.startswith("kinh tế số chiếm 20% GRDP")  # to the end of pyvi's token 'GRDP.'

    assert [s.label_ for s in dev.spans["targets"]] == ["target", "target"]
    assert [s.text for s in dev.spans["decisions"]] == ["3120/QĐ-UBND", "505/QĐ-TTg"]
    assert dev.spans["tasks"][0].text.startswith("Kiểm tra, đôn đốc")
    assert all(len(test.spans[k]) == 0 for k in ("targets", "signers", "tasks"))


def test_export_needs_a_file_and_a_gold_folder(tmp_path: Path) -> None:
    assert vanban("export", "spacy").returncode == 2
    run = vanban("export", "spacy", "-o", str(tmp_path / "g.spacy"), "--gold-dir", str(tmp_path / "none"))
    assert run.returncode == 1 and "no gold records" in run.stderr


def test_a_quote_with_an_edited_middle_is_found_by_its_head_and_tail() -> None:
    text = ("Mục tiêu: đến năm 2025, tỷ lệ hộ gia đình có kết nối Internet cáp quang băng rộng "
            "đạt tối thiểu 80% trên toàn tỉnh.")
    record = {"_file": "x.json", "targets": [
        {"text": "tỷ lệ hộ gia đình có kết nối Internet … băng rộng đạt tối thiểu 80% trên toàn tỉnh"}]}
    spans, stats = locate(record, text)
    (start, end), = spans["targets"]
    assert text[start:end] == ("tỷ lệ hộ gia đình có kết nối Internet cáp quang băng rộng đạt tối thiểu "
                               "80% trên toàn tỉnh")
    assert stats.found["targets"] == 1


@pytest.mark.slow
def test_real_gold_set_exports_with_nearly_every_target_located(tmp_path: Path) -> None:
    if not any((REAL_DIR / "dev").glob("*.json")):
        pytest.skip("eval/gold_real not present")
    run = vanban("export", "spacy", "-o", str(tmp_path / "gold.spacy"))
    assert run.returncode == 0, run.stderr
    for split in ("dev", "test"):
        docs = list(DocBin().from_disk(split_path(tmp_path / "gold.spacy", split)).get_docs(
            spacy.blank("vi").vocab))
        assert len(docs) == len(list((REAL_DIR / split).glob("*.json")))
