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

from .model import Document, Entity, Quote
from .registry import component

SPEECH_VERBS = (
    "said|says|say|stressed|stresses|noted|notes|added|adds|remarked|remarks|concluded|told|tells|emphasized|emphasised|"
    "emphasizes|underlined|underscored|stated|states|declared|explained|recalled|asked|replied|insisted|warned|wrote|"
    "continued|pointed out|assured|highlighted|announced|affirmed|believes|believed|according to|quoted|read|reads"
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
    rf"^\s*[,.]?\s*[-–—]?\s*(?P<speaker>(?:[Tt]he\s+|[Hh]is\s+|[Hh]er\s+)?[\w’'\-. ]{{1,80}}?)\s+(?P<cue>{SPEECH_VERBS})\b"
    rf"|^\s*[,.]?\s*[-–—]?\s*(?P<cue2>{SPEECH_VERBS})\s+(?P<speaker2>(?:[Tt]he\s+)?[\w’'\-. ]{{1,80}}?)(?=[.,;]|\s+(?:on|at|in|during|after|while|who|when)\b|$)"
)
_CUE_BEFORE = re.compile(rf"(?P<speaker>[\w’'\-. ]{{1,80}}?)\s+(?P<cue>{SPEECH_VERBS})(?:\s+that)?\s*[:,]?\s*$")
PRONOUNS = {"he", "she", "they", "He", "She", "They"}
MIN_STATEMENT_WORDS = 4  # shorter text in quotation marks is a name, a title or a slogan


def _mention_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The person (or else organisation) with a mention inside [start, end)."""
    best = None
    for entity in entities:
        for m in entity.mentions:
            if m.start >= start and m.end <= end:
                if entity.type == "PERSON":
                    return entity
                best = best or entity
    return best


def _last_person_before(entities: list[Entity], position: int) -> Entity | None:
    best, best_pos = None, -1
    for entity in entities:
        if entity.type != "PERSON":
            continue
        for m in entity.mentions:
            if best_pos < m.start < position:
                best, best_pos = entity, m.start
    return best


def _resolve(doc: Document, start: int, end: int, text: str) -> Entity | None:
    words = text.strip().split()
    if words and words[-1] in PRONOUNS | {"he", "she"} or (len(words) == 1 and words[0] in PRONOUNS):
        return _last_person_before(doc.entities, start)
    return _mention_at(doc.entities, start, end)


def find_quotes(doc: Document) -> list[Quote]:
    body = doc.body
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
        if m:
            name = m.group("speaker") or m.group("speaker2")
            cue = m.group("cue") or m.group("cue2")
            offset = end + 1 + m.start("speaker" if m.group("speaker") else "speaker2")
            speaker = _resolve(doc, offset, offset + len(name), name)
        else:
            b = _CUE_BEFORE.search(before)
            if b:
                cue = b.group("cue")
                offset = line_start + b.start("speaker")
                speaker = _resolve(doc, offset, offset + len(b.group("speaker")), b.group("speaker"))
        starts_paragraph = not before.strip()
        if len(words) < MIN_STATEMENT_WORDS and cue is None:
            continue  # a name, title or slogan in quotation marks
        if cue is None and not starts_paragraph and not re.search(r"[.!?]$", text.strip()):
            continue  # mid-sentence phrase without a speech cue: a term, not a statement
        if speaker is None and cue is None and quotes and quotes[-1].end >= start - 3:
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
        speaker = _resolve(doc, subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text), phrase)
        if speaker is None:
            continue  # "it was said that ...", "reports say that ...": nobody to attribute it to
        out.append(Quote(start=start, end=end, text=doc.body[start:end], speaker=speaker.id, speaker_name=speaker.name,
                         kind="indirect", partial=False, cue=token.text))
    return out


@component("quotes", requires=["entities"], assigns=["quotes"])
def annotate_quotes(doc: Document, parsed) -> None:
    direct = find_quotes(doc)
    doc.quotes = sorted(direct + find_indirect(doc, parsed, direct), key=lambda q: q.start)
