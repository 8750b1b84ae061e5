"""How fast the workspace answers on a big store: p50/p95 of /api/events with filters and of /timeline.

    python benchmarks/web.py                 # builds /tmp/dyads-web-bench.db once (100k events), then measures
    python benchmarks/web.py --events 20000 --rounds 30 --rebuild

The store is generated (not annotated): synthetic articles, 5 events each on
average, written into the store's own tables (``dyads.store.database``, with its
migrations, indexes and full-text index). Actor codes follow a Zipf-like law (a few busy dyads, a long tail),
stories group 1-4 articles that share event keys. The server is ``dyads serve``
in its own process on a free loopback port; requests go over HTTP, one at a
time, and the figures are wall-clock per request. Target: p95 < 200 ms.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CODES = ["CHN", "KAZ", "RUS", "USA", "UZB", "KGZ", "TJK", "TKM", "TUR", "IRN", "IND", "PAK", "AFG", "MNG", "AZE",
         "GEO", "ARM", "UKR", "BLR", "DEU", "FRA", "GBR", "JPN", "KOR", "EU", "UN", "SCO", "CSTO", "EAEU", "ASEAN"]
TYPES = {"AGREE": 4.0, "CONSULT": 3.0, "SUPPORT": 3.5, "COOPERATE": 6.0, "AID": 7.0, "REQUEST": -1.0, "ACCUSE": -2.0,
         "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -5.0, "SANCTION": -7.0, "COERCE": -8.0, "ASSAULT": -9.0}
STATUSES = ["occurred"] * 7 + ["planned"] * 2 + ["negated"]
OUTLETS = ["Astana Times", "Xinhua", "TASS", "Reuters", "Trend", "Kazinform", "AKIpress", "Gulf Observer", "El.kz", "RFE/RL"]
WORDS = ("talks ministers cooperation agreement trade pipeline border security investment railway summit energy water "
         "visit delegation sanctions protest grain transit customs corridor memorandum treaty partnership").split()


WEIGHTS = [1 / (rank + 1) for rank in range(len(CODES))]  # Zipf: the busiest code in ~25% of events


def zipf_code(rng: random.Random) -> str:
    return rng.choices(CODES, WEIGHTS)[0]


def filler(rng: random.Random, n: int) -> list[str]:
    """Words of a synthetic vocabulary of 5,000, so that full-text queries are selective."""
    return [f"w{int(rng.paretovariate(1.2)) % 5000}" for _ in range(n)]


def build(path: Path, n_events: int, seed: int = 7) -> None:
    """Write the generated store with the store's own tables, in large transactions (saving
    article by article would take half an hour for 100k events; the rows are the same)."""
    import json

    from dyads.model import content_id
    from dyads.store.database import Store, code_pairs, documents, entities, event_pairs, event_parties, events, mentions, roles

    if path.exists():
        path.unlink()
    store = Store(f"sqlite:///{path}")
    rng = random.Random(seed)
    people = [(f"person/leader-{i}", f"Leader {i} {rng.choice(WORDS).title()}", rng.choice(CODES[:20])) for i in range(400)]
    with store.engine.begin() as conn:
        conn.execute(entities.insert(), [{"id": i, "name": n, "type": "PERSON", "key": n.lower(), "country": c} for i, n, c in people])
    batch: dict[str, list] = {"documents": [], "mentions": [], "roles": [], "events": [], "event_parties": [], "event_pairs": []}

    def flush() -> None:
        with store.engine.begin() as conn:
            for table in (documents, mentions, roles, events, event_parties, event_pairs):
                if batch[table.name]:
                    conn.execute(table.insert(), batch[table.name])
                batch[table.name].clear()

    written = 0
    first_seen: set[str] = set()
    story_left = 0
    started = time.perf_counter()
    while written < n_events:
        if story_left == 0:
            story_left = rng.randint(1, 4)
            day = f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            story = content_id(f"story{written}")
            story_events = []
            for _ in range(rng.randint(2, 8)):
                a, b = zipf_code(rng), zipf_code(rng)
                if a == b:
                    b = CODES[(CODES.index(a) + 1) % len(CODES)]
                kind = rng.choice(list(TYPES))
                story_events.append((kind, [a, b], rng.choice(STATUSES), rng.choice([day, day[:7], None]), content_id(f"{story}{len(story_events)}")))
        story_left -= 1
        chosen = rng.sample(story_events, k=min(len(story_events), rng.randint(3, 7)))
        doc_id = content_id(f"doc{written}")
        body = f"{day} — "
        for kind, codes, status, date, key in chosen:
            sentence = f"{codes[0]} and {codes[1]} {kind.lower()} on {' '.join(rng.choices(WORDS, k=2))} {' '.join(filler(rng, 6))}."
            start = len(body)
            body += sentence + " "
            written += 1
            acting, receiving = rng.sample(people, 2)
            listing = {"placed": date or day, "first_report": int(key not in first_seen)}
            batch["events"].append({
                "id": written, "doc_id": doc_id, "event_key": key, "type": kind, "mode": None, "actors": json.dumps(codes),
                "actor": json.dumps([acting[0]]), "recipient": json.dumps([receiving[0]]), "date": date, "status": status,
                "location": None, "location_country": None, "directed": 1, "start": start, "end": start + len(sentence),
                "more_evidence": "[]", "sentence": sentence, "score": TYPES[kind],
                **listing,
            })
            first_seen.add(key)
            batch["event_parties"] += [{"event_id": written, "party": c, "role": "code", "position": i, **listing} for i, c in enumerate(codes)]
            batch["event_pairs"] += [{"event_id": written, "low": low, "high": high, **listing} for low, high in code_pairs(codes)]
            batch["event_parties"] += [{"event_id": written, "party": acting[0], "role": "actor", "position": 0, **listing},
                                       {"event_id": written, "party": receiving[0], "role": "recipient", "position": 0, **listing}]
        body += " ".join(filler(rng, 120))
        for person, _name, country in rng.sample(people, 3):
            batch["mentions"].append({"doc_id": doc_id, "entity_id": person, "start": 0, "end": 5, "text": body[:5]})
            batch["roles"].append({"entity_id": person, "doc_id": doc_id, "title": "Minister", "country": country, "date": day})
        title = f"{chosen[0][1][0]} and {chosen[0][1][1]}: {' '.join(rng.choices(WORDS, k=5))}"
        batch["documents"].append({
            "id": doc_id, "source": f"https://news.example/{doc_id}", "url": f"https://news.example/{doc_id}", "title": title,
            "published": day, "dateline": None, "outlet": rng.choice(OUTLETS), "language": "en", "story": story,
            "ingested_at": None, "body": body, "contract": json.dumps({
                "id": doc_id, "source": f"https://news.example/{doc_id}", "title": title, "published": day, "dateline": None,
                "outlet": None, "language": "en", "url": f"https://news.example/{doc_id}", "body": body, "removed": [],
                "entities": [], "times": [], "events": [], "quotes": [], "story": story}),
        })
        if len(batch["documents"]) >= 2000:
            flush()
            print(f"  {written} events, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    flush()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(base: str, path: str, rounds: int) -> tuple[float, float, int]:
    times = []
    size = 0
    for _ in range(rounds):
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=30) as response:
            size = len(response.read())
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)], size


def cpu_times(app, paths: list[str], rounds: int) -> dict[str, tuple[float, float]]:
    """p50 and p95 of the CPU time (all threads of this process) per request, through the test client."""
    from fastapi.testclient import TestClient

    from dyads.web.server import create_app

    client = TestClient(create_app(app))
    gc.collect()
    gc.freeze()  # as `dyads serve` does after start-up
    out = {}
    for p in paths:
        client.get(p)  # warm
        times = []
        for _ in range(rounds):
            started = time.process_time()
            assert client.get(p).status_code == 200, p
            times.append((time.process_time() - started) * 1000)
        times.sort()
        out[p] = (statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/dyads-web-bench.db")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--cpu", action="store_true", help="also the CPU time per request, in this process (FastAPI's test client): "
                        "what a request costs whatever the machine's load")
    args = parser.parse_args()
    path = Path(args.db)
    if args.rebuild or not path.exists():
        print(f"building {path} with {args.events} events …", file=sys.stderr)
        build(path, args.events)

    from dyads.app import App

    app = App.open(f"sqlite:///{path}", create=False)
    counts = app.store.counts()
    busiest = app.summary(stories=1).actors
    story = app.stories(limit=1).items[0].id
    print(f"store: {counts['events']} events, {counts['documents']} documents, {counts['stories']} stories; busiest codes {busiest[:4]}")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-c", "from dyads.cli import main; main()", "serve", "--db", f"sqlite:///{path}", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/summary", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        a, b = busiest[0][0], busiest[1][0]
        rare = busiest[len(busiest) // 2][0]
        paths = [
            f"/api/events?dyad={a}-{b}",
            f"/api/events?actor={a}&type=CONSULT&status=occurred",
            f"/api/events?actor={rare}&from=2018&to=2019-06",
            "/api/events?from=2020-01&to=2020-03",
            "/api/events?type=ASSAULT&offset=500",
            "/api/events",
            f"/api/events?story={story}",
            f"/api/timeline?actors={a},{b}&from=2024",
            f"/api/timeline?actors={rare}",
            f"/timeline?actors={a},{b}&from=2024",
            f"/timeline?actors={a},{b}&from=2023",
            f"/timeline?actors={rare},{b}",
            "/api/search?q=pipeline+railway",
        ]
        cpu_of = cpu_times(app, paths, args.rounds) if args.cpu else {}
        print(f"{'endpoint':58} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>9}" + (f" {'CPU p50':>8} {'CPU p95':>8}" if cpu_of else ""))
        worst = 0.0
        for p in paths:
            measure(base, p, 2)  # warm
            p50, p95, size = measure(base, p, args.rounds)
            worst = max(worst, p95)
            cpu = f" {cpu_of[p][0]:8.1f} {cpu_of[p][1]:8.1f}" if cpu_of else ""
            print(f"{p:58} {p50:8.1f} {p95:8.1f} {size:9d}{cpu}")
        print(f"worst p95: {worst:.1f} ms (target < 200 ms)")
        # wall-clock figures on a shared machine mean little without the load they were taken under
        print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
