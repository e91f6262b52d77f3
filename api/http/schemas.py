"""Response and request models of the HTTP API, so ``/openapi.json`` documents real types.

They extend SPEC §2's record classes in ``core.record`` (fields, items) and serve the search
response of ``search.response`` as it is, so the API cannot drift from what the stages produce.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from core.record import DecisionRef, DocumentContent, DocumentFields, DocumentKind, IncomingRef, StatusState
from search.response import SearchMode, SearchResponse, SearchResult

# SPEC §3 models, owned by search, served as they are
__all__ = ["SearchMode", "SearchResponse", "SearchResult"]

SaveStatus = Literal["ingested", "unchanged", "replaced"]

_EXAMPLE_DOC: dict[str, Any] = {
    "id": "3f0c2a9d1b7e4c55",
    "source": "qd_nghean_example.txt",
    "title": "Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh Nghệ An",
    "kind": "decision",
    "published_at": None,
    "number": "3120/QĐ-UBND",
    "issued_on": "2022-10-18",
    "issuer": "UBND tỉnh Nghệ An",
    "province": "Nghệ An",
}


class Health(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok", "documents": 42}]})

    status: Literal["ok"] = "ok"
    documents: int = Field(ge=0, description="documents in the store")


class DocumentSummary(DocumentFields):
    """A document without its text and items: what a listing needs."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE_DOC]})

    id: str  # always set on a stored document


class DocumentRecord(DocumentContent):
    """The SPEC §2 document record."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        **_EXAMPLE_DOC, "text": "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN …",
        "decisions": [{"number": "505/QĐ-TTg", "type": "Quyết định", "issued_on": "2022-04-22",
                       "issuer": "Thủ tướng Chính phủ", "relation": "basis", "span": [412, 520]}],
        "signers": [{"name": "Hoàng Minh Đức", "title": "Chủ tịch UBND tỉnh Nghệ An", "span": [1900, 1914]}],
        "targets": [{"text": "tỷ lệ hồ sơ … đạt tối thiểu 80%", "indicator": "tỷ lệ hồ sơ thủ tục hành chính",
                     "comparator": ">=", "value": 80, "value_max": None, "unit": "%", "year": 2025,
                     "span": [1100, 1190]}],
        "tasks": [], "people": [], "organizations": [], "locations": ["Nghệ An"],
    }]})

    id: str  # always set on a stored document


class UploadResult(DocumentRecord):
    """The stored record plus what the store did with it."""

    status: SaveStatus = Field(description="ingested (new), unchanged (same text stored already), "
                                           "replaced (a stored document with the same key was replaced)")
    replaced_id: str | None = None


class DocumentPage(BaseModel):
    total: int = Field(ge=0, description="documents matching the filters")
    limit: int
    offset: int
    items: list[DocumentSummary]


class SearchFilters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: DocumentKind | None = None
    issuer: str | None = Field(default=None, max_length=200, description="contains; accents optional")
    province: str | None = Field(default=None, max_length=100)
    year_from: int | None = Field(default=None, ge=1900, le=2100)
    year_to: int | None = Field(default=None, ge=1900, le=2100)
    status: StatusState | None = Field(default=None, description="legal status (SPEC §5)")


def _no_lone_surrogates(value: object) -> object:
    """JSON may carry ``"\\ud800"``, a code point UTF-8 cannot encode: every later step that
    encodes the text (analysis, the response) failed with a 500. It becomes U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return value


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"query": "chuyển đổi số", "top_k": 5, "filters": {"province": "Nghệ An", "year_from": 2022}}]})

    query: Annotated[str, BeforeValidator(_no_lone_surrogates)] = Field(min_length=1, max_length=500)
    top_k: int = Field(default=10, ge=1, le=100)
    per_document: int = Field(default=1, ge=1, le=20)
    mode: SearchMode = "hybrid"
    filters: SearchFilters = Field(default_factory=SearchFilters)


class Citation(IncomingRef):
    """A stored document that refers to the looked-up number (SPEC §5 ``referenced_by`` entry)."""


class Reference(DecisionRef):
    """A reference made by one of the documents with the looked-up number."""

    from_: str = Field(alias="from", description="id of the referring document")


class DecisionGraph(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    number: str
    documents: list[DocumentRecord]
    references: list[Reference]
    referenced_by: list[Citation]
    stored: bool = Field(default=True, description="false: no stored document has the number")
    stub: dict[str, Any] | None = Field(default=None, description="what citations say of a number not "
                                                                   "stored: number, type, issuer, date, "
                                                                   "status, referenced_by")


class _ItemRowBase(BaseModel):
    """Columns every export row has after the item's own fields (see ``api.exports``)."""

    model_config = ConfigDict(extra="allow")

    sentence: str | None = None
    document_number: str | None = None
    document_issued_on: str | None = None
    document_issuer: str | None = None
    province: str | None = None
    document_title: str | None = None
    source: str | None = None
    document_id: str
    span_start: int | None = None
    span_end: int | None = None


class TargetRow(_ItemRowBase):
    indicator: str | None = None
    comparator: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    year: int | None = None
    text: str


class TaskRow(_ItemRowBase):
    assignee: str | None = None
    deadline: str | None = None
    text: str


class DecisionRow(_ItemRowBase):
    number: str | None = None
    type: str | None = None
    relation: str | None = None
    issued_on: str | None = None
    issuer: str | None = None
    signer: str | None = None


class ErrorBody(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"detail": "no document with id 0000"}]})

    detail: str | list[Any]


class IndicatorRow(_ItemRowBase):
    """One value of one canonical indicator (issue 14): a target or an achievement of a province
    for a year, with the source document; ``link`` opens the sentence in its document."""

    indicator_id: str | None = None
    indicator_label: str | None = None
    year: int | None = None
    kind: Literal["target", "achievement"]
    comparator: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    indicator: str | None = None
    link: str
