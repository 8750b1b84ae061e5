"""Time values: what a time expression means, as a TIMEX3 value.

``normalise("on Friday", "2024-04-24", "past")`` is "2024-04-19". Absolute
forms are read directly; relative forms ("Friday", "this year", "April 25",
"two days ago") are anchored on the publication date, with the tense of the
clause choosing past or future, and anaphoric ones ("that day", "ten days
later") on the last date mentioned before them. No anchor, no guess: without
a publication date a relative expression's value is null.

Each form is one small rule; ``RULES`` tries them in order and the first that
recognises the words gives the value. The rules are written here (HeidelTime is
the reference design) because dateparser anchors on the processing day and has
no notion of tense; dateparser parses what remains absolute (see timex.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from dyads.annotate import holidays
from dyads.ingest.clean import MONTH, MONTHS, find_full_date

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "a": 1, "an": 1, "several": None, "few": None, "eleven": 11, "twelve": 12}
REFERENCES = {"now": "PRESENT_REF", "current": "PRESENT_REF", "currently": "PRESENT_REF", "present": "PRESENT_REF",
              "future": "FUTURE_REF", "past": "PAST_REF", "recently": "PAST_REF", "formerly": "PAST_REF"}
SETS = {"daily": "P1D", "every day": "P1D", "each day": "P1D", "weekly": "P1W", "every week": "P1W", "monthly": "P1M",
        "every month": "P1M", "annually": "P1Y", "yearly": "P1Y", "every year": "P1Y", "each year": "P1Y"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# TimeML writes decades and centuries in years ("the past decade" is P10Y)
UNITS = {"second": ("T", "S", 1), "minute": ("T", "M", 1), "hour": ("T", "H", 1), "day": ("", "D", 1),
         "week": ("", "W", 1), "month": ("", "M", 1), "year": ("", "Y", 1), "decade": ("", "Y", 10),
         "centur": ("", "Y", 100)}
# words before an expression that do not change its value ("at least 72 hours", "over the weekend"),
# stripped longest first: "at least" before "at"
MODIFIERS = sorted(["on", "in", "since", "by", "until", "till", "from", "during", "of", "for", "at", "the", "about",
                    "around", "nearly", "almost", "more than", "less than", "over", "some", "just", "roughly",
                    "approximately", "at least", "at most", "only", "another", "within", "as long as", "as much as",
                    "up to", "as many as", "as little as", "all", "throughout", "between"], key=len, reverse=True)

YEAR = r"(?:1[89]\d\d|20\d\d)"
_MONTH = MONTH.lower()
_WEEKDAY = "(" + "|".join(WEEKDAYS) + ")"
_PART_OF_DAY = r"(?:day|morning|afternoon|evening|night)"
_UNIT = r"(second|minute|hour|day|week|month|year|decade|centur)(?:y|ies|s)?"
_COUNT = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an"
_MODIFIER = re.compile(rf"^(?:{'|'.join(map(re.escape, MODIFIERS))})\s+")
DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Normalised:
    value: str | None
    kind: str = "date"  # date | duration | set | time | ref


@dataclass(frozen=True)
class Reading:
    """What a rule knows besides the words: the text as written, the anchor day,
    the tense of the clause and the value of the last date mentioned before."""

    text: str
    base: dt.date | None
    tense: str
    previous: str | None


Rule = Callable[[str, Reading], Normalised | None]
RULES: list[Rule] = []


def rule(needs_anchor: bool = False) -> Callable[[Rule], Rule]:
    """Register a rule. One that ``needs_anchor`` is skipped when the publication date is unknown."""

    def register(fn: Rule) -> Rule:
        if needs_anchor:
            def anchored(t: str, r: Reading) -> Normalised | None:
                return fn(t, r) if r.base else None

            anchored.__name__ = fn.__name__
            RULES.append(anchored)
        else:
            RULES.append(fn)
        return fn

    return register


def normalise(text: str, anchor: str | None, tense: str = "past", previous: str | None = None) -> Normalised:
    """The TIMEX3-style value of ``text`` read on the day ``anchor`` (ISO date or None).

    ``tense`` is "past", "present", "future" or "unknown": the tense of the verb
    the expression belongs to, which decides which Friday "Friday" is.
    ``previous`` is the value of the last dated expression before this one in
    the text: "that day", "the next morning" and "ten days later" count from it.
    """
    reading = Reading(text, dt.date.fromisoformat(anchor) if anchor else None, tense, previous)
    return _apply(" ".join(text.lower().replace("’", "'").split()), reading)


def _apply(t: str, r: Reading) -> Normalised:
    t = re.sub(r"'s$|[.,]$", "", t)
    for each in PREFIX_RULES:
        result = each(t, r)
        if result:
            return result
    t = _bare(t)
    for each in RULES:
        result = each(t, r)
        if result:
            return result
    return Normalised(None)


def _bare(t: str) -> str:
    """The words without modifiers that do not change the value."""
    while (stripped := _MODIFIER.sub("", t, count=1)) != t:
        t = stripped
    t = t.replace("late-", "late ").replace("early-", "early ").replace("mid-", "mid ")
    t = re.sub(r"^(?:later|earlier)\s+(today|tonight|this (?:morning|afternoon|evening))$", r"\1", t)
    # "early Friday morning", "the early hours of Thursday morning", "the day Friday": the day
    m = re.fullmatch(rf"(?:(?:earlier|early|late|later|day|early hours of|night of|morning of)\s+)?({'|'.join(WEEKDAYS)}|today|yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)", t) \
        or re.fullmatch(rf"(?:earlier|early|late|later|day|early hours of|night of|morning of)\s+{_WEEKDAY}", t)
    if m:
        t = m.group(1)
    # "Thursday, Jan. 6": the calendar date says it all
    return re.sub(rf"^(?:{'|'.join(WEEKDAYS)}),?\s+(?=(?:{_MONTH})\s+\d|\d{{1,2}}\s+{_MONTH})", "", t)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _iso_week(day: dt.date) -> str:
    # TimeML writes weeks without zero padding ("2000-W7")
    year, week, _ = day.isocalendar()
    return f"{year}-W{week}"


def _pick(candidates: list[int], base: int, tense: str, slack: int) -> int:
    """Which reading of a date without a year fits the tense. Candidates and the anchor
    are ordinals (days or months): the past takes the latest on or before the anchor,
    the future the first on or after it, each with ``slack`` units of leeway; when
    the tense does not say (present, unknown), the nearest wins."""
    if tense == "past":
        fitting = [c for c in candidates if c - base <= slack]
        return max(fitting) if fitting else min(candidates)
    if tense == "future":
        fitting = [c for c in candidates if base - c <= slack]
        return min(fitting) if fitting else max(candidates)
    return min(candidates, key=lambda c: (abs(c - base), c > base))


def _direction(word: str | None, tense: str) -> str:
    """ "last" and "next" replace the tense of the clause."""
    return {"last": "past", "next": "future"}.get(word or "", tense)


# -- rules read on the words as written (their leading words matter) --------------------------

def _soon(t: str, r: Reading) -> Normalised | None:
    """ "as soon as Tuesday", "no later than Tuesday": a day still to come."""
    m = re.fullmatch(rf"(?:as soon as|as early as|no later than)\s+({_WEEKDAY[1:-1]}(?:\s+{_PART_OF_DAY})?)", t)
    return _apply(m.group(1), replace(r, tense="future")) if m else None


def _clock(t: str, r: Reading) -> Normalised | None:
    """ "10:35 a.m.", "9 a.m. EST Tuesday": on the day named, else the anchor's day."""
    m = re.fullmatch(r"(?:about |around |at |shortly after |shortly before |just after |just before )?(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\.?(?:\s+[a-z]{2,4}t)?(?:,?\s+(?:on\s+)?(\w+))?", t)
    if not m or int(m.group(1)) > 12:
        return None
    hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
    day = _apply(m.group(4), r).value if m.group(4) else (r.base.isoformat() if r.base else None)
    if not day or not DAY_VALUE.fullmatch(day):
        return Normalised(None, "time")
    return Normalised(f"{day}T{hour:02d}:{m.group(2) or '00'}", "time")


