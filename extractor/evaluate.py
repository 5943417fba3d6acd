"""Scoring the pipeline against hand-made gold annotations (the format is in the README).

Each record type has one rule for when a predicted record matches a gold one; each gold record can be matched once
(`count` says how many times it occurs). Precision = matched / predicted, recall = matched / gold.
"""

from __future__ import annotations

import json
import math
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from schemas import ArticleFacts
from schemas.facts import Basis, ClaimKind, Qualifier, QuoteKind

from .api import extract

RecordTypes = ("entities", "quantities", "quantity_intervals", "periods", "quotes", "claims")


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    documents: list[str] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in RecordTypes})
    speaker_correct: int = 0
    speaker_total: int = 0
    extra: list[str] = field(default_factory=list)
    annotated: set[str] = field(default_factory=set)  # the record types some gold file annotates

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_total if self.speaker_total else 1.0

    def render(self, show: int = 10) -> str:
        lines = [f"{len(self.documents)} annotated articles", "",
                 f"{'record type':<20}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}{'match':>7}"]
        for name, s in self.scores.items():
            if name in self.annotated:
                lines.append(f"{name:<20}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.gold:7d}{s.predicted:7d}{s.matched:7d}")
            else:
                lines.append(f"{name:<20}{'not annotated in the gold files, not scored':>42}")
        lines.append(f"{'speaker accuracy':<20}{self.speaker_accuracy:7.3f}   ({self.speaker_correct}/{self.speaker_total} matched quotes)")
        lines.extend(self.extra)
        for name, s in self.scores.items():
            if show and (s.misses or s.false_hits):
                lines.append(f"\n{name}: {len(s.misses)} missed, {len(s.false_hits)} false hits")
                lines.extend(f"  missed     {m}" for m in s.misses[:show])
                lines.extend(f"  false hit  {m}" for m in s.false_hits[:show])
        return "\n".join(lines)


# --- matching rules ------------------------------------------------------------------------


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\u2019", "'")).strip().lower()


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _overlaps(gold_text: str, predicted_text: str) -> bool:
    g, p = _norm(gold_text), _norm(predicted_text)
    return g in p or p in g


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w$%.]+", _norm(text)))


def quote_text_matches(gold_text: str, predicted_text: str) -> bool:
    """The same quote when one holds the other and they are of comparable length, or they are nearly equal."""
    from rapidfuzz import fuzz

    g, p = _words(gold_text), _words(predicted_text)
    if not g or not p:
        return False
    if (g in p or p in g) and min(len(g), len(p)) / max(len(g), len(p)) >= 0.6:
        return True
    return fuzz.ratio(g, p) >= 85


def entity_matches(gold: dict, pred: dict) -> bool:
    return _norm(gold["text"]) == _norm(pred["text"]) and gold["label"] == pred["label"] and gold["canonical"] == pred["canonical"]


def quantity_matches(gold: dict, pred: dict) -> bool:
    if not _overlaps(gold["text"], pred["text"]) or gold["unit"] != pred["unit"]:
        return False
    if gold.get("range"):
        return pred.get("range") is not None and _close(gold["range"][0], pred["range"]["low"]) and _close(
            gold["range"][1], pred["range"]["high"])
    return _close(gold["value"], pred["value"])


def interval_matches(gold: dict, pred: dict) -> bool:
    return quantity_matches(gold, pred) and gold.get("qualifier") == pred.get("qualifier") and _close(
        gold.get("lower"), pred.get("lower")) and _close(gold.get("upper"), pred.get("upper"))


def period_matches(gold: dict, pred: dict) -> bool:
    return _overlaps(gold["text"], pred["text"]) and gold.get("start_date") == pred.get("start_date") and gold.get(
        "end_date") == pred.get("end_date")


def quote_matches(gold: dict, pred: dict) -> bool:
    return quote_text_matches(gold["text"], pred["content"])


CLAIM_FIELDS = ("subject", "metric", "partner", "kind", "basis")


def claim_matches(gold: dict, pred: dict) -> bool:
    if any(gold.get(f) != pred.get(f) for f in CLAIM_FIELDS):
        return False
    period = pred.get("period") or {}
    if list(gold.get("period") or [None, None]) != [period.get("start_date"), period.get("end_date")]:
        return False
    return gold["unit"] == pred["unit"] and _close(gold.get("value"), pred.get("value")) and _close(
        gold.get("lower"), pred.get("lower")) and _close(gold.get("upper"), pred.get("upper"))


def describe(kind: str, record: dict) -> str:
    if kind == "claims":
        period = record.get("period")
        if isinstance(period, dict):
            period = [period.get("start_date"), period.get("end_date")]
        fields = [f"{f}={record.get(f)}" for f in (*CLAIM_FIELDS, "value", "unit", "lower", "upper")]
        return f"{' '.join(fields)} period={period}"
    if kind == "quotes":
        return f"{(record.get('content') or record.get('text'))[:70]!r} speaker={record.get('speaker')}"
    keys = {"entities": ("label", "canonical"), "periods": ("start_date", "end_date"),
            "quantities": ("value", "unit", "range"), "quantity_intervals": ("qualifier", "lower", "upper")}[kind]
    return f"{record.get('text')!r} " + " ".join(f"{k}={record.get(k)}" for k in keys)


