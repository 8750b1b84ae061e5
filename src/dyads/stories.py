"""Stories: articles that report the same real-world event share a story id.

Two signals, both found through MinHash LSH (datasketch) so that adding an
article costs a lookup, not a comparison with every stored article:

* near-duplicates: MinHash of word 5-shingles of the cleaned body; debris is
  already gone and whitespace does not count, so a re-post with other widgets
  or other line breaks is found. The duplicate is kept as another source.
* same story: the salient terms of the article (named entities, people,
  countries, numbers and normalised dates), weighted by how rare they are in
  the corpus seen so far. An article joins the story whose members it is
  closest to on average, if close enough and not contradicted by dates (two
  earthquakes a year apart are two stories).
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from .model import Document

NUM_PERM = 64
DUPLICATE_THRESHOLD = 0.8  # estimated Jaccard of 5-shingles
STORY_THRESHOLD = 0.2  # idf-weighted Jaccard of salient terms, averaged over a story's members
MAX_DAYS_APART = 4  # publication dates further apart than this are different stories

_WORD = re.compile(r"\w+", re.U)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:of|the|and|de|al)?\s*[A-Z][\w'’\-]*)*")
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
_STOP = {
    "The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "I", "This", "That", "But", "And", "As",
    "For", "With", "After", "Before", "During", "Mr", "Mrs", "Ms", "His", "Her", "Its", "Their", "Our", "There",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Yesterday",
}


SCHEME = "affine32"


def _restore(hashvalues: list[int]) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7, hashvalues=hashvalues, scheme=SCHEME)


def _minhash(items: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
    for item in items:
        m.update(item.encode("utf-8"))
    return m


def shingles(text: str, size: int = 5) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def salient_terms(doc: Document) -> set[str]:
    """The names, numbers and dates that identify what an article is about."""
    terms: set[str] = set()
    for m in _CAPITALISED.finditer(doc.body):
        phrase = m.group(0)
        words = [w for w in phrase.split() if w not in _STOP]
        if words:
            terms.add("n:" + " ".join(words).lower())
            terms.update("w:" + w.lower() for w in words if len(w) > 2)
    terms.update("#:" + n.replace(",", "") for n in _NUMBER.findall(doc.body) if len(n) > 1)
    for entity in doc.entities:
        terms.add("e:" + entity.id)
    for time in doc.times:
        if time.value and len(time.value) >= 7:
            terms.add("t:" + time.value)
    return terms


@dataclass
class Signature:
    """What the index keeps of an article (stored, so that later ingests can attach to it)."""

    doc_id: str
    published: str | None
    shingles: list[int]
    terms: list[str]

    def to_json(self) -> dict:
        return {"published": self.published, "shingles": self.shingles, "terms": self.terms}

    @classmethod
    def from_json(cls, doc_id: str, data: dict) -> "Signature":
        return cls(doc_id, data.get("published"), data["shingles"], data["terms"])

    @classmethod
    def of(cls, doc: Document) -> "Signature":
        hashed = _minhash(shingles(doc.body))
        return cls(doc.id, doc.published, [int(v) for v in hashed.hashvalues], sorted(salient_terms(doc)))


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((datetime.date.fromisoformat(a) - datetime.date.fromisoformat(b)).days)


@dataclass
class StoryIndex:
    """Incremental story assignment over every article added so far."""

    threshold: float = STORY_THRESHOLD
    signatures: dict[str, Signature] = field(default_factory=dict)
    story_of: dict[str, str] = field(default_factory=dict)
    duplicate_of: dict[str, str] = field(default_factory=dict)
    term_df: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.dup_lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
        # a low threshold: this only proposes candidates, the weighted score decides
        self.term_lsh = MinHashLSH(threshold=0.05, num_perm=NUM_PERM)

    def _term_minhash(self, sig: Signature) -> MinHash:
        return _minhash(set(sig.terms))

    def _idf(self, term: str) -> float:
        return math.log((1 + len(self.signatures)) / (1 + self.term_df[term])) + 1.0

    def similarity(self, a: Signature, b: Signature) -> float:
        ta, tb = set(a.terms), set(b.terms)
        union = sum(self._idf(t) for t in ta | tb)
        return sum(self._idf(t) for t in ta & tb) / union if union else 0.0

    def restore(self, sig: Signature, story: str | None) -> None:
        """Re-enter a stored article with its stored story."""
        self._index(sig)
        self.story_of[sig.doc_id] = story or sig.doc_id

    def _index(self, sig: Signature) -> None:
        if sig.doc_id in self.signatures:
            return
        self.signatures[sig.doc_id] = sig
        self.term_df.update(set(sig.terms))
        self.dup_lsh.insert(sig.doc_id, _restore(sig.shingles))
        self.term_lsh.insert(sig.doc_id, self._term_minhash(sig))

    def add(self, sig: Signature) -> str:
        """Index an article and return its story id."""
        if sig.doc_id in self.story_of:
            return self.story_of[sig.doc_id]
        duplicates = [d for d in self.dup_lsh.query(_restore(sig.shingles)) if d != sig.doc_id]
        candidates = [d for d in self.term_lsh.query(self._term_minhash(sig)) if d != sig.doc_id]
        self._index(sig)
        if duplicates:
            original = sorted(duplicates)[0]
            self.duplicate_of[sig.doc_id] = original
            story = self.story_of[original]
        else:
            story = self._best_story(sig, candidates) or sig.doc_id
        self.story_of[sig.doc_id] = story
        return story

    def _best_story(self, sig: Signature, candidates: list[str]) -> str | None:
        members: dict[str, list[str]] = {}
        for c in candidates:
            if c in self.story_of:
                members.setdefault(self.story_of[c], []).append(c)
        best, best_score = None, self.threshold
        for story, docs in members.items():
            apart = [_days_apart(sig.published, self.signatures[d].published) for d in docs]
            if any(days is not None and days > MAX_DAYS_APART for days in apart):
                continue
            score = sum(self.similarity(sig, self.signatures[d]) for d in docs) / len(docs)
            if score >= best_score:
                best, best_score = story, score
        return best