PREFIX_RULES: list[Rule] = [_soon, _clock]


# -- rules read on the bare words, in order ------------------------------------------------------

@rule()
def _month_day_with_direction(t: str, r: Reading) -> Normalised | None:
    """ "last Oct. 23", "next April 5": the direction replaces the tense."""
    m = re.fullmatch(rf"(last|next|this)\s+((?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?)", t)
    return _apply(m.group(2), replace(r, tense=_direction(m.group(1), r.tense))) if m else None


@rule()
def _anaphor(t: str, r: Reading) -> Normalised | None:
    """ "that day", "later that year", "the next morning", "the day before": the value
    of the last dated expression, moved as the words say."""
    if not r.previous:
        return None
    day = dt.date.fromisoformat(r.previous[:10]) if DAY_VALUE.match(r.previous) else None
    shift = None
    if re.fullmatch(rf"(?:(?:earlier|later)\s+)?(?:that|same)\s+(?:same\s+)?{_PART_OF_DAY}", t):
        shift = 0
    elif re.fullmatch(rf"(?:next|following)\s+{_PART_OF_DAY}|(?:day|night)\s+after", t):
        shift = 1
    elif re.fullmatch(rf"(?:previous|preceding)\s+{_PART_OF_DAY}|(?:day|night)\s+before", t):
        shift = -1
    if shift is not None:
        return Normalised((day + dt.timedelta(days=shift)).isoformat()) if day else None
    m = re.fullmatch(r"(?:(?:earlier|later)\s+)?(?:that|same)\s+(?:same\s+)?(year|month)", t)
    if m and m.group(1) == "year" and re.match(r"\d{4}", r.previous):
        return Normalised(r.previous[:4])
    if m and m.group(1) == "month" and re.match(r"\d{4}-\d{2}", r.previous):
        return Normalised(r.previous[:7])
    return None


