"""When: finding the time expressions of a text and giving each its value.

Finding: spaCy DATE/TIME entities plus the patterns news relies on that the
small model misses ("on Friday", "later this year", "14.09.2022"), trimmed of
connectives ("between now and"), split where one span holds several dates
("1994, 1995 and 1997", "1991 to 1997"). Each expression is then read by
``timevalue.normalise`` with the tense of its clause (tense.py) and the last
date before it; dateparser reads the absolute forms the rules do not know.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dyads.annotate import holidays
from dyads.model import Document, TimeExpression
from dyads.annotate.registry import component
from dyads.annotate.tense import tense_of
from dyads.annotate.timevalue import MONTH, YEAR, Normalised, normalise

_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|several|a few)"

PATTERNS = [
    rf"\b\d{{1,2}}[./]\d{{1,2}}[./]{YEAR}\b",
    rf"\b{YEAR}-\d{{2}}-\d{{2}}\b",
    rf"\b{MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?(?:,?\s+{YEAR}|\s+(?:this|last|next)\s+year)?\b",
    rf"\b\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?\b",
    rf"\b(?:(?:early|mid|late)[- ])?{MONTH}\s*,?\s+{YEAR}\b",
    rf"\b(?:(?:later|earlier)\s+)?(?:this|last|next|past|coming)\s+(?:year|month|week|spring|summer|autumn|fall|winter|weekend)\b",
    # "this Saturday, 9": a weekday and the number of its day, the month left implicit
    rf"\b(?:(?:this|last|next|on)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+\d{{1,2}}(?:st|nd|rd|th)?(?=[,;)]|\.(?!\d)|\s*$)",  # not "on Monday, 12 people"
    rf"\b(?:(?:later|earlier)\s+)?(?:this|last|next|on|since|by|until|from)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"\b(?:(?:early|late)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b",
    # "the fall of 2020", "summer 2019"
    rf"\b(?:the\s+)?(?:(?:early|mid|late)[- ])?(?:spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+{YEAR}\b",
    # "the 2011 uprising": a year used as a modifier after a determiner
    rf"(?<=\bthe\s){YEAR}\b(?=\s+[A-Za-z])(?!\s+(?:to|and|or|-)\b)",
    r"\b(?:(?:later|earlier)\s+)?(?:today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening)\b",
    r"\b(?:now|currently|the future|daily|weekly|every day|every week|annually)\b",
    rf"\b(?:(?:last|next|this)\s+)?{holidays.PATTERN}(?:,?\s+{YEAR})?",
    r"\b(?:(?:earlier|later)\s+)?(?:that|the same)\s+(?:same\s+)?(?:day|morning|afternoon|evening|night|month|year)\b",
    r"\bthe\s+(?:next|following|previous|preceding)\s+(?:day|morning|afternoon|evening|night)\b|\bthe\s+(?:day|night)\s+(?:before|after)\b",
    rf"\bthe\s+week\s+of\s+{MONTH}\s+\d{{1,2}}\b",
    rf"\b(?:the\s+)?(?:first|second|third|fourth|last|final|this|next|current)\s+quarter\b(?:\s+of\s+(?:{YEAR}|this year|last year|next year))?",
    rf"\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the\s+|this\s+|last\s+|next\s+)?(?:year|month|week|{MONTH}(?:\s+{YEAR})?|{YEAR})\b",
    rf"\b(?:(?:early|mid|late)[- ])?(?:January|February|April|June|July|August|September|October|November|December)\b",
    rf"\b{_NUM}\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|later|before)\b",
    rf"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+more)?[- ](?:hours?|days?|weeks?|months?|years?|decades?)(?:-long)?\b(?!-)",  # not "6-year-old"
    r"\b(?:day|week|month|year|decade)s?-long\b",
    rf"\b(?:in|since|by|until|from|during|of|for)\s+{YEAR}\b",
    rf"\b(?:in|since|by|until|from|during)\s+(?:the\s+)?(?:early|mid|late)?\s*{YEAR}s\b",
]
_FINDER = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.I)


# "the 30th anniversary" is an ordinal, "6-year-old" an age and "52" a number: not dates
_NOT_DATES = re.compile(r"^(?:the\s+)?\d+(?:st|nd|rd|th)\b|\banniversar|-years?-old\b|^\d{1,3}$|^(?:the\s+)?(?:day|night|night of)$", re.I)


def find_times(text: str, parsed, anchor: str | None) -> list[TimeExpression]:
    """Time expressions of ``text`` (parsed by spaCy), normalised against ``anchor``."""
    spans: list[tuple[int, int]] = [m.span() for m in _FINDER.finditer(text)]
    for ent in parsed.ents:
        if ent.label_ in {"DATE", "TIME"} and not _NOT_DATES.search(ent.text):
            spans.append((ent.start_char, ent.end_char))
    # longest first, no overlaps
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda se: (-(se[1] - se[0]), se[0])):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    chosen = [part for span in chosen for part in _split_list(text, *_trim(text, *span))]
    out = []
    month_before = previous = None
    for start, end in _join_clock_and_day(text, sorted(chosen)):
        surface = text[start:end]
        span = parsed.char_span(start, end, alignment_mode="expand")
        tense = tense_of(span.root) if span is not None else "past"
        # the second day of "April 24 and 25" takes the month of the first
        reading = f"{month_before} {surface}" if month_before and re.fullmatch(r"\d{1,2}", surface) else surface
        result = normalise(reading, anchor, tense, previous)
        inner = timeml_extent(text, start, end)
        if result.value is None and inner != (start, end):  # "pre-April 2020": the words inside the extent
            result = normalise(text[inner[0]:inner[1]], anchor, tense, previous)
        listed = re.fullmatch(rf"({MONTH})\s+\d{{1,2}}", surface, re.I)
        month_before = listed.group(1) if listed and text[end:end + 5].startswith(" and ") else None
        if result.value is None and not _relative(surface):
            result = _fallback(surface, anchor)
        if result.value and CALENDAR.match(result.value):
            previous = result.value  # what "that day" and "ten days later" count from
        kind = result.kind
        if _NOT_DATES.search(surface) and result.value is None or (re.fullmatch(r"\d{1,2}", surface) and result.value is None):
            continue
        if m := _SIGNAL_BEFORE.search(text, max(0, start - 12), start):
            start = m.start()  # "in May", "on July 16": the phrase as written holds its signal word
        out.append(TimeExpression(start, end, text[start:end], result.value, kind, timeml=inner))
    return out


# a value on the calendar: "1998", "1998-10", "1998-10-23", "1998-10-23T06:00"
CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T|$)")
# "between now and Feb. 10": the connective words belong to neither end
_EDGE_WORDS = re.compile(r"^(?:between|from)\s+|[\s:;,]+$|\s+(?:and|or|to)$", re.I)


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DEICTIC = rf"(?:{_WEEKDAY}|today|tonight|tomorrow|yesterday|this\s+(?:week|morning|afternoon|evening))\b"
# TimeML leaves signals and approximations outside the extent ("on Friday", "about five hours", "in 1995",
# "the past 20 years", "later today", "last month's"): the words are read for the value, not marked
_OUTSIDE_BEFORE = re.compile(
    r"(?:(?:pre|post)-(?=[A-Z\d])|(?:on|in|at|since|until|till|by|from|during|of|for|within|throughout|before|after)\s+"
    r"|(?:about|around|nearly|almost|just|only|roughly|approximately|some|as\s+long\s+as|as\s+much\s+as|up\s+to)\s+"
    rf"|the\s+(?=(?:last|past|coming|early|late|mid)\b|\d|{MONTH}\s*\d|(?:days|weeks|months|years|decades)\b)"
    rf"|(?:earlier|later)\s+(?={_DEICTIC})|(?:early|late)\s+(?={_WEEKDAY})"
    rf"|the\s+early\s+hours\s+of\s+(?={_WEEKDAY})|the\s+day\s+(?={_WEEKDAY})"
    r")",
    re.I,
)
# a duration before a signal: "10 days before" is "10 days" and the signal "before"
_OUTSIDE_AFTER = re.compile(r"(?:['’]s|(?<=s)\s+(?:before|after))$", re.I)


# a temporal preposition right before an expression belongs to the phrase as written (not to its TimeML
# extent); "from" and "between" are range connectives that belong to neither end (see _trim)
_SIGNAL_BEFORE = re.compile(r"\b(?:on|in|at|since|until|till|by|during|before|after|through|throughout)\s+$", re.I)


def timeml_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """The TimeML extent of an expression found at ``start:end``: without the signal words before it
    and the possessive after it."""
    while m := _OUTSIDE_BEFORE.match(text, start, end):
        if m.end() >= end:
            break
        start = m.end()
    if m := _OUTSIDE_AFTER.search(text[start:end]):
        if m.start() > 0:
            end = start + m.start()
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without connectives and punctuation at its edges."""
    while True:
        surface = text[start:end]
        m = _EDGE_WORDS.search(surface)
        if not m or m.end() - m.start() == len(surface):
            return start, end
        if m.start() == 0:
            start += m.end()
        else:
            end = start + m.start()


