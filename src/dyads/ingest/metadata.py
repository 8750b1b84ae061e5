"""Metadata a page states in its text (produces: title, dateline, outlet, published).

- title: the headline — a repeated headline-shaped line in the page head, else the
  first headline-shaped line before the article starts (debris.headline_shaped);
- dateline: the city of a wire dateline, as an English name, in every common style
  ("CAIRO, Oct 12 (Reuters) -", "BAKU, Azerbaijan, March 3.", "Kyiv —",
  "NUR-SULTAN. KAZINFORM –", "ISLAMABAD:", "New Delhi [India], January 13 :");
- outlet: the agency or publication that signs the text ("(Reuters)" in the dateline,
  a credit line "Trend:", "X reports" in the lede, "Written by x.by"); "according
  to X" names a source, not the outlet; agencies' spellings are data/agencies.tsv;
- published: the first date stamp of the page head ("Published …", "Updated …",
  a byline's date), else a trailing date line.

Every field is None when the text does not say it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dyads.ingest.dates import MONTH, find_full_date, is_date_line
from dyads.ingest.debris import agency_in_credit, agency_names, agency_on_its_own, has_caption_marker, headline_shaped, line_reason, menu_lines, shape, title_case, trailing_credit

# --- places ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _time_zone_cities() -> frozenset[str]:
    """City names of the IANA time zone database ("Asia/Kuala_Lumpur" -> "kuala lumpur")."""
    import zoneinfo

    return frozenset(zone.rsplit("/", 1)[-1].replace("_", " ").lower() for zone in zoneinfo.available_timezones() if "/" in zone)


def known_place(name: str) -> bool:
    """A country, a capital or a time-zone city: enough to trust a dateline without wire punctuation."""
    from dyads.annotate.countries import gazetteer

    place = gazetteer().lookup(name) or gazetteer().lookup(_title_case(name))
    if place and place.kind in {"country", "capital"}:
        return True
    return name.lower() in _time_zone_cities()


def _title_case(name: str) -> str:
    def word(w: str) -> str:
        return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))

    return " ".join(word(w) for w in name.split())


# --- dateline -------------------------------------------------------------------------

_CAPS_CITY = r"(?P<city>(?:ST\.\s|SAINT\s)?[A-Z][A-Z'’\-]+(?:[ \-][A-Z][A-Z'’\-]+){0,2})(?:/[A-Z][A-Z'’\- ]+)*"
_MIXED_CITY = r"(?P<city>[A-Z][a-z'’]+(?:[ \-](?:[A-Z][a-z'’]+|de|del|da|al|es|el)){0,2})"
_REGION = rf"(?P<region>(?:,\s*(?!{MONTH}\s*\d)[A-Z][A-Za-z .'’\-]{{1,30}}?(?=[,\s(:\[]|$)){{0,2}})"
_BRACKET_REGION = r"(?:\s*\[[A-Z][A-Za-z .'’\-]{1,30}\])?"
_DAY = rf"(?:,?\s*(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})(?:,?\s+\d{{4}})?)"
_AGENCY = r"(?:\s*\((?P<agency>[^()]{2,40})\))"
_SEP = r"(?:\s*\.?\s*[—–]+\s*|\s+-{1,2}\s+|\s*\.-\s*|\s*:\s+|\s*--\s*)"

_WIRE = re.compile(rf"^{'{city}'}{_REGION}{_BRACKET_REGION}(?P<day>{_DAY})?{_AGENCY}?(?P<sep>{_SEP}|\.\s+|\.?$|(?<=\))\s+)")
_AGENCY_AFTER = re.compile(r"^(?P<agency>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)?)\s*[—–\-]+\s")
_NOT_CITIES = {"UN", "EU", "NATO", "BREAKING", "UPDATE", "EXCLUSIVE", "WATCH", "VIDEO", "PHOTO", "OPINION", "ANALYSIS",
               "NOTE", "FILE", "UPDATED", "LIVE", "URGENT", "FLASH", "NEWS", "WORLD", "REPORT", "EDITORIAL", "COMMENT",
               "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "TODAY", "YESTERDAY",
               "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
               "NOVEMBER", "DECEMBER", "UPDATED", "PUBLISHED", "POSTED", "PHOTO", "PHOTOS"}


def find_dateline(line: str) -> tuple[str | None, str | None, int]:
    """(city, agency, end of the dateline) for the dateline that opens ``line``, or (None, None, 0)."""
    for city_pattern, caps in ((_CAPS_CITY, True), (_MIXED_CITY, False)):
        m = re.match(_WIRE.pattern.replace("{city}", city_pattern), line)
        if not m:
            continue
        city = m["city"].strip(" .")
        if city.upper() in _NOT_CITIES or len(city) < 3:
            continue
        day, agency, sep = m["day"], m["agency"], m["sep"]
        rest = line[m.end():]
        wired = bool(day or agency)
        if not wired and not sep.strip() and rest:
            # "KUWAIT ..." with no punctuation: only an all-capitals known place followed by a sentence
            continue
        if sep.strip() == "." and not wired:
            # "NUR-SULTAN. KAZINFORM – ..."
            after = _AGENCY_AFTER.match(rest)
            if not after or not caps:
                continue
            agency = after["agency"]
            rest = rest[after.end():]
            wired = True
        if not caps and not wired and not known_place(city):
            continue
        if not wired and rest and not shape(rest).ends_sentence and shape(rest).n <= 18:
            continue  # "Paris: Jewels Stolen In Shop Raid" is a headline with its place, not a dateline
        if caps and not wired and not known_place(city) and (rest or len(city.split()) > 2):
            continue
        if not rest.strip() and not (wired or known_place(city)):
            continue
        slashed = re.match(r"\s*/(?P<agency>[A-Za-z][\w\-]{1,20})/\.?\s*", rest)
        if slashed:
            agency, rest = agency or slashed["agency"], rest[slashed.end():]  # "MOSCOW, February 21. /TASS/. The ..."
        if rest and not re.match(r"[\"“«‘'(\[]?[A-Z0-9]", rest.lstrip()):
            continue
        if agency and not re.search(r"[A-Za-z]", agency):
            agency = None
        region = m["region"].strip(" ,")
        last_region = region.split(",")[-1].strip()
        if not agency and region and agency_in_credit(last_region):
            agency = last_region  # "TEHRAN, IRNA – ..."
        elif not agency and sep.strip() == ":" and region and not known_place(last_region):
            agency = last_region  # "Beijing, The Gulf Observer: ..."
        return (_title_case(city) if city.isupper() else city), agency, m.end() + (len(line) - m.end() - len(rest))
    return None, None, 0


# --- outlet ---------------------------------------------------------------------------

_REPORTS = re.compile(
    r"(?:^|[,.;:]\s+|\s[—–]\s)(?P<outlet>[A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*){0,3})\s+"
    r"(?:reports|reported|has reported|has learnt|has learned|informs|writes|correspondent reports|reports citing)\b"
    r"(?=\s*(?:[.,;:]|$)|\s+(?:with reference|citing|quoting|from|that|on|in|the))"
)
_DOMAIN = re.compile(r"^(?P<site>[A-Za-z][\w\-]*(?:\.[A-Za-z][\w\-]*)*\.(?:[a-z]{2,3}|[A-Z][a-z]|[A-Z]{2}))$")
_ORG_BYLINE = re.compile(r"^(?:by|written by|source|from)\s*:?\s+(?P<name>\S+)(?:\s|$)", re.I)


def canonical_agency(name: str) -> str:
    """The agency's usual name for a known spelling ("KAZINFORM" -> "Kazinform"); else the name as written."""
    name = name.strip(" .:-–—/")
    known = agency_names().get(name.lower())
    if known:
        return known
    if name.isupper() and len(name) > 5 and " " not in name and "." not in name:
        return name.capitalize()
    return name


