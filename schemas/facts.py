"""The records one article turns into: the data contract dashboards and the reconciler read.

Every extracted record carries ``text``, ``start`` and ``end``, character offsets into
``ArticleFacts.article.text`` such that ``article.text[start:end] == text``.
Adding an optional field is a minor schema version; removing, renaming or retyping one is major.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SCHEMA_VERSION = "1.3.0"


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: object) -> object:
    """A lone surrogate (`"\\ud800"` in JSON) is no character in any encoding and cannot be written out: it becomes
    U+FFFD, one character for one, so offsets into the text still hold."""
    return LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


class Bounded(Record):
    """A figure with the interval its wording allows: `lower` never above `upper`."""

    @model_validator(mode="after")
    def _interval_ordered(self) -> "Bounded":
        lower, upper = getattr(self, "lower", None), getattr(self, "upper", None)
        if lower is not None and upper is not None and lower > upper:
            raise ValueError(f"lower ({lower}) is above upper ({upper})")
        return self


class TextSpan(Record):
    """A stretch of the article text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "TextSpan":
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


# --- article and provenance -------------------------------------------------------------


def parse_published(value: object) -> date | None:
    """A date, a datetime, or an ISO string (`2025-12-08`, `2025-12-08T09:30:00Z`) -> date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise ValueError(f"published date {value!r} is not a date: give a date or an ISO string such as 2025-12-08")


# Periods are resolved by calendar arithmetic around the publication date (`a decade ago`, `next year`): a date
# near the ends of the calendar would overflow it, and no news article is dated there.
PUBLISHED_YEARS = range(1000, 9000)


def _plausible(published: date | None) -> date | None:
    if published is not None and published.year not in PUBLISHED_YEARS:
        raise ValueError(f"published date {published.isoformat()} is outside the years {PUBLISHED_YEARS.start}-"
                         f"{PUBLISHED_YEARS.stop - 1} newsfacts resolves periods in: give the article's real date")
    return published


class ArticleInput(Record):
    """One article to extract from, with what is known about it."""

    text: str = Field(description="The article text; a lone surrogate, which no encoding can write, becomes U+FFFD.")
    id: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, value: object) -> date | None:
        return _plausible(parse_published(value))

    @field_validator("text", "id", "source", "url", "title", mode="before")
    @classmethod
    def _writable(cls, value: object) -> object:
        return without_surrogates(value)


DateSource = Literal["given", "dateline", "none"]


class Article(Record):
    id: str = Field(description="Stable id: the caller's, or a hash of the text.")
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    published_from: DateSource = Field(
        "none", description="Where `published` came from: the caller, a dateline in the text, or nowhere."
    )
    text: str = Field(description="The text every offset refers to (for HTML, the extracted article text).")


class Provenance(Record):
    tool: str = "newsfacts"
    tool_version: str
    schema_version: str = SCHEMA_VERSION
    model: str
    model_version: str


class Warning(Record):
    code: str
    message: str
    start: int | None = None
    end: int | None = None


# --- entities ----------------------------------------------------------------------------

EntityReading = Literal["name", "place", "government"]
EntityCategory = Literal[
    "country", "bloc", "region", "city", "organisation", "agency", "company", "person", "nationality", "other"
]


class Entity(TextSpan):
    id: str
    label: str = Field(description="PERSON, ORG, GPE, LOC, NORP, ...")
    canonical: str = Field(description="One name per real thing: `U.S.`, `US`, `America` -> `United States`.")
    category: EntityCategory | None = None
    reading: EntityReading = Field(
        "name",
        description="`government` when a capital stands for its state (`Beijing said`), `place` for the place itself.",
    )


# --- quantities --------------------------------------------------------------------------

Qualifier = Literal[
    "approximately",
    "nearly",
    "just_under",
    "less_than",
    "more_than",
    "just_over",
    "at_least",
    "up_to",
    "at_most",
]


class ValueRange(Record):
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> "ValueRange":
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self


class Quantity(TextSpan, Bounded):
    id: str
    value: float | None = Field(description="In base units (`$330.3 billion` -> 330300000000.0); null for a range.")
    unit: str = Field(description="ISO 4217 code for money, `percent`, `percentage_point`, a unit name, or `count`.")
    qualifier: Qualifier | None = None
    lower: float | None = Field(None, description="Lowest value the wording allows; null when unbounded.")
    upper: float | None = Field(None, description="Highest value the wording allows; null when unbounded.")
    range: ValueRange | None = Field(None, description="The two stated ends of `between 3% and 4%`.")
    conversion_of: str | None = Field(None, description="Id of the quantity this one converts (`$A168.33bn` in brackets).")


# --- periods -----------------------------------------------------------------------------

Granularity = Literal["day", "week", "month", "quarter", "half", "year", "range"]
Resolution = Literal["absolute", "relative_to_publication", "relative_to_period", "article_reference", "unresolved"]
# article_reference (claims only): the sentence names no period, and the claim takes the one the article reports on
PeriodRole = Literal["period", "horizon", "basis"]


class Period(TextSpan):
    id: str
    start_date: date | None = None
    end_date: date | None = None
    granularity: Granularity
    resolution: Resolution
    role: PeriodRole = Field(
        "period",
        description="`horizon` for a deadline or target date (`by 2030`); `basis` for what a change is measured "
        "against (`compared with November last year`).",
    )
    anchor: str | None = Field(None, description="Id of the period a relative one was resolved against.")
    note: str | None = Field(None, description="Why a period is unresolved, or how it was read.")


# --- quotes ------------------------------------------------------------------------------

# direct: the speaker's words in quote marks, standing as their own sentence or clause; partial: quoted words inside
# the writer's sentence; mixed: reported speech that carries some quoted words (`she said the plan was "dead"`);
# indirect: reported speech with no quote marks.
QuoteKind = Literal["direct", "partial", "mixed", "indirect"]


# How the speaker was found: named beside the quote; a pronoun or a description resolved to an earlier mention;
# taken from the context (the speaker of the quote before, the subject of the sentence before); or a mention left
# as written (`he`, `a senior official`) because nothing in the article resolves it.
SpeakerResolution = Literal["name", "pronoun", "description", "context", "as_written"]


class Quote(TextSpan):
    """`text`/`start`/`end` run from the first quoted word to the last, so they map back like every record's;
    for a quote broken by its attribution they include the attribution, and `content` joins the `parts`."""

    id: str
    kind: QuoteKind
    content: str = Field(description="What was said: the parts joined by a space (the quoted words of a direct or "
                         "partial quote, the reported words of a mixed or indirect one).")
    parts: list[TextSpan] = Field(default_factory=list, description="Each piece of a quote broken by its attribution.")
    quoted: list[TextSpan] = Field(default_factory=list, description="The words inside quote marks: the parts of a "
                                   "direct or partial quote, the quoted words of a mixed one, none for indirect speech.")
    cue: TextSpan | None = None
    speaker: str | None = Field(None, description="Canonical full name of the person, or the institution.")
    speaker_mention: TextSpan | None = None
    speaker_role: str | None = None
    speaker_org: str | None = None
    speaker_resolution: SpeakerResolution | None = Field(
        None, description="How the speaker was found; `as_written` means `speaker_mention` could not be resolved to "
        "a name (`speaker` is then the mention's words, or null for a bare pronoun).")
    confidence: float = Field(ge=0.0, le=1.0)


# --- claims ------------------------------------------------------------------------------

ClaimKind = Literal["level", "change", "share", "target", "forecast", "expectation", "count"]
Basis = Literal["year_on_year", "month_on_month", "quarter_on_quarter", "year_to_date"]
Direction = Literal["up", "down", "flat"]
Adjustment = Literal["seasonally_adjusted", "unadjusted"]
Vintage = Literal["preliminary", "revised"]  # preliminary: a first or earlier-reported figure


class ClaimPeriod(Record):
    text: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    granularity: Granularity | None = None
    resolution: Resolution = "unresolved"


class Comparison(Record):
    relation: Literal["above", "below", "equal"]
    other: str = Field(description="Id of the claim this one is compared with.")


# Where an inferred field came from, as `Claim.inferred` words it; the reconciler reads these to tell a firm
# inference from a guess.
INFERRED_REFERENCE_PERIOD = "the period the article reports on"
INFERRED_STATED_BASIS = "stated for other changes in the article"
INFERRED_YEAR_TO_DATE = f"year to date, to {INFERRED_REFERENCE_PERIOD}"


class Claim(Bounded):
    id: str
    subject: str | None = Field(description="Canonical entity the figure is about.")
    metric: str = Field(description="From the metric vocabulary: exports, imports, trade_balance, ...")
    partner: str | None = None
    product: str | None = Field(None, description="What is traded when the figure is for one product: `chip-making machinery`.")
    kind: ClaimKind
    basis: Basis | None = None
    direction: Direction | None = None
    value: float | None
    unit: str
    qualifier: Qualifier | None = None
    lower: float | None = None
    upper: float | None = None
    period: ClaimPeriod | None = None
    attribution: str | None = Field(None, description="Who the figure comes from: customs data, a forecaster, ...")
    currency_basis: str | None = Field(None, description="Currency the change is computed in: `USD` or `CNY` terms.")
    adjustment: Adjustment | None = None
    vintage: Vintage | None = None
    negated: bool = False
    hedged: bool = False
    streak: int | None = Field(None, description="For `the eighth straight month of declines`: 8.")
    comparison: Comparison | None = None
    quantity: TextSpan | None = Field(None, description="The figure as written.")
    quantity_id: str | None = None
    evidence: TextSpan
    inferred: dict[str, str] = Field(
        default_factory=dict,
        description="Fields the claim's own sentence does not state, each with where it was taken from: "
        "`{\"subject\": \"article frame (statistics office)\", \"basis\": \"reporter convention\"}`.",
    )
    confidence: float = Field(1.0, ge=0, le=1, description="Lower for each field taken from outside the sentence.")


# --- the article record ------------------------------------------------------------------


class ArticleFacts(Record):
    schema_version: str = SCHEMA_VERSION
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    periods: list[Period] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    provenance: Provenance

    @model_validator(mode="after")
    def _offsets_map_back(self) -> "ArticleFacts":
        text = self.article.text
        for span in self._spans():
            if text[span.start : span.end] != span.text:
                raise ValueError(
                    f"offsets {span.start}:{span.end} give {text[span.start:span.end]!r}, not {span.text!r}"
                )
        return self

    def _spans(self):
        for record in (*self.entities, *self.quantities, *self.periods):
            yield record
        for quote in self.quotes:
            yield quote
            yield from quote.parts
            yield from (s for s in (quote.cue, quote.speaker_mention) if s is not None)
        for claim in self.claims:
            yield claim.evidence
            if claim.quantity is not None:
                yield claim.quantity


def load_facts(data: str | bytes | dict) -> ArticleFacts:
    """One ArticleFacts record read back: a JSON line of `newsfacts extract`, or the dict it parses to.

    A record of another major schema version is refused; fields this version does not know (an optional field a
    later minor version added) are ignored; a record that does not fit says which field is wrong. Raises ValueError.
    """
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except ValueError as err:
            raise ValueError(f"not JSON ({err})") from None
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object (an ArticleFacts record), not {type(data).__name__}")
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ValueError(f"schema_version {version or '(none)'} is not one this version reads "
                         f"({SCHEMA_VERSION.split('.')[0]}.x): extract the articles again with this version")
    try:
        return ArticleFacts.model_validate(data, extra="ignore")
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the record"
        more = f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""
        raise ValueError(f"field {where}: {first['msg']}{more}") from None


class ExtractionError(Record):
    """One input that produced no facts, and why. Batch runs write these instead of stopping."""

    path: str | None = None
    stage: Literal["read", "decode", "parse", "extract", "limit", "write"]
    error_type: str
    message: str

    @field_validator("path", "message", mode="before")
    @classmethod
    def _writable(cls, value: object) -> object:
        return without_surrogates(value)
