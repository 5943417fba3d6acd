"""Reconciler cost on synthetic claims: grouping is by key, so time should grow about linearly.

    python benchmarks/reconcile.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


WORDS = ["exports", "imports", "surplus", "tariff", "customs", "month", "year", "rose", "fell", "billion", "economists",
         "said", "trade", "growth", "demand", "prices", "market", "shipments", "data", "record"]


def synthetic(n_claims: int, per_article: int = 50, seed: int = 7):
    from schemas import Article, ArticleFacts, Claim, ClaimPeriod, Provenance, TextSpan

    rng = random.Random(seed)
    countries = [f"Country{i}" for i in range(200)]
    metrics = ["exports", "imports", "trade_balance"]
    provenance = Provenance(tool_version="bench", model="m", model_version="v")
    span = TextSpan.model_construct(text="x", start=0, end=1)
    articles = []
    for a in range(max(1, n_claims // per_article)):
        claims = []
        for i in range(per_article):
            month = rng.randint(1, 12)
            value = round(rng.uniform(-10, 10), 1)
            period = ClaimPeriod.model_construct(text="m", start_date=f"2025-{month:02d}-01", end_date=f"2025-{month:02d}-28",
                                                 granularity="month", resolution="absolute")
            claims.append(Claim.model_construct(
                id=f"c{i}", subject=rng.choice(countries), metric=rng.choice(metrics), partner=None, product=None,
                kind="change", basis="year_on_year", direction=None, value=value, unit="percent", qualifier=None,
                lower=value - 0.05, upper=value + 0.05, period=period, attribution=None, currency_basis=None,
                adjustment=None, vintage=None, negated=False, hedged=False, streak=None, comparison=None,
                quantity=TextSpan.model_construct(text=f"{value}%", start=0, end=1), quantity_id=None, evidence=span))
        articles.append(ArticleFacts.model_construct(
            schema_version="1.0.0", article=Article.model_construct(id=f"a{a}", source=f"s{a}", url=None, title=None,
                                                                    published=None, published_from="none",
                                                                    text=" ".join(rng.choice(WORDS) + str(rng.randint(0, 99))
                                                                                  for _ in range(rng.randint(50, 400)))),
            entities=[], quantities=[], periods=[], quotes=[], claims=claims, warnings=[], provenance=provenance))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from extractor.reconcile import reconcile

    previous = None
    for size in args.sizes:
        articles = synthetic(size)
        start = time.perf_counter()
        result = reconcile(articles)
        seconds = time.perf_counter() - start
        growth = f", x{seconds / previous[1]:.1f} time for x{size / previous[0]:.0f} claims" if previous else ""
        print(f"{size:>9,} claims in {len(articles):,} articles: {seconds:.2f}s, {len(result.groups):,} groups{growth}",
              flush=True)
        previous = (size, seconds)


if __name__ == "__main__":
    main()
