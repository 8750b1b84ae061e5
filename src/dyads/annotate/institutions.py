"""Institutions of a state: ministries, presidencies, parliaments, armed forces, security services,
state news agencies and embassies, as named in news ("the Russian Foreign Ministry", "Iran's
foreign ministry", "the Ministry of Foreign Affairs of Georgia", "China Coast Guard").

The kinds and their surfaces are data (``data/institutions.tsv``); this module finds them in a
text and says which state each belongs to. An institution acts and speaks for its state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dyads.annotate.countries import Gazetteer


@dataclass(frozen=True)
class InstitutionMention:
    start: int  # of the whole phrase, the state's name included
    end: int
    head_start: int  # of the institution's own words ("Foreign Ministry")
    state: str | None
    kind: str
    text: str
    head: str = ""  # the institution's own words as written
    state_word: str | None = None  # the state as written before the head ("Bangladesh", "Qatar's")


# kinds whose bare, capitalised name ("the Foreign Ministry") is an institution even when no state is
# written next to it; "the government" or "the army" alone are too vague to be one
NAMED_ALONE = {"foreign_ministry", "defence_ministry", "interior_ministry", "presidency", "security_service", "ministry"}
# lower-case words that refer back to the last institution of a kind ("the ministry said")
BACK_REFERENCES = {"ministry": {"foreign_ministry", "defence_ministry", "interior_ministry", "ministry"},
                   "presidency": {"presidency"}, "embassy": {"embassy"}}


@lru_cache(maxsize=1)
def institution_surfaces() -> dict[str, str]:
    """surface -> kind, from data/institutions.tsv."""
    text = resources.files("dyads.data").joinpath("institutions.tsv").read_text(encoding="utf-8")
    surfaces: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, names = (line.split("\t") + [""])[:2]
        for surface in filter(None, (n.strip() for n in names.split("|"))):
            surfaces.setdefault(surface, kind.strip())
    return surfaces


# a ministry of any portfolio: "Infrastructure Ministry", "Ministry of Energy and Natural Resources"
_ANY_MINISTRY = r"(?:[A-Z][a-z]+\s+){1,2}Ministry|Ministry\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3}"


@lru_cache(maxsize=4)
def _patterns(gaz_id: int, state_names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    heads = sorted(institution_surfaces(), key=len, reverse=True)
    alternation = "|".join(re.escape(h) for h in heads)
    states = "|".join(re.escape(s) for s in state_names)
    # "Russian Foreign Ministry", "Iran's foreign ministry", "China Coast Guard"
    before = re.compile(
        rf"(?<![\w\-])(?P<state>{states})(?:’s|'s)?\s+(?P<head>(?i:{alternation})|{_ANY_MINISTRY})(?![\w\-])"
    )
    # "Ministry of Foreign Affairs of Georgia", "Armed Forces of the Philippines"
    after = re.compile(
        rf"(?<![\w\-])(?P<head>{alternation}|{_ANY_MINISTRY})\s+of\s+(?:the\s+)?(?P<state>{states})(?![\w\-])"
    )
    # "the Foreign Ministry", "the Ministry of External Affairs": no state written
    alone = re.compile(rf"(?<![\w\-])(?:[Tt]he\s+)(?P<head>{alternation}|{_ANY_MINISTRY})(?![\w\-])")
    return before, after, alone


@lru_cache(maxsize=1)
def seats() -> dict[str, tuple[str, str]]:
    """'Kremlin' -> ('RUS', 'presidency'): seats of government that stand for an institution (data/seats.tsv)."""
    text = resources.files("dyads.data").joinpath("seats.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            surface, state, kind = (line.split("\t") + ["", ""])[:3]
            out[surface.strip()] = (state.strip(), kind.strip())
    return out


def kind_of(head: str) -> str | None:
    surfaces = institution_surfaces()
    if head in surfaces:
        return surfaces[head]
    lowered = {k.lower(): v for k, v in surfaces.items()}
    if head.lower() in lowered:
        return lowered[head.lower()]
    if re.search(r"\bMinistry\b", head):
        if re.search(r"\b(?:Foreign|External)\b", head):
            return "foreign_ministry"
        if re.search(r"\bDefen[cs]e\b", head):
            return "defence_ministry"
        return "ministry"
    return None


def find_institutions(body: str, gaz: Gazetteer) -> list[InstitutionMention]:
    """Every institution named with its state, then those named alone (state None), in text order;
    overlapping matches keep the one that starts first and is longest."""
    names = tuple(sorted((s for s, p in gaz.surfaces.items()
                          if p.kind in {"country", "adjective"} and s[:1].isupper() and len(s) > 1),
                         key=len, reverse=True))
    before, after, alone = _patterns(id(gaz), names)
    found: list[InstitutionMention] = []
    for m in before.finditer(body):
        kind = kind_of(m.group("head"))
        if kind:
            found.append(InstitutionMention(m.start(), m.end(), m.start("head"), gaz.country_code(m.group("state")), kind,
                                            m.group(0), m.group("head"), body[m.start("state"):m.start("head")].strip()))
    for m in after.finditer(body):
        kind = kind_of(m.group("head"))
        if kind:
            found.append(InstitutionMention(m.start(), m.end(), m.start(), gaz.country_code(m.group("state")), kind,
                                            m.group(0), m.group("head")))
    for m in alone.finditer(body):
        head = m.group("head")
        kind = kind_of(head)
        if kind in NAMED_ALONE and head[:1].isupper():
            found.append(InstitutionMention(m.start("head"), m.end(), m.start("head"), None, kind, head, head))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[InstitutionMention] = []
    for f in found:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept
