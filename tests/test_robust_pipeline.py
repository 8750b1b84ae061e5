"""No document can hang or take down a batch; the pipeline's order is checked at start."""

import sys
import time

import pytest

from dyads.annotate import workers
from dyads.ingest.clean import clean
from dyads.model import RawDocument, content_id
from dyads.annotate.pipeline import Annotator, Failure
from dyads.annotate.registry import PipelineError, check_pipeline
from dyads.settings import Settings

PLUGIN = "tests.stall_plugin:misbehave"
FINE = "Kazakhstan and China signed a trade agreement in Astana on Monday."


def _doc(text: str, source: str):
    return clean(RawDocument(source=source, id=content_id(source + text), text=text, published="2024-05-10"))


def _settings(**kw) -> Settings:
    return Settings(components=("entities", "times", "quotes", "events", PLUGIN), **kw)


def test_a_component_before_what_it_needs_is_an_error_at_start():
    with pytest.raises(PipelineError, match="'events' needs the document's 'entities'.*put 'entities' before it"):
        Annotator(Settings(components=("events", "entities", "times")))


def test_an_unknown_component_is_named_in_the_error():
    with pytest.raises(PipelineError, match="no pipeline component named 'entites'"):
        check_pipeline(["entites", "times"])


def test_the_default_pipeline_is_in_a_valid_order():
    assert [c.name for c in check_pipeline(list(Settings().components))] == list(Settings().components)


def test_a_looping_document_fails_alone_within_its_budget_in_one_process():
    annotator = Annotator(_settings(time_budget=1.0))
    docs = [_doc(FINE, "a.txt"), _doc("LOOP-FOREVER in Astana.", "stuck.txt"), _doc(FINE + " Again.", "b.txt")]
    started = time.monotonic()
    results = list(annotator.pipe(docs, workers=1))
    assert time.monotonic() - started < 60  # a 1 s budget; the margin is for a busy machine
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Document"]
    assert results[1].source == "stuck.txt" and "time budget of 1 s" in results[1].reason
    assert "misbehave" in results[1].reason


def test_an_error_in_a_component_names_component_document_and_traceback():
    annotator = Annotator(_settings())
    result = next(annotator.pipe([_doc("It RAISES an error.", "bad.txt")], workers=1))
    assert isinstance(result, Failure)
    assert result.source == "bad.txt"
    assert "'misbehave' failed: ValueError: a bug in a component" in result.reason
    assert "Traceback" in result.detail and "stall_plugin.py" in result.detail


@pytest.fixture(scope="module")
def pooled():
    """One annotator with a two-process pool for the module (workers load the model once)."""
    with Annotator(_settings(time_budget=5.0)) as annotator:
        yield annotator


def test_the_pool_replaces_a_stuck_or_dead_worker_and_keeps_the_others_work(pooled, monkeypatch):
    monkeypatch.setattr(workers, "GRACE", 1.0)
    docs = [_doc(FINE + f" Number {i}.", f"ok{i}.txt") for i in range(6)]
    docs.insert(2, _doc("STUCK-IN-C in Astana.", "stuck.txt"))
    docs.insert(5, _doc("WORKER-DIES in Astana.", "dies.txt"))
    docs.insert(6, _doc("LOOP-FOREVER in Astana.", "loops.txt"))
    results = list(pooled.pipe(docs, workers=2))
    pool = pooled._pool
    assert pool.replaced == 2  # the stuck one and the dead one; the looping one stopped itself
    again = list(pooled.pipe([_doc(FINE, "later.txt")], workers=2))
    assert pooled._pool is pool  # one pool for the run
    failed = {r.source: r.reason for r in results if isinstance(r, Failure)}
    assert set(failed) == {"stuck.txt", "dies.txt", "loops.txt"}
    assert "worker was stopped and replaced" in failed["stuck.txt"]
    assert "process died" in failed["dies.txt"]
    assert "time budget of 5 s" in failed["loops.txt"]
    assert [r.source for r in results if not isinstance(r, Failure)] == [f"ok{i}.txt" for i in range(6)]
    assert again[0].events


