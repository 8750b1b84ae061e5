"""Said: direct quotes and their speakers.

A quote is text between quotation marks (“ ”, " ", « », „ “, ‘ ’) that is a
statement: names, titles and slogans in quotation marks ("Golden 30th
Anniversary", a "strong protest") are not. The speaker comes from the cue next
to it ("..., Tokayev said", "- the Head of State said", "He stressed: “...”"),
resolved through the entity layer: a name, a surname, a description or a
pronoun (the person mentioned last before the quote).

Reported speech ("Xi Jinping said that he was glad to visit Kazakhstan") is a
quote of kind "indirect": a speech verb's clausal complement (spaCy's
``ccomp``) outside any quotation marks, with the verb's subject as speaker.
"""

from __future__ import annotations

import re

from dyads.model import Document, Entity, Quote
from dyads.annotate.registry import component

SPEECH_VERBS = (
    "said|says|say|stressed|stresses|noted|notes|added|adds|remarked|remarks|concluded|told|tells|emphasized|emphasised|"
    "emphasizes|underlined|underscored|stated|states|declared|explained|recalled|asked|replied|insisted|warned|wrote|"
    "continued|pointed out|assured|highlighted|announced|affirmed|believes|believed|according to|quoted|read|reads|"
    "posted|tweeted|acknowledged|argued|claimed|confirmed|commented|urged|responded|contended|maintained|observed"
)
# the opening and closing marks of each style; a quote may run over paragraphs
QUOTE_PATTERNS = [
    re.compile(r"“(?P<q>[^”“]{2,3000}?)”"),
    re.compile(r"«(?P<q>[^»«]{2,3000}?)»"),
    re.compile(r"„(?P<q>[^“„”]{2,3000}?)[“”]"),
    re.compile(r'(?<![\w])"(?P<q>[^"]{2,3000}?)"(?![\w])'),
    re.compile(r"(?<![\w])‘(?P<q>[^’‘]{2,3000}?)’(?![\w])"),
]
_CUE_AFTER = re.compile(
    rf"^\s*[,.]?\s*[-–—]?\s*(?P<speaker>(?:[Tt]he\s+|[Hh]is\s+|[Hh]er\s+|[Aa]n?\s+)?[\w’'\-. ]{{1,80}}?)\s+(?P<cue>{SPEECH_VERBS})\b"
    rf"|^\s*[,.]?\s*[-–—]?\s*(?P<cue2>{SPEECH_VERBS})\s+(?P<speaker2>(?:[Tt]he\s+)?[\w’'\-. ]{{1,80}}?)(?=[.,;]|\s+(?:on|at|in|during|after|while|who|when|before|ahead|as)\b|$)"
)
# "…," Dina Mufti, the ministry’s spokesman and a former envoy, said on Tuesday.
_APPOSITIVE_AFTER = re.compile(
    rf"^\s*[,.]?\s*[-–—]?\s*(?P<speaker>[A-Z][\w’'\-. ]{{1,60}}?),[^“”\"«»\n]{{1,160}}?,\s+(?P<cue>{SPEECH_VERBS})\b"
)
# "…," PAP quoted Rau as saying
_QUOTED_AS_SAYING = re.compile(r"^\s*[,.]?\s*[\w’'\-. ]{1,60}?\s+quoted\s+(?P<speaker>[\w’'\-. ]{1,60}?)\s+as\s+saying")
_CUE_BEFORE = re.compile(rf"(?P<speaker>[\w’'\-. ]{{1,80}}?)\s+(?P<cue>{SPEECH_VERBS})(?:\s+that)?\s*[:,]?\s*$")
# an attribution colon: a name (of a person or body) right before the colon introduces the words
# ("Varga: “…”", "In the words of Ilse Varga: “…”", "Quoting the ministry spokesman Arman Oskarov: “…”");
# the words before the name only frame it, unless they make it an addressee ("a message to Varga:")
_COLON_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(?P<speaker>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3})\s*:\s*$")
_ADDRESSEE_BEFORE = re.compile(r"\b(?:to|with|for|at|about|against|toward|towards|on|into|from\s+\w+\s+to)\s+(?:the\s+)?$", re.I)
PRONOUNS = {"he", "she", "they", "He", "She", "They"}
MALE, FEMALE = {"he", "him", "his"}, {"she", "her", "hers"}
MIN_STATEMENT_WORDS = 4  # shorter text in quotation marks is a name, a title or a slogan
# verbs that introduce a quotation later in their sentence ("X said in a statement that A and B “…”")
INTRODUCING_LEMMAS = {
    "say", "stress", "note", "add", "remark", "conclude", "tell", "emphasize", "emphasise", "underline", "underscore",
    "state", "declare", "explain", "recall", "reply", "insist", "warn", "write", "point", "assure", "highlight",
    "announce", "affirm", "confirm", "claim", "argue", "express", "describe", "call", "urge", "post", "tweet",
    "welcome", "denounce", "condemn", "accuse", "hope", "comment", "acknowledge",
}
_RANK = {"PERSON": 0, "ORG": 1}


