"""Reported speech: what a verb of saying, asking, intending or taking a stance reports, read from the parse,
and how it joins the quotes in marks (a report holding quoted words is a mixed quote). A mixin of DocumentQuotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...extensions import guarded
from ...normalize.quote_marks import Quoted
from ..doc_index import positions
from .spans import after_dateline, nearest, span_dict, trim_punct
from .speakers import GROUP_PRONOUNS, PERSON_PRONOUNS, Speaker

# a line opened by one to four capitalised words and a colon: `PENCE: ...`, `Ana Ruiz: ...`
LABELLED_LINE = re.compile(r"(?m)^[ \t]*([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}):[ \t]+(\S[^\n]*)$")
FIGURE_TYPES = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
TRAILING_MARKS = frozenset(".,;:!?\"\u201d\u2019'")


@dataclass
class Report:
    """Speech reported without quote marks: what was said (one or two pieces), the cue, who said it."""
    pieces: list[Span]
    cue: Span
    speaker: Speaker

    @property
    def start(self) -> int:
        return self.pieces[0].start_char

    @property
    def end(self) -> int:
        return self.pieces[-1].end_char


class ReportedSpeech:
    """Speech reported without quote marks, and how it joins the quotes in marks (a mixin of DocumentQuotes)."""

    def _with_reports(self, records: list[dict], reports: list[Report]) -> list[dict]:
        """Reported speech joins the quotes: as an indirect quote where it holds no quote marks, as a mixed quote
        that takes in the partial quotes it holds, and not at all where it would cut through a quote."""
        for report in reports:
            inside = self._inside(records, report)
            whole = [r for r in inside if r["kind"] != "partial"]
            if whole and report.start < whole[0]["start"] - 1:
                # `she said fathers would not be eligible, and when pressed, replied, "..."`: the report stops
                # before the quote that follows it
                report = self._cut_before(report, whole[0]["start"] - 1)
                if report is None:
                    continue
                inside = self._inside(records, report)
            held = {id(r) for r in inside}
            crossing = [r for r in records if r["start"] < report.end and report.start < r["end"] and id(r) not in held]
            if crossing or any(r["kind"] != "partial" for r in inside):
                continue
            record = self._indirect(report)
            if inside:
                record["kind"] = "mixed"
                record["quoted"] = [part for r in inside for part in r["quoted"]]
                if record["speaker"] is None and inside[0]["speaker"] is not None:
                    record.update({k: inside[0][k] for k in ("speaker", "speaker_mention", "speaker_role", "speaker_org", "speaker_resolution")})
                records = [r for r in records if id(r) not in held]
            records.append(record)
        return records

    def _inside(self, records: list[dict], report: Report) -> list[dict]:
        """The quotes a report holds: up to the punctuation and closing marks its content was trimmed of
        (`was "unhinged, even for him."`)."""
        end = report.end
        while end < len(self.text) and self.text[end] in TRAILING_MARKS:
            end += 1
        return [r for r in records if report.start <= r["start"] and r["end"] <= end]

    def _cut_before(self, report: Report, offset: int) -> Report | None:
        """The report up to the last clause boundary (comma, semicolon, conjunction) before `offset`."""
        piece = report.pieces[0]
        tokens = [t for t in piece if t.idx < offset]
        while tokens and not (tokens[-1].text in (",", ";", ":") or tokens[-1].dep_ == "cc"):
            tokens.pop()
        span = trim_punct(piece.doc[piece.start : tokens[-1].i]) if tokens else None
        while span is not None and span[-1].dep_ == "cc":
            span = trim_punct(span[:-1]) if len(span) > 1 else None
        return Report([span], report.cue, report.speaker) if span is not None and len(span) >= 3 else None

    def _reports(self, doc: Doc, quoted: list[Quoted]) -> list[Report]:
        """`X said that ...`, `..., X said`, `X urged voters to ...`, `X pledged to ...`, `according to X, ...`:
        speech reported without quote marks (or with a few quoted words inside). A sentence can hold several
        (`X said Y had told him that ...`)."""
        reports = []
        marked = [(q.start - 1, q.end + 1) for q in quoted]
        seen: set[tuple[int, int]] = set()
        for i in positions(doc, lemma=self.reporting_verbs, lower=frozenset({"according"})):
            token = doc[i]
            if any(s <= token.idx < e for s, e in marked):
                continue
            with guarded(doc, "reported speech", token):
                found = self._reported_at(doc, self.sentences.of(i), token)
                if found is not None and (found.start, found.end) not in seen:
                    reports.append(found)
                    seen.add((found.start, found.end))
        reports.extend(self._labelled_lines(doc, marked))
        return reports

    def _labelled_lines(self, doc: Doc, marked: list[tuple[int, int]]) -> list[Report]:
        """`PENCE: Well, the question ...` in a transcript, `Lindqvist: Exporters Adapt` in a headline: a line
        opened by a speaker's name and a colon is that speaker's. The name must be one the article gives a
        person or an organisation (`Note:` and `Photo:` are not speakers)."""
        reports = []
        for line in LABELLED_LINE.finditer(self.text):
            label, body = line.span(1), line.span(2)
            if any(s < body[1] and body[0] < e for s, e in marked):
                continue  # a quoted line: the quote's own attribution reads the colon
            mention = doc.char_span(*label)
            content = doc.char_span(*body, alignment_mode="contract")
            if mention is None or content is None or len(content) < 3:
                continue
            speaker = self._named_as(mention)
            colon = doc.char_span(label[1], label[1] + 1, alignment_mode="expand")
            if speaker is not None and colon is not None:
                reports.append(Report([content], colon, speaker))
        return reports

    def _clause_carrying(self, doc: Doc, q: Quoted, cue: Token, speaker: Speaker) -> Report | None:
        """`X tweeted that the plan was "a con"`, `X called the deal "a disaster"`: the words a cue verb governs
        around a partial quote, which make it a mixed quote."""
        if cue.pos_ != "VERB" or cue.idx > q.start:
            return None
        sent = self.sentences.of(cue.i)
        pieces = self._reported_content(doc, sent, cue) if cue.lemma_.lower() in self.reporting_verbs else []
        if not pieces:
            span = trim_punct(doc[cue.i + 1 : cue.right_edge.i + 1])
            pieces = [span] if span is not None else []
        pieces = [p for p in pieces if p.start_char <= q.start - 1 and q.end <= p.end_char + 1]
        if not pieces:
            return None
        return Report(pieces[:1], doc[cue.i : cue.i + 1], speaker)

    @staticmethod
    def _reported_around(q: Quoted, reports: list[Report]) -> tuple[Speaker | None, Token | None]:
        """`X accused them of being "duped"`: quoted words inside reported speech are the reporter's."""
        around = [r for r in reports if r.start <= q.start - 1 and q.end + 1 <= r.end]
        if not around:
            return None, None
        inner = min(around, key=lambda r: r.end - r.start)
        return inner.speaker, inner.cue[0]

    def _reported_at(self, doc: Doc, sent: Span, token: Token) -> Report | None:
        if token.lower_ == "according":
            return self._according_to(doc, sent, token)
        if token.pos_ != "VERB":
            return None
        trailing = self._trailing_attribution(doc, sent, token)
        if trailing is not None:
            subject, pieces = trailing
        else:
            subject = self._reporting_subject(token)
            if subject is None or (subject.head != token and token.dep_ == "advcl" and token.tag_ == "VBN"):
                return None  # `Asked about Europe, the official said`: who is asked is not the one who asks
            if self._is_data(subject):
                return None  # `customs data showed ...`: the source of a figure, which the claims carry
            pieces = self._reported_content(doc, sent, token)
        if not pieces:
            return None
        lemma = token.lemma_.lower()
        # a verb of saying makes its subject a speaker (`the businessman said`); a request or an intention
        # (`chip demand`, `prices want`) needs a subject that can speak
        speaker = self._speaker_from_token(doc, subject, 0.8 if lemma in self.reported_verbs else 0.7,
                                           described=lemma in self.reported_verbs)
        if speaker is None or (speaker.name is None and speaker.mention is None):
            return None
        return Report(pieces, doc[token.i : token.i + 1], speaker)

    def _according_to(self, doc: Doc, sent: Span, token: Token) -> Report | None:
        if token.i + 1 >= sent.end or doc[token.i + 1].lower_ != "to":
            return None
        objects = [t for t in doc[token.i + 1].children if t.dep_ == "pobj"]
        if not objects or self._is_data(objects[0]):
            return None  # `according to customs data`: the source of a figure, not a speaker
        speaker = self._speaker_from_token(doc, objects[0], 0.8)
        # the reported words are the sentence around `according to X`, in one or two parts; at the head of a
        # sentence the phrase ends at its comma, whatever the parser attached to it
        after = objects[0].right_edge.i + 1
        if token.i == after_dateline(sent) or token.i == sent.start:
            after = next((t.i + 1 for t in doc[token.i : sent.end] if t.text == ","), after)
        pieces = [trim_punct(doc[sent.start : token.i]), trim_punct(doc[after : sent.end])]
        pieces = [p for p in pieces if p is not None and len(p) >= 3]
        if not pieces or speaker is None or speaker.name is None:
            return None
        return Report(pieces, doc[token.i : token.i + 2], speaker)

    @staticmethod
    def _reporting_subject(verb: Token) -> Token | None:
        """Who reports: the verb's active subject, or the subject of the verb it continues (`X lashed out,
        saying ...`, `X arrived and said ...`, `X was criticized for saying ...`); for `a statement saying ...`,
        the noun it describes. A passive (`exports are expected to ...`) reports no one."""
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            candidates: tuple[Token, ...] = (verb, verb.head.head)  # `with X saying` has its own subject
        else:
            candidates = (verb, verb.head) if verb.dep_ in ("conj", "advcl", "xcomp") else (verb,)
        for candidate in candidates:
            # `X was praised for saying ...`: after a preposition, a passive's subject is still who spoke
            wanted = ("nsubj", "nsubjpass") if candidate is not verb and verb.dep_ == "pcomp" else ("nsubj",)
            subjects = [t for t in candidate.children if t.dep_ in wanted]
            if subjects:
                return nearest(subjects, candidate)
            if any(t.dep_ == "nsubjpass" for t in candidate.children):
                return None
        # `..., Commerce Secretary Anil Rao said that ...` parsed with the name hung elsewhere: the name just
        # before the verb
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.i >= verb.sent.start and (before.ent_type_ in ("PERSON", "ORG") or before.pos_ == "PROPN"):
            return before
        return None

    def _reported_content(self, doc: Doc, sent: Span, verb: Token) -> list[Span]:
        """What was reported, by the verb's kind: a clause for verbs of saying and thinking, an infinitive or an
        object for requests and intentions, a complement for verbs of stance; the rest of the sentence when the
        attribution stands aside from it."""
        lemma = verb.lemma_.lower()
        for reading in (self._clause_reported, self._complement_reported):
            pieces = reading(doc, verb, lemma)
            if pieces is not None:
                return pieces
        if lemma not in self.reported_verbs:
            return []
        return self._aside_reported(doc, sent, verb, lemma)

    def _clause_reported(self, doc: Doc, verb: Token, lemma: str) -> list[Span] | None:
        """`said (that) ...`: the verb's clause; None when it has none."""
        # the clause after the verb if there is one (`...; the team says she will go on` has the parser hang
        # both clauses on `says`); one before it only when nothing stronger than a comma stands between
        clauses = sorted((t for t in verb.children if t.dep_ == "ccomp"), key=lambda t: (t.i < verb.i, t.i))
        clauses = [c for c in clauses if c.i > verb.i or not any(t.text in (";", ":") for t in doc[c.right_edge.i + 1 : verb.i])]
        if clauses and lemma in self.reported_verbs:
            clause = clauses[0]
            start = clause.left_edge.i + (doc[clause.left_edge.i].lower_ in ("that", "whether", "if"))
            end = clause.right_edge.i + 1
            # `said the timing was not intentional; they only learned ...`: a semicolon ends what was reported
            end = next((t.i for t in doc[max(start, verb.i + 1) : end] if t.text == ";"), end)
            return [p for p in (trim_punct(doc[start:end]),) if p is not None and len(p) >= 2]
        return None

    def _complement_reported(self, doc: Doc, verb: Token, lemma: str) -> list[Span] | None:
        """`urged members to ...`, `pledged to ...`, `criticized the levy as unfair`: what the verb takes; None
        when it takes nothing that reads as what was said."""
        if lemma in self.request_verbs or lemma in self.intention_verbs:
            takes_object = lemma in self.request_verbs or lemma in self.intentions_with_object
            wanted = ("xcomp", "ccomp", "dobj", "dative") if takes_object else ("xcomp", "ccomp")
            rights = list(verb.rights)
            parts = [t for t in rights if t.dep_ in wanted]
            # `called for a recount`, `asked about the deal`: the preposition right after the verb opens the content
            if rights and rights[0].dep_ == "prep" and rights[0].i == verb.i + 1 and lemma in self.request_verbs:
                parts.append(rights[0])
            if parts and (any(p.dep_ in ("xcomp", "ccomp", "prep") for p in parts) or lemma in self.intentions_with_object):
                first = min(p.left_edge.i for p in parts)
                last = max(p.right_edge.i for p in parts)
                span = trim_punct(doc[first : last + 1])
                return [span] if span is not None and len(span) >= 2 else []
        if lemma in self.object_verbs or lemma in self.stance_verbs:
            # `emphasized the need for vigilance`, `attributed the fall to tariffs`, `criticized the deal as
            # unfair`, `talked about the plan`: what the verb takes, after a preposition that belongs to the verb
            rights = [t for t in verb.rights if t.dep_ in ("dobj", "dative", "prep", "oprd", "xcomp", "ccomp", "acomp")
                      and not (t.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in t.children))]  # `on Monday`
            if rights and (rights[0].dep_ != "prep" or rights[0].i == verb.i + 1):
                first = rights[0]
                start = first.left_edge.i
                if first.dep_ == "prep" and first.i == start:
                    start += 1  # `talked about the plan`: the plan
                span = trim_punct(doc[start : rights[-1].right_edge.i + 1])
                if span is not None and any(not t.is_stop for t in span) and not _holds_figure(span):
                    return [span]
        return None

    def _aside_reported(self, doc: Doc, sent: Span, verb: Token, lemma: str) -> list[Span]:
        """A verb of saying with no clause: its object, or the sentence it stands aside from."""
        objects = [t for t in verb.rights if t.dep_ == "dobj"]
        if objects and lemma not in ("tell", "ask") and not _holds_figure(objects[0].subtree):
            # `said the same thing`, `learned the hard way`: the object, unless it is a figure (`reported a
            # surplus of $5 billion` is a claim, which the claims carry)
            span = trim_punct(doc[objects[0].left_edge.i : objects[0].right_edge.i + 1])
            if span is not None and any(not t.is_stop for t in span):
                return [span]
        if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            # `Japan recorded a deficit, the ministry said, as ...` and `Acts of protest, he said, are ...`; a
            # clause joined after the attribution (`..., the ministry said, and imports rose`) is the writer's.
            # An attribution set off by commas (`Though the change was smooth, he said, a new one would be
            # bitter`) stands aside from the whole sentence.
            head = verb.head
            set_off = verb.left_edge.i > sent.start and doc[verb.left_edge.i - 1].text == "," and verb.right_edge.i + 1 < sent.end and doc[verb.right_edge.i + 1].text == ","
            first, last = (after_dateline(sent), sent.end) if set_off else (head.left_edge.i, head.right_edge.i + 1)
            pieces = [trim_punct(doc[first : verb.left_edge.i]), trim_punct(doc[verb.right_edge.i + 1 : last])]
            pieces = [p for p in pieces if p is not None and len(p) >= 2]
            if len(pieces) == 2 and pieces[1][0].dep_ == "cc":
                pieces = pieces[:1]
            return pieces
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            # `As the magazine reported on Friday, the drop may be ...`: the clause it stands aside from
            head = verb.head
            pieces = [trim_punct(doc[head.left_edge.i : verb.left_edge.i]), trim_punct(doc[verb.right_edge.i + 1 : head.right_edge.i + 1])]
            return [p for p in pieces if p is not None and len(p) >= 3]
        follows = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if follows is not None and follows.text == ":" and follows.i + 1 >= sent.end:
            # `The release also said:` and the report in the next paragraph
            after = self.sentences.of(follows.i + 1) if follows.i + 1 < len(doc) else None
            if after is not None and after.start > follows.i and not any(ch in after.text for ch in "\u201c\u201d\""):
                span = trim_punct(after)
                return [span] if span is not None and len(span) >= 3 else []
        marks = [t for t in verb.subtree if t.i > verb.i and t.dep_ == "mark" and t.lower_ == "that" and t.head.pos_ in ("VERB", "AUX")]
        if marks:
            # `saying after he met the envoy that the sides could not agree`: the parser hangs the clause elsewhere
            span = trim_punct(doc[marks[0].i + 1 : verb.right_edge.i + 1])
            return [span] if span is not None and len(span) >= 3 else []
        if sent[0].text == "," and sent.start > 0 and verb.i - sent.start <= 6:
            # `..., the Office for National Statistics said.` split off from its report by the parser
            previous = self.sentences.before(sent)
            span = trim_punct(doc[max(previous.start, after_dateline(previous)) : previous.end])
            return [span] if span is not None else []
        return []

    def _trailing_attribution(self, doc: Doc, sent: Span, verb: Token) -> tuple[Token, list[Span]] | None:
        """`Oil prices pulled exports down, Trade Secretary, Rakesh Kumar, said.`: a report closed by a speaker
        set off with commas, which the parser often reads as part of the report. The speaker is the phrase between
        the report and the verb; it must read as a name, a title or a pronoun."""
        if verb.lemma_.lower() not in self.reported_verbs:
            return None
        if any(not (t.is_punct or t.is_space) for t in doc[verb.i + 1 : sent.end]) or verb.i - sent.start < 5:
            return None
        subjects = [t for t in verb.children if t.dep_ == "nsubj"]
        commas = [t.i for t in doc[max(sent.start, verb.i - 14) : verb.i] if t.text == ","]
        if not commas or (subjects and subjects[0].i > commas[-1]):
            return None  # no comma before the speaker, or the parser already found the speaker after it
        for comma in commas:
            phrase = doc[comma + 1 : verb.i]
            if len(phrase) and all(self._speaker_word(t) for t in phrase) and comma - sent.start >= 3:
                roots = [t for t in phrase if not t.is_punct and not (phrase.start <= t.head.i < phrase.end)]
                content = trim_punct(doc[max(sent.start, after_dateline(sent)) : comma])
                if roots and content is not None and len(content) >= 3:
                    return roots[0], [content]
        return None

    def _speaker_word(self, token: Token) -> bool:
        return (token.is_punct and token.text == ",") or token.pos_ in ("PROPN", "DET") or token.lower_ in self.title_words \
            or token.lower_ in ("'s", "\u2019s", "of", "for", "at") or token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS \
            or token.lower_ in self.generic or token.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")

    def _indirect(self, report: Report) -> dict:
        speaker = report.speaker
        return {
            "text": self.text[report.start : report.end],
            "start": report.start,
            "end": report.end,
            "content": " ".join(p.text for p in report.pieces),
            "kind": "indirect",
            "parts": [span_dict(p) for p in report.pieces],
            "quoted": [],
            "cue": span_dict(report.cue),
            "speaker": speaker.name,
            "speaker_mention": span_dict(speaker.mention) if speaker.mention is not None else None,
            "speaker_role": speaker.role,
            "speaker_org": speaker.org,
            "speaker_resolution": speaker.resolution,
            "confidence": round(speaker.confidence * 0.9, 2),
        }


def _holds_figure(tokens) -> bool:
    """`see the surplus settling between 3% and 4%`, `reported a surplus of $5 billion`: a figure, which the claims
    carry, not speech."""
    return any(t.like_num or t.ent_type_ in FIGURE_TYPES for t in tokens)
