"""Batch runs over news files: streamed or sharded output, resumable, parallel, with per-article limits.

Folder output (`-o OUT_DIR`) writes one `<input>.facts.jsonl` shard per input file under the mirrored path, each
written to a temporary file and renamed into place, then one line for it in `_manifest.jsonl`. At the end the
manifest is rewritten in sorted order and `_errors.jsonl` is rebuilt from it, so a run that was killed and resumed
ends with exactly the files an uninterrupted run writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from schemas import SCHEMA_VERSION, ArticleInput, ExtractionError

from .readers import DEFAULT_MAX_CHARS, RecordKeys, discover, read_file

MANIFEST = "_manifest.jsonl"
ERRORS = "_errors.jsonl"
SHARD_SUFFIX = ".facts.jsonl"
CHUNK_ARTICLES = 16  # articles handed to nlp.pipe at once


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


class ArticleTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """SIGALRM-based limit; where signals cannot be used (a thread that is not the main one) it does nothing."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and _in_main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise ArticleTimeout(f"gave up after {seconds:g}s: raise --timeout if such articles are expected")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    for part in (path, path.with_suffix(".json")):
        if part.exists() and (part == path or path.suffix.lower() == ".txt"):
            digest.update(part.read_bytes())
    return digest.hexdigest()


def process_files(paths: list[str], options: BatchOptions) -> list[FileResult]:
    """Read, extract and serialise a list of files. Never raises for one bad file or article."""
    defaults = {"published": options.published, "source": options.source}
    results: list[FileResult] = []
    pending: list[tuple[FileResult, str, ArticleInput]] = []
    for name in paths:
        path = Path(name)
        result = FileResult(name, content_hash(path) if path.exists() else "")
        results.append(result)
        for item in read_file(path, keys=options.keys, defaults=defaults, max_chars=options.max_chars):
            if item.error is not None:
                result.errors.append(item.error.model_dump(mode="json"))
            else:
                where = f"{name}#{item.index}" if item.index else name
                pending.append((result, where, item.article))
    for start in range(0, len(pending), CHUNK_ARTICLES):
        _extract_chunk(pending[start : start + CHUNK_ARTICLES], options)
    return results


def _extract_chunk(chunk: list[tuple[FileResult, str, ArticleInput]], options: BatchOptions) -> None:
    from .api import extract_batch

    try:
        with time_limit(options.timeout):
            facts = list(extract_batch([article for _, _, article in chunk], model=options.model))
    except Exception:  # noqa: BLE001 - one bad article must not cost the others: redo them one by one
        if len(chunk) == 1:
            result, where, article = chunk[0]
            _, err, _ = sys.exc_info()
            stage = "limit" if isinstance(err, ArticleTimeout) else "extract"
            result.errors.append(
                ExtractionError(path=where, stage=stage, error_type=type(err).__name__, message=str(err)).model_dump(
                    mode="json"
                )
            )
            return
        for one in chunk:
            _extract_chunk([one], options)
        return
    for (result, _, _), record in zip(chunk, facts, strict=True):
        result.lines.append(record.model_dump_json())
        result.facts += len(record.quantities) + len(record.periods) + len(record.quotes) + len(record.claims)


# --- the run -------------------------------------------------------------------------------


def run_batch(paths: Iterable[Path], output: str, options: BatchOptions) -> Summary:
    started = time.perf_counter()
    inputs = discover(paths)
    roots = [Path(p) for p in paths]
    if output == "-" or output.endswith(".jsonl"):
        summary = _run_stream(inputs, output, options)
    else:
        summary = _run_folder(inputs, roots, Path(output), options)
    summary.seconds = time.perf_counter() - started
    return summary


def _results(inputs: list[Path], options: BatchOptions) -> Iterator[FileResult]:
    """Results in input order, from one process, a pool of workers, or a Dask cluster."""
    names = [str(p) for p in inputs]
    bar = _progress(len(names), options.progress)
    chunks = [names[i : i + 4] for i in range(0, len(names), 4)]
    if options.engine == "dask":
        from .dask_engine import run_on_dask

        stream: Iterable[list[FileResult]] = run_on_dask(chunks, options)
    elif options.jobs > 1 and len(chunks) > 1:
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
        if options.engine != "dask" and options.jobs > 1 and len(chunks) > 1:
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


def _run_stream(inputs: list[Path], output: str, options: BatchOptions) -> Summary:
    summary = Summary(files=len(inputs))
    if output == "-":
        out, errors_out, final = sys.stdout, sys.stderr, None
    else:
        final = Path(output)
        if final.exists() and not options.force:
            raise FileExistsError(f"{final} exists: pass --force to overwrite it")
        final.parent.mkdir(parents=True, exist_ok=True)
        out = open(final.with_name(final.name + ".tmp"), "w", encoding="utf-8")
        errors_out = open(final.with_name(final.stem + ".errors.jsonl"), "w", encoding="utf-8")
    try:
        for result in _results(inputs, options):
            for line in result.lines:
                out.write(line + "\n")
            for error in result.errors:
                errors_out.write(json.dumps(error, ensure_ascii=False) + "\n")
            _count(summary, result)
    finally:
        if final is not None:
            out.close()
            errors_out.close()
    if final is not None:
        os.replace(out.name, final)
    return summary


def _count(summary: Summary, result: FileResult) -> None:
    summary.articles += len(result.lines)
    summary.facts += result.facts
    summary.errors += len(result.errors)


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
            "model_version": model_version}


def read_manifest(out_dir: Path) -> dict[str, dict]:
    entries: dict[str, dict] = {}
    path = out_dir / MANIFEST
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line cut short by a kill: that input is simply done again
            entries[entry["input"]] = entry
    return entries


def _run_folder(inputs: list[Path], roots: list[Path], out_dir: Path, options: BatchOptions) -> Summary:
    summary = Summary(files=len(inputs))
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.rglob("*.tmp"):
        stale.unlink()  # left by a run that was killed mid-write
    fingerprint = _fingerprint(options)
    manifest = read_manifest(out_dir)
    shard_of = {p: out_dir / (str(_relative(p, roots)) + SHARD_SUFFIX) for p in inputs}
    todo = []
    for path in inputs:
        key = str(_relative(path, roots))
        entry = manifest.get(key)
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
            raise FileExistsError(f"{shard_of[path]} exists: pass --resume to skip finished inputs or --force to redo them")
        todo.append(path)
    with open(out_dir / MANIFEST, "a", encoding="utf-8") as journal:
        for result in _results(todo, options):
            path = Path(result.path)
            shard = shard_of[path]
            shard.parent.mkdir(parents=True, exist_ok=True)
            tmp = shard.with_name(shard.name + ".tmp")
            tmp.write_text("".join(line + "\n" for line in result.lines), encoding="utf-8")
            os.replace(tmp, shard)
            key = str(_relative(path, roots))
            entry = {"input": key, "content_hash": result.content_hash, **fingerprint, "articles": len(result.lines),
                     "facts": result.facts, "errors": result.errors}
            manifest[key] = entry
            journal.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
            journal.flush()
            _count(summary, result)
    _finish_folder(out_dir, manifest)
    return summary


def _finish_folder(out_dir: Path, manifest: dict[str, dict]) -> None:
    """Sorted manifest and the errors rebuilt from it: the same bytes however the run was interrupted."""
    entries = [manifest[k] for k in sorted(manifest)]
    _atomic_write(out_dir / MANIFEST, "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries))
    errors = [json.dumps(err, ensure_ascii=False) + "\n" for e in entries for err in e["errors"]]
    _atomic_write(out_dir / ERRORS, "".join(errors))


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
