"""What: the PLOVER trigger lexicon (data/triggers.tsv) and where its entries occur in a parse.

Single verbs and event nouns are looked up by lemma and part of speech; multi-word
patterns ("lodge a protest", "call on X to", "sever diplomatic ties") are matched
with spaCy's ``Matcher`` over lemmas, allowing a few modifiers between the words.
The lexicon is built by tools/build_triggers.py, loaded once and read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher

# how many words may stand between the words of a pattern: "lodge a strong protest" (3 where the
# pattern says "*"), "recall its ambassador" (1 elsewhere)
MAX_GAP = 3
MAX_SLOT = 6  # the X of "call on X to": a short noun phrase


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None = None
    directed: bool = True  # subject acts on the recipient; False: all participants are actors
    inverse: bool = False  # the subject is the recipient ("X hosted Y": Y is the visitor)
    recipient: frozenset[str] = frozenset()  # "obj", "dative" or prepositions introducing the other party
    actor_preps: frozenset[str] = frozenset()  # prepositions introducing the actor ("the visit of X")
    pattern: str = ""


@dataclass(frozen=True)
class Lexicon:
    words: dict[tuple[str, str], Trigger]  # (lemma, "verb"|"noun") -> trigger
    phrases: dict[str, tuple[Trigger, list[str], int]]  # pattern -> (trigger, words, anchor index or -1)

    def word(self, token) -> Trigger | None:
        pos = {"VERB": "verb", "NOUN": "noun"}.get(token.pos_)
        if pos is None:
            return None
        return self.words.get((token.lemma_.lower(), pos)) or self.words.get((token.lower_, pos))


def _trigger(pattern: str, event_type: str, mode: str, directed: str, recipient: str) -> Trigger:
    roles = [r for r in recipient.split(",") if r]
    return Trigger(
        type=event_type, mode=mode or None, directed=directed != "no", inverse=directed == "inverse",
        recipient=frozenset(r for r in roles if not r.endswith(":actor")),
        actor_preps=frozenset(r.split(":")[0] for r in roles if r.endswith(":actor")), pattern=pattern,
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    words: dict[tuple[str, str], Trigger] = {}
    phrases: dict[str, tuple[Trigger, list[str], int]] = {}
    text = resources.files("dyads.data").joinpath("triggers.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, pos, event_type, mode, directed, recipient = line.split("\t")[:6]
        trigger = _trigger(pattern, event_type, mode, directed, recipient)
        if pos in {"verb", "noun"}:
            words.setdefault((pattern.lower(), pos), trigger)
            continue
        parts = pattern.split()
        # the word the event hangs on: marked with "*", else the syntactic head of the matched span
        anchor = next((i for i, w in enumerate(parts) if w.startswith("*") and w != "*"), -1)
        parts = [w.lstrip("*") or "*" for w in parts]
        # "*" alone between words is an explicit gap; a word starting with "*" is the anchor
        phrases.setdefault(pattern, (trigger, parts, anchor))  # the first entry of a pattern wins, as for words
    return Lexicon(words, phrases)


def _token_patterns(parts: list[str]) -> list[dict]:
    out: list[dict] = []
    for i, word in enumerate(parts):
        if word == "*":
            continue  # every junction already allows a short gap
        if i and parts[i - 1] not in {"X"}:
            # a wildcard, not a set of parts of speech: set predicates run in Python and made the
            # matcher cost a fifth of the parse; the words are specific enough
            out.append({"OP": f"{{0,{MAX_GAP if parts[i - 1] == '*' else 1}}}"})
        if word == "X":
            out.append({"IS_PUNCT": False, "OP": f"{{1,{MAX_SLOT}}}"})
        elif "-" in word or " " in word:
            out.append({"LOWER": word})
        else:
            out.append({"LEMMA": word})
    return out


@lru_cache(maxsize=4)
def _matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    for pattern, (_, parts, _) in lexicon().phrases.items():
        matcher.add(pattern, [_token_patterns(parts)])
    return matcher


def find_triggers(parsed) -> dict[int, Trigger]:
    """Token index -> trigger, for every trigger in a parsed document.

    A phrase wins over the single words inside it ("trade accusations" is no trade);
    of overlapping phrases the longest wins.
    """
    lex = lexicon()
    found: dict[int, Trigger] = {}
    covered: set[int] = set()
    matches = sorted(_matcher(parsed.vocab)(parsed), key=lambda m: (-(m[2] - m[1]), m[1]))
    for match_id, start, end in matches:
        if any(i in covered for i in range(start, end)):
            continue
        trigger, parts, anchor = lex.phrases[parsed.vocab.strings[match_id]]
        words = [w for w in parts if w not in {"*", "X"}]
        span = parsed[start:end]
        head = span.root
        if anchor >= 0:
            head = next((t for t in span if t.lemma_.lower() == parts[anchor] or t.lower_ == parts[anchor]), head)
        if head.pos_ not in {"VERB", "NOUN", "PROPN", "ADJ"} and len(words) > 1:
            continue
        found[head.i] = trigger
        covered.update(t.i for t in span if t.lemma_.lower() in words or t.lower_ in words)
    for token in parsed:
        if token.i in covered:
            continue
        trigger = lex.word(token)
        if trigger is not None:
            found[token.i] = trigger
    return found