def _mention_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity named inside [start, end): a person before an organisation before a state;
    among equals, the one named first."""
    best, best_key = None, None
    for entity in entities:
        for m in entity.mentions:
            if m.start >= start and m.end <= end:
                key = (_RANK.get(entity.type, 2), m.start)
                if best_key is None or key < best_key:
                    best, best_key = entity, key
    return best


def person_genders(doc: Document) -> dict[str, str]:
    """'m' or 'f' for the people whose text says so: the first personal pronoun after a mention
    (before anyone else is named) votes, and so do honorifics and gendered offices."""
    people = [e for e in doc.entities if e.type == "PERSON"]
    spans = sorted((m.start, m.end, e.id) for e in people for m in e.mentions)
    votes: dict[str, list[int]] = {}
    for i, (start, end, entity_id) in enumerate(spans):
        stop = min([s for s, _, other in spans[i + 1:] if other != entity_id][:1] + [end + 200])
        window = doc.body[end:stop]
        m = re.search(r"(?<![\w])(he|him|his|she|her|hers)(?![\w])", window, re.I)
        tally = votes.setdefault(entity_id, [0, 0])
        if m:
            tally[0 if m.group(1).lower() in MALE else 1] += 1
        before = doc.body[max(0, start - 5):start]
        if re.search(r"\bMr\.?\s*$", before):
            tally[0] += 2
        elif re.search(r"\b(?:Mrs|Ms|Madam)\.?\s*$", before):
            tally[1] += 2
    for entity in people:
        if any(re.search(r"woman\b", t, re.I) for t in entity.titles):
            votes.setdefault(entity.id, [0, 0])[1] += 2
    return {k: ("m" if v[0] > v[1] else "f") for k, v in votes.items() if v[0] != v[1]}


class SpeakerResolver:
    """Who a speaker phrase of one document refers to."""

    def __init__(self, doc: Document, parsed=None):
        self.doc, self.parsed = doc, parsed
        self.genders = person_genders(doc)
        self.people = [e for e in doc.entities if e.type == "PERSON"]
        # grammatical subjects that are people: the salient ones a pronoun refers back to
        self.subjects: list[tuple[int, Entity]] = []
        if parsed is not None:
            for token in parsed:
                # the subject of a sentence, not of a clause inside it ("… arranged for Tsai to go")
                if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ in {"ROOT", "conj"}:
                    left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
                    found = _mention_at(self.people, left, right)
                    if found is not None:
                        self.subjects.append((left, found))

    def resolve(self, start: int, end: int, text: str) -> Entity | None:
        words = text.strip().split()
        last = words[-1].lower() if words else ""
        if last in {"he", "she"} and len(words) <= 2:
            return self.pronoun(start, "m" if last == "he" else "f")
        if last == "it" and len(words) <= 2:
            return self.last_organisation(start)
        found = _mention_at(self.doc.entities, start, end)
        if found is None and re.search(r"\bstatement\b", text):
            return self.last_organisation(start)
        return found

    def pronoun(self, position: int, gender: str) -> Entity | None:
        """The person a 'he' or 'she' at ``position`` refers to: the last compatible subject in the
        preceding 600 characters, else the last compatible person named."""
        fits = [e for e in self.people if self.genders.get(e.id, gender) == gender]
        ids = {e.id for e in fits}
        subjects = [(at, e) for at, e in self.subjects if e.id in ids and position - 600 < at < position]
        if subjects:
            return subjects[-1][1]
        best, best_at = None, -1
        for entity in fits:
            for m in entity.mentions:
                if best_at < m.start < position:
                    best, best_at = entity, m.start
        return best

    def last_organisation(self, position: int) -> Entity | None:
        """What 'it' or 'the statement' refers to: the last institution or organisation named before."""
        best, best_at = None, -1
        for entity in self.doc.entities:
            if entity.type != "ORG":
                continue
            for m in entity.mentions:
                if best_at < m.start < position:
                    best, best_at = entity, m.start
        return best

    def sentence_cue(self, quote_start: int) -> Entity | None:
        """'The ministry said in a statement that A and B “…”': the subject of the verb that introduces
        the quotation earlier in its sentence."""
        if self.parsed is None:
            return None
        opening = quote_start - 1
        token = next((t for t in self.parsed if t.idx <= opening < t.idx + len(t.text)), None)
        if token is None:
            return None
        sent = token.sent
        verbs = [t for t in sent if t.idx < opening and t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in INTRODUCING_LEMMAS]
        for verb in reversed(verbs):
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None and verb.dep_ in {"conj", "xcomp", "advcl"}:
                subject = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None:
                continue
            left, right = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
            return self.resolve(left, right, self.doc.body[left:right])
        return None


def find_quotes(doc: Document, parsed=None) -> list[Quote]:
    body = doc.body
    resolver = SpeakerResolver(doc, parsed)
    spans: list[tuple[int, int, str]] = []
    for pattern in QUOTE_PATTERNS:
        for m in pattern.finditer(body):
            if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                spans.append((m.start("q"), m.end("q"), m.group("q")))
    spans.sort()
    quotes: list[Quote] = []
    for start, end, text in spans:
        words = text.split()
        after = body[end + 1: end + 160].split("\n")[0]
        line_start = body.rfind("\n", 0, start) + 1
        before = body[line_start: start - 1]
        speaker = cue = None
        m = _CUE_AFTER.match(after)
        saying = _QUOTED_AS_SAYING.match(after)
        if saying:
            cue = "quoted"
            offset = end + 1 + saying.start("speaker")
            speaker = resolver.resolve(offset, offset + len(saying.group("speaker")), saying.group("speaker"))
        elif m and not (m.group("cue") or m.group("cue2")) == "according to":
            name = m.group("speaker") or m.group("speaker2")
            cue = m.group("cue") or m.group("cue2")
            offset = end + 1 + m.start("speaker" if m.group("speaker") else "speaker2")
            speaker = resolver.resolve(offset, offset + len(name), name)
        if speaker is None:
            b = _CUE_BEFORE.search(before)
            colon = _COLON_BEFORE.search(before)
            if colon and _ADDRESSEE_BEFORE.search(before[: colon.start("speaker")]):
                colon = None
            if b:
                cue = b.group("cue")
                offset = line_start + b.start("speaker")
                speaker = resolver.resolve(offset, offset + len(b.group("speaker")), b.group("speaker"))
            elif colon:
                cue = ":"
                offset = line_start + colon.start("speaker")
                speaker = resolver.resolve(offset, offset + len(colon.group("speaker")), colon.group("speaker"))
            if speaker is None and before.strip():
                introduced = resolver.sentence_cue(start)
                if introduced is not None:
                    speaker = introduced
                    # words of a statement, not a name or term in quotation marks ("Vienna Convention on ...")
                    capitalised = sum(1 for w in words if w[:1].isupper())
                    if len(words) >= MIN_STATEMENT_WORDS and capitalised * 2 < len(words):
                        cue = cue or "introduced"
        if speaker is None:
            appositive = _APPOSITIVE_AFTER.match(after)
            if appositive:
                cue = appositive.group("cue")
                offset = end + 1 + appositive.start("speaker")
                speaker = resolver.resolve(offset, offset + len(appositive.group("speaker")), appositive.group("speaker"))
        if speaker is None and m and (m.group("cue") or m.group("cue2")) == "according to":
            name = m.group("speaker") or m.group("speaker2")
            cue = "according to"
            offset = end + 1 + m.start("speaker" if m.group("speaker") else "speaker2")
            speaker = resolver.resolve(offset, offset + len(name), name)
        starts_paragraph = not before.strip()
        if len(words) < MIN_STATEMENT_WORDS and cue is None:
            continue  # a name, title or slogan in quotation marks
        if cue is None and not starts_paragraph and not re.search(r"[.!?]$", text.strip()):
            continue  # mid-sentence phrase without a speech cue: a term, not a statement
        if speaker is None and quotes and _continues(body, quotes[-1], start):
            speaker_id = quotes[-1].speaker
        else:
            speaker_id = speaker.id if speaker else None
        partial = not starts_paragraph and len(words) < 12 and not re.search(r"[.!?,]$", text.strip())
        quotes.append(Quote(
            start=start, end=end, text=text, speaker=speaker_id,
            speaker_name=(speaker.name if speaker else (doc.entity(speaker_id).name if speaker_id and doc.entity(speaker_id) else None)),
            kind="direct", partial=partial, cue=cue,
        ))
    return quotes


def _continues(body: str, previous: Quote, start: int) -> bool:
    """A quotation with no cue of its own continues the previous one when nothing but its cue stands
    between them: in the same paragraph, or opening the next paragraph."""
    between = body[previous.end + 1: max(previous.end + 1, start - 1)]
    if len(between) > 160:
        return False
    return between.count("\n") <= 2 and not re.search(r"[“«\"]", between)


# lemmas of verbs that report speech when they take a clause ("stressed that ...")
REPORTING_LEMMAS = {
    "say", "stress", "note", "add", "remark", "conclude", "tell", "emphasize", "emphasise", "underline", "underscore",
    "state", "declare", "explain", "recall", "reply", "insist", "warn", "write", "point", "assure", "highlight",
    "announce", "affirm", "confirm", "claim", "argue", "deny", "reiterate", "express",
}
MIN_INDIRECT_WORDS = 5


def find_indirect(doc: Document, parsed, direct: list[Quote]) -> list[Quote]:
    """Reported speech: the clause a speech verb governs, with the verb's subject as speaker."""
    quoted = [(q.start, q.end) for q in direct]
    resolver = SpeakerResolver(doc, parsed)
    out: list[Quote] = []
    for token in parsed:
        if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING_LEMMAS:
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if clause is None or subject is None:
            continue
        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if len(tokens) < MIN_INDIRECT_WORDS:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if any(s < end and start < e for s, e in quoted) or any(q.start < end and start < q.end for q in out):
            continue  # inside or around a direct quote: that one is the statement
        phrase = doc.body[subject.left_edge.idx: subject.right_edge.idx + len(subject.right_edge.text)]
        speaker = resolver.resolve(subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text), phrase)
        if speaker is None:
            continue  # "it was said that ...", "reports say that ...": nobody to attribute it to
        out.append(Quote(start=start, end=end, text=doc.body[start:end], speaker=speaker.id, speaker_name=speaker.name,
                         kind="indirect", partial=False, cue=token.text))
    return out


@component("quotes", requires=["entities"], assigns=["quotes"])
def annotate_quotes(doc: Document, parsed) -> None:
    direct = find_quotes(doc, parsed)
    doc.quotes = sorted(direct + find_indirect(doc, parsed, direct), key=lambda q: q.start)
