"""What: PLOVER events with actors, date, status and evidence.

Per sentence: a trigger (a verb or an event noun from ``TRIGGERS``) and its
syntactic arguments from the spaCy dependency parse. The subject side is the
actor, the object side (direct object, "with"/"to"/"between"/"for" phrases,
the possessor of the object) the recipient. Arguments are mapped to states
and IGOs through the entity layer; a state named deeper in the object ("China's
interests concerning Taiwan") is context, not a party. Date from the time
layer, status from tense, modality and negation (PLOVER's auxiliary modes).

The trigger lexicon is data (data/triggers.tsv, see triggers.py): each entry
says which roles or prepositions introduce the recipient. The argument rules are
written here because no maintained library codes PLOVER from a dependency parse
(NGEC, the reference coder, needs a transformer and its own training data).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from dyads.annotate.countries import gazetteer
from dyads.model import Document, Entity, Event
from dyads.annotate.registry import component
from dyads.annotate.tense import tense_of
from dyads.annotate.triggers import Trigger, find_triggers, lexicon


# "held talks", "made a visit", "paid a visit", "gave support": the noun is the trigger
LIGHT_VERBS = {"hold", "have", "make", "pay", "conduct", "give", "express", "reach", "voice", "lead", "take", "impose", "launch", "carry", "complete", "attend", "participate"}
SCORES = {
    ("CONSULT", None): 2.5, ("CONSULT", "visit"): 4.0, ("CONSULT", "multilateral"): 4.0, ("CONSULT", "phone"): 1.5,
    ("AGREE", None): 2.5, ("SUPPORT", None): 5.0, ("CONCEDE", None): 4.5, ("COOPERATE", None): 9.5, ("AID", None): 10.0,
    ("RETREAT", None): 6.5, ("REQUEST", None): 0.0, ("ACCUSE", None): -3.0, ("ACCUSE", "disapprove"): -2.0,
    ("ACCUSE", "allege"): -3.5, ("REJECT", None): -2.0, ("THREATEN", None): -3.5, ("PROTEST", None): -5.0,
    ("SANCTION", None): -6.0, ("MOBILIZE", None): -5.5, ("COERCE", None): -7.0, ("ASSAULT", None): -9.0,
}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}
PERSONAL = {"he", "she", "his", "her", "him"}
OBJECT_PREPS = {"with", "to", "between", "for", "against", "on", "from", "in", "of", "near", "into", "toward", "towards"}
COLLECTIVE = {"sides", "parties", "countries", "nations", "states", "leaders", "ministers", "both", "two", "neighbours", "neighbors"}
FUTURE_WORDS = {"upcoming", "forthcoming", "scheduled", "planned", "future", "next"}
FUTURE_AUXILIARIES = {"will", "shall"}
REPORTING_VERBS = {"say", "tell", "announce", "report", "state", "confirm", "add", "declare", "note", "stress", "write", "tweet"}
CALENDAR_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # an event date; not a week, season or duration
INHERITING_DEPS = {"xcomp", "conj", "ccomp", "acomp", "advcl"}
LOCATION_PREPS = {"in", "at"}  # and "to" for visits
NEAR_PREPS = frozenset({"near", "along", "off", "around", "toward", "towards", "on"})  # where force is aimed


def score_of(event_type: str, mode: str | None) -> float:
    return SCORES.get((event_type, mode), SCORES.get((event_type, None), 0.0))


class EventFinder:
    def __init__(self, doc: Document, parsed):
        self.doc, self.parsed = doc, parsed
        self.gaz = gazetteer()
        # character offset -> code of the state or IGO that a mention stands for
        self.codes: dict[int, tuple[int, str, Entity]] = {}
        for entity in doc.entities:
            code = entity.country if entity.type in {"PERSON", "COUNTRY", "PLACE"} else None
            if entity.type == "ORG":
                # an IGO is a party (SCO, UN); any other organisation acts for its state, if known
                acronym = entity.id.split("/", 1)[1] if entity.id.startswith("org/") else ""
                code = self.gaz.org_actor(acronym) if acronym in self.gaz.org_names else entity.country
            if not code:
                continue
            for m in entity.mentions:
                for offset in range(m.start, m.end):
                    self.codes.setdefault(offset, (m.end, code, entity))
        self.dyad = self._main_dyad()
        self._triggers: dict = {}
        self._offsets_by_kind: dict[bool, list[int]] | None = None
        self._sentence_index: tuple[int, dict] = (-1, {})
        self._sentence_times: tuple[int, list, dict] = (-1, [], {})
        # a sentence's text and whether it says "if", once per sentence (Span.text joins its tokens
        # on every call; one string shared by all the sentence's events)
        self._sentence_words: tuple[int, str, bool] = (-1, "", False)
        self.dateline_country = self.gaz.country_code(doc.dateline) if doc.dateline else None
        self._found: list[Event] = []  # the events found so far, in text order
        self._actor_count = 0  # how many of the last event's participants were on the actor side

    def _main_dyad(self) -> list[str]:
        counts: dict[str, int] = {}
        for entity in self.doc.entities:
            if entity.type == "COUNTRY":
                counts[entity.country] = counts.get(entity.country, 0) + len(entity.mentions)
        return [c for c, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:2]]

    def _codes_in(self, tokens) -> tuple[list[str], list[str]]:
        codes, people = [], []
        # "NUSA DUA, Indonesia, July 9 (Reuters) – X and Y met": where the story is filed from is no party
        tokens = [t for t in tokens if t.i >= _dateline_end(t.sent)]
        # "its Chinese counterpart": a named state in the phrase says more than a possessive pronoun
        named = any(t.idx in self.codes for t in tokens)
        for token in tokens:
            hit = self.codes.get(token.idx)
            if named and hit is None and token.lower_ in PERSONAL | {"its"} and token.dep_ == "poss":
                continue
            if hit is None and token.lower_ in PERSONAL:
                hit = self._last_before(token.idx, person=True)
            elif hit is None and token.lower_ in {"its"}:
                hit = self._last_before(token.idx, person=False)
            elif hit is None and token.lower_ in {"who", "which", "that"} and token.head.dep_ == "relcl":
                hit = self.codes.get(token.head.head.idx) or self._codes_of_phrase(token.head.head)
            if hit:
                _, code, entity = hit
                if code not in codes:
                    codes.append(code)
                if entity.type in {"PERSON", "ORG"} and entity.id not in people:
                    people.append(entity.id)
            elif token.lower_ in COLLECTIVE and token.dep_ in SUBJECT_DEPS | {"det", "nummod", "pobj", "dobj", "poss"}:
                # "the two sides", "the parties": those of the last meeting or agreement told,
                # else the two states the article names most
                for code in (self._last_parties(token.idx) if not named else []) or self.dyad:
                    if code not in codes:
                        codes.append(code)
        return codes, people

    def _last_before(self, offset: int, person: bool):
        """The entity a pronoun most likely stands for: the last one of its kind before it."""
        if self._offsets_by_kind is None:  # sorted once, so that each pronoun costs a bisection, not a scan
            self._offsets_by_kind = {True: [], False: []}
            for start in sorted(self.codes):
                self._offsets_by_kind[self.codes[start][2].type == "PERSON"].append(start)
        offsets = self._offsets_by_kind[person]
        i = bisect.bisect_left(offsets, offset)
        return self.codes[offsets[i - 1]] if i else None

    def _codes_of_phrase(self, head):
        for token in head.subtree:
            if token.idx in self.codes:
                return self.codes[token.idx]
        return None

    def _argument_tokens(self, head) -> list:
        """A noun phrase without its deeper prepositional attachments, plus its conjuncts."""
        out = []
        for token in _near_subtree(head):
            # stay in this phrase: skip what hangs from a preposition inside it ("concerning Taiwan")
            path, ok = token, True
            while path != head:
                # "the demands of Greece": an "of" phrase on the head itself is its possessor
                if path.dep_ == "prep" and path.lower_ == "of" and path.head == head:
                    path = path.head
                    continue
                # "the authorities in Kinshasa", "officials of the ministry": where the agents belong
                if path.dep_ == "prep" and path.lower_ in {"in", "of"} and path.head == head and head.lemma_ in AGENT_NOUNS:
                    path = path.head
                    continue
                if path.dep_ in {"prep", "relcl", "acl", "advcl"}:
                    ok = False
                    break
                path = path.head
            if ok:
                out.append(token)
        return out

    def _pobjs(self, prep) -> list:
        return [t for pobj in prep.children if pobj.dep_ == "pobj" for t in self._argument_tokens(pobj)]

    def _sides(self, trigger, frame: Trigger) -> tuple[list, list]:
        """(actor side, recipient side) tokens of a trigger, by the entry's argument frame."""
        recipient_preps = frame.recipient - {"obj", "dative"} or (OBJECT_PREPS if not frame.recipient else set())
        takes_object = "obj" in frame.recipient or "dative" in frame.recipient or not frame.recipient
        # "unveiled an aid package for Ukraine": the phrase a compound trigger noun heads
        nominal = trigger
        for _ in range(2):
            if nominal.dep_ == "compound" and nominal.head.pos_ == "NOUN":
                nominal = nominal.head
        verb = nominal
        # "held talks", "imposed sanctions on", "expressed support for": the verb carries the subject
        if nominal.pos_ == "NOUN" and nominal.head.pos_ in {"VERB", "AUX"} and (
                nominal.head.lemma_ in LIGHT_VERBS or nominal.dep_ in {"dobj", "attr", "nsubjpass"}):
            verb = nominal.head
        elif verb == nominal and _relative_carrier(nominal) is not None:
            # "the sanctions, which the EU imposed on Russia": the relative clause tells the act
            verb = _relative_carrier(nominal)
        subject, obj = [], []
        # "China would never harm X and would continue to support Y": the subject is inherited
        holder = verb
        # (also "he was glad to visit", "..., expressing support for": acomp and participle clauses)
        for _ in range(3):
            if any(c.dep_ in SUBJECT_DEPS for c in holder.children):
                break
            if holder.dep_ == "pcomp" and holder.tag_ == "VBG" and holder.head.dep_ == "prep":
                holder = holder.head.head  # "expelled ... after dismissing the allegations"
                continue
            if holder.dep_ not in INHERITING_DEPS or (holder.dep_ == "advcl" and holder.tag_ != "VBG"):
                break
            holder = holder.head
        if holder != verb:
            subject += [t for c in holder.children if c.dep_ in {"nsubj", "agent"} for t in self._argument_tokens(c)]
        # heads whose prepositions may introduce the recipient: the verb, the trigger noun, and the
        # verb's object in a phrase ("recalled its ambassador from Ottawa", "imposed tariffs on")
        heads = [verb] + [h for h in (nominal, trigger) if h != verb]
        if trigger.pos_ == "VERB":
            heads += [c for c in trigger.children if c.dep_ == "dobj"]
        passive = trigger.pos_ == "VERB" and any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.children)
        for child in verb.children:
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and not (frame.directed and passive)):
                subject += self._argument_tokens(child)
            elif child.dep_ == "nsubjpass":  # "the ambassador was summoned": the one acted on
                obj += self._argument_tokens(child)
            elif child.dep_ == "agent":  # "was summoned by the ministry"
                subject += [t for c in child.children for t in self._argument_tokens(c)]
            elif child.dep_ in {"dobj", "dative", "attr", "oprd"} and child not in (trigger, nominal) and takes_object:
                obj += self._argument_tokens(child)
        for head in heads:
            for child in head.children:
                # ("sent aid to Libya": the parser calls that "to" a dative; it is still a preposition)
                if not (child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP")) or child == trigger:
                    continue
                # "the visit to Kyiv by the minister", "an attack by X on Y": the nominal's agent
                if child.lower_ in frame.actor_preps or (child.lower_ == "by" and head.pos_ == "NOUN"):
                    subject += self._pobjs(child)
                elif child.lower_ in recipient_preps:
                    obj += self._pobjs(child)
        if trigger.pos_ == "NOUN":
            for child in [*trigger.children, *(nominal.children if nominal != trigger else [])]:
                if child.dep_ in {"poss", "compound", "amod", "nmod"} and child != trigger:
                    hit = self.codes.get(child.idx)
                    if child.dep_ == "compound" and hit and hit[2].type == "PLACE" and frame.type in COOPERATIVE:
                        continue  # "the Brussels meeting": where, not who
                    subject += self._argument_tokens(child)
        if frame.inverse and trigger.pos_ == "VERB":
            subject, obj = obj, subject
        return subject, obj

    def _last_parties(self, offset: int) -> list[str]:
        for event in reversed(self._found):
            if event.evidence[0] < offset and event.type in {"CONSULT", "AGREE"} and len(event.actors) == 2:
                return list(event.actors)
        return []

    def _implicit_actor(self, recipients: list[str], sent) -> tuple[list[str], list[str]]:
        # a summons is told over a few sentences ("X was summoned ... Y was condemned ... the
        # Russian side was urged"): the acting party of the last directed act on the same party
        # within IMPLICIT_SENTENCES sentences before this one
        earliest = sent
        for _ in range(IMPLICIT_SENTENCES):
            if earliest.start == 0:
                break
            earliest = self.parsed[earliest.start - 1].sent
        for event in reversed(self._found):
            if event.evidence[0] < earliest.start_char:
                break
            if event.directed and set(recipients) & set(event.actors[1:]) and event.actors[0] not in recipients:
                return [event.actors[0]], list(event.actor)
        return [], []

    def _reporter(self, token) -> list:
        """The subject of the reporting verb a trigger's clause hangs from ("X said it would ...")."""
        for ancestor in token.ancestors:
            if ancestor.lemma_ in REPORTING_VERBS:
                return [t for c in ancestor.children if c.dep_ == "nsubj" for t in self._argument_tokens(c)]
        return []

    def run(self) -> list[Event]:
        events: list[Event] = []
        triggers = self._triggers = find_triggers(self.parsed)
        for sent in self.parsed.sents:
            before = len(events)
            for token in sent:
                trigger = triggers.get(token.i)
                if trigger is None or _embedded(token, triggers) or _mention_of_known_event(token, trigger):
                    continue
                event = self._event(token, trigger, sent)
                if event:
                    events.extend(_separate_meetings(event, sent, self._actor_count))
                    self._found = events
            if len(events) == before and _title_case(sent):
                event = self._headline_event(sent)
                if event:
                    events.append(event)
                    self._found = events
        return _dated_by_context(self._merge(_visitor_first(events)))

    def _headline_event(self, sent) -> Event | None:
        """"Russia Expels Two Estonian Diplomats": the parser reads a Title Case headline as one
        long name (its verb a proper noun), so a headline is read by word order instead: the
        first word that is a directed trigger verb, the state named before it acts, the first
        state named after it is acted on."""
        words = lexicon().words
        for token in sent:
            form = token.lower_
            trigger = next((words[(f, "verb")] for f in (form, form[:-1], form[:-2]) if (f, "verb") in words), None)
            if trigger is None or not trigger.directed or trigger.inverse or not token.is_title:
                continue
            actors, actor_ids = self._codes_in([t for t in sent if t.i < token.i])
            recipients, recipient_ids = self._codes_in([t for t in sent if t.i > token.i])
            recipients = [c for c in recipients if c not in actors][:1]
            if len(actors) != 1 or not recipients:
                return None
            return Event(
                type=trigger.type, mode=trigger.mode, actors=actors + recipients, actor=actor_ids, recipient=recipient_ids,
                date=None, status="occurred", location=None, location_country=None, directed=True,
                evidence=[sent.start_char, sent.end_char], score=score_of(trigger.type, trigger.mode),
                trigger=token.text, sentence=sent.text,
            )
        return None

    def _event(self, token, trigger: Trigger, sent) -> Event | None:
        subject_tokens, object_tokens = self._sides(token, trigger)
        actors, actor_ids = self._codes_in(subject_tokens)
        recipients, recipient_ids = self._codes_in(object_tokens)
        if not recipients and trigger.type in EMBEDDING_TYPES and token.pos_ == "NOUN" and token.dep_ == "nsubj":
            # "Russia's demands include the withdrawal of Ukrainian troops": the party of what is demanded
            content = [t for c in token.head.children if c.dep_ == "dobj" for t in c.subtree]
            found, found_ids = self._codes_in(content)
            found = [c for c in found if c not in actors]
            if len(found) == 1:
                recipients, recipient_ids = found, found_ids
        if not recipients and trigger.type in EMBEDDING_TYPES and token.pos_ == "VERB":
            # "threatened to impose sanctions on Georgia", "refused to let Colombia's planes land":
            # the party of the embedded action is the one threatened, asked or refused
            for clause in (c for c in token.children if c.dep_ in {"xcomp", "ccomp"}):
                inner = self._triggers.get(clause.i) or Trigger(trigger.type)
                recipients, recipient_ids = self._codes_in(self._sides(clause, inner)[1])
                if recipients:
                    break
        if recipients and not actors and trigger.directed:
            # "it summoned the envoy, the ministry said": the reporting party acts
            actors, actor_ids = self._codes_in(self._reporter(token))
        if actors and not recipients and trigger.type in {"REQUEST", "ACCUSE", "REJECT", "THREATEN"} and token.pos_ == "VERB":
            # "called for improved ties with Algeria": the one other state in what is said
            subject = {t.i for t in subject_tokens}
            rest, rest_ids = self._codes_in([t for t in token.subtree if t.i not in subject and t.i > token.i
                                             and not _in_setting(t, token)])
            rest = [c for c in rest if c not in actors]
            if len(rest) == 1:
                recipients, recipient_ids = rest, rest_ids
        if actors and not recipients and trigger.type == "SANCTION":
            # "a package of sanctions aimed at restrictive measures against Russia": the one state
            # that what is imposed is aimed against, however deep in its phrase
            aimed, aimed_ids = self._codes_in([t for t in (token.subtree if token.pos_ == "NOUN" else [])
                                               if _aimed_against(t, token)])
            aimed = [c for c in aimed if c not in actors]
            if len(aimed) == 1:
                recipients, recipient_ids = aimed, aimed_ids
        if recipients and not actors and "host" in trigger.actor_preps:
            # "Russia's ambassador to Azerbaijan was summoned": the state the envoy is posted to
            posted = [t for o in object_tokens for p in o.children if p.dep_ == "prep" and p.lower_ in {"to", "in"}
                      for t in self._pobjs(p)]
            actors, actor_ids = self._codes_in(posted)
            if not actors and self.dateline_country and self.dateline_country not in recipients:
                actors = [self.dateline_country]  # filed from the capital that summons
        if recipients and not actors and trigger.directed and _agentless(token):
            # "The ambassador was summoned ... At the meeting, the Russian side was urged to ...":
            # an agentless act on the same party as a directed act of the last few sentences
            actors, actor_ids = self._implicit_actor(recipients, sent)
        recipients = [c for c in recipients if c not in actors]
        if not actors and not recipients and trigger.directed:
            return None
        if len(actors) + len(recipients) < 2:
            # "the meeting" between parties named elsewhere in the sentence (not in a topic phrase:
            # "interests concerning Taiwan", "a dispute over Crimea")
            # (for conflict, only the trigger's own clause: "questioned the junta's fight against
            # terrorists" is no fight between the two states the sentence names)
            scope = sent if trigger.type in COOPERATIVE else list(_clause_head(token).subtree)
            # ("residents on both sides": the sides are the parties wherever they are named)
            sent_codes, _ = self._codes_in([t for t in scope if not _in_topic_phrase(t) or t.lower_ in COLLECTIVE])
            if len(sent_codes) == 2 and not trigger.directed:
                actors = actors or [sent_codes[0]]
                recipients = [c for c in sent_codes if c not in actors]
        if not actors and not trigger.directed:  # "talks were held between Japan and China"
            actors, recipients = recipients[:1], recipients[1:]
        if actors and not recipients and trigger.type in TARGETED:
            # "troops opened fire in X's border district", "drills near X": the place is the target
            location = self._location(token, trigger, NEAR_PREPS)[1]
            recipients = [location] if location and location not in actors else []
            if not recipients and (token.pos_ == "VERB" or token.dep_ == "dobj"):
                # "fired a water cannon ... to block a Philippine vessel": the one state the rest
                # of the clause names
                subject = {t.i for t in subject_tokens}
                rest, _ = self._codes_in([t for t in _clause_head(token).subtree if t.i not in subject and not _in_topic_phrase(t)])
                rest = [c for c in rest if c not in actors]
                recipients = rest if len(rest) == 1 else []
            if not recipients and not location:
                # "Bishkek said Tajik troops opened fire on dwellings": a state that reports force
                # used by another, with no other target named, reports it used on itself
                reporters, _ = self._codes_in(self._reporter(token) if token.dep_ == "ccomp" else [])
                reporters = [c for c in reporters if c not in actors]
                recipients = reporters if len(reporters) == 1 else []
        if len(actors) + len(recipients) < 2 or not actors:
            return None
        # an event noun told by a relative clause has that clause's tense and time
        carrier = _relative_carrier(token) if not (token.dep_ in {"dobj", "attr", "nsubjpass"} and token.head.pos_ in {"VERB", "AUX"}) else None
        status = self._status(carrier or token, sent)
        if status == "planned" and trigger.type not in COOPERATIVE and token.tag_ == "VBG" and not any(
                c.lower_ in FUTURE_AUXILIARIES | {"would", "going"} for c in token.children):
            status = "occurred"  # "Algeria is cutting relations": under way, not planned
        event_type, mode = trigger.type, trigger.mode
        if event_type in {"SANCTION", "COERCE", "MOBILIZE"} and token.dep_ == "dobj" and token.head.lemma_ in ENDING_VERBS:
            event_type, mode = "CONCEDE", None  # "ended the embargo": a measure given up
        if event_type == "ACCUSE" and token.pos_ == "VERB" and _by_crowd(subject_tokens):
            event_type, mode = "PROTEST", None  # "thousands of Armenians protested against ...": street action
        if event_type == "CONSULT" and status == "planned":
            event_type = "AGREE"  # PLOVER: a future meeting or visit is an agreement to meet
        date = (self._date(carrier, sent) if carrier is not None else None) or self._date(token, sent)
        location, location_country = self._location(token, trigger)
        participants = actors + recipients
        if token.lemma_ in INVITING and any(c.lemma_ in VISITING for c in token.subtree if c.dep_ in {"xcomp", "pobj", "acl"}):
            # "X invited Y to visit": coded as the visit agreed on, the visitor first
            participants, actor_ids, recipient_ids = recipients + actors, recipient_ids, actor_ids
        host = location_country if location_country in participants else self.dateline_country
        if trigger.type == "CONSULT" and not trigger.directed and len(participants) == 2 and host in participants:
            # a meeting held in one party's country (where it is said to be, else where the article
            # is filed from): the other party is the visitor, named first
            participants = [c for c in participants if c != host] + [host]
            if actors and participants[0] not in actors:
                actor_ids, recipient_ids = recipient_ids, actor_ids
        start, end = sent.start_char, sent.end_char
        self._actor_count = len([c for c in participants if c in actors])
        return Event(
            type=event_type, mode=mode, actors=participants, actor=actor_ids, recipient=recipient_ids,
            date=date, status=status, location=location, location_country=location_country,
            directed=trigger.directed, evidence=[start, end], score=score_of(event_type, mode),
            trigger=token.text, sentence=self._sentence_text(sent),
        )

    def _location(self, token, trigger: Trigger, extra: frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
        """Where the event takes place: an "in"/"at" place of the trigger ("to" for a visit)."""
        preps = LOCATION_PREPS | extra | ({"to"} if trigger.mode == "visit" else set())
        heads = [token] + ([token.head] if token.pos_ == "NOUN" and token.head.lemma_ in LIGHT_VERBS else [])
        # "talks held at ...": the participle that places the event
        heads += [c for c in token.children if c.dep_ == "acl"]
        # the parser often hangs "in Beijing" on the object ("met Xi Jinping in Beijing")
        heads += [c for h in list(heads) for c in h.children if c.dep_ in {"dobj", "pobj"} and c != token]
        heads += [g for h in list(heads) for c in h.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
        # "at the Presidential Secretariat in Colombo": the place inside the place
        heads += [g for h in list(heads) for c in h.children if c.dep_ == "prep" and c.lower_ in {"at", "in"}
                  for g in c.children if g.dep_ == "pobj"]
        # "a meeting ... during the latter's visit to Tehran": where the visit goes
        visits = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "during"
                  for g in c.children if g.dep_ == "pobj" and g.lemma_ in VISITING]
        for head in heads + visits:
            for child in head.children:
                if child.dep_ != "prep" or child.lower_ not in (preps | {"to"} if head in visits else preps):
                    continue
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    hit = self._codes_of_phrase(pobj)
                    if hit and hit[2].type in {"PLACE", "COUNTRY"}:
                        end, code, entity = hit
                        return entity.name, code
        return None, None

    def _status(self, token, sent) -> str:
        if any(c.dep_ == "neg" for c in token.children) or any(c.dep_ == "neg" for c in token.head.children if token.dep_ in {"dobj", "xcomp"}):
            return "negated"
        # modifiers and auxiliaries only: a coordinated verb ("met ... and is scheduled") says nothing
        words = {c.lower_ for c in token.children if c.dep_ not in {"conj", "cc", "ccomp", "advcl"}} | {
            c.lower_ for c in token.head.children if c.dep_ not in {"conj", "cc", "ccomp", "advcl"}}
        # "would" after a reporting verb is reported future ("assured that China would ..."), not a condition
        if words & {"could", "might", "if"} or ("would" in words and self._words_of(sent)[1]):
            return "hypothetical"
        # "dialogue will continue", "talks are to be held next week"
        if tense_of(token) == "future" or words & FUTURE_WORDS or token.head.lower_ in FUTURE_WORDS or (
            token.dep_ in SUBJECT_DEPS and words & FUTURE_AUXILIARIES
        ):
            return "planned"
        return "occurred"

    def _tokens_by_offset(self, sent) -> dict:
        """The sentence's tokens by character offset, built once per sentence (not per trigger:
        a sentence of 20,000 tokens with 2,000 triggers would be quadratic)."""
        if self._sentence_index[0] != sent.start:
            self._sentence_index = (sent.start, {t.idx: t for t in sent})
        return self._sentence_index[1]

    def _sentence_text(self, sent) -> str:
        return self._words_of(sent)[0]

    def _words_of(self, sent) -> tuple[str, bool]:
        if self._sentence_words[0] != sent.start:
            self._sentence_words = (sent.start, sent.text, any(t.lower_ == "if" for t in sent))
        return self._sentence_words[1:]

    def _times_of_sentence(self, sent) -> tuple[list, dict]:
        """The calendar times inside a sentence, as (time, its clause head) in the time layer's
        order, and the same grouped by clause head index: built once per sentence, not per
        trigger (a 20,000-token sentence with 1,000 dates and 2,000 triggers would be quadratic)."""
        if self._sentence_times[0] != sent.start:
            by_token = self._tokens_by_offset(sent)
            inside, by_clause = [], {}
            for t in self.doc.times:
                if sent.start_char <= t.start < sent.end_char and t.value and CALENDAR_VALUE.match(t.value):
                    head = _clause_head(by_token[t.start]) if t.start in by_token else None
                    inside.append((t, head))
                    if head is not None:
                        by_clause.setdefault(head.i, []).append(t)
            self._sentence_times = (sent.start, inside, by_clause)
        return self._sentence_times[1], self._sentence_times[2]

    def _date(self, token, sent) -> str | None:
        inside, by_clause = self._times_of_sentence(sent)
        if not inside:
            return None
        # a time of the trigger's own clause ("On Friday, the ministers met and held talks"),
        # never one of another clause ("talks, where he recalled that this year marks ...",
        # "released two nationals held since 2022"); the event's own phrase first
        clause = _clause_head(token)
        same_clause = by_clause.get(clause.i, [])
        # the trigger's own phrase: its subtree's character range (edges, not a walk of the subtree)
        phrase_start, phrase_end = token.left_edge.idx, token.right_edge.idx
        in_phrase = next((t for t in same_clause if phrase_start <= t.start <= phrase_end), None)
        if same_clause:
            return (in_phrase if in_phrase is not None else same_clause[0]).value
        # "X agreed to ..., officials said on Monday": the report's time dates the event
        reporting = [t for t, head in inside if head is not None and head.lemma_ in REPORTING_VERBS and _related(head, clause)]
        return reporting[0].value if reporting else None

    def _merge(self, events: list[Event]) -> list[Event]:
        """The same event told in several sentences is one event with all its evidence.

        Same type, status and participants, and dates that agree (equal, or one
        unstated). A visit orders the participants of the meetings it merges
        with: the visitor first.
        """
        merged: list[Event] = []
        for event in sorted(events, key=lambda e: (not (e.mode == "visit" or e.directed), e.evidence[0])):
            same = next((m for m in merged if _same_event(m, event)), None)
            if same is None:
                merged.append(event)
                continue
            same.date = same.date or event.date
            if event.evidence != same.evidence and event.evidence not in same.more_evidence:
                same.more_evidence.append(event.evidence)
        merged.sort(key=lambda e: e.evidence[0])
        return merged


AGENT_NOUNS = {"authority", "official", "government", "leader", "leadership", "side", "delegation", "officer", "force", "troop"}
# people in the street, not a government: "protested against" by them is a protest, not a complaint;
# "students in Taiwan" belong where they are
CROWD_NOUNS = {"protester", "protestor", "demonstrator", "crowd", "thousand", "hundred", "dozen", "people", "student",
               "worker", "resident", "activist", "citizen", "villager", "farmer", "rally", "mob", "supporter"}
AGENT_NOUNS |= CROWD_NOUNS
INVITING = {"invite", "invitation"}
VISITING = {"visit", "come", "travel", "attend"}
COOPERATIVE = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE"}
TARGETED = {"ASSAULT", "COERCE", "MOBILIZE"}
TOPIC_PREPS = {"concerning", "regarding", "about", "over", "on", "related"}


RELATIVE_PRONOUNS = {"which", "that"}
# verbs that give up a measure ("ended the blockade"); "lift" and "ease" are CONCEDE triggers themselves
ENDING_VERBS = {"end", "remove", "scrap", "drop", "revoke", "rescind", "cancel", "terminate", "abolish"}


def _relative_carrier(noun):
    """The verb of a relative clause that does what an event noun names ("the sanctions, which
    the EU imposed on Russia", "an agreement that was signed by X and Y"): the noun is the
    clause's object or passive subject, and the verb one that carries an event noun."""
    if noun.pos_ != "NOUN":
        return None
    for clause in noun.children:
        if clause.dep_ == "relcl" and clause.pos_ == "VERB" and (clause.lemma_ in LIGHT_VERBS | CARRYING_VERBS) and any(
                c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in RELATIVE_PRONOUNS for c in clause.children):
            return clause
    return None


# verbs that do what an event noun names, besides the light verbs ("signed an agreement")
CARRYING_VERBS = {"sign", "conclude", "adopt", "announce", "introduce", "broker", "agree", "reach", "order"}


DATELINE_DASHES = {"–", "—", "--", "-"}
DATELINE_REACH = 16  # tokens: "CITY, Country, Month D (Agency) –" is short


def _dateline_end(sent) -> int:
    """The first token after a dateline that opens the sentence ("TOKYO, Aug 29 (KUNA) --"): a
    capitalised place, a comma, a date or an agency, and a dash within a few tokens; else the
    sentence's first token."""
    cache = sent.doc.user_data.setdefault("dyads_dateline_ends", {})
    if sent.start not in cache:
        cache[sent.start] = sent.start
        words = [t for t in sent[:DATELINE_REACH] if not t.is_space]
        if words and (words[0].pos_ == "PROPN" or words[0].text.isupper()) and any(t.text == "," for t in words[:6]):
            # a dash standing apart ("Aug 29 (KUNA) --"), not a hyphen inside a word ("gas-rich")
            dash = next((t for t in words if t.text in DATELINE_DASHES and t.i > words[0].i + 1
                         and sent.doc[t.i - 1].whitespace_), None)
            # (a date or an agency in brackets makes it a dateline, not "Russia, China and Iran -")
            if dash is not None and any(t.text == "(" or t.ent_type_ == "DATE" for t in sent.doc[words[0].i:dash.i]):
                cache[sent.start] = dash.i + 1
    return cache[sent.start]


def _title_case(sent) -> bool:
    """A headline in Title Case: a short line without a final stop whose words, small ones
    aside, all start with a capital."""
    words = [t for t in sent if t.is_alpha]
    if not 3 <= len(words) <= 20 or sent.text.rstrip().endswith("."):
        return False
    content = [t for t in words if len(t) > 3]
    return bool(content) and all(t.text[0].isupper() for t in content)


def _aimed_against(token, top) -> bool:
    """Inside an "against"/"on" phrase below ``top``, and not in a relative clause or a "by"
    phrase on the way (someone else's act)."""
    node, aimed = token, False
    for _ in range(12):
        if node == top or node.head == node:
            return aimed
        if node.dep_ in {"relcl", "agent"}:
            return False
        if node.dep_ == "prep" and node.lower_ in {"against", "on"}:
            aimed = True
        node = node.head
    return False


def _by_crowd(subject_tokens) -> bool:
    """The acting side is people in the street ("thousands of Armenians", "protesters"),
    not a state's voice: its head is a crowd word or a plural nationality."""
    heads = [t for t in subject_tokens if t.dep_ in SUBJECT_DEPS | {"pobj"} and t.pos_ in {"NOUN", "PROPN", "NUM"}]
    return any(t.lemma_.lower() in CROWD_NOUNS or (t.ent_type_ == "NORP" and t.tag_ in {"NNS", "NNPS"}) for t in heads[:1])


def _agentless(token) -> bool:
    """Told without anyone acting: a passive without "by" ("the envoy was urged to"), or an
    event noun whose clause has no subject ("a note was handed to the envoy")."""
    if token.pos_ == "VERB":
        return any(c.dep_ == "auxpass" for c in token.children) and not any(c.dep_ == "agent" for c in token.children)
    verb = _clause_head(token)
    return verb.pos_ in {"VERB", "AUX"} and not any(c.dep_ in {"nsubj", "agent"} for c in verb.children)


def _in_topic_phrase(token) -> bool:
    """Inside a prepositional phrase that says what a noun is about: context, not a party."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ in TOPIC_PREPS and ancestor.head.pos_ in {"NOUN", "PROPN"}:
            return True
    return False


def _related(a, b) -> bool:
    """One clause head governs the other."""
    return a in b.ancestors or b in a.ancestors


# "urged X to withdraw", "threatened to impose sanctions", "refused to let planes land":
# the embedded action is what is asked, threatened or refused, not an event of its own
EMBEDDING_TYPES = {"REQUEST", "THREATEN", "REJECT", "AGREE", "ACCUSE"}
COMPLEMENT_PREPS = {"of", "for", "to", "on", "against", "over", "about"}


def _embedded(token, triggers) -> bool:
    """A trigger inside the complement of another trigger (or the object noun of a trigger verb
    other than a light verb: "rejected Egypt's demand" is one event, the rejection)."""
    head = token.head
    if token.pos_ == "NOUN" and token.dep_ in {"dobj", "pobj"} and head.i in triggers and head.pos_ == "VERB" and head.lemma_ not in LIGHT_VERBS:
        return True
    if token.dep_ == "dobj" and any(c.dep_ == "nsubj" and c.i in triggers and triggers[c.i].type in EMBEDDING_TYPES
                                    for c in head.children):
        return True  # "Russia's demands include the withdrawal of ...": what is demanded
    node = token
    for _ in range(3):
        purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if (node.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "prep"} and not purpose) or node.head == node:
            return False  # ("summoned the envoy to protest ...": the purpose of the summons is part of it)
        if node.dep_ == "prep" and node.lower_ not in COMPLEMENT_PREPS:
            return False  # "at the meeting, X urged ...": a setting, not what is urged
        node = node.head
        outer = triggers.get(node.i)
        if outer is not None and outer.type in EMBEDDING_TYPES and node.pos_ in {"VERB", "NOUN"}:
            return True
    return False


# a standing agreement is told by these nouns without being concluded ("the treaty governs ...")
AGREEMENT_NOUNS = {"agreement", "deal", "treaty", "pact", "accord", "ceasefire", "truce", "armistice", "consensus"}
SETTING_PREPS = {"at", "during", "after", "before", "on", "following", "in"}


def _in_setting(token, top) -> bool:
    """Under a place ("violence in Mali") or a relative clause, below ``top``: not what is said to a party."""
    node = token
    for _ in range(12):
        if node == top or node.head == node:
            return False
        # (someone else's act too: "the treaty brokered by the World Bank")
        if node.dep_ in {"relcl", "agent"} or (node.dep_ == "prep" and node.lower_ in LOCATION_PREPS | NEAR_PREPS):
            return True
        node = node.head
    return False


def _mention_of_known_event(token, trigger) -> bool:
    """A noun that only refers to an event or an agreement, no new event: "at the meeting, X urged
    ...", "the treaty governs the waters"; an agreement counts when something is done with it
    (reached, signed, broken: its verb is a trigger or it is the object of a verb)."""
    if token.pos_ != "NOUN":
        return False
    if (trigger.type == "CONSULT" and token.dep_ == "pobj" and token.head.lower_ in SETTING_PREPS and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(c.dep_ in {"prep", "poss", "compound", "amod"} for c in token.children)):
        return True  # "at the meeting", "during the talks", with nothing of its own
    if token.lemma_.lower() in AGREEMENT_NOUNS and trigger.type == "AGREE":
        done_with = any(c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB" for c in token.children)  # "a deal brokered by"
        return not done_with and token.dep_ not in {"dobj", "nsubjpass", "attr", "ROOT", "conj", "appos"}
    return False


# a party's noun phrase is read within this many tokens of its head: news phrases are far
# shorter, and walking a whole subtree from every trigger of a 20,000-token sentence is quadratic
ARGUMENT_REACH = 40


def _near_subtree(head):
    """The tokens of ``head``'s subtree that lie within ARGUMENT_REACH tokens of it, in order."""
    doc = head.doc
    start = max(head.left_edge.i, head.i - ARGUMENT_REACH)
    end = min(head.right_edge.i, head.i + ARGUMENT_REACH) + 1
    return [t for t in doc[start:end] if t.i == head.i or head.is_ancestor(t)]


def _clause_head(token):
    """The verb heading the clause a token is in (its nearest verbal ancestor, or the root)."""
    # walked once per token and remembered for the parse: on one 100,000-character
    # sentence, walking the ancestors (or token.sent) from every token is quadratic
    heads = token.doc.user_data.setdefault("dyads_clause_heads", {})
    path = []
    node = token
    while node.i not in heads:
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            heads[node.i] = node.i
            break
        path.append(node.i)
        node = node.head
        if len(path) > len(token.doc):  # a cycle would be a broken parse; stop at the token
            heads[node.i] = token.i
            break
    for i in path:
        heads[i] = heads[node.i]
    return token.doc[heads[token.i]]


def _same_event(a: Event, b: Event) -> bool:
    """Same type, status and participants; dates and places that agree (equal, or one
    unstated); and the same direction, unless a visit meets the undirected talks held
    during it."""
    return (
        a.type == b.type and a.status == b.status and set(a.actors) == set(b.actors)
        and (a.date == b.date or not a.date or not b.date)
        and (a.location_country == b.location_country or not a.location_country or not b.location_country)
        and (a.actors == b.actors or (a.type == "CONSULT" and not (a.directed and b.directed)))
        and (a.type in COOPERATIVE or _same_act(a.trigger, b.trigger))
    )


def _dated_by_context(events: list[Event]) -> list[Event]:
    """An event told without a time of its own, right after a dated one that occurred (in the
    same paragraph of news: within ``CONTEXT_CHARS``), happened that day: "X summoned the envoy on
    Monday. The envoy was handed a note of protest." Further away, the date stays unknown."""
    last = None
    for event in sorted(events, key=lambda e: e.evidence[0]):
        if event.status != "occurred":
            continue
        if event.date:
            last = event
        elif last and len(last.date) == 10 and event.evidence[0] - last.evidence[1] <= CONTEXT_CHARS:
            event.date = last.date
    return events


CONTEXT_CHARS = 400
IMPLICIT_SENTENCES = 4  # how far back an agentless act looks for the party that acts


def _separate_meetings(event: Event, sent, actor_count: int) -> list[Event]:
    """"Talks with his Russian and Ukrainian counterparts", "held talks ... in separate meetings":
    one party meets each of the others apart, so each meeting is its own bilateral event."""
    if event.type != "CONSULT" or event.directed or len(event.actors) < 3:
        return [event]
    separate = any(t.lower_ in {"separate", "separately", "counterparts"} for t in sent)
    if not separate:
        return [event]
    if actor_count == 1:  # "X held talks with Y and Z"
        return [replace(event, actors=[event.actors[0], other], more_evidence=[]) for other in event.actors[1:]]
    if actor_count == len(event.actors) - 1:  # "X and Y held talks with Z"
        return [replace(event, actors=[other, event.actors[-1]], more_evidence=[]) for other in event.actors[:-1]]
    return [event]


def _visitor_first(events: list[Event]) -> list[Event]:
    """Meetings between a visitor and its host name the visitor first, as the visit does,
    when the article tells of that visit and the meeting's own place says nothing."""
    visits = {frozenset(e.actors): e.actors for e in events if e.mode == "visit" and len(e.actors) == 2}
    for event in events:
        order = visits.get(frozenset(event.actors))
        if order and event.type == "CONSULT" and not event.directed and event.location_country not in event.actors:
            if event.actors != order:
                event.actors = list(order)
                event.actor, event.recipient = event.recipient, event.actor
    return events


def _same_act(a: str, b: str) -> bool:
    """Two conflict or material triggers name one act when they share their stem's first
    letters ("expelled" / "the expulsion", "summoned" / "the summons"); "expelled ... and
    recalled its envoy" are two sanctions. (Meetings, agreements and support are told with
    many words for one act, so they merge on type and parties alone.)"""
    return a.lower()[:3] == b.lower()[:3]


@component("events", requires=["entities", "times"], assigns=["events"])
def annotate_events(doc: Document, parsed) -> None:
    doc.events = EventFinder(doc, parsed).run()
