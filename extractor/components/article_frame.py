"""The article frame: what a trade article establishes once and its sentences then take for granted.

A report on one release names whose statistics it gives (`Japan's exports fell`, `Statistics Canada said`), and
its later sentences say only `Exports to China were down 8.8%`. The frame is built once per document, before any
claim, from the whole text: the reporting economy and how sure that is, and the basis its changes are stated on.
Claims take these only where their own sentence is silent, and record that they did (`Claim.inferred`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Span

from ..resources import load_rules

# Whose figures an article is about: places and blocs, never the agencies or firms that publish them.
SUBJECT_CATEGORIES = frozenset({"country", "bloc", "nationality"})
# The head and lede name the reporter; later sentences name partners as often as the reporter.
LEDE_SENTENCES = 3
LEDE_WEIGHT = 2
AGENCY_WEIGHT = 3


@dataclass(frozen=True)
class ArticleFrame:
    subject: str | None  # the economy whose statistics the article reports
    subject_from: str  # how it was found: "flow subjects", "statistics office", "most named" or "none"
    convention_basis: str | None  # the basis the reporter states monthly changes on, when known
    convention_currency: str | None  # the currency the reporter computes growth rates in, when it publishes several


def reporting_agencies() -> dict[str, str]:
    """Canonical agency name -> the economy whose statistics it publishes (canonical_names.json `reports_for`)."""
    return {e["canonical"]: e["reports_for"] for e in load_rules("canonical_names.json")["entries"] if e.get("reports_for")}


def reporting_conventions() -> dict[str, tuple[str | None, str | None]]:
    """Economy -> (the basis its monthly trade release states changes on, the currency of its headline growth
    rates): claims.json `reporting_basis` and `reporting_currency_basis`."""
    rules = load_rules("claims.json")
    basis, currency = rules["reporting_basis"], rules["reporting_currency_basis"]
    return {economy: (basis.get(economy), currency.get(economy)) for economy in {*basis, *currency}}


def build_frame(sentences: list[Span], entities: list[Span], flow_subjects: list[tuple[int, str]],
                agencies: dict[str, str], conventions: dict[str, tuple[str | None, str | None]]) -> ArticleFrame:
    """`flow_subjects`: (sentence number, economy) for every flow metric whose own words name an economy
    (`Japan's exports`, `German exports`, `exports from Korea`), figure or not."""
    votes: Counter[str] = Counter()
    for number, subject in flow_subjects:
        votes[subject] += LEDE_WEIGHT if number < LEDE_SENTENCES else 1
    how = "flow subjects"
    for ent in entities:
        reporter = agencies.get(ent._.canonical)
        if reporter:
            votes[reporter] += AGENCY_WEIGHT
            how = "flow subjects and statistics office" if flow_subjects else "statistics office"
    if not votes:
        how = "most named"
        for ent in entities:
            if ent._.category in SUBJECT_CATEGORIES and not _is_partner_mention(ent):
                votes[ent._.canonical] += 1
    if not votes:
        return ArticleFrame(None, "none", None, None)
    top = max(votes.values())
    # ties go to the economy named first
    order = {name: i for i, (_, name) in enumerate(sorted(flow_subjects))}
    for ent in entities:
        order.setdefault(ent._.canonical, len(order))
    subject = min((name for name, n in votes.items() if n == top), key=lambda name: order.get(name, len(order)))
    return ArticleFrame(subject, how, *conventions.get(subject, (None, None)))


def _is_partner_mention(ent: Span) -> bool:
    """`exports to the United States`, `U.S. tariffs`: a partner or a tariff's author, not the reporter."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "from", "with", "into", "against", "on"):
        return True
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.lemma_.lower() in ("tariff", "duty", "levy")
