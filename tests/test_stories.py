"""Stories: duplicates kept as sources, rewritten reports joined, different events kept apart."""

import json

from typer.testing import CliRunner

from dyads.cli import app
from dyads.ingest.clean import clean
from dyads.corpus.consolidate import Consolidator
from dyads.model import RawDocument, content_id

from tests.conftest import SEEDS

runner = CliRunner()

VISIT_002 = next(SEEDS.glob("002_*.txt"))  # one state visit, reported by two outlets
VISIT_003 = next(SEEDS.glob("003_*.txt"))  # in different translations
MEETING_000 = next(SEEDS.glob("000_*.txt"))  # two meetings of one minister,
DIALOGUE_001 = next(SEEDS.glob("001_*.txt"))  # with different Chinese counterparts


def _doc(annotator, text: str, source: str, published: str | None = None):
    return annotator(clean(RawDocument(source=source, id=content_id(text), text=text, published=published)))


def _stories(annotator, *paths):
    docs = [_doc(annotator, p.read_text(encoding="utf-8"), p.name) for p in paths]
    Consolidator().add_all(docs)
    return docs


def test_repost_with_debris_is_a_duplicate_kept_as_a_source(annotator):
    original = VISIT_002.read_text(encoding="utf-8")
    paragraphs = original.split("\n\n")
    repost = "\n".join(
        ["USD 470.25 EUR 503.10 RUB 5.12", "Share:", paragraphs[0], "Фото: Акорда", *paragraphs[1:], "Subscribe to our Telegram channel"]
    )
    docs = [_doc(annotator, original, "outlet-a"), _doc(annotator, repost, "outlet-b")]
    Consolidator().add_all(docs)
    assert docs[0].id != docs[1].id  # both kept, as two sources
    assert docs[1].duplicate_of == docs[0].id
    assert docs[1].story == docs[0].story


def test_rewritten_reports_of_one_visit_share_a_story(annotator):
    a, b = _stories(annotator, VISIT_002, VISIT_003)
    assert a.duplicate_of is None and b.duplicate_of is None  # different wording, not copies
    assert a.story == b.story


def test_two_meetings_of_one_minister_are_two_stories(annotator):
    a, b = _stories(annotator, MEETING_000, DIALOGUE_001)
    assert a.story != b.story


QUAKE = (
    "A magnitude {mag} earthquake struck {place} on {day}, killing at least {dead} people, officials said.\n\n"
    "The quake hit at a depth of {depth} kilometres near {town}, the {agency} said. "
    "Rescue teams led by {official} searched collapsed buildings through the night."
)


def test_two_earthquakes_are_two_stories_and_reports_of_one_are_one(annotator):
    first = dict(mag="6.8", place="central Morocco", day="Friday", dead="2,000", depth="18", town="Marrakesh",
                 agency="US Geological Survey", official="Interior Minister Abdelouafi Laftit")
    second = dict(mag="7.2", place="western Nepal", day="Saturday", dead="150", depth="11", town="Jajarkot",
                  agency="National Seismological Centre", official="Home Minister Narayan Kaji Shrestha")
    texts = [
        QUAKE.format(**first),
        QUAKE.format(**second),
        # a rewrite of the first report by another outlet
        "Morocco's deadliest earthquake in decades, of magnitude 6.8, hit near Marrakesh on Friday; the death toll "
        "passed 2,000. Interior Minister Abdelouafi Laftit said rescue teams were still searching the rubble.",
    ]
    docs = [_doc(annotator, t, f"quake-{i}", published=p) for i, (t, p) in enumerate(zip(texts, ["2023-09-09", "2023-09-10", "2023-09-10"]))]
    Consolidator().add_all(docs)
    assert docs[0].story != docs[1].story
    assert docs[2].story == docs[0].story


def test_incremental_ingest_attaches_to_a_stored_story(db_url):
    db = db_url
    assert runner.invoke(app, ["ingest", str(VISIT_002), str(MEETING_000), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(VISIT_003), "--db", db]).exit_code == 0  # a later batch
    stories = {}
    for path in (VISIT_002, VISIT_003, MEETING_000):
        doc_id = path.stem.split("_")[0]
        shown = runner.invoke(app, ["process", str(path)])
        data = json.loads(shown.stdout.splitlines()[0])
        stored = json.loads(runner.invoke(app, ["show", data["id"], "--db", db]).stdout)
        stories[doc_id] = stored["story"]
    assert stories["002"] == stories["003"]
    assert stories["000"] != stories["002"]
