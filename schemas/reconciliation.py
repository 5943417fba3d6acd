"""What the reconciler says about several articles: which figures and quotes agree, and which do not."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .facts import SCHEMA_VERSION, Claim, Quote, Record, TextSpan

Verdict = Literal["agree", "compatible", "conflict", "needs_review", "single_source"]
QuoteVerdict = Literal["agree", "misattributed", "altered", "single_source"]


class GroupKey(Record):
    """The fields claims must share to state the same fact."""

    subject: str | None
    metric: str
    partner: str | None
    product: str | None = None
    kind: str
    basis: str | None
    period_start: str | None
    period_end: str | None
    unit: str
    currency_basis: str | None = None
    adjustment: str | None = None
    vintage: str | None = None
    attribution: str | None = Field(None, description="Set for expectations and forecasts: one forecaster's figure.")
    published: str | None = Field(None, description="Set when the period is unresolved: grouped by publication date.")


class SourcedClaim(Record):
    article_id: str
    source: str | None
    claim: Claim
    copies: list[str] = Field(default_factory=list, description="Ids of syndicated copies counted as this one.")


class Relation(Record):
    article_id: str
    claim_id: str
    relation: Literal["agree", "compatible", "conflict"]
    detail: str


class ClaimGroup(Record):
    key: GroupKey
    verdict: Verdict
    best_value: float | None = None
    claims: list[SourcedClaim]
    relations: list[Relation] = Field(default_factory=list)
    set_aside: list[SourcedClaim] = Field(
        default_factory=list,
        description="Claims bound to this fact whose binding is doubtful and whose figures disagree with what the "
        "other sources agree on; not counted in the verdict (the note says why).",
    )
    explanation: str
    note: str | None = None


class SourcedQuote(Record):
    article_id: str
    source: str | None
    quote: Quote


class QuoteGroup(Record):
    verdict: QuoteVerdict
    quotes: list[SourcedQuote]
    explanation: str


class ArithmeticCheck(Record):
    check: Literal["balance", "implied_previous_level", "multiple"]
    verdict: Literal["consistent", "inconsistent"]
    expected: float
    stated: float
    tolerance: float
    explanation: str
    claims: list[str] = Field(description="`article_id:claim_id` of every claim the check used.")
    evidence: list[TextSpan] = Field(default_factory=list)


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
    similarity: float
    changed: list[ChangedCopy] = Field(default_factory=list, description="The copies whose words differ from the kept "
                                                                         "article's, and how.")


class Reconciliation(Record):
    schema_version: str = SCHEMA_VERSION
    articles: list[str] = Field(description="Ids of the articles reconciled, earliest published first (then by id), "
                                            "whatever order they were given in.")
    groups: list[ClaimGroup] = Field(default_factory=list)
    quotes: list[QuoteGroup] = Field(default_factory=list)
    checks: list[ArithmeticCheck] = Field(default_factory=list)
    duplicates: list[DuplicateSet] = Field(default_factory=list)

    def summary_line(self) -> str:
        verdicts: dict[str, int] = {}
        for group in self.groups:
            verdicts[group.verdict] = verdicts.get(group.verdict, 0) + 1
        counts = ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
        return (f"newsfacts: {len(self.articles)} articles, {len(self.groups)} claim groups ({counts or 'none'}), "
                f"{len(self.quotes)} quote groups, {len(self.checks)} arithmetic checks, {len(self.duplicates)} duplicate sets")
