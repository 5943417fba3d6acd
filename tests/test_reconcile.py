"""The reconciler on small, explicit claims, and end to end on the fixture groups and the seeds."""

import json

import pytest
from typer.testing import CliRunner

from schemas import Article, ArticleFacts, Claim, ClaimPeriod, Provenance, Reconciliation, TextSpan
from tests.conftest import FIXTURES

from extractor.cli import app
from extractor.reconcile import reconcile
from extractor.reconcile.relations import relation

NOV = ClaimPeriod(text="November", start_date="2025-11-01", end_date="2025-11-30", granularity="month",
                  resolution="relative_to_publication")


def claim(text, value, lower, upper, qualifier=None, unit="percent", **fields):
    base = dict(id="c0", subject="China", metric="exports", partner=None, kind="change", basis="year_on_year",
                value=value, unit=unit, qualifier=qualifier, lower=lower, upper=upper, period=NOV,
                quantity=TextSpan(text=text, start=0, end=len(text)), evidence=TextSpan(text=text, start=0, end=len(text)))
    return Claim(**{**base, **fields})


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (claim("$111.68 billion", 111.68e9, 111.675e9, 111.685e9, unit="USD"),
         claim("around $111.7 billion", 111.7e9, 106.115e9, 117.285e9, "approximately", unit="USD"), "agree"),
        (claim("1.9%", 1.9, 1.85, 1.95), claim("just under 2%", 2, 1.5, 2, "just_under"), "compatible"),
        (claim("more than $1 trillion", 1e12, 1e12, 1.5e12, "more_than", unit="USD"),
         claim("$1.08 trillion", 1.08e12, 1.075e12, 1.085e12, unit="USD"), "compatible"),
        (claim("8.2%", 8.2, 8.15, 8.25), claim("8.4%", 8.4, 8.35, 8.45), "conflict"),
        (claim("14.8%", 14.8, 14.75, 14.85), claim("14.3%", 14.3, 14.25, 14.35), "conflict"),
    ],
)
def test_relations_between_two_statements(a, b, expected):
    assert relation(a, b)[0] == expected


def facts(aid, *claims):
    text = " | ".join(c.quantity.text for c in claims) + f" ({aid})"
    placed, offset = [], 0
    for i, c in enumerate(claims):
        start = text.index(c.quantity.text, offset)
        span = TextSpan(text=c.quantity.text, start=start, end=start + len(c.quantity.text))
        placed.append(c.model_copy(update={"id": f"c{i}", "quantity": span, "evidence": span}))
        offset = span.end
    return ArticleFacts(article=Article(id=aid, source=aid, text=text, published="2025-12-08"), claims=placed,
                        provenance=Provenance(tool_version="t", model="m", model_version="v"))


def test_groups_keep_apart_what_only_looks_the_same():
    a = facts("a", claim("5.9%", 5.9, 5.85, 5.95, currency_basis="USD"),
              claim("3.8%", 3.8, 3.75, 3.85, kind="expectation", attribution="poll"))
    b = facts("b", claim("5.7%", 5.7, 5.65, 5.75, currency_basis="CNY"),
              claim("5.9%", 5.9, 5.85, 5.95, currency_basis="USD", adjustment="seasonally_adjusted"))
    result = reconcile([a, b])
    assert all(g.verdict == "single_source" for g in result.groups)
    assert len(result.groups) == 4


def test_an_unstated_basis_joins_the_group_that_states_one_when_it_fits():
    a = facts("a", claim("1.9%", 1.9, 1.85, 1.95, basis=None))
    b = facts("b", claim("just under 2%", 2, 1.5, 2, "just_under"))
    c = facts("c", claim("7%", 7, 6.5, 7.5, basis=None))
    groups = reconcile([a, b, c]).groups
    joined = next(g for g in groups if len(g.claims) == 2)
    assert joined.verdict == "compatible" and "basis" in joined.note
    assert any(g.verdict == "single_source" and g.claims[0].article_id == "c" for g in groups)