def score(kind: str, gold: list[dict], predicted: list[dict], matches: Callable[[dict, dict], bool], where: str,
          into: Score) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching; returns the matched (gold, predicted) pairs."""
    expanded = [g for g in gold for _ in range(int(g.get("count", 1)))]
    free = list(predicted)
    pairs = []
    unmatched = []
    # first the predictions with exactly the gold text, then any that qualify (texts that overlap)
    for g in expanded:
        hit = next((p for p in free if matches(g, p) and _norm(p.get("text")) == _norm(g.get("text"))), None)
        if hit is None:
            unmatched.append(g)
        else:
            free.remove(hit)
            pairs.append((g, hit))
    for g in unmatched:
        hit = next((p for p in free if matches(g, p)), None)
        if hit is None:
            into.misses.append(f"{where}: {describe(kind, g)}")
        else:
            free.remove(hit)
            pairs.append((g, hit))
    into.false_hits.extend(f"{where}: {describe(kind, p)}" for p in free)
    into.matched += len(pairs)
    into.gold += len(expanded)
    into.predicted += len(predicted)
    return pairs


class GoldError(ValueError):
    """A gold file that cannot be scored as written: it names the file and the key."""


# the fields a gold record may give, per record type (`count` repeats a record)
GOLD_FIELDS = {
    "entities": {"text", "label", "canonical", "count"},
    "quantities": {"text", "value", "unit", "qualifier", "lower", "upper", "range", "count"},
    "periods": {"text", "start_date", "end_date", "count"},
    "quotes": {"text", "kind", "speaker", "count"},
    "claims": {"subject", "metric", "partner", "product", "kind", "basis", "period", "value", "unit", "lower", "upper",
               "qualifier", "count"},
}
GOLD_KEYS = {"article", "published", "source", "title", "url", *GOLD_FIELDS}
# the values the records use, where a gold file may write another (`%`, `about`, `claim`)
GOLD_VALUES = {
    "qualifier": set(typing.get_args(Qualifier)),
    "kind": {"quotes": set(typing.get_args(QuoteKind)), "claims": set(typing.get_args(ClaimKind))},
    "basis": set(typing.get_args(Basis)),
}


def check_gold(gold: dict, path: Path) -> None:
    """Unknown keys and values are errors: a misspelt key would otherwise be ignored, and a value the records never
    use (`"unit": "%"`) would be counted as misses."""
    for key in gold:
        if key not in GOLD_KEYS:
            raise GoldError(f"{path}: unknown key {key!r}; a gold file has {', '.join(sorted(GOLD_KEYS))}")
    if "article" not in gold:
        raise GoldError(f"{path}: no \"article\": give the article's file, relative to the gold file")
    for kind, fields in GOLD_FIELDS.items():
        for i, record in enumerate(gold.get(kind, [])):
            where = f"{path}: {kind}[{i}]"
            for key, value in record.items():
                if key not in fields:
                    raise GoldError(f"{where}: unknown key {key!r}; {kind} records have {', '.join(sorted(fields))}")
                allowed = GOLD_VALUES.get(key)
                allowed = allowed.get(kind) if isinstance(allowed, dict) else allowed
                if allowed is not None and value is not None and value not in allowed:
                    raise GoldError(f"{where}: {key} {value!r} is not one the records use: {', '.join(sorted(allowed))}")
            if record.get("unit") in ("%", "pct", "per cent"):
                raise GoldError(f"{where}: unit {record['unit']!r}: the records write \"percent\"")


def load_gold(path: Path) -> tuple[dict, str]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise GoldError(f"{path}: not JSON ({err})") from None
    check_gold(gold, path)
    article = (path.parent / gold["article"]).resolve()
    if not article.is_file():
        raise GoldError(f"{path}: its article {gold['article']!r} is not a file (looked for {article})")
    return gold, article.read_text(encoding="utf-8")


def evaluate_dir(gold_dir: Path, model: str | None = None) -> Report:
    report = Report()
    for path in sorted(gold_dir.glob("*.gold.json")):
        gold, text = load_gold(path)
        facts = extract(text, published=gold.get("published"), source=gold.get("source"), model=model)
        evaluate_one(facts, gold, path.name.removesuffix(".gold.json"), report)
    reconcile_gold = sorted((gold_dir / "reconcile").glob("*.reconcile.json"))
    if reconcile_gold:
        report.extra.extend(evaluate_reconciliation(reconcile_gold, model).render())
    return report


# --- the reconciler --------------------------------------------------------------------------

GROUP_FIELDS = ("subject", "metric", "partner", "product", "kind", "basis", "unit", "currency_basis", "adjustment", "vintage")


@dataclass
class ReconcileReport:
    by_class: dict[str, list[bool]] = field(default_factory=dict)
    false_conflicts: list[str] = field(default_factory=list)
    quotes: list[bool] = field(default_factory=list)
    duplicates: list[bool] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def accuracy(self, verdict: str) -> float:
        results = self.by_class.get(verdict, [])
        return sum(results) / len(results) if results else 1.0

    def render(self) -> list[str]:
        lines = ["", "reconciler verdicts (expected groups in fixtures/gold/reconcile)"]
        for verdict in ("agree", "compatible", "conflict", "single_source"):
            results = self.by_class.get(verdict, [])
            lines.append(f"  {verdict:<14} accuracy {self.accuracy(verdict):.3f}  ({sum(results)}/{len(results)})")
        lines.append(f"  conflict recall {self.accuracy('conflict'):.3f}; false conflicts {len(self.false_conflicts)}")
        lines.append(f"  quote verdicts {sum(self.quotes)}/{len(self.quotes)}; syndicated copies found "
                     f"{sum(self.duplicates)}/{len(self.duplicates)}")
        lines.extend(f"  wrong  {m}" for m in self.misses)
        lines.extend(f"  false conflict  {m}" for m in self.false_conflicts)
        return lines


def _group_matches(expected: dict, group) -> bool:
    key = group.key
    for name in GROUP_FIELDS:
        if name in expected and getattr(key, name) != expected[name]:
            return False
    return list(expected.get("period") or [None, None]) == [key.period_start, key.period_end]


def evaluate_reconciliation(paths: list[Path], model: str | None = None) -> ReconcileReport:
    from .api import extract_batch
    from .readers import read_file
    from .reconcile import reconcile

    report = ReconcileReport()
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        items = [item for a in gold["articles"] for item in read_file((path.parent / a).resolve()) if item.article]
        facts = list(extract_batch([item.article for item in items], model=model))
        result = reconcile(facts)
        name_of = {f.article.id: Path(item.path).name for f, item in zip(facts, items, strict=True)}
        expected_conflicts = []
        for expected in gold["groups"]:
            found = [g for g in result.groups if _group_matches(expected, g)]
            verdict = found[0].verdict if found else "missing"
            ok = verdict == expected["verdict"]
            report.by_class.setdefault(expected["verdict"], []).append(ok)
            if not ok:
                report.misses.append(f"{path.name}: {expected} -> {verdict}")
            if expected["verdict"] == "conflict":
                expected_conflicts.extend(found[:1])
        for group in result.groups:
            if group.verdict == "conflict" and group not in expected_conflicts:
                report.false_conflicts.append(f"{path.name}: {group.explanation}")
        for expected in gold.get("quotes", []):
            found = [g for g in result.quotes if any(quote_text_matches(expected["text"], q.quote.content[: len(expected["text"]) + 10]) for q in g.quotes)]
            report.quotes.append(bool(found) and found[0].verdict == expected["verdict"])
            if not report.quotes[-1]:
                report.misses.append(f"{path.name}: quote {expected['text']!r} -> {found[0].verdict if found else 'missing'}")
        for kept, copy in gold.get("duplicates", []):
            report.duplicates.append(any(name_of.get(d.kept) == kept and copy in [name_of.get(c) for c in d.copies]
                                         for d in result.duplicates))
    return report


def evaluate_one(facts: ArticleFacts, gold: dict, where: str, report: Report) -> None:
    """Score the record types the gold file annotates; a type it leaves out is not scored (not all false hits)."""
    report.documents.append(where)
    predicted = facts.model_dump(mode="json")
    s = report.scores
    report.annotated.update(t for t in RecordTypes if t in gold or t == "quantity_intervals" and "quantities" in gold)
    if "entities" in gold:
        score("entities", gold["entities"], predicted["entities"], entity_matches, where, s["entities"])
    if "quantities" in gold:
        score("quantities", gold["quantities"], predicted["quantities"], quantity_matches, where, s["quantities"])
        score("quantity_intervals", gold["quantities"], predicted["quantities"], interval_matches, where,
              s["quantity_intervals"])
    if "periods" in gold:
        score("periods", gold["periods"], predicted["periods"], period_matches, where, s["periods"])
    pairs = score("quotes", gold["quotes"], predicted["quotes"], quote_matches, where, s["quotes"]) if "quotes" in gold else []
    for g, p in pairs:
        report.speaker_total += 1
        if g.get("speaker") == p.get("speaker"):
            report.speaker_correct += 1
        else:
            report.extra.append(f"  wrong speaker  {where}: {g['text'][:50]!r} gold={g.get('speaker')} got={p.get('speaker')}")
    if "claims" in gold:
        score("claims", gold["claims"], predicted["claims"], claim_matches, where, s["claims"])