@rule()
def _holiday(t: str, r: Reading) -> Normalised | None:
    """ "Thanksgiving Day", "last Christmas", "Easter 2000" (see holidays.py)."""
    m = re.fullmatch(rf"(?:(last|next|this)\s+)?({holidays.PATTERN})(?:,?\s+({YEAR}))?", t)
    if not m or not (r.base or m.group(3)):
        return None
    if m.group(3):
        return Normalised(holidays.holiday_on(m.group(2), int(m.group(3))).isoformat())
    days = [holidays.holiday_on(m.group(2), r.base.year + k).toordinal() for k in (-1, 0, 1)]
    return Normalised(dt.date.fromordinal(_pick(days, r.base.toordinal(), _direction(m.group(1), r.tense), slack=0)).isoformat())


@rule()
def _week_of(t: str, r: Reading) -> Normalised | None:
    """ "the week of March 6": the ISO week of that day."""
    m = re.fullmatch(r"week of (.+)", t)
    day = _apply(m.group(1), r).value if m else None
    return Normalised(_iso_week(dt.date.fromisoformat(day))) if day and DAY_VALUE.fullmatch(day) else None


@rule()
def _reference(t: str, r: Reading) -> Normalised | None:
    """ "now" PRESENT_REF, "the future" FUTURE_REF; "daily" P1D, "every year" P1Y."""
    if t in REFERENCES:
        return Normalised(REFERENCES[t], "ref")
    return Normalised(SETS[t], "set") if t in SETS else None