def outlet_from_line(line: str, after_dateline: bool = False) -> str | None:
    """An agency credit on a line of its own: "Reuters", "(Xinhua)", "Azernews.Az", or "Trend:"
    right under a dateline. A name that is also a word ("Report", "Map") counts only in such a
    credit position (brackets, or a colon under the dateline), never as a bare line."""
    bare = line.strip().strip("()[]").rstrip(":").strip()
    bracketed = bool(re.fullmatch(r"\s*[(\[][^()\[\]]+[)\]]\s*", line))
    credited = bracketed or (after_dateline and line.rstrip().endswith(":"))
    found = agency_in_credit(bare) if credited else agency_on_its_own(bare)
    if found and len(bare) >= 2:
        return found
    if _DOMAIN.match(bare) and "." in bare:
        return bare
    return None


def outlet_from_lede(paragraph: str) -> str | None:
    """ "Xinhua- The two ...", "/tass/. The US ...": a known agency's name glued to the lede."""
    m = re.match(r"^/(?P<name>[A-Za-z][\w.\-]{1,20})/\.?\s", paragraph) or \
        re.match(r"^(?P<name>[A-Z][\w.]{1,30})[-–—]\s+[A-Z]", paragraph)
    # only a known agency: any capitalised word before a dash is too often a name or a label
    return agency_in_credit(m["name"]) if m else None


