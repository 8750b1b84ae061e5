"""`dyads process` and `dyads ingest` + the store give the same answer, with 1 and 2 workers.

    PYTHONPATH=src python benchmarks/process_vs_ingest.py [folders ...]

Default folders: ../shared/corpus/seeds and ../shared/corpus/dev. For each of
DYADS_WORKERS=1 and 2, runs `dyads process` (JSON lines) and `dyads ingest` into a
fresh SQLite file, then compares, document by document, the entity ids, the
events (type, actors, participants, date, evidence, event key) and the story.
Prints the number of documents compared and every difference; exit 1 if any.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DYADS = str(Path(sys.executable).parent / "dyads")


def summary(doc: dict) -> dict:
    return {
        "entities": sorted(e["id"] for e in doc["entities"]),
        "events": sorted((e["type"], tuple(e["actors"]), tuple(e["actor"]), tuple(e["recipient"]), e["date"] or "",
                          tuple(e["evidence"]), e["key"] or "") for e in doc["events"]),
        "story": doc["story"],
    }


def run(folders: list[str], workers: int) -> tuple[dict, dict]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DYADS_WORKERS": str(workers)}
    printed = subprocess.run([DYADS, "process", *folders], env=env, capture_output=True, text=True, check=False).stdout
    processed = {d["id"]: summary(d) for d in map(json.loads, printed.splitlines())}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "eq.db")
        subprocess.run([DYADS, "ingest", *folders, "--db", db], env=env, capture_output=True, text=True, check=False)
        sys.path.insert(0, str(ROOT / "src"))
        from dyads.store.database import Store

        stored = {d["id"]: summary(d) for d in Store(db).documents()}
    return processed, stored


def main() -> int:
    folders = sys.argv[1:] or [str(ROOT.parent / "shared" / "corpus" / "seeds"), str(ROOT.parent / "shared" / "corpus" / "dev")]
    results = {}
    for workers in (1, 2):
        results[f"process -w{workers}"], results[f"ingest -w{workers}"] = run(folders, workers)
    reference_name = "process -w1"
    reference = results[reference_name]
    differences = 0
    for name, docs in results.items():
        if set(docs) != set(reference):
            print(f"{name}: documents differ: {len(set(docs) ^ set(reference))}")
            differences += 1
        for doc_id in sorted(set(docs) & set(reference)):
            for part in ("entities", "events", "story"):
                if docs[doc_id][part] != reference[doc_id][part]:
                    differences += 1
                    print(f"{name} vs {reference_name}: {doc_id} {part} differ")
        print(f"{name}: {len(docs)} documents")
    print("same entities, events and stories in all four runs" if not differences else f"{differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