@rule()
def _duration(t: str, r: Reading) -> Normalised | None:
    """ "72 hours" PT72H, "two more weeks" P2W, "the past decade" P10Y, "decades-long" PXY, "recent days" PXD."""
    m = re.fullmatch(rf"(?:(?:past|last|next|coming|first|final)\s+)?({_COUNT})(?:\s+(?:more|additional|full|straight|consecutive|long))?[- ]{_UNIT}(?:-long|-old)?", t)
    if m:
        time, letter, size = UNITS[m.group(2)]
        return Normalised(f"P{time}{_count(m.group(1)) * size}{letter}", "duration")
    m = re.fullmatch(r"(?:past|last|next|coming)\s+(decade|centur)y?|past\s+(year|month|week)|(day|week|month|year|decade|centur)(?:y)?-long", t)
    if m:  # a unit's worth of time: "the past decade", "the past year", "day-long"
        time, letter, size = UNITS[m.group(1) or m.group(2) or m.group(3)]
        return Normalised(f"P{time}{size}{letter}", "duration")
    m = re.fullmatch(rf"(?:recent|several|many|few|a few|the|coming|past|next few|last few|past few)?\s*{_UNIT}(?:-long)?", t)
    if m and re.search(r"s(?:-long)?$", t):  # "recent days", "decades-long": a vague span
        time, letter, _ = UNITS[m.group(1)]
        return Normalised(f"P{time}X{letter}", "duration")
    return None


@rule()
def _calendar_date(t: str, r: Reading) -> Normalised | None:
    """ "April 25, 2024", "14.09.2022", "2024-04-25": a full date (clean.find_full_date)."""
    full = find_full_date(r.text)
    return Normalised(full) if full else None


@rule()
def _month_of_year(t: str, r: Reading) -> Normalised | None:
    """ "September 2019", "early October 2023"."""
    m = re.fullmatch(rf"(?:(?:early|mid|late)[- ])?({_MONTH})\s*,?\s+({YEAR})", t)
    return Normalised(f"{m.group(2)}-{MONTHS[m.group(1)[:3]]:02d}") if m else None


@rule()
def _year(t: str, r: Reading) -> Normalised | None:
    """ "2023", "early 1997"; "the 1960s" 196X, as TempEval-3 writes a decade."""
    m = re.fullmatch(rf"(?:(?:early|mid|late)\s+)?({YEAR})", t)
    if m:
        return Normalised(m.group(1))
    m = re.fullmatch(rf"(?:the\s+)?(?:early|mid|late)?\s*({YEAR})s", t)
    return Normalised(m.group(1)[:3] + "X") if m else None


@rule()
def _month_day(t: str, r: Reading) -> Normalised | None:
    """ "April 25", "25 April", "April 14-15" (the first day), "April 5 this year": the year from the anchor."""
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?(?:\s+(this|last|next)\s+year)?", t)
    if m:
        month, day, which = MONTHS[m.group(1)[:3]], int(m.group(2)), m.group(3)
    else:
        m = re.fullmatch(rf"(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})", t)
        if not m:
            return None
        day, month, which = int(m.group(1)), MONTHS[m.group(2)[:3]], None
    if r.base is None:
        return Normalised(None)
    years = [r.base.year + {"last": -1, "next": 1}.get(which, 0)] if which else [r.base.year + k for k in (-1, 0, 1)]
    try:
        candidates = [dt.date(year, month, day).toordinal() for year in years]
    except ValueError:  # "February 30", or February 29 in a year without it
        return Normalised(None)
    return Normalised(dt.date.fromordinal(_pick(candidates, r.base.toordinal(), r.tense, slack=30)).isoformat())


