"""TempEval-3 style evaluation of dyads' time normaliser on TimeML files.

    python benchmarks/tempeval.py [FOLDER]     (default: ../shared/bench/tempeval3/aquaint)

Prints TIMEX3 extraction precision / recall / F1, strict (same span) and
relaxed (overlapping span), and value F1 (an overlapping span with the right
value is a true positive), as TempEval-3 (UzZaman et al., 2013) defines them.
The anchor is each document's creation time (DCT). Reference: HeidelTime's
value F1 on the TempEval-3 platinum test set is 77.61.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

from dyads.annotate.pipeline import load_model
from dyads.settings import Settings
from dyads.annotate.timex import find_times


def read_timeml(path: Path) -> tuple[str, str | None, list[tuple[int, int, str, str]]]:
    """(text, DCT, [(start, end, surface, value)]) of one TimeML file."""
    root = ElementTree.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    anchor = dct.get("value")[:10] if dct is not None else None
    text_node = root.find("TEXT")
    parts: list[str] = []
    gold = []

    def walk(node, inside_timex=False):
        if node.tag == "TIMEX3":
            start = sum(len(p) for p in parts)
            surface = "".join(node.itertext())
            parts.append(surface)
            gold.append((start, start + len(surface), surface, node.get("value")))
        else:
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")

    walk(text_node)
    return "".join(parts), anchor, gold


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parents[1] / ".." / "shared/bench/tempeval3/aquaint"))
    parser.add_argument("--errors", action="store_true", help="print every wrong value, missed and spurious expression")
    args = parser.parse_args()
    files = sorted(Path(args.folder).glob("*.tml"))
    if not files:
        sys.exit(f"no .tml files in {args.folder}")
    nlp = load_model(Settings.from_env().model)
    n_sys = n_gold = strict = relaxed = value_tp = 0
    started = time.perf_counter()
    for path in files:
        text, anchor, gold = read_timeml(path)
        found = find_times(text, nlp(text), anchor)
        n_sys += len(found)
        n_gold += len(gold)
        for gs, ge, surface, value in gold:
            hits = [t for t in found if t.timeml_span()[0] < ge and gs < t.timeml_span()[1]]
            strict += any(t.timeml_span() == (gs, ge) for t in hits)
            relaxed += bool(hits)
            ok = any(t.value == value for t in hits)
            value_tp += ok
            if args.errors and hits and not ok:
                print(f"{path.name}: {surface!r} gold {value} got {[ (t.text, t.value) for t in hits]} (DCT {anchor})")
            if args.errors and not hits:
                print(f"{path.name}: missed {surface!r} ({value})")
        if args.errors:
            for t in found:
                if not any(t.start < ge and gs < t.end for gs, ge, _, _ in gold):
                    print(f"{path.name}: spurious {t.text!r} ({t.value})")
    elapsed = time.perf_counter() - started
    print(f"TempEval-3 evaluation of dyads.annotate.timex on {len(files)} documents ({n_gold} gold TIMEX3, {n_sys} found) in {elapsed:.1f} s")
    for name, tp in (("strict", strict), ("relaxed", relaxed), ("value", value_tp)):
        p, r, f = prf(tp, n_sys, n_gold)
        print(f"{name:8s} P {100 * p:5.2f}  R {100 * r:5.2f}  F1 {100 * f:5.2f}")


if __name__ == "__main__":
    main()
