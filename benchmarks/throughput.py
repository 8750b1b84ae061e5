"""Throughput of the full dyads pipeline against bare spaCy on the same texts.

    python benchmarks/throughput.py [FOLDER] [--limit N] [--workers N]

FOLDER defaults to ../shared/bench/ecbplus/docs. Prints documents/s, tokens/s and
peak memory for bare `nlp.pipe` and for clean + annotate + consolidate, and their ratio.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from dyads.consolidate import Consolidator
from dyads.pipeline import Annotator, Failure, read_and_clean
from dyads.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parents[1] / ".." / "shared/bench/ecbplus/docs"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--workers", type=int, default=1, help="processes annotating in parallel (bare spaCy gets the same n_process)")
    args = parser.parse_args()
    settings = Settings.from_env()
    files = sorted(Path(args.folder).glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    annotator = Annotator(settings)
    texts = [f.read_text(encoding="utf-8") for f in files]

    started = time.perf_counter()
    tokens = sum(len(doc) for doc in annotator.nlp.pipe(texts, batch_size=16, n_process=args.workers))
    bare = time.perf_counter() - started

    started = time.perf_counter()
    docs = [d for d in read_and_clean([str(f) for f in files], settings) if not isinstance(d, Failure)]
    annotated = list(annotator.pipe(docs, workers=args.workers))
    Consolidator().add_all(annotated)
    full = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"{len(files)} documents, {tokens} tokens, {args.workers} worker(s)")
    print(f"bare spaCy   {len(files) / bare:7.1f} docs/s {tokens / bare:9.0f} tokens/s")
    print(f"full dyads   {len(files) / full:7.1f} docs/s {tokens / full:9.0f} tokens/s   ({full / bare:.2f}x the time of bare spaCy)")
    print(f"peak memory  {peak:.0f} MB")


if __name__ == "__main__":
    main()
