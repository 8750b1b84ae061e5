"""Stories in a topical collection: the day of the main event, not the shared vocabulary, decides."""

import pytest

from dyads.clean import clean
from dyads.consolidate import Consolidator
from dyads.model import RawDocument, content_id
from dyads.stories import days_apart
from dyads.timevalue import partial_day

TALKS = (
    "Lithuania and Poland hold talks on border crossings\n\n"
    "The foreign ministers of Lithuania and Poland met in Vilnius on {day} to discuss the reopening of two border "
    "crossings and the transit of freight trains between the two countries.\n\n"
    "Officials said the ministers agreed to set up a joint working group on rail freight and customs checks, "
    "and to meet again before the end of the year. Both ministries called the talks constructive."
)


def _doc(annotator, text: str, source: str, published: str | None = None):
    return annotator(clean(RawDocument(source=source, id=content_id(text + source), text=text, published=published)))


def test_same_parties_and_words_weeks_apart_are_two_stories(annotator):
    docs = [_doc(annotator, TALKS.format(day=day), f"talks-{i}") for i, day in enumerate(["March 3", "April 21"])]
    Consolidator().add_all(docs)
    assert docs[0].story != docs[1].story


def test_reports_of_one_meeting_with_the_day_written_differently_share_a_story(annotator):
    docs = [_doc(annotator, TALKS.format(day=day), f"talks-{i}") for i, day in enumerate(["March 3", "3 March"])]
    Consolidator().add_all(docs)
    assert docs[0].story == docs[1].story


def test_a_dated_meeting_and_its_undated_report_share_a_story(annotator):
    docs = [_doc(annotator, TALKS.format(day="Tuesday"), "talks-a", published="2024-03-05"),
            _doc(annotator, TALKS.format(day="March 5"), "talks-b")]
    Consolidator().add_all(docs)
    assert docs[0].story == docs[1].story


@pytest.mark.parametrize("text, value", [
    ("July 16", "XXXX-07-16"),
    ("on 3rd of March", "XXXX-03-03"),
    ("on Saturday", "XXXX-WXX-6"),
    ("Tuesday night", "XXXX-WXX-2"),
    ("yesterday", None),
    ("last year", None),
])
def test_partial_day_without_an_anchor(text, value):
    assert partial_day(text) == value


@pytest.mark.parametrize("a, b, gap", [
    ("2024-03-05", "2024-03-08", 3),
    ("XXXX-12-30", "2025-01-02", 3),  # across the turn of the year
    ("XXXX-WXX-6", "XXXX-WXX-1", 2),
    ("XXXX-WXX-2", "2024-03-05", 0),  # 5 March 2024 was a Tuesday
    ("XXXX-WXX-2", "XXXX-03-05", None),  # which weekday, without a year? unknown
])
def test_days_apart_of_partial_days(a, b, gap):
    assert days_apart(a, b) == gap
