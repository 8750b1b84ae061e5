"""Feed many generated hostile documents through `annotate` and report the slowest.

    PYTHONPATH=src python benchmarks/robustness.py --count 10000 [--seed 1]

Documents are built from random fragments of the kinds the robustness issue (#12)
names: verbless headlines with (possibly impossible) dates, agenda tables, lists,
nested brackets, unclosed quotes, control characters, mixed scripts and long
lines. Prints how many were annotated, how many failed (with the reasons), and
the slowest documents' times. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from dyads.ingest.clean import clean
from dyads.model import RawDocument, content_id
from dyads.annotate.pipeline import Annotator, Failure
from dyads.settings import Settings

STATES = ["Kazakhstan", "China", "Armenia", "Azerbaijan", "Russia", "the United States", "Türkiye", "Iran"]
ADJECTIVES = ["Kazakh", "Chinese", "Armenian", "Russian", "American", "Uzbek"]
OFFICES = ["President", "Foreign Minister", "Prime Minister", "Deputy Prime Minister", "Ambassador"]
NAMES = ["Aigerim Bekova", "Li Wen", "Anna Petrosyan", "Иван Петров", "Мария Смирнова", "محمد علي", "王小明", "Jean-Luc d'Arcy"]
MONTHS = ["January", "March", "May", "July", "September", "December", "Feb.", "Sept"]
NOUNS = ["state visit", "talks", "summit", "meeting", "agreement", "consultations"]
CONTROLS = "\x00\x01\x07\x0b\x0c\x1b\x7f\u200b\u2028\ufeff\r\t"


def fragment(r: random.Random) -> str:
    date = r.choice([f"{r.randint(0, 40)} {r.choice(MONTHS)} {r.randint(1890, 2100)}",
                     f"{r.randint(1990, 2030)}-{r.randint(0, 14):02d}-{r.randint(0, 40):02d}"])
    person = f"{r.choice(OFFICES)} {r.choice(NAMES)}"
    kind = r.randrange(9)
    if kind == 0:
        return f"{r.choice(ADJECTIVES)} {r.choice(OFFICES)}'s {r.choice(NOUNS)} to {r.choice(STATES)} on {date}"
    if kind == 1:
        return f"{r.choice(NOUNS).capitalize()} between {r.choice(STATES)} and {r.choice(STATES)} on {date}."
    if kind == 2:
        return "\n".join(f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d} | {person} | {r.choice(STATES)}" for _ in range(r.randint(1, 15)))
    if kind == 3:
        return "\n".join(f"- {r.choice(NOUNS)} with {r.choice(STATES)} ({date})" for _ in range(r.randint(1, 30)))
    if kind == 4:
        depth = r.randint(1, 40)
        return "([{" * depth + f"{person} in {r.choice(STATES)}" + ")]}" * depth
    if kind == 5:
        return f'{person} said: "{r.choice(STATES)} will sign the treaty on {date}'
    if kind == 6:
        return "".join(r.choice(CONTROLS) if r.random() < 0.2 else c for c in f"{person} met {r.choice(NAMES)} in {r.choice(STATES)}.")
    if kind == 7:
        return f"{person} встретился с {r.choice(NAMES)} في {r.choice(STATES)} 会谈 {date}"
    return (f"{r.choice(STATES)} and {r.choice(STATES)} " * r.randint(10, 400)).strip()  # one long line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--progress", type=int, default=500, help="print a progress line every N documents")
    args = parser.parse_args()
    r = random.Random(args.seed)
    annotator = Annotator(Settings.from_env())
    annotator.warm_up()  # loading the model and the tables is not a document's time
    times: list[tuple[float, str]] = []
    reasons: Counter = Counter()
    refused = 0
    started = time.monotonic()
    for n in range(args.count):
        text = "\n\n".join(fragment(r) for _ in range(r.randint(1, 8)))
        raw = RawDocument(source=f"generated/{n}", id=content_id(text), text=text, published="2024-05-10")
        t0 = time.monotonic()
        try:
            doc = clean(raw)
        except ValueError:
            refused += 1
            continue
        if not doc.body.strip():
            refused += 1
            continue
        result = annotator.annotate_one(doc)
        times.append((time.monotonic() - t0, f"{raw.source} ({len(text)} chars)"))
        if isinstance(result, Failure):
            reasons[result.reason.split(":")[0]] += 1
            print(f"  failed: {raw.source} ({len(text)} chars): {result.reason[:200]}", flush=True)
        if args.progress and (n + 1) % args.progress == 0 and times:  # a long run interrupted still reports
            slowest = max(times)
            print(f"  {n + 1} documents in {time.monotonic() - started:.0f} s; slowest so far {slowest[0]:.2f} s {slowest[1]}; "
                  f"failed {sum(reasons.values())}", flush=True)
    total = time.monotonic() - started
    times.sort(reverse=True)
    print(f"documents: {args.count}, annotated: {len(times) - sum(reasons.values())}, failed: {sum(reasons.values())}, "
          f"refused by cleaning: {refused}, total {total:.1f} s")
    for reason, count in reasons.most_common():
        print(f"  failed {count}: {reason}")
    print("slowest: " + ", ".join(f"{t:.2f} s {where}" for t, where in times[:5]))
    if times:
        print(f"median {times[len(times) // 2][0]:.3f} s")


if __name__ == "__main__":
    main()