def test_one_and_two_workers_give_the_same_documents(pooled):
    texts = [FINE, "Russian President Vladimir Putin met Kazakh President Kassym-Jomart Tokayev in Moscow on 3 March 2023.",
             "The SCO summit opened in Astana on July 4, 2024, the foreign ministry said."]
    one = [d.to_contract() for d in pooled.pipe([_doc(t, f"{i}.txt") for i, t in enumerate(texts)], workers=1)]
    two = [d.to_contract() for d in pooled.pipe([_doc(t, f"{i}.txt") for i, t in enumerate(texts)], workers=2)]
    assert one == two


def test_the_cli_refuses_a_wrong_order_before_reading_anything(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from dyads.cli import app

    (tmp_path / "a.txt").write_text(FINE)
    monkeypatch.setenv("DYADS_PIPELINE", "events,entities,times")
    result = CliRunner().invoke(app, ["process", str(tmp_path)])
    assert result.exit_code == 2
    assert "'events' needs the document's 'entities'" in result.output.replace("\n", " ")


@pytest.mark.parametrize("stamp", ["2024-13-45", "2024-02-30"])
def test_an_impossible_header_date_is_a_null_date_and_the_batch_goes_on(annotator, stamp):
    from dyads.annotate.pipeline import Failure as Failed

    raw = RawDocument(source="bad-date.txt", id=content_id(stamp), text=f"date {stamp}\n\n{FINE}")
    doc = clean(raw)
    assert doc.published is None
    result = annotator.annotate_one(doc)
    assert not isinstance(result, Failed) and result.events


def test_the_time_budget_grows_with_the_length_of_the_document():
    """A long article doing honest work is not cut off as if it were stuck: the budget is per
    100,000 characters; a short one keeps the whole budget; 0 means no limit."""
    from dyads.annotate.budget import budget_for

    assert budget_for(20, 5_000) == 20
    assert budget_for(20, 100_000) == 20
    assert budget_for(20, 1_000_000) == 200
    assert not budget_for(0, 1_000_000)


def test_a_long_body_is_parsed_in_pieces_that_keep_every_offset():
    """A long article is parsed piece by piece (bounded memory) into one Doc whose text is the
    body, so every span still indexes it; sentences and entities come through."""
    from dyads.annotate.pipeline import PARSE_PIECE_CHARS, load_model, parse
    from dyads.settings import Settings

    paragraph = "President Tokayev met Xi Jinping in Astana on Monday. They signed a trade deal.\n\n"
    body = paragraph * (PARSE_PIECE_CHARS // len(paragraph) * 2 + 3)
    parsed = parse(load_model(Settings().model), body)
    assert parsed.text == body
    sentences = [s.text.strip() for s in parsed.sents]
    assert sentences.count("They signed a trade deal.") == body.count("They signed a trade deal.")
    assert all(body[e.start_char:e.end_char] == e.text for e in parsed.ents)
    assert "Xi Jinping" in {e.text for e in parsed.ents}


def test_the_budget_still_stops_work_whose_first_alarm_was_swallowed():
    """An alarm that lands in a garbage-collector callback or a __del__ is swallowed by Python
    ("Exception ignored in ..."); the budget raises again instead of letting the work run on."""
    from dyads.annotate.budget import BudgetExceeded, time_budget

    swallowed = 0
    started = time.monotonic()
    with pytest.raises(BudgetExceeded), time_budget(0.2):
        while time.monotonic() - started < 10:
            try:
                while time.monotonic() - started < 10:
                    pass
            except BudgetExceeded:
                swallowed += 1  # what Python does with an exception raised inside a gc callback
                if swallowed > 1:
                    raise
    assert swallowed == 2
    assert time.monotonic() - started < 8  # well before the loop's own 10 s end


ORPHAN_SCRIPT = """
import os, signal, sys, threading, time
from dyads.ingest.clean import clean
from dyads.model import RawDocument
from dyads.settings import Settings
from dyads.annotate.workers import WorkerPool

pool = WorkerPool(Settings(components=("entities", "times", "tests.stall_plugin:misbehave"), time_budget=5.0), 1)

def die_once_the_worker_is_stuck():
    while not (pool.workers and pool.workers[0].tasks):
        time.sleep(0.05)
    time.sleep(0.5)
    print(pool.workers[0].process.pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

threading.Thread(target=die_once_the_worker_is_stuck, daemon=True).start()
doc = clean(RawDocument(source="stuck.txt", id="stuck", text="STUCK-IN-C in Astana, blocking its own alarm."))
list(pool.map([doc]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_stuck_in_a_document_ends_when_its_run_is_killed(tmp_path):
    """kill -9 of `dyads ingest --workers N` leaves no orphan: a worker busy on a document that
    ignores its alarm (as C code would) ends with its parent, it does not spin on forever."""
    import os
    import signal
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])}
    # output to files, not pipes: an orphan would hold a pipe open and the wait would never end
    out, err = tmp_path / "out", tmp_path / "err"
    with out.open("w") as stdout, err.open("w") as stderr:
        returncode = subprocess.run([sys.executable, "-c", ORPHAN_SCRIPT], cwd=tmp_path, env=env,
                                    stdout=stdout, stderr=stderr, timeout=200).returncode
    assert returncode == -signal.SIGKILL, err.read_text()[-2000:]
    worker = int(out.read_text().split()[0])
    deadline = time.monotonic() + 30  # it ends at once; the margin is for a busy machine
    try:
        while time.monotonic() < deadline and _running(worker):
            time.sleep(0.2)
        assert not _running(worker), "the worker outlived its killed parent"
    finally:
        if _running(worker):
            os.kill(worker, signal.SIGKILL)


def _running(pid: int) -> bool:
    """A live process (a zombie, reaped by init, does not count)."""
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_a_page_whose_cleaning_runs_on_fails_alone_within_its_budget(tmp_path, monkeypatch):
    """Cleaning (HTML extraction, line patterns) is under the time budget too: a page that makes
    it run on is one failure naming the page, and the pages beside it are read."""
    from dyads.annotate import pipeline

    real_clean = pipeline.clean

    def clean_that_hangs_on_one_page(raw, boilerplate=frozenset()):
        while "RUNS-ON" in (raw.text or ""):
            pass
        return real_clean(raw, boilerplate)

    monkeypatch.setattr(pipeline, "clean", clean_that_hangs_on_one_page)
    (tmp_path / "a.txt").write_text(FINE)
    (tmp_path / "b.txt").write_text("This page RUNS-ON in cleaning. " + FINE)
    (tmp_path / "c.txt").write_text(FINE + " They met again.")
    started = time.monotonic()
    items = list(pipeline.read_and_clean([str(tmp_path)], Settings(time_budget=1.0)))
    assert time.monotonic() - started < 30  # a 1 s budget; the margin is for a busy machine
    by_source = {item.source.rsplit("/", 1)[-1]: item for item in items}
    assert isinstance(by_source["b.txt"], Failure) and "cleaning did not finish" in by_source["b.txt"].reason
    assert not isinstance(by_source["a.txt"], Failure) and not isinstance(by_source["c.txt"], Failure)


HOSTILE_PAGES = {
    "one character": "a" * 50_000,
    "initials without end": "A. " * 17_000,
    "open brackets": "(" * 50_000,
    "nested brackets": "([{" * 8_000 + "Kazakhstan" + ")]}" * 8_000,
    "dates on one line": "May 10, 2024 " * 4_000,
    "angle brackets": "<" * 50_000,
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_PAGES))
def test_a_hostile_page_is_cleaned_or_refused_within_its_budget(kind):
    from dyads.annotate.pipeline import clean_one

    text = HOSTILE_PAGES[kind]
    started = time.monotonic()
    result = clean_one(RawDocument(source=kind, id=content_id(text), text=text), budget=20.0)
    assert time.monotonic() - started < 20.0 + 40  # its budget; the margin is for a busy machine
    assert isinstance(result, Failure) or result.body.strip()


def test_deeply_nested_html_is_read_or_refused_within_its_budget():
    from dyads.annotate.pipeline import clean_one

    html = "<html><body>" + "<div><span>" * 3_000 + "Kazakhstan and China signed a trade deal." + "</span></div>" * 3_000 + "</body></html>"
    started = time.monotonic()
    result = clean_one(RawDocument(source="nested.html", id=content_id(html), html=html), budget=20.0)
    assert time.monotonic() - started < 20.0 + 40
    assert isinstance(result, Failure) or "trade deal" in result.body
