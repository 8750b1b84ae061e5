"""Per-type recall of the event layer on the project's own PLOVER sentences (tests/data/plover_sentences.tsv).

A sentence counts as found when an event of its type names exactly its two parties (in order, for a
directed "A>B"; as a set, for "A+B"). Run: PYTHONPATH=src python tools/plover_recall.py [--misses]
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SENTENCES = Path(__file__).resolve().parents[1] / "tests" / "data" / "plover_sentences.tsv"
PUBLISHED = "2025-03-03"


@dataclass(frozen=True)
class Case:
    type: str
    frame: str
    parties: tuple[str, ...]
    directed: bool
    text: str


def read_cases(path: Path = SENTENCES) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        event_type, frame, parties, text = line.split("\t")
        directed = ">" in parties
        cases.append(Case(event_type, frame, tuple(parties.replace(">", "+").split("+")), directed, text))
    return cases


def found(case: Case, events) -> bool:
    for event in events:
        if event.type != case.type:
            continue
        if (tuple(event.actors) == case.parties) if case.directed else (set(event.actors) == set(case.parties)):
            return True
    return False


def recall_by_type(results: list[tuple[Case, bool]]) -> dict[str, tuple[int, int]]:
    total, hit = Counter(), Counter()
    for case, ok in results:
        total[case.type] += 1
        hit[case.type] += ok
    return {t: (hit[t], total[t]) for t in sorted(total)}


def main() -> None:
    from dyads.ingest.clean import clean
    from dyads.model import RawDocument, content_id
    from dyads.annotate.pipeline import Annotator
    from dyads.settings import Settings

    annotate = Annotator(Settings())
    results = []
    for case in read_cases():
        doc = annotate(clean(RawDocument(source="<sentence>", id=content_id(case.text), text=case.text, published=PUBLISHED)))
        ok = found(case, doc.events)
        results.append((case, ok))
        if not ok and "--misses" in sys.argv:
            print(f"MISS {case.type:9} {case.frame:12} {'>'.join(case.parties)}  {case.text}\n"
                  f"     got {[(e.type, e.actors, e.trigger) for e in doc.events]}")
    hits = 0
    for event_type, (hit, total) in recall_by_type(results).items():
        hits += hit
        print(f"{event_type:10} {hit}/{total}  recall {hit / total:.2f}")
    print(f"{'all':10} {hits}/{len(results)}  recall {hits / len(results):.2f}")


if __name__ == "__main__":
    main()
