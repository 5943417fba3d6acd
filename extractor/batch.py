"""Batch runs over news files: streamed or sharded output, resumable, parallel, with per-article limits.

Folder output (`-o OUT_DIR`) writes one `<input>.facts.jsonl` shard per input file under the mirrored path, each
written to a temporary file and renamed into place, then one line for it in `_manifest.jsonl`. At the end the
manifest is rewritten in sorted order and `_errors.jsonl` is rebuilt from it, so a run that was killed and resumed
ends with exactly the files an uninterrupted run writes.

An output is written by one run at a time (a lock beside it); the run's temporary files are hidden, named for it,
and the only files it removes; the output is never read back as input. Every input that fails - unreadable,
undecodable, too long, too slow - becomes an error record and the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from schemas import SCHEMA_VERSION, ArticleInput, ExtractionError, Warning

from .extensions import ArticleTimeout
from .pipeline import DEFAULT_MAX_CHARS
from .readers import Discovered, RecordKeys, discover, read_bytes, read_file

MANIFEST = "_manifest.jsonl"
ERRORS = "_errors.jsonl"
ERRORS_SUFFIX = ".errors.jsonl"  # beside a streamed .jsonl output
SHARD_SUFFIX = ".facts.jsonl"
LOCK_PREFIX = ".newsfacts-lock-"
TEMP_PREFIX, TEMP_SUFFIX = ".newsfacts-", ".tmp"
FILES_PER_TASK = 4  # files a worker takes at once
CHUNK_ARTICLES, CHUNK_CHARS = 16, 50_000  # articles handed to nlp.pipe at once: ~10,000 words, a second or two


def written_by_newsfacts(name: str) -> bool:
    """Files a batch run writes: never read as input, even from a folder of an earlier run."""
    return name in (MANIFEST, ERRORS) or name.endswith((SHARD_SUFFIX, ERRORS_SUFFIX))


class OutputRefused(Exception):
    """The run cannot write where it was asked to (output exists, or another run is writing it)."""


@dataclass(frozen=True)
class BatchOptions:
    published: str | None = None
    source: str | None = None
    model: str | None = None
    keys: RecordKeys = RecordKeys()
    max_chars: int = DEFAULT_MAX_CHARS
    timeout: float = 120.0
    resume: bool = False
    force: bool = False
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    progress: bool = False

    def extraction_options(self) -> dict:
        """The options that change what is extracted: recorded in the manifest, so --resume redoes an input
        extracted with others."""
        keys = {name: list(names) for name, names in asdict(self.keys).items()}  # as the manifest reads back
        return {"published": self.published, "source": self.source, "keys": keys, "max_chars": self.max_chars}


@dataclass
class FileResult:
    """What one input file gave: its facts as JSON lines, its errors, and what identifies its content."""

    path: str
    content_hash: str
    lines: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    facts: int = 0


@dataclass
class Summary:
    files: int = 0
    skipped: int = 0
    articles: int = 0
    facts: int = 0
    errors: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"newsfacts: {self.files} files ({self.skipped} skipped as done), {self.articles} articles, "
            f"{self.facts} facts, {self.errors} errors, {self.seconds:.1f}s"
        )


# --- one worker's job: files in, results out ---------------------------------------------


@contextmanager
def time_limit(seconds: float):
    """A hard stop for one article (SIGALRM), also inside spaCy's own components. Where signals cannot be used (a
    thread that is not the main one, as under Dask) the article's deadline still stops newsfacts' components."""
    if seconds <= 0 or not alarms_usable():
        yield
        return

    def on_alarm(signum, frame):
        raise ArticleTimeout(f"gave up after {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def alarms_usable() -> bool:
    import threading

    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def content_hash(path: Path) -> str:
    """What identifies an input's content for --resume: the file and its sidecar. An unreadable file hashes as
    such (the reader gives it its error record)."""
    digest = hashlib.sha256()
    for part in (path, path.with_suffix(".json")):
        if part == path or (path.suffix.lower() == ".txt" and part.exists()):
            try:
                digest.update(read_bytes(part))
            except OSError as err:
                digest.update(f"unreadable: {err.strerror or err}".encode())
    return digest.hexdigest()


@dataclass
class Pending:
    """One article read from a file, waiting to be extracted into its file's result."""

    result: FileResult
    where: str
    article: ArticleInput
    warnings: list[dict]


