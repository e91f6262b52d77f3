"""The MCP tool server (``vanban mcp``): search, get_document and lookup_decision over stdio.

A chatbot answers from these tools and must be able to cite: every search hit carries the
document ``number``, the ``section`` label (``Điều 2``) and the character ``span``; documents
come with their section map so an item's span can be turned into a section too. The tools
call the same ``Service`` as the CLI and the HTTP API.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Annotated, Any

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import BaseModel, Field

from api.http.schemas import Citation, DocumentRecord, DocumentSummary, Reference, SearchResponse
from api.service import Service
from core.errors import VanbanError
from core.filters import Filters
from core.record import DocumentKind, Section, StatusState
from core.settings import get_settings

log = logging.getLogger("vanban.mcp")

DEFAULT_MAX_CHARS = 20_000

server = MCPServer(
    "vanban",
    instructions=(
        "Search Vietnamese administrative documents (quyết định, nghị quyết, kế hoạch, công văn) and "
        "read them. Quote `passage` and cite `number` and `section`; `span` locates the passage in "
        "the document text returned by get_document."
    ),
)


@lru_cache(maxsize=1)
def service() -> Service:
    """One Service per process, built on the first call (opening the store and loading the
    embedding model take seconds; listing tools should not wait for that)."""
    return Service(get_settings())


def _tool_error(err: VanbanError) -> ToolError:
    """A message the model can act on; server-side details (paths, drivers) stay in the log."""
    if err.http_status < 500:
        return ToolError(str(err))
    log.error("tool failed: %s", err, exc_info=err)
    return ToolError("the document store or search index is unavailable")


class SectionRef(BaseModel):
    label: str
    kind: str
    start: int
    end: int


class DocumentAnswer(DocumentRecord):
    """The SPEC §2 record, its section map, and the text cut to ``max_chars``."""

    sections: list[SectionRef] = Field(default_factory=list)
    text_truncated: bool = False


class DecisionAnswer(BaseModel):
    number: str
    documents: list[DocumentSummary]  # each with its legal ``status`` (SPEC §5)
    references: list[Reference]
    referenced_by: list[Citation]
    stored: bool = True
    stub: dict[str, Any] | None = None  # a number known only from citations


@server.tool()
def search(
    query: Annotated[str, Field(min_length=1, max_length=500, description="words or a decision number; "
                                                                          "accents optional")],
    top_k: Annotated[int, Field(ge=1, le=50)] = 5,
    kind: DocumentKind | None = None,
    issuer: Annotated[str | None, Field(max_length=200, description="issuer contains")] = None,
    province: Annotated[str | None, Field(max_length=100)] = None,
    year_from: Annotated[int | None, Field(ge=1900, le=2100)] = None,
    year_to: Annotated[int | None, Field(ge=1900, le=2100)] = None,
    per_document: Annotated[int, Field(ge=1, le=10, description="passages per document")] = 1,
    status: Annotated[StatusState | None,
                      Field(description="legal status: in_force (còn hiệu lực), expired, partly_expired, "
                                        "not_yet_in_force")] = None,
) -> SearchResponse:
    """Find passages, best first. Each result has the document's number, title, issuer, date,
    legal status, the section label and the span of the passage in the document text. A query
    that is a document number also gets ``lookup`` (found, or không tìm thấy with the nearest)."""
    filters = Filters(kind=kind, issuer=issuer, province=province, year_from=year_from, year_to=year_to,
                      status=status)
    try:
        return service().search(query, filters, top_k=top_k, per_document=per_document)
    except VanbanError as err:
        raise _tool_error(err) from err


@server.tool()
def get_document(
    id: Annotated[str, Field(min_length=1, max_length=200, description="document_id from a search result, "
                                                                    "or a document number (3120/QĐ-UBND)")],
    max_chars: Annotated[int, Field(ge=0, le=500_000, description="cut the text after this many "
                                                                   "characters")] = DEFAULT_MAX_CHARS,
) -> DocumentAnswer:
    """One stored document by id or number: identity, legal status (còn / hết hiệu lực, since,
    by, amended_by), text, decisions cited, who cites it, signers, targets, tasks, and the section
    map (label and span of each Điều / Khoản / Phụ lục)."""
    try:
        docs = service().show(id.strip())
    except VanbanError as err:
        raise _tool_error(err) from err
    if len(docs) > 1:
        listing = ", ".join(f"{d.id} ({d.issuer or '?'}, {d.issued_on or '?'})" for d in docs)
        raise ToolError(f"{len(docs)} documents have number {id}: call get_document with one id: {listing}")
    doc = docs[0]
    record: dict[str, Any] = doc.to_json(with_structure=False)
    record["text_truncated"] = len(doc.text) > max_chars
    record["text"] = doc.text[:max_chars]
    record["sections"] = [_section(s) for s in doc.sections]
    return DocumentAnswer.model_validate(record)


def _section(s: Section) -> SectionRef:
    return SectionRef(label=s.label, kind=s.kind, start=s.start, end=s.end)


@server.tool()
def lookup_decision(
    number: Annotated[str, Field(min_length=1, max_length=200, description="e.g. 3120/QĐ-UBND "
                                                                           "(accents and case optional)")],
) -> DecisionAnswer:
    """The stored documents with this number, what they cite (basis, replaces, amends…), and
    which stored documents cite it, with the span of each citation."""
    try:
        graph = service().decision_graph(number.strip())
    except VanbanError as err:
        raise _tool_error(err) from err
    docs = [DocumentSummary.model_validate(d.model_dump(include=set(DocumentSummary.model_fields)))
            for d in graph["documents"]]
    return DecisionAnswer.model_validate({**graph, "documents": docs})


def main() -> None:
    """Serve over stdio (the SDK keeps stray prints off the protocol stream)."""
    logging.basicConfig(level=logging.WARNING)
    server.run("stdio")


if __name__ == "__main__":  # pragma: no cover
    main()