@rule()
def _month(t: str, r: Reading) -> Normalised | None:
    """ "last November", "next April", "February this year", "in April" (the tense decides)."""
    m = re.fullmatch(rf"(?:(?:early|mid|late)\s+)?(?:(last|next|this)\s+)?({_MONTH})(?:\s+(?:of\s+)?(this|last|next)\s+year)?", t)
    # "may" and "march" are words first: only capitalised are they months
    if not m or (m.group(2) in {"may", "march"} and not re.search(r"\b(?:May|March)\b", r.text)):
        return None
    if r.base is None:
        return Normalised(None)
    month = MONTHS[m.group(2)[:3]]
    if m.group(3):
        return Normalised(f"{r.base.year + {'this': 0, 'last': -1, 'next': 1}[m.group(3)]}-{month:02d}")
    here = r.base.year * 12 + r.base.month - 1
    candidates = [(r.base.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    if m.group(1) == "this":
        index = candidates[1]
    else:  # "last November" is never this month's, nor "next April"
        index = _pick([c for c in candidates if c != here or not m.group(1)], here, _direction(m.group(1), r.tense), slack=0)
    return Normalised(f"{index // 12}-{index % 12 + 1:02d}")


@rule()
def _part_of(t: str, r: Reading) -> Normalised | None:
    """ "the end of the year", "the beginning of next month", "mid-March": the value of the whole
    (TimeML marks the part with a modifier, not in the value)."""
    m = re.fullmatch(r"(?:end|beginning|start|middle|close|rest|remainder|turn)\s+of\s+(.+)", t)
    if not m:
        return None
    whole = _bare(m.group(1))
    # "the end of the year": the current one
    whole = {"year": "this year", "month": "this month", "week": "this week"}.get(whole, whole)
    return _apply(whole, r)


@rule()
def _quarter(t: str, r: Reading) -> Normalised | None:
    """ "the third quarter" 1998-Q3 (the tense picks the year), "last quarter", "the first quarter of 2023"."""
    m = re.fullmatch(rf"(first|second|third|fourth|1st|2nd|3rd|4th|final|last|this|next|current)\s+quarter(?:\s+of\s+(?:({YEAR})|(this|last|next)\s+year))?", t)
    if not m:
        return None
    which = m.group(1)
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}.get(which)
    if m.group(2) or m.group(3):
        if number is None or (m.group(3) and r.base is None):
            return Normalised(None)
        year = int(m.group(2)) if m.group(2) else r.base.year + {"this": 0, "last": -1, "next": 1}[m.group(3)]
        return Normalised(f"{year}-Q{number}")
    if r.base is None:
        return Normalised(None)
    here = r.base.year * 4 + (r.base.month - 1) // 3
    if number is None:  # last, this, next quarter
        index = here + {"last": -1, "next": 1}.get(which, 0)
    else:
        index = _pick([(r.base.year + k) * 4 + number - 1 for k in (-1, 0, 1)], here, r.tense, slack=0)
    return Normalised(f"{index // 4}-Q{index % 4 + 1}")


@rule(needs_anchor=True)
def _deictic_day(t: str, r: Reading) -> Normalised | None:
    """ "today", "tonight", "yesterday", "tomorrow"."""
    shift = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "now": 0,
             "yesterday": -1, "tomorrow": 1}.get(t)
    return Normalised((r.base + dt.timedelta(days=shift)).isoformat()) if shift is not None else None


@rule(needs_anchor=True)
def _this_last_next(t: str, r: Reading) -> Normalised | None:
    """ "this year", "later this year", "last month", "early next week", "next spring"."""
    m = re.fullmatch(r"(?:(?:later|earlier|early|late|mid)\s+)?(this|last|next|past|coming)\s+(year|month|week|weekend|spring|summer|autumn|fall|winter)", t)
    if not m:
        return None
    delta = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[m.group(1)]
    unit = m.group(2)
    if unit == "year":
        return Normalised(str(r.base.year + delta))
    if unit == "month":
        year, month = _shift_month(r.base.year, r.base.month, delta)
        return Normalised(f"{year}-{month:02d}")
    if unit in {"week", "weekend"}:
        return Normalised(_iso_week(r.base + dt.timedelta(weeks=delta)) + ("-WE" if unit == "weekend" else ""))
    return Normalised(f"{r.base.year + delta}-{SEASONS[unit]}")


@rule()
def _season_of_year(t: str, r: Reading) -> Normalised | None:
    """ "the fall of 2020", "summer 2019", "early spring 2003": the season of that year, as TimeML writes it."""
    m = re.fullmatch(rf"(?:(?:early|mid|late)[- ])?(spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+({YEAR})", t)
    return Normalised(f"{m.group(2)}-{SEASONS[m.group(1)]}") if m else None


