"""Upload (ingest) one file, list stored documents, read one record."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool

from api.http import upload
from api.http.deps import FiltersDep, ServiceDep, SettingsDep, require_api_key
from api.http.schemas import DocumentPage, DocumentRecord, DocumentSummary, ErrorBody, UploadResult
from api.service import Service, file_sha256
from core.errors import CorruptFileError
from core.record import Document
from ingest import reader

router = APIRouter(tags=["documents"])

_UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": UploadResult, "description": "the same text was stored already (status unchanged)"},
    401: {"model": ErrorBody, "description": "missing or wrong X-API-Key"},
    413: {"model": ErrorBody, "description": "file larger than the upload limit"},
    415: {"model": ErrorBody, "description": "not a PDF, HTML, DOCX or text file"},
    422: {"model": ErrorBody, "description": "the file cannot be read (corrupt, encrypted, no text)"},
}
DocId = Annotated[str, PathParam(min_length=1, max_length=64, description="document id")]


def record(doc: Document) -> dict[str, Any]:
    """The SPEC §2 record the API returns (no page map, sections or meta)."""
    return doc.to_json(with_structure=False)


def _ingest(service: Service, received: upload.ReceivedFile, lock: threading.Lock) -> UploadResult:
    # One writer at a time: the store copes with concurrent writers, the indexes may not.
    with lock:
        # keyed by content, not by the random temp name: the same bytes again are `unchanged`
        # at once, without parsing (a million-annotation PDF took 114 s to parse twice)
        key = f"upload:{file_sha256(received.path)}"
        try:
            result = service.ingest_file(received.path, source=received.label, source_key=key)
        except OSError as err:
            raise CorruptFileError(f"cannot read the file ({type(err).__name__})") from err
    doc = service.get(result.id)
    return UploadResult.model_validate({**record(doc), "status": result.status,
                                        "replaced_id": result.replaced_id})


def _keep(service: Service, received: upload.ReceivedFile, doc_id: str, ftype: str, files_dir: Path) -> None:
    """Keep the original in the SQL store (by sha256, once), where every node sharing the database
    reads it, and under this node's files directory by a name derived from its content id, never
    the client's."""
    service.jobs.put(received.path.read_bytes(), received.label)
    final = files_dir / f"{doc_id}.{ftype}"
    if final.exists():
        received.path.unlink(missing_ok=True)
    else:
        received.path.replace(final)


@router.post("/documents", response_model=UploadResult, status_code=201, responses=_UPLOAD_RESPONSES,
             openapi_extra=upload.OPENAPI_BODY, dependencies=[Depends(require_api_key)],
             summary="Upload and ingest one file")
async def upload_document(request: Request, response: Response, service: ServiceDep,
                          settings: SettingsDep) -> UploadResult:
    """Multipart field ``file``. 201 with the record when stored, 200 when the same text was
    stored already. The type is read from the content, not the name or the Content-Type."""
    limit = int(settings.upload_max_mb * 1024 * 1024)
    received = await upload.receive(request, settings.files_dir, limit)
    try:
        upload.check_extension(received.label)
        ftype = reader.sniff(received.head, received.path)
        result = await run_in_threadpool(_ingest, service, received, request.app.state.write_lock)
        await run_in_threadpool(_keep, service, received, result.id, ftype, settings.files_dir)
    finally:
        received.path.unlink(missing_ok=True)
    if result.status == "unchanged":
        response.status_code = 200
    return result


@router.get("/documents", response_model=DocumentPage, summary="List stored documents")
def list_documents(service: ServiceDep, filters: FiltersDep,
                   limit: Annotated[int, Query(ge=1, le=200)] = 20,
                   offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> DocumentPage:
    docs, total = service.list_documents(filters, limit=limit, offset=offset)
    items = [DocumentSummary.model_validate(d.model_dump(include=set(DocumentSummary.model_fields)))
             for d in docs]
    return DocumentPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/documents/{doc_id}", response_model=DocumentRecord,
            responses={404: {"model": ErrorBody, "description": "unknown id"}}, summary="One document record")
def get_document(doc_id: DocId, service: ServiceDep) -> DocumentRecord:
    return DocumentRecord.model_validate(record(service.get(doc_id)))
