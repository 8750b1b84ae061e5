"""The gazetteer: states and international organisations, and every way news names them.

Country names and official names come from pycountry; what pycountry lacks
(demonyms and adjectives, capitals used for their governments, seats of
government such as "the Kremlin" or "Akorda", common short names) comes from
``data/countries.tsv``. International organisations, their acronyms and
variants come from ``data/organizations.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Place:
    code: str  # ISO alpha-3 for a state, acronym for an IGO
    kind: str  # country | adjective | capital | body | org


@dataclass
class Gazetteer:
    surfaces: dict[str, Place] = field(default_factory=dict)  # exact surface form -> what it names
    country_names: dict[str, str] = field(default_factory=dict)  # alpha-3 -> short English name
    org_names: dict[str, str] = field(default_factory=dict)  # acronym -> canonical name
    org_actors: dict[str, str | None] = field(default_factory=dict)  # acronym -> who acts when it acts
    adjectives: dict[str, str] = field(default_factory=dict)  # alpha-3 -> its usual adjective ("Russian")

    def org_actor(self, acronym: str) -> str | None:
        """The event party an organisation stands for: itself (an IGO), its state
        (a national body such as the CPC), or nobody (a programme such as the BRI)."""
        return self.org_actors.get(acronym)

    def add(self, surface: str, place: Place) -> None:
        surface = surface.strip()
        if not surface:
            return
        for variant in {surface, surface.replace("'", "’"), surface.replace("’", "'")}:
            # a country name wins over a capital or adjective of the same spelling
            if variant not in self.surfaces or place.kind == "country":
                self.surfaces[variant] = place
            if variant.lower().startswith("the "):
                continue
            if place.kind in {"country", "org"} and " " in variant:
                self.surfaces.setdefault("the " + variant, place)
                self.surfaces.setdefault("The " + variant, place)

    def lookup(self, surface: str) -> Place | None:
        return self.surfaces.get(surface) or self.surfaces.get(re.sub(r"^[Tt]he\s+", "", surface))

    def country_code(self, surface: str) -> str | None:
        """The state a country name, adjective, possessive or capital stands for."""
        surface = surface.strip()
        place = self.lookup(re.sub(r"(’s|'s)$", "", surface))
        if place is None and surface.endswith(("s’", "s'")):
            place = self.lookup(surface[:-1])  # "Barbados’ Prime Minister"
        return place.code if place and place.kind in {"country", "adjective", "capital", "body"} else None

    def actor_code(self, text: str) -> str | None:
        """The code a user means by ``text``: a code itself in any case (KAZ, kaz, SCO),
        or any name, adjective or capital the gazetteer knows (Kazakhstan, the SCO)."""
        text = " ".join(text.split())
        if text.upper() in self.country_names or text.upper() in self.org_names:
            return text.upper()
        place = self.lookup(text) or self._casefolded().get(text.casefold())
        return place.code if place else None

    def _casefolded(self) -> dict[str, Place]:
        if not hasattr(self, "_folded_surfaces"):
            self._folded_surfaces = {surface.casefold(): place for surface, place in reversed(list(self.surfaces.items()))}
        return self._folded_surfaces

    def name(self, code: str) -> str:
        return self.country_names.get(code) or self.org_names.get(code) or code


def _rows(filename: str):
    text = resources.files("dyads.data").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    import pycountry

    gaz = Gazetteer()
    for country in pycountry.countries:
        code = country.alpha_3
        gaz.country_names[code] = getattr(country, "common_name", None) or country.name
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                gaz.add(value, Place(code, "country"))
    for row in _rows("countries.tsv"):
        row += [""] * (5 - len(row))
        code, names, adjectives, capitals, bodies = row[:5]
        for name in filter(None, names.split("|")):
            gaz.add(name, Place(code, "country"))
        if names:
            gaz.country_names[code] = names.split("|")[0]
        if adjectives:
            gaz.adjectives.setdefault(code, adjectives.split("|")[0])
        for adjective in filter(None, adjectives.split("|")):
            if adjective not in gaz.surfaces:
                gaz.add(adjective, Place(code, "adjective"))
            # the people: "Armenians", "Americans" (not "Chineses": -ese, -ss, -sh, -ch stay as they are)
            if adjective[-1:].isalpha() and not adjective.endswith(("ese", "s", "sh", "ch", "i")):
                gaz.surfaces.setdefault(adjective + "s", Place(code, "adjective"))
        for capital in filter(None, capitals.split("|")):
            gaz.add(capital, Place(code, "capital"))
        for body in filter(None, bodies.split("|")):
            gaz.add(body, Place(code, "body"))
    for row in _rows("organizations.tsv"):
        row += [""] * (4 - len(row))
        acronym, name, variants, acts_as = row[:4]
        gaz.org_names[acronym] = name
        gaz.org_actors[acronym] = None if acts_as == "-" else (acts_as or acronym)
        for surface in [acronym, name, *filter(None, variants.split("|"))]:
            gaz.add(surface, Place(acronym, "org"))
    return gaz
