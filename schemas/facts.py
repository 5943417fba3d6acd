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

SCHEMA_VERSION = "1.6.0"


class Record(BaseModel):
    # a field's docstring is its description in the generated JSON Schema
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, use_attribute_docstrings=True)


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
    """The words exactly as they are in the article text."""
    start: int = Field(ge=0)
    """Character offset of the first character in `article.text`."""
    end: int = Field(ge=0)
    """Character offset just after the last character (`text == article.text[start:end]`)."""

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
    id: str = Field(description="Stable id: the caller's, or a hash of source, url and text.")
    source: str | None = None
    """The outlet, as the caller or the file's metadata gave it."""
    url: str | None = None
    """Where the article was published, if known."""
    title: str | None = None
    """The headline, if known."""
    published: date | None = None
    """Publication date, which relative periods (`last month`) are resolved against."""
    published_from: DateSource = Field(
        "none", description="Where `published` came from: the caller, a dateline in the text, or nowhere."
    )
    text: str = Field(description="The text every offset refers to (for HTML, the extracted article text).")


class Provenance(Record):
    tool: str = "newsfacts"
    """The tool that wrote the record."""
    tool_version: str
    """Its version."""
    schema_version: str = SCHEMA_VERSION
    """The schema version the record follows."""
    model: str
    """The spaCy model the pipeline ran on."""
    model_version: str
    """That model's version."""


class Warning(Record):
    code: str
    """A stable machine-readable name for the problem (`no_publication_date`, `claims_failed`)."""
    message: str
    """What happened and what to do, in plain English."""
    start: int | None = None
    """Character offset where the problem is, when it is at one place in the text."""
    end: int | None = None
    """End offset (exclusive) of that place."""


# --- entities ----------------------------------------------------------------------------

EntityReading = Literal["name", "place", "government"]
EntityCategory = Literal[
    "country", "bloc", "region", "city", "organisation", "agency", "company", "person", "nationality", "other"
]


class Entity(TextSpan):
    id: str
    """Id unique within the article (`e0`, `e1`, ...)."""
    label: str = Field(description="PERSON, ORG, GPE, LOC, NORP, ...")
    canonical: str = Field(description="One name per real thing: `U.S.`, `US`, `America` -> `United States`.")
    category: EntityCategory | None = None
    """What kind of thing the canonical name is (country, bloc, agency, company...), when known."""
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
    """The range's lower end as written, in base units."""
    high: float
    """The range's upper end as written, in base units."""

    @model_validator(mode="after")
    def _ordered(self) -> "ValueRange":
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self


class Quantity(TextSpan, Bounded):
    id: str
    """Id unique within the article (`q0`, ...); claims refer to it by `quantity_id`."""
    value: float | None = Field(description="In base units (`$330.3 billion` -> 330300000000.0); null for a range.")
    unit: str = Field(description="ISO 4217 code for money, `percent`, `percentage_point`, a unit name, or `count`.")
    qualifier: Qualifier | None = None
    """The hedge written before the figure (`about`, `nearly`, `more than`), which shapes `lower` and `upper`."""
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
    """Id unique within the article (`p0`, ...)."""
    start_date: date | None = None
    """First day of the period, or null when it could not be resolved."""
    end_date: date | None = None
    """Last day of the period (inclusive), or null when it could not be resolved."""
    granularity: Granularity
    """What the period is: a day, week, month, quarter, half, year or a range of them."""
    resolution: Resolution
    """How the dates were found: written out, relative to the publication date, to another period, or not at all."""
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
    """Id unique within the article (`u0`, ...)."""
    kind: QuoteKind
    """`direct` (all in quote marks), `partial` (a phrase in quote marks), `mixed` (quoted words inside reported speech) or `indirect` (reported speech)."""
    content: str = Field(description="What was said: the parts joined by a space (the quoted words of a direct or "
                         "partial quote, the reported words of a mixed or indirect one).")
    parts: list[TextSpan] = Field(default_factory=list, description="Each piece of a quote broken by its attribution.")
    quoted: list[TextSpan] = Field(default_factory=list, description="The words inside quote marks: the parts of a "
                                   "direct or partial quote, the quoted words of a mixed one, none for indirect speech.")
    cue: TextSpan | None = None
    """The saying verb or phrase that attributes the quote (`said`, `according to`)."""
    speaker: str | None = Field(None, description="Canonical full name of the person, or the institution.")
    speaker_mention: TextSpan | None = None
    """Where the speaker is named or referred to in the text."""
    speaker_role: str | None = None
    """The speaker's role as the article gives it (`chief economist`)."""
    speaker_org: str | None = None
    """The speaker's organisation as the article gives it."""
    speaker_resolution: SpeakerResolution | None = Field(
        None, description="How the speaker was found; `as_written` means `speaker_mention` could not be resolved to "
        "a name (`speaker` is then the mention's words, or null for a bare pronoun).")
    confidence: float = Field(ge=0.0, le=1.0)
    """How sure the tool is of the quote and its speaker, 0 to 1."""


