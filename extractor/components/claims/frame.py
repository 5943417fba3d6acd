"""The article frame: what a trade article establishes once and its sentences then take for granted.

A report on one release names whose statistics it gives (`Japan's exports fell`, `Statistics Canada said`), and
its later sentences say only `Exports to China were down 8.8%`. The frame is built once per document, before any
claim, from the whole text: the reporting economy and how sure that is, and the basis its changes are stated on.
Claims take these only where their own sentence is silent, and record that they did (`Claim.inferred`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Span

from schemas.facts import (
    INFERRED_CONVENTION,
    INFERRED_REFERENCE_PERIOD,
    INFERRED_STATED_BASIS,
    INFERRED_TARIFF_AUTHOR,
    INFERRED_YEAR_TO_DATE,
)

from ..entities import name_table
from .document import is_money, years_shifted

# Whose figures an article is about: places and blocs, never the agencies or firms that publish them.
REPORTER_CATEGORIES = frozenset({"country", "bloc", "nationality"})
# The head and lede name the reporter; later sentences name partners as often as the reporter.
LEDE_SENTENCES = 3
LEDE_WEIGHT = 2
AGENCY_WEIGHT = 3
MENTION_WEIGHT = 0.5
# `$7.1 billion`, not `US$5.2 billion`, `U.S. $5 billion` or `5 billion U.S. dollars`
BARE_DOLLAR = re.compile(r"(?<![A-Za-z.])\$(?!\s*US)(?!.*\b(?:U\.?S\.?|US|American)\b)")


@dataclass(frozen=True)
class ArticleFrame:
    subject: str | None  # the economy whose statistics the article reports
    subject_from: str  # how it was found: "flow subjects", "statistics office", "most named" or "none"
    convention_basis: str | None  # the basis the reporter states monthly changes on, when known
    convention_currency: str | None  # the currency the reporter computes growth rates in, when it publishes several
    convention_adjustment: str | None  # whether the reporter's headline figures are seasonally adjusted


def build_frame(entities: list[Span], flow_subjects: list[tuple[int, str]],
                agencies: dict[str, str], conventions: dict[str, tuple[str | None, ...]]) -> ArticleFrame:
    """`flow_subjects`: (sentence number, economy) for every flow metric whose own words name an economy
    (`Japan's exports`, `German exports`, `exports from Korea`), figure or not."""
    votes: Counter[str] = Counter()
    for number, subject in flow_subjects:
        votes[subject] += LEDE_WEIGHT if number < LEDE_SENTENCES else 1
    sources = ["flow subjects"] if flow_subjects else []
    for ent in entities:
        reporter = agencies.get(ent._.canonical)
        if reporter:
            votes[reporter] += AGENCY_WEIGHT
            if "statistics office" not in sources:
                sources.append("statistics office")
    # every other mention of a known economy, not as a partner, settles what the evidence above leaves even
    for ent in entities:
        if ent._.category in REPORTER_CATEGORIES and name_table().get(ent.text) is not None \
                and not _is_partner_mention(ent):
            votes[ent._.canonical] += MENTION_WEIGHT
    how = " and ".join(sources) or "most named"
    if not votes:
        return ArticleFrame(None, "none", None, None, None)
    top = max(votes.values())
    # ties go to the economy named first
    order = {name: i for i, (_, name) in enumerate(sorted(flow_subjects))}
    for ent in entities:
        order.setdefault(ent._.canonical, len(order))
    subject = min((name for name, n in votes.items() if n == top), key=lambda name: order.get(name, len(order)))
    return ArticleFrame(subject, how, *conventions.get(subject, (None, None, None)))


def _is_partner_mention(ent: Span) -> bool:
    """`exports to the United States`, `U.S. tariffs`: a partner or a tariff's author, not the reporter."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "from", "with", "into", "against", "on"):
        return True
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.lemma_.lower() in ("tariff", "duty", "levy")


