"""Throughput of the full dyads pipeline against bare spaCy on the same texts, in one run.

    python benchmarks/throughput.py [FOLDER] [--limit N] [--workers N]

FOLDER defaults to ../shared/bench/ecbplus/docs. Measures, one after the other in
one process (so that the ratios compare like with like on a busy machine):

1. bare spaCy: ``nlp.pipe`` over the raw texts, one process;
2. the full pipeline (clean + annotate + consolidate) with one worker;
3. the full pipeline with ``--workers`` processes (default 2; 1 skips it).

The model is loaded and every component warmed on one document before timing, so
that one-time costs (loading the model, compiling the gazetteer) are not charged to
either side. Prints documents/s, tokens/s, the full/bare time ratio (target <= 1.25)
and the speed-up of N workers over one (target >= 1.7 for 2), and peak memory.
"""

from __future__ import annotations

import argparse
import copy
import resource
import time
from pathlib import Path

from dyads.corpus.consolidate import Consolidator
from dyads.annotate.pipeline import Annotator, Failure, read_and_clean
from dyads.settings import Settings


def full_pipeline(files: list[str], settings: Settings, workers: int, warm: list) -> float:
    """Seconds for clean + annotate + consolidate of ``files`` with ``workers`` processes.

    The pool (started once per run, as in `dyads ingest`) is started and its workers'
    models loaded before timing, as bare spaCy's model is."""
    with Annotator(settings) as annotator:
        list(annotator.pipe(warm, workers=workers))
        started = time.perf_counter()
        docs = [d for d in read_and_clean(files, settings) if not isinstance(d, Failure)]
        annotated = [d for d in annotator.pipe(docs, workers=workers) if not isinstance(d, Failure)]
        Consolidator().add_all(annotated)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parents[1] / ".." / "shared/bench/ecbplus/docs"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel run (default 2; 1 skips it)")
    args = parser.parse_args()
    settings = Settings.from_env()
    files = sorted(Path(args.folder).glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    paths = [str(f) for f in files]
    texts = [f.read_text(encoding="utf-8") for f in files]
    annotator = Annotator(settings)
    warm = [d for d in read_and_clean(paths[:1], settings) if not isinstance(d, Failure)]
    Consolidator().add_all([d for d in annotator.pipe(copy.deepcopy(warm)) if not isinstance(d, Failure)])

    started = time.perf_counter()
    tokens = sum(len(doc) for doc in annotator.nlp.pipe(texts, batch_size=16))
    bare = time.perf_counter() - started
    one = full_pipeline(paths, settings, 1, copy.deepcopy(warm))
    many = full_pipeline(paths, settings, args.workers, copy.deepcopy(warm)) if args.workers > 1 else None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = len(files)
    print(f"{n} documents, {tokens} tokens")
    print(f"bare spaCy            {n / bare:7.1f} docs/s {tokens / bare:9.0f} tokens/s")
    print(f"full dyads, 1 worker  {n / one:7.1f} docs/s {tokens / one:9.0f} tokens/s   ({one / bare:.2f}x the time of bare spaCy)")
    if many:
        print(f"full dyads, {args.workers} workers {n / many:7.1f} docs/s {tokens / many:9.0f} tokens/s   ({one / many:.2f}x the docs/s of 1 worker)")
    print(f"peak memory (parent)  {peak:.0f} MB")


if __name__ == "__main__":
    main()