def process_files(paths: list[str], options: BatchOptions) -> list[FileResult]:
    """Read, extract and serialise a list of files. Never raises for one bad file or article: each becomes an
    error record."""
    from .pipeline import get_pipeline

    nlp = get_pipeline(options.model)
    nlp.max_length = max(nlp.max_length, options.max_chars)  # the reader has refused anything longer
    defaults = {"published": options.published, "source": options.source}
    results: list[FileResult] = []
    pending: list[Pending] = []
    for name in paths:
        path = Path(name)
        result = FileResult(name, content_hash(path))
        results.append(result)
        for item in read_file(path, keys=options.keys, defaults=defaults, max_chars=options.max_chars):
            if item.error is not None:
                result.errors.append(item.error.model_dump(mode="json"))
            else:
                where = f"{name}#{item.index}" if item.index else name
                pending.append(Pending(result, where, item.article, item.warnings))
    for chunk in _chunks(pending):
        _extract_chunk(chunk, options)
    return results


def _chunks(pending: list[Pending]) -> Iterator[list[Pending]]:
    """Articles handed to nlp.pipe together, which is faster than one by one: short ones, up to CHUNK_ARTICLES or
    CHUNK_CHARS in all; a long article goes alone, under its own limit from the start."""
    chunk: list[Pending] = []
    size = 0
    for item in pending:
        length = len(item.article.text)
        if chunk and (size + length > CHUNK_CHARS or len(chunk) == CHUNK_ARTICLES):
            yield chunk
            chunk, size = [], 0
        chunk.append(item)
        size += length
    if chunk:
        yield chunk


def _extract_chunk(chunk: list[Pending], options: BatchOptions) -> None:
    """A chunk in one nlp.pipe call, under the sum of its articles' limits (a hard stop, where alarms can be set).
    If it fails or runs over, each article is done again on its own, on its own clock: only an article that is
    too slow by itself, or fails by itself, gets an error record."""
    from .api import extract_batch

    if len(chunk) > 1 and (options.timeout <= 0 or alarms_usable()):
        try:
            with time_limit(options.timeout * len(chunk)):
                records = list(extract_batch([item.article for item in chunk], model=options.model,
                                             batch_size=len(chunk)))
        except Exception:  # noqa: BLE001 - redone one by one below, where the error is recorded
            pass
        else:
            for item, record in zip(chunk, records, strict=True):
                _keep(item, record)
            return
    for item in chunk:
        _extract_one(item, options)


def _extract_one(item: Pending, options: BatchOptions) -> None:
    from .api import extract_batch

    timeout = options.timeout if options.timeout > 0 else None
    try:
        with time_limit(options.timeout):
            record = next(extract_batch([item.article], model=options.model, timeout=timeout))
    except ArticleTimeout:
        item.result.errors.append(_error_record(item.where, "limit", "ArticleTimeout", f"gave up after "
                                                f"{options.timeout:g}s: raise --timeout if such articles are expected"))
        return
    except Exception as err:  # noqa: BLE001 - one article's failure must not cost the others
        item.result.errors.append(_error_record(item.where, "extract", type(err).__name__, str(err)))
        return
    _keep(item, record)


def _keep(item: Pending, record) -> None:
    if isinstance(record, ExtractionError):  # the article could not be read: its error, under its own path
        item.result.errors.append(_error_record(item.where, record.stage, record.error_type,
                                                record.message.split(": ", 1)[-1]))
        return
    if item.warnings:
        record = record.model_copy(update={"warnings": [*map(Warning.model_validate, item.warnings),
                                                         *record.warnings]})
    item.result.lines.append(record.model_dump_json())
    item.result.facts += len(record.quantities) + len(record.periods) + len(record.quotes) + len(record.claims)


def _error_record(where: str, stage: str, error_type: str, message: str) -> dict:
    return ExtractionError(path=where, stage=stage, error_type=error_type, message=message).model_dump(mode="json")


# --- the run -------------------------------------------------------------------------------


def run_batch(paths: Iterable[Path], output: str, options: BatchOptions) -> Summary:
    started = time.perf_counter()
    roots = [Path(p) for p in paths]
    if output == "-" or output.endswith(".jsonl"):
        summary = _run_stream(roots, output, options)
    else:
        summary = _run_folder(roots, Path(output), options)
    summary.seconds = time.perf_counter() - started
    return summary