class FrameRules:
    """Methods of `ArticleClaims` (record.py): the frame of its document, and what claims take from it."""

    def _frame(self):
        """Whose statistics the article reports, from every flow metric whose words name an economy."""
        flow_subjects = []
        for number, sent in enumerate(self.sentences.spans):
            for key, m in self.metrics_by_sent.get(sent.start_char, []):
                metric = key.split("|")[0]
                if metric in self.rules.flow_metrics:
                    subject, explicit = self._subject(sent, m, metric)
                    if explicit and subject:
                        flow_subjects.append((number, subject))
        return build_frame(self.entities.spans, flow_subjects, self.rules.agencies, self.rules.conventions)

    def _fill_from_frame(self, claims: list[dict]) -> None:
        """What a sentence leaves unsaid comes from the article: its reporting economy (for a tariff, the one that
        pays), the reporter's dollar for a bare `$`, the currency and basis of its changes (stated for its other
        changes, else the reporter's convention). Each such field is recorded as inferred, with where it came from,
        and the claim's confidence falls with each."""
        frame = self.frame
        author = self._tariff_author()
        stated = StatedBases([c for c in claims if c["kind"] == "change" and c["basis"] in ("year_on_year", "month_on_month")])
        local = self.rules.local_dollars.get(frame.subject)
        for claim in claims:
            if claim["metric"] in self.rules.in_force_metrics and claim["subject"] is None and author is not None \
                    and author != claim["partner"]:
                # `a 25% tariff on cars` in an article on the US tariffs: the author the article names for them
                claim["subject"] = author
                claim["inferred"]["subject"] = INFERRED_TARIFF_AUTHOR
            if claim["metric"] in self.rules.in_force_metrics and claim["partner"] is None and frame.subject and \
                    claim["subject"] not in (None, frame.subject):
                # `Trump imposed a 25% tariff on steel` in a report on Japan's trade: a tariff Japan pays
                claim["partner"] = frame.subject
                claim["inferred"]["partner"] = f"article frame ({frame.subject_from})"
            if claim["subject"] is None and frame.subject is not None and claim["metric"] not in self.rules.in_force_metrics:
                claim["subject"] = frame.subject
                claim["inferred"]["subject"] = f"article frame ({frame.subject_from})"
            if claim["period"] is not None and claim["period"]["start_date"] is None and (
                    fiscal := self._fiscal_period(claim["period"], claim["subject"])) is not None:
                if claim["_base"] and fiscal["granularity"] == "range":
                    # `widened from $66.9 billion to $83.0 billion in 2024-25 so far`: a span to date is compared
                    # with the same span a year before
                    fiscal = years_shifted(fiscal, -1)
                claim["period"] = fiscal
                claim["inferred"]["period"] = f"{INFERRED_CONVENTION} {claim['subject']} (its fiscal year)"
            # a bare `$` in an article on Canada is the Canadian dollar, but a conversion of the Canadian dollar
            # (`7.1 billion Canadian dollars ($5.2 billion)`) is to US dollars
            if local and claim["unit"] == "USD" and claim["quantity"] and BARE_DOLLAR.search(claim["quantity"]["text"]) \
                    and claim.get("_converted_from") != local:
                claim["unit"] = local
                claim["inferred"]["unit"] = f"a bare `$` in an article on {frame.subject}'s statistics"
            if claim["kind"] != "change":
                continue
            # `in yuan terms` marks the exception: a rate that does not say is in the reporter's headline currency
            if claim["currency_basis"] is None and not is_money(claim["unit"]):
                if frame.convention_currency and claim["subject"] == frame.subject:
                    claim["currency_basis"] = frame.convention_currency
                    claim["inferred"]["currency_basis"] = f"{INFERRED_CONVENTION} {frame.subject}"
            if claim["basis"] is not None:
                continue
            period = claim["period"] or {}
            if claim["streak"]:
                continue
            if claim["metric"].endswith("_3m_avg"):
                # a moving average is published each month, and its change is against last month's average
                claim["basis"] = "month_on_month"
                continue
            if period.get("granularity") in ("year", "half") or (
                    period.get("granularity") == "range" and (period.get("start_date") or "")[5:] == "01-01"):
                # a change over a year or the months of a year so far is against the same span a year before; a
                # rolling window (`the three months to April`) may be against the window before it, so it is left
                claim["basis"] = "year_on_year"
                continue
            # a reporter that publishes its changes on one basis is read on it: a basis another sentence states
            # (`On a month-on-month basis, exports were 18.1% lower`) is that sentence's exception
            carried = stated.carried(claim)
            if frame.convention_basis and claim["subject"] == frame.subject:
                claim["basis"] = frame.convention_basis
                # the convention is as sure as a stated basis where the article states it for its other changes
                claim["inferred"]["basis"] = INFERRED_STATED_BASIS if carried == frame.convention_basis else \
                    f"{INFERRED_CONVENTION} {frame.subject}"
            elif carried is not None:
                claim["basis"] = carried
                claim["inferred"]["basis"] = INFERRED_STATED_BASIS
        for claim in claims:
            # Destatis headlines calendar and seasonally adjusted levels and monthly changes, Japan's customs
            # unadjusted ones; a change on a year before compares like with like and is left as it is, and a whole
            # year has no season to adjust for
            within_year = claim["period"] is not None and claim["period"]["granularity"] in ("month", "quarter")
            if frame.convention_adjustment and claim["adjustment"] is None and claim["subject"] == frame.subject \
                    and claim["metric"] in self.rules.flow_metrics and within_year and (
                        claim["kind"] == "level" or (claim["kind"] == "change" and claim["basis"] == "month_on_month")):
                claim["adjustment"] = frame.convention_adjustment
                claim["inferred"]["adjustment"] = f"{INFERRED_CONVENTION} {frame.subject}"
        for claim in claims:
            note, period = claim["inferred"].get("period"), claim["period"]
            if note and period and note not in (INFERRED_REFERENCE_PERIOD, INFERRED_YEAR_TO_DATE) \
                    and self._is_reference(period):
                claim["inferred"]["period"] = f"{note}, which is {INFERRED_REFERENCE_PERIOD}"
            claim["confidence"] = round(max(0.4, 1.0 - 0.15 * len(claim["inferred"])), 2)

    def _tariff_author(self) -> str | None:
        """The economy the article names as levying its tariffs (`US tariffs`, `Trump imposed`), when only one
        is named: a tariff the article states without its author is then that one's."""
        authors = set()
        for key, m in self.metrics:
            metric = key.split("|")[0]
            if metric in self.rules.in_force_metrics:
                imposer = self._tariff_parties(metric, m)[0]
                if imposer is not None:
                    authors.add(imposer)
        return authors.pop() if len(authors) == 1 else None


