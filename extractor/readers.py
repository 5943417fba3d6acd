"""News files -> ArticleInput records: .txt (with a same-named .json sidecar), .json, .jsonl and .html.

A file that cannot be read becomes an ExtractionError, never an exception that stops the batch. Text is decoded
by one rule, file by file (line by line for .jsonl): strict UTF-8 (or UTF-16 with or without a byte-order mark);
else UTF-8 with a few damaged bytes replaced, when the rest is UTF-8; else the charset the text reads as; and the
record says how it was read whenever that was not plain UTF-8.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from schemas import ArticleInput, ExtractionError

from .pipeline import DEFAULT_MAX_CHARS

INPUT_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
# a JSON file nested deeper than Python's parser goes is not an article: it is read as a parse error
PARSE_ERRORS = (ValueError, TypeError, RecursionError)


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
    warnings: list[dict] = field(default_factory=list)  # how the text was decoded, when that was not plain UTF-8


@dataclass
class Discovered:
    """The input files under the paths given, and the folders that could not be listed (each an error)."""

    files: list[Path] = field(default_factory=list)
    errors: list[ExtractionError] = field(default_factory=list)


def discover(paths: Iterable[str | Path], exclude: Iterable[Path] = (),
             written_by_newsfacts: Callable[[str], bool] = lambda name: False) -> Discovered:
    """The input files under `paths`, in sorted order. Sidecars of .txt files are not inputs of their own, nor is
    anything under `exclude` (the run's own output) or, in folders, named as newsfacts names its output files.
    Whatever has an input's name is an input, readable or not (a pipe, a broken link): it gets an error record
    rather than being passed over in silence."""
    excluded = [Path(os.path.abspath(p)) for p in exclude]
    found = Discovered()

    def unlisted(err: OSError) -> None:
        found.errors.append(_error(display_name(err.filename or ""), "read", err))

    for path in map(Path, paths):
        if not path.is_dir():
            found.files.append(path)
            continue
        for folder, subfolders, names in os.walk(path, onerror=unlisted):
            subfolders.sort()
            for name in sorted(names):
                if Path(name).suffix.lower() in INPUT_SUFFIXES and not written_by_newsfacts(name):
                    found.files.append(Path(folder) / name)
    found.files = [
        p for p in found.files
        if not (p.suffix.lower() == ".json" and p.with_suffix(".txt").exists())
        and not any(_is_within(Path(os.path.abspath(p)), e) for e in excluded)
    ]
    return found


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def display_name(path: str | Path) -> str:
    """A path as text that can be written anywhere: a file name that is not valid UTF-8 keeps its readable part."""
    return os.fsencode(path).decode("utf-8", "replace")


# A valid UTF-8 sequence of two to four bytes: text with many of these and a few bad bytes is damaged UTF-8.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes) -> tuple[str, str | None]:
    """The text, and how it was read when that was not plain UTF-8 (for a warning in the record)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    codec = _utf16_codec(data)  # before UTF-8, which reads the zero bytes as characters
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = ""
        sample = text[:4096]
        if sample and sum(c.isprintable() or c.isspace() for c in sample) > 0.95 * len(sample):
            return text, "read as UTF-16 without a byte-order mark"
        # zeros, but not text in UTF-16: binary data, refused below
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", "replace")
    damaged = replaced.count("\ufffd")
    if len(UTF8_MULTIBYTE.findall(data)) >= damaged:
        return replaced, f"{damaged} byte(s) are not UTF-8 and were replaced by U+FFFD; the rest is UTF-8"
    text, encoding = _detected(data)
    return text, f"not UTF-8: read as {encoding}"


def _utf16_codec(data: bytes) -> str | None:
    """UTF-16 with no byte-order mark has a zero byte in every other place (for Latin script)."""
    sample = data[:4096]
    for codec, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(zeros) >= 2 and zeros.count(0) > 0.6 * len(zeros):
            return codec
    return None


def _detected(data: bytes) -> tuple[str, str]:
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
            return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return data.decode("utf-8", "replace"), "in no charset newsfacts knows: read as UTF-8, bad bytes replaced by U+FFFD"
    return str(best), best.encoding


def read_file(
    path: Path,
    *,
    keys: RecordKeys = RecordKeys(),
    defaults: dict | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadItem]:
    """The articles in one file. `defaults` (published, source...) fill what the file does not say."""
    name = display_name(path)
    defaults = {k: v for k, v in (defaults or {}).items() if v is not None}
    try:
        raw = read_bytes(path)
    except OSError as err:
        yield ReadItem(name, error=_error(name, "read", err))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl" and not _is_utf16(raw):
        # line by line, split at \n only (JSON strings may hold U+2028 raw): one bad line costs that line
        for number, line in enumerate(raw.split(b"\n"), 1):
            if not line.strip():
                continue
            where = f"{name}#{number}"
            text, how = decode(line)
            if "\x00" in text:
                yield ReadItem(name, number, error=_binary(where))
                continue
            try:
                record = json.loads(text)
            except PARSE_ERRORS as err:
                yield ReadItem(name, number, error=_error(where, "parse", err))
                continue
            yield _with_decoding(_to_item(name, number, record, keys, defaults, max_chars), how)
        return
    text, how = decode(raw)
    if "\x00" in text[:8192]:
        yield ReadItem(name, error=_binary(name))
        return
    try:
        if suffix in (".json", ".jsonl"):
            loaded = json.loads(text)
            records = list(enumerate(loaded if isinstance(loaded, list) else [loaded]))
        elif suffix in (".html", ".htm"):
            records = [(0, html_record(text))]
        else:
            records = [(0, {"text": text, **_sidecar(path)})]
    except OSError as err:  # a sidecar that cannot be read
        yield ReadItem(name, error=_error(name, "read", err))
        return
    except PARSE_ERRORS as err:
        yield ReadItem(name, error=_error(name, "parse", err))
        return
    for index, record in records:
        yield _with_decoding(_to_item(name, index, record, keys, defaults, max_chars), how)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; a pipe or a device would block or never end, so it is refused."""
    with open(path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NONBLOCK)) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{display_name(path)} is not a regular file (a pipe, device or socket): give a file")
        return handle.read()


def _is_utf16(raw: bytes) -> bool:
    return raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_codec(raw) is not None


def _binary(where: str) -> ExtractionError:
    return ExtractionError(path=where, stage="decode", error_type="BinaryFile",
                           message="the file holds binary data, not text: leave it out")


def _with_decoding(item: ReadItem, how: str | None) -> ReadItem:
    if how is not None and item.article is not None:
        item.warnings.append({"code": "decoding", "message": f"the text is {how}", "start": None, "end": None})
    return item


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
    data = json.loads(decode(read_bytes(side))[0])
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
