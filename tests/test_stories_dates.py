"""Stories in a topical collection: the day of the main event, not the shared vocabulary, decides."""

import pytest

from dyads.ingest.clean import clean
from dyads.corpus.consolidate import Consolidator
from dyads.model import RawDocument, content_id
from dyads.corpus.stories import NUM_PERM, SURE_COSINE, Signature, StoryIndex, days_apart
from dyads.annotate.timevalue import partial_day

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


def test_the_same_talks_ten_days_apart_are_two_stories(annotator):
    docs = [_doc(annotator, TALKS.format(day=day), f"talks-{i}") for i, day in enumerate(["March 3", "March 13"])]
    Consolidator().add_all(docs)
    assert docs[0].story != docs[1].story


FLOOD_A = (
    "Floods in Valencia kill 64 people\n\n"
    "Flash floods swept through the Spanish province of Valencia on October 29, killing at least 64 people in the "
    "towns of Paiporta, Chiva and Utiel, regional mayor Ana Belmonte said. The Magro river burst its banks after "
    "491 litres of rain per square metre fell in eight hours.\n\n"
    "Some 1,200 soldiers of the military emergency unit joined the rescue in Paiporta, where cars were piled in the "
    "streets and 3,000 homes lost power."
)
FLOOD_B = (
    "Valencia floods: death toll rises to 64\n\n"
    "At least 64 people died when flash floods hit Valencia province on October 29, civil protection chief "
    "Tomas Ferrandiz told reporters. In Paiporta, Chiva and Utiel the Magro river burst its banks after 491 litres "
    "of rain per square metre fell within eight hours.\n\n"
    "About 1,200 soldiers from the military emergency unit were sent to Paiporta; piled-up cars blocked streets "
    "and 3,000 homes were without power."
)


def test_two_reports_of_one_flood_quoting_different_officials_share_a_story(annotator):
    docs = [_doc(annotator, FLOOD_A, "flood-a"), _doc(annotator, FLOOD_B, "flood-b")]
    Consolidator().add_all(docs)
    assert docs[1].duplicate_of is None  # rewritten, not copied
    assert docs[0].story == docs[1].story


def test_a_flood_elsewhere_in_the_same_words_is_another_story(annotator):
    elsewhere = (FLOOD_B.replace("Valencia", "Emilia-Romagna").replace("Paiporta", "Faenza").replace("Chiva", "Cesena")
                 .replace("Utiel", "Forli").replace("Magro", "Lamone").replace("October 29", "May 16")
                 .replace("64", "14").replace("491", "200").replace("1,200", "600").replace("3,000", "9,000")
                 .replace("Tomas Ferrandiz", "Fabrizio Curcio"))
    docs = [_doc(annotator, FLOOD_A, "flood-a"), _doc(annotator, elsewhere, "flood-c")]
    Consolidator().add_all(docs)
    assert docs[0].story != docs[1].story


def _signature(doc_id: str, terms: dict[str, int], lead: list[str]) -> Signature:
    """An article as the index sees it; its shingle hashes share nothing with another's (no duplicates)."""
    offset = 1000 * (len(doc_id) + sum(map(ord, doc_id)))
    return Signature(doc_id, None, list(range(offset, offset + NUM_PERM)), terms, people=lead, lead=lead)


def test_other_people_in_the_opening_lower_a_loose_match_but_not_a_close_one():
    shared = {f"w:shared{i}": 3 for i in range(6)}
    first = _signature("a", {**shared, "w:alpha": 3}, ["belmonte"])
    index = StoryIndex()
    index.add(first)
    story = index.stories[index.story_of["a"]]

    def score(extra: int, lead: list[str]) -> tuple[float, float]:
        other = _signature(f"b{extra}{lead}", {**shared, **{f"w:other{i}": 3 for i in range(extra)}}, lead)
        vector = index.vector(other)
        return story.cosine(vector), story.score(other, vector)

    close_cosine, close_score = score(2, ["ferrandiz"])
    loose_cosine, loose_score = score(40, ["ferrandiz"])
    assert close_cosine >= SURE_COSINE > loose_cosine
    assert close_score == close_cosine  # one event, two officials quoted
    assert loose_score < loose_cosine  # loosely alike and about other people: the penalty stands
    assert score(40, ["belmonte"])[1] == loose_cosine  # the same protagonist: no penalty
