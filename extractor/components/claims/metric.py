"""What a figure measures: the metric in its own clause, else the clause it hangs from, else earlier in the sentence,
else the one the previous claim in the sentence had (`while imports grew just under 2%`); and the product when
the figure is one product's trade (`car exports`)."""

from __future__ import annotations

from spacy.tokens import Span

from .document import is_rate, overlap


class MetricRules:
    """Methods of `ArticleClaims` (record.py); they read the `DocumentView` it is."""

    def _metric_for(self, sent: Span, span: Span, sentence_claims):
        """(metric, sign, span, inherited) for the figure at `span`."""
        in_sent = [(k, m) for k, m in self.metrics_by_sent.get(sent.start_char, []) if not overlap(m, span)]
        if in_sent:
            clause = self._clause_head(span.root)
            chain = self._clause_chain(clause)
            # a metric in the figure's own clause, else in the clause it hangs from
            for head in chain:
                same = [(k, m) for k, m in in_sent if self._clause_head(m.root) == head]
                if same:
                    before = [x for x in same if x[1].start < span.start]
                    key, m = (before[-1] if before else same[0])
                    return (*key.split("|"), m, False)
            after_prev = sentence_claims[-1]["quantity"]["end"] if sentence_claims else sent.start_char
            before = [(k, m) for k, m in in_sent if after_prev <= m.start_char < span.start_char]
            if before:
                key, m = before[-1]
                return (*key.split("|"), m, False)
            if sentence_claims:
                last = sentence_claims[-1]
                return last["metric"], "+", None, True
            before = [(k, m) for k, m in in_sent if m.start < span.start]
            if before:
                key, m = before[-1]
                return (*key.split("|"), m, False)
            return None
        if sentence_claims:
            return sentence_claims[-1]["metric"], "+", None, True
        # `Exports increased 1.4%... Economists had expected a 0.5% rise.`: a sentence with a figure and no
        # metric continues the one before
        if self.previous_claims and self.previous_claims[-1]["_sentence_end"] == sent.start and is_rate(span):
            last = self.previous_claims[-1]
            return last["metric"], last["_sign"], None, True
        return None

    def _product(self, metric_span: Span | None) -> str | None:
        """`exports of chip-making machinery`, `car exports`, `iron ore shipments`: one product's trade."""
        if metric_span is None:
            return None
        root = metric_span.root
        for prep in (t for t in root.children if t.dep_ == "prep" and t.lower_ == "of"):
            for obj in (t for t in prep.children if t.dep_ == "pobj"):
                if not obj.ent_type_ and obj.lower_ not in self.rules.general_goods:
                    return " ".join(t.text for t in obj.subtree if t.dep_ not in ("det", "punct"))
        modifiers = [t for t in self.doc[max(metric_span.start - 3, 0) : metric_span.start]
                     if t.dep_ in ("compound", "amod", "nmod") and t.head.i >= metric_span.start and t.pos_ in ("NOUN", "ADJ")
                     and not t.ent_type_ and t.lower_ not in self.rules.general_goods]
        return " ".join(t.lower_ for t in modifiers) if modifiers else None

    def _describes_other_noun(self, span: Span, metric_span: Span | None) -> bool:
        """`prices of $100-120 per tonne`, `a third of their coal`: the figure measures a noun that is no metric."""
        head = span.root.head
        if head.lower_ != "of" or head.head.pos_ not in ("NOUN", "PROPN"):
            # `close to one-third of their coal`: the fraction heads the phrase and `of` hangs from it
            of = [t for t in span.root.children if t.lower_ == "of"] or [t for t in self.doc[span.end : span.end + 1] if t.lower_ == "of"]
            if not of:
                return False
            objects = [t for t in of[0].children if t.dep_ == "pobj"]
            return bool(objects) and not any(o.i in self.metric_tokens or o.lower_ in self.rules.figure_nouns for o in objects)
        noun = head.head
        if noun.lower_ in self.rules.figure_nouns:
            return False  # `a rise of 8.9%`, `a growth target of 5%`, `a total of $2bn`
        return noun.i not in self.metric_tokens
