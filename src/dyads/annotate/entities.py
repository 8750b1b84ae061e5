"""Who: countries, organisations and people, resolved within one article.

spaCy's NER is the start; rules fix what it gets wrong in diplomatic news:
surnames tagged as organisations ("Nurtleu", "Sun"), demonyms tagged as people
("Kazakh"), offices in front of names ("Kazakh Deputy Prime Minister and Foreign
Minister Murat Nurtleu"), and descriptions that stand for a person ("the Chinese
leader", "the Head of State", "his Russian counterpart").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from dyads.annotate.countries import Gazetteer, gazetteer
from dyads.annotate.institutions import BACK_REFERENCES, find_institutions, seats
from dyads.model import Document, Entity, Mention, content_id
from dyads.annotate.registry import component
from dyads.annotate.roster import roster

# --- offices ---------------------------------------------------------------------

# Words that head an office. Compound offices ("Prime Minister", "Minister of
# Foreign Affairs") are built from these and the modifiers below.
TITLE_HEADS = {
    "president", "minister", "premier", "chancellor", "secretary", "king", "queen", "emir", "sultan", "prince",
    "ambassador", "envoy", "chairman", "chairwoman", "chair", "chairperson", "spokesman", "spokeswoman",
    "spokesperson", "governor", "mayor", "senator", "general", "commander", "director", "head", "speaker",
    "leader", "representative", "consul", "commissioner", "sheikh", "pope", "marshal", "admiral", "colonel",
    "lieutenant", "captain", "judge", "akim", "chief", "vice-president", "secretary-general", "ombudsman",
    "monarch", "emperor", "lawmaker", "deputy", "attaché", "attache", "minister-counsellor", "counsellor",
    "pm", "fm", "undersecretary", "under-secretary", "secretary-general", "high commissioner", "chargé", "charge",
    "adviser", "advisor",
}
TITLE_MODIFIERS = {
    "deputy", "vice", "first", "acting", "foreign", "prime", "defence", "defense", "interior", "finance",
    "trade", "economy", "state", "affairs", "general", "supreme", "crown", "special", "senior", "chief",
    "executive", "permanent", "high", "presidential", "former", "top", "national", "security", "adviser",
    "advisor", "assistant", "under", "energy", "justice", "health", "education", "agriculture", "culture",
    "industry", "transport", "labour", "labor", "economic", "development", "investment", "commerce",
    "ministry", "parliament", "parliamentary", "party", "communist", "central", "committee", "council",
    "political", "bureau", "member", "cabinet", "extraordinary", "plenipotentiary", "minister",
    "government", "ground", "forces", "army", "navy", "police", "intelligence", "military", "homeland", "press",
    "oil", "brigadier", "major", "vice-premier", "external", "rear", "d'affaires", "d’affaires",
}
CONNECTORS = {"of", "and", "for", "on", "the", "to", "in"}
HEAD_OF_STATE = {"president", "chairman", "king", "queen", "emir", "sultan", "prime minister", "premier", "chancellor", "supreme leader", "monarch", "emperor"}
HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Sir", "Madam"}

# "the Chinese leader", "the president of Kazakhstan", "his Russian counterpart"
DESCRIPTION_ROLES = [
    "head of state", "head of government", "supreme leader", "prime minister", "foreign minister",
    "minister of foreign affairs", "defence minister", "defense minister", "top diplomat", "president", "leader",
    "chairman", "premier", "chancellor", "king", "emir", "counterpart", "foreign ministry spokesperson",
    "secretary of state", "secretary-general", "secretary general", "ambassador", "envoy", "spokesman", "spokesperson",
    "spokeswoman", "diplomat", "minister", "high commissioner", "fm", "pm", "defense head", "defence head",
]
ROLE_TITLES = {
    "head of state": HEAD_OF_STATE, "head of government": {"prime minister", "premier", "chancellor"},
    "leader": HEAD_OF_STATE, "chairman": HEAD_OF_STATE, "president": {"president", "chairman"},
    "prime minister": {"prime minister", "premier"}, "premier": {"prime minister", "premier"},
    "foreign minister": {"foreign minister", "minister of foreign affairs"},
    "minister of foreign affairs": {"foreign minister", "minister of foreign affairs"},
    "top diplomat": {"foreign minister", "minister of foreign affairs", "secretary of state", "foreign secretary"},
    "secretary of state": {"secretary of state", "foreign minister"},
    "secretary-general": {"secretary-general", "secretary general"}, "secretary general": {"secretary-general", "secretary general"},
    "ambassador": {"ambassador", "envoy"}, "envoy": {"ambassador", "envoy", "high commissioner"},
    "high commissioner": {"high commissioner"}, "diplomat": {"ambassador", "envoy", "high commissioner", "foreign minister"},
    "spokesman": {"spokesman", "spokesperson", "spokeswoman"}, "spokesperson": {"spokesman", "spokesperson", "spokeswoman"},
    "spokeswoman": {"spokesman", "spokesperson", "spokeswoman"},
    "minister": {"minister", "foreign minister", "defence minister", "defense minister", "prime minister"},
    "fm": {"foreign minister", "minister of foreign affairs", "fm"}, "pm": {"prime minister", "pm", "premier"},
    "defence minister": {"defence minister", "defense minister", "minister of defence", "minister of defense"},
    "defense minister": {"defence minister", "defense minister", "minister of defence", "minister of defense"},
    "defence head": {"defence minister", "defense minister"}, "defense head": {"defence minister", "defense minister"},
}

_SUBJECT_TAIL = re.compile(r"(’s|'s|’|')$")
_CAPITALISED_NAME = re.compile(r"(?<![\w\-])[A-Z][\w\-]+(?:\s[A-Z][\w\-’']+){0,3}")


def fold(text: str) -> str:
    """Identity key of a name: no accents, no case, no hyphen or apostrophe differences."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[‐‑–—\-'’`.]", "", text)
    return " ".join(text.split())