def _results(inputs: list[Path], options: BatchOptions) -> Iterator[FileResult]:
    """Results in input order, from one process, a pool of workers, or a Dask cluster."""
    names = [str(p) for p in inputs]
    bar = _progress(len(names), options.progress)
    chunks = [names[i : i + FILES_PER_TASK] for i in range(0, len(names), FILES_PER_TASK)]
    pooled = options.engine != "dask" and options.jobs > 1 and len(chunks) > 1
    if options.engine == "dask":
        from .dask_engine import run_on_dask

        stream: Iterable[list[FileResult]] = run_on_dask(chunks, options)
    elif pooled:
        import multiprocessing

        context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
        pool = context.Pool(options.jobs, initializer=_warm_worker, initargs=(options.model,))
        stream = pool.imap(_process_chunk, [(chunk, options) for chunk in chunks])
    else:
        stream = (process_files(chunk, options) for chunk in chunks)
    try:
        for batch in stream:
            for result in batch:
                bar.update(1)
                yield result
    finally:
        bar.close()
        if pooled:
            pool.terminate()


def _warm_worker(model: str | None) -> None:
    from .pipeline import get_pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    get_pipeline(model)


def _process_chunk(args: tuple[list[str], BatchOptions]) -> list[FileResult]:
    return process_files(*args)


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", disable=not enabled, file=sys.stderr, dynamic_ncols=True)


# --- the output: locked, written through the run's own temporary files -----------------------


@contextmanager
def _locked(folder: Path, name: str):
    """Only one run writes an output at a time: a second one is refused at once, with a message. The lock is the
    operating system's (released when the process ends, however it ends), on a hidden file beside the output."""
    from filelock import FileLock, Timeout

    lock = FileLock(folder / f"{LOCK_PREFIX}{name}.lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise OutputRefused(f"another newsfacts run is writing {folder / name}: wait for it to end, or write "
                            "somewhere else") from None
    try:
        yield
    finally:
        lock.release()


def _temporary(target: Path) -> Path:
    """A temporary file for `target`, named for this run: hidden, unique, and recognisable as newsfacts' own."""
    return target.with_name(f"{TEMP_PREFIX}{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")


def _remove_stale_temporaries(folder: Path, pattern: str) -> None:
    """Temporary files of runs that were killed mid-write: only newsfacts' own, and only with the lock held, so
    no running run's files."""
    for stale in folder.glob(f"{TEMP_PREFIX}{pattern}{TEMP_SUFFIX}"):
        stale.unlink(missing_ok=True)


def _atomic_write(path: Path, text: str) -> None:
    tmp = _temporary(path)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _json_line(record: dict, *, ascii_only: bool = False) -> str:
    # the manifest keys inputs by path, and a file name need not be UTF-8: it is written escaped, read back the same
    return json.dumps(record, ensure_ascii=ascii_only, sort_keys=ascii_only) + "\n"


# --- streamed output: one .jsonl (or stdout) ---------------------------------------------------


def _run_stream(roots: list[Path], output: str, options: BatchOptions) -> Summary:
    if output == "-":
        found = discover(roots, written_by_newsfacts=written_by_newsfacts)
        return _stream(found, sys.stdout, sys.stderr, options)
    final = Path(output)
    errors_path = final.with_name(final.name[: -len(".jsonl")] + ERRORS_SUFFIX)
    final.parent.mkdir(parents=True, exist_ok=True)
    with _locked(final.parent, final.name):
        if final.exists() and not options.force:
            raise OutputRefused(f"{final} exists: pass --force to overwrite it")
        _remove_stale_temporaries(final.parent, f"{final.name}.*")
        _remove_stale_temporaries(final.parent, f"{errors_path.name}.*")
        found = discover(roots, exclude=[final, errors_path], written_by_newsfacts=written_by_newsfacts)
        tmp, errors_tmp = _temporary(final), _temporary(errors_path)
        try:
            with open(tmp, "w", encoding="utf-8") as out, open(errors_tmp, "w", encoding="utf-8") as errors_out:
                return _stream(found, out, errors_out, options)
        finally:
            # whatever happened, the articles done so far are in the output, never stranded in a temporary file
            os.replace(tmp, final)
            if os.path.getsize(errors_tmp):
                os.replace(errors_tmp, errors_path)
            else:  # no errors, no errors file (and none left from an earlier run)
                os.remove(errors_tmp)
                errors_path.unlink(missing_ok=True)


def _stream(found: Discovered, out, errors_out, options: BatchOptions) -> Summary:
    summary = Summary(files=len(found.files), errors=len(found.errors))
    for error in found.errors:
        errors_out.write(_json_line(error.model_dump(mode="json")))
    for result in _results(found.files, options):
        for line in result.lines:
            out.write(line + "\n")
        for error in result.errors:
            errors_out.write(_json_line(error))
        out.flush()
        _count(summary, result)
    return summary


