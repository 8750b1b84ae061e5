"""Story clustering against gold stories: pairwise and B-cubed P/R/F1.

    python benchmarks/stories.py [--workers N] [--cache FILE] [--limit-topics N] [--topics] [--no-dev]

Reads ../shared/bench/ecbplus/docs and stories.json (86 gold stories: 43 topics,
each with two different events of the same kind). Every document goes through
the real pipeline (clean, annotate, consolidate), in file order, as an
incremental ingest would see them. --cache keeps the annotated documents in a
pickle so that re-runs only repeat the clustering. Within a topic every article
shares the vocabulary, so the pair precision of each topic (--topics lists
them; the summary gives their mean and the worst) says whether two events of
one kind are kept apart.

Then the same on ../shared/corpus/dev against the story pairs of
../shared/gold/dev.json (66 articles of overlapping topics, 18 same-event pairs).
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import time
from pathlib import Path

from dyads.corpus.consolidate import Consolidator
from dyads.annotate.pipeline import Annotator, Failure, read_and_clean
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


def topic_precision(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pair precision within each ECB+ topic (the number before the underscore); topics without a
    predicted pair are left out."""
    out = {}
    for topic in sorted({d.split("_")[0] for d in gold}, key=int):
        docs = sorted(d for d in gold if d.split("_")[0] == topic)
        pairs = [(a, b) for a, b in itertools.combinations(docs, 2) if predicted[a] == predicted[b]]
        if pairs:
            out[topic] = sum(gold[a] == gold[b] for a, b in pairs) / len(pairs)
    return out


def dev_run(workers: int) -> None:
    """Stories on the dev corpus against dev.json's story pairs."""
    import json

    gold_file = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold" / "dev.json"
    gold_data = json.loads(gold_file.read_text())
    corpus = (gold_file.parent.parent / gold_data["corpus"]).resolve()
    files = [corpus / d["file"] for d in gold_data["documents"]]
    annotated = annotate(files, workers)
    Consolidator().add_all(annotated)
    predicted = {Path(d.source).name: d.story for d in annotated}
    # an article in no gold group is a story of its own
    gold = {f.name: f.name for f in files}
    for number, group in enumerate(gold_data["stories"]):
        for name in group:
            gold[name] = f"g{number}"
    gold = {name: story for name, story in gold.items() if name in predicted}
    pp, pr, pf = pairwise(predicted, gold)
    bp, br, bf = bcubed(predicted, gold)
    print(f"\ndev corpus: {len(gold)} documents, {len(gold_data['stories'])} gold same-event groups, {len(set(predicted.values()))} predicted stories")
    print(f"pairwise  P {pp:.3f}  R {pr:.3f}  F1 {pf:.3f}")
    print(f"B-cubed   P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}")


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
    parser.add_argument("--topics", action="store_true", help="print the pair precision of every ECB+ topic")
    parser.add_argument("--no-dev", action="store_true", help="skip the run on the dev corpus")
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
    per_topic = topic_precision(predicted, gold)
    worst = sorted(per_topic.items(), key=lambda kv: kv[1])[:5]
    print(f"per-topic pair precision: mean {sum(per_topic.values()) / len(per_topic):.3f}, "
          f"worst {', '.join(f'{t}: {p:.2f}' for t, p in worst)}")
    if args.topics:
        for topic, precision in per_topic.items():
            print(f"  topic {topic:>3}  pair precision {precision:.3f}")
    if args.errors:
        _errors(predicted, gold)
    if not args.no_dev:
        dev_run(args.workers)


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
