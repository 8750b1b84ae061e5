"""Named days: the date a holiday falls on in a given year.

Only holidays whose name fixes the date wherever the news is written: a table
of calendar days plus the few computed ones (Easter through dateutil,
Thanksgiving as the fourth Thursday of November). Names that depend on the
country ("Independence Day", "Labor Day", "Election Day") are left out on
purpose: without knowing whose, a date would be a guess. The `holidays`
package resolves days per country, but news names these days without one, so
this short table is written here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateutil.easter import easter


def _fixed(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda year: dt.date(year, month, day)


def _nth_weekday(month: int, weekday: int, n: int) -> Callable[[int], dt.date]:
    def on(year: int) -> dt.date:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))

    return on


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "new year's day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "boxing day": _fixed(12, 26),
    "valentine's day": _fixed(2, 14),
    "halloween": _fixed(10, 31),
    "may day": _fixed(5, 1),
    "international women's day": _fixed(3, 8),
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda year: easter(year) - dt.timedelta(days=2),
    "easter monday": lambda year: easter(year) + dt.timedelta(days=1),
    "thanksgiving": _nth_weekday(11, 3, 4),
    "thanksgiving day": _nth_weekday(11, 3, 4),
}

PATTERN = r"\b(?:" + "|".join(sorted((re.escape(name).replace("'", "['’]") for name in HOLIDAYS), key=len, reverse=True)) + r")\b"


def holiday_on(name: str, year: int) -> dt.date | None:
    """The date of holiday ``name`` (any case) in ``year``, or None for a name not in the table."""
    rule = HOLIDAYS.get(" ".join(name.lower().replace("’", "'").split()))
    return rule(year) if rule else None
