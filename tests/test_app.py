"""The application object's queries on hand-made stored documents, on SQLite and on PostgreSQL.

No annotation here: documents with known events are saved through the store,
so each assertion says exactly which events a filter must return.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from dyads.app import App
from dyads.store.database import CannotOpen
from dyads.model import Document, Entity, Event, Mention
from dyads.store.queries import EventFilter

# (published, story, [(type, actors, date, status, score, acting person, receiving person)], words of the body)
ARTICLES = [
    ("2021-03-02", "s1", [("CONSULT", ["RUR", "FRE"], "2021-03-01", "occurred", 1.0, "person/ana", "person/boris")], "ministers discussed grain corridors"),
    ("2021-03-03", "s1", [("CONSULT", ["RUR", "FRE"], "2021-03-01", "occurred", 1.0, "person/ana", "person/boris")], "talks on the grain corridor"),
    ("2022-07-10", "s2", [("ACCUSE", ["FRE", "RUR"], "2022-07", "occurred", -2.0, "person/boris", None),
                          ("THREATEN", ["FRE", "RUR"], None, "planned", -6.0, None, None)], "border incident near the lake"),
    ("2023-01-05", "s3", [("AGREE", ["RUR", "OSL"], "2023", "occurred", 4.0, None, None)], "a railway treaty signed"),
    ("2023-11-20", "s4", [("AID", ["OSL", "FRE"], "2023-11-19", "occurred", 7.0, None, "person/boris")], "flood relief convoy for Zoë Étienne"),
]


def stored_articles() -> list[Document]:
    docs = []
    for n, (published, story, happened, words) in enumerate(ARTICLES):
        body = f"Article {n}. {words}. " + " ".join(f"Sentence {i} about {t} between {a[0]} and {a[1]}." for i, (t, a, *_rest) in enumerate(happened))
        events = []
        for i, (kind, actors, date, status, score, acting, receiving) in enumerate(happened):
            sentence = f"Sentence {i} about {kind} between {actors[0]} and {actors[1]}."
            start = body.index(sentence)
            events.append(Event(type=kind, actors=actors, evidence=[start, start + len(sentence)], date=date, status=status, score=score,
                                sentence=sentence, actor=[acting] if acting else [], recipient=[receiving] if receiving else [],
                                key=f"{story}-{kind}"))
        people = [Entity(id="person/ana", name="Ana Petrova", type="PERSON", key="ana petrova", country="RUR", titles=["Foreign Minister"],
                         mentions=[Mention(0, 7, body[:7])]),
                  Entity(id="person/boris", name="Boris Dupont", type="PERSON", key="boris dupont", country="FRE", mentions=[Mention(0, 7, body[:7])])]
        docs.append(Document(id=f"doc{n}", source=f"gen/{n}.txt", body=body, title=f"Report {n}", published=published,
                             outlet=["Wire A", "Wire B"][n % 2], story=story, events=events, entities=people))
    return docs


@pytest.fixture
def app(db_url):
    app = App.open(db_url)
    for doc in stored_articles():
        app.store.save(doc)
    return app


def keys(page) -> list[str]:
    return [r.key for r in page.items]


def test_events_of_an_actor_a_dyad_a_person(app):
    assert keys(app.events(EventFilter(actors=("OSL",)))) == ["s3-AGREE", "s4-AID"]
    dyad = app.events(EventFilter(actors=("FRE", "RUR")))
    assert keys(dyad) == ["s1-CONSULT", "s2-ACCUSE", "s2-THREATEN"]  # in date order, undated at its article's date
    assert dyad.items[0].num_articles == 2  # told by two articles, one event
    assert keys(app.events(EventFilter(people=("person/boris",)))) == ["s1-CONSULT", "s2-ACCUSE", "s4-AID"]
    assert app.timeline(["rur", "fre"]).total == 3


def test_events_by_type_status_date_and_story(app):
    assert keys(app.events(EventFilter(type="consult"))) == ["s1-CONSULT"]
    assert keys(app.events(EventFilter(status="planned"))) == ["s2-THREATEN"]
    assert keys(app.events(EventFilter(date_from="2022", date_to="2023-01"))) == ["s2-ACCUSE", "s2-THREATEN", "s3-AGREE"]
    assert keys(app.events(EventFilter(date_to="2021-03"))) == ["s1-CONSULT"]  # a month includes its last day
    assert keys(app.events(EventFilter(story="s4"))) == ["s4-AID"]
    assert app.events(EventFilter(actors=("RUR",), type="AID")).total == 0


def test_pages_of_events(app):
    first = app.events(limit=2)
    second = app.events(limit=2, offset=first.next_offset)
    last = app.events(limit=2, offset=second.next_offset)
    assert first.total == 5 and last.next_offset is None
    assert keys(first) + keys(second) + keys(last) == keys(app.events())


def test_stories_documents_and_one_story(app):
    stories = app.stories()
    assert stories.total == 4 and stories.items[0].id == "s4"  # latest first
    story = app.story("s1")
    assert [a["id"] for a in story.articles] == ["doc1", "doc0"] and story.outlets == ["Wire A", "Wire B"]
    assert [r.key for r in story.events] == ["s1-CONSULT"]
    assert app.story("nope") is None
    assert app.documents(story="s2").total == 1
    view = app.document_view("doc0")
    assert [a["id"] for a in view.story_articles] == ["doc1"] and [r.key for r in view.events] == ["s1-CONSULT"]


def test_actors_by_name_and_profile(app):
    assert [a["id"] for a in app.actors("PETROVA").items] == ["person/ana"]
    profile = app.actor("person/ana")
    assert [r.title for r in profile.roles] == ["Foreign Minister"]
    assert [r.key for r in profile.events] == ["s1-CONSULT"]
    assert app.actor("person/nobody") is None


def test_full_text_search(app):
    found = app.search("grain")
    assert found.total == 2 and {h.id for h in found.items} == {"doc0", "doc1"}
    assert any(hit and text.lower().startswith("grain") for h in found.items for text, hit in h.snippet)
    assert app.search("railway treaty").total == 1
    assert app.search("railway flood").total == 0  # every word must occur
    assert app.search('"(*').total == 0


def test_interaction_graph(app):
    edges = {(e.source, e.target): e for e in app.graph().edges}
    assert edges[("RUR", "FRE")].events == 1 and edges[("RUR", "FRE")].tone == 1.0
    assert edges[("FRE", "RUR")].events == 2 and edges[("FRE", "RUR")].tone == -4.0
    people = {(e.source, e.target) for e in app.graph("person").edges}
    assert people == {("person/ana", "person/boris")}


def test_export_writes_every_event_once(app, tmp_path):
    out = tmp_path / "events.csv"
    assert app.export("csv", out) == 5
    assert len(out.read_text().splitlines()) == 6
    with pytest.raises(ValueError):
        app.export("xls", out)


def test_reading_a_missing_database_is_an_error(tmp_path):
    with pytest.raises(CannotOpen):
        App.open(f"sqlite:///{tmp_path / 'none.db'}", create=False).store
    assert not (tmp_path / "none.db").exists()


def test_search_ignores_accents_on_sqlite(tmp_path):
    app = App.open(f"sqlite:///{tmp_path / 'a.db'}")
    for doc in stored_articles():
        app.store.save(doc)
    assert app.search("Zoe Etienne").total == 1


def test_events_stored_before_the_indexes_are_migrated(tmp_path):
    """A store written before event_parties, the listing columns and the full-text index existed:
    the migrations fill them from the stored events and articles."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    app = App.open(url)
    for doc in stored_articles():
        app.store.save(doc)
    with app.store.engine.begin() as conn:  # back to the schema of revision 0002
        conn.execute(text("DROP TABLE event_pairs"))
        conn.execute(text("DROP TABLE event_parties"))
        conn.execute(text("DROP TRIGGER documents_fts_insert"))
        conn.execute(text("DROP TRIGGER documents_fts_delete"))
        conn.execute(text("DROP TABLE documents_fts"))
        conn.execute(text("DROP INDEX events_first_placed"))
        conn.execute(text("DROP INDEX events_first_type_placed"))
        conn.execute(text("ALTER TABLE events DROP COLUMN placed"))
        conn.execute(text("ALTER TABLE events DROP COLUMN first_report"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    reopened = App.open(url)
    assert keys(reopened.events(EventFilter(actors=("OSL",)))) == ["s3-AGREE", "s4-AID"]
    assert keys(reopened.events()) == keys(app.events())  # each event once, in the same order
    assert keys(reopened.events(EventFilter(actors=("OSL",)), limit=1, last=True)) == ["s4-AID"]
    assert keys(reopened.events(EventFilter(actors=("FRE", "RUR")))) == ["s1-CONSULT", "s2-ACCUSE", "s2-THREATEN"]
    assert reopened.search("Zoe Etienne").total == 1  # the articles stored before are indexed
    with reopened.store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Etienne'")).scalar_one() == 1


def test_a_full_text_index_built_before_the_migrations_is_kept(tmp_path):
    """Stores where an older dyads built the FTS table by hand reach the newest revision without indexing twice."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    app = App.open(url)
    for doc in stored_articles():
        app.store.save(doc)
    with app.store.engine.begin() as conn:  # back to revision 0005, with the FTS table an older dyads built
        conn.execute(text("DROP TABLE event_pairs"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0005'"))
    reopened = App.open(url)
    assert reopened.search("Zoe Etienne").total == 1
    assert keys(reopened.events(EventFilter(actors=("OSL", "RUR")))) == ["s3-AGREE"]  # the pairs are filled in


def test_the_latest_events_are_the_end_of_the_date_order(app):
    every = keys(app.events())
    latest = app.events(limit=2, last=True)
    assert keys(latest) == every[-2:] and latest.offset == 3 and latest.next_offset is None
    assert keys(app.events(EventFilter(story="s2"), limit=1, last=True)) == ["s2-THREATEN"]


def test_export_reads_and_writes_the_events_a_page_at_a_time(app, tmp_path, monkeypatch):
    """An export streams: events are read a few at a time and written as they come, yet each once, in date order."""
    import json

    import pyarrow.parquet as pq

    from dyads.store import export

    monkeypatch.setattr(export, "CHUNK", 2)
    every = keys(app.events(limit=None))
    assert [r.key for r in app.iter_events(chunk=2)] == every
    assert app.export("plover-json", tmp_path / "e.jsonl") == len(every)
    assert [json.loads(line)["id"] for line in (tmp_path / "e.jsonl").read_text().splitlines()] == every
    assert app.export("parquet", tmp_path / "e.parquet") == len(every)
    assert pq.read_table(tmp_path / "e.parquet").num_rows == len(every)
    streamed = b"".join(app.export_chunks("plover-json", actors=["osl"]))
    assert [json.loads(line)["id"] for line in streamed.decode().splitlines()] == ["s3-AGREE", "s4-AID"]


def test_statements_are_paged_in_the_database(db_url):
    """Quotes grouped by statement: pages add up to the whole, filters apply before paging."""
    from dyads.model import Quote

    app = App.open(db_url)
    docs = stored_articles()
    for n, doc in enumerate(docs):
        doc.quotes = [Quote(start=0, end=7, text=f"said {n}", speaker="person/ana" if n in (0, 1, 3) else "person/boris",
                            speaker_name="Ana Petrova" if n in (0, 1, 3) else "Boris Dupont", kind="direct", statement="same" if n < 2 else None)]
        app.store.save(doc)
    whole = app.quotes(limit=None)
    assert whole.total == 4 and len(whole.items[0].reports) == 2  # doc0 and doc1 report one statement
    paged = [s.id for offset in range(0, 4, 3) for s in app.quotes(limit=3, offset=offset).items]
    assert paged == [s.id for s in whole.items]
    ana = app.quotes("Ana Petrova", limit=1)
    assert ana.total == 2 and ana.items[0].speaker == "person/ana"
    assert app.quotes("Nobody Here").total == 0