# Romanisations of one name differ from outlet to outlet: Tokayev/Tokaev, Kassym/Kasym,
# Zhomart/Jomart, Zelenskyy/Zelenskiy/Zelensky, Khan/Han. Written here because no library
# reconciles two Latin spellings of a name (unidecode and the like map scripts to Latin,
# which both spellings already are).
_SPELLING_VARIANTS = [
    (re.compile(r"zh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), ""),  # Tokayev, Nazarbayev
    (re.compile(r"(?:iy|yy|ii)\b"), "y"),  # Zelenskiy, Zelenskyy
    (re.compile(r"([a-z])\1"), r"\1"),  # Kassym, Mohammed
]


def spelling_key(name: str) -> str:
    """``fold`` with the usual romanisation variants collapsed: the key that says two
    articles name the same person."""
    key = fold(name)
    for pattern, replacement in _SPELLING_VARIANTS:
        key = pattern.sub(replacement, key)
    return key


def slug(text: str) -> str:
    """The id part of a name: Latin letters and digits; other scripts are transliterated
    (anyascii), and what still has no letters gets a hash, so that an id is never empty."""
    latin = re.sub(r"[^a-z0-9]+", "-", fold(anyascii(text))).strip("-")
    return latin or "h" + content_id(text.strip())[:12]


def is_title_word(word: str) -> bool:
    w = word.lower()
    return w in TITLE_HEADS or w in TITLE_MODIFIERS


def split_titles(run: str, gaz: Gazetteer) -> tuple[list[str], str | None]:
    """'Kazakh Deputy Prime Minister and Foreign Minister' -> (['Deputy Prime Minister', 'Foreign Minister'], 'KAZ').

    The second value is the state the office serves, or the acronym of the international
    organisation named in front ("UN spokesperson", "European Council President": an
    organisation's name stays part of the office)."""
    country = None
    words = run.split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    # a country named in front ("Kazakh", "Kazakhstan’s", "Chinese") belongs to the person
    for size in (5, 4, 3, 2, 1):
        if len(words) > size:
            front = " ".join(words[:size])
            place = gaz.lookup(_SUBJECT_TAIL.sub("", front))
            if place and place.kind == "org":
                acts = gaz.org_actor(place.code)
                country = acts if acts and acts not in gaz.country_names else place.code
                if size == 1 and front.isupper():
                    words = words[size:]  # "UN spokesperson": the acronym is not part of the office
                break
            code = gaz.country_code(front)
            if code:
                country, words = code, words[size:]
                break
    text = " ".join(words)
    # "... of Kazakhstan" at the end
    m = re.search(r"\s+of\s+(?:the\s+)?(.+)$", text)
    if m and gaz.country_code(m.group(1)):
        country = country or gaz.country_code(m.group(1))
        text = text[: m.start()]
    if country is None:
        country = phrase_country(text, gaz)  # "Former Turkish envoy"
        if country:
            text = " ".join(w for w in text.split() if not gaz.country_code(w))
    titles = []
    pieces = re.split(r"\s+and\s+|,\s*", text)
    # "Extraordinary and Plenipotentiary Ambassador": a piece with no office word qualifies the next
    merged: list[str] = []
    for piece in pieces:
        if merged and not any(w.lower() in TITLE_HEADS for w in merged[-1].split()) and merged[-1].strip():
            merged[-1] = f"{merged[-1]} and {piece}"
        else:
            merged.append(piece)
    for piece in merged:
        piece = re.sub(r"^(?:the|a|an|former|then|ex-)\s+", "", piece.strip(), flags=re.I)
        piece = re.sub(r"^\S+(?:’s|'s)\s+", "", piece)  # "the ministry’s spokesman", "the group’s political chief"
        words_ = piece.split()
        # "Tatarstan governor": a place in front of a lower-case office is not part of it
        if len(words_) > 1 and words_[0][:1].isupper() and not is_title_word(words_[0]) and all(w.islower() for w in words_[1:]):
            piece = " ".join(words_[1:])
        if piece and any(w.lower() in TITLE_HEADS for w in re.split(r"[\s]+", piece)):
            if piece.lower() in {"deputy", "member"}:
                continue
            for office in _separate_offices(piece):
                titles.append(office)
                if office.split()[-1].lower() == "ambassador" and office.lower() != "ambassador":
                    titles.append("Ambassador")  # "Extraordinary and Plenipotentiary Ambassador" is an ambassador
                elif office.split()[0].lower() == "ambassador" and office.lower() != "ambassador" and " of " not in office:
                    titles.append("Ambassador")
    return titles, country


# offices after which a new office may start without "and": "Foreign Secretary Ambassador",
# "ground forces commander Brigadier General"
_ENDS_OFFICE = {"commander", "secretary", "minister", "ambassador", "spokesman", "spokesperson", "spokeswoman", "chairman",
                "president", "envoy", "governor", "adviser", "advisor", "director", "chief", "premier", "leader"}
_CONTINUES_OFFICE = {"general", "of", "for", "and", "to", "in", "extraordinary", "plenipotentiary", "at", "on"}


def _separate_offices(piece: str) -> list[str]:
    words = piece.split()
    out, current = [], []
    for i, word in enumerate(words):
        if current and current[-1].lower() in _ENDS_OFFICE and word.lower() not in _CONTINUES_OFFICE \
                and is_title_word(word) and (word.lower() in TITLE_HEADS or (word[:1].isupper() and current[-1][:1].islower())):
            out.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        out.append(" ".join(current))
    return out


def _igo(surface: str, gaz: Gazetteer) -> str | None:
    """The acronym of the international organisation ``surface`` names (it acts as itself), else None."""
    place = gaz.lookup(re.sub(r"(’s|'s)$", "", surface))
    return place.code if place and place.kind == "org" and gaz.org_actor(place.code) == place.code else None


def phrase_country(phrase: str, gaz: Gazetteer) -> str | None:
    """The state a descriptive phrase ties a person to: 'head of Tajikistan’s State Security Committee',
    'the Extraordinary and Plenipotentiary Ambassador of Russia to Azerbaijan' (a destination after
    'to' is where they serve, not whom)."""
    phrase = re.split(r"\s+(?:to|in|at)\s+", phrase)[0]
    words = phrase.replace(",", " ").split()
    for i in range(len(words)):
        for size in (5, 4, 3, 2, 1):  # the longest name first: "Saint Vincent and the Grenadines"
            if i + size <= len(words):
                code = gaz.country_code(" ".join(words[i:i + size]))
                if code:
                    return code
    return None


# --- the annotator --------------------------------------------------------------------

@dataclass
class Person:
    key: str
    name: str
    titles: list[str] = field(default_factory=list)
    country: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    igo: str | None = None  # the international organisation the person serves ("UN spokesperson")
    offices: list[str] = field(default_factory=list)  # held on the article's date, from the roster
    on_roster: bool = False  # the roster knows the person (their state, or that they serve an IGO)

    @property
    def first(self) -> int:
        """Where the article first names the person (descriptions do not count)."""
        named = [m.start for m in self.mentions if m.kind != "description"]
        return min(named or [m.start for m in self.mentions])

    def add_title(self, title: str) -> None:
        if title.lower() not in {t.lower() for t in self.titles}:
            self.titles.append(title)

    def holds(self, role: str) -> bool:
        if role == "counterpart":
            return True  # any office
        wanted = ROLE_TITLES.get(role) or {role}  # "the emir": an emir
        return any(t.lower() in wanted or t.lower().split()[-1] in wanted for t in self.titles + self.offices)


class EntityFinder:
    """Finds the entities of one parsed document."""

    def __init__(self, doc: Document, parsed, gaz: Gazetteer):
        self.doc, self.parsed, self.gaz = doc, parsed, gaz
        self.body = doc.body
        self.taken = _Spans()
        self.people: dict[str, Person] = {}
        self.places: dict[str, Entity] = {}
        self.institution_order: list[tuple[int, Entity]] = []
        self.institution_heads: dict[str, list[str]] = {}

    # -- helpers --
    def _free(self, start: int, end: int) -> bool:
        return self.taken.free(start, end)

    def _take(self, start: int, end: int) -> None:
        self.taken.add(start, end)

    def _place_entity(self, code: str, kind: str, surface: str) -> Entity:
        if kind == "org":
            acts_for = self.gaz.org_actor(code)  # a national body (the CPC) serves its state
            key, etype, name, country = f"org/{code}", "ORG", self.gaz.name(code), (acts_for if acts_for != code else None)
        elif kind == "capital":
            key, etype, name, country = f"place/{slug(surface)}", "PLACE", surface, code
        else:
            key, etype, name, country = f"country/{code}", "COUNTRY", self.gaz.name(code), code
        if key not in self.places:
            self.places[key] = Entity(id=key, name=name, type=etype, key=key, country=country)
        return self.places[key]

    # -- steps --
    def run(self) -> list[Entity]:
        self.find_people()
        self.shared_offices()
        self.apply_roster()
        self.resolve_descriptions()
        self.find_state_institutions()
        self.find_gazetteer_places()
        self.find_acronym_definitions()
        self.find_other_orgs()
        self.fill_countries()
        return self.entities()

    def find_gazetteer_places(self) -> None:
        """Every gazetteer surface in the body, longest first, outside people's names."""
        surfaces = sorted(self.gaz.surfaces, key=len, reverse=True)
        pattern = _surface_regex(tuple(surfaces))
        for m in pattern.finditer(self.body):
            start, end = m.span("s")
            if not self._free(start, end):
                continue
            place = self.gaz.surfaces[m.group("s")]
            entity = self._place_entity(place.code, place.kind, m.group("s"))
            entity.mentions.append(Mention(start, end, m.group("s"), "acronym" if m.group("s").isupper() else "name"))
            seat = seats().get(m.group("s"))
            if place.kind == "body" and seat:
                # "the Kremlin said": the state's presidency, an institution that speaks for the state
                surface = re.sub(r"^the\s+", "", m.group("s"))
                key = f"org/{seat[0].lower()}-{seat[1].replace('_', '-')}"
                body = self.places.setdefault(key, Entity(id=key, name=surface, type="ORG", key=key, country=seat[0], kind=seat[1]))
                body.mentions.append(Mention(start, end, m.group("s"), "name"))
            self._take(start, end)

    def find_state_institutions(self) -> None:
        """Ministries, presidencies, parliaments, armed forces ... of a state, as ORG entities whose
        ``country`` is the state; "the ministry" later refers back to the last one named. The state's
        own word stays a mention of the state ("Russian" in "the Russian Foreign Ministry")."""
        last_of_kind: dict[str, Entity] = {}
        for found in find_institutions(self.body, self.gaz):
            if not self._free(found.head_start, found.end):
                continue
            state = found.state
            kind = found.kind
            if state is None:
                # "the Foreign Ministry" after "the Egyptian Foreign Ministry": the same body
                if kind == "ministry":
                    earlier = next((e for _, e in reversed(self.institution_order) if (e.kind or "").endswith("ministry")), None)
                else:
                    earlier = last_of_kind.get(kind)
                if earlier is None and kind == "ministry":
                    continue  # "the Ministry" with no ministry named before: nobody to refer to
                state = earlier.country if earlier else None
                if earlier is not None and state is None:
                    earlier.mentions.append(Mention(found.start, found.end, found.text, "description"))
                    self._take(found.head_start, found.end)
                    continue
            if kind == "ministry" and state:
                # "the Egyptian ministry" after "the Egyptian Foreign Ministry": that ministry
                kind = next((e.kind for e in last_of_kind.values() if e.country == state and (e.kind or "").endswith("ministry")), kind)
            head = found.head
            # one body, however it is written: the foreign ministry is "Foreign Ministry", "MFA", "Ministry of Foreign Affairs"
            what = kind if kind in _ONE_PER_STATE else slug(head)
            key = f"org/{state.lower()}-{what.replace('_', '-')}" if state else f"org/{slug(found.text)}"
            entity = self.places.setdefault(key, Entity(id=key, name=found.text, type="ORG", key=key, country=state, kind=kind))
            entity.mentions.append(Mention(found.start, found.end, found.text, "name"))
            heads = self.institution_heads.setdefault(key, [])
            if found.state or not heads:  # a name written with its state names the body better than a bare one
                if heads and not heads[0][2]:
                    heads.clear()
                heads.append((head, found.state_word, bool(found.state)))
            entity.name = self._institution_name(state, kind, heads, entity.mentions[0].text)
            self._take(found.head_start, found.end)
            last_of_kind[kind] = entity
            self.institution_order.append((found.start, entity))
        # "the Egyptian ministry" and "the Egyptian Foreign Ministry" in one article: one body
        for key, entity in list(self.places.items()):
            if entity.kind == "ministry" and entity.country:
                specific = [e for e in self.places.values() if e.country == entity.country and e.kind in _ONE_PER_STATE and e.kind.endswith("ministry")]
                if len(specific) == 1:
                    specific[0].mentions.extend(entity.mentions)
                    del self.places[key]
                    self.institution_order = [(at, specific[0] if e is entity else e) for at, e in self.institution_order]
        # "the ministry said": the last ministry (or presidency, embassy) named before
        for m in re.finditer(r"(?<![\w])[Tt]he\s+(ministry|presidency|embassy)(?![\w])", self.body):
            if not self._free(*m.span()):
                continue
            kinds = BACK_REFERENCES[m.group(1).lower()]
            earlier = [e for at, e in self.institution_order if at < m.start() and e.kind in kinds]
            if earlier:
                earlier[-1].mentions.append(Mention(m.start(), m.end(), m.group(0), "description"))
                self._take(*m.span())

    def _institution_name(self, state: str | None, kind: str, heads: list[tuple[str, str | None, bool]], first: str) -> str:
        """'Russian Foreign Ministry' for "Russia's foreign ministry", "the Russian MFA": the state as an
        adjective and the institution's fullest written name (an acronym only when it is all there is).
        Other bodies keep the name they are first given ("Armed Forces of the Philippines")."""
        if state is None or kind not in _ONE_PER_STATE:
            return re.sub(r"^[Tt]he\s+", "", first)
        spelled = [h for h, _, _ in heads if not h.isupper()] or [h for h, _, _ in heads]
        formal = [h for h in spelled if h.lower().startswith("ministry of")]
        counts: dict[str, int] = {}
        for h in formal or spelled:
            counts[h.lower()] = counts.get(h.lower(), 0) + 1
        order = [h.lower() for h in formal or spelled]
        best = max(counts, key=lambda h: (counts[h], -order.index(h)))
        head = " ".join(w if w in CONNECTORS else w[:1].upper() + w[1:] for w in best.split())
        # the state as the text writes it before the name ("Bangladesh Foreign Ministry"), else its adjective
        written = next((w for _, w, _ in heads if w and not _SUBJECT_TAIL.search(w)), None)
        return f"{written or self.gaz.adjectives.get(state) or self.gaz.name(state)} {head}"

    def find_acronym_definitions(self) -> None:
        """'Belt and Road Initiative (BRI)': the acronym and the name are one organisation."""
        for m in re.finditer(r"\(([A-Z][A-Z0-9&]{1,9})\)", self.body):
            acronym = m.group(1)
            before = self.body[max(0, m.start() - 150): m.start()].rstrip()
            words = before.split()
            # the shortest run of words before the bracket whose capitals spell the acronym
            name = None
            for size in range(2, min(len(words), 14) + 1):
                candidate = words[-size:]
                initials = "".join(w[0] for w in candidate if w[0].isupper())
                if initials == acronym or initials.replace("&", "") == acronym:
                    name = " ".join(candidate)
                    break
            if name is None:
                continue
            place = self.gaz.lookup(acronym) or self.gaz.lookup(name)
            code = place.code if place and place.kind == "org" else acronym
            entity = self._place_entity(code, "org", name)
            if place is None:
                entity.name = name
            for found in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", self.body):
                if self._free(*found.span()):
                    entity.mentions.append(Mention(found.start(), found.end(), acronym, "acronym"))
                    self._take(*found.span())
            start = max(0, m.start() - 150) + before.rfind(name) if name in before else None
            if start is not None and self._free(start, start + len(name)):
                entity.mentions.append(Mention(start, start + len(name), name, "name"))
                self._take(start, start + len(name))

    def find_other_orgs(self) -> None:
        """Organisations spaCy found that no rule above named (ministries, parties, companies)."""
        for ent in self.parsed.ents:
            if ent.label_ not in {"ORG", "NORP"} or not self._free(ent.start_char, ent.end_char):
                continue
            text = _SUBJECT_TAIL.sub("", ent.text).strip()
            if ent.label_ == "NORP" or len(text) < 3 or not any(c.islower() for c in text) and len(text) > 6:
                continue
            if len(text.split()) == 1 and is_title_word(text):
                continue  # "State" of "Head of State": an office's word, not an organisation
            if not any(w[:1].isupper() for w in text.split()[1:] + [text]):
                continue
            words = text.split()
            if len(words) == 1 and self.gaz.country_code(text) is None and text.lower() == text:
                continue
            country = next((self.gaz.country_code(w) for w in re.split(r"[\s\-]+", text) if self.gaz.country_code(w)), None)
            if all(self.gaz.country_code(w) or w in {"-", "–"} for w in re.split(r"[\s\-–]+", text) if w):
                continue  # "Kazakh-Chinese": adjectives, not an organisation
            name = re.sub(r"^[Tt]he\s+", "", text)
            key = f"org/{slug(name)}"
            entity = self.places.setdefault(key, Entity(id=key, name=name, type="ORG", key=key, country=country))
            entity.mentions.append(Mention(ent.start_char, ent.start_char + len(text), text, "name"))
            self._take(ent.start_char, ent.end_char)

    def find_people(self) -> None:
        candidates: list[tuple[int, int]] = []
        for ent in self.parsed.ents:
            start, end = ent.start_char, ent.end_char
            text = self.body[start:end]
            tail = _SUBJECT_TAIL.search(text)
            if tail:
                end -= len(tail.group(0))
            title_run = self._title_run_before(start)
            # offices spaCy put inside the name ("President Xi", "Kazakh President Tokayev" as an ORG)
            words = self.body[start:end].split(" ")
            name_start, had_office = start, False
            while len(words) > 1 and (is_title_word(words[0].rstrip(".")) or words[0] in HONORIFICS or self.gaz.country_code(words[0])):
                had_office = had_office or not self.gaz.country_code(words[0])
                name_start += len(words[0]) + 1
                words = words[1:]
            known = bool(roster().tenures_of(" ".join(words)))  # "Lavrov", "Gustavo Petro", tagged as an ORG
            if ent.label_ == "PERSON" or ((title_run or had_office or known) and ent.label_ in {"ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LOC", "PRODUCT"}):
                if ent.label_ == "PERSON" or had_office or title_run:
                    start = name_start if (had_office or ent.label_ == "PERSON") else start
                start = self._past_office_words(start, end)
                if start is not None and self._plausible_name(self.body[start:end]):
                    candidates.append((start, end))
        # names right after an office, whatever spaCy labelled them ("President Kassym-Jomart Tokayev")
        for m in _CAPITALISED_NAME.finditer(self.body):
            words = m.group(0).split()
            while words and (is_title_word(words[0]) or words[0] in HONORIFICS):
                words = words[1:]
            if not words:
                continue
            start = m.end() - len(" ".join(words))
            end = m.end() - len(_SUBJECT_TAIL.search(m.group(0)).group(0)) if _SUBJECT_TAIL.search(m.group(0)) else m.end()
            if any(is_title_word(w) or w.lower() in CONNECTORS for w in words):
                continue
            past = self._past_office_words(start, end)
            if past is None:
                continue
            preceding = self.body[max(0, past - 5):past].split()
            if past == start and preceding and preceding[-1] in CONNECTORS:
                continue  # "President of the People's Republic": an office of a state, not a name
            start = past
            if (self._title_run_before(start) or self._office_apposition_before(start)) and self._plausible_name(self.body[start:end]):
                candidates.append((start, end))
        # a byline: "By Lena Hartwig" alone on its line
        for m in _BYLINE.finditer(self.body):
            if self._plausible_name(m.group("name")):
                candidates.append(m.span("name"))
        candidates = [self._complete_name(*self._through_particles(start, end)) for start, end in candidates if not self._in_place_name(start, end)]
        # full names first: they define the people; single words are then surnames
        candidates.sort(key=lambda se: (-len(self.body[se[0]:se[1]].split()), se[0]))
        for start, end in candidates:
            name = self.body[start:end]
            if len(name.split()) >= 2 and self._free(start, end):
                longer = [p for p in self.people.values() if fold(name) in {fold(x) for x in _name_parts(p.name)}]
                if len(longer) == 1:  # "López Obrador" after "Andrés Manuel López Obrador"
                    self._add_person_mention(longer[0], start, end, "surname")
                    continue
                person = self.people.setdefault(fold(name), Person(fold(name), name))
                if len(name) > len(person.name):
                    person.name = name
                self._add_person_mention(person, start, end, "name")
        for person in list(self.people.values()):
            for m in re.finditer(rf"(?<![\w\-]){re.escape(person.name)}(?![\w\-])", self.body):
                if self._free(*m.span()):
                    self._add_person_mention(person, m.start(), m.end(), "name")
        for person in sorted(self.people.values(), key=lambda p: -len(p.name)):
            for part in _name_parts(person.name):
                owners = [p for p in self.people.values() if part in _name_parts(p.name)]
                if len(owners) != 1 or self.gaz.lookup(part):
                    continue
                for m in re.finditer(rf"(?<![\w\-’']){re.escape(part)}(?![\w\-])", self.body):
                    if self._free(*m.span()):
                        self._add_person_mention(person, m.start(), m.end(), "surname")
        # single names that match nobody's full name: a person known only by one name
        for start, end in candidates:
            name = self.body[start:end]
            if len(name.split()) == 1 and self._free(start, end) and (self._title_run_before(start) or roster().tenures_of(name)):
                person = self.people.setdefault(fold(name), Person(fold(name), name))
                self._add_person_mention(person, start, end, "surname")

    def shared_offices(self) -> None:
        """'Presidents of Kazakhstan and Azerbaijan Kassym-Jomart Tokayev and Ilham Aliyev', 'Armenian and
        Azerbaijani Foreign Ministers A and B': one office in the plural, two states, two people in order."""
        starts = {m.start: p for p in self.people.values() for m in p.mentions if m.kind in {"name", "surname"}}
        for pattern in (_SHARED_OFFICE_OF, _SHARED_OFFICE_ADJ):
            for m in pattern.finditer(self.body):
                first = starts.get(m.end())
                if first is None:
                    continue
                first_end = max(x.end for x in first.mentions if x.start == m.end())
                link = re.match(r",?\s+and\s+", self.body[first_end:first_end + 8])
                second = starts.get(first_end + link.end()) if link else None
                codes = [self.gaz.country_code(m.group("c1")), self.gaz.country_code(m.group("c2"))]
                if second is None or None in codes or second.key == first.key:
                    continue
                office = re.sub(r"ies$", "y", re.sub(r"(?<!ie)s$", "", m.group("title").strip()))
                office = office[:1].upper() + office[1:]
                for person, code in zip((first, second), codes):
                    person.add_title(office)
                    self._assign_state(person, code)

    def _complete_name(self, start: int, end: int) -> tuple[int, int]:
        """A name the tagger cut short: 'Ararat' + 'Mirzoyan', 'Seyed Abbas' + 'Mousavi', 'Jean-Yves Le' +
        'Drian'. The next word joins when it is capitalised, is no office, place or common word, and
        the article uses it alone elsewhere too (a surname); the word before joins when it is a given
        name by the same tests and stands right before this name."""
        after = re.match(r" ([A-Z][\w\-’']+)(?![\w\-])", self.body[end:end + 40])
        if after and self._name_word(after.group(1)) and len(self.body[start:end].split()) < 4:
            word = after.group(1)
            if len(re.findall(rf"(?<![\w\-]){re.escape(word)}(?![\w\-])", self.body)) >= 2:
                end += 1 + len(word)
        before = re.search(r"(?<![\w\-’'])([A-Z][\w\-]+) $", self.body[max(0, start - 30):start])
        if before and self._name_word(before.group(1)) and len(self.body[start:end].split()) == 1:
            prev = self.body[max(0, start - len(before.group(0)) - 2):start - len(before.group(0))]
            if prev.strip() and not re.search(r"[.!?:\n“\"]\s*$", prev):  # not a sentence's first word
                start -= len(before.group(0))
        return start, end

    def _name_word(self, word: str) -> bool:
        from wordfreq import zipf_frequency

        bare = _SUBJECT_TAIL.sub("", word)
        return (bool(bare) and not is_title_word(bare) and bare.lower() not in CONNECTORS and bare.lower() not in _NOT_OFFICE_WORDS
                and not self.gaz.lookup(bare) and not self.gaz.country_code(bare) and bare.lower() not in _BODY_WORDS
                and zipf_frequency(bare.lower(), "en") < COMMON_WORD_ZIPF and bare == word)

    def _through_particles(self, start: int, end: int) -> tuple[int, int]:
        """'Ursula von der' + 'Leyen': a name does not end with a particle."""
        words = self.body[start:end].split()
        if words and words[-1].lower() in _PARTICLES:
            more = re.match(r"(?:\s+(?:[a-z]{1,3}))*\s+[A-Z][\w\-]+", self.body[end:end + 40])
            if more:
                return start, end + more.end()
        return start, end

    def _past_office_words(self, start: int, end: int) -> int | None:
        """Where a name starts in a capitalised run that follows an office: after the state in
        "President of Moldova Ana Ruscan", after the rest of the office in "Minister of Foreign Affairs
        and International Cooperation Ruth Wanjiku"; None when the run is all office ("… Committee on
        CIS Affairs")."""
        from wordfreq import zipf_frequency

        prev = re.search(r"(\S+)\s(?:the\s)?$", self.body[max(0, start - 30):start])  # "of the Kyrgyz Republic NAME"
        prev_word = prev.group(1).lower() if prev else ""
        if prev_word not in CONNECTORS or prev_word == "the" or not self._title_run_before(start):
            return start
        def common(word: str) -> bool:
            return word.isupper() or zipf_frequency(word.lower(), "en") >= COMMON_WORD_ZIPF

        words = self.body[start:end].split(" ")
        for _ in range(3):
            lead = [w.lower() for w in self.body[max(0, start - 30):start].split()]
            if lead[-1:] == ["of"] or lead[-2:] == ["of", "the"]:
                for size in (5, 4, 3, 2, 1):
                    if len(words) > size and self.gaz.country_code(" ".join(words[:size])):
                        return start + len(" ".join(words[:size])) + 1  # the state ends the office
            if not words or not common(words[0]):
                break
            while words and common(words[0]):
                start += len(words[0]) + 1
                words = words[1:]
        # what is left after the office's own words is a name only when it has no ordinary word
        # ("… Committee on Arctic Affairs": the office goes on)
        if not words or any(common(w) for w in words if w.lower() not in _PARTICLES):
            return None
        return start

    def _office_apposition_before(self, start: int) -> bool:
        """'his Polish counterpart, NAME' / 'the president's special adviser for foreign affairs, NAME'."""
        m = re.search(r"(?:^|[.;:(\n,])\s*([^.;:(\n,]{2,100}),\s$", self.body[max(0, start - 120):start])
        if not m:
            return False
        words = [_SUBJECT_TAIL.sub("", w).lower() for w in m.group(1).split()]
        return len(words) <= 10 and any(w in TITLE_HEADS or w == "counterpart" for w in words)

    def _in_place_name(self, start: int, end: int) -> bool:
        """'Saint Vincent' of "Saint Vincent and the Grenadines": the start of a longer place name."""
        text = self.body[start:end]
        return any(self.body.startswith(surface, start) for surface in _multiword_surfaces().get(text.split()[0], ())
                   if len(surface) > len(text))

    def _plausible_name(self, text: str) -> bool:
        words = text.split()
        if not words or len(words) > 5 or any(c.isdigit() for c in text) or "." in text.replace(". ", " ")[:-1]:
            return False
        if all(is_title_word(w) or w.lower() in CONNECTORS for w in words) or words[-1].lower() in _BODY_WORDS:
            return False  # "State" (of "Secretary of State"), "Cooperation Organization": not a person
        if self.gaz.lookup(text) or self.gaz.country_code(text):
            return False
        if all(self.gaz.country_code(w) for w in re.split(r"[\s\-–]+", text) if w):
            return False
        if any(w.endswith(("-", "–")) for w in words) or (len(words) > 1 and self.gaz.country_code(words[-1]) and self.gaz.lookup(words[-1]).kind == "country"):
            return False  # "Alwaght- Tajikistan": a broken token or a state, not a name
        if _starts_with_function_word(words):
            return False  # "Over Lake Dispute" of a headline: a name does not start with a function word
        if _common_words(words) and not self._title_run_before_text(text) and not roster().tenures_of(text):
            return False  # "Harvest Bonus", "After Flooding Season Ends": ordinary words in capitals
        return all(w[:1].isupper() for w in words if w.lower() not in _PARTICLES and not _PARTICLE_PREFIX.match(w))

    def _title_run_before_text(self, text: str) -> bool:
        """Whether an office stands before ``text`` anywhere in the article ("President Grant Young")."""
        for m in re.finditer(re.escape(text), self.body):
            if self._title_run_before(m.start()):
                return True
        return False

    def _title_run_before(self, start: int) -> str | None:
        """The office written right before a name: 'Kazakh Deputy Prime Minister and Foreign Minister',
        'Minister of Foreign Affairs and International Cooperation' (capitalised words after a
        connector of an office continue it)."""
        run = self._plain_title_run_before(start)
        if run:
            return run
        from wordfreq import zipf_frequency

        tail = re.search(r"((?:[A-Z][\w\-]+ ){1,4})$", self.body[max(0, start - 80):start])
        if not tail:
            return None
        words = tail.group(1).split()
        while words:
            if not all(w.isupper() or zipf_frequency(w.lower(), "en") >= COMMON_WORD_ZIPF for w in words):
                words = words[1:]
                continue
            lead = self._plain_title_run_before(start - len(" ".join(words)) - 1)
            if lead and lead.split()[-1].lower() in {"and", "of", "on", "for"}:
                return f"{lead} {' '.join(words)}"
            words = words[1:]
        return None

    def _plain_title_run_before(self, start: int) -> str | None:
        before = self.body[max(0, start - 160): start].rsplit("\n", 1)[-1]
        if not before.endswith(" "):
            return None
        words = before.split(" ")[:-1]
        run: list[str] = []
        seen_of = False
        for word in reversed(words):
            bare = _SUBJECT_TAIL.sub("", word.strip(",;:()“”\"")) if word else word
            if not word or word != word.strip(",;:()“”\""):
                break
            lower = bare.lower()
            if lower == "to" and any(w.lower() in TITLE_HEADS for w in run):
                break  # "… to the High Commissioner of India": the office starts after "to"
            if bare == "under" or bare == "former" and not run:
                break
            if is_title_word(bare) or lower in CONNECTORS or self.gaz.country_code(bare) or self.gaz.country_code(word) \
                    or (run and _igo(bare, self.gaz)):
                run.insert(0, word)
                seen_of = seen_of or lower in {"of", "for"}
                continue
            if bare[:1].isupper() and run and run[0].lower() in {"of", "for"}:
                run.insert(0, word)
                continue
            if (bare[:1].isupper() and bare.isalpha() and run and run[0].lower() in TITLE_HEADS
                    and lower not in _NOT_OFFICE_WORDS and not bare.isupper()):
                run.insert(0, word)  # the portfolio of an office: "Oil Minister", "Commerce Minister"
                continue
            if bare[:1].isupper() and any(
                    (found := self.gaz.lookup(" ".join([bare] + [_SUBJECT_TAIL.sub("", w) for w in run[:k]]))) and found.kind == "org"
                    for k in (1, 2) if len(run) >= k):
                run.insert(0, word)  # an organisation's name in front: "European Commission President"
                continue
            break
        while run and run[0].lower() in CONNECTORS:
            run = run[1:]
        if run and not self.gaz.country_code(run[0]):
            # a state of several words in front: "the Dominican Republic’s Prime Minister"
            lead = before[: len(before) - len(" ".join(run)) - 1].split()
            for size in (5, 4, 3, 2):
                if len(lead) >= size and self.gaz.country_code(" ".join(lead[-size:])):
                    run = lead[-size:] + run
                    break
        text = " ".join(run)
        if not run or not any(w.lower() in TITLE_HEADS or _SUBJECT_TAIL.sub("", w).lower() in TITLE_HEADS for w in run):
            return None
        return text

    def _add_person_mention(self, person: Person, start: int, end: int, kind: str) -> None:
        # "Hungarian President and Putin-sympathiser Viktor Orbán": the office before a name inside a
        # compound word belongs to someone else
        run = None if self.body[end:end + 1] in {"-", "–"} else self._title_run_before(start)
        if run:
            titles, country = split_titles(run, self.gaz)
            for title in titles:
                person.add_title(title)
            self._assign_state(person, country)
            # the mention includes the office: "Minister Wang Yi", "Deputy Prime Minister Nurtleu"
            office = run
            for size in (5, 4, 3, 2, 1):
                words = office.split()
                if len(words) > size and (self.gaz.country_code(" ".join(words[:size])) or _igo(" ".join(words[:size]), self.gaz)):
                    office = " ".join(words[size:])
                    break
            if titles and office.endswith(titles[-1]):
                office = titles[-1]
            title_start = start - len(office) - 1
            if self.body[title_start:start - 1] == office and self._free(title_start, start):
                # both the name and the office + name are mentions ("Nurtleu", "Deputy Prime Minister Nurtleu")
                person.mentions.append(Mention(title_start, end, self.body[title_start:end], "title+name"))
                self._take(title_start, start)
        honorific = _HONORIFIC_BEFORE.search(self.body, max(0, start - 7), start)
        if honorific and self._free(honorific.start(), start):
            # "Mr Verma", "Dr. Ralph Gonsalves": the honorific and the name are one mention too
            person.mentions.append(Mention(honorific.start(), end, self.body[honorific.start():end], "title+name"))
            self._take(honorific.start(), start)
        person.mentions.append(Mention(start, end, self.body[start:end], kind))
        self._take(start, end)
        self._apposition(person, end)
        if kind == "name":
            self._inverted_apposition(person, start)
            self._counterpart_before(person, start)

    def _counterpart_before(self, person: Person, start: int) -> None:
        """'his Kyrgyz counterpart Kamchybek Tashiyev': the state, the description as a mention, and the
        office of the one whose counterpart they are, when it is a ministerial or leading office."""
        m = _COUNTERPART_BEFORE.search(self.body, max(0, start - 80), start)
        if not m or m.end() != start:
            return
        if m.group("adj"):
            self._assign_state(person, self.gaz.country_code(m.group("adj")))
        d_start, d_end = m.span("d")
        if self._free(d_start, d_end):
            person.mentions.append(Mention(d_start, d_end, m.group("d"), "description"))
            self._take(d_start, d_end)
        other = self._last_person_before(d_start, exclude=person)
        if other:
            for title in other.titles[:1] + other.offices[:1]:
                office = " ".join(w for w in title.split() if not self.gaz.country_code(w))
                if office and office.split()[-1].lower() in _SHARED_OFFICES:
                    person.add_title(office[:1].upper() + office[1:])
                    break

    def _last_person_before(self, position: int, exclude: Person) -> Person | None:
        best, best_at = None, -1
        for other in self.people.values():
            if other.key == exclude.key:
                continue
            for m in other.mentions:
                if best_at < m.start < position:
                    best, best_at = other, m.start
        return best

    def _assign_state(self, person: Person, code: str | None) -> None:
        """A state (or an international organisation) the text ties the person to; the first cue wins."""
        if not code or person.country or person.igo:
            return
        if code in self.gaz.country_names:
            person.country = code
        else:
            person.igo = code

    def _apposition(self, person: Person, end: int) -> None:
        """'Wang Yi, China's Minister of Foreign Affairs,' / 'Saimumin Yatiyev, head of Tajikistan’s
        State Security Committee,' -> the office and the country."""
        m = _APPOSITION_AFTER.match(self.body, end, min(len(self.body), end + 200))
        if m:
            self._describe(person, m.group("p"))

    def _inverted_apposition(self, person: Person, start: int) -> None:
        """'China’s ambassador, Huang Xilian,' / 'The spokesman for the Congolese government, Patrick Muyaya'."""
        m = _APPOSITION_BEFORE.search(self.body, max(0, start - 160), start)
        if not m or m.end() != start:
            return
        phrase = m.group("p")
        # "The talks were hosted by the prime minister of X, NAME": the description starts after the
        # verb or preposition that frames it
        framed = re.search(r"^.*\b(?:by|that|with|met|meets|meeting|after|before|visited|called|received|thanked)\s+", phrase)
        skip = framed.end() if framed else 0
        skip += len(phrase[skip:]) - len(phrase[skip:].lstrip("-–—•* "))  # "(AFP).- The emir of Qatar, ..."
        phrase = phrase[skip:]
        if self._describe(person, phrase):
            # the description itself refers to the person ("China’s ambassador")
            core = re.split(r"\s+(?:to|in|at|for)\s+", phrase)[0]
            p_start = m.start("p") + skip
            if self._free(p_start, p_start + len(core)):
                person.mentions.append(Mention(p_start, p_start + len(core), core, "description"))
                self._take(p_start, p_start + len(core))

    def _describe(self, person: Person, phrase: str) -> bool:
        """Take the office and state out of a descriptive phrase; False when it names no office."""
        words = phrase.split()
        if not words or len(words) > 16 or not any(_SUBJECT_TAIL.sub("", w).lower().strip(",") in TITLE_HEADS for w in words):
            return False
        first = words[0]
        if first[:1].islower() and first not in {"the", "a", "an", "his", "her"} and not is_title_word(first):
            return False  # "..., left the capital after meeting its intelligence chief": a clause, not a description
        # "Japanese Foreign Minister Yoshimasa Hayashi": a phrase ending in a name is another person
        seen_head = seen_of = False
        for word in words:
            bare = _SUBJECT_TAIL.sub("", word.strip(",()"))
            if bare.lower() in {"of", "for", "to"} or bare != word.strip(",()"):
                seen_of = True
            elif bare.lower() in TITLE_HEADS:
                seen_head = True
            elif bare[:1].isupper() and seen_head and not seen_of and not is_title_word(bare) \
                    and not self.gaz.country_code(bare) and not _igo(bare, self.gaz):
                return False  # a name after the office: "Japanese Foreign Minister Kenji Morimoto" is another person
        titles, country = split_titles(re.split(r"\s+(?:to|in|at)\s+", phrase)[0], self.gaz)
        for title in titles:
            if len(title.split()) <= 12:
                person.add_title(title)
        self._assign_state(person, country or phrase_country(phrase, self.gaz) or self._body_state(phrase))
        return True

    def _body_state(self, phrase: str) -> str | None:
        """A national body named in the phrase ("the State Duma Committee") gives its state."""
        for surface, place in self.gaz.surfaces.items():
            if place.kind == "body" and len(surface) > 3 and surface in phrase:
                return place.code
        return None

    def resolve_descriptions(self) -> None:
        if not self.people:
            return
        pattern = _description_regex(self.gaz)
        home = self.gaz.country_code(self.doc.dateline) if self.doc.dateline else None
        for m in pattern.finditer(self.body):
            start, end = m.span()
            if not self._free(start, end):
                continue
            # "Chinese President Xi Jinping": an office before a name, not a description
            if re.match(r"\s+[A-Z][a-z]", self.body[end:end + 3]) and not m.group("det"):
                continue
            possessive_state = bool(m.group("adj")) and bool(re.search(r"(?:’s|'s)\s", m.group(0)))
            if not m.group("det") and not possessive_state and not (m.group("adj") and (start == 0 or self.body[start - 1] == "\n")):
                continue
            role = " ".join(m.group("role").lower().split())
            country = self.gaz.country_code(m.group("adj") or "") or self.gaz.country_code(m.group("of") or "")
            person = self._holder(role, country, home, possessive=(m.group("det") or "").lower() in {"his", "her", "their"}, at=start)
            if person is None:
                continue
            if country and not person.country:
                person.country = country
            person.mentions.append(Mention(start, end, m.group(0), "description"))
            self._take(start, end)
            if role in _ROLES_AS_OFFICES:
                # "the President of Belarus", "the Kazakh Head of State": the office, as written
                written = m.group("role")
                person.add_title(written[:1].upper() + written[1:] if written[:1].islower() else written)

    def _holder(self, role: str, country: str | None, home: str | None, possessive: bool, at: int) -> Person | None:
        people = sorted(self.people.values(), key=lambda p: p.first)
        if role == "counterpart":
            fits = [p for p in people if country and p.country == country]
            return fits[0] if len(fits) == 1 else None
        holders = [p for p in people if p.holds(role)]
        if country:
            exact = [p for p in holders if p.country == country]
            unknown = [p for p in holders if p.country is None]
            fits = exact or (unknown if len(unknown) == 1 else [])
            return fits[0] if fits else None
        if not holders:
            return None
        if home:
            at_home = [p for p in holders if p.country == home]
            if at_home:
                return at_home[0]
        return holders[0]  # an unqualified office names the article's protagonist

    def apply_roster(self) -> None:
        """The roster's state and office on the article's date, where the text leaves them open."""
        book = roster()
        for person in self.people.values():
            name = _SUBJECT_TAIL.sub("", person.name)
            known, state = book.state_of(name, self.doc.published)
            if not known:
                continue
            person.on_roster = True
            held = book.on(name, self.doc.published) if self.doc.published else book.tenures_of(name)
            person.offices = [_office_word(t.office) for t in held]
            if person.country is None:
                person.country = state

    def fill_countries(self) -> None:
        """A titled official with no country stated serves the state of the dateline."""
        home = self.gaz.country_code(self.doc.dateline) if self.doc.dateline else None
        if not home:
            return
        for person in self.people.values():
            if person.country is None and person.titles and not person.on_roster and not person.igo:
                person.country = home

    def entities(self) -> list[Entity]:
        out = []
        for person in self.people.values():
            name = _SUBJECT_TAIL.sub("", person.name)
            out.append(Entity(id=f"person/{slug(name)}", name=name, type="PERSON", key=fold(name), country=person.country, titles=person.titles, mentions=person.mentions))
        out.extend(e for e in self.places.values() if e.mentions)
        out.sort(key=lambda e: min(m.start for m in e.mentions))
        return out


def _office_word(office: str) -> str:
    """The roster's office as the description roles name it ("Secretary of State" is a foreign minister)."""
    lowered = office.lower()
    if lowered in {"secretary of state", "foreign secretary", "external affairs minister"} or "foreign affairs" in lowered:
        return "foreign minister"
    return lowered


# institutions a state has one of, whatever their name ("Foreign Ministry", "MFA", "Ministry of Foreign Affairs")
_ONE_PER_STATE = {"foreign_ministry", "defence_ministry", "interior_ministry", "presidency"}
# last words of an organisation's name, never of a person's
_BODY_WORDS = {
    "organization", "organisation", "council", "committee", "union", "party", "ministry", "agency", "forum", "group",
    "bank", "fund", "assembly", "community", "office", "court", "army", "guard", "forces", "department", "commission",
    "parliament", "government", "service", "corporation", "company", "institute", "university", "news",
}
# offices a counterpart shares with the one they meet ("his Russian counterpart" of a president)
_SHARED_OFFICES = {"president", "minister", "premier", "chancellor", "secretary", "leader"}
_COUNTERPART_BEFORE = re.compile(
    r"(?P<d>(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?P<adj>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)\s+)?counterparts?),?\s+"
)
# description roles that are offices in their own right (not "counterpart", "leader", "diplomat")
_ROLES_AS_OFFICES = {
    "head of state", "head of government", "supreme leader", "prime minister", "foreign minister", "minister of foreign affairs",
    "defence minister", "defense minister", "president", "chairman", "premier", "chancellor", "king", "emir",
    "secretary of state", "secretary-general", "secretary general", "ambassador", "high commissioner", "spokesman",
    "spokesperson", "spokeswoman",
}
_HONORIFIC_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Madam|Sir)\.?\s$")
_PLURAL_OFFICE = r"(?P<title>(?:(?:[Ff]oreign|[Dd]efen[cs]e|[Pp]rime|[Dd]eputy|[Tt]rade)\s+)?(?:[Pp]residents|[Mm]inisters|[Ll]eaders|[Pp]remiers|[Cc]hancellors|[Ss]ecretaries|[Ee]nvoys|[Aa]mbassadors))"
_SHARED_OFFICE_OF = re.compile(
    _PLURAL_OFFICE + r"\s+of\s+(?:the\s+)?(?P<c1>[A-Z][\w]+(?:\s[A-Z][\w]+)?)\s+and\s+(?:of\s+)?(?:the\s+)?(?P<c2>[A-Z][\w]+(?:\s[A-Z][\w]+)??),?\s+"
)
_SHARED_OFFICE_ADJ = re.compile(r"(?P<c1>[A-Z][\w]+)\s+and\s+(?P<c2>[A-Z][\w]+)\s+" + _PLURAL_OFFICE + r",?\s+")
_NOT_OFFICE_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "meanwhile", "when",
    "while", "as", "after", "before", "during", "today", "yesterday",
}
# ", the Turkish defence minister," / ", head of Tajikistan’s State Security Committee," after a name
_APPOSITION_AFTER = re.compile(
    r",\s+(?P<p>(?:(?:the|a|an|The)\s+)?[^,.;:()“”\"\n]{2,140}?)"
    r"(?=\s*[,.;)\n]|\s+(?:who|which|said|says|told|has|had|was|is|made|announced|stated|added|noted)\b)"
)
# "China’s ambassador, " / "The US ambassador to Moscow, " right before a name
_APPOSITION_BEFORE = re.compile(
    r"(?:^|(?<=[.;:\n(])\s*|(?<=,)\s+|(?:(?<=\bby)|(?<=\bthat)|(?<=\bwith)|(?<=\bmet)|(?<=\bfrom))\s+)"
    r"(?P<p>(?:[Tt]he\s+|[Aa]n?\s+)?[^,.;:()“”\"\n]{2,120}?),\s+$"
)


