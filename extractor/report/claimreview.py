"""schema.org ClaimReview records (https://schema.org/ClaimReview) for the reconciler's verdicts: what a search
engine or a fact-check aggregator reads. The rating is the verdict; its text says what the sources gave."""

from __future__ import annotations

from schemas import ArticleFacts, Reconciliation

# The verdict as a rating on schema.org's 1 (false) to 5 (true) scale, for the sources' agreement, not the truth of
# the figure: a conflict is the lowest; one source alone is no rating.
RATING = {"agree": 5, "compatible": 4, "needs_review": 3, "conflict": 1}


def claim_reviews(articles: list[ArticleFacts], reconciliation: Reconciliation) -> list[dict]:
    by_id = {a.article.id: a.article for a in articles}
    reviews = []
    for group in reconciliation.groups:
        if group.verdict not in RATING:
            continue
        appearances = []
        for sourced in group.claims:
            article = by_id.get(sourced.article_id)
            work = {"@type": "CreativeWork", "text": sourced.claim.evidence.text}
            if article is not None:
                work.update({k: v for k, v in (("url", article.url), ("headline", article.title),
                                                ("datePublished", article.published and article.published.isoformat()),
                                                ("publisher", article.source and {"@type": "Organization",
                                                                                  "name": article.source})) if v})
            appearances.append(work)
        reviews.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": group.explanation.split(":")[0],
            "itemReviewed": {"@type": "Claim", "appearance": appearances},
            "reviewRating": {"@type": "Rating", "ratingValue": RATING[group.verdict], "bestRating": 5, "worstRating": 1,
                             "alternateName": group.verdict.replace("_", " ")},
            "reviewBody": group.explanation,
            "author": {"@type": "Organization", "name": "newsfacts"},
        })
    return reviews
