"""Peak memory of `dyads ingest` on a stream of generated short articles (one JSONL file).

    nice python benchmarks/memory.py [--sizes 1000 10000 100000] [--db-dir DIR]

For each size, writes that many distinct generated articles (a few sentences each:
states meeting, ministers visiting, statements quoted) to a JSONL file, runs
`dyads ingest FILE` on a new SQLite database in a child process, and prints the
child's peak resident memory (from wait4's rusage), its time, and the growth of
the peak per 1,000 documents against the smallest size. Then it runs the same
ingest again to show that a resumed run skips the stored documents cheaply.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Made-up names, so that generated articles cannot echo any real corpus; the states
# are real ISO codes so that the gazetteer finds them.
STATES = ["Kazakhstan", "China", "Russia", "France", "Germany", "Brazil", "India", "Japan", "Turkey", "Egypt",
          "Kenya", "Mexico", "Canada", "Poland", "Vietnam", "Chile", "Nigeria", "Spain", "Italy", "Indonesia"]
GIVEN = ["Amara", "Bako", "Celin", "Dario", "Elif", "Farid", "Galen", "Hana", "Ilya", "Jora", "Kemal", "Lior"]
FAMILY = ["Ostrand", "Velikan", "Marsh", "Okonta", "Tereshko", "Lindqvist", "Amadu", "Serrat", "Holm", "Nakara",
          "Brevik", "Castell", "Dunmore", "Ferrow", "Galeano", "Hartwell"]
OFFICES = ["Foreign Minister", "President", "Prime Minister", "Defence Minister", "Trade Minister"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def article(rng: random.Random, number: int) -> dict:
    a, b = rng.sample(STATES, 2)
    person = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    host = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    office = rng.choice(OFFICES)
    month, day, year = rng.randrange(12), rng.randint(1, 28), rng.randint(2015, 2025)
    topic = rng.choice(["trade", "energy", "transport links", "border security", "water use", "grain exports"])
    text = (
        f"{a} and {b} discuss {topic}\n"
        f"{a}'s {office} {person} met {b}'s {rng.choice(OFFICES)} {host} on {MONTHS[month]} {day}, {year}, "
        f"the ministry said in statement number {number}.\n"
        f"The two sides agreed to expand cooperation on {topic} and to meet again next year.\n"
        f"\u201cWe have made real progress on {topic},\u201d {person} told reporters after the talks.\n"
        f"{b} has criticised {a} over its {topic} policy in the past."
    )
    return {"text": text, "published": f"{year}-{month + 1:02d}-{min(day + 1, 28):02d}", "outlet": "Generated Wire",
            "url": f"https://example.org/generated/{number}"}


def write_corpus(path: Path, size: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(size):
            out.write(json.dumps(article(rng, number)) + "\n")


def ingest(corpus: Path, db: str) -> tuple[float, float, str]:
    """Run `dyads ingest` in a child; its peak RSS in MB, seconds, and its last output line."""
    started = time.perf_counter()
    child = subprocess.Popen([str(Path(sys.executable).parent / "dyads"), "ingest", str(corpus), "--db", db],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    last = output.strip().splitlines()[-1] if output.strip() else ""
    if child.returncode not in (0, 1):
        raise SystemExit(f"dyads ingest failed ({child.returncode}):\n{output[-3000:]}")
    return usage.ru_maxrss / 1024, elapsed, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--dir", default=None, help="where the corpora and databases go (default: a temporary folder)")
    args = parser.parse_args()
    folder = Path(args.dir or tempfile.mkdtemp(prefix="dyads-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for size in sorted(args.sizes):
        corpus = folder / f"generated-{size}.jsonl"
        write_corpus(corpus, size)
        db = f"sqlite:///{folder / f'generated-{size}.db'}"
        peak, seconds, last = ingest(corpus, db)
        results.append((size, peak))
        print(f"{size:>7} docs  peak RSS {peak:7.0f} MB  {seconds:7.0f} s  {size / seconds:6.1f} docs/s  | {last}", flush=True)
        if len(results) > 1:
            (n0, p0), (n1, p1) = results[0], results[-1]
            print(f"         growth of the peak: {(p1 - p0) / (n1 - n0) * 1000:.2f} MB per 1,000 documents", flush=True)
    size = sorted(args.sizes)[-1]
    peak, seconds, last = ingest(folder / f"generated-{size}.jsonl", f"sqlite:///{folder / f'generated-{size}.db'}")
    print(f"resumed {size} docs (all stored)  peak RSS {peak:.0f} MB  {seconds:.0f} s  | {last}", flush=True)


if __name__ == "__main__":
    main()
