"""What a figure measures: the metric in its own clause, else the clause it hangs from, else earlier in the sentence,
else the one the previous claim in the sentence had (`while imports grew just under 2%`); and the product when
the figure is one product's trade (`car exports`)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .document import is_rate, overlap

THREE_MONTHS = re.compile(r"\b(?:three|3)[- ]months?\b")
# Names before a metric that are not the good traded: places, firms, dates, numbers.
NOT_GOODS_ENTITIES = frozenset({"GPE", "NORP", "ORG", "LOC", "DATE", "CARDINAL", "MONEY", "PERCENT"})
# `largest`, `higher`: they grade the figure
COMPARATIVES = frozenset({"JJR", "JJS", "RBR", "RBS"})
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                    "nov", "dec"})
# What may stand between a figure and the parenthesis around it: `(down 22.5%)`, `(-17.7%)`
PARENTHESIS_FILLERS = frozenset({"down", "up", "-", "+", "\u2212", "a", "an"})
# `imports exceeded exports by ...`
EXCESS_VERBS = frozenset({"exceed", "outstrip", "outpace", "surpass", "top", "outweigh"})
# Subjects (and their determiners) that refer back to what the sentence before was about.
ANAPHORS = frozenset({"they", "it", "this", "these", "that"})
# verbs whose subject holds the share a figure states (`copper accounted for 40% of exports`)
SHARE_VERBS = frozenset({"account", "make", "represent", "comprise", "constitute"})
# prepositions that name a flow's partner after its good (`autos to Japan`, `oil from Russia`)
PARTNER_WORDS = frozenset({"to", "from", "with"})
# nouns that stand for a figure just told (`the figure`, `the total`)
FIGURE_REFERENCES = frozenset({"figure", "total", "tally", "number", "reading"})
# sentences with no figure and no metric (page furniture: `Watch the briefing here.`) a reference back reads past
FURNITURE_SENTENCES = 3
# `The £2 billion fall`: a move already told
DEFINITE = frozenset({"the", "this", "that"})
# `10 out of 11`, `one in five`: a share of things counted
SHARE_OF_COUNT = re.compile(r"\b(?:out of|in)\b")
# Stops a list item's name when read leftwards: `recorded in motor vehicles and parts (-17.7%)`
LIST_ITEM_STOPS = frozenset({"in", "of", "for", "including", "included", "include", "includes", "were", "was", "are",
                             "is", "as", "like", "with", "by", "from", "led", "such", ":", ";", "(", ")", "\u2014", "\u2013"})


class MetricRules:
    """Methods of `ArticleClaims` (record.py); they read the `DocumentView` it is."""

    def _metric_for(self, sent: Span, span: Span, sentence_claims):
        """(metric, sign, span, inherited) for the figure at `span`."""
        in_sent = [(k, m) for k, m in self.metrics_by_sent.get(sent.start_char, []) if not overlap(m, span)]
        excess = self._excess_of_flows(span, in_sent)
        if excess is not None:
            return excess
        # `the deficit, the difference between imports and exports, widened to $202 billion`: flows that define
        # another metric are not what its figure measures
        in_sent = [(k, m) for k, m in in_sent if not _between(m)]
        moved = self._moved_metric(span, in_sent)
        if moved is not None:
            key, m = moved
            return (*key.split("|"), m, False)
        if self._sizes_move_told_before(span):
            # `Exports to the US fell to £4.1 billion. The £2 billion fall contributed to a drop in GDP`: the
            # fall is the one just told; what it affected is another metric
            last = self._continued_claim(sent, span)
            if last is not None:
                return last["metric"], last["_sign"], None, True
        if in_sent:
            clause = self._clause_head(span.root)
            chain = self._clause_chain(clause)
            # a metric in the figure's own clause, else in the clause it hangs from
            # `Copper imports drove the wider deficit, having seen a 40% increase`: a clause with
            # no subject of its own is about the subject of the clause it hangs from
            subjectless = not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
            for head in chain:
                same = [(k, m) for k, m in in_sent if self._clause_head(m.root) == head]
                if head != clause and subjectless:
                    same = [(k, m) for k, m in same if m.root.dep_ in ("nsubj", "nsubjpass") and m.root.head == head] \
                        or same
                # `imports recorded annual growth of 3.2%`: growth is GDP's only when no flow is named with it
                specific = [(k, m) for k, m in same if m.text.lower() not in self.rules.generic_metric_phrases]
                same = specific or same
                if same:
                    # `the balance posted a ¥637.6 billion deficit`: the noun the figure qualifies comes first
                    # (`a 20% 'reciprocal' tariff rate`: words describing the noun may stand between)
                    head = [x for x in same if x[1].start == span.end or (
                        0 <= x[1].start - span.end <= 3 and x[1].start <= span.root.head.i < x[1].end)]
                    before = [x for x in same if x[1].start < span.start]
                    key, m = (head or before or same)[-1 if before and not head else 0]
                    if sentence_claims and not head and m.start_char < sentence_claims[-1]["quantity"]["end"]:
                        # `exported goods worth €131.1 billion and imported goods worth €116.5 billion`: a metric
                        # named between the figure before and this one is this one's, however the parse hangs it
                        between = [(k, m2) for k, m2 in in_sent
                                   if sentence_claims[-1]["quantity"]["end"] <= m2.start_char < span.start_char]
                        key, m = between[-1] if between else (key, m)
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
            # `Economists expected a decrease of 1.0%, as production rose 2.3% in March`: the metrics named later
            # belong to other figures, and the expectation is of the one the sentence before reported
            last = self._continued_claim(sent, span)
            return (last["metric"], last["_sign"], None, True) if last is not None else None
        if sentence_claims:
            return sentence_claims[-1]["metric"], "+", None, True
        if self.list_heading is not None and self._is_list_item(sent):
            # `Exports` over `- Fell by 1.7% to €131.1 billion`: a list item measures what its heading names
            return (*self.list_heading.split("|"), None, True)
        # `Exports increased 1.4%... Economists had expected a 0.5% rise.`: a sentence with a figure and no
        # metric continues the one before
        last = self._continued_claim(sent, span)
        if last is not None:
            return last["metric"], last["_sign"], None, True
        return None

    def _excess_of_flows(self, span: Span, in_sent: list) -> tuple[str, str, None, bool] | None:
        """`imports exceeding exports by ¥637.6 billion`: by how much one flow tops the other is the balance, a
        deficit where imports top exports."""
        by = span.root.head
        if by.lower_ != "by" or by.head.lemma_.lower() not in EXCESS_VERBS:
            return None
        verb = by.head
        flows = {}
        for key, m in in_sent:
            metric = key.split("|")[0]
            if metric not in ("exports", "imports"):
                continue
            if m.root.head == verb and m.root.dep_ in ("nsubj", "nsubjpass"):
                flows["subject"] = metric
            elif any(t.i == verb.i for t in m.root.ancestors) and m.root.i > verb.i:
                flows.setdefault("object", metric)
        if verb.dep_ in ("advcl", "acl", "pcomp") and "subject" not in flows:
            # `with imports exceeding the value of exports`: the participle's subject stands before it
            before = [key.split("|")[0] for key, m in in_sent if m.end <= verb.i and m.end >= verb.i - 2]
            if before and before[-1] in ("exports", "imports"):
                flows["subject"] = before[-1]
        if flows.get("subject") is None or flows.get("object") in (None, flows["subject"]):
            return None
        return "trade_balance", "-" if flows["subject"] == "imports" else "+", None, False

    def _moved_metric(self, span: Span, in_sent: list) -> tuple[str, Span] | None:
        """`a 15.7% drop in exports to the US`, `a 55.5% reduction in the deficit`, `an increase of 3% in imports`:
        the figure sizes a move, and the move names what moved, whatever else its clause is about."""
        root = span.root
        noun = root.head
        if noun.lower_ == "of" and noun.dep_ == "prep":
            noun = noun.head
        if noun.pos_ != "NOUN" or noun.lower_ not in self.rules.moves:
            return None
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "of") and c.i != root.head.i):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found = next(((k, m) for k, m in in_sent if m.start <= obj.i < m.end), None)
                if found is not None:
                    return found
        return None

    def _continued_claim(self, sent: Span, span: Span) -> dict | None:
        """What a figure in a sentence that names no metric for it goes on about. A rate in a sentence naming no
        metric continues the last claim of the sentence right before (`Exports rose 5%. That was the fastest pace
        in a year, after 3% in May`). A sentence that refers back, by a pronoun subject (`Exports declined. They
        shrank by 1.7%`, `There was a fall of $76.7 billion`) or by stating what was expected (`Economists had
        expected 0.7%`, `This missed expectations of $1.5 billion`), continues the last metric named in the sentence
        before, with a figure or without."""
        before = self._sentence_before(sent)
        if before is None:
            return None
        if self.last_told_claims and self.last_told_claims[-1]["_sentence_end"] == before.end and is_rate(span) \
                and not self.metrics_by_sent.get(sent.start_char):
            return self.last_told_claims[-1]
        if not self._refers_back(sent, span):
            return None
        for _ in range(FURNITURE_SENTENCES):
            # `Watch the briefing here. WATCH NOW` between a figure and the sentence that refers back to it
            if self.metrics_by_sent.get(before.start_char) or self.quantities_by_sent.get(before.start_char) \
                    or self._sentence_before(before) is None:
                break
            before = self._sentence_before(before)
        claims = [c for c in self.last_told_claims if c["_sentence_end"] == before.end]
        named = [(k, m) for k, m in self.metrics_by_sent.get(before.start_char, [])
                 if k.split("|")[0] in self.rules.flow_metrics]
        if claims and (not named or named[-1][1].start_char < claims[-1]["quantity"]["end"]):
            return claims[-1]
        if not named:
            # `Economists expected a fall of 1.0%, as production rose 2.3% in March`: what the sentence goes on to
            # name, when the one before names nothing
            named = [(k, m) for k, m in self.metrics_by_sent.get(sent.start_char, []) if m.start > span.start][:1]
        if named:
            key, m = named[-1]
            metric, sign = key.split("|")
            return {"metric": metric, "_sign": sign, "product": self._product(m), "partner": None}
        return None

    def _sizes_move_told_before(self, span: Span) -> bool:
        """`The £2 billion fall – a 33% drop – contributed to ...`: the figure sizes the subject of its clause, a
        move with a definite article that names nothing it moved in."""
        root = span.root
        noun = root.head if root.dep_ in ("nummod", "compound", "nmod", "quantmod", "amod") else None
        if noun is None or noun.pos_ != "NOUN" or noun.lower_ not in self.rules.moves:
            return False
        if noun.dep_ == "appos":
            noun = noun.head
        # the parser takes some such subjects before their verb for adverbial nouns
        subject = noun.dep_ in ("nsubj", "nsubjpass") or (noun.dep_ == "npadvmod" and noun.i < noun.head.i)
        if not subject or noun.lower_ not in self.rules.moves:
            return False
        definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)
        names_what_moved = any(c.dep_ == "prep" and c.lower_ in ("in", "of") and any(
            o.i in self.metric_tokens for o in c.subtree) for c in noun.children)
        return definite and not names_what_moved

    def _refers_back(self, sent: Span, span: Span) -> bool:
        """A figure stated as an expectation, or whose clause's subject points back: a pronoun, `this figure`,
        or the `there` of `there was a fall of ...`."""
        lowers = {t.lower_ for t in sent}
        if lowers & self.rules.words["expectation"]:
            return True
        if self._sizes_move_told_before(span):
            return True  # `The £2 billion fall contributed to ...`
        for head in self._clause_chain(self._clause_head(span.root))[:2]:
            for child in head.children:
                # `They fell 1.7%`, `This figure broke the $180 billion mark`, `There was a fall of $76.7 billion`
                if child.dep_ == "expl" or child.dep_ in ("nsubj", "nsubjpass") and (
                        child.lower_ in ANAPHORS or any(d.lower_ in ANAPHORS and d.dep_ == "det" for d in child.children)
                        # `the figure represents an increase of 12 percent`
                        or child.lower_ in FIGURE_REFERENCES and any(d.lower_ == "the" for d in child.children)):
                    return True
        return False

    def _average_of(self, sent: Span, metric_span: Span) -> str | None:
        """`average exports`, `the three-month average of imports`: an average over months is another series than
        the month's own flow; `3m_avg` when the article speaks of three months near it, else `avg`."""
        before = self.doc[max(metric_span.start - 4, sent.start) : metric_span.start]
        if not any(t.lower_ in ("average", "averaged") for t in before):
            return None
        context = self.text[self._sentence_start_back(sent, 2) : sent.end_char].lower()
        return "3m_avg" if THREE_MONTHS.search(context) else "avg"

    def _in_volume_terms(self, span: Span) -> bool:
        """`in volume terms, exports fell 9.1%`, `exports fell 2% in real terms`: a change of quantities shipped,
        another series than their value."""
        sent = self.sentences.of(span.start)
        if self.text.find(" terms", sent.start_char, sent.end_char) < 0:
            return False
        clause = self._clause_head(span.root)
        for token in clause.subtree:
            if token.lower_ in ("volume", "real") and token.i + 1 < len(self.doc) and \
                    self.doc[token.i + 1].lower_ == "terms" and self._clause_head(token) == clause:
                return True
        return False

    def _product(self, metric_span: Span | None) -> str | None:
        """`exports of chip-making machinery`, `car exports`, `iron ore shipments`: one product's trade."""
        if metric_span is None:
            return None
        root = metric_span.root
        if root.pos_ == "ADJ" and metric_span[-1].pos_ == "NOUN":
            root = metric_span[-1]  # `Inbound shipments of copper` parsed with the adjective hanging elsewhere
        if root.dep_ == "amod" and root.pos_ == "VERB" and root.head.pos_ == "NOUN" and root.head.i > root.i \
                and (root.head.lower_ not in self.rules.general_goods or self._kind_of_goods(root.head)):
            # `imported industrial supplies and materials`: the participle names the flow, its noun the good
            goods = root.head
            last = max([goods.i, *(t.i for c in goods.children if c.dep_ == "conj" for t in c.subtree)])
            return self._product_name(" ".join(t.lower_ for t in self.doc[metric_span.end : last + 1] if not t.is_punct))
        for prep in (t for t in root.children if t.dep_ == "prep" and t.lower_ == "of"):
            for obj in (t for t in prep.children if t.dep_ == "pobj"):
                if obj.pos_ in ("NOUN", "PROPN") and not obj.ent_type_ \
                        and (obj.lower_ not in self.rules.general_goods or self._kind_of_goods(obj)) \
                        and obj.i not in range(metric_span.start, metric_span.end):  # `exports of services` names no good
                    # (`shipments of copper, Peru's top export item,`: the apposition describes the good)
                    # (`shipments of autos to the US`: the partner is no part of the good)
                    aside = {t.i for c in obj.children if c.dep_ in ("appos", "relcl", "acl")
                             or c.dep_ == "prep" and c.lower_ in PARTNER_WORDS for t in c.subtree}
                    return self._product_name(" ".join(t.text for t in obj.subtree
                                                       if t.dep_ not in ("det", "punct") and t.i not in aside))
        return self._product_name(self._modifier_product(metric_span))

    def _kind_of_goods(self, noun: Token) -> bool:
        """`consumer goods`, `capital goods`: a general word for goods, named by the kind."""
        return any(c.dep_ in ("compound", "amod") and c.i < noun.i and c.pos_ != "VERB" and not c.ent_type_
                   and c.lower_ not in self.rules.general_goods for c in noun.children)  # `UK goods` is no kind

    def _modifier_product(self, metric_span: Span) -> str | None:
        """`iron and steel exports`, `non-petroleum products exports`, `consumer goods imports`: the words before a
        metric that modify it and name a good, without those that describe the figure (`nominal`, `largest`)."""
        tokens = []
        left_edge = metric_span.root.left_edge.i
        for token in reversed(self.doc[max(metric_span.start - 6, 0) : metric_span.start]):
            inside = left_edge <= token.i
            # `Chemical exports`: a common word the tagger took for an organisation is still a good
            named = token.ent_type_ in NOT_GOODS_ENTITIES and not (token.ent_type_ == "ORG" and token.pos_ != "PROPN")
            if named or not (inside or token.lower_ in ("and", "-")):
                break
            if token.pos_ in ("DET", "PRON", "NUM") or (token.is_punct and token.lower_ != "-") \
                    or token.dep_ in ("poss", "case"):
                break  # `the country's trade surplus`: the owner is no good traded
            tokens.insert(0, token)
        tokens = [t for t in tokens if t.lower_ not in self.rules.not_products and t.tag_ not in COMPARATIVES
                  and t.pos_ in ("NOUN", "PROPN", "ADJ", "CCONJ", "PUNCT") and t.lower_ not in MONTHS
                  and t.lower_ not in self.rules.currency_terms and not t.lower_.startswith(("'", "\u2019"))]
        # a good's name ends in a noun or in an adjective of kind (`pharmaceutical exports`), never in a joiner;
        # adjectives that grade the figure (`nominal`, `unprecedented`) are in not_products
        while tokens and tokens[-1].pos_ not in ("NOUN", "PROPN", "ADJ"):
            tokens.pop()
        words = [t.lower_ for t in tokens]
        if "goods" in words and "services" in words:
            # `the goods and services deficit` is the total, not a product
            words = [w for w in words if w not in ("goods", "services", "and")]
        while words and words[0] in ("and", "-"):
            words.pop(0)
        # a good's name keeps `goods` only after another word (`consumer goods`, not bare `goods exports`)
        if all(w in self.rules.general_goods or w in ("and", "-") for w in words):
            return None
        return " ".join(words).replace(" - ", "-")

    def _figure_product(self, span: Span) -> str | None:
        """A product named by the figure's own phrase: `Rice (95.18%)`, `industrial machinery, equipment and parts
        (down 22.5%)`, `a 24.7% plunge in automobiles`, `a $10.4 billion rise in industrial supplies`."""
        i = span.start - 1
        while i >= 0 and self.doc[i].lower_ in PARENTHESIS_FILLERS:
            i -= 1
        if i > 0 and self.doc[i].text == "(" and (span.end >= len(self.doc) or self.doc[span.end].text in (")", ",")):
            name = self._list_item_before(i)
            if name:
                return self._product_name(name)
        worth = self.doc[span.end : span.end + 2]
        if [t.lower_ for t in worth] == ["worth", "of"]:
            # `exported $4 billion worth of copper`; not `worth of US goods`, which says where from
            goods = next((t for t in worth[1].children if t.dep_ == "pobj"), None)
            if goods is not None and goods.pos_ == "NOUN" and not goods.ent_type_ \
                    and not {goods.lower_, goods.lemma_.lower()} & self.rules.general_goods:
                return self._product_name(" ".join(t.lower_ for t in goods.subtree if t.dep_ not in ("det", "poss")
                                                   and not t.is_punct))
        head = span.root.head
        if head.pos_ == "NOUN" and head.lower_ in self.rules.moves:
            for prep in (t for t in head.children if t.dep_ == "prep" and t.lower_ == "in"):
                for obj in (t for t in prep.children if t.dep_ == "pobj"):
                    if obj.i in self.metric_tokens or obj.ent_type_ or obj.lower_ in self.rules.figure_nouns \
                            or obj.lower_ == "terms":  # `a 33% drop in percentage terms` is how it is measured
                        continue
                    words = [t for t in obj.subtree if t.dep_ not in ("det", "poss") and not t.is_punct or t.text == ","]
                    return self._product_name(" ".join(t.lower_ for t in words).replace(" ,", ","))
        return None

    def _list_item_before(self, paren: int) -> str | None:
        """The name of a list item ending right before its parenthesis, read leftwards to the word that opens it."""
        words = []
        i = paren - 1
        while i >= 0 and len(words) < 8:
            token = self.doc[i]
            if token.lower_ in LIST_ITEM_STOPS or token.pos_ in ("VERB", "AUX", "DET", "NUM") or token.ent_type_ in ("GPE", "NORP"):
                break
            if token.text == "," and i > 0 and self.doc[i - 1].text == ")":
                break
            if token.i in self.metric_tokens:
                break
            words.insert(0, token)
            i -= 1
        while words and (words[0].is_punct or words[0].pos_ in ("CCONJ", "ADP")):
            words.pop(0)
        if not words or words[-1].pos_ not in ("NOUN", "PROPN"):
            return None
        return " ".join(t.lower_ for t in words).replace(" ,", ",").replace(" - ", "-")

    def _series_scope(self, metric_span: Span, metric: str) -> str | None:
        """Which of a release's series a flow is, in an article that also reports services: `the goods deficit`,
        `exports of goods` (goods), `the services surplus` (services), `the combined goods and services deficit`,
        `merchandise and services exports`, `the total trade deficit` (goods_and_services). Elsewhere `goods trade
        surplus` is simply the trade balance, and `merchandise exports` are a release's exports."""
        if not self.reports_services:
            return None
        root = metric_span.root
        words = {t.lower_ for t in metric_span} | {w.lower_ for t in root.lefts for w in t.subtree}
        words |= {w.lower_ for t in root.rights if t.lower_ == "of" for w in t.subtree}
        services = bool(words & {"services", "service"})
        if services and words & {"goods", "merchandise"} or (metric == "trade_balance" and "total" in words):
            return "goods_and_services"
        if services:
            return "services"
        return "goods" if "goods" in words else None

    def _listed_good(self, span: Span, metric_span: Span | None, previous_clause: Token) -> str | None:
        """`imports of machinery were down 9.5%, consumer goods dropped 4.2%`: in a list of clauses about one
        flow's goods, a later clause's own subject names its good."""
        clause = self._clause_head(span.root)
        named_in = self._clause_head(metric_span.root) if metric_span is not None else previous_clause
        if clause == named_in:
            return None
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None and clause.dep_ in ("advcl", "xcomp", "conj") and clause.head != named_in:
            # `energy products posted a decline, falling 5%`: a participle's subject is its governing clause's
            subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        return self._good_named_by(subject)

    def _share_holder(self, span: Span) -> str | None:
        """`with copper accounting for over 40% of total exports`: the good that holds a share."""
        verb = span.root.head.head if span.root.dep_ == "pobj" and span.root.head.lower_ == "for" else span.root.head
        if verb.lemma_.lower() not in SHARE_VERBS:
            return None
        return self._good_named_by(next((c for c in verb.children if c.dep_ == "nsubj"), None))

    def _good_named_by(self, subject: Token | None) -> str | None:
        """The good a clause's subject names, if it names one (`consumer goods`, `energy products`; not `products`,
        a place, a figure or a pronoun)."""
        if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.ent_type_ \
                or subject.i in self.metric_tokens or subject.lower_ in ANAPHORS:
            return None
        if {subject.lower_, subject.lemma_.lower()} & (self.rules.figure_nouns | self.rules.not_products) \
                and not self._kind_of_goods(subject):  # `energy products` is a good, `products` none
            return None
        words = [t.lower_ for t in subject.subtree if t.dep_ not in ("det", "poss", "case") and not t.is_punct]
        return self._product_name(" ".join(words))

    def _product_name(self, product: str | None) -> str | None:
        if product is None:
            return None
        return self.rules.product_names.get(product.lower(), product)

    def _describes_other_noun(self, span: Span, metric_span: Span | None) -> bool:
        """`prices of $100-120 per tonne`, `a third of their coal`, `in 10 out of 11 product sections`: the figure
        measures a noun that is no metric."""
        if SHARE_OF_COUNT.search(span.text) and span.end < len(self.doc) and self.doc[span.end].pos_ in ("NOUN", "ADJ") \
                and span.end not in self.metric_tokens:
            return True
        head = span.root.head
        if head.lower_ != "of" or head.head.pos_ not in ("NOUN", "PROPN"):
            # `close to one-third of their coal`: the fraction heads the phrase and `of` hangs from it
            of = [t for t in span.root.children if t.lower_ == "of"] or [t for t in self.doc[span.end : span.end + 1] if t.lower_ == "of"]
            if not of:
                return False
            objects = [t for t in of[0].children if t.dep_ == "pobj"]
            # `exported £4.1 billion of goods`: goods are what trade figures measure
            return bool(objects) and not any(o.i in self.metric_tokens or o.lower_ in self.rules.figure_nouns
                                             or o.lower_ in self.rules.general_goods for o in objects)
        noun = head.head
        if noun.lower_ in self.rules.figure_nouns:
            return False  # `a rise of 8.9%`, `a growth target of 5%`, `a total of $2bn`
        return noun.i not in self.metric_tokens


def _between(metric: Span) -> bool:
    """A metric named in `between imports and exports` (a definition of a balance or gap)."""
    return any(t.lower_ == "between" for t in list(metric.root.ancestors)[:3])