def _count(summary: Summary, result: FileResult) -> None:
    summary.articles += len(result.lines)
    summary.facts += result.facts
    summary.errors += len(result.errors)


# --- folder output: one shard per input, a manifest, resumable ---------------------------------


def _relative(path: Path, roots: list[Path]) -> Path:
    for root in roots:
        if root.is_dir():
            try:
                return path.relative_to(root)
            except ValueError:
                continue
    return Path(path.name)


def _fingerprint(options: BatchOptions) -> dict:
    from . import __version__
    from .model import model_id
    from .pipeline import get_pipeline

    model, model_version = model_id(get_pipeline(options.model))
    return {"tool_version": __version__, "schema_version": SCHEMA_VERSION, "model": model,
            "model_version": model_version, "options": options.extraction_options()}


def read_manifest(out_dir: Path) -> dict[str, dict]:
    """The manifest's entries by input. A line that is not an entry (cut short by a kill, edited by hand) is
    passed over: that input is simply done again."""
    entries: dict[str, dict] = {}
    path = out_dir / MANIFEST
    if path.exists():
        for line in path.read_bytes().split(b"\n"):
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if (isinstance(entry, dict) and isinstance(entry.get("input"), str) and isinstance(entry.get("errors"), list)
                    and all(isinstance(e, dict) for e in entry["errors"]) and isinstance(entry.get("articles"), int)):
                entries[entry["input"]] = entry
    return entries


def _run_folder(roots: list[Path], out_dir: Path, options: BatchOptions) -> Summary:
    out_dir.mkdir(parents=True, exist_ok=True)
    with _locked(out_dir, "folder"):
        for stale in out_dir.rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            stale.unlink(missing_ok=True)  # a killed run's own: no other run holds the lock
        found = discover(roots, exclude=[out_dir], written_by_newsfacts=written_by_newsfacts)
        return _fill_folder(found, roots, out_dir, options)


def _fill_folder(found: Discovered, roots: list[Path], out_dir: Path, options: BatchOptions) -> Summary:
    summary = Summary(files=len(found.files), errors=len(found.errors))
    fingerprint = _fingerprint(options)
    manifest = read_manifest(out_dir)
    key_of = {p: str(_relative(p, roots)) for p in found.files}
    shard_of = {p: out_dir / (key_of[p] + SHARD_SUFFIX) for p in found.files}
    todo = []
    for path in found.files:
        entry = manifest.get(key_of[path])
        done = entry is not None and shard_of[path].exists() and entry.get("content_hash") == content_hash(path) and all(
            entry.get(k) == v for k, v in fingerprint.items()
        )
        if done and options.resume:
            summary.skipped += 1
            summary.articles += entry["articles"]
            summary.facts += entry.get("facts", 0)
            summary.errors += len(entry["errors"])
            continue
        if shard_of[path].exists() and not (options.force or options.resume):
            raise OutputRefused(f"{shard_of[path]} exists: pass --resume to skip finished inputs or --force to redo them")
        todo.append(path)
    try:
        with open(out_dir / MANIFEST, "a", encoding="utf-8") as journal:
            for result in _results(todo, options):
                path = Path(result.path)
                shard = shard_of[path]
                shard.parent.mkdir(parents=True, exist_ok=True)
                _atomic_write(shard, "".join(line + "\n" for line in result.lines))
                entry = {"input": key_of[path], "content_hash": result.content_hash, **fingerprint,
                         "articles": len(result.lines), "facts": result.facts, "errors": result.errors}
                manifest[key_of[path]] = entry
                journal.write(_json_line(entry, ascii_only=True))
                journal.flush()
                _count(summary, result)
    finally:
        _finish_folder(out_dir, manifest, found.errors)
    return summary


def _finish_folder(out_dir: Path, manifest: dict[str, dict], discovery_errors: list[ExtractionError]) -> None:
    """Sorted manifest and the errors rebuilt from it: the same bytes however the run was interrupted."""
    entries = [manifest[k] for k in sorted(manifest)]
    _atomic_write(out_dir / MANIFEST, "".join(_json_line(e, ascii_only=True) for e in entries))
    errors = [error.model_dump(mode="json") for error in discovery_errors]
    errors += [err for e in entries for err in e["errors"]]
    _atomic_write(out_dir / ERRORS, "".join(_json_line(err) for err in errors))
