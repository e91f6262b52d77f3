"""The MCP server through the SDK's own stdio client, as a chatbot host would run it (slow:
the server process loads the embedding model)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from mcp import Client, StdioServerParameters

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


async def _session(data: Path) -> dict[str, Any]:
    """Run one conversation and return what each call gave back."""
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "api.cli", "mcp"], cwd=str(REPO),
        env={"VANBAN_DATA_DIR": str(data), "PATH": os.environ.get("PATH", "")},
    )
    out: dict[str, Any] = {}
    async with Client(params, read_timeout_seconds=120) as client:
        tools = await client.list_tools()
        out["tools"] = {t.name: t for t in tools.tools}
        out["search"] = await client.call_tool("search", {"query": "kinh te so chiem GRDP", "top_k": 3})
        out["filtered"] = await client.call_tool("search", {"query": "chuyển đổi số", "province": "Hà Tĩnh"})
        hit = out["search"].structured_content["results"][0]
        out["doc"] = await client.call_tool("get_document", {"id": hit["document_id"], "max_chars": 100})
        out["decision"] = await client.call_tool("lookup_decision", {"number": "3120/qd-ubnd"})
        out["missing"] = await client.call_tool("get_document", {"id": "0000000000000000"})
        out["expired"] = await client.call_tool("search", {"query": "chuyển đổi số", "status": "expired"})
        out["by_number"] = await client.call_tool("get_document", {"id": "3120/qd-ubnd", "max_chars": 10})
        out["bad_args"] = await client.call_tool("search", {"query": "", "top_k": 0})
    return out


def test_mcp_tools_over_stdio(indexed_dir: Path) -> None:
    out = asyncio.run(_session(indexed_dir))
    assert set(out["tools"]) == {"search", "get_document", "lookup_decision"}
    assert "query" in out["tools"]["search"].input_schema["properties"]

    search = out["search"]
    assert not search.is_error
    top = search.structured_content["results"][0]
    assert top["number"] == "3120/QĐ-UBND" and top["section"] and len(top["span"]) == 2
    assert "GRDP" in top["passage"]

    filtered = out["filtered"].structured_content["results"]
    assert filtered and {r["number"] for r in filtered} == {"77/QĐ-UBND"}

    doc = out["doc"].structured_content
    assert doc["number"] == "3120/QĐ-UBND" and len(doc["text"]) == 100 and doc["text_truncated"]
    assert any(s["label"].startswith("Điều") for s in doc["sections"])
    assert any(s["start"] <= top["span"][0] < s["end"] for s in doc["sections"])

    decision = out["decision"].structured_content
    assert [d["number"] for d in decision["documents"]] == ["3120/QĐ-UBND"]
    assert decision["documents"][0]["status"]["state"] == "in_force"  # SPEC §5 status with the number
    assert any(c["number"] == "77/QĐ-UBND" and c["relation"] == "basis" and c["span"]
               for c in decision["referenced_by"])

    assert out["missing"].is_error
    assert "no document with id" in out["missing"].content[0].text
    assert out["bad_args"].is_error

    # the status filter: both samples are in force, so nothing is expired
    assert not out["expired"].is_error and out["expired"].structured_content["results"] == []
    assert all(r["status"]["state"] == "in_force" for r in search.structured_content["results"])

    by_number = out["by_number"].structured_content  # get_document accepts a number too
    assert by_number["number"] == "3120/QĐ-UBND" and by_number["status"]["label"] == "Còn hiệu lực"
    assert any(r["number"] == "77/QĐ-UBND" for r in by_number["referenced_by"])