def test_a_change_over_the_year_so_far_is_against_the_same_months_a_year_before():
    span = ClaimPeriod(text="April-November", start_date="2025-04-01", end_date="2025-11-30", granularity="range",
                       resolution="absolute")
    a = facts("a", claim("49%", 49, 48.5, 49.5, period=span))
    b = facts("b", claim("49%", 49, 48.5, 49.5, period=span, basis="year_to_date"))
    (group,) = reconcile([a, b]).groups
    assert group.verdict == "agree"


def test_unresolved_periods_group_only_within_a_publication_day():
    undated = claim("5.9%", 5.9, 5.85, 5.95, period=ClaimPeriod(text="November"))
    a, b = facts("a", undated), facts("b", undated)
    c = facts("c", undated).model_copy(update={"article": Article(id="c", text=facts("c", undated).article.text,
                                                                   published="2025-11-08")})
    groups = reconcile([a, b, c]).groups
    assert sorted(len(g.claims) for g in groups) == [1, 2]


def test_syndicated_copies_count_once():
    text = "China's exports rose 5.9% in November, customs data showed, beating forecasts by a wide margin. " * 3
    make = lambda aid: ArticleFacts(article=Article(id=aid, text=text + aid, published="2025-12-08"),
                                    provenance=Provenance(tool_version="t", model="m", model_version="v"))
    result = reconcile([make("a"), make("b"), make("c")])
    (dupes,) = result.duplicates
    assert dupes.kept == "a" and sorted(dupes.copies) == ["b", "c"]


def test_balance_arithmetic():
    level = dict(kind="level", basis=None, unit="USD")
    a = facts("a", claim("$330.3 billion", 330.3e9, 330.25e9, 330.35e9, **level),
              claim("$218.6 billion", 218.6e9, 218.55e9, 218.65e9, metric="imports", **level),
              claim("$111.68 billion", 111.68e9, 111.675e9, 111.685e9, metric="trade_balance", **level))
    (check,) = reconcile([a]).checks
    assert check.check == "balance" and check.verdict == "consistent"
    b = facts("b", claim("$150.0 billion", 150e9, 149.95e9, 150.05e9, metric="trade_balance", **level))
    assert reconcile([b, a]).checks[0].verdict == "consistent"  # best value: the two sources conflict, checked anyway


def test_the_fixture_groups_get_their_expected_verdicts(nlp):
    from extractor.evaluate import evaluate_reconciliation

    report = evaluate_reconciliation(sorted((FIXTURES / "gold" / "reconcile").glob("*.reconcile.json")))
    for verdict in ("agree", "compatible", "conflict", "single_source"):
        assert report.accuracy(verdict) >= 0.9, report.render()
    assert not report.false_conflicts and all(report.quotes) and all(report.duplicates)


def test_reconcile_cli_reads_extract_output(tmp_path):
    runner = CliRunner()
    facts_file = tmp_path / "facts.jsonl"
    articles = FIXTURES / "articles"
    files = [str(articles / f"germany_sep_{n}.txt") for n in ("wire", "daily")]
    assert runner.invoke(app, ["extract", *files, "-o", str(facts_file)]).exit_code == 0
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["reconcile", str(facts_file), "-o", str(report)])
    assert result.exit_code == 0, result.output
    parsed = Reconciliation.model_validate_json(report.read_text())
    assert any(g.verdict == "agree" for g in parsed.groups)


def test_reconcile_cli_rejects_what_is_not_extract_output(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"hello": "world"}) + "\n")
    result = CliRunner().invoke(app, ["reconcile", str(bad)])
    assert result.exit_code == 2 and "newsfacts extract" in result.output