def outlet_from_reports(paragraph: str) -> str | None:
    for m in _REPORTS.finditer(paragraph):
        before = paragraph[: m.start("outlet")]
        if re.search(r"\baccording to\s*$|\bciting\s*$|\bquoted by\s*$", before):
            continue
        name = m["outlet"]
        if name.split()[0] in {"The", "He", "She", "It", "They", "This", "Media", "State"} and name.lower() not in agency_names():
            continue
        return canonical_agency(name)
    return None


def outlet_from_byline(line: str) -> str | None:
    """ "Written by news.example.org", "By Jane Doe, Associated Press": a byline that names
    an organisation, not only a person."""
    m = _ORG_BYLINE.match(line)
    if not m:
        return None
    credited = re.split(r"\s+[•|·–—]\s+", line[m.start("name"):])[0]
    last = credited.split(",")[-1].strip(" .") if "," in credited else ""
    if agency_in_credit(last):
        return agency_in_credit(last)
    name = m["name"].strip(" ,.")
    if not name:
        return None
    rest = line[m.end():].strip()
    alone = not rest or is_date_line(rest) or bool(re.match(r"[•|·–—]|(?:last )?updated|published", rest, re.I))
    if agency_in_credit(name) and alone:
        return agency_in_credit(name)
    if alone and (_DOMAIN.match(name) or (name.isupper() and len(name) >= 2)):
        return name
    return None


# --- title -----------------------------------------------------------------------------


def body_start(lines: list[str]) -> int:
    """Index of the first line of the article: a dateline, or the first paragraph of prose
    that is not a photo caption."""
    menu = menu_lines(lines)
    for i, line in enumerate(lines[:25]):
        if i in menu or is_date_line(line):
            continue
        city, _agency, end = find_dateline(line)
        if city and (end < len(line) or i + 1 < len(lines)) and not (end == len(line) and headline_shaped(line) and not line.isupper() and not re.search(r"\d", line)):
            return i
        if line_reason(line) or trailing_credit(line) or has_caption_marker(line):
            continue
        if shape(line).is_prose and not headline_shaped(line):
            return i
    return next((i for i, line in enumerate(lines) if shape(line).is_prose), len(lines))


def find_title(lines: list[str]) -> str | None:
    """The headline of the page: a headline-shaped line before the article starts,
    preferring one the page repeats."""
    start = body_start(lines)
    head = lines[:start]
    candidates, alt_texts, weak = [], [], []
    menu = menu_lines(lines)
    for i, line in enumerate(head):
        if i in menu or line_reason(line) or trailing_credit(line) or has_caption_marker(line) or find_dateline(line)[0]:
            continue
        if not headline_shaped(line):
            continue
        if not headline_shaped(line, short_title_case=False):
            weak.append(line)  # a short line in capitals: a name or a headline
            continue
        if i + 1 < len(head) and trailing_credit(head[i + 1]) and not line_reason(head[i + 1]) and head.count(line) == 1:
            alt_texts.append(line)  # perhaps the alternative text of the photo whose caption follows
        else:
            candidates.append(line)
    candidates = candidates or alt_texts or weak
    weak = [c for c in weak if c not in candidates]
    if not candidates:
        return None
    counts = {c: sum(_same(c, line) for line in lines) for c in candidates}
    repeated = [c for c in candidates if counts[c] > 1]
    if repeated:
        return repeated[0]
    first = candidates[0]
    if title_case(shape(first)) and not _verb_like(first):
        # "Office of the Press Secretary" above "President Announces Nominee": a name, then the headline
        return next((c for c in candidates[1:] + weak if _verb_like(c)), first)
    return first


_AUXILIARIES = {"is", "are", "was", "were", "will", "would", "to", "has", "have", "had", "says", "said", "may", "can", "could",
                "should", "must", "won't", "can't", "don't", "doesn't", "isn't", "aren't", "wasn't", "shall", "set"}


def _verb_like(line: str) -> bool:
    """A word that may be the headline's verb ("Announces", "expelled", "to", "will"): a
    headline says what happened, a section name or an office ("Office of the Press
    Secretary") does not. A guess from word endings; it only orders candidates."""
    words = re.findall(r"[A-Za-z][a-z'’\-]+", line)
    for w in words[1:]:
        lower = w.lower()
        if lower in _AUXILIARIES:
            return True
        if len(lower) > 3 and lower.endswith(("ed", "es", "s")) and not lower.endswith(("ss", "us", "is", "ness", "ics", "ies")):
            return True
    return False


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()
