"""How fast the workspace answers on a big store: p50/p95 of /api/events with filters and of /timeline.

    python benchmarks/web.py                 # builds /tmp/dyads-web-bench.db once (100k events), then measures
    python benchmarks/web.py --events 20000 --rounds 30 --rebuild

The store is generated (not annotated): synthetic articles, 5 events each on
average, written through ``Store.save`` so that every table and index is the
real one. Actor codes follow a Zipf-like law (a few busy dyads, a long tail),
stories group 1-4 articles that share event keys. The server is ``dyads serve``
in its own process on a free loopback port; requests go over HTTP, one at a
time, and the figures are wall-clock per request. Target: p95 < 200 ms.
"""

from __future__ import annotations

import argparse
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


def zipf_code(rng: random.Random) -> str:
    return CODES[min(int(rng.paretovariate(1.1)) - 1, len(CODES) - 1)]


def build(path: Path, n_events: int, seed: int = 7) -> None:
    from sqlalchemy import event as sa_event

    from dyads.model import Document, Entity, Event, Mention, content_id
    from dyads.queries import ensure_indexes
    from dyads.store import Store

    if path.exists():
        path.unlink()
    store = Store(f"sqlite:///{path}")

    @sa_event.listens_for(store.engine, "connect")
    def fast(dbapi_connection, _record):  # a throwaway file: no fsync per article
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    store.engine.dispose()
    rng = random.Random(seed)
    people = [Entity(id=f"person/leader-{i}", name=f"Leader {i} {rng.choice(WORDS).title()}", type="PERSON", key=f"leader {i}",
                     country=rng.choice(CODES[:20])) for i in range(400)]
    written = 0
    story = None
    story_left = 0
    story_events: list[tuple] = []
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
        sentences, events = [], []
        body = f"{day} — "
        chosen = rng.sample(story_events, k=min(len(story_events), rng.randint(3, 7)))
        for kind, codes, status, date, key in chosen:
            sentence = f"{codes[0]} and {codes[1]} {kind.lower()} on {' '.join(rng.choices(WORDS, k=8))}."
            start = len(body)
            body += sentence + " "
            actor, recipient = rng.sample(people, 2)
            events.append(Event(type=kind, actors=list(codes), evidence=[start, start + len(sentence)], status=status, date=date,
                                score=TYPES[kind], sentence=sentence, key=key, actor=[actor.id], recipient=[recipient.id]))
            sentences.append(sentence)
        body += " ".join(rng.choices(WORDS, k=120))
        named = rng.sample(people, 3)
        doc = Document(
            id=content_id(f"doc{written}{body}"), source=f"https://news.example/{written}", body=body,
            title=f"{chosen[0][1][0]} and {chosen[0][1][1]}: {' '.join(rng.choices(WORDS, k=5))}", published=day,
            outlet=rng.choice(OUTLETS), story=story, events=events,
            entities=[Entity(p.id, p.name, p.type, p.key, p.country, ["Minister"], [Mention(0, 5, body[:5])]) for p in named],
        )
        store.save(doc)
        written += len(events)
        if written // 10000 != (written - len(events)) // 10000:
            print(f"  {written} events, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    ensure_indexes(store)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/dyads-web-bench.db")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true")
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
        print(f"{'endpoint':58} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>9}")
        worst = 0.0
        for p in paths:
            measure(base, p, 2)  # warm
            p50, p95, size = measure(base, p, args.rounds)
            worst = max(worst, p95)
            print(f"{p:58} {p50:8.1f} {p95:8.1f} {size:9d}")
        print(f"worst p95: {worst:.1f} ms (target < 200 ms)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
