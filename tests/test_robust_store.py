"""The store under failure: a failed save leaves nothing, concurrent SQLite writers lose nothing."""

import multiprocessing

from sqlalchemy import func, select

from dyads.corpus.consolidate import Consolidator
from dyads.model import Quote
from dyads.annotate.pipeline import Failure
from dyads.store.database import Store, documents, entities, events, mentions

from tests.test_store import _save_all, article


def _count(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_an_error_in_the_middle_of_a_save_leaves_nothing_of_the_document(tmp_path):
    store = Store(str(tmp_path / "s.db"))
    broken = article(1)
    broken.quotes.append(Quote(0, 5, None))  # a quote without text fails after the document row is written
    consolidator = Consolidator()
    outcome = consolidator.add_and_save(broken, store)
    assert isinstance(outcome, Failure) and outcome.source == "gen/1.txt"
    assert "storing failed" in outcome.reason and "Traceback" in outcome.detail
    assert not store.has(broken.id)
    assert [_count(store, t) for t in (documents, entities, mentions, events)] == [0, 0, 0, 0]
    # the consolidator is back at what the store holds: the failed article founded no story
    assert broken.id not in consolidator.stories.story_of
    good = article(2)
    assert consolidator.add_and_save(good, store) is True
    assert good.story == good.id


def test_two_processes_saving_the_same_documents_into_one_sqlite_file_both_finish(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    Store(url)
    numbers = list(range(150))
    ctx = multiprocessing.get_context("spawn")
    ready, results = ctx.Barrier(2), ctx.Queue()
    writers = [ctx.Process(target=_save_all, args=(url, order, ready, results)) for order in (numbers, numbers[::-1])]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
    assert [w.exitcode for w in writers] == [0, 0]  # neither failed on a lock or a UNIQUE constraint
    stored_by_each = [results.get(timeout=5), results.get(timeout=5)]
    assert sum(stored_by_each) == len(numbers)  # the rest were "already stored", not failures
    store = Store(url)
    assert _count(store, documents) == 150 and _count(store, mentions) == 300 and _count(store, events) == 150
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
