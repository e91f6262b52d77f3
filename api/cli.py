"""The `vanban` command line (SPEC §1). Thin: parses arguments, calls ``api.service``, turns
``VanbanError``s into one-line messages and exit codes (0 ok, 1 some files/items failed,
2 bad usage)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from core.errors import NumberNotFound, VanbanError
from core.filters import Filters
from core.settings import get_settings

if TYPE_CHECKING:
    from api.service import IngestSummary

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="vanban: ingest, extract and search Vietnamese administrative documents.")
err_console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


class Kind(StrEnum):
    decision = "decision"
    resolution = "resolution"
    plan = "plan"
    official_letter = "official_letter"
    report = "report"
    news = "news"
    other = "other"


class State(StrEnum):
    """SPEC §5 states, for ``--status``."""

    in_force = "in_force"
    partly_expired = "partly_expired"
    expired = "expired"
    not_yet_in_force = "not_yet_in_force"
    unknown = "unknown"


class ExportKind(StrEnum):
    targets = "targets"
    tasks = "tasks"
    decisions = "decisions"
    indicators = "indicators"
    spacy = "spacy"  # the real gold set as spaCy DocBins, one per split (not store items)


class LogLevel(StrEnum):
    """uvicorn's levels, for ``serve --log-level``."""

    debug = "debug"
    info = "info"
    warning = "warning"
    error = "error"


class Format(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


KindOpt = Annotated[Kind | None, typer.Option("--kind", help="decision, resolution, plan, …")]
IssuerOpt = Annotated[str | None, typer.Option("--issuer", help="issuer contains (accents optional)")]
ProvinceOpt = Annotated[str | None, typer.Option("--province")]
YearFromOpt = Annotated[int | None, typer.Option("--year-from")]
YearToOpt = Annotated[int | None, typer.Option("--year-to")]
StatusOpt = Annotated[State | None, typer.Option("--status", help="legal status: in_force, expired, …")]
JsonOpt = Annotated[bool, typer.Option("--json", help="machine-readable output")]


def _service():  # type: ignore[no-untyped-def]
    from api.service import Service

    return Service(get_settings())


def _fail(err: VanbanError, code: int = 1) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {err}", highlight=False)
    return typer.Exit(code)


@contextmanager
def _progress(label: str) -> Iterator:  # type: ignore[type-arg]
    """A progress bar on a terminal, nothing when output goes to a file or pipe."""
    if not err_console.is_terminal:
        yield None
        return
    with Progress(TextColumn(f"[bold]{label}[/bold] {{task.description}}"), BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(), console=err_console,
                  transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name[:40])

        yield update


def _filters(kind: Kind | None, issuer: str | None, province: str | None, year_from: int | None,
             year_to: int | None, status: State | None = None) -> Filters:
    return Filters(kind=kind.value if kind else None, issuer=issuer, province=province,
                   year_from=year_from, year_to=year_to, status=status.value if status else None)


def _quantity(value: float | None, unit: str | None, value_max: float | None = None) -> str:
    """``150 doanh nghiệp``, ``70%``, ``5–7%``: how a reader writes a figure (no ``150.0``)."""
    if value is None:
        return "?"
    upper = f"–{value_max:g}" if value_max is not None else ""
    gap = "" if (unit or "").startswith("%") else " "
    return f"{value:g}{upper}{gap}{unit or ''}".rstrip()


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="files and folders", exists=True)],
           queue: Annotated[bool, typer.Option("--queue", help="queue the files for `vanban worker`s "
                                               "(PostgreSQL) and wait for their outcomes")] = False,
           ) -> None:
    """Read, extract, store and index files (.pdf .html .htm .txt .docx)."""
    if queue:
        _ingest_queued(paths)
        return
    svc = _service()
    try:
        with _progress("ingest") as prog, _progress("embed") as embed_prog:
            summary = svc.ingest_paths(paths, progress=prog, embed_progress=embed_prog)
    except VanbanError as err:
        raise _fail(err) from err
    _report(summary)


def _report(summary: IngestSummary) -> None:
    """One line per skipped or failed file, then the summary; exit 1 when any failed."""
    for o in summary.outcomes:
        if o.status == "skipped":
            err_console.print(f"{o.error}: {o.path}", highlight=False)
        if o.status == "failed":
            err_console.print(f"[red]failed[/red] {o.path}: {o.error}", highlight=False)
    if summary.index_error:
        err_console.print(f"[red]error:[/red] {summary.index_error}", highlight=False)
    print(summary.line)
    raise typer.Exit(1 if summary.count("failed") or summary.index_error else 0)


