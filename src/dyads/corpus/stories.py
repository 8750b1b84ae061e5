"""Stories: articles that report the same real-world event share a story id.

Two signals, neither needing a comparison with every stored article:

* near-duplicates: MinHash of word 5-shingles of the cleaned body, looked up in
  a MinHash LSH (datasketch); debris is already gone and whitespace does not
  count, so a re-post with other widgets or other line breaks is found. The
  duplicate is kept as another source and joins the original's story.
* same story: each article is a tf-idf vector of its content words plus its
  salient terms (names, numbers, entities, normalised dates; weighted up,
  because two reports of one event share them and two events of one kind do
  not). An article joins the story whose centroid it is closest to (cosine),
  if close enough and not contradicted by publication dates. Candidate
  stories come from an inverted index of each story's rarest terms, so the
  cost of an article is the size of its candidate set, not of the corpus.
* what happened, not only the words: in a topical collection every article
  shares the vocabulary, so the main event decides. Its day (the first day the
  opening names, full or partial: "July 16", "on Saturday") more than five days
  from the story's is another event (a weekday alone only lowers the score);
  its protagonists (the people the opening names) all unknown to the story, or
  each side opening with someone the other never names, lower the score --
  unless the words, names and numbers agree so closely (cosine >= SURE_COSINE)
  that two outlets simply quote different people about one event.
  (A sentence-embedding model would need torch: not cheap enough here.)

Measured on ECB+ (43 topics, each two different events of the same kind) by
``benchmarks/stories.py``; the threshold and weights below were set there.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from dyads.model import Document
from dyads.annotate.timevalue import DAY_VALUE, partial_day

NUM_PERM = 64
DUPLICATE_THRESHOLD = 0.8  # estimated Jaccard of 5-shingles
STORY_THRESHOLD = 0.18  # cosine between an article and a story centroid
SALIENT_WEIGHT = 2  # a salient term counts as this many occurrences of a word
INDEX_TERMS = 40  # an article's highest-weighted terms that find candidate stories
RARE = 7.0  # general_rarity of a name or number no word list knows
LEAD_CHARS = 400  # the opening of an article, where its protagonists are named
PROTAGONIST_PENALTY = 0.15  # taken off the cosine when the protagonists differ
SAME_SURNAME = 0.85  # difflib ratio of two spellings of one surname ("umerov"/"umierov" is 0.92)
GUEST_PENALTY = 0.15  # taken off when the article and the story's first article each open with someone the other never names
SURE_COSINE = 0.4  # this close in words, names and numbers, two reports tell one story whoever they open with or quote; one minister meeting two guests scores 0.32 (ECB+ with the two changes below: B-cubed F1 0.828 -> 0.840)
WEEKDAY_PENALTY = 0.15  # taken off the cosine when the main events fall on different weekdays (ECB+: 0.1 -> 0.15, B-cubed precision +0.009)
MAX_DAYS_APART = 30  # publication dates further apart than this are different stories (ECB+ follow-ups run weeks)
LEAD_DATE_CHARS = 400  # the first day named this early in an article is the day of its main event
MAX_EVENT_DAYS_APART = 5  # main events further apart are different events (a visit and the call a week before it); reports of one event name days up to a few days apart (ECB+: 3 -> 5 days, B-cubed recall +0.017 at equal precision)

_WORD = re.compile(r"\w+", re.U)
_CONTENT_WORD = re.compile(r"[^\W\d_][\w'’\-]+|\d[\d,.]*\d", re.U)
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
    m.update_batch([item.encode("utf-8") for item in sorted(items)])  # the same values as one update each, 8x faster
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


def content_words(text: str) -> list[str]:
    """The lower-cased words of ``text`` that carry content (no stop words, no 1-2 letter words)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return [w for w in (m.lower() for m in _CONTENT_WORD.findall(text)) if len(w) > 2 and w not in STOP_WORDS]


def term_counts(doc: Document) -> Counter:
    """Content words and salient terms, with their counts."""
    counts: Counter = Counter("w:" + word for word in content_words(doc.body))
    for term in salient_terms(doc):
        counts[term] += SALIENT_WEIGHT
    return counts


@lru_cache(maxsize=200_000)
def general_rarity(term: str) -> float:
    """How rare a term is in English at large (wordfreq's Zipf scale, 0 = unseen .. 7+ = "the").

    The corpus' own document frequencies say nothing until it holds many
    articles; a small batch would otherwise weigh "minister" like "Nurtleu".
    """
    from wordfreq import zipf_frequency

    kind, _, text = term.partition(":")
    if kind not in ("w", "n"):
        return RARE
    return max(0.5, RARE - zipf_frequency(text, "en"))