@pytest.mark.seeds
def test_check_on_the_seeds_agrees_without_false_conflicts(seed_texts, tmp_path):
    from tests.conftest import SEEDS

    report = tmp_path / "seeds.json"
    result = CliRunner().invoke(app, ["check", *map(str, sorted(SEEDS.glob("*.txt"))), "--published", "2025-12-08",
                                      "-o", str(report)])
    assert result.exit_code == 0, result.output
    parsed = Reconciliation.model_validate_json(report.read_text())
    assert not [g for g in parsed.groups if g.verdict == "conflict"]

    def verdict(metric, partner, kind, start, end):
        found = [g for g in parsed.groups if (g.key.metric, g.key.partner, g.key.kind, g.key.period_start,
                                               g.key.period_end) == (metric, partner, kind, start, end)
                 and len({c.article_id for c in g.claims}) == 2]
        return found[0].verdict if found else None

    assert verdict("exports", None, "change", "2025-11-01", "2025-11-30") in ("agree", "compatible")
    assert verdict("imports", None, "change", "2025-11-01", "2025-11-30") in ("agree", "compatible")
    assert verdict("exports", "United States", "change", "2025-11-01", "2025-11-30") in ("agree", "compatible")
    assert verdict("trade_balance", None, "level", "2025-01-01", "2025-11-30") in ("agree", "compatible")


def test_a_conflict_needs_claims_whose_sentences_state_what_they_are_about():
    inferred = {"period": "the period named in the sentence before"}
    a = facts("a", claim("8.2%", 8.2, 8.15, 8.25))
    b = facts("b", claim("8.4%", 8.4, 8.35, 8.45, inferred=inferred))
    (group,) = reconcile([a, b]).groups
    assert group.verdict == "needs_review" and "period" in group.note
    c = facts("c", claim("8.4%", 8.4, 8.35, 8.45))
    (group,) = reconcile([a, c]).groups
    assert group.verdict == "conflict"
    assert "a gives `8.2%`" in group.explanation and "c gives `8.4%`" in group.explanation


def test_a_figure_the_other_sources_outvote_is_set_apart_when_its_binding_is_doubtful():
    doubtful = {"period": "the period named in the sentence before"}
    a, b = facts("a", claim("8.2%", 8.2, 8.15, 8.25)), facts("b", claim("8.2%", 8.2, 8.15, 8.25))
    c = facts("c", claim("8.2%", 8.2, 8.15, 8.25), claim("3.1%", 3.1, 3.05, 3.15))
    d = facts("d", claim("5.5%", 5.5, 5.45, 5.55, inferred=doubtful))
    (group,) = reconcile([a, b, c, d]).groups
    assert group.verdict == "agree"
    assert sorted(s.claim.quantity.text for s in group.set_aside) == ["3.1%", "5.5%"]
    assert "set apart" in group.note


def test_a_one_sided_hedge_reconciles_a_figure_beyond_it():
    a = facts("a", claim("more than a fifth", 20, 20, 21, "more_than"))
    b = facts("b", claim("22.0%", 22.0, 21.95, 22.05))
    (group,) = reconcile([a, b]).groups
    assert group.verdict == "compatible"


def test_levels_several_fold_apart_are_not_a_misreport():
    level = dict(kind="level", basis=None, unit="USD")
    a = facts("a", claim("$65.9 billion", 65.9e9, 65.85e9, 65.95e9, **level))
    b = facts("b", claim("$10.3 billion", 10.3e9, 10.25e9, 10.35e9, **level))
    (group,) = reconcile([a, b]).groups
    assert group.verdict == "needs_review" and "several-fold" in group.note


def test_mixed_quotes_are_compared_by_their_quoted_words(facts_of):
    """Two outlets paraphrase around the same quoted words: the same quote, and no conflict."""
    first = facts_of('Maria Lopez said on Monday that the new levy was "a tax on every family in the country".', id="first")
    second = facts_of('The levy, Maria Lopez argued, is "a tax on every family in the country".', id="second")
    assert {q.kind for q in first.quotes + second.quotes} == {"mixed"}
    (group,) = reconcile([first, second]).quotes
    assert group.verdict == "agree" and len(group.quotes) == 2