def _ingest_queued(paths: list[Path]) -> None:
    from api import queue as job_queue

    settings = get_settings()
    try:
        with _progress("queued") as prog:
            summary = job_queue.ingest_queued(settings, paths, progress=prog)
    except VanbanError as err:
        raise _fail(err) from err
    _report(summary)


@app.command()
def enqueue(paths: Annotated[list[Path], typer.Argument(help="files and folders", exists=True)]) -> None:
    """Queue files for `vanban worker`s on any machine (PostgreSQL): their bytes go into the
    store, so no worker needs this machine's disk. Prints the number queued and returns."""
    from api import queue as job_queue

    try:
        queued, skipped = job_queue.enqueue_paths(get_settings(), paths)
    except VanbanError as err:
        raise _fail(err) from err
    for link in skipped:
        err_console.print(f"skipped symlink: {link}", highlight=False)
    print(f"queued {len(queued)}")


@app.command()
def worker(concurrency: Annotated[int, typer.Option(min=1, help="jobs at once in this process")] = 1,
           burst: Annotated[bool, typer.Option("--burst", help="stop when the queue is empty")] = False,
           ) -> None:
    """Run queued ingest jobs into the shared PostgreSQL store and Chroma server until stopped;
    start one per core on as many machines as you like."""
    from api import queue as job_queue

    settings = get_settings()
    try:
        job_queue.work(settings, concurrency=concurrency, burst=burst,
                       ready=lambda: err_console.print("worker ready", highlight=False))
    except VanbanError as err:
        raise _fail(err) from err


@app.command()
def extract(files: Annotated[list[Path], typer.Argument(help="files to read")],
            as_json: JsonOpt = False) -> None:
    """Ingest + extraction of files without storing anything."""
    svc = _service()
    failed = 0
    for path in files:
        try:
            if not path.is_file():
                raise VanbanError(f"no such file: {path}")
            doc = svc.extract_file(path, source=path.name)
        except VanbanError as err:
            failed += 1
            if as_json:
                print(json.dumps({"source": path.name, "error": str(err)}, ensure_ascii=False))
            else:
                err_console.print(f"[red]failed[/red] {path}: {err}", highlight=False)
            continue
        if as_json:
            indent = 2 if len(files) == 1 else None
            print(json.dumps(doc.to_json(with_structure=False), ensure_ascii=False, indent=indent))
        else:
            _print_summary(doc)
    raise typer.Exit(1 if failed else 0)


def _print_summary(doc) -> None:  # type: ignore[no-untyped-def]
    out.rule(escape(f"{doc.source}  [{doc.kind}]"))
    for label, value in (("title", doc.title), ("number", doc.number), ("issued on", doc.issued_on),
                         ("issuer", doc.issuer), ("province", doc.province),
                         ("published", doc.published_at)):
        if value:
            out.print(f"[bold]{label:>10}[/bold]  {value}", highlight=False)
    out.print(f"[bold]{'text':>10}[/bold]  {len(doc.text)} characters, {len(doc.sections)} sections, "
              f"{len(doc.pages) or '-'} pages", highlight=False)
    if doc.effective_from:
        out.print(f"[bold]{'effective':>10}[/bold]  {doc.effective_from}", highlight=False)
    for d in doc.decisions:
        parts = f" [{d.parts}]" if d.parts else ""
        stored = " (không có trong kho)" if d.model_dump().get("stored") is False else ""
        out.print(f"  decision  {d.number or '?'} ({d.relation}){escape(parts)} {d.type or ''} "
                  f"{d.issued_on or ''}{stored}", highlight=False)
    for s in doc.signers:
        out.print(f"  signer    {s.name} — {s.title or ''}", highlight=False)
    for t in doc.targets:
        value = _quantity(t.value, t.unit, t.value_max)
        out.print(f"  target    {t.indicator} {t.comparator} {value} ({t.year or '-'})", highlight=False)
    for a in doc.achievements:
        value = _quantity(a.value, a.unit)
        out.print(f"  achieved  {a.indicator} {value} ({a.year or '-'})", highlight=False)
    for t in doc.tasks:
        out.print(f"  task      {t.assignee or '?'}: {t.text[:80]} [{t.deadline or '-'}]", highlight=False)


