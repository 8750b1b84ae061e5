"""`dyads eval`: score the pipeline against a gold annotation (shared/gold/README.md).

Every metric there is computed here; nothing is skipped because an extractor is
weak: a missing capability scores what it scores.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path
from typing import Any

from dyads.settings import Settings


def norm(text: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a string."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _ratio(hit: float, total: float) -> float | None:
    return round(hit / total, 4) if total else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


class Counter:
    """hits / totals per metric name, plus a list of misses for --details."""

    def __init__(self) -> None:
        self.hit: dict[str, float] = {}
        self.total: dict[str, float] = {}
        self.misses: list[str] = []

    def add(self, name: str, ok: bool, miss: str | None = None) -> None:
        self.hit[name] = self.hit.get(name, 0) + (1 if ok else 0)
        self.total[name] = self.total.get(name, 0) + 1
        if not ok and miss:
            self.misses.append(f"{name}: {miss}")

    def count(self, name: str, n: float) -> None:
        self.total[name] = self.total.get(name, 0) + n

    def ratio(self, name: str) -> float | None:
        return _ratio(self.hit.get(name, 0), self.total.get(name, 0))


def evaluate_gold(gold_path: Path, settings: Settings | None = None) -> dict[str, Any]:
    import json

    from dyads.annotate.pipeline import process

    gold, corpus = load_gold(Path(gold_path))
    files = [corpus / d["file"] for d in gold["documents"]]
    docs = process([str(f) for f in files], settings or Settings.from_env())
    by_file = {Path(d.source).name: d.to_contract() for d in docs}
    return score(gold, by_file)


class NotGold(ValueError):
    """A file given as gold that is not a gold annotation; the message says what is wrong."""


def load_gold(path: Path) -> tuple[dict[str, Any], Path]:
    """The gold annotation and its corpus folder, checked enough to score against."""
    import json

    expected = "expected a gold annotation as shared/gold/README.md describes"
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise NotGold(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise NotGold(f"{path} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); {expected}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("corpus"), str) or not isinstance(gold.get("documents"), list):
        raise NotGold(f"{path} is not a gold annotation: it needs \"corpus\" (a folder name) and \"documents\" (a list); {expected}")
    if not all(isinstance(d, dict) and isinstance(d.get("file"), str) for d in gold["documents"]):
        raise NotGold(f"{path} is not a gold annotation: every entry of \"documents\" needs a \"file\"; {expected}")
    corpus = (path.resolve().parent.parent / gold["corpus"]).resolve()
    if not corpus.is_dir():
        raise NotGold(f"gold corpus folder {corpus} not found (gold \"corpus\" is relative to the gold file's parent folder)")
    return gold, corpus


def score(gold: dict[str, Any], by_file: dict[str, dict[str, Any]]) -> dict[str, Any]:
    c = Counter()
    for gdoc in gold["documents"]:
        sys_doc = by_file.get(gdoc["file"])
        if sys_doc is None:
            c.misses.append(f"{gdoc['file']}: not processed")
            sys_doc = {"body": "", "entities": [], "events": [], "quotes": [], "times": []}
        _score_metadata(c, gdoc, sys_doc)
        _score_people(c, gdoc, sys_doc)
        _score_events(c, gdoc, sys_doc)
        _score_quotes(c, gdoc, sys_doc)
        _score_times(c, gdoc, sys_doc)
    report: dict[str, Any] = {
        "metadata": {k: c.ratio(f"metadata {k}") for k in ("published", "title", "dateline", "outlet")},
        "cleaning": {"noise_removed": c.ratio("noise_removed"), "prose_kept": c.ratio("prose_kept")},
    }
    pp, pr = _ratio(c.hit.get("people_tp", 0), c.total.get("people_sys", 0)), _ratio(c.hit.get("people_tp", 0), c.total.get("people_gold", 0))
    report["people"] = {
        "precision": pp, "recall": pr, "f1": _f1(pp, pr),
        "country_accuracy": c.ratio("country"), "title_recall": c.ratio("title"), "alias_recall": c.ratio("alias"),
        "organisation_recall": c.ratio("org"),
    }
    for kind in ("lenient", "strict"):
        p = _ratio(c.hit.get(f"events_{kind}_tp", 0), c.total.get(f"events_{kind}_sys", 0))
        r = _ratio(c.hit.get(f"events_{kind}_tp", 0), c.total.get("events_gold", 0))
        report.setdefault("events", {})[kind] = {"precision": p, "recall": r, "f1": _f1(p, r)}
    report["events"]["direction_accuracy"] = c.ratio("direction")
    report["events"]["status_accuracy"] = c.ratio("status")
    # per PLOVER type: precision over the system's events of the type, recall over the gold's
    # required events by their first listed type ("n" says how many gold events)
    types = sorted({k.split(" ", 1)[1] for k in c.total if k.startswith(("type_recall ", "type_precision "))})
    report["event_types"] = {t: {"precision": c.ratio(f"type_precision {t}"), "recall": c.ratio(f"type_recall {t}"),
                                 "n": c.total.get(f"type_recall {t}", 0)} for t in types}
    qp, qr = _ratio(c.hit.get("quotes_tp", 0), c.total.get("quotes_sys", 0)), _ratio(c.hit.get("quotes_tp", 0), c.total.get("quotes_gold", 0))
    report["quotes"] = {"precision": qp, "recall": qr, "f1": _f1(qp, qr), "speaker_accuracy": c.ratio("speaker")}
    report["times"] = {"value_accuracy": c.ratio("time")}
    report["stories"] = _score_stories(gold, by_file)
    report["misses"] = c.misses
    return report


def _score_metadata(c: Counter, gdoc: dict, sdoc: dict) -> None:
    name = gdoc["file"]
    # metadata counters are prefixed: "title" alone is the people part's titles of office
    c.add("metadata published", sdoc.get("published") == gdoc.get("published"), f"{name}: {sdoc.get('published')!r} != {gdoc.get('published')!r}")
    for field in ("title", "dateline", "outlet"):
        c.add(f"metadata {field}", _text_ok(gdoc.get(field), sdoc.get(field)), f"{name}: {sdoc.get(field)!r} != {gdoc.get(field)!r}")
    body = sdoc.get("body", "")
    for noise in gdoc.get("noise", []):
        c.add("noise_removed", noise not in body, f"{name}: {noise!r} still in body")
    for keep in gdoc.get("keep", []):
        c.add("prose_kept", keep in body, f"{name}: {keep!r} lost")


def _text_ok(gold: Any, system: str | None) -> bool:
    """A metadata field matches when it equals the gold value or, for a list, any listed value."""
    options = gold if isinstance(gold, list) else [gold]
    return any(norm(system) == norm(option) for option in options)


def _mention_texts(entity: dict, body: str) -> set[str]:
    return {norm(body[s:e]) for s, e in entity.get("mentions", [])}


def _score_people(c: Counter, gdoc: dict, sdoc: dict) -> None:
    name = gdoc["file"]
    people = [e for e in sdoc.get("entities", []) if e["type"] == "PERSON"]
    by_name = {norm(e["name"]): e for e in people}
    c.count("people_sys", len(people))
    matched_sys = set()
    for gp in gdoc.get("people", []):
        c.count("people_gold", 1)
        entity = by_name.get(norm(gp["name"]))
        if entity is None:
            c.misses.append(f"people: {name}: {gp['name']} not found")
            continue
        matched_sys.add(entity["id"])
        c.add("people_tp", True)
        c.add("country", entity.get("country") == gp.get("country"), f"{name}: {gp['name']} country {entity.get('country')} != {gp.get('country')}")
        titles = {norm(t) for t in entity.get("titles", [])}
        for title in gp.get("titles", []):
            c.add("title", norm(title) in titles, f"{name}: {gp['name']} title {title!r} not in {entity.get('titles')}")
        texts = _mention_texts(entity, sdoc.get("body", ""))
        for alias in gp.get("aliases", []):
            c.add("alias", norm(alias) in texts, f"{name}: {gp['name']} alias {alias!r} not a mention")
    for entity in people:
        if entity["id"] not in matched_sys:
            c.misses.append(f"people: {name}: extra PERSON {entity['name']!r}")
    orgs = [e for e in sdoc.get("entities", []) if e["type"] != "PERSON"]
    org_names = set()
    for e in orgs:
        org_names.add(norm(e["name"]))
        org_names |= _mention_texts(e, sdoc.get("body", ""))
    for go in gdoc.get("orgs", []):
        names = {norm(go["name"]), *(norm(a) for a in go.get("aliases", []))}
        c.add("org", bool(names & org_names), f"{name}: organisation {go['name']!r} not found")


def _date_ok(gold_date: Any, sys_date: str | None, published: str | None) -> bool:
    if gold_date == "*":
        return True
    options = gold_date if isinstance(gold_date, list) else [gold_date]
    if sys_date in options:
        return True
    # leaving the date null where the gold date is just the publication date is not penalised
    return sys_date is None and published is not None and published in options


def _event_fits(gold: dict, event: dict, strict: bool, published: str | None) -> bool:
    if event["type"] not in gold["type"]:
        return False
    actors = set(event.get("actors", []))
    if "actors" in gold:
        if actors != set(gold["actors"]):
            return False
    elif not actors or not actors <= set(gold.get("actors_within", [])):
        return False
    return not strict or _date_ok(gold.get("date"), event.get("date"), published)


def _match_events(gold_events: list[dict], sys_events: list[dict], strict: bool, published: str | None) -> tuple[dict[int, int], int]:
    """One-to-one matching of required gold events; optional entries absorb the rest.

    Returns (gold index -> system index for required matches, number of
    system events absorbed by optional entries). Greedy in gold order, with
    required entries first; the system events are few per document.
    """
    # maximum bipartite matching (augmenting paths), so that the order of the gold does not matter
    # among the fitting system events, try first those that also have the gold's date
    # and direction, so that two same-type events of one dyad pair up correctly
    def preference(gev: dict, sev: dict) -> tuple[bool, bool]:
        return (not _date_ok(gev.get("date"), sev.get("date"), published),
                bool(gev.get("direction")) and sev.get("actors", [])[:2] != gev["direction"])

    fits = {gi: sorted((si for si, sev in enumerate(sys_events) if _event_fits(gev, sev, strict, published)),
                       key=lambda si, gev=gev: preference(gev, sys_events[si]))
            for gi, gev in enumerate(gold_events) if gev.get("required", True)}
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for si in fits[gi]:
            if si not in seen:
                seen.add(si)
                if si not in owner or augment(owner[si], seen):
                    owner[si] = gi
                    return True
        return False

    for gi in fits:
        augment(gi, set())
    matches = {gi: si for si, gi in owner.items()}
    # as many matches as possible first; then swap partners where both still fit and it helps
    improved = True
    while improved:
        improved = False
        for g1, g2 in itertools.combinations(sorted(matches), 2):
            s1, s2 = matches[g1], matches[g2]
            if s2 in fits[g1] and s1 in fits[g2]:
                now = preference(gold_events[g1], sys_events[s1]) + preference(gold_events[g2], sys_events[s2])
                swapped = preference(gold_events[g1], sys_events[s2]) + preference(gold_events[g2], sys_events[s1])
                if sum(swapped) < sum(now):
                    matches[g1], matches[g2] = s2, s1
                    improved = True
    used: set[int] = set(owner)
    absorbed = 0
    for gev in gold_events:
        if gev.get("required", True):
            continue
        for si, sev in enumerate(sys_events):
            if si not in used and _event_fits(gev, sev, strict, published):
                used.add(si)
                absorbed += 1
                if not gev.get("repeat"):
                    break
    return matches, absorbed


def _score_events(c: Counter, gdoc: dict, sdoc: dict) -> None:
    name = gdoc["file"]
    gold_events = gdoc.get("events", [])
    sys_events = sdoc.get("events", [])
    published = gdoc.get("published")
    c.count("events_gold", sum(1 for g in gold_events if g.get("required", True)))
    lenient: dict[int, int] = {}  # gold index -> system index, without the date
    for strict in (False, True):
        kind = "strict" if strict else "lenient"
        matches, absorbed = _match_events(gold_events, sys_events, strict, published)
        c.count(f"events_{kind}_sys", len(sys_events) - absorbed)
        c.hit[f"events_{kind}_tp"] = c.hit.get(f"events_{kind}_tp", 0) + len(matches)
        if strict:  # found, but not with the gold's date: say what date was given
            for gi in sorted(set(lenient) - set(matches)):
                gev, sev = gold_events[gi], sys_events[lenient[gi]]
                c.misses.append(f"events (strict): {name}: {gev['type']} {gev.get('actors')} dated {sev.get('date')}, "
                                f"gold {gev.get('date')} ({gev.get('note')})")
            continue
        lenient = matches
        matched_sys = set(matches.values())
        for gi, gev in enumerate(gold_events):
            if not gev.get("required", True):
                continue
            gold_type = gev["type"][0]
            c.add(f"type_recall {gold_type}", gi in matches)
            if gi not in matches:
                c.misses.append(f"events: {name}: missed {gev['type']} {gev.get('actors') or gev.get('actors_within')} ({gev.get('note')})"
                                + _near_misses(gev, sys_events, matched_sys, sdoc.get("body", "")))
        for si, sev in enumerate(sys_events):
            absorbed_here = si not in matched_sys and any(_event_fits(g, sev, False, published) for g in gold_events if not g.get("required", True))
            if not absorbed_here:
                c.add(f"type_precision {sev['type']}", si in matched_sys)
        for si, sev in enumerate(sys_events):
            if si not in matched_sys and not any(_event_fits(g, sev, False, published) for g in gold_events if not g.get("required", True)):
                c.misses.append(f"events: {name}: extra {sev['type']} {sev['actors']} «{sdoc['body'][sev['evidence'][0]:sev['evidence'][1]][:90]}»")
        for gi, si in matches.items():
            gev, sev = gold_events[gi], sys_events[si]
            if gev.get("direction"):
                c.add("direction", sev["actors"][:2] == gev["direction"], f"{name}: {gev.get('note')}: {sev['actors']} != {gev['direction']}")
            if gev.get("status", "*") != "*":
                c.add("status", sev.get("status") == gev["status"], f"{name}: {gev.get('note')}: status {sev.get('status')} != {gev['status']}")


def _near_misses(gold: dict, sys_events: list[dict], matched: set[int], body: str) -> str:
    """What the system said instead about the same parties (a wrong type or a wrong actor set)."""
    parties = set(gold.get("actors") or gold.get("actors_within") or [])
    out = []
    for si, sev in enumerate(sys_events):
        if si in matched or not parties & set(sev.get("actors", [])):
            continue
        if sev["type"] in gold["type"] or set(sev.get("actors", [])) == parties:
            sentence = body[sev["evidence"][0]:sev["evidence"][1]][:100].replace("\n", " ")
            out.append(f"\n      instead {sev['type']} {sev['actors']} «{sentence}»")
    return "".join(out[:3])


def _score_quotes(c: Counter, gdoc: dict, sdoc: dict) -> None:
    name = gdoc["file"]
    # the gold annotates direct quotes; reported speech (kind "indirect") is not scored here
    sys_quotes = [q for q in sdoc.get("quotes", []) if q.get("kind", "direct") == "direct"]
    entities = {e["id"]: e for e in sdoc.get("entities", [])}
    used: set[int] = set()
    absorbed = 0
    for gq in sorted(gdoc.get("quotes", []), key=lambda q: not q.get("required", True)):
        start = norm(gq["start"])
        hit = next((i for i, q in enumerate(sys_quotes) if i not in used and norm(q["text"]).startswith(start)), None)
        if not gq.get("required", True):
            if hit is not None:
                used.add(hit)
                absorbed += 1
            continue
        c.count("quotes_gold", 1)
        if hit is None:
            c.misses.append(f"quotes: {name}: missed «{gq['start']}» ({gq['speaker']})")
            continue
        used.add(hit)
        c.add("quotes_tp", True)
        speaker = entities.get(sys_quotes[hit].get("speaker") or "")
        ok = speaker is not None and norm(speaker["name"]) == norm(gq["speaker"])
        c.add("speaker", ok, f"{name}: «{gq['start']}» speaker {speaker['name'] if speaker else None} != {gq['speaker']}")
    c.count("quotes_sys", len(sys_quotes) - absorbed)
    for i, q in enumerate(sys_quotes):
        if i not in used:
            c.misses.append(f"quotes: {name}: extra «{q['text'][:60]}»")


def _score_times(c: Counter, gdoc: dict, sdoc: dict) -> None:
    name = gdoc["file"]
    for gt in gdoc.get("times", []):
        text = norm(gt["text"])
        # shared/gold/README.md: an extracted expression that covers the gold text must carry its value
        hits = [t for t in sdoc.get("times", []) if _holds(norm(t["text"]), text)]
        ok = any(t.get("value") == gt.get("value") for t in hits)
        in_noise = any(gt["text"] in noise for noise in gdoc.get("noise", []))
        if not hits and in_noise and text not in norm(sdoc.get("body", "")) and gt.get("value"):
            # a dateline the gold also lists as noise: cleaning took it out of the body and read it as the
            # publication date, which is then the value to compare
            hits = [{"text": "(publication date)", "value": sdoc.get("published")}]
            ok = sdoc.get("published") == gt.get("value")
        found = [(t["text"], t.get("value")) for t in hits]
        c.add("time", ok, f"{name}: {gt['text']!r} -> {gt.get('value')!r}, found {found}")


def _holds(outer: str, inner: str) -> bool:
    """``inner`` is ``outer`` or whole words of it."""
    return bool(inner) and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


def _score_stories(gold: dict, by_file: dict[str, dict]) -> dict[str, float | None]:
    files = [d["file"] for d in gold["documents"]]
    gold_story = {}
    for number, group in enumerate(gold.get("stories", [])):
        for f in group:
            gold_story[f] = number
    tp = fp = fn = 0
    for a, b in itertools.combinations(files, 2):
        same_gold = a in gold_story and gold_story.get(a) == gold_story.get(b)
        sa, sb = by_file.get(a, {}).get("story"), by_file.get(b, {}).get("story")
        same_sys = sa is not None and sa == sb
        tp += same_gold and same_sys
        fp += same_sys and not same_gold
        fn += same_gold and not same_sys
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    if tp + fp == 0 and tp + fn == 0:
        p = r = 1.0
    return {"pair_precision": p, "pair_recall": r, "pair_f1": _f1(p, r)}


def render(report: dict[str, Any], console, details: bool = False) -> None:
    from rich.table import Table

    from dyads.terminal import visible

    table = Table("area", "metric", "value")
    for area, metrics in report.items():
        if area in {"misses", "event_types"}:
            continue
        for metric, value in metrics.items():
            if isinstance(value, dict):
                for sub, v in value.items():
                    table.add_row(area, f"{metric} {sub}", "-" if v is None else f"{v:.3f}")
            else:
                table.add_row(area, metric, "-" if value is None else f"{value:.3f}")
    console.print(table)
    if report.get("event_types"):
        by_type = Table("event type", "precision", "recall", "gold n")
        for event_type, m in report["event_types"].items():
            by_type.add_row(event_type, *("-" if m[k] is None else f"{m[k]:.3f}" for k in ("precision", "recall")), str(int(m["n"])))
        console.print(by_type)
    if details:
        for miss in report["misses"]:
            console.print(f"  {visible(miss)}", highlight=False, markup=False, soft_wrap=True)
    elif report["misses"]:
        console.print(f"{len(report['misses'])} misses and extras; --details lists them")