@dataclass
class Signature:
    """What the index keeps of an article (stored, so that later ingests can attach to it)."""

    doc_id: str
    published: str | None
    shingles: list[int]
    terms: dict[str, int]
    people: list[str] = field(default_factory=list)  # surnames of everyone named
    lead: list[str] = field(default_factory=list)  # surnames of the people named in the opening
    day: str | None = None  # the day of the main event: "2020-07-22", or partial "XXXX-07-16", "XXXX-WXX-6"

    def to_json(self) -> dict:
        return {"published": self.published, "shingles": self.shingles, "terms": self.terms, "people": self.people,
                "lead": self.lead, "day": self.day}

    @classmethod
    def from_json(cls, doc_id: str, data: dict) -> "Signature":
        terms = data["terms"]
        if isinstance(terms, list):  # written before term counts were kept
            terms = {t: 1 for t in terms}
        return cls(doc_id, data.get("published"), data["shingles"], terms, data.get("people", []), data.get("lead", []),
                   data.get("day"))

    @classmethod
    def of(cls, doc: Document) -> "Signature":
        hashed = _minhash(shingles(doc.body))
        people = [e for e in doc.entities if e.type == "PERSON" and e.key]
        return cls(
            doc.id,
            doc.published,
            [int(v) for v in hashed.hashvalues],
            dict(sorted(term_counts(doc).items())),
            sorted({e.key.split()[-1] for e in people}),
            sorted({e.key.split()[-1] for e in people if any(m.start < LEAD_CHARS for m in e.mentions)}),
            main_event_day(doc),
        )


def main_event_day(doc: Document) -> str | None:
    """The first day the opening of an article names: news says when its main event happened first.

    A day that cannot be placed ("yesterday" with no publication date) leaves it unknown rather than
    letting a later, lesser day stand for the main event.
    """
    for time in sorted(doc.times, key=lambda t: t.start):
        if time.start >= LEAD_DATE_CHARS:
            break
        if time.value and DAY_VALUE.fullmatch(time.value[:10]):
            return time.value[:10]
        if time.value:
            continue  # a year, a month, a week: not a day
        partial = partial_day(time.text)
        if partial or re.search(r"(?i)\b(?:yesterday|today|tomorrow|tonight)\b", time.text):
            return partial
    return None


def days_apart(a: str, b: str) -> int | None:
    """Days between two (possibly partial) day values; None when they cannot be compared."""
    a_week, b_week = "W" in a, "W" in b
    if a_week or b_week:
        if a_week and b_week:
            weekdays = (int(a[-1]), int(b[-1]))
        elif a_week and not b.startswith("X"):
            weekdays = (int(a[-1]), datetime.date.fromisoformat(b).isoweekday())
        elif b_week and not a.startswith("X"):
            weekdays = (datetime.date.fromisoformat(a).isoweekday(), int(b[-1]))
        else:
            return None
        gap = abs(weekdays[0] - weekdays[1])
        return min(gap, 7 - gap)
    if a.startswith("X") or b.startswith("X"):  # same month and day, whatever the year
        try:
            first, second = (datetime.date(2000, int(v[5:7]), int(v[8:10])) for v in (a, b))
        except ValueError:
            return None
        gap = abs((first - second).days)
        return min(gap, 366 - gap)
    return abs((datetime.date.fromisoformat(a) - datetime.date.fromisoformat(b)).days)


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((datetime.date.fromisoformat(a) - datetime.date.fromisoformat(b)).days)


def _same_surname(a: str, b: str) -> bool:
    """One surname in two romanisations (Umerov, Umierov): difflib, because the names are few and short."""
    from difflib import SequenceMatcher

    return a == b or (a[:1] == b[:1] and SequenceMatcher(None, a, b).ratio() >= SAME_SURNAME)


def _named(these: set[str], names: set[str]) -> set[str]:
    """Those of ``these`` that ``names`` holds, in any romanisation."""
    return {a for a in these if any(_same_surname(a, b) for b in names)}


def _unnamed(these: set[str], names: set[str]) -> set[str]:
    return these - _named(these, names)