@app.command()
def search(query: Annotated[str, typer.Argument()],
           top_k: Annotated[int, typer.Option("--top-k", min=1, max=100)] = 10,
           kind: KindOpt = None, issuer: IssuerOpt = None, province: ProvinceOpt = None,
           year_from: YearFromOpt = None, year_to: YearToOpt = None,
           per_document: Annotated[int, typer.Option("--per-document", min=1)] = 1,
           status: StatusOpt = None, as_json: JsonOpt = False) -> None:
    """Hybrid search over stored documents."""
    svc = _service()
    try:
        resp = svc.search(query, _filters(kind, issuer, province, year_from, year_to, status), top_k=top_k,
                          per_document=per_document)
    except VanbanError as err:
        raise _fail(err) from err
    if as_json:
        print(resp.model_dump_json(indent=2))
        return
    if resp.lookup and not resp.lookup.found:
        out.print(resp.lookup.message or "", highlight=False)
    if not resp.results:
        out.print("no results")
    for i, r in enumerate(resp.results, 1):
        badge = f" [{r.status.label}]" if r.status else ""
        out.print(f"[bold]{i}. {escape(r.number or r.source)}[/bold]{escape(badge)}  {r.title or ''}  "
                  f"[dim]{r.kind} {r.issued_on or ''} {r.section or ''} score {r.score:.3f}[/dim]",
                  highlight=False)
        out.print("   " + r.passage[:300].replace("\n", " "), highlight=False)
    out.print(f"[dim]{len(resp.results)} results in {resp.took_ms:.0f} ms[/dim]")


@app.command()
def show(id_or_number: Annotated[str, typer.Argument()], as_json: JsonOpt = False) -> None:
    """One stored document by id or by number (2151/QĐ-UBND)."""
    svc = _service()
    try:
        docs = svc.show(id_or_number)
    except NumberNotFound as err:
        if as_json:  # what the store knows instead, for scripts
            print(json.dumps({"number": err.number, "found": False, "message": str(err),
                              "nearest": err.nearest, "stub": err.stub}, ensure_ascii=False, indent=2))
        raise _fail(err) from err
    except VanbanError as err:
        raise _fail(err) from err
    for doc in docs:
        if as_json:
            print(json.dumps(doc.to_json(with_structure=False), ensure_ascii=False, indent=2))
        else:
            _print_summary(doc)
            _print_status(doc)
            out.print(doc.text)


def _print_status(doc) -> None:  # type: ignore[no-untyped-def]
    """The status line and what changed the document, as the page's badge and headings say."""
    st = doc.status
    if st is None:
        return
    by = ", ".join(f"{b.number} ({b.relation}{', ' + b.parts if b.parts else ''})" for b in st.by)
    line = f"{st.label}" + (f" từ {st.since}" if st.since else "") + (f" — {by}" if by else "")
    out.print(f"[bold]{'status':>10}[/bold]  {escape(line)}", highlight=False)
    for a in st.amended_by:
        out.print(f"[bold]{'amended':>10}[/bold]  {a.number} (hiệu lực {a.effective_from or '?'})",
                  highlight=False)
    for r in doc.referenced_by:
        out.print(f"  cited by  {r.number or r.document_id} ({r.relation}) {r.title or ''}", highlight=False)


@app.command()
def export(what: Annotated[ExportKind, typer.Argument()],
           fmt: Annotated[Format, typer.Option("--format")] = Format.csv,
           output: Annotated[Path, typer.Option("-o", "--output", help="file to write")] = Path("-"),
           kind: KindOpt = None, issuer: IssuerOpt = None, province: ProvinceOpt = None,
           year_from: YearFromOpt = None, year_to: YearToOpt = None, status: StatusOpt = None,
           vi: Annotated[bool, typer.Option("--vi", help="Vietnamese column headers (CSV, XLSX)")] = False,
           indicator: Annotated[str | None, typer.Option(help="indicators: one indicator_id")] = None,
           gold_dir: Annotated[Path | None, typer.Option("--gold-dir", help="spacy: gold folder with "
                                                         "dev/ and test/ (default eval/gold_real)")] = None,
           ) -> None:
    """Targets, tasks, decisions or indicators as CSV, XLSX or JSON: one row per item.

    ``indicators``: targets and achievements by canonical indicator, province and year; the XLSX
    has one sheet per indicator (provinces × years) linking to the documents on the server.
    ``spacy``: ``export spacy -o gold.spacy`` writes the real gold set as spaCy DocBins
    gold.dev.spacy and gold.test.spacy."""
    from api import exports, indicator_export

    if what == ExportKind.spacy:
        _export_spacy(output, gold_dir)
        return
    svc = _service()
    if str(output) == "-" and fmt == Format.xlsx:
        raise _fail(VanbanError("XLSX needs a file: add -o FILE.xlsx"), code=2)
    filters = _filters(kind, issuer, province, year_from, year_to, status)
    headers = "vi" if vi else "en"
    if what == ExportKind.indicators:
        base = f"http://{svc.settings.host}:{svc.settings.port}" if fmt != Format.json else ""
        rows = svc.indicator_rows(filters, indicator=indicator, base_url=base)
        data = indicator_export.render(rows, fmt.value, headers)
    else:
        item_kind = {"targets": "target", "tasks": "task", "decisions": "decision"}[what.value]
        rows = svc.item_rows(item_kind, filters)
        data = exports.render(rows, fmt.value, item_kind, headers)
    if str(output) == "-":
        sys.stdout.write(data.decode("utf-8"))
    else:
        output.write_bytes(data)
        err_console.print(f"wrote {len(rows)} rows to {output}")


