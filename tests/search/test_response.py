"""SPEC §3 response shape and diacritic-insensitive highlights."""

from __future__ import annotations

from search.response import SearchResponse, SearchResult, highlights


def test_highlights_accentless_and_merged():
    passage = "Phấn đấu kinh tế số chiếm 20% GRDP của tỉnh."
    spans = highlights(passage, "kinh te so chiem GRDP")
    assert [passage[s:e] for s, e in spans] == ["kinh tế số chiếm", "GRDP"]


def test_highlights_skip_function_words_and_handle_empty():
    passage = "Ủy ban nhân dân tỉnh và các sở của tỉnh"
    assert [passage[s:e] for s, e in highlights(passage, "của tỉnh và")] == ["tỉnh và", "của tỉnh"]
    assert highlights(passage, "của và") == []
    assert highlights(passage, "") == []
    assert highlights("", "tỉnh") == []
    assert highlights(passage, "(*)") == []


def test_highlights_numbers_and_regex_characters():
    passage = "Thay thế Quyết định số 1650/QĐ-UBND ngày 02/6/2021."
    spans = highlights(passage, "1650/QĐ-UBND")
    assert [passage[s:e] for s, e in spans] == ["1650/QĐ-UBND"]
    assert highlights(passage, "a.b*c+[") == []


def test_response_json_has_spec_fields():
    r = SearchResponse(query="q", took_ms=1.5, results=[SearchResult(
        document_id="abc", source="f.txt", number="1/QĐ-UBND", title="t", kind="decision",
        issued_on="2024-01-02", issuer="UBND tỉnh X", score=0.5, passage="p", highlights=[(0, 1)],
        section="Điều 1", span=(10, 11), page=2)])
    data = r.to_json()
    # lookup (SPEC §5) and degraded (issue 13) are additions to SPEC §3
    assert set(data) == {"query", "took_ms", "results", "lookup", "degraded"}
    assert data["lookup"] is None  # the query is not a document number
    assert data["degraded"] is False
    res = data["results"][0]
    assert {"document_id", "source", "number", "title", "kind", "issued_on", "issuer", "score", "passage",
            "highlights", "section", "span"} <= set(res)
    assert res["span"] == [10, 11] and res["highlights"] == [[0, 1]]
