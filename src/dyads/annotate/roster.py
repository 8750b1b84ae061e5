"""Who held which office when: the shipped roster of office holders (``data/roster.tsv``).

The roster gives a person named in an article their state and office on the
article's date when the text does not say it ("Lavrov said ..."). The text
always wins: the roster only fills what the article leaves open. Offices of
international organisations (UN, EU, NATO, ...) carry the organisation's
acronym as ``state``; such a person has no state of their own here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Tenure:
    state: str  # ISO alpha-3, or the acronym of an international organisation
    office: str
    name: str
    start: str  # YYYY-MM-DD or YYYY-MM
    end: str | None  # None: in office at the last record

    def covers(self, date: str) -> bool:
        """Whether ``date`` (YYYY[-MM[-DD]]) falls in the tenure; a partial date matches any overlap."""
        first, last = _bounds(date)
        return self.start <= last and (self.end is None or first <= _end_bound(self.end))

    @property
    def national(self) -> bool:
        return len(self.state) == 3 and self.state.isupper() and self.state.isalpha() and self.state not in _IGO_CODES


# IGOs whose acronym is three capital letters, like a state code
_IGO_CODES = {"WHO", "IMF", "OIC", "GCC", "ECO", "CIS"}


def _bounds(date: str) -> tuple[str, str]:
    return date, date + "-99" if len(date) < 10 else date


def _end_bound(end: str) -> str:
    return end + "-99" if len(end) < 10 else end


def name_key(name: str) -> str:
    """Accent-, case- and punctuation-free key; the romanisation variants that
    ``entities.spelling_key`` collapses are collapsed by the caller."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[‐‑–—\-'’`.]", " ", text)
    return " ".join(text.split())


@dataclass
class Roster:
    tenures: list[Tenure]
    by_name: dict[str, list[Tenure]]
    by_surname: dict[str, set[str]]  # surname key -> canonical names

    def tenures_of(self, name: str) -> list[Tenure]:
        """Every tenure of the person called ``name`` (a full name, another spelling, or a surname
        that only one person in the roster bears)."""
        from dyads.annotate.entities import spelling_key

        key = spelling_key(name)
        if key in self.by_name:
            return self.by_name[key]
        words = key.split()
        if len(words) == 1:
            owners = self.by_surname.get(words[0], set())
            if len(owners) == 1:
                return self.by_name[spelling_key(next(iter(owners)))]
        return []

    def on(self, name: str, date: str | None) -> list[Tenure]:
        """The offices ``name`` held on ``date``; without a date, none (a guess would be a coin toss)."""
        if not date:
            return []
        return [t for t in self.tenures_of(name) if t.covers(date)]

    def state_of(self, name: str, date: str | None) -> tuple[bool, str | None]:
        """(known, state): the person's state on ``date`` from the roster.

        ``known`` is False when the roster does not know the person. On a date, the offices held
        then decide (an IGO office gives no state); undated, the state is given only when every
        tenure of the person is of one state.
        """
        held = self.on(name, date)
        if held:
            national = {t.state for t in held if t.national}
            return True, (national.pop() if len(national) == 1 else None)
        tenures = self.tenures_of(name)
        if not tenures:
            return False, None
        states = {t.state for t in tenures}
        if len(states) == 1:
            only = next(iter(states))
            return True, only if tenures[0].national else None
        return False, None


@lru_cache(maxsize=1)
def roster() -> Roster:
    from dyads.annotate.entities import spelling_key

    text = resources.files("dyads.data").joinpath("roster.tsv").read_text(encoding="utf-8")
    tenures: list[Tenure] = []
    by_name: dict[str, list[Tenure]] = {}
    by_surname: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")] + [""] * 6
        state, office, name, variants, start, end = cells[:6]
        tenure = Tenure(state, office, name, start, end or None)
        tenures.append(tenure)
        for spelling in [name, *filter(None, variants.split("|"))]:
            key = spelling_key(spelling)
            by_name.setdefault(key, [])
            if tenure not in by_name[key]:
                by_name[key].append(tenure)
            if len(key.split()) >= 2 and not spelling.endswith(("II", "III", "VI", "Jr.", "Jr")):
                by_surname.setdefault(key.split()[-1], set()).add(name)
    return Roster(tenures, by_name, by_surname)