def test_a_misattributed_quote_says_who_gave_it_to_whom(facts_of):
    words = '"We will not sign a deal that hurts our farmers,"'
    facts = [facts_of(f"Talks resumed in Geneva. {words} Maria Lopez said.", id="a", source="Outlet A"),
             facts_of(f"{words} Maria Lopez said on Monday, as delegates arrived for a third round.", id="b", source="Outlet B"),
             facts_of(f"Farm groups held a rally outside. {words} Peter Vance said.", id="c", source="Outlet C")]
    (group,) = reconcile(facts).quotes
    assert group.verdict == "misattributed"
    assert group.explanation == ("3 outlets quote Maria Lopez: the same words are given to Maria Lopez in Outlet A, "
                                 "Outlet B, and to Peter Vance in Outlet C")
    assert reconcile(list(reversed(facts))).quotes[0].explanation == group.explanation


WIRE = ("SEOUL, Dec 1 - South Korea's exports rose 8.4% in November from a year earlier, trade ministry data showed, "
        "as chip sales climbed. Imports fell 1.2%. \"Chip demand stays firm,\" said Park Min-jun, an economist at "
        "Hana Bank. ") * 2


def test_a_copy_that_changes_a_figure_keeps_its_figure_and_says_what_changed(nlp):
    from extractor import extract_batch

    changed = WIRE.replace("rose 8.4%", "rose 8.9%", 1)
    original, copy = extract_batch([{"text": WIRE, "source": "Wire", "published": "2025-12-01"},
                                    {"text": changed, "source": "Daily", "published": "2025-12-02"}])
    result = reconcile([copy, original])
    (dupes,) = result.duplicates
    (change,) = dupes.changed
    assert dupes.kept == original.article.id and change.article_id == copy.article.id
    assert change.differences == ["8.4% → 8.9%"]
    exports = next(g for g in result.groups if g.key.metric == "exports")
    assert exports.verdict == "conflict"
    assert {(c.article_id, c.claim.value) for c in exports.claims} == {(original.article.id, 8.4), (copy.article.id, 8.9)}
    imports = next(g for g in result.groups if g.key.metric == "imports")
    assert {c.article_id for c in imports.claims} == {original.article.id}  # what it repeats counts once


def test_a_copy_that_changes_a_quote_is_compared_as_an_altered_quote(nlp):
    from extractor import extract_batch

    changed = WIRE.replace("stays firm", "stays very firm", 1)
    original, copy = extract_batch([{"text": WIRE, "source": "Wire", "published": "2025-12-01"},
                                    {"text": changed, "source": "Daily", "published": "2025-12-02"}])
    result = reconcile([original, copy])
    (change,) = result.duplicates[0].changed
    assert change.differences == ["stays firm,\" → stays very firm,\""] and change.claims == []
    assert any(q.verdict == "altered" for q in result.quotes)


def test_reconcile_gives_the_same_output_in_any_order(nlp):
    from extractor import extract_batch

    texts = sorted((FIXTURES / "articles").glob("*.txt"))
    facts = list(extract_batch([{"text": p.read_text(encoding="utf-8"), "source": p.stem,
                                 **json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))} for p in texts]))
    orders = [facts, facts[::-1], facts[1::2] + facts[::2]]
    outputs = {reconcile(order).model_dump_json() for order in orders}
    assert len(outputs) == 1


def test_the_same_article_given_twice_is_one_source_and_two_outlets_are_two(nlp):
    from extractor import extract_batch

    wire, again, other = extract_batch([{"text": WIRE, "source": "Wire", "published": "2025-12-01"},
                                        {"text": WIRE, "source": "Wire", "published": "2025-12-01"},
                                        {"text": WIRE, "source": "Daily", "published": "2025-12-01"}])
    assert wire.article.id == again.article.id != other.article.id
    result = reconcile([wire, again, other])
    assert len(result.articles) == 2
    assert result.duplicates[0].copies and not result.duplicates[0].changed


