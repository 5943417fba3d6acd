"""Who imposes a tariff and on whom: `US tariffs on Japanese autos`, `Trump imposed a 25% tariff on steel`,
`Japan faces a 24% tariff`. A tariff's subject is the economy that levies it and its partner the one that pays;
the article's reporter is neither by default."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .rules import SUBJECT_CATEGORIES

ECONOMY_LABELS = frozenset({"GPE", "NORP", "LOC", "ORG"})


class TariffRules:
    """Methods of `ArticleClaims` (record.py); they read the `DocumentView` it is."""

    def _tariff_parties(self, metric: str, metric_span: Span | None) -> tuple[str | None, str | None, str | None]:
        """(imposer, target, product) of the tariff the metric words name."""
        if metric_span is None:
            return None, None, None
        entry = self.rules.tariff_words[metric]
        tariff = metric_span.root
        imposer = target = product = None
        for child in tariff.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i not in range(metric_span.start, metric_span.end):
                imposer = imposer or self._economy(child)
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
                imposer = imposer or next((self._economy(o) for o in child.children if o.dep_ == "pobj"), None)
        verb = self._clause_head(tariff)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.lemma_.lower() in entry["imposer_verbs"]:
            imposer = imposer or next((e for e in map(self._economy, subjects) if e), None)
            # `a 10% tariff was imposed on the UK by Trump`: the passive's agent
            agents = [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
            imposer = imposer or next((e for e in map(self._economy, agents) if e), None)
        elif verb.lemma_.lower() in entry["target_verbs"]:
            target = next((e for e in map(self._economy, subjects) if e), None)
        for head in (tariff, verb):
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "against")):
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    found = self._economy(obj)
                    if found is None:
                        # `on Japanese autos`: the nationality names the target, the noun the product
                        found = next((e for e in map(self._economy, obj.children) if e), None)
                        if obj.lemma_.lower() not in self.rules.general_goods and obj.lower_ not in self.rules.general_goods:
                            product = product or self._product_name(obj.lower_)
                    target = target or found
        return imposer, target if target != imposer else None, product

    def _economy(self, token: Token) -> str | None:
        """The economy a word names: a country, bloc or nationality, or a leader acting for one."""
        leader = self.rules.leaders.get(token.text)
        if leader:
            return leader
        ent = self._ent(token)
        if ent is None or ent.label_ not in ECONOMY_LABELS:
            return None
        if ent.text in self.rules.leaders:
            return self.rules.leaders[ent.text]
        return ent._.canonical if ent._.category in SUBJECT_CATEGORIES else None