class StatedBases:
    """The bases an article states for its changes, looked up by position: the nearest before a change that states
    none, else the first after; first among the same flow (metric and partner), then the same metric, then any
    change, always of the same grain of period. Sorted positions and bisection keep an article of many figures
    linear."""

    def __init__(self, stated: list[dict]):
        self.index: dict[tuple, tuple[list[int], list[str]]] = {}
        for claim in sorted(stated, key=_position):
            for key in _keys(claim):
                starts, bases = self.index.setdefault(key, ([], []))
                starts.append(_position(claim))
                bases.append(claim["basis"])

    def carried(self, claim: dict) -> str | None:
        at = _position(claim)
        for key in _keys(claim):
            if key not in self.index:
                continue
            starts, bases = self.index[key]
            before = bisect_left(starts, at)
            if before > 0:
                return bases[before - 1]
            after = bisect_right(starts, at)
            if after < len(starts):
                return bases[after]
        return None


def _keys(claim: dict) -> tuple[tuple, ...]:
    # a basis stated for a year-to-date span says nothing of the monthly figures: only the same grain carries
    grain = (claim["period"] or {}).get("granularity")
    return ("flow", claim["metric"], claim["partner"], grain), ("metric", claim["metric"], grain), ("any", grain)


def _position(claim: dict) -> int:
    return claim["quantity"]["start"] if claim["quantity"] else 0
