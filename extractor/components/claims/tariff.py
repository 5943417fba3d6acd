"""Who imposes a tariff and on whom: `US tariffs on Japanese autos`, `Trump imposed a 25% tariff on steel`,
`Japan faces a 24% tariff`. A tariff's subject is the economy that levies it and its partner the one that pays;
the article's reporter is neither by default."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .document import STAND_INS
from .rules import SUBJECT_CATEGORIES

ECONOMY_LABELS = frozenset({"GPE", "NORP", "LOC", "ORG"})
TAXED_FLOWS = frozenset({"import", "imports", "export", "exports", "shipment", "shipments"})


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
        elif verb.lemma_.lower() in entry["target_verbs"] or any(c.dep_ == "acomp" and c.lower_ == "subject"
                                                                 for c in verb.children):
            hit = next((e for e in (self._economy(c) for c in verb.children if c.dep_ == "dobj") if e), None)
            if hit is not None:
                # `Washington hit Peru with 10% tariffs`: who hits imposes, who is hit pays
                imposer = imposer or next((e for e in map(self._economy, subjects) if e), None)
                target = hit
            else:
                target = next((e for e in map(self._economy, subjects) if e), None)
            if target is None:
                # `Copper and zinc were hit with a higher 25% duty`, `imports of zinc were subject to a 25% tariff`
                product = next((p for p in map(self._goods_taxed, subjects) if p), None)
        # the verb's own `on` is the tariff's only when the tariff is what the verb acts on (`imposed a 25% tariff on
        # steel`), not a tariff named alongside (`raised tariffs on cars, alongside a flat tariff of 10%`)
        heads = (tariff, verb) if tariff.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") else (tariff,)
        preps = [c for head in heads for c in head.children if c.dep_ == "prep"]
        if tariff.lower_ in STAND_INS:
            preps = self._stand_in_preps(tariff)  # `lifted those on cars to 22.5%`: the pronoun's own words only
        for prep in (c for c in preps if c.lower_ in ("on", "against")):
            for flow in (o for o in prep.children if o.dep_ == "pobj"):
                obj = self._goods_of_flow(flow)
                found = self._economy(obj)
                if found is None:
                    # `on Japanese autos`: the nationality names the target, the noun the product
                    found = next((e for e in map(self._economy, obj.children) if e), None)
                    product = product or self._goods_taxed(obj)
                target = target or found
                imposer = imposer or self._destination(flow) or self._destination(obj)
        return imposer, target if target != imposer else None, product

    @staticmethod
    def _goods_of_flow(noun: Token) -> Token:
        """`imports of cars`, `copper imports`: a flow a tariff falls on names its goods after `of` or before it."""
        if noun.lemma_.lower() not in TAXED_FLOWS:
            return noun
        after = (g for of in noun.children if of.dep_ == "prep" and of.lower_ == "of" for g in of.children
                 if g.dep_ == "pobj")
        before = (c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN")
        return next(after, None) or next(before, noun)

    def _goods_taxed(self, noun: Token) -> str | None:
        """The good a noun names, when it names one (not an economy, not goods in general)."""
        noun = self._goods_of_flow(noun)
        words = {noun.lemma_.lower(), noun.lower_}
        if noun.lemma_.lower() in TAXED_FLOWS or noun.ent_type_ or noun.pos_ not in ("NOUN", "PROPN") \
                or words & self.rules.general_goods or words & self.rules.not_products:
            return None
        return self._product_name(noun.lower_)

    def _destination(self, goods: Token) -> str | None:
        """`a levy on Peru's copper exports to the US`: goods bound for an economy pay that economy's tariff."""
        for noun in (goods, *goods.conjuncts):
            for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"):
                found = next((e for e in map(self._economy, prep.children) if e), None)
                if found is not None:
                    return found
        return None

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
