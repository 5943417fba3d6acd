"""The same quote across outlets: given to the same person (agree), to someone else (misattributed), or with its
words changed (altered). Only quotes found in two or more articles are reported."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from schemas import ArticleFacts
from schemas.reconciliation import QuoteGroup, SourcedQuote

from ..resources import load_rules

SHINGLE = 3  # words per shingle: quotes sharing none are never compared


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w$%.]+", text.lower().replace("\u2019", "'")))


def reconcile_quotes(articles: list[ArticleFacts]) -> list[QuoteGroup]:
    rules = load_rules("reconcile.json")
    # only words in quote marks are the speaker's own, and only they can be compared verbatim across outlets
    items = [(a, q, _words(" ".join(p.text for p in q.quoted))) for a in articles for q in a.quotes if q.quoted]
    by_shingle: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, (_, _, words) in enumerate(items):
        tokens = words.split()
        for j in range(max(1, len(tokens) - SHINGLE + 1)):
            by_shingle[tuple(tokens[j : j + SHINGLE])].append(i)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in by_shingle.values():
        for i in members[1:]:
            a, b = items[members[0]], items[i]
            if a[0].article.id == b[0].article.id:
                continue
            if fuzz.ratio(a[2], b[2]) >= rules["quote_similarity"] or fuzz.partial_ratio(a[2], b[2]) >= 95:
                parent[find(i)] = find(members[0])
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[find(i)].append(i)
    groups = []
    for members in clusters.values():
        if len({items[i][0].article.id for i in members}) < 2:
            continue
        quotes = [items[i] for i in members]
        # the speaker most outlets name, ties broken by name, so that identical runs say the same thing
        named = Counter(q.speaker for _, q, _ in quotes if q.speaker)
        speakers = sorted(named, key=lambda name: (-named[name], name))
        texts = {w for _, _, w in quotes}
        if len(speakers) > 1:
            outlets = {name: sorted({a.article.source or a.article.id for a, q, _ in quotes if q.speaker == name}) for name in speakers}
            others = "; ".join(f"{name} in {', '.join(outlets[name])}" for name in speakers[1:])
            verdict, why = "misattributed", f"the same words are given to {speakers[0]} in {', '.join(outlets[speakers[0]])}, and to {others}"
        elif len(texts) > 1 and min(fuzz.ratio(a, b) for a in texts for b in texts) < rules["quote_altered_below"]:
            verdict, why = "altered", "the words differ beyond punctuation"
        else:
            verdict, why = "agree", "the same words from the same speaker"
        groups.append(QuoteGroup(
            verdict=verdict,
            quotes=[SourcedQuote(article_id=a.article.id, source=a.article.source, quote=q) for a, q, _ in quotes],
            explanation=f"{len(quotes)} outlets quote {speakers[0] if speakers else 'an unnamed speaker'}: {why}",
        ))
    return groups
