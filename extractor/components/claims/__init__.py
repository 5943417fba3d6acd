"""Claims: each figure bound to who, what and when, and told apart from forecasts, targets and expectations.

    ClaimRules (rules.py)           the vocabulary and matchers, loaded once per pipeline
    ArticleClaims (record.py)       made for each document, reading it in steps:
        frame.py     what the article establishes once: its reporting economy, its basis conventions
        metric.py    what a figure measures, and the product
        subject.py   who it is about, and the partner
        period.py    when
        kind.py      how it is stated: kind, direction, basis, currency, attribution
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...extensions import check_deadline
from .record import ArticleClaims
from .rules import ClaimRules


@Language.factory("newsfacts_claims", requires=["doc._.quantities", "doc._.periods"], assigns=["doc._.claims"])
def make_claims(nlp: Language, name: str) -> "ClaimsComponent":
    return ClaimsComponent(nlp)


class ClaimsComponent:
    """Holds only the rules; what one document needs lives in the `ArticleClaims` made for it."""

    def __init__(self, nlp: Language):
        self.rules = ClaimRules(nlp)

    def __call__(self, doc: Doc) -> Doc:
        check_deadline(doc)
        doc._.claims = ArticleClaims(self.rules, doc).claims()
        return doc