def _export_spacy(output: Path, gold_dir: Path | None) -> None:
    """The gold items located in their texts, one DocBin per split; what was not found is counted."""
    if str(output) == "-":
        raise _fail(VanbanError("a DocBin needs a file: add -o gold.spacy"), code=2)
    from eval import spacy_gold

    try:
        written = spacy_gold.export(output, get_settings(), gold_dir or spacy_gold.REAL_DIR)
    except VanbanError as err:
        raise _fail(err) from err
    for split, (path, located) in written.items():
        err_console.print(f"wrote {path} ({split}): {located.line()}", highlight=False)


@app.command()
def serve(host: Annotated[str | None, typer.Option()] = None,
          port: Annotated[int | None, typer.Option()] = None,
          workers: Annotated[int, typer.Option(min=1, max=64, help=(
              "server processes over the one store; above 1 they share the loaded BM25 side "
              "(see api/prefork.py)"))] = 1,
          log_level: Annotated[LogLevel, typer.Option(help="warning: no access log")] = LogLevel.info,
          ) -> None:
    """Start the HTTP API and the web page."""
    import uvicorn

    from api import prefork
    from api.http.app import check_api_key

    settings = get_settings()
    h, p = host or settings.host, port or settings.port
    try:
        check_api_key(settings)
        sock = prefork.bind(h, p, reuse_port=workers > 1)
    except OSError as err:
        raise _fail(VanbanError(f"cannot serve on {h}:{p}: {err.strerror or err} (is another server "
                                f"running there? choose another with --port or VANBAN_PORT)")) from err
    except VanbanError as err:
        raise _fail(err, code=2) from err
    try:  # other nodes sharing the database may have ingested: be current before the first request
        _service().follow_changes(force=True)
    except VanbanError as err:
        raise _fail(err) from err
    print(f"vanban serving on http://{h}:{p}/" + (f" ({workers} workers)" if workers > 1 else ""), flush=True)
    try:
        if workers > 1:
            prefork.serve(settings, sock, workers, log_level=log_level.value)
        else:
            sock.listen(prefork.BACKLOG)
            config = uvicorn.Config("api.http.app:create_app", factory=True, log_level=log_level.value)
            uvicorn.Server(config).run(sockets=[sock])  # the socket bound above: no second bind
    except VanbanError as err:
        raise _fail(err) from err


@app.command()
def reindex() -> None:
    """Rebuild the search indexes from the SQL store."""
    svc = _service()
    with _progress("reindex") as prog:
        try:
            n = svc.reindex(progress=prog)
        except VanbanError as err:
            raise _fail(err) from err
    print(f"reindexed {n} documents")


@app.command()
def check(repair: Annotated[bool, typer.Option("--repair", help="rebuild what disagrees")] = False) -> None:
    """Verify that the SQL store and the indexes agree (exit 0 when consistent)."""
    svc = _service()
    try:
        result = svc.check(repair=repair)
    except VanbanError as err:
        raise _fail(err) from err
    for p in result.problems:
        err_console.print(p, highlight=False)
    sizes = ", ".join(f"{k} {len(v)}" for k, v in result.indexes.items())
    print(f"store {len(result.store)} documents; indexes: {sizes}; "
          f"{'consistent' if result.ok else f'{len(result.problems)} problems'}")
    raise typer.Exit(0 if result.ok else 1)


@app.command()
def mcp() -> None:
    """Serve search, get_document and lookup_decision as MCP tools over stdio."""
    from api.mcp_server import main

    main()


def main() -> None:  # pragma: no cover - entry point
    """``app()`` with a damaged SQL store reported in one line (a zeroed SQLite page made
    ``export`` print a traceback)."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        app(standalone_mode=True)
    except SQLAlchemyError as err:  # a damaged file, or a database server gone mid-command
        reason = " ".join(str(getattr(err, "orig", None) or err).split())[:200]
        err_console.print(f"[red]error:[/red] the document store cannot be read ({reason}); "
                          "run `vanban check`", highlight=False)
        raise SystemExit(1) from err


if __name__ == "__main__":  # pragma: no cover
    main()