# --- claims ------------------------------------------------------------------------------

ClaimKind = Literal["level", "change", "share", "target", "forecast", "expectation", "count"]
Basis = Literal["year_on_year", "month_on_month", "quarter_on_quarter", "year_to_date"]
Direction = Literal["up", "down", "flat"]
Adjustment = Literal["seasonally_adjusted", "unadjusted"]
Vintage = Literal["preliminary", "revised"]  # preliminary: a first or earlier-reported figure


class ClaimPeriod(Record):
    text: str | None = None
    """The words that named the period, or what it was taken from."""
    start_date: date | None = None
    """First day of the period, or null when unresolved."""
    end_date: date | None = None
    """Last day of the period (inclusive), or null when unresolved."""
    granularity: Granularity | None = None
    """Day, week, month, quarter, half, year or range."""
    resolution: Resolution = "unresolved"
    """How the dates were found (see Period.resolution)."""


class Comparison(Record):
    relation: Literal["above", "below", "equal"]
    """How the claim's figure stands to the one compared: above, below or equal."""
    other: str = Field(description="Id of the claim this one is compared with.")


# Where an inferred field came from, as `Claim.inferred` words it; the reconciler reads these to tell a firm
# inference from a guess.
INFERRED_REFERENCE_PERIOD = "the period the article reports on"
INFERRED_CONVENTION = "reporting convention of"  # followed by the economy whose release sets it
INFERRED_STATED_BASIS = "stated for other changes in the article"
INFERRED_YEAR_TO_DATE = f"year to date, to {INFERRED_REFERENCE_PERIOD}"
INFERRED_REPEATED_FIGURE = "the period the article states for the same figure"
INFERRED_TARIFF_AUTHOR = "the one economy the article names as levying its tariffs"


