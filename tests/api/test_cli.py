"""The `vanban` command as a user runs it: a real process, a real store in a temp dir."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / ".." / "shared"
NGHEAN = SHARED / "samples" / "qd_nghean_example.txt"
REAL_PDF = SHARED / "data" / "pdf" / "ttg_2319_qd_2025.pdf"


def vanban(data_dir: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VANBAN_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "api.cli", *args], env=env, capture_output=True,
                          text=True, timeout=timeout, cwd=HERE.parents[1])


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    """One good decision and one file of each kind of bad input."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(NGHEAN, folder / "good.txt")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(REAL_PDF.read_bytes()[:3000])
    (folder / "random.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    (folder / "notzip.docx").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 20)
    return folder


@pytest.mark.slow
def test_ingest_batch_goes_on_past_bad_files_and_reruns_are_noops(bad_folder: Path, tmp_path: Path):
    data = tmp_path / "data"
    first = vanban(data, "ingest", str(bad_folder))
    assert first.returncode == 1, first.stderr
    assert first.stdout.strip().splitlines()[-1] == "ingested 1, unchanged 0, failed 5"
    failed_lines = [ln for ln in first.stderr.splitlines() if ln.startswith("failed ")]
    assert len(failed_lines) == 5
    reasons = "\n".join(failed_lines)
    assert "empty.pdf: empty file" in reasons
    for name in ("truncated.pdf", "random.pdf", "notzip.docx", "binary.txt"):
        assert name in reasons
    assert "Traceback" not in first.stderr

    again = vanban(data, "ingest", str(bad_folder / "good.txt"))
    assert again.returncode == 0
    assert again.stdout.strip() == "ingested 0, unchanged 1, failed 0"

    shown = vanban(data, "show", "3120/QĐ-UBND", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["number"] == "3120/QĐ-UBND"
    check = vanban(data, "check")
    assert check.returncode == 0, check.stderr + check.stdout
    assert "consistent" in check.stdout
    found = vanban(data, "search", "ban chi dao chuyen doi so", "--json")
    assert json.loads(found.stdout)["results"][0]["number"] == "3120/QĐ-UBND"


def test_extract_json_lines_with_an_error_line(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = vanban(tmp_path / "data", "extract", str(NGHEAN), str(empty), "--json")
    assert res.returncode == 1
    lines = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert lines[0]["number"] == "3120/QĐ-UBND"
    assert lines[0]["text"].startswith("ỦY BAN NHÂN DÂN")
    assert lines[1] == {"source": "empty.txt", "error": "empty file (0 bytes)"}
    assert not (tmp_path / "data" / "vanban.db").exists()  # extract stores nothing


def test_bad_usage_exits_2(tmp_path: Path):
    assert vanban(tmp_path / "data", "search").returncode == 2
    assert vanban(tmp_path / "data", "export", "nonsense").returncode == 2


def test_show_unknown_is_a_one_line_error(tmp_path: Path):
    res = vanban(tmp_path / "data", "show", "9999/QĐ-UBND")
    assert res.returncode == 1
    assert res.stderr.strip() == "error: không tìm thấy: no document with id or number 9999/QĐ-UBND"


def test_unreadable_bm25_store_is_reported_and_rebuilt_without_re_embedding(tmp_path: Path):
    """A damaged BM25 file: `check` says so in one line; `check --repair` rebuilds the lexical
    store from SQL and keeps every vector (re-embedding is hours at scale)."""
    from apisupport import index_samples, require_samples

    require_samples()
    data = index_samples(tmp_path / "data")

    def vector_writes() -> int:  # Chroma's write log: one sequence number per vector written
        with sqlite3.connect(f"file:{data / 'chroma' / 'chroma.sqlite3'}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT max(seq_id) FROM embeddings_queue").fetchone()[0])

    writes = vector_writes()
    shard = next((data / "bm25").glob("chunks-*.json"))
    shard.write_text("{torn", encoding="utf-8")
    broken = vanban(data, "check")
    assert broken.returncode != 0
    assert "unreadable" in broken.stderr and "check --repair" in broken.stderr
    assert "Traceback" not in broken.stderr
    repaired = vanban(data, "check", "--repair")
    assert repaired.returncode == 0, repaired.stderr + repaired.stdout
    assert "consistent" in repaired.stdout
    assert vector_writes() == writes  # nothing was re-embedded
    found = vanban(data, "search", "ban chi dao chuyen doi so", "--json")
    assert json.loads(found.stdout)["results"][0]["number"] == "3120/QĐ-UBND"


STATUS_FIX = HERE.parent / "fixtures" / "status"


@pytest.fixture
def chain_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The status fixture chain stored (not indexed), seen on 2024-09-15."""
    from api.service import Service
    from core.settings import Settings

    data = tmp_path / "data"
    svc = Service(Settings(data_dir=data))
    for f in sorted(STATUS_FIX.iterdir()):
        svc.ingest_file(f, source=f.name, index=False)
    monkeypatch.setenv("VANBAN_TODAY", "2024-09-15")
    return data


def test_show_prints_status_and_what_changed_it(chain_dir: Path) -> None:
    res = vanban(chain_dir, "show", "100/QD-UBND")
    assert res.returncode == 0, res.stderr
    assert "status  Hết hiệu lực toàn bộ từ 2024-05-01 — 200/QĐ-UBND (replaces)" in res.stdout
    js = json.loads(vanban(chain_dir, "show", "200/QĐ-UBND", "--json").stdout)
    assert js["status"]["state"] == "partly_expired" and js["effective_from"] == "2024-05-01"


def test_show_number_not_stored_gives_stub_and_nearest(chain_dir: Path) -> None:
    res = vanban(chain_dir, "show", "1203/QĐ-UBND", "--json")
    assert res.returncode == 1
    body = json.loads(res.stdout)
    assert body["found"] is False and body["stub"]["status"]["state"] == "expired"
    assert "không tìm thấy" in res.stderr and "400/QĐ-UBND" in res.stderr


def test_search_status_flag(chain_dir: Path) -> None:
    ok = vanban(chain_dir, "search", "dat dai", "--status", "expired", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["query"] == "dat dai"
    bad = vanban(chain_dir, "search", "dat dai", "--status", "gone")
    assert bad.returncode == 2
