"""``repeals`` (whole / part with the parts named) and ``guides`` on top of the decisions stage,
through the real readers and extraction on the small fixture documents."""

from pathlib import Path

import pytest

from core.settings import Settings
from extract import pipeline
from ingest import reader

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "status"


def refs(name: str) -> dict[str, tuple]:
    doc = pipeline.run(reader.read(FIX / name, Settings()))
    return {r.number: (r.relation, r.scope, r.parts) for r in doc.decisions}


def test_replacement_stays_replaces() -> None:
    assert refs("qd_200_2024.txt")["100/QĐ-UBND"] == ("replaces", None, None)


def test_partial_repeal_names_the_parts_and_whole_repeal_has_none() -> None:
    got = refs("qd_400_2024.txt")
    assert got["200/QĐ-UBND"] == ("repeals", "part", "khoản 2 Điều 3")  # title says "một phần"
    assert got["1203/QĐ-UBND"] == ("repeals", "whole", None)


def test_amendment_is_not_a_repeal() -> None:
    assert refs("qd_300_2024.txt")["200/QĐ-UBND"][0] == "amends"


def test_guidance_guides() -> None:
    assert refs("hd_600_2024.txt")["200/QĐ-UBND"][0] == "guides"


def test_news_never_repeals_or_replaces() -> None:
    got = refs("news_200_2024.html")
    assert got["200/QĐ-UBND"][0] == "reported"
    assert all(rel not in ("replaces", "repeals", "amends") for rel, _, _ in got.values())


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Điều 2. Bãi bỏ Điều 5, Điều 6 của Quyết định số 45/2019/QĐ-UBND ngày 02/3/2019 của UBND tỉnh.",
     ("repeals", "part", "Điều 5, Điều 6")),
    ("Điều 2. Bãi bỏ điểm a khoản 1 Điều 2 Quyết định số 45/2019/QĐ-UBND.",
     ("repeals", "part", "điểm a khoản 1 Điều 2")),
    ("Điều 2. Bãi bỏ Quyết định số 45/2019/QĐ-UBND ngày 02/3/2019 của UBND tỉnh.",
     ("repeals", "whole", None)),
    ("Điều 2. Khoản 3 Điều 4 Quyết định số 45/2019/QĐ-UBND hết hiệu lực kể từ ngày Quyết định này có "
     "hiệu lực.", ("repeals", "part", "Khoản 3 Điều 4")),
    ("Điều 2. Huỷ bỏ Quyết định số 45/2019/QĐ-UBND.", ("repeals", "whole", None)),
    # a chain: the verb binds to every number of the list
    ("Điều 2. Bãi bỏ Quyết định số 12/2018/QĐ-UBND và Quyết định số 45/2019/QĐ-UBND của UBND tỉnh.",
     ("repeals", "whole", None)),
    # another document is the subject: a citation, not this text's act
    ("Điều 2. Nghị định số 12/2020/NĐ-CP bãi bỏ Quyết định số 45/2019/QĐ-UBND.", ("cites", None, None)),
])
def test_repeal_wording(tmp_path: Path, sentence: str, expected: tuple) -> None:
    head = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 77/QĐ-UBND\n"
            "Hà Tĩnh, ngày 01 tháng 8 năm 2024\n\n"
            "QUYẾT ĐỊNH\nVề việc điều chỉnh văn bản\n\nỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\n\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n\n")
    path = tmp_path / "qd.txt"
    tail = "\n\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký./.\n"
    path.write_text(head + sentence + tail, encoding="utf-8")
    doc = pipeline.run(reader.read(path, Settings()))
    got = {r.number: (r.relation, r.scope, r.parts) for r in doc.decisions}
    assert got["45/2019/QĐ-UBND"] == expected
    assert doc.effective_from == "2024-08-01"
