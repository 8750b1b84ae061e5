"""kill -9 an ingest at random points, re-run it, and check the database.

    PYTHONPATH=src python benchmarks/kill_ingest.py [--docs N] [--kills 5] [--seed 1]

Ingests the ECB+ documents (../shared/bench/ecbplus/docs; the first N with --docs)
into a fresh SQLite file, killing `dyads ingest` with SIGKILL at --kills random
moments, then runs it once more to the end. Prints, after every step, how many
documents are stored; at the end `PRAGMA integrity_check`, and whether every
input document is stored exactly once with exactly the facts its stored JSON
lists (no half-written document, nothing written twice). Exit status 1 if not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "bench" / "ecbplus" / "docs"


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=0, help="only the first N documents (0: all)")
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--earliest", type=float, default=5.0, help="seconds after start of the earliest kill")
    parser.add_argument("--latest", type=float, default=40.0, help="seconds after start of the latest kill")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="dyads-kill-"))
    corpus = work / "docs"
    corpus.mkdir()
    files = sorted(ECB.glob("*.txt"))[: args.docs or None]
    for f in files:
        shutil.copy(f, corpus / f.name)
    db = work / "kill.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "dyads.cli", "ingest", str(corpus), "--db", str(db)]
    if not (ROOT / "src" / "dyads" / "__main__.py").exists():
        command = [shutil.which("dyads") or str(Path(sys.executable).parent / "dyads"), *command[3:]]
    print(f"{len(files)} documents, database {db}")
    for k in range(args.kills):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = rng.uniform(args.earliest, args.latest)
        try:
            process.wait(delay)
            print(f"run {k + 1}: finished before its kill at {delay:.1f} s; {stored(db)} stored")
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            print(f"run {k + 1}: killed -9 after {delay:.1f} s; {stored(db)} stored")
    started = time.monotonic()
    final = subprocess.run(command, env=env, capture_output=True, text=True)
    print(f"re-run: exit {final.returncode} in {time.monotonic() - started:.0f} s: {final.stdout.strip().splitlines()[-1] if final.stdout.strip() else final.stderr[-300:]}")
    ok = True
    with sqlite3.connect(db) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        print(f"PRAGMA integrity_check: {integrity}")
        ok &= integrity == "ok"
        count = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        distinct_sources = conn.execute("SELECT count(DISTINCT source) FROM documents").fetchone()[0]
        print(f"documents stored: {count} (distinct sources {distinct_sources}) of {len(files)} files")
        ok &= count == distinct_sources
        mismatched = 0
        for doc_id, contract in conn.execute("SELECT id, contract FROM documents"):
            data = json.loads(contract)
            want = {
                "mentions": sum(len(e["mentions"]) for e in data["entities"]),
                "events": len(data["events"]),
                "quotes": len(data["quotes"]),
                "times": len(data["times"]),
            }
            for table, expected in want.items():
                got = conn.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", (doc_id,)).fetchone()[0]
                if got != expected:
                    mismatched += 1
                    print(f"  {doc_id}: {table} {got} rows, its JSON lists {expected}")
        print(f"documents whose stored facts differ from their JSON: {mismatched}")
        ok &= mismatched == 0
    failed_line = final.stdout.strip().splitlines()[-1] if final.stdout.strip() else ""
    print("OK: every document stored exactly once" if ok else "NOT OK")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if ok and "failed 0" in failed_line else 1


if __name__ == "__main__":
    sys.exit(main())