@dataclass
class Story:
    """A story's centroid (sum of its articles' unit vectors) and publication dates."""

    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    published: set[str] = field(default_factory=set)
    members: list[str] = field(default_factory=list)
    people: set[str] = field(default_factory=set)
    lead: set[str] = field(default_factory=set)
    founder_lead: set[str] = field(default_factory=set)
    days: set[str] = field(default_factory=set)  # main-event days of its articles
    norm_sq: float = 0.0  # squared length of the centroid, kept up to date by ``add``

    def add(self, doc_id: str, vector: dict[str, float], sig: "Signature") -> None:
        self.members.append(doc_id)
        self.people.update(sig.people)
        self.lead.update(sig.lead)  # whom its articles open with
        if not self.founder_lead:
            self.founder_lead.update(sig.lead)  # whom the story was first about
        if sig.day:
            self.days.add(sig.day)
        published = sig.published
        for term, weight in vector.items():
            before = self.centroid.get(term, 0.0)
            self.centroid[term] = before + weight
            self.norm_sq += (before + weight) ** 2 - before ** 2
        if published:
            self.published.add(published)

    def cosine(self, vector: dict[str, float]) -> float:
        norm = math.sqrt(self.norm_sq)
        if not norm:
            return 0.0
        return sum(w * self.centroid.get(t, 0.0) for t, w in vector.items()) / norm

    def score(self, sig: "Signature", vector: dict[str, float]) -> float:
        """The cosine, less what the protagonists and the weekdays say against one event -- unless the
        words, names and numbers agree so closely that two outlets quote different people about one event."""
        cosine = self.cosine(vector)
        if cosine >= SURE_COSINE:
            return cosine
        return cosine - self.protagonist_penalty(sig) - (WEEKDAY_PENALTY if self.weekday_conflict(sig) else 0.0)

    def contradicts(self, sig: "Signature") -> bool:
        """Published too far apart, or the main event on another day than every article of the story says."""
        if any((_days_apart(sig.published, other) or 0) > MAX_DAYS_APART for other in self.published):
            return True
        gaps = self._day_gaps(sig, weekdays=False)
        return bool(gaps) and min(gaps) > MAX_EVENT_DAYS_APART

    def weekday_conflict(self, sig: "Signature") -> bool:
        """The main events fall on weekdays two or more days apart: a weaker clue than a date, because a
        weekday in the opening may be when something was said about the event ("said on Sunday")."""
        gaps = self._day_gaps(sig, weekdays=True)
        return bool(gaps) and min(gaps) > 1

    def _day_gaps(self, sig: "Signature", weekdays: bool) -> list[int]:
        if not sig.day:
            return []
        pairs = [(sig.day, day) for day in self.days if ("W" in sig.day or "W" in day) == weekdays]
        return [g for g in (days_apart(a, b) for a, b in pairs) if g is not None]

    def protagonist_penalty(self, sig: "Signature") -> float:
        """What to take off the cosine when the article and the story open with other people: all of
        them (two title fights of two boxers), or some of them on each side (two meetings of one
        minister with different guests)."""
        lead, people = set(sig.lead), set(sig.people)
        if not lead or not self.lead:
            return 0.0
        if not _named(lead, self.people) and not _named(self.lead, people):
            return PROTAGONIST_PENALTY
        if _unnamed(lead, self.people) and _unnamed(self.founder_lead, people):
            return GUEST_PENALTY
        return 0.0


@dataclass
class StoryIndex:
    """Incremental story assignment over every article added so far."""

    threshold: float = STORY_THRESHOLD
    story_of: dict[str, str] = field(default_factory=dict)
    duplicate_of: dict[str, str] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    term_df: Counter = field(default_factory=Counter)
    articles: int = 0

    def __post_init__(self) -> None:
        self.dup_lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
        self.stories_with: dict[str, set[str]] = {}  # term -> stories indexed under it

    def vector(self, sig: Signature) -> dict[str, float]:
        """Unit tf-idf vector (sublinear tf, smoothed idf over the articles seen so far)."""
        n = self.articles
        vector = {
            t: (1 + math.log(c)) * (math.log((n + 1) / (self.term_df[t] + 1)) + 1.0) * general_rarity(t)
            for t, c in sig.terms.items()
            if c > 0
        }
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {t: w / norm for t, w in vector.items()}

    def restore(self, sig: Signature, story: str | None) -> None:
        """Re-enter a stored article with its stored story."""
        if sig.doc_id in self.story_of:
            return
        self._count(sig)
        self._join(sig, story or sig.doc_id, self.vector(sig))

    def add(self, sig: Signature) -> str:
        """Index an article and return its story id."""
        if sig.doc_id in self.story_of:
            return self.story_of[sig.doc_id]
        duplicates = [d for d in self.dup_lsh.query(_restore(sig.shingles)) if d != sig.doc_id]
        self._count(sig)
        vector = self.vector(sig)
        if duplicates:
            original = sorted(duplicates)[0]
            self.duplicate_of[sig.doc_id] = original
            story = self.story_of[original]
        else:
            story = self._best_story(sig, vector) or sig.doc_id
        self._join(sig, story, vector)
        return story

    def _count(self, sig: Signature) -> None:
        self.articles += 1
        self.term_df.update(sig.terms.keys())
        self.dup_lsh.insert(sig.doc_id, _restore(sig.shingles))

    def _join(self, sig: Signature, story_id: str, vector: dict[str, float]) -> None:
        story = self.stories.setdefault(story_id, Story(story_id))
        story.add(sig.doc_id, vector, sig)
        self.story_of[sig.doc_id] = story_id
        for term in sorted(vector, key=vector.get, reverse=True)[:INDEX_TERMS]:
            self.stories_with.setdefault(term, set()).add(story_id)

    def _best_story(self, sig: Signature, vector: dict[str, float]) -> str | None:
        candidates: set[str] = set()
        for term in sorted(vector, key=vector.get, reverse=True)[:INDEX_TERMS]:
            candidates |= self.stories_with.get(term, set())
        best, best_score = None, self.threshold
        for story_id in sorted(candidates):
            story = self.stories[story_id]
            if story.contradicts(sig):
                continue
            score = story.score(sig, vector)
            if score >= best_score:
                best, best_score = story_id, score
        return best