class Claim(Bounded):
    id: str
    """Id unique within the article (`c0`, ...); unique across articles as `article.id:id`."""
    subject: str | None = Field(description="Canonical entity the figure is about.")
    metric: str = Field(description="From the metric vocabulary (exports, imports, trade_balance, ...), or a series "
                                    "of one: its goods or services part (goods_exports, services_imports), both "
                                    "together (trade_balance_goods_and_services), an average (exports_3m_avg), or a "
                                    "deficit reporter's own name (trade_deficit, goods_trade_deficit, "
                                    "services_trade_surplus).")
    partner: str | None = None
    """The other economy of a bilateral flow (`exports to the United States`), or null."""
    product: str | None = Field(None, description="What is traded when the figure is for one product: `chip-making machinery`.")
    kind: ClaimKind
    """`level`, `change`, `share`, `target`, `forecast`, `expectation` or `count`."""
    basis: Basis | None = None
    """What a change is measured against: year on year, month on month, quarter on quarter, year to date."""
    direction: Direction | None = None
    """Up, down or flat, as the wording says (`fell`, `rose`)."""
    value: float | None
    """The figure in base units, signed by direction (`fell 3%` is -3); null for a range."""
    unit: str
    """ISO 4217 code for money, `percent`, `percentage_point`, a unit name, or a price's currency per unit
    (`$627 per tonne` is `USD_per_tonne`, of a metric named `<flow>_unit_price`)."""
    qualifier: Qualifier | None = None
    """The hedge written before the figure, as in its quantity."""
    lower: float | None = None
    """Lower bound of what the wording allows (signed like `value`); null when unbounded."""
    upper: float | None = None
    """Upper bound of what the wording allows; null when unbounded."""
    period: ClaimPeriod | None = None
    """The period the figure is for, resolved to dates where it can be."""
    attribution: str | None = Field(None, description="Who the figure comes from: customs data, a forecaster, ...")
    currency_basis: str | None = Field(None, description="Currency the change is computed in: `USD` or `CNY` terms.")
    adjustment: Adjustment | None = None
    """Seasonally adjusted or unadjusted, when the article says."""
    vintage: Vintage | None = None
    """Preliminary or revised, when the article says."""
    negated: bool = False
    """True when the sentence denies the figure (`did not fall 3%`): no value is stated."""
    hedged: bool = False
    """True when the figure is hedged (`about`, `nearly`, `as much as`)."""
    streak: int | None = Field(None, description="For `the eighth straight month of declines`: 8.")
    comparison: Comparison | None = None
    """The figure a claim is compared with (`than`, `since`), when the sentence gives one."""
    quantity: TextSpan | None = Field(None, description="The figure as written.")
    quantity_id: str | None = None
    """Id of the quantity record this claim reads."""
    evidence: TextSpan
    """The sentence the claim was read from."""
    inferred: dict[str, str] = Field(
        default_factory=dict,
        description="Fields the claim's own sentence does not state, each with where it was taken from: "
        "`{\"subject\": \"article frame (statistics office)\", \"basis\": \"reporter convention\"}`; a field left "
        "empty that may not be is noted with why (`{\"product\": \"none stated, in a paragraph about automobiles\"}`).",
    )
    confidence: float = Field(1.0, ge=0, le=1, description="Lower for each field taken from outside the sentence.")


# --- the article record ------------------------------------------------------------------


class ArticleFacts(Record):
    schema_version: str = SCHEMA_VERSION
    """Version of this record's schema (semantic: a minor version only adds fields)."""
    article: Article
    """The article: its id, metadata and the text every offset refers to."""
    entities: list[Entity] = Field(default_factory=list)
    """Named places, organisations, people and groupings, with canonical names."""
    quantities: list[Quantity] = Field(default_factory=list)
    """Every figure: money, percentages, points, counts and measures, in base units."""
    periods: list[Period] = Field(default_factory=list)
    """Time expressions, resolved to dates against the publication date where they can be."""
    quotes: list[Quote] = Field(default_factory=list)
    """Direct, partial, mixed and reported speech, each with its speaker where found."""
    claims: list[Claim] = Field(default_factory=list)
    """Each figure bound to what it measures: subject, metric, partner, period and kind."""
    warnings: list[Warning] = Field(default_factory=list)
    """What could not be done for this article and why (an unresolved date, a component that failed)."""
    provenance: Provenance
    """Which tool, schema and model produced the record."""

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
    """The input the error is about (a file, `file#line` for JSON lines, or null)."""
    stage: Literal["read", "decode", "parse", "extract", "limit", "write"]
    """Where it failed: reading, decoding, parsing, extracting, a limit, or writing."""
    error_type: str
    """The kind of error (the exception's name)."""
    message: str
    """What happened, in plain English."""

    @field_validator("path", "message", mode="before")
    @classmethod
    def _writable(cls, value: object) -> object:
        return without_surrogates(value)
