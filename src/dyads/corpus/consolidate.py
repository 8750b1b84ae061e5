"""Consolidation: the only step that looks across documents.

* people: a surname-only person in one article is the person of that surname
  known from other articles, when exactly one such person is known;
* stories: articles about the same real-world event share a story id;
* events: the same event (type, actors, date) in articles of one story gets one
  event key, so that it is counted once with all its sources;
* statements: the same words of one speaker reported by several articles of one
  story, even in other translations, share a statement id.
"""

from __future__ import annotations

import traceback
from collections import defaultdict

from dyads.annotate.entities import spelling_key
from dyads.model import Document, Entity, Quote, content_id
from dyads.corpus.stories import Signature, StoryIndex, content_words

# share of content words two renderings of one statement have in common (of the
# shorter one): translations differ in function words and synonyms, not in names,
# numbers and most nouns
SAME_STATEMENT = 0.4


class Consolidator:
    def __init__(self) -> None:
        self.stories = StoryIndex()
        # surname key -> full-name entity ids known across the corpus
        self.people_by_surname: dict[str, set[str]] = defaultdict(set)
        # "kasym-jomart tokaev" -> the id of the first article's spelling (Kassym-Jomart Tokayev)
        self.people_by_spelling: dict[str, str] = {}
        self.names: dict[str, str] = {}
        # story -> [(statement id, speaker, content words)]
        self.statements: dict[str, list[tuple[str, str, set[str]]]] = defaultdict(list)
        # people learnt from a batch before it was stored (know_people), kept across a roll-back;
        # each (id, key, name) once, in first-seen order (learning one again changes nothing), so
        # that this grows with the people of the corpus, not with every mention of them
        self._foreseen: dict[tuple[str, str, str], None] = {}

    @classmethod
    def from_store(cls, store) -> "Consolidator":
        """Continue from what a database already holds (incremental ingest)."""
        consolidator = cls()
        for row in store.entity_rows("PERSON"):
            consolidator._know_person(row["id"], row["key"], row["name"])
        for doc_id, story, data in store.signatures():
            consolidator.stories.restore(Signature.from_json(doc_id, data), story)
        for row in store.quote_rows():
            if row["statement"] and row["speaker"]:
                consolidator.statements[row["story"]].append((row["statement"], row["speaker"], set(content_words(row["text"]))))
        return consolidator

    def _know_person(self, entity_id: str, key: str, name: str) -> None:
        parts = spelling_key(key).split()
        if len(parts) >= 2:
            self.people_by_spelling.setdefault(" ".join(parts), entity_id)
            self.people_by_surname[parts[-1]].add(self.people_by_spelling[" ".join(parts)])
            self.names.setdefault(entity_id, name)

    def add(self, doc: Document) -> dict:
        """Consolidate one annotated document against everything seen; returns its story signature."""
        self._resolve_people(doc)
        signature = Signature.of(doc)
        doc.story = self.stories.add(signature)
        doc.duplicate_of = self.stories.duplicate_of.get(doc.id)
        for event in doc.events:
            event.key = event_key(doc, event)
        for quote in doc.quotes:
            self._link_statement(doc, quote)
        return signature.to_json()

    def know_people(self, docs: list[Document]) -> None:
        """Learn the full names of a batch before consolidating any of it, so that a
        surname-only article finds its person whatever the order within the batch."""
        for doc in docs:
            for entity in doc.entities:
                if entity.type == "PERSON":
                    self._foreseen.setdefault((entity.id, entity.key, entity.name))
                    self._know_person(entity.id, entity.key, entity.name)

    def add_all(self, docs: list[Document]) -> None:
        self.know_people(docs)
        for doc in docs:
            self.add(doc)

    def add_and_save(self, doc: Document, store) -> "bool | Failure":
        """Consolidate one document and store it in one step: True if stored, False if
        it was already there (another run stored it first), or a Failure. After a failed
        save the consolidator is back at what the store holds, as if the document had
        never been seen, so the next documents are consolidated against stored facts only."""
        from dyads.annotate.pipeline import Failure

        try:
            signature = self.add(doc)
            return store.save(doc, signature)
        except Exception as exc:  # the store's error, reported for this document; the run goes on
            self._roll_back(store)
            return Failure(doc.source, f"storing failed: {type(exc).__name__}: {exc}", detail=traceback.format_exc())

    def _roll_back(self, store) -> None:
        fresh = Consolidator.from_store(store)
        foreseen = self._foreseen
        self.__dict__.update(fresh.__dict__)
        for entity_id, key, name in foreseen:
            self._know_person(entity_id, key, name)
        self._foreseen = foreseen

    def _link_statement(self, doc: Document, quote: Quote) -> None:
        words = set(content_words(quote.text))
        known = self.statements[doc.story or doc.id]
        if quote.speaker and words:
            for statement, speaker, other in known:
                if speaker == quote.speaker and other and len(words & other) / min(len(words), len(other)) >= SAME_STATEMENT:
                    quote.statement = statement
                    return
        quote.statement = content_id(f"{doc.id}|{quote.start}")
        if quote.speaker:
            known.append((quote.statement, quote.speaker, words))

    def _resolve_people(self, doc: Document) -> None:
        for entity in doc.entities:
            if entity.type != "PERSON":
                continue
            parts = spelling_key(entity.key).split()
            if len(parts) >= 2:
                self._know_person(entity.id, entity.key, entity.name)
                known = {self.people_by_spelling[" ".join(parts)]}  # another spelling seen first
            else:
                known = self.people_by_surname.get(parts[0] if parts else "", set())
            if len(known) == 1 and entity.id not in known:  # two people with one surname: leave it unresolved
                # one id across the corpus; the name stays as this article writes it ("Putin",
                # "Tokaev"), as the gold records it; the corpus' first spelling goes with the id in the store
                old, entity.id = entity.id, next(iter(known))
                _rename(doc, old, entity.id)
        # two spellings in one article are now one person
        merged: dict[str, Entity] = {}
        for entity in doc.entities:
            if entity.id in merged:
                first = merged[entity.id]
                first.mentions += [m for m in entity.mentions if m not in first.mentions]
                first.titles += [t for t in entity.titles if t not in first.titles]
                first.country = first.country or entity.country
                if len(entity.name.split()) > len(first.name.split()):
                    first.name = entity.name  # "Ararat Mirzoyan" names the person better than "Mirzoyan"
            else:
                merged[entity.id] = entity
        doc.entities = list(merged.values())


def event_key(doc: Document, event) -> str:
    """Shared by the reports of one event in the articles of one story.

    Type, status and participants (in order, for a directed event) must agree; the date only to the year (the
    year of publication when undated), so that two outlets giving different
    days are one event with a conflict to show, while a visit five years
    earlier stays another event.
    """
    year = (event.date or doc.published or "")[:4]
    parties = ">".join(event.actors) if event.directed else ",".join(sorted(event.actors))
    return content_id(f"{doc.story}|{event.type}|{event.status}|{parties}|{year}")


def _rename(doc: Document, old: str, new: str) -> None:
    """Point every fact that names entity ``old`` at ``new``."""
    for quote in doc.quotes:
        if quote.speaker == old:
            quote.speaker = new
    for event in doc.events:
        event.actor = [new if e == old else e for e in event.actor]
        event.recipient = [new if e == old else e for e in event.recipient]
