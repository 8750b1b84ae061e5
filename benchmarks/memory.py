"""Peak memory of `dyads ingest` on a stream of generated short articles (one JSONL file).

    nice python benchmarks/memory.py [--sizes 1000 10000 100000] [--max-minutes M] [--dir DIR]

Writes max(sizes) distinct generated articles (a few sentences each: states
meeting, ministers visiting, statements quoted) to one JSONL file and runs
`dyads ingest FILE` on a new SQLite database in a child process. While it runs,
the child's peak resident memory (VmHWM) and the number of stored documents are
read every second; the peak is printed when the count passes each size, with the
growth per 1,000 documents. With --max-minutes the run stops there and reports
what it reached. Then the same ingest is started again on the same database, to
show how a resumed run skips the stored documents.
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


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _stored(db_file: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def ingest(corpus: Path, db_file: Path, sizes: list[int], max_seconds: float | None) -> list[tuple[int, float, float]]:
    """Run `dyads ingest`; (documents stored, peak RSS MB, seconds) each time the count passes a size."""
    started = time.perf_counter()
    child = subprocess.Popen([str(Path(sys.executable).parent / "dyads"), "ingest", str(corpus), "--db", f"sqlite:///{db_file}"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    marks: list[tuple[int, float, float]] = []
    pending = sorted(sizes)
    peak, count = 0.0, 0
    while child.poll() is None:
        time.sleep(1)
        peak = max(peak, _peak_mb(child.pid))
        count = _stored(db_file)
        elapsed = time.perf_counter() - started
        while pending and count >= pending[0]:
            marks.append((pending.pop(0), peak, elapsed))
            _report(marks)
        if max_seconds and elapsed > max_seconds:
            child.terminate()
            child.wait()
            marks.append((count, peak, elapsed))
            print(f"stopped after {elapsed / 60:.0f} minutes at {count} documents", flush=True)
            _report(marks)
            return marks
    output = child.stdout.read()
    elapsed = time.perf_counter() - started
    print(f"  dyads ingest: {output.strip().splitlines()[-1] if output.strip() else '(no output)'}", flush=True)
    if child.returncode not in (0, 1):
        raise SystemExit(f"dyads ingest failed ({child.returncode}):\n{output[-3000:]}")
    count = _stored(db_file)
    for size in pending:
        if count >= size:
            marks.append((size, peak, elapsed))
            _report(marks)
    return marks


def _report(marks: list[tuple[int, float, float]]) -> None:
    size, peak, seconds = marks[-1]
    line = f"{size:>7} docs  peak RSS {peak:7.0f} MB  {seconds:7.0f} s  {size / max(seconds, 1e-9):6.1f} docs/s"
    if len(marks) > 1:
        n0, p0, _ = marks[0]
        line += f"   growth since {n0}: {(peak - p0) / max(size - n0, 1) * 1000:.2f} MB per 1,000 documents"
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--max-minutes", type=float, default=None, help="stop the ingest after this long and report what it reached")
    parser.add_argument("--dir", default=None, help="where the corpus and the database go (default: a temporary folder)")
    args = parser.parse_args()
    folder = Path(args.dir or tempfile.mkdtemp(prefix="dyads-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    size = max(args.sizes)
    corpus, db_file = folder / f"generated-{size}.jsonl", folder / f"generated-{size}.db"
    write_corpus(corpus, size)
    if db_file.exists():
        db_file.unlink()
    print(f"dyads ingest of {size} generated articles ({corpus.stat().st_size / 1e6:.1f} MB of JSONL)", flush=True)
    ingest(corpus, db_file, args.sizes, args.max_minutes * 60 if args.max_minutes else None)
    stored = _stored(db_file)
    # the articles stored so far (ingest stores them in file order): a resumed run skips every one
    done = folder / "stored-part.jsonl"
    with corpus.open(encoding="utf-8") as full, done.open("w", encoding="utf-8") as part:
        for _, line in zip(range(stored), full):
            part.write(line)
    print(f"resuming: ingest of the first {stored} articles again, into the database that holds them", flush=True)
    started = time.perf_counter()
    ingest(done, db_file, [], None)
    print(f"  resumed run took {time.perf_counter() - started:.0f} s for {stored} already stored documents", flush=True)


if __name__ == "__main__":
    main()
