"""Calendar dates as pages print them (produces: the publication date's value, date lines).

"April 25, 2024", "25 April 2024", "14.09.2022", "2024-04-25", "30-Mar-2023",
"Fri, October 07 2022. 07:08 IST", "10:28 JST, February 19, 2023": a full date
(day, month and year) and whether a line is nothing but a date stamp. Regular
expressions rather than dateparser, because dateparser also reads numbers and
words of ordinary prose as dates.
"""

from __future__ import annotations

import datetime
import re

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?"
_NUMERIC_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d{2})\b")
_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_MDY = re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I)
# "24 May 2016": the day starts at a word boundary (digits glued to a word are not a day)
_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+(?P<mon>{MONTH}),?[\s\-]+(?P<y>(?:19|20)\d{{2}})\b", re.I)
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
_ZONE = r"(?:\(?\s*(?:UTC|GMT)\s*[+\-−]?\s*\d{0,2}(?::?\d{2})?\s*(?:[A-Z]{2,4})?\s*\)?|\b(?:[A-Z]{2,4}T|IST|JST|KST|MSK|CET|CEST|EET|EEST|UTC|GMT|ET|PT)\b)"
_STAMP_WORDS = re.compile(
    r"\b(?:published|updated|posted|last updated|first published|modified|created|date|time|on|at|am|pm|hrs|hours|"
    r"today|yesterday|edited|issued)\b", re.I)


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def find_full_date(text: str) -> str | None:
    """The first complete calendar date in ``text`` (day, month and year), ISO formatted."""
    for pattern in (_ISO_DATE, _NUMERIC_DATE):
        for m in pattern.finditer(text):
            value = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
            if value:
                return value
    found = []
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            value = _valid(int(m["y"]), MONTHS[m["mon"].lower()[:3]], int(m["d"]))
            if value:
                found.append((m.start(), value))
    return min(found)[1] if found else None


_PIECES = [
    _ISO_DATE, _NUMERIC_DATE, _MDY, _DMY,
    re.compile(rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.I),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?=\W|$)", re.I),
    re.compile(rf"\b{MONTH},?\s+(?:19|20)\d{{2}}\b", re.I),
    re.compile(_ZONE),
    re.compile(_TIME),
    re.compile(rf"\b{WEEKDAY}(?=\W|$)", re.I),
]


def strip_date_parts(line: str) -> str:
    """``line`` without its dates, times, time zones, weekdays and stamp words."""
    rest = line
    for pattern in _PIECES:
        rest = pattern.sub(" ", rest)
    rest = _STAMP_WORDS.sub(" ", rest)
    return rest


def is_date_line(line: str) -> bool:
    """A line that is a date or time stamp ("28 Jan. 11:00", "Updated 18:21, 30-Mar-2023",
    "• 18:48", "Friday February 6 2026"), possibly with a place or an author's name."""
    if len(line) > 120:
        return False
    rest = strip_date_parts(line)
    if rest == strip_date_parts(rest) and rest.strip() == line.strip():
        return False
    if not re.search(rf"{_TIME}|\d{{4}}|{MONTH}\s+\d|\d\s+{MONTH}", line, re.I):
        return False
    words = re.findall(r"[^\W\d_][\w'’.\-]*", rest)
    if not words:
        return True
    # "Updated - October 25, 2024 06:38 pm IST - NEW DELHI", "By Jane Roe • Published: 15 Dec 2023 • 14:17":
    # a place or a name beside a time or a full date. A word with digits ("A320") is not a name,
    # and a month with its year only ("May 2019") beside other words is prose, not a stamp.
    if any(re.search(r"\d", w) for w in words):
        return False
    if not (re.search(_TIME, line) or find_full_date(line)):
        return False
    return len(words) <= 4 and not re.search(r"[.!?]\s+[A-Z][a-z]+\s+[a-z]", line)