_PARTICLES = {"bin", "al", "de", "van", "von", "da", "el", "ibn", "la", "le", "der", "den", "di", "du", "dos", "das", "jr", "jr."}
_PARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ash|as|at|an|ar|az|bin|ibn|abu|ben)[-‑]\w", re.I)  # "al-Masri", "el-Sayed"
# "By Lena Hartwig" alone on its line (or before a separator): the author, a person
_BYLINE = re.compile(r"(?m)(?:^|\s)By\s+(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3})[ \t]*(?=$|\|)")


def _name_parts(name: str) -> list[str]:
    """The forms a surname-only mention may take: 'López Obrador' and 'López-Obrador' for a three-word
    name, then each single word that is not a particle; longest first."""
    words = _SUBJECT_TAIL.sub("", name).split()
    parts = []
    if len(words) >= 3 and words[-2].lower() not in _PARTICLES:
        parts += [" ".join(words[-2:]), "-".join(words[-2:])]
    if len(words) >= 3 and words[-2].lower() in _PARTICLES:
        parts.append(" ".join(words[-2:]))  # "Le Drian", "von der Leyen" keeps its particle
    parts += [w for w in words if w.lower() not in _PARTICLES and len(w) >= 2 and w[:1].isupper() and not w.endswith(".")]
    for word in words:
        if _PARTICLE_PREFIX.match(word):  # "al-Sisi", and "Sisi" alone
            parts += [word, word[:1].upper() + word[1:], word.split("-", 1)[1]]
    return list(dict.fromkeys(parts))


