"""Story clustering against ECB+ gold stories: pairwise and B-cubed P/R/F1.

    python benchmarks/stories.py [--workers N] [--cache FILE] [--limit-topics N]

Reads ../shared/bench/ecbplus/docs and stories.json (86 gold stories: 43 topics,
each with two different events of the same kind). Every document goes through
the real pipeline (clean, annotate, consolidate), in file order, as an
incremental ingest would see them. --cache keeps the annotated documents in a
pickle so that re-runs only repeat the clustering.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import time
from pathlib import Path

from dyads.consolidate import Consolidator
from dyads.pipeline import Annotator, Failure, read_and_clean
from dyads.settings import Settings

ECBPLUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "ecbplus"


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    docs = sorted(gold)
    pred_pairs = {(a, b) for a, b in itertools.combinations(docs, 2) if predicted[a] == predicted[b]}
    gold_pairs = {(a, b) for a, b in itertools.combinations(docs, 2) if gold[a] == gold[b]}
    return _prf(len(pred_pairs & gold_pairs), len(pred_pairs), len(gold_pairs))


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for doc in gold:
        by_pred.setdefault(predicted[doc], set()).add(doc)
        by_gold.setdefault(gold[doc], set()).add(doc)
    precision = recall = 0.0
    for doc in gold:
        mine, truth = by_pred[predicted[doc]], by_gold[gold[doc]]
        overlap = len(mine & truth)
        precision += overlap / len(mine)
        recall += overlap / len(truth)
    n = len(gold)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def annotate(files: list[Path], workers: int):
    settings = Settings.from_env(workers=workers)
    docs = [d for d in read_and_clean([str(f) for f in files], settings) if not isinstance(d, Failure)]
    return list(Annotator(settings).pipe(docs, workers=workers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", default=str(ECBPLUS))
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--cache", help="pickle of annotated documents (written if missing)")
    parser.add_argument("--limit-topics", type=int, default=0, help="only the first N topics")
    parser.add_argument("--errors", action="store_true", help="list the worst merged and split gold stories")
    args = parser.parse_args()
    folder = Path(args.folder)
    import json

    stories = json.loads((folder / "stories.json").read_text())["stories"]
    gold = {name: f"s{i}" for i, members in enumerate(stories) for name in members}
    files = sorted(folder.glob("docs/*.txt"), key=lambda f: (int(f.name.split("_")[0]), f.name))
    if args.limit_topics:
        topics = sorted({int(f.name.split("_")[0]) for f in files})[: args.limit_topics]
        files = [f for f in files if int(f.name.split("_")[0]) in topics]
    files = [f for f in files if f.name in gold]

    started = time.perf_counter()
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        annotated = pickle.loads(cache.read_bytes())
    else:
        annotated = annotate(files, args.workers)
        if cache:
            cache.write_bytes(pickle.dumps(annotated))
    annotate_time = time.perf_counter() - started

    started = time.perf_counter()
    Consolidator().add_all(annotated)
    cluster_time = time.perf_counter() - started

    predicted = {Path(d.source).name: d.story for d in annotated}
    gold = {name: story for name, story in gold.items() if name in predicted}
    pp, pr, pf = pairwise(predicted, gold)
    bp, br, bf = bcubed(predicted, gold)
    print(f"{len(gold)} documents, {len(set(gold.values()))} gold stories, {len(set(predicted.values()))} predicted")
    print(f"pairwise  P {pp:.3f}  R {pr:.3f}  F1 {pf:.3f}")
    print(f"B-cubed   P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}")
    print(f"time      annotate {annotate_time:.1f} s, cluster {cluster_time:.2f} s")
    if args.errors:
        _errors(predicted, gold)


def _errors(predicted: dict[str, str], gold: dict[str, str]) -> None:
    by_pred: dict[str, list[str]] = {}
    for doc, story in predicted.items():
        by_pred.setdefault(story, []).append(doc)
    print("\npredicted stories mixing gold stories:")
    for members in by_pred.values():
        golds = {gold[d] for d in members}
        if len(golds) > 1:
            print("  ", sorted(members))


if __name__ == "__main__":
    main()
