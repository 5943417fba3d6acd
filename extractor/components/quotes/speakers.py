"""Who speaks: a subject, a name, a pronoun or a description resolved to the person or institution it stands
for, with the role and organisation the article gives them. A mixin of DocumentQuotes: it reads the rules and the
per-document state (sentences, entities, people seen) that the document's reader holds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .spans import leading, nearest

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "it"})
FIRST_PERSON = frozenset({"i", "we"})
PRONOUN_SENTENCES = 3  # how far back a pronoun's antecedent is looked for among subjects


@dataclass
class Speaker:
    name: str | None
    mention: Span | None
    role: str | None = None
    org: str | None = None
    confidence: float = 0.9
    resolution: str = "name"  # schemas.facts.SpeakerResolution


class SpeakerResolver:
    """The speaker a subject, an `according to` object or a label names (a mixin of DocumentQuotes)."""

    def _speaker_of(self, doc: Doc, cue: Token, start: int, end: int) -> Speaker | None:
        if cue.lower_ == "according":
            objects = [t for t in doc[cue.i + 1].children if t.dep_ == "pobj"]
            if not objects or self._is_data(objects[0]):
                return None
            return self._speaker_from_token(doc, objects[0], 0.85)
        subject = self._reporting_subject(cue) if cue.pos_ == "VERB" else None
        if subject is None:
            subjects = [t for t in cue.children if t.dep_ in SUBJECT_DEPS]
            if not subjects and cue.dep_ in ("conj", "xcomp", "advcl"):
                subjects = [t for t in cue.head.children if t.dep_ in SUBJECT_DEPS]
            subject = nearest(subjects, cue) if subjects else None
        if subject is not None:
            return self._speaker_from_token(doc, subject, 0.9)
        return self._nearest_named(doc, start, end)

    def _speaker_from_token(self, doc: Doc, token: Token, confidence: float, described: bool = True) -> Speaker | None:
        """The speaker a subject (or `according to` object) names. `described`: whether a common noun that is
        neither a name nor a word for a speaker (`the businessman`) may stand as one, as written; a proper noun the
        model did not tag (`Pate supported ...`) always may."""
        if token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._resolve_pronoun(doc, token)
        if token.lower_ in FIRST_PERSON:
            # the writer or a speaker quoted in the first person: kept as written, for a reader to see
            return Speaker(None, doc[token.i : token.i + 1], confidence=confidence - 0.4, resolution="as_written")
        if token.lower_ in RELATIVE_PRONOUNS:
            # `Lars Nyberg, chief executive of Nordlane, who said...`: the person the clause hangs from
            sent = self.sentences.of(token.i)
            people = [e for e in self.entities.within(sent.start, token.i) if e.label_ == "PERSON"]
            if people:
                return self._from_entity(people[-1], confidence - 0.1)
            clause = token.head
            if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
                return self._speaker_from_token(doc, clause.head, confidence - 0.1, described)  # `a source who said`
            return None
        if token.lower_ in self.title_heads:
            named = self._titled_name(doc, token, confidence)
            if named is not None:
                return named
        ent = self._entity_at(doc, token)
        # `ING chief economist ... Lynn Song`, `Mara Lindqvist of Northgate Research`, `a readout from Xinhua`: a
        # person named in the subject speaks, else the organisation
        inner = [e for t in token.subtree if (e := self._entity_at(doc, t)) is not None]
        people = [e for e in inner if e.label_ == "PERSON"]
        if people:
            ent = people[0]
        elif ent is None or ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            orgs = [e for e in inner if e.label_ == "ORG"]
            ent = orgs[0] if orgs else ent
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            return self._from_entity(ent, confidence)
        lemma = token.lemma_.lower()
        phrase = doc[token.left_edge.i : token.i + 1]
        if lemma in self.institutions and [t.lower_ for t in token.lefts] == ["the"]:
            # `the ministry` after `the finance ministry`, or after `the Ministry of Finance`
            named = self._earlier_institution(doc, token)
            if named is not None:
                speaker = self._from_entity(named, confidence - 0.1)
                speaker.mention, speaker.resolution = phrase, "description"
                return speaker
            for name in reversed(self.institutions_seen):
                if name.split()[-1] == token.lower_:
                    return Speaker(name, phrase, confidence=confidence - 0.2, resolution="description")
        text = " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in phrase if t.pos_ != "DET")
        if lemma in self.generic | self.institutions | self.title_heads or token.lower_ in self.generic:
            self.institutions_seen.append(text)
            return Speaker(text, phrase, confidence=confidence - 0.2, resolution="as_written")
        if (described or token.pos_ == "PROPN") and token.pos_ in ("NOUN", "PROPN") and not self._is_data(token):
            # `the New York businessman said`, `one slide says`: a speaker the article describes, not names
            return Speaker(text, phrase, confidence=confidence - 0.3, resolution="as_written")
        return None

    def _titled_name(self, doc: Doc, title: Token, confidence: float) -> Speaker | None:
        """A title whose name the model missed or mislabelled: `Trade Secretary, Rakesh Kumar, said` (the name in
        apposition), `ONS Director of Economic Statistics Clara Whitfield said` (the name ends the subject); and
        `the economist said`, the person the article last gave that title."""
        names = [c for c in title.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if names:
            name, title_words = doc[names[0].left_edge.i : names[0].i + 1], doc[title.left_edge.i : title.i + 1]
        else:
            subtree = list(title.subtree)
            run = leading(subtree[::-1], lambda t: t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in self.title_words
                           and t.ent_type_ not in ("ORG", "GPE", "NORP", "DATE"))[::-1]
            # a name is a given name and a surname (with an initial between): the capitalised words before it
            # belong to the title (`Director of Economic Statistics`)
            run = run[-3:] if len(run) >= 3 and run[-2].text.endswith(".") else run[-2:]
            if len(run) >= 2 and run[0].i > title.i:
                name, title_words = doc[run[0].i : run[-1].i + 1], doc[title.left_edge.i : run[0].i]
            elif [t.lower_ for t in title.lefts] == ["the"]:
                return self._person_titled(doc, title, confidence)
            else:
                return None
        ent = self._entity_at(doc, name[-1])
        if ent is not None and ent.label_ == "PERSON":
            return self._from_entity(ent, confidence)
        role, org = self._role_and_org(title_words)
        return Speaker(name.text, name, role, org, confidence - 0.1)

    def _person_titled(self, doc: Doc, title: Token, confidence: float) -> Speaker | None:
        for ent in reversed(self.entities.before(title.i)):
            if ent.label_ == "PERSON":
                role = self._details_anywhere(ent._.canonical or ent.text)[0]
                if role and title.lower_ in role.lower().split():
                    speaker = self._from_entity(ent, confidence - 0.15)
                    speaker.mention, speaker.resolution = doc[title.i - 1 : title.i + 1], "description"
                    return speaker
        return None

    def _is_data(self, token: Token) -> bool:
        """`customs data`, `the figures`: the source of a figure, not a speaker (`data` lemmatises to `datum`)."""
        return token.lower_ in self.data_nouns or token.lemma_.lower() in self.data_nouns

    def _earlier_institution(self, doc: Doc, token: Token) -> Span | None:
        """`the agency` is the last organisation named before it that is an agency of that kind."""
        earlier = [e for e in self.entities.before(token.i) if e.label_ == "ORG"]
        for ent in reversed(earlier):
            if token.lower_ in ent.text.lower() or (ent._.category == "agency" and token.lower_ in ("agency", "bureau", "ministry", "office", "administration")):
                return ent
        return None

    def _from_entity(self, ent: Span, confidence: float) -> Speaker:
        name = ent._.canonical or ent.text
        if len(ent) == 1 and ent.root.pos_ == "PROPN":
            # `Berger added` after `Lukas Berger said`, `Wang added` after `Wang Lingjun said` (family name first),
            # whatever the model tagged it: the last person named in full with that name
            full = [e._.canonical or e.text for e in self.entities.before(ent.start) if e.label_ == "PERSON"]
            full = [f for f in full if " " in f and ent.text in (f.split()[0], f.split()[-1])]
            if full:
                name = full[-1]
            elif ent.label_ != "PERSON":
                return Speaker(name, ent, confidence=confidence)
        elif ent.label_ != "PERSON":
            return Speaker(name, ent, confidence=confidence)
        role, org = self._person_details(ent)
        if role is None or org is None:
            known = self._details_anywhere(name)
            role, org = role or known[0], org or known[1]
        return Speaker(name, ent, role, org, confidence)

    def _details_anywhere(self, name: str) -> tuple[str | None, str | None]:
        """A person's role and organisation as the article gives them at any mention (`Schmidt, an economist at
        Berenberg,` ... later `Schmidt said`): the first mention that states each."""
        if name not in self.people:
            role = org = None
            # every mention, tagged by the model or not: a title often hides the name from it
            mentions = [self.doc.char_span(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", self.text)]
            mentions += [e for e in self.entities.spans if e.label_ == "PERSON" and e._.canonical == name and e.text != name]
            for mention in sorted((m for m in mentions if m is not None), key=lambda m: m.start):
                if role is not None and org is not None:
                    break
                found = self._person_details(mention)
                role, org = role or found[0], org or found[1]
            self.people[name] = (role, org)
        return self.people[name]

    def _entity_at(self, doc: Doc, token: Token) -> Span | None:
        return self.entities.at(token)

    def _nearest_named(self, doc: Doc, start: int, end: int) -> Speaker | None:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        named = [e for e in self.entities.within(span.start, span.end) if e.label_ in ("PERSON", "ORG")]
        people = [e for e in named if e.label_ == "PERSON"]
        pick = (people or named or [None])[0]
        return self._from_entity(pick, 0.7) if pick is not None else None

    def _resolve_pronoun(self, doc: Doc, token: Token) -> Speaker | None:
        """`he said`, `it said`: the last person (or organisation, then country) the pronoun can stand for, and of
        those in the last few sentences, first one that was the subject of its clause: a speaker is named as the
        subject far more often than as an object (`X met Y on Monday. He said ...` is X's speech)."""
        mention = doc[token.i : token.i + 1]
        sent = self.sentences.of(token.i)
        window_start = (self.sentences.before(sent, PRONOUN_SENTENCES) or self.sentences.spans[0]).start
        for wanted in (("PERSON",),) if token.lower_ in PERSON_PRONOUNS else (("ORG",), ("ORG", "GPE")):
            # people named inside quoted words are spoken of, not speaking
            earlier = [e for e in self.entities.before(token.i) if e.label_ in wanted
                       and not any(s <= e.start_char < t for s, t in self.quoted_spans)]
            if earlier:
                break
        else:
            return Speaker(None, mention, confidence=0.4, resolution="as_written")
        wanted_gender = self.pronoun_genders.get(token.lower_)
        if wanted_gender in ("male", "female"):
            earlier = [e for e in earlier if self._gender_of(e._.canonical or e.text) in (None, wanted_gender)] or earlier
        subjects = [e for e in earlier if e.start >= window_start and e.root.dep_ in SUBJECT_DEPS]
        speaker = self._from_entity((subjects or earlier)[-1], 0.75)
        speaker.mention, speaker.resolution = mention, "pronoun"
        return speaker

    def _gender_of(self, name: str) -> str | None:
        """What the article's honorifics say of a person (`Mr. Grant`, `Mrs. Clinton`), or None."""
        if self.genders is None:
            self.genders = {}
            for ent in self.entities.spans:
                if ent.label_ == "PERSON" and ent.start > 0:
                    gender = self.honorifics.get(self.doc[ent.start - 1].lower_)
                    if gender is not None:
                        self.genders.setdefault(ent._.canonical or ent.text, gender)
        return self.genders.get(name)

    def _person_details(self, ent: Span) -> tuple[str | None, str | None]:
        """Role and organisation from the words around a name: before it (`Hanse Bank chief economist Lena Park`,
        `the chamber's head of policy, Tom Ashby,`, `Nordlane's Ana Ruiz`) or after it (`Ana Ruiz, a trade
        strategist at Vela Capital,`, `Sam Ortiz at Maple Economics`)."""
        doc = ent.doc
        before = self._title_before(doc, ent.start)
        role, org = self._role_and_org(before)
        if not role and ent.start >= 2 and doc[ent.start - 1].text == ",":
            role, org = self._role_and_org(self._title_before(doc, ent.start - 1, loose=True))
        if role:
            return role, org
        org = org or self._org_of(before)
        if ent.end < len(doc) and doc[ent.end].text == ",":
            j = ent.end + 1
            # to the next comma, unless the comma is inside a name (`the Federation of Wholesale, Retail and ...`)
            while j < len(doc) and (doc[j].ent_iob_ == "I" or doc[j].text not in (",", ".", ";", "\u201c", "\u201d", '"', "\n")) and not (
                doc[j].pos_ == "VERB" and doc[j].lemma_.lower() in self.cue_verbs
            ):
                j += 1
            after_role, after_org = self._role_and_org(doc[ent.end + 1 : j])
            return after_role, after_org or org
        if ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("at", "of", "from", "with"):
            return None, org or self._org_of(doc[ent.end + 1 : ent.end + 2 + 6])
        return None, org

    def _title_before(self, doc: Doc, end: int, loose: bool = False) -> Span:
        """The words of a title just before position `end`: title words, names of organisations, `'s`, capitalised
        words of a title (`Director of Economic Statistics`); `loose` also takes articles and lower-case words, for
        a title set off by a comma (`the chamber's head of trade policy, Tom Ashby`)."""
        i = end - 1
        sent_start = self.sentences.of(end - 1).start if end > 0 else 0
        while i >= sent_start:
            t = doc[i]
            if t.lower_ in self.title_words or t.ent_type_ in ("ORG", "GPE", "LOC", "NORP") or t.lower_ in ("'s", "\u2019s", "'", "\u2019"):
                i -= 1
            elif t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME", "PERSON") and t.text[:1].isupper():
                i -= 1
            elif loose and (t.pos_ in ("DET", "ADJ", "NOUN") or t.lower_ in ("of", "for", "and")) and not t.is_punct:
                i -= 1
            elif (t.pos_ in ("ADJ", "NOUN") or t.lower_ in ("of", "for", "and")) and any(
                w.lower_ in self.title_heads for w in doc[max(sent_start, i - 4) : i]
            ):
                i -= 1  # `director of economic statistics Liz McKeown`: lower-case words of a title
            else:
                break
        start = i + 1
        while start < end and doc[start].lower_ in ("of", "for", "and"):
            start += 1
        return doc[start:end]

    def _org_of(self, phrase: Span) -> str | None:
        orgs = [e for e in self.entities.within(phrase.start, phrase.end) if e.label_ == "ORG"]
        return (orgs[0]._.canonical or orgs[0].text) if orgs else None

    def _role_and_org(self, phrase: Span) -> tuple[str | None, str | None]:
        """`a trade researcher at the Harbin Institute of Commerce` -> (`trade researcher`, the institute)."""
        if not any(t.lower_ in self.title_heads for t in phrase):
            return None, None
        # `Trade` in `Trade Secretary`, tagged an organisation by the model, is part of the title
        orgs = [e for e in self.entities.within(phrase.start, phrase.end)
                if e.label_ == "ORG" and not all(t.lower_ in self.title_words for t in e)]
        org = (orgs[0]._.canonical or orgs[0].text) if orgs else None
        in_org = {i for e in orgs for i in range(e.start, e.end)}
        tokens = [t for t in phrase if t.i not in in_org]
        # `the chamber's head of policy`: the possessor is who the person works for, not part of the role
        possessive = [n for n, t in enumerate(tokens) if t.lower_ in ("'s", "\u2019s", "'", "\u2019")]
        if possessive:
            tokens = tokens[possessive[-1] + 1 :]
        # `Nordbank economist`: capitalised words before the title, that the model did not tag, name the employer
        lead = 0
        while lead < len(tokens) and tokens[lead].pos_ == "PROPN" and tokens[lead].lower_ not in self.title_words:
            lead += 1
        if lead and lead < len(tokens):
            org = org or " ".join(t.text for t in tokens[:lead])
            tokens = tokens[lead:]
        # the role ends where the organisation is introduced: `at`, `with`, `from`, or `of`/`for` + the org
        for n, t in enumerate(tokens):
            nxt = tokens[n + 1] if n + 1 < len(tokens) else None
            if t.lower_ in ("at", "with", "from") or (t.lower_ in ("of", "for") and (nxt is None or nxt.i + 1 in in_org or nxt.i in in_org or (nxt.pos_ == "DET" and nxt.i + 1 in in_org))):
                if org is None:
                    # `economist at the Economist Intelligence Unit`, the name not tagged: its capitalised words
                    named = [w for w in tokens[n + 1 :] if w.pos_ != "DET"]
                    run = leading(named, lambda w: w.pos_ == "PROPN" or w.lower_ in ("of", "for", "and"))
                    while run and run[-1].pos_ != "PROPN":
                        run.pop()
                    org = " ".join(w.text for w in run) or None
                tokens = tokens[:n]
                break
        while tokens and tokens[0].pos_ == "DET":
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("DET", "ADP")):
            tokens = tokens[:-1]
        role = " ".join(t.text for t in tokens).strip() or None
        return role, org

    # --- records -------------------------------------------------------------------------

    def _named_as(self, mention: Span) -> Speaker | None:
        """The person or organisation a label names: its entity, or a person whose name ends with it
        (`PENCE` for `Mike Pence`)."""
        ent = self._entity_at(mention.doc, mention[-1])
        if ent is not None and ent.start == mention.start and ent.end == mention.end and ent.label_ in ("PERSON", "ORG"):
            speaker = self._from_entity(ent, 0.7)
            speaker.mention = mention
            return speaker
        label = mention.text.lower()
        for ent in self.entities.spans:
            name = ent._.canonical or ent.text
            if ent.label_ == "PERSON" and " " in name and name.lower().split()[-1] == label:
                speaker = self._from_entity(ent, 0.65)
                speaker.mention, speaker.resolution = mention, "description"
                return speaker
        return None
