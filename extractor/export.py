"""Flat tables for dashboards: articles, claims, quotes, and the reconciler's groups, members and checks, keyed by
ids unique across a run (`article_id:claim_id`), as CSV files or one SQLite database (`datasette facts.db` opens
it as it is). The standard library's csv and sqlite3 do it; the tables are plain rows of the records."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from schemas import ArticleFacts, Reconciliation

# table -> (column, SQLite type, reference); the first column is the key
TABLES: dict[str, list[tuple[str, str, str | None]]] = {
    "articles": [("id", "TEXT", None), ("source", "TEXT", None), ("title", "TEXT", None), ("url", "TEXT", None),
                 ("published", "TEXT", None), ("characters", "INTEGER", None)],
    "claims": [("id", "TEXT", None), ("article_id", "TEXT", "articles"), ("subject", "TEXT", None),
               ("metric", "TEXT", None), ("partner", "TEXT", None), ("product", "TEXT", None), ("kind", "TEXT", None),
               ("basis", "TEXT", None), ("direction", "TEXT", None), ("value", "REAL", None), ("unit", "TEXT", None),
               ("qualifier", "TEXT", None), ("lower", "REAL", None), ("upper", "REAL", None),
               ("period_start", "TEXT", None), ("period_end", "TEXT", None), ("period_text", "TEXT", None),
               ("confidence", "REAL", None), ("inferred", "TEXT", None), ("evidence", "TEXT", None),
               ("evidence_start", "INTEGER", None), ("evidence_end", "INTEGER", None)],
    "quotes": [("id", "TEXT", None), ("article_id", "TEXT", "articles"), ("kind", "TEXT", None),
               ("content", "TEXT", None), ("speaker", "TEXT", None), ("speaker_role", "TEXT", None),
               ("speaker_org", "TEXT", None), ("confidence", "REAL", None), ("start", "INTEGER", None),
               ("end", "INTEGER", None)],
    "groups": [("id", "TEXT", None), ("verdict", "TEXT", None), ("subject", "TEXT", None), ("metric", "TEXT", None),
               ("partner", "TEXT", None), ("kind", "TEXT", None), ("basis", "TEXT", None), ("unit", "TEXT", None),
               ("period_start", "TEXT", None), ("period_end", "TEXT", None), ("best_value", "REAL", None),
               ("explanation", "TEXT", None), ("note", "TEXT", None)],
    "members": [("id", "TEXT", None), ("group_id", "TEXT", "groups"), ("claim_id", "TEXT", "claims"),
                ("article_id", "TEXT", "articles"), ("relation", "TEXT", None), ("detail", "TEXT", None),
                ("set_aside", "INTEGER", None)],
    "checks": [("id", "TEXT", None), ("check", "TEXT", None), ("verdict", "TEXT", None), ("expected", "REAL", None),
               ("stated", "REAL", None), ("tolerance", "REAL", None), ("claims", "TEXT", None),
               ("explanation", "TEXT", None)],
}
INDEXED = {"claims": ("article_id", "metric"), "quotes": ("article_id", "speaker"), "groups": ("verdict",),
           "members": ("group_id", "claim_id")}


def rows(articles: list[ArticleFacts], reconciliation: Reconciliation) -> dict[str, list[dict]]:
    """Every table's rows, in the order of TABLES' columns."""
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for facts in articles:
        a = facts.article
        out["articles"].append({"id": a.id, "source": a.source, "title": a.title, "url": a.url,
                                "published": a.published and a.published.isoformat(), "characters": len(a.text)})
        for c in facts.claims:
            period = c.period
            out["claims"].append({
                "id": f"{a.id}:{c.id}", "article_id": a.id, "subject": c.subject, "metric": c.metric,
                "partner": c.partner, "product": c.product, "kind": c.kind, "basis": c.basis, "direction": c.direction,
                "value": c.value, "unit": c.unit, "qualifier": c.qualifier, "lower": c.lower, "upper": c.upper,
                "period_start": period and period.start_date and period.start_date.isoformat(),
                "period_end": period and period.end_date and period.end_date.isoformat(),
                "period_text": period and period.text, "confidence": c.confidence,
                "inferred": ", ".join(f"{k}: {v}" for k, v in sorted(c.inferred.items())) or None,
                "evidence": c.evidence.text, "evidence_start": c.evidence.start, "evidence_end": c.evidence.end})
        for q in facts.quotes:
            out["quotes"].append({"id": f"{a.id}:{q.id}", "article_id": a.id, "kind": q.kind, "content": q.content,
                                  "speaker": q.speaker, "speaker_role": q.speaker_role, "speaker_org": q.speaker_org,
                                  "confidence": q.confidence, "start": q.start, "end": q.end})
    for n, group in enumerate(reconciliation.groups):
        gid, key = f"g{n}", group.key
        out["groups"].append({"id": gid, "verdict": group.verdict, "subject": key.subject, "metric": key.metric,
                              "partner": key.partner, "kind": key.kind, "basis": key.basis, "unit": key.unit,
                              "period_start": key.period_start, "period_end": key.period_end,
                              "best_value": group.best_value, "explanation": group.explanation, "note": group.note})
        relation = {(r.article_id, r.claim_id): r for r in group.relations}
        for aside, members in ((0, group.claims), (1, group.set_aside)):
            for m in members:
                r = relation.get((m.article_id, m.claim.id))
                out["members"].append({"id": f"{gid}:{m.article_id}:{m.claim.id}", "group_id": gid,
                                       "claim_id": f"{m.article_id}:{m.claim.id}", "article_id": m.article_id,
                                       "relation": r and r.relation, "detail": r and r.detail, "set_aside": aside})
    for n, check in enumerate(reconciliation.checks):
        out["checks"].append({"id": f"k{n}", "check": check.check, "verdict": check.verdict, "expected": check.expected,
                              "stated": check.stated, "tolerance": check.tolerance, "claims": " ".join(check.claims),
                              "explanation": check.explanation})
    return out


def write_csv(tables: dict[str, list[dict]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, columns in TABLES.items():
        path = folder / f"{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=[c for c, _, _ in columns])
            writer.writeheader()
            writer.writerows(tables[name])
        written.append(path)
    return written


def write_sqlite(tables: dict[str, list[dict]], path: Path) -> Path:
    """One database, with keys, foreign keys and indexes; an existing file is replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys = ON")
        for name, columns in TABLES.items():
            defs = [f'"{c}" {t}' + (" PRIMARY KEY" if i == 0 else "") + (f" REFERENCES {ref}(id)" if ref else "")
                    for i, (c, t, ref) in enumerate(columns)]
            db.execute(f'CREATE TABLE "{name}" ({", ".join(defs)})')
            for column in INDEXED.get(name, ()):
                db.execute(f'CREATE INDEX "{name}_{column}" ON "{name}" ("{column}")')
            names = [c for c, _, _ in columns]
            db.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(names))})',
                           [[row[c] for c in names] for row in tables[name]])
    return path


def export(articles: Iterable[ArticleFacts], reconciliation: Reconciliation, fmt: str, output: Path) -> list[Path]:
    articles = list(articles)
    tables = rows(articles, reconciliation)
    if fmt == "csv":
        return write_csv(tables, output)
    if fmt == "sqlite":
        return [write_sqlite(tables, output)]
    raise ValueError(f"unknown format {fmt!r}: csv or sqlite")