_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\.?(?:\s+[A-Z]{2,4}T)?$", re.I)


def _join_clock_and_day(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "9 a.m. Tuesday", "4 a.m. EDT Thursday": a clock time and the day right after it are one expression."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and re.fullmatch(r",?\s+(?:on\s+)?", text[out[-1][1]:start]) and _CLOCK.search(text[out[-1][0]:out[-1][1]]) \
                and re.fullmatch(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow)", text[start:end], re.I):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


_LIST_ITEM = re.compile(rf"{YEAR}|(?:{MONTH}\s+)?\b\d{{1,2}}\b(?!\d)", re.I)


def _split_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "1994, 1995 and 1997", "April 24 and 25": one expression per item."""
    surface = text[start:end]
    if not re.search(r",|\band\b|\bto\b|\bthrough\b|[-–]", surface):
        return [(start, end)]
    years = list(re.finditer(YEAR, surface))
    if len(years) > 1 and not re.search(MONTH, surface, re.I):
        return [(start + m.start(), start + m.end()) for m in years]
    m = re.fullmatch(rf"(.*?)({MONTH}\s+\d{{1,2}})\s+and\s+(\d{{1,2}})\b(.*)", surface, re.I | re.S)
    if m and not m.group(4).strip():
        first = start + m.start(2)
        second = start + m.start(3)
        return [(first, start + m.end(2)), (second, start + m.end(3))]
    return [(start, end)]


def _relative(surface: str) -> bool:
    return bool(re.search(r"(?i)\b(?:this|last|next|ago|today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|later|earlier)\b", surface))


@lru_cache(maxsize=1)
def _date_parser():
    """One dateparser parser for the process: ``dateparser.parse`` with languages or settings
    builds a new one (language detection tables, settings) on every call, which cost more
    than parsing; its results are the same."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"STRICT_PARSING": False, "REQUIRE_PARTS": ["year"], "PREFER_DAY_OF_MONTH": "first"})


def _fallback(surface: str, anchor: str | None) -> Normalised:
    """Absolute dates in forms the rules above do not know, through dateparser."""
    return Normalised(_absolute_date(surface))


@lru_cache(maxsize=20_000)  # the same surfaces ("in 2012", "October 2012") recur across articles
def _absolute_date(surface: str) -> str | None:
    if not re.search(YEAR, surface):
        return None
    parsed = _date_parser().get_date_data(surface).date_obj
    if parsed is None:
        return None
    if re.search(r"\d{1,2}", re.sub(YEAR, "", surface)) and re.search(MONTH, surface, re.I):
        return parsed.date().isoformat()
    if re.search(MONTH, surface, re.I):
        return f"{parsed.year}-{parsed.month:02d}"
    return str(parsed.year)


@component("times", assigns=["times"])
def annotate_times(doc: Document, parsed) -> None:
    doc.times = [t for t in find_times(doc.body, parsed, doc.published) if t.kind == "date"]
