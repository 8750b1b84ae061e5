"""When: time expressions, normalised against the publication date.

Finding: spaCy DATE entities plus the patterns news relies on that the small
model misses ("on Friday", "later this year", "14.09.2022"). Normalising:
absolute forms are parsed directly; relative forms ("Friday", "this year",
"April 25", "two days ago") are anchored on the publication date, with the
tense of the governing verb choosing past or future. No anchor, no guess:
without a publication date a relative expression's value is null.

The anchoring and the tense logic are written here (HeidelTime is the
reference design) because dateparser anchors on the processing day and has no
notion of tense; dateparser parses what remains absolute.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import holidays
from .clean import MONTHS, find_full_date
from .model import Document, TimeExpression
from .registry import component

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "a": 1, "an": 1, "several": None, "few": None, "eleven": 11, "twelve": 12}
REFERENCES = {"now": "PRESENT_REF", "current": "PRESENT_REF", "currently": "PRESENT_REF", "present": "PRESENT_REF",
              "future": "FUTURE_REF", "past": "PAST_REF", "recently": "PAST_REF", "formerly": "PAST_REF"}
SETS = {"daily": "P1D", "every day": "P1D", "each day": "P1D", "weekly": "P1W", "every week": "P1W", "monthly": "P1M",
        "every month": "P1M", "annually": "P1Y", "yearly": "P1Y", "every year": "P1Y", "each year": "P1Y"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

# words before an expression that do not change its value ("at least 72 hours", "over the weekend"),
# stripped longest first: "at least" before "at"
MODIFIERS = sorted(["on", "in", "since", "by", "until", "till", "from", "during", "of", "for", "at", "the", "about",
                    "around", "nearly", "almost", "more than", "less than", "over", "some", "just", "roughly",
                    "approximately", "at least", "at most", "only", "another", "within", "as long as", "as much as",
                    "up to", "as many as", "as little as", "all", "throughout", "between"], key=len, reverse=True)
_MODIFIER = re.compile(rf"^(?:{'|'.join(map(re.escape, MODIFIERS))})\s+")

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|several|a few)"

PATTERNS = [
    rf"\b\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}\b",
    rf"\b{_YEAR}-\d{{2}}-\d{{2}}\b",
    rf"\b{_MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?(?:,?\s+{_YEAR}|\s+(?:this|last|next)\s+year)?\b",
    rf"\b\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",
    rf"\b(?:(?:early|mid|late)[- ])?{_MONTH}\s*,?\s+{_YEAR}\b",
    rf"\b(?:(?:later|earlier)\s+)?(?:this|last|next|past|coming)\s+(?:year|month|week|spring|summer|autumn|fall|winter|weekend)\b",
    rf"\b(?:(?:later|earlier)\s+)?(?:this|last|next|on|since|by|until|from)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"\b(?:(?:early|late)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b",
    r"\b(?:(?:later|earlier)\s+)?(?:today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening)\b",
    r"\b(?:now|currently|the future|daily|weekly|every day|every week|annually)\b",
    rf"\b(?:(?:last|next|this)\s+)?{holidays.PATTERN}(?:,?\s+{_YEAR})?",
    r"\b(?:(?:earlier|later)\s+)?(?:that|the same)\s+(?:same\s+)?(?:day|morning|afternoon|evening|night|month|year)\b",
    r"\bthe\s+(?:next|following|previous|preceding)\s+(?:day|morning|afternoon|evening|night)\b|\bthe\s+(?:day|night)\s+(?:before|after)\b",
    rf"\bthe\s+week\s+of\s+{_MONTH}\s+\d{{1,2}}\b",
    rf"\b(?:(?:early|mid|late)[- ])?(?:January|February|April|June|July|August|September|October|November|December)\b",
    rf"\b{_NUM}\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|later|before)\b",
    rf"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+more)?[- ](?:hours?|days?|weeks?|months?|years?|decades?)(?:-long)?\b(?!-)",  # not "6-year-old"
    r"\b(?:day|week|month|year|decade)s?-long\b",
    rf"\b(?:in|since|by|until|from|during|of|for)\s+{_YEAR}\b",
    rf"\b(?:in|since|by|until|from|during)\s+(?:the\s+)?(?:early|mid|late)?\s*{_YEAR}s\b",
]
_FINDER = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.I)


@dataclass
class Normalised:
    value: str | None
    kind: str = "date"  # date | duration | set | time


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _iso_week(day: dt.date) -> str:
    # TimeML writes weeks without zero padding ("2000-W7")
    year, week, _ = day.isocalendar()
    return f"{year}-W{week}"


# TimeML writes decades and centuries in years ("the past decade" is P10Y)
UNITS = {"second": ("T", "S", 1), "minute": ("T", "M", 1), "hour": ("T", "H", 1), "day": ("", "D", 1),
         "week": ("", "W", 1), "month": ("", "M", 1), "year": ("", "Y", 1), "decade": ("", "Y", 10),
         "centur": ("", "Y", 100)}
_UNIT = r"(second|minute|hour|day|week|month|year|decade|centur)(?:y|ies|s)?"
_COUNT = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an"


def _duration(t: str) -> str | None:
    """ "72 hours" PT72H, "two more weeks" P2W, "the past decade" P10Y, "decades-long" PXY, "recent days" PXD."""
    m = re.fullmatch(rf"(?:(?:past|last|next|coming|first|final)\s+)?({_COUNT})(?:\s+(?:more|additional|full|straight|consecutive|long))?[- ]{_UNIT}(?:-long|-old)?", t)
    if m:
        count = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
        time, letter, size = UNITS[m.group(2)]
        return f"P{time}{count * size}{letter}"
    m = re.fullmatch(rf"(?:past|last|next|coming)\s+(decade|century)|past\s+(year|month|week)|(day|week|month|year|decade|centur)(?:y)?-long", t)
    if m:  # a unit's worth of time: "the past decade", "the past year", "day-long"
        time, letter, size = UNITS[(m.group(1) or m.group(2) or m.group(3)).replace("century", "centur")]
        return f"P{time}{size}{letter}"
    m = re.fullmatch(rf"(?:recent|several|many|few|a few|the|coming|past|next few|last few|past few|coming)?\s*{_UNIT}(?:-long)?", t)
    if m and (m.group(0).endswith("s") or m.group(0).endswith("s-long")):  # "recent days", "decades-long": a vague span
        time, letter, _ = UNITS[m.group(1)]
        return f"P{time}X{letter}"
    return None


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PART_OF_DAY = r"(?:day|morning|afternoon|evening|night)"


def _anaphor(t: str, previous: str | None) -> str | None:
    """ "that day", "later that year", "the next morning", "the day before": the value
    of the last dated expression (``previous``), moved as the words say."""
    if not previous:
        return None
    day = dt.date.fromisoformat(previous[:10]) if _DAY.match(previous) else None
    shift = None
    if re.fullmatch(rf"(?:(?:earlier|later)\s+)?(?:that|same)\s+(?:same\s+)?{_PART_OF_DAY}", t):
        shift = 0
    elif re.fullmatch(rf"(?:next|following)\s+{_PART_OF_DAY}|(?:day|night)\s+after", t):
        shift = 1
    elif re.fullmatch(rf"(?:previous|preceding)\s+{_PART_OF_DAY}|(?:day|night)\s+before", t):
        shift = -1
    if shift is not None:
        return (day + dt.timedelta(days=shift)).isoformat() if day else None
    m = re.fullmatch(r"(?:(?:earlier|later)\s+)?(?:that|same)\s+(?:same\s+)?(year|month)", t)
    if m and re.match(r"\d{4}", previous):
        if m.group(1) == "year":
            return previous[:4]
        return previous[:7] if re.match(r"\d{4}-\d{2}", previous) else None
    return None


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


def normalise(text: str, anchor: str | None, tense: str = "past", previous: str | None = None) -> Normalised:
    """The TIMEX3-style value of ``text`` read on the day ``anchor`` (ISO date or None).

    ``tense`` is "past", "present", "future" or "unknown": the tense of the verb
    the expression belongs to, which decides which Friday "Friday" is.
    ``previous`` is the value of the last dated expression before this one in
    the text: "that day", "the next morning" and "ten days later" count from it.
    """
    t = " ".join(text.lower().replace("’", "'").split())
    t = re.sub(r"'s$|[.,]$", "", t)
    # "as soon as Tuesday", "no later than Tuesday": a day still to come
    m = re.fullmatch(r"(?:as soon as|as early as|no later than)\s+((?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?)", t)
    if m:
        return normalise(m.group(1), anchor, "future")
    # clock times: "10:35 a.m.", "9 a.m. EST Tuesday": on the day named, else the anchor's day
    m = re.fullmatch(r"(?:about |around |at |shortly after |shortly before |just after |just before )?(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\.?(?:\s+[a-z]{2,4}t)?(?:,?\s+(?:on\s+)?(\w+))?", t)
    if m and int(m.group(1)) <= 12:
        hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
        day = normalise(m.group(4), anchor, tense).value if m.group(4) else anchor
        if not day or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            return Normalised(None, "time")
        return Normalised(f"{day}T{hour:02d}:{m.group(2) or '00'}", "time")
    while (stripped := _MODIFIER.sub("", t, count=1)) != t:
        t = stripped
    t = re.sub(r"^(?:later|earlier)\s+(today|tonight|this (?:morning|afternoon|evening))$", r"\1", t)
    t = re.sub(r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)$", r"\1", t)
    # "earlier Friday", "early Friday morning", "the early hours of Thursday morning", "the day Friday"
    m = re.fullmatch(r"(?:earlier|early|late|later|day|early hours of|night of|morning of)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?", t)
    if m:
        t = m.group(1)

    t = t.replace("late-", "late ").replace("early-", "early ").replace("mid-", "mid ")
    # "Thursday, Jan. 6": the calendar date says it all
    t = re.sub(rf"^(?:{'|'.join(WEEKDAYS)}),?\s+(?=(?:{_MONTH.lower()})\s+\d|\d{{1,2}}\s+{_MONTH.lower()})", "", t)
    # "last Oct. 23", "next April 5": the direction replaces the tense
    m = re.fullmatch(rf"(last|next|this)\s+((?:{_MONTH.lower()})\s+\d{{1,2}}(?:st|nd|rd|th)?)", t)
    if m:
        return normalise(m.group(2), anchor, {"last": "past", "next": "future"}.get(m.group(1), tense))
    anaphor = _anaphor(t, previous)
    if anaphor:
        return Normalised(anaphor)
    base = dt.date.fromisoformat(anchor) if anchor else None
    m = re.fullmatch(rf"(?:(last|next|this)\s+)?({holidays.PATTERN})(?:,?\s+({_YEAR}))?", t)
    if m and (base or m.group(3)):
        if m.group(3):
            return Normalised(holidays.holiday_on(m.group(2), int(m.group(3))).isoformat())
        days = [holidays.holiday_on(m.group(2), base.year + k).toordinal() for k in (-1, 0, 1)]
        which = {"last": "past", "next": "future"}.get(m.group(1) or "", tense)
        return Normalised(dt.date.fromordinal(_pick(days, base.toordinal(), which, slack=0)).isoformat())
    # "the week of March 6"
    m = re.fullmatch(r"week of (.+)", t)
    if m:
        day = normalise(m.group(1), anchor, tense, previous).value
        if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            return Normalised(_iso_week(dt.date.fromisoformat(day)))
    if t in REFERENCES:
        return Normalised(REFERENCES[t], "ref")
    if t in SETS:
        return Normalised(SETS[t], "set")
    duration = _duration(t)
    if duration:
        return Normalised(duration, "duration")

    full = find_full_date(text)
    if full:
        return Normalised(full)
    m = re.fullmatch(rf"(?:(early|mid|late)[- ])?({_MONTH.lower()})\s*,?\s+({_YEAR})", t)
    if m:
        return Normalised(f"{m.group(3)}-{MONTHS[m.group(2)[:3]]:02d}")
    m = re.fullmatch(rf"(?:(?:early|mid|late)\s+)?({_YEAR})", t)
    if m:
        return Normalised(m.group(1))
    if re.fullmatch(rf"(?:the\s+)?(?:early|mid|late)?\s*{_YEAR}s", t):
        return Normalised(re.search(_YEAR, t).group(0)[:3] + "X")  # a decade, as TempEval-3 writes it
    # month and day, year from the anchor (or from "this year")
    m = re.fullmatch(rf"({_MONTH.lower()})\s+(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?(?:\s+(this|last|next)\s+year)?", t) or re.fullmatch(
        rf"(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH.lower()})", t
    )
    if m:
        if m.group(1)[0].isdigit():
            day, month, which = int(m.group(1)), MONTHS[m.group(2)[:3]], None
        else:
            month, day, which = MONTHS[m.group(1)[:3]], int(m.group(2)), m.group(3)
        if base is None:
            return Normalised(None)
        years = [base.year + {"last": -1, "next": 1}.get(which, 0)] if which else [base.year - 1, base.year, base.year + 1]
        try:
            candidates = [dt.date(year, month, day) for year in years]
        except ValueError:  # "February 30", or February 29 in a year without it
            return Normalised(None)
        if len(candidates) == 1:
            return Normalised(candidates[0].isoformat())
        ordinal = _pick([d.toordinal() for d in candidates], base.toordinal(), tense, slack=30)
        return Normalised(dt.date.fromordinal(ordinal).isoformat())
    # "last November", "next April", "February this year", "early October this year", "April next year"
    m = re.fullmatch(rf"(?:(?:early|mid|late)\s+)?(?:(last|next|this)\s+)?({_MONTH.lower()})(?:\s+(this|last|next)\s+year)?", t)
    if m and (m.group(1) or m.group(3)):
        if base is None:
            return Normalised(None)
        month = MONTHS[m.group(2)[:3]]
        if m.group(3):
            year = base.year + {"this": 0, "last": -1, "next": 1}[m.group(3)]
        elif m.group(1) == "last":
            year = base.year if month < base.month else base.year - 1
        elif m.group(1) == "next":
            year = base.year if month > base.month else base.year + 1
        else:
            year = base.year
        return Normalised(f"{year}-{month:02d}")
    m = re.fullmatch(rf"(?:(?:early|mid|late)\s+)?({_MONTH.lower()})", t)
    # "may" and "march" are words first: only capitalised are they months
    if m and (m.group(1) not in {"may", "march"} or re.search(r"\b(?:May|March)\b", text)):
        if base is None:
            return Normalised(None)
        month = MONTHS[m.group(1)[:3]]
        index = _pick([(base.year + k) * 12 + month - 1 for k in (-1, 0, 1)], base.year * 12 + base.month - 1, tense, slack=0)
        return Normalised(f"{index // 12}-{index % 12 + 1:02d}")
    if base is None:  # every form below is relative: no anchor, no value
        return Normalised(None)
    if t in {"today", "tonight", "this morning", "this afternoon", "this evening", "now"}:
        return Normalised(base.isoformat())
    if t == "yesterday":
        return Normalised((base - dt.timedelta(days=1)).isoformat())
    if t == "tomorrow":
        return Normalised((base + dt.timedelta(days=1)).isoformat())
    m = re.fullmatch(r"(?:(later|earlier|early|late|mid)\s+)?(this|last|next|past|coming)\s+(year|month|week|weekend|spring|summer|autumn|fall|winter)", t)
    if m:
        which, unit = m.group(2), m.group(3)
        delta = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[which]
        if unit == "year":
            return Normalised(str(base.year + delta))
        if unit == "month":
            y, mth = _shift_month(base.year, base.month, delta)
            return Normalised(f"{y}-{mth:02d}")
        if unit in {"week", "weekend"}:
            value = _iso_week(base + dt.timedelta(weeks=delta))
            return Normalised(value + ("-WE" if unit == "weekend" else ""))
        season = SEASONS[unit]
        return Normalised(f"{base.year + delta}-{season}")
    m = re.fullmatch(r"(?:(?:this|last|next|on|since|by|until|from)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", t)
    if m:
        target = WEEKDAYS.index(m.group(1))
        prefix = t.split()[0]
        future = prefix == "next" or (tense in {"future", "present"} and prefix != "last")
        if future:
            delta = (target - base.weekday()) % 7  # "will meet Friday" written on a Friday: that day
            if prefix == "next" and delta == 0:
                delta = 7
            return Normalised((base + dt.timedelta(days=delta)).isoformat())
        delta = (base.weekday() - target) % 7
        if prefix == "last" and delta == 0:
            delta = 7
        return Normalised((base - dt.timedelta(days=delta)).isoformat())
    m = re.fullmatch(r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\s+(day|week|month|year|decade)s?\s+(ago|earlier|before|later|after)", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
        sign = 1 if m.group(3) in {"later", "after"} else -1
        # "ago" counts from the publication day; "ten days later" from the day the story was at
        if m.group(3) != "ago" and previous and _DAY.match(previous):
            base = dt.date.fromisoformat(previous[:10])
        unit = m.group(2)
        if unit == "day":
            return Normalised((base + dt.timedelta(days=sign * n)).isoformat())
        if unit == "week":
            return Normalised(_iso_week(base + dt.timedelta(weeks=sign * n)))
        if unit == "month":
            y, mth = _shift_month(base.year, base.month, sign * n)
            return Normalised(f"{y}-{mth:02d}")
        return Normalised(str(base.year + sign * n * (10 if unit == "decade" else 1)))
    return Normalised(None)


# "planned to leave", "ready to come", "agreed to meet": the infinitive is still to happen
INTENT_WORDS = {"plan", "intend", "expect", "schedule", "ready", "prepare", "hope", "aim", "want", "agree", "decide",
                "set", "due", "go", "seek", "try", "promise", "pledge", "threaten", "vow"}
# "planned a demonstration on Saturday": the thing planned is still to happen
# "postponed until Tuesday", "gave them until Friday": a deadline still to come
DEFERRAL_VERBS = {"postpone", "delay", "adjourn", "defer", "extend", "give", "grant", "have", "wait", "suspend", "recess"}
PLANNING_VERBS = {"plan", "schedule", "arrange", "propose"}
# "a summit set for April", "talks scheduled for Friday": a participle that schedules
SCHEDULING_PARTICIPLES = {"set", "scheduled", "planned", "slated", "due", "expected"}
MODALS = {"would", "might", "may", "'d"}  # "could" too, before a bare verb ("could come")


def tense_of(token) -> str:
    """past | present | future | unknown for the clause a token belongs to (a spaCy token).

    "unknown" (no finite verb, a bare infinitive) lets a date without a year take
    its nearest reading."""
    head, planned = token, False
    for _ in range(6):
        if head.pos_ in {"VERB", "AUX"} or head.dep_ == "ROOT":
            break
        if head.dep_ == "dobj" and head.head.lemma_ in PLANNING_VERBS:
            planned = True
        if head.lower_ in {"until", "till"} and head.head.lemma_ in DEFERRAL_VERBS:
            planned = True
        head = head.head
    words = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
    if words & {"will", "shall", "'ll"} or head.lower_ in {"will"} or planned:
        return "future"
    # "could come as early as Tuesday", "would be held on April 24": a modal looks forward
    # from the time of the report, unless it looks back ("would have been")
    if (words & MODALS or (head.tag_ == "VB" and "could" in words)) and "have" not in words:
        return "future"
    if head.tag_ == "VB" and "to" in words and head.head.lemma_ in INTENT_WORDS:
        return "future"
    if head.tag_ == "VBG" and words & {"be"} and any(c.lower_ in {"would", "will"} for c in head.children):
        return "future"
    if head.lower_ in {"set", "planned"} and words & {"is", "are", "am"}:
        return "future"  # "talks are set for April 24"
    if head.lower_ in SCHEDULING_PARTICIPLES:
        if head.dep_ == "acl" and tense_of(head.head) != "past":
            return "future"  # "a summit set for April"; not "a service planned for Saturday was canceled"
        if words & {"was", "were"}:
            return "unknown"  # "was planned for early March": the plan is past, its date may not be
    if head.lower_ in {"scheduled", "expected", "due", "plans", "going", "slated"} or any(
        c.lower_ in {"scheduled", "expected", "due"} for c in head.children
    ):
        return "future"
    if head.tag_ == "VBN" and words & {"is", "are", "am"} and not words & {"has", "have", "had"}:
        return "present"  # "the case is heard in May"
    if head.tag_ in {"VBD", "VBN"} or words & {"was", "were", "had", "did", "has", "have"}:
        return "past"
    if head.tag_ in {"VBZ", "VBP"}:
        return "present"
    if head.tag_ == "VBG" and words & {"is", "are", "am"}:
        return "future"  # "is visiting on Friday": planned
    return "unknown"


# "the 30th anniversary" is an ordinal, not a date
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
        if result.value and CALENDAR.match(result.value):
            previous = result.value
        listed = re.fullmatch(rf"({_MONTH})\s+\d{{1,2}}", surface, re.I)
        month_before = listed.group(1) if listed and text[end:end + 5].startswith(" and ") else None
        if result.value is None and not _relative(surface):
            result = _fallback(surface, anchor)
        kind = result.kind
        if _NOT_DATES.search(surface) and result.value is None or (re.fullmatch(r"\d{1,2}", surface) and result.value is None):
            continue
        out.append(TimeExpression(start, end, surface, result.value, kind))
    return out


# a value on the calendar: "1998", "1998-10", "1998-10-23", "1998-10-23T06:00"
CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T|$)")
# "between now and Feb. 10": the connective words belong to neither end
_EDGE_WORDS = re.compile(r"^(?:between|from)\s+|[\s:;,]+$|\s+(?:and|or|to)$", re.I)


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


_LIST_ITEM = re.compile(rf"{_YEAR}|(?:{_MONTH}\s+)?\b\d{{1,2}}\b(?!\d)", re.I)


def _split_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "1994, 1995 and 1997", "April 24 and 25": one expression per item."""
    surface = text[start:end]
    if not re.search(r",|\band\b|\bto\b|\bthrough\b|[-–]", surface):
        return [(start, end)]
    years = list(re.finditer(_YEAR, surface))
    if len(years) > 1 and not re.search(_MONTH, surface, re.I):
        return [(start + m.start(), start + m.end()) for m in years]
    m = re.fullmatch(rf"(.*?)({_MONTH}\s+\d{{1,2}})\s+and\s+(\d{{1,2}})\b(.*)", surface, re.I | re.S)
    if m and not m.group(4).strip():
        first = start + m.start(2)
        second = start + m.start(3)
        return [(first, start + m.end(2)), (second, start + m.end(3))]
    return [(start, end)]


def _relative(surface: str) -> bool:
    return bool(re.search(r"(?i)\b(?:this|last|next|ago|today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|later|earlier)\b", surface))


def _fallback(surface: str, anchor: str | None) -> Normalised:
    """Absolute dates in forms the rules above do not know, through dateparser."""
    if not re.search(_YEAR, surface):
        return Normalised(None)
    import dateparser

    parsed = dateparser.parse(surface, languages=["en"], settings={"STRICT_PARSING": False, "REQUIRE_PARTS": ["year"], "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return Normalised(None)
    if re.search(r"\d{1,2}", re.sub(_YEAR, "", surface)) and re.search(_MONTH, surface, re.I):
        return Normalised(parsed.date().isoformat())
    if re.search(_MONTH, surface, re.I):
        return Normalised(f"{parsed.year}-{parsed.month:02d}")
    return Normalised(str(parsed.year))


@component("times")
def annotate_times(doc: Document, parsed) -> None:
    doc.times = [t for t in find_times(doc.body, parsed, doc.published) if t.kind == "date"]
