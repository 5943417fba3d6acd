"""News files -> ArticleInput records: .txt (with a same-named .json sidecar), .json, .jsonl and .html.

A file that cannot be read becomes an ExtractionError, never an exception that stops the batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from schemas import ArticleInput, ExtractionError

INPUT_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
DEFAULT_MAX_CHARS = 2_000_000  # generous: a long explainer is 30k characters


@dataclass(frozen=True)
class RecordKeys:
    """Which keys of a JSON record hold what; each is tried in order, like `spacy apply --text-key`."""

    text: tuple[str, ...] = ("text", "content", "body", "article")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link")
    source: tuple[str, ...] = ("source", "outlet", "publisher")
    published: tuple[str, ...] = ("published", "date", "publishedAt", "published_at", "pubdate")
    id: tuple[str, ...] = ("id",)


@dataclass
class ReadItem:
    """One article from one file (a .jsonl file gives several), or the error that replaced it."""

    path: str
    index: int = 0
    article: ArticleInput | None = None
    error: ExtractionError | None = None
    extra: dict = field(default_factory=dict)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The input files under `paths`, in sorted order; sidecars of .txt files are not inputs of their own."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
        else:
            found.append(path)
    return [p for p in found if not (p.suffix.lower() == ".json" and p.with_suffix(".txt").exists())]


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else whatever charset-normalizer finds (cp1252...)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # News files that are not UTF-8 are mostly Windows-1252, and short texts fit many code pages equally well for a
    # detector: take cp1252 when it decodes and reads as Western text (few letters outside ASCII), else ask
    # charset-normalizer (cp1251 Russian read as cp1252 would be nearly all accented letters).
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        letters = [c for c in western if c.isalpha()]
        if letters and sum(not c.isascii() for c in letters) / len(letters) < 0.3:
            return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UnicodeDecodeError("unknown", data[:16], 0, 1, "not text in any encoding charset-normalizer knows")
    return str(best)


def read_file(
    path: Path,
    *,
    keys: RecordKeys = RecordKeys(),
    defaults: dict | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadItem]:
    """The articles in one file. `defaults` (published, source...) fill what the file does not say."""
    name = str(path)
    defaults = {k: v for k, v in (defaults or {}).items() if v is not None}
    try:
        raw = path.read_bytes()
    except OSError as err:
        yield ReadItem(name, error=_error(name, "read", err))
        return
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield ReadItem(name, error=ExtractionError(path=name, stage="decode", error_type="BinaryFile",
                                                   message="the file holds binary data, not text: leave it out"))
        return
    try:
        text = decode(raw)
    except UnicodeDecodeError as err:
        yield ReadItem(name, error=_error(name, "decode", err))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        # one bad line costs that line: the others are still read
        for index, line in enumerate(text.splitlines()):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as err:
                yield ReadItem(name, index, error=_error(f"{name}#{index}", "parse", err))
                continue
            yield _to_item(name, index, record, keys, defaults, max_chars)
        return
    try:
        if suffix == ".json":
            loaded = json.loads(text)
            records = list(enumerate(loaded if isinstance(loaded, list) else [loaded]))
        elif suffix in (".html", ".htm"):
            records = [(0, html_record(text))]
        else:
            records = [(0, {"text": text, **_sidecar(path)})]
    except (ValueError, TypeError) as err:
        yield ReadItem(name, error=_error(name, "parse", err))
        return
    for index, record in records:
        yield _to_item(name, index, record, keys, defaults, max_chars)


def _to_item(name: str, index: int, record: object, keys: RecordKeys, defaults: dict, max_chars: int) -> ReadItem:
    where = f"{name}#{index}" if index else name
    if not isinstance(record, dict):
        return ReadItem(name, index, error=ExtractionError(
            path=where, stage="parse", error_type="NotARecord", message="expected a JSON object with a text field"))
    fields = {f: _first(record, getattr(keys, f)) for f in ("text", "title", "url", "source", "published", "id")}
    if not isinstance(fields["text"], str):
        return ReadItem(name, index, error=ExtractionError(
            path=where, stage="parse", error_type="MissingText",
            message=f"no text under any of {list(keys.text)}: name the key with --text-key"))
    if len(fields["text"]) > max_chars:
        return ReadItem(name, index, error=ExtractionError(
            path=where, stage="limit", error_type="TooLong",
            message=f"{len(fields['text']):,} characters is over the limit of {max_chars:,}: raise --max-chars"))
    merged = {**defaults, **{k: v for k, v in fields.items() if v is not None}}
    try:
        return ReadItem(name, index, article=ArticleInput(**merged))
    except ValidationError as err:
        message = "; ".join(e["msg"] for e in err.errors())
        return ReadItem(name, index, error=ExtractionError(path=where, stage="parse", error_type="InvalidMetadata",
                                                           message=message))


def html_record(html: str) -> dict:
    """Article text, title and date out of a web page: boilerplate, menus and scripts stay behind."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if extracted is None:
        raise ValueError("no article text found in the page")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    if not (data.get("text") or "").strip():
        raise ValueError("no article text found in the page")
    return {"text": data["text"], "title": data.get("title"), "url": data.get("url"), "published": data.get("date"),
            "source": data.get("sitename")}


def _sidecar(path: Path) -> dict:
    side = path.with_suffix(".json")
    if not side.exists():
        return {}
    data = json.loads(decode(side.read_bytes()))
    if not isinstance(data, dict):
        raise ValueError(f"the sidecar {side.name} must hold a JSON object of metadata")
    return {k: v for k, v in data.items() if k != "text"}


def _first(record: dict, names: tuple[str, ...]):
    for name in names:
        if record.get(name) is not None:
            return record[name]
    return None


def _error(name: str, stage: str, err: Exception) -> ExtractionError:
    return ExtractionError(path=name, stage=stage, error_type=type(err).__name__, message=str(err))
