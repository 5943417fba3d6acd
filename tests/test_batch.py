"""Batch runs: sharded output, resume after a kill, hostile files, encodings, HTML, limits, parallel engines."""

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from schemas import ArticleFacts, ExtractionError
from tests.conftest import FIXTURES

from extractor.batch import BatchOptions, OutputRefused, run_batch
from extractor.readers import decode

ARTICLES = FIXTURES / "articles"
CLI = [sys.executable, "-c", "from extractor.cli import app; app()"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def corpus(tmp_path: Path, copies: int) -> Path:
    root = tmp_path / "in"
    for n in range(copies):
        sub = root / f"batch{n}"
        sub.mkdir(parents=True)
        for f in ARTICLES.iterdir():
            shutil.copy(f, sub / f.name)
    return root


def test_folder_output_mirrors_inputs_with_a_manifest(tmp_path):
    root = corpus(tmp_path, 1)
    out = tmp_path / "out"
    summary = run_batch([root], str(out), BatchOptions())
    shards = sorted(p.relative_to(out) for p in out.rglob("*.facts.jsonl"))
    assert len(shards) == len(list(ARTICLES.glob("*.txt"))) and str(shards[0]).startswith("batch0/")
    manifest = [json.loads(line) for line in (out / "_manifest.jsonl").read_text().splitlines()]
    assert {"content_hash", "tool_version", "schema_version", "model", "model_version"} <= set(manifest[0])
    assert summary.errors == 0 and (out / "_errors.jsonl").read_text() == ""
    for shard in out.rglob("*.facts.jsonl"):
        for line in shard.read_text().splitlines():
            ArticleFacts.model_validate_json(line)


def test_existing_output_needs_resume_or_force(tmp_path):
    root = corpus(tmp_path, 1)
    out = tmp_path / "out"
    run_batch([root], str(out), BatchOptions())
    with pytest.raises(OutputRefused, match="--resume"):
        run_batch([root], str(out), BatchOptions())
    assert run_batch([root], str(out), BatchOptions(resume=True)).skipped == len(list(root.rglob("*.txt")))
    assert run_batch([root], str(out), BatchOptions(force=True)).skipped == 0


def test_a_changed_input_is_redone_on_resume(tmp_path):
    root = corpus(tmp_path, 1)
    out = tmp_path / "out"
    run_batch([root], str(out), BatchOptions())
    (root / "batch0" / "japan_oct_digest.txt").write_text("Japan's exports grew 9.9% in October.")
    summary = run_batch([root], str(out), BatchOptions(resume=True))
    assert summary.skipped == len(list(root.rglob("*.txt"))) - 1
    assert "9.9" in (out / "batch0" / "japan_oct_digest.txt.facts.jsonl").read_text()


@pytest.mark.slow
def test_killed_and_resumed_run_ends_with_the_same_output(tmp_path):
    root = corpus(tmp_path, 4)
    clean, broken = tmp_path / "clean", tmp_path / "broken"
    subprocess.run([*CLI, "extract", str(root), "-o", str(clean)], check=True, capture_output=True)
    run = subprocess.Popen([*CLI, "extract", str(root), "-o", str(broken)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    manifest = broken / "_manifest.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and run.poll() is None:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 5:
            break
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert len(snapshot(broken)) < len(snapshot(clean)), "the run finished before it could be killed"
    subprocess.run([*CLI, "extract", str(root), "-o", str(broken), "--resume"], check=True, capture_output=True)
    assert snapshot(broken) == snapshot(clean)


def test_two_jobs_and_dask_give_the_same_output_as_one(tmp_path):
    root = corpus(tmp_path, 1)
    one, two = tmp_path / "one", tmp_path / "two"
    run_batch([root], str(one), BatchOptions())
    run_batch([root], str(two), BatchOptions(jobs=2))
    assert snapshot(one) == snapshot(two)
    pytest.importorskip("distributed")
    dask_out = tmp_path / "dask"
    run_batch([root], str(dask_out), BatchOptions(engine="dask"))
    assert snapshot(one) == snapshot(dask_out)


def hostile_files(folder: Path) -> None:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\t \n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "truncated.txt").write_bytes("Exports rose 5.9% in November to \u20ac2.3bn".encode()[:-2])
    (folder / "huge.txt").write_text("Exports rose 5.9% in November. " * 70_000)  # 2.2 MB, over the limit set below
    (folder / "digits.txt").write_text("1" * 100_000)
    (folder / "quotes.txt").write_text('"' * 10_000)
    (folder / "brackets.txt").write_text("((( [[[ Exports rose 5.9% {{{ in November" * 200)
    (folder / "invisible.txt").write_text("Exports\u200b rose \u202e5.9%\u202c in \u200dNovember, \ufeffsaid Lynn Song.")
    (folder / "scripts.html").write_text("<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>")
    (folder / "records.jsonl").write_text('{"text": "Imports fell 2% in May."}\nnot json\n{"title": "no text"}\n')
    (folder / "latin1.txt").write_bytes("Exportations vers l'Am\u00e9rique: \u20ac2.3bn en novembre.".encode("cp1252"))
    (folder / "utf16.txt").write_bytes("Exports rose 5.9% in November.".encode("utf-16"))


def test_hostile_files_never_crash_the_batch(tmp_path):
    hostile_files(tmp_path / "nasty")
    out = tmp_path / "out.jsonl"
    summary = run_batch([tmp_path / "nasty"], str(out), BatchOptions(max_chars=2_000_000, published="2025-12-08"))
    errors = [ExtractionError.model_validate_json(l) for l in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    failed = {Path(e.path.split("#")[0]).name: e for e in errors}
    assert failed["binary.txt"].stage == "decode"
    assert failed["huge.txt"].stage == "limit" and "--max-chars" in failed["huge.txt"].message
    assert failed["scripts.html"].stage == "parse"
    assert {e.error_type for e in errors if e.path.endswith(("#2", "#3"))} == {"JSONDecodeError", "MissingText"}
    records = [ArticleFacts.model_validate_json(line) for line in out.read_text().splitlines()]
    for facts in records:
        for span in facts._spans():
            assert facts.article.text[span.start : span.end] == span.text
    texts = [r.article.text for r in records]
    assert any("\u20ac2.3bn" in t for t in texts) and "Exports rose 5.9% in November." in texts
    assert summary.articles == len(records) and summary.errors == len(errors)


def test_a_slow_article_is_given_up_with_an_error_record(tmp_path):
    (tmp_path / "a.txt").write_text("Exports rose 5.9% in November. " * 400)
    out = tmp_path / "out.jsonl"
    summary = run_batch([tmp_path], str(out), BatchOptions(timeout=0.001))
    (error,) = [json.loads(l) for l in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert error["stage"] == "limit" and "--timeout" in error["message"] and summary.errors == 1


@pytest.mark.parametrize(
    "data, text",
    [("\ufeffExports rose".encode(), "Exports rose"), ("Exports rose".encode("utf-16"), "Exports rose"),
     ("Am\u00e9rique \u20ac2.3bn".encode("cp1252"), "Am\u00e9rique \u20ac2.3bn")],
)
def test_encodings_are_detected(data, text):
    assert decode(data)[0] == text


def test_html_pages_give_their_article_text(tmp_path):
    page = ("<html><head><title>Exports jump</title><script>track()</script></head><body><nav>Home | Markets</nav>"
            "<article><h1>Exports jump</h1><p>China's exports rose 5.9% in November from a year earlier, customs data "
            "showed on Monday, beating forecasts.</p><p>Imports grew 1.9% over the same period.</p></article>"
            "<footer>Copyright</footer></body></html>")
    (tmp_path / "page.html").write_text(page)
    out = tmp_path / "out.jsonl"
    run_batch([tmp_path / "page.html"], str(out), BatchOptions(published="2025-12-08"))
    (facts,) = [ArticleFacts.model_validate_json(l) for l in out.read_text().splitlines()]
    assert "track()" not in facts.article.text and "Home | Markets" not in facts.article.text
    assert any(c.metric == "exports" and c.value == 5.9 for c in facts.claims)


def test_jsonl_keys_are_configurable(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"body": "Exports rose 3% in May.", "date": "2025-06-10"}) + "\n")
    out = tmp_path / "out.jsonl"
    result = subprocess.run([*CLI, "extract", str(tmp_path / "feed.jsonl"), "-o", str(out), "--text-key", "body",
                             "--date-key", "date"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (facts,) = [ArticleFacts.model_validate_json(l) for l in out.read_text().splitlines()]
    assert str(facts.article.published) == "2025-06-10" and facts.claims[0].period.start_date.isoformat() == "2025-05-01"