# how common a word must be in English (wordfreq's Zipf scale) for a capitalised run of such words to
# read as a heading or a phrase rather than a name; names' words ("Grant", "Rice") are rarely all this common
COMMON_WORD_ZIPF = 4.2


@lru_cache(maxsize=1)
def _multiword_surfaces() -> dict[str, tuple[str, ...]]:
    """The gazetteer's names of several words, by their first word."""
    by_first: dict[str, list[str]] = {}
    for surface in gazetteer().surfaces:
        if " " in surface:
            by_first.setdefault(surface.split()[0], []).append(surface)
    return {first: tuple(found) for first, found in by_first.items()}


def _starts_with_function_word(words: list[str]) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    return bool(words) and words[0].lower() in STOP_WORDS and words[0].lower() not in _PARTICLES


def _common_words(words: list[str]) -> bool:
    from wordfreq import zipf_frequency

    if _starts_with_function_word(words):
        return True  # "After Flooding Season Ends": a name does not start with a function word
    return all(zipf_frequency(w.lower(), "en") >= COMMON_WORD_ZIPF for w in words)


class _Spans:
    """Character spans already given to an entity: sorted and non-overlapping, so that asking
    whether a span is free costs a binary search, not a scan (long articles have thousands)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return i == 0 or self.ends[i - 1] <= start

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        i = bisect.bisect_left(self.starts, start)
        # merge with any span it touches, so the list stays non-overlapping
        while i > 0 and self.ends[i - 1] > start:
            i -= 1
        j = i
        while j < len(self.starts) and self.starts[j] < end:
            start, end = min(start, self.starts[j]), max(end, self.ends[j])
            j += 1
        self.starts[i:j] = [start]
        self.ends[i:j] = [end]


_REGEX_CACHE: dict = {}


def _surface_regex(surfaces: tuple[str, ...]) -> re.Pattern[str]:
    if surfaces not in _REGEX_CACHE:
        alternation = "|".join(re.escape(s) for s in surfaces)
        # a hyphen before is allowed: "Russian-Chinese" names two states
        _REGEX_CACHE[surfaces] = re.compile(rf"(?<![\w])(?P<s>{alternation})(?![\w])")
    return _REGEX_CACHE[surfaces]


def _description_regex(gaz: Gazetteer) -> re.Pattern[str]:
    key = ("description", len(gaz.surfaces))
    if key not in _REGEX_CACHE:
        names = sorted((s for s, p in gaz.surfaces.items() if p.kind in {"country", "adjective"}), key=len, reverse=True)
        countries = "|".join(re.escape(n) for n in names)
        roles = "|".join(r.replace(" ", r"\s+") for r in sorted(DESCRIPTION_ROLES, key=len, reverse=True))
        _REGEX_CACHE[key] = re.compile(
            rf"(?<![\w])(?:(?P<det>[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+)?(?:(?P<adj>{countries})(?:’s|'s)?\s+)?"
            rf"(?P<role>(?i:{roles}))(?:\s+of\s+(?P<of>{countries}))?(?![\w])"
        )
    return _REGEX_CACHE[key]


@component("entities", assigns=["entities"])
def annotate_entities(doc: Document, parsed) -> None:
    doc.entities = EntityFinder(doc, parsed, gazetteer()).run()
