"""The review report: one self-contained HTML page (inline CSS, no script from elsewhere, no network) with what a
fact-checker acts on first — conflicts and what needs review, each with its sources side by side — then changed
copies and altered quotes with their words compared, then every article with its claims, figures and quotes marked
in its text. Rendered with Jinja2, escaping on: article text is untrusted input."""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from importlib import resources

from jinja2 import Environment, select_autoescape
from markupsafe import Markup, escape

from schemas import ArticleFacts, Reconciliation

from .claimreview import claim_reviews
from .highlight import Mark, highlight

FIRST = ("conflict", "needs_review")


def render_report(articles: list[ArticleFacts], reconciliation: Reconciliation, title: str = "newsfacts review") -> str:
    by_id = {a.article.id: a for a in articles}
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["diff"] = word_diff
    template = env.from_string(resources.files(__package__).joinpath("templates", "report.html.j2")
                               .read_text(encoding="utf-8"))
    reviews = json.dumps(claim_reviews(articles, reconciliation), ensure_ascii=False, indent=1)
    return template.render(
        title=title,
        summary=reconciliation.summary_line(),
        first=[g for g in reconciliation.groups if g.verdict in FIRST],
        rest=[g for g in reconciliation.groups if g.verdict not in FIRST],
        quotes=[q for q in reconciliation.quotes if q.verdict != "agree"],
        changed=[(d, c) for d in reconciliation.duplicates for c in d.changed],
        articles=[_article(a) for a in sorted(articles, key=lambda a: a.article.id)],
        name=lambda aid: _name(by_id.get(aid)),
        relation_of=lambda group, sourced: next((r for r in group.relations if (r.article_id, r.claim_id)
                                                 == (sourced.article_id, sourced.claim.id)), None),
        # JSON in a script element: `</` would end the element early
        claim_reviews=Markup(reviews.replace("</", "<\\/")),
    )


def _name(facts: ArticleFacts | None) -> str:
    if facts is None:
        return "?"
    a = facts.article
    return a.source or a.title or a.id[:8]


def _article(facts: ArticleFacts) -> dict:
    a = facts.article
    marks = [Mark(c.evidence.start, c.evidence.end, "claim", f"claim-{a.id}-{c.id}",
                  f"{c.subject or ''} {c.metric} {c.kind}: {c.value} {c.unit}".strip()) for c in facts.claims]
    marks += [Mark(q.start, q.end, "figure", f"figure-{a.id}-{q.id}", f"{q.value} {q.unit}") for q in facts.quantities]
    marks += [Mark(q.start, q.end, "quote", f"quote-{a.id}-{q.id}", f"{q.speaker or 'unattributed'}: {q.kind}")
              for q in facts.quotes]
    text, skipped = highlight(a.text, marks)
    # a link only to a web page: an untrusted `javascript:` url would run when clicked
    url = a.url if a.url and a.url.lower().startswith(("http://", "https://")) else None
    return {"id": a.id, "name": _name(facts), "url": url, "title": a.title, "published": a.published,
            "text": text, "skipped": len(skipped), "claims": len(facts.claims), "quotes": len(facts.quotes)}


def word_diff(old: str, new: str) -> Markup:
    """`old` against `new` word by word: removed words struck out, added words marked."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>{}</del>").format(" ".join(a[i1:i2])))
        if j2 > j1:
            out.append(Markup("<ins>{}</ins>").format(" ".join(b[j1:j2])))
    return Markup(" ").join(out)


__all__ = ["render_report", "word_diff"]