def test_an_official_release_is_what_each_outlet_is_judged_against():
    official = facts("office", claim("5.9%", 5.9, 5.85, 5.95))
    right, wrong = facts("right", claim("5.9%", 5.9, 5.85, 5.95)), facts("wrong", claim("6.3%", 6.3, 6.25, 6.35))
    alone = reconcile([right, wrong])
    assert alone.groups[0].reference is None
    (group,) = reconcile([wrong, right], reference=official).groups
    assert group.verdict == "conflict" and group.reference == "office" and group.best_value == 5.9
    assert group.claims[0].article_id == "office" and "official release" in group.explanation
    assert {r.article_id: r.relation for r in group.relations} == {"office": "agree", "right": "agree",
                                                                   "wrong": "conflict"}


def test_reconcile_reads_records_dicts_and_jsonl_paths_alike(tmp_path):
    a, b = facts("a", claim("5.9%", 5.9, 5.85, 5.95)), facts("b", claim("5.9%", 5.9, 5.85, 5.95))
    path = tmp_path / "facts.jsonl"
    path.write_text(a.model_dump_json() + "\n" + b.model_dump_json() + "\n")
    expected = reconcile([a, b])
    assert reconcile(path) == reconcile([str(path)]) == reconcile([a.model_dump(mode="json"), b]) == expected


def test_a_figure_with_its_basis_unstated_counts_towards_the_majority_it_fits():
    stated = facts("a", claim("4.2%", 4.2, 4.15, 4.25))
    unstated = facts("b", claim("4.2%", 4.2, 4.15, 4.25, basis=None))
    other = facts("c", claim("4.8%", 4.8, 4.75, 4.85))
    (group,) = reconcile([other, unstated, stated]).groups
    assert group.best_value == 4.2 and {c.article_id for c in group.claims} == {"a", "b", "c"}
    assert group.claims[0].article_id in ("a", "b")


def test_forecasts_of_one_outcome_are_one_group_and_never_in_conflict():
    poll = facts("a", claim("7.3%", 7.3, 7.25, 7.35, kind="expectation", attribution="poll"))
    bank = facts("b", claim("7.6%", 7.6, 7.55, 7.65, kind="forecast", attribution="Wind"))
    same = facts("c", claim("7.3%", 7.3, 7.25, 7.35, kind="expectation", attribution="Reuters"))
    (group,) = reconcile([poll, bank, same]).groups
    assert (group.key.kind, group.verdict) == ("forecast", "compatible")
    assert "forecasters differ" in group.note
    (agreed,) = reconcile([poll, same]).groups
    assert agreed.verdict == "agree"


def test_one_firm_figure_does_not_outvote_the_sources_that_agree():
    inferred = {"period": "the period named in the sentence before"}
    many = [facts(aid, claim("4.1%", 4.1, 4.05, 4.15, inferred=inferred)) for aid in ("a", "b", "c")]
    odd = facts("d", claim("3.9%", 3.9, 3.85, 3.95))
    (group,) = reconcile([*many, odd]).groups
    assert group.best_value == 4.1
    assert group.verdict == "needs_review"  # the majority's period is inferred: not sure enough for a conflict


def test_the_basis_a_reporter_states_its_changes_on_is_firm():
    convention = {"basis": "reporting convention of India"}
    a, b = facts("a", claim("4.85%", 4.85, 4.845, 4.855)), facts("b", claim("4.85%", 4.85, 4.845, 4.855))
    c = facts("c", claim("4.83%", 4.83, 4.825, 4.835, inferred=convention))
    (group,) = reconcile([a, b, c]).groups
    assert group.verdict == "conflict"


def test_a_flow_that_may_be_one_goods_does_not_alone_make_a_conflict():
    total = dict(partner="United States")
    doubted = dict(partner="United States", inferred={"product": "none stated, in a paragraph about automobiles"})
    a, b, c = (facts(x, claim("1.4%", -1.4, -1.45, -1.35, **total)) for x in "abc")
    d = facts("d", claim("2.3%", -2.3, -2.35, -2.25, **doubted))
    (group,) = reconcile([a, b, c, d]).groups
    assert group.verdict == "agree" and "set apart" in group.note
