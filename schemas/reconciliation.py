"""What the reconciler says about several articles: which figures and quotes agree, and which do not."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from .facts import SCHEMA_VERSION, Claim, Quote, Record, TextSpan

Verdict = Literal["agree", "compatible", "conflict", "needs_review", "single_source"]
QuoteVerdict = Literal["agree", "misattributed", "altered", "single_source"]


class GroupKey(Record):
    """The fields claims must share to state the same fact."""

    subject: str | None
    """Whose figure it is (an economy, a bloc), or null."""
    metric: str
    """What is measured (`exports`, `trade_balance`, `tariff_rate`)."""
    partner: str | None
    """The other economy of a bilateral flow, or null."""
    product: str | None = None
    """The goods the figure is about, or null for the total."""
    kind: str
    """Level, change, share, target, forecast or count: expectations and forecasts of one outcome are compared as
    one group of kind forecast."""
    basis: str | None
    """What a change is measured against, or null."""
    period_start: str | None
    """First day of the period (ISO date), or null."""
    period_end: str | None
    """Last day of the period (ISO date), or null."""
    unit: str
    """The unit the figures are in."""
    currency_basis: str | None = None
    """The currency a change is measured in, when the article says."""
    adjustment: str | None = None
    """Seasonally adjusted or unadjusted, when stated."""
    vintage: str | None = None
    """Preliminary or revised, when stated."""
    attribution: str | None = Field(None, description="Set for targets: who set the target.")
    published: str | None = Field(None, description="Set when the period is unresolved: grouped by publication date.")


class SourcedClaim(Record):
    article_id: str
    """The article the claim is from."""
    source: str | None
    """That article's outlet."""
    claim: Claim
    """The claim as extracted."""
    copies: list[str] = Field(default_factory=list, description="Ids of syndicated copies counted as this one.")


class Relation(Record):
    article_id: str
    """The article of the claim."""
    claim_id: str
    """The claim's id within its article."""
    relation: Literal["agree", "compatible", "conflict"]
    """`agree`, `compatible` or `conflict` with the best-supported claim."""
    detail: str
    """Why, in a few words."""


class ClaimGroup(Record):
    key: GroupKey
    """What the grouped claims state: the same subject, metric, partner, kind, basis, period and unit."""
    verdict: Verdict
    """`agree`, `compatible`, `conflict`, `needs_review` or `single_source`."""
    best_value: float | None = None
    """The best-supported value: the one overlapping most others, then the most precise."""
    claims: list[SourcedClaim]
    """The claims compared, each with its source; the best-supported first."""
    relations: list[Relation] = Field(default_factory=list)
    """How each claim relates to the best-supported one."""
    set_aside: list[SourcedClaim] = Field(
        default_factory=list,
        description="Claims bound to this fact whose binding is doubtful and whose figures disagree with what the "
        "other sources agree on; not counted in the verdict (the note says why).",
    )
    explanation: str
    """The verdict in plain English, naming the sources and their figures."""
    note: str | None = None
    """Why a group needs review, or what was assumed to group it."""
    reference: str | None = None
    """Id of the official release the group was judged against, when one was given and states this fact: its figure
    is then `best_value`, and each relation says how an outlet stands to it."""


class SourcedQuote(Record):
    article_id: str
    """The article the quote is from."""
    source: str | None
    """That article's outlet."""
    quote: Quote
    """The quote as extracted."""


class QuoteGroup(Record):
    verdict: QuoteVerdict
    """`agree`, `misattributed` (given to different people) or `altered` (the words differ)."""
    quotes: list[SourcedQuote]
    """The quotes compared, each with its source."""
    explanation: str
    """The verdict in plain English, naming who misattributed or altered it."""


class ArithmeticCheck(Record):
    check: Literal["balance", "implied_previous_level", "multiple"]
    """Which identity was checked."""
    verdict: Literal["consistent", "inconsistent"]
    """Whether the stated figure fits what the others imply, within their precision."""
    expected: float
    """What the other figures imply."""
    stated: float
    """What the articles state."""
    tolerance: float
    """How far apart the two may be, from the precision of the figures."""
    explanation: str
    """The check in plain English."""
    claims: list[str] = Field(description="`article_id:claim_id` of every claim the check used.")
    evidence: list[TextSpan] = Field(default_factory=list)
    """The sentences of the figures used."""


class ChangedCopy(Record):
    """A copy that is not word for word the kept article: a changed figure or quote is what a fact-checker hunts for."""

    article_id: str = Field(description="Id of the copy whose text differs from the kept article's.")
    differences: list[str] = Field(description="What the copy changed, `kept words → copy's words`, in reading order "
                                               "(at most 12).")
    claims: list[str] = Field(default_factory=list, description="Ids of the copy's claims whose value the kept "
                                                                "article does not state; they are reconciled as the "
                                                                "copy's own statements.")


class DuplicateSet(Record):
    kept: str = Field(description="Article id counted once for the whole set.")
    copies: list[str]
    """Ids of the articles found to be copies of the kept one."""
    similarity: float
    """The lowest similarity of a copy to the kept article, 0 to 100."""
    changed: list[ChangedCopy] = Field(default_factory=list, description="The copies whose words differ from the kept "
                                                                         "article's, and how.")


class ArticleRef(Record):
    """An article the reconciliation read, with what a reader needs to find it."""

    id: str
    """The article's id, as the claims and quotes refer to it."""
    source: str | None = None
    """The outlet."""
    title: str | None = None
    """The headline, if known."""
    url: str | None = None
    """Where it was published, if known."""
    published: date | None = None
    """Its publication date, if known."""


class Reconciliation(Record):
    schema_version: str = SCHEMA_VERSION
    """Version of this record's schema."""
    articles: list[str] = Field(description="Ids of the articles reconciled, earliest published first (then by id), "
                                            "whatever order they were given in.")
    sources: list[ArticleRef] = Field(default_factory=list, description="The articles reconciled, in the order of "
                                                                        "`articles`, with source, title, url and date.")
    groups: list[ClaimGroup] = Field(default_factory=list)
    """Claims grouped by the fact they state, each with a verdict; conflicts first, then what needs review."""
    quotes: list[QuoteGroup] = Field(default_factory=list)
    """Quotes grouped by their words across outlets, each with a verdict."""
    checks: list[ArithmeticCheck] = Field(default_factory=list)
    """Arithmetic between groups (exports minus imports against the balance, ...)."""
    duplicates: list[DuplicateSet] = Field(default_factory=list)
    """Sets of syndicated copies, each counted once."""

    def summary_line(self) -> str:
        verdicts: dict[str, int] = {}
        for group in self.groups:
            verdicts[group.verdict] = verdicts.get(group.verdict, 0) + 1
        counts = ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
        return (f"newsfacts: {len(self.articles)} articles, {len(self.groups)} claim groups ({counts or 'none'}), "
                f"{len(self.quotes)} quote groups, {len(self.checks)} arithmetic checks, {len(self.duplicates)} duplicate sets")
