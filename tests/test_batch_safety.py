"""Batch runs never lose data: every bad input becomes one error record, the output is the run's own, and a
timeout really stops an article. Each nasty file is made here, in the test's own folder."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from schemas import ArticleFacts, ExtractionError, load_facts

from extractor import ArticleTimeout, extract, extract_batch
from extractor.batch import BatchOptions, OutputRefused, _locked, read_manifest, run_batch
from extractor.readers import decode

CLI = [sys.executable, "-c", "from extractor.cli import app; app()"]
GOOD = "Exports rose 5% in May from a year earlier, the ministry said."


def lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line]


def nasty_folder(folder: Path) -> dict[str, str]:
    """Bad inputs beside good ones; returns the bad ones' names with the stage each must fail at."""
    folder.mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD)
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    os.mkdir(folder / "sub")
    (folder / "sub" / "good.txt").write_text(GOOD.replace("May", "June"))
    (folder / "old_date.json").write_text(json.dumps({"text": GOOD, "published": "0001-01-01"}))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    return {"deep.json": "parse", "pipe.txt": "read", "dangling.txt": "read", "old_date.json": "parse",
            "binary.txt": "decode"}


def test_every_bad_input_gets_one_error_record_and_the_good_ones_their_facts(tmp_path):
    bad = nasty_folder(tmp_path / "in")
    odd_name = os.fsencode(tmp_path / "in") + b"/caf\xe9.txt"  # a name that is not valid UTF-8
    with open(odd_name, "wb") as handle:
        handle.write(GOOD.encode())
    (tmp_path / "notes.tmp").write_text("mine")
    for out in (tmp_path / "out.jsonl", tmp_path / "folder"):
        result = subprocess.run([*CLI, "extract", str(tmp_path / "in"), "-o", str(out), "--published", "2025-06-01"],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 1, result.stderr
        errors_file = out.with_name("out.errors.jsonl") if out.suffix else out / "_errors.jsonl"
        errors = [ExtractionError.model_validate_json(line) for line in lines(errors_file)]
        assert sorted(Path(e.path).name for e in errors) == sorted(bad)
        assert all(e.stage == bad[Path(e.path).name] for e in errors)
        facts = [ArticleFacts.model_validate_json(line) for line in lines(out)] if out.suffix else [
            ArticleFacts.model_validate_json(line) for shard in out.rglob("*.facts.jsonl") for line in lines(shard)]
        assert len(facts) == 3  # good.txt, sub/good.txt and the oddly named one
    assert (tmp_path / "notes.tmp").read_text() == "mine"
    assert [p.name for p in tmp_path.rglob("*.tmp*")] == ["notes.tmp"]  # the user's own, and no run's left over


def test_an_unlistable_folder_is_an_error_record(tmp_path, monkeypatch):
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    real_scandir = os.scandir

    def refuse(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    out = tmp_path / "out.jsonl"
    summary = run_batch([tmp_path / "in"], str(out), BatchOptions(published="2025-06-01"))
    (error,) = [json.loads(line) for line in lines(tmp_path / "out.errors.jsonl")]
    assert error["path"].endswith("locked") and error["stage"] == "read" and summary.errors == 1
    assert len(lines(out)) == 1


def test_an_unreadable_file_is_an_error_record(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD)
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if str(path).endswith("a.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    out = tmp_path / "out" / "facts.jsonl"
    summary = run_batch([tmp_path], str(out), BatchOptions(published="2025-06-01"))
    (error,) = [json.loads(line) for line in lines(out.with_name("facts.errors.jsonl"))]
    assert error["path"].endswith("a.txt") and error["stage"] == "read" and summary.articles == 1


def test_the_output_folder_is_never_read_as_input(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    out = tmp_path / "out"
    run_batch([tmp_path], str(out), BatchOptions(published="2025-06-01"))
    summary = run_batch([tmp_path], str(out), BatchOptions(published="2025-06-01", resume=True))
    assert summary.files == 1 and summary.skipped == 1
    run_batch([tmp_path], str(tmp_path / "all.jsonl"), BatchOptions(published="2025-06-01"))
    again = run_batch([tmp_path], str(tmp_path / "all.jsonl"), BatchOptions(published="2025-06-01", force=True))
    assert again.files == 1  # neither all.jsonl nor its errors file, nor the shards of out/


def test_resume_redoes_inputs_extracted_with_other_options(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    out = tmp_path / "out"
    run_batch([tmp_path / "in"], str(out), BatchOptions(published="2025-06-01"))
    assert run_batch([tmp_path / "in"], str(out), BatchOptions(published="2025-06-01", resume=True)).skipped == 1
    assert run_batch([tmp_path / "in"], str(out), BatchOptions(published="2026-06-01", resume=True)).skipped == 0
    (facts,) = [ArticleFacts.model_validate_json(line) for line in lines(out / "a.txt.facts.jsonl")]
    assert str(facts.article.published) == "2026-06-01"


def test_a_hand_edited_manifest_line_is_passed_over(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    out = tmp_path / "out"
    run_batch([tmp_path / "in"], str(out), BatchOptions(published="2025-06-01"))
    with open(out / "_manifest.jsonl", "a", encoding="utf-8") as manifest:
        manifest.write('{"input": "b.txt", "errors": "none"}\n[1, 2]\n{"input": 3}\n')
    assert set(read_manifest(out)) == {"a.txt"}
    assert run_batch([tmp_path / "in"], str(out), BatchOptions(published="2025-06-01", resume=True)).skipped == 1


def test_a_second_run_into_the_same_output_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    out = tmp_path / "out"
    out.mkdir()
    with _locked(out, "folder"):  # as a run in progress holds it
        with pytest.raises(OutputRefused, match="another newsfacts run"):
            run_batch([tmp_path / "a.txt"], str(out), BatchOptions())
    with _locked(tmp_path, "all.jsonl"):
        with pytest.raises(OutputRefused, match="another newsfacts run"):
            run_batch([tmp_path / "a.txt"], str(tmp_path / "all.jsonl"), BatchOptions())
    assert run_batch([tmp_path / "a.txt"], str(out), BatchOptions()).articles == 1


def test_two_concurrent_runs_into_one_file_lose_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    for n in range(6):
        (tmp_path / "in" / f"{n}.txt").write_text(GOOD)
    out = tmp_path / "all.jsonl"
    command = [*CLI, "extract", str(tmp_path / "in"), "-o", str(out), "--force", "--jobs", "1"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    codes = sorted(code for code, _ in results)
    refused = [err for code, err in results if code == 2]
    assert codes in ([0, 0], [0, 2]), results  # one after the other, or the second refused with a message
    assert all("another newsfacts run" in err for err in refused)
    assert len(lines(out)) == 6


def test_a_streamed_run_that_fails_leaves_what_it_did_in_the_output(tmp_path, monkeypatch):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(GOOD)
    from extractor import batch

    real = batch.process_files

    def fail_on_the_last(paths, options):
        if any(p.endswith("2.txt") for p in paths):
            raise KeyboardInterrupt
        return real(paths, options)

    monkeypatch.setattr(batch, "process_files", fail_on_the_last)
    monkeypatch.setattr(batch, "FILES_PER_TASK", 1)
    out = tmp_path / "out" / "all.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch([tmp_path], str(out), BatchOptions(published="2025-06-01"))
    assert len(lines(out)) == 2 and not list(out.parent.glob(".*.tmp"))


def test_line_separators_inside_strings_survive_extract_and_reconcile(tmp_path):
    text = "Exports rose 5% in May.\u2028Imports fell 2%.\u2029The \u0085ministry said so."
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    result = subprocess.run([*CLI, "extract", str(tmp_path / "feed.jsonl"), "-o", str(out), "--published",
                             "2025-06-01"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    raw = out.read_text(encoding="utf-8")
    assert "\u2028" in raw  # written raw, as JSON allows
    (facts,) = [load_facts(line) for line in lines(out)]
    assert facts.article.text == text
    report = subprocess.run([*CLI, "reconcile", str(out)], capture_output=True, text=True, timeout=300)
    assert report.returncode == 0, report.stderr


@pytest.mark.parametrize(
    "data, text, how",
    [
        ("caf\u00e9 \u20ac2.3bn, d\u00e9j\u00e0 vu".encode() + b"\xff", "caf\u00e9 \u20ac2.3bn, d\u00e9j\u00e0 vu\ufffd", "replaced"),
        ("Exports rose 5.9%".encode("utf-16-le"), "Exports rose 5.9%", "UTF-16"),
        ("Exports rose 5.9%".encode("utf-16-be"), "Exports rose 5.9%", "UTF-16"),
        ("Am\u00e9rique \u20ac2.3bn".encode("cp1252"), "Am\u00e9rique \u20ac2.3bn", "cp1252"),
        (b"plain ASCII", "plain ASCII", None),
    ],
)
def test_decoding_follows_one_rule_and_says_how(data, text, how):
    decoded, note = decode(data)
    assert decoded == text
    assert (note is None) if how is None else (how in note)


def test_one_bad_byte_in_a_jsonl_file_costs_nothing_but_that_byte(tmp_path):
    good = json.dumps({"text": "Imports fell 2% in May."}).encode()
    damaged = json.dumps({"text": "Exports rose 5% in May, caf\u00e9."}, ensure_ascii=False).encode().replace(b"May", b"M\xffay")
    (tmp_path / "feed.jsonl").write_bytes(good + b"\n" + damaged + b"\n" + good + b"\n")
    out = tmp_path / "out.jsonl"
    summary = run_batch([tmp_path / "feed.jsonl"], str(out), BatchOptions(published="2025-06-01"))
    records = [ArticleFacts.model_validate_json(line) for line in lines(out)]
    assert summary.errors == 0 and len(records) == 3
    assert [w.code for w in records[1].warnings] == ["decoding"] and not records[0].warnings


def test_reconcile_reads_its_own_major_version_and_names_the_failing_field(tmp_path):
    record = json.loads(extract(GOOD, published="2025-06-01").model_dump_json())
    record["a_field_from_a_later_minor_version"] = {"x": 1}
    record["claims"][0]["another_new_field"] = True
    assert load_facts(record).claims[0].value == 5.0
    with pytest.raises(ValueError, match=r"field claims\.0\.value"):
        load_facts({**record, "claims": [{**record["claims"][0], "value": "five"}]})
    with pytest.raises(ValueError, match="schema_version 2.0.0"):
        load_facts({**record, "schema_version": "2.0.0"})
    (tmp_path / "facts.jsonl").write_text(json.dumps({**record, "schema_version": "2.0.0"}) + "\n")
    result = subprocess.run([*CLI, "reconcile", str(tmp_path / "facts.jsonl")], capture_output=True, text=True)
    assert result.returncode == 2 and "facts.jsonl:1" in result.stderr and "schema_version" in result.stderr


def test_records_hold_ordered_intervals_and_no_nan():
    facts = extract("Growth will be between 9% and 3% this year.", published="2025-06-01")
    (figure,) = facts.quantities
    assert figure.lower <= figure.upper and figure.range.low == 3.0 and figure.range.high == 9.0
    record = json.loads(facts.model_dump_json())
    for bad in ({"lower": 10.0, "upper": 1.0}, {"value": float("nan")}):
        broken = {**record, "quantities": [{**record["quantities"][0], **bad}]}
        with pytest.raises(ValueError):
            load_facts(broken)


def test_a_lone_surrogate_or_an_impossible_date_is_handled_not_a_crash():
    facts = extract("Exports rose 5% in May \ud800.", published="2025-06-01")
    assert facts.article.text.endswith("\ufffd.") and facts.model_dump_json()
    with pytest.raises(ValueError, match="outside the years"):
        extract(GOOD, published="9999-12-31")


def test_a_timeout_stops_an_article_in_a_thread_too():
    caught = []

    def run():
        try:
            extract(GOOD * 200, published="2025-06-01", timeout=1e-6)
        except ArticleTimeout as err:
            caught.append(err)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=120)
    assert len(caught) == 1
    assert next(extract_batch([GOOD], timeout=60)).claims  # a generous limit changes nothing


@pytest.mark.slow
def test_timeout_ends_an_article_built_to_take_a_minute(tmp_path):
    sentence = "Exports to Japan rose {0}.{1}% to ${0} billion in May, while imports from China fell {1}% to ${0} million. "
    (tmp_path / "long.txt").write_text("".join(sentence.format(i % 50, i % 10) for i in range(6000)))
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    result = subprocess.run([*CLI, "extract", str(tmp_path / "long.txt"), "-o", str(out), "--timeout", "2",
                             "--published", "2025-06-01"], capture_output=True, text=True, timeout=300)
    print(f"ended after {time.monotonic() - started:.1f}s (process start and model load included)")
    assert result.returncode == 1
    (error,) = [json.loads(line) for line in lines(tmp_path / "out.errors.jsonl")]
    assert error["stage"] == "limit" and error["error_type"] == "ArticleTimeout"


def test_max_chars_is_the_real_limit(tmp_path):
    from extractor.pipeline import DEFAULT_MAX_CHARS, get_pipeline

    assert get_pipeline().max_length == DEFAULT_MAX_CHARS  # spaCy's own default is half that
    (tmp_path / "a.txt").write_text(GOOD)
    run_batch([tmp_path / "a.txt"], str(tmp_path / "out.jsonl"), BatchOptions(max_chars=3_000_000))
    assert get_pipeline().max_length == 3_000_000
    get_pipeline().max_length = DEFAULT_MAX_CHARS
    with pytest.raises(ValueError, match="over the pipeline's limit"):
        extract("x" * (DEFAULT_MAX_CHARS + 1))


def test_a_run_of_figures_with_no_full_stop_is_read_in_bounded_pieces():
    from extractor.components.paragraphs import LONGEST_SENTENCE
    from extractor.pipeline import get_pipeline

    text = "Exports rose " + ", ".join(f"{n % 90 + 1}% to ${n} billion" for n in range(600)) + "."
    doc = get_pipeline()(text)
    assert max(len(sentence) for sentence in doc.sents) <= LONGEST_SENTENCE
    assert len(doc._.quantities) == 1200 and len(doc._.claims) == 1200  # every figure still read
    short = get_pipeline()(GOOD)
    assert len(list(short.sents)) == 1  # a news sentence is never cut


def test_the_api_has_no_traps_for_a_single_article_or_for_reconcile():
    from extractor import reconcile

    with pytest.raises(TypeError, match="iterable of articles"):
        next(extract_batch(GOOD))
    record = json.loads(extract(GOOD, published="2025-06-01", source="A").model_dump_json())
    report = reconcile([record, json.loads(extract(GOOD, published="2025-06-01", source="B").model_dump_json())])
    assert report.groups