@rule(needs_anchor=True)
def _weekday_and_day(t: str, r: Reading) -> Normalised | None:
    """ "this Saturday, 9", "Tuesday 14th": the day of that number, in the month around the anchor, that falls on
    that weekday; null when none of the three months around the anchor has one (the words do not agree)."""
    m = re.fullmatch(rf"(?:(?:this|last|next|on)\s+)?{_WEEKDAY},?\s+(\d{{1,2}})(?:st|nd|rd|th)?", t)
    if not m:
        return None
    target, number = WEEKDAYS.index(m.group(1)), int(m.group(2))
    fits = []
    for delta in (-1, 0, 1):
        year, month = _shift_month(r.base.year, r.base.month, delta)
        try:
            day = dt.date(year, month, number)
        except ValueError:
            continue
        if day.weekday() == target:
            fits.append(day)
    if not fits:
        return None
    return Normalised(min(fits, key=lambda day: abs((day - r.base).days)).isoformat())


@rule(needs_anchor=True)
def _weekday(t: str, r: Reading) -> Normalised | None:
    """ "Friday": the most recent one for the past (the day itself if it is Friday), the next one for the
    future and the present ("the summit opens Tuesday"); "last Friday", "next Friday"."""
    m = re.fullmatch(rf"(?:(this|last|next|on|since|by|until|from)\s+)?{_WEEKDAY}", t)
    if not m:
        return None
    target, prefix = WEEKDAYS.index(m.group(2)), m.group(1)
    if prefix == "next" or (r.tense in {"future", "present"} and prefix != "last"):
        delta = (target - r.base.weekday()) % 7 or (7 if prefix == "next" else 0)
        return Normalised((r.base + dt.timedelta(days=delta)).isoformat())
    delta = (r.base.weekday() - target) % 7 or (7 if prefix == "last" else 0)
    return Normalised((r.base - dt.timedelta(days=delta)).isoformat())


@rule(needs_anchor=True)
def _offset(t: str, r: Reading) -> Normalised | None:
    """ "two days ago" from the publication day; "ten days later", "a week earlier" from the last date mentioned."""
    m = re.fullmatch(rf"({_COUNT})\s+(day|week|month|year|decade)s?\s+(ago|earlier|before|later|after)", t)
    if not m:
        return None
    n, unit = _count(m.group(1)), m.group(2)
    sign = 1 if m.group(3) in {"later", "after"} else -1
    base = r.base
    if m.group(3) != "ago" and r.previous and DAY_VALUE.match(r.previous):
        base = dt.date.fromisoformat(r.previous[:10])
    if unit == "day":
        return Normalised((base + dt.timedelta(days=sign * n)).isoformat())
    if unit == "week":
        return Normalised(_iso_week(base + dt.timedelta(weeks=sign * n)))
    if unit == "month":
        year, month = _shift_month(base.year, base.month, sign * n)
        return Normalised(f"{year}-{month:02d}")
    return Normalised(str(base.year + sign * n * (10 if unit == "decade" else 1)))


def partial_day(text: str) -> str | None:
    """The day an expression names when no anchor says which year or week: TimeML's partial values.

    "July 16" is "XXXX-07-16" and "on Saturday" is "XXXX-WXX-6" (ISO weekday);
    a day that needs an anchor to mean anything ("yesterday") is None.
    """
    t = _bare(text.lower())
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?", t) or re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})", t)
    if m:
        month, day = (m.group(1), m.group(2)) if m.group(1)[0].isalpha() else (m.group(2), m.group(1))
        if 1 <= int(day) <= 31:
            return f"XXXX-{MONTHS[month[:3]]:02d}-{int(day):02d}"
        return None
    m = re.fullmatch(rf"(?:(?:early|late|this|last|next)\s+)?{_WEEKDAY}(?:\s+{_PART_OF_DAY})?", t)
    return f"XXXX-WXX-{WEEKDAYS.index(m.group(1)) + 1}" if m else None
