"""Geometry of the drawings: where each event sits on the timeline, where each actor sits in the graph.

Computed here in Python and drawn by the templates as inline SVG, so pages need
no chart library and no build step. Coordinates are in SVG user units.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from dyads.store.records import EventRecord

PLOVER_RANGE = 10.0  # PLOVER scores run from -10 (most conflictual) to +10 (most cooperative)


@dataclass
class Point:
    x: float
    y: float
    r: float
    record: EventRecord
    kind: str  # cooperation | conflict | neutral


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class TimelineChart:
    width: int
    height: int
    zero: float  # y of score 0
    left: int
    right: int
    points: list[Point]
    ticks: list[Tick]
    undated: list[EventRecord]


def _day(value: str) -> datetime.date | None:
    """A date of any precision as a day: a month at its 15th, a year at 1 July."""
    try:
        if len(value) == 4:
            return datetime.date(int(value), 7, 1)
        if len(value) == 7:
            return datetime.date(int(value[:4]), int(value[5:7]), 15)
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def timeline_chart(records: list[EventRecord], width: int = 960, height: int = 320) -> TimelineChart:
    left, right, top, bottom = 48, width - 16, 16, height - 28
    zero = (top + bottom) / 2
    placed = [(r, _day(r.placed_on)) for r in records if r.placed_on]
    dated = [(r, d) for r, d in placed if d is not None]
    undated = [r for r in records if not r.placed_on or _day(r.placed_on) is None]
    points: list[Point] = []
    ticks: list[Tick] = []
    if dated:
        first = min(d for _, d in dated).toordinal()
        last = max(d for _, d in dated).toordinal()
        span = max(last - first, 1)
        pad = span * 0.03 if last > first else 30
        lo, hi = first - pad, last + pad

        def x_of(day: datetime.date) -> float:
            return round(left + (day.toordinal() - lo) / (hi - lo) * (right - left), 1)

        same_spot: dict[tuple[float, float], int] = {}
        for record, day in dated:
            score = max(-PLOVER_RANGE, min(PLOVER_RANGE, record.score or 0.0))
            x = x_of(day)
            y = round(zero - score / PLOVER_RANGE * (zero - top), 1)
            stacked = same_spot.get((x, y), 0)  # events on one day with one score: stack them
            same_spot[(x, y)] = stacked + 1
            y += -9 * stacked if score >= 0 else 9 * stacked
            kind = "cooperation" if score > 0 else "conflict" if score < 0 else "neutral"
            points.append(Point(x, y, round(4 + 2 * math.log2(max(1, record.num_articles)), 1), record, kind))
        years = range(datetime.date.fromordinal(int(lo)).year, datetime.date.fromordinal(int(hi)).year + 2)
        ticks = [Tick(x_of(datetime.date(y, 1, 1)), str(y)) for y in years if lo <= datetime.date(y, 1, 1).toordinal() <= hi]
        if len(ticks) < 2:  # less than a year: months
            months = []
            day = datetime.date.fromordinal(int(lo)).replace(day=1)
            while day.toordinal() <= hi:
                if day.toordinal() >= lo:
                    months.append(Tick(x_of(day), day.isoformat()[:7]))
                day = (day + datetime.timedelta(days=32)).replace(day=1)
            ticks = months[:: max(1, len(months) // 8)]
    return TimelineChart(width, height, zero, left, right, points, ticks, undated)


@dataclass
class Node:
    id: str
    label: str
    events: int
    x: float
    y: float
    r: float


@dataclass
class Line:
    source: Node
    target: Node
    events: int
    tone: float
    width: float
    kind: str


def graph_layout(nodes: list[dict], edges: list, size: int = 640) -> tuple[list[Node], list[Line]]:
    """Actors on a circle, the busiest first; edges as lines as wide as their event count."""
    centre, radius = size / 2, size / 2 - 70
    most = max((n["events"] for n in nodes), default=1)
    placed: dict[str, Node] = {}
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        placed[n["id"]] = Node(n["id"], n["label"], n["events"], round(centre + radius * math.cos(angle), 1),
                               round(centre + radius * math.sin(angle), 1), round(6 + 14 * math.sqrt(n["events"] / most), 1))
    heaviest = max((e.events for e in edges), default=1)
    lines = [
        Line(placed[e.source], placed[e.target], e.events, e.tone, round(1 + 7 * e.events / heaviest, 1),
             "cooperation" if e.tone > 0 else "conflict" if e.tone < 0 else "neutral")
        for e in edges if e.source in placed and e.target in placed
    ]
    return list(placed.values()), lines
