"""The claim rules, loaded once per pipeline: the metric vocabulary, the words of claims.json and their matchers.

Nothing here changes while documents are processed, so one `ClaimRules` serves every document and thread.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from ...resources import load_rules
from ..matching import TriggeredMatcher

CLAUSE_POS = frozenset({"VERB", "AUX"})
PARTNER_PREPS = frozenset({"to", "from", "with", "into"})
# `eleven months`, `three hours`: durations, not measured quantities
TIME_UNITS = frozenset({"month", "year", "week", "day", "quarter", "hour", "decade"})
RATE_UNITS = frozenset({"percent", "percentage_point"})
FILLERS_BEFORE_FIGURES = frozenset({"its", "the", "a", "an", "present", "current", "currently", "roughly", "about", "with",
                                    "to", "revised", "upwardly", "downwardly", "unrevised"})
# Who a trade figure can be about: places and blocs, not the companies or agencies that publish it.
SUBJECT_CATEGORIES = frozenset({"country", "bloc", "region", "nationality"})
# Words that introduce what a figure is compared with.
COMPARISON_LEADS = frozenset({"from", "after", "following", "than", "versus", "vs", "compared", "against"})
# What introduces a figure for an earlier period: `expected 0.7%, after an increase of 1.2% in March`.
PRIOR_FIGURE_LEADS = frozenset({"after", "following"})
# How far back a sentence without a period of its own looks for one.
PERIOD_LOOKBACK_SENTENCES = 1


def reporting_agencies() -> dict[str, str]:
    """Canonical agency name -> the economy whose statistics it publishes (canonical_names.json `reports_for`)."""
    return {e["canonical"]: e["reports_for"] for e in load_rules("canonical_names.json")["entries"] if e.get("reports_for")}


def reporting_conventions() -> dict[str, tuple[str | None, str | None, str | None]]:
    """Economy -> (the basis its monthly trade release states changes on, the currency of its headline growth
    rates, the seasonal adjustment of its headline figures): claims.json `reporting_basis`,
    `reporting_currency_basis` and `reporting_adjustment`."""
    rules = load_rules("claims.json")
    basis, currency, adjustment = rules["reporting_basis"], rules["reporting_currency_basis"], rules["reporting_adjustment"]
    return {economy: (basis.get(economy), currency.get(economy), adjustment.get(economy))
            for economy in {*basis, *currency, *adjustment}}


def _phrase_matcher(nlp: Language, groups: dict[str, list[str]]) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for key, phrases in groups.items():
        matcher.add(key, [nlp.make_doc(p) for p in phrases])
    return matcher


class ClaimRules:
    def __init__(self, nlp: Language):
        metric_rules = load_rules("metrics.json")
        metrics = metric_rules["metrics"]
        vocab = load_rules("claims.json")
        self.words = {k: frozenset(v) for k, v in vocab.items() if isinstance(v, list)}
        groups: dict[str, list[str]] = {}
        self.flow_metrics = frozenset(name for name, entry in metrics.items() if entry.get("flow"))
        default_preps = metric_rules["default_partner_preps"]
        self.partner_preps = {name: frozenset(e.get("partner_preps", default_preps)) for name, e in metrics.items()}
        self.subject_preps = {name: frozenset(e.get("subject_preps", ())) for name, e in metrics.items()}
        for name, entry in metrics.items():
            groups[f"{name}|+"] = entry["phrases"]
            if entry.get("negative"):
                groups[f"{name}|-"] = entry["negative"]
        self.metric_matcher = _phrase_matcher(nlp, groups)
        cues = {f"basis|{k}": v for k, v in vocab["basis"].items()}
        cues.update({f"adjustment|{k}": v for k, v in vocab["adjustment"].items()})
        cues.update({f"vintage|{k}": v for k, v in vocab["vintage"].items()})
        cues.update({f"comparison|{k}": v for k, v in vocab["comparison"].items()})
        cues["attribution|according"] = ["according to"]
        self.cue_matcher = _phrase_matcher(nlp, cues)
        self.generic_metric_phrases = frozenset(metric_rules["generic_phrases"])
        self.in_force_metrics = frozenset(name for name, entry in metrics.items() if entry.get("in_force"))
        self.tariff_words = {name: {"imposer_verbs": frozenset(e["imposer_verbs"]), "target_verbs": frozenset(e["target_verbs"])}
                             for name, e in metrics.items() if e.get("in_force")}
        self.leaders = vocab["leaders"]
        self.product_names = {alias: name for name, aliases in metric_rules["product_names"].items() for alias in aliases}
        self.not_products = frozenset(metric_rules["not_products"])
        comparison_words = frozenset(w for phrases in vocab["comparison"].values() for phrase in phrases
                                     for w in phrase.split())
        # `topped the 1.2% rise in August`, `from $2.3 billion`: what puts a figure or period up for comparison
        self.compared_figure_cues = (comparison_words | self.words["comparison_base_cues"]
                                     | self.words["not_period_cues"])
        self.comparison_leads = comparison_words | COMPARISON_LEADS
        self.moves = self.words["up"] | self.words["down"]
        self.stance_words = self.words["expectation"] | self.words["forecast"]
        # verbs that state where a figure stands (`reached`, `topped`), not how far it moved
        self.level_words = self.words["level_verbs"] | self.words["threshold_verbs"]
        self.currency_terms = vocab["currency_terms"]
        self.home_currencies = vocab["home_currencies"]
        self.local_dollars = {economy: self.home_currencies[economy] for economy in vocab["local_dollars"]}
        self.deficit_reporters = frozenset(vocab["deficit_reporters"])
        self.fiscal_years = vocab["fiscal_years"]
        self.fiscal_year_to_date = frozenset(vocab["fiscal_year_to_date"])
        self.general_goods = frozenset(vocab["general_goods"])
        self.figure_nouns = (self.words["up"] | self.words["down"] | self.words["flat"] | self.words["target"]
                             | self.words["expectation"] | self.words["forecast"] | frozenset(vocab["figure_nouns"]))
        self.agencies = reporting_agencies()
        self.conventions = reporting_conventions()
        self.ordinals = {w: i for i, w in enumerate(
            ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth"])}
        # streak patterns all hold an ordinal or `for`
        self.streak_matcher = TriggeredMatcher(nlp.vocab, load_rules("claim_patterns.jsonl"),
                                               lower=frozenset(self.ordinals) | {"for"},
                                               shapes=frozenset({"dxx", "ddxx"}))
