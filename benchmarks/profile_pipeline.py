"""Where the pipeline's time goes beyond spaCy: a pyinstrument profile of clean + annotate + consolidate.

    python benchmarks/profile_pipeline.py [FOLDER] [--limit N] [--html FILE]

FOLDER defaults to ../shared/bench/ecbplus/docs. The pipeline is warmed on one
document before profiling starts. Needs the extra dyads[bench] (pyinstrument).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pyinstrument import Profiler

from dyads.corpus.consolidate import Consolidator
from dyads.annotate.pipeline import Annotator, Failure, read_and_clean
from dyads.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parents[1] / ".." / "shared/bench/ecbplus/docs"))
    parser.add_argument("--limit", type=int, default=200, help="the first N documents (default 200)")
    parser.add_argument("--html", default=None, help="also write the profile as HTML to this file")
    args = parser.parse_args()
    settings = Settings.from_env(workers=1)
    files = [str(f) for f in sorted(Path(args.folder).glob("*.txt"))[: args.limit]]
    annotator = Annotator(settings)
    # one-time costs (model, gazetteer patterns, lexicons) are paid before profiling
    warm = [d for d in read_and_clean(files[:1], settings) if not isinstance(d, Failure)]
    Consolidator().add_all([d for d in annotator.pipe(warm) if not isinstance(d, Failure)])
    profiler = Profiler(interval=0.002)
    profiler.start()
    docs = [d for d in read_and_clean(files, settings) if not isinstance(d, Failure)]
    annotated = [d for d in annotator.pipe(docs) if not isinstance(d, Failure)]
    Consolidator().add_all(annotated)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()
